from django.urls import URLPattern, path

from bryggan.casefile import views, views_timeline  # noqa: F401

app_name = "casefile"
urlpatterns: list[URLPattern] = [
    path("arenden/<int:household_id>/tidslinje/", views_timeline.timeline, name="timeline"),
]
