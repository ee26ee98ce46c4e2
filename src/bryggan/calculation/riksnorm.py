"""The riksnorm for a household: personal costs per member, common household costs per household.

Primary source: socialtjänstförordningen (2001:937) 2 kap. 1 §, as amended for each year (for 2021
SFS 2020:1013): "Riksnormen för ett hushåll … utgör summan av de personliga kostnaderna för samtliga
medlemmar i hushållet och de gemensamma hushållskostnaderna"; the age bands, the lower amounts
for children who do not eat lunch at home five days a week, the amount for sambor, the rule for
more than seven persons and the rule for an adult in a shared household (*hushållsgemenskap*) are
all there.
The law that makes the riksnorm part of försörjningsstöd is SoL (2001:453) 4 kap. 3 § första stycket
1, from 1 July 2025 SoL (2025:400) 12 kap. 7 §.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from bryggan.calculation.household import Household, Member, age_on, is_child_at_home_age
from bryggan.calculation.lines import COMMON_PREFIX, PERSONAL_PREFIX, Line, LineKind
from bryggan.core.money import Kronor, format_kronor, kronor_half_up
from bryggan.norms.tables import LARGEST_TABULATED_HOUSEHOLD, PersonalBand, RiksnormTable

ADULT_SINGLE = f"{PERSONAL_PREFIX}adult_single"
ADULT_COHABITING = f"{PERSONAL_PREFIX}adult_cohabiting"
NO_LUNCH_SUFFIX = "_no_lunch"
FURTHER_PERSONS = f"{COMMON_PREFIX}further_persons"
SHARED_HOUSEHOLD_SHARE = f"{COMMON_PREFIX}shared_household_share"

# Upper age (inclusive) of each child band, youngest first.
_CHILD_BANDS = (
    (0, PersonalBand.CHILD_UNDER_1),
    (2, PersonalBand.CHILD_1_2),
    (3, PersonalBand.CHILD_3),
    (6, PersonalBand.CHILD_4_6),
    (10, PersonalBand.CHILD_7_10),
    (14, PersonalBand.CHILD_11_14),
    (18, PersonalBand.CHILD_15_18),
)


def household_code(size: int) -> str:
    """`common.household_4`: the line code of the common costs for a household of `size` (≤ 7)."""
    return f"{COMMON_PREFIX}household_{size}"


def child_band(age: int) -> PersonalBand:
    """The band of a child or school youth living at home, by age in completed years.

    Source: SoF (2001:937) 2 kap. 1 § (under 1 år, 1–2, 3, 4–6, 7–10, 11–14, 15–18, 19–20 år).
    """
    for upper, band in _CHILD_BANDS:
        if age <= upper:
            return band
    return PersonalBand.YOUTH_19_20


def sorted_members(household: Household) -> tuple[Member, ...]:
    """Members oldest first, ties by id: the one order all lines use, whatever the input order."""
    return tuple(sorted(household.members, key=lambda member: (member.birth_date, member.id)))


def children_at_home(household: Household, members: tuple[Member, ...]) -> dict[str, int]:
    """Age by id of the members who are children or school youth living at home in the month."""
    first_day = household.month.first_day
    ages = {member.id: age_on(member.birth_date, first_day) for member in members}
    return {
        member.id: ages[member.id]
        for member in members
        if is_child_at_home_age(ages[member.id], in_school=member.in_school)
    }


def _child_line(member: Member, age: int, table: RiksnormTable, source: str) -> Line:
    band = child_band(age)
    no_lunch = not member.lunch_at_home and band in table.personal_costs_no_lunch
    code = f"{PERSONAL_PREFIX}{band}{NO_LUNCH_SUFFIX if no_lunch else ''}"
    amount = table.personal(band, lunch_at_home=not no_lunch)
    return Line(LineKind.NORM, code, (member.id,), amount, source)


def personal_cost_lines(
    household: Household,
    members: tuple[Member, ...],
    children: Mapping[str, int],
    table: RiksnormTable,
    source: str,
) -> list[Line]:
    """*Personliga kostnader*: one line for the two sambor together, else one per adult and child.

    `members` in line order (`sorted_members`), `children` the age by id of the children and school
    youth living at home (`children_at_home`).

    Source: SoF (2001:937) 2 kap. 1 § (Ensamstående, Sambor, per hemmavarande barn och skolungdom).
    """
    adults = [member for member in members if member.id not in children]
    lines: list[Line] = []
    if household.cohabiting:
        cohabiting = table.personal(PersonalBand.COHABITING_ADULTS)
        lines.append(
            Line(LineKind.NORM, ADULT_COHABITING, tuple(m.id for m in adults), cohabiting, source)
        )
    else:
        single = table.personal(PersonalBand.SINGLE_ADULT)
        lines.extend(Line(LineKind.NORM, ADULT_SINGLE, (m.id,), single, source) for m in adults)
    lines.extend(
        _child_line(member, children[member.id], table, source)
        for member in members
        if member.id in children
    )
    return lines


def shared_household_share(table: RiksnormTable, size: int) -> Kronor:
    """One person's share of the common costs of a shared household of `size`, halves rounded up.

    Source: SoF (2001:937) 2 kap. 1 § ("kvoten av de gemensamma kostnaderna för hushållet och
    antalet medlemmar i hushållet"); rounding: contracts/calculate.md. Socialstyrelsen's 2014
    example: 1 710 / 5 = 342.
    """
    return kronor_half_up(Decimal(table.common(size)) / size)


def common_cost_lines(
    household: Household, members: tuple[Member, ...], table: RiksnormTable, source: str
) -> list[Line]:
    """*Gemensamma hushållskostnader* for the household's size, or its share of a shared household.

    Source: SoF (2001:937) 2 kap. 1 § (1–7 persons; each further person the difference between 7
    and 6; an adult in hushållsgemenskap the quotient of the household's costs and its size).
    """
    ids = tuple(member.id for member in members)
    size = household.shared_household_size
    if size is not None:
        note = f"{format_kronor(table.common(size))} / {size} personer"
        share = shared_household_share(table, size)
        return [Line(LineKind.NORM, SHARED_HOUSEHOLD_SHARE, ids, share, source, note)]
    count = len(members)
    if count <= LARGEST_TABULATED_HOUSEHOLD:
        return [Line(LineKind.NORM, household_code(count), ids, table.common(count), source)]
    further = count - LARGEST_TABULATED_HOUSEHOLD
    seven = table.common(LARGEST_TABULATED_HOUSEHOLD)
    note = f"{further} × {format_kronor(table.each_further_person)}"
    return [
        Line(LineKind.NORM, household_code(LARGEST_TABULATED_HOUSEHOLD), ids, seven, source),
        Line(
            LineKind.NORM, FURTHER_PERSONS, ids, further * table.each_further_person, source, note
        ),
    ]


def riksnorm_lines(
    household: Household,
    members: tuple[Member, ...],
    children: Mapping[str, int],
    table: RiksnormTable,
    source: str,
) -> list[Line]:
    """All norm lines of the household: personal costs, then common costs."""
    return [
        *personal_cost_lines(household, members, children, table, source),
        *common_cost_lines(household, members, table, source),
    ]
