"""The structured assessment: versions, signing and locking (in the database too), the
children's section, and the signed assessment a household's first decision needs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.casefile import rules_assessment as rules
from bryggan.casefile.models import Assessment, CaseFileSettings
from bryggan.casefile.services_assessment import (
    AssessmentContent,
    assessment_save,
    assessment_sign,
)
from bryggan.core.errors import DomainError
from bryggan.decisions.models import Decision
from bryggan.decisions.rules import Outcome
from bryggan.decisions.services import decision_draft_create, decision_sign
from bryggan.people.models import Household
from tests.casefile.conftest import COMPLETE

pytestmark = pytest.mark.django_db


def _household(make_draft: Callable[..., Decision], n: int = 1, **kw: object) -> Household:
    return make_draft(n, **kw).household


def test_saving_an_unsigned_version_changes_it_and_after_signing_makes_the_next(
    make_draft: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    household, by = _household(make_draft), persona("caseworker")
    first = assessment_save(household=household, content=AssessmentContent(), by=by)
    again = assessment_save(household=household, content=COMPLETE, by=by)
    assert (first.pk, again.number) == (again.pk, 1)
    assessment_sign(assessment=again, by=by, now=timezone.now())
    second = assessment_save(
        household=household, content=replace(COMPLETE, conclusion="Ny bedömning."), by=by
    )
    assert second.number == 2
    assert Assessment.objects.get(number=1).conclusion == COMPLETE.conclusion
    # A new version starts from the latest one's content (the form's starting values).
    assert AssessmentContent.of(second) == replace(COMPLETE, conclusion="Ny bedömning.")


def test_a_signed_version_is_locked_in_code_and_in_the_database(
    make_draft: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    by = persona("caseworker")
    version = assessment_save(household=_household(make_draft), content=COMPLETE, by=by)
    signed = assessment_sign(assessment=version, by=by, now=timezone.now())
    signed.conclusion = "Ändrad i efterhand."
    with pytest.raises(DomainError) as error:
        signed.save()
    assert error.value.message == rules.ASSESSMENT_LOCKED
    with pytest.raises(DatabaseError), transaction.atomic():
        Assessment.objects.filter(pk=signed.pk).update(conclusion="Ändrad")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE casefile_assessment SET conclusion = %s WHERE id = %s", ["Ändrad", signed.pk]
        )
    assert Assessment.objects.get().conclusion == COMPLETE.conclusion
    with pytest.raises(DomainError):
        assessment_sign(assessment=signed, by=by, now=timezone.now())


def test_an_unsigned_version_may_be_changed_in_the_database(
    make_draft: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    version = assessment_save(
        household=_household(make_draft), content=COMPLETE, by=persona("caseworker")
    )
    Assessment.objects.filter(pk=version.pk).update(conclusion="Utkast")
    assert Assessment.objects.get().conclusion == "Utkast"


def test_only_the_latest_version_can_be_signed(
    make_draft: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    household, by = _household(make_draft), persona("caseworker")
    first = assessment_sign(
        assessment=assessment_save(household=household, content=COMPLETE, by=by),
        by=by,
        now=timezone.now(),
    )
    assessment_save(household=household, content=COMPLETE, by=by)
    with pytest.raises(DomainError) as error:
        assessment_sign(assessment=first, by=by, now=timezone.now())
    assert error.value.message == rules.ASSESSMENT_NOT_LATEST.format(number=1, latest=2)


def test_with_children_the_childrens_section_is_required_before_signing(
    make_draft: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    by = persona("caseworker")
    version = assessment_save(household=_household(make_draft, children=2), content=COMPLETE, by=by)
    with pytest.raises(DomainError) as error:
        assessment_sign(assessment=version, by=by, now=timezone.now())
    assert (error.value.message, error.value.field) == (rules.CHILDREN_REQUIRED, "children_text")
    assert Assessment.objects.get().signed_at is None
    version = assessment_save(
        household=version.household,
        content=replace(COMPLETE, children_text="Barnen går i skolan; hyran tryggar boendet."),
        by=by,
    )
    assert assessment_sign(assessment=version, by=by, now=timezone.now()).is_locked


def test_without_children_the_childrens_section_may_be_empty(
    make_draft: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    by = persona("caseworker")
    version = assessment_save(household=_household(make_draft), content=COMPLETE, by=by)
    assert assessment_sign(assessment=version, by=by, now=timezone.now()).is_locked


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ({"conclusion": " "}, rules.CONCLUSION_REQUIRED),
        ({"unemployment_benefit": ""}, rules.BENEFITS_REQUIRED),
        ({"sfi": ""}, rules.WORK_LINE_REQUIRED),
    ],
)
def test_an_incomplete_assessment_is_not_signed(
    make_draft: Callable[..., Decision],
    persona: Callable[..., User],
    missing: dict[str, str],
    message: str,
) -> None:
    by = persona("caseworker")
    version = assessment_save(
        household=_household(make_draft), content=replace(COMPLETE, **missing), by=by
    )
    with pytest.raises(DomainError) as error:
        assessment_sign(assessment=version, by=by, now=timezone.now())
    assert error.value.message == message


def test_the_first_decision_is_not_signed_without_a_signed_assessment(
    make_draft: Callable[..., Decision], persona: Callable[..., User], requirement_on: Unit
) -> None:
    decision, by = make_draft(1), persona("caseworker")
    with pytest.raises(DomainError) as error:
        decision_sign(decision=decision, by=by, now=timezone.now())
    assert error.value.message == rules.ASSESSMENT_REQUIRED
    # An unsigned assessment is not enough.
    version = assessment_save(household=decision.household, content=COMPLETE, by=by)
    with pytest.raises(DomainError):
        decision_sign(decision=decision, by=by, now=timezone.now())
    assert Decision.objects.get().status == "draft"
    assessment_sign(assessment=version, by=by, now=timezone.now())
    assert decision_sign(decision=decision, by=by, now=timezone.now()).is_signed


def test_without_a_settings_row_the_assessment_is_required(
    make_draft: Callable[..., Decision], persona: Callable[..., User], unit: Unit
) -> None:
    CaseFileSettings.objects.filter(unit=unit).delete()
    with pytest.raises(DomainError) as error:
        decision_sign(decision=make_draft(1), by=persona("caseworker"), now=timezone.now())
    assert error.value.message == rules.ASSESSMENT_REQUIRED


def test_a_unit_that_does_not_require_it_signs_the_first_decision_without(
    make_draft: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    # The shared `unit` fixture has the requirement off.
    decision = make_draft(1)
    assert decision_sign(decision=decision, by=persona("caseworker"), now=timezone.now()).is_signed


def test_a_later_decision_of_the_household_needs_no_assessment(
    make_draft: Callable[..., Decision], persona: Callable[..., User], unit: Unit
) -> None:
    by = persona("caseworker")
    first = decision_sign(decision=make_draft(1), by=by, now=timezone.now())
    CaseFileSettings.objects.filter(unit=unit).update(
        assessment_required_before_first_decision=True
    )
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
    assert decision_sign(
        decision=correction, by=by, now=timezone.now() + timedelta(minutes=1)
    ).is_signed


def test_an_assessment_signed_after_the_moment_of_signing_does_not_count(
    make_draft: Callable[..., Decision], persona: Callable[..., User], requirement_on: Unit
) -> None:
    decision, by = make_draft(1), persona("caseworker")
    now = timezone.now()
    version = assessment_save(household=decision.household, content=COMPLETE, by=by)
    assessment_sign(assessment=version, by=by, now=now + timedelta(hours=1))
    with pytest.raises(DomainError):
        decision_sign(decision=decision, by=by, now=now)


def test_a_closed_case_gets_no_new_assessment(
    make_draft: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    household = _household(make_draft)
    Household.objects.filter(pk=household.pk).update(status="closed", closed_on=household.opened_on)
    with pytest.raises(DomainError) as error:
        assessment_save(household=household, content=COMPLETE, by=persona("caseworker"))
    assert error.value.message == rules.CASE_CLOSED


def test_the_share_rounds_half_up_and_has_none_of_nothing() -> None:
    assert [rules.share_percent(p, w) for p, w in ((1, 3), (2, 3), (1, 8), (0, 0))] == [
        33,
        67,
        13,
        None,
    ]
