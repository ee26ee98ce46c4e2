"""Staff sign-in by OpenID Connect, without the provider: the group mapping (a pure rule), the
account it makes or brings up to date, the refusals, the settings from the environment, and what
the pages show when nothing is configured. The flow against a real provider is in
test_oidc_flow.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import resolve, reverse

from bryggan.accounts.middleware import SIGNED_IN_WITH
from bryggan.accounts.models import ClaimMapping, ExternalIdentity, Unit, User
from bryggan.accounts.oidc import REFUSAL, is_provider_callback
from bryggan.accounts.oidc_settings import (
    STAFF_CLAIMS,
    STAFF_PREFIX,
    STAFF_SCOPES,
    OidcSettingsError,
    client_settings,
)
from bryggan.accounts.rules_oidc import Grant, MappingRow, StaffRefusal, claim_values, staff_grant
from bryggan.accounts.services_oidc import SignInRefused, staff_sign_in_oidc
from bryggan.accounts.views_oidc import STAFF_REFUSED
from bryggan.audit.models import ChangeRecord

ISSUER = "https://login.kommun.example/realms/staff"
CASEWORKER_SODER = Grant(role="caseworker", unit_id=1, sees_protected_identity=False)
MANAGER_SODER = Grant(role="unit_manager", unit_id=1, sees_protected_identity=True)
ROWS = [
    MappingRow("handlaggare-soder", CASEWORKER_SODER),
    MappingRow("alla-soder", CASEWORKER_SODER),
    MappingRow("chefer-soder", MANAGER_SODER),
]


def test_a_mapped_group_gives_its_role_and_unit() -> None:
    assert staff_grant(frozenset({"ekonomi", "handlaggare-soder"}), ROWS) == CASEWORKER_SODER


def test_groups_that_agree_give_the_one_grant() -> None:
    assert staff_grant(frozenset({"handlaggare-soder", "alla-soder"}), ROWS) == CASEWORKER_SODER


def test_no_mapped_group_is_refused() -> None:
    assert staff_grant(frozenset({"ekonomi"}), ROWS) == StaffRefusal.UNKNOWN_GROUP
    assert staff_grant(frozenset(), ROWS) == StaffRefusal.UNKNOWN_GROUP


def test_groups_that_disagree_are_refused() -> None:
    assert (
        staff_grant(frozenset({"handlaggare-soder", "chefer-soder"}), ROWS)
        == StaffRefusal.CONFLICTING_GROUPS
    )


@pytest.mark.parametrize(
    ("raw", "values"),
    [
        (["a", "b"], {"a", "b"}),
        ("a", {"a"}),
        ("", set()),
        (None, set()),
        ({"nested": "a"}, set()),
        (["a", None, ""], {"a"}),
    ],
)
def test_a_claim_is_read_as_a_set_of_strings(raw: object, values: set[str]) -> None:
    assert claim_values(raw) == values


@pytest.fixture
def mapping(unit: Unit) -> ClaimMapping:
    return ClaimMapping.objects.create(
        claim_value="handlaggare-soder", role="caseworker", unit=unit
    )


def claims(sub: str = "abc-123", groups: object = ("handlaggare-soder",), **kw: object) -> dict:
    return {
        "sub": sub,
        "groups": list(groups) if isinstance(groups, tuple) else groups,
        "preferred_username": "anna.berg",
        "given_name": "Anna",
        "family_name": "Berg",
        **kw,
    }


def sign_in(given: dict[str, Any]) -> User:
    return staff_sign_in_oidc(
        issuer=ISSUER, claims=given, groups_claim="groups", username_claim="preferred_username"
    )


def test_the_first_sign_in_makes_the_account_with_the_mapped_role_and_unit(
    mapping: ClaimMapping, unit: Unit
) -> None:
    user = sign_in(claims())
    assert (user.username, user.role, user.unit, user.get_full_name()) == (
        "anna.berg",
        "caseworker",
        unit,
        "Anna Berg",
    )
    assert not user.has_usable_password()
    assert ExternalIdentity.objects.get(user=user).subject == "abc-123"
    assert ChangeRecord.objects.filter(object_type="user", action="created_by_sign_in").exists()


def test_the_next_sign_in_is_the_same_user_with_the_role_the_mapping_gives_now(
    mapping: ClaimMapping, unit: Unit, other_unit: Unit
) -> None:
    first = sign_in(claims())
    ClaimMapping.objects.create(claim_value="chefer-vaster", role="unit_manager", unit=other_unit)
    again = sign_in(claims(groups=("chefer-vaster",), preferred_username="renamed"))
    assert again.pk == first.pk
    assert (again.role, again.unit, again.username) == ("unit_manager", other_unit, "anna.berg")
    assert ChangeRecord.objects.filter(action="role_changed_by_sign_in").count() == 1


def test_an_unknown_group_is_refused_and_no_account_is_made(mapping: ClaimMapping) -> None:
    with pytest.raises(SignInRefused) as refused:
        sign_in(claims(groups=("ekonomi",)))
    assert refused.value.reason == StaffRefusal.UNKNOWN_GROUP
    assert not User.objects.filter(username="anna.berg").exists()
    assert not ExternalIdentity.objects.exists()


def test_a_known_user_whose_group_was_removed_is_refused_and_keeps_the_old_role(
    mapping: ClaimMapping, unit: Unit
) -> None:
    user = sign_in(claims())
    with pytest.raises(SignInRefused):
        sign_in(claims(groups=[]))
    user.refresh_from_db()
    assert (user.role, user.unit) == ("caseworker", unit)


def test_a_switched_off_account_is_refused(mapping: ClaimMapping) -> None:
    user = sign_in(claims())
    User.objects.filter(pk=user.pk).update(is_active=False)
    with pytest.raises(SignInRefused) as refused:
        sign_in(claims())
    assert refused.value.reason == StaffRefusal.ACCOUNT_OFF


def test_a_local_account_of_the_same_name_is_not_taken_over(
    mapping: ClaimMapping, persona: Callable[..., User]
) -> None:
    local = persona("analyst")
    user = sign_in(claims(preferred_username=local.username))
    assert user.pk != local.pk
    assert user.username == f"{local.username}-2"
    local.refresh_from_db()
    assert local.role == "analyst"


def test_a_case_role_mapping_needs_a_unit(db: None) -> None:
    with pytest.raises(ValidationError):
        ClaimMapping(claim_value="x", role="caseworker").full_clean()
    ClaimMapping(claim_value="y", role="analyst").full_clean()


def _env(**values: str) -> dict[str, str]:
    return {STAFF_PREFIX + name: value for name, value in values.items()}


COMPLETE = {
    "CLIENT_ID": "bryggan",
    "CLIENT_SECRET": "s",
    "ISSUER": ISSUER,
    "AUTHORIZATION_ENDPOINT": f"{ISSUER}/auth",
    "TOKEN_ENDPOINT": f"{ISSUER}/token",
    "USERINFO_ENDPOINT": f"{ISSUER}/userinfo",
    "JWKS_ENDPOINT": f"{ISSUER}/certs",
}


def test_nothing_configured_is_no_client() -> None:
    assert client_settings(STAFF_PREFIX, {}, claims=STAFF_CLAIMS, scopes=STAFF_SCOPES) == {}


def test_a_complete_configuration_is_read_with_the_defaults() -> None:
    read = client_settings(
        STAFF_PREFIX,
        _env(**COMPLETE, GROUPS_CLAIM="roles"),
        claims=STAFF_CLAIMS,
        scopes=STAFF_SCOPES,
    )
    assert read["OIDC_OP_TOKEN_ENDPOINT"] == f"{ISSUER}/token"
    assert read["GROUPS_CLAIM"] == "roles"
    assert read["USERNAME_CLAIM"] == "preferred_username"
    assert read["OIDC_RP_SCOPES"] == "openid profile"
    assert read["OIDC_RP_SIGN_ALGO"] == "RS256"


def test_a_half_configuration_is_refused_at_start_naming_what_is_missing() -> None:
    given = {k: v for k, v in COMPLETE.items() if k != "JWKS_ENDPOINT"}
    with pytest.raises(OidcSettingsError, match="BRYGGAN_OIDC_STAFF_JWKS_ENDPOINT"):
        client_settings(STAFF_PREFIX, _env(**given), claims=STAFF_CLAIMS, scopes=STAFF_SCOPES)


def test_with_nothing_configured_the_button_is_not_shown_and_the_urls_are_not_found(
    client: Client, settings: Any, db: None
) -> None:
    settings.BRYGGAN_OIDC = {"staff": {}, "applicant": {}}
    page = client.get(reverse("accounts:login"))
    assert reverse("accounts:oidc_authenticate") not in page.content.decode()
    assert client.get(reverse("accounts:oidc_authenticate")).status_code == 404
    assert client.get(reverse("accounts:oidc_callback")).status_code == 404


def test_with_a_provider_configured_the_button_is_shown(
    client: Client, settings: Any, db: None
) -> None:
    settings.BRYGGAN_OIDC = {
        "staff": client_settings(
            STAFF_PREFIX, _env(**COMPLETE), claims=STAFF_CLAIMS, scopes=STAFF_SCOPES
        ),
        "applicant": {},
    }
    page = client.get(reverse("accounts:login"))
    assert reverse("accounts:oidc_authenticate") in page.content.decode()
    start = client.get(reverse("accounts:oidc_authenticate"))
    assert start.status_code == 302
    assert start["Location"].startswith(f"{ISSUER}/auth?")
    assert "code_challenge=" in start["Location"]  # PKCE


def test_the_refusal_page_says_why(client: Client, english: None, db: None) -> None:
    session = client.session
    session[REFUSAL] = StaffRefusal.UNKNOWN_GROUP.value
    session.save()
    page = client.get(reverse("accounts:oidc_refused"))
    assert str(STAFF_REFUSED[StaffRefusal.UNKNOWN_GROUP]) in page.content.decode().replace(
        "&#x27;", "'"
    )


def test_a_session_signed_in_by_the_provider_is_not_asked_for_the_local_code(
    client: Client, settings: Any, persona: Callable[..., User]
) -> None:
    settings.BRYGGAN_REQUIRE_OTP = True
    client.force_login(persona("caseworker"))
    caseload = reverse("people:caseload")
    assert client.get(caseload)["Location"].startswith(reverse("accounts:otp_enrol"))
    session = client.session
    session[SIGNED_IN_WITH] = "oidc:staff"
    session.save()
    assert client.get(caseload).status_code == 200


def test_refused_provider_sign_ins_do_not_lock_out_the_address(rf: Any) -> None:
    """axes would count them against "no user name" at the municipality's shared address."""
    callback = rf.get(reverse("accounts:oidc_callback"))
    callback.resolver_match = resolve(reverse("accounts:oidc_callback"))
    login = rf.post(reverse("accounts:login"))
    login.resolver_match = resolve(reverse("accounts:login"))
    assert is_provider_callback(callback, {"nonce": "n"})
    assert not is_provider_callback(login, {"username": "anna"})
