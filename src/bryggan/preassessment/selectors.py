"""Reads for pre-assessment: the facts the checks look at, gathered for many renewals at once
(one query per kind of fact, whatever their number), the caseworker's queue and the follow-up."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings as django_settings
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.activities.models import SanctionProposal, SanctionStatus
from bryggan.casefile.models import Assessment, JournalNote, JournalNoteKind, JournalNoteStatus
from bryggan.casefile.selectors_documents import kinds_on_file
from bryggan.core.month import Month
from bryggan.decisions.models import Appeal, Decision, PaymentConditions
from bryggan.decisions.rules import checklist_from_documents
from bryggan.intake.models import FirstMeeting, MeetingStatus
from bryggan.mypages.models import ApplicationLine, OnlineApplication
from bryggan.people.models import HouseholdMember, MemberRole
from bryggan.planning.models import PlanVersion
from bryggan.preassessment.models import (
    PreassessmentSettings,
    Proposal,
    ProposalCheck,
    ProposalShown,
)
from bryggan.preassessment.rules import CheckOutcome, Line, RenewalFacts

# How far back a concern note counts as new when there is no earlier decision to count from.
CONCERN_LOOKBACK = timedelta(days=31)
VISIT_KINDS = (JournalNoteKind.VISIT, JournalNoteKind.HOME_VISIT, JournalNoteKind.MEETING)
ADULT_ROLES = (MemberRole.APPLICANT, MemberRole.CO_APPLICANT)
CHUNK = 900  # ids per IN (...) list, under SQLite's old limit of variables


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def settings_for(unit_id: int) -> PreassessmentSettings:
    return PreassessmentSettings.objects.filter(unit_id=unit_id).first() or PreassessmentSettings(
        unit_id=unit_id
    )


def af_registration_status(household_ids: Sequence[int]) -> dict[int, bool | None]:
    """Whether each household's adults are registered at Arbetsförmedlingen: True, False, or None
    when no status is known. The one place to fill from Arbetsförmedlingen's information when
    Bryggan receives it; today it reads the latest signed structured assessment's answer."""
    status: dict[int, bool | None] = dict.fromkeys(household_ids)
    for chunk in _chunks(household_ids):
        rows = (
            Assessment.objects.filter(household_id__in=chunk, signed_at__isnull=False)
            .order_by("household_id", "number")
            .values_list("household_id", "registered_at_af")
        )
        for household_id, answer in rows:  # the last signed version wins
            status[household_id] = {"yes": True, "no": False}.get(answer)
    return status


def _last_assessed(household_ids: Sequence[int]) -> dict[int, datetime]:
    latest: dict[int, datetime] = {}
    for chunk in _chunks(household_ids):
        rows = Assessment.objects.filter(
            household_id__in=chunk, signed_at__isnull=False
        ).values_list("household_id", "signed_at")
        for household_id, signed_at in rows:
            if household_id not in latest or signed_at > latest[household_id]:
                latest[household_id] = signed_at
    return latest


def _visits(household_ids: Sequence[int], month: Month, now: datetime) -> set[int]:
    tz = ZoneInfo(django_settings.TIME_ZONE)
    start = datetime.combine(month.first_day, datetime.min.time(), tzinfo=tz)
    end = datetime.combine(month.plus(1).first_day, datetime.min.time(), tzinfo=tz)
    seen: set[int] = set()
    for chunk in _chunks(household_ids):
        seen.update(
            JournalNote.objects.filter(
                household_id__in=chunk,
                kind__in=VISIT_KINDS,
                status=JournalNoteStatus.SIGNED,
                occurred_at__gte=start,
                occurred_at__lt=end,
            ).values_list("household_id", flat=True)
        )
        seen.update(
            FirstMeeting.objects.filter(
                application__household_id__in=chunk,
                status=MeetingStatus.HELD,
                starts_at__gte=start,
                starts_at__lt=end,
            ).values_list("application__household_id", flat=True)
        )
    return seen


def _members(household_ids: Sequence[int]) -> dict[int, list[tuple[int, str]]]:
    members: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for chunk in _chunks(household_ids):
        for household_id, person_id, role in HouseholdMember.objects.filter(
            household_id__in=chunk, valid_to__isnull=True
        ).values_list("household_id", "person_id", "role"):
            members[household_id].append((person_id, role))
    return members


def _signed_plans(household_ids: Sequence[int]) -> set[int]:
    """Persons whose plan's latest version is signed."""
    latest: dict[int, tuple[int, bool]] = {}
    for chunk in _chunks(household_ids):
        rows = PlanVersion.objects.filter(plan__household_id__in=chunk).values_list(
            "plan__person_id", "number", "signed_at"
        )
        for person_id, number, signed_at in rows:
            if person_id not in latest or number > latest[person_id][0]:
                latest[person_id] = (number, signed_at is not None)
    return {person_id for person_id, (_n, signed) in latest.items() if signed}


def _pending_sanctions(household_ids: Sequence[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for chunk in _chunks(household_ids):
        rows = (
            SanctionProposal.objects.filter(
                household_id__in=chunk,
                status__in=(SanctionStatus.PROPOSED, SanctionStatus.ASSESSED),
            )
            .values("household_id")
            .annotate(n=Count("id"))
            .values_list("household_id", "n")
        )
        counts.update(rows)
    return counts


def _concerns(household_ids: Sequence[int], since: datetime) -> dict[int, list[datetime]]:
    notes: dict[int, list[datetime]] = defaultdict(list)
    for chunk in _chunks(household_ids):
        for household_id, occurred_at in JournalNote.objects.filter(
            household_id__in=chunk,
            kind=JournalNoteKind.CONCERN_REPORT,
            status=JournalNoteStatus.SIGNED,
            occurred_at__gte=since,
        ).values_list("household_id", "occurred_at"):
            notes[household_id].append(occurred_at)
    return notes


def _member_ids(document: dict[str, object] | None) -> frozenset[str] | None:
    if document is None:
        return None
    return frozenset(str(m["id"]) for m in document.get("members", []))  # type: ignore[attr-defined]


# What `proposals_create` and `renewal_facts` read of a renewal, its household, last month's
# decision and calculation, and its lines: loading only these keeps a batch of 15,000 from building
# every column (a field left out here is still read, one query per renewal: add it).
FACT_FIELDS = (
    "kind",
    "month",
    "submitted_at",
    "household_change_reported",
    "calculation_input",
    "preliminary_amount",
    "household__unit_id",
    "previous_decision__signed_at",
    "previous_decision__amount",
    "previous_decision__calculation__input",
)
LINE_FIELDS = (
    "online_application_id",
    "kind",
    "type",
    "member",
    "amount",
    "previous_amount",
    "document_id",
)


def online_applications_for_preassessment(ids: Sequence[int]) -> list[OnlineApplication]:
    found: list[OnlineApplication] = []
    lines = ApplicationLine.objects.only(*LINE_FIELDS).order_by("position")
    for chunk in _chunks(ids):
        found += list(
            OnlineApplication.objects.filter(pk__in=chunk)
            .select_related("household", "previous_decision__calculation")
            .only(*FACT_FIELDS)
            .prefetch_related(Prefetch("lines", queryset=lines))
        )
    return found


def renewal_facts(
    online_applications: Sequence[OnlineApplication], *, now: datetime
) -> dict[int, RenewalFacts]:
    """The facts of each renewal (lines and last month's decision prefetched by the caller)."""
    household_ids = sorted({o.household_id for o in online_applications})
    month_now = Month.of(timezone.localdate(now))
    af = af_registration_status(household_ids)
    assessed = _last_assessed(household_ids)
    visits = _visits(household_ids, month_now, now)
    members = _members(household_ids)
    signed = _signed_plans(household_ids)
    pending = _pending_sanctions(household_ids)
    earliest = min(
        [
            o.previous_decision.signed_at
            for o in online_applications
            if o.previous_decision and o.previous_decision.signed_at
        ]
        + [now - CONCERN_LOOKBACK]
    )
    concerns = _concerns(household_ids, earliest)
    unit_ids = {o.household.unit_id for o in online_applications}
    unit_settings = {unit_id: settings_for(unit_id) for unit_id in unit_ids}
    conditions = {c.unit_id: c for c in PaymentConditions.objects.filter(unit_id__in=unit_ids)}
    facts: dict[int, RenewalFacts] = {}
    for online in online_applications:
        hid = online.household_id
        unit_id = online.household.unit_id
        setting = unit_settings[unit_id]
        condition = conditions.get(unit_id)
        previous: Decision | None = online.previous_decision
        adults = [person for person, role in members.get(hid, []) if role in ADULT_ROLES]
        cutoff = previous.signed_at if previous and previous.signed_at else now - CONCERN_LOOKBACK
        last_assessed = assessed.get(hid)
        facts[online.pk] = RenewalFacts(
            lines=tuple(
                Line(
                    line.kind,
                    line.type,
                    line.member,
                    line.amount,
                    line.previous_amount,
                    line.document_id is not None,
                )
                for line in online.lines.all()
            ),
            members=_member_ids(online.calculation_input) or frozenset(),
            previous_members=_member_ids(previous.calculation.input) if previous else None,
            household_change_reported=online.household_change_reported,
            proposed_amount=online.preliminary_amount,
            last_amount=previous.amount if previous else None,
            af_required=bool(condition and condition.af_registration),
            af_registered=af.get(hid),
            visit_required=bool(condition and condition.personal_visit),
            visit_held=hid in visits,
            plan_required=setting.plan_required,
            plan_signed=bool(adults) and all(person in signed for person in adults),
            pending_sanctions=pending.get(hid, 0),
            has_children=any(role == MemberRole.CHILD for _p, role in members.get(hid, [])),
            children_assessed=last_assessed is not None
            and last_assessed >= now - timedelta(days=31 * setting.children_assessment_months),
            new_concern=any(at > cutoff for at in concerns.get(hid, [])),
            cost_threshold=setting.cost_threshold,
            amount_threshold=setting.amount_threshold,
        )
    return facts


# --- the caseworker's queue -----------------------------------------------------------------------


# The queue's columns: a page of 500 builds no more of each row (a column shown but left out here
# is still read, one query per row: add it).
QUEUE_FIELDS = (
    "household_id",
    "month",
    "outcome",
    "proposed_amount",
    "last_amount",
    "submitted_at",
)


def queue_for_unit(unit: Unit | None) -> QuerySet[Proposal]:
    """Proposals waiting for a decision in the unit, oldest first, with the columns the queue
    shows (their failed checks by `failed_rules_of`)."""
    return (
        Proposal.objects.filter(household__unit=unit, decision__isnull=True)
        .only(*QUEUE_FIELDS)
        .order_by("submitted_at", "id")
    )


def failed_rules_of(proposal_ids: Sequence[int]) -> dict[int, list[str]]:
    """The rules each proposal did not pass (failed or not known), in the published order: the
    few check rows the queue shows, not every proposal's eleven."""
    failed: dict[int, list[str]] = defaultdict(list)
    for chunk in _chunks(proposal_ids):
        rows = (
            ProposalCheck.objects.filter(proposal_id__in=chunk)
            .exclude(outcome=CheckOutcome.PASSED)
            .order_by("proposal_id", "position")
            .values_list("proposal_id", "rule")
        )
        for proposal_id, rule in rows:
            failed[proposal_id].append(rule)
    return failed


def shown_ids(user: User, proposal_ids: Iterable[int]) -> set[int]:
    return set(
        ProposalShown.objects.filter(user=user, proposal_id__in=list(proposal_ids)).values_list(
            "proposal_id", flat=True
        )
    )


# What a row shows of the applicant: the name, unless the identity is protected.
APPLICANT_FIELDS = (
    "household_id",
    "person__first_name",
    "person__last_name",
    "person__protected_identity",
)


def applicant_names(household_ids: Sequence[int]) -> dict[int, HouseholdMember]:
    """Each household's applicant (for the queue's rows), in one query."""
    found: dict[int, HouseholdMember] = {}
    for chunk in _chunks(household_ids):
        for member in (
            HouseholdMember.objects.filter(
                household_id__in=chunk, role=MemberRole.APPLICANT, valid_to__isnull=True
            )
            .select_related("person")
            .only(*APPLICANT_FIELDS)
        ):
            found[member.household_id] = member
    return found


def proposal_get(proposal_id: int) -> Proposal | None:
    return (
        Proposal.objects.filter(pk=proposal_id)
        .select_related(
            "household",
            "online_application",
            "online_application__previous_decision",
            "decision",
        )
        .prefetch_related(
            Prefetch("checks", queryset=ProposalCheck.objects.order_by("position")),
            Prefetch(
                "online_application__lines",
                queryset=ApplicationLine.objects.order_by("position").select_related("document"),
            ),
        )
        .first()
    )


def proposals_of_online_application(online_id: int) -> Proposal | None:
    return (
        Proposal.objects.filter(online_application_id=online_id)
        .prefetch_related(Prefetch("checks", queryset=ProposalCheck.objects.order_by("position")))
        .first()
    )


def proposals_for_followup(unit: Unit | None) -> QuerySet[Proposal]:
    """One row per proposal of the unit; `appealed` when its decision has been appealed."""
    return (
        Proposal.objects.filter(household__unit=unit)  # type: ignore[return-value]
        .annotate(appealed=Exists(Appeal.objects.filter(decision_id=OuterRef("decision_id"))))
        .values(
            "outcome",
            "proposed_amount",
            "decided_amount",
            "submitted_at",
            "decided_at",
            "appealed",
        )
    )


def decision_initial(proposal: Proposal) -> dict[str, object]:
    """What the decision form on a proposal starts from: the proposed amount, granted; last
    month's reasons and account; the documents on file for the month; the conditions as the
    checks found them. The caseworker changes what needs changing."""
    previous = proposal.online_application.previous_decision
    passed = {check.rule for check in proposal.checks.all() if check.outcome == "passed"}
    return {
        "outcome": "granted" if proposal.proposed_amount else "refused",
        "amount": proposal.proposed_amount or 0,
        "deviation_reason": "",
        "reasons": previous.reasons if previous else "",
        "documents_checked": checklist_from_documents(
            kinds_on_file(proposal.household_id, Month.parse(proposal.month))
        ),
        "personal_visit_held": "personal_visit" in passed,
        "registered_at_af": "af_registration" in passed,
        "clearing": previous.payee_clearing if previous else "",
        "account": previous.payee_account if previous else "",
        "carry_over_reasons_for_need": True,
    }
