"""The recovery pages driven as the caseworker: register, draft, sign, plan, repay, the letter,
the unit's list of limits expiring and the manager's follow-up page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from bryggan.decisions.models import RecoveryClaim, RecoveryDecision
from bryggan.payments.models import Payment
from bryggan.people.models import Household
from tests.decisions.recovery_fixtures import Paid, paid_case
from tests.payments.conftest import current_year_norm, delegation, make_decision

__all__ = ["current_year_norm", "delegation", "make_decision", "paid_case"]
pytestmark = pytest.mark.django_db
PaidCase = Callable[..., tuple[Household, list[Payment]]]


def _register(client: Client, household: Household, payments: list[Payment], amount: int) -> object:
    return client.post(
        reverse("decisions:recovery_register", args=[household.pk]),
        {
            "payments": [p.pk for p in payments],
            "ground": "caused",
            "facts": "Lön i oktober redovisades inte.",
            "amount": amount,
        },
    )


def test_a_caseworker_registers_decides_and_plans_a_recovery(
    paid_case: PaidCase, client_as: Callable[..., Client]
) -> None:
    household, payments = paid_case(
        1,
        Paid(9180, month="2025-07", on=date(2025, 7, 25)),
        Paid(2000, month="2025-08", on=date(2025, 8, 25)),
    )
    client = client_as("caseworker")
    response = _register(client, household, payments, 3000)
    claim = RecoveryClaim.objects.get()
    assert response["Location"] == reverse(
        "decisions:recovery_detail", args=[household.pk, claim.pk]
    )
    detail = reverse("decisions:recovery_detail", args=[household.pk, claim.pk])
    client.post(
        reverse("decisions:recovery_decision_create", args=[household.pk, claim.pk]),
        {"reasons": "Inkomsten skulle ha redovisats."},
    )
    decision = RecoveryDecision.objects.get()
    client.post(
        reverse("decisions:recovery_decision_sign", args=[household.pk, claim.pk, decision.pk])
    )
    client.post(
        reverse("decisions:recovery_plan", args=[household.pk, claim.pk]),
        {"monthly_amount": 500, "first_month": "2026-12"},
    )
    client.post(
        reverse("decisions:recovery_repayment", args=[household.pk, claim.pk]),
        {"received_on": "2026-11-01", "amount": 500},
    )
    page = client.get(detail).content.decode()
    assert "33 kap. 1 § första stycket SoL (2025:400)" in page
    assert "2028-07-25" in page  # three years from 2025-07-25, a Tuesday
    assert 'data-testid="outstanding">2\u202f500\u00a0kr<' in page
    assert page.count('<td class="num">500\u00a0kr</td>') >= 6  # six instalments and the repayment
    letter = client.get(
        reverse("decisions:recovery_letter", args=[household.pk, claim.pk, decision.pk])
    )
    assert letter["Content-Type"] == "application/pdf"
    assert letter.content.startswith(b"%PDF")


def test_a_refused_claim_keeps_what_was_typed(
    paid_case: PaidCase, client_as: Callable[..., Client]
) -> None:
    household, payments = paid_case(1, Paid(9180), Paid(2000))
    response = _register(client_as("caseworker"), household, payments, 11_181)
    page = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "Lön i oktober redovisades inte." in page
    assert 'value="11181"' in page
    assert not RecoveryClaim.objects.exists()


def test_a_payment_of_another_case_cannot_be_chosen(
    paid_case: PaidCase, client_as: Callable[..., Client]
) -> None:
    household, _ = paid_case(1, Paid(9180))
    _, others = paid_case(2, Paid(2000))
    response = _register(client_as("caseworker"), household, others, 1000)
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert not RecoveryClaim.objects.exists()


def test_the_case_page_links_to_its_recovery_claims(
    paid_case: PaidCase, client_as: Callable[..., Client]
) -> None:
    household, _ = paid_case(1, Paid(9180))
    page = client_as("caseworker").get(reverse("people:household_detail", args=[household.pk]))
    assert reverse("decisions:recovery_list", args=[household.pk]) in page.content.decode()


def test_the_expiring_list_and_the_follow_up_page_show_the_claim(
    paid_case: PaidCase, client_as: Callable[..., Client]
) -> None:
    household, payments = paid_case(1, Paid(9180, month="2023-06", on=date(2023, 6, 26)))
    caseworker = client_as("caseworker")
    _register(caseworker, household, payments, 4000)
    claim = RecoveryClaim.objects.get()
    caseworker.post(
        reverse("decisions:recovery_decision_create", args=[household.pk, claim.pk]),
        {"reasons": "Skäl."},
    )
    decision = RecoveryDecision.objects.get()
    caseworker.post(
        reverse("decisions:recovery_decision_sign", args=[household.pk, claim.pk, decision.pk])
    )
    expiring = caseworker.get(reverse("decisions:recovery_expiring")).content.decode()
    assert household.case_number in expiring
    assert "2026-06-26" in expiring
    follow_up = client_as("unit_manager").get(reverse("followup:unit")).content.decode()
    assert "4\u202f000\u00a0kr" in follow_up
