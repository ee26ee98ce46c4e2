"""The applicant's application pages through the test client: prefilled from last month, bad
input answered beside the field with what was typed kept, the preliminary calculation, the
receipt, and a double submission making one application."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bryggan.core.money import group_digits
from bryggan.mypages.models import OnlineApplication
from bryggan.mypages.rules_apply import AMOUNT_LETTERS, AMOUNT_NEGATIVE, MONTH_FAR_AHEAD, MONTH_PAST
from tests.casefile.documents_files import HTML, pdf_bytes
from tests.preassessment.factories import RENT, SALARY, RenewalCase

pytestmark = pytest.mark.django_db
URL = reverse("mypages:apply_renewal")


@pytest.fixture
def client(case: RenewalCase) -> Client:
    signed_in = Client()
    signed_in.force_login(case.applicant)
    return signed_in


def form_data(case: RenewalCase, **overrides: Any) -> dict[str, Any]:
    data = {
        "key": str(uuid.uuid4()),
        "month": str(case.month),
        "line_0_amount": str(RENT),
        "line_1_amount": str(SALARY),
    }
    data.update(overrides)
    return data


def test_the_renewal_form_is_prefilled_from_last_month(client: Client, english: None) -> None:
    page = client.get(URL).content.decode()
    assert f'value="{RENT}"' in page
    assert f'value="{SALARY}"' in page
    assert "Last month: 5000 kr" in page


def test_start_sends_an_open_case_to_the_renewal(client: Client) -> None:
    assert client.get(reverse("mypages:apply_start")).url == URL


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("line_1_amount", "tretusen", AMOUNT_LETTERS),
        ("line_0_amount", "-5000", AMOUNT_NEGATIVE),
        ("month", "2020-01", MONTH_PAST),
        ("month", "2031-01", MONTH_FAR_AHEAD),
    ],
)
def test_bad_input_is_answered_beside_the_field_and_nothing_typed_is_lost(  # noqa: PLR0917
    client: Client, case: RenewalCase, english: None, field: str, typed: str, message: str
) -> None:
    data = form_data(case, **({"line_0_amount": "5 400"} | {field: typed}))
    response = client.post(URL, data | {"send": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in page
    assert str(message) in page
    assert f'value="{typed}"' in page
    if field != "line_0_amount":
        assert 'value="5 400"' in page
    assert not OnlineApplication.objects.exists()


def test_a_file_not_what_its_name_says_is_answered_beside_its_line(
    client: Client, case: RenewalCase, english: None
) -> None:
    data = form_data(case, line_1_amount="4200") | {
        "line_1_file": SimpleUploadedFile("lonebesked.pdf", HTML),
        "send": "1",
    }
    page = client.post(URL, data).content.decode()
    assert 'id="id_line_1_file_error"' in page
    assert "does not match its content" in page or "not a PDF" in page
    assert 'value="4200"' in page
    assert not OnlineApplication.objects.exists()


def test_the_preliminary_calculation_is_shown_in_plain_words(
    client: Client, case: RenewalCase, english: None
) -> None:
    response = client.post(reverse("mypages:apply_preview"), form_data(case, line_1_amount="4500"))
    page = response.content.decode()
    assert "if your documents confirm" in page
    assert f"Preliminary amount: {group_digits(case.last.amount - 1500)} kr" in page
    assert not OnlineApplication.objects.exists()


def test_submitting_shows_a_receipt_with_date_time_and_the_checks(
    client: Client, case: RenewalCase, english: None
) -> None:
    data = form_data(case, line_1_amount="4500") | {
        "line_1_file": SimpleUploadedFile("lonebesked.pdf", pdf_bytes("Lönebesked")),
        "send": "1",
    }
    response = client.post(URL, data)
    online = OnlineApplication.objects.get()
    assert response.url == reverse("mypages:apply_receipt", args=[online.pk])
    page = client.get(response.url).content.decode()
    assert online.submitted_at.astimezone().strftime("%Y-") in page
    assert "Your application has been received" in page
    assert "lonebesked.pdf" in page
    assert "Incomes since last month" in page


def test_sending_twice_makes_one_application(client: Client, case: RenewalCase) -> None:
    data = form_data(case) | {"send": "1"}
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert first.url == second.url
    assert OnlineApplication.objects.count() == 1


def test_a_month_already_applied_for_is_said_beside_the_month(
    client: Client, case: RenewalCase, english: None
) -> None:
    client.post(URL, form_data(case) | {"send": "1"})
    page = client.post(URL, form_data(case) | {"send": "1"}).content.decode()
    assert 'id="id_month_error"' in page
    assert "already applied" in page


def test_someone_elses_receipt_is_not_found(case: RenewalCase, client: Client) -> None:
    client.post(URL, form_data(case) | {"send": "1"})
    online = OnlineApplication.objects.get()
    from bryggan.mypages.services import applicant_user_for
    from bryggan.people.services import person_upsert
    from tests.people.factories import person_input

    stranger = Client()
    other = person_upsert(data=person_input(case.person.birth_date, 999))
    stranger.force_login(applicant_user_for(other))
    assert stranger.get(reverse("mypages:apply_receipt", args=[online.pk])).status_code == 404


def test_an_applicant_without_a_case_gets_a_page_of_what_to_do(persona: Any, english: None) -> None:
    signed_in = Client()
    signed_in.force_login(persona("applicant"))
    page = signed_in.get(URL).content.decode()
    assert "Call or visit" in page
