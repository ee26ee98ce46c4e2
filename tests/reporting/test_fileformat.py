"""The file round-trips through the reader written from docs/reporting-file.md; bad files fail."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bryggan.reporting import fileformat
from bryggan.reporting.codes import code_lists
from bryggan.reporting.fileformat import ReportFileError
from bryggan.reporting.rules import (
    ClosureRecord,
    HouseholdRecord,
    HouseholdType,
    PersonRecord,
    ReportFile,
)

CODES = code_lists()
REASONS = sorted(CODES.reasons_for_need.codes)
ACTIVITIES = sorted(CODES.activities.codes)
CLOSURES = sorted(CODES.closure_reasons.codes)

identities = st.builds(
    lambda d, n: f"{d:%Y%m%d}-{n:04d}",
    st.dates(date(1930, 1, 1), date(2026, 1, 1)),
    st.integers(0, 9999),
)
persons = st.builds(
    lambda identity, role, sex, reason, kinds: PersonRecord(
        identity, role, sex, reason, "", bool(kinds), tuple(sorted(kinds))
    ),
    identities,
    st.sampled_from(["S", "M"]),
    st.sampled_from(["K", "M"]),
    st.sampled_from(REASONS),
    st.sets(st.sampled_from(ACTIVITIES), max_size=3),
)
households = st.builds(
    lambda n, paid, kind, people, children: HouseholdRecord(
        f"2026-{n:05d}", paid, kind, tuple(people), tuple(children)
    ),
    st.integers(1, 99_999),
    st.integers(0, 100_000),
    st.sampled_from([t.value for t in HouseholdType]),
    st.lists(persons, max_size=2),
    st.lists(identities, max_size=4),
)
reports = st.builds(
    lambda code, month, version, rows, closures: ReportFile(
        code,
        f"{month[0]:04d}-{month[1]:02d}",
        version,
        date(2026, 11, 10),
        tuple({h.case_number: h for h in rows}.values()),
        tuple(closures),
    ),
    st.from_regex(r"\A[0-9]{4}\Z"),
    st.tuples(st.integers(2017, 2030), st.integers(1, 12)),
    st.integers(1, 20),
    st.lists(households, max_size=6),
    st.lists(
        st.builds(
            lambda n, d, r: ClosureRecord(f"2025-{n:05d}", d, r, ""),
            st.integers(1, 99_999),
            st.dates(date(2026, 1, 1), date(2026, 12, 31)),
            st.sampled_from(CLOSURES),
        ),
        max_size=3,
    ),
)


@given(reports)
def test_every_report_round_trips_through_the_reader(report: ReportFile) -> None:
    assert fileformat.read(fileformat.write(report), CODES) == report


MAN, WOMAN, KINDS = "19800101-1231", "19820202-1240", ("sfi", "work_training")
EXAMPLE = ReportFile(
    municipality_code="1982",
    month="2026-10",
    version=1,
    created_on=date(2026, 11, 5),
    households=(
        HouseholdRecord(
            "2026-00012",
            9800,
            "8",
            (
                PersonRecord(MAN, "S", "M", "full_time_insufficient_income", "", False, ()),
                PersonRecord(WOMAN, "M", "K", "unemployed_no_benefit", "", True, KINDS),
            ),
            ("20150301-0017",),
        ),
    ),
    closures=(ClosureRecord("2025-00003", date(2026, 10, 20), "work", ""),),
)  # fmt: skip


def test_the_written_file_is_the_documented_layout() -> None:
    assert fileformat.write(EXAMPLE).splitlines() == [
        "#;BRYGGAN-EB/1",
        "H;1982;2026-10;1;2026-11-05",
        "HH;2026-00012;9800;8",
        "P;2026-00012;19800101-1231;S;M;;full_time_insufficient_income;;0",
        "P;2026-00012;19820202-1240;M;K;;unemployed_no_benefit;sfi,work_training;1",
        "B;2026-00012;20150301-0017",
        "A;2025-00003;2026-10-20;;work",
        "T;1;2;1;1;9800",
    ]


def _broken(old: str, new: str) -> str:
    text = fileformat.write(EXAMPLE)
    assert old in text
    return text.replace(old, new)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_broken("T;1;2;1;1;9800", "T;1;2;1;1;9801"), "line 8: trailer counts"),
        (_broken(";unemployed_no_benefit;", ";arbetslos;"), "line 5: reason for need: not in"),
        (_broken("sfi,work_training", "sfi,yoga"), "line 5: activities"),
        (_broken(";work\n", ";lottery\n"), "line 7: closure reason"),
        (_broken("HH;2026-00012;9800;8", "HH;2026-00012;9800;2"), "line 3: household type"),
        (_broken("H;1982;", "H;198;"), "line 2: municipality"),
        (_broken("2026-10;1", "2026-13;1"), "line 2: month"),
        (_broken("B;2026-00012;", "B;2026-00099;"), "line 6: B must follow"),
        (_broken("T;1;2;1;1;9800\n", "T;1;2;1;1;9800"), "line break"),
        (_broken("#;BRYGGAN-EB/1", "#;OTHER/1"), "line 1"),
        (_broken("HH;2026-00012;9800;8", "HH;2026-00012;9800;8;"), "separator"),
        (_broken("_income;;0", "_income;;1"), "activity flag"),
        (_broken("T;1;2;1;1;9800\n", ""), "trailer (T) is missing"),
    ],
)  # fmt: skip
def test_a_bad_file_is_refused_naming_the_line(text: str, message: str) -> None:
    with pytest.raises(ReportFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        fileformat.read(text, CODES)
