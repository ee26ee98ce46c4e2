"""Deny by default: every view must be public or declare the capability it requires; sessions
end after an idle time and at a fixed maximum; the second factor comes before any page."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.rules import SessionEnd, chosen_language, session_end_reason
from bryggan.accounts.selectors import totp_device_confirmed

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])

# Views from Django and libraries that guard themselves (admin: is_staff; API: its own auth).
_SELF_GUARDED_PREFIXES = (
    "django.contrib.admin",
    "ninja",
    "django.views.static",
    "django.contrib.staticfiles",
)


class LoginRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        target = getattr(view_func, "func", view_func)  # a functools.partial (ninja) → its function
        module = getattr(target, "__module__", "") or ""
        if module.startswith(_SELF_GUARDED_PREFIXES) or getattr(view_func, "is_public", False):
            return None
        if not hasattr(view_func, "required_capability"):
            name = getattr(target, "__qualname__", repr(target))
            raise ImproperlyConfigured(f"view {module}.{name} declares no capability")
        if not request.user.is_authenticated:
            keep_signed_out_post(request, view_func)
            return redirect_to_login(request.get_full_path(), sign_in_url(request))
        return None


def keep_signed_out_post(request: HttpRequest, view_func: Callable[..., Any] | None) -> None:
    """A POST that came after the session ended: let a view marked with
    `@keeps_post_when_signed_out` keep what was typed (in the new session) before sign-in."""
    if request.method != "POST":
        return
    if view_func is None:
        try:
            view_func = resolve(request.path_info).func
        except Resolver404:
            return
    keep = getattr(view_func, "keep_signed_out_post", None)
    if keep is not None:
        keep(request)


def sign_in_url(request: HttpRequest) -> str:
    """Applicants' pages send to the applicants' sign-in (e-legitimation); the rest to staff's."""
    if request.path.startswith(reverse("mypages:home")):
        return reverse("mypages:signin")
    return str(settings.LOGIN_URL)


# --- sessions: an idle time and a fixed maximum ---------------------------------------------

SIGNED_IN_AT = "bryggan_signed_in_at"
LAST_SEEN_AT = "bryggan_last_seen_at"
# The last activity is written at most once a minute, not on every request (a session row write
# each time); a session may so end up to a minute before its idle time is quite over.
TOUCH_EVERY_SECONDS = 60

SESSION_ENDED = {
    SessionEnd.IDLE: _("You were signed out after a while without activity. Sign in again."),
    SessionEnd.MAXIMUM: _("You have been signed in for the longest time allowed. Sign in again."),
}


class SessionLimitMiddleware:
    """Ends a signed-in session after BRYGGAN_SESSION_IDLE_MINUTES without a request and
    BRYGGAN_SESSION_MAX_HOURS after sign-in. Ending is Django's logout: the session row is deleted
    on the server, so its cookie opens nothing afterwards."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            session, now = request.session, time.time()
            signed_in_at = float(session.setdefault(SIGNED_IN_AT, now))
            last_seen_at = float(session.setdefault(LAST_SEEN_AT, now))
            reason = session_end_reason(
                signed_in_at=signed_in_at,
                last_seen_at=last_seen_at,
                now=now,
                idle_seconds=settings.BRYGGAN_SESSION_IDLE_MINUTES * 60,
                maximum_seconds=settings.BRYGGAN_SESSION_MAX_HOURS * 3600,
            )
            if reason is not None:
                logout(request)
                keep_signed_out_post(request, None)
                messages.info(request, SESSION_ENDED[reason])
                return _to_sign_in(request)
            if now - last_seen_at >= TOUCH_EVERY_SECONDS:
                session[LAST_SEEN_AT] = now
        return self.get_response(request)


def _to_sign_in(request: HttpRequest) -> HttpResponse:
    """The sign-in page, coming back here after; htmx is told to load it as a whole page."""
    response = redirect_to_login(request.get_full_path(), sign_in_url(request))
    if request.headers.get("HX-Request"):
        hx = HttpResponse(status=204)
        hx["HX-Redirect"] = response["Location"]
        return hx
    return response


# --- the second factor ---------------------------------------------------------------------

SECOND_FACTOR_REQUIRED = _("Sign in with your second factor first.")
# How a session was signed in (set by accounts/oidc.py and the demo's test sign-in).
SIGNED_IN_WITH = "bryggan_signed_in_with"
SIGNED_IN_BY_PROVIDER = frozenset({"oidc:staff", "oidc:applicant"})
SIGNED_IN_BY_DEMO = "demo"
SECOND_FACTOR_ELSEWHERE = SIGNED_IN_BY_PROVIDER | {SIGNED_IN_BY_DEMO}


def second_factor_exempt(view: ViewFunc) -> ViewFunc:
    """Mark a view that a user signed in with the password alone may reach (enrol, verify, sign
    out)."""
    view.second_factor_exempt = True  # type: ignore[attr-defined]
    return view


class SecondFactorMiddleware:
    """With BRYGGAN_REQUIRE_OTP on, a user signed in with the password alone reaches no page (the
    admin site and the API included) until a TOTP code is verified: to the verify page with a
    confirmed device, else to enrol one. The API answers 401 instead of redirecting."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not settings.BRYGGAN_REQUIRE_OTP or not user.is_authenticated:
            return None
        if user.is_verified():  # type: ignore[union-attr]
            return None
        # The identity provider's second factor counts (issue 14); so does the demo's test
        # sign-in, which exists only with debug on.
        if request.session.get(SIGNED_IN_WITH) in SECOND_FACTOR_ELSEWHERE:
            return None
        if getattr(view_func, "is_public", False) or getattr(
            view_func, "second_factor_exempt", False
        ):
            return None
        target = getattr(view_func, "func", view_func)
        module = getattr(target, "__module__", "") or ""
        if module.startswith(("django.views.static", "django.contrib.staticfiles")):
            return None
        if module.startswith("ninja"):
            return JsonResponse({"detail": str(SECOND_FACTOR_REQUIRED)}, status=401)
        name = "accounts:otp_verify" if totp_device_confirmed(user) else "accounts:otp_enrol"
        return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


class UserLanguageMiddleware(LocaleMiddleware):
    """Django's locale middleware, choosing the language by `rules.chosen_language`: the user's
    own choice, kept with the user, rather than the browser's header. After authentication."""

    def process_request(self, request: HttpRequest) -> None:
        user = getattr(request, "user", None)
        language = chosen_language(
            user_language=getattr(user, "language", "") if user is not None else "",
            cookie_language=request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME),
            available={code for code, _name in settings.LANGUAGES},
            default=settings.LANGUAGE_CODE,
        )
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
