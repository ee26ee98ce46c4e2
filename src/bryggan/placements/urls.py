from django.urls import path

from bryggan.placements import views

app_name = "placements"
urlpatterns = [
    path("samverkan/urvalsgrupper/", views.group_list_view, name="group_list"),
    path("samverkan/urvalsgrupper/ny/", views.group_create_view, name="group_create"),
    path("samverkan/urvalsgrupper/<int:group_id>/", views.group_edit_view, name="group_edit"),
    path("placeringar/", views.placement_list_view, name="placement_list"),
    path(
        "arenden/<int:household_id>/placeringar/",
        views.case_placements_view,
        name="case_placements",
    ),
    path(
        "arenden/<int:household_id>/placeringar/ny/",
        views.placement_create_view,
        name="placement_create",
    ),
    path("placeringar/<int:placement_id>/", views.placement_detail_view, name="placement_detail"),
    path("placeringar/<int:placement_id>/rosta/", views.placement_vote_view, name="vote"),
    path(
        "placeringar/<int:placement_id>/overenskommelse/",
        views.agreement_edit_view,
        name="agreement_edit",
    ),
    path(
        "placeringar/<int:placement_id>/overenskommelse/pdf/",
        views.agreement_pdf_view,
        name="agreement_pdf",
    ),
    path(
        "placeringar/<int:placement_id>/overenskommelse/underskriven/",
        views.agreement_sign_view,
        name="agreement_sign",
    ),
    path("placeringar/<int:placement_id>/starta/", views.placement_start_view, name="start"),
    path(
        "placeringar/<int:placement_id>/uppfoljningar/<int:follow_up_id>/",
        views.follow_up_hold_view,
        name="follow_up_hold",
    ),
    path("placeringar/<int:placement_id>/avsluta/", views.placement_end_view, name="end"),
    path("partner/placeringar/", views.partner_list_view, name="partner_list"),
    path("partner/placeringar/ny/", views.partner_propose_view, name="partner_propose"),
    path(
        "partner/placeringar/<int:placement_id>/",
        views.partner_detail_view,
        name="partner_detail",
    ),
    path(
        "partner/placeringar/<int:placement_id>/rosta/",
        views.partner_vote_view,
        name="partner_vote",
    ),
]
