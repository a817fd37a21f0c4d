"""Memory: peak RSS of a batch against the sandbox, for growing numbers of codes.

Each size runs in a fresh process (``ru_maxrss``), so the figures do not mix. A batch
keeps at most ``concurrency`` codes in flight and forgets each result once yielded, so
the peak should stay flat as the number of codes grows.

    python benchmarks/memory.py            # 1,000 and 10,000 codes
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from _common import machine, parser, report

CHILD = """
import json, resource, sys
sys.path.insert(0, {here!r})
from _common import codes
from altfinder import find_alternatives_many_sync
from altfinder.sandbox import Sandbox
sandbox = Sandbox(time_scale=100000)
count = 0
for _ in find_alternatives_many_sync(codes({n}), sources=sandbox.sources(),
                                     client=sandbox.client(), concurrency=16):
    count += 1
    sandbox.requests.clear()  # the sandbox's own request log is not the batch's memory
print(json.dumps({{"codes": count,
                  "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""


def peak(n: int) -> tuple[int, int]:
    here = str(Path(__file__).parent)
    out = subprocess.run([sys.executable, "-c", CHILD.format(here=here, n=n)], check=True,
                         capture_output=True, text=True).stdout
    data = json.loads(out.strip().splitlines()[-1])
    return data["codes"], data["peak_kib"]


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    sizes = (200, 2000) if args.smoke else (1000, 10000)
    print(f"memory on {machine()}")
    figures = [peak(n) for n in sizes]
    for count, kib in figures:
        print(f"  {count:6} codes: peak RSS {kib / 1024:.1f} MiB")
    report(f"memory ratio {sizes[1]}/{sizes[0]} codes", figures[1][1] / figures[0][1],
           "≈ 1.0 (flat)")


if __name__ == "__main__":
    main()
