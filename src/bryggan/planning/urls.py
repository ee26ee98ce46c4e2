from django.urls import path

from bryggan.planning import views

app_name = "planning"
PLAN = "arenden/<int:household_id>/plan/<int:person_id>/"
urlpatterns = [
    path(PLAN, views.plan_detail, name="plan_detail"),
    path(f"{PLAN}ny-version/", views.version_create_view, name="version_create"),
    path(f"{PLAN}signera/", views.version_sign_view, name="version_sign"),
    path(f"{PLAN}uppfoljning/", views.followup_book_view, name="followup_book"),
    path(
        f"{PLAN}uppfoljning/<int:followup_id>/hallen/",
        views.followup_hold_view,
        name="followup_hold",
    ),
    path(
        f"{PLAN}uppfoljning/<int:followup_id>/stall-in/",
        views.followup_cancel_view,
        name="followup_cancel",
    ),
    path("planer/missade-uppfoljningar/", views.missed, name="missed"),
]
