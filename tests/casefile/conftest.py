"""Cases with a draft decision for the assessment and kommunicering tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.casefile.models import CaseFileSettings
from bryggan.casefile.services_assessment import AssessmentContent
from bryggan.core.month import Month
from bryggan.decisions.models import Decision
from bryggan.decisions.rules import Outcome
from bryggan.decisions.services import calculation_save, decision_draft_create
from bryggan.intake.models import Channel
from bryggan.intake.services import application_register
from bryggan.reporting.services import reason_for_need_record
from tests.decisions.conftest import ACCOUNT, CLEARING, current_year_norm, delegation
from tests.people.factories import person_input

__all__ = ["current_year_norm", "delegation"]

COMPLETE = AssessmentContent(
    household_text="Ensamstående, hyr en tvåa i andra hand.",
    income_text="Inga inkomster; inga tillgångar.",
    housing_allowance="to_apply",
    maintenance_support="not_relevant",
    unemployment_benefit="refused",
    sickness_benefit="not_relevant",
    health_text="Inga hinder för arbete.",
    registered_at_af="yes",
    sfi="not_relevant",
    work_line_text="Inskriven sedan mars, söker arbete.",
    conclusion="Rätt till försörjningsstöd under utredningstiden.",
)


@pytest.fixture
def requirement_on(unit: Unit) -> Unit:
    """The unit requires a signed assessment before a first decision (the default without a
    row; the shared `unit` fixture turns it off)."""
    CaseFileSettings.objects.filter(unit=unit).update(
        assessment_required_before_first_decision=True
    )
    return unit


@pytest.fixture
def make_draft(
    unit: Unit, persona: Callable[..., User], current_year_norm: int, delegation: None
) -> Callable[..., Decision]:
    """A draft decision for a new household (serial `n`): granted by default; partly granted
    pays 1 000 kr less than calculated, refused pays nothing. `children` adds children."""
    persona("work_coach")
    caseworker = persona("caseworker")

    def make(n: int, *, outcome: Outcome = Outcome.GRANTED, children: int = 0) -> Decision:
        application = application_register(
            unit=unit,
            registered_by=caseworker,
            received_at=timezone.now(),
            channel=Channel.IN_PERSON,
            month=Month.of(timezone.localdate()),
            applicant=person_input(date(1980, 1, n % 28 + 1), 100 + n),
            children=[
                person_input(date(2015, 1, k + 1), 500 + 10 * n + k) for k in range(children)
            ],
            allow_over_cap=True,
            now=timezone.now(),
        )
        household = application.household
        calculation = calculation_save(
            household=household,
            document={
                "month": application.month,
                "members": [{"id": "p1", "birth_date": "1980-01-01"}],
                "costs": [{"type": "housing", "amount": 5000}],
            },
            by=caseworker,
        )
        amount = {
            Outcome.GRANTED: calculation.amount,
            Outcome.PARTLY_GRANTED: calculation.amount - 1000,
            Outcome.REFUSED: 0,
        }[outcome]
        for member in household.members.filter(role="applicant"):
            reason_for_need_record(
                household=household,
                month=Month.parse(application.month),
                person=member.person,
                code="unemployed_no_benefit",
                by=caseworker,
                now=timezone.now(),
            )
        return decision_draft_create(
            household=household,
            month=application.month,
            kind="livelihood_support",
            outcome=outcome,
            calculation=calculation,
            amount=amount,
            deviation_reason="Hyran över skälig nivå." if outcome == Outcome.PARTLY_GRANTED else "",
            reasons="Prövat enligt riksnormen.",
            documents_checked=["rent_contract"],
            personal_visit_held=True,
            registered_at_af=True,
            clearing=CLEARING if amount else "",
            account=ACCOUNT if amount else "",
            by=caseworker,
        )

    return make
