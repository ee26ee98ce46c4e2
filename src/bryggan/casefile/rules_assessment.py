"""Rules of the structured assessment (*utredning*): versions, signing, and when a signed one is
needed before a decision.

Pure: values in, values out; no ORM, no clock.

Sources: SoL (2025:400) 14 kap. 3 § (the handling of a case is documented); 3 kap. 1 § (in
measures that concern children the child's best interest is considered first of all; SoL
(2001:453) 1 kap. 2 § before 1 July 2025). That an assessment of a household with children says
how the children's situation was considered is practice, not the law's wording
(shared/domain/case-file.md). That a signed assessment comes before a household's first decision
is the unit's routine (`CaseFileSettings`), not law.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bryggan.core.errors import DomainError

ASSESSMENT_LOCKED = _("A signed assessment is locked and cannot be changed: write a new version.")
ASSESSMENT_NOT_LATEST = _(
    "Version {number} is an older version of the assessment: only the latest version ({latest}) "
    "can be signed."
)
ASSESSMENT_ALREADY_SIGNED = _("Version {number} of the assessment is already signed and locked.")
CONCLUSION_REQUIRED = _("Write the assessment (the conclusion) before signing.")
CHILDREN_REQUIRED = _(
    "The household has children: describe the children's situation and how their best interest "
    "was considered (SoL 3 kap. 1 §) before signing."
)
BENEFITS_REQUIRED = _(
    "Record for each benefit (bostadsbidrag, underhållsstöd, a-kassa, sickness benefit) whether "
    "it was applied for, granted or is not relevant before signing."
)
WORK_LINE_REQUIRED = _(
    "Record whether the client is registered at Arbetsförmedlingen and studies SFI before signing."
)
ASSESSMENT_REQUIRED = _(
    "The household's first decision on försörjningsstöd needs a signed structured assessment "
    "(utredning): sign the assessment on the case first."
)
CASE_CLOSED = _("The case is closed.")


def next_version_number(latest: int | None) -> int:
    """The number of a new version: one more than the latest, 1 for the first."""
    return 1 if latest is None else latest + 1


def check_may_sign(
    *,
    number: int,
    latest: int,
    signed: bool,
    conclusion: str,
    children_text: str,
    has_children: bool,
    benefits: tuple[str, ...],
    work_line: tuple[str, ...],
) -> None:
    """Only the latest version is signed, once, and only when complete: the conclusion, each
    benefit and work-line fact recorded, and with children in the household the children's
    section."""
    if number != latest:
        raise DomainError(ASSESSMENT_NOT_LATEST.format(number=number, latest=latest))
    if signed:
        raise DomainError(ASSESSMENT_ALREADY_SIGNED.format(number=number))
    if has_children and not children_text.strip():
        raise DomainError(CHILDREN_REQUIRED, field="children_text")
    if not all(benefits):
        raise DomainError(BENEFITS_REQUIRED)
    if not all(work_line):
        raise DomainError(WORK_LINE_REQUIRED)
    if not conclusion.strip():
        raise DomainError(CONCLUSION_REQUIRED, field="conclusion")


def needs_assessment(*, required_by_unit: bool, first_livelihood_decision: bool) -> bool:
    """A signed assessment is needed before the household's first decision on försörjningsstöd
    (no signed one yet), when the unit requires it. Emergency assistance never waits for it."""
    return required_by_unit and first_livelihood_decision


def share_percent(part: int, whole: int) -> int | None:
    """`part` of `whole` in whole percent, rounded half up; None when there is nothing to share."""
    if whole == 0:
        return None
    return (200 * part + whole) // (2 * whole)
