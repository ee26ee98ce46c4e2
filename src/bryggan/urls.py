"""URL map: every app's urls, the admin for administrators, i18n switch."""

from django.contrib import admin
from django.urls import include, path

from bryggan.accounts import views as account_views
from bryggan.api.api import api
from bryggan.core.health import health

urlpatterns = [
    path("", account_views.home, name="home"),
    path("", include("bryggan.accounts.urls")),
    path("", include("bryggan.people.urls")),
    path("", include("bryggan.people.urls_audit")),
    path("", include("bryggan.intake.urls")),
    path("", include("bryggan.decisions.urls")),
    path("", include("bryggan.payments.urls")),
    path("", include("bryggan.norm_entry.urls")),
    path("", include("bryggan.statistics.urls")),
    path("", include("bryggan.followup.urls")),
    path("", include("bryggan.activities.urls")),
    path("", include("bryggan.planning.urls")),
    path("", include("bryggan.projects.urls")),
    path("", include("bryggan.reporting.urls")),
    path("", include("bryggan.casefile.urls")),
    path("", include("bryggan.mypages.urls")),
    path("", include("bryggan.cooperation.urls")),
    path("", include("bryggan.reviews.urls")),
    path("", include("bryggan.desk.urls")),
    path("", include("bryggan.preassessment.urls")),
    path("", include("bryggan.employers.urls")),
    path("", include("bryggan.placements.urls")),
    path("api/", api.urls),
    path("sprak/", account_views.language_view, name="set_language"),
    path("halsa/", health, name="health"),
    path("admin/", admin.site.urls),
]
