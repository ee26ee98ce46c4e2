from django.urls import path

from bryggan.accounts import views

app_name = "accounts"
urlpatterns = [
    path("logga-in/", views.login_view, name="login"),
    path("logga-ut/", views.logout_view, name="logout"),
    path("logga-in/kod/", views.otp_verify_view, name="otp_verify"),
    path("logga-in/ny-kodapp/", views.otp_enrol_view, name="otp_enrol"),
]
