"""Applicants' sign-in with e-legitimation through the municipality's identity broker (OpenID
Connect, mozilla-django-oidc): the second client of `accounts/oidc.py`, with its own settings
(`BRYGGAN_OIDC_APPLICANT_*`) and callback."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.accounts.oidc import (
    APPLICANT,
    ClientBackend,
    ClientCallbackView,
    ClientRequestView,
    client_config,
)
from bryggan.accounts.services_oidc import SignInRefused
from bryggan.mypages.services_signin import applicant_sign_in

CALLBACK = "mypages:oidc_callback"
REFUSED = "mypages:signin_refused"


class ApplicantOIDCBackend(ClientBackend):
    client = APPLICANT
    callback_url = CALLBACK

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        claims = self.claims_of(access_token, id_token, payload)
        try:
            return applicant_sign_in(
                personnummer=claims.get(client_config(self.client)["PERSONNUMMER_CLAIM"]),
                today=timezone.localdate(),
            )
        except SignInRefused as refused:
            self.refuse(refused.reason)
            return None


class ApplicantRequestView(ClientRequestView):
    client, callback_url, failure_url_name = APPLICANT, CALLBACK, REFUSED


class ApplicantCallbackView(ClientCallbackView):
    client, callback_url, failure_url_name = APPLICANT, CALLBACK, REFUSED
