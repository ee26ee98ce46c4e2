"""Locust scenario: caseworkers at work in Bryggan, each signed in as one of the demo's caseworkers.

Run by `benchmarks/load/run.py` (full load on PostgreSQL) and by `tests/test_load.py` (a few
seconds against the test server); by hand:

    LOAD_USERS=handlaggare LOAD_PASSWORD=bryggan-demo .venv/bin/locust \
        -f benchmarks/load/locustfile.py --headless -u 5 -r 5 -t 20s --host http://127.0.0.1:8000

Environment: LOAD_USERS (comma-separated user names; simulated user n signs in as the n-th, round
robin), LOAD_PASSWORD, LOAD_THINK_SECONDS (least and most seconds between clicks, "1,4").
Every simulated user signs in once (no second factor: the server runs with
BRYGGAN_REQUIRE_OTP=0), reads its caseload and then, with a few seconds' thought between clicks:
the caseload and the unit's caseload (the caseload's filter; Bryggan has no search page; a user
with no cases of their own works on the unit's), a case page, its timeline, the calculation page,
the calculation updating as they type (three htmx previews as the housing cost is typed digit by
digit), saving a calculation (one typing in four; told of a conflict when another simulated
user saved the same month meanwhile, which counts as answered), the plan, and the health
endpoint as a baseline under the same load. Only the loopback is accepted as the host.

The users are Locust's `FastHttpUser` (geventhttpclient), not `HttpUser` (requests): Locust runs
on the same CPUs as the server, and the lighter client leaves more of them to the server. Its
response's `url` is the last request's after redirects, as the checks below need.
"""

from __future__ import annotations

import itertools
import os
import random
import re
from typing import Any
from urllib.parse import urlsplit

from browser_form import form_fields  # this folder: Locust puts it on the path
from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

PASSWORD = os.environ.get("LOAD_PASSWORD", "bryggan-demo")
USERS = [u for u in os.environ.get("LOAD_USERS", "handlaggare").split(",") if u]
_next_user = itertools.count()
CASE_LINK = re.compile(r'href="/arenden/(\d+)/"')
PLAN_LINK = re.compile(r'href="(/arenden/\d+/plan/\d+/)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ERROR = re.compile(r'class="(?:error|notice)[^"]*"[^>]*>\s*(?:<p>)?([^<]{1,120})')
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# Seconds of thought between clicks, least and most; the short test in `make test` thinks less.
THINK_SECONDS = tuple(float(s) for s in os.environ.get("LOAD_THINK_SECONDS", "1,4").split(","))


class Caseworker(FastHttpUser):
    wait_time = between(*THINK_SECONDS)

    def on_start(self) -> None:
        if urlsplit(self.host or "").hostname not in LOOPBACK:
            raise RuntimeError("the load scenario runs against the loopback only")
        self.username = USERS[next(_next_user) % len(USERS)]
        self.cases: list[str] = []
        self.plans: dict[str, str] = {}
        login = self.client.get("/logga-in/", name="sign-in")
        token = CSRF.search(login.text)
        with self.client.post(
            "/logga-in/",
            data={
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="sign-in",
            catch_response=True,
        ) as response:
            if "logga-in" in urlsplit(response.url or "").path:
                response.failure(f"{self.username} could not sign in")
                return
        self.caseload()
        if not self.cases:
            self.caseload_of_the_unit()

    def _get(self, url: str, name: str) -> Any:
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.ok and "logga-in" in urlsplit(response.url or "").path:
                response.failure("signed out")
            return response

    def _case(self) -> str | None:
        return random.choice(self.cases) if self.cases else None

    @task(3)
    def caseload(self) -> None:
        response = self._get("/arenden/", "caseload")
        found = sorted(set(CASE_LINK.findall(response.text or "")))
        if found:
            self.cases = found[:20]

    @task(1)
    def caseload_of_the_unit(self) -> None:
        response = self._get("/arenden/?visa=enheten", "caseload, filtered to the unit")
        if not self.cases:  # covering for a colleague: the unit's cases
            self.cases = sorted(set(CASE_LINK.findall(response.text or "")))[:20]

    @task(3)
    def case(self) -> None:
        case = self._case()
        if case:
            response = self._get(f"/arenden/{case}/", "case")
            plan = PLAN_LINK.search(response.text or "")
            if plan:
                self.plans[case] = plan.group(1)

    @task(2)
    def timeline(self) -> None:
        case = self._case()
        if case:
            self._get(f"/arenden/{case}/tidslinje/", "timeline")

    @task(4)
    def calculation_as_they_type(self) -> None:
        case = self._case()
        if not case:
            return
        page = self._get(f"/arenden/{case}/berakning/", "calculation")
        fields = form_fields(page.text or "")
        if not fields:
            return
        fields["consecutive_months_on_assistance"] = fields.get(
            "consecutive_months_on_assistance"
        ) or str(random.randint(0, 12))
        fields["jobbstimulans_months_used"] = fields.get("jobbstimulans_months_used") or "0"
        rent = str(random.randint(4000, 9999))
        for typed in (rent[:2], rent[:3], rent):  # the pauses htmx's 400 ms delay waits for
            fields["cost_housing"] = typed
            self.client.post(
                f"/arenden/{case}/berakning/forhandsvisning/",
                data=fields,
                headers={"HX-Request": "true"},
                name="calculation preview (htmx, as they type)",
            )
        if random.random() < 0.25:  # one in four typings ends in a save
            with self.client.post(
                f"/arenden/{case}/berakning/",
                data=fields,
                name="calculation save",
                catch_response=True,
                allow_redirects=False,
            ) as response:
                if response.status_code == 409 and 'id="edit-conflict"' in (response.text or ""):
                    # Another simulated user (the same caseworker's cases) saved this month's
                    # calculation after this one opened the page: being told so is the right answer.
                    response.success()
                elif response.status_code != 302:
                    said = ERROR.findall(response.text or "")
                    response.failure(f"not saved: {response.status_code} {said[:2]}")

    @task(2)
    def plan(self) -> None:
        case = self._case()
        if case and case in self.plans:
            self._get(self.plans[case], "plan")

    @task(1)
    def health(self) -> None:
        self._get("/halsa/", "health /halsa/ (baseline)")
