"""Case discussions (*ärendedragning*): the caseworker asks, the manager of the unit sees the
request and holds it, the outcome becomes a signed journal note; counts on the follow-up page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.casefile import rules_journal as rules
from bryggan.casefile.models import CaseDiscussion, JournalNote
from bryggan.casefile.selectors_journal import case_discussion_counts
from bryggan.casefile.services_journal import case_discussion_cancel, case_discussion_hold
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.people.models import Household
from tests.activities.factories import make_household
from tests.casefile.factories_journal import make_discussion

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(unit: Unit, persona: Callable[..., User]) -> Household:
    return make_household(unit, persona("caseworker"), serial=431)


def test_a_caseworker_asks_and_the_manager_holds_the_discussion(
    case: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    worker = client_as("caseworker")
    response = worker.post(
        reverse("casefile:case_discussion_request", kwargs={"household_id": case.pk}),
        {"question": "Ska vi begära läkarintyg?"},
    )
    assert response.status_code == 302
    discussion = CaseDiscussion.objects.get()
    assert (discussion.status, discussion.requested_by) == ("requested", persona("caseworker"))

    manager = client_as("unit_manager")
    waiting = manager.get(reverse("casefile:case_discussion_list")).content.decode()
    assert "Ska vi begära läkarintyg?" in waiting
    url = reverse("casefile:case_discussion_hold", kwargs={"discussion_id": discussion.pk})
    manager.post(url, {"outcome": "Ja: begär läkarintyg inom två veckor."})
    discussion.refresh_from_db()
    note = discussion.outcome_note
    assert discussion.status == "held"
    assert note is not None
    assert (note.kind, note.status, note.author, note.signed_by) == (
        "case_discussion",
        "signed",
        persona("unit_manager"),
        persona("unit_manager"),
    )
    assert (
        "Ska vi begära"
        not in manager.get(reverse("casefile:case_discussion_list")).content.decode()
    )
    journal = worker.get(reverse("casefile:journal", kwargs={"household_id": case.pk}))
    assert "begär läkarintyg inom två veckor" in journal.content.decode()


def test_an_empty_outcome_is_refused_and_nothing_is_saved(
    case: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    discussion = make_discussion(case, persona("caseworker"))
    url = reverse("casefile:case_discussion_hold", kwargs={"discussion_id": discussion.pk})
    response = client_as("unit_manager").post(url, {"outcome": "   "})
    assert response.status_code == 200
    discussion.refresh_from_db()
    assert discussion.status == "requested"
    assert not JournalNote.objects.exists()


def test_a_held_discussion_cannot_be_held_again(
    case: Household, persona: Callable[..., User]
) -> None:
    manager = persona("unit_manager")
    discussion = make_discussion(case, persona("caseworker"))
    case_discussion_hold(discussion=discussion, by=manager, outcome="Klart", now=timezone.now())
    with pytest.raises(DomainError, match=str(rules.DISCUSSION_NOT_REQUESTED)):
        case_discussion_hold(discussion=discussion, by=manager, outcome="Igen", now=timezone.now())
    assert JournalNote.objects.count() == 1


def test_only_who_asked_or_a_manager_withdraws_a_request(
    case: Household, persona: Callable[..., User]
) -> None:
    discussion = make_discussion(case, persona("caseworker"))
    with pytest.raises(DomainError, match=str(rules.DISCUSSION_CANCEL_NOT_YOURS)):
        case_discussion_cancel(discussion=discussion, by=persona("work_coach"), now=timezone.now())
    case_discussion_cancel(discussion=discussion, by=persona("caseworker"), now=timezone.now())
    discussion.refresh_from_db()
    assert discussion.status == "cancelled"


def test_the_manager_sees_only_the_own_units_discussions(
    case: Household,
    persona: Callable[..., User],
    other_unit: Unit,
    client_as: Callable[..., Client],
) -> None:
    discussion = make_discussion(case, persona("caseworker"), question="Egen enhet")
    other = Client()
    other.force_login(persona("unit_manager", in_unit=other_unit))
    assert "Egen enhet" not in other.get(reverse("casefile:case_discussion_list")).content.decode()
    url = reverse("casefile:case_discussion_hold", kwargs={"discussion_id": discussion.pk})
    assert other.get(url).status_code == 404
    assert other.post(url, {"outcome": "Nej"}).status_code == 404


def test_counts_per_caseworker_and_month_in_one_query(
    case: Household,
    unit: Unit,
    persona: Callable[..., User],
    django_assert_num_queries: Any,
) -> None:
    worker, coach, manager = persona("caseworker"), persona("work_coach"), persona("unit_manager")
    first = make_discussion(case, worker)
    make_discussion(case, worker)
    make_discussion(case, coach)
    case_discussion_hold(discussion=first, by=manager, outcome="Klart", now=timezone.now())
    month = Month.of(timezone.localdate())
    with django_assert_num_queries(1):
        rows = case_discussion_counts(unit, since=month.first_day)
    assert {(r.month, r.caseworker, r.requested, r.held) for r in rows} == {
        (month, worker.get_full_name(), 2, 1),
        (month, coach.get_full_name(), 1, 0),
    }


def test_the_follow_up_page_shows_the_counts(
    case: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    make_discussion(case, persona("caseworker"))
    page = client_as("unit_manager").get(reverse("followup:unit")).content.decode()
    assert "case-discussion-counts" in page
    assert persona("caseworker").get_full_name() in page
