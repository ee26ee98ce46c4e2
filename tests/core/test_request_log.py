"""One log line per request with its id; the query string (search words, personnummer) never."""

from __future__ import annotations

import json
import logging

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.module_loading import import_string

from bryggan.core.request_log import RequestIdFilter, request_id_from

pytestmark = pytest.mark.django_db


def test_every_response_carries_a_request_id_and_one_log_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO, logger="bryggan.request"):
        response = Client().get(reverse("accounts:login") + "?q=19900101-1234&namn=Anna")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    (record,) = [r for r in caplog.records if r.name == "bryggan.request"]
    assert record.path == reverse("accounts:login")  # type: ignore[attr-defined]
    assert record.status == 200  # type: ignore[attr-defined]
    assert "1234" not in record.getMessage() + str(record.__dict__)
    assert "Anna" not in str(record.__dict__)


def test_the_load_balancers_well_formed_id_is_kept_and_a_bad_one_replaced() -> None:
    assert request_id_from("lb-7f3a9c21") == "lb-7f3a9c21"
    assert request_id_from("<script>alert(1)</script>") != "<script>alert(1)</script>"
    assert request_id_from(None) != request_id_from(None)
    response = Client().get(reverse("health"), HTTP_X_REQUEST_ID="lb-7f3a9c21")
    assert response["X-Request-ID"] == "lb-7f3a9c21"


def test_the_json_format_writes_one_object_a_line_with_the_request_id() -> None:
    config = settings.LOGGING["formatters"]["json"]
    formatter = import_string(config["()"])(
        **{key: value for key, value in config.items() if key != "()"}
    )
    record = logging.LogRecord("bryggan.request", logging.INFO, __file__, 1, "request", (), None)
    record.status = 200
    RequestIdFilter().filter(record)
    line = formatter.format(record)
    assert "\n" not in line
    parsed = json.loads(line)
    assert parsed["message"] == "request"
    assert parsed["level"] == "INFO"
    assert parsed["request_id"] == "-"
    assert parsed["status"] == 200
