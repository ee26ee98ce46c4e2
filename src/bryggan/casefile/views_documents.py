"""The case's documents: list, upload, detail, download, registered in error. Thin: the gate, a
form, one service, a page. A file is only ever sent as a download, never shown as a page."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bryggan.accounts.decorators import requires
from bryggan.accounts.roles import Capability
from bryggan.casefile.access_documents import access_document, access_stored_letter
from bryggan.casefile.forms_documents import (
    DocumentFilterForm,
    DocumentUploadForm,
    MarkInErrorForm,
    member_label,
)
from bryggan.casefile.models import Document
from bryggan.casefile.rules_documents import DOWNLOAD_EXTENSION
from bryggan.casefile.selectors_documents import (
    DocumentIntegrityError,
    document_content,
    documents_for_household,
    household_members,
)
from bryggan.casefile.services_documents import document_mark_in_error, document_upload
from bryggan.core.errors import DomainError
from bryggan.people.access import Purpose, access_household
from bryggan.people.models import Household

INTEGRITY_STATUS = 500


def _member_names(household: Household, viewer: object) -> dict[int, str]:
    return {
        member.person_id: member_label(member, viewer)
        for member in household_members(household, current_only=False)
    }


@requires(Capability.VIEW_CASES)
def documents_list(request: HttpRequest, household_id: int) -> HttpResponse:
    household = access_household(
        request.user,  # type: ignore[arg-type]
        household_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )
    form = DocumentFilterForm(request.GET or None)
    kind, month = "", None
    if form.is_valid():
        kind, month = form.cleaned_data["kind"], form.cleaned_data["month"]
    names = _member_names(household, request.user)
    documents = documents_for_household(household.pk, kind=kind, month=month)
    return render(
        request,
        "casefile/documents_list.html",
        {
            "household": household,
            "form": form,
            "rows": [(document, names.get(document.member_id or 0)) for document in documents],
        },
    )


@requires(Capability.MANAGE_DOCUMENTS)
def document_upload_view(request: HttpRequest, household_id: int) -> HttpResponse:
    household = access_household(
        request.user,  # type: ignore[arg-type]
        household_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )
    members = household_members(household, current_only=True)
    if request.method == "POST":
        form = DocumentUploadForm(request.POST, request.FILES, members=members, viewer=request.user)
    else:
        form = DocumentUploadForm(members=members, viewer=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = document_upload(
                household=household,
                file=data["file"],
                name=data["file"].name,
                kind=data["kind"],
                received_on=data["received_on"],
                sender=data["sender"],
                from_month=data["from_month"],
                to_month=data["to_month"],
                member=form.member_person(),
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("The document is stored with the case."))
            return redirect(
                "casefile:document_detail", household_id=household.pk, document_id=document.pk
            )
    return render(request, "casefile/documents_upload.html", {"household": household, "form": form})


@requires(Capability.VIEW_CASES)
def document_detail(request: HttpRequest, household_id: int, document_id: int) -> HttpResponse:
    household, document = access_document(
        request.user,  # type: ignore[arg-type]
        household_id,
        document_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )
    return render(
        request,
        "casefile/documents_detail.html",
        {
            "household": household,
            "document": document,
            "member_name": _member_names(household, request.user).get(document.member_id or 0),
            "error_form": MarkInErrorForm(),
        },
    )


def file_response(document: Document, content: bytes, *, as_attachment: bool) -> HttpResponse:
    """The stored bytes with the detected type, never to be rendered as a page: a download
    (or, for the unit's own PDF letters, shown by the browser's PDF viewer), nosniff, not cached."""
    response = HttpResponse(content, content_type=document.content_type)
    extension = DOWNLOAD_EXTENSION.get(document.content_type, "")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment, f"handling-{document.household.case_number}-{document.pk}{extension}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def letter_response(
    request: HttpRequest,
    household: Household,
    *,
    letter_for_type: str,
    letter_for_id: int,
    file_name: str,
    render_letter: Callable[[], bytes],
) -> HttpResponse:
    """A decision's letter as it was stored at signing, byte for byte, for the letter pages of
    every app (the caller has passed the case gate). The unit's own PDF is shown inline."""
    stored = access_stored_letter(
        request.user,  # type: ignore[arg-type]
        household,
        letter_for_type=letter_for_type,
        letter_for_id=letter_for_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )
    if stored is None:
        # A decision made before letters were stored at signing has no stored letter: it is
        # made again from the decision, which never changes once made.
        pdf = render_letter()
    else:
        try:
            pdf = document_content(stored)
        except DocumentIntegrityError as error:
            return render(
                request,
                "casefile/documents_damaged.html",
                {"household": household, "document": stored, "message": error.message},
                status=INTEGRITY_STATUS,
            )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, file_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@requires(Capability.VIEW_CASES)
def document_download(request: HttpRequest, household_id: int, document_id: int) -> HttpResponse:
    household, document = access_document(
        request.user,  # type: ignore[arg-type]
        household_id,
        document_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )
    try:
        content = document_content(document)
    except DocumentIntegrityError as error:
        return render(
            request,
            "casefile/documents_damaged.html",
            {"household": household, "document": document, "message": error.message},
            status=INTEGRITY_STATUS,
        )
    return file_response(document, content, as_attachment=True)


@require_POST
@requires(Capability.MANAGE_DOCUMENTS)
def document_mark_in_error_view(
    request: HttpRequest, household_id: int, document_id: int
) -> HttpResponse:
    household, document = access_document(
        request.user,  # type: ignore[arg-type]
        household_id,
        document_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )
    form = MarkInErrorForm(request.POST)
    if form.is_valid():
        try:
            document_mark_in_error(
                document=document,
                reason=form.cleaned_data["reason"],
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The document is marked as registered in error."))
            return redirect(
                "casefile:document_detail", household_id=household.pk, document_id=document.pk
            )
    return render(
        request,
        "casefile/documents_detail.html",
        {
            "household": household,
            "document": document,
            "member_name": _member_names(household, request.user).get(document.member_id or 0),
            "error_form": form,
        },
        status=400,
    )
