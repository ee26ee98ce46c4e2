"""The applicant's gate to their own consents: only consents the own person has given; anything
else is "not found". Every read is in the access log with the applicant as the reader."""

from __future__ import annotations

from django.http import HttpRequest

from bryggan.accounts.models import User
from bryggan.audit.services import access_log_write
from bryggan.cooperation.models import Consent
from bryggan.core.errors import NotFoundOrForbidden
from bryggan.mypages.access import NOT_FOUND, PURPOSE, OwnCase, access_own_case
from bryggan.mypages.selectors_consents import own_consent_get


def access_own_consent(
    user: User, consent_id: int, *, request: HttpRequest | None = None
) -> tuple[OwnCase, Consent]:
    """A consent given by the applicant's own person, its read logged."""
    case = access_own_case(user, request=request)
    consent = own_consent_get(case.person.pk, consent_id)
    if consent is None:
        raise NotFoundOrForbidden(NOT_FOUND)
    access_log_write(
        user=user,
        object_type="consent",
        object_id=consent.pk,
        case_id=consent.household_id,
        purpose=PURPOSE,
        request=request,
    )
    return case, consent
