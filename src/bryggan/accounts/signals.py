"""The moment of sign-in, kept in the session for its fixed maximum (`SessionLimitMiddleware`)."""

from __future__ import annotations

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from bryggan.accounts.middleware import LAST_SEEN_AT, SIGNED_IN_AT


@receiver(user_logged_in, dispatch_uid="bryggan_session_signed_in")
def session_mark_signed_in(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    if request is None:  # a sign-in outside a request has no session
        return
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now
