"""Consent (*samtycke*) to share information about a person with a partner organisation.

Social-services secrecy is the default: information about a person's private circumstances is
secret (offentlighets- och sekretesslagen (2009:400) 26 kap. 1 §). The person may lift it, wholly or
in part (OSL 12 kap. 2 §): a consent names which organisations may receive which kinds of
information, for a period, and the person may withdraw it at any moment, effective at once.
Secrecy never applies against the person themselves (OSL 12 kap. 1 §), so nothing here limits what
the person is told.

Pure: values in, values out; "today" is a parameter. The one question every disclosure asks, and
that review groups and placements ask later, is `consent_covers`: does a valid consent cover
organisation O and information kind K for person P on day D?
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class OrganisationKind(StrEnum):
    ARBETSFORMEDLINGEN = "arbetsformedlingen"
    FORSAKRINGSKASSAN = "forsakringskassan"
    REGION_PRIMARY_CARE = "region_primary_care"
    REGION_PSYCHIATRY = "region_psychiatry"
    LABOUR_MARKET_UNIT = "labour_market_unit"
    ADULT_EDUCATION = "adult_education"  # komvux and SFI
    COORDINATION_ASSOCIATION = "coordination_association"  # samordningsförbund
    NEIGHBOURING_MUNICIPALITY = "neighbouring_municipality"
    UNION = "union"
    OTHER = "other"


class InformationKind(StrEnum):
    """The kinds of information a consent names, as the consent forms list them."""

    IDENTITY = "identity"  # identity and contact
    PLAN = "plan"  # plan and activities
    ECONOMY = "economy"  # economic situation
    HEALTH = "health"  # health and ability to work


class ConsentState(StrEnum):
    VALID = "valid"
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


class GivenHow(StrEnum):
    SIGNED_FORM = "signed_form"  # the signed form is a document of the case
    E_SERVICE = "e_service"  # signed in the e-service
    ORAL = "oral"  # given orally, with a journal note


@dataclass(frozen=True, slots=True)
class ConsentTerms:
    """One consent as values: whose, to which organisations, which kinds, from–to, withdrawn when.

    `withdrawn_on` is the day of withdrawal. A withdrawal is effective at once, so the consent
    covers nothing from that whole day on: a disclosure made earlier the same day was recorded
    when it was made, and nothing later that day may rely on the consent.
    """

    consent_id: int
    person_id: int
    organisation_ids: frozenset[int]
    kinds: frozenset[InformationKind]
    valid_from: date
    valid_to: date
    withdrawn_on: date | None = None


class ConsentRuleError(ValueError):
    """A consent's terms break a rule; `code` names which."""

    def __init__(self, code: str, field: str) -> None:
        super().__init__(code)
        self.code = code
        self.field = field


ENDS_BEFORE_START = "ends_before_start"
NO_ORGANISATION = "no_organisation"
NO_KIND = "no_kind"


def check_consent_terms(
    *, valid_from: date, valid_to: date, organisation_count: int, kind_count: int
) -> None:
    """Refuse a consent that ends before it starts, or names no organisation or no kind."""
    if valid_to < valid_from:
        raise ConsentRuleError(ENDS_BEFORE_START, "valid_to")
    if organisation_count < 1:
        raise ConsentRuleError(NO_ORGANISATION, "organisations")
    if kind_count < 1:
        raise ConsentRuleError(NO_KIND, "kinds")


def default_valid_to(valid_from: date, months: int) -> date:
    """The last day of a consent of `months` months from `valid_from` (the day before the same
    day `months` later; the month's last day when that day does not exist)."""
    index = valid_from.month - 1 + months
    year, month = valid_from.year + index // 12, index % 12 + 1
    day = min(valid_from.day, calendar.monthrange(year, month)[1])
    return date(year, month, day) - timedelta(days=1)


def consent_state(terms: ConsentTerms, *, on: date) -> ConsentState:
    """Where the consent stands on day `on`. Withdrawal wins over every period."""
    if terms.withdrawn_on is not None and terms.withdrawn_on <= on:
        return ConsentState.WITHDRAWN
    if on < terms.valid_from:
        return ConsentState.NOT_YET_VALID
    if on > terms.valid_to:
        return ConsentState.EXPIRED
    return ConsentState.VALID


def consent_covers(
    terms: ConsentTerms,
    *,
    person_id: int,
    organisation_id: int,
    kind: InformationKind,
    on: date,
) -> bool:
    """Whether this consent lets information of `kind` about the person go to the organisation on
    day `on`.

    Source: OSL (2009:400) 26 kap. 1 § (secrecy the default), 12 kap. 2 § (the person may lift it).
    """
    return (
        terms.person_id == person_id
        and organisation_id in terms.organisation_ids
        and kind in terms.kinds
        and consent_state(terms, on=on) is ConsentState.VALID
    )


def covering_consent(
    consents: Iterable[ConsentTerms],
    *,
    person_id: int,
    organisation_id: int,
    kind: InformationKind,
    on: date,
) -> ConsentTerms | None:
    """The consent that covers the disclosure, the one lasting longest when several do."""
    covering = [
        terms
        for terms in consents
        if consent_covers(
            terms, person_id=person_id, organisation_id=organisation_id, kind=kind, on=on
        )
    ]
    return max(covering, key=lambda t: (t.valid_to, t.consent_id), default=None)


def covered_kinds(
    consents: Iterable[ConsentTerms], *, person_id: int, organisation_id: int, on: date
) -> frozenset[InformationKind]:
    """Every kind of information a valid consent lets go to the organisation on day `on`."""
    chosen = list(consents)
    return frozenset(
        kind
        for kind in InformationKind
        if covering_consent(
            chosen, person_id=person_id, organisation_id=organisation_id, kind=kind, on=on
        )
        is not None
    )


def missing_kinds(
    consents: Iterable[ConsentTerms],
    *,
    person_id: int,
    organisation_id: int,
    kinds: Iterable[InformationKind],
    on: date,
) -> frozenset[InformationKind]:
    """The kinds asked for that no valid consent covers: what the screen names as missing."""
    covered = covered_kinds(consents, person_id=person_id, organisation_id=organisation_id, on=on)
    return frozenset(kinds) - covered
