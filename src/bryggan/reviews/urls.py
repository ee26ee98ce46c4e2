from django.urls import path

from bryggan.reviews import views

app_name = "reviews"
urlpatterns = [
    path("samverkan/arendegenomgangar/", views.group_list_view, name="group_list"),
    path("samverkan/arendegenomgangar/ny/", views.group_create_view, name="group_create"),
    path(
        "samverkan/arendegenomgangar/<int:group_id>/", views.group_detail_view, name="group_detail"
    ),
    path(
        "samverkan/arendegenomgangar/<int:group_id>/andra/",
        views.group_edit_view,
        name="group_edit",
    ),
    path(
        "samverkan/arendegenomgangar/<int:group_id>/moten/nytt/",
        views.meeting_create_view,
        name="meeting_create",
    ),
    path(
        "samverkan/arendegenomgangar/<int:group_id>/moten/boka/",
        views.meetings_schedule_view,
        name="meetings_schedule",
    ),
    path("samverkan/moten/<int:meeting_id>/", views.meeting_detail_view, name="meeting_detail"),
    path("samverkan/moten/<int:meeting_id>/hallet/", views.meeting_hold_view, name="meeting_hold"),
    path(
        "samverkan/moten/<int:meeting_id>/punkter/<int:item_id>/stryk/",
        views.agenda_remove_view,
        name="agenda_remove",
    ),
    path(
        "samverkan/moten/<int:meeting_id>/punkter/<int:item_id>/protokoll/",
        views.minutes_view,
        name="minutes",
    ),
    path("samverkan/atgarder/forsenade/", views.overdue_actions_view, name="overdue_actions"),
    path("samverkan/atgarder/<int:action_id>/klar/", views.action_done_view, name="action_done"),
    path("samverkan/atgarder/<int:action_id>/andra/", views.action_edit_view, name="action_edit"),
    path("samverkan/partneranvandare/", views.partner_users_view, name="partner_users"),
    path(
        "samverkan/partneranvandare/<int:user_id>/aktiv/",
        views.partner_user_active_view,
        name="partner_user_active",
    ),
    path(
        "arenden/<int:household_id>/arendegenomgangar/",
        views.case_reviews_view,
        name="case_reviews",
    ),
    path(
        "arenden/<int:household_id>/trepartssamtal/",
        views.three_party_create_view,
        name="three_party_create",
    ),
    path("partner/moten/", views.partner_meetings_view, name="partner_meetings"),
    path("partner/moten/<int:meeting_id>/", views.partner_meeting_view, name="partner_meeting"),
]
