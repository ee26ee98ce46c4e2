"""Run the test provider: `python -m tests.oidc_provider.serve CONFIG.json`.

CONFIG holds the port, the users (name, password, claims) and the clients (id, secret, redirect
URIs). The process migrates a fresh SQLite file, makes the users and clients, prints "ready" and
serves until it is ended.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


def main(config_path: str) -> None:
    config = json.loads(Path(config_path).read_text())
    os.environ["OP_DB"] = config["db"]
    os.environ["OP_ISSUER"] = config["issuer"]
    os.environ["OP_KEY"] = config["key"]
    os.environ["OP_USERS"] = config_path
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.contrib.auth.models import User
    from oauth2_provider.models import Application

    for name, user in config["users"].items():
        User.objects.create_user(username=name, password=user["password"])
    for client in config["clients"]:
        Application.objects.create(
            name=client["client_id"],
            client_id=client["client_id"],
            client_secret=client["client_secret"],
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
            redirect_uris=" ".join(client["redirect_uris"]),
            post_logout_redirect_uris=" ".join(client["post_logout_redirect_uris"]),
            algorithm=Application.RS256_ALGORITHM,
            skip_authorization=True,
        )
    from django.core.wsgi import get_wsgi_application

    server = make_server(
        "127.0.0.1",
        config["port"],
        get_wsgi_application(),
        server_class=_Server,
        handler_class=_QuietHandler,
    )
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1])
