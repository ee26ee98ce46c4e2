"""Pages of cooperation: the partner register (manager), a case's consents, disclosures and
Arbetsförmedlingen status (case staff), and the partner's own view of the persons a consent
opens to its organisation."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bryggan.accounts.decorators import requires
from bryggan.accounts.roles import Capability
from bryggan.cooperation import selectors
from bryggan.cooperation.access import access_partner_cases, access_partner_person
from bryggan.cooperation.forms import (
    AfStatusForm,
    ConsentForm,
    ConsentFormPdfForm,
    ContactForm,
    PartnerForm,
    PrintoutForm,
    WithdrawForm,
)
from bryggan.cooperation.letters import consent_form_pdf, disclosure_printout_pdf
from bryggan.cooperation.models import DisclosureChannel, PartnerOrganisation
from bryggan.cooperation.rules import InformationKind, default_valid_to
from bryggan.cooperation.services import (
    ConsentMissing,
    af_status_record,
    consent_register,
    consent_withdraw,
    disclosure_record,
    partner_contact_create,
    partner_organisation_create,
    partner_organisation_update,
)
from bryggan.core.errors import DomainError
from bryggan.core.forms import add_domain_error
from bryggan.people.access import Purpose, access_household
from bryggan.people.models import Household


def _case(request: HttpRequest, household_id: int) -> Household:
    return access_household(
        request.user,  # type: ignore[arg-type]
        household_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )


def _organisation(organisation_id: int) -> PartnerOrganisation:
    organisation = selectors.partner_get(organisation_id)
    if organisation is None:
        raise Http404
    return organisation


# The partner register (the unit manager).


@requires(Capability.MANAGE_PARTNERS)
def partner_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request, "cooperation/partner_list.html", {"organisations": selectors.partner_list()}
    )


@requires(Capability.MANAGE_PARTNERS)
def partner_create_view(request: HttpRequest) -> HttpResponse:
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = partner_organisation_create(by=request.user, **form.service_arguments())  # type: ignore[arg-type]
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The organisation is registered."))
            return redirect("cooperation:partner_edit", organisation_id=organisation.pk)
    return render(request, "cooperation/partner_form.html", {"form": form, "organisation": None})


@requires(Capability.MANAGE_PARTNERS)
def partner_edit_view(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = _organisation(organisation_id)
    form = PartnerForm(request.POST or None, initial=PartnerForm.initial_from(organisation))
    if request.method == "POST" and form.is_valid():
        try:
            partner_organisation_update(
                organisation=organisation,
                active=form.cleaned_data["active"],
                by=request.user,  # type: ignore[arg-type]
                **form.service_arguments(),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The organisation is changed."))
            return redirect("cooperation:partner_edit", organisation_id=organisation.pk)
    return render(
        request,
        "cooperation/partner_form.html",
        {
            "form": form,
            "organisation": organisation,
            "contacts": selectors.partner_contacts(organisation),
            "contact_form": ContactForm(),
        },
    )


@requires(Capability.MANAGE_PARTNERS)
def contact_create_view(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = _organisation(organisation_id)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        partner_contact_create(organisation=organisation, by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, _("The contact person is added."))
        return redirect("cooperation:partner_edit", organisation_id=organisation.pk)
    return render(
        request, "cooperation/contact_form.html", {"form": form, "organisation": organisation}
    )


# A case's consents, disclosures and Arbetsförmedlingen status.


@requires(Capability.VIEW_CASES)
def case_consents_view(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _case(request, household_id)
    today = timezone.localdate()
    return render(
        request,
        "cooperation/case_consents.html",
        {
            "household": household,
            "consents": selectors.consents_for_household(household.pk, today=today),
            "disclosures": selectors.disclosures_for_household(household.pk)[:200],
            "af_statuses": selectors.af_status_of_members(household, today=today),
            "withdraw_form": WithdrawForm(),
        },
    )


def _consent_form(request: HttpRequest, household: Household) -> ConsentForm:
    today = timezone.localdate()
    persons = selectors.member_persons(household, today=today)
    only = persons.first() if persons.count() == 1 else None
    return ConsentForm(
        request.POST or None,
        request.FILES or None,
        persons=persons,
        organisations=selectors.partner_active_list(),
        documents=selectors.documents_of_case(household),
        notes=selectors.journal_notes_of_case(household),
        initial={
            "person": only,
            "valid_from": today,
            "valid_to": default_valid_to(today, _default_months()),
        },
    )


def _default_months() -> int:
    return int(settings.BRYGGAN_CONSENT_DEFAULT_MONTHS)


@requires(Capability.COOPERATION)
def consent_create_view(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _case(request, household_id)
    form = _consent_form(request, household)
    if request.method == "POST" and form.is_valid():
        try:
            consent_register(
                household=household,
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
                **form.service_arguments(),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The consent is registered."))
            return redirect("cooperation:case_consents", household_id=household.pk)
    return render(request, "cooperation/consent_form.html", {"form": form, "household": household})


@require_POST
@requires(Capability.COOPERATION)
def consent_withdraw_view(request: HttpRequest, household_id: int, consent_id: int) -> HttpResponse:
    household = _case(request, household_id)
    consent = selectors.consent_get_of_household(household.pk, consent_id)
    if consent is None:
        raise Http404
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            consent_withdraw(
                consent=consent,
                note=form.cleaned_data["note"],
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The consent is withdrawn; nothing more goes out on it."))
    return redirect("cooperation:case_consents", household_id=household.pk)


@requires(Capability.COOPERATION)
def consent_form_pdf_view(request: HttpRequest, household_id: int) -> HttpResponse:
    """The consent form of one organisation for one member to sign."""
    household = _case(request, household_id)
    today = timezone.localdate()
    form = ConsentFormPdfForm(
        request.GET or None,
        persons=selectors.member_persons(household, today=today),
        organisations=selectors.partner_active_list(),
    )
    if form.is_valid():
        organisation = form.cleaned_data["organisation"]
        pdf = consent_form_pdf(
            person=form.cleaned_data["person"],
            organisation=organisation,
            unit_name=household.unit.name,
            valid_from=today,
            valid_to=default_valid_to(today, _default_months()),
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="samtycke.pdf"'
        return response
    return render(
        request, "cooperation/consent_form_pdf.html", {"form": form, "household": household}
    )


@requires(Capability.COOPERATION)
def disclosure_printout_view(request: HttpRequest, household_id: int) -> HttpResponse:
    """A printout for an organisation: only with a valid consent for every kind asked, recorded as
    a disclosure; otherwise nothing, and the page names the consent that is missing."""
    household = _case(request, household_id)
    today = timezone.localdate()
    form = PrintoutForm(
        request.POST or None,
        persons=selectors.member_persons(household, today=today),
        organisations=selectors.partner_active_list(),
    )
    if request.method == "POST" and form.is_valid():
        person, organisation = form.cleaned_data["person"], form.cleaned_data["organisation"]
        kinds = frozenset(InformationKind(k) for k in form.cleaned_data["kinds"])
        try:
            disclosure_record(
                person=person,
                household=household,
                organisation=organisation,
                kinds=kinds,
                channel=DisclosureChannel.PRINTOUT,
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except ConsentMissing as error:
            form.add_error(None, str(error.message))
        else:
            information = selectors.shared_information(person, household, kinds)
            pdf = disclosure_printout_pdf(
                information=information, organisation=organisation, made_on=today
            )
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = 'attachment; filename="uppgifter.pdf"'
            return response
    return render(
        request, "cooperation/disclosure_printout.html", {"form": form, "household": household}
    )


@requires(Capability.COOPERATION)
def af_status_edit_view(request: HttpRequest, household_id: int, person_id: int) -> HttpResponse:
    household = _case(request, household_id)
    today = timezone.localdate()
    person = selectors.member_persons(household, today=today).filter(pk=person_id).first()
    if person is None:
        raise Http404
    current = selectors.af_status_source().status_for(person.pk)
    initial = (
        {
            "registered": current.registered,
            "registered_since": current.registered_since,
            "programme": current.programme,
            "contact_name": current.contact_name,
            "contact_phone": current.contact_phone,
        }
        if current
        else {}
    )
    form = AfStatusForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            af_status_record(
                person=person,
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
                case_id=household.pk,
                **form.cleaned_data,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The status at Arbetsförmedlingen is recorded."))
            return redirect("cooperation:case_consents", household_id=household.pk)
    return render(
        request,
        "cooperation/af_status_form.html",
        {"form": form, "household": household, "person": person, "current": current},
    )


# The partner's own pages.


@requires(Capability.PARTNER_CASES)
def partner_cases_view(request: HttpRequest) -> HttpResponse:
    """The persons a valid consent opens to the partner's organisation today. A row names the
    person only when identity is consented to, and that name is recorded as disclosed."""
    now = timezone.now()
    organisation, rows = access_partner_cases(
        request.user,  # type: ignore[arg-type]
        today=timezone.localdate(now),
        request=request,
    )
    for row in rows:
        if organisation is not None and InformationKind.IDENTITY in row.kinds:
            disclosure_record(
                person=row.person,
                household=row.household,
                organisation=organisation,
                kinds=[InformationKind.IDENTITY],
                channel=DisclosureChannel.PARTNER_VIEW,
                recipient=request.user,  # type: ignore[arg-type]
                recipient_name=request.user.get_full_name(),  # type: ignore[union-attr]
                by=None,
                now=now,
            )
    return render(
        request,
        "cooperation/partner_cases.html",
        {"organisation": organisation, "rows": rows, "identity": InformationKind.IDENTITY},
    )


@requires(Capability.PARTNER_CASES)
def partner_person_view(request: HttpRequest, person_id: int) -> HttpResponse:
    today = timezone.localdate()
    view = access_partner_person(request.user, person_id, today=today, request=request)  # type: ignore[arg-type]
    disclosure_record(
        person=view.person,
        household=view.household,
        organisation=view.organisation,
        kinds=view.kinds,
        channel=DisclosureChannel.PARTNER_VIEW,
        recipient=request.user,  # type: ignore[arg-type]
        recipient_name=request.user.get_full_name(),  # type: ignore[union-attr]
        by=None,
        now=timezone.now(),
    )
    information = selectors.shared_information(view.person, view.household, view.kinds)
    return render(
        request,
        "cooperation/partner_person.html",
        {"view": view, "information": information},
    )
