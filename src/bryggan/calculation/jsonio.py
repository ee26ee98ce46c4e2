"""The JSON of `bryggan calculate` (contracts/calculate.md) to and from the calculation's values.

Reading is strict, because a silently ignored typo changes an amount of money: unknown fields are
refused at every level, booleans are never numbers, amounts are whole kronor (`12.0` is refused as
well as `12.5`), a key given twice in one object is refused, and `null` is accepted only for
`shared_household_size` and an income's `member`. Every refusal is an `InputError` naming the JSON
path of the value, indices from 0: `members[2].birth_date: not a date: "2019-13-01"`. Optional
fields default as the contract says (`lunch_at_home` true, `in_school` false, the month counters
0); `cohabiting` defaults to false, `costs` and `incomes` to none.

Writing keeps the contract's key order and is deterministic: the same input gives the same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import NoReturn, TypeVar, cast

from bryggan.calculation.household import (
    Cost,
    CostType,
    Household,
    Income,
    IncomeType,
    InputError,
    Member,
)
from bryggan.calculation.lines import Calculation, Line
from bryggan.core.month import Month

_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SIMPLE_KEY_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

HOUSEHOLD_FIELDS = frozenset(
    (
        "month",
        "cohabiting",
        "shared_household_size",
        "members",
        "costs",
        "incomes",
        "consecutive_months_on_assistance",
        "jobbstimulans_months_used",
    )
)
MEMBER_FIELDS = frozenset(("id", "birth_date", "lunch_at_home", "in_school"))
COST_FIELDS = frozenset(("type", "amount", "note"))
INCOME_FIELDS = frozenset(("type", "amount", "member"))

_Enum = TypeVar("_Enum", bound=StrEnum)
_CHOICES: dict[type[StrEnum], dict[str, StrEnum]] = {
    enum: {member.value: member for member in enum} for enum in (CostType, IncomeType)
}
_T = TypeVar("_T")


def _show(value: object) -> str:
    """A value as it looked in the JSON, for error messages."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return json.dumps(value, ensure_ascii=False)


def _key(path: str, key: str) -> str:
    shown = key if _SIMPLE_KEY_RE.match(key) else json.dumps(key, ensure_ascii=False)
    return f"{path}.{shown}" if path else shown


def _object(value: object, path: str, fields: frozenset[str]) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise InputError(path, f"expected a JSON object, got {_show(value)}")
    if not value.keys() <= fields:
        unknown = next(key for key in value if key not in fields)
        raise InputError(_key(path, unknown), "unknown field")
    return value


def _required(data: Mapping[str, object], path: str, key: str) -> object:
    if key not in data:
        raise InputError(_key(path, key), "missing")
    return data[key]


def _boolean(data: Mapping[str, object], path: str, key: str, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise InputError(_key(path, key), f"expected true or false, got {_show(value)}")
    return value


def _whole_number(value: object, field: str, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(field, f"not {what} (an integer): {_show(value)}")
    if value < 0:
        raise InputError(field, f"must not be negative: {value}")
    return value


def _count(data: Mapping[str, object], key: str) -> int:
    return _whole_number(data.get(key, 0), key, "a whole number of months")


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InputError(field, f"expected a text, got {_show(value)}")
    return value


def _choice(value: object, field: str, enum: type[_Enum], what: str) -> _Enum:
    # A dict lookup: calling the enum class costs more than reading the rest of a cost line.
    choice = _CHOICES[enum].get(value) if isinstance(value, str) else None
    if choice is None:
        expected = ", ".join(member.value for member in enum)
        raise InputError(field, f"unknown {what}: {_show(value)} (expected one of {expected})")
    return cast(_Enum, choice)


def _array(data: Mapping[str, object], key: str, *, required: bool) -> list[object]:
    value = _required(data, "", key) if required else data.get(key, [])
    if not isinstance(value, list):
        raise InputError(key, f"expected an array, got {_show(value)}")
    return value


def _month(value: object) -> Month:
    if isinstance(value, str):
        try:
            return Month.parse(value)
        except ValueError:
            pass
    raise InputError("month", f"not a month (YYYY-MM): {_show(value)}")


def _date(value: object, field: str) -> date:
    # Only YYYY-MM-DD: date.fromisoformat alone would also take 20190101 and 2019-W01-1.
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InputError(field, f"not a date: {_show(value)}")


def _member(value: object, path: str) -> Member:
    data = _object(value, path, MEMBER_FIELDS)
    return Member(
        id=_text(_required(data, path, "id"), f"{path}.id"),
        birth_date=_date(_required(data, path, "birth_date"), f"{path}.birth_date"),
        lunch_at_home=_boolean(data, path, "lunch_at_home", default=True),
        in_school=_boolean(data, path, "in_school", default=False),
    )


def _cost(value: object, path: str) -> Cost:
    data = _object(value, path, COST_FIELDS)
    return Cost(
        type=_choice(_required(data, path, "type"), f"{path}.type", CostType, "cost type"),
        amount=_whole_number(_required(data, path, "amount"), f"{path}.amount", "whole kronor"),
        note=_text(data.get("note", ""), f"{path}.note"),
    )


def _income(value: object, path: str) -> Income:
    data = _object(value, path, INCOME_FIELDS)
    member = data.get("member")
    return Income(
        type=_choice(_required(data, path, "type"), f"{path}.type", IncomeType, "income type"),
        amount=_whole_number(_required(data, path, "amount"), f"{path}.amount", "whole kronor"),
        member=None if member is None else _text(member, f"{path}.member"),
    )


def _items(values: list[object], name: str, parse: Callable[[object, str], _T]) -> tuple[_T, ...]:
    return tuple([parse(value, f"{name}[{index}]") for index, value in enumerate(values)])


def household_from_json(data: object, *, name: str = "input") -> Household:
    """The household described by decoded contract JSON; InputError names the field.

    `name` (the file) stands for the whole document when the document itself is wrong.
    """
    if not isinstance(data, dict):
        raise InputError(name, f"expected a JSON object, got {_show(data)}")
    top = _object(data, "", HOUSEHOLD_FIELDS)
    month = _month(_required(top, "", "month"))
    cohabiting = _boolean(top, "", "cohabiting", default=False)
    shared = top.get("shared_household_size")
    if shared is not None:
        shared = _whole_number(shared, "shared_household_size", "a number of persons")
    members = _items(_array(top, "members", required=True), "members", _member)
    costs = _items(_array(top, "costs", required=False), "costs", _cost)
    incomes = _items(_array(top, "incomes", required=False), "incomes", _income)
    return Household(
        month=month,
        members=members,
        cohabiting=cohabiting,
        shared_household_size=shared,
        costs=costs,
        incomes=incomes,
        consecutive_months_on_assistance=_count(top, "consecutive_months_on_assistance"),
        jobbstimulans_months_used=_count(top, "jobbstimulans_months_used"),
    )


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number in JSON")


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise InputError(_key("", key), "given twice in the same JSON object")
            seen.add(key)
    return result


# Made once: json.loads with keyword arguments builds a new decoder for every call.
_DECODER = json.JSONDecoder(
    parse_float=Decimal, parse_constant=_refuse_constant, object_pairs_hook=_unique_keys
)


def decode(text: str, *, name: str = "input") -> object:
    """Decode JSON text; InputError `name:line:column` for text that is not JSON."""
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{name}:{error.lineno}:{error.colno}", f"not valid JSON: {error.msg}"
        ) from None
    except ValueError as error:  # NaN, Infinity, or a number too long to read
        raise InputError(name, f"not valid JSON: {error}") from None


def household_from_text(text: str, *, name: str = "input") -> Household:
    """The household described by contract JSON text."""
    return household_from_json(decode(text, name=name), name=name)


def _line_to_json(line: Line) -> dict[str, object]:
    return {
        "kind": line.kind.value,
        "code": line.code,
        "members": list(line.members),
        "amount": line.amount,
        "source": line.source,
    }


def _totals_to_json(calculation: Calculation) -> dict[str, object]:
    return {
        "month": str(calculation.month),
        "norm_year": calculation.norm_year,
        "riksnorm": {
            "personal": calculation.riksnorm_personal,
            "common": calculation.riksnorm_common,
            "total": calculation.riksnorm_total,
        },
        "reasonable_costs": calculation.reasonable_costs,
        "need": calculation.need,
        "income_counted": calculation.income_counted,
        "income_disregarded": calculation.income_disregarded,
        # Only a case's calculation with a decided sanction has reductions; contract output
        # (contracts/calculate.md) never has them, so the key is left out rather than written as 0.
        **({"reductions": calculation.reductions} if calculation.reductions else {}),
        "amount": calculation.amount,
        "surplus": calculation.surplus,
    }


def calculation_to_json(calculation: Calculation) -> dict[str, object]:
    """The contract's output object, keys in the contract's order."""
    return {
        **_totals_to_json(calculation),
        "lines": [_line_to_json(line) for line in calculation.lines],
    }


_dump = json.JSONEncoder(ensure_ascii=False).encode


@lru_cache(maxsize=4096)
def _quoted(text: str) -> str:
    """A text as a JSON string; codes, sources and member ids repeat, so each is encoded once."""
    return _dump(text)


def _line_text(line: Line) -> str:
    """One line as JSON, exactly as `json.dumps(_line_to_json(line))` writes it, but faster."""
    members = ", ".join(map(_quoted, line.members))
    return (
        f'{{"kind": {_quoted(line.kind.value)}, "code": {_quoted(line.code)}, '
        f'"members": [{members}], "amount": {line.amount}, "source": {_quoted(line.source)}}}'
    )


def calculation_to_text(calculation: Calculation) -> str:
    """The contract's output as JSON text, laid out as in the contract, ending in a newline.

    One top-level key per row and one line object per row, UTF-8 kept: readable in a terminal and
    in a diff. Written by hand from whole numbers and JSON-encoded texts, because
    `json.dumps(indent=2)` falls back to pure Python and took longer than the calculation itself;
    tests check that the text decodes to exactly `calculation_to_json`.
    """
    c = calculation
    items = ",\n".join(f"    {_line_text(line)}" for line in c.lines)
    return (
        "{\n"
        f'  "month": "{c.month}",\n'
        f'  "norm_year": {c.norm_year},\n'
        f'  "riksnorm": {{"personal": {c.riksnorm_personal}, "common": {c.riksnorm_common}, '
        f'"total": {c.riksnorm_total}}},\n'
        f'  "reasonable_costs": {c.reasonable_costs},\n'
        f'  "need": {c.need},\n'
        f'  "income_counted": {c.income_counted},\n'
        f'  "income_disregarded": {c.income_disregarded},\n'
        + (f'  "reductions": {c.reductions},\n' if c.reductions else "")
        + f'  "amount": {c.amount},\n'
        f'  "surplus": {c.surplus},\n'
        + (f'  "lines": [\n{items}\n  ]\n' if items else '  "lines": []\n')
        + "}\n"
    )
