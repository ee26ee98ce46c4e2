"""Sign-in, sign-out and the start page, which differs by role."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bryggan.accounts.decorators import public, requires
from bryggan.accounts.roles import Capability
from bryggan.accounts.selectors import unit_summaries


@public
def login_view(request: HttpRequest) -> HttpResponse:
    return auth_views.LoginView.as_view(template_name="accounts/login.html")(request)


@require_POST
@requires(Capability.SIGNED_IN)
def logout_view(request: HttpRequest) -> HttpResponse:
    return auth_views.LogoutView.as_view()(request)


@requires(Capability.SIGNED_IN)
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.can(Capability.VIEW_CASES):  # type: ignore[union-attr]
        return redirect("people:caseload")
    if user.can(Capability.VIEW_STATISTICS):  # type: ignore[union-attr]
        return render(
            request,
            "accounts/home_statistics.html",
            {"units": unit_summaries(today=timezone.localdate())},
        )
    return render(request, "accounts/home.html")
