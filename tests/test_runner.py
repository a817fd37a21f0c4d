"""The sync bridge: iterating an async generator from a thread, and Ctrl-C while waiting."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from collections.abc import AsyncIterator

import pytest

from altfinder._runner import iterate_sync


def test_items_arrive_in_order_and_closing_runs_the_generators_finally() -> None:
    closed = threading.Event()

    async def numbers() -> AsyncIterator[int]:
        try:
            for n in range(5):
                yield n
        finally:
            closed.set()

    it = iterate_sync(numbers())
    assert [next(it), next(it)] == [0, 1]
    it.close()  # what a ``break`` does
    assert closed.is_set()


def test_ctrl_c_while_waiting_for_an_item_interrupts_cleanly() -> None:
    """A KeyboardInterrupt while the generator is mid-step reaches the caller as itself.

    The step still running on the background loop is cancelled and awaited before the
    generator is closed (closing a running async generator is a RuntimeError), and the
    generator's ``finally`` runs: a batch interrupted with Ctrl-C prints its summary.
    """
    started, closed = threading.Event(), threading.Event()

    async def slow() -> AsyncIterator[int]:
        try:
            yield 1
            started.set()
            await asyncio.sleep(30)
            yield 2
        finally:
            await asyncio.sleep(0.05)  # like a batch, which awaits its cancelled lookups
            closed.set()

    def interrupt() -> None:
        started.wait(5)
        os.kill(os.getpid(), signal.SIGINT)  # a real Ctrl-C: it wakes the waiting thread

    it = iterate_sync(slow())
    assert next(it) == 1
    threading.Thread(target=interrupt, daemon=True).start()
    started_at = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        next(it)
    assert closed.wait(5)
    assert time.monotonic() - started_at < 10  # interrupted, not waited out
