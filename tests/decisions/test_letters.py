"""The parts every decision letter shares: the signature line."""

from __future__ import annotations

from datetime import UTC, datetime

from bryggan.accounts.models import User
from bryggan.decisions.letters import signature_text


def test_the_signature_gives_the_day_of_the_decision_in_swedish_time() -> None:
    # 23:30 UTC on 23 November is 00:30 on 24 November in Stockholm.
    at = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
    signer = User(first_name="Anna", last_name="Berg")
    assert signature_text(signer, at) == "Beslutat 2026-11-24 av Anna Berg"


def test_the_signers_name_is_escaped_for_the_letters_markup() -> None:
    signer = User(first_name="Anna <b>", last_name="Berg & Co")
    text = signature_text(signer, datetime(2026, 11, 23, 10, tzinfo=UTC))
    assert text == "Beslutat 2026-11-23 av Anna &lt;b&gt; Berg &amp; Co"
