"""The data altfinder returns: offers, sellers, products, ranked offers and results.

Every public model is a pydantic v2 model, so it validates, dumps to JSON
(``model_dump_json()``) and shows a readable repr. Japanese labels from the
marketplaces stay in the data (``condition_label="中古品 - 良い"``); the
identifiers and enum values are English.

Example:
    >>> from altfinder import Offer, Condition
    >>> offer = Offer(source="yahoo_shopping", title="Nintendo Switch", url="https://example.jp/1",
    ...               price=32978, shipping_fee=0, points=299)
    >>> offer.condition is Condition.NEW, offer.total_price
    (True, 32978)
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, computed_field

from altfinder.codes import ProductCode

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "JST",
    "AuctionInfo",
    "Condition",
    "ExcludedOffer",
    "ExclusionReason",
    "Flag",
    "Identity",
    "Offer",
    "Product",
    "RankedOffer",
    "RatingScale",
    "Results",
    "ScoreTerm",
    "Seller",
    "SourceFailure",
    "SourceStatus",
]

#: Japan Standard Time. Japan has no daylight saving time, so a fixed offset is exact.
JST = timezone(timedelta(hours=9), "JST")


class Condition(StrEnum):
    """The condition of the item on offer, on one scale for every marketplace.

    Each source maps its own labels (新品, 中古品 - 非常に良い, 目立った傷や汚れなし…) onto
    these; the original label is kept in :attr:`Offer.condition_label`.

    Example:
        >>> Condition("like_new"), Condition.GOOD.value
        (<Condition.LIKE_NEW: 'like_new'>, 'good')
    """

    NEW = "new"
    LIKE_NEW = "like_new"
    VERY_GOOD = "very_good"
    GOOD = "good"
    ACCEPTABLE = "acceptable"
    POOR = "poor"
    USED = "used"  #: used, grade unknown
    REFURBISHED = "refurbished"

    @property
    def is_used(self) -> bool:
        """Whether the item is second-hand (every grade but new and refurbished).

        Example:
            >>> Condition.GOOD.is_used, Condition.REFURBISHED.is_used
            (True, False)
        """
        return self not in (Condition.NEW, Condition.REFURBISHED)


class Flag(StrEnum):
    """A risk or caveat attached to a ranked offer; each one is explained in yen.

    Example:
        >>> Flag.SUSPICIOUS_PRICE.value
        'suspicious_price'
    """

    SHIPPING_ESTIMATED = "shipping_estimated"
    SHIPS_FROM_OVERSEAS = "ships_from_overseas"
    LOW_RATED_SELLER = "low_rated_seller"
    NEW_SELLER = "new_seller"
    LONG_LEAD_TIME = "long_lead_time"
    SUSPICIOUS_PRICE = "suspicious_price"
    TITLE_MATCH = "title_match"
    AUCTION = "auction"
    VARIANT_PRICE = "variant_price"


class RatingScale(StrEnum):
    """What a seller rating measures. Scales are not interchangeable.

    ``stars_5``: an average of 1–5 star reviews (Yahoo! Shopping stores), stored as
    average / 5. ``positive_ratio``: the share of positive feedback (Amazon's
    "95% positive", Mercari's good / (good + bad)). A 4.0-star store and a
    80%-positive seller both read 0.8, yet the first is ordinary and the second poor,
    so :class:`~altfinder.RankingPolicy` keeps one threshold per scale.

    Example:
        >>> RatingScale.STARS_5.value
        'stars_5'
    """

    STARS_5 = "stars_5"
    POSITIVE_RATIO = "positive_ratio"


class Identity(StrEnum):
    """How we know an offer is for the product that was asked for.

    ``code``: the listing itself carries the code. ``code_search``: the marketplace's
    own code index returned it (Yahoo's ``jan_code`` search) but the listing does not
    show the code. ``title``: found by title; only the title matcher vouches for it.

    Example:
        >>> Identity.CODE.value
        'code'
    """

    CODE = "code"
    CODE_SEARCH = "code_search"
    TITLE = "title"


class Seller(BaseModel):
    """Who sells the offer.

    Attributes:
        name: the shop or seller name as shown.
        id: the marketplace's seller id.
        url: the seller's page.
        rating: normalised to 0–1 on :attr:`rating_scale` (see :class:`RatingScale`).
        rating_scale: what ``rating`` measures.
        rating_count: the number of reviews or feedback behind ``rating``.
        badges: marketplace distinctions, with their Japanese labels (``"ベストストア"``).

    Example:
        >>> s = Seller(name="ZOZOTOWN Yahoo!店", rating=0.912, rating_scale="stars_5",
        ...            rating_count=166313)
        >>> s.rating_display
        '4.56/5'
    """

    model_config = ConfigDict(frozen=True)

    name: str
    id: str | None = None
    url: str | None = None
    rating: float | None = Field(default=None, ge=0.0, le=1.0)
    rating_scale: RatingScale | None = None
    rating_count: int | None = Field(default=None, ge=0)
    badges: tuple[str, ...] = ()

    @property
    def rating_display(self) -> str | None:
        """The rating on its marketplace's own scale (``"4.56/5"``, ``"97%"``).

        Example:
            >>> Seller(name="x", rating=0.97, rating_scale="positive_ratio").rating_display
            '97%'
        """
        if self.rating is None:
            return None
        if self.rating_scale is RatingScale.STARS_5:
            return f"{self.rating * 5:.2f}/5"
        return f"{self.rating * 100:.0f}%"


class AuctionInfo(BaseModel):
    """Auction data of a listing that sells by bidding.

    ``current_bid`` is not a price anyone can buy at; ``buy_now_price`` (即決) is.

    Example:
        >>> AuctionInfo(current_bid=1000, buy_now_price=5000, bids=3).buy_now_price
        5000
    """

    model_config = ConfigDict(frozen=True)

    current_bid: int | None = None
    buy_now_price: int | None = None
    bids: int | None = None
    ends_at: datetime | None = None


class Offer(BaseModel):
    """One way to buy the product: a listing on one marketplace, normalised.

    Attributes:
        source: the registered name of the marketplace (``"yahoo_shopping"``).
        title: the listing title as shown.
        url: the listing page (tracking parameters that expose credentials stripped).
        price: yen, tax included. For an auction without buy-now, the current bid.
        shipping_fee: yen; 0 = free or included; ``None`` = unknown.
        points: points earned under the user's :class:`~altfinder.PointsProfile`.
        condition: see :class:`Condition`; ``condition_label`` keeps the marketplace's words.
        seller: see :class:`Seller`.
        in_stock: whether the marketplace says it can be bought now.
        jan, asin: codes the listing carries.
        quantity: units in the listing (a 2個セット has 2).
        identity: how the offer was tied to the product (see :class:`Identity`).
        flags: caveats the source itself saw (``title_match``, ``auction``, ``variant_price``).
        lead_time_days: days until delivery as promised (0 = today), when known.
        delivery_estimate: the marketplace's delivery words (``"2〜3日で発送"``).
        ships_from: where it ships from, as shown; ``ships_from_overseas`` when known.
        listing_key: names the marketplace listing behind the offer when two sources can
            report the same one (Amazon's offers page and its Creators API); the finder
            keeps one copy, filling what it lacks from the others.
        raw: the source's parsed payload, for debugging; never in reprs or dumps.

    Example:
        >>> Offer(source="x", title="t", url="https://x.jp", price=1000, quantity=2).unit_price
        500
    """

    model_config = ConfigDict(frozen=True)

    source: str
    title: str
    url: str
    price: int = Field(ge=0)
    shipping_fee: int | None = Field(default=None, ge=0)
    points: int = Field(default=0, ge=0)
    condition: Condition = Condition.NEW
    condition_label: str | None = None
    seller: Seller | None = None
    in_stock: bool = True
    jan: str | None = None
    asin: str | None = None
    quantity: int = Field(default=1, ge=1)
    identity: Identity = Identity.CODE
    flags: frozenset[Flag] = frozenset()
    item_id: str | None = None
    image_url: str | None = None
    lead_time_days: int | None = Field(default=None, ge=0)
    delivery_estimate: str | None = None
    ships_from: str | None = None
    ships_from_overseas: bool | None = None
    fulfilled_by_marketplace: bool | None = None
    outlet: bool = False
    auction: AuctionInfo | None = None
    list_price: int | None = None
    listing_key: str | None = None
    raw: dict[str, Any] | None = Field(default=None, repr=False, exclude=True)

    @property
    def total_price(self) -> int | None:
        """Price plus shipping, or ``None`` when shipping is unknown.

        Example:
            >>> Offer(source="x", title="t", url="u", price=1000, shipping_fee=500).total_price
            1500
        """
        return None if self.shipping_fee is None else self.price + self.shipping_fee

    @property
    def unit_price(self) -> int:
        """Price per unit for multi-unit listings (integer yen, rounded down).

        Example:
            >>> Offer(source="x", title="t", url="u", price=999, quantity=2).unit_price
            499
        """
        return self.price // self.quantity


class Product(BaseModel):
    """What a code resolved to. Every field is optional.

    ``aliases`` (other titles of the same product, as shops selling it under its code
    title it) and ``siblings`` (titles of other products of its family) help the title
    matcher; the finder fills them from what the shops answered for the code.

    Example:
        >>> Product(jan="4902370548495", title="Nintendo Switch（有機ELモデル）", brand="任天堂")
        Product(jan='4902370548495', title='Nintendo Switch（有機ELモデル）', brand='任天堂')
    """

    jan: str | None = None
    asin: str | None = None
    isbn: str | None = None
    title: str | None = None
    brand: str | None = None
    model_number: str | None = None
    asins: tuple[str, ...] = ()
    #: other titles of this same product, as shops that list it under its code title it
    aliases: tuple[str, ...] = ()
    #: titles of other products of its family (another colour, size, edition, platform…)
    siblings: tuple[str, ...] = ()

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        for name, value in super().__repr_args__():
            if value not in (None, ()):
                yield name, value

    @classmethod
    def from_code(cls, code: ProductCode) -> Product:
        """The product as far as the code alone tells.

        Example:
            >>> from altfinder import parse_code
            >>> Product.from_code(parse_code("9784873119700"))
            Product(jan='9784873119700', asin='4873119707', isbn='9784873119700')
        """
        return cls(
            jan=code.jan,
            asin=code.asin,
            isbn=code.value if code.kind == "isbn" else None,
        )

    def merged(self, other: Product) -> Product:
        """Fill this product's missing fields from ``other`` (known fields win).

        Example:
            >>> Product(jan="4902370548495").merged(Product(title="Switch", jan="x")).title
            'Switch'
        """
        data = self.model_dump()
        for key, value in other.model_dump().items():
            if key in ("asins", "aliases", "siblings"):
                data[key] = tuple(dict.fromkeys((*data[key], *value)))
            elif data.get(key) in (None, "") and value not in (None, ""):
                data[key] = value
        return Product(**data)


class ScoreTerm(BaseModel):
    """One yen term of a ranked offer's score, e.g. ``("shipping (unknown, estimated)", 800)``.

    Example:
        >>> ScoreTerm(label="price", yen=32978, kind="price").yen
        32978
    """

    model_config = ConfigDict(frozen=True)

    label: str
    yen: int
    kind: str  # "price", "shipping", "points", "unit", "condition", "risk"


_UNSIGNED = ("price", "shipping")


def _yen(value: int, *, signed: bool = False) -> str:
    sign = "−" if value < 0 else ("+" if signed else "")
    return f"{sign}¥{abs(value):,}"


class RankedOffer(BaseModel):
    """An offer with its effective price, score, flags and the yen terms behind them.

    Attributes:
        offer: the :class:`Offer`.
        effective_price: price + shipping − points × point value (unknown shipping counts
            as the policy's estimate).
        score: yen, lower is better: the effective price (per unit) adjusted for
            condition and risk.
        flags: every caveat, each with its premium among the terms.
        terms: the yen terms; the first three sum to ``effective_price``, all sum to ``score``.
        rank: 1 for the best offer.

    Example:
        >>> from altfinder import Offer, rank_offers
        >>> ranked, _ = rank_offers([Offer(source="x", title="t", url="u", price=1000,
        ...                                shipping_fee=0, points=10)])
        >>> print(ranked[0].explanation)
        price                                 ¥1,000
        shipping (free or included)               ¥0
        points (10 pt × ¥1)                     −¥10
        = effective price                       ¥990
        = score                                 ¥990
    """

    model_config = ConfigDict(frozen=True)

    offer: Offer
    effective_price: int
    score: int
    flags: frozenset[Flag] = frozenset()
    terms: tuple[ScoreTerm, ...] = ()
    rank: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def explanation(self) -> str:
        """The score, line by line, in yen.

        Example:
            >>> ranked = RankedOffer(offer=Offer(source="x", title="t", url="u", price=5),
            ...                      effective_price=5, score=5,
            ...                      terms=(ScoreTerm(label="price", yen=5, kind="price"),))
            >>> print(ranked.explanation)
            price                                     ¥5
            = effective price                         ¥5
            = score                                   ¥5
        """
        def line(label: str, amount: str) -> str:
            return f"{label:<34}{amount:>10}"

        lines: list[str] = []
        effective_shown = False
        for term in self.terms:
            if term.kind in ("unit", "condition", "risk") and not effective_shown:
                lines.append(line("= effective price", _yen(self.effective_price)))
                effective_shown = True
            lines.append(line(term.label, _yen(term.yen, signed=term.kind not in _UNSIGNED)))
        if not effective_shown:
            lines.append(line("= effective price", _yen(self.effective_price)))
        lines.append(line("= score", _yen(self.score)))
        return "\n".join(lines)


class ExclusionReason(StrEnum):
    """Why an offer was left out of the ranking.

    Example:
        >>> ExclusionReason.OUT_OF_STOCK.value
        'out_of_stock'
    """

    OUT_OF_STOCK = "out_of_stock"
    OTHER_PRODUCT = "other_product"  # carries another code
    UNVERIFIED = "unverified"  # identity could not be checked
    LOOK_ALIKE = "look_alike"  # the title matcher says it is something else
    CONDITION = "condition"  # the policy excludes this condition
    DUPLICATE = "duplicate"  # the same listing reported twice
    POLICY = "policy"  # another policy rule


class ExcludedOffer(BaseModel):
    """An offer left out of the ranking, with the reason. Nothing is dropped silently.

    Example:
        >>> ex = ExcludedOffer(offer=Offer(source="x", title="t", url="u", price=1),
        ...                    reason="out_of_stock", detail="在庫切れ")
        >>> ex.reason.value
        'out_of_stock'
    """

    model_config = ConfigDict(frozen=True)

    offer: Offer
    reason: ExclusionReason
    detail: str = ""


class SourceFailure(BaseModel):
    """A marketplace that failed; the others' offers are still returned.

    Attributes:
        source: registered name.
        error_type: the exception class name (``"RateLimitedError"``, ``"SourceTimeoutError"``…).
        message: what went wrong, never with a credential.
        retry_after: seconds, when the marketplace said.

    Example:
        >>> SourceFailure(source="yahoo_shopping", error_type="SourceTimeoutError",
        ...               message="no answer within 10 s").error_type
        'SourceTimeoutError'
    """

    model_config = ConfigDict(frozen=True)

    source: str
    error_type: str
    message: str
    retry_after: float | None = None


class SourceStatus(BaseModel):
    """How one marketplace's search went: the per-source status line.

    Example:
        >>> SourceStatus(source="yahoo_shopping", ok=True, offers=3, excluded=1,
        ...              elapsed_ms=120).ok
        True
    """

    model_config = ConfigDict(frozen=True)

    source: str
    ok: bool
    offers: int = 0
    excluded: int = 0
    requests: int = 0
    cache_hits: int = 0
    throttled: int = 0
    elapsed_ms: int = 0
    error_type: str | None = None


class Results(BaseModel):
    """Everything one search found, ranked best first.

    Iterating over ``Results`` yields the ranked offers; ``len()`` counts them.

    Example:
        >>> from altfinder import find_alternatives
        >>> from altfinder.sandbox import Sandbox
        >>> sandbox = Sandbox(time_scale=50)
        >>> res = find_alternatives("9784873115658", sources=sandbox.sources(),
        ...                         client=sandbox.client())
        >>> res.best is not None, len(res) == len(res.offers), res.code.kind
        (True, True, 'isbn')
    """

    code: ProductCode
    product: Product
    offers: list[RankedOffer] = Field(default_factory=list)
    excluded: list[ExcludedOffer] = Field(default_factory=list)
    errors: list[SourceFailure] = Field(default_factory=list)
    sources: list[SourceStatus] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    #: Attributions the marketplaces' terms require wherever these results are shown
    #: ("Supported by Rakuten Developers", "Web Services by Yahoo! JAPAN").
    credits: list[str] = Field(default_factory=list)
    searched_at: datetime

    @property
    def best(self) -> RankedOffer | None:
        """The best-ranked offer, or ``None`` when nothing was found.

        Example:
            >>> from altfinder import parse_code, Product
            >>> from datetime import datetime
            >>> Results(code=parse_code("4902370548495"), product=Product(),
            ...         searched_at=datetime(2026, 11, 26, tzinfo=JST)).best is None
            True
        """
        return self.offers[0] if self.offers else None

    def __iter__(self) -> Iterator[RankedOffer]:  # type: ignore[override]
        return iter(self.offers)

    def __len__(self) -> int:
        return len(self.offers)

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        best = self.best
        best_text = (
            f", best={best.offer.source}:{_yen(best.effective_price)}" if best else ""
        )
        return (
            f"Results(code={self.code.value!r}, offers={len(self.offers)}, "
            f"excluded={len(self.excluded)}, errors={[e.source for e in self.errors]}{best_text})"
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per ranked offer (the rows of :meth:`to_dataframe`).

        Example:
            >>> from altfinder import parse_code, Product
            >>> from datetime import datetime
            >>> Results(code=parse_code("4902370548495"), product=Product(),
            ...         searched_at=datetime(2026, 11, 26, tzinfo=JST)).to_records()
            []
        """
        rows: list[dict[str, Any]] = []
        for ranked in self.offers:
            offer = ranked.offer
            seller = offer.seller
            rows.append(
                {
                    "rank": ranked.rank,
                    "source": offer.source,
                    "title": offer.title,
                    "condition": offer.condition.value,
                    "price": offer.price,
                    "shipping_fee": offer.shipping_fee,
                    "points": offer.points,
                    "quantity": offer.quantity,
                    "effective_price": ranked.effective_price,
                    "score": ranked.score,
                    "flags": ",".join(sorted(f.value for f in ranked.flags)),
                    "seller": seller.name if seller else None,
                    "seller_rating": seller.rating if seller else None,
                    "seller_rating_count": seller.rating_count if seller else None,
                    "lead_time_days": offer.lead_time_days,
                    "in_stock": offer.in_stock,
                    "url": offer.url,
                }
            )
        return rows

    def to_dataframe(self) -> pd.DataFrame:
        """The ranked offers as a pandas DataFrame (needs the ``pandas`` extra).

        Example:
            >>> from altfinder.sandbox import Sandbox
            >>> from altfinder import find_alternatives
            >>> sandbox = Sandbox(time_scale=50)
            >>> res = find_alternatives("9784873115658", sources=sandbox.sources(),
            ...                         client=sandbox.client())
            >>> list(res.to_dataframe().columns[:3])
            ['source', 'title', 'condition']
        """
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError(
                'to_dataframe() needs pandas: pip install "altfinder[pandas]"'
            ) from exc
        columns = [
            "rank", "source", "title", "condition", "price", "shipping_fee", "points",
            "quantity", "effective_price", "score", "flags", "seller", "seller_rating",
            "seller_rating_count", "lead_time_days", "in_stock", "url",
        ]
        frame = pd.DataFrame.from_records(self.to_records(), columns=columns)
        if not frame.empty:
            frame = frame.set_index("rank")
        return frame

    def _repr_html_(self) -> str:
        """A table for Jupyter: rank, source, title, effective price, score, flags, seller."""
        esc = html.escape
        title = self.product.title or self.code.value
        parts = [
            f"<div><strong>{esc(title)}</strong> <code>{esc(self.code.value)}</code> — "
            f"{len(self.offers)} offers, {len(self.excluded)} excluded, "
            f"{len(self.errors)} failed sources</div>",
            "<table><thead><tr><th>#</th><th>source</th><th>title</th><th>condition</th>"
            "<th>effective price</th><th>score</th><th>flags</th><th>seller</th></tr></thead>"
            "<tbody>",
        ]
        for ranked in self.offers:
            offer = ranked.offer
            seller = offer.seller.name if offer.seller else ""
            flags = ", ".join(sorted(f.value for f in ranked.flags))
            parts.append(
                f"<tr><td>{ranked.rank}</td><td>{esc(offer.source)}</td>"
                f'<td><a href="{esc(offer.url)}">{esc(offer.title)}</a></td>'
                f"<td>{esc(offer.condition.value)}</td>"
                f"<td>{esc(_yen(ranked.effective_price))}</td><td>{esc(_yen(ranked.score))}</td>"
                f"<td>{esc(flags)}</td><td>{esc(seller)}</td></tr>"
            )
        parts.append("</tbody></table>")
        if self.credits:
            parts.append(f"<div><small>{esc(' · '.join(self.credits))}</small></div>")
        if self.errors:
            parts.append("<ul>")
            parts.extend(
                f"<li>{esc(e.source)}: {esc(e.error_type)} — {esc(e.message)}</li>"
                for e in self.errors
            )
            parts.append("</ul>")
        return "".join(parts)
