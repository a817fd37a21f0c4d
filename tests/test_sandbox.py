"""The sandbox: protocol fidelity, rate limits, fault knobs, loopback server."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from stdnum import ean

from altfinder import find_alternatives
from altfinder.sandbox import PRODUCTS, Fault, LoopbackTransport, Sandbox
from altfinder.sandbox.listings.yahoo_shopping import yahoo_listings
from tests.conftest import NOW

YAHOO = "https://shopping.yahooapis.jp/ShoppingWebService/V3/itemSearch"


def test_catalogue_has_enough_valid_products() -> None:
    assert len(PRODUCTS) >= 20
    assert all(ean.is_valid(p.jan) for p in PRODUCTS)
    assert {p.category for p in PRODUCTS} >= {"electronics", "games", "books", "cosmetics",
                                               "household"}
    per_product: dict[str, int] = {}
    for listing in yahoo_listings():
        per_product[listing.indexed_jan] = per_product.get(listing.indexed_jan, 0) + 1
        assert listing.jan_code == "" or ean.is_valid(listing.jan_code)
    assert all(per_product.get(p.jan, 0) >= 3 for p in PRODUCTS)


async def test_yahoo_protocol_errors(sandbox: Sandbox) -> None:
    async with sandbox.client() as client:
        missing = await client.get(YAHOO, params={"jan_code": "4902370548495"})
        assert missing.status_code == 400 and "Error" in missing.json()
        wrong = await client.get(YAHOO, params={"appid": "nope", "jan_code": "4902370548495"})
        assert wrong.status_code == 403
        assert wrong.json() == {"Error": {"Message": "Your Request was Forbidden"}}
        appid = sandbox.credentials("yahoo_shopping")["client_id"]
        await asyncio.sleep(0.06)
        too_far = await client.get(YAHOO, params={"appid": appid, "jan_code": "4902370548495",
                                                  "start": 990, "results": 20})
        assert too_far.status_code == 400


async def test_yahoo_rate_limit_is_enforced_per_client_id() -> None:
    sandbox = Sandbox()
    appid = sandbox.credentials("yahoo_shopping")["client_id"]
    params = {"appid": appid, "jan_code": "4902370548495"}
    async with sandbox.client() as client:
        first = await client.get(YAHOO, params=params)
        second = await client.get(YAHOO, params=params)
    assert first.status_code == 200 and second.status_code == 429


async def test_fault_times_applies_to_the_next_requests_only(sandbox: Sandbox) -> None:
    sandbox.set_fault("yahoo_shopping", Fault(status=500, times=1))
    appid = sandbox.credentials("yahoo_shopping")["client_id"]
    async with sandbox.client() as client:
        first = await client.get(YAHOO, params={"appid": appid, "jan_code": "4902370548495"})
        await asyncio.sleep(0.06)
        second = await client.get(YAHOO, params={"appid": appid, "jan_code": "4902370548495"})
    assert (first.status_code, second.status_code) == (500, 200)
    assert sandbox.fault("yahoo_shopping") is None


def test_unknown_marketplace_is_refused() -> None:
    with pytest.raises(KeyError):
        Sandbox().set_fault("nope", status=500)


def test_loopback_server_end_to_end() -> None:
    sandbox = Sandbox(time_scale=20, clock=lambda: NOW.timestamp())
    with sandbox.serve() as server:
        health = httpx.get(server.url + "/_sandbox/health").json()
        assert health["ok"] and "yahoo_shopping" in health["services"]
        creds = httpx.get(server.url + "/_sandbox/credentials").json()
        appid = creds["yahoo_shopping"]["client_id"]
        by_host = httpx.get(server.url + "/ShoppingWebService/V3/itemSearch",
                            params={"appid": appid, "jan_code": "4902370548495"},
                            headers={"Host": "shopping.yahooapis.jp"})
        assert by_host.status_code == 200 and by_host.json()["totalResultsAvailable"] >= 5
        import time

        time.sleep(0.06)
        by_path = httpx.get(server.url + "/shopping.yahooapis.jp/ShoppingWebService/V3/itemSearch",
                            params={"appid": appid, "jan_code": "4902370548495"})
        assert by_path.json() == by_host.json()

        res = find_alternatives("4902370548495", sources=sandbox.sources(),
                                client=server.client(), now=NOW)
        assert res.errors == [] and res.best is not None
        yahoo = [r for r in res if r.offer.source == "yahoo_shopping"]
        assert yahoo and yahoo[0].offer.url.startswith("https://store.shopping.yahoo.co.jp/")

        fault = httpx.post(server.url + "/_sandbox/faults/yahoo_shopping",
                           content=json.dumps({"status": 503}))
        assert fault.json() == {"ok": True}
        res = find_alternatives("4902370548495", sources=sandbox.sources(),
                                client=server.client(), now=NOW, timeout=2)
        assert res.errors[0].error_type == "SourceUnavailableError"
        httpx.delete(server.url + "/_sandbox/faults")
        sandbox.set_fault("yahoo_shopping", refuse=True)
        res = find_alternatives("4902370548495", sources=sandbox.sources(),
                                client=server.client(), now=NOW, timeout=2)
        assert res.errors[0].error_type == "SourceUnavailableError"


async def test_loopback_transport_keeps_the_production_url() -> None:
    sandbox = Sandbox()
    with sandbox.serve() as server:
        async with httpx.AsyncClient(transport=LoopbackTransport(server.url)) as client:
            response = await client.get(YAHOO, params={"appid": "x", "jan_code": "1"})
    assert str(response.url).startswith(YAHOO)
    assert response.status_code == 403
    [(name, request)] = list(sandbox.requests)
    assert name == "yahoo_shopping" and request.host == "shopping.yahooapis.jp"


def test_sale_windows_follow_the_sandbox_clock() -> None:
    from datetime import datetime

    from altfinder.models import JST

    after = datetime(2026, 12, 5, tzinfo=JST)
    sandbox = Sandbox(time_scale=20, clock=after.timestamp)
    res = find_alternatives("4902370548495", sources=sandbox.sources(), client=sandbox.client(),
                            now=after)
    sale = next(r for r in res if r.offer.item_id == "denki-mirai_sw-oled-sale")
    assert sale.offer.price == 37980
