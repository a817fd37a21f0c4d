"""Makers: which company a brand written in a title belongs to (利尻 is ピュール's, LPLP
is ビーボ's), so a listing of another maker's product of the same kind is caught.

The lexicon (``makers.json``, company → spellings) lists the brands a Japanese shopper
meets, grouped by the company that owns them: ビオレ, キュレル and アタック are all 花王's,
so a listing naming ビオレ for a キュレル cream is no maker conflict (other rules tell the
lines apart). Spellings that are also ordinary words (メリット, エッセンシャル, ジョイ) are
left out. A brand followed by what it fits (``iPhone対応``, ``ダイソン用``) names what the
listing fits, not its maker.

Example:
    >>> sorted(makers_in(fold_kana("ダイソン V12 Detect Slim").casefold()))
    ['ダイソン']
    >>> sorted(makers_in(fold_kana("ダイソン用 フィルター 互換品")))
    []
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from altfinder._text import normalize
from altfinder.matching._normalize import fold_kana

# what a brand is followed by when it names what the listing fits: ダイソン用, iPhone対応,
# レグザ アクオス録画に (its next word may come first)
_FITS = re.compile(r"\s*(?:\S{0,10}?(?:に|用|対応|向け|互換|専用|で使用)"
                   r"|取付|取り付け|から|の?ような|風|似)")


def _build(entries: dict[str, list[str]]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex for every spelling, and the company of each.

    Latin spellings must not touch other Latin letters. Kana and kanji spellings must not
    follow more of their script; a long one may run on into the next word (ルプルプヘアカラー),
    a short one may not (ビオレ is not ビオレッタ), except into another script (利尻ヘアカラー).
    """
    names: dict[str, str] = {}
    for company, spellings in entries.items():
        for spelling in spellings:
            names.setdefault(fold_kana(normalize(spelling).casefold()), company)
    kana, kanji = "ぁ-ゖー", "一-鿿々"
    parts: dict[str, list[str]] = {}
    for spelling in names:
        if re.fullmatch(r"[a-z0-9' .&+-]+", spelling):
            key = r"(?<![a-z])(?:{})(?![a-z])"
        else:  # a script's word must not be cut out of a longer one of the same script
            before = kanji if re.match(f"[{kanji}]", spelling) else kana
            after = kanji if re.search(f"[{kanji}]$", spelling) else kana
            key = f"(?<![{before}])(?:{{}})" + ("" if len(spelling) >= 4 else f"(?![{after}])")
        parts.setdefault(key, []).append(spelling)
    regex = re.compile("|".join(key.format(_trie(words)) for key, words in parts.items())
                       or r"(?!)")
    return regex, names


_BRAND_PARTS = re.compile(r"[()/・,、\s]+")  # Dove(ダヴ), 花王 ニベア: each a name
_Node = dict[str, "_Node"]  # a trie of characters; "" marks a word's end


def _trie(words: list[str]) -> str:
    """One pattern for many literal words, their shared starts written once (Python's regex
    engine tries each alternative of a plain alternation in turn, at every position). Longer
    words are tried first, as in an alternation sorted by length.

    Example:
        >>> _trie(["ab", "abc", "ad"])
        'a(?:b(?:c)?|d)'
    """
    root: _Node = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: _Node) -> str:
        alternatives = [re.escape(char) + emit(child) for char, child in sorted(node.items())
                        if char]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


@lru_cache(maxsize=1)
def _lexicons() -> tuple[tuple[re.Pattern[str], dict[str, str]], dict[str, str],
                         tuple[re.Pattern[str], dict[str, str]]]:
    """The plain spellings, the ordinary words (Apple, Joy) looked up whole in a brand
    field, and the publishers of books and games."""
    data = json.loads(resources.files("altfinder.matching").joinpath("makers.json")
                      .read_text(encoding="utf-8"))
    also = {fold_kana(normalize(spelling).casefold()): company
            for company, spellings in data["also"].items() for spelling in spellings}
    return _build(data["makers"]), also, _build(data["publishers"])


def makers_in(text: str, *, fitted: bool = False, publishers: bool = False) -> frozenset[str]:
    """The companies whose brands a (kana-folded, case-folded) title names as its maker, or
    with ``fitted`` also those it names as what it fits; with ``publishers``, the publishers
    of books and games it names instead.

    Example:
        >>> sorted(makers_in(fold_kana("ビッセル スポットクリーン リンサークリーナー")))
        ['ビッセル']
        >>> sorted(makers_in(fold_kana("天外魔境II ハドソン"), publishers=True))
        ['ハドソン']
    """
    lexicons = _lexicons()
    regex, names = lexicons[2] if publishers else lexicons[0]
    return frozenset(names[m.group()] for m in regex.finditer(text)
                     if fitted or not _FITS.match(text, m.end()))


def brand_makers(brand: str) -> frozenset[str]:
    """The companies a product's brand field names, ordinary words included (Apple).

    Example:
        >>> sorted(brand_makers(fold_kana("apple")))
        ['アップル']
    """
    also = _lexicons()[1]
    parts = {brand.strip(), *(p.strip() for p in _BRAND_PARTS.split(brand))}
    return makers_in(brand, fitted=True) | {also[p] for p in parts if p in also}
