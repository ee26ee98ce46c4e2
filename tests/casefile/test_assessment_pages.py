"""The structured assessment's pages, the decision page's warning before signing, and the
follow-up page's share of first decisions made on a signed assessment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse

from bryggan.accounts.models import Unit, User
from bryggan.casefile.models import Assessment
from bryggan.casefile.selectors_assessment import FirstDecisionShare, first_decisions_on_assessment
from bryggan.casefile.services_assessment import assessment_save, assessment_sign
from bryggan.decisions.models import Decision
from bryggan.decisions.rules import Outcome
from bryggan.decisions.services import decision_draft_create, decision_sign
from tests.casefile.conftest import COMPLETE
from tests.conftest import local

pytestmark = pytest.mark.django_db


def _signed_assessment(decision: Decision, by: User, at: datetime) -> Assessment:
    version = assessment_save(household=decision.household, content=COMPLETE, by=by)
    return assessment_sign(assessment=version, by=by, now=at)


def test_a_caseworker_writes_signs_and_starts_a_new_version_from_the_signed_one(
    make_draft: Callable[..., Decision], client_as: Callable[..., Client], english: None
) -> None:
    household = make_draft(1).household
    client = client_as("caseworker")
    edit = reverse("casefile:assessment_edit", args=[household.pk])
    data = asdict(COMPLETE)
    assert client.post(edit, data).status_code == 302
    response = client.post(reverse("casefile:assessment_sign", args=[household.pk]), follow=True)
    assert "The assessment is signed and locked." in response.content.decode()
    page = client.get(edit).content.decode()
    assert "Starts as a copy of the signed version 1" in page
    assert COMPLETE.work_line_text in page
    client.post(edit, data | {"conclusion": "Omprövad bedömning."})
    assert list(Assessment.objects.values_list("number", "conclusion")) == [
        (2, "Omprövad bedömning."),
        (1, COMPLETE.conclusion),
    ]


def test_signing_an_incomplete_assessment_shows_why(
    make_draft: Callable[..., Decision], client_as: Callable[..., Client], english: None
) -> None:
    household = make_draft(1, children=1).household
    client = client_as("caseworker")
    client.post(reverse("casefile:assessment_edit", args=[household.pk]), asdict(COMPLETE))
    response = client.post(reverse("casefile:assessment_sign", args=[household.pk]), follow=True)
    assert "The household has children" in response.content.decode()
    assert Assessment.objects.get().signed_at is None


def test_a_work_coach_reads_the_assessment_but_does_not_write_it(
    make_draft: Callable[..., Decision], client_as: Callable[..., Client]
) -> None:
    household = make_draft(1).household
    client = client_as("work_coach")
    assert client.get(reverse("casefile:assessment_detail", args=[household.pk])).status_code == 200
    assert client.get(reverse("casefile:assessment_edit", args=[household.pk])).status_code == 403


def test_the_draft_page_warns_and_links_before_anyone_tries_to_sign(
    make_draft: Callable[..., Decision],
    client_as: Callable[..., Client],
    requirement_on: Unit,
    english: None,
) -> None:
    decision = make_draft(1)
    client = client_as("caseworker")
    detail = reverse("decisions:decision_detail", args=[decision.household_id, decision.pk])
    page = client.get(detail).content.decode()
    assert "needs a signed structured assessment" in page
    assert reverse("casefile:assessment_detail", args=[decision.household_id]) in page
    response = client.post(
        reverse("decisions:decision_sign", args=[decision.household_id, decision.pk]), follow=True
    )
    assert "sign the assessment on the case first" in response.content.decode()
    assert Decision.objects.get().status == "draft"


def _first_and_correction(
    make_draft: Callable[..., Decision], by: User, n: int, at: datetime
) -> Decision:
    first = decision_sign(decision=make_draft(n), by=by, now=at)
    correction = decision_draft_create(
        household=first.household,
        month=first.month,
        kind=first.kind,
        outcome=Outcome(first.outcome),
        calculation=first.calculation,
        amount=first.amount,
        deviation_reason="",
        reasons="Rättelse.",
        documents_checked=[],
        personal_visit_held=True,
        registered_at_af=True,
        clearing=first.payee_clearing,
        account=first.payee_account,
        by=by,
        corrects=first,
    )
    return correction


def test_the_share_of_first_decisions_on_a_signed_assessment_worked_out_by_hand(
    make_draft: Callable[..., Decision],
    persona: Callable[..., User],
    unit: Unit,
    other_unit: Unit,
    django_assert_num_queries: Callable[..., object],
) -> None:
    """2025: household 1 assessed (2 Mar) before its first decision (3 Mar): on assessment;
    household 2 decided (5 Mar) and assessed only after (6 Mar): not; household 6 decided on
    31 Dec at 23:30 Stockholm time (22:30 UTC, still 2025 in the unit's time zone) without one:
    not. 1 of 3, 33 %. 2026: household 3 decided without (10 Jan), assessed (11 Jan), its
    decision corrected (12 Jan): the correction is no first decision, so not on assessment;
    household 4 assessed and decided the same minute (20 Feb): on assessment. 1 of 2, 50 %.
    A draft (household 5) counts nowhere, nor does another unit."""
    by = persona("caseworker")
    one = make_draft(1)
    _signed_assessment(one, by, local(2025, 3, 2))
    decision_sign(decision=one, by=by, now=local(2025, 3, 3))
    two = decision_sign(decision=make_draft(2), by=by, now=local(2025, 3, 5))
    _signed_assessment(two, by, local(2025, 3, 6))
    correction = _first_and_correction(make_draft, by, 3, local(2026, 1, 10))
    _signed_assessment(correction, by, local(2026, 1, 11))
    decision_sign(decision=correction, by=by, now=local(2026, 1, 12))
    four = make_draft(4)
    _signed_assessment(four, by, local(2026, 2, 20, 9, 0))
    decision_sign(decision=four, by=by, now=local(2026, 2, 20, 9, 0))
    make_draft(5)
    decision_sign(decision=make_draft(6), by=by, now=local(2025, 12, 31, 23, 30))
    with django_assert_num_queries(1):  # type: ignore[operator]
        per_year = first_decisions_on_assessment(unit, per="year")
    assert per_year == [
        FirstDecisionShare("2026", first_decisions=2, on_assessment=1),
        FirstDecisionShare("2025", first_decisions=3, on_assessment=1),
    ]
    assert [row.share for row in per_year] == [50, 33]
    assert first_decisions_on_assessment(unit, per="month") == [
        FirstDecisionShare("2026-02", 1, 1),
        FirstDecisionShare("2026-01", 1, 0),
        FirstDecisionShare("2025-12", 1, 0),
        FirstDecisionShare("2025-03", 2, 1),
    ]
    assert first_decisions_on_assessment(other_unit) == []


def test_the_follow_up_page_shows_the_share(
    make_draft: Callable[..., Decision],
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    english: None,
) -> None:
    by = persona("caseworker")
    decision = make_draft(1)
    _signed_assessment(decision, by, local(2026, 2, 1))
    decision_sign(decision=decision, by=by, now=local(2026, 2, 2))
    client = client_as("unit_manager")
    page = client.get(reverse("followup:unit")).content.decode()
    assert "First decisions made on a signed structured assessment" in page
    assert (
        '<th scope="row">2026</th><td class="num">1</td><td class="num">1</td>'
        '<td class="num">100</td>' in page
    )
    page = client.get(reverse("followup:unit") + "?per=month").content.decode()
    assert '<th scope="row">2026-02</th>' in page
