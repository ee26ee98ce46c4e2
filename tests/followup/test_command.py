"""`bryggan followup-returns`: the nightly 12-month return check."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bryggan.accounts.models import Unit, User
from bryggan.cli import DJANGO_ALIASES
from bryggan.followup.models import ReturnFollowUp
from bryggan.followup.services import case_close
from tests.followup.factories import apply, household

pytestmark = pytest.mark.django_db


def test_the_command_records_outcomes_once(unit: Unit, persona: Callable[..., User]) -> None:
    caseworker = persona("caseworker")
    back, away = household(unit, by=caseworker), household(unit, by=caseworker)
    case_close(household=back, reason="work", closed_on=date(2025, 2, 1), by=caseworker)
    case_close(household=away, reason="studies", closed_on=date(2025, 2, 1), by=caseworker)
    apply(back, date(2025, 8, 1), by=caseworker)

    first, second = StringIO(), StringIO()
    call_command("followup_returns", "--today", "2026-02-01", stdout=first)
    call_command("followup_returns", "--today", "2026-02-01", stdout=second)

    assert first.getvalue().strip() == (
        "2 closures followed up: 1 returned, 1 stayed self-sufficient."
    )
    assert second.getvalue().startswith("0 closures followed up")
    assert ReturnFollowUp.objects.count() == 2


def test_a_closure_is_not_checked_before_its_twelve_months(
    unit: Unit, persona: Callable[..., User]
) -> None:
    caseworker = persona("caseworker")
    case = household(unit, by=caseworker)
    case_close(household=case, reason="work", closed_on=date(2025, 2, 1), by=caseworker)
    call_command("followup_returns", "--today", "2026-01-31", stdout=StringIO())
    assert not ReturnFollowUp.objects.exists()


def test_a_bad_date_exits_2() -> None:
    with pytest.raises(CommandError) as error:
        call_command("followup_returns", "--today", "2026-13-01", stdout=StringIO())
    assert error.value.returncode == 2


def test_the_hyphenated_name_is_an_alias() -> None:
    assert DJANGO_ALIASES["followup-returns"] == "followup_returns"
