"""The Swedish interface is complete: every message translated, and the compiled file up to date."""

from __future__ import annotations

import re
from pathlib import Path

import polib

import bryggan

PACKAGE = Path(bryggan.__file__).parent
PO = PACKAGE / "locale" / "sv" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

# {% translate "..." %} in templates and _("...") in Python: single-line literals.
TEMPLATE_MSG = re.compile(r'{%\s*translate\s+"([^"]+)"')
PYTHON_MSG = re.compile(r'\b_\(\s*"((?:[^"\\]|\\.)+)"\s*\)')


def test_every_swedish_entry_is_translated_and_none_is_fuzzy() -> None:
    po = polib.pofile(str(PO))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


def test_the_compiled_catalogue_matches_the_source() -> None:
    po = {
        (e.msgid, e.msgstr) for e in polib.pofile(str(PO)) if not e.msgid_plural and not e.obsolete
    }
    mo = {(e.msgid, e.msgstr) for e in polib.mofile(str(MO)) if not e.msgid_plural}
    assert po == mo, "run `bryggan compilemessages` in src/bryggan"


def test_every_message_in_templates_and_code_is_in_the_catalogue() -> None:
    known = {entry.msgid for entry in polib.pofile(str(PO))}
    found: set[str] = set()
    for path in PACKAGE.rglob("*.html"):
        # Django doubles a literal % in template messages, in the catalogue and when rendering.
        found |= {
            m.replace("%", "%%") for m in TEMPLATE_MSG.findall(path.read_text(encoding="utf-8"))
        }
    for path in PACKAGE.rglob("*.py"):
        found |= set(PYTHON_MSG.findall(path.read_text(encoding="utf-8")))
    missing = sorted(found - known)
    assert not missing, f"run `bryggan makemessages -l sv` and translate: {missing}"
