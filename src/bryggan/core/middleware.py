"""Answer an access gate's refusal as 404, with the same page for "missing" and "not yours"."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bryggan.core.errors import NotFoundOrForbidden

NOT_FOUND_STATUS = 404


class NotFoundOrForbiddenMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, NotFoundOrForbidden):
            return render(
                request, "404.html", {"message": exception.message}, status=NOT_FOUND_STATUS
            )
        return None
