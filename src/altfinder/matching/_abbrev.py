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
