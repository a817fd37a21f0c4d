"""Amazon.co.jp All Offers Display: requests, parsing, flags, anti-bot answers, conformance."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import httpx
import pytest

from altfinder import (
    BlockedError,
    Condition,
    ExclusionReason,
    Flag,
    Identity,
    afind_alternatives,
)
from altfinder.sandbox import Sandbox
from altfinder.sources import AmazonOffers
from altfinder.sources.amazon import AOD_PATH, BASE_URL, NO_JAN_ROUTE_NOTE, parse_aod_page
from tests.conftest import FIXTURES, NOW, shared_samples

ASIN = "B098RKWHHZ"
AOD = BASE_URL + AOD_PATH


def page(name: str) -> str:
    return (FIXTURES / "amazon" / name).read_text(encoding="utf-8")


Handler = Callable[[httpx.Request], httpx.Response]


def pages_handler(seen: list[httpx.Request], by_page: dict[int, tuple[int, str]]) -> Handler:
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        number = int(request.url.params.get("pageno", "1"))
        status, body = by_page[number]
        return httpx.Response(status, text=body,
                              headers={"Content-Type": "text/html;charset=UTF-8"})
    return handle


async def search(handler: Handler, code: str = ASIN, **options: object):
    options.setdefault("rate_limit", AmazonOffers.rate_limit.scaled(100))
    source = AmazonOffers(**options)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        return await afind_alternatives(code, sources=[source], client=client, now=NOW,
                                        timeout=5)


def switch_pages() -> dict[int, tuple[int, str]]:
    return {1: (200, page("switch_page1.html")), 2: (200, page("switch_page2.html"))}


# -- requests ---------------------------------------------------------------------------------
async def test_requests_are_what_the_offers_panel_sends() -> None:
    seen: list[httpx.Request] = []
    await search(pages_handler(seen, switch_pages()),
                 cookies="session-id=358-1234567-7654321; i18n-prefs=JPY",
                 headers={"User-Agent": "Mozilla/5.0 (fixture)"})
    assert len(seen) == 2  # 10 listed of 13 on page 1, the rest on page 2
    first, second = seen
    assert str(first.url).startswith(AOD + "?")
    assert dict(first.url.params) == {"asin": ASIN, "pc": "dp"}
    assert dict(second.url.params) == {"asin": ASIN, "pc": "dp", "pageno": "2",
                                       "isonlyrenderofferlist": "true"}
    assert first.headers["accept-language"].startswith("ja-JP")
    assert first.headers["referer"] == f"{BASE_URL}/dp/{ASIN}"
    assert first.headers["user-agent"] == "Mozilla/5.0 (fixture)"
    assert first.headers["cookie"] == "session-id=358-1234567-7654321; i18n-prefs=JPY"


async def test_isbn10_book_is_its_own_asin() -> None:
    seen: list[httpx.Request] = []
    res = await search(pages_handler(seen, {1: (200, page("book_signed_out.html"))}),
                       code="9784873115658")
    assert seen[0].url.params["asin"] == "4873115655"
    assert {r.offer.identity for r in res} == {Identity.CODE}
    assert res.product.title.startswith("リーダブルコード")


# -- parsing -----------------------------------------------------------------------------
def test_every_offer_of_the_japanese_page_is_read() -> None:
    result = parse_aod_page(page("switch_page1.html"), asin=ASIN, now=NOW)
    assert result.title == "Nintendo Switch（有機ELモデル） Joy-Con(L)/(R) ホワイト"
    assert result.total == 13 and result.listed == 10 and result.has_more
    assert result.problems == []
    offers = {o.item_id: o for o in result.offers}
    assert len(offers) == 11

    amazon = offers["FIXTUREamznSwOled%2BNew01"]  # the pinned offer
    assert (amazon.price, amazon.shipping_fee, amazon.points) == (37980, 0, 380)
    assert amazon.seller is not None and amazon.seller.name == "Amazon.co.jp"
    assert amazon.seller.id == "AN1VRQENFRJN5" and amazon.seller.rating_count is None
    assert amazon.fulfilled_by_marketplace and amazon.lead_time_days == 1
    assert amazon.condition is Condition.NEW and amazon.condition_label == "新品"

    fba = offers["FIXTUREsakuraNew01"]
    assert fba.seller.id == "A1SAKURAGAME01"  # type: ignore[union-attr]
    assert (fba.seller.rating, fba.seller.rating_count) == (0.98, 23456)  # type: ignore[union-attr]
    assert fba.fulfilled_by_marketplace and fba.ships_from == "Amazon"
    assert fba.url == f"{BASE_URL}/dp/{ASIN}?smid=A1SAKURAGAME01"

    merchant = offers["FIXTUREmiraiNew02"]
    assert merchant.shipping_fee == 550 and merchant.fulfilled_by_marketplace is False
    assert merchant.lead_time_days == 5  # 11月29日 - 12月1日 from 26 November

    fresh = offers["FIXTUREnewshop03"].seller
    assert fresh is not None and (fresh.rating, fresh.rating_count) == (0.67, 3)
    launched = offers["FIXTUREhajimete04"].seller
    assert launched is not None and launched.rating is None and launched.rating_count == 0

    overseas = offers["FIXTUREglobalHK05"]
    assert overseas.ships_from_overseas is True
    assert overseas.lead_time_days == 40  # 12月15日 - 1月5日: into next year
    assert overseas.shipping_fee == 1500

    outlet = offers["FIXTUREoutlet06"]
    assert outlet.outlet and outlet.condition is Condition.LIKE_NEW
    assert outlet.condition_label == "中古品 - ほぼ新品"
    assert outlet.seller.rating_count is None  # type: ignore[union-attr]
    assert outlet.fulfilled_by_marketplace

    assert offers["FIXTUREstyleVG07"].condition is Condition.VERY_GOOD
    assert offers["FIXTUREstyleVG07"].price == 31980  # only the whole-number spans
    good = offers["FIXTUREmaruyamaG08"]
    assert good.condition is Condition.GOOD
    assert good.shipping_fee == 800  # free only from ¥30,000
    assert good.raw is not None and "小傷" in good.raw["condition_note"]
    assert offers["FIXTUREecoOK09"].condition is Condition.ACCEPTABLE
    renewed = offers["FIXTURErenew10"]
    assert renewed.condition is Condition.REFURBISHED and renewed.list_price == 37980
    assert all(o.asin == ASIN and not o.outlet for k, o in offers.items()
               if k != "FIXTUREoutlet06")


def test_later_page_collectible_sold_out_and_cart_only_price() -> None:
    result = parse_aod_page(page("switch_page2.html"), asin=ASIN, now=NOW, page=2,
                            title="Switch")
    kinds = [(o.condition_label, o.in_stock) for o in result.offers]
    assert kinds == [("コレクター商品 - 良い", True), ("新品", True), ("新品", False)]
    assert result.offers[0].condition is Condition.GOOD
    assert all(o.title == "Switch" for o in result.offers)
    assert len(result.problems) == 1 and "カート価格ストア" in result.problems[0]
    assert "no price" in result.problems[0]


def test_signed_out_layout_and_conditional_shipping() -> None:
    result = parse_aod_page(page("book_signed_out.html"), asin="4873115655", now=NOW)
    got = [(o.condition.value, o.price, o.shipping_fee, o.points, o.lead_time_days)
           for o in result.offers]
    assert got == [
        ("new", 2640, 0, 26, 2),           # 配送料無料 in the charge row
        ("very_good", 1580, 350, 0, 3),    # "+ ￥350 配送料"
        ("good", 480, None, 0, 2),         # free only from ¥2,000: the fee is unknown
        ("acceptable", 1, 350, 0, 7),      # ¥350 below ¥2,000
        ("new", 2640, 0, 0, 21),           # 通常2～3週間以内に発送します
    ]
    assert result.offers[0].seller.name == "Amazon.co.jp"  # type: ignore[union-attr]
    assert result.offers[4].seller.rating == 1.0  # type: ignore[union-attr]


def test_a_product_without_offers_is_an_empty_page_not_a_block() -> None:
    result = parse_aod_page(page("no_offers.html"), asin="B07XV8VSZT", now=NOW)
    assert result.offers == [] and result.problems == [] and result.total == 0
    assert result.title == "Nintendo Switch Lite ターコイズ"


@pytest.mark.parametrize("name", ["captcha.html", "robot_503.html", "signin.html"])
def test_robot_pages_never_parse_as_no_offers(name: str) -> None:
    with pytest.raises(BlockedError):
        parse_aod_page(page(name), asin=ASIN, now=NOW)


# -- the search --------------------------------------------------------------------------
async def test_asin_search_ranks_every_offer_with_its_flags() -> None:
    seen: list[httpx.Request] = []
    res = await search(pages_handler(seen, switch_pages()))
    assert res.errors == []
    assert res.product.title == "Nintendo Switch（有機ELモデル） Joy-Con(L)/(R) ホワイト"
    assert res.product.asin == ASIN
    by_id = {r.offer.item_id: r for r in res}
    assert len(by_id) == 12
    assert Flag.NEW_SELLER in by_id["FIXTUREnewshop03"].flags
    assert Flag.LOW_RATED_SELLER in by_id["FIXTUREnewshop03"].flags
    assert Flag.NEW_SELLER in by_id["FIXTUREhajimete04"].flags
    assert Flag.LOW_RATED_SELLER not in by_id["FIXTUREhajimete04"].flags
    assert {Flag.SHIPS_FROM_OVERSEAS, Flag.LONG_LEAD_TIME, Flag.LOW_RATED_SELLER} <= \
        by_id["FIXTUREglobalHK05"].flags
    assert by_id["FIXTUREamznSwOled%2BNew01"].flags == frozenset()
    assert by_id["FIXTUREoutlet06"].flags == frozenset()
    assert by_id["FIXTUREamznSwOled%2BNew01"].effective_price == 37980 - 380
    excluded = {(e.offer.item_id, e.reason) for e in res.excluded}
    assert ("FIXTUREamznSwOled%2BNew01", ExclusionReason.DUPLICATE) in excluded
    assert ("FIXTUREaozoraOOS13", ExclusionReason.OUT_OF_STOCK) in excluded
    assert any("カート価格ストア" in note for note in res.notes)


async def test_a_jan_without_creators_credentials_says_so_and_asks_nothing() -> None:
    seen: list[httpx.Request] = []
    res = await search(pages_handler(seen, switch_pages()), code="4902370548495")
    assert seen == []
    assert res.errors == [] and res.offers == []
    assert NO_JAN_ROUTE_NOTE in res.notes


async def test_unknown_asin_is_a_note_not_an_error() -> None:
    seen: list[httpx.Request] = []
    missing = "<html><title>ページが見つかりません</title>"
    res = await search(pages_handler(seen, {1: (404, missing)}), code="B0C1234567")
    assert res.errors == [] and res.offers == []
    assert any("no product page for ASIN B0C1234567" in n for n in res.notes)


# -- anti-bot answers ---------------------------------------------------------------------------
@pytest.mark.parametrize(("status", "name"), [(200, "captcha.html"), (503, "robot_503.html"),
                                             (200, "signin.html"), (403, "robot_503.html")])
async def test_blocked_answers_fail_once_and_never_retry(status: int, name: str) -> None:
    seen: list[httpx.Request] = []
    res = await search(pages_handler(seen, {1: (status, page(name))}))
    assert [(e.source, e.error_type) for e in res.errors] == [("amazon", "BlockedError")]
    assert len(seen) == 1
    assert res.offers == []


async def test_blocked_on_a_later_page_keeps_the_first_page() -> None:
    seen: list[httpx.Request] = []
    res = await search(pages_handler(seen, {1: (200, page("switch_page1.html")),
                                            2: (200, page("captcha.html"))}))
    assert res.errors[0].error_type == "BlockedError"
    assert len(res.offers) == 11


async def test_a_redirect_to_the_captcha_is_blocked() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={
            "Location": "https://www.amazon.co.jp/errors/validateCaptcha?amzn=x"})
    res = await search(handle)
    assert res.errors[0].error_type == "BlockedError"


async def test_a_plain_server_error_is_retried_then_unavailable() -> None:
    seen: list[httpx.Request] = []
    res = await search(pages_handler(seen, {1: (500, "<html><p>Internal error</p></html>")}))
    assert res.errors[0].error_type == "SourceUnavailableError"
    assert len(seen) == 3


async def test_cookies_never_leak(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "FIXTUREsessionToken0123456789"
    seen: list[httpx.Request] = []
    source_cookie = f"session-token={secret}"
    res = await search(pages_handler(seen, {1: (200, page("captcha.html"))}),
                       cookies=source_cookie)
    assert seen[0].headers["cookie"] == source_cookie
    assert secret not in caplog.text
    assert secret not in res.model_dump_json() and secret not in repr(res)
    assert secret not in repr(AmazonOffers(cookies=source_cookie))


# -- the sandbox --------------------------------------------------------------------------------
async def test_sandbox_asin_lookup_lists_every_offer(sandbox: Sandbox) -> None:
    res = await afind_alternatives(ASIN, sources=sandbox.sources(["amazon"]),
                                   client=sandbox.client(), now=NOW)
    assert res.errors == []
    offers = [r.offer for r in res]
    assert {o.condition for o in offers} >= {Condition.NEW, Condition.LIKE_NEW,
                                            Condition.VERY_GOOD, Condition.GOOD,
                                            Condition.ACCEPTABLE, Condition.REFURBISHED}
    assert any(o.outlet for o in offers)
    assert any(o.points == 3850 for o in offers)
    overseas = next(o for o in offers if o.ships_from_overseas)
    assert overseas.lead_time_days is not None and overseas.lead_time_days > 14


async def test_sandbox_antibot_and_pacing_are_blocked(sandbox: Sandbox) -> None:
    sandbox.set_fault("amazon", antibot=True)
    res = await afind_alternatives(ASIN, sources=sandbox.sources(["amazon"]),
                                   client=sandbox.client(), now=NOW)
    assert [e.error_type for e in res.errors] == ["BlockedError"]
    sandbox.clear_faults()
    too_fast = AmazonOffers(rate_limit=AmazonOffers.rate_limit.scaled(10_000))
    codes = (ASIN, "B07XV8VSZT", "B0CKYMNQ5B", "B0952TSQ4V", "B09X1WY7ZB")
    runs = await asyncio.gather(*(
        afind_alternatives(code, sources=[too_fast], client=sandbox.client(), now=NOW)
        for code in codes))
    # Much faster than the pages allow: Amazon's 503 robot page, not a retry loop.
    failures = [e.error_type for res in runs for e in res.errors]
    assert failures and set(failures) == {"BlockedError"}
    assert len(sandbox.requests) == 1 + len(codes)  # the captcha, then one page each


@pytest.mark.parametrize(("knobs", "error_type"), [
    ({"status": 500}, "SourceUnavailableError"),
    ({"status": 503}, "BlockedError"),
    ({"unexpected_schema": True}, "ParseError"),
    ({"malformed": True}, "ParseError"),
    ({"hang": True}, "SourceTimeoutError"),
])
async def test_sandbox_faults_are_typed(sandbox: Sandbox, knobs: dict[str, object],
                                        error_type: str) -> None:
    sandbox.set_fault("amazon", **knobs)  # type: ignore[arg-type]
    res = await afind_alternatives(ASIN, sources=sandbox.sources(["amazon"]),
                                   client=sandbox.client(), now=NOW, timeout=1.5)
    assert [e.error_type for e in res.errors] == [error_type]


async def test_sandbox_empty_page_is_no_offers(sandbox: Sandbox) -> None:
    sandbox.set_fault("amazon", empty=True)
    res = await afind_alternatives(ASIN, sources=sandbox.sources(["amazon"]),
                                   client=sandbox.client(), now=NOW)
    assert res.errors == [] and res.offers == []
    # One unreadable block among readable ones is a note, not a failure.
    assert parse_aod_page(page("switch_page2.html"), asin=ASIN, now=NOW, page=2).problems


# -- conformance with real (amazon.com, Spanish) AOD answers ---------------------------------------
@pytest.mark.samples
def test_conformance_pinned_and_marketplace_offer() -> None:
    [path] = [p for p in shared_samples("amazon_aod_*.html") if "pinned" in p.name]
    result = parse_aod_page(path.read_text(encoding="utf-8"), asin="B0TESTASIN", now=NOW)
    assert result.problems == []
    assert result.title is not None and result.title.startswith("Tapo TP-Link")
    pinned, listed = result.offers
    # Real markup: the .a-offscreen is empty; the price comes from the fallbacks.
    assert (pinned.price, listed.price) == (59, 59)  # US$59.99, integer part
    assert pinned.condition is Condition.NEW and listed.condition is Condition.NEW
    assert pinned.seller is not None and pinned.seller.name == "Amazon.com"
    assert pinned.seller.rating is None
    assert listed.seller is not None and listed.seller.name == "Network Giant"
    assert (listed.seller.rating, listed.seller.rating_count) == (1.0, 12497)
    assert pinned.shipping_fee == 0 and listed.shipping_fee == 0  # GRATIS
    assert pinned.ships_from == listed.ships_from == "Amazon.com"
    assert listed.fulfilled_by_marketplace


@pytest.mark.samples
def test_conformance_no_featured_offer_is_empty_not_blocked() -> None:
    [path] = [p for p in shared_samples("amazon_aod_*.html") if "no_featured" in p.name]
    result = parse_aod_page(path.read_text(encoding="utf-8"), asin="B0TESTASIN", now=NOW)
    assert result.offers == [] and result.problems == []
    assert result.title is not None and "MacBook Pro" in result.title



async def test_asin_without_creators_feeds_title_searching_sources(sandbox: Sandbox) -> None:
    res = await afind_alternatives(ASIN, sources=sandbox.sources(["amazon", "yahoo_shopping"]),
                                   client=sandbox.client(), now=NOW)
    assert res.errors == []
    assert res.product.jan is None and res.product.title is not None
    yahoo = [req for name, req in sandbox.requests if name == "yahoo_shopping"]
    assert yahoo and all("jan_code" not in req.query for req in yahoo)
    assert all("Nintendo Switch" in req.query.get("query", "") for req in yahoo)
    found_by_title = [r.offer for r in res if r.offer.source == "yahoo_shopping"] + [
        e.offer for e in res.excluded if e.offer.source == "yahoo_shopping"]
    assert found_by_title and all(Flag.TITLE_MATCH in o.flags for o in found_by_title)
