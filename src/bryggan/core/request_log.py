"""One structured log line per request, with the request's id and no personal data.

Every log record made while a request is handled carries its id (`request_id`), so one request's
lines can be found together; the id comes from the load balancer's `X-Request-ID` when it sends a
well-formed one, else it is made here, and it is returned in the response's `X-Request-ID`.

No personal data: the line names the path without its query string (a search's words or a
personnummer never reach the log), the status, the time taken and the user's numeric id. Who read
which case is the access log's job (`audit`), not the server log's.
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_WELL_FORMED_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
logger = logging.getLogger("bryggan.request")


class RequestIdFilter(logging.Filter):
    """Adds the current request's id to every record (a logging filter in settings.LOGGING)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


def request_id_from(header: str | None) -> str:
    """The load balancer's id when it is well formed, else a new random one."""
    if header and _WELL_FORMED_ID.match(header):
        return header
    return uuid.uuid4().hex


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_from(request.headers.get("X-Request-ID"))
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            user = getattr(request, "user", None)
            logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            return response
        finally:
            request_id_var.reset(token)
