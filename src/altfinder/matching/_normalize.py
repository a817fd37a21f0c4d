"""Normalisation: one canonical spelling of a title, kana folding and promotional blanks.

Case-folded NFKC text (:func:`altfinder._text.normalize`) with kanji ordinals made
digits and product aliases applied (スイッチ → switch, プレステ5 → ps5); katakana →
hiragana for comparison (:func:`fold_kana`); promotional brackets and words blanked
without moving any character, so reasons can quote the seller's own words.

Example:
    >>> _canonical("ニンテンドースイッチ ライト 第二世代")
    'switch lite 第2世代'
    >>> fold_kana("スイッチ")
    'すいっち'
"""

from __future__ import annotations

import re
from collections.abc import Callable

from altfinder._text import normalize

_KATA_TO_HIRA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def fold_kana(text: str) -> str:
    """Katakana → hiragana, so ケース and けーす compare equal.

    Example:
        >>> fold_kana("ケースのみ")
        'けーすのみ'
    """
    return text.translate(_KATA_TO_HIRA)


def fold_text(text: str) -> str:
    """NFKC, case-folded and kana-folded: how a word list's spelling is compared with a title.

    Example:
        >>> fold_text("ＳＡＯ ソードアート")
        'sao そーどあーと'
    """
    return fold_kana(normalize(text).casefold())


_Node = dict[str, "_Node"]  # a trie of characters; "" marks a word's end


def _trie(words: list[str]) -> str:
    """One pattern for many literal words, their shared starts written once (Python's regex
    engine tries each alternative of a plain alternation in turn, at every position). Longer
    words are tried first, as in an alternation sorted by length.

    Example:
        >>> _trie(["ab", "abc", "ad"])
        'a(?:b(?:c)?|d)'
    """
    root: _Node = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: _Node) -> str:
        alternatives = [re.escape(char) + emit(child) for char, child in sorted(node.items())
                        if char]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def _k(pattern: str) -> re.Pattern[str]:
    """Compile a pattern written in natural Japanese for the kana-folded text."""
    return re.compile(fold_kana(pattern))


_KATA = "ァ-ヺー"

_KANJI_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
              "十": 10}


def _kanji_ordinal(match: re.Match[str]) -> str:
    digits = match.group(1)
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


_ROMAN_CHAR = re.compile("[\u2160-\u216b]+")  # ⅩⅥ is one numeral, XVI
# Old and variant forms of kanji sellers and catalogues mix: 三國志 and 三国志, 髙 and 高
_ITAIJI = str.maketrans("國髙﨑濱邊邉齋齊澤廣", "国高崎浜辺辺斎斉沢広")
# ❶ ➀ ➊: circled digits NFKC leaves alone (① it makes 1)
_DINGBAT_DIGITS = {code: f" {(code - base) % 10 + 1} " for base in (0x2776, 0x2780, 0x278A)
                   for code in range(base, base + 10)}
_LATIN_ACCENTS = str.maketrans("áàâäãåéèêëíìîïóòôöõōúùûüūçñýÿ", "aaaaaaeeeeiiiioooooouuuuucnyy")
_SHORT_YEAR = re.compile(r"(?<![a-z0-9])['’](\d{2})(?!\d)")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_KANJI_ORDINAL = re.compile("第([一二三四五六七八九十]{1,3})(世代|版|巻|弾|期|種)")
_USB_GEN = re.compile(r"usb\s*\d(?:\.\d)?\s*(?:gen\.?\s*\d(?:x\d)?)?", re.IGNORECASE)
_KANJI_REVISION = re.compile("([一二三四五六七八九十])訂版")
_KANJI_REVISED = re.compile("改訂([一二三四五六七八九十])版")  # 改訂四版 is 改訂4版
_KANJI_DIGITS = "一二三四五六七八九十"
_KANJI_GRADE = re.compile("([一二三四五])級")  # 準一級 is 準1級
# 10 1/4インチ, 10-1/4": a size in inches written with a fraction
_MIXED_FRACTION = re.compile(r"(\d+)[\s-]+(1/4|1/2|3/4)(?=\s*(?:インチ|inch|in\b|\"|”))")
_FRACTIONS = {"1/4": ".25", "1/2": ".5", "3/4": ".75"}
_KANJI_NUMBER = re.compile(r"(?<=\s)[一二三四五六七八九](?=\s|$)")  # 模倣犯 一: volume 1

# A lens's stabiliser or motor, then a numeral and 付属: the lens a camera kit comes with
_KIT_LENS = re.compile(r"(?:(?<![a-z])is|(?<![a-z])vr|usm|stm)$")
_COMES_WITH = re.compile(r"\s*(?:付属|同梱)")


def _latin_generation(m: re.Match[str]) -> str:
    """A Roman numeral after a Latin name: its generation (Earbuds II), except the numeral of
    the lens a camera kit comes with (EF-S55-250mm IS II付属), which is the lens's.

    Example:
        >>> _canonical("Galaxy Buds II"), _canonical("IS II付属")
        ('galaxy buds 第2世代', 'is ii付属')
    """
    if _KIT_LENS.search(m.string, 0, m.start()) and _COMES_WITH.match(m.string, m.end()):
        return m.group()
    return f" 第{_ROMAN[m.group(1)]}世代 "


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
          "x": 10, "xi": 11, "xii": 12, "xiii": 13, "xiv": 14, "xv": 15, "xvi": 16}

# Product aliases, applied in order on the case-folded NFKC text (katakana intact, so
# word boundaries are still visible). Each maps a spelling onto one canonical form.
# Nicknames of works that no rule derives (ヒロアカ is not the start of any word of
# 僕のヒーローアカデミア): the widely used ones, as sellers write them.
_NICKNAMES: tuple[tuple[str, str | Callable[[re.Match[str]], str]], ...] = (
    (r"ヒロアカ", " 僕のヒーローアカデミア "), (r"金カム", " ゴールデンカムイ "),
    (r"ハガレン", " 鋼の錬金術師 "), (r"スラダン", " slam dunk "),
    (r"約ネバ", " 約束のネバーランド "),
    (r"東リベ", " 東京卍リベンジャーズ "), (r"転スラ", " 転生したらスライムだった件 "),
    (r"鬼滅(?!の刃)", " 鬼滅の刃 "), (r"呪術(?!廻戦)", " 呪術廻戦 "),
    (r"進撃(?!の巨人)", " 進撃の巨人 "),
    (r"(?<![a-z\d])ds4(?![a-z\d])", " dualshock 4 "),  # a PS4 pad, no Nintendo DS
    (r"このすば", " この素晴らしい世界に祝福を "), (r"キミスイ", " 君の膵臓をたべたい "),
    (r"セカチュー", " 世界の中心で 愛をさけぶ "), (r"リゼロ", " re ゼロから始める異世界生活 "),
    (r"ワンピ(?![ァ-ヺー])", " one piece "),
    (r"ラスアス|(?<![a-z])tlou", " the last of us "), (r"デススト", " death stranding "),
    (r"シス単", " システム英単語 "), (r"速単", " 速読英単語 "),
    (r"パス単", " でる順パス単 "), (r"グラブル", " グランブルーファンタジー "),
    (r"ごとよめ", " 五等分の花嫁 "), (r"ノゲノラ", " ノーゲーム・ノーライフ "),
    (r"時オカ", " 時のオカリナ "), (r"ワンピース", " one piece "),
    (r"(?<![a-z])mhx(?![a-z])|モンハン\s*クロス", " モンスターハンタークロス "),
    (r"(?<![a-z])mh\s*4g(?![a-z])", " モンスターハンター4g "),
    (r"(?<![a-z])l\s*&\s*r(?![a-z])", " lr "),  # TOEIC L&R
    # 永遠のゼロ is 永遠の0, 龍が如くゼロ 龍が如く0 (not 君はゼロから)
    (r"(?<=[ぁ-ゖ一-鿿])ゼロ(?=\s|$|[^ぁ-ゖァ-ヺー])", "0"),
    (r"(\d+)\s*合半", r"\1.5合"),  # 5合半 is 5.5合
    (r"百万", "100万"),  # 百万回生きたねこ
    (r"ファイアー?\s*(?=tv)", " fire "), (r"(?<=tv)\s*キューブ", " cube "),  # ファイヤーTVキューブ
    (r"(?<![a-z])p5s(?![a-z])", " ペルソナ5 スクランブル "), (r"東大(?!寺)", "東京大学"),
    (r"メンビオ(?!レ)", "メンズビオレ"), (r"ルンファク", "ルーンファクトリー"),
    (r"(?<![a-z])(part|vol|book)\.?\s*(iv|iii|ii|i)(?![a-z])",
     lambda m: f"{m.group(1)} {_ROMAN[m.group(2)]}"),  # Part I
    (r"ファウンデイション|ファウンデーション", "ファンデーション"), (r"フォルツァ", " forza "),
    (r"(?<![a-z])usdx(?![a-z])", " ウルトラスーパーデラックス "),
    (r"la\s*roche[\s-]*posay|ラ\s*ロッシュ\s*ポゼ", " ラロッシュポゼ "),
    # Garmin's Forerunner is the ForeAthlete in Japan, and FR965 to its owners
    (r"foreathlete|フォアアスリート|(?<![a-z])f[ra]\s*(?=\d{3}(?!\d))", " forerunner "),
    (r"ぼざろ", " ぼっち・ざ・ろっく "),
    (r"よう実", " ようこそ実力至上主義の教室へ "),
    (r"エリコン", " xbox elite コントローラー "), (r"ダクソ", " ダークソウル "),
    (r"バイオ(?!ハザード)(?=\s*(?:re|\d|ヴィレッジ|village))", " バイオハザード "),
    (r"箱コン", " xbox コントローラー "),
    (r"スト\s*(?=[56](?!\d))", " ストリートファイター "),
    (r"(?<![a-z])gt\s*(?=\d(?!\d))", " グランツーリスモ "),
    (r"(?<![a-z])mhwib|(?<![a-z])mhw\s*:?\s*ib(?![a-z])",
     " モンスターハンターワールド アイスボーン "),
    (r"(?<![a-z])mhw(?![a-z])", " モンスターハンターワールド "),
    (r"(?<![a-z])mhr(?![a-z])", " モンスターハンターライズ "),
    (r"(?<![a-z])mhxx(?![a-z])|モンスターハンター\s*xx(?![a-z])",
     " モンスターハンターダブルクロス "),
    (r"(?<![a-z])mhst\s*(?=\d)", " モンスターハンターストーリーズ "),
    (r"(?<![a-z])dqm\s*(?=\d)", " ドラゴンクエストモンスターズ "),
    (r"(?<![a-z])dqb\s*(?=\d)", " ドラゴンクエストビルダーズ "),
    (r"(?<![a-z])p5r(?![a-z0-9])", " ペルソナ5 ザ・ロイヤル "),
    (r"(?<![a-z])p3r(?![a-z0-9])", " ペルソナ3 リロード "),
    (r"(?<![a-z])ff\s*7\s*r(?![a-z])", " ファイナルファンタジー7 リメイク "),
)

_ALIASES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = tuple(
    (re.compile(p), r) for p, r in (
        (r"spy\s*[×x✕]\s*family|スパイ\s*(?:×|x)?\s*ファミリー", " spyfamily "),
        # ウォーター/ウオーター, ウィッチ/ウイッチ, ソフトウェア/ソフトウエア: one spelling
        (r"ウォ(?=ー)", "ウオ"), (r"ウィ", "ウイ"), (r"ウェ", "ウエ"),
        (r"(?<![a-z0-9])spf\s+(?=\d)", "spf"),  # SPF 15 and SPF15 (not CH941SPF 2台)
        (r"(?<![a-z])w\s*(?=ズーム|レンズキット)", "ダブル"),  # Wズームキット
        (r"(?<![a-z])pp\s*(?=ケース|収納)", "ポリプロピレン"), (r"引き?出し?式", "引出式"),  # 無印
        (r"(?<=[ァ-ヺ])アンド(?=[ァ-ヺ])(?!ロイド)", "&"),  # マリオアンドルイージ
        # ソヴァージュ and ソバージュ, one spelling
        (r"ヴァ", "バ"), (r"ヴィ", "ビ"), (r"ヴェ", "ベ"), (r"ヴォ", "ボ"), (r"ヴ", "ブ"),
        (r"(?:nintendo|ニンテンドー|任天堂)?\s*(?:switch|スイッチ)\s*2(?!\s*(?:[台個枚つ点\d.]|本(?!体)))",
         " nintendo switch2 "),
        (r"(?:nintendo\s*|ニンテンドー\s*)?(?:switch|スイッチ)\s*(?:lite|ライト)", " switch lite "),
        (r"ニンテンドー\s*スイッチ|任天堂\s*スイッチ", " nintendo switch "),
        (rf"(?<![{_KATA}])スイッチ(?![{_KATA}])", " switch "),
        (r"(?:playstation|プレイステーション|プレステ|(?<![a-z])ps)\s*5(?![\d.])", " ps5 "),
        (r"(?:playstation|プレイステーション|プレステ|(?<![a-z])ps)\s*4(?![\d.])", " ps4 "),
        (r"(?:playstation|プレイステーション|プレステ)\s*([23])(?![\d.])", r" ps\1 "),
        (r"ウイーユー", " wii u "), (r"ウインドウズ", " windows "),
        (r"(?<![a-z])for(?=3ds|ds)", "for "),  # スマブラfor3DS
        (r"アップル\s*ウォッチ", " apple watch "),
        (rf"(?<![{_KATA}])シリーズ(?=\s*\d)", " series "),
        (r"デジタル\s*・?\s*エディション|digital\s*edition", " digitaledition "),
        (r"ダウンロード版|デジタル版|dl版|ダウンロードコード|download版", " dl版 "),
        (r"エアー?ポッズ|air\s*pods", " airpods "),
        (r"(airpods\s*pro)\s*2(?![\d世])", r" \1 第2世代 "),
        (r"アイフォーン|アイフォン", " iphone "),
        (r"アイパッド", " ipad "),
        (r"(?<![a-z])ds\s*ライト", " ds lite "),
        (r"石鹸|せっけん|石ケン", "石けん"),
        (r"マックブック", " macbook "),
        (r"(?<=ipad|book)\s*エアー?(?![ァ-ヺ])", " air "),
        (r"(iphone|ipad|galaxy|pixel|xperia|quest|series|kindle|watch)(\d)", r"\1 \2"),
        (r"((?:iphone|ipad|pixel) \d+)promax(?![a-z])", r"\1 pro max"),  # 15ProMax
        (r"((?:iphone|ipad|pixel) \d+)(pro|plus|mini|ultra)(?![a-z])", r"\1 \2"),
        (r"(?<![a-z])new(?=[23]ds)", "new "),  # New3DS LL: a 3DS, not a DS
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
        (r"詰め?替え?用?|つめかえ用?|付け?替え?用|つけかえ用?|refill|レフィル|リフィル",
         " 詰め替え "),
        (r"レゴ\s*マリオ", " レゴマリオ "),
        (r"アタック\s*ゼロ", " アタックzero "),
        (r"(?:(?<=\d)|(?<=\d )|(?<=[a-zー]{3} )|(?<=[ァ-ヺー一-鿿][a-z] )|(?<=[ァ-ヺ]ー ))"
         r"dx(?![a-z0-9])",
         " デラックス "),  # 8DX, Wii DX, マリオU DX
        (r"(?<![ァ-ヺー])エックス(?!ボックス)", " x "),
        # Perfume strengths
        (r"(?<![a-z])edp(?![a-z])|オー?\s?[ドデ]ゥ?\s*パルファ[ムン]|eau\s*de\s*parfum", " edp "),
        (r"(?<![a-z])edt(?![a-z])|オー?\s?[ドデ]ゥ?\s*トワレ|eau\s*de\s*toilette", " edt "),
        (r"(?<![a-z])parfum(?![a-z])|パルファ[ムン]", " parfum "),  # left after EDP: the extrait
        # EDT SP, オードトワレ スプレー: the EDT
        (r"(?<=edp|edt)\s+(?:sp|スプレー)(?![a-zァ-ヺ])", " "),
        # ordinals in katakana: ファースト写真集 is the 1st, モンハン セカンドG the 2nd G
        (r"ファースト(?=\s*(?:写真集|アルバム|シングル|シーズン|[gG](?![a-zA-Z])))", " 1st "),
        (r"セカンド(?=\s*(?:写真集|アルバム|シングル|シーズン|[gG](?![a-zA-Z])))", " 2nd "),
        (r"サード(?=\s*(?:写真集|アルバム|シングル|シーズン|[gG](?![a-zA-Z])|$))", " 3rd "),
        (r"ナンバー\s*(?=\d)", " no."),  # オラプレックス ナンバー3 is No.3
        # ファイヤーグリル, ファイアグリル: one word (fire); ヌワール, ノワール: noir
        (r"ファイヤ", "ファイア"), (r"ヌワール", "ノワール"),
        # Pro+, Fluffy+ (not SPF50+, PA++, 8GB+128GB or GPS+Cellular)
        (r"(?<=[a-z])(?<!pa)(?<!\d[a-z])(?<!\dgb)(?<!\dtb)(?<!\dml)\+(?!\+)(?![a-z])",
         " plus "),  # not 15g+リフィル
        # Series nicknames sellers write for the full title.
        (r"モンハン", "モンスターハンター"),
        (r"あつ森|あつもり", " あつまれどうぶつの森 "),
        (r"あつまれ\s+どうぶつの森", " あつまれどうぶつの森 "),
        (r"ドラクエ|(?<![a-z0-9])dq(?=\s*\d|\s*[ivx]{1,4}(?![a-z]))", " ドラゴンクエスト "),
        (r"桃鉄", " 桃太郎電鉄 "),
        (r"マイクラ(?!フト)", " マインクラフト "),
        (r"ハリポタ", " ハリー・ポッター "),
        (r"スマブラ", " 大乱闘スマッシュブラザーズ "),
        (rf"(?<![{_KATA}])マリカ(?![{_KATA}])", " マリオカート "),
        (r"(?<![a-z0-9])ff\s*(?=\d|[ivx]{1,4}(?![a-z])|零式|零|\s|$)", " ファイナルファンタジー "),
        (r"final\s*fantasy", " ファイナルファンタジー "),
        (r"ブレワイ|botw|breath\s*of\s*the\s*wild", " ブレスオブザワイルド "),
        *_NICKNAMES,
        # A Roman numeral after a Latin name is its generation (Earbuds II, Mark III);
        # the first one is 初代.
        (r"(?<![a-z])mark\s*(iv|iii|ii|\d)(?![a-z0-9])",
         lambda m: f" mark 第{_ROMAN.get(m.group(1), m.group(1))}世代 "),
        (r"(?<=[a-z0-9]) (vi|iv|iii|ii)(?![a-z0-9'-])", _latin_generation),
        (r"マーク\s*(\d)(?!\d)", lambda m: f" 第{m.group(1)}世代 "),  # エクスペリア10 マーク6
        (r"(?<=[a-z]\d)(iv|iii|ii)(?![a-z0-9'-])", lambda m: f" 第{_ROMAN[m.group(1)]}世代 "),
        (r"初代", " 第1世代 "),
        # Roman numerals of a series (ファイナルファンタジーVII, ドラゴンクエストXI) as digits.
        (rf"(?<=[{_KATA}一-鿿])\s*(xvi|xv|xiv|xiii|xii|xi|ix|viii|vii|vi|iv|iii|ii|x|v|i)"
         r"(?![a-z0-9'\-ァ-ヺ]|\.[a-z])",  # X-T5 is a model, Xマウント a mount, V.E.フランクル
        # an initial: not 10 nor 5
         lambda m: (f" {_ROMAN[m.group(1)]} " if m.group().startswith(" ") or len(m.group(1)) < 2
                    else f"{_ROMAN[m.group(1)]} ")),  # ラベラーII, glued: a sequel's number
    )
)

# The aliases in groups of eight, each behind one alternation that says whether any of them
# applies; the order of application is kept.
_ALIAS_GROUPS = tuple(
    (re.compile("|".join(f"(?:{p.pattern})" for p, _ in _ALIASES[i:i + 8])), _ALIASES[i:i + 8])
    for i in range(0, len(_ALIASES), 8))

_PROMO = (
    "送料無料", "送料込み", "送料込", "送込", "美品", "超美品", "極美品", "新品", "新品未使用",
    "未使用", "未開封", "新品未開封", "中古", "中古品", "即決", "即日発送", "即発送", "即購入可",
    "匿名配送", "匿名", "値下げ", "最安値", "激安", "人気", "限定価格", "翌日発送", "特価",
    "24時間以内発送", "土日祝発送", "早い者勝ち", "良品", "動作品", "動作確認済み", "動作確認済",
    "正規品", "国内正規品", "本物", "週末限定", "セール", "sale", "お値下げ", "値下げ中",
    "在庫限り", "ラスト1点", "送料無料でお届け", "クーポン", "ポイント", "公式",
    "あんしん", "らくらくメルカリ便", "ゆうゆうメルカリ便", "ゆうパック", "ネコポス", "追跡あり",
    "スピード発送", "メール便", "ゆうパケット", "クリックポスト", "レターパック", "定形外",
    "宅急便コンパクト",
    "状態良好", "新品同様", "未使用に近い", "目立った傷や汚れなし", "プレゼント", "ギフト",
)
_PROMO_SET = frozenset(fold_kana(w) for w in _PROMO)
_PROMO_RE = re.compile("|".join(sorted((re.escape(w) for w in _PROMO_SET), key=len,
                                       reverse=True)))
_BRACKETS = re.compile(r"【([^】]*)】|\[([^\]]*)\]|《([^》]*)》|≪([^≫]*)≫|〔([^〕]*)〕|<([^>]*)>")
_DECOR = re.compile(r"[★☆◆◇■□●○◎♪♡♥!?！？※＊*。、,「」『』]+")


def _canonical(text: str) -> str:
    """Case-folded NFKC text with brand and product aliases applied (katakana intact)."""
    text = _ROMAN_CHAR.sub(r" \g<0>", text)  # SPⅡ is SP II: a numeral character is a word
    text = text.translate(_DINGBAT_DIGITS).translate(_ITAIJI)
    text = normalize(text).casefold().translate(_LATIN_ACCENTS)  # pokémon, estée
    text = _THOUSANDS.sub("", text)  # 7,450MB is 7450MB
    text = text.replace("applecare+", "applecare")  # a warranty, no Plus model
    text = _SHORT_YEAR.sub(r" 20\1年版 ", text)  # るるぶ京都'25 is the 2025 edition
    text = _KANJI_ORDINAL.sub(_kanji_ordinal, text)
    text = _MIXED_FRACTION.sub(lambda m: f"{m.group(1)}{_FRACTIONS[m.group(2)]}", text)
    text = _USB_GEN.sub(" usb ", text)  # USB 3.2 Gen.2: the port's generation, not the product's
    text = _KANJI_REVISION.sub(lambda m: f"{_KANJI_DIGITS.index(m.group(1)) + 1}訂版", text)
    text = _KANJI_REVISED.sub(lambda m: f"改訂{_KANJI_DIGITS.index(m.group(1)) + 1}版", text)
    text = _KANJI_GRADE.sub(lambda m: f"{_KANJI_DIGITS.index(m.group(1)) + 1}級", text)
    text = _KANJI_NUMBER.sub(lambda m: str("一二三四五六七八九".index(m.group()) + 1), text)
    text = text.replace("（", "(").replace("）", ")")
    for any_of, group in _ALIAS_GROUPS:
        if any_of.search(text):  # most titles need none of a group's aliases
            for pattern, replacement in group:
                text = pattern.sub(replacement, text)
    return re.sub(r"\s+", " ", text).strip()


_DENIAL = re.compile(fold_kana(
    r"([^\s(\[【/※*]{1,20}?)(?:では|じゃ)(?:ありません|ないです|ない|なく)"))


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
            return _spaces(match)
        return f" {content} "

    text = _BRACKETS.sub(bracket, text)
    text = _DECOR.sub(_spaces, text)
    text = _DENIAL.sub(_spaces, text)  # ホライゾン同梱版ではありません: not what it is
    return _PROMO_RE.sub(_spaces, text)


def _compact(text: str) -> str:
    return re.sub(r"[\s\-/.・()]", "", text)

