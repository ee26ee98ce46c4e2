"""Writes of the structured assessment (*utredning*): saving a version, signing it, and the check
`decisions.services.decisions_sign` makes before a household's first decision.

Each write is one transaction with its history row. Sources in `rules_assessment`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from datetime import datetime

from django.db import transaction

from bryggan.accounts.models import User
from bryggan.audit.services import change_record_write
from bryggan.casefile import rules_assessment as rules
from bryggan.casefile import selectors_assessment as selectors
from bryggan.casefile.models import Assessment
from bryggan.core.errors import DomainError
from bryggan.decisions.models import Decision
from bryggan.people.models import Household, HouseholdStatus


@dataclass(frozen=True, slots=True)
class AssessmentContent:
    """The sections and facts of one version, as written."""

    household_text: str = ""
    income_text: str = ""
    housing_allowance: str = ""
    maintenance_support: str = ""
    unemployment_benefit: str = ""
    sickness_benefit: str = ""
    health_text: str = ""
    registered_at_af: str = ""
    sfi: str = ""
    work_line_text: str = ""
    children_text: str = ""
    conclusion: str = ""

    @classmethod
    def of(cls, assessment: Assessment | None) -> AssessmentContent:
        """The content of a stored version (empty for none): a new version starts from it."""
        if assessment is None:
            return cls()
        return cls(**{f.name: getattr(assessment, f.name) for f in fields(cls)})


@transaction.atomic
def assessment_save(*, household: Household, content: AssessmentContent, by: User) -> Assessment:
    """Save the assessment: the unsigned latest version is written over; when the latest is
    signed (or there is none) a new version is made, numbered one more."""
    locked = Household.objects.select_for_update().get(pk=household.pk)
    if locked.status != HouseholdStatus.ACTIVE:
        raise DomainError(rules.CASE_CLOSED)
    latest = selectors.assessment_latest(household.pk)
    values = asdict(content)
    if latest is not None and not latest.is_locked:
        for name, value in values.items():
            setattr(latest, name, value)
        latest.save(update_fields=[*values, "updated_at"])
        version, action = latest, "changed"
    else:
        version = Assessment.objects.create(
            household=household,
            number=rules.next_version_number(latest.number if latest else None),
            created_by=by,
            **values,
        )
        action = "created"
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="assessment",
        object_id=version.pk,
        action=action,
        changes={"number": version.number, "sections": _filled(content)},
    )
    return version


def _filled(content: AssessmentContent) -> list[str]:
    return [name for name, value in asdict(content).items() if value.strip()]


@transaction.atomic
def assessment_sign(*, assessment: Assessment, by: User, now: datetime) -> Assessment:
    """Sign the latest version; from then on it is locked (a change is a new version)."""
    household = Household.objects.select_for_update().get(pk=assessment.household_id)
    current = Assessment.objects.get(pk=assessment.pk)
    latest = selectors.assessment_latest(household.pk)
    rules.check_may_sign(
        number=current.number,
        latest=latest.number if latest else 0,
        signed=current.is_locked,
        conclusion=current.conclusion,
        children_text=current.children_text,
        has_children=selectors.has_children(household),
        benefits=(
            current.housing_allowance,
            current.maintenance_support,
            current.unemployment_benefit,
            current.sickness_benefit,
        ),
        work_line=(current.registered_at_af, current.sfi),
    )
    Assessment.objects.filter(pk=current.pk).update(signed_at=now, signed_by=by, updated_at=now)
    current.signed_at, current.signed_by = now, by
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="assessment",
        object_id=current.pk,
        action="signed",
        changes={"number": current.number, "at": now.isoformat()},
    )
    return current


def assessment_sign_checks(signings: Sequence[tuple[Decision, datetime]]) -> None:
    """Refuse to sign a household's first decision on försörjningsstöd without a signed
    structured assessment, unless the unit does not require it (`CaseFileSettings`): for each of
    several decisions, each signed at its time, in order; which of them are first decisions is
    read once for all. Called from `decisions.services.decisions_sign`, inside its transaction.
    """
    first = selectors.first_livelihood_decisions([decision for decision, _ in signings])
    for decision, now in signings:
        if selectors.assessment_need(decision, at=now, first=decision.pk in first).missing:
            raise DomainError(rules.ASSESSMENT_REQUIRED)
