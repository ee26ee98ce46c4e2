"""Start the test provider (`serve.py`) in a process of its own, and Bryggan's client settings for
it. `with running_provider(tmp_path, users=…, clients=…) as provider:` in a fixture."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from bryggan.accounts.oidc_settings import (
    APPLICANT_CLAIMS,
    APPLICANT_PREFIX,
    APPLICANT_SCOPES,
    STAFF_CLAIMS,
    STAFF_PREFIX,
    STAFF_SCOPES,
    client_settings,
)

ROOT = Path(__file__).resolve().parents[2]
STAFF_CLIENT = ("bryggan-staff", "staff-secret-for-tests")
APPLICANT_CLIENT = ("bryggan-mina-sidor", "applicant-secret-for-tests")


@dataclass(frozen=True)
class Provider:
    issuer: str

    def settings_for(self, prefix: str, client: tuple[str, str]) -> dict[str, str]:
        """Bryggan's settings for one client, made from environment variables as in production."""
        environ = {
            f"{prefix}CLIENT_ID": client[0],
            f"{prefix}CLIENT_SECRET": client[1],
            f"{prefix}ISSUER": self.issuer,
            f"{prefix}AUTHORIZATION_ENDPOINT": f"{self.issuer}/authorize/",
            f"{prefix}TOKEN_ENDPOINT": f"{self.issuer}/token/",
            f"{prefix}USERINFO_ENDPOINT": f"{self.issuer}/userinfo/",
            f"{prefix}JWKS_ENDPOINT": f"{self.issuer}/.well-known/jwks.json",
            f"{prefix}END_SESSION_ENDPOINT": f"{self.issuer}/logout/",
        }
        if prefix == STAFF_PREFIX:
            return client_settings(prefix, environ, claims=STAFF_CLAIMS, scopes=STAFF_SCOPES)
        return client_settings(prefix, environ, claims=APPLICANT_CLAIMS, scopes=APPLICANT_SCOPES)

    @property
    def bryggan_settings(self) -> dict[str, dict[str, str]]:
        return {
            "staff": self.settings_for(STAFF_PREFIX, STAFF_CLIENT),
            "applicant": self.settings_for(APPLICANT_PREFIX, APPLICANT_CLIENT),
        }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@contextmanager
def running_provider(
    folder: Path, *, bryggan_url: str, users: dict[str, dict[str, object]]
) -> Iterator[Provider]:
    """The provider, with `users` ({name: {"password", "claims"}}) and one client for staff and
    one for applicants, both redirecting to Bryggan at `bryggan_url`."""
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}/o"
    (folder / "key.pem").write_text(_private_key_pem())
    clients = [
        {
            "client_id": STAFF_CLIENT[0],
            "client_secret": STAFF_CLIENT[1],
            "redirect_uris": [f"{bryggan_url}/logga-in/oidc/callback/"],
            "post_logout_redirect_uris": [f"{bryggan_url}/logga-in/"],
        },
        {
            "client_id": APPLICANT_CLIENT[0],
            "client_secret": APPLICANT_CLIENT[1],
            "redirect_uris": [f"{bryggan_url}/mina-sidor/logga-in/callback/"],
            "post_logout_redirect_uris": [f"{bryggan_url}/mina-sidor/logga-in/"],
        },
    ]
    config = {
        "port": port,
        "issuer": issuer,
        "db": str(folder / "provider.sqlite3"),
        "key": str(folder / "key.pem"),
        "users": users,
        "clients": clients,
    }
    config_path = folder / "provider.json"
    config_path.write_text(json.dumps(config))
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'src'}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "tests.oidc_provider.serve", str(config_path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.strip() == "ready", f"the test provider did not start: {line!r}"
        yield Provider(issuer=issuer)
    finally:
        process.terminate()
        process.wait(timeout=10)
