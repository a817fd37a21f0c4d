"""Batch lookups: streaming, bounded concurrency, shared quotas, checkpoints, CLI."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest

from altfinder import (
    BatchProgress,
    InvalidCodeError,
    Offer,
    Results,
    find_alternatives_many,
    find_alternatives_many_sync,
)
from altfinder.cli import main
from altfinder.http import RateLimit
from altfinder.sandbox import PRODUCTS, Sandbox
from altfinder.sources.base import SearchContext, Source
from tests.conftest import NOW

CODES = [p.jan for p in PRODUCTS]


class Counting(Source):
    """Counts how many searches run at once."""

    name = "counting_test"
    label = "counting"
    rate_limit = RateLimit(requests=1000)

    def __init__(self) -> None:
        super().__init__()
        self.running = 0
        self.peak = 0

    async def search(self, ctx: SearchContext) -> None:
        self.running += 1
        self.peak = max(self.peak, self.running)
        await asyncio.sleep(0.01)
        ctx.add(Offer(source=self.name, title="x", url=f"https://x/{ctx.code.value}", price=100,
                      shipping_fee=0))
        self.running -= 1


async def test_every_code_is_yielded_once_with_invalid_ones_explained(sandbox: Sandbox) -> None:
    seen: dict[str, Results | InvalidCodeError] = {}
    async for code, result in find_alternatives_many(
            [*CODES[:5], "12345", " ", CODES[0]], sources=sandbox.sources(),
            client=sandbox.client(), now=NOW):
        assert code not in seen or code == CODES[0]
        seen[code] = result
    assert set(seen) == {*CODES[:5], "12345"}
    assert isinstance(seen["12345"], InvalidCodeError)
    assert all(isinstance(seen[c], Results) for c in CODES[:5])


async def test_concurrency_bounds_what_is_in_flight() -> None:
    source = Counting()
    count = 0
    async for _ in find_alternatives_many((c for c in CODES * 4), sources=[source],
                                          concurrency=3, now=NOW):
        count += 1
    assert count == len(CODES * 4)
    assert source.peak == 3


async def test_rate_limit_is_shared_and_never_exceeded() -> None:
    sandbox = Sandbox(time_scale=10, clock=lambda: NOW.timestamp())
    results = [r async for _, r in find_alternatives_many(
        CODES[:10], sources=sandbox.sources(), client=sandbox.client(), concurrency=8, now=NOW)]
    assert all(isinstance(r, Results) and r.errors == [] for r in results)
    for name in sandbox.names:  # no marketplace ever had to answer 429
        assert sandbox.service(name).rate.refused == 0, name
    assert sum(s.throttled for r in results if isinstance(r, Results) for s in r.sources) == 0


async def test_progress_reports_counts(sandbox: Sandbox) -> None:
    snapshots: list[BatchProgress] = []
    codes = [*CODES[:3], "bad", "4901234567894"]
    async for _ in find_alternatives_many(codes, sources=sandbox.sources(),
                                          client=sandbox.client(), on_progress=snapshots.append,
                                          now=NOW):
        pass
    last = snapshots[-1]
    assert (last.total, last.done, last.found, last.invalid, last.nothing_found) == (5, 5, 3, 1, 1)
    assert last.sources["yahoo_shopping"].requests == 4


async def test_checkpoint_resumes_without_losing_or_repeating(sandbox: Sandbox,
                                                              tmp_path: Path) -> None:
    checkpoint = tmp_path / "ck.jsonl"
    first: list[str] = []
    async for code, _ in find_alternatives_many(CODES[:8], sources=sandbox.sources(),
                                                client=sandbox.client(), concurrency=2,
                                                checkpoint=checkpoint, now=NOW):
        first.append(code)
        if len(first) == 3:
            break  # the consumer stops: the third result was taken but not confirmed
    recorded = [json.loads(line)["input"] for line in checkpoint.read_text().splitlines()]
    assert recorded == first[:2]
    second = [code async for code, _ in find_alternatives_many(
        CODES[:8], sources=sandbox.sources(), client=sandbox.client(), checkpoint=checkpoint,
        now=NOW)]
    assert sorted(first[:2] + second) == sorted(CODES[:8])
    assert first[2] in second


def test_truncated_checkpoint_line_is_redone(tmp_path: Path) -> None:
    from altfinder.batch import load_checkpoint

    checkpoint = tmp_path / "ck.jsonl"
    checkpoint.write_text('{"input": "4902370548495", "status": "found"}\n{"input": "49')
    assert load_checkpoint(checkpoint) == {"4902370548495"}


def test_sync_twin_and_early_exit(sandbox: Sandbox) -> None:
    gen = find_alternatives_many_sync(CODES, sources=sandbox.sources(),
                                      client=sandbox.client(), now=NOW)
    first = next(gen)
    gen.close()  # closing runs the async generator's cleanup on its loop
    assert isinstance(first[1], Results)


def test_bad_options() -> None:
    with pytest.raises(ValueError, match="concurrency"):
        list(find_alternatives_many_sync(CODES, sources=[Counting()], concurrency=0))


def test_cli_batch_csv_in_and_out_and_resume(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "codes.csv"
    source.write_text("name,jan\nswitch,4902370548495\nbook,9784873115658\nbad,12\n",
                      encoding="utf-8")
    out = tmp_path / "out.csv"
    args = ["batch", str(source), "-o", str(out), "--sandbox", "--sandbox-speed", "50",
            "--no-cache"]
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "3 codes" in text and "2 found" in text and "1 invalid" in text
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("input,code,status") and len(rows) == 4
    assert main(args) == 0
    assert "3 already done" in capsys.readouterr().out
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4


def test_cli_batch_jsonl_with_cache(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "codes.txt"
    source.write_text("4902370548495\n# a comment\n9784873115658\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    cache = tmp_path / "cache.sqlite"
    args = ["batch", str(source), "-o", str(out), "--sandbox", "--sandbox-speed", "50", "--cache",
            str(cache)]
    assert main(args) == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["status"] for r in records] == ["found", "found"]
    assert records[0]["best"]["effective_price"] > 0
    assert main([*args, "--restart"]) == 0
    # all from the cache (the column is as wide as the longest source name)
    assert re.search(r"│ yahoo_shopping +│ 0 +│ 2 ", capsys.readouterr().out)
