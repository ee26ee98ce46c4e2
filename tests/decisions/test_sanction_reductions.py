"""The reductions a saved calculation subtracts, read per reduction decision; the calculation page
opened at a given month; a correction started from a newly chosen calculation.

The signing refusal itself is tested with the reconsideration it guards against, in
tests/activities/test_sanction_reconsideration.py.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.core.month import Month
from bryggan.decisions.models import Decision, DecisionStatus, SavedCalculation
from bryggan.decisions.rules import sanction_reductions_differ, sanction_reductions_in_result
from bryggan.decisions.selectors import decision_initial
from bryggan.intake.models import Application

SANCTION = "reduction.sanction"


def test_a_stored_lines_decision_and_decided_amount_are_read_per_decision() -> None:
    result = {
        "lines": [
            {"code": "norm.personal", "amount": 3160, "note": ""},
            {"code": SANCTION, "amount": 300, "sanction_decision": 7, "decided_amount": 300},
            # Capped at the person's own part: the decided amount counts, not the applied one.
            {"code": SANCTION, "amount": 2000, "sanction_decision": 9, "decided_amount": 2500},
        ]
    }
    assert sanction_reductions_in_result(result) == {7: 300, 9: 2500}


def test_older_lines_are_read_from_their_note_with_the_capped_amount() -> None:
    result = {
        "lines": [
            {"code": SANCTION, "amount": 800, "note": "beslut nr 12 den 2026-11-24"},
            {
                "code": SANCTION,
                "amount": 3160,
                "note": "beslut nr 13 den 2026-11-25, ändrat genom omprövningsbeslut nr 4 den "
                "2026-11-30 (beslutat 4 000 kr, begränsat till personens egen del)",
            },
            {"code": SANCTION, "amount": 50, "note": "något annat"},
        ]
    }
    assert sanction_reductions_in_result(result) == {12: 800, 13: 4000}
    assert sanction_reductions_in_result({}) == {}


def test_reductions_differ_by_amount_or_presence_never_by_wording() -> None:
    assert not sanction_reductions_differ({12: 800}, {12: 800})
    assert not sanction_reductions_differ({}, {})
    assert not sanction_reductions_differ({12: 0}, {})  # nothing subtracted either way
    assert sanction_reductions_differ({12: 800}, {12: 300})  # lowered
    assert sanction_reductions_differ({12: 800}, {})  # revoked
    assert sanction_reductions_differ({}, {12: 800})  # decided since


@pytest.mark.django_db
def test_the_calculation_page_opens_at_the_month_a_link_asks_for(
    application: Application, client_as: Callable[..., Client]
) -> None:
    url = reverse("decisions:calculation", args=[application.household_id])
    client = client_as("caseworker")
    asked = client.get(url + "?manad=2026-12")
    assert asked.context["form"]["month"].value() == "2026-12"
    this_month = str(Month.of(timezone.localdate()))
    for nonsense in ("?manad=2026-13", "?manad=december", ""):
        assert client.get(url + nonsense).context["form"]["month"].value() == this_month


def _saved(application: Application, month: str, amount: int, by: User) -> SavedCalculation:
    return SavedCalculation.objects.create(
        household=application.household,
        month=month,
        norm_year=int(month[:4]),
        amount=amount,
        input={},
        result={"lines": []},
        created_by=by,
    )


@pytest.mark.django_db
def test_a_correction_starts_from_the_chosen_calculation_of_the_same_month(
    application: Application, persona: Callable[..., User]
) -> None:
    caseworker = persona("caseworker")
    old = _saved(application, "2026-12", 8380, caseworker)
    signed = Decision.objects.create(
        household=application.household,
        month="2026-12",
        kind="livelihood_support",
        outcome="granted",
        calculation=old,
        calculated_amount=8380,
        amount=8380,
        reasons="Beviljas.",
        status=DecisionStatus.SIGNED,
        created_by=caseworker,
        signed_by=caseworker,
        signed_at=timezone.now(),
    )
    new = _saved(application, "2026-12", 9180, caseworker)
    other_month = _saved(application, "2027-01", 5000, caseworker)
    household = application.household

    chosen = decision_initial(household, corrects=signed, calculation_id=str(new.pk))
    assert (chosen["calculation"], chosen["amount"]) == (new.pk, 9180)
    assert chosen["reasons"] == "Beviljas."
    for ignored in (None, "abc", str(other_month.pk), "999999"):
        kept = decision_initial(household, corrects=signed, calculation_id=ignored)
        assert (kept["calculation"], kept["amount"]) == (old.pk, 8380)
