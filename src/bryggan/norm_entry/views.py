"""The administrator's riksnorm pages: the years in force, entering or importing a new year."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bryggan.accounts.decorators import requires
from bryggan.accounts.roles import Capability
from bryggan.core.errors import DomainError
from bryggan.norm_entry.forms import RiksnormForm, RiksnormImportForm
from bryggan.norm_entry.selectors import application_norms, entered_tables
from bryggan.norm_entry.services import DecreasesNeedConfirmation, TableInvalid, riksnorm_enter


@requires(Capability.MANAGE_NORMS)
def riksnorm_list(request: HttpRequest) -> HttpResponse:
    norms = application_norms()
    shipped = [norms.riksnorm(year) for year in norms.shipped_years()]
    return render(
        request, "norm_entry/riksnorm_list.html", {"shipped": shipped, "entered": entered_tables()}
    )


def _enter(
    request: HttpRequest, form: RiksnormForm | RiksnormImportForm, document: dict[str, object]
) -> bool:
    """Call the service; put its refusal on the form. True when saved."""
    try:
        entered = riksnorm_enter(
            document=document,
            confirm_decreases=form.cleaned_data["confirm_decreases"],
            confirm_replace=form.cleaned_data["confirm_replace"],
            by=request.user,  # type: ignore[arg-type]
        )
    except TableInvalid as invalid:
        for problem in invalid.problems:
            target = (
                form.field_for_problem(problem.field) if isinstance(form, RiksnormForm) else None
            )
            form.add_error(
                target, f"{problem.field}: {problem.message}" if target is None else problem.message
            )
    except DecreasesNeedConfirmation as lower:
        form.add_error(
            "confirm_decreases",
            _("Lower than last year: %(items)s. Confirm to save anyway.")
            % {"items": lower.message},
        )
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, str(error.message))
    else:
        messages.success(request, _("The riksnorm for %(year)s is saved.") % {"year": entered.year})
        return True
    return False


@requires(Capability.MANAGE_NORMS)
def riksnorm_enter_view(request: HttpRequest) -> HttpResponse:
    form = RiksnormForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _enter(request, form, form.document()):
        return redirect("norm_entry:riksnorm_list")
    return render(request, "norm_entry/riksnorm_form.html", {"form": form})


@requires(Capability.MANAGE_NORMS)
def riksnorm_import_view(request: HttpRequest) -> HttpResponse:
    form = RiksnormImportForm(request.POST or None, request.FILES or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _enter(request, form, form.cleaned_data["file"])
    ):
        return redirect("norm_entry:riksnorm_list")
    return render(request, "norm_entry/riksnorm_import.html", {"form": form})
