"""`bryggan calculate`: exit 0 with JSON, exit 2 with one line naming the field on bad input.

Every bad input is tried through `main()` (capsys) and through a real process reading stdin.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bryggan.commands.calculate import main

GOOD = {
    "month": "2021-03",
    "members": [{"id": "a", "birth_date": "1980-01-01"}],
    "costs": [{"type": "housing", "amount": 5000}],
    "incomes": [{"type": "employment", "member": "a", "amount": 1000}],
}


def _with(**changes: object) -> str:
    return json.dumps({**GOOD, **changes})


def _member(**fields: object) -> list[dict[str, object]]:
    return [{"id": "a", "birth_date": "1980-01-01", **fields}]


BAD_INPUTS = [
    ('{"month": "2021-03",', "{file}:1:21: not valid JSON"),
    ("[1, 2]", "{file}: expected a JSON object, got an array"),
    ("", "{file}:1:1: not valid JSON"),
    ("null", "{file}: expected a JSON object, got null"),
    (_with(costs=[{"type": "rent", "amount": 1}]), 'costs[0].type: unknown cost type: "rent"'),
    (
        _with(incomes=[{"type": "gift", "amount": 1}]),
        'incomes[0].type: unknown income type: "gift"',
    ),
    (_with(costs=[{"type": "housing", "amount": -1}]), "costs[0].amount: must not be negative: -1"),
    (_with(costs=[{"type": "housing", "amount": 12.5}]), "costs[0].amount: not whole kronor"),
    (_with(costs=[{"type": "housing", "amount": 12.0}]), "costs[0].amount: not whole kronor"),
    (_with(costs=[{"type": "housing", "amount": "12"}]), "costs[0].amount: not whole kronor"),
    (_with(incomes=[{"type": "pension", "amount": True}]), "incomes[0].amount: not whole kronor"),
    (_with(consecutive_months_on_assistance=True), "consecutive_months_on_assistance: not a whole"),
    (_with(jobbstimulans_months_used=25), "jobbstimulans_months_used: at most 24 months"),
    (_with(shared_household_size=False), "shared_household_size: not a number of persons"),
    (_with(shared_household_size=1), "shared_household_size: must be a whole number of persons"),
    (_with(month="2030-01"), "month: no riksnorm for 2030 is shipped"),
    (_with(month="2021-13"), 'month: not a month (YYYY-MM): "2021-13"'),
    (_with(month=202103), "month: not a month (YYYY-MM): 202103"),
    (_with(members=[{"id": "a"}]), "members[0].birth_date: missing"),
    (
        _with(members=_member(birth_date="2019-13-01")),
        'members[0].birth_date: not a date: "2019-13-01"',
    ),
    (
        _with(members=_member(birth_date="20190101")),
        'members[0].birth_date: not a date: "20190101"',
    ),
    (
        _with(members=_member(birth_date="2021-04-01")),
        "members[0].birth_date: after the month 2021-03",
    ),
    (
        _with(members=_member(lunch_at_home=None)),
        "members[0].lunch_at_home: expected true or false",
    ),
    (_with(members=_member(in_school="yes")), "members[0].in_school: expected true or false"),
    (_with(members=_member(id=7)), "members[0].id: expected a text, got 7"),
    (_with(members=_member(lunch=True)), "members[0].lunch: unknown field"),
    (_with(members=[]), "members: at least one member is needed"),
    (json.dumps({"month": "2021-03"}), "members: missing"),
    (json.dumps({"members": GOOD["members"]}), "month: missing"),
    (_with(members=[*_member(), *_member()]), 'members[1].id: duplicate member id "a"'),
    (
        _with(incomes=[{"type": "pension", "amount": 1, "member": "x"}]),
        'incomes[0].member: no member with id "x"',
    ),
    (_with(cohabiting=True), "cohabiting: true needs exactly two adults in the household, found 1"),
    (_with(cohabiting="true"), 'cohabiting: expected true or false, got "true"'),
    (_with(cohabitting=True), "cohabitting: unknown field"),
    (_with(costs={"type": "housing"}), "costs: expected an array, got an object"),
    (_with(costs=[{"type": "housing", "amount": 1, "note": 5}]), "costs[0].note: expected a text"),
    ('{"month": "2021-03", "month": "2021-04", "members": []}', "month: given twice"),
    (
        '{"month": "2021-03", "members": [], "costs": [{"type": "housing", "amount": NaN}]}',
        "{file}: not valid JSON",
    ),
    (
        '{"month": "2021-03", "members": [{"id": "a\\nb", "birth_date": 1}]}',
        "members[0].birth_date: not a date: 1",
    ),
]
IDS = [f"{index}-{expected.split(':')[0]}" for index, (_, expected) in enumerate(BAD_INPUTS)]


@pytest.mark.parametrize(("text", "expected"), BAD_INPUTS, ids=IDS)
def test_bad_input_through_main_exits_2_with_one_line_naming_the_field(
    text: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "input.json"
    path.write_text(text, encoding="utf-8")
    expected = expected.replace("{file}", str(path))

    status = main([str(path)])

    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    assert err.endswith("\n")
    assert err.count("\n") == 1
    assert err.startswith(expected)


@pytest.mark.parametrize(("text", "expected"), BAD_INPUTS, ids=IDS)
def test_bad_input_through_a_process_exits_2_with_one_line_naming_the_field(
    text: str, expected: str
) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "bryggan.cli", "calculate", "-"],
        input=text.encode(),
        capture_output=True,
        check=False,
    )

    err = completed.stderr.decode()
    assert completed.returncode == 2
    assert completed.stdout == b""
    assert err.count("\n") == 1
    assert err.startswith(expected.replace("{file}", "stdin"))


def test_a_good_file_exits_0_with_the_contracts_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "household.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")

    status = main([str(path)])

    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    result = json.loads(out)
    assert result["norm_year"] == 2021
    assert result["need"] == 3160 + 1020 + 5000
    assert result["amount"] == 3160 + 1020 + 5000 - 1000


def test_standard_input_and_explain_through_the_console_command() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "bryggan.cli", "calculate", "--explain", "-"],
        input=json.dumps(GOOD).encode(),
        capture_output=True,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    text = completed.stdout.decode()
    assert text.startswith("Försörjningsstöd för mars 2021 (riksnorm 2021)")
    assert "8\u202f180\u00a0kr" in text


@pytest.mark.parametrize(
    "argv", [[], ["a.json", "b.json"], ["--explain"], ["--verbose", "a.json"]], ids=str
)
def test_wrong_arguments_exit_2_with_the_usage_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(argv)

    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert err.startswith("usage: bryggan calculate")
    assert err.count("\n") == 1


def test_a_missing_file_exits_2_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.json"

    status = main([str(missing)])

    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert err.startswith(f"{missing}: cannot read")


def test_a_file_that_is_not_utf8_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"month": "2021-03", "note": "glasögon"}'.encode("latin-1"))

    status = main([str(path)])

    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert err == f"{path}: not UTF-8 text\n"
