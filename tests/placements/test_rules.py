"""The selection group's vote rule: hand-worked cases and, over every sequence of votes,
the properties Kommunbryggan's agreement asks for (Hypothesis)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bryggan.placements import rules
from bryggan.placements.rules import (
    OWN_MUNICIPALITY,
    PlacementRuleError,
    PlacementState,
    Vote,
    VoteState,
    cast_vote,
    parties_of,
    placement_state,
    vote_count,
)

AF, NORTH, SOUTH, UNION, OUTSIDER = 1, 2, 3, 4, 9
GROUP = parties_of(members=[NORTH, SOUTH, AF], union=UNION, union_required=False)
WITH_UNION = parties_of(members=[NORTH, SOUTH, AF], union=UNION, union_required=True)


def test_the_parties_are_the_own_municipality_the_members_and_the_union_when_asked() -> None:
    assert frozenset({OWN_MUNICIPALITY, AF, NORTH, SOUTH}) == GROUP
    assert GROUP | {UNION} == WITH_UNION


def test_a_proposal_waits_until_the_last_member_has_approved() -> None:
    votes: tuple[Vote, ...] = ()
    for party in (OWN_MUNICIPALITY, NORTH, SOUTH):
        votes = cast_vote(GROUP, votes, party=party, approve=True, reason="")
    count = vote_count(GROUP, votes)
    assert count.state is VoteState.WAITING
    assert count.missing == {AF}
    votes = cast_vote(GROUP, votes, party=AF, approve=True, reason="")
    assert vote_count(GROUP, votes).state is VoteState.APPROVED


def test_one_rejection_rejects_the_proposal_and_no_more_votes_are_taken() -> None:
    votes = cast_vote(GROUP, (), party=NORTH, approve=False, reason="Ingen handledare.")
    assert vote_count(GROUP, votes).state is VoteState.REJECTED
    with pytest.raises(PlacementRuleError) as raised:
        cast_vote(GROUP, votes, party=AF, approve=True, reason="")
    assert raised.value.code == rules.ALREADY_DECIDED


def test_a_vote_from_outside_the_group_and_a_second_vote_are_refused() -> None:
    with pytest.raises(PlacementRuleError) as outside:
        cast_vote(GROUP, (), party=OUTSIDER, approve=True, reason="")
    assert outside.value.code == rules.NOT_A_PARTY
    votes = cast_vote(GROUP, (), party=AF, approve=True, reason="")
    with pytest.raises(PlacementRuleError) as twice:
        cast_vote(GROUP, votes, party=AF, approve=False, reason="Ändrat oss.")
    assert twice.value.code == rules.ALREADY_VOTED


def test_a_rejection_needs_a_reason() -> None:
    with pytest.raises(PlacementRuleError) as raised:
        cast_vote(GROUP, (), party=AF, approve=False, reason="  ")
    assert (raised.value.code, raised.value.field) == (rules.REASON_MISSING, "reason")


def test_the_union_must_confirm_when_the_group_asks_for_it() -> None:
    votes: tuple[Vote, ...] = ()
    for party in (OWN_MUNICIPALITY, NORTH, SOUTH, AF):
        votes = cast_vote(WITH_UNION, votes, party=party, approve=True, reason="")
    assert vote_count(WITH_UNION, votes).missing == {UNION}
    with pytest.raises(PlacementRuleError):
        cast_vote(GROUP, votes, party=UNION, approve=True, reason="")  # not a party here
    votes = cast_vote(WITH_UNION, votes, party=UNION, approve=True, reason="")
    assert vote_count(WITH_UNION, votes).state is VoteState.APPROVED


APPROVED = vote_count(GROUP, [Vote(p, True) for p in GROUP])


@pytest.mark.parametrize(
    ("signed", "started", "ended", "state"),
    [
        (False, False, False, PlacementState.APPROVED),
        (True, False, False, PlacementState.READY),
        (True, True, False, PlacementState.RUNNING),
        (True, True, True, PlacementState.ENDED),
    ],
)
def test_the_placement_state_follows_agreement_start_and_end(
    signed: bool, started: bool, ended: bool, state: PlacementState
) -> None:
    assert placement_state(APPROVED, agreement_signed=signed, started=started, ended=ended) is state


@pytest.mark.parametrize(
    ("state", "code"),
    [
        (PlacementState.WAITING, rules.NOT_APPROVED),
        (PlacementState.REJECTED, rules.NOT_APPROVED),
        (PlacementState.APPROVED, rules.AGREEMENT_UNSIGNED),
        (PlacementState.RUNNING, rules.ALREADY_STARTED),
        (PlacementState.ENDED, rules.ALREADY_STARTED),
    ],
)
def test_only_an_approved_placement_with_a_signed_agreement_starts(
    state: PlacementState, code: str
) -> None:
    with pytest.raises(PlacementRuleError) as raised:
        rules.check_start(state)
    assert raised.value.code == code
    rules.check_start(PlacementState.READY)


def test_proposal_and_follow_up_dates_are_checked() -> None:
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    with pytest.raises(PlacementRuleError, match=rules.ENDS_BEFORE_START):
        rules.check_proposal(starts_on=end, ends_on=start, hours_per_week=40)
    with pytest.raises(PlacementRuleError, match=rules.HOURS_OUT_OF_RANGE):
        rules.check_proposal(starts_on=start, ends_on=end, hours_per_week=41)
    with pytest.raises(PlacementRuleError, match=rules.NO_FOLLOW_UP):
        rules.check_follow_up_dates([], starts_on=start, ends_on=end)
    with pytest.raises(PlacementRuleError, match=rules.FOLLOW_UP_OUTSIDE):
        rules.check_follow_up_dates([date(2027, 1, 1)], starts_on=start, ends_on=end)
    rules.check_follow_up_dates([start, end], starts_on=start, ends_on=end)


# Over every sequence of attempted votes: parties and outsiders, approvals and rejections.
attempts = st.lists(
    st.tuples(
        st.sampled_from([OWN_MUNICIPALITY, AF, NORTH, SOUTH, UNION, OUTSIDER]), st.booleans()
    ),
    max_size=12,
)


def _fold(parties: frozenset[int], tried: list[tuple[int, bool]]) -> tuple[Vote, ...]:
    """Apply each attempt; a refused one must leave the votes exactly as they were."""
    votes: tuple[Vote, ...] = ()
    refusals = {rules.NOT_A_PARTY, rules.ALREADY_VOTED, rules.ALREADY_DECIDED}
    for party, approve in tried:
        before = votes
        code = None
        try:
            votes = cast_vote(parties, votes, party=party, approve=approve, reason="Skäl.")
        except PlacementRuleError as error:
            code = error.code
        assert code is None or (code in refusals and votes == before)
    return votes


@given(attempts, st.booleans())
def test_every_vote_sequence_obeys_the_group_s_rules(
    tried: list[tuple[int, bool]], union_required: bool
) -> None:
    parties = parties_of(members=[NORTH, SOUTH, AF], union=UNION, union_required=union_required)
    votes = _fold(parties, tried)
    voters = [v.party for v in votes]
    # Only parties vote, each at most once.
    assert set(voters) <= parties
    assert len(voters) == len(set(voters))
    # At most one rejection is ever stored: after it no vote is taken.
    rejections = [v for v in votes if not v.approve]
    assert len(rejections) <= 1
    if rejections:
        assert votes[-1] == rejections[0]
    count = vote_count(parties, votes)
    assert count.missing == parties - set(voters)
    if rejections:
        assert count.state is VoteState.REJECTED
    elif set(voters) == parties:
        assert count.state is VoteState.APPROVED
    else:
        assert count.state is VoteState.WAITING
        assert count.missing
    # Approved only when every party approved; the union among them when it is asked for.
    if count.state is VoteState.APPROVED:
        assert all(v.approve for v in votes)
        assert (UNION in voters) == union_required


@given(attempts)
def test_the_outcome_does_not_depend_on_the_order_of_accepted_votes(
    tried: list[tuple[int, bool]],
) -> None:
    votes = _fold(GROUP, tried)
    assert vote_count(GROUP, tuple(reversed(votes))).state == vote_count(GROUP, votes).state


@given(attempts, st.booleans())
def test_a_placement_starts_only_when_approved_and_signed(
    tried: list[tuple[int, bool]], signed: bool
) -> None:
    count = vote_count(GROUP, _fold(GROUP, tried))
    state = placement_state(count, agreement_signed=signed, started=False, ended=False)
    may_start = True
    try:
        rules.check_start(state)
    except PlacementRuleError:
        may_start = False
    assert may_start == (count.state is VoteState.APPROVED and signed)
