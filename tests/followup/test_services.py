"""Closing a case with its reason; the return follow-up over real applications."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

import pytest

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import ChangeRecord
from bryggan.core.errors import DomainError
from bryggan.followup.models import Closure, ReturnFollowUp
from bryggan.followup.services import CLOSURE_REASON_REQUIRED, case_close, return_follow_ups_record
from bryggan.people.models import HouseholdStatus
from bryggan.people.services import CASE_ALREADY_CLOSED, household_reopen
from tests.followup.factories import apply, household

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseworker(persona: Callable[..., User]) -> User:
    return persona("caseworker")


@pytest.mark.parametrize("reason", ["", "bored", None])
def test_closing_needs_a_reason(unit: Unit, caseworker: User, reason: str | None) -> None:
    case = household(unit, by=caseworker)
    with pytest.raises(DomainError) as error:
        case_close(household=case, reason=reason, closed_on=date(2025, 3, 1), by=caseworker)  # type: ignore[arg-type]
    assert error.value.message == CLOSURE_REASON_REQUIRED
    case.refresh_from_db()
    assert case.status == HouseholdStatus.ACTIVE
    assert not Closure.objects.exists()


def test_closing_closes_the_case_and_writes_the_closure_and_its_history(
    unit: Unit, caseworker: User
) -> None:
    case = household(unit, by=caseworker)
    closure = case_close(
        household=case, reason="work", closed_on=date(2025, 3, 1), by=caseworker, note="Heltid."
    )
    case.refresh_from_db()
    assert (case.status, case.closed_on) == (HouseholdStatus.CLOSED, date(2025, 3, 1))
    assert (closure.reason, closure.note, closure.closed_by) == ("work", "Heltid.", caseworker)
    actions = set(ChangeRecord.objects.filter(case_id=case.pk).values_list("object_type", "action"))
    assert {("household", "closed"), ("closure", "recorded")} <= actions
    recorded = ChangeRecord.objects.get(object_type="closure")
    assert recorded.changes == {"reason": "work", "closed_on": "2025-03-01", "long_term": False}


def test_a_closed_case_cannot_be_closed_again_and_nothing_is_written(
    unit: Unit, caseworker: User
) -> None:
    case = household(unit, by=caseworker)
    case_close(household=case, reason="work", closed_on=date(2025, 3, 1), by=caseworker)
    with pytest.raises(DomainError) as error:
        case_close(household=case, reason="moved", closed_on=date(2025, 4, 1), by=caseworker)
    assert error.value.message == CASE_ALREADY_CLOSED
    assert Closure.objects.count() == 1


def test_reopening_keeps_the_closure_as_history(unit: Unit, caseworker: User) -> None:
    case = household(unit, by=caseworker)
    case_close(household=case, reason="studies", closed_on=date(2025, 3, 1), by=caseworker)
    household_reopen(household=case, caseworker=caseworker, on=date(2025, 6, 1), by=caseworker)
    case_close(household=case, reason="moved", closed_on=date(2025, 8, 1), by=caseworker)
    assert list(case.closures.order_by("closed_on").values_list("reason", flat=True)) == [
        "studies",
        "moved",
    ]


def test_follow_up_records_returned_and_stayed_and_skips_moved_and_recent(
    unit: Unit, caseworker: User
) -> None:
    returned, stayed, late, moved, recent = (household(unit, by=caseworker) for _ in range(5))
    for case, reason, day in [
        (returned, "work", date(2025, 1, 10)),
        (stayed, "studies", date(2025, 1, 10)),
        (late, "work", date(2024, 11, 1)),
        (moved, "moved", date(2024, 6, 1)),
        (recent, "work", date(2025, 2, 1)),
    ]:
        case_close(household=case, reason=reason, closed_on=day, by=caseworker)
    apply(returned, date(2025, 12, 3), by=caseworker)  # within the twelve months
    apply(late, date(2025, 11, 2), by=caseworker)  # one day after the twelve months

    made = return_follow_ups_record(today=date(2026, 1, 31))

    outcomes = {f.closure.household_id: (f.outcome, f.returned_on) for f in made}
    assert outcomes == {
        returned.pk: ("returned", date(2025, 12, 3)),
        stayed.pk: ("stayed_self_sufficient", None),
        late.pk: ("stayed_self_sufficient", None),
    }
    assert all(f.checked_on == date(2026, 1, 31) for f in made)


def test_follow_up_is_idempotent(unit: Unit, caseworker: User) -> None:
    case = household(unit, by=caseworker)
    case_close(household=case, reason="work", closed_on=date(2024, 1, 10), by=caseworker)
    assert len(return_follow_ups_record(today=date(2025, 6, 1))) == 1
    apply(case, date(2025, 7, 1), by=caseworker)  # too late, and the outcome stands anyway
    assert return_follow_ups_record(today=date(2025, 8, 1)) == []
    assert ReturnFollowUp.objects.get().outcome == "stayed_self_sufficient"


def test_an_application_is_dated_by_its_local_day(unit: Unit, caseworker: User) -> None:
    # 00:30 in Stockholm on 11 January 2026 is 23:30 UTC on the 10th, the due day; the local day
    # is what counts, and it is one day too late.
    case = household(unit, by=caseworker)
    case_close(household=case, reason="work", closed_on=date(2025, 1, 10), by=caseworker)
    apply(case, date(2026, 1, 11), by=caseworker, at=time(0, 30))
    (follow_up,) = return_follow_ups_record(today=date(2026, 1, 31))
    assert follow_up.outcome == "stayed_self_sufficient"
