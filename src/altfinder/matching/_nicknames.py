"""Names fans and sellers shorten past recognition: SAO for ソードアート・オンライン, こち亀 for
こちら葛飾区亀有公園前派出所, FFT for ファイナルファンタジー タクティクス.

:mod:`._abbrev` reads clippings it can derive from the name itself (ルイマン, DK); these are the
ones it cannot, listed in ``nicknames.json`` (short form → full name). A nickname counts only
for a reference whose own title carries the full name, so FF stands for nothing in a Switch
Lite's title and ガラかめ names no word of another manga.

Example:
    >>> nicknames_in("fft 獅子戦争 psp", "ふぁいなるふぁんたじーたくてぃくす獅子戦争psp")
    ['ふぁいなるふぁんたじーたくてぃくす']
    >>> nicknames_in("fft 獅子戦争", "ぽけっともんすたー")
    []
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from altfinder.matching._normalize import _compact, _trie, fold_text

_SERIES = re.compile(r"\s*(?:しりーず|series)")


@lru_cache(maxsize=1)
def _lexicon() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex for every nickname, and the compacted full name of each.

    A Latin nickname must not touch other letters (a number may follow: ff7); a kana or
    kanji one must not be cut out of a longer word of its script.
    """
    data: dict[str, str] = json.loads(resources.files("altfinder.matching")
                                      .joinpath("nicknames.json").read_text(encoding="utf-8"))
    names = {fold_text(short): _compact(fold_text(full)) for short, full in data.items()}
    latin = [n for n in names if re.fullmatch(r"[a-z0-9' .&+:-]+", n)]
    other = [n for n in names if n not in latin]
    parts = []
    if latin:
        parts.append(rf"(?<![a-z0-9])(?:{_trie(latin)})(?![a-z])")
    if other:
        parts.append(f"(?<![ぁ-ゖー一-鿿々])(?:{_trie(other)})")
    return re.compile("|".join(parts) or r"(?!)"), names


def nicknames_in(text: str, ref_compact: str) -> list[str]:
    """The full names (compacted, folded) that a listing's nicknames stand for, of those the
    reference's compacted title carries.

    Example:
        >>> nicknames_in("ps2 dod 説明書", "どらっぐおんどらぐーんps2")
        ['どらっぐおんどらぐーん']
    """
    regex, names = _lexicon()
    return [full for m in regex.finditer(text)  # パラッパシリーズ: the series, not the title
            if (full := names[m.group()]) in ref_compact and not _SERIES.match(text, m.end())]


def is_nickname(word: str, ref_compact: str) -> bool:
    """Whether a listing's word is a nickname of a name the reference carries.

    Example:
        >>> is_nickname("dod", "どらっぐおんどらぐーん")
        True
    """
    _, names = _lexicon()
    full = names.get(word)
    return full is not None and full in ref_compact
