"""The demo's reads of cases, so that the access-log review (`/logg/`) has something to show.

Through the real gate (`people.access.access_household`), so every read is chained like any other:
in each unit the caseworkers open some of their own cases, a work coach opens cases that are not
theirs, and one caseworker leafs through many cases in a few minutes (a burst the review flags).
Deterministic for a given random generator; the times are the demo run's own (the log's time is
when the row is written).
"""

from __future__ import annotations

import random

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role
from bryggan.people.access import Purpose, access_household
from bryggan.people.models import Household

OWN_READS = 3  # per caseworker
COACH_READS = 5  # per unit
BURST_READS = 35  # one caseworker per unit, above the default threshold of 30


def demo_reads(*, units: list[Unit], rng: random.Random) -> int:
    """Reads of each unit's cases; returns how many were written."""
    written = 0
    for unit in units:
        cases = list(Household.objects.filter(unit=unit).order_by("pk"))
        staff = list(User.objects.filter(unit=unit, is_active=True).order_by("pk"))
        workers = [u for u in staff if u.role == Role.CASEWORKER]
        coaches = [u for u in staff if u.role == Role.WORK_COACH]
        if not cases or not workers:
            continue
        for worker in workers:
            own = [c for c in cases if c.caseworker_id == worker.pk]
            for case in rng.sample(own, min(OWN_READS, len(own))):
                access_household(worker, case.pk, purpose=Purpose.CASEWORK)
                written += 1
        for coach in coaches[:1]:
            for case in rng.sample(cases, min(COACH_READS, len(cases))):
                access_household(coach, case.pk, purpose=Purpose.CASEWORK)
                written += 1
        if len(cases) > BURST_READS:
            for case in rng.sample(cases, BURST_READS):
                access_household(workers[0], case.pk, purpose=Purpose.CASEWORK)
                written += 1
    return written
