"""Reads of the structured assessment: a household's versions, whether its next decision needs a
signed one, and the follow-up indicator (first decisions made on a signed assessment)."""

from __future__ import annotations

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
    return (
        decision.kind == DecisionKind.LIVELIHOOD_SUPPORT
        and not Decision.objects.filter(
            household_id=decision.household_id,
            kind=DecisionKind.LIVELIHOOD_SUPPORT,
            status=DecisionStatus.SIGNED,
        )
        .exclude(pk=decision.pk)
        .exists()
    )


@dataclass(frozen=True, slots=True)
class AssessmentNeed:
    """What the decision page says about the assessment before a draft is signed."""

    needed: bool
    signed: Assessment | None

    @property
    def missing(self) -> bool:
        return self.needed and self.signed is None


def assessment_need(decision: Decision, *, at: datetime) -> AssessmentNeed:
    needed = rules.needs_assessment(
        required_by_unit=assessment_required_by_unit(decision.household.unit_id),
        first_livelihood_decision=is_first_livelihood_decision(decision),
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
