"""The series rules: a product's name followed by a name it lacks, or a name changed.

Another game or book of the series (マインクラフト ダンジョンズ for Minecraft, ぐりとぐらの
えんそく for ぐりとぐら), another model of a line (インナースキャンデュアル), a dotted title
with another second half (マスカレード・イブ), a title quoted inside another work's, a name
respelt, prefixed or substituted. Split from ``_rules`` by responsibility; the rejections are
recorded on its :class:`_Verdict`.

Example:
    >>> from altfinder import Product, match_title
    >>> match_title(Product(title="マインクラフト - Switch"),
    ...             "マインクラフト ダンジョンズ Switch").kind.value
    'line_conflict'
"""

from __future__ import annotations

import re
from collections.abc import Callable

from altfinder.matching._abbrev import clipped_spans
from altfinder.matching._makers import makers_in
from altfinder.matching._nicknames import is_nickname
from altfinder.matching._normalize import _compact, _k, _strip_promo, fold_kana
from altfinder.matching._parse import _POOR as _POOR_WORDS
from altfinder.matching._parse import _Parsed
from altfinder.matching._reference import _BOOKISH, _Reference
from altfinder.matching._result import MatchKind
from altfinder.matching._rules import (
    _AFTER_NAME_OK,
    _GLUED_SUFFIX,
    _OF_TITLE,
    _ROMAN,
    _TITLE_OF,
    _shown_name,
    _Verdict,
)
from altfinder.matching._sound import sound_key, sounds_in
from altfinder.matching._vocabulary import (
    _ACCESSORY_VOCABULARY,
    _BRAND_LEXICON,
    _COLOURS,
    _PLATFORM_LEXICON,
    _WITH,
    _colours,
    _lines,
)

# The next word after a name: a kana or Latin word, or a Roman numeral (Earbuds II).
# A Latin word that runs on into digits or a hyphen is a model number (ケータイマグ JNL-506).
_NEXT_WORD = re.compile(r"ー*[\s・:~-]*(?:(?:of|de|in|on|&)\s+)?"  # Ghost of Tsushima
                        r"([ぁ-ゖー]{3,}|[a-z]{3,}(?![a-z0-9-])|(?:ii|iii|iv|vi)(?![a-z0-9]))")


# The words from a follower on, to compare by sound as one run (deep moist: ディープモイスト).
_USED_WITH = _k(r"\s*(?:用|対応|向け|で使用|に使用)")
_RUN_FROM = re.compile(r"[a-z]+(?: [a-z]+){0,2}|[ぁ-ゖー]+(?:[ ・][ぁ-ゖー]+){0,2}")


# (not RAY 箱付き: the box comes with the product, whatever RAY is)
_WITH_SOON = _k(r"(?!箱|元箱|外箱|説明書|取説|保証書|ギャランティ)\S{0,12}?"
                r"(?:付き|付属|セット|同梱)")
_FUNCTION_WORD = re.compile("the|and|for|with|of|in|あんど")
_GLUED_KANJI = re.compile("[一-鿿々]{2,}")  # ファイアーエムブレム無双
# Latin letters as katakana spells them (folded): ダブル for W
_LETTER_NAMES = {fold_kana(k): v for k, v in (
    ("ダブル", "w"), ("ダブリュー", "w"), ("エックス", "x"), ("エス", "s"), ("エム", "m"),
    ("エル", "l"), ("ジェイ", "j"), ("ゼット", "z"), ("ブイ", "v"), ("アール", "r"))}
_TITLE_OF_WORD = re.compile("[ぁ-ゖー一-鿿々]{2,}の[ぁ-ゖー一-鿿々]{2,}")  # ジャッキーのパンやさん
_GAME_SUBTITLE = re.compile("[\\s:~-]*([一-鿿々]{1,4}[のと][一-鿿々ぁ-ゖー]{2,})")  # 黄金の国イーラ
_SPACED_KANJI = re.compile(r"\s*([一-鿿々]{2,4})(?![一-鿿々ぁ-ゖ])")


_HIRAGANA = re.compile("[ぁ-ゖー]+")
_KANJI_CHAR = re.compile("[一-鿿々]")



def _other_version(ref: _Reference, lst: _Parsed, at: int, end: int, verdict: _Verdict) -> bool:
    """A game's name then a kanji word in place of the reference's own: 妖怪ウォッチ2 本家
    (or 真打) for 妖怪ウォッチ2 元祖."""
    ours = [w for w in ref.kanji_words if w not in lst.text]
    if not ours:
        return False
    number = _OWN_NUMBER.match(lst.read, end)
    theirs = _SPACED_KANJI.match(lst.read, number.end() if number else end)
    if (theirs is None or theirs.group(1) in ref.parsed.text
            or _AFTER_NAME_OK.search(theirs.group(1)) or _POOR_WORDS.search(theirs.group(1))):
        return False
    verdict.reject(MatchKind.LINE_CONFLICT, f"another version ({lst.display[at:theirs.end()]}), "
                                            f"not {ours[0]}")
    return True
_GLUED_LETTER = re.compile(r"(?<=[ぁ-ゖー])[a-z]{1,2}(?![a-z0-9])")  # ヴォーノN, タフまるJr
_SEQUEL_MARK = re.compile(r"(?<![一-鿿ぁ-ゖ])続々?\s*$")  # 続 …, 続々 …: the next book
_OWN_NUMBER = re.compile(r"ー*\s*(\d{1,3})(?![\d.])")


def _series_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict, named: bool = False,
                 alias_text: str = "") -> None:
    """A product's name followed by a name it lacks: another product of the series.

    マインクラフト ダンジョンズ and Minecraft Legends are not Minecraft; 桃太郎電鉄ワールド is
    not 桃太郎電鉄 ～昭和 平成 令和も定番！～; インナースキャンデュアル is not インナースキャン.
    A name the shops' own titles of the product give (``alias_text``: ARMS アームズ, ワンダと巨像
    Shadow of the Colossus) is the product's own.
    """
    title = ref.work_title
    if (title and len(title) >= 3 and (at := lst.text.find(title)) >= 0 and (  # not ゼロ・トゥ
            of := _OF_TITLE.match(lst.text, at + len(title))) and of.group() not in ref.whole_text
            and _compact(of.group()) not in ref.whole_compact):  # Mizukiの 混ぜて… glued
        verdict.reject(MatchKind.LINE_CONFLICT,  # ぐりとぐらのえんそく for ぐりとぐら
                       f"another title of the series ({lst.display[at:of.end()]})")
        return
    if (title and (ref.is_book or ref.is_game) and (at := lst.text.find(title)) > 0
            and (of := _TITLE_OF.search(lst.text, 0, at))
            and of.group().rstrip("0123456789") not in ref.whole_text):
        verdict.reject(MatchKind.LINE_CONFLICT,  # うみの100かいだてのいえ for 100かいだてのいえ
                       f"another title of the series ({lst.display[of.start():at + len(title)]})")
        return
    lead = ref.lead_word
    if (lead and (at := lst.text.find(lead)) > 0 and (mark := _SEQUEL_MARK.search(lst.text, 0, at))
            and "続" not in ref.parsed.text):
        verdict.reject(MatchKind.LINE_CONFLICT,  # 続 わけあって絶滅しました。
                       f"a sequel ({lst.display[mark.start():at + len(lead)]})")
        return
    if title and (at := lst.text.find(title)) >= 0:
        subtitle = _WAVE_SUBTITLE.match(lst.text, at + len(title))
        # 薬屋のひとりごと～猫猫の後宮謎解き手帳～: another title of the series (not our own)
        if subtitle and subtitle.group().strip(" ~") not in ref.parsed.text:
            verdict.reject(MatchKind.LINE_CONFLICT,
                           f"another title of the series ({lst.display[at:subtitle.end()]})")
            return
    if ref.is_game and _suffix_missing(ref, lst, verdict):
        return
    for title in () if named else ref.name_words:  # ZDR035 …シガー電源付: our model, named
        at = lst.read.find(title)  # what follows a volume or model number is not read
        end = at + len(title)
        if at < 0:  # マインクラフト for Minecraft, ゼノブレイド2 for Xenoblade2 (ゼノブレイド2)
            heard = _heard_at(title, lst.read) or _read_at(ref, title, lst.read)
            if heard is None:
                continue
            at, end = heard
        kanji = _GLUED_KANJI.match(lst.read, end)
        if (ref.is_game and kanji and kanji.group() not in ref.parsed.text
                and not _AFTER_NAME_OK.search(kanji.group())):
            verdict.reject(MatchKind.LINE_CONFLICT, f"another game of the series "
                                                    f"({lst.display[at:kanji.end()]})")
            return
        if ref.is_game and _other_version(ref, lst, at, end, verdict):
            return
        subtitle = _GAME_SUBTITLE.match(lst.read, end) if ref.is_game else None
        if (subtitle and subtitle.group(1) not in ref.whole_text
                and not _AFTER_NAME_OK.search(subtitle.group(1))
                and not _POOR_WORDS.search(subtitle.group(1))):
            verdict.reject(MatchKind.LINE_CONFLICT,  # ゼノブレイド2 黄金の国イーラ
                           f"another game of the series ({lst.display[at:subtitle.end()]})")
            return
        follower = _NEXT_WORD.match(lst.read, end)
        if follower is None:  # past the reference's own number: SUPERLIGHT 2 DEX
            number = _OWN_NUMBER.match(lst.read, end)
            if number and int(number.group(1)) in ref.parsed.volumes:
                follower = _NEXT_WORD.match(lst.read, number.end())
        if follower is None:
            glued = _GLUED_LETTER.match(lst.read, end)
            if glued and not re.search(rf"{re.escape(title)}\s*{glued.group()}(?![a-z])",
                                       ref.parsed.text) and glued.group() not in ref.parsed.compact:
                verdict.reject(MatchKind.LINE_CONFLICT,
                               f"another model of the series ({lst.display[at:end]}"
                               f"{lst.show(glued)})")
                return
            continue
        for _ in range(4):  # past the reference's own next words (ドリップケトル・ヴォーノ)
            word = follower.group(1)
            if not (_FUNCTION_WORD.fullmatch(word) or (
                    (word in ref.parsed.text or word in ref.parsed.compact)
                    and not (_colours(lst.show(follower, 1).casefold())
                             and not (ref.is_game or lst.platforms)))):
                break  # a colour ends the name: what follows describes the item
            following = _NEXT_WORD.match(lst.read, follower.end())
            if following is None:
                break
            follower = following
        word = follower.group(1)
        if ((ref.is_book or (_BOOKISH.search(lst.text) and not word.startswith("の")))
                and not _NUMBER_NEXT.match(lst.read, follower.end())
                and not _TITLE_OF_WORD.match(lst.read, follower.start(1))):
            continue  # a book's title runs on into its author; プログレッシブ1 is a spin-off,
            # くまのがっこう ジャッキーのパンやさん another book
        if word in ref.initials or is_nickname(word, ref.whole_compact) or (
                word.isascii() != title.isascii() and sound_key(word)
                and sound_key(word) == sound_key(title)):
            continue  # Halo MCC (Master Chief Collection), Halo ヘイロー: our own name again
        if any(w in word for w in ref.name_words if len(w) >= 3 and w != title):
            continue  # てんすいのさくなひめ: the title's reading, with our name in it
        if (len(word) >= 3 and _HIRAGANA.fullmatch(lst.show(follower, 1))
                and _KANJI_CHAR.search(lst.display[at:end])):
            continue  # 朧村正 おぼろむらまさ: the kanji title read out in hiragana
        if lst.read[follower.end():follower.end() + 1] == "・" and "・" not in ref.parsed.text:
            continue  # ハンス・ロスリング: a person, the author
        ours = _NEXT_IN_REFERENCE.match(ref.parsed.text, ref.parsed.text.find(title) + len(title))
        if ours and (key := sound_key(word)) and key == sound_key(ours.group(1)):
            continue  # イヤーバッズ for the reference's next word, Earbuds
        letter = _LETTER_NAMES.get(word)
        if letter and re.search(rf"{re.escape(title)}\s*{letter}(?![a-z])", ref.parsed.text):
            continue  # ソフトストーンダブル for ソフトストーンW
        shown = lst.show(follower, 1)
        after = lst.read[follower.end():].lstrip()
        if _WITH_SOON.match(after):
            continue  # リングコン レッグバンド付き: what comes with the product
        if ((word.isascii() and _USED_WITH.match(lst.read, follower.end()))
                or makers_in(word, publishers=True) or makers_in(word) & ref.makers):
            continue  # MacBook用に: what it is used with; ハドソン, ダイヤモンド社: its maker
        run = _RUN_FROM.match(lst.read, follower.start(1))
        if (word in ref.parsed.text or word in ref.parsed.compact
                or word in ref.unlabelled  # not in a label: (ゼルダの伝説シリーズ)
                or _AFTER_NAME_OK.search(word) or sounds_in(word, title)
                or sounds_in(word, ref.parsed.text) or _PLATFORM_LEXICON.find(shown.casefold())
                or _BRAND_LEXICON.find(shown.casefold())
                or (_colours(shown.casefold()) and not _named_colour(shown)
                    and not (ref.is_game or lst.platforms))  # ソウルシルバー: a game's name
                or (len(word) >= 4  # スペースグレー for スペースグレイ: our word respelled
                    and _spelling(word) in _spelling(ref.parsed.compact))
                or _lines(shown.casefold()) or _ACCESSORY_VOCABULARY.regex.search(word)
                or _POOR_WORDS.search(word) or _WITH.match(after)
                or (run is not None and sounds_in(run.group(), ref.parsed.text))
                or (alias_text and re.search(rf"(?<![ぁ-ゖー一-鿿々a-z]){re.escape(word)}"
                                             rf"(?![ぁ-ゖー一-鿿々a-z])", alias_text))):
            continue
        verdict.reject(MatchKind.LINE_CONFLICT,
                       f"another product of the series ({lst.show(follower, 1)} after "
                       f"{lst.display[at:end]})")
        return
    _dotted_name_rule(ref, lst, verdict)
    _changed_name_rule(ref, lst, verdict)
    _prefixed_name_rule(ref, lst, verdict)
    _dropped_prefix_rule(ref, lst, verdict)
    _quoted_rule(ref, lst, verdict)
    _substituted_name_rule(ref, lst, verdict)


def _suffix_missing(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> bool:
    """A game named by its title and a letter (大乱闘スマッシュブラザーズDX): the title without
    the letter, or with another, is another game of the series (… X, the Nintendo 64 one)."""
    ours = _GLUED_SUFFIX.search(ref.parsed.text)
    if (ours is None or _PLATFORM_LEXICON.find(ours.group(2)) or _ROMAN.fullmatch(ours.group(2))
            or ours.group(2) in ("tm", "r")):  # オリンピック™: a trademark sign, no letter
        return False  # ファイナルファンタジーVII: a number, judged as one
    title, suffix = ours.groups()
    at = lst.text.find(title)
    if at < 0:
        return False
    if (re.search(rf"(?<![a-z]){suffix}(?![a-z])", lst.text)
            or (suffix == "dx" and "deluxe" in lst.lines)):
        return False
    theirs = re.match(r"\s*([a-z]{1,3})(?![a-z0-9])", lst.text[at + len(title):])
    shown = lst.display[at:at + len(title) + (theirs.end() if theirs else 0)].strip()
    verdict.reject(MatchKind.LINE_CONFLICT, f"another game of the series ({shown}, not "
                                            f"{suffix.upper()})")
    return True


def _dotted_name_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """X・Z where the reference is X・Y: マスカレード・イブ is not マスカレード・ホテル."""
    if verdict.kind is not MatchKind.MATCH:
        return
    for first, ours, shown in ref.dotted:
        if ours in lst.text or sounds_in(ours, lst.text):
            continue
        theirs = re.search(rf"{re.escape(first)}・([ぁ-ゖー一-鿿々a-z]{{2,}})", lst.text)
        if theirs and not ours.startswith(theirs.group(1)) and not theirs.group(1).startswith(ours):
            verdict.reject(MatchKind.LINE_CONFLICT, f"another title ({lst.show(theirs)}), not "
                                                    f"{shown}")
            return


_WORD_BEFORE = re.compile(r"([ぁ-ゖー]{3,}|[a-z]{3,})\s+$")


def _respelled(ref: _Reference, theirs: str, ours: str, run: str | None = None) -> bool:
    """Whether the listing's word is ours spelled another way (ヴ for ブ) or clipped from
    the reference's words (ペパマリ for ペーパーマリオ), so no other product's name."""
    return _spelling(theirs) == _spelling(ours) or bool(
        clipped_spans(ref.parsed.text, run if run is not None else theirs))


def _substituted_name_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """Another name where the reference has its own, before a word both share:
    ビオデルマ イドラビオ エイチツーオー for サンシビオ エイチツーオー, SHIRO ホワイトリリー
    オードパルファン for サボン オードパルファン."""
    if verdict.kind is not MatchKind.MATCH:
        return
    for ours, after in ref.neighbours:
        if ours in lst.text or sounds_in(ours, lst.text):
            continue
        at = lst.read.find(after)
        if at <= 0:
            continue
        before = _WORD_BEFORE.search(lst.read, 0, at)
        if before is None or _ours_or_ordinary(ref, lst, before, ours, _AFTER_NAME_OK.search):
            continue
        theirs = before.group(1)
        if (theirs[:2] == ours[:2] and len(theirs) < len(ours)) or _respelled(ref, theirs, ours):
            continue  # マリパ for マリオパーティ, ペパマリ for ペーパーマリオ: a shortening
        verdict.reject(MatchKind.LINE_CONFLICT,
                       f"another product of the series ({lst.show(before, 1)} where the "
                       f"reference has {_shown_name(ref, ours)})")
        return


_AUTHOR = re.compile(r"[一-鿿々]{2,6}|[一-鿿々]{1,3}[ぁ-ゖー]{2,4}|[ぁ-ゖー]{2,8}・[ぁ-ゖー]{2,8}")
_QUOTED = re.compile(r"[『「]([^』」]+)[』」]")
_WORDS_BEFORE = re.compile(r"[ぁ-ゖー一-鿿々〆a-z]{4,}")


def _quoted_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """The reference's title quoted inside another work's: 迷路の外には何がある?
    『チーズはどこへ消えた?』その後の物語 is not チーズはどこへ消えた?."""
    if verdict.kind is not MatchKind.MATCH:
        return
    ours = [m.group(1) for m in _QUOTED.finditer(ref.parsed.folded)]
    for m in _QUOTED.finditer(lst.folded) if ours else ():  # 『イノベーションと…』, not 『マネジ…』
        if not any(m.group(1) in o or o in m.group(1) for o in ours):
            verdict.reject(MatchKind.LINE_CONFLICT, f"another title ({lst.show(m)}, not "
                                                    f"『{ours[0]}』)")
            return
    names = [w for w, weight in ref.core_words.items() if weight >= 4]
    for m in _QUOTED.finditer(lst.folded):
        if not any(w in m.group(1) for w in names) or _QUOTED.search(ref.parsed.folded):
            continue
        before = re.sub(r"^\s*【[^】]*】", "", _strip_promo(lst.folded[:m.start()]))  # 【料理本】
        if _AUTHOR.fullmatch(before.strip()):
            continue  # 辻村深月『傲慢と善良』: the author, then the title
        if _WORDS_BEFORE.search(before):
            verdict.reject(MatchKind.LINE_CONFLICT,
                           f"another work that names the title ({lst.display[:m.start()].strip()}"
                           f" …)")
            return


_PREVIOUS_WORD = re.compile(r"([ぁ-ゖー]+|[a-z]+)[\s&・+-]*$")


def _ours_or_ordinary(ref: _Reference, lst: _Parsed, found: re.Match[str], word: str,
                      ordinary: Callable[[str], object], *, glued: bool = False) -> bool:
    """Whether a word next to a reference word is the reference's own, an ordinary word,
    a brand, a platform, a colour or a line (so names no other product), or of another script.

    A colour glued to a name makes another name (ピンクオークル is not オークル)."""
    theirs = found.group(1)
    shown = lst.display[found.start(1):found.end(1)].casefold()
    at = ref.parsed.text.find(word)
    before = _PREVIOUS_WORD.search(ref.parsed.text, 0, at) if at > 0 else None
    if before and sound_key(before.group(1)) == sound_key(theirs):
        return True  # ニュー for the reference's NEW: the word it has there, spelled otherwise
    return bool(theirs in ref.parsed.text or theirs in ref.parsed.compact or ordinary(theirs)
                or sounds_in(theirs, ref.parsed.text) or _BRAND_LEXICON.find(shown)
                or _PLATFORM_LEXICON.find(shown) or word.isascii() != theirs.isascii()
                or (not glued and bool(_colours(shown) or _lines(shown))))


# A word glued before a name, or joined to it by & or ・ (ボリューム&カールマスカラ).
_HEAD = re.compile(r"([ぁ-ゖー]{2,}|[a-z]{2,}|(?<![a-z])[a-z](?=-)|"
                   r"(?<![一-鿿])(?:超|新|真|続|裏|完全))[&・+-]?$")  # E-TERRA, 超バカの壁


def _prefixed_name_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """A name with a word glued before it that the reference lacks: ボリューム&カール
    マスカラ is not ロング&カールマスカラ, ピンクオークル10 is not オークル10."""
    if verdict.kind is not MatchKind.MATCH:
        return
    for word in (w for w, weight in ref.core_words.items() if weight >= 4):
        at = lst.read.find(word)
        if at <= 0:
            continue
        head = _HEAD.search(lst.read, 0, at)
        if head is None or _ours_or_ordinary(ref, lst, head, word, _AFTER_NAME_OK.fullmatch,
                                             glued=True):
            continue
        verdict.reject(MatchKind.LINE_CONFLICT,
                       f"another product of the series ({lst.show(head, 1)} before "
                       f"{_shown_name(ref, word)})")
        return


# A one-kanji prefix that makes a new title of a name: 超 of ポケモン超不思議のダンジョン, 新 of
# 新テニスの王子様 (not of 最新 or 新装版: the name after it must run three characters)
_TITLE_PREFIX = re.compile("(?<![一-鿿々])([超新真続裏])([ぁ-ゖー一-鿿々]{3,})")


def _dropped_prefix_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """The reference's name without the kanji that makes it a new title is the older title:
    ポケモン不思議のダンジョン for ポケモン超不思議のダンジョン, テニスの王子様 for
    新テニスの王子様."""
    if verdict.kind is not MatchKind.MATCH or not (ref.is_game or ref.is_book):
        return
    for m in _TITLE_PREFIX.finditer(ref.parsed.text):
        name = m.group(2)[:4]
        at = lst.text.find(name)
        if at >= 0 and lst.text[at - 1:at] != m.group(1) and m.group() not in lst.text:
            verdict.reject(MatchKind.LINE_CONFLICT,
                           f"another title of the series: {_shown_name(ref, m.group())} "
                           f"without {m.group(1)}")
            return


_KANA_RUN = re.compile("[ぁ-ゖー]+")
_CJK_RUN = re.compile("[ぁ-ゖー一-鿿々〆]+")


def _script(text: str) -> str:
    """kana, kanji or mixed."""
    if _KANA_RUN.fullmatch(text):
        return "kana"
    return "kanji" if re.fullmatch("[一-鿿々〆]+", text) else "mixed"


_VARIANT_SPELLINGS = (("ゔぁ", "ば"), ("ゔぃ", "び"), ("ゔ", "ぶ"))
# An e-row kana's い is a long vowel (グレイ and グレー, ノルウェイ and ノルウェー)
_LONG_E = re.compile("([ぇえけせてねへめれげぜでべぺ])い")
_M_BEFORE_B = re.compile("む(?=[ばびぶべぼぱぴぷぺぽ])")
_SMALL = str.maketrans("ぁぃぅぇぉっゃゅょゎゔ", "あいうえおつやゆよわぶ")


def _spelling(kana: str) -> str:
    """Kana with the spelling variants folded: ウォッチ and ウオッチ, ヴォーノ and ボーノ."""
    kana = _LONG_E.sub(r"\1", kana)  # ノルウェイ and ノルウェー
    for variant, plain in _VARIANT_SPELLINGS:
        kana = kana.replace(variant, plain)
    kana = _M_BEFORE_B.sub("ん", kana)  # エムブレム and エンブレム
    return kana.replace("ー", "").translate(_SMALL)


def _common_start(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                min(len(a), len(b)))


def _changed_name_rule(ref: _Reference, lst: _Parsed, verdict: _Verdict) -> None:
    """A name word with its start or end changed: モンスターハンターストーリーズ is not
    モンスターハンターライズ, ペーパーマリオ is not スーパーマリオ, 銀のフレーズ is not
    金のフレーズ.

    A change between kanji and kana may be a reading (食べたい, たべたい): only a change
    within one script counts.
    """
    for word in (w for w, weight in ref.core_words.items() if weight >= 4):
        if len(word) < 4 or not _CJK_RUN.fullmatch(word) or word in lst.read:
            continue
        for m in _CJK_RUN.finditer(lst.read):
            run = m.group()
            head = _common_start(word, run)
            tail = _common_start(word[::-1], run[::-1])
            if head >= max(4, 0.4 * len(word)) and len(word) - head >= 2 and len(run) - head >= (
                    1 if head >= 6 else 2):  # マクストラプロ for マクストラプラス
                theirs, ours = run[head:], word[head:]
            elif tail >= max(3, 0.5 * len(word)) and len(run) > tail and len(word) > tail:
                theirs, ours = run[:-tail], word[:-tail]
            else:
                continue
            if (theirs in ref.parsed.text or _AFTER_NAME_OK.search(theirs)
                    or _script(theirs) != _script(ours)
                    or (len(word) < 5 and _script(word) == "kana")
                    or _respelled(ref, theirs, ours, m.group())):
                continue
            verdict.reject(MatchKind.LINE_CONFLICT,
                           f"another product of the series ({lst.show(m)}, not "
                           f"{_shown_name(ref, word)}: {theirs} for {ours})")
            return


# A subtitle in waves right after the title: 薬屋のひとりごと～猫猫の後宮謎解き手帳～.
_WAVE_SUBTITLE = re.compile(r"\s*~[^~]{2,}~")
_NUMBER_NEXT = re.compile(r"\s?\d")
_NEXT_IN_REFERENCE = re.compile(r"\s*([ぁ-ゖー]+|[a-z]+)")
_SINGLE_WORD = re.compile("[ぁ-ゖー]{3,}|[a-z]{3,}")


def _read_at(ref: _Reference, word: str, text: str) -> tuple[int, int] | None:
    """Where the katakana reading the reference gives for ``word`` stands in ``text``."""
    for reading, latin in ref.readings:
        if word in latin and (m := re.search("ー?".join(map(re.escape, reading)), text)):
            return m.start(), m.end()
    return None


def _heard_at(word: str, text: str) -> tuple[int, int] | None:
    """Where a word of the other script sounds like ``word`` (マインクラフト for minecraft)."""
    key = sound_key(word)
    if len(key) < 3 or not (word.isascii() or _KANA_RUN.fullmatch(word)):
        return None
    for m in _SINGLE_WORD.finditer(text):
        if m.group().isascii() != word.isascii() and sound_key(m.group()) == key:
            return m.start(), m.end()
    return None


_COLOUR_SPELLINGS = sorted({w.casefold() for ws in _COLOURS.values() for w in ws}, key=len,
                           reverse=True)


def _named_colour(shown: str) -> bool:
    """A word that is a name ending in a colour (サムシングピュアブルー), not a colour
    (ミッドナイトブラック)."""
    rest = shown.casefold()
    for spelling in _COLOUR_SPELLINGS:
        rest = rest.replace(spelling, "")
    return len(rest.strip()) >= 4


