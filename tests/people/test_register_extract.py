"""The register extract (GDPR art. 15): every section filled for a person with data in every app,
nothing of another household, every model referring to a person or household covered, the JSON and
PDF downloads gated and logged, and `bryggan register-extract`."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import ForeignKey, OneToOneField
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan import cli
from bryggan.accounts.models import Unit, User
from bryggan.activities.models import ParticipationAbility
from bryggan.audit.models import AccessLogEntry
from bryggan.casefile.models import Assessment, Kommunicering, ObjectionHow
from bryggan.casefile.services_journal import note_objection_record
from bryggan.casefile.services_requests import document_request_create, preliminary_reply_give
from bryggan.cooperation.models import DisclosureChannel
from bryggan.cooperation.rules import InformationKind
from bryggan.cooperation.services import af_status_record, disclosure_record
from bryggan.decisions.models import (
    Appeal,
    Decision,
    RecoveryClaim,
    RecoveryDecision,
    RecoveryRepayment,
)
from bryggan.followup.models import AssistanceMonth
from bryggan.followup.services import case_close
from bryggan.intake.models import Application
from bryggan.mypages.models import ContactDetails
from bryggan.payments.models import Payment, PaymentRun
from bryggan.people.letters_register_extract import register_extract_pdf
from bryggan.people.models import Household, Person
from bryggan.people.register_extract import (
    MODEL_SECTIONS,
    NOT_PERSONAL_DATA,
    PROTECTED_NAME,
    SECTIONS,
    register_extract_build,
    register_extract_json_text,
)
from bryggan.reviews.rules import ActionParty
from bryggan.reviews.services import ActionInput, meeting_hold, minutes_record
from tests.activities.factories import make_sanction
from tests.casefile.documents_files import upload
from tests.casefile.factories_journal import make_discussion, make_note
from tests.casefile.test_journal_letter import pdf_text
from tests.cooperation.factories import make_consent, make_organisation
from tests.decisions.conftest import ACCOUNT, CLEARING
from tests.employers.factories import make_employer, make_offer, make_profile, place
from tests.payments.conftest import current_year_norm, delegation, make_decision
from tests.placements.factories import Group, approve_all, consent_all, propose, sign_agreement
from tests.placements.factories import make_group as make_selection_group
from tests.planning.factories import make_followup, make_version
from tests.projects.factories import join, make_project
from tests.reviews.factories import make_group as make_review_group
from tests.reviews.factories import make_meeting, put_on

pytestmark = pytest.mark.django_db
__all__ = ["current_year_norm", "delegation", "make_decision"]  # fixtures


def _amount(person: Person) -> int:
    """The amount of the person's case's (one) decision."""
    return Decision.objects.get(household__members__person=person).amount


def _fill(  # noqa: PLR0917 - the case's people and the unit's selection group
    household: Household, person: Person, by: User, manager: User, unit: Unit, selection: Group
) -> None:
    """One record of every kind for the case of `household` (the decision is already made)."""
    today = timezone.localdate()
    now = timezone.now()
    decision = Decision.objects.filter(household=household).get()
    run = PaymentRun.objects.create(
        kind="monthly",
        message_id=f"TEST-X-{household.pk}",
        execution_date=today,
        payment_count=1,
        total=decision.amount,
        file=b"",
        checksum="0" * 64,
        created_by=manager,
    )
    payment = Payment.objects.create(
        decision=decision,
        run=run,
        amount=decision.amount,
        clearing=CLEARING,
        account=ACCOUNT,
        end_to_end_id=f"E2E-X-{household.pk}",
        status="sent",
    )
    claim = RecoveryClaim.objects.create(
        household=household,
        ground="caused",
        facts="Lön som inte redovisades.",
        amount=1200,
        cost_date=today,
        assistance_month=decision.month,
        law="2001:453",
        created_by=by,
    )
    claim.payments.add(payment)
    RecoveryDecision.objects.create(
        claim=claim, kind="recovery", amount=1200, reasons="Ska betalas tillbaka.", created_by=by
    )
    RecoveryRepayment.objects.create(claim=claim, received_on=today, amount=300, recorded_by=by)
    Appeal.objects.create(
        household=household,
        decision=decision,
        received_on=today,
        claims="Hela hyran ska godtas.",
        registered_by=by,
    )
    Assessment.objects.create(
        household=household, number=1, conclusion="Behov av stöd.", created_by=by
    )
    Kommunicering.objects.create(
        household=household,
        decision=decision,
        material="Beräkningen",
        method="letter",
        sent_on=today,
        answer_by=today + timedelta(days=7),
        created_by=by,
    )
    ParticipationAbility.objects.create(
        household=household,
        person=person,
        able_to_participate=True,
        assessed_on=today,
        assessed_by=by,
    )
    AssistanceMonth.objects.create(
        household=household, month=today.year * 12 + today.month - 1, spell_months=1,
        months_in_last_twelve=1,
    )  # fmt: skip
    note = make_note(household, by, text="Besök: gick igenom hyran.")
    note_objection_record(
        note=note,
        received_on=today,
        how=ObjectionHow.WRITTEN,
        text="Hyran stämmer inte.",
        by=by,
        now=now,
    )
    make_discussion(household, manager)
    upload(household, by)
    version = make_version(household, by, today=today)
    make_followup(version, by, due_on=today + timedelta(days=30), booked=today)
    coach = User.objects.get(role="work_coach", unit=unit)
    make_sanction(unit, household, coach=coach, today=today)
    join(make_project(unit, manager, name=f"Språnget {household.pk}"), household, by, on=today)
    organisation = make_organisation(f"Arbetsförmedlingen {household.pk}")
    make_consent(household, organisation, by)
    disclosure_record(
        person=person,
        household=household,
        organisation=organisation,
        kinds=[InformationKind.PLAN],
        channel=DisclosureChannel.PRINTOUT,
        by=by,
        now=now,
    )
    af_status_record(
        person=person,
        registered=True,
        registered_since=today,
        programme="Jobbgarantin för ungdomar",
        contact_name="",
        contact_phone="",
        by=by,
        now=now,
    )
    make_profile(household, coach)
    place(make_offer(make_employer(unit, coach), coach, ends_on=today), household, coach, on=today)
    document_request_create(
        household=household,
        kind="payslip",
        what="Lönespecifikation",
        last_day=today,
        month=None,
        by=by,
        today=today,
    )
    application = Application.objects.filter(household=household).get()
    preliminary_reply_give(
        household=household,
        application=application,
        reason="Vi väntar på uppgifter.",
        decision_by=today + timedelta(days=7),
        decided=False,
        by=by,
        today=today,
    )
    ContactDetails.objects.create(person=person, email="sokande@example.org")
    # A joint case review with its minutes, and a placement decided together, agreed and started.
    meeting = make_meeting(
        make_review_group(unit, manager, [organisation], name=f"ÄGG {household.pk}"), by, in_days=0
    )
    item = put_on(meeting, household, by)
    meeting_hold(meeting=meeting, by=by, now=now)
    minutes_record(
        item=item,
        agreed="Praktik hos Arbetsförmedlingen.",
        actions=[
            ActionInput(ActionParty.PARTNER, "Anvisa praktik", today, organisation=organisation)
        ],
        by=by,
        now=now,
    )
    consent_all(household, selection, by)
    placement = propose(selection, household, by)
    approve_all(placement, selection, manager)
    sign_agreement(placement, by)
    case_close(household=household, reason="work", closed_on=today, by=by)


@pytest.fixture
def two_cases(
    unit: Unit, persona: Callable[..., User], make_decision: Callable[..., Decision]
) -> tuple[Person, Person]:
    """Two households, each with a record in every app; returns their applicants."""
    caseworker, manager = persona("caseworker"), persona("unit_manager")
    selection = make_selection_group(unit, manager)
    people = []
    for n in (1, 2):
        household = make_decision(n).household
        person = household.members.get().person
        _fill(household, person, caseworker, manager, unit, selection)
        people.append(person)
    return people[0], people[1]


def _extract(person: Person) -> dict[str, object]:
    return register_extract_build(person, reveal_own=True, now=timezone.now())


def test_every_section_is_filled_for_a_person_with_data_in_every_app(
    two_cases: tuple[Person, Person], persona: Callable[..., User], unit: Unit
) -> None:
    person, _ = two_cases
    client = Client()
    client.force_login(persona("caseworker"))
    client.get(reverse("people:person_detail", args=[person.pk]))  # a read, for the access log
    extract = _extract(person)
    assert list(extract) == ["format", "version", "made_at", "note", *SECTIONS]
    empty = [section for section in SECTIONS if not extract[section]]
    assert empty == []
    assert extract["person"]["identity_number"] == person.identity_number  # type: ignore[index]
    assert [d["amount"] for d in extract["decisions"]] == [_amount(person)]  # type: ignore[attr-defined]
    calculation = extract["calculations"][0]  # type: ignore[index]
    assert calculation["lines"]
    assert all(isinstance(x["amount"], int) for x in calculation["lines"])
    note = extract["journal_notes"][0]  # type: ignore[index]
    assert note["objections"][0]["text"] == "Hyran stämmer inte."
    claim = extract["recovery_claims"][0]  # type: ignore[index]
    assert claim["recovery_decisions"]
    assert claim["repayments"][0]["amount"] == 300
    assert extract["action_plans"][0]["versions"][0]["steps"]  # type: ignore[index]
    assert extract["referrals"][0]["attendance"]  # type: ignore[index]
    assert any(row["purpose"] == "casework" for row in extract["access_log"])  # type: ignore[attr-defined]
    placement = extract["decided_placements"][0]  # type: ignore[index]
    assert {v["organisation"] for v in placement["votes"]} >= {
        unit.name,  # the own municipality's vote, named by its unit as on the placement's page
        "Arbetsförmedlingen Fagersta",
    }
    assert all(v["approve"] for v in placement["votes"])
    assert placement["placement_agreement"][0]["signed_on"] == timezone.localdate().isoformat()
    review = extract["joint_case_reviews"][0]  # type: ignore[index]
    assert review["agreed"] == "Praktik hos Arbetsförmedlingen."
    assert review["review_actions"][0]["organisation"].startswith("Arbetsförmedlingen")


def test_another_households_data_does_not_leak(two_cases: tuple[Person, Person]) -> None:
    person, other = two_cases
    text = register_extract_json_text(_extract(person))
    assert other.identity_number not in text
    assert other.first_name not in text or other.first_name == person.first_name
    other_case = other.memberships.get().household.case_number
    assert other_case not in text
    assert person.memberships.get().household.case_number in text


def test_the_json_round_trips_with_iso_dates_and_integer_amounts(
    two_cases: tuple[Person, Person],
) -> None:
    person, _ = two_cases
    extract = _extract(person)
    loaded = json.loads(register_extract_json_text(extract))
    assert loaded == extract
    assert loaded["format"] == "bryggan.register_extract"
    assert loaded["version"] == 1
    assert date.fromisoformat(loaded["person"]["birth_date"]) == person.birth_date
    assert all(isinstance(p["amount"], int) for p in loaded["payments"])
    assert "kostnadsfri" in loaded["note"]


def test_the_pdf_shows_the_personnummer_and_the_decisions_amount(
    two_cases: tuple[Person, Person],
) -> None:
    person, _ = two_cases
    pdf = register_extract_pdf(_extract(person), unit_name="Socialtjänsten")
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert person.identity_number in text
    assert str(_amount(person)) in text
    assert "Registerutdrag" in text  # Swedish whatever the reader's language
    assert "Utbetalningar" in text


def test_a_household_member_with_a_protected_identity_is_not_named(
    unit: Unit, persona: Callable[..., User], make_decision: Callable[..., Decision]
) -> None:
    household = make_decision(3).household
    person = household.members.get().person
    Person.objects.filter(pk=person.pk).update(protected_identity=True)
    person.refresh_from_db()
    hidden = register_extract_build(person, reveal_own=False, now=timezone.now())
    assert hidden["person"]["first_name"] == PROTECTED_NAME  # type: ignore[index]
    assert hidden["person"]["last_name"] == ""  # type: ignore[index]
    assert hidden["households"][0]["members"][0]["name"] == PROTECTED_NAME  # type: ignore[index]
    assert hidden["person"]["identity_number"] == person.identity_number  # type: ignore[index]
    shown = register_extract_build(person, reveal_own=True, now=timezone.now())
    assert shown["households"][0]["members"][0]["name"] == str(person)  # type: ignore[index]


def test_every_model_referring_to_a_person_or_household_is_covered() -> None:
    """A new model with a foreign key to a person or a household must be put in a section of the
    extract (`MODEL_SECTIONS`) or, if it holds no personal data, in `NOT_PERSONAL_DATA`."""
    referring = {
        model._meta.label
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, ForeignKey | OneToOneField)
        and field.related_model in (Person, Household)
    }
    covered = set(MODEL_SECTIONS) | set(NOT_PERSONAL_DATA)
    assert referring - covered == set(), "add these models to the register extract"
    assert set(MODEL_SECTIONS.values()) <= set(SECTIONS)
    assert "people.HouseholdMember" in referring  # the enumeration itself works


# The downloads.


def test_staff_download_the_pdf_and_the_json_and_the_read_is_logged(
    two_cases: tuple[Person, Person], client_as: Callable[..., Client]
) -> None:
    person, _ = two_cases
    client = client_as("caseworker")
    page = client.get(reverse("people:person_detail", args=[person.pk])).content.decode()
    pdf_url = reverse("people:person_register_extract_pdf", args=[person.pk])
    json_url = reverse("people:person_register_extract_json", args=[person.pk])
    assert pdf_url in page
    assert json_url in page
    case = person.memberships.get().household
    case_page = client.get(reverse("people:household_detail", args=[case.pk])).content.decode()
    assert pdf_url in case_page
    pdf = client.get(pdf_url)
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment;")
    assert person.identity_number in pdf_text(pdf.content)
    data = client.get(json_url)
    assert data.status_code == 200
    assert data["Content-Disposition"].startswith("attachment;")
    assert json.loads(data.content)["person"]["identity_number"] == person.identity_number
    logged = AccessLogEntry.objects.filter(
        object_type="person", object_id=str(person.pk), purpose="register_extract"
    )
    assert logged.count() == 2
    assert {entry.user.role for entry in logged} == {"caseworker"}  # type: ignore[union-attr]


def test_staff_of_another_unit_get_404_and_nothing_is_logged(
    two_cases: tuple[Person, Person], persona: Callable[..., User], other_unit: Unit
) -> None:
    person, _ = two_cases
    client = Client()
    client.force_login(persona("caseworker", in_unit=other_unit))
    for name in ("people:person_register_extract_pdf", "people:person_register_extract_json"):
        assert client.get(reverse(name, args=[person.pk])).status_code == 404
    assert not AccessLogEntry.objects.filter(purpose="register_extract").exists()


# The command.


def test_the_command_writes_both_files_and_logs_the_read_with_its_actor(
    two_cases: tuple[Person, Person], tmp_path: Path
) -> None:
    person, _ = two_cases
    short = person.identity_number[2:].replace("-", "")  # YYMMDDNNNN: no century, no hyphen
    out = tmp_path / "utdrag"
    call_command("register_extract", short, "--out", str(out))
    loaded = json.loads((out / "extract.json").read_text(encoding="utf-8"))
    assert loaded["person"]["identity_number"] == person.identity_number
    assert str(_amount(person)) in pdf_text((out / "extract.pdf").read_bytes())
    entry = AccessLogEntry.objects.get(purpose="register_extract")
    assert entry.user is None
    assert entry.actor == "register-extract"
    assert entry.object_id == str(person.pk)
    assert loaded["access_log"][-1]["actor"] == "register-extract"


@pytest.mark.parametrize(
    ("number", "message"), [("19800101-0000", "giltigt"), ("19121212-1212", "no such person")]
)
def test_the_command_refuses_a_bad_number_or_an_unknown_person_with_exit_2(
    number: str, message: str, tmp_path: Path
) -> None:
    with pytest.raises(CommandError) as raised:
        call_command("register_extract", number, "--out", str(tmp_path))
    assert raised.value.returncode == 2
    assert message in str(raised.value).lower()
    assert "\n" not in str(raised.value)
    assert not (tmp_path / "extract.json").exists()


def test_the_hyphenated_alias_exists() -> None:
    assert cli.DJANGO_ALIASES["register-extract"] == "register_extract"


def test_the_console_command_exits_2_on_an_unknown_person(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["register-extract", "191212121212", "--out", str(tmp_path)])
    assert exited.value.code == 2
    assert capsys.readouterr().err.strip().endswith("19121212-1212: no such person in Bryggan.")
