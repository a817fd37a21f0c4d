# %% [markdown]
# # Spreading a large run over Dask workers
#
# altfinder does not schedule work across machines; an engine you already run does.
# `lookup_partition` is a picklable function for `map_partitions`: each worker searches its
# partition with its own client and limiters, all workers share one cache file (or Redis),
# and — because quotas are per credential, not per worker — each worker gets its share of
# the rate. Here the "marketplace" is the sandbox on a loopback port, which sees all
# workers' requests together, as a real marketplace would.
#
#     pip install "dask[bag]"

# %%
import tempfile
from functools import partial
from pathlib import Path

from altfinder.batch import lookup_partition
from altfinder.sandbox import PRODUCTS, Sandbox, demo_sources, loopback_client


def main() -> None:
    import dask.bag as db

    workers = 2
    codes = [p.jan for p in PRODUCTS]
    cache = str(Path(tempfile.mkdtemp()) / "shared-cache.sqlite")
    sandbox = Sandbox(time_scale=20)
    with sandbox.serve() as server:
        run = partial(
            lookup_partition,
            sources=partial(demo_sources, time_scale=20),   # real runs: ["rakuten", ...]
            client=partial(loopback_client, server.url),     # real runs: leave out
            quota_share=1 / workers,                        # one credential, two workers
            cache=cache,
        )
        records = (db.from_sequence(codes, npartitions=workers)
                   .map_partitions(run)
                   .compute(scheduler="processes", num_workers=workers))
    for record in sorted(records, key=lambda r: r["input"])[:5]:
        best = record.get("best") or {}
        print(record["input"], record["status"], best.get("effective_price"), best.get("source"))
    print(f"{len(records)} codes, {sum(r['status'] == 'found' for r in records)} found")


if __name__ == "__main__":  # worker processes import this module; only the parent runs
    main()
