"""The search gate: a search is a read. It finds only cases of the user's unit and logs, in one
transaction, what was searched and every case it showed; a search refused for its input is never
run and never logged."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest

from bryggan.accounts.models import User
from bryggan.audit.services import access_log_write, access_log_write_many
from bryggan.desk.rules_search import SearchQuery
from bryggan.desk.selectors_search import SearchHit, search_cases

SEARCH_PURPOSE = "search"


def access_search(
    user: User, query: SearchQuery, *, request: HttpRequest | None = None
) -> tuple[list[SearchHit], bool]:
    """The hits of `query` for `user`, and whether there were more; the search and each case
    found are written to the access log."""
    hits, more = search_cases(user, query)
    cases = list(dict.fromkeys(hit.household_id for hit in hits))
    with transaction.atomic():
        access_log_write(
            user=user,
            object_type="search",
            object_id=query.logged,
            case_id=None,
            purpose=SEARCH_PURPOSE,
            request=request,
        )
        if cases:
            access_log_write_many(
                user=user,
                object_type="household",
                rows=[(case, case) for case in cases],
                purpose=SEARCH_PURPOSE,
                request=request,
            )
    return hits, more
