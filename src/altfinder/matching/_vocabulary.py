"""Vocabularies: brands, colours, product lines, platforms, accessories and lots.

The words that name what a listing is (and is not), and the two one-pass finders that
search them: :class:`_Vocabulary` (named regular expressions) and :class:`_Lexicon`
(literal spellings with Japanese-aware word boundaries).

Example:
    >>> sorted(_colours("iphone 15 ブルー")), sorted(_lines("iphone 15 pro max"))
    (['blue'], ['max', 'pro'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from altfinder.matching._normalize import _KATA, _canonical, _k, _trie, fold_kana

_PLAIN = re.compile(r"(?:[^\\.^$*+?{}\[\]|()]|\\[^A-Za-z0-9])*")  # a literal, maybe escaped
_UNESCAPE = re.compile(r"\\(.)")


class _Vocabulary:
    """Named patterns searched in one pass.

    One alternation without capturing groups (so the regex engine keeps its fast literal
    scan) finds the matches; each match is then named by the entry that matches there.
    """

    def __init__(self, entries: Iterable[tuple[str, str]], *, fold: bool = False) -> None:
        compile_ = _k if fold else re.compile
        self.entries = [(name, compile_(pattern)) for name, pattern in entries]
        self.regex = compile_("|".join(f"(?:{p.pattern})" for _, p in self.entries))
        # plain words are named by a lookup; only the patterns are tried at each match
        self.literal: dict[str, list[str]] = {}
        self.patterns: list[tuple[str, re.Pattern[str]]] = []
        for name, pattern in self.entries:
            if _PLAIN.fullmatch(pattern.pattern):
                self.literal.setdefault(_UNESCAPE.sub(r"\1", pattern.pattern), []).append(name)
            else:
                self.patterns.append((name, pattern))

    def _names(self, text: str, match: re.Match[str]) -> list[str]:
        """Every entry that matches there: 文庫 in (文春文庫) is a novel's label and a paperback."""
        return [*self.literal.get(match.group(), ()),
                *(name for name, pattern in self.patterns
                  if (found := pattern.match(text, match.start()))
                  and found.end() == match.end())]

    def find(self, text: str) -> set[str]:
        return {name for m in self.regex.finditer(text) for name in self._names(text, m)}

    def matches(self, text: str) -> list[tuple[str, re.Match[str]]]:
        return [(name, m) for m in self.regex.finditer(text) for name in self._names(text, m)]


class _Lexicon:
    """Literal spellings mapped to names, found in one pass with shared word boundaries.

    Latin spellings must not touch other Latin letters; kana spellings must not run on
    into more kana (``prefix_ok`` lets マットブラック contain ブラック); kanji spellings must
    not touch other kanji (白 is not 白黒).
    """

    def __init__(self, entries: dict[str, tuple[str, ...]], *, kana: str = _KATA,
                 prefix_ok: bool = False, suffixes: str = "", kanji_end: str = "") -> None:
        self.names: dict[str, str] = {}
        groups: dict[str, list[str]] = {"latin": [], "kana": [], "kanji": []}
        for name, spellings in entries.items():
            for spelling in spellings:
                self.names[spelling] = name
                if re.fullmatch(r"[a-z0-9' .-]+", spelling):
                    groups["latin"].append(spelling)
                elif re.fullmatch("[一-鿿々]+", spelling):
                    groups["kanji"].append(spelling)
                else:
                    groups["kana"].append(spelling)

        before = "" if prefix_ok else f"(?<![{kana}])"
        parts = {
            "latin": r"(?<![a-z])(?:{})(?![a-z])",
            "kana": before + "(?:{})" + (f"(?:(?![{kana}])|(?={suffixes}))" if suffixes
                                         else f"(?![{kana}])"),
            "kanji": "(?<![一-鿿])(?:{})(?![一-鿿]" + kanji_end + ")",
        }
        self.regex = re.compile("|".join(parts[k].format(_trie(words))
                                         for k, words in groups.items() if words))

    def find(self, text: str) -> set[str]:
        return {self.names[m.group()] for m in self.regex.finditer(text)}


#: Brand aliases: canonical name → spellings (matched on case-folded, NFKC text).
BRAND_ALIASES: dict[str, tuple[str, ...]] = {
    "apple": ("apple", "アップル"),
    "nintendo": ("nintendo", "任天堂", "ニンテンドー", "ニンテンドウ"),
    "sony": ("sony", "ソニー", "sie", "ソニー・インタラクティブエンタテインメント",
             "ソニーインタラクティブエンタテインメント"),
    "panasonic": ("panasonic", "パナソニック"),
    "epson": ("epson", "エプソン"),
    "brother": ("brother", "ブラザー"),
    "dyson": ("dyson", "ダイソン"),
    "shiseido": ("shiseido", "資生堂", "アネッサ", "anessa", "haku"),
    "kao": ("kao", "花王", "キュレル", "curel", "nivea", "ニベア", "ニベア花王", "ビオレ", "biore",
            "バブ"),
    "nitori": ("nitori", "ニトリ"), "noda horo": ("野田琺瑯", "のだほうろう", "noda horo"),
    "dolce&gabbana": ("dolce&gabbana", "dolce & gabbana", "dolce gabbana", "ドルチェ&ガッバーナ",
                      "ドルチェ&ガッバーナ", "ドルチェアンドガッバーナ", "ドルガバ", "d&g"),
    "thermos": ("thermos", "サーモス"),
    "zojirushi": ("zojirushi", "象印"),
    "tiger": ("tiger", "タイガー魔法瓶", "タイガー"),
    "iris ohyama": ("iris ohyama", "irisohyama", "アイリスオーヤマ", "アイリス"),
    "amazon": ("amazon", "アマゾン"),
    "lego": ("lego", "レゴ"),
    "shueisha": ("集英社", "shueisha"),
    "oreilly": ("オライリー・ジャパン", "オライリージャパン", "オライリー", "o'reilly", "oreilly"),
    "sharp": ("sharp", "シャープ"),
    "hitachi": ("hitachi", "日立"),
    "toshiba": ("toshiba", "東芝"),
    "mitsubishi": ("mitsubishi", "三菱"),
    "tefal": ("t-fal", "tefal", "ティファール"),
    "delonghi": ("delonghi", "デロンギ"),
    "bose": ("bose", "ボーズ"),
    "samsung": ("samsung", "サムスン"),
    "google": ("google", "グーグル"),
    "microsoft": ("microsoft", "マイクロソフト"),
    "makita": ("makita", "マキタ"),
    "philips": ("philips", "フィリップス"),
    "braun": ("braun",),
    "yamazen": ("yamazen", "山善"),
    "lion": ("ライオン",),
    "koizumi": ("koizumi", "コイズミ"),
    "sega": ("sega", "セガ"),
    "square enix": ("square enix", "スクウェア・エニックス", "スクエニ"),
    "kodansha": ("講談社", "kodansha"),
    "shogakukan": ("小学館", "shogakukan"),
    "irobot": ("irobot", "アイロボット"),
    "balmuda": ("balmuda", "バルミューダ"),
    "meta": ("meta", "メタ"),
    "kate": ("kate", "ケイト"),
    "capcom": ("capcom", "カプコン"),
    "bandai namco": ("bandai namco", "バンダイナムコ", "バンナム"),
    "fujifilm": ("fujifilm", "富士フイルム", "富士フィルム", "フジフイルム"),
    "canon": ("canon", "キヤノン", "キャノン"),
    "nikon": ("nikon", "ニコン"),
    "elecom": ("elecom", "エレコム"),
    "anker": ("anker", "アンカー", "soundcore", "サウンドコア"),
    "muji": ("無印良品", "muji", "無印"),
    "kadokawa": ("kadokawa", "角川", "KADOKAWA"),
    "garmin": ("garmin", "ガーミン"),
    "estee lauder": ("estee lauder", "estée lauder", "エスティローダー", "エスティ ローダー",
                     "エスティーローダー"),
    "clinique": ("clinique", "クリニーク"),
    "hario": ("hario", "ハリオ"),
    "dior": ("dior", "ディオール"),
    "fancl": ("fancl", "ファンケル"),
    "gopro": ("gopro", "ゴープロ"),
    "logicool": ("logicool", "logitech", "ロジクール"),
    "casio": ("casio", "カシオ"),
    "aladdin": ("aladdin", "アラジン"),
    "atlus": ("atlus", "アトラス"),
}
_BRAND_LEXICON = _Lexicon(BRAND_ALIASES)

#: Makers of accessories and compatibles: a listing under one of them, for a product of
#: another brand, is a compatible item (a HORI controller, an ELECOM case).
ACCESSORY_MAKERS: tuple[str, ...] = (
    "hori", "ホリ", "elecom", "エレコム", "buffalo", "バッファロー", "サンワサプライ", "sanwa",
    "anker", "アンカー", "spigen", "シュピゲン", "ラスタバナナ", "pga", "サイバーガジェット",
    "cyber gadget", "iface", "belkin", "ベルキン", "esr", "nimaso", "ugreen",
    "エコリカ", "ecorica",  # recycled ink
)
_MAKER_LEXICON = _Lexicon({fold_kana(w): (fold_kana(w),) for w in ACCESSORY_MAKERS},
                          kana="ぁ-ゖァ-ヺー")

# Colours, on the case-folded NFKC text. Katakana colours must not run on into another
# katakana word (ホワイトニング is whitening, ブルーライト is blue light).
_COLOURS: dict[str, tuple[str, ...]] = {
    "white": ("ホワイト", "white", "白"),
    "black": ("ブラック", "black", "黒"),
    # Nintendo's pair colours, said as one: ネオン
    "neon": ("ネオンブルー", "ネオンレッド", "ネオングリーン", "ネオンピンク", "ネオンイエロー",
             "ネオンパープル", "ネオンオレンジ", "ネオン", "neon"),
    "sumi": ("濃墨",),
    "blue": ("ブルー", "blue", "青"),
    "red": ("レッド", "red", "赤"),
    "pink": ("ピンク", "pink"),
    "green": ("グリーン", "green", "緑"),
    "yellow": ("イエロー", "yellow", "黄"),
    "purple": ("パープル", "purple", "紫"),
    "violet": ("バイオレット", "violet"),
    "scarlet": ("スカーレット", "scarlet"),
    "gray": ("グレー", "グレイ", "gray", "grey"),
    "silver": ("シルバー", "silver"),
    "gold": ("ゴールド", "gold"),
    "navy": ("ネイビー", "navy", "紺"),
    "beige": ("ベージュ", "beige"), "ivory": ("アイボリー", "ivory"),
    "brown": ("ブラウン", "brown", "茶"),
    "lavender": ("ラベンダー", "lavender"),
    "mint": ("ミントグリーン", "ミント", "mint"),
    "charcoal": ("チャコール", "charcoal"),
    # Google's and others' named colours
    "obsidian": ("オブシディアン", "obsidian"), "hazel": ("ヘーゼル", "hazel"),
    "porcelain": ("ポーセリン", "porcelain"), "bay": ("bay",), "aloe": ("アロエ", "aloe"),
    "soapstone": ("ソープストーン", "soapstone"), "matcha": ("マッチャ", "matcha"),  # Kindle's
    "olive drab": ("オリーブドラブ",), "camo": ("カモフラージュ", "カモフラ", "迷彩", "camo"),
    "graphite": ("グラファイト", "graphite"), "lilac": ("ライラック", "lilac"),
    "gunmetal": ("ガンメタリック", "ガンメタ", "gunmetal"),
    "orange": ("オレンジ", "orange"),
    "turquoise": ("ターコイズ", "turquoise"),
    "ultramarine": ("ウルトラマリン", "ultramarine"), "teal": ("ティール", "teal"),
    "lime": ("ライム", "lime"),
    "coral": ("コーラル", "coral"),
    "midnight": ("ミッドナイト", "midnight"),
    "starlight": ("スターライト", "starlight"),
    "blue black": ("ブルーブラック", "blue black", "blue-black", "青黒"),  # ink: not black
    "copper": ("コッパー", "カッパー", "copper"), "nickel": ("ニッケル", "nickel"),
    "bronze": ("ブロンズ", "bronze"), "rose": ("ロゼ",),  # Dyson's
    "chestnut": ("チェスナット", "chestnut"),
    "volcanic": ("ボルケーニック", "volcanic"), "marseille": ("マルセイユ", "marseille"),
    "khaki": ("カーキ", "khaki"), "olive": ("オリーブ", "olive"),
    "terracotta": ("テラコッタ", "terracotta"), "bordeaux": ("ボルドー", "bordeaux"),
    "taupe": ("トープ", "taupe"), "burgundy": ("バーガンディ", "バーガンディー", "burgundy"),
    "ecru": ("エクリュ", "ecru"), "magenta": ("マゼンタ", "magenta"),
    "indigo": ("インディゴ", "indigo"),
    "kinari": ("生成り", "生成", "きなり", "キナリ"),  # 無印良品's undyed cotton
    "amber": ("アンバー", "amber"),  # glass (not a clear one: the clear rule)
}
_COLOUR_LEXICON = _Lexicon(
    {name: (*words, *(f"{w}色" for w in words if re.fullmatch("[一-鿿]+", w)))
     for name, words in _COLOURS.items()}, prefix_ok=True,
    # ミッドナイトアルミニウム, シルバーシャドウ; not 青みかん, 赤ちゃん, 黒ずみ, 赤ランプ
    suffixes="アルミ|チタ|ステンレス|レザー|メタリック|パール|マット|シャドウ|シャドー",
    kanji_end="|(?![いのでともや])[ぁ-ゖ]|ランプ|らんぷ|ライト|らいと|点滅|点灯")

# Product-line words: a listing naming one the reference does not name is a sibling
# product (iPhone 15 Pro for an iPhone 15). For the words in _LINE_REQUIRED the converse
# also holds: a listing that drops it is the plain model (Switch for a Switch Lite).
_LINE_WORDS: dict[str, tuple[str, ...]] = {
    "pro": ("pro", "プロ"), "max": ("max", "マックス"), "mini": ("mini", "ミニ"),
    "lite": ("lite",), "plus": ("plus", "プラス"), "ultra": ("ultra", "ウルトラ"), "air": ("air",),
    "ll": ("ll",), "deluxe": ("デラックス", "deluxe"),
    "edge": ("edge", "エッジ"), "xl": ("xl",), "basic": ("basic", "ベーシック"),
    "oasis": ("oasis",), "scribe": ("scribe",), "kids": ("kids",),
    "absolute": ("absolute",), "origin": ("origin",), "complete": ("complete",),
    "fluffy": ("fluffy",), "elite": ("elite", "エリート"), "ti": ("ti",),
    "intense": ("intense", "インテンス", "アンタンス"),
}
_LINES: dict[str, str] = {
    "有機el": r"有機el",
    "switch2": r"switch2",
    "digitaledition": r"digitaledition",
    "paperwhite": r"paperwhite",
    "kids": r"キッズ",
    "signature": r"signature|シグニチャー",
    "submarine": r"submarine|サブマリン",
    "complete": r"コンプリート\s*エディション",
    "fluffy": r"フラッフィ",
    "refill": r"詰め?替え?用?|詰め?かえ|つめかえ|付け?替え?用|リフィル|レフィル|refill",
    "premium": r"プレミアム|premium",
    "half": r"(?<![\d/.])1\s*/\s*2(?![\d/])|ハーフサイズ|ハーフタイプ",  # ファイルボックス 1/2
    "combo": r"コンボ|combo",  # DJI's Fly More Combo, Creator Combo: the kit, not the unit
    "special": r"特装版|限定版|特別版|豪華版|初回限定|アニメ[dｄ]vd付き?|コレクターズ|collector|"
               r"記念版|周年記念|anniversary|応援版|"
               r"エディション|(?<!st )(?<!nd )(?<!rd )(?<!th )(?<!digital)edition",
    "translation": r"英語版|洋書|english\s*edition|翻訳版|原書(?!店|房)",  # not 桐原書店
    "trial": r"トライアル|お試し|ミニサイズ|サンプル|試供品|ミニボトル|携帯用",
    # Things about a product, sold under its name: a guide, an art book, a soundtrack.
    "guide": r"攻略本|攻略ガイド|攻略\s*ガイドブック|アルティマニア|ガイドブック|公式ガイド|"
             r"設定資料集|ファンブック|アートブック|ビジュアルブック|画集|サウンドトラック|サントラ|"
             r"100分de名著|解説書|解説本|副読本|ワークブック|問題集|クリアガイド|完全ガイド|コンプリートガイド|"
             r"書き覚えノート|準拠ノート|練習帳",
    # The novel of a comic (or the comic of a novel: コミカライズ).
    "novel": r"小説|ライトノベル|ラノベ|ノベライズ|ノベル(?!ティ)|コミカライズ|ブックス(?=\))|"
             r"(?<!コミック)文庫(?=[^()]{0,12}\)|[a-z]{0,2}$)",  # (電撃文庫), (文春文庫 ひ 13-7)
    "comic": r"漫画|マンガ|まんが|コミック|(?<![a-z])comi(?:c|cs|x)(?![a-z])|"
             r"(?<![a-z])kc(?![a-z\d-])",  # not KC-R50-W
    # A film or series on disc, where the reference is not one (a book's TV drama).
    "video": r"(?<![a-z])dvd(?![a-z]|-?rom)|blu-?ray(?!\s*(?:ドライブ|ディスクドライブ|再生|対応))|"
             r"ブルーレイ(?!\s*(?:ドライブ|ディスクドライブ|再生|対応))",
    # A game's remake or remaster is another release than the original.
    "remake": r"リメイク|remake|リマスター|remaster|インターグレード|intergrade",
    # A paperback edition (文庫版) is another edition than the hardcover.
    "bunko": r"(?<!学級)(?<!駿台)文庫(?!本\s*サイズ)",  # 駿台文庫 is a publisher
    # a paperback label that is no 文庫: (平凡社ライブラリー), (村上春樹翻訳ライブラリー)
    "library": r"\([^()]*[ぁ-ゖァ-ヺ一-鿿]ライブラリー[^()]*\)",
    # A camera with a lens, where the reference is the body alone.
    "kit": r"(?<!レ)キット|(?<![a-z])kit(?![a-z])",  # not レキット (Reckitt)
    # Downloadable additions to a game.
    "dlc": r"追加コンテンツ|拡張パス|エキスパンション|expansion\s*pass|シーズンパス|"
           r"season\s*pass|(?<![a-z])dlc(?![a-z])",
}
# Variants within a product line: each is its own line (化粧水 is not クリーム).
def _plain(pattern: str) -> str:
    """A line's pattern as a reader sees it: プラチナ for ``プラチナ(?!ゲームズ)``."""
    text = re.sub(r"\(\?<?[!=][^)]*\)", "", pattern).replace("\\s*", "")
    return re.sub(r"\(\?:([^)]*)\)", lambda m: m.group(1).split("|")[0], text)


_LINES.update({f"variety:{_plain(w)}": w for w in (
    "部屋干し", "抗菌", "無香料", "無香性", "微香", "ワンハンド",
    "プラチナ(?!ゲームズ|シルバー|ゴールド|ホワイト|ピンク|ブロンド)",  # プラチナシルバー: a colour
    "ジェル(?!ボール)",
    "ローション", "化粧水", "乳液", "美容液", "マイルド", "トーン\\s*アップ", "粉末", "液体",
    # Shades and textures of one cosmetic.
    "(?<!フ)ローズ(?!ン)", "ライトタイプ", "しっとり", "さっぱり", "(?<![a-z])bb(?![a-z])",
    "無洗米", "玄米",
    # Hair care: a shampoo is not its treatment.
    "シャンプー", "(?<!フェイシャル )(?<!フェイシャル)トリートメント", "コンディショナー",
    "ミルク", "エッセンス", "edp", "edt", "parfum(?!ee|ée)", "練り香水",
    "サテン",
    "セラム", "バーム", "マスク", "クリーム(?!色|カラー|イエロー|ホワイト|ベージュ)",
    "ベルベット", "シアー",
    # Cookware of one series: a frying pan is not its wok or its omelette pan.
    # A camera body and its kits.
    "ズームキット", "(?<![ァ-ヺ・])ボディ(?![ァ-ヺ用・])", "深型", "浅型",
    "フライパン", "炒め鍋", "卵焼き", "玉子焼き", "天ぷら鍋", "グリルパン", "ソースパン",
    "ボディコロン")})
# An exam book's course and series: 文科 is not 理科, 青本 is not 赤本
_LINES.update({f"exam:{w}": w for w in ("文科", "理科", "赤本", "青本", "黒本")})
# A fragrance for men or for women
_LINES["men"] = (r"(?<![ァ-ヺー])マン(?![ァ-ヺー])|(?<![a-z])(?:man|homme)(?![a-z])|メンズ|"
                 r"(?<![ァ-ヺー])オム(?![ァ-ヺー])")
_LINES["women"] = (r"ウーマン|(?<![a-z])(?:woman|femme)(?![a-z])|ウィメンズ|レディース|"
                   r"(?<![ァ-ヺー])ファム(?![ァ-ヺー])")
# A body or hair mist of a fragrance, maybe spaced
_LINES.update({f"variety:{w}ミスト": rf"{w}\s*ミスト" for w in ("ボディ", "ヘア")})
# Diapers: a tape-type is not the pants-type.
_LINES.update({f"variety:{w}": f"(?<![ァ-ヺ]){w}(?![ァ-ヺ])" for w in ("テープ", "パンツ")})
# Another format of a book: its illustrated, pocket or collector's edition.
# each its own line: a 完全版 is not the 新装版
_LINES.update({f"format:{w}": w for w in (
    "イラスト版", "携帯版", "愛蔵版", "新装版", "完全版", "ワイド版", "大型本", "ポケット版",
    "図解版", "増補", "改題", "改訂", "大型絵本", "ボードブック", "ミニ絵本", "フルカラー版",
    "しかけ絵本", "布絵本", "ぬのえほん", "ちいサイズ",
    "カラー版", "小型版", "大型版", "机上版", "革装版", "特製版", "新書版", "単行本版")})
# An exam's own subject (応用情報 is not 基本情報), each its own line
_LINES.update({f"exam:{w}": w for w in (
    "応用情報", "基本情報", "情報セキュリティ", "itパスポート", "データベーススペシャリスト",
    "情報処理安全確保支援士", "ネットワークスペシャリスト", "プロジェクトマネージャ")})
# A magazine's issue (こどものとも年少版 2000年6月号): not the book it printed
_LINES["magazine"] = r"(?<!\d)\d{1,2}\s*月号|月刊"
# Goods of a work, not the work: its pamphlet, poster, acrylic stand.
_LINES["goods"] = (r"パンフレット|ポスター|クリアファイル|アクリルスタンド|アクスタ|缶バッジ|"
                   r"ぬいぐるみ|キーホルダー|タペストリー|グッズ|ポストカード|原画展|図録|複製原画")
# A work's video: its DVD or Blu-ray.
_LINES["video"] = r"(?<![a-z])dvd(?![a-z]|-?rom)|ブルーレイ|blu-?ray"
# A book's audio companion: its CD.
_LINES["audio"] = r"(?<![a-z])cd(?![a-z-])|朗読|オーディオブック"
# Another region's version (a 日本語・国内専用 console is not the 多言語対応 one).
_LINES["region"] = (r"多言語|海外版|北米版|欧州版|輸入版|並行輸入|アジア版|香港版|韓国版|台湾版|"
                    r"中国版|中国語版|中文版|繁体字|簡体字|英語版|英訳版")
# A work about or beside the reference: its short stories, side story, anthology.
_LINES["spinoff"] = (r"短編集|外伝|番外編|アンソロジー|スピンオフ|公式ファンブック|続編|"
                     r"別冊(?=[ぁ-ゖァ-ヺ一-鿿])(?!解答|付|付録|問題|ふろく)|"  # 別冊図書館戦争
                     r"(?<![一-鿿])(?:[一-鿿]{2}|[ァ-ヺー]{3,6})編(?!集|み)")  # 行動編, ビジネス編
# An older version than the reference: 旧版, 旧型, 旧パッケージ.
_LINES["old"] = r"旧版|旧型|旧モデル|旧パッケージ|旧デザイン|旧仕様|旧装丁|旧装版|旧タイプ"

_LINE_REQUIRED = frozenset({"pro", "max", "mini", "lite", "plus", "ultra", "有機el", "edge",
                            "paperwhite", "digitaledition", "air", "ll", "deluxe"})
_LINE_VOCABULARY = _Vocabulary(_LINES.items())
# Game platforms: a game for the Wii U is not the Switch game.
_PLATFORM_LEXICON = _Lexicon({
    "switch": ("switch",), "switch2": ("switch2",), "ps5": ("ps5",), "ps4": ("ps4",),
    "ps3": ("ps3", "playstation3"), "wii u": ("wii u", "wiiu"), "wii": ("wii",),
    "ps2": ("ps2", "playstation2", "playstation 2", "プレイステーション2", "プレステ2"),
    "ps1": ("ps1", "psone", "ps one"),
    "gg": ("ゲームギア", "gamegear", "game gear"), "md": ("メガドライブ", "メガドラ", "megadrive"),
    "ss": ("セガサターン", "sega saturn"), "dc": ("ドリームキャスト", "dreamcast"),
    "pce": ("pcエンジン", "pc engine"),
    "n64": ("nintendo64", "nintendo 64", "ニンテンドー64", "n64", "ロクヨン"),
    "gamecube": ("ゲームキューブ", "gamecube", "ngc"),
    "3ds": ("3ds",), "ds": ("ds",), "xbox": ("xbox",), "xbox360": ("xbox360", "xbox 360"),
    "xboxone": ("xboxone", "xbox one"),
    "sfc": ("sfc", "スーパーファミコン", "スーファミ"),
    "fc": ("ファミコン", "ファミリーコンピュータ"),
    "gba": ("gba", "ゲームボーイアドバンス"), "gb": ("ゲームボーイ",), "psp": ("psp",),
    "gbc": ("gbc", "ゲームボーイカラー"),
    "vita": ("ps vita", "psvita", "vita", "ビータ", "ヴィータ"),
    "pc": ("steam版", "pc版", "windows版", "win版"),
    "fds": ("ディスクシステム",),
}, suffixes="ソフト|そふと")  # ゲームキューブソフト
_LINE_LEXICON = _Lexicon(_LINE_WORDS)

# Accessory and part words. A word also in the reference title (the reference is such an
# accessory, or comes with one) only counts with のみ/単品 (ケースのみ).
_ACCESSORY_WORDS = (
    "ケース", "カバー", "交換バンド", "替えバンド", "フィルム", "保護ガラス", "ガラスフィルム",
    "スタンド", "替えブラシ",
    "替ブラシ", "交換ブラシ", "ブラシヘッド", "替え刃", "ケーブル", "充電器", "充電スタンド",
    "充電台",
    "アダプター", "アダプタ", "ドック", "ホルダー", "ストラップ", "ステッカー",
    "ポーチ", "収納バッグ", "グリップ", "イヤーピース", "イヤーチップ", "フィルター",
    "バッテリー", "バッテリ", "ノズル", "アタッチメント", "延長ホース", "クリーナーヘッド",
    "パッキン",
    "せんユニット", "フタユニット", "キャップユニット", "内釜", "内ぶた", "内なべ", "蒸気口",
    "部品", "パーツ", "リモコン", "交換用", "スペア", "片耳", "右耳", "左耳", "イヤホン単品",
    "攻略本", "攻略ガイド", "ガイドブック", "要約ノート", "要約本", "設定資料集",
    "サウンドトラック", "サントラ",
    "amiibo", "アミーボ", "フィギュア", "ぬいぐるみ", "キーホルダー", "アクスタ",
    "アクリルスタンド", "ポスター", "ブックカバー", "しおり", "トレカ", "ポケモンカード",
    "ポケカ", "カードゲーム", "シリコン", "スキンシール", "デカール", "トートバッグ",
    "替刃", "網刃", "内刃", "外刃", "洗浄液", "カートリッジ", "替え芯", "替芯", "替えストロー",
    "交換ストロー", "替えパッド", "補充用ビーズ",
    "ボトルのみ", "ラベル", "ヘッドバンド", "イヤーパッド", "コントローラー", "スピーカー",
    "蓋", "フタ", "キャスター", "ガラス蓋", "ガラスぶた", "ヒートシンク", "ばらし", "バラし",
    "ドングル", "レシーバー", "スチールブック", "ベビーセット",
)
# Accessory words that name one thing: a reference that is one is also the other.
ACCESSORY_SYNONYMS = (
    frozenset({"充電器", "アダプター", "アダプタ"}),
    frozenset({"替えブラシ", "替ブラシ", "交換ブラシ", "ブラシヘッド"}),
    frozenset({"替え刃", "替刃"}), frozenset({"替え芯", "替芯"}),
    frozenset({"替えストロー", "交換ストロー"}), frozenset({"イヤーピース", "イヤーチップ"}),
    frozenset({"攻略本", "攻略ガイド", "ガイドブック"}),
    frozenset({"サウンドトラック", "サントラ"}),
    frozenset({"amiibo", "アミーボ"}), frozenset({"アクスタ", "アクリルスタンド"}),
    frozenset({"ポケモンカード", "ポケカ"}), frozenset({"バッテリー", "バッテリ"}),
    frozenset({"蓋", "フタ", "ガラス蓋", "ガラスぶた"}),
)
_ACCESSORY_VOCABULARY = _Vocabulary((
    (w, ("(?<!ハード)(?<!はーど)" if w == "カバー" else "")  # ハードカバー is a binding
     + ("(?<!通信)" if w == "交換用" else "")  # 通信交換用: for trading (Pokémon), no part
     + ("(?<![ぁ-ゖ])" if w == "スペア" else "")  # トランスペアレント: no spare
     + ("(?<!ト)(?<!と)(?<![赤青黒白緑金銀])" if w == "ラベル" else "")  # トラベル, 赤ラベル
     + re.escape(w) + ("(?!取)" if w in ("部品", "パーツ") else "")  # 部品取り is junk
     + ("(?!\\s*(?:販売|売り))" if w == "ケース" else "")  # ケース販売: sold by the carton
     + ("(?!シミュ)" if w == "フィルム" else "")  # フィルムシミュレーション, a camera's
     + ("?" if w == "コントローラー" else ""))  # コントローラ, as Nintendo spells it
    for w in sorted(_ACCESSORY_WORDS, key=len, reverse=True)), fold=True)
# The two halves of a pair: Joy-Con (L) / (R), 左右.
_LEFT = _k(r"\(\s*l\s*\)|(?<![a-z])l\s*側|左(?:側|耳)?(?:のみ|だけ|単品)")
_RIGHT = _k(r"\(\s*r\s*\)|(?<![a-z])r\s*側|右(?:側|耳)?(?:のみ|だけ|単品)")
_ONE_OF_PAIR = _k(r"片方|片側|片耳|左のみ|右のみ|左だけ|右だけ")
# "with X" / "without X": the product itself, with or without its case, box, cover…
_WITH = _k(r"(?:\([^)]*\)\s*)?(?:は|が|も|に)?(?:少し|やや|多少|若干|微|全部|全て|すべて|一式)?"
           r"(?:付き|付属|付|つき|あり|有り|有(?![一-鿿])|入り|同梱|込み|なし|無し|無(?![一-鿿])|"
           r"小?傷|小?キズ|汚れ|破れ|割れ|ヒビ|ヤケ|日焼け|折れ|スレ|擦れ|難|\d+\s*%|劣化|最大容量|良好|交換済|"
           r"新品に交換|持ち|残量|おまけ|オマケ|強化|持続|長持ち|不要|不使用|売り|清掃|掃除|洗浄|"
           r"完品|完備|揃い|膨張|欠品|欠|洗濯済み?|クリーニング済み?|貼付済み?|貼り付け済み?|貼付け済み?|貼り済み?|貼って|装着済み?|セット済み?)")

# The rest of a list of accessories (バッテリー・充電器付き): skipped to reach its 付き.
_CHAIN = _k(r"^(?:\d+\s*(?:個|本|枚|つ|点|台|コ)(?=[・、,/&+\s]))?"
            r"(?:[・、,/&+\s]\s*[^\s・、,/&+]{1,10}?)+"
            r"(?=付き|付属|付|つき|あり|有り|入り|同梱)")  # バッテリー2個 充電器付き

# What a product named right before them is to a listing: what it fits (ZV-E10に, ダイソン用)
FITS_WORDS = "に|用|対応|向け|互換|専用|で使用"
# まとめ (a lot), not まとめ髪 (a hairstyle) or まとめ役
MATOME = "まとめ(?!髪|役)"
# Lots and bundles: several different things sold together (まとめ売り, 他3点, 1-12巻).
# Lot words that are never copies of one title (for 2冊セット of a single book).
_OTHER_LOT = _k(rf"{MATOME}|全巻|全\s*\d+\s*巻|他\s*\d+|ほか\s*\d+|\d+\s*[~-]\s*\d+\s*巻|"
                r"別々|バラ|詰め合わせ|種類|(?<![そ])他")
_LOT = _k(
    rf"まとめ売り|まとめて|おまとめ|{MATOME}|セット売り|詰め合わせ|詰合せ|福袋|全巻|全\s*\d+\s*巻|全種|全色|"
    r"大量|アソート|詰め合せ|"
    r"(?<![\d.])\d{1,2}\s*色\s*(?:セット|まとめ)|(?:セット|まとめ)\s*色違い|色違い\s*\d+\s*(?:本|個|点)|"
    r"他\s*\d+\s*(?:点|個|本|冊|種|つ|枚|台)|ほか\s*\d+\s*点|各\s*\d+\s*(?:本|個|点|冊|袋)|"
    r"(?<![\d.])(?:[2-9]|[1-9]\d)\s*(?:点|種類?|冊|タイトル(?!\s*(?:収録|内蔵))|体セット)\s*"
    r"(?:セット|まとめ)?|"
    r"コンプリート(?!\s*エディション)|コンプ(?![a-zレリ])|同梱版|ソフト\s*\d+\s*本|"
    r"ダブルパック|ツインパック|ダブルセット|上下巻|上中下巻|上下セット|上・下|"
    r"\d+\s*巻?\s*[~-]\s*\d+\s*巻|(?<![a-z0-9.\-])\d{1,3}\s*[~-]\s*\d{1,3}\s*(?:セット|set|冊)|本体\s*(?:\+|&|＆|と)\s*ソフト|ソフト\s*(?:付き|セット)"
)


# A lens's mount: ソニーEマウント, Xマウント用, キヤノンEF用, RFマウント
_MOUNT = _k(r"(?<![a-z0-9])(e|fe|ef|ef-s|ef-m|rf|rf-s|x|l|z|m4/3)\s*(?:マウント|mount)|"
            r"(?:ソニー|sony)\s*(e|fe)(?![a-z0-9])|(?:キヤノン|canon)\s*(ef|rf)(?![a-z0-9])|"
            r"(?:富士フイルム|fujifilm)\s*(x)(?:マウント|用)|(?:ニコン|nikon)\s*(z|f)(?:マウント|用)")
# What a product comes with (プレミアムペン付き) and its scent (ハーバルシトラスの香り)
_WITH_ITEM = _k(r"([ぁ-ゖー一-鿿a-z]{3,12})付き")
_SCENT_NAME = _k(r"(?<![ぁ-ゖー一-鿿々])([ぁ-ゖー一-鿿々]{1,12})の香り")  # 森の香り too


def _mounts(text: str) -> set[str]:
    """The lens mounts a (folded) title names: {'e'} for ソニーEマウント用."""
    found = {next(g for g in m.groups() if g) for m in _MOUNT.finditer(text)}
    return {{"fe": "e", "ef-s": "ef", "ef-m": "efm", "rf-s": "rf"}.get(m, m) for m in found}


def _brand_of(brand: str | None) -> set[str]:
    if not brand:
        return set()
    canonical = _canonical(brand)
    found = _BRAND_LEXICON.find(canonical)
    # an unknown brand as each of its spellings: ニベア(NIVEA) is にべあ and nivea
    return found or {fold_kana(part.strip()) for part in re.split(r"[()/]", canonical)
                     if part.strip()}


def _colours(canonical: str) -> set[str]:
    found = _COLOUR_LEXICON.find(canonical)
    if "sumi" in found:
        found.add("black")  # 濃墨 is a black
    if "charcoal" in found:
        found |= {"black", "gray"}  # sellers call a charcoal 黒 or グレー
    if "obsidian" in found:
        found.add("black")
    if "bay" in found:
        found.add("blue")  # Google's Bay, which sellers call 青
    if "lavender" in found:
        found.add("purple")
    if "graphite" in found:
        found |= {"black", "gray"}
    if "midnight" in found:
        found.add("black")  # Apple's midnight, which sellers call 黒
    return found


def _lines(canonical: str) -> set[str]:
    folded = fold_kana(canonical)
    found = _LINE_LEXICON.find(canonical)
    for name, m in _LINE_VOCABULARY.matches(canonical):
        if not _WITH.match(folded[m.end():].lstrip()):  # ミニサイズ付き: a bonus, not the line
            found.add(name)
    return found

