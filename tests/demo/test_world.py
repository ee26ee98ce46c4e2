"""What the demo municipality plants, app by app, on one demo generated for the whole module
(`world` in tests/demo/conftest.py: 60 households from seed 3, as the demo's own test has always
used). Each test reads it in its own savepoint; what a test changes is rolled back after it."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import duckdb
import pytest
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.activities.models import (
    Activity,
    Attendance,
    ParticipationAbility,
    Referral,
    SanctionProposal,
    SanctionStatus,
)
from bryggan.activities.selectors import passive_list
from bryggan.audit.models import AccessLogEntry, ChangeRecord
from bryggan.audit.verify import chains_verify
from bryggan.casefile.models import (
    CaseDiscussion,
    Document,
    DocumentDirection,
    DocumentKind,
    DocumentRequest,
    JournalNote,
    NoteObjection,
    PreliminaryReply,
)
from bryggan.casefile.rules_requests import RequestState
from bryggan.casefile.selectors_documents import document_content
from bryggan.casefile.selectors_requests import document_request_rows
from bryggan.cooperation.models import AfStatusRecord, Consent, Disclosure, PartnerOrganisation
from bryggan.cooperation.rules import OrganisationKind
from bryggan.core.month import Month
from bryggan.decisions.models import (
    Appeal,
    AppealStatus,
    Decision,
    RecoveryClaim,
    RecoveryPoliceReport,
)
from bryggan.demo.decisions import STAND_IN_REFERENCE
from bryggan.demo.generator import DEMO_PASSWORD, HISTORY_MONTHS, PERSONAS, DemoSummary
from bryggan.demo.reporting import record_reasons_for_need
from bryggan.desk.registry import desk_items
from bryggan.followup.board_store import board_figures
from bryggan.followup.models import Closure
from bryggan.followup.selectors import board_counts
from bryggan.followup.services import assistance_months_refresh
from bryggan.intake.models import Application, FirstMeeting
from bryggan.mypages.models import ApplicantAccount
from bryggan.mypages.selectors_pages import own_decisions, own_household_of, payment_rows
from bryggan.norm_entry.models import EnteredRiksnorm
from bryggan.payments.models import Payment
from bryggan.people.models import Household, HouseholdMember
from bryggan.placements import selectors as placement_selectors
from bryggan.placements.models import SelectionGroup
from bryggan.placements.rules import PlacementState
from bryggan.planning.models import ActionPlan, FollowUp, PlanVersion
from bryggan.reporting import fileformat
from bryggan.reporting.codes import code_lists
from bryggan.reporting.models import ReasonForNeed, ReportingSettings
from bryggan.reporting.rules import Severity
from bryggan.reporting.services import month_report
from bryggan.reviews.models import AgendaItem, Meeting, ReviewGroup
from bryggan.statistics.indicators import indicators_compute
from bryggan.statistics.register import register_rows
from tests.demo.conftest import WORLD_HOUSEHOLDS, WORLD_NOW

NOW = WORLD_NOW
TODAY = NOW.date()
pytestmark = pytest.mark.django_db


def _signed_in(username: str) -> Client:
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302, username
    return client


# --- the municipality -----------------------------------------------------------------------------


def test_a_small_demo_has_cases_history_youth_and_protected_identities(world: DemoSummary) -> None:
    # The households with history, and each caseworker's new applicant whose first meeting is
    # today (My work).
    new_today = Household.objects.exclude(applications__received_at__date__lt=TODAY).count()
    assert new_today > 0
    assert world.households == Household.objects.count() == WORLD_HOUSEHOLDS + new_today
    # Recovery (återkrav): decided claims with a plan, a repayment and a police report.
    assert RecoveryClaim.objects.filter(plans__isnull=False, repayments__isnull=False).exists()
    assert RecoveryPoliceReport.objects.exists()
    # Appeals in each state.
    assert set(Appeal.objects.values_list("status", flat=True)) == {s.value for s in AppealStatus}
    assert world.applications == Application.objects.count()
    months = set(Application.objects.values_list("month", flat=True))
    assert len(months) >= 20  # about 24 months of history
    assert Application.objects.filter(track="youth").exists()
    # Every closed case has its closure reason; reopened cases keep theirs as history.
    assert 0 < Household.objects.filter(status="closed").count() <= Closure.objects.count()
    assert FirstMeeting.objects.filter(status="held").exists()
    for meeting in FirstMeeting.objects.all():
        assert meeting.starts_at > meeting.application.received_at
    # The måltavla's returns (Trelleborg's measure): closures to work or studies followed up twelve
    # months on (a tenth of the demo's households come back after a gap of three to eight months).
    assistance_months_refresh()
    counts = [
        month
        for unit in Unit.objects.all()
        for month in board_figures(unit, as_of=Month.of(TODAY), today=TODAY).values()
    ]
    followed_up, returned = sum(c.followed_up for c in counts), sum(c.returned for c in counts)
    assert followed_up > 0
    assert followed_up >= returned
    # Reads for the access-log review, and both hash chains intact after everything the demo wrote.
    assert AccessLogEntry.objects.filter(object_type="household").count() > 10
    # A grown child moved out of a household this month, through the household edit.
    assert ChangeRecord.objects.filter(object_type="household", action="edited").exists()
    assert HouseholdMember.objects.filter(valid_to__gt=TODAY - timedelta(days=21)).exists()
    assert all(report.intact for report in chains_verify())


def test_every_demo_login_signs_in_with_the_printed_password(world: DemoSummary) -> None:
    for username, _first, _last in PERSONAS.values():
        _signed_in(username)
    assert User.objects.get(username="admin").is_staff


def test_the_demo_decides_and_pays_every_assessed_month_on_labelled_stand_in_norms(
    world: DemoSummary,
) -> None:
    # Every application old enough to be assessed has one signed decision; granted ones are paid.
    # (My pages' demo renewal is delayed on purpose: it has a preliminary reply instead.)
    # Waiting on purpose: the renewals sent on My pages (the caseworker's queue) and the new
    # applicants whose first meeting is today (My work).
    waiting = (
        Q(preliminary_replies__isnull=False) | Q(online__isnull=False) | Q(received_at__date=TODAY)
    )
    signed = Decision.objects.filter(status="signed")
    for application in Application.objects.exclude(waiting):
        assert signed.filter(household=application.household, month=application.month).exists()
    for decision in signed:
        assert Application.objects.filter(household=decision.household, month=decision.month)
    # Next month's decisions (renewals signed from My pages' proposals) wait for next month's run.
    granted = Decision.objects.filter(outcome="granted", month__lte=str(Month.of(TODAY)))
    assert granted.exists()
    assert Payment.objects.count() == granted.count()
    assert {p.decision.month for p in Payment.objects.select_related("decision")} == set(
        granted.values_list("month", flat=True)
    )
    # The years without a shipped table are entered as stand-ins that say so, never shipped ones.
    for entered in EnteredRiksnorm.objects.all():
        assert entered.year in (2024, 2025, 2026)
        assert entered.document["source"]["reference"] == STAND_IN_REFERENCE
        assert "not the riksnorm" in entered.document["source"]["title"]
    assert set(EnteredRiksnorm.objects.values_list("year", flat=True)) == {2024, 2025, 2026}


# --- the case file --------------------------------------------------------------------------------


def test_the_demo_has_notes_corrections_objections_and_case_discussions(
    world: DemoSummary,
) -> None:
    assert JournalNote.objects.filter(status="signed").count() >= 10
    assert JournalNote.objects.filter(corrects__isnull=False, status="signed").exists()
    assert NoteObjection.objects.exists()
    assert set(CaseDiscussion.objects.values_list("status", flat=True)) == {"requested", "held"}
    assert not JournalNote.objects.filter(occurred_at__gt=NOW).exists()


def test_the_demo_has_rent_contracts_payslips_and_stored_letters(world: DemoSummary) -> None:
    incoming = Document.objects.filter(direction=DocumentDirection.INCOMING)
    assert incoming.filter(kind=DocumentKind.RENT_CONTRACT).exists()
    assert incoming.filter(kind=DocumentKind.PAYSLIP).exists()
    letters = Document.objects.filter(direction=DocumentDirection.OUTGOING)
    assert letters.filter(kind=DocumentKind.DECISION_LETTER, letter_for_type="decision").exists()
    for document in incoming:
        assert document_content(document).startswith(b"%PDF")


# --- My pages -------------------------------------------------------------------------------------


def test_the_demo_applicants_have_requests_decisions_and_payments_on_my_pages(
    world: DemoSummary,
) -> None:
    accounts = list(ApplicantAccount.objects.select_related("person", "user"))
    assert accounts
    today = timezone.localdate(NOW)
    states = set()
    for account in accounts:
        household = own_household_of(account.person)
        assert household is not None
        assert own_decisions(household).exists()
        assert payment_rows(household)
        states |= {row.state for row in document_request_rows(household.pk, today=today)}
    assert {RequestState.FULFILLED, RequestState.OPEN, RequestState.OVERDUE} <= states
    assert DocumentRequest.objects.filter(documents__isnull=False).exists()
    assert PreliminaryReply.objects.exists()
    client = Client()
    client.force_login(accounts[0].user)
    assert client.get(reverse("mypages:home")).status_code == 200


# --- the desk, plans and the work line ------------------------------------------------------------


def test_every_desk_of_the_demo_has_items_and_the_caseworkers_meet_someone_today(
    world: DemoSummary,
) -> None:
    for username in ("handlaggare", "coach", "chef"):
        items = desk_items(User.objects.get(username=username), today=TODAY)
        assert items, username
    # Kinds the demo plants on purpose, seen by the units' managers.
    kinds = {
        item.kind
        for manager in User.objects.filter(role="unit_manager", is_active=True)
        for item in desk_items(manager, today=TODAY)
    }
    assert {"plan_revision", "consent_expiring", "document_request_received"} <= kinds
    for caseworker in User.objects.filter(role="caseworker", is_active=True, unit__isnull=False):
        kinds = {(i.kind, i.deadline) for i in desk_items(caseworker, today=TODAY)}
        assert ("first_meeting", TODAY) in kinds, caseworker.username


def test_the_demo_gives_a_share_of_clients_signed_plans_and_some_missed_follow_ups(
    world: DemoSummary,
) -> None:
    assert ActionPlan.objects.exists()
    assert PlanVersion.objects.filter(signed_at__isnull=False).exists()
    assert PlanVersion.objects.filter(number=2).exists()
    assert FollowUp.objects.filter(held_on__isnull=False).exists()
    assert FollowUp.objects.filter(held_on__isnull=True, due_on__lt=TODAY).exists()


def test_the_demo_fills_the_catalogue_the_attendance_and_the_passive_list(
    world: DemoSummary,
) -> None:
    assert Activity.objects.count() == 10  # five per unit
    assert Referral.objects.filter(status="started").exists()
    assert Referral.objects.filter(status="ended").exclude(outcome="").exists()
    assert Attendance.objects.filter(status="unexcused_absence").exists()
    assert ParticipationAbility.objects.filter(able_to_participate=False).exists()
    assert any(passive_list(unit, today=TODAY) for unit in Unit.objects.all())
    # Unexcused absences produced sanction proposals, carried through to every state the
    # demo's norms allow (a month without a riksnorm keeps its proposals waiting).
    states = set(SanctionProposal.objects.values_list("status", flat=True))
    assert {SanctionStatus.PROPOSED, SanctionStatus.DISMISSED} <= states


# --- cooperation ----------------------------------------------------------------------------------


def test_the_demo_has_partners_consents_and_a_partner_login_that_sees_cases(
    world: DemoSummary,
) -> None:
    assert world.logins["partner"] == "partner"
    assert PartnerOrganisation.objects.count() >= 5
    assert Consent.objects.filter(withdrawn_at__isnull=True).exists()
    assert Consent.objects.filter(withdrawn_at__isnull=False).exists()
    assert AfStatusRecord.objects.exists()
    assert Disclosure.objects.exists()
    # One consent runs out within the week: it waits on its caseworker's My work.
    expiring = Consent.objects.select_related("household__caseworker").get(
        withdrawn_at__isnull=True, valid_to__lte=TODAY + timedelta(days=7)
    )
    items = desk_items(expiring.household.caseworker, today=TODAY)
    assert [i.household_id for i in items if i.kind == "consent_expiring"] == [
        expiring.household_id
    ]
    _signed_in("partner")


def test_the_demo_has_review_groups_meetings_minutes_and_a_partner_who_sees_the_agenda(
    world: DemoSummary,
) -> None:
    assert ReviewGroup.objects.count() == 4
    held = Meeting.objects.get(held_at__isnull=False)
    assert held.on < TODAY
    minutes = AgendaItem.objects.filter(meeting=held, minutes_at__isnull=False)
    assert minutes.exists()
    assert any(a.plan_version_id for item in minutes for a in item.actions.all())
    coming = AgendaItem.objects.filter(
        meeting__held_at__isnull=True, meeting__group__isnull=False, removed_at__isnull=True
    )
    assert coming.exists()
    assert Meeting.objects.filter(kind="three_party").exists()
    manager = User.objects.get(username="chef")
    assert "review_action_overdue" in {i.kind for i in desk_items(manager, today=TODAY)}

    client = _signed_in("partner")
    meeting = coming.first().meeting
    listing = client.get(reverse("reviews:partner_meetings")).content.decode()
    assert reverse("reviews:partner_meeting", args=[meeting.pk]) in listing
    page = client.get(reverse("reviews:partner_meeting", args=[meeting.pk])).content.decode()
    main = page.split("<main")[1].split("</main>")[0]
    # The page is read on the real today, after the demo's NOW: a consent may have run out since.
    names = [f"{i.person.first_name} {i.person.last_name}" for i in coming.filter(meeting=meeting)]
    assert any(name in main for name in names)


def test_the_demo_has_a_selection_group_and_placements_in_each_state(world: DemoSummary) -> None:
    group = SelectionGroup.objects.get(name="Kommunbryggan")
    kinds = sorted(o.kind for o in group.members.all())
    assert kinds == [
        OrganisationKind.ARBETSFORMEDLINGEN,
        OrganisationKind.NEIGHBOURING_MUNICIPALITY,
        OrganisationKind.NEIGHBOURING_MUNICIPALITY,
    ]
    assert group.union_confirmation
    rows = placement_selectors.placement_rows_for_unit(group.unit)
    states = {row.state for row in rows}
    assert {
        PlacementState.WAITING,
        PlacementState.REJECTED,
        PlacementState.RUNNING,
        PlacementState.ENDED,
    } <= states
    waiting = next(row for row in rows if row.state is PlacementState.WAITING)
    assert waiting.missing_names == ["Arbetsförmedlingen"]
    running = next(row for row in rows if row.state is PlacementState.RUNNING)
    assert running.placement.agreement.signed_on is not None
    assert running.placement.follow_ups.filter(held_on__isnull=False).exists()
    ended = next(row for row in rows if row.state is PlacementState.ENDED)
    assert ended.placement.outcome == "work"

    page = _signed_in("partner").get(
        reverse("placements:partner_detail", args=[waiting.placement.pk])
    )
    assert page.status_code == 200
    assert 'id="vote-form"' in page.content.decode()


# --- reporting and statistics ---------------------------------------------------------------------


def test_the_demos_last_month_has_no_errors_and_round_trips(world: DemoSummary) -> None:
    last = Month.of(TODAY).plus(-1)
    first = Month.of(TODAY).plus(-(HISTORY_MONTHS - 1))
    manager = User.objects.filter(role="unit_manager").first()
    assert manager is not None
    # The generator records every adult's reason for need through the service.
    assert ReasonForNeed.objects.filter(month=str(last)).exists()
    report = month_report(last, today=TODAY)
    assert [p for p in report.problems if p.severity == Severity.ERROR] == []
    assert report.file.households
    assert fileformat.read(report.text, code_lists()) == report.file
    assert ReportingSettings.objects.filter(reasons_required_from=str(first)).exists()
    # Idempotent: a second run records nothing new.
    assert record_reasons_for_need(first=first, last=last, by=manager, now=NOW) == 0


YEAR = 2025  # a whole calendar year inside the demo's 24 months


def test_the_board_and_the_indicators_count_the_same_households_and_long_term_cases(
    world: DemoSummary,
) -> None:
    """The måltavla and the indicators agree: both count the same payments of the demo.

    The board counts households per unit and month in the database (followup); the indicators
    count persons per year from the exported register with DuckDB (statistics). On the same
    payments, the households paid in each month, and the households paid in 10 or more months of
    a calendar year (the board's long-term cases in December), must be the same in both, and so
    must the share of adult recipients who are long-term.
    """
    assistance_months_refresh()
    rows = register_rows(municipality="9999", first=Month(YEAR - 2, 1), last=Month(YEAR, 12))
    assert rows

    # Households per month: the board's (summed over the units) against the register's.
    board_months: dict[Month, int] = defaultdict(int)
    long_term_in_december = 0
    for unit in Unit.objects.all():
        counts = board_counts(unit, as_of=Month(YEAR, 12), today=TODAY)
        for month, count in counts.items():
            board_months[month] += count.households
        long_term_in_december += counts[Month(YEAR, 12)].long_term
    register_months: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        register_months[row.month].add(row.household_id)
    for month, households in board_months.items():
        assert households == len(register_months.get(str(month), set())), month
    assert sum(board_months.values()) > 0

    # Long-term: paid in 10–12 months of the year, by household (board) and by adult (indicator).
    months_in_year: dict[str, set[str]] = defaultdict(set)
    adults: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.month.startswith(f"{YEAR}-"):
            months_in_year[row.household_id].add(row.month)
            if row.role != "child":
                adults[row.household_id].add(row.person_id)
    long_term_households = {h for h, months in months_in_year.items() if len(months) >= 10}
    # The board's long-term cases of December are those paid in December (and in 10 or more of
    # the 12 months ending with it, which for December are the calendar year).
    paid_in_december = register_months[str(Month(YEAR, 12))]
    assert long_term_in_december == len(long_term_households & paid_in_december) > 0

    con = duckdb.connect()
    con.execute(
        "CREATE TABLE register (municipality VARCHAR, month VARCHAR, household_id VARCHAR, "
        "person_id VARCHAR, birth_year INTEGER, role VARCHAR, amount BIGINT)"
    )
    con.executemany(
        "INSERT INTO register VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (r.municipality, r.month, r.household_id, r.person_id, r.birth_year, r.role, r.amount)
            for r in rows
        ],
    )
    con.execute(
        "CREATE TABLE population AS SELECT '9999' AS municipality, ? AS year, "
        "100000 AS population, 10000 AS population_18_24",
        [YEAR],
    )
    (result,) = indicators_compute(con, year=YEAR)
    assert result.households == len(months_in_year)
    long_term_adults = sum(len(adults[h]) for h in long_term_households)
    all_adults = len(set().union(*adults.values()))
    assert result.adult_recipients == all_adults
    expected = (Decimal(long_term_adults) * 100 / all_adults).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    assert result.long_term_pct == expected
