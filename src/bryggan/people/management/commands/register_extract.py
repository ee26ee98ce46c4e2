"""`bryggan register-extract PERSONNUMMER --out DIR`: the register extract of one person
(GDPR art. 15) as `extract.json` and `extract.pdf` in DIR.

The number may be given with or without century and hyphen. The read is access-logged with the
actor "register-extract" (no user: whoever runs the command has the database already). Exit 2
with one line on a bad number or an unknown person. The first copy is free (art. 15(3)).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from bryggan.audit.services import access_log_write
from bryggan.core.errors import DomainError
from bryggan.people.access import Purpose
from bryggan.people.letters_register_extract import register_extract_pdf
from bryggan.people.register_extract import (
    person_by_identity_number,
    register_extract_build,
    register_extract_case_id,
    register_extract_json_text,
    register_extract_unit_name,
)
from bryggan.people.rules import parse_identity_number

ACTOR = "register-extract"


class Command(BaseCommand):
    help = "Write a person's register extract (GDPR art. 15) as extract.json and extract.pdf."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("identity_number", help="personnummer or samordningsnummer")
        parser.add_argument("--out", required=True, help="the folder to write the files into")

    def handle(self, *args: Any, **options: Any) -> None:
        text = options["identity_number"]
        try:
            number = parse_identity_number(text, today=timezone.localdate())
        except DomainError as error:
            raise CommandError(f"{text}: {error}", returncode=2) from error
        person = person_by_identity_number(number.number)
        if person is None:
            raise CommandError(f"{number.number}: no such person in Bryggan.", returncode=2)
        out = Path(options["out"])
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"--out: cannot create {out}: {error}", returncode=2) from error
        access_log_write(
            user=None,
            actor=ACTOR,
            object_type="person",
            object_id=person.pk,
            case_id=register_extract_case_id(person),
            purpose=Purpose.REGISTER_EXTRACT,
        )
        extract = register_extract_build(person, reveal_own=True, now=timezone.now())
        (out / "extract.json").write_text(register_extract_json_text(extract), encoding="utf-8")
        (out / "extract.pdf").write_bytes(
            register_extract_pdf(extract, unit_name=register_extract_unit_name(person))
        )
        self.stdout.write(f"Wrote {out / 'extract.json'} and {out / 'extract.pdf'}.")
