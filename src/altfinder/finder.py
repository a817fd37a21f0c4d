"""Search every source at once, check identity, rank, and report.

Data flows one way: the code is parsed, every source searches concurrently under one
deadline, each offer's identity is checked against the product, and the survivors are
ranked. A source that fails, throttles, hangs or answers garbage becomes one
:class:`~altfinder.models.SourceFailure`; its partial offers and every other source's
offers are still returned.

Example:
    >>> from altfinder import find_alternatives
    >>> from altfinder.sandbox import Sandbox
    >>> sandbox = Sandbox(time_scale=50)
    >>> res = find_alternatives("4902370548495", sources=sandbox.sources(),
    ...                         client=sandbox.client())
    >>> res.best is not None and res.errors == []
    True
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import httpx

from altfinder._runner import run_sync
from altfinder.cache import HttpCache, resolve_cache
from altfinder.codes import ProductCode, parse_code, same_gtin
from altfinder.errors import ConfigurationError, SourceError
from altfinder.http import USER_AGENT, Deadline, redact
from altfinder.matching import Match, MatchKind, match_titles
from altfinder.models import (
    JST,
    ExcludedOffer,
    ExclusionReason,
    Flag,
    Identity,
    Offer,
    Product,
    Results,
    SourceFailure,
    SourceStatus,
)
from altfinder.ranking import RankingPolicy, rank_offers
from altfinder.sources import resolve_sources
from altfinder.sources.base import ProductBoard, SearchContext, Source

__all__ = ["DEFAULT_TIMEOUT", "afind_alternatives", "find_alternatives", "search_once"]

logger = logging.getLogger("altfinder.finder")

#: The overall deadline, in seconds, when ``timeout`` is not given.
DEFAULT_TIMEOUT = 30.0


def _moment(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(JST)
    if now.tzinfo is None:
        return now.replace(tzinfo=JST)  # a naive time is read as Japan time
    return now.astimezone(JST)


@asynccontextmanager
async def _client(client: httpx.AsyncClient | None) -> AsyncIterator[httpx.AsyncClient]:
    if client is not None:
        yield client
        return
    async with httpx.AsyncClient(
        follow_redirects=True,
        headers={"User-Agent": USER_AGENT},
        timeout=httpx.Timeout(15.0),
        limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
    ) as own:
        yield own


@dataclass
class _Run:
    source: Source
    ctx: SearchContext
    failure: SourceFailure | None = None
    elapsed_ms: int = 0


def _failure(source: str, exc: BaseException) -> SourceFailure:
    message = redact(str(exc)) or type(exc).__name__
    return SourceFailure(
        source=source,
        error_type=type(exc).__name__,
        message=message,
        retry_after=getattr(exc, "retry_after", None),
    )


async def _execute(run: _Run, board: ProductBoard) -> None:
    started = time.monotonic()
    try:
        await run.source.search(run.ctx)
    except SourceError as exc:
        run.failure = _failure(run.source.name, exc)
        logger.info("%s failed: %s", run.source.name, run.failure.message)
    except Exception as exc:  # a bug in one adapter must not break the others
        run.failure = _failure(run.source.name, exc)
        logger.error("%s raised %s: %s", run.source.name, type(exc).__name__,
                     redact(str(exc)))
    finally:
        run.elapsed_ms = int((time.monotonic() - started) * 1000)
        if run.source.describes_product:
            board.describer_done(run.source.name)


def _title_exclusion(match: Match) -> ExclusionReason:
    """A sibling product (another model, colour, volume) is ``other_product``; an
    accessory, compatible, box, bonus or lot is ``look_alike``; a listing that does not
    say which generation or volume it is stays ``unverified``."""
    if match.kind.is_other_product:
        return ExclusionReason.OTHER_PRODUCT
    if match.kind in (MatchKind.AMBIGUOUS, MatchKind.NO_REFERENCE):
        return ExclusionReason.UNVERIFIED
    return ExclusionReason.LOOK_ALIKE


def _identity(product: Product, offer: Offer, match: Match | None,
              policy: RankingPolicy) -> Offer | ExcludedOffer:
    """The offer ready to rank, or excluded: another product, or a title that fails the matcher.

    A title-matched offer is flagged ``title_match``, takes the units the title states
    (2個セット) and has its condition capped for junk (ジャンク → ``poor``).
    """
    if offer.jan and product.jan and not same_gtin(offer.jan, product.jan):
        return ExcludedOffer(
            offer=offer, reason=ExclusionReason.OTHER_PRODUCT,
            detail=f"the listing carries JAN {offer.jan}, not {product.jan}")
    if offer.identity is not Identity.TITLE:
        return offer
    if match is None or match.kind is MatchKind.NO_REFERENCE:
        return ExcludedOffer(
            offer=offer, reason=ExclusionReason.UNVERIFIED,
            detail="found by title only and no reference title was known to match it against")
    if not match.is_match:
        return ExcludedOffer(offer=offer, reason=_title_exclusion(match),
                             detail=f"title matcher: {match.kind.value}: {match.detail}")
    update: dict[str, object] = {"flags": offer.flags | {Flag.TITLE_MATCH}}
    if match.quantity > 1 and offer.quantity == 1:
        update["quantity"] = match.quantity
    capped = match.capped(offer.condition)
    if capped is not offer.condition:
        update["condition"] = capped
        if capped in policy.excluded_conditions:
            return ExcludedOffer(
                offer=offer.model_copy(update=update), reason=ExclusionReason.CONDITION,
                detail=f"title matcher: {match.condition_reason}, which the policy excludes")
    return offer.model_copy(update=update)


def _with_family(product: Product, runs: list[_Run]) -> Product:
    """The product with the titles shops gave it (offers that carry its JAN) as aliases,
    and the titles of offers that carry another JAN as siblings."""
    if not product.jan:
        return product
    aliases: list[str] = []
    siblings: list[str] = []
    for run in runs:
        for offer in run.ctx.offers:
            if offer.identity is Identity.TITLE or not offer.jan:
                continue
            same = same_gtin(offer.jan, product.jan)
            (aliases if same else siblings).append(offer.title)
    if not aliases and not siblings:
        return product
    return product.model_copy(update={
        "aliases": tuple(dict.fromkeys((*product.aliases, *aliases))),
        "siblings": tuple(dict.fromkeys((*product.siblings, *siblings)))})


_FILLABLE = ("points", "list_price", "shipping_fee", "seller", "lead_time_days",
             "delivery_estimate", "image_url", "jan", "asin", "ships_from")


def _one_per_listing(runs: list[_Run]) -> tuple[dict[int, Offer], list[ExcludedOffer]]:
    """One offer per marketplace listing reported by several sources (``listing_key``).

    The copy from the source with the lowest ``listing_preference`` is kept and takes
    what it lacks (points, list price, …) from the others, which are excluded as
    duplicates. Returns the kept offers by the ``id`` of the offer they replace.
    """
    groups: dict[str, list[tuple[int, int, Offer]]] = {}
    for order, run in enumerate(runs):
        for offer in run.ctx.offers:
            if offer.listing_key is not None:
                groups.setdefault(offer.listing_key, []).append(
                    (run.source.listing_preference, order, offer))
    kept: dict[int, Offer] = {}
    duplicates: list[ExcludedOffer] = []
    for copies in groups.values():
        copies.sort(key=lambda c: (c[0], c[1]))
        keeper = copies[0][2]
        update: dict[str, object] = {}
        for _, _, other in copies[1:]:
            for name in _FILLABLE:
                mine, theirs = getattr(keeper, name), getattr(other, name)
                if name not in update and not mine and theirs:
                    update[name] = theirs
            duplicates.append(ExcludedOffer(
                offer=other, reason=ExclusionReason.DUPLICATE,
                detail=f"the same listing as {keeper.source}'s offer ({keeper.url}), "
                       f"which {keeper.source} shows in more detail"))
        kept[id(keeper)] = keeper.model_copy(update=update) if update else keeper
    return kept, duplicates


class _Search:
    def __init__(self, code: ProductCode, sources: list[Source], policy: RankingPolicy,
                 now: datetime, deadline: Deadline, client: httpx.AsyncClient,
                 cache: HttpCache | None = None) -> None:
        self.code = code
        self.policy = policy
        self.now = now
        self.deadline = deadline
        describers = {s.name: s.describe_priority for s in sources if s.describes_product}
        # Without a deadline (batches) every description is awaited, so the queries built
        # from it are the same on every run; with one, a slow describer holds the
        # title-searching sources back for at most an eighth of it (3 s at the default).
        settle = (float("inf") if deadline.seconds is None
                  else max(0.3, min(3.0, deadline.seconds / 8)))
        self.board = ProductBoard(Product.from_code(code), describers=describers,
                                  settle=settle)
        names = tuple(s.name for s in sources)
        self.runs = [
            _Run(source=s, ctx=SearchContext(
                code=code, now=now, policy=policy, http=s.http(client, deadline, cache),
                board=self.board, source=s.name, sources=names))
            for s in sources
        ]

    async def run(self) -> Results:
        tasks = {
            asyncio.create_task(_execute(run, self.board), name=f"altfinder:{run.source.name}"):
            run for run in self.runs
        }
        try:
            _, pending = await asyncio.wait(tasks, timeout=self.deadline.remaining())
        except BaseException:
            for task in tasks:
                task.cancel()
            raise
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
        for task in pending:
            run = tasks[task]
            last = run.ctx.http.last_error
            if last is not None and last.retryable:
                # Cut while retrying: the failure is what kept failing, not the deadline.
                failure = _failure(run.source.name, last)
                run.failure = failure.model_copy(update={
                    "message": f"{failure.message} (still failing when the "
                               f"{self.deadline.seconds:g} s deadline came)"})
            else:
                run.failure = SourceFailure(
                    source=run.source.name, error_type="SourceTimeoutError",
                    message=f"{run.source.name}: no complete answer within the "
                            f"{self.deadline.seconds:g} s deadline")
            run.elapsed_ms = int((self.deadline.seconds or 0) * 1000)
        return self._results()

    def _results(self) -> Results:
        product = self.board.product
        candidates: list[Offer] = []
        excluded: list[ExcludedOffer] = []
        notes: list[str] = []
        by_title = [o for run in self.runs for o in run.ctx.offers
                    if o.identity is Identity.TITLE]
        matches: dict[int, Match] = {}
        if by_title and product.title:
            # One batch for the whole search: the reference is parsed once and the
            # fuzzy scores come from one rapidfuzz cdist call. What the shops answered
            # for the code itself tells the matcher more: its other titles, its siblings.
            found = match_titles(_with_family(product, self.runs),
                                 [o.title for o in by_title])
            matches = {id(o): m for o, m in zip(by_title, found, strict=True)}
        kept, duplicates = _one_per_listing(self.runs)
        excluded.extend(duplicates)
        for run in self.runs:
            excluded.extend(run.ctx.excluded)
            notes.extend(run.ctx.notes)
            for offer in run.ctx.offers:
                if id(offer) in kept:
                    offer = kept[id(offer)]
                elif offer.listing_key is not None:
                    continue  # another source's copy of this listing was kept
                verdict = _identity(product, offer, matches.get(id(offer)), self.policy)
                if isinstance(verdict, ExcludedOffer):
                    excluded.append(verdict)
                else:
                    candidates.append(verdict)
        ranked, rank_excluded = rank_offers(candidates, policy=self.policy)
        excluded.extend(rank_excluded)
        statuses = [
            SourceStatus(
                source=run.source.name,
                ok=run.failure is None,
                offers=sum(1 for r in ranked if r.offer.source == run.source.name),
                excluded=sum(1 for e in excluded if e.offer.source == run.source.name),
                requests=run.ctx.http.requests_sent,
                cache_hits=run.ctx.http.cache_hits,
                throttled=run.ctx.http.throttled,
                elapsed_ms=run.elapsed_ms,
                error_type=run.failure.error_type if run.failure else None,
            )
            for run in self.runs
        ]
        return Results(
            code=self.code,
            product=product,
            offers=ranked,
            excluded=excluded,
            errors=[run.failure for run in self.runs if run.failure is not None],
            sources=statuses,
            notes=list(dict.fromkeys(notes)),
            credits=list(dict.fromkeys(
                run.source.credit for run in self.runs
                if run.source.credit and any(r.offer.source == run.source.name for r in ranked))),
            searched_at=self.now,
        )


async def afind_alternatives(
    code: str | int | ProductCode,
    *,
    sources: Iterable[Source | str] | None = None,
    policy: RankingPolicy | None = None,
    client: httpx.AsyncClient | None = None,
    timeout: float | None = None,
    now: datetime | None = None,
    cache: HttpCache | bool | str | Path | None = None,
) -> Results:
    """Find every offer for the product behind ``code``, ranked by what it really costs.

    Args:
        code: a JAN/EAN, UPC-A, ISBN, ASIN or Amazon product URL (see :func:`parse_code`).
        sources: source instances or registered names; default: every registered source
            whose credentials are configured, plus the credential-free ones.
        policy: how to price and rank (see :class:`RankingPolicy`).
        client: an ``httpx.AsyncClient`` that carries every request (inject transports,
            proxies or a cache through it); by default one is created and closed.
        timeout: overall deadline in seconds (default 30). Sources not done by then are
            reported as timeouts; everything else is returned.
        now: the instant at which campaigns, sale windows and lead times are judged
            (default: now, in JST; a naive datetime is read as JST).
        cache: the persistent HTTP cache (see :mod:`altfinder.cache`): an
            :class:`~altfinder.cache.HttpCache`, ``True`` (the default location), a path,
            ``False``; ``None`` follows ``ALTFINDER_CACHE`` (unset: no cache).

    Raises:
        InvalidCodeError: ``code`` is not a usable code (the message says why).
        ConfigurationError: no source to search, or a bad option.

    Example:
        >>> import asyncio
        >>> from altfinder import afind_alternatives
        >>> from altfinder.sandbox import Sandbox
        >>> sandbox = Sandbox(time_scale=50)
        >>> res = asyncio.run(afind_alternatives(
        ...     "4902370548495", sources=sandbox.sources(), client=sandbox.client()))
        >>> res.product.jan
        '4902370548495'
    """
    product_code = code if isinstance(code, ProductCode) else parse_code(code)
    if timeout is not None and not timeout > 0:
        raise ConfigurationError(f"timeout must be a positive number of seconds, got {timeout}")
    chosen = resolve_sources(sources)
    deadline = Deadline(DEFAULT_TIMEOUT if timeout is None else float(timeout))
    http_cache, owned = resolve_cache(cache)
    try:
        async with _client(client) as http_client:
            return await search_once(product_code, chosen, policy or RankingPolicy(),
                                     http_client, deadline=deadline, now=now, cache=http_cache)
    finally:
        if owned and http_cache is not None:
            await http_cache.aclose()


async def search_once(
    code: ProductCode,
    sources: list[Source],
    policy: RankingPolicy,
    client: httpx.AsyncClient,
    *,
    deadline: Deadline,
    now: datetime | None = None,
    cache: HttpCache | None = None,
) -> Results:
    """One search with everything already resolved (the batch runner calls this).

    Example:
        >>> # results = await search_once(code, sources, policy, client, deadline=Deadline(30))
    """
    return await _Search(code, sources, policy, _moment(now), deadline, client, cache).run()


def find_alternatives(
    code: str | int | ProductCode,
    *,
    sources: Iterable[Source | str] | None = None,
    policy: RankingPolicy | None = None,
    client: httpx.AsyncClient | None = None,
    timeout: float | None = None,
    now: datetime | None = None,
    cache: HttpCache | bool | str | Path | None = None,
) -> Results:
    """The synchronous twin of :func:`afind_alternatives`; works inside Jupyter too.

    Example:
        >>> from altfinder import find_alternatives
        >>> from altfinder.sandbox import Sandbox
        >>> sandbox = Sandbox(time_scale=50)
        >>> res = find_alternatives("4902370548495", sources=sandbox.sources(),
        ...                         client=sandbox.client())
        >>> res.best.score <= res.offers[-1].score
        True
    """
    product_code = code if isinstance(code, ProductCode) else parse_code(code)
    return run_sync(afind_alternatives(product_code, sources=sources, policy=policy,
                                       client=client, timeout=timeout, now=now, cache=cache))
