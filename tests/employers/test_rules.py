"""The employer network's pure rules: organisation number, offer, capacity, distance, matching."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bryggan.employers import rules
from bryggan.employers.rules import (
    ClientFacts,
    EmployersRuleError,
    OfferFacts,
    OfferKind,
    Outcome,
    PlanGoal,
    Proximity,
)

NEIGHBOURS = rules.neighbours_symmetric({"Trelleborg": ["Vellinge", "Skurup"]})


def client(**changes: object) -> ClientFacts:
    facts = ClientFacts(
        goal=PlanGoal.WORK,
        goal_text="Arbete inom lager",
        languages=frozenset({"sv"}),
        driving_licence=False,
        experience_fields=frozenset(),
        municipality="Trelleborg",
    )
    return replace(facts, **changes)  # type: ignore[arg-type]


def offer(**changes: object) -> OfferFacts:
    facts = OfferFacts(
        kind=OfferKind.WORK_PRACTICE,
        title="Lagerarbete",
        field="logistics",
        required_languages=frozenset(),
        requires_driving_licence=False,
        requires_experience=False,
        municipality="Trelleborg",
    )
    return replace(facts, **changes)  # type: ignore[arg-type]


def keys(match: rules.Match, *, met: bool) -> set[str]:
    return {f.key for f in (match.met if met else match.not_met)}


# ---- organisation number, offer, capacity ---------------------------------------------------


@pytest.mark.parametrize("typed", ["556036-0793", "5560360793", " 556036 0793 "])
def test_a_valid_organisation_number_is_normalised(typed: str) -> None:
    assert rules.organisation_number_clean(typed) == "556036-0793"


@pytest.mark.parametrize("typed", ["556036-0794", "12345", "", "abcdefghij"])
def test_an_invalid_organisation_number_is_refused_on_its_field(typed: str) -> None:
    with pytest.raises(EmployersRuleError) as refused:
        rules.organisation_number_clean(typed)
    assert refused.value.field == "organisation_number"
    assert refused.value.template == rules.INVALID_ORGANISATION_NUMBER


def test_an_offer_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(EmployersRuleError) as refused:
        rules.check_offer(starts_on=date(2026, 5, 2), ends_on=date(2026, 5, 1), capacity=1)
    assert refused.value.field == "ends_on"


def test_an_offer_of_one_day_is_allowed() -> None:
    rules.check_offer(starts_on=date(2026, 5, 2), ends_on=date(2026, 5, 2), capacity=1)


@pytest.mark.parametrize("capacity", [0, -1])
def test_an_offer_without_places_is_refused(capacity: int) -> None:
    with pytest.raises(EmployersRuleError) as refused:
        rules.check_offer(starts_on=date(2026, 5, 1), ends_on=date(2026, 6, 1), capacity=capacity)
    assert refused.value.field == "capacity"


def test_the_last_place_can_be_taken_but_not_one_more() -> None:
    rules.check_capacity(capacity=2, occupied=1)
    with pytest.raises(EmployersRuleError) as refused:
        rules.check_capacity(capacity=2, occupied=2)
    assert refused.value.template == rules.OFFER_FULL


def test_a_placement_starts_within_the_offers_period() -> None:
    first, last = date(2026, 3, 1), date(2026, 3, 31)
    rules.check_start(starts_on=last, offer_starts_on=first, offer_ends_on=last)
    with pytest.raises(EmployersRuleError):
        rules.check_start(starts_on=date(2026, 4, 1), offer_starts_on=first, offer_ends_on=last)


def test_ending_is_refused_twice_before_the_start_and_in_the_future() -> None:
    start, today = date(2026, 3, 1), date(2026, 3, 10)
    rules.check_end(starts_on=start, ended_on=today, already_ended=False, today=today)
    for ended_on, already in (
        (today, True),
        (date(2026, 2, 28), False),
        (date(2026, 3, 11), False),
    ):
        with pytest.raises(EmployersRuleError):
            rules.check_end(starts_on=start, ended_on=ended_on, already_ended=already, today=today)


def test_unknown_codes_are_refused() -> None:
    rules.check_codes(languages=["sv", "ar"], fields=["care"])
    with pytest.raises(EmployersRuleError):
        rules.check_codes(languages=["xx"], fields=[])
    with pytest.raises(EmployersRuleError):
        rules.check_codes(languages=[], fields=["astronaut"])


# ---- distance -------------------------------------------------------------------------------


def test_distance_same_then_neighbouring_then_other_and_unknown() -> None:
    assert rules.proximity("Trelleborg", "trelleborg ", NEIGHBOURS) == Proximity.SAME
    assert rules.proximity("Trelleborg", "Vellinge", NEIGHBOURS) == Proximity.NEIGHBOURING
    # The relation is symmetric though the data names it once.
    assert rules.proximity("Skurup", "Trelleborg", NEIGHBOURS) == Proximity.NEIGHBOURING
    assert rules.proximity("Trelleborg", "Kiruna", NEIGHBOURS) == Proximity.OTHER
    assert rules.proximity("", "Trelleborg", NEIGHBOURS) == Proximity.UNKNOWN


def test_the_shipped_neighbour_data_loads_and_is_symmetric() -> None:
    from bryggan.employers.geography import DEFAULT_FILE, _load

    table = _load(DEFAULT_FILE)
    assert "vellinge" in table["trelleborg"]
    assert all(name in table[other] for name, others in table.items() for other in others)


# ---- matching: hand-made cases ---------------------------------------------------------------


def test_a_client_who_meets_everything_gets_every_point_and_fits() -> None:
    match = rules.match(
        client(driving_licence=True, experience_fields=frozenset({"logistics"})),
        offer(required_languages=frozenset({"sv"}), requires_driving_licence=True),
        NEIGHBOURS,
    )
    assert match.fits
    assert keys(match, met=True) == {
        "goal_kind",
        "goal_words",
        "experience",
        "languages",
        "driving_licence",
        "distance_same",
    }
    assert match.score == 3 + 2 + 3 + 2 + 1 + 2
    assert not match.not_met


def test_a_missing_requirement_means_no_fit_and_says_which() -> None:
    match = rules.match(
        client(languages=frozenset({"ar"})),
        offer(
            required_languages=frozenset({"sv", "en"}),
            requires_driving_licence=True,
            requires_experience=True,
        ),
        NEIGHBOURS,
    )
    assert not match.fits
    assert {"languages", "driving_licence", "experience"} <= keys(match, met=False)
    languages = next(f for f in match.factors if f.key == "languages")
    assert languages.detail == "en, sv"


def test_a_studies_goal_prefers_study_with_practice_over_a_job() -> None:
    studying = client(goal=PlanGoal.STUDIES, goal_text="")
    study = rules.match(studying, offer(kind=OfferKind.STUDY_AND_PRACTICE), NEIGHBOURS)
    job = rules.match(studying, offer(kind=OfferKind.JOB), NEIGHBOURS)
    assert study.score > job.score
    assert "goal_kind" in keys(job, met=False)


def test_without_a_plan_the_goal_is_not_met() -> None:
    match = rules.match(client(goal=None, goal_text=""), offer(), NEIGHBOURS)
    assert "goal_kind" in keys(match, met=False)


def test_the_goal_text_naming_the_field_counts() -> None:
    named = rules.match(client(goal_text="Vill jobba inom vården"), offer(field="care"), NEIGHBOURS)
    unnamed = rules.match(client(goal_text="Vill jobba i butik"), offer(field="care"), NEIGHBOURS)
    assert "goal_words" in keys(named, met=True)
    assert "goal_words" in keys(unnamed, met=False)


def test_nearer_offers_score_higher() -> None:
    scores = [
        rules.match(client(), offer(municipality=m), NEIGHBOURS).score
        for m in ("Trelleborg", "Vellinge", "Kiruna")
    ]
    assert scores[0] > scores[1] > scores[2]


def test_ranking_puts_fitting_offers_first_then_by_score() -> None:
    a = rules.Match(score=9, fits=False, factors=())
    b = rules.Match(score=2, fits=True, factors=())
    c = rules.Match(score=5, fits=True, factors=())
    assert [name for name, _ in rules.ranked([("a", a), ("b", b), ("c", c)])] == ["c", "b", "a"]


# ---- matching: properties ------------------------------------------------------------------

LANGS = st.frozensets(st.sampled_from(rules.LANGUAGES), max_size=4)
FIELDS = st.frozensets(st.sampled_from(sorted(rules.FIELD_WORDS)), max_size=3)
PLACES = st.sampled_from(["Trelleborg", "Vellinge", "Skurup", "Kiruna", ""])
clients = st.builds(
    ClientFacts,
    goal=st.one_of(st.none(), st.sampled_from(list(PlanGoal))),
    goal_text=st.sampled_from(["", "Arbete inom lager", "Undersköterska", "Studera"]),
    languages=LANGS,
    driving_licence=st.booleans(),
    experience_fields=FIELDS,
    municipality=PLACES,
)
offers = st.builds(
    OfferFacts,
    kind=st.sampled_from(list(OfferKind)),
    title=st.sampled_from(["Lagerarbete", "Vårdbiträde", "Kock"]),
    field=st.sampled_from(sorted(rules.FIELD_WORDS)),
    required_languages=LANGS,
    requires_driving_licence=st.booleans(),
    requires_experience=st.booleans(),
    municipality=PLACES.filter(bool),
)


def _more(facts: ClientFacts, kind: str, value: str) -> ClientFacts:
    """The client with one more matching factor."""
    if kind == "language":
        return replace(facts, languages=facts.languages | {value})
    if kind == "field":
        return replace(facts, experience_fields=facts.experience_fields | {value})
    return replace(facts, driving_licence=True)


@given(
    clients,
    offers,
    st.sampled_from(["language", "field", "licence"]),
    st.sampled_from([*rules.LANGUAGES, *rules.FIELD_WORDS]),
)
def test_adding_a_matching_factor_never_lowers_the_score_nor_breaks_a_fit(
    facts: ClientFacts, offered: OfferFacts, kind: str, value: str
) -> None:
    before = rules.match(facts, offered, NEIGHBOURS)
    after = rules.match(_more(facts, kind, value), offered, NEIGHBOURS)
    assert after.score >= before.score
    assert after.fits or not before.fits


@given(clients, offers)
def test_moving_to_the_offers_municipality_never_lowers_the_score(
    facts: ClientFacts, offered: OfferFacts
) -> None:
    before = rules.match(facts, offered, NEIGHBOURS)
    after = rules.match(replace(facts, municipality=offered.municipality), offered, NEIGHBOURS)
    assert after.score >= before.score


@given(clients, offers)
def test_the_score_is_the_sum_of_the_factors_and_every_requirement_has_a_reason(
    facts: ClientFacts, offered: OfferFacts
) -> None:
    match = rules.match(facts, offered, NEIGHBOURS)
    assert match.score == sum(f.points for f in match.factors)
    assert all(f.points == 0 for f in match.not_met)
    if not match.fits:
        assert keys(match, met=False) & {"languages", "driving_licence", "experience"}


# ---- the network's figures -----------------------------------------------------------------


def test_month_figures_count_each_month_and_the_job_share() -> None:
    figures = rules.month_figures(
        ["2026-11", "2026-10"],
        employers_added=[date(2026, 11, 3), date(2026, 9, 1)],
        offers_added=[date(2026, 10, 3)],
        started=[(date(2026, 11, 2), True), (date(2026, 11, 5), False), (date(2026, 10, 1), True)],
        ended=[
            (date(2026, 11, 20), Outcome.JOB),
            (date(2026, 11, 21), Outcome.NO_SHOW),
            (date(2026, 11, 22), Outcome.JOB),
        ],
    )
    november, october = figures
    assert (november.employers, november.offers, november.contacts, november.placements) == (
        1,
        0,
        1,
        1,
    )
    assert (november.ended, november.jobs, november.job_share) == (3, 2, 67)
    assert (october.offers, october.placements, october.job_share) == (1, 1, None)
