"""Issue #5, done when: a coach books a client into an activity from the plan, registers a week's
attendance for the group, an unexcused absence leads to a proposal that a caseworker assesses and a
manager approves, and the next month's calculation shows the reduction with its decision."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bryggan.accounts.models import Unit, User
from bryggan.activities.models import Activity, SanctionProposal, SanctionStatus
from bryggan.core.month import Month
from bryggan.decisions.models import SavedCalculation
from bryggan.people.models import Household
from tests.activities.factories import (
    enter_test_norm,
    make_activity,
    make_household,
    make_participant,
)
from tests.browser.conftest import axe_violations
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # In English, as the other work-line browser tests, until the Swedish catalogue has these
    # pages' strings; the English msgids are the source text either way.
    return {**browser_context_args, "locale": "en-GB"}


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.context.clear_cookies(name="sessionid")  # signs out; keeps the language
    page.goto(f"{base_url}/logga-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def book_from_the_plan(
    page: Page, base: str, *, household: Household, activity: Activity, on: date
) -> None:
    """The coach refers the client from the plan page; the referral is accepted and starts."""
    person = household.members.get(role="applicant").person
    page.goto(f"{base}/arenden/{household.pk}/plan/{person.pk}/")
    page.get_by_role("link", name="Refer to an activity").click()
    page.locator("#id_activity").select_option(str(activity.pk))
    page.get_by_label("Referred on").fill(on.isoformat())
    page.get_by_role("button", name="Send the referral").click()
    expect(page.get_by_text("The referral is sent.")).to_be_visible()
    page.get_by_role("link", name="Bo Lind").first.click()
    for step in ("Accepted by the provider", "Started"):
        page.get_by_label("Step").select_option(label=step)
        page.locator("#id_on").fill(on.isoformat())
        page.get_by_role("button", name="Save the step").click()
        expect(page.get_by_text("The referral is updated.")).to_be_visible()
    expect(page.get_by_test_id("referral-status")).to_have_text("Started")


def register_the_week(
    page: Page, base: str, *, activity: Activity, week: list[date], absent_on: date
) -> None:
    """One attendance list per day for the whole group; Bo is absent without reason once."""
    page.goto(f"{base}/aktiviteter/{activity.pk}/")
    page.get_by_label("Register attendance for").fill(week[0].isoformat())
    page.get_by_role("button", name="Open the attendance list").click()
    for day in week:
        if day != week[0]:
            page.get_by_label("Show another day").fill(day.isoformat())
            page.get_by_role("button", name="Show", exact=True).click()
        bo = page.get_by_role("group", name="Bo Lind")
        expect(bo).to_be_visible()
        if day == absent_on:
            bo.get_by_label("Absent without valid reason").check()
        page.get_by_role("button", name="Register attendance for the group").click()
        expect(page.get_by_text(f"Attendance is registered for {day.isoformat()}.")).to_be_visible()


def assess(page: Page) -> None:
    """The caseworker finds the proposal in the unit's list and proposes a reduction."""
    page.get_by_role("link", name="Sanctions").first.click()
    expect(page.get_by_role("heading", name="To assess")).to_be_visible()
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("link", name="Bo Lind").click()
    assert axe_violations(page) == []
    page.get_by_label("No: propose a reduction").check()
    page.get_by_label("Reduction (kronor)").fill("5000")
    page.locator("#id_reasons").fill(
        "Bo uteblev från arbetsträningen utan att höra av sig och har inte angett något skäl."
    )
    page.get_by_role("button", name="Record the assessment").click()
    # Above the person's own part of the riksnorm: refused on the field, the text kept.
    expect(page.locator("#id_amount_error")).to_contain_text("cannot exceed 3160 kr")
    expect(page.locator("#id_reasons")).to_contain_text("uteblev")
    page.get_by_label("Reduction (kronor)").fill("800")
    page.get_by_role("button", name="Record the assessment").click()
    expect(page.get_by_test_id("sanction-status")).to_have_text(
        "Reduction proposed, awaiting approval"
    )


def approve(page: Page, base: str, proposal: SanctionProposal) -> None:
    """The manager approves: the reduction decision is made, with its letter."""
    page.goto(f"{base}/sanktioner/")
    page.locator("#to-approve + table").get_by_role("link", name="Bo Lind").click()
    page.get_by_label("Approve the reduction").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("The reduction is decided.")).to_be_visible()
    expect(page.get_by_test_id("sanction-status")).to_have_text("Decided: reduction")
    assert axe_violations(page) == []
    letter = page.request.get(f"{base}/sanktioner/{proposal.pk}/beslut.pdf")
    assert letter.headers["content-type"] == "application/pdf"


def test_an_unexcused_absence_becomes_a_reduction_in_the_next_months_calculation(
    page: Page, live_server: object, persona: Callable[..., User], unit: Unit
) -> None:
    base = str(live_server)
    coach = persona("work_coach")
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday() + 7)  # Monday last week
    week = [monday + timedelta(days=i) for i in range(5)]
    activity = make_activity(unit, coach, today=today)
    for serial, name in ((501, "Aida"), (502, "Cecilia")):
        group_member = make_household(unit, coach, serial=serial, first=name)
        make_participant(activity, group_member, coach, started_on=monday - timedelta(days=7))
    household = make_household(unit, coach, serial=503, first="Bo")
    month = Month.of(week[2]).plus(1)  # the absence is on Wednesday; its next month is reduced
    enter_test_norm(month.year, persona("administrator"))

    sign_in(page, base, coach.username)
    book_from_the_plan(
        page, base, household=household, activity=activity, on=monday - timedelta(days=7)
    )
    register_the_week(page, base, activity=activity, week=week, absent_on=week[2])
    proposal = SanctionProposal.objects.get()
    assert (proposal.household_id, proposal.month) == (household.pk, str(month))

    sign_in(page, base, persona("caseworker").username)
    assess(page)
    sign_in(page, base, persona("unit_manager").username)
    approve(page, base, proposal)

    # The next month's calculation shows the reduction with its decision, and the total follows.
    page.get_by_role("link", name="Calculate the month").click()
    page.get_by_label(re.compile(r"^Month\b")).fill(str(month))
    page.get_by_label("Housing (rent)").fill("5000")
    result = page.locator("#result")
    line = re.compile(rf"Nedsättning enligt beslut \(Bo\) – beslut nr {proposal.pk} ")
    expect(result.get_by_role("row", name=line)).to_contain_text("\u2212800")
    # Single adult (TEST table = 2021's amounts): 3 160 + 1 020 + rent 5 000 − 800 = 8 380 kr.
    total = re.compile(r"^Försörjningsstöd \d")
    expect(result.get_by_role("row", name=total)).to_contain_text("8\u202f380")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save the calculation with the case").click()
    expect(page.get_by_role("row", name=line)).to_contain_text("\u2212800")
    assert SavedCalculation.objects.get().amount == 8380
    assert SanctionProposal.objects.get().status == SanctionStatus.DECIDED
