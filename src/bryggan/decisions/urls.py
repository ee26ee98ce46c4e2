from django.urls import path

from bryggan.decisions import views

app_name = "decisions"
urlpatterns = [
    path("arenden/<int:household_id>/berakning/", views.calculation_page, name="calculation"),
    path(
        "arenden/<int:household_id>/berakning/forhandsvisning/",
        views.calculation_preview,
        name="calculation_preview",
    ),
    path(
        "arenden/<int:household_id>/berakning/<int:calculation_id>/",
        views.calculation_detail,
        name="calculation_detail",
    ),
    path("arenden/<int:household_id>/beslut/nytt/", views.decision_create, name="decision_create"),
    path(
        "arenden/<int:household_id>/beslut/<int:decision_id>/",
        views.decision_detail,
        name="decision_detail",
    ),
    path(
        "arenden/<int:household_id>/beslut/<int:decision_id>/signera/",
        views.decision_sign_view,
        name="decision_sign",
    ),
    path(
        "arenden/<int:household_id>/beslut/<int:decision_id>/mottaget/",
        views.decision_received,
        name="decision_received",
    ),
    path(
        "arenden/<int:household_id>/beslut/<int:decision_id>/beslut.pdf",
        views.decision_letter,
        name="decision_letter",
    ),
]
