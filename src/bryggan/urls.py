"""URL map: every app's urls, the admin for administrators, i18n switch."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from bryggan.accounts import views as account_views
from bryggan.accounts.decorators import public
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
    path("", include("bryggan.employers.urls")),
    path("api/", api.urls),
    path("sprak/", public(set_language), name="set_language"),
    path("halsa/", health, name="health"),
    path("admin/", admin.site.urls),
]
