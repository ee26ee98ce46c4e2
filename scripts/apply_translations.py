"""Fill the Swedish .po file from a JSON map {msgid: msgstr or [singular, plural]}; clears fuzzy.

.venv/bin/python scripts/apply_translations.py translations.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib

PO = Path("src/bryggan/locale/sv/LC_MESSAGES/django.po")


def main() -> int:
    translations = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    po = polib.pofile(str(PO), wrapwidth=0)
    filled = 0
    for entry in po:
        text = translations.get(entry.msgid)
        if text is None or (entry.translated() and "fuzzy" not in entry.flags):
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = dict(enumerate(text))
        else:
            entry.msgstr = text
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
        filled += 1
    po.save(str(PO))
    left = [e.msgid for e in po if not e.translated() and not e.obsolete]
    sys.stdout.write(f"filled {filled}; untranslated {len(left)}\n")
    for msgid in left:
        sys.stdout.write(f"   {msgid}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
