"""The applicant's consents on My pages: every consent the person has given (to which
organisations, which kinds of information, for which period, how it was given, whether it is
withdrawn), and withdrawing one after a confirmation step. A withdrawal is effective at once:
cooperation's `consent_withdraw` with the applicant as the one who withdrew it, so from that
moment nothing more goes out on it and the caseworker sees it withdrawn.

Source: OSL (2009:400) 12 kap. 2 § (a consent may be withdrawn at any moment)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bryggan.accounts.decorators import requires
from bryggan.accounts.roles import Capability
from bryggan.cooperation.rules import consent_state
from bryggan.cooperation.selectors import consent_terms
from bryggan.cooperation.services import consent_withdraw
from bryggan.core.errors import DomainError
from bryggan.mypages.access import access_own_case
from bryggan.mypages.access_consents import access_own_consent
from bryggan.mypages.selectors_consents import own_consent_rows

# Kept with the withdrawal as how it was withdrawn (data in the case's language, not the UI's).
WITHDRAWN_ON_MY_PAGES = "Återkallat av personen själv på Mina sidor"


@requires(Capability.OWN_PAGES)
def consents_view(request: HttpRequest) -> HttpResponse:
    case = access_own_case(request.user, request=request)  # type: ignore[arg-type]
    rows = own_consent_rows(case.person.pk, today=timezone.localdate())
    return render(request, "mypages/consents_list.html", {"rows": rows})


@requires(Capability.OWN_PAGES)
def consent_withdraw_view(request: HttpRequest, consent_id: int) -> HttpResponse:
    """GET: the consent and what withdrawing it means (the confirmation step); POST: withdraw."""
    _case, consent = access_own_consent(
        request.user,  # type: ignore[arg-type]
        consent_id,
        request=request,
    )
    if request.method == "POST":
        try:
            consent_withdraw(
                consent=consent,
                note=WITHDRAWN_ON_MY_PAGES,
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request,
                _("Your consent is withdrawn. From now on nothing more is shared on it."),
            )
        return redirect("mypages:consents")
    state = consent_state(consent_terms(consent), on=timezone.localdate())
    return render(request, "mypages/consents_withdraw.html", {"consent": consent, "state": state})
