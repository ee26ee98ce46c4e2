"""Every change the services record has Swedish words on the timeline (no raw codes)."""

from __future__ import annotations

import ast
from pathlib import Path

import bryggan
from bryggan.casefile.rules_timeline import LABELS, change_label, is_told_by_a_source

PACKAGE = Path(bryggan.__file__).parent
WRITERS = {"change_record_write", "change_records_write_many", "receipt_record"}
# Actions computed from a status: the values they take (the statuses a step can set).
COMPUTED = {
    ("referral", "str(target)"): ["accepted", "started", "ended"],
    ("sanction_proposal", "str(locked.status)"): ["dismissed", "assessed", "decided", "rejected"],
    ("sanction_reconsideration", "str(outcome)"): ["revoked", "lowered"],
    ("payment", "str(status)"): ["returned", "reversed"],
    ("first_meeting", "f'marked_{status}'"): ["marked_held", "marked_missed"],
    ("assessment", "action"): ["created", "changed"],
    ("review_meeting", "action"): ["created", "held"],
    ("reason_for_need", "action"): ["recorded", "changed"],
}


def _literals(node: ast.expr) -> list[str] | None:
    """The strings an argument can be: a constant, or either side of `a if c else b`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body), _literals(node.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def _written_pairs() -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name not in WRITERS:
                continue
            keywords = {k.arg: k.value for k in node.keywords}
            if "object_type" not in keywords:
                continue  # the definition's own inner call passes its parameters on
            types = _literals(keywords["object_type"])
            if types is None:  # passed on by a caller (receipt_record); the callers are seen
                continue
            action = keywords.get("action")
            if action is None:  # receipt_record writes "received"
                actions = ["received"]
            else:
                actions = _literals(action) or COMPUTED[types[0], ast.unparse(action)]
            pairs |= {(t, a) for t in types for a in actions}
    return pairs


def test_the_scan_finds_the_writes() -> None:
    pairs = _written_pairs()
    assert ("follow_up", "booked") in pairs
    assert ("sanction_proposal", "received") in pairs
    assert ("payment", "sent") in pairs
    assert len(pairs) > 40


def test_every_change_written_in_the_code_has_a_label() -> None:
    missing = sorted(_written_pairs() - set(LABELS))
    assert not missing, f"add Swedish words to casefile/rules_timeline.LABELS: {missing}"


def test_an_unknown_change_still_reads_as_a_sentence() -> None:
    assert change_label("household", "opened") == str(LABELS["household", "opened"])
    assert "mystery" in change_label("mystery", "done")


def test_the_history_fills_in_only_what_no_source_tells() -> None:
    assert is_told_by_a_source("decision", "signed")
    assert is_told_by_a_source("household", "closed")  # the closure tells it
    assert not is_told_by_a_source("household", "opened")
    assert not is_told_by_a_source("reason_for_need", "recorded")
