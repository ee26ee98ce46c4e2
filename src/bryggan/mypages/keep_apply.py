"""What the applicant typed in the renewal form survives a session that ended in the middle of
it (issue 17, "an expired sign-in in the middle of the form").

The form carries a signed, timestamped token naming the person (`keep_token`). When its POST comes
after the session ended (idle time or maximum), the sign-in redirect first hands the request to
`keep_posted_renewal` (`accounts.decorators.keeps_post_when_signed_out`), which stores the posted
fields, server-side, in the new session under the person the token names. After signing in again,
the renewal page takes them back (`kept_renewal_take`) only for that same person and only within
`KEEP_MINUTES`; anyone else signing in on the same browser gets nothing, and the data is removed
on first use. Chosen files cannot be kept: the page asks for them again. The form's idempotency
key is kept too, so sending it again still makes one application.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, QueryDict

from bryggan.people.models import Person

TOKEN_FIELD = "kept_for"  # noqa: S105 (a form field's name, not a secret)
SESSION_KEY = "bryggan_mypages_kept_renewal"
SALT = "bryggan.mypages.keep_apply"
KEEP_MINUTES = 30  # how long after the session ended the typed form is offered again
_NOT_KEPT = frozenset({"csrfmiddlewaretoken", TOKEN_FIELD})


def keep_token(person: Person) -> str:
    """The signed token the renewal form carries: which person may get the form back."""
    return signing.dumps(person.pk, salt=SALT)


def _token_person_id(token: str) -> int | None:
    max_age = settings.BRYGGAN_SESSION_MAX_HOURS * 3600 + KEEP_MINUTES * 60
    try:
        value = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:  # also an expired token
        return None
    return value if isinstance(value, int) else None


def keep_posted_renewal(request: HttpRequest) -> None:
    """Keep the renewal form a signed-out POST carried, in the (new) session, for its person."""
    person_id = _token_person_id(request.POST.get(TOKEN_FIELD, ""))
    if person_id is None:
        return
    request.session[SESSION_KEY] = {
        "person": person_id,
        "at": time.time(),
        "had_files": bool(request.FILES),
        "data": {k: request.POST.getlist(k) for k in request.POST if k not in _NOT_KEPT},
    }


def kept_renewal_take(request: HttpRequest, person: Person) -> tuple[QueryDict, bool] | None:
    """The kept form data for this person (and whether files had been chosen), removed from the
    session; None when nothing is kept for them or it is older than `KEEP_MINUTES`."""
    kept = request.session.pop(SESSION_KEY, None)
    if not isinstance(kept, dict) or kept.get("person") != person.pk:
        return None
    if time.time() - float(kept.get("at", 0)) > KEEP_MINUTES * 60:
        return None
    data = QueryDict(mutable=True)
    for key, values in dict(kept.get("data", {})).items():
        data.setlist(key, [str(v) for v in values])
    return data, bool(kept.get("had_files"))
