"""Steady lookups: read every time, or once inside a `steady_lookups()` block."""

from __future__ import annotations

from collections.abc import Callable

from bryggan.core.steady import steady, steady_lookups


def _counting() -> tuple[list[int], Callable[[], int]]:
    reads: list[int] = []

    def read() -> int:
        reads.append(1)
        return len(reads)

    return reads, read


def test_outside_a_block_every_lookup_reads_again() -> None:
    reads, read = _counting()
    assert [steady("setting", read) for _ in range(3)] == [1, 2, 3]
    assert len(reads) == 3


def test_inside_a_block_each_key_is_read_once_and_forgotten_when_it_ends() -> None:
    reads, read = _counting()
    with steady_lookups():
        assert steady("a", read) == 1
        assert steady("a", read) == 1
        assert steady("b", read) == 2
        with steady_lookups():  # a nested block shares what the outer one keeps
            assert steady("a", read) == 1
    assert steady("a", read) == 3
    assert len(reads) == 3
