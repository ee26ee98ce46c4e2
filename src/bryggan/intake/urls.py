from django.urls import path

from bryggan.intake import views

app_name = "intake"
urlpatterns = [
    path("mottagning/ny-ansokan/", views.application_create, name="application_create"),
    path(
        "mottagning/ansokan/<int:application_id>/",
        views.application_detail,
        name="application_detail",
    ),
    path("mottagning/ansokan/<int:application_id>/besok/", views.meeting_mark, name="meeting_mark"),
    path("mottagning/forsenade/", views.overdue, name="overdue"),
]
