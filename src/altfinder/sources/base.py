"""The base every marketplace adapter builds on.

A source is a class with a registered ``name``, its documented ``rate_limit``, the
environment variables its credentials can come from, and one coroutine,
:meth:`Source.search`, that reads what is known about the product from a
:class:`SearchContext` and adds offers (or excluded offers, with reasons) to it.
Everything else — the HTTP client, rate limiting, retries, deadlines, redaction,
identity checks and ranking — is done around it.

Writing a source (third-party sources register through the ``altfinder.sources``
entry-point group)::

    class MyShop(Source):
        name = "myshop"
        label = "My Shop"
        rate_limit = RateLimit(requests=2, per_seconds=1)

        async def search(self, ctx: SearchContext) -> None:
            response = await ctx.http.get("https://api.myshop.jp/search",
                                          params={"jan": ctx.code.value})
            for item in response.json()["items"]:
                ctx.add(Offer(source=self.name, title=item["name"], url=item["url"],
                              price=item["price"], jan=item.get("jan")))
"""

from __future__ import annotations

import asyncio
import hashlib
import os
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Self

import httpx

from altfinder.codes import ProductCode
from altfinder.errors import ConfigurationError
from altfinder.http import Deadline, RateLimit, SourceHttp, default_check, register_secret
from altfinder.models import ExcludedOffer, ExclusionReason, Offer, Product
from altfinder.ranking import PointsProfile, RankingPolicy

if TYPE_CHECKING:  # pragma: no cover
    from altfinder.cache import HttpCache

__all__ = ["ProductBoard", "SearchContext", "Source"]


class ProductBoard:
    """What every source has learned about the product, shared during one search.

    Sources that need more than the code (a JAN for an ASIN input, a title for a flea
    market) wait with :meth:`wait_for`. They are released as soon as no other describing
    source is still running (and not itself waiting), or — so that one slow marketplace
    cannot hold the others back — once the fields they need have been known for
    ``settle`` seconds. The finder sets ``settle`` to a quarter of the search's deadline
    (at least 0.3 s) and, for batches without a deadline, to infinity: there every
    description is waited for, so the queries are the same on every run.

    Descriptions are merged by priority, not by arrival: a catalogue title (Amazon's,
    Rakuten Books') beats a shop's listing title, whichever came first. So the product —
    and the queries title-searching sources build from it — do not depend on which
    marketplace happened to answer first, and a warm re-run hits the cache.

    A source never waits on itself, and describers waiting on each other (two
    JAN-searching sources given an ASIN) are all released: none of them can answer.

    Example:
        >>> board = ProductBoard(Product(jan="4902370548495"), describers={"yahoo_shopping": 30})
        >>> board.product.jan
        '4902370548495'
    """

    #: Seconds a known field settles before waiters are released regardless (see above).
    settle: float = 0.3

    def __init__(self, product: Product, *,
                 describers: Mapping[str, int] | set[str] | frozenset[str],
                 settle: float | None = None) -> None:
        self._base = product
        self.product = product
        self._priority = (dict(describers) if isinstance(describers, Mapping)
                          else dict.fromkeys(describers, 50))
        self._pending = set(self._priority)
        self._descriptions: dict[str, Product] = {}
        self._known_at = {name: float("-inf") for name in Product.model_fields
                          if getattr(product, name)}
        self._waiting: dict[str, int] = {}
        self._waiters: list[tuple[tuple[str, ...], str | None, asyncio.Future[Product]]] = []
        if settle is not None:
            self.settle = settle

    def _satisfied(self, fields: tuple[str, ...], waiter: str | None) -> bool:
        able = self._pending - {name for name, count in self._waiting.items() if count}
        if not (able - {waiter}):
            return True
        if not all(getattr(self.product, name) for name in fields):
            return False
        known = max(self._known_at.get(name, float("-inf")) for name in fields)
        return asyncio.get_running_loop().time() >= known + self.settle - 1e-3

    def _wake(self) -> None:
        still: list[tuple[tuple[str, ...], str | None, asyncio.Future[Product]]] = []
        for fields, waiter, future in self._waiters:
            if future.done():
                continue
            if self._satisfied(fields, waiter):
                future.set_result(self.product)
            else:
                still.append((fields, waiter, future))
        self._waiters = still

    def describe(self, product: Product, source: str = "") -> None:
        """Record what ``source`` learned and merge every description by priority.

        Example:
            >>> board = ProductBoard(Product(), describers={"shop": 40, "catalogue": 10})
            >>> board.describe(Product(title="【送料無料】Switch 本体"), "shop")
            >>> board.describe(Product(title="Nintendo Switch"), "catalogue")
            >>> board.product.title
            'Nintendo Switch'
        """
        own = self._descriptions.get(source)
        self._descriptions[source] = product if own is None else own.merged(product)
        order = sorted(self._descriptions,
                       key=lambda name: (self._priority.get(name, 50), name))
        merged = self._base
        for name in order:
            merged = merged.merged(self._descriptions[name])
        self.product = merged
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # described outside a search (tests, doctests)
            return
        now = loop.time()
        for name in Product.model_fields:
            if getattr(merged, name) and name not in self._known_at:
                self._known_at[name] = now
        self._wake()
        if self._waiters and self.settle != float("inf"):
            loop.call_later(self.settle, self._wake)

    def describer_done(self, name: str) -> None:
        """A describing source finished (or failed): it will tell nothing more.

        Example:
            >>> board = ProductBoard(Product(), describers={"a"}); board.describer_done("a")
        """
        self._pending.discard(name)
        if self._waiters:
            self._wake()

    async def wait_for(self, fields: tuple[str, ...] = ("title",),
                       waiter: str | None = None) -> Product:
        """The product once ``fields`` are known and settled, or once nobody can tell more.

        Example:
            >>> import asyncio
            >>> board = ProductBoard(Product(title="x"), describers={"a"})
            >>> asyncio.run(board.wait_for(("title",))).title
            'x'
        """
        if self._satisfied(fields, waiter):
            return self.product
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Product] = loop.create_future()
        self._waiters.append((fields, waiter, future))
        if waiter is not None:
            self._waiting[waiter] = self._waiting.get(waiter, 0) + 1
            self._wake()  # a describer starting to wait may release the others
        if all(getattr(self.product, name) for name in fields) and self.settle != float("inf"):
            # Known but not yet settled: look again once it has.
            known = max(self._known_at.get(name, float("-inf")) for name in fields)
            loop.call_later(max(known + self.settle - loop.time(), 0.0), self._wake)
        try:
            return await future
        finally:
            if waiter is not None:
                self._waiting[waiter] -= 1
                if self._waiters:
                    self._wake()


@dataclass
class SearchContext:
    """Everything a source needs for one search, and where it puts what it finds.

    Attributes:
        code: the parsed product code.
        now: the instant at which campaigns and lead times are judged (timezone-aware).
        policy: the ranking policy (its ``points_profile`` decides the points earned).
        http: this source's view of the shared HTTP client.
        offers / excluded / notes: what the source found so far. Partial results
            survive a timeout or a failure later in the search.

    Example:
        >>> # inside Source.search:
        >>> # ctx.add(Offer(...)); ctx.exclude(offer, "out_of_stock", "在庫切れ")
    """

    code: ProductCode
    now: datetime
    policy: RankingPolicy
    http: SourceHttp
    board: ProductBoard
    source: str
    offers: list[Offer] = field(default_factory=list)
    excluded: list[ExcludedOffer] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: The registered names of every source in this search.
    sources: tuple[str, ...] = ()

    @property
    def product(self) -> Product:
        """What is known about the product right now (from the code and other sources).

        Example:
            >>> # ctx.product.jan, ctx.product.title
        """
        return self.board.product

    @property
    def points_profile(self) -> PointsProfile:
        """The user's point programmes.

        Example:
            >>> # ctx.points_profile.yahoo_premium
        """
        return self.policy.points_profile

    async def described_product(self, needs: tuple[str, ...] = ("title",)) -> Product:
        """Wait until other sources described the product as far as ``needs``.

        ``needs`` names :class:`~altfinder.models.Product` fields: ``("jan",)`` for a
        source that needs a JAN when the input was an ASIN, ``("title",)`` for one that
        searches by title. Returns at once when they are known, and as soon as no other
        describing source is still running (with whatever is known by then); never
        waits past the search's deadline.

        Example:
            >>> # product = await ctx.described_product(needs=("jan",))
        """
        return await self.board.wait_for(needs, waiter=self.source)

    def describe(self, product: Product) -> None:
        """Tell the other sources what this source learned about the product.

        Example:
            >>> # ctx.describe(Product(title=item["name"], brand=item["brand"]["name"]))
        """
        self.board.describe(product, self.source)

    def add(self, offer: Offer) -> None:
        """Add an offer found for the product.

        Example:
            >>> # ctx.add(Offer(source=self.name, title=..., url=..., price=...))
        """
        self.offers.append(offer)

    def exclude(self, offer: Offer, reason: ExclusionReason | str, detail: str = "") -> None:
        """Record an offer the ranking must not see, with its reason.

        Example:
            >>> # ctx.exclude(offer, ExclusionReason.OUT_OF_STOCK, "inStock: false")
        """
        self.excluded.append(
            ExcludedOffer(offer=offer, reason=ExclusionReason(reason), detail=detail)
        )

    def note(self, text: str) -> None:
        """Add a sentence for :attr:`Results.notes` (what this source could not do, and why).

        Example:
            >>> # ctx.note("amazon: a JAN needs Creators API credentials to reach Amazon offers")
        """
        self.notes.append(text)


class Source(ABC):
    """Base class of every marketplace adapter.

    Class attributes a subclass sets:
        name: the registered name (``"yahoo_shopping"``).
        label: the marketplace's own name (``"Yahoo!ショッピング"``).
        rate_limit: the documented request rate, per credential.
        credentials: constructor argument → environment variable, for each credential.
        optional_env: constructor argument → environment variable, for optional settings.
        describes_product: the source searches by code and can tell the product's title
            to title-searching sources.
        hosts: the hosts it talks to (documentation and the sandbox).

    Example:
        >>> from altfinder.sources import YahooShopping
        >>> YahooShopping.name, YahooShopping.credentials
        ('yahoo_shopping', {'client_id': 'ALTFINDER_YAHOO_CLIENT_ID'})
    """

    name: ClassVar[str]
    label: ClassVar[str]
    rate_limit: ClassVar[RateLimit] = RateLimit(requests=1, per_seconds=1.0)
    credentials: ClassVar[Mapping[str, str]] = {}
    optional_env: ClassVar[Mapping[str, str]] = {}
    describes_product: ClassVar[bool] = False
    #: When several sources describe the product, lower wins (10: a catalogue such as
    #: Amazon's or Rakuten Books'; 30: a mall's listings; 50: the default).
    describe_priority: ClassVar[int] = 50
    #: When two sources report the same listing (``Offer.listing_key``), lower wins.
    listing_preference: ClassVar[int] = 50
    #: The attribution the marketplace's terms require wherever its results are shown.
    credit: ClassVar[str | None] = None
    hosts: ClassVar[tuple[str, ...]] = ()
    request_timeout: ClassVar[float] = 15.0
    #: Attempts per request for retryable failures (1 = never retry).
    max_attempts: ClassVar[int] = 3
    #: Seconds a cached answer stays fresh, and the most the marketplace's terms allow.
    cache_ttl: ClassVar[float] = 3600.0
    cache_ttl_max: ClassVar[float | None] = None

    def __init__(self, *, rate_limit: RateLimit | None = None,
                 request_timeout: float | None = None) -> None:
        if rate_limit is not None:
            self.rate_limit = rate_limit  # type: ignore[misc]
        if request_timeout is not None:
            self.request_timeout = request_timeout  # type: ignore[misc]

    # -- credentials -------------------------------------------------------------
    @classmethod
    def requires_credentials(cls) -> bool:
        """Whether the source needs credentials at all.

        Example:
            >>> from altfinder.sources import YahooShopping
            >>> YahooShopping.requires_credentials()
            True
        """
        return bool(cls.credentials)

    @classmethod
    def is_configured(cls, environ: Mapping[str, str] | None = None) -> bool:
        """Whether every credential is available from the environment.

        Example:
            >>> from altfinder.sources import YahooShopping
            >>> YahooShopping.is_configured({})
            False
        """
        env = os.environ if environ is None else environ
        return all(env.get(var) for var in cls.credentials.values())

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Self:
        """Build the source from environment variables (and keyword overrides).

        Raises:
            ConfigurationError: a credential is missing; the message names the variable.

        Example:
            >>> from altfinder.sources import YahooShopping
            >>> YahooShopping.from_env({"ALTFINDER_YAHOO_CLIENT_ID": "dj00demo"}).name
            'yahoo_shopping'
        """
        env = os.environ if environ is None else environ
        kwargs: dict[str, Any] = {}
        for argument, var in {**cls.credentials, **cls.optional_env}.items():
            if env.get(var):
                kwargs[argument] = env[var]
        kwargs.update(overrides)
        return cls(**kwargs)

    @classmethod
    def _credential(cls, argument: str, value: str | None) -> str:
        """Resolve one credential from the argument or its environment variable."""
        var = cls.credentials[argument]
        resolved = value if value is not None else os.environ.get(var)
        if resolved is not None:
            resolved = resolved.strip()
        if not resolved:
            raise ConfigurationError(
                f"{cls.name}: missing {argument}; pass {argument}=... or set {var}"
            )
        register_secret(resolved)
        return resolved

    def secrets(self) -> tuple[str, ...]:
        """The credential values this instance holds (for redaction checks).

        Example:
            >>> from altfinder.sources import YahooShopping
            >>> YahooShopping(client_id="dj00demo-id").secrets()
            ('dj00demo-id',)
        """
        return tuple(
            value for argument in self.credentials
            if isinstance(value := getattr(self, f"_{argument}", None), str)
        )

    @property
    def limiter_key(self) -> str:
        """The rate-limit key: the source name and a hash of its credentials.

        Two instances with the same credentials share one quota; the hash keeps the
        credential itself out of memory dumps of the limiter table.

        Example:
            >>> from altfinder.sources import YahooShopping
            >>> YahooShopping(client_id="a1b2").limiter_key.startswith("yahoo_shopping:")
            True
        """
        digest = hashlib.sha256("\0".join(self.secrets()).encode()).hexdigest()[:12]
        return f"{self.name}:{digest}"

    def __repr__(self) -> str:
        shown = ", ".join(f"{argument}=***" for argument in self.credentials)
        return f"{type(self).__name__}({shown})"

    # -- the adapter ---------------------------------------------------------------
    def check_response(self, response: httpx.Response) -> None:
        """Raise a typed error for an answer that is not a result (override per source).

        The default maps HTTP statuses (429 → rate limited, 401/403 → authentication,
        5xx → unavailable, other 4xx → rejected).

        Example:
            >>> # def check_response(self, response): parse the error envelope, raise ...
        """
        default_check(response, self.name)

    def http(self, client: httpx.AsyncClient, deadline: Deadline,
             cache: HttpCache | None = None) -> SourceHttp:
        """This source's view of the shared client (and the cache, when there is one).

        Example:
            >>> # http = source.http(client, Deadline(10), cache)
        """
        ttl = cache.ttl_for(self.name, self.cache_ttl, self.cache_ttl_max) if cache else 0.0
        return SourceHttp(
            client,
            source=self.name,
            limiter_key=self.limiter_key,
            rate_limit=self.rate_limit,
            check=self.check_response,
            deadline=deadline,
            request_timeout=self.request_timeout,
            max_attempts=self.max_attempts,
            headers=self.default_headers(),
            cache=cache,
            cache_ttl=ttl,
            prepare=self.prepare_request,
        )

    def prepare_request(self, request: httpx.Request) -> None:  # noqa: B027 - optional hook
        """Adjust each outgoing request just before it is sent, on every attempt.

        The default does nothing; a source whose marketplace wants a fresh per-request
        proof (Mercari's DPoP header) signs the request here, so a retry is signed anew.

        Example:
            >>> # def prepare_request(self, request): request.headers["DPoP"] = self._proof(request)
        """

    def default_headers(self) -> dict[str, str]:
        """Headers sent with every request of this source.

        Example:
            >>> from altfinder.sources import YahooShopping
            >>> "User-Agent" in YahooShopping(client_id="dj00x").default_headers()
            True
        """
        from altfinder.http import USER_AGENT

        return {"User-Agent": USER_AGENT}

    @abstractmethod
    async def search(self, ctx: SearchContext) -> None:
        """Find offers for ``ctx.code`` / ``ctx.product`` and add them to ``ctx``.

        Raise a :class:`~altfinder.errors.SourceError` subclass for failures; "no
        offers" is simply adding none.

        Example:
            >>> # await source.search(ctx)
        """
