"""Rules of joint case reviews: may this case go on this meeting's agenda, which kinds of
information the meeting may see about it, when a group meets, and which actions are overdue.

Social-services secrecy is the default (offentlighets- och sekretesslagen (2009:400) 26 kap. 1 §);
only the person's consent lifts it (OSL 12 kap. 2 §). Every organisation at a joint review hears
about every case on its agenda, so a case goes on the agenda only when a valid consent names each
of them (the practice of Hässleholm's *ÄGG*: the client signs a consent form for each authority).

Pure: values in, values out; "today" is a parameter. The consent question itself is
`cooperation.rules.consent_covers`; this module asks it for each organisation.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum

from bryggan.cooperation.rules import ConsentTerms, InformationKind, covered_kinds


class GroupTarget(StrEnum):
    """For whom a review group is, as Hässleholm divides its groups."""

    YOUTH = "youth"  # up to 25, with the labour-market unit when needed
    OVER_25 = "over_25"  # with the labour-market unit always
    INTEGRATION = "integration"  # with SFI teachers
    LONG_SICK_LEAVE = "long_sick_leave"  # with Försäkringskassan, no sickness benefit
    OTHER = "other"


class MeetingKind(StrEnum):
    REVIEW = "review"  # a review group's meeting, many cases
    THREE_PARTY = "three_party"  # client, municipality and Arbetsförmedlingen: one client


class ActionParty(StrEnum):
    CASEWORKER = "caseworker"
    WORK_COACH = "work_coach"
    CLIENT = "client"
    PARTNER = "partner"


MUNICIPAL_PARTIES = frozenset({ActionParty.CASEWORKER, ActionParty.WORK_COACH})


def missing_organisations(
    consents: Iterable[ConsentTerms],
    *,
    person_id: int,
    organisation_ids: Iterable[int],
    days: Iterable[date],
) -> frozenset[int]:
    """The organisations at the meeting that no valid consent names on every one of `days`
    (today, when the agenda goes out, and the meeting's day): the case may go on the agenda only
    when this is empty. A consent covering any kind of information names the organisation.

    Source: OSL (2009:400) 26 kap. 1 §, 12 kap. 2 §.
    """
    chosen, wanted = list(consents), list(days)
    return frozenset(
        organisation_id
        for organisation_id in organisation_ids
        if any(
            not covered_kinds(chosen, person_id=person_id, organisation_id=organisation_id, on=day)
            for day in wanted
        )
    )


def meeting_kinds(
    consents: Iterable[ConsentTerms],
    *,
    person_id: int,
    organisation_ids: Iterable[int],
    on: date,
) -> frozenset[InformationKind]:
    """The kinds of information the meeting may see about the person on day `on`: those a valid
    consent covers for every organisation at it (each hears all that is said). Empty when any
    organisation lacks a consent.

    Source: OSL (2009:400) 12 kap. 2 § (secrecy lifted only as far as the consent goes).
    """
    chosen = list(consents)
    result = frozenset(InformationKind)
    ids = list(organisation_ids)
    for organisation_id in ids:
        result &= covered_kinds(chosen, person_id=person_id, organisation_id=organisation_id, on=on)
    return result if ids else frozenset()


def meeting_days(*, first: date, weekday: int, every_weeks: int, count: int) -> list[date]:
    """The next `count` meeting days of a group meeting on `weekday` (0 Monday) every
    `every_weeks` weeks, from the first such weekday on or after `first`."""
    if every_weeks < 1 or count < 0:
        raise ValueError("every_weeks must be at least 1 and count not negative")
    start = first + timedelta(days=(weekday - first.weekday()) % 7)
    return [start + timedelta(weeks=every_weeks * n) for n in range(count)]


def is_overdue(*, due_on: date, done_on: date | None, today: date) -> bool:
    """An action not done by the end of its last day."""
    return done_on is None and due_on < today
