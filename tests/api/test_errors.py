"""The API's one error shape, for Ninja's own refusals too, and the schema that documents it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bryggan.accounts.models import User
from bryggan.api.api import api

pytestmark = pytest.mark.django_db


def test_a_body_that_does_not_match_the_schema_names_its_field(settings: Any) -> None:
    settings.BRYGGAN_ESERVICE_TOKEN_SHA256 = hashlib.sha256(b"token").hexdigest()
    platform = Client(headers={"authorization": "Bearer token"})
    response = platform.post(
        reverse("api:eservice_plan_current"),
        {"identity_number": []},
        content_type="application/json",
    )
    assert response.status_code == 422
    body = response.json()
    assert set(body) == {"message", "fields"}
    assert list(body["fields"]) == ["body.body.identity_number"]


def test_a_refused_csrf_token_answers_in_the_same_shape(persona: Callable[..., User]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(persona("caseworker"))
    response = client.post("/api/calculate", "{}", content_type="application/json")
    assert response.status_code == 403
    assert set(response.json()) == {"message", "fields"}


def test_the_schema_documents_every_error_answer_and_the_calculation_body() -> None:
    schema = api.get_openapi_schema(path_prefix="/api/")
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            assert {400, 401, 403, 404, 422} <= set(operation["responses"]), path
    calculate = schema["paths"]["/api/calculate"]["post"]
    assert calculate["requestBody"]["content"]["application/json"]["schema"]["type"] == "object"
