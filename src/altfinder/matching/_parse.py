"""Reading one title: junk words, generations, volumes, specs, quantities, codes, tokens.

:func:`_parse` turns a listing (or reference) title into a :class:`_Parsed`: what the
rules compare and the tokens the score compares, with the seller's own words kept for
quoting in reasons.

Example:
    >>> p = _parse("【美品】iPhone 15 128GB ブルー ×2")
    >>> p.specs, p.quantity, sorted(p.colours)
    ({'storage': {128.0}}, 2, ['blue'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from altfinder.matching._normalize import _canonical, _compact, _k, _strip_promo, fold_kana
from altfinder.matching._vocabulary import (
    _ACCESSORY_VOCABULARY,
    _BRAND_LEXICON,
    _PLATFORM_LEXICON,
    _colours,
    _lines,
)

# Junk and damage: the listing can be no better than this condition.
_POOR = _k(r"ジャンク(?!品?\s*(?:では|じゃ)(?:な|あり))|裁断済み?|自炊用|動作未確認|未確認|"
           r"部品取り|パーツ取り|故障|破損|"
           r"通電のみ|通電確認のみ|(?:画面|液晶)割れ(?!\s*(?:なし|無し|ありません))|"
           r"(?:欠け|カケ)(?:あり|有り)|(?<!ケース)(?<!ケースに)割れ(?:あり|有り)|"  # not a case's
           r"(?:縁|ふち|口)に?(?:小さな|小さい|少し|わずかな)?\s*(?:欠け|カケ)|"  # a chipped rim
           r"表紙破れ|カバー破れ|袋破れ|歪み|ガタつき|"  # a torn cover or bag, a warped frame
           r"水没|水濡れ|水ぬれ|濡れ跡|起動不可|電源入らず|ロック品|"
           r"赤ロム|(?<![a-z])as\s*is(?![a-z])|for\s*parts|(?<![a-z])junk(?![a-z])|"  # not Oasis
           r"コーティング\s*(?:剥がれ|はがれ|ハゲ)|"
           r"落書き・?破れ|破れ・?落書き|読めれば")  # a book: 落書き・破れあり 読めればOKな方へ
_ACCEPTABLE = _k(r"訳あり|わけあり|訳有り|難あり|難有り|欠品|付属品なし|付属品無し|現状品|"
                 r"現状渡し|傷あり|キズあり|汚れあり|使用感あり")

# Units of a number that make it a specification, not a volume number.
_SPEC = _k(
    r"(?<![a-z0-9.\-])(?<!\d/)(\d+(?:\.\d+)?)\x20?(gb|tb|mb|ギガ|テラ|ml|ミリ(?!メートル)|cc|l|g|kg|mg|合|インチ|inch|型|畳|mah|wh|w|v|"
    r"mm|cm|m|hz|"
    r"khz|ghz|k|/?p|cups?|ω|ohm|オーム|カップ用?|杯用|杯分|項目|ページ|枚刃|枚フィン|枚入り?|個入り?|コ入り?|本入り?|袋入り?|包入り?|錠|粒|語)(?:(?<=[a-z])(?![a-z])|(?<![a-z]))"
    r"(?!(?<=[a-z])\d{2,}+[a-z]{0,2}(?![\d個本枚袋箱入セ]))"  # not 40V34: a model (40V is a volt)
)
# 8+128GB, 8GB/256GB: a phone's memory and storage, both in the unit written last
_MEMORY_PAIR = _k(r"(?<![a-z0-9.\-])(\d{1,2})\s*(?:gb)?\s*[+/]\s*"
                  r"(?=(\d{2,4})\s*(?:gb|tb)(?![a-z]))")
_SPEC_TIMES = _k(r"(?<![a-z0-9.\-])(\d+(?:\.\d+)?)\s*(gb|tb)\s*[×x*]\s*(\d)(?!\d)"
                 r"(?!\s*(?:台|個|セット|set|本|パック))\s*枚?")  # not 1TB ×2台: two drives
_APERTURE = re.compile(r"(?<![a-z0-9])f\s*/?\s*(\d{1,2}\.\d)(?![\d.])|"
                       r"(?<![a-z0-9])f/(\d{1,2})(?![\d.])")
# A Fujifilm-style lens name: XF35mmF1.4 R is an F1.4 lens; the code is left as it is
_GLUED_APERTURE = re.compile(r"(?<=\dmm)f(\d{1,2}(?:\.\d)?)(?![\d.])")
_STRENGTH = re.compile(r"(?<![a-z\d.])(\d{1,2}(?:\.\d)?)\s*[%％]\s*(?=[a-z])")
_VIDEO_MODE = re.compile(r"(?<![a-z\d.])\d+(?:\.\d)?k\d{2,3}(?:p|fps)?(?![a-z\d])")
_CLOCK = re.compile(r"(?<![\d:])(\d{1,2}:\d{2})(?![\d:])")
_UNIT_RANGE = _k(r"(?<![a-z0-9.])\d+(?:\.\d+)?\s*[~-]\s*\d+(?:\.\d+)?\s*"
                 r"(?:kg|g|cm|mm|ml|歳|才|ヶ月|か月|カ月)(?![a-z])")
_ZOOM = re.compile(r"(\d{1,3})\s*-\s*(\d{2,4})\s*mm")
ZOOM_SCALE = 10_000  # a focal range as one number: 24-70mm is 240070
_SPF = re.compile(r"(?<![a-z0-9])spf\s*(\d{1,2})(?!\s*[台個本枚])\+?")  # not CH941SPF 2台
_SPEC_CLASS: dict[str, tuple[str, float]] = {
    "gb": ("storage", 1.0), "tb": ("storage", 1000.0), "mb": ("storage", 0.001),
    "ml": ("volume", 1.0), "cc": ("volume", 1.0), "ミリ": ("volume", 1.0), "l": ("volume", 1000.0),
    "g": ("weight", 1.0), "kg": ("weight", 1000.0), "mg": ("weight", 0.001),
    "合": ("rice", 1.0), "インチ": ("inch", 1.0), "inch": ("inch", 1.0), "型": ("inch", 1.0),
    "畳": ("room", 1.0), "mah": ("battery", 1.0), "wh": ("energy", 1.0), "w": ("power", 1.0),
    "ギガ": ("storage", 1.0), "テラ": ("storage", 1000.0),
    "mm": ("length", 1.0), "cm": ("length", 10.0), "m": ("length", 1000.0),
    "hz": ("frequency", 1.0),
    "cup": ("cups", 1.0), "cups": ("cups", 1.0), "カップ": ("cups", 1.0), "カップ用": ("cups", 1.0),
    "杯用": ("cups", 1.0), "杯分": ("cups", 1.0),
    "ω": ("impedance", 1.0), "ohm": ("impedance", 1.0), "オーム": ("impedance", 1.0),
    "項目": ("items", 1.0), "枚入り": ("pieces", 1.0), "枚入": ("pieces", 1.0),
    "枚刃": ("blades", 1.0), "枚フィン": ("fins", 1.0),  # a razor's, a heater's
    "個入り": ("pieces", 1.0), "個入": ("pieces", 1.0), "本入り": ("pieces", 1.0),
    "本入": ("pieces", 1.0), "錠": ("pieces", 1.0), "粒": ("pieces", 1.0),
    "コ入り": ("pieces", 1.0), "コ入": ("pieces", 1.0), "語": ("words", 1.0),  # 4000語レベル
    # 1080p, 40P or 40/P (a hanger's width); 4K, 25K (a sensor)
    "p": ("lines", 1.0), "/p": ("lines", 1.0), "k": ("k", 1.0),
}
_SPEC_CLASS = {fold_kana(k): v for k, v in _SPEC_CLASS.items()}
# Numbers that are neither volumes nor codes. A kanji or kana unit must follow the digits
# directly: "12 日向夏" is volume 12 and an author, not the 12th day.
_IGNORED_NUMBERS = _k(
    r"遮光\s*\d級|\d級\s*遮光|"  # 1級遮光: a curtain's light-blocking grade
    r"\d+(?:\.\d+)?(?:年|月|日|時間|時|分|秒|歳|ヶ月|か月|カ月|ヵ月|ケ月|回|度|倍|代|人|色|週|番|号機|号|"
    r"割|冊|周年|類医薬品|類|万|億|"
    r"点灯|段階|速|枚組|ステージ|弾|デイズ|days(?![a-z]))|"  # 30デイズ: a name's days
    r"(?<=坂)46|(?<=akb|ske|nmb|hkt|ngt|stu)48|"  # 乃木坂46, AKB48: a group's name
    r"(?<=文庫|新書)\s*\d{2,4}(?![\d.])|"  # 岩波少年文庫 127: a label's serial
    "(?<![a-z\\d.])\\d+(?:\\.\\d+)?\\s*[×✕*x](?=\x00)|"  # 140×200cm, the 200cm read out
    r"(?:使用期限|賞味期限|消費期限|期限)\s*\d{4}(?:[./年]\s*\d{1,2})?|"  # 使用期限2026
    r"\d+\s*(?:個|本|枚|台)\s*(?=付|つき|おまけ|オマケ|封入|同梱)|"  # 1個同梱: what comes with it
    r"(?<![a-z\d.])\d+(?:\.\d+)?\s*(?:円|%|％|℃|°c?|h|cm|mm|km|ポイント|pt|コ口|個口)(?![a-z])|"
    r"(?<![a-z0-9-])\d+[~-]\s*\d+(?:\s*(?:kg|g|cm|mm|ml|歳|才|ヶ月|か月|カ月|人|杯))?"
    r"(?![a-z0-9-])|"  # a range (6~11kg), not the middle of GA-2100-1A1JF
    r"\d{1,3}(?:,\d{3})+|\d+/\d+|\d+\.\d+|\d+:\d+"
)
# The year of an edition, a model or a harvest (not a purchase: 2022年購入 says nothing).
# An exam book's year stands alone (令和06年, R06, 2024年試験対応); 令和5年購入 is a purchase.
_YEAR = _k(r"(?<!\d)(20\d\d)\s*[-~]\s*20\d\d\s*年|"  # 2024-2025年: an edition for two years
           r"(?<!\d)(20\d\d)\s*年?\s*(?:春|夏|秋|冬)?\s*(?:版|産|モデル|度版|年度|発売|"
           r"(?:度)?試験)|令和\s*(\d{1,2})\s*年(?!\s*(?:\d|購入|頃|に|から|まで|製|発売))|"
           r"(?<![a-z0-9])r0(\d)(?:\s*年度?)?(?![a-z0-9])")
_UNIT = r"(?:cm|mm|m|センチ|ミリ|メートル|インチ)"
_DIMENSION = _k(rf"(?<![a-z0-9.\-])\d+(?:\.\d+)?(?:\s*{_UNIT}?\s*[×✕*]|x)\s*"
                 rf"\d+(?:\.\d+)?[×✕*]\d+(?:\.\d+)?{_UNIT}?(?![a-z\d])|"  # 25.5×36×16: three
                 rf"(?<![a-z0-9.\-])\d+(?:\.\d+)?(?:\s*{_UNIT}?\s*[×✕*]|x)\s*"
                 rf"\d+(?:\.\d+)?\s*{_UNIT}?(?![a-z\d])(?!\s*(?:個|本|枚|袋|箱|台|セット|set|pcs))")
# W43×D26.5×H19cm: a size in letters (any order, any two or three of W, D and H)
_UNIT_IN = _k(r"[a-zセミメイ]")
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
_UNIT_AFTER = _k(r"[^\s]*?\d*(?:cm|mm|センチ|ミリ)")
_WDH = _k(r"(?:約\s*)?(?<![a-z])[wdh]\s*\d+(?:\.\d+)?\s*(?:cm|mm)?(?:\s*[×xX*]\s*[wdh]\s*"
          r"\d+(?:\.\d+)?\s*(?:cm|mm)?){1,2}(?![a-z\d])")
_LABELLED_SIZE = _k(r"(?:約\s*)?(?:幅|奥行き?|高さ|長さ|直径|厚さ|縦|横|丈)\s*(?:約\s*)?"
                    r"\d+(?:\.\d+)?\s*"
                    r"(?:cm|mm|m|センチ|ミリ)?\s*[×xX*]?")
_LOOSE = _k(r"\d+\s*(?:パック|個入り?|本入り?|個セット)\s*の\s*(?:バラ|ばら|うち|中から)")
# A count of the product's parts: 120mmファン×2, 付属ケーブル2本
_PART_COUNTED = _k(r"(?:ファン|ドライバー|ユニット|バッテリー|予備電池)\s*$|付属\S{0,8}$")
_SET_WORD_IN = _k(r"セット|set|入|パック|組")  # ドライバー 2本セット: two of the product
_TOPIC = fold_kana("は")
_TOTAL = _k(r"(?:(?<![一-鿿])計|合計|total)\s*\d+\s*(?:個|本|枚|袋|点|pcs)?")
# 20本(10本組×2): the count restated in packs
_RESTATED = _k(r"(?<=[個本枚袋])\s*\(\s*\d+\s*(?:個|本|枚|袋)\s*(?:組|入り?)?\s*[×x*]\s*\d+\s*\)")
# A garment or bag size: a standalone S/M/L (maybe with サイズ) or 大/中/小 サイズ
_SIZE = _k(r"(?<![a-z0-9.\-])(xs|s|m|l|ll|xl|xxl)(?:\s*サイズ)?(?![a-z0-9.\-'])(?!\s*(?:ml|g)\b)|"
           r"(?<![一-鿿])(大|中|小)\s*(?:サイズ)(?![一-鿿])|(?<=[\s・])(大|中|小)(?=[\s・]|$)")
_SIZE_NAMES = {"大": "l", "中": "m", "小": "s"}
# A bed's size (a mattress, a duvet): シングル is not セミダブル
_BED_SIZE = _k(r"(?<![ァ-ヺー])(セミシングル|シングル|セミダブル|ダブル|クイーン|キング)"
               r"(?![ァ-ヺー])(?!\s*(?:レンズ|ズーム|キット))")
_BED_NAMES = {fold_kana(name): short for name, short in (  # as sizes are written: S, SD
    ("セミシングル", "ss"), ("シングル", "s"), ("セミダブル", "sd"), ("ダブル", "d"),
    ("クイーン", "q"), ("キング", "k"))}
# A pet product's size: 超小型犬用 is not 小型犬用
_PET_SIZE = re.compile("(超小型|小型|中型|大型)(?:犬|猫)")
_RANGE = _k(r"\d+\s*巻?\s*[~-]\s*\d+\s*巻|"  # 1~4 セット, 1-3冊: volumes too
            r"(?<![a-z0-9.\-])\d{1,3}\s*[~-]\s*\d{1,3}\s*(?=セット|set|冊)")
# What a game's or toy's box says of who plays it and for how long
_PLAYERS = _k(r"(\d{1,2})(?:\s*[~\-]\s*(\d{1,2}))?\s*人")
_PLAY_SPEC = _k(r"(?<![\d.])(?:\d{1,2}\s*[~\-]\s*)?\d{1,2}\s*(?:才|歳)\s*(?:以上|から|~)?\s*"
                r"(?:向け)?|対象年齢\s*\d{1,2}|"
                r"(?<![\d.])\d{1,2}(?:\s*[~\-]\s*\d{1,2})?\s*人\s*(?:用|向け|プレイ|対戦)|"
                r"(?<![\d.])(?:\d{1,3}\s*[~\-]\s*)?\d{1,3}\s*分(?![の一-鿿])|"  # 40-70分
                r"(?<![\d.])\d{1,2}\s*周(?:目)?|"  # 1周クリア: played through once
                r"(?<![\d.])\d{1,2}\s*台\s*(?:同時|切り?替え?|まで|接続)|"  # 2台同時充電, 3台切替:
                # what it does, not two of it
                r"(?:usb-?[abc]|type-?c|ポート)\s*[×x*]\s*\d|"  # USB-C×2: ports, not a pack
                r"(?<![\d.])\d{1,2}\s*(?:個|本|枚)\s*(?=おまけ|オマケ)|"  # 予備バッテリー1個おまけ
                r"(?:ディスク|disc|cd|dvd)\s*\d\s*枚(?:組)?|"  # ディスク3枚: what a game holds
                r"(?:sd|microsd|メモリー)\s*カード\s*\d+\s*gb\s*(?=おまけ|オマケ|付|プレゼント)|"
                r"wi-?\s?fi\s*[4-7]e?(?![\d.a-z])|"  # Wi-Fi 6: a standard, no number of the product
                # how many of a part or an ingredient: 8ボタン, 3種のセラミド, セラミド7種配合
                r"(?<![\d.])\d{1,2}\s*(?:ボタン|種類?(?=\s*(?:の|配合|[一-鿿ァ-ヺ・、)]))|段階|モード|コース|"
                r"コア|スレッド)|(?<![\d.])\d{1,5}\s*(?:ルーメン|lm)(?![a-z])")
# A bare count of 20 or more sheets or cards is what a pack holds (ナンジャモンジャ 60枚)
_CONTENTS = _k(r"(?<![\d.×x*✕])([2-9]\d|\d{3,})\s*枚(?!\s*(?:セット|set|組|まとめ|入|×|x))")
# 200g×2 after 2本セット: the same two bottles, said twice
_SIZED_BEFORE = re.compile(r"\d\s*(?:g|ml|l|kg|mg|gb|tb)\s*$")  # 4TB×2 after 2台: said again
_GENERATION = _k(r"第\s*(\d+)\s*世代|(\d+)\s*(?:st|nd|rd|th)\s*gen(?:eration)?|"
                 r"(?<!pcie)(?<!pcie )gen\s*(\d+)(?!\.\d)(?!\s*[×x]\s*\d)|"  # not PCIe Gen4(×4)
                 r"(\d+)\s*世代|"
                 r"(?<![a-z\d])(\d{1,2})(?:st|nd|rd|th)(?![a-z])(?!\s*(?:edition|anniv))")
_EDITION = _k(r"第\s*(\d+)\s*版|(\d+)\s*(?:st|nd|rd|th)\s*edition|改訂\s*(\d+)\s*版|"
              r"(\d+)\s*訂(?:版)?(?!正)|(?<![a-z\d.])(\d{1,2})\s*版(?!権)")  # 11版 (not PS4版)
_VOLUME = _k(r"第?\s*(\d+)\s*巻|vol\.?\s*(\d+)|(?<![a-z])no\.?\s*(\d+)|"
             r"(?<![a-z])(?:book|part|ep|lv)\.?\s*(\d+)")  # Ep.2: the second episode, Lv.2
# The parts of a work in two or three books: (上), 中巻, 下.
_PART = _k(r"\(\s*(上|中|下)\s*\)|(?<![一-鿿])(上|中|下)\s*巻|(?<=\s)(上|下)(?=\s|$)")
PART_NUMBERS = {"上": 1001, "中": 1002, "下": 1003}  # as volume numbers, apart from 1, 2, 3
_QUANTITY = _k(
    # a Latin x counts units after an amount (40g x3) or before a counter (x3個, x3 セット),
    # else it is a name (Insta360 X3)
    r"(?:(?<!\dah)(?<!\dah )(?<!gen\d)[×✕✖*]\s*(\d+)|"  # not 1.5Ah×2, nor Gen4×4 (lanes)
    r"(?:(?<=\d[gl)])|(?<=\d[gl)] )|(?<=\dml)|(?<=\dml ))x\s*(\d{1,2})|"
    r"(?<![a-z])x\s*(\d{1,2})(?=\s*(?:個|本(?!(?![入組])[一-鿿])|台|枚|箱|袋|缶|組|パック|pcs|セット|set|$)))"
    r"\s*(?:個|本(?!(?![入組])[一-鿿])|台|枚|箱|袋|缶|組|足|着|"
    r"パック|pcs|セット|set|p)?(?![\d.a-z合gml])|"
    r"(?<![a-z\d.\-/])(\d+)\s*(?:個|本(?!(?![入組])[一-鿿])|台|枚(?!組)|(?<=\d)箱|袋|缶|組|足|着|客|脚|パック|"
    r"-?pack|pcs|ユニット|(?<=\d)box(?![a-z])|(?<=\d)体(?![一-鿿]))\s*"  # ポケカ 2BOX, amiibo 2体
    r"(?:セット|set|入り?|組|まとめ)?(?!口|目|分|体|年|月|\s*(?:付|つき|おまけ|オマケ|封入|同梱))|"
    r"(?<![a-z\d.\-/])(?<![a-z] )(?<![ぁ-ゖー])(?!0)(\d+)\s*(?:セット|set)(?![a-z])|"  # not RC 2
    # セット, nor 01 02 セット (two shades)
    r"(?<![\d.])(\d+)\s*セット\s*\(\s*\d+\s*(?:個|本|枚|袋)\s*\)"  # 2セット(4本): two sets
)
# How many of the parts are missing: カード2枚欠品, ファン1個欠品
_MISSING_COUNT = _k(r"(?<![a-z\d])\d+\s*(?:個|本|枚|点|つ|冊|巻)\s*(?:欠品|欠け|不足|紛失)")
# A pair sold as such (グラス ペア, ペアセット); not ペアリング, スペア, a pair's own product
_PAIR = _k(r"(?<![ァ-ヺー])ペア(?:セット)?(?![ァ-ヺー])")
# A model number, with a single letter after a space kept (G7 X is G7X)
_WITH_LIST = _k(r"\s*(?:\([^)]{0,20}\))?[^付]{0,12}付")  # ケーブル2本(3.5mm/6.3mm)付属
_CODE = re.compile(r"(?<![a-z0-9])[a-z0-9]+(?:[-/][a-z0-9]+)*(?:(?<=[a-z]\d) [a-z](?![a-z0-9'.]))?"
                   r"(?![a-z0-9])")

_CJK = re.compile("[ぁ-ゖー一-鿿々〆]+")
_LATIN = re.compile(r"[a-z0-9][a-z0-9'.+]*")
_SPACE_BETWEEN_CJK = re.compile(r"(?<=[ぁ-ゖー一-鿿々〆])\s+(?=[ぁ-ゖー一-鿿々〆])")
_NUMBER = re.compile(r"(?<![\d.a-z])(\d{1,3})(?![\d.a-z]|の|つ|点)")  # not 10の思い込み, 7つの,
# 990点 (a score)

# Words that say nothing about identity (they dilute the similarity).
_STOPWORDS = _k(r"医薬部外品|モデル|本体|タイプ|国内|日本|正規|品|新品|中古|商品|送料|発送|"
                r"\bthe\b|\bwith\b")


def _ints(match: re.Match[str]) -> int:
    return int(next(g for g in match.groups() if g is not None))


@dataclass
class _Parsed:
    """Everything the rules read from one title."""

    text: str  # kana-folded, promotional words blanked (same positions as ``display``)
    folded: str  # kana-folded with the promotional words kept (未使用 after 特典コード)
    display: str  # the canonical title (katakana intact), same blanks: quoted in reasons
    rest: str  # ``text`` with numbers of known meaning removed
    read: str = ""  # ``rest`` with what was read out (volumes, codes…) still marked _GAP
    poor: list[str] = field(default_factory=list)
    acceptable: list[str] = field(default_factory=list)
    quantity: int = 1
    quantity_words: list[str] = field(default_factory=list)
    specs: dict[str, set[float]] = field(default_factory=dict)
    generations: set[int] = field(default_factory=set)
    editions: set[int] = field(default_factory=set)
    volumes: set[int] = field(default_factory=set)
    years: set[int] = field(default_factory=set)  # of an edition or a harvest: 2025年版, 令和6年産
    sizes: set[str] = field(default_factory=set)  # s, m, l, ll: フリーザーバッグ M, Lサイズ, 大
    codes: list[str] = field(default_factory=list)
    compact: str = ""
    colours: set[str] = field(default_factory=set)
    lines: set[str] = field(default_factory=set)
    platforms: set[str] = field(default_factory=set)
    brands: set[str] = field(default_factory=set)
    tokens: dict[str, float] = field(default_factory=dict)
    bare_sizes: list[tuple[float, ...]] = field(default_factory=list)  # 50×80, no unit said

    def show(self, match: re.Match[str], group: int = 0) -> str:
        """The seller's own words for a span found in :attr:`text`."""
        return self.display[match.start(group):match.end(group)].strip()


_GAP = "\x00"  # what a read-out span becomes: no later pattern reads across it


def _blank(text: str, match: re.Match[str]) -> str:
    return text[:match.start()] + _GAP * (match.end() - match.start()) + text[match.end():]


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
    parsed = _Parsed(text=text, folded=folded_all, display=display, rest=text)
    parsed.poor = [canonical[m.start():m.end()] for m in _POOR.finditer(folded_all)]
    parsed.acceptable = [canonical[m.start():m.end()] for m in _ACCEPTABLE.finditer(folded_all)]
    parsed.colours = _colours(canonical)
    parsed.sizes = {_SIZE_NAMES.get(size, size) for m in _SIZE.finditer(text)
                    for size in m.groups() if size}
    parsed.sizes |= {_BED_NAMES[m.group(1)] for m in _BED_SIZE.finditer(text)}
    parsed.sizes |= {m.group() for m in _PET_SIZE.finditer(text)}
    parsed.lines = _lines(canonical)
    parsed.platforms = _PLATFORM_LEXICON.find(canonical)
    if "xboxone" in parsed.platforms:
        parsed.platforms.add("xbox")  # sellers call an Xbox One game an Xbox game
    parsed.brands = _BRAND_LEXICON.find(canonical)

    rest = text
    for m in _YEAR.finditer(rest):
        year = int(next(g for g in m.groups() if g))
        parsed.years.add(year if year > 1000 else 2018 + year)
    for m in _PLAY_SPEC.finditer(rest):  # 8才以上, 3~4人用, 60分: a game's box, no number
        if players := _PLAYERS.search(m.group()):  # 5-6人用 is not 3-4人用 (カタン's extension)
            low, high = players.group(1), players.group(2) or players.group(1)
            parsed.specs.setdefault("players", set()).add(float(f"{low}.{int(high):02d}"))
        rest = _blank(rest, m)
    for m in _MISSING_COUNT.finditer(rest):  # カード2枚欠品: how many are missing, no number
        rest = _blank(rest, m)
    for m in _UNIT_RANGE.finditer(rest):  # (6~11kg): a range of sizes, not volume 6
        if zoom := _ZOOM.fullmatch(m.group()):  # 24-70mm: a zoom lens's focal range
            wide, tele = int(zoom.group(1)), int(zoom.group(2))
            parsed.specs.setdefault("zoom", set()).add(float(wide * ZOOM_SCALE + tele))
        rest = _blank(rest, m)
    for m in _VIDEO_MODE.finditer(rest):  # 5.3K60: a camera's video mode, not volume 60
        rest = _blank(rest, m)
    for m in _STRENGTH.finditer(rest):  # 2% BHA: an ingredient's strength (1% BHA is another)
        parsed.specs.setdefault("strength", set()).add(float(m.group(1)))
        rest = _blank(rest, m)
    for m in _APERTURE.finditer(rest):  # F1.8: a lens's aperture, another lens at F1.2
        parsed.specs.setdefault("aperture", set()).add(float(next(g for g in m.groups() if g)))
        rest = _blank(rest, m)
    for m in _GLUED_APERTURE.finditer(rest):
        parsed.specs.setdefault("aperture", set()).add(float(m.group(1)))
    for m in _GENERATION.finditer(rest):
        parsed.generations.add(_ints(m))
        rest = _blank(rest, m)
    for m in _EDITION.finditer(rest):
        parsed.editions.add(_ints(m))
        rest = _blank(rest, m)
    for m in _RANGE.finditer(rest):  # ranges (1~12巻) are lots, not volumes
        rest = _blank(rest, m)
    for m in _PART.finditer(rest):
        parsed.volumes.add(PART_NUMBERS[next(g for g in m.groups() if g)])
        rest = _blank(rest, m)
    for m in _VOLUME.finditer(rest):
        parsed.volumes.add(_ints(m))
        rest = _blank(rest, m)
    for m in _CLOCK.finditer(rest):  # uka ネイルオイル 13:00: a shade named by the hour
        parsed.specs.setdefault("hour", set()).add(float(m.group(1).replace(":", ".")))
        rest = _blank(rest, m)
    for m in _SPF.finditer(rest):  # SPF 15: a protection factor, not number 15
        parsed.specs.setdefault("spf", set()).add(float(m.group(1)))
        rest = _blank(rest, m)
    for m in _SPEC_TIMES.finditer(rest):  # 16GB×2枚: a kit of 32GB
        size, times = float(m.group(1)), int(m.group(3))
        scale = 1000.0 if m.group(2) == "tb" else 1.0
        parsed.specs.setdefault("storage", set()).update({size * scale, size * scale * times})
        rest = rest[:m.start()] + _GAP * (m.end(2) - m.start()) + rest[m.end(2):]  # ×2枚 counts
    for m in _MEMORY_PAIR.finditer(rest):
        parsed.specs.setdefault("storage", set()).add(float(m.group(1)))
        rest = _blank(rest, m)  # 128GB is read next
    for m in _SPEC.finditer(rest):
        unit = m.group(2)
        if unit in _SPEC_CLASS:
            cls, scale = _SPEC_CLASS[unit]
            parsed.specs.setdefault(cls, set()).add(round(float(m.group(1)) * scale, 3))
        rest = _blank(rest, m)
    for m in _LABELLED_SIZE.finditer(rest):  # 幅15×奥行32×高さ24cm: a size, not volume 15
        if not _UNIT_IN.search(m.group()) and not _UNIT_AFTER.match(rest, m.end()):
            parsed.bare_sizes.append(tuple(float(n) for n in _DECIMAL.findall(m.group())))
        rest = _blank(rest, m)
    for m in _WDH.finditer(rest):
        rest = _blank(rest, m)
    for m in _DIMENSION.finditer(rest):  # 30cm×50m, 30×50: a size, not 50 units
        if not _UNIT_IN.search(m.group()):  # 50×80: a size whose unit the reader knows
            parsed.bare_sizes.append(tuple(float(n) for n in _DECIMAL.findall(m.group())))
        rest = _blank(rest, m)
    for m in _LOOSE.finditer(rest):  # 4パックのバラ 2個: two from a four-pack
        rest = _blank(rest, m)
    for m in _TOTAL.finditer(rest):  # 3個セット×2 (計6個): the total repeats the count
        rest = _blank(rest, m)
    for m in _RESTATED.finditer(rest):
        rest = _blank(rest, m)
    for m in _CONTENTS.finditer(rest):  # 60枚 (a card game's cards): what is inside, not 60
        parsed.specs.setdefault("pieces", set()).add(float(m.group(1)))
        rest = _blank(rest, m)
    quantity = 1
    counted: list[int] = []
    for m in _QUANTITY.finditer(rest):
        value = _ints(m)
        said_again = value in counted and (  # 2台セット ブラック×2: the count said again
            _SIZED_BEFORE.search(text, 0, m.start()) or m.group().lstrip().startswith("×"))
        if 2 <= value <= 100 and not said_again and not (  # バッテリー2個 充電器付き: the
                _ACCESSORY_VOCABULARY.regex.search(text, max(0, m.start() - 8), m.start())
                and _WITH_LIST.match(text, m.end())) and not (  # accessories' count
                (_PART_COUNTED.search(text, max(0, m.start() - 12), m.start())
                 and not _SET_WORD_IN.search(m.group()))
                or text.startswith(_TOPIC, m.end())):  # レンズ2本は動作品: of its parts
            quantity *= value
            counted.append(value)
            parsed.quantity_words.append(parsed.show(m))
        rest = _blank(rest, m)
    pair = _PAIR.search(rest)
    if pair and not counted:  # タンブラー ペア: two of it
        quantity *= 2
        parsed.quantity_words.append(parsed.show(pair))
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
    parsed.read = rest
    parsed.rest = rest.replace(_GAP, " ")
    parsed.compact = _compact(text)
    parsed.tokens = _tokens(text)
    return parsed

