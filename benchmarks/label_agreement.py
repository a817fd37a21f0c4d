"""Do two labellers agree? The eval's labels against a second, independent labeller.

300 titles of blind52–123 were drawn at random (seed 20261126) when the matcher was at
a637a9d: 150 among its errors and 150 among its right verdicts. They were shuffled and given,
without labels, to two more writers who saw only the reference and the listing title; their
labels are in ``tests/data/matching_agreement.jsonl``. This script compares them with the
eval's labels, and with the matcher's verdicts today.

    python benchmarks/label_agreement.py
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

from matcher_eval import DATA, load, verdicts

AGREEMENT = DATA.with_name("matching_agreement.jsonl")


def main(argv: Iterable[str] | None = None) -> int:
    """Print the agreement; ``argv`` is ignored (``--smoke`` comes from run_all.py)."""
    products, rows = load()
    labels = {(r.product, r.title): r for r in rows}
    second = [json.loads(line) for line in AGREEMENT.read_text(encoding="utf-8").splitlines()
              if line.strip()]
    picked = [labels[(s["product"], s["title"])] for s in second]
    found = verdicts(products, picked)
    print(f"{len(second)} titles labelled again, blind, by a second writer")
    for drawn, among in (("error", "the matcher's errors"), ("right", "its right verdicts")):
        group = [(s, r) for s, r in zip(second, picked, strict=True) if s["drawn_as"] == drawn]
        agree = sum(s["second_label"] == r.match for s, r in group)
        print(f"  drawn among {among:21}: second label = eval label {agree}/{len(group)}")
    wrong_now = [(s, r) for s, r, m in zip(second, picked, found, strict=True)
                 if m.is_match != r.match]
    with_matcher = sum(s["second_label"] != r.match for s, r in wrong_now)
    print(f"  the matcher's errors today among them: {len(wrong_now)}; the second writer sides "
          f"with the matcher on {with_matcher}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
