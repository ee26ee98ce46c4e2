"""The health endpoint for the load balancer: is the database reachable and are the migrations
applied? Open without sign-in, so it shows no data: only which check failed."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.views.decorators.cache import never_cache

from bryggan.accounts.decorators import public

UNAVAILABLE = 503


def health_checks() -> dict[str, str]:
    """Each check's state: "ok", or a short reason without data."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return {"database": "unreachable", "migrations": "unknown"}
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
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
