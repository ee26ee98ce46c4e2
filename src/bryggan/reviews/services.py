"""Writes of joint case reviews: groups, meetings and three-party talks, the agenda (only with a
valid consent for every organisation at the meeting), holding a meeting, the minutes and their
actions (the municipality's written into the client's plan). Each call is one transaction with
its history row; a refusal changes nothing.

Sources: OSL (2009:400) 26 kap. 1 §, 12 kap. 2 § (`reviews.rules`); Hässleholm's joint case
reviews (*ÄGG*) and Haparanda's three-party talks in the seed report *Att bryta mönster*.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import Unit, User
from bryggan.audit.services import change_record_write
from bryggan.cooperation.models import Consent, DisclosureChannel, PartnerOrganisation
from bryggan.cooperation.services import disclosure_record, partner_user_create
from bryggan.core.errors import DomainError
from bryggan.people.models import Household, HouseholdMember, HouseholdStatus, Person
from bryggan.planning.models import Responsible, WrittenBy
from bryggan.planning.selectors import latest_version_of_person
from bryggan.planning.services import StepInput, plan_version_create
from bryggan.reviews import rules, selectors
from bryggan.reviews.models import Action, AgendaItem, Meeting, ReviewGroup
from bryggan.reviews.rules import ActionParty, GroupTarget, MeetingKind

NAME_TAKEN = _("The unit already has a review group with this name.")
NO_ORGANISATION = _("Choose at least one member organisation.")
EVERY_WEEKS = _("A group meets every 1 to 8 weeks.")
OTHER_UNIT = _("The meeting belongs to another unit: only that unit's staff may book or change it.")
CASE_OF_OTHER_UNIT = _("The case belongs to another unit.")
NOT_A_MEMBER = _("The person is not a member of this case.")
CASE_CLOSED = _("The case is closed.")
ALREADY_HELD = _("The meeting is already held: its agenda can no longer change.")
NOT_HELD = _("Minutes are written once the meeting is held.")
ALREADY_ON_AGENDA = _("The person's case is already on this meeting's agenda.")
TALK_HAS_CLIENT = _("A three-party talk is about one client, who is already on it.")
NO_CONSENT_FOR = _(
    "The case cannot go on the agenda: no valid consent from the person names %(organisations)s "
    "on %(days)s. Register the person's consent for each organisation first."
)
MINUTES_DONE = _("The minutes of this case are already recorded.")
AGREED_MISSING = _("Write what was agreed.")
ACTION_ORGANISATION = _("An action of a partner names one of the organisations at the meeting.")
ACTION_DUE = _("An action needs a last day, on or after the meeting.")
NO_PLAN = _(
    "The client has no action plan yet: the municipality's actions become steps in it. Write the "
    "plan first."
)
ALREADY_DONE = _("The action is already marked done.")
ACTION_WHAT_MISSING = _("Say what is to be done.")
WITHDRAWN_REASON = "consent_withdrawn"
NO_CONSENT_WHEN_HELD = "no_consent_when_held"


class ConsentMissingForAgenda(DomainError):
    """No valid consent names these organisations: the case stays off the agenda."""

    def __init__(self, organisations: Iterable[PartnerOrganisation], days: Iterable[date]) -> None:
        self.organisations = sorted(organisations, key=lambda o: o.name)
        named = ", ".join(o.name for o in self.organisations)
        when = ", ".join(sorted({d.isoformat() for d in days}))
        super().__init__(str(NO_CONSENT_FOR) % {"organisations": named, "days": when})


def _group_fields(group: ReviewGroup) -> dict[str, Any]:
    return {
        "name": group.name,
        "target": group.target,
        "organisations": sorted(o.pk for o in group.organisations.all()),
        "weekday": group.weekday,
        "every_weeks": group.every_weeks,
        "meeting_time": group.meeting_time.isoformat(),
        "place": group.place,
        "active": group.active,
    }


def _check_group(
    *,
    unit: Unit,
    name: str,
    organisations: list[PartnerOrganisation],
    every_weeks: int,
    exclude: int | None,
) -> None:
    # Compared in Python: SQLite folds the case of ASCII letters only (Ä, Ö).
    names = ReviewGroup.objects.filter(unit=unit).exclude(pk=exclude).values_list("name", flat=True)
    if name.strip().casefold() in {n.casefold() for n in names}:
        raise DomainError(NAME_TAKEN, field="name")
    if not organisations:
        raise DomainError(NO_ORGANISATION, field="organisations")
    if not 1 <= every_weeks <= 8:  # noqa: PLR2004 - the model's check constraint says the same
        raise DomainError(EVERY_WEEKS, field="every_weeks")


@transaction.atomic
def review_group_create(
    *,
    unit: Unit,
    name: str,
    target: GroupTarget,
    organisations: Iterable[PartnerOrganisation],
    weekday: int,
    every_weeks: int,
    meeting_time: time,
    place: str,
    description: str = "",
    by: User,
) -> ReviewGroup:
    """A review group of the unit with its member organisations and recurring meeting day."""
    chosen = list(organisations)
    _check_group(unit=unit, name=name, organisations=chosen, every_weeks=every_weeks, exclude=None)
    group = ReviewGroup.objects.create(
        unit=unit,
        name=name.strip(),
        target=target.value,
        description=description,
        weekday=weekday,
        every_weeks=every_weeks,
        meeting_time=meeting_time,
        place=place,
    )
    group.organisations.set(chosen)
    change_record_write(
        user=by,
        case_id=None,
        object_type="review_group",
        object_id=group.pk,
        action="created",
        changes=_group_fields(group),
    )
    return group


@transaction.atomic
def review_group_update(
    *,
    group: ReviewGroup,
    name: str,
    target: GroupTarget,
    organisations: Iterable[PartnerOrganisation],
    weekday: int,
    every_weeks: int,
    meeting_time: time,
    place: str,
    description: str,
    active: bool,
    by: User,
) -> ReviewGroup:
    """Change a group. Cases already on the agendas of its coming meetings stay: a new member
    organisation hears of them only if the consent names it, checked again when shown."""
    if group.unit_id != by.unit_id:
        raise DomainError(OTHER_UNIT)
    chosen = list(organisations)
    _check_group(
        unit=group.unit, name=name, organisations=chosen, every_weeks=every_weeks, exclude=group.pk
    )
    group.name, group.target, group.description = name.strip(), target.value, description
    group.weekday, group.every_weeks, group.meeting_time = weekday, every_weeks, meeting_time
    group.place, group.active = place, active
    group.save()
    group.organisations.set(chosen)
    change_record_write(
        user=by,
        case_id=None,
        object_type="review_group",
        object_id=group.pk,
        action="changed",
        changes=_group_fields(group),
    )
    return group


def _meeting_record(meeting: Meeting, by: User, action: str) -> None:
    change_record_write(
        user=by,
        case_id=None,
        object_type="review_meeting",
        object_id=meeting.pk,
        action=action,
        changes={
            "kind": meeting.kind,
            "group": meeting.group_id,
            "partner": meeting.partner_id,
            "on": meeting.on.isoformat(),
            "at": meeting.at.isoformat(),
            "place": meeting.place,
        },
    )


@transaction.atomic
def meeting_create(
    *, group: ReviewGroup, on: date, at: time | None = None, place: str = "", by: User
) -> Meeting:
    """A meeting of the group; time and place default to the group's."""
    if group.unit_id != by.unit_id:
        raise DomainError(OTHER_UNIT)
    meeting = Meeting.objects.create(
        unit_id=group.unit_id,
        kind=MeetingKind.REVIEW.value,
        group=group,
        on=on,
        at=at or group.meeting_time,
        place=place or group.place,
        created_by=by,
    )
    _meeting_record(meeting, by, "created")
    return meeting


@transaction.atomic
def meetings_schedule(*, group: ReviewGroup, first: date, count: int, by: User) -> list[Meeting]:
    """Book the group's next `count` meetings on its recurring day, skipping days already
    booked."""
    if group.unit_id != by.unit_id:
        raise DomainError(OTHER_UNIT)
    booked = set(Meeting.objects.filter(group=group).values_list("on", flat=True))
    days = rules.meeting_days(
        first=first, weekday=group.weekday, every_weeks=group.every_weeks, count=count
    )
    return [meeting_create(group=group, on=day, by=by) for day in days if day not in booked]


def _check_case(household: Household, person: Person, by: User) -> None:
    if household.unit_id != by.unit_id:
        raise DomainError(CASE_OF_OTHER_UNIT)
    if household.status != HouseholdStatus.ACTIVE:
        raise DomainError(CASE_CLOSED)
    if not HouseholdMember.objects.filter(household=household, person=person).exists():
        raise DomainError(NOT_A_MEMBER, field="person")


def _check_consents(
    *, person: Person, organisations: list[PartnerOrganisation], days: list[date]
) -> None:
    missing = rules.missing_organisations(
        selectors.consent_terms_of_person(person.pk),
        person_id=person.pk,
        organisation_ids=[o.pk for o in organisations],
        days=days,
    )
    if missing:
        raise ConsentMissingForAgenda([o for o in organisations if o.pk in missing], days)


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    household: Household,
    person: Person,
    question: str = "",
    by: User,
    now: datetime,
) -> AgendaItem:
    """Put the person's case on the meeting's agenda: only when a valid consent names every
    organisation at the meeting, today and on the meeting's day.

    Source: OSL (2009:400) 26 kap. 1 §, 12 kap. 2 §.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.unit_id != by.unit_id:
        raise DomainError(OTHER_UNIT)
    if meeting.is_held:
        raise DomainError(ALREADY_HELD)
    _check_case(household, person, by)
    on_agenda = AgendaItem.objects.filter(meeting=meeting, removed_at__isnull=True)
    if on_agenda.filter(person=person).exists():
        raise DomainError(ALREADY_ON_AGENDA, field="person")
    if meeting.kind == MeetingKind.THREE_PARTY.value and on_agenda.exists():
        raise DomainError(TALK_HAS_CLIENT)
    today = timezone.localdate(now)
    _check_consents(
        person=person,
        organisations=selectors.organisations_of(meeting),
        days=sorted({today, meeting.on}),
    )
    try:
        with transaction.atomic():
            item = AgendaItem.objects.create(
                meeting=meeting,
                household=household,
                person=person,
                question=question,
                added_by=by,
                added_at=now,
            )
    except IntegrityError as error:  # the same person added at once from two screens
        raise DomainError(ALREADY_ON_AGENDA, field="person") from error
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="agenda_item",
        object_id=item.pk,
        action="added",
        changes={"meeting": meeting.pk, "person": person.pk, "question": question},
    )
    return item


@transaction.atomic
def three_party_talk_create(
    *,
    household: Household,
    person: Person,
    partner: PartnerOrganisation,
    on: date,
    at: time,
    place: str,
    by: User,
    now: datetime,
) -> Meeting:
    """A three-party talk (the client, the municipality and one partner, as a rule
    Arbetsförmedlingen) about one client, with the client's case on it; refused, and nothing
    booked, without the consent."""
    _check_case(household, person, by)
    meeting = Meeting.objects.create(
        unit_id=household.unit_id,
        kind=MeetingKind.THREE_PARTY.value,
        partner=partner,
        on=on,
        at=at,
        place=place,
        created_by=by,
    )
    _meeting_record(meeting, by, "created")
    agenda_item_add(meeting=meeting, household=household, person=person, by=by, now=now)
    return meeting


def _remove(item: AgendaItem, *, reason: str, by: User | None, now: datetime) -> None:
    item.removed_at, item.removed_reason = now, reason
    item.save(update_fields=["removed_at", "removed_reason"])
    change_record_write(
        user=by,
        case_id=item.household_id,
        object_type="agenda_item",
        object_id=item.pk,
        action="removed",
        changes={"meeting": item.meeting_id, "reason": reason},
    )


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, reason: str, by: User, now: datetime) -> AgendaItem:
    """Take a case off a meeting not yet held (kept, marked removed, with the reason)."""
    item = AgendaItem.objects.select_related("meeting").get(pk=item.pk)
    if item.meeting.unit_id != by.unit_id:
        raise DomainError(OTHER_UNIT)
    if item.meeting.is_held:
        raise DomainError(ALREADY_HELD)
    _remove(item, reason=reason, by=by, now=now)
    return item


def agenda_items_remove_on_withdrawal(
    sender: object, *, consent: Consent, by: User, now: datetime, **kwargs: object
) -> list[AgendaItem]:
    """On a withdrawn consent (inside `cooperation.services.consent_withdraw`'s transaction):
    every agenda item of the person on a meeting not yet held whose organisations no other valid
    consent still names leaves the agenda. Held meetings keep their agenda and minutes.

    Source: OSL (2009:400) 12 kap. 2 § (the consent may be withdrawn at any moment).
    """
    terms = selectors.consent_terms_of_person(consent.person_id)
    today = timezone.localdate(now)
    removed = []
    for item in selectors.open_items_of_person(consent.person_id):
        missing = rules.missing_organisations(
            terms,
            person_id=consent.person_id,
            organisation_ids=[o.pk for o in selectors.organisations_of(item.meeting)],
            days=sorted({today, item.meeting.on}),
        )
        if missing:
            _remove(item, reason=WITHDRAWN_REASON, by=by, now=now)
            removed.append(item)
    return removed


@transaction.atomic
def meeting_hold(*, meeting: Meeting, by: User, now: datetime) -> Meeting:
    """Record that the meeting was held: its agenda is fixed from now on. What the meeting heard
    of each case went to every organisation at it: recorded as a disclosure per organisation, of
    the kinds consented for all of them, on the consent that allowed it. A case whose consent
    no longer names every organisation on the day was not discussed: it leaves the agenda.

    Source: OSL (2009:400) 26 kap. 1 §, 12 kap. 2 §.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.unit_id != by.unit_id:
        raise DomainError(OTHER_UNIT)
    if meeting.is_held:
        raise DomainError(ALREADY_HELD)
    today = timezone.localdate(now)
    organisations = selectors.organisations_of(meeting)
    for item in selectors.agenda_of(meeting):
        kinds = rules.meeting_kinds(
            selectors.consent_terms_of_person(item.person_id),
            person_id=item.person_id,
            organisation_ids=[o.pk for o in organisations],
            on=today,
        )
        if not kinds:
            _remove(item, reason=NO_CONSENT_WHEN_HELD, by=by, now=now)
            continue
        for organisation in organisations:
            disclosure_record(
                person=item.person,
                household=item.household,
                organisation=organisation,
                kinds=kinds,
                channel=DisclosureChannel.AGENDA,
                recipient_name=organisation.name,
                by=by,
                now=now,
            )
    meeting.held_at, meeting.held_by = now, by
    meeting.save(update_fields=["held_at", "held_by"])
    _meeting_record(meeting, by, "held")
    return meeting


@dataclass(frozen=True, slots=True)
class ActionInput:
    party: ActionParty
    description: str
    due_on: date | None
    organisation: PartnerOrganisation | None = None
    responsible_name: str = ""


PLAN_RESPONSIBLE = {
    ActionParty.CASEWORKER: Responsible.CASEWORKER,
    ActionParty.WORK_COACH: Responsible.WORK_COACH,
}
WRITTEN_BY = {"work_coach": WrittenBy.WORK_COACH}


@transaction.atomic
def minutes_record(
    *, item: AgendaItem, agreed: str, actions: list[ActionInput], by: User, now: datetime
) -> AgendaItem:
    """The minutes of one case: what was agreed and who does what by when. The municipality's
    actions become steps of a new version of the client's plan (the client signs it as any
    version); the minutes are recorded once."""
    item = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    meeting = item.meeting
    if meeting.unit_id != by.unit_id:
        raise DomainError(OTHER_UNIT)
    if not meeting.is_held:
        raise DomainError(NOT_HELD)
    if item.removed_at is not None or item.has_minutes:
        raise DomainError(MINUTES_DONE)
    if not agreed.strip():
        raise DomainError(AGREED_MISSING, field="agreed")
    present = {o.pk for o in selectors.organisations_of(meeting)}
    for action in actions:
        if action.due_on is None or action.due_on < meeting.on:
            raise DomainError(ACTION_DUE, field="actions")
        if action.party is ActionParty.PARTNER and (
            action.organisation is None or action.organisation.pk not in present
        ):
            raise DomainError(ACTION_ORGANISATION, field="actions")
    municipal = [a for a in actions if a.party in rules.MUNICIPAL_PARTIES]
    version = None
    if municipal:
        latest = latest_version_of_person(item.person_id)
        if latest is None:
            raise DomainError(NO_PLAN, field="actions")
        version = plan_version_create(
            household=item.household,
            person=item.person,
            written_by=WRITTEN_BY.get(by.role, WrittenBy.CASEWORKER),
            by=by,
            today=timezone.localdate(now),
            steps=[
                *(
                    StepInput(s.description, Responsible(s.responsible), s.due_on)
                    for s in latest.steps.all()
                ),
                *(StepInput(a.description, PLAN_RESPONSIBLE[a.party], a.due_on) for a in municipal),
            ],
        )
    item.agreed, item.minutes_by, item.minutes_at = agreed, by, now
    item.save(update_fields=["agreed", "minutes_by", "minutes_at"])
    made = Action.objects.bulk_create(
        Action(
            item=item,
            party=a.party.value,
            organisation=a.organisation if a.party is ActionParty.PARTNER else None,
            responsible_name=a.responsible_name,
            description=a.description,
            due_on=a.due_on,
            plan_version=version if a.party in rules.MUNICIPAL_PARTIES else None,
        )
        for a in actions
    )
    change_record_write(
        user=by,
        case_id=item.household_id,
        object_type="agenda_item",
        object_id=item.pk,
        action="minutes_recorded",
        changes={
            "agreed": agreed,
            "actions": [
                {"party": a.party, "description": a.description, "due_on": str(a.due_on)}
                for a in made
            ],
            "plan_version": version.pk if version is not None else None,
        },
    )
    return item


@transaction.atomic
def action_mark_done(*, action: Action, done_on: date, by: User) -> Action:
    action = Action.objects.select_for_update().select_related("item__meeting").get(pk=action.pk)
    if action.item.meeting.unit_id != by.unit_id:
        raise DomainError(OTHER_UNIT)
    if action.done_on is not None:
        raise DomainError(ALREADY_DONE)
    action.done_on = done_on
    action.save(update_fields=["done_on"])
    change_record_write(
        user=by,
        case_id=action.item.household_id,
        object_type="review_action",
        object_id=action.pk,
        action="done",
        changes={"done_on": done_on.isoformat()},
    )
    return action


@transaction.atomic
def action_update(
    *, action: Action, description: str, responsible_name: str, due_on: date, by: User
) -> Action:
    """Correct what an action not yet done is, who answers for it or its last day (moved, but
    not before the meeting). Who does it stays: another party's action is a new one, agreed at a
    meeting. The step a municipal action put in the client's plan is the plan version's as
    signed; a changed step is a revision of the plan. Recorded field by field, old and new."""
    action = Action.objects.select_for_update().select_related("item__meeting").get(pk=action.pk)
    if action.item.meeting.unit_id != by.unit_id:
        raise DomainError(OTHER_UNIT)
    if action.done_on is not None:
        raise DomainError(ALREADY_DONE)
    if not description.strip():
        raise DomainError(ACTION_WHAT_MISSING, field="description")
    if due_on < action.item.meeting.on:
        raise DomainError(ACTION_DUE, field="due_on")
    wanted: dict[str, object] = {
        "description": description.strip(),
        "responsible_name": responsible_name.strip(),
        "due_on": due_on,
    }
    changes = {
        field: [str(getattr(action, field)), str(value)]
        for field, value in wanted.items()
        if getattr(action, field) != value
    }
    if not changes:
        return action
    for field in changes:
        setattr(action, field, wanted[field])
    action.save(update_fields=list(changes))
    change_record_write(
        user=by,
        case_id=action.item.household_id,
        object_type="review_action",
        object_id=action.pk,
        action="changed",
        changes=changes,
    )
    return action


USERNAME_TAKEN = _("The user name is taken.")


def partner_user_add(
    *,
    organisation: PartnerOrganisation,
    username: str,
    first_name: str,
    last_name: str,
    password: str,
    by: User,
) -> User:
    """A sign-in for an officer of a partner organisation (role partner): the user name free and
    the password passing the site's validators, else refused with the field named."""
    if User.objects.filter(username__iexact=username.strip()).exists():
        raise DomainError(USERNAME_TAKEN, field="username")
    try:
        validate_password(password, User(username=username, first_name=first_name))
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="password") from error
    return partner_user_create(
        username=username.strip(),
        organisation=organisation,
        first_name=first_name,
        last_name=last_name,
        password=password,
        by=by,
    )
