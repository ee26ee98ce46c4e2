"""The måltavla pages: who sees them, their numbers, the downloads and the query count."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bryggan.accounts.models import Unit, User
from bryggan.core.month import Month
from bryggan.desk.registry import desk_counts
from bryggan.followup.board_views import board_tables
from bryggan.intake.models import FirstMeeting
from bryggan.planning.models import SignedHow
from bryggan.planning.services import plan_version_sign
from tests.activities.factories import make_activity, make_participant
from tests.followup.factories import STOCKHOLM, apply, household, pay
from tests.planning.factories import make_version

pytestmark = pytest.mark.django_db


def last_months(n: int) -> list[str]:
    now = Month.of(timezone.localdate())
    return [str(now.plus(-i)) for i in range(n)]


@pytest.fixture
def cases(unit: Unit, persona: Callable[..., User]) -> None:
    """Two households paid this month: one for the last ten months (long-term), one with a
    started activity and a first meeting booked on its deadline day."""
    by = persona("caseworker")
    today = timezone.localdate()
    long_term = household(unit, by=by)
    pay(long_term, last_months(10), by=by)
    newcomer = household(unit, by=by)
    pay(newcomer, last_months(1), by=by)
    application = apply(newcomer, today.replace(day=1), by=by)
    FirstMeeting.objects.create(
        application=application,
        starts_at=datetime.combine(today.replace(day=1), time(9), tzinfo=STOCKHOLM),
        deadline=today.replace(day=1),
        caseworker=by,
    )
    activity = make_activity(unit, persona("work_coach"), today=today)
    make_participant(activity, newcomer, persona("work_coach"), started_on=today.replace(day=1))
    version = make_version(long_term, by, today=today)
    plan_version_sign(version=version, how=SignedHow.IN_MEETING, at=timezone.now(), recorded_by=by)


def latest(content: str, key: str) -> list[str]:
    """The last row (this month) of one table in the page."""
    table = content.split(f'id="table-{key}"')[1].split("</table>", maxsplit=1)[0]
    row = table.split("<tr>")[-1]
    return [cell.split(">")[1].split("<")[0] for cell in row.split("<td")[1:]]


@pytest.mark.usefixtures("cases")
def test_the_manager_sees_the_board_with_this_months_numbers(
    client_as: Callable[..., Client],
) -> None:
    client = client_as("unit_manager")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("followup:board"))
    assert page.status_code == 200
    content = page.content.decode()
    assert content.count("<svg") == 9
    assert content.count('class="board-table"') == 9
    assert latest(content, "households") == ["2"]
    assert latest(content, "long_term") == ["1"]
    assert latest(content, "first_meetings") == ["100.0", "1", "1"]
    assert latest(content, "activity") == ["50.0"]
    assert latest(content, "signed_plan") == ["50.0"]


@pytest.mark.usefixtures("cases")
def test_a_caseworker_reads_the_board_and_the_wall_refreshes_every_five_minutes(
    client_as: Callable[..., Client],
) -> None:
    wall = client_as("caseworker").get(reverse("followup:board_wall"))
    assert wall.status_code == 200
    content = wall.content.decode()
    assert 'wall-refresh.js" data-seconds="300"' in content
    assert 'class="site-header"' not in content
    assert content.count("<svg") == 9
    still = client_as("caseworker").get(reverse("followup:board_wall"), {"stilla": "1"})
    assert "wall-refresh.js" not in still.content.decode()


def test_the_follow_up_page_links_to_the_board(client_as: Callable[..., Client]) -> None:
    page = client_as("unit_manager").get(reverse("followup:unit"))
    assert reverse("followup:board").encode() in page.content


@pytest.mark.usefixtures("cases")
@pytest.mark.parametrize(
    "key", ["households", "long_term", "activity", "first_meetings", "signed_plan"]
)
def test_the_csv_and_excel_downloads_hold_the_pages_numbers(
    unit: Unit, client_as: Callable[..., Client], key: str
) -> None:
    _, tables = board_tables(unit, today=timezone.localdate())
    table = next(t for t in tables if t.key == key)
    expected = [[m, *("" if v is None else str(v) for v in values)] for m, values in table.rows]
    client = client_as("unit_manager")
    url = reverse("followup:board")

    answer = client.get(url, {"format": "csv", "table": key})
    assert answer["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert rows[1:] == expected
    assert len(rows) == 25

    answer = client.get(url, {"format": "xlsx", "table": key})
    sheet = load_workbook(io.BytesIO(answer.content)).active
    cells = list(sheet.iter_rows(values_only=True))
    assert [
        [month, *(None if v is None else Decimal(str(v)) for v in values)]
        for month, *values in cells[1:]
    ] == [[m, *values] for m, values in table.rows]


@pytest.mark.usefixtures("cases")
def test_an_unknown_table_or_format_is_not_found(client_as: Callable[..., Client]) -> None:
    client = client_as("unit_manager")
    url = reverse("followup:board")
    assert client.get(url, {"format": "pdf", "table": "households"}).status_code == 404
    assert client.get(url, {"format": "csv", "table": "nothing"}).status_code == 404


def test_the_board_reads_a_fixed_number_of_queries(
    unit: Unit,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    by = persona("caseworker")
    today = timezone.localdate()
    for n in range(6):
        case = household(unit, by=by)
        pay(case, last_months(n + 1), by=by)
        apply(case, today - timedelta(days=n), by=by)
    client = client_as("unit_manager")
    # The menu's counts of waiting items (one COUNT per desk kind, cached 30 s) are measured in
    # tests/desk; made here first so that this counts the board's own statements.
    desk_counts(persona("unit_manager"), today=today)
    # The first read after payments also writes their months with assistance (six statements);
    # the counts are read in one transaction, so that they all see the same data (on PostgreSQL
    # with JIT compilation off: one more statement), and stored (eight statements).
    with django_assert_max_num_queries(30):  # type: ignore[operator]
        assert client.get(reverse("followup:board")).status_code == 200
    # The next read finds every month stored and current: nothing is counted again.
    with CaptureQueriesContext(connection) as second:
        assert client.get(reverse("followup:board")).status_code == 200
    statements = [q["sql"] for q in second.captured_queries]
    assert len(statements) <= 10, statements
    assert not [s for s in statements if "FROM followup_assistancemonth a" in s], statements
