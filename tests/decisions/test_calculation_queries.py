"""What the calculation page, its preview and its save read: each keystroke's preview reads the
household's members, the month's decided reductions, its norm and its documents, nothing else."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bryggan.decisions.models import SavedCalculation
from bryggan.intake.models import Application
from tests.decisions.test_views import application, form  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def tables_read(queries: CaptureQueriesContext) -> set[str]:
    """The tables the queries read from."""
    return {
        table
        for query in queries.captured_queries
        for table in re.findall(r'FROM "(\w+)"', query["sql"])
    }


@pytest.fixture
def client(client_as: Callable[..., Client], application: Application) -> Client:  # noqa: F811
    client = client_as("caseworker")
    client.get(reverse("decisions:calculation", args=[application.household_id]))
    return client  # signed in, the menu's counts cached: as on any page after the first


def test_the_preview_reads_neither_the_applications_nor_the_saved_calculations(
    application: Application,  # noqa: F811
    client: Client,
) -> None:
    """The form is bound: its initial values (months on assistance from the applications, the
    version from the saved calculations) are neither shown nor checked, so not read."""
    url = reverse("decisions:calculation_preview", args=[application.household_id])
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, form())
    assert response.status_code == 200
    read = tables_read(queries)
    assert "intake_application" not in read
    assert "decisions_savedcalculation" not in read
    assert "norm_entry_enteredriksnorm" not in read  # 2021: a shipped year


def test_the_calculation_page_preview_and_save_read_a_fixed_number_of_times(
    application: Application,  # noqa: F811
    client: Client,
    django_assert_max_num_queries: Callable[..., Any],
) -> None:
    """A regression guard (counted in a test's transaction, so without BEGIN and COMMIT): the
    session, the user, the case and its access-log row; then the members, and for the page the
    applications, the version and the saved list; for the preview the month's decided
    reductions and documents (2021 is a shipped norm year); for the save the reductions, the
    case's and the month's latest numbers (one query), the row and its change record."""
    household = application.household_id
    with django_assert_max_num_queries(12):
        assert client.get(reverse("decisions:calculation", args=[household])).status_code == 200
    with django_assert_max_num_queries(10):
        preview = reverse("decisions:calculation_preview", args=[household])
        assert client.post(preview, form()).status_code == 200
    with django_assert_max_num_queries(19):
        save = reverse("decisions:calculation", args=[household])
        assert client.post(save, form()).status_code == 302


def test_a_save_with_nothing_newer_reads_the_latest_numbers_not_the_calculation(
    application: Application,  # noqa: F811
    client: Client,
) -> None:
    """The month's latest calculation (its input and result) is read only when it is newer than
    the form, to say where it differs (tests/decisions/test_locking_calculation.py)."""
    url = reverse("decisions:calculation", args=[application.household_id])
    assert client.post(url, form()).status_code == 302
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, form(cost_housing="6100", version="1"))
    assert response.status_code == 302
    assert not any(
        '"decisions_savedcalculation"."input"' in query["sql"] for query in queries.captured_queries
    )
    assert list(SavedCalculation.objects.values_list("version", flat=True).order_by("version")) == [
        1,
        2,
    ]
