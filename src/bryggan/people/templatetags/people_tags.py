"""Showing persons with respect for *skyddad identitet*.

Name and address are shown only to users given that right.
"""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from bryggan.people.models import Person
from bryggan.people.rules import may_reveal_identity
from bryggan.people.selectors import PersonName

register = template.Library()


def _may_reveal(person: Person | PersonName, viewer: object) -> bool:
    return may_reveal_identity(
        protected=person.protected_identity,
        viewer_may_see_protected=bool(getattr(viewer, "sees_protected_identity", False)),
    )


@register.filter
def shown_name(person: Person | PersonName, viewer: object) -> str:
    return str(person) if _may_reveal(person, viewer) else _("Protected identity")


@register.filter
def shown_address(person: Person, viewer: object) -> str:
    return person.address if _may_reveal(person, viewer) else _("Protected identity")


@register.filter
def applicant_of(members: list) -> Person | None:  # type: ignore[type-arg]
    """The applicant among a household's current members (prefetched as `current_members`)."""
    for member in members:
        if member.role == "applicant":
            return member.person
    return None
