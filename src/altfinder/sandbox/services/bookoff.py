"""BOOKOFF Online's keyword search, as the sandbox serves it.

Written from what public scripts describe of shopping.bookoff.co.jp (no API exists):
``GET /search/keyword/<keyword>`` where the keyword may be a JAN or an ISBN-13 (or words
of a title); a server-rendered page of ``div.productItem`` cards, each linking to
``/used/<id>`` or ``/new/<id>``, with ``p.productItem__title``, ``p.productItem__author``,
``p.productItem__price`` ("¥385" and a ``<small>`` 定価より…おトク line) and a stock line
(``productItem__stock``); ``a.pagination__next`` to the next page (``?page=N``). Nothing
public describes its bot protection, so the sandbox answers a generic WAF block page
(403) and a 429 for too many requests. The markup here is the sandbox's own.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from typing import Any, ClassVar
from urllib.parse import quote, unquote

from altfinder.sandbox.app import SandboxRequest, SandboxResponse, Service
from altfinder.sandbox.listings.bookoff import BookoffListing, bookoff_listings

__all__ = ["BookoffService"]

PAGE_SIZE = 20
_SITE = "ブックオフ公式オンラインストア"
_SEARCH = re.compile(r"^/search(?:/stock/[a-z])?/keyword/(?P<keyword>[^/]+)/?$")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _page(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/css/style.css">
</head>
<body class="l-body">
<header class="l-header"><a class="l-header__logo" href="/">ブックオフ公式オンラインストア</a>
<form class="searchForm" action="/search/keyword" method="get">
<input class="searchForm__input" type="search" name="q">
<button class="searchForm__button" type="submit">検索</button></form></header>
<main class="l-main">
{body}
</main>
<footer class="l-footer"><small>&copy; BOOKOFF Sandbox</small></footer>
</body>
</html>
"""


class BookoffService(Service):
    """BOOKOFF Online's keyword search over the demo catalogue.

    Example:
        >>> from altfinder.sandbox import Sandbox
        >>> Sandbox().service("bookoff").hosts
        ('shopping.bookoff.co.jp',)
    """

    name = "bookoff"
    hosts = ("shopping.bookoff.co.jp",)
    interval = 1.0  # the sandbox's assumption; BOOKOFF publishes no limit
    demo_credentials: ClassVar[dict[str, str]] = {}

    def __init__(self, sandbox: Any) -> None:
        super().__init__(sandbox)
        self.listings: list[BookoffListing] = bookoff_listings()

    def error(self, status: int, retry_after: float | None = None) -> SandboxResponse:
        """BOOKOFF's answer for an HTTP error status.

        Example:
            >>> from altfinder.sandbox import Sandbox
            >>> Sandbox().service("bookoff").error(503).status
            503
        """
        headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else {}
        if status == 403:
            return self.antibot()
        if status == 503:
            body = ('<div class="maintenance"><h1 class="maintenance__title">'
                    "ただいまメンテナンス中です</h1><p class=\"maintenance__text\">"
                    "メンテナンス終了までしばらくお待ちください。</p></div>")
            return SandboxResponse.text(_page(f"メンテナンス中 | {_SITE}", body), status=503,
                                        headers=headers)
        if status == 429:
            return SandboxResponse.text(
                "<html><head><title>429 Too Many Requests</title></head><body>"
                "<h1>429 Too Many Requests</h1></body></html>", status=429, headers=headers)
        if status == 404:
            body = ('<div class="errorPage"><h1 class="errorPage__title">'
                    "お探しのページが見つかりません</h1></div>")
            return SandboxResponse.text(_page(f"ページが見つかりません | {_SITE}", body),
                                        status=404)
        body = ('<div class="errorPage"><h1 class="errorPage__title">'
                f"システムエラー ({status})</h1></div>")
        return SandboxResponse.text(_page(f"エラー | {_SITE}", body), status=status,
                                    headers=headers)

    def antibot(self) -> SandboxResponse:
        """A WAF block page (403, "Request blocked").

        Example:
            >>> from altfinder.sandbox import Sandbox
            >>> Sandbox().service("bookoff").antibot().status
            403
        """
        return SandboxResponse.text(
            '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"><html><head>'
            "<title>ERROR: The request could not be satisfied</title></head><body>"
            "<h1>403 ERROR</h1><h2>The request could not be satisfied.</h2><hr noshade>"
            "Request blocked. We can't connect to the server for this app or website at this "
            "time.</body></html>", status=403, headers={"Server": "CloudFront",
                                                       "X-Cache": "Error from cloudfront"})

    def malformed(self) -> SandboxResponse:
        """A page cut off before the first card (status 200).

        Example:
            >>> from altfinder.sandbox import Sandbox
            >>> b"productItem__title" in Sandbox().service("bookoff").malformed().body
            False
        """
        head = _page("「4902370548495」の検索結果 | ブックオフ公式オンラインストア",
                     '<div class="searchResult"><p class="searchResult__count">「4902370548495」の'
                     '検索結果 <span class="searchResult__num">2</span>件</p><div id="items_field"'
                     ' class="productList"><div class="productItem js-hoverItem"><div class="prod')
        return SandboxResponse.text(head[: head.index('class="prod') + 11])

    def empty(self, request: SandboxRequest) -> SandboxResponse:
        """A search page with no result.

        Example:
            >>> from altfinder.sandbox import Sandbox
            >>> from altfinder.sandbox.app import SandboxRequest
            >>> req = SandboxRequest.build("GET", "https://shopping.bookoff.co.jp/search/keyword/x")
            >>> "見つかりませんでした" in Sandbox().service("bookoff").empty(req).body.decode()
            True
        """
        match = _SEARCH.match(request.path)
        keyword = unquote(match.group("keyword")) if match else ""
        return SandboxResponse.text(self._results(keyword, [], 0, 1))

    def unexpected_schema(self) -> SandboxResponse:
        """A redesigned page the contract does not describe.

        Example:
            >>> from altfinder.sandbox import Sandbox
            >>> Sandbox().service("bookoff").unexpected_schema().status
            200
        """
        return SandboxResponse.text(_page("検索 | ブックオフ公式オンラインストア", """<div id="app">
<section class="result-v2"><div class="card" data-sku="0019270548"><span class="card-name">
Nintendo Switch(有機ELモデル)</span><span class="card-yen">30580</span></div></section></div>"""))

    async def handle(self, request: SandboxRequest) -> SandboxResponse:
        """Answer ``GET /search/keyword/<keyword>``; anything else is BOOKOFF's 404 page.

        Example:
            >>> # await service.handle(SandboxRequest.build("GET", url))
        """
        if not self.rate.admit("client"):
            return self.error(429, retry_after=self.rate.interval)
        match = _SEARCH.match(request.path)
        if match is None or request.method not in ("GET", "HEAD"):
            return self.error(404)
        keyword = unquote(match.group("keyword")).strip()
        try:
            page = max(1, int(request.query.get("page") or "1"))
        except ValueError:
            page = 1
        in_stock_only = "/stock/" in request.path
        matched = [x for x in self.listings if self._matches(x, keyword)
                   and (x.in_stock or not in_stock_only)]
        shown = matched[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
        return SandboxResponse.text(self._results(keyword, shown, len(matched), page,
                                                  path=request.path))

    @staticmethod
    def _matches(item: BookoffListing, keyword: str) -> bool:
        compact = keyword.replace("-", "")
        if compact.isdigit() and len(compact) in (10, 13):
            return item.code == compact or (item.isbn10 or "") == compact
        words = _fold(keyword).split()
        haystack = _fold(f"{item.title} {item.author}")
        return bool(words) and all(word in haystack for word in words)

    @staticmethod
    def _card(item: BookoffListing) -> str:
        url = f"/{item.kind}/{item.item_id}"
        title = html.escape(item.title)
        save = ""
        if item.list_price and item.list_price > item.price:
            off = item.list_price - item.price
            save = (f'<small class="productItem__price--off">定価より{off:,}円'
                    f"（{off * 100 // item.list_price}%）おトク</small>")
        stock = ""
        if item.stock == "在庫なし":
            stock = '<p class="productItem__stock productItem__stock--none">在庫なし</p>'
        elif item.stock:
            stock = (f'<p class="productItem__stock"><span class="productItem__stock--alert">'
                     f"{html.escape(item.stock)}</span></p>")
        tag = "中古" if item.kind == "used" else "新品"
        category = html.escape(item.category)
        image = (f"https://content.bookoff.co.jp/goodsimages/LL/{item.item_id[:6]}/"
                 f"{item.item_id}LL.jpg")
        return f"""<div class="productItem js-hoverItem">
<div class="productItem__image"><a class="productItem__link" href="{url}">
<img src="{image}" alt="{title}" loading="lazy"></a></div>
<div class="productItem__detail">
<span class="tag tag--{item.kind}">{tag}</span>
<a class="productItem__link" href="{url}"><p class="productItem__title">{title}</p></a>
<p class="productItem__author">{html.escape(item.author)}</p>
<ul class="productItem__genre">
<li class="productItem__genreItem productItem__genreItem--category">{category}</li></ul>
<p class="productItem__price">¥{item.price:,}{save}</p>
{stock}
</div>
</div>"""

    def _results(self, keyword: str, shown: list[BookoffListing], total: int, page: int,
                 path: str = "") -> str:
        title = f"「{keyword}」の検索結果 | ブックオフ公式オンラインストア"
        count = (f'<p class="searchResult__count">「{html.escape(keyword)}」の検索結果 '
                 f'<span class="searchResult__num">{total}</span>件</p>')
        if not shown:
            body = (f'<div class="searchResult">{count}<div class="searchResult__empty">'
                    "<p>該当する商品が見つかりませんでした。</p></div></div>")
            return _page(title, body)
        pager = ""
        if page < math.ceil(total / PAGE_SIZE):
            pager = (f'<div class="pagination"><a class="pagination__next" '
                     f'href="{quote(path)}?page={page + 1}">次へ</a></div>')
        cards = "".join(self._card(x) for x in shown)
        body = (f'<div class="searchResult">{count}<div id="items_field" class="productList">'
                f'<div class="productList__inner">{cards}</div></div>{pager}</div>')
        return _page(title, body)
