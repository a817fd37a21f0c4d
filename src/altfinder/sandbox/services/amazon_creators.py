"""The Amazon Creators API (the PA-API 5 successor), as the sandbox serves it.

Written from the published contract: an OAuth2 client-credentials token from Login with
Amazon for the Far-East region (``POST https://api.amazon.co.jp/auth/o2/token``, scope
``creatorsapi::default``, ``expires_in`` 3600), then ``POST
https://creatorsapi.amazon/catalog/v1/getItems`` and ``…/searchItems`` with
``Authorization: Bearer <token>`` and ``x-marketplace: www.amazon.co.jp``; lowerCamelCase
JSON, ``offersV2`` listings, ``itemInfo.externalIds``; only the requested ``resources``
come back. Errors are the API's exception bodies (``{"type", "message", "reason"}``):
401 ``UnauthorizedException`` (``InvalidToken``/``TokenExpired``), 403
``AccessDeniedException`` ``AssociateNotEligible`` (fewer than ten qualifying sales in 30
days), 400 ``ValidationException`` (``InvalidPartnerTag``, ``FieldValidationFailed``), 404
``ResourceNotFoundException`` when a search finds nothing, 429 ``ThrottleException`` past
one request per second per credential. Unknown ASINs come back as per-item ``errors``
inside a 200.

With ``condition: Any`` a getItems listing set holds the featured offer and, when there
is one, the Amazonアウトレット offer (how Japanese tools find the outlet through the API).
"""

from __future__ import annotations

import secrets
import unicodedata
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, ClassVar

from altfinder.sandbox.app import SandboxRequest, SandboxResponse, Service
from altfinder.sandbox.listings.amazon import (
    AmazonItem,
    AmazonOfferListing,
    amazon_items,
)

__all__ = ["AmazonCreatorsService"]

TOKEN_HOST = "api.amazon.co.jp"
TOKEN_PATH = "/auth/o2/token"
API_HOST = "creatorsapi.amazon"
GET_ITEMS = "/catalog/v1/getItems"
SEARCH_ITEMS = "/catalog/v1/searchItems"
MARKETPLACE = "www.amazon.co.jp"
SCOPE = "creatorsapi::default"
TOKEN_LIFETIME = 3600

RESOURCES = frozenset({
    "browseNodeInfo.browseNodes", "browseNodeInfo.browseNodes.ancestor",
    "browseNodeInfo.browseNodes.salesRank", "browseNodeInfo.websiteSalesRank",
    "customerReviews.count", "customerReviews.starRating",
    "images.primary.small", "images.primary.medium", "images.primary.large",
    "images.primary.highRes", "images.variants.small", "images.variants.medium",
    "images.variants.large", "images.variants.highRes",
    "itemInfo.byLineInfo", "itemInfo.contentInfo", "itemInfo.contentRating",
    "itemInfo.classifications", "itemInfo.externalIds", "itemInfo.features",
    "itemInfo.manufactureInfo", "itemInfo.productInfo", "itemInfo.technicalInfo",
    "itemInfo.title", "itemInfo.tradeInInfo", "parentASIN",
    "offersV2.listings.availability", "offersV2.listings.condition",
    "offersV2.listings.dealDetails", "offersV2.listings.isBuyBoxWinner",
    "offersV2.listings.loyaltyPoints", "offersV2.listings.merchantInfo",
    "offersV2.listings.price", "offersV2.listings.type", "searchRefinements",
})
_JST = timezone(timedelta(hours=9), "JST")
_SUB = {"ほぼ新品": "LikeNew", "非常に良い": "VeryGood", "良い": "Good", "可": "Acceptable"}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _condition(heading: str) -> dict[str, str]:
    """The API's condition for an offer page heading."""
    if heading == "新品":
        return {"value": "New", "subCondition": "Unknown"}
    if heading in ("整備済み品", "再生品"):
        return {"value": "Refurbished", "subCondition": "Refurbished"}
    kind, _, grade = heading.partition(" - ")
    value = "Collectible" if kind.startswith("コレクター") else "Used"
    return {"value": value, "subCondition": _SUB.get(grade, "Unknown")}


def _money(amount: int) -> dict[str, Any]:
    return {"amount": amount, "currency": "JPY", "displayAmount": f"￥{amount:,}"}


class AmazonCreatorsService(Service):
    """The Creators API token endpoint and catalog operations over the demo catalogue.

    ``ineligible`` holds credential ids whose Associates account is below the
    ten-qualifying-sales rule (they get 403 ``AssociateNotEligible``);
    ``tokens_issued`` counts the tokens handed out.

    Example:
        >>> from altfinder.sandbox import Sandbox
        >>> Sandbox().service("amazon_creators").hosts
        ('creatorsapi.amazon', 'api.amazon.co.jp')
    """

    name = "amazon_creators"
    hosts = (API_HOST, TOKEN_HOST)
    interval = 1.0  # one request per second per credential
    demo_credentials: ClassVar[dict[str, str]] = {
        "credential_id": "amzn1.application-oa2-client.sandbox0000000000000001",
        "credential_secret": "amzn1.oa2-cs.v1.sandbox-secret-0001",
        "partner_tag": "altfinder-22",
    }

    def __init__(self, sandbox: Any) -> None:
        super().__init__(sandbox)
        self.items: dict[str, AmazonItem] = {item.asin: item for item in amazon_items()}
        self.tokens: dict[str, tuple[str, float]] = {}
        self.tokens_issued = 0
        self.ineligible: set[str] = set()

    # -- answers in the API's shapes ---------------------------------------------------
    @staticmethod
    def _exception(status: int, kind: str, message: str, reason: str | None = None,
                   headers: dict[str, str] | None = None) -> SandboxResponse:
        body: dict[str, Any] = {"type": kind, "message": message}
        if reason:
            body["reason"] = reason
        return SandboxResponse.json_body(body, status=status, headers=headers)

    def error(self, status: int, retry_after: float | None = None) -> SandboxResponse:
        """The API's exception body for an HTTP error status.

        Example:
            >>> from altfinder.sandbox import Sandbox
            >>> Sandbox().service("amazon_creators").error(403).status
            403
        """
        headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else None
        shapes = {
            400: ("ValidationException", "The request has an invalid parameter.", "Other"),
            401: ("UnauthorizedException", "The access token is invalid.", "InvalidToken"),
            403: ("AccessDeniedException",
                  "Your account does not currently meet the eligibility requirements.",
                  "AssociateNotEligible"),
            404: ("ResourceNotFoundException", "No results found for your request.", None),
            429: ("ThrottleException", "Rate exceeded", None),
            500: ("InternalServerException", "An internal error occurred.", None),
            503: ("ServiceUnavailableException", "Service is temporarily unavailable.", None),
        }
        kind, message, reason = shapes.get(status, ("InternalServerException", "Error", None))
        return self._exception(status, kind, message, reason, headers)

    def empty(self, request: SandboxRequest) -> SandboxResponse:
        """No items: ``getItems`` answers per-item errors, ``searchItems`` a 404.

        Example:
            >>> # service.empty(request)
        """
        if request.path == SEARCH_ITEMS:
            return self.error(404)
        if request.path == TOKEN_PATH:
            return self._token(request)
        body = request.json() or {}
        return SandboxResponse.json_body({"errors": [
            {"code": "ItemNotAccessible",
             "message": f"The ItemId {asin} is not accessible through the Creators API."}
            for asin in body.get("itemIds", [])]})

    def malformed(self) -> SandboxResponse:
        """A JSON body cut off in the middle.

        Example:
            >>> # service.malformed().status == 200
        """
        return SandboxResponse.text('{"itemsResult": {"items": [{"asin": "B0',
                                    content_type="application/json;charset=UTF-8")

    def unexpected_schema(self) -> SandboxResponse:
        """A JSON body in a shape the contract does not describe.

        Example:
            >>> # service.unexpected_schema().status == 200
        """
        return SandboxResponse.json_body({"ItemsResult": {"Items": "moved"}, "version": 99})

    # -- routing -----------------------------------------------------------------------
    async def handle(self, request: SandboxRequest) -> SandboxResponse:
        """Answer a token or catalog request.

        Example:
            >>> # await service.handle(SandboxRequest.build("POST", url, headers, body))
        """
        if request.host == TOKEN_HOST:
            if request.path != TOKEN_PATH or request.method != "POST":
                return SandboxResponse.json_body({"error": "invalid_request",
                                                  "error_description": "Not Found"}, status=404)
            return self._token(request)
        if request.method != "POST" or request.path not in (GET_ITEMS, SEARCH_ITEMS):
            return self._exception(404, "ResourceNotFoundException", "Unknown operation")
        return self._catalog(request)

    # -- the token endpoint --------------------------------------------------------------
    def _token(self, request: SandboxRequest) -> SandboxResponse:
        content_type = request.headers.get("content-type", "")
        try:
            fields = request.json() if "json" in content_type else request.form()
        except ValueError:
            fields = None
        if not isinstance(fields, dict):
            return SandboxResponse.json_body({"error": "invalid_request",
                                              "error_description": "Malformed request"}, 400)
        if fields.get("grant_type") != "client_credentials":
            return SandboxResponse.json_body({
                "error": "unsupported_grant_type",
                "error_description": "The authorization grant type is not supported"}, 400)
        valid = self.sandbox.valid_credentials(self.name)
        if fields.get("client_id") not in valid or fields.get("client_secret") not in valid:
            return SandboxResponse.json_body({"error": "invalid_client",
                                              "error_description": "Client authentication failed"},
                                             401)
        if fields.get("scope") != SCOPE:
            return SandboxResponse.json_body({"error": "invalid_scope",
                                              "error_description": "The scope is invalid"}, 400)
        token = "Atc|sandbox-" + secrets.token_hex(24)
        self.tokens[token] = (str(fields["client_id"]),
                              self.sandbox.clock() + TOKEN_LIFETIME)
        self.tokens_issued += 1
        return SandboxResponse.json_body({"access_token": token, "token_type": "bearer",
                                          "expires_in": TOKEN_LIFETIME})

    # -- catalog -------------------------------------------------------------------------
    def _catalog(self, request: SandboxRequest) -> SandboxResponse:
        auth = request.headers.get("authorization", "")
        if not auth.startswith("Bearer "):
            return self._exception(401, "UnauthorizedException", "Missing access token",
                                   "MissingCredential")
        token = auth[len("Bearer "):].split(",")[0].strip()
        grant = self.tokens.get(token)
        if grant is None:
            return self._exception(401, "UnauthorizedException", "The access token is invalid.",
                                   "InvalidToken")
        credential, expires = grant
        if self.sandbox.clock() >= expires:
            return self._exception(401, "UnauthorizedException", "The access token has expired.",
                                   "TokenExpired")
        marketplace = request.headers.get("x-marketplace", "")
        if marketplace != MARKETPLACE:
            return self._exception(400, "ValidationException",
                                   f"Marketplace '{marketplace}' is not supported by this "
                                   "endpoint.", "FieldValidationFailed")
        if credential in self.ineligible:
            return self.error(403)
        if not self.rate.admit(credential):
            return self.error(429)
        try:
            body = request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return self._exception(400, "ValidationException", "Cannot parse the request body.",
                                   "CannotParse")
        if body.get("partnerTag") not in self.sandbox.valid_credentials(self.name):
            return self._exception(400, "ValidationException",
                                   "The partner tag is invalid or not present.",
                                   "InvalidPartnerTag")
        resources = body.get("resources") or []
        unknown = [r for r in resources if r not in RESOURCES]
        if unknown:
            return self._exception(400, "ValidationException",
                                   f"The value {unknown[0]!r} provided for resources is invalid.",
                                   "FieldValidationFailed")
        condition = body.get("condition", "Any")
        if condition not in ("Any", "New"):
            return self._exception(400, "ValidationException",
                                   f"The value {condition!r} provided for condition is invalid.",
                                   "FieldValidationFailed")
        wanted = set(resources)
        if request.path == GET_ITEMS:
            return self._get_items(body, wanted, condition)
        return self._search_items(body, wanted, condition)

    def _get_items(self, body: dict[str, Any], wanted: set[str], condition: str
                   ) -> SandboxResponse:
        ids = body.get("itemIds")
        if not isinstance(ids, list) or not 1 <= len(ids) <= 10:
            return self._exception(400, "ValidationException",
                                   "itemIds must hold 1 to 10 ASINs.", "FieldValidationFailed")
        items: list[dict[str, Any]] = []
        errors: list[dict[str, str]] = []
        for asin in ids:
            item = self.items.get(str(asin).upper())
            if item is None:
                errors.append({"code": "InvalidParameterValue",
                               "message": f"The ItemId {asin} provided in the request is invalid."})
            else:
                items.append(self._item(item, wanted, condition))
        payload: dict[str, Any] = {}
        if items:
            payload["itemsResult"] = {"items": items}
        if errors:
            payload["errors"] = errors
        return SandboxResponse.json_body(payload)

    def _search_items(self, body: dict[str, Any], wanted: set[str], condition: str
                      ) -> SandboxResponse:
        keywords = str(body.get("keywords") or "").strip()
        if not keywords:
            return self._exception(400, "ValidationException",
                                   "Either keywords or another search parameter is required.",
                                   "FieldValidationFailed")
        count = int(body.get("itemCount", 10))
        page = int(body.get("itemPage", 1))
        if not 1 <= count <= 10 or not 1 <= page <= 10:
            return self._exception(400, "ValidationException",
                                   "itemCount and itemPage must be 1 to 10.",
                                   "FieldValidationFailed")
        words = [_fold(w) for w in keywords.split()]
        found = [item for item in self.items.values() if self._matches(item, words)]
        if condition == "New":
            found = [i for i in found if any(o.condition == "新品" for o in i.offers)]
        chunk = found[(page - 1) * count:page * count]
        if not chunk:
            return self.error(404)
        return SandboxResponse.json_body({"searchResult": {
            "items": [self._item(item, wanted, condition) for item in chunk],
            "totalResultCount": len(found),
            "searchURL": f"https://www.amazon.co.jp/s?k={keywords}&tag={body['partnerTag']}",
        }})

    @staticmethod
    def _matches(item: AmazonItem, words: list[str]) -> bool:
        if len(words) == 1 and words[0].isdigit():
            code = words[0]
            return code in item.eans or code in item.isbns or code in item.keyword_jans
        title = _fold(item.title)
        return all(word in title for word in words)

    # -- one item --------------------------------------------------------------------------
    def _listings(self, item: AmazonItem, condition: str) -> list[AmazonOfferListing]:
        in_stock = [o for o in item.offers if o.in_stock]
        if condition == "New":
            in_stock = [o for o in in_stock if o.condition == "新品"]
        chosen = in_stock[:1]
        outlet = next((o for o in in_stock if o.seller == "Amazonアウトレット"), None)
        if condition == "Any" and outlet is not None and outlet not in chosen:
            chosen.append(outlet)
        return chosen

    def _listing(self, offer: AmazonOfferListing, buy_box: bool, wanted: set[str]
                 ) -> dict[str, Any]:
        listing: dict[str, Any] = {}
        if "offersV2.listings.availability" in wanted:
            slow = offer.delivery[1] > 7
            listing["availability"] = {
                "type": "LEADTIME" if slow else "IN_STOCK",
                "message": "通常3～6週間以内に発送します。" if slow else "在庫あり。",
                "maxOrderQuantity": 3, "minOrderQuantity": 1}
        if "offersV2.listings.condition" in wanted:
            listing["condition"] = _condition(offer.condition)
            if offer.condition_note:
                listing["condition"]["conditionNote"] = offer.condition_note
        if "offersV2.listings.dealDetails" in wanted and offer.deal_badge:
            now = datetime.fromtimestamp(self.sandbox.clock(), _JST)
            listing["dealDetails"] = {
                "accessType": "PRIME_EXCLUSIVE" if offer.prime_only else "ALL",
                "badge": offer.deal_badge,
                "startTime": (now - timedelta(days=1)).astimezone(UTC).strftime(
                    "%Y-%m-%dT%H:%M:%SZ"),
                "endTime": (now + timedelta(days=2)).astimezone(UTC).strftime(
                    "%Y-%m-%dT%H:%M:%SZ"),
                "percentClaimed": 42,
            }
        if "offersV2.listings.isBuyBoxWinner" in wanted:
            listing["isBuyBoxWinner"] = buy_box
        if "offersV2.listings.loyaltyPoints" in wanted and offer.points:
            listing["loyaltyPoints"] = {"points": offer.points}
        if "offersV2.listings.merchantInfo" in wanted:
            listing["merchantInfo"] = {"id": offer.seller_id, "name": offer.seller}
        if "offersV2.listings.price" in wanted:
            price: dict[str, Any] = {"money": _money(offer.price)}
            if offer.list_price and offer.list_price > offer.price:
                saved = offer.list_price - offer.price
                price["savingBasis"] = {"money": _money(offer.list_price),
                                        "savingBasisType": "LIST_PRICE",
                                        "savingBasisTypeLabel": "参考価格"}
                price["savings"] = {"money": _money(saved),
                                    "percentage": round(saved * 100 / offer.list_price)}
            listing["price"] = price
        listing["violatesMAP"] = False
        return listing

    def _item(self, item: AmazonItem, wanted: set[str], condition: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "asin": item.asin,
            "detailPageURL": f"https://www.amazon.co.jp/dp/{item.asin}?tag=altfinder-22"
                             "&linkCode=ogi&th=1&psc=1",
        }
        if wanted & {"images.primary.small", "images.primary.medium", "images.primary.large"}:
            out["images"] = {"primary": {"medium": {
                "url": f"https://m.media-amazon.com/images/I/{item.asin}._SL160_.jpg",
                "height": 160, "width": 160}}}
        info: dict[str, Any] = {}
        if "itemInfo.title" in wanted:
            info["title"] = {"displayValue": item.title, "label": "Title", "locale": "ja_JP"}
        if "itemInfo.byLineInfo" in wanted and item.brand:
            info["byLineInfo"] = {"brand": {"displayValue": item.brand, "label": "Brand",
                                            "locale": "ja_JP"}}
        if "itemInfo.externalIds" in wanted and (item.eans or item.isbns):
            ids: dict[str, Any] = {}
            if item.eans:
                ids["eans"] = {"displayValues": list(item.eans), "label": "EAN",
                               "locale": "ja_JP"}
            if item.isbns:
                ids["isbns"] = {"displayValues": list(item.isbns), "label": "ISBN",
                                "locale": "ja_JP"}
            info["externalIds"] = ids
        if "itemInfo.manufactureInfo" in wanted and item.model:
            info["manufactureInfo"] = {"model": {"displayValue": item.model, "label": "Model",
                                                 "locale": "ja_JP"}}
        if info:
            out["itemInfo"] = info
        if any(r.startswith("offersV2.") for r in wanted):
            chosen = self._listings(item, condition)
            if chosen:
                out["offersV2"] = {"listings": [
                    self._listing(offer, n == 0, wanted) for n, offer in enumerate(chosen)]}
        return out
