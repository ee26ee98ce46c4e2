"""The rules of joint case reviews, without the database: may this case go on this meeting's
agenda (every organisation × kind × consent state), what the meeting may see, when a group meets,
which actions are overdue."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bryggan.cooperation.rules import ConsentState, ConsentTerms, InformationKind, covered_kinds
from bryggan.reviews.rules import is_overdue, meeting_days, meeting_kinds, missing_organisations

TODAY = date(2026, 12, 7)  # a Monday
MEETING = date(2026, 12, 15)  # the Tuesday after next
PERSON = 1
AF, ALU, FK = 10, 20, 30  # Arbetsförmedlingen, the labour-market unit, Försäkringskassan
GROUP = (AF, ALU)


def terms(
    organisations: frozenset[int],
    kinds: frozenset[InformationKind],
    state: ConsentState,
    *,
    consent_id: int = 1,
) -> ConsentTerms:
    """A consent standing in `state` on TODAY and, unless withdrawn, in the same state on MEETING
    (a valid consent runs past the meeting)."""
    periods = {
        ConsentState.VALID: (TODAY - timedelta(days=30), MEETING + timedelta(days=30), None),
        ConsentState.NOT_YET_VALID: (
            MEETING + timedelta(days=1),
            MEETING + timedelta(days=90),
            None,
        ),
        ConsentState.EXPIRED: (TODAY - timedelta(days=90), TODAY - timedelta(days=1), None),
        ConsentState.WITHDRAWN: (TODAY - timedelta(days=30), MEETING + timedelta(days=30), TODAY),
    }
    valid_from, valid_to, withdrawn_on = periods[state]
    return ConsentTerms(
        consent_id=consent_id,
        person_id=PERSON,
        organisation_ids=organisations,
        kinds=kinds,
        valid_from=valid_from,
        valid_to=valid_to,
        withdrawn_on=withdrawn_on,
    )


ORGANISATION_SETS = [
    frozenset(c) for n in range(1, 4) for c in itertools.combinations((AF, ALU, FK), n)
]
KIND_SETS = [frozenset({k}) for k in InformationKind] + [frozenset(InformationKind)]


@pytest.mark.parametrize("state", list(ConsentState))
@pytest.mark.parametrize("kinds", KIND_SETS, ids=lambda k: "+".join(sorted(k)))
@pytest.mark.parametrize("named", ORGANISATION_SETS, ids=lambda o: "+".join(map(str, sorted(o))))
def test_a_case_goes_on_the_agenda_only_when_a_valid_consent_names_every_organisation(
    named: frozenset[int], kinds: frozenset[InformationKind], state: ConsentState
) -> None:
    missing = missing_organisations(
        [terms(named, kinds, state)],
        person_id=PERSON,
        organisation_ids=GROUP,
        days=[TODAY, MEETING],
    )
    expected = set(GROUP) - named if state is ConsentState.VALID else set(GROUP)
    assert missing == expected


def test_no_consent_at_all_leaves_every_organisation_missing() -> None:
    assert missing_organisations([], person_id=PERSON, organisation_ids=GROUP, days=[TODAY]) == {
        AF,
        ALU,
    }


def test_two_consents_together_may_name_the_group() -> None:
    kinds = frozenset({InformationKind.PLAN})
    both = [
        terms(frozenset({AF}), kinds, ConsentState.VALID, consent_id=1),
        terms(frozenset({ALU}), kinds, ConsentState.VALID, consent_id=2),
    ]
    assert not missing_organisations(both, person_id=PERSON, organisation_ids=GROUP, days=[TODAY])


def test_a_consent_of_another_person_opens_nothing() -> None:
    consent = terms(frozenset(GROUP), frozenset(InformationKind), ConsentState.VALID)
    assert missing_organisations(
        [consent], person_id=PERSON + 1, organisation_ids=GROUP, days=[TODAY]
    ) == set(GROUP)


def test_a_consent_that_ends_before_the_meeting_does_not_reach_it() -> None:
    ending = ConsentTerms(
        consent_id=1,
        person_id=PERSON,
        organisation_ids=frozenset(GROUP),
        kinds=frozenset({InformationKind.PLAN}),
        valid_from=TODAY,
        valid_to=MEETING - timedelta(days=1),
    )
    days = [TODAY, MEETING]
    assert missing_organisations([ending], person_id=PERSON, organisation_ids=GROUP, days=days) == {
        AF,
        ALU,
    }
    assert not missing_organisations(
        [ending], person_id=PERSON, organisation_ids=GROUP, days=[TODAY]
    )


def test_the_meeting_sees_only_the_kinds_consented_for_every_organisation() -> None:
    consents = [
        terms(
            frozenset({AF}),
            frozenset({InformationKind.PLAN, InformationKind.HEALTH}),
            ConsentState.VALID,
            consent_id=1,
        ),
        terms(
            frozenset({ALU}),
            frozenset({InformationKind.PLAN, InformationKind.IDENTITY}),
            ConsentState.VALID,
            consent_id=2,
        ),
    ]
    assert meeting_kinds(consents, person_id=PERSON, organisation_ids=GROUP, on=TODAY) == {
        InformationKind.PLAN
    }
    assert meeting_kinds(consents, person_id=PERSON, organisation_ids=[AF], on=TODAY) == {
        InformationKind.PLAN,
        InformationKind.HEALTH,
    }
    assert not meeting_kinds(consents, person_id=PERSON, organisation_ids=[], on=TODAY)


consent_strategy = st.builds(
    terms,
    st.sampled_from(ORGANISATION_SETS),
    st.sampled_from(KIND_SETS),
    st.sampled_from(list(ConsentState)),
    consent_id=st.integers(min_value=1, max_value=1000),
)


@given(consents=st.lists(consent_strategy, max_size=4))
def test_the_agenda_and_the_meeting_view_agree(consents: list[ConsentTerms]) -> None:
    """A case is on the agenda exactly when every organisation has some kind consented; what the
    meeting sees is never more than any one organisation's consent covers."""
    missing = missing_organisations(
        consents, person_id=PERSON, organisation_ids=GROUP, days=[TODAY]
    )
    shown = meeting_kinds(consents, person_id=PERSON, organisation_ids=GROUP, on=TODAY)
    for organisation in GROUP:
        covered = covered_kinds(consents, person_id=PERSON, organisation_id=organisation, on=TODAY)
        assert shown <= covered
        assert (organisation in missing) == (not covered)
    if shown:
        assert not missing


def test_a_group_meeting_every_other_tuesday() -> None:
    assert meeting_days(first=TODAY, weekday=1, every_weeks=2, count=3) == [
        date(2026, 12, 8),
        date(2026, 12, 22),
        date(2027, 1, 5),
    ]
    # From a Tuesday itself the first meeting is that day.
    assert meeting_days(first=date(2026, 12, 8), weekday=1, every_weeks=1, count=1) == [
        date(2026, 12, 8)
    ]


def test_a_schedule_needs_at_least_a_week_between_meetings() -> None:
    with pytest.raises(ValueError, match="every_weeks"):
        meeting_days(first=TODAY, weekday=1, every_weeks=0, count=1)


def test_an_action_is_overdue_after_its_last_day_unless_done() -> None:
    assert not is_overdue(due_on=TODAY, done_on=None, today=TODAY)
    assert is_overdue(due_on=TODAY, done_on=None, today=TODAY + timedelta(days=1))
    assert not is_overdue(due_on=TODAY, done_on=TODAY, today=TODAY + timedelta(days=9))
