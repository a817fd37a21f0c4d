"""Japanese text normalisation shared by codes, parsers and matching.

NFKC folds full-width ASCII and half-width katakana, but it leaves the many
hyphen and dash look-alikes (‐ ‑ ‒ – — ― − ｰ…) and the wave dash 〜 alone. Sellers
type all of them in model numbers and codes, so we fold them too.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold_dashes", "normalize", "to_int_yen"]

# Hyphen-like characters NFKC leaves untouched (U+FF0D and U+FE63 are already mapped by NFKC).
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2796\ufe58\u30fc\uff70\u2500\u2501"
_DASH_RE = re.compile(f"[{_DASHES}]")
# A katakana prolonged sound mark (ー) is a real letter inside katakana words; fold it
# to "-" only between ASCII letters/digits, where it is a mistyped hyphen (CFIー2000).
_ASCII_CONTEXT_DASH = re.compile(r"(?<=[0-9A-Za-z])[\u30fc\uff70](?=[0-9A-Za-z])")
_NON_KATAKANA_DASH = re.compile(f"[{_DASHES.replace(chr(0x30FC), '').replace(chr(0xFF70), '')}]")
_WAVES = re.compile("[\u301c\u3030\uff5e\u223c\u223e\u2053]")
_SPACES = re.compile(r"\s+")


def fold_dashes(text: str) -> str:
    """Fold hyphen and dash variants to ``-`` and wave dashes to ``~``.

    Example:
        >>> fold_dashes("CFI\u20132000 3\u301c5日")
        'CFI-2000 3~5日'
    """
    text = _ASCII_CONTEXT_DASH.sub("-", text)
    text = _NON_KATAKANA_DASH.sub("-", text)
    return _WAVES.sub("~", text)


def normalize(text: str) -> str:
    """NFKC plus dash and wave folding, with runs of whitespace collapsed.

    Example:
        >>> normalize("ＰＳ５\u3000ＣＦＩ\u2010２０００")
        'PS5 CFI-2000'
    """
    text = unicodedata.normalize("NFKC", text)
    text = fold_dashes(text)
    return _SPACES.sub(" ", text).strip()


_YEN_RE = re.compile(r"-?\d[\d,]*")


def to_int_yen(value: object) -> int | None:
    """Read a yen amount served as an int, a float, or a string like ``"¥1,980"``.

    Returns ``None`` when there is no number.

    Example:
        >>> to_int_yen("￥１，９８０円"), to_int_yen(2480), to_int_yen("")
        (1980, 2480, None)
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    if isinstance(value, str):
        match = _YEN_RE.search(unicodedata.normalize("NFKC", value))
        if match is None:
            return None
        return int(match.group().replace(",", ""))
    return None
