"""Yahoo!ショッピング itemSearch v3, as the sandbox serves it.

Written from the public v3 contract: ``GET /ShoppingWebService/V3/itemSearch`` on
``shopping.yahooapis.jp`` with ``appid``; ``jan_code`` or ``query``; ``results`` (1–50),
``start`` with ``start + results ≤ 1000``; ``sort``, ``condition``, ``in_stock``,
``shipping``, ``price_from``/``price_to``, ``affiliate_type``/``affiliate_id``. Errors are
``{"Error": {"Message": …}}`` JSON, the maintenance answer is XML, a wrong appid is a
403, one query per second per appid.
"""

from __future__ import annotations

import unicodedata
from typing import Any, ClassVar
from urllib.parse import quote

from altfinder.sandbox.app import SandboxRequest, SandboxResponse, Service
from altfinder.sandbox.listings.yahoo_shopping import YahooListing, yahoo_listings

__all__ = ["YahooShoppingService"]

PATH = "/ShoppingWebService/V3/itemSearch"
SORTS = {"-score", "+price", "-price", "-review_count"}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


class YahooShoppingService(Service):
    """The itemSearch v3 endpoint over the demo catalogue.

    Example:
        >>> from altfinder.sandbox import Sandbox
        >>> service = Sandbox().service("yahoo_shopping")
        >>> service.name
        'yahoo_shopping'
    """

    name = "yahoo_shopping"
    hosts = ("shopping.yahooapis.jp",)
    interval = 1.0  # one query per second per Client ID
    demo_credentials: ClassVar[dict[str, str]] = {"client_id": "sandbox-yahoo-client-id"}

    def __init__(self, sandbox: Any) -> None:
        super().__init__(sandbox)
        self.listings: list[YahooListing] = yahoo_listings()

    # -- errors in Yahoo's shapes --------------------------------------------------
    @staticmethod
    def _error_body(message: str, status: int,
                    headers: dict[str, str] | None = None) -> SandboxResponse:
        return SandboxResponse.json_body({"Error": {"Message": message}}, status=status,
                                         headers=headers)

    def error(self, status: int, retry_after: float | None = None) -> SandboxResponse:
        """Yahoo's answer for an HTTP error status.

        Example:
            >>> from altfinder.sandbox import Sandbox
            >>> Sandbox().service("yahoo_shopping").error(503).status
            503
        """
        headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else None
        if status == 503:
            return SandboxResponse.text(
                '<?xml version="1.0" encoding="UTF-8"?>\n'
                "<Error><Message>API_MAINTENANCE</Message><Code>503</Code></Error>",
                status=503, content_type="application/xml; charset=UTF-8", headers=headers)
        messages = {
            400: "Invalid parameter",
            401: "Please provide valid credentials.",
            403: "Your Request was Forbidden",
            404: "Not Found",
            429: "Too Many Requests",
            500: "Internal Server Error",
        }
        return self._error_body(messages.get(status, "Error"), status, headers)

    def empty(self, request: SandboxRequest) -> SandboxResponse:
        """A page with no hits.

        Example:
            >>> # Sandbox().service("yahoo_shopping").empty(request)
        """
        return SandboxResponse.json_body({
            "totalResultsAvailable": 0, "totalResultsReturned": 0, "firstResultsPosition": 0,
            "request": {"query": request.query.get("query", "")}, "hits": []})

    # -- the endpoint ----------------------------------------------------------------
    async def handle(self, request: SandboxRequest) -> SandboxResponse:
        """Answer an itemSearch request.

        Example:
            >>> # await service.handle(SandboxRequest.build("GET", url))
        """
        if request.path != PATH:
            return self._error_body("Not Found", 404)
        if request.method != "GET":
            return self._error_body("Method Not Allowed", 405)
        q = request.query
        appid = q.get("appid", "")
        if not appid:
            return self._error_body("appid is required", 400)
        if appid not in self.sandbox.valid_credentials(self.name):
            return self._error_body("Your Request was Forbidden", 403)
        if not self.rate.admit(appid):
            return self._error_body("Too Many Requests", 429)
        try:
            results = int(q.get("results", "20"))
            start = int(q.get("start", "1"))
        except ValueError:
            return self._error_body("Invalid parameter: results/start", 400)
        if not 1 <= results <= 50 or start < 1 or start + results > 1000:
            return self._error_body("Invalid parameter: results/start", 400)
        sort = q.get("sort", "-score")
        if sort not in SORTS:
            return self._error_body(f"Invalid parameter: sort={sort}", 400)
        jan = q.get("jan_code", "")
        query = q.get("query", "")
        if not jan and not query and not q.get("seller_id") and not q.get("brand_id"):
            return self._error_body("query, jan_code or another search condition is required",
                                    400)
        matched = [x for x in self.listings if self._matches(x, q)]
        if sort == "+price":
            matched.sort(key=lambda x: self._current_price(x))
        elif sort == "-price":
            matched.sort(key=lambda x: -self._current_price(x))
        elif sort == "-review_count":
            matched.sort(key=lambda x: -x.review_count)
        page = matched[start - 1:start - 1 + results]
        affiliate = (q.get("affiliate_type", ""), q.get("affiliate_id", ""))
        return SandboxResponse.json_body({
            "totalResultsAvailable": len(matched),
            "totalResultsReturned": len(page),
            "firstResultsPosition": start if page else 0,
            "request": {"query": query},
            "hits": [self._hit(x, start + i, affiliate) for i, x in enumerate(page)],
        })

    def _matches(self, item: YahooListing, q: Any) -> bool:
        if q.get("jan_code") and item.indexed_jan != q["jan_code"]:
            return False
        if q.get("query"):
            haystack = _fold(item.name)
            if not all(_fold(word) in haystack for word in q["query"].split()):
                return False
        if q.get("condition") in ("new", "used") and item.condition != q["condition"]:
            return False
        if q.get("in_stock") == "true" and not item.in_stock:
            return False
        if q.get("in_stock") == "false" and item.in_stock:
            return False
        if q.get("seller_id") and item.seller_id != q["seller_id"]:
            return False
        if q.get("shipping"):
            wanted = {"free": 2, "conditional_free": 3}
            codes = {wanted[s] for s in q["shipping"].split(",") if s in wanted}
            if codes and item.shipping_code not in codes:
                return False
        price = self._current_price(item)
        if q.get("price_from", "").isdigit() and price < int(q["price_from"]):
            return False
        return not (q.get("price_to", "").isdigit() and price > int(q["price_to"]))

    def _current_price(self, item: YahooListing) -> int:
        if item.sale_start and item.sale_end and item.default_price:
            now = self.sandbox.clock()
            if not item.sale_start <= now <= item.sale_end:
                return item.default_price
        return item.price

    def _hit(self, item: YahooListing, index: int, affiliate: tuple[str, str]) -> dict[str, Any]:
        store_item = item.item_code.split("_", 1)[-1]
        url = f"https://store.shopping.yahoo.co.jp/{item.seller_id}/{store_item}.html"
        if affiliate == ("vc", affiliate[1]) and affiliate[1]:
            url = (f"https://ck.jp.ap.valuecommerce.com/servlet/referral?sid={affiliate[1]}"
                   f"&pid=887076517&vc_url={quote(url, safe='')}")
        price = self._current_price(item)
        on_sale = price != (item.default_price or price)
        premium = item.premium_price if item.premium_price is not None else price
        return {
            "index": index,
            "name": item.name,
            "description": f"{item.name}<br>JANコード:{item.jan_code or '-'}",
            "headLine": "",
            "url": url,
            "inStock": item.in_stock,
            "code": item.item_code,
            "condition": item.condition,
            "imageId": item.item_code,
            "image": {"small": f"https://item-shopping.c.yimg.jp/i/c/{item.item_code}",
                      "medium": f"https://item-shopping.c.yimg.jp/i/g/{item.item_code}"},
            "review": {"count": 0, "url": "", "rate": 0},
            "affiliateRate": 1,
            "price": price,
            "taxExcludePrice": price * 10 // 11,
            "premiumPrice": premium,
            "taxExcludePremiumPrice": premium * 10 // 11,
            "premiumPriceStatus": item.premium_price is not None,
            "premiumDiscountRate": None,
            "premiumDiscountType": None,
            "priceLabel": {
                "taxable": True,
                "defaultPrice": item.default_price or price,
                "discountedPrice": item.price if item.default_price else None,
                "fixedPrice": item.fixed_price,
                "premiumPrice": item.premium_price,
                "periodStart": item.sale_start,
                "periodEnd": item.sale_end,
                "taxExcludeDefaultPrice": (item.default_price or price) * 10 // 11,
                "taxExcludeDiscountedPrice": item.price * 10 // 11 if on_sale else None,
                "taxExcludePremiumPrice": None,
            },
            "point": {
                "amount": item.point_amount, "times": 1 if item.point_amount else 0,
                "bonusAmount": item.point_bonus, "bonusTimes": 1 if item.point_bonus else 0,
                "premiumAmount": item.point_amount,
                "premiumTimes": 1 if item.point_amount else 0,
                "premiumBonusAmount": item.premium_bonus or item.point_bonus,
                "premiumBonusTimes": 1 if (item.premium_bonus or item.point_bonus) else 0,
            },
            "shipping": ({"code": item.shipping_code,
                          "name": {1: "設定なし", 2: "送料無料", 3: "条件付き送料無料"}[
                              item.shipping_code]}
                         if item.shipping_code else {}),
            "genreCategory": {"id": 0, "name": "", "depth": 1},
            "parentGenreCategories": [],
            "brand": {"id": 0, "name": item.brand} if item.brand else {},
            "parentBrands": [],
            "janCode": item.jan_code,
            "payment": "1 4 16",
            "releaseDate": None,
            "seller": {
                "sellerId": item.seller_id,
                "name": item.seller_name,
                "url": f"https://store.shopping.yahoo.co.jp/{item.seller_id}/",
                "isBestSeller": item.best_seller,
                "review": {"rate": item.review_rate, "count": item.review_count},
                "imageId": f"{item.seller_id}_1",
            },
            "delivery": ({"deadLine": 12, "day": item.delivery_day, "area": "13"}
                         if item.delivery_day is not None else {}),
            "exImage": {"url": f"https://item-shopping.c.yimg.jp/i/l/{item.item_code}",
                        "width": 600, "height": 600},
        }
