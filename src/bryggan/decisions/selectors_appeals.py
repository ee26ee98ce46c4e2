"""Reads of appeals: the decision appealed with its dates, a case's appeals, what can be appealed,
the items waiting on a caseworker or unit (for the desk), and the follow-up's figures per month."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.activities.models import SanctionProposal, SanctionStatus
from bryggan.core.money import format_kronor
from bryggan.decisions.models import (
    Appeal,
    AppealJudgment,
    AppealSettings,
    AppealStatus,
    Decision,
    DecisionStatus,
    RecoveryDecision,
)
from bryggan.decisions.rules_appeals import (
    DEFAULT_FORWARD_WITHIN_DAYS,
    AppealFigures,
    TimeCheck,
    appeal_time_check,
    forward_by,
    forwarded_on_time,
)
from bryggan.people.models import Household


class AppealedKind(StrEnum):
    DECISION = "decision"
    SANCTION = "sanction"
    RECOVERY = "recovery"


KIND_LABEL = {
    AppealedKind.DECISION: "Beslut om försörjningsstöd",
    AppealedKind.SANCTION: "Beslut om nedsättning",
    AppealedKind.RECOVERY: "Beslut om återkrav",
}


@dataclass(frozen=True, slots=True)
class Appealed:
    """The decision an appeal is against, whatever its kind: the facts the appeal needs."""

    kind: AppealedKind
    pk: int
    household_id: int
    decided_on: date
    received_on: date | None  # the day the party received the decision (FL 44 §)
    month: str
    label: str

    @property
    def key(self) -> str:
        return f"{self.kind.value}:{self.pk}"


def _decision_facts(decision: Decision) -> Appealed:
    assert decision.signed_at is not None  # noqa: S101 (only signed decisions are appealable)
    return Appealed(
        kind=AppealedKind.DECISION,
        pk=decision.pk,
        household_id=decision.household_id,
        decided_on=timezone.localdate(decision.signed_at),
        received_on=decision.notified_on,
        month=decision.month,
        label=(
            f"{KIND_LABEL[AppealedKind.DECISION]} {decision.month}, nr {decision.pk} "
            f"({decision.get_outcome_display()}, {format_kronor(decision.amount)})"
        ),
    )


def _sanction_facts(sanction: SanctionProposal) -> Appealed:
    assert sanction.decided_at is not None  # noqa: S101
    return Appealed(
        kind=AppealedKind.SANCTION,
        pk=sanction.pk,
        household_id=sanction.household_id,
        decided_on=timezone.localdate(sanction.decided_at),
        received_on=sanction.notified_on,
        month=sanction.month,
        label=(
            f"{KIND_LABEL[AppealedKind.SANCTION]} {sanction.month}, nr {sanction.pk} "
            f"({format_kronor(sanction.amount)})"
        ),
    )


def _recovery_facts(decision: RecoveryDecision) -> Appealed:
    assert decision.signed_at is not None  # noqa: S101
    return Appealed(
        kind=AppealedKind.RECOVERY,
        pk=decision.pk,
        household_id=decision.claim.household_id,
        decided_on=timezone.localdate(decision.signed_at),
        received_on=decision.notified_on,
        month=decision.claim.assistance_month,
        label=(
            f"{KIND_LABEL[AppealedKind.RECOVERY]} nr {decision.pk} "
            f"({decision.get_kind_display()}, {format_kronor(decision.amount)})"
        ),
    )


def appealable_decisions(household_id: int) -> list[Appealed]:
    """Every decided decision of the case that can be appealed, newest first."""
    decisions = Decision.objects.filter(household_id=household_id, status=DecisionStatus.SIGNED)
    sanctions = SanctionProposal.objects.filter(
        household_id=household_id, status=SanctionStatus.DECIDED
    )
    recoveries = RecoveryDecision.objects.filter(
        claim__household_id=household_id, status=DecisionStatus.SIGNED
    ).select_related("claim")
    found = (
        [_decision_facts(d) for d in decisions]
        + [_sanction_facts(s) for s in sanctions]
        + [_recovery_facts(r) for r in recoveries]
    )
    return sorted(found, key=lambda a: (a.decided_on, a.kind, a.pk), reverse=True)


def appealable_get(household_id: int, key: str) -> Appealed | None:
    """The decision `key` ("decision:12", "sanction:3", "recovery:5") if it is the case's and
    appealable."""
    return next((a for a in appealable_decisions(household_id) if a.key == key), None)


def appealed_of(appeal: Appeal) -> Appealed:
    if appeal.decision is not None:
        return _decision_facts(appeal.decision)
    if appeal.sanction is not None:
        return _sanction_facts(appeal.sanction)
    assert appeal.recovery_decision is not None  # noqa: S101 (a database check)
    return _recovery_facts(appeal.recovery_decision)


def time_check_of(appeal: Appeal) -> TimeCheck:
    return appeal_time_check(
        decision_received_on=appealed_of(appeal).received_on,
        appeal_received_on=appeal.received_on,
        incorrect_instructions=appeal.incorrect_instructions,
        reached_court_on=appeal.reached_court_on,
    )


def forward_within_days(unit_id: int) -> int:
    settings = AppealSettings.objects.filter(unit_id=unit_id).first()
    return settings.forward_within_days if settings else DEFAULT_FORWARD_WITHIN_DAYS


def court_of(unit_id: int) -> str:
    settings = AppealSettings.objects.filter(unit_id=unit_id).first()
    return settings.court if settings else "Förvaltningsrätten"


_RELATED = ("household", "decision", "sanction", "recovery_decision__claim")


def appeals_for_household(household_id: int) -> list[Appeal]:
    return list(Appeal.objects.filter(household_id=household_id).select_related(*_RELATED))


def appeal_get(household: Household, appeal_id: int) -> Appeal | None:
    return (
        Appeal.objects.filter(household=household, pk=appeal_id)
        .select_related(*_RELATED, "new_decision")
        .first()
    )


def appeal_locked(appeal_id: int) -> Appeal:
    """The appeal, its row locked. PostgreSQL refuses to lock the nullable side of an outer join
    (the appealed decision is one of three nullable keys): only the appeal's own row is locked."""
    return (
        Appeal.objects.select_for_update(of=("self",)).select_related(*_RELATED).get(pk=appeal_id)
    )


def appeal_exists(appealed: Appealed, received_on: date) -> bool:
    field = {
        AppealedKind.DECISION: "decision_id",
        AppealedKind.SANCTION: "sanction_id",
        AppealedKind.RECOVERY: "recovery_decision_id",
    }[appealed.kind]
    return Appeal.objects.filter(**{field: appealed.pk, "received_on": received_on}).exists()


def new_decisions_for(appeal: Appeal) -> QuerySet[Decision]:
    """The signed decisions a reconsideration can name as the new decision: the case's decisions
    on assistance that correct the appealed one."""
    if appeal.decision_id is None:
        return Decision.objects.none()
    return Decision.objects.filter(
        household_id=appeal.household_id, corrects_id=appeal.decision_id, status="signed"
    )


# --- the desk: appeals waiting on someone -------------------------------------------------------


class WaitingStep(StrEnum):
    CHECK = "check"  # time check and reconsideration (or dismissal) not yet done
    FORWARD = "forward"  # reconsidered, to forward to the court


@dataclass(frozen=True, slots=True)
class AppealWaiting:
    """One desk item: an appeal to check or to forward, with its deadline and where it is done."""

    appeal_id: int
    household_id: int
    case_number: str
    step: WaitingStep
    deadline: date
    overdue: bool
    timeliness: str
    responsible: str = ""  # the case's caseworker


def _waiting_rows(user_or_unit: User | Unit) -> QuerySet[Appeal]:
    appeals = Appeal.objects.filter(status__in=[AppealStatus.REGISTERED, AppealStatus.RECONSIDERED])
    if isinstance(user_or_unit, Unit):
        return appeals.filter(household__unit_id=user_or_unit.pk)
    return appeals.filter(
        household__caseworker=user_or_unit, household__unit_id=user_or_unit.unit_id
    )


def appeals_waiting(
    user_or_unit: User | Unit, today: date, *, limit: int | None = None
) -> list[AppealWaiting]:
    """The appeals still to check or forward: on a caseworker's own cases in their unit (a
    `User`) or the whole unit's (a `Unit`), ordered by deadline; the `limit` most urgent when
    given. One query, whatever their number (the unit's setting read in a subquery).

    The deadline of both steps is the unit's forwarding target (`rules_appeals.forward_by`, kept
    on the appeal when it was registered): the time check and reconsideration come before the
    forwarding and have no own limit in law. For the desk (`decisions/desk.py`).
    """
    within = AppealSettings.objects.filter(unit_id=OuterRef("household__unit_id")).values(
        "forward_within_days"
    )[:1]
    appeals = (
        _waiting_rows(user_or_unit)
        .select_related(*_RELATED, "household__caseworker")
        .annotate(within_days=Subquery(within))
        .order_by(Coalesce("forward_target", "received_on"), "id")
    )
    if limit is not None:
        appeals = appeals[:limit]
    items = []
    for appeal in appeals:
        days: int | None = appeal.within_days  # type: ignore[attr-defined]
        deadline = appeal.forward_target or forward_by(
            appeal_received_on=appeal.received_on,
            within_days=DEFAULT_FORWARD_WITHIN_DAYS if days is None else days,
        )
        caseworker = appeal.household.caseworker
        items.append(
            AppealWaiting(
                appeal_id=appeal.pk,
                household_id=appeal.household_id,
                case_number=appeal.household.case_number,
                step=WaitingStep.CHECK
                if appeal.status == AppealStatus.REGISTERED
                else WaitingStep.FORWARD,
                deadline=deadline,
                overdue=deadline < today,
                timeliness=time_check_of(appeal).timeliness.value,
                responsible=caseworker.get_full_name() if caseworker else "",
            )
        )
    return sorted(items, key=lambda i: (i.deadline, i.appeal_id))


def appeals_waiting_count(user_or_unit: User | Unit) -> int:
    """How many appeals `appeals_waiting` would list, counted in SQL."""
    return _waiting_rows(user_or_unit).count()


# --- the follow-up page ---------------------------------------------------------------------------


def appeal_figures(unit: Unit, *, months: int, today: date) -> list[AppealFigures]:
    """Appeals per month they came in over the last `months` months (newest first): how many came
    in, how many were forwarded and how many of those by the unit's target, how many were judged
    and how many of those the court changed."""
    first = date(today.year, today.month, 1)
    for _ in range(months - 1):
        first = date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)
    rows = Appeal.objects.filter(
        household__unit=unit, received_on__gte=first, received_on__lte=today
    ).values("received_on", "forwarded_on", "forward_target", "judgment")
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for row in rows:
        month = row["received_on"].strftime("%Y-%m")
        figures = counts[month]
        figures[0] += 1
        if row["forwarded_on"] is not None:
            figures[1] += 1
            if row["forward_target"] is not None and forwarded_on_time(
                forwarded_on=row["forwarded_on"], target=row["forward_target"]
            ):
                figures[2] += 1
        if row["judgment"]:
            figures[3] += 1
            figures[4] += row["judgment"] == AppealJudgment.CHANGED
    return [
        AppealFigures(
            month=month,
            came_in=c[0],
            forwarded=c[1],
            forwarded_on_time=c[2],
            judged=c[3],
            changed_by_court=c[4],
        )
        for month, c in sorted(counts.items(), reverse=True)
    ]
