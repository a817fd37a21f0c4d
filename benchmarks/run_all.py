"""Run every benchmark (``--smoke`` for the short CI run) and print their ratios.

    python benchmarks/run_all.py            # the full figures (several minutes)
    python benchmarks/run_all.py --smoke    # what CI runs
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPTS = ["fanout.py", "quota.py", "cache_warm.py", "memory.py", "cpu.py", "matcher_eval.py",
           "label_agreement.py"]


def main() -> int:
    here = Path(__file__).parent
    extra = sys.argv[1:]
    failed = 0
    for script in SCRIPTS:
        path = here / script
        if not path.exists():
            continue
        print(f"== {script}", flush=True)
        failed += subprocess.run([sys.executable, str(path), *extra]).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
