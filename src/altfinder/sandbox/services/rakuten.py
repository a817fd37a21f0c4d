"""Rakuten's 2026 gateway, as the sandbox serves it: Ichiba Item Search and Books.

Written from Rakuten's contract (``openapi.rakuten.co.jp``):

* ``GET /ichibams/api/IchibaItem/Search/{20220601|20260401|20260701}`` and
  ``GET /services/api/BooksTotal/Search/20170404``;
* ``applicationId`` plus ``accessKey`` (query parameter, ``accessKey`` header or
  ``Authorization: Bearer``); the sandbox app is a *web application*, so every request
  must also carry an ``Origin`` of its allowed website (``https://altfinder.example``);
* Item Search: ``keyword`` (words ANDed; a one-letter word is refused), ``itemCode``,
  ``shopCode`` or ``genreId`` required; ``hits`` 1–30, ``page`` 1–100, ``sort``,
  ``availability`` (default 1: items on sale only), ``affiliateId``, ``formatVersion``
  1 (``{"Item": …}`` wrappers, images as ``{"imageUrl"}``) or 2;
* Books: ``isbnjan`` or ``keyword``; ``outOfStockFlag``;
* ``itemUrl``/``shopUrl`` carry ``?rafcid=wsc_i_is_<applicationId>``; point multipliers
  ending within 24 hours are not shown (``pointRate`` 1);
* errors: the classic ``{"error", "error_description"}`` (400 ``wrong_parameter``, 404,
  429, 500, 503) and the gateway's ``{"errors": {"errorCode", "errorMessage"}}`` (401, 403);
* one request per second per application id, Ichiba and Books together.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any, ClassVar
from urllib.parse import quote

from altfinder.sandbox.app import SandboxRequest, SandboxResponse, Service
from altfinder.sandbox.listings.rakuten import (
    BooksListing,
    IchibaListing,
    books_listings,
    ichiba_listings,
)

__all__ = ["RakutenService"]

HOST = "openapi.rakuten.co.jp"
ITEM_PATH = re.compile(r"^/ichibams/api/IchibaItem/Search/(\d{8})/?$")
ITEM_VERSIONS = frozenset({"20220601", "20260401", "20260701"})
BOOKS_PATH = "/services/api/BooksTotal/Search/20170404"
ALLOWED_ORIGINS = ("https://altfinder.example",)
ITEM_SORTS = {"standard", "+affiliateRate", "-affiliateRate", "+reviewCount", "-reviewCount",
              "+reviewAverage", "-reviewAverage", "+itemPrice", "-itemPrice",
              "+updateTimestamp", "-updateTimestamp"}
_JST = timezone(timedelta(hours=9))
_KANA = re.compile(r"^[\u3040-\u30ff]$")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _width(text: str) -> int:
    return sum(1 if ord(c) < 128 else 2 for c in text)


class RakutenService(Service):
    """Rakuten Ichiba Item Search and Rakuten Books total search over the demo catalogue.

    Example:
        >>> from altfinder.sandbox import Sandbox
        >>> Sandbox().service("rakuten").hosts
        ('openapi.rakuten.co.jp',)
    """

    name = "rakuten"
    hosts = (HOST,)
    interval = 1.0  # one request per second per application id
    demo_credentials: ClassVar[dict[str, str]] = {
        "application_id": "5a4db0c8-sandbox-rakuten-app-0001",
        "access_key": "pk_sandbox-rakuten-access-key",
        "origin": ALLOWED_ORIGINS[0],
    }

    def __init__(self, sandbox: Any) -> None:
        super().__init__(sandbox)
        self.items: list[IchibaListing] = ichiba_listings()
        self.books: list[BooksListing] = books_listings()

    # -- Rakuten's error shapes --------------------------------------------------------
    @staticmethod
    def _classic(status: int, error: str, description: str,
                 headers: Mapping[str, str] | None = None) -> SandboxResponse:
        return SandboxResponse.json_body({"error": error, "error_description": description},
                                         status=status, headers=headers)

    @staticmethod
    def _gateway(status: int, message: str) -> SandboxResponse:
        return SandboxResponse.json_body(
            {"errors": {"errorCode": status, "errorMessage": message}}, status=status)

    def error(self, status: int, retry_after: float | None = None) -> SandboxResponse:
        """Rakuten's answer for an HTTP error status.

        Example:
            >>> from altfinder.sandbox import Sandbox
            >>> Sandbox().service("rakuten").error(429).status
            429
        """
        headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else None
        if status == 401:
            return self._gateway(401, "ACCESS_KEY_INVALID")
        if status == 403:
            return self._gateway(403, "REQUEST_CONTEXT_BODY_HTTP_REFERRER_MISSING")
        classic = {
            400: ("wrong_parameter", "specify valid applicationId"),
            404: ("not_found", "not found"),
            429: ("too_many_requests", "number of allowed requests has been exceeded for this "
                                       "API. please try again soon."),
            500: ("system_error", "api logic error"),
            503: ("service_unavailable", "IchibaItem/Search is under maintenance"),
        }
        error, description = classic.get(status, ("system_error", "api logic error"))
        return self._classic(status, error, description, headers)

    def empty(self, request: SandboxRequest) -> SandboxResponse:
        """A page with no hits (HTTP 200, ``Items: []``).

        Example:
            >>> from altfinder.sandbox import Sandbox, SandboxRequest
            >>> req = SandboxRequest.build("GET", "https://openapi.rakuten.co.jp/x")
            >>> Sandbox().service("rakuten").empty(req).status
            200
        """
        return SandboxResponse.json_body(self._page([], 1, 30, books=False))

    def malformed(self) -> SandboxResponse:
        """A truncated JSON body with status 200.

        Example:
            >>> from altfinder.sandbox import Sandbox
            >>> Sandbox().service("rakuten").malformed().status
            200
        """
        return SandboxResponse.text('{"count":3,"page":1,"Items":[{"itemName":"',
                                    content_type="application/json;charset=UTF-8")

    # -- routing, credentials, rate ------------------------------------------------------
    async def handle(self, request: SandboxRequest) -> SandboxResponse:
        """Answer an Item Search or Books request.

        Example:
            >>> # await service.handle(SandboxRequest.build("GET", url, headers))
        """
        match = ITEM_PATH.match(request.path)
        books = request.path.rstrip("/") == BOOKS_PATH
        if (match is None or match[1] not in ITEM_VERSIONS) and not books:
            return self.error(404)
        if request.method != "GET":
            return self._classic(405, "wrong_parameter", "method not allowed")
        q = request.query
        valid = self.sandbox.valid_credentials(self.name)
        app_id = q.get("applicationId", "")
        if not app_id or app_id not in valid:
            return self._classic(400, "wrong_parameter", "specify valid applicationId")
        bearer = request.headers.get("authorization", "")
        access_key = (q.get("accessKey") or request.headers.get("accesskey")
                      or (bearer[7:] if bearer.lower().startswith("bearer ") else ""))
        if not access_key or access_key not in valid or access_key == app_id:
            return self._gateway(401, "ACCESS_KEY_INVALID" if access_key
                                 else "ACCESS_KEY_MISSING")
        origin = request.headers.get("origin", "").rstrip("/")
        if origin not in ALLOWED_ORIGINS:
            return self._gateway(403, "REQUEST_CONTEXT_BODY_HTTP_REFERRER_MISSING")
        if not self.rate.admit(app_id):
            return self.error(429)
        if books:
            return self._books_search(q, app_id)
        return self._item_search(q, app_id)

    @staticmethod
    def _int(q: Mapping[str, str], key: str, default: int, low: int, high: int) -> int | None:
        value = q.get(key, "")
        if value == "":
            return default
        if not value.isdigit() or not low <= int(value) <= high:
            return None
        return int(value)

    @staticmethod
    def _bad_keyword(keyword: str) -> bool:
        words = keyword.split()
        if _width(keyword) > 128 or not words:
            return True
        return any(len(w) == 1 and (ord(w) < 128 or _KANA.match(w)) for w in words)

    def _page(self, entries: list[dict[str, Any]], page: int, hits: int, *, books: bool,
              total: int = 0) -> dict[str, Any]:
        count = total if entries or total else 0
        page_count = min(100, -(-count // hits)) if count else 0
        first = (page - 1) * hits + 1 if entries else 0
        body: dict[str, Any] = {
            "count": count, "page": page, "first": first,
            "last": first + len(entries) - 1 if entries else 0, "hits": len(entries),
            "carrier": 0, "pageCount": page_count, "Items": entries, "GenreInformation": [],
        }
        if not books:
            body["TagInformation"] = []
        return body

    # -- Ichiba Item Search ------------------------------------------------------------
    def _item_search(self, q: Mapping[str, str], app_id: str) -> SandboxResponse:
        keyword = q.get("keyword", "")
        if not (keyword or q.get("itemCode") or q.get("shopCode")
                or q.get("genreId", "0") not in ("", "0")):
            return self._classic(
                400, "wrong_parameter",
                "keyword or itemCode is essential parameter, or set genreId value except 0. "
                "To search for items in shop, please give your shopCode and set genreId to 0")
        if keyword and self._bad_keyword(keyword):
            return self._classic(400, "wrong_parameter", "keyword parameter is not valid")
        hits = self._int(q, "hits", 30, 1, 30)
        page = self._int(q, "page", 1, 1, 100)
        version = self._int(q, "formatVersion", 1, 1, 2)
        availability = self._int(q, "availability", 1, 0, 1)
        if hits is None or page is None or version is None or availability is None:
            return self._classic(400, "wrong_parameter", "hits, page, formatVersion or "
                                 "availability is not valid")
        sort = q.get("sort", "standard")
        if sort not in ITEM_SORTS:
            return self._classic(400, "wrong_parameter", "sort parameter is not valid")
        words = [_fold(w) for w in keyword.split()]
        matched = [x for x in self.items if self._item_matches(x, words, q, availability)]
        if sort in ("+itemPrice", "-itemPrice"):
            matched.sort(key=lambda x: x.price, reverse=sort == "-itemPrice")
        elif sort in ("+reviewCount", "-reviewCount"):
            matched.sort(key=lambda x: x.review_count, reverse=sort == "-reviewCount")
        shown = matched[(page - 1) * hits:page * hits]
        now = datetime.fromtimestamp(self.sandbox.clock(), _JST)
        affiliate = q.get("affiliateId", "")
        entries = [self._item(x, app_id, affiliate, now, version) for x in shown]
        return SandboxResponse.json_body(self._page(entries, page, hits, books=False,
                                                    total=len(matched)))

    @staticmethod
    def _item_matches(item: IchibaListing, words: list[str], q: Mapping[str, str],
                      availability: int) -> bool:
        if availability == 1 and item.availability == 0:
            return False
        if q.get("itemCode") and q["itemCode"] != item.item_code:
            return False
        if q.get("shopCode") and q["shopCode"] != item.shop_code:
            return False
        if q.get("genreId", "0") not in ("", "0") and q["genreId"] != item.genre_id:
            return False
        if q.get("postageFlag") == "1" and item.postage_flag != 0:
            return False
        if words:
            haystack = _fold(" ".join((item.name, item.catchcopy, item.caption)))
            if item.indexed_jan:
                haystack += " " + item.jan
            if not all(word in haystack for word in words):
                return False
        return True

    @staticmethod
    def _affiliate_url(affiliate: str, url: str, mobile: str) -> str:
        return (f"https://hb.afl.rakuten.co.jp/hgc/{affiliate}/?pc={quote(url, safe='')}"
                f"&m={quote(mobile, safe='')}")

    def _item(self, item: IchibaListing, app_id: str, affiliate: str, now: datetime,
              version: int) -> dict[str, Any]:
        tracking = f"?rafcid=wsc_i_is_{app_id}"
        item_url = f"https://item.rakuten.co.jp/{item.shop_code}/{item.item_number}/"
        shop_url = f"https://www.rakuten.co.jp/{item.shop_code}/"
        affiliate_url = shop_affiliate_url = ""
        if affiliate:
            affiliate_url = self._affiliate_url(
                affiliate, item_url, f"https://m.rakuten.co.jp/{item.shop_code}/i/1/")
            shop_affiliate_url = self._affiliate_url(
                affiliate, shop_url, f"https://m.rakuten.co.jp/{item.shop_code}/")
        rate, start, end = 1, "", ""
        if item.point_rate > 1 and item.point_window:
            begins = now + timedelta(hours=item.point_window[0])
            ends = now + timedelta(hours=item.point_window[1])
            # Rakuten does not show multipliers that end within 24 hours (or have ended).
            if ends - now >= timedelta(hours=24):
                rate = item.point_rate
                start = begins.strftime("%Y-%m-%d %H:00")
                end = ends.strftime("%Y-%m-%d %H:59")
        low, high = item.price_range or (item.price, item.price)
        image = (f"https://thumbnail.image.rakuten.co.jp/@0_mall/{item.shop_code}/cabinet/"
                 f"{item.item_number}.jpg")
        small: list[Any] = [f"{image}?_ex=64x64"]
        medium: list[Any] = [f"{image}?_ex=128x128"]
        if version == 1:
            small = [{"imageUrl": u} for u in small]
            medium = [{"imageUrl": u} for u in medium]
        body: dict[str, Any] = {
            "itemName": item.name,
            "catchcopy": item.catchcopy,
            "itemCode": item.item_code,
            "itemPrice": item.price,
            "itemPriceBaseField": "item_price_min3",
            "itemPriceMax1": high, "itemPriceMax2": high, "itemPriceMax3": high,
            "itemPriceMin1": low, "itemPriceMin2": low, "itemPriceMin3": low,
            "itemCaption": item.caption,
            "itemUrl": affiliate_url + f"&rafcid=wsc_i_is_{app_id}" if affiliate
            else item_url + tracking,
            "shopUrl": shop_url + tracking,
            "smallImageUrls": small,
            "mediumImageUrls": medium,
            "affiliateUrl": affiliate_url,
            "shopAffiliateUrl": shop_affiliate_url,
            "imageFlag": 1,
            "availability": item.availability,
            "taxFlag": item.tax_flag,
            "postageFlag": item.postage_flag,
            "creditCardFlag": 1,
            "shopOfTheYearFlag": 1 if item.shop_of_the_year else 0,
            "shipOverseasFlag": 0,
            "shipOverseasArea": "",
            "asurakuFlag": 0,
            "asurakuClosingTime": "",
            "asurakuArea": "",
            "affiliateRate": 4,
            "startTime": "",
            "endTime": "",
            "reviewCount": item.review_count,
            "reviewAverage": item.review_average,
            "pointRate": rate,
            "pointRateStartTime": start,
            "pointRateEndTime": end,
            "giftFlag": 0,
            "shopName": item.shop_name,
            "shopCode": item.shop_code,
            "genreId": item.genre_id,
            "tagIds": [],
        }
        return {"Item": body} if version == 1 else body

    # -- Rakuten Books total search ----------------------------------------------------
    def _books_search(self, q: Mapping[str, str], app_id: str) -> SandboxResponse:
        code = q.get("isbnjan", "")
        keyword = q.get("keyword", "")
        if not code and not keyword and q.get("booksGenreId", "000") in ("", "000"):
            return self._classic(400, "wrong_parameter",
                                 "keyword or booksGenreId or isbnjan is required")
        if code and not (code.isdigit() and len(code) in (10, 13)):
            return self._classic(400, "wrong_parameter", "isbnjan parameter is not valid")
        if not code and keyword and self._bad_keyword(keyword):
            return self._classic(400, "wrong_parameter", "keyword parameter is not valid")
        hits = self._int(q, "hits", 30, 1, 30)
        page = self._int(q, "page", 1, 1, 100)
        version = self._int(q, "formatVersion", 1, 1, 2)
        if hits is None or page is None or version is None:
            return self._classic(400, "wrong_parameter", "hits, page or formatVersion is "
                                 "not valid")
        show_unorderable = q.get("outOfStockFlag") == "1"
        words = [_fold(w) for w in keyword.split()]
        matched = [
            b for b in self.books
            if (b.code == code if code else all(w in _fold(b.title) for w in words))
            and (show_unorderable or b.availability in {"1", "2", "3", "4", "5", "6"})
        ]
        shown = matched[(page - 1) * hits:page * hits]
        affiliate = q.get("affiliateId", "")
        entries = [self._book(b, app_id, affiliate, version) for b in shown]
        return SandboxResponse.json_body(self._page(entries, page, hits, books=True,
                                                    total=len(matched)))

    def _book(self, book: BooksListing, app_id: str, affiliate: str,
              version: int) -> dict[str, Any]:
        url = f"https://books.rakuten.co.jp/rb/{book.books_id}/"
        image = (f"https://thumbnail.image.rakuten.co.jp/@0_mall/book/cabinet/"
                 f"{book.code[-4:]}/{book.code}.jpg")
        body = {
            "title": book.title, "author": book.author, "artistName": "",
            "publisherName": book.publisher, "label": book.label, "isbn": book.isbn,
            "jan": book.jan, "hardware": book.hardware, "os": "", "itemCaption": "",
            "salesDate": book.sales_date, "itemPrice": book.price, "listPrice": 0,
            "discountRate": 0, "discountPrice": 0,
            "itemUrl": f"{url}?rafcid=wsc_i_is_{app_id}",
            "affiliateUrl": self._affiliate_url(affiliate, url, url) if affiliate else "",
            "smallImageUrl": f"{image}?_ex=64x64", "mediumImageUrl": f"{image}?_ex=120x120",
            "largeImageUrl": f"{image}?_ex=200x200", "chirayomiUrl": "",
            "availability": book.availability, "postageFlag": book.postage_flag,
            "limitedFlag": 0, "reviewCount": book.review_count,
            "reviewAverage": f"{book.review_average:.2f}", "booksGenreId": book.genre_id,
        }
        return {"Item": body} if version == 1 else body
