"""``altfinder batch``: codes from a text or CSV file to JSON lines or CSV, resumable."""

from __future__ import annotations

import csv
import gc
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from altfinder.batch import (
    BatchProgress,
    batch_record,
    find_alternatives_many_sync,
    load_checkpoint,
)

__all__ = ["CSV_FIELDS", "read_codes", "run_batch"]

CODE_COLUMNS = ("code", "jan", "ean", "isbn", "asin", "input", "url")
CSV_FIELDS = [
    "input", "code", "status", "title", "best_source", "best_price", "best_shipping_fee",
    "best_points", "best_effective_price", "best_score", "best_condition", "best_flags",
    "best_seller", "best_url", "offers", "excluded", "errors",
]


def read_codes(path: Path) -> Iterator[str]:
    """Codes from a file: one per line (``#`` comments allowed), or a CSV column.

    A CSV file is read by its ``code``/``jan``/``isbn``/``asin`` column, else its first.

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.csv"
        >>> _ = p.write_text("name,jan\\nswitch,4902370548495\\n")
        >>> list(read_codes(p))
        ['4902370548495']
    """
    if path.suffix.lower() == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                return
            lowered = [h.strip().lower() for h in header]
            column = next((lowered.index(c) for c in CODE_COLUMNS if c in lowered), None)
            if column is None:
                column = 0
                if header and header[0].strip():
                    yield header[0].strip()  # no header row: the first line is a code
            for row in reader:
                if len(row) > column and row[column].strip():
                    yield row[column].strip()
        return
    with path.open(encoding="utf-8-sig") as handle:
        for line in handle:
            text = line.split("#", 1)[0].strip()
            if text:
                yield text


def _csv_row(rec: dict[str, Any]) -> dict[str, Any]:
    best = rec.get("best") or {}
    return {
        "input": rec["input"], "code": rec.get("code"), "status": rec["status"],
        "title": (rec.get("product") or {}).get("title"),
        "best_source": best.get("source"), "best_price": best.get("price"),
        "best_shipping_fee": best.get("shipping_fee"), "best_points": best.get("points"),
        "best_effective_price": best.get("effective_price"), "best_score": best.get("score"),
        "best_condition": best.get("condition"), "best_flags": ",".join(best.get("flags", [])),
        "best_seller": best.get("seller"), "best_url": best.get("url"),
        "offers": rec.get("offers"), "excluded": rec.get("excluded"),
        "errors": ",".join(e["source"] for e in rec.get("errors", [])) or rec.get("error"),
    }


def _done_inputs(output: Path) -> set[str]:
    if not output.exists():
        return set()
    if output.suffix.lower() == ".csv":
        with output.open(newline="", encoding="utf-8") as handle:
            return {row["input"] for row in csv.DictReader(handle) if row.get("input")}
    return load_checkpoint(output)


def _summary(progress: BatchProgress, console: Console) -> None:
    console.print(
        f"[bold]{progress.done} codes[/bold] in {progress.elapsed_s:.1f} s: "
        f"{progress.found} found, {progress.nothing_found} nothing found, "
        f"{progress.failed} failed, {progress.invalid} invalid"
        + (f", {progress.skipped} already done" if progress.skipped else ""))
    table = Table("source", "requests", "cache hits", "429s", "offers", "failures")
    for name, tally in sorted(progress.sources.items()):
        failures = ", ".join(f"{k} {v}" for k, v in sorted(tally.failures.items())) or "—"
        table.add_row(name, str(tally.requests), str(tally.cache_hits), str(tally.throttled),
                      str(tally.offers), failures)
    console.print(table)


def run_batch(
    source_file: Path,
    output: Path,
    *,
    console: Console,
    sources: Any = None,
    client: Any = None,
    policy: Any = None,
    concurrency: int = 8,
    cache: Any = True,
    restart: bool = False,
    full: bool = False,
    show_progress: bool = True,
) -> BatchProgress:
    """Run a batch from ``source_file`` to ``output`` (``.jsonl`` or ``.csv``), resumably.

    An existing output file is the checkpoint: its codes are skipped and new results are
    appended (``restart=True`` starts over).

    Example:
        >>> # run_batch(Path("codes.txt"), Path("out.jsonl"), console=Console())
    """
    if restart and output.exists():
        output.unlink()
    done = _done_inputs(output)
    if done:
        console.print(f"resuming: {len(done)} codes already in {output}")
    total = sum(1 for _ in read_codes(source_file))
    as_csv = output.suffix.lower() == ".csv"
    output.parent.mkdir(parents=True, exist_ok=True)
    new_file = not output.exists() or output.stat().st_size == 0
    handle: IO[str] = output.open("a", newline="" if as_csv else None, encoding="utf-8")
    writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS) if as_csv else None
    if writer is not None and new_file:
        writer.writeheader()
    last = BatchProgress(total=total)
    skipped = 0

    def remaining() -> Iterator[str]:
        nonlocal skipped
        for code in read_codes(source_file):
            if code in done:
                skipped += 1
                continue
            yield code

    columns = (TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(),
               TextColumn("found {task.fields[found]} · failed {task.fields[failed]}"),
               TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, disable=not show_progress, transient=False) as bar:
        task = bar.add_task("batch", total=total, completed=0, found=0, failed=0)

        def on_progress(progress: BatchProgress) -> None:
            nonlocal last
            last = progress
            bar.update(task, completed=progress.done + skipped, found=progress.found,
                       failed=progress.failed)

        # Everything alive now (modules, sources, the catalogue) lives as long as the run:
        # kept out of the collector, full collections stay short, so a collection pause
        # does not hold two paced requests back and send them together.
        gc.collect()
        gc.freeze()
        try:
            for item in find_alternatives_many_sync(
                    remaining(), sources=sources, client=client, policy=policy,
                    concurrency=concurrency, cache=cache, on_progress=on_progress):
                rec = batch_record(item, full=full)
                if writer is not None:
                    writer.writerow(_csv_row(rec))
                else:
                    handle.write(json.dumps(rec, ensure_ascii=False) + "\n")
                handle.flush()
            bar.update(task, completed=last.done + skipped)
        except KeyboardInterrupt:
            handle.close()
            last.skipped = skipped
            _summary(last, console)
            console.print(f"interrupted: re-run the same command to resume from {output}")
            raise
        finally:
            gc.unfreeze()
            if not handle.closed:
                handle.close()
    last.skipped = skipped
    last.total = total
    _summary(last, console)
    return last


if __name__ == "__main__":  # pragma: no cover
    sys.exit("use: altfinder batch CODES -o OUT")
