"""Reads of the structured assessment: a household's versions, whether its next decision needs a
signed one, and the follow-up indicator (first decisions made on a signed assessment)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth, TruncYear

from bryggan.accounts.models import Unit
from bryggan.casefile import rules_assessment as rules
from bryggan.casefile.models import Assessment, CaseFileSettings
from bryggan.core.steady import steady
from bryggan.decisions.models import Decision, DecisionKind, DecisionStatus
from bryggan.people.models import Household, MemberRole


def assessment_versions(household_id: int) -> QuerySet[Assessment]:
    """Newest first."""
    return Assessment.objects.filter(household_id=household_id).select_related(
        "created_by", "signed_by"
    )


def assessment_latest(household_id: int) -> Assessment | None:
    return assessment_versions(household_id).order_by("-number").first()


def assessment_signed_latest(household_id: int, *, at: datetime | None = None) -> Assessment | None:
    """The latest signed version (signed at or before `at`, if given)."""
    signed = Assessment.objects.filter(household_id=household_id, signed_at__isnull=False)
    if at is not None:
        signed = signed.filter(signed_at__lte=at)
    return signed.order_by("-number").first()


def has_children(household: Household) -> bool:
    """Whether the household has a current member who is a child."""
    return household.members.filter(valid_to__isnull=True, role=MemberRole.CHILD).exists()


def assessment_required_by_unit(unit_id: int) -> bool:
    """The unit's setting; without a settings row, the default (required)."""
    value = steady(
        ("assessment_required", unit_id),
        lambda: (
            CaseFileSettings.objects.filter(unit_id=unit_id)
            .values_list("assessment_required_before_first_decision", flat=True)
            .first()
        ),
    )
    return True if value is None else value


def is_first_livelihood_decision(decision: Decision) -> bool:
    """A decision on försörjningsstöd of a household with no signed one yet."""
    return decision.pk in first_livelihood_decisions([decision])


def first_livelihood_decisions(decisions: Sequence[Decision]) -> set[int]:
    """Those of `decisions` (by id) that `is_first_livelihood_decision`: one read for all. A
    decision of a household with another of them signed is not its first either."""
    livelihood = [d for d in decisions if d.kind == DecisionKind.LIVELIHOOD_SUPPORT]
    if not livelihood:
        return set()
    signed = Decision.objects.filter(
        household_id__in={d.household_id for d in livelihood},
        kind=DecisionKind.LIVELIHOOD_SUPPORT,
        status=DecisionStatus.SIGNED,
    ).values_list("household_id", "pk")
    signed_by_household: dict[int, set[int]] = {}
    for household_id, pk in signed:
        signed_by_household.setdefault(household_id, set()).add(pk)
    return {d.pk for d in livelihood if not signed_by_household.get(d.household_id, set()) - {d.pk}}


@dataclass(frozen=True, slots=True)
class AssessmentNeed:
    """What the decision page says about the assessment before a draft is signed."""

    needed: bool
    signed: Assessment | None

    @property
    def missing(self) -> bool:
        return self.needed and self.signed is None


def assessment_need(
    decision: Decision, *, at: datetime, first: bool | None = None
) -> AssessmentNeed:
    """`first`: whether it is the household's first decision on försörjningsstöd, if already
    read (`first_livelihood_decisions`); else it is read here."""
    if first is None:
        first = is_first_livelihood_decision(decision)
    needed = rules.needs_assessment(
        required_by_unit=assessment_required_by_unit(decision.household.unit_id),
        first_livelihood_decision=first,
    )
    return AssessmentNeed(
        needed=needed,
        signed=assessment_signed_latest(decision.household_id, at=at) if needed else None,
    )


# --- the follow-up indicator ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FirstDecisionShare:
    """Households' first decisions on försörjningsstöd in a period, and how many of them were
    signed when a signed structured assessment of the household existed."""

    period: str  # "2026" or "2026-03"
    first_decisions: int
    on_assessment: int

    @property
    def share(self) -> int | None:
        return rules.share_percent(self.on_assessment, self.first_decisions)


def first_decisions_on_assessment(
    unit: Unit, *, per: Literal["year", "month"] = "year"
) -> list[FirstDecisionShare]:
    """Per year or month of signing, newest first: the unit's households' first signed decisions
    on försörjningsstöd, and those signed with a signed assessment of the household already in
    place. One query. A quality indicator of Öppna jämförelser (the seed report): the share of
    new applications decided on a structured assessment."""
    signed = Decision.objects.filter(
        kind=DecisionKind.LIVELIHOOD_SUPPORT, status=DecisionStatus.SIGNED
    )
    earlier = signed.filter(household=OuterRef("household")).filter(
        Q(signed_at__lt=OuterRef("signed_at"))
        | Q(signed_at=OuterRef("signed_at"), pk__lt=OuterRef("pk"))
    )
    on_assessment = Assessment.objects.filter(
        household=OuterRef("household"),
        signed_at__isnull=False,
        signed_at__lte=OuterRef("signed_at"),
    )
    trunc = TruncYear("signed_at") if per == "year" else TruncMonth("signed_at")
    rows = (
        signed.filter(household__unit=unit)
        .filter(~Exists(earlier))
        .annotate(period=trunc)
        .values("period")
        .annotate(
            first_decisions=Count("id"),
            on_assessment=Count("id", filter=Q(Exists(on_assessment))),
        )
        .order_by("-period")
    )
    label = "%Y" if per == "year" else "%Y-%m"
    return [
        FirstDecisionShare(
            period=row["period"].strftime(label),
            first_decisions=row["first_decisions"],
            on_assessment=row["on_assessment"],
        )
        for row in rows
    ]
