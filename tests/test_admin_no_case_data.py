"""The administrator runs the system, not the cases (issue 14): the administrator role cannot read a
case, and the Django admin (which logs no read in the access log) shows no case data."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.test import Client
from django.urls import reverse

from bryggan.accounts.models import User
from bryggan.audit.models import AccessLogEntry
from bryggan.decisions.models import Decision
from bryggan.people.models import Household, Person
from bryggan.reporting.models import ReportSubmission
from tests.payments.conftest import current_year_norm, delegation, make_decision

__all__ = ["current_year_norm", "delegation", "make_decision"]

# What the admin may show: accounts, units and the unit's rules and settings, the sign-in's own
# records (failed sign-ins, authenticators without their keys), and the list of files sent to
# Socialstyrelsen without their content. A new registration must be added here, deliberately.
ALLOWED = {
    "auth.group",
    "accounts.user",
    "accounts.unit",
    "accounts.claimmapping",  # sign-in groups → role and unit (OpenID Connect)
    "activities.sanctionrule",
    "decisions.delegationrule",
    "decisions.paymentconditions",
    "projects.project",
    "reporting.reportingsettings",
    "reporting.reportsubmission",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "otp_totp.totpdevice",
    "casefile.casefilesettings",
    "retention.researchbirthday",
    "retention.researchsamplearea",
    "retention.retentionprotocol",
    "decisions.appealsettings",  # a unit's forwarding target and court, no case data
}
# The apps whose every model is case data or a log of it, but for a unit's settings kept there.
CASE_APPS = {"people", "intake", "audit", "casefile"}
UNIT_SETTINGS_IN_CASE_APPS = {"casefile.casefilesettings"}  # one flag per unit, no case data


def _refers_to_a_case(model: type[models.Model]) -> bool:
    """Has the model a field of its own pointing at a household or a person?"""
    return any(
        field.concrete and field.is_relation and field.related_model in (Household, Person)
        for field in model._meta.get_fields()
    )


def case_models() -> set[str]:
    """Every model holding case data: the case apps' and any that points at a household or
    person."""
    return {
        model._meta.label_lower
        for model in apps.get_models()
        if (model._meta.app_label in CASE_APPS or _refers_to_a_case(model))
        and model._meta.label_lower not in UNIT_SETTINGS_IN_CASE_APPS
    }


def case_models_registered(site: admin.AdminSite) -> set[str]:
    return {model._meta.label_lower for model in site._registry} & case_models()


def test_the_admin_registers_only_the_allowed_models() -> None:
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered - ALLOWED == set(), "registered in the admin but not allowed"


def test_the_admin_registers_no_model_that_holds_case_data() -> None:
    assert case_models_registered(admin.site) == set()
    assert not ALLOWED & case_models()


def test_the_check_catches_a_case_model_registered() -> None:
    site = admin.AdminSite(name="probe")
    site.register(Household)
    site.register(Decision)
    assert case_models_registered(site) == {"people.household", "decisions.decision"}
    assert {"audit.accesslogentry", "audit.changerecord", "followup.closure"} <= case_models()


def test_the_files_sent_are_listed_without_their_content() -> None:
    model_admin = admin.site._registry[ReportSubmission]
    assert "content" in model_admin.exclude
    assert not model_admin.has_change_permission(None)  # type: ignore[arg-type]


@pytest.mark.django_db
def test_the_administrator_cannot_read_a_case(
    client_as: Callable[..., Client],
    persona: Callable[..., User],
    make_decision: Callable[..., Decision],
) -> None:
    decision = make_decision(3)
    household = decision.household
    person = household.members.first().person  # type: ignore[union-attr]
    administrator = client_as("administrator")
    urls = [
        reverse("people:household_detail", args=[household.pk]),
        reverse("people:person_detail", args=[person.pk]),
        reverse("decisions:calculation", args=[household.pk]),
        reverse("decisions:decision_detail", args=[household.pk, decision.pk]),
        reverse("decisions:decision_letter", args=[household.pk, decision.pk]),
        reverse("people:household_access_log", args=[household.pk]),
    ]
    for url in urls:
        response = administrator.get(url)
        assert response.status_code == 403, url
        assert household.case_number not in response.content.decode(), url
    # Nor through the admin: the case's models have no admin pages.
    assert administrator.get("/admin/people/household/").status_code == 404
    assert administrator.get("/admin/audit/accesslogentry/").status_code == 404
    index = administrator.get(reverse("admin:index")).content.decode()
    assert "/admin/people/" not in index
    # Nothing was read, so nothing was logged for the administrator.
    assert not AccessLogEntry.objects.filter(user=persona("administrator")).exists()
