"""Pages of the journal and of case discussions: thin, through the gates, one service each.

The journal of a case (filter by kind, search), a new note, a note with its sign, correct and
objection forms, a draft's edit page, the journal as a PDF for the client; asking for a case
discussion, the manager's list of requested discussions and holding one.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bryggan.accounts.decorators import request_unit, requires, signed_in_user
from bryggan.accounts.roles import Capability
from bryggan.audit.services import access_log_write
from bryggan.casefile import selectors_journal as selectors
from bryggan.casefile.access_journal import access_case_discussion, access_journal_note
from bryggan.casefile.forms_journal import (
    CaseDiscussionHoldForm,
    CaseDiscussionRequestForm,
    JournalFilterForm,
    JournalNoteForm,
    ObjectionForm,
    initial_from_note,
)
from bryggan.casefile.letters_journal import journal_pdf
from bryggan.casefile.models import JournalNote, JournalNoteKind, ObjectionHow
from bryggan.casefile.services_journal import (
    case_discussion_cancel,
    case_discussion_hold,
    case_discussion_request,
    journal_note_correct,
    journal_note_create,
    journal_note_delete,
    journal_note_sign,
    journal_note_update,
    note_objection_record,
)
from bryggan.core.errors import DomainError
from bryggan.people.access import Purpose, access_household
from bryggan.people.models import Household


def _case(request: HttpRequest, household_id: int) -> Household:
    return access_household(
        signed_in_user(request), household_id, purpose=Purpose.CASEWORK, request=request
    )


def _note(request: HttpRequest, household_id: int, note_id: int) -> tuple[Household, JournalNote]:
    return access_journal_note(
        signed_in_user(request), household_id, note_id, purpose=Purpose.CASEWORK, request=request
    )


def _form_error(
    form: JournalNoteForm | ObjectionForm | CaseDiscussionRequestForm | CaseDiscussionHoldForm,
    error: DomainError,
) -> None:
    form.add_error(error.field if error.field in form.fields else None, str(error.message))


@requires(Capability.VIEW_CASES)
def journal_list(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _case(request, household_id)
    filters = JournalFilterForm(request.GET or None)
    kind, q = "", ""
    if filters.is_valid():
        kind, q = filters.cleaned_data["kind"], filters.cleaned_data["q"]
    notes = list(selectors.journal_note_list(household.pk, signed_in_user(request), kind=kind, q=q))
    return render(
        request,
        "casefile/journal_list.html",
        {
            "household": household,
            "notes": notes,
            "filters": filters,
            "filtered": bool(kind or q.strip()),
            "discussions": selectors.case_discussions_for_case(household.pk),
        },
    )


@requires(Capability.WRITE_JOURNAL)
def journal_note_create_view(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _case(request, household_id)
    now = timezone.now()
    form = JournalNoteForm(
        request.POST or None,
        members=selectors.case_members(household.pk),
        viewer=request.user,
        initial={"kind": JournalNoteKind.VISIT, "occurred_at": timezone.localtime(now)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            note = journal_note_create(
                household=household,
                author=signed_in_user(request),
                kind=JournalNoteKind(form.cleaned_data["kind"]),
                occurred_at=form.cleaned_data["occurred_at"],
                text=form.cleaned_data["text"],
                member=form.selected_member(),
                now=now,
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The note is saved as a draft. Sign it when it is ready."))
            return redirect(
                "casefile:journal_note_detail", household_id=household.pk, note_id=note.pk
            )
    return render(
        request,
        "casefile/journal_note_form.html",
        {"household": household, "form": form, "note": None},
    )


def _detail_page(
    request: HttpRequest,
    household: Household,
    note: JournalNote,
    *,
    objection_form: ObjectionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    detailed = selectors.journal_note_list(household.pk, signed_in_user(request)).get(pk=note.pk)
    return render(
        request,
        "casefile/journal_note_detail.html",
        {
            "household": household,
            "note": detailed,
            "objection_form": objection_form
            or ObjectionForm(
                initial={"received_on": timezone.localdate(), "how": ObjectionHow.WRITTEN}
            ),
            "mine": detailed.author_id == request.user.pk,
        },
        status=status,
    )


@requires(Capability.VIEW_CASES)
def journal_note_detail(request: HttpRequest, household_id: int, note_id: int) -> HttpResponse:
    household, note = _note(request, household_id, note_id)
    return _detail_page(request, household, note)


@requires(Capability.WRITE_JOURNAL)
def journal_note_edit(request: HttpRequest, household_id: int, note_id: int) -> HttpResponse:
    household, note = _note(request, household_id, note_id)
    form = JournalNoteForm(
        request.POST or None,
        members=selectors.case_members(household.pk),
        viewer=request.user,
        initial=initial_from_note(note),
    )
    if request.method == "POST" and form.is_valid():
        try:
            journal_note_update(
                note=note,
                by=signed_in_user(request),
                kind=JournalNoteKind(form.cleaned_data["kind"]),
                occurred_at=form.cleaned_data["occurred_at"],
                text=form.cleaned_data["text"],
                member=form.selected_member(),
                now=timezone.now(),
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect(
                "casefile:journal_note_detail", household_id=household.pk, note_id=note.pk
            )
    return render(
        request,
        "casefile/journal_note_form.html",
        {"household": household, "form": form, "note": note},
    )


@require_POST
@requires(Capability.WRITE_JOURNAL)
def journal_note_delete_view(request: HttpRequest, household_id: int, note_id: int) -> HttpResponse:
    household, note = _note(request, household_id, note_id)
    try:
        journal_note_delete(note=note, by=signed_in_user(request))
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("casefile:journal_note_detail", household_id=household.pk, note_id=note.pk)
    messages.success(request, _("The draft is deleted."))
    return redirect("casefile:journal", household_id=household.pk)


@require_POST
@requires(Capability.WRITE_JOURNAL)
def journal_note_sign_view(request: HttpRequest, household_id: int, note_id: int) -> HttpResponse:
    household, note = _note(request, household_id, note_id)
    try:
        journal_note_sign(note=note, by=signed_in_user(request), now=timezone.now())
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The note is signed and locked."))
    return redirect("casefile:journal_note_detail", household_id=household.pk, note_id=note.pk)


@require_POST
@requires(Capability.WRITE_JOURNAL)
def journal_note_correct_view(
    request: HttpRequest, household_id: int, note_id: int
) -> HttpResponse:
    household, note = _note(request, household_id, note_id)
    try:
        correction = journal_note_correct(
            household=household, note=note, by=signed_in_user(request), now=timezone.now()
        )
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("casefile:journal_note_detail", household_id=household.pk, note_id=note.pk)
    messages.success(
        request, _("A correcting draft is made from the note: change what was wrong, then sign it.")
    )
    return redirect("casefile:journal_note_edit", household_id=household.pk, note_id=correction.pk)


@require_POST
@requires(Capability.WRITE_JOURNAL)
def note_objection_create(request: HttpRequest, household_id: int, note_id: int) -> HttpResponse:
    household, note = _note(request, household_id, note_id)
    form = ObjectionForm(request.POST)
    if form.is_valid():
        try:
            note_objection_record(
                note=note,
                received_on=form.cleaned_data["received_on"],
                how=ObjectionHow(form.cleaned_data["how"]),
                text=form.cleaned_data["text"],
                by=signed_in_user(request),
                now=timezone.now(),
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The client's objection is recorded beside the note."))
            return redirect(
                "casefile:journal_note_detail", household_id=household.pk, note_id=note.pk
            )
    return _detail_page(request, household, note, objection_form=form, status=400)


@requires(Capability.VIEW_CASES)
def journal_letter(request: HttpRequest, household_id: int) -> HttpResponse:
    """The signed notes as a PDF for the client who asks to read their journal."""
    household = _case(request, household_id)
    notes = selectors.journal_notes_for_letter(household.pk)
    access_log_write(
        user=signed_in_user(request),
        object_type="journal_letter",
        object_id=household.pk,
        case_id=household.pk,
        purpose=Purpose.CASEWORK,
        request=request,
    )
    pdf = journal_pdf(
        household,
        notes,
        members=selectors.case_members(household.pk),
        unit_name=household.unit.name,
        today=timezone.localdate(),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="journal-{household.case_number}.pdf"'
    return response


@requires(Capability.WRITE_JOURNAL)
def case_discussion_request_view(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _case(request, household_id)
    form = CaseDiscussionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case_discussion_request(
                household=household,
                by=signed_in_user(request),
                question=form.cleaned_data["question"],
                now=timezone.now(),
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The case discussion is requested from the unit manager."))
            return redirect("casefile:journal", household_id=household.pk)
    return render(
        request, "casefile/journal_discussion_request.html", {"household": household, "form": form}
    )


@requires(Capability.HOLD_CASE_DISCUSSION)
def case_discussion_list(request: HttpRequest) -> HttpResponse:
    """The unit's requested case discussions (the manager's own unit only)."""
    discussions = list(selectors.case_discussions_waiting(request_unit(request)))
    return render(request, "casefile/journal_discussion_list.html", {"discussions": discussions})


@requires(Capability.HOLD_CASE_DISCUSSION)
def case_discussion_hold_view(request: HttpRequest, discussion_id: int) -> HttpResponse:
    discussion = access_case_discussion(
        signed_in_user(request), discussion_id, purpose=Purpose.CASEWORK, request=request
    )
    form = CaseDiscussionHoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case_discussion_hold(
                discussion=discussion,
                by=signed_in_user(request),
                outcome=form.cleaned_data["outcome"],
                now=timezone.now(),
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(
                request, _("The case discussion is held; its outcome is in the journal.")
            )
            return redirect("casefile:case_discussion_list")
    return render(
        request,
        "casefile/journal_discussion_hold.html",
        {"discussion": discussion, "household": discussion.household, "form": form},
    )


@require_POST
@requires(Capability.WRITE_JOURNAL)
def case_discussion_cancel_view(request: HttpRequest, discussion_id: int) -> HttpResponse:
    discussion = access_case_discussion(
        signed_in_user(request), discussion_id, purpose=Purpose.CASEWORK, request=request
    )
    try:
        case_discussion_cancel(
            discussion=discussion, by=signed_in_user(request), now=timezone.now()
        )
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The request for a case discussion is withdrawn."))
    return redirect(reverse("casefile:journal", kwargs={"household_id": discussion.household_id}))
