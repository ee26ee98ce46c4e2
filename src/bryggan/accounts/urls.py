from django.urls import path

from bryggan.accounts import views, views_oidc

app_name = "accounts"
urlpatterns = [
    path("logga-in/", views.login_view, name="login"),
    path("logga-ut/", views.logout_view, name="logout"),
    path("logga-in/kod/", views.otp_verify_view, name="otp_verify"),
    path("logga-in/ny-kodapp/", views.otp_enrol_view, name="otp_enrol"),
    path("logga-in/oidc/", views_oidc.oidc_authenticate_view, name="oidc_authenticate"),
    path("logga-in/oidc/callback/", views_oidc.oidc_callback_view, name="oidc_callback"),
    path("logga-in/oidc/nekad/", views_oidc.oidc_refused_view, name="oidc_refused"),
]
