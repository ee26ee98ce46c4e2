from django.urls import path

from bryggan.desk import views

app_name = "desk"
urlpatterns = [
    path("mitt-arbete/", views.my_work_view, name="my_work"),
    path("sok/", views.search_view, name="search"),
]
