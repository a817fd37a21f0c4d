"""Keyword queries for marketplaces that can only be searched by words (flea markets, auctions).

Mercari and Yahoo!オークション have no JAN search: a listing is whatever its seller typed.
A query that repeats the whole catalogue title ("… Joy-Con(L)/(R) ホワイト") finds only
the sellers who pasted it, so the query is the title's *core*: its first words, without
promotional brackets, publisher labels and subtitles, plus a capacity or generation when
one follows. Recall matters more than precision here: the title matcher
(:func:`altfinder.match_title`) rejects the look-alikes afterwards.

Example:
    >>> from altfinder import Product
    >>> product_keywords(Product(title="Nintendo Switch（有機ELモデル） Joy-Con(L)/(R) ホワイト"))
    'Nintendo Switch 有機ELモデル'
"""

from __future__ import annotations

import re

from altfinder._text import normalize
from altfinder.models import Product

__all__ = ["product_keywords"]

_PROMO = re.compile(r"【[^】]*】|\[[^\]]*\]|《[^》]*》|≪[^≫]*≫")
# A subtitle: " -より良いコードを…", " -Switch" (NFKC and the dash fold turn ― into -).
_SUBTITLE = re.compile(r"\s+-\s*\S.*$")
_PARENS = re.compile(r"[(（]([^()（）]*)[)）]")
# Bracketed labels that say nothing about the product itself (book imprints, series).
_LABELS = re.compile(r"(コミックス|文庫|新書|ノベルス|選書|叢書|シリーズ|出版|書店|社)$")
_PUNCTUATION_ONLY = re.compile(r"^[\W_]+$")
_HAS_DIGIT = re.compile(r"\d")


def _keep_bracket(match: re.Match[str]) -> str:
    inner = match.group(1).strip()
    if not inner or _LABELS.search(inner):
        return " "
    return f" {inner} "


def _title_words(title: str) -> list[str]:
    text = _PROMO.sub(" ", normalize(title))
    text = _SUBTITLE.sub("", text)
    text = _PARENS.sub(_keep_bracket, text)
    words: list[str] = []
    seen: set[str] = set()
    for word in text.split():
        word = word.strip("/・,、。")
        if not word or _PUNCTUATION_ONLY.match(word):
            continue
        if len(word) == 1 and not word.isdigit():
            continue  # "L", "R" of "Joy-Con(L)/(R)"
        if word.casefold() in seen:
            continue
        seen.add(word.casefold())
        words.append(word)
    return words


def product_keywords(product: Product, *, core_words: int = 3, max_chars: int = 60) -> str:
    """A keyword query for ``product``: the title's core words, or brand and model number.

    * the first ``core_words`` words of the normalised title, promotional brackets
      (【送料無料】), publisher labels ((ジャンプコミックス)) and subtitles (" ―より良い…")
      removed, bracketed variants ((有機ELモデル), (第2世代)) kept as words;
    * plus the first later word with a digit (a capacity, a generation: 128GB, 第2世代);
    * the brand in front when the title core is a single word (not for books, whose
      "brand" is the publisher), and brand plus model number when there is no title.

    Returns ``""`` when the product has neither a title nor a model number.

    Example:
        >>> product_keywords(Product(title="Apple iPhone 15 128GB ブルー SIMフリー"))
        'Apple iPhone 15 128GB'
        >>> product_keywords(Product(title="SPY×FAMILY 12 (ジャンプコミックス)"))
        'SPY×FAMILY 12'
        >>> product_keywords(Product(title="リーダブルコード ―より良いコードを書くための…",
        ...                          isbn="9784873115658", brand="オライリー・ジャパン"))
        'リーダブルコード'
        >>> product_keywords(Product(brand="ソニー", model_number="WH-1000XM5/B"))
        'ソニー WH-1000XM5/B'
    """
    brand = normalize(product.brand or "")
    model = normalize(product.model_number or "")
    words = _title_words(product.title or "")
    if not words:
        query = " ".join(part for part in (brand, model) if part)
        return query[:max_chars].strip() if model else ""
    chosen = words[:core_words]
    extra = next((w for w in words[core_words:] if _HAS_DIGIT.search(w)), None)
    if extra is not None:
        chosen.append(extra)
    if (len(chosen) == 1 and brand and product.isbn is None
            and brand.casefold() not in chosen[0].casefold()):
        chosen.insert(0, brand)
    query = ""
    for word in chosen:
        candidate = f"{query} {word}".strip()
        if len(candidate) > max_chars:
            break
        query = candidate
    return query or chosen[0][:max_chars]
