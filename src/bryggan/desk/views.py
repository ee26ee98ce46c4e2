"""My work (*Mitt arbete*), the start page of the unit's staff, and the search of cases."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bryggan.accounts.decorators import requires
from bryggan.accounts.roles import Capability
from bryggan.core.errors import DomainError
from bryggan.desk.access_search import access_search
from bryggan.desk.forms_search import SearchForm
from bryggan.desk.kinds import url_of
from bryggan.desk.registry import desk, desk_counts_remember, kinds_for, scope_for
from bryggan.desk.rules_search import parse_search

# The rows shown at most: a manager of a large unit has thousands of items waiting, and reads the
# most urgent; each kind builds at most this many, and the counts above the list are always whole
# (counted in SQL).
DESK_ROWS = 300


@requires(Capability.VIEW_CASES)
def my_work_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    user = request.user
    found = desk(user, today=today, limit=DESK_ROWS)  # type: ignore[arg-type]
    # The menu beside the page shows the counts just made, and keeps them for the next pages.
    desk_counts_remember(user, today=today, counts=found.counts)  # type: ignore[arg-type]
    request._desk_counts = found.counts  # type: ignore[attr-defined]
    chosen = kinds_for(user)  # type: ignore[arg-type]
    scope = scope_for(user, today=today)  # type: ignore[arg-type]
    labels = {kind.key: str(kind.label) for kind in chosen}  # translated once, not once a row
    return render(
        request,
        "desk/my_work.html",
        {
            # Each row's kind label and case link made here: looked up in the template, 300 rows
            # took as long as the queries that found them.
            "rows": [
                (item, labels[item.kind], url_of("people:household_detail", item.household_id))
                for item in found.items
            ],
            "total": found.total,
            "shown": len(found.items),
            "summary": [(kind.label, found.counts.get(kind.key, 0)) for kind in chosen],
            "whole_unit": scope is not None and scope.whole_unit,
            "today": today,
        },
    )


@requires(Capability.VIEW_CASES)
def search_view(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    hits, more, searched = [], False, False
    if "q" in request.GET and form.is_valid():
        try:
            query = parse_search(form.cleaned_data["q"], today=timezone.localdate())
        except DomainError as error:
            form.add_error("q", error.message)
        else:
            hits, more = access_search(request.user, query, request=request)  # type: ignore[arg-type]
            searched = True
    return render(
        request,
        "desk/search.html",
        {"form": form, "hits": hits, "more": more, "searched": searched},
    )
