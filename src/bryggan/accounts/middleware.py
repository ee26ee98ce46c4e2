"""Deny by default: every view must be public or declare the capability it requires."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse

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
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return None
