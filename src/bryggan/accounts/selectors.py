"""Reads about accounts: aggregate figures per unit (no individual is named, so analysts may read
them) and whether a user has a second factor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q
from django_otp.plugins.otp_totp.models import TOTPDevice

from bryggan.accounts.models import Unit, User
from bryggan.core.month import Month


@dataclass(frozen=True, slots=True)
class UnitSummary:
    unit: Unit
    active_cases: int
    applications_this_month: int
    first_meetings_this_month: int
    first_meetings_in_time: int

    @property
    def in_time_pct(self) -> int | None:
        if not self.first_meetings_this_month:
            return None
        return round(100 * self.first_meetings_in_time / self.first_meetings_this_month)


def unit_summaries(*, today: date) -> list[UnitSummary]:
    month = str(Month.of(today))
    units = Unit.objects.annotate(
        active=Count("households", filter=Q(households__status="active"), distinct=True),
        applications=Count(
            "households__applications",
            filter=Q(households__applications__month=month),
            distinct=True,
        ),
        meetings=Count(
            "households__applications__first_meeting",
            filter=Q(households__applications__month=month),
            distinct=True,
        ),
        in_time=Count(
            "households__applications__first_meeting",
            filter=Q(
                households__applications__month=month,
                households__applications__first_meeting__starts_at__date__lte=F(
                    "households__applications__first_meeting__deadline"
                ),
            ),
            distinct=True,
        ),
    ).order_by("name")
    return [
        UnitSummary(
            unit=unit,
            active_cases=unit.active,
            applications_this_month=unit.applications,
            first_meetings_this_month=unit.meetings,
            first_meetings_in_time=unit.in_time,
        )
        for unit in units
    ]


def totp_device_confirmed(user: User) -> bool:
    """Has the user a confirmed TOTP device, so that sign-in asks for its code?"""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
