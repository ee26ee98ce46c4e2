"""Closing from the case page, the unit's follow-up page and the rebalancing suggestion."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role
from bryggan.accounts.services import user_create
from bryggan.core.month import Month
from bryggan.desk.registry import desk_counts
from bryggan.followup.models import Closure, ReturnFollowUp
from bryggan.followup.selectors import unit_follow_up
from bryggan.followup.services import CLOSURE_REASON_REQUIRED, assistance_months_refresh, case_close
from bryggan.payments.models import PaymentStatus
from bryggan.people.models import HouseholdStatus
from tests.conftest import PASSWORD
from tests.followup.factories import household, pay

pytestmark = pytest.mark.django_db


def last_months(n: int, *, skip: int = 0) -> list[str]:
    """The `n` months up to `skip` months before the current month, as `YYYY-MM`."""
    now = Month.of(timezone.localdate())
    return [str(now.plus(-skip - i)) for i in range(n)]


def test_the_case_page_links_to_closing(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    case = household(unit, by=persona("caseworker"))
    page = client_as("caseworker").get(reverse("people:household_detail", args=[case.pk]))
    assert reverse("followup:case_close", args=[case.pk]).encode() in page.content


def test_the_case_page_shows_the_households_spells_and_years(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    by = persona("caseworker")
    case = household(unit, by=by)
    pay(case, last_months(10, skip=1), by=by)  # ten months up to last month: long-term now
    pay(case, last_months(2, skip=13), by=by)  # an earlier spell of two months
    pay(case, last_months(1, skip=12), by=by, status=PaymentStatus.RETURNED)  # no month
    client = client_as("caseworker")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("people:household_detail", args=[case.pk]))
    text = " ".join(page.content.decode().split())
    now = Month.of(timezone.localdate())
    assert f"10 months with assistance of the 12 up to {now}:" in text
    assert "<strong>long-term assistance</strong>" in text
    assert "12 months in all." in text
    assert f"The ongoing spell began {now.plus(-10)}: 10 months so far." in text
    assert (
        f'<tr><td>{now.plus(-10)}</td><td>{now.plus(-1)}</td><td class="num">10</td></tr>'
        f'<tr><td>{now.plus(-14)}</td><td>{now.plus(-13)}</td><td class="num">2</td></tr>'
    ) in text.replace("> <", "><")


def test_closing_without_a_reason_shows_the_form_again(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    case = household(unit, by=persona("caseworker"))
    url = reverse("followup:case_close", args=[case.pk])
    answer = client_as("caseworker").post(url, {"closed_on": "2025-03-01", "note": "x"})
    assert answer.status_code == 200
    assert str(CLOSURE_REASON_REQUIRED) in answer.content.decode()
    case.refresh_from_db()
    assert case.status == HouseholdStatus.ACTIVE


def test_closing_with_a_reason_closes_and_returns_to_the_case(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    case = household(unit, by=persona("caseworker"))
    url = reverse("followup:case_close", args=[case.pk])
    answer = client_as("unit_manager").post(url, {"reason": "work", "closed_on": "2025-03-01"})
    assert answer.status_code == 302
    assert answer["Location"] == reverse("people:household_detail", args=[case.pk])
    closure = Closure.objects.get()
    assert (closure.household, closure.reason, closure.closed_by) == (
        case,
        "work",
        persona("unit_manager"),
    )


def test_a_closing_date_in_the_future_is_refused(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    case = household(unit, by=persona("caseworker"))
    tomorrow = timezone.localdate() + timedelta(days=1)
    answer = client_as("caseworker").post(
        reverse("followup:case_close", args=[case.pk]),
        {"reason": "work", "closed_on": tomorrow.isoformat()},
    )
    assert answer.status_code == 200
    assert not Closure.objects.exists()


def test_a_case_of_another_unit_cannot_be_closed(
    unit: Unit, other_unit: Unit, persona: Callable[..., User]
) -> None:
    case = household(unit, by=persona("caseworker"))
    client = Client()
    client.force_login(persona("caseworker", in_unit=other_unit))
    answer = client.post(
        reverse("followup:case_close", args=[case.pk]), {"reason": "work", "closed_on": "2025-3-1"}
    )
    assert answer.status_code == 404
    assert not Closure.objects.exists()


@pytest.fixture
def unit_with_history(unit: Unit, persona: Callable[..., User]) -> dict[str, int]:
    """Closures, follow-ups and payments whose figures are known."""
    caseworker = persona("caseworker")
    year = timezone.localdate().year
    cases = [household(unit, by=caseworker, caseworker=caseworker) for _ in range(4)]
    long_term, short, returned_case, stayed_case = cases
    pay(long_term, last_months(11), by=caseworker)  # long-term now
    pay(short, last_months(2, skip=3), by=caseworker)  # two months, not long-term
    pay(short, last_months(1, skip=6), by=caseworker, status=PaymentStatus.RETURNED)  # not a month
    case_close(household=short, reason="moved", closed_on=date(year, 1, 2), by=caseworker)
    for case, outcome in [(returned_case, "returned"), (stayed_case, "stayed_self_sufficient")]:
        closure = case_close(
            household=case, reason="work", closed_on=date(year - 1, 1, 2), by=caseworker
        )
        ReturnFollowUp.objects.create(
            closure=closure,
            outcome=outcome,
            returned_on=date(year - 1, 6, 1) if outcome == "returned" else None,
            checked_on=date(year, 1, 2),
        )
    return {"long_term": long_term.pk, "year": year}


def test_the_report_has_the_known_figures(unit: Unit, unit_with_history: dict[str, int]) -> None:
    assistance_months_refresh()  # as the page does first
    report = unit_follow_up(unit, today=timezone.localdate())
    assert {c.reason: c.closures for c in report.closures}["moved"] == 1
    assert report.closures_total == 1
    (returns,) = report.returns
    assert (returns.year, returns.followed_up, returns.returned, returns.stayed) == (
        unit_with_history["year"] - 1,
        2,
        1,
        1,
    )
    assert str(returns.share_not_returned) == "50.0"
    assert [(c.household.pk, c.months) for c in report.long_term] == [
        (unit_with_history["long_term"], 11)
    ]


def test_the_unit_manager_sees_the_follow_up_page(
    unit_with_history: dict[str, int], client_as: Callable[..., Client]
) -> None:
    page = client_as("unit_manager").get(reverse("followup:unit"))
    assert page.status_code == 200
    text = page.content.decode()
    assert reverse("people:household_detail", args=[unit_with_history["long_term"]]) in text
    assert "50,0" in text  # the share not returned, in the Swedish interface


def test_the_follow_up_page_runs_a_fixed_number_of_queries(
    unit: Unit,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    caseworker = persona("caseworker")
    for n in range(15):
        case = household(unit, by=caseworker, caseworker=caseworker)
        pay(case, last_months(10 + n % 3), by=caseworker)
        if n % 2:
            case_close(household=case, reason="studies", closed_on=date(2025, 1, 2), by=caseworker)
    client = client_as("unit_manager")
    assistance_months_refresh()  # the payment run reads its payments in (two statements below)
    # The menu's counts of waiting items (one COUNT per desk kind, cached 30 s) are measured in
    # tests/desk; made here first so that this counts the page's own statements.
    desk_counts(persona("unit_manager"), today=timezone.localdate())
    # 17: 14, one for the recovery sums per year (decisions.selectors_recovery), one for the
    # case discussions per caseworker and month (casefile.selectors_journal) and one for the
    # share of first decisions on a signed assessment (casefile.selectors_assessment); 20: and
    # three for the employer network's figures (employers.selectors.network_results); 23: and
    # three for the placements decided together (placements, their parties, their votes).
    with django_assert_max_num_queries(23):  # type: ignore[operator]
        assert client.get(reverse("followup:unit")).status_code == 200


def test_the_caseload_page_suggests_moves_from_over_the_cap(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    unit.caseload_cap = 2
    unit.save(update_fields=["caseload_cap"])
    busy = persona("caseworker")
    free = user_create(
        username="free", role=Role.CASEWORKER, unit=unit, first_name="Fri", last_name="Kapacitet",
        password=PASSWORD,
    )  # fmt: skip
    for _ in range(4):
        household(unit, by=busy, caseworker=busy)
    page = client_as("unit_manager").get(reverse("people:unit_caseload")).content.decode()
    section = page[page.index('class="rebalancing"') :]
    row = (
        f'<tr><td>{busy.get_full_name()}</td><td>{free.get_full_name()}</td><td class="num">2</td>'
    )
    assert row in section
