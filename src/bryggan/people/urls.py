from django.urls import path

from bryggan.people import views

app_name = "people"
urlpatterns = [
    path("arenden/", views.caseload, name="caseload"),
    path("arenden/<int:household_id>/", views.household_detail, name="household_detail"),
    path("arenden/<int:household_id>/hushall/", views.household_edit_view, name="household_edit"),
    path(
        "arenden/<int:household_id>/logg/", views.household_access_log, name="household_access_log"
    ),
    path("personer/<int:person_id>/", views.person_detail, name="person_detail"),
    path("enheten/arendebelastning/", views.unit_caseload, name="unit_caseload"),
    path(
        "personer/<int:person_id>/registerutdrag/ladda-ned.json",
        views.person_register_extract_json,
        name="person_register_extract_json",
    ),
    path(
        "personer/<int:person_id>/registerutdrag.pdf",
        views.person_register_extract_pdf,
        name="person_register_extract_pdf",
    ),
]
