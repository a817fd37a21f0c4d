"""The hard rules: look-alikes, lots, model numbers, variants, brands, quantity and junk
(the rules for another product of a series live in ``_series``).

Each rule reads the reference and one parsed listing and records on a :class:`_Verdict`
every rejection that fires (the first decides the :class:`MatchKind`; all are listed);
:func:`_quantity_rule` and :func:`_condition_cap` say how many units and how good.

Example:
    >>> _same_family("cfi-2000a01", "cfi-1200a01"), _compatible("cfi-2000", "cfi-2000a01")
    (True, True)
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from dataclasses import dataclass, field

from jaconv import hira2kata
from rapidfuzz import fuzz

from altfinder.matching._makers import company_of, makers_in
from altfinder.matching._nicknames import is_nickname
from altfinder.matching._normalize import _DENIAL, _KANJI_DIGITS, _compact, _k, fold_kana, fold_text
from altfinder.matching._parse import _ACCEPTABLE, _POOR, PART_NUMBERS, ZOOM_SCALE, _Parsed
from altfinder.matching._reference import _MODIFIER, _is_product_code, _Reference, _shown
from altfinder.matching._result import MatchKind
from altfinder.matching._sound import sound_key, sounds_in
from altfinder.matching._vocabulary import (
    _ACCESSORY_VOCABULARY,
    _BRAND_LEXICON,
    _CHAIN,
    _COLOUR_LEXICON,
    _LEFT,
    _LINE_REQUIRED,
    _LINE_WORDS,
    _LOT,
    _MAKER_LEXICON,
    _ONE_OF_PAIR,
    _OTHER_LOT,
    _PLATFORM_LEXICON,
    _RIGHT,
    _SCENT_NAME,
    _WITH,
    _WITH_ITEM,
    BRAND_ALIASES,
    FITS_WORDS,
    MATOME,
    _colours,
    _lines,
    _mounts,
    _Vocabulary,
)
from altfinder.models import Condition

_COUNT = _k(r"^\d+\s*(?:個|本|枚|つ|点|台|コ)\s*(?=おまけ|オマケ|付|同梱|あり|有り)")
# 予備バッテリー, + ケース: a spare or an extra, with it (not the + of a name: ルンバ i3+)
_EXTRA = _k(r"(?:おまけ|オマケ|(?<![a-z0-9])\+|&|＆)\s*\S{0,6}$|予備\s*$")

_UNUSED_STATE = _k(r"未使用|未開封|良好")  # glued to the part's name
_ONLY = _k(r"([^\s]{1,10}?)\s*(?:(?<!こ)のみ|だけ|単品|単体)(?![a-z])(?!\s*(?:可|可能|でき|動))")
# What may precede のみ without making the listing a part: the product itself (本体のみ,
# ソフトのみ) or how it was used or is sold (開封のみ, 数回使用のみ, 平日のみ発送).
_ONLY_OK = _k(r"本体|ソフト|ディスク|カセット|ゲーム|商品|^本$|品|使用|開封|確認|通電|試着|読|cpu|"
              r"クリア|プレイ|"
              r"起動|巻|プッシュ|本誌|"
              r"スウォッチ|試し|お試し|swatch|"
              r"試用|展示|出品|発送|送料|欠品|コミック|書籍|漫画|単行本|回|度|平日|土日|週末|"
              r"当日|即日|本日|今日|期間|限定|現品|1点|一点|数量|こちら|写真|画像|記載|表示|シーズン|送風|"
              r"お一人|おひとり|様|現金|支払")
_GAME_CARD = fold_kana("カード")
_DISC = fold_kana("ディスク")  # ケース・ディスクのみ: the game without its manual
# リアカメラのみ 本体なし; 付属CDのみ 本なし
_NO_MAIN_UNIT = _k(r"(?:本体|(?<![一-鿿])本)\s*(?:なし|無し|無)(?![一-鿿])")
_MAIN_UNIT_TOO = _k(r"本体\s*(?:と|&|・|\+|及び)")
_BOX_WORDS = _k(r"空箱|外箱|化粧箱|箱|説明書|取扱説明書|取説|マニュアル|保証書")
_BONUS_WORDS = _k(r"特典|コード|シリアル|dlc|プロダクトコード|dl版")
_BOX_ONLY = _k(r"空箱|箱のみ|箱だけ|空瓶|空き瓶|空きビン|(?<!真)空き?ボトル|空き?容器|"
               r"容器のみ|空ケース|"
               r"外箱のみ|化粧箱のみ|説明書のみ|取説のみ|取扱説明書のみ|"
               r"マニュアルのみ|保証書のみ|箱と説明書のみ|ケースと説明書のみ")
# Said of a bonus code that came with the game: the game is what is sold.
_SPENT = r"使用済|使用して|未使用|なし|無し|欠品"
_BONUS_ONLY = _k(r"特典のみ|特典だけ|"
                 rf"特典コード(?!\s*(?:は|が)?\s*(?:{_SPENT}|付き|付|あり|有り))|"
                 rf"(?<![+&])(?<![+&]\s)特典(?!\s*\S{{0,10}}?(?:付|つき|あり|有|封入|同梱|入|込|{_SPENT}))|"
                 r"コードのみ|dl版|プロダクトコードのみ|シリアルコード|dlc")
_COMPATIBLE = _k(r"互換|非純正|サードパーティ|社外品|コピー品|レプリカ|類似品|ノーブランド|"
                 r"リサイクルインク|リサイクルトナー|再生インク|再生トナー|"  # a refilled cartridge
                 r"代替(?!処理)|"
                 r"(?<![a-z])for\s+"  # for SONY E, for Windows: a mount, a platform
                 r"(?!sony|canon|nikon|fuji|panasonic|leica|sigma|windows|mac|pc\b|[elxz]\b)"
                 r"(?!(?:wo)?m[ae]n\b|her\b|him\b|ladies|kids)[a-z]")  # for Women: an audience
_PUBLISHING = frozenset({"出版", "出版社", "書店", "文庫", "新書", "umd"})
_SLASHED = re.compile(r"(?:[^\s/]+(?:\s[^\s/]+)?/)+(?=[^\s/]*$)")
_WORD_BEFORE_SPACE = re.compile(r"(\S+)\s+$")
# Guides and art books by their series or their kind
_TRAVEL_GUIDES = r"るるぶ|まっぷる|地球の歩き方|ことりっぷ|ララチッタ"
_GUIDE_BOOK = _k(rf"{_TRAVEL_GUIDES}|アートワークス|マスターワークス|アートブック|イラスト集|"
                 r"イラストレーションズ|画集|設定資料|ガイドブック")
_TRAVEL_GUIDE = _k(_TRAVEL_GUIDES)
_BOOK_KINDS = frozenset({"攻略本", "攻略ガイド", "ガイドブック", "設定資料集"})
_LATIN_END = re.compile(r"[a-z]+\s+$")
_LATIN_START = re.compile(r"for\s+[a-z]+")
_LOOKS_LIKE = r"風(?![一-鿿])|似(?![一-鿿])|と同じ|と同等|同等品|そっくり"  # 無印風
_ONLY_FOR = fold_kana("専用")
_FOR_USE = _k(rf"(\S{{1,16}}?)\s*(?:専用|(?<!使)(?<!薬)用|(?<!両)対応|{_LOOKS_LIKE})"
              r"(?!\s*(?:ソフト|ゲーム|タイトル|パッケージ|カセット|版|意|途|品|紙))")

_LOOKALIKE = _k(rf"(?:{_LOOKS_LIKE})$")
_FORMAT = _k(r"フルサイズ|aps-?c|マイクロフォーサーズ|4k|8k|hdr|wi-?fi\d*|bluetooth|usb|"
              r"type-?c|5g|4g|lte")
_AUDIENCE = _k(r"男性|女性|メンズ|レディース|子供|子ども|キッズ|大人|家庭|業務|"
               r"[一-鿿ぁ-ゖー・]{0,6}[犬猫]|"  # 避妊去勢猫用: for the cat it feeds
               r"[一-鿿]{1,3}(?:肌|毛|髪)")  # 乾燥毛用, 敏感肌用: for whose hair or skin
# A size or a generation before 用: the name before it is what the thing is made for
_SIZE_ONLY = re.compile(r"\d+(?:\.\d+)?(?:ml|l|g|kg|cm|mm|oz)|第\d{1,2}世代")
_LAST_WORD = re.compile(r"(\S+)\s*$")
_SHORT_NUMBER = re.compile(r"\d{1,2}[a-z]?")
_LISTED_BEFORE = re.compile(r"(?:[a-z0-9]+\s?){1,3}\s*/\s*$")  # "Libra Colour / " before Sage
_FAULT = _k(r"(?:から|が|の|は)?\s*(?:音|電源|充電|接続|反応|動作)?\s*(?:が|は)?\s*"
            r"(?:出ない|出ません|出ず|鳴らない|聞こえ|不良|故障|認識|入らない|できない|できません|せず|"
            r"途切れ|ノイズ|"
            r"しない|しません|不可|壊れ|破損|割れ|断線)")
_COVER = fold_kana("カバー")
_CASE = fold_kana("ケース")
_CARTRIDGE = fold_kana("カートリッジ")  # a game's cartridge is the game
_BOOK_COVER = _k(r"ブックカバー|文庫カバー|カバーのみ|カバーだけ|ケース")
_BUNKO_LABEL = re.compile(r"([一-鿿ぁ-ゖァ-ヺーa-z・]{1,16})文庫")  # 角川つばさ文庫


@functools.lru_cache(maxsize=2048)
def _matches(pattern: re.Pattern[str], text: str) -> tuple[re.Match[str], ...]:
    """A pattern's matches in a reference's text: read once per reference, not once for each
    listing it is compared with."""
    return tuple(pattern.finditer(text))


def _groups(pattern: re.Pattern[str], text: str) -> frozenset[str]:
    """The first group of each of a pattern's matches in a reference's text."""
    return frozenset(m.group(1) for m in _matches(pattern, text))


def _bunko_labels(parsed: _Parsed) -> set[str]:
    """The paperback imprints a title names: 双葉 in 双葉文庫, 角川スニーカー, mf."""
    return {m.group(1) for m in _BUNKO_LABEL.finditer(parsed.display)}


_MAIN_BOTTLE = _k(r"本体|ボトル(?!\s*(?:なし|無し))|ポンプ")
_HASH_SHADE = re.compile(r"#\s*([a-z]{3,}|[ぁ-ゖー]{3,})")
_BODY_ONLY = _k(r"(?:ボディ|本体)\s*(?:のみ|だけ|単体)")
_SYNONYMS = {"variety:ローション": "variety:化粧水", "variety:化粧水": "variety:ローション",
             "variety:無香料": "variety:無香性", "variety:無香性": "variety:無香料"}
# What a listing fits or is used with (iPad Pro対応, iPad Air(M2)で使用)
_FITS = re.compile(r"(?<![a-z0-9])[a-z0-9()]+(?:[ /][a-z0-9()]+){0,2}\s*(?:対応|で使用|用)")
_HARDCOVER = _k(r"単行本|ハードカバー|ソフトカバー|四六判|hardcover|"
                r"新書判|ノベルス|軽装版|愛蔵版|ワイド版|大型本")  # not the paperback

_APPLE_PART = re.compile(r"^m[a-z0-9]{3,5}(?:j|ll|zp|ch|x|b|f|fe|d|t|kh|pa|za|zm|am)/a$")


def _lead(code: str) -> str:
    first = re.split(r"[-/]", code, maxsplit=1)[0]
    match = re.match(r"[a-z]+", first)
    return match.group() if match else ""


def _first_digits(code: str) -> str:
    match = re.search(r"\d+", code)
    return match.group() if match else ""


def _shape(code: str) -> str:
    return re.sub(r"\d", "9", re.sub(r"[a-z]", "a", code))


_MAKER_PREFIX = re.compile(r"[a-z]+-[a-z]")
_SIZED_SERIES = re.compile(r"(\d{2,3})([a-z]{1,3})\d{2,4}")


_SHADE_CODE = re.compile(r"[a-z]{2}\d{3}")


def _same_family(a: str, b: str) -> bool:
    """Two model numbers of one product family (CFI-2000A01 and CFI-1200A01)."""
    ca, cb = _compact(a), _compact(b)
    if _APPLE_PART.match(a) and _APPLE_PART.match(b):
        return True
    if ca.isdigit() and cb.isdigit():
        return len(ca) == len(cb)
    if _SHADE_CODE.fullmatch(ca) and _SHADE_CODE.fullmatch(cb):
        return True  # WT005 and BK099: two shades of one polish
    digits_a, digits_b = _first_digits(ca), _first_digits(cb)
    if len(digits_a) >= 2 and digits_a == digits_b and ca[:1].isalpha() and (
            ca[:2] == cb[:2] or (len(digits_a) >= 3 and ca[:1] == cb[:1])):  # SOD-310, ST-310
        return True  # VD-02T and VDC-02W: the same size of one line
    letters_a, letters_b = re.match("[a-z]*", ca), re.match("[a-z]*", cb)
    if letters_a and letters_b and letters_a.group() == letters_b.group() and len(
            letters_a.group()) >= 4:
        return True  # SD-MDX4 and SD-MDX102
    lead_a, lead_b = _lead(a), _lead(b)
    if len(lead_a) >= 2 and lead_a == lead_b and all(_MAKER_PREFIX.match(c) for c in (a, b)):
        return True  # NP-TZ300 and NP-TCR4: a maker's prefix, then the model
    if lead_a and lead_a == lead_b:
        # AX5400 (a speed class) is not a sibling of AX73: the numbers must be comparable
        # (E-PL9 and E-PL10 are: one or two digits)
        da, db = len(_first_digits(ca)), len(_first_digits(cb))
        return da == db or (da in (1, 2) and db in (1, 2))
    sized_a, sized_b = _SIZED_SERIES.match(ca), _SIZED_SERIES.match(cb)
    if sized_a and sized_b and (sized_a.group(1) == sized_b.group(1)
                                or sized_a.group(2) == sized_b.group(2)):
        return True  # 27UP850N-W, 27UP650-W and 32UP550N-W: a screen size, a line, a model
    if len(ca) == len(cb) >= 4 and _shape(ca) == _shape(cb):
        # NLS86 and NLH22 (two shades of one range); A2663 and B1234 are not kin
        return sum(x != y for x, y in zip(ca, cb, strict=True)) <= 2 or ca[:2] == cb[:2]
    return False


_COLOUR_LETTERS = frozenset({"w", "b", "bk", "wh", "s", "r", "p", "g", "gr", "sl", "bl", "n"})
_GLUED_COLOUR_LETTERS = frozenset({"w", "b", "k", "bk", "wh", "bl", "gr"})
_REGIONS = frozenset({"us", "uk", "eu", "cn", "kr", "hk", "tw", "int", "gl"})


def _separators(code: str) -> set[int]:
    """Where a model number has a separator, counted in its compact form (EH-NA0J-A: 6)."""
    cuts, length = set(), 0
    for char in code:
        if char in "-/.() ":
            cuts.add(length)
        else:
            length += 1
    return cuts


def _cuts(code: str) -> set[int]:
    """Where a model number may be cut short: at a separator or between letters and digits.

    >>> print(sorted(_cuts("eh-na0j-a")), sorted(_cuts("x100vi")))
    [2, 4, 5, 6, 7] [1, 4, 6]
    """
    cuts, length = set(), 0
    for i, char in enumerate(code):
        if char in "-/.() ":
            cuts.add(length)
            continue
        length += 1
        after = code[i + 1] if i + 1 < len(code) else ""
        if not after or after in "-/.() " or after.isdigit() != char.isdigit():
            cuts.add(length)
    return cuts


# Letters after a model number that make another model (not a colour or region code)
_MODEL_SUFFIXES = frozenset({"bt", "pro", "plus", "max", "mini", "lite", "ultra", "se", "dx",
                             "evo", "ti", "super", "neo", "slim",
                             "ii", "iii", "iv", "mk2", "nc", "anc"})


def _compatible(listing: str, reference: str, context: str = "") -> bool:
    """The listing's model number names the reference (maybe less precisely); ``context``
    is the reference's compacted title, which may say a suffix apart (X9 Pro for X9Pro)."""
    cl, cr = _compact(listing), _compact(reference)
    if cl == cr:
        return True
    rest = cr[len(cl):]
    # what is left up to the next separator: the A of FDR-AX45A-B is a model's letter
    glued = rest[:min((s - len(cl) for s in _separators(reference) if s > len(cl)),
                      default=len(rest))]
    if (cr.startswith(cl) and len(cl) >= 3 and any(c.isdigit() for c in cl)
            and len(cl) in _cuts(reference)
            and (len(cl) in _separators(reference) or len(glued) >= 2)  # PCF-SC15 ≠ PCF-SC15T
            and not re.match(r"m\d", rest)):  # ZV-1 is not ZV-1M2 (Mark II), RX100 not RX100M7
        # CFI-2000 for CFI-2000A01, EH-NA0J for EH-NA0J-A; but X100V is not X100VI
        return True
    if (cr.startswith(cl) and len(cl) >= 5 and cl[-1].isalpha() and any(c.isdigit() for c in cl)
            and re.fullmatch(r"[a-z]\d\d", rest)):
        return True  # CUH-2100A for CUH-2100AB01: the model without its colour code (B01)
    if cr.startswith(cl) and len(cl) >= 5 and len(rest) >= 4 and rest.isalpha() and any(
            c.isdigit() for c in cl):
        return True  # SV10K for SV10KSLMCOM: the model, without the retail suffix
    extra = cl[len(cr):]
    if (cl.startswith(cr) and len(cr) in _separators(listing) and len(extra) == 1
            and extra.isalpha()):
        return True  # PCF-SC15T-W: the colour letter after a hyphen
    if cl.startswith(cr) and extra in _GLUED_COLOUR_LETTERS and cr[-1].isdigit():
        return True  # DHT-S217K: Denon's black
    if cr.startswith(cl) and len(cl) >= 4 and rest in _COLOUR_LETTERS and any(
            c.isdigit() for c in cl):
        return True  # EW-M754T for EW-M754TW (W: white)
    if (cl.startswith(cr) and len(extra) >= 2 and extra.isalpha() and extra not in _REGIONS
            and ((extra not in _MODEL_SUFFIXES and not extra.startswith("usb"))
                 or cl in context)):  # not ATH-M20xBT, the Bluetooth model of ATH-M20x
        return True  # HP04IBN for HP04 (DM250US is the US model of DM250)
    at = cr.find(cl)  # RX324 for HD-RX324(W)
    cuts = _cuts(reference)
    coded = any(c.isalpha() for c in cl) and any(c.isdigit() for c in cl)
    return (at > 0 and len(cl) >= 4 and coded and at in cuts and (at + len(cl)) in cuts
            and not cr[at + len(cl):].isdigit())  # WX3000HP is not PA-WX3000HP2


@dataclass
class _Verdict:
    """The decision so far: the first rejection decides the kind; every reason is kept."""

    kind: MatchKind = MatchKind.MATCH
    reasons: list[str] = field(default_factory=list)

    def reject(self, kind: MatchKind, reason: str) -> None:
        if self.kind is MatchKind.MATCH:
            self.kind = kind
            self.reasons.insert(0, reason)
        else:
            self.reasons.append(reason)


# A part taken off the product (NH-D15から取り外し), not the product taken off a car or a PC
_TAKEN_OFF = _k(r"([^\s・、,/]+?)\s*から\s*取り?外し")
_FROM = fold_kana("から")
# One disc of a game on several (ディスク2のみ)
_ONE_DISC = _k(r"(?:ディスク|disc|disk)\s*\d")


# A game sold as software (ソフト, カセット), and the words a guide or art book is sold by
_GAME_SOFT = _k(r"ソフト|カセット|パッケージ版|ダウンロード版")
_GUIDE_WORDS = _k(r"ガイド|攻略|設定資料|画集|アート|ブック|(?<!ソフト)本(?!体)|イラスト|資料集|"
                  r"ワークス|完全|大全|公式|book|guide")
_PACKED_WITH = _k(r"\S*(?:付き|付)(?=\s|$)")  # 攻略本付き: what comes with the game


# What came with a product, named after it: 有機ELモデル付属品 (not 付属品完備, 付属品一部欠品)
_BUNDLED_PART = re.compile(r"(?<=\S)付属品(?!\s?(?:完備|あり|有り|全て|全部|すべて|揃い|付き?|"
                           r"多数|なし|無し|欠品|完品|一式|一部|未使用|未開封|付属|は|も|の|等|"
                           r"など|箱))")


def _accessory_rules(ref: _Reference, lst: _Parsed, verdict: _Verdict,
                     extra: _Vocabulary | None, own_lines: frozenset[str] = frozenset()) -> None:
    """Accessories, parts, compatibles, boxes and bonuses sold without the product. A guide
    or an art book (るるぶ, アートワークス, or one its shops call 画集: ``own_lines``) is
    itself the ガイドブック or 設定資料集 a listing says."""
    vocabularies = [v for v in (_ACCESSORY_VOCABULARY, extra) if v is not None]
    if not ref.is_accessory and (part := _BUNDLED_PART.search(lst.display)):
        verdict.reject(MatchKind.ACCESSORY, f"what came with the product ({part.group()})")
        return
    guide = "guide" in own_lines | ref.parsed.lines or _is_guide(ref.whole_text)
    text = lst.text
    if (guide and not ref.is_game and _GAME_SOFT.search(text)
            and not _GUIDE_WORDS.search(_PACKED_WITH.sub(" ", text))):
        verdict.reject(MatchKind.LINE_CONFLICT, "the game itself, not its guide or art book")
    elif (guide and not ref.is_game and (soft := _GAME_SOFT.search(text))
          and _SET in text[soft.end():]):  # リバース PS5 ソフト 攻略本 セット
        verdict.reject(MatchKind.LOT, f"the game and its guide ({lst.show(soft)} … セット)")
    taken = _TAKEN_OFF.search(text) if _FROM in text else None
    if taken and len(_compact(taken.group(1))) >= 3 and (
            _compact(taken.group(1)) in ref.parsed.compact
            or any(_compact(m) in _compact(taken.group(1)) for m in ref.models)):
        verdict.reject(MatchKind.ACCESSORY, f"a part taken off the product ({lst.show(taken)})")
    box = _BOX_ONLY.search(text)
    if box:
        verdict.reject(MatchKind.BOX_ONLY, f"box or manual only ({lst.show(box)})")
    bonus = _BONUS_ONLY.search(lst.folded)  # 特典コード未使用: 未使用 is not promotion here
    if bonus and not _BONUS_ONLY.search(ref.parsed.text):
        verdict.reject(MatchKind.BONUS_ONLY, f"a bonus item or code only ({lst.show(bonus)})")
    for m in _ONLY.finditer(text):
        what = m.group(1)
        if m.group().strip() in ref.parsed.text:
            continue  # 大事なことだけ in a book's own title
        if _INCLUDED.search(text, max(0, m.start() - 8), m.start() + len(what)):
            verdict.reject(MatchKind.ACCESSORY, f"a part that comes with it, alone "
                                                f"({lst.show(m)})")  # アイトーク付属 プッシャーのみ
            continue
        if what.strip() and any(what.strip() in part for part in _own(ref).set_parts):
            verdict.reject(MatchKind.ACCESSORY, f"one part of the reference's set only "
                                                f"({lst.show(m)})")  # リフィルのみ of 本体+リフィル
            continue
        if _BOX_WORDS.search(what) and not what.endswith(_MAIN_UNIT_WORD):  # 箱なし本体のみ
            verdict.reject(MatchKind.BOX_ONLY, f"box or manual only ({lst.show(m)})")
        elif _BONUS_WORDS.search(what):
            verdict.reject(MatchKind.BONUS_ONLY, f"a bonus item only ({lst.show(m)})")
        elif _ONE_DISC.search(what):
            verdict.reject(MatchKind.ACCESSORY, f"one disc of several only ({lst.show(m)})")
        elif (ref.is_game or lst.platforms) and (
                _GAME_CARD in what or _DISC in what or "umd" in what):
            continue  # カードのみ: the game card alone is the game
        elif _MAIN_UNIT_TOO.search(what):
            continue  # 本体とアダプターのみ: the product, with no more than that
        elif any(v.regex.search(what) for v in vocabularies):
            verdict.reject(MatchKind.ACCESSORY, f"a part or accessory only ({lst.show(m)})")
        elif not (_ONLY_OK.search(what) or any(w in what for w in ref.plain_words)):
            # 本体のみ, 開封のみ and ヘッドホンのみ (for headphones) are fine; 片耳のみ is not
            verdict.reject(MatchKind.ACCESSORY, f"a part or accessory only ({lst.show(m)})")
    for vocabulary in vocabularies:
        for word, m in vocabulary.matches(text):
            after = text[m.end():].lstrip()
            before = text[max(0, m.start() - 12):m.start()]
            after = _COUNT.sub("", after, count=1)  # フィルム10枚おまけ, コントローラー2個 …付き
            if _UNUSED_STATE.match(lst.folded, m.end()):
                continue  # イヤーピース未使用, パーツ未使用: the state of a part that came with it
            chain = _CHAIN.match(f" {after}")
            if (_WITH.match(after) or _WITH.match(_CHAIN.sub("", after)) or _EXTRA.search(before)
                    or (chain and _WITH.match(f" {after}"[chain.end():]) and all(
                        vocabulary.regex.fullmatch(w) or _BOX_WORDS.fullmatch(w)
                        for w in re.split(r"[・、,/&+\s]+", chain.group().strip(" ・、,/&+"))
                        if w))):  # バッテリー 充電器付: parts that come with it, listed
                continue  # ケース付き, 箱あり, おまけ: the product with it
            if word in ref.accessories or (guide and word in _BOOK_KINDS):
                continue  # the reference names it too (the product is such a thing)
            if _MAIN_UNIT_TOO.search(text[max(0, m.start() - 6):m.start()]):
                continue  # 本体とアダプター: the product with it
            if lst.poor and _FAULT.match(after):
                continue  # 右耳から音が出ません: a fault of the product, described
            if ref.is_book and fold_kana(word) == _COVER and not _BOOK_COVER.search(text):
                continue  # a book's cover is part of it (カバー汚れ, 映画化カバー)
            if ref.is_game and fold_kana(word) in (_CASE, _CARTRIDGE):
                continue  # a game's case is part of it (ケース説明書付き, ケース傷)
            if fold_kana(word) == _CARD_GAME and _TABLETOP.search(ref.parsed.text):
                continue  # ito カードゲーム, where the reference is a board game
            if fold_kana(word) == _LABEL and (not after or _DAMAGED.match(after)
                                              or _FINE.match(lst.folded, m.end())):
                continue  # ラベル剥がれ, ラベル美品: the state of the product's own label
            verdict.reject(MatchKind.ACCESSORY, f"an accessory or part ({lst.show(m)})")
            break
    no_main = _NO_MAIN_UNIT.search(text)
    if no_main and not _NO_MAIN_UNIT.search(ref.parsed.text):
        verdict.reject(MatchKind.ACCESSORY, f"parts without the main unit ({lst.show(no_main)})")
    compatible = _COMPATIBLE.search(text)
    if compatible and compatible.group().startswith("for"):  # Need for Speed: a name
        latin = _LATIN_END.search(text, 0, compatible.start())
        rest = _LATIN_START.match(text, compatible.start())
        if latin and rest and sounds_in(latin.group() + rest.group(), ref.parsed.text):
            compatible = None
    if compatible and compatible.group() not in ref.parsed.text:
        verdict.reject(MatchKind.COMPATIBLE, f"a compatible or third-party item "
                                             f"({lst.show(compatible)})")
    for m in _FOR_USE.finditer(text):
        before = _compact(m.group(1))
        if m.group().endswith(_ONLY_FOR) and ref.parsed.platforms and (  # Switch Online 専用
                (theirs := _PLATFORM_LEXICON.find(lst.display[max(0, m.start(1) - 24):m.end(1)]
                                                  .casefold()))
                and not theirs & ref.parsed.platforms):
            verdict.reject(MatchKind.COMPATIBLE, f"made for {', '.join(sorted(theirs))}, not "
                                                 f"the product ({lst.show(m)})")
            break
        if _SHORT_NUMBER.fullmatch(before) or _SIZE_ONLY.fullmatch(before):  # Pad 6 対応,
            # Mini 4K 用, トラベルタンブラー 500ml用: the name before it
            name = _LAST_WORD.search(text, 0, m.start(1))
            before = _compact(name.group(1)) + before if name else before
        if _FORMAT.fullmatch(before) or _AUDIENCE.fullmatch(before):
            continue  # フルサイズ対応, 4K対応: a format it works in, no product
        listed = _LISTED_BEFORE.search(text, 0, m.start(1))
        if listed:  # Libra Colour / Sage 対応: each of the list
            before = _compact(listed.group()) + before
        chain = _SLASHED.search(text, 0, m.end(1))
        if chain and "/" in m.group(1) and not _LOOKALIKE.search(m.group()):  # Elipsa 2E/…対応
            before = _compact(chain.group()) + before
        if _colours(before):  # HERO13 Black対応: the name before its colour
            spaced = _WORD_BEFORE_SPACE.search(text, 0, m.start(1))
            before = _compact(spaced.group(1)) + before if spaced else before
        named = [w for w in ref.identity if (len(w) >= 2 and w in before)
                 or (len(before) >= 4 and before.isascii() and any(c.isdigit() for c in before)
                     and w.startswith(before))]  # EE-DC50 対応
        # a reference made for something itself (敏感肌用 is not; Switch用ケース is)
        made_for = [_compact(re.split(r"[・/、,]", r.group(1))[-1])
                    for r in _FOR_USE.finditer(ref.parsed.text)]
        of_ours = any(fold_kana(a) in before for a in ref.accessories)  # ケース用 フタ, of a case
        if named and (not ref.is_accessory or of_ours) and not any(
                w in target for w in named for target in made_for):
            verdict.reject(MatchKind.COMPATIBLE, f"made for the product, not the product "
                                                 f"({lst.show(m)})")
            break
        if _LOOKALIKE.search(m.group()) and (
                _BRAND_LEXICON.find(lst.show(m, 1).casefold()) & ref.brands
                or makers_in(m.group(1)) & ref.makers):
            verdict.reject(MatchKind.COMPATIBLE, f"made to look like the maker's, not the "
                                                 f"maker's ({lst.show(m)})")  # 無印風
            break
    maker = _MAKER_LEXICON.regex.search(text)
    if maker and not _MAKER_LEXICON.regex.search(f"{ref.parsed.text} {ref.brand_text}"):
        verdict.reject(MatchKind.COMPATIBLE, f"an accessory maker's item ({lst.show(maker)})")


_CARD_GAME, _LABEL = fold_kana("カードゲーム"), fold_kana("ラベル")
_TABLETOP = _k(r"ボードゲーム|カードゲーム|テーブルゲーム|パーティーゲーム")
_DAMAGED = _k(r"剥がれ|はがれ|破れ|傷|キズ|汚れ|焼け|ヤケ|欠け|スレ|擦れ|印字")
_FINE = _k(r"\s*(?:美品|きれい|綺麗|キレイ|良好)")


# "X + Y": the product sold with another one (あつまれどうぶつの森 + ハッピーホームパラダイス).
_PLUS = _k(r"(?:[+&]|(?<=\s)と(?=\s))\s*([^\s+&()]{3,})")  # ルンバ643 と ブラーバ371j
# What may follow a "+" without being another product: bonuses, extras, the box.
_NOT_A_PRODUCT = _k(r"特典|おまけ|付属|付き|付|箱|説明書|保証書|コード|ポイント|送料|α|"
                    r"ソフト|本体|セット|まとめ")


_WORK_BEFORE_PLUS = _k(r"([ぁ-ゖー一-鿿々]{4,})\s*[+&＋]\s*\S")
_BEFORE_PLUS = _k(r"((?:[a-z]+\s*)?[a-z]*\d+[a-z]*(?:\s+[^\s+&]{2,8})?)\s*[+&]\s*\S")
# 本体 (not 本体なし, nor 本体で起動確認: tested on a console)
_MAIN_UNIT = _k(r"本体(?!\s*(?:なし|無し|無|のみ|だけ|単品|別売|は付属しません|で|にて))")


_WITHOUT_MODEL = _k(r"([^\s(\[【/※*]{2,12}?)(?:(?:なし|無し)(?:モデル|タイプ|版|仕様)|"
                   r"機能(?:なし|無し))")  # 片手カット機能なし
_PARTICLES = re.compile("[でのを]")


def _denial_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """A listing that says it is not what the reference is: (Type-Sではありません), or that
    it is the model without what the reference has (温度調整なしモデル for 温度調整付き,
    片手カット機能なし for 片手でカット)."""
    for m in [*_DENIAL.finditer(lst.folded), *_WITHOUT_MODEL.finditer(lst.folded)]:
        denied = _compact(m.group(1))
        if len(denied) >= 2 and (denied in ref.parsed.compact or _PARTICLES.sub(
                "", denied) in _PARTICLES.sub("", ref.parsed.compact)):  # 片手でカット
            verdict.reject(MatchKind.LINE_CONFLICT,
                           f"the listing says it is not that ({lst.show(m) or m.group()})")
            return


# Sizes listed one after another: S M L, S/M/L (a set of every size, not copies of one)
_KANJI_SIZES = re.compile(r"(?<![一-鿿])(大|中|小)\s?[・/、&]\s?(?!\1)(?:大|中|小)(?![一-鿿])")
_SIZE_RUN = re.compile(r"(?<![a-z0-9])(?:xs|s|m|l|ll|xl)(?:[\s/・,、]+(?:xs|s|m|l|ll|xl))+"
                       r"(?![a-z0-9])")


# Two things joined by + and sold as one set: MX Master 3 + MX Keys セット (not SPF50+)
_JOINING_PLUS = r"(?<!spf)(?<!spf\d\d)(?<!pa)(?<![+\d])\+"
_PLUS_SET = _k(rf"(\S*)\s*{_JOINING_PLUS}\s*(.*?)\s(?:\d+[本個点枚]\s?)?(?:セット|まとめ)")
_PLUS_JOIN = re.compile(_JOINING_PLUS)
_SET_WORD = re.compile(r"[^\s+()\[\]【】、,/]+")


# What a reference of a line is sold with, as its own item: the main unit with the refill,
# the game with its guide book
_OTHER_HALF = {"本体": "refill", fold_kana("ソフト"): "guide"}


def _named_in(word: str, text: str) -> bool:
    """Whether ``word`` is a word of ``text`` or a compound's last part (純正カバー's カバー),
    not the first part of a compound that names something else (カプセル式コーヒーメーカー).
    A Latin word or code is compared without its hyphens."""
    if not _KANA_OR_KANJI.search(word):
        return word in text or _compact(word) in _compact(text)
    at = text.find(word)
    while at >= 0:
        if not _KANA_OR_KANJI.match(text, at + len(word)):
            return True
        at = text.find(word, at + 1)
    return False


_KANA_OR_KANJI = re.compile(r"[ぁ-ゖー一-鿿々]")


def _bundle(ref: _Reference, lst: _Parsed) -> str | None:
    """The word of a "A + B セット" listing that is not the reference (B, or A before the +),
    or None: a main unit with its own accessory (本体＋純正カバー セット) is the product."""
    for m in _PLUS_SET.finditer(lst.text):
        before, after = m.group(1), m.group(2)
        main = "本体" in lst.text[:m.start(2)]
        for word in [before, *_SET_WORD.findall(after)]:
            if word in _OTHER_HALF and _OTHER_HALF[word] in ref.parsed.lines and (
                    word not in ref.parsed.text):  # 本体＋つけかえ用 for the refill
                return lst.show(m)
            if (len(word) < 2 or re.fullmatch(r"[\d.×x]+\S*", word)
                    or _named_in(word, ref.parsed.text)  # not カプセル of カプセル式
                    or sounds_in(word, ref.parsed.text)
                    or word in _SELLER_WORDS or _SELLER_TALK.fullmatch(word)
                    or (main and _ACCESSORY_VOCABULARY.regex.search(word))):
                continue
            return lst.show(m)
    return None


# A sealed box of trading cards, and what is sold out of one: loose packs, a single card by
# its rarity (SAR, SEC) or its grade (PSA10)
_CARDS = _k(r"カード|ポケカ|card|tcg")
_SEALED_BOX = _k(r"(?<![a-z])box(?![a-z])|ボックス")
_LOOSE_PACKS = _k(r"\d+\s*パック(?!入)|(?<![ぁ-ゖァ-ヺー])バラ(?:売り)?(?![ぁ-ゖァ-ヺー])")
_SINGLE_CARD = re.compile(r"(?<![a-z0-9])(?:sar|sec|ssr|sr|ur|ar|csr|chr|hr|psa\s?\d+)(?![a-z0-9])")


def _card_box_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """Packs or a single card out of the sealed box the reference is (ポケカ バイオレットex
    5パック バラ, リザードンex SAR for the BOX): not the box."""
    if not (_matches(_SEALED_BOX, ref.whole_text) and _matches(_CARDS, ref.whole_text)) or (
            _SEALED_BOX.search(lst.text)):
        return
    if single := _SINGLE_CARD.search(lst.text):
        verdict.reject(MatchKind.LOT, f"a single card ({lst.show(single)}), not the sealed box")
    elif packs := _LOOSE_PACKS.search(lst.text):
        verdict.reject(MatchKind.LOT, f"loose packs ({lst.show(packs)}), not the sealed box")


def _lot_rules(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    _card_box_rule(ref, lst, verdict)
    if lst.quantity >= 2 and (sizes := _SIZE_RUN.search(lst.text)) and not _SIZE_RUN.search(
            ref.parsed.text) and len(set(re.split(r"[\s/・,、]+", sizes.group()))) >= 2:
        verdict.reject(MatchKind.LOT, f"a set of sizes ({lst.show(sizes)}), not copies of one")
        return
    if (_SET in lst.text and (sizes := _KANJI_SIZES.search(lst.text))
            and not _matches(_KANJI_SIZES, ref.parsed.text)):  # しょうゆさし 大・小 セット
        verdict.reject(MatchKind.LOT, f"a set of sizes ({lst.show(sizes)}), not copies of one")
        return
    if ref.is_game and "本体" not in ref.parsed.display:
        console = _MAIN_UNIT.search(lst.text)
        if console:
            verdict.reject(MatchKind.LOT, f"a console sold with the game ({lst.show(console)})")
            return
    if ref.is_accessory and "本体" in lst.display and "本体" not in ref.parsed.display:
        for word, m in _ACCESSORY_VOCABULARY.matches(lst.text):
            if word in ref.accessories and (_WITH.match(lst.text[m.end():].lstrip())
                                            or "+" in lst.text[max(0, m.start() - 12):m.start()]):
                verdict.reject(MatchKind.LOT, f"a main unit sold with the product "
                                              f"({lst.show(m)}付き)")
                return
    bundle = _bundle(ref, lst) if not _PLUS_JOIN.search(ref.parsed.text) else None
    if bundle:
        verdict.reject(MatchKind.LOT, f"sold as a set with another product ({bundle})")
        return
    own_and = "&" in ref.parsed.text  # ゲーム&ウオッチ, Wood Sage & Sea Salt: its own &
    if "+" not in ref.parsed.text:
        for m in _PLUS.finditer(lst.text):
            if own_and and "&" in m.group():
                continue
            following = lst.text[m.end():].split()[:1]
            words = [m.group(1), *(w for w in following if not w.isascii()
                                   and not re.match(r"[×x]?\d", w))]  # ×2本: a count
            if all(added in ref.parsed.text or _compact(added) in ref.parsed.compact
                   or sounds_in(added, ref.parsed.text) or _NOT_A_PRODUCT.search(added)
                   or _ACCESSORY_VOCABULARY.regex.search(added)
                   or (_AFTER_NAME_OK.fullmatch if added == m.group(1)  # + リップティント
                       else _AFTER_NAME_OK.search)(added)  # 動作良好
                   for added in words if len(added) >= 3):
                continue  # 桃鉄ワールド＋桃鉄 昭和平成令和も定番: the second game
            verdict.reject(MatchKind.LOT, f"sold with another product ({lst.show(m)})")
            return
        for m in _WORK_BEFORE_PLUS.finditer(lst.text):  # ブレスオブザワイルド + ゼルダ無双 …
            main = m.group(1)
            if own_and and "&" in m.group():
                continue
            if not (main in ref.parsed.text or _compact(main) in ref.parsed.compact
                    or sounds_in(main, ref.parsed.text) or _NOT_A_PRODUCT.search(main)
                    or _AFTER_NAME_OK.search(main) or _PLATFORM_LEXICON.find(
                        lst.show(m, 1).casefold())):
                verdict.reject(MatchKind.LOT, f"sold with another product ({lst.show(m)})")
                return
        for m in _BEFORE_PLUS.finditer(lst.text):  # EOS R10 ボディ + RF50mm: the lens with a body
            main = m.group(1)
            if own_and and "&" in m.group():
                continue
            if re.search(r"(?:spf\d*|pa)$", main) or _colours(lst.show(m, 1).split()[-1]):
                continue  # SPF50+, PA++, ブラック&ブラス (a colour pair)
            if not (main in ref.parsed.text or _compact(main) in ref.parsed.compact
                    or (all(w in ref.parsed.text for w in main.split())  # Z5 ボディ +予備
                        and _ACCESSORY_VOCABULARY.regex.search(  # バッテリー: a spare part
                            lst.text[m.end(1):].lstrip(" +&").split(" ", 1)[0]))
                    or _NOT_A_PRODUCT.search(main) or _ACCESSORY_VOCABULARY.regex.search(main)
                    or _PLATFORM_LEXICON.find(lst.show(m, 1).casefold())):
                verdict.reject(MatchKind.LOT, f"sold with another product ({lst.show(m)})")
                return
    for cls in ("volume", "weight"):  # 240ml 160ml: two sizes, one of them ours
        ours, theirs = ref.parsed.specs.get(cls, set()), lst.specs.get(cls, set())
        if len(ours) == 1 and ours < theirs:
            verdict.reject(MatchKind.LOT, f"sizes of more than one product ("
                                          f"{', '.join(f'{v:g}' for v in sorted(theirs))})")
            return
    for m in _LOT.finditer(lst.text):
        before = {w for w, _ in _ACCESSORY_VOCABULARY.matches(lst.text[max(0, m.start() - 8):
                                                                         m.start()])}
        if before and not before & ref.accessories:
            continue  # ノズル3種: the accessories that come with it (amiibo 3体: three amiibo)
        if m.group().startswith(_COMPLETE) and _COMPLETE in ref.parsed.text:
            continue  # コンプリート of a コンプリートエディション
        if m.group() == _BUNDLED_EDITION and _BUNDLED in ref.parsed.text:
            continue  # 同梱版 of a reference that says what it comes with (1個同梱)
        if (m.group() in ref.lots  # or 9点セット for a reference of 9点
                or any(_digits(m.group()) == _digits(lot) != "" for lot in ref.lots)
                or ((_COPIES.fullmatch(m.group().strip()) or _BULK.fullmatch(m.group()))
                    and _copies(ref, lst))):  # 同じ本2冊 まとめて: copies of the book
            continue
        copies = not ref.is_game or lst.quantity == 2 or bool(_SAME.search(lst.text))
        if ((ref.is_game or _SAME.search(lst.text)) and copies
                and m.group().startswith(fold_kana("ソフト"))
                and m.group().endswith("本")):
            continue  # ソフト 2本セット of a game: two copies of it (the quantity)
        named_else = _FIGURES in m.group() and any(  # マリオ ルイージ 2体セット
            not w.isdigit() for w in _unexplained(ref, lst))
        if (_BULK.fullmatch(m.group()) and lst.quantity > 1 and not _OTHER_KIND.search(lst.text)
                and not lst.volumes - ref.parsed.volumes and not lst.colours - ref.parsed.colours
                and (ref.is_game or _SOFT not in lst.text) and not named_else
                and not (ref.is_game and (m.group() == _SOLD_IN_BULK or not copies))
                and not (m.group() == _SOLD_IN_BULK  # ガンダム ザク まとめ売り 2体: figures
                         and any(w.endswith(_FIGURE) for w in lst.quantity_words))):
            continue  # ×3個 まとめ: three of the product, bought in bulk
        if _FIGURES in m.group() and lst.quantity > 1 and not named_else:
            continue  # amiibo マリオ 2体セット: two of the figure, nothing else named
        verdict.reject(MatchKind.LOT, f"a lot or bundle of different things ({lst.show(m)})")
        return


@functools.lru_cache(maxsize=512)
def _spelled(model: str) -> re.Pattern[str]:
    return re.compile(r"[\s\-/.・()]*".join(re.escape(c) for c in model))


def _written(model: str, lst: _Parsed) -> bool:
    """Whether a listing writes the model, not a longer one: GR III in GR IIIx is not, and
    X100V in X100VI is not; RF50mm F1.8 STM before AF不良 is."""
    if not model or model not in lst.compact:
        return False
    for m in _spelled(model).finditer(lst.text):
        after = lst.text[m.end():m.end() + 1]
        before = lst.text[m.start() - 1:m.start()] if m.start() else ""
        if before.isascii() and before.isalnum():
            continue  # K295GP inside MK295GP
        if after.isascii() and after.isalpha() and model[-1].isdigit() and not (
                lst.text[m.end() + 1:m.end() + 2].isascii()
                and lst.text[m.end() + 1:m.end() + 2].isalnum()):
            continue  # Core 300S, FDR-AX45A: one letter glued on names another model
        if not (after.isascii() and after.isalnum() and after.isdigit() == model[-1].isdigit()):
            return True
    return False


def _runs_on(code: str, shorter: str) -> bool:
    """Whether a model number goes on where another's number ends: X-T50 after X-T5."""
    return (len(shorter) >= 3 and code != shorter and code.startswith(shorter)
            and shorter[-1].isdigit() and code[len(shorter)].isdigit())


def _one_letter_apart(code: str, reference: str) -> bool:
    """Model numbers a glued letter apart: ZE3000 and E3000, Ryzen 5600 and 5600X.

    >>> _one_letter_apart("ze3000", "e3000"), _one_letter_apart("5600", "5600x")
    (True, True)
    >>> _one_letter_apart("ew-m754t", "ew-m754tw")  # W: the white one
    False
    """
    cl, cr = _compact(code), _compact(reference)
    short, long = sorted((cl, cr), key=len)
    if len(short) < 4 or len(long) != len(short) + 1 or not any(c.isdigit() for c in short):
        return False
    if long.endswith(short) and long[0].isalpha() and short[0].isalpha():
        return True  # ZE3000 for E3000
    return (long.startswith(short) and long[-1].isalpha() and short[-1].isdigit()
            and long[-1] not in _COLOUR_LETTERS and long[-1] not in _GLUED_COLOUR_LETTERS)


# What a listing's code is for, not what it is: ZV-E10に, LGA1700/AM5 取付金具, 対応
_FOR_ANOTHER = _k(rf"\s*(?:{FITS_WORDS}|取付|取り付け|から|付き|付属)")
_UNIT_END = re.compile(r"\d(?:gb|tb|mb|mm|cm|ml|mah|hz|kg)$")
_APPLE_NUMBER = re.compile(r"a\d{4}")  # A2305: Apple's regulatory model number


def _names_another(code: str, ref: _Reference, lst: _Parsed) -> bool:
    """Whether a listing's code, where the listing names none of the reference's, is
    another product's model number (KI-RS50-W for KC-R50-W), not a spec (SSD256GB), a
    generation of the name (mini6), a list of what it fits, or Apple's A-number."""
    compact = _compact(code)
    if (len(compact) < 4 or not _is_product_code(compact) or "/" in code
            or _UNIT_END.search(compact) or _APPLE_NUMBER.fullmatch(compact)):
        return False
    if len(compact) == 4 and any(re.search(rf"(?<!\d){n}(?!\d)", ref.parsed.text)
                                 for n in re.findall(r"\d+", compact)):
        return False  # QC45 of QuietComfort 45, a7c2 of α7C II: the name, shortened
    lead = re.match("[a-z]*", compact)
    if lead and len(lead.group()) >= 3 and lead.group() in ref.uncoded_text:
        return False  # iPad mini6: the name's word, then its generation (TCF8GM23 is a code)
    at = lst.text.find(code)
    return at < 0 or not _FOR_ANOTHER.match(lst.text, at + len(code))


def _model_rules(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> str | None:
    """Model numbers; returns the reference's model (or title code) the listing names."""
    named = next((x for x in ref.models if _written(_compact(x), lst)), None) or next(
        (m for code in lst.codes for m in ref.models
         if _compatible(code, m, ref.parsed.compact)), None)
    if named and not _written(_compact(named), lst):  # SV12 of SV12FF, then its own letters
        model = _compact(named)
        for code in lst.codes:
            start = _compact(code)
            suffix = re.search(rf"(?<![a-z0-9]){re.escape(start)}\s+([a-z]{{2,4}})(?![a-z0-9])",
                               lst.text) if model.startswith(start) and model != start else None
            if (suffix and not model.endswith(suffix.group(1))
                    and suffix.group(1) not in ref.parsed.text):
                verdict.reject(MatchKind.MODEL_CONFLICT, f"model number {start}"
                                                         f"{suffix.group(1)} is not {model}")
                return None
    for code in lst.codes:
        apart = next((r for r in ref.codes if _one_letter_apart(code, r)), None)
        if apart and not named:
            verdict.reject(MatchKind.MODEL_CONFLICT,
                           f"model number {_compact(code)} is not {_compact(apart)}")
            return named
        longer = next((r for r in map(_compact, ref.codes) if _runs_on(_compact(code), r)
                       or _runs_on(r, _compact(code))), None)
        if longer and not named:  # X-T50 for X-T5, or X-T5 for X-T50
            verdict.reject(MatchKind.MODEL_CONFLICT,
                           f"model number {_compact(code)} is not {longer}")
            return named
        if any(_compact(code) == _compact(r) for r in ref.codes) or (named and any(
                _compact(r).startswith(_compact(code)) for r in ref.models)):
            continue  # ZV-1 of ZV-1 II; G502X beside G502XWL-PLSBK
        family = [r for r in ref.codes if _same_family(code, r)]
        if not family:
            continue
        # the most specific of the reference's codes decides: M650LGR is of the series M650
        # but not the model M650MGR
        family = [r for r in family if not any(
            len(_compact(o)) > len(_compact(r)) and _compact(o).startswith(_compact(r))
            for o in family)]
        if any(_compatible(code, r, ref.parsed.compact) for r in family):
            named = named or next((r for r in ref.models if _compact(code) == _compact(r)
                                   or _compatible(code, r, ref.parsed.compact)), None)
            continue
        if (_compact(family[0]).startswith(_compact(code))
                and _written(_compact(family[0]), lst)):
            continue  # XF23mm F2 R WR: the start of XF23mmF2 R, spaced out
        verdict.reject(MatchKind.MODEL_CONFLICT,
                       f"model number {_compact(code)} is not {_compact(family[0])}")
        return named
    if not named and ref.models and not any(_compact(c) in ref.whole_compact for c in lst.codes):
        other = next((c for c in lst.codes if _names_another(c, ref, lst)), None)
        if other:  # KI-RS50-W for KC-R50-W, CSP601 for HGC9S: another product's number
            verdict.reject(MatchKind.MODEL_CONFLICT, f"model number {_compact(other)} is not "
                                                     f"{_compact(ref.models[0])}")
            return named
    if named and not ref.parsed.generations:
        mark = re.search(rf"(?<![a-z0-9]){re.escape(_compact(named))}\s*第(\d)世代", lst.text)
        if mark and int(mark.group(1)) >= 2:  # Z5II (z5 第2世代) is not the Z5
            verdict.reject(MatchKind.VOLUME_CONFLICT,
                           f"generation {mark.group(1)} of {_compact(named)} "
                           f"({lst.show(mark)}), where the reference is the first")
            return named
    if not named and ref.parsed.generations & lst.generations:  # ZV-1 II for ZV-1M2 (ZV-1 II)
        named = next((r for c in lst.codes for r in ref.codes if _compact(c) == _compact(r)),
                     None)
    return named


# A colour named with a word before its base colour: ピンクベージュ, ミッドナイトブラック.
_COLOUR_NAME = re.compile(r"(?<![ァ-ヺー])[ァ-ヺー]{2,6}(?:ホワイト|ブラック|ベージュ|ブルー|"
                          r"レッド|ピンク|グリーン|グレー|グレイ|ブラウン|オークル|イエロー|パープル|"
                          r"ネイビー|シルバー|ゴールド|オレンジ|チタニウム)")  # ブルーチタニウム


_MATERIAL = re.compile(r"([ァ-ヺー一-鿿a-z]{2,8})製(?!作|造)")  # not 宮崎製作所
_COUNTRY = re.compile(r"日本|国内|国産|海外|中国|韓国|台湾|ベトナム|タイ|アメリカ|米国|ドイツ|"
                      r"フランス|"
                      r"イタリア|イギリス|英国|スイス|インド|メーカー|純正|自社|公式")


# A material a listing names without 製
_BARE_MATERIAL = re.compile(r"(?<![ァ-ヺー])(プラスチック|ガラス|ステンレス|シリコーン|シリコン|"
                            r"アルミ)(?![ァ-ヺー])")


def _materials(parsed: _Parsed) -> set[str]:
    """What a title says the thing is made of (プラスチック製, ガラス製), not where (日本製)."""
    return {"プラスチック" if m.group(1) == "プラ" else m.group(1)  # プラ製 is プラスチック製
            for m in _MATERIAL.finditer(parsed.display) if not _COUNTRY.search(m.group(1))}


# A limited edition a listing names (限定モデル, 限定カラー, コラボモデル), and the words of a
# reference that is one of some kind (限定, Collector's Edition, 特装版)
_LIMITED = _k(r"限定(?:モデル|版|カラー|デザイン|エディション|仕様)|特別(?:モデル|仕様)|"
              r"コラボ(?:モデル)?")
_EDITION_WORDS = _k(r"限定|エディション|edition|特装|初回|コレクター|collector|プレミアム|premium|"
                    r"box|ボックス|コラボ|特別|記念|仕様")
# Kinds of one product that exclude each other: a keyboard's layout and size, a granule's size, and
# (for pet food only) a life stage
_KINDS = (
    {"日本語配列": _k(r"日本語\s?配列|日本語キー|(?<![a-z])jis(?:配列)?(?![a-z])|かな印字"),
     "英語配列": _k(r"英語\s?配列|英字\s?配列|(?<![a-z])us(?:配列)?(?![a-z])|ansi")},
    {"テンキーレス": _k(r"テンキーレス|(?<![a-z])tkl(?![a-z])"),
     "フルサイズ": _k(r"フルキーボード|フルサイズキーボード|テンキー付")},
    # what a pen is: the line's ballpoint is not its mechanical pencil (ロットリング 600)
    {"ボールペン": _k(r"(?<!多機能)ボールペン"),
     "シャープペンシル": _k(r"シャープペン(?:シル)?|シャーペン|メカニカルペンシル"),
     "万年筆": _k(r"万年筆")},
    # a lamp's light colour: 昼光色 is not 昼白色
    {"昼光色": _k(r"昼光色"), "昼白色": _k(r"昼白色"), "電球色": _k(r"電球色"),
     "温白色": _k(r"温白色")},
    # what a pan is: the line's one-handed pan is not its two-handed one (ジオ・プロダクト)
    {"片手鍋": _k(r"片手鍋"), "両手鍋": _k(r"両手鍋"), "フライパン": _k(r"フライパン"),
     "玉子焼き器": _k(r"玉子焼き?器?|卵焼き器|エッグパン"), "天ぷら鍋": _k(r"天ぷら鍋"),
     "ミルクパン": _k(r"ミルクパン")},
    {"大粒": _k(r"大粒"), "中粒": _k(r"中粒"), "小粒": _k(r"小粒"), "細粒": _k(r"細粒")},
    # what a piece of make-up is: a concealer of the line is not its foundation
    {"コンシーラー": _k(r"コンシーラー"), "マスカラ": _k(r"マスカラ"),
     "アイライナー": _k(r"アイライナー|(?:リキッド|ジェル|ペンシル)ライナー"),
     "アイシャドウ": _k(r"アイシャドウ|アイシャドー"), "チーク": _k(r"チーク|ブラッシュ"),
     "ファンデーション": _k(r"ファンデーション|ファンデ|メークアップ"),
     "化粧下地": _k(r"化粧下地|プライマー"), "アイブロウ": _k(r"アイブロウ|アイブロー|眉")},
    # what a skincare item is: a line's lotion is not its emulsion or serum
    {"化粧水": _k(r"化粧水|(?<![ァ-ヺー])ローション"), "乳液": _k(r"乳液|エマルジョン"),
     "美容液": _k(r"美容液|(?<![ァ-ヺー])セラム"), "クレンジング": _k(r"クレンジング"),
     "洗顔": _k(r"洗顔"), "日焼け止め": _k(r"日焼け止め"), "入浴剤": _k(r"入浴剤|バスソルト")},
    # and a nail product: the line's nail oil is not its base coat
    {"ネイルオイル": _k(r"ネイルオイル|キューティクルオイル"), "ベースコート": _k(r"ベースコート"),
     "トップコート": _k(r"トップコート"), "除光液": _k(r"除光液|リムーバー")},
    # what a home appliance is: a line's kettle is not its rice cooker (象印 STAN.)
    {"炊飯器": _k(r"炊飯器|炊飯ジャー|ライスクッカー"),
     "ケトル": _k(r"電気ケトル|ケトル|電気ポット"),
     "トースター": _k(r"トースター"), "電子レンジ": _k(r"電子レンジ|オーブンレンジ"),
     "ホットプレート": _k(r"ホットプレート"), "コーヒーメーカー": _k(r"コーヒーメーカー"),
     "ドライヤー": _k(r"ドライヤー"), "ヘアアイロン": _k(r"ヘアアイロン|ストレートアイロン"),
     "掃除機": _k(r"掃除機"), "加湿器": _k(r"加湿器"), "空気清浄機": _k(r"空気清浄機"),
     "扇風機": _k(r"扇風機"), "サーキュレーター": _k(r"サーキュレーター")},
    {"子犬": _k(r"子犬|パピー|puppy"), "成犬": _k(r"成犬|アダルト"),
     "シニア犬": _k(r"高齢犬|シニア|老犬|エイジングケア|\d+歳以上|(?<![\d.a-z])(?:[7-9]|1\d)\+"),
     "体重管理": _k(r"体重管理|(?<![ァ-ヺー])ライト(?![ァ-ヺー])|減量")},
    {"子猫": _k(r"子猫|キトン|kitten"), "成猫": _k(r"成猫"),
     "高齢猫": _k(r"高齢猫|シニア猫|\d+歳以上の猫")},
)
_PET_KINDS = 2  # the last two classes of _KINDS are life stages
# A model named by a letter, a dot and three digits: Knirps T.220
_DOTTED_MODEL = re.compile(r"(?<![a-z0-9])([a-z])\.(\d{3})(?!\d)")
# A set of colours the reference is: サラサクリップ 10色セット
_COLOUR_SET = _k(r"(?<!\d)(?:[2-9]|[1-9]\d)色\s?(?:セット|パック|組)")
# A foundation's shade: オークル10, ピンクオークル10 and ベージュオークル10 are three
_OCHRE_WORD = fold_kana("オークル")
_OCHRE = re.compile(rf"(?<![ぁ-ゖー])([ぁ-ゖー]*){_OCHRE_WORD}\s?(\d{{1,2}})(?!\d)")


# A towel's kind: a listing that names another (alone or with the reference's) is not it
_TOWELS = {"バスタオル": _k(r"バスタオル"), "フェイスタオル": _k(r"フェイスタオル"),
           "ハンドタオル": _k(r"ハンドタオル"), "ウォッシュタオル": _k(r"ウォッシュタオル"),
           "スポーツタオル": _k(r"スポーツタオル"), "バスマット": _k(r"バスマット")}


_PET = _k(r"犬|猫|ドッグ|キャット|ペット|dog|cat")


def _kinds(kinds: dict[str, re.Pattern[str]], text: str) -> set[str]:
    """The kinds of one class a (folded) title names."""
    return {name for name, pattern in kinds.items() if pattern.search(text)}



def _colour_names(parsed: _Parsed) -> set[str]:
    """The compound colour names of a title (オレンジベージュ is not ピンクベージュ)."""
    return {name.replace("グレイ", "グレー") for name in _COLOUR_NAME.findall(parsed.display)}


# Platforms whose games are remakes of older ones often enough that a seller says so
_REMAKE_PLATFORMS = frozenset({"ps5", "ps4", "switch", "switch2", "xboxone"})
# An ordinal after a game's name: 2nd, 3rd (a sequel; lp.generations also holds 20th and III,
# which a game's listing uses for anniversaries and collections)
_GAME_ORDINAL = re.compile(r"(?<![a-z\d])([2-9])(?:nd|rd|th)(?![a-z])(?!\s*(?:edition|anniv))")
_GENERATION_SAID = re.compile(r"世代|(?<![a-z])gen\s?\d")
# A reference that says 2 or II anywhere, or its year, may be the second generation itself
_SECOND_SAID = re.compile(r"(?<![\d.])2(?![\d.])|ii(?![a-z])|二|20\d\d")


def _number(volumes: set[int]) -> str:
    """The smallest volume number as written (上 and 下 for the parts of a work)."""
    first = min(volumes)
    return next((k for k, v in PART_NUMBERS.items() if v == first), str(first))


_CARRIER = _k(r"(?:docomo|ドコモ|(?<![a-z])au|softbank|ソフトバンク|楽天モバイル|y!?\s*mobile|"
              r"ワイモバイル|uq\s*mobile)\s*(?:版|モデル)")  # docomo購入 (an iPhone) is not
_SIM_FREE = fold_kana("simフリー")
_NORMAL_EDITION = fold_kana("通常版")
_STANDARD = fold_kana("スタンダード")  # スタンダードエディション is the normal one
# A version glued to a name: EX4.0 (a unit after it makes it a size: F2.8mm, 6.1インチ)
_DECIMAL_CODE = re.compile(r"(?<![a-z0-9])([a-z]{1,3})\s?(\d{1,2}\.\d)(?![\d.])"
                           r"(?!\s*(?:mm|cm|ml|g|kg|l|w|v|インチ|型))")
# A budget reprint of a game: PlayStation Vita the Best, アルティメットヒッツ, PlayStation Hits
_REPRINT = _k(r"the\s*best|アルティメットヒッツ|ultimate\s*hits|playstation\s*hits|"
              r"greatest\s*hits|best\s*版|廉価版|ベスト版|ハッピープライス|"
              r"ps\s?one\s?books|バリューセレクション|value\s?selection")  # PS1's, Nintendo's
# A version named after a character or a work: ドラえもん版 (not パッケージ版, 日本語版)
_NAMED_VERSION = re.compile("(?<![ぁ-ゖー])([ぁ-ゖー]{3,})版")
_SET_VERSION = fold_kana("セット")  # セット版: a game sold with its extension
_PLAIN_VERSION = re.compile("ぱっけーじ|だうんろーど|すたんだーど|にほんご|でらっくす|"
                            "ぐろーばる|あじあ|あめりか|いぎりす|ふらんす|どいつ|ちゅうごく|"
                            "かんこく|そふと|でぃすく|かーど|ぷれみあむ|りにゅーある|"
                            "りみてっど|ここ|こちら|ぱーふぇくと|かんぜん|かばー|日本|英語|"
                            "通常|国内|海外|北米|欧州|最新|初期|後期|新|旧")
# A game's one-kanji version (ポケットモンスター 金, 銀), a named one, a named kit
_KANJI_VERSION = re.compile(r"(?<![一-鿿々])(金|銀|赤|緑|青|黄|白|黒)(?![一-鿿々ぁ-ゖ])")
_NAMED_KANA_VERSION = re.compile(r"(?<![ぁ-ゖー一-鿿々])([ぁ-ゖー一-鿿々]{3,})\s?ばーじょん")
_COMBO = re.compile(r"([ぁ-ゖー]{3,}|[a-z]{3,}(?:\s[a-z]{3,})?)\s?(?:こんぼ|combo)")
# A variant named by its kind: ルイージセット for マリオセット, うるおいなめらかタイプ for
# すっきりさらさらタイプ, まぐろ味 (not 編: 上田惇生 編 is an editor)
_NAMED_KIND = _k(r"([ぁ-ゖー一-鿿々]{2,10})\s?(タイプ|セット|味|仕様|の章)")
_PLAIN_KIND = _k(r"お得|お試し|ギフト|本体|基本|まとめ|豪華|特別|通常|限定|新|旧|同|同梱|付属")
# A variant named in brackets: マスカラ EX (ロング), (ボリューム)
_PAREN_VARIANT = re.compile(r"\(([ぁ-ゖー]{3,8})\)")
_SQUARE_VARIANT = re.compile(r"\[([ぁ-ゖー]{3,8})\]")  # 4D Plus [ストレート]
_WIFI = re.compile(r"wi-?fi(?:\s*(?:モデル|model))?(?!\s*(?:対応|接続|で))")
_CELLULAR = re.compile(r"cellular|せるらー|(?<![a-z])lte(?![a-z])")


def _links(text: str) -> set[str]:
    """How a device connects, as the title says its model: Wi-Fi, Cellular (LTE)."""
    return ({"Wi-Fi"} if _WIFI.search(text) else set()) | (
        {"Cellular"} if _CELLULAR.search(text) else set())


_EXPANSION = _k(r"拡張(?:版|セット|パック|カード|キット)|expansion")  # カタン 5-6人用拡張版
_UNSCENTED = _k(r"無香性|無香料|無香(?!水)|香りなし")  # against せっけんの香り
_VERSION = _k(r"(?<![a-z])[a-z]\s*(?:version|ver(?![a-z])\.?|バージョン)")  # Z Version
# A named edition: BLACK BOX EDITION, Game of the YoRHa Edition, デラックスエディション
_NAMED_EDITION = re.compile(r"([a-z]{2,}|[ぁ-ゖー]{3,}|[一-鿿々]{2,})[\s・]*"
                            r"(?:edition|えでぃしょん)")
_PLAIN_EDITION = re.compile(r"standard|すたんだーど|通常|digital|でじたる|the|of")


def _edition_names(text: str) -> list[str]:
    return [m.group(1) for m in _NAMED_EDITION.finditer(text)
            if not _PLAIN_EDITION.fullmatch(m.group(1))]


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())
_OF_TITLE = re.compile("[のと][ぁ-ゖー一-鿿々]{2,}")
_TITLE_OF = re.compile(r"[ぁ-ゖー一-鿿々]{2,6}の\d*$")


def _says_roman(text: str, number: int) -> bool:
    """Whether a (folded) title writes ``number`` in Roman numerals (ファイナルファンタジーVII-)."""
    return 0 < number < len(_ROMAN_NUMERALS) and re.search(
        rf"(?<![a-z]){_ROMAN_NUMERALS[number]}(?![a-z])", text) is not None


def _listed(names: set[str]) -> str:
    return "/".join(sorted(names)).upper()
_KANA_ONLY = re.compile("[ぁ-ゖー]+")
_SECOND_CODE = re.compile(r"\s+([a-z]{1,3}\d{0,2})(?![a-z0-9-])")


@dataclass(frozen=True)
class _OwnVersions:
    """What the reference's title says of its version, edition and kit: read once per title,
    not once per listing."""

    decimal: dict[str, str]  # ex: 4.0 of EX4.0
    reprint: bool  # the Best
    expansion: bool  # 拡張版
    kanji: frozenset[str]  # 金 of ポケットモンスター 金
    combos: frozenset[str]  # すたんだーど of スタンダードコンボ
    kinds: dict[str, frozenset[str]]  # {せっと: {まりお}} of マリオセット
    set_parts: frozenset[str]  # りふぃる of 本体+リフィル, そーさー of ティーカップ&ソーサー
    grades: frozenset[str]  # 準2級
    ad_free: bool  # 広告なし
    fragrance: bool  # 香水, EDP: a listing's メンズ/ウーマン names another product
    body_care: bool  # オイル, ソープ: a listing's ボディ says where it goes
    parens: frozenset[str]  # ろんぐ of (ロング), not a reading (エコーポップ) or a colour
    links: frozenset[str]  # Wi-Fi, Cellular
    letter_version: bool  # Z version
    unscented: str | None  # 無香性, as written
    editions: tuple[str, ...]  # よるは of Game of the YoRHa Edition
    deluxe: bool  # …DX glued to the name


@functools.lru_cache(maxsize=256)
def _own_versions(text: str, display: str, whole: str,
                  readings: tuple[tuple[str, str], ...]) -> _OwnVersions:
    """The reference's :class:`_OwnVersions` (``readings``: each katakana reading and the Latin
    words it reads)."""
    heard = {reading for reading, latin in readings if sound_key(reading) == sound_key(latin)}
    unscented = _UNSCENTED.search(text)
    return _OwnVersions(
        decimal={m.group(1): m.group(2) for m in _DECIMAL_CODE.finditer(text)},
        reprint=bool(_REPRINT.search(text)), expansion=bool(_EXPANSION.search(text)),
        kanji=frozenset(m.group(1) for m in _KANJI_VERSION.finditer(text)),
        combos=frozenset(m.group(1) for m in _COMBO.finditer(text)),
        kinds=_named_kinds(text),
        set_parts=frozenset(
            [part for pair in _PAIR_PART.findall(text) for part in pair]
            + (_SET_PART.findall(text) if _MAIN_UNIT_WORD in text else [])
            + [text[m.start(g):m.end(g)] for m in _WITH_PART.finditer(display)
               for g in (1, 2) if m.group(g)]),
        grades=_grades(text), ad_free=bool(_AD_FREE.search(text)),
        fragrance=bool(_FRAGRANCE.search(text)), body_care=bool(_BODY_CARE.search(text)),
        parens=frozenset(m.group(1) for m in [*_PAREN_VARIANT.finditer(text),
                                              *_SQUARE_VARIANT.finditer(whole)]
                         if m.group(1).replace("ー", "") not in heard and not _colours(m.group(1))),
        links=frozenset(_links(whole)), letter_version=bool(_VERSION.search(text)),
        unscented=display[unscented.start():unscented.end()].strip() if unscented else None,
        editions=tuple(_edition_names(text)),
        deluxe=any(m.group(2) == "dx" for m in _GLUED_SUFFIX.finditer(text)))


_NTH_OF_SERIES = re.compile(r"第\s*(\d{1,2})\s*弾")


def _grades(text: str) -> frozenset[str]:
    """An exam book's grades, spaces removed: {'準2級'}."""
    return frozenset(m.group().replace(" ", "") for m in _GRADE.finditer(text))


def _named_kinds(text: str) -> dict[str, frozenset[str]]:
    """The variants a (folded) title names by kind: {'せっと': {'まりお'}} for マリオセット."""
    kinds: dict[str, set[str]] = {}
    for m in _NAMED_KIND.finditer(text):
        if not _PLAIN_KIND.fullmatch(m.group(1)):
            kinds.setdefault(m.group(2), set()).add(m.group(1))
    return {kind: frozenset(heads) for kind, heads in kinds.items()}


def _own(ref: _Reference) -> _OwnVersions:
    return _own_versions(ref.parsed.text, ref.parsed.display, ref.whole_text,
                         tuple((reading, " ".join(latin)) for reading, latin in ref.readings))


def _version_rules(ref: _Reference, lst: _Parsed, verdict: _Verdict, own: _OwnVersions) -> None:
    """Another version, edition, kit or variant of the same name: EX3.0 for EX4.0, the Best,
    ドラえもん版, 拡張版, 銀 for 金, クリスタルバージョン, アドベンチャーコンボ, (ボリューム) for
    (ロング), an LTE model for a Wi-Fi one, Z version."""
    rp, lp = ref.parsed, lst
    ours_v = own.decimal
    for m in _DECIMAL_CODE.finditer(lp.text):  # EX3.0 for EX4.0: another model
        if m.group(1) in ours_v and ours_v[m.group(1)] != m.group(2):
            verdict.reject(MatchKind.VARIANT_CONFLICT, f"{lp.show(m)}, not "
                                                       f"{m.group(1).upper()}{ours_v[m.group(1)]}")
            break
    reprint = _REPRINT.search(lp.text)
    if reprint and not own.reprint:
        verdict.reject(MatchKind.LINE_CONFLICT, f"a budget reprint ({lp.show(reprint)}), not "
                                                f"the original release")
    for m in _NAMED_VERSION.finditer(lp.text):
        if m.group(1) == _SET_VERSION and "+" in rp.text:
            continue  # セット版 of ポケモン バイオレット + ゼロの秘宝: the reference is the set
        if m.group(1) not in rp.text and not _PLAIN_VERSION.fullmatch(m.group(1)):
            verdict.reject(MatchKind.LINE_CONFLICT, f"another version ({lp.show(m)})")
            break
    expansion = _EXPANSION.search(lp.text)
    if expansion and not own.expansion:
        verdict.reject(MatchKind.LINE_CONFLICT, f"an expansion ({lp.show(expansion)}), not the "
                                                f"product itself")
    if ref.is_game:
        ours_kanji = own.kanji
        theirs_kanji = {m.group(1) for m in _KANJI_VERSION.finditer(lp.text)}
        if ours_kanji and theirs_kanji - ours_kanji and not theirs_kanji & ours_kanji:
            verdict.reject(MatchKind.LINE_CONFLICT, f"the {'/'.join(sorted(theirs_kanji))} "
                                                    f"version, not {'/'.join(sorted(ours_kanji))}")
    for m in _NAMED_KANA_VERSION.finditer(lp.text):  # クリスタル, 振動パック対応バージョン
        if m.group(1) not in rp.text and not _PLAIN_VERSION.search(m.group(1)):
            verdict.reject(MatchKind.LINE_CONFLICT, f"another version ({lp.show(m)})")
            break
    ours_combo = own.combos
    for m in _COMBO.finditer(lp.text) if ours_combo else ():  # アドベンチャーコンボ
        last = m.group(1).split()[-1]  # Pro standard combo: standard
        if (m.group(1) not in ours_combo and not sounds_in(m.group(1), rp.text)
                and last not in ours_combo and not sounds_in(last, rp.text)):
            verdict.reject(MatchKind.LINE_CONFLICT, f"another kit ({lp.show(m)})")
            break
    for kind, theirs in _named_kinds(lp.text).items() if own.kinds else ():
        ours = own.kinds.get(kind, frozenset())
        other = next((h for h in theirs if ours and not any(
            h.endswith(o) or o.endswith(h) for o in ours) and h not in rp.compact
            and not sounds_in(h, rp.text)), None)
        if other:  # ルイージセット for マリオセット
            verdict.reject(MatchKind.VARIANT_CONFLICT, f"{other}{kind}, not "
                                                       f"{'/'.join(sorted(ours))}{kind}")
            break
    ours_paren = own.parens
    for m in [*_PAREN_VARIANT.finditer(lp.text), *_SQUARE_VARIANT.finditer(lp.folded)
              ] if ours_paren else ():  # (ボリューム) for (ロング), [カール] for [ストレート]
        if (m.group(1) not in ours_paren and m.group(1) not in rp.text
                and m.group(1) not in _SELLER_WORDS and not _POOR.search(m.group(1))
                and not _colours(lp.show(m, 1).casefold())):
            verdict.reject(MatchKind.VARIANT_CONFLICT, f"{lp.show(m)}, not "
                                                       f"({'/'.join(sorted(ours_paren))})")
            break
    ours_link, their_link = own.links, _links(lp.text)
    if ours_link and their_link - ours_link:  # LTE for a Wi-Fi model
        verdict.reject(MatchKind.VARIANT_CONFLICT, f"a {'/'.join(sorted(their_link))} model, not "
                                                   f"{'/'.join(sorted(ours_link))}")
    their_version = _VERSION.search(lp.text)
    if their_version and not own.letter_version and not ref.is_book:
        verdict.reject(MatchKind.LINE_CONFLICT,  # Z version: the CERO Z edition
                       f"another version ({lp.show(their_version)})")


# Clear glass or plastic, said as a colour (カステヘルミ プレート クリア), not in a name
# (キュキュット クリア除菌, クリアケース)
_CLEAR = _k(r"(?<![^\s(（/])(?:クリア|透明|clear)(?![^\s)）/])")
_CLEAR_SAID = _k(r"クリア|透明|clear")  # in the listing, anywhere: クリアタイプ


# Specs a single product states two of: a phone's memory and storage, a pack's total and
# its bags (2.2kg (1.1kg×2袋)), a box's count and its sheets
_PAIRED_SPECS = frozenset({"storage", "weight", "volume", "pieces"})


def _spec_text(cls: str, value: float) -> str:
    """A spec's value as a title writes it (24-70mm for a zoom's focal range)."""
    if cls == "zoom":
        return f"{int(value) // ZOOM_SCALE}-{int(value) % ZOOM_SCALE}mm"
    if cls == "players":  # 5.06: five to six
        low, high = int(value), round(value * 100) % 100
        return f"{low}-{high}人" if high != low else f"{low}人"
    return f"{value:g}"


def _variant_rules(ref: _Reference, lst: _Parsed, verdict: _Verdict, named: bool,
                   own_lines: frozenset[str] = frozenset(),
                   own_platforms: frozenset[str] = frozenset()) -> None:
    """Another size, colour, number, line, platform or version. The shops' own titles of the
    product may say what its reference does not: its lines (``own_lines``: 画集 for THE ART
    OF …) and its platform (``own_platforms``: PS2 for ファイナルファンタジーXII)."""
    rp, lp = ref.parsed, lst
    for cls, values in rp.specs.items():
        listed = lp.specs.get(cls)
        if cls == "inch" and listed and all(  # 24インチ for 23.8: a screen size, rounded
                any(abs(v - w) <= 0.5 for w in values) for v in listed):
            continue
        if (listed and len(values) == 1 and len(listed) >= 2 and values < listed
                and lp.quantity > 1 and cls not in _PAIRED_SPECS):  # 16mm 30mm 56mm 3本セット
            show = ", ".join(_spec_text(cls, v) for v in sorted(listed))
            verdict.reject(MatchKind.LOT, f"a set of {cls} {show}, not {lp.quantity} of "
                                          f"{_spec_text(cls, next(iter(values)))}")
            continue
        # 6GB+128GB for 8GB+128GB: two values each, one of them another's
        if listed and (not (listed & values)
                       or len(values) > 1 < len(listed) > len(listed & values)):
            show = ", ".join(_spec_text(cls, v) for v in sorted(listed))
            want = ", ".join(_spec_text(cls, v) for v in sorted(values))
            verdict.reject(MatchKind.VARIANT_CONFLICT,
                           f"{cls} {show} differs from the reference's {want}")
    lengths = rp.specs.get("length", set())
    for size in lp.bare_sizes if len(lengths) >= 2 else ():  # 50×80 for 約45cm×60cm
        if not ({v * 10 for v in size} <= lengths or set(size) <= lengths
                or all(v * 10 in lengths or v * 1000 in lengths for v in size)):  # 30×50: cm×m
            want = ", ".join(f"{v / 10:g}" for v in sorted(lengths))
            verdict.reject(MatchKind.VARIANT_CONFLICT, f"size {'×'.join(f'{v:g}' for v in size)}"
                                                       f" differs from the reference's {want} cm")
            break
    limited = _LIMITED.search(lp.text)
    if limited and not _EDITION_WORDS.search(ref.whole_text):
        verdict.reject(MatchKind.LINE_CONFLICT, f"a limited edition ({lp.show(limited)}), where "
                                                f"the reference is the regular one")
    for kinds in _KINDS if _PET.search(rp.text) else _KINDS[:-_PET_KINDS]:
        ours_kind, theirs_kind = _kinds(kinds, rp.text), _kinds(kinds, lp.text)
        if ours_kind and theirs_kind and not ours_kind & theirs_kind:
            verdict.reject(MatchKind.VARIANT_CONFLICT, f"{'/'.join(sorted(theirs_kind))}, not "
                                                       f"{'/'.join(sorted(ours_kind))}")
            break
    ours_towel, their_towels = _kinds(_TOWELS, rp.text), _kinds(_TOWELS, lp.text)
    if ours_towel and their_towels - ours_towel:  # フェイスタオル for a バスタオル, or with it
        verdict.reject(MatchKind.VARIANT_CONFLICT, f"{'/'.join(sorted(their_towels))}, not "
                                                   f"{'/'.join(sorted(ours_towel))}")
    if ((colour_set := next(iter(_matches(_COLOUR_SET, ref.parsed.text)), None))
            and lp.colours and not _COLOUR_SET.search(lp.text)):  # 黒 10本 for 10色セット
        verdict.reject(MatchKind.VARIANT_CONFLICT, f"one colour ({'/'.join(sorted(lp.colours))}), "
                                                   f"not {_shown(ref.parsed, colour_set.group())}")
    for m in _matches(_DOTTED_MODEL, ref.parsed.text):  # Knirps T.200 for T.220
        other = re.search(rf"(?<![a-z0-9]){m.group(1)}\.(\d{{3}})(?!\d)", lp.text)
        if other and other.group(1) != m.group(2):
            verdict.reject(MatchKind.MODEL_CONFLICT,
                           f"model {lst.show(other)} is not {_shown(ref.parsed, m.group())}")
            break
    for m in _matches(_OCHRE, ref.parsed.text):  # オークル10 for ピンクオークル10, and the converse
        other = re.search(rf"(?<![ぁ-ゖー])([ぁ-ゖー]*){_OCHRE_WORD}\s?{m.group(2)}(?!\d)", lp.text)
        if other and other.group(1) != m.group(1):
            verdict.reject(MatchKind.VARIANT_CONFLICT,
                           f"shade {lp.show(other)}, not {_shown(ref.parsed, m.group())}")
            break
    ours, theirs = _colour_names(rp), _colour_names(lp)
    metal = {n for n in ours if n.endswith("チタニウム")}  # ブルーチタニウム, ナチュラルチタニウム
    if metal and {n for n in theirs if n.endswith("チタニウム")} - metal and not theirs & metal:
        verdict.reject(MatchKind.VARIANT_CONFLICT,
                       f"colour {'/'.join(sorted(theirs))} is not {'/'.join(sorted(ours))}")
    if ours and theirs and not (ours & theirs) and rp.colours & lp.colours and not ref.is_game:
        verdict.reject(MatchKind.VARIANT_CONFLICT,
                       f"colour {'/'.join(sorted(theirs))} is not {'/'.join(sorted(ours))}")
    if rp.sizes and lp.sizes and not (rp.sizes & lp.sizes):  # フリーザーバッグ L for M
        verdict.reject(MatchKind.VARIANT_CONFLICT,
                       f"size {'/'.join(sorted(lp.sizes)).upper()} is not "
                       f"{'/'.join(sorted(rp.sizes)).upper()}")
    ours_with = ref.with_items
    for m in _WITH_ITEM.finditer(lp.text):
        theirs_with = m.group(1)
        twin = next((o for o in ours_with if o != theirs_with and o[-2:] == theirs_with[-2:]
                     and not o.endswith(theirs_with) and not theirs_with.endswith(o)), None)
        if twin and theirs_with not in ours_with:  # スタンダードペン付き for プレミアムペン付き
            verdict.reject(MatchKind.VARIANT_CONFLICT,
                           f"{lp.show(m)}, where the reference comes with {twin}")
            break
    own = _own(ref)
    ours_grade, their_grade = own.grades, _grades(lp.text) if own.grades else frozenset()
    if their_grade and not ours_grade & their_grade:  # 英検準2級 for 2級
        verdict.reject(MatchKind.VARIANT_CONFLICT, f"grade {'/'.join(sorted(their_grade))}, "
                                                   f"not {'/'.join(sorted(ours_grade))}")
    if ref.is_game and (nth := _NTH_OF_SERIES.search(lp.text)) and int(nth.group(1)) >= 2 and (
            "弾" not in ref.whole_text):  # Kinect スポーツ 第2弾 (a book's 第2弾 is its number)
        verdict.reject(MatchKind.LINE_CONFLICT, f"{lp.show(nth)}, a later one of the series")
    if own.ad_free and _WITH_ADS.search(lp.text):  # Kindle 広告あり for 広告なし
        verdict.reject(MatchKind.VARIANT_CONFLICT, "with ads, where the reference is ad-free")
    ours_mount, their_mount = ref.mounts, _mounts(lp.text)
    if ours_mount and their_mount and not ours_mount & their_mount:
        verdict.reject(MatchKind.VARIANT_CONFLICT, f"the {_listed(their_mount)} mount, not "
                                                   f"{_listed(ours_mount)}")
    their_scent = _SCENT_NAME.search(lp.text)
    if (ref.scent and their_scent and not ref.scent[0].endswith(their_scent.group(1))
            and ref.scent[0] not in lp.text):
        verdict.reject(MatchKind.VARIANT_CONFLICT, f"scent {lp.show(their_scent)}, not "
                                                   f"{ref.scent[1]}")
    _version_rules(ref, lst, verdict, own)
    unscented, they_unscented = own.unscented, _UNSCENTED.search(lp.text)
    if unscented and their_scent and not they_unscented and their_scent.group(1) not in rp.text:
        verdict.reject(MatchKind.VARIANT_CONFLICT, f"scent {lp.show(their_scent)}, where the "
                                                   f"reference is {unscented}")
    elif ref.scent and they_unscented and not unscented:
        verdict.reject(MatchKind.VARIANT_CONFLICT, f"{lp.show(they_unscented)}, where the "
                                                   f"reference is {ref.scent[1]}")
    if _NORMAL_EDITION in lp.text and _NORMAL_EDITION not in rp.text and (
            _STANDARD not in rp.text) and (
            "special" in rp.lines or _VERSION.search(rp.text)):
        verdict.reject(MatchKind.LINE_CONFLICT, "the normal edition (通常版), where the reference "
                                                "is a special one")
    ours_named = own.editions
    for name in _edition_names(lp.text) if ours_named else ():
        if name not in rp.text.replace(" ", "") and not sounds_in(name, rp.text) and (
                len(sound_key(name)) >= 3 or not name.isascii()):  # a short Latin one passes
            verdict.reject(MatchKind.LINE_CONFLICT, f"the {name.upper()} edition, not the "
                                                    f"{ours_named[0].upper()} edition")
            break
    carrier = _CARRIER.search(lp.text)
    if carrier and _SIM_FREE in rp.text and not _CARRIER.search(rp.text):
        verdict.reject(MatchKind.LINE_CONFLICT, f"a carrier's model ({lp.show(carrier)}), "
                                                f"where the reference is SIM-free")
    if rp.years and lp.years and not (rp.years & lp.years):
        verdict.reject(MatchKind.VARIANT_CONFLICT,
                       f"the {min(lp.years)} edition or harvest, not {min(rp.years)}")
    materials, their_materials = _materials(rp), _materials(lp)
    if materials and not their_materials:  # 哺乳びん プラスチック for 耐熱ガラス製
        their_materials = set(_BARE_MATERIAL.findall(lp.display))
    if materials and their_materials and not any(  # 耐熱ガラス製 is ガラス製
            a.endswith(b) or b.endswith(a) for a in materials for b in their_materials):
        verdict.reject(MatchKind.VARIANT_CONFLICT,
                       f"made of {'/'.join(sorted(their_materials))}, not "
                       f"{'/'.join(sorted(materials))}")
    if len(rp.colours) >= 2 and lp.colours - rp.colours:  # ブラック×ライム for ブラック×ターコイズ
        verdict.reject(MatchKind.VARIANT_CONFLICT,
                       f"colours {'/'.join(sorted(lp.colours))} are not "
                       f"{'/'.join(sorted(rp.colours))}")
    if (len(rp.colours) == 1 and lp.quantity > 1 and rp.colours < lp.colours
            and len(colour_words := _COLOUR_LEXICON.find(lp.display.casefold())) >= 2):  # 白 黒 2個
        verdict.reject(MatchKind.LOT, f"a set of colours ({'/'.join(sorted(colour_words))}), "
                                      f"not {lp.quantity} of {'/'.join(sorted(rp.colours))}")
    if rp.colours and lp.colours and not (rp.colours & lp.colours):
        verdict.reject(MatchKind.VARIANT_CONFLICT,
                       f"colour {'/'.join(sorted(lp.colours))} is not "
                       f"{'/'.join(sorted(rp.colours))}")
    if (not rp.colours and lp.colours and (clear := _CLEAR.search(rp.text))
            and not _CLEAR_SAID.search(lp.text)):
        verdict.reject(MatchKind.VARIANT_CONFLICT,  # カステヘルミ グレー for its クリア
                       f"colour {'/'.join(sorted(lp.colours))} is not "
                       f"{_shown(rp, clear.group())}")
    platforms = rp.platforms or own_platforms
    if platforms and lp.platforms and not (platforms & lp.platforms):
        verdict.reject(MatchKind.LINE_CONFLICT,
                       f"for {', '.join(sorted(lp.platforms))}, not "
                       f"{', '.join(sorted(platforms))}")
    synonyms = {line for line in lp.lines if _SYNONYMS.get(line) in rp.lines}  # ローション, 化粧水
    glued = synonyms | {line for line in lp.lines  # マクストラプロ names pro, glued
             if any(fold_kana(w) in rp.text for w in _LINE_WORDS.get(line, ()))}
    if own.deluxe:
        glued.add("deluxe")  # スマッシュブラザーズ デラックス for …DX
    extra = lp.lines - rp.lines - glued
    if not own.fragrance:
        extra -= {"men", "women"}  # メンズ of a watch, ONE PUNCH-MAN: no fragrance's gender
    body = {line for line in extra if line == "variety:ボディ"}
    if body and own.body_care:
        extra -= body  # ボディ 髪 全身用 of a body oil: where it goes, not a camera body
    if "kit" in extra and _BODY_ONLY.search(lp.text):
        extra.discard("kit")  # レンズキットのボディのみ: the body of a kit
    if "comic" in extra and ref.is_book and rp.volumes and "novel" not in rp.lines:
        extra.discard("comic")  # a numbered book whose label we do not know (アフタヌーンKC)
    if "novel" in extra and ref.is_book and "comic" not in rp.lines:
        extra.discard("novel")  # 小説 of a book whose label we do not know (MFブックス)
    if extra:  # iPad Pro対応 says what it fits, not what it is
        extra &= _lines(_FITS.sub(" ", lp.display.casefold()))
    if extra:  # 令和06年【春期】応用情報技術者, キクタン【Basic】: a line in the reference's
        extra -= _lines(ref.whole_text.casefold()) | own_lines  # brackets is its own
    if ("remake" in extra and ref.is_game and lp.platforms and rp.platforms
            and lp.platforms <= rp.platforms & _REMAKE_PLATFORMS):
        extra.discard("remake")  # PS5 SILENT HILL 2 リメイク for the PS5 game: what it is
    if "guide" in extra and _TRAVEL_GUIDE.search(ref.whole_text):
        extra.discard("guide")  # るるぶ東京 ガイドブック: the guide says what it is
    if extra:
        verdict.reject(MatchKind.LINE_CONFLICT,
                       f"another product line ({', '.join(sorted(extra))})")
    labels, their_labels = _bunko_labels(rp), _bunko_labels(lp)
    if labels and their_labels and not any(  # ハヤカワ文庫 and ハヤカワ・ノンフィクション文庫
            a.endswith(b) or b.endswith(a) or a.startswith(f"{b}・") or b.startswith(f"{a}・")
            or (a[:3] == b[:3] and "・" in a + b) for a in labels for b in their_labels):
        verdict.reject(MatchKind.LINE_CONFLICT,
                       f"another publisher's paperback ({'/'.join(sorted(their_labels))}文庫, not "
                       f"{'/'.join(sorted(labels))}文庫)")
    if rp.lines & {"bunko", "library"} and not lp.lines & {"bunko", "library"}:
        hardcover = _HARDCOVER.search(lp.text)
        if hardcover:
            verdict.reject(MatchKind.LINE_CONFLICT,
                           f"another format ({lp.show(hardcover)}), where the reference is "
                           f"the paperback ({'文庫' if 'bunko' in rp.lines else 'ライブラリー'})")
    if ("refill" in rp.lines and "refill" not in lp.lines and _MAIN_BOTTLE.search(lp.text)
            and not _MAIN_BOTTLE.search(rp.text)):  # 本体 (ハンドル+付替用ブラシ4個): main unit
        verdict.reject(MatchKind.LINE_CONFLICT, "the main bottle, where the reference is a refill")
    missing = {line for line in (ref.name_lines - lp.lines) & _LINE_REQUIRED  # インスタックスミニ12
               if not any(fold_kana(w) in lp.text for w in _LINE_WORDS.get(line, ()))}
    if missing and not named:
        verdict.reject(MatchKind.LINE_CONFLICT,
                       f"the listing lacks {', '.join(sorted(missing))}: another model")
    if rp.generations and lp.generations and not (rp.generations & lp.generations):
        verdict.reject(MatchKind.VOLUME_CONFLICT,
                       f"generation {sorted(lp.generations)[0]} is not "
                       f"{sorted(rp.generations)[0]}")
    elif (not rp.generations and lp.generations and ref.name_volumes and not ref.is_book
          and not named and max(lp.generations) < min(ref.name_volumes)  # Fire HD 8 第12世代
          and _GENERATION_SAID.search(lst.text)):  # Gen3 for Oura Ring 4
        verdict.reject(MatchKind.VOLUME_CONFLICT,
                       f"generation {sorted(lp.generations)[0]}, not the reference's "
                       f"{_number(set(ref.name_volumes))}")
    elif (not rp.generations and lp.generations == {2} and not ref.is_book
          and not ref.is_game and not lp.platforms and _GENERATION_SAID.search(lst.text)
          and not _SECOND_SAID.search(ref.whole_text)):  # AirTag（第2世代） for AirTag
        verdict.reject(MatchKind.VOLUME_CONFLICT,
                       "generation 2, where the reference is the first (it names none)")
    elif not rp.generations and ref.is_game and (sequel := _GAME_ORDINAL.search(lst.text)) and (
            not re.search(rf"(?<![\d.]){sequel.group(1)}(?![\d.])", ref.whole_text)):
        verdict.reject(MatchKind.VOLUME_CONFLICT,  # Project DIVA f 2nd for Project DIVA f
                       f"{lst.show(sequel)}: a sequel, where the reference names none")
    if rp.editions and lp.editions and not (rp.editions & lp.editions):
        verdict.reject(MatchKind.VOLUME_CONFLICT,
                       f"edition {sorted(lp.editions)[0]} is not {sorted(rp.editions)[0]}")
    parts, their_parts = {v for v in rp.volumes if v > 1000}, {v for v in lp.volumes if v > 1000}
    if parts and their_parts - parts:  # 三体II 黒暗森林 下 for (上)
        verdict.reject(MatchKind.VOLUME_CONFLICT,
                       f"part {_number(their_parts - parts)} is not {_number(parts)}")
    if rp.volumes and (lp.volumes - rp.volumes) and (
            lp.quantity > 1 or len(lp.volumes) >= 3 or _SET in lp.text):  # ピクミン3 4 セット
        verdict.reject(MatchKind.LOT, f"other numbers of the series in the set "
                                      f"({_number(lp.volumes - rp.volumes)})")
    if rp.volumes:
        said = ref.name_volumes
        numbers = {v for v in rp.volumes if v < 1000}
        their_numbers = {v for v in lp.volumes if v < 1000}
        if lp.volumes and not (lp.volumes & rp.volumes):
            verdict.reject(MatchKind.VOLUME_CONFLICT,
                           f"number {_number(lp.volumes)} is not {_number(rp.volumes)}")
        elif numbers and their_numbers and not numbers & their_numbers:  # 第II部 上巻 for
            verdict.reject(MatchKind.VOLUME_CONFLICT,  # 第I部 上巻: the same part of another
                           f"number {_number(their_numbers)} is not {_number(numbers)}")
        elif (said and not lp.volumes and not named and not _glued_number(ref, lp, said)
              and not said & lp.generations  # 第4世代 for AirPods 4
              and not any(c in lst.compact for c in ref.title_codes if len(c) >= 5)  # 7800X3D
              and not any(code.isdigit() and int(code) in said and name in lp.text
                          for _, code, name in ref.shades)  # ミディアムブラウン for 02
              and not any(ref.shade_colours.get(n, set()) & lp.colours
                          for n in said)):  # R 01 ブラック: 黒
            verdict.reject(MatchKind.AMBIGUOUS,
                           f"the listing does not say it is number {_number(said)}")
    later = {v for v in lp.volumes if 2 <= v < 1000  # 三びき of the title, written 3びき
             and not (v <= 10 and _KANJI_DIGITS[v - 1] in rp.text)} - {y % 100 for y in rp.years}
    if 0 in lp.volumes and not _ZERO.search(rp.text):
        later.add(0)  # STEINS;GATE 0, はたらく魔王さま! 0: the prequel
    if ref.coded_book and not rp.volumes and later and not named:  # よう実 2 for the first book
        verdict.reject(MatchKind.VOLUME_CONFLICT,
                       f"number {min(later)} of a work whose reference has no number")
    elif ref.is_game and not rp.volumes and not named:  # Halo 5 for Halo: MCC
        sequel = next((m for m in _GAME_NUMBER.finditer(lst.read)
                       if int(m.group(2)) in later - rp.generations - {64}
                       and (m.group(1).strip() in ref.parsed.text if len(m.group(1).strip()) >= 3
                            else m.group(1).strip() in ref.text_words)  # ボンバーマン R 2
                       and not re.search(re.escape(m.group(1).strip() + m.group(2))
                                         + "(?![a-z0-9])", ref.parsed.text)  # MOTHER3, not 4G
                       and not _says_roman(rp.text, int(m.group(2)))), None)
        if sequel:
            verdict.reject(MatchKind.VOLUME_CONFLICT, f"number {sequel.group(2)} after "
                                                      f"{lst.show(sequel, 1)}, a number the "
                                                      f"reference has not")
    elif not ref.is_book and not rp.volumes and not rp.generations and not named:
        # DJI Neo 2, Shokz OpenFit 2 for a name without a number: the next generation
        after_name = next((m for m in _NAME_THEN_DIGIT.finditer(lst.text)
                           if m.group(1) in ref.text_words and m.group(2) not in ref.digits),
                          None)
        if after_name:
            verdict.reject(MatchKind.VOLUME_CONFLICT,
                           f"number {after_name.group(2)} after {lst.show(after_name, 1)}, "
                           f"a generation the reference has not")
    if not named and ref.sequel is not None:
        sequel = ref.sequel.search(lp.text)
        if sequel and int(sequel.group(1)) not in rp.volumes | {1} | {
                y % 100 for y in rp.years} and not (  # スーパードンキーコング1: the first
                re.search(rf"(?<!\d){int(sequel.group(1))}(?!\d)",
                          _PLATFORM_LEXICON.regex.sub(" ", ref.parsed.text))  # PS2: no 2
                or _says_roman(rp.text, int(sequel.group(1)))):  # ミル2 for コーヒーミル・II
            verdict.reject(MatchKind.VOLUME_CONFLICT,
                           f"number {sequel.group(1)} of the title ({lp.show(sequel)}): "
                           f"the reference has no number")
    ours_hash, theirs_hash = set(_HASH_SHADE.findall(rp.text)), set(_HASH_SHADE.findall(lp.text))
    if ours_hash and theirs_hash and not ours_hash & theirs_hash:  # #DAFFODIL for #TAUPE
        verdict.reject(MatchKind.VARIANT_CONFLICT,
                       f"shade #{sorted(theirs_hash)[0]} is not #{sorted(ours_hash)[0]}")
    for word, code in ref.slots:  # ドラマティックパウダリー UV for … EX
        other = re.search(rf"{re.escape(word)}\s*([a-z]{{1,3}}\d{{0,2}}|"
                          r"\d{1,3}(?:\.\d)?[a-z]{0,2})(?![a-z0-9])", lp.text)
        suffix = other.group(1)[len(code):] if other and other.group(1).startswith(code) else ""
        if suffix.isdigit() and int(suffix) in rp.generations | rp.volumes:
            continue  # SE2 for SE (第2世代), HD10 for HD 10
        second = _SECOND_CODE.match(lp.text, other.end()) if other else None
        if (second and second.group(1) != code and other and other.group(1) == code
                and not _PLATFORM_LEXICON.regex.fullmatch(second.group(1))  # GX NGC
                and not re.search(rf"(?<![a-z0-9]){second.group(1)}(?![a-z0-9])", rp.text)):
            verdict.reject(MatchKind.LOT, f"two variants ({lp.show(other, 1)} "
                                          f"{lp.show(second, 1)})")  # エルジューダ MO FO
        if other and other.group(1) != code and not re.search(
                rf"(?<![a-z0-9]){re.escape(other.group(1))}(?![a-z0-9])", rp.text):
            verdict.reject(MatchKind.VARIANT_CONFLICT,
                           f"variant {lp.show(other, 1)} is not {code.upper()}")
    for before, code, name in ref.shades:
        if code.isdigit() or not before.isalpha() or _BRAND_LEXICON.find(code):
            continue  # numbered shades are volume numbers (above)
        other = re.search(rf"{re.escape(before)}\s*([a-z]{{1,3}}\d{{0,3}})(?![a-z0-9-])", lp.text)
        if other and other.group(1) != code:  # not ET of ET-C231P, a model number
            verdict.reject(MatchKind.VARIANT_CONFLICT,
                           f"shade {lp.show(other, 1)} is not {code.upper()} "
                           f"({_shown_name(ref, name)})")
    if ref.is_pair:
        left, right = _LEFT.search(lp.text), _RIGHT.search(lp.text)
        one = _ONE_OF_PAIR.search(lp.text) or (left if not right else right if not left else None)
        if one:
            verdict.reject(MatchKind.VARIANT_CONFLICT,
                           f"one of a pair, where the reference is both ({lp.show(one)})")
    # (a book's 1st写真集 is named by its title, not its number)
    if rp.generations and not lp.generations and not named and not ref.is_book and not (
            _glued_number(ref, lp, rp.generations)) and not rp.generations & lp.volumes and not (
            _BARE_YEAR.findall(rp.text) and  # SP 2 for SP II; Apple TV 4K 2022 for 2022 …
            set(_BARE_YEAR.findall(rp.text)) <= set(_BARE_YEAR.findall(lp.text))):  # (第3世代)
        verdict.reject(MatchKind.AMBIGUOUS, f"the listing does not say it is generation "
                                            f"{sorted(rp.generations)[0]}")


_GLUED = re.compile(r"([ぁ-ゖー]{3,}(?:[ ・][ぁ-ゖー]+)*|[a-z]{3,}(?: [a-z]+)*) ?"
                    r"(\d{1,3})(?![\d.a-z])")
_FIRST = re.compile(r"\(\s*1\s*\)")


_NAME_THEN_DIGIT = re.compile(r"(?<!\S)([a-zぁ-ゖー]{3,})\s+([2-9])(?=\s|$)")


def _glued_number(ref: _Reference, lst: _Parsed, numbers: set[int]) -> bool:
    """A name word with the generation or volume glued on: iPad10 for iPad (第10世代),
    イヤーバッズ2 for Earbuds II, libra2 for Libra 2, 990PRO and FA265 for 990 PRO and
    ForeAthlete 265; or the shade's name for its number (漆黒ブラック for 01)."""
    for code in map(_compact, lst.codes):  # 990PRO: what follows the number is ours too
        for n in numbers:
            m = re.search(rf"(?<!\d)0*{n}(?!\d)([a-z]*)", code)
            if m and (not m.group(1) or re.search(rf"(?<![a-z]){m.group(1)}(?![a-z])",
                                                  ref.parsed.text)):
                return True
    for _, code, name in ref.shades:
        if code.isdigit() and int(code) in numbers and name in lst.text:
            return True
    if numbers == {1} and _FIRST.search(ref.parsed.text):
        return True  # ハリー・ポッターと賢者の石 (1): the first of a series is named by its title
    for m in _GLUED.finditer(lst.text):
        word = m.group(1)  # the whole run: イヤーバッズ alone is too short to compare
        if int(m.group(2)) in numbers and (
                word.split()[-1] in ref.parsed.text or sounds_in(word, ref.parsed.text)):
            return True
    return False


_PLATFORM_MAKERS = frozenset({"nintendo", "sony", "microsoft"})


# Words that may follow a product's name without naming another product: what the
# thing is, how it is sold, its condition.
_AFTER_NAME_OK = _k(
    r"ソフト|パッケージ|カセット|ディスク|ゲーム|通常版|版|本体|セット|初回|特典|限定|コード|"
    r"説明書|ケース|箱|動作|確認|国内|正規|日本|ダウンロード|ジャンク|中古|新品|未使用|未開封|"
    r"switch|nintendo|ps\d|playstation|プレイステーション|プレステ|xbox|スイッチ|ニンテンドー|"
    r"women|woman|(?<![a-z])men|homme|femme|"  # for Women: the lines rule tells them apart
    r"ショット|"  # ショット数: a camera's use
    r"任天堂|スクウ[ェエ]ア|スクエニ|カプコン|コナミ|セガ|ナムコ|バンダイ|コーエー|アトラス|"
    r"シリーズ|モデル|タイプ|サイズ|カラー|バージョン|ver|ボックス|ボトル|レフィル|リフィル|ポンプ|"
    r"イタリア|フランス|ドイツ|アメリカ|イギリス|スイス|ふきとり|拭き取り|サロン|専売|"
    r"クリーム|パウダー|リップ|ジェル|オイル|ミルク|ローション|エッセンス|ミスト|トナー|"
    r"ファンデ|コンシーラー|グロス|ティント|シャンプー|コンディショナー|トリートメント|"
    r"イヤホン|イヤフォン|ヘッドホン|ヘッドフォン|ワイヤレス|ブルートゥース|bluetooth|"
    r"スピーカー|カメラ|レンズ|ボディ|ウォッチ|スマート|タブレット|スマホ|マウス|キーボード|"
    r"ません|umd|"  # セーブできません: a fault described; UMD: a PSP game's disc
    r"コントローラー|joycon|バッテリー|アダプター|ドライヤー|アイロン|トースター|ケトル|ポット|"
    r"クリーナー|掃除機|メーカー|マシン|フィルター|ノイズ|キャンセ|ランニング|"
    r"コミック|コミックス|ブック|文庫|ノベル|ハードカバー|カバー|オビ|おび|帯|"
    r"チーク|ブラッシュ|アイシャドウ|マスカラ|アイライナー|口紅|ルージュ|コスメ|香水|"
    r"フレグランス|化粧品|"
    r"メンズ|レディース|ユニセックス|ギフト|ラッピング|プレゼント|ノベルティ|おまけ|オマケ|"
    r"アウトレット|ストア|ショップ|ランク|ジャンル|まとめ|"
    # a word's ending, not kana inside a name (インターナショナル is no なし)
    r"(?:よう|です|ます|した|して|する|ください|あり|なし|のみ|つき)(?![ぁ-ゖー])|"
    r"付き|用|対応|専用|純正|正規|公式|互換|"
    r"black|white|edition|series|model|version|set|new|used|original|official|"
    r"the|and|for|with|anc|nc|ノイキャン|キャンプ|アウトドア|登山|防災|"
    r"wireless|bluetooth|camera|pro|max|mini|lite|plus|ultra|air"
)
_ROMAN = re.compile("i{1,3}|iv|vi{0,3}|ix|x")
_GLUED_SUFFIX = re.compile(r"([ぁ-ゖー一-鿿々]{4,})([a-z]{1,3})(?![a-z0-9])")


def _shown_name(ref: _Reference, word: str) -> str:
    at = ref.parsed.text.find(word)
    return ref.parsed.display[at:at + len(word)] if at >= 0 else word


def _brand_rules(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> bool:
    if not ref.brands:
        return False
    shared = lst.brands & ref.brands
    if shared and not (shared <= _PLATFORM_MAKERS and lst.brands - ref.brands - _PLATFORM_MAKERS
                       and not ref.is_game):
        return True  # only a platform's maker shared (任天堂ライセンス), and another brand: on
    known = {b for b in ref.brands if b in BRAND_ALIASES}
    others = lst.brands - ref.brands
    if ref.is_game:  # Nintendo Switch, PlayStation: the platform's maker, not the game's
        others -= _PLATFORM_MAKERS
        if _ORIGINAL.search(lst.text):  # 無印: the original release (see _original_rule)
            others.discard("muji")
    if not known and ref.is_book:
        return False  # a book's "brand" is its author or publisher: 集英社 is no conflict
    if not known:
        # a brand we do not know (BRUNO): a known brand the reference never names is
        # another maker's, unless the listing names ours as well (花王 クイックルワイパー)
        if any(w in lst.text or sounds_in(w, lst.text)
               for b in ref.brands for w in (b, *b.split()) if len(w) >= 3):
            return True  # マジョリカ for マジョリカ マジョルカ
        reference = f"{ref.parsed.text} {ref.brand_text}"
        others = {b for b in others
                  if not any(fold_kana(a) in reference or sounds_in(fold_kana(a), reference)
                             for a in BRAND_ALIASES[b])}
        known = {b for b in ref.brands if b}
    if known and others:
        verdict.reject(MatchKind.BRAND_CONFLICT,
                       f"brand {', '.join(sorted(others))} is not {', '.join(sorted(known))}")
    return False


def _maker_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """A listing naming another company's brand is another maker's product of the same
    kind: 利尻 or サロンドプロ for LPLP's colour treatment, ビッセル for アイリスオーヤマ's
    cleaner. Books and games are left to their own rules (an author, a platform's maker)."""
    if (verdict.kind is not MatchKind.MATCH or ref.is_game or ref.is_book or not ref.makers
            or lst.platforms):  # PS2 大神: the platform's maker, for a game we did not see
        return
    theirs = makers_in(lst.text)
    if theirs and not theirs & ref.makers:
        verdict.reject(MatchKind.BRAND_CONFLICT, f"made by {', '.join(sorted(theirs))}, "
                                                 f"not {', '.join(sorted(ref.makers))}")


_SOFT = fold_kana("ソフト")
_SINGLE = _k(r"(?<![\d.])1\s*(?:個|本|枚|袋|箱|コ|台|pcs)(?!入|セット)|単品|バラ売り|ばら売り|"
             r"1個のみ")
_ONE_IN_PACK = _k(r"(?<![\d.])1\s*(?:個|本|枚|袋|箱|コ|台)入り?")
_BULK = _k(rf"まとめ売り|まとめて|おまとめ|{MATOME}")
_BULK_WORD = fold_kana("まとめ")
_BUNDLED_EDITION, _BUNDLED = fold_kana("同梱版"), fold_kana("同梱")
_COMPLETE = fold_kana("コンプ")
_MAIN_UNIT_WORD = fold_kana("本体")
_FRAGRANCE = _k(r"香水|フレグランス|コロン|(?<![a-z])edp|(?<![a-z])edt|parfum|パルファ")
_BODY_CARE = _k(r"オイル|クリーム|ローション|ソープ|ミルク|ジェル|ウォッシュ|スクラブ|シャンプー")
_INCLUDED = _k(r"付属(?!品?\s*(?:完備|あり|有り|付き|全て|すべて))")
_SET = fold_kana("セット")
_AD_FREE = _k(r"広告\s*(?:なし|無し)")
_WITH_ADS = _k(r"広告\s*(?:あり|有り|つき|付き)|キャンペーン情報\s*(?:つき|付き)")
# A number right after a word of a game's name: Halo 5, ギャラクシー2
# (glued after kana: ゼノブレイド 10 is a read-out X)
_GAME_NUMBER = re.compile(r"([a-z]{3,}\s?|[ぁ-ゖー]{3,}|(?<![a-z0-9])[a-z]\s)(\d{1,2})(?![\d.a-z])")
_ZERO = re.compile(r"(?<![\d.])0(?![\d.])|ぜろ|zero|零")
_ROMAN_NUMERALS = ("", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
                   "xiii", "xiv", "xv", "xvi")
_GRADE = re.compile(r"(?<![\d.])(?:準\s*)?\d\s*級|"  # an exam's grade: 準2級 is not 2級
                    r"第\s*\d\s*種")  # a licence's class: 第1種電気工事士 is not 第2種
_BARE_YEAR = re.compile(r"(?<![\d.])20[0-3]\d(?![\d.])")
_SET_PART = re.compile(r"\+\s*([^\s+()]{2,})")  # 本体15g+リフィル15g
# チタニウムケースとスポーツバンド, クリーンベース付き: what comes with the product
_WITH_PART = re.compile(r"[ァ-ヺー]{2,}と([ァ-ヺー]{2,})|([ァ-ヺー]{3,})(?:付き|付属)")
_PAIR_PART = re.compile(r"([ぁ-ゖー一-鿿]{2,})\s*&\s*([ぁ-ゖー一-鿿]{2,})")  # ティーカップ&ソーサー
_FIGURE, _FIGURES = "体", fold_kana("体せっと")  # 2体セット: figures, the same or not
_SOLD_IN_BULK = fold_kana("まとめ売り")  # of games: several titles (まとめて: copies, maybe)
_SAME = _k(r"同じ|同タイトル|同一")  # 3本まとめて 同タイトル: copies of one game
# Words that make a bulk lot one of different things.
_OTHER_KIND = _k(r"他|ほか|種類|色違い|別々|各|詰め合わせ|アソート|バラ|いろいろ|色々|含む|含|混在")
_SAME_VOLUME = _k(r"巻|保存用|布教用|観賞用|同一|同じ|同タイトル|"
                  r"複数|研修|クラス|プレゼント|保育|教室|配布|"
                  r"読書会|勉強会|輪読|学級|感想文|"
                  r"予備|×|x\s*\d|[一-鿿]{2,4}用(?!品)|祝い|余り|で使用|指定")
# N copies of one book: 2冊セット, 【3冊】, 同一タイトル2冊
_COPIES = _k(r"(?<![\d.])([2-9]|[1-9]\d)\s*冊\s*(?:セット|まとめ)?")


def _copies(ref: _Reference, lst: _Parsed) -> int:
    """How many copies of the book a listing of N冊 sells: N when it names one title only.

    The reference's volume alone with a reason for copies (鬼滅の刃 23巻 3冊セット 保存用), or
    a single book whose listing names nothing else (ターゲット1900 6訂版 2冊セット): N copies
    of it. Other volumes, other titles (方舟 十戒 2冊セット), or a numbered volume without a
    reason: a lot.
    """
    m = _COPIES.search(lst.text)
    if m is None or any(not (o.group().startswith(_BULK_WORD)
                             and (_SAME.search(lst.text) or _SAME_VOLUME.search(lst.folded)))
                        for o in _OTHER_LOT.finditer(lst.text)):
        return 0  # 同じもの2冊 まとめて: copies, bought together
    if ref.parsed.volumes and lst.volumes != ref.parsed.volumes:
        return 0
    if not _SAME_VOLUME.search(lst.folded) and (
            ref.parsed.volumes or _TITLES_JOINED.search(lst.text)
            or any(not w.isdigit() and w != "冊" for w in _unexplained(ref, lst))):
        return 0  # "SPY×FAMILY 12 2冊セット" may be 1 and 2; 方舟 十戒 2冊セット: two titles
    return int(m.group(1))  # ターゲット1900 6訂版 2冊セット: nothing else named


# Other titles sold with the reference's: 旧版＋改訂版, シリーズ 2冊, 続 英単語の語源図鑑
_TITLES_JOINED = _k(r"[+&]|シリーズ|続|旧版|新旧|組|揃")


_PACK_OF = _k(r"\d+\D{1,2}(?:セット|組|入り?)")  # 100本セット: one pack of so many
_PORTION = _k(r"小分け|お試し|バラ売り|ばら売り|量り売り|詰め替え?分")


def _portion(ref: _Reference, lst: _Parsed, single: re.Match[str] | None) -> str | None:
    """Part of the reference's pack sold on its own (10枚 of 70枚入り), or ``None``."""
    pieces = ref.parsed.specs.get("pieces")
    if ref.quantity > 1 or not pieces:
        return None
    whole = int(max(pieces))
    units = {m.group(2) for m in _PACK_COUNT.finditer(ref.parsed.text) if int(m.group(1)) == whole}
    counts = [(int(_digits(w)), _units([w]), w.startswith(("×", "x", "*")))
              for w in lst.quantity_words if _digits(w)]
    if math.prod(n for n, _, _ in counts) == whole:
        return None  # 80枚×8個: the whole pack of 640, counted
    counted = [(n, unit) for n, unit, times in counts if not times]  # ×3個: packs
    part = next((n for n, unit in counted if n < whole and unit & units), None)
    if part is None and single and whole > 1 and _units([single.group()]) & units:
        part = 1
    loose = _PORTION.search(lst.text)
    if part is not None and (loose or part == 1 or not lst.specs.get("pieces")):
        return f"{part} of the reference's pack of {whole}"
    if loose and part is None and not lst.specs.get("pieces") and lst.quantity == 1:
        return f"part of the reference's pack of {whole} ({lst.show(loose)})"
    return None


def _units(words: list[str]) -> set[str]:
    """The units counted (本 of 4本, 個 of 2個セット); a bare ×3 counts packs."""
    return {u.group() for w in words if (u := re.search(r"[^\d\s×xX✕*]", w))}


_PACK_COUNT = re.compile(r"(?<![\d.×x*])(\d{1,4})\s*(個|枚|袋|錠|包|粒|回分)(?:入り?)?")


def _other_pack(ref: _Reference, lst: _Parsed) -> str | None:
    """A count of the reference's unit that is neither its pack nor a multiple of it."""
    units = _units(ref.parsed.quantity_words)
    for m in _PACK_COUNT.finditer(lst.text):
        count = int(m.group(1))
        if (m.group(2) in units and count != ref.quantity and count % ref.quantity
                and not any(w.startswith(m.group(1)) for w in lst.quantity_words)):
            return m.group().strip()
    return None


# Words a seller adds that say nothing of which product it is (promotions are already gone)
_SELLER_WORDS = frozenset(fold_kana(w) for w in (
    "本体", "ソフト", "セット", "本セット", "個セット", "冊セット", "台セット", "箱付き", "帯付き",
    "初版", "付属品完備", "数回使用", "使用数回", "書き込みなし", "箱説付き", "箱説あり", "残量",
    "動作良好", "初期化済み", "元箱あり", "元箱", "箱あり", "箱なし", "ケース付き", "ケースあり",
    "説明書付き", "シュリンク付き", "一読のみ", "本体のみ", "ソフトのみ", "単品", "国内版",
    "まとめて", "パッケージ版", "通常版", "付き", "純正", "正規品", "国内正規品", "使用感あり",
    "傷あり", "キズあり", "ヤケあり", "兄弟用に", "ディスク傷なし", "ok"))
# What a seller says about the copy, not the product: a statement (電源入らず, ケースなし,
# 説明書あり, 使用済み), a counted thing (2本, 3割, 2023年), the kind of item (単行本, ソフト)
_SELLER_TALK = _k(
    r"(?:(?<!\S)\S*?(?:あり|有り|なし|無し|済み?|付き?|ません|せず|入らず|不可|不良|不安定|"
    r"多数|剥がれ|はがれ|割れ|のみ|(?<!函)入り|発送|配送|送料込み?|購入|使用|確認|良好|美品|新品|中古|"
    r"欠品|断線|認識しない|認識しなくなりました|使ってました|使用していました|"
    r"(?:未?開封|未使用|中古|新|美|良|ジャンク)品|"
    r"未使用|未開封|開封|ok)|"
    r"\d+(?:\.\d+)?\s*(?:本|個|枚|冊|巻|袋|回|割|年|ヶ月|か月|カ月|点|箱|台|足|着|組|セット|"
    r"set|パック|p|r|ロール|入)|"
    r"単行本|文庫本?|新書|絵本|ビジネス書|ライトノベル|ラノベ|コミックス?|漫画|マンガ|完結巻|"
    r"最終巻|初版|ソフト|パッケージ版?|カセット|ディスク|本体|まとめ買い|ジャンク扱い|"
    r"ジャンク|部品取りに(?:どうぞ)?|送料無料|匿名|即日|出産準備|読み聞かせ|日本語版|国内版|"
    r"大容量|限定|正規品|純正|プレゼント|ギフト|お得|再販|人気|定番|"
    r"(?:短期間|数回)?使用(?:期間)?\s*(?:約?\d+|数|半)?\s*(?:日|週間?|ヶ月|か月|カ月|年|回)?"
    r"(?:程度|ほど|のみ|短め)?|"  # 使用1ヶ月, 使用数日: how long it was used
    # how it is, how it works, why it is sold: 2019年製, ジャンク扱いで, 盤面キズ少なめ
    r"\d{4}年製|扱いで?|\S*にどうぞ|(?:ディスク|盤面|ケース|本体|箱)?(?:傷|キズ|きず|スレ)"
    r"(?:多め|少なめ|少|小|大|有|なし|無し)?|ディスク(?:綺麗|きれい|小?傷\S*)?|ほぼ\S*|"
    r"(?:使用|賞味|消費)期限\S*|同じ(?:本|もの|巻)|(?:読書会|布教|保存|読む|観賞|予備)用に?|電源は入ります|\S*歓迎|起動|"
    r"読み込み|正常|端子汚れ|当時物|レンタル落ち|セーブ可|残量\S*|使いかけ|読了|美本|古本|"
    r"使用時間\S*|ショット数\S*|バッテリー(?:劣化|最大容量\S*)?)(?=\s|$)")
# A word of a listing: a Latin token, a run of Japanese, or one kanji (茜)
_LISTING_WORD = re.compile(r"[a-z][a-z0-9]*|[ぁ-ゖー一-鿿々]{2,}|[一-鿿々]|\d+[a-z]*")
_SIZED = re.compile(r"\d+(?:\.\d+)?(gb|tb|ml|l|g|kg|mm|cm|w|mah)")


def _sized(word: str, ref: _Reference) -> bool:
    """A size (500ml, 1.5kg); a one-letter unit only where the reference uses it (4G is a
    title, not four grams)."""
    m = _SIZED.fullmatch(word)
    return m is not None and (len(m.group(1)) > 1 or re.search(
        rf"\d\s*{m.group(1)}(?![a-z])", ref.whole_text) is not None)


# A size with its unit in katakana: 200ミリ, 19センチ, 4.2リットル, 32ギガ
_KANA_UNIT = re.compile(r"(\d)\s?(みり|せんち|りっとる|ぎが|ぐらむ|きろ)(?![ぁ-ゖー])")
_LATIN_UNITS = {"みり": "mm", "せんち": "cm", "りっとる": "l", "ぎが": "gb", "ぐらむ": "g",
                "きろ": "kg"}
# What the rules have judged already: a generation (第12世代, 13世代), an ordinal (第1巻's
# 第), a total (計8本), the platform's own 版 (PS5版), the platform's maker before it
# (ニンテンドースイッチ)
_SAID_PLAINLY = re.compile(r"第\s?(?=\d)|(?<=\d)\s?世代|計\s?\d+\S*|(?<=[a-z0-9])版|"
                           r"nintendo(?=\s?(?:switch|すいっち|3?ds|wii|64))")


_BOOK_WORD = re.compile(r"(?:(?<!\S)|(?<=中古)|(?<=れしぴ))本(?!\S)")


def _names_the_company(word: str, ref: _Reference) -> bool:
    """A listing's word that names the reference's maker by its company name (花王 for
    キュレル, アンカー) or a short initialism (YSL, uni), not by another line of it
    (ガラスマジックリン for マジックリン)."""
    company = company_of(word) if ref.makers else None
    return company is not None and company in ref.makers and (
        (word.isascii() and len(word) <= 4)
        or fold_text(company).replace(" ", "").startswith(word))


_SIZE_WORD = re.compile("さいず$")  # 超特大サイズ: 超特大


def _loose(text: str) -> str:
    """Katakana spelt loosely: no ・, no long vowel (ココット・ロンド; ボウル and ボール alike)."""
    return text.replace("・", "").replace("ー", "").replace("う", "")


@functools.lru_cache(maxsize=256)
def _latin_keys(text: str) -> frozenset[str]:
    """The sound keys of a reference's whole Latin words, short ones too: プロ is PRO,
    アミーボ amiibo (a listing's whole word against a whole word, never a part of one)."""
    return frozenset(key for w in re.findall(r"(?<![a-z])[a-z]{2,}(?![a-z])", text)
                     if len(key := sound_key(w)) >= 2)


def _latin_unit(m: re.Match[str]) -> str:
    return m.group(1) + _LATIN_UNITS[m.group(2)]


def _unexplained(ref: _Reference, lst: _Parsed, also: str = "", *, short: bool = False
                 ) -> list[str]:
    """The words of a listing that neither the reference (as written or as heard), a
    seller's habit, a size nor a colour explains: a sibling's name hides among them.
    ``short`` keeps two-letter Latin words too (a listing's BK explains nothing away, but a
    sibling's KF is its name).

    Example:
        >>> from altfinder.matching._parse import _parse
        >>> from altfinder.matching._reference import _reference
        >>> ref = _reference("貝印 KAI 三徳包丁 関孫六 ダマスカス 165mm AE5200", None, None)
        >>> _unexplained(ref, _parse("貝印 関孫六 茜 三徳包丁 165mm 箱あり"))
        ['茜']
    """
    whole = (ref.whole_text + also + (ref.brand_text if ref.is_book else "")).replace(" ", "")
    loose = _loose(whole)
    said = _POOR.sub(" ", _ACCEPTABLE.sub(" ", _SELLER_TALK.sub(" ", lst.text)))  # ケース傷あり
    for words in lst.quantity_words:  # 2本セット, ×3: how many, not what
        said = said.replace(fold_kana(words), " ")
    said = _SAID_PLAINLY.sub(" ", _KANA_UNIT.sub(_latin_unit, said))
    if ref.is_book:  # 中古本, レシピ 本: what a book is
        said = _BOOK_WORD.sub(" ", said)
    return [w for m in _LISTING_WORD.finditer(said)
            if (w := m.group()) not in whole and w not in _SELLER_WORDS and not _sized(w, ref)
            and not (len(w) >= 4 and _loose(_SIZE_WORD.sub("", w)) in loose)  # ボール, ボウル
            and not (_KANA_ONLY.fullmatch(w) and sound_key(w) in _latin_keys(ref.whole_text))
            and not (len(w) <= 2 and w.isascii() and w.isalpha() and not short)
            and not _colours(w) and not sounds_in(w, ref.whole_text)
            and w not in _PUBLISHING and not makers_in(w, publishers=True)  # 翔泳社, TAC出版
            and not _names_the_company(w, ref)
            and not ((_PLATFORM_LEXICON.find(w) or _PLATFORM_LEXICON.find(hira2kata(w)))
                     # スーファミ, PS1: judged by the platform rule,
                     and said[m.start() - 1:m.start()] in ("", " ", "("))]  # not マリオカートWii


_COUNT_UNITS = "個|本|枚|袋|箱|巻|冊|足|着|組|ロール|パック"
_TOTAL = _k(rf"計\s*(\d+)\s*({_COUNT_UNITS})")
_COUNT_OF = re.compile(r"\d+")
_UNIT = _k(rf"\s*({_COUNT_UNITS})")


def _unit_after(text: str, word: str) -> str:
    """The count's unit right after a quantity word (×4ロール: ロール), or ""."""
    at = text.find(word)
    unit = _UNIT.match(text, at + len(word)) if at >= 0 else None
    return unit.group(1) if unit else ""


def _quantity_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> int:
    """Units of the reference the listing sells; another pack of a multi-pack is rejected."""
    quantity = max(lst.quantity, _copies(ref, lst))  # ×2冊 is said once
    total = _TOTAL.search(lst.text)  # 2枚組×2セット 計4枚: two packs of the reference's two
    if (total and ref.quantity > 1 and int(total.group(1)) % ref.quantity == 0
            and _units([f"{total.group(1)}{total.group(2)}"]) & _units(ref.parsed.quantity_words)
            and int(total.group(1)) > ref.quantity and verdict.kind is MatchKind.MATCH):
        packs = int(total.group(1)) // ref.quantity
        verdict.reasons.append(f"{packs} units ({lst.show(total)})")
        return packs
    if ref.quantity == 1 and len(lst.quantity_words) > 1:  # 70カット×4ロール×12パック of
        restating = [w for w in lst.quantity_words  # 70カット 4ロール: its 4 rolls, restated
                     if (n := _COUNT_OF.search(w)) and _unit_after(lst.text, w) and re.search(
                         rf"(?<![\d.]){n.group()}\s*{re.escape(_unit_after(lst.text, w))}",
                         ref.parsed.text)]
        if restating and len(restating) < len(lst.quantity_words):
            quantity = math.prod(int(m.group()) for w in lst.quantity_words
                                 if w not in restating and (m := _COUNT_OF.search(w)))
    single = _SINGLE.search(lst.text)
    if single is None and ref.quantity > 1:  # 1枚入り of a 2枚組: one of the pair
        single = _ONE_IN_PACK.search(lst.text)
    unit = _units([single.group()]) if single else set()
    if ref.quantity > 1 and quantity == 1 and single and (
            not unit or unit & _units(ref.parsed.quantity_words)):  # 1袋 of 44枚 is one pack
        verdict.reject(MatchKind.QUANTITY_CONFLICT,
                       f"a single unit, where the reference is a set of {ref.quantity}")
        return 1
    for pieces in ref.parsed.specs.get("pieces", ()):  # 15枚 3個: three boxes of 15 sheets
        if quantity > 1 and quantity % pieces == 0 and any(  # 22ml×4枚 ×3箱: three boxes
                w.lstrip("×x*✕ ").startswith(f"{pieces:g}") and "セット" not in w
                for w in lst.quantity_words):  # not 2セット(4本): two sets
            quantity = int(quantity // pieces)
    if quantity > 1 and quantity in ref.parsed.specs.get("pieces", ()) and len(
            lst.quantity_words) > 1:
        quantity = 1  # 80枚×8個 of a pack of 640: the pack's contents, counted
    restated = lst.quantity_words[0] if len(lst.quantity_words) == 1 else ""
    said = re.match(r"\d+\D", _compact(restated))  # 2枚セット for a 2枚組: the pack, said again
    if ref.quantity == 1 and quantity > 1 and restated and (
            _compact(restated) in ref.parsed.compact
            or (said and re.search(rf"(?<!\d){said.group()}(?:組|入)", ref.parsed.compact))):
        quantity = 1  # 11個 where the reference's copy says 詰め替え 11個: the pack, restated
    if quantity > lst.quantity:
        verdict.reasons.append(f"{quantity} copies of one title")
    portion = _portion(ref, lst, single)
    if portion:  # 小分け 10枚 of a 70枚入り, 1枚 バラ売り of a 10枚入り
        verdict.reject(MatchKind.QUANTITY_CONFLICT, portion)
        return 1
    if ref.quantity > 1:
        other = _other_pack(ref, lst)
        if other:  # 12個入, 110個 for the reference's 56個
            verdict.reject(MatchKind.QUANTITY_CONFLICT,
                           f"a pack of {other}, where the reference is a pack of {ref.quantity}")
            return 1
        if quantity == ref.quantity and ref.quantity in lst.specs.get("pieces", ()):
            pass  # 2個入 ×2箱: two packs of the reference's two
        elif quantity in (1, ref.quantity):
            quantity = 1
        elif (quantity % ref.quantity == 0 and len(lst.quantity_words) == 1
              and _PACK_OF.fullmatch(fold_kana(_compact(lst.quantity_words[0])))
              and _units(lst.quantity_words) & _units(ref.parsed.quantity_words)):
            verdict.reject(MatchKind.QUANTITY_CONFLICT,  # 100本セット for a 50本セット
                           f"a pack of {quantity}, where the reference is a pack of "
                           f"{ref.quantity}")
            return 1
        elif quantity % ref.quantity == 0:  # 12枚 ×3個: three packs of the reference's 12
            quantity //= ref.quantity
        elif ref.quantity in lst.specs.get("pieces", ()) or not (
                _units(ref.parsed.quantity_words) & _units(lst.quantity_words)):
            pass  # 12枚入り×6, 4本 for BK-3MCD/4H ×3個: so many packs
        else:
            verdict.reject(MatchKind.QUANTITY_CONFLICT,
                           f"{quantity} units where the reference is a set of "
                           f"{ref.quantity}")
            quantity = 1
    elif quantity > 1 and quantity == lst.quantity:
        verdict.reasons.append(f"{quantity} units ({', '.join(lst.quantity_words)})")
    return quantity


def _condition_cap(lst: _Parsed, verdict: _Verdict) -> tuple[Condition | None, str | None]:
    """The best condition a junk or flawed listing can be, and why (also a reason)."""
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
    return cap, cap_reason


_ORIGINAL = re.compile("無印(?!良品)")
_KANJI_CHAR = re.compile("[一-鿿]")
_KANA_CHAR = re.compile("[ぁ-ゖ]")


def _original_rule(ref: _Reference, lst: _Parsed, present: dict[str, float],
                   verdict: _Verdict) -> None:
    """無印 in a game's listing is the original release: not the reference when the
    reference's title has a word the listing lacks (ペルソナ5 無印 for ペルソナ5 ザ・ロイヤル,
    ジョーカー3 無印 for ジョーカー3 プロフェッショナル)."""
    if (verdict.kind is not MatchKind.MATCH or not ref.is_game
            or not _ORIGINAL.search(lst.text)):
        return
    lost = [w for w in ref.core_words if present[w] < 0.5]
    lost += [w for w in ref.parsed.text.split()  # 討鬼伝 極: a one-kanji edition word
             if len(w) == 1 and _KANJI_CHAR.match(w) and w not in lst.text]
    if lost:
        verdict.reject(MatchKind.LINE_CONFLICT, f"無印 is the original release, not the "
                                                f"{_shown_name(ref, lost[0])}")


_DIGIT = re.compile(r"\d")
# A short model name of letters and a number (R100, X20, M6): R50 in its place is a sibling
_SHORT_CODE = re.compile(r"([a-z]{1,3})(\d{1,4})([a-z]?)")
_SLOT_WORDS = frozenset(fold_kana(w) for w in ("サイズ", "モデル", "カラー", "タイプ", "セット"))
_ARTICLES = frozenset({"じ", "ざ", "the", "a", "の"})
_SLOT_TOKEN = re.compile(r"[^\s()\[\]【】「」『』、,/]+")


def _main_script(word: str) -> str:
    """kanji if the word has any, else kana if it has any, else latin."""
    return "kanji" if _KANJI_CHAR.search(word) else "kana" if _KANA_CHAR.search(word) else "latin"


def _neighbours(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The words right before and right after a span of ``text`` (past an article: オブ ジ
    アビス has オブ before it)."""
    before = after = None
    for m in _SLOT_TOKEN.finditer(text):
        if m.end() <= start:
            if m.group() not in _ARTICLES:
                before = m.group()
        elif m.start() >= end:
            after = m.group()
            break
    return before, after


def _alike(ours: str | None, theirs: str | None) -> bool:
    return bool(ours and theirs and (ours == theirs or (
        min(len(ours), len(theirs)) >= 2 and (ours in theirs or theirs in ours))))


def _other_ending(word: str, lost: str) -> bool:
    """One stem with two endings that are words of their own: 浸透美容液ヘアオイル for
    浸透美容液ヘアマスク (not ボール for ボウル, a spelling)."""
    stem = next((i for i, (a, b) in enumerate(zip(word, lost, strict=False)) if a != b),
                min(len(word), len(lost)))
    ours, theirs = lost[stem:], word[stem:]
    return (stem >= 3 and min(len(ours), len(theirs)) >= 3 and _main_script(ours) ==
            _main_script(theirs) and fuzz.ratio(ours, theirs) < 50
            and _loose(ours) != _loose(theirs))


def _substitution_rule(ref: _Reference, lst: _Parsed, present: dict[str, float],
                       verdict: _Verdict, unexplained: list[str] | None,
                       alias_text: str = "") -> None:
    """A listing that lacks a word of the reference's name and has, in its place, a word of
    the same script that nothing explains, is the sibling that word names: ジ・アート・オブ
    もののけ姫 for ジ・アート・オブ 千と千尋の神隠し, ビオレ ザフェイス 泡洗顔料 アクネケア for its
    ディープモイスト. In its place: the same word before it or after it. A word spelled alike
    (哺乳瓶, 哺乳びん) is the same word. The listing's unexplained words are read only when a
    name word is missing (``unexplained`` when the caller has them already)."""
    if verdict.kind is not MatchKind.MATCH:
        return
    for lost in ref.core_words:
        code = _SHORT_CODE.fullmatch(lost) if present[lost] < 0.5 else None
        if not code:
            continue
        other = re.search(rf"(?<![a-z0-9]){code.group(1)}(\d+){code.group(3)}(?![a-z0-9])",
                          lst.text)
        if not (other and other.group(1) != code.group(2)) and len(code.group(1)) == 1:
            # j7+ for i7+: another letter before the same number
            other = re.search(rf"(?<![a-z0-9])([a-z]){code.group(2)}{code.group(3)}(?![a-z0-9])",
                              lst.text)
        if other and other.group(1) not in code.groups() and other.group() not in ref.parsed.text:
            verdict.reject(MatchKind.LINE_CONFLICT, f"another model of the line "
                                                    f"({lst.show(other)} in place of {lost})")
            return
    lost_words = [w for w, weight in ref.core_words.items() if present[w] < 0.5 and (
        weight >= 4 or (weight >= 2 and not ref.is_book and not _MODIFIER.fullmatch(w)
                        and w not in _SLOT_WORDS
                        and (ref.is_game or _main_script(w) != "kanji")))]  # 笑み男, GX,
    # ミスト: a short name; 保湿: copy; エッセンシャル: a modifier sellers drop
    if not lost_words:
        return
    if unexplained is None:
        unexplained = _unexplained(ref, lst, alias_text)
    for lost in lost_words:
        at = ref.parsed.text.find(lost)
        if at < 0:
            continue
        ours = _neighbours(ref.parsed.text, at, at + len(lost))
        for word in unexplained:
            if (len(word) < 2 or _DIGIT.search(word)
                    or _main_script(word) != _main_script(lost)
                    or _PLATFORM_LEXICON.find(word) or makers_in(word)
                    or (fuzz.ratio(word, lost) >= 55 and not _other_ending(word, lost))
                    or (where := lst.text.find(word)) < 0):
                continue
            theirs = _neighbours(lst.text, where, where + len(word))
            if _alike(ours[0], theirs[0]) or _alike(ours[1], theirs[1]):
                verdict.reject(MatchKind.LINE_CONFLICT, f"another product of the series "
                                                        f"({_shown(lst, word)} in place of "
                                                        f"{_shown_name(ref, lost)})")
                return


# Where or for whom a product is used, when its title says so with 用: トイレ用 is not 部屋用
_PLACE_USE = _k(r"(?<![ぁ-ゖァ-ヺー一-鿿])(お?部屋|トイレ|玄関|浴室|お?風呂|キッチン|台所|車|"
                r"車内|寝室|リビング|クローゼット|靴箱|下駄箱|押入れ|バス|犬|猫|大人|子供|こども|"
                r"キッズ|ベビー|赤ちゃん|男性|女性)用")


# A name glued to a two-digit number: NBA 2K25, FIFA23, WRC10 (the year or the sequel)
_NUMBERED_NAME = re.compile(r"(?<![a-z0-9.])([a-z0-9]*[a-z])(\d{2})(?![a-z0-9.])")


@functools.lru_cache(maxsize=256)
def _numbered_names(text: str) -> dict[str, frozenset[str]]:
    """A reference's names glued to a two-digit number: {'2k': {'25'}} of NBA 2K25."""
    names: dict[str, set[str]] = {}
    for m in _NUMBERED_NAME.finditer(text):
        names.setdefault(m.group(1), set()).add(m.group(2))
    return {name: frozenset(numbers) for name, numbers in names.items()}


@functools.lru_cache(maxsize=256)
def _ranges(text: str) -> frozenset[tuple[int, int]]:
    """A reference's ranges of numbers: {(1, 5)} of version 1-5."""
    return frozenset(_span(a, b) for a, b in _RANGE.findall(text))


@functools.lru_cache(maxsize=256)
def _places(text: str) -> frozenset[str]:
    """Where or for whom a reference says it is used: {'部屋'} of 部屋用."""
    return frozenset(_place(m.group(1)) for m in _PLACE_USE.finditer(text))


@functools.lru_cache(maxsize=256)
def _is_guide(text: str) -> bool:
    """Whether a reference's (folded) title names a guide or an art book."""
    return bool(_GUIDE_BOOK.search(text))


def _numbered_name_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """The reference's name with its two-digit number, and the listing's with another:
    NBA 2K26 for NBA 2K25."""
    if verdict.kind is not MatchKind.MATCH:
        return
    ours = _numbered_names(ref.parsed.text)
    for m in _NUMBERED_NAME.finditer(lst.text) if ours else ():
        if m.group(1) in ours and m.group(2) not in ours[m.group(1)] and not any(
                m.group(1) == o.group(1) and m.group(2) in ours[o.group(1)]
                for o in _NUMBERED_NAME.finditer(lst.text)):
            verdict.reject(MatchKind.VOLUME_CONFLICT,
                           f"{lst.show(m)}, not {m.group(1).upper()}"
                           f"{'/'.join(sorted(ours[m.group(1)]))}")
            return


# A season of a series (season2, シーズン3); a multi pen's count (4&1: four colours and a
# pencil)
_SEASON = _k(r"(?:season|シーズン)\s*(\d{1,2})(?!\d)")
_PEN_COUNT = re.compile(r"(?<![\d.])(\d)\s*&\s*(\d)(?![\d.])")


def _season_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """Another season than the reference's (season2 for the first book of a TV series' guide,
    which names none)."""
    if verdict.kind is not MatchKind.MATCH:
        return
    ours = {int(m.group(1)) for m in _matches(_SEASON, ref.whole_text)} or {1}
    theirs = {int(n) for n in _SEASON.findall(lst.text)}
    if theirs and not theirs & ours:
        verdict.reject(MatchKind.VOLUME_CONFLICT, f"season {_number(theirs)} is not "
                                                  f"{_number(ours)}")


def _pen_count_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """Another count of a multi pen than the reference's (3&1 for 4&1)."""
    pens = {m.group(1, 2) for m in _matches(_PEN_COUNT, ref.parsed.text)}
    if verdict.kind is not MatchKind.MATCH or not pens:
        return
    other = next((m for m in _PEN_COUNT.finditer(lst.text) if m.group(1, 2) not in pens), None)
    if other:
        verdict.reject(MatchKind.MODEL_CONFLICT, f"{lst.show(other)} is not "
                                                 f"{'/'.join('&'.join(p) for p in sorted(pens))}")


# A name numbered as the sequel of a numbered work: ファイナルファンタジー 10-2, x-2, 13-2
_SEQUEL_CODE = re.compile(r"([ぁ-ゖー一-鿿々a-z]{2,})\s?(\d{1,2}|[ivx]{1,5})-(\d)(?![\d-])")


def _sequel_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """The numbered work a reference's "-2" continues, named alone: ファイナルファンタジーX
    (10) for ファイナルファンタジーX-2."""
    if verdict.kind is not MatchKind.MATCH:
        return
    for m in _matches(_SEQUEL_CODE, ref.parsed.text):
        name, number = re.escape(m.group(1)), re.escape(m.group(2))
        plain = re.search(rf"{name}\s?{number}(?![\d.a-z]|\s?-\s?\d)", lst.text)
        if plain:
            verdict.reject(MatchKind.LINE_CONFLICT, f"{lst.show(plain)}, the work "
                                                    f"{_shown(ref.parsed, m.group())} continues")
            return


# A range of numbers that names what is in it: version 1-5, 1~5 (not 9~14kg)
_RANGE = re.compile(r"(?<![\d.:/a-z-])(\d{1,2}|20\d\d)\s*[-~]\s*(\d{1,2}|20\d\d)"
                    r"(?![\d.:/-]|\s*(?:kg|g|cm|mm|ml|"
                    r"歳|才|ヶ月|か月|カ月|人|杯|%|枚|個|本|巻|冊|話|月|日|時))")


def _span(start: str, end: str) -> tuple[int, int]:
    """A range's two ends, a year's written short or long alike (2025~26, 2025~2026)."""
    first, last = int(start), int(end)
    if first >= 2000 and last < 100:
        last += 2000
    return first, last


# A part of a work named with 編 or 篇: 中級編, ビジネス篇, 英語長文編 (not 解答編あり)
_PART_NAME = re.compile(r"(?<!\S)(\S*?[ぁ-ゖー一-鿿々]{2}[編篇])(?!\S)")


def _part_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """A part of a work the reference does not name (新・明解C言語 中級編 for 入門編,
    自分の小さな「箱」から脱出する方法 ビジネス篇) is another book of the series."""
    if verdict.kind is not MatchKind.MATCH:
        return
    for m in _PART_NAME.finditer(lst.text):
        part = m.group(1).lstrip("(【[「『").replace("篇", "編")
        if part[-3:] not in ref.whole_text.replace("篇", "編"):  # 速読英単語必修編 of 必修編
            verdict.reject(MatchKind.VOLUME_CONFLICT,
                           f"another part of the work ({lst.show(m, 1)})")
            return


# A model number with a letter glued on after a name: Pixel 6a, Pixel 8a
_LETTERED = re.compile(r"(?<![a-z0-9])([a-z]{3,})\s?(\d{1,2})([a-z])(?![a-z0-9])")


def _letter_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """The reference's name with a number and a letter (Pixel 6a), the listing's with the
    number alone (Pixel 6): another model of the line."""
    if verdict.kind is not MatchKind.MATCH:
        return
    for m in _matches(_LETTERED, ref.parsed.text):
        name, number, letter = m.groups()
        bare = re.search(rf"(?<![a-z0-9]){name}\s?{number}(?![a-z0-9.])", lst.text)
        if bare and not re.search(rf"(?<![a-z0-9]){name}\s?{number}\s?{letter}(?![a-z0-9])",
                                  lst.text):
            verdict.reject(MatchKind.LINE_CONFLICT, f"{lst.show(bare)}, not "
                                                    f"{_shown(ref.parsed, m.group())}")
            return
    for m in _matches(_NUMBERED, ref.parsed.text):  # GO 3S for GO 3: the converse
        name, number = m.groups()
        lettered = re.search(rf"(?<![a-z0-9]){name}\s?{number}([a-jmnoq-uxyz])(?![a-z0-9])",
                             lst.text)
        if lettered and not re.search(rf"{number}\s?{lettered.group(1)}(?![a-z0-9])",
                                      ref.whole_text):
            verdict.reject(MatchKind.LINE_CONFLICT, f"{lst.show(lettered)}, not "
                                                    f"{_shown(ref.parsed, m.group())}")
            return


_NUMBERED = re.compile(r"(?<![a-z0-9])([a-z]{2,})\s?(\d{1,2})(?![a-z0-9.])")


# A name followed by its size: フードマン 800ml, ボトル 500ml
_NAMED_SIZE = re.compile(r"(?<!\S)([^\s\d]{2,})\s?(\d{2,4})(?:ml|l|g|cm|mm|mah|w)(?![a-z])")


# A model's noise-cancelling sibling, named by a word after its number: Liberty 4 NC
# (not ANC: AirPods 4 ANC is named so while its reference says アクティブノイズキャンセリング)
_NC_MODEL = re.compile(r"(?<![a-z0-9])([a-z]{3,})\s?(\d{1,2})(\s?nc)?(?![a-z0-9])")


def _nc_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """Liberty 4 for Liberty 4 NC, or Liberty 4 NC for Liberty 4: the other model."""
    if verdict.kind is not MatchKind.MATCH:
        return
    ours = {(m.group(1), m.group(2)): bool(m.group(3))
            for m in _matches(_NC_MODEL, ref.parsed.text)}
    for m in _NC_MODEL.finditer(lst.text):
        nc = ours.get((m.group(1), m.group(2)))
        if nc is not None and nc != bool(m.group(3)):
            verdict.reject(MatchKind.LINE_CONFLICT, f"{lst.show(m)}, not the "
                                                    f"{'NC' if nc else 'plain'} model")
            return


# A bare number of four to six digits: a set's, a line's or a capacity's (not a year, nor
# an M.2 drive's form factor: M.2 2280)
_LONG_NUMBER = re.compile(r"(?<![\d.,])(?<!m\.2 )(?!19\d\d(?!\d)|20\d\d(?!\d))\d{4,6}(?![\d.,])")


def _other_number_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict,
                       unexplained: list[str] | None, alias_text: str = "") -> None:
    """A long number the listing names alone, where the reference names another: LEGO 75257
    for 75192, PowerCore Fusion 5000 for PowerCore 10000."""
    ours = {m.group() for m in _matches(_LONG_NUMBER, ref.parsed.text)}
    if verdict.kind is not MatchKind.MATCH or not ours or not _LONG_NUMBER.search(lst.text):
        return
    if unexplained is None:
        unexplained = _unexplained(ref, lst, alias_text)
    for word in unexplained:
        if _LONG_NUMBER.fullmatch(word) and word not in ours:
            verdict.reject(MatchKind.MODEL_CONFLICT, f"number {word} is not "
                                                     f"{'/'.join(sorted(ours))}")
            return


# A decimal the reference names bare (a pen's 0.5, DUO 3.0) and a listing's decimal
_BARE_DECIMAL = re.compile(r"(?<![\d.])(\d+\.\d+)(?![\d.]|\s?[a-z%])")
_ANY_DECIMAL = re.compile(r"(?<![\d.])(\d+\.\d+)(?![\d.])")


def _decimal_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """Another decimal where the reference names one bare: デルガード 0.3mm for デルガード 0.5."""
    if verdict.kind is not MatchKind.MATCH:
        return
    ours = {float(d) for d in _groups(_BARE_DECIMAL, ref.parsed.text)}
    theirs = {float(d) for d in _ANY_DECIMAL.findall(lst.text)}
    if ours and theirs and not ours & theirs and not theirs & {
            float(d) for d in _groups(_ANY_DECIMAL, ref.whole_text)}:
        verdict.reject(MatchKind.VARIANT_CONFLICT,
                       f"{'/'.join(map(str, sorted(theirs)))} is not "
                       f"{'/'.join(map(str, sorted(ours)))}")


# A degree said before a word of the name: とてもしっとり, 超特大
_DEGREE = re.compile(r"(?<![ぁ-ゖー一-鿿])(とても|超|極)([ぁ-ゖー一-鿿]{2,})")


def _degree_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """The plain word where the reference's has a degree: しっとりタイプ for とてもしっとり, 特大
    for 超特大 (the line's other kind or size)."""
    if verdict.kind is not MatchKind.MATCH:
        return
    for m in _matches(_DEGREE, ref.parsed.text):
        word = m.group(2)
        plain = re.search(rf"(?<![ぁ-ゖー一-鿿]){re.escape(word)}", lst.text)
        if plain and m.group() not in lst.text.replace(" ", ""):  # 極 しゃもじ is 極しゃもじ
            verdict.reject(MatchKind.VARIANT_CONFLICT,
                           f"{lst.show(plain)}, not {_shown(ref.parsed, m.group())}")
            return


# A kind a listing names with タイプ (ロングタイプ, 濃縮タイプ, 通常タイプ): not the reference's
# when it never says the word; a seller's words (増量タイプ, お徳用タイプ) name no kind
_TYPE_WORD = re.compile(r"(?<![ぁ-ゖー一-鿿a-z])([ぁ-ゖー一-鿿a-z]{2,10})\s?たいぷ"
                        r"(?![ぁ-ゖー一-鿿a-z\d])|"
                        r"([ぁ-ゖー一-鿿]{2,8})(?:肌|犬)用")  # 超オイリー肌用, 小型犬用
_SELLERS_TYPE = _k(r"増量|お?[得徳]用?|大容量|限定|新|旧|従来|最新|人気|"
                   r".+(?:不要|なし|無し|あり|付き?)")  # イヤーチップ不要タイプ: what it needs


def _type_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict, alias_text: str = "") -> None:
    """A kind the listing names with タイプ that no title of the product says: 濃縮タイプ or
    通常タイプ for a 高保湿 化粧水, ロングタイプ for the plain pole (the line's other kind)."""
    if verdict.kind is not MatchKind.MATCH:
        return
    said = ref.whole_text + " " + alias_text
    for m in _TYPE_WORD.finditer(lst.text):
        stem = m.group(1) or m.group(2)
        if _SELLERS_TYPE.fullmatch(stem) or any(stem[i:] in said for i in range(len(stem) - 1)):
            continue
        verdict.reject(MatchKind.VARIANT_CONFLICT,
                       f"{lst.show(m)}, a kind the reference does not say")
        return


# A listing that calls its copy the first (初代), and a reference whose name says a later
# one: Revolve+ II, Elipsa 2E, GO Plus +, ReFa CARAT RAY's predecessor is no RAY
# 初代, as the normaliser writes it; not 初代プレステ (the platform)
_FIRST_ONE = _k(r"第1世代(?!\s?(?:プレステ|プレイステーション|playstation|ps|ゲームボーイ))")
_LATER_ONE = re.compile(r"\+(?!\s?[a-z\d])|(?<![a-z])(?:ii|iii|iv)(?![a-z])|第[2-9]世代|"
                        r"(?<![a-z\d.])[2-9][a-ce-fh-jl-oq-vx-z](?![a-z\d])")


def _first_one_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """初代 of a listing whose reference's name says a later one (II, +, 2E): the first."""
    if (verdict.kind is MatchKind.MATCH and (first := _FIRST_ONE.search(lst.text))
            and (later := next(iter(_matches(_LATER_ONE, ref.parsed.text)), None))):
        verdict.reject(MatchKind.LINE_CONFLICT,
                       f"{lst.show(first)}, where the reference is a later one "
                       f"({_shown(ref.parsed, later.group())})")


# A game listing that calls itself the plain one (通常版, 無印), and the words by which a
# reference names a richer or later one: プレミアムボックス, ザ・ロイヤル, ファイナル ミックス, 2024
_PLAIN_EDITION = _k(r"通常版|(?<![ぁ-ゖァ-ヺー一-鿿])無印(?:版)?(?!良品)")
_RICHER_EDITION = _k(r"プレミアム|ボックス|(?<![a-z])box|限定|特装|コレクター|collector|デラックス|"
                     r"(?<![a-z])dx(?![a-z])|完全版|ロイヤル|royal|ゴールデン|golden|フェス|"
                     r"(?<![a-z])fes(?![a-z])|ファイナル\s?ミックス|final\s?mix|インターナショナル|"
                     r"ディレクターズ\s?カット|director|アルティメット|ultimate|コンプリート|"
                     r"complete|リマスター|remaster|(?<!\d)20[12]\d(?!\d)")
_PLAIN_SAID = _k(r"通常|スタンダード|standard")
# The names of a game's later, fuller edition, in either script, which a listing of another
# edition says (ペルソナ5 ザ・ロイヤル for ペルソナ5)
_LATER_EDITION_NAMES = {name: _k(pattern) for name, pattern in {
    "royal": r"ロイヤル|(?<![a-z])royal", "golden": r"ゴールデン|(?<![a-z])golden",
    "final mix": r"ファイナル\s?ミックス|final\s?mix", "complete": r"完全版",
    "director's cut": r"ディレクターズ\s?カット|director'?s\s?cut",
    "international": r"インターナショナル|(?<![a-z])international",
    "zodiac age": r"ゾディアック\s?エイジ|zodiac\s?age"}.items()}


def _plain_edition_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """ペルソナ5 通常版 for ペルソナ5 ザ・ロイヤル, キングダムハーツ 無印 for its ファイナル
    ミックス: the plain game, where the reference names a richer or later edition the listing
    lacks."""
    if verdict.kind is not MatchKind.MATCH or not ref.is_game:
        return
    for pattern in _LATER_EDITION_NAMES.values():
        if (m := pattern.search(lst.text)) and not _matches(pattern, ref.whole_text):
            verdict.reject(MatchKind.LINE_CONFLICT, f"{lst.show(m)}, an edition the reference "
                                                    f"does not name")
            return
    if not (plain := _PLAIN_EDITION.search(lst.text)) or _PLAIN_SAID.search(ref.whole_text):
        return
    for m in _matches(_RICHER_EDITION, ref.unlabelled):  # not (期間限定生産 スペシャルCD同梱)
        if m.group().replace(" ", "") not in lst.text.replace(" ", ""):
            verdict.reject(MatchKind.LINE_CONFLICT, f"{lst.show(plain)}, where the reference is "
                                                    f"{_shown(ref.parsed, m.group())}")
            return


# A reference that is a book's later edition, and a listing that dates its copy or calls it
# the first printing (of the old edition, said nothing of a new one)
_LATER_EDITION = _k(r"新版|新訂|新装|改訂|増補|(?<![a-z\d])第?\s?[2-9二三四五六七八九十]\s?版")
_DATED_COPY = _k(r"初版|(?<!\d)(?:19|20)\d\d\s?年(?!\s?[度月])")


def _edition_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """A dated or first-printing copy of a book whose reference is a later edition, where the
    listing says no edition (図鑑 2011年 初版 for 新訂版): the old edition."""
    if (verdict.kind is MatchKind.MATCH and ref.coded_book
            and (later := next(iter(_matches(_LATER_EDITION, ref.whole_text)), None))
            and not _LATER_EDITION.search(lst.text) and (dated := _DATED_COPY.search(lst.text))):
        verdict.reject(MatchKind.VOLUME_CONFLICT, f"{lst.show(dated)}: an older edition, not "
                                                  f"{_shown(ref.parsed, later.group())}")


# New as the first word of the name (not & Newフレンズ; every 2DS LL is a New one)
_NEW = re.compile(r"^new(?![a-z])(?!\s?(?:にんてんどー)?2ds)")
_NEW_SAID = _k(r"(?<![a-z])new(?![a-z])|ニュー|(?<![a-z])n(?=3ds|2ds)")
# The New line of Nintendo's handhelds, named in a listing: Newニンテンドー3DS LL, New 2DS LL
_NEW_3DS = _k(r"(?<![a-z])(?:new|ニュー)\s?(?:ニンテンドー\s?)?[23]ds")


def _new_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """A reference named New (New ニンテンドー3DS LL, New みんなのGOLF) and a listing that
    never says it: the older product of the name; and the converse for Nintendo's handhelds
    (Newニンテンドー3DS LL for the ニンテンドー3DS LL)."""
    if verdict.kind is not MatchKind.MATCH:
        return
    if _matches(_NEW, ref.parsed.text):
        if not _NEW_SAID.search(lst.text):
            verdict.reject(MatchKind.LINE_CONFLICT, "the listing lacks New")
    elif (new := _NEW_3DS.search(lst.text)) and not _matches(_NEW_SAID, ref.parsed.text):
        verdict.reject(MatchKind.LINE_CONFLICT, f"the New model ({lst.show(new)})")


# A shape or form said with 型: 角型, 円筒型, 深型, B6型 (not 新型, 型番, 大型 of a dog)
_SHAPE = re.compile(r"(?<![ぁ-ゖー一-鿿a-z0-9])([一-鿿]{1,2}|[a-z]\d{1,2})型(?!番|式|落ち)")
_NOT_SHAPES = frozenset({"新", "旧", "大", "中", "小", "最新", "超小", "同", "各", "血液", "体"})


# A size said by one kanji after the name: ケース・中, ソファ・大, ケース 深
_KANJI_SIZE = re.compile(r"(?<=[・\s])(特大|大|中|小|深|浅)(?=$|[\s・(])")
# A count that makes another product: a pack's rolls, a toaster's slices
_ROLLS = re.compile(rf"(?<![\d.])(\d{{1,2}})\s?{fold_kana('ロール')}")
_SLICES = re.compile(r"(?<![\d.])(\d{1,2})\s?枚焼")
# A paper size: A5, B6判 (a notebook's, a book's)
_PAPER = re.compile(r"(?<![a-z0-9\-])([ab][3-7])(?:\s?(?:さいず|判|版|型|用紙))?(?![a-z0-9\-])")
# Variants a title writes as a word of one form, each with the words that are none of them,
# how a reason shows it and whether the reference says it in its catalogue copy too (a
# notebook's (A6)): another shape (円筒型 for 角型, A4型 for B6型), another size by one kanji
# (ケース 深 for ケース・中), another count of rolls or slices (2ロール for 4ロール, 4枚焼き for
# 2枚焼き), another paper size (A6 for A5)
_WRITTEN_VARIANTS: tuple[tuple[re.Pattern[str], frozenset[str], str, bool], ...] = (
    (_SHAPE, _NOT_SHAPES, "{theirs}型, not {ours}型", False),
    (_KANJI_SIZE, frozenset(), "size {theirs}, not {ours}", False),
    (_ROLLS, frozenset(), "{theirs} rolls, not {ours}", False),
    (_SLICES, frozenset(), "{theirs}枚焼き, not {ours}枚焼き", False),
    (_PAPER, frozenset(), "size {theirs}, not {ours}", True))


def _written_variant_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """Another shape, one-kanji size, count of rolls or slices, or paper size than the
    reference's: 円筒型 for 角型, 深 for ・中, 2ロール for 4ロール, A6 for A5."""
    for pattern, none_of_them, shown, whole in _WRITTEN_VARIANTS:
        if verdict.kind is not MatchKind.MATCH:
            return
        ours = _groups(pattern, ref.whole_text if whole else ref.parsed.text) - none_of_them
        theirs = set(pattern.findall(lst.text)) - none_of_them if ours else set()
        if theirs and not ours & theirs:
            verdict.reject(MatchKind.VARIANT_CONFLICT, shown.format(
                theirs="/".join(sorted(theirs)), ours="/".join(sorted(ours))))


# A portion taken out of a pack and sold apart, whatever counts it names: 90錠から小分け 30錠
_SPLIT_PACK = _k(r"小分け|量り売り")


def _split_pack_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """A portion taken out of the pack (90錠から小分け 30錠) that the quantity rule let pass
    (it names the pack's count too): not the pack."""
    if (verdict.kind is MatchKind.MATCH and (portion := _SPLIT_PACK.search(lst.text))
            and not _SPLIT_PACK.search(ref.whole_text)):
        verdict.reject(MatchKind.LOT, f"a portion of the pack ({lst.show(portion)}), not the pack")


# A book's translator, in a reference (高見 浩 (翻訳)) or a listing (福田恆存訳, 高見浩 訳)
_TRANSLATED = re.compile(r"[(（]\s?(?:翻訳|訳)\s?[)）]|(?<=[一-鿿ぁ-ゖー])\s?訳(?![一-鿿ぁ-ゖー])")
_TRANSLATOR = re.compile(r"([一-鿿々ぁ-ゖー・]{2,8})\s?訳(?![一-鿿ぁ-ゖー])")


def _translator_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """Another translator than the reference's: 老人と海 福田恆存訳 for 高見 浩 (翻訳)."""
    said = f"{ref.whole_text} {ref.brand_text}"  # 高見 浩 (翻訳) in the title or the brand
    if verdict.kind is not MatchKind.MATCH or not _matches(_TRANSLATED, said):
        return
    ours = said.replace(" ", "")
    for m in _TRANSLATOR.finditer(lst.text):
        if m.group(1) not in ours:
            verdict.reject(MatchKind.VARIANT_CONFLICT,
                           f"another translation ({lst.show(m)})")
            return


# A series a title names: どうぶつの森シリーズ, 大乱闘スマッシュブラザーズシリーズ
_SERIES_NAME = _k(r"([ぁ-ゖー一-鿿々a-z0-9]{2,})\s?シリーズ")


def _series_name_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """Another series than the one the reference names (amiibo しずえ 大乱闘スマッシュブラザーズ
    シリーズ for the どうぶつの森シリーズ one)."""
    if verdict.kind is not MatchKind.MATCH:
        return
    ours = _groups(_SERIES_NAME, ref.whole_text)
    named = set(_SERIES_NAME.findall(lst.text)) if ours else set()
    theirs = {name for name in named
              if name not in ref.whole_text and not any(o in name for o in ours)}
    if theirs and not ours & named:
        verdict.reject(MatchKind.LINE_CONFLICT,
                       f"another series ({_shown(lst, sorted(theirs)[0])})")


def _plus_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """A name word of the reference with + or プラス glued on (エルジューダ エマルジョン+ for
    エマルジョン): the line's Plus product."""
    if verdict.kind is not MatchKind.MATCH:
        return
    for word in ref.core_words:
        if len(word) < 3 or not _KANA_OR_KANJI.search(word):
            continue
        plus = re.search(rf"{re.escape(word)}(?:\+|ぷらす)(?![ぁ-ゖー])", lst.text)
        if plus and not re.search(rf"{re.escape(word)}\s?(?:\+|ぷらす|plus)", ref.whole_text):
            verdict.reject(MatchKind.LINE_CONFLICT, f"{lst.show(plus)}, not "
                                                    f"{_shown_name(ref, word)}")
            return


def _bare_size_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """The name with another number where the reference gives its size (フードマン 600 for
    フードマン 800ml): the other size, its unit left out."""
    if verdict.kind is not MatchKind.MATCH:
        return
    for m in _matches(_NAMED_SIZE, ref.parsed.text):
        word, size = m.groups()
        other = re.search(rf"(?<!\S){re.escape(word)}\s?(\d{{2,4}})(?![\d.a-z])", lst.text)
        if (other and other.group(1) != size and int(other.group(1)) in lst.volumes
                and other.group(1) not in ref.parsed.text):  # not ウタマロ 石鹸 10個セット
            verdict.reject(MatchKind.VARIANT_CONFLICT,
                           f"size {lst.show(other, 1)} is not {_shown(ref.parsed, m.group())}")
            return


def _range_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """A reference that names a range of numbers and a listing that names another:
    ドラゴンクエストX version 1-6 for version 1-5."""
    if verdict.kind is not MatchKind.MATCH:
        return
    ours = _ranges(ref.parsed.text)
    theirs = {_span(a, b) for a, b in _RANGE.findall(lst.text)}
    if ours and theirs and not ours & theirs:
        a, b = min(theirs)
        said = "/".join(f"{x}-{y}" for x, y in sorted(ours))
        verdict.reject(MatchKind.VOLUME_CONFLICT, f"{a}-{b}, not {said}")


# One place or user, several words: キッチン and 台所, お風呂 and 浴室
_SAME_PLACE = {fold_kana(w): fold_kana(same) for same, words in (
    ("キッチン", ("台所",)), ("浴室", ("風呂", "バス")), ("子供", ("こども", "キッズ")),
    ("ベビー", ("赤ちゃん",)), ("車", ("車内",)), ("部屋", ("リビング", "寝室"))) for w in words}


def _place(word: str) -> str:
    word = word.removeprefix("お")
    return _SAME_PLACE.get(word, word)


def _place_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """A reference for one place or one user, and a listing for another: サワデー トイレ用
    for the 部屋用 stick, 猫用 for 犬用."""
    if verdict.kind is not MatchKind.MATCH:
        return
    ours = _places(ref.parsed.text)
    theirs = {_place(m.group(1)): m for m in _PLACE_USE.finditer(lst.text)}
    if ours and theirs and not ours & theirs.keys():
        m = next(iter(theirs.values()))
        verdict.reject(MatchKind.LINE_CONFLICT, f"{lst.show(m)}, where the reference is "
                                                f"{'/'.join(sorted(ours))}用")


# A book's part or companion named by 編 (ビジネス篇, 実践編); not 編集, 編著, 長編, 短編
_PART_OF_WORK = re.compile("(?<![長短中全新])([ぁ-ゖー一-鿿a-z]{2,8})[編篇](?![集者著])")


def _companion_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """A book's companion or part that the reference is not: 自分の小さな「箱」から脱出する方法
    ビジネス篇 for the book itself, 実践編 for the first book."""
    if verdict.kind is not MatchKind.MATCH or not ref.is_book:
        return
    for m in _PART_OF_WORK.finditer(lst.text):
        tail = m.group()[-3:]  # 必修編 of 速読英単語必修編
        if (tail not in ref.whole_text and m.group(1) not in ref.whole_text
                and not _WITH.match(lst.text[m.end():].lstrip())):  # 解答編あり: comes with it
            verdict.reject(MatchKind.LINE_CONFLICT, f"another part of the work ({lst.show(m)})")
            return


def _last_word_rule(ref: _Reference, lst: _Parsed, present: dict[str, float],
                    verdict: _Verdict, named: bool) -> None:
    """A game's title without its last name word, when no number tells the titles apart:
    スーパー マリオパーティ for スーパー マリオパーティ ジャンボリー, ポケモン サン for
    ウルトラサン."""
    if (verdict.kind is not MatchKind.MATCH or named or not ref.is_game
            or ref.parsed.volumes or ref.parsed.generations):
        return
    names = [w for w, weight in ref.core_words.items() if weight >= 4]
    if len(names) < 2 or present[names[-1]] >= 0.5 or any(present[w] < 0.5 for w in names[:-1]):
        return
    last = names[-1]
    if last.isascii():  # SP for SPECIAL, DC for Director's Cut
        tokens = re.findall(r"[a-z]{2,}", lst.text)
        started = any(last.startswith(t) for t in tokens) or any(
            t in ref.initials and t not in ref.parsed.text for t in tokens)
    else:  # ドンダフル for ドンダフルフェスティバル, 夢を見る島 for 夢をみる島
        started = last[:3 if _KANA_ONLY.fullmatch(last) else 2] in lst.text
    if not started and not _lines(_shown_name(ref, last)):
        verdict.reject(MatchKind.LINE_CONFLICT, f"another title of the series: the listing "
                                                f"lacks {_shown_name(ref, names[-1])}")


# Words a seller puts inside a product's name that name no other product: the form it
# comes in (ポンプ), what a size or kind is called (モデル, サイズ, タイプ), "and" (アンド),
# a unit (センチ), what the product is (コンデジ)
_INSERTED_OK = frozenset({
    "もでる", "さいず", "あんど", "たいぷ", "ぽんぷ", "ぼとる", "せっと", "ぱっく", "しりーず",
    "えでぃしょん", "せんち", "みり", "いんち", "ぐらむ", "りっとる", "こんでじ", "でじかめ",
    "みらーれす", "ほんたい", "ばーじょん"})
_KATAKANA_WORD = re.compile("[ァ-ヺー・]+")


@functools.lru_cache(maxsize=256)
def _word_pairs(text: str) -> tuple[frozenset[tuple[str, str]], frozenset[str]]:
    """Each pair of words that stand next to each other in a reference's (folded) title, and
    the words of those pairs."""
    words = _LISTING_WORD.findall(text)
    return frozenset(itertools.pairwise(words)), frozenset(words)


def _names_a_company(word: str, ref: _Reference) -> bool:
    """A maker or publisher (キャノン, オライリー), or a nickname of the reference (スパゼロ):
    a word that names no other product."""
    return bool(makers_in(word) or makers_in(word, publishers=True)
                or is_nickname(word, ref.whole_compact))


def _insertion_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict,
                    unexplained: list[str] | None, alias_text: str = "") -> None:
    """A katakana name the reference lacks, set between two of its words that stand together
    in the reference, names a sibling of the line: クロエ ノマド オードパルファム for クロエ
    オードパルファム, フィックス+ マット for フィックス+, ペルソナ5 スクランブル ザ … 公式設定画集
    for ペルソナ5 公式設定画集. A colour, a platform's maker (ニンテンドー 3DS), a reading in
    brackets or a word before the reference's label (an author) is not one."""
    if verdict.kind is not MatchKind.MATCH or ref.is_accessory:
        return
    if unexplained is None:
        unexplained = _unexplained(ref, lst, alias_text)
    names = {w for w in unexplained if len(w) >= 2 and _KANA_ONLY.fullmatch(w)
             and w not in _INSERTED_OK}
    if not names:
        return
    pairs, own = _word_pairs(ref.parsed.text)
    words = list(_LISTING_WORD.finditer(lst.text))
    for i, m in enumerate(words):
        word = m.group()
        if word not in names or i == 0:
            continue
        j = next((j for j in range(i - 1, max(i - 5, -1), -1) if words[j].group() in own), None)
        k = next((k for k in range(i + 1, min(i + 5, len(words)))
                  if words[k].group() in own), None)
        if j is None or k is None or (words[j].group(), words[k].group()) not in pairs:
            continue
        before, after = words[i - 1], words[i + 1]
        if (word[:3] in ref.whole_text  # パンツタイプ of メリーズパンツ
                or (after.start() == m.end()  # メモリ16GB: what the size is of
                    and _SIZED.fullmatch(after.group()))
                or not _KATAKANA_WORD.fullmatch(lst.show(m))
                or words[k].group() not in ref.unlabelled  # an author before the label
                or lst.text[m.start() - 1:m.start()] in ("(", "（")  # 超(スーパー)
                or sound_key(word) == sound_key(before.group())  # SHIRO シロ
                or _names_a_company(word, ref)
                or ("・" in lst.display[m.start() - 1:m.end() + 1]  # バーバラ・ミント: a
                    and lst.display[m.start() - 2:m.start()] not in ("ザ・", "ジ・"))  # person
                or _colours(lst.show(m)) or makers_in(word + after.group())
                or _PLATFORM_LEXICON.find(word + after.group())):
            continue
        verdict.reject(MatchKind.LINE_CONFLICT, f"another product of the line: "
                                                f"{lst.show(m)} is not in the reference")
        return


def _prefixed_title_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict,
                         unexplained: list[str] | None, alias_text: str = "") -> None:
    """A work's title with a word glued before it that nothing explains is another work:
    ウルトラムーン for ムーン, ちか100かいだてのいえ for 100かいだてのいえ, 大神伝 for 大神."""
    title = ref.work_title
    if verdict.kind is not MatchKind.MATCH or not title or len(title) < 2:
        return
    if unexplained is None:
        unexplained = _unexplained(ref, lst, alias_text)
    for word in unexplained:
        at = word.find(title)
        prefix = word[:at]
        if (at >= 2 and _main_script(prefix) == _main_script(title[0])
                and title not in lst.text.replace(word, " ")
                and prefix[-2:] not in ref.whole_text  # そしてバトンは for そして、バトンは
                and not sounds_in(prefix, ref.whole_text)
                and not re.search(rf"[a-z]\s*{re.escape(title)}", ref.whole_text)  # ニュー
                # スーパーマリオ for New スーパーマリオ: the Latin word read aloud
                and not any(d in prefix for d in _KANJI_DIGITS)):  # 入社一年目 for 1年目
            verdict.reject(MatchKind.LINE_CONFLICT,
                           f"another work: {_shown(lst, word)} is not {_shown_name(ref, title)}")
            return


# Why a seller sells several copies of one game: 兄弟で, 協力プレイ用に, 同じソフト, 景品に
_COPIES_REASON = _k(r"兄弟|姉妹|友達|友人|家族|協力|対戦|通信|同じ|同一|同タイトル|布教|景品|保存|"
                    r"予備|遊ん|使っ|使用|用に?$|どうぞ|子供|子ども|親子|ソフト|そふと|忘年会|"
                    r"プレゼント|ギフト|セット|まとめ|^[本枚個台]")


# Two things joined by a spaced と and sold as a set: ルンバ i7+ と ブラーバ ジェット m6 セット
_JOINED_SET = _k(r"\sと\s.*セット")


def _joined_set_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict,
                     unexplained: list[str] | None, alias_text: str = "") -> None:
    """The reference and another product joined by と in a set (HEM-6161 と 上腕式 HCR-7106
    セット): a word the reference does not explain names the other one."""
    if verdict.kind is not MatchKind.MATCH or not _JOINED_SET.search(lst.text):
        return
    if unexplained is None:
        unexplained = _unexplained(ref, lst, alias_text)
    others = [w for w in unexplained  # 2 of 2冊セット: how many; 本体 と 充電台: its own part
              if not w.isdigit() and not _ACCESSORY_VOCABULARY.regex.search(w)]
    if others and not _matches(_JOINED_SET, ref.parsed.text):
        verdict.reject(MatchKind.LOT, f"a set of different products ({' '.join(others[:3])} "
                                      f"besides the reference)")


def _game_set_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict,
                   unexplained: list[str] | None, alias_text: str = "") -> None:
    """Several games sold together where the listing names another title is a set of
    different games, not copies of the reference: 妖怪ウォッチバスターズ 赤猫団 白犬隊 2本セット,
    GBA FE 3本セット 封印の剣 烈火の剣 聖魔の光石. Copies bought for a reason (兄弟で, 協力
    プレイ用に) or a platform spelled out are not another title."""
    if verdict.kind is not MatchKind.MATCH or not ref.is_game or lst.quantity < 2:
        return
    if _TITLES_JOINED.search(lst.text) and "+" not in ref.parsed.text and "&" not in (
            ref.parsed.text):
        verdict.reject(MatchKind.LOT, "a set of different games (joined by +)")
        return
    if unexplained is None:
        unexplained = _unexplained(ref, lst, alias_text)
    others = [w for w in unexplained
              if not _DIGIT.search(w) and len(w) >= (3 if _KANA_ONLY.fullmatch(w) else 2)
              and not _COPIES_REASON.search(w) and not _glued_title(w, ref)
              and not _PLATFORM_LEXICON.find(w) and not _PLATFORM_LEXICON.find(hira2kata(w))
              and not _names_a_company(w, ref) and not sounds_in(w, ref.parsed.text)
              and w not in _INSERTED_OK and not _PLATFORM_MAKER.fullmatch(w)]
    if others:
        verdict.reject(MatchKind.LOT, f"a set of different games ({' '.join(others[:3])} "
                                      f"besides the reference)")


def _glued_title(word: str, ref: _Reference) -> bool:
    """A listing's word that is the reference's title written without its spaces, part in
    the other script: ドラゴンボールスパーキングゼロ, ニュースーパーマリオブラザーズ."""
    rest = word
    for own in sorted(ref.full_words, key=len, reverse=True):
        if len(own) >= 2:
            rest = rest.replace(own, "")
    return (len(rest) < (4 if rest != word else 2)  # ニュー of ニュースーパーマリオブラザーズ
            or rest in ref.whole_compact or sounds_in(rest, ref.parsed.text))


_PLATFORM_MAKER = re.compile(r"にんてんどー|nintendo|すいっち|びーた|ゔぃーた|ぷれすて|せが|sega|"
                             r"かーとりっじ|かせっと|ぱっけーじ版?|版")
