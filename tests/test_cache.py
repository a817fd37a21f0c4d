"""The persistent HTTP cache: warm runs, TTLs, modes, negative caching, secrets, processes."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from altfinder import HttpCache, find_alternatives
from altfinder.cache import resolve_cache
from altfinder.sandbox import Sandbox
from altfinder.sources import YahooShopping
from tests.conftest import NOW

JAN = "4902370548495"
SENTINEL = "dj00CACHE-SENTINEL-4c1d"


def _run(sandbox: Sandbox, cache: HttpCache | str | Path, code: str = JAN):
    # One marketplace keeps the request counts exact; test_batch covers them all.
    return find_alternatives(code, sources=sandbox.sources(names=["yahoo_shopping"]),
                             client=sandbox.client(), now=NOW, cache=cache)


def test_warm_run_sends_nothing_and_returns_the_same(sandbox: Sandbox, tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    cold = _run(sandbox, path)
    warm = _run(sandbox, path)
    assert cold.sources[0].requests == 1 and cold.sources[0].cache_hits == 0
    assert warm.sources[0].requests == 0 and warm.sources[0].cache_hits == 1
    assert [r.offer.url for r in warm] == [r.offer.url for r in cold]
    assert [r.score for r in warm] == [r.score for r in cold]


def test_no_offers_is_cached_too(sandbox: Sandbox, tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    assert _run(sandbox, path, "4901234567894").offers == []
    again = _run(sandbox, path, "4901234567894")
    assert again.sources[0].requests == 0 and again.sources[0].cache_hits == 1


def test_failures_are_not_cached(sandbox: Sandbox, tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    sandbox.set_fault("yahoo_shopping", status=503)
    assert _run(sandbox, path).errors
    sandbox.clear_faults()
    res = _run(sandbox, path)
    assert res.errors == [] and res.sources[0].cache_hits == 0


def test_refresh_and_bypass_modes(sandbox: Sandbox, tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    _run(sandbox, path)
    refreshed = _run(sandbox, HttpCache(path=path, mode="refresh"))
    assert refreshed.sources[0].requests == 1
    bypassed = _run(sandbox, HttpCache(path=path, mode="bypass"))
    assert bypassed.sources[0].requests == 1 and bypassed.sources[0].cache_hits == 0
    assert _run(sandbox, path).sources[0].cache_hits == 1


def test_ttl_expiry_and_terms_cap(sandbox: Sandbox, tmp_path: Path) -> None:
    import time

    cache = HttpCache(path=tmp_path / "c.sqlite", ttl={"yahoo_shopping": 0.2})
    _run(sandbox, cache)
    assert _run(sandbox, cache).sources[0].cache_hits == 1
    time.sleep(0.3)
    assert _run(sandbox, cache).sources[0].cache_hits == 0
    assert cache.ttl_for("rakuten", 10**6, 86400) == 86400


def test_nothing_secret_is_written(tmp_path: Path) -> None:
    sandbox = Sandbox(time_scale=50, clock=lambda: NOW.timestamp())
    sandbox.allow_credential("yahoo_shopping", SENTINEL)
    path = tmp_path / "c.sqlite"
    source = YahooShopping(client_id=SENTINEL, rate_limit=YahooShopping.rate_limit.scaled(50))
    res = find_alternatives(JAN, sources=[source], client=sandbox.client(), now=NOW, cache=path)
    assert res.offers
    for file in tmp_path.iterdir():
        assert SENTINEL.encode() not in file.read_bytes(), file.name
    rows = sqlite3.connect(path).execute("select cache_key, data from entries").fetchall()
    assert rows and all(SENTINEL.encode() not in bytes(data) for _, data in rows)


def test_same_answer_for_another_credential_is_not_a_leak_but_a_hit(tmp_path: Path) -> None:
    # The key ignores credential values: the same query by another client id of the same
    # user hits the cache (the answer does not depend on who asked).
    sandbox = Sandbox(time_scale=50, clock=lambda: NOW.timestamp())
    sandbox.allow_credential("yahoo_shopping", SENTINEL)
    path = tmp_path / "c.sqlite"
    _run(sandbox, path)
    source = YahooShopping(client_id=SENTINEL, rate_limit=YahooShopping.rate_limit.scaled(50))
    res = find_alternatives(JAN, sources=[source], client=sandbox.client(), now=NOW, cache=path)
    assert res.sources[0].cache_hits == 1


def _worker(path: str, code: str, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    sandbox = Sandbox(time_scale=50, clock=lambda: NOW.timestamp())
    res = find_alternatives(code, sources=sandbox.sources(names=["yahoo_shopping"]),
                            client=sandbox.client(), now=NOW, cache=path)
    queue.put((len(res), res.sources[0].cache_hits, [e.message for e in res.errors]))


def test_several_processes_share_one_cache_file(tmp_path: Path) -> None:
    path = str(tmp_path / "shared.sqlite")
    codes = ["4902370548495", "9784873115658", "4948872421560", "4549995433944"]
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    workers = [ctx.Process(target=_worker, args=(path, code, queue)) for code in codes * 2]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    outcomes = [queue.get(timeout=5) for _ in workers]
    assert all(errors == [] for _, _, errors in outcomes)
    assert all(count > 0 for count, _, _ in outcomes)
    sandbox = Sandbox(time_scale=50, clock=lambda: NOW.timestamp())
    for code in codes:  # every answer is now in the shared file
        assert _run(sandbox, path, code).sources[0].cache_hits == 1


def test_resolve_cache_from_environment(tmp_path: Path) -> None:
    cache, owned = resolve_cache(None, {"ALTFINDER_CACHE": str(tmp_path / "env.sqlite")})
    assert isinstance(cache, HttpCache) and owned
    assert resolve_cache(None, {})[0] is None
    mine = HttpCache(path=tmp_path / "x.sqlite")
    assert resolve_cache(mine) == (mine, False)
    with pytest.raises(ValueError, match="cache mode"):
        HttpCache(path=tmp_path / "y.sqlite", mode="sometimes")  # type: ignore[arg-type]


def test_redis_storage(tmp_path: Path) -> None:
    fakeredis = pytest.importorskip("fakeredis", reason="fakeredis stands in for a Redis server")
    sandbox = Sandbox(time_scale=50, clock=lambda: NOW.timestamp())
    server = fakeredis.FakeServer()

    def run():
        cache = HttpCache.redis(fakeredis.FakeAsyncRedis(server=server))
        return _run(sandbox, cache)

    cold, warm = run(), run()
    assert cold.sources[0].cache_hits == 0 and warm.sources[0].cache_hits == 1
    assert [r.offer.url for r in warm] == [r.offer.url for r in cold]
