"""The health endpoint for the load balancer: is the database reachable and are the migrations
applied? Open without sign-in, so it shows no data: only which check failed."""

from __future__ import annotations

import functools

from django.db import DatabaseError, connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.views.decorators.cache import never_cache

from bryggan.accounts.decorators import public

UNAVAILABLE = 503


@functools.cache
def migrations_in_code() -> frozenset[tuple[str, str]]:
    """Every migration this code has, as (app, name): read from disk once per process, as they
    change only with the code (a new release is a restart). Reading them on every call was most
    of the endpoint's work (about 9 ms of CPU, the migration graph built again)."""
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)


def health_checks() -> dict[str, str]:
    """Each check's state: "ok", or a short reason without data."""
    try:
        applied = MigrationRecorder(connection).applied_migrations()
    except DatabaseError:
        return {"database": "unreachable", "migrations": "unknown"}
    pending = migrations_in_code() - set(applied)
    return {"database": "ok", "migrations": "ok" if not pending else "pending"}


@public
@never_cache
def health(request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):  # it reads only; no action to permit
        return HttpResponseNotAllowed(["GET", "HEAD"])
    checks = health_checks()
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks},
        status=200 if healthy else UNAVAILABLE,
    )
