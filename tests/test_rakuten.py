"""Rakuten Ichiba + Rakuten Books: requests, parsing, points, identity, errors, conformance."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from altfinder import (
    AuthenticationError,
    BlockedError,
    Condition,
    ConfigurationError,
    ExclusionReason,
    Flag,
    Identity,
    ParseError,
    PointsProfile,
    Product,
    RankingPolicy,
    RateLimitedError,
    RequestRejectedError,
    Results,
    SourceUnavailableError,
    afind_alternatives,
    find_alternatives,
)
from altfinder.http import RateLimit
from altfinder.models import JST, Offer
from altfinder.sandbox import Sandbox
from altfinder.sources import RakutenIchiba, get_source_class
from altfinder.sources.base import SearchContext, Source
from altfinder.sources.rakuten import (
    BOOKS_ENDPOINT,
    ENDPOINT,
    carries_code,
    parse_books_search,
    parse_item_search,
    rakuten_points,
    strip_rafcid,
    title_keyword,
)
from tests.conftest import NOW, load_fixture, shared_samples

JAN = "4902370548495"
ISBN = "9784873115658"
APP_ID = "7c0e5a52-1d3b-4f0e-9b7a-2f4d6c8e0a11"  # the fixtures' (made-up) application id
ACCESS_KEY = "pk_test-rakuten-access-key-0001"
ITEM_URL = ENDPOINT.format(version="20220601")
FAST = RateLimit(requests=1000, per_seconds=1.0)
NOT_FOUND = (404, {"error": "not_found", "error_description": "not found"})

Answer = Any  # a payload, (status, payload) or a callable(request) -> httpx.Response


def _source(**options: Any) -> RakutenIchiba:
    options.setdefault("rate_limit", FAST)
    options.setdefault("title_search", False)
    return RakutenIchiba(application_id=APP_ID, access_key=ACCESS_KEY, **options)


def _transport(routes: dict[str, Answer], seen: list[httpx.Request]) -> httpx.MockTransport:
    """Answer by path: "IchibaItem" and "BooksTotal" route to fixtures (404 otherwise)."""

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        for marker, answer in routes.items():
            if marker in request.url.path:
                if callable(answer):
                    return answer(request)  # type: ignore[no-any-return]
                status, body = answer if isinstance(answer, tuple) else (200, answer)
                return httpx.Response(status, json=body)
        status, body = NOT_FOUND
        return httpx.Response(status, json=body)

    return httpx.MockTransport(handler)


async def _search(routes: dict[str, Answer], *, code: str = JAN,
                  sources: list[Source] | None = None, policy: RankingPolicy | None = None,
                  now: datetime = NOW, seen: list[httpx.Request] | None = None,
                  timeout: float = 10) -> Results:
    seen = [] if seen is None else seen
    async with httpx.AsyncClient(transport=_transport(routes, seen)) as client:
        return await afind_alternatives(code, sources=sources or [_source()], client=client,
                                        policy=policy, now=now, timeout=timeout)


def _everything(res: Results) -> list[Offer]:
    return [r.offer for r in res.offers] + [e.offer for e in res.excluded]


def _by_item(res: Results) -> dict[str | None, Offer]:
    return {o.item_id: o for o in _everything(res)}


# -- requests ---------------------------------------------------------------------------
async def test_request_is_what_the_2026_gateway_expects() -> None:
    seen: list[httpx.Request] = []
    await _search({"IchibaItem": load_fixture("rakuten", "item_search_jan.json")}, seen=seen)
    [request] = seen  # verified listings found, so no Books call; one page of one
    assert str(request.url).startswith(ITEM_URL + "?")
    assert request.url.host == "openapi.rakuten.co.jp"
    params = dict(request.url.params)
    assert params == {
        "applicationId": APP_ID, "accessKey": ACCESS_KEY, "format": "json",
        "formatVersion": "2", "keyword": JAN, "hits": "30", "page": "1", "availability": "0",
        "sort": "+itemPrice"}
    assert "%2BitemPrice" in str(request.url)
    assert "origin" not in request.headers and "referer" not in request.headers
    assert "accesskey" not in request.headers


async def test_origin_referer_version_affiliate_and_access_key_header() -> None:
    seen: list[httpx.Request] = []
    source = _source(origin="https://tools.example.jp/prices", affiliate_id="1a2b3c4d.5e6f7a8b",
                     version="20260701", access_key_in="header")
    await _search({"IchibaItem": load_fixture("rakuten", "item_search_jan.json")},
                  sources=[source], seen=seen)
    request = seen[0]
    assert request.url.path == "/ichibams/api/IchibaItem/Search/20260701"
    assert request.headers["origin"] == "https://tools.example.jp"
    assert request.headers["referer"] == "https://tools.example.jp/prices"
    assert request.headers["accesskey"] == ACCESS_KEY
    params = dict(request.url.params)
    assert "accessKey" not in params
    assert params["affiliateId"] == "1a2b3c4d.5e6f7a8b"


def test_credentials_and_options_from_the_environment() -> None:
    env = {"ALTFINDER_RAKUTEN_APPLICATION_ID": APP_ID,
           "ALTFINDER_RAKUTEN_ACCESS_KEY": ACCESS_KEY,
           "ALTFINDER_RAKUTEN_AFFILIATE_ID": "1a2b3c4d.5e6f7a8b",
           "ALTFINDER_RAKUTEN_ORIGIN": "https://tools.example.jp"}
    assert RakutenIchiba.is_configured(env)
    assert not RakutenIchiba.is_configured({"ALTFINDER_RAKUTEN_APPLICATION_ID": APP_ID})
    source = RakutenIchiba.from_env(env)
    assert source.origin == "https://tools.example.jp"
    assert source.referer == "https://tools.example.jp/"
    assert source.item_params(keyword="x1", page=1)["affiliateId"] == "1a2b3c4d.5e6f7a8b"
    assert get_source_class("rakuten") is RakutenIchiba
    assert APP_ID not in repr(source) and ACCESS_KEY not in repr(source)
    assert repr(source) == "RakutenIchiba(application_id=***, access_key=***)"


def test_configuration_errors_name_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in RakutenIchiba.credentials.values():
        monkeypatch.delenv(var, raising=False)
    with pytest.raises(ConfigurationError, match="ALTFINDER_RAKUTEN_APPLICATION_ID"):
        RakutenIchiba(access_key=ACCESS_KEY)
    with pytest.raises(ConfigurationError, match="ALTFINDER_RAKUTEN_ACCESS_KEY"):
        RakutenIchiba(application_id=APP_ID)
    with pytest.raises(ConfigurationError, match="books"):
        _source(books="sometimes")
    with pytest.raises(ConfigurationError, match="max_pages"):
        _source(max_pages=101)
    with pytest.raises(ConfigurationError, match="title_pages"):
        _source(title_pages=0)
    with pytest.raises(ConfigurationError, match="origin"):
        _source(origin="ftp://example.com")


def test_one_quota_per_application_id() -> None:
    a = RakutenIchiba(application_id=APP_ID, access_key="pk_one")
    b = RakutenIchiba(application_id=APP_ID, access_key="pk_two")
    c = RakutenIchiba(application_id="another-app-id", access_key="pk_one")
    assert a.limiter_key == b.limiter_key != c.limiter_key
    assert APP_ID not in a.limiter_key
    assert RakutenIchiba.rate_limit == RateLimit(requests=1, per_seconds=1.0)


# -- offers, prices, points, shipping, flags ------------------------------------------------
async def test_offers_prices_points_shipping_flags() -> None:
    res = await _search({"IchibaItem": load_fixture("rakuten", "item_search_jan.json")})
    offers = _by_item(res)
    assert len(_everything(res)) == 12  # nothing dropped silently

    campaign = offers["game-kobo:sw-oled-01"]
    assert campaign.price == 37980
    assert campaign.shipping_fee == 0  # postageFlag 0: 送料込
    assert campaign.points == 1726  # floor(floor(37980 / 1.1) × 5 / 100): inside the window
    assert campaign.identity is Identity.CODE and campaign.jan == JAN
    assert campaign.flags == frozenset()
    assert campaign.url == "https://item.rakuten.co.jp/game-kobo/sw-oled-01/"
    assert campaign.seller is not None
    assert campaign.seller.name == "ゲーム工房 楽天市場店" and campaign.seller.id == "game-kobo"
    assert campaign.seller.url == "https://www.rakuten.co.jp/game-kobo/"
    assert campaign.seller.rating is None and campaign.seller.rating_count is None
    assert campaign.seller.badges == ("ショップ・オブ・ザ・イヤー",)
    assert campaign.image_url and "rafcid" not in campaign.image_url

    ended = offers["denki-hoshi:heg-s-kaaaa"]
    assert ended.points == 334  # the 10x campaign ended at 23:59 yesterday: rate 1
    assert ended.shipping_fee is None  # postageFlag 1: 送料別, amount unknown
    assert ended.identity is Identity.CODE  # the JAN is in the caption

    taxed = offers["oroshi-ichiba:sw-b2b"]
    assert taxed.price == 37950  # taxFlag 1: 34,500 + 10 %, rounded down
    assert taxed.points == 345  # floor(34,500 × 1 / 100): the listed price is tax-excluded

    variant = offers["select-kaede:sw-oled-colors"]
    assert variant.price == 36980
    assert Flag.VARIANT_PRICE in variant.flags

    by_code = offers["netshop-kiri:" + JAN]
    assert by_code.identity is Identity.CODE  # the digits are the item number

    used = offers["reuse-kan:u-sw-oled"]
    assert used.condition is Condition.USED and used.condition_label == "中古"

    strings = offers["shop-yuzu:sw-oled-yz"]
    assert (strings.price, strings.points, strings.shipping_fee) == (37000, 672, 0)

    title_only = offers["market-sora:nsw-oled"]
    assert title_only.identity is Identity.TITLE
    assert Flag.TITLE_MATCH in title_only.flags
    assert title_only.jan is None


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 11, 26, 11, 59, 59, tzinfo=JST), {"toy-hanabi:oled-w": 340,
                                                          "kaden-minato:sw-oled": 1355}),
        (datetime(2026, 11, 26, 12, 0, 0, tzinfo=JST), {"toy-hanabi:oled-w": 1022,
                                                        "kaden-minato:sw-oled": 338}),
        (datetime(2026, 11, 30, 23, 59, 59, tzinfo=JST), {"game-kobo:sw-oled-01": 1726}),
        (datetime(2026, 12, 1, 0, 0, tzinfo=JST), {"game-kobo:sw-oled-01": 345}),
        (datetime(2026, 11, 20, 9, 59, tzinfo=JST), {"game-kobo:sw-oled-01": 345}),
        (datetime(2026, 11, 20, 10, 0, tzinfo=JST), {"game-kobo:sw-oled-01": 1726}),
        # the same instant in UTC: windows are judged in JST
        (datetime.fromisoformat("2026-11-26T03:00:00+00:00"),
         {"toy-hanabi:oled-w": 1022, "kaden-minato:sw-oled": 338}),
    ],
)
def test_points_inside_outside_and_at_the_edges(now: datetime, expected: dict[str, int]) -> None:
    page = parse_item_search(load_fixture("rakuten", "item_search_jan.json"), code=JAN, now=now)
    points = {o.item_id: o.points for o in page.offers}
    assert {k: points[k] for k in expected} == expected


async def test_the_users_bonus_is_added_to_the_rate() -> None:
    policy = RankingPolicy(points_profile=PointsProfile(rakuten_bonus_percent=3))
    res = await _search({"IchibaItem": load_fixture("rakuten", "item_search_jan.json")},
                        policy=policy)
    offers = _by_item(res)
    assert offers["game-kobo:sw-oled-01"].points == 2762  # floor(34,527 × (5 + 3) / 100)
    assert offers["denki-hoshi:heg-s-kaaaa"].points == 1338  # floor(33,454 × (1 + 3) / 100)
    assert offers["oroshi-ichiba:sw-b2b"].points == 1380  # floor(34,500 × 4 / 100)
    half = RankingPolicy(points_profile=PointsProfile(rakuten_bonus_percent=0.5))
    res = await _search({"IchibaItem": load_fixture("rakuten", "item_search_jan.json")},
                        policy=half)
    assert _by_item(res)["oroshi-ichiba:sw-b2b"].points == 517  # floor(34,500 × 1.5 / 100)


def test_points_formula_directly() -> None:
    assert rakuten_points(1100) == 10  # floor(1000 × 1 / 100)
    assert rakuten_points(1099) == 9  # floor(floor(999.09) / 100)
    assert rakuten_points(1100, tax_excluded=True) == 11
    window = {"start": "2026-11-26 12:00", "end": "2026-11-26 12:00"}
    at = datetime(2026, 11, 26, 12, 0, 59, tzinfo=JST)
    assert rakuten_points(11000, point_rate=10, now=at, **window) == 1000
    assert rakuten_points(11000, point_rate=10, now=at + timedelta(seconds=1), **window) == 100
    naive = datetime(2026, 11, 26, 12, 0)  # read as JST
    assert rakuten_points(11000, point_rate=10, now=naive, **window) == 1000
    assert rakuten_points(11000, point_rate=10, now=naive) == 1000  # no window: open
    with pytest.raises(ValueError, match="unreadable"):
        rakuten_points(11000, point_rate=10, start="next tuesday", now=naive)


def test_an_unreadable_campaign_time_is_noted_and_the_base_rate_used() -> None:
    payload = load_fixture("rakuten", "item_search_jan.json")
    payload["Items"][0]["pointRateEndTime"] = "2026/11/30 24:99"
    page = parse_item_search(payload, code=JAN, now=NOW)
    first = next(o for o in page.offers if o.item_id == "game-kobo:sw-oled-01")
    assert first.points == 345
    assert any("base rate 1" in p for p in page.problems)


async def test_exclusions_carry_reasons_and_title_matches_are_left_to_the_finder() -> None:
    res = await _search({"IchibaItem": load_fixture("rakuten", "item_search_jan.json")})
    excluded = {e.offer.item_id: e for e in res.excluded}
    sold_out = excluded["hobby-tsubame:sw-oled-w"]
    assert sold_out.reason is ExclusionReason.OUT_OF_STOCK
    assert "availability: 0" in sold_out.detail
    assert not sold_out.offer.in_stock
    # A title-only listing is never ranked as verified, and never dropped silently.
    ranked = {r.offer.item_id: r for r in res.offers}
    title = "market-sora:nsw-oled"
    assert title in excluded or Flag.TITLE_MATCH in ranked[title].flags
    assert all(r.offer.identity is not Identity.TITLE or Flag.TITLE_MATCH in r.flags
               for r in res.offers)
    assert res.errors == []


async def test_rafcid_and_the_application_id_never_reach_results() -> None:
    res = await _search({"IchibaItem": load_fixture("rakuten", "item_search_jan.json")})
    for offer in _everything(res):
        assert "rafcid" not in offer.url
        assert offer.seller is None or "rafcid" not in (offer.seller.url or "")
        assert APP_ID not in json.dumps(offer.raw, ensure_ascii=False)
    assert APP_ID not in res.model_dump_json()
    assert APP_ID not in repr(res)


async def test_affiliate_url_is_kept_without_rafcid() -> None:
    res = await _search({"IchibaItem": load_fixture("rakuten", "item_search_affiliate.json")},
                        sources=[_source(affiliate_id="1a2b3c4d.5e6f7a8b")])
    [offer] = _everything(res)
    assert offer.url.startswith("https://hb.afl.rakuten.co.jp/hgc/1a2b3c4d.5e6f7a8b.")
    assert "pc=https%3A%2F%2Fitem.rakuten.co.jp%2Fgame-kobo%2Fsw-oled-01%2F" in offer.url
    assert "rafcid" not in offer.url


def test_strip_rafcid_keeps_everything_else() -> None:
    assert strip_rafcid("https://item.rakuten.co.jp/s/1/") == "https://item.rakuten.co.jp/s/1/"
    assert strip_rafcid("https://item.rakuten.co.jp/s/1/?rafcid=wsc_i_is_x&a=%E3%81%82#f") == (
        "https://item.rakuten.co.jp/s/1/?a=%E3%81%82#f")


def test_format_version_1_lower_case_and_image_objects() -> None:
    fv1 = parse_item_search(load_fixture("rakuten", "item_search_fv1.json"), code=JAN, now=NOW)
    assert [o.item_id for o in fv1.offers] == ["game-kobo:sw-oled-01", "denki-hoshi:heg-s-kaaaa"]
    assert fv1.offers[0].image_url == (
        "https://thumbnail.image.rakuten.co.jp/@0_mall/game-kobo/cabinet/sw-oled-01.jpg"
        "?_ex=128x128")
    lower = parse_item_search(load_fixture("rakuten", "item_search_lowercase.json"), code=JAN,
                              now=NOW)
    assert [o.identity for o in lower.offers] == [Identity.CODE, Identity.TITLE]
    assert lower.count == 2 and lower.problems == []


def test_empty_and_hitless_pages() -> None:
    for payload in (load_fixture("rakuten", "item_search_empty.json"),
                    {"count": 0, "page": 1, "first": 0, "last": 0, "hits": 0, "pageCount": 0}):
        page = parse_item_search(payload, code=JAN, now=NOW)
        assert (page.offers, page.unavailable, page.count, page.problems) == ([], [], 0, [])


@pytest.mark.parametrize("payload", [[], "x", {"count": 3}, {"Items": {"a": 1}},
                                     {"data": {"results": "moved"}, "version": 99}])
def test_unexpected_shapes_are_parse_errors(payload: Any) -> None:
    with pytest.raises(ParseError):
        parse_item_search(payload, code=JAN, now=NOW)


def test_an_unreadable_item_is_reported_not_fatal() -> None:
    payload = load_fixture("rakuten", "item_search_jan.json")
    payload["Items"][0]["itemPrice"] = "お問い合わせください"
    del payload["Items"][1]["itemUrl"]
    payload["Items"].append("not an object")
    page = parse_item_search(payload, code=JAN, now=NOW)
    assert len(page.offers) + len(page.unavailable) == 10
    assert len(page.problems) == 3
    assert "itemPrice" in page.problems[0] and "itemUrl" in page.problems[1]


@pytest.mark.parametrize(
    ("text", "carried"),
    [
        (f"JAN:{JAN}", True),
        (f"JANコード：{JAN[:7]} {JAN[7:]}", True),
        ("４９０２３７０５４８４９５", True),
        (f"item{JAN}", True),
        (f"{JAN}1", False),
        (f"1{JAN}", False),
        (JAN[:-1], False),
        ("", False),
    ],
)
def test_the_digits_rule(text: str, carried: bool) -> None:
    assert carries_code(JAN, text) is carried


def test_the_digits_rule_reads_upc_and_isbn10() -> None:
    assert carries_code("0840268499990", "UPC 840268499990")
    assert carries_code(ISBN, "ISBN978-4-87311-565-8")
    assert carries_code(ISBN, "ISBN 4873115655")
    assert not carries_code(ISBN, "48731156559")


# -- paging ------------------------------------------------------------------------------
async def test_paging_is_bounded_by_max_pages_and_page_count() -> None:
    seen: list[httpx.Request] = []
    page = load_fixture("rakuten", "item_search_page1of3.json")

    def pages(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params["page"])
        items = [dict(x, itemCode=f"{x['itemCode']}-p{number}") for x in page["Items"]]
        return httpx.Response(200, json=dict(page, page=number, Items=items))

    await _search({"IchibaItem": pages}, seen=seen, sources=[_source(max_pages=2)])
    assert [r.url.params["page"] for r in seen] == ["1", "2"]
    seen.clear()
    await _search({"IchibaItem": pages}, seen=seen, sources=[_source(max_pages=100)])
    assert [r.url.params["page"] for r in seen] == ["1", "2", "3"]  # pageCount is 3


# -- Rakuten Books ---------------------------------------------------------------------
async def test_an_isbn_asks_rakuten_books_first_and_reports_its_offer_once() -> None:
    seen: list[httpx.Request] = []
    ichiba = {"count": 1, "page": 1, "pageCount": 1, "Items": [{
        "itemName": "リーダブルコード", "itemCode": "book:11753651", "itemPrice": 2640,
        "itemCaption": f"ISBN：{ISBN}", "itemUrl": "https://item.rakuten.co.jp/book/11753651/",
        "shopName": "楽天ブックス", "shopCode": "book", "postageFlag": 0, "availability": 1,
        "taxFlag": 0, "pointRate": 1}, {
        "itemName": "【中古】リーダブルコード", "itemCode": "furuhon:u1", "itemPrice": 1200,
        "itemCaption": "ISBN4-87311-565-5", "itemUrl": "https://item.rakuten.co.jp/furuhon/u1/",
        "shopName": "古書店", "shopCode": "furuhon", "postageFlag": 1, "availability": 1}]}
    res = await _search({"BooksTotal": load_fixture("rakuten", "books_isbn.json"),
                         "IchibaItem": ichiba}, code=ISBN, seen=seen)
    assert [r.url.path for r in seen] == ["/services/api/BooksTotal/Search/20170404",
                                          "/ichibams/api/IchibaItem/Search/20220601"]
    books = dict(seen[0].url.params)
    assert books == {"applicationId": APP_ID, "accessKey": ACCESS_KEY, "format": "json",
                     "formatVersion": "2", "isbnjan": ISBN, "hits": "30"}
    offers = _by_item(res)
    book = offers["books:11753651"]
    assert book.seller is not None and book.seller.name == "楽天ブックス"
    assert (book.price, book.shipping_fee, book.points) == (2640, 0, 24)
    assert book.identity is Identity.CODE and book.jan == ISBN
    assert book.delivery_estimate == "在庫あり"
    assert "rafcid" not in book.url
    twin = next(e for e in res.excluded if e.offer.item_id == "book:11753651")
    assert twin.reason is ExclusionReason.DUPLICATE
    assert offers["furuhon:u1"].condition is Condition.USED
    assert offers["furuhon:u1"].identity is Identity.CODE  # its ISBN-10
    assert res.product.title is not None and res.product.title.startswith("リーダブルコード")
    assert res.product.brand == "オライリー・ジャパン"


@pytest.mark.parametrize(
    ("books", "ichiba_fixture", "expected_paths"),
    [
        ("auto", "item_search_jan.json", ["IchibaItem"]),
        ("auto", "item_search_empty.json", ["IchibaItem", "BooksTotal"]),
        ("always", "item_search_jan.json", ["IchibaItem", "BooksTotal"]),
        ("never", "item_search_empty.json", ["IchibaItem"]),
    ],
)
async def test_when_rakuten_books_is_asked_for_a_jan(books: str, ichiba_fixture: str,
                                                     expected_paths: list[str]) -> None:
    seen: list[httpx.Request] = []
    await _search({"IchibaItem": load_fixture("rakuten", ichiba_fixture),
                   "BooksTotal": load_fixture("rakuten", "books_empty.json")},
                  sources=[_source(books=books)], seen=seen)
    assert [next(m for m in ("IchibaItem", "BooksTotal") if m in r.url.path)
            for r in seen] == expected_paths


async def test_a_media_jan_found_only_by_rakuten_books() -> None:
    cd = "4988031123454"
    seen: list[httpx.Request] = []
    res = await _search({"IchibaItem": load_fixture("rakuten", "item_search_empty.json"),
                         "BooksTotal": load_fixture("rakuten", "books_cd_preorder.json")},
                        code=cd, seen=seen)
    assert dict(seen[1].url.params)["isbnjan"] == cd
    [ranked] = res.offers
    offer = ranked.offer
    assert offer.jan == cd and offer.identity is Identity.CODE
    assert offer.shipping_fee is None  # Books postageFlag 0: 送料別
    assert offer.delivery_estimate == "予約受付中"
    assert offer.lead_time_days == 14  # released 2026-12-10
    assert offer.points == 40  # floor(floor(4400 / 1.1) × 1 / 100)
    assert res.product.title == "はじまりのうた (初回限定盤 CD+Blu-ray)"


@pytest.mark.parametrize(
    ("availability", "in_stock", "lead", "words"),
    [("1", True, None, "在庫あり"), ("2", True, 7, "通常3～7日程度で発送"),
     ("3", True, 9, "通常3～9日程度で発送"), ("4", True, None, "メーカー取り寄せ"),
     ("6", True, None, "メーカーに在庫確認"), ("0", False, None, None),
     ("", False, None, None)],
)
def test_books_availability_codes(availability: str, in_stock: bool, lead: int | None,
                                  words: str | None) -> None:
    payload = load_fixture("rakuten", "books_isbn.json")
    payload["Items"][0]["availability"] = availability
    page = parse_books_search(payload, code=ISBN, now=NOW)
    offers = page.offers + [o for o, _ in page.unavailable]
    [offer] = offers
    assert (offer.in_stock, offer.lead_time_days, offer.delivery_estimate) == (
        in_stock, lead, words)
    if not in_stock:
        assert "not orderable" in page.unavailable[0][1]


def test_books_codes_served_as_numbers() -> None:
    payload = load_fixture("rakuten", "books_cd_preorder.json")
    payload["Items"][0].update({"availability": 2, "jan": 4988031123454, "itemPrice": "4400"})
    [offer] = parse_books_search(payload, code="4988031123454", now=NOW).offers
    assert (offer.lead_time_days, offer.jan, offer.price) == (7, "4988031123454", 4400)


@pytest.mark.parametrize(("postage", "fee"), [(0, None), (1, 0), (2, 0), ("2", 0), (3, None),
                                            (None, None)])
def test_books_postage_codes(postage: Any, fee: int | None) -> None:
    payload = load_fixture("rakuten", "books_isbn.json")
    payload["Items"][0]["postageFlag"] = postage
    assert parse_books_search(payload, code=ISBN, now=NOW).offers[0].shipping_fee == fee


# -- describing and the title search ---------------------------------------------------
class Describer(Source):
    """A code-searching test source that tells the product's title and model number."""

    name = "describer_test"
    label = "test describer"
    describes_product = True

    def __init__(self, product: Product, delay: float = 0.0) -> None:
        super().__init__()
        self.product, self.delay = product, delay

    async def search(self, ctx: SearchContext) -> None:
        await asyncio.sleep(self.delay)
        ctx.describe(self.product)


async def test_title_search_widens_the_net_once_another_source_described_it() -> None:
    seen: list[httpx.Request] = []

    def ichiba(request: httpx.Request) -> httpx.Response:
        keyword = request.url.params["keyword"]
        name = "item_search_jan.json" if keyword == JAN else "item_search_title.json"
        return httpx.Response(200, json=load_fixture("rakuten", name))

    described = Product(title="【新品】Nintendo Switch（有機ELモデル） Joy-Con(L)/(R) ホワイト",
                        model_number="HEG-S-KAAAA")
    res = await _search({"IchibaItem": ichiba}, seen=seen,
                        sources=[_source(title_search=True), Describer(described, delay=0.05)])
    keywords = [r.url.params["keyword"] for r in seen]
    assert keywords == [JAN, "HEG-S-KAAAA Nintendo Switch 有機ELモデル"]
    assert seen[1].url.params["sort"] == "standard"
    offers = _by_item(res)
    stand = offers["kagu-shop:oled-stand"]
    assert stand.identity is Identity.TITLE and Flag.TITLE_MATCH in stand.flags
    assert offers["shop-hinata:heg-oled"].identity is Identity.CODE  # "4902370 548495"
    # listings both searches met are reported once
    assert sum(o.item_id == "market-sora:nsw-oled" for o in _everything(res)) == 1
    assert sum(o.item_id == "game-kobo:sw-oled-01" for o in _everything(res)) == 1
    assert res.product.model_number == "HEG-S-KAAAA"


async def test_rakuten_describes_the_product_when_its_items_carry_the_digits() -> None:
    seen: list[httpx.Request] = []

    def ichiba(request: httpx.Request) -> httpx.Response:
        if request.url.params["keyword"] == JAN:
            return httpx.Response(200, json=load_fixture("rakuten", "item_search_jan.json"))
        return httpx.Response(200, json=load_fixture("rakuten", "item_search_empty.json"))

    res = await _search({"IchibaItem": ichiba}, seen=seen, sources=[_source(title_search=True)])
    assert res.product.title == "Nintendo Switch(有機ELモデル) Joy-Con(L)/(R) ホワイト"
    assert JAN not in res.product.title
    assert seen[1].url.params["keyword"] == "Nintendo Switch 有機ELモデル Joy-Con"


async def test_an_asin_is_searched_by_the_jan_another_source_found() -> None:
    seen: list[httpx.Request] = []
    res = await _search({"IchibaItem": load_fixture("rakuten", "item_search_jan.json")},
                        code="B098RKWHHZ", seen=seen,
                        sources=[Describer(Product(jan=JAN, title="Switch 有機EL"), delay=0.05),
                                 _source()])
    assert seen[0].url.params["keyword"] == JAN
    assert any(r.offer.identity is Identity.CODE for r in res.offers)


async def test_an_asin_nobody_resolves_is_a_note_not_an_error() -> None:
    seen: list[httpx.Request] = []
    started = time.monotonic()
    res = await _search({}, code="B098RKWHHZ", seen=seen,
                        sources=[_source(title_search=True), Describer(Product())])
    assert time.monotonic() - started < 2
    assert seen == [] and res.errors == []
    assert any("did not resolve" in n for n in res.notes)


async def test_two_describers_waiting_for_a_jan_do_not_wait_for_each_other() -> None:
    class WaitsForJan(Source):
        name = "waits_for_jan_test"
        label = "waits for a JAN"
        describes_product = True

        async def search(self, ctx: SearchContext) -> None:
            await ctx.described_product(needs=("jan",))

    started = time.monotonic()
    res = await _search({}, code="B098RKWHHZ", sources=[_source(), WaitsForJan()], timeout=5)
    assert time.monotonic() - started < 2
    assert res.errors == []


# -- errors ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fixture", "status", "error", "words"),
    [
        ("error_400_applicationid.json", 400, AuthenticationError, "applicationId"),
        ("error_400_keyword.json", 400, RequestRejectedError, "keyword parameter is not valid"),
        ("error_401_accesskey.json", 401, AuthenticationError, "access"),
        ("error_403_referrer.json", 403, AuthenticationError, "set origin"),
        ("error_429.json", 429, RateLimitedError, "too_many_requests"),
        ("error_500.json", 500, SourceUnavailableError, "api logic error"),
        ("error_503.json", 503, SourceUnavailableError, "maintenance"),
    ],
)
def test_check_response_maps_both_envelopes(fixture: str, status: int,
                                            error: type[Exception], words: str) -> None:
    response = httpx.Response(status, json=load_fixture("rakuten", fixture),
                              headers={"Retry-After": "2"},
                              request=httpx.Request("GET", ITEM_URL))
    with pytest.raises(error) as info:
        _source().check_response(response)
    assert words in str(info.value)
    assert APP_ID not in str(info.value) and ACCESS_KEY not in str(info.value)
    if error is RateLimitedError:
        assert info.value.retry_after == 2.0  # type: ignore[attr-defined]


def test_error_envelope_served_with_200_and_html_blocks() -> None:
    source = _source()
    envelope = load_fixture("rakuten", "error_403_referrer.json")
    ok = httpx.Response(200, json=envelope, request=httpx.Request("GET", ITEM_URL))
    with pytest.raises(AuthenticationError, match="origin"):
        source.check_response(ok)
    html = httpx.Response(403, text="<html><h1>Access Denied</h1></html>",
                          headers={"content-type": "text/html"},
                          request=httpx.Request("GET", ITEM_URL))
    with pytest.raises(BlockedError):
        source.check_response(html)
    source.check_response(httpx.Response(404, json=load_fixture("rakuten", "error_404.json"),
                                         request=httpx.Request("GET", ITEM_URL)))


def test_the_origin_message_says_which_origin_was_sent() -> None:
    response = httpx.Response(403, json=load_fixture("rakuten", "error_403_referrer.json"),
                              request=httpx.Request("GET", ITEM_URL))
    with pytest.raises(AuthenticationError, match=r"https://tools\.example\.jp"):
        _source(origin="https://tools.example.jp").check_response(response)
    with pytest.raises(AuthenticationError, match="no Origin/Referer was sent"):
        _source().check_response(response)


async def test_404_is_no_items_not_an_error() -> None:
    res = await _search({"IchibaItem": NOT_FOUND})
    assert res.errors == [] and res.offers == []
    assert any("404" in note for note in res.notes)


async def test_failures_become_typed_source_failures() -> None:
    res = await _search({"IchibaItem": (400, load_fixture("rakuten",
                                                          "error_400_applicationid.json"))})
    [failure] = res.errors
    assert (failure.source, failure.error_type) == ("rakuten", "AuthenticationError")
    assert "applicationId" in failure.message and APP_ID not in failure.message


async def test_a_refused_title_search_keeps_the_code_search() -> None:
    def ichiba(request: httpx.Request) -> httpx.Response:
        if request.url.params["keyword"] == JAN:
            return httpx.Response(200, json=load_fixture("rakuten", "item_search_jan.json"))
        return httpx.Response(400, json=load_fixture("rakuten", "error_400_keyword.json"))

    res = await _search({"IchibaItem": ichiba}, sources=[_source(title_search=True)])
    assert res.errors == []
    assert any(r.offer.source == "rakuten" for r in res.offers)
    assert any("title search was refused" in n for n in res.notes)


def test_title_keyword_respects_rakutens_rules() -> None:
    assert title_keyword(Product(title="A B ab 【送料無料】 本体")) == "ab 本体"
    assert title_keyword(Product(title="【セール】")) is None
    long = title_keyword(Product(title="あ" * 70 + " いい"))
    assert long is None or sum(2 for _ in long) <= 128


# -- the sandbox: protocol, rate limit, demo --------------------------------------------
def _demo_params(sandbox: Sandbox, **extra: str) -> dict[str, str]:
    creds = sandbox.credentials("rakuten")
    return {"applicationId": creds["application_id"], "accessKey": creds["access_key"],
            "format": "json", "formatVersion": "2", **extra}


def test_the_demo_catalogue_on_rakuten() -> None:
    from stdnum import ean

    from altfinder.sandbox import PRODUCTS
    from altfinder.sandbox.listings.rakuten import books_listings, ichiba_listings

    items = ichiba_listings()
    assert items == ichiba_listings()  # deterministic
    per_product = {p.jan: sum(x.jan == p.jan for x in items) for p in PRODUCTS}
    assert min(per_product.values()) >= 3
    assert len({x.item_code for x in items}) == len(items)
    assert all(ean.is_valid(b.code) for b in books_listings())
    shows_code = [x for x in items if carries_code(x.jan, x.name, x.caption, x.item_code)]
    hidden = [x for x in items if x not in shows_code]
    assert shows_code and hidden  # both kinds, as on the real marketplace
    assert any(x.indexed_jan for x in hidden)


async def test_sandbox_speaks_rakutens_protocol(sandbox: Sandbox) -> None:
    origin = {"Origin": sandbox.credentials("rakuten")["origin"]}
    gap = 1.0 / sandbox.time_scale + 0.01
    async with sandbox.client() as client:
        bad_app = await client.get(ITEM_URL, params={"applicationId": "nope", "keyword": JAN},
                                   headers=origin)
        assert bad_app.status_code == 400
        assert bad_app.json() == {"error": "wrong_parameter",
                                  "error_description": "specify valid applicationId"}
        no_key = await client.get(ITEM_URL, params=_demo_params(sandbox, accessKey="",
                                                                keyword=JAN), headers=origin)
        assert no_key.status_code == 401 and "errors" in no_key.json()
        no_origin = await client.get(ITEM_URL, params=_demo_params(sandbox, keyword=JAN))
        assert no_origin.status_code == 403
        assert no_origin.json()["errors"]["errorMessage"] == (
            "REQUEST_CONTEXT_BODY_HTTP_REFERRER_MISSING")
        ok = await client.get(ITEM_URL, params=_demo_params(sandbox, keyword=JAN),
                              headers=origin)
        assert ok.status_code == 200 and ok.json()["count"] >= 5
        assert "rafcid=wsc_i_is_" in ok.json()["Items"][0]["itemUrl"]
        too_fast = await client.get(ITEM_URL, params=_demo_params(sandbox, keyword=JAN),
                                    headers=origin)
        assert too_fast.status_code == 429
        assert too_fast.json()["error"] == "too_many_requests"
        await asyncio.sleep(gap)
        short = await client.get(ITEM_URL, params=_demo_params(sandbox, keyword="a Switch"),
                                 headers=origin)
        assert short.status_code == 400
        await asyncio.sleep(gap)
        missing = await client.get(ITEM_URL, params=_demo_params(sandbox), headers=origin)
        assert "keyword or itemCode is essential" in missing.json()["error_description"]
        await asyncio.sleep(gap)
        fv1 = await client.get(ITEM_URL, params=_demo_params(sandbox, keyword=JAN,
                                                             formatVersion="1"), headers=origin)
        first = fv1.json()["Items"][0]
        assert set(first) == {"Item"} and "imageUrl" in first["Item"]["mediumImageUrls"][0]
        await asyncio.sleep(gap)
        books = await client.get(BOOKS_ENDPOINT, params=_demo_params(sandbox, isbnjan=ISBN),
                                 headers=origin)
        assert books.json()["Items"][0]["isbn"] == ISBN
        old = await client.get("https://openapi.rakuten.co.jp/ichibams/api/IchibaItem/Search/"
                               "20170706", params=_demo_params(sandbox, keyword=JAN),
                               headers=origin)
        assert old.status_code == 404


async def test_sandbox_refuses_requests_without_an_origin_through_the_adapter(
        sandbox: Sandbox) -> None:
    creds = sandbox.credentials("rakuten")
    source = RakutenIchiba(application_id=creds["application_id"],
                           access_key=creds["access_key"],
                           rate_limit=RakutenIchiba.rate_limit.scaled(sandbox.time_scale))
    res = await afind_alternatives(JAN, sources=[source], client=sandbox.client(), now=NOW)
    [failure] = res.errors
    assert failure.error_type == "AuthenticationError" and "set origin" in failure.message


def test_the_demo_shows_rakuten_offers(sandbox: Sandbox) -> None:
    res = find_alternatives(JAN, sources=sandbox.sources(), client=sandbox.client(), now=NOW)
    assert res.errors == []
    rakuten = [r for r in res if r.offer.source == "rakuten"]
    assert len(rakuten) >= 5
    campaign = next(r for r in rakuten if r.offer.item_id == "gameshop-rakuichi:sw-oled-w")
    assert campaign.offer.points == 3452  # the 10x campaign runs at the sandbox clock
    assert next(r for r in rakuten if r.offer.item_id == "toy-maruya:sw-oled").offer.points == 340
    reasons = {(e.offer.source, e.reason) for e in res.excluded}
    assert ("rakuten", ExclusionReason.OUT_OF_STOCK) in reasons
    status = {s.source: s for s in res.sources}["rakuten"]
    assert status.ok and status.requests == 2  # the JAN, then the title


@pytest.mark.parametrize("code", ["9784873115658", "4902370550733", "4549995433944"])
def test_other_catalogue_codes_find_rakuten_offers(sandbox: Sandbox, code: str) -> None:
    res = find_alternatives(code, sources=sandbox.sources(), client=sandbox.client(), now=NOW)
    assert res.errors == []
    assert any(r.offer.source == "rakuten" for r in res)


@pytest.mark.parametrize(
    ("knobs", "error_type"),
    [
        ({"status": 400}, "AuthenticationError"),
        ({"status": 403}, "AuthenticationError"),
        ({"status": 429}, "RateLimitedError"),
        ({"status": 500}, "SourceUnavailableError"),
        ({"status": 503}, "SourceUnavailableError"),
        ({"malformed": True}, "ParseError"),
        ({"unexpected_schema": True}, "ParseError"),
        ({"antibot": True}, "BlockedError"),
        ({"refuse": True}, "SourceUnavailableError"),
        ({"hang": True}, "SourceTimeoutError"),
    ],
)
async def test_a_rakuten_failure_never_hides_another_marketplace(
        sandbox: Sandbox, knobs: dict[str, Any], error_type: str) -> None:
    sandbox.set_fault("rakuten", **knobs)
    res = await afind_alternatives(JAN, sources=sandbox.sources(), client=sandbox.client(),
                                   now=NOW, timeout=1.5)
    assert [(e.source, e.error_type) for e in res.errors] == [("rakuten", error_type)]
    assert any(r.offer.source == "yahoo_shopping" for r in res)
    assert {s.source: s.ok for s in res.sources}["yahoo_shopping"]


async def test_another_describer_hanging_never_fails_rakuten(sandbox: Sandbox) -> None:
    sandbox.set_fault("yahoo_shopping", hang=True)
    started = time.monotonic()
    res = await afind_alternatives(JAN, sources=sandbox.sources(), client=sandbox.client(),
                                   now=NOW, timeout=1.5)
    assert time.monotonic() - started < 2.5
    assert [(e.source, e.error_type) for e in res.errors] == [
        ("yahoo_shopping", "SourceTimeoutError")]
    assert {s.source: s.ok for s in res.sources}["rakuten"]
    assert any(r.offer.source == "rakuten" for r in res)


async def test_the_title_wait_is_short_when_rakuten_could_describe(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import altfinder.sources.rakuten as rakuten_module

    monkeypatch.setattr(rakuten_module, "TITLE_WAIT", 0.2)
    seen: list[httpx.Request] = []
    res = await _search({"IchibaItem": load_fixture("rakuten", "item_search_jan.json")},
                        seen=seen, timeout=2,
                        sources=[_source(title_search=True), Describer(Product(), delay=30)])
    status = {s.source: s for s in res.sources}["rakuten"]
    assert status.ok and status.elapsed_ms < 1500
    assert [r.url.params["keyword"] for r in seen] == [JAN, "Nintendo Switch 有機ELモデル Joy-Con"]
    assert [e.source for e in res.errors] == ["describer_test"]  # it hung, not Rakuten


async def test_empty_answers_are_no_offers(sandbox: Sandbox) -> None:
    sandbox.set_fault("rakuten", empty=True)
    res = await afind_alternatives(JAN, sources=sandbox.sources(["rakuten"]),
                                   client=sandbox.client(), now=NOW)
    assert res.errors == [] and res.offers == []


async def test_concurrent_lookups_share_one_quota_for_ichiba_and_books() -> None:
    scaled = Sandbox(time_scale=10, clock=NOW.timestamp)  # 0.1 s between requests
    codes = ["9784873115658", "4902370548495", "9784088836119", "4902370550733"]
    client = scaled.client()
    started = time.monotonic()
    results = await asyncio.gather(*(
        afind_alternatives(c, sources=scaled.sources(["rakuten"]), client=client, now=NOW)
        for c in codes))
    elapsed = time.monotonic() - started
    assert all(r.errors == [] for r in results)
    service = scaled.service("rakuten")
    assert service.rate.refused == 0  # never over one request per interval
    sent = [req for name, req in scaled.requests if name == "rakuten"]
    assert {("BooksTotal" in r.path) for r in sent} == {True, False}
    assert elapsed >= (len(sent) - 1) * 0.1 * 0.9


SENTINEL_APP = "9f3e1c2a-SENTINEL-app-id-77aa"
SENTINEL_KEY = "pk_SENTINEL-access-key-88bb"


@pytest.mark.parametrize("fault", [None, {"status": 403}, {"status": 429, "retry_after": 0},
                                   {"status": 400}, {"malformed": True}, {"refuse": True}])
def test_credentials_never_leak(caplog: pytest.LogCaptureFixture,
                                fault: dict[str, Any] | None) -> None:
    sandbox = Sandbox(time_scale=50, clock=NOW.timestamp)
    sandbox.allow_credential("rakuten", SENTINEL_APP, SENTINEL_KEY)
    if fault:
        sandbox.set_fault("rakuten", **fault)
    source = RakutenIchiba(application_id=SENTINEL_APP, access_key=SENTINEL_KEY,
                           origin=sandbox.credentials("rakuten")["origin"],
                           rate_limit=RakutenIchiba.rate_limit.scaled(50))
    caplog.set_level(logging.DEBUG)
    res = find_alternatives(JAN, sources=[source], client=sandbox.client(), now=NOW, timeout=3)
    assert any(req.query.get("applicationId") == SENTINEL_APP for _, req in sandbox.requests)
    shown = caplog.text + res.model_dump_json() + repr(res) + res._repr_html_() + repr(source)
    shown += "".join(json.dumps(o.raw, ensure_ascii=False) for o in _everything(res))
    for secret in (SENTINEL_APP, SENTINEL_KEY):
        assert secret not in shown
    assert any("applicationId=***" in r.getMessage() for r in caplog.records)
    if fault is None:
        assert res.errors == [] and len(res) > 0
    else:
        assert len(res.errors) == 1


# -- conformance over the real recorded samples (../shared/samples/rakuten_*) -----------
def _status_of(path: Path) -> int:
    for status in (400, 401, 403, 404, 429, 500, 503):
        if f"_error_{status}_" in path.name:
            return status
    return 200


def _expected_price_points(item: dict[str, Any], now: datetime) -> tuple[int, int]:
    """The issue's formulas, applied to a recorded item (windows judged at ``now``)."""
    price = int(item["itemPrice"])
    taxed = int(item.get("taxFlag") or 0) == 1
    base = price if taxed else price * 10 // 11
    rate = 1
    start, end = item.get("pointRateStartTime") or "", item.get("pointRateEndTime") or ""
    if start and end:
        minute = now.replace(second=0, microsecond=0, tzinfo=None)
        if datetime.fromisoformat(start) <= minute <= datetime.fromisoformat(end):
            rate = int(item["pointRate"])
    return (price * 11 // 10 if taxed else price), base * rate // 100


CONFORMANCE_CODES = {  # the code each recorded lookup asked for (PROVENANCE.md)
    "rakuten_books_total_v20170404_isbnjan_book_2019.json": "9784088820545",
    "rakuten_books_total_v20170404_isbnjan_dvd_2019.json": "4988021149594",
    "rakuten_books_total_v20170404_isbnjan_nohit_2019.json": "2100010283771",
    "rakuten_books_book_v20170404_isbn_2019.json": "9784088701752",
    "rakuten_ichiba_v20170706_fv2_itemcode_2019.json": "4534530093202",  # JAN in its caption
}


def test_conformance_item_search_samples() -> None:
    """Every recorded Item Search page (2016–2026, formatVersion 1 and 2) parses exactly."""
    checked = 0
    for path in shared_samples("rakuten_ichiba_*.json"):
        payload = json.loads(path.read_text(encoding="utf-8"))
        if _status_of(path) != 200:
            continue  # error bodies: test_conformance_error_samples
        if isinstance(payload, list):
            payload = {"Items": payload}  # an excerpt of the Items array only (PROVENANCE.md)
        code = CONFORMANCE_CODES.get(path.name)
        page = parse_item_search(payload, code=code, now=NOW)
        assert page.problems == [], path.name
        raw_items = payload.get("Items") or []
        offers = page.offers + [o for o, _ in page.unavailable]
        assert len(offers) == len(raw_items), path.name
        for offer, entry in zip(offers, raw_items, strict=True):
            item = entry.get("Item", entry)
            price, points = _expected_price_points(item, NOW)
            assert (offer.price, offer.points) == (price, points), (path.name, item["itemCode"])
            assert offer.shipping_fee == (0 if item["postageFlag"] == 0 else None)
            assert "rafcid" not in offer.url and "rafcid" not in json.dumps(offer.raw)
            assert offer.item_id == item["itemCode"]
            assert offer.seller is not None and offer.seller.name == item["shopName"]
            assert offer.seller.rating is None  # reviewAverage is the item's, not the shop's
            low, high = (item.get("itemPriceMin3"), item.get("itemPriceMax3"))
            assert (Flag.VARIANT_PRICE in offer.flags) == bool(low and high and high > low)
            if code is None:
                assert offer.identity is Identity.TITLE and Flag.TITLE_MATCH in offer.flags
            else:
                assert offer.identity is Identity.CODE and offer.jan == code
            checked += 1
    assert checked >= 30


def test_conformance_2026_campaign_window_edges() -> None:
    [path] = shared_samples("rakuten_ichiba_2026_fv1_items_excerpt.json")
    payload = {"Items": json.loads(path.read_text(encoding="utf-8"))}
    item = payload["Items"][0]["Item"]
    base = item["itemPrice"] * 10 // 11
    cases = {
        datetime(2026, 3, 13, 18, 59, 59, tzinfo=JST): base // 100,
        datetime(2026, 3, 13, 19, 0, tzinfo=JST): base * item["pointRate"] // 100,
        datetime(2026, 3, 19, 13, 59, 59, tzinfo=JST): base * item["pointRate"] // 100,
        datetime(2026, 3, 19, 14, 0, tzinfo=JST): base // 100,
    }
    for now, points in cases.items():
        first = parse_item_search(payload, code=None, now=now).offers[0]
        assert first.points == points, now
        with_bonus = parse_item_search(payload, code=None, now=now, bonus_percent=2).offers[0]
        rate = (item["pointRate"] if points != base // 100 else 1) + 2
        assert with_bonus.points == base * rate // 100


def test_conformance_books_samples() -> None:
    for path in shared_samples("rakuten_books_*.json"):
        payload = json.loads(path.read_text(encoding="utf-8"))
        code = CONFORMANCE_CODES[path.name]
        page = parse_books_search(payload, code=code, now=NOW)
        assert page.problems == [], path.name
        offers = page.offers + [o for o, _ in page.unavailable]
        assert len(offers) == len(payload["Items"]) == payload["count"]
        for offer, item in zip(offers, payload["Items"], strict=True):
            assert offer.price == item["itemPrice"]
            assert offer.seller is not None and offer.seller.name == "楽天ブックス"
            assert offer.jan == code and offer.identity is Identity.CODE
            assert offer.shipping_fee == (None if item["postageFlag"] == 0 else 0)
            assert offer.in_stock is (item["availability"] in {"1", "2", "3", "4", "5", "6"})
            assert offer.title.startswith(item["title"])


def test_conformance_error_samples() -> None:
    expected: dict[str, tuple[type[Exception], str]] = {
        "rakuten_ichiba_error_400_invalid_appid_2019.json": (AuthenticationError,
                                                             "applicationId"),
        "rakuten_ichiba_error_400_missing_keyword_2019.json": (RequestRejectedError,
                                                               "keyword or itemCode"),
        "rakuten_openapi_error_403_referrer_missing_2026.json": (AuthenticationError,
                                                                 "set origin"),
        "rakuten_product_search_error_400_2019.json": (RequestRejectedError, "keyword"),
    }
    paths = [p for p in shared_samples("rakuten_*.json") if _status_of(p) != 200]
    assert {p.name for p in paths} == set(expected)
    for path in paths:
        error, words = expected[path.name]
        response = httpx.Response(_status_of(path), content=path.read_bytes(),
                                  headers={"content-type": "application/json;charset=UTF-8"},
                                  request=httpx.Request("GET", ITEM_URL))
        with pytest.raises(error, match=words):
            _source().check_response(response)


def test_conformance_product_search_samples_are_refused() -> None:
    """Product Search (商品価格ナビ, v20170426) was discontinued in the 2026 migration.

    altfinder does not call it (its 2025-08-01 successor is undocumented), so its pages
    are not offers. Conformance means: a Product page answered where an Item Search or
    Books page was expected is refused as a ParseError, never read as "no offers"; its
    error envelope is the shared classic one (test_conformance_error_samples).
    """
    paths = [p for p in shared_samples("rakuten_product_search_*.json") if _status_of(p) == 200]
    assert paths
    for path in paths:
        payload = json.loads(path.read_text(encoding="utf-8"))
        assert payload["Products"] and payload["count"] > 0
        with pytest.raises(ParseError, match="no Items"):
            parse_item_search(payload, code=None, now=NOW)
        with pytest.raises(ParseError, match="no Items"):
            parse_books_search(payload, code=None, now=NOW)


def test_every_rakuten_sample_is_covered() -> None:
    names = {p.name for p in shared_samples("rakuten_*.json")}
    covered = {n for n in names if n.startswith(("rakuten_ichiba_", "rakuten_books_",
                                                  "rakuten_openapi_", "rakuten_product_"))}
    assert covered == names

