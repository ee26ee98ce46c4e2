"""The demo municipality: deterministic, made through the services, with every list non-empty."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest
from django.core.mail import send_mail
from django.core.management import call_command
from django.core.management.base import CommandError

from bryggan.demo.generator import _Numbers, _plan
from bryggan.demo.management.commands.demo import _bulk_load


def _fingerprint(seed: int) -> list[tuple[str, list[str]]]:
    rng = random.Random(seed)
    plans = _plan(rng, _Numbers(rng, date(2026, 11, 23)), date(2026, 11, 23), 40)
    return [(p.applicant.identity.number, [str(m) for m in p.months]) for p in plans]


def test_the_same_seed_plans_the_same_municipality() -> None:
    assert _fingerprint(7) == _fingerprint(7)
    assert _fingerprint(7) != _fingerprint(8)


@pytest.mark.django_db
def test_the_command_refuses_a_database_with_data_unless_told_to_skip(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("demo", households=3, seed=1)
    call_command("demo", households=3, seed=1, if_empty=True)
    assert "not loaded again" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("demo", households=3, seed=1)


@pytest.mark.django_db
def test_the_command_sends_the_made_up_applicants_no_mail(
    capsys: pytest.CaptureFixture[str], settings: Any
) -> None:
    """The console backend (debug on, as in `make demo`) would print each news notice among the
    command's output; while the demo loads, mail goes nowhere."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    with _bulk_load():
        send_mail("Nyheter på Mina sidor", "Hej!", None, ["sokande1@example.org"])
    assert "Nyheter" not in capsys.readouterr().out
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"
    send_mail("Nyheter på Mina sidor", "Hej!", None, ["sokande1@example.org"])
    assert "Nyheter" in capsys.readouterr().out
