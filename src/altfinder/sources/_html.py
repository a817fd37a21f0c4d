"""Helpers shared by the HTML-scraping sources: decoding, node text, yen amounts.

Example:
    >>> from selectolax.lexbor import LexborHTMLParser
    >>> node_text(LexborHTMLParser("<p>中古： <b>￥1,200</b>\\n税込</p>").css_first("p"))
    '中古： ￥1,200 税込'
    >>> first_yen("中古：￥1,200 税込"), first_yen("1,430円"), first_yen("品切れ")
    (1200, 1430, None)
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from altfinder._text import normalize, to_int_yen

__all__ = ["decode_html", "first_yen", "node_text"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_SJIS_NAMES = frozenset({"shift_jis", "shift-jis", "sjis", "x-sjis", "windows-31j", "cp932",
                         "ms932", "ms_kanji"})
_YEN = re.compile(r"[¥￥]\s*([\d,]+)|([\d,]+)\s*円")


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    lowered = name.strip().lower()
    return "cp932" if lowered in _SJIS_NAMES else lowered


def decode_html(content: bytes, declared: str | None = None, forced: str | None = None) -> str:
    """Decode an HTML page: the forced encoding, else the HTTP charset, else ``<meta charset>``.

    Japanese shops have served Shift_JIS and UTF-8 over the years; which one a page uses is
    read from the answer itself. Shift_JIS is decoded as cp932 (its Windows superset, which
    has the ① and ～ that pages use). Undecodable bytes become U+FFFD rather than an error.

    Example:
        >>> decode_html("中古".encode("cp932"), declared="Shift_JIS")
        '中古'
        >>> decode_html(b'<meta charset="utf-8">' + "新品".encode())[-2:]
        '新品'
    """
    meta = _META_CHARSET.search(content[:4096])
    candidates = [_codec(forced), _codec(declared),
                  _codec(meta.group(1).decode("ascii", "ignore")) if meta else None, "utf-8"]
    for codec in dict.fromkeys(c for c in candidates if c):
        try:
            return content.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
    return content.decode("utf-8", errors="replace")


def node_text(node: LexborNode | None) -> str:
    """A node's text with runs of whitespace collapsed (``""`` for no node).

    Example:
        >>> node_text(None)
        ''
    """
    if node is None:
        return ""
    return re.sub(r"\s+", " ", node.text(deep=True, separator=" ")).strip()


def first_yen(text: str) -> int | None:
    """The first yen amount in ``text`` (``￥1,200``, ``¥385``, ``1,430円``), or ``None``.

    Example:
        >>> first_yen("定価：￥3,980")
        3980
    """
    match = _YEN.search(normalize(text))
    if match is None:
        return None
    return to_int_yen(match.group(1) or match.group(2))
