"""The måltavla's stored figures never go stale.

`board_store.board_figures` answers from the months it stored and counts only the others. After
any sequence of writes through the models (each fires the signals real work fires), its figures
must equal the board counted afresh (`selectors.board_counts`), month by month; a read that
counted while a write landed must not store; a month is counted again each day until it has
ended. Runs on SQLite and on PostgreSQL (CI runs both).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from django.db.models.signals import pre_save
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from bryggan.accounts.models import Unit, User
from bryggan.activities.models import Referral
from bryggan.core.month import Month
from bryggan.followup import board, board_store, selectors
from bryggan.followup.models import BoardMonth, BoardState, Closure, ClosureReasonChoices
from bryggan.followup.selectors import board_counts
from bryggan.followup.services import assistance_months_refresh
from bryggan.intake.models import Application, Channel, FirstMeeting, TrackChoices
from bryggan.payments.models import Payment, PaymentStatus
from bryggan.people.models import Household
from bryggan.planning.models import ActionPlan, PlanVersion, SignedHow, WrittenBy
from tests.activities.factories import make_activity
from tests.followup.board_cases import (
    AS_OF,
    DAY0,
    FIRST,
    STOCKHOLM,
    TODAY,
    days,
    household_case,
    make_cases,
    serial,
)

MONTHS = board.board_months(AS_OF)


def _at(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), tzinfo=STOCKHOLM)


# Writes a caseworker's day can bring, each on a random household of the unit: (kind, day, n).
writes = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "apply",
                "withdraw_application",
                "meeting_moved",
                "referral_ended",
                "referral_started_later",
                "plan_signed",
                "plan_draft_signed",
                "closed",
                "closure_moved",
                "payment_returned",
                "payment_sent_again",
                "moved_unit",
            ]
        ),
        days,
        st.integers(0, 50),
    ),
    min_size=1,
    max_size=4,
)


def _pick(rows: list[Any], n: int) -> Any | None:
    return rows[n % len(rows)] if rows else None


def _write(unit: Unit, other: Unit, kind: str, day: date, n: int) -> None:
    homes = list(Household.objects.filter(unit=unit).order_by("pk"))
    home = _pick(homes, n)
    if home is None:
        return
    if kind == "apply":
        month = str(Month.of(day).plus(n % 3 - 1))
        if not Application.objects.filter(household=home, month=month).exists():
            Application.objects.create(
                household=home, month=month, received_at=_at(day), channel=Channel.IN_PERSON,
                track=TrackChoices.STANDARD, registered_by=home.caseworker or _any_user(),
            )  # fmt: skip
    elif kind == "withdraw_application":
        application = _pick(list(Application.objects.filter(household__unit=unit)), n)
        if application is not None:
            application.delete()
    elif kind == "meeting_moved":
        meeting = _pick(list(FirstMeeting.objects.filter(application__household__unit=unit)), n)
        if meeting is not None:
            meeting.deadline, meeting.starts_at = day, _at(day + timedelta(days=n % 3 - 1))
            meeting.save()
    elif kind in ("referral_ended", "referral_started_later"):
        referral = _pick(list(Referral.objects.filter(household__unit=unit)), n)
        if referral is not None:
            if kind == "referral_ended":
                referral.ended_on = day
            else:
                referral.accepted_on = referral.started_on = day
            referral.save()
    elif kind == "plan_signed":
        plan, _ = ActionPlan.objects.get_or_create(
            household=home, defaults={"person": home.members.first().person}
        )
        PlanVersion.objects.create(
            plan=plan, number=plan.versions.count() + 1, goal="work",
            written_by=WrittenBy.CASEWORKER, created_by=_any_user(), signed_at=_at(day),
            signed_how=SignedHow.IN_MEETING,
        )  # fmt: skip
    elif kind == "plan_draft_signed":  # a signed version is never changed (planning.models)
        version = _pick(
            list(PlanVersion.objects.filter(plan__household__unit=unit, signed_at__isnull=True)), n
        )
        if version is not None:
            version.signed_at, version.signed_how = _at(day), SignedHow.IN_MEETING
            version.save()
    elif kind == "closed":
        Closure.objects.create(
            household=home, closed_on=day, closed_by=_any_user(), long_term=n % 2 == 0,
            reason=ClosureReasonChoices.values[n % len(ClosureReasonChoices.values)],
        )  # fmt: skip
    elif kind == "closure_moved":
        closure = _pick(list(Closure.objects.filter(household__unit=unit)), n)
        if closure is not None:
            closure.closed_on = day
            closure.save()
    elif kind in ("payment_returned", "payment_sent_again"):
        wanted = PaymentStatus.SENT if kind == "payment_returned" else PaymentStatus.RETURNED
        payment = _pick(
            list(Payment.objects.filter(decision__household__unit=unit, status=wanted)), n
        )
        if payment is not None:
            payment.status = (
                PaymentStatus.RETURNED if kind == "payment_returned" else PaymentStatus.SENT
            )
            payment.save()
    elif kind == "moved_unit":
        home.unit = other
        home.save()


def _any_user() -> User | None:
    return User.objects.order_by("pk").first()


def _figures(unit: Unit, *, today: date = TODAY) -> dict[Month, board.MonthCounts]:
    assistance_months_refresh()
    return board_store.board_figures(unit, as_of=Month.of(today), today=today)


def _fresh(unit: Unit, *, today: date = TODAY) -> dict[Month, board.MonthCounts]:
    return board_counts(unit, as_of=Month.of(today), today=today)


class TestStoredBoardStaysCurrent(TestCase):
    @settings(
        max_examples=100,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(household_case(), min_size=1, max_size=3), writes, writes)
    def test_after_any_writes_the_stored_board_equals_the_board_counted_afresh(
        self,
        cases: list[dict[str, object]],
        first: list[tuple[str, date, int]],
        second: list[tuple[str, date, int]],
    ) -> None:
        unit = Unit.objects.create(name=f"Enhet {next(serial)}")
        other = Unit.objects.create(name=f"Annan enhet {next(serial)}")
        make_cases(unit, cases)
        make_cases(other, cases[:1])
        with timezone.override(STOCKHOLM):
            for batch in (first, second):
                assert _figures(unit) == _fresh(unit)
                assert _figures(other) == _fresh(other)
                assert BoardMonth.objects.filter(unit=unit).count() == board.BOARD_MONTHS
                for kind, day, n in batch:
                    _write(unit, other, kind, day, n)
            assert _figures(unit) == _fresh(unit)
            assert _figures(other) == _fresh(other)


# Hand-made cases -----------------------------------------------------------------------------

pytestmark = pytest.mark.django_db


@pytest.fixture
def stocked(unit: Unit, persona: Callable[..., Any]) -> Unit:
    """A unit with two households paid over the whole board, its board read once (all stored)."""
    make_cases(
        unit,
        [
            {
                "paid": dict.fromkeys(range(0, 60), "sent"),
                "applications": {},
                "closures": [],
                "referrals": [],
                "signed": [],
            }
        ]
        * 2,
    )
    with timezone.override(STOCKHOLM):
        _figures(unit)
    return unit


def test_a_write_marks_its_unit_stale_from_its_month_and_the_next_read_counts_only_those(
    stocked: Unit, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = Household.objects.filter(unit=stocked).order_by("pk").first()
    assert home is not None
    state = BoardState.objects.get(unit=stocked)
    assert state.stale_from is None
    Closure.objects.create(
        household=home, closed_on=date(2026, 9, 30), closed_by=_any_user(), long_term=True,
        reason=ClosureReasonChoices.WORK,
    )  # fmt: skip
    state.refresh_from_db()
    assert state.stale_from == Month(2026, 9).index
    counted: list[list[Month]] = []
    real = selectors.month_counts

    def spy(unit: Unit, months: list[Month], *, today: date) -> dict[Month, board.MonthCounts]:
        counted.append(months)
        return real(unit, months, today=today)

    monkeypatch.setattr(selectors, "month_counts", spy)
    with timezone.override(STOCKHOLM):
        figures = _figures(stocked)
        assert counted == [[Month(2026, 9), Month(2026, 10), Month(2026, 11)]]
        assert figures[Month(2026, 9)].long_term_closed == 1
        state.refresh_from_db()
        assert state.stale_from is None
        _figures(stocked)  # the same day, nothing written: nothing counted
        assert len(counted) == 1
        assert figures == _fresh(stocked)


def test_a_read_that_counted_while_a_write_landed_does_not_store(
    stocked: Unit, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = Household.objects.filter(unit=stocked).order_by("pk").first()
    assert home is not None
    BoardState.objects.filter(unit=stocked).update(stale_from=Month(2026, 11).index)
    real = selectors.month_counts

    def counted_then_written(
        unit: Unit, months: list[Month], *, today: date
    ) -> dict[Month, board.MonthCounts]:
        counts = real(unit, months, today=today)
        # Another caseworker's closure commits after the counting read the data.
        Closure.objects.create(
            household=home, closed_on=date(2026, 11, 2), closed_by=_any_user(), long_term=True,
            reason=ClosureReasonChoices.WORK,
        )  # fmt: skip
        return counts

    monkeypatch.setattr(selectors, "month_counts", counted_then_written)
    with timezone.override(STOCKHOLM):
        stale = _figures(stocked)
        assert stale[Month(2026, 11)].long_term_closed == 0  # what it counted, shown once
        monkeypatch.setattr(selectors, "month_counts", real)
        assert _figures(stocked)[Month(2026, 11)].long_term_closed == 1
        assert _figures(stocked) == _fresh(stocked)


def test_a_month_is_counted_again_each_day_until_a_day_after_it_ended(stocked: Unit) -> None:
    """A closure to work on 2025-11-27 is followed up on 2026-11-27: on the board of November
    2026 from that day, and still in November after the month has ended."""
    home = Household.objects.filter(unit=stocked).order_by("pk").first()
    assert home is not None
    Closure.objects.create(
        household=home, closed_on=date(2025, 11, 27), closed_by=_any_user(), long_term=False,
        reason=ClosureReasonChoices.WORK,
    )  # fmt: skip
    november = Month(2026, 11)
    with timezone.override(STOCKHOLM):
        assert _figures(stocked, today=date(2026, 11, 23))[november].followed_up == 0
        assert _figures(stocked, today=date(2026, 11, 28))[november].followed_up == 1
        assert _figures(stocked, today=date(2026, 12, 1))[november].followed_up == 1
        for today in (date(2026, 11, 28), date(2026, 12, 1), date(2026, 12, 2)):
            assert _figures(stocked, today=today) == _fresh(stocked, today=today)


def test_a_household_moving_unit_changes_every_month_of_both_boards(
    stocked: Unit, persona: Callable[..., Any]
) -> None:
    other = Unit.objects.create(name="Norr")
    with timezone.override(STOCKHOLM):
        _figures(other)
        home = Household.objects.filter(unit=stocked).order_by("pk").first()
        assert home is not None
        home.unit = other
        home.save()
        assert BoardState.objects.get(unit=stocked).stale_from == board_store.ALL_MONTHS
        assert BoardState.objects.get(unit=other).stale_from == board_store.ALL_MONTHS
        assert _figures(stocked)[FIRST].households == 1
        assert _figures(other)[FIRST].households == 1
        assert _figures(other) == _fresh(other)


def test_saving_a_household_without_moving_it_keeps_the_board(stocked: Unit) -> None:
    home = Household.objects.filter(unit=stocked).order_by("pk").first()
    assert home is not None
    home.save()
    assert BoardState.objects.get(unit=stocked).stale_from is None


def test_a_referral_moved_later_marks_from_where_it_began_before(stocked: Unit) -> None:
    home = Household.objects.filter(unit=stocked).order_by("pk").first()
    assert home is not None
    activity = make_activity(stocked, _any_user(), today=TODAY, name="Praktik")
    referral = Referral.objects.create(
        activity=activity, household=home, person=home.members.first().person,
        referred_by=_any_user(), referred_on=DAY0, accepted_on=date(2026, 3, 2),
    )  # fmt: skip
    with timezone.override(STOCKHOLM):
        _figures(stocked)
        referral.accepted_on = date(2026, 8, 3)
        referral.save()
        assert BoardState.objects.get(unit=stocked).stale_from == Month(2026, 3).index
        assert _figures(stocked) == _fresh(stocked)


def _first_home(unit: Unit) -> Household:
    home = Household.objects.filter(unit=unit).order_by("pk").first()
    assert home is not None
    return home


def _apply(home: Household, month: str, received: datetime) -> Application:
    return Application.objects.create(
        household=home, month=month, received_at=received, channel=Channel.IN_PERSON,
        track=TrackChoices.STANDARD, registered_by=_any_user(),
    )  # fmt: skip


def test_an_application_for_the_month_before_makes_a_stored_new_application_not_new(
    stocked: Unit,
) -> None:
    """August's application was new (none for July) when August was stored; an application for
    July received on 5 October makes it a continuation, so August changes, not only October."""
    home = _first_home(stocked)
    with timezone.override(STOCKHOLM):
        _apply(home, "2026-08", _at(date(2026, 8, 3)))
        assert _figures(stocked)[Month(2026, 8)].new_applications == 1
        _apply(home, "2026-07", _at(date(2026, 10, 5)))
        figures = _figures(stocked)
        assert figures[Month(2026, 8)].new_applications == 0
        assert figures == _fresh(stocked)


def test_an_application_received_late_on_a_months_last_evening_counts_in_that_month(
    stocked: Unit,
) -> None:
    home = _first_home(stocked)
    with timezone.override(STOCKHOLM):
        _figures(stocked)
        _apply(home, "2026-08", datetime(2026, 7, 31, 23, 55, tzinfo=STOCKHOLM))
        figures = _figures(stocked)
        assert figures[Month(2026, 7)].new_applications == 1
        assert figures == _fresh(stocked)


def test_a_plan_signed_late_on_a_months_last_evening_counts_from_that_month(
    stocked: Unit,
) -> None:
    home = _first_home(stocked)
    plan = ActionPlan.objects.create(household=home, person=home.members.first().person)
    with timezone.override(STOCKHOLM):
        before = _figures(stocked)
        PlanVersion.objects.create(
            plan=plan, number=1, goal="work", written_by=WrittenBy.CASEWORKER,
            created_by=_any_user(), signed_at=datetime(2026, 6, 30, 23, 30, tzinfo=STOCKHOLM),
            signed_how=SignedHow.IN_MEETING,
        )  # fmt: skip
        after = _figures(stocked)
        assert after[Month(2026, 6)].with_signed_plan == before[Month(2026, 6)].with_signed_plan + 1
        assert after == _fresh(stocked)


def test_a_returned_payment_changes_the_board_from_its_decisions_month(stocked: Unit) -> None:
    home = _first_home(stocked)
    payment = Payment.objects.get(decision__household=home, decision__month="2025-06")
    with timezone.override(STOCKHOLM):
        before = _figures(stocked)
        payment.status = PaymentStatus.RETURNED
        payment.save()
        assert BoardState.objects.get(unit=stocked).stale_from == Month(2025, 6).index
        after = _figures(stocked)
        assert after[Month(2025, 6)].households == before[Month(2025, 6)].households - 1
        assert after == _fresh(stocked)


def test_a_board_read_while_a_household_moves_does_not_keep_it_in_the_old_unit(
    stocked: Unit,
) -> None:
    """A read between the household's pre-save and its update stores the old unit with the
    household still in it; the move's mark after the update makes the next read count again."""
    other = Unit.objects.create(name="Söder")
    home = _first_home(stocked)

    def read_in_between(sender: type[Household], instance: Household, **kwargs: Any) -> None:
        _figures(stocked)

    pre_save.connect(read_in_between, sender=Household, dispatch_uid="test_read_in_between")
    try:
        with timezone.override(STOCKHOLM):
            home.unit = other
            home.save()
    finally:
        pre_save.disconnect(sender=Household, dispatch_uid="test_read_in_between")
    with timezone.override(STOCKHOLM):
        assert _figures(stocked) == _fresh(stocked)
        assert _figures(stocked)[FIRST].households == 1


def test_rebuilding_every_month_with_assistance_marks_every_units_board(stocked: Unit) -> None:
    """Payments deleted behind the signals' back (never in normal work) make the refresh rebuild
    the months with assistance and mark every unit, read before or not."""
    never_read = Unit.objects.create(name="Väster")
    with timezone.override(STOCKHOLM):
        _figures(stocked)
        last = Payment.objects.order_by("-pk").first()
        assert last is not None
        Payment.objects.filter(pk=last.pk)._raw_delete(Payment.objects.db)  # no signal
        figures = _figures(stocked)
        assert figures == _fresh(stocked)
        assert BoardState.objects.get(unit=never_read).stale_from == board_store.ALL_MONTHS


def test_months_counted_by_other_counting_rules_are_counted_again(
    stocked: Unit, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(board_store, "COUNTING", board_store.COUNTING + 1)
    counted: list[list[Month]] = []
    real = selectors.month_counts

    def spy(unit: Unit, months: list[Month], *, today: date) -> dict[Month, board.MonthCounts]:
        counted.append(months)
        return real(unit, months, today=today)

    monkeypatch.setattr(selectors, "month_counts", spy)
    with timezone.override(STOCKHOLM):
        _figures(stocked)
    assert counted == [MONTHS]
    assert set(BoardMonth.objects.filter(unit=stocked).values_list("counting", flat=True)) == {
        board_store.COUNTING
    }
