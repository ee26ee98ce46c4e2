from django.urls import path

from bryggan.mypages import views, views_signin

app_name = "mypages"
urlpatterns = [
    path("mina-sidor/", views.home_view, name="home"),
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
