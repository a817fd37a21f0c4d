"""The identity rule: does a listing carry the exact digits of the code searched?

Item Search has no JAN field, so an Ichiba item is identity-verified only when its name,
caption or item code writes the code: full-width digits are read, hyphens and spaces
between digits are allowed, the digits must not be part of a longer number, and a JAN
starting with 0 also matches its 12-digit UPC, an ISBN-13 starting 978 its ISBN-10.

Example:
    >>> carries_code("4902370548495", "Switch 4 902370 548495")
    True
"""

from __future__ import annotations

import contextlib
import functools
import re

from stdnum import isbn as stdnum_isbn

from altfinder._text import normalize


def _code_variants(code: str) -> list[str]:
    """The digit strings a listing may write for ``code``: itself, UPC-12, ISBN-10."""
    variants = [code]
    if len(code) == 13 and code.startswith("0"):
        variants.append(code[1:])  # a UPC-A written without the EAN's leading zero
    if len(code) == 13 and code.startswith("978"):
        with contextlib.suppress(Exception):  # the code was validated by parse_code
            variants.append(stdnum_isbn.to_isbn10(code))
    return variants


@functools.lru_cache(maxsize=256)
def _code_pattern(code: str) -> re.Pattern[str]:
    alternatives = []
    for variant in _code_variants(code):
        # Digits may be grouped with hyphens or spaces (978-4-87311-565-8, 4 902370 548495).
        alternatives.append(r"[-\s]?".join(re.escape(c) for c in variant))
    return re.compile(r"(?<!\d)(?:" + "|".join(alternatives) + r")(?!\d)")


def carries_code(code: str, *texts: str) -> bool:
    """Whether any of ``texts`` carries the exact digits of ``code``.

    Full-width digits are read, hyphens and spaces between digits are allowed, and the
    digits must not be part of a longer number. A JAN starting with 0 also matches its
    12-digit UPC, an ISBN-13 starting 978 its ISBN-10.

    Example:
        >>> carries_code("4902370548495", "JANコード：４９０２３７０５４８４９５")
        True
        >>> carries_code("4902370548495", "品番 49023705484951")
        False
        >>> carries_code("9784873115658", "ISBN4-87311-565-5")
        True
    """
    pattern = _code_pattern(code)
    return any(text and pattern.search(normalize(text)) for text in texts)
