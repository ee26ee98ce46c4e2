from django.urls import path

from bryggan.followup import views

app_name = "followup"
urlpatterns = [
    path("arenden/<int:household_id>/avsluta/", views.case_close_view, name="case_close"),
    path("uppfoljning/", views.unit_follow_up_view, name="unit"),
]
