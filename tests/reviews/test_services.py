"""The services of joint case reviews: refusals change nothing and say why; a withdrawal takes the
case off coming agendas; the municipality's actions land in the client's plan."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import time, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import ChangeRecord
from bryggan.cooperation.models import Disclosure
from bryggan.cooperation.rules import InformationKind, OrganisationKind
from bryggan.cooperation.services import consent_withdraw
from bryggan.core.errors import DomainError
from bryggan.desk.registry import desk_items
from bryggan.planning.models import PlanVersion
from bryggan.planning.selectors import latest_version_of_person
from bryggan.reviews import selectors
from bryggan.reviews.models import AgendaItem, Meeting, ReviewGroup
from bryggan.reviews.rules import ActionParty
from bryggan.reviews.services import (
    ACTION_ORGANISATION,
    ALREADY_ON_AGENDA,
    NAME_TAKEN,
    NO_ORGANISATION,
    NO_PLAN,
    NOT_HELD,
    OTHER_UNIT,
    TALK_HAS_CLIENT,
    USERNAME_TAKEN,
    ActionInput,
    ConsentMissingForAgenda,
    action_mark_done,
    agenda_item_add,
    meeting_hold,
    meetings_schedule,
    minutes_record,
    partner_user_add,
    three_party_talk_create,
)
from tests.cooperation.factories import make_consent, make_organisation
from tests.planning.factories import make_version
from tests.reviews.factories import make_case, make_group, make_meeting, put_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(persona: Callable[..., User]) -> tuple[User, User]:
    """The unit's caseworker and manager (the work coach exists: intake books with both)."""
    persona("work_coach")
    return persona("caseworker"), persona("unit_manager")


def _af_and_alu() -> tuple:
    return (
        make_organisation(),
        make_organisation("Arbetsmarknadsenheten", OrganisationKind.LABOUR_MARKET_UNIT),
    )


def test_a_group_needs_a_member_organisation_and_a_name_of_its_own(
    unit: Unit, staff: tuple[User, User]
) -> None:
    _caseworker, manager = staff
    with pytest.raises(DomainError) as refused:
        make_group(unit, manager, [])
    assert refused.value.message == NO_ORGANISATION
    af, _alu = _af_and_alu()
    make_group(unit, manager, [af])
    with pytest.raises(DomainError) as taken:
        make_group(unit, manager, [af], name="ägg ÖVER 25")
    assert taken.value.message == NAME_TAKEN
    assert ReviewGroup.objects.count() == 1


def test_a_meeting_in_a_group_of_another_unit_is_refused_and_nothing_booked(
    unit: Unit, other_unit: Unit, staff: tuple[User, User], persona: Callable[..., User]
) -> None:
    group = make_group(unit, staff[1], [make_organisation()])
    stranger = persona("unit_manager", in_unit=other_unit)
    with pytest.raises(DomainError) as refused:
        make_meeting(group, stranger)
    assert refused.value.message == OTHER_UNIT
    with pytest.raises(DomainError):
        meetings_schedule(group=group, first=timezone.localdate(), count=3, by=stranger)
    assert not Meeting.objects.exists()


def test_the_schedule_books_the_groups_day_and_skips_days_already_booked(
    unit: Unit, staff: tuple[User, User]
) -> None:
    group = make_group(unit, staff[1], [make_organisation()])  # every other Tuesday
    today = timezone.localdate()
    first = meetings_schedule(group=group, first=today, count=3, by=staff[0])
    again = meetings_schedule(group=group, first=today, count=4, by=staff[0])
    days = sorted(m.on for m in Meeting.objects.all())
    assert len(first) == 3
    assert len(again) == 1
    assert all(day.weekday() == 1 for day in days)
    assert [b - a for a, b in itertools.pairwise(days)] == [timedelta(weeks=2)] * 3


def test_without_consent_the_case_stays_off_the_agenda_and_the_refusal_names_the_organisation(
    unit: Unit, staff: tuple[User, User]
) -> None:
    caseworker, manager = staff
    af, alu = _af_and_alu()
    meeting = make_meeting(make_group(unit, manager, [af, alu]), manager)
    household = make_case(caseworker, 401)
    make_consent(household, af, caseworker)  # Arbetsförmedlingen only
    with pytest.raises(ConsentMissingForAgenda) as refused:
        put_on(meeting, household, caseworker)
    assert "Arbetsmarknadsenheten" in refused.value.message
    assert "Arbetsförmedlingen" not in refused.value.message
    assert [o.pk for o in refused.value.organisations] == [alu.pk]
    assert not AgendaItem.objects.exists()
    make_consent(household, alu, caseworker)
    item = put_on(meeting, household, caseworker)
    assert item.meeting == meeting
    with pytest.raises(DomainError) as twice:
        put_on(meeting, household, caseworker)
    assert twice.value.message == ALREADY_ON_AGENDA


def test_a_consent_ending_before_the_meeting_does_not_put_the_case_on_it(
    unit: Unit, staff: tuple[User, User]
) -> None:
    caseworker, manager = staff
    af = make_organisation()
    meeting = make_meeting(make_group(unit, manager, [af]), manager, in_days=10)
    household = make_case(caseworker, 402)
    make_consent(household, af, caseworker, valid_to=timezone.localdate() + timedelta(days=9))
    with pytest.raises(ConsentMissingForAgenda):
        put_on(meeting, household, caseworker)


def test_staff_of_another_unit_cannot_put_a_case_on_the_agenda(
    unit: Unit, other_unit: Unit, staff: tuple[User, User], persona: Callable[..., User]
) -> None:
    caseworker, manager = staff
    af = make_organisation()
    meeting = make_meeting(make_group(unit, manager, [af]), manager)
    household = make_case(caseworker, 403)
    make_consent(household, af, caseworker)
    with pytest.raises(DomainError) as refused:
        put_on(meeting, household, persona("caseworker", in_unit=other_unit))
    assert refused.value.message == OTHER_UNIT


def test_a_withdrawal_takes_the_case_off_coming_agendas_but_not_off_a_held_meeting(
    unit: Unit, staff: tuple[User, User]
) -> None:
    caseworker, manager = staff
    af = make_organisation()
    group = make_group(unit, manager, [af])
    held, coming = make_meeting(group, manager, in_days=0), make_meeting(group, manager)
    household = make_case(caseworker, 404)
    consent = make_consent(household, af, caseworker)
    kept, dropped = put_on(held, household, caseworker), put_on(coming, household, caseworker)
    meeting_hold(meeting=held, by=manager, now=timezone.now())
    consent_withdraw(consent=consent, note="Per telefon.", by=caseworker, now=timezone.now())
    kept.refresh_from_db()
    dropped.refresh_from_db()
    assert kept.removed_at is None
    assert dropped.removed_at is not None
    assert dropped.removed_reason == "consent_withdrawn"
    assert selectors.agenda_of(coming) == []
    assert ChangeRecord.objects.filter(object_type="agenda_item", action="removed").count() == 1


def test_a_withdrawal_leaves_the_case_on_when_another_consent_still_names_every_organisation(
    unit: Unit, staff: tuple[User, User]
) -> None:
    caseworker, manager = staff
    af = make_organisation()
    meeting = make_meeting(make_group(unit, manager, [af]), manager)
    household = make_case(caseworker, 405)
    first = make_consent(household, af, caseworker)
    make_consent(household, af, caseworker, kinds=(InformationKind.PLAN,))
    item = put_on(meeting, household, caseworker)
    consent_withdraw(consent=first, note="", by=caseworker, now=timezone.now())
    item.refresh_from_db()
    assert item.removed_at is None


def test_the_minutes_put_the_municipalitys_actions_in_the_plan_and_the_partners_beside_it(
    unit: Unit, staff: tuple[User, User]
) -> None:
    caseworker, manager = staff
    af, alu = _af_and_alu()
    meeting = make_meeting(make_group(unit, manager, [af, alu]), manager, in_days=0)
    household = make_case(caseworker, 406)
    make_consent(household, af, caseworker)
    make_consent(household, alu, caseworker)
    today = timezone.localdate()
    before = make_version(household, caseworker, today=today)
    item = put_on(meeting, household, caseworker)
    with pytest.raises(DomainError) as early:
        minutes_record(item=item, agreed="x", actions=[], by=caseworker, now=timezone.now())
    assert early.value.message == NOT_HELD
    meeting_hold(meeting=meeting, by=caseworker, now=timezone.now())
    minutes_record(
        item=item,
        agreed="Praktik på lager från januari.",
        actions=[
            ActionInput(ActionParty.WORK_COACH, "Boka praktikplats", today + timedelta(days=14)),
            ActionInput(
                ActionParty.PARTNER,
                "Anvisa till Rusta och matcha",
                today + timedelta(days=7),
                organisation=af,
                responsible_name="Anna",
            ),
        ],
        by=caseworker,
        now=timezone.now(),
    )
    version = latest_version_of_person(household.members.get().person_id)
    assert version is not None
    assert version.number == before.number + 1
    steps = [(s.description, s.responsible) for s in version.steps.all()]
    assert steps[-1] == ("Boka praktikplats", "work_coach")
    assert len(steps) == before.steps.count() + 1  # the partner's action is not a plan step
    actions = {a.party: a for a in item.actions.all()}
    assert actions["work_coach"].plan_version == version
    assert actions["partner"].plan_version is None
    assert actions["partner"].organisation == af


def test_minutes_with_an_action_for_an_organisation_not_at_the_meeting_change_nothing(
    unit: Unit, staff: tuple[User, User]
) -> None:
    caseworker, manager = staff
    af = make_organisation()
    fk = make_organisation("Försäkringskassan", OrganisationKind.FORSAKRINGSKASSAN)
    meeting = make_meeting(make_group(unit, manager, [af]), manager, in_days=0)
    household = make_case(caseworker, 407)
    make_consent(household, af, caseworker)
    make_version(household, caseworker, today=timezone.localdate())
    item = put_on(meeting, household, caseworker)
    meeting_hold(meeting=meeting, by=caseworker, now=timezone.now())
    due = timezone.localdate() + timedelta(days=3)
    with pytest.raises(DomainError) as refused:
        minutes_record(
            item=item,
            agreed="Sjukskrivning utreds.",
            actions=[
                ActionInput(ActionParty.CASEWORKER, "Begär läkarintyg", due),
                ActionInput(ActionParty.PARTNER, "Utred SGI", due, organisation=fk),
            ],
            by=caseworker,
            now=timezone.now(),
        )
    assert refused.value.message == ACTION_ORGANISATION
    item.refresh_from_db()
    assert not item.has_minutes
    assert not item.actions.exists()
    assert PlanVersion.objects.count() == 1


def test_a_municipal_action_without_a_plan_is_refused(unit: Unit, staff: tuple[User, User]) -> None:
    caseworker, manager = staff
    af = make_organisation()
    meeting = make_meeting(make_group(unit, manager, [af]), manager, in_days=0)
    household = make_case(caseworker, 408)
    make_consent(household, af, caseworker)
    item = put_on(meeting, household, caseworker)
    meeting_hold(meeting=meeting, by=caseworker, now=timezone.now())
    with pytest.raises(DomainError) as refused:
        minutes_record(
            item=item,
            agreed="Plan skrivs.",
            actions=[ActionInput(ActionParty.CASEWORKER, "Skriv plan", timezone.localdate())],
            by=caseworker,
            now=timezone.now(),
        )
    assert refused.value.message == NO_PLAN
    item.refresh_from_db()
    assert not item.has_minutes


def test_a_three_party_talk_is_booked_only_with_consent_and_is_about_one_client(
    unit: Unit, staff: tuple[User, User]
) -> None:
    caseworker, _manager = staff
    af = make_organisation()
    household, other = make_case(caseworker, 409), make_case(caseworker, 410, "Olle", "Ström")
    talk = {
        "partner": af,
        "on": timezone.localdate() + timedelta(days=3),
        "at": time(13, 0),
        "place": "Arbetsförmedlingen",
        "by": caseworker,
        "now": timezone.now(),
    }
    person = household.members.get().person
    with pytest.raises(ConsentMissingForAgenda):
        three_party_talk_create(household=household, person=person, **talk)
    assert not Meeting.objects.exists()
    make_consent(household, af, caseworker)
    make_consent(other, af, caseworker)
    meeting = three_party_talk_create(household=household, person=person, **talk)
    assert [i.person for i in selectors.agenda_of(meeting)] == [person]
    with pytest.raises(DomainError) as second:
        put_on(meeting, other, caseworker)
    assert second.value.message == TALK_HAS_CLIENT


def test_overdue_actions_are_listed_and_wait_on_the_caseworkers_desk_until_done(
    unit: Unit, staff: tuple[User, User]
) -> None:
    caseworker, manager = staff
    af = make_organisation()
    meeting = make_meeting(make_group(unit, manager, [af]), manager, in_days=-10)
    household = make_case(caseworker, 411)
    household.caseworker = caseworker
    household.save(update_fields=["caseworker"])
    make_consent(household, af, caseworker, valid_from=timezone.localdate() - timedelta(days=20))
    item = agenda_item_add(
        meeting=meeting,
        household=household,
        person=household.members.get().person,
        by=caseworker,
        now=timezone.now() - timedelta(days=11),
    )
    meeting_hold(meeting=meeting, by=caseworker, now=timezone.now() - timedelta(days=10))
    due = meeting.on + timedelta(days=2)
    minutes_record(
        item=item,
        agreed="Ansökan till SFI.",
        actions=[ActionInput(ActionParty.PARTNER, "Kalla till möte", due, organisation=af)],
        by=caseworker,
        now=timezone.now() - timedelta(days=10),
    )
    today = timezone.localdate()
    rows = selectors.overdue_actions_of_unit(unit.pk, today=today)
    assert [r.action.description for r in rows] == ["Kalla till möte"]
    assert [i.kind for i in desk_items(caseworker, today=today)].count("review_action_overdue") == 1
    # The overdue list offers to move it (its own page) as well as the meeting.
    page = Client()
    page.force_login(caseworker)
    listing = page.get(reverse("reviews:overdue_actions")).content.decode()
    assert reverse("reviews:action_edit", args=[rows[0].action.pk]) in listing
    action_mark_done(action=rows[0].action, done_on=today, by=caseworker)
    assert not selectors.overdue_actions_of_unit(unit.pk, today=today)
    assert "review_action_overdue" not in [i.kind for i in desk_items(caseworker, today=today)]


def test_a_partner_user_needs_a_free_user_name_and_a_strong_password(
    staff: tuple[User, User],
) -> None:
    af = make_organisation()
    user = {"organisation": af, "first_name": "Petra", "last_name": "Partner", "by": staff[1]}
    with pytest.raises(DomainError) as taken:
        partner_user_add(username=staff[0].username, password="ett-langt-losenord-9", **user)
    assert taken.value.message == USERNAME_TAKEN
    assert taken.value.field == "username"
    with pytest.raises(DomainError) as weak:
        partner_user_add(username="af-petra", password="kort", **user)
    assert weak.value.field == "password"
    made = partner_user_add(username="af-petra", password="ett-langt-losenord-9", **user)
    assert made.role == "partner"
    assert made.partner_link.organisation == af


def test_holding_the_meeting_records_what_each_organisation_heard_on_its_consent(
    unit: Unit, staff: tuple[User, User]
) -> None:
    caseworker, manager = staff
    af, alu = _af_and_alu()
    meeting = make_meeting(make_group(unit, manager, [af, alu]), manager, in_days=0)
    household = make_case(caseworker, 412)
    to_af = make_consent(household, af, caseworker)  # identity and plan
    to_alu = make_consent(household, alu, caseworker, kinds=(InformationKind.PLAN,))
    put_on(meeting, household, caseworker)
    meeting_hold(meeting=meeting, by=caseworker, now=timezone.now())
    heard = sorted(
        (d.organisation.name, d.kind, d.consent_id, d.channel) for d in Disclosure.objects.all()
    )
    assert heard == [
        ("Arbetsförmedlingen Hässleholm", "plan", to_af.pk, "agenda"),
        ("Arbetsmarknadsenheten", "plan", to_alu.pk, "agenda"),
    ]


def test_a_case_whose_consent_ran_out_before_the_meeting_was_held_leaves_it_unheard(
    unit: Unit, staff: tuple[User, User]
) -> None:
    caseworker, manager = staff
    af = make_organisation()
    meeting = make_meeting(make_group(unit, manager, [af]), manager, in_days=0)
    household = make_case(caseworker, 413)
    make_consent(household, af, caseworker, valid_to=timezone.localdate())
    item = put_on(meeting, household, caseworker)
    # Recorded as held the next day, when the consent had run out.
    meeting_hold(meeting=meeting, by=manager, now=timezone.now() + timedelta(days=1))
    item.refresh_from_db()
    assert item.removed_reason == "no_consent_when_held"
    assert not Disclosure.objects.exists()
