from django.urls import path

from bryggan.activities import views

app_name = "activities"
urlpatterns = [
    path("aktiviteter/", views.activity_list, name="activity_list"),
    path("aktiviteter/ny/", views.activity_create_view, name="activity_create"),
    path("aktiviteter/passiva/", views.passive, name="passive"),
    path("aktiviteter/<int:activity_id>/", views.activity_detail, name="activity_detail"),
    path("aktiviteter/<int:activity_id>/narvaro/", views.attendance, name="attendance"),
    path(
        "aktiviteter/<int:activity_id>/andra/", views.activity_change_view, name="activity_change"
    ),
    path("aktiviteter/<int:activity_id>/avsluta/", views.activity_end_view, name="activity_end"),
    path("aktiviteter/remiss/<int:referral_id>/", views.referral_detail, name="referral_detail"),
    path("aktiviteter/remiss/<int:referral_id>/steg/", views.referral_step, name="referral_step"),
    path(
        "arenden/<int:household_id>/aktiviteter/",
        views.case_activities,
        name="case_activities",
    ),
    path("arenden/<int:household_id>/aktiviteter/formaga/", views.ability, name="ability"),
    path("sanktioner/", views.sanction_list, name="sanction_list"),
    path("sanktioner/<int:proposal_id>/", views.sanction_detail, name="sanction_detail"),
    path(
        "sanktioner/<int:proposal_id>/bedomning/",
        views.sanction_assess_view,
        name="sanction_assess",
    ),
    path(
        "sanktioner/<int:proposal_id>/godkannande/",
        views.sanction_decide_view,
        name="sanction_decide",
    ),
    path(
        "sanktioner/<int:proposal_id>/mottaget/", views.sanction_received, name="sanction_received"
    ),
    path("sanktioner/<int:proposal_id>/beslut.pdf", views.sanction_letter, name="sanction_letter"),
    path(
        "sanktioner/<int:proposal_id>/omprovning/",
        views.sanction_reconsider_view,
        name="sanction_reconsider",
    ),
    path(
        "sanktioner/omprovning/<int:reconsideration_id>/mottaget/",
        views.sanction_reconsideration_received,
        name="sanction_reconsideration_received",
    ),
    path(
        "sanktioner/omprovning/<int:reconsideration_id>/beslut.pdf",
        views.sanction_reconsideration_letter,
        name="sanction_reconsideration_letter",
    ),
]
