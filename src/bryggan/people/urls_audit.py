"""The unit's access-log review under the `audit` namespace (`audit:review`).

The view lives in `people` (its flags need cases and persons; `audit` imports no case app), so
this module, not an `audit/urls.py`, names it; bryggan/urls.py includes it.
"""

from django.urls import path

from bryggan.people import views

app_name = "audit"
urlpatterns = [
    path("logg/", views.access_log_review_view, name="review"),
]
