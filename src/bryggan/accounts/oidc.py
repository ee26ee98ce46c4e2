"""OpenID Connect through mozilla-django-oidc: the library does the protocol (authorization code
flow with PKCE, state, nonce, the ID token's signature against the provider's JWKS); this module
only tells it which of Bryggan's two clients it serves and what to do with the claims.

Two clients, two configurations (`settings.BRYGGAN_OIDC`): staff through the municipality's
identity provider (here) and applicants through the identity broker (`mypages/oidc.py`). Each
backend answers only its own callback URL, so the other client's code is never sent to the wrong
provider.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import absolutify, import_from_settings
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
    OIDCLogoutView,
)

from bryggan.accounts.middleware import SIGNED_IN_BY_PROVIDER, SIGNED_IN_WITH
from bryggan.accounts.models import User
from bryggan.accounts.roles import Role
from bryggan.accounts.services_oidc import SignInRefused, staff_sign_in_oidc

STAFF = "staff"
APPLICANT = "applicant"
# The session remembers how it was signed in (`SIGNED_IN_WITH`): the provider's second factor
# counts for these (accounts.middleware.SecondFactorMiddleware), and signing out ends the
# provider's session too.
# Why the last sign-in was refused, for the refusal page to explain.
REFUSAL = "bryggan_sign_in_refused"

# The same for both clients, and not the municipality's to change.
_COMMON = {
    "OIDC_USE_PKCE": True,
    "OIDC_USE_NONCE": True,
    "OIDC_STORE_ID_TOKEN": True,  # the hint for the provider's end-session endpoint
    "OIDC_CREATE_USER": True,
    "OIDC_TIMEOUT": 10,
    "OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS": 15 * 60,
}


def client_config(client: str) -> dict[str, str]:
    return dict(settings.BRYGGAN_OIDC.get(client) or {})


def is_configured(client: str) -> bool:
    return bool(client_config(client).get("OIDC_RP_CLIENT_ID"))


class ClientSettings:
    """Give mozilla-django-oidc one client's settings instead of the global ones."""

    client: str
    callback_url: str
    failure_url_name: str

    def get_settings(self, attr: str, *args: Any) -> Any:
        if attr == "OIDC_AUTHENTICATION_CALLBACK_URL":
            return self.callback_url
        config = client_config(self.client)
        if attr in config:
            return config[attr]
        if attr in _COMMON:
            return _COMMON[attr]
        if attr.startswith(("OIDC_RP_", "OIDC_OP_")):
            return args[0] if args else ""  # a client that is off: nothing to read
        return import_from_settings(attr, *args)


class ClientBackend(ClientSettings, OIDCAuthenticationBackend):
    """The shared part of both backends: answer only one's own callback, and check that the ID
    token was issued by the configured issuer to this client (the library checks the signature
    and the nonce, not these)."""

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:  # type: ignore[override]
        if request is None or not is_configured(self.client):
            return None
        match = getattr(request, "resolver_match", None)
        if match is None or match.view_name != self.callback_url:
            return None
        return super().authenticate(request, **kwargs)  # type: ignore[no-any-return]

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        config = client_config(self.client)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss") != config["OIDC_OP_ISSUER"]:
            raise SuspiciousOperation("ID token from another issuer")
        if config["OIDC_RP_CLIENT_ID"] not in audiences:
            raise SuspiciousOperation("ID token for another client")
        return payload

    def claims_of(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> dict[str, Any]:
        """The ID token's claims with the userinfo endpoint's over them (some providers send the
        groups or the personnummer only there); the subject must be the same in both."""
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if str(userinfo.get("sub")) != str(payload.get("sub")):
            raise SuspiciousOperation("userinfo is about another subject")
        return {**payload, **userinfo}

    def refuse(self, reason: str) -> None:
        self.request.session[REFUSAL] = reason

    def get_user(self, user_id: Any) -> User | None:
        """The signed-in user on each request, with their unit in the same query (the default
        manager, as Django's model backend reads it); the library's own reads without it."""
        return User._default_manager.filter(pk=user_id).first()


class StaffOIDCBackend(ClientBackend):
    client = STAFF
    callback_url = "accounts:oidc_callback"

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        config = client_config(self.client)
        try:
            return staff_sign_in_oidc(
                issuer=config["OIDC_OP_ISSUER"],
                claims=self.claims_of(access_token, id_token, payload),
                groups_claim=config["GROUPS_CLAIM"],
                username_claim=config["USERNAME_CLAIM"],
            )
        except SignInRefused as refused:
            self.refuse(refused.reason)
            return None


class ClientRequestView(ClientSettings, OIDCAuthenticationRequestView):
    """Start the sign-in: off (404) when the client is not configured."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not is_configured(self.client):
            raise Http404
        request.session.pop(REFUSAL, None)
        return super().get(request)  # type: ignore[no-any-return]


class ClientCallbackView(ClientSettings, OIDCAuthenticationCallbackView):
    """Back from the provider: signed in, or to the page that says why not."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not is_configured(self.client):
            raise Http404
        return super().get(request)  # type: ignore[no-any-return]

    @property
    def failure_url(self) -> str:
        return reverse(self.failure_url_name)

    def login_success(self) -> HttpResponse:
        response = super().login_success()
        self.request.session[SIGNED_IN_WITH] = f"oidc:{self.client}"
        return response  # type: ignore[no-any-return]


class StaffRequestView(ClientRequestView):
    client, callback_url, failure_url_name = (
        STAFF,
        "accounts:oidc_callback",
        "accounts:oidc_refused",
    )


class StaffCallbackView(ClientCallbackView):
    client, callback_url, failure_url_name = (
        STAFF,
        "accounts:oidc_callback",
        "accounts:oidc_refused",
    )


class SignOutView(OIDCLogoutView):
    """Django's logout (the session row deleted on the server), then to the provider's
    end-session endpoint when the session came from one that has it (`provider_logout_url`)."""

    @property
    def redirect_url(self) -> str:
        return resolve_url(settings.LOGOUT_REDIRECT_URL)


def provider_logout_url(request: HttpRequest) -> str:
    """Where signing out ends: the provider's end-session endpoint (OpenID Connect RP-Initiated
    Logout) with the ID token as hint, coming back to the sign-in page; else the sign-in page."""
    user = request.user
    is_applicant = getattr(user, "role", "") == Role.APPLICANT
    back = resolve_url("mypages:signin" if is_applicant else settings.LOGOUT_REDIRECT_URL)
    signed_in_with = str(request.session.get(SIGNED_IN_WITH, ""))
    if signed_in_with not in SIGNED_IN_BY_PROVIDER:
        return back
    config = client_config(signed_in_with.removeprefix("oidc:"))
    endpoint = config.get("OIDC_OP_END_SESSION_ENDPOINT", "")
    id_token = request.session.get("oidc_id_token")
    if not endpoint or not id_token:
        return back
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": config["OIDC_RP_CLIENT_ID"],
            "post_logout_redirect_uri": absolutify(request, back),
        }
    )
    return f"{endpoint}?{query}"


def sign_out(request: HttpRequest) -> HttpResponse:
    return SignOutView.as_view()(request)  # type: ignore[no-any-return]


CALLBACKS = frozenset({"accounts:oidc_callback", "mypages:oidc_callback"})


def is_provider_callback(request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
    """django-axes' whitelist (`AXES_WHITELIST_CALLABLE`): a sign-in through a provider carries
    no user name, so axes would count every refused one against "no user name" at the address and
    lock all provider sign-ins from a municipality's shared address after five. The provider
    guards its own password; the refusals are still listed for the administrator."""
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name in CALLBACKS
