"""The two OpenID Connect clients' settings, read from the environment: one for staff (the
municipality's identity provider) and one for applicants (the identity broker's e-legitimation).

Pure: no Django, so settings.py can call it. The keys are mozilla-django-oidc's setting names, so
`accounts.oidc.ClientSettings` hands them to the library unchanged; a client whose client id is not
set is off (its button is not shown and its URLs answer 404).
"""

from __future__ import annotations

from collections.abc import Mapping

STAFF_PREFIX = "BRYGGAN_OIDC_STAFF_"
APPLICANT_PREFIX = "BRYGGAN_OIDC_APPLICANT_"

# environment name (after the prefix) → mozilla-django-oidc setting
_REQUIRED = {
    "CLIENT_ID": "OIDC_RP_CLIENT_ID",
    "CLIENT_SECRET": "OIDC_RP_CLIENT_SECRET",
    "ISSUER": "OIDC_OP_ISSUER",
    "AUTHORIZATION_ENDPOINT": "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "TOKEN_ENDPOINT": "OIDC_OP_TOKEN_ENDPOINT",
    "USERINFO_ENDPOINT": "OIDC_OP_USER_ENDPOINT",
    "JWKS_ENDPOINT": "OIDC_OP_JWKS_ENDPOINT",
}
_OPTIONAL = {
    "END_SESSION_ENDPOINT": ("OIDC_OP_END_SESSION_ENDPOINT", ""),
    "SIGN_ALGO": ("OIDC_RP_SIGN_ALGO", "RS256"),
}

# The claims each client reads, with their defaults. Staff: the groups claim most providers send
# (Keycloak, Entra ID's `groups`); applicants: the personnummer claim of the Swedish OpenID Connect
# profile (oidc.se, "Swedish OpenID Connect Claims and Scopes"), which Swedish e-legitimation
# brokers use. A municipality whose provider names them otherwise sets the variable.
STAFF_CLAIMS = {
    "GROUPS_CLAIM": "groups",
    "USERNAME_CLAIM": "preferred_username",
}
STAFF_SCOPES = "openid profile"
APPLICANT_CLAIMS = {"PERSONNUMMER_CLAIM": "https://id.oidc.se/claim/personalIdentityNumber"}
APPLICANT_SCOPES = "openid https://id.oidc.se/scope/naturalPersonNumber"


class OidcSettingsError(ValueError):
    """A client is half configured: its client id is set but not all it needs."""


def client_settings(
    prefix: str, environ: Mapping[str, str], *, claims: Mapping[str, str], scopes: str
) -> dict[str, str]:
    """The client's settings from `environ` (names `prefix` + CLIENT_ID, ISSUER, …); empty when
    its client id is not set. Raises `OidcSettingsError` naming what is missing otherwise."""

    def get(name: str, default: str = "") -> str:
        return environ.get(prefix + name, default).strip() or default

    if not get("CLIENT_ID"):
        return {}
    missing = [prefix + name for name in _REQUIRED if not get(name)]
    if missing:
        raise OidcSettingsError(f"OpenID Connect sign-in is half configured: set {missing}")
    result = {setting: get(name) for name, setting in _REQUIRED.items()}
    result |= {setting: get(name, default) for name, (setting, default) in _OPTIONAL.items()}
    result |= {name: get(name, default) for name, default in claims.items()}
    result["OIDC_RP_SCOPES"] = get("SCOPES", scopes)
    return result
