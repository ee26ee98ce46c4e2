"""Registering an application through the page, as the caseworker persona."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role
from bryggan.accounts.services import user_create
from bryggan.audit.models import ChangeRecord
from bryggan.core.calendar import add_working_days
from bryggan.core.forms import NOT_A_MONTH
from bryggan.intake.models import Application, FirstMeeting, MeetingStatus
from bryggan.intake.services import ALL_AT_CAP, OVER_CAP
from bryggan.people.models import Household, Person
from bryggan.people.rules import INVALID_IDENTITY_NUMBER
from bryggan.people.services import HOUSEHOLD_WITHOUT_ADULT
from tests.people.factories import identity_number

pytestmark = pytest.mark.django_db

URL = reverse("intake:application_create")


def form_data(**overrides: str) -> dict[str, str]:
    now = timezone.localtime()
    data = {
        "received_at": now.strftime("%Y-%m-%dT%H:%M"),
        "channel": "in_person",
        "month": now.strftime("%Y-%m"),
        "applicant_identity": identity_number(date(1985, 4, 2), 123),
        "applicant_first_name": "Sara",
        "applicant_last_name": "Lind",
        "applicant_address": "Storgatan 1",
        "co_applicant_identity": "",
        "co_applicant_first_name": "",
        "co_applicant_last_name": "",
        "children": "",
        "caseworker": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def staffed(persona: Callable[..., User]) -> tuple[User, User]:
    return persona("caseworker"), persona("work_coach")


def test_registering_an_application_opens_the_case_and_books_both_roles_within_two_working_days(
    client_as: Callable[..., Client], staffed: tuple[User, User]
) -> None:
    caseworker, coach = staffed
    response = client_as("caseworker").post(URL, form_data())
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:application_detail", args=[application.pk])
    meeting = application.first_meeting
    received_on = timezone.localtime(application.received_at).date()
    assert meeting.deadline == add_working_days(received_on, 2)
    assert timezone.localtime(meeting.starts_at).date() <= meeting.deadline
    assert (meeting.caseworker, meeting.work_coach) == (caseworker, coach)
    assert application.household.caseworker == caseworker
    assert application.track == "standard"
    assert ChangeRecord.objects.filter(
        case_id=application.household_id, action="registered"
    ).exists()


def test_the_booked_meeting_shows_on_the_application_page(
    client_as: Callable[..., Client], staffed: tuple[User, User]
) -> None:
    client = client_as("caseworker")
    response = client.post(URL, form_data(), follow=True)
    meeting = FirstMeeting.objects.get()
    assert response.status_code == 200
    assert meeting.caseworker.get_full_name() in response.content.decode()
    assert meeting.work_coach.get_full_name() in response.content.decode()


def test_a_young_adult_is_routed_to_the_youth_track(
    client_as: Callable[..., Client], staffed: tuple[User, User]
) -> None:
    twenty = timezone.localdate() - timedelta(days=20 * 365 + 30)
    client_as("caseworker").post(URL, form_data(applicant_identity=identity_number(twenty, 222)))
    assert Application.objects.get().track == "youth"


def test_a_family_is_registered_with_co_applicant_and_children(
    client_as: Callable[..., Client], staffed: tuple[User, User]
) -> None:
    child = identity_number(date(2019, 6, 1), 333)
    client_as("caseworker").post(
        URL,
        form_data(
            co_applicant_identity=identity_number(date(1987, 1, 9), 444),
            co_applicant_first_name="Omar",
            co_applicant_last_name="Lind",
            children=f"{child} Lea Lind",
        ),
    )
    household = Household.objects.get()
    roles = sorted(household.members.values_list("role", flat=True))
    assert roles == ["applicant", "child", "co_applicant"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("applicant_identity", "19850402-1230", INVALID_IDENTITY_NUMBER),
        ("month", "2026-13", NOT_A_MONTH),
    ],
)
def test_bad_input_keeps_what_was_typed_names_the_field_and_saves_nothing(
    client_as: Callable[..., Client],
    staffed: tuple[User, User],
    field: str,
    value: str,
    message: str,
) -> None:
    response = client_as("caseworker").post(URL, form_data(**{field: value}))
    assert response.status_code == 200
    form = response.context["form"]
    with translation.override("sv"):
        assert form.errors[field] == [str(message)]
    assert f'value="{value}"' in response.content.decode()
    assert 'value="Sara"' in response.content.decode()
    assert Application.objects.count() == Person.objects.count() == Household.objects.count() == 0


def test_a_child_alone_cannot_apply_and_nothing_is_saved(
    client_as: Callable[..., Client], staffed: tuple[User, User]
) -> None:
    child = identity_number(timezone.localdate() - timedelta(days=15 * 365), 555)
    response = client_as("caseworker").post(URL, form_data(applicant_identity=child))
    assert str(HOUSEHOLD_WITHOUT_ADULT) in " ".join(
        str(e) for e in response.context["form"].errors["applicant_identity"]
    )
    assert Person.objects.count() == Household.objects.count() == 0


def test_a_month_more_than_a_year_away_is_refused(
    client_as: Callable[..., Client], staffed: tuple[User, User]
) -> None:
    far = (timezone.localdate() + timedelta(days=400)).strftime("%Y-%m")
    response = client_as("caseworker").post(URL, form_data(month=far))
    assert "month" in response.context["form"].errors
    assert Application.objects.count() == 0


def test_applying_twice_for_the_same_month_is_refused(
    client_as: Callable[..., Client], staffed: tuple[User, User]
) -> None:
    client = client_as("caseworker")
    client.post(URL, form_data())
    response = client.post(URL, form_data())
    assert "month" in response.context["form"].errors
    assert Application.objects.count() == 1


@pytest.mark.parametrize("choose", [True, False])
def test_assignment_past_the_cap_warns_and_needs_confirmation(
    client_as: Callable[..., Client], staffed: tuple[User, User], unit: Unit, choose: bool
) -> None:
    caseworker, _ = staffed
    unit.caseload_cap = 1
    unit.save()
    client = client_as("caseworker")
    client.post(URL, form_data())
    second = form_data(
        applicant_identity=identity_number(date(1970, 2, 3), 666),
        caseworker=str(caseworker.pk) if choose else "",
    )
    response = client.post(URL, second)
    with translation.override("sv"):
        expected = (
            OVER_CAP.format(name=caseworker.get_full_name(), load=2, cap=1)
            if choose
            else ALL_AT_CAP.format(cap=1)
        )
    assert response.context["form"].errors["caseworker"] == [expected]
    assert response.context["cap_warning"]
    assert Household.objects.count() == 1
    response = client.post(URL, {**second, "confirm_over_cap": "on"})
    assert response.status_code == 302
    assert Household.objects.filter(caseworker=caseworker).count() == 2


def test_marking_the_first_meeting_held_records_it(
    client_as: Callable[..., Client], staffed: tuple[User, User]
) -> None:
    client = client_as("work_coach")
    client_as("caseworker").post(URL, form_data())
    application = Application.objects.get()
    # Not before its time: the meeting lies ahead.
    client.post(reverse("intake:meeting_mark", args=[application.pk]), {"status": "held"})
    assert FirstMeeting.objects.get().status == MeetingStatus.BOOKED
    FirstMeeting.objects.update(starts_at=timezone.now() - timedelta(hours=1))
    client.post(reverse("intake:meeting_mark", args=[application.pk]), {"status": "held"})
    assert FirstMeeting.objects.get().status == MeetingStatus.HELD
    # A second mark is refused: the meeting is no longer booked.
    client.post(reverse("intake:meeting_mark", args=[application.pk]), {"status": "missed"})
    assert FirstMeeting.objects.get().status == MeetingStatus.HELD


def test_overdue_list_shows_unheld_meetings_past_their_deadline_only(
    client_as: Callable[..., Client], staffed: tuple[User, User]
) -> None:
    client = client_as("caseworker")
    long_ago = timezone.localtime() - timedelta(days=10)
    client.post(URL, form_data(received_at=long_ago.strftime("%Y-%m-%dT%H:%M")))
    client.post(URL, form_data(applicant_identity=identity_number(date(1970, 2, 3), 666)))
    response = client.get(reverse("intake:overdue"))
    meetings = list(response.context["meetings"])
    assert [timezone.localtime(m.application.received_at).date() for m in meetings] == [
        long_ago.date()
    ]


def test_a_child_of_a_case_cannot_apply_alone_on_the_parents_case(
    client_as: Callable[..., Client], staffed: tuple[User, User]
) -> None:
    child_number = identity_number(timezone.localdate() - timedelta(days=19 * 365 + 40), 777)
    client = client_as("caseworker")
    client.post(URL, form_data(children=f"{child_number} Nils Lind"))
    response = client.post(
        URL, form_data(applicant_identity=child_number, applicant_first_name="Nils")
    )
    assert "applicant_identity" in response.context["form"].errors
    assert Application.objects.count() == 1


def test_a_late_registered_application_is_booked_from_now_and_shown_as_late(
    client_as: Callable[..., Client], staffed: tuple[User, User]
) -> None:
    received = timezone.localtime() - timedelta(days=14)
    client_as("caseworker").post(URL, form_data(received_at=received.strftime("%Y-%m-%dT%H:%M")))
    meeting = FirstMeeting.objects.get()
    assert meeting.starts_at > timezone.now()
    assert meeting.booked_after_deadline


def test_an_inactive_caseworker_s_case_gets_a_new_caseworker_on_the_next_application(
    client_as: Callable[..., Client],
    staffed: tuple[User, User],
    persona: Callable[..., User],
    unit: Unit,
) -> None:
    client_as("caseworker").post(URL, form_data())
    first = persona("caseworker")
    first.is_active = False
    first.save()
    second = user_create(username="cw2", role=Role.CASEWORKER, unit=unit)
    next_month = (timezone.localdate().replace(day=1) + timedelta(days=32)).strftime("%Y-%m")
    client = Client()
    client.force_login(persona("unit_manager"))
    client.post(URL, form_data(month=next_month))
    assert Household.objects.get().caseworker == second
