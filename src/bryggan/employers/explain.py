"""The reasons of a match in words: each factor of `rules.match`, met or not, as one line."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from bryggan.employers.models import FieldChoices, LanguageChoices
from bryggan.employers.rules import Factor, Match
from bryggan.planning.models import Goal


@dataclass(frozen=True, slots=True)
class Reasons:
    met: list[str]
    not_met: list[str]


def _languages(codes: str) -> str:
    labels = dict(LanguageChoices.choices)
    return ", ".join(str(labels.get(code.strip(), code.strip())) for code in codes.split(","))


def _field(code: str) -> str:
    return str(dict(FieldChoices.choices).get(code, code))


def _goal(code: str) -> str:
    return str(dict(Goal.choices).get(code, code))


def factor_text(factor: Factor) -> str:
    key, met, detail = factor.key, factor.met, factor.detail
    if key == "goal_kind":
        if detail == "None":
            return _("No plan goal recorded")
        if met:
            return _("The kind of offer suits the plan's goal (%(goal)s)") % {"goal": _goal(detail)}
        return _("The kind of offer does not suit the plan's goal (%(goal)s)") % {
            "goal": _goal(detail)
        }
    if key == "goal_words":
        if met:
            return _("The plan's goal names this occupation or field")
        return _("The plan's goal does not name this occupation or field")
    if key == "experience":
        if met:
            return _("Experience in %(field)s") % {"field": _field(detail)}
        return _("No recorded experience in %(field)s") % {"field": _field(detail)}
    if key == "languages":
        if met:
            return _("Speaks the languages asked for (%(languages)s)") % {
                "languages": _languages(detail)
            }
        return _("Does not speak: %(languages)s") % {"languages": _languages(detail)}
    if key == "driving_licence":
        if met:
            return _("Has the driving licence asked for")
        return _("No driving licence (asked for)")
    if key == "distance_same":
        return _("Same municipality (%(municipality)s)") % {"municipality": detail}
    if key == "distance_neighbouring":
        return _("Neighbouring municipality (%(municipality)s)") % {"municipality": detail}
    if key == "distance_other":
        return _("Another municipality (%(municipality)s)") % {"municipality": detail}
    return _("Distance unknown: no home municipality recorded")


def reasons(match: Match) -> Reasons:
    return Reasons(
        met=[factor_text(f) for f in match.met], not_met=[factor_text(f) for f in match.not_met]
    )
