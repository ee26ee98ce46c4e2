"""`POST /api/calculate`: the calculation engine behind the JSON API (contracts/calculate.md)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from bryggan.accounts.roles import Capability
from bryggan.api.errors import ERRORS
from bryggan.calculation.household import InputError
from bryggan.calculation.jsonio import calculation_to_json, decode
from bryggan.core.errors import NotFoundOrForbidden
from bryggan.decisions.services import calculation_run

router = Router(tags=["calculation"])
NOT_ALLOWED = "Your role may not use this endpoint."
# The body is read as text so that a 422 can point at the line and column of a JSON error; the
# schema still says it is a JSON object (the contract's input), so clients and fuzzers send one.
CONTRACT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "description": "The calculation contract's input: household, month, costs, "
                    "incomes (see `bryggan calculate --help`).",
                    "additionalProperties": True,
                }
            }
        },
    }
}


@router.post(
    "/calculate",
    url_name="calculate",
    response={200: dict, **ERRORS},
    openapi_extra=CONTRACT_BODY,
)
def calculate_endpoint(request: HttpRequest) -> dict[str, object]:
    """Calculate försörjningsstöd for the contract's input; 422 names the offending field."""
    if not request.user.can(Capability.CALCULATE):  # type: ignore[union-attr]
        raise NotFoundOrForbidden(NOT_ALLOWED)
    try:
        text = request.body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError("body", f"not UTF-8 text: {error.reason}") from None
    document = decode(text, name="body")
    return calculation_to_json(calculation_run(document=document))
