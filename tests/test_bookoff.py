"""BOOKOFF Online: the keyword-path request, cards, condition from the URL, stock, errors."""

from __future__ import annotations

import time

import httpx
import pytest
from stdnum import ean

from altfinder import (
    BlockedError,
    Condition,
    ConfigurationError,
    ExclusionReason,
    Identity,
    ParseError,
    RateLimitedError,
    RequestRejectedError,
    SourceTimeoutError,
    SourceUnavailableError,
    afind_alternatives,
)
from altfinder.http import RateLimit
from altfinder.sandbox import DEMO_CODE, PRODUCTS, Sandbox
from altfinder.sandbox.listings.bookoff import bookoff_listings
from altfinder.sources import Bookoff
from altfinder.sources._html import decode_html
from altfinder.sources.base import Source
from altfinder.sources.bookoff import condition_from_url, parse_search_page
from tests.conftest import FIXTURES, NOW, shared_samples

JAN = "4902370548495"
ISBN = "9784873115658"
BASE = "https://shopping.bookoff.co.jp"
FAST = RateLimit(requests=1, per_seconds=0.01)


def _html(name: str) -> bytes:
    return (FIXTURES / "bookoff" / name).read_bytes()


def _answer(name: str, status: int = 200, seen: list[httpx.Request] | None = None,
            headers: dict[str, str] | None = None) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        return httpx.Response(status, content=_html(name),
                              headers={"content-type": "text/html; charset=utf-8",
                                       **(headers or {})})
    return httpx.MockTransport(handler)


async def _search(transport: httpx.MockTransport, code: str = JAN,
                  source: Source | None = None, timeout: float | None = None):
    async with httpx.AsyncClient(transport=transport) as client:
        return await afind_alternatives(code, sources=[source or Bookoff(rate_limit=FAST)],
                                        client=client, now=NOW, timeout=timeout)


async def test_request_puts_the_code_in_the_keyword_path() -> None:
    seen: list[httpx.Request] = []
    await _search(_answer("jan_search.html", seen=seen))
    [request] = seen
    assert str(request.url) == f"{BASE}/search/keyword/{JAN}"
    assert request.headers["user-agent"].startswith("altfinder/")
    assert request.headers["accept-language"].startswith("ja")
    await _search(_answer("isbn_search.html", seen=seen), code="4-87311-565-5")
    assert str(seen[-1].url) == f"{BASE}/search/keyword/{ISBN}"  # an ISBN-10 is sent as ISBN-13


async def test_path_host_and_parameters_are_options() -> None:
    seen: list[httpx.Request] = []
    source = Bookoff(base_url="https://bookoff.example/", search_path="/s/{keyword}/",
                     params={"per-page": "120"}, rate_limit=FAST)
    await _search(_answer("empty.html", seen=seen), source=source)
    assert str(seen[0].url) == f"https://bookoff.example/s/{JAN}/?per-page=120"


def test_condition_rule_is_the_url_path() -> None:
    assert condition_from_url(f"{BASE}/used/0019412345") == (Condition.USED, "中古")
    assert condition_from_url("/new/0015412345") == (Condition.NEW, "新品")
    assert condition_from_url(f"{BASE}/search/keyword/{JAN}") is None


async def test_cards_become_offers_with_condition_price_and_stock() -> None:
    res = await _search(_answer("jan_search.html"))
    assert res.errors == []
    offers = {r.offer.item_id: r.offer for r in res.offers}
    assert set(offers) == {"used/0019412345", "used/0019412399"}
    used = offers["used/0019412345"]
    assert (used.price, used.condition, used.condition_label) == (29700, Condition.USED, "中古")
    assert used.list_price == 29700 + 8280  # 定価より8,280円おトク
    assert used.url == f"{BASE}/used/0019412345"
    assert used.identity is Identity.CODE_SEARCH and used.jan is None
    assert used.shipping_fee is None
    assert used.seller is not None and used.seller.name == "ブックオフ公式オンラインストア"
    assert used.image_url == ("https://content.bookoff.co.jp/goodsimages/LL/001941/"
                              "0019412345LL.jpg")
    assert used.raw is not None and used.raw["stock"] == "残りわずか"  # low, still in stock

    [excluded] = res.excluded
    assert excluded.reason is ExclusionReason.OUT_OF_STOCK
    assert excluded.detail == "在庫なし"
    assert excluded.offer.condition is Condition.NEW and excluded.offer.price == 37980
    assert excluded.offer.url == f"{BASE}/new/0015412345"
    assert res.product.title == "Nintendo Switch(有機ELモデル) Joy-Con(L)/(R) ホワイト"


async def test_books_absolute_links_yen_entities_and_unreadable_cards() -> None:
    res = await _search(_answer("isbn_search.html"), code=ISBN)
    offers = {r.offer.item_id: r.offer for r in res.offers}
    assert offers["used/0016321987"].price == 1540  # &yen;1,540
    assert offers["used/0016321987"].list_price == 2640
    assert offers["new/0012650001"].price == 2640  # "2,640円"
    assert offers["new/0012650001"].condition is Condition.NEW
    assert offers["new/0012650001"].url == f"{BASE}/new/0012650001"
    assert any("card 3" in n and "no price" in n for n in res.notes)
    assert offers["used/0016321987"].raw["author"].startswith("ダスティン・ボズウェル")  # type: ignore[index]


async def test_shipping_fee_option() -> None:
    res = await _search(_answer("jan_search.html"), source=Bookoff(shipping_fee=410,
                                                                    rate_limit=FAST))
    assert {r.offer.shipping_fee for r in res.offers} == {410}


async def test_paging_follows_the_next_link_up_to_max_pages() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        name = "paged_2.html" if request.url.params.get("page") == "2" else "paged_1.html"
        return httpx.Response(200, content=_html(name))

    one = await _search(httpx.MockTransport(handler), code="4902370549546")
    assert len(seen) == 1 and len(one.offers) == 20
    assert any("max_pages" in n and "of 22" in n for n in one.notes)
    seen.clear()
    two = await _search(httpx.MockTransport(handler), code="4902370549546",
                        source=Bookoff(max_pages=2, rate_limit=FAST))
    assert [str(r.url) for r in seen] == [f"{BASE}/search/keyword/4902370549546",
                                          f"{BASE}/search/keyword/4902370549546?page=2"]
    assert len(two.offers) == 22 and not two.notes


def test_empty_page() -> None:
    page = parse_search_page(_html("empty.html").decode())
    assert (page.items, page.total, page.problems) == ([], 0, [])


@pytest.mark.parametrize(("name", "error", "words"), [
    ("truncated.html", ParseError, "counts 3 hits"),
    ("redesigned.html", ParseError, "not a search page"),
    ("captcha_200.html", BlockedError, "captcha"),
])
def test_other_pages_are_typed(name: str, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words):
        parse_search_page(decode_html(_html(name)))


@pytest.mark.parametrize(("name", "status", "error", "words"), [
    ("waf_403.html", 403, BlockedError, "Request blocked"),
    ("empty.html", 429, RateLimitedError, "429"),
    ("maintenance_503.html", 503, SourceUnavailableError, "maintenance"),
    ("empty.html", 500, SourceUnavailableError, "500"),
    ("empty.html", 504, SourceTimeoutError, "timed out"),
    ("empty.html", 404, RequestRejectedError, "search_path"),
    ("empty.html", 400, RequestRejectedError, "400"),
])
def test_check_response_types_every_answer(name: str, status: int, error: type[Exception],
                                           words: str) -> None:
    response = httpx.Response(status, content=_html(name), headers={"retry-after": "3"},
                              request=httpx.Request("GET", f"{BASE}/search/keyword/{JAN}"))
    with pytest.raises(error, match=words) as info:
        Bookoff().check_response(response)
    if error is RateLimitedError:
        assert info.value.retry_after == 3.0  # type: ignore[attr-defined]


async def test_a_block_page_is_a_failure_and_is_not_retried() -> None:
    seen: list[httpx.Request] = []
    res = await _search(_answer("waf_403.html", status=403, seen=seen))
    assert [(e.source, e.error_type) for e in res.errors] == [("bookoff", "BlockedError")]
    assert len(seen) == 1


def test_configuration_errors() -> None:
    with pytest.raises(ConfigurationError, match="max_pages"):
        Bookoff(max_pages=21)
    with pytest.raises(ConfigurationError, match="keyword"):
        Bookoff(search_path="/search")
    with pytest.raises(ConfigurationError, match="shipping_fee"):
        Bookoff(shipping_fee=-10)
    assert repr(Bookoff()) == "Bookoff()"


# -- through the sandbox -------------------------------------------------------------------
def test_demo_listings_are_valid_and_deterministic() -> None:
    listings = bookoff_listings()
    assert listings == bookoff_listings()
    assert all(ean.is_valid(x.code) for x in listings)
    assert all(len(x.item_id) == 10 and x.kind in ("used", "new") for x in listings)
    books = {p.jan for p in PRODUCTS if p.category == "books"}
    assert books <= {x.code for x in listings}
    demo = [x for x in listings if x.code == DEMO_CODE]
    assert {x.kind for x in demo} == {"used", "new"}


async def test_sandbox_demo_and_books(sandbox: Sandbox) -> None:
    res = await afind_alternatives(DEMO_CODE, sources=sandbox.sources(names=["bookoff"]),
                                   client=sandbox.client(), now=NOW)
    assert res.errors == []
    assert [r.offer.condition for r in res.offers] == [Condition.USED]
    assert [e.reason for e in res.excluded] == [ExclusionReason.OUT_OF_STOCK]
    books = await afind_alternatives(ISBN, sources=sandbox.sources(names=["bookoff"]),
                                     client=sandbox.client(), now=NOW)
    assert books.offers and books.offers[0].offer.url.startswith(f"{BASE}/used/")


@pytest.mark.parametrize(("knobs", "error_type"), [
    ({"antibot": True}, "BlockedError"),
    ({"status": 503}, "SourceUnavailableError"),
    ({"status": 500}, "SourceUnavailableError"),
    ({"malformed": True}, "ParseError"),
    ({"unexpected_schema": True}, "ParseError"),
    ({"hang": True}, "SourceTimeoutError"),
])
async def test_sandbox_faults_become_typed_failures(sandbox: Sandbox, knobs: dict[str, object],
                                                    error_type: str) -> None:
    sandbox.set_fault("bookoff", **knobs)  # type: ignore[arg-type]
    started = time.monotonic()
    res = await afind_alternatives(DEMO_CODE, sources=sandbox.sources(names=["bookoff"]),
                                   client=sandbox.client(), now=NOW, timeout=1)
    assert time.monotonic() - started < 2.5
    assert [(e.source, e.error_type) for e in res.errors] == [("bookoff", error_type)]


async def test_sandbox_rate_limit_and_recovery(sandbox: Sandbox) -> None:
    sandbox.set_fault("bookoff", status=429, retry_after=0.05, times=1)
    res = await afind_alternatives(DEMO_CODE, sources=sandbox.sources(names=["bookoff"]),
                                   client=sandbox.client(), now=NOW)
    assert res.errors == [] and res.offers and res.sources[0].requests == 2
    plain = Sandbox()
    async with plain.client() as client:
        first = await client.get(f"{BASE}/search/keyword/{JAN}")
        second = await client.get(f"{BASE}/search/keyword/{JAN}")
    assert (first.status_code, second.status_code) == (200, 429)


# -- conformance over real recorded pages (../shared/samples/used_bookoff*) -----------------
def test_conformance_real_samples() -> None:
    # PROVENANCE.md (2026) lists no recorded BOOKOFF page; this runs once one is added.
    for path in shared_samples("used_bookoff*.html"):
        page = parse_search_page(decode_html(path.read_bytes()))
        assert page.items or page.total == 0, path.name
        for item in page.items:
            assert item.url.startswith(f"{BASE}/{item.kind}/")
            assert item.price > 0 and item.title
