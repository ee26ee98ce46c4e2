"""Fixtures for the pure calculation tests (no database)."""

from __future__ import annotations

import pytest

from bryggan.norms.tables import Norms
from tests.calculation.helpers import ASSUMED_PRICE_BASE_AMOUNTS, norms_with_price_base_amounts


@pytest.fixture(scope="session")
def norms(tmp_path_factory: pytest.TempPathFactory) -> Norms:
    """The shipped norm tables, with a prisbasbelopp for every shipped riksnorm year."""
    return norms_with_price_base_amounts(
        tmp_path_factory.mktemp("norms"), ASSUMED_PRICE_BASE_AMOUNTS
    )
