"""The test provider as a pytest fixture, with its users: two staff members (one in a mapped
group, one not) and three applicants (one with a case, one with protected identity, one
unknown)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.oidc_provider.provider import Provider, running_provider
from tests.people.factories import identity_number

PASSWORD = "provider-password"
PERSONNUMMER = "https://id.oidc.se/claim/personalIdentityNumber"
SARA, SKYDDAD = date(1984, 9, 12), date(1979, 3, 3)


def provider_users() -> dict[str, dict[str, object]]:
    def staff(groups: list[str], given: str) -> dict[str, object]:
        return {
            "password": PASSWORD,
            "claims": {
                "groups": groups,
                "preferred_username": given.lower(),
                "given_name": given,
                "family_name": "Berg",
            },
        }

    def applicant(number: str) -> dict[str, object]:
        return {"password": PASSWORD, "claims": {PERSONNUMMER: number}}

    return {
        "anna": staff(["bryggan-handlaggare-soder", "alla-anstallda"], "Anna"),
        "erik": staff(["ekonomi"], "Erik"),
        "sara": applicant(identity_number(SARA, 321).replace("-", "")),
        "skyddad": applicant(identity_number(SKYDDAD, 456).replace("-", "")),
        "okand": applicant(identity_number(date(1990, 5, 5), 789).replace("-", "")),
    }


@pytest.fixture
def provider(live_server: Any, tmp_path: Path, settings: Any, english: None) -> Iterator[Provider]:
    with running_provider(
        tmp_path, bryggan_url=str(live_server), users=provider_users()
    ) as running:
        settings.BRYGGAN_OIDC = running.bryggan_settings
        settings.BRYGGAN_REQUIRE_OTP = True  # the provider's second factor counts instead
        yield running
