"""The demo's appeals (*överklaganden*): one in each state in the first unit, against decisions
on assistance signed a couple of months back, all through the services: one waiting for its
time check, one late and dismissed, one reconsidered and waiting to be forwarded, one late but
excused (incorrect appeal instructions) and forwarded, and two judged (upheld, changed).

Made-up texts and dates; deterministic for a given random generator and `today`.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from bryggan.accounts.models import Unit
from bryggan.decisions.models import (
    AppealJudgment,
    AppealReconsideration,
    Decision,
    DecisionStatus,
)
from bryggan.decisions.rules import appeal_deadline
from bryggan.decisions.selectors_appeals import appealable_get
from bryggan.decisions.services import decision_record_receipt
from bryggan.decisions.services_appeals import (
    appeal_dismiss,
    appeal_forward,
    appeal_judgment_record,
    appeal_reconsider,
    appeal_register,
)

STATES = ("registered", "dismissed", "reconsidered", "forwarded", "upheld", "changed")
CLAIMS = (
    "Jag överklagar beslutet. Hela hyran måste räknas med, jag har inte kunnat hitta en billigare "
    "bostad.",
    "Jag vill att nedsättningen tas bort och att jag får försörjningsstöd med hela normen.",
    "Jag fick inte pengar till tandvård som jag behöver. Beslutet ska ändras.",
)


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10), tzinfo=ZoneInfo(settings.TIME_ZONE))


def demo_appeals(*, units: list[Unit], today: date, rng: random.Random) -> int:
    """An appeal in each state in the first unit; returns how many were made."""
    if not units:
        return 0
    oldest, newest = _at(today - timedelta(days=200)), _at(today - timedelta(days=75))
    candidates = list(
        Decision.objects.filter(
            household__unit=units[0],
            household__caseworker__isnull=False,
            status=DecisionStatus.SIGNED,
            signed_at__gte=oldest,
            signed_at__lte=newest,
        )
        .select_related("household__caseworker")
        .order_by("signed_at", "id")
    )
    by_case: dict[int, Decision] = {}
    for decision in candidates:
        by_case.setdefault(decision.household_id, decision)
    chosen = rng.sample(sorted(by_case.values(), key=lambda d: d.pk), min(6, len(by_case)))
    made = 0
    for state, decision in zip(STATES, chosen, strict=False):
        _appeal_in_state(decision, state=state, today=today, rng=rng)
        made += 1
    return made


def _appeal_in_state(decision: Decision, *, state: str, today: date, rng: random.Random) -> None:
    caseworker = decision.household.caseworker
    assert caseworker is not None  # noqa: S101 (chosen so)
    assert decision.signed_at is not None  # noqa: S101
    signed_on = timezone.localdate(decision.signed_at)
    if decision.notified_on is None:
        decision = decision_record_receipt(
            decision=decision,
            received_on=signed_on + timedelta(days=2),
            today=today,
            by=caseworker,
        )
    assert decision.notified_on is not None  # noqa: S101
    last_day = appeal_deadline(decision.notified_on)
    late = state in ("dismissed", "forwarded")
    came_in = last_day + timedelta(days=4) if late else last_day - timedelta(days=5)
    if state == "registered":
        came_in = today - timedelta(days=2)  # waiting on the desk now
    appealed = appealable_get(decision.household_id, f"decision:{decision.pk}")
    assert appealed is not None  # noqa: S101
    appeal = appeal_register(
        household=decision.household,
        appealed=appealed,
        received_on=came_in,
        claims=rng.choice(CLAIMS),
        incorrect_instructions=state == "forwarded",
        reached_court_on=None,
        today=today,
        by=caseworker,
    )
    if state == "registered":
        return
    if state == "dismissed":
        appeal_dismiss(
            appeal=appeal,
            reasons="Överklagandet kom in efter överklagandetidens slut och inget undantag gäller.",
            by=caseworker,
            now=_at(came_in + timedelta(days=2)),
        )
        return
    reconsidered_on = came_in + timedelta(days=2)
    appeal_reconsider(
        appeal=appeal,
        outcome=AppealReconsideration.KEPT,
        reasons="Omprövat: inga nya omständigheter som ändrar bedömningen.",
        new_decision=None,
        by=caseworker,
        now=_at(reconsidered_on),
    )
    if state == "reconsidered":
        return
    forwarded_on = came_in + timedelta(days=rng.choice((3, 5, 6, 10)))
    appeal_forward(
        appeal=appeal,
        statement=(
            "Nämnden vidhåller sitt beslut av de skäl som anges i beslutet. Kostnaden har prövats "
            "mot vad som är skäligt på orten."
        ),
        forwarded_on=forwarded_on,
        by=caseworker,
        now=_at(forwarded_on),
    )
    if state == "forwarded":
        return
    appeal_judgment_record(
        appeal=appeal,
        judgment=AppealJudgment.CHANGED if state == "changed" else AppealJudgment.UPHELD,
        judged_on=min(forwarded_on + timedelta(days=35), today),
        court_case_number=f"{1000 + appeal.pk}-{today:%y}",
        note=(
            "Förvaltningsrätten bifaller överklagandet och visar ärendet åter för beräkning."
            if state == "changed"
            else "Förvaltningsrätten avslår överklagandet."
        ),
        today=today,
        by=caseworker,
    )
