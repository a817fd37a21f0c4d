"""Effective price, risk flags and the explained score.

The **effective price** is what the offer really costs::

    price + shipping (the policy's estimate when unknown) − points × point value

The **score** ranks offers (lower is better). It starts from the effective price per
unit and adds, in yen, a condition adjustment and a premium for each risk flag. Both
are fractions of the *reference price*: the median effective unit price of the offers
being ranked. Using one reference keeps every adjustment on the product's own scale
(5 % of a ¥300 cable and 5 % of a ¥30,000 console are both "5 %") and makes a bait
listing's premium large enough to push it below honest offers, however cheap it looks.
For a new, in-stock, domestic offer with known shipping from a well-rated seller and
no flags, the score equals the effective price.

Example:
    >>> from altfinder import Offer, RankingPolicy, rank_offers
    >>> ranked, excluded = rank_offers(
    ...     [Offer(source="a", title="t", url="u1", price=1000, shipping_fee=0),
    ...      Offer(source="b", title="t", url="u2", price=900, shipping_fee=None)],
    ...     policy=RankingPolicy(unknown_shipping_fee=300))
    >>> [(r.offer.source, r.effective_price, sorted(f.value for f in r.flags)) for r in ranked]
    [('a', 1000, []), ('b', 1200, ['shipping_estimated'])]
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ConfigDict, Field

from altfinder.models import (
    Condition,
    ExcludedOffer,
    ExclusionReason,
    Flag,
    Offer,
    RankedOffer,
    RatingScale,
    ScoreTerm,
)

__all__ = ["PointsProfile", "RankingPolicy", "rank_offers"]


class PointsProfile(BaseModel):
    """The user's own point programmes, which change the points an offer earns.

    Attributes:
        rakuten_bonus_percent: percentage points the user earns on top of a Rakuten
            item's own rate (SPU, 楽天カード, お買い物マラソン…). 0 by default: we only
            count what every buyer earns.
        yahoo_premium: the user is an LYP premium member, so Yahoo! Shopping's
            ``premiumPrice`` and premium point amounts apply.

    Example:
        >>> PointsProfile(rakuten_bonus_percent=4, yahoo_premium=True).yahoo_premium
        True
    """

    model_config = ConfigDict(frozen=True)

    rakuten_bonus_percent: float = Field(default=0.0, ge=0.0, le=100.0)
    yahoo_premium: bool = False


def _default_condition_factors() -> dict[Condition, float]:
    return {
        Condition.NEW: 1.0,
        Condition.REFURBISHED: 1.08,
        Condition.LIKE_NEW: 1.05,
        Condition.VERY_GOOD: 1.10,
        Condition.GOOD: 1.15,
        Condition.USED: 1.20,
        Condition.ACCEPTABLE: 1.25,
        Condition.POOR: 1.60,
    }


def _default_risk_premiums() -> dict[Flag, float]:
    return {
        Flag.SHIPPING_ESTIMATED: 0.0,
        Flag.SHIPS_FROM_OVERSEAS: 0.10,
        Flag.LOW_RATED_SELLER: 0.10,
        Flag.NEW_SELLER: 0.05,
        Flag.LONG_LEAD_TIME: 0.05,
        Flag.SUSPICIOUS_PRICE: 1.0,
        Flag.TITLE_MATCH: 0.03,
        Flag.AUCTION: 0.10,
        Flag.VARIANT_PRICE: 0.05,
    }


class RankingPolicy(BaseModel):
    """How offers are priced, flagged and ranked. Every default has a reason.

    Attributes:
        point_value: yen per point. 1.0: Rakuten, Yahoo (PayPay) and Amazon points all
            spend at ¥1.
        unknown_shipping_fee: yen counted when a marketplace does not say the fee
            (楽天 送料別, Yahoo 設定なし). 800: a typical 宅配便 fee for a small parcel
            within Japan in 2026; the offer is flagged ``shipping_estimated``.
        condition_factors: the score multiplies the reference price by ``factor − 1`` and
            adds it: a used "good" item (1.15) must be 15 % cheaper than new to tie.
            Refurbished (1.08) sits between like-new and very-good: checked, with a
            warranty, but not new.
        excluded_conditions: conditions never ranked. ``poor`` (junk, 部品取り, 動作未確認)
            by default: such listings do not replace a cancelled order.
        risk_premiums: per flag, the fraction of the reference price added to the score.
            Overseas shipping and low-rated sellers (10 %) are the article's main causes
            of failed orders; a new seller 5 %; a long lead time 5 %; an auction 10 %
            (the price can still rise); a "from" price of a listing with variations 5 %;
            title-only identity 3 %. A suspicious price adds 100 %: a bait listing must
            rank below honest offers however cheap it looks. An estimated shipping fee
            adds nothing beyond the estimate itself.
        min_rating_stars: a 5-star average below this is ``low_rated_seller`` (4.0: Yahoo
            stores average about 4.5; below 4 is the bottom tail).
        min_positive_ratio: a positive-feedback share below this is ``low_rated_seller``
            (0.95: the article's threshold for Amazon sellers).
        auction_floor: a bid-only auction is scored as if it ended at no less than this share
            of the reference price (0.85): the current bid is not a price anyone can buy
            at, and auctions for a product in demand end near its market price. Without
            this an early ¥1,000 bid would rank first.
        new_seller_max_ratings: fewer ratings than this is ``new_seller`` (10).
        suspicious_price_ratio: an offer below this share of the median unit price of the
            other offers in the same condition class (new/refurbished or used) is
            ``suspicious_price`` (0.5).
        suspicious_min_offers: how many other offers that median needs (3).
        long_lead_time_days: delivery promised later than this is ``long_lead_time`` (7:
            the article warns about 2週間〜1ヶ月 and 取り寄せ).
        points_profile: the user's point programmes (see :class:`PointsProfile`).

    Example:
        >>> policy = RankingPolicy(points_profile=PointsProfile(rakuten_bonus_percent=5))
        >>> policy.condition_factors[Condition.GOOD]
        1.15
    """

    model_config = ConfigDict(frozen=True)

    point_value: float = Field(default=1.0, ge=0.0)
    unknown_shipping_fee: int = Field(default=800, ge=0)
    condition_factors: dict[Condition, float] = Field(default_factory=_default_condition_factors)
    excluded_conditions: frozenset[Condition] = frozenset({Condition.POOR})
    risk_premiums: dict[Flag, float] = Field(default_factory=_default_risk_premiums)
    min_rating_stars: float = Field(default=4.0, ge=0.0, le=5.0)
    min_positive_ratio: float = Field(default=0.95, ge=0.0, le=1.0)
    auction_floor: float = Field(default=0.85, ge=0.0, le=2.0)
    new_seller_max_ratings: int = Field(default=10, ge=0)
    suspicious_price_ratio: float = Field(default=0.5, gt=0.0, lt=1.0)
    suspicious_min_offers: int = Field(default=3, ge=1)
    long_lead_time_days: int = Field(default=7, ge=0)
    points_profile: PointsProfile = Field(default_factory=PointsProfile)

    def condition_factor(self, condition: Condition) -> float:
        """The factor for ``condition`` (1.0 when the policy does not name it).

        Example:
            >>> RankingPolicy().condition_factor(Condition.NEW)
            1.0
        """
        return self.condition_factors.get(condition, 1.0)

    def premium(self, flag: Flag) -> float:
        """The premium fraction for ``flag`` (0.0 when the policy does not name it).

        Example:
            >>> RankingPolicy().premium(Flag.SHIPS_FROM_OVERSEAS)
            0.1
        """
        return self.risk_premiums.get(flag, 0.0)


_FLAG_LABELS: dict[Flag, str] = {
    Flag.SHIPPING_ESTIMATED: "shipping fee estimated",
    Flag.SHIPS_FROM_OVERSEAS: "ships from overseas",
    Flag.LOW_RATED_SELLER: "low-rated seller",
    Flag.NEW_SELLER: "new seller",
    Flag.LONG_LEAD_TIME: "long lead time",
    Flag.SUSPICIOUS_PRICE: "suspicious price",
    Flag.TITLE_MATCH: "matched by title",
    Flag.AUCTION: "auction",
    Flag.VARIANT_PRICE: "from-price (variations)",
}
_FLAG_ORDER = list(Flag)


def _seller_flags(offer: Offer, policy: RankingPolicy) -> set[Flag]:
    flags: set[Flag] = set()
    seller = offer.seller
    if seller is None:
        return flags
    if seller.rating is not None and seller.rating_scale is not None:
        if seller.rating_scale is RatingScale.STARS_5:
            low = seller.rating * 5 < policy.min_rating_stars - 1e-9
        else:
            low = seller.rating < policy.min_positive_ratio - 1e-9
        if low:
            flags.add(Flag.LOW_RATED_SELLER)
    if seller.rating_count is not None and seller.rating_count < policy.new_seller_max_ratings:
        flags.add(Flag.NEW_SELLER)
    return flags


def _comparable_unit_price(offer: Offer) -> float:
    shipping = offer.shipping_fee or 0
    return (offer.price + shipping) / offer.quantity


def _suspicious(candidates: Sequence[Offer], policy: RankingPolicy) -> set[int]:
    """Indexes of offers priced far below the median of the others in their condition class."""
    suspicious: set[int] = set()
    prices = [_comparable_unit_price(o) for o in candidates]
    used = [o.condition.is_used for o in candidates]
    for i, price in enumerate(prices):
        others = [p for j, p in enumerate(prices) if j != i and used[j] == used[i]]
        if len(others) < policy.suspicious_min_offers:
            continue
        if price < policy.suspicious_price_ratio * statistics.median(others):
            suspicious.add(i)
    return suspicious


def _dedupe(offers: Iterable[Offer]) -> tuple[list[Offer], list[ExcludedOffer]]:
    seen: set[tuple[str, str]] = set()
    kept: list[Offer] = []
    dropped: list[ExcludedOffer] = []
    for offer in offers:
        key = (offer.source, offer.item_id or offer.url)
        if key in seen:
            dropped.append(
                ExcludedOffer(offer=offer, reason=ExclusionReason.DUPLICATE,
                              detail=f"the same {offer.source} listing was reported twice")
            )
            continue
        seen.add(key)
        kept.append(offer)
    return kept, dropped


def rank_offers(
    offers: Iterable[Offer],
    *,
    policy: RankingPolicy | None = None,
) -> tuple[list[RankedOffer], list[ExcludedOffer]]:
    """Rank offers for one product, best first, and list what was left out and why.

    Out-of-stock offers, conditions the policy excludes and duplicate listings are
    excluded with their reason; every other offer is ranked and explained.

    Example:
        >>> from altfinder import Offer, Condition
        >>> ranked, excluded = rank_offers([
        ...     Offer(source="a", title="t", url="u1", price=30000, shipping_fee=0),
        ...     Offer(source="b", title="t", url="u2", price=24000, shipping_fee=0,
        ...           condition=Condition.GOOD),
        ...     Offer(source="c", title="t", url="u3", price=100, in_stock=False)])
        >>> [(r.rank, r.offer.source, r.score) for r in ranked]
        [(1, 'b', 28050), (2, 'a', 30000)]
        >>> excluded[0].reason.value
        'out_of_stock'
    """
    policy = policy or RankingPolicy()
    unique, excluded = _dedupe(offers)
    candidates: list[Offer] = []
    for offer in unique:
        if not offer.in_stock:
            excluded.append(ExcludedOffer(offer=offer, reason=ExclusionReason.OUT_OF_STOCK,
                                          detail="the marketplace says it is out of stock"))
        elif offer.condition in policy.excluded_conditions:
            excluded.append(
                ExcludedOffer(offer=offer, reason=ExclusionReason.CONDITION,
                              detail=f"condition {offer.condition.value} is excluded by the policy")
            )
        else:
            candidates.append(offer)
    if not candidates:
        return [], excluded

    suspicious = _suspicious(candidates, policy)
    effective_units: list[tuple[int, int, list[ScoreTerm], set[Flag]]] = []
    for i, offer in enumerate(candidates):
        flags = set(offer.flags)
        terms = [ScoreTerm(label="price", yen=offer.price, kind="price")]
        if offer.shipping_fee is None:
            flags.add(Flag.SHIPPING_ESTIMATED)
            shipping = policy.unknown_shipping_fee
            terms.append(ScoreTerm(label="shipping (unknown, estimated)", yen=shipping,
                                   kind="shipping"))
        else:
            shipping = offer.shipping_fee
            label = "shipping (free or included)" if shipping == 0 else "shipping"
            terms.append(ScoreTerm(label=label, yen=shipping, kind="shipping"))
        point_yen = round(offer.points * policy.point_value)
        if offer.points:
            terms.append(ScoreTerm(
                label=f"points ({offer.points:,} pt × ¥{policy.point_value:g})",
                yen=-point_yen, kind="points"))
        effective = offer.price + shipping - point_yen
        unit = effective
        if offer.quantity > 1:
            unit = round(effective / offer.quantity)
            terms.append(ScoreTerm(label=f"per unit (÷ {offer.quantity})", yen=unit - effective,
                                   kind="unit"))
        if offer.ships_from_overseas:
            flags.add(Flag.SHIPS_FROM_OVERSEAS)
        if offer.lead_time_days is not None and offer.lead_time_days > policy.long_lead_time_days:
            flags.add(Flag.LONG_LEAD_TIME)
        if offer.auction is not None and offer.auction.buy_now_price is None:
            flags.add(Flag.AUCTION)
        flags |= _seller_flags(offer, policy)
        if i in suspicious:
            flags.add(Flag.SUSPICIOUS_PRICE)
        effective_units.append((effective, unit, terms, flags))

    reference = round(statistics.median(unit for _, unit, _, _ in effective_units))
    ranked: list[RankedOffer] = []
    for offer, (effective, unit, terms, flags) in zip(candidates, effective_units, strict=True):
        factor = policy.condition_factor(offer.condition)
        score = unit
        if factor != 1.0:
            adjust = round(reference * (factor - 1.0))
            percent = (factor - 1) * 100
            label = f"condition {offer.condition.value} ({percent:+.0f}% of ¥{reference:,})"
            terms.append(ScoreTerm(label=label, yen=adjust, kind="condition"))
            score += adjust
        if Flag.AUCTION in flags:
            floor = round(reference * policy.auction_floor)
            if unit < floor:
                label = (f"auction: bids end near the market "
                         f"(scored as ≥{policy.auction_floor:.0%} of ¥{reference:,})")
                terms.append(ScoreTerm(label=label, yen=floor - unit, kind="risk"))
                score += floor - unit
        for flag in sorted(flags, key=_FLAG_ORDER.index):
            fraction = policy.premium(flag)
            premium = round(reference * fraction)
            label = f"{_FLAG_LABELS[flag]} ({fraction * 100:+.0f}% of ¥{reference:,})"
            terms.append(ScoreTerm(label=label, yen=premium, kind="risk"))
            score += premium
        ranked.append(RankedOffer(offer=offer, effective_price=effective, score=score,
                                  flags=frozenset(flags), terms=tuple(terms)))

    ranked.sort(key=lambda r: (r.score, r.effective_price, r.offer.source, r.offer.url))
    ranked = [r.model_copy(update={"rank": n}) for n, r in enumerate(ranked, start=1)]
    return ranked, excluded
