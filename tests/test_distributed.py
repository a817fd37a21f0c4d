"""A large run spread over Dask worker processes, sharing one cache file and one quota.

The marketplace here is the sandbox on a loopback port: one server that sees every
worker's requests together and answers 429 above the (time-scaled) limit, as the real
marketplace would. Each of the two workers gets half the quota (``quota_share=0.5``),
because quotas are per credential, not per worker. Two workers' requests can still meet
closer than one interval now and then; such a 429 is retried (honouring Retry-After),
so every code still completes.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from altfinder.batch import lookup_partition
from altfinder.sandbox import PRODUCTS, Sandbox, demo_sources, loopback_client

dask_bag = pytest.importorskip("dask.bag", reason="Dask is an optional engine (dev extra)")

SPEED = 20


def test_dask_processes_share_cache_and_quota(tmp_path: Path) -> None:
    codes = [p.jan for p in PRODUCTS] + ["not-a-code"]
    cache = str(tmp_path / "shared-cache.sqlite")
    sandbox = Sandbox(time_scale=SPEED)
    with sandbox.serve() as server:
        run = partial(lookup_partition, sources=partial(demo_sources, time_scale=SPEED),
                      client=partial(loopback_client, server.url), quota_share=0.5,
                      cache=cache)
        bag = dask_bag.from_sequence(codes, npartitions=2)
        records = bag.map_partitions(run).compute(scheduler="processes", num_workers=2)
        assert sorted(r["input"] for r in records) == sorted(codes)
        assert sum(r["status"] == "found" for r in records) == len(PRODUCTS)
        served = len(sandbox.requests)

        again = bag.map_partitions(run).compute(scheduler="processes", num_workers=2)
        assert [r["status"] for r in sorted(again, key=lambda r: r["input"])] == [
            r["status"] for r in sorted(records, key=lambda r: r["input"])]
        assert len(sandbox.requests) == served  # the second run came entirely from the cache
