"""A read whose SQL is built once gives the rows its queryset gives, converted alike; a read
whose ids shape its SQL is run through the ORM each time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import QuerySet
from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.audit.models import ChangeRecord
from bryggan.core import reused_sql as module
from bryggan.core.reused_sql import reused_sql
from bryggan.decisions.models import Decision
from bryggan.decisions.selectors import decision_timeline_rows
from bryggan.intake.selectors import application_timeline_rows
from bryggan.planning.selectors import plan_version_timeline_rows
from tests.payments.conftest import current_year_norm, delegation, make_decision
from tests.planning.factories import make_version

pytestmark = pytest.mark.django_db
__all__ = ["current_year_norm", "delegation", "make_decision"]


def _history(case_id: int, user_id: int) -> QuerySet[ChangeRecord, dict[str, Any]]:
    """Datetimes, a JSON payload, a nullable key and two ids in parameters."""
    return (
        ChangeRecord.objects.filter(case_id=case_id)
        .exclude(user_id=user_id)
        .order_by("-at", "-id")
        .values("id", "at", "changes", "user_id", "user__first_name", "object_type")
    )


@pytest.mark.parametrize(
    "selector",
    [decision_timeline_rows, application_timeline_rows, plan_version_timeline_rows],
    ids=["dates and datetimes", "joined columns", "booleans"],
)
def test_the_rows_are_the_querysets_rows(
    selector: Callable[[int], QuerySet[Any, dict[str, Any]]],
    make_decision: Callable[..., Decision],
    persona: Callable[..., User],
    django_assert_num_queries: Callable[..., Any],
) -> None:
    households = [make_decision(n).household for n in (1, 2)]
    make_version(households[0], persona("work_coach"), today=timezone.localdate())
    rows = reused_sql(selector)
    for household in households:
        expected = list(selector(household.pk))
        with django_assert_num_queries(1):
            assert rows(household.pk) == expected
    assert rows(households[0].pk)


def test_two_ids_each_go_where_they_belong(
    make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    household = make_decision(1).household
    rows = reused_sql(_history)
    for user in (persona("caseworker"), persona("unit_manager")):
        assert rows(household.pk, user.pk) == list(_history(household.pk, user.pk))
    assert rows(household.pk, persona("unit_manager").pk)  # the caseworker's changes


def test_the_sql_is_built_once_per_connection(
    make_decision: Callable[..., Decision], monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[object] = []
    build = module._build
    monkeypatch.setattr(module, "_build", lambda *args: built.append(args) or build(*args))

    def decisions(household_id: int) -> QuerySet[Decision, dict[str, Any]]:
        # A selector of its own: the reads other tests built on this connection are kept.
        return decision_timeline_rows(household_id)

    rows = reused_sql(decisions)
    for n in (1, 2, 3):
        rows(make_decision(n).household.pk)
    assert len(built) == 1


def test_a_read_whose_id_shapes_its_sql_is_run_through_the_orm_each_time(
    make_decision: Callable[..., Decision],
) -> None:
    for n in (1, 2, 3):
        make_decision(n)

    def first(count: int) -> QuerySet[Decision, dict[str, Any]]:
        return Decision.objects.order_by("id").values("id")[:count]  # LIMIT is written in

    rows = reused_sql(first)
    assert [len(rows(count)) for count in (1, 2, 3)] == [1, 2, 3]
    assert rows(2) == list(first(2))
