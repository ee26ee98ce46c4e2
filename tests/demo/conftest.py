"""One demo municipality for the tests of what the demo plants, generated once per test process.

Generating a demo through the services takes seconds; the tests of tests/demo/test_world.py
only read what it planted (and what a test changes is rolled back with the test, as always). So
the demo is generated once, in a transaction of its own around the whole module, and rolled back
when the module's tests are done: each test still runs in its own savepoint (`db`) inside it, as
pytest-django's tests always do. Each test process that runs any of them generates it once (two
with `-n 2`: pytest-xdist's `loadgroup` would keep them in one process, but with pytest 9 it no
longer groups).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from bryggan.demo.generator import DemoSummary, generate
from tests.conftest import local

WORLD_NOW = local(2026, 11, 23, 12)
WORLD_HOUSEHOLDS = 60
WORLD_SEED = 3


@pytest.fixture(scope="module")
def world(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoSummary]:
    """The demo of 60 households from seed 3 at WORLD_NOW, kept for the module's tests."""
    documents = tmp_path_factory.getbasetemp() / "documents"  # as tests/conftest.py's autouse
    with django_db_blocker.unblock(), override_settings(BRYGGAN_DOCUMENTS_DIR=documents):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield generate(households=WORLD_HOUSEHOLDS, seed=WORLD_SEED, now=WORLD_NOW)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
