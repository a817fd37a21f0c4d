"""Does a seller-written listing title describe the product we were asked about?

Flea markets and auctions cannot be searched by JAN: a listing is a title a seller
typed. :func:`match_title` reads such a title against the reference
:class:`~altfinder.models.Product` (its title, brand and model number) and returns a
:class:`Match`: whether it is the same product, a 0–1 score, how many units the
listing sells, a condition cap for junk, and the readable reasons.

The pipeline (see ``docs/matching.md``):

1. **Normalise**: :func:`altfinder._text.normalize` (NFKC, dash and wave folds), case
   folding, product and brand aliases (スイッチ → switch, 任天堂 → nintendo), then
   katakana → hiragana for comparison; promotional brackets (【送料無料】【美品】) and
   promotional words are dropped.
2. **Hard rules**, each a rejection with its reason: accessories and parts (ケース,
   フィルム, 替えブラシ, 充電器のみ), compatibles (互換, Switch用), box or manual only
   (空箱, 説明書のみ), bonus items only (特典のみ, DL版), lots (まとめ売り, 他3点, 全巻),
   a different model number (CFI-1200 ≠ CFI-2000), capacity or colour (128GB ≠ 256GB),
   product line (Pro ≠ Pro Max, Lite ≠ the full model), generation (第2世代 ≠ 第3世代),
   volume or edition (SPY×FAMILY 12 ≠ 13), or brand.
3. **Score**: the share of the reference's words (Latin tokens and Japanese character
   bigrams) the listing contains, blended with rapidfuzz's ``token_set_ratio`` and
   ``partial_ratio`` (scored for a whole page at once with ``process.cdist``), plus a
   bonus when the model number or the brand is named.
4. **Quantity and condition**: 2個セット, ×3, 2台 → ``quantity``; ジャンク, 動作未確認,
   部品取り → the condition is capped at ``poor``.

The package, one responsibility a module: ``_normalize`` (step 1), ``_vocabulary``
(brands, colours, lines, accessories, lots), ``_parse`` (reading one title),
``_reference`` (the reference product's words), ``_rules`` (step 2 and the quantity and
junk rules of step 4), ``_series`` (step 2's rules for another product of a series),
``_score`` (step 3), ``_result`` (:class:`Match`, :class:`MatchKind`)
and this module, which puts them together in :class:`Matcher`.

Example:
    >>> from altfinder import Product, match_title
    >>> ps5 = Product(title="PlayStation 5 (CFI-2000A01)", brand="ソニー",
    ...               model_number="CFI-2000A01")
    >>> match_title(ps5, "【美品】PS5 本体 CFI-2000A01 ディスクドライブ搭載").is_match
    True
    >>> m = match_title(ps5, "PS5 CFI-1200A01 本体")
    >>> m.is_match, m.kind.value
    (False, 'model_conflict')
    >>> match_title(ps5, "PS5 縦置きスタンド 冷却ファン付き").kind.value
    'accessory'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from altfinder._text import normalize
from altfinder.matching._family import _Family, _family, _sibling_mark
from altfinder.matching._normalize import _compact
from altfinder.matching._normalize import fold_kana as fold_kana
from altfinder.matching._parse import _parse, _Parsed
from altfinder.matching._reference import _is_product_code, _Reference, _reference
from altfinder.matching._result import Match, MatchKind
from altfinder.matching._rules import (
    _accessory_rules,
    _bare_size_rule,
    _brand_rules,
    _companion_rule,
    _condition_cap,
    _decimal_rule,
    _degree_rule,
    _denial_rule,
    _edition_rule,
    _first_one_rule,
    _game_set_rule,
    _insertion_rule,
    _joined_set_rule,
    _last_word_rule,
    _letter_rule,
    _lot_rules,
    _maker_rule,
    _model_rules,
    _nc_rule,
    _new_rule,
    _numbered_name_rule,
    _original_rule,
    _other_number_rule,
    _part_rule,
    _pen_count_rule,
    _place_rule,
    _plain_edition_rule,
    _plus_rule,
    _prefixed_title_rule,
    _quantity_rule,
    _range_rule,
    _season_rule,
    _sequel_rule,
    _series_name_rule,
    _split_pack_rule,
    _substitution_rule,
    _translator_rule,
    _type_rule,
    _unexplained,
    _variant_rules,
    _Verdict,
    _written_variant_rule,
)
from altfinder.matching._score import _score, _similarities
from altfinder.matching._series import _series_rule
from altfinder.matching._vocabulary import ACCESSORY_MAKERS as ACCESSORY_MAKERS
from altfinder.matching._vocabulary import BRAND_ALIASES as BRAND_ALIASES
from altfinder.matching._vocabulary import _Vocabulary
from altfinder.models import Product

__all__ = ["DEFAULT_THRESHOLD", "Match", "MatchKind", "Matcher", "match_title", "match_titles"]

#: The score a listing needs (with no hard rule against it) to count as the product.
#: Chosen on the score distribution of every labelled title no rule rejects (see
#: docs/matching.md): from 0.55 to 0.5 gained 12 true matches and no false one.
DEFAULT_THRESHOLD = 0.5
#: Below the threshold a listing still matches when every word of it is explained (by the
#: reference, a seller's habit, a statement about the copy, a size or a colour): a
#: nickname or the copy left out, with nothing that names another product — down to this
#: far below the threshold (to 0 at the default; docs/matching.md).
_EXPLAINED_MARGIN = 0.5
#: What a word of the listing that neither the reference nor an alias explains costs the
#: score against an alias (docs/matching.md: 0.2 kept recall and precision on blind124–153)
_ALIAS_UNEXPLAINED_COST = 0.2


class Matcher:
    """A configured title matcher; :func:`match_title` uses one with the defaults.

    Args:
        threshold: the score an acceptable listing needs (default :data:`DEFAULT_THRESHOLD`);
            0.1 less when every word of the listing is explained (by the reference, a
            seller's habit such as 箱あり or 数回使用, a size or a colour).
        accessory_words: more words meaning "an accessory or part" (e.g. a category's own
            parts: ``("替えパッド",)``), on top of the built-in list.

    Example:
        >>> from altfinder import Product
        >>> strict = Matcher(threshold=0.8, accessory_words=("巾着",))
        >>> strict.match(Product(title="サーモス 真空断熱ケータイマグ 500ml ブラック"),
        ...              "サーモス ケータイマグ 巾着").kind.value
        'accessory'
    """

    def __init__(self, *, threshold: float = DEFAULT_THRESHOLD,
                 accessory_words: Iterable[str] = ()) -> None:
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold must be between 0 and 1, got {threshold}")
        self.threshold = threshold
        words = [normalize(w).casefold() for w in accessory_words]
        self._extra = _Vocabulary(((w, re.escape(w)) for w in words), fold=True) if words else None

    def __repr__(self) -> str:
        return f"Matcher(threshold={self.threshold})"

    def match(self, product: Product, title: str) -> Match:
        """Match one listing title against ``product``.

        Example:
            >>> from altfinder import Product
            >>> Matcher().match(Product(title="SPY×FAMILY 12 (ジャンプコミックス)"),
            ...                 "SPY×FAMILY 13巻").kind.value
            'volume_conflict'
        """
        return self.match_many(product, [title])[0]

    def match_many(self, product: Product, titles: Sequence[str]) -> list[Match]:
        """Match a page of listing titles at once (fuzzy scores in one ``cdist`` call).

        Example:
            >>> from altfinder import Product
            >>> page = ["Nintendo Switch Lite ターコイズ 本体", "Switch Lite 保護フィルム"]
            >>> [m.is_match for m in Matcher().match_many(
            ...     Product(title="Nintendo Switch Lite ターコイズ"), page)]
            [True, False]
        """
        titles = list(titles)
        if not product.title or not product.title.strip():
            return [Match(title=t, is_match=False, kind=MatchKind.NO_REFERENCE, score=0.0,
                          reasons=("no reference title to compare the listing with",))
                    for t in titles]
        ref = _reference(product.title, product.brand, product.model_number,
                         _is_book(product))
        parsed = [_parse(t) for t in titles]
        if not parsed:
            return []
        family = _family(ref, product.brand, product.model_number, product.aliases,
                         product.siblings)
        by_alias = [_similarities(alias, parsed) for alias in family.aliases]
        return [self._judge(ref, title, lst, similarity, family,
                            [scores[j] for scores in by_alias])
                for j, (title, lst, similarity)
                in enumerate(zip(titles, parsed, _similarities(ref, parsed), strict=True))]

    def _judge(self, ref: _Reference, title: str, lst: _Parsed,
               similarity: tuple[float, dict[str, float]], family: _Family,
               alias_similarities: list[tuple[float, dict[str, float]]]) -> Match:
        verdict = _Verdict()
        _accessory_rules(ref, lst, verdict, self._extra, family.lines)
        _lot_rules(ref, lst, verdict)
        _denial_rule(ref, lst, verdict)
        named = _model_rules(ref, lst, verdict)
        _variant_rules(ref, lst, verdict, named is not None, family.lines, family.platforms)
        _series_rule(ref, lst, verdict, named is not None and _is_model_code(named),
                     family.alias_text)
        branded = _brand_rules(ref, lst, verdict)
        _maker_rule(ref, lst, verdict)
        sibling = _sibling_mark(family, lst) if named is None else None
        if sibling:  # a model number named outweighs a sibling's word (R WR ブラック)
            verdict.reject(MatchKind.LINE_CONFLICT, f"another product of the family: "
                                                    f"{sibling[0]} (as in 「{sibling[1]}」)")

        set_ratio, present = similarity
        score, reasons = _score(ref, set_ratio, present, named=named, branded=branded)
        unexplained: list[str] | None = None  # read once, when an alias or the margin asks
        if family.aliases:
            unexplained = _unexplained(ref, lst, family.alias_text)
            score, reasons = _closest_alias(family, alias_similarities, unexplained, score,
                                            reasons, named, branded)
        if score >= self.threshold:
            _last_word_rule(ref, lst, present, verdict, named is not None)
        _original_rule(ref, lst, present, verdict)
        _companion_rule(ref, lst, verdict)
        _place_rule(ref, lst, verdict)
        _numbered_name_rule(ref, lst, verdict)
        _sequel_rule(ref, lst, verdict)
        _season_rule(ref, lst, verdict)
        _pen_count_rule(ref, lst, verdict)
        _range_rule(ref, lst, verdict)
        _part_rule(ref, lst, verdict)
        _letter_rule(ref, lst, verdict)
        _bare_size_rule(ref, lst, verdict)
        _decimal_rule(ref, lst, verdict)
        _degree_rule(ref, lst, verdict)
        _edition_rule(ref, lst, verdict)
        _first_one_rule(ref, lst, verdict)
        _plain_edition_rule(ref, lst, verdict)
        _new_rule(ref, lst, verdict)
        _written_variant_rule(ref, lst, verdict)
        _translator_rule(ref, lst, verdict)
        _series_name_rule(ref, lst, verdict)
        _plus_rule(ref, lst, verdict)
        _nc_rule(ref, lst, verdict)
        _type_rule(ref, lst, verdict, family.alias_text)
        if named is None and score >= self.threshold:
            _substitution_rule(ref, lst, present, verdict, unexplained, family.alias_text)
            _insertion_rule(ref, lst, verdict, unexplained, family.alias_text)
            _prefixed_title_rule(ref, lst, verdict, unexplained, family.alias_text)
            _other_number_rule(ref, lst, verdict, unexplained, family.alias_text)
        verdict.reasons.extend(reasons)
        # Below the threshold, a listing whose every word the reference or a seller's habit
        # explains is still the product (a nickname, the copy left out): nothing contradicts it.
        if (verdict.kind is MatchKind.MATCH
                and self.threshold - _EXPLAINED_MARGIN <= score < self.threshold
                and (not ref.is_accessory  # a listing of the case says what it is
                     or any(fold_kana(w) in lst.text for w in ref.accessories))
                and not (unexplained if unexplained is not None
                         else _unexplained(ref, lst, family.alias_text))):
            verdict.reasons.append(f"every word of the listing is the reference's or a seller's "
                                   f"(score {score:.2f})")
        elif verdict.kind is MatchKind.MATCH and score < self.threshold:
            verdict.reject(MatchKind.LOW_SCORE,
                           f"too different from the reference title (score {score:.2f} "
                           f"< {self.threshold:.2f})")

        _game_set_rule(ref, lst, verdict, unexplained, family.alias_text)
        _joined_set_rule(ref, lst, verdict, unexplained, family.alias_text)
        quantity = _quantity_rule(ref, lst, verdict)
        _split_pack_rule(ref, lst, verdict)
        cap, cap_reason = _condition_cap(lst, verdict)
        if verdict.kind is MatchKind.MATCH:
            verdict.reasons.insert(0, "same product")
        return Match(title=title, is_match=verdict.kind is MatchKind.MATCH, kind=verdict.kind,
                     score=score, quantity=quantity, condition_cap=cap,
                     condition_reason=cap_reason, reasons=tuple(verdict.reasons))


def _closest_alias(family: _Family, alias_similarities: list[tuple[float, dict[str, float]]],
                   unexplained: list[str], score: float, reasons: list[str],
                   named: str | None, branded: bool) -> tuple[float, list[str]]:
    """The score against the closest of the shops' titles of the product, when closer.

    Each word of the listing that neither the reference nor an alias explains costs
    ``_ALIAS_UNEXPLAINED_COST``: a short alias (キイロビン 120g) is all but contained in
    a sibling's listing (ソフト99 ガラコ … キイロビン同等)."""
    cost = _ALIAS_UNEXPLAINED_COST * len(unexplained)
    for alias, (ratio, present) in zip(family.aliases, alias_similarities, strict=True):
        alias_score, alias_reasons = _score(alias, ratio, present, named=named,
                                            branded=branded)
        alias_score = round(max(0.0, alias_score - cost), 3)
        if alias_score > score:
            score = alias_score
            reasons = [*alias_reasons[:-1], f"{alias_reasons[-1]} against 「"
                       f"{alias.parsed.display.strip()}」, a shop's title of it"
                       + (f", less {cost:.2f} for {' '.join(unexplained[:3])}"
                          if unexplained else "")]
    return score, reasons


def _is_book(product: Product) -> bool:
    """Whether the product's own code says it is a book: an ISBN, or a JAN in the Bookland
    ranges 978 and 979 (what a shop's title of a book often fails to say: 人は話し方が9割)."""
    return bool(product.isbn) or bool(product.jan and product.jan.startswith(("978", "979")))


def _is_model_code(code: str) -> bool:
    """A code that names one product (ZDR035), not a shade or size code (BK999, 001)."""
    compact = _compact(code)
    return len(compact) >= 6 and _is_product_code(compact)


_DEFAULT = Matcher()


def match_title(product: Product, title: str) -> Match:
    """Whether a listing ``title`` is ``product``, how many units, and why.

    Example:
        >>> from altfinder import Product, match_title
        >>> iphone = Product(title="Apple iPhone 15 128GB ブルー SIMフリー", brand="Apple",
        ...                  model_number="MTML3J/A")
        >>> [match_title(iphone, t).kind.value for t in (
        ...     "iPhone15 128GB ブルー SIMフリー 美品", "iPhone 15 Pro 128GB ブルー",
        ...     "iPhone 15 256GB ブルー", "iPhone15 ケース ブルー 手帳型")]
        ['match', 'line_conflict', 'variant_conflict', 'accessory']
    """
    return _DEFAULT.match(product, title)


def match_titles(product: Product, titles: Sequence[str]) -> list[Match]:
    """Match a page of listing titles at once (what a source hands over).

    Example:
        >>> from altfinder import Product, match_titles
        >>> [m.quantity for m in match_titles(Product(title="アタックZERO 詰め替え 1620g"),
        ...                                   ["アタックZERO 詰め替え 1620g ×3袋"])]
        [3]
    """
    return _DEFAULT.match_many(product, titles)
