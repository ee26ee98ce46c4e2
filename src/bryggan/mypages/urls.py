from django.urls import path

from bryggan.mypages import views, views_apply, views_signin

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
    path("mina-sidor/logga-in/", views_signin.signin_view, name="signin"),
    path(
        "mina-sidor/logga-in/e-legitimation/",
        views_signin.oidc_authenticate_view,
        name="oidc_authenticate",
    ),
    path("mina-sidor/logga-in/callback/", views_signin.oidc_callback_view, name="oidc_callback"),
    path("mina-sidor/logga-in/nekad/", views_signin.signin_refused_view, name="signin_refused"),
    path("mina-sidor/logga-in/demo/", views_signin.demo_signin_view, name="demo_signin"),
]
