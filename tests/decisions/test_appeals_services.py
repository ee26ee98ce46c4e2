"""Appeals through their services: register against each kind of decision, the time check,
dismissal with its stored letter, reconsideration, forwarding with the statement, the judgment,
and the refusals that leave nothing half saved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.audit.models import ChangeRecord
from bryggan.casefile.models import Document
from bryggan.casefile.selectors_documents import document_content
from bryggan.core.errors import DomainError
from bryggan.decisions import services_appeals as services
from bryggan.decisions.models import (
    Appeal,
    AppealJudgment,
    AppealReconsideration,
    AppealSettings,
    AppealStatus,
    Decision,
)
from bryggan.decisions.rules_appeals import Timeliness
from bryggan.decisions.selectors_appeals import (
    Appealed,
    WaitingStep,
    appeal_figures,
    appealable_decisions,
    appealable_get,
    appeals_waiting,
    time_check_of,
)
from tests.activities.factories import make_sanction
from tests.decisions.appeals_fixtures import TODAY, at_noon, decided
from tests.decisions.pdf import pdf_text
from tests.payments.conftest import current_year_norm, delegation, make_decision

__all__ = ["current_year_norm", "decided", "delegation", "make_decision"]
pytestmark = pytest.mark.django_db

SIGNED, RECEIVED = date(2026, 11, 2), date(2026, 11, 4)  # the period ends Wednesday 25 November
LATE = date(2026, 11, 30)


def _appealed(decision: Decision) -> Appealed:
    found = appealable_get(decision.household_id, f"decision:{decision.pk}")
    assert found is not None
    return found


def _register(
    decision: Decision, by: User, *, on: date = date(2026, 11, 20), **extra: object
) -> Appeal:
    return services.appeal_register(
        household=decision.household,
        appealed=_appealed(decision),
        received_on=on,
        claims="Jag vill få hela hyran godkänd.",
        incorrect_instructions=bool(extra.get("incorrect_instructions", False)),
        reached_court_on=extra.get("reached_court_on"),  # type: ignore[arg-type]
        today=TODAY,
        by=by,
    )


def test_an_appeal_on_time_is_registered_with_the_units_target(
    decided: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    decision = decided(1, signed_on=SIGNED, received_on=RECEIVED)
    AppealSettings.objects.create(unit=decision.household.unit, forward_within_days=5)
    appeal = _register(decision, persona("caseworker"))
    assert appeal.status == AppealStatus.REGISTERED
    assert appeal.forward_target == date(2026, 11, 25)  # Friday 20 + 5 days = Wednesday 25
    assert time_check_of(appeal).timeliness is Timeliness.ON_TIME
    record = ChangeRecord.objects.get(object_type="appeal", action="registered")
    assert record.changes["timeliness"] == "on_time"


def test_every_kind_of_decided_decision_can_be_appealed(
    decided: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    decision = decided(2, signed_on=SIGNED, received_on=RECEIVED)
    draft = make_decision_draft_for(decision)
    keys = [a.key for a in appealable_decisions(decision.household_id)]
    assert f"decision:{decision.pk}" in keys
    assert f"decision:{draft.pk}" not in keys  # a draft is no decision yet


def make_decision_draft_for(decision: Decision) -> Decision:
    return Decision.objects.create(
        household=decision.household,
        month=decision.month,
        kind=decision.kind,
        outcome="granted",
        calculation=decision.calculation,
        calculated_amount=decision.calculated_amount,
        amount=decision.amount,
        reasons="Utkast.",
        created_by=decision.created_by,
    )


def test_an_appeal_dated_before_the_decision_is_refused_and_nothing_saved(
    decided: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    decision = decided(3, signed_on=SIGNED, received_on=RECEIVED)
    with pytest.raises(DomainError) as refused:
        _register(decision, persona("caseworker"), on=date(2026, 11, 1))
    assert refused.value.message == services.BEFORE_DECISION
    assert not Appeal.objects.exists()
    assert not ChangeRecord.objects.filter(object_type="appeal").exists()


def test_a_second_registration_for_the_same_decision_and_day_is_refused(
    decided: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    decision = decided(4, signed_on=SIGNED, received_on=RECEIVED)
    _register(decision, persona("caseworker"))
    with pytest.raises(DomainError) as refused:
        _register(decision, persona("caseworker"))
    assert refused.value.message == services.ALREADY_REGISTERED
    assert Appeal.objects.count() == 1
    _register(decision, persona("caseworker"), on=date(2026, 11, 23))  # another day is fine


def test_a_late_appeal_is_dismissed_with_its_letter_stored(
    decided: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    decision = decided(5, signed_on=SIGNED, received_on=RECEIVED)
    caseworker = persona("caseworker")
    appeal = _register(decision, caseworker, on=LATE)
    assert time_check_of(appeal).timeliness is Timeliness.LATE
    with pytest.raises(DomainError) as refused:
        services.appeal_forward(
            appeal=appeal,
            statement="Yttrande.",
            forwarded_on=LATE,
            by=caseworker,
            now=at_noon(TODAY),
        )
    assert refused.value.message == services.CANNOT_FORWARD_LATE
    dismissed = services.appeal_dismiss(
        appeal=appeal, reasons="Kom in fem dagar för sent.", by=caseworker, now=at_noon(TODAY)
    )
    assert dismissed.status == AppealStatus.DISMISSED
    letter = Document.objects.get(letter_for_type=services.LETTER_FOR_DISMISSAL)
    assert letter.letter_for_id == appeal.pk
    text = pdf_text(letter_bytes(letter))
    assert "avvisas" in text
    assert "2026-11-25" in text
    # Forwarding a dismissed appeal: a clear message, and the appeal stays as it was.
    with pytest.raises(DomainError) as again:
        services.appeal_forward(
            appeal=appeal,
            statement="Yttrande.",
            forwarded_on=TODAY,
            by=caseworker,
            now=at_noon(TODAY),
        )
    assert again.value.message == services.CANNOT_FORWARD_DISMISSED
    assert Appeal.objects.get().status == AppealStatus.DISMISSED
    assert not Document.objects.filter(letter_for_type=services.LETTER_FOR_FORWARDING).exists()


def letter_bytes(document: Document) -> bytes:
    return document_content(document)


def test_an_appeal_on_time_or_excused_is_not_dismissed(
    decided: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    decision = decided(6, signed_on=SIGNED, received_on=RECEIVED)
    caseworker = persona("caseworker")
    appeal = _register(decision, caseworker, on=LATE, incorrect_instructions=True)
    assert time_check_of(appeal).timeliness is Timeliness.LATE_NOT_DISMISSED
    with pytest.raises(DomainError) as refused:
        services.appeal_dismiss(
            appeal=appeal, reasons="För sent.", by=caseworker, now=at_noon(TODAY)
        )
    assert refused.value.message == services.NOT_LATE
    assert Appeal.objects.get().status == AppealStatus.REGISTERED


def test_without_a_receipt_date_the_appeal_is_not_dismissed_but_forwarded(
    decided: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    decision = decided(7, signed_on=SIGNED, received_on=None)
    caseworker = persona("caseworker")
    appeal = _register(decision, caseworker, on=LATE)
    assert time_check_of(appeal).timeliness is Timeliness.UNKNOWN
    with pytest.raises(DomainError):
        services.appeal_dismiss(appeal=appeal, reasons="?", by=caseworker, now=at_noon(TODAY))


def test_reconsider_keep_forward_and_judgment(
    decided: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    decision = decided(8, signed_on=SIGNED, received_on=RECEIVED)
    caseworker, manager = persona("caseworker"), persona("unit_manager")
    appeal = _register(decision, caseworker, on=LATE, incorrect_instructions=True)
    with pytest.raises(DomainError) as first:
        services.appeal_forward(
            appeal=appeal,
            statement="Yttrande.",
            forwarded_on=TODAY,
            by=caseworker,
            now=at_noon(TODAY),
        )
    assert first.value.message == services.RECONSIDER_FIRST
    with pytest.raises(DomainError) as early:
        services.appeal_judgment_record(
            appeal=appeal,
            judgment=AppealJudgment.UPHELD,
            judged_on=TODAY,
            court_case_number="1234-26",
            note="Avslås.",
            today=TODAY,
            by=caseworker,
        )
    assert early.value.message == services.NOT_FORWARDED
    services.appeal_reconsider(
        appeal=appeal,
        outcome=AppealReconsideration.KEPT,
        reasons="Hyran över skälig nivå.",
        new_decision=None,
        by=caseworker,
        now=at_noon(TODAY),
    )
    forwarded = services.appeal_forward(
        appeal=appeal,
        statement="Nämnden vidhåller beslutet.",
        forwarded_on=TODAY,
        by=caseworker,
        now=at_noon(TODAY),
    )
    assert forwarded.status == AppealStatus.FORWARDED
    letter = Document.objects.get(letter_for_type=services.LETTER_FOR_FORWARDING)
    text = pdf_text(letter_bytes(letter))
    assert "Nämnden vidhåller beslutet." in text
    assert "avvisas inte" in text
    assert "Överklagande som kom in 2026-11-30" in text
    judged = services.appeal_judgment_record(
        appeal=appeal,
        judgment=AppealJudgment.CHANGED,
        judged_on=TODAY,
        court_case_number="1234-26",
        note="Hela hyran ska godtas.",
        today=TODAY,
        by=manager,
    )
    assert judged.status == AppealStatus.JUDGED
    actions = list(
        ChangeRecord.objects.filter(object_type="appeal")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["registered", "reconsidered", "forwarded", "judged"]
    figures = appeal_figures(decision.household.unit, months=12, today=TODAY)
    assert [(f.month, f.came_in, f.forwarded, f.judged, f.changed_by_court) for f in figures] == [
        ("2026-11", 1, 1, 1, 1)
    ]
    assert figures[0].forwarded_on_time == 1  # came in 30 November, target 7 December


def test_a_change_names_the_decision_correcting_the_appealed_one(
    decided: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    decision = decided(9, signed_on=SIGNED, received_on=RECEIVED)
    other = decided(10, signed_on=SIGNED, received_on=RECEIVED)
    caseworker = persona("caseworker")
    appeal = _register(decision, caseworker)
    with pytest.raises(DomainError) as refused:
        services.appeal_reconsider(
            appeal=appeal,
            outcome=AppealReconsideration.CHANGED,
            reasons="Ändrat.",
            new_decision=other,
            by=caseworker,
            now=at_noon(TODAY),
        )
    assert refused.value.message == services.NEW_DECISION_NOT_CORRECTING
    assert Appeal.objects.get().status == AppealStatus.REGISTERED


def test_the_desk_lists_appeals_to_check_and_to_forward_by_deadline(
    decided: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    caseworker = persona("caseworker")
    first = decided(11, signed_on=SIGNED, received_on=RECEIVED)
    second = decided(12, signed_on=SIGNED, received_on=RECEIVED)
    to_check = _register(first, caseworker, on=date(2026, 11, 23))
    to_forward = _register(second, caseworker, on=date(2026, 11, 20))
    services.appeal_reconsider(
        appeal=to_forward,
        outcome=AppealReconsideration.KEPT,
        reasons="Står fast.",
        new_decision=None,
        by=caseworker,
        now=at_noon(TODAY),
    )
    for who in (caseworker, first.household.unit):
        items = appeals_waiting(who, TODAY)
        assert [(i.appeal_id, i.step) for i in items] == [
            (to_forward.pk, WaitingStep.FORWARD),
            (to_check.pk, WaitingStep.CHECK),
        ]
        assert items[0].deadline == date(2026, 11, 27)
        assert items[0].overdue
    assert appeals_waiting(persona("work_coach"), TODAY) == []


def test_a_reduction_decision_is_appealed_like_any_other(
    make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    household = make_decision(20).household
    today = timezone.localdate()
    sanction = make_sanction(
        household.unit,
        household,
        coach=persona("work_coach"),
        caseworker=persona("caseworker"),
        manager=persona("unit_manager"),
        today=today,
    )
    appealed = appealable_get(household.pk, f"sanction:{sanction.pk}")
    assert appealed is not None
    appeal = services.appeal_register(
        household=household,
        appealed=appealed,
        received_on=today,
        claims="Jag hade giltigt skäl.",
        incorrect_instructions=False,
        reached_court_on=None,
        today=today,
        by=persona("caseworker"),
    )
    assert appeal.sanction_id == sanction.pk
    assert appeal.decision_id is None
    assert time_check_of(appeal).timeliness is Timeliness.UNKNOWN  # receipt not recorded
