"""The consent rule, exhaustively: every organisation kind × information kind × state."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bryggan.cooperation.rules import (
    ENDS_BEFORE_START,
    ConsentRuleError,
    ConsentState,
    ConsentTerms,
    InformationKind,
    OrganisationKind,
    check_consent_terms,
    consent_covers,
    consent_state,
    covered_kinds,
    covering_consent,
    default_valid_to,
    missing_kinds,
)

PERSON = 7
TODAY = date(2026, 12, 7)
# One organisation of every kind, its id the kind's position.
ORGANISATIONS = {kind: index + 1 for index, kind in enumerate(OrganisationKind)}
PERIODS = {
    ConsentState.VALID: (TODAY - timedelta(days=30), TODAY + timedelta(days=30), None),
    ConsentState.NOT_YET_VALID: (TODAY + timedelta(days=1), TODAY + timedelta(days=60), None),
    ConsentState.EXPIRED: (TODAY - timedelta(days=60), TODAY - timedelta(days=1), None),
    ConsentState.WITHDRAWN: (TODAY - timedelta(days=30), TODAY + timedelta(days=30), TODAY),
}


def _terms(
    organisation_id: int, kind: InformationKind, state: ConsentState, consent_id: int = 1
) -> ConsentTerms:
    valid_from, valid_to, withdrawn_on = PERIODS[state]
    return ConsentTerms(
        consent_id=consent_id,
        person_id=PERSON,
        organisation_ids=frozenset({organisation_id}),
        kinds=frozenset({kind}),
        valid_from=valid_from,
        valid_to=valid_to,
        withdrawn_on=withdrawn_on,
    )


@pytest.mark.parametrize(
    ("organisation", "kind", "state"),
    list(itertools.product(OrganisationKind, InformationKind, ConsentState)),
)
def test_a_consent_covers_its_organisation_and_kind_only_while_valid(
    organisation: OrganisationKind, kind: InformationKind, state: ConsentState
) -> None:
    org_id = ORGANISATIONS[organisation]
    terms = _terms(org_id, kind, state)
    assert consent_state(terms, on=TODAY) is state
    for other_org, other_kind in itertools.product(ORGANISATIONS.values(), InformationKind):
        covered = consent_covers(
            terms, person_id=PERSON, organisation_id=other_org, kind=other_kind, on=TODAY
        )
        expected = state is ConsentState.VALID and other_org == org_id and other_kind is kind
        assert covered is expected, (other_org, other_kind)
    # Never for another person.
    assert not consent_covers(
        terms, person_id=PERSON + 1, organisation_id=org_id, kind=kind, on=TODAY
    )


def test_withdrawal_is_effective_at_once_and_not_before() -> None:
    terms = _terms(1, InformationKind.PLAN, ConsentState.WITHDRAWN)
    ask = {"person_id": PERSON, "organisation_id": 1, "kind": InformationKind.PLAN}
    assert consent_covers(terms, **ask, on=TODAY - timedelta(days=1))
    assert not consent_covers(terms, **ask, on=TODAY)
    assert not consent_covers(terms, **ask, on=TODAY + timedelta(days=1))


def test_a_consent_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ConsentRuleError) as raised:
        check_consent_terms(
            valid_from=TODAY, valid_to=TODAY - timedelta(days=1), organisation_count=1, kind_count=1
        )
    assert raised.value.code == ENDS_BEFORE_START
    assert raised.value.field == "valid_to"
    check_consent_terms(valid_from=TODAY, valid_to=TODAY, organisation_count=1, kind_count=1)


@pytest.mark.parametrize(("organisations", "kinds"), [(0, 1), (1, 0)])
def test_a_consent_must_name_an_organisation_and_a_kind(organisations: int, kinds: int) -> None:
    with pytest.raises(ConsentRuleError):
        check_consent_terms(
            valid_from=TODAY,
            valid_to=TODAY,
            organisation_count=organisations,
            kind_count=kinds,
        )


def test_the_missing_kinds_are_those_no_valid_consent_covers() -> None:
    consents = [
        _terms(1, InformationKind.IDENTITY, ConsentState.VALID, 1),
        _terms(1, InformationKind.PLAN, ConsentState.EXPIRED, 2),
        _terms(2, InformationKind.ECONOMY, ConsentState.VALID, 3),
    ]
    missing = missing_kinds(
        consents,
        person_id=PERSON,
        organisation_id=1,
        kinds=[InformationKind.IDENTITY, InformationKind.PLAN, InformationKind.ECONOMY],
        on=TODAY,
    )
    assert missing == {InformationKind.PLAN, InformationKind.ECONOMY}
    assert covered_kinds(consents, person_id=PERSON, organisation_id=1, on=TODAY) == {
        InformationKind.IDENTITY
    }


def test_of_two_covering_consents_the_one_lasting_longest_is_named() -> None:
    short = _terms(1, InformationKind.PLAN, ConsentState.VALID, 1)
    long = ConsentTerms(
        consent_id=2,
        person_id=PERSON,
        organisation_ids=frozenset({1, 2}),
        kinds=frozenset(InformationKind),
        valid_from=TODAY - timedelta(days=1),
        valid_to=TODAY + timedelta(days=300),
    )
    found = covering_consent(
        [short, long], person_id=PERSON, organisation_id=1, kind=InformationKind.PLAN, on=TODAY
    )
    assert found == long


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 12, 7), 12, date(2027, 12, 6)),
        (date(2026, 1, 31), 1, date(2026, 2, 27)),
        (date(2024, 2, 29), 12, date(2025, 2, 27)),
        (date(2026, 12, 1), 6, date(2027, 5, 31)),
    ],
)
def test_the_default_end_is_the_day_before_the_same_day_months_later(
    start: date, months: int, end: date
) -> None:
    assert default_valid_to(start, months) == end


@given(
    valid_from=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    length=st.integers(min_value=0, max_value=2000),
    offset=st.integers(min_value=-3000, max_value=3000),
    withdrawn_after=st.one_of(st.none(), st.integers(min_value=-10, max_value=2010)),
)
def test_a_consent_covers_exactly_the_days_from_start_to_end_before_withdrawal(
    valid_from: date, length: int, offset: int, withdrawn_after: int | None
) -> None:
    valid_to = valid_from + timedelta(days=length)
    withdrawn_on = (
        valid_from + timedelta(days=withdrawn_after) if withdrawn_after is not None else None
    )
    terms = ConsentTerms(
        consent_id=1,
        person_id=PERSON,
        organisation_ids=frozenset({1}),
        kinds=frozenset({InformationKind.HEALTH}),
        valid_from=valid_from,
        valid_to=valid_to,
        withdrawn_on=withdrawn_on,
    )
    on = valid_from + timedelta(days=offset)
    expected = valid_from <= on <= valid_to and (withdrawn_on is None or on < withdrawn_on)
    assert (
        consent_covers(
            terms, person_id=PERSON, organisation_id=1, kind=InformationKind.HEALTH, on=on
        )
        is expected
    )
    # The boundaries themselves: the first and the last day are covered unless withdrawn.
    if withdrawn_on is None:
        assert consent_state(terms, on=valid_from) is ConsentState.VALID
        assert consent_state(terms, on=valid_to) is ConsentState.VALID
        assert consent_state(terms, on=valid_from - timedelta(days=1)) is ConsentState.NOT_YET_VALID
        assert consent_state(terms, on=valid_to + timedelta(days=1)) is ConsentState.EXPIRED


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    months=st.integers(min_value=1, max_value=60),
)
def test_the_default_end_never_precedes_the_start(start: date, months: int) -> None:
    end = default_valid_to(start, months)
    assert end >= start
    assert (end - start).days < months * 31
