"""The reference product: its parsed title, brands, model numbers and weighted words.

Built once per product (:func:`_reference` is cached) and read by the rules and the
score for every listing of a page.

Example:
    >>> ref = _reference("サーモス 真空断熱ケータイマグ 500ml ブラック", "サーモス", "JNL-506 BK")
    >>> ref.models, ref.brands, ref.core_words
    (['jnl-506-bk'], {'thermos'}, {'真空': 1.0, '断熱': 1.0, 'けーたいまぐ': 6.0})
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from altfinder.matching._abbrev import initials
from altfinder.matching._makers import brand_makers, makers_in
from altfinder.matching._normalize import _canonical, _compact, _k, fold_kana, fold_text
from altfinder.matching._parse import _PART, _SPEC, _STOPWORDS, _parse, _Parsed
from altfinder.matching._sound import MIN_KEY, runs, sound_key
from altfinder.matching._vocabulary import (
    _ACCESSORY_VOCABULARY,
    _COLOUR_LEXICON,
    _COLOURS,
    _LEFT,
    _LINE_LEXICON,
    _LOT,
    _PLATFORM_LEXICON,
    _RIGHT,
    _SCENT_NAME,
    _WITH,
    _WITH_ITEM,
    ACCESSORY_SYNONYMS,
    BRAND_ALIASES,
    _brand_of,
    _colours,
    _lines,
    _mounts,
)

# Where a subtitle starts: a spaced dash or wave, a colon, or a dash between two Japanese
# words (嫌われる勇気―自己啓発の源流: NFKC and the dash folds make the bar a hyphen).
_SPLIT_SUBTITLE = re.compile(r"\s[-―~]\s*|\s?―|-{2,}|:|：|"
                             r"(?<=[ぁ-ゖー一-鿿々〆])-(?=[ぁ-ゖー一-鿿々〆])")
_PAREN = re.compile(r"\([^)]*\)")
_WAVED = re.compile(r"~[^~]{2,}~")
_PACK_MARK = re.compile(r"(?<![\d.])(\d{1,2})\s*(?:-\s*pack|ユニット|台セット|台入り?)(?![a-z])")
# A series label with its number ends the title: (ノンタンあそぼうよ 1)
_LAST_PAREN = re.compile(r"\([^()]*[ぁ-ゖァ-ヺー一-鿿]{3,}\s?\d{1,3}\)\s*$")
_DISPLAY_KIND = re.compile(r"(?:有機el|amoled|oled)\s*(?:でぃすぷれい|display|画面|ぱねる|搭載)")

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
    r"メイクアップ|メークアップ|本体|タイプ|"
    # category nouns and descriptors of catalogue titles
    r"ゲーミング|軽量|防水|コンパクト|電子書籍リーダー|電子書籍|リーダー|入浴剤|化粧下地|下地|"
    r"乾燥肌|敏感肌|低刺激|掃除道具|アルミニウム|アルミ|スポーツバンド|バンド|ヘアケア|"
    r"スキンケア|ボディケア|化粧品|家電|生活家電|キッチン家電|調理家電|美容家電|"
    r"ディスプレイ|モニター|スピーカー|プリンター|複合機|ルーター|ドローン|プロジェクター|"
    r"インスタントカメラ|ポータブル|bluetooth|wi-?fi|北海道産|国産|[一-鿿]{1,3}県産|精米|住居用|"
    r"スマートリモコン|スマートホーム|温湿度計|浄水器|浄水ポット|ポット|交換用|icレコーダー|"
    r"ボイスレコーダー|レコーダー|ターンテーブル|レコードプレーヤー|フルオート|皮むき器|"
    r"炭酸水メーカー|コーヒーメーカー|オープンイヤー|骨伝導|知育玩具|野菜水切り器|speaker|portable|"
    r"wireless|charger|adapter|cable|headphones?|earphones?|mouse|keyboard|tablet|"
    r"smartwatch|router|battery|geforce|radeon|漂白剤|酸素系漂白剤|洗浄剤|つけおき|電源アダプター?|アダプター?|消臭スプレー|スプレー|"
    r"ファンヒーター|ヒーター|石油ストーブ|ストーブ|ビデオカメラ|ジンバル|スタビライザー|化粧水|"
    r"香水|フレグランス|カプセル式|ipx?\d{1,2}|version|ver|matter|uhs|メモリーカード|microsd[a-z]{0,2}|"
    r"sd[a-z]{0,2}カード|ポータブル電源|電源|シャワーヘッド|ウルトラファインバブル|マイクロバブル|"
    r"節水|外付けssd|ポータブルssd|alexa|siri|homekit|google\s*home|つけまつげ|塗るつけまつげ|"
    r"連続再生|以上|スマートロック|工事不要|後付け|玄関|遠隔操作|スマホで操作|美容ローラー|フェイスケア|"
    r"マイクロカレント|ノンシリコン|ダメージケア|保存容器|収納|高さ|標準ズームレンズ|ズームレンズ|望遠ズームレンズ|"
    # descriptors by their ending: 空間オーディオ対応, 水タンク容量, 水冷式, 高圧洗浄機
    r"自動開閉|静音|ながら聴き|耳を塞がない|[ぁ-ゖー一-鿿]{1,8}対応|[ぁ-ゖー一-鿿]{1,10}(?:搭載|内蔵)|[ぁ-ゖー一-鿿]{2,8}シリーズ|[ぁ-ゖー一-鿿]{0,6}容量|[一-鿿]{1,3}式|[一-鿿]{2,6}(?:機|器|剤)"
)
# Where a catalogue title's copy starts: a feature bracket (【…】, […]), a bar, a full
# stop, a spaced slash, or the first of two or more slashes in a list of features
# (1.0型センサー/F1.8レンズ/光学4.2倍ズーム); a bar between letters is a name (Xbox Series X|S).
# (not …。改訂版, nor a title that is sentences: ひげを剃る。そして女子高生を拾う。2)
_COPY = re.compile(r"[【\[［｜]|"
                   r"。(?!\s*(?:\(|\[|改訂|新装|新版|第?\d)|[^。\s]{1,20}。\s*(?:\d|\(|$))|"
                   r"(?<![A-Za-z0-9])\||\|(?![A-Za-z0-9])|\s/\s|"
                   r"(?<!\S)[^\s/]*[ぁ-ゖァ-ヺ一-鿿][^\s/]*/(?=[^/]*/)")
_MODEL_NO = re.compile(r"(?<![a-z])no\.?\s*(\d+)")
_SET_WORD = re.compile(r"セット|組|入")  # 5枚セット, 3個入り: the product is a pack
# A list of what comes with an accessory word: バッテリ・充電器・ケース付
_LISTED_WITH = re.compile(r"(?:[・、,/&＆+]\s*[^\s・、,/&＆+付]{1,8}){1,3}\s*(?:付|つき)")
# What after a number makes it a count, not a sequel (人は話し方が9割, 怪獣8号).
_UNITS = fold_kana("割|号|年|月|日|回|度|倍|代|人|色|%|個|本|枚|点|つ|冊|巻")
_LABEL_LINES = frozenset({"novel", "comic", "bunko"})
# A brand field that is a publisher: the product is a book.
_PUBLISHER = re.compile(r"書房|出版|書店|新社|社$|社\)|館$|文庫|パブリッシング|publishing|kadokawa|"
                        r"(?<![a-z])press(?![a-z])",  # not Nespresso
                        re.IGNORECASE)
_BOOK_SUBTITLE = re.compile(r"(?<=\S)\s+(?=[ぁ-ゖー一-鿿々〆]{10,})|"
                            r"(?<=[ぁ-ゖー一-鿿々〆])\s+(?=(?:the\s+)?[a-z]{2,}(?:\s+[a-z]+){1,})")
_EDITION_BRACKET = re.compile(r"[\[［【][^\]］】]{0,8}(?:版|巻|世代|edition)[^\]］】]{0,4}[\]］】]",
                              re.IGNORECASE)
# A Latin name and its katakana reading in brackets: Echo Pop (エコーポップ), Anker(アンカー),
# Xenoblade2 (ゼノブレイド2)
_READING = re.compile(r"((?:[a-z][a-z0-9'.;&-]*\s?){1,4})\s*\(([ぁ-ゖー・ ]{3,}\d{0,3})\)")
_CHIP = re.compile(r"(?<![a-z0-9])[amg]\d{1,2}\s*(?:pro|max|ultra)(?![a-z])")  # (A17 Pro)
_KANJI_WORD = re.compile(r"(?<![一-鿿々])[一-鿿々]{2,4}(?![一-鿿々])")
_DOTTED = re.compile(r"([ぁ-ゖー一-鿿々a-z]{2,})・([ぁ-ゖー一-鿿々a-z]{2,})")
_BUNKO_LABEL = _k(r"\([^)]*文庫[^)]*\d[^)]*\)")
_TAG = re.compile(r"【[^】]*】|\[[^\]]*\]")
_LABEL_NUMBER = re.compile(r"\([^)]*[ぁ-ゖー一-鿿]{3,}\s?(\d{1,3})\)|"
                           r"\([^)(]*[ぁ-ゖー一-鿿]{2,}\s*\((\d{1,3})\)\s*\)")  # (大型絵本 (3))
# What a product fits, in Latin before 用 or 対応: Xbox Series X|S 用 (no name of its own)
_FITS_FOR = re.compile(r"((?:[a-z0-9|+]+\s?){1,4})\s*(?:用|対応)(?![ぁ-ゖー一-鿿])")
_ACCESSORY_REACH = 30  # characters after a title's name that may still say what it is
_BOOKISH = _k(r"単行本|新書|文庫|コミックス|ハードカバー|ソフトカバー|著|訳|編集部|絵本|えほん|"
              r"\([^)]*(?:books?|ブックス|ノベルズ|ノベルス|ノベル)\)")  # (MFブックス), (GAノベル)
_WORD = re.compile(r"[a-z0-9][a-z0-9'+]*|[ぁ-ゖー一-鿿々〆]+")
# A brand field that is a person's name, family and given name apart (岩崎 夏海): an author
_PERSON_NAME = re.compile(r"(?![^ ]*(?:株式会社|製薬|工業|化粧品|商事|産業))"
                     r"[一-鿿々ぁ-ゖァ-ヺー]{1,5} [一-鿿々ぁ-ゖァ-ヺー]{1,6}")


# Modifiers in a name that sellers drop (リポソーム for リポソーム アドバンスト リペアセラム):
# they count, but are no name word.
_MODIFIER = _k(r"アドバンス[トド]?|クラシック|レギュラー|ノーマル|エッセンシャル|スタンダード|"
               r"オリジナル|"
               r"ベーシック|プレミアム|エクストラ|スペシャル|パーフェクト|ナチュラル|ハンディ|"
               r"[ァ-ヺー]{2,}シリーズ")  # ホワイトシリーズ


_SCENT = fold_kana("の香り")  # ハーバルシトラスの香り: the standard scent goes unsaid


def _words(text: str, extra: Iterable[str] = (), codes: Iterable[str] = ()) -> dict[str, float]:
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
            weight = 1.0 if _GENERIC.fullmatch(word) else float(min(len(word), 8))
            if word in codes:  # a product code says more than a word of its length
                weight = max(weight, 6.0)
            words.setdefault(word, weight)
            continue
        for generic in _GENERIC.findall(word):
            if len(generic) > 1:
                words.setdefault(generic, 1.0)
        for piece in _GENERIC.split(word):
            length = len(piece)  # ロージー weighs 4, though its word is ろーじ
            piece = piece.strip("ー")
            if len(piece) > 1:
                words.setdefault(piece, 2.0 if _MODIFIER.fullmatch(piece) or piece.endswith(_SCENT)
                                 else float(min(length, 8)))
    return words


@dataclass
class _Reference:
    parsed: _Parsed
    brands: set[str]
    models: list[str]  # from Product.model_number
    codes: list[str]  # every model-number-like code of the reference
    title_codes: list[str]  # the title's own product codes, compacted (g7x, whch720n)
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
    brand_field: str  # the brand field as given, with the credits its title ends in (著)
    is_game: bool  # a game: the platform is only a suffix (… -Switch)
    plain_words: list[str]  # reference words that are not accessory words
    is_pair: bool  # both halves of a pair: Joy-Con (L) / (R)
    sequel: re.Pattern[str] | None  # a title word with a number glued on (変な家2)
    name_words: list[str]  # the words a sibling's name would extend (series rule)
    work_title: str | None  # a book's or game's title word, for a subtitle in waves
    lead_word: str | None  # the title word, or the name's first word (続 before it: a sequel)
    sound_runs: list[str]  # kana and Latin runs compared by sound (プロジェクト・ヘイル・メアリー)
    initials: dict[str, list[tuple[int, int]]]  # DK for ドンキーコング: spans of parsed.text
    name_lines: set[str]  # the lines the name itself says (not the catalogue copy)
    name_volumes: set[int]  # the numbers the name itself says (not 10コアCPU in the copy)
    whole_text: str  # the whole title, copy included (ソニーEマウント用 after a bar)
    unlabelled: str  # the whole title without its bracketed labels: (ゼルダの伝説シリーズ)
    word_spans: dict[str, list[tuple[int, int]]]  # where each word stands in parsed.text
    mounts: set[str]  # lens mounts: {'e'} for ソニーEマウント用
    with_items: set[str]  # what it comes with: プレミアムぺん (of プレミアムペン付き)
    scent: tuple[str, str] | None  # its scent, folded and as written (ハーバルシトラス)
    kanji_words: list[str]  # a game's version words: 元祖 of 妖怪ウォッチ2 元祖
    dotted: list[tuple[str, str, str]]  # マスカレード・ホテル: (first, second, as written)
    readings: list[tuple[str, list[str]]]  # Echo Pop (エコーポップ): えこぽっぷ, its words
    shades: list[tuple[str, str, str]]  # (word before, code, name): … ML マットライトオークル
    slots: list[tuple[str, str]]  # (name word, variant code): (ドラマティックパウダリー, ex)
    neighbours: list[tuple[str, str]]  # a name word and the word after it: (さぼん, edp)
    is_book: bool  # a book: its カバー is part of it, not an accessory
    coded_book: bool  # a book by its code (an ISBN), whatever its title says
    whole_compact: str  # whole_text compacted, for a listing's code said anywhere in it
    uncoded_text: str  # whole_text without its codes: mini of iPad mini, not tcf of TCF6623
    text_words: frozenset[str]  # the words of parsed.text (neo of DJI Neo)
    digits: frozenset[str]  # the single digits parsed.text says alone (2 of Bluetooth 5.2 is not)
    shade_colours: dict[int, set[str]]  # the colour after a shade code: {1: black} of R 01 ブラック
    makers: frozenset[str]  # the companies its title and brand name (花王 for キュレル)


# The credits Amazon's page puts after a book's title and format: 湊 かなえ (著), 高見 浩 (翻訳);
# a name is one or two words, never the format (文庫, 単行本) before it
_CREDIT_ROLE = re.compile(r"\s*[(（](?:著|イラスト|翻訳|訳|編集|編|監修|著者|原著|原作|作|絵|写真)"
                          r"[)）]")
_CREDIT_NAME = (r"(?!(?:単行本|文庫|コミック|大型本|新書|ムック|ペーパーバック)(?:\s|[(（]))"
                r"[^\s()（）,、]+")
_CREDIT = rf"{_CREDIT_NAME}(?:\s{_CREDIT_NAME})?{_CREDIT_ROLE.pattern}"
_TRIPLE = re.compile(r"トリプル(?:セット|パック)")  # three in one pack, a listing's 3体セット
_ILLUSTRATED = re.compile(r"[(（]イラスト[)）]")
_CREDITS = re.compile(rf"\s{_CREDIT}(?:\s*[,、]\s*{_CREDIT})*\s*$")
_KANA_WORDS = re.compile(r"[ぁ-ゖー]+(?:[・ ][ぁ-ゖー]+)*")


def _unbrand(text: str, brands: set[str]) -> str:
    """``text`` with the brand's katakana spelling blanked (アイロボット for iRobot).

    The brand is judged by the brand rule; a spelling the lexicon does not know would
    otherwise count as a name word the listing must contain.

    >>> _unbrand("えすてぃ ろーだー だぶる うぇあ", {"estee lauder"})
    '              だぶる うぇあ'
    """
    keys = {sound_key(b) for b in brands if b.isascii()}
    keys = {k for k in keys if len(k) >= MIN_KEY}
    if not keys:
        return text
    for run in _KANA_WORDS.finditer(text):
        words = list(re.finditer(r"[ぁ-ゖー]+", run.group()))
        for i in range(len(words)):
            for j in range(i, min(i + 3, len(words))):
                joined = "".join(w.group() for w in words[i:j + 1])
                if sound_key(joined) in keys:
                    start, end = run.start() + words[i].start(), run.start() + words[j].end()
                    return _unbrand(text[:start] + " " * (end - start) + text[end:], brands)
    return text


def _shown(parsed: _Parsed, word: str) -> str:
    """A reference word in the reference's own script (ふぇいすくりーむ → フェイスクリーム)."""
    at = parsed.text.find(word)
    return parsed.display[at:at + len(word)] if at >= 0 else word


def _drop(words: dict[str, float], brands: set[str], colours: set[str]) -> dict[str, float]:
    """Brand and colour words are judged by rules, not by the similarity score."""
    drop = {b.replace(" ", "") for b in brands} | {
        fold_kana(alias) for name in brands for alias in BRAND_ALIASES.get(name, ())}
    drop |= {fold_kana(w) for c in colours for w in _COLOURS[c]}
    drop |= {w.strip("ー") for w in drop}  # words lose their final ー (ソニー is そに)
    half = {w for b in brands if b.isascii() and " " in b for w in b.split()}
    kept = {}
    for word, weight in words.items():
        stripped = word
        for colour in sorted(drop, key=len, reverse=True):
            if len(colour) > 1 and stripped.endswith(colour):
                stripped = stripped[:-len(colour)].strip()
        if stripped and stripped not in drop:
            kept[stripped] = weight if stripped == word else float(min(len(stripped), 8))
            if stripped in half:  # Western of Western Digital: part of the brand, no name
                kept[stripped] = 1.0
    return kept


# A shade or variant code and its name: "ML マットライトオークル", "05 ダークフィグ".
_SHADE = re.compile(r"(\S+)\s+#?(\d{1,3}|[a-z]{1,3}\d{0,3})\s+([ぁ-ゖー一-鿿]{3,})(?=\s|$)")
# A short variant code after a name word: ドラマティックパウダリー EX, Mini 4 Pro.
# A number with a unit (500ml, 16gb) is a size, not a variant code.
_UNIT_CODE = re.compile(r"\d+(?:\.\d+)?(?:ml|l|g|kg|gb|tb|mb|mm|cm|m|w|v|k|p|mah|hz|cc|mg)")
_SLOT = re.compile(r"([ぁ-ゖー]{3,}|[a-z]{4,})\s+([a-z]{1,3}\d{0,2}|\d{1,3}(?:\.\d)?[a-z]{1,2})"
                   r"(?=[\s(]|$)")


_COLOUR_ENDINGS = tuple(fold_kana(w) for w in (
    "ブラック", "ホワイト", "ブラウン", "ベージュ", "ピンク", "レッド", "ブルー", "グリーン",
    "グレー",
    "オレンジ", "イエロー", "パープル", "ネイビー", "シルバー", "ゴールド", "オークル", "コーラル"))


_LONE_DIGIT = re.compile(r"(?<![\d.])(\d)(?![\d.])")
_SHADE_CODE_THEN = re.compile(r"(?<![\d.])(#\s*\d{1,3}|0\d{1,2})\s+(\S+)")


def _shade_colours(display: str) -> dict[int, set[str]]:
    """The colour a reference names right after a shade code, by the code's number: a
    listing that names the colour names the shade (01 and #02, not Libra 2).

    >>> _shade_colours("ハイパーカール ウォータープルーフ R 01 ブラック マスカラ")
    {1: {'black'}}
    """
    found: dict[int, set[str]] = {}
    for m in _SHADE_CODE_THEN.finditer(display):
        colours = _colours(m.group(2))
        if colours:
            found.setdefault(int(m.group(1).lstrip("# ")), set()).update(colours)
    return found


# Short English words a title uses as words, never as a shade's code
_ENGLISH_WORDS = frozenset({"go", "the", "of", "to", "my", "me", "in", "on", "up", "and", "for",
                            "by", "new", "all", "one", "you", "is", "it", "no", "so", "we",
                            "be", "do", "at", "an", "or", "our", "out", "get", "let", "are"})


def _shades(text: str, core: dict[str, float]) -> list[tuple[str, str, str]]:
    """The reference's shade codes with the word before them and the shade's name.

    A listing may give either the code or the name; another code in the code's place is
    another shade.

    >>> _shades("りっぷもんすたー 05 だーくふぃぐ 3g", {"だーくふぃぐ": 6.0})
    [('りっぷもんすたー', '05', 'だーくふぃぐ')]
    """
    found = []
    for m in _SHADE.finditer(text):
        name = m.group(3).strip("ー")
        named_colour = any(name.endswith(e) and len(name) >= len(e) + 2
                           for e in _COLOUR_ENDINGS)  # ミディアムブラウン, not ブラック
        if ((name in core or named_colour) and not _SPEC_CODE.fullmatch(m.group(2))
                and m.group(2) not in _ENGLISH_WORDS):  # Let's Go! イーブイ is no shade
            found.append((m.group(1), m.group(2), name))
    return found


# Codes that are specifications, not products: SPF50, IPX7, USB3, 4K, 5G, DDR5, Wi-Fi 6.
_SPEC_CODE = re.compile(r"spf\d+|pa\d*|\d+fps|ipx?\d+|usb\d*|type[a-c]?|\d+[kgp]|ddr\d|wifi\d*|"
                        r"bt\d*|hdmi\d*|pd\d*|qi\d*|h\d{3}|x\d{1,2}")


def _is_product_code(code: str) -> bool:
    """A code of the title that names the product: letters and digits, not a spec."""
    return (len(code) >= 3 and any(c.isdigit() for c in code) and any(c.isalpha() for c in code)
            and not _SPEC_CODE.fullmatch(code) and not _PLATFORM_LEXICON.find(code))


_NAME_CHARS = re.compile(r"[a-zぁ-ゖー一-鿿々〆]{2,}")
_NUMBER_ANCHOR = re.compile(r"(?<![\d.a-z\x00])\d{1,3}(?![\d.a-z])")
_ANCHOR_GAP = 3  # separators allowed between the anchors of one cluster: "ラベンダー 80g"


def _brand_words(brands: set[str]) -> frozenset[str]:
    """The brand's spellings as they appear in a folded title."""
    words = {b.replace(" ", "") for b in brands}
    words |= {fold_kana(a).replace(" ", "") for b in brands for a in BRAND_ALIASES.get(b, ())}
    return frozenset(words)


def _name_end(parsed: _Parsed, limit: int, brand: frozenset[str] = frozenset()) -> int:
    """Where a catalogue title's name ends: after its first variant (a size, colour,
    number, model number or generation), the usual place of the copy that follows.

    "スキンアクア トーンアップUVエッセンス ラベンダー 80g 日焼け止め …" is named up to 80g;
    "Fitbit Charge 6 Obsidian/ブラック フィットネストラッカー …" up to ブラック. A title
    without such a variant is all name.

    >>> _name_end(_parse("Kobo Libra 2 ブラック 電子書籍リーダー 防水"), 99)
    17
    """
    spans = [(m.start(), m.end()) for m in re.finditer("\x00+", parsed.read)]
    spans += [(m.start(), m.end()) for m in _NUMBER_ANCHOR.finditer(parsed.read)]
    spans += [(m.start(), m.end()) for m in _COLOUR_LEXICON.regex.finditer(parsed.display)]
    spans.sort()
    name = next((m for m in _NAME_CHARS.finditer(parsed.text)
                 if m.group() not in brand and not _GENERIC.fullmatch(m.group())), None)
    end = None
    for start, stop in spans:
        if start >= limit:
            break
        if end is None:
            if name is None or start < name.end():
                continue  # "2021 iPad mini", "HARIO V60 ケトル": no variant before the name
            end = stop
        elif start - end <= _ANCHOR_GAP:
            end = max(end, stop)
        else:
            break
    return limit if end is None else min(end, limit)


_NAME_RUN = re.compile("[ぁ-ゖー]{3,}|[a-z]{3,}")


def _neighbours(text: str, core: dict[str, float]) -> list[tuple[str, str]]:
    """Each kana or Latin name word of the name with the word that follows it.

    >>> _neighbours("shiro さぼん edp 40ml", {"さぼん": 3.0})
    [('さぼん', 'edp')]
    """
    words = [m.group() for m in _WORD.finditer(text)]
    return [(first, second) for first, second in itertools.pairwise(words)
            if core.get(first.strip("ー"), 0) >= 3 and _NAME_RUN.fullmatch(first)
            and len(second) >= 3 and not _GENERIC.fullmatch(first)]


def _name_words(core: dict[str, float], is_work: bool) -> list[str]:
    """The words whose extension names another product: マインクラフト (ダンジョンズ).

    Every kana or Latin name word of the title proper, and a game's longest title word in
    any script (桃太郎電鉄 ワールド).
    """
    words = [w for w, weight in core.items()
             if weight >= 4 and (re.fullmatch("[ぁ-ゖー]+", w) or re.fullmatch("[a-z]+", w))]
    if not words:  # a short name (DUO 3.0): its three letters are the name
        words = [w for w, weight in core.items() if weight >= 3 and re.fullmatch("[a-z]+", w)]
    if is_work and core:
        words.append(max(core, key=len))
    return sorted(dict.fromkeys(words), key=len, reverse=True)  # ties in a fixed order


# Amazon's game titles end in " - Platform", after any bracketed copy
# The platform tag of a game for the first PlayStation, which the tag names bare
_FIRST_PLAYSTATION = re.compile(r"(?:\(\s*|\s-\s*)playstation\s*\)?\s*$", re.IGNORECASE)
# What a catalogue title's copy says of the product itself, one value each: a screen's
# refresh rate and size
_COPY_SPECS = ("frequency", "inch", "words")  # and a word book's level: 【Basic】4000語レベル
_PLATFORM_TAIL = re.compile(r"\s-\s*([^-【】\[\]()（）]{2,30})$")
# A game's product code says its platform where its title does not (ゼルダの伝説 ムジュラの仮面,
# NUS-P-NZSJ): Nintendo's software codes (P: the game, R: bundled) and Sony's catalogue
# numbers. A console's or an accessory's code (HAC-S-, HAC-A-) names no game.
_NINTENDO_SOFT = re.compile(r"(hac|ctr|ktr|rvl|wup|ntr|twl|dol|agb|cgb|dmg|nus|shvc|hvc)-"
                            r"(?:[pr]-[a-z0-9]{4,5}|(?=\d*[a-z])[a-z0-9]{2,4}(?:-jpn)?)")
_NINTENDO_PLATFORMS = {"hac": "switch", "ctr": "3ds", "ktr": "3ds", "rvl": "wii",
                       "wup": "wii u", "ntr": "ds", "twl": "ds", "dol": "gamecube", "agb": "gba",
                       "cgb": "gbc", "dmg": "gb", "nus": "n64", "shvc": "sfc", "hvc": "fc"}
_SONY_SOFT = re.compile(r"(slps-[01]|slpm-8|scps-1|slps-2|slpm-6|ul[jc][ms]|npjh|vl[jc][ms]|"
                        r"pcsg|bl[jc][ms]|bcjs|pl[jc][ms]|pcjs|el[jc][ms]|ecjs)-?\d")
_SONY_PLATFORMS = {"slps-0": "ps1", "slps-1": "ps1", "slpm-8": "ps1", "scps-1": "ps1",
                   "slps-2": "ps2", "slpm-6": "ps2", "npjh": "psp", "pcsg": "vita",
                   "bcjs": "ps3", "pcjs": "ps4", "ecjs": "ps5", "ul": "psp", "vl": "vita",
                   "bl": "ps3", "pl": "ps4", "el": "ps5"}


def _code_platforms(model: str) -> set[str]:
    """The platform a game's (folded) product code says: {'n64'} of nus-p-nzsj."""
    if m := _NINTENDO_SOFT.fullmatch(model):
        return {_NINTENDO_PLATFORMS[m.group(1)]}
    if m := _SONY_SOFT.match(model):
        code = m.group(1)
        return {_SONY_PLATFORMS.get(code) or _SONY_PLATFORMS[code[:2]]}
    return set()


@functools.lru_cache(maxsize=256)
def _says(model: str, code: str) -> bool:
    """Whether a model number says a title's code: the same code, one with a suffix
    (SV46-BK, SV46BK for SV46) or the start of it, but not a number running on (i7 is
    no part of i755060).

    >>> _says("sv46bk", "sv46"), _says("i755060", "i7")
    (True, False)
    """
    if model.startswith(code):
        return not model[len(code):len(code) + 1].isdigit()
    return code.startswith(model)


def _reference(title: str, brand: str | None, model_number: str | None,
               book: bool = False) -> _Reference:
    credits = _CREDITS.search(title)
    if credits:  # 母性 (新潮文庫) 文庫 湊 かなえ (著): the author, as Amazon's page shows it
        title = title[:credits.start()]  # as its brand field says them: 高見 浩 (翻訳)
        brand = f"{brand or ''} {credits.group().strip()}".strip()
    canonical = _canonical(title)
    whole = fold_kana(canonical)  # with its catalogue copy
    # a platform alone in a bracket tag (サクラ大戦 【セガサターン】), even where the tag is cut
    # as copy; not a list of what it works with (【 iPhone / Nintendo Switch 】)
    tag_platforms: set[str] = set().union(
        *(_PLATFORM_LEXICON.find(t) for t in _TAG.findall(canonical)
          if not re.search(r"[/・,、&]", t)))
    copy = _COPY.search(title, 4)
    while copy and _EDITION_BRACKET.match(title, copy.start()):  # 影響力の武器[第三版]: no copy
        copy = _COPY.search(title, copy.end())
    whole_parsed = _parse(title) if copy else None  # the title with its copy, read once
    # … / 2023年モデル ブラック WH-CH720N B: a colour in the copy is still the product's
    colours = whole_parsed.colours if whole_parsed else set()
    tail = _PLATFORM_TAIL.search(title)  # Fallout 4 【CERO…】 - XboxOne, after any copy
    platforms = _parse(tail.group(1)).platforms if tail else set()
    if tail and re.fullmatch(r"\s*(?:windows|win|mac)\s*", tail.group(1), re.IGNORECASE):
        platforms = {"pc"}  # 三國志14 - Windows
    if _FIRST_PLAYSTATION.search(title):
        platforms = {"ps1"}  # パラッパラッパー (PlayStation): the shop's tag of the first one
    # the first item of a list of copy names the product (Soundcore 3 Bluetooth スピーカー/…)
    first_item = copy.group()[:-1] if copy and copy.group().endswith("/") else ""
    if copy:  # catalogue copy after the name (Nano II 65W【独自技術…/3ポート】…) says nothing of it
        title = title[:copy.start()]
    parsed = _parse(title)
    if (whole_parsed and parsed.quantity == 1 and not parsed.quantity_words
            and whole_parsed.quantity > 1
            and all(_SET_WORD.search(w) for w in whole_parsed.quantity_words)):
        # タオル研究所 [ボリュームリッチ] … 5枚セット: a pack of five, said after a bracket
        parsed.quantity, parsed.quantity_words = (whole_parsed.quantity,
                                                  whole_parsed.quantity_words)
    parsed.colours |= colours
    copy_specs = whole_parsed.specs if whole_parsed else {}
    for cls in _COPY_SPECS:  # (24.5インチ/フルHD/165Hz/…): the monitor's own refresh rate
        if cls not in parsed.specs and cls in copy_specs:
            parsed.specs[cls] = copy_specs[cls]
    if whole_parsed and not parsed.years:  # …|ストリーミングメディアプレイヤー【2023年秋発売】
        parsed.years |= whole_parsed.years
    code_platforms = _code_platforms(fold_text(model_number).strip()) if model_number else set()
    parsed.platforms |= platforms | tag_platforms | code_platforms
    brands = parsed.brands | _brand_of(brand)
    brand_text = fold_kana(_canonical(brand)) if brand else ""  # folded like listing text
    models = []
    if model_number:
        model = fold_text(model_number)
        models = [re.sub(r"\s+", "-", model.strip())]  # JNL-506 BK: the space is a separator
    codes = list(dict.fromkeys([*parsed.codes, *models]))
    # The title's codes name the product (HERO12, WH-CH720N) unless the model number
    # field says them already (it is judged by the model rule)
    short_codes = [_compact(c) for c in parsed.codes
                   if not any(_says(m, _compact(c)) for m in map(_compact, models))]
    rest = _unbrand(parsed.rest, brands)
    # ファミコン探偵倶楽部 - Switch
    tagged = bool(tag_platforms or platforms or code_platforms) or any(
        _PLATFORM_LEXICON.find(t) for t in _TAG.findall(_canonical(title)))
    is_game = bool(parsed.platforms or tagged) and (tagged or not _PLATFORM_LEXICON.find(
        _SPLIT_SUBTITLE.split(parsed.display, maxsplit=1)[0]))  # スーパーファミコン ミニ: a
    # console; 【PS5】ELDEN RING: a game
    if credits and _ILLUSTRATED.search(credits.group()) and not parsed.lines & _LABEL_LINES:
        parsed.lines.add("novel")  # 丸山 くがね (著), so-bin (イラスト): a light novel
    is_book = bool(credits or parsed.lines & {"novel", "comic", "bunko"}  # 湊 かなえ (著)
                   or _BOOKISH.search(parsed.text)
                   or ("巻" in parsed.text and parsed.volumes)
                   or (brand and (_PUBLISHER.search(brand)
                                  or _PERSON_NAME.fullmatch(brand.strip()))))
    labelled = is_book or _LAST_PAREN.search(title)
    for m in _BUNKO_LABEL.finditer(parsed.text):  # (ちくま文庫 と-1-11): the label's numbers
        for number in re.findall(r"\d+", m.group()):
            parsed.volumes.discard(int(number))
    for m in _LABEL_NUMBER.finditer(parsed.text) if labelled else ():  # (…ファーストブック1):
        parsed.volumes.discard(int(m.group(1) or m.group(2)))  # the label's number, not the book's
    core_text = _SPLIT_SUBTITLE.split(rest, maxsplit=1)[0]
    if is_book:  # かぐや様は告らせたい~天才たちの恋愛頭脳戦~: the series' subtitle in waves;
        core_text = _WAVED.sub(" ", core_text)  # ゼロ秒思考 頭がよくなる…: one after a space
        long_subtitle = _BOOK_SUBTITLE.search(core_text)
        if long_subtitle:
            core_text = core_text[:long_subtitle.start()]
    part = _PART.search(parsed.text)
    if part and part.start() < len(core_text):  # サピエンス全史(上) 文明の…: the title ends at (上)
        core_text = core_text[:part.start()]
    end = _name_end(parsed, len(core_text), _brand_words(brands))
    # what the product is: an accessory word in its name or just after it (iPhone 15
    # クリアケース, PowerCore 10000 (… モバイルバッテリー)), not in the copy (最大72時間バッテリー)
    accessory_words = [(w, m) for w, m in _ACCESSORY_VOCABULARY.matches(parsed.text)
                       if m.start() < end + _ACCESSORY_REACH]
    is_accessory = any(not _WITH.match(after := parsed.text[m.end():].lstrip())
                       and not _LISTED_WITH.match(after)  # バッテリ・充電器付: comes with it
                       and not after.startswith(("から", "対応", "連携"))  # ケースから出すと,
                       # スマートスピーカー対応: how it is used, what it works with
                       for _, m in accessory_words)
    # a work's number is part of its title (ペルソナ5 ザ・ロイヤル), and an accessory is
    # named by what it is after the product it fits (iPhone 15 クリアケース)
    name_lines = parsed.lines
    name_volumes = set(parsed.volumes)  # the numbers the name itself says
    if not is_game and not is_book:  # 剪定鋏 No.103: a tool's model number, which sellers omit
        name_volumes -= {int(n) for n in _MODEL_NO.findall(parsed.text)}
    if not is_game and not is_book and not is_accessory:
        spec = _SPEC.search(parsed.text, end)  # 6.1インチ 有機EL: the copy's specs
        name_lines = (_lines(_CHIP.sub(" ", parsed.display[:spec.start()])) if spec
                      else _lines(_CHIP.sub(" ", parsed.display)))
        if end + _ACCESSORY_REACH < len(parsed.text):  # a count in the copy (PCIe x4)
            parsed.quantity = _parse(parsed.display[:end + _ACCESSORY_REACH]).quantity
            pack = _PACK_MARK.search(whole)  # … Deco X50 (2-pack): a pack, wherever it is said
            if parsed.quantity == 1 and pack:
                parsed.quantity = int(pack.group(1))
                unit = "パック" if "pack" in pack.group() else "台"  # what a listing counts
                parsed.quantity_words = [f"{pack.group(1)}{unit}"]
        if parsed.volumes:  # 10コアCPU, 最大150ルーメン, Stylus 2対応: the copy's numbers
            name_volumes &= _parse(parsed.display[:end]).volumes
        core_text = core_text[:end]
    if parsed.quantity == 1 and (triple := _TRIPLE.search((whole_parsed or parsed).display)):
        parsed.quantity, parsed.quantity_words = 3, [triple.group()]  # amiibo トリプルセット
    if "有機el" in name_lines and _DISPLAY_KIND.search(parsed.text):  # AMOLEDディスプレイ: a spec
        name_lines = name_lines - {"有機el"}
    if brand and "+" in brand and "plus" in name_lines:  # Dr.Jart+: the brand's +, no Plus
        own = fold_kana(_canonical(re.sub(r"\(.*", "", brand))).strip()
        if own and "plus" in own and "plus" not in parsed.text.replace(own, " "):
            name_lines = name_lines - {"plus"}
            parsed.lines.discard("plus")
    core_text = _PAREN.sub(  # (有機ELモデル) names the product; (電撃文庫) is a label
        lambda m: m.group() if _lines(m.group()) - _LABEL_LINES else " ", core_text)
    title_codes = [c for c in map(_compact, parsed.codes) if _is_product_code(c)]
    in_core = {_compact(c) for c in parsed.codes if 0 <= parsed.text.find(c) < len(core_text)}
    core = _drop(_words(core_text, [c for c in short_codes if c in in_core], title_codes),
                 brands, parsed.colours)
    # an unknown brand field is often the product's own name (カビキラー, サランラップ): it
    # stays a word of the whole title, though not of the name
    full = _drop(_words(rest, short_codes, title_codes), {b for b in brands if b in BRAND_ALIASES},
                 parsed.colours)
    if not core:
        core = full
    fits = {w for m in _FITS_FOR.finditer(core_text) for w in _WORD.findall(m.group(1))}
    core = {w: 1.0 if w in fits else weight for w, weight in core.items()}  # Xbox Series X|S 用
    identity = {w for w, weight in full.items() if weight > 1 or w in short_codes}
    identity |= {_compact(c) for c in codes} | {b.replace(" ", "") for b in brands}
    identity |= {w for w in _WORD.findall(parsed.text) if w in ("switch", "ps5", "ps4")}
    lots = {m.group() for m in _LOT.finditer(parsed.text)}
    plain_words = [w for w in dict.fromkeys([*core, *full])
                   if len(w) > 1 and not _ACCESSORY_VOCABULARY.regex.search(w)]
    titles = [re.escape(w) for w in plain_words if not w.isascii() or len(w) >= 5]
    return _Reference(
        parsed=parsed, brands=brands, models=models, codes=codes,
        title_codes=title_codes,
        identity=identity, core_words=core, full_words=full,
        word_list=list(dict.fromkeys([*core, *full])),
        token_string=" ".join(parsed.tokens), quantity=parsed.quantity, lots=lots,
        accessories={w for found, _ in [*accessory_words, *_ACCESSORY_VOCABULARY.matches(
                         fold_kana(_canonical(first_item)))]
                     for w in next((g for g in ACCESSORY_SYNONYMS if found in g), {found})},
        brand_text=brand_text,
        is_game=is_game, plain_words=plain_words,
        is_accessory=is_accessory,
        is_pair=bool(_LEFT.search(parsed.text) and _RIGHT.search(parsed.text)),
        sequel=re.compile(rf"(?:{'|'.join(titles)})(\d{{1,2}})(?![\d.]|{_UNITS})")
        if titles else None,
        name_words=_name_words(core, is_game),
        work_title=(title_word := max(core, key=len) if (is_game or is_book) and core else None),
        lead_word=title_word or min(core, default=None, key=lambda w: (
            i if (i := parsed.text.find(w)) >= 0 else len(parsed.text))),
        sound_runs=runs(parsed.text),
        initials=initials(parsed.text, title),
        shades=_shades(parsed.text, {**full, **core}),
        slots=[(m.group(1), m.group(2)) for m in _SLOT.finditer(parsed.text)
               if m.group(1).strip("ー") in core and not _LINE_LEXICON.find(m.group(2))
               and not _PLATFORM_LEXICON.find(m.group(2))
               and not _UNIT_CODE.fullmatch(m.group(2)) and not _SPEC_CODE.fullmatch(m.group(2))],
        is_book=is_book, coded_book=book or is_book, brand_field=brand or "",
        whole_compact=_compact(whole),
        uncoded_text=functools.reduce(lambda text, c: text.replace(c, " "), codes, whole),
        text_words=frozenset(parsed.text.split()),
        digits=frozenset(_LONE_DIGIT.findall(parsed.text)),
        shade_colours=_shade_colours(parsed.display),
        makers=makers_in(whole, fitted=True) | brand_makers(brand_text),
        neighbours=_neighbours(core_text, core),
        name_lines=name_lines,
        name_volumes=name_volumes,
        whole_text=whole,
        unlabelled=_PAREN.sub(" ", whole),
        word_spans={w: [(m.start(), m.end()) for m in re.finditer(re.escape(w), parsed.text)]
                    for w in dict.fromkeys([*core, *full])},
        mounts=_mounts(whole),
        with_items={m.group(1) for m in _WITH_ITEM.finditer(parsed.text)},
        scent=(scent.group(1), parsed.show(scent)) if (
            scent := _SCENT_NAME.search(parsed.text)) else None,
        kanji_words=_KANJI_WORD.findall(parsed.text),
        dotted=[(m.group(1), m.group(2), parsed.display[m.start():m.end()])
                for m in _DOTTED.finditer(parsed.text)  # not in a label: (ハリー・ポッターシリーズ)
                if parsed.text.rfind("(", 0, m.start()) <= parsed.text.rfind(")", 0, m.start())],
        readings=[(re.sub("[ ・ー]", "", m.group(2)), re.split(r"[\s;]+", m.group(1).strip(" ;")))
                  for m in _READING.finditer(whole)],
    )

