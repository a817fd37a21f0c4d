"""The similarity score: rapidfuzz over a whole page, reference-word coverage and bonuses.

The score is the share of the reference's words (weighted) the listing contains, blended
with rapidfuzz's ``token_set_ratio``; a named model number lifts it, a named brand adds a
little, a missing name word takes some away.

Example:
    >>> from altfinder.matching._parse import _parse
    >>> from altfinder.matching._reference import _reference
    >>> ref = _reference("KATE リップモンスター 05 ダークフィグ", None, None)
    >>> for ratio, present in _similarities(ref, [_parse("リップモンスター ダークフィグ"),
    ...                                           _parse("KATE モンスター 05")]):
    ...     print(round(ratio, 2), {w: round(share, 2) for w, share in present.items()})
    0.93 {'りっぷもんすた': 1.0, 'だーくふぃぐ': 1.0}
    1.0 {'りっぷもんすた': 0.57, 'だーくふぃぐ': 1.0}
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from altfinder.matching._abbrev import clipped_spans
from altfinder.matching._nicknames import nicknames_in
from altfinder.matching._parse import _Parsed
from altfinder.matching._reference import _Reference, _shown
from altfinder.matching._sound import sounds_in

_PRESENT = 85.0  # rapidfuzz partial_ratio at which a reference word counts as present


def _similarities(ref: _Reference, parsed: Sequence[_Parsed]
                  ) -> list[tuple[float, dict[str, float]]]:
    """Per listing: the token set ratio (0–1) and how much of each reference word it contains
    (1 for the word, a share for a part of a compound: ティント of リップティント).

    Two ``process.cdist`` calls score the whole page at once.
    """
    compacts = [p.compact for p in parsed]
    set_scores = process.cdist([ref.token_string], [" ".join(p.tokens) for p in parsed],
                               scorer=fuzz.token_set_ratio, dtype="float32")[0]
    words = process.cdist(ref.word_list, compacts, scorer=fuzz.partial_ratio,
                          dtype="float32") if ref.word_list else None
    out = []
    for j, listing in enumerate(parsed):
        present = {w: bool(words is not None and words[i, j] >= _PRESENT)
                   for i, w in enumerate(ref.word_list)}
        plain = listing.compact.replace("ー", "") if ref.is_book or ref.readings else ""
        if ref.is_book:  # だるまさんと is not だるまさんが: a short kana title is written exactly
            for w in ref.core_words:
                if (present[w] and len(w) <= 8 and _KANA.fullmatch(w)
                        and w.replace("ー", "") not in plain):
                    present[w] = False
        missing = [w for w, found in present.items() if not found]
        if missing:  # ピクセル for Pixel, and back: compared by sound only when not found
            heard = [run for run in ref.sound_runs if sounds_in(run, listing.text)]
            for w in missing:
                present[w] = (any(w in run for run in heard) or sounds_in(w, listing.text)
                              or _shortened(w, listing.text))
            still = [w for w in missing if not present[w]]
            spans = clipped_spans(ref.parsed.text, listing.text) if still else []
            if still and ref.initials:  # DK for ドンキーコング, QC for QuietComfort
                spans += [span for token in _LETTERS.findall(listing.text)
                          if token not in ref.parsed.text for span in ref.initials.get(token, ())]
            for w in still:  # ルイマン for ルイージマンション
                present[w] = any(a < end and start < b for a, b in spans
                                 for start, end in ref.word_spans[w])
            if any(not present[w] for w in still):  # SAO, こち亀: a nickname of the name
                names = nicknames_in(listing.text, ref.whole_compact)
                for w in still:
                    present[w] = present[w] or any(w in name for name in names)
        for reading, latin in ref.readings:  # エコポップ for Echo Pop (エコーポップ)
            if reading in plain:
                for w in latin:
                    if w in present:
                        present[w] = True
        for _, code, name in ref.shades:  # the shade's code stands for its name
            if name in present and not present[name] and _names_code(listing, code):
                present[name] = True
        credit = {w: 1.0 if found else _part_of(w, listing.text) for w, found in present.items()}
        out.append((float(set_scores[j]) / 100, credit))
    return out


_KANA = re.compile("[ぁ-ゖー]{4,}")
_OF_TAIL = re.compile("[ぁ-ゖー一-鿿々]{2,}の("  # a tail with kanji, or a long kana one
                      "(?=[ぁ-ゖー]*[一-鿿々])[ぁ-ゖー一-鿿々]{3,}|[ぁ-ゖー]{4,})")
_RUNS_ON = re.compile(r"\d*[a-z]")
_LETTERS = re.compile(r"(?<![a-z0-9])[a-z]{2,3}(?![a-z])")
_OF = re.compile("([ぁ-ゖー]{3,})の[一-鿿々]+")


def _shortened(word: str, text: str) -> bool:
    """The listing writes the start of a long katakana name (ゼノブレ for ゼノブレイド), or
    the name of an "X の Y" title (ゼルダ for ゼルダの伝説, 高木さん for からかい上手の高木さん)."""
    of = _OF.fullmatch(word)
    if of and re.search(rf"(?<![ぁ-ゖー]){of.group(1)}(?!の)", text):
        return True
    tail = _OF_TAIL.fullmatch(word)  # 高木さん for からかい上手の高木さん
    if tail and re.search(rf"(?<![ぁ-ゖー一-鿿々]){tail.group(1)}", text):
        return True
    if len(word) < 5 or not _KANA.fullmatch(word):
        return False
    return any(word.startswith(m.group()) and len(m.group()) >= 0.6 * len(word)
               and not _RUNS_ON.match(text, m.end())  # モンスターハンター4G: another title
               for m in _KANA.finditer(text))


_KANA_PART = re.compile("[ぁ-ゖー]{3,}")
_CJK_PART = re.compile("[ぁ-ゖー一-鿿々]{3,}")
_CJK_WORD = re.compile("[ぁ-ゖー一-鿿々]+")
_KANJI = re.compile("[一-鿿々]+")


def _part_of(word: str, text: str) -> float:
    """The share of a long compound a listing writes as its start or end alone: ティント
    for リップティント, ハイライト for パールグロウハイライト, コナン for 名探偵コナン; 0 for
    none. A mixed word's start counts only before kanji (マグネシウム for マグネシウム炭酸湯):
    before katakana it is a series (桃太郎電鉄 for 桃太郎電鉄ワールド)."""
    if len(word) < 5 or not _CJK_WORD.fullmatch(word):
        return 0.0
    best = 0
    kana = bool(_KANA.fullmatch(word))  # a mixed word's start is its series (桃太郎電鉄)
    for m in (_KANA_PART if kana else _CJK_PART).finditer(text):
        run = m.group().strip("ー")
        if 3 <= len(run) < len(word) and (word.endswith(run) or (
                word.startswith(run) and (kana or _KANJI.fullmatch(word[len(run):]))
                and not _RUNS_ON.match(text, m.end()))):  # not モンスターハンター4G
            best = max(best, len(run))
    return best / len(word) if best >= 0.4 * len(word) else 0.0


def _names_code(listing: _Parsed, code: str) -> bool:
    """Whether the listing gives a shade code (05 is volume 5; ML a word of its own)."""
    if code.isdigit():
        return int(code) in listing.volumes
    return re.search(rf"(?<![a-z0-9]){re.escape(code)}(?![a-z0-9])", listing.text) is not None


def _coverage(words: dict[str, float], present: dict[str, float]) -> float:
    total = sum(words.values())
    if not total:
        return 0.0
    return sum(weight * present[word] for word, weight in words.items()) / total


def _score(ref: _Reference, set_ratio: float, present: dict[str, float], *, named: str | None,
           branded: bool) -> tuple[float, list[str]]:
    """One listing's 0–1 score and the reasons that explain it, in order."""
    reasons: list[str] = []
    coverage = max(_coverage(ref.core_words, present), _coverage(ref.full_words, present))
    score = 0.8 * coverage + 0.2 * set_ratio
    if named:
        score = 0.5 + 0.5 * score
        reasons.append(f"model number {named} named")
    if branded:
        score += 0.05
    names = [w for w, weight in ref.core_words.items() if weight >= 4]
    lost = [w for w in names if present[w] < 0.5]
    author = ref.brand_text.replace(" ", "")  # 湊かなえ of a shop's title: not the book's title
    titled = [w for w, weight in ref.core_words.items()
              if weight > 1 and w not in author]  # nor 文庫, 単行本
    if ref.is_book and titled and not any(present[w] for w in titled):
        score -= 0.3  # 何者 for 正欲: a book whose title the listing does not name
        reasons.append("the book's title is not in the listing (-0.30)")
    elif lost and not named:
        # A name word is missing: maybe a sibling (スカーレット/バイオレット); every name
        # word of the title proper is missing: another title of the series or the author.
        penalty = (0.3 if len(lost) == len(names) >= 2 and ref.core_words != ref.full_words
                   else 0.1)
        score -= penalty
        reasons.append(f"name word {_shown(ref.parsed, lost[0])} not in the listing "
                       f"(-{penalty:.2f})")
    score = round(max(0.0, min(1.0, score)), 3)
    missing = [w for w in ref.core_words if present[w] < 1]
    reasons.append(
        f"similarity {score:.2f} (reference words {coverage:.0%}"
        + (f", missing {' '.join(_shown(ref.parsed, w) for w in missing[:4])}"
           if missing else "")
        + f"; token set {set_ratio:.0%})")
    return score, reasons
