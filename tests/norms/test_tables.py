"""The norm loader: shipped tables, missing years, validation of a new year's table, references.

Source of the table's shape: socialtjänstförordningen (2001:937) 2 kap. 1 §.
"""

from __future__ import annotations

import copy
import itertools
import shutil
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bryggan.core.month import Month
from bryggan.norms.tables import (
    DATA_DIR,
    SOCIAL_SERVICES_ACT,
    Decrease,
    NormDataError,
    NormMissingError,
    Norms,
    PersonalBand,
    TableProblem,
    default_norms,
    legal_references,
    load_riksnorm_file,
    riksnorm_for,
    validate_riksnorm_table,
)

SHIPPED_2021 = DATA_DIR / "riksnorm" / "2021.toml"
# Paragraph keys the calculation cites from whichever socialtjänstlag is in force.
CITED_PARAGRAPHS = (
    "right_to_assistance",
    "riksnorm",
    "reasonable_costs",
    "other_living_needs",
    "children_work_income",
    "jobbstimulans",
)


def _raw_2021() -> dict[str, Any]:
    return tomllib.loads(SHIPPED_2021.read_text(encoding="utf-8"))


def _problems(data: dict[str, Any]) -> list[str]:
    return [str(problem) for problem in validate_riksnorm_table(data).problems]


def test_the_shipped_2021_table_has_the_ordinances_amounts() -> None:
    table = riksnorm_for(Month(2021, 6))

    assert table.year == 2021
    assert table.source.reference == "SFS 2020:1013"
    assert table.personal(PersonalBand.SINGLE_ADULT) == 3160
    assert table.personal(PersonalBand.CHILD_3, lunch_at_home=False) == 1990
    assert table.personal(PersonalBand.CHILD_7_10, lunch_at_home=False) == 3060
    assert table.common(4) == 1610
    assert table.each_further_person == 170


@pytest.mark.parametrize("year", default_norms().norm_years())
def test_every_shipped_year_file_is_a_valid_table(year: int) -> None:
    table = Norms().riksnorm(year)

    assert table.year == year
    assert table.source.reference


def test_a_month_with_no_norm_year_shipped_gets_a_clear_error() -> None:
    with pytest.raises(NormMissingError) as error:
        riksnorm_for(Month(2030, 1))

    assert error.value.field == "month"
    assert error.value.message.startswith("no riksnorm for 2030 is shipped (norm years available: ")
    assert "2021" in error.value.message


def test_a_directory_without_tables_says_none_are_available(tmp_path: Path) -> None:
    with pytest.raises(NormMissingError, match=r"norm years available: none"):
        Norms(tmp_path).riksnorm_for(Month(2021, 1))


def test_the_shipped_table_validates_without_problems() -> None:
    validation = validate_riksnorm_table(_raw_2021(), expected_year=2021)

    assert validation.ok
    assert validation.problems == ()
    assert validation.table == load_riksnorm_file(SHIPPED_2021)


@pytest.mark.parametrize(
    ("section", "item"),
    [
        ("personal_costs", "child_7_10"),
        ("personal_costs", "cohabiting_adults"),
        ("personal_costs_no_lunch", "child_3"),
        ("common_household_costs", "5"),
    ],
)
def test_a_missing_band_is_a_problem(section: str, item: str) -> None:
    data = _raw_2021()
    del data[section][item]

    validation = validate_riksnorm_table(data)

    assert validation.table is None
    assert validation.problems == (TableProblem(f"{section}.{item}", "missing"),)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-3160, "must be a positive amount: -3160"),
        (0, "must be a positive amount: 0"),
        (3160.5, "not whole kronor: 3160.5"),
        ("3160", "not whole kronor: '3160'"),
        (True, "not whole kronor: True"),
    ],
)
def test_an_amount_must_be_a_positive_whole_number_of_kronor(value: object, message: str) -> None:
    data = _raw_2021()
    data["personal_costs"]["single_adult"] = value

    assert _problems(data) == [f"personal_costs.single_adult: {message}"]


def test_a_missing_section_an_unknown_item_and_a_wrong_year_are_all_reported() -> None:
    data = _raw_2021()
    del data["personal_costs_no_lunch"]
    data["personal_costs"]["child_7_1O"] = 3060
    data["year"] = 2022

    validation = validate_riksnorm_table(data, expected_year=2021)

    assert validation.table is None
    assert validation.problems == (
        TableProblem("year", "2022 does not match the file's year 2021"),
        TableProblem("personal_costs.child_7_1O", "unknown item"),
        TableProblem("personal_costs_no_lunch", "missing table"),
    )


def test_a_source_is_required() -> None:
    data = _raw_2021()
    data["source"] = {"reference": "", "title": "x", "kind": "hearsay"}

    assert _problems(data) == [
        "source.reference: must be a non-empty text",
        "source.kind: must be one of primary, secondary",
    ]


def test_common_costs_must_not_fall_as_the_household_grows() -> None:
    data = _raw_2021()
    data["common_household_costs"]["7"] = 2000

    assert _problems(data) == ["common_household_costs.7: lower than for 6 persons (2000 < 2100)"]


def test_items_lower_than_the_previous_year_are_flagged_for_confirmation() -> None:
    previous = Norms().riksnorm(2021)
    data = copy.deepcopy(_raw_2021())
    data["year"] = 2022
    data["personal_costs"]["child_3"] = 2160
    data["common_household_costs"]["7"] = 2260
    data["personal_costs"]["single_adult"] = 3200

    validation = validate_riksnorm_table(data, previous=previous)

    assert validation.ok
    assert validation.needs_confirmation
    assert validation.lower_than_previous == (
        Decrease("personal_costs.child_3", 2170, 2160),
        Decrease("common_household_costs.7", 2270, 2260),
        Decrease("common_household_costs.each_further_person", 170, 160),
    )


def test_a_table_equal_to_the_previous_year_needs_no_confirmation() -> None:
    validation = validate_riksnorm_table(_raw_2021(), previous=Norms().riksnorm(2021))

    assert validation.ok
    assert not validation.needs_confirmation


def test_each_shipped_year_is_no_lower_than_the_shipped_year_before() -> None:
    norms = Norms()
    years = norms.norm_years()
    for before, after in itertools.pairwise(years):
        raw = tomllib.loads((DATA_DIR / "riksnorm" / f"{after}.toml").read_text(encoding="utf-8"))
        validation = validate_riksnorm_table(raw, previous=norms.riksnorm(before))
        assert validation.lower_than_previous == (), (before, after)


def _data_dir_with(tmp_path: Path, year_file: str | None = None) -> Norms:
    shutil.copytree(DATA_DIR, tmp_path, dirs_exist_ok=True)
    if year_file is not None:
        (tmp_path / "riksnorm" / "2021.toml").write_text(year_file, encoding="utf-8")
    return Norms(tmp_path)


def test_a_broken_shipped_file_names_the_file_and_the_field(tmp_path: Path) -> None:
    broken = SHIPPED_2021.read_text(encoding="utf-8").replace("child_7_10 = 3060", "")
    norms = _data_dir_with(tmp_path, broken)

    with pytest.raises(
        NormDataError, match=r"riksnorm/2021.toml: personal_costs.child_7_10: missing"
    ):
        norms.riksnorm(2021)


def test_a_file_that_is_not_toml_is_a_data_error(tmp_path: Path) -> None:
    norms = _data_dir_with(tmp_path, "year = \n")

    with pytest.raises(NormDataError, match=r"2021.toml: not valid TOML"):
        norms.riksnorm(2021)


def test_the_prisbasbelopp_file_may_be_absent_until_a_year_is_needed(tmp_path: Path) -> None:
    norms = _data_dir_with(tmp_path)
    (tmp_path / "price_base_amount.toml").unlink(missing_ok=True)

    assert norms.riksnorm(2021).year == 2021
    with pytest.raises(NormMissingError, match=r"no prisbasbelopp for 2021 in price_base_amount"):
        norms.price_base_amount(2021)


def test_a_prisbasbelopp_is_read_with_its_ordinance(tmp_path: Path) -> None:
    norms = _data_dir_with(tmp_path)
    (tmp_path / "price_base_amount.toml").write_text(
        '[2021]\namount = 47600\nreference = "SFS 2020:764"\ntitle = "Förordning 2021"\n',
        encoding="utf-8",
    )

    amount = norms.price_base_amount(2021)

    assert (amount.year, amount.amount, amount.reference) == (2021, 47600, "SFS 2020:764")
    with pytest.raises(NormMissingError, match=r"no prisbasbelopp for 2019"):
        norms.price_base_amount(2019)


def test_a_bad_prisbasbelopp_is_a_data_error(tmp_path: Path) -> None:
    norms = _data_dir_with(tmp_path)
    (tmp_path / "price_base_amount.toml").write_text(
        '[2021]\namount = -1\nreference = "x"\ntitle = "y"\n', encoding="utf-8"
    )

    with pytest.raises(NormDataError, match=r"\[2021\].amount"):
        norms.price_base_amount(2021)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 6, 30), "4 kap. 3 § första stycket 1 SoL (2001:453)"),
        (date(2025, 7, 1), "12 kap. 7 § SoL (2025:400)"),
    ],
)
def test_the_riksnorm_paragraph_follows_the_law_in_force(day: date, expected: str) -> None:
    assert legal_references().cite(SOCIAL_SERVICES_ACT, "riksnorm", day) == expected


def test_unverified_paragraphs_are_cited_with_a_mark(tmp_path: Path) -> None:
    norms = _data_dir_with(tmp_path)
    (tmp_path / "legal_references.toml").write_text(
        '[new]\nact = "socialtjanstlag"\ntitle = "Socialtjänstlag (2025:400)"\n'
        'short = "SoL (2025:400)"\nvalid_from = 2025-07-01\n'
        '[new.paragraphs]\nriksnorm = "12 kap. 7 §"\n'
        'jobbstimulans = { text = "12 kap. 4 §", verified = false }\n',
        encoding="utf-8",
    )
    references = norms.legal_references()
    day = date(2026, 1, 1)

    assert references.cite(SOCIAL_SERVICES_ACT, "riksnorm", day) == "12 kap. 7 § SoL (2025:400)"
    assert references.cite(SOCIAL_SERVICES_ACT, "jobbstimulans", day) == (
        "12 kap. 4 § SoL (2025:400) (ej verifierad)"
    )


def test_a_paragraph_given_as_anything_else_is_a_data_error(tmp_path: Path) -> None:
    norms = _data_dir_with(tmp_path)
    (tmp_path / "legal_references.toml").write_text(
        '[new]\nact = "socialtjanstlag"\ntitle = "t"\nshort = "s"\nvalid_from = 2025-07-01\n'
        "[new.paragraphs]\nriksnorm = 7\n",
        encoding="utf-8",
    )

    with pytest.raises(NormDataError, match=r"\[new\].riksnorm: expected a text"):
        norms.legal_references()


@pytest.mark.parametrize(
    "law", [law for law in legal_references().laws if law.act == SOCIAL_SERVICES_ACT]
)
def test_every_social_services_act_has_the_paragraphs_the_calculation_cites(law: Any) -> None:
    assert set(CITED_PARAGRAPHS) <= set(law.paragraphs)


def test_the_appeal_paragraph_is_forvaltningslagen_44() -> None:
    assert (
        legal_references().cite("forvaltningslag", "appeal", date(2026, 1, 1))
        == "44 § FL (2017:900)"
    )


def test_two_laws_in_force_at_once_for_one_role_are_refused(tmp_path: Path) -> None:
    norms = _data_dir_with(tmp_path)
    text = (tmp_path / "legal_references.toml").read_text(encoding="utf-8")
    (tmp_path / "legal_references.toml").write_text(
        text.replace("valid_to = 2025-06-30", "valid_to = 2025-07-31"), encoding="utf-8"
    )

    with pytest.raises(NormDataError, match=r"both in force at once"):
        norms.legal_references()


def test_a_law_missing_for_the_date_is_a_clear_error() -> None:
    with pytest.raises(NormMissingError, match=r"no socialtjanstlag in force on 1990-01-01"):
        legal_references().cite(SOCIAL_SERVICES_ACT, "riksnorm", date(1990, 1, 1))
