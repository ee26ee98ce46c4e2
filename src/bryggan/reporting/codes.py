"""The code lists of the statutory reporting to Socialstyrelsen, as data files with their source.

HSLF-FS 2015:30 (Socialstyrelsens föreskrifter om socialnämndernas skyldighet att lämna statistiska
uppgifter om ekonomiskt bistånd) 3 § and bilaga 1: ekonomiskt bistånd, reasons for need
(*försörjningshinder*) and municipal labour-market activities; 4 § and bilaga 2: closure reasons
(*avslutsorsaker*). Each list is one TOML file under `data/` with a `[source]` block; this module
loads and checks them and returns frozen values. The official code values were not found in the
sources (docs/research/socialstyrelsen-reporting.md): every file says so in
`official_codes_verified = false`, and the identifiers are Bryggan's own.

Nothing here imports Django: the pure rules and the file reader use it directly.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from bryggan.core.errors import DomainError

DATA_DIR = Path(__file__).parent / "data"
REASONS_FILE = "reasons_for_need.toml"
ACTIVITIES_FILE = "labour_market_activities.toml"
CLOSURES_FILE = "closure_reasons.toml"

SOURCE_KINDS = ("primary", "secondary")
# Income types of the calculation contract (contracts/calculate.md) a reason may name.
INCOME_TYPES = frozenset(
    {
        "employment",
        "sickness_benefit",
        "activity_support",
        "unemployment_benefit",
        "parental_benefit",
        "pension",
        "student_aid",
        "child_allowance",
        "housing_allowance",
        "maintenance_support",
        "other",
    }
)
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class CodeListError(DomainError):
    """A code-list file exists but is not a valid list."""


@dataclass(frozen=True, slots=True)
class ListSource:
    title: str
    kind: str
    reference: str
    verified: str


@dataclass(frozen=True, slots=True)
class Code:
    """One entry of a list: Bryggan's stable id, the Swedish label, and what the label implies."""

    id: str
    label: str
    group: str = ""
    guidance: str = ""
    official_code: str = ""
    requires_income: str = ""
    excludes_income: str = ""


@dataclass(frozen=True, slots=True)
class CodeList:
    kind: str
    source: ListSource
    official_codes_verified: bool
    codes: Mapping[str, Code]

    def __contains__(self, code_id: object) -> bool:
        return code_id in self.codes

    def label(self, code_id: str) -> str:
        return self.codes[code_id].label

    def groups(self) -> list[tuple[str, list[Code]]]:
        """The codes by group, in the file's order (for a select with option groups)."""
        grouped: dict[str, list[Code]] = {}
        for code in self.codes.values():
            grouped.setdefault(code.group, []).append(code)
        return list(grouped.items())


@dataclass(frozen=True, slots=True)
class ActivityList(CodeList):
    municipal_providers: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class CodeLists:
    reasons_for_need: CodeList
    closure_reasons: CodeList
    activities: ActivityList


def _fail(name: str, where: str, message: str) -> CodeListError:
    return CodeListError(f"{name}: {where}: {message}", field=where)


def _text(name: str, table: Mapping[str, object], key: str, where: str, *, required: bool) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise _fail(name, f"{where}.{key}", f"not text: {value!r}")
    if required and not value.strip():
        raise _fail(name, f"{where}.{key}", "missing")
    return value


def _source(name: str, document: Mapping[str, object]) -> ListSource:
    table = document.get("source")
    if not isinstance(table, dict):
        raise _fail(name, "source", "missing: every list names its source")
    kind = _text(name, table, "kind", "source", required=True)
    if kind not in SOURCE_KINDS:
        raise _fail(name, "source.kind", f"not one of {SOURCE_KINDS}: {kind!r}")
    return ListSource(
        title=_text(name, table, "title", "source", required=True),
        kind=kind,
        reference=_text(name, table, "reference", "source", required=True),
        verified=_text(name, table, "verified", "source", required=True),
    )


def _codes(name: str, document: Mapping[str, object], array: str) -> dict[str, Code]:
    rows = document.get(array)
    if not isinstance(rows, list) or not rows:
        raise _fail(name, array, "no entries")
    codes: dict[str, Code] = {}
    for index, row in enumerate(rows):
        where = f"{array}[{index}]"
        if not isinstance(row, dict):
            raise _fail(name, where, "not a table")
        code_id = _text(name, row, "id", where, required=True)
        if not _ID_RE.match(code_id):
            raise _fail(name, f"{where}.id", f"not a lower-case identifier: {code_id!r}")
        if code_id in codes:
            raise _fail(name, f"{where}.id", f"appears twice: {code_id!r}")
        code = Code(
            id=code_id,
            label=_text(name, row, "label", where, required=True),
            group=_text(name, row, "group", where, required=False),
            guidance=_text(name, row, "guidance", where, required=False),
            official_code=_text(name, row, "official_code", where, required=False),
            requires_income=_text(name, row, "requires_income", where, required=False),
            excludes_income=_text(name, row, "excludes_income", where, required=False),
        )
        for key in ("requires_income", "excludes_income"):
            value = getattr(code, key)
            if value and value not in INCOME_TYPES:
                raise _fail(name, f"{where}.{key}", f"not an income type: {value!r}")
        codes[code_id] = code
    return codes


def parse_code_list(name: str, document: Mapping[str, object], *, array: str) -> CodeList:
    """Check one parsed file; `CodeListError` names the file and the offending key."""
    kind = _text(name, document, "kind", "kind", required=True)
    verified = document.get("official_codes_verified")
    if not isinstance(verified, bool):
        raise _fail(name, "official_codes_verified", "must say true or false")
    codes = _codes(name, document, array)
    if verified and any(not code.official_code for code in codes.values()):
        raise _fail(name, "official_code", "verified codes need an official_code on every entry")
    return CodeList(
        kind=kind,
        source=_source(name, document),
        official_codes_verified=verified,
        codes=MappingProxyType(codes),
    )


def _load(name: str) -> dict[str, object]:
    with (DATA_DIR / name).open("rb") as handle:
        return tomllib.load(handle)


@cache
def code_lists() -> CodeLists:
    """The three shipped lists, loaded once and checked."""
    activities_doc = _load(ACTIVITIES_FILE)
    activities = parse_code_list(ACTIVITIES_FILE, activities_doc, array="activity")
    providers = activities_doc.get("municipal_providers")
    if not isinstance(providers, list) or not all(isinstance(p, str) for p in providers):
        raise _fail(ACTIVITIES_FILE, "municipal_providers", "a list of provider names")
    return CodeLists(
        reasons_for_need=parse_code_list(REASONS_FILE, _load(REASONS_FILE), array="reason"),
        closure_reasons=parse_code_list(CLOSURES_FILE, _load(CLOSURES_FILE), array="reason"),
        activities=ActivityList(
            kind=activities.kind,
            source=activities.source,
            official_codes_verified=activities.official_codes_verified,
            codes=activities.codes,
            municipal_providers=frozenset(providers),
        ),
    )
