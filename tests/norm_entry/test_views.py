"""An administrator enters or imports next year's riksnorm; the engine then calculates with it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bryggan.decisions.services import calculation_run
from bryggan.norm_entry.models import EnteredRiksnorm
from bryggan.norms.tables import NO_LUNCH_BANDS, PersonalBand, default_norms

pytestmark = pytest.mark.django_db
URL = reverse("norm_entry:riksnorm_enter")


def table_form(year: int = 2022, raise_by: int = 100, **overrides: str) -> dict[str, str]:
    """2021's amounts plus `raise_by` kronor on every item (a made-up table for tests only)."""
    base = default_norms().riksnorm(2021)
    data = {
        "year": str(year),
        "source_reference": "TEST 1",
        "source_title": "Test table, not a real riksnorm",
        "source_kind": "secondary",
        "source_note": "",
    }
    for band in PersonalBand:
        data[f"personal_{band.value}"] = str(base.personal_costs[band] + raise_by)
    for band in NO_LUNCH_BANDS:
        data[f"no_lunch_{band.value}"] = str(base.personal_costs_no_lunch[band] + raise_by)
    for size in range(1, 8):
        data[f"common_{size}"] = str(base.common_household_costs[size] + raise_by)
    data.update(overrides)
    return data


def test_an_entered_year_is_used_by_the_engine(client_as: Callable[..., Client]) -> None:
    response = client_as("administrator").post(URL, table_form())
    assert response.status_code == 302
    calculation = calculation_run(
        document={"month": "2022-01", "members": [{"id": "p1", "birth_date": "1980-01-01"}]}
    )
    # single adult 3 160 + 100 and common costs for one 1 020 + 100
    assert calculation.norm_year == 2022
    assert calculation.riksnorm_total == 3260 + 1120


def test_a_missing_or_negative_amount_is_named_and_the_typed_values_stay(
    client_as: Callable[..., Client],
) -> None:
    response = client_as("administrator").post(
        URL, table_form(personal_single_adult="", common_3="-10")
    )
    errors = response.context["form"].errors
    assert set(errors) == {"personal_single_adult", "common_3"}
    assert 'value="-10"' in response.content.decode()
    assert not EnteredRiksnorm.objects.exists()


def test_common_costs_falling_with_household_size_are_refused(
    client_as: Callable[..., Client],
) -> None:
    response = client_as("administrator").post(URL, table_form(common_5="100"))
    assert "common_5" in response.context["form"].errors
    assert not EnteredRiksnorm.objects.exists()


def test_amounts_lower_than_last_year_need_confirmation(client_as: Callable[..., Client]) -> None:
    client = client_as("administrator")
    response = client.post(URL, table_form(raise_by=-10))
    assert "confirm_decreases" in response.context["form"].errors
    assert not EnteredRiksnorm.objects.exists()
    response = client.post(URL, {**table_form(raise_by=-10), "confirm_decreases": "on"})
    assert response.status_code == 302
    assert EnteredRiksnorm.objects.get().decreases_confirmed


def test_a_shipped_year_cannot_be_overridden(client_as: Callable[..., Client]) -> None:
    response = client_as("administrator").post(URL, table_form(year=2021))
    assert "year" in response.context["form"].errors
    assert not EnteredRiksnorm.objects.exists()


def test_a_table_file_in_the_shipped_format_can_be_imported(
    client_as: Callable[..., Client],
) -> None:
    text = (default_norms().data_dir / "riksnorm" / "2021.toml").read_text(encoding="utf-8")
    upload = SimpleUploadedFile("2023.toml", text.replace("year = 2021", "year = 2023").encode())
    response = client_as("administrator").post(
        reverse("norm_entry:riksnorm_import"), {"file": upload}
    )
    assert response.status_code == 302
    assert EnteredRiksnorm.objects.get().year == 2023


def test_a_file_that_is_not_toml_is_refused(client_as: Callable[..., Client]) -> None:
    upload = SimpleUploadedFile("x.toml", b"year = = 1")
    response = client_as("administrator").post(
        reverse("norm_entry:riksnorm_import"), {"file": upload}
    )
    assert "file" in response.context["form"].errors
    assert not EnteredRiksnorm.objects.exists()


def test_the_list_shows_shipped_and_entered_years(client_as: Callable[..., Client]) -> None:
    client = client_as("administrator")
    client.post(URL, table_form())
    page = client.get(reverse("norm_entry:riksnorm_list")).content.decode()
    for year in ("2014", "2019", "2021", "2022"):
        assert f">{year}<" in page


def test_entering_a_year_again_needs_confirmation_to_replace(
    client_as: Callable[..., Client],
) -> None:
    client = client_as("administrator")
    client.post(URL, table_form())
    response = client.post(URL, table_form(raise_by=200))
    assert "confirm_replace" in response.context["form"].errors
    assert EnteredRiksnorm.objects.get().document["personal_costs"]["single_adult"] == 3260
    client.post(URL, {**table_form(raise_by=200), "confirm_replace": "on"})
    assert EnteredRiksnorm.objects.get().document["personal_costs"]["single_adult"] == 3360
