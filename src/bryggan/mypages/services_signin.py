"""An applicant signed in with e-legitimation: the personnummer the identity broker vouches for
names the person; the account is made at the first sign-in (`applicant_user_for`)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from bryggan.accounts.models import User
from bryggan.accounts.services_oidc import SignInRefused
from bryggan.core.errors import DomainError
from bryggan.mypages.selectors_signin import person_by_identity_number, person_has_case
from bryggan.mypages.services import applicant_user_for
from bryggan.people.rules import parse_identity_number


class ApplicantRefusal(StrEnum):
    NO_CASE = "no_case"  # an unknown personnummer, or a person with no case
    PROTECTED_IDENTITY = "protected_identity"  # skyddad identitet: never on the web
    NO_NUMBER = "no_number"  # the broker sent no valid personnummer


def applicant_sign_in(*, personnummer: object, today: date) -> User:
    """The applicant user of the person the broker's personnummer claim names. Refused, and no
    account made, for a person with protected identity (the case is handled in person, so that
    no sign-in or notice can reveal it) and for one without a case."""
    try:
        number = parse_identity_number(str(personnummer or ""), today=today).number
    except DomainError as error:
        raise SignInRefused(ApplicantRefusal.NO_NUMBER) from error
    person = person_by_identity_number(number)
    if person is None:
        raise SignInRefused(ApplicantRefusal.NO_CASE)
    if person.protected_identity:
        raise SignInRefused(ApplicantRefusal.PROTECTED_IDENTITY)
    if not person_has_case(person):
        raise SignInRefused(ApplicantRefusal.NO_CASE)
    return applicant_user_for(person)
