from django.urls import URLPattern, path  # noqa: F401

from bryggan.casefile import views  # noqa: F401

app_name = "casefile"
urlpatterns: list[URLPattern] = []
