"""The demo's sign-in group mappings: what groups of a made-up municipal identity provider would
give (the admin's *Sign-in group mappings* list). The demo itself signs in with local accounts;
these take effect only when a provider is configured (BRYGGAN_OIDC_STAFF_*)."""

from __future__ import annotations

from bryggan.accounts.models import Unit
from bryggan.accounts.roles import Role
from bryggan.accounts.services_oidc import claim_mapping_set

CASE_ROLES = {
    Role.CASEWORKER: "handlaggare",
    Role.WORK_COACH: "arbetsmarknad",
    Role.UNIT_MANAGER: "chefer",
}


def demo_claim_mappings(*, units: list[Unit]) -> None:
    """One group per case role and unit (`bryggan-handlaggare-1`, …) and one for the analysts."""
    for number, unit in enumerate(units, start=1):
        for role, group in CASE_ROLES.items():
            claim_mapping_set(
                claim_value=f"bryggan-{group}-{number}", role=role, unit=unit, by=None
            )
    claim_mapping_set(claim_value="bryggan-analytiker", role=Role.ANALYST, unit=None, by=None)
