"""The demo's structured assessments and kommunicering, through the services.

Every household's first decision rests on a signed structured assessment written by its
caseworker an hour before (the unit's default routine, `casefile.CaseFileSettings`); a demo
refusal, which rests on the household's own figures, records the exception of förvaltningslagen
(2017:900) 25 § that applies; and one partly refusing draft decision of the first unit has its
kommunicering recorded (the letter sent, the client's oral answer), ready to be signed.
The texts are made-up demo prose, not a template any municipality uses. Deterministic.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bryggan.accounts.models import Unit, User
from bryggan.casefile.models import BenefitStatus, KommuniceringException, WorkLineFact
from bryggan.casefile.rules_kommunicering import Basis
from bryggan.casefile.selectors_assessment import (
    assessment_signed_latest,
    has_children,
    is_first_livelihood_decision,
)
from bryggan.casefile.services_assessment import (
    AssessmentContent,
    assessment_save,
    assessment_sign,
)
from bryggan.casefile.services_kommunicering import (
    KommuniceringInput,
    kommunicering_answer_record,
    kommunicering_record,
)
from bryggan.decisions.models import Decision
from bryggan.decisions.rules import Outcome
from bryggan.decisions.selectors import current_members
from bryggan.decisions.services import calculation_save, decision_draft_create
from bryggan.intake.models import Application
from bryggan.people.models import Household, MemberRole

WRITTEN_BEFORE = timedelta(hours=1)


def _content(household: Household, *, work_income: bool) -> AssessmentContent:
    members = current_members(household)
    children = sum(1 for m in members if m.role == MemberRole.CHILD)
    adults = len(members) - children
    size = "Ensamstående" if adults == 1 else "Sammanboende par"
    with_children = f" med {children} barn" if children else " utan barn"
    return AssessmentContent(
        household_text=f"{size}{with_children}. Hyr en lägenhet med förstahandskontrakt; "
        "hyresavtalet finns i akten.",
        income_text=(
            "Arbetar deltid; lönen räcker inte till hushållets behov."
            if work_income
            else "Inga inkomster. Inga tillgångar enligt kontoutdragen för de tre senaste "
            "månaderna."
        ),
        housing_allowance=BenefitStatus.TO_APPLY if children else BenefitStatus.NOT_RELEVANT,
        maintenance_support=BenefitStatus.GRANTED if children and adults == 1 else "not_relevant",
        unemployment_benefit=BenefitStatus.REFUSED,
        sickness_benefit=BenefitStatus.NOT_RELEVANT,
        health_text="Uppger god hälsa; inga hinder för arbete har framkommit.",
        registered_at_af=WorkLineFact.YES,
        sfi=WorkLineFact.NOT_RELEVANT,
        work_line_text="Inskriven på Arbetsförmedlingen; aktivitetsrapporterar varje månad. "
        "Planering mot arbete tillsammans med arbetslivscoachen.",
        children_text=(
            "Barnen bor i hushållet och går i förskola och skola. Bedömningen har gjorts med "
            "barnens bästa i första hand: boendet tryggas genom att hyran beviljas i sin helhet."
            if children
            else ""
        ),
        conclusion="Hushållet saknar egna medel till sin försörjning och har rätt till "
        "försörjningsstöd enligt riksnormen och skäliga boendekostnader.",
    )


def assessment_before_first_decision(
    decision: Decision, *, by: User, now: datetime, work_income: bool
) -> None:
    """Write and sign the household's assessment before its first decision on försörjningsstöd,
    unless one is already signed."""
    household = decision.household
    if not is_first_livelihood_decision(decision) or assessment_signed_latest(household.pk):
        return
    version = assessment_save(
        household=household, content=_content(household, work_income=work_income), by=by
    )
    assessment_sign(assessment=version, by=by, now=now - WRITTEN_BEFORE)


def exception_before_refusal(decision: Decision, *, by: User, today: date) -> None:
    """A refusal on the household's own figures: kommunicering is plainly unnecessary."""
    if decision.outcome != Outcome.REFUSED:
        return
    kommunicering_record(
        decision=decision,
        given=KommuniceringInput(
            basis=Basis.EXCEPTION,
            exception=KommuniceringException.NOT_ADVERSE_OR_UNNECESSARY,
            exception_reason="Beslutet grundas enbart på de inkomster och kostnader som "
            "sökanden själv har redovisat i ansökan.",
        ),
        by=by,
        today=today,
    )


def demo_kommunicering(*, units: list[Unit], today: date, now: datetime) -> Decision | None:
    """One partly refusing draft decision of the first unit with its kommunicering recorded:
    the letter sent a week ago, the client's oral answer three days later."""
    recent = Application.objects.filter(household__unit=units[0]).select_related("household")
    for application in recent.order_by("-received_at")[:50]:
        household = application.household
        if household.decisions.filter(month=application.month).exists():
            continue
        if has_children(household) or household.status != "active":
            continue
        caseworker = household.caseworker
        if caseworker is None:
            continue
        members = current_members(household)
        calculation = calculation_save(
            household=household,
            document={
                "month": application.month,
                "members": [
                    {"id": f"p{m.person_id}", "birth_date": m.person.birth_date.isoformat()}
                    for m in members
                ],
                "cohabiting": any(m.role == MemberRole.CO_APPLICANT for m in members),
                "costs": [{"type": "housing", "amount": 11500}],
            },
            by=caseworker,
        )
        reasonable = 1500
        if calculation.amount <= reasonable:
            continue
        decision = decision_draft_create(
            household=household,
            month=application.month,
            kind="livelihood_support",
            outcome=Outcome.PARTLY_GRANTED,
            calculation=calculation,
            amount=calculation.amount - reasonable,
            deviation_reason="Hyran 11 500 kr överstiger den skäliga nivån för hushållets "
            "storlek på orten med 1 500 kr.",
            reasons="Bistånd beviljas till skälig boendekostnad; den del av hyran som "
            "överstiger skälig nivå avslås.",
            documents_checked=["rent_contract", "bank_statements"],
            personal_visit_held=True,
            registered_at_af=True,
            clearing="6000",
            account="123456789",
            by=caseworker,
        )
        sent_on = today - timedelta(days=7)
        record = kommunicering_record(
            decision=decision,
            given=KommuniceringInput(
                basis=Basis.COMMUNICATED,
                material="Hyresavtalet (hyra 11 500 kr) och kommunens riktlinje för skälig "
                "boendekostnad: den del av hyran som överstiger skälig nivå avses avslås.",
                method="letter",
                sent_on=sent_on,
                answer_by=sent_on + timedelta(days=14),
            ),
            by=caseworker,
            today=today,
        )
        kommunicering_answer_record(
            kommunicering=record,
            answered_on=sent_on + timedelta(days=3),
            answer="Muntligt i telefon: söker en billigare lägenhet och har anmält sig i "
            "bostadskön.",
            by=caseworker,
            today=today,
        )
        return decision
    return None
