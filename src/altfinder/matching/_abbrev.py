"""Japanese clipped names (略語): ルイマン for ルイージマンション, 東リベ for 東京リベンジャーズ.

A clipped name takes the first morae of two or more words of a name, in order, and drops the
rest: マリカ (マリ·オ·カ·ート), ブリダイ (ブリ·リアント·ダイ·ヤモンド), 牧物 (牧·場·物·語),
ファミ探 (ファミ·コン·探·偵倶楽部), ポケダン (ポケ·モン不思議の·ダン·ジョン). A listing's run of
kana and kanji is read as such a clipping of the reference's text: each piece is one to three
characters that start a word or a mora of the reference, the first piece starts a word, the
pieces come in order and at least one character is skipped between two of them. Whatever
follows the clipping in the run must be reference text too (ポケダン救助隊).

Example:
    >>> clipped_spans("るいーじまんしょん3 - switch", "るいまん3 switch 中古")  # るいーじまん
    [(0, 6)]
    >>> clipped_spans("まりおかーと8 でらっくす", "まりお 8")
    []
"""

from __future__ import annotations

import re
from functools import lru_cache

_RUN = re.compile("[ぁ-ゖー一-鿿々]+")
_NO_START = frozenset("ぁぃぅぇぉっゃゅょゎーんを")  # a mora never starts with these
_KANJI = re.compile("[一-鿿々]")


def _word_starts(text: str) -> frozenset[int]:
    """Where a word may start in the reference: a run's start, a change of script, after ー."""
    starts = set()
    for m in _RUN.finditer(text):
        starts.add(m.start())
        for i in range(m.start() + 1, m.end()):
            before, here = text[i - 1], text[i]
            if here in _NO_START:
                continue
            if before == "ー" or bool(_KANJI.match(before)) != bool(_KANJI.match(here)):
                starts.add(i)
    return frozenset(starts)


@lru_cache(maxsize=4096)
def _reference_text(text: str) -> tuple[str, frozenset[int]]:
    return text, _word_starts(text)


def _one(ref: str, at: int, starts: frozenset[int]) -> bool:
    """Whether one character alone may stand for a word there: a kanji that starts a word
    (東 of 東京, 森 of どうぶつの森) or a long syllable (カ of カート, パ of パーティ)."""
    if _KANJI.match(ref, at):
        return at in starts
    return ref.startswith("ー", at + 1)


def _clip(token: str, ref: str, starts: frozenset[int]) -> tuple[int, int] | None:
    """The span of ``ref`` that ``token`` clips, or None."""

    def walk(i: int, low: int, pieces: int, skipped: bool) -> int | None:
        if i == len(token):
            return low if pieces >= 2 and skipped else None
        for size in (3, 2, 1):
            piece = token[i:i + size]
            if len(piece) < size or piece[0] in _NO_START:
                continue
            at = ref.find(piece, low)
            while at != -1 and (pieces or at == low):
                run = _RUN.match(ref, at)
                if run is not None and run.end() >= at + size and (
                        size > 1 or _one(ref, at, starts)):  # never across a space
                    skip = skipped or (pieces > 0 and at > low)
                    end = walk(i + size, at + size, pieces + 1, skip)
                    if end is not None:
                        return end
                at = ref.find(piece, at + 1)
        return None

    for first in sorted(starts):
        if ref.startswith(token[:1], first):
            end = walk(0, first, 0, False)
            if end is not None:
                return first, end
    return None


def clipped_spans(ref_text: str, listing_text: str) -> list[tuple[int, int]]:
    """Spans of the reference's text that a listing names by a clipped form (see module)."""
    ref, starts = _reference_text(ref_text)
    spans: list[tuple[int, int]] = []
    for m in _RUN.finditer(listing_text):
        run = m.group().rstrip("ー")
        if run in ref:
            continue
        for size in range(min(6, len(run)), 1, -1):
            token, rest = run[:size], run[size:]
            if len(token) < 3 and not _KANJI.search(token):
                break
            if rest and (len(rest) < 2 or rest not in ref):
                continue
            span = _clip(token, ref, starts)
            if span is not None and span[1] - span[0] >= len(token) + 1:
                spans.append(span)
                break
    return spans


# The Latin initial a word starting with this kana is written with (ド→d, フ→f or h)
_INITIAL = {**dict.fromkeys("あ", "a"), **dict.fromkeys("い", "i"), **dict.fromkeys("う", "u"),
            **dict.fromkeys("え", "e"), **dict.fromkeys("お", "o"),
            **dict.fromkeys("かくこ", "kc"), **dict.fromkeys("きけ", "k"),
            **dict.fromkeys("がぎぐげご", "g"),
            **dict.fromkeys("さすせそ", "s"), "し": "s", **dict.fromkeys("ざずぜぞ", "z"),
            "じ": "jz", **dict.fromkeys("たてと", "t"), "ち": "ct", "つ": "t",
            **dict.fromkeys("だぢづでど", "d"), **dict.fromkeys("なにぬねの", "n"),
            **dict.fromkeys("はひへほ", "h"), "ふ": "fh", **dict.fromkeys("ばびぶべぼ", "b"),
            **dict.fromkeys("ぱぴぷぺぽ", "p"), **dict.fromkeys("まみむめも", "m"),
            **dict.fromkeys("やゆよ", "y"), **dict.fromkeys("らりるれろ", "rl"),
            **dict.fromkeys("わを", "w"), "ゔ": "vb"}
_NAME_RUN = re.compile("[ぁ-ゖー]{4,}(?:・[ぁ-ゖー]{2,})*")
_LATIN_NAME = re.compile(r"(?<![a-z])[a-z][a-z']{2,}(?: [a-z][a-z']{2,})+(?![a-z])")
_LATIN_WORD = re.compile(r"[a-z][a-z']{2,}")
_CAMEL = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b")  # QuietComfort, SoundLink


def initials(ref_text: str, raw_title: str) -> dict[str, list[tuple[int, int]]]:
    """Latin initials that stand for a whole name: DK for ドンキーコング (ドンキー·コング),
    FE for ファイアーエムブレム, QC for QuietComfort, DC for two or three Latin words
    (Director's Cut). Maps each to the spans of
    ``ref_text`` it names.

    Example:
        >>> initials("どんきーこんぐ りたーんず hd", "ドンキーコング リターンズ HD")
        {'dk': [(0, 7)], 'dc': [(0, 7)]}
        >>> initials("bose quietcomfort ultra", "Bose QuietComfort Ultra")["qc"]
        [(5, 17)]
        >>> initials("ghost of tsushima director's cut", "")["dc"]  # Director's Cut
        [(18, 32)]
    """
    found: dict[str, list[tuple[int, int]]] = {}
    for m in _CAMEL.finditer(raw_title):
        letters = "".join(c for c in m.group() if c.isupper()).lower()
        at = ref_text.find(m.group().lower())
        if at >= 0:
            found.setdefault(letters, []).append((at, at + len(m.group())))
    for m in _LATIN_NAME.finditer(ref_text):  # DC for Director's Cut, FH for Forza Horizon
        latin = list(_LATIN_WORD.finditer(ref_text, m.start(), m.end()))
        for i in range(len(latin) - 1):
            for j in range(i + 2, min(i + 3, len(latin)) + 1):
                letters = "".join(w.group()[0] for w in latin[i:j])
                found.setdefault(letters, []).append((latin[i].start(), latin[j - 1].end()))
    for m in _NAME_RUN.finditer(ref_text):
        run = m.group()
        spaced = run.replace("・", " ")
        words = {w.start() for w in _RUN.finditer(spaced)}
        cuts = [*sorted(_word_starts(spaced) | words), len(run) + 1]
        starts = [c for i, c in enumerate(cuts[:-1])  # a piece of two is no word (スー·パー)
                  if c in words or (c - cuts[i - 1] >= 3 and cuts[i + 1] - c >= 3)]
        heads = [_INITIAL.get(run[s], "") for s in starts]
        if not 2 <= len(heads) <= 3 or not all(heads):
            continue
        for combo in _spellings(heads):
            found.setdefault(combo, []).append((m.start(), m.end()))
    return found


def _spellings(heads: list[str]) -> list[str]:
    combos = [""]
    for options in heads:
        combos = [c + o for c in combos for o in options]
    return combos
