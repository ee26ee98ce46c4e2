"""Yearly norm tables as data: the riksnorm, the prisbasbelopp and the paragraph references.

The riksnorm amounts are set every November by the government in socialtjänstförordningen
(2001:937) 2 kap. 1 §, one amending ordinance per year; the prisbasbelopp by a yearly ordinance
under socialförsäkringsbalken 2 kap. 6–7 §§. Each year is one TOML file under `data/` with its
source; a new year is a new file, never an edit of code (shared/DESIGN.md). This module loads those
files, checks them and returns frozen values. `validate_riksnorm_table` is also what an
administrator's import form calls before a new year's table is accepted.

Nothing here imports Django: the calculation engine and the command line use it directly.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import TypeGuard

from bryggan.core.errors import DomainError
from bryggan.core.money import Kronor
from bryggan.core.month import Month

DATA_DIR = Path(__file__).parent / "data"
RIKSNORM_DIR_NAME = "riksnorm"
PRICE_BASE_AMOUNT_FILE = "price_base_amount.toml"
LEGAL_REFERENCES_FILE = "legal_references.toml"

# The ordinance tabulates common household costs for 1–7 persons; each further person adds the
# difference between 7 and 6 (socialtjänstförordningen 2 kap. 1 §), derived here and never stored.
LARGEST_TABULATED_HOUSEHOLD = 7
HOUSEHOLD_SIZES = tuple(range(1, LARGEST_TABULATED_HOUSEHOLD + 1))

# Roles a law plays; a successor law takes over the role from its valid_from date.
SOCIAL_SERVICES_ACT = "socialtjanstlag"
SOCIAL_SERVICES_ORDINANCE = "socialtjanstforordning"
ADMINISTRATIVE_PROCEDURE_ACT = "forvaltningslag"

SOURCE_KINDS = ("primary", "secondary")
UNVERIFIED_MARK = "(ej verifierad)"
_YEAR_FILE_RE = re.compile(r"^(\d{4})\.toml$")


class PersonalBand(StrEnum):
    """The riksnorm's columns of *personliga kostnader*, named as in the year files."""

    CHILD_UNDER_1 = "child_under_1"
    CHILD_1_2 = "child_1_2"
    CHILD_3 = "child_3"
    CHILD_4_6 = "child_4_6"
    CHILD_7_10 = "child_7_10"
    CHILD_11_14 = "child_11_14"
    CHILD_15_18 = "child_15_18"
    YOUTH_19_20 = "youth_19_20"
    SINGLE_ADULT = "single_adult"
    COHABITING_ADULTS = "cohabiting_adults"


# Bands with a lower amount for a child who does not eat lunch at home five days a week.
NO_LUNCH_BANDS = (
    PersonalBand.CHILD_UNDER_1,
    PersonalBand.CHILD_1_2,
    PersonalBand.CHILD_3,
    PersonalBand.CHILD_4_6,
)


class NormMissingError(DomainError):
    """The norm data has no table for what a calculation needs (a year, a prisbasbelopp, a law)."""


class NormDataError(DomainError):
    """A norm data file exists but is not a valid table."""


@dataclass(frozen=True, slots=True)
class SourceReference:
    """Where a year's amounts come from: the amending ordinance or the authority's publication."""

    reference: str
    title: str
    kind: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class RiksnormTable:
    """One year's riksnorm in kronor per month.

    Source: socialtjänstförordningen (2001:937) 2 kap. 1 §, as amended for the year.
    """

    year: int
    source: SourceReference
    personal_costs: Mapping[PersonalBand, Kronor]
    personal_costs_no_lunch: Mapping[PersonalBand, Kronor]
    common_household_costs: Mapping[int, Kronor]

    def personal(self, band: PersonalBand, *, lunch_at_home: bool = True) -> Kronor:
        """Personal costs for one band; the *ej lunch* amount where the band has one."""
        if not lunch_at_home and band in self.personal_costs_no_lunch:
            return self.personal_costs_no_lunch[band]
        return self.personal_costs[band]

    @property
    def each_further_person(self) -> Kronor:
        """Common costs added by each person past seven: the amount for 7 minus that for 6.

        Source: socialtjänstförordningen (2001:937) 2 kap. 1 §.
        """
        seven = self.common_household_costs[LARGEST_TABULATED_HOUSEHOLD]
        return seven - self.common_household_costs[LARGEST_TABULATED_HOUSEHOLD - 1]

    def common(self, size: int) -> Kronor:
        """Common household costs (*gemensamma hushållskostnader*) for a household of `size`.

        Source: socialtjänstförordningen (2001:937) 2 kap. 1 §.
        """
        if size < 1:
            raise ValueError(f"household size must be at least 1: {size}")
        if size <= LARGEST_TABULATED_HOUSEHOLD:
            return self.common_household_costs[size]
        further = size - LARGEST_TABULATED_HOUSEHOLD
        return self.common_household_costs[LARGEST_TABULATED_HOUSEHOLD] + (
            further * self.each_further_person
        )

    def items(self) -> dict[str, Kronor]:
        """Every amount of the table by its dotted item name, derived ones included."""
        result = {f"personal_costs.{band}": amount for band, amount in self.personal_costs.items()}
        result.update(
            {
                f"personal_costs_no_lunch.{band}": amount
                for band, amount in self.personal_costs_no_lunch.items()
            }
        )
        result.update(
            {
                f"common_household_costs.{size}": amount
                for size, amount in self.common_household_costs.items()
            }
        )
        result["common_household_costs.each_further_person"] = self.each_further_person
        return result


@dataclass(frozen=True, slots=True)
class TableProblem:
    """One thing wrong with a table, named by its dotted field path."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@dataclass(frozen=True, slots=True)
class Decrease:
    """An item lower than in the previous year's table: allowed, but only once confirmed."""

    item: str
    previous: Kronor
    new: Kronor


@dataclass(frozen=True, slots=True)
class TableValidation:
    """The outcome of checking a riksnorm table: the table if valid, problems, decreases."""

    table: RiksnormTable | None
    problems: tuple[TableProblem, ...]
    lower_than_previous: tuple[Decrease, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def needs_confirmation(self) -> bool:
        """True when some item is lower than last year's: the import form asks before saving."""
        return bool(self.lower_than_previous)


@dataclass(frozen=True, slots=True)
class PriceBaseAmount:
    """One year's *prisbasbelopp* with the ordinance that set it."""

    year: int
    amount: Kronor
    reference: str
    title: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph reference (`4 kap. 3 §`), and whether it was checked against the statute."""

    key: str
    text: str
    verified: bool = True


@dataclass(frozen=True, slots=True)
class Law:
    """A statute with the period it is in force and the paragraphs Bryggan cites from it."""

    key: str
    act: str
    title: str
    short: str
    valid_from: date
    valid_to: date | None
    paragraphs: Mapping[str, Paragraph]

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def cite(self, paragraph: str) -> str:
        """`4 kap. 3 § SoL (2001:453)`, marked `(ej verifierad)` until checked against the law."""
        if paragraph not in self.paragraphs:
            raise NormMissingError(f"{self.title} has no paragraph reference {paragraph!r}")
        cited = self.paragraphs[paragraph]
        mark = "" if cited.verified else f" {UNVERIFIED_MARK}"
        return f"{cited.text} {self.short}{mark}"


@dataclass(frozen=True, slots=True)
class LegalReferences:
    """Every law in legal_references.toml; picks the one in force for a role on a date."""

    laws: tuple[Law, ...]

    def law(self, act: str, on: date) -> Law:
        for law in self.laws:
            if law.act == act and law.in_force_on(on):
                return law
        raise NormMissingError(f"no {act} in force on {on.isoformat()} in {LEGAL_REFERENCES_FILE}")

    def cite(self, act: str, paragraph: str, on: date) -> str:
        """The paragraph of the law playing `act` on `on`, e.g. `4 kap. 1 b § SoL (2001:453)`."""
        return self.law(act, on).cite(paragraph)


# --- validation -------------------------------------------------------------------------------


def _is_kronor(value: object) -> TypeGuard[int]:
    """True for an int that is not a bool (TOML and JSON both have booleans)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _amount_section(
    data: Mapping[str, object],
    section: str,
    keys: tuple[str, ...],
    problems: list[TableProblem],
) -> dict[str, Kronor]:
    """Check that `section` holds exactly `keys`, each a positive whole number of kronor."""
    raw = data.get(section)
    if not isinstance(raw, Mapping):
        problems.append(TableProblem(section, "missing table"))
        return {}
    amounts: dict[str, Kronor] = {}
    for key in keys:
        field = f"{section}.{key}"
        if key not in raw:
            problems.append(TableProblem(field, "missing"))
            continue
        value = raw[key]
        if not _is_kronor(value):
            problems.append(TableProblem(field, f"not whole kronor: {value!r}"))
        elif value <= 0:
            problems.append(TableProblem(field, f"must be a positive amount: {value}"))
        else:
            amounts[key] = value
    problems.extend(
        TableProblem(f"{section}.{key}", "unknown item") for key in raw if key not in keys
    )
    return amounts


def _source(data: Mapping[str, object], problems: list[TableProblem]) -> SourceReference | None:
    raw = data.get("source")
    if not isinstance(raw, Mapping):
        problems.append(TableProblem("source", "missing table (reference, title, kind)"))
        return None
    before = len(problems)
    text: dict[str, str] = {}
    for key in ("reference", "title", "kind", "note"):
        value = raw.get(key, "" if key == "note" else None)
        if not isinstance(value, str) or (key != "note" and not value.strip()):
            problems.append(TableProblem(f"source.{key}", "must be a non-empty text"))
        else:
            text[key] = value
    if text.get("kind", SOURCE_KINDS[0]) not in SOURCE_KINDS:
        problems.append(TableProblem("source.kind", f"must be one of {', '.join(SOURCE_KINDS)}"))
    if len(problems) > before:
        return None
    return SourceReference(text["reference"], text["title"], text["kind"], text["note"])


def validate_riksnorm_table(
    data: Mapping[str, object],
    *,
    previous: RiksnormTable | None = None,
    expected_year: int | None = None,
) -> TableValidation:
    """Check a year's riksnorm table as read from TOML (or an administrator's import form).

    Every band and household size 1–7 must be present with a positive whole number of kronor, the
    common costs must not fall as the household grows (the amount per further person is derived
    from 7 minus 6), and the source must be named. Items lower than in `previous` are not errors:
    they are listed in `lower_than_previous` so that the form can ask for confirmation.

    Source: socialtjänstförordningen (2001:937) 2 kap. 1 § (the table's shape).
    """
    problems: list[TableProblem] = []
    known = {
        "year",
        "source",
        "personal_costs",
        "personal_costs_no_lunch",
        "common_household_costs",
    }
    problems.extend(TableProblem(str(key), "unknown field") for key in data if key not in known)

    raw_year = data.get("year")
    year = raw_year if _is_kronor(raw_year) and 1900 <= raw_year <= 9999 else None  # noqa: PLR2004
    if year is None:
        problems.append(TableProblem("year", f"not a year: {raw_year!r}"))
    elif expected_year is not None and year != expected_year:
        problems.append(
            TableProblem("year", f"{year} does not match the file's year {expected_year}")
        )

    source = _source(data, problems)
    personal = _amount_section(
        data, "personal_costs", tuple(band.value for band in PersonalBand), problems
    )
    no_lunch = _amount_section(
        data, "personal_costs_no_lunch", tuple(band.value for band in NO_LUNCH_BANDS), problems
    )
    common_raw = _amount_section(
        data, "common_household_costs", tuple(str(size) for size in HOUSEHOLD_SIZES), problems
    )
    common = {int(size): amount for size, amount in common_raw.items()}
    for size in HOUSEHOLD_SIZES[1:]:
        if size in common and size - 1 in common and common[size] < common[size - 1]:
            problems.append(
                TableProblem(
                    f"common_household_costs.{size}",
                    f"lower than for {size - 1} persons ({common[size]} < {common[size - 1]})",
                )
            )

    if problems or source is None or year is None:
        return TableValidation(None, tuple(problems), ())
    table = RiksnormTable(
        year=year,
        source=source,
        personal_costs=MappingProxyType({PersonalBand(k): v for k, v in personal.items()}),
        personal_costs_no_lunch=MappingProxyType({PersonalBand(k): v for k, v in no_lunch.items()}),
        common_household_costs=MappingProxyType(dict(sorted(common.items()))),
    )
    decreases: tuple[Decrease, ...] = ()
    if previous is not None:
        before = previous.items()
        decreases = tuple(
            Decrease(item, before[item], amount)
            for item, amount in table.items().items()
            if item in before and amount < before[item]
        )
    return TableValidation(table, (), decreases)


# --- loading ----------------------------------------------------------------------------------


def _read_toml(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise NormDataError(f"{path.name}: not valid TOML: {error}") from error


def load_riksnorm_file(path: Path) -> RiksnormTable:
    """Load and validate one year file (`riksnorm/2021.toml`); raise NormDataError if invalid."""
    match = _YEAR_FILE_RE.match(path.name)
    expected = int(match.group(1)) if match else None
    validation = validate_riksnorm_table(_read_toml(path), expected_year=expected)
    if validation.table is None:
        raise NormDataError(
            f"{path.parent.name}/{path.name}: " + "; ".join(map(str, validation.problems))
        )
    return validation.table


def _parse_price_base_amounts(data: Mapping[str, object]) -> dict[int, PriceBaseAmount]:
    amounts: dict[int, PriceBaseAmount] = {}
    for key, raw in data.items():
        where = f"{PRICE_BASE_AMOUNT_FILE}: [{key}]"
        if not key.isdigit() or not isinstance(raw, Mapping):
            raise NormDataError(f"{where}: expected a table per year, e.g. [2021]")
        amount, reference, title = raw.get("amount"), raw.get("reference"), raw.get("title")
        if not _is_kronor(amount) or amount <= 0:
            raise NormDataError(f"{where}.amount: must be a positive whole number of kronor")
        if not isinstance(reference, str) or not isinstance(title, str):
            raise NormDataError(f"{where}: reference and title must be texts")
        unknown = set(raw) - {"amount", "reference", "title"}
        if unknown:
            raise NormDataError(f"{where}.{sorted(unknown)[0]}: unknown field")
        amounts[int(key)] = PriceBaseAmount(int(key), amount, reference, title)
    return amounts


def _parse_paragraph(where: str, key: str, raw: object) -> Paragraph:
    if isinstance(raw, str):
        return Paragraph(key, raw)
    if isinstance(raw, Mapping):
        text, verified = raw.get("text"), raw.get("verified", True)
        if (
            isinstance(text, str)
            and isinstance(verified, bool)
            and set(raw) <= {"text", "verified"}
        ):
            return Paragraph(key, text, verified)
    raise NormDataError(f"{where}.{key}: expected a text or {{ text = ..., verified = false }}")


def _parse_legal_references(data: Mapping[str, object]) -> LegalReferences:
    laws: list[Law] = []
    for key, raw in data.items():
        where = f"{LEGAL_REFERENCES_FILE}: [{key}]"
        if not isinstance(raw, Mapping):
            raise NormDataError(f"{where}: expected a table per law")
        texts = [raw.get(name) for name in ("act", "title", "short")]
        valid_from, valid_to = raw.get("valid_from"), raw.get("valid_to")
        paragraphs = raw.get("paragraphs", {})
        if not all(isinstance(text, str) and text for text in texts):
            raise NormDataError(f"{where}: act, title and short must be non-empty texts")
        if not isinstance(valid_from, date) or not isinstance(valid_to, date | None):
            raise NormDataError(f"{where}: valid_from (and valid_to if given) must be dates")
        if not isinstance(paragraphs, Mapping):
            raise NormDataError(f"{where}.paragraphs: expected a table")
        laws.append(
            Law(
                key=key,
                act=str(texts[0]),
                title=str(texts[1]),
                short=str(texts[2]),
                valid_from=valid_from,
                valid_to=valid_to,
                paragraphs=MappingProxyType(
                    {name: _parse_paragraph(where, name, p) for name, p in paragraphs.items()}
                ),
            )
        )
    for first in laws:
        for second in laws:
            if first is not second and first.act == second.act and _overlap(first, second):
                raise NormDataError(
                    f"{LEGAL_REFERENCES_FILE}: [{first.key}] and [{second.key}] are both "
                    f"in force at once for {first.act}"
                )
    return LegalReferences(tuple(laws))


def _overlap(first: Law, second: Law) -> bool:
    first_end = first.valid_to or date.max
    second_end = second.valid_to or date.max
    return first.valid_from <= second_end and second.valid_from <= first_end


class Norms:
    """The norm data of one directory, each file read and checked on first use and then kept.

    `Norms()` reads the tables shipped with Bryggan; tests pass a directory of their own.
    """

    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.data_dir = data_dir
        self._riksnorm: dict[int, RiksnormTable] = {}
        self._price_base_amounts: dict[int, PriceBaseAmount] | None = None
        self._legal_references: LegalReferences | None = None

    def __repr__(self) -> str:
        return f"Norms({str(self.data_dir)!r})"

    def norm_years(self) -> tuple[int, ...]:
        """The years with a riksnorm file, ascending."""
        directory = self.data_dir / RIKSNORM_DIR_NAME
        if not directory.is_dir():
            return ()
        matches = (_YEAR_FILE_RE.match(path.name) for path in directory.iterdir())
        return tuple(sorted(int(match.group(1)) for match in matches if match))

    def riksnorm(self, year: int) -> RiksnormTable:
        """The riksnorm for `year`; NormMissingError naming the shipped years if there is none."""
        table = self._riksnorm.get(year)
        if table is None:
            path = self.data_dir / RIKSNORM_DIR_NAME / f"{year:04d}.toml"
            if not path.is_file():
                years = ", ".join(map(str, self.norm_years())) or "none"
                raise NormMissingError(
                    f"no riksnorm for {year} is shipped (norm years available: {years})",
                    field="month",
                )
            table = load_riksnorm_file(path)
            self._riksnorm[year] = table
        return table

    def riksnorm_for(self, month: Month) -> RiksnormTable:
        """The riksnorm in force in `month`: the table of the month's calendar year.

        Source: socialtjänstförordningen (2001:937) 2 kap. 1 § ("Riksnormen för ett hushåll under
        2021 utgör…"): one table per calendar year.
        """
        return self.riksnorm(month.year)

    def price_base_amount(self, year: int) -> PriceBaseAmount:
        """The prisbasbelopp for `year`; NormMissingError only when it is asked for and absent."""
        if self._price_base_amounts is None:
            path = self.data_dir / PRICE_BASE_AMOUNT_FILE
            self._price_base_amounts = (
                _parse_price_base_amounts(_read_toml(path)) if path.is_file() else {}
            )
        amount = self._price_base_amounts.get(year)
        if amount is None:
            raise NormMissingError(
                f"no prisbasbelopp for {year} in {PRICE_BASE_AMOUNT_FILE} "
                "(needed for children's work income)",
                field="month",
            )
        return amount

    def legal_references(self) -> LegalReferences:
        if self._legal_references is None:
            path = self.data_dir / LEGAL_REFERENCES_FILE
            if not path.is_file():
                raise NormMissingError(f"{LEGAL_REFERENCES_FILE} is missing in {self.data_dir}")
            self._legal_references = _parse_legal_references(_read_toml(path))
        return self._legal_references


@cache
def default_norms() -> Norms:
    """The tables shipped with Bryggan, loaded once per process."""
    return Norms()


def riksnorm_for(month: Month) -> RiksnormTable:
    """The shipped riksnorm for `month`; NormMissingError for a month with no norm year shipped."""
    return default_norms().riksnorm_for(month)


def price_base_amount_for(year: int) -> PriceBaseAmount:
    """The shipped prisbasbelopp for `year`."""
    return default_norms().price_base_amount(year)


def legal_references() -> LegalReferences:
    """The shipped paragraph references."""
    return default_norms().legal_references()
