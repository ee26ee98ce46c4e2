"""The case timeline page: every kind of event in words, newest first, filtered by kind, its
queries bounded, behind the case gate and logged; and the case page's latest entries."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from unittest.mock import ANY

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from bryggan.accounts.models import Unit, User
from bryggan.activities.models import (
    Outcome,
    ReconsiderationOccasion,
    ReconsiderationOutcome,
    Referral,
)
from bryggan.activities.services import referral_end, sanction_reconsider, sanction_record_receipt
from bryggan.audit.models import AccessLogEntry
from bryggan.casefile.forms_timeline import TimelineFilterForm
from bryggan.casefile.models import JournalNoteKind, ObjectionHow
from bryggan.casefile.rules_timeline import LABELS, Kind
from bryggan.casefile.selectors_timeline import case_timeline
from bryggan.casefile.services_assessment import assessment_save, assessment_sign
from bryggan.casefile.services_journal import (
    case_discussion_cancel,
    case_discussion_hold,
    journal_note_correct,
    journal_note_sign,
    note_objection_record,
)
from bryggan.decisions.models import Decision, SavedCalculation
from bryggan.decisions.services import calculation_save, decision_record_receipt
from bryggan.desk.registry import desk_counts
from bryggan.followup.services import case_close
from bryggan.intake.models import Application, FirstMeeting, MeetingStatus
from bryggan.intake.services import first_meeting_mark
from bryggan.payments.models import PaymentStatus
from bryggan.payments.services import payment_mark, payment_run_execute
from bryggan.people.models import Household, Person
from bryggan.planning.models import SignedHow
from bryggan.planning.services import followup_hold, plan_version_sign
from tests.activities.factories import make_sanction
from tests.casefile.conftest import COMPLETE
from tests.casefile.documents_files import upload
from tests.casefile.factories_journal import make_discussion, make_note
from tests.conftest import STOCKHOLM
from tests.payments.conftest import current_year_norm, delegation, make_decision
from tests.planning.factories import make_followup, make_version

pytestmark = pytest.mark.django_db
__all__ = ["current_year_norm", "delegation", "make_decision"]

# Every event the case below goes through, as (object type, action) of the label it shows.
EVERY_EVENT = [
    ("household", "opened"),
    ("reason_for_need", "recorded"),
    ("application", "registered"),
    ("first_meeting", "booked"),
    ("first_meeting", "marked_held"),
    ("calculation", "saved"),
    ("decision", "drafted"),
    ("decision", "signed"),
    ("decision", "received"),
    ("payment", "sent"),
    ("payment", "returned"),
    ("plan_version", "created"),
    ("plan_version", "signed"),
    ("follow_up", "booked"),
    ("follow_up", "held"),
    ("referral", "referred"),
    ("referral", "accepted"),
    ("referral", "started"),
    ("referral", "ended"),
    ("attendance", "unexcused_absence"),
    ("sanction_proposal", "proposed"),
    ("sanction_proposal", "assessed"),
    ("sanction_proposal", "decided"),
    ("sanction_proposal", "received"),
    ("sanction_reconsideration", "lowered"),
    ("closure", "recorded"),
    ("case_discussion", "requested"),
    ("assessment", "signed"),
    ("document", "uploaded"),
]
ROW = re.compile(r'<tr class="kind-(\w+)">\s*<td><time datetime="([^"]+)">')


@pytest.fixture
def full_case(persona: Callable[..., User], make_decision: Callable[..., Decision]) -> Household:
    """A case that has been through every kind of event, made through the real services."""
    caseworker, coach, manager = (
        persona("caseworker"),
        persona("work_coach"),
        persona("unit_manager"),
    )
    now, today = timezone.now(), timezone.localdate()
    decision = make_decision(77)
    household = decision.household
    FirstMeeting.objects.filter(application__household=household).update(
        starts_at=now - timedelta(minutes=5)
    )
    first_meeting_mark(
        meeting=FirstMeeting.objects.get(application__household=household),
        status=MeetingStatus.HELD,
        by=caseworker,
        now=now,
    )
    decision_record_receipt(decision=decision, received_on=today, today=today, by=caseworker)
    run = payment_run_execute(by=manager, execution_date=today, now=timezone.now())
    payment_mark(
        payment=run.payments.get(),
        status=PaymentStatus.RETURNED,
        on=today,
        reason="Kontot avslutat",
        by=manager,
    )
    version = make_version(household, coach, today=today)
    plan_version_sign(
        version=version, how=SignedHow.IN_MEETING, at=timezone.now(), recorded_by=coach
    )
    follow_up = make_followup(version, coach, due_on=today, booked=today)
    followup_hold(follow_up=follow_up, held_on=today, note="Söker jobb", by=coach, today=today)
    sanction = make_sanction(
        household.unit, household, coach=coach, caseworker=caseworker, manager=manager, today=today
    )
    sanction_record_receipt(proposal=sanction, received_on=today, today=today, by=caseworker)
    sanction_reconsider(
        proposal=sanction,
        outcome=ReconsiderationOutcome.LOWERED,
        occasion=ReconsiderationOccasion.CLIENT_REQUEST,
        amount=300,
        reasons="Läkarintyg för en av dagarna.",
        by=manager,
        now=timezone.now(),
    )
    referral = Referral.objects.get(household=household)
    referral_end(referral=referral, on=today, outcome=Outcome.WORK, by=coach)
    make_note(household, caseworker, text="Telefonsamtal om hyran.")
    upload(household, caseworker)
    make_discussion(household, caseworker)
    assessment = assessment_save(household=household, content=COMPLETE, by=caseworker)
    assessment_sign(assessment=assessment, by=caseworker, now=timezone.now())
    case_close(household=household, reason="work", closed_on=today, by=caseworker)
    return household


def _rows(page: bytes) -> list[tuple[str, str]]:
    return ROW.findall(page.decode())


def _timeline(client: Client, household: Household, query: str = "") -> bytes:
    answer = client.get(reverse("casefile:timeline", args=[household.pk]) + query)
    assert answer.status_code == 200
    return answer.content


def test_every_kind_of_event_shows_in_words_newest_first(
    full_case: Household, client_as: Callable[..., Client]
) -> None:
    page = _timeline(client_as("caseworker"), full_case)
    text = page.decode()
    for pair in EVERY_EVENT:
        assert gettext(str(LABELS[pair])) in text, pair
    assert "follow_up booked" not in text  # the raw codes are gone
    shown = [when for _, when in _rows(page)]
    assert len(shown) >= len(EVERY_EVENT)
    assert shown == sorted(shown, key=_moment, reverse=True)
    kinds = {kind for kind, _ in _rows(page)}
    # Recovery claims have tests of their own (a claim needs a payment that was not returned), and
    # so do appeals (tests/decisions/test_appeals_views.py).
    assert kinds == {kind.value for kind in Kind} - {Kind.RECOVERY.value, Kind.APPEAL.value}


def _moment(when: str) -> datetime:
    """A `datetime` attribute as a moment; a day ("2026-12-07") stands at the end of that day."""
    if len(when) == len("2026-12-07"):
        return datetime.combine(date.fromisoformat(when), time.max, tzinfo=STOCKHOLM)
    return datetime.fromisoformat(when)


@pytest.mark.parametrize("kind", [Kind.DECISION, Kind.SANCTION, Kind.OTHER])
def test_the_filter_keeps_only_the_kinds_chosen(
    kind: Kind, full_case: Household, client_as: Callable[..., Client]
) -> None:
    rows = _rows(_timeline(client_as("caseworker"), full_case, f"?typ={kind.value}"))
    assert rows
    assert {shown for shown, _ in rows} == {kind.value}


def test_two_kinds_can_be_chosen_together(
    full_case: Household, client_as: Callable[..., Client]
) -> None:
    rows = _rows(_timeline(client_as("caseworker"), full_case, "?typ=payment&typ=closure"))
    assert {shown for shown, _ in rows} == {"payment", "closure"}


def test_show_more_adds_entries_beyond_the_first_page(
    full_case: Household, client_as: Callable[..., Client]
) -> None:
    client = client_as("caseworker")
    first = _timeline(client, full_case, "?antal=5")
    assert len(_rows(first)) == 5
    assert b"antal=105" in first
    everything = _timeline(client, full_case, "?antal=105")
    assert len(_rows(everything)) > 5
    assert b"antal=205" not in everything


def test_the_case_page_shows_the_latest_entries_and_links_to_the_timeline(
    full_case: Household, client_as: Callable[..., Client]
) -> None:
    answer = client_as("work_coach").get(reverse("people:household_detail", args=[full_case.pk]))
    assert answer.status_code == 200
    assert len(_rows(answer.content)) == 15
    assert reverse("casefile:timeline", args=[full_case.pk]).encode() in answer.content
    assert gettext(str(LABELS["closure", "recorded"])).encode() in answer.content


def test_a_protected_name_is_shown_only_to_staff_with_the_right(
    full_case: Household, client_as: Callable[..., Client], persona: Callable[..., User]
) -> None:
    client = client_as("caseworker")
    assert b"Test Person" in _timeline(client, full_case)
    Person.objects.filter(memberships__household=full_case).update(protected_identity=True)
    page = _timeline(client, full_case).decode()
    assert "Test Person" not in page
    assert gettext("Protected identity") in page
    User.objects.filter(pk=persona("caseworker").pk).update(sees_protected_identity=True)
    assert b"Test Person" in _timeline(client, full_case)


@pytest.mark.parametrize("role", ["caseworker", "work_coach", "unit_manager"])
def test_staff_of_another_unit_get_404(
    role: str, full_case: Household, persona: Callable[..., User], other_unit: Unit
) -> None:
    client = Client()
    client.force_login(persona(role, in_unit=other_unit))
    assert client.get(reverse("casefile:timeline", args=[full_case.pk])).status_code == 404


def test_reading_the_timeline_is_logged(
    full_case: Household, client_as: Callable[..., Client], persona: Callable[..., User]
) -> None:
    url = reverse("casefile:timeline", args=[full_case.pk])
    client_as("work_coach").get(url)
    logged = AccessLogEntry.objects.filter(case_id=full_case.pk, path=url)
    assert [(e.user, e.purpose) for e in logged] == [(persona("work_coach"), "casework")]


def _case_with_entries(
    n: int, persona: Callable[..., User], make_decision: Callable[..., Decision]
) -> Household:
    """A case with about `n` entries: a decision, two journal notes (one with an objection),
    then calculations and follow-ups."""
    household = make_decision(10 + n).household
    worker, today = persona("caseworker"), timezone.localdate()
    note = make_note(household, worker)
    make_note(household, worker, text="Telefonsamtal")
    note_objection_record(
        note=note,
        received_on=today,
        how=ObjectionHow.ORAL,
        text="Det stämmer inte",
        by=worker,
        now=timezone.now(),
    )
    version = make_version(household, worker, today=today)
    for i in range(n // 2):
        calculation_save(
            household=household,
            document={
                "month": f"{today:%Y-%m}",
                "members": [{"id": "p1", "birth_date": "1970-01-01"}],
                "costs": [{"type": "housing", "amount": 4000 + i}],
            },
            by=worker,
        )
        make_followup(version, worker, due_on=today + timedelta(days=i), booked=today)
    return household


@pytest.mark.parametrize("entries", [10, 100])
def test_the_page_makes_the_same_few_queries_however_long_the_timeline(
    entries: int,
    persona: Callable[..., User],
    make_decision: Callable[..., Decision],
    client_as: Callable[..., Client],
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    household = _case_with_entries(entries, persona, make_decision)
    client = client_as("caseworker")
    # The page's reads (a query per source of the timeline, the journal notes with their
    # objections in one), and the access log's row written through its hash chain (audit: two
    # statements on PostgreSQL, four elsewhere). The menu's counts of waiting items (one COUNT
    # per desk kind, cached 30 s) are measured in tests/desk; made here first so that this
    # counts the page's own statements.
    desk_counts(persona("caseworker"), today=timezone.localdate())
    for url, most in (
        (reverse("casefile:timeline", args=[household.pk]), PAGE_QUERIES["timeline"]),
        (reverse("people:household_detail", args=[household.pk]), PAGE_QUERIES["case"]),
    ):
        with django_assert_max_num_queries(most[connection.vendor == "postgresql"]):  # type: ignore[attr-defined]
            answer = client.get(url)
        assert len(_rows(answer.content)) >= min(entries, 15)


# The most statements each page makes, (elsewhere, on PostgreSQL): a regression fails here.
PAGE_QUERIES = {"timeline": (22, 20), "case": (31, 29)}


def test_a_document_on_the_timeline_links_to_its_page(
    full_case: Household, client_as: Callable[..., Client]
) -> None:
    document = full_case.documents.get(direction="incoming")
    page = _timeline(client_as("caseworker"), full_case, "?typ=document").decode()
    assert reverse("casefile:document_detail", args=[full_case.pk, document.pk]) in page


def test_notes_show_with_their_objections_and_drafts_only_to_their_author(
    persona: Callable[..., User], make_decision: Callable[..., Decision]
) -> None:
    household = make_decision(10).household
    worker, coach = persona("caseworker"), persona("work_coach")
    now = timezone.now()
    note = make_note(household, worker, text="Besök", occurred_at=now - timedelta(hours=3))
    for text in ("Det sa jag inte", "Och inte det heller"):
        note_objection_record(
            note=note,
            received_on=timezone.localdate(),
            how=ObjectionHow.WRITTEN,
            text=text,
            by=coach,
            now=now,
        )
    correction = journal_note_correct(household=household, note=note, by=worker, now=now)
    journal_note_sign(note=correction, by=worker, now=now)
    make_note(household, coach, text="Coachens utkast", signed=False)
    make_note(household, worker, text="Mitt utkast", signed=False, occurred_at=now - timedelta(1))

    def notes(viewer: User) -> list[tuple[str, str, str]]:
        return [
            (entry.title, entry.detail, entry.actor)
            for entry in case_timeline(household.pk, viewer=viewer, kinds=[Kind.NOTE])
            if entry.title != gettext(str(LABELS["case_discussion", "requested"]))
        ]

    visit = gettext("Journal note: %(kind)s") % {"kind": JournalNoteKind.VISIT.label}
    objection = gettext(str(LABELS["note_objection", "recorded"]))
    corrects = gettext("Corrects note %(number)s") % {"number": note.pk}
    worker_name, coach_name = worker.get_full_name(), coach.get_full_name()
    assert notes(worker) == [
        (objection, "Och inte det heller", coach_name),  # received today, after the note
        (objection, "Det sa jag inte", coach_name),
        (visit, "Besök", worker_name),  # the correction tells the same moment: shown after
        (visit, f"{corrects} · Besök", worker_name),
        (
            gettext("Draft journal note: %(kind)s") % {"kind": JournalNoteKind.VISIT.label},
            "Mitt utkast",
            worker_name,
        ),
    ]
    assert [title for title, _detail, _actor in notes(coach)].count(visit) == 2
    assert "Mitt utkast" not in {detail for _title, detail, _actor in notes(coach)}


@pytest.mark.parametrize("query", ["", "?typ=payment&typ=note", "?typ=nonsense"])
def test_the_filters_boxes_are_the_ones_the_form_widget_renders(
    query: str, full_case: Household, client_as: Callable[..., Client]
) -> None:
    page = _timeline(client_as("caseworker"), full_case, query).decode()
    form = TimelineFilterForm(QueryDict(query.lstrip("?")) or None)
    form.is_valid()
    for choice in form["typ"]:
        assert f'<span class="field checkbox">{choice.tag()} <label' in page


def test_case_discussions_show_asked_held_with_their_note_and_cancelled(
    persona: Callable[..., User], make_decision: Callable[..., Decision]
) -> None:
    household = make_decision(10).household
    worker, manager = persona("caseworker"), persona("unit_manager")
    held = make_discussion(household, worker, question="Ska vi kräva praktik?")
    case_discussion_hold(discussion=held, by=manager, outcome="Ja, från maj.", now=timezone.now())
    cancelled = make_discussion(household, worker, question="Behövs en ny plan?")
    case_discussion_cancel(discussion=cancelled, by=worker, now=timezone.now())
    held.refresh_from_db()
    discussion_titles = {
        gettext(str(LABELS["case_discussion", action]))
        for action in ("requested", "held", "cancelled")
    }
    shown = [
        (entry.title, entry.detail, entry.link, entry.actor)
        for entry in case_timeline(household.pk, viewer=worker, kinds=[Kind.NOTE])
        if entry.title in discussion_titles
    ]
    note_link = reverse("casefile:journal_note_detail", args=[household.pk, held.outcome_note_id])
    assert shown == [
        (gettext(str(LABELS["case_discussion", "cancelled"])), "", "", ""),
        (gettext(str(LABELS["case_discussion", "requested"])), "Behövs en ny plan?", "", ANY),
        (gettext(str(LABELS["case_discussion", "held"])), "", note_link, manager.get_full_name()),
        (
            gettext(str(LABELS["case_discussion", "requested"])),
            "Ska vi kräva praktik?",
            "",
            worker.get_full_name(),
        ),
    ]


def test_the_case_page_s_lists_read_only_what_they_show(
    full_case: Household, client_as: Callable[..., Client]
) -> None:
    """The applications, calculations and decisions listed on the case page are read without
    the calculations' input and result (JSON) and without the users behind them, which the
    lists do not show; the lists still show each row's link."""
    with CaptureQueriesContext(connection) as queries:
        answer = client_as("caseworker").get(
            reverse("people:household_detail", args=[full_case.pk])
        )
    assert answer.status_code == 200

    def the_list(sql: str) -> bool:
        """The lists' reads (12 calculations, 24 decisions, the applications by month), not the
        timeline's reads of the same tables, which name who acted."""
        return (
            ('FROM "decisions_savedcalculation"' in sql and "LIMIT 12" in sql)
            or ('FROM "decisions_decision"' in sql and "LIMIT 24" in sql)
            or ('FROM "intake_application"' in sql and '"intake_application"."month" DESC' in sql)
        )

    listed = [q["sql"] for q in queries.captured_queries if the_list(q["sql"])]
    assert len(listed) == 3
    assert [
        sql for sql in listed if '."input"' in sql or '."result"' in sql or "accounts_user" in sql
    ] == []
    calculation = SavedCalculation.objects.filter(household=full_case).latest("pk")
    decision = Decision.objects.filter(household=full_case).latest("pk")
    application = Application.objects.filter(household=full_case).latest("pk")
    for url in (
        reverse("decisions:calculation_detail", args=[full_case.pk, calculation.pk]),
        reverse("decisions:decision_detail", args=[full_case.pk, decision.pk]),
        reverse("intake:application_detail", args=[application.pk]),
    ):
        assert url.encode() in answer.content
