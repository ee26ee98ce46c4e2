from django.urls import path

from bryggan.statistics import views

app_name = "statistics"
urlpatterns = [
    path("statistik/", views.indicator_table_view, name="table"),
    path("statistik/kommun/<str:code>/", views.municipality_series_view, name="municipality"),
    path("statistik/forvantat/", views.expected_scatter_view, name="expected"),
]
