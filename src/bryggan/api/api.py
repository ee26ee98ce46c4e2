"""The NinjaAPI instance; each app mounts its router here.

Errors have one shape everywhere: `{"message": "...", "fields": {"path": "problem"}}` (HackSoft's
shape, compatible with RFC 7807 clients that read `message`). The interactive documentation page is
off because it loads scripts from the internet; the schema is at `/api/openapi.json`.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import django_auth

from bryggan.core.errors import DomainError, NotFoundOrForbidden
from bryggan.decisions.api import router as calculation_router
from bryggan.planning.eservice import router as eservice_router

api = NinjaAPI(
    title="Bryggan",
    version="1",
    description="Economic assistance by the work-first line.",
    urls_namespace="api",
    docs_url=None,
    auth=django_auth,
)
api.add_router("/", calculation_router)
api.add_router("/e-service/", eservice_router)


@api.exception_handler(NotFoundOrForbidden)
def _not_found(request: HttpRequest, error: NotFoundOrForbidden) -> HttpResponse:
    return api.create_response(request, {"message": str(error.message), "fields": {}}, status=404)


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
    fields = {error.field: str(error.message)} if error.field else {}
    return api.create_response(request, {"message": str(error), "fields": fields}, status=422)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    message = str(_("Sign in first."))
    return api.create_response(request, {"message": message, "fields": {}}, status=401)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    """Ninja's own refusals (a failed CSRF check) in the one error shape."""
    return api.create_response(
        request, {"message": str(error.message), "fields": {}}, status=error.status_code
    )


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """A body or path that does not match the schema: each problem under its field's path."""
    fields = {
        ".".join(str(part) for part in problem.get("loc", ())): str(problem.get("msg", ""))
        for problem in error.errors
    }
    message = str(_("The request does not match the API's schema."))
    return api.create_response(request, {"message": message, "fields": fields}, status=422)
