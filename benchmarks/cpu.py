"""CPU: parse + match + rank time per 1,000 offers, and selectolax against BeautifulSoup.

1. Every demo product is searched once against the sandbox while a transport records the
   answers; then the same searches are replayed from memory (no sandbox, no pacing), so
   the CPU time measured is altfinder's own: HTTP client, parsing, identity checks, title
   matching and ranking. Reported per 1,000 offers (ranked and excluded).
2. The HTML marketplaces are parsed with selectolax (Lexbor). The same fields are pulled
   from the same pages with an equivalent BeautifulSoup walk (its ``html.parser``, the
   one that needs no extra dependency), and the script prints the ratio.

    python benchmarks/cpu.py
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import httpx
from _common import machine, parser, report

from altfinder import find_alternatives
from altfinder.sandbox import PRODUCTS, Sandbox


def _key(request: httpx.Request) -> str:
    body = request.content.decode("utf-8", "replace") if request.content else ""
    if body.startswith("{"):
        data = json.loads(body)
        data.pop("searchSessionId", None)  # Mercari's per-request noise
        body = json.dumps(data, sort_keys=True)
    return f"{request.method} {request.url} {body}"


def record_and_replay(rounds: int) -> tuple[float, int, int]:
    sandbox = Sandbox(time_scale=10_000)
    answers: dict[str, httpx.Response] = {}
    inner = sandbox.transport()

    class Recorder(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            response = await inner.handle_async_request(request)
            body = await response.aread()
            answers[_key(request)] = httpx.Response(response.status_code,
                                                    headers=response.headers, content=body)
            return response

    sources = sandbox.sources()
    codes = [p.jan for p in PRODUCTS]
    for code in codes:
        find_alternatives(code, sources=sources, client=httpx.AsyncClient(transport=Recorder()))

    def replay(request: httpx.Request) -> httpx.Response:
        kept = answers[_key(request)]
        return httpx.Response(kept.status_code, headers=kept.headers, content=kept.content)

    client = httpx.AsyncClient(transport=httpx.MockTransport(replay))
    offers = 0
    started = time.process_time()
    for _ in range(rounds):
        for code in codes:
            res = find_alternatives(code, sources=sources, client=client)
            offers += len(res.offers) + len(res.excluded)
    return time.process_time() - started, offers, len(answers)


# -- selectolax against BeautifulSoup on the same pages ------------------------------
def _auction_fields_selectolax(html: str) -> list[dict[str, Any]]:
    from selectolax.lexbor import LexborHTMLParser

    out = []
    for card in LexborHTMLParser(html).css("li.Product"):
        attrs: dict[str, Any] = {}
        for node in (card, *card.css("[data-auction-id]")):
            attrs.update({k: v for k, v in node.attributes.items()
                          if k.startswith("data-auction-")})
        title = card.css_first("a.Product__titleLink")
        prices = [(b.css_first(".Product__label"), b.css_first(".Product__priceValue"))
                  for b in card.css(".Product__price")]
        postage = card.css_first(".Product__postage")
        out.append({"attrs": attrs, "title": title.text(strip=True) if title else "",
                    "prices": [(a.text(strip=True) if a else "", v.text(strip=True) if v else "")
                               for a, v in prices],
                    "postage": postage.text(strip=True) if postage else ""})
    return out


def _auction_fields_bs4(html: str) -> list[dict[str, Any]]:
    from bs4 import BeautifulSoup

    out = []
    for card in BeautifulSoup(html, "html.parser").select("li.Product"):
        attrs: dict[str, Any] = {}
        for node in (card, *card.select("[data-auction-id]")):
            attrs.update({k: v for k, v in node.attrs.items() if k.startswith("data-auction-")})
        title = card.select_one("a.Product__titleLink")
        prices = [(b.select_one(".Product__label"), b.select_one(".Product__priceValue"))
                  for b in card.select(".Product__price")]
        postage = card.select_one(".Product__postage")
        out.append({"attrs": attrs, "title": title.get_text(strip=True) if title else "",
                    "prices": [(a.get_text(strip=True) if a else "",
                                v.get_text(strip=True) if v else "") for a, v in prices],
                    "postage": postage.get_text(strip=True) if postage else ""})
    return out


_AOD_BLOCKS = "#aod-pinned-offer, #aod-offer"
_AOD_FIELDS = {
    "heading": "#aod-offer-heading",
    "price": ".a-price .a-offscreen",
    "ships_from": "#aod-offer-shipsFrom .a-col-right",
    "sold_by": "#aod-offer-soldBy .a-col-right",
    "rating": "#aod-offer-seller-rating",
    "availability": "#aod-offer-availability",
}


def _aod_fields_selectolax(html: str) -> list[dict[str, Any]]:
    from selectolax.lexbor import LexborHTMLParser

    out = []
    for block in LexborHTMLParser(html).css(_AOD_BLOCKS):
        row: dict[str, Any] = {}
        for field, selector in _AOD_FIELDS.items():
            node = block.css_first(selector)
            row[field] = " ".join(node.text().split()) if node is not None else ""
        link = block.css_first("#aod-offer-soldBy a")
        row["seller_link"] = link.attributes.get("href") if link is not None else None
        out.append(row)
    return out


def _aod_fields_bs4(html: str) -> list[dict[str, Any]]:
    from bs4 import BeautifulSoup

    out = []
    for block in BeautifulSoup(html, "html.parser").select(_AOD_BLOCKS):
        row: dict[str, Any] = {}
        for field, selector in _AOD_FIELDS.items():
            node = block.select_one(selector)
            row[field] = " ".join(node.get_text().split()) if node is not None else ""
        link = block.select_one("#aod-offer-soldBy a")
        row["seller_link"] = link.get("href") if link is not None else None
        out.append(row)
    return out


def _page(url: str, params: dict[str, str], headers: dict[str, str] | None = None) -> str:
    sandbox = Sandbox(time_scale=10_000)

    async def fetch() -> str:
        async with sandbox.client(headers=headers) as client:
            return (await client.get(url, params=params)).text

    import asyncio

    return asyncio.run(fetch())


def compare(name: str, html: str, fast: Callable[[str], list[dict[str, Any]]],
            slow: Callable[[str], list[dict[str, Any]]], repeat: int) -> float:
    assert fast(html) == slow(html), f"{name}: the two walks disagree"
    timings = []
    for walk in (fast, slow):
        started = time.perf_counter()
        for _ in range(repeat):
            walk(html)
        timings.append((time.perf_counter() - started) / repeat)
    cards = len(fast(html))
    print(f"  {name}: {cards} cards, {len(html) // 1024} KiB; selectolax "
          f"{timings[0] * 1000:.2f} ms, BeautifulSoup {timings[1] * 1000:.2f} ms")
    return timings[1] / timings[0]


def main() -> None:
    args = parser(__doc__ or "").parse_args()
    rounds, repeat = (1, 5) if args.smoke else (5, 50)
    print(f"cpu on {machine()}")
    seconds, offers, answers = record_and_replay(rounds)
    print(f"  replayed {answers} recorded answers x{rounds}: {offers} offers in "
          f"{seconds:.2f} s of CPU")
    report("parse+match+rank, ms of CPU per 1,000 offers", seconds / offers * 1_000_000,
           "as low as it goes")
    auction_page = _page("https://auctions.yahoo.co.jp/search/search",
                         {"p": "Nintendo Switch 有機ELモデル", "n": "100"})
    ratio = compare("Yahoo!オークション search page", auction_page, _auction_fields_selectolax,
                    _auction_fields_bs4, repeat)
    report("BeautifulSoup / selectolax (auction page)", ratio, "> 1: selectolax faster")
    from altfinder.sources import AmazonOffers

    aod_page = _page("https://www.amazon.co.jp/gp/aod/ajax/", {"asin": "B098RKWHHZ", "pc": "dp"},
                     headers=AmazonOffers().default_headers())
    ratio = compare("Amazon offers page (AOD)", aod_page, _aod_fields_selectolax,
                    _aod_fields_bs4, repeat)
    report("BeautifulSoup / selectolax (AOD page)", ratio, "> 1: selectolax faster")


if __name__ == "__main__":
    main()
