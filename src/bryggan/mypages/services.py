"""Applicant accounts: the one place a person becomes a user of role applicant."""

from __future__ import annotations

from django.db import transaction

from bryggan.accounts.models import User
from bryggan.accounts.roles import Role
from bryggan.accounts.services import user_create
from bryggan.audit.services import change_record_write
from bryggan.mypages.models import ApplicantAccount
from bryggan.people.models import Person


@transaction.atomic
def applicant_user_for(person: Person) -> User:
    """The applicant user of `person`, made at the first sign-in (no password: only the identity
    provider, or the demo's test sign-in, signs an applicant in)."""
    account = ApplicantAccount.objects.select_related("user").filter(person=person).first()
    if account is not None:
        return account.user
    user = user_create(
        username=f"applicant-{person.pk}",
        role=Role.APPLICANT,
        unit=None,
        first_name=person.first_name,
        last_name=person.last_name,
    )
    account = ApplicantAccount.objects.create(user=user, person=person)
    change_record_write(
        user=None,
        case_id=None,
        object_type="applicant_account",
        object_id=account.pk,
        action="create",
        changes={"person": person.pk},
    )
    return user
