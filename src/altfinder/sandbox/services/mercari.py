"""Mercari's web API (``api.mercari.jp``), as the sandbox serves it.

Written from the contract the web front-end follows (no login):

* every request carries ``X-Platform: web`` and a ``DPoP`` header: an ES256 JWS with
  ``typ: dpop+jwt`` and the client's P-256 public key as ``jwk`` in its JOSE header,
  claims ``iat``, ``jti``, ``htm`` (the method), ``htu`` (the full request URL, query
  included, as the web app sends it) and ``uuid``. The sandbox verifies the signature
  over the embedded key, the method and URL, freshness (±5 minutes of the real clock)
  and that a ``jti`` is never reused; a missing or invalid proof gets HTTP 401 in
  Mercari's error envelope ``{"result":"error","errors":[{"code","message"}],"meta":{}}``.
  (The envelope is Mercari's; the exact ``code`` Mercari uses for a bad proof is not
  recorded anywhere we could read, so ``UnauthorizedException`` is this sandbox's.)
* ``POST /v2/entities:search``: ``searchCondition.keyword`` (every word must appear in
  the title or the description), ``status``, ``itemConditionId``, ``shippingPayerId``,
  ``sort``/``order``, ``pageSize`` ≤ 120, ``pageToken`` ``v1:N``; auctions only with
  ``withAuction: true``; prices, ids and times as strings.
* ``GET /items/get?id=…``: the item detail with the seller's ratings; a missing item (and
  any Mercari Shops product) is 404 ``RecordNotFoundException`` 見つかりませんでした.
* ``GET /v1/marketplaces/shops/products/{id}?view=FULL``: a Mercari Shops product.

Pacing: one request per second per client (the pace the adapter keeps; Mercari publishes
no limit), answered 429 beyond that.
"""

from __future__ import annotations

import time
import unicodedata
from datetime import UTC, datetime
from typing import Any, ClassVar

import jwt

from altfinder.sandbox.app import SandboxRequest, SandboxResponse, Service
from altfinder.sandbox.listings.mercari import MercariListing, mercari_listings

__all__ = ["MercariService", "verify_dpop"]

SEARCH_PATH = "/v2/entities:search"
ITEM_PATH = "/items/get"
SHOP_PREFIX = "/v1/marketplaces/shops/products/"
PAGE_SIZE_MAX = 120
FRESHNESS = 300  # seconds either side of the real clock
_PAYERS = {2: ("送料込み(出品者負担)", "seller"), 1: ("着払い(購入者負担)", "buyer")}
_METHODS = {1: "未定", 3: "クロネコヤマト", 4: "ゆうパック", 8: "レターパック",
            9: "普通郵便(定形、定形外)", 14: "らくらくメルカリ便", 17: "ゆうゆうメルカリ便"}
_STATUS = {"on_sale": "ITEM_STATUS_ON_SALE", "trading": "ITEM_STATUS_TRADING",
           "sold_out": "ITEM_STATUS_SOLD_OUT"}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def verify_dpop(proof: str, *, method: str, url: str, now: float,
                seen: dict[str, float] | None = None) -> str | None:
    """Why a DPoP proof is not valid for this request, or ``None`` when it is.

    Example:
        >>> verify_dpop("not-a-jws", method="GET", url="https://api.mercari.jp/items/get?id=m1",
        ...             now=0)
        'the DPoP proof is not a JWS'
    """
    try:
        header = jwt.get_unverified_header(proof)
    except jwt.PyJWTError:
        return "the DPoP proof is not a JWS"
    if header.get("typ") != "dpop+jwt":
        return "the DPoP proof's typ is not dpop+jwt"
    if header.get("alg") != "ES256":
        return "the DPoP proof is not signed ES256"
    jwk = header.get("jwk")
    if not isinstance(jwk, dict) or jwk.get("kty") != "EC" or jwk.get("crv") != "P-256":
        return "the DPoP proof carries no P-256 public key (jwk)"
    if "d" in jwk:
        return "the DPoP proof's jwk contains a private key"
    try:
        key = jwt.PyJWK(jwk, "ES256").key
        claims = jwt.decode(proof, key, algorithms=["ES256"],
                            options={"require": ["iat", "jti", "htm", "htu"],
                                     "verify_iat": False, "verify_exp": False})
    except jwt.InvalidSignatureError:
        return "the DPoP proof's signature does not verify with its jwk"
    except jwt.PyJWTError as exc:
        return f"the DPoP proof is invalid ({exc})"
    if claims.get("htm") != method:
        return f"htm {claims.get('htm')!r} does not match the request method {method}"
    if claims.get("htu") != url:
        return f"htu {claims.get('htu')!r} does not match the request URL"
    iat = claims.get("iat")
    if not isinstance(iat, int) or abs(iat - now) > FRESHNESS:
        return "the DPoP proof's iat is not current"
    jti = claims.get("jti")
    if not isinstance(jti, str) or not jti:
        return "the DPoP proof has no jti"
    if not isinstance(claims.get("uuid"), str):
        return "the DPoP proof has no session uuid"
    if seen is not None:
        if jti in seen:
            return "the DPoP proof's jti was already used"
        seen[jti] = now
        # A proof older than the freshness window is refused by its iat anyway, so its jti
        # need not be remembered: the memory stays bounded over a long run.
        while seen:
            oldest, at = next(iter(seen.items()))
            if now - at <= 2 * FRESHNESS:
                break
            del seen[oldest]
    return None


class MercariService(Service):
    """api.mercari.jp over the demo catalogue, DPoP verified.

    Example:
        >>> from altfinder.sandbox import Sandbox
        >>> Sandbox().service("mercari").hosts
        ('api.mercari.jp',)
    """

    name = "mercari"
    hosts = ("api.mercari.jp",)
    interval = 1.0
    demo_credentials: ClassVar[dict[str, str]] = {}

    def __init__(self, sandbox: Any) -> None:
        super().__init__(sandbox)
        self.listings: list[MercariListing] = mercari_listings()
        self._by_id = {x.item_id: x for x in self.listings}
        self._jti: dict[str, float] = {}

    # -- Mercari's error envelope ------------------------------------------------------
    @staticmethod
    def _error_body(status: int, code: str, message: str,
                    headers: dict[str, str] | None = None) -> SandboxResponse:
        return SandboxResponse.json_body(
            {"result": "error", "errors": [{"code": code, "message": message}], "meta": {}},
            status=status, headers=headers)

    def error(self, status: int, retry_after: float | None = None) -> SandboxResponse:
        """Mercari's answer for an HTTP error status.

        Example:
            >>> from altfinder.sandbox import Sandbox
            >>> Sandbox().service("mercari").error(404).status
            404
        """
        headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else None
        codes = {
            400: ("InvalidArgumentException", "invalid request"),
            401: ("UnauthorizedException", "unauthorized"),
            403: ("ForbiddenException", "forbidden"),
            404: ("RecordNotFoundException", "見つかりませんでした"),
            429: ("TooManyRequestsException", "too many requests"),
        }
        code, message = codes.get(status, ("InternalServerErrorException", "internal error"))
        return self._error_body(status, code, message, headers)

    def antibot(self) -> SandboxResponse:
        """Cloudflare's block page, as data-centre and VPN addresses get it.

        Example:
            >>> from altfinder.sandbox import Sandbox
            >>> Sandbox().service("mercari").antibot().status
            403
        """
        return SandboxResponse.text(
            "<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head>"
            "<body><h1>Sorry, you have been blocked</h1><p>You are unable to access "
            "api.mercari.jp</p><p>Cloudflare Ray ID: 8f0c1d2e3a4b5c6d</p></body></html>",
            status=403)

    def malformed(self) -> SandboxResponse:
        """A truncated search answer.

        Example:
            >>> # Sandbox().service("mercari").malformed().status == 200
        """
        return SandboxResponse.text('{"meta":{"nextPageToken":"","numFound":"3"},"items":[{"id":"m',
                                    content_type="application/json")

    def empty(self, request: SandboxRequest) -> SandboxResponse:
        """A search answer without items.

        Example:
            >>> # Sandbox().service("mercari").empty(request).status == 200
        """
        return SandboxResponse.json_body({
            "meta": {"nextPageToken": "", "previousPageToken": "", "numFound": "0"},
            "items": [], "components": [], "searchCondition": None, "searchConditionId": ""})

    # -- the endpoints -----------------------------------------------------------------
    def _refuse(self, request: SandboxRequest) -> SandboxResponse | None:
        if request.headers.get("x-platform") != "web":
            return self._error_body(401, "UnauthorizedException",
                                    "X-Platform header is required")
        proof = request.headers.get("dpop", "")
        if not proof:
            return self._error_body(401, "UnauthorizedException", "DPoP proof is required")
        why = verify_dpop(proof, method=request.method, url=request.url, now=time.time(),
                          seen=self._jti)
        if why is not None:
            return self._error_body(401, "UnauthorizedException", why)
        if len(self._jti) > 100_000:  # proofs that old fail the iat check anyway
            self._jti.clear()
        return None

    async def handle(self, request: SandboxRequest) -> SandboxResponse:
        """Answer a request to api.mercari.jp.

        Example:
            >>> # await service.handle(SandboxRequest.build("POST", url, headers, body))
        """
        refused = self._refuse(request)
        if refused is not None:
            return refused
        if not self.rate.admit("client"):
            return self._error_body(429, "TooManyRequestsException", "too many requests",
                                    {"Retry-After": "1"})
        if request.path == SEARCH_PATH:
            if request.method != "POST":
                return self._error_body(405, "MethodNotAllowed", "method not allowed")
            return self._search(request)
        if request.path == ITEM_PATH and request.method == "GET":
            return self._item(request.query.get("id", ""))
        if request.path.startswith(SHOP_PREFIX) and request.method == "GET":
            return self._shop_product(request.path[len(SHOP_PREFIX):])
        return self._error_body(404, "NotFound", "not found")

    # -- search ------------------------------------------------------------------------
    def _search(self, request: SandboxRequest) -> SandboxResponse:
        try:
            body = request.json()
        except (ValueError, UnicodeDecodeError):
            return self._error_body(400, "InvalidArgumentException", "body is not JSON")
        if not isinstance(body, dict) or not isinstance(body.get("searchCondition"), dict):
            return self._error_body(400, "InvalidArgumentException",
                                    "searchCondition is required")
        size = body.get("pageSize", PAGE_SIZE_MAX)
        if not isinstance(size, int) or not 1 <= size <= PAGE_SIZE_MAX:
            return self._error_body(400, "InvalidArgumentException", "pageSize must be 1-120")
        token = body.get("pageToken") or ""
        try:
            page = int(token.split(":", 1)[1]) if token else 0
        except (IndexError, ValueError):
            return self._error_body(400, "InvalidArgumentException", "invalid pageToken")
        cond = body["searchCondition"]
        words = [_fold(w) for w in str(cond.get("keyword") or "").split()]
        statuses = set(cond.get("status") or [])
        conditions = {int(c) for c in cond.get("itemConditionId") or []}
        payers = {int(p) for p in cond.get("shippingPayerId") or []}
        datasets = set(body.get("defaultDatasets") or [])
        with_auction = bool(body.get("withAuction"))
        matched = []
        for x in self.listings:
            text = _fold(f"{x.name} {x.description}")
            if not all(w in text for w in words):
                continue
            if statuses:
                wanted = set()
                if "STATUS_ON_SALE" in statuses:
                    wanted.add("on_sale")
                if statuses & {"STATUS_SOLD_OUT", "STATUS_TRADING"}:
                    wanted |= {"sold_out", "trading"}
                if x.status not in wanted:
                    continue
            if conditions and x.condition_id not in conditions:
                continue
            if payers and not x.shop_id and x.shipping_payer not in payers:
                continue
            if x.auction_bids is not None and not with_auction:
                continue
            if x.shop_id and datasets and "DATASET_TYPE_BEYOND" not in datasets:
                continue
            matched.append(x)
        sort, order = cond.get("sort", "SORT_SCORE"), cond.get("order", "ORDER_DESC")
        if sort == "SORT_PRICE":
            matched.sort(key=lambda x: x.price, reverse=order == "ORDER_DESC")
        elif sort == "SORT_CREATED_TIME":
            matched.sort(key=lambda x: x.created_ago, reverse=order != "ORDER_DESC")
        else:  # relevance: listings whose title holds every word first
            matched.sort(key=lambda x: not all(w in _fold(x.name) for w in words))
        chunk = matched[page * size:(page + 1) * size]
        more = (page + 1) * size < len(matched)
        now = self.sandbox.clock()
        return SandboxResponse.json_body({
            "meta": {"nextPageToken": f"v1:{page + 1}" if more else "",
                     "previousPageToken": f"v1:{page - 1}" if page else "",
                     "numFound": str(len(matched)), "properties": []},
            "items": [self._search_item(x, now) for x in chunk],
            "components": [], "searchCondition": None, "searchConditionId": "",
        })

    @staticmethod
    def _photo(x: MercariListing, n: int = 1) -> str:
        if x.shop_id:
            return f"https://assets.mercari-shops-static.com/-/large/plain/{x.item_id}.jpg@webp"
        return f"https://static.mercdn.net/item/detail/webp/photos/{x.item_id}_{n}.jpg"

    def _search_item(self, x: MercariListing, now: float) -> dict[str, Any]:
        created = int(now) - x.created_ago
        auction = None
        if x.auction_bids is not None and x.auction_ends_in is not None:
            deadline = datetime.fromtimestamp(now + x.auction_ends_in, UTC)
            auction = {"id": "", "bidDeadline": deadline.strftime("%Y-%m-%dT%H:%M:%SZ"),
                       "totalBid": str(x.auction_bids), "highestBid": str(x.price)}
        return {
            "id": x.item_id,
            "sellerId": "0" if x.shop_id else str(x.seller_id),
            "buyerId": "",
            "status": _STATUS[x.status],
            "name": x.name,
            "price": str(x.price),
            "created": str(created),
            "updated": str(created + 600),
            "thumbnails": [self._photo(x).replace("/large/", "/small/").replace(
                "/item/detail/", "/thumb/item/")],
            "itemType": "ITEM_TYPE_BEYOND" if x.shop_id else "ITEM_TYPE_MERCARI",
            "itemConditionId": str(x.condition_id),
            "shippingPayerId": "0" if x.shop_id else str(x.shipping_payer),
            "itemSizes": [],
            "itemBrand": None,
            "itemPromotions": [],
            "shopName": "",
            "itemSize": None,
            "shippingMethodId": "0" if x.shop_id else str(x.shipping_method),
            "categoryId": "0",
            "isNoPrice": False,
            "title": "",
            "isLiked": False,
            "photos": [{"uri": self._photo(x)}],
            "auction": auction,
            "shop": {"id": x.shop_id} if x.shop_id else None,
        }

    # -- item detail ---------------------------------------------------------------------
    def _item(self, item_id: str) -> SandboxResponse:
        x = self._by_id.get(item_id)
        if x is None or x.shop_id:
            return self.error(404)
        now = int(self.sandbox.clock())
        good, normal, bad = x.ratings
        payer_name, payer_code = _PAYERS[x.shipping_payer]
        data: dict[str, Any] = {
            "id": x.item_id,
            "seller": {
                "id": x.seller_id, "name": x.seller_name,
                "photo_url": f"https://static.mercdn.net/members/{x.seller_id}.jpg",
                "register_sms_confirmation": "yes", "created": now - 86400 * 400,
                "num_sell_items": good + normal + bad + 3,
                "ratings": {"good": good, "normal": normal, "bad": bad},
                "num_ratings": good + normal + bad, "score": good - bad,
                "is_official": False, "quick_shipper": x.dispatch[1] <= 2,
                "star_rating_score": 5 if bad * 20 <= max(good, 1) else 4,
            },
            "status": x.status,
            "name": x.name,
            "price": x.price,
            "description": x.description,
            "photos": [self._photo(x)],
            "thumbnails": [self._photo(x)],
            "item_condition": {"id": x.condition_id, "name": x.condition_label},
            "shipping_payer": {"id": x.shipping_payer, "name": payer_name, "code": payer_code},
            "shipping_method": {"id": x.shipping_method,
                                "name": _METHODS.get(x.shipping_method, "未定"),
                                "is_deprecated": "no"},
            "shipping_from_area": {"id": 13, "name": x.ships_from},
            "shipping_duration": {"id": 2, "name": f"{x.dispatch[0]}~{x.dispatch[1]}日で発送",
                                  "min_days": x.dispatch[0], "max_days": x.dispatch[1]},
            "num_likes": 3, "num_comments": 0, "comments": [],
            "updated": now - x.created_ago + 600, "created": now - x.created_ago,
            "is_shop_item": "no", "is_anonymous_shipping": x.shipping_payer == 2,
        }
        if x.auction_bids is not None and x.auction_ends_in is not None:
            data["auction_info"] = {
                "id": f"a{x.item_id[1:]}", "start_time": now - x.created_ago,
                "expected_end_time": now + x.auction_ends_in, "total_bids": x.auction_bids,
                "highest_bid": x.price, "state": "STATE_ONGOING"}
        return SandboxResponse.json_body({"result": "OK", "data": data, "meta": {}})

    def _shop_product(self, product_id: str) -> SandboxResponse:
        x = self._by_id.get(product_id)
        if x is None or not x.shop_id:
            return SandboxResponse.json_body({"code": 5, "message": "product not found",
                                              "details": []}, status=404)
        stamp = datetime.fromtimestamp(self.sandbox.clock() - x.created_ago, UTC)
        return SandboxResponse.json_body({
            "name": x.item_id, "displayName": x.name, "productTags": [],
            "thumbnail": self._photo(x).replace("/large/", "/small/"),
            "price": str(x.price), "createTime": stamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "updateTime": stamp.strftime("%Y-%m-%dT%H:%M:%SZ"), "attributes": [],
            "productDetail": {
                "shop": {"name": x.shop_id, "displayName": x.shop_name,
                         "thumbnail": "", "shopStats": {"shopId": x.shop_id,
                                                        "score": x.shop_score,
                                                        "reviewCount": str(x.shop_reviews)},
                         "allowDirectMessage": True, "shopItems": [], "isInboundXb": False},
                "photos": [self._photo(x)], "description": x.description, "categories": [],
                "brand": None, "condition": {"displayName": x.condition_label},
                "shippingMethod": {"shippingMethodId": "3", "displayName": "らくらくメルカリ便",
                                   "isAnonymous": True},
                "shippingPayer": {"shippingPayerId": "1", "displayName": "送料込み(出品者負担)",
                                  "code": "SELLER"},
                "shippingDuration": {"shippingDurationId": "2",
                                     "displayName": f"{x.dispatch[0]}〜{x.dispatch[1]}日で発送",
                                     "minDays": x.dispatch[0], "maxDays": x.dispatch[1]},
                "shippingFromArea": {"shippingAreaCode": "jp13", "displayName": x.ships_from},
                "promotions": [],
                "productStats": {"productId": x.item_id, "score": 0, "reviewCount": 0,
                                 "likesCount": 1},
                "timeSaleDetails": None,
                "variants": [{"variantId": "v1", "displayName": "", "quantity": "1",
                              "size": ""}],
                "shippingFeeConfig": None, "variationGrouping": None,
            },
        })
