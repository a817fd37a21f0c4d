"""The ``altfinder`` command.

::

    altfinder find CODE [--source NAME ...] [--json] [--timeout S] [--sandbox]
    altfinder demo [CODE] [--json]
    altfinder batch CODES.txt|CODES.csv -o OUT.jsonl|OUT.csv [--concurrency N] [--no-cache]
    altfinder sandbox serve [--host H] [--port P]
    altfinder sources

Exit codes: 0 offers found, 1 none found, 2 bad input (the reason is printed); ``batch``
returns 0 once every code is done, 2 for bad input, 130 when interrupted (re-run to resume).

Example:
    >>> main(["find", "not-a-code"])
    2
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from altfinder.codes import parse_code
from altfinder.errors import ConfigurationError, InvalidCodeError
from altfinder.finder import find_alternatives
from altfinder.models import Results
from altfinder.ranking import PointsProfile, RankingPolicy

__all__ = ["main"]

EXIT_FOUND, EXIT_NONE, EXIT_BAD_INPUT = 0, 1, 2


def _yen(value: int | None) -> str:
    return "—" if value is None else f"¥{value:,}"


def render(results: Results, console: Console, *, limit: int = 20,
           show_excluded: bool = False) -> None:
    """Print the ranked offers as a table, then one status line per source.

    Example:
        >>> # render(find_alternatives("4902370548495"), Console())
    """
    product = results.product
    heading = product.title or "(title unknown)"
    console.print(Text.assemble((heading, "bold"), "  ", (results.code.value, "cyan"),
                                f"  [{results.code.kind}]"))
    if results.offers:
        table = Table(header_style="bold", show_lines=True)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("effective", justify="right", no_wrap=True)
        table.add_column("score", justify="right", no_wrap=True)
        table.add_column("price / ship / pt", justify="right", no_wrap=True)
        table.add_column("source · condition", no_wrap=True)
        table.add_column("seller", max_width=24)
        table.add_column("flags", max_width=22)
        table.add_column("title / link", ratio=1, min_width=30, overflow="fold")
        for ranked in results.offers[:limit]:
            offer = ranked.offer
            seller = offer.seller
            seller_text = seller.name if seller else "—"
            if seller and seller.rating_display:
                seller_text += f" {seller.rating_display} ({seller.rating_count or 0:,})"
            title = Text(offer.title)
            title.append("\n")
            title.append(offer.url, style=f"link {offer.url}")
            table.add_row(
                str(ranked.rank), _yen(ranked.effective_price), _yen(ranked.score),
                f"{_yen(offer.price)}\n{_yen(offer.shipping_fee)}\n{offer.points:,} pt",
                f"{offer.source}\n{offer.condition.value}",
                seller_text,
                "\n".join(sorted(f.value for f in ranked.flags)) or "—", title,
            )
        console.print(table)
        best = results.offers[0]
        console.print(Text("Why #1 ranks first:", style="bold"))
        console.print(Text(best.explanation))
    else:
        console.print("No offers found.")
    if results.excluded:
        console.print(f"{len(results.excluded)} offers excluded"
                      + ("" if show_excluded else " (--show-excluded lists them)"))
        if show_excluded:
            for item in results.excluded:
                console.print(f"  - {item.offer.source}: {item.reason.value}: {item.detail} — "
                              f"{item.offer.title[:50]}")
    for status in results.sources:
        if status.ok:
            console.print(f"[green]✓[/green] {status.source}: {status.offers} offers, "
                          f"{status.excluded} excluded, {status.requests} requests, "
                          f"{status.elapsed_ms} ms")
        else:
            failure = next((e for e in results.errors if e.source == status.source), None)
            message = failure.message if failure else ""
            console.print(Text.assemble(("✗ ", "red"), f"{status.source}: {status.error_type}: "
                                        f"{message}"))
    for note in results.notes:
        console.print(Text(f"note: {note}", style="dim"))
    if results.credits:
        console.print(Text(" · ".join(results.credits), style="dim"))


def _policy(args: argparse.Namespace) -> RankingPolicy:
    return RankingPolicy(points_profile=PointsProfile(
        rakuten_bonus_percent=args.rakuten_bonus, yahoo_premium=args.yahoo_premium))


def _run_find(args: argparse.Namespace, console: Console, err: Console) -> int:
    try:
        code = parse_code(args.code)
    except InvalidCodeError as exc:
        err.print(f"altfinder: bad code: {exc}")
        return EXIT_BAD_INPUT
    client = None
    sources = args.source or None
    if args.sandbox:
        from altfinder.sandbox import Sandbox

        sandbox = Sandbox(time_scale=args.sandbox_speed)
        client = sandbox.client()
        sources = sandbox.sources(names=args.source or None)
    try:
        results = find_alternatives(code, sources=sources, policy=_policy(args), client=client,
                                    timeout=args.timeout)
    except ConfigurationError as exc:
        err.print(f"altfinder: {exc}")
        return EXIT_BAD_INPUT
    if args.json:
        sys.stdout.write(results.model_dump_json(indent=2) + "\n")
    else:
        render(results, console, limit=args.limit, show_excluded=args.show_excluded)
    return EXIT_FOUND if results.offers else EXIT_NONE


def _run_sandbox(args: argparse.Namespace, console: Console) -> int:
    from altfinder.sandbox import Sandbox

    sandbox = Sandbox()
    server = sandbox.serve(host=args.host, port=args.port)
    console.print(f"altfinder sandbox on {server.url} — marketplaces: {', '.join(sandbox.names)}")
    for name in sandbox.names:
        console.print(f"  {name:16} {', '.join(sandbox.service(name).hosts)}")
    console.print("Send production requests with their real Host header (or put the host first "
                  "in the path), e.g.:")
    console.print(f"  curl -H 'Host: shopping.yahooapis.jp' '{server.url}/ShoppingWebService/V3/"
                  f"itemSearch?appid={sandbox.credentials('yahoo_shopping')['client_id']}"
                  "&jan_code=4902370548495'")
    console.print(f"Demo credentials: {server.url}/_sandbox/credentials   (Ctrl-C stops)")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


def _run_sources(console: Console) -> int:
    from altfinder.sources import registered_sources

    table = Table("name", "marketplace", "credentials", "configured", "rate limit")
    for name, cls in registered_sources().items():
        variables = ", ".join(cls.credentials.values()) or "none needed"
        configured = "yes" if (not cls.requires_credentials() or cls.is_configured()) else "no"
        limit = cls.rate_limit
        table.add_row(name, cls.label, variables, configured,
                      f"{limit.requests:g} / {limit.per_seconds:g} s")
    console.print(table)
    return 0


def _run_batch_command(args: argparse.Namespace, console: Console, err: Console) -> int:
    from altfinder._batch_cli import run_batch
    from altfinder.cache import HttpCache

    if not args.codes.exists():
        err.print(f"altfinder: no such file: {args.codes}")
        return EXIT_BAD_INPUT
    sources = args.source or None
    client = None
    if args.sandbox:
        from altfinder.sandbox import Sandbox

        sandbox = Sandbox(time_scale=args.sandbox_speed)
        client = sandbox.client()
        sources = sandbox.sources(names=args.source or None)
    cache: HttpCache | bool = False
    if not args.no_cache:
        cache = HttpCache(path=args.cache, mode="refresh" if args.refresh else "use")
    try:
        run_batch(args.codes, args.output, console=console, sources=sources,
                  client=client, policy=_policy(args), concurrency=args.concurrency,
                  cache=cache, restart=args.restart, full=args.full)
    except ConfigurationError as exc:
        err.print(f"altfinder: {exc}")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="altfinder",
        description="Where can I still buy this, and what will it really cost?")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="log more (-v info, -vv debug); credentials are always redacted")
    sub = parser.add_subparsers(dest="command", required=True)

    def add_search_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--json", action="store_true", help="print the results as JSON")
        p.add_argument("--timeout", type=float, default=None,
                       help="overall deadline in seconds (default 30)")
        p.add_argument("--limit", type=int, default=20, help="offers to show (default 20)")
        p.add_argument("--show-excluded", action="store_true",
                       help="list the excluded offers and why")
        p.add_argument("--yahoo-premium", action="store_true",
                       help="count LYP premium prices and points")
        p.add_argument("--rakuten-bonus", type=float, default=0.0, metavar="PERCENT",
                       help="your extra Rakuten point rate (SPU etc.) in percent")

    find = sub.add_parser("find", help="rank the offers for a JAN, ISBN, ASIN or Amazon URL")
    find.add_argument("code")
    find.add_argument("--source", action="append", metavar="NAME",
                      help="search only this source (repeatable)")
    find.add_argument("--sandbox", action="store_true",
                      help="ask the local sandbox instead of the marketplaces")
    find.add_argument("--sandbox-speed", type=float, default=1.0, metavar="N",
                      help="with --sandbox: run time N times faster (rate limits shrink)")
    add_search_options(find)

    demo = sub.add_parser("demo", help="ranked offers for a demo product, offline (sandbox)")
    demo.add_argument("code", nargs="?", default=None)
    demo.add_argument("--sandbox-speed", type=float, default=10.0, metavar="N",
                      help="run the sandbox's time N times faster (default 10: the demo "
                           "keeps every marketplace's pacing, only shorter)")
    add_search_options(demo)

    sandbox = sub.add_parser("sandbox", help="the local marketplace sandbox")
    sandbox_sub = sandbox.add_subparsers(dest="sandbox_command", required=True)
    serve = sandbox_sub.add_parser("serve", help="serve every marketplace on a loopback port")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)

    batch = sub.add_parser("batch", help="many codes from a .txt/.csv file to .jsonl/.csv")
    batch.add_argument("codes", type=Path, help="one code per line, or a CSV with a code column")
    batch.add_argument("-o", "--output", type=Path, required=True,
                       help="results: .jsonl (one record per code) or .csv; resumable")
    batch.add_argument("--source", action="append", metavar="NAME",
                       help="search only this source (repeatable)")
    batch.add_argument("--concurrency", type=int, default=8, help="codes in flight (default 8)")
    batch.add_argument("--cache", type=Path, default=None, metavar="PATH",
                       help="cache file (default: the user cache directory)")
    batch.add_argument("--no-cache", action="store_true", help="do not use the HTTP cache")
    batch.add_argument("--refresh", action="store_true",
                       help="ask the marketplaces again and refresh the cache")
    batch.add_argument("--restart", action="store_true",
                       help="start over instead of resuming an existing output file")
    batch.add_argument("--full", action="store_true",
                       help="write every offer of every code (JSON lines only)")
    batch.add_argument("--sandbox", action="store_true",
                       help="ask the local sandbox instead of the marketplaces")
    batch.add_argument("--sandbox-speed", type=float, default=1.0, metavar="N",
                       help="with --sandbox: run time N times faster (rate limits shrink)")
    batch.add_argument("--yahoo-premium", action="store_true")
    batch.add_argument("--rakuten-bonus", type=float, default=0.0, metavar="PERCENT")

    sub.add_parser("sources", help="list the registered sources and their credentials")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Example:
        >>> main(["find", "12345"])
        2
    """
    parser = _parser()
    args = parser.parse_args(argv)
    if args.verbose:
        logging.basicConfig(level=logging.DEBUG if args.verbose > 1 else logging.INFO,
                            format="%(levelname)s %(name)s: %(message)s")
    console = Console() if sys.stdout.isatty() else Console(width=160)
    err = Console(stderr=True)
    if args.command == "find":
        return _run_find(args, console, err)
    if args.command == "demo":
        from altfinder.sandbox import DEMO_CODE

        args.code = args.code or DEMO_CODE
        args.sandbox = True
        args.source = None
        return _run_find(args, console, err)
    if args.command == "sandbox":
        return _run_sandbox(args, console)
    if args.command == "sources":
        return _run_sources(console)
    if args.command == "batch":
        return _run_batch_command(args, console, err)
    parser.error(f"unknown command {args.command}")  # pragma: no cover
    return EXIT_BAD_INPUT  # pragma: no cover


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
