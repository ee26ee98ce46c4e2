"""The norms the application calculates with: a shipped file, else the entered table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from bryggan.norm_entry.models import EnteredRiksnorm
from bryggan.norm_entry.selectors import application_norms
from bryggan.norms.tables import NormMissingError, default_norms
from tests.norm_entry.test_views import URL, table_form

pytestmark = pytest.mark.django_db


def test_an_entered_year_is_read_in_one_query(
    client_as: Callable[..., Client], django_assert_num_queries: Callable[..., Any]
) -> None:
    """Each preview of a calculation reads the month's norm: the entered table alone, not first
    the list of every entered year."""
    assert client_as("administrator").post(URL, table_form(2022)).status_code == 302
    with django_assert_num_queries(1):
        table = application_norms().riksnorm(2022)
    assert table.year == 2022
    assert table.personal_costs == {
        band: amount + 100 for band, amount in default_norms().riksnorm(2021).personal_costs.items()
    }


def test_a_shipped_year_is_read_without_the_database(
    django_assert_num_queries: Callable[..., Any],
) -> None:
    with django_assert_num_queries(0):
        assert application_norms().riksnorm(2021) == default_norms().riksnorm(2021)


def test_a_year_neither_shipped_nor_entered_names_the_years_there_are(
    client_as: Callable[..., Client],
) -> None:
    assert client_as("administrator").post(URL, table_form(2022)).status_code == 302
    assert EnteredRiksnorm.objects.filter(year=2022).exists()
    with pytest.raises(NormMissingError) as raised:
        application_norms().riksnorm(2099)
    shipped = ", ".join(map(str, default_norms().norm_years()))
    assert str(raised.value) == (
        f"no riksnorm for 2099 is shipped (norm years available: {shipped}, 2022)"
    )
    assert raised.value.field == "month"
