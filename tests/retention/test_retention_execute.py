"""`bryggan retention`: a planted set of files on each side of every boundary, and the demo
municipality thinned with its statistics, hash chains and stored files checked after."""

from __future__ import annotations

import csv
from datetime import date, datetime
from io import StringIO
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import transaction

from bryggan.accounts.models import Unit
from bryggan.audit.chain import CHANGE_RECORD
from bryggan.audit.models import ChangeRecord
from bryggan.audit.services import _chain_append
from bryggan.audit.verify import chains_verify
from bryggan.casefile.models import Document
from bryggan.core.month import Month
from bryggan.demo.generator import generate
from bryggan.people.models import Household, HouseholdMember, HouseholdStatus, Person
from bryggan.retention.models import RetentionProtocol, RetentionProtocolRow
from bryggan.retention.selectors import retention_due
from bryggan.retention.services import retention_execute
from bryggan.statistics.register import register_rows

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 7)
TZ = ZoneInfo("Europe/Stockholm")


def plant(
    unit: Unit, serial: int, *, closed_on: date | None, born: date, noted_at: date | None = None
) -> Household:
    person = Person.objects.create(
        identity_number=f"{born:%Y%m%d}-{serial:04d}",
        birth_date=born,
        first_name="Planterad",
        last_name=f"Person{serial}",
    )
    household = Household.objects.create(
        unit=unit,
        status=HouseholdStatus.CLOSED if closed_on else HouseholdStatus.ACTIVE,
        opened_on=date(2014, 1, 1),
        closed_on=closed_on,
    )
    HouseholdMember.objects.create(
        household=household, person=person, role="applicant", valid_from=date(2014, 1, 1)
    )
    if noted_at is not None:
        with transaction.atomic():
            _chain_append(
                CHANGE_RECORD,
                ChangeRecord,
                [
                    ChangeRecord(
                        at=datetime(noted_at.year, noted_at.month, noted_at.day, 10, tzinfo=TZ),
                        case_id=household.pk,
                        object_type="journal_note",
                        object_id="1",
                        action="signed",
                        changes={},
                    )
                ],
            )
    return household


@pytest.fixture
def planted(unit: Unit) -> dict[str, Household]:
    return {
        "five_years_to_the_day": plant(unit, 1, closed_on=date(2021, 12, 7), born=date(1980, 1, 1)),
        "one_day_short": plant(unit, 2, closed_on=date(2021, 12, 8), born=date(1980, 1, 2)),
        "end_of_year_boundary": plant(unit, 3, closed_on=date(2020, 12, 31), born=date(1980, 1, 3)),
        "next_year": plant(unit, 4, closed_on=date(2021, 1, 1), born=date(1980, 1, 4)),
        "born_on_the_5th": plant(unit, 5, closed_on=date(2015, 6, 1), born=date(1980, 2, 5)),
        "born_on_the_15th": plant(unit, 6, closed_on=date(2015, 6, 1), born=date(1980, 2, 15)),
        "born_on_the_25th": plant(unit, 7, closed_on=date(2015, 6, 1), born=date(1980, 2, 25)),
        "born_on_the_24th": plant(unit, 8, closed_on=date(2015, 6, 1), born=date(1980, 2, 24)),
        "recent_note_in_old_file": plant(
            unit, 9, closed_on=date(2015, 6, 1), born=date(1980, 1, 9), noted_at=date(2022, 3, 1)
        ),
        "old_note_in_old_file": plant(
            unit, 10, closed_on=date(2015, 6, 1), born=date(1980, 1, 10), noted_at=date(2016, 3, 1)
        ),
        "open": plant(unit, 11, closed_on=None, born=date(1980, 1, 11)),
    }


GONE = {
    "five_years_to_the_day",
    "end_of_year_boundary",
    "next_year",
    "born_on_the_24th",
    "old_note_in_old_file",
}


def test_the_dry_run_lists_exactly_the_files_past_their_time(
    planted: dict[str, Household],
) -> None:
    due = {v.verdict.case_id for v in retention_due(today=TODAY, municipality="0180")}
    assert due == {planted[name].pk for name in GONE}
    out = StringIO()
    call_command("retention", "--dry-run", "--today", TODAY.isoformat(), stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(GONE) + 1
    assert f"{len(GONE)} case files to thin" in lines[-1]
    assert "16 kap. 1 § SoL (2025:400)" in out.getvalue()
    assert Household.objects.count() == len(planted)  # the dry run touched nothing


def test_the_deadline_is_the_end_of_the_year_after_the_duty_arose(
    planted: dict[str, Household],
) -> None:
    deadlines = {v.verdict.case_id: v.verdict.deadline for v in retention_due(today=TODAY)}
    assert deadlines[planted["end_of_year_boundary"].pk] == date(2026, 12, 31)
    assert deadlines[planted["next_year"].pk] == date(2027, 12, 31)


def test_a_sample_municipality_thins_nothing(planted: dict[str, Household]) -> None:
    assert retention_due(today=TODAY, municipality="0580") == []  # Linköping, Östergötland
    assert retention_due(today=TODAY, municipality="1480") == []  # Göteborg


def test_execute_removes_the_files_past_their_time_and_nothing_else(
    planted: dict[str, Household], tmp_path: Path
) -> None:
    report = tmp_path / "protocol.csv"
    out = StringIO()
    call_command(
        "retention", "--execute", "--today", TODAY.isoformat(), "--csv", str(report), stdout=out
    )
    remaining = set(Household.objects.values_list("pk", flat=True))
    assert remaining == {h.pk for name, h in planted.items() if name not in GONE}
    assert not Person.objects.filter(last_name__in=[f"Person{n}" for n in (1, 3, 4, 8, 10)])
    protocol = RetentionProtocol.objects.get()
    assert protocol.files_thinned == len(GONE)
    rows = RetentionProtocolRow.objects.filter(protocol=protocol)
    assert {r.case_id for r in rows} == {planted[name].pk for name in GONE}
    assert {r.rule for r in rows} <= {"16 kap. 1 § SoL (2025:400)", "12 kap. 1 § SoL (2001:453)"}
    with report.open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == len(GONE)
    assert ChangeRecord.objects.filter(object_type="case_file", action="thinned").count() == len(
        GONE
    )
    assert all(r.intact for r in chains_verify())
    assert retention_due(today=TODAY) == []  # a second run finds nothing


def test_the_demo_municipality_thinned_counts_the_same_and_its_chains_still_verify(
    settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    settings.BRYGGAN_DOCUMENTS_DIR = tmp_path / "documents"
    generate(households=12, seed=5, now=datetime(2026, 11, 23, 12, tzinfo=TZ))
    later = date(2040, 1, 1)
    first, last = Month(2020, 1), Month(2027, 12)
    before = register_rows(municipality="9999", first=first, last=last)
    stored = set(Document.objects.values_list("stored_name", flat=True))
    open_cases = set(
        Household.objects.exclude(status=HouseholdStatus.CLOSED).values_list("pk", flat=True)
    )
    due = {v.verdict.case_id for v in retention_due(today=later)}
    assert due

    # The stored files go after each file's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        protocol, thinned = retention_execute(today=later, by=None, run_by="test")

    assert {t.case_id for t in thinned} == due
    assert not Household.objects.filter(pk__in=due).exists()
    assert open_cases <= set(Household.objects.values_list("pk", flat=True))
    assert register_rows(municipality="9999", first=first, last=last) == before
    assert all(report.intact for report in chains_verify())
    left = set(Document.objects.values_list("stored_name", flat=True))
    documents_dir = Path(settings.BRYGGAN_DOCUMENTS_DIR)
    for name in stored - left:
        assert not (documents_dir / name).exists()
    for name in left:
        assert (documents_dir / name).exists()
    assert protocol.documents_removed == len(stored - left)
