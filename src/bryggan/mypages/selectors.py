"""Which person an applicant user is."""

from __future__ import annotations

from bryggan.accounts.models import User
from bryggan.mypages.models import ApplicantAccount
from bryggan.people.models import Person


def person_of_applicant(user: User) -> Person | None:
    account = ApplicantAccount.objects.select_related("person").filter(user_id=user.pk).first()
    return account.person if account else None
