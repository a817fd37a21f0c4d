"""Cache: a warm re-run of a batch ÷ the cold run. Target: ≤ 0.02.

The cold run asks the sandbox at the real rate limits (``--speed 1``) and fills a fresh
SQLite cache; the warm run answers every request from the cache, before any rate
limiter, so it costs neither quota nor waiting.

    python benchmarks/cache_warm.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from _common import codes, machine, parser, report

from altfinder import HttpCache, find_alternatives_many_sync
from altfinder.sandbox import Sandbox


def run(count: int, speed: float) -> tuple[float, float, int]:
    path = Path(tempfile.mkdtemp()) / "bench-cache.sqlite"
    walls = []
    hits = 0
    for _ in range(2):
        sandbox = Sandbox(time_scale=speed)
        cache = HttpCache(path=path)
        started = time.perf_counter()
        for _, res in find_alternatives_many_sync(codes(count), sources=sandbox.sources(),
                                                  client=sandbox.client(), cache=cache,
                                                  concurrency=16):
            hits += sum(s.cache_hits for s in getattr(res, "sources", []))
        walls.append(time.perf_counter() - started)
    return walls[0], walls[1], hits


def main() -> None:
    p = parser(__doc__ or "")
    p.add_argument("--codes", type=int, default=30)
    p.add_argument("--speed", type=float, default=1.0)
    args = p.parse_args()
    count, speed = (10, 5.0) if args.smoke else (args.codes, args.speed)
    print(f"cache on {machine()}; {count} codes, limits x{speed:g}")
    cold, warm, hits = run(count, speed)
    print(f"  cold {cold:.2f}s, warm {warm:.3f}s, cache hits {hits}")
    report("cache ratio warm/cold", warm / cold, "≤ 0.02")


if __name__ == "__main__":
    main()
