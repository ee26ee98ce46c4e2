"""The applicants' sign-in page (/mina-sidor/logga-in/): e-legitimation through the identity
broker (OpenID Connect), the page that says what to do when Mina sidor is not for one, and the
demo's test sign-in (debug only)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from bryggan.accounts.decorators import public
from bryggan.accounts.middleware import SIGNED_IN_BY_DEMO, SIGNED_IN_WITH
from bryggan.accounts.oidc import APPLICANT, REFUSAL, is_configured
from bryggan.mypages.oidc import ApplicantCallbackView, ApplicantRequestView
from bryggan.mypages.selectors_signin import demo_applicants
from bryggan.mypages.services import applicant_user_for
from bryggan.mypages.services_signin import ApplicantRefusal

APPLICANT_REFUSED = {
    ApplicantRefusal.NO_CASE: _(
        "We have no case for you, so there is nothing to show on My pages yet. To apply for "
        "financial assistance, call the unit or visit its reception: they help you apply and "
        "book your first meeting."
    ),
    ApplicantRefusal.PROTECTED_IDENTITY: _(
        "Your identity is protected, so your case is not shown on My pages: that keeps anything "
        "about you from being seen or sent on the web. Call your caseworker or the unit, or visit "
        "the reception, and you get everything about your case in person."
    ),
    ApplicantRefusal.NO_NUMBER: _(
        "The e-legitimation did not give us a personnummer we can use. Try again, or call the "
        "unit or visit its reception."
    ),
}
SIGN_IN_NOT_COMPLETED = _(
    "The sign-in with e-legitimation did not complete. Try again, or call the unit or visit its "
    "reception."
)


@public
@never_cache
def signin_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "mypages/signin_page.html",
        {
            "broker_sign_in": is_configured(APPLICANT),
            "demo_persons": demo_applicants() if settings.DEBUG else [],
            "next": request.GET.get("next", ""),
        },
    )


@public
@never_cache
def oidc_authenticate_view(request: HttpRequest) -> HttpResponse:
    """To the identity broker (404 when it is not configured)."""
    return ApplicantRequestView.as_view()(request)


@public
@never_cache
def oidc_callback_view(request: HttpRequest) -> HttpResponse:
    return ApplicantCallbackView.as_view()(request)


@public
@never_cache
def signin_refused_view(request: HttpRequest) -> HttpResponse:
    reason = request.session.pop(REFUSAL, None)
    message = APPLICANT_REFUSED.get(reason, SIGN_IN_NOT_COMPLETED)  # type: ignore[call-overload]
    return render(request, "mypages/signin_refused.html", {"message": message})


@public
@never_cache
def demo_signin_view(request: HttpRequest) -> HttpResponse:
    """The demo's test sign-in as one of its applicants: only with debug on (404 otherwise), and
    only as a person the sign-in page offers."""
    if not settings.DEBUG:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    offered = {str(person.pk): person for person in demo_applicants()}
    person = offered.get(request.POST.get("person", ""))
    if person is None:
        raise Http404
    login(request, applicant_user_for(person), backend="django.contrib.auth.backends.ModelBackend")
    request.session[SIGNED_IN_WITH] = SIGNED_IN_BY_DEMO
    return redirect("mypages:home")
