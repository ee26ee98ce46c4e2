from django.urls import path

from bryggan.reporting import views

app_name = "reporting"
urlpatterns = [
    path(
        "arenden/<int:household_id>/forsorjningshinder/",
        views.reasons_record_view,
        name="reasons",
    ),
    path("rapportering/", views.status_view, name="status"),
    path("rapportering/skapa/", views.submit_view, name="submit"),
    path("rapportering/filer/<int:submission_id>/", views.submission_file_view, name="file"),
]
