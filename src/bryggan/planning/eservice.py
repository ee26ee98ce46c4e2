"""The client signs the action plan in the municipality's e-service (`/api/e-service/`).

The e-service platform (the municipality's own, with e-legitimation such as BankID) identifies the
client and calls these two endpoints on the client's behalf: one shows the plan version waiting for
the client's signature, the other records the signature (`SignedHow.E_SERVICE`). Bryggan trusts the
platform, not the browser: the platform authenticates with a bearer token whose SHA-256 is the
setting `BRYGGAN_ESERVICE_TOKEN_SHA256`, and sends the personnummer it verified. The personnummer
travels in the request body, never in a URL, so it stays out of access logs of web servers.

Every read is in the case's access log under the actor "e-service"; the signature is a change
record without a user, like any signature the client makes. A version that is not the client's, or
a personnummer without a plan, is "not found" — the same answer, so nothing leaks.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.security import HttpBearer

from bryggan.api.errors import ERRORS
from bryggan.audit.services import access_log_write
from bryggan.core.errors import DomainError, NotFoundOrForbidden
from bryggan.people.rules import parse_identity_number
from bryggan.planning import selectors
from bryggan.planning.models import PlanVersion, SignedHow
from bryggan.planning.services import plan_version_sign

ACTOR = "e-service"
PURPOSE = "e_service_signing"
NO_PLAN = "No plan waiting for this person's signature."


class PlatformToken(HttpBearer):
    """The e-service platform's bearer token, compared by its SHA-256 in constant time."""

    def authenticate(self, request: HttpRequest, token: str) -> str | None:
        expected = settings.BRYGGAN_ESERVICE_TOKEN_SHA256
        if not expected:
            return None
        given = hashlib.sha256(token.encode()).hexdigest()
        return ACTOR if hmac.compare_digest(given, expected) else None


router = Router(tags=["e-service"], auth=PlatformToken())


class Identity(Schema):
    identity_number: str  # as verified by the platform's e-legitimation


class Step(Schema):
    description: str
    responsible: str
    due_on: date | None


class VersionOut(Schema):
    version_id: int
    number: int
    goal: str
    goal_text: str
    consequences: str
    written_by: str
    steps: list[Step]
    signed: bool


class SignatureOut(Schema):
    version_id: int
    number: int
    signed_at: str


def _person_id(identity_number: str) -> int:
    try:
        parsed = parse_identity_number(identity_number, today=timezone.localdate())
    except DomainError as error:
        raise DomainError(str(error), field="identity_number") from None
    person_id = selectors.person_id_by_identity(parsed.number)
    if person_id is None:
        raise NotFoundOrForbidden(NO_PLAN)
    return person_id


def _out(version: PlanVersion) -> VersionOut:
    return VersionOut(
        version_id=version.pk,
        number=version.number,
        goal=str(version.get_goal_display()),
        goal_text=version.goal_text,
        consequences=version.consequences,
        written_by=str(version.get_written_by_display()),
        steps=[
            Step(
                description=s.description,
                responsible=str(s.get_responsible_display()),
                due_on=s.due_on,
            )
            for s in version.steps.all()
        ],
        signed=version.signed_at is not None,
    )


@router.post(
    "/plans/current", url_name="eservice_plan_current", response={200: VersionOut, **ERRORS}
)
def plan_current(request: HttpRequest, body: Identity) -> VersionOut:
    """The latest version of the person's plan: what the client is asked to sign."""
    version = selectors.latest_version_of_person(_person_id(body.identity_number))
    if version is None:
        raise NotFoundOrForbidden(NO_PLAN)
    access_log_write(
        user=None,
        actor=ACTOR,
        object_type="plan_version",
        object_id=version.pk,
        case_id=version.plan.household_id,
        purpose=PURPOSE,
        request=request,
    )
    return _out(version)


@router.post(
    "/plan-versions/{version_id}/signature",
    url_name="eservice_plan_sign",
    response={200: SignatureOut, **ERRORS},
)
def plan_sign(request: HttpRequest, version_id: int, body: Identity) -> SignatureOut:
    """The client signs this version: only their own plan's latest, unsigned version."""
    person_id = _person_id(body.identity_number)
    version = selectors.version_get(version_id)
    if version is None or version.plan.person_id != person_id:
        raise NotFoundOrForbidden(NO_PLAN)
    signed = plan_version_sign(
        version=version, how=SignedHow.E_SERVICE, at=timezone.now(), recorded_by=None
    )
    assert signed.signed_at is not None  # noqa: S101 - plan_version_sign sets it
    return SignatureOut(
        version_id=signed.pk, number=signed.number, signed_at=signed.signed_at.isoformat()
    )
