"""Benchmark: a monthly payment run for 15,000 households on PostgreSQL, pain.001 file included.

Run: `.venv/bin/python benchmarks/payment_run.py [--households N] [--database-url postgres://…]`.

15,000 households: the size of Sweden's largest municipality in a month. Without
`--database-url` (or BRYGGAN_DATABASE_URL) the script starts a throw-away PostgreSQL cluster of its
own (Debian's /usr/lib/postgresql/*/bin; as root through `runuser -u postgres`) in a temporary
folder, listening on 127.0.0.1 only, with `fsync=off` and every other setting at its default; it
stops the cluster and removes the folder at the end, also on error. A given database must hold no
households (the script refuses otherwise); it is migrated and filled, and left filled.

Setup (timed apart, not part of the figure): two units with payment conditions (one asks for a
monthly application, the other also for a personal visit), a caseworker per unit and a unit
manager; N households, each with one person (a valid personnummer), an application for the month,
a saved calculation (the engine's 2021 JSON for one household, varied per household: rent,
sickness benefit and amount, 3,000–25,000 kr; samples are checked against the engine) and a signed
decision paying to a Handelsbanken account (clearing 6000, 9 digits, valid by modulus 11, varied
per household), written with `bulk_create`.

Timed, best and median of `--repeat` runs from the same state (the run's payments, run row and
history rows are deleted and the tables vacuumed between runs):

- the run: `payment_run_execute` (select and lock payable decisions, write the payments, build
  the file, store it, write the history), committed;
- baseline: `pain001.build_pain001` alone for the same N payments, from an order built in advance
  (the file part of the run); its bytes must equal the run's file;
- the query: `payable_decisions()` alone.

After each run it checks: exactly N payments, one per decision, the run's total equal to the sum
of the decisions' amounts, and the file read back by `read_pain001` to the same N payments.
Results go in benchmarks/README.md with the date.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import os
import platform
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psycopg
from stdnum import luhn

TARGET_SECONDS = 10.0
FIRST_PORT = 54341
DATABASE_NAME = "bryggan_payment_run"
MONTH = "2021-11"  # the shipped 2021 norm, so the saved calculations are the engine's own
BATCH = 2000
CLEARING = "6000"  # Handelsbanken: 9-digit account numbers, modulus 11
# The template household's riksnorm in 2021 (SFS 2020:1013, norms/data/riksnorm/2021.toml): single
# adult 3,160 + child aged 4–6 2,440 + common household costs for 2 persons 1,130. setup() checks
# it against the engine (ENGINE_SAMPLES) before anything is stored.
RIKSNORM_2021 = 6730
TEMPLATE_DOCUMENT: dict[str, Any] = {
    "month": MONTH,
    "members": [{"id": "p1", "birth_date": "1985-03-02"}, {"id": "p2", "birth_date": "2016-06-01"}],
    "costs": [{"type": "housing", "amount": 6500}],
    "incomes": [{"type": "sickness_benefit", "member": "p1", "amount": 1250}],
}
ENGINE_SAMPLES = 20


# --- A throw-away PostgreSQL cluster -------------------------------------------------------------


def _postgres_bin() -> Path:
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name.split(".")[0])
    )
    if not versions:
        sys.exit("No PostgreSQL found in /usr/lib/postgresql/*/bin; give --database-url.")
    return versions[-1]


def _free_port(first: int) -> int:
    for port in range(first, first + 100):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    sys.exit(f"No free port in {first}–{first + 99}.")


def _as_postgres(command: list[str]) -> list[str]:
    """Run as the postgres user when we are root (PostgreSQL refuses to run as root)."""
    if os.geteuid() == 0:
        return ["/usr/sbin/runuser", "-u", "postgres", "--", *command]
    return command


@contextlib.contextmanager
def postgres_cluster() -> Iterator[str]:
    """Start a cluster in a temporary folder; yield the URL of a new database in it; remove it."""
    binaries = _postgres_bin()
    folder = Path(tempfile.mkdtemp(prefix="bryggan-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, user="postgres", group="postgres")
    data, log = folder / "data", folder / "server.log"
    port = _free_port(FIRST_PORT)
    started = False
    try:
        subprocess.run(  # noqa: S603 - fixed arguments
            _as_postgres(
                [
                    *(str(binaries / "initdb"), "-D", str(data), "-U", "postgres"),
                    *("--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"),
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={folder}"
        subprocess.run(  # noqa: S603 - fixed arguments
            _as_postgres(
                [
                    *(str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-w"),
                    *("-t", "60", "-o", f"{options} -c fsync=off", "start"),
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        started = True
        server = f"postgres://postgres@127.0.0.1:{port}"
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {DATABASE_NAME}")
        print(f"PostgreSQL {binaries.parent.name} cluster on 127.0.0.1:{port} in {folder}")
        yield f"{server}/{DATABASE_NAME}"
    finally:
        if started:
            subprocess.run(  # noqa: S603 - fixed arguments
                _as_postgres(
                    [str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]
                ),
                check=False,
                stdout=subprocess.DEVNULL,
            )
        shutil.rmtree(folder, ignore_errors=True)


# --- Generated data ------------------------------------------------------------------------------


def identity_number(birth: date, serial: int) -> str:
    """A valid personnummer, long form (as tests/people/factories.py)."""
    body = f"{birth:%y%m%d}{serial:03d}"
    return f"{birth:%Y%m%d}-{serial:03d}{luhn.calc_check_digit(body)}"


def handelsbanken_accounts(count: int, rng: random.Random) -> list[str]:
    """`count` different 9-digit accounts, valid by modulus 11 (weights 1–9 from the right)."""
    accounts: list[str] = []
    seen: set[str] = set()
    while len(accounts) < count:
        body = f"{rng.randrange(10_000_000, 100_000_000):08d}"
        weighted = sum(
            int(digit) * weight for digit, weight in zip(body, range(9, 1, -1), strict=True)
        )
        check = -weighted % 11
        account = body + str(check)
        if check < 10 and account not in seen:
            seen.add(account)
            accounts.append(account)
    return accounts


@dataclass(frozen=True, slots=True)
class Amounts:
    rent: int
    income: int
    amount: int


def varied_amounts(rng: random.Random) -> Amounts:
    rent = rng.randrange(4000, 18_300, 10)
    need = RIKSNORM_2021 + rent
    amount = rng.randrange(3000, min(25_000, need) + 1)
    return Amounts(rent=rent, income=need - amount, amount=amount)


def varied_document(amounts: Amounts) -> dict[str, Any]:
    document = copy.deepcopy(TEMPLATE_DOCUMENT)
    document["costs"][0]["amount"] = amounts.rent
    if amounts.income:
        document["incomes"][0]["amount"] = amounts.income
    else:
        document["incomes"] = []
    return document


def varied_result(template: dict[str, Any], amounts: Amounts) -> dict[str, Any]:
    """The engine's stored result for the template household, with other rent and income."""
    result = copy.deepcopy(template)
    result["reasonable_costs"] = amounts.rent
    result["need"] = RIKSNORM_2021 + amounts.rent
    result["income_counted"] = amounts.income
    result["amount"] = amounts.amount
    lines = []
    for line in result["lines"]:
        if line["kind"] == "cost":
            line["amount"] = amounts.rent
        elif line["kind"] == "income":
            if not amounts.income:
                continue
            line["amount"] = amounts.income
        lines.append(line)
    result["lines"] = lines
    return result


# --- The benchmark -------------------------------------------------------------------------------


@dataclass
class Fixture:
    manager: Any  # bryggan.accounts.models.User
    amounts: dict[int, int]  # decision id -> amount


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - start, value


def _bulk(model: Any, objects: list[Any]) -> list[Any]:
    return model.objects.bulk_create(objects, batch_size=BATCH)


def setup(households: int, seed: int) -> Fixture:
    from django.utils import timezone  # noqa: PLC0415 - after django.setup()

    from bryggan.accounts.models import Unit  # noqa: PLC0415
    from bryggan.accounts.roles import Role  # noqa: PLC0415
    from bryggan.accounts.services import user_create  # noqa: PLC0415
    from bryggan.decisions import services as decision_services  # noqa: PLC0415
    from bryggan.decisions.models import (  # noqa: PLC0415
        Decision,
        DecisionKind,
        DecisionStatus,
        OutcomeChoices,
        PaymentConditions,
        SavedCalculation,
    )
    from bryggan.intake.models import Application, Channel, TrackChoices  # noqa: PLC0415
    from bryggan.payments.bank_account import parse_bank_account  # noqa: PLC0415
    from bryggan.people.models import (  # noqa: PLC0415
        Household,
        HouseholdMember,
        IdentityKindChoices,
        MemberRole,
        Person,
    )

    rng = random.Random(seed)
    template = decision_services._stored_result(  # the shape a decision stores
        decision_services.calculation_run(document=TEMPLATE_DOCUMENT)
    )
    for _ in range(ENGINE_SAMPLES):  # the varied JSON is what the engine would have written
        amounts = varied_amounts(rng)
        computed = decision_services.calculation_run(document=varied_document(amounts))
        assert computed.amount == amounts.amount
        assert decision_services._stored_result(computed) == varied_result(template, amounts)

    units = [Unit.objects.create(name="Enhet Norr"), Unit.objects.create(name="Enhet Söder")]
    PaymentConditions.objects.create(unit=units[0], monthly_application=True)
    PaymentConditions.objects.create(unit=units[1], monthly_application=True, personal_visit=True)
    caseworkers = [
        user_create(username=f"handlaggare{i}", role=Role.CASEWORKER, unit=unit)
        for i, unit in enumerate(units)
    ]
    manager = user_create(username="enhetschef", role=Role.UNIT_MANAGER, unit=units[0])

    now = timezone.now()
    opened = date(2021, 1, 4)
    first_birth = date(1950, 1, 1)
    persons = _bulk(
        Person,
        [
            Person(
                identity_number=identity_number(
                    first_birth + timedelta(days=i % 18_000), 100 + i // 18_000
                ),
                identity_kind=IdentityKindChoices.PERSONNUMMER,
                birth_date=first_birth + timedelta(days=i % 18_000),
                first_name=f"Förnamn{i}",
                last_name=f"Efternamn{i}",
                address=f"Storgatan {i % 200 + 1}",
            )
            for i in range(households)
        ],
    )
    homes = _bulk(
        Household,
        [
            Household(unit=units[i % 2], caseworker=caseworkers[i % 2], opened_on=opened)
            for i in range(households)
        ],
    )
    _bulk(
        HouseholdMember,
        [
            HouseholdMember(
                household=home, person=person, role=MemberRole.APPLICANT, valid_from=opened
            )
            for home, person in zip(homes, persons, strict=True)
        ],
    )
    _bulk(
        Application,
        [
            Application(
                household=home,
                month=MONTH,
                received_at=now,
                channel=Channel.E_SERVICE,
                track=TrackChoices.STANDARD,
                registered_by=caseworkers[i % 2],
            )
            for i, home in enumerate(homes)
        ],
    )
    varied = [varied_amounts(rng) for _ in range(households)]
    calculations = _bulk(
        SavedCalculation,
        [
            SavedCalculation(
                household=home,
                month=MONTH,
                norm_year=2021,
                amount=amounts.amount,
                input=varied_document(amounts),
                result=varied_result(template, amounts),
                created_by=caseworkers[i % 2],
            )
            for i, (home, amounts) in enumerate(zip(homes, varied, strict=True))
        ],
    )
    accounts = handelsbanken_accounts(households, rng)
    for account in accounts[:ENGINE_SAMPLES]:
        parse_bank_account(CLEARING, account)  # raises if the generator is wrong
    decisions = _bulk(
        Decision,
        [
            Decision(
                household=home,
                month=MONTH,
                kind=DecisionKind.LIVELIHOOD_SUPPORT,
                outcome=OutcomeChoices.GRANTED,
                calculation=calculation,
                calculated_amount=calculation.amount,
                amount=calculation.amount,
                reasons="Hushållet saknar medel för sin försörjning; rätt till bistånd.",
                documents_checked=["identity", "rent_contract", "bank_statements"],
                personal_visit_held=True,
                registered_at_af=True,
                payee_clearing=CLEARING,
                payee_account=account,
                status=DecisionStatus.SIGNED,
                created_by=caseworkers[i % 2],
                signed_by=caseworkers[i % 2],
                signed_at=now,
                notified_on=now.date(),
            )
            for i, (home, calculation, account) in enumerate(
                zip(homes, calculations, accounts, strict=True)
            )
        ],
    )
    return Fixture(manager=manager, amounts={d.pk: d.amount for d in decisions})


def _vacuum() -> None:
    from django.db import connection  # noqa: PLC0415

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def _verify(run: Any, fixture: Fixture) -> None:
    from bryggan.payments import pain001  # noqa: PLC0415
    from bryggan.payments.models import Payment  # noqa: PLC0415

    count = len(fixture.amounts)
    paid = dict(Payment.objects.filter(run=run).values_list("decision_id", "amount"))
    assert Payment.objects.count() == count, "exactly N payments"
    assert paid == fixture.amounts, "one payment per decision, of the decision's amount"
    total = sum(fixture.amounts.values())
    assert run.payment_count == count
    assert run.total == total, f"run total {run.total} != {total}"
    read = pain001.read_pain001(bytes(run.file))
    assert len(read) == count
    assert len({p.end_to_end_id for p in read}) == count
    assert sum(p.amount_kronor for p in read) == total


def _undo(run: Any) -> None:
    """Back to the state before the run: its history rows, payments and the run row go."""
    from bryggan.audit.models import ChangeRecord  # noqa: PLC0415
    from bryggan.payments.models import Payment  # noqa: PLC0415

    ChangeRecord.objects.filter(object_type="payment", changes__run=run.message_id).delete()
    Payment.objects.filter(run=run).delete()
    run.delete()
    _vacuum()


def _file_order(run: Any, now: Any) -> Any:
    """The same order `payment_run_execute` built for `run`, built in advance."""
    from django.utils.translation import gettext  # noqa: PLC0415

    from bryggan.payments import pain001  # noqa: PLC0415
    from bryggan.payments.bank_account import parse_bank_account  # noqa: PLC0415
    from bryggan.payments.services import debtor  # noqa: PLC0415

    paying = debtor()
    payments = run.payments.select_related("decision__household").order_by("id")
    return pain001.PaymentOrder(
        message_id=run.message_id,
        created_at=now,
        debtor_name=paying.name,
        debtor_org_number=paying.org_number,
        debtor_account=paying.account,
        debtor_bic=paying.bic,
        requested_execution_date=run.execution_date,
        payments=tuple(
            pain001.CreditTransfer(
                end_to_end_id=p.end_to_end_id,
                amount_kronor=p.amount,
                creditor_name=gettext("Recipient of case %(case)s")
                % {"case": p.decision.household.case_number},
                creditor_account=parse_bank_account(p.clearing, p.account),
                remittance_text=f"Ekonomiskt bistand {p.decision.month}",
            )
            for p in payments
        ),
    )


def _line(label: str, times: list[float], note: str = "") -> None:
    line = f"{label:<40}best {min(times):7.3f} s   median {statistics.median(times):7.3f} s  {note}"
    print(line.rstrip())


@dataclass
class Timings:
    query: list[float]
    run: list[float]
    file: list[float]
    file_bytes: int


def measure(fixture: Fixture, repeat: int) -> Timings:
    """The query, the run (undone between repetitions) and the file alone, each `repeat` times."""
    from django.utils import timezone  # noqa: PLC0415

    from bryggan.payments import pain001  # noqa: PLC0415
    from bryggan.payments.selectors import payable_decisions  # noqa: PLC0415
    from bryggan.payments.services import payment_run_execute  # noqa: PLC0415

    count = len(fixture.amounts)
    query_times = []
    for _ in range(repeat):
        seconds, payables = _timed(payable_decisions)
        assert len(payables) == count
        query_times.append(seconds)
    payables = []

    run_times: list[float] = []
    execution_date = timezone.localdate() + timedelta(days=2)
    for index in range(repeat):
        now = timezone.now()
        seconds, run = _timed(
            payment_run_execute, by=fixture.manager, execution_date=execution_date, now=now
        )
        run_times.append(seconds)
        run.refresh_from_db()
        _verify(run, fixture)
        if index < repeat - 1:
            _undo(run)

    order = _file_order(run, now)
    file_times = []
    for _ in range(repeat):
        seconds, file = _timed(pain001.build_pain001, order)
        file_times.append(seconds)
    assert file == bytes(run.file), "the file-only baseline writes the run's file"
    return Timings(query=query_times, run=run_times, file=file_times, file_bytes=len(file))


def bench(households: int, repeat: int, seed: int) -> int:
    import django  # noqa: PLC0415

    os.environ["DJANGO_SETTINGS_MODULE"] = "bryggan.settings"
    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415

    from bryggan.people.models import Household  # noqa: PLC0415

    migrate_seconds, _ = _timed(call_command, "migrate", verbosity=0)
    if Household.objects.exists():
        sys.exit("The database already holds households; give an empty one.")
    setup_seconds, fixture = _timed(setup, households, seed)
    _vacuum()  # what autovacuum would do after a month of writing; not timed
    setup_rss = _rss_mib()
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        server = cursor.fetchone()[0].split(" on ")[0]
    print(f"{server}; {households:,} households, {repeat} runs; migrate {migrate_seconds:.2f} s")
    print(f"{'setup (generate + bulk_create)':<40}{setup_seconds:7.2f} s")

    t = measure(fixture, repeat)
    _line("payment_run_execute (committed)", t.run, f"target < {TARGET_SECONDS:.0f} s")
    _line("baseline: build_pain001 alone", t.file, f"{t.file_bytes / 2**20:.1f} MiB file")
    _line("query: payable_decisions()", t.query)
    ratio = statistics.median(t.run) / statistics.median(t.file)
    best_ratio = min(t.run) / min(t.file)
    print(f"{'run / file-only':<40}best {best_ratio:7.1f} ×   median {ratio:7.1f} ×")
    peak = _rss_mib()
    print(f"{'peak memory (ru_maxrss)':<40}{peak:7.0f} MiB (after setup {setup_rss:.0f} MiB)")
    print(f"Python {platform.python_version()} {platform.machine()}, {os.cpu_count()} CPUs on host")
    met = min(t.run) < TARGET_SECONDS
    print(
        f"RESULT households={households} run_best={min(t.run):.3f}s "
        f"run_median={statistics.median(t.run):.3f}s file_best={min(t.file):.3f}s "
        f"ratio={ratio:.1f} query_best={min(t.query):.3f}s setup={setup_seconds:.1f}s "
        f"peak={peak:.0f}MiB target={'met' if met else 'MISSED'}"
    )
    return 0 if met else 1


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=15_000)
    parser.add_argument("--database-url", default=os.environ.get("BRYGGAN_DATABASE_URL", ""))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20261123)
    args = parser.parse_args(argv)
    with contextlib.ExitStack() as stack:
        url = args.database_url or stack.enter_context(postgres_cluster())
        os.environ["BRYGGAN_DATABASE_URL"] = url
        try:
            return bench(args.households, args.repeat, args.seed)
        finally:
            from django.db import connections  # noqa: PLC0415

            connections.close_all()  # before the cluster stops
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
