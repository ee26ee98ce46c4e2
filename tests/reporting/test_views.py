"""The reasons page on a case and the manager's reporting page, through the test client."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import AccessLogEntry
from bryggan.core.month import Month
from bryggan.reporting.models import ReasonForNeed, ReportSubmission
from tests.reporting.factories import adults, give_reasons, grant, new_case

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_caseworker_records_each_adults_reason_beside_the_guidance(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    worker = persona("caseworker")
    case = new_case(unit, by=worker, co_applicant=True)
    applicant, partner = adults(case)
    url = reverse("reporting:reasons", kwargs={"household_id": case.pk})
    client = client_as("caseworker")
    page = client.get(url, {"month": "2026-10"}).content.decode()
    assert "Arbetar heltid, otillräcklig inkomst" in page
    assert "exempel 1" in page  # the instruction's guidance beside the choice
    assert AccessLogEntry.objects.filter(case_id=case.pk, user=worker).exists()

    missing = client.post(url, {"month": "2026-10", f"reason_{applicant.pk}": "social_reasons"})
    assert missing.status_code == 200
    assert "Choose a reason for need from the list." in missing.content.decode()
    assert 'value="social_reasons" selected' in missing.content.decode()  # keeps what was chosen
    assert not ReasonForNeed.objects.exists()

    done = client.post(
        url,
        {
            "month": "2026-10",
            f"reason_{applicant.pk}": "full_time_insufficient_income",
            f"reason_{partner.pk}": "unemployed_no_benefit",
        },
    )
    assert done.status_code == 302
    assert dict(ReasonForNeed.objects.values_list("person_id", "code")) == {
        applicant.pk: "full_time_insufficient_income",
        partner.pk: "unemployed_no_benefit",
    }


def test_the_manager_sees_errors_by_caseworker_with_links_and_makes_the_file(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    worker = persona("caseworker")
    month = Month.of(timezone.localdate()).plus(-1)
    broken = new_case(unit, by=worker, caseworker=worker)
    grant(broken, str(month), by=worker)
    client = client_as("unit_manager")
    page = client.get(reverse("reporting:status")).content.decode()
    assert "Caseworker Persona" in page
    assert f"/arenden/{broken.pk}/forsorjningshinder/?month={month}" in page
    assert "The file cannot be made until the errors are corrected." in page

    refused = client.post(reverse("reporting:submit"), {"month": str(month)}, follow=True)
    assert "The file is refused: errors remain (1)." in refused.content.decode()
    assert not ReportSubmission.objects.exists()

    give_reasons(broken, str(month), "social_reasons", by=worker)
    made = client.post(reverse("reporting:submit"), {"month": str(month)}, follow=True)
    assert f"Version 1 of {month} is made." in made.content.decode()
    sent = ReportSubmission.objects.get()
    download = client.get(reverse("reporting:file", kwargs={"submission_id": sent.pk}))
    assert download.content.decode() == sent.content
    assert sent.file_name in download["Content-Disposition"]
    assert sent.sha256 in client.get(reverse("reporting:status")).content.decode()


def test_problems_of_another_units_cases_are_only_counted(
    unit: Unit, other_unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    stranger = persona("caseworker", in_unit=other_unit)
    month = Month.of(timezone.localdate()).plus(-1)
    foreign = new_case(other_unit, by=stranger, caseworker=stranger)
    grant(foreign, str(month), by=stranger)
    page = client_as("unit_manager").get(reverse("reporting:status")).content.decode()
    assert f"/arenden/{foreign.pk}/" not in page
    assert "1 further problem is in another unit" in page
