"""Many codes at quota speed: a bounded, resumable stream of results.

:func:`find_alternatives_many` searches codes concurrently on one HTTP client, one
cache and one set of rate limiters, so every marketplace is asked exactly as fast as
its quota allows — never faster (no 429s, no suspended keys), never much slower. It
reads its input lazily and keeps at most ``concurrency`` codes in flight, so memory
stays flat whether the input has a hundred codes or a million. A checkpoint file
records every finished code once the consumer has taken it: after a crash or Ctrl-C
the same call resumes where it stopped, and no finished result is lost.

Example:
    >>> import asyncio
    >>> from altfinder import find_alternatives_many
    >>> from altfinder.sandbox import Sandbox
    >>> sandbox = Sandbox(time_scale=50)
    >>> async def main():
    ...     found = {}
    ...     async for code, res in find_alternatives_many(
    ...             ["4902370548495", "9784873115658", "not-a-code"],
    ...             sources=sandbox.sources(), client=sandbox.client()):
    ...         found[code] = type(res).__name__
    ...     return found
    >>> sorted(asyncio.run(main()).items())
    [('4902370548495', 'Results'), ('9784873115658', 'Results'), ('not-a-code', 'InvalidCodeError')]
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Iterator, Sized
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import httpx
from pydantic import BaseModel, Field

from altfinder._runner import iterate_sync, run_sync
from altfinder.cache import HttpCache, resolve_cache
from altfinder.codes import ProductCode, parse_code
from altfinder.errors import ConfigurationError, InvalidCodeError
from altfinder.finder import _client, search_once
from altfinder.http import Deadline
from altfinder.models import Results
from altfinder.ranking import RankingPolicy
from altfinder.sources import resolve_sources
from altfinder.sources.base import Source

__all__ = [
    "DEFAULT_CONCURRENCY",
    "BatchItem",
    "BatchProgress",
    "SourceTally",
    "batch_record",
    "find_alternatives_many",
    "find_alternatives_many_sync",
    "load_checkpoint",
    "lookup_partition",
]

logger = logging.getLogger("altfinder.batch")

#: Codes in flight at once. A handful keeps every marketplace's rate limiter busy;
#: more only queues more lookups behind the same limiters.
DEFAULT_CONCURRENCY = 8

CodeInput = str | int | ProductCode
#: What the stream yields: the input as given (stripped), and its results or why the
#: input is not a code.
BatchItem = tuple[str, Results | InvalidCodeError]


class SourceTally(BaseModel):
    """What one marketplace did during a batch.

    Example:
        >>> SourceTally(requests=3).requests
        3
    """

    requests: int = 0
    cache_hits: int = 0
    throttled: int = 0
    offers: int = 0
    failures: dict[str, int] = Field(default_factory=dict)


class BatchProgress(BaseModel):
    """Counters of a running batch, passed to ``on_progress`` after every code.

    ``found``: codes with at least one ranked offer; ``nothing_found``: no offer and no
    failure; ``failed``: no offer and at least one marketplace failed; ``invalid``: not a
    code; ``skipped``: already in the checkpoint.

    Example:
        >>> BatchProgress(total=10, done=4).remaining
        6
    """

    total: int | None = None
    done: int = 0
    found: int = 0
    nothing_found: int = 0
    failed: int = 0
    invalid: int = 0
    skipped: int = 0
    elapsed_s: float = 0.0
    sources: dict[str, SourceTally] = Field(default_factory=dict)

    @property
    def remaining(self) -> int | None:
        """Codes left to do, when the total is known.

        Example:
            >>> BatchProgress(total=3, done=1, skipped=1).remaining
            1
        """
        if self.total is None:
            return None
        return max(self.total - self.done - self.skipped, 0)

    def record(self, item: BatchItem) -> None:
        """Count one finished code.

        Example:
            >>> p = BatchProgress(); p.record(("x", InvalidCodeError("bad"))); p.invalid
            1
        """
        self.done += 1
        _, result = item
        if isinstance(result, InvalidCodeError):
            self.invalid += 1
            return
        if result.offers:
            self.found += 1
        elif result.errors:
            self.failed += 1
        else:
            self.nothing_found += 1
        for status in result.sources:
            tally = self.sources.setdefault(status.source, SourceTally())
            tally.requests += status.requests
            tally.cache_hits += status.cache_hits
            tally.throttled += status.throttled
            tally.offers += status.offers
            if status.error_type:
                tally.failures[status.error_type] = tally.failures.get(status.error_type, 0) + 1


def _status(result: Results | InvalidCodeError) -> str:
    if isinstance(result, InvalidCodeError):
        return "invalid"
    if result.offers:
        return "found"
    return "failed" if result.errors else "none"


def batch_record(item: BatchItem, *, full: bool = False) -> dict[str, Any]:
    """One output record per input: status, the best offer, counts, failures.

    Example:
        >>> batch_record(("x", InvalidCodeError("empty input")))["status"]
        'invalid'
    """
    text, result = item
    if isinstance(result, InvalidCodeError):
        return {"input": text, "code": None, "status": "invalid", "error": str(result)}
    out: dict[str, Any] = {
        "input": text,
        "code": result.code.value,
        "status": _status(result),
        "product": result.product.model_dump(exclude_none=True, exclude={"asins"}),
        "offers": len(result.offers),
        "excluded": len(result.excluded),
        "errors": [e.model_dump() for e in result.errors],
    }
    best = result.best
    if best is not None:
        offer = best.offer
        out["best"] = {
            "source": offer.source, "title": offer.title, "url": offer.url,
            "price": offer.price, "shipping_fee": offer.shipping_fee, "points": offer.points,
            "effective_price": best.effective_price, "score": best.score,
            "condition": offer.condition.value, "flags": sorted(f.value for f in best.flags),
            "seller": offer.seller.name if offer.seller else None,
        }
    if full:
        out["results"] = json.loads(result.model_dump_json())
    return out


def load_checkpoint(path: str | Path | None) -> set[str]:
    """The inputs a checkpoint file records as finished (an empty set without one).

    A truncated last line (a crash mid-write) is ignored: that code is simply redone.

    Example:
        >>> load_checkpoint(None)
        set()
    """
    if path is None:
        return set()
    target = Path(path)
    if not target.exists():
        return set()
    done: set[str] = set()
    with target.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("input"), str):
                done.add(record["input"])
    return done


class _Checkpoint:
    def __init__(self, path: str | Path | None) -> None:
        self._handle: IO[str] | None = None
        if path is not None:
            target = Path(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            self._handle = target.open("a", encoding="utf-8")

    def write(self, text: str, result: Results | InvalidCodeError) -> None:
        if self._handle is None:
            return
        record: dict[str, Any] = {"input": text, "status": _status(result)}
        if isinstance(result, Results):
            record["code"] = result.code.value
            record["offers"] = len(result.offers)
            record["errors"] = [e.source for e in result.errors]
        else:
            record["error"] = str(result)
        self._handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()


async def _aiter_codes(codes: Iterable[CodeInput] | AsyncIterable[CodeInput]
                       ) -> AsyncIterator[CodeInput]:
    if isinstance(codes, AsyncIterable):
        async for code in codes:
            yield code
    else:
        for code in codes:
            yield code


def _text(code: CodeInput) -> str:
    return code.value if isinstance(code, ProductCode) else str(code).strip()


async def find_alternatives_many(
    codes: Iterable[CodeInput] | AsyncIterable[CodeInput],
    *,
    sources: Iterable[Source | str] | None = None,
    policy: RankingPolicy | None = None,
    client: httpx.AsyncClient | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    cache: HttpCache | bool | str | Path | None = None,
    checkpoint: str | Path | None = None,
    on_progress: Callable[[BatchProgress], None] | None = None,
    timeout: float | None = None,
    now: datetime | None = None,
) -> AsyncIterator[BatchItem]:
    """Search many codes; yield ``(code, Results)`` as each one completes.

    Args:
        codes: any iterable or async iterable of codes (read lazily; a generator over a
            file of a million lines is fine).
        sources, policy, client, now: as for :func:`~altfinder.find_alternatives`; the
            sources, client, cache and rate limiters are shared by every lookup.
        concurrency: codes in flight at once (memory is bounded by it).
        cache: as for :func:`~altfinder.find_alternatives`.
        checkpoint: a JSON-lines file; codes already recorded there are skipped, and
            each finished code is appended once the consumer has taken its result.
        on_progress: called with a :class:`BatchProgress` after every code.
        timeout: a deadline per code in seconds; default none (each request still has
            its own timeout and bounded retries), because in a batch a lookup may wait
            its turn at a rate limiter for a while without anything being wrong.

    Yields:
        ``(input, result)``: the input as given (stripped), and its
        :class:`~altfinder.Results` — or the :class:`~altfinder.InvalidCodeError` that
        says why the input is not a code (a bad line never stops a batch).

    Example:
        >>> # async for code, res in find_alternatives_many(open("codes.txt"), checkpoint="ck"):
        >>> #     print(code, res.best)
    """
    if concurrency < 1:
        raise ConfigurationError(f"concurrency must be at least 1, got {concurrency}")
    if timeout is not None and not timeout > 0:
        raise ConfigurationError(f"timeout must be a positive number of seconds, got {timeout}")
    chosen = resolve_sources(sources)
    ranking = policy or RankingPolicy()
    done_before = load_checkpoint(checkpoint)
    progress = BatchProgress(total=len(codes) if isinstance(codes, Sized) else None)
    started = time.monotonic()
    http_cache, owned_cache = resolve_cache(cache)
    writer = _Checkpoint(checkpoint)
    in_flight: dict[asyncio.Task[Results], str] = {}

    def report(item: BatchItem) -> None:
        progress.record(item)
        progress.elapsed_s = time.monotonic() - started
        writer.write(*item)
        if on_progress is not None:
            on_progress(progress.model_copy(deep=True))

    try:
        async with _client(client) as http_client:
            pending_codes = _aiter_codes(codes).__aiter__()
            exhausted = False
            while True:
                while not exhausted and len(in_flight) < concurrency:
                    try:
                        raw = await pending_codes.__anext__()
                    except StopAsyncIteration:
                        exhausted = True
                        break
                    text = _text(raw)
                    if not text or text in done_before:
                        progress.skipped += 1 if text else 0
                        continue
                    try:
                        code = raw if isinstance(raw, ProductCode) else parse_code(raw)
                    except InvalidCodeError as exc:
                        item: BatchItem = (text, exc)
                        yield item
                        report(item)
                        continue
                    deadline = Deadline(timeout)
                    task = asyncio.create_task(search_once(
                        code, chosen, ranking, http_client, deadline=deadline, now=now,
                        cache=http_cache))
                    in_flight[task] = text
                if not in_flight:
                    break
                finished, _ = await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
                for task in finished:
                    text = in_flight.pop(task)
                    item = (text, task.result())
                    yield item
                    report(item)
    finally:
        for task in in_flight:
            task.cancel()
        if in_flight:
            await asyncio.gather(*in_flight, return_exceptions=True)
        writer.close()
        if owned_cache and http_cache is not None:
            await http_cache.aclose()


def find_alternatives_many_sync(
    codes: Iterable[CodeInput],
    *,
    sources: Iterable[Source | str] | None = None,
    policy: RankingPolicy | None = None,
    client: httpx.AsyncClient | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    cache: HttpCache | bool | str | Path | None = None,
    checkpoint: str | Path | None = None,
    on_progress: Callable[[BatchProgress], None] | None = None,
    timeout: float | None = None,
    now: datetime | None = None,
) -> Iterator[BatchItem]:
    """The synchronous twin of :func:`find_alternatives_many` (scripts, notebooks, pandas).

    Example:
        >>> from altfinder.sandbox import Sandbox
        >>> sandbox = Sandbox(time_scale=50)
        >>> [type(r).__name__ for _, r in find_alternatives_many_sync(
        ...     ["4902370548495"], sources=sandbox.sources(), client=sandbox.client())]
        ['Results']
    """
    return iterate_sync(find_alternatives_many(
        codes, sources=sources, policy=policy, client=client, concurrency=concurrency,
        cache=cache, checkpoint=checkpoint, on_progress=on_progress, timeout=timeout, now=now))


def lookup_partition(
    codes: Iterable[CodeInput],
    *,
    sources: Callable[[], list[Source]] | list[str] | None = None,
    client: Callable[[], httpx.AsyncClient] | None = None,
    quota_share: float = 1.0,
    cache: str | Path | None = None,
    policy: RankingPolicy | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    full: bool = False,
) -> list[dict[str, Any]]:
    """Search one partition of a large run on a worker; return one record per code.

    Made for engines that map a function over partitions in other processes or machines
    (Dask, Ray): everything it takes pickles. ``sources`` is a list of registered names
    (built from the worker's environment) or a factory; ``client`` a factory for the
    HTTP client. Quotas are per credential, not per worker: when ``n`` workers share
    credentials, give each ``quota_share=1/n`` of the rate (or give each worker its own
    credentials). ``cache`` is a SQLite path every worker can reach (one file is safe for
    several processes) — or use :meth:`HttpCache.redis` through a factory.

    Example:
        >>> from functools import partial
        >>> from altfinder.sandbox import Sandbox, demo_sources
        >>> rows = lookup_partition(["4902370548495", "bad"],
        ...                         sources=partial(demo_sources, time_scale=50),
        ...                         client=Sandbox(time_scale=50).client)
        >>> [r["status"] for r in rows]
        ['invalid', 'found']
    """
    if not 0 < quota_share <= 1:
        raise ConfigurationError(f"quota_share must be in (0, 1], got {quota_share}")
    built = sources() if callable(sources) else resolve_sources(sources)
    for source in built:
        if quota_share != 1.0:
            source.rate_limit = source.rate_limit.scaled(quota_share)  # type: ignore[misc]
    http_client = client() if client is not None else None
    try:
        return [batch_record(item, full=full) for item in find_alternatives_many_sync(
            codes, sources=built, client=http_client, cache=cache, policy=policy,
            concurrency=concurrency)]
    finally:
        if http_client is not None:
            run_sync(http_client.aclose())
