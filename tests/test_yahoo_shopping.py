"""Yahoo!ショッピング itemSearch v3: requests, parsing, points, errors, conformance."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import httpx
import pytest

from altfinder import (
    AuthenticationError,
    Condition,
    ConfigurationError,
    ExclusionReason,
    Flag,
    Identity,
    ParseError,
    PointsProfile,
    RankingPolicy,
    RateLimitedError,
    RequestRejectedError,
    SourceUnavailableError,
    afind_alternatives,
)
from altfinder.models import JST
from altfinder.sources import YahooShopping
from altfinder.sources.yahoo_shopping import ENDPOINT, parse_item_search
from tests.conftest import FIXTURES, NOW, load_fixture, shared_samples

JAN = "4902370548495"
CLIENT_ID = "dj00aiZpPXRlc3QtY2xpZW50LWlk"


def _fixture_transport(payload: Any, seen: list[httpx.Request] | None = None,
                       status: int = 200) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        return httpx.Response(status, json=payload)
    return httpx.MockTransport(handler)


async def _search(payload: Any, *, policy: RankingPolicy | None = None,
                  now: datetime = NOW, seen: list[httpx.Request] | None = None,
                  source: YahooShopping | None = None):
    async with httpx.AsyncClient(transport=_fixture_transport(payload, seen)) as client:
        return await afind_alternatives(
            JAN, sources=[source or YahooShopping(client_id=CLIENT_ID)], client=client,
            policy=policy, now=now)


async def test_request_is_what_yahoo_expects() -> None:
    seen: list[httpx.Request] = []
    await _search(load_fixture("yahoo_shopping", "jan_search.json"), seen=seen)
    assert len(seen) == 1  # six hits of six: one page (no search for the siblings by default)
    request = seen[0]
    assert str(request.url).startswith(ENDPOINT + "?")
    params = dict(request.url.params)
    assert params["appid"] == CLIENT_ID
    assert params["jan_code"] == JAN
    assert params["results"] == "50"
    assert params["start"] == "1"
    assert params["sort"] == "+price"
    assert "query" not in params
    assert "in_stock" not in params
    assert request.headers["user-agent"].startswith("altfinder/")


async def test_offers_prices_points_shipping_and_order() -> None:
    res = await _search(load_fixture("yahoo_shopping", "jan_search.json"))
    by_seller = {r.offer.seller.id: r for r in res.offers}  # type: ignore[union-attr]
    assert set(by_seller) == {"kaden-tsukasa", "hikari-denki", "recycle-maru", "newshop-123"}

    sale = by_seller["kaden-tsukasa"]
    assert sale.offer.price == 35980  # inside the sale window at NOW
    assert sale.offer.points == 359 + 1439
    assert sale.offer.shipping_fee == 0
    assert sale.offer.list_price == 37980
    assert sale.offer.seller.badges == ("ベストストア",)  # type: ignore[union-attr]
    assert sale.offer.seller.rating == pytest.approx(4.71 / 5)  # type: ignore[union-attr]
    assert sale.offer.lead_time_days == 1
    assert sale.effective_price == 35980 - 1798
    assert sale.score == sale.effective_price
    assert sale.flags == frozenset()
    assert sale.rank == 1

    conditional = by_seller["hikari-denki"]
    assert conditional.offer.price == 37480  # not a premium member
    assert conditional.offer.shipping_fee is None  # 条件付き送料無料, threshold unknown
    assert Flag.SHIPPING_ESTIMATED in conditional.flags

    used = by_seller["recycle-maru"]
    assert used.offer.condition is Condition.USED
    assert used.offer.condition_label == "中古"
    assert used.offer.lead_time_days is None
    assert Flag.LOW_RATED_SELLER in used.flags  # 3.85 stars < 4.0

    unknown_jan = by_seller["newshop-123"]
    assert unknown_jan.offer.identity is Identity.CODE_SEARCH
    assert unknown_jan.offer.jan is None
    assert unknown_jan.offer.seller.rating is None  # type: ignore[union-attr]
    assert unknown_jan.offer.seller.rating_count == 0  # type: ignore[union-attr]
    assert {Flag.NEW_SELLER, Flag.LONG_LEAD_TIME} <= unknown_jan.flags

    assert [r.rank for r in res.offers] == [1, 2, 3, 4]
    assert [r.score for r in res.offers] == sorted(r.score for r in res.offers)


async def test_exclusions_carry_reasons() -> None:
    res = await _search(load_fixture("yahoo_shopping", "jan_search.json"))
    reasons = {e.offer.item_id: (e.reason, e.detail) for e in res.excluded}
    assert reasons["toy-kingdom_sw-oled-w"][0] is ExclusionReason.OUT_OF_STOCK
    other = reasons["film-ya_oled-glass2"]
    assert other[0] is ExclusionReason.OTHER_PRODUCT
    assert "4571234567899" in other[1]
    assert len(res.offers) + len(res.excluded) == 6  # nothing dropped silently


async def test_sale_price_outside_window_is_the_default_price() -> None:
    after_sale = datetime(2026, 12, 2, 9, 0, tzinfo=JST)
    res = await _search(load_fixture("yahoo_shopping", "jan_search.json"), now=after_sale)
    sale = next(r for r in res.offers if r.offer.item_id == "kaden-tsukasa_heg-s-kaaaa")
    assert sale.offer.price == 37980


async def test_premium_member_price_and_points() -> None:
    policy = RankingPolicy(points_profile=PointsProfile(yahoo_premium=True))
    res = await _search(load_fixture("yahoo_shopping", "jan_search.json"), policy=policy)
    by_item = {r.offer.item_id: r.offer for r in res.offers}
    assert by_item["hikari-denki_4902370548495"].price == 36980  # premiumPriceStatus true
    assert by_item["hikari-denki_4902370548495"].points == 369 + 739
    assert by_item["kaden-tsukasa_heg-s-kaaaa"].price == 35980  # premiumPriceStatus false
    assert by_item["kaden-tsukasa_heg-s-kaaaa"].points == 359 + 2159


async def test_paging_stops_at_total_and_respects_the_1000_cap() -> None:
    hits = load_fixture("yahoo_shopping", "jan_search.json")["hits"][:1]
    pages: list[dict[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        params = dict(request.url.params)
        pages.append(params)
        start = int(params["start"])
        hit = dict(hits[0], code=f"s_{start}", url=f"https://store.shopping.yahoo.co.jp/s/{start}")
        return httpx.Response(200, json={"totalResultsAvailable": 5000,
                                         "totalResultsReturned": 1,
                                         "firstResultsPosition": start, "hits": [hit]})

    source = YahooShopping(client_id=CLIENT_ID, max_results=1000, page_size=50,
                           rate_limit=None)
    source.rate_limit = source.rate_limit.scaled(1000)  # type: ignore[misc]
    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        await afind_alternatives(JAN, sources=[source], client=client, now=NOW, timeout=60)
    assert len(pages) == 20
    last = pages[-1]
    assert int(last["start"]) + int(last["results"]) - 1 == 1000


async def test_title_search_for_an_asin_with_a_described_product() -> None:
    seen: list[httpx.Request] = []
    payload = load_fixture("yahoo_shopping", "jan_search.json")
    from altfinder.sources.base import SearchContext, Source

    class Describer(Source):
        name = "describer"
        label = "test describer"
        describes_product = True

        async def search(self, ctx: SearchContext) -> None:
            from altfinder import Product
            ctx.describe(Product(title="Nintendo Switch 有機ELモデル", model_number="HEG-S-KAAAA"))

    async with httpx.AsyncClient(transport=_fixture_transport(payload, seen)) as client:
        res = await afind_alternatives("B098RKWHHZ", client=client, now=NOW,
                                       sources=[Describer(), YahooShopping(client_id=CLIENT_ID)])
    params = dict(seen[0].url.params)
    assert "jan_code" not in params
    assert params["query"].startswith("HEG-S-KAAAA Nintendo")
    # Title-only identity: ranked only when the title matcher vouches for it (and flagged);
    # the film filed under the console's name is a look-alike, excluded with its reason.
    assert res.offers
    assert all(Flag.TITLE_MATCH in r.flags for r in res.offers)
    [film] = [e for e in res.excluded if "フィルム" in e.offer.title]
    assert film.reason is ExclusionReason.LOOK_ALIKE
    assert "ガラスフィルム" in film.detail


@pytest.mark.parametrize(
    ("status", "body", "content_type", "error", "words"),
    [
        (400, {"Error": {"Message": "Invalid parameter: results"}}, "application/json",
         RequestRejectedError, "Invalid parameter"),
        (400, {"Error": {"Message": "appid is invalid"}}, "application/json",
         AuthenticationError, "appid"),
        (403, {"Error": {"Message": "Your Request was Forbidden"}}, "application/json",
         AuthenticationError, "50,000"),
        (401, {"Error": {"Message": 'Please provide valid credentials. Bearer '
                                    'realm="yahooapis.jp", error="insufficient_scope"'}},
         "application/json",
         AuthenticationError, "Shopping API"),
        (429, {"Error": {"Message": "Too Many Requests"}}, "application/json",
         RateLimitedError, "too many"),
        (500, {"Error": {"Message": "Internal Server Error"}}, "application/json",
         SourceUnavailableError, "500"),
    ],
)
def test_check_response_maps_errors(status: int, body: Any, content_type: str,
                                    error: type[Exception], words: str) -> None:
    source = YahooShopping(client_id=CLIENT_ID)
    response = httpx.Response(status, content=json.dumps(body).encode(),
                              headers={"content-type": content_type},
                              request=httpx.Request("GET", ENDPOINT))
    with pytest.raises(error) as info:
        source.check_response(response)
    assert words in str(info.value)
    assert CLIENT_ID not in str(info.value)


def test_maintenance_xml_is_unavailable() -> None:
    source = YahooShopping(client_id=CLIENT_ID)
    text = (FIXTURES / "yahoo_shopping" / "maintenance_503.xml").read_text()
    for status in (503, 200):
        response = httpx.Response(status, text=text, headers={"content-type": "application/xml"},
                                  request=httpx.Request("GET", ENDPOINT))
        with pytest.raises(SourceUnavailableError, match="maintenance"):
            source.check_response(response)


async def test_failures_become_source_failures() -> None:
    async with httpx.AsyncClient(transport=_fixture_transport(
            {"Error": {"Message": "Your Request was Forbidden"}}, status=403)) as client:
        res = await afind_alternatives(JAN, sources=[YahooShopping(client_id=CLIENT_ID)],
                                       client=client, now=NOW)
    assert res.offers == []
    [failure] = res.errors
    assert failure.source == "yahoo_shopping"
    assert failure.error_type == "AuthenticationError"
    assert CLIENT_ID not in failure.message


@pytest.mark.parametrize("payload", [[], {"hits": "nope"}, {"totalResultsAvailable": 1}, "x"])
def test_unexpected_shapes_are_parse_errors(payload: Any) -> None:
    with pytest.raises(ParseError):
        parse_item_search(payload, code=JAN)


def test_unreadable_hit_is_reported_not_fatal() -> None:
    page = load_fixture("yahoo_shopping", "jan_search.json")
    page["hits"][0]["price"] = "free!"
    offers, total, problems = parse_item_search(page, code=JAN, now=NOW)
    assert len(offers) == 5
    assert total == 6
    assert problems
    assert "price" in problems[0]


def test_empty_page() -> None:
    offers, total, problems = parse_item_search(load_fixture("yahoo_shopping", "empty.json"))
    assert (offers, total, problems) == ([], 0, [])


def test_configuration_errors() -> None:
    with pytest.raises(ConfigurationError, match="ALTFINDER_YAHOO_CLIENT_ID"):
        YahooShopping(client_id="")
    with pytest.raises(ConfigurationError, match="page_size"):
        YahooShopping(client_id=CLIENT_ID, page_size=51)
    source = YahooShopping.from_env({"ALTFINDER_YAHOO_CLIENT_ID": CLIENT_ID})
    assert CLIENT_ID not in repr(source)


# -- conformance over the real recorded samples (../shared/samples/yahoo_v3_*) ---------
def test_conformance_real_samples() -> None:
    for path in shared_samples("yahoo_v3_*.json"):
        payload = json.loads(path.read_text(encoding="utf-8"))
        if "Error" in payload:
            response = httpx.Response(400, content=path.read_bytes(),
                                      request=httpx.Request("GET", ENDPOINT))
            with pytest.raises(RequestRejectedError, match="error message"):
                YahooShopping(client_id=CLIENT_ID).check_response(response)
            continue
        offers, total, problems = parse_item_search(payload, code=None, now=NOW)
        assert problems == [], path.name
        assert len(offers) == len(payload["hits"])
        assert total == payload["totalResultsAvailable"]
        for offer, hit in zip(offers, payload["hits"], strict=True):
            assert offer.title == hit["name"]
            assert offer.url == hit["url"]
            assert offer.points == hit["point"]["amount"] + hit["point"]["bonusAmount"]
            assert offer.shipping_fee == (0 if hit["shipping"]["code"] == 2 else None)
            label = hit["priceLabel"]
            if label.get("discountedPrice") and label.get("periodEnd"):
                # the recorded sales ended long before NOW: the default price applies
                assert offer.price == label["defaultPrice"]
            else:
                assert offer.price == hit["price"]
            assert offer.jan == (hit["janCode"] or None)
            assert offer.seller is not None
            assert offer.seller.name == hit["seller"]["name"]
            assert offer.seller.rating == pytest.approx(hit["seller"]["review"]["rate"] / 5)


async def test_the_search_by_name_tells_the_products_siblings() -> None:
    payload = load_fixture("yahoo_shopping", "jan_search.json")
    ours = payload["hits"][0]
    sibling = dict(ours, code="s_lite", janCode="4902370542912",
                   name="Nintendo Switch Lite ターコイズ",
                   url="https://store.shopping.yahoo.co.jp/s/lite.html")
    family = dict(payload, hits=[ours, sibling], totalResultsAvailable=2,
                  totalResultsReturned=2)
    seen: list[dict[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        params = dict(request.url.params)
        seen.append(params)
        return httpx.Response(200, json=family if "query" in params else payload)

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        res = await afind_alternatives(
            JAN, sources=[YahooShopping(client_id=CLIENT_ID, rate_limit=None,
                                        family_search=True)], client=client, now=NOW)
    assert res.product.siblings == ("Nintendo Switch Lite ターコイズ",)
    assert "sort" not in seen[-1]  # in Yahoo's relevance order
    assert "jan_code" not in seen[-1] and seen[-1]["query"]
    # the siblings are no offers of ours: the JAN search's offers are all there is
    assert all(r.offer.title != "Nintendo Switch Lite ターコイズ" for r in res)


async def test_a_failing_search_by_name_only_leaves_a_note() -> None:
    payload = load_fixture("yahoo_shopping", "jan_search.json")

    def handler(request: httpx.Request) -> httpx.Response:
        if "query" in request.url.params:
            return httpx.Response(200, text="not json")
        return httpx.Response(200, json=payload)

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        res = await afind_alternatives(
            JAN, sources=[YahooShopping(client_id=CLIENT_ID, rate_limit=None,
                                        family_search=True)], client=client, now=NOW)
    assert res.errors == [] and len(res) > 0
    assert any("siblings" in note for note in res.notes)
    assert res.product.siblings == ()
