"""Benchmark: 20,000 varied households through `bryggan calculate`'s engine on one core.

Run: `.venv/bin/python benchmarks/calculation.py [--households N] [--seed S]`.

The households are generated from a fixed seed as contract JSON texts (1–10 members, sambor, shared
households, children with and without lunch at home, school youth, every cost and income type,
jobbstimulans on and off, children's wages), for the shipped norm years. Measured in the same run:

- baseline: `json.loads` of every text, the least any JSON tool must do with the input;
- pipeline: read the JSON into a Household, calculate, write the contract's JSON (what
  `bryggan calculate` does per household, without process start-up);
- engine: `calculate()` alone on households already read.

The ratio pipeline / baseline is the figure to quote; the whole run, generation included, should
stay under 2 s. Results go in benchmarks/README.md with the date.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from bryggan.calculation.engine import calculate
from bryggan.calculation.household import CostType, IncomeType
from bryggan.calculation.jsonio import calculation_to_text, household_from_text
from bryggan.norms.tables import NormMissingError, Norms, default_norms

_T = TypeVar("_T")
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
ADULT_AGE = 18
SCHOOL_YOUTH_AGE = 21
COST_TYPES = [cost.value for cost in CostType]
INCOME_TYPES = [income.value for income in IncomeType if income is not IncomeType.EMPLOYMENT]


def _pick(rng: random.Random, items: Sequence[_T]) -> _T:
    """`rng.choice`, faster."""
    return items[int(rng.random() * len(items))]


def _int(rng: random.Random, low: int, high: int) -> int:
    """`rng.randint`, several times faster (generation is part of the timed whole run)."""
    return low + int(rng.random() * (high - low + 1))


def _birth_date(rng: random.Random, first_day: int, age: int) -> str:
    return date.fromordinal(first_day - 365 * age - int(rng.random() * 365)).isoformat()


def _has_price_base_amount(norms: Norms, year: int) -> bool:
    try:
        norms.price_base_amount(year)
    except NormMissingError:
        return False
    return True


def household_json(rng: random.Random, years: list[int], children_may_work: set[int]) -> str:
    """One contract-shaped household as JSON text."""
    year, month = _pick(rng, years), _int(rng, 1, 12)
    first_day = date(year, month, 1).toordinal()
    adults = _pick(rng, (1, 1, 1, 2, 2))
    children = _pick(rng, (0, 0, 1, 2, 3, 4, 5, 8))
    members: list[dict[str, object]] = [
        {"id": f"a{index}", "birth_date": _birth_date(rng, first_day, _int(rng, 21, 80))}
        for index in range(adults)
    ]
    for index in range(children):
        age = _int(rng, 0, 20)
        member: dict[str, object] = {
            "id": f"c{index}",
            "birth_date": _birth_date(rng, first_day, age),
        }
        if age <= 6 and rng.random() < 0.5:
            member["lunch_at_home"] = False
        if age >= ADULT_AGE:
            member["in_school"] = True
        members.append(member)
    rng.shuffle(members)
    shared = adults == 1 and children == 0 and rng.random() < 0.2
    ids = [str(member["id"]) for member in members]
    adult_ids = [member_id for member_id in ids if member_id.startswith("a")]
    child_ids = [member_id for member_id in ids if member_id.startswith("c")]
    incomes: list[dict[str, object]] = [
        {"type": "employment", "member": _pick(rng, adult_ids), "amount": _int(rng, 0, 30_000)}
        for _ in range(_int(rng, 0, adults))
    ]
    if child_ids and year in children_may_work and rng.random() < 0.3:
        incomes.append(
            {
                "type": "employment",
                "member": _pick(rng, child_ids),
                "amount": _int(rng, 0, 60_000),
            }
        )
    incomes.extend(
        {"type": _pick(rng, INCOME_TYPES), "amount": _int(rng, 0, 8_000)}
        for _ in range(_int(rng, 0, 3))
    )
    document = {
        "month": f"{year:04d}-{month:02d}",
        "cohabiting": adults == 2 and rng.random() < 0.8,
        "shared_household_size": _int(rng, 2, 9) if shared else None,
        "members": members,
        "costs": [
            {"type": _pick(rng, COST_TYPES), "amount": _int(rng, 0, 12_000)}
            for _ in range(_int(rng, 0, 6))
        ],
        "incomes": incomes,
        "consecutive_months_on_assistance": _int(rng, 0, 36),
        "jobbstimulans_months_used": _int(rng, 0, 24),
    }
    return _ENCODE(document)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=20261123)
    args = parser.parse_args(argv)

    start, cpu_start = time.perf_counter(), time.process_time()
    norms = default_norms()
    years = list(norms.norm_years())
    children_may_work = {year for year in years if _has_price_base_amount(norms, year)}
    rng = random.Random(args.seed)
    texts = [household_json(rng, years, children_may_work) for _ in range(args.households)]
    generated = time.perf_counter()

    for text in texts:
        json.loads(text)
    baseline = time.perf_counter() - generated

    clock = time.perf_counter
    read = engine = write = 0.0
    total_amount = 0
    for text in texts:
        before = clock()
        household = household_from_text(text)
        parsed = clock()
        calculation = calculate(household, norms)
        calculated = clock()
        calculation_to_text(calculation)
        written = clock()
        read += parsed - before
        engine += calculated - parsed
        write += written - calculated
        total_amount += calculation.amount
    pipeline = read + engine + write
    whole, cpu = time.perf_counter() - start, time.process_time() - cpu_start

    count = args.households
    rows = [
        ("baseline: json.loads", baseline),
        ("pipeline: read + calculate + write", pipeline),
        ("  read JSON into a Household", read),
        ("  calculate() (the engine)", engine),
        ("  write the contract's JSON", write),
    ]
    print(f"{count:,} households, seed {args.seed}, norm years {years}, one thread")
    print(f"{'generation':<36}{generated - start:>8.3f} s")
    for label, seconds in rows:
        print(f"{label:<36}{seconds:>8.3f} s {count / seconds:>12,.0f} households/s")
    print(f"{'pipeline / baseline':<36}{pipeline / baseline:>8.1f} ×")
    print(f"{'engine / baseline':<36}{engine / baseline:>8.1f} ×")
    print(f"{'whole run (wall clock)':<36}{whole:>8.3f} s   target < 2 s")
    print(f"{'whole run (CPU time of this process)':<36}{cpu:>8.3f} s")
    print(f"{'sum of amounts (same seed, same sum)':<36}{total_amount:>14,} kr")
    print(f"Python {platform.python_version()} {platform.machine()}, {os.cpu_count()} CPUs on host")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
