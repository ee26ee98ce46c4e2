"""Random cases for the måltavla's tests: households with months paid (some payments returned,
some months with two decisions), applications received at any hour around month ends, first
meetings, closures, referrals and signed plans, written as the services would leave them."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import count

from django.utils import timezone
from hypothesis import strategies as st

from bryggan.accounts.models import Unit
from bryggan.accounts.roles import Role
from bryggan.accounts.services import user_create
from bryggan.activities.models import Referral, ReferralStatus
from bryggan.core.month import Month
from bryggan.decisions.models import Decision, DecisionStatus, SavedCalculation
from bryggan.followup import board, rules
from bryggan.followup.models import Closure, ClosureReasonChoices
from bryggan.followup.selectors import household_assistance_months
from bryggan.intake.models import Application, Channel, FirstMeeting, TrackChoices
from bryggan.payments.models import Payment, PaymentRun, PaymentStatus
from bryggan.planning.models import ActionPlan, PlanVersion, SignedHow, WrittenBy
from tests.activities.factories import make_activity
from tests.followup.factories import STOCKHOLM, household

AS_OF = Month(2026, 11)
TODAY = date(2026, 11, 23)
FIRST = board.board_months(AS_OF)[0]
# Months paid are drawn from three years before the board (spells longer than the board count
# whole).
HISTORY_MONTHS = 36
HISTORY = FIRST.plus(-HISTORY_MONTHS)
serial = count(1)

WINDOW = HISTORY_MONTHS + board.BOARD_MONTHS


@st.composite
def month_offsets(draw: st.DrawFn) -> set[int]:
    """Months paid, as offsets from the start of the history drawn: a few spells of 1–20
    months, with single months missing here and there."""
    months: set[int] = set()
    for start, length in draw(
        st.lists(st.tuples(st.integers(-4, WINDOW - 1), st.integers(1, 20)), max_size=3)
    ):
        months |= set(range(start, min(start + length, WINDOW)))
    return months - draw(st.sets(st.integers(-4, WINDOW - 1), max_size=4))


# Days as offsets from 15 months before the board: closures, referrals, signatures.
DAY0 = FIRST.plus(-15).first_day
SPAN = (AS_OF.last_day - DAY0).days
_month_ends = [
    day
    for k in range(AS_OF.minus(Month.of(DAY0)) + 1)
    for day in (Month.of(DAY0).plus(k).first_day, Month.of(DAY0).plus(k).last_day)
]
days = st.one_of(  # a month's first or last day as often as any other: the edges of each rule
    st.integers(0, SPAN).map(lambda n: DAY0 + timedelta(days=n)), st.sampled_from(_month_ends)
)
# Hours that put a local time on either side of midnight as often as not.
hours = st.sampled_from([time(0, 5), time(10, 0), time(23, 55)])


@st.composite
def household_case(draw: st.DrawFn) -> dict[str, object]:
    paid = draw(month_offsets())
    return {
        "paid": {
            offset: draw(st.sampled_from(["sent", "sent", "sent", "returned", "twice"]))
            for offset in paid
        },
        # Applications: month applied for (offset from the board's first month) and when received.
        "applications": draw(
            st.dictionaries(
                st.integers(-16, board.BOARD_MONTHS),
                st.tuples(st.integers(-25, 20), hours, st.integers(-1, 4), hours, st.booleans()),
                max_size=12,
            )
        ),
        "closures": draw(
            st.lists(st.tuples(days, st.sampled_from(ClosureReasonChoices.values)), max_size=3)
        ),
        "referrals": draw(
            st.lists(st.tuples(st.none() | days, st.none() | days, st.none() | days), max_size=2)
        ),
        "signed": draw(st.lists(st.tuples(st.none() | days, hours), max_size=2)),
    }


def _local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=STOCKHOLM)


def make_cases(unit: Unit, cases: list[dict[str, object]]) -> None:
    by = user_create(username=f"cw-{next(serial)}", role=Role.CASEWORKER, unit=unit)
    activities = [make_activity(unit, by, today=TODAY, name=f"Aktivitet {n}") for n in range(2)]
    run = PaymentRun.objects.create(
        kind="monthly", message_id=f"H-{next(serial)}", execution_date=TODAY,
        payment_count=0, total=0, file=b"", checksum="0" * 64, created_by=by,
    )  # fmt: skip
    for case in cases:
        home = household(unit, by=by)
        person = home.members.get().person
        for offset, how in case["paid"].items():  # type: ignore[attr-defined]
            month = str(HISTORY.plus(offset))
            statuses = {"sent": ["sent"], "returned": ["returned"], "twice": ["sent", "sent"]}[how]
            for status in statuses:
                calculation = SavedCalculation.objects.create(
                    household=home, month=month, norm_year=2026, amount=1000, input={},
                    result={}, created_by=by,
                )  # fmt: skip
                decision = Decision.objects.create(
                    household=home, month=month, kind="livelihood_support", outcome="granted",
                    calculation=calculation, calculated_amount=1000, amount=1000,
                    reasons="Test.", status=DecisionStatus.SIGNED, created_by=by, signed_by=by,
                    signed_at=timezone.now(),
                )  # fmt: skip
                Payment.objects.create(
                    decision=decision, run=run, amount=1000, clearing="8327", account="9",
                    end_to_end_id=f"E-{next(serial)}",
                    status=PaymentStatus.SENT if status == "sent" else PaymentStatus.RETURNED,
                )  # fmt: skip
        for offset, (shift, at, wait, meet_at, meets) in case["applications"].items():  # type: ignore[attr-defined]
            applied = FIRST.plus(offset)
            received = applied.first_day + timedelta(days=shift)
            application = Application.objects.create(
                household=home, month=str(applied), received_at=_local(received, at),
                channel=Channel.IN_PERSON, track=TrackChoices.STANDARD, registered_by=by,
            )  # fmt: skip
            if meets:
                deadline = received + timedelta(days=2)
                FirstMeeting.objects.create(
                    application=application, deadline=deadline, caseworker=by,
                    starts_at=_local(deadline + timedelta(days=wait - 1), meet_at),
                )  # fmt: skip
        for closed_on, reason in case["closures"]:  # type: ignore[attr-defined]
            paid = household_assistance_months(
                home.pk, first=Month.of(closed_on).plus(-12), last=Month.of(closed_on)
            )  # what `case_close` records
            Closure.objects.create(
                household=home, closed_on=closed_on, reason=reason, closed_by=by,
                long_term=rules.was_long_term_when_closed(paid, closed_on=closed_on),
            )  # fmt: skip
        for n, (accepted, started, ended) in enumerate(case["referrals"]):  # type: ignore[arg-type]
            Referral.objects.create(
                activity=activities[n], household=home, person=person, referred_by=by,
                referred_on=DAY0, accepted_on=accepted, started_on=started, ended_on=ended,
                status=ReferralStatus.ENDED if ended else ReferralStatus.STARTED,
            )  # fmt: skip
        if case["signed"]:
            plan = ActionPlan.objects.create(household=home, person=person)
            for number, (signed_on, at) in enumerate(case["signed"], start=1):  # type: ignore[arg-type]
                PlanVersion.objects.create(
                    plan=plan, number=number, goal="work", written_by=WrittenBy.CASEWORKER,
                    created_by=by, signed_at=_local(signed_on, at) if signed_on else None,
                    signed_how=SignedHow.IN_MEETING if signed_on else "",
                )  # fmt: skip
