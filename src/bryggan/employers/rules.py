"""The employer network's rules (*Ge en timme*): an employer's organisation number, an offer's
period and places, and how well an open offer fits a client, with the reasons why.

Source: Trelleborg's "Ge en timme" (seed report; issue 16): employers give an hour of their time,
a study visit, work practice or a job; the work coach matches them to clients by the plan's goal,
experience, languages, driving licence and distance. The weights below are the unit's judgement,
not law or statistics; they are data here so that a municipality may change them.

Pure: values in, values out; no ORM, no clock (today is a parameter).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar

from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.se import orgnr

from bryggan.core.errors import DomainError

T = TypeVar("T")


def gettext_noop(message: str) -> str:
    """Mark a message for translation without importing Django: the interface translates
    `EmployersRuleError.template` when it shows the error (as `projects.rules`)."""
    return message


INVALID_ORGANISATION_NUMBER = gettext_noop(
    "Not a valid organisation number: give ten digits, e.g. 556036-0793 (the last digit is a "
    "check digit)."
)
OFFER_ENDS_BEFORE_START = gettext_noop("The offer cannot end before it starts.")
CAPACITY_AT_LEAST_ONE = gettext_noop("An offer has at least one place.")
OFFER_FULL = gettext_noop(
    "Every place of this offer is taken ({capacity} of {capacity}): end a placement first."
)
FEWER_PLACES_THAN_TAKEN = gettext_noop(
    "{occupied} places are taken now: the offer cannot have fewer places than that."
)
ENDS_BEFORE_START = gettext_noop("The end date is before the start date.")
NOT_IN_OFFER_PERIOD = gettext_noop(
    "The start date is outside the offer's period ({starts_on} – {ends_on})."
)
ALREADY_ENDED = gettext_noop("This contact or placement has already ended.")
ENDED_IN_FUTURE = gettext_noop("The end date cannot be later than today.")
PROFILE_LANGUAGE_UNKNOWN = gettext_noop("Unknown language code: {code}.")
PROFILE_FIELD_UNKNOWN = gettext_noop("Unknown field of experience: {code}.")


class EmployersRuleError(DomainError):
    """A rule of the network refused the action; `template` and `params` give the message."""

    def __init__(self, template: str, *, field: str | None = None, **params: object) -> None:
        super().__init__(template.format(**params), field=field)
        self.template = template
        self.params = params


class OfferKind(StrEnum):
    HOUR = "hour"  # an hour's conversation (*Ge en timme*)
    STUDY_VISIT = "study_visit"
    WORK_PRACTICE = "work_practice"
    JOB = "job"
    STUDY_AND_PRACTICE = "study_and_practice"


class PlanGoal(StrEnum):
    """The plan's goal, as `planning.models.Goal` stores it."""

    WORK = "work"
    STUDIES = "studies"
    OTHER_INCOME = "other_income"


class Outcome(StrEnum):
    NO_SHOW = "no_show"
    COMPLETED = "completed"
    JOB = "job"
    STUDIES = "studies"
    ENDED_EARLY = "ended_early"


class Proximity(StrEnum):
    SAME = "same"
    NEIGHBOURING = "neighbouring"
    OTHER = "other"
    UNKNOWN = "unknown"


# Fields of experience (a small closed list, as the Swedish job market's broad occupational
# areas); the words in a plan's goal text that name each (Swedish, lower case).
FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "care": ("vård", "omsorg", "undersköterska", "vårdbiträde", "assistent", "äldreboende"),
    "cleaning": ("städ", "lokalvård", "fastighet"),
    "restaurant": ("restaurang", "kök", "kock", "café", "servering", "bageri"),
    "retail": ("butik", "handel", "kassa", "säljare", "försäljning"),
    "logistics": ("lager", "logistik", "truck", "plock", "terminal"),
    "construction": ("bygg", "snickare", "målare", "anläggning", "elektriker"),
    "transport": ("chaufför", "förare", "buss", "taxi", "lastbil", "transport"),
    "manufacturing": ("industri", "produktion", "svets", "montering", "verkstad"),
    "office": ("kontor", "administration", "ekonomi", "reception", "kundtjänst"),
    "it": ("it", "data", "programmering", "support"),
    "childcare": ("barnskötare", "förskola", "fritids", "skola", "elevassistent"),
    "green": ("trädgård", "jordbruk", "skog", "park", "grönyta", "lantbruk"),
}
# Common languages among clients and asked for by employers: ISO 639-1/-3 codes.
LANGUAGES: tuple[str, ...] = (
    "sv",
    "en",
    "ar",
    "so",
    "ti",
    "fa",
    "prs",
    "ku",
    "tr",
    "pl",
    "bs",
    "ru",
    "uk",
    "es",
    "fr",
    "de",
    "fi",
    "th",
)

# Which kinds of offer serve which goal of the plan.
KINDS_FOR_GOAL: dict[PlanGoal, frozenset[OfferKind]] = {
    PlanGoal.WORK: frozenset(
        {OfferKind.JOB, OfferKind.WORK_PRACTICE, OfferKind.HOUR, OfferKind.STUDY_VISIT}
    ),
    PlanGoal.STUDIES: frozenset({OfferKind.STUDY_AND_PRACTICE, OfferKind.STUDY_VISIT}),
    PlanGoal.OTHER_INCOME: frozenset({OfferKind.HOUR, OfferKind.STUDY_VISIT}),
}

# Points per factor (the unit's judgement, see the module docstring).
WEIGHTS: dict[str, int] = {
    "goal_kind": 3,
    "goal_words": 2,
    "experience": 3,
    "languages": 2,
    "driving_licence": 1,
    "distance_same": 2,
    "distance_neighbouring": 1,
}


def organisation_number_clean(value: str) -> str:
    """The organisation number as NNNNNN-NNNN, or `EmployersRuleError` on a bad check digit.

    Source: Bolagsverket/Skatteverket's organisationsnummer (Luhn check digit), as python-stdnum.
    """
    try:
        return orgnr.format(orgnr.validate(value))
    except StdnumValidationError as error:
        raise EmployersRuleError(
            INVALID_ORGANISATION_NUMBER, field="organisation_number"
        ) from error


def check_offer(*, starts_on: date, ends_on: date, capacity: int) -> None:
    """An offer's period runs forward and it has at least one place."""
    if ends_on < starts_on:
        raise EmployersRuleError(OFFER_ENDS_BEFORE_START, field="ends_on")
    if capacity < 1:
        raise EmployersRuleError(CAPACITY_AT_LEAST_ONE, field="capacity")


def check_capacity(*, capacity: int, occupied: int) -> None:
    """A new contact or placement needs a free place: those not yet ended hold one each."""
    if occupied >= capacity:
        raise EmployersRuleError(OFFER_FULL, field="offer", capacity=capacity)


def check_start(*, starts_on: date, offer_starts_on: date, offer_ends_on: date) -> None:
    if not offer_starts_on <= starts_on <= offer_ends_on:
        raise EmployersRuleError(
            NOT_IN_OFFER_PERIOD,
            field="starts_on",
            starts_on=offer_starts_on.isoformat(),
            ends_on=offer_ends_on.isoformat(),
        )


def check_end(*, starts_on: date, ended_on: date, already_ended: bool, today: date) -> None:
    if already_ended:
        raise EmployersRuleError(ALREADY_ENDED)
    if ended_on < starts_on:
        raise EmployersRuleError(ENDS_BEFORE_START, field="ended_on")
    if ended_on > today:
        raise EmployersRuleError(ENDED_IN_FUTURE, field="ended_on")


def check_codes(*, languages: Iterable[str], fields: Iterable[str]) -> None:
    for code in languages:
        if code not in LANGUAGES:
            raise EmployersRuleError(PROFILE_LANGUAGE_UNKNOWN, field="languages", code=code)
    for code in fields:
        if code not in FIELD_WORDS:
            raise EmployersRuleError(PROFILE_FIELD_UNKNOWN, field="experience_fields", code=code)


def is_open(*, ends_on: date, today: date) -> bool:
    """An offer is open to matching until its last day."""
    return ends_on >= today


# ---- distance -------------------------------------------------------------------------------


def _key(municipality: str) -> str:
    return municipality.strip().casefold()


def neighbours_symmetric(pairs: Mapping[str, Iterable[str]]) -> dict[str, frozenset[str]]:
    """The neighbour relation made symmetric, keyed by case-folded municipality names."""
    result: dict[str, set[str]] = {}
    for name, others in pairs.items():
        for other in others:
            result.setdefault(_key(name), set()).add(_key(other))
            result.setdefault(_key(other), set()).add(_key(name))
    return {name: frozenset(others) for name, others in result.items()}


def proximity(
    client_municipality: str, offer_municipality: str, neighbours: Mapping[str, frozenset[str]]
) -> Proximity:
    """Same municipality > neighbouring > other; unknown when either is not given.

    Deliberately simple: no travel times, only the municipality and a table of neighbours.
    """
    if not client_municipality.strip() or not offer_municipality.strip():
        return Proximity.UNKNOWN
    client, offer = _key(client_municipality), _key(offer_municipality)
    if client == offer:
        return Proximity.SAME
    if offer in neighbours.get(client, frozenset()):
        return Proximity.NEIGHBOURING
    return Proximity.OTHER


# ---- matching -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClientFacts:
    goal: PlanGoal | None
    goal_text: str
    languages: frozenset[str]
    driving_licence: bool
    experience_fields: frozenset[str]
    municipality: str


@dataclass(frozen=True, slots=True)
class OfferFacts:
    kind: OfferKind
    title: str
    field: str
    required_languages: frozenset[str]
    requires_driving_licence: bool
    requires_experience: bool
    municipality: str


@dataclass(frozen=True, slots=True)
class Factor:
    """One reason: `key` names it (stable, for tests and translation), `met` whether it holds,
    `points` what it adds, `detail` the values behind it (codes, names)."""

    key: str
    met: bool
    points: int
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    score: int
    fits: bool  # every requirement of the offer is met
    factors: tuple[Factor, ...]

    @property
    def met(self) -> tuple[Factor, ...]:
        return tuple(f for f in self.factors if f.met)

    @property
    def not_met(self) -> tuple[Factor, ...]:
        return tuple(f for f in self.factors if not f.met)


def _goal_words_match(goal_text: str, offer: OfferFacts) -> bool:
    text = goal_text.casefold()
    if not text.strip():
        return False
    words = [w for w in offer.title.casefold().split() if len(w) >= 4]  # noqa: PLR2004
    words += list(FIELD_WORDS.get(offer.field, ()))
    return any(word in text for word in words)


def match(
    client: ClientFacts, offer: OfferFacts, neighbours: Mapping[str, frozenset[str]]
) -> Match:
    """How well one offer fits one client: points per factor met, and whether every requirement
    of the offer (languages, driving licence, experience) is met."""
    factors: list[Factor] = []
    goal_fits = client.goal is not None and offer.kind in KINDS_FOR_GOAL[client.goal]
    factors.append(
        Factor("goal_kind", goal_fits, WEIGHTS["goal_kind"] if goal_fits else 0, str(client.goal))
    )
    words = _goal_words_match(client.goal_text, offer)
    factors.append(Factor("goal_words", words, WEIGHTS["goal_words"] if words else 0))
    experienced = offer.field in client.experience_fields
    factors.append(
        Factor("experience", experienced, WEIGHTS["experience"] if experienced else 0, offer.field)
    )
    requirements_met = not (offer.requires_experience and not experienced)
    if offer.required_languages:
        missing = offer.required_languages - client.languages
        factors.append(
            Factor(
                "languages",
                not missing,
                0 if missing else WEIGHTS["languages"],
                ", ".join(sorted(missing or offer.required_languages)),
            )
        )
        requirements_met = requirements_met and not missing
    if offer.requires_driving_licence:
        factors.append(
            Factor(
                "driving_licence",
                client.driving_licence,
                WEIGHTS["driving_licence"] if client.driving_licence else 0,
            )
        )
        requirements_met = requirements_met and client.driving_licence
    near = proximity(client.municipality, offer.municipality, neighbours)
    points = {
        Proximity.SAME: WEIGHTS["distance_same"],
        Proximity.NEIGHBOURING: WEIGHTS["distance_neighbouring"],
    }.get(near, 0)
    factors.append(
        Factor(
            f"distance_{near}",
            near in (Proximity.SAME, Proximity.NEIGHBOURING),
            points,
            offer.municipality,
        )
    )
    return Match(
        score=sum(f.points for f in factors), fits=requirements_met, factors=tuple(factors)
    )


def ranked(items: Iterable[tuple[T, Match]]) -> list[tuple[T, Match]]:
    """Offers (or clients) with their match, those fitting first, then by score, highest first;
    the original order breaks ties (stable sort)."""
    return sorted(items, key=lambda pair: (not pair[1].fits, -pair[1].score))


# ---- the network's results ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MonthFigures:
    month: str  # YYYY-MM
    employers: int
    offers: int
    contacts: int
    placements: int
    ended: int
    jobs: int

    @property
    def job_share(self) -> int | None:
        """Per cent of the ended contacts and placements that led to a job (None: none ended)."""
        if not self.ended:
            return None
        return round(100 * self.jobs / self.ended)


def month_figures(
    months: list[str],
    *,
    employers_added: Iterable[date],
    offers_added: Iterable[date],
    started: Iterable[tuple[date, bool]],
    ended: Iterable[tuple[date, str]],
) -> list[MonthFigures]:
    """Per month: employers and offers added, contacts and placements started (`started`: the
    start date and whether it is a placement), ended and of those led to a job (`ended`: the end
    date and the outcome). Months outside `months` are left out."""

    def count(dates: Iterable[date]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for day in dates:
            key = f"{day:%Y-%m}"
            counts[key] = counts.get(key, 0) + 1
        return counts

    started_list = list(started)
    ended_list = list(ended)
    employers = count(employers_added)
    offers = count(offers_added)
    contacts = count(d for d, is_placement in started_list if not is_placement)
    placements = count(d for d, is_placement in started_list if is_placement)
    ends = count(d for d, _ in ended_list)
    jobs = count(d for d, outcome in ended_list if outcome == Outcome.JOB)
    return [
        MonthFigures(
            month=m,
            employers=employers.get(m, 0),
            offers=offers.get(m, 0),
            contacts=contacts.get(m, 0),
            placements=placements.get(m, 0),
            ended=ends.get(m, 0),
            jobs=jobs.get(m, 0),
        )
        for m in months
    ]
