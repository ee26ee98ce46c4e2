"""The payment register exported from the case data, and the indicators computed from it."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.commands.indicators import main as indicators_main
from bryggan.decisions.models import Decision
from bryggan.payments.models import Payment, PaymentStatus
from bryggan.payments.services import payment_mark, payment_run_execute
from tests.payments.conftest import current_year_norm, delegation, make_decision

__all__ = ["current_year_norm", "delegation", "make_decision"]
pytestmark = pytest.mark.django_db


def export(tmp_path: Path) -> list[dict[str, str]]:
    month = timezone.localdate().strftime("%Y-%m")
    out = tmp_path / "register.csv"
    call_command("export_register", first=month, last=month, out=out, municipality="0180")
    with out.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_one_row_per_person_and_paid_month_with_the_amount_on_the_applicant(
    make_decision: Callable[..., Decision], persona: Callable[..., User], tmp_path: Path
) -> None:
    paid = make_decision(1)
    make_decision(2, sign=False)  # never paid: not in the register
    payment_run_execute(
        by=persona("unit_manager"), execution_date=date(2026, 11, 25), now=timezone.now()
    )
    rows = export(tmp_path)
    assert rows == [
        {
            "municipality": "0180",
            "month": paid.month,
            "household_id": f"H{paid.household_id}",
            "person_id": f"P{paid.household.members.get().person_id}",
            "birth_year": str(paid.household.members.get().person.birth_date.year),
            "role": "applicant",
            "amount": str(paid.amount),
        }
    ]


def test_a_returned_payment_is_not_in_the_register(
    make_decision: Callable[..., Decision], persona: Callable[..., User], tmp_path: Path
) -> None:
    make_decision(1)
    payment_run_execute(
        by=persona("unit_manager"), execution_date=date(2026, 11, 25), now=timezone.now()
    )
    payment_mark(
        payment=Payment.objects.get(),
        status=PaymentStatus.RETURNED,
        on=date(2026, 11, 26),
        reason="Kontot avslutat",
        by=persona("unit_manager"),
    )
    assert export(tmp_path) == []


def test_the_indicators_run_on_the_exported_register(
    make_decision: Callable[..., Decision], persona: Callable[..., User], tmp_path: Path
) -> None:
    decisions = [make_decision(n, rent=4000 + n) for n in range(3)]
    payment_run_execute(
        by=persona("unit_manager"), execution_date=date(2026, 11, 25), now=timezone.now()
    )
    export(tmp_path)
    year = timezone.localdate().year
    population = tmp_path / "population.csv"
    population.write_text(f"municipality,year,population,population_18_24\n0180,{year},1000,100\n")
    out = tmp_path / "indicators.csv"
    status = indicators_main(
        [
            "--register",
            str(tmp_path / "register.csv"),
            "--population",
            str(population),
            "--year",
            str(year),
            "--out",
            str(out),
        ]
    )
    assert status == 0
    with out.open(encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert (row["households"], row["recipients"], row["adult_recipients"]) == ("3", "3", "3")
    assert row["cost_per_inhabitant"] == str(round(sum(d.amount for d in decisions) / 1000))


def test_bad_arguments_are_refused_with_status_2(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as error:
        call_command("export_register", first="2026-13", last="2026-12")
    assert error.value.returncode == 2
    with pytest.raises(CommandError):
        call_command("export_register", first="2026-01", last="2026-12", municipality="180")
