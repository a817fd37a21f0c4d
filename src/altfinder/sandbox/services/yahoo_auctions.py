"""Yahoo!オークション's search page (``/search/search``), as the sandbox serves it.

Written from the page's contract as scrapers have recorded it (the official Auctions Web
API closed in 2018): ``p`` (keywords, all of which must be in the title), ``n`` (20, 50
or 100 cards), ``b`` (1-based offset), ``istatus`` (condition codes, 2 = any used grade),
``s1``/``o1`` (sort). Each ``li.Product`` card carries ``data-auction-*`` attributes (id,
current price, buy-now price or 0, end time in unix seconds, seller, store flag, free
shipping flag), price blocks labelled 現在 / 即決, ``p.Product__postage`` and the bid
count. Zero results are an HTTP 404 page with ``div.Empty``; when no card has every
keyword the page shows partial-keyword results under Yahoo's banner.

Pacing: one request every two seconds per client; faster requests get HTTP 429 (Yahoo
publishes no limit: the status is this sandbox's; the adapter keeps this pace).
"""

from __future__ import annotations

import html
import unicodedata
from typing import Any, ClassVar

from altfinder.sandbox.app import SandboxRequest, SandboxResponse, Service
from altfinder.sandbox.listings.yahoo_auctions import AuctionListing, auction_listings

__all__ = ["YahooAuctionsService"]

PATH = "/search/search"
PAGE_SIZES = (20, 50, 100)
USED = (3, 4, 5, 6, 7)
EMPTY_TITLE = "条件に一致する商品は見つかりませんでした。"
PARTIAL_BANNER = ("に一致する商品はありません。キーワードの一部を利用した結果を表示しています。")
BLOCK_PAGE = (
    "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>Yahoo! JAPAN</title>"
    "</head><body><div id=\"wrapper\"><h1>ご覧になろうとしているページは現在表示できません。</h1>"
    "<p>ご不便をおかけして申し訳ございませんが、お客様がご覧になろうとしているページは現在表示"
    "できません。一時的なエラーですので、しばらく時間をおいてから再度お試しください。</p>"
    "<p>なおYahoo! JAPANでは以下の行為を検知した場合、お客様からのアクセスを一時的に制限させて"
    "いただく場合があります。</p><ul><li>機械的な大量アクセス</li></ul></div></body></html>")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _page(body: str, banner: str = "", count: int | None = None) -> str:
    tab = (f'<ul class="Tab__items"><li class="Tab__item Tab__item--current">'
           f'<span class="Tab__text">すべて</span><span class="Tab__subText">{count:,}件</span>'
           "</li></ul>") if count is not None else ""
    return ("<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\">"
            "<title>ヤフオク! - 検索結果</title></head><body><div id=\"allContents\">"
            f"{tab}{banner}{body}</div></body></html>")


class YahooAuctionsService(Service):
    """The search page over the demo catalogue.

    Example:
        >>> from altfinder.sandbox import Sandbox
        >>> Sandbox().service("yahoo_auctions").hosts
        ('auctions.yahoo.co.jp',)
    """

    name = "yahoo_auctions"
    hosts = ("auctions.yahoo.co.jp",)
    interval = 2.0
    demo_credentials: ClassVar[dict[str, str]] = {}

    def __init__(self, sandbox: Any) -> None:
        super().__init__(sandbox)
        self.listings: list[AuctionListing] = auction_listings()

    # -- Yahoo's pages -------------------------------------------------------------------
    def error(self, status: int, retry_after: float | None = None) -> SandboxResponse:
        """Yahoo's HTML error page for an HTTP status.

        Example:
            >>> from altfinder.sandbox import Sandbox
            >>> Sandbox().service("yahoo_auctions").error(503).status
            503
        """
        headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else None
        title = ("お探しのページは見つかりませんでした" if status == 404 else
                 "ただいまアクセスが集中しています" if status in (429, 503) else
                 "エラーが発生しました")
        return SandboxResponse.text(
            f"<!DOCTYPE html><html lang=\"ja\"><head><title>{title} - ヤフオク!</title></head>"
            f"<body><div class=\"Error\"><h1>{title}</h1></div></body></html>",
            status=status, headers=headers)

    def antibot(self) -> SandboxResponse:
        """Yahoo! JAPAN's block page for automated access.

        Example:
            >>> from altfinder.sandbox import Sandbox
            >>> page = Sandbox().service("yahoo_auctions").antibot().body.decode()
            >>> "機械的な大量アクセス" in page
            True
        """
        return SandboxResponse.text(BLOCK_PAGE, status=200)

    def malformed(self) -> SandboxResponse:
        """A page cut off inside the first card.

        Example:
            >>> # Sandbox().service("yahoo_auctions").malformed().status == 200
        """
        return SandboxResponse.text(_page('<div class="Products"><ul class="Products__items">'
                                          '<li class="Product"><div class="Product__bonus" '
                                          'data-auction-id="')[:-len("</div></body></html>")])

    def unexpected_schema(self) -> SandboxResponse:
        """A redesigned page: a script-rendered shell without result cards.

        Example:
            >>> # Sandbox().service("yahoo_auctions").unexpected_schema().status == 200
        """
        return SandboxResponse.text("<!DOCTYPE html><html><head><title>ヤフオク!</title></head>"
                                    "<body><div id=\"__next\"></div><script id=\"__NEXT_DATA__\" "
                                    "type=\"application/json\">{}</script></body></html>")

    def empty(self, request: SandboxRequest) -> SandboxResponse:
        """Zero results: HTTP 404 with the empty notice.

        Example:
            >>> # Sandbox().service("yahoo_auctions").empty(request).status == 404
        """
        return SandboxResponse.text(_page(
            f'<div class="Empty"><h2 class="Empty__title">{EMPTY_TITLE}</h2>'
            '<p class="Empty__text">キーワードや条件を変えて、再度検索してください。</p></div>'),
            status=404)

    # -- the search ----------------------------------------------------------------------
    async def handle(self, request: SandboxRequest) -> SandboxResponse:
        """Answer a search request.

        Example:
            >>> # await service.handle(SandboxRequest.build("GET", url))
        """
        if request.path != PATH or request.method not in ("GET", "HEAD"):
            return self.error(404)
        if not self.rate.admit("client"):
            return self.error(429, retry_after=2)
        q = request.query
        words = [_fold(w) for w in q.get("p", "").split()]
        if not words:
            return self.empty(request)
        try:
            size = int(q.get("n", "50"))
            offset = max(int(q.get("b", "1")), 1)
        except ValueError:
            return self.error(400)
        size = size if size in PAGE_SIZES else 50
        codes: set[int] = set()
        for part in q.get("istatus", "").split(","):
            if part.strip().isdigit():
                code = int(part)
                codes |= set(USED) if code == 2 else {code}
        open_listings = [x for x in self.listings if x.ends_in > 0
                         and (not codes or x.istatus in codes)]
        matched = [x for x in open_listings if all(w in _fold(x.title) for w in words)]
        banner = ""
        if not matched:
            matched = [x for x in open_listings if any(w in _fold(x.title) for w in words)]
            if not matched:
                return self.empty(request)
            banner = ('<div class="Notice"><p class="Notice__text">'
                      f"{html.escape(q.get('p', ''))}{PARTIAL_BANNER}</p></div>")
        sort, order = q.get("s1", ""), q.get("o1", "a")
        if sort in ("tbidorbuy", "bidorbuy"):
            matched.sort(key=lambda x: x.buy_now or 10**9, reverse=order == "d")
        elif sort in ("tbids", "cbids"):
            matched.sort(key=lambda x: x.current, reverse=order == "d")
        elif sort == "end":
            matched.sort(key=lambda x: x.ends_in, reverse=order == "d")
        chunk = matched[offset - 1:offset - 1 + size]
        now = int(self.sandbox.clock())
        cards = "".join(self._card(x, now) for x in chunk)
        body = (f'<div class="Products Products--grid"><div class="Products__list">'
                f'<ul class="Products__items">{cards}</ul></div></div>')
        return SandboxResponse.text(_page(body, banner, len(matched) if offset == 1 else None))

    @staticmethod
    def _card(x: AuctionListing, now: int) -> str:
        e = html.escape
        url = f"https://auctions.yahoo.co.jp/jp/auction/{x.auction_id}"
        end = now + x.ends_in
        img = f"https://auc-pctr.c.yimg.jp/i/auctions.c.yimg.jp/images/{x.auction_id}.jpg"
        free = "1" if x.postage == "送料無料" else ""
        tax = "（税込）" if x.store else ""
        prices = (f'<span class="Product__price"><span class="Product__label">現在</span>'
                  f'<span class="Product__priceValue u-textRed">{x.current:,}円{tax}</span></span>')
        if x.buy_now:
            prices += (f'<span class="Product__price"><span class="Product__label">即決</span>'
                       f'<span class="Product__priceValue">{x.buy_now:,}円{tax}</span></span>')
        hours = max(1, x.ends_in // 3600)
        left = f"{hours // 24}日" if hours >= 24 else f"{hours}時間"
        return (
            '<li class="Product">'
            '<div class="Product__image">'
            f'<a class="Product__imageLink" data-auction-id="{x.auction_id}" '
            f'data-auction-title="{e(x.title)}" data-auction-img="{img}" '
            f'data-auction-price="{x.current}" data-auction-isfreeshipping="{free}" '
            f'href="{url}"><img class="Product__imageData" src="{img}" alt="{e(x.title)}"></a>'
            "</div>"
            '<div class="Product__detail">'
            f'<div class="Product__bonus" data-auction-id="{x.auction_id}" '
            f'data-auction-endtime="{end}" data-auction-buynowprice="{x.buy_now or 0}" '
            f'data-auction-categoryidpath="{x.category_path}" data-auction-caneasypayment="1" '
            f'data-auction-price="{x.current}" data-auction-sellerid="{x.seller_id}" '
            f'data-auction-startprice="{x.current if not x.bids else max(1, x.current // 3)}" '
            f'data-auction-isshoppingitem="{"1" if x.store else ""}"></div>'
            f'<h3 class="Product__title"><a class="Product__titleLink" '
            f'data-auction-id="{x.auction_id}" href="{url}" '
            f'data-cl-params="_cl_vmodule:cmsrch;etm:{end}">{e(x.title)}</a></h3>'
            f'<div class="Product__priceInfo">{prices}'
            f'<p class="Product__postage">{e(x.postage)}</p></div>'
            '<dl class="Product__otherInfo"><div class="Product__bidWrap">'
            '<dt class="Product__label"><img alt="入札"></dt>'
            f'<dd class="Product__bid">{x.bids}</dd></div>'
            '<div class="Product__timeWrap"><dt class="Product__label"><img alt="残り"></dt>'
            f'<dd class="Product__time">{left}</dd></div></dl>'
            "</div></li>"
        )
