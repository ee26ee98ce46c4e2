"""The `bryggan` console command.

`bryggan calculate | indicators | benchmark …` are pure commands: they parse their input, call
domain code and exit 2 with one line naming the file, row and field on bad input; they never load
Django. Every other word is handed to Django's management commands (`bryggan migrate`,
`bryggan runserver`, `bryggan demo`, …), so nobody needs a `manage.py` path.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

# Each module exposes `main(argv: list[str]) -> int`.
PURE_COMMANDS = {
    "calculate": "bryggan.commands.calculate",
    "indicators": "bryggan.commands.indicators",
    "benchmark": "bryggan.commands.benchmark",
    "kolada": "bryggan.commands.kolada",
}


# Django management commands under the hyphenated names the documentation uses.
DJANGO_ALIASES = {
    "audit-verify": "audit_verify",
    "export-register": "export_register",
    "followup-returns": "followup_returns",
    "register-extract": "register_extract",
    "report-socialstyrelsen": "report_socialstyrelsen",
}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in DJANGO_ALIASES:
        args[0] = DJANGO_ALIASES[args[0]]
    if args and args[0] in PURE_COMMANDS:
        command = importlib.import_module(PURE_COMMANDS[args[0]])
        return int(command.main(args[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bryggan.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["bryggan", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
