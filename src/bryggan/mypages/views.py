"""The applicant's own pages under /mina-sidor/."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bryggan.accounts.decorators import requires
from bryggan.accounts.roles import Capability
from bryggan.mypages.selectors import person_of_applicant


@requires(Capability.OWN_PAGES)
def home_view(request: HttpRequest) -> HttpResponse:
    person = person_of_applicant(request.user)  # type: ignore[arg-type]
    return render(request, "mypages/home.html", {"person": person})
