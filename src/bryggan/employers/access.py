"""The gates of the employer network: an employer, contact or offer of the user's unit (no case
data, so no read is logged), an offer page that shows its clients (each case logged as read), and
a contact or placement through its household's gate."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.accounts.roles import may_see_unit_cases
from bryggan.audit.services import access_log_write_many
from bryggan.core.errors import NotFoundOrForbidden
from bryggan.employers.models import Employer, EmployerContact, Offer, Placement
from bryggan.people.access import CASE_NOT_FOUND, Purpose, access_household

EMPLOYER_NOT_FOUND = _("No such employer, or not one you may see.")
OFFER_NOT_FOUND = _("No such offer, or not one you may see.")


def _in_unit(user: User, unit_id: int) -> bool:
    return may_see_unit_cases(role=user.role, user_unit_id=user.unit_id, case_unit_id=unit_id)


def access_employer(user: User, employer_id: int) -> Employer:
    employer = Employer.objects.select_related("unit").filter(pk=employer_id).first()
    if employer is None or not _in_unit(user, employer.unit_id):
        raise NotFoundOrForbidden(EMPLOYER_NOT_FOUND)
    return employer


def access_contact(user: User, contact_id: int) -> EmployerContact:
    contact = EmployerContact.objects.select_related("employer").filter(pk=contact_id).first()
    if contact is None or not _in_unit(user, contact.employer.unit_id):
        raise NotFoundOrForbidden(EMPLOYER_NOT_FOUND)
    return contact


def access_offer(user: User, offer_id: int) -> Offer:
    """An offer of the user's unit (the offer itself is no case data)."""
    offer = Offer.objects.select_related("employer", "employer__unit").filter(pk=offer_id).first()
    if offer is None or not _in_unit(user, offer.employer.unit_id):
        raise NotFoundOrForbidden(OFFER_NOT_FOUND)
    return offer


def offer_cases_read(
    user: User,
    offer: Offer,
    household_ids: list[int],
    *,
    purpose: Purpose,
    request: HttpRequest | None = None,
) -> None:
    """Log the cases an offer's page shows (its contacts and placements, the clients who fit) as
    read, one row each; they are cases of the user's unit only (the selectors' filter)."""
    if not _in_unit(user, offer.employer.unit_id):
        raise NotFoundOrForbidden(OFFER_NOT_FOUND)
    if household_ids:
        access_log_write_many(
            user=user,
            object_type="employer_offer",
            rows=[(offer.pk, household_id) for household_id in sorted(set(household_ids))],
            purpose=purpose,
            request=request,
        )


def access_placement(
    user: User, placement_id: int, *, purpose: Purpose, request: HttpRequest | None = None
) -> Placement:
    placement = (
        Placement.objects.select_related("offer", "offer__employer", "person", "household")
        .filter(pk=placement_id)
        .first()
    )
    if placement is None:
        raise NotFoundOrForbidden(CASE_NOT_FOUND)
    # The household gate checks the right (same unit) and writes the access-log row.
    access_household(user, placement.household_id, purpose=purpose, request=request)
    return placement
