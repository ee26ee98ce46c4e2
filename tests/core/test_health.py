"""The health endpoint: open without sign-in, no data, 503 naming the check that failed."""

from __future__ import annotations

import pytest
from django.db import DatabaseError
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
