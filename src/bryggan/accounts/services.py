"""Creating staff accounts; used by the administrator's tools, the demo and the test personas."""

from __future__ import annotations

from django.db import transaction

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role


@transaction.atomic
def user_create(
    *,
    username: str,
    role: Role,
    unit: Unit | None,
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
    sees_protected_identity: bool = False,
) -> User:
    """A staff account with one role; administrators also get the admin site."""
    return User.objects.create_user(
        username=username,
        password=password,
        first_name=first_name,
        last_name=last_name,
        role=role.value,
        unit=unit,
        is_staff=role == Role.ADMINISTRATOR,
        is_superuser=role == Role.ADMINISTRATOR,
        sees_protected_identity=sees_protected_identity,
    )
