"""Shared helpers for the benchmark scripts (run by hand, and as a short smoke run in CI)."""

from __future__ import annotations

import argparse
import os
import platform
import random
from collections.abc import Iterator

from stdnum import ean

from altfinder.sandbox import PRODUCTS


def machine() -> str:
    """One line describing the machine the figures come from."""
    cpu = platform.processor() or platform.machine()
    return (f"{platform.system()} {platform.release()} {cpu}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}")


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--smoke", action="store_true", help="a short run for CI")
    return p


def codes(count: int, seed: int = 7) -> Iterator[str]:
    """``count`` valid codes: the demo catalogue's, then valid JANs nobody sells."""
    rng = random.Random(seed)
    known = [p.jan for p in PRODUCTS]
    for n in range(count):
        if n % 2 == 0:
            yield known[(n // 2) % len(known)]
        else:
            body = "49" + "".join(rng.choice("0123456789") for _ in range(10))
            yield body + ean.calc_check_digit(body)


def report(name: str, value: float, target: str, detail: str = "") -> None:
    print(f"{name}: {value:.3f}  (target {target}){'  ' + detail if detail else ''}")
