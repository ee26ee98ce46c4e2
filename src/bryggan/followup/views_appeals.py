"""The manager's follow-up of appeals: per month, how many came in, the share forwarded to the
court by the unit's target, and the share the court changed; and the appeals waiting now."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bryggan.accounts.decorators import request_unit, requires
from bryggan.accounts.roles import Capability
from bryggan.decisions.selectors_appeals import appeal_figures, appeals_waiting

APPEAL_MONTHS = 12


@requires(Capability.VIEW_UNIT)
def appeals_follow_up_view(request: HttpRequest) -> HttpResponse:
    unit, today = request_unit(request), timezone.localdate()
    return render(
        request,
        "followup/appeals.html",
        {
            "figures": appeal_figures(unit, months=APPEAL_MONTHS, today=today),
            "waiting": appeals_waiting(unit, today),
            "months": APPEAL_MONTHS,
            "today": today,
        },
    )
