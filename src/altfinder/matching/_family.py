"""What shops tell about the reference's family: its other titles and its siblings.

A code search (Yahoo!ショッピング's ``jan_code``, a JAN in Rakuten's keyword) returns the
product itself under the titles shops give it: its *aliases* (``Product.aliases``). A search
by name also returns other products of its family, each under a JAN of its own: its
*siblings* (``Product.siblings``). Both only add to what a title alone tells:

- an alias is another reference title: a listing scores against the closest of them, and
  a word an alias has explains a listing's word (オキシクリーン 1.5kg, where Amazon's title
  only says 1500g and its copy);
- a word of a sibling's title that neither the reference nor an alias explains names the
  sibling (絶景版 of 大神 絶景版 PS4, for 大神 on PS2): a listing that says it is that sibling.
  Siblings are read only with aliases: without a shop's title of the product, its own words
  (its platform, its author) cannot be told from a sibling's;
- what every alias says that the reference's own title does not is the product's: its
  platform (PS2 for 大神), and the lines any alias names (画集, リメイク).

Measured on blind124–153 and the held-back pages with catalogues written blind from the
references (``benchmarks/matcher_eval.py``, docs/matching.md): both figures rise.

Example:
    >>> from altfinder.matching._parse import _parse
    >>> from altfinder.matching._reference import _reference
    >>> ref = _reference("大神", "カプコン", None)
    >>> family = _family(ref, "カプコン", None, ("【PS2】大神 プレイステーション2 ソフト",),
    ...                  ("大神 絶景版 PS4 ソフト", "大神 絶景版 PS3"))
    >>> sorted(family.marks), sorted(family.platforms)
    (['絶景版'], ['ps2'])
    >>> _sibling_mark(family, _parse("大神 絶景版 PS3 中古"))
    ('絶景版', '大神 絶景版 PS4 ソフト')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from altfinder.matching._normalize import _canonical, fold_kana, fold_text
from altfinder.matching._parse import _parse, _Parsed
from altfinder.matching._reference import _Reference, _reference
from altfinder.matching._result import MatchKind
from altfinder.matching._rules import _LISTING_WORD, _accessory_rules, _unexplained, _Verdict
from altfinder.matching._vocabulary import _lines

_KANJI = re.compile("[一-鿿々]+")
_KANA = re.compile("[ぁ-ゖー]+")

#: At most this many aliases are scored (each costs one more fuzzy pass over the page)
MAX_ALIASES = 8


# Words of a sibling's title that the rules already read (a generation, a volume, an
# edition, a pair, a case of packs) or that name no product (オブ, the): no sibling's mark
_NO_MARK = frozenset(fold_kana(w) for w in (
    "世代", "巻", "版", "弾", "作", "オブ", "the", "ペア", "ケース販売", "箱買い",
    "エディション", "バージョン", "モデル"))  # マリオレッドエディション: a name's generic end


@dataclass(frozen=True)
class _Family:
    """The reference's aliases, parsed once, and its siblings' marks."""

    aliases: list[_Reference] = field(default_factory=list)
    alias_text: str = ""  # every alias's words, folded: what explains a listing's word
    marks: dict[str, str] = field(default_factory=dict)  # a sibling's word → its title
    lines: frozenset[str] = frozenset()  # the lines the aliases name (画集, リメイク)
    platforms: frozenset[str] = frozenset()  # the platform every alias that names one names


def _family(ref: _Reference, brand: str | None, model_number: str | None,
            aliases: Sequence[str], siblings: Sequence[str]) -> _Family:
    """Parse the aliases and find the words that name a sibling (and no alias)."""
    # the reference's own title again (an Amazon offer's) adds nothing
    titles = [a for a in dict.fromkeys(a.strip() for a in aliases)
              if a and fold_kana(_canonical(a)) != ref.whole_text][:MAX_ALIASES]
    # the author the reference's title credits (湊 かなえ (著)) is each alias's too
    alias_refs = [_reference(a, ref.brand_field or brand, model_number, ref.coded_book)
                  for a in titles]
    alias_text = " ".join(a.whole_text for a in alias_refs)
    # Only the aliases tell the product's own words (its platform, its author, its maker's
    # copy) from a sibling's: without them a sibling's title marks nothing. The brand field
    # (a book's author, a maker) is the whole family's, never one sibling's.
    family_words = fold_text(brand or "").replace(" ", "")
    marks: dict[str, str] = {}
    said = ref.whole_text + alias_text  # what a sibling's word may share a head with
    for title in dict.fromkeys(s.strip() for s in siblings if s.strip()) if alias_refs else ():
        parsed = _parse(title)
        judged = _Verdict()
        _accessory_rules(ref, parsed, judged, None)
        if judged.kind is not MatchKind.MATCH:
            continue  # a case or a film sold for it: the accessory rules know its words
        for word in _unexplained(ref, parsed, alias_text, short=True):  # PENTAX KF: a mark
            if (not word.isdigit() and len(word) >= 2 and word not in family_words
                    and word not in _NO_MARK):
                marks.setdefault(word, title)
                own = _own_head(word, said)
                if own:  # 電脳獣ファルザー: ファルザー, after our 電脳獣
                    marks.setdefault(word[own:], title)
    lines = frozenset(line for a in titles for line in _lines(_canonical(a)))
    named = [frozenset(a.parsed.platforms) for a in alias_refs if a.parsed.platforms]
    platforms = frozenset.intersection(*named) if named else frozenset()
    return _Family(alias_refs, alias_text, marks, lines, platforms)


def _own_head(word: str, text: str) -> int:
    """How many of a sibling's word's first characters (three at least) the reference's own
    titles glue to a name of their own: 3 for 電脳獣ふぁるざー of 電脳獣ぐれいが, 0 for none."""
    for n in range(len(word) - 3, 2, -1):  # the reference glues the same head to its own
        head = word[:n]  # name (電脳獣ぐれいが): the rest of the sibling's word is its name,
        if (_KANJI.fullmatch(head) and _KANA.fullmatch(word[n:])  # where the script changes
                and re.search(f"{re.escape(head)}[ぁ-ゖー]", text) and word[n:] not in text):
            return n
    return 0


def _sibling_mark(family: _Family, lst: _Parsed) -> tuple[str, str] | None:
    """The first word of the listing that names a sibling, as the seller wrote it, with the
    sibling's title."""
    if not family.marks:
        return None
    words = set(_LISTING_WORD.findall(lst.text))
    # text and display share their positions, so without their spaces they still do
    compact, shown = lst.text.replace(" ", ""), lst.display.replace(" ", "")
    for mark, title in family.marks.items():
        if mark in words or (len(mark) >= 3 and mark in compact):
            at = compact.find(mark)  # a word of the text is in it too
            return shown[at:at + len(mark)], title
    return None
