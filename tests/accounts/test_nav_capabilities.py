"""Links and buttons follow the capabilities of the views they lead to, for every role.

The views declare what they need with `@requires` (`view.required_capability`); the templates ask
`user|can:"…"`. These tests walk the pages with a nav or a toolbar as each role and hold the two
together: no link that answers 403, no form that posts to a view the role may not use, and no nav
entry missing for a role that may open its page. Plus the `can` filter itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

import bryggan
from bryggan.accounts.decorators import requires
from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import CAPABILITIES, Capability, Role, has_capability
from bryggan.accounts.services import user_create
from bryggan.decisions.models import Decision
from bryggan.people.models import Household
from tests.activities.factories import make_household, make_sanction
from tests.conftest import ROLES
from tests.planning.factories import make_followup, make_version
from tests.test_permissions import case_in_unit, current_year_norm, delegation, make_decision

pytestmark = pytest.mark.django_db
__all__ = ["case_in_unit", "current_year_norm", "delegation", "make_decision"]

SRC = Path(bryggan.__file__).parent
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Page:
    """What a page offers: links in the nav, in toolbars and elsewhere, and its forms."""

    nav: set[str] = field(default_factory=set)
    toolbar: set[str] = field(default_factory=set)
    other: set[str] = field(default_factory=set)
    get_forms: set[str] = field(default_factory=set)
    post_forms: set[str] = field(default_factory=set)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[tuple[str, bool]] = []  # (tag, opens a nav or toolbar region)

    def _inside(self, tag: str) -> bool:
        return any(t == tag for t, _ in self.stack)

    def _in_toolbar(self) -> bool:
        return any(region and t != "nav" for t, region in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        toolbar = "toolbar" in a.get("class", "").split()
        if tag == "a" and a.get("href"):
            href = a["href"]
            if self._inside("nav"):
                self.page.nav.add(href)
            elif self._in_toolbar() or toolbar:
                self.page.toolbar.add(href)
            else:
                self.page.other.add(href)
        if tag == "form":
            action = a.get("action", "")
            if a.get("method", "get").lower() == "post":
                self.page.post_forms.add(action)
            elif self._in_toolbar() or toolbar:
                self.page.get_forms.add(action)
        if tag not in VOID:
            self.stack.append((tag, tag == "nav" or toolbar))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return


def collect(html: str) -> Page:
    parser = _Collector()
    parser.feed(html)
    return parser.page


def bryggan_path(href: str) -> str | None:
    """The path of a link into Bryggan itself (not an anchor, another site or a mailto)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    return parts.path


def required_capability(path: str) -> Capability | None:
    """The capability the view at `path` declares; None for a public or self-guarded view."""
    try:
        view = resolve(path).func
    except Resolver404:
        pytest.fail(f"a link to {path} that is no Bryggan URL")
    return getattr(view, "required_capability", None)


@pytest.fixture
def pages(
    case_in_unit: dict[str, int],
    persona: Callable[..., User],
    make_decision: Callable[..., Decision],
) -> list[str]:
    """The pages with a nav or toolbar, a sanction in each of its three states among them.

    The assessed one was assessed by a second caseworker, so the caseworker persona meets the
    approval form if a template wrongly offers it (to its own assessor it shows a notice).
    """
    household = Household.objects.get(pk=case_in_unit["household_id"])
    coach = persona("work_coach")
    caseworker = user_create(username="second-caseworker", role=Role.CASEWORKER, unit=coach.unit)
    today = timezone.localdate()
    proposed = make_sanction(
        household.unit, make_household(household.unit, coach, serial=901), coach=coach, today=today
    )
    assessed = make_sanction(
        household.unit,
        make_household(household.unit, coach, serial=902),
        coach=coach,
        caseworker=caseworker,
        today=today,
    )
    unsigned = make_decision(78, sign=False)
    ids = case_in_unit
    return [
        reverse("home"),
        reverse("people:caseload"),
        reverse("people:household_detail", args=[ids["household_id"]]),
        reverse("decisions:decision_detail", args=[ids["household_id"], ids["decision_id"]]),
        reverse("decisions:decision_detail", args=[unsigned.household_id, unsigned.pk]),
        reverse("activities:case_activities", args=[ids["household_id"]]),
        reverse("activities:activity_list"),
        reverse("activities:activity_detail", args=[ids["activity_id"]]),
        reverse("activities:referral_detail", args=[ids["referral_id"]]),
        reverse("activities:sanction_detail", args=[ids["proposal_id"]]),  # decided
        reverse("activities:sanction_detail", args=[proposed.pk]),
        reverse("activities:sanction_detail", args=[assessed.pk]),
        reverse("projects:project_list"),
        reverse("projects:project_detail", args=[ids["project_id"]]),
        reverse("planning:missed"),
        reverse("followup:unit"),
    ]


def _open(client: Client, path: str) -> tuple[int, str]:
    response = client.get(path, follow=True)
    return response.status_code, response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_every_link_and_form_on_the_pages_is_open_to_the_role(
    role: str, pages: list[str], client_as: Callable[..., Client]
) -> None:
    client = client_as(role)
    fetched: dict[str, int] = {}
    problems: list[str] = []
    opened = 0
    for page_path in pages:
        status, html = _open(client, page_path)
        if status != 200:  # a page the role may not open has no links to check
            assert status in (403, 404), (page_path, status)
            continue
        opened += 1
        page = collect(html)
        assert page.nav, f"{page_path} has no nav for {role}"
        # Nav, toolbar links and toolbar GET forms: GET them and never meet a 403.
        for href in page.nav | page.toolbar | page.get_forms:
            path = bryggan_path(href) if href else page_path
            if path is None or path.startswith("/admin/"):
                continue
            if path not in fetched:
                fetched[path] = client.get(path).status_code
            if fetched[path] == 403:
                problems.append(f"{page_path}: {href} answers 403")
        # Every other link and every POST form: the role has the capability its view requires.
        for href in page.other | page.post_forms:
            path = bryggan_path(href) if href else page_path
            if path is None or path.startswith("/admin/"):
                continue
            needed = required_capability(path)
            if needed is not None and not has_capability(role, needed):
                problems.append(f"{page_path}: {href} needs {needed}, which {role} lacks")
    assert opened, f"{role} opened none of the pages"
    assert not problems, "\n".join(problems)


def _nav_url_names() -> list[str]:
    base = (SRC / "templates" / "base.html").read_text(encoding="utf-8")
    nav = re.search(r"<nav.*?</nav>", base, re.DOTALL)
    assert nav is not None
    return re.findall(r"\{% url '([\w:]+)' %\}", nav.group(0))


def test_the_nav_entries_are_found_in_base_html() -> None:
    names = _nav_url_names()
    assert {"people:caseload", "statistics:table", "admin:index"} <= set(names)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_that_may_open_a_nav_page_sees_its_entry(
    role: str, client_as: Callable[..., Client]
) -> None:
    status, html = _open(client_as(role), reverse("home"))
    assert status == 200
    nav = collect(html).nav
    for name in _nav_url_names():
        if name == "admin:index":  # shown by is_staff, the admin site's own rule
            continue
        path = reverse(name)
        needed = required_capability(path)
        assert needed is not None, f"the nav entry {name} leads to a view without @requires"
        shown = path in nav
        assert shown == has_capability(role, needed), (
            f"{role} {'sees' if shown else 'misses'} the nav entry {name} (needs {needed})"
        )


def test_a_caseworker_and_a_work_coach_find_the_maltavla_in_the_nav(
    client_as: Callable[..., Client],
) -> None:
    """Drift fixed: the board is open to the unit's staff but was linked only from the
    manager's follow-up page."""
    for role in ("caseworker", "work_coach"):
        _, html = _open(client_as(role), reverse("home"))
        assert reverse("followup:board") in collect(html).nav


def test_requires_leaves_its_capability_on_the_view_for_readers_like_these_tests() -> None:
    @requires(Capability.APPROVE_SANCTION)
    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse()

    assert view.required_capability is Capability.APPROVE_SANCTION  # type: ignore[attr-defined]
    path = reverse("activities:sanction_decide", args=[1])
    assert required_capability(path) is Capability.APPROVE_SANCTION


# The filter itself ----------------------------------------------------------------------------


def _render(source: str, user: object) -> str:
    return Template("{% load accounts_tags %}" + source).render(Context({"user": user}))


@pytest.mark.parametrize("role", ROLES)
def test_can_answers_as_the_roles_table(role: str, persona: Callable[..., User]) -> None:
    user = persona(role)
    shown = {
        capability
        for capability in Capability
        if _render(f'{{% if user|can:"{capability.value}" %}}yes{{% endif %}}', user) == "yes"
    }
    assert shown == CAPABILITIES[Role(role)]


def test_can_is_false_for_an_anonymous_visitor_and_an_inactive_user(
    persona: Callable[..., User],
) -> None:
    assert _render('{% if user|can:"signed_in" %}yes{% endif %}', AnonymousUser()) == ""
    assert _render('{% if user|can:"signed_in" %}yes{% endif %}', None) == ""
    manager = persona("unit_manager")
    manager.is_active = False
    assert _render('{% if user|can:"manage_projects" %}yes{% endif %}', manager) == ""


def test_can_accepts_a_capability_from_the_context(persona: Callable[..., User]) -> None:
    template = Template("{% load accounts_tags %}{% if user|can:needed %}yes{% endif %}")
    context = {"user": persona("work_coach"), "needed": Capability.MANAGE_ACTIVITIES}
    assert template.render(Context(context)) == "yes"


@pytest.mark.parametrize("user", [None, "manager"])
def test_an_unknown_capability_is_an_error_not_a_hidden_button(
    user: str | None, persona: Callable[..., User]
) -> None:
    viewer = persona("unit_manager") if user else AnonymousUser()
    with pytest.raises(TemplateSyntaxError, match="unknown capability 'manage_project'"):
        _render('{% if user|can:"manage_project" %}yes{% endif %}', viewer)


def test_every_capability_named_in_a_template_exists() -> None:
    """`{% if a and user|can:"x" %}` swallows the error (Django's smart-if): check statically."""
    used: dict[str, set[str]] = {}
    dirs = [SRC, *(Path(d) for d in settings.TEMPLATES[0]["DIRS"])]
    for directory in dirs:
        for template in directory.rglob("*.html"):
            for name in re.findall(r"\|\s*can\s*:\s*[\"']([^\"']*)[\"']", template.read_text()):
                used.setdefault(name, set()).add(str(template.relative_to(directory)))
    assert "manage_projects" in used  # the scan finds the templates
    unknown = {name: where for name, where in used.items() if name not in set(Capability)}
    assert not unknown, f"unknown capabilities in templates: {unknown}"


def test_no_template_decides_by_a_role_name() -> None:
    offenders = [
        str(template.relative_to(SRC))
        for template in SRC.rglob("*.html")
        if re.search(r"\buser\.role\b|\brole\s*==", template.read_text())
    ]
    assert not offenders, f'use user|can:"…" instead of a role name in {offenders}'


# The page whose wording depends on the scope --------------------------------------------------


@pytest.mark.parametrize("role", ["caseworker", "work_coach", "unit_manager"])
def test_the_missed_follow_ups_page_says_the_scope_it_shows(
    role: str,
    unit: Unit,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    english: None,
) -> None:
    """The wording asks for VIEW_UNIT; the list shows the whole unit to exactly those roles."""
    manager, today = persona("unit_manager"), timezone.localdate()
    nobodys = make_household(unit, manager, serial=903, first="Olle")  # no caseworker
    past = today - timedelta(days=10)
    make_followup(make_version(nobodys, manager, today=today), manager, due_on=past, booked=past)
    html = client_as(role).get(reverse("planning:missed")).content.decode()
    says_whole_unit = "Follow-ups of the unit's action plans" in html
    assert says_whole_unit == has_capability(role, Capability.VIEW_UNIT)
    assert says_whole_unit == ("Olle Lind" in html)
