"""The case timeline page: thin, through the case gate."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bryggan.accounts.decorators import requires
from bryggan.accounts.roles import Capability
from bryggan.casefile.forms_timeline import PAGE, TimelineFilterForm
from bryggan.casefile.selectors_timeline import case_timeline
from bryggan.people.access import Purpose, access_household


@requires(Capability.VIEW_CASES)
def timeline(request: HttpRequest, household_id: int) -> HttpResponse:
    household = access_household(
        request.user,  # type: ignore[arg-type]
        household_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )
    form = TimelineFilterForm(request.GET or None)
    kinds, limit = form.kinds(), form.limit()
    entries = case_timeline(household.pk, viewer=request.user, kinds=kinds)  # type: ignore[arg-type]
    more = urlencode([("typ", kind) for kind in kinds] + [("antal", limit + PAGE)])
    return render(
        request,
        "casefile/timeline_page.html",
        {
            "household": household,
            "form": form,
            "entries": entries[:limit],
            "total": len(entries),
            "more_query": more if len(entries) > limit else "",
        },
    )
