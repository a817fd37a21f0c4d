"""One search's bookkeeping: de-duplication, Rakuten Books' twin offers, the description.

The JAN search, the Books search and the title search of one lookup can meet the same
listing, and Rakuten Books sells through both its API and its Ichiba shop (``book``):
each listing is reported once. The verified listings' titles describe the product.

Example:
    >>> # run = _Run(ctx=ctx, bonus=0.0); run.take(page, api="Item Search"); run.description
"""

from __future__ import annotations

from dataclasses import dataclass, field

from altfinder.models import Condition, ExclusionReason, Identity, Offer, Product
from altfinder.sources.base import SearchContext
from altfinder.sources.rakuten._parse import BOOKS_SHOP_CODE, SOURCE_NAME, RakutenPage
from altfinder.sources.rakuten._titles import _central_title, _clean_title


@dataclass
class _Run:
    """What one search found so far: de-duplication, identity and the description."""

    ctx: SearchContext
    bonus: float
    code: str | None = None
    seen: set[str] = field(default_factory=set)
    books_api: list[Offer] = field(default_factory=list)
    books_shop: list[Offer] = field(default_factory=list)
    verified: int = 0
    titles: list[str] = field(default_factory=list)
    books_title: tuple[str, str | None] | None = None

    def take(self, page: RakutenPage, *, api: str) -> None:
        ctx = self.ctx
        for problem in page.problems:
            ctx.note(f"{SOURCE_NAME}: {api}: {problem}")
        for offer, detail in page.unavailable:
            if self._first_report(offer):
                ctx.exclude(offer, ExclusionReason.OUT_OF_STOCK, detail)
        for offer in page.offers:
            if not self._first_report(offer):
                continue
            ctx.add(offer)
            if self._for_our_code(offer):
                self.verified += 1
                self._learn(offer)

    def _for_our_code(self, offer: Offer) -> bool:
        if self.code is None or offer.identity is Identity.TITLE:
            return False
        return offer.jan in (None, self.code)

    def _first_report(self, offer: Offer) -> bool:
        """Skip a listing this search already reported; report Rakuten Books' offer once."""
        key = offer.item_id or offer.url
        if key in self.seen:
            return False  # the code search and the title search met the same listing
        self.seen.add(key)
        if offer.seller is None or offer.seller.id != BOOKS_SHOP_CODE:
            return True
        if not self._for_our_code(offer):
            return True
        from_api = (offer.item_id or "").startswith("books:")
        twins = self.books_shop if from_api else self.books_api
        if twins:
            self.ctx.exclude(offer, ExclusionReason.DUPLICATE,
                             "Rakuten Books' own offer, already reported from "
                             + ("its Ichiba shop" if from_api else "the Rakuten Books API"))
            return False
        (self.books_api if from_api else self.books_shop).append(offer)
        return True

    def _learn(self, offer: Offer) -> None:
        """Collect titles of the listings that carry the code, for the description."""
        title = _clean_title(offer.title, self.code)
        if not title or offer.condition is not Condition.NEW:
            return
        raw = offer.raw or {}
        if (offer.item_id or "").startswith("books:"):
            brand = str(raw.get("publisherName") or raw.get("label") or "") or None
            self.books_title = self.books_title or (title, brand)
        elif offer.seller is not None and offer.seller.id == BOOKS_SHOP_CODE:
            self.books_title = self.books_title or (title, None)
        else:
            self.titles.append(title)

    @property
    def description(self) -> Product | None:
        """What the verified listings tell: Rakuten Books' title first (catalogue quality),
        else the shop title closest to all the others (the least promotional)."""
        if self.books_title is not None:
            title, brand = self.books_title
        elif self.titles:
            title, brand = _central_title(self.titles), None
        else:
            return None
        code = self.ctx.code
        return Product(jan=self.code, isbn=code.value if code.kind == "isbn" else None,
                       title=title, brand=brand)
