from django.urls import path

from bryggan.projects import views

app_name = "projects"
urlpatterns = [
    path("projekt/", views.project_list_view, name="project_list"),
    path("projekt/nytt/", views.project_create_view, name="project_create"),
    path("projekt/<int:project_id>/", views.project_detail_view, name="project_detail"),
    path("projekt/<int:project_id>/andra/", views.project_edit_view, name="project_edit"),
    path(
        "projekt/<int:project_id>/utfall.csv",
        views.project_outcomes_csv_view,
        name="project_outcomes_csv",
    ),
    path(
        "projekt/<int:project_id>/deltagare/ny/",
        views.participant_find_view,
        name="participant_find",
    ),
    path(
        "projekt/deltagare/<int:participant_id>/",
        views.participant_end_view,
        name="participant_end",
    ),
    path("arenden/<int:household_id>/projekt/", views.case_projects_view, name="case_projects"),
]
