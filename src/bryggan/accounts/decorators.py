"""`@requires(capability)`: the page-level rule every view declares."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Capability

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])


def requires(capability: Capability) -> Callable[[ViewFunc], ViewFunc]:
    def decorate(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated or not request.user.can(capability):  # type: ignore[union-attr]
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_capability = capability  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorate


def signed_in_user(request: HttpRequest) -> User:
    """The request's user as Bryggan's `User`, for a view behind `@requires` (which has let
    only a signed-in user through)."""
    return request.user  # type: ignore[return-value]


def keeps_post_when_signed_out(
    keep: Callable[[HttpRequest], None],
) -> Callable[[ViewFunc], ViewFunc]:
    """Mark a form view whose POST, when it arrives after the session has ended, is handed to
    `keep(request)` before the sign-in redirect (accounts.middleware), so what the user typed is
    not lost: `keep` stores it in the new session and the view offers it again after sign-in."""

    def decorate(view: ViewFunc) -> ViewFunc:
        view.keep_signed_out_post = keep  # type: ignore[attr-defined]
        return view

    return decorate


def public(view: ViewFunc) -> ViewFunc:
    """Mark a view that needs no sign-in (the login page, static health check)."""
    view.is_public = True  # type: ignore[attr-defined]
    return view


NO_UNIT = _("Your account belongs to no unit: an administrator must place you in one.")


def request_unit(request: HttpRequest) -> Unit:
    """The signed-in user's unit; a user placed in none is refused (403), never a server error."""
    unit = request.user.unit  # type: ignore[union-attr]
    if unit is None:
        raise PermissionDenied(NO_UNIT)
    return unit
