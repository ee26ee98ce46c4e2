"""What a search asks for: a personnummer or samordningsnummer (with or without century and
hyphen), a case number, or a name. Pure: the text in, a checked query out.

The identity number is checked as `people.rules.parse_identity_number` checks it (python-stdnum's
Luhn and date checks, folkbokföringslagen 18 and 18 a §§), so "900101-1234" and "199001011234"
find the same person, stored in the long form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from bryggan.core.errors import DomainError
from bryggan.people.rules import parse_identity_number

MIN_LENGTH = 2
MAX_LENGTH = 50
MAX_WORDS = 4

SEARCH_TOO_SHORT = _("Search for at least two characters.")
SEARCH_TOO_LONG = _("Search for at most 50 characters: a personnummer, a case number or a name.")
SEARCH_NOT_UNDERSTOOD = _(
    "Give a personnummer or samordningsnummer (YYMMDD-NNNN or YYYYMMDDNNNN), a case number "
    "(YYYY-NNNNN) or a name."
)

_IDENTITY = re.compile(r"^\d{6}(\d{2})?[-+]?\d{4}$")
_CASE = re.compile(r"^(?:(\d{4})-)?(\d{1,9})$")
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")


class QueryKind(StrEnum):
    IDENTITY = "identity"
    CASE = "case"
    NAME = "name"


@dataclass(frozen=True, slots=True)
class SearchQuery:
    kind: QueryKind
    identity_number: str = ""  # long form YYYYMMDD-NNNN
    household_id: int = 0
    opened_year: int | None = None  # the case number's year, when given
    words: tuple[str, ...] = ()

    @property
    def logged(self) -> str:
        """What was searched, as the access log keeps it."""
        if self.kind == QueryKind.IDENTITY:
            return self.identity_number
        if self.kind == QueryKind.CASE:
            year = f"{self.opened_year}-" if self.opened_year else ""
            return f"{year}{self.household_id:05d}"
        return " ".join(self.words)[:MAX_LENGTH]


def parse_search(text: str, *, today: date) -> SearchQuery:
    """Check the search box's text; a `DomainError` with a message for the user otherwise."""
    stripped = " ".join((text or "").split())
    if len(stripped) < MIN_LENGTH:
        raise DomainError(SEARCH_TOO_SHORT, field="q")
    if len(stripped) > MAX_LENGTH:
        raise DomainError(SEARCH_TOO_LONG, field="q")
    compact = stripped.replace(" ", "")
    if _IDENTITY.match(compact):
        try:
            identity = parse_identity_number(compact, today=today)
        except DomainError as error:
            raise DomainError(error.message, field="q") from error
        return SearchQuery(QueryKind.IDENTITY, identity_number=identity.number)
    case = _CASE.match(compact)
    if case is not None:
        year, serial = case.groups()
        return SearchQuery(
            QueryKind.CASE, household_id=int(serial), opened_year=int(year) if year else None
        )
    words = tuple(stripped.split(" "))
    if len(words) > MAX_WORDS or not all(_NAME_WORD.match(word) for word in words):
        raise DomainError(SEARCH_NOT_UNDERSTOOD, field="q")
    return SearchQuery(QueryKind.NAME, words=words)
