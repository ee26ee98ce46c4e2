"""The demo's joint case reviews: groups, a held meeting with minutes and an overdue action, the
next meeting's agenda, a three-party talk, and the partner login that sees its group's agenda."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bryggan.accounts.models import User
from bryggan.demo.generator import DEMO_PASSWORD, generate
from bryggan.desk.registry import desk_items
from bryggan.reviews.models import AgendaItem, Meeting, ReviewGroup
from tests.conftest import local

NOW = local(2026, 11, 23, 12)


@pytest.mark.django_db
def test_the_demo_has_review_groups_meetings_minutes_and_a_partner_who_sees_the_agenda() -> None:
    generate(households=40, seed=3, now=NOW)
    today = NOW.date()
    assert ReviewGroup.objects.count() == 4
    held = Meeting.objects.get(held_at__isnull=False)
    assert held.on < today
    minutes = AgendaItem.objects.filter(meeting=held, minutes_at__isnull=False)
    assert minutes.exists()
    assert any(a.plan_version_id for item in minutes for a in item.actions.all())
    coming = AgendaItem.objects.filter(
        meeting__held_at__isnull=True, meeting__group__isnull=False, removed_at__isnull=True
    )
    assert coming.exists()
    assert Meeting.objects.filter(kind="three_party").exists()
    manager = User.objects.get(username="chef")
    assert "review_action_overdue" in {i.kind for i in desk_items(manager, today=today)}

    client = Client()
    client.post(reverse("accounts:login"), {"username": "partner", "password": DEMO_PASSWORD})
    meeting = coming.first().meeting
    listing = client.get(reverse("reviews:partner_meetings")).content.decode()
    assert reverse("reviews:partner_meeting", args=[meeting.pk]) in listing
    page = client.get(reverse("reviews:partner_meeting", args=[meeting.pk])).content.decode()
    main = page.split("<main")[1].split("</main>")[0]
    # The page is read on the real today, after the demo's NOW: a consent may have run out since.
    names = [f"{i.person.first_name} {i.person.last_name}" for i in coming.filter(meeting=meeting)]
    assert any(name in main for name in names)
