"""Each page of the load scenario alone: time inside Django and queries, one request at a time.

Run against a database that `benchmarks/load/run.py` filled (or any demo database):

    BRYGGAN_DATABASE_URL=postgres://… .venv/bin/python benchmarks/load/pages.py --repeat 200

Where the full load test (`run.py`) shows the queue for a free worker on two saturated CPUs,
this shows what each page costs: the same pages as `locustfile.py` (caseload, the unit's
caseload, a case, its timeline, the calculation page, a preview, the plan, `/halsa/` as the
baseline), requested in turn through Django's test client in this process (no HTTP, no gunicorn),
signed in as one demo caseworker with active cases, each request on the next of their cases.
Prints per page the median and p95 in milliseconds and the queries of one request (counted in a
separate pass, as counting costs time). Debug off, no second factor, as `run.py` serves.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bryggan.settings")
os.environ.setdefault("BRYGGAN_DEBUG", "0")
os.environ.setdefault("BRYGGAN_SECRET_KEY", "benchmark-only-" + "x" * 40)
os.environ.setdefault("BRYGGAN_SECURE_COOKIES", "0")
os.environ.setdefault("BRYGGAN_REQUIRE_OTP", "0")
os.environ.setdefault("BRYGGAN_LOG_LEVEL", "WARNING")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="requests per page")
    parser.add_argument("--user", help="caseworker's user name (else the first with most cases)")
    parser.add_argument("--pages", help="comma-separated page names (else all)")
    args = parser.parse_args(argv)

    import django  # noqa: PLC0415

    django.setup()
    from django.db import close_old_connections, connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from bryggan.accounts.models import User  # noqa: PLC0415
    from bryggan.people.models import Household  # noqa: PLC0415
    from bryggan.planning.models import ActionPlan  # noqa: PLC0415

    user = (
        User.objects.get(username=args.user)
        if args.user
        else User.objects.filter(role="caseworker", cases__status="active")
        .annotate(n=django.db.models.Count("cases"))
        .order_by("-n", "pk")
        .first()
    )
    assert user is not None, "no caseworker with active cases"
    cases = list(
        Household.objects.filter(caseworker=user, status="active")
        .order_by("pk")
        .values_list("pk", flat=True)[:20]
    )
    plans = dict(
        ActionPlan.objects.filter(household_id__in=cases).values_list("household_id", "person_id")
    )
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(user)
    preview_form = _preview_form(client, cases[0])

    def case_url(path: str) -> Callable[[int], tuple[str, str, dict[str, str] | None]]:
        return lambda i: ("get", path.format(cases[i % len(cases)]), None)

    def preview(i: int) -> tuple[str, str, dict[str, str] | None]:
        form = dict(preview_form, cost_housing=str(4000 + i % 5000))
        return "post", f"/arenden/{cases[i % len(cases)]}/berakning/forhandsvisning/", form

    planned = [c for c in cases if c in plans] or cases
    pages: dict[str, Callable[[int], tuple[str, str, dict[str, str] | None]]] = {
        "health /halsa/ (baseline)": lambda i: ("get", "/halsa/", None),
        "caseload": lambda i: ("get", "/arenden/", None),
        "caseload, the unit": lambda i: ("get", "/arenden/?visa=enheten", None),
        "case": case_url("/arenden/{}/"),
        "timeline": case_url("/arenden/{}/tidslinje/"),
        "calculation": case_url("/arenden/{}/berakning/"),
        "calculation preview": preview,
        "plan": lambda i: (
            "get",
            f"/arenden/{planned[i % len(planned)]}/plan/{plans.get(planned[i % len(planned)])}/",
            None,
        ),
    }
    if args.pages:
        wanted = args.pages.split(",")
        pages = {name: page for name, page in pages.items() if any(w in name for w in wanted)}
    headers = {"calculation preview": {"HTTP_HX_REQUEST": "true"}}
    print(f"{user.username}, {len(cases)} cases; {args.repeat} requests a page")
    print("| page | median | p95 | queries |")
    print("|---|---|---|---|")
    for name, page in pages.items():
        extra = headers.get(name, {})

        def request(i: int, page: Callable = page, extra: dict = extra) -> int:
            method, url, data = page(i)
            response = getattr(client, method)(url, data, **extra)
            close_old_connections()  # as at the end of a request in the server (the test client
            # leaves this out): closes the connection unless it is kept (CONN_MAX_AGE)
            assert response.status_code == 200, (url, response.status_code)
            return response.status_code

        for i in range(5):  # warm: templates, caches
            request(i)
        with CaptureQueriesContext(connection) as queries:
            request(0)
        count = len(queries)  # read now: the next request clears the connection's log
        times = []
        for i in range(args.repeat):
            started = time.perf_counter()
            request(i)
            times.append((time.perf_counter() - started) * 1000)
        p95 = statistics.quantiles(times, n=20)[-1]
        print(f"| {name} | {statistics.median(times):.1f} ms | {p95:.1f} ms | {count} |")
    return 0


def _preview_form(client: object, case: int) -> dict[str, str]:
    sys.path.insert(0, os.path.dirname(__file__))
    from browser_form import form_fields  # noqa: PLC0415

    page = client.get(f"/arenden/{case}/berakning/")  # type: ignore[attr-defined]
    fields = form_fields(page.content.decode())
    fields["consecutive_months_on_assistance"] = (
        fields.get("consecutive_months_on_assistance") or "3"
    )
    fields["jobbstimulans_months_used"] = fields.get("jobbstimulans_months_used") or "0"
    return fields


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
