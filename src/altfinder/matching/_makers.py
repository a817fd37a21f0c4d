"""Makers: which company a brand written in a title belongs to (利尻 is ピュール's, LPLP
is ビーボ's), so a listing of another maker's product of the same kind is caught.

The lexicon (``makers.json``, company → spellings) lists the brands a Japanese shopper
meets, grouped by the company that owns them: ビオレ, キュレル and アタック are all 花王's,
so a listing naming ビオレ for a キュレル cream is no maker conflict (other rules tell the
lines apart). Spellings that are also ordinary words (メリット, ジョイ, Apple) count only
in a reference's brand field, looked up whole. A brand followed by what it fits
(``iPhone対応``, ``ダイソン用``) names what the listing fits, not its maker.

Example:
    >>> sorted(makers_in(fold_text("ダイソン V12 Detect Slim")))
    ['ダイソン']
    >>> sorted(makers_in(fold_text("ダイソン用 フィルター 互換品")))
    []
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from altfinder.matching._normalize import _trie, fold_text
from altfinder.matching._vocabulary import FITS_WORDS

# what a brand is followed by when it names what the listing fits: ダイソン用, iPhone対応,
# レグザ アクオス録画に (its next word may come first)
_FITS = re.compile(rf"\s*(?:\S{{0,10}}?(?:{FITS_WORDS})|取付|取り付け|から|の?ような|風|似)")


def _build(entries: dict[str, list[str]]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex for every spelling, and the company of each.

    Latin spellings must not touch other Latin letters. Kana and kanji spellings must not
    follow more of their script; a long one may run on into the next word (ルプルプヘアカラー),
    a short one may not (ビオレ is not ビオレッタ), except into another script (利尻ヘアカラー).
    """
    names: dict[str, str] = {}
    for company, spellings in entries.items():
        for spelling in spellings:
            names.setdefault(fold_text(spelling), company)
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


@lru_cache(maxsize=1)
def _lexicons() -> tuple[tuple[re.Pattern[str], dict[str, str]], dict[str, str],
                         tuple[re.Pattern[str], dict[str, str]]]:
    """The plain spellings, the ordinary words (Apple, Joy) looked up whole in a brand
    field, and the publishers of books and games."""
    data = json.loads(resources.files("altfinder.matching").joinpath("makers.json")
                      .read_text(encoding="utf-8"))
    also = {fold_text(spelling): company
            for company, spellings in data["also"].items() for spelling in spellings}
    return _build(data["makers"]), also, _build(data["publishers"])


def makers_in(text: str, *, fitted: bool = False, publishers: bool = False) -> frozenset[str]:
    """The companies whose brands a (kana-folded, case-folded) title names as its maker, or
    with ``fitted`` also those it names as what it fits; with ``publishers``, the publishers
    of books and games it names instead.

    Example:
        >>> sorted(makers_in(fold_text("ビッセル スポットクリーン リンサークリーナー")))
        ['ビッセル']
        >>> sorted(makers_in(fold_text("天外魔境II ハドソン"), publishers=True))
        ['ハドソン']
    """
    lexicons = _lexicons()
    regex, names = lexicons[2] if publishers else lexicons[0]
    return frozenset(names[m.group()] for m in regex.finditer(text)
                     if fitted or not _FITS.match(text, m.end()))


def brand_makers(brand: str) -> frozenset[str]:
    """The companies a product's brand field names, ordinary words included (Apple).

    Example:
        >>> sorted(brand_makers(fold_text("apple")))
        ['アップル']
    """
    if not brand:
        return frozenset()
    also = _lexicons()[1]
    parts = {brand.strip(), *(p.strip() for p in _BRAND_PARTS.split(brand))}
    return makers_in(brand, fitted=True) | {also[p] for p in parts if p in also}


def company_of(word: str) -> str | None:
    """The company one (folded) word is a spelling of, ordinary words (YSL, MAC) included.

    Example:
        >>> company_of(fold_text("花王"))
        '花王'
        >>> company_of("ぺん") is None
        True
    """
    plain, also, _ = _lexicons()
    return plain[1].get(word) or also.get(word)
