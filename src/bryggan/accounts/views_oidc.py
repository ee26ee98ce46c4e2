"""Staff sign-in through the municipality's identity provider (OpenID Connect): start, callback
and the page that says why a sign-in was refused. The protocol is mozilla-django-oidc's
(`accounts/oidc.py`)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from bryggan.accounts.decorators import public
from bryggan.accounts.oidc import REFUSAL, StaffCallbackView, StaffRequestView
from bryggan.accounts.rules_oidc import StaffRefusal

STAFF_REFUSED = {
    StaffRefusal.UNKNOWN_GROUP: _(
        "Your account at the municipality is not in any group that gives a role in Bryggan, so "
        "no account was made. Ask Bryggan's administrator to give your group a role and unit."
    ),
    StaffRefusal.CONFLICTING_GROUPS: _(
        "Your groups at the municipality give different roles or units in Bryggan, so you were "
        "not signed in. Ask Bryggan's administrator to settle which one is yours."
    ),
    StaffRefusal.NO_SUBJECT: _(
        "The identity provider did not say who you are. Try again, or ask the administrator."
    ),
    StaffRefusal.ACCOUNT_OFF: _(
        "Your account in Bryggan is switched off. Ask Bryggan's administrator."
    ),
}
SIGN_IN_NOT_COMPLETED = _(
    "The sign-in through the identity provider did not complete. Try again; if it fails again, "
    "ask the administrator."
)


@public
@never_cache
def oidc_authenticate_view(request: HttpRequest) -> HttpResponse:
    """To the identity provider (404 when staff sign-in through one is not configured)."""
    return StaffRequestView.as_view()(request)


@public
@never_cache
def oidc_callback_view(request: HttpRequest) -> HttpResponse:
    return StaffCallbackView.as_view()(request)


@public
@never_cache
def oidc_refused_view(request: HttpRequest) -> HttpResponse:
    reason = request.session.pop(REFUSAL, None)
    message = STAFF_REFUSED.get(reason, SIGN_IN_NOT_COMPLETED)  # type: ignore[call-overload]
    return render(request, "accounts/oidc_refused.html", {"message": message})
