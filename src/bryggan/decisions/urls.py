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
]
