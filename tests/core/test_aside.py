"""Work aside: done at once outside a `work_aside()` block; inside one made in the executor and
kept, in the order asked, when the block ends."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import get_context

import pytest

from bryggan.core.aside import then_with, work_aside, worker_start


def _square(value: int) -> int:
    return value * value


def test_outside_a_block_the_work_is_done_and_kept_at_once() -> None:
    kept: list[int] = []
    then_with(_square, (3,), then=kept.append)
    assert kept == [9]


def test_inside_a_block_the_results_are_kept_when_it_ends_in_the_order_asked() -> None:
    kept: list[int] = []
    with ThreadPoolExecutor(max_workers=4) as pool:
        with work_aside(pool):
            for value in range(20):
                then_with(_square, (value,), then=kept.append)
            assert kept == []
        assert kept == [value * value for value in range(20)]


def _failing_block(pool: ThreadPoolExecutor, kept: list[int]) -> None:
    with work_aside(pool):
        then_with(_square, (2,), then=kept.append)
        raise ValueError("the block failed")


def test_a_failed_block_keeps_nothing() -> None:
    kept: list[int] = []
    with ThreadPoolExecutor(max_workers=1) as pool:
        with pytest.raises(ValueError, match="the block failed"):
            _failing_block(pool, kept)
        then_with(_square, (3,), then=kept.append)  # after the block: at once again
    assert kept == [9]


def test_a_failed_piece_of_work_fails_the_block() -> None:
    with (
        ThreadPoolExecutor(max_workers=1) as pool,
        pytest.raises(ZeroDivisionError),
        work_aside(pool),
    ):
        then_with(divmod, (1, 0), then=print)


def test_blocks_do_not_nest() -> None:
    with (
        ThreadPoolExecutor(max_workers=1) as pool,
        work_aside(pool),
        pytest.raises(RuntimeError),
        work_aside(pool),
    ):
        pass


def _units() -> int:
    # Imported here: a spawned worker imports this module before its Django is set up.
    from bryggan.accounts.models import Unit

    return Unit.objects.count()


@pytest.mark.django_db  # a forked worker shares the test's open connection
@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_a_worker_started_for_work_aside_has_django_and_refuses_the_database(start: str) -> None:
    with ProcessPoolExecutor(
        max_workers=1, mp_context=get_context(start), initializer=worker_start
    ) as pool:
        assert pool.submit(_square, 7).result() == 49
        with pytest.raises(RuntimeError, match="reads no database"):
            pool.submit(_units).result()
