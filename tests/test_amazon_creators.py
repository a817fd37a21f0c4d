"""Amazon Creators API: token, requests, offers, errors, code resolution, conformance."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from altfinder import (
    AuthenticationError,
    Condition,
    ConfigurationError,
    ExclusionReason,
    Identity,
    ParseError,
    afind_alternatives,
)
from altfinder.sandbox import Sandbox
from altfinder.sources import AmazonCreators
from altfinder.sources.amazon_creators import (
    API_HOST,
    GET_ITEMS_PATH,
    SEARCH_ITEMS_PATH,
    item_offers,
    parse_get_items,
    parse_search_items,
)
from altfinder.sources.amazon_creators import _oauth as module
from tests.conftest import FIXTURES, NOW, shared_samples

TOKEN_URL = "https://api.amazon.co.jp/auth/o2/token"
CREDENTIAL_ID = "amzn1.application-oa2-client.FIXTURE0000000000000000000000001"
CREDENTIAL_SECRET = "amzn1.oa2-cs.v1.FIXTUREsecret0123456789abcdef"
PARTNER_TAG = "fixture-22"
JAN = "4902370548495"
ASIN = "B098RKWHHZ"


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / "amazon_creators" / name).read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def fresh_tokens() -> Iterator[None]:
    module._tokens.clear()
    yield
    module._tokens.clear()


class FakeApi:
    """Answers the token endpoint and the catalog from fixtures, recording every request."""

    def __init__(self, routes: dict[str, Callable[[httpx.Request], httpx.Response]]) -> None:
        self.routes = routes
        self.seen: list[httpx.Request] = []
        self.tokens = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        if request.url.path.endswith("/token"):
            if "token" in self.routes:
                return self.routes["token"](request)
            self.tokens += 1
            return httpx.Response(200, json=fixture("token.json"))
        path = request.url.path
        return self.routes[path](request)

    def api_requests(self) -> list[httpx.Request]:
        return [r for r in self.seen if r.url.host == "creatorsapi.amazon"]


def answer(name: str, status: int = 200) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(status, json=fixture(name))


def source(**options: Any) -> AmazonCreators:
    return AmazonCreators(credential_id=CREDENTIAL_ID, credential_secret=CREDENTIAL_SECRET,
                          partner_tag=PARTNER_TAG,
                          rate_limit=AmazonCreators.rate_limit.scaled(100), **options)


async def run(api: FakeApi, code: str = ASIN, *, src: AmazonCreators | None = None,
              timeout: float = 5):
    async with httpx.AsyncClient(transport=httpx.MockTransport(api)) as client:
        return await afind_alternatives(code, sources=[src or source()], client=client,
                                        now=NOW, timeout=timeout)


# -- the wire ---------------------------------------------------------------------------------
async def test_token_and_get_items_requests_follow_the_contract() -> None:
    api = FakeApi({GET_ITEMS_PATH: answer("get_items_switch.json")})
    await run(api)
    token, call = api.seen
    assert str(token.url) == TOKEN_URL and token.method == "POST"
    assert token.headers["content-type"].startswith("application/json")
    assert json.loads(token.content) == {
        "grant_type": "client_credentials", "client_id": CREDENTIAL_ID,
        "client_secret": CREDENTIAL_SECRET, "scope": "creatorsapi::default"}
    assert str(call.url) == API_HOST + GET_ITEMS_PATH and call.method == "POST"
    assert call.headers["authorization"] == "Bearer " + fixture("token.json")["access_token"]
    assert call.headers["x-marketplace"] == "www.amazon.co.jp"
    body = json.loads(call.content)
    assert body["partnerTag"] == PARTNER_TAG
    assert body["itemIds"] == [ASIN]
    assert body["condition"] == "Any"
    assert {"itemInfo.externalIds", "itemInfo.title", "offersV2.listings.price",
            "offersV2.listings.merchantInfo", "offersV2.listings.loyaltyPoints",
            "offersV2.listings.condition", "offersV2.listings.availability",
            "offersV2.listings.dealDetails", "offersV2.listings.isBuyBoxWinner"} <= set(
                body["resources"])


async def test_legacy_cognito_credentials_use_their_flow() -> None:
    api = FakeApi({GET_ITEMS_PATH: answer("get_items_switch.json")})
    await run(api, src=source(credential_version="2.3"))
    token, call = api.seen
    assert token.url.host == "creatorsapi.auth.us-west-2.amazoncognito.com"
    assert token.headers["content-type"] == "application/x-www-form-urlencoded"
    assert dict(httpx.QueryParams(token.content.decode()))["scope"] == "creatorsapi/default"
    assert call.headers["authorization"].endswith(", Version 2.3")


def test_configuration_errors() -> None:
    with pytest.raises(ConfigurationError, match="credential_version"):
        source(credential_version="9.1")
    with pytest.raises(ConfigurationError, match="token_url"):
        source(credential_version="3.9")
    assert source(credential_version="3.9", token_url="https://auth.example/token").token_url
    with pytest.raises(ConfigurationError, match="ALTFINDER_AMAZON_PARTNER_TAG"):
        AmazonCreators(credential_id="a1b2c3", credential_secret="s3cr3t", partner_tag="")


async def test_the_token_is_cached_per_credential_across_lookups() -> None:
    api = FakeApi({GET_ITEMS_PATH: answer("get_items_switch.json")})
    await run(api)
    await run(api, src=source())  # another instance, same credentials
    assert api.tokens == 1 and len(api.api_requests()) == 2
    other = AmazonCreators(credential_id=CREDENTIAL_ID + "2", credential_secret=CREDENTIAL_SECRET,
                           partner_tag=PARTNER_TAG)
    await run(api, src=other)
    assert api.tokens == 2


async def test_a_refused_token_is_replaced_once() -> None:
    calls: list[int] = []

    def get_items(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) == 1:
            return httpx.Response(401, json=fixture("error_401_expired.json"))
        return httpx.Response(200, json=fixture("get_items_switch.json"))

    api = FakeApi({GET_ITEMS_PATH: get_items})
    res = await run(api)
    assert res.errors == [] and api.tokens == 2 and len(calls) == 2

    module._tokens.clear()
    api = FakeApi({GET_ITEMS_PATH: answer("error_401_expired.json", 401)})
    res = await run(api)
    assert res.errors[0].error_type == "AuthenticationError"
    assert api.tokens == 2  # one retry with a new token, then a clear failure


async def test_credentials_and_tokens_never_leak(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    token = fixture("token.json")["access_token"]
    for status, name in [(200, "get_items_switch.json"), (403, "error_403_not_eligible.json"),
                         (400, "error_400_partner_tag.json")]:
        module._tokens.clear()
        api = FakeApi({GET_ITEMS_PATH: answer(name, status)})
        res = await run(api)
        shown = res.model_dump_json() + repr(res) + res._repr_html_()
        for secret in (CREDENTIAL_SECRET, CREDENTIAL_ID, token, PARTNER_TAG):
            assert secret not in caplog.text
            assert secret not in shown
    assert repr(source()) == ("AmazonCreators(credential_id=***, credential_secret=***, "
                              "partner_tag=***)")


# -- offers ----------------------------------------------------------------------------------
async def test_asin_offers_outlet_and_points() -> None:
    api = FakeApi({GET_ITEMS_PATH: answer("get_items_switch.json")})
    res = await run(api)
    assert res.errors == []
    by_seller = {r.offer.seller.name: r.offer for r in res}  # type: ignore[union-attr]
    amazon = by_seller["Amazon.co.jp"]
    assert (amazon.price, amazon.points, amazon.condition) == (37980, 380, Condition.NEW)
    assert amazon.condition_label == "新品" and amazon.fulfilled_by_marketplace
    assert amazon.shipping_fee is None  # OffersV2 has no delivery information
    assert amazon.url == "https://www.amazon.co.jp/dp/B098RKWHHZ?th=1&psc=1"  # tag stripped
    outlet = by_seller["Amazonアウトレット"]
    assert outlet.outlet and outlet.condition is Condition.LIKE_NEW
    assert outlet.condition_label == "中古品 - ほぼ新品"
    assert outlet.seller.rating is None and outlet.seller.rating_count is None  # type: ignore[union-attr]
    assert all(o.identity is Identity.CODE and o.asin == ASIN for o in by_seller.values())


async def test_asin_resolves_to_its_jan_title_and_brand() -> None:
    api = FakeApi({GET_ITEMS_PATH: answer("get_items_switch.json")})
    res = await run(api)
    assert (res.product.jan, res.product.asin) == (JAN, ASIN)
    assert res.product.brand == "任天堂" and res.product.model_number == "HEG-S-KAAAA"
    assert res.product.title == "Nintendo Switch（有機ELモデル） Joy-Con(L)/(R) ホワイト"


def test_conditions_lead_times_stock_prime_deals_and_currency() -> None:
    page = parse_get_items(fixture("get_items_conditions.json"))
    assert page.errors == [("ItemNotAccessible",
                            "The ItemId B0ALTFGONE is not accessible through the Creators API.")]
    iphone, zelda, kindle = page.items
    assert iphone.jan == "4549995846607"  # the Japanese EAN of the two
    offers, excluded, problems = item_offers(iphone, now=NOW)
    assert problems == []
    renewed, used = offers
    assert renewed.condition is Condition.REFURBISHED and renewed.condition_label == "再生品"
    assert (renewed.points, renewed.list_price) == (998, 124800)
    assert used.condition is Condition.ACCEPTABLE and used.lead_time_days == 21
    [(gone, reason, detail)] = excluded
    assert reason is ExclusionReason.OUT_OF_STOCK and not gone.in_stock
    assert "OUT_OF_STOCK" in detail

    offers, excluded, problems = item_offers(zelda, now=NOW)
    assert [(o.condition, o.condition_label) for o in offers] == [
        (Condition.VERY_GOOD, "コレクター商品 - 非常に良い")]
    assert problems == ["B09X1WY7ZB listing 2: price in USD, not yen"]

    offers, excluded, _ = item_offers(kindle, now=NOW)
    assert offers == [] and excluded[0][1] is ExclusionReason.POLICY
    assert "prime_member=True" in excluded[0][2]
    offers, excluded, _ = item_offers(kindle, now=NOW, prime_member=True)
    assert [o.price for o in offers] == [24980] and offers[0].list_price == 29980


async def test_per_item_errors_are_notes() -> None:
    api = FakeApi({GET_ITEMS_PATH: answer("get_items_conditions.json")})
    res = await run(api, code="B0CHX2MMKD")
    assert res.errors == []
    assert any("ItemNotAccessible" in n and "B0ALTFGONE" in n for n in res.notes)
    assert {r.offer.condition for r in res} == {Condition.REFURBISHED, Condition.ACCEPTABLE}


# -- JAN → ASINs -----------------------------------------------------------------------------
async def test_jan_keeps_every_asin_that_carries_it_and_drops_look_alikes() -> None:
    api = FakeApi({SEARCH_ITEMS_PATH: answer("search_items_jan.json")})
    res = await run(api, code=JAN)
    call = api.api_requests()[0]
    body = json.loads(call.content)
    assert body["keywords"] == JAN and body["searchIndex"] == "All"
    assert body["itemCount"] == 10 and body["itemPage"] == 1
    assert "itemInfo.externalIds" in body["resources"]
    assert len(api.api_requests()) == 1  # 4 of 4 results: no second page
    assert res.product.asins == ("B098RKWHHZ", "B0ALTFSW02")
    assert res.product.title == "Nintendo Switch（有機ELモデル） Joy-Con(L)/(R) ホワイト"
    assert sorted(r.offer.asin for r in res) == ["B098RKWHHZ", "B0ALTFSW02"]  # type: ignore[type-var]
    assert all(r.offer.jan == JAN and r.offer.identity is Identity.CODE for r in res)
    dropped = {e.offer.asin: e for e in res.excluded}
    assert dropped["B0ALTFCS01"].reason is ExclusionReason.OTHER_PRODUCT
    assert "4589765432104" in dropped["B0ALTFCS01"].detail
    assert dropped["B0ALTFFL01"].reason is ExclusionReason.UNVERIFIED


async def test_jan_nobody_carries_is_a_note() -> None:
    api = FakeApi({SEARCH_ITEMS_PATH: answer("error_404_no_results.json", 404)})
    res = await run(api, code=JAN)
    assert res.errors == [] and res.offers == []
    assert any(f"no Amazon.co.jp item carries JAN {JAN}" in n for n in res.notes)


# -- errors ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("status", "name", "error_type", "words"), [
    (403, "error_403_not_eligible.json", "AuthenticationError", "10 qualifying"),
    (429, "error_429_throttle.json", "RateLimitedError", "Throttle"),
    (400, "error_400_partner_tag.json", "AuthenticationError", "partner tag"),
    (500, "error_500.json", "SourceUnavailableError", "InternalServerException"),
])
async def test_documented_errors_are_typed(status: int, name: str, error_type: str,
                                           words: str) -> None:
    api = FakeApi({GET_ITEMS_PATH: answer(name, status)})
    res = await run(api, timeout=3)
    [failure] = res.errors
    assert (failure.source, failure.error_type) == ("amazon_creators", error_type)
    assert words in failure.message


async def test_refused_credentials_at_the_token_endpoint() -> None:
    api = FakeApi({"token": answer("token_invalid_client.json", 401),
                   GET_ITEMS_PATH: answer("get_items_switch.json")})
    res = await run(api)
    [failure] = res.errors
    assert failure.error_type == "AuthenticationError"
    assert "invalid_client" in failure.message and "3.3" in failure.message
    assert api.api_requests() == []


def test_check_response_maps_not_eligible() -> None:
    request = httpx.Request("POST", API_HOST + GET_ITEMS_PATH)
    with pytest.raises(AuthenticationError, match="10 qualifying"):
        source().check_response(httpx.Response(403, json=fixture("error_403_not_eligible.json"),
                                               request=request))


def test_wrong_shapes_are_parse_errors() -> None:
    with pytest.raises(ParseError):
        parse_get_items({"data": {"results": "moved"}})
    with pytest.raises(ParseError):
        parse_search_items([1, 2])


# -- both Amazon sources together ------------------------------------------------------------
async def test_sandbox_asin_reaches_yahoo_and_rakuten_through_its_jan(sandbox: Sandbox) -> None:
    res = await afind_alternatives(ASIN, sources=sandbox.sources(), client=sandbox.client(),
                                   now=NOW)
    assert res.errors == []
    assert (res.product.jan, res.product.asin) == (JAN, ASIN)
    yahoo = [req for name, req in sandbox.requests if name == "yahoo_shopping"]
    # the JAN search, then the search by name for the siblings
    assert yahoo and yahoo[0].query.get("jan_code") == JAN
    assert all(req.query.get("jan_code") == JAN or "query" in req.query for req in yahoo)
    rakuten = [req for name, req in sandbox.requests if name == "rakuten"]
    assert any(req.query.get("keyword") == JAN for req in rakuten)  # its JAN search
    sources = {r.offer.source for r in res}
    assert {"yahoo_shopping", "rakuten", "amazon"} <= sources
    # One listing, one offer: the API's copies of what the offers page lists are excluded.
    duplicates = [e for e in res.excluded if e.reason is ExclusionReason.DUPLICATE]
    assert {e.offer.source for e in duplicates} == {"amazon_creators"}
    amazon_new = next(r.offer for r in res if r.offer.source == "amazon"
                      and r.offer.seller and r.offer.seller.name == "Amazon.co.jp")
    assert amazon_new.points == 380


async def test_sandbox_jan_reaches_amazon_offers_without_look_alikes(sandbox: Sandbox) -> None:
    res = await afind_alternatives(JAN, sources=sandbox.sources(), client=sandbox.client(),
                                   now=NOW)
    assert res.errors == []
    assert res.product.asins == ("B098RKWHHZ", "B0ALTFSW02")
    asked = [req.query.get("asin") for name, req in sandbox.requests if name == "amazon"]
    assert sorted(set(asked)) == ["B098RKWHHZ", "B0ALTFSW02"]
    amazon = [r.offer for r in res if r.offer.source == "amazon"]
    assert {o.asin for o in amazon} == {"B098RKWHHZ", "B0ALTFSW02"}
    assert all(o.identity is Identity.CODE_SEARCH for o in amazon)
    look_alikes = {e.offer.asin for e in res.excluded
                   if e.reason in (ExclusionReason.OTHER_PRODUCT, ExclusionReason.UNVERIFIED)
                   and e.offer.source == "amazon_creators"}
    assert look_alikes == {"B0ALTFCS01", "B0ALTFFL01"}


async def test_sandbox_not_eligible_account(sandbox: Sandbox) -> None:
    sandbox.service("amazon_creators").ineligible.add(  # type: ignore[attr-defined]
        sandbox.credentials("amazon_creators")["credential_id"])
    res = await afind_alternatives(JAN, sources=sandbox.sources(), client=sandbox.client(),
                                   now=NOW)
    [failure] = res.errors
    assert failure.source == "amazon_creators" and "10 qualifying" in failure.message
    # the offers page cannot be reached from a JAN: said, not guessed
    assert not any(r.offer.source == "amazon" for r in res)


async def test_sandbox_rate_limit_is_a_typed_failure(sandbox: Sandbox) -> None:
    sandbox.set_fault("amazon_creators", status=429, retry_after=0)
    res = await afind_alternatives(ASIN, sources=sandbox.sources(["amazon_creators"]),
                                   client=sandbox.client(), now=NOW, timeout=2)
    assert [e.error_type for e in res.errors] == ["RateLimitedError"]


@pytest.mark.parametrize(("knobs", "error_type"), [
    ({"status": 500}, "SourceUnavailableError"),
    ({"status": 403}, "AuthenticationError"),
    ({"malformed": True}, "ParseError"),
    ({"unexpected_schema": True}, "ParseError"),
    ({"refuse": True}, "SourceUnavailableError"),
])
async def test_sandbox_faults_are_typed(sandbox: Sandbox, knobs: dict[str, object],
                                        error_type: str) -> None:
    sandbox.set_fault("amazon_creators", **knobs)  # type: ignore[arg-type]
    res = await afind_alternatives(JAN, sources=sandbox.sources(), client=sandbox.client(),
                                   now=NOW, timeout=2)
    assert [(e.source, e.error_type) for e in res.errors] == [("amazon_creators", error_type)]
    assert any(r.offer.source == "yahoo_shopping" for r in res)  # the others still answer


# -- conformance ---------------------------------------------------------------------------------
@pytest.mark.samples
def test_conformance_creators_jp_samples() -> None:
    paths = {p.name: p for p in shared_samples("amazon_creatorsapi_jp_*.json")}
    with_deal = parse_get_items(json.loads(
        paths["amazon_creatorsapi_jp_getItems-with-discount.json"].read_text("utf-8")))
    [item] = with_deal.items
    [offer], _, _ = item_offers(item, now=NOW)
    assert (offer.price, offer.points, offer.list_price) == (3490, 35, 4990)
    assert offer.condition is Condition.NEW and offer.shipping_fee is None
    assert "tag=" not in offer.url
    none = parse_get_items(json.loads(
        paths["amazon_creatorsapi_jp_getItems-no-offers.json"].read_text("utf-8")))
    assert not none.items[0].has_offers
    search = parse_search_items(json.loads(
        paths["amazon_creatorsapi_jp_searchItems-basic.json"].read_text("utf-8")))
    assert search.total == 3 and [i.asin for i in search.items] == [
        "B0CQX67KTW", "B0DNM2P7GK", "B0CQX1MBCK"]
    # The sample asked for no externalIds: no item carries a code, so none may be kept.
    assert not any(i.carries("4902370548495") for i in search.items)


def _camel(key: str) -> str:
    if key.isupper() or (key.endswith("s") and key[:-1].isupper()):
        return key.lower()
    return key[0].lower() + key[1:]


def _lower_camel(value: Any) -> Any:
    if isinstance(value, dict):
        return {_camel(k): _lower_camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lower_camel(v) for v in value]
    return value


@pytest.mark.samples
def test_conformance_paapi5_samples() -> None:
    """PA-API 5 (retired 2026-05-15) answered the same data model in PascalCase.

    Its samples are the only real evidence of ``externalIds`` as Amazon fills them (several
    EANs per ASIN, UPCs, ISBNs, items with none). So: the PascalCase body itself must be
    refused (the adapter speaks only the Creators API), and the same body in Creators
    spelling must match JANs exactly as the JAN → ASIN step needs. Its v1 ``Offers`` must
    not be read as ``offersV2``.
    """
    paths = {p.name: p for p in shared_samples("amazon_paapi_*.json")}
    multi = json.loads(paths["amazon_paapi_au_searchitems_ean_multi.json"].read_text("utf-8"))
    with pytest.raises(ParseError):
        parse_search_items(multi)
    page = parse_search_items(_lower_camel(multi))
    carrying = [i.asin for i in page.items if i.carries("0889698264679")]
    assert carrying == ["B079PQ7T6B"]  # one EAN of two on that item; others are look-alikes
    assert [i.asin for i in page.items if i.carries("0889698357999")] == ["B07HBBC1M5"]
    assert sum(1 for i in page.items if not i.codes) >= 2  # items with no external ids
    assert not any(i.has_offers for i in page.items)  # v1 Offers are not offersV2

    isbn = parse_search_items(_lower_camel(json.loads(
        paths["amazon_paapi_au_searchitems_isbn_summaries.json"].read_text("utf-8"))))
    assert isbn.items[0].carries("9781473619814") and isbn.items[0].jan == "9781473619814"

    for name in ("amazon_paapi_au_getitems_offers_v1.json",
                 "amazon_paapi_us_getitems_offers_v1_full.json"):
        body = json.loads(paths[name].read_text("utf-8"))
        with pytest.raises(ParseError):
            parse_get_items(body)
        [item] = parse_get_items(_lower_camel(body)).items
        assert item.codes and item.title and not item.has_offers


async def test_concurrent_lookups_fetch_one_token() -> None:
    import asyncio

    api = FakeApi({GET_ITEMS_PATH: answer("get_items_switch.json")})
    src = source()
    async with httpx.AsyncClient(transport=httpx.MockTransport(api)) as client:
        results = await asyncio.gather(*(
            afind_alternatives(ASIN, sources=[src], client=client, now=NOW) for _ in range(5)))
    assert all(r.errors == [] for r in results)
    assert api.tokens == 1 and len(api.api_requests()) == 5


@pytest.mark.parametrize("code", [JAN, ASIN])
def test_demo_shows_amazon_offers_for_both_kinds_of_input(
        code: str, capsys: pytest.CaptureFixture[str]) -> None:
    from altfinder.cli import main

    assert main(["demo", code, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    sources = {ranked["offer"]["source"] for ranked in data["offers"]}
    assert {"amazon", "yahoo_shopping"} <= sources
    assert data["product"]["jan"] == JAN
    assert ASIN in (data["product"]["asins"] or [data["product"]["asin"]])
    assert data["errors"] == []
