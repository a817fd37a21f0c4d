"""The reference product: its parsed title, brands, model numbers and weighted words.

Built once per product (:func:`_reference` is cached) and read by the rules and the
score for every listing of a page.

Example:
    >>> ref = _reference("サーモス 真空断熱ケータイマグ 500ml ブラック", "サーモス", "JNL-506 BK")
    >>> ref.models, ref.brands, ref.core_words
    (['jnl-506bk'], {'thermos'}, {'真空': 1.0, '断熱': 1.0, 'けーたいまぐ': 6.0})
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from altfinder._text import normalize
from altfinder.matching._normalize import _canonical, _compact, _k, fold_kana
from altfinder.matching._parse import _PART, _STOPWORDS, _parse, _Parsed
from altfinder.matching._sound import runs
from altfinder.matching._vocabulary import (
    _ACCESSORY_VOCABULARY,
    _COLOURS,
    _LEFT,
    _LOT,
    _PLATFORM_LEXICON,
    _RIGHT,
    _WITH,
    BRAND_ALIASES,
    _brand_of,
    _lines,
)

# Where a subtitle starts: a spaced dash or wave, a colon, or a dash between two Japanese
# words (嫌われる勇気―自己啓発の源流: NFKC and the dash folds make the bar a hyphen).
_SPLIT_SUBTITLE = re.compile(r"\s[-―~]\s*|\s?―|:|：|(?<=[ぁ-ゖー一-鿿々〆])-(?=[ぁ-ゖー一-鿿々〆])")
_PAREN = re.compile(r"\([^)]*\)")

# Generic category nouns: sellers often leave them out, so they weigh little.
_GENERIC = _k(
    r"ワイヤレス|ノイズキャンセリング|コントローラー|コードレス|掃除機|クリーナー|電気|ケトル|"
    r"ヘアー?ドライヤー|ドライヤー|洗濯|洗剤|日焼け止め|水筒|圧力|炊飯|ジャー|炊飯器|ih|"
    r"ヘッドホン|ヘッドフォン|イヤホン|ジャンプ|コミックス|コミック|文庫|新書|単行本|電動|"
    r"歯ブラシ|サーキュレーター|スターター|セット|ソフト|ゲーム|joycon|sim|フリー|広告|なし|つき|"
    r"switch|nintendo|ps5|超特大|特大|大容量|詰め替え|より|ための|真空|断熱|ステンレス|"
    r"薬用|美白|保湿|集中|対策|しみ|エイジングケア|"
    r"ケース|充電|usb|magsafe|lightning|type|c|付き|付属|付|ロボット|"
    r"アクションカメラ|デジタルカメラ|ミラーレス一眼カメラ|ミラーレス|一眼|カメラ|gps|"
    r"ランニングウォッチ|スマートウォッチ|腕時計|ウォッチ|マウス|キーボード|トースター|"
    r"食器洗い乾燥機|食洗機|加湿器|扇風機|クレンジング|オイル|ファンデーション|"
    r"メイクアップ|メークアップ"
)
# Where a catalogue title's copy starts: a feature bracket (【…】, […]) or a bar after the name.
_COPY = re.compile(r"[【\[［|｜]")
_LABEL_LINES = frozenset({"novel", "comic", "bunko"})
_WORD = re.compile(r"[a-z0-9][a-z0-9'+]*|[ぁ-ゖー一-鿿々〆]+")


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
    is_pair: bool  # both halves of a pair: Joy-Con (L) / (R)
    glued_generations: list[str]  # ipad10 for iPad (第10世代)
    sequel: re.Pattern[str] | None  # a title word with a number glued on (変な家2)
    series_title: str | None  # a game's longest title word, for the series rule
    sound_runs: list[str]  # kana and Latin runs compared by sound (プロジェクト・ヘイル・メアリー)


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
    copy = _COPY.search(title, 4)
    if copy:  # catalogue copy after the name (Nano II 65W【独自技術…/3ポート】…) says nothing of it
        title = title[:copy.start()]
    parsed = _parse(title)
    brands = parsed.brands | _brand_of(brand)
    models = []
    if model_number:
        model = fold_kana(normalize(model_number).casefold())
        models = [model.replace(" ", "")]
    codes = list(dict.fromkeys([*parsed.codes, *models]))
    short_codes = [_compact(c) for c in parsed.codes if len(_compact(c)) <= 4]
    core_text = _SPLIT_SUBTITLE.split(parsed.rest, maxsplit=1)[0]
    part = _PART.search(parsed.text)
    if part and part.start() < len(core_text):  # サピエンス全史(上) 文明の…: the title ends at (上)
        core_text = core_text[:part.start()]
    core_text = _PAREN.sub(  # (有機ELモデル) names the product; (電撃文庫) is a label
        lambda m: m.group() if _lines(m.group()) - _LABEL_LINES else " ", core_text)
    core = _drop(_words(core_text, short_codes), brands, parsed.colours)
    full = _drop(_words(parsed.rest, short_codes), brands, parsed.colours)
    if not core:
        core = full
    identity = {w for w, weight in full.items() if weight > 1 or w in short_codes}
    identity |= {_compact(c) for c in codes} | {b.replace(" ", "") for b in brands}
    identity |= {w for w in _WORD.findall(parsed.text) if w in ("switch", "ps5", "ps4")}
    lots = {m.group() for m in _LOT.finditer(parsed.text)}
    is_game = bool(parsed.platforms) and not _PLATFORM_LEXICON.find(
        _SPLIT_SUBTITLE.split(parsed.text, maxsplit=1)[0])
    plain_words = [w for w in dict.fromkeys([*core, *full])
                   if len(w) > 1 and not _ACCESSORY_VOCABULARY.regex.search(w)]
    titles = [re.escape(w) for w in plain_words if not w.isascii()]
    return _Reference(
        parsed=parsed, brands=brands, models=models, codes=codes,
        identity=identity, core_words=core, full_words=full,
        word_list=list(dict.fromkeys([*core, *full])),
        token_string=" ".join(parsed.tokens), quantity=parsed.quantity, lots=lots,
        accessories=_ACCESSORY_VOCABULARY.find(parsed.text),
        brand_text=fold_kana(_canonical(brand)) if brand else "",
        is_game=is_game, plain_words=plain_words,
        is_accessory=any(not _WITH.match(parsed.text[m.end():].lstrip())
                         for _, m in _ACCESSORY_VOCABULARY.matches(parsed.text)),
        is_pair=bool(_LEFT.search(parsed.text) and _RIGHT.search(parsed.text)),
        glued_generations=[f"{w}{g}" for w in re.findall(r"[a-z]{3,}", parsed.text)
                           for g in parsed.generations],
        sequel=re.compile(rf"(?:{'|'.join(titles)})(\d{{1,2}})(?!\d)")
        if titles and not parsed.volumes else None,
        series_title=max(core, key=len) if is_game and core else None,
        sound_runs=runs(parsed.text),
    )

