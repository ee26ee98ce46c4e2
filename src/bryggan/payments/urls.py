from django.urls import path

from bryggan.payments import views

app_name = "payments"
urlpatterns = [
    path("utbetalningar/", views.run_list, name="run_list"),
    path("utbetalningar/kor/", views.run_execute, name="run_execute"),
    path("utbetalningar/<int:run_id>/", views.run_detail, name="run_detail"),
    path("utbetalningar/<int:run_id>/pain001.xml", views.run_file, name="run_file"),
    path("utbetalningar/betalning/<int:payment_id>/atergang/", views.mark, name="mark"),
    path(
        "arenden/<int:household_id>/beslut/<int:decision_id>/betala-akut/",
        views.emergency,
        name="emergency",
    ),
]
