"""The one error shape of the API, as a schema, so that every documented answer has a body."""

from __future__ import annotations

from ninja import Schema


class ErrorOut(Schema):
    """`{"message": "...", "fields": {"path": "problem"}}`: what went wrong, field by field."""

    message: str
    fields: dict[str, str]


# The answers every operation may give besides its own: a body that is not JSON where the schema
# reads it (400), not signed in (401), a refused CSRF token (403), not found or not the caller's
# (404, the same answer so nothing leaks), input the schema or a domain rule refuses (422).
ERRORS: dict[int, type[ErrorOut]] = dict.fromkeys((400, 401, 403, 404, 422), ErrorOut)
