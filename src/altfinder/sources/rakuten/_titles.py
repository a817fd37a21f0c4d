"""Title text: the keyword of the title search, and listing titles read for a description.

Shops decorate listing names (【送料無料】, the JAN itself); the title search needs a short
keyword within Rakuten's limits, and the product description needs the plainest title.

Example:
    >>> _clean_title("【送料無料】Nintendo Switch JAN:4902370548495", "4902370548495")
    'Nintendo Switch'
"""

from __future__ import annotations

import re

from altfinder._text import normalize
from altfinder.models import Product
from altfinder.sources.rakuten._identity import _code_pattern

#: Leading words of the title used by the title search (Rakuten ANDs every word).
TITLE_WORDS = 4
#: Rakuten's keyword limit, counted in single-byte characters (a double-byte one counts 2).
KEYWORD_LIMIT = 128

_PROMO = re.compile(r"【[^】]*】|\[[^\]]*\]|［[^］]*］|〔[^〕]*〕")
_WORD_BREAK = re.compile(r"[\s()（）/／,、・|｜!！?？「」『』<>＜＞:：;；]+")


def title_keyword(product: Product) -> str | None:
    """The keyword for the title search: the model number, then the title's first words.

    Promotional brackets (【送料無料】) go, one-character words go (Rakuten refuses them),
    and the keyword stays within Rakuten's 128 single-byte characters.

    Example:
        >>> title = "【新品】Nintendo Switch（有機ELモデル） Joy-Con(L)/(R) ホワイト"
        >>> title_keyword(Product(title=title, model_number="HEG-S-KAAAA"))
        'HEG-S-KAAAA Nintendo Switch 有機ELモデル'
    """
    words: list[str] = []
    if product.model_number:
        words.extend(w for w in normalize(product.model_number).split() if len(w) > 1)
    title = _PROMO.sub(" ", normalize(product.title or ""))
    for word in _WORD_BREAK.split(title):
        if len(words) >= TITLE_WORDS:
            break
        word = word.strip("-~.'\"")
        if len(word) > 1 and word not in words:
            words.append(word)
    keyword = ""
    for word in words[:TITLE_WORDS]:
        candidate = f"{keyword} {word}".strip()
        if sum(1 if ord(c) < 128 else 2 for c in candidate) > KEYWORD_LIMIT:
            break
        keyword = candidate
    return keyword or None


def _clean_title(title: str, code: str | None = None) -> str:
    """A listing's name without promotional brackets and without the code's digits."""
    text = _PROMO.sub(" ", normalize(title))
    if code is not None:
        text = re.sub(r"(?:JAN|ISBN|EAN)?\s*[:：]?\s*" + _code_pattern(code).pattern, " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _central_title(titles: list[str]) -> str:
    """The title closest to all the others (the least promotional); the shorter on a tie.

    Example:
        >>> _central_title(["Switch 有機EL ホワイト", "Switch 有機EL ホワイト 新品 即納",
        ...                 "任天堂 Switch 有機EL"])
        'Switch 有機EL ホワイト'
    """
    words = [set(w for w in _WORD_BREAK.split(t) if len(w) > 1) for t in titles]

    def centrality(i: int) -> tuple[float, int]:
        score = sum(len(words[i] & other) / max(len(words[i] | other), 1)
                    for j, other in enumerate(words) if j != i)
        return score, -len(titles[i])

    return titles[max(range(len(titles)), key=centrality)]
