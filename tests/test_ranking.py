"""Effective price, flags and explained scores."""

from __future__ import annotations

import pytest

from altfinder import (
    AuctionInfo,
    Condition,
    ExclusionReason,
    Flag,
    Offer,
    RankingPolicy,
    Seller,
    rank_offers,
)


def offer(price: int, **kw: object) -> Offer:
    kw.setdefault("shipping_fee", 0)
    kw.setdefault("url", f"https://shop.example/{price}-{len(kw)}-{kw.get('title', '')}")
    return Offer(source=str(kw.pop("source", "s")), title=str(kw.pop("title", "t")),
                 price=price, **kw)  # type: ignore[arg-type]


def test_plain_offer_scores_its_effective_price() -> None:
    [ranked], excluded = rank_offers([offer(10000, points=100)])
    assert ranked.effective_price == 9900 and ranked.score == 9900 and ranked.flags == frozenset()
    assert excluded == []
    assert sum(t.yen for t in ranked.terms) == ranked.score


def test_unknown_shipping_is_estimated_and_flagged() -> None:
    [ranked], _ = rank_offers([offer(10000, shipping_fee=None)],
                              policy=RankingPolicy(unknown_shipping_fee=650))
    assert ranked.effective_price == 10650
    assert ranked.flags == {Flag.SHIPPING_ESTIMATED}
    assert "estimated" in ranked.explanation


def test_point_value_scales_points() -> None:
    [ranked], _ = rank_offers([offer(10000, points=1000)], policy=RankingPolicy(point_value=0.5))
    assert ranked.effective_price == 9500


def test_condition_adjustment_uses_the_reference_price() -> None:
    ranked, _ = rank_offers([offer(30000, title="new"),
                             offer(24000, title="used", condition=Condition.GOOD)])
    used = next(r for r in ranked if r.offer.title == "used")
    reference = 27000  # median of 30,000 and 24,000
    assert used.score == 24000 + round(reference * 0.15)
    assert "condition good" in used.explanation


def test_poor_condition_is_excluded_by_default() -> None:
    ranked, excluded = rank_offers([offer(100, condition=Condition.POOR)])
    assert ranked == [] and excluded[0].reason is ExclusionReason.CONDITION


def test_seller_flags_respect_each_scale() -> None:
    stars = Seller(name="a", rating=3.9 / 5, rating_scale="stars_5", rating_count=500)
    percent = Seller(name="b", rating=0.94, rating_scale="positive_ratio", rating_count=500)
    fine = Seller(name="c", rating=0.8, rating_scale="stars_5", rating_count=500)  # 4.0 stars
    newbie = Seller(name="d", rating=1.0, rating_scale="positive_ratio", rating_count=3)
    ranked, _ = rank_offers([offer(1000, seller=stars, title="a"),
                             offer(1000, seller=percent, title="b"),
                             offer(1000, seller=fine, title="c"),
                             offer(1000, seller=newbie, title="d")])
    flags = {r.offer.title: r.flags for r in ranked}
    assert flags["a"] == {Flag.LOW_RATED_SELLER}
    assert flags["b"] == {Flag.LOW_RATED_SELLER}
    assert flags["c"] == frozenset()
    assert flags["d"] == {Flag.NEW_SELLER}


def test_bait_price_is_flagged_and_ranked_below_honest_offers() -> None:
    offers = [offer(p, title=str(p)) for p in (30000, 31000, 32000, 33000)]
    offers.append(offer(9800, title="bait"))
    ranked, _ = rank_offers(offers)
    bait = next(r for r in ranked if r.offer.title == "bait")
    assert Flag.SUSPICIOUS_PRICE in bait.flags
    assert bait.rank == len(ranked)
    assert all(Flag.SUSPICIOUS_PRICE not in r.flags for r in ranked if r is not bait)


def test_used_offers_are_compared_with_used_offers_for_bait() -> None:
    offers = [offer(p, title=f"new{p}") for p in (30000, 31000, 32000)]
    offers.append(offer(12000, title="used", condition=Condition.ACCEPTABLE))
    ranked, _ = rank_offers(offers)
    used = next(r for r in ranked if r.offer.title == "used")
    assert Flag.SUSPICIOUS_PRICE not in used.flags  # no other used offers to compare with


def test_lead_time_overseas_auction_and_source_flags() -> None:
    ranked, _ = rank_offers([
        offer(1000, title="slow", lead_time_days=14),
        offer(1000, title="abroad", ships_from_overseas=True),
        offer(1000, title="bid", auction=AuctionInfo(current_bid=1000)),
        offer(1000, title="from", flags=frozenset({Flag.VARIANT_PRICE})),
    ])
    flags = {r.offer.title: r.flags for r in ranked}
    assert flags["slow"] == {Flag.LONG_LEAD_TIME}
    assert flags["abroad"] == {Flag.SHIPS_FROM_OVERSEAS}
    assert flags["bid"] == {Flag.AUCTION}
    assert flags["from"] == {Flag.VARIANT_PRICE}


def test_multi_unit_listing_ranks_by_unit_price() -> None:
    ranked, _ = rank_offers([offer(1000, title="one"), offer(1800, title="pair", quantity=2)])
    pair = next(r for r in ranked if r.offer.title == "pair")
    assert pair.effective_price == 1800 and pair.score == 900 and pair.rank == 1
    assert "per unit" in pair.explanation


def test_out_of_stock_and_duplicates_are_excluded_with_reasons() -> None:
    same = offer(1000, item_id="x")
    ranked, excluded = rank_offers([same, same, offer(900, in_stock=False)])
    assert len(ranked) == 1
    assert {e.reason for e in excluded} == {ExclusionReason.DUPLICATE,
                                           ExclusionReason.OUT_OF_STOCK}


@pytest.mark.parametrize("count", [1, 2, 7, 40])
def test_terms_always_sum_to_the_score(count: int) -> None:
    offers = [offer(1000 + 97 * i, title=str(i), shipping_fee=None if i % 3 else 0,
                    points=i * 7, condition=list(Condition)[i % 7],
                    seller=Seller(name="s", rating=0.5 + i % 5 / 10, rating_scale="stars_5",
                                  rating_count=i))
              for i in range(count)]
    ranked, _ = rank_offers(offers)
    for r in ranked:
        assert sum(t.yen for t in r.terms) == r.score
        effective = sum(t.yen for t in r.terms if t.kind in ("price", "shipping", "points"))
        assert effective == r.effective_price
    assert [r.rank for r in ranked] == list(range(1, len(ranked) + 1))


def test_policy_is_validated() -> None:
    with pytest.raises(ValueError, match="suspicious_price_ratio"):
        RankingPolicy(suspicious_price_ratio=2)


def test_bid_only_auction_is_scored_at_an_expected_final_price() -> None:
    ranked, _ = rank_offers([
        offer(30000, title="a"), offer(31000, title="b"), offer(32000, title="c"),
        offer(1000, title="bid", auction=AuctionInfo(current_bid=1000),
              condition=Condition.GOOD),
        offer(25000, title="buy-now", auction=AuctionInfo(current_bid=9000, buy_now_price=25000),
              condition=Condition.GOOD),
    ])
    bid = next(r for r in ranked if r.offer.title == "bid")
    buy_now = next(r for r in ranked if r.offer.title == "buy-now")
    assert Flag.AUCTION in bid.flags and Flag.AUCTION not in buy_now.flags
    assert bid.score > 30000 * 0.85  # never ranked on its opening bid
    assert "bids end near the market" in bid.explanation
    assert sum(t.yen for t in bid.terms) == bid.score
    assert buy_now.rank < bid.rank
