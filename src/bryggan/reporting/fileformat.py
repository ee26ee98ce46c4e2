"""Bryggan's monthly report file: writer and reader (layout in docs/reporting-file.md).

The official record layout (Socialstyrelsen's *teknisk beskrivning för inrapportering*) was not
found in the stored sources, so this is Bryggan's own documented layout: UTF-8 text, one record per
line, fields separated by semicolons and no line ending in one, after the Filip layout of the sister
regulation HSLF-FS 2017:67 (research note, section 6). The reader is written from the description
in docs/reporting-file.md, not from the writer, and checks everything the description promises.

Pure: no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bryggan.core.errors import DomainError
from bryggan.reporting.codes import CodeLists
from bryggan.reporting.rules import (
    ClosureRecord,
    HouseholdRecord,
    HouseholdType,
    PersonRecord,
    ReportFile,
)

FORMAT_NAME = "BRYGGAN-EB"
FORMAT_VERSION = "1"
SEPARATOR = ";"
FIELDS = {"#": 2, "H": 5, "HH": 4, "P": 9, "B": 3, "A": 5, "T": 6}
_MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_MUNICIPALITY_RE = re.compile(r"^\d{4}$")
_IDENTITY_RE = re.compile(r"^\d{8}-\d{4}$")
_CASE_RE = re.compile(r"^[0-9A-Za-z-]+$")


class ReportFileError(DomainError):
    """The text is not a valid report file; the message names the line and the field."""


def _line(*fields: object) -> str:
    text = [str(f) for f in fields]
    for value in text:
        if SEPARATOR in value or "\n" in value:
            raise ValueError(f"a field holds the separator or a line break: {value!r}")
    return SEPARATOR.join(text)


def write(report: ReportFile) -> str:
    """The file's text for `report`; ends with a line break."""
    lines = [
        _line("#", f"{FORMAT_NAME}/{FORMAT_VERSION}"),
        _line(
            "H",
            report.municipality_code,
            report.month,
            report.version,
            report.created_on.isoformat(),
        ),
    ]
    for household in report.households:
        lines.append(_line("HH", household.case_number, household.paid, household.household_type))
        for p in household.persons:
            lines.append(
                _line(
                    "P",
                    household.case_number,
                    p.identity_number,
                    p.role,
                    p.sex,
                    p.reason_official,
                    p.reason,
                    ",".join(p.activities),
                    int(p.municipal_activity),
                )
            )
        lines.extend(_line("B", household.case_number, child) for child in household.children)
    lines.extend(
        _line("A", c.case_number, c.closed_on.isoformat(), c.reason_official, c.reason)
        for c in report.closures
    )
    lines.append(
        _line(
            "T",
            len(report.households),
            report.person_count,
            report.child_count,
            len(report.closures),
            report.total_paid,
        )
    )
    return "\n".join(lines) + "\n"


@dataclass
class _Household:
    case_number: str
    paid: int
    household_type: str
    persons: list[PersonRecord]
    children: list[str]


class _Reader:
    def __init__(self, text: str, codes: CodeLists) -> None:
        self.lines = text.split("\n")
        self.codes = codes
        self.number = 0

    def fail(self, message: str) -> ReportFileError:
        return ReportFileError(f"line {self.number}: {message}", field=f"line {self.number}")

    def integer(self, value: str, name: str) -> int:
        if not value.isdigit():
            raise self.fail(f"{name}: not a whole number: {value!r}")
        return int(value)

    def day(self, value: str, name: str) -> date:
        try:
            return date.fromisoformat(value)
        except ValueError as error:
            raise self.fail(f"{name}: not a date (YYYY-MM-DD): {value!r}") from error

    def case(self, value: str) -> str:
        if not _CASE_RE.match(value):
            raise self.fail(f"case: not a case number: {value!r}")
        return value

    def identity(self, value: str, name: str) -> str:
        if not _IDENTITY_RE.match(value):
            raise self.fail(f"{name}: not a personnummer (YYYYMMDD-NNNN): {value!r}")
        return value

    def records(self) -> list[list[str]]:
        if not self.lines or self.lines[-1] != "":
            self.number = len(self.lines)
            raise self.fail("the file must end with a line break")
        rows = []
        for number, line in enumerate(self.lines[:-1], start=1):
            self.number = number
            if line.endswith(SEPARATOR):
                raise self.fail("a line must not end with a separator")
            fields = line.split(SEPARATOR)
            expected = FIELDS.get(fields[0])
            if expected is None:
                raise self.fail(f"unknown record type: {fields[0]!r}")
            if len(fields) != expected:
                raise self.fail(f"{fields[0]}: {expected} fields expected, found {len(fields)}")
            rows.append(fields)
        return rows

    def read(self) -> ReportFile:  # noqa: PLR0915 — one pass over the records
        rows = self.records()
        kinds = [r[0] for r in rows]
        self.number = 1
        if kinds[:2] != ["#", "H"] or rows[0][1] != f"{FORMAT_NAME}/{FORMAT_VERSION}":
            raise self.fail(f"the file starts with '#;{FORMAT_NAME}/{FORMAT_VERSION}' and a header")
        self.number = 2
        _, municipality, month, version_text, created_text = rows[1]
        if not _MUNICIPALITY_RE.match(municipality):
            raise self.fail(f"municipality: four digits expected: {municipality!r}")
        if not _MONTH_RE.match(month):
            raise self.fail(f"month: not YYYY-MM: {month!r}")
        version = self.integer(version_text, "version")
        created_on = self.day(created_text, "created")
        households: list[_Household] = []
        closures: list[ClosureRecord] = []
        trailer: list[str] | None = None
        reasons, closure_codes = self.codes.reasons_for_need, self.codes.closure_reasons
        activity_codes = self.codes.activities
        for number, row in enumerate(rows[2:], start=3):
            self.number = number
            kind = row[0]
            if trailer is not None:
                raise self.fail("nothing may follow the trailer")
            if kind == "HH":
                if closures:
                    raise self.fail("household records come before the closures")
                household_type = row[3]
                if household_type not in {t.value for t in HouseholdType}:
                    raise self.fail(f"household type: unknown code {household_type!r}")
                case_number = self.case(row[1])
                if any(h.case_number == case_number for h in households):
                    raise self.fail(f"case {case_number} appears twice")
                households.append(
                    _Household(case_number, self.integer(row[2], "paid"), household_type, [], [])
                )
            elif kind in {"P", "B"}:
                if not households or households[-1].case_number != row[1] or closures:
                    raise self.fail(f"{kind} must follow its household record")
                current = households[-1]
                if kind == "B":
                    current.children.append(self.identity(row[2], "child"))
                    continue
                _, _, identity, role, sex, official, reason, kinds_text, activity = row
                if role not in {"S", "M"} or sex not in {"K", "M"} or activity not in {"0", "1"}:
                    raise self.fail("role S/M, sex K/M and activity 0/1 expected")
                if reason not in reasons:
                    raise self.fail(f"reason for need: not in the code list: {reason!r}")
                if official != reasons.codes[reason].official_code:
                    raise self.fail(f"official code {official!r} does not match {reason!r}")
                activities = tuple(kinds_text.split(",")) if kinds_text else ()
                unknown = [a for a in activities if a not in activity_codes]
                if unknown:
                    raise self.fail(f"activities: not in the code list: {unknown}")
                if (activity == "1") != bool(activities):
                    raise self.fail("activity flag and activity kinds disagree")
                current.persons.append(
                    PersonRecord(
                        identity_number=self.identity(identity, "person"),
                        role=role,
                        sex=sex,
                        reason=reason,
                        reason_official=official,
                        municipal_activity=activity == "1",
                        activities=activities,
                    )
                )
            elif kind == "A":
                _, case_number, closed_text, official, reason = row
                if reason not in closure_codes:
                    raise self.fail(f"closure reason: not in the code list: {reason!r}")
                if official != closure_codes.codes[reason].official_code:
                    raise self.fail(f"official code {official!r} does not match {reason!r}")
                closures.append(
                    ClosureRecord(
                        self.case(case_number), self.day(closed_text, "closed"), reason, official
                    )
                )
            elif kind == "T":
                trailer = row
            else:
                raise self.fail(f"{kind} record out of place")
        if trailer is None:
            raise self.fail("the trailer (T) is missing")
        report = ReportFile(
            municipality_code=municipality,
            month=month,
            version=version,
            created_on=created_on,
            households=tuple(
                HouseholdRecord(
                    h.case_number, h.paid, h.household_type, tuple(h.persons), tuple(h.children)
                )
                for h in households
            ),
            closures=tuple(closures),
        )
        counts = [
            len(report.households),
            report.person_count,
            report.child_count,
            len(report.closures),
            report.total_paid,
        ]
        if [self.integer(v, "trailer") for v in trailer[1:]] != counts:
            raise self.fail(f"trailer counts do not match the records: {counts}")
        return report


def read(text: str, codes: CodeLists) -> ReportFile:
    """Parse and check a report file; `ReportFileError` names the first bad line."""
    return _Reader(text, codes).read()
