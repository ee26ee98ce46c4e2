"""Retention (*gallring*) of case files: when a file must go, and which files research keeps.

A case file (*personakt*) here is one household's records: the journal, documents and letters,
assessments, calculations, decisions, payments, plans, referrals and the rest of what Bryggan
stores under the household. Pure: values in, verdicts out; "today" is a parameter.

Sources (shared/domain/case-file.md, "Retention"):
- SoL (2025:400) 16 kap. 1 § (SoL (2001:453) 12 kap. 1 §, wording of SFS 2003:135): notes and
  other data in a personal file are thinned **five years after the last note was made in the
  file**; not while data about the same person remain in the board's register that is not yet
  thinned; the thinning is finished **at the latest in the calendar year after** the duty arose.
- SoL (2025:400) 16 kap. 4 § (SoL (2001:453) 12 kap. 2 §): for research, files are kept in a
  representative sample of municipalities and, elsewhere, for a representative sample of persons.
  Socialtjänstförordningen (2025:468) 13 kap. 1 § (SoF (2001:937) 7 kap. 2 §) names them: the
  municipalities of Östergötlands, Gotlands and Västernorrlands län and Göteborg keep everything;
  every other municipality keeps the files of persons born on the 5th, 15th and 25th. Both are
  data the administrator sets (`retention.ResearchBirthDay`, `retention.ResearchSampleArea`),
  passed in here as a `ResearchSample`; they have changed before.
- SoL (2025:400) 16 kap. 2–3 §§ (paternity, adoption, placement of children, custody agreements)
  and 2 a § (child-protection investigations): Bryggan stores no such documents (economic
  assistance only), so no file here falls under them. A municipality that files such documents
  in Bryggan must not run retention until that exception is modelled.

Definitions made here (not settled by the law's words; say so when you change them):
- **The last entry** in a file is the latest day on which anything was written into it: the day
  the case was opened or closed, and the local day of every record the case's change history
  holds (a note drafted or signed, a document or letter filed, a decision, a payment, a plan…),
  and of every journal note and document by its own time of writing (for rows that came without a
  history row, such as imported ones). Reads of the file (the access log) are not entries. The
  time of writing counts, not the time of the event a note is about.
- **Five years after** the last entry is the same day five years later (29 February: 1 March).
  The duty arises on that day: a file whose last entry was on 7 December 2021 is due on
  7 December 2026, one written on 8 December 2021 is not.
- **The same person** (16 kap. 1 § first paragraph, second sentence): a file is kept as long as
  a member of it is a member of another file that is open or not yet due; the duty then arises
  when the last such file falls due. Conservative on purpose: what is thinned cannot come back.
- **An open case** is never due: its circumstances have not ended.
- **Research by person**: a file is kept when any member, adult or child, was born on one of the
  sample's days of the month.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

RETENTION_YEARS = 5  # SoL (2025:400) 16 kap. 1 §; SoL (2001:453) 12 kap. 1 §


class RetentionRule(StrEnum):
    """The rule under which a file is thinned; the key of its paragraph in legal_references.toml."""

    FIVE_YEARS_AFTER_LAST_ENTRY = "retention"


class KeepReason(StrEnum):
    """Why a file is not thinned now."""

    OPEN = "open"
    NOT_YET_DUE = "not_yet_due"
    SAME_PERSON = "same_person"  # a member has another file open or not yet due
    RESEARCH_MUNICIPALITY = "research_municipality"
    RESEARCH_BIRTH_DAY = "research_birth_day"


@dataclass(frozen=True, slots=True)
class ResearchSample:
    """The research exception of 16 kap. 4 §, as the administrator has set it."""

    birth_days: frozenset[int]
    municipality_in_sample: bool


@dataclass(frozen=True, slots=True)
class FileFacts:
    """What the rule needs to know about one case file."""

    case_id: int
    is_open: bool
    last_entry: date
    member_birth_dates: tuple[date, ...]
    # For the members' other files: whether any is open, and the latest last entry among them.
    linked_open: bool = False
    linked_last_entry: date | None = None


@dataclass(frozen=True, slots=True)
class RetentionVerdict:
    case_id: int
    last_entry: date
    due: bool
    rule: RetentionRule
    duty_from: date | None  # the day the duty arose or arises; None while the case is open
    deadline: date | None  # the last day by which it must be thinned
    keep_reason: KeepReason | None


def years_after(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 1 March in a year without it."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def duty_arises(last_entry: date) -> date:
    """The day the duty to thin arises: five years after the last entry.

    Source: SoL (2025:400) 16 kap. 1 § första stycket; SoL (2001:453) 12 kap. 1 §.
    """
    return years_after(last_entry, RETENTION_YEARS)


def thinning_deadline(duty_from: date) -> date:
    """The last day of the calendar year after the one in which the duty arose.

    Source: SoL (2025:400) 16 kap. 1 § tredje stycket; SoL (2001:453) 12 kap. 1 § tredje stycket.
    """
    return date(duty_from.year + 1, 12, 31)


def last_entry_of(days: Iterable[date]) -> date:
    """The last entry of a file: the latest of the days anything was written into it."""
    return max(days)


def retention_verdict(facts: FileFacts, *, sample: ResearchSample, today: date) -> RetentionVerdict:
    """Whether the file must be thinned on `today`, and if not, why not.

    Source: SoL (2025:400) 16 kap. 1 och 4 §§; SoL (2001:453) 12 kap. 1–2 §§; SoF (2025:468)
    13 kap. 1 §.
    """
    rule = RetentionRule.FIVE_YEARS_AFTER_LAST_ENTRY

    def verdict(
        keep: KeepReason | None, duty_from: date | None, *, due: bool = False
    ) -> RetentionVerdict:
        deadline = thinning_deadline(duty_from) if duty_from is not None else None
        return RetentionVerdict(
            facts.case_id, facts.last_entry, due, rule, duty_from, deadline, keep
        )

    if facts.is_open:
        return verdict(KeepReason.OPEN, None)
    own_duty = duty_arises(facts.last_entry)
    if sample.municipality_in_sample:
        return verdict(KeepReason.RESEARCH_MUNICIPALITY, own_duty)
    if any(born.day in sample.birth_days for born in facts.member_birth_dates):
        return verdict(KeepReason.RESEARCH_BIRTH_DAY, own_duty)
    if own_duty > today:
        return verdict(KeepReason.NOT_YET_DUE, own_duty)
    if facts.linked_open:
        return verdict(KeepReason.SAME_PERSON, None)
    if facts.linked_last_entry is not None:
        linked_duty = duty_arises(facts.linked_last_entry)
        if linked_duty > today:
            return verdict(KeepReason.SAME_PERSON, linked_duty)
        own_duty = max(own_duty, linked_duty)
    return verdict(None, own_duty, due=True)


def is_overdue(verdict: RetentionVerdict, *, today: date) -> bool:
    """A due file whose deadline has passed: the thinning is late."""
    return verdict.due and verdict.deadline is not None and today > verdict.deadline
