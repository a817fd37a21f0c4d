"""駿河屋's search page, as the sandbox serves it.

Written from what public scrapers describe of www.suruga-ya.jp (no API exists):
``GET /search`` with the detailed-search form's fields — ``gtin`` (JAN), ``jan10``
(ISBN-10), ``mpn`` (型番), ``search_word`` — plus ``inStock=On``, ``rankBy`` and
``page``; 24 cards per page, ``該当件数:N件中`` in ``div.hit``; each ``div.item`` card with
``p.title a[href=/product/detail/<id>]`` and ``div.item_price`` rows (中古：￥… / 新品：… /
品切れ / the 他ショップ lowest price linking to ``/product/other/<id>``). The site sits
behind Cloudflare: the anti-bot answer is a managed challenge (403, ``cf-mitigated:
challenge``, "Just a moment..."), too many requests a 1015 page (429), origin trouble
a 52x page. The markup here is the sandbox's own, in the shapes described.
"""

from __future__ import annotations

import html
import math
import unicodedata
from typing import Any, ClassVar
from urllib.parse import urlencode

from altfinder.sandbox.app import SandboxRequest, SandboxResponse, Service
from altfinder.sandbox.listings.surugaya import SurugayaListing, surugaya_listings

__all__ = ["SurugayaService"]

PAGE_SIZE = 24
_RAY = "8e3f0a1b2c4d5e6f"
_CF_HEADERS = {"Server": "cloudflare", "CF-RAY": f"{_RAY}-NRT"}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _yen(amount: int) -> str:
    return f"￥{amount:,}"


def _page(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="UTF-8">
<title>{html.escape(title)}</title>
<link rel="stylesheet" href="/pc/css/common.css">
<script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js" defer></script>
</head>
<body>
<div id="wrapper">
<header id="header">
<div class="header_logo"><a href="/"><img src="/pc/img/logo.png" alt="駿河屋"></a></div>
<form id="searchbox" action="/search" method="get"><input type="text" name="search_word" value="">
<button type="submit">検索</button></form></header>
<div class="container_suru">
{body}
</div>
<footer id="footer">
<p class="copyright">Copyright &copy; Suruga-ya Sandbox. All Rights Reserved.</p></footer>
</div>
</body>
</html>
"""


class SurugayaService(Service):
    """The 駿河屋 search page over the demo catalogue.

    Example:
        >>> from altfinder.sandbox import Sandbox
        >>> Sandbox().service("surugaya").hosts
        ('www.suruga-ya.jp',)
    """

    name = "surugaya"
    hosts = ("www.suruga-ya.jp",)
    interval = 2.0  # the sandbox's Cloudflare rule: one page per 2 s per client
    demo_credentials: ClassVar[dict[str, str]] = {}

    def __init__(self, sandbox: Any) -> None:
        super().__init__(sandbox)
        self.listings: list[SurugayaListing] = surugaya_listings()

    # -- Cloudflare and origin errors ---------------------------------------------------
    def _cloudflare_error(self, status: int, code: str, title: str, text: str,
                          retry_after: float | None = None) -> SandboxResponse:
        headers = dict(_CF_HEADERS)
        if retry_after is not None:
            headers["Retry-After"] = f"{retry_after:g}"
        body = f"""<!DOCTYPE html>
<html lang="en-US"><head><title>{html.escape(title)} | www.suruga-ya.jp | Cloudflare</title>
<meta charset="UTF-8"></head>
<body><div id="cf-wrapper"><div id="cf-error-details" class="cf-error-details-wrapper">
<h1><span class="cf-error-type">Error</span> <span class="cf-error-code">{code}</span></h1>
<h2 class="cf-subheadline">{html.escape(text)}</h2>
<p>Cloudflare Ray ID: <strong class="font-semibold">{_RAY}</strong></p>
</div></div></body></html>
"""
        return SandboxResponse.text(body, status=status, headers=headers)

    def error(self, status: int, retry_after: float | None = None) -> SandboxResponse:
        """駿河屋's answer for an HTTP error status (Cloudflare's pages, the maintenance page).

        Example:
            >>> from altfinder.sandbox import Sandbox
            >>> Sandbox().service("surugaya").error(522).headers["Server"]
            'cloudflare'
        """
        if status == 429:
            return self._cloudflare_error(429, "1015", "Access denied",
                                          "You are being rate limited", retry_after)
        if status == 403:
            return self._cloudflare_error(
                403, "1020", "Attention Required!",
                "Sorry, you have been blocked: this website is using a security service.")
        if status == 503:
            headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else {}
            body = ('<div class="maintenance"><h1>ただいまメンテナンス中です</h1>'
                    "<p>ご不便をおかけしております。しばらく時間をおいて"
                    "再度アクセスしてください。</p></div>")
            return SandboxResponse.text(_page("メンテナンス中 | 駿河屋", body), status=503,
                                        headers=headers)
        if status in (520, 521, 522, 523, 524):
            texts = {520: "Web server is returning an unknown error",
                     521: "Web server is down", 522: "Connection timed out",
                     523: "Origin is unreachable", 524: "A timeout occurred"}
            return self._cloudflare_error(status, str(status), texts[status], texts[status],
                                          retry_after)
        if status == 404:
            return SandboxResponse.text(_page(
                "ページが見つかりません | 駿河屋",
                '<div class="error_page"><h1>お探しのページは見つかりませんでした。</h1></div>'),
                status=404)
        headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else {}
        body = f'<div class="error_page"><h1>エラーが発生しました ({status})</h1></div>'
        return SandboxResponse.text(_page("エラー | 駿河屋", body), status=status,
                                    headers=headers)

    def antibot(self) -> SandboxResponse:
        """Cloudflare's managed challenge: 403, ``cf-mitigated: challenge``, "Just a moment...".

        Example:
            >>> from altfinder.sandbox import Sandbox
            >>> Sandbox().service("surugaya").antibot().headers["cf-mitigated"]
            'challenge'
        """
        body = f"""<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="robots" content="noindex,nofollow"></head>
<body><div class="main-wrapper" role="main"><div class="main-content">
<h1 class="zone-name-title h1">www.suruga-ya.jp</h1>
<h2 id="challenge-running" class="h2">Checking if the site connection is secure</h2>
<noscript><div id="challenge-error-title"><p id="challenge-error-text">Enable JavaScript and cookies
to continue</p></div></noscript>
<div id="challenge-body-text">www.suruga-ya.jp needs to review the security of your connection
before proceeding.</div></div></div>
<script>(function(){{window._cf_chl_opt={{cvId: '3',cZone: "www.suruga-ya.jp",cType: 'managed',
cRay: '{_RAY}'}};var a=document.createElement('script');
a.src='/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1?ray={_RAY}';
document.getElementsByTagName('head')[0].appendChild(a);}}());</script></body></html>
"""
        return SandboxResponse.text(body, status=403, headers={
            **_CF_HEADERS, "cf-mitigated": "challenge",
            "Cache-Control": "private, max-age=0, no-store, no-cache, must-revalidate"})

    def malformed(self) -> SandboxResponse:
        """A page cut off inside the first card (status 200).

        Example:
            >>> from altfinder.sandbox import Sandbox
            >>> b"<p class=\\"title\\">" in Sandbox().service("surugaya").malformed().body
            False
        """
        full = _page("検索結果 | 駿河屋", '<div id="search_result"><div class="hit">該当件数:3件中 '
                     '1-3件を表示</div><div class="item_box first_item"><div class="item">'
                     '<div class="photo_box"><a href="/product/detail/109270548">')
        return SandboxResponse.text(full[: full.index('<div class="photo_box">') + 40])

    def empty(self, request: SandboxRequest) -> SandboxResponse:
        """A search page with no card.

        Example:
            >>> from altfinder.sandbox import Sandbox
            >>> from altfinder.sandbox.app import SandboxRequest
            >>> service = Sandbox().service("surugaya")
            >>> "該当件数:0件" in service.empty(SandboxRequest.build("GET", "https://www.suruga-ya.jp/search")).body.decode()
            True
        """
        return SandboxResponse.text(self._results_page(request, [], 0, 1))

    def unexpected_schema(self) -> SandboxResponse:
        """A redesigned page: product cards in a layout the contract does not describe.

        Example:
            >>> from altfinder.sandbox import Sandbox
            >>> Sandbox().service("surugaya").unexpected_schema().status
            200
        """
        return SandboxResponse.text(_page("検索結果 | 駿河屋", """<div id="__next">
<main class="search-v2"><ul class="product-grid">
<li><article class="product-card" data-id="109270548">
<h3 class="product-card__name">Nintendo Switch 有機ELモデル</h3>
<span class="product-card__amount" data-value="31800"></span></article></li></ul></main></div>"""))

    # -- the search page ------------------------------------------------------------------
    async def handle(self, request: SandboxRequest) -> SandboxResponse:
        """Answer ``GET /search``; anything else is 駿河屋's 404 page.

        Example:
            >>> # await service.handle(SandboxRequest.build("GET", url))
        """
        if not self.rate.admit("client"):
            return self.error(429)
        if request.path.rstrip("/") != "/search" or request.method not in ("GET", "HEAD"):
            return self.error(404)
        q = request.query
        try:
            page = max(1, int(q.get("page") or "1"))
        except ValueError:
            page = 1
        matched = [x for x in self.listings if self._matches(x, q)]
        rank = q.get("rankBy", "")
        if rank.startswith("price:"):
            matched.sort(key=lambda x: self._lowest(x), reverse=rank.endswith("descending"))
        elif rank.startswith("modificationTime:") or rank.startswith("release_date"):
            matched.sort(key=lambda x: x.modified, reverse=rank.endswith("descending"))
        shown = matched[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
        return SandboxResponse.text(self._results_page(request, shown, len(matched), page))

    @staticmethod
    def _lowest(item: SurugayaListing) -> int:
        prices = [p for p in (item.used_price, item.new_price, item.market_price) if p]
        return min(prices) if prices else 1 << 30

    @staticmethod
    def _matches(item: SurugayaListing, q: Any) -> bool:
        gtin = (q.get("gtin") or "").strip()
        if gtin and item.gtin.zfill(13) != gtin.zfill(13):
            return False
        jan10 = (q.get("jan10") or "").strip().upper()
        if jan10 and (item.isbn10 or "").upper() != jan10:
            return False
        mpn = _fold(q.get("mpn") or "").replace("-", "").strip()
        if mpn and mpn not in _fold(item.model or "").replace("-", ""):
            return False
        words = _fold(q.get("search_word") or "").split()
        haystack = _fold(f"{item.title} {item.brand}")
        if words and not all(word in haystack for word in words):
            return False
        return not (q.get("inStock") == "On" and not item.in_stock)

    def _card(self, item: SurugayaListing) -> str:
        rows = []
        if item.used_price is not None:
            rows.append(f'<p class="price_teika">中古：<span class="text-red fontS15"><strong>'
                        f"{_yen(item.used_price)} </strong></span>税込</p>")
        if item.new_price is not None:
            rows.append(f'<p class="price_teika">新品：<span class="text-red fontS15"><strong>'
                        f"{_yen(item.new_price)} </strong></span>税込</p>")
        if not rows:
            rows.append('<p class="price">品切れ</p>')
        if item.market_price is not None:
            rows.append(
                f'<div class="mgnB5 mgnT5"><p><a href="/product/other/{item.product_id}">'
                f'マケプレ<span class="text-red fontS15"><strong>{_yen(item.market_price)}'
                f"</strong></span>税込<br>({item.market_lots}点の{item.market_mix})</a></p></div>")
        teika = (f'<p class="price_teika_detail">定価：{_yen(item.list_price)}</p>'
                 if item.list_price else "")
        url = f"/product/detail/{item.product_id}"
        title = html.escape(item.title)
        photo = f"https://www.suruga-ya.jp/database/photo.php?shinaban={item.product_id}&amp;size=m"
        return f"""<div class="item">
<div class="photo_box"><a href="{url}">
<img src="{photo}" alt="{title}"></a></div>
<div class="item_detail">
<p class="condition"><span class="condition background-kishu">{html.escape(item.kind)}</span></p>
<p class="title"><a href="{url}">{title}</a></p>
<p class="brand">{html.escape(item.brand)}</p>
<p class="release_date">発売日：{item.release_date}</p>
{teika}
</div>
<div class="item_price">
{"".join(rows)}
</div>
</div>"""

    def _results_page(self, request: SandboxRequest, shown: list[SurugayaListing], total: int,
                      page: int) -> str:
        query = request.query.get("gtin") or request.query.get("search_word") or ""
        if not shown:
            body = ('<div id="search_result"><div class="hit">該当件数:0件</div>'
                    '<p class="no_result">該当する商品が見つかりませんでした。'
                    "キーワードを変えて再度検索してください。</p></div>")
            return _page(f"「{query}」の検索結果 | 駿河屋", body)
        first = (page - 1) * PAGE_SIZE + 1
        last = first + len(shown) - 1
        boxes = []
        for start in range(0, len(shown), 4):  # four cards a row, as the site lays them out
            cls = "item_box first_item" if start == 0 else "item_box"
            boxes.append(f'<div class="{cls}">'
                         + "".join(self._card(x) for x in shown[start:start + 4]) + "</div>")
        pages = math.ceil(total / PAGE_SIZE)
        pager = ""
        if page < pages:
            params = {k: v for k, v in request.query_list if k != "page"}
            params["page"] = str(page + 1)
            pager = (f'<div class="pager"><ul><li class="next"><a href="/search?'
                     f'{html.escape(urlencode(params))}" rel="next">次へ &gt;</a></li></ul></div>')
        hit = f'<div class="hit">該当件数:{total}件中 {first}-{last}件を表示</div>'
        body = f'<div id="search_result">{hit}{"".join(boxes)}{pager}</div>'
        return _page(f"「{query}」の検索結果 | 駿河屋", body)
