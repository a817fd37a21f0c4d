"""Fan-out: wall time of one search over every source ÷ the slowest source's latency.

Every marketplace in the sandbox answers after ``--latency`` seconds, and one of them (in
turn) after ``--slow`` seconds. Sources run concurrently, so the wall time should be the
slow source's latency, not the sum. Target: ≤ 1.10.

Title-searching marketplaces (the flea markets) cannot start before a code-searching one
has said what the product is; when the slow source is the only one that can, the wall
time is that chain, and the script says so.

    python benchmarks/fanout.py
"""

from __future__ import annotations

import time

from _common import machine, parser, report

from altfinder import find_alternatives
from altfinder.sandbox import DEMO_CODE, Sandbox


def run(latency: float, slow: float) -> list[tuple[str, float]]:
    ratios = []
    names = Sandbox().names
    for slow_name in names:
        sandbox = Sandbox(time_scale=1000)
        for name in names:
            sandbox.set_fault(name, latency=slow if name == slow_name else latency)
        client = sandbox.client()
        find_alternatives(DEMO_CODE, sources=sandbox.sources(), client=client, timeout=30)
        started = time.perf_counter()
        res = find_alternatives(DEMO_CODE, sources=sandbox.sources(), client=client, timeout=30)
        wall = time.perf_counter() - started
        assert not res.errors, res.errors
        ratios.append((slow_name, wall / slow))
    return ratios


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    latency, slow = (0.05, 0.25) if args.smoke else (0.1, 0.5)
    print(f"fan-out on {machine()}; every source {latency}s, one source {slow}s")
    ratios = run(latency, slow)
    for name, ratio in ratios:
        print(f"  slow={name:16} wall/slowest = {ratio:.3f}")
    report("fan-out ratio (worst)", max(r for _, r in ratios), "≤ 1.10")


if __name__ == "__main__":
    main()
