"""The individual agreement to sign: goal, content, follow-up dates and consequences, in Swedish."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from bryggan.accounts.models import Unit, User
from bryggan.placements import selectors
from bryggan.placements.letters import agreement_pdf
from bryggan.placements.services import agreement_write
from tests.decisions.pdf import pdf_text
from tests.followup.factories import household as make_household
from tests.placements.factories import approve_all, consent_all, make_group, propose

pytestmark = pytest.mark.django_db


def test_the_agreement_names_goal_content_follow_ups_and_consequences(
    unit: Unit, persona: Callable[..., User]
) -> None:
    group = make_group(unit, persona("unit_manager"))
    household = make_household(unit, by=persona("caseworker"), first="Amina", last="Ali")
    consent_all(household, group, persona("caseworker"))
    placement = propose(group, household, persona("caseworker"))
    approve_all(placement, group, persona("unit_manager"))
    follow_up = placement.starts_on + timedelta(days=30)
    agreement = agreement_write(
        placement=placement,
        goal="Anställning efter ett år.",
        content="Parkarbete med handledare.",
        consequences="Frånvaro kan leda till nedsättning.",
        follow_up_dates=[follow_up],
        by=persona("caseworker"),
    )
    loaded = selectors.placement_get(placement.pk)
    assert loaded is not None
    text = pdf_text(agreement_pdf(placement=loaded, agreement=agreement, unit_name=unit.name))
    for expected in (
        "Individuell överenskommelse",
        "Amina Ali",
        "Anställning efter ett år.",
        "Parkarbete med handledare.",
        follow_up.isoformat(),
        "Frånvaro kan leda till nedsättning.",
        "Deltagarens underskrift",
        "Kommunbryggan",
    ):
        assert expected in text
