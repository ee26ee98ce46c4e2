"""The demo's renewals: applicants of the first unit renew for next month on My pages through the
same service an applicant uses (some with a changed salary and a payslip, one reporting a household
change), so the caseworker's queue has proposals waiting; a few are decided from their proposal, so
the follow-up has figures. Made-up amounts (demo data). Deterministic for a given generator.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from io import BytesIO

from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.decisions.models import Decision, DecisionStatus
from bryggan.demo.decisions import stand_in_norms
from bryggan.demo.documents import _pdf
from bryggan.mypages.rules_apply import LineInput
from bryggan.mypages.services import applicant_user_for
from bryggan.mypages.services_apply import Upload, renewal_start, renewal_submit
from bryggan.people.models import Household, HouseholdStatus, MemberRole
from bryggan.preassessment.forms import decision_input_from_initial
from bryggan.preassessment.selectors import decision_initial
from bryggan.preassessment.services import proposal_decide

RENEWALS = 14
DECIDED = 3
SHARE_CHANGED_SALARY = 0.35


def demo_renewals(
    *, units: list[Unit], now: datetime, rng: random.Random, administrator: User
) -> int:
    """Renewals for next month from households of the first unit decided for one of the last two
    months; returns how many were sent."""
    month = Month.of(timezone.localdate(now)).plus(1)
    stand_in_norms(range(month.year, month.year + 1), by=administrator)
    household_ids = (
        Decision.objects.filter(
            household__unit=units[0],
            household__status=HouseholdStatus.ACTIVE,
            month__in=[str(month.plus(-1)), str(month.plus(-2))],
            kind="livelihood_support",
            status=DecisionStatus.SIGNED,
        )
        .exclude(household__applications__month=str(month))
        .values_list("household_id", flat=True)
        .distinct()
        .order_by("household_id")
    )
    sent = []
    for number, household in enumerate(
        Household.objects.filter(pk__in=list(household_ids[:RENEWALS])).order_by("pk")
    ):
        member = household.members.filter(role=MemberRole.APPLICANT, valid_to__isnull=True).first()
        if member is None or member.person.protected_identity:
            continue
        start = renewal_start(household, month=month)
        lines, uploads = [], {}
        for position, line in enumerate(start.lines):
            amount = line.amount
            if line.type == "employment" and rng.random() < SHARE_CHANGED_SALARY:
                amount = line.amount + rng.choice([-1500, -600, 800, 2200])
                amount = max(amount, 0)
                uploads[position] = Upload(
                    BytesIO(_pdf(["Lönebesked", f"Nettolön {amount} kr", str(month.plus(-1))])),
                    "lonebesked.pdf",
                )
            lines.append(LineInput(line.kind, line.type, line.member, amount, line.previous))
        sent.append(
            renewal_submit(
                person=member.person,
                user=applicant_user_for(member.person),
                month=month,
                lines=lines,
                uploads=uploads,
                household_change_reported=number == 5,  # noqa: PLR2004 - one of them
                household_change_text="Min son har flyttat hem igen." if number == 5 else "",  # noqa: PLR2004
                key=uuid.UUID(int=rng.getrandbits(128)),
                now=now - timedelta(hours=number + 1),
                rng=rng,
            )
        )
    for online in sent[:DECIDED]:
        proposal = online.proposal
        try:
            proposal_decide(
                proposal=proposal,
                data=decision_input_from_initial(decision_initial(proposal)),
                by=online.household.caseworker,
                now=now,
            )
        except DomainError:
            continue  # a check the decisions app makes (delegation, reasons): left in the queue
    return len(sent)
