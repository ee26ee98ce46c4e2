"""Signing several cases' drafts at once (`decisions_sign`, as the demo signs a month): each is
signed as `decision_sign` signs it, the checks' data is read once for all, one refusal signs
none, and the batch readers give what the one-case readers give."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.activities.selectors import (
    sanction_reductions_for_month,
    sanction_reductions_for_months,
)
from bryggan.audit.models import ChangeRecord
from bryggan.casefile.models import CaseFileSettings, Document
from bryggan.casefile.rules_assessment import ASSESSMENT_REQUIRED
from bryggan.casefile.selectors_assessment import (
    first_livelihood_decisions,
    is_first_livelihood_decision,
)
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.decisions.models import Decision, DecisionStatus
from bryggan.decisions.selectors import (
    all_members,
    all_members_of,
    current_members,
    current_members_of,
)
from bryggan.decisions.services import ToSign, calculation_save, decision_sign, decisions_sign
from bryggan.intake.models import Channel
from bryggan.intake.services import application_register
from bryggan.people.models import Household
from bryggan.reporting.selectors import adults_without_reason, adults_without_reason_of
from bryggan.reporting.services import REASONS_MISSING, reason_for_need_record
from tests.activities.factories import make_sanction
from tests.decisions.test_services import draft
from tests.people.factories import person_input

pytestmark = pytest.mark.django_db


def _drafts(
    n: int, persona: Callable[..., User], unit: Unit, *, reasons: bool = True, first: int = 0
) -> list[Decision]:
    """`n` cases of one adult each (and a second adult in every other one), each with this
    month's application, reasons for need, a saved calculation and a granting draft."""
    persona("work_coach")
    caseworker = persona("caseworker")
    now = timezone.now()
    month = Month.of(timezone.localdate())
    made = []
    for index in range(first, first + n):
        co = person_input(date(1981, 2, 1 + index), 300 + index) if index % 2 else None
        application = application_register(
            unit=unit,
            registered_by=caseworker,
            received_at=now,
            channel=Channel.IN_PERSON,
            month=month,
            applicant=person_input(date(1980, 1, 1 + index), 200 + index),
            co_applicant=co,
            allow_over_cap=True,
            now=now,
        )
        household = application.household
        members = list(household.members.select_related("person"))
        if reasons:
            for member in members:
                reason_for_need_record(
                    household=household,
                    month=month,
                    person=member.person,
                    code="unemployed_no_benefit",
                    by=caseworker,
                    now=now,
                )
        calculation = calculation_save(
            household=household,
            document={
                "month": str(month),
                "cohabiting": co is not None,
                "members": [
                    {"id": f"p{m.person_id}", "birth_date": m.person.birth_date.isoformat()}
                    for m in members
                ],
                "costs": [{"type": "housing", "amount": 5000 + 100 * index}],
            },
            by=caseworker,
        )
        made.append(draft(calculation, caseworker))
    return made


def _signed_state(decisions: list[Decision]) -> list[tuple[object, ...]]:
    """What signing leaves of each decision: its row, its history actions and its letter."""
    rows = []
    for decision in decisions:
        stored = Decision.objects.get(pk=decision.pk)
        rows.append(
            (
                stored.status,
                stored.signed_by_id,
                stored.amount,
                sorted(
                    ChangeRecord.objects.filter(
                        object_type="decision", object_id=decision.pk
                    ).values_list("action", flat=True)
                ),
                Document.objects.filter(letter_for_type="decision", letter_for_id=decision.pk)
                .values_list("original_name", flat=True)
                .get(),
            )
        )
    return rows


def test_a_batch_signs_each_draft_as_signing_it_alone_does(
    current_year_norm: int, persona: Callable[..., User], unit: Unit, delegation: None
) -> None:
    drafts = _drafts(4, persona, unit)
    caseworker, now = persona("caseworker"), timezone.now()
    decision_sign(decision=drafts[0], by=caseworker, now=now)
    decision_sign(decision=drafts[1], by=caseworker, now=now)
    signed = decisions_sign([ToSign(d, caseworker, now) for d in drafts[2:]])
    assert [d.status for d in signed] == [DecisionStatus.SIGNED] * 2
    alone, batch = _signed_state(drafts[:2]), _signed_state(drafts[2:])
    assert [(row[0], row[1], row[3]) for row in alone] == [
        (row[0], row[1], row[3]) for row in batch
    ]
    assert all(row[0] == DecisionStatus.SIGNED and row[3] == ["drafted", "signed"] for row in batch)
    assert [row[2] for row in batch] == [d.calculation.amount for d in drafts[2:]]
    assert [row[4] for row in batch] == [
        f"beslut-{d.household.case_number}-{d.month}.pdf" for d in drafts[2:]
    ]


def test_a_batch_reads_each_check_once_not_once_a_draft(
    current_year_norm: int, persona: Callable[..., User], unit: Unit, delegation: None
) -> None:
    drafts = _drafts(6, persona, unit)
    caseworker, now = persona("caseworker"), timezone.now()
    with CaptureQueriesContext(connection) as one:
        decisions_sign([ToSign(drafts[0], caseworker, now)])
    with CaptureQueriesContext(connection) as five:
        decisions_sign([ToSign(d, caseworker, now) for d in drafts[1:]])

    def checks(queries: CaptureQueriesContext) -> int:
        """Reads of the signing's checks: the cases, decisions, reductions, members, reasons."""
        tables = (
            '"people_household"',
            '"decisions_decision"',
            '"activities_sanctionproposal"',
            '"people_householdmember"',
        )
        return sum(
            1
            for q in queries.captured_queries
            if q["sql"].startswith("SELECT") and any(f"FROM {t}" in q["sql"] for t in tables)
        )

    # The same reads for five drafts as for one; before, each draft read them again.
    assert checks(five) == checks(one)


def test_one_draft_that_may_not_be_signed_leaves_every_draft_unsigned(
    current_year_norm: int, persona: Callable[..., User], unit: Unit, delegation: None
) -> None:
    drafts = _drafts(3, persona, unit)
    missing = _drafts(1, persona, unit, reasons=False, first=10)
    caseworker, now = persona("caseworker"), timezone.now()
    with pytest.raises(DomainError) as refused:
        decisions_sign([ToSign(d, caseworker, now) for d in [*drafts, *missing]])
    assert str(refused.value).startswith(str(REASONS_MISSING).split("%")[0])
    assert set(
        Decision.objects.filter(pk__in=[d.pk for d in [*drafts, *missing]]).values_list(
            "status", flat=True
        )
    ) == {DecisionStatus.DRAFT}
    assert not Document.objects.filter(letter_for_type="decision").exists()
    assert not ChangeRecord.objects.filter(object_type="decision", action="signed").exists()


def test_a_batch_naming_a_case_twice_is_refused(
    current_year_norm: int, persona: Callable[..., User], unit: Unit, delegation: None
) -> None:
    (first,) = _drafts(1, persona, unit)
    caseworker, now = persona("caseworker"), timezone.now()
    with pytest.raises(ValueError, match="one draft a case"):
        decisions_sign([ToSign(first, caseworker, now), ToSign(first, caseworker, now)])
    assert Decision.objects.get(pk=first.pk).status == DecisionStatus.DRAFT


def test_a_batch_refuses_a_first_decision_without_the_assessment_the_unit_requires(
    current_year_norm: int, persona: Callable[..., User], unit: Unit, delegation: None
) -> None:
    """Of a case with a signed decision, a correcting draft is not its first and needs no
    assessment; another case's first does, and the batch of both is refused."""
    drafts = _drafts(2, persona, unit)
    caseworker, now = persona("caseworker"), timezone.now()
    signed = decision_sign(decision=drafts[0], by=caseworker, now=now)
    later = draft(
        signed.calculation,
        caseworker,
        corrects=signed,
        amount=signed.amount + 100,
        deviation_reason="Tandvård",
    )
    CaseFileSettings.objects.filter(unit=unit).update(
        assessment_required_before_first_decision=True
    )
    assert first_livelihood_decisions([later, drafts[1]]) == {drafts[1].pk}
    with pytest.raises(DomainError) as refused:
        decisions_sign([ToSign(later, caseworker, now), ToSign(drafts[1], caseworker, now)])
    assert str(refused.value) == str(ASSESSMENT_REQUIRED)
    assert Decision.objects.get(pk=later.pk).status == DecisionStatus.DRAFT
    assert decisions_sign([ToSign(later, caseworker, now)])[0].status == DecisionStatus.SIGNED


def test_the_batch_readers_give_what_the_one_case_readers_give(
    current_year_norm: int, persona: Callable[..., User], unit: Unit, delegation: None
) -> None:
    drafts = _drafts(4, persona, unit)
    _drafts(1, persona, unit, reasons=False, first=10)
    caseworker, now = persona("caseworker"), timezone.now()
    decision_sign(decision=drafts[0], by=caseworker, now=now)
    households = list(Household.objects.order_by("pk"))
    ids = [h.pk for h in households]
    month = Month.of(timezone.localdate())

    def pks(members: list[object]) -> list[int]:
        return [m.pk for m in members]  # type: ignore[attr-defined]

    by_household = all_members_of(ids)
    assert {h: pks(by_household.get(h.pk, [])) for h in households} == {
        h: pks(all_members(h)) for h in households
    }
    current = current_members_of(ids)
    assert {h: pks(current.get(h.pk, [])) for h in households} == {
        h: pks(current_members(h)) for h in households
    }
    without = adults_without_reason_of(ids, month)
    assert {h: pks(without.get(h.pk, [])) for h in households} == {
        h: pks(adults_without_reason(h, month)) for h in households
    }
    assert any(without.values())  # the case without reasons is named
    keys = [(h, str(month)) for h in ids]
    assert sanction_reductions_for_months(keys) == {
        (h, m): sanction_reductions_for_month(h, m) for h, m in keys
    }
    decisions = list(Decision.objects.order_by("pk"))
    assert first_livelihood_decisions(decisions) == {
        d.pk for d in decisions if is_first_livelihood_decision(d)
    }


def test_the_reductions_of_several_months_are_those_of_each_case_and_month(
    current_year_norm: int, persona: Callable[..., User], unit: Unit, delegation: None
) -> None:
    """A reduction decided for one case's month is found for that case and month only, however
    the cases and months asked for cross."""
    first, second = (d.household for d in _drafts(2, persona, unit))
    proposal = make_sanction(
        unit,
        first,
        coach=persona("work_coach"),
        caseworker=persona("caseworker"),
        manager=persona("unit_manager"),
        today=timezone.localdate(),
    )
    month = Month.parse(proposal.month)
    other = str(month.plus(-1))
    crossed = [(first.pk, other), (second.pk, str(month))]
    assert sanction_reductions_for_months(crossed) == {key: [] for key in crossed}
    found = sanction_reductions_for_months([(first.pk, str(month)), *crossed])
    assert [r.proposal_id for r in found[(first.pk, str(month))]] == [proposal.pk]
    assert found[(first.pk, str(month))] == sanction_reductions_for_month(first.pk, str(month))
    assert found[(first.pk, other)] == found[(second.pk, str(month))] == []
