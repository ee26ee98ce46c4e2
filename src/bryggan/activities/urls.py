from django.urls import path

from bryggan.activities import views

app_name = "activities"
urlpatterns = [
    path("aktiviteter/", views.activity_list, name="activity_list"),
    path("aktiviteter/ny/", views.activity_create_view, name="activity_create"),
    path("aktiviteter/passiva/", views.passive, name="passive"),
    path("aktiviteter/<int:activity_id>/", views.activity_detail, name="activity_detail"),
    path("aktiviteter/<int:activity_id>/narvaro/", views.attendance, name="attendance"),
    path("aktiviteter/remiss/<int:referral_id>/", views.referral_detail, name="referral_detail"),
    path("aktiviteter/remiss/<int:referral_id>/steg/", views.referral_step, name="referral_step"),
    path(
        "arenden/<int:household_id>/aktiviteter/",
        views.case_activities,
        name="case_activities",
    ),
    path("arenden/<int:household_id>/aktiviteter/formaga/", views.ability, name="ability"),
]
