"""Pages of the employer network: employers (list, search, add, change), their contacts and
offers; matching a case's clients to open offers and an offer to the unit's clients, each with
the reasons; a client's facts for matching; contacts and placements and their outcome."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bryggan.accounts.decorators import request_unit, requires, signed_in_user
from bryggan.accounts.roles import Capability
from bryggan.core.errors import DomainError, NotFoundOrForbidden
from bryggan.employers import rules, selectors
from bryggan.employers.access import (
    access_contact,
    access_employer,
    access_offer,
    access_placement,
    offer_cases_read,
)
from bryggan.employers.explain import reasons
from bryggan.employers.forms import (
    ClientProfileForm,
    ContactForm,
    EmployerForm,
    OfferForm,
    PlacementEndForm,
    PlacementForm,
    SearchForm,
)
from bryggan.employers.geography import neighbours
from bryggan.employers.models import (
    Employer,
    EmployerContact,
    FieldChoices,
    LanguageChoices,
    Offer,
    PlacementKind,
)
from bryggan.employers.rules import EmployersRuleError, Outcome
from bryggan.employers.services import (
    client_profile_save,
    contact_save,
    employer_create,
    employer_update,
    offer_create,
    offer_update,
    placement_create,
    placement_end,
)
from bryggan.people.access import PERSON_NOT_FOUND, Purpose, access_household
from bryggan.planning.models import Goal


def labels(choices: Any, codes: list[str]) -> str:
    names = dict(choices.choices)
    return ", ".join(str(names.get(code, code)) for code in codes)


def _add_error(form: Any, error: DomainError) -> None:
    """The error beside its field (or on the form), in the page's language."""
    message = str(error.message)
    if isinstance(error, EmployersRuleError):
        message = _(error.template).format(**error.params)
    field = error.field if error.field in form.fields else None
    form.add_error(field, message)


# ---- employers, contacts, offers ------------------------------------------------------------


@requires(Capability.VIEW_CASES)
def employer_list_view(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    employers = selectors.employer_list(request_unit(request), query=query)
    return render(request, "employers/employer_list.html", {"employers": employers, "form": form})


@requires(Capability.MANAGE_EMPLOYERS)
def employer_create_view(request: HttpRequest) -> HttpResponse:
    unit = request_unit(request)
    form = EmployerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            employer = employer_create(
                unit=unit, data=form.data_input(), by=signed_in_user(request)
            )
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("The employer is added to the network."))
            return redirect("employers:employer_detail", employer_id=employer.pk)
    return render(request, "employers/employer_form.html", {"form": form, "employer": None})


@requires(Capability.MANAGE_EMPLOYERS)
def employer_edit_view(request: HttpRequest, employer_id: int) -> HttpResponse:
    employer = access_employer(signed_in_user(request), employer_id)
    form = EmployerForm(request.POST or None, initial=EmployerForm.initial_from(employer))
    if request.method == "POST" and form.is_valid():
        try:
            employer_update(employer=employer, data=form.data_input(), by=signed_in_user(request))
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("The employer is changed."))
            return redirect("employers:employer_detail", employer_id=employer.pk)
    return render(request, "employers/employer_form.html", {"form": form, "employer": employer})


@requires(Capability.VIEW_CASES)
def employer_detail_view(request: HttpRequest, employer_id: int) -> HttpResponse:
    employer = access_employer(signed_in_user(request), employer_id)
    return render(
        request,
        "employers/employer_detail.html",
        {
            "employer": employer,
            "contacts": selectors.contact_list(employer),
            "offers": selectors.offer_list_for_employer(employer),
            "today": timezone.localdate(),
        },
    )


def _contact_form(
    request: HttpRequest, employer: Employer, contact: EmployerContact | None
) -> HttpResponse:
    initial = ContactForm.initial_from(contact) if contact else None
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            contact_save(
                employer=employer, contact=contact, by=signed_in_user(request), **form.cleaned_data
            )
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("The contact person is saved."))
            return redirect("employers:employer_detail", employer_id=employer.pk)
    return render(
        request,
        "employers/contact_form.html",
        {"form": form, "employer": employer, "contact": contact},
    )


@requires(Capability.MANAGE_EMPLOYERS)
def contact_create_view(request: HttpRequest, employer_id: int) -> HttpResponse:
    return _contact_form(request, access_employer(signed_in_user(request), employer_id), None)


@requires(Capability.MANAGE_EMPLOYERS)
def contact_edit_view(request: HttpRequest, contact_id: int) -> HttpResponse:
    contact = access_contact(signed_in_user(request), contact_id)
    return _contact_form(request, contact.employer, contact)


def _offer_form(request: HttpRequest, employer: Employer, offer: Offer | None) -> HttpResponse:
    if offer is not None:
        initial = OfferForm.initial_from(offer)
    else:
        initial = {"municipality": employer.municipality, "field": employer.field, "capacity": 1}
    form = OfferForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if offer is None:
                offer = offer_create(
                    employer=employer, data=form.data_input(), by=signed_in_user(request)
                )
            else:
                offer = offer_update(
                    offer=offer, data=form.data_input(), by=signed_in_user(request)
                )
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("The offer is saved."))
            return redirect("employers:offer_detail", offer_id=offer.pk)
    return render(
        request, "employers/offer_form.html", {"form": form, "employer": employer, "offer": offer}
    )


@requires(Capability.MANAGE_EMPLOYERS)
def offer_create_view(request: HttpRequest, employer_id: int) -> HttpResponse:
    return _offer_form(request, access_employer(signed_in_user(request), employer_id), None)


@requires(Capability.MANAGE_EMPLOYERS)
def offer_edit_view(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = access_offer(signed_in_user(request), offer_id)
    return _offer_form(request, offer.employer, offer)


@requires(Capability.VIEW_CASES)
def offer_detail_view(request: HttpRequest, offer_id: int) -> HttpResponse:
    """An offer, its contacts and placements, and the unit's clients who fit it, best first; every
    case shown is logged as read."""
    user = signed_in_user(request)
    offer = access_offer(user, offer_id)
    today = timezone.localdate()
    placements = list(selectors.placement_list_for_offer(offer))
    facts, near = selectors.offer_facts(offer), neighbours()
    fitting = rules.ranked(
        (client, rules.match(client.facts, facts, near))
        for client in selectors.clients_of_unit(offer.employer.unit)
    )
    candidates = [(client, m, reasons(m)) for client, m in fitting if m.fits and m.score > 0]
    offer_cases_read(
        user,
        offer,
        [p.household_id for p in placements] + [c.member.household_id for c, _m, _r in candidates],
        purpose=Purpose.CASEWORK,
        request=request,
    )
    occupied = sum(1 for p in placements if p.is_current)
    return render(
        request,
        "employers/offer_detail.html",
        {
            "offer": offer,
            "placements": placements,
            "candidates": candidates,
            "occupied": occupied,
            "free": max(offer.capacity - occupied, 0),
            "is_open": rules.is_open(ends_on=offer.ends_on, today=today),
        },
    )


# ---- a case: matching, profile, placements --------------------------------------------------


@requires(Capability.VIEW_CASES)
def case_matches_view(request: HttpRequest, household_id: int) -> HttpResponse:
    """For each adult of the case: the facts used, and the open offers ranked with reasons."""
    household = access_household(
        signed_in_user(request), household_id, purpose=Purpose.CASEWORK, request=request
    )
    today = timezone.localdate()
    offers = selectors.offers_open(household.unit, today=today)
    near = neighbours()
    clients = []
    for member in selectors.adults_of_household(household):
        facts = selectors.client_facts(member.person_id)
        ranked = rules.ranked(
            (offer, rules.match(facts, selectors.offer_facts(offer), near)) for offer in offers
        )
        profile = selectors.profile_of(member.person_id)
        clients.append(
            {
                "member": member,
                "facts": facts,
                "goal": dict(Goal.choices).get(str(facts.goal), ""),
                "languages": labels(LanguageChoices, profile.languages if profile else []),
                "fields": labels(FieldChoices, profile.experience_fields if profile else []),
                "profile": profile,
                "offers": [(offer, m, reasons(m)) for offer, m in ranked],
            }
        )
    return render(
        request,
        "employers/case_matches.html",
        {
            "household": household,
            "clients": clients,
            "placements": selectors.placement_list_for_household(household),
        },
    )


@requires(Capability.VIEW_CASES)
def client_profile_view(request: HttpRequest, household_id: int, person_id: int) -> HttpResponse:
    household = access_household(
        signed_in_user(request), household_id, purpose=Purpose.CASEWORK, request=request
    )
    members = {m.person_id: m for m in selectors.adults_of_household(household)}
    member = members.get(person_id)
    if member is None:
        raise NotFoundOrForbidden(PERSON_NOT_FOUND)
    profile = selectors.profile_of(person_id)
    form = ClientProfileForm(request.POST or None, initial=ClientProfileForm.initial_from(profile))
    if request.method == "POST" and form.is_valid():
        try:
            client_profile_save(
                household=household,
                person=member.person,
                by=signed_in_user(request),
                **form.cleaned_data,
            )
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("The facts for matching are saved."))
            return redirect("employers:case_matches", household_id=household.pk)
    return render(
        request,
        "employers/client_profile.html",
        {"form": form, "household": household, "member": member},
    )


@requires(Capability.VIEW_CASES)
def placement_create_view(request: HttpRequest, household_id: int, offer_id: int) -> HttpResponse:
    """Put a client of the case in touch with an offer, or place them there."""
    user = signed_in_user(request)
    household = access_household(user, household_id, purpose=Purpose.CASEWORK, request=request)
    offer = access_offer(user, offer_id)
    members = selectors.adults_of_household(household)
    today = timezone.localdate()
    initial = {
        "starts_on": max(today, offer.starts_on),
        "kind": PlacementKind.CONTACT if offer.kind == "hour" else PlacementKind.PLACEMENT,
        "person": request.GET.get("person"),
    }
    form = PlacementForm(request.POST or None, members=members, viewer=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            placement_create(
                offer=offer,
                household=household,
                person=form.members[form.cleaned_data["person"]],
                kind=PlacementKind(form.cleaned_data["kind"]),
                starts_on=form.cleaned_data["starts_on"],
                note=form.cleaned_data["note"],
                by=user,
            )
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("The contact or placement is recorded."))
            return redirect("employers:case_matches", household_id=household.pk)
    return render(
        request,
        "employers/placement_form.html",
        {
            "form": form,
            "household": household,
            "offer": offer,
            "occupied": selectors.occupied_places(offer),
        },
    )


@requires(Capability.VIEW_CASES)
def placement_end_view(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = access_placement(
        signed_in_user(request), placement_id, purpose=Purpose.CASEWORK, request=request
    )
    today = timezone.localdate()
    form = PlacementEndForm(request.POST or None, initial={"ended_on": today})
    if request.method == "POST" and form.is_valid():
        try:
            placement_end(
                placement=placement,
                ended_on=form.cleaned_data["ended_on"],
                outcome=Outcome(form.cleaned_data["outcome"]),
                by=signed_in_user(request),
                today=today,
            )
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("The outcome is recorded."))
            return redirect("employers:case_matches", household_id=placement.household_id)
    return render(request, "employers/placement_end.html", {"form": form, "placement": placement})
