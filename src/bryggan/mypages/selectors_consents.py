"""Reads of the applicant's own consents on My pages: every consent the person has given, with
where it stands today (valid, withdrawn, expired, not yet valid)."""

from __future__ import annotations

from datetime import date

from bryggan.cooperation.models import Consent
from bryggan.cooperation.rules import consent_state
from bryggan.cooperation.selectors import ConsentRow, consent_terms, consents_for_person


def own_consent_rows(person_id: int, *, today: date) -> list[ConsentRow]:
    """The person's own consents, newest first, each with its state on `today`."""
    return [
        ConsentRow(consent=c, state=consent_state(consent_terms(c), on=today))
        for c in consents_for_person(person_id)
    ]


def own_consent_get(person_id: int, consent_id: int) -> Consent | None:
    """One consent given by the person, or None (another person's is the same as a missing one)."""
    return next((c for c in consents_for_person(person_id) if c.pk == consent_id), None)
