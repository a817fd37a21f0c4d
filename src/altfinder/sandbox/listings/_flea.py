"""Seller-written listings for the flea-market and auction sandboxes (Mercari, Yahoo!オークション).

A flea market has no JAN: what a search returns is whatever sellers typed, so besides the
product's own used copies it returns the look-alikes the title matcher must reject. Each
marketplace module turns these drafts into its own listing shape (its condition codes,
shipping rules, auctions, sellers).

Every draft's title or description contains the catalogue title, as sellers who paste a
product name do, so a keyword search built from that title finds the product's listings
and, on purpose, the traps that mention it.

Example:
    >>> import random
    >>> from altfinder.sandbox.catalogue import product_by_code
    >>> found = drafts(product_by_code("4902370548495"), random.Random(1))
    >>> {d.trap for d in found} >= {None, "case", "film", "box", "junk", "lot", "lite"}
    True
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from altfinder.sandbox.catalogue import DemoProduct

__all__ = ["GRADES", "UsedDraft", "drafts"]

#: The common 1–6 condition scale (Mercari's labels, which Yahoo!オークション also uses).
GRADES = {
    1: "新品、未使用",
    2: "未使用に近い",
    3: "目立った傷や汚れなし",
    4: "やや傷や汚れあり",
    5: "傷や汚れあり",
    6: "全体的に状態が悪い",
}
# Price of a used copy as a share of the new price, by grade.
_GRADE_PRICE = {1: (0.86, 0.97), 2: (0.78, 0.9), 3: (0.68, 0.84), 4: (0.58, 0.74),
                5: (0.45, 0.62), 6: (0.2, 0.35)}
_TITLE_STYLES = ("{title}", "【美品】{title}", "{title} 中古", "{brand} {title}",
                 "{title} 動作確認済み", "【送料無料】{title}")
_DESCRIPTIONS = {
    1: "新品未開封です。{title}。プレゼント用に購入しましたが使わなかったため出品します。",
    2: "{title}。数回使用しただけで、とてもきれいな状態です。",
    3: "{title}。目立った傷や汚れはありません。付属品はすべて揃っています。",
    4: "{title}。使用感と小傷があります。動作に問題はありません。",
    5: "{title}。傷や汚れがあります。写真でご確認ください。",
    6: "{title}。全体的に傷や汚れが多いです。",
}


@dataclass(frozen=True)
class UsedDraft:
    """A seller's listing before a marketplace gives it its own fields.

    ``trap`` names the look-alike it is (``None`` for the product's own listing):
    ``case``, ``film``, ``box`` (empty box), ``junk``, ``lot`` (まとめ売り), ``set2`` (a set
    of two of the product), ``other_model``, ``lite`` / ``full`` (Lite versus the full
    model), ``volume`` (another volume), ``capacity``, ``generation``, ``part``.

    Example:
        >>> UsedDraft("4902370548495", "t", "d", 1000, 3).trap is None
        True
    """

    jan: str
    title: str
    description: str
    price: int
    grade: int
    trap: str | None = None
    #: The title with the keywords an auction seller adds ("… (有機ELモデル ではありません)"):
    #: auction searches match titles only.
    stuffed_title: str | None = None

    @property
    def auction_title(self) -> str:
        """The title as an auction seller writes it (keywords included).

        Example:
            >>> UsedDraft("x", "t", "d", 1, 2, stuffed_title="t (u ではありません)").auction_title
            't (u ではありません)'
        """
        return self.stuffed_title or self.title

    @property
    def grade_label(self) -> str:
        """The condition label of the grade (新品、未使用 … 全体的に状態が悪い).

        Example:
            >>> UsedDraft("x", "t", "d", 1, 2).grade_label
            '未使用に近い'
        """
        return GRADES[self.grade]


def _round(price: float) -> int:
    return max(300, int(price / 100) * 100)


def _genuine(product: DemoProduct, rng: random.Random) -> list[UsedDraft]:
    out = []
    for _ in range(rng.randint(4, 6)):
        grade = rng.choices((1, 2, 3, 4, 5), weights=(2, 3, 4, 2, 1))[0]
        low, high = _GRADE_PRICE[grade]
        title = rng.choice(_TITLE_STYLES).format(title=product.title, brand=product.brand)
        out.append(UsedDraft(product.jan, title,
                             _DESCRIPTIONS[grade].format(title=product.title),
                             _round(product.price * rng.uniform(low, high)), grade))
    return out


def _generic_traps(product: DemoProduct, rng: random.Random) -> list[UsedDraft]:
    t, jan, price = product.title, product.jan, product.price
    traps = [
        UsedDraft(jan, f"{t} 空箱のみ", f"{t} の空箱です。本体は付属しません。",
                  _round(rng.uniform(300, 800)), 4, "box"),
        UsedDraft(jan, f"まとめ売り {t} 他5点", f"{t} と関連品5点のまとめ売りです。",
                  _round(price * rng.uniform(1.3, 1.8)), 4, "lot"),
    ]
    if product.category in ("electronics", "games", "household") and price >= 3000:
        traps += [
            UsedDraft(jan, f"【ジャンク】{t} 動作未確認 部品取り",
                      f"{t}。電源が入りません。ジャンク品として部品取りにどうぞ。",
                      _round(price * rng.uniform(0.2, 0.32)), 5, "junk"),
        ]
    if product.category in ("electronics", "games"):
        traps += [
            UsedDraft(jan, f"{t} 対応 ケース カバー", f"{t} 用のハードケースです。本体は含みません。",
                      _round(rng.uniform(900, 2400)), 1, "case"),
            UsedDraft(jan, f"{t} 保護フィルム ガラス 2枚入り", f"{t} 対応の保護フィルムです。",
                      _round(rng.uniform(400, 1200)), 1, "film"),
        ]
    if product.category in ("cosmetics", "household") and price < 5000:
        traps.append(UsedDraft(jan, f"{t} 2個セット", f"{t} を2個セットでお譲りします。",
                               _round(price * rng.uniform(1.55, 1.85)), 1, "set2"))
    if product.category == "books":
        traps.append(UsedDraft(jan, f"{t} ほか 10冊 セット", f"{t} を含む10冊のセットです。",
                               _round(price * rng.uniform(3, 5)), 4, "lot"))
    return traps


_SPECIAL: dict[str, tuple[tuple[str, str, float, int, str, str | None], ...]] = {
    # Nintendo Switch (OLED): the Lite, which sellers describe next to the OLED model.
    "4902370548495": (
        ("Nintendo Switch Lite ホワイト 本体", "有機ELモデルを買ったので手放します。"
         "Nintendo Switch Lite ホワイトです。", 0.45, 3, "lite",
         "Nintendo Switch Lite ホワイト 本体 (有機ELモデル ではありません)"),
    ),
    # Nintendo Switch Lite: the full model, described as "not the Lite".
    "4902370547856": (
        ("Nintendo Switch 本体 ネオンブルー/ネオンレッド", "Liteではなく通常モデルです。"
         "Nintendo Switch Lite ターコイズの購入を考えている方にも。", 1.2, 3, "full",
         "Nintendo Switch 本体 通常モデル (Lite ではありません)"),
    ),
    "4948872421560": (
        ("PlayStation 5 (CFI-1200A01) 本体 旧型", "旧型 CFI-1200A01 です。新型 CFI-2000A01 "
         "との違いはストレージ容量です。PlayStation 5", 0.8, 3, "other_model",
         "PlayStation 5 CFI-1200A01 本体 旧型 (CFI-2000A01 ではありません)"),
    ),
    "4549995433944": (
        ("Apple AirPods Pro 第1世代 MWP22J/A", "第2世代を購入したため出品します。"
         "Apple AirPods Pro", 0.35, 4, "generation",
         "Apple AirPods Pro 第1世代 MWP22J/A (第2世代 ではありません)"),
    ),
    "4549995846607": (
        ("Apple iPhone 15 256GB ブルー SIMフリー", "128GBより容量の大きい256GBモデルです。"
         "Apple iPhone 15", 0.85, 3, "capacity",
         "Apple iPhone 15 256GB ブルー SIMフリー (128GB ではありません)"),
    ),
    "5025155492710": (
        ("Dyson V12 Detect Slim 純正 替えブラシ ヘッド", "Dyson V12 Detect Slim Fluffy "
         "コードレス掃除機 用の純正ヘッドのみです。", 0.1, 2, "part", None),
        ("Dyson V12s Detect Slim Submarine SV49 コードレス掃除機", "Dyson V12 Detect の上位"
         "モデル SV49 です。", 0.7, 3, "other_model", None),
    ),
    "4548736408623": (
        ("ソニー ワイヤレスノイズキャンセリングヘッドホン WH-1000XM4 ブラック",
         "WH-1000XM5 に買い替えたため出品します。", 0.45, 3, "other_model",
         "ソニー ワイヤレスノイズキャンセリングヘッドホン WH-1000XM4 (WH-1000XM5 ではありません)"),
    ),
    "9784088836119": (
        ("SPY×FAMILY 13 (ジャンプコミックス)", "最新刊です。12巻も出品しています。", 1.0, 2,
         "volume", "SPY×FAMILY 13 (ジャンプコミックス) 12巻 同時出品中"),
        ("SPY×FAMILY 1-12巻 全巻セット", "SPY×FAMILY 12 巻までの全巻セットです。", 10.0, 4, "lot",
         None),
    ),
}


def drafts(product: DemoProduct, rng: random.Random) -> list[UsedDraft]:
    """The product's own used listings, then the look-alikes a keyword search also finds.

    Example:
        >>> import random
        >>> from altfinder.sandbox.catalogue import product_by_code
        >>> spy = drafts(product_by_code("9784088836119"), random.Random(2))
        >>> [d.title for d in spy if d.trap == "volume"]
        ['SPY×FAMILY 13 (ジャンプコミックス)']
    """
    found = _genuine(product, rng) + _generic_traps(product, rng)
    for title, description, share, grade, trap, stuffed in _SPECIAL.get(product.jan, ()):
        found.append(UsedDraft(product.jan, title, description, _round(product.price * share),
                               grade, trap, stuffed))
    return found
