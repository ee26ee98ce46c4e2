"""A caseworker signs in to My work, sees a first meeting due today first, and finds a case by a
personnummer typed without century."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import AccessLogEntry
from tests.browser.conftest import axe_violations
from tests.browser.test_intake_flow import sign_in
from tests.desk.factories import (
    at,
    make_application,
    make_case,
    make_first_meeting,
    make_follow_up,
    make_plan,
)
from tests.people.factories import identity_number

pytestmark = pytest.mark.django_db(transaction=True)


def test_caseworker_sees_todays_first_meeting_first_and_finds_a_case_by_personnummer(
    page: Page, live_server: object, persona: Callable[..., User], unit: Unit
) -> None:
    caseworker = persona("caseworker")
    today = timezone.localdate()
    meeting_case = make_case(unit, caseworker, serial=11, first="Amira", last="Haddad")
    meeting = make_first_meeting(
        meeting_case, caseworker, starts=at(today, 14), deadline=today + timedelta(days=1)
    )
    later = make_case(unit, caseworker, serial=12, first="Johan", last="Berg")
    make_follow_up(
        make_plan(later, caseworker, signed=today), caseworker, due_on=today + timedelta(days=3)
    )
    sought = make_case(unit, caseworker, serial=13, birth=date(1985, 3, 4), first="Leila")
    make_application(sought, caseworker, month=f"{today:%Y-%m}", received=today)
    base = str(live_server)

    sign_in(page, base, caseworker.username)
    expect(page).to_have_url(f"{base}/mitt-arbete/")
    rows = page.locator("table.desk tbody tr")
    expect(rows.first).to_have_class("desk-item due-today")
    expect(rows.first.locator("a").first).to_have_attribute(
        "href", reverse("intake:application_detail", args=[meeting.application_id])
    )
    expect(rows).to_have_count(4)  # the meeting, two applications, the follow-up
    assert axe_violations(page) == []

    number = identity_number(date(1985, 3, 4), 13)[2:]  # 850304-013x: no century
    page.locator("#site-search").fill(number)
    page.locator("#site-search").press("Enter")
    expect(page).to_have_url(f"{base}/sok/?q={number}")
    link = page.get_by_role("link", name=sought.case_number)
    expect(link).to_have_attribute("href", reverse("people:household_detail", args=[sought.pk]))
    assert axe_violations(page) == []
    assert AccessLogEntry.objects.filter(object_type="search", user=caseworker).count() == 1
    link.click()
    expect(page).to_have_url(f"{base}/arenden/{sought.pk}/")
