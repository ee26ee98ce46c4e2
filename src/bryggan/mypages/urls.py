from django.urls import path

from bryggan.mypages import views

app_name = "mypages"
urlpatterns = [
    path("mina-sidor/", views.home_view, name="home"),
]
