"""The demo's joint case reviews: the first unit's review groups as Hässleholm divides them (over
25 with Arbetsförmedlingen and the labour-market unit; young people; integration with SFI; long
sick leave with Försäkringskassan), each meeting every other week; a meeting of the over-25 group
held two weeks ago with its minutes (one action done, one overdue: it waits on My work), the next
meetings booked with cases on their agendas, and a three-party talk. Only cases whose consents
name every organisation go on an agenda (the services refuse the others, as they would a
caseworker). All through the services; deterministic for a given random generator and `today`.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role
from bryggan.cooperation.models import Consent, PartnerOrganisation
from bryggan.core.errors import DomainError
from bryggan.planning.selectors import latest_version_of_person
from bryggan.reviews.models import AgendaItem, Meeting
from bryggan.reviews.rules import ActionParty, GroupTarget
from bryggan.reviews.services import (
    ActionInput,
    action_mark_done,
    agenda_item_add,
    meeting_create,
    meeting_hold,
    meetings_schedule,
    minutes_record,
    review_group_create,
    three_party_talk_create,
)

# Made-up groups (demo data): name, for whom, member organisations (names of the demo's
# partners, `demo.cooperation.ORGANISATIONS`), weekday (0 Monday), time.
GROUPS = (
    ("ÄGG över 25", GroupTarget.OVER_25, ("Arbetsförmedlingen", "Arbetsmarknadsenheten"), 1, 9),
    ("ÄGG unga upp till 25", GroupTarget.YOUTH, ("Arbetsförmedlingen",), 3, 9),
    (
        "Integration med SFI",
        GroupTarget.INTEGRATION,
        ("Arbetsförmedlingen", "Vuxenutbildningen och SFI"),
        2,
        13,
    ),
    (
        "Långvarigt sjukskrivna",
        GroupTarget.LONG_SICK_LEAVE,
        ("Försäkringskassan", "Arbetsförmedlingen"),
        4,
        10,
    ),
)
PLACE = "Stadshuset, mötesrum Bryggan"
HELD_DAYS_AGO = 14
ON_PAST_AGENDA, ON_NEXT_AGENDA = 3, 3
AGREED = (
    "Arbetsträning på lager i tre månader, sedan utvärdering.",
    "Kartläggning av arbetsförmåga hos Arbetsförmedlingen; SFI på kvällstid.",
    "Praktik inom äldreomsorgen; studiebesök hos arbetsgivare i nätverket.",
)


def _consented(unit: Unit, organisations: list[PartnerOrganisation]) -> list[Consent]:
    """Consents of the unit's open cases not withdrawn that name the organisations, one per
    person, in a stable order."""
    consents = Consent.objects.filter(
        household__unit=unit, household__status="active", withdrawn_at__isnull=True
    ).select_related("household", "person")
    for organisation in organisations:
        consents = consents.filter(organisations=organisation)
    seen: dict[int, Consent] = {}
    for consent in consents.order_by("pk"):
        seen.setdefault(consent.person_id, consent)
    return list(seen.values())


def _put(meeting: Meeting, consent: Consent, by: User, now: datetime) -> AgendaItem | None:
    try:
        return agenda_item_add(
            meeting=meeting,
            household=consent.household,
            person=consent.person,
            question="Vad är nästa steg mot arbete?",
            by=by,
            now=now,
        )
    except DomainError:  # no consent on one of the days: as a caseworker would be told
        return None


def demo_reviews(*, units: list[Unit], today: date, now: datetime, rng: random.Random) -> None:
    """The first unit's review groups, meetings, agendas, minutes and a three-party talk."""
    if not units:
        return
    unit = units[0]
    staff = User.objects.filter(unit=unit, is_active=True).order_by("pk")
    manager = staff.filter(role=Role.UNIT_MANAGER).first()
    caseworker = staff.filter(role=Role.CASEWORKER).first()
    organisations = {o.name: o for o in PartnerOrganisation.objects.all()}
    if manager is None or caseworker is None or "Arbetsförmedlingen" not in organisations:
        return
    tz = ZoneInfo(settings.TIME_ZONE)
    groups = [
        review_group_create(
            unit=unit,
            name=name,
            target=target,
            organisations=[organisations[n] for n in members if n in organisations],
            weekday=weekday,
            every_weeks=2,
            meeting_time=time(hour),
            place=PLACE,
            by=manager,
        )
        for name, target, members, weekday, hour in GROUPS
    ]
    for group in groups:
        meetings_schedule(group=group, first=today + timedelta(days=1), count=4, by=manager)
    over_25 = groups[0]
    members = list(over_25.organisations.all())
    consents = _consented(unit, members)
    rng.shuffle(consents)
    past_day = today - timedelta(days=HELD_DAYS_AGO)
    past_at = datetime.combine(past_day, over_25.meeting_time, tzinfo=tz)
    past = meeting_create(group=over_25, on=past_day, by=manager)
    items = [
        item
        for consent in consents[:ON_PAST_AGENDA]
        if (item := _put(past, consent, caseworker, past_at - timedelta(days=3))) is not None
    ]
    meeting_hold(meeting=past, by=manager, now=past_at + timedelta(hours=2))
    af = organisations["Arbetsförmedlingen"]
    for index, item in enumerate(items):
        actions = [
            ActionInput(
                ActionParty.PARTNER,
                "Boka kartläggningssamtal",
                past_day + timedelta(days=7 + index),  # past: overdue unless marked done
                organisation=af,
                responsible_name="Anna Arbetsförmedlare",
            )
        ]
        if latest_version_of_person(item.person_id) is not None:
            actions.append(
                ActionInput(
                    ActionParty.WORK_COACH,
                    "Ordna arbetsträning på lager",
                    today + timedelta(days=21),
                    responsible_name="Arbetslivscoachen",
                )
            )
        minutes_record(
            item=item,
            agreed=AGREED[index % len(AGREED)],
            actions=actions,
            by=caseworker,
            now=past_at + timedelta(hours=3),
        )
    if items:  # one of the partner's actions was done in time
        done = items[0].actions.filter(party=ActionParty.PARTNER.value).first()
        if done is not None:
            action_mark_done(action=done, done_on=done.due_on, by=caseworker)
    upcoming = Meeting.objects.filter(group=over_25, held_at__isnull=True).order_by("on").first()
    if upcoming is not None:
        for consent in consents[ON_PAST_AGENDA : ON_PAST_AGENDA + ON_NEXT_AGENDA]:
            _put(upcoming, consent, caseworker, now)
    af_only = [c for c in _consented(unit, [af]) if c.person_id not in {i.person_id for i in items}]
    if af_only:
        consent = af_only[-1]
        try:
            three_party_talk_create(
                household=consent.household,
                person=consent.person,
                partner=af,
                on=today + timedelta(days=3),
                at=time(13, 30),
                place="Arbetsförmedlingen, Storgatan 1",
                by=caseworker,
                now=now,
            )
        except DomainError:
            return
