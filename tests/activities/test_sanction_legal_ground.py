"""The legal ground a reduction cites: SoL (2001:453) 4 kap. 5 § until 30 June 2025, then
SoL (2025:400) 12 kap. 5 §, checked (no "(ej verifierad)")."""

from __future__ import annotations

from bryggan.activities.letters import sanction_legal_ground
from bryggan.norms.tables import UNVERIFIED_MARK


def test_a_reduction_from_july_2025_cites_12_kap_5_paragraph_of_the_new_act_as_verified() -> None:
    assert sanction_legal_ground("2025-07") == "12 kap. 5 § SoL (2025:400)"
    assert sanction_legal_ground("2026-12") == "12 kap. 5 § SoL (2025:400)"
    assert UNVERIFIED_MARK not in sanction_legal_ground("2026-12")


def test_a_reduction_before_july_2025_cites_the_old_act() -> None:
    assert sanction_legal_ground("2025-06") == "4 kap. 5 § SoL (2001:453)"
