"""The review pages as each persona uses them: the manager sets up a group, a caseworker is told
which consent is missing, the partner sees only its own groups' meetings and on them only the
consented cases and kinds, every read logged and recorded as a disclosure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import AccessLogEntry, ChangeRecord
from bryggan.cooperation.models import Disclosure
from bryggan.cooperation.rules import InformationKind, OrganisationKind
from bryggan.cooperation.services import consent_withdraw
from bryggan.reviews.models import AgendaItem, ReviewGroup
from tests.conftest import PASSWORD
from tests.cooperation.factories import make_consent, make_organisation, make_partner_user
from tests.reviews.factories import make_case, make_group, make_meeting, put_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseworker(persona: Callable[..., User]) -> User:
    persona("work_coach")
    return persona("caseworker")


def test_the_manager_sets_up_a_group_and_a_caseworker_may_not(
    client_as: Callable[..., Client], caseworker: User
) -> None:
    af = make_organisation()
    data = {
        "name": "Unga till 25",
        "target": "youth",
        "organisations": [af.pk],
        "weekday": "1",
        "every_weeks": "2",
        "meeting_time": "09:00",
        "place": "Stadshuset",
    }
    assert client_as("caseworker").post(reverse("reviews:group_create"), data).status_code == 403
    response = client_as("unit_manager").post(reverse("reviews:group_create"), data)
    group = ReviewGroup.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:group_detail", args=[group.pk])
    assert list(group.organisations.all()) == [af]


def test_a_group_without_an_organisation_keeps_what_was_typed_and_names_the_field(
    client_as: Callable[..., Client],
) -> None:
    make_organisation()
    response = client_as("unit_manager").post(
        reverse("reviews:group_create"),
        {
            "name": "Integration",
            "target": "integration",
            "weekday": "3",
            "every_weeks": "2",
            "meeting_time": "13:00",
            "place": "SFI-skolan",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["organisations"]
    assert 'value="Integration"' in response.content.decode()
    assert not ReviewGroup.objects.exists()


def test_the_agenda_form_names_the_missing_organisation_and_adds_nothing(
    unit: Unit, caseworker: User, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    af = make_organisation()
    alu = make_organisation("Arbetsmarknadsenheten", OrganisationKind.LABOUR_MARKET_UNIT)
    meeting = make_meeting(make_group(unit, persona("unit_manager"), [af, alu]), caseworker)
    household = make_case(caseworker, 501)
    make_consent(household, af, caseworker)
    person = household.members.get().person
    url = reverse("reviews:case_reviews", args=[household.pk])
    response = client_as("caseworker").post(
        url, {"meeting": meeting.pk, "person": person.pk, "question": "Praktik?"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Arbetsmarknadsenheten" in page.split('role="alert"')[1]
    assert 'value="Praktik?"' in page
    assert not AgendaItem.objects.exists()
    make_consent(household, alu, caseworker)
    added = client_as("caseworker").post(url, {"meeting": meeting.pk, "person": person.pk})
    assert added.status_code == 302
    assert AgendaItem.objects.get().person == person


def test_the_partner_sees_its_groups_meeting_with_only_the_consented_case_and_kinds(
    unit: Unit, caseworker: User, persona: Callable[..., User]
) -> None:
    af = make_organisation()
    fk = make_organisation("Försäkringskassan", OrganisationKind.FORSAKRINGSKASSAN)
    manager = persona("unit_manager")
    meeting = make_meeting(make_group(unit, manager, [af, fk]), manager)
    shared, hidden = make_case(caseworker, 502), make_case(caseworker, 503, "Olle", "Ström")
    consent = make_consent(shared, af, caseworker, kinds=(InformationKind.IDENTITY,))
    make_consent(shared, fk, caseworker)
    make_consent(hidden, fk, caseworker)  # names Försäkringskassan only
    make_consent(hidden, make_organisation("Annan", OrganisationKind.OTHER), caseworker)
    hidden_consent_af = make_consent(hidden, af, caseworker)
    put_on(meeting, shared, caseworker)
    put_on(meeting, hidden, caseworker)
    consent_withdraw(consent=hidden_consent_af, note="", by=caseworker, now=timezone.now())
    partner = Client()
    partner.force_login(make_partner_user(af))
    listing = partner.get(reverse("reviews:partner_meetings"))
    assert reverse("reviews:partner_meeting", args=[meeting.pk]) in listing.content.decode()
    page = partner.get(reverse("reviews:partner_meeting", args=[meeting.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Nora Berg" in text
    assert "Ström" not in text
    assert "Plan" not in text.split("<main")[1].split("Nora Berg")[1]  # identity only
    assert Disclosure.objects.filter(consent=consent, channel="agenda").count() == 1
    assert AccessLogEntry.objects.filter(
        user__username="af-officer", purpose="partner_view", case_id=shared.pk
    ).exists()
    assert not AccessLogEntry.objects.filter(
        user__username="af-officer", case_id=hidden.pk
    ).exists()


def test_a_partner_cannot_open_another_groups_meeting_or_the_staff_pages(
    unit: Unit, caseworker: User, persona: Callable[..., User]
) -> None:
    af = make_organisation()
    fk = make_organisation("Försäkringskassan", OrganisationKind.FORSAKRINGSKASSAN)
    manager = persona("unit_manager")
    theirs = make_meeting(make_group(unit, manager, [fk], name="Sjukskrivna"), manager)
    household = make_case(caseworker, 504)
    make_consent(household, fk, caseworker)
    make_consent(household, af, caseworker)
    put_on(theirs, household, caseworker)
    partner = Client()
    partner.force_login(make_partner_user(af))
    foreign = partner.get(reverse("reviews:partner_meeting", args=[theirs.pk]))
    missing = partner.get(reverse("reviews:partner_meeting", args=[999_999]))
    assert foreign.status_code == missing.status_code == 404
    assert partner.get(reverse("reviews:meeting_detail", args=[theirs.pk])).status_code == 403
    assert not Disclosure.objects.exists()


def test_staff_of_another_unit_get_the_same_answer_as_for_a_missing_meeting(
    unit: Unit, other_unit: Unit, caseworker: User, persona: Callable[..., User]
) -> None:
    manager = persona("unit_manager")
    meeting = make_meeting(make_group(unit, manager, [make_organisation()]), manager)
    stranger = Client()
    stranger.force_login(persona("caseworker", in_unit=other_unit))
    foreign = stranger.get(reverse("reviews:meeting_detail", args=[meeting.pk]))
    missing = stranger.get(reverse("reviews:meeting_detail", args=[999_999]))
    assert foreign.status_code == missing.status_code == 404
    held = stranger.post(reverse("reviews:meeting_hold", args=[meeting.pk]))
    assert held.status_code == 404
    meeting.refresh_from_db()
    assert not meeting.is_held


def test_the_staff_meeting_page_logs_each_case_read(
    unit: Unit, caseworker: User, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    af = make_organisation()
    manager = persona("unit_manager")
    meeting = make_meeting(make_group(unit, manager, [af]), manager, in_days=1)
    household = make_case(caseworker, 505)
    make_consent(household, af, caseworker, valid_from=timezone.localdate() - timedelta(days=3))
    put_on(meeting, household, caseworker)
    page = client_as("work_coach").get(reverse("reviews:meeting_detail", args=[meeting.pk]))
    assert page.status_code == 200
    assert "Nora Berg" in page.content.decode()
    assert AccessLogEntry.objects.filter(purpose="review_meeting", case_id=household.pk).exists()


def test_the_administrator_creates_a_partner_user_on_the_page(
    client_as: Callable[..., Client],
) -> None:
    af = make_organisation()
    response = client_as("administrator").post(
        reverse("reviews:partner_users"),
        {
            "organisation": af.pk,
            "username": "af-anna",
            "first_name": "Anna",
            "last_name": "Andersson",
            "password": "ett-langt-losenord-9",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="af-anna")
    assert user.role == "partner"
    assert user.partner_link.organisation == af
    assert client_as("caseworker").get(reverse("reviews:partner_users")).status_code == 403


def test_the_manager_turns_a_partner_users_sign_in_off_and_on_again(
    client_as: Callable[..., Client],
) -> None:
    officer = make_partner_user(make_organisation())
    partner = _signed_in(officer)
    assert partner is not None
    assert partner.get(reverse("reviews:partner_meetings")).status_code == 200
    manager = client_as("unit_manager")
    url = reverse("reviews:partner_user_active", args=[officer.pk])

    response = manager.post(url, {"active": "0"}, follow=True)
    assert "Petra Partner kan inte längre logga in." in response.content.decode()
    officer.refresh_from_db()
    assert not officer.is_active
    # The session they had signs them in no more, and a new sign-in is refused.
    assert partner.get(reverse("reviews:partner_meetings")).status_code == 302
    assert _signed_in(officer) is None
    manager.post(url, {"active": "0"})  # already off: nothing more is recorded
    changes = ChangeRecord.objects.filter(
        object_type="partner_user", object_id=officer.partner_link.pk
    )
    assert list(changes.values_list("action", flat=True).order_by("pk")) == [
        "created",
        "deactivated",
    ]

    manager.post(url, {"active": "1"})
    officer.refresh_from_db()
    assert officer.is_active
    assert _signed_in(officer) is not None
    assert changes.order_by("pk").last().action == "reactivated"


def _signed_in(user: User) -> Client | None:
    """A browser signed in as the user through the sign-in page, or None when refused."""
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    return client if response.status_code == 302 else None


def test_only_a_partner_users_sign_in_is_turned_off_on_the_partner_users_page(
    client_as: Callable[..., Client], persona: Callable[..., User]
) -> None:
    caseworker = persona("caseworker")
    url = reverse("reviews:partner_user_active", args=[caseworker.pk])
    assert client_as("unit_manager").post(url, {"active": "0"}).status_code == 404
    caseworker.refresh_from_db()
    assert caseworker.is_active


def test_a_caseworker_takes_a_case_off_with_a_reason_and_marks_an_action_done(
    unit: Unit, caseworker: User, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    af = make_organisation()
    manager = persona("unit_manager")
    group = make_group(unit, manager, [af])
    held, coming = make_meeting(group, manager, in_days=0), make_meeting(group, manager)
    household = make_case(caseworker, 506)
    make_consent(household, af, caseworker)
    item, dropped = put_on(held, household, caseworker), put_on(coming, household, caseworker)
    client = client_as("caseworker")
    without = client.post(reverse("reviews:agenda_remove", args=[coming.pk, dropped.pk]), {})
    assert without.status_code == 302
    dropped.refresh_from_db()
    assert dropped.removed_at is None  # no reason given: nothing changed
    client.post(
        reverse("reviews:agenda_remove", args=[coming.pk, dropped.pk]), {"reason": "Fick jobb."}
    )
    dropped.refresh_from_db()
    assert dropped.removed_reason == "Fick jobb."
    client.post(reverse("reviews:meeting_hold", args=[held.pk]))
    due = timezone.localdate().isoformat()
    minutes = client.post(
        reverse("reviews:minutes", args=[held.pk, item.pk]),
        {
            "agreed": "Kartläggning.",
            "action_1": "Boka samtal",
            "action_1_party": "partner",
            "action_1_organisation": str(af.pk),
            "action_1_due": due,
        },
    )
    assert minutes.status_code == 302
    action = item.actions.get()
    client.post(reverse("reviews:action_done", args=[action.pk]))
    action.refresh_from_db()
    assert action.done_on == timezone.localdate()


def test_an_action_is_moved_and_reworded_until_it_is_done_and_never_before_the_meeting(
    unit: Unit, caseworker: User, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    af = make_organisation()
    manager = persona("unit_manager")
    held = make_meeting(make_group(unit, manager, [af]), manager, in_days=0)
    household = make_case(caseworker, 507)
    make_consent(household, af, caseworker)
    item = put_on(held, household, caseworker)
    client = client_as("caseworker")
    client.post(reverse("reviews:meeting_hold", args=[held.pk]))
    today = timezone.localdate()
    client.post(
        reverse("reviews:minutes", args=[held.pk, item.pk]),
        {
            "agreed": "Kartläggning.",
            "action_1": "Boka samtal",
            "action_1_party": "partner",
            "action_1_organisation": str(af.pk),
            "action_1_due": today.isoformat(),
        },
    )
    action = item.actions.get()
    url = reverse("reviews:action_edit", args=[action.pk])
    page = client.get(url).content.decode()
    assert 'value="Boka samtal"' in page
    assert (
        reverse("reviews:action_edit", args=[action.pk])
        in client.get(reverse("reviews:meeting_detail", args=[held.pk])).content.decode()
    )

    # Before the meeting: refused on the field, what was typed kept, nothing changed.
    early = (held.on - timedelta(days=1)).isoformat()
    refused = client.post(url, {"description": "Boka två samtal", "due_on": early})
    assert refused.status_code == 200
    assert 'value="Boka två samtal"' in refused.content.decode()
    assert refused.context["form"].errors["due_on"]
    action.refresh_from_db()
    assert (action.description, action.due_on) == ("Boka samtal", today)

    later = today + timedelta(days=14)
    moved = client.post(
        url,
        {"description": "Boka två samtal", "responsible_name": "Eva", "due_on": later.isoformat()},
    )
    assert moved.status_code == 302
    action.refresh_from_db()
    assert (action.description, action.responsible_name, action.due_on) == (
        "Boka två samtal",
        "Eva",
        later,
    )
    assert action.party == "partner"  # who does it stays
    assert action.organisation == af
    record = ChangeRecord.objects.get(object_type="review_action", action="changed")
    assert record.changes == {
        "description": ["Boka samtal", "Boka två samtal"],
        "responsible_name": ["", "Eva"],
        "due_on": [today.isoformat(), later.isoformat()],
    }
    client.post(reverse("reviews:action_done", args=[action.pk]))
    done = client.post(url, {"description": "Något annat", "due_on": later.isoformat()})
    assert done.status_code == 200  # done: refused, the page says so
    action.refresh_from_db()
    assert action.description == "Boka två samtal"
    # Staff of another unit get the page of a missing action.
    other = Client()
    other.force_login(persona("caseworker", in_unit=Unit.objects.create(name="Väster")))
    assert other.get(url).status_code == 404


def test_minutes_with_an_action_but_no_last_day_keep_what_was_typed(
    unit: Unit, caseworker: User, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    af = make_organisation()
    manager = persona("unit_manager")
    held = make_meeting(make_group(unit, manager, [af]), manager, in_days=0)
    household = make_case(caseworker, 507)
    make_consent(household, af, caseworker)
    item = put_on(held, household, caseworker)
    client = client_as("caseworker")
    client.post(reverse("reviews:meeting_hold", args=[held.pk]))
    response = client.post(
        reverse("reviews:minutes", args=[held.pk, item.pk]),
        {"agreed": "Kartläggning.", "action_1": "Boka samtal", "action_1_party": "partner"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["action_1_due"]
    assert response.context["form"].errors["action_1_organisation"]
    assert 'value="Boka samtal"' in response.content.decode()
    item.refresh_from_db()
    assert not item.has_minutes
