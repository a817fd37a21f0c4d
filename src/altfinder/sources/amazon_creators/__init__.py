"""Amazon.co.jp — the Creators API (the successor of PA-API 5, retired in 2026).

OAuth2 client credentials (Login with Amazon, Far-East region for www.amazon.co.jp: the
"3.3" credentials), then ``POST https://creatorsapi.amazon/catalog/v1/getItems`` /
``searchItems`` with ``Authorization: Bearer <token>`` and
``x-marketplace: www.amazon.co.jp``. It is the one reliable way between Amazon's codes
and everyone else's:

* an ASIN input → ``getItems`` → ``itemInfo.externalIds.eans`` → the JAN the other
  marketplaces search by;
* a JAN input → ``searchItems`` with the JAN as keywords, keeping only items whose
  ``externalIds`` carry that JAN (one JAN can have several ASINs; look-alikes that merely
  mention it are dropped, with their reason) → the ASINs the ``amazon`` source lists
  offers for.

Its offers (``offersV2``) are few — the featured offer, and the Amazonアウトレット listing
when Amazon returns it — and carry price, condition, merchant, availability, points and
deals, but no shipping fee and no seller rating; the ``amazon`` source sees those.

Access needs an Associates account with at least ten qualifying sales in the last 30
days (403 ``AssociateNotEligible`` otherwise). Hosts, paths, the token URL, the credential
version and the header names are constructor options: the contract is new and partly
uncertain.

This module is the source (configuration, requests, the search flow); ``_wire`` holds the
answers' pydantic models, ``_parse`` reads payloads into items and offers, ``_oauth`` knows
the token endpoints and caches tokens, ``_errors`` maps error answers to typed errors.

Example:
    >>> from altfinder.sources import AmazonCreators
    >>> AmazonCreators(credential_id="amzn1.application-oa2-client.x", credential_secret="s3cr3t",
    ...                partner_tag="mytag-22")
    AmazonCreators(credential_id=***, credential_secret=***, partner_tag=***)
"""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar

import httpx
from pydantic import ValidationError

from altfinder.errors import AuthenticationError, BlockedError, ConfigurationError, ParseError
from altfinder.http import RateLimit, SourceHttp, parse_retry_after, redact, register_secret
from altfinder.models import ExclusionReason, Identity, Product
from altfinder.sources._amazon import listing_key
from altfinder.sources.amazon_creators._errors import (
    _check_api_answer,
    _check_token_answer,
    _TokenRefusedError,
)
from altfinder.sources.amazon_creators._oauth import (
    COGNITO_SCOPE,
    LWA_SCOPE,
    TOKEN_RATE,
    TOKEN_URLS,
    _cached,
    _fetch_lock,
    _forget,
    _remember,
)
from altfinder.sources.amazon_creators._parse import (
    SOURCE,
    CreatorsItem,
    CreatorsPage,
    item_offers,
    parse_get_items,
    parse_search_items,
)
from altfinder.sources.amazon_creators._wire import _TokenAnswer
from altfinder.sources.base import SearchContext, Source

__all__ = [
    "AmazonCreators",
    "CreatorsItem",
    "CreatorsPage",
    "item_offers",
    "parse_get_items",
    "parse_search_items",
]

API_HOST = "https://creatorsapi.amazon"
GET_ITEMS_PATH = "/catalog/v1/getItems"
SEARCH_ITEMS_PATH = "/catalog/v1/searchItems"
MARKETPLACE = "www.amazon.co.jp"

OFFER_RESOURCES = (
    "offersV2.listings.availability", "offersV2.listings.condition",
    "offersV2.listings.dealDetails", "offersV2.listings.isBuyBoxWinner",
    "offersV2.listings.loyaltyPoints", "offersV2.listings.merchantInfo",
    "offersV2.listings.price", "offersV2.listings.type",
)
ITEM_RESOURCES = (
    "itemInfo.title", "itemInfo.byLineInfo", "itemInfo.externalIds",
    "itemInfo.manufactureInfo", "images.primary.medium",
)


class AmazonCreators(Source):
    """Amazon.co.jp through the Creators API (codes both ways, the featured offers).

    Args:
        credential_id / credential_secret: the Creators API credentials (Associates
            Central → Creators API); or ``ALTFINDER_AMAZON_CREDENTIAL_ID`` /
            ``ALTFINDER_AMAZON_CREDENTIAL_SECRET``.
        partner_tag: the Associates tracking id (``xxxx-22``); or
            ``ALTFINDER_AMAZON_PARTNER_TAG``.
        credential_version: ``"3.3"`` (Login with Amazon, Far East — www.amazon.co.jp);
            ``2.x`` legacy Cognito credentials are understood too
            (``ALTFINDER_AMAZON_CREDENTIAL_VERSION``).
        token_url / scope: override the version's token endpoint and scope.
        api_host, get_items_path, search_items_path: where the operations live.
        marketplace, marketplace_header, authorization_header: the marketplace and the
            header names the API reads (``x-marketplace``, ``Authorization``).
        max_search_pages: pages of ten items to read when matching a JAN (1–10).
        prime_member: count Prime-member-only deal prices (excluded otherwise).
        keep_affiliate_tag: keep ``tag=`` in listing URLs (they earn you commission but
            show your tracking id in results); stripped by default.
        rate_limit: override the 1 request per second the API grants new accounts.

    Example:
        >>> src = AmazonCreators(credential_id="amzn1.application-oa2-client.x",
        ...                      credential_secret="s3cr3t", partner_tag="mytag-22")
        >>> src.token_url
        'https://api.amazon.co.jp/auth/o2/token'
    """

    name: ClassVar[str] = SOURCE  # "amazon_creators"
    label: ClassVar[str] = "Amazon.co.jp (Creators API)"
    rate_limit: ClassVar[RateLimit] = RateLimit(requests=1, per_seconds=1.0)
    credentials: ClassVar[dict[str, str]] = {
        "credential_id": "ALTFINDER_AMAZON_CREDENTIAL_ID",
        "credential_secret": "ALTFINDER_AMAZON_CREDENTIAL_SECRET",
        "partner_tag": "ALTFINDER_AMAZON_PARTNER_TAG",
    }
    optional_env: ClassVar[dict[str, str]] = {
        "credential_version": "ALTFINDER_AMAZON_CREDENTIAL_VERSION",
    }
    describes_product: ClassVar[bool] = True
    describe_priority: ClassVar[int] = 10  # Amazon's catalogue: title, brand, model, JAN
    listing_preference: ClassVar[int] = 20  # the API's copy of a listing lends its points
    hosts: ClassVar[tuple[str, ...]] = ("creatorsapi.amazon", "api.amazon.co.jp")
    cache_ttl: ClassVar[float] = 3600.0
    #: The Associates terms let API data be kept at most 24 hours [uncertain for Creators].
    cache_ttl_max: ClassVar[float | None] = 86400.0

    def __init__(
        self,
        *,
        credential_id: str | None = None,
        credential_secret: str | None = None,
        partner_tag: str | None = None,
        credential_version: str = "3.3",
        token_url: str | None = None,
        scope: str | None = None,
        api_host: str = API_HOST,
        get_items_path: str = GET_ITEMS_PATH,
        search_items_path: str = SEARCH_ITEMS_PATH,
        marketplace: str = MARKETPLACE,
        marketplace_header: str = "x-marketplace",
        authorization_header: str = "Authorization",
        max_search_pages: int = 2,
        prime_member: bool = False,
        keep_affiliate_tag: bool = False,
        rate_limit: RateLimit | None = None,
        request_timeout: float | None = None,
    ) -> None:
        super().__init__(rate_limit=rate_limit, request_timeout=request_timeout)
        self._credential_id = self._credential("credential_id", credential_id)
        self._credential_secret = self._credential("credential_secret", credential_secret)
        self._partner_tag = self._credential("partner_tag", partner_tag)
        family = credential_version.partition(".")[0]
        if family not in ("2", "3"):
            raise ConfigurationError(
                f"amazon_creators: credential_version {credential_version!r} is not a 2.x "
                "(Cognito) or 3.x (Login with Amazon) version")
        resolved_url = token_url or TOKEN_URLS.get(credential_version)
        if resolved_url is None:
            raise ConfigurationError(
                f"amazon_creators: no known token endpoint for credential_version "
                f"{credential_version!r}; pass token_url=... (known: {', '.join(TOKEN_URLS)})")
        if not 1 <= max_search_pages <= 10:
            raise ConfigurationError("amazon_creators: max_search_pages must be 1–10")
        self.credential_version = credential_version
        self.lwa = family == "3"
        self.token_url = resolved_url
        self.scope = scope or (LWA_SCOPE if self.lwa else COGNITO_SCOPE)
        self.api_host = api_host.rstrip("/")
        self.get_items_path = get_items_path
        self.search_items_path = search_items_path
        self.marketplace = marketplace
        self.marketplace_header = marketplace_header
        self.authorization_header = authorization_header
        self.max_search_pages = max_search_pages
        self.prime_member = prime_member
        self.keep_affiliate_tag = keep_affiliate_tag
        material = "\0".join((self.token_url, self.scope, self._credential_id,
                              self._credential_secret))
        self._token_key = hashlib.sha256(material.encode()).hexdigest()

    # -- errors ------------------------------------------------------------------------
    def _is_token_endpoint(self, url: httpx.URL) -> bool:
        wanted = httpx.URL(self.token_url)
        return url.host == wanted.host and url.path == wanted.path

    def check_response(self, response: httpx.Response) -> None:
        """Map the token endpoint's OAuth errors and the API's exception bodies to typed
        errors; a 404 from the catalog ("no results") is left to :meth:`search`.

        Example:
            >>> src = AmazonCreators(credential_id="amzn1.x", credential_secret="s3cr3t",
            ...                      partner_tag="tag-22")
            >>> body = {"message": "Your account does not currently meet the eligibility "
            ...         "requirements.", "reason": "AssociateNotEligible",
            ...         "type": "AccessDeniedException"}
            >>> answer = httpx.Response(403, json=body, request=httpx.Request(
            ...     "POST", API_HOST + GET_ITEMS_PATH))
            >>> src.check_response(answer)  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            altfinder.errors.AuthenticationError: amazon_creators: HTTP 403 ...
        """
        status = response.status_code
        if status < 400:
            return
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            body = {}
            if status == 403 and "html" in response.headers.get("content-type", "").lower():
                raise BlockedError(f"{self.name}: HTTP 403 with an HTML page, not the API's "
                                   "answer: an edge or firewall block", source=self.name)
        if self._is_token_endpoint(response.request.url):
            _check_token_answer(status, body, retry_after, source=self.name, scope=self.scope,
                                credential_version=self.credential_version,
                                token_url=self.token_url)
        else:
            _check_api_answer(response, body, retry_after, source=self.name,
                              marketplace=self.marketplace)

    # -- tokens --------------------------------------------------------------------------
    async def _token(self, ctx: SearchContext) -> str:
        cached = _cached(self._token_key)
        if cached is not None:
            return cached.value
        async with _fetch_lock(self._token_key):
            cached = _cached(self._token_key)
            if cached is not None:
                return cached.value
            fields = {"grant_type": "client_credentials", "client_id": self._credential_id,
                      "client_secret": self._credential_secret, "scope": self.scope}
            # The token endpoint is Login with Amazon, not the catalog: its own pace, so a
            # token fetch does not take one of the catalog's one-per-second slots.
            http = SourceHttp(ctx.http.client, source=self.name,
                              limiter_key=f"{self.limiter_key}:token", rate_limit=TOKEN_RATE,
                              check=self.check_response, deadline=ctx.http.deadline,
                              request_timeout=self.request_timeout,
                              headers=self.default_headers())
            try:
                if self.lwa:
                    response = await http.request("POST", self.token_url, json=fields)
                else:
                    response = await http.request("POST", self.token_url, data=fields)
            finally:
                ctx.http.requests_sent += http.requests_sent
            try:
                answer = _TokenAnswer.model_validate(response.json())
            except (ValueError, ValidationError):
                raise ParseError(f"{self.name}: the token endpoint's answer has no access_token",
                                 source=self.name) from None
            register_secret(answer.access_token)
            _remember(self._token_key, answer.access_token, answer.expires_in)
            return answer.access_token

    def _authorization(self, token: str) -> str:
        if self.lwa:
            return f"Bearer {token}"
        return f"Bearer {token}, Version {self.credential_version}"

    async def _call(self, ctx: SearchContext, path: str, body: dict[str, Any]
                    ) -> httpx.Response:
        url = f"{self.api_host}{path}"
        cache = ctx.http.cache
        if cache is not None and _cached(self._token_key) is None:
            # A warm cache answers without a token: do not fetch one just to read it.
            probe = ctx.http.client.build_request("POST", url, json=body)
            hit = await cache.get(cache.key(self.name, probe), probe)
            if hit is not None:
                ctx.http.cache_hits += 1
                return hit
        for attempt in (1, 2):
            token = await self._token(ctx)
            headers = {
                self.authorization_header: self._authorization(token),
                self.marketplace_header: self.marketplace,
                "Content-Type": "application/json; charset=utf-8",
                "Accept": "application/json",
            }
            try:
                # The body names no secret (the partner tag is redacted in the cache key).
                return await ctx.http.request("POST", url, json=body, headers=headers,
                                              cache=True)
            except _TokenRefusedError as exc:
                _forget(self._token_key, token)
                if attempt == 2:
                    raise AuthenticationError(f"{exc.message} — even with a new token",
                                              source=self.name) from None
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _json(response: httpx.Response, operation: str) -> Any:
        if response.status_code == 404:
            return {"errors": [{"code": "NoResults",
                                "message": "No results found for your request."}]}
        try:
            return response.json()
        except ValueError:
            raise ParseError(f"amazon_creators: the {operation} answer is not JSON",
                             source=AmazonCreators.name) from None

    def _body(self, **fields: Any) -> dict[str, Any]:
        return {"partnerTag": self._partner_tag, "condition": "Any",
                "languagesOfPreference": ["ja_JP"], "currencyOfPreference": "JPY",
                "resources": [*ITEM_RESOURCES, *OFFER_RESOURCES], **fields}

    # -- search ------------------------------------------------------------------------
    async def search(self, ctx: SearchContext) -> None:
        """Resolve the code across marketplaces and add the API's offers.

        An ASIN (or ISBN-10 book) → ``getItems`` → its JAN, title and brand for the other
        sources; a JAN → ``searchItems`` → the ASINs that carry it for the ``amazon``
        source.

        Example:
            >>> # await AmazonCreators(...).search(ctx)
        """
        if ctx.code.asin:
            await self._by_asin(ctx, ctx.code.asin)
        else:
            await self._by_jan(ctx, ctx.code.value)

    def _notes_for(self, ctx: SearchContext, page: CreatorsPage) -> None:
        for problem in page.problems:
            ctx.note(f"{self.name}: skipped an unreadable item ({problem})")
        for code, message in page.errors:
            if code == "NoResults":
                continue
            ctx.note(f"{self.name}: {code}: {redact(message)}")

    def _add(self, ctx: SearchContext, item: CreatorsItem, *, jan: str | None) -> None:
        if not item.has_offers:
            ctx.note(f"{self.name}: {item.asin} has no offer through the Creators API "
                     "(discontinued or out of stock)")
            return
        offers, excluded, problems = item_offers(
            item, now=ctx.now, jan=jan, prime_member=self.prime_member,
            keep_affiliate_tag=self.keep_affiliate_tag)
        for problem in problems:
            ctx.note(f"{self.name}: skipped an unreadable listing ({problem})")
        for offer, reason, detail in excluded:
            ctx.exclude(offer, reason, detail)
        for offer in offers:
            seller = offer.seller
            ctx.add(offer.model_copy(update={"listing_key": listing_key(
                offer.asin, offer.condition, seller.id if seller else None,
                seller.name if seller else None)}))

    async def _by_asin(self, ctx: SearchContext, asin: str) -> None:
        response = await self._call(ctx, self.get_items_path, self._body(itemIds=[asin]))
        page = parse_get_items(self._json(response, "getItems"))
        self._notes_for(ctx, page)
        item = next((i for i in page.items if i.asin == asin), None)
        if item is None:
            if all(code == "NoResults" for code, _ in page.errors):
                ctx.note(f"{self.name}: getItems returned nothing for {asin} (not exposed to "
                         "the API, or discontinued)")
            return
        if ctx.code.kind == "asin":
            jan = item.jan
            ctx.describe(Product(jan=jan, asin=asin, title=item.title, brand=item.brand,
                                 model_number=item.model))
            if jan is None:
                ctx.note(f"{self.name}: {asin} carries no JAN/EAN in its catalog entry; the "
                         "other marketplaces can only search by its title")
        else:
            ctx.describe(Product(title=item.title, brand=item.brand))
        self._add(ctx, item, jan=None)

    async def _by_jan(self, ctx: SearchContext, jan: str) -> None:
        matched: list[CreatorsItem] = []
        others: list[CreatorsItem] = []
        for number in range(1, self.max_search_pages + 1):
            response = await self._call(ctx, self.search_items_path, self._body(
                keywords=jan, searchIndex="All", itemCount=10, itemPage=number))
            page = parse_search_items(self._json(response, "searchItems"))
            self._notes_for(ctx, page)
            for item in page.items:
                (matched if item.carries(jan) else others).append(item)
            seen = (number - 1) * 10 + len(page.items)
            if len(page.items) < 10 or (page.total is not None and seen >= page.total):
                break
        if matched:
            first = matched[0]
            ctx.describe(Product(asins=tuple(i.asin for i in matched), title=first.title,
                                 brand=first.brand, model_number=first.model))
        else:
            ctx.note(f"{self.name}: no Amazon.co.jp item carries JAN {jan}"
                     + (f" ({len(others)} keyword matches carry other codes)" if others else ""))
        for item in matched:
            self._add(ctx, item, jan=jan)
        for item in others:
            self._drop_look_alike(ctx, item, jan)

    def _drop_look_alike(self, ctx: SearchContext, item: CreatorsItem, jan: str) -> None:
        if item.codes:
            reason = ExclusionReason.OTHER_PRODUCT
            detail = (f"searchItems returned {item.asin} for JAN {jan}, but its external ids "
                      f"are {', '.join(item.codes)}")
        else:
            reason = ExclusionReason.UNVERIFIED
            detail = (f"searchItems returned {item.asin} for JAN {jan}, but it carries no "
                      "JAN/EAN to confirm it")
        offers, excluded, _ = item_offers(item, now=ctx.now, identity=Identity.TITLE,
                                          keep_affiliate_tag=self.keep_affiliate_tag)
        for offer in [*offers, *(o for o, _, _ in excluded)]:
            ctx.exclude(offer, reason, detail)
        if not offers and not excluded:
            ctx.note(f"{self.name}: dropped look-alike {item.asin} ({detail})")
