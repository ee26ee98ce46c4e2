"""`bryggan serve`: the production server (gunicorn), static files served by whitenoise.

Refuses to start with debug on, without a secret key of its own, or with migrations not applied,
so a half-configured server never answers. Collects the static files first (idempotent and quick),
then hands over to gunicorn with the WSGI application; the application logs one JSON line per
request itself (`core/request_log.py`), so gunicorn's access log stays off.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from gunicorn.app.base import BaseApplication

from bryggan.core.health import health_checks

DEBUG_ON = "refusing to serve with debug on: set BRYGGAN_DEBUG=0 (and BRYGGAN_SECRET_KEY)"
NO_SECRET_KEY = "refusing to serve without BRYGGAN_SECRET_KEY"  # noqa: S105 - a message
NOT_READY = (
    "refusing to serve: database {database}, migrations {migrations} (run `bryggan migrate`)"
)


def default_workers() -> int:
    """Gunicorn's rule of thumb: two workers a core, plus one."""
    return 2 * (os.cpu_count() or 1) + 1


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, application: Any, options: dict[str, Any]) -> None:
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.application


class Command(BaseCommand):
    help = "Serve Bryggan in production with gunicorn: debug off, a secret key, migrations applied."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000", help="HOST:PORT to listen on")
        parser.add_argument("--workers", type=int, default=default_workers())
        parser.add_argument("--threads", type=int, default=1)
        parser.add_argument("--timeout", type=int, default=60, help="seconds for one request")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.DEBUG:
            raise CommandError(DEBUG_ON)
        if not settings.SECRET_KEY or settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
            raise CommandError(NO_SECRET_KEY)
        checks = health_checks()
        if any(state != "ok" for state in checks.values()):
            raise CommandError(NOT_READY.format(**checks))
        call_command("collectstatic", interactive=False, verbosity=0)
        # The checks opened a database connection in this process, which gunicorn forks into its
        # workers: kept (CONN_MAX_AGE), every worker would talk over the same socket at once.
        # Closed here, each worker opens its own on its first request.
        connections.close_all()
        from django.core.wsgi import get_wsgi_application  # noqa: PLC0415 - after the checks

        _Gunicorn(
            get_wsgi_application(),
            {
                "bind": options["bind"],
                "workers": options["workers"],
                "threads": options["threads"],
                "timeout": options["timeout"],
                "accesslog": None,
                "errorlog": "-",
                "loglevel": "info",
                "proc_name": "bryggan",
            },
        ).run()
