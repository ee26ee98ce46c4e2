"""The municipality's own payment register, in the format `bryggan indicators` reads.

One row per person and month in which the person's household was paid assistance
(contracts/indicators.md): every member of the household in that month, the amount on the
applicant's row and 0 on the others. Paid means a standing payment (sent, not returned or
reversed) of a decision for that month. Persons and households are named by pseudonymous ids
(`P<id>`, `H<id>`): stable across months and exports, and meaningless outside this database.

Files thinned under SoL (2025:400) 16 kap. leave their rows behind without identity
(`retention.RetainedRegisterRow`, the same pseudonymous ids and birth years); the register reads
them with the rest, so the indicators count the same before and after a retention run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Sum

from bryggan.core.month import Month
from bryggan.payments.models import Payment, PaymentStatus
from bryggan.people.models import HouseholdMember, MemberRole
from bryggan.retention.models import RetainedRegisterRow


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One row of the register: the fields are `register_io.REGISTER_COLUMNS`, in that order."""

    municipality: str
    month: str
    household_id: str
    person_id: str
    birth_year: int
    role: str
    amount: int


def register_rows(
    *,
    municipality: str,
    first: Month,
    last: Month,
    households: Collection[int] | None = None,
) -> list[RegisterRow]:
    """The register for the months `first`–`last`, sorted by month, household and role.

    `households`: only these households' rows, and none kept from thinned files (retention takes
    its snapshot this way before it removes a file).
    """
    paid = Payment.objects.filter(
        status=PaymentStatus.SENT,
        decision__month__gte=str(first),
        decision__month__lte=str(last),
    )
    if households is not None:
        paid = paid.filter(decision__household_id__in=households)
    paid = paid.values("decision__household_id", "decision__month").annotate(total=Sum("amount"))
    amounts = {
        (row["decision__household_id"], row["decision__month"]): row["total"] for row in paid
    }
    members_by_household: dict[int, list[HouseholdMember]] = defaultdict(list)
    for member in HouseholdMember.objects.filter(
        household_id__in={household_id for household_id, _ in amounts}
    ).select_related("person"):
        members_by_household[member.household_id].append(member)
    order = {MemberRole.APPLICANT: 0, MemberRole.CO_APPLICANT: 1, MemberRole.CHILD: 2}
    keyed: list[tuple[str, int, int, RegisterRow]] = []
    for (household_id, month_text), total in sorted(
        amounts.items(), key=lambda item: (item[0][1], item[0][0])
    ):
        month = Month.parse(month_text)
        present = [
            m
            for m in members_by_household[household_id]
            if m.valid_from <= month.last_day
            and (m.valid_to is None or m.valid_to >= month.first_day)
        ]
        for position, member in enumerate(
            sorted(present, key=lambda m: (order[MemberRole(m.role)], m.person.birth_date))
        ):
            keyed.append(
                (
                    month_text,
                    household_id,
                    position,
                    RegisterRow(
                        municipality=municipality,
                        month=month_text,
                        household_id=f"H{household_id}",
                        person_id=f"P{member.person_id}",
                        birth_year=member.person.birth_date.year,
                        role=member.role,
                        amount=total if member.role == MemberRole.APPLICANT else 0,
                    ),
                )
            )
    if households is None:
        keyed += _retained_rows(first=first, last=last)
    return [row for *_key, row in sorted(keyed, key=lambda item: item[:3])]


def _retained_rows(*, first: Month, last: Month) -> list[tuple[str, int, int, RegisterRow]]:
    """The anonymised rows that thinned files left behind, keyed for the register's order."""
    return [
        (
            kept.month,
            kept.household_number,
            kept.position,
            RegisterRow(
                municipality=kept.municipality,
                month=kept.month,
                household_id=f"H{kept.household_number}",
                person_id=f"P{kept.person_number}",
                birth_year=kept.birth_year,
                role=kept.role,
                amount=kept.amount,
            ),
        )
        for kept in RetainedRegisterRow.objects.filter(month__gte=str(first), month__lte=str(last))
    ]
