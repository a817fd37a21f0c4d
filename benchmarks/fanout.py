"""Fan-out: one search over every source costs what its critical path costs, no more.

Every marketplace in the sandbox answers each request after ``--latency`` seconds, and one
of them (each in turn) after ``--slow`` seconds. Each source is first timed alone (with a
stub that describes the product at once, so title searches can start); then all of them
together. Run concurrently, the search must take the longest *chain*, not the sum:

* a source that does not wait for others costs its own time alone;
* a source that waits for the product's description (the flea markets search by title;
  Rakuten widens by title) starts when the describing sources are done, so its chain is
  the slowest describer's time plus its own.

The ratio printed is wall time ÷ that critical path (target ≤ 1.10), next to the wall time
÷ the slowest single source alone, which counts the dependency chains as overhead.

    python benchmarks/fanout.py
"""

from __future__ import annotations

import time

from _common import machine, parser, report

from altfinder import Product, find_alternatives
from altfinder.sandbox import DEMO_CODE, Sandbox
from altfinder.sources.base import SearchContext, Source

TITLE = "Nintendo Switch（有機ELモデル） Joy-Con(L)/(R) ホワイト"


class Stub(Source):
    name = "describer_stub"
    label = "describes the product at once"
    describes_product = True
    describe_priority = 99

    async def search(self, ctx: SearchContext) -> None:
        ctx.describe(Product(jan=DEMO_CODE, title=TITLE, brand="任天堂",
                             model_number="HEG-S-KAAAA", asins=("B098RKWHHZ",)))


def _sandbox(latencies: dict[str, float]) -> Sandbox:
    sandbox = Sandbox(time_scale=1000)
    for name, latency in latencies.items():
        sandbox.set_fault(name, latency=latency)
    return sandbox


def alone(name: str, latency: float) -> tuple[float, bool]:
    """Wall time of ``name`` alone, and whether it waited for a description."""
    sandbox = _sandbox({name: latency})
    [source] = sandbox.sources(names=[name])
    waited = False
    original = SearchContext.described_product

    async def spy(self: SearchContext, needs: tuple[str, ...] = ("title",)) -> Product:
        nonlocal waited
        if self.source == name:
            waited = True
        return await original(self, needs)

    SearchContext.described_product = spy  # type: ignore[method-assign]
    try:
        client = sandbox.client()
        find_alternatives(DEMO_CODE, sources=[source, Stub()], client=client, timeout=60)
        started = time.perf_counter()
        find_alternatives(DEMO_CODE, sources=[source, Stub()], client=client, timeout=60)
        return time.perf_counter() - started, waited
    finally:
        SearchContext.described_product = original  # type: ignore[method-assign]


def run(latency: float, slow: float) -> list[tuple[str, float, float, float]]:
    names = Sandbox().names
    describers = {s.name for s in Sandbox().sources() if s.describes_product}
    rows = []
    for slow_name in names:
        latencies = {n: (slow if n == slow_name else latency) for n in names}
        solo = {n: alone(n, latencies[n]) for n in names}
        describe = max(solo[n][0] for n in describers)
        critical = max(t + (describe if waits else 0.0) for t, waits in solo.values())
        sandbox = _sandbox(latencies)
        client = sandbox.client()
        find_alternatives(DEMO_CODE, sources=sandbox.sources(), client=client, timeout=60)
        started = time.perf_counter()
        res = find_alternatives(DEMO_CODE, sources=sandbox.sources(), client=client,
                                timeout=60)
        wall = time.perf_counter() - started
        assert not res.errors, res.errors
        rows.append((slow_name, wall / critical, wall / max(t for t, _ in solo.values()), wall))
    return rows


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    latency, slow = (0.05, 0.25) if args.smoke else (0.1, 0.5)
    print(f"fan-out on {machine()}; every request {latency}s, one source's {slow}s")
    rows = run(latency, slow)
    for name, critical, single, wall in rows:
        print(f"  slow={name:16} wall {wall:.2f}s  ÷ critical path {critical:.3f}  "
              f"÷ slowest alone {single:.3f}")
    report("fan-out ratio, wall ÷ critical path (worst)", max(r[1] for r in rows), "≤ 1.10")
    report("wall ÷ slowest source alone (worst)", max(r[2] for r in rows), "informative",
           "dependency chains count here")


if __name__ == "__main__":
    main()
