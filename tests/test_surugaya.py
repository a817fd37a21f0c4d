"""駿河屋: the JAN search request, card parsing, conditions, Cloudflare and errors, sandbox."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import pytest
from stdnum import ean

from altfinder import (
    BlockedError,
    Condition,
    ConfigurationError,
    ExclusionReason,
    Flag,
    Identity,
    ParseError,
    Product,
    RateLimitedError,
    RequestRejectedError,
    SourceTimeoutError,
    SourceUnavailableError,
    afind_alternatives,
)
from altfinder.http import RateLimit
from altfinder.sandbox import DEMO_CODE, PRODUCTS, Sandbox
from altfinder.sandbox.listings.surugaya import surugaya_listings
from altfinder.sources import Surugaya
from altfinder.sources._html import decode_html
from altfinder.sources.base import SearchContext, Source
from altfinder.sources.surugaya import is_cloudflare_challenge, parse_search_page
from tests.conftest import FIXTURES, NOW, shared_samples

JAN = "4902370548495"
SEARCH = "https://www.suruga-ya.jp/search"
FAST = RateLimit(requests=1, per_seconds=0.01)


def _html(name: str) -> bytes:
    return (FIXTURES / "surugaya" / name).read_bytes()


def _answer(name: str, status: int = 200, headers: dict[str, str] | None = None,
            seen: list[httpx.Request] | None = None) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        return httpx.Response(status, content=_html(name),
                              headers={"content-type": "text/html; charset=UTF-8",
                                       **(headers or {})})
    return httpx.MockTransport(handler)


async def _search(transport: httpx.MockTransport, code: str = JAN,
                  source: Source | None = None, extra: list[Source] | None = None,
                  timeout: float | None = None):
    async with httpx.AsyncClient(transport=transport) as client:
        return await afind_alternatives(
            code, sources=[source or Surugaya(rate_limit=FAST), *(extra or [])], client=client,
            now=NOW, timeout=timeout)


# -- the request ------------------------------------------------------------------------
async def test_request_is_the_detailed_search_form_by_jan() -> None:
    seen: list[httpx.Request] = []
    await _search(_answer("jan_search.html", seen=seen))
    [request] = seen
    assert str(request.url).startswith(SEARCH + "?")
    assert dict(request.url.params) == {
        "category": "", "search_word": "", "bottom_detail_search_bookmark": "1",
        "gtin": JAN, "id_s": "", "jan10": "", "mpn": ""}
    assert request.headers["user-agent"].startswith("altfinder/")
    assert request.headers["accept-language"].startswith("ja")
    assert "text/html" in request.headers["accept"]


async def test_a_book_is_searched_by_isbn13_or_optionally_isbn10() -> None:
    seen: list[httpx.Request] = []
    await _search(_answer("empty.html", seen=seen), code="9784873115658")
    assert seen[-1].url.params["gtin"] == "9784873115658"
    await _search(_answer("empty.html", seen=seen), code="9784873115658",
                  source=Surugaya(book_code="isbn10", rate_limit=FAST))
    assert seen[-1].url.params["jan10"] == "4873115655"
    assert seen[-1].url.params["gtin"] == ""


async def test_hosts_paths_and_parameter_names_are_options() -> None:
    seen: list[httpx.Request] = []
    source = Surugaya(base_url="https://suruga-ya.example/", search_path="/s",
                      gtin_param="jan", isbn10_param="isbn10", form_fields={"mode": "detail"},
                      user_agent="research-bot/1.0 (mailto:x@example.jp)", rate_limit=FAST)
    await _search(_answer("empty.html", seen=seen), source=source)
    assert str(seen[0].url).startswith("https://suruga-ya.example/s?")
    assert dict(seen[0].url.params) == {"mode": "detail", "jan": JAN, "isbn10": ""}
    assert seen[0].headers["user-agent"] == "research-bot/1.0 (mailto:x@example.jp)"


# -- cards and offers --------------------------------------------------------------------
async def test_every_price_row_becomes_an_offer_or_an_exclusion() -> None:
    res = await _search(_answer("jan_search.html"))
    assert res.errors == []
    offers = {r.offer.item_id: r.offer for r in res.offers}
    assert set(offers) == {"109123401-used", "109123401-new", "109123401-other",
                           "109123402-used", "109123405-new"}

    used = offers["109123401-used"]
    assert (used.price, used.condition, used.condition_label) == (30900, Condition.USED, "中古")
    assert used.url == "https://www.suruga-ya.jp/product/detail/109123401"
    assert used.identity is Identity.CODE_SEARCH and used.jan is None
    assert used.shipping_fee is None  # not stated on the page
    assert used.list_price == 37980
    assert used.seller is not None and used.seller.name == "駿河屋"
    assert used.seller.rating is None  # 駿河屋 itself has no rating: none invented
    assert used.image_url == ("https://www.suruga-ya.jp/database/photo.php?shinaban=109123401"
                              "&size=m")
    assert used.title.startswith("ニンテンドースイッチ本体 Nintendo Switch本体(有機ELモデル)")

    new = offers["109123401-new"]
    assert (new.price, new.condition, new.condition_label) == (36800, Condition.NEW, "新品")
    assert new.url == used.url  # one page lists both

    market = offers["109123401-other"]
    assert market.price == 28480
    assert market.url == "https://www.suruga-ya.jp/product/other/109123401"
    assert market.condition is Condition.USED  # 中古品と新品: the lowest may be used
    assert market.condition_label == "他ショップ（12点の中古品と新品）"
    assert Flag.VARIANT_PRICE in market.flags
    assert market.seller is not None and "他ショップ" in market.seller.name

    assert offers["109123405-new"].title.startswith("Nintendo Switch(有機ELモデル) ネオン")


async def test_sold_out_junk_and_unreadable_cards_are_never_dropped_silently() -> None:
    res = await _search(_answer("jan_search.html"))
    excluded = {e.offer.item_id: e for e in res.excluded}
    assert set(excluded) == {"109123402-new", "109123403-used", "109123404-sold_out"}

    sold_out = excluded["109123404-sold_out"]
    assert sold_out.reason is ExclusionReason.OUT_OF_STOCK
    assert not sold_out.offer.in_stock
    assert sold_out.offer.price == 37980 and "定価" in sold_out.detail
    new_sold_out = excluded["109123402-new"]
    assert new_sold_out.reason is ExclusionReason.OUT_OF_STOCK
    assert new_sold_out.offer.condition is Condition.NEW
    assert "品切れ" in new_sold_out.detail and "no price shown" in new_sold_out.detail

    junk = excluded["109123403-used"]
    assert junk.reason is ExclusionReason.CONDITION  # poor: excluded by the default policy
    assert junk.offer.condition is Condition.POOR
    assert junk.offer.condition_label == "中古（ジャンク）"

    assert any("card 6" in n and "no /product/detail/ link" in n for n in res.notes)
    # five offers + three exclusions = every row of the five readable cards
    assert len(res.offers) + len(res.excluded) == 8


async def test_a_card_with_neither_price_nor_stock_word_is_a_note() -> None:
    res = await _search(_answer("list_price_only.html"), code="4902370549546")
    assert res.offers == [] and res.excluded == [] and res.errors == []
    assert any("109555001" in n and "neither a price nor 品切れ" in n for n in res.notes)


async def test_options_shipping_fee_and_marketplace() -> None:
    source = Surugaya(shipping_fee=440, include_marketplace=False, rate_limit=FAST)
    res = await _search(_answer("jan_search.html"), source=source)
    assert all(r.offer.shipping_fee == 440 for r in res.offers)
    assert not any(r.offer.item_id and r.offer.item_id.endswith("-other") for r in res.offers)
    assert all(Flag.SHIPPING_ESTIMATED not in r.flags for r in res.offers)


async def test_the_product_is_described_for_title_searching_sources() -> None:
    res = await _search(_answer("jan_search.html"))
    assert res.product.jan == JAN
    assert res.product.title == ("ニンテンドースイッチ本体 Nintendo Switch本体(有機ELモデル) "
                                 "Joy-Con(L)/(R) ホワイト")
    assert res.product.brand == "任天堂"


def test_a_shift_jis_page_is_decoded_from_its_meta_tag() -> None:
    content = _html("search_sjis.html")
    page = parse_search_page(decode_html(content, None))
    [item] = page.items
    assert item.title == "ＳＰＹ×ＦＡＭＩＬＹ ①～⑫巻 / 遠藤達哉"  # runs of spaces collapsed
    assert [(r.kind, r.price) for r in item.rows] == [("used", 4280)]
    assert item.url == "https://www.suruga-ya.jp/product/detail/128000123"
    # the HTTP charset, when sent, wins; a forced encoding wins over both
    assert decode_html(content, "shift_jis") == decode_html(content, None)
    assert "遠藤達哉" not in decode_html(content, None, forced="latin-1")


async def test_paging_follows_the_next_link_up_to_max_pages() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        name = "paged_2.html" if request.url.params.get("page") == "2" else "paged_1.html"
        return httpx.Response(200, content=_html(name), headers={"content-type": "text/html"})

    one = await _search(httpx.MockTransport(handler), code="4902370550733")
    assert len(seen) == 1 and len(one.offers) + len(one.excluded) == 24
    assert any("max_pages" in n and "of 26" in n for n in one.notes)

    seen.clear()
    two = await _search(httpx.MockTransport(handler), code="4902370550733",
                        source=Surugaya(max_pages=3, rate_limit=FAST))
    assert len(seen) == 2
    assert seen[1].url.params["page"] == "2" and seen[1].url.params["gtin"] == "4902370550733"
    assert len(two.offers) + len(two.excluded) == 26
    assert not any("max_pages" in n for n in two.notes)


def test_empty_page_is_no_offers() -> None:
    page = parse_search_page(_html("empty.html").decode())
    assert (page.items, page.total, page.problems) == ([], 0, [])


@pytest.mark.parametrize(("name", "words"), [
    ("truncated.html", "counts 6 hits"),
    ("redesigned.html", "not a search page"),
])
def test_pages_in_another_shape_are_parse_errors(name: str, words: str) -> None:
    with pytest.raises(ParseError, match=words):
        parse_search_page(_html(name).decode())


# -- Cloudflare and errors ---------------------------------------------------------------
@pytest.mark.parametrize(("name", "status", "headers", "error", "words"), [
    ("challenge_403.html", 403, {"cf-mitigated": "challenge", "server": "cloudflare"},
     BlockedError, "Cloudflare challenge"),
    ("challenge_403.html", 503, {}, BlockedError, "Cloudflare challenge"),
    ("challenge_403.html", 200, {}, BlockedError, "Cloudflare challenge"),
    ("block_1020_403.html", 403, {"server": "cloudflare"}, BlockedError, "Cloudflare"),
    ("rate_limited_1015_429.html", 429, {"retry-after": "7"}, RateLimitedError, "rate limited"),
    ("maintenance_503.html", 503, {}, SourceUnavailableError, "maintenance"),
    ("empty.html", 522, {"server": "cloudflare"}, SourceUnavailableError, "522"),
    ("empty.html", 524, {"server": "cloudflare"}, SourceTimeoutError, "timed out"),
    ("empty.html", 404, {}, RequestRejectedError, "search_path"),
    ("empty.html", 400, {}, RequestRejectedError, "400"),
])
def test_check_response_types_every_answer(name: str, status: int, headers: dict[str, str],
                                           error: type[Exception], words: str) -> None:
    response = httpx.Response(status, content=_html(name), headers=headers,
                              request=httpx.Request("GET", SEARCH))
    with pytest.raises(error, match=words) as info:
        Surugaya().check_response(response)
    if error is RateLimitedError:
        assert info.value.retry_after == 7.0  # type: ignore[attr-defined]


def test_a_normal_page_behind_cloudflare_is_not_a_challenge() -> None:
    page = _html("jan_search.html")
    assert b"/cdn-cgi/challenge-platform/scripts/jsd/main.js" in page
    response = httpx.Response(200, content=page, request=httpx.Request("GET", SEARCH))
    assert not is_cloudflare_challenge(response)
    Surugaya().check_response(response)  # no error


async def test_a_challenge_is_a_blocked_failure_and_is_not_retried() -> None:
    seen: list[httpx.Request] = []
    res = await _search(_answer("challenge_403.html", status=403,
                                headers={"cf-mitigated": "challenge"}, seen=seen))
    [failure] = res.errors
    assert (failure.source, failure.error_type) == ("surugaya", "BlockedError")
    assert len(seen) == 1
    assert res.offers == [] and res.excluded == []


async def test_rate_limited_then_retried() -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) == 1:
            return httpx.Response(429, content=_html("rate_limited_1015_429.html"),
                                  headers={"retry-after": "0"})
        return httpx.Response(200, content=_html("jan_search.html"))

    res = await _search(httpx.MockTransport(handler))
    assert res.errors == [] and len(calls) == 2 and res.offers


# -- an ASIN: waiting for a JAN without deadlocking the other describers -----------------
class _JanDescriber(Source):
    name = "jan_describer"
    label = "test describer"
    describes_product = True

    async def search(self, ctx: SearchContext) -> None:
        ctx.describe(Product(jan=JAN, title="Nintendo Switch 有機ELモデル"))


async def test_an_asin_is_searched_once_another_source_tells_the_jan() -> None:
    seen: list[httpx.Request] = []
    res = await _search(_answer("jan_search.html", seen=seen), code="B098RKWHHZ",
                        extra=[_JanDescriber()])
    assert seen and seen[0].url.params["gtin"] == JAN
    assert any(r.offer.source == "surugaya" for r in res.offers)


async def test_an_unresolved_asin_is_a_note_and_two_describers_do_not_wait_on_each_other() -> None:
    from altfinder.sources import Bookoff

    started = time.monotonic()
    res = await _search(_answer("jan_search.html"), code="B098RKWHHZ",
                        extra=[Bookoff(rate_limit=FAST)], timeout=10)
    assert time.monotonic() - started < 5  # not the 10 s deadline
    assert res.errors == []
    assert any(n.startswith("surugaya:") and "ASIN" in n for n in res.notes)
    assert any(n.startswith("bookoff:") and "ASIN" in n for n in res.notes)


def test_configuration_errors() -> None:
    with pytest.raises(ConfigurationError, match="max_pages"):
        Surugaya(max_pages=0)
    with pytest.raises(ConfigurationError, match="shipping_fee"):
        Surugaya(shipping_fee=-1)
    with pytest.raises(ConfigurationError, match="book_code"):
        Surugaya(book_code="asin")  # type: ignore[arg-type]
    assert Surugaya.requires_credentials() is False
    assert repr(Surugaya()) == "Surugaya()"


# -- through the sandbox -------------------------------------------------------------------
def test_demo_listings_are_valid_and_deterministic() -> None:
    listings = surugaya_listings()
    assert listings == surugaya_listings()
    assert all(ean.is_valid(x.gtin) for x in listings)
    assert len({x.product_id for x in listings}) == len(listings)
    fits = {p.jan for p in PRODUCTS if p.category in ("games", "books", "electronics")}
    assert fits <= {x.gtin for x in listings}
    demo = [x for x in listings if x.gtin == DEMO_CODE]
    assert any(x.used_price for x in demo) and any(not x.in_stock for x in demo)


async def test_sandbox_demo_shows_used_new_marketplace_and_reasons(sandbox: Sandbox) -> None:
    res = await afind_alternatives(DEMO_CODE, sources=sandbox.sources(names=["surugaya"]),
                                   client=sandbox.client(), now=NOW)
    assert res.errors == []
    conditions = {r.offer.condition for r in res.offers}
    assert {Condition.USED, Condition.NEW} <= conditions
    assert any(Flag.VARIANT_PRICE in r.offer.flags for r in res.offers)
    reasons = {e.reason for e in res.excluded}
    assert reasons == {ExclusionReason.OUT_OF_STOCK, ExclusionReason.CONDITION}


@pytest.mark.parametrize(("knobs", "error_type"), [
    ({"antibot": True}, "BlockedError"),
    ({"status": 403}, "BlockedError"),
    ({"status": 503}, "SourceUnavailableError"),
    ({"status": 522}, "SourceUnavailableError"),
    ({"malformed": True}, "ParseError"),
    ({"unexpected_schema": True}, "ParseError"),
    ({"refuse": True}, "SourceUnavailableError"),
])
async def test_sandbox_faults_become_typed_failures(sandbox: Sandbox, knobs: dict[str, object],
                                                    error_type: str) -> None:
    sandbox.set_fault("surugaya", **knobs)  # type: ignore[arg-type]
    res = await afind_alternatives(DEMO_CODE, sources=sandbox.sources(names=["surugaya"]),
                                   client=sandbox.client(), now=NOW, timeout=2)
    assert [(e.source, e.error_type) for e in res.errors] == [("surugaya", error_type)]


async def test_sandbox_empty_and_rate_limit_recovery(sandbox: Sandbox) -> None:
    sandbox.set_fault("surugaya", empty=True, times=1)
    res = await afind_alternatives(DEMO_CODE, sources=sandbox.sources(names=["surugaya"]),
                                   client=sandbox.client(), now=NOW)
    assert res.errors == [] and res.offers == []
    sandbox.set_fault("surugaya", status=429, retry_after=0.1, times=1)
    res = await afind_alternatives(DEMO_CODE, sources=sandbox.sources(names=["surugaya"]),
                                   client=sandbox.client(), now=NOW)
    assert res.errors == [] and res.offers
    assert res.sources[0].requests == 2


async def test_sandbox_enforces_its_pace_with_cloudflare_1015() -> None:
    sandbox = Sandbox()
    params = {"gtin": DEMO_CODE}
    async with sandbox.client() as client:
        first = await client.get(SEARCH, params=params)
        second = await client.get(SEARCH, params=params)
    assert first.status_code == 200 and second.status_code == 429
    with pytest.raises(RateLimitedError):
        Surugaya().check_response(second)


async def test_sandbox_filters_by_the_form_fields(sandbox: Sandbox) -> None:
    clock: Callable[[], None] = lambda: time.sleep(0.11)  # noqa: E731 - 20x: 0.1 s pace
    async with sandbox.client() as client:
        by_isbn10 = await client.get(SEARCH, params={"jan10": "4873115655"})
        clock()
        in_stock = await client.get(SEARCH, params={"gtin": DEMO_CODE, "inStock": "On"})
        clock()
        nothing = await client.get(SEARCH, params={"gtin": "4901234567894"})
    assert len(parse_search_page(by_isbn10.text).items) == 1
    assert len(parse_search_page(in_stock.text).items) == 3  # the sold-out page is hidden
    assert parse_search_page(nothing.text).items == []


# -- conformance over real recorded pages (../shared/samples/used_surugaya*) ---------------
def test_conformance_real_samples() -> None:
    # PROVENANCE.md (2026) lists no recorded 駿河屋 page; this runs once one is added.
    for path in shared_samples("used_surugaya*.html"):
        content = path.read_bytes()
        page = parse_search_page(decode_html(content))
        assert page.items or page.total == 0, path.name
        for item in page.items:
            assert item.product_id and item.title
            assert item.url.startswith("https://www.suruga-ya.jp/product/detail/")
            assert all(r.price is None or r.price > 0 for r in item.rows)
