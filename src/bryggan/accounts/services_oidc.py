"""Staff signed in by the municipality's identity provider: the account made or brought up to
date from the provider's claims, through the administrator's group mapping."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction

from bryggan.accounts.models import ClaimMapping, ExternalIdentity, Unit, User
from bryggan.accounts.roles import Role
from bryggan.accounts.rules_oidc import (
    Grant,
    MappingRow,
    StaffRefusal,
    claim_values,
    staff_grant,
)
from bryggan.accounts.services import user_create
from bryggan.audit.services import change_record_write
from bryggan.core.errors import DomainError

USERNAME_MAX = 150


class SignInRefused(DomainError):
    """The identity provider signed the person in, but Bryggan will not: `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def claim_mapping_rows() -> list[MappingRow]:
    return [
        MappingRow(
            claim_value=row.claim_value,
            grant=Grant(
                role=row.role,
                unit_id=row.unit_id,
                sees_protected_identity=row.sees_protected_identity,
            ),
        )
        for row in ClaimMapping.objects.all()
    ]


@transaction.atomic
def staff_sign_in_oidc(
    *, issuer: str, claims: Mapping[str, object], groups_claim: str, username_claim: str
) -> User:
    """The staff user for the provider's `claims`: made at the first sign-in (no password: only
    the provider signs it in), its role, unit and name brought up to date at each later one.
    Raises `SignInRefused`, and changes nothing, for an unmapped or conflicting group."""
    subject = str(claims.get("sub") or "")
    if not subject:
        raise SignInRefused(StaffRefusal.NO_SUBJECT)
    grant = staff_grant(claim_values(claims.get(groups_claim)), claim_mapping_rows())
    if isinstance(grant, StaffRefusal):
        raise SignInRefused(grant)
    first_name = str(claims.get("given_name") or "")[:150]
    last_name = str(claims.get("family_name") or "")[:150]
    identity = (
        ExternalIdentity.objects.select_related("user")
        .filter(issuer=issuer, subject=subject)
        .first()
    )
    if identity is None:
        user = user_create(
            username=_free_username(str(claims.get(username_claim) or subject)),
            role=Role(grant.role),
            unit=None,
            first_name=first_name,
            last_name=last_name,
            sees_protected_identity=grant.sees_protected_identity,
        )
        user.unit_id = grant.unit_id
        user.save(update_fields=["unit"])
        identity = ExternalIdentity.objects.create(user=user, issuer=issuer, subject=subject)
        change_record_write(
            user=None,
            case_id=None,
            object_type="user",
            object_id=user.pk,
            action="created_by_sign_in",
            changes={"role": grant.role, "unit": grant.unit_id, "issuer": issuer},
        )
        return user
    user = identity.user
    if not user.is_active:
        raise SignInRefused(StaffRefusal.ACCOUNT_OFF)
    return _user_update(user, grant=grant, first_name=first_name, last_name=last_name)


def _user_update(user: User, *, grant: Grant, first_name: str, last_name: str) -> User:
    """Role, unit and name as the provider and the mapping say now; a history row if the role,
    unit or right to see protected identities changed."""
    before = {
        "role": user.role,
        "unit": user.unit_id,
        "sees_protected_identity": user.sees_protected_identity,
    }
    after = {
        "role": grant.role,
        "unit": grant.unit_id,
        "sees_protected_identity": grant.sees_protected_identity,
    }
    user.role, user.unit_id = grant.role, grant.unit_id
    user.sees_protected_identity = grant.sees_protected_identity
    user.is_staff = user.is_superuser = grant.role == Role.ADMINISTRATOR
    user.first_name, user.last_name = first_name or user.first_name, last_name or user.last_name
    user.save(
        update_fields=[
            "role",
            "unit",
            "sees_protected_identity",
            "is_staff",
            "is_superuser",
            "first_name",
            "last_name",
        ]
    )
    if before != after:
        change_record_write(
            user=None,
            case_id=None,
            object_type="user",
            object_id=user.pk,
            action="role_changed_by_sign_in",
            changes={"before": before, "after": after},
        )
    return user


def _free_username(wanted: str) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`…: a local account's name is never taken over."""
    base = wanted[: USERNAME_MAX - 8] or "user"
    candidate, n = base, 1
    while User.objects.filter(username=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


@transaction.atomic
def claim_mapping_set(
    *,
    claim_value: str,
    role: Role,
    unit: Unit | None,
    sees_protected_identity: bool = False,
    by: User | None,
) -> ClaimMapping:
    """What a group at the identity provider gives (made or changed); the administrator does the
    same in the admin."""
    mapping, _ = ClaimMapping.objects.update_or_create(
        claim_value=claim_value,
        defaults={
            "role": role.value,
            "unit": unit,
            "sees_protected_identity": sees_protected_identity,
        },
    )
    change_record_write(
        user=by,
        case_id=None,
        object_type="claim_mapping",
        object_id=mapping.pk,
        action="set",
        changes={"claim_value": claim_value, "role": role.value, "unit": unit and unit.pk},
    )
    return mapping
