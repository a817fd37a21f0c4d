"""The matcher's verdict: :class:`MatchKind` (which rule decided) and :class:`Match`.

Example:
    >>> MatchKind.LOT.is_look_alike, MatchKind.MATCH.is_other_product
    (True, False)
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from altfinder.models import Condition


class MatchKind(StrEnum):
    """What the matcher decided, and which rule decided it.

    ``match`` is the only accepted kind. A *look-alike* is something else sold under
    the product's name (``accessory``, ``compatible``, ``box_only``, ``bonus_only``,
    ``lot``, ``low_score``); an *other product* is a real sibling product
    (``model_conflict``, ``variant_conflict``, ``line_conflict``, ``volume_conflict``,
    ``brand_conflict``, ``quantity_conflict``); ``ambiguous`` means the listing does not
    say which generation or volume it is; ``no_reference`` means there was no reference
    title to compare with.

    Example:
        >>> MatchKind.ACCESSORY.is_look_alike, MatchKind.MODEL_CONFLICT.is_other_product
        (True, True)
    """

    MATCH = "match"
    ACCESSORY = "accessory"
    COMPATIBLE = "compatible"
    BOX_ONLY = "box_only"
    BONUS_ONLY = "bonus_only"
    LOT = "lot"
    LOW_SCORE = "low_score"
    MODEL_CONFLICT = "model_conflict"
    VARIANT_CONFLICT = "variant_conflict"
    LINE_CONFLICT = "line_conflict"
    VOLUME_CONFLICT = "volume_conflict"
    BRAND_CONFLICT = "brand_conflict"
    QUANTITY_CONFLICT = "quantity_conflict"
    AMBIGUOUS = "ambiguous"
    NO_REFERENCE = "no_reference"

    @property
    def is_look_alike(self) -> bool:
        """Something else sold under the product's name (an accessory, a lot, …).

        Example:
            >>> MatchKind.LOT.is_look_alike
            True
        """
        return self in _LOOK_ALIKE

    @property
    def is_other_product(self) -> bool:
        """A real, different product of the same family (another model, colour, volume…).

        Example:
            >>> MatchKind.VOLUME_CONFLICT.is_other_product
            True
        """
        return self in _OTHER_PRODUCT


_LOOK_ALIKE = frozenset({MatchKind.ACCESSORY, MatchKind.COMPATIBLE, MatchKind.BOX_ONLY,
                         MatchKind.BONUS_ONLY, MatchKind.LOT, MatchKind.LOW_SCORE})
_OTHER_PRODUCT = frozenset({MatchKind.MODEL_CONFLICT, MatchKind.VARIANT_CONFLICT,
                            MatchKind.LINE_CONFLICT, MatchKind.VOLUME_CONFLICT,
                            MatchKind.BRAND_CONFLICT, MatchKind.QUANTITY_CONFLICT})


class Match(BaseModel):
    """The matcher's verdict on one listing title.

    Attributes:
        title: the listing title as given.
        is_match: the listing is the reference product (possibly several units of it).
        kind: which rule decided (``match`` when accepted; see :class:`MatchKind`).
        score: 0–1 similarity to the reference (1 = same words, model number named).
        quantity: units of the reference product the listing sells (2個セット → 2);
            relative to the reference, so a reference 2-pack sold as a 2-pack is 1.
        condition_cap: the best condition the listing can be (``poor`` for ジャンク,
            部品取り, 動作未確認; ``acceptable`` for 訳あり, 欠品), or ``None``.
        condition_reason: why, in words (``"junk or damaged (ジャンク): condition poor at
            best"``), or ``None``.
        reasons: why it matched or not, readable, most decisive first.

    Example:
        >>> from altfinder import Product, match_title
        >>> m = match_title(Product(title="キュレル 潤浸保湿 フェイスクリーム 40g", brand="花王"),
        ...                 "【新品】花王 キュレル フェイスクリーム 40g 2個セット")
        >>> m.is_match, m.quantity, m.junk
        (True, 2, False)
    """

    model_config = ConfigDict(frozen=True)

    title: str
    is_match: bool
    kind: MatchKind
    score: float = Field(ge=0.0, le=1.0)
    quantity: int = Field(default=1, ge=1)
    condition_cap: Condition | None = None
    condition_reason: str | None = None
    reasons: tuple[str, ...] = ()

    @property
    def junk(self) -> bool:
        """The listing says it is junk (ジャンク, 部品取り, 動作未確認): condition ``poor``.

        Example:
            >>> from altfinder import Product, match_title
            >>> match_title(Product(title="Nintendo Switch Lite ターコイズ"),
            ...             "ジャンク Nintendo Switch Lite ターコイズ").junk
            True
        """
        return self.condition_cap is Condition.POOR

    def capped(self, condition: Condition) -> Condition:
        """``condition``, made no better than :attr:`condition_cap`.

        Example:
            >>> from altfinder import Product, match_title
            >>> m = match_title(Product(title="Nintendo Switch Lite ターコイズ"),
            ...                 "Switch Lite ターコイズ 動作未確認")
            >>> m.capped(Condition.LIKE_NEW).value, m.capped(Condition.NEW).value
            ('poor', 'poor')
        """
        if self.condition_cap is None:
            return condition
        if _CONDITION_ORDER.index(condition) >= _CONDITION_ORDER.index(self.condition_cap):
            return condition
        return self.condition_cap

    @property
    def detail(self) -> str:
        """The reasons joined into one line (what ``Results.excluded`` shows).

        Example:
            >>> from altfinder import Product, match_title
            >>> print(match_title(Product(title="PlayStation 5 (CFI-2000A01)"),
            ...                   "PS5 CFI-1200A01").detail)  # doctest: +ELLIPSIS
            model number cfi1200a01 is not cfi2000a01; ...
        """
        return "; ".join(self.reasons)


#: Conditions from best to worst (``used`` is a used item of unknown grade).
_CONDITION_ORDER = (Condition.NEW, Condition.REFURBISHED, Condition.LIKE_NEW,
                    Condition.VERY_GOOD, Condition.GOOD, Condition.USED, Condition.ACCEPTABLE,
                    Condition.POOR)
