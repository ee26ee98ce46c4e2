"""Reconsideration (*omprövning*) of a decided reduction: revoked or lowered, never raised.

Rules (pure, hand-made cases and one property) first, then the service (history kept, one
transaction, the reduction the month's calculation subtracts), then the pages and the letter.
Source of the rule: förvaltningslagen (2017:900) 37–38 §§ (see activities/rules.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from bryggan.accounts.models import Unit, User
from bryggan.activities import rules
from bryggan.activities.letters import RECONSIDERATION_GROUND, sanction_legal_ground
from bryggan.activities.models import (
    ReconsiderationOccasion,
    ReconsiderationOutcome,
    SanctionProposal,
    SanctionReconsideration,
)
from bryggan.activities.rules import ReconsiderationResult, SanctionState
from bryggan.activities.selectors import (
    sanction_reduction_in_force,
    sanction_reductions_for_month,
    sanction_signed_decisions_with_old_reduction,
)
from bryggan.activities.services import (
    sanction_assess,
    sanction_decide,
    sanction_reconsider,
    sanction_reconsideration_record_receipt,
)
from bryggan.audit.models import ChangeRecord
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.decisions.models import Decision, DecisionStatus, DelegationRule, SavedCalculation
from bryggan.decisions.rules import Outcome, appeal_deadline
from bryggan.decisions.services import (
    REDUCTIONS_CHANGED,
    calculation_save,
    decision_draft_create,
    decision_sign,
)
from bryggan.people.models import Household
from bryggan.reporting.services import reason_for_need_record
from tests.activities.factories import enter_test_norm, make_household, make_sanction
from tests.decisions.pdf import pdf_text

TODAY = date(2026, 11, 23)  # a Monday: the absence; the month reduced is 2026-12
DECIDED = datetime(2026, 11, 24, 10, 0, tzinfo=timezone.get_current_timezone())
RECONSIDERED = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.get_current_timezone())
LATER = datetime(2026, 12, 2, 9, 0, tzinfo=timezone.get_current_timezone())
MONTH = "2026-12"
CLEARING, ACCOUNT = "6000", "123456789"  # valid by the modulus-11 rule (tests/decisions)


# --- rules ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "state",
    [
        SanctionState.PROPOSED,
        SanctionState.ASSESSED,
        SanctionState.DISMISSED,
        SanctionState.REJECTED,
        SanctionState.WITHDRAWN,
    ],
)
def test_only_a_decided_reduction_can_be_reconsidered(state: SanctionState) -> None:
    with pytest.raises(DomainError) as error:
        rules.check_can_reconsider(state=state, revoked=False)
    assert error.value.message == rules.NOT_DECIDED_YET
    rules.check_can_reconsider(state=SanctionState.DECIDED, revoked=False)


def test_a_revoked_reduction_cannot_be_reconsidered_again() -> None:
    with pytest.raises(DomainError) as error:
        rules.check_can_reconsider(state=SanctionState.DECIDED, revoked=True)
    assert error.value.message == rules.ALREADY_REVOKED


@pytest.mark.usefixtures("english")
def test_raising_the_reduction_is_refused_on_the_amount_field_naming_the_amount_in_force() -> None:
    with pytest.raises(DomainError) as error:
        rules.check_reconsideration(
            result=ReconsiderationResult.LOWERED, current=800, amount=801, reasons="Fel belopp."
        )
    assert error.value.field == "amount"
    assert "800 kr" in error.value.message
    assert "detriment" in error.value.message


def test_lowering_to_the_same_amount_is_no_lowering() -> None:
    with pytest.raises(DomainError) as error:
        rules.check_reconsideration(
            result=ReconsiderationResult.LOWERED, current=800, amount=800, reasons="x"
        )
    assert (error.value.field, error.value.message) == (
        "amount",
        rules.NOT_LOWER.format(current=800),
    )


def test_reasons_are_required_and_lowering_needs_an_amount_and_revoking_none() -> None:
    with pytest.raises(DomainError) as no_reasons:
        rules.check_reconsideration(
            result=ReconsiderationResult.REVOKED, current=800, amount=None, reasons="  "
        )
    assert no_reasons.value.field == "reasons"
    for missing in (None, 0):
        with pytest.raises(DomainError) as no_amount:
            rules.check_reconsideration(
                result=ReconsiderationResult.LOWERED, current=800, amount=missing, reasons="x"
            )
        assert no_amount.value.message == rules.NEW_AMOUNT_REQUIRED
    with pytest.raises(DomainError) as revoked_with_amount:
        rules.check_reconsideration(
            result=ReconsiderationResult.REVOKED, current=800, amount=300, reasons="x"
        )
    assert revoked_with_amount.value.message == rules.NO_AMOUNT_WHEN_REVOKED
    rules.check_reconsideration(
        result=ReconsiderationResult.LOWERED, current=800, amount=799, reasons="x"
    )
    rules.check_reconsideration(
        result=ReconsiderationResult.REVOKED, current=800, amount=None, reasons="x"
    )


def test_the_latest_decision_sets_the_reduction_in_force() -> None:
    lowered, revoked = ReconsiderationResult.LOWERED, ReconsiderationResult.REVOKED
    assert rules.reduction_in_force(800, []) == 800
    assert rules.reduction_in_force(800, [(lowered, 500)]) == 500
    assert rules.reduction_in_force(800, [(lowered, 500), (lowered, 200)]) == 200
    assert rules.reduction_in_force(800, [(lowered, 500), (revoked, None)]) == 0


@given(
    decided=st.integers(min_value=1, max_value=10_000),
    attempts=st.lists(st.integers(min_value=0, max_value=12_000), max_size=8),
)
def test_accepted_reconsiderations_never_raise_the_reduction(
    decided: int, attempts: list[int]
) -> None:
    """Whatever is tried, what the rules accept leaves the reduction in force lower each time."""
    history: list[tuple[ReconsiderationResult, int | None]] = []
    for amount in attempts:
        current = rules.reduction_in_force(decided, history)
        try:
            rules.check_reconsideration(
                result=ReconsiderationResult.LOWERED, current=current, amount=amount, reasons="x"
            )
        except DomainError:
            assert amount >= current or amount == 0
            continue
        history.append((ReconsiderationResult.LOWERED, amount))
        assert 0 < rules.reduction_in_force(decided, history) < current


# --- services ------------------------------------------------------------------------------------


@pytest.fixture
def household(unit: Unit, persona: Callable[..., User]) -> Household:
    return make_household(unit, persona("work_coach"), serial=501, first="Bo")


def _decided(
    household: Household, persona: Callable[..., User], *, amount: int = 800
) -> SanctionProposal:
    """An unexcused absence on 2026-11-23, assessed and decided as a reduction of 2026-12."""
    proposal = make_sanction(household.unit, household, coach=persona("work_coach"), today=TODAY)
    enter_test_norm(2026, persona("administrator"))
    assessed = sanction_assess(
        proposal=proposal,
        valid_reason=False,
        reasons="Uteblev utan att höra av sig.",
        amount=amount,
        by=persona("caseworker"),
        now=DECIDED,
    )
    return sanction_decide(
        proposal=assessed, approve=True, note="", by=persona("unit_manager"), now=DECIDED
    )


def _reconsider(
    proposal: SanctionProposal,
    by: User,
    *,
    outcome: ReconsiderationOutcome = ReconsiderationOutcome.LOWERED,
    amount: int | None = 300,
    reasons: str = "Läkarintyg för en av dagarna har kommit in.",
    now: datetime = RECONSIDERED,
) -> SanctionReconsideration:
    return sanction_reconsider(
        proposal=proposal,
        outcome=outcome,
        occasion=ReconsiderationOccasion.NEW_CIRCUMSTANCES,
        amount=amount,
        reasons=reasons,
        by=by,
        now=now,
    )


def _document(household: Household) -> dict[str, object]:
    person = household.members.get(role="applicant").person
    return {
        "month": MONTH,
        "members": [{"id": f"p{person.pk}", "birth_date": person.birth_date.isoformat()}],
        "costs": [{"type": "housing", "amount": 5000}],
    }


@pytest.mark.django_db
def test_lowering_is_a_new_decision_and_the_first_is_kept_as_it_was(
    household: Household, persona: Callable[..., User]
) -> None:
    proposal = _decided(household, persona)
    first = SanctionProposal.objects.values().get(pk=proposal.pk)

    reconsideration = _reconsider(proposal, persona("unit_manager"))

    assert SanctionProposal.objects.values().get(pk=proposal.pk) == first  # not edited
    assert (reconsideration.proposal_id, reconsideration.amount_before) == (proposal.pk, 800)
    assert (reconsideration.outcome, reconsideration.amount) == ("lowered", 300)
    record = ChangeRecord.objects.get(object_type="sanction_reconsideration")
    assert (record.object_id, record.action, record.case_id) == (
        str(reconsideration.pk),
        "lowered",
        household.pk,
    )
    assert record.changes["amount_before"] == 800
    assert record.changes["amount"] == 300
    assert record.changes["decision"] == proposal.pk


@pytest.mark.django_db
def test_a_second_lowering_is_measured_against_the_first_lowering(
    household: Household, persona: Callable[..., User]
) -> None:
    proposal = _decided(household, persona)
    manager = persona("unit_manager")
    _reconsider(proposal, manager, amount=500)
    with pytest.raises(DomainError) as error:
        _reconsider(proposal, manager, amount=600, now=LATER)
    assert error.value.message == rules.RAISING_REFUSED.format(current=500)
    second = _reconsider(proposal, manager, amount=200, now=LATER)
    assert second.amount_before == 500
    assert [r.amount for r in proposal.reconsiderations.all()] == [500, 200]  # history kept


@pytest.mark.django_db
def test_the_refusals_leave_nothing_behind(
    household: Household, persona: Callable[..., User]
) -> None:
    manager = persona("unit_manager")
    undecided = make_sanction(household.unit, household, coach=persona("work_coach"), today=TODAY)
    with pytest.raises(DomainError) as not_decided:
        _reconsider(undecided, manager)
    assert not_decided.value.message == rules.NOT_DECIDED_YET

    other = make_household(household.unit, persona("work_coach"), serial=502, first="Cy")
    proposal = _decided(other, persona)
    with pytest.raises(DomainError) as raised:
        _reconsider(proposal, manager, amount=900)
    assert raised.value.field == "amount"
    with pytest.raises(DomainError) as no_reasons:
        _reconsider(proposal, manager, reasons=" ")
    assert no_reasons.value.field == "reasons"
    assert not SanctionReconsideration.objects.exists()
    assert not ChangeRecord.objects.filter(object_type="sanction_reconsideration").exists()

    _reconsider(proposal, manager, outcome=ReconsiderationOutcome.REVOKED, amount=None)
    with pytest.raises(DomainError) as again:
        _reconsider(proposal, manager, amount=100, now=LATER)
    assert again.value.message == rules.ALREADY_REVOKED
    assert SanctionReconsideration.objects.count() == 1


@pytest.mark.django_db
def test_the_reconsideration_and_its_history_row_are_one_transaction(
    household: Household, persona: Callable[..., User], monkeypatch: pytest.MonkeyPatch
) -> None:
    proposal = _decided(household, persona)

    def fail(**_: Any) -> None:
        raise RuntimeError("history could not be written")

    monkeypatch.setattr("bryggan.activities.services.change_record_write", fail)
    with pytest.raises(RuntimeError):
        _reconsider(proposal, persona("unit_manager"))
    assert not SanctionReconsideration.objects.exists()


@pytest.mark.django_db
def test_the_months_calculation_subtracts_what_the_latest_decision_leaves(
    household: Household, persona: Callable[..., User]
) -> None:
    caseworker, manager = persona("caseworker"), persona("unit_manager")
    proposal = _decided(household, persona)
    document = _document(household)

    # 3 160 (single adult) + 1 020 (common costs, one person) + 5 000 housing = 9 180, less 800.
    decided = calculation_save(household=household, document=document, by=caseworker)
    assert decided.amount == 8380
    assert decided.result["lines"][-1]["note"] == f"beslut nr {proposal.pk} den 2026-11-24"

    lowered = _reconsider(proposal, manager, amount=300)
    after_lowering = calculation_save(household=household, document=document, by=caseworker)
    # 9 180 less the 300 the reconsideration leaves.
    assert after_lowering.amount == 8880
    line = after_lowering.result["lines"][-1]
    assert (line["kind"], line["amount"]) == ("reduction", 300)
    assert line["note"] == (
        f"beslut nr {proposal.pk} den 2026-11-24, ändrat genom omprövningsbeslut nr "
        f"{lowered.pk} den 2026-11-30"
    )

    _reconsider(proposal, manager, outcome=ReconsiderationOutcome.REVOKED, amount=None, now=LATER)
    after_revoking = calculation_save(household=household, document=document, by=caseworker)
    # Revoked: no reduction line at all, the full 9 180.
    assert after_revoking.amount == 9180
    assert all(line["kind"] != "reduction" for line in after_revoking.result["lines"])


def _signed(household: Household, saved: SavedCalculation, by: User, **extra: Any) -> Decision:
    """A signed decision on `saved` (made directly: only its calculation matters here)."""
    return Decision.objects.create(
        household=household,
        month=saved.month,
        kind="livelihood_support",
        outcome="granted",
        calculation=saved,
        calculated_amount=saved.amount,
        amount=saved.amount,
        reasons="Beviljas enligt beräkningen.",
        status=DecisionStatus.SIGNED,
        created_by=by,
        signed_by=by,
        signed_at=DECIDED,
        **extra,
    )


@pytest.mark.django_db
def test_a_signed_decision_with_the_old_reduction_is_named_until_it_is_corrected(
    household: Household, persona: Callable[..., User]
) -> None:
    caseworker = persona("caseworker")
    proposal = _decided(household, persona)
    saved = calculation_save(household=household, document=_document(household), by=caseworker)
    signed = _signed(household, saved, caseworker)
    assert sanction_signed_decisions_with_old_reduction(proposal) == []  # still right

    _reconsider(proposal, persona("unit_manager"), amount=300)
    stale = sanction_signed_decisions_with_old_reduction(proposal)
    assert [(row.decision.pk, row.amount_in_calculation) for row in stale] == [(signed.pk, 800)]
    signed.refresh_from_db()
    assert (signed.status, signed.amount) == (DecisionStatus.SIGNED, 8380)  # not changed

    corrected = calculation_save(household=household, document=_document(household), by=caseworker)
    _signed(household, corrected, caseworker, corrects=signed)
    assert sanction_signed_decisions_with_old_reduction(proposal) == []


@pytest.mark.django_db
def test_the_day_received_starts_the_appeal_period_of_a_lowering(
    household: Household, persona: Callable[..., User]
) -> None:
    proposal = _decided(household, persona)
    lowered = _reconsider(proposal, persona("unit_manager"))
    with pytest.raises(DomainError) as before:
        sanction_reconsideration_record_receipt(
            reconsideration=lowered,
            received_on=date(2026, 11, 29),
            today=date(2026, 12, 1),
            by=persona("caseworker"),
        )
    assert before.value.field == "received_on"
    received = sanction_reconsideration_record_receipt(
        reconsideration=lowered,
        received_on=date(2026, 12, 1),
        today=date(2026, 12, 1),
        by=persona("caseworker"),
    )
    received.refresh_from_db()
    assert received.notified_on == date(2026, 12, 1)
    assert received.appeal_deadline == appeal_deadline(date(2026, 12, 1))


# --- pages and the letter ------------------------------------------------------------------------


def _post(client: Client, proposal: SanctionProposal, **data: str) -> Any:
    return client.post(reverse("activities:sanction_reconsider", args=[proposal.pk]), data)


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_raising_through_the_form_keeps_the_input_and_names_the_field(
    household: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    proposal = _decided(household, persona)
    response = _post(
        client_as("unit_manager"),
        proposal,
        outcome="lowered",
        occasion="client_request",
        amount="900",
        reasons="Klienten begärde omprövning.",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_amount_error"' in page
    assert "800 kr" in page
    assert 'value="900"' in page
    assert "Klienten begärde omprövning." in page
    assert '<option value="client_request" selected>' in page
    assert not SanctionReconsideration.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_a_reconsideration_without_reasons_is_refused_on_the_reasons_field(
    household: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    proposal = _decided(household, persona)
    response = _post(
        client_as("unit_manager"), proposal, outcome="revoked", occasion="appeal", reasons=""
    )
    page = response.content.decode()
    assert 'id="id_reasons_error"' in page
    assert str(rules.RECONSIDERATION_REASONS_REQUIRED) in page
    assert not SanctionReconsideration.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_an_undecided_proposal_is_refused_with_a_clear_message(
    household: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    proposal = make_sanction(household.unit, household, coach=persona("work_coach"), today=TODAY)
    manager = client_as("unit_manager")
    response = _post(manager, proposal, outcome="revoked", occasion="appeal", reasons="x")
    assert response.status_code == 302
    page = manager.get(response["Location"]).content.decode()
    assert str(rules.NOT_DECIDED_YET) in page
    assert not SanctionReconsideration.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_a_revocation_is_shown_and_the_page_names_the_signed_decision_to_correct(
    household: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    caseworker = persona("caseworker")
    proposal = _decided(household, persona)
    saved = calculation_save(household=household, document=_document(household), by=caseworker)
    signed = _signed(household, saved, caseworker)
    manager = client_as("unit_manager")
    response = _post(
        manager,
        proposal,
        outcome="revoked",
        occasion="new_circumstances",
        amount="",
        reasons="Giltigt skäl har visats i efterhand.",
    )
    assert response.status_code == 302
    page = manager.get(reverse("activities:sanction_detail", args=[proposal.pk])).content.decode()
    assert "The reduction is revoked: nothing is subtracted for 2026-12." in page
    notice = page.split('data-testid="signed-with-old"')[1].split("</div>")[0]
    assert reverse("decisions:decision_detail", args=[household.pk, signed.pk]) in notice
    assert "800 kr" in notice
    assert reverse("activities:sanction_reconsider", args=[proposal.pk]) not in page
    assert "it cannot be reconsidered again" in page
    # The caseworker sees the page too, without the reconsideration form.
    seen = client_as("caseworker").get(reverse("activities:sanction_detail", args=[proposal.pk]))
    assert (
        reverse("activities:sanction_reconsider", args=[proposal.pk]) not in seen.content.decode()
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_a_caseworker_may_not_reconsider(
    household: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    proposal = _decided(household, persona)
    response = _post(
        client_as("caseworker"), proposal, outcome="revoked", occasion="appeal", reasons="x"
    )
    assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_the_letter_of_a_lowering_has_reasons_ground_and_appeal_instructions(
    household: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    proposal = _decided(household, persona)
    manager = persona("unit_manager")
    lowered = _reconsider(proposal, manager, amount=300)
    sanction_reconsideration_record_receipt(
        reconsideration=lowered,
        received_on=date(2026, 12, 1),
        today=date(2026, 12, 1),
        by=persona("caseworker"),
    )
    response = client_as("caseworker").get(
        reverse("activities:sanction_reconsideration_letter", args=[lowered.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert f"Omprövningsbeslut nr {lowered.pk}, som ändrar beslut nr {proposal.pk}" in text
    assert "sänks från 800 kr till 300 kr" in text
    assert "Nya omständigheter har kommit fram." in text
    assert "Läkarintyg för en av dagarna har kommit in." in text
    assert RECONSIDERATION_GROUND in text
    assert sanction_legal_ground(MONTH) in text
    assert "förvaltningsrätten" in text
    # The letter is the one stored when the decision was made, as sent: the last day to appeal,
    # known only once the receipt is recorded, is not in it (the sanction page shows it).
    assert "inom tre veckor från den dag du fick del av beslutet" in text
    assert f"senast {appeal_deadline(date(2026, 12, 1)):%Y-%m-%d}" not in text
    assert "Beslutat 2026-11-30 av" in text


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_the_letter_of_a_revocation_says_the_reduction_is_gone(
    household: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    proposal = _decided(household, persona)
    revoked = _reconsider(
        proposal, persona("unit_manager"), outcome=ReconsiderationOutcome.REVOKED, amount=None
    )
    response = client_as("caseworker").get(
        reverse("activities:sanction_reconsideration_letter", args=[revoked.pk])
    )
    text = pdf_text(response.content)
    assert f"Beslut nr {proposal.pk} om nedsättning av ditt försörjningsstöd" in text
    assert "upphävs" in text
    assert f"Ditt försörjningsstöd för {MONTH} sätts inte ned." in text
    assert RECONSIDERATION_GROUND in text
    assert "går dig inte emot" in text
    assert "förvaltningsrätten" not in text
    assert "Hur du överklagar" not in text


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_the_lists_mark_a_reconsidered_reduction(
    household: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    proposal = _decided(household, persona)
    _reconsider(proposal, persona("unit_manager"), amount=300)
    client = client_as("caseworker")
    unit_list = client.get(reverse("activities:sanction_list")).content.decode()
    case_page = client.get(reverse("activities:case_activities", args=[household.pk]))
    assert "reconsidered: see the decision" in unit_list
    assert "reconsidered: see the decision" in case_page.content.decode()


# --- review fixes: drafts, signing, correcting, the page, the lists, the order --------------------


def _draft(household: Household, saved: SavedCalculation, by: User) -> Decision:
    return decision_draft_create(
        household=household,
        month=saved.month,
        kind="livelihood_support",
        outcome=Outcome.GRANTED,
        calculation=saved,
        amount=saved.amount,
        deviation_reason="",
        reasons="Beviljas enligt beräkningen.",
        documents_checked=["rent_contract"],
        personal_visit_held=True,
        registered_at_af=True,
        clearing=CLEARING,
        account=ACCOUNT,
        by=by,
    )


def _may_sign(household: Household, persona: Callable[..., User]) -> None:
    """Delegation for the caseworker and the applicant's reason for need for the month."""
    DelegationRule.objects.create(
        unit=household.unit, role="caseworker", kind="livelihood_support", max_amount=None
    )
    reason_for_need_record(
        household=household,
        month=Month.parse(MONTH),
        person=household.members.get(role="applicant").person,
        code="unemployed_no_benefit",
        by=persona("caseworker"),
        now=DECIDED,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("outcome", "amount"),
    [(ReconsiderationOutcome.REVOKED, None), (ReconsiderationOutcome.LOWERED, 300)],
)
def test_a_draft_on_a_calculation_with_the_old_reduction_cannot_be_signed(
    household: Household,
    persona: Callable[..., User],
    outcome: ReconsiderationOutcome,
    amount: int | None,
) -> None:
    caseworker = persona("caseworker")
    proposal = _decided(household, persona)
    _may_sign(household, persona)
    old = calculation_save(household=household, document=_document(household), by=caseworker)
    draft = _draft(household, old, caseworker)

    _reconsider(proposal, persona("unit_manager"), outcome=outcome, amount=amount)

    # Flagged on the sanction page, as a draft with what its calculation subtracts.
    assert [
        (r.decision.pk, r.amount_in_calculation)
        for r in sanction_signed_decisions_with_old_reduction(proposal)
    ] == [(draft.pk, 800)]
    with pytest.raises(DomainError) as refused:
        decision_sign(decision=draft, by=caseworker, now=RECONSIDERED)
    assert refused.value.message == REDUCTIONS_CHANGED
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT

    # Calculated again, the month's new draft signs: it subtracts what is in force.
    new = calculation_save(household=household, document=_document(household), by=caseworker)
    assert new.amount == 9180 - (amount or 0)
    assert [
        r.new_calculation_id for r in sanction_signed_decisions_with_old_reduction(proposal)
    ] == [new.pk]
    signed = decision_sign(decision=_draft(household, new, caseworker), by=caseworker, now=LATER)
    assert signed.status == DecisionStatus.SIGNED


@pytest.mark.django_db
def test_signing_compares_amounts_per_reduction_decision_not_the_lines_text(
    household: Household, persona: Callable[..., User]
) -> None:
    caseworker = persona("caseworker")
    proposal = _decided(household, persona)
    _may_sign(household, persona)
    saved = calculation_save(household=household, document=_document(household), by=caseworker)
    # A calculation saved before decisions carried the structured keys: only the note and the
    # amount, and a note worded otherwise after the decision number: still the same 800 kr.
    line = saved.result["lines"][-1]
    del line["sanction_decision"], line["decided_amount"]
    line["note"] = f"beslut nr {proposal.pk} den 2026-11-24 (annan lydelse)"
    SavedCalculation.objects.filter(pk=saved.pk).update(result=saved.result)
    saved.refresh_from_db()
    signed = decision_sign(decision=_draft(household, saved, caseworker), by=caseworker, now=LATER)
    assert signed.status == DecisionStatus.SIGNED


@pytest.mark.django_db
def test_a_sanction_decided_after_the_calculation_also_stops_the_signing(
    household: Household, persona: Callable[..., User]
) -> None:
    caseworker = persona("caseworker")
    enter_test_norm(2026, persona("administrator"))
    _may_sign(household, persona)
    saved = calculation_save(household=household, document=_document(household), by=caseworker)
    draft = _draft(household, saved, caseworker)
    _decided(household, persona)
    with pytest.raises(DomainError) as refused:
        decision_sign(decision=draft, by=caseworker, now=LATER)
    assert refused.value.message == REDUCTIONS_CHANGED


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_the_notice_links_the_month_to_calculate_and_the_correction_with_the_new_calculation(
    household: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    caseworker = persona("caseworker")
    proposal = _decided(household, persona)
    old = calculation_save(household=household, document=_document(household), by=caseworker)
    signed = _signed(household, old, caseworker)
    draft = Decision.objects.create(
        household=household,
        month=MONTH,
        kind="emergency",
        outcome="granted",
        calculation=old,
        calculated_amount=old.amount,
        amount=old.amount,
        reasons="Akut.",
        created_by=caseworker,
    )
    _reconsider(proposal, persona("unit_manager"), amount=300)
    client = client_as("unit_manager")
    url = reverse("activities:sanction_detail", args=[proposal.pk])

    notice = client.get(url).content.decode().split('data-testid="signed-with-old"')[1]
    notice = notice.split("</div>")[0]
    calculate = reverse("decisions:calculation", args=[household.pk]) + f"?manad={MONTH}"
    assert calculate in notice
    assert "calculate 2026-12 again, then correct the signed decision with the new" in notice
    assert f"Decision {draft.pk}, draft: its calculation subtracts 800 kr" in notice
    assert "?rattar=" not in notice  # nothing calculated again yet

    new = calculation_save(household=household, document=_document(household), by=caseworker)
    notice = client.get(url).content.decode().split('data-testid="signed-with-old"')[1]
    create = reverse("decisions:decision_create", args=[household.pk])
    assert f"{create}?rattar={signed.pk}&amp;berakning={new.pk}" in notice
    assert f"{create}?berakning={new.pk}" in notice  # the draft's replacement

    # The correction form starts from the new calculation and its amount, not the old one.
    form = client.get(f"{create}?rattar={signed.pk}&berakning={new.pk}").content.decode()
    assert f'<option value="{new.pk}" selected>' in form
    assert 'value="8880"' in form


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_the_page_shows_the_decided_amount_as_decided_and_follows_the_reduction_in_force(
    household: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    proposal = _decided(household, persona)
    manager, client = persona("unit_manager"), client_as("caseworker")
    url = reverse("activities:sanction_detail", args=[proposal.pk])

    page = client.get(url).content.decode()
    assert "Reduction decided" in page
    assert "is reduced by 800 kr" in page

    _reconsider(proposal, manager, amount=300)
    page = client.get(url).content.decode()
    effect = page.split('data-testid="decision-effect"')[1].split("</p>")[0]
    assert "is reduced by 300 kr" in effect
    assert "800" not in effect
    assert "in force after reconsideration: 300 kr" in page

    _reconsider(proposal, manager, outcome=ReconsiderationOutcome.REVOKED, amount=None, now=LATER)
    page = client.get(url).content.decode()
    effect = page.split('data-testid="decision-effect"')[1].split("</p>")[0]
    assert "is not reduced" in effect
    assert "reduced by" not in effect
    assert "revoked on reconsideration" in page


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_the_lists_show_the_amount_in_force_in_a_fixed_number_of_queries(
    unit: Unit,
    household: Household,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    django_assert_max_num_queries: Any,
) -> None:
    manager = persona("unit_manager")
    lowered = _decided(household, persona)
    _reconsider(lowered, manager, amount=300)
    other = make_household(unit, persona("work_coach"), serial=503, first="Di")
    revoked = _decided(other, persona, amount=700)
    _reconsider(revoked, manager, outcome=ReconsiderationOutcome.REVOKED, amount=None)
    client = client_as("caseworker")

    unit_list = client.get(reverse("activities:sanction_list")).content.decode()
    assert "800 → 300\u00a0kr" in unit_list
    assert "<s>700\u00a0kr</s> revoked" in unit_list
    case_page = client.get(reverse("activities:case_activities", args=[household.pk]))
    assert "800 → 300\u00a0kr" in case_page.content.decode()

    # One more reconsidered reduction costs no query more (no query per row).
    with django_assert_max_num_queries(40) as before:
        client.get(reverse("activities:sanction_list"))
    third = make_household(unit, persona("work_coach"), serial=504, first="Ek")
    _reconsider(_decided(third, persona, amount=600), manager, amount=100)
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert (
            "600 → 100\u00a0kr" in client.get(reverse("activities:sanction_list")).content.decode()
        )


@pytest.mark.django_db
def test_the_reconsiderations_count_in_the_order_they_were_made_not_by_the_callers_clock(
    household: Household, persona: Callable[..., User]
) -> None:
    manager = persona("unit_manager")
    proposal = _decided(household, persona)
    _reconsider(proposal, manager, amount=500, now=LATER)
    # Made second, with an earlier `now` from the caller: it still replaces the first.
    second = _reconsider(proposal, manager, amount=200, now=RECONSIDERED)
    assert second.amount_before == 500
    in_force = sanction_reduction_in_force(SanctionProposal.objects.get(pk=proposal.pk))
    assert in_force is not None
    assert (in_force.amount, in_force.reconsideration_id) == (200, second.pk)
    assert [r.amount for r in sanction_reductions_for_month(household.pk, MONTH)] == [200]


@pytest.mark.usefixtures("english")
def test_the_raise_refusal_does_not_overstate_the_law() -> None:
    with pytest.raises(DomainError) as error:
        rules.check_reconsideration(
            result=ReconsiderationResult.LOWERED, current=800, amount=900, reasons="x"
        )
    message = str(error.value.message)
    assert "only changes the reduction in the client's favour" in message
    assert "new assessment" in message
    assert "38 §" in message
    assert "37–38" not in message


@pytest.mark.django_db
def test_the_letters_say_a_decided_month_gets_a_new_decision(
    household: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    proposal = _decided(household, persona)
    manager = persona("unit_manager")
    lowered = _reconsider(proposal, manager, amount=300)
    revoked = _reconsider(
        proposal, manager, outcome=ReconsiderationOutcome.REVOKED, amount=None, now=LATER
    )
    client = client_as("caseworker")
    for reconsideration in (lowered, revoked):
        response = client.get(
            reverse("activities:sanction_reconsideration_letter", args=[reconsideration.pk])
        )
        text = " ".join(pdf_text(response.content).split())
        assert f"Om försörjningsstödet för {MONTH} redan är beslutat får du ett nytt beslut" in text
        assert "syns i beräkningen" not in text


@pytest.mark.django_db
def test_another_units_manager_gets_404_on_reconsider_receipt_and_letter(
    household: Household, persona: Callable[..., User], other_unit: Unit
) -> None:
    proposal = _decided(household, persona)
    lowered = _reconsider(proposal, persona("unit_manager"))
    client = Client()
    client.force_login(persona("unit_manager", in_unit=other_unit))
    reconsider = client.post(
        reverse("activities:sanction_reconsider", args=[proposal.pk]),
        {"outcome": "revoked", "occasion": "appeal", "reasons": "x"},
    )
    receipt = client.post(
        reverse("activities:sanction_reconsideration_received", args=[lowered.pk]),
        {"received_on": "2026-12-01"},
    )
    letter = client.get(reverse("activities:sanction_reconsideration_letter", args=[lowered.pk]))
    assert (reconsider.status_code, receipt.status_code, letter.status_code) == (404, 404, 404)
    assert SanctionReconsideration.objects.count() == 1
    lowered.refresh_from_db()
    assert lowered.notified_on is None
