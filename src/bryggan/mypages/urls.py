from django.urls import path

from bryggan.mypages import views, views_apply

app_name = "mypages"
urlpatterns = [
    path("mina-sidor/", views.home_view, name="home"),
    path("mina-sidor/ansok/", views_apply.apply_start, name="apply_start"),
    path("mina-sidor/ansok/forsta/", views_apply.apply_first, name="apply_first"),
    path("mina-sidor/ansok/fornya/", views_apply.apply_renewal, name="apply_renewal"),
    path(
        "mina-sidor/ansok/fornya/forhandsberakning/",
        views_apply.apply_preview,
        name="apply_preview",
    ),
    path(
        "mina-sidor/ansok/<int:online_id>/kvitto/", views_apply.apply_receipt, name="apply_receipt"
    ),
]
