"""The finder: concurrency, deadlines, failure isolation, identity checks, sync API."""

from __future__ import annotations

import asyncio
import json
import time

import httpx
import pytest

from altfinder import (
    ConfigurationError,
    ExclusionReason,
    Identity,
    InvalidCodeError,
    Offer,
    Product,
    Results,
    afind_alternatives,
    find_alternatives,
)
from altfinder.errors import BlockedError
from altfinder.http import RateLimit
from altfinder.sandbox import Sandbox
from altfinder.sources.base import SearchContext, Source
from tests.conftest import NOW

JAN = "4902370548495"


class Slow(Source):
    """A test source that answers after `delay` seconds with one offer."""

    name = "slow_test"
    label = "slow test source"

    def __init__(self, delay: float, price: int = 30000, name: str = "slow_test") -> None:
        super().__init__()
        self.delay, self.price, self.name = delay, price, name  # type: ignore[misc]

    async def search(self, ctx: SearchContext) -> None:
        ctx.add(Offer(source=self.name, title="partial", url=f"https://{self.name}/1",
                      price=self.price, shipping_fee=0, jan=JAN))
        await asyncio.sleep(self.delay)
        ctx.add(Offer(source=self.name, title="late", url=f"https://{self.name}/2",
                      price=self.price + 1, shipping_fee=0, jan=JAN))


class Broken(Source):
    name = "broken_test"
    label = "broken test source"

    async def search(self, ctx: SearchContext) -> None:
        raise KeyError("a bug in an adapter")


class Blocked(Source):
    name = "blocked_test"
    label = "blocked test source"

    async def search(self, ctx: SearchContext) -> None:
        raise BlockedError("blocked_test: captcha page", source=self.name)


async def test_sources_run_concurrently(sandbox: Sandbox) -> None:
    started = time.monotonic()
    res = await afind_alternatives(
        JAN, sources=[Slow(0.3, name="a"), Slow(0.3, name="b"), Slow(0.3, name="c")],
        client=sandbox.client(), now=NOW)
    elapsed = time.monotonic() - started
    assert elapsed < 0.8, elapsed  # three 0.3 s sources at once, not 0.9 s one after another
    assert {r.offer.source for r in res} == {"a", "b", "c"}


async def test_deadline_reports_timeout_and_keeps_partial_and_other_offers(
        sandbox: Sandbox) -> None:
    started = time.monotonic()
    res = await afind_alternatives(
        JAN, sources=[*sandbox.sources(), Slow(30)], client=sandbox.client(), now=NOW,
        timeout=0.5)
    assert time.monotonic() - started < 1.5
    [failure] = res.errors
    assert failure.source == "slow_test"
    assert failure.error_type == "SourceTimeoutError"
    titles = {r.offer.title for r in res if r.offer.source == "slow_test"}
    assert titles == {"partial"}  # what it found before the deadline is kept
    assert any(r.offer.source == "yahoo_shopping" for r in res)


async def test_a_bug_or_a_block_in_one_source_never_breaks_the_others(sandbox: Sandbox) -> None:
    res = await afind_alternatives(JAN, sources=[*sandbox.sources(), Broken(), Blocked()],
                                   client=sandbox.client(), now=NOW)
    errors = {e.source: e.error_type for e in res.errors}
    assert errors == {"broken_test": "KeyError", "blocked_test": "BlockedError"}
    assert any(r.offer.source == "yahoo_shopping" for r in res)
    status = {s.source: s for s in res.sources}
    assert status["yahoo_shopping"].ok
    assert not status["broken_test"].ok


@pytest.mark.parametrize(
    ("knobs", "error_type"),
    [
        ({"status": 500}, "SourceUnavailableError"),
        ({"status": 503}, "SourceUnavailableError"),
        ({"status": 403}, "AuthenticationError"),
        ({"malformed": True}, "ParseError"),
        ({"unexpected_schema": True}, "ParseError"),
        ({"antibot": True}, "BlockedError"),
        ({"refuse": True}, "SourceUnavailableError"),
        ({"hang": True}, "SourceTimeoutError"),
    ],
)
async def test_sandbox_faults_become_typed_failures(sandbox: Sandbox, knobs: dict[str, object],
                                                    error_type: str) -> None:
    sandbox.set_fault("yahoo_shopping", **knobs)  # type: ignore[arg-type]
    started = time.monotonic()
    # Only Yahoo: title-searching sources wait for its description and would time out too.
    res = await afind_alternatives(JAN, sources=[*sandbox.sources(names=["yahoo_shopping"]),
                                                 Slow(0.0)],
                                   client=sandbox.client(), now=NOW, timeout=1.0)
    assert time.monotonic() - started < 2.5
    assert [(e.source, e.error_type) for e in res.errors] == [("yahoo_shopping", error_type)]
    assert [r.offer.source for r in res] == ["slow_test", "slow_test"]


async def test_rate_limited_then_recovers_honouring_retry_after(sandbox: Sandbox) -> None:
    sandbox.set_fault("yahoo_shopping", status=429, retry_after=0.2, times=1)
    started = time.monotonic()
    res = await afind_alternatives(JAN, sources=sandbox.sources(), client=sandbox.client(),
                                   now=NOW)
    assert res.errors == []
    assert len(res) > 0
    assert time.monotonic() - started >= 0.2
    assert res.sources[0].requests == 2


async def test_empty_answer_is_no_offers_not_an_error(sandbox: Sandbox) -> None:
    sandbox.set_fault("yahoo_shopping", empty=True)
    res = await afind_alternatives(JAN, sources=sandbox.sources(names=["yahoo_shopping"]),
                                   client=sandbox.client(), now=NOW)
    assert res.errors == []
    assert res.offers == []
    assert res.best is None


async def test_concurrent_lookups_share_the_rate_limit(sandbox: Sandbox) -> None:
    codes = ["4902370548495", "4902370547856", "4948872421560"]
    scaled = Sandbox(time_scale=10, clock=sandbox.clock)  # 0.1 s between requests
    started = time.monotonic()
    client = scaled.client()
    results = await asyncio.gather(*(afind_alternatives(c, sources=scaled.sources(),
                                                        client=client, now=NOW) for c in codes))
    elapsed = time.monotonic() - started
    assert all(r.errors == [] for r in results)  # no 429 from the sandbox
    assert elapsed >= 0.2 * 0.95  # three requests at 0.1 s spacing


def test_sync_api_inside_a_running_event_loop(sandbox: Sandbox) -> None:
    async def notebook_cell() -> Results:
        # Jupyter runs an event loop; the sync API must still work from inside it.
        return find_alternatives(JAN, sources=sandbox.sources(), client=sandbox.client(),
                                 now=NOW)

    res = asyncio.run(notebook_cell())
    assert res.best is not None


def test_sync_api_in_a_plain_script(sandbox: Sandbox) -> None:
    res = find_alternatives(JAN, sources=sandbox.sources(), client=sandbox.client(), now=NOW)
    assert res.product.title
    assert res.product.jan == JAN
    assert list(res) == res.offers
    assert len(res) == len(res.offers)


def test_results_outputs(sandbox: Sandbox) -> None:
    res = find_alternatives(JAN, sources=sandbox.sources(), client=sandbox.client(), now=NOW)
    frame = res.to_dataframe()
    assert list(frame.index) == list(range(1, len(res) + 1))
    assert frame.iloc[0]["effective_price"] == res.best.effective_price  # type: ignore[union-attr]
    html = res._repr_html_()
    assert html.startswith("<div>")
    assert "<table>" in html
    assert "yahoo_shopping" in html
    dumped = json.loads(res.model_dump_json())
    assert dumped["offers"][0]["explanation"].startswith("price")
    assert "raw" not in dumped["offers"][0]["offer"]
    assert "raw" not in repr(res.best)
    assert repr(res).startswith("Results(code='4902370548495'")


def test_excluded_offers_carry_reasons(sandbox: Sandbox) -> None:
    res = find_alternatives(JAN, sources=sandbox.sources(), client=sandbox.client(), now=NOW)
    reasons = {e.reason for e in res.excluded}
    assert {ExclusionReason.OUT_OF_STOCK, ExclusionReason.OTHER_PRODUCT} <= reasons
    assert all(e.detail for e in res.excluded)


def test_bad_input_is_a_clear_error() -> None:
    with pytest.raises(InvalidCodeError, match="check digit"):
        find_alternatives("4902370548494", sources=[Slow(0)])
    with pytest.raises(ConfigurationError, match="timeout"):
        find_alternatives(JAN, sources=[Slow(0)], timeout=0)
    with pytest.raises(ConfigurationError, match="unknown source"):
        find_alternatives(JAN, sources=["nope"])


def test_no_configured_source_says_how_to_configure(monkeypatch: pytest.MonkeyPatch) -> None:
    # With only credentialed marketplaces registered and none configured, there is
    # nothing to ask: the error names the variables to set.
    import altfinder.sources as registry
    from altfinder.sources import YahooShopping

    monkeypatch.delenv("ALTFINDER_YAHOO_CLIENT_ID", raising=False)
    monkeypatch.setattr(registry, "registered_sources", lambda: {"yahoo_shopping": YahooShopping})
    with pytest.raises(ConfigurationError, match="ALTFINDER_YAHOO_CLIENT_ID"):
        find_alternatives(JAN)


def test_credential_free_sources_are_searched_by_default(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    from altfinder.sources import default_sources, registered_sources

    for cls in registered_sources().values():
        for var in cls.credentials.values():
            monkeypatch.delenv(var, raising=False)
    chosen = {s.name for s in default_sources()}
    free = {n for n, c in registered_sources().items() if not c.requires_credentials()}
    assert chosen == free


def test_sources_by_name_come_from_the_environment(monkeypatch: pytest.MonkeyPatch,
                                                   sandbox: Sandbox) -> None:
    monkeypatch.setenv("ALTFINDER_YAHOO_CLIENT_ID", "sandbox-yahoo-client-id")
    res = find_alternatives(JAN, sources=["yahoo_shopping"], client=sandbox.client(), now=NOW)
    assert res.errors == []
    assert len(res) > 0


def test_naive_now_is_japan_time(sandbox: Sandbox) -> None:
    from datetime import datetime

    res = find_alternatives(JAN, sources=sandbox.sources(), client=sandbox.client(),
                            now=datetime(2026, 11, 26, 12, 0))
    assert res.searched_at == NOW


def test_product_describes_code_and_title(sandbox: Sandbox) -> None:
    res = find_alternatives("9784873115658", sources=sandbox.sources(), client=sandbox.client(),
                            now=NOW)
    assert res.product.isbn == "9784873115658"
    assert res.product.asin == "4873115655"
    assert res.product.title
    assert "リーダブルコード" in res.product.title
    assert Product(jan=JAN).merged(res.product).jan == JAN


def test_unknown_code_finds_nothing_without_error(sandbox: Sandbox) -> None:
    res = find_alternatives("4901234567894", sources=sandbox.sources(), client=sandbox.client(),
                            now=NOW)
    assert res.offers == []
    assert res.errors == []


async def test_client_is_not_closed_when_injected(sandbox: Sandbox) -> None:
    client = sandbox.client()
    await afind_alternatives(JAN, sources=sandbox.sources(), client=client, now=NOW)
    assert not client.is_closed
    await client.aclose()


def test_find_alternatives_creates_its_own_client_when_none_given() -> None:
    # A MockTransport-free check that the default client path works: the source fails
    # fast on a refused connection, reported, not raised.
    class Offline(Source):
        name = "offline_test"
        label = "offline"
        rate_limit = RateLimit(requests=100)

        async def search(self, ctx: SearchContext) -> None:
            await ctx.http.get("http://127.0.0.1:9/")  # discard port: refused

    res = find_alternatives(JAN, sources=[Offline()], timeout=5)
    assert [e.error_type for e in res.errors] == ["SourceUnavailableError"]


def test_httpx_client_type_is_respected() -> None:
    assert isinstance(Sandbox().client(), httpx.AsyncClient)


async def test_describers_waiting_on_each_other_are_released(sandbox: Sandbox) -> None:
    class NeedsJan(Source):
        label = "needs a JAN"
        describes_product = True

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name  # type: ignore[misc]

        async def search(self, ctx: SearchContext) -> None:
            product = await ctx.described_product(needs=("jan",))
            ctx.note(f"{self.name} released with jan={product.jan}")

    started = time.monotonic()
    res = await afind_alternatives("B0C1234567", sources=[NeedsJan("a"), NeedsJan("b")],
                                   client=sandbox.client(), now=NOW, timeout=5)
    assert time.monotonic() - started < 1
    assert res.errors == []
    assert sorted(res.notes) == ["a released with jan=None", "b released with jan=None"]


async def test_one_offer_per_listing_reported_by_two_sources(sandbox: Sandbox) -> None:
    class Reporter(Source):
        label = "reports one listing"

        def __init__(self, name: str, preference: int, **fields: object) -> None:
            super().__init__()
            self.name, self.listing_preference = name, preference  # type: ignore[misc]
            self.fields = fields

        async def search(self, ctx: SearchContext) -> None:
            ctx.add(Offer(source=self.name, title="Switch", url=f"https://{self.name}/1",
                          price=30000, jan=JAN, listing_key="shop|B0X|new|seller1",
                          **self.fields))  # type: ignore[arg-type]

    res = await afind_alternatives(
        JAN, now=NOW, client=sandbox.client(),
        sources=[Reporter("api", 20, points=300), Reporter("page", 10, shipping_fee=0)])
    [ranked] = res.offers
    assert ranked.offer.source == "page"
    assert (ranked.offer.points, ranked.offer.shipping_fee) == (300, 0)  # lent by the API
    [duplicate] = [e for e in res.excluded if e.reason is ExclusionReason.DUPLICATE]
    assert duplicate.offer.source == "api" and "page" in duplicate.detail


class Shops(Source):
    """A test shop: the product under its code, and a sibling under another JAN."""

    name = "shops_test"
    label = "shops test source"

    async def search(self, ctx: SearchContext) -> None:
        ctx.describe(Product(title="大神", brand="カプコン"))
        ctx.add(Offer(source=self.name, title="【PS2】大神 プレイステーション2 ソフト",
                      url="https://shops/1", price=3980, shipping_fee=0, jan=JAN))
        ctx.add(Offer(source=self.name, title="大神 絶景版 PS4 ソフト", url="https://shops/2",
                      price=2980, shipping_fee=0, jan="4976219000000"))


class Flea(Source):
    """A test flea market: titles only."""

    name = "flea_test"
    label = "flea test source"

    async def search(self, ctx: SearchContext) -> None:
        for n, title in enumerate(("大神 絶景版 PS3 中古", "PS2 大神 動作確認済み")):
            ctx.add(Offer(source=self.name, title=title, url=f"https://flea/{n}", price=1500,
                          shipping_fee=0, identity=Identity.TITLE))


async def test_the_shops_titles_teach_the_matcher_the_products_family(
        sandbox: Sandbox) -> None:
    res = await afind_alternatives(JAN, sources=[Shops(), Flea()], client=sandbox.client(),
                                   now=NOW)
    kept = {r.offer.title for r in res if r.offer.source == "flea_test"}
    assert kept == {"PS2 大神 動作確認済み"}
    sibling = next(e for e in res.excluded if e.offer.title == "大神 絶景版 PS3 中古")
    assert sibling.reason is ExclusionReason.OTHER_PRODUCT
    assert "大神 絶景版 PS4 ソフト" in sibling.detail
