"""Katakana and Latin spellings of one name: ピクセル is Pixel, エルデンリング is ELDEN RING.

Sellers write foreign names either way, and neither spelling contains the other. Both are
reduced to a *sound key*, the consonants a Japanese speaker hears. Katakana (kana-folded to
hiragana in the matcher) is read as romaji by jaconv. English spelling is brought to how it
is borrowed: a final -er, -or or -ar is a long vowel (モンスター); an r before a consonant is
silent (ダーク); l is r; x is ks; ph is f; c is k or s. Then the vowels, the long-vowel mark
and doubled consonants go.

A key is compared only across scripts, as a whole run of the other script must contain it,
and only when it has at least three consonants: short keys say too little.

Example:
    >>> sound_key("ぴくせる"), sound_key("pixel")
    ('pksr', 'pksr')
    >>> sound_key("りっぷもんすたー") == sound_key("lip monster")
    True
"""

from __future__ import annotations

import functools
import re

import jaconv

MIN_KEY = 3  # consonants a key needs before it is compared

# A run may end in a number, kept in its key: ヒーロー12 is HERO12, チャージ6 is Charge 6.
_KANA_RUN = re.compile("[ぁ-ゖー]+(?:[・ ×&]+[ぁ-ゖー]+)*(?: ?\\d+(?![\\d.]))?")  # ヘイル・メアリー
_LATIN_RUN = re.compile(r"[a-z]+(?:[ '.\-×&]+[a-z]+)*(?: ?\d+(?![\d.]))?")  # hunter×hunter

# English spelling -> the sounds Japanese borrows (applied in order).
_ENGLISH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r) for p, r in (
        (r"(?<=[^aeiou])(?:er|or|ar)\b", "a"),  # monster -> monsta (モンスター)
        (r"(?<=[^aeiou])ure\b", "a"),  # moisture -> moista (モイスチャー)
        (r"(?<=[aeiou])re\b", "a"),  # core -> coa (コア), store (ストア)
        (r"ge\b", "j"),  # surge -> suj (サージ)
        (r"ds\b", "z"),  # buds -> buz (バッズ)
        (r"(?<=[^s'])ls\b", "l"),  # souls -> soul (ソウル)
        (r"ph", "f"),
        (r"(?<=[a-z])tion\b", "shon"),  # edition: エディション
        (r"ck", "k"),
        (r"qu", "k"),
        (r"q", "k"),
        (r"\bx(?=[aeiouy])", "z"),  # xenogears: ゼノギアス
        (r"x", "ks"),
        (r"c(?=[eiy])", "s"),
        (r"g(?=[ei])(?!ea)|(?<=n)g(?=ea)", "j"),  # genifique: ジェニフィック; gear: ギア
        (r"cho\b", "ko"),  # echo: エコー
        (r"chr", "kr"),  # chrome: クローム
        (r"(?<=[aeiou])gn\b", "n"),  # reign: レイン
        (r"t?ch", "t"),  # チ: steam and chocolate alike
        (r"ts", "t"),  # ツ: Hogwarts
        (r"c", "k"),
        (r"th", "s"),
        (r"wh", "w"),
        (r"\bof\b", "ob"),  # オブ
        (r"(?<![a-z])gh", "g"),  # ghost
        (r"gh", ""),  # night
        (r"r(?![aeiouy])", ""),  # dark -> dak (ダーク)
        (r"l", "r"),
        (r"v", "b"),
        (r"m(?=[^aeiouy\s])", "n"),  # comfort -> konfo (コンフォート); steam keeps its m
    )
)
# Romaji (jaconv's Hepburn) -> the same alphabet.
_ROMAJI: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r) for p, r in (
        (r"t?ch", "t"),
        (r"sh", "s"),
        (r"ts", "t"),
        (r"v", "b"),  # ヴィレッジ: village
    )
)
_DROP = re.compile(r"[aeiouyhw\-'. ・×&]+")
_DOUBLE = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=4096)
def sound_key(text: str) -> str:
    """The consonant key of a kana (hiragana) or Latin word or run of words.

    Example:
        >>> sound_key("えるでんりんぐ"), sound_key("elden ring")
        ('rdnrng', 'rdnrng')
    """
    if _KANA_RUN.fullmatch(text):
        spelled = jaconv.kana2alphabet(text)
        for pattern, replacement in _ROMAJI:
            spelled = pattern.sub(replacement, spelled)
    else:
        spelled = text.casefold().replace("'", "")  # let's: レッツ
        for pattern, replacement in _ENGLISH:
            spelled = pattern.sub(replacement, spelled)
    # katakana often voices an English s (ボーズ for Bose, ジーンズ): s and z are one sound here
    return _DOUBLE.sub(r"\1", _DROP.sub("", spelled).replace("z", "s").replace("j", "s"))


def runs(text: str) -> list[str]:
    """The kana and Latin runs of ``text`` whose keys are long enough to compare.

    A name of short words (ヘイル, メアリー) is compared as the whole run it stands in.

    Example:
        >>> runs("ぷろじぇくと・へいる・めありー 上")
        ['ぷろじぇくと・へいる・めありー']
    """
    found = [*_KANA_RUN.findall(text), *_LATIN_RUN.findall(text)]
    # a model letter after the name is not said (ReFa FINE BUBBLE S: ファインバブル)
    found += [run[:-2] for run in found if re.search(r" [a-z]$", run)]
    # a maker's name before the product's is often left out (DJI Osmo Pocket: オズモポケット)
    found += [run.split(" ", 1)[1] for run in found if run.count(" ") >= 2 and run.isascii()]
    return [run for run in found if len(sound_key(run)) >= MIN_KEY]


def sounds_in(word: str, text: str) -> bool:
    """Whether ``word`` (kana or Latin) is heard in a run of the other script in ``text``.

    Example:
        >>> sounds_in("pixel", "ぐーぐる ぴくせる8 128gb")
        True
        >>> sounds_in("ぴくせる", "pixel 8 128gb")
        True
        >>> sounds_in("pixel", "ぴくみん4")
        False
    """
    key = sound_key(word)
    short = len(key) == MIN_KEY - 1 and len(word) >= 5  # major: メジャー, heard as a whole run
    if len(key) < MIN_KEY and not short:
        return False
    kana_keys, latin_keys = _run_keys(text)
    if _KANA_RUN.fullmatch(word):
        others = latin_keys
    elif _LATIN_RUN.fullmatch(word):
        others = kana_keys
    else:
        return False
    if short:
        return any(other.rstrip("0123456789") == key for other in others)
    if any(key in other for other in others):
        return True
    # an English r before a consonant is sometimes sounded (ペルソナ for persona): compare
    # without any r, when enough remains
    bare = key.replace("r", "")
    return len(bare) >= MIN_KEY and any(bare in other.replace("r", "") for other in others)


@functools.lru_cache(maxsize=1024)
def _run_keys(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The keys of a listing's kana runs and of its Latin runs, read once per listing."""
    return (tuple(sound_key(run) for run in _KANA_RUN.findall(text)),
            tuple(sound_key(run) for run in _LATIN_RUN.findall(text)))
