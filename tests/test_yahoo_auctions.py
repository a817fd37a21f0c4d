"""Yahoo!オークション: the request, cards, postage, 404-empty, blocks, sandbox, conformance."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from altfinder import (
    Condition,
    ConfigurationError,
    ExclusionReason,
    Flag,
    Identity,
    ParseError,
    Product,
    RankingPolicy,
    RateLimitedError,
    RequestRejectedError,
    SourceUnavailableError,
    afind_alternatives,
)
from altfinder.errors import BlockedError
from altfinder.models import JST
from altfinder.sandbox import Sandbox
from altfinder.sources import YahooAuctions
from altfinder.sources.base import SearchContext, Source
from altfinder.sources.yahoo_auctions import ENDPOINT, parse_postage, parse_search_page
from tests.conftest import FIXTURES, NOW, shared_samples

JAN = "4902370548495"


def _html(name: str) -> str:
    return (FIXTURES / "yahoo_auctions" / name).read_text(encoding="utf-8")


class Describer(Source):
    name = "describer_test"
    label = "describer"
    describes_product = True

    async def search(self, ctx: SearchContext) -> None:
        ctx.describe(Product(title="Nintendo Switch（有機ELモデル） Joy-Con(L)/(R) ホワイト"))


def _fast(**options: Any) -> YahooAuctions:
    return YahooAuctions(rate_limit=YahooAuctions.rate_limit.scaled(200), **options)


async def _search(pages: list[tuple[int, str]] | tuple[int, str], *,
                  seen: list[httpx.Request] | None = None,
                  policy: RankingPolicy | None = None, **options: Any):
    answers = list(pages) if isinstance(pages, list) else None

    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        status, text = answers.pop(0) if answers else pages  # type: ignore[misc]
        return httpx.Response(status, text=text,
                              headers={"content-type": "text/html; charset=UTF-8"})

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        return await afind_alternatives(JAN, sources=[Describer(), _fast(**options)],
                                        client=client, now=NOW, policy=policy)


# -- parsing ---------------------------------------------------------------------------
def test_cards_buy_now_versus_current_bid() -> None:
    page = parse_search_page(_html("search.html"), condition_codes=[3, 4, 5, 6], now=NOW)
    by_id = {o.item_id: o for o in page.offers}

    bid_only = by_id["k1100000001"]
    assert bid_only.price == 18200 and Flag.AUCTION in bid_only.flags
    assert bid_only.auction is not None
    assert (bid_only.auction.current_bid, bid_only.auction.buy_now_price,
            bid_only.auction.bids) == (18200, None, 21)
    assert bid_only.auction.ends_at is not None
    assert bid_only.auction.ends_at.tzinfo is not None
    assert bid_only.auction.ends_at.utcoffset().total_seconds() == 9 * 3600  # type: ignore[union-attr]
    assert bid_only.shipping_fee == 1200
    assert bid_only.seller is not None and bid_only.seller.id == "nagisa_0123"
    assert bid_only.seller.badges == ()
    assert bid_only.image_url == "https://auc-pctr.c.yimg.jp/i/example/k1100000001.jpg"
    assert bid_only.identity is Identity.TITLE and Flag.TITLE_MATCH in bid_only.flags

    buy_now = by_id["k1100000002"]
    assert buy_now.price == 32000 and Flag.AUCTION not in buy_now.flags
    assert buy_now.auction is not None and buy_now.auction.current_bid == 24000
    assert buy_now.shipping_fee == 0

    store = by_id["1239234527"]  # purely numeric ids exist too
    assert store.price == 35800 and store.shipping_fee == 750
    assert store.seller is not None and store.seller.badges == ("ストア",)
    assert store.url == "https://auctions.yahoo.co.jp/jp/auction/1239234527"

    flea = by_id["z412345678"]
    assert flea.auction is None and flea.price == 27500 and Flag.AUCTION not in flea.flags
    assert flea.seller is not None and flea.seller.badges == ("Yahoo!フリマ",)

    # several istatus codes asked together: used, grade unknown
    assert {o.condition for o in page.offers} == {Condition.USED}
    [(ended, reason, detail)] = page.excluded
    assert ended.item_id == "k1100000005" and reason is ExclusionReason.OUT_OF_STOCK
    assert "ended" in detail and ended.shipping_fee is None  # 着払い
    assert page.problems == ["card 6: a card without an auction id"]
    assert page.total == 6


def test_a_single_istatus_code_grades_exactly() -> None:
    page = parse_search_page(_html("search.html"), condition_codes=[1], now=NOW)
    assert {(o.condition, o.condition_label) for o in page.offers} == {(Condition.NEW, "未使用")}
    page = parse_search_page(_html("search.html"), condition_codes=[7], now=NOW)
    assert {o.condition for o in page.offers} == {Condition.POOR}


@pytest.mark.parametrize(("text", "free", "fee"), [
    ("＋送料230円", False, 230), ("＋送料1,200円", False, 1200), ("送料無料", False, 0),
    ("送料未定", False, None), ("着払い", False, None), ("", True, 0), ("", False, None),
    ("送料 880 円", False, 880),
])
def test_postage(text: str, free: bool, fee: int | None) -> None:
    assert parse_postage(text, free_flag=free) == fee


def test_empty_partial_and_unknown_pages() -> None:
    assert parse_search_page(_html("empty_404.html")).empty
    assert parse_search_page(_html("partial.html")).partial_match
    with pytest.raises(ParseError):
        parse_search_page("<html><body><div id='__next'></div></body></html>")


# -- the request -----------------------------------------------------------------------
async def test_requests_by_keyword_and_condition_groups() -> None:
    seen: list[httpx.Request] = []
    res = await _search((200, _html("search.html")), seen=seen)
    assert res.errors == []
    assert [r.url.params["istatus"] for r in seen] == ["1", "3,4,5,6"]  # poor (7) excluded
    params = dict(seen[0].url.params)
    assert params["p"] == "Nintendo Switch 有機ELモデル"
    assert (params["n"], params["b"]) == ("100", "1")
    assert str(seen[0].url).startswith(ENDPOINT + "?")
    assert seen[0].headers["User-Agent"].startswith("altfinder/")
    # the same card in both answers is reported once
    ids = [e.offer.item_id for e in res.excluded]
    assert len(ids) == len(set(ids))
    new = [e.offer for e in res.excluded if e.offer.condition is Condition.NEW]
    assert new  # the first group is graded new


async def test_per_grade_and_policy_choose_the_groups() -> None:
    seen: list[httpx.Request] = []
    policy = RankingPolicy(excluded_conditions={Condition.POOR, Condition.ACCEPTABLE})
    await _search((404, _html("empty_404.html")), seen=seen, policy=policy, per_grade=True,
                  sort="tbidorbuy", postage_prefecture=13)
    assert [r.url.params["istatus"] for r in seen] == ["1", "3", "4", "5"]
    params = dict(seen[0].url.params)
    assert (params["s1"], params["o1"]) == ("tbidorbuy", "a")
    assert (params["is_postage_mode"], params["dest_pref_code"]) == ("1", "13")


async def test_404_with_the_empty_notice_is_no_offers() -> None:
    res = await _search((404, _html("empty_404.html")))
    assert res.errors == []
    assert not any(e.offer.source == "yahoo_auctions" for e in res.excluded)


async def test_partial_keyword_results_are_discarded_with_a_note() -> None:
    res = await _search((200, _html("partial.html")))
    assert res.errors == []
    assert not any(e.offer.source == "yahoo_auctions" for e in res.excluded)
    assert any("partial-keyword" in note for note in res.notes)


async def test_paging_stops_on_a_short_page_and_dedupes() -> None:
    seen: list[httpx.Request] = []
    full = _html("search.html")
    await _search([(200, full)] * 4, seen=seen, page_size=20, max_pages=3,
                  condition_groups=[(3, 4)])
    assert [r.url.params["b"] for r in seen] == ["1"]  # 6 cards < 20: the last page


@pytest.mark.parametrize(
    ("status", "page", "error"),
    [(200, "block.html", BlockedError), (403, None, BlockedError), (999, None, BlockedError),
     (429, None, RateLimitedError), (500, None, SourceUnavailableError),
     (503, None, SourceUnavailableError), (404, None, RequestRejectedError),
     (400, None, RequestRejectedError)],
)
def test_check_response_maps_errors(status: int, page: str | None,
                                    error: type[Exception]) -> None:
    text = _html(page) if page else "<html><body><h1>エラー</h1></body></html>"
    response = httpx.Response(status, text=text, request=httpx.Request("GET", ENDPOINT))
    with pytest.raises(error):
        YahooAuctions().check_response(response)


def test_configuration_errors() -> None:
    with pytest.raises(ConfigurationError, match="page_size"):
        YahooAuctions(page_size=30)
    with pytest.raises(ConfigurationError, match="condition groups"):
        YahooAuctions(condition_groups=[(9,)])
    with pytest.raises(ConfigurationError, match="prefecture"):
        YahooAuctions(postage_prefecture=48)
    assert repr(YahooAuctions()) == "YahooAuctions()"


# -- the sandbox -----------------------------------------------------------------------
async def test_sandbox_demo_shows_auctions_and_look_alikes(sandbox: Sandbox) -> None:
    res = await afind_alternatives(JAN, sources=sandbox.sources(), client=sandbox.client(),
                                   now=NOW)
    assert res.errors == []
    excluded = [e.offer for e in res.excluded if e.offer.source == "yahoo_auctions"]
    ranked = [r.offer for r in res.offers if r.offer.source == "yahoo_auctions"]
    titles = " ".join(o.title for o in excluded)
    for trap in ("ケース", "フィルム", "空箱", "まとめ売り", "ジャンク", "Lite"):
        assert trap in titles, trap
    assert ranked, "the matcher ranks the real consoles"
    offers = excluded + ranked
    by_id = {o.item_id: o for o in offers}
    assert Flag.AUCTION in by_id["x1000000001"].flags
    assert by_id["x1000000002"].price == 31500 and Flag.AUCTION not in by_id["x1000000002"].flags
    assert by_id["x1000000003"].seller.badges == ("ストア",)  # type: ignore[union-attr]
    assert by_id["x1000000003"].condition is Condition.NEW
    assert by_id["x1000000004"].shipping_fee is None  # 着払い
    assert all(o.auction and o.auction.ends_at and o.auction.ends_at > NOW for o in offers)
    status = next(s for s in res.sources if s.source == "yahoo_auctions")
    assert status.ok and status.requests == 2


async def test_sandbox_zero_results_and_partial_match(sandbox: Sandbox) -> None:
    async with sandbox.client() as client:
        none = await client.get(ENDPOINT, params={"p": "存在しない商品名XYZ"})
        assert none.status_code == 404 and 'class="Empty' in none.text
        import asyncio

        await asyncio.sleep(0.11)
        partial = await client.get(ENDPOINT, params={"p": "Nintendo 存在しない語"})
        assert partial.status_code == 200 and "キーワードの一部を利用した結果" in partial.text


@pytest.mark.parametrize(
    ("knobs", "error_type"),
    [({"status": 500}, "SourceUnavailableError"), ({"status": 403}, "BlockedError"),
     ({"antibot": True}, "BlockedError"), ({"unexpected_schema": True}, "ParseError"),
     ({"status": 429}, "RateLimitedError")],
)
async def test_sandbox_faults_become_typed_failures(sandbox: Sandbox, knobs: dict[str, Any],
                                                    error_type: str) -> None:
    sandbox.set_fault("yahoo_auctions", **knobs)
    res = await afind_alternatives(
        JAN, sources=sandbox.sources(["yahoo_shopping", "yahoo_auctions"]),
        client=sandbox.client(), now=NOW, timeout=3)
    assert [(e.source, e.error_type) for e in res.errors] == [("yahoo_auctions", error_type)]
    assert any(r.offer.source == "yahoo_shopping" for r in res)


async def test_sandbox_truncated_page_is_a_parse_failure_not_no_offers(sandbox: Sandbox) -> None:
    # A page cut off inside its only card: nothing readable is a ParseError, not "no offers"
    # (one unreadable card among readable ones is only a note: see the parser tests).
    sandbox.set_fault("yahoo_auctions", malformed=True)
    res = await afind_alternatives(
        JAN, sources=sandbox.sources(["yahoo_shopping", "yahoo_auctions"]),
        client=sandbox.client(), now=NOW)
    assert [(e.source, e.error_type) for e in res.errors] == [("yahoo_auctions", "ParseError")]
    assert any(r.offer.source == "yahoo_shopping" for r in res)


# -- conformance over the recorded samples (../shared/samples/used_yahooauctions_*) ------
def test_conformance_2022_search_page() -> None:
    [path] = shared_samples("used_yahooauctions_search_2022.html")
    page = parse_search_page(path.read_text(encoding="utf-8"), condition_codes=[3, 4, 5, 6],
                             now=NOW.replace(year=2022, month=2, day=27, tzinfo=JST))
    assert page.problems == []
    by_id = {o.item_id: o for o in page.offers}
    assert set(by_id) == {"s1039793076", "s1039791085"}
    first, second = by_id["s1039793076"], by_id["s1039791085"]
    assert (first.price, second.price) == (500, 1000)
    assert Flag.AUCTION in first.flags and first.auction.buy_now_price is None  # type: ignore[union-attr]
    assert first.title.startswith("【ポケモンカード】200/SM-P")
    assert first.seller is not None and first.seller.id == "anonymous1"
    assert second.shipping_fee == 0  # data-auction-isfreeshipping="1"
    assert first.shipping_fee is None
    assert first.auction.ends_at.timestamp() == 1646312004  # type: ignore[union-attr]


def test_conformance_2026_card() -> None:
    [path] = shared_samples("used_yahooauctions_card_2026.html")
    page = parse_search_page(path.read_text(encoding="utf-8"), condition_codes=[1], now=NOW)
    [offer] = page.offers or [x[0] for x in page.excluded]
    assert offer.item_id == "a1234567890" and offer.title == "EXAMPLE A-100"
    assert offer.price == 30000  # 即決
    assert offer.auction is not None
    assert (offer.auction.current_bid, offer.auction.buy_now_price, offer.auction.bids) == (
        3440, 30000, 0)
    assert offer.shipping_fee == 230
    assert offer.auction.ends_at is not None and offer.auction.ends_at.timestamp() == 1790083000
