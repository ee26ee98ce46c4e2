"""The health endpoint: open without sign-in, no data, 503 naming the check that failed."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.urls import reverse

from bryggan.core import health as health_module

pytestmark = pytest.mark.django_db


def test_health_answers_ok_without_sign_in_and_shows_no_data() -> None:
    response = Client().get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_an_unapplied_migration_makes_the_server_unavailable() -> None:
    # Forget the latest applied migration, as a database one release behind would be.
    MigrationRecorder.Migration.objects.order_by("-id").first().delete()  # type: ignore[union-attr]
    response = Client().get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["migrations"] == "pending"


def test_an_unreachable_database_makes_the_server_unavailable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Broken:
        def cursor(self) -> None:
            raise DatabaseError("connection refused")

    monkeypatch.setattr(health_module, "connection", Broken())
    response = Client().get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "unreachable",
        "migrations": "unknown",
    }


def test_health_takes_only_get() -> None:
    assert Client().post(reverse("health")).status_code == 405


def test_the_check_reads_the_applied_migrations_and_the_code_s_only_once(
    django_assert_max_num_queries: Any,
) -> None:
    """The code's migrations are read once per process; each call reads what is applied (the
    migrations' table, after looking that it exists): no more than two statements."""
    health_module.migrations_in_code.cache_clear()
    assert health_module.health_checks()["migrations"] == "ok"
    with django_assert_max_num_queries(2):
        assert health_module.health_checks() == {"database": "ok", "migrations": "ok"}
    assert health_module.migrations_in_code.cache_info().hits >= 1
    executor = MigrationExecutor(connection)
    assert not executor.migration_plan(executor.loader.graph.leaf_nodes())  # as Django sees it
