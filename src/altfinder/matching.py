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

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process

from altfinder._text import normalize
from altfinder.models import Condition, Product

__all__ = ["DEFAULT_THRESHOLD", "Match", "MatchKind", "Matcher", "match_title", "match_titles"]

#: The score a listing needs (with no hard rule against it) to count as the product.
#: Chosen on the tuning half of ``tests/data/matching_eval.jsonl`` (see docs/matching.md).
DEFAULT_THRESHOLD = 0.55


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


# --------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------

_KATA_TO_HIRA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def fold_kana(text: str) -> str:
    """Katakana → hiragana, so ケース and けーす compare equal.

    Example:
        >>> fold_kana("ケースのみ")
        'けーすのみ'
    """
    return text.translate(_KATA_TO_HIRA)


def _k(pattern: str) -> re.Pattern[str]:
    """Compile a pattern written in natural Japanese for the kana-folded text."""
    return re.compile(fold_kana(pattern))


_KATA = "ァ-ヺー"


class _Vocabulary:
    """Named patterns searched in one pass.

    One alternation without capturing groups (so the regex engine keeps its fast literal
    scan) finds the matches; each match is then named by the entry that matches there.
    """

    def __init__(self, entries: Iterable[tuple[str, str]], *, fold: bool = False) -> None:
        compile_ = _k if fold else re.compile
        self.entries = [(name, compile_(pattern)) for name, pattern in entries]
        self.regex = compile_("|".join(f"(?:{p.pattern})" for _, p in self.entries))

    def _name(self, text: str, match: re.Match[str]) -> str:
        for name, pattern in self.entries:
            found = pattern.match(text, match.start())
            if found and found.end() == match.end():
                return name
        return self.entries[0][0]  # pragma: no cover - the alternation matched one of them

    def find(self, text: str) -> set[str]:
        return {self._name(text, m) for m in self.regex.finditer(text)}

    def matches(self, text: str) -> list[tuple[str, re.Match[str]]]:
        return [(self._name(text, m), m) for m in self.regex.finditer(text)]


class _Lexicon:
    """Literal spellings mapped to names, found in one pass with shared word boundaries.

    Latin spellings must not touch other Latin letters; kana spellings must not run on
    into more kana (``prefix_ok`` lets マットブラック contain ブラック); kanji spellings must
    not touch other kanji (白 is not 白黒).
    """

    def __init__(self, entries: dict[str, tuple[str, ...]], *, kana: str = "ァ-ヺー",
                 prefix_ok: bool = False, suffixes: str = "") -> None:
        self.names: dict[str, str] = {}
        groups: dict[str, list[str]] = {"latin": [], "kana": [], "kanji": []}
        for name, spellings in entries.items():
            for spelling in spellings:
                self.names[spelling] = name
                if re.fullmatch(r"[a-z0-9' .-]+", spelling):
                    groups["latin"].append(spelling)
                elif re.fullmatch("[一-鿿々]+", spelling):
                    groups["kanji"].append(spelling)
                else:
                    groups["kana"].append(spelling)

        def alternation(words: list[str]) -> str:
            return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

        before = "" if prefix_ok else f"(?<![{kana}])"
        parts = {
            "latin": r"(?<![a-z])(?:{})(?![a-z])",
            "kana": before + "(?:{})" + (f"(?:(?![{kana}])|(?={suffixes}))" if suffixes
                                         else f"(?![{kana}])"),
            "kanji": "(?<![一-鿿])(?:{})(?![一-鿿])",
        }
        self.regex = re.compile("|".join(parts[k].format(alternation(words))
                                         for k, words in groups.items() if words))

    def find(self, text: str) -> set[str]:
        return {self.names[m.group()] for m in self.regex.finditer(text)}


_KANJI_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
              "十": 10}


def _kanji_ordinal(match: re.Match[str]) -> str:
    digits = match.group(1)
    value = 0
    if digits == "十":
        value = 10
    elif digits.startswith("十"):
        value = 10 + _KANJI_NUM[digits[1]]
    elif digits.endswith("十"):
        value = _KANJI_NUM[digits[0]] * 10
    elif len(digits) == 3 and digits[1] == "十":
        value = _KANJI_NUM[digits[0]] * 10 + _KANJI_NUM[digits[2]]
    else:
        value = _KANJI_NUM.get(digits[0], 0)
    return f"第{value}{match.group(2)}"


_KANJI_ORDINAL = re.compile("第([一二三四五六七八九十]{1,3})(世代|版|巻|弾|期)")

#: Brand aliases: canonical name → spellings (matched on case-folded, NFKC text).
BRAND_ALIASES: dict[str, tuple[str, ...]] = {
    "apple": ("apple", "アップル"),
    "nintendo": ("nintendo", "任天堂", "ニンテンドー", "ニンテンドウ"),
    "sony": ("sony", "ソニー", "sie", "ソニー・インタラクティブエンタテインメント",
             "ソニーインタラクティブエンタテインメント"),
    "panasonic": ("panasonic", "パナソニック"),
    "dyson": ("dyson", "ダイソン"),
    "shiseido": ("shiseido", "資生堂", "アネッサ", "anessa"),
    "kao": ("kao", "花王", "キュレル", "curel"),
    "thermos": ("thermos", "サーモス"),
    "zojirushi": ("zojirushi", "象印"),
    "tiger": ("tiger", "タイガー魔法瓶", "タイガー"),
    "iris ohyama": ("iris ohyama", "irisohyama", "アイリスオーヤマ", "アイリス"),
    "amazon": ("amazon", "アマゾン"),
    "lego": ("lego", "レゴ"),
    "shueisha": ("集英社", "shueisha"),
    "oreilly": ("オライリー・ジャパン", "オライリージャパン", "オライリー", "o'reilly", "oreilly"),
    "sharp": ("sharp", "シャープ"),
    "hitachi": ("hitachi", "日立"),
    "toshiba": ("toshiba", "東芝"),
    "mitsubishi": ("mitsubishi", "三菱"),
    "tefal": ("t-fal", "tefal", "ティファール"),
    "delonghi": ("delonghi", "デロンギ"),
    "bose": ("bose", "ボーズ"),
    "samsung": ("samsung", "サムスン"),
    "google": ("google", "グーグル"),
    "microsoft": ("microsoft", "マイクロソフト"),
    "makita": ("makita", "マキタ"),
    "philips": ("philips", "フィリップス"),
    "braun": ("braun",),
    "yamazen": ("yamazen", "山善"),
    "lion": ("ライオン",),
    "koizumi": ("koizumi", "コイズミ"),
    "sega": ("sega", "セガ"),
    "square enix": ("square enix", "スクウェア・エニックス", "スクエニ"),
    "kodansha": ("講談社", "kodansha"),
    "shogakukan": ("小学館", "shogakukan"),
}

#: Makers of accessories and compatibles: a listing under one of them, for a product of
#: another brand, is a compatible item (a HORI controller, an ELECOM case).
ACCESSORY_MAKERS: tuple[str, ...] = (
    "hori", "ホリ", "elecom", "エレコム", "buffalo", "バッファロー", "サンワサプライ", "sanwa",
    "anker", "アンカー", "spigen", "シュピゲン", "ラスタバナナ", "pga", "サイバーガジェット",
    "cyber gadget", "iface", "belkin", "ベルキン", "esr", "nimaso", "ugreen",
)

# Product aliases, applied in order on the case-folded NFKC text (katakana intact, so
# word boundaries are still visible). Each maps a spelling onto one canonical form.
_ALIASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r) for p, r in (
        (r"spy\s*[×x✕]\s*family|スパイ\s*(?:×|x)?\s*ファミリー", " spyfamily "),
        (r"(?:nintendo|ニンテンドー|任天堂)?\s*(?:switch|スイッチ)\s*2(?!\s*[台個本枚つ点\d.])",
         " nintendo switch2 "),
        (r"(?:nintendo\s*|ニンテンドー\s*)?(?:switch|スイッチ)\s*(?:lite|ライト)", " switch lite "),
        (r"ニンテンドー\s*スイッチ|任天堂\s*スイッチ", " nintendo switch "),
        (rf"(?<![{_KATA}])スイッチ(?![{_KATA}])", " switch "),
        (r"(?:playstation|プレイステーション|プレステ|(?<![a-z])ps)\s*5(?![\d.])", " ps5 "),
        (r"(?:playstation|プレイステーション|プレステ|(?<![a-z])ps)\s*4(?![\d.])", " ps4 "),
        (r"アップル\s*ウォッチ", " apple watch "),
        (rf"(?<![{_KATA}])シリーズ(?=\s*\d)", " series "),
        (r"デジタル\s*・?\s*エディション|digital\s*edition", " digitaledition "),
        (r"ダウンロード版|デジタル版|dl版|ダウンロードコード|download版", " dl版 "),
        (r"エアー?ポッズ|air\s*pods", " airpods "),
        (r"(airpods\s*pro)\s*2(?![\d世])", r" \1 第2世代 "),
        (r"アイフォーン|アイフォン", " iphone "),
        (r"(iphone|ipad|galaxy|pixel|xperia)(\d)", r"\1 \2"),
        (r"ペーパー\s*ホワイト|paper\s*white", " paperwhite "),
        (r"キンドル", " kindle "),
        (r"デュアル\s*センス|dual\s*sense", " dualsense "),
        (r"ジョイコン|joy\s*-?\s*con", " joycon "),
        (r"ナノケア|nano\s*care", " nanocare "),
        (rf"(?<![{_KATA}])プロコン(?![{_KATA}])|pro\s*コン(?![{_KATA}])", " pro コントローラー "),
        (r"有機\s*el|oled", " 有機el "),
        (r"ティアキン|totk|ティアーズ\s*オブ\s*ザ\s*キングダム|tears\s*of\s*the\s*kingdom",
         " ティアーズオブザキングダム "),
        (r"ポケモン(?!カード)|pokemon(?![a-z])", " ポケットモンスター "),
        (r"リーダブル\s*コード|readable\s*code", " リーダブルコード "),
        (r"ps\s*portal", " psportal "),
        (r"詰め?替え?用?|つめかえ用?|付け?替え?用|つけかえ用?|refill", " 詰め替え "),
        (r"レゴ\s*マリオ", " レゴマリオ "),
        (r"アタック\s*ゼロ", " アタックzero "),
        (r"(?<=\d)\s*dx(?![a-z])", " デラックス "),
        (r"(?<=[a-z])\+", " plus "),  # Pro+, Fluffy+ (not SPF50+)
    )
)

# Colours, on the case-folded NFKC text. Katakana colours must not run on into another
# katakana word (ホワイトニング is whitening, ブルーライト is blue light).
_COLOURS: dict[str, tuple[str, ...]] = {
    "white": ("ホワイト", "white", "白"),
    "black": ("ブラック", "black", "黒"),
    "sumi": ("濃墨",),
    "blue": ("ブルー", "blue", "青"),
    "red": ("レッド", "red", "赤"),
    "pink": ("ピンク", "pink"),
    "green": ("グリーン", "green", "緑"),
    "yellow": ("イエロー", "yellow", "黄"),
    "purple": ("パープル", "purple", "紫"),
    "violet": ("バイオレット", "violet"),
    "scarlet": ("スカーレット", "scarlet"),
    "gray": ("グレー", "グレイ", "gray", "grey"),
    "silver": ("シルバー", "silver"),
    "gold": ("ゴールド", "gold"),
    "navy": ("ネイビー", "navy", "紺"),
    "beige": ("ベージュ", "beige"),
    "brown": ("ブラウン", "brown", "茶"),
    "orange": ("オレンジ", "orange"),
    "turquoise": ("ターコイズ", "turquoise"),
    "coral": ("コーラル", "coral"),
    "midnight": ("ミッドナイト", "midnight"),
    "starlight": ("スターライト", "starlight"),
}


_COLOUR_LEXICON = _Lexicon(
    {name: (*words, *(f"{w}色" for w in words if re.fullmatch("[一-鿿]+", w)))
     for name, words in _COLOURS.items()}, prefix_ok=True,
    suffixes="アルミ|チタ|ステンレス|レザー|メタリック|パール|マット")  # ミッドナイトアルミニウム

# Product-line words: a listing naming one the reference does not name is a sibling
# product (iPhone 15 Pro for an iPhone 15). For the words in _LINE_REQUIRED the converse
# also holds: a listing that drops it is the plain model (Switch for a Switch Lite).
_LINE_WORDS: dict[str, tuple[str, ...]] = {
    "pro": ("pro", "プロ"), "max": ("max", "マックス"), "mini": ("mini", "ミニ"),
    "lite": ("lite",), "plus": ("plus", "プラス"), "ultra": ("ultra",), "air": ("air",),
    "edge": ("edge",), "oasis": ("oasis",), "scribe": ("scribe",), "kids": ("kids",),
    "absolute": ("absolute",), "origin": ("origin",), "complete": ("complete",),
    "fluffy": ("fluffy",),
}
_LINES: dict[str, str] = {
    "有機el": r"有機el",
    "switch2": r"switch2",
    "digitaledition": r"digitaledition",
    "paperwhite": r"paperwhite",
    "kids": r"キッズ",
    "signature": r"signature|シグニチャー",
    "submarine": r"submarine|サブマリン",
    "complete": r"コンプリート\s*エディション",
    "fluffy": r"フラッフィ",
    "refill": r"詰め替え",
    "premium": r"プレミアム|premium",
    "special": r"特装版|限定版|特別版|豪華版|初回限定|アニメ[dｄ]vd付き?|コレクターズ|collector|"
               r"エディション|(?<!st )(?<!nd )(?<!rd )(?<!th )(?<!digital)edition",
    "translation": r"英語版|洋書|english\s*edition|翻訳版|原書",
    "trial": r"トライアル|お試し|ミニサイズ|サンプル|試供品|ミニボトル|携帯用",
}
# Variants within a product line: each is its own line (化粧水 is not クリーム).
_LINES.update({f"variety:{w}": w for w in (
    "部屋干し", "抗菌", "無香料", "微香", "プラチナ", "ワンハンド", "ジェル(?!ボール)",
    "ローション", "化粧水", "乳液", "美容液", "マイルド", "トーンアップ")})
_LINE_REQUIRED = frozenset({"pro", "max", "mini", "lite", "plus", "ultra", "有機el", "edge",
                            "paperwhite", "digitaledition", "air"})
_LINE_VOCABULARY = _Vocabulary(_LINES.items())
# Game platforms: a game for the Wii U is not the Switch game.
_PLATFORM_LEXICON = _Lexicon({
    "switch": ("switch",), "switch2": ("switch2",), "ps5": ("ps5",), "ps4": ("ps4",),
    "ps3": ("ps3", "playstation3"), "wii u": ("wii u", "wiiu"), "wii": ("wii",),
    "3ds": ("3ds",), "ds": ("ds",), "xbox": ("xbox",),
})
_LINE_LEXICON = _Lexicon(_LINE_WORDS)

_PROMO = (
    "送料無料", "送料込み", "送料込", "送込", "美品", "超美品", "極美品", "新品", "新品未使用",
    "未使用", "未開封", "新品未開封", "中古", "中古品", "即決", "即日発送", "即発送", "即購入可",
    "匿名配送", "匿名", "値下げ", "最安値", "激安", "人気", "限定価格", "翌日発送", "特価",
    "24時間以内発送", "土日祝発送", "早い者勝ち", "良品", "動作品", "動作確認済み", "動作確認済",
    "正規品", "国内正規品", "本物", "週末限定", "セール", "sale", "お値下げ", "値下げ中",
    "在庫限り", "ラスト1点", "送料無料でお届け", "クーポン", "ポイント", "公式",
    "あんしん", "らくらくメルカリ便", "ゆうパック", "ネコポス", "追跡あり", "スピード発送",
    "状態良好", "新品同様", "未使用に近い", "目立った傷や汚れなし", "プレゼント", "ギフト",
)
_PROMO_SET = frozenset(fold_kana(w) for w in _PROMO)
_PROMO_RE = re.compile("|".join(sorted((re.escape(w) for w in _PROMO_SET), key=len,
                                       reverse=True)))
_BRACKETS = re.compile(r"【([^】]*)】|\[([^\]]*)\]|《([^》]*)》|≪([^≫]*)≫|〔([^〕]*)〕|<([^>]*)>")
_DECOR = re.compile(r"[★☆◆◇■□●○◎♪♡♥!?！？※＊*。、,「」『』]+")

# Junk and damage: the listing can be no better than this condition.
_POOR = _k(r"ジャンク(?!品?\s*(?:では|じゃ)(?:な|あり))|裁断済み?|自炊用|動作未確認|未確認|"
           r"部品取り|パーツ取り|故障|破損|"
           r"通電のみ|通電確認のみ|画面割れ|液晶割れ|水没|起動不可|電源入らず|ロック品|"
           r"赤ロム|as\s*is|for\s*parts|junk")
_ACCEPTABLE = _k(r"訳あり|わけあり|訳有り|難あり|難有り|欠品|付属品なし|付属品無し|現状品|"
                 r"現状渡し|傷あり|キズあり|汚れあり|使用感あり")

# Accessory and part words. A word also in the reference title (the reference is such an
# accessory, or comes with one) only counts with のみ/単品 (ケースのみ).
_ACCESSORY_WORDS = (
    "ケース", "カバー", "フィルム", "保護ガラス", "ガラスフィルム", "スタンド", "替えブラシ",
    "替ブラシ", "交換ブラシ", "ブラシヘッド", "替え刃", "ケーブル", "充電器", "充電スタンド",
    "アダプター", "アダプタ", "ドック", "ホルダー", "ストラップ", "スキンシール", "ステッカー",
    "ポーチ", "収納バッグ", "グリップ", "イヤーピース", "イヤーチップ", "フィルター",
    "バッテリー", "ノズル", "アタッチメント", "延長ホース", "クリーナーヘッド", "パッキン",
    "せんユニット", "フタユニット", "キャップユニット", "内釜", "内ぶた", "内なべ", "蒸気口",
    "部品", "パーツ", "リモコン", "交換用", "スペア", "片耳", "右耳", "左耳", "イヤホン単品",
    "攻略本", "攻略ガイド", "ガイドブック", "設定資料集", "サウンドトラック", "サントラ",
    "amiibo", "アミーボ", "フィギュア", "ぬいぐるみ", "キーホルダー", "アクスタ",
    "アクリルスタンド", "ポスター", "ブックカバー", "しおり", "トレカ", "ポケモンカード",
    "ポケカ", "カードゲーム", "シリコン", "スキンシール", "デカール", "トートバッグ",
    "替刃", "網刃", "内刃", "外刃", "洗浄液", "カートリッジ",
    "ボトルのみ", "ラベル", "ヘッドバンド", "イヤーパッド", "コントローラー", "スピーカー",
)
_ACCESSORY_VOCABULARY = _Vocabulary((
    (w, re.escape(w) + ("(?!取)" if w in ("部品", "パーツ") else ""))  # 部品取り is junk
    for w in sorted(_ACCESSORY_WORDS, key=len, reverse=True)), fold=True)
# "with X" / "without X": the product itself, with or without its case, box, cover…
_WITH = _k(r"(?:\([^)]*\)\s*)?(?:付き|付属|付|つき|あり|有り|有|入り|同梱|込み|なし|無し|無|"
           r"傷|キズ|汚れ|破れ|ヤケ|日焼け|折れ|スレ|擦れ|難|\d+\s*%|劣化|最大容量|良好|交換済|"
           r"新品に交換|持ち|残量|"
           r"欠品|欠|貼付済み?|貼り付け済み?|貼付け済み?|貼り済み?|装着済み?|セット済み?)")
_EXTRA = _k(r"(?:おまけ|オマケ|\+|&|＆)\s*\S{0,6}$")

_ONLY = _k(r"([^\s]{1,10}?)\s*(?:のみ|だけ|単品|単体)(?![a-z])")
# What may precede のみ without making the listing a part: the product itself (本体のみ,
# ソフトのみ) or how it was used or is sold (開封のみ, 数回使用のみ, 平日のみ発送).
_ONLY_OK = _k(r"本体|ソフト|ディスク|カセット|ゲーム|商品|^本$|品|使用|開封|確認|通電|試着|"
              r"試用|展示|出品|発送|送料|欠品|コミック|書籍|漫画|単行本|回|度|平日|土日|週末|"
              r"当日|即日|本日|今日|期間|限定|現品|1点|一点|数量|こちら|写真|画像|記載|表示|"
              r"お一人|おひとり|様|現金|支払")
_BOX_WORDS = _k(r"空箱|外箱|化粧箱|箱|説明書|取扱説明書|取説|マニュアル|保証書")
_BONUS_WORDS = _k(r"特典|コード|シリアル|dlc|プロダクトコード|dl版")
_BOX_ONLY = _k(r"空箱|箱のみ|箱だけ|空瓶|空き瓶|空きビン|空ボトル|空容器|容器のみ|空ケース|"
               r"外箱のみ|化粧箱のみ|説明書のみ|取説のみ|取扱説明書のみ|"
               r"マニュアルのみ|保証書のみ|箱と説明書のみ|ケースと説明書のみ")
_BONUS_ONLY = _k(r"特典のみ|特典だけ|特典コード|"
                 r"特典(?!\s*\S{0,10}?(?:付|つき|あり|有|封入|同梱|入|込))|"
                 r"コードのみ|dl版|プロダクトコードのみ|シリアルコード|dlc")
_COMPATIBLE = _k(r"互換|非純正|サードパーティ|社外品|コピー品|レプリカ|類似品|ノーブランド|"
                 r"(?<![a-z])for\s+[a-z]")
_FOR_USE = _k(r"(\S{1,16}?)\s*(?:専用|用|対応|風)(?!\s*(?:ソフト|ゲーム|タイトル|パッケージ|"
              r"カセット|版|意|途|品|紙))")

_LOT = _k(
    r"まとめ売り|まとめて|おまとめ|まとめ|セット売り|詰め合わせ|詰合せ|福袋|全巻|全種|大量|"
    r"他\s*\d+\s*(?:点|個|本|冊|種|つ|枚|台)|ほか\s*\d+\s*点|"
    r"(?<![\d.])(?:[2-9]|[1-9]\d)\s*(?:点|種類?|冊|タイトル)\s*(?:セット|まとめ)?|"
    r"コンプリート(?!\s*エディション)|コンプ(?![a-zレ])|同梱版|ソフト\s*\d+\s*本|"
    r"ダブルパック|ツインパック|ダブルセット|"
    r"\d+\s*[~-]\s*\d+\s*巻|本体\s*(?:\+|&|＆|と)\s*ソフト|ソフト\s*(?:付き|セット)"
)

# Units of a number that make it a specification, not a volume number.
_SPEC = _k(
    r"(?<![a-z0-9.\-/])(\d+(?:\.\d+)?)\s*(gb|tb|mb|ml|cc|l|g|kg|mg|合|インチ|inch|型|畳|mah|w|v|mm|cm|m|hz|"
    r"khz|ghz|k|p|項目|ページ|枚入り?|個入り?|本入り?|袋入り?|包入り?|錠|粒)(?![a-z])"
)
_SPEC_CLASS: dict[str, tuple[str, float]] = {
    "gb": ("storage", 1.0), "tb": ("storage", 1000.0), "mb": ("storage", 0.001),
    "ml": ("volume", 1.0), "cc": ("volume", 1.0), "l": ("volume", 1000.0),
    "g": ("weight", 1.0), "kg": ("weight", 1000.0), "mg": ("weight", 0.001),
    "合": ("rice", 1.0), "インチ": ("inch", 1.0), "inch": ("inch", 1.0), "型": ("inch", 1.0),
    "畳": ("room", 1.0), "mah": ("battery", 1.0), "w": ("power", 1.0),
    "mm": ("length", 1.0), "cm": ("length", 10.0),
    "項目": ("items", 1.0), "枚入り": ("pieces", 1.0), "枚入": ("pieces", 1.0),
    "個入り": ("pieces", 1.0), "個入": ("pieces", 1.0), "本入り": ("pieces", 1.0),
    "本入": ("pieces", 1.0), "錠": ("pieces", 1.0), "粒": ("pieces", 1.0),
}
_SPEC_CLASS = {fold_kana(k): v for k, v in _SPEC_CLASS.items()}
_IGNORED_NUMBERS = _k(
    r"\d+(?:\.\d+)?\s*(?:年|月|日|時間|時|分|秒|円|%|％|歳|ヶ月|か月|カ月|回|度|℃|倍|代|人|色|"
    r"週|h|cm|mm|km|ポイント|pt|コ口|個口|番|号機|点灯|段階|速|枚組|ステージ|弾|"
    r"[~-]\d+)|no\.?\s*\d+|#\s*\d+|\d+/\d+|\d+\.\d+|\d+:\d+"
)
_RANGE = _k(r"\d+\s*[~-]\s*\d+\s*巻")
_GENERATION = _k(r"第\s*(\d+)\s*世代|(\d+)\s*(?:st|nd|rd|th)\s*gen(?:eration)?|"
                 r"gen\s*(\d+)|(\d+)\s*世代")
_EDITION = _k(r"第\s*(\d+)\s*版|(\d+)\s*(?:st|nd|rd|th)\s*edition|改訂\s*(\d+)\s*版")
_VOLUME = _k(r"第?\s*(\d+)\s*巻|vol\.?\s*(\d+)")
_QUANTITY = _k(
    r"(?:[×✕✖]|(?<![a-z])[x*])\s*(\d+)\s*(?:個|本(?!体)|台|枚|箱|袋|缶|組|足|着|パック|pcs|"
    r"セット|set|p)?(?![\d.a-z合gml])|"
    r"(?<![a-z\d.\-/])(\d+)\s*(?:個|本(?!体)|台|枚|箱|袋|缶|組|足|着|パック|pack|pcs)\s*"
    r"(?:セット|set|入り?|組|まとめ)?(?!口|目|分|体|年|月|\s*(?:付|つき))|"
    r"(?<![a-z\d.\-/])(\d+)\s*(?:セット|set)(?![a-z])"
)
_CODE = re.compile(r"(?<![a-z0-9])[a-z0-9]+(?:[-/][a-z0-9]+)*(?![a-z0-9])")
_APPLE_PART = re.compile(r"^m[a-z0-9]{3,5}(?:j|ll|zp|ch|x|b|f|d|t|kh|pa|za)/a$")
_CJK = re.compile("[ぁ-ゖー一-鿿々〆]+")
_LATIN = re.compile(r"[a-z0-9][a-z0-9'.+]*")
_SPACE_BETWEEN_CJK = re.compile(r"(?<=[ぁ-ゖー一-鿿々〆])\s+(?=[ぁ-ゖー一-鿿々〆])")
_NUMBER = re.compile(r"(?<![\d.a-z])(\d{1,3})(?![\d.a-z])")
_SPLIT_SUBTITLE = re.compile(r"\s[-―~]\s*|\s?―|:|：")
_PAREN = re.compile(r"\([^)]*\)")
# Words that say nothing about identity (they dilute the similarity).
_STOPWORDS = _k(r"モデル|本体|タイプ|国内|日本|正規|品|新品|中古|商品|送料|発送|\bthe\b")


def _canonical(text: str) -> str:
    """Case-folded NFKC text with brand and product aliases applied (katakana intact)."""
    text = normalize(text).casefold()
    text = _KANJI_ORDINAL.sub(_kanji_ordinal, text)
    text = text.replace("（", "(").replace("）", ")")
    for pattern, replacement in _ALIASES:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s+", " ", text).strip()


def _spaces(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _strip_promo(text: str) -> str:
    """Blank promotional brackets and words (a bracket that says something keeps its content).

    Blanking keeps every position, so a span found here is the same span of the original
    text and reasons can quote the seller's own script.
    """

    def bracket(match: re.Match[str]) -> str:
        content = next(g for g in match.groups() if g is not None)
        words = [w for w in re.split(r"[\s・/&+、,]+", content) if w]
        if all(w in _PROMO_SET or _PROMO_RE.fullmatch(w) for w in words):
            return " " * len(match.group())
        return f" {content} "

    text = _BRACKETS.sub(bracket, text)
    text = _DECOR.sub(_spaces, text)
    return _PROMO_RE.sub(_spaces, text)


_BRAND_LEXICON = _Lexicon({name: aliases for name, aliases in BRAND_ALIASES.items()})
_MAKER_LEXICON = _Lexicon({fold_kana(w): (fold_kana(w),) for w in ACCESSORY_MAKERS},
                          kana="ぁ-ゖァ-ヺー")


def _brands(canonical: str) -> set[str]:
    return _BRAND_LEXICON.find(canonical)


def _brand_of(brand: str | None) -> set[str]:
    if not brand:
        return set()
    canonical = _canonical(brand)
    found = _brands(canonical)
    return found or {fold_kana(canonical)}


def _colours(canonical: str) -> set[str]:
    found = _COLOUR_LEXICON.find(canonical)
    if "sumi" in found:
        found.add("black")  # 濃墨 is a black
    return found


def _lines(canonical: str) -> set[str]:
    folded = fold_kana(canonical)
    found = _LINE_LEXICON.find(canonical)
    for name, m in _LINE_VOCABULARY.matches(canonical):
        if not _WITH.match(folded[m.end():].lstrip()):  # ミニサイズ付き: a bonus, not the line
            found.add(name)
    return found


def _ints(match: re.Match[str]) -> int:
    return int(next(g for g in match.groups() if g is not None))


def _compact(text: str) -> str:
    return re.sub(r"[\s\-/.・]", "", text)


@dataclass
class _Parsed:
    """Everything the rules read from one title."""

    canonical: str  # case-folded NFKC with aliases (katakana intact)
    text: str  # kana-folded, promotional words blanked (same positions as ``display``)
    display: str  # ``canonical`` with the same blanks, for quoting in reasons
    rest: str  # ``text`` with numbers of known meaning removed
    poor: list[str] = field(default_factory=list)
    acceptable: list[str] = field(default_factory=list)
    quantity: int = 1
    quantity_words: list[str] = field(default_factory=list)
    specs: dict[str, set[float]] = field(default_factory=dict)
    generations: set[int] = field(default_factory=set)
    editions: set[int] = field(default_factory=set)
    volumes: set[int] = field(default_factory=set)
    codes: list[str] = field(default_factory=list)
    compact: str = ""
    colours: set[str] = field(default_factory=set)
    lines: set[str] = field(default_factory=set)
    platforms: set[str] = field(default_factory=set)
    brands: set[str] = field(default_factory=set)
    tokens: dict[str, float] = field(default_factory=dict)

    def show(self, match: re.Match[str], group: int = 0) -> str:
        """The seller's own words for a span found in :attr:`text`."""
        return self.display[match.start(group):match.end(group)].strip()


def _blank(text: str, match: re.Match[str]) -> str:
    return text[:match.start()] + " " * (match.end() - match.start()) + text[match.end():]


def _tokens(text: str) -> dict[str, float]:
    """Weighted comparison tokens: Latin words (weight 2) and CJK bigrams (weight 1)."""
    text = _STOPWORDS.sub(" ", text)
    tokens: dict[str, float] = {}
    for word in _LATIN.findall(text):
        word = word.strip(".'+")
        if len(word) >= 2 and not word.isdigit():
            tokens.setdefault(word, 2.0)
    joined = _SPACE_BETWEEN_CJK.sub("", text)
    for run in _CJK.findall(joined):
        run = run.strip("ー")
        if len(run) == 1:
            tokens.setdefault(run, 1.0)
        for i in range(len(run) - 1):
            tokens.setdefault(run[i:i + 2], 1.0)
    return tokens


def _parse(title: str) -> _Parsed:
    canonical = _canonical(title)
    folded_all = fold_kana(canonical)
    text = _strip_promo(folded_all)
    display = "".join(" " if t == " " else c for t, c in zip(text, canonical, strict=True))
    parsed = _Parsed(canonical=canonical, text=text, display=display, rest=text)
    parsed.poor = [canonical[m.start():m.end()] for m in _POOR.finditer(folded_all)]
    parsed.acceptable = [canonical[m.start():m.end()] for m in _ACCEPTABLE.finditer(folded_all)]
    parsed.colours = _colours(canonical)
    parsed.lines = _lines(canonical)
    parsed.platforms = _PLATFORM_LEXICON.find(canonical)
    parsed.brands = _brands(canonical)

    rest = text
    for m in _GENERATION.finditer(rest):
        parsed.generations.add(_ints(m))
        rest = _blank(rest, m)
    for m in _EDITION.finditer(rest):
        parsed.editions.add(_ints(m))
        rest = _blank(rest, m)
    for m in _RANGE.finditer(rest):  # ranges (1~12巻) are lots, not volumes
        rest = _blank(rest, m)
    for m in _VOLUME.finditer(rest):
        parsed.volumes.add(_ints(m))
        rest = _blank(rest, m)
    for m in _SPEC.finditer(rest):
        unit = m.group(2)
        if unit in _SPEC_CLASS:
            cls, scale = _SPEC_CLASS[unit]
            parsed.specs.setdefault(cls, set()).add(round(float(m.group(1)) * scale, 3))
        rest = _blank(rest, m)
    quantity = 1
    for m in _QUANTITY.finditer(rest):
        value = _ints(m)
        if 2 <= value <= 100:
            quantity *= value
            parsed.quantity_words.append(parsed.show(m))
        rest = _blank(rest, m)
    parsed.quantity = min(quantity, 1000)
    for m in _IGNORED_NUMBERS.finditer(rest):
        rest = _blank(rest, m)
    codes = []
    for m in _CODE.finditer(rest):
        token = m.group()
        compact = _compact(token)
        has_digit = any(c.isdigit() for c in compact)
        has_alpha = any(c.isalpha() for c in compact)
        if (has_digit and has_alpha and len(compact) >= 2) or (
                has_digit and compact.isdigit() and len(compact) >= 4) or (
                not has_digit and token.count("-") >= 2):
            codes.append(token)
            rest = _blank(rest, m)
    parsed.codes = codes
    for m in _NUMBER.finditer(rest):
        parsed.volumes.add(int(m.group(1)))
    parsed.rest = rest
    parsed.compact = _compact(text)
    parsed.tokens = _tokens(text)
    return parsed


# --------------------------------------------------------------------------------------
# Model numbers
# --------------------------------------------------------------------------------------

def _lead(code: str) -> str:
    first = re.split(r"[-/]", code, maxsplit=1)[0]
    match = re.match(r"[a-z]+", first)
    return match.group() if match else ""


def _first_digits(code: str) -> str:
    match = re.search(r"\d+", code)
    return match.group() if match else ""


def _shape(code: str) -> str:
    return re.sub(r"\d", "9", re.sub(r"[a-z]", "a", code))


def _same_family(a: str, b: str) -> bool:
    """Two model numbers of one product family (CFI-2000A01 and CFI-1200A01)."""
    ca, cb = _compact(a), _compact(b)
    if _APPLE_PART.match(a) and _APPLE_PART.match(b):
        return True
    if ca.isdigit() and cb.isdigit():
        return len(ca) == len(cb)
    lead_a, lead_b = _lead(a), _lead(b)
    if lead_a and lead_a == lead_b:
        # AX5400 (a speed class) is not a sibling of AX73: the numbers must be comparable
        return len(_first_digits(ca)) == len(_first_digits(cb))
    if len(ca) == len(cb) >= 4 and _shape(ca) == _shape(cb):
        return sum(x != y for x, y in zip(ca, cb, strict=True)) <= 2
    return False


def _compatible(listing: str, reference: str) -> bool:
    """The listing's model number names the reference (maybe less precisely)."""
    cl, cr = _compact(listing), _compact(reference)
    if cl == cr:
        return True
    if cr.startswith(cl) and len(cl) >= 3 and any(c.isdigit() for c in cl):
        return True  # CFI-2000 for CFI-2000A01, WH-1000XM5 for WH-1000XM5/B
    extra = cl[len(cr):]
    return cl.startswith(cr) and len(extra) >= 2 and extra.isalpha()  # HP04IBN for HP04


# --------------------------------------------------------------------------------------
# The reference
# --------------------------------------------------------------------------------------

# Generic category nouns: sellers often leave them out, so they weigh little.
_GENERIC = _k(
    r"ワイヤレス|ノイズキャンセリング|コントローラー|コードレス|掃除機|クリーナー|電気|ケトル|"
    r"ヘアー?ドライヤー|ドライヤー|洗濯|洗剤|日焼け止め|水筒|圧力|炊飯|ジャー|炊飯器|ih|"
    r"ヘッドホン|ヘッドフォン|イヤホン|ジャンプ|コミックス|コミック|文庫|新書|単行本|電動|"
    r"歯ブラシ|サーキュレーター|スターター|セット|ソフト|ゲーム|joycon|sim|フリー|広告|なし|つき|"
    r"switch|nintendo|ps5|超特大|特大|大容量|詰め替え|より|ための|真空|断熱|ステンレス|"
    r"薬用|美白|保湿|集中|対策|しみ|エイジングケア|"
    r"ケース|充電|usb|magsafe|lightning|type|c|付き|付属|付"
)
_WORD = re.compile(r"[a-z0-9][a-z0-9'+]*|[ぁ-ゖー一-鿿々〆]+")
_PRESENT = 85.0  # rapidfuzz partial_ratio at which a reference word counts as present


def _words(text: str, extra: Iterable[str] = ()) -> dict[str, float]:
    """The reference's words with their weights: names by length, generic nouns 1.

    A run of Japanese is cut at the generic nouns inside it: 真空断熱ケータイマグ is the
    descriptor 真空断熱 and the name ケータイマグ.
    """
    words: dict[str, float] = {}
    for word in (*_WORD.findall(_STOPWORDS.sub(" ", text)), *extra):
        word = word.strip("'+")
        if not word.strip("ー") or word.isdigit() or (len(word) == 1 and word.isascii()):
            continue
        if word.isascii():
            words.setdefault(word, 1.0 if _GENERIC.fullmatch(word) else float(min(len(word), 8)))
            continue
        for generic in _GENERIC.findall(word):
            if len(generic) > 1:
                words.setdefault(generic, 1.0)
        for piece in _GENERIC.split(word):
            piece = piece.strip("ー")
            if len(piece) > 1:
                words.setdefault(piece, float(min(len(piece), 8)))
    return words


@dataclass
class _Reference:
    title: str
    parsed: _Parsed
    brands: set[str]
    models: list[str]  # from Product.model_number
    codes: list[str]  # every model-number-like code of the reference
    identity: set[str]  # words that name the product (for "Switch用" compatibles)
    core_words: dict[str, float]  # words of the title before any subtitle or bracket
    full_words: dict[str, float]
    word_list: list[str]  # core and full words, in cdist order
    token_string: str
    quantity: int
    lots: set[str]
    accessories: set[str]  # accessory words the reference names (maybe as "with X")
    is_accessory: bool  # the reference itself is an accessory (a case, a stand…)
    brand_text: str  # the reference's brand field, folded like listing text
    is_game: bool  # a game: the platform is only a suffix (… -Switch)
    plain_words: list[str]  # reference words that are not accessory words


def _shown(parsed: _Parsed, word: str) -> str:
    """A reference word in the reference's own script (ふぇいすくりーむ → フェイスクリーム)."""
    at = parsed.text.find(word)
    return parsed.display[at:at + len(word)] if at >= 0 else word


def _drop(words: dict[str, float], brands: set[str], colours: set[str]) -> dict[str, float]:
    """Brand and colour words are judged by rules, not by the similarity score."""
    drop = {b.replace(" ", "") for b in brands} | {
        fold_kana(alias) for name in brands for alias in BRAND_ALIASES.get(name, ())}
    drop |= {fold_kana(w) for c in colours for w in _COLOURS[c]}
    kept = {}
    for word, weight in words.items():
        stripped = word
        for colour in sorted(drop, key=len, reverse=True):
            if len(colour) > 1 and stripped.endswith(colour):
                stripped = stripped[:-len(colour)].strip()
        if stripped and stripped not in drop:
            kept[stripped] = weight if stripped == word else float(min(len(stripped), 8))
    return kept


@functools.lru_cache(maxsize=256)
def _reference(title: str, brand: str | None, model_number: str | None) -> _Reference:
    parsed = _parse(title)
    brands = parsed.brands | _brand_of(brand)
    models = []
    if model_number:
        model = fold_kana(normalize(model_number).casefold())
        models = [model.replace(" ", "")]
    codes = list(dict.fromkeys([*parsed.codes, *models]))
    short_codes = [_compact(c) for c in parsed.codes if len(_compact(c)) <= 4]
    core_text = _SPLIT_SUBTITLE.split(parsed.rest, maxsplit=1)[0]
    core_text = _PAREN.sub(lambda m: m.group() if _lines(m.group()) else " ", core_text)
    core = _drop(_words(core_text, short_codes), brands, parsed.colours)
    full = _drop(_words(parsed.rest, short_codes), brands, parsed.colours)
    if not core:
        core = full
    identity = {w for w, weight in full.items() if weight > 1 or w in short_codes}
    identity |= {_compact(c) for c in codes} | {b.replace(" ", "") for b in brands}
    identity |= {w for w in _WORD.findall(parsed.text) if w in ("switch", "ps5", "ps4")}
    lots = {m.group() for m in _LOT.finditer(parsed.text)}
    return _Reference(
        title=title, parsed=parsed, brands=brands, models=models, codes=codes,
        identity=identity, core_words=core, full_words=full,
        word_list=list(dict.fromkeys([*core, *full])),
        token_string=" ".join(parsed.tokens), quantity=parsed.quantity, lots=lots,
        accessories=_ACCESSORY_VOCABULARY.find(parsed.text),
        brand_text=fold_kana(_canonical(brand)) if brand else "",
        is_game=bool(parsed.platforms) and not _PLATFORM_LEXICON.find(
            _SPLIT_SUBTITLE.split(parsed.text, maxsplit=1)[0]),
        plain_words=[w for w in dict.fromkeys([*core, *full])
                     if len(w) > 1 and not _ACCESSORY_VOCABULARY.regex.search(w)],
        is_accessory=any(not _WITH.match(parsed.text[m.end():].lstrip())
                         for _, m in _ACCESSORY_VOCABULARY.matches(parsed.text)),
    )


@dataclass
class _Verdict:
    kind: MatchKind = MatchKind.MATCH
    reasons: list[str] = field(default_factory=list)

    def reject(self, kind: MatchKind, reason: str) -> None:
        if self.kind is MatchKind.MATCH:
            self.kind = kind
            self.reasons.insert(0, reason)
        else:
            self.reasons.append(reason)


def _accessory_rules(ref: _Reference, lst: _Parsed, verdict: _Verdict,
                     extra: _Vocabulary | None) -> None:
    vocabularies = [v for v in (_ACCESSORY_VOCABULARY, extra) if v is not None]
    text = lst.text
    box = _BOX_ONLY.search(text)
    if box:
        verdict.reject(MatchKind.BOX_ONLY, f"box or manual only ({lst.show(box)})")
    bonus = _BONUS_ONLY.search(text)
    if bonus and not _BONUS_ONLY.search(ref.parsed.text):
        verdict.reject(MatchKind.BONUS_ONLY, f"a bonus item or code only ({lst.show(bonus)})")
    for m in _ONLY.finditer(text):
        what = m.group(1)
        if _BOX_WORDS.search(what):
            verdict.reject(MatchKind.BOX_ONLY, f"box or manual only ({lst.show(m)})")
        elif _BONUS_WORDS.search(what):
            verdict.reject(MatchKind.BONUS_ONLY, f"a bonus item only ({lst.show(m)})")
        elif any(v.regex.search(what) for v in vocabularies):
            verdict.reject(MatchKind.ACCESSORY, f"a part or accessory only ({lst.show(m)})")
        elif not (_ONLY_OK.search(what) or any(w in what for w in ref.plain_words)):
            # 本体のみ, 開封のみ and ヘッドホンのみ (for headphones) are fine; 片耳のみ is not
            verdict.reject(MatchKind.ACCESSORY, f"a part or accessory only ({lst.show(m)})")
    for vocabulary in vocabularies:
        for word, m in vocabulary.matches(text):
            after = text[m.end():].lstrip()
            before = text[max(0, m.start() - 12):m.start()]
            if _WITH.match(after) or _EXTRA.search(before):
                continue  # ケース付き, 箱あり, おまけ: the product with it
            if word in ref.accessories:
                continue  # the reference names it too (the product is such a thing)
            verdict.reject(MatchKind.ACCESSORY, f"an accessory or part ({lst.show(m)})")
            break
    compatible = _COMPATIBLE.search(text)
    if compatible:
        verdict.reject(MatchKind.COMPATIBLE, f"a compatible or third-party item "
                                             f"({lst.show(compatible)})")
    for m in _FOR_USE.finditer(text):
        before = _compact(m.group(1))
        named = [w for w in ref.identity if len(w) >= 2 and w in before]
        if named and not ref.is_accessory and not _FOR_USE.search(ref.parsed.text):
            verdict.reject(MatchKind.COMPATIBLE, f"made for the product, not the product "
                                                 f"({lst.show(m)})")
            break
    maker = _MAKER_LEXICON.regex.search(text)
    if maker and not _MAKER_LEXICON.regex.search(f"{ref.parsed.text} {ref.brand_text}"):
        verdict.reject(MatchKind.COMPATIBLE, f"an accessory maker's item ({lst.show(maker)})")


_MAIN_UNIT = _k(r"本体(?!\s*(?:なし|無し|無|のみ|だけ|単品|別売|は付属しません))")


def _lot_rules(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    if ref.is_game and "本体" not in ref.parsed.display:
        console = _MAIN_UNIT.search(lst.text)
        if console:
            verdict.reject(MatchKind.LOT, f"a console sold with the game ({lst.show(console)})")
            return
    if ref.is_accessory and "本体" in lst.display and "本体" not in ref.parsed.display:
        for word, m in _ACCESSORY_VOCABULARY.matches(lst.text):
            if word in ref.accessories and _WITH.match(lst.text[m.end():].lstrip()):
                verdict.reject(MatchKind.LOT, f"a main unit sold with the product "
                                              f"({lst.show(m)}付き)")
                return
    for m in _LOT.finditer(lst.text):
        if m.group() in ref.lots:
            continue
        if ref.is_game and m.group().startswith(fold_kana("ソフト")) and m.group().endswith("本"):
            continue  # ソフト 2本セット of a game: two copies of it (the quantity)
        verdict.reject(MatchKind.LOT, f"a lot or bundle of different things ({lst.show(m)})")
        return


def _model_rules(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> bool:
    """Model numbers; returns whether the listing names the reference's model."""
    named = any(m and m in lst.compact for m in (_compact(x) for x in ref.models))
    for code in lst.codes:
        family = [r for r in ref.codes if _same_family(code, r)]
        if not family:
            continue
        if any(_compatible(code, r) for r in family):
            named = named or any(_compact(code) == _compact(r) or _compatible(code, r)
                                 for r in ref.models)
            continue
        verdict.reject(MatchKind.MODEL_CONFLICT,
                       f"model number {_compact(code)} is not {_compact(family[0])}")
        return named
    return named


def _variant_rules(ref: _Reference, lst: _Parsed, verdict: _Verdict, named: bool) -> None:
    rp, lp = ref.parsed, lst
    for cls, values in rp.specs.items():
        listed = lp.specs.get(cls)
        if listed and not (listed & values):
            show = ", ".join(f"{v:g}" for v in sorted(listed))
            want = ", ".join(f"{v:g}" for v in sorted(values))
            verdict.reject(MatchKind.VARIANT_CONFLICT,
                           f"{cls} {show} differs from the reference's {want}")
    if rp.colours and lp.colours and not (rp.colours & lp.colours):
        verdict.reject(MatchKind.VARIANT_CONFLICT,
                       f"colour {'/'.join(sorted(lp.colours))} is not "
                       f"{'/'.join(sorted(rp.colours))}")
    if rp.platforms and lp.platforms and not (rp.platforms & lp.platforms):
        verdict.reject(MatchKind.LINE_CONFLICT,
                       f"for {', '.join(sorted(lp.platforms))}, not "
                       f"{', '.join(sorted(rp.platforms))}")
    extra = lp.lines - rp.lines
    if extra:
        verdict.reject(MatchKind.LINE_CONFLICT,
                       f"another product line ({', '.join(sorted(extra))})")
    missing = (rp.lines - lp.lines) & _LINE_REQUIRED
    if missing and not named:
        verdict.reject(MatchKind.LINE_CONFLICT,
                       f"the listing lacks {', '.join(sorted(missing))}: another model")
    if rp.generations and lp.generations and not (rp.generations & lp.generations):
        verdict.reject(MatchKind.VOLUME_CONFLICT,
                       f"generation {sorted(lp.generations)[0]} is not "
                       f"{sorted(rp.generations)[0]}")
    if rp.editions and lp.editions and not (rp.editions & lp.editions):
        verdict.reject(MatchKind.VOLUME_CONFLICT,
                       f"edition {sorted(lp.editions)[0]} is not {sorted(rp.editions)[0]}")
    if rp.volumes:
        if lp.volumes and not (lp.volumes & rp.volumes):
            verdict.reject(MatchKind.VOLUME_CONFLICT,
                           f"number {sorted(lp.volumes)[0]} is not {sorted(rp.volumes)[0]}")
        elif not lp.volumes and not named:
            verdict.reject(MatchKind.AMBIGUOUS,
                           f"the listing does not say it is number {sorted(rp.volumes)[0]}")
    if rp.generations and not lp.generations and not named:
        verdict.reject(MatchKind.AMBIGUOUS, f"the listing does not say it is generation "
                                            f"{sorted(rp.generations)[0]}")


def _brand_rules(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> bool:
    if not ref.brands:
        return False
    if lst.brands & ref.brands:
        return True
    known = {b for b in ref.brands if b in BRAND_ALIASES}
    if known and lst.brands - ref.brands:
        verdict.reject(MatchKind.BRAND_CONFLICT,
                       f"brand {', '.join(sorted(lst.brands))} is not {', '.join(sorted(known))}")
    return False


def _coverage(words: dict[str, float], present: dict[str, bool]) -> float:
    total = sum(words.values())
    if not total:
        return 0.0
    return sum(weight for word, weight in words.items() if present[word]) / total


class Matcher:
    """A configured title matcher; :func:`match_title` uses one with the defaults.

    Args:
        threshold: the score an acceptable listing needs (default :data:`DEFAULT_THRESHOLD`).
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
        ref = _reference(product.title, product.brand, product.model_number)
        parsed = [_parse(t) for t in titles]
        if not parsed:
            return []
        compacts = [p.compact for p in parsed]
        set_scores = process.cdist([ref.token_string], [" ".join(p.tokens) for p in parsed],
                                   scorer=fuzz.token_set_ratio, dtype="float32")[0]
        words = process.cdist(ref.word_list, compacts, scorer=fuzz.partial_ratio,
                              dtype="float32") if ref.word_list else None
        out = []
        for j, (title, lst) in enumerate(zip(titles, parsed, strict=True)):
            present = {w: bool(words is not None and words[i, j] >= _PRESENT)
                       for i, w in enumerate(ref.word_list)}
            out.append(self._judge(ref, title, lst, float(set_scores[j]) / 100, present))
        return out

    def _judge(self, ref: _Reference, title: str, lst: _Parsed, set_ratio: float,
               present: dict[str, bool]) -> Match:
        verdict = _Verdict()
        _accessory_rules(ref, lst, verdict, self._extra)
        _lot_rules(ref, lst, verdict)
        named = _model_rules(ref, lst, verdict)
        _variant_rules(ref, lst, verdict, named)
        branded = _brand_rules(ref, lst, verdict)

        coverage = max(_coverage(ref.core_words, present), _coverage(ref.full_words, present))
        score = 0.8 * coverage + 0.2 * set_ratio
        if named:
            score = 0.5 + 0.5 * score
            verdict.reasons.append(f"model number {ref.models[0]} named")
        if branded:
            score += 0.05
        lost = [w for w, weight in ref.core_words.items() if weight >= 5 and not present[w]]
        if lost and not named:
            score -= 0.1  # a name word is missing: maybe a sibling (スカーレット/バイオレット)
            verdict.reasons.append(
                f"name word {_shown(ref.parsed, lost[0])} not in the listing (-0.10)")
        score = round(max(0.0, min(1.0, score)), 3)
        missing = [w for w in ref.core_words if not present[w]]
        verdict.reasons.append(
            f"similarity {score:.2f} (reference words {coverage:.0%}"
            + (f", missing {' '.join(_shown(ref.parsed, w) for w in missing[:4])}"
               if missing else "")
            + f"; token set {set_ratio:.0%})")
        if verdict.kind is MatchKind.MATCH and score < self.threshold:
            verdict.reject(MatchKind.LOW_SCORE,
                           f"too different from the reference title (score {score:.2f} "
                           f"< {self.threshold:.2f})")

        quantity = lst.quantity
        if ref.quantity > 1:
            if quantity in (1, ref.quantity):
                quantity = 1
            else:
                verdict.reject(MatchKind.QUANTITY_CONFLICT,
                               f"{quantity} units where the reference is a set of "
                               f"{ref.quantity}")
                quantity = 1
        elif quantity > 1:
            verdict.reasons.append(f"{quantity} units ({', '.join(lst.quantity_words)})")

        cap: Condition | None = None
        cap_reason: str | None = None
        if lst.poor:
            cap = Condition.POOR
            cap_reason = f"junk or damaged ({lst.poor[0]}): condition poor at best"
        elif lst.acceptable:
            cap = Condition.ACCEPTABLE
            cap_reason = (f"flawed or incomplete ({lst.acceptable[0]}): "
                          f"condition acceptable at best")
        if cap_reason:
            verdict.reasons.append(cap_reason)
        if verdict.kind is MatchKind.MATCH:
            verdict.reasons.insert(0, "same product")
        return Match(title=title, is_match=verdict.kind is MatchKind.MATCH, kind=verdict.kind,
                     score=score, quantity=quantity, condition_cap=cap,
                     condition_reason=cap_reason, reasons=tuple(verdict.reasons))


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
