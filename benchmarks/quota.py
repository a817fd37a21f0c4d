"""Quota: achieved request rate ÷ allowed rate over a batch, and the 429s it caused.

Runs ``--codes`` codes (1,000 by default) through ``find_alternatives_many`` against the
sandbox with every rate limit scaled ``--speed`` times (20 by default; the sandbox enforces
the scaled limits and answers 429 above them). For each marketplace it measures the request rate
between its first and last request; the marketplace with the most requests per code is
the bottleneck, and its ratio is what a batch can reach. Target: ≥ 0.95 with zero 429s.

    python benchmarks/quota.py
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections import defaultdict

from _common import codes, machine, parser, report

from altfinder import find_alternatives_many
from altfinder.sandbox import Sandbox


async def run(count: int, speed: float, concurrency: int) -> dict[str, tuple[int, float, float]]:
    sandbox = Sandbox(time_scale=speed)
    stamps: dict[str, list[float]] = defaultdict(list)
    handle = sandbox.handle

    async def timed(request):  # type: ignore[no-untyped-def]
        service = sandbox._by_host.get(request.host)
        if service is not None:
            stamps[service.name].append(time.perf_counter())
        return await handle(request)

    sandbox.handle = timed  # type: ignore[method-assign]
    sources = sandbox.sources()
    gc.collect()
    gc.freeze()  # as altfinder batch does: short full collections (docs/batch.md)
    async for _ in find_alternatives_many(codes(count), sources=sources, client=sandbox.client(),
                                          concurrency=concurrency):
        pass
    out = {}
    for source in sources:
        times = sorted(stamps[source.name])
        if len(times) < 2:
            continue
        achieved = (len(times) - 1) / (times[-1] - times[0])
        allowed = 1 / source.rate_limit.interval
        out[source.name] = (len(times), achieved / allowed,
                            float(sandbox.service(source.name).rate.refused))
    return out


def main() -> None:
    p = parser(__doc__ or "")
    p.add_argument("--codes", type=int, default=1000)
    p.add_argument("--speed", type=float, default=20.0)
    p.add_argument("--concurrency", type=int, default=16)
    args = p.parse_args()
    count = 100 if args.smoke else args.codes
    print(f"quota on {machine()}; {count} codes, limits x{args.speed:g}, "
          f"concurrency {args.concurrency}")
    started = time.perf_counter()
    results = asyncio.run(run(count, args.speed, args.concurrency))
    print(f"  batch took {time.perf_counter() - started:.1f}s")
    for name, (requests, ratio, refused) in sorted(results.items()):
        print(f"  {name:16} {requests:6} requests  achieved/allowed = {ratio:.3f}  "
              f"429s = {refused:g}")
    bottleneck = max(results, key=lambda n: results[n][0])
    report("quota ratio (bottleneck)", results[bottleneck][1], "≥ 0.95",
           f"{bottleneck}; 429s in total: {sum(r[2] for r in results.values()):g}")


if __name__ == "__main__":
    main()
