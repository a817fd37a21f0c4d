"""Run coroutines from synchronous code, in scripts and inside Jupyter alike.

Jupyter already runs an event loop on the main thread, so ``asyncio.run()`` would fail
there. Every synchronous call therefore runs on one long-lived event loop in a daemon
thread. Sharing that loop also means rate limiters and connection pools are shared by
successive synchronous calls, as they are by concurrent asynchronous ones.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator, Coroutine, Iterator
from typing import Any, TypeVar

__all__ = ["iterate_sync", "run_sync"]

T = TypeVar("T")

_lock = threading.Lock()
_loop: asyncio.AbstractEventLoop | None = None


def _background_loop() -> asyncio.AbstractEventLoop:
    global _loop
    with _lock:
        if _loop is None or _loop.is_closed():
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="altfinder-loop",
                                      daemon=True)
            thread.start()
            _loop = loop
        return _loop


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` to completion on altfinder's background loop and return its result.

    Works whether or not the calling thread already runs an event loop. Ctrl-C cancels
    the coroutine.

    Example:
        >>> async def answer() -> int:
        ...     return 42
        >>> run_sync(answer())
        42
    """
    loop = _background_loop()
    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if running is loop:  # pragma: no cover - calling the sync API from our own loop
        coro.close()
        raise RuntimeError("use the async API (afind_alternatives) inside altfinder's loop")
    future = asyncio.run_coroutine_threadsafe(coro, loop)
    try:
        return future.result()
    except BaseException:
        future.cancel()
        raise


def iterate_sync(agen: AsyncIterator[T]) -> Iterator[T]:
    """Iterate an async generator from synchronous code, on altfinder's background loop.

    Closing the iterator (``break``, an exception, garbage collection) closes the async
    generator on its loop, so its ``finally`` blocks run.

    Example:
        >>> async def count():
        ...     for n in range(3):
        ...         yield n
        >>> list(iterate_sync(count()))
        [0, 1, 2]
    """
    loop = _background_loop()
    running: asyncio.Task[Any] | None = None

    async def step() -> tuple[bool, T | None]:
        nonlocal running
        running = asyncio.current_task()
        try:
            return True, await agen.__anext__()
        except StopAsyncIteration:
            return False, None

    async def close() -> None:
        # A step interrupted from this thread (Ctrl-C while waiting for it) is still
        # running on the loop: cancel it and let it finish before closing the generator,
        # which cannot be closed while it runs.
        if running is not None and not running.done():
            if not running.cancelling():  # cancel once: a second one would cut its cleanup
                running.cancel()
            with contextlib.suppress(BaseException):
                await running
        closer = getattr(agen, "aclose", None)
        if closer is not None:
            await closer()

    try:
        while True:
            future = asyncio.run_coroutine_threadsafe(step(), loop)
            try:
                more, value = future.result()
            except BaseException:
                future.cancel()
                raise
            if not more:
                return
            yield value  # type: ignore[misc]
    finally:
        asyncio.run_coroutine_threadsafe(close(), loop).result()
