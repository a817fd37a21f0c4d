"""Amazon.co.jp All Offers Display pages, as the sandbox serves them.

Written from what the pages are: ``GET /gp/aod/ajax/?asin=<ASIN>&pc=dp`` on
``www.amazon.co.jp`` answers an HTML fragment in Japanese — the product header, the
pinned (featured) offer, and ten listed offers; ``pageno=N&isonlyrenderofferlist=true``
answers the next ten without the header. Each offer block carries its condition heading
(``#aod-offer-heading``), its price (``.a-price`` with an empty ``.a-offscreen`` and the
value in the accessibility label and whole-number spans, as the real markup has it), the
delivery promise (``data-csa-c-delivery-*``), 出荷元 and 販売元 (a seller link with
``seller=<id>``), the seller rating, and points. An unknown ASIN is a 404 page.

Clients that keep coming too fast (three pages closer than a second apart within ten
seconds) get Amazon's robot answer: HTTP 503 with "To discuss automated access to Amazon
data"; the ``antibot`` fault answers the captcha page (``/errors/validateCaptcha``) with
HTTP 200.
"""

from __future__ import annotations

import html
import time
from collections import deque
from datetime import datetime, timedelta, timezone
from typing import Any, ClassVar

from altfinder.sandbox.app import SandboxRequest, SandboxResponse, Service
from altfinder.sandbox.listings.amazon import (
    AMAZON_JP_ID,
    AmazonItem,
    AmazonOfferListing,
    amazon_item,
)

__all__ = ["AmazonAodService", "captcha_page", "robot_page"]

PATHS = ("/gp/aod/ajax/", "/gp/aod/ajax", "/gp/product/ajax/aodAjaxMain/")
PAGE_SIZE = 10
STRIKE_WINDOW = 10.0  # seconds (scaled by the sandbox's time_scale)
_WEEKDAYS = ("月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日")
_JST = timezone(timedelta(hours=9), "JST")


def robot_page() -> str:
    """Amazon's answer to automated clients (served with HTTP 503).

    Example:
        >>> "automated access" in robot_page()
        True
    """
    return (
        '<!DOCTYPE html>\n<html lang="ja"><head><meta charset="utf-8">'
        "<title>Amazon.co.jp</title></head><body>\n"
        '<div class="a-container"><h4>申し訳ございません</h4>\n'
        "<p>お客様のリクエストの処理中にエラーが発生しました。しばらくしてからもう一度お試しください。</p>\n"
        "<!--\n        To discuss automated access to Amazon data please contact "
        "api-services-support@amazon.com.\n        For information about migrating to our APIs, "
        "refer to our Marketplace APIs.\n-->\n"
        '<a href="/ref=cs_503_link"><img alt="Amazon.co.jp" src="https://images-fe.ssl-images-amazon.com/images/G/09/x-locale/common/amazon-logo.png"></a>'
        "</div></body></html>\n"
    )


def captcha_page(asin: str = "") -> str:
    """Amazon's captcha page (HTTP 200): a form posting to ``/errors/validateCaptcha``.

    Example:
        >>> "validateCaptcha" in captcha_page("B098RKWHHZ")
        True
    """
    back = html.escape(f"/gp/aod/ajax/?asin={asin}&pc=dp", quote=True)
    return (
        '<!doctype html><html lang="ja" class="a-no-js"><head><meta charset="utf-8">'
        '<title dir="ltr">Amazon.co.jp</title></head><body>\n'
        '<div class="a-container a-padding-double-large"><div class="a-row a-text-center">'
        '<img src="https://images-na.ssl-images-amazon.com/images/G/09/captcha/logo.png"></div>\n'
        '<div class="a-box a-alert a-alert-info a-spacing-base"><div class="a-box-inner">'
        '<h4>文字を入力してください</h4>\n<p class="a-last">'
        "申し訳ありませんが、お客様がロボットでないことを確認させていただく必要があります。"
        "最良のアクセス体験を確保するために、お使いのブラウザがクッキーを"
        "受け入れていることを確認してください。</p></div></div>\n"
        '<form method="get" action="/errors/validateCaptcha" name="">'
        '<input type=hidden name="amzn" value="sandboxToken0123==" />'
        f'<input type=hidden name="amzn-r" value="{back}" />'
        '<div class="a-row a-text-center"><img src="https://images-na.ssl-images-amazon.com/'
        'captcha/sandbox/Captcha_sandbox.jpg"></div>'
        '<input autocomplete="off" spellcheck="false" placeholder="文字を入力してください" '
        'id="captchacharacters" name="field-keywords" type="text">'
        '<button type="submit" class="a-button-text">ショッピングを続ける</button>'
        "</form></div></body></html>\n"
    )


def _not_found_page() -> str:
    return (
        '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">'
        "<title>ページが見つかりません</title></head><body>"
        '<div id="g"><a href="/ref=cs_404_logo"><img alt="Amazon.co.jp"></a>'
        "<p>お探しのページは見つかりません。</p></div></body></html>"
    )


def _yen(value: int) -> str:
    return f"￥{value:,}"


class AmazonAodService(Service):
    """The All Offers Display pages of ``www.amazon.co.jp`` over the demo catalogue.

    Example:
        >>> from altfinder.sandbox import Sandbox
        >>> Sandbox().service("amazon").hosts
        ('www.amazon.co.jp',)
    """

    name = "amazon"
    hosts = ("www.amazon.co.jp",)
    interval = 1.0  # pages closer than this are "too fast"...
    strikes = 3  # ...and this many too-fast pages within STRIKE_WINDOW earn the robot page
    demo_credentials: ClassVar[dict[str, str]] = {}

    def __init__(self, sandbox: Any) -> None:
        super().__init__(sandbox)
        self._too_fast: dict[str, deque[float]] = {}

    def _robot_check(self, client: str) -> bool:
        """Whether ``client`` has come too fast too often (an occasional burst is let by)."""
        if self.rate.admit(client):
            return False
        now = time.monotonic()
        window = STRIKE_WINDOW / self.sandbox.time_scale
        recent = self._too_fast.setdefault(client, deque())
        recent.append(now)
        while recent and recent[0] < now - window:
            recent.popleft()
        return len(recent) >= self.strikes

    # -- answers in Amazon's shapes ------------------------------------------------------
    def error(self, status: int, retry_after: float | None = None) -> SandboxResponse:
        """Amazon's page for an HTTP error (503 is the robot page, as on amazon.co.jp).

        Example:
            >>> from altfinder.sandbox import Sandbox
            >>> Sandbox().service("amazon").error(503).status
            503
        """
        headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else None
        if status == 503:
            return SandboxResponse.text(robot_page(), status=503, headers=headers)
        if status == 404:
            return SandboxResponse.text(_not_found_page(), status=404, headers=headers)
        return SandboxResponse.text(
            '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>Amazon.co.jp'
            "</title></head><body><p>ただいまサービスをご利用いただけません。</p>"
            f"<!-- HTTP {status} --></body></html>", status=status, headers=headers)

    def antibot(self) -> SandboxResponse:
        """The captcha page, with HTTP 200.

        Example:
            >>> from altfinder.sandbox import Sandbox
            >>> Sandbox().service("amazon").antibot().status
            200
        """
        return SandboxResponse.text(captcha_page())

    def malformed(self) -> SandboxResponse:
        """A page cut off inside the first offer block.

        Example:
            >>> # service.malformed().status == 200
        """
        return SandboxResponse.text(
            '<div id="aod-container" class="a-section"><div id="aod-offer-list">'
            '<div id="aod-offer" class="a-section aod-information-block"><div id="aod-offer-he')

    def unexpected_schema(self) -> SandboxResponse:
        """The offers panel in a layout the contract does not describe (a redesign).

        Example:
            >>> # service.unexpected_schema().status == 200
        """
        return SandboxResponse.text(
            '<div id="aod-container" class="aod-v2"><div id="aod-offer-list">'
            '<div id="aod-offer" class="offer-card-v2" data-offer="o1">'
            '<div class="offer-card-v2__state">新品</div><div class="offer-card-v2__amount">'
            '37980</div><div class="offer-card-v2__merchant">Amazon.co.jp</div></div>'
            '</div></div>')

    def empty(self, request: SandboxRequest) -> SandboxResponse:
        """A product with no offers at all ("おすすめ出品はありません").

        Example:
            >>> # service.empty(request).status == 200
        """
        asin = request.query.get("asin", "")
        item = amazon_item(asin) if asin else None
        title = item.title if item else "商品"
        return SandboxResponse.text(self._page(
            AmazonItem(asin or "B000000000", title, "", ()), [], None, page=1, total=0))

    # -- the endpoint ------------------------------------------------------------------
    async def handle(self, request: SandboxRequest) -> SandboxResponse:
        """Answer an All Offers Display request.

        Example:
            >>> # await service.handle(SandboxRequest.build("GET", url))
        """
        if request.path not in PATHS:
            return SandboxResponse.text(_not_found_page(), status=404)
        client = request.headers.get("cookie") or "anonymous"
        if self._robot_check(client):
            return SandboxResponse.text(robot_page(), status=503)
        asin = request.query.get("asin", "")
        item = amazon_item(asin) if asin else None
        if item is None:
            return SandboxResponse.text(_not_found_page(), status=404)
        try:
            page = max(1, int(request.query.get("pageno", "1")))
        except ValueError:
            page = 1
        pinned = item.buy_box
        listed = sorted((o for o in item.offers if o is not pinned),
                        key=lambda o: (o.condition != "新品", self._price(o) + o.shipping))
        chunk = listed[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
        only_list = request.query.get("isonlyrenderofferlist") == "true"
        if page > 1 or only_list:
            return SandboxResponse.text(self._list(item, chunk, start=(page - 1) * PAGE_SIZE + 1))
        return SandboxResponse.text(self._page(item, chunk, pinned, page=page,
                                               total=len(listed)))

    # -- rendering -------------------------------------------------------------------
    @staticmethod
    def _price(offer: AmazonOfferListing) -> int:
        # A Prime-member-only price is not what a signed-out page shows.
        if offer.prime_only and offer.list_price:
            return offer.list_price
        return offer.price

    def _today(self) -> datetime:
        return datetime.fromtimestamp(self.sandbox.clock(), _JST)

    def _date(self, days: int) -> str:
        when = self._today() + timedelta(days=days)
        return f"{when.month}月{when.day}日 {_WEEKDAYS[when.weekday()]}"

    def _delivery(self, offer: AmazonOfferListing, index: int) -> str:
        lo, hi = offer.delivery
        when = self._date(lo) if lo == hi else f"{self._date(lo)} - {self._date(hi)}"
        if lo == hi == 1:
            when = f"明日 {self._date(1)}"
        price = self._price(offer)
        condition = ""
        if offer.free_over and price >= offer.free_over:
            shown, words = "無料", "無料配送"
        elif offer.free_over:
            shown = _yen(offer.shipping)
            condition = f"{_yen(offer.free_over)}以上の注文で通常配送料無料"
            words = f"配送料 {_yen(offer.shipping)}"
        elif offer.shipping == 0:
            shown, words = "無料", "無料配送"
        else:
            shown, words = _yen(offer.shipping), f"配送料 {_yen(offer.shipping)}"
        prime = ('<i class="a-icon a-icon-prime a-icon-small" role="img" '
                 'aria-label="Amazon プライム"></i> ' if offer.fba else "")
        extra = (f'<div class="a-row a-size-small a-color-secondary">{html.escape(condition)}</div>'
                 if condition else "")
        return (
            '<div class="a-row aod-delivery-promise"><div class="a-column a-span12 '
            'aod-delivery-promise-column"><span class="a-size-base a-color-base">'
            f'<div id="unified-delivery-message-{index}" class="a-section aod-unified-delivery">'
            '<div id="mir-layout-DELIVERY_BLOCK"><div class="a-spacing-base" '
            'id="mir-layout-DELIVERY_BLOCK-slot-PRIMARY_DELIVERY_MESSAGE_LARGE">'
            f'<span data-csa-c-type="element" data-csa-c-content-id="DEXUnifiedCXPDM" '
            f'data-csa-c-delivery-price="{html.escape(shown)}" '
            f'data-csa-c-delivery-time="{html.escape(when)}" '
            f'data-csa-c-delivery-condition="{html.escape(condition)}"> {prime}{words} '
            f'<span class="a-text-bold">{html.escape(when)}</span> にお届け </span>'
            f"</div></div></div></span></div></div>{extra}"
        )

    def _seller_rows(self, offer: AmazonOfferListing, index: int) -> str:
        ships = "Amazon" if offer.fba else offer.seller
        if offer.seller_id == AMAZON_JP_ID:
            ships = "Amazon.co.jp"
            sold = f'<span class="a-size-small a-color-base"> {html.escape(offer.seller)} </span>'
        else:
            link = (f"/gp/aag/main?ie=UTF8&amp;seller={offer.seller_id}&amp;isAmazonFulfilled="
                    f"{1 if offer.fba else 0}&amp;ref_=olp_merch_name_{index}")
            sold = (f'<a class="a-size-small a-link-normal" href="{link}" role="link"> '
                    f"{html.escape(offer.seller)} </a>")
        rating = ""
        if offer.rating_count == 0:
            rating = ('<div id="aod-offer-seller-rating" class="a-section a-spacing-none">'
                      '<span id="seller-rating-count-{iter}" class="a-size-small a-color-base">'
                      "<span>Just launched</span></span></div>")
        elif offer.rating_count is not None and offer.rating_percent is not None:
            stars = "5" if offer.rating_percent >= 95 else (
                "4-5" if offer.rating_percent >= 90 else "3-5")
            rating = (
                '<div id="aod-offer-seller-rating" class="a-section a-spacing-none '
                'a-padding-none">'
                f'<i class="a-icon a-icon-star-mini a-star-mini-{stars} '
                'aod-seller-rating-count-class">'
                f'<span class="a-icon-alt">5つ星のうち{stars.replace("-", ".")}</span></i> '
                '<span id="seller-rating-count-{iter}" class="a-size-small a-color-base"><span>'
                f"({offer.rating_count:,}件の評価)<br>過去12か月で{offer.rating_percent}%の高評価"
                "</span></span></div>")

        def row(element_id: str, label: str, body: str) -> str:
            return (
                f'<div id="{element_id}" class="a-section a-spacing-none a-spacing-top-micro '
                'aod-clear-float"><div class="a-fixed-left-grid">'
                '<div class="a-fixed-left-grid-inner">'
                '<div class="a-fixed-left-grid-col aod-padding-right-10 a-col-left">'
                f'<span class="a-size-small a-color-tertiary">{label}</span></div>'
                f'<div class="a-fixed-left-grid-col a-col-right">{body}</div></div></div></div>')

        rows = row("aod-offer-shipsFrom", "出荷元",
                   f'<span class="a-size-small a-color-base"> {html.escape(ships)} </span>')
        rows += row("aod-offer-soldBy", "販売元", sold + rating)
        if offer.overseas:
            rows += ('<div class="a-row a-spacing-top-micro"><span class="a-size-small '
                     'a-color-secondary">この商品は海外から発送されます。お届けまでに時間がかかる場合が'
                     "あります。</span></div>")
        return rows

    def _price_block(self, offer: AmazonOfferListing, index: int) -> str:
        price = self._price(offer)
        points = ""
        if offer.points:
            percent = round(offer.points * 100 / price) if price else 0
            points = (f'<div id="aod-offer-points-{index}" class="a-row">'
                      f'<span class="a-size-small a-color-price">{offer.points:,}pt</span>'
                      f'<span class="a-size-small a-color-secondary"> ({percent}%)</span></div>')
        basis = ""
        if offer.list_price and offer.list_price > price:
            basis = ('<span class="a-size-small a-color-secondary">参考価格: </span>'
                     '<span class="a-price a-text-price" data-a-strike="true">'
                     f'<span class="a-offscreen">{_yen(offer.list_price)}</span>'
                     f'<span aria-hidden="true">{_yen(offer.list_price)}</span></span>')
        return (
            f'<span id="aod-price-{index}"><div class="a-section a-spacing-none '
            'apex-core-price-identifier"><div class="a-section a-spacing-none aok-align-center '
            'aok-relative"><span class="aok-offscreen apex-pricetopay-accessibility-label"> '
            f'{_yen(price)} </span><span class="a-price aok-align-center '
            'centralizedApexPricePriceToPayMargin apex-pricetopay-value"><span class="a-offscreen">'
            ' </span><span aria-hidden="true"><span class="a-price-symbol">￥</span>'
            f'<span class="a-price-whole">{price:,}</span></span></span></div>{basis}</div></span>'
            f"{points}"
        )

    def _offer_body(self, item: AmazonItem, offer: AmazonOfferListing, index: int) -> str:
        availability = "在庫あり。" if offer.in_stock else "一時的に在庫切れ; 入荷時期は未定です。"
        note = ""
        if offer.condition_note:
            note = ('<div id="aod-condition-container" class="a-section a-spacing-none">'
                    '<span class="a-size-small a-color-secondary">コンディションの説明: </span>'
                    f'<span class="a-size-small">{html.escape(offer.condition_note)}</span></div>')
        return (
            f'<input type="hidden" name="items[0.base][offerListingId]" value="{offer.offer_id}">'
            f'<input type="hidden" name="items[0.base][asin]" value="{item.asin}">'
            '<div class="a-fixed-right-grid"><div class="a-fixed-right-grid-inner">'
            '<div class="a-fixed-right-grid-col a-col-left"><div id="aod-offer-heading" '
            'class="a-section a-spacing-none a-padding-none aod-clear-float">'
            f'<span class="a-size-base a-text-bold"> {html.escape(offer.condition)} </span>'
            "</div></div></div></div>"
            '<div id="aod-offer-price" class="a-section a-spacing-none a-spacing-top-micro">'
            f"{self._price_block(offer, index)}"
            f'<div id="aod_ship_charge_row" class="a-row aod-ship-charge"> </div>'
            f"{self._delivery(offer, index)}"
            f'<div id="aod-offer-availability" class="a-section a-spacing-none">'
            f'<span class="a-size-small a-color-success">{availability}</span></div></div>'
            f'<div class="a-section">{self._seller_rows(offer, index)}</div>{note}'
        )

    def _list(self, item: AmazonItem, offers: list[AmazonOfferListing], *, start: int) -> str:
        blocks = "".join(
            '<div id="aod-offer" class="a-section a-spacing-none a-padding-small '
            'aod-information-block aod-clear-float" role="listitem">'
            f"{self._offer_body(item, offer, start + n)}"
            '<div class="a-section aod-offer-divider aod-clear-float"></div></div>\n'
            for n, offer in enumerate(offers))
        return f'<div id="aod-offer-list" class="a-section a-spacing-none">\n{blocks}</div>\n'

    def _page(self, item: AmazonItem, offers: list[AmazonOfferListing],
              pinned: AmazonOfferListing | None, *, page: int, total: int) -> str:
        header = (
            '<div id="aod-asin-block-asin" class="a-section a-spacing-none">'
            f'<div id="aod-asin-title" class="a-row"><h5 id="aod-asin-title-text" '
            f'class="aod-asin-title-text-class"> {html.escape(item.title)} </h5></div>'
            '<div id="aod-asin-reviews" class="a-row"><span><i id="aod-asin-reviews-star" '
            'class="a-icon a-icon-star a-star-4-5"><span class="a-icon-alt">5つ星のうち4.6</span>'
            '</i></span> <span id="aod-asin-reviews-block"><span id="aod-asin-reviews-count-title" '
            'class="a-size-small a-color-base"> 3,412個の評価 </span></span></div></div>')
        if pinned is None:
            pinned_body = (header + '<div class="a-row a-spacing-top-small">'
                           '<span class="a-size-base"> おすすめ出品はありません </span></div>')
        else:
            pinned_body = header + self._offer_body(item, pinned, 0)
        return (
            '<div id="aod-container" class="a-section a-spacing-none">\n'
            '<div id="aod-filter-component" class="a-section"><span '
            f'id="aod-filter-offer-count-string" class="a-size-small">{total}件の出品</span>'
            f'<input type="hidden" id="aod-total-offer-count" name="aod-total-offer-count" '
            f'value="{total}"></div>\n'
            '<div id="aod-pinned-offer" class="a-section a-spacing-none aod-pinned-offer">'
            f'<img src="https://m.media-amazon.com/images/I/{item.asin}.jpg" '
            'id="aod-asin-image-id">'
            f"{pinned_body}"
            '<hr class="a-spacing-none a-divider-normal aod-offer-block-divider"></div>\n'
            f"{self._list(item, offers, start=1)}</div>\n"
        )
