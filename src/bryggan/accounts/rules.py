"""When a signed-in session must end: pure, the clock is a parameter."""

from __future__ import annotations

from enum import StrEnum


class SessionEnd(StrEnum):
    IDLE = "idle"  # no request for longer than the idle time
    MAXIMUM = "maximum"  # signed in longer than the fixed maximum, active or not


def session_end_reason(
    *,
    signed_in_at: float,
    last_seen_at: float,
    now: float,
    idle_seconds: float,
    maximum_seconds: float,
) -> SessionEnd | None:
    """Why a session signed in at `signed_in_at` and last used at `last_seen_at` (seconds since the
    epoch) must end at `now`, or None while it may go on. The maximum wins over the idle time."""
    if now - signed_in_at >= maximum_seconds:
        return SessionEnd.MAXIMUM
    if now - last_seen_at >= idle_seconds:
        return SessionEnd.IDLE
    return None


def chosen_language(
    *, user_language: str, cookie_language: str | None, available: set[str], default: str
) -> str:
    """The language of a page: the user's own choice, else the choice kept in the browser's
    language cookie (before sign-in), else the default (Swedish). Never the browser's
    Accept-Language header: a Swedish authority's system speaks Swedish until asked not to."""
    for candidate in (user_language, cookie_language or ""):
        if candidate in available:
            return candidate
    return default
