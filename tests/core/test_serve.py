"""`bryggan serve`: refuses a half-configured server; serves pages, static files and /halsa/."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.migrations.recorder import MigrationRecorder

from bryggan.core.management.commands import serve

BRYGGAN = [sys.executable, "-m", "bryggan.cli"]


@pytest.mark.parametrize(
    ("debug", "key", "message"),
    [
        (True, "a-real-secret-key-for-this-test", serve.DEBUG_ON),
        (False, "development-only-not-secret", serve.NO_SECRET_KEY),
    ],
)
def test_serve_refuses_debug_on_and_a_missing_secret_key(
    settings: Any, debug: bool, key: str, message: str
) -> None:
    settings.DEBUG, settings.SECRET_KEY = debug, key
    with pytest.raises(CommandError, match="refusing to serve") as refused:
        call_command("serve")
    assert str(refused.value) == message


def test_bryggan_refuses_to_start_with_debug_off_and_no_secret_key(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "BRYGGAN_SECRET_KEY"}
    env |= {"BRYGGAN_DEBUG": "0", "BRYGGAN_DATA_DIR": str(tmp_path)}
    started = subprocess.run(  # noqa: S603
        [*BRYGGAN, "serve"], env=env, capture_output=True, text=True, check=False
    )
    assert started.returncode != 0
    assert "BRYGGAN_SECRET_KEY must be set" in started.stderr


@pytest.mark.django_db
def test_serve_refuses_a_database_with_migrations_pending(settings: Any) -> None:
    settings.DEBUG, settings.SECRET_KEY = False, "a-real-secret-key-for-this-test"
    MigrationRecorder.Migration.objects.order_by("-id").first().delete()  # type: ignore[union-attr]
    with pytest.raises(CommandError, match="migrations pending"):
        call_command("serve")


def test_serve_closes_its_database_connections_before_gunicorn_forks_the_workers(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checks open a connection in the process gunicorn forks; kept (CONN_MAX_AGE), the
    workers would share its socket."""
    settings.DEBUG, settings.SECRET_KEY = False, "a-real-secret-key-for-this-test"
    steps: list[str] = []
    monkeypatch.setattr(serve, "health_checks", lambda: {"database": "ok", "migrations": "ok"})
    monkeypatch.setattr(serve, "call_command", lambda *args, **kwargs: None)
    monkeypatch.setattr(serve.connections, "close_all", lambda: steps.append("closed"))
    monkeypatch.setattr(serve._Gunicorn, "run", lambda self: steps.append("forked"))
    call_command("serve")
    assert steps == ["closed", "forked"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def production_server(tmp_path: Path) -> Iterator[str]:
    """`bryggan serve` in a child process, debug off, on a migrated SQLite file of its own."""
    env = {
        **os.environ,
        "BRYGGAN_DEBUG": "0",
        "BRYGGAN_SECRET_KEY": "a-real-secret-key-for-this-test",
        "BRYGGAN_DATA_DIR": str(tmp_path),
        "BRYGGAN_DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "BRYGGAN_SECURE_COOKIES": "0",  # plain HTTP on the loopback: no redirect to HTTPS
    }
    subprocess.run([*BRYGGAN, "migrate", "--verbosity", "0"], env=env, check=True)  # noqa: S603
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(  # noqa: S603
        [*BRYGGAN, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/halsa/", timeout=2)  # noqa: S310 - loopback
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail((tmp_path / "serve.log").read_text())
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def test_the_production_server_answers_health_pages_and_static_files(
    production_server: str,
) -> None:
    with urllib.request.urlopen(production_server + "/halsa/") as health:  # noqa: S310
        assert health.status == 200
        assert b'"status": "ok"' in health.read()
    with urllib.request.urlopen(production_server + "/logga-in/") as login:  # noqa: S310
        assert login.status == 200
        assert "Logga in" in login.read().decode()
        assert len(login.headers["X-Request-ID"]) == 32
    vendor = Path(serve.__file__).parents[3] / "static" / "vendor"
    htmx = next(vendor.glob("htmx-*.min.js")).name
    with urllib.request.urlopen(f"{production_server}/static/vendor/{htmx}") as script:  # noqa: S310
        assert script.status == 200
        assert "javascript" in script.headers["Content-Type"]
