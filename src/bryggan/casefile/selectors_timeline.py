"""The case timeline (*tidslinje*): everything that happened in one case, newest first, in Swedish.

Each source reads one kind of row of the case through its app's selectors, in one query bounded
by the household, and tells its events as `TimelineEntry` values; `case_timeline` merges them.
Adding a source is writing one function and adding it to `SOURCES`. The change history fills in
what no source tells (`rules_timeline.TOLD_BY_SOURCES`), in the same words.

Source: SoL (2025:400) 14 kap. 3 § (the handling of a case is documented).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db import models
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bryggan.accounts.models import User
from bryggan.activities.models import Outcome as ReferralOutcome
from bryggan.activities.selectors import (
    absence_timeline_rows,
    reconsideration_timeline_rows,
    referral_timeline_rows,
    sanction_timeline_rows,
)
from bryggan.audit.selectors import change_history_rows_for_case
from bryggan.casefile.models import JournalNoteKind, JournalNoteStatus
from bryggan.casefile.rules_timeline import (
    HISTORY_KINDS,
    LABELS,
    TOLD_BY_SOURCES,
    TOLD_BY_SOURCES_PAIRS,
    Kind,
    change_label,
)
from bryggan.casefile.selectors_journal import (
    case_discussion_timeline_rows,
    journal_timeline_rows,
)
from bryggan.core.money import format_kronor
from bryggan.core.reused_sql import reused_sql
from bryggan.decisions.models import OutcomeChoices
from bryggan.decisions.selectors import calculation_timeline_rows, decision_timeline_rows
from bryggan.followup.models import ClosureReasonChoices
from bryggan.followup.selectors import closure_timeline_rows
from bryggan.intake.models import Channel
from bryggan.intake.selectors import application_timeline_rows, first_meeting_timeline_rows
from bryggan.payments.models import RunKind
from bryggan.payments.selectors import payment_timeline_rows
from bryggan.people.models import Person
from bryggan.people.templatetags.people_tags import shown_name
from bryggan.planning.models import Goal, SignedHow
from bryggan.planning.selectors import followup_timeline_rows, plan_version_timeline_rows


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One event of a case, ready to show."""

    when: datetime  # aware; an event known only by its day stands at the end of that day
    kind: Kind
    title: str  # Swedish, through gettext
    detail: str = ""
    link: str = ""
    actor: str = ""  # who did it: a member of staff (never a client, whose name may be protected)
    day_only: bool = False  # the day is known, not the time of day

    @property
    def kind_label(self) -> str:
        return _kind_labels(get_language())[self.kind]

    @property
    def when_text(self) -> str:
        local = timezone.localtime(self.when)
        return f"{local:%Y-%m-%d}" if self.day_only else f"{local:%Y-%m-%d %H:%M}"

    @property
    def when_value(self) -> str:
        """For the `datetime` attribute of `<time>`."""
        local = timezone.localtime(self.when)
        return f"{local:%Y-%m-%d}" if self.day_only else local.isoformat()


@functools.cache
def _kind_labels(language: str | None) -> dict[str, str]:
    # Looked up once per language rather than once per entry: a long timeline has a thousand.
    return {kind.value: str(kind.label) for kind in Kind}


Source = Callable[[int, User], Iterable[TimelineEntry]]


# --- helpers -------------------------------------------------------------------------------------


def _day(day: date) -> datetime:
    """An event known only by its day, placed after that day's timed events: it is recorded
    after what led to it (a decision received after it was signed, a case closed today)."""
    return datetime.combine(day, time.max, tzinfo=timezone.get_default_timezone())


# A long timeline has a thousand entries: labels and link patterns are looked up once (per
# language, per script prefix) instead of once per entry, which halves the time to build it.


def _label(object_type: str, action: str) -> str:
    return _labels(get_language())[object_type, action]


@functools.cache
def _labels(language: str | None) -> dict[tuple[str, str], str]:
    return {pair: str(label) for pair, label in LABELS.items()}


def _choice(choices: type[models.Choices], value: str) -> str:
    return _choice_labels(choices, get_language())[value]


@functools.cache
def _choice_labels(choices: type[models.Choices], language: str | None) -> dict[str, str]:
    return {str(choice.value): str(choice.label) for choice in choices}


def _link(name: str, *ids: int) -> str:
    return _link_pattern(get_script_prefix(), name, len(ids)).format(*ids)


@functools.cache
def _link_pattern(prefix: str, name: str, arity: int) -> str:
    """The URL of `name` with `{}` for each of its `arity` integer arguments."""
    markers = [9_000_000_001 + n for n in range(arity)]
    pattern = reverse(name, args=markers)
    for marker in markers:
        pattern = pattern.replace(str(marker), "{}", 1)
    return pattern


def _staff(row: dict[str, Any], user: str) -> str:
    """A member of staff's full name from the `<user>__first_name`/`__last_name` columns."""
    first, last = row[f"{user}__first_name"], row[f"{user}__last_name"]
    return f"{first or ''} {last or ''}".strip()


def _person(row: dict[str, Any], person: str, viewer: User) -> str:
    """A client's name as the `shown_name` filter shows it to `viewer` (protected identity)."""
    return shown_name(
        Person(
            first_name=row[f"{person}__first_name"],
            last_name=row[f"{person}__last_name"],
            protected_identity=row[f"{person}__protected_identity"],
        ),
        viewer,
    )


def _joined(*parts: object) -> str:
    return " · ".join(str(part) for part in parts if part not in ("", None))


def _kronor(amount: int | None) -> str:
    return format_kronor(amount or 0)


# --- the sources ---------------------------------------------------------------------------------

# Each source's read, its SQL built once per connection (`core.reused_sql`): on the case page
# and the timeline, building fifteen reads' SQL cost more than running them.
_application_rows = reused_sql(application_timeline_rows)
_first_meeting_rows = reused_sql(first_meeting_timeline_rows)
_calculation_rows = reused_sql(calculation_timeline_rows)
_decision_rows = reused_sql(decision_timeline_rows)
_payment_rows = reused_sql(payment_timeline_rows)
_plan_version_rows = reused_sql(plan_version_timeline_rows)
_followup_rows = reused_sql(followup_timeline_rows)
_referral_rows = reused_sql(referral_timeline_rows)
_absence_rows = reused_sql(absence_timeline_rows)
_sanction_rows = reused_sql(sanction_timeline_rows)
_reconsideration_rows = reused_sql(reconsideration_timeline_rows)
_closure_rows = reused_sql(closure_timeline_rows)
_journal_rows = reused_sql(
    lambda household_id, viewer_id: journal_timeline_rows(household_id, User(pk=viewer_id))
)
_case_discussion_rows = reused_sql(case_discussion_timeline_rows)
_history_rows = reused_sql(
    lambda household_id: change_history_rows_for_case(
        household_id, except_types=TOLD_BY_SOURCES, except_pairs=TOLD_BY_SOURCES_PAIRS
    )
)


def application_entries(household_id: int, viewer: User) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            when=row["received_at"],
            kind=Kind.APPLICATION,
            title=_label("application", "registered"),
            detail=_joined(
                _("Month %(month)s") % {"month": row["month"]}, _choice(Channel, row["channel"])
            ),
            link=_link("intake:application_detail", row["id"]),
            actor=_staff(row, "registered_by"),
        )
        for row in _application_rows(household_id)
    ]


def first_meeting_entries(household_id: int, viewer: User) -> list[TimelineEntry]:
    entries = []
    for row in _first_meeting_rows(household_id):
        link = _link("intake:application_detail", row["application_id"])
        starts = timezone.localtime(row["starts_at"])
        entries.append(
            TimelineEntry(
                when=row["created_at"],
                kind=Kind.MEETING,
                title=_label("first_meeting", "booked"),
                detail=_("For %(time)s; deadline %(deadline)s")
                % {"time": f"{starts:%Y-%m-%d %H:%M}", "deadline": row["deadline"].isoformat()},
                link=link,
                actor=_staff(row, "application__registered_by"),
            )
        )
        if row["status"] != "booked":
            entries.append(
                TimelineEntry(
                    when=row["starts_at"],
                    kind=Kind.MEETING,
                    title=_label("first_meeting", f"marked_{row['status']}"),
                    link=link,
                    actor=_staff(row, "caseworker"),
                )
            )
    return entries


def calculation_entries(household_id: int, viewer: User) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            when=row["created_at"],
            kind=Kind.CALCULATION,
            title=_label("calculation", "saved"),
            detail=_joined(row["month"], _kronor(row["amount"]), f"riksnorm {row['norm_year']}"),
            link=_link("decisions:calculation_detail", household_id, row["id"]),
            actor=_staff(row, "created_by"),
        )
        for row in _calculation_rows(household_id)
    ]


def decision_entries(household_id: int, viewer: User) -> list[TimelineEntry]:
    entries = []
    for row in _decision_rows(household_id):
        link = _link("decisions:decision_detail", household_id, row["id"])
        detail = _joined(
            row["month"],
            _choice(OutcomeChoices, row["outcome"]),
            _kronor(row["amount"]),
            _("corrects an earlier decision") if row["corrects_id"] else "",
        )
        entries.append(
            TimelineEntry(
                when=row["created_at"],
                kind=Kind.DECISION,
                title=_label("decision", "drafted"),
                detail=detail,
                link=link,
                actor=_staff(row, "created_by"),
            )
        )
        if row["signed_at"]:
            entries.append(
                TimelineEntry(
                    when=row["signed_at"],
                    kind=Kind.DECISION,
                    title=_label("decision", "signed"),
                    detail=detail,
                    link=link,
                    actor=_staff(row, "signed_by"),
                )
            )
        if row["notified_on"]:
            entries.append(
                TimelineEntry(
                    when=_day(row["notified_on"]),
                    kind=Kind.DECISION,
                    title=_label("decision", "received"),
                    detail=detail,
                    link=link,
                    day_only=True,
                )
            )
    return entries


def payment_entries(household_id: int, viewer: User) -> list[TimelineEntry]:
    entries = []
    for row in _payment_rows(household_id):
        link = _link("decisions:decision_detail", household_id, row["decision_id"])
        month, amount = row["decision__month"], _kronor(row["amount"])
        entries.append(
            TimelineEntry(
                when=row["run__created_at"],
                kind=Kind.PAYMENT,
                title=_label("payment", "sent"),
                detail=_joined(
                    month,
                    amount,
                    _("%(run)s, payment date %(day)s")
                    % {
                        "run": _choice(RunKind, row["run__kind"]),
                        "day": row["run__execution_date"].isoformat(),
                    },
                ),
                link=link,
                actor=_staff(row, "run__created_by"),
            )
        )
        if row["status"] != "sent" and row["status_changed_on"]:
            entries.append(
                TimelineEntry(
                    when=_day(row["status_changed_on"]),
                    kind=Kind.PAYMENT,
                    title=_label("payment", row["status"]),
                    detail=_joined(month, amount, row["status_reason"]),
                    link=link,
                    day_only=True,
                )
            )
    return entries


def plan_version_entries(household_id: int, viewer: User) -> list[TimelineEntry]:
    entries = []
    for row in _plan_version_rows(household_id):
        link = _link("planning:plan_detail", household_id, row["plan__person_id"])
        version = _("Version %(number)s for %(name)s") % {
            "number": row["number"],
            "name": _person(row, "plan__person", viewer),
        }
        entries.append(
            TimelineEntry(
                when=row["created_at"],
                kind=Kind.PLAN,
                title=_label("plan_version", "created"),
                detail=_joined(version, _("goal: %(goal)s") % {"goal": _choice(Goal, row["goal"])}),
                link=link,
                actor=_staff(row, "created_by"),
            )
        )
        if row["signed_at"]:
            entries.append(
                TimelineEntry(
                    when=row["signed_at"],
                    kind=Kind.PLAN,
                    title=_label("plan_version", "signed"),
                    detail=_joined(version, _choice(SignedHow, row["signed_how"])),
                    link=link,
                    actor=_staff(row, "signature_recorded_by"),
                )
            )
    return entries


def followup_entries(household_id: int, viewer: User) -> list[TimelineEntry]:
    entries = []
    for row in _followup_rows(household_id):
        link = _link("planning:plan_detail", household_id, row["plan__person_id"])
        name = _person(row, "plan__person", viewer)
        entries.append(
            TimelineEntry(
                when=row["created_at"],
                kind=Kind.PLAN,
                title=_label("follow_up", "booked"),
                detail=_joined(
                    _("For %(name)s, due %(day)s")
                    % {"name": name, "day": row["due_on"].isoformat()},
                    row["note"],
                ),
                link=link,
                actor=_staff(row, "booked_by"),
            )
        )
        if row["held_on"]:
            entries.append(
                TimelineEntry(
                    when=_day(row["held_on"]),
                    kind=Kind.PLAN,
                    title=_label("follow_up", "held"),
                    detail=_joined(name, row["held_note"]),
                    link=link,
                    actor=_staff(row, "held_by"),
                    day_only=True,
                )
            )
        if row["cancelled_at"]:
            entries.append(
                TimelineEntry(
                    when=row["cancelled_at"],
                    kind=Kind.PLAN,
                    title=_label("follow_up", "cancelled"),
                    detail=_joined(name, row["cancel_reason"]),
                    link=link,
                    actor=_staff(row, "cancelled_by"),
                )
            )
    return entries


def referral_entries(household_id: int, viewer: User) -> list[TimelineEntry]:
    entries = []
    for row in _referral_rows(household_id):
        link = _link("activities:referral_detail", row["id"])
        detail = _joined(row["activity__name"], _person(row, "person", viewer))
        for action, day in (
            ("referred", row["referred_on"]),
            ("accepted", row["accepted_on"]),
            ("started", row["started_on"]),
            ("ended", row["ended_on"]),
        ):
            if day is None:
                continue
            outcome = (
                _choice(ReferralOutcome, row["outcome"])
                if action == "ended" and row["outcome"]
                else ""
            )
            entries.append(
                TimelineEntry(
                    when=_day(day),
                    kind=Kind.ACTIVITY,
                    title=_label("referral", action),
                    detail=_joined(detail, outcome),
                    link=link,
                    # Only the referral records who made it; a step's actor is in the history.
                    actor=_staff(row, "referred_by") if action == "referred" else "",
                    day_only=True,
                )
            )
    return entries


def absence_entries(household_id: int, viewer: User) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            when=_day(row["day"]),
            kind=Kind.ACTIVITY,
            title=_label("attendance", row["status"]),
            detail=_joined(
                row["referral__activity__name"], _person(row, "referral__person", viewer)
            ),
            link=_link("activities:referral_detail", row["referral_id"]),
            actor=_staff(row, "registered_by"),
            day_only=True,
        )
        for row in _absence_rows(household_id)
    ]


def sanction_entries(household_id: int, viewer: User) -> list[TimelineEntry]:
    entries = []
    for row in _sanction_rows(household_id):
        link = _link("activities:sanction_detail", row["id"])
        about = _("Reduction of %(month)s for %(name)s") % {
            "month": row["month"],
            "name": _person(row, "person", viewer),
        }
        with_amount = _joined(about, _kronor(row["amount"]) if row["amount"] else "")
        steps: list[tuple[str, datetime | None, str, str]] = [
            ("proposed", row["created_at"], "proposed_by", about),
            (
                "dismissed" if row["valid_reason"] else "assessed",
                row["assessed_at"],
                "assessed_by",
                with_amount,
            ),
            (
                "rejected" if row["status"] == "rejected" else "decided",
                row["decided_at"],
                "decided_by",
                with_amount,
            ),
            ("withdrawn", row["updated_at"] if row["status"] == "withdrawn" else None, "", about),
        ]
        for action, when, user, detail in steps:
            if when is not None:
                entries.append(
                    TimelineEntry(
                        when=when,
                        kind=Kind.SANCTION,
                        title=_label("sanction_proposal", action),
                        detail=detail,
                        link=link,
                        actor=_staff(row, user) if user else "",
                    )
                )
        if row["notified_on"]:
            entries.append(
                TimelineEntry(
                    when=_day(row["notified_on"]),
                    kind=Kind.SANCTION,
                    title=_label("sanction_proposal", "received"),
                    detail=with_amount,
                    link=link,
                    day_only=True,
                )
            )
    return entries


def reconsideration_entries(household_id: int, viewer: User) -> list[TimelineEntry]:
    entries = []
    for row in _reconsideration_rows(household_id):
        link = _link("activities:sanction_detail", row["proposal_id"])
        detail = _("Reduction of %(month)s: %(before)s → %(after)s") % {
            "month": row["proposal__month"],
            "before": _kronor(row["amount_before"]),
            "after": _kronor(row["amount"]),
        }
        entries.append(
            TimelineEntry(
                when=row["decided_at"],
                kind=Kind.SANCTION,
                title=_label("sanction_reconsideration", row["outcome"]),
                detail=detail,
                link=link,
                actor=_staff(row, "decided_by"),
            )
        )
        if row["notified_on"]:
            entries.append(
                TimelineEntry(
                    when=_day(row["notified_on"]),
                    kind=Kind.SANCTION,
                    title=_label("sanction_reconsideration", "received"),
                    detail=detail,
                    link=link,
                    day_only=True,
                )
            )
    return entries


def closure_entries(household_id: int, viewer: User) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            when=_day(row["closed_on"]),
            kind=Kind.CLOSURE,
            title=_label("closure", "recorded"),
            detail=_joined(_choice(ClosureReasonChoices, row["reason"]), row["note"]),
            actor=_staff(row, "closed_by"),
            day_only=True,
        )
        for row in _closure_rows(household_id)
    ]


NOTE_EXCERPT = 140  # characters of a note's text shown on the timeline; the note has the rest


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= NOTE_EXCERPT else flat[: NOTE_EXCERPT - 1] + "…"


def journal_note_entries(household_id: int, viewer: User) -> list[TimelineEntry]:
    """Signed notes and the viewer's own drafts at the time of the event they tell, and the
    client's objections on the day they came in (a draft is seen only by its author)."""
    entries = []
    note_id = None
    for row in _journal_rows(household_id, viewer.pk):
        link = _link("casefile:journal_note_detail", household_id, row["id"])
        if row["id"] != note_id:  # the first row of a note: the rows after it add objections
            note_id = row["id"]
            kind = _choice(JournalNoteKind, row["kind"])
            entries.append(
                TimelineEntry(
                    when=row["occurred_at"],
                    kind=Kind.NOTE,
                    title=_("Journal note: %(kind)s") % {"kind": kind}
                    if row["status"] == JournalNoteStatus.SIGNED
                    else _("Draft journal note: %(kind)s") % {"kind": kind},
                    detail=_joined(
                        _("Corrects note %(number)s") % {"number": row["corrects_id"]}
                        if row["corrects_id"]
                        else "",
                        _excerpt(row["text"]),
                    ),
                    link=link,
                    actor=_staff(row, "author"),
                )
            )
        if row["objections__id"] is not None:
            entries.append(
                TimelineEntry(
                    when=_day(row["objections__received_on"]),
                    kind=Kind.NOTE,
                    title=_label("note_objection", "recorded"),
                    detail=_excerpt(row["objections__text"]),
                    link=link,
                    actor=_staff(row, "objections__recorded_by"),
                    day_only=True,
                )
            )
    return entries


def case_discussion_entries(household_id: int, viewer: User) -> list[TimelineEntry]:
    entries = []
    for row in _case_discussion_rows(household_id):
        entries.append(
            TimelineEntry(
                when=row["requested_at"],
                kind=Kind.NOTE,
                title=_label("case_discussion", "requested"),
                detail=_excerpt(row["question"]),
                actor=_staff(row, "requested_by"),
            )
        )
        if row["held_at"] is not None and row["held_by_id"] is not None:
            entries.append(
                TimelineEntry(
                    when=row["held_at"],
                    kind=Kind.NOTE,
                    title=_label("case_discussion", "held"),
                    link=_link("casefile:journal_note_detail", household_id, row["outcome_note_id"])
                    if row["outcome_note_id"]
                    else "",
                    actor=_staff(row, "held_by"),
                )
            )
        if row["cancelled_at"] is not None:
            entries.append(
                TimelineEntry(
                    when=row["cancelled_at"],
                    kind=Kind.NOTE,
                    title=_label("case_discussion", "cancelled"),
                )
            )
    return entries


# Where a history entry leads: the page of the object it names (the case's id, then the object's).
HISTORY_LINKS = {
    "document": "casefile:document_detail",
    "recovery_claim": "decisions:recovery_detail",
}


def _history_link(household_id: int, row: dict[str, Any]) -> str:
    name = HISTORY_LINKS.get(row["object_type"])
    if name is None or not str(row["object_id"]).isascii() or not str(row["object_id"]).isdigit():
        return ""
    return _link(name, household_id, int(row["object_id"]))


def history_entries(household_id: int, viewer: User) -> list[TimelineEntry]:
    """What no other source tells, from the change history (a case opened, a caseworker
    assigned, a reason for need recorded …)."""
    return [
        TimelineEntry(
            when=row["at"],
            kind=Kind(HISTORY_KINDS.get(row["object_type"], Kind.OTHER)),
            title=change_label(row["object_type"], row["action"]),
            link=_history_link(household_id, row),
            actor=_staff(row, "user"),
        )
        for row in _history_rows(household_id)
    ]


# In the order a case usually runs: entries at the same moment are shown later source first.
SOURCES: list[tuple[Kind, Source]] = [
    (Kind.OTHER, history_entries),
    (Kind.APPLICATION, application_entries),
    (Kind.MEETING, first_meeting_entries),
    (Kind.CALCULATION, calculation_entries),
    (Kind.DECISION, decision_entries),
    (Kind.PAYMENT, payment_entries),
    (Kind.PLAN, plan_version_entries),
    (Kind.PLAN, followup_entries),
    (Kind.ACTIVITY, referral_entries),
    (Kind.ACTIVITY, absence_entries),
    (Kind.SANCTION, sanction_entries),
    (Kind.SANCTION, reconsideration_entries),
    (Kind.CLOSURE, closure_entries),
    (Kind.NOTE, journal_note_entries),
    (Kind.NOTE, case_discussion_entries),
]


def case_timeline(
    household_id: int, *, viewer: User, kinds: Collection[str] = ()
) -> list[TimelineEntry]:
    """The case's events newest first, of the given kinds (all when none are given).

    Within a source, events come in the order they happen, so reversing before the (stable) sort
    puts the later of two events at the same moment first.
    """
    # The history tells events of several kinds, so it always runs and its entries are filtered.
    entries = [
        entry
        for kind, source in SOURCES
        if not kinds or kind in kinds or source is history_entries
        for entry in source(household_id, viewer)
        if not kinds or entry.kind in kinds
    ]
    entries.reverse()
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries
