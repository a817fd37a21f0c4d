"""The title matcher: every rule, the batch API, the finder integration and the quality bar."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

from altfinder import (
    Condition,
    ExclusionReason,
    Flag,
    Identity,
    Match,
    MatchKind,
    Offer,
    Product,
    RankingPolicy,
    afind_alternatives,
    match_title,
    match_titles,
)
from altfinder.matching import DEFAULT_THRESHOLD, Matcher, fold_kana
from altfinder.sources.base import SearchContext, Source
from tests.conftest import NOW

SWITCH = Product(title="Nintendo Switch（有機ELモデル） Joy-Con(L)/(R) ホワイト", brand="任天堂",
                 model_number="HEG-S-KAAAA")
LITE = Product(title="Nintendo Switch Lite ターコイズ", brand="任天堂", model_number="HDH-S-BAZAA")
PS5 = Product(title="PlayStation 5 (CFI-2000A01)",
              brand="ソニー・インタラクティブエンタテインメント", model_number="CFI-2000A01")
AIRPODS = Product(title="Apple AirPods Pro（第2世代）MagSafe充電ケース（USB-C）付き", brand="Apple",
                  model_number="MTJV3J/A")
IPHONE = Product(title="Apple iPhone 15 128GB ブルー SIMフリー", brand="Apple",
                 model_number="MTML3J/A")
DYSON = Product(title="Dyson V12 Detect Slim Fluffy コードレス掃除機", brand="Dyson",
                model_number="SV46 FF")
NANOCARE = Product(title="パナソニック ヘアードライヤー ナノケア ディープネイビー",
                   brand="パナソニック", model_number="EH-NA0J-A")
XM5 = Product(title="ソニー ワイヤレスノイズキャンセリングヘッドホン WH-1000XM5 ブラック",
              brand="ソニー", model_number="WH-1000XM5/B")
SPY = Product(title="SPY×FAMILY 12 (ジャンプコミックス)", brand="集英社")
THERMOS = Product(title="サーモス 真空断熱ケータイマグ 500ml ブラック", brand="サーモス",
                  model_number="JNL-506 BK")
CUREL = Product(title="キュレル 潤浸保湿 フェイスクリーム 40g", brand="花王")
SONICARE = Product(title="フィリップス ソニッケアー ダイヤモンドクリーン 9000 HX9911/69 ホワイト",
                   brand="フィリップス", model_number="HX9911/69")
ZELDA = Product(title="ゼルダの伝説 ティアーズ オブ ザ キングダム -Switch", brand="任天堂",
                model_number="HAC-P-AXN7A")


def kind(product: Product, title: str) -> str:
    return match_title(product, title).kind.value


# -- normalisation ------------------------------------------------------------------------

def test_kana_folding() -> None:
    assert fold_kana("ケースのみ") == "けーすのみ"
    assert kind(LITE, "ﾆﾝﾃﾝﾄﾞｰｽｲｯﾁ ﾗｲﾄ ﾀｰｺｲｽﾞ") == "match"  # half-width katakana


def test_width_case_and_dash_variants() -> None:
    assert kind(PS5, "ＰＳ５ 本体 ＣＦＩ‐２０００Ａ０１") == "match"  # full width, U+2010 hyphen
    assert kind(PS5, "ps5 cfi−2000a01") == "match"  # lower case, U+2212 minus
    assert kind(PS5, "PS5 CFIー2000A01") == "match"  # a prolonged-sound mark typed as hyphen


def test_promotional_brackets_are_stripped_but_meaningful_ones_kept() -> None:
    plain = match_title(LITE, "Nintendo Switch Lite ターコイズ")
    promoted = match_title(LITE, "【送料無料】【美品】★Nintendo Switch Lite ターコイズ★"
                                 "【即日発送】")
    assert promoted.is_match
    assert promoted.score == plain.score
    assert kind(LITE, "【ケースのみ】Nintendo Switch Lite ターコイズ") == "accessory"


def test_reasons_quote_the_sellers_own_script() -> None:
    m = match_title(LITE, "Switch Lite ターコイズ 空箱のみ")
    assert not m.is_match
    assert "空箱" in m.detail
    assert m.reasons[0].startswith("box or manual only")


# -- model numbers --------------------------------------------------------------------------

@pytest.mark.parametrize(("product", "title"), [
    (PS5, "PS5 本体 CFI-1200A01 ディスクドライブ搭載"),
    (PS5, "PlayStation 5 CFI-2000B01"),  # the variant letter counts
    (AIRPODS, "AirPods Pro 第2世代 MQD83J/A"),
    (DYSON, "Dyson V12s Detect Slim SV49"),
    (DYSON, "Dyson V15 Detect コードレス掃除機"),
    (NANOCARE, "ナノケア EH-NA0J-P ピンク"),  # the colour code counts
    (XM5, "SONY WF-1000XM5 ブラック"),  # one letter apart, same shape
    (SWITCH, "Nintendo Switch 有機EL HEG-S-KABAA"),
])
def test_model_number_conflict_rejects(product: Product, title: str) -> None:
    m = match_title(product, title)
    assert m.kind is MatchKind.MODEL_CONFLICT, m.detail
    assert m.kind.is_other_product


@pytest.mark.parametrize(("product", "title"), [
    (PS5, "PS5 CFI 2000 A01"),  # spaces and hyphens removed before comparing
    (PS5, "PlayStation5 CFI-2000 slim"),  # less precise: CFI-2000 of CFI-2000A01
    (DYSON, "ダイソン V12 Detect Slim Fluffy SV46"),
    (XM5, "ソニー WH-1000XM5 ノイズキャンセリング"),
    (AIRPODS, "AirPods Pro 第2世代 MTJV3J/A"),
])
def test_same_model_number_written_differently_matches(product: Product, title: str) -> None:
    m = match_title(product, title)
    assert m.is_match, m.detail


def test_a_named_model_number_carries_a_terse_title() -> None:
    m = match_title(THERMOS, "THERMOS 水筒 JNL-506 ブラック 0.5L")
    assert m.is_match, m.detail
    assert any("model number" in r for r in m.reasons)


# -- variants: capacity, colour -------------------------------------------------------------

def test_capacity_and_colour_count() -> None:
    assert kind(IPHONE, "iPhone 15 256GB ブルー SIMフリー") == "variant_conflict"
    assert kind(IPHONE, "iPhone 15 128GB ピンク SIMフリー") == "variant_conflict"
    assert kind(IPHONE, "iPhone15 128GB ブルー SIMフリー") == "match"
    assert kind(IPHONE, "iPhone 15 128GB SIMフリー") == "match"  # colour not stated: fine
    assert kind(THERMOS, "サーモス ケータイマグ 0.5L ブラック") == "match"  # 0.5 L is 500 ml
    assert kind(THERMOS, "サーモス ケータイマグ 600ml ブラック") == "variant_conflict"


def test_colour_words_inside_other_words_are_not_colours() -> None:
    # ホワイトニング is whitening, not white; the reference is black.
    assert match_title(THERMOS, "サーモス ケータイマグ 500ml ブラック ホワイトニング").is_match


# -- brands ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("product", "title"), [
    (AIRPODS, "アップル エアーポッズ プロ 第2世代 MTJV3J/A"),
    (DYSON, "ダイソン V12 detect slim fluffy"),
    (LITE, "任天堂 スイッチライト ターコイズ"),
    (LITE, "ニンテンドー Switch Lite ターコイズ"),
    (XM5, "SONY WH-1000XM5 B"),
    (NANOCARE, "Panasonic ナノケア EH-NA0J-A"),
])
def test_brand_aliases(product: Product, title: str) -> None:
    m = match_title(product, title)
    assert m.is_match, m.detail
    plain = match_title(product, title.split(" ", 1)[1])
    assert m.score >= plain.score  # naming the brand never lowers the score


def test_another_brand_is_another_product() -> None:
    assert kind(NANOCARE, "シャープ プラズマクラスター ドライヤー ネイビー") == "brand_conflict"


# -- product lines, generations, volumes -----------------------------------------------------

def test_product_lines() -> None:
    assert kind(IPHONE, "iPhone 15 Pro 128GB ブルー") == "line_conflict"
    assert kind(IPHONE, "iPhone 15 Plus 128GB ブルー") == "line_conflict"
    assert kind(Product(title="iPhone 15 Pro 256GB"), "iPhone 15 Pro Max 256GB") == "line_conflict"
    assert kind(Product(title="iPad mini 第6世代 64GB"), "iPad 第6世代 64GB") == "line_conflict"
    assert kind(LITE, "Nintendo Switch 本体 ターコイズ") == "line_conflict"  # not the Lite
    assert kind(SWITCH, "Nintendo Switch Lite ホワイト") == "line_conflict"
    assert kind(SWITCH, "Nintendo Switch 2 本体") == "line_conflict"
    assert kind(PS5, "PS5 Pro 2TB") == "line_conflict"
    assert kind(PS5, "PS5 デジタル・エディション") == "line_conflict"


def test_generations() -> None:
    assert kind(AIRPODS, "AirPods Pro 第1世代 ワイヤレス") == "volume_conflict"
    assert kind(AIRPODS, "AirPods Pro 第三世代") == "volume_conflict"  # kanji numerals
    assert kind(AIRPODS, "AirPods 第2世代") == "line_conflict"  # not the Pro
    assert kind(AIRPODS, "AirPods Pro2 USB-C") == "match"
    ambiguous = match_title(AIRPODS, "AirPods Pro ワイヤレスイヤホン")
    assert ambiguous.kind is MatchKind.AMBIGUOUS  # which generation? not vouched for


def test_volume_numbers() -> None:
    assert kind(SPY, "SPY×FAMILY 13巻") == "volume_conflict"
    assert kind(SPY, "SPY×FAMILY 11") == "volume_conflict"
    assert kind(SPY, "SPY×FAMILY 12巻 初版 帯付き") == "match"
    assert kind(SPY, "スパイファミリー 12 遠藤達哉") == "match"
    assert kind(SPY, "SPY×FAMILY vol.12") == "match"
    assert kind(SPY, "SPY×FAMILY 最新刊") == "ambiguous"
    edition = Product(title="Effective Python 第2版 ―Pythonプログラムを改良する90項目")
    assert kind(edition, "Effective Python 第3版") == "volume_conflict"
    assert kind(edition, "Effective Python 第2版 美品") == "match"


def test_generation_written_as_an_ordinal_or_glued_to_the_name() -> None:
    ipad = Product(title="Apple iPad (第9世代) Wi-Fi 64GB シルバー", brand="Apple")
    assert kind(ipad, "iPad 9th 64GB Wi-Fi シルバー") == "match"
    assert kind(ipad, "Apple iPad9 Wi-Fi 64GB シルバー 美品") == "match"
    assert kind(ipad, "iPad 8th 64GB Wi-Fi シルバー") == "volume_conflict"
    assert kind(ipad, "iPad Wi-Fi 64GB シルバー") == "ambiguous"


def test_a_number_before_a_word_that_starts_with_a_time_kanji_is_a_volume() -> None:
    # 12 日向夏 is volume 12 and the author, not "the 12th day"
    book = Product(title="薬屋のひとりごと 12 (ヒーロー文庫)")
    assert kind(book, "薬屋のひとりごと 12 日向夏 美品") == "match"
    assert kind(book, "薬屋のひとりごと 11 日向夏 美品") == "volume_conflict"


def test_series_nicknames_and_roman_numerals() -> None:
    dq = Product(title="ドラゴンクエストXI 過ぎ去りし時を求めて S -Switch",
                 brand="スクウェア・エニックス")
    assert kind(dq, "ドラクエ11 過ぎ去りし時を求めて S Switch 中古") == "match"
    assert kind(dq, "ドラゴンクエストVII エデンの戦士たち") == "volume_conflict"  # 7, not 11
    # the Switch's only packaged DQIII is the HD-2D remake: リメイク says what it is
    assert kind(Product(title="ドラゴンクエストIII そして伝説へ… -Switch"),
                "ドラゴンクエストIII HD-2D リメイク Switch") == "match"
    assert kind(Product(title="ドラゴンクエストIII そして伝説へ…"),
                "ドラゴンクエストIII HD-2D リメイク Switch") == "line_conflict"
    mh = Product(title="モンスターハンターライズ:サンブレイク -Switch", brand="カプコン")
    assert kind(mh, "モンハンライズ サンブレイク Switch ソフト") == "match"


def test_a_subtitle_joined_by_a_dash_is_still_a_subtitle() -> None:
    book = Product(title="夢をかなえるゾウ―自分を変える奇跡の教え", brand="飛鳥新社")
    assert kind(book, "夢をかなえるゾウ 水野敬也 単行本 中古") == "match"
    # the series' next book shares the subtitle words, not the title proper
    assert kind(book, "ガネーシャの教え 自分を変える奇跡の教え") == "low_score"


def test_things_about_a_product_are_other_products() -> None:
    game = Product(title="ドラゴンクエストXI 過ぎ去りし時を求めて S -Switch")
    guide = match_title(game, "ドラゴンクエストXI 過ぎ去りし時を求めて S 公式ガイドブック")
    assert not guide.is_match and "guide" in " ".join(guide.reasons)
    music = match_title(game, "ドラゴンクエストXI 過ぎ去りし時を求めて S サウンドトラック")
    assert not music.is_match and "guide" in " ".join(music.reasons)
    comic = Product(title="葬送のフリーレン 3 (少年サンデーコミックス)")
    assert kind(comic, "葬送のフリーレン 3 小説 ノベライズ") == "line_conflict"
    assert kind(comic, "葬送のフリーレン 3 DVD 初回生産限定版") == "line_conflict"


def test_a_lens_kit_is_not_the_body_alone() -> None:
    body = Product(title="Nikon ミラーレス一眼 Z fc ボディ シルバー", brand="Nikon",
                   model_number="Z fc")
    assert kind(body, "Nikon Z fc ボディ シルバー 美品") == "match"
    assert kind(body, "Nikon Z fc 16-50 VR レンズキット シルバー") == "line_conflict"


def test_downloadable_additions_are_not_the_game() -> None:
    game = Product(title="スプラトゥーン3 -Switch", brand="任天堂")
    assert kind(game, "スプラトゥーン3 エキスパンション・パス Switch") == "line_conflict"


def test_one_of_a_pair_is_not_the_pair() -> None:
    pair = Product(title="Joy-Con (L) パステルパープル/ (R) パステルグリーン", brand="任天堂")
    assert kind(pair, "Joy-Con (L) パステルパープル (R) パステルグリーン 美品") == "match"
    assert kind(pair, "Joy-Con(R) パステルグリーン 単品") == "variant_conflict"
    half = match_title(pair, "ジョイコン パステルパープル パステルグリーン 片方のみ")
    assert not half.is_match and "one of a pair" in " ".join(half.reasons)


def test_sold_with_another_product() -> None:
    game = Product(title="スーパー マリオブラザーズ ワンダー -Switch", brand="任天堂")
    assert kind(game, "マリオブラザーズ ワンダー + ルイージマンション3 Switch") == "lot"
    assert kind(game, "スーパー マリオブラザーズ ワンダー + 特典 Switch") == "match"


def test_a_used_bonus_code_does_not_make_the_game_a_bonus() -> None:
    game = Product(title="スプラトゥーン3 -Switch", brand="任天堂")
    assert kind(game, "スプラトゥーン3 Switch 早期購入特典コード使用済み") == "match"
    assert kind(game, "スプラトゥーン3 特典コード未使用 Switch") == "match"
    assert kind(game, "スプラトゥーン3 早期購入特典コード") == "bonus_only"


def test_shades_and_textures_of_a_cosmetic() -> None:
    milk = Product(title="ハトムギ化粧水 ナチュリエ スキンコンディショナー 500mL")
    assert kind(milk, "ナチュリエ スキンコンディショナー しっとり 500mL") == "line_conflict"


def test_a_number_does_not_join_a_unit_across_a_read_out_spec() -> None:
    # "3 512GB 箱あり": 3 is the model's number, not three boxes
    quest = Product(title="Meta Quest 3 512GB", brand="Meta")
    found = match_title(quest, "Meta Quest 3 512GB 美品 箱あり")
    assert found.is_match and found.quantity == 1
    assert match_title(quest, "Meta Quest3 512GB 新品").is_match


def test_the_parts_of_a_work_are_numbers() -> None:
    upper = Product(title="銃・病原菌・鉄 (上) 1万3000年にわたる人類史の謎")
    assert kind(upper, "銃・病原菌・鉄 (下) 文庫") in ("volume_conflict", "line_conflict")
    assert kind(upper, "銃・病原菌・鉄 上巻 1万3000年にわたる人類史の謎") == "match"
    conflict = match_title(Product(title="銃・病原菌・鉄 (上)"), "銃・病原菌・鉄 下巻")
    assert "part 下 is not 上" in conflict.reasons[0]


def test_a_number_glued_to_the_title_is_a_sequel() -> None:
    book = Product(title="かがみの孤城", brand="ポプラ社")
    assert kind(book, "かがみの孤城 辻村深月 単行本") == "match"
    assert kind(book, "かがみの孤城2 辻村深月") == "volume_conflict"


def test_a_list_of_accessories_before_tsuki_is_the_product_with_them() -> None:
    cleaner = Product(title="マキタ 充電式クリーナ CL108FDSHW", brand="マキタ",
                      model_number="CL108FDSHW")
    assert kind(cleaner, "マキタ CL108FDSHW バッテリー・充電器付き 中古") == "match"
    assert kind(cleaner, "マキタ 互換 バッテリー CL108FDSHW 対応") != "match"


def test_katakana_and_latin_spellings_of_a_name_are_one_name() -> None:
    blender = Product(title="Vitamix Explorian ブレンダー E310")
    assert match_title(blender, "バイタミックス エクスプロリアン ブレンダー 中古").is_match
    novel = Product(title="プロジェクト・ヘイル・メアリー 上")
    assert kind(novel, "Project Hail Mary 上 早川書房") == "match"
    assert kind(novel, "Project Hail Mary 下 早川書房") == "volume_conflict"
    # a key must be long enough to mean something, and is looked for in the other script only
    assert kind(Product(title="Pixel 8 128GB"), "ピクミン 8 128GB") != "match"


def test_another_game_of_the_series_is_another_product() -> None:
    game = Product(title="テトリス エフェクト・コネクテッド -Switch")
    assert kind(game, "テトリス エフェクト コネクテッド Switch ソフト") == "match"
    assert kind(game, "テトリス99 Switch") != "match"
    crash = Product(title="クラッシュ・バンディクー ブッとび3段もり! -Switch")
    spin = match_title(crash, "クラッシュ・バンディクー レーシング ブッとびニトロ! Switch")
    assert not spin.is_match
    # the title written twice, in Latin and in katakana, is still the title
    sims = Product(title="Stardew Valley -Switch")
    assert kind(sims, "Stardew Valley スターデューバレー Switch パッケージ版") == "match"


def test_games_sold_in_bulk_are_a_lot_but_two_copies_are_two() -> None:
    game = Product(title="天穂のサクナヒメ -Switch")
    assert kind(game, "Switchソフト 3本セット サクナヒメ 牧場物語 ルーンファクトリー5") == "lot"
    assert kind(game, "Switch ソフト 天穂のサクナヒメ あつ森 3本セット まとめ売り") == "lot"
    two = match_title(game, "天穂のサクナヒメ Switch ソフト 2本セット 兄弟用に")
    assert two.is_match and two.quantity == 2


def test_a_series_name_is_not_its_extension_but_a_long_names_end_is_the_name() -> None:
    world = Product(title="桃太郎電鉄ワールド ～地球は希望でまわってる！～ -Switch")
    assert not match_title(world, "桃太郎電鉄 ～昭和 平成 令和も定番！～ Switch 桃鉄").is_match
    conan = Product(title="名探偵コナン 105 (少年サンデーコミックス)")
    assert kind(conan, "コナン 105巻 少年サンデー 青山剛昌") == "match"


def test_a_listing_that_says_what_it_is_not() -> None:
    types = Product(title="PFU HHKB Professional HYBRID Type-S 日本語配列／墨 PD-KB820BS")
    m = match_title(types, "HHKB Professional HYBRID 日本語配列 墨（Type-Sではありません）")
    assert not m.is_match and "says it is not" in m.detail
    plain = Product(title="PlayStation 5 (CFI-2000A01)")
    assert kind(plain, "PS5 本体 CFI-2000A01 ホライゾン同梱版ではありません") == "match"


@pytest.mark.parametrize(("reference", "title"), [
    ("ルイージマンション3 - Switch", "ルイマン3 switch 中古 ケース付き"),
    ("マリオカート8 デラックス -Switch", "マリカー8DX スイッチ 中古"),
    ("ペーパーマリオRPG -Switch", "ペパマリRPG スイッチ ソフトのみ"),
    ("東京卍リベンジャーズ(31) (講談社コミックス)", "東リベ 31巻 中古"),
    ("ファミコン探偵倶楽部 うしろに立つ少女 -Switch", "ファミ探 うしろに立つ少女 NS"),
    ("ポケモン不思議のダンジョン 救助隊DX - Switch", "ポケダン救助隊DX スイッチ"),
    # nicknames no rule derives, from the dictionary of widely used ones
    ("僕のヒーローアカデミア 42 (ジャンプコミックス)", "ヒロアカ 42 ジャンプコミックス"),
    ("鋼の錬金術師 27 (ガンガンコミックス)", "ハガレン 27 最終巻 初版"),
    ("グランツーリスモ7 - PS5", "GT7 PS5版 ディスク傷なし"),
    ("The Last of Us Part II - PS4", "ラスアス2 PS4 ソフト"),
])
def test_short_names_are_the_name(reference: str, title: str) -> None:
    assert kind(Product(title=reference), title) == "match"


def test_a_clipping_needs_the_starts_of_words() -> None:
    duo = Product(title="DUO ザ クレンジングバーム ブラックリペア 90g")
    assert not match_title(duo, "DUO ザ クレンジングバーム クリア 90g").is_match
    kart = Product(title="マリオカート8 デラックス -Switch")
    assert not match_title(kart, "マリオ テニス エース Switch").is_match


def test_a_makers_prefix_then_another_model_is_another_model() -> None:
    dish = Product(title="パナソニック 食器洗い乾燥機 ホワイト NP-TZ300-W",
                   model_number="NP-TZ300-W")
    assert kind(dish, "パナソニック 食器洗い乾燥機 NP-TCR4-W") == "model_conflict"


def test_spelling_variants_and_specs_read_where_they_stand() -> None:
    avene = Product(title="アベンヌ ウオーター 300g ミスト状化粧水 敏感肌用")
    assert kind(avene, "アベンヌウォーター 300g 新品") == "match"
    mac = Product(title="M・A・C スタジオ フィックス フルイド SPF 15 ファンデーション NC20 30mL")
    assert kind(mac, "MAC スタジオフィックス フルイド NC20 残量9割") == "match"  # 15 is no volume
    assert kind(mac, "M・A・C スタジオ フィックス フルイド SPF15 NC20") == "match"
    heater = Product(title="アラジン 石油ストーブ ブルーフレームヒーター グリーン BF3912(G)",
                     model_number="BF3912(G)")
    assert kind(heater, "Aladdin ブルーフレーム BF3912-G 石油ストーブ") == "match"
    washer = Product(
        title="ケルヒャー 高圧洗浄機 K3 サイレント プラス ベランダ 50Hz (東日本地区用)")
    assert kind(washer, "ケルヒャー K3 サイレントプラス ベランダ 東日本 50Hz 美品") == "match"
    assert kind(washer, "ケルヒャー K3 サイレント プラス ベランダ 60Hz 西日本用") != "match"
    pocket = Product(title="DJI Osmo Pocket 3 Vlogカメラ、1インチCMOS & 4K/120fps動画、"
                           "2インチ回転式タッチスクリーン")
    assert kind(pocket, "オズモポケット3 スタンダード版 Vlogカメラ") == "match"  # no DJI
    assert kind(pocket, "DJI Pocket3 ポケット3 1インチ 4K ジンバル") == "match"


def test_a_games_version_in_place_of_the_references() -> None:
    ganso = Product(title="妖怪ウォッチ2 元祖 - 3DS")
    for title in ("3DS 妖怪ウォッチ2 本家 箱あり", "妖怪ウォッチ2 真打 3DS ソフト"):
        m = match_title(ganso, title)
        assert not m.is_match and m.quantity == 1, m.detail  # 2 本家 is no count
    assert kind(ganso, "妖怪ウォッチ2 元祖 3DS ソフト 中古") == "match"
    zero = Product(title="【PS5】ドラゴンボール Sparking! ZERO")
    assert kind(zero, "PS5 ドラゴンボール スパーキングゼロ 美品") == "match"


def test_initials_kits_and_lookalike_wording() -> None:
    dk = Product(title="ドンキーコング リターンズ HD -Switch")
    assert kind(dk, "DKリターンズHD スイッチソフト ソフトのみ") == "match"
    qc = Product(title="Bose QuietComfort Ultra Headphones ワイヤレスヘッドホン ブラック")
    assert kind(qc, "BOSE QC Ultra Headphones ブラック") == "match"
    gr = Product(title="RICOH GR III デジタルカメラ", model_number="GR III")
    assert not match_title(gr, "RICOH GR IIIx 40mm 美品").is_match
    pocket = Product(title="DJI Osmo Pocket 3 Vlogカメラ")
    assert kind(pocket, "DJI Osmo Pocket 3 クリエイターコンボ 新品") == "line_conflict"
    curler = Product(title="SHISEIDO(資生堂) アイラッシュカーラー 213 ビューラー",
                     brand="SHISEIDO(資生堂)", model_number="213")
    assert kind(curler, "KOJI スプリングカーラー 資生堂213と同じカーブ") == "compatible"
    hotel = Product(title="マスカレード・ホテル (集英社文庫)", brand="東野圭吾")
    assert not match_title(hotel, "マスカレード・イブ 東野圭吾 集英社文庫").is_match
    assert kind(hotel, "マスカレード・ホテル 東野圭吾 文庫") == "match"
    adapter = Product(title="Apple 20W USB-C電源アダプタ", brand="Apple")
    assert kind(adapter, "iPhone 充電器 アップル純正 20W USB-C アダプター 箱なし") == "match"


def test_specs_and_modifiers_are_not_name_words() -> None:
    shokz = Product(title="Shokz OpenRun Pro 骨伝導イヤホン ワイヤレス IP55 防水 ブラック")
    assert kind(shokz, "OpenRunPro ブラック 骨伝導 Shokz 充電ケーブル付き") == "match"
    serum = Product(title="コスメデコルテ リポソーム アドバンスト リペアセラム 50mL")
    assert kind(serum, "コスメデコルテ リポソーム 50ml 箱なし 数回使用") == "match"
    river = Product(title="EcoFlow ポータブル電源 RIVER 2 256Wh")
    assert kind(river, "EcoFlow RIVER 2 512Wh") == "variant_conflict"


def test_siblings_by_number_carrier_size_and_aperture() -> None:
    xt5 = Product(title="FUJIFILM ミラーレスデジタルカメラ X-T5 ボディ シルバー F X-T5-S",
                  model_number="F X-T5-S")
    assert kind(xt5, "FUJIFILM X-T5 ボディ シルバー 美品") == "match"  # X is no 10
    assert kind(xt5, "FUJIFILM X-T50 ボディ シルバー") == "model_conflict"
    xperia = Product(title="ソニー Xperia 10 V SIMフリー 6.1インチ 有機EL 128GB ラベンダー XQ-DC44")
    assert kind(xperia, "エクスペリア10 V ラベンダー SIMフリー版") == "match"  # 有機EL: a spec
    assert kind(xperia, "Xperia 10 V SO-52D ラベンダー docomo版") == "line_conflict"
    box = Product(title="無印良品 ポリプロピレンファイルボックス・スタンダードタイプ・ワイド・"
                        "A4用・ホワイトグレー 約幅15×奥行32×高さ24cm")
    assert kind(box, "無印良品 ファイルボックス ワイド ホワイトグレー 中古") == "match"
    assert kind(box, "無印良品 ファイルボックス ワイド A4用 1/2 ホワイトグレー") != "match"
    lens = Product(title="Canon 単焦点レンズ RF50mm F1.8 STM フルサイズ対応")
    assert kind(lens, "キヤノン RF50mm F1.2 L USM 単焦点") == "variant_conflict"
    novel = Product(title="模倣犯〈1〉 (新潮文庫)")
    assert kind(novel, "模倣犯 一 宮部みゆき 新潮文庫") == "match"
    liner = Product(title="CANMAKE クリーミータッチライナー 02 ミディアムブラウン アイライナー")
    assert kind(liner, "クリーミータッチライナー ミディアムブラウン キャンメイク") == "match"
    rpg = Product(title="マリオ&ルイージRPG ブラザーシップ! -Switch")
    assert kind(rpg, "Switch マリオアンドルイージRPG ブラザーシップ パッケージ版") == "match"


def test_two_variants_another_with_item_and_another_pan() -> None:
    oil = Product(title="ミルボン ディーセス エルジューダ MO 120mL 洗い流さないトリートメント")
    assert kind(oil, "エルジューダ MO FO 2本セット") == "lot"
    assert kind(oil, "ミルボン ディーセス エルジューダ MO 120ml 2本セット") == "match"
    scribe = Product(title="Kindle Scribe (16GB) 10.2インチディスプレイ プレミアムペン付き")
    assert kind(scribe, "Kindle Scribe 16GB スタンダードペン付き") == "variant_conflict"
    pan = Product(title="リバーライト 鉄 フライパン 極JAPAN 26cm")
    assert not match_title(pan, "リバーライト 極JAPAN 炒め鍋 26cm").is_match
    game = Product(title="ポケットモンスター ハートゴールド(特典なし)")
    assert kind(game, "ニンテンドーDS ポケットモンスターハートゴールド 中古") == "match"
    assert not match_title(game, "ポケモン ハートゴールド ソウルシルバー 2本セット DS").is_match


def test_a_games_title_without_its_last_word_is_another_title() -> None:
    jamboree = Product(title="スーパー マリオパーティ ジャンボリー -Switch")
    assert kind(jamboree, "スーパー マリオパーティ Switch ソフト単品 2018年") == "line_conflict"
    assert kind(jamboree, "スーパー マリオパーティ ジャンボリー Switch") == "match"
    smash = Product(title="大乱闘スマッシュブラザーズ SPECIAL - Switch")
    assert kind(smash, "スマブラSP Switch ソフト 動作確認済") == "match"  # SP starts SPECIAL
    zelda = Product(title="ゼルダの伝説 夢をみる島 -Switch")
    assert kind(zelda, "【Switch】ゼルダの伝説 夢を見る島 中古") == "match"


# Cases met on blind sets: (reference, listing title, expected kind)
CASES = [
    # stop 14: a size after a middle dot (ケース・中); Lv.2 of a light novel is volume 2
    # a one-character scent is a scent
    ("バブ メディキュア 柑橘の香り 6錠入 入浴剤", "バブ メディキュア 森の香り 6錠入",
     "variant_conflict"),
    # a number after a name that has none is its next generation (but not Bluetooth 5.2's 2)
    ("Shokz OpenFit オープンイヤー 完全ワイヤレスイヤホン Bluetooth 5.2 ブラック",
     "【新品未開封】Shokz OpenFit 2 ブラック 耳を塞がない", "volume_conflict"),
    ("Shokz OpenFit オープンイヤー 完全ワイヤレスイヤホン Bluetooth 5.2 ブラック",
     "Shokz OpenFit ブラック 美品 2024年購入", "match"),
    # a shade's colour said for its code (R 01 ブラック: 黒), a tool's No. left out
    ("メイベリン ハイパーカール ウォータープルーフ R 01 ブラック マスカラ",
     "メイベリン ハイパーカール ウォータープルーフR 黒 匿名", "match"),
    ("メイベリン ハイパーカール ウォータープルーフ R 01 ブラック マスカラ",
     "メイベリン ハイパーカール ウォータープルーフR 02 ブラウン", "variant_conflict"),
    ("岡恒 剪定鋏 200mm No.103", "岡恒 剪定鋏 200mm 新品 日本製", "match"),
    # a video mode (5.3K60) and a name's days (30デイズ) are no volume numbers
    ("GoPro HERO13 Black アクションカメラ 5.3K60 ビデオ 27MP", "GoPro HERO 13 BLACK 新品未使用",
     "match"),
    ("SOME BY MI AHA・BHA・PHA 30デイズ ミラクル トナー 150mL", "SOME BY MI ミラクルトナー 150ml",
     "match"),
    # an ingredient's strength; an assortment is a lot
    ("Paula's Choice スキンパーフェクティング 2% BHA リキッド 118mL",
     "Paula's Choice スキンパーフェクティング 1% BHA ローション 118ml", "variant_conflict"),
    ("バブ メディキュア 柑橘の香り 6錠入 高濃度炭酸湯 入浴剤",
     "バブ メディキュア 柑橘の香り 森の香り 各6錠 計12錠 アソート", "lot"),
    # a platform alone in a bracket or after the dash is the game's: Windows, ディスクシステム
    ("サクラ大戦 【セガサターン】", "PS2 サクラ大戦 〜熱き血潮に〜 プレイステーション2",
     "line_conflict"),
    ("サクラ大戦 【セガサターン】", "セガサターン サクラ大戦 箱説あり", "match"),
    ("三國志14 - Windows", "三國志14 PS4 ソフト", "line_conflict"),
    ("新・光神話 パルテナの鏡 - 3DS", "光神話 パルテナの鏡 ディスクシステム 箱付き",
     "line_conflict"),
    # …not a list of what it works with
    ("NEC Aterm ルーター PA-WX1500HP 【 iPhone / Nintendo Switch 】確認済み",
     "NEC Aterm Wi-Fi6ルーター PA-WX1500HP 本体＋アダプター", "match"),
    # a part taken off the product; the product taken off a PC is the product
    ("Noctua NH-D15 デュアルタワー CPUクーラー 140mm", "Noctua NF-A15 ファン NH-D15から取り外し",
     "accessory"),
    ("Seagate BarraCuda 3.5インチ 2TB HDD ST2000DM008", "Seagate BarraCuda ST2000DM008 2TB "
     "デスクトップPCから取り外し", "match"),
    ("ドラゴンクエストVII エデンの戦士たち", "ドラゴンクエストVII エデンの戦士たち ディスク2のみ",
     "accessory"),
    # a set of colours is a lot of several products
    ("セザンヌ ウォータリーティントリップ 05 プラムレッド",
     "セザンヌ ウォータリーティントリップ 5本セット 色違い", "lot"),
    ("コクヨ 測量野帳 スケッチブック 40枚 3mm方眼 セ-Y3",
     "測量野帳 スケッチ ブライトカラー 4色セット", "lot"),
    ("弱キャラ友崎くん Lv.1 (ガガガ文庫)", "弱キャラ友崎くん Lv.2 ガガガ文庫", "volume_conflict"),
    ("弱キャラ友崎くん Lv.1 (ガガガ文庫)", "弱キャラ友崎くん Lv.1 ガガガ文庫 帯付き", "match"),
    ("無印良品 やわらかポリエチレンケース・中", "無印良品 やわらかポリエチレンケース・大",
     "variant_conflict"),
    ("無印良品 やわらかポリエチレンケース・中", "やわらかポリエチレンケース 中 無印", "match"),
    # stop 13: a replacement part or refill of the product (替え芯, 替えストロー, 補充用ビーズ)
    ("ゼブラ シャープペン デルガード 0.5 黒 P-MA85-BK", "ゼブラ デルガード 替え芯 0.5 HB 40本入",
     "accessory"),
    ("b.box シッピーカップ ブルーベリー", "b.box シッピーカップ 替えストロー 2本セット",
     "accessory"),
    ("無印良品 体にフィットするソファ 本体", "無印良品 体にフィットするソファ 補充用ビーズ",
     "accessory"),
    # stop 10: a katakana reading with its number, and the subtitle after it
    ("Xenoblade2 (ゼノブレイド2) - Switch", "ゼノブレイド2 Switch ソフト 中古 動作確認済み",
     "match"),
    ("Xenoblade2 (ゼノブレイド2) - Switch", "ゼノブレイド2 黄金の国イーラ Switch", "line_conflict"),
    # a named edition is another product; -tion sounds like ション
    ("ニーア オートマタ ゲーム オブ ザ ヨルハ エディション - PS4",
     "ニーアオートマタ BLACK BOX EDITION 初回生産限定版 PS4", "line_conflict"),
    ("サイバーパンク2077 アルティメットエディション - PS5",
     "【PS5】Cyberpunk 2077 Ultimate Edition 国内版", "match"),
    ("Rise of the Ronin - PS5", "PS5 Rise of the Ronin Z version 中古", "line_conflict"),
    # another imprint with a long vowel or hiragana in its name
    ("涼宮ハルヒの憂鬱 (角川スニーカー文庫)", "涼宮ハルヒの憂鬱 角川つばさ文庫", "line_conflict"),
    ("涼宮ハルヒの憂鬱 (角川スニーカー文庫)", "涼宮ハルヒの憂鬱 スニーカー文庫 谷川流", "match"),
    # an exam book's year, however it is written
    ("キタミ式イラストIT塾 基本情報技術者 令和06年 (情報処理技術者試験)",
     "キタミ式イラストIT塾 基本情報技術者 令和07年", "variant_conflict"),
    ("キタミ式イラストIT塾 基本情報技術者 令和06年 (情報処理技術者試験)",
     "キタミ式イラストIT塾 基本情報技術者 R06 2024年試験対応", "match"),
    # a bar between letters is part of the name; what it fits is no name word
    ("Seagate Xbox Series X|S 用 ストレージ拡張カード 1TB NVMe SSD 国内正規品",
     "Seagate ストレージ拡張カード 512GB Xbox Series X|S 対応", "variant_conflict"),
    ("Seagate Xbox Series X|S 用 ストレージ拡張カード 1TB NVMe SSD 国内正規品",
     "Xbox ストレージ拡張カード 1TB シーゲート 動作確認済み", "match"),
    # a size in letters, an unscented reference, a glued decimal version, an empty bottle
    ("山崎実業 ブレッドケース ホワイト 約W43XD26.5XH19cm タワー パンケース",
     "タワー ブレッドケース ホワイト パンケース 美品", "match"),
    ("ルック おふろの防カビくん煙剤 無香性 4g", "ルック おふろの防カビくん煙剤 せっけんの香り 4g",
     "variant_conflict"),
    ("KATE スーパーシャープライナーEX4.0 BK-1 漆黒ブラック",
     "ケイト スーパーシャープライナーEX3.0 BK-1 漆黒ブラック", "variant_conflict"),
    ("フィアンセ ボディミスト ピュアシャンプーの香り 50mL", "フィアンセ ボディミスト 空きボトル",
     "box_only"),
    # from blind56–59: a box's ages, players and minutes are no numbers of the work
    ("ジーピー カタン スタンダード版 (3～4人用 60分 8才以上向け) ボードゲーム",
     "カタン スタンダード版 GP ボードゲーム 内容物確認済み", "match"),
    ("ジーピー カタン スタンダード版 (3～4人用 60分 8才以上向け) ボードゲーム",
     "カタン 5-6人用拡張版 ジーピー ボードゲーム", "variant_conflict"),  # 5-6人用: players
    ("アークライト ito (イト) (2-10人用 30分 8才以上向け) ボードゲーム",
     "アークライト ito 価値観を数字で表す カードゲーム", "match"),
    # an edition written 11版, a letter version's ver, a series subtitle in waves, a brand's +
    ("例解学習国語辞典 第十一版", "例解学習国語辞典 11版 付箋跡あり", "match"),
    ("ユニコーンオーバーロード - PS5", "【PS5】ユニコーンオーバーロード Unicorn Overlord", "match"),
    ("かぐや様は告らせたい～天才たちの恋愛頭脳戦～ 28 (ヤングジャンプコミックス)",
     "かぐや様は告らせたい 28巻 最終巻 帯付き", "match"),
    ("スーパーマリオワールド - スーパーファミコン",
     "【ジャンク】SFC スーパーマリオワールド ラベル剥がれ", "match"),
    # copies of one game, the game's disc alone, a spare battery, a pump bottle
    ("スーパーマリオワールド - スーパーファミコン",
     "スーパーマリオワールド ソフトのみ 3本まとめて 同タイトル", "match"),
    ("クライシス コア -ファイナルファンタジーVII- - PSP",
     "クライシスコア FF7 PSP UMDのみ", "match"),
    ("Canon ミラーレス一眼カメラ EOS R6 Mark II ボディ EOSR6MK2",
     "EOS R6 Mark II 中古 ボディ 予備バッテリー LP-E6NH付", "match"),
    ("TSUBAKI プレミアムモイスト シャンプー 490mL",
     "ツバキ プレミアムモイスト シャンプー ポンプ 490mL",
     "match"),
    # core sounds like コア; budget reprints and named versions are other releases
    ("クライシス コア -ファイナルファンタジーVII- - PSP",
     "CRISIS CORE FINAL FANTASY VII PSPソフト 説明書付き", "match"),
    ("クライシス コア -ファイナルファンタジーVII- - PSP",
     "クライシスコア FF7 アルティメットヒッツ PSP",
     "line_conflict"),
    ("ペルソナ4 ザ・ゴールデン - PS Vita", "ペルソナ4 ザ・ゴールデン PlayStation Vita the Best",
     "line_conflict"),
    ("例解学習国語辞典 第十一版", "例解学習国語辞典 第十一版 ドラえもん版", "line_conflict"),
    # a game's letter after its title; our model number named overrides a series guess
    ("大乱闘スマッシュブラザーズDX - ゲームキューブ",
     "大乱闘スマッシュブラザーズX Wii", "line_conflict"),
    ("大乱闘スマッシュブラザーズDX - ゲームキューブ", "NINTENDO64 大乱闘スマッシュブラザーズ",
     "line_conflict"),
    ("大乱闘スマッシュブラザーズDX - ゲームキューブ",
     "スマッシュブラザーズ デラックス ゲームキューブ",
     "match"),
    ("Kindle (16GB) 6インチ 2024年発売 ブラック",
     "Kindle 2024 16GB マッチャ 新品", "variant_conflict"),
    # from blind60–63: parts and ingredients counted are no numbers of the work
    ("エレコム トラックボールマウス 人差し指操作 ワイヤレス 大玉 8ボタン HUGE ブラック M-HT1DRBK",
     "エレコム HUGE 無線 トラックボール 人差し指 USBレシーバー付き 動作品", "match"),
    ("CeraVe モイスチャライジング クリーム 454g 3種のセラミド 無香料",
     "CeraVe Moisturizing Cream 16oz 454g", "match"),
    # AMOLED of a display is no OLED model; 8GB+128GB is no Plus
    ("GARMIN vívoactive 5 Black/Slate スマートウォッチ AMOLEDディスプレイ GPS Suica対応",
     "ガーミン vivoactive5 ブラック スレート 美品", "match"),
    ("Nothing Phone (2a) 8GB+128GB ブラック SIMフリー 6.7インチ",
     "Nothing Phone (2a) 128GB ブラック SIMフリー 国内版 美品", "match"),
    # 6訂 is the sixth edition; NGC is the GameCube; 通信交換用 is for trading
    ("英単語ターゲット1900 6訂版 (大学JUKEN新書)", "ターゲット1900 6訂 中古 マーカー少しあり",
     "match"),
    ("マリオカート ダブルダッシュ!! - ゲームキューブ",
     "マリオカート ダブルダッシュ！！ NGC 読み込み不良",
     "match"),
    ("ポケットモンスター 金 - ゲームボーイ",
     "ポケットモンスター金 2本セット 通信交換用に", "match"),
    # a publisher's name is no original (桐原書店); プラ製 is plastic; another pack size
    ("Next Stage 英文法・語法問題 4th EDITION", "Next Stage 英文法・語法問題 4th EDITION 桐原書店",
     "match"),
    ("ピジョン 母乳実感 哺乳びん プラスチック製 240ml", "Pigeon 母乳実感 240ml プラ製 2本セット",
     "match"),
    ("アリエール ジェルボール4D 洗濯洗剤 詰め替え 56個",
     "アリエール ジェルボール4D 詰め替え 12個入",
     "quantity_conflict"),
    ("アリエール ジェルボール4D 洗濯洗剤 詰め替え 56個",
     "アリエール ジェルボール4D 110個 メガジャンボ",
     "quantity_conflict"),
    ("アリエール ジェルボール4D 洗濯洗剤 詰め替え 56個",
     "アリエール ジェルボール4D 詰め替え 56個 2袋",
     "match"),
    # another series subtitle in waves, another named version or kit, a summary of the book
    ("ビブリア古書堂の事件手帖 ~栞子さんと奇妙な客人たち~ (メディアワークス文庫)",
     "ビブリア古書堂の事件手帖 〜扉子と不思議な客人たち〜", "line_conflict"),
    ("ポケットモンスター 金 - ゲームボーイ", "ポケットモンスター クリスタルバージョン GBC",
     "line_conflict"),
    ("DJI Osmo Action 4 スタンダードコンボ アクションカメラ",
     "DJI Osmo Action 4 アドベンチャーコンボ 延長ロッド付", "line_conflict"),
    ("FACTFULNESS(ファクトフルネス) 10の思い込みを乗り越え、データを基に世界を正しく見る習慣",
     "FACTFULNESS 要約ノート 手書き 読書メモ", "accessory"),
    # two sizes, one ours: a lot; a label's number is no volume
    ("ピジョン 母乳実感 哺乳びん プラスチック製 240ml",
     "ピジョン 哺乳びん 母乳実感 240ml 160ml ガラス", "lot"),
    ("ノンタン ぶらんこのせて (ノンタンあそぼうよ 1)", "ノンタン ぶらんこのせて 偕成社 絵本",
     "match"),
    # from blind64–67: numbers of the copy are not the name's (10コアCPU, 最大150ルーメン)
    ("Apple 2024 Mac mini M4チップ搭載デスクトップコンピュータ: 10コアCPUと10コアGPUを搭載",
     "ジャンク Mac mini M4 16GB 256GB 電源入らず", "match"),
    # GPS+Cellular is no Plus; ケース販売 is sold by the carton; another quoted title
    ("Apple Watch Ultra 2(GPS + Cellularモデル)- 49mmブラックチタニウムケース",
     "Apple Watch Ultra2 49mm ブラックチタニウム GPS+Cellular 美品", "match"),
    ("ジョイ W除菌 食器用洗剤 緑茶 詰め替え 超特大ジャンボ 1425mL",
     "ジョイ 除菌 緑茶 詰め替え ジャンボサイズ 1425 6個 ケース販売", "match"),
    ("もし高校野球の女子マネージャーがドラッカーの『マネジメント』を読んだら",
     "もし高校野球の女子マネージャーがドラッカーの『イノベーションと企業家精神』を読んだら",
     "line_conflict"),
    # from blind68–71: a variant in brackets, another connectivity, a titanium colour
    ("ファシオ パワフルカール マスカラ EX (ロング) BK001 ブラック",
     "ファシオ パワフルカール マスカラ EX (ボリューム) BK001", "variant_conflict"),
    ("Google Pixel Watch 3 (41mm) - Matte Black アルミケース / Obsidian アクティブ バンド - Wi-Fi",
     "Pixel Watch 3 41mm LTE モデル マットブラック Obsidian", "variant_conflict"),
    ("Apple iPhone 15 Pro (128 GB) - ナチュラルチタニウム SIMフリー",
     "iPhone15Pro 128GB ブルーチタニウム SIMフリー 箱あり", "variant_conflict"),
    # 詰替用 is the refill the reference calls 詰めかえ用; only inside a title is no "only"
    ("ピジョン 哺乳びん野菜洗い 詰めかえ用 700mL", "哺乳びん野菜洗い 詰替用 700mL ピジョン",
     "match"),
    ("1分で話せ 世界のトップが絶賛した大事なことだけシンプルに伝える技術",
     "「1分で話せ」世界のトップが絶賛した大事なことだけシンプルに伝える技術 帯あり", "match"),
    # from blind72–75: ports are no pack (USB-C×2), parts without the main unit, このミス,
    # a letter spelt in katakana (ソフトストーンダブル), a named version with kanji
    ("CIO SMARTCOBY Pro 30W モバイルバッテリー 10000mAh USB-C×2 USB-A×1 ブラック",
     "CIO モバイルバッテリー SMARTCOBYPro 30W ブラック 2個セット 新品", "match"),
    ("ケンウッド ドライブレコーダー 前後撮影 DRV-MR570",
     "DRV-MR570 リアカメラのみ 接続コード付き 本体なし",
     "accessory"),
    ("爆弾 (講談社文庫)", "呉勝浩『爆弾』文庫本 映画化 このミス1位 帯", "match"),
    ("デオナチュレ ソフトストーンW 20g ワキ用 直ヌリ 制汗剤",
     "デオナチュレ ソフトストーンダブル ワキ用 直ぬり 制汗 未使用", "match"),
    ("スーパーマリオ64 - NINTENDO64", "スーパーマリオ64 振動パック対応バージョン N64 箱説あり",
     "line_conflict"),
    # a book with scribbles and tears, for whoever can read it: junk
    ("はじめてのおつかい (こどものとも傑作集)",
     "はじめてのおつかい 絵本 落書き・破れあり 読めればOKな方へ",
     "match"),
    # from blind80–83: オー ド パルファン spaced is EDP; ナンバー3 is No.3; 1個おまけ is no number
    ("ランコム ラ ヴィ エ ベル オー ド パルファン 30mL",
     "ランコム ラヴィエベル オードパルファム 30ml 箱あり",
     "match"),
    ("OLAPLEX No.3 ヘアパーフェクター 100mL", "オラプレックス ナンバー3 100ml ×2本セット", "match"),
    ("OM SYSTEM ミラーレス一眼カメラ OM-5 ボディー ブラック",
     "オーエムシステム OM5 body black ミラーレス 予備バッテリー1個おまけ", "match"),
    # from blind84–87: a trademark sign is no letter of a game's title; a fault described
    # after a name (セーブできません) and UMD are no other title; ファイヤー is ファイアー
    ("マリオ&ソニック AT 東京2020オリンピック™ -Switch",
     "Switch マリオ&ソニック AT 東京2020オリンピック 美品",
     "match"),
    ("ドラゴンクエストV 天空の花嫁 - スーパーファミコン",
     "【ジャンク】SFC ドラクエV セーブできません 起動のみ確認",
     "match"),
    ("ユニフレーム ファイアグリル 683040 焚き火台",
     "ユニフレーム ファイヤーグリル 焚き火台 煤汚れあり",
     "match"),
    # the name after の stands for an "X の Y" title
    ("からかい上手の高木さん (20) (ゲッサン少年サンデーコミックス)", "高木さん 20巻 漫画 美品",
     "match"),
    # 有村架純 and 無香料 are no "with" or "without" (有, 無) after a line word
    ("コーヒーが冷めないうちに (サンマーク文庫)", "映画 コーヒーが冷めないうちに DVD 有村架純",
     "line_conflict"),
    ("ジョンソン ベビーオイル 無香料 300mL", "ジョンソン ベビーローション 無香料 300ml",
     "line_conflict"),
    ("Panasonic LUMIX S5II フルサイズ ミラーレス一眼カメラ ボディ DC-S5M2",
     "Panasonic ルミックス S5Ⅱ ボディのみ", "match"),
    ("フロッシュ 食器用洗剤 アロエヴェラ 詰替用 750ml",
     "フロッシュ 食器用洗剤 アロエヴェラ750ml ブラッドオレンジ750ml 各1本", "lot"),
    # a katakana reading in the catalogue title stands for the Latin name before it
    ("Echo Pop (エコーポップ) - コンパクトスマートスピーカー with Alexa｜チャコール",
     "アマゾン エコーポップ 黒(チャコール) 美品", "match"),
    ("【第2類医薬品】ミルトンCP 60錠 哺乳びん消毒", "ミルトンCP 60錠 新品未開封 哺乳瓶消毒",
     "match"),
    ("シャネル ルージュ アリュール 99 ピラート 口紅",
     "シャネル 口紅 3本まとめ売り ルージュアリュール 99 含む", "lot"),
    # a code of the title with its generation names the model, with or without a model number
    ("ソニー VLOGCAM ZV-1 II ブラック", "SONY ZV-1 II ブラック 美品", "match"),
    ("【テープ Mサイズ】パンパース オムツ さらさらケア (6~11kg) 64枚",
     "パンパース さらさらケア テープ M 64枚", "match"),  # 6~11kg: weights, not volume 6
    ("Bialetti (ビアレッティ) モカエキスプレス 3カップ用 直火式 エスプレッソメーカー 1162",
     "BIALETTI MOKA EXPRESS 3cup マキネッタ 数回使用", "match"),
    ("100かいだてのいえ (偕成社の絵本)", "うみの100かいだてのいえ 絵本", "line_conflict"),
    ("パンどろぼう (絵本)", "パンどろぼうとなぞのフランスパン 絵本", "line_conflict"),
    ("スクラビングバブル 流せるトイレブラシ 本体 (ハンドル1本+付替用ブラシ4個)",
     "スクラビングバブル 流せるトイレブラシ 本体 未開封", "match"),
    ("ミス ディオール オードゥ パルファン 50mL", "ミス ディオール パルファン 50ml 香水",
     "line_conflict"),
    ("【PS5】ELDEN RING NIGHTREIGN", "PS5 エルデンリング ナイトレイン 中古", "match"),
    ("【PS5】ELDEN RING NIGHTREIGN", "PS5 エルデンリング ＋ ナイトレイン 2本セット まとめ売り",
     "lot"),
    ("ようこそ実力至上主義の教室へ (MF文庫J)", "ようこそ実力至上主義の教室へ 2 MF文庫J",
     "volume_conflict"),
    ("ネスプレッソ カプセル式コーヒーメーカー エッセンサ ミニ ピアノブラック C30BK",
     "ネスプレッソ エッセンサ ミニ ピアノブラック カプセル5個おまけ", "match"),
    # USB 3.2 Gen 2 is the port's generation, not the product's
    ("Samsung Portable SSD T7 1TB USB3.2 Gen.2 グレー MU-PC1T0T/IT", "サムスン T7 1TB 外付けSSD",
     "match"),
    ("英単語ターゲット1900 6訂版 (大学JUKEN新書)", "ターゲット1900 六訂版 美品", "match"),
    ("英単語ターゲット1900 6訂版 (大学JUKEN新書)", "ターゲット1900 6訂版 書き覚えノート",
     "line_conflict"),
    ("メモの魔力 The Magic of Memos (NewsPicks Book)", "メモの魔力 前田裕二", "match"),
    ("モンスターハンターダブルクロス - 3DS", "モンスターハンター4G 3DS 箱説あり", "low_score"),
    ("Dior ディオールスキン フォーエヴァー フルイド グロウ 1N 30mL",
     "ディオールスキン フォーエヴァー フルイド グロウ 1.5N", "variant_conflict"),
    ("花王 バスマジックリン エアジェット 浴室用洗剤 ハーバルシトラスの香り 本体 430ml",
     "バスマジックリン エアジェット 本体 430ml", "match"),
    ("Nintendo Switch 2 Proコントローラー", "Switch 2 本体 マリオカートワールド セット + プロコン",
     "lot"),
    ("リバーライト 鉄 フライパン 極JAPAN 26cm J1426", "リバーライト フライパン 26cm用 ガラス蓋",
     "accessory"),

    ("SIGMA 標準ズームレンズ 18-50mm F2.8 DC DN | Contemporary C021 ソニーEマウント用",
     "SIGMA 18-50mm F2.8 DC DN Contemporary 富士フイルム Xマウント用", "variant_conflict"),
    ("amiibo リンク【ティアーズ オブ ザ キングダム】(ゼルダの伝説シリーズ)",
     "amiibo リンク ティアーズオブザキングダム 未開封", "match"),
    ("amiibo リンク【ティアーズ オブ ザ キングダム】(ゼルダの伝説シリーズ)",
     "ティアキン amiibo 3体セット リンク・ゼルダ・ガノンドロフ", "lot"),
    ("【PS5】Demon's Souls", "PS5 デモンズソウル 中古", "match"),
    ("ぐりとぐら (こどものとも傑作集)", "ぐりとぐらのえんそく 絵本", "line_conflict"),
    ("だるまさんが (かがくいひろしのファーストブック1)", "だるまさんが 絵本 0歳", "match"),
    ("だるまさんが (かがくいひろしのファーストブック1)", "だるまさんと 絵本", "low_score"),
    ("LODGE ロジック スキレット 10 1/4インチ L8SK3 鋳鉄", "ロッジ スキレット 12インチ 鋳鉄",
     "variant_conflict"),
    ("ソト(SOTO) レギュレーターストーブ ST-310 シングルバーナー",
     "SOTO マイクロレギュレーターストーブ SOD-310", "model_conflict"),
    ("Marshall ワイヤレスポータブル防水スピーカー Emberton II ブラック&ブラス 連続再生30時間以上",
     "Marshall Emberton II ブラック＆ブラス 動作確認済", "match"),
    ("AMD Ryzen 7 7800X3D, without Cooler 8コア / 16スレッド", "ryzen 7800x3d cpu単体 使用半年",
     "match"),

    ("Canon ミラーレス一眼カメラ EOS Kiss M2 ダブルズームキット ブラック KISSM2BK-WZK",
     "キヤノン EOS KissM2 Wズームキット 黒 元箱・付属品完備", "match"),
    ("Canon ミラーレス一眼カメラ EOS Kiss M2 ダブルズームキット ブラック KISSM2BK-WZK",
     "Canon EOS Kiss M2 ボディ ブラック 本体のみ", "line_conflict"),
    ("New ポケモンスナップ -Switch", "ポケモンスナップ NINTENDO64 ソフトのみ 64", "line_conflict"),
    ("ティファール フライパン セット 9点 IH対応 インジニオ・ネオ IHルージュ・アンリミテッド L38392",
     "T-fal IHルージュ・アンリミテッド 9点セット L38392 箱あり", "match"),
    ("キングダム ハーツIII - PS4", "KINGDOM HEARTS III プレステ4 ディスク傷なし", "match"),
    ("Google Pixel 8a - Bay - 128 GB - SIMフリー", "グーグル ピクセル8a 青 128ギガ", "match"),
    ("システム英単語 5訂版 (駿台受験シリーズ)", "システム英単語 Basic 5訂版", "line_conflict"),
    ("Elgato Stream Deck MK.2 ブラック - 15個のLCDキー", "エルガト ストリームデッキ XL 32キー",
     "line_conflict"),

    ("エプソン エコタンク搭載 A4カラーインクジェット複合機 EW-M754TW ホワイト",
     "エプソン エコタンク EW-M754T 白 A4プリンター", "match"),  # W is the colour
    ("ペーパーマリオ オリガミキング -Switch", "ペパマリ オリガミキング スイッチ ソフト", "match"),
    ("五等分の花嫁 14 (講談社コミックス)", "五等分の花嫁 フルカラー版 14", "line_conflict"),
    ("uka ネイルオイル 13:00 5ml", "uka ネイルオイル 24:45 5ml", "variant_conflict"),
    ("ファイナルファンタジーVI - スーパーファミコン", "スーパーファミコン FF6 箱説付き", "match"),
    ("BIOHAZARD RE:3 Z Version - PS4", "PS4 バイオハザード RE:3 通常版 CERO D", "line_conflict"),
    ("速読英単語 必修編 [改訂第7版増補版]", "速読英単語必修編［改訂第7版増補版］風早寛 別冊付き",
     "match"),
    ("メリーズパンツ さらさらエアスルー Lサイズ(9~14kg) 44枚",
     "花王 メリーズ さらさらエアスルー パンツタイプ L 9～14kg 1袋", "match"),
    ("アイリスオーヤマ カラーボックス 3段 CX-3 オフホワイト", "ニトリ カラーボックス 3段 ホワイト",
     "brand_conflict"),
    # stop 11: circled digits NFKC leaves alone (❷) are numbers; ウィ and ウイ one spelling
    ("ウィザードリィの本 3 (ゲーム文庫)", "ウイザードリィの本 3 ゲーム文庫 中古", "match"),
    # memory and storage: 6GB+128GB is not 8GB+128GB, and 8+128GB is the reference's
    ("Redmi Pad SE タブレット 8GB+256GB 11インチ グレー", "Redmi Pad SE 6GB+256GB グレー",
     "variant_conflict"),
    ("Redmi Pad SE タブレット 8GB+256GB 11インチ グレー", "Redmi Pad SE 8+256GB グレー 美品",
     "match"),
    # a count of what comes with it (1本同梱) is no number; 同梱版 is what the reference says
    ("テニスゲーム セット (「専用ラケット」1本同梱) - Wii",
     "テニスゲーム セット 専用ラケット同梱版 Wii", "match"),
    # a range of numbers sold as a set is a lot
    ("英単語ターゲット1900 1 (文庫)", "英単語ターゲット1900 1~3 セット 文庫", "lot"),
    # the damaged case of a game is part of it; a cable cut in a junk headset is its fault
    ("ゼルダの伝説 大地の汽笛", "大地の汽笛 ゼルダ DS ケース少し割れ", "match"),
    ("ソニー 有線ヘッドホン MDR-7506 スペシャルエディション", "【ジャンク】ソニー MDR-7506 "
     "スペシャルエディション ケーブル断線", "match"),
    # another variant named by its kind: ルイージセット for マリオセット, another タイプ
    ("ピクミン ライブ ホームガーデン オリマーセット -Switch",
     "ピクミン ライブ ホームガーデン ルーイセット 美品", "variant_conflict"),
    ("メリット シャンプー さらさらタイプ 480mL", "メリット シャンプー しっとりまとまるタイプ 480mL",
     "variant_conflict"),
    # made for a model named by its number (Pad 6 対応); 似 is a look-alike
    ("Redmi Pad SE タブレット 8GB+256GB 11インチ グレー", "タッチペン Redmi Pad SE 対応",
     "compatible"),
    ("ヴィセ リップ ネンマクフェイク ルージュ RD470", "リップ RD470 似 プチプラ", "compatible"),
    # a tape-type diaper is not the pants-type; a postcard of a picture book is merchandise
    ("ムーニーマン パンツ Mサイズ 58枚", "ムーニー テープ Mサイズ 58枚", "line_conflict"),
    ("ぐりとぐら (こどものとも絵本)", "ぐりとぐら 原画展 ポストカード 3枚", "line_conflict"),
    # a part made for the reference itself, where the reference is a case
    ("無印良品 ポリプロピレン衣装ケース・深 約幅40×奥行65×高さ30cm",
     "無印良品 ポリプロピレン衣装ケース用 キャスター", "accessory"),
    # part of the reference's pack sold on its own
    ("ルルルン フェイスマスク ピュア 32枚入", "ルルルン フェイスマスク ピュア 小分け 7枚",
     "quantity_conflict"),
    ("ルルルン フェイスマスク ピュア 32枚入", "ルルルン フェイスマスク ピュア 1枚 バラ売り",
     "quantity_conflict"),
    # stop 11, from blind92–95: tested on a console (本体で起動確認) is no console sold with it
    ("ポケットモンスター ムーン - 3DS", "3DS ポケモンムーン ソフトのみ 本体で起動確認", "match"),
    # 永遠のゼロ is 永遠の0; 42タイトル収録 is what a mini console holds, no lot
    ("永遠の0 (講談社文庫)", "永遠のゼロ 文庫 帯付き", "match"),
    ("ファミコンミニ", "ファミコンミニ 30タイトル収録 動作確認済み", "match"),
    # a series' label (…シリーズ) and a feature (…搭載) are no name words
    ("図書館戦争 図書館戦争シリーズ(1) (角川文庫)", "図書館戦争 角川文庫 中古", "match"),
    # コンプリート of a コンプリートエディション is the edition, no complete set
    ("ウィッチャー3 ワイルドハント コンプリートエディション - PS5",
     "ウィッチャー3 コンプリート PS5 中古", "match"),
    # the g+ of 15g+リフィル is no Plus model; one part of a set (リフィルのみ) is not the set
    ("クッションファンデ ルミナス 21 本体15g+リフィル15g",
     "ルミナス クッションファンデ 21 本体+リフィル", "match"),
    ("クッションファンデ ルミナス 21 本体15g+リフィル15g",
     "ルミナス クッションファンデ 21 リフィルのみ", "accessory"),
    # another product after our name, though a box comes with it (RAY 箱付き)
    ("ReFa CARAT (リファカラット) 美容ローラー", "ReFa CARAT RAY リファカラットレイ 箱付き",
     "line_conflict"),
    # the model's initials (MCC) or its katakana reading after the name are the name again
    ("Halo: The Master Chief Collection (通常版) - XboxOne", "Halo MCC XboxOne 中古", "match"),
    # the year a generation came out says the generation
    ("2022 Apple TV 4K Wi‑Fi with 64GB storage (第3世代)", "Apple TV 4K 2022 64GB Wi-Fi", "match"),
    # ノゲノラ, 時オカ, ワンピース, ForeAthlete and FR965: what sellers write
    ("ノーゲーム・ノーライフ 1 (MF文庫J)", "ノゲノラ 1 MF文庫J 中古", "match"),
    ("ONE PIECE ODYSSEY - PS5", "PS5 ワンピース オデッセイ 中古", "match"),
    ("ガーミン Forerunner 965 ブラック", "Garmin FR965 ブラック 中古", "match"),
    # E-PL9 is a sibling of E-PL10; ATH-M50xBT the Bluetooth model of ATH-M50x (but X9Pro is
    # the X9 Pro); an exam book's grade (準2級 is not 2級)
    ("OLYMPUS ミラーレス一眼カメラ PEN E-P7 14-42mm EZレンズキット",
     "OLYMPUS PEN E-P10 レンズキット", "model_conflict"),
    ("audio-technica モニターヘッドホン ATH-M50x ブラック", "ATH-M50xBT ワイヤレス ヘッドホン",
     "model_conflict"),
    ("Crucial X9 Pro 2TB ポータブルSSD", "クルーシャル X9Pro 2TB 外付けSSD", "match"),
    ("2025年度版 英検3級 過去6回全問題集", "2025年度版 英検準3級 過去6回全問題集",
     "variant_conflict"),
    # another format of a dictionary (小型版 for 並版); another exam's book; the edition for
    # other years (2025-2026年); another size of bed
    ("広辞苑 第七版 普通版", "広辞苑 第七版 机上版 岩波書店", "line_conflict"),
    ("いちばんやさしい 基本情報技術者 令和07年", "いちばんやさしい 応用情報技術者 令和07年",
     "line_conflict"),
    ("うかる! FP3級 速攻テキスト 2024-2025年版", "うかる! FP3級 速攻テキスト 2025-2026年版",
     "variant_conflict"),
    ("ニトリ 敷布団 シングル 抗菌防臭", "ニトリ 敷布団 ダブル 抗菌防臭", "variant_conflict"),
    # 改訂四版 is the fourth revision; Ep.2 a second episode; two numbers of a series sold as
    # a set; a hair mist of a perfume; made for a list of models (Libra Colour / Sage 対応)
    ("漢検 準1級 漢字学習ステップ 改訂四版", "漢検 準1級 漢字学習ステップ 改訂三版",
     "volume_conflict"),
    ("ソードアート・オンライン プログレッシブ (電撃文庫)",
     "ソードアート・オンライン プログレッシブ Ep.2 電撃文庫", "volume_conflict"),
    ("ピクミン3 デラックス -Switch", "ピクミン3 デラックス ピクミン4 セット Switch", "lot"),
    ("ジョー マローン イングリッシュ ペアー&フリージア コロン 30mL",
     "ジョーマローン イングリッシュペアー&フリージア ヘア ミスト 30ml", "line_conflict"),
    ("Kobo Libra Colour ホワイト 電子書籍リーダー", "Kobo スタイラス 2 Libra Colour / Sage 対応",
     "compatible"),
    # stop 11, from blind96–99: an impedance (250Ω) is a spec; 箱なし本体のみ is the product
    ("beyerdynamic DT 770 PRO 80Ω 密閉型ヘッドホン", "beyerdynamic DT 770 PRO 250 ohm",
     "variant_conflict"),
    ("beyerdynamic DT 770 PRO 80Ω 密閉型ヘッドホン", "beyerdynamic DT 770 PRO 80Ω 箱なし本体のみ",
     "match"),
    # the CD alone, the book not (本なし); a part that comes with it, alone (付属 …のみ)
    ("瞬間英作文トレーニング CD BOOK", "瞬間英作文トレーニング 付属CDのみ 本なし", "accessory"),
    ("アイトーク スーパーウォータープルーフ 6mL", "アイトーク付属 プッシャーのみ 未使用",
     "accessory"),
    # a game's cartridge is the game; PS2 and Game Gear are platforms
    ("ソニック・ザ・ヘッジホッグ2 - メガドライブ",
     "ソニック・ザ・ヘッジホッグ2 メガドライブ カートリッジ", "match"),
    ("大神 - PS2", "大神 絶景版 PS4", "model_conflict"),
    ("ソニック・ザ・ヘッジホッグ2 - メガドライブ", "ソニック・ザ・ヘッジホッグ2 ゲームギア",
     "line_conflict"),
    # MHX is モンスターハンタークロス; 5合半 is 5.5合; Ti is another GPU; インテンス another scent
    ("モンスターハンタークロス - 3DS", "3DS MHX ソフト", "match"),
    ("象印 圧力IH炊飯器 極め炊き 5.5合 NW-JX10", "象印 極め炊き NW-JX10 5合半", "match"),
    ("MSI GeForce RTX 4060 VENTUS 2X BLACK 8G OC", "MSI RTX 4060 Ti VENTUS 2X BLACK 8G",
     "line_conflict"),
    ("イヴ・サンローラン ブラック オピウム オーデパルファム 30mL",
     "イヴサンローラン ブラックオピウム インテンス 30ml", "line_conflict"),
    # ボディ of a body oil is where it goes, no camera body; 上田惇生 編 is an editor
    ("無印良品 ホホバオイル 200mL", "無印良品 ホホバオイル 200ml ボディ 髪", "match"),
    ("プロフェッショナルの条件 いかに成果をあげ、成長するか (はじめて読むドラッカー 自己実現編)",
     "プロフェッショナルの条件 いかに成果をあげ、成長するか 上田惇生 編訳", "match"),
    # made for a model named by a short number (Mini 4K 用)
    ("DJI Mini 4K ドローン", "DJI Mini 4K 用 プロペラガード", "compatible"),
    # a title ends at a double dash (――); a GPU line (GeForce) and a charger's kind are
    # descriptors; Watch6 is Watch 6; a dog's size (超小型犬用 is not 小型犬用)
    ("やり抜く力 GRIT(グリット)――人生のあらゆる成功を決める「究極の能力」を身につける",
     "やり抜く力 グリット 帯付き 美品", "match"),
    ("MSI GeForce RTX 4060 VENTUS 2X BLACK 8G OC", "MSI RTX 4060 VENTUS 2X BLACK 8G OC 中古",
     "match"),
    ("Samsung Galaxy Watch6 40mm グラファイト スマートウォッチ", "Galaxy Watch 6 40mm グラファイト",
     "match"),
    ("グリニーズ プラス 成犬用 超小型犬用 30本", "グリニーズ プラス 成犬用 小型犬用 30本",
     "variant_conflict"),
    # an ad-supported Kindle is not the ad-free one; a USB model after ours is another model
    ("Kindle Paperwhite 16GB 広告なし ブラック", "Kindle Paperwhite 16GB 広告あり ブラック",
     "variant_conflict"),
    ("オーディオテクニカ コンデンサーマイク AT2035", "audio-technica AT2035USB USBマイク",
     "model_conflict"),
    # from blind100–103: 龍が如くゼロ is 龍が如く0; 百万回 is 100万回, a count; マーク6 of an
    # Xperia is its VI; ヌワール is ノワール; FF零式; another shade code of one polish
    ("龍が如く0 誓いの場所 - PS4", "龍が如くゼロ 誓いの場所 PS4 ソフト", "match"),
    ("100万回生きたねこ (講談社の創作絵本)", "百万回生きたねこ 佐野洋子 絵本", "match"),
    ("Xperia 10 VI SIMフリー ブラック", "エクスペリア10 マーク6 ブラック SIMフリー", "match"),
    ("シャネル スティロ ユー ウォータープルーフ 88 ヌワール アンタンス",
     "シャネル スティロ ユー ウォータープルーフ 88 ノワール アンタンス", "match"),
    ("ファイナルファンタジー零式 - PSP", "FF零式 PSP 中古", "match"),
    ("NAIL HOLIC ネイルホリック WT005 5mL", "ネイルホリック BK099 5ml", "model_conflict"),
    # a shorter scent name of ours; a date is no model number; a card that comes with it is
    # no spec of the product; for SONY E names a mount, no compatible
    ("ビオレu ザ ボディ 泡タイプ ピュアリーサボンの香り 540ml",
     "ビオレu ザボディ 泡 サボンの香り 540ml", "match"),
    ("SKIN1004 ヒアルシカ ウォーターフィット サンセラム 50mL",
     "SKIN1004 ヒアルシカ ウォーターフィット サンセラム 50mL 使用期限2026", "match"),
    ("ソニー Handycam HDR-CX680 内蔵メモリー64GB", "Handycam HDR-CX680 SDカード32GBおまけ",
     "match"),
    ("SIGMA 56mm F1.4 DC DN Contemporary ソニーEマウント用", "SIGMA 56mm F1.4 DC DN for SONY E",
     "match"),
    # a cup counted in 客; one part of an A&B set alone; ほか in a lot
    ("ウェッジウッド ワイルドストロベリー ティーカップ&ソーサー 1客",
     "ワイルドストロベリー カップ&ソーサー ペア 2客", "match"),
    ("ウェッジウッド ワイルドストロベリー ティーカップ&ソーサー 1客",
     "ワイルドストロベリー ソーサーのみ", "accessory"),
    ("星のカービィ 夢の泉の物語 - FC", "カービィ 夢の泉の物語 3本まとめ売り ほか", "lot"),
    # a number after a word of a game's name that the reference has not is a sequel (not a
    # Roman numeral the reference writes, nor a read-out X after kana)
    ("スーパーマリオギャラクシー - Wii", "スーパーマリオギャラクシー2 Wii 中古", "volume_conflict"),
    ("クライシス コア -ファイナルファンタジーVII- - PSP",
     "クライシスコア ファイナルファンタジー7 PSP", "match"),
    ("ゼノブレイドクロス ディフィニティブエディション -Switch",
     "ゼノブレイドX ディフィニティブエディション Switch", "match"),
    # from blind104–107: KC- of a model number is no comic label; the numbers of a 文庫 label
    # are no volume; a cover washed is the product's; nicknames (P5S, 東大, メンビオ, Fire TV);
    # an exam's course and series (文科, 青本); a fragrance for men is not the one for women; a
    # chapter of a game (時空の章 for 大地の章); ノーマル is a modifier
    ("シャープ 加湿空気清浄機 プラズマクラスター KC-R50-W", "SHARP KC-R50-W 加湿空気清浄機 美品",
     "match"),
    ("新版 思考の整理学 (ちくま文庫 と-1-11)", "新版 思考の整理学 ちくま文庫", "match"),
    ("エアウィーヴ ピロー S-LINE 枕", "エアウィーヴ ピロー S-LINE 枕 カバー洗濯済み", "match"),
    ("ペルソナ5 スクランブル ザ ファントム ストライカーズ - PS4",
     "P5S ファントムストライカーズ PS4", "match"),
    ("Fire TV Cube (第3世代)", "ファイヤーTVキューブ 第3世代", "match"),
    ("東京大学(理科) (2025年版大学赤本シリーズ)", "東京大学(文科) 2025年版 赤本", "line_conflict"),
    ("ロエベ 001 ウーマン オードゥ パルファム 50ml 香水",
     "ロエベ 001 マン オードゥ パルファム 50ml", "line_conflict"),
    ("ゼルダの伝説 ふしぎの木の実 大地の章", "ゼルダの伝説 ふしぎの木の実 時空の章 GBC",
     "variant_conflict"),
    ("タングルティーザー ザ・オリジナル ノーマル ピンクフィズ ヘアブラシ",
     "タングルティーザー ザ・オリジナル ピンクフィズ 数回使用", "match"),
    # a colour letter glued to our model number (DHT-S217K: black)
    ("Denon サウンドバー DHT-S217 ブラック", "DENON DHT-S217K サウンドバー 美品", "match"),
    # from blind108–111: 三國志 and 三国志; for Windows is the platform; 両対応 and 薬用 are no
    # "made for"; フルサイズ対応 is a format; a model without its retail suffix (SV10K); a kit
    # named by its last word (Pro standard combo); 16GB×2 is a kit of 32GB; a bed's S; Apple's
    # FE/A parts; La Roche-Posay; FF alone; ルンファク
    ("三國志14 - Windows", "三国志14 PC 通常版 中古", "match"),
    ("三國志14 - Windows", "三國志14 for Windows 箱付き", "match"),
    ("Logicool G ゲーミングヘッドセット G435 ブラック",
     "Logicool G435 Bluetooth/LIGHTSPEED両対応", "match"),
    ("サクセス 薬用育毛トニック 無香料 180g", "サクセス薬用育毛トニック 無香料 180g 未使用",
     "match"),
    ("ソニー 単焦点レンズ FE 50mm F1.8 SEL50F18F",
     "ソニー FE 50mm F1.8 SEL50F18F 単焦点レンズ フルサイズ対応", "match"),
    ("ダイソン V8 Slim Fluffy+ コードレス掃除機 SV10KSLMCOM", "dyson V8 Slim Fluffy+ SV10K 美品",
     "match"),
    ("DJI Osmo Action 5 Pro スタンダードコンボ", "DJI Osmo Action 5 Pro standard combo 美品",
     "match"),
    ("Kingston FURY Beast DDR4 3200 16GB×2枚", "Kingston Fury Beast DDR4 3200 32GB(16GBx2)",
     "match"),
    ("マニフレックス メッシュ・ウイング シングル", "マニフレックス メッシュ・ウイング S 正規品",
     "match"),
    ("Apple USB-C - Lightningケーブル(1 m) MUQ93FE/A",
     "Apple USB-C - Lightningケーブル MQGH2FE/A", "model_conflict"),
    ("ラ ロッシュ ポゼ UVイデア XL プロテクションBB 01 ライト",
     "La Roche-Posay UVイデアXL プロテクションBB 01", "match"),
    ("ディシディア ファイナルファンタジー - PSP", "ディシディア FF PSP UMD", "match"),
    ("ルーンファクトリー5 - Switch", "ルンファク5 スイッチ", "match"),
    # from blind112–115: a title's own full stop (古見さんは、コミュ症です。) does not end it
    # before its number; プラチナゲームズ is a maker, 駿台文庫 a publisher; Part I is Part 1;
    # ファウンデイション; フォルツァ; USDX; a label's nested number (大型絵本 (3)); descriptors
    # (自動開閉, ながら聴き); アイボリー is a colour
    ("古見さんは、コミュ症です。 (30) (少年サンデーコミックス)", "古見さんは、コミュ症です。 29巻",
     "volume_conflict"),
    ("ASTRAL CHAIN(アストラルチェイン) -Switch", "アストラルチェイン Switch プラチナゲームズ",
     "match"),
    ("システム英単語 5訂版", "システム英単語 5訂版 駿台文庫 書き込みなし", "match"),
    ("ビジュアル英文解釈 (Part1) (駿台レクチャーシリーズ)", "ビジュアル英文解釈 Part I 駿台",
     "match"),
    ("資生堂 スポッツカバー ファウンデイション S100",
     "資生堂 スポッツカバー ファウンデーション S100", "match"),
    ("Forza Motorsport 7 (通常版) - XboxOne", "フォルツァモータースポーツ7 Xbox One", "match"),
    ("星のカービィ ウルトラスーパーデラックス", "カービィ USDX ニンテンドーDS", "match"),
    ("ちいさいおうち (大型絵本 (3))", "ちいさいおうち バートン 大型絵本", "match"),
    ("SwitchBot カーテン 自動開閉 スイッチボット カーテン3", "SwitchBot カーテン3 美品", "match"),
    ("カリタ 電動コーヒーミル ナイスカットG アイボリー", "カリタ ナイスカットG レッド",
     "variant_conflict"),
    # from blind116–119: スペア inside トランスペアレント is no spare; 代替処理済 of a disk is
    # no substitute; a title's full stop before 改訂版; for men (男性用), for a dog's size, the
    # 本誌; a dimension's first number (140×200cm) is no volume
    ("Beats Studio Buds ワイヤレスイヤホン トランスペアレント",
     "Beats Studio Buds トランスペアレント 美品", "match"),
    ("Seagate BarraCuda 2TB HDD ST2000DM008",
     "【ジャンク】Seagate 2TB ST2000DM008 代替処理済セクタあり", "match"),
    ("中学英語をもう一度ひとつひとつわかりやすく。改訂版",
     "中学英語をもう一度ひとつひとつわかりやすく 改訂版", "match"),
    ("デ・オウ 薬用クレンジングウォッシュ 本体 520mL",
     "デ・オウ 薬用クレンジングウォッシュ 男性用ボディソープ", "match"),
    ("るるぶ北海道'25", "るるぶ北海道'25 本誌のみ", "match"),
    ("mofua 毛布 シングル 140×200cm プレミアムマイクロファイバー",
     "mofua 毛布 シングル プレミアムマイクロファイバー", "match"),
    # EDT SP is the eau de toilette spray
    ("ブルガリ プールオム EDT SP 50ml", "ブルガリ プールオム オードトワレ スプレー 50ml", "match"),
    # stop 12: a Roman numeral glued to the name is a sequel's number; spaced, our own
    ("オクトパストラベラー - Switch", "オクトパストラベラーII Switch パッケージ版",
     "volume_conflict"),
    ("オクトパストラベラー - Switch", "オクトパストラベラー Switch パッケージ版", "match"),
    ("ファイナルファンタジーVII インターナショナル",
     "ファイナルファンタジー VII インターナショナル PS", "match"),
    # stop 12: 続 and 続々 before the name are the next books
    ("わけあって絶滅しました。 世界一おもしろい絶滅したいきもの図鑑",
     "続々 わけあって絶滅しました。", "line_conflict"),
    # stop 12: 乾燥毛用 says whose hair; イヤーピース未使用, the state of a part it came with
    ("ミルボン オージュア クエンチ シャンプー 250mL",
     "オージュア クエンチ シャンプー 250ml 乾燥毛用", "match"),
    ("final ZE3000 ワイヤレスイヤホン ブラック",
     "ファイナル ZE3000 ワイヤレスイヤホン 黒 イヤーピース未使用", "match"),
]


def test_a_listing_every_word_of_which_is_explained_needs_a_little_less() -> None:
    serum = Product(title="コスメデコルテ リポソーム アドバンスト リペアセラム 50mL 美容液 保湿 "
                          "ブースター 導入美容液")
    kept = match_title(serum, "デコルテ リポソーム 50mL 新品未開封 箱あり")
    assert kept.is_match and kept.score < DEFAULT_THRESHOLD
    assert "every word of the listing" in kept.detail
    # a word of its own (茜, another knife line) keeps the threshold
    knife = Product(title="貝印 KAI 三徳包丁 関孫六 ダマスカス 165mm 日本製 AE5200")
    assert not match_title(knife, "貝印 関孫六 茜 三徳包丁 165mm").is_match
    # and a stricter matcher is stricter here too
    assert not Matcher(threshold=1.0).match(serum, "デコルテ リポソーム 50mL 箱あり").is_match


def test_what_a_seller_says_of_the_copy_explains_a_word() -> None:
    # a count, a statement of the copy's state and the kind of item name no other product
    cleaner = Product(title="KINCHO サンポール トイレ用洗剤 尿石除去 500mL 酸性タイプ")
    two = match_title(cleaner, "サンポール 500ml 2本")
    assert two.is_match and two.quantity == 2 and two.score < DEFAULT_THRESHOLD
    game = Product(title="リングフィット アドベンチャー -Switch")
    assert match_title(game, "リングフィット アドベンチャー ケース割れあり ソフトのみ").is_match
    # a number glued to the name is a title of its own, not four grams
    mhxx = Product(title="モンスターハンターダブルクロス - 3DS")
    assert kind(mhxx, "モンスターハンター4G 3DS 箱説あり") == "low_score"
    # a boxed set (函入り) is still more than the book
    elmer = Product(title="エルマーのぼうけん (世界傑作童話シリーズ)")
    assert not match_title(elmer, "エルマーのぼうけん 3冊セット 函入り").is_match


def test_a_shops_title_of_the_same_product_is_another_reference() -> None:
    copy = ("オキシクリーン 1500g 酸素系漂白剤 粉末 つけおき 日本版 無香料 シミ抜き 洗濯 掃除 "
            "キッチン")
    plain = Product(title=copy, brand="OXICLEAN(オキシクリーン)")
    listing = "オキシクリーン 1.5kg 2個セット オキシ漬け"
    assert not match_title(plain, listing).is_match  # Amazon's copy hides the name
    known = plain.model_copy(update={"aliases": ("OXICLEAN オキシクリーン 1500g",
                                                 "【送料無料】オキシクリーン 1.5kg 日本版")})
    found = match_title(known, listing)
    assert found.is_match and found.quantity == 2
    assert "a shop's title of it" in found.detail


def test_a_word_only_a_sibling_has_names_the_sibling() -> None:
    okami = Product(title="大神", brand="カプコン",
                    aliases=("【PS2】大神 プレイステーション2 ソフト",),
                    siblings=("大神 絶景版 PS4 ソフト", "大神 絶景版 PS3", "大神 PS2 ベスト版"))
    assert kind(okami, "大神 絶景版 PS3 中古") == "line_conflict"
    reasons = match_title(okami, "大神 絶景版 PS3 中古").reasons
    assert reasons[0] == "for ps3, not ps2"  # the shops' titles say it is the PS2 game
    assert any("大神 絶景版 PS4 ソフト" in reason for reason in reasons)
    assert kind(okami, "大神 PS4") == "line_conflict"
    # PS2 is a word of an alias, so of the product itself, not a sibling's
    assert kind(okami, "PS2 大神 動作確認済み") == "match"
    # without the catalogue the title alone cannot tell
    assert kind(Product(title="大神", brand="カプコン"), "大神 絶景版 PS3 中古") == "match"


def test_siblings_mark_nothing_without_aliases() -> None:
    # only a shop's title of the product tells its own words (PS2, the author) from a
    # sibling's; without one, 絶景版 could be anything
    okami = Product(title="大神", brand="カプコン", siblings=("大神 絶景版 PS4 ソフト",))
    assert kind(okami, "大神 絶景版 PS3 中古") == "match"
    # and the brand field (a book's author) is the family's, not a sibling's
    book = Product(title="向日葵の咲かない夏 (新潮文庫)", brand="道尾 秀介",
                   aliases=("向日葵の咲かない夏 新潮文庫 文庫本",),
                   siblings=("カラスの親指 道尾秀介 講談社文庫",))
    assert kind(book, "向日葵の咲かない夏 道尾秀介 文庫") == "match"
    assert kind(book, "カラスの親指 道尾秀介 文庫") != "match"
    # an accessory a shop files under its own JAN is no sibling: 対応 marks nothing
    switch = Product(title="Nintendo Switch（有機ELモデル） ホワイト",
                     aliases=("任天堂 Nintendo Switch 有機ELモデル ホワイト 本体",),
                     siblings=("Nintendo Switch 有機ELモデル 対応 ガラスフィルム 保護フィルム",))
    assert kind(switch, "Nintendo Switch 有機EL ホワイト 本体 TV出力 対応") == "match"
    # a sibling's generation is the rules' to read, not a mark: 世代 of 第10世代
    ipad = Product(title="Apple iPad 11インチ (A16) Wi-Fi 128GB シルバー",
                   aliases=("Apple iPad A16 128GB Wi-Fi シルバー",),
                   siblings=("Apple iPad 第10世代 10.9インチ Wi-Fi 64GB シルバー",))
    assert kind(ipad, "iPad 第11世代 A16 128GB Wi-Fiモデル シルバー 美品") == "match"


def test_a_two_letter_model_of_a_sibling_names_it() -> None:
    # KF and KP are other cameras of the line: a two-letter word marks a sibling, although
    # a listing's own two-letter words (BK, SE) are never held against it
    k70 = Product(title="PENTAX デジタル一眼レフカメラ K-70 ボディ ブラック", brand="PENTAX",
                  model_number="K-70 BODY BLACK",
                  aliases=("ペンタックス K-70 ボディ ブラック",),
                  siblings=("PENTAX KF ボディ ブラック", "PENTAX KP ボディ ブラック"))
    assert kind(k70, "PENTAX KF ボディ ブラック 一眼レフ 防塵防滴") == "line_conflict"
    assert kind(k70, "PENTAX K-70 ボディ ブラック 一眼レフ 防塵防滴") == "match"


def test_a_siblings_name_after_a_head_the_reference_shares_names_it() -> None:
    # 電脳獣ファルザー: the reference glues the same 電脳獣 to its own グレイガ, so ファルザー
    # alone names the other version
    exe6 = Product(title="ロックマンエグゼ6 電脳獣グレイガ (ゲームボーイアドバンス) GBA ソフト",
                   brand="カプコン", aliases=("【GBA】ロックマンエグゼ6 電脳獣グレイガ",),
                   siblings=("ロックマンエグゼ6 電脳獣ファルザー GBA",))
    assert kind(exe6, "エグゼ6 グレイガ ファルザー 2本セット") == "line_conflict"
    assert kind(exe6, "エグゼ6 グレイガ GBA ソフトのみ") == "match"


def test_a_pair_is_two_units() -> None:
    tumbler = Product(title="iittala(イッタラ) カルティオ タンブラー 210ml クリア 北欧 ガラス",
                      brand="iittala(イッタラ)", aliases=("iittala Kartio tumbler 21cl clear",),
                      siblings=("イッタラ カルティオ タンブラー 210ml クリア ペア 2個セット",))
    pair = match_title(tumbler, "iittala Kartio タンブラー 21cl クリア ペア")
    assert pair.is_match and pair.quantity == 2
    # a pair the reference itself is sold as is one unit of it; ペアリング and スペア are no pair
    pairs = Product(title="iittala カルティオ タンブラー 21cl クリア ペア")
    assert match_title(pairs, "カルティオ タンブラー クリア ペア 新品").quantity == 1
    assert match_title(Product(title="ワイヤレスイヤホン X1"), "X1 ペアリング済み").quantity == 1


def test_the_reference_title_again_is_no_alias() -> None:
    from altfinder.matching._family import _family
    from altfinder.matching._reference import _reference
    title = "Nintendo Switch（有機ELモデル） Joy-Con(L)/(R) ホワイト"
    family = _family(_reference(title, None, None), None, None, (title, f"{title} 本体"), ())
    assert len(family.aliases) == 1  # an Amazon offer's title costs no second pass


def test_a_siblings_word_is_quoted_as_the_seller_wrote_it() -> None:
    cream = Product(title="ケシミンクリームF 30g", aliases=("keshimin ケシミンクリームf 30g",),
                    siblings=("ケシミン浸透化粧水 みずみずしいしっとり感 160ml",))
    found = match_title(cream, "ケシミン 浸透化粧水 160ml")
    assert "another product of the family: ケシミン浸透化粧水 (as in" in " ".join(found.reasons)


def test_a_product_merges_its_aliases_and_siblings() -> None:
    merged = Product(title="大神", aliases=("a",)).merged(
        Product(aliases=("a", "b"), siblings=("c",)))
    assert merged.aliases == ("a", "b") and merged.siblings == ("c",)


def test_a_model_number_inside_a_longer_one_or_with_its_mark_ii_is_not_named() -> None:
    keyboard = Product(title="ロジクール ワイヤレスキーボード K295GP 静音", brand="Logicool",
                       model_number="K295GP")
    combo = match_title(keyboard, "ロジクール MK295GP ワイヤレス キーボード マウス セット")
    assert not any("k295gp named" in r for r in combo.reasons)  # MK295GP is another model
    assert kind(keyboard, "ロジクール K295GP 静音 ワイヤレスキーボード 美品") == "match"
    z5 = Product(title="Nikon ミラーレス一眼カメラ Z5 ボディ フルサイズ", brand="Nikon",
                 model_number="Z5")
    assert kind(z5, "Nikon Z5II ボディ 新品同様") == "volume_conflict"
    assert kind(z5, "Nikon Z5 ボディ ショット数少なめ") == "match"


def test_our_model_number_named_outweighs_a_series_guess() -> None:
    drive = Product(title="コムテック ドライブレコーダー 前後2カメラ ZDR035", model_number="ZDR035")
    assert kind(drive, "ZDR035 前後 ドライブレコーダー 動作確認済 シガー電源付") == "match"
    assert kind(drive, "ZDR037 前後 ドライブレコーダー") == "model_conflict"


@pytest.mark.parametrize(("reference", "brand", "title", "expected"), [
    # PCIe Gen4 is no generation; the words of a two-word brand are no name words
    ("Western Digital WD_BLACK SN850X NVMe SSD 2TB PCIe Gen4 x4 M.2-2280 WDS200T2X0E-EC",
     "Western Digital(ウエスタンデジタル)", "WD_BLACK SN850X 2TB NVMe M.2 SSD 使用時間120時間",
     "match"),
    # major sounds like メジャー, heard as a whole run
    ("Marshall マーシャル ワイヤレスヘッドホン MAJOR IV ブラック", "Marshall",
     "マーシャル メジャー4 ワイヤレスヘッドホン 黒", "match"),
    # an author in the brand field makes a book: its title may run on into the author's
    # name, but not into another title of the series
    ("くまのがっこう", "あいはら ひろゆき", "くまのがっこう あいはらひろゆき えほん", "match"),
    ("くまのがっこう",
     "あいはら ひろゆき", "くまのがっこう ジャッキーのパンやさん", "line_conflict"),
    # a number of the catalogue copy is no number the name says (最大150ルーメン)
    ("GOAL ZERO(ゴールゼロ) LEDランタン LIGHTHOUSE Micro FLASH ライトハウス マイクロフラッシュ "
     "USB充電式 最大150ルーメン 防滴 キャンプ 防災 32005", "GOAL ZERO(ゴールゼロ)",
     "ゴールゼロ ライトハウスマイクロフラッシュ ランタン 新品未使用", "match"),
    # ファースト写真集 is the 1st; a title after a bracketed label and the author's name
    ("齋藤飛鳥1st写真集 潮騒",
     "齋藤 飛鳥", "齋藤飛鳥 ファースト写真集『潮騒』 幻冬舎 美品", "match"),
    # a pack said only in the catalogue copy (2ユニット, 2-pack) is still the reference's
    # quantity; 3台切替 is what a mouse does, not three mice; Wi-Fi 6 is no number
    ("TP-Link メッシュ WiFi 6 ルーター AX3000 無線LAN デュアルバンド 2ユニット 全ての子機が"
     "ルーターとしても使用可能 Deco X50 (2-pack) 3年保証", "TP-Link",
     "TP-Link Deco X50 2台セット メッシュWi-Fi6 AX3000 動作確認済み", "match"),
    # the + of a brand (Dr.Jart+) is no Plus model
    ("Dr.Jart+(ドクタージャルト) シカペア クリーム 50mL 保湿クリーム", "Dr.Jart+(ドクタージャルト)",
     "ドクタージャルト シカペアクリーム 50ml 新品", "match"),
    ("Dr.Jart+(ドクタージャルト) シカペア クリーム 50mL 保湿クリーム", "Dr.Jart+(ドクタージャルト)",
     "ドクタージャルト シカペア クリーム 30ml", "variant_conflict"),
    # stop 11: 乃木坂46 is a name, no number; a photo book is named by its title, not by 2nd
    ("与田祐希2nd写真集 無口な時間", "与田 祐希", "与田祐希 写真集 無口な時間 乃木坂46 帯付き",
     "match"),
    # stop 11: a circled digit NFKC leaves alone (❷) is a number
    ("はじめてのPython入門 ―基礎から学ぶプログラミング", "山田 太郎",
     "はじめてのPython入門 ❷ 山田太郎", "volume_conflict"),
    # stop 15: another company's brand is another maker's product of the same kind; one of
    # our maker's own brands, or a brand the listing fits (ダイソン用), is no conflict
    ("LPLP(ルプルプ) ヘアカラートリートメント ダークブラウン 200g 白髪染め", "LPLP(ルプルプ)",
     "利尻ヘアカラートリートメント ダークブラウン 200g", "brand_conflict"),
    ("LPLP(ルプルプ) ヘアカラートリートメント ダークブラウン 200g 白髪染め", "LPLP(ルプルプ)",
     "ルプルプ ヘアカラートリートメント ダークブラウン 200g 新品", "match"),
    ("アイリスオーヤマ リンサークリーナー 布製品洗浄機 ホワイト RNS-300", "アイリスオーヤマ",
     "ビッセル スポットクリーン リンサークリーナー 布製品洗浄機", "brand_conflict"),
    ("ニベア ディープモイスチャーリップ 無香料 2.2g", "ニベア花王",
     "ディープモイスチャーリップ 無香料 2本セット 花王", "match"),
    ("バッファロー 外付けハードディスク 4TB テレビ録画 HD-NRLD4.0U3-BA", "バッファロー",
     "バッファロー HD-NRLD4.0U3-BA 4TB 使用時間少なめ レグザ アクオス録画に", "match"),
    # stop 15: 無印 in a game's listing is the original release, not MUJI
    ("アイドルマスター - Xbox360", "バンダイナムコゲームス",
     "THE IDOLM@STER アイマス 無印 XBOX360ソフト", "match"),
    ("討鬼伝 極 - PS Vita", "コーエーテクモゲームス", "PSVita 討鬼伝 通常版 無印",
     "line_conflict"),
    ("ドラゴンクエストモンスターズ ジョーカー3 プロフェッショナル - 3DS",
     "スクウェア・エニックス", "3DS ドラゴンクエストモンスターズ ジョーカー3 無印 箱説付き",
     "line_conflict"),
    # stop 15: a word of the name missing, and in its place (after the same word) another
    # word of the same script that nothing explains: the sibling it names. Not a word spelled
    # alike (哺乳瓶 for 哺乳びん)
    ("ビオレ ザフェイス 泡洗顔料 ディープモイスト 本体 200mL 洗顔 泡タイプ", "花王",
     "ビオレ ザフェイス 泡洗顔料 アクネケア 本体 200ml", "line_conflict"),
    ("ジ・アート・オブ 千と千尋の神隠し (ジブリTHE ARTシリーズ)", "徳間書店",
     "ジ・アート・オブ もののけ姫 ジブリTHE ARTシリーズ", "line_conflict"),
    ("ピジョン Pigeon 母乳実感 哺乳びん プラスチック製 240ml 3ヵ月頃から", "ピジョン",
     "ピジョン 母乳実感 哺乳瓶 240ml プラスチック", "match"),
    # stop 15: the older title, without the kanji that makes the new one (超, 新)
    ("ポケモン超不思議のダンジョン - 3DS", "ポケモン",
     "3DS ポケモン不思議のダンジョン マグナゲートと∞迷宮", "line_conflict"),
    ("新テニスの王子様 40 (ジャンプコミックス)", "許斐 剛",
     "テニスの王子様 40巻 許斐剛 ジャンプコミックス", "line_conflict"),
    ("新テニスの王子様 40 (ジャンプコミックス)", "許斐 剛", "新テニスの王子様 40巻 美品", "match"),
    # stop 15: made to look like the maker's (無印風); a size without its unit (50×80 for
    # 45cm×60cm); a model's EVO edition; a refilled cartridge
    ("無印良品 アルミ角型ハンガー・大 ピンチ40個 約幅51.5×奥行37cm 洗濯ハンガー 物干し 良品計画",
     "無印良品", "アルミ 角ハンガー 40ピンチ 無印風 シンプル 物干し", "compatible"),
    ("オカ(OKA) 乾度良好 Dナチュレ バスマット 約45cm×60cm ブルー 吸水 速乾", "オカ(OKA)",
     "乾度良好 Dナチュレ バスマット 50×80 ブルー 大判", "variant_conflict"),
    ("オカ(OKA) 乾度良好 Dナチュレ バスマット 約45cm×60cm ブルー 吸水 速乾", "オカ(OKA)",
     "乾度良好 Dナチュレ バスマット 45×60 ブルー", "match"),
    ("エプソン 純正 インクカートリッジ とうもろこし IC6CL80L 6色パック 増量", "エプソン",
     "エコリカ リサイクルインク ECI-E80L6P/BOX エプソン IC6CL80L 対応 6色パック", "compatible"),
    # stop 15: a part's state (ケーブル完品, バッテリー膨張), a hairstyle (まとめ髪), a warranty
    # (AppleCare+), a curtain's grade (1級遮光), Eau Parfumée (no parfum), a publisher after
    # the name (ハドソン), what a name is used with (MacBook用に), a size in labels (丈200)
    ("CORSAIR RM850x -2021- 850W PC電源ユニット 80PLUS GOLD", "Corsair",
     "コルセア RM850x(2021) 850W 電源 ケーブル完品 半年使用 元箱あり", "match"),
    ("ケープ スーパーハード 無香料 180g ヘアスプレー", "花王",
     "ケープ スーパーハード（無香料）180g 青缶 まとめ髪 キープ", "match"),
    ("Apple Studio Display - 標準ガラス - 傾きを調整できるスタンド", "Apple",
     "【AppleCare+加入済】Studio Display 標準ガラス 傾きを調整できるスタンド", "match"),
    ("天外魔境II 卍MARU 【PCエンジン SUPER CD-ROM2】", "ハドソン",
     "ＰＣエンジン スーパーCD-ROM2 天外魔境Ⅱ 卍MARU ハドソン ケース割れあり", "match"),
    ("CalDigit TS4 Thunderbolt 4 ドッキングステーション 18ポート 98W給電", "CalDigit",
     "カルデジット TS4 サンダーボルト4 ドッキングステーション MacBook用に", "match"),
    ("Deconovo 遮光カーテン 1級遮光 2枚組 幅100cm×丈178cm ネイビー 断熱 保温", "Deconovo",
     "Deconovo 遮光カーテン 幅100×丈200 ネイビー 2枚組", "variant_conflict"),
    ("Deconovo 遮光カーテン 1級遮光 2枚組 幅100cm×丈178cm ネイビー 断熱 保温", "Deconovo",
     "遮光カーテン 幅100cm 丈178cm 2枚入り ネイビー Deconovo 新品未開封", "match"),
    ("ブルガリ BVLGARI オ・パフメ オーテヴェール オーデコロン 75mL", "BVLGARI",
     "BVLGARI Eau Parfumee au The Vert 75mL オーデコロン 新品未開封", "match"),
    # stop 15: only a platform's maker shared (任天堂ライセンス) and another maker's brand named;
    # a book's other part (戦後篇), not the part it comes with (解答編あり)
    ("【任天堂ライセンス商品】SanDisk サンディスク microSD Express カード 256GB for Nintendo "
     "Switch 2", "SanDisk",
     "Samsung microSD Express カード 256GB for Nintendo Switch 2 任天堂ライセンス商品 新品",
     "brand_conflict"),
    ("昭和史 1926-1945 (平凡社ライブラリー は 26-1)", "半藤 一利",
     "昭和史 戦後篇 1945-1989 半藤一利 平凡社ライブラリー", "line_conflict"),
    ("新課程 チャート式 基礎からの数学I+A (チャート式・数研出版)", "チャート研究所",
     "【美品】新課程 チャート式 基礎からの数学Ⅰ+A 青チャ 解答編あり 線引きなし", "match"),
    # stop 15: a nickname fans use for the name (FFT, DOD, TOA), not its series (パラッパシリーズ)
    ("ファイナルファンタジー タクティクス 獅子戦争 - PSP", "スクウェア・エニックス",
     "FFT 獅子戦争 PSP ソフト 説明書付き 起動確認済み", "match"),
    ("ドラッグ オン ドラグーン", "スクウェア・エニックス",
     "PS2 ドラッグオンドラグーン DOD 説明書あり", "match"),
    ("パラッパラッパー", "ソニー・コンピュータエンタテインメント",
     "ウンジャマ・ラミー PS1 パラッパシリーズ", "low_score"),
])
def test_cases_with_a_brand(reference: str, brand: str, title: str, expected: str) -> None:
    assert kind(Product(title=reference, brand=brand), title) == expected


@pytest.mark.parametrize(("reference", "title", "expected"), CASES)
def test_cases_from_the_blind_sets(reference: str, title: str, expected: str) -> None:
    publisher = "ブロンズ新社" if "ファーストブック" in reference else None  # a picture book
    assert kind(Product(title=reference, brand=publisher), title) == expected


def test_the_platforms_maker_is_not_the_games_brand() -> None:
    game = Product(title="Stardew Valley -Switch", brand="ConcernedApe")
    assert kind(game, "ニンテンドースイッチ Stardew Valley 美品") == "match"
    retro = Product(title="ストリートファイターII -Switch", brand="カプコン")
    assert kind(retro, "ストリートファイターII スーパーファミコン") == "line_conflict"


def test_sound_keys_bridge_the_usual_borrowings() -> None:
    from altfinder.matching._sound import sound_key

    pairs = [("ぼーず", "bose"), ("すちーむ", "steam"),
             ("くわいえっとこんふぉーと", "quietcomfort"), ("もいすちゃー", "moisture"),
             ("だーく", "dark"), ("ちょこれーと", "chocolate")]
    for kana, latin in pairs:
        assert sound_key(kana) == sound_key(latin), (kana, latin)
    assert sound_key("ぴくみん") != sound_key("pixel")
    assert sound_key("ぜのぎあす") == sound_key("xenogears")  # an initial x is a z
    assert sound_key("こーどぎあす") == sound_key("code geass")  # gea is a hard g
    assert sound_key("べんじぇんす") == sound_key("vengeance")  # after n it is soft


def test_a_platform_nickname_or_a_maker_after_a_games_name_is_no_sequel() -> None:
    xeno = Product(title="ゼノギアス", brand="スクウェア")
    assert kind(xeno, "ゼノギアス プレステ ディスク傷多め") == "match"
    assert kind(xeno, "【PS】ゼノギアス スクウェア 中古") == "match"
    assert kind(xeno, "PS ゼノギアス Xenogears プレイステーション") == "match"


def test_bindings_ratings_and_model_letters_are_not_accessories_lines_or_sets() -> None:
    book = Product(title="ザ・ロード 単行本")
    assert kind(book, "ザ・ロード ハードカバー 中古") == "match"  # a binding, not a cover
    sunscreen = Product(title="ビオレUV アクアリッチ ウォータリーエッセンス SPF50+/PA++++ 70g")
    assert kind(sunscreen, "ビオレUV アクアリッチ ウォータリーエッセンス 70g") == "match"
    camera = Product(title="FUJIFILM X-E4 ボディ シルバー", model_number="X-E4")
    assert match_title(camera, "FUJIFILM X-E4 シルバー ボディ X100 用フード付き").quantity == 1


def test_book_and_part_numbers_and_novel_labels() -> None:
    trilogy = Product(title="ミレニアム1 ドラゴン・タトゥーの女 BOOK 1")
    assert kind(trilogy, "ミレニアム1 ドラゴン・タトゥーの女 BOOK1 ハヤカワ") == "match"
    assert kind(trilogy, "ミレニアム ドラゴン・タトゥーの女 BOOK2") == "volume_conflict"
    novel = Product(title="涼宮ハルヒの憂鬱 (角川スニーカー文庫)")
    assert kind(novel, "涼宮ハルヒの憂鬱 ラノベ 谷川流") == "match"  # a 文庫 label is a novel
    assert kind(novel, "涼宮ハルヒの憂鬱 漫画 1巻") != "match"  # the comic of it
    assert kind(Product(title="ミレニアム1 BOOK 1"), "ミレニアム 全3巻セット") == "lot"
    # 文庫 in a label is both a novel's label and a paperback: a 文庫本 listing is that book
    paperback = Product(title="コンビニ人間 (文春文庫)")
    assert kind(paperback, "コンビニ人間 村田沙耶香 文庫本") == "match"
    assert kind(Product(title="コンビニ人間 単行本"), "コンビニ人間 文庫本") == "line_conflict"


def test_category_nouns_weigh_little() -> None:
    cam = Product(title="Insta360 X3 アクションカメラ", brand="Insta360")
    assert kind(cam, "Insta360 X3 本体 中古") == "match"
    # a Latin x after an amount still counts units; after a name it is the name
    assert match_title(CUREL, "キュレル 潤浸保湿 フェイスクリーム 40g x2").quantity == 2
    assert match_title(cam, "Insta360 X3 本体 中古").quantity == 1


def test_catalogue_copy_after_the_name_is_not_the_name() -> None:
    # Amazon titles (what the Creators API describes a product with) carry feature copy
    charger = Product(title="UGREEN Nexode 65W 充電器【GaN II採用/3ポート/PSE技術基準適合】"
                            "MacBook iPad iPhone Galaxy 各種対応")
    assert kind(charger, "UGREEN Nexode 65W 充電器 中古") == "match"
    assert kind(charger, "UGREEN Nexode 45W 充電器") == "variant_conflict"
    stick = Product(title="Chromecast with Google TV (4K) | ストリーミングデバイス | "
                          "音声リモコン付属")
    assert kind(stick, "Chromecast with Google TV 4K 美品") == "match"


# -- quantities and lots ----------------------------------------------------------------------

@pytest.mark.parametrize(("title", "quantity"), [
    ("キュレル フェイスクリーム 40g 2個セット", 2),
    ("キュレル 潤浸保湿 フェイスクリーム 40g ×3", 3),
    ("キュレル フェイスクリーム 40g 3本", 3),
    ("キュレル フェイスクリーム 40g x2個", 2),
    ("キュレル フェイスクリーム 40g", 1),
    ("キュレル フェイスクリーム 40g 2024年製造", 1),  # a year is not a quantity
    ("キュレル フェイスクリーム 40g 2個口発送", 1),  # two parcels is shipping, not units
])
def test_sets_become_quantity(title: str, quantity: int) -> None:
    m = match_title(CUREL, title)
    assert m.is_match, m.detail
    assert m.quantity == quantity


def test_units_of_a_console() -> None:
    assert match_title(LITE, "Nintendo Switch Lite ターコイズ 2台").quantity == 2


def test_counts_of_what_comes_with_it_and_of_a_pack_after_bracketed_copy() -> None:
    # the cables' count, before a bracket and 付属, is not the headphones'
    hd599 = Product(title="ゼンハイザー 有線ヘッドホン HD 599 オープン型 アイボリー 着脱式ケーブル",
                    model_number="HD 599")
    assert match_title(hd599, "ゼンハイザー HD 599 アイボリー ケーブル2本(3.5mm/6.3mm)付属"
                       ).quantity == 1
    # a pack said after a bracket ([ボリュームリッチ] … 5枚セット) is still the product's pack
    towels = Product(title="タオル研究所 [ボリュームリッチ] #003 フェイスタオル 5枚セット "
                           "チャコールグレー")
    assert match_title(towels, "タオル研究所 #003 フェイスタオル 5枚 グレー").quantity == 1
    assert match_title(towels, "タオル研究所 #003 フェイスタオル 5枚セット ×2").quantity == 2


def test_a_reference_set_is_not_divided_again() -> None:
    pair = Product(title="キュレル 潤浸保湿 フェイスクリーム 40g 2個セット")
    assert match_title(pair, "キュレル フェイスクリーム 40g 2個セット").quantity == 1
    assert match_title(pair, "キュレル フェイスクリーム 40g").quantity == 1
    assert kind(pair, "キュレル フェイスクリーム 40g 3個セット") == "quantity_conflict"
    # counted in another unit, the listing's count is of packs: 4本 ×3個 is three packs
    eneloop = Product(title="パナソニック エネループ 単3形 4本パック スタンダードモデル BK-3MCD/4H")
    assert match_title(eneloop, "エネループ 単3 BK-3MCD/4H ×3個 まとめて").quantity == 3


@pytest.mark.parametrize("title", [
    "キュレル フェイスクリーム 40g 他 スキンケア まとめ売り",
    "キュレル フェイスクリーム 40g 他3点",
    "キュレル 潤浸保湿 詰め合わせ 福袋",
])
def test_lots_are_rejected(title: str) -> None:
    assert kind(CUREL, title) == "lot"


def test_copies_of_a_single_book_need_no_reason_when_nothing_else_is_named() -> None:
    target = Product(title="英単語ターゲット1900 6訂版 (大学JUKEN新書)")
    assert match_title(target, "英単語ターゲット1900 6訂版 2冊セット").quantity == 2
    gift = Product(title="しろくまちゃんのほっとけーき (こぐまちゃんえほん)")
    assert match_title(gift, "新品 しろくまちゃんのほっとけーき 2冊 出産祝いに").quantity == 2
    ark = Product(title="方舟")
    assert kind(ark, "夕木春央 方舟 十戒 2冊セット") == "lot"  # another title named
    assert kind(ark, "方舟 旧版+新版 2冊セット") == "lot"


def test_a_count_in_the_references_list_of_contents_is_no_pack() -> None:
    kit = Product(title="マキタ(Makita) 充電式ドライバドリル 10.8V 1.5Ah "
                        "バッテリ2本・充電器・ケース付 DF033DSHX",
                  brand="マキタ(Makita)", model_number="DF033DSHX")
    assert match_title(kit, "Makita DF033DSHX 充電式ドライバドリル 2台セット").quantity == 2
    cleaner = Product(title="マキタ(Makita) 充電式クリーナー 10.8V "
                            "バッテリ・充電器付 白 CL107FDSHW",
                      brand="マキタ", model_number="CL107FDSHW")
    assert kind(cleaner, "マキタ 紙パック 10枚入り CL107FDSHW 対応") == "compatible"


def test_kana_inside_a_name_is_no_sellers_word_and_a_listing_may_say_it_is_a_book() -> None:
    ff12 = Product(title="ファイナルファンタジーXII", brand="スクウェア・エニックス")
    assert kind(ff12, "PS2 ファイナルファンタジーXII インターナショナル") == "line_conflict"
    ringo = Product(title="りんごかもしれない")
    assert kind(ringo, "りんごかもしれない ヨシタケシンスケ 絵本 美品") == "match"  # the author
    salad = Product(title="サラダ記念日 (河出文庫)")
    assert match_title(salad, "サラダ記念日 河出文庫 同じもの2冊 まとめて").quantity == 2
    wax = Product(title="uevo(ウェーボ) デザインキューブ ハードワックス 80g ヘアワックス")
    assert kind(wax, "デミ ウェーボ デザインキューブ ハード ワックス 新品 サロン専売") == "match"


def test_blades_and_fins_are_a_specification_not_a_count() -> None:
    shaver = Product(title="パナソニック ラムダッシュ 3枚刃 ES-LT2B-K 黒", brand="パナソニック")
    assert kind(shaver, "ラムダッシュ 5枚刃 黒") == "variant_conflict"
    assert match_title(shaver, "パナソニック ラムダッシュ 3枚刃 2台セット").quantity == 2
    heater = Product(title="デロンギ オイルヒーター アミカルド RHJ35M0812-DG",
                     brand="デロンギ", model_number="RHJ35M0812-DG")
    assert match_title(heater, "デロンギ アミカルド 8枚フィン RHJ35M0812-DG").quantity == 1


def test_a_chipped_rim_is_damage() -> None:
    plate = Product(title="iittala カステヘルミ プレート 17cm クリア")
    assert match_title(plate, "【難あり】イッタラ カステヘルミ 17cm プレート 縁に小さな欠け").junk


def test_a_kanji_colour_inside_a_word_is_no_colour() -> None:
    serum = Product(title="Goodal(グーダル) 青みかん ビタC ダークスポット ケア セラム 40mL 美容液 "
                          "ビタミンC くすみ ツヤ 韓国コスメ", brand="Goodal(グーダル)")
    assert kind(serum, "Goodal Green Tangerine Vita C Dark Spot Care Serum 40ml 美容液") == "match"
    black = Product(title="FUJIFILM X-T30 II ボディ ブラック", model_number="X-T30 II")
    assert kind(black, "X-T30 II 白ボディ") == "variant_conflict"


def test_a_line_in_the_references_brackets_and_a_spaced_out_model_number() -> None:
    kikutan = Product(title="改訂版 キクタン【Basic】4000語レベル "
                            "(英語の超人になる!アルク学参シリーズ)")
    assert kind(kikutan, "改訂版 キクタン Basic 4000語レベル CD付き 書き込みなし") == "match"
    lens = Product(title="富士フイルム(FUJIFILM) X 交換レンズ フジノン 単焦点 23mm F2 ブラック "
                         "F XF23MMF2 R WR B", model_number="F XF23MMF2 R WR B")
    assert kind(lens, "富士フイルム XF23mm F2 R WR ブラック 美品 フード付") == "match"
    dk = Product(title="スーパードンキーコング", brand="任天堂")
    assert kind(dk, "スーファミ スーパードンキーコング1 カセット 動作OK") == "match"
    assert kind(dk, "スーパードンキーコング2 スーファミ") == "volume_conflict"


def test_a_unit_after_a_removed_word_is_no_unit_and_unscented_is_one_line() -> None:
    manga = Product(title="黒執事 34 (Gファンタジーコミックス)", brand="枢 やな")
    assert kind(manga, "黒執事 ３４ 美品 Gファンタジーコミックス") == "match"  # no 34 g
    deo = Product(title="エージーデオ24 パウダースプレー (無香性) 180g 制汗剤 【医薬部外品】")
    assert kind(deo, "エージーデオ24 パウダースプレー 無香料 180g 医薬部外品") == "match"
    food = Product(title="ピュリナワン キャットフード 避妊・去勢した猫の体重ケア ターキー 2.2kg")
    assert kind(food, "ピュリナワン 体重ケア ターキー 2.2kg 避妊去勢猫用 ドライ") == "match"
    pikachu = Product(title="ポケットモンスター ピカチュウ", brand="任天堂")
    assert match_title(pikachu, "ポケットモンスター ピカチュウ GB 同じソフト2本").quantity == 2


def test_the_number_of_a_platform_is_no_number_of_the_game() -> None:
    onimusha = Product(title="鬼武者 - PS2", brand="カプコン")
    assert kind(onimusha, "PS2 鬼武者2 松田優作") == "volume_conflict"
    assert kind(onimusha, "PS2 鬼武者 説明書付き") == "match"


def test_no_cracked_screen_is_no_damage_and_batteries_are_no_units() -> None:
    phone = Product(title="Apple iPhone 12 64GB ブルー SIMフリー", brand="Apple")
    assert not match_title(phone, "iPhone12 64GB Blue SIMロック解除済み 画面割れなし").junk
    assert match_title(phone, "iPhone12 64GB ブルー 画面割れ").junk
    driver = Product(title="マキタ 充電式インパクトドライバ 10.8V TD111DSHX",
                     model_number="TD111DSHX")
    assert match_title(driver, "TD111DSHX 1.5Ah×2 DC10SA充電器 収納ケース付 中古").quantity == 1


def test_sellers_notes_audiences_counts_and_label_numbers_are_no_other_product() -> None:
    heater = Product(title="コロナ 石油ファンヒーター FH-G3223Y(W) ホワイト",
                     model_number="FH-G3223Y(W)")
    assert kind(heater, "CORONA ファンヒーター FH-G3223Y(W) ワンシーズンのみ使用") == "match"
    perfume = Product(title="バーバリー BURBERRY ウィークエンド フォーウーマン オードパルファム "
                            "EDP SP 50ml 香水 レディース")
    assert kind(perfume, "Burberry Weekend for Women EDP 50ml") == "match"
    rpg = Product(title="マリオ&ルイージRPG", brand="任天堂")
    assert match_title(rpg, "GBA マリオ＆ルイージＲＰＧ ×2本").quantity == 2
    momo = Product(title="モモ (岩波少年文庫)")
    assert kind(momo, "モモ ミヒャエル・エンデ 岩波少年文庫 127") == "match"


def test_cracks_chips_and_torn_covers_are_damage_and_a_meter_is_no_total() -> None:
    palette = Product(title="Urban Decay NAKED3 アイシャドウパレット")
    assert match_title(palette, "アーバンディケイ ネイキッド3 落下で割れあり 使用品").junk
    plate = Product(title="ロイヤルコペンハーゲン ブルーフルーテッド メガ プレート 19cm")
    assert match_title(plate, "ロイヤルコペンハーゲン ブルーフルーテッドメガ 縁にカケあり").junk
    game = Product(title="テイルズ オブ ジ アビス - PS2")
    assert not match_title(game, "PS2 テイルズ・オブ・ジ・アビス ケースに割れあり 良好").junk
    meter = Product(title="SwitchBot 防水温湿度計 スイッチボット 温度計 湿度計", brand="SwitchBot")
    assert match_title(meter, "スイッチボット 防水温湿度計 2個セット 新品未使用").quantity == 2


def test_sized_model_families_platform_tails_and_labels() -> None:
    monitor = Product(title="LG モニター ディスプレイ 27UP850N-W 27インチ/4K/HDR400",
                      brand="LG", model_number="27UP850N-W")
    assert kind(monitor, "LG 27UP650-W 4K 27インチ IPS HDR400 モニター 白") == "model_conflict"
    assert kind(monitor, "LG 32UP550N-W 31.5インチ 4K モニター USB-C") == "model_conflict"
    assert kind(monitor, "LG 27UP850N-W 27インチ 4K モニター 美品") == "match"
    fallout = Product(title="Fallout 4 【CEROレーティング「Z」】 - XboxOne")
    assert kind(fallout, "Fallout 4 PS4 フォールアウト4 プレステ4") == "line_conflict"
    assert kind(fallout, "Fallout 4 Xbox ソフト") == "match"  # an Xbox One game, as sellers say
    land = Product(title="スーパーマリオランド")
    assert kind(land, "スーパーマリオランド GB カセット 端子清掃済 ラベル美品") == "match"
    assert kind(land, "スーパーマリオランド 交換用 ラベルのみ") == "accessory"


def test_a_warped_frame_or_a_torn_bag_is_damage_and_boxes_of_sheets_are_counted() -> None:
    table = Product(title="ユニフレーム 焚き火テーブル 682104")
    assert match_title(table, "ユニフレーム 焚き火テーブル 天板歪み・脚ガタつきあり 難あり").junk
    mask = Product(title="ミノン アミノモイスト ぷるぷるしっとり肌マスク 22mL×4枚入")
    assert match_title(mask, "MINON ぷるぷるしっとり肌マスク 22ml×4枚 ×3箱セット").quantity == 3


def test_editions_spares_and_numerals_from_blind138_to_141() -> None:
    horizon = Product(title="Horizon Zero Dawn Complete Edition - PS4")
    assert kind(horizon, "PS4 ホライゾン ゼロ ドーン コンプリートエディション 中古") == "match"
    assert kind(horizon, "Horizon Zero Dawn Complete Edition PS4 フローズンワイルズ収録") == "match"
    z5 = Product(title="Nikon ミラーレス一眼カメラ Z5 ボディ フルサイズ", model_number="Z5")
    assert kind(z5, "Nikon Z5 ボディ ＋予備バッテリー EN-EL15c おまけ付き") == "match"
    book = Product(title="三びきのやぎのがらがらどん (世界傑作絵本シリーズ)")
    assert kind(book, "3びきのやぎのがらがらどん 福音館 世界傑作絵本シリーズ") == "match"
    gr = Product(title="RICOH GR IIIx デジタルカメラ", model_number="GR IIIx")
    assert kind(gr, "RICOH GR IIIx 美品 ショット数少なめ 元箱あり") == "match"


def test_rounded_screens_roman_sequels_shipping_words_and_the_first_item_of_copy() -> None:
    monitor = Product(title="Dell P2422H 23.8インチ モニター", brand="Dell", model_number="P2422H")
    assert kind(monitor, "デル 24インチ ノングレア モニター P2422H") == "match"
    assert kind(monitor, "デル 27インチ モニター P2422H") == "variant_conflict"
    mill = Product(title="ポーレックス コーヒーミル・II ミニ セラミック")
    assert kind(mill, "ポーレックス コーヒーミル2 ミニ 手挽き 美品") == "match"
    game = Product(title="ロコロコ - PSP")
    assert kind(game, "【中古】【PSP】ロコロコ【メール便送料無料】") == "match"
    speaker = Product(title="Anker Soundcore 3 Bluetooth スピーカー/IPX7 防水/24時間連続再生",
                      brand="Anker")
    assert kind(speaker, "Anker Soundcore 3 ブラック Bluetoothスピーカー IPX7") == "match"


def test_parts_listed_before_tsuki_come_with_the_product() -> None:
    cleaner = Product(title="マキタ(Makita) 充電式クリーナ 18V 3Ah CL281FDRFW",
                      model_number="CL281FDRFW")
    assert kind(cleaner, "マキタ 充電式クリーナ CL281FDRFW 18V バッテリー 充電器付") == "match"
    game = Product(title="リズム天国ゴールド")
    assert kind(game, "DS リズム天国ゴールド ケース 説明書付き") == "match"
    pods = Product(title="Apple AirPods 4 アクティブノイズキャンセリング搭載", brand="Apple")
    assert kind(pods, "AirPods 4 ケース カバー シリコン 対応 カラビナ付き") != "match"


def test_a_count_of_the_products_own_parts_is_no_count_of_units() -> None:
    cooler = Product(title="Thermalright Peerless Assassin 120 SE CPUクーラー",
                     model_number="PA120 SE")
    assert match_title(cooler, "サーマルライト PA120 SE CPUクーラー 120mmファン×2").quantity == 1
    phones = Product(title="AKG K712 PRO-Y3 モニターヘッドホン", model_number="K712 PRO-Y3")
    assert match_title(phones, "アーカーゲー K712PRO 中古 付属ケーブル2本").quantity == 1


QUANTITIES_15 = [  # stop 15: (reference, model number, listing, units of the reference)
    ("ソニー デジタルカメラ Cyber-shot DSC-RX100M5A", "DSC-RX100M5A",
     "SONY Cyber-shot DSC-RX100M5A 美品 バッテリー2個 元箱あり", 1),  # the batteries' count
    ("ベッセル 電ドラボール 220USB-1 (ビット1本付 +2×100) 電動ドライバー", "220USB-1",
     "電ドラボール 220USB-1 充電式ドライバー 2本セット 新品", 2),  # a set of the driver
    ("川口技研 室内用ホスクリーン スポット型 SPC型 ホワイト 2本入 SPC-W", "SPC-W",
     "ホスクリーン スポット型 SPC-W 2セット（4本）", 2),  # two packs, four poles
    ("Deconovo 遮光カーテン 1級遮光 2枚組 幅100cm×丈178cm ネイビー", None,
     "デコノボ 1級遮光カーテン 紺 100×178cm 2枚セット 半年使用", 1),  # the pair, said again
]


@pytest.mark.parametrize(("reference", "model", "title", "units"), QUANTITIES_15)
def test_counts_of_parts_sets_and_pairs(reference: str, model: str | None, title: str,
                                        units: int) -> None:
    found = match_title(Product(title=reference, model_number=model), title)
    assert found.is_match and found.quantity == units, found.reasons


def test_lanes_restated_counts_and_a_kits_parts_are_no_units() -> None:
    ssd = Product(title="Crucial T500 1TB 3D NAND NVMe PCIe4.0 M.2 SSD CT1000T500SSD8JP",
                  model_number="CT1000T500SSD8JP")
    assert match_title(ssd, "Crucial T500 1TB M.2 SSD Gen4×4 動作確認済").quantity == 1
    speaker = Product(title="Anker Soundcore Motion 300 ブラック")
    assert match_title(speaker, "Motion300 サウンドコア 2台セット ブラック×2").quantity == 2
    kit = Product(title="Canon EOS Kiss X10 ダブルズームキット ブラック")
    junk = "【ジャンク】Kiss X10 ダブルズームキット レンズ2本は動作品"
    assert match_title(kit, junk).quantity == 1


def test_series_lots_are_rejected() -> None:
    assert kind(SPY, "SPY×FAMILY 全巻セット") == "lot"
    assert kind(SPY, "SPY×FAMILY 1-12巻") == "lot"
    assert kind(SPY, "SPY×FAMILY 12巻 他5冊") == "lot"


# -- look-alikes -------------------------------------------------------------------------------

@pytest.mark.parametrize(("product", "title"), [
    (LITE, "Switch Lite ケース ターコイズ"),
    (LITE, "Nintendo Switch Lite カバー ハード"),
    (LITE, "Switch Lite 保護フィルム 2枚"),
    (PS5, "PS5 縦置きスタンド CFI-2000"),
    (SONICARE, "ソニッケアー ダイヤモンドクリーン 替えブラシ 4本"),
    (LITE, "Switch Lite 充電ケーブル 1.5m"),
    (LITE, "Switch Lite 純正 充電器のみ"),
    (AIRPODS, "AirPods Pro 第2世代 充電ケースのみ"),
    (AIRPODS, "AirPods Pro 第2世代 右耳のみ"),
])
def test_accessories_and_parts(product: Product, title: str) -> None:
    m = match_title(product, title)
    assert m.kind is MatchKind.ACCESSORY, m.detail
    assert m.kind.is_look_alike


@pytest.mark.parametrize(("title", "expected"), [
    ("Switch Lite 互換 ターコイズ", "compatible"),
    ("Switch Lite 互換 コントローラー", "accessory"),  # both; the first rule that fired leads
    ("Switch Lite用 ターコイズ", "compatible"),
    ("Switch Lite対応 ターコイズ", "compatible"),
    ("HORI Switch Lite ターコイズ", "compatible"),
    ("Nintendo Switch Lite ターコイズ 非純正", "compatible"),
])
def test_compatibles(title: str, expected: str) -> None:
    m = match_title(LITE, title)
    assert m.kind.value == expected, m.detail
    if expected == "accessory":
        assert any("compatible" in r for r in m.reasons)


@pytest.mark.parametrize(("title", "expected"), [
    ("Nintendo Switch Lite ターコイズ 空箱", "box_only"),
    ("Switch Lite ターコイズ 箱のみ", "box_only"),
    ("Switch Lite 説明書のみ", "box_only"),
])
def test_box_or_manual_only(title: str, expected: str) -> None:
    assert kind(LITE, title) == expected


def test_bonus_items_only() -> None:
    assert kind(ZELDA, "ゼルダの伝説 ティアーズ オブ ザ キングダム 特典のみ") == "bonus_only"
    assert kind(ZELDA, "ゼルダの伝説 ティアーズ オブ ザ キングダム DL版") == "bonus_only"
    assert kind(ZELDA, "ゼルダの伝説 ティアーズ オブ ザ キングダム 特典付き") == "match"


@pytest.mark.parametrize("title", [
    "Nintendo Switch Lite ターコイズ ケース付き",
    "Nintendo Switch Lite ターコイズ 箱付き",
    "Nintendo Switch Lite ターコイズ 箱あり 説明書あり",
    "Nintendo Switch Lite ターコイズ 本体のみ 箱なし",
    "Nintendo Switch Lite ターコイズ フィルム貼付済み",
    "Nintendo Switch Lite ターコイズ おまけ カバー",
])
def test_the_product_with_its_case_or_box_is_the_product(title: str) -> None:
    m = match_title(LITE, title)
    assert m.is_match, m.detail


def test_a_reference_that_is_an_accessory_accepts_its_own_kind() -> None:
    case = Product(title="iPhone 15 クリアケース MagSafe対応", brand="Spigen")
    assert kind(case, "Spigen iPhone 15用 クリアケース MagSafe対応") == "match"
    assert not match_title(case, "iPhone 15 本体 128GB ブルー").is_match
    # the AirPods come *with* a charging case: the case alone is still a part
    assert kind(AIRPODS, "AirPods Pro 第2世代 MagSafe充電ケース付き MTJV3J/A") == "match"


def test_a_pack_said_in_the_copy_and_a_mouse_for_three_devices() -> None:
    deco = Product(title="TP-Link メッシュ WiFi 6 ルーター AX3000 無線LAN デュアルバンド 2ユニット "
                         "全ての子機がルーターとしても使用可能 Deco X50 (2-pack) 3年保証",
                   brand="TP-Link")
    assert match_title(deco, "TP-Link Deco X50 2台セット メッシュWi-Fi6 AX3000").quantity == 1
    mouse = Product(title="ロジクール Pebble Mouse 2 M350sGR ワイヤレスマウス 薄型 静音",
                    model_number="M350sGR")
    m = match_title(mouse, "M350sGR 静音 薄型マウス ブルートゥース 3台切替 電池付き")
    assert m.is_match and m.quantity == 1


def test_a_packs_contents_and_a_count_said_twice_are_not_units() -> None:
    game = Product(title="すごろくや ナンジャモンジャ・ミドリ (2-6人用 15分 4才以上向け) "
                         "カードゲーム")
    assert match_title(game, "すごろくや ナンジャモンジャ ミドリ 60枚 中古").quantity == 1
    gel = Product(title="MANARA(マナラ) ホットクレンジングゲル 200g メイク落とし")
    assert match_title(gel, "manara ホットクレンジングゲル 2本セット 200g×2").quantity == 2
    assert match_title(gel, "マナラ ホットクレンジングゲル 200g 3個セット×2").quantity == 6
    case = Product(title="無印良品 やわらかポリエチレンケース・中 約幅25.5×奥行36×高さ16cm")
    assert match_title(case, "無印 やわらかポリエチレンケース 中 25.5×36×16").quantity == 1


def test_a_torn_scribbled_book_is_junk() -> None:
    book = Product(title="はじめてのおつかい (こどものとも傑作集)")
    m = match_title(book, "はじめてのおつかい 絵本 落書き・破れあり 読めればOKな方へ")
    assert m.is_match and m.junk


def test_a_game_for_the_platform_is_not_a_compatible() -> None:
    assert kind(ZELDA, "ゼルダの伝説 ティアーズ オブ ザ キングダム Switch用ソフト") == "match"


# -- junk -------------------------------------------------------------------------------------

@pytest.mark.parametrize("title", [
    "Nintendo Switch Lite ターコイズ ジャンク",
    "【ジャンク品】Nintendo Switch Lite ターコイズ",
    "Nintendo Switch Lite ターコイズ 動作未確認",
    "Nintendo Switch Lite ターコイズ 部品取りに",
])
def test_junk_is_poor_at_best(title: str) -> None:
    m = match_title(LITE, title)
    assert m.is_match, m.detail  # it is the product, in poor condition
    assert m.junk
    assert m.condition_cap is Condition.POOR
    assert m.capped(Condition.LIKE_NEW) is Condition.POOR


def test_flaws_cap_at_acceptable_and_a_denial_is_not_junk() -> None:
    flawed = match_title(LITE, "Nintendo Switch Lite ターコイズ 訳あり")
    assert flawed.condition_cap is Condition.ACCEPTABLE
    assert flawed.capped(Condition.POOR) is Condition.POOR  # a cap never improves
    assert flawed.capped(Condition.GOOD) is Condition.ACCEPTABLE
    denial = match_title(LITE, "Nintendo Switch Lite ターコイズ ジャンクではありません")
    assert denial.condition_cap is None


# -- scores and the API ------------------------------------------------------------------------

def test_unrelated_titles_score_low() -> None:
    m = match_title(ZELDA, "ゼルダの伝説 ブレス オブ ザ ワイルド Switch")
    assert m.kind is MatchKind.LOW_SCORE
    assert 0.0 <= m.score < DEFAULT_THRESHOLD
    assert kind(CUREL, "キュレル 潤浸保湿 化粧水 II しっとり") != "match"


def test_batch_equals_one_by_one() -> None:
    titles = ["Nintendo Switch Lite ターコイズ", "Switch Lite ケース", "Switch Lite グレー",
              "ジャンク スイッチライト ターコイズ", "SPY×FAMILY 12"]
    assert match_titles(LITE, titles) == [match_title(LITE, t) for t in titles]
    assert match_titles(LITE, []) == []


def test_no_reference_title() -> None:
    m = match_title(Product(jan="4902370547856"), "Nintendo Switch Lite ターコイズ")
    assert m.kind is MatchKind.NO_REFERENCE
    assert not m.is_match


def test_matcher_options() -> None:
    with pytest.raises(ValueError, match="threshold"):
        Matcher(threshold=1.5)
    strict = Matcher(threshold=0.99)
    terse = "THERMOS 水筒 JNL-506 ブラック 0.5L"
    assert match_title(THERMOS, terse).is_match
    assert strict.match(THERMOS, terse).kind is MatchKind.LOW_SCORE
    own = Matcher(accessory_words=["巾着"])
    assert own.match(THERMOS, "サーモス ケータイマグ 500ml 巾着").kind is MatchKind.ACCESSORY
    assert match_title(THERMOS, "サーモス ケータイマグ 500ml 巾着").is_match
    assert repr(strict) == "Matcher(threshold=0.99)"


def test_match_is_a_frozen_pydantic_model() -> None:
    m = match_title(LITE, "Nintendo Switch Lite ターコイズ 2台")
    assert isinstance(m, Match)
    dumped = m.model_dump()
    assert dumped["quantity"] == 2
    assert dumped["kind"] == "match"
    with pytest.raises(ValueError, match="frozen"):
        m.quantity = 3  # type: ignore[misc]


# -- the finder --------------------------------------------------------------------------------

LITE_JAN = "4902370547856"


class Describer(Source):
    """Describes the product, as a catalogue source does."""

    name = "describer_test"
    label = "describer"
    describes_product = True

    def __init__(self, product: Product | None) -> None:
        super().__init__()
        self.product = product

    async def search(self, ctx: SearchContext) -> None:
        if self.product is not None:
            ctx.describe(self.product)


class FleaMarket(Source):
    """A flea market: listings found by title only, each as the seller wrote it."""

    name = "flea_test"
    label = "flea market"

    def __init__(self, listings: list[tuple[str, int, Condition]],
                 identity: Identity = Identity.TITLE) -> None:
        super().__init__()
        self.listings, self.identity = listings, identity

    async def search(self, ctx: SearchContext) -> None:
        await ctx.described_product(needs=("title",))
        for i, (title, price, condition) in enumerate(self.listings):
            ctx.add(Offer(source=self.name, title=title, url=f"https://flea.test/{i}", price=price,
                          shipping_fee=0, condition=condition, identity=self.identity))


LISTINGS = [
    ("Nintendo Switch Lite ターコイズ 本体 美品", 15000, Condition.VERY_GOOD),
    ("Nintendo Switch Lite ターコイズ 2台セット", 30000, Condition.GOOD),
    ("Switch Lite ケース ターコイズ", 1200, Condition.NEW),
    ("Nintendo Switch Lite グレー", 14000, Condition.GOOD),
    ("Nintendo Switch Lite ターコイズ ジャンク 充電できない", 5000, Condition.GOOD),
    ("Switch Lite ターコイズ まとめ売り 他3点", 20000, Condition.GOOD),
]


async def test_finder_ranks_matches_and_excludes_look_alikes_with_reasons() -> None:
    product = Product(title="Nintendo Switch Lite ターコイズ", brand="任天堂",
                      model_number="HDH-S-BAZAA")
    res = await afind_alternatives(LITE_JAN, sources=[Describer(product), FleaMarket(LISTINGS)],
                                   now=NOW)
    ranked = {r.offer.title: r for r in res.offers}
    assert set(ranked) == {LISTINGS[0][0], LISTINGS[1][0]}
    assert all(Flag.TITLE_MATCH in r.flags for r in res.offers)
    pair = ranked[LISTINGS[1][0]]
    assert pair.offer.quantity == 2
    assert any(t.kind == "unit" for t in pair.terms)  # ranked on its unit price
    assert pair.score < ranked[LISTINGS[0][0]].score + 1000

    excluded = {e.offer.title: e for e in res.excluded}
    case = excluded["Switch Lite ケース ターコイズ"]
    assert case.reason is ExclusionReason.LOOK_ALIKE
    assert "accessory" in case.detail
    assert "ケース" in case.detail
    assert excluded["Nintendo Switch Lite グレー"].reason is ExclusionReason.OTHER_PRODUCT
    assert excluded["Switch Lite ターコイズ まとめ売り 他3点"].reason is ExclusionReason.LOOK_ALIKE
    junk = excluded["Nintendo Switch Lite ターコイズ ジャンク 充電できない"]
    assert junk.reason is ExclusionReason.CONDITION
    assert junk.offer.condition is Condition.POOR
    assert "ジャンク" in junk.detail
    assert all(e.detail for e in res.excluded)


async def test_finder_ranks_junk_as_poor_when_the_policy_allows_it() -> None:
    product = Product(title="Nintendo Switch Lite ターコイズ")
    policy = RankingPolicy(excluded_conditions=frozenset())
    res = await afind_alternatives(LITE_JAN, sources=[Describer(product), FleaMarket(LISTINGS)],
                                   now=NOW, policy=policy)
    [junk] = [r for r in res.offers if "ジャンク" in r.offer.title]
    assert junk.offer.condition is Condition.POOR
    assert junk.offer.condition_label is None


async def test_code_identified_offers_are_not_title_matched() -> None:
    product = Product(title="Nintendo Switch Lite ターコイズ")
    res = await afind_alternatives(
        LITE_JAN, now=NOW,
        sources=[Describer(product), FleaMarket(LISTINGS[2:3], identity=Identity.CODE_SEARCH)])
    [ranked] = res.offers  # the marketplace's code index vouches for it, not the title
    assert Flag.TITLE_MATCH not in ranked.flags


async def test_title_offers_without_a_reference_title_stay_unverified() -> None:
    res = await afind_alternatives(LITE_JAN, sources=[Describer(None), FleaMarket(LISTINGS[:1])],
                                   now=NOW)
    assert res.offers == []
    [excluded] = res.excluded
    assert excluded.reason is ExclusionReason.UNVERIFIED
    assert "reference title" in excluded.detail


async def test_an_ambiguous_title_stays_unverified() -> None:
    res = await afind_alternatives(
        "4549995433944", now=NOW,
        sources=[Describer(AIRPODS),
                 FleaMarket([("AirPods Pro ワイヤレスイヤホン", 9000, Condition.GOOD)])])
    [excluded] = res.excluded
    assert excluded.reason is ExclusionReason.UNVERIFIED
    assert "generation" in excluded.detail


# -- quality on the labelled set -----------------------------------------------------------------

def _benchmark() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "matcher_eval.py"
    spec = importlib.util.spec_from_file_location("matcher_eval", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["matcher_eval"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_every_reference_takes_any_listing_without_failing() -> None:
    """Each labelled reference against other products' titles and odd strings: a verdict,
    never an exception (a reference with no model number once failed on ZV-1 II)."""
    bench = _benchmark()
    products, rows = bench.load()
    titles = [r.title for r in rows]
    odd = ["", " ", "【】", "ジャンク", "2個セット", "x", "第2世代", "(1)", "ZV-1 II", "100", "&",
           "・"]
    matcher = Matcher()
    for i, product in enumerate(products.values()):
        page = [*titles[i * 7 % len(titles):][:12], *odd]
        assert len(matcher.match_many(product, page)) == len(page)


def test_the_held_back_pages_load_and_keep_their_first_look() -> None:
    """Realistic result pages never tuned on: a guard against a rule that breaks them, not a
    target (first look at 8f87bb2: precision 0.919, recall 0.820 on 822 titles)."""
    bench = _benchmark()
    products, rows = bench.load(bench.HELD_BACK)
    assert len(products) >= 32 and len(rows) >= 800
    assert all(r.product in products for r in rows)
    scores = bench.score(rows, bench.verdicts(products, rows))
    assert scores.precision >= 0.90, scores
    assert scores.recall >= 0.80, scores
    assert scores.quantity_ok == scores.junk_ok == scores.tp


def test_the_shops_catalogue_lifts_both_figures() -> None:
    """The aliases and siblings of every labelled product and of the held-back pages (written
    blind from the references alone): with them the same titles score higher on both figures
    (docs)."""
    bench = _benchmark()
    for products, rows in (bench.load(), bench.load(bench.HELD_BACK)):
        catalogued = bench.with_catalogue(products)
        assert len(catalogued) >= 32
        subset = [r for r in rows if r.product in catalogued]
        plain = bench.score(subset, bench.verdicts(products, subset))
        known = bench.score(subset, bench.verdicts(products | catalogued, subset))
        # the lift narrows as the plain matcher learns what only an alias explained (stop 18:
        # the held-back pages' recall gain went from 0.044 to 0.033)
        assert known.precision >= plain.precision and known.recall >= plain.recall + 0.03, (
            plain, known)
        assert known.quantity_ok == known.junk_ok == known.tp
        if len(rows) > 20000:  # every labelled product has one since stop 21 (docs/matching.md)
            assert len(catalogued) == len(products)
            assert known.precision >= 0.977 and known.recall >= 0.94, known


def test_reasons_never_show_a_pattern() -> None:
    """A reason is for a reader: プラチナ, not ``プラチナ(?!ゲームズ)``."""
    bench = _benchmark()
    products, rows = bench.load()
    for match in bench.verdicts(products, rows):
        assert not any("(?" in r or "\\s" in r for r in match.reasons), match.reasons


def test_reasons_are_the_same_whatever_the_hash_seed() -> None:
    """Name words of one length once came out in set order, so a reason named another word
    from run to run (アストロボット after パラレル, or after クランク)."""
    import subprocess

    script = ("from altfinder import Product, match_title; print(match_title(Product("
              "title='ラチェット&クランク パラレル・トラブル - PS5'), "
              "'PS5ソフト ラチェット&クランク パラレル・トラブル アストロボット').reasons)")
    runs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}, check=True).stdout
            for seed in ("1", "2", "3", "4")}
    assert len(runs) == 1, runs


def test_the_second_labellers_titles_are_in_the_labelled_set() -> None:
    bench = _benchmark()
    _, rows = bench.load()
    labelled = {(r.product, r.title) for r in rows}
    path = Path(bench.DATA).with_name("matching_agreement.jsonl")
    second = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(second) == 300
    assert all((s["product"], s["title"]) in labelled for s in second)


def test_precision_and_recall_on_the_labelled_set() -> None:
    bench = _benchmark()
    products, rows = bench.load()
    assert len(rows) >= 200
    assert len(products) >= 15
    categories = {line for line in (Path(bench.DATA).read_text(encoding="utf-8")).splitlines()
                  if '"category"' in line}
    for category in ("electronics", "games", "books", "cosmetics", "household"):
        assert any(f'"category": "{category}"' in line for line in categories), category
    found = bench.verdicts(products, rows)
    # The target (precision 0.98 at recall 0.90) on the titles the rules were written and
    # checked against: the tune and holdout splits and the first two blind sets.
    built = ("tune", "holdout", "blind", "blind2")
    scores = bench.score([r for r in rows if r.split in built],
                         [m for r, m in zip(rows, found, strict=True) if r.split in built])
    assert scores.precision >= 0.98, scores
    assert scores.recall >= 0.90, scores
    # blind3 onwards were written later by people who never saw the rules; their first
    # looks fell short (docs/matching.md). These floors keep what was won since.
    for split, precision, recall in (
        ("blind3", 1.00, 0.96),
        ("blind4", 1.00, 1.00),
        ("blind5", 1.00, 0.93),
        ("blind6", 1.00, 0.98),
        ("blind7", 1.00, 0.95),
        ("blind8", 1.00, 0.98),
        ("blind9", 0.96, 0.91),
        ("blind10", 1.00, 0.92),
        ("blind11", 0.94, 0.91),
        ("blind12", 1.00, 0.94),
        ("blind13", 0.98, 0.91),
        ("blind14", 0.96, 0.94),
        ("blind15", 0.96, 0.96),
        ("blind16", 0.96, 0.89),
        ("blind17", 1.00, 0.87),
        ("blind18", 1.00, 0.96),
        ("blind19", 1.00, 0.89),
        ("blind20", 0.98, 0.89),
        ("blind21", 1.00, 0.86),
        ("blind22", 0.96, 1.00),
        ("blind23", 0.96, 0.94),
        ("blind24", 0.96, 0.93),
        ("blind25", 0.98, 0.91),
        ("blind26", 1.00, 0.96),
        ("blind27", 0.96, 0.94),
        ("blind28", 1.00, 0.86),
        ("blind29", 1.00, 0.96),
        ("blind30", 0.98, 0.86),
        ("blind31", 0.98, 0.96),
        ("blind32", 0.98, 0.89),
        ("blind33", 0.98, 0.89),
        ("blind34", 0.98, 0.98),
        ("blind35", 0.98, 0.94),
        ("blind36", 0.98, 0.93),
        ("blind37", 0.98, 0.88),
        ("blind38", 0.96, 0.96),
        ("blind39", 0.96, 0.96),
        ("blind40", 1.00, 0.91),
        ("blind41", 0.98, 1.00),
        ("blind42", 0.98, 0.92),
        ("blind43", 0.94, 0.96),
        ("blind44", 1.00, 0.98),
        ("blind45", 0.96, 0.94),
        ("blind46", 0.96, 0.91),
        ("blind47", 1.00, 0.89),
        ("blind48", 0.96, 0.95),
        ("blind49", 0.96, 0.89),
        ("blind50", 0.98, 0.98),
        ("blind51", 0.98, 0.89),
        ("blind52", 1.00, 0.94),
        ("blind53", 0.98, 0.91),
        ("blind54", 1.00, 0.96),
        ("blind55", 0.94, 0.87),
        ("blind56", 0.93, 0.93),
        ("blind57", 1.00, 0.82),
        ("blind58", 0.98, 0.87),
        ("blind59", 1.00, 0.89),
        ("blind60", 0.98, 0.94),
        ("blind61", 0.96, 0.96),
        ("blind62", 0.90, 0.87),
        ("blind63", 0.96, 0.91),
        ("blind64", 0.98, 0.98),
        ("blind65", 0.96, 0.96),
        ("blind66", 0.94, 0.89),
        ("blind67", 0.96, 0.89),
        ("blind68", 0.96, 0.94),
        ("blind69", 0.98, 0.92),
        ("blind70", 0.93, 0.95),
        ("blind71", 0.98, 0.91),
        ("blind72", 0.90, 0.94),
        ("blind73", 0.92, 0.92),
        ("blind74", 0.90, 0.89),
        ("blind75", 0.94, 0.86),
        ("blind76", 0.98, 0.92),
        ("blind77", 0.97, 0.79),
        ("blind78", 0.94, 0.91),
        ("blind79", 0.94, 0.91),
        ("blind80", 0.96, 0.92),
        ("blind81", 1.00, 0.87),
        ("blind82", 0.97, 0.82),
        ("blind83", 1.00, 0.87),
        ("blind84", 0.91, 0.93),
        ("blind85", 0.96, 0.96),
        ("blind86", 0.98, 0.87),
        ("blind87", 0.94, 0.87),
        ("blind88", 1.00, 0.91),
        ("blind89", 0.98, 0.84),
        ("blind90", 0.94, 0.89),
        ("blind91", 0.96, 0.96),
        ("blind92", 0.91, 0.94),
        ("blind93", 0.93, 0.94),
        ("blind94", 0.97, 0.83),
        ("blind95", 0.96, 0.92),
        ("blind96", 0.96, 0.89),
        ("blind97", 0.90, 0.87),
        ("blind98", 0.96, 0.90),
        ("blind99", 0.92, 0.81),
        ("blind100", 0.96, 0.98),
        ("blind101", 1.00, 0.92),
        ("blind102", 0.92, 0.91),
        ("blind103", 1.00, 0.87),
        ("blind104", 0.94, 0.96),
        ("blind105", 1.00, 0.91),
        ("blind106", 0.98, 0.96),
        ("blind107", 0.96, 0.96),
        ("blind108", 0.90, 0.94),
        ("blind109", 0.91, 0.91),
        ("blind110", 0.98, 0.86),
        ("blind111", 0.96, 0.87),
        ("blind112", 0.92, 0.86),
        ("blind113", 1.00, 0.87),
        ("blind114", 0.94, 0.91),
        ("blind115", 1.00, 0.83),
        ("blind116", 0.92, 0.85),
        ("blind117", 0.94, 0.85),
        ("blind118", 0.98, 0.90),
        ("blind119", 0.91, 0.91),
        ("blind120", 0.98, 0.92),
        ("blind121", 0.92, 0.91),
        ("blind122", 0.98, 0.85),
        ("blind123", 0.96, 0.88),
        ("blind124", 0.92, 0.91),
        ("blind125", 0.85, 0.89),
        ("blind126", 0.98, 0.91),
        ("blind127", 1.00, 0.92),
        ("blind128", 0.91, 0.94),
        ("blind129", 0.96, 0.82),
        ("blind130", 0.96, 0.87),
        ("blind131", 0.94, 0.86),
        ("blind132", 0.91, 0.91),
        ("blind133", 0.92, 0.89),
        ("blind134", 0.96, 0.90),
        ("blind135", 0.96, 0.87),
        ("blind136", 0.98, 0.91),
        ("blind137", 0.92, 0.85),
        ("blind138", 0.90, 0.96),
        ("blind139", 1.00, 0.89),
        ("blind140", 0.94, 0.87),
        ("blind141", 0.98, 0.87),
        ("blind142", 1.00, 0.89),
        ("blind143", 0.96, 0.93),
        ("blind144", 0.96, 0.95),
        ("blind145", 0.96, 0.89),
        ("blind146", 1.00, 0.93),
        ("blind147", 0.94, 0.85),
        ("blind148", 0.88, 0.91),
        ("blind149", 0.97, 0.82),
        ("blind150", 0.96, 0.89),
        ("blind151", 0.88, 0.83),
        ("blind152", 0.96, 0.91),
        ("blind153", 0.93, 0.80),
        ("blind154", 0.98, 0.85),
        ("blind155", 1.00, 0.80),
        ("blind156", 0.93, 0.98),
        ("blind157", 0.97, 0.84),
        ("blind158", 0.94, 0.82),
        ("blind159", 0.92, 0.87),
        ("blind160", 0.94, 0.91),
        ("blind161", 0.98, 0.89),
        ("blind162", 0.98, 0.92),
        ("blind163", 0.95, 0.83),
        ("blind164", 1.00, 0.79),
        ("blind165", 0.87, 0.76),
        ("blind166", 0.96, 0.91),
        ("blind167", 0.96, 0.91),
        ("blind168", 0.97, 0.81),
        ("blind169", 0.96, 0.89),
        ("blind170", 0.91, 0.92),
        ("blind171", 0.98, 0.98),
        ("blind172", 0.96, 0.86),
        ("blind173", 0.98, 0.91),
        ("blind174", 0.98, 0.92),
        ("blind175", 0.98, 0.89),
        ("blind176", 0.92, 0.91),
        ("blind177", 0.97, 0.85),
        ("blind178", 0.96, 0.85),
        ("blind179", 0.97, 0.82),
        ("blind180", 0.96, 0.79),
        ("blind181", 0.94, 0.91),
        ("blind182", 0.94, 0.86),
        ("blind183", 0.90, 0.87),
        ("blind184", 0.92, 0.92),
        ("blind185", 0.89, 0.76),
        ("blind186", 0.97, 0.81),
        ("blind187", 0.96, 0.93),
        ("blind188", 0.96, 0.89),
        ("blind189", 0.98, 0.83),
        ("blind190", 0.94, 0.89),
        ("blind191", 0.98, 0.91),
        ("blind192", 0.98, 0.92),
        ("blind193", 0.98, 0.93),
        ("blind194", 0.95, 0.98),
        ("blind195", 0.98, 0.87),
        ("blind196", 0.94, 0.94),
        ("blind197", 0.96, 0.92),
        ("blind198", 0.92, 0.83),
        ("blind199", 1.00, 0.95),
        ("blind200", 0.88, 0.72),
        ("blind201", 0.98, 0.84),
        ("blind202", 0.98, 0.96),
        ("blind203", 0.96, 0.91),
        ("blind204", 0.89, 0.89),
        ("blind205", 0.98, 0.89),
        ("blind206", 0.94, 0.94),
        ("blind207", 0.94, 0.83),
        ("blind208", 0.87, 0.93),
        ("blind209", 0.93, 0.94),
        ("blind210", 0.98, 0.87),
        ("blind211", 1.00, 0.88),
        ("blind212", 0.96, 0.96),
        ("blind213", 0.94, 0.88),
        ("blind214", 0.94, 0.94),
        ("blind215", 0.96, 0.93),
        ("blind216", 0.89, 0.94),
        ("blind217", 0.98, 0.85),
        ("blind218", 0.98, 0.90),
        ("blind219", 0.94, 0.92),
        ("blind220", 0.96, 0.87),
        ("blind221", 1.00, 0.80),
        ("blind222", 1.00, 0.92),
        ("blind223", 0.98, 0.90),
        ("blind224", 0.88, 0.91),
        ("blind225", 0.98, 0.87),
        ("blind226", 1.00, 0.91),
        ("blind227", 0.92, 0.89),
        ("blind228", 0.91, 0.92),
        ("blind229", 0.93, 0.94),
        ("blind230", 0.96, 0.89),
        ("blind231", 0.96, 0.90),
        ("blind232", 0.98, 0.93),
        ("blind233", 0.94, 0.89),
        ("blind234", 1.00, 0.95),
        ("blind235", 0.94, 0.86),
        ("blind236", 0.90, 0.86),
        ("blind237", 0.91, 0.90),
        ("blind238", 0.93, 0.98),
        ("blind239", 0.98, 0.88),
        ("blind240", 0.94, 0.76),
        ("blind241", 1.00, 0.85),
    ):
        part = [(r, m) for r, m in zip(rows, found, strict=True) if r.split == split]
        late = bench.score([r for r, _ in part], [m for _, m in part])
        assert late.precision >= precision and late.recall >= recall, (split, late)
    # the units and the junk flag of the true matches are right too
    everything = bench.score(rows, found)
    assert everything.quantity_ok == everything.tp
    assert everything.junk_ok == everything.tp
    held_out = [(r, m) for r, m in zip(rows, found, strict=True) if r.split == "holdout"]
    assert len(held_out) >= 60


def test_a_lens_name_with_its_aperture_glued_on_is_that_aperture() -> None:
    lens = Product(title="FUJIFILM 単焦点標準レンズ XF35mmF2 R WR ブラック",
                   model_number="F XF35MMF2 R WR B")
    other = match_title(lens, "富士フイルム XF35mmF1.4 R 初代 単焦点")
    assert not other.is_match and "aperture 1.4 differs from the reference's 2" in other.reasons
    assert kind(lens, "富士フイルム フジノン XF35mmF2 R WR ブラック 美品") == "match"


MODELLED = [  # a reference title, its model number field (as Amazon and Yahoo give it)
    # stop 15: EVO after the model number is another model
    ("ASUS NVIDIA GeForce RTX 4070 SUPER 搭載 ビデオカード OC edition 12GB GDDR6X",
     "DUAL-RTX4070S-O12G", "ASUS DUAL-RTX4070S-O12G-EVO RTX4070 SUPER EVO OC 12GB", False),
    # the A of FDR-AX45A-B is the model's letter, not a suffix sellers leave out
    ("ソニー ビデオカメラ FDR-AX45A 4K ブラック", "FDR-AX45A B",
     "ソニー FDR-AX45 ブラック 4K ハンディカム", False),
    ("ソニー ビデオカメラ FDR-AX45A 4K ブラック", "FDR-AX45A B",
     "ソニー FDR-AX45A ハンディカム 黒", True),
    # one letter glued on names another model: Core 300S is not the Core 300
    ("Levoit 空気清浄機 Core 300 HEPAフィルター ホワイト", "Core 300",
     "Levoit Core 300S スマート空気清浄機 ホワイト", False),
    ("Levoit 空気清浄機 Core 300 HEPAフィルター ホワイト", "Core 300",
     "Levoit Core 300 空気清浄機 白", True),
    # a letter more or less, glued on: ZE3000 is not the E3000, a Ryzen 5600 not the 5600X
    ("final ファイナル E3000 カナル型 有線イヤホン ブラック FI-E3DSS", None,
     "final ZE3000 完全ワイヤレスイヤホン ブラック", False),
    ("final ファイナル E3000 カナル型 有線イヤホン ブラック FI-E3DSS", None,
     "final E3000 有線イヤホン 黒", True),
    ("AMD Ryzen 5 5600X with Wraith Stealth cooler 3.7GHz 6コア", None,
     "AMD Ryzen 5 5600 BOX 新品未開封", False),
    ("AMD Ryzen 5 5600X with Wraith Stealth cooler 3.7GHz 6コア", None,
     "Ryzen 5 5600X BOX 動作確認済み", True),
    ("シャープ 加湿 空気清浄機 プラズマクラスター 7000 ホワイト KC-R50-W", "KC-R50-W",
     "シャープ プラズマクラスター 加湿空気清浄機 KI-RS50-W 白", False),
    ("クリンスイ 蛇口直結型浄水器 交換用カートリッジ HGC9S 1個入", "HGC9S",
     "クリンスイ 交換カートリッジ CSP601 CSPシリーズ用", False),
    ("クリンスイ 蛇口直結型浄水器 交換用カートリッジ HGC9S 1個入", "HGC9S",
     "クリンスイ 交換用カートリッジ HGC9S 新品", True),
    # what the code is for, a spec, a generation of the name, Apple's A-number
    ("SIGMA 18-50mm F2.8 DC DN Contemporary C021 ソニーEマウント用", "C021",
     "シグマ 18-50 F2.8 DC DN Eマウント用 α6400 ZV-E10に", True),
    ("Apple Mac mini M4チップ 16GB 256GB SSD シルバー", "MU9D3J/A",
     "Apple Mac mini 2024 M4チップ メモリ16GB SSD256GB シルバー", True),
    ("Apple iPad mini (第6世代) Wi-Fi 64GB スペースグレイ", "MK7M3J/A",
     "Apple iPad mini6 64GB グレー Wi-Fi 本体のみ", True),
    ("Apple 20W USB-C電源アダプタ", "MHJA3AM/A",
     "アップル 20W USB-C 電源アダプタ A2305 動作品", True),
    ("Thermalright Peerless Assassin 120 SE CPUクーラー", "PA120 SE",
     "Thermalright Peerless Assassin 120 SE 美品 LGA1700/AM5 取付金具完備", True),
]


@pytest.mark.parametrize(("reference", "model", "title", "expected"), MODELLED)
def test_model_numbers_against_a_product_with_its_model_field(
        reference: str, model: str | None, title: str, expected: bool) -> None:
    assert match_title(Product(title=reference, model_number=model), title).is_match is expected


# stop 16: platform spellings, names that look like words (Need for Speed), readings, a
# publisher or an author in a book's listing, colours, a bracketed variant, a magazine issue,
# the place a product is for, another pack, another part, number or range, a '+' lot
STOP16 = [
    ("メタルギア ソリッド3 スネークイーター (通常版) - PS2", "コナミ",
     "MGS3 スネークイーター プレステ2 ソフト 匿名配送", "match"),
    ("ゼルダ無双 - Wii U", "任天堂",
     "ゼルダ無双 ウィーユー 箱に傷あり ディスク美品", "match"),
    ("F-ZERO GX", "任天堂",
     "F-ZERO GX NGC 任天堂 レースゲーム ディスク傷少なめ", "match"),
    ("ドラゴンクエストX オールインワンパッケージ version 1-5 - Windows", "スクウェア・エニックス",
     "DQ10 オールインワンパッケージ 1～5 ウィンドウズ版 シュリンク付き", "match"),
    ("ドラゴンクエストX オールインワンパッケージ version 1-5 - Windows", "スクウェア・エニックス",
     "ドラゴンクエストX オールインワンパッケージ version 1-6 Windows", "volume_conflict"),
    ("ニード・フォー・スピード ヒート - PS4", "エレクトロニック・アーツ",
     "Need for Speed Heat PS4 日本版 ニード・フォー・スピード ヒート", "match"),
    ("CHAOS;CHILD (カオスチャイルド) 通常版 - PS Vita", "5pb.",
     "ヴィータ ソフト カオスチャイルド ケースにスレあり ソフト・ケース揃ってます", "match"),
    ("2025年版 福祉教科書 保育士 完全合格テキスト 上", "翔泳社",
     "保育士 完全合格テキスト 上 2025年版 翔泳社 書き込みなし", "match"),
    ("桐島、部活やめるってよ (集英社文庫)", "朝井 リョウ",
     "朝井リョウ『桐島、部活やめるってよ』集英社文庫 カバー少し日焼けあり", "match"),
    ("三省堂国語辞典 第八版", "三省堂",
     "三省堂国語辞典 第八版 並版 中古 角スレあり", "match"),
    ("Dyson Supersonic Shine ヘアドライヤー ビンカブルー/ロゼ HD15 ULF VBR "
     "マグネット式アタッチメント付属",
     "Dyson",
     "Dyson Supersonic Shine HD15 ビンカブルー×ロゼ アタッチメント全部あり", "match"),
    ("Dyson Supersonic Shine ヘアドライヤー ビンカブルー/ロゼ HD15 ULF VBR "
     "マグネット式アタッチメント付属",
     "Dyson",
     "Dyson Supersonic Shine HD15 ニッケル/コッパー 中古 動作良好", "variant_conflict"),
    ("ティファール(T-fal) 鍋 フライパン ふた インジニオ・ネオ バタフライガラスぶた "
     "16・18・20cm対応 取っ手のとれる L99363",
     "ティファール(T-fal)",
     "T-fal L99363 バタフライ ガラス蓋 中古 取っ手のとれる", "match"),
    ("Galaxy Z Flip6 SIMフリー 256GB シルバーシャドウ 6.7インチ 折りたたみ スマートフォン",
     "Samsung",
     "Galaxy Z Flip6 SIMフリー 256GB ミント 美品", "variant_conflict"),
    ("リュミエリーナ ヘアビューロン 4D Plus [ストレート] HBRST4D-GL-JP ストレートアイロン",
     "リュミエリーナ",
     "ヘアビューロン 4D Plus [カール] 26.5mm リュミエリーナ 美品", "variant_conflict"),
    ("わにわにのおふろ (幼児絵本シリーズ)", "福音館書店",
     "こどものとも年少版 わにわにのおふろ 2000年6月号", "line_conflict"),
    ("サワデー香るスティック 消臭芳香剤 部屋用 本体 パルファムノアール 70mL 小林製薬", "小林製薬",
     "サワデー 香るスティック 消臭芳香剤 トイレ用 パルファムノアール", "line_conflict"),
    ("キッチン泡ハイター 台所用漂白剤 ハンディスプレー 本体 400ml", "花王",
     "泡ハイター キッチン用 スプレー本体 400ml 2本", "match"),
    ("Amazonベーシック ハンガー ベルベット スーツ用 滑り止め 省スペース 50本セット ブラック",
     "Amazonベーシック",
     "Amazonベーシック ベルベットハンガー 100本セット ブラック", "quantity_conflict"),
    ("アイリスオーヤマ 収納ボックス 折りたたみ 布製 3個セット 幅約38×奥行約26×高さ約25cm "
     "カラーボックス対応 ベージュ",
     "アイリスオーヤマ",
     "アイリスオーヤマ 収納ボックス 折りたたみ 3個セット ベージュ カラーボックス用", "match"),
    ("ファミコン探偵倶楽部 笑み男 -Switch", "任天堂",
     "ファミコン探偵倶楽部 消えた後継者 Switch", "line_conflict"),
    ("ソロモンの偽証: 第I部 事件 上巻 (新潮文庫)", "宮部 みゆき",
     "ソロモンの偽証 第II部 決意 上巻 新潮文庫 宮部みゆき", "volume_conflict"),
    ("NBA 2K25 - PS5", "テイクツー・インタラクティブ・ジャパン",
     "NBA 2K26 PS5 新品未開封", "volume_conflict"),
    ("OPERA(オペラ) マイラッシュ アドバンスト 01 ブラック マスカラ ロング カール", "OPERA(オペラ)",
     "オペラ マイラッシュアドバンスト 01 ＋ リップティント 05 セット", "lot"),
    ("Fit Boxing 2 -リズム&エクササイズ- -Switch", "イマジニア",
     "Switch Fit Boxing2 リズム&エクササイズ パッケージ版", "match"),
]


@pytest.mark.parametrize(("reference", "brand", "title", "expected"), STOP16)
def test_stop16_cases(reference: str, brand: str, title: str, expected: str) -> None:
    assert kind(Product(title=reference, brand=brand), title) == expected


def test_the_shops_titles_say_what_the_reference_does_not() -> None:
    """A catalogue's aliases give the product's English name, its line and its platform."""
    arms = Product(title="ARMS - Switch", brand="任天堂",
                   aliases=("【Switch】ARMS アームズ ニンテンドースイッチ ソフト",))
    assert kind(arms, "ARMS アームズ Switch ソフト 動作確認済み") == "match"
    assert kind(arms.model_copy(update={"aliases": ()}),
                "ARMS アームズ Switch ソフト 動作確認済み") == "line_conflict"
    art = Product(title="ゼルダの伝説 30周年記念書籍 第1集 THE LEGEND OF ZELDA HYRULE GRAPHICS",
                  brand="任天堂",
                  aliases=("ゼルダの伝説 30周年記念書籍 第1集 ハイラルグラフィックス 画集",))
    assert kind(art, "ゼルダの伝説 30周年記念書籍 第1集 ハイラルグラフィックス 画集 帯付き"
                ) == "match"
    ff12 = Product(title="ファイナルファンタジーXII", brand="スクウェア・エニックス",
                   aliases=("【PS2】ファイナルファンタジーXII プレイステーション2 ソフト",))
    assert kind(ff12, "PS4 ファイナルファンタジーXII ザ ゾディアック エイジ") == "line_conflict"
    assert kind(ff12, "PS2 ファイナルファンタジー12 動作確認済み") == "match"


# stop 16, later: a guide's years, blue-black ink, a model's start with other letters, a
# denial after ※, a model without a feature, what an accessory fits read whole, a platform
# named on its own, how long it was used
STOP16_MODELLED = [
    ("大乱闘スマッシュブラザーズ for ニンテンドー3DS", "任天堂", None,
     "スマブラfor3DS 中古 美品 即発送", "match"),
    ("ひげを剃る。そして女子高生を拾う。2 (角川スニーカー文庫)", "KADOKAWA", None,
     "ひげを剃る。そして女子高生を拾う。 1 角川スニーカー文庫", "volume_conflict"),
    ("令和07年 情報セキュリティマネジメント 合格教本 (情報処理技術者試験)", "技術評論社", None,
     "令和07年 情報処理安全確保支援士 合格教本", "line_conflict"),
    ("るるぶ東京'25 (るるぶ情報版地域)", "JTBパブリッシング", None,
     "るるぶ東京'25 最新版 ガイドブック", "match"),
    ("グレート・ギャツビー (村上春樹翻訳ライブラリー)", "中央公論新社", None,
     "グレート・ギャツビー 村上春樹訳 単行本 中央公論新社 ハードカバー", "line_conflict"),
    ("テイルズ オブ ジ アビス - PS2", "ナムコ", None, "PS2 テイルズ オブ シンフォニア 中古",
     "line_conflict"),
    ("D10 地球の歩き方 台湾 2025～2026 (地球の歩き方D アジア)", "地球の歩き方編集室", None,
     "地球の歩き方 台湾 2023～2024", "volume_conflict"),
    ("ゼブラ ジェルボールペン サラサクリップ 0.5 黒 JJ15-BK", "ゼブラ(ZEBRA)", "JJ15-BK",
     "サラサクリップ 0.5 ブルーブラック JJ15", "variant_conflict"),
    ("ダイソン Dyson V10 Fluffy サイクロン式 コードレス掃除機 dyson SV12FF 2018年モデル",
     "ダイソン(Dyson)", "SV12FF", "ダイソン V10 Absolutepro SV12 ABL コードレス掃除機 付属品完備",
     "model_conflict"),
    ("AVerMedia Live Gamer Portable 2 PLUS AVT-C878 PLUS [4Kパススルー対応]", "AVerMedia",
     "AVT-C878 PLUS", "AVerMedia Live Gamer Portable 2 AVT-C878 ※PLUSではありません",
     "line_conflict"),
    ("HARIO(ハリオ) V60 温度調整付き パワーケトル・ヴォーノN 電気ケトル 800ml 細口 EVKT-80HSV",
     "HARIO(ハリオ)", "EVKT-80HSV",
     "HARIO V60 パワーケトル・ヴォーノN 電気ケトル 800ml 温度調整なしモデル", "line_conflict"),
    ("GoPro HERO13 Black アクションカメラ HBシリーズレンズ対応 GPS搭載 国内正規品 CHDHX-131-FW",
     "GoPro", "CHDHX-131-FW", "ＨＥＲＯ１３ Ｂｌａｃｋ対応 超広角レンズモッド HBシリーズ 純正",
     "compatible"),
    ("Kobo Elipsa 2E 電子書籍リーダー 10.3インチ 32GB Kobo Stylus 2付属 手書きメモ対応 ブラック",
     "Kobo", None, "Kobo Stylus 2 スタイラスペン Elipsa 2E/Libra Colour/Sage対応 新品",
     "compatible"),
    ("ロックマン エグゼ3", "カプコン", None, "ロックマンエグゼ3 GBA カプコン 中古 端子清掃済",
     "match"),
    ("リッチェル ふかふかベビーバスW 新生児 沐浴 空気でふくらませるエアー式ベビーバス 0ヵ月頃から",
     "リッチェル(Richell)", None, "リッチェル ふかふかベビーバスW 沐浴 使用1ヶ月 空気漏れなし",
     "match"),
]


@pytest.mark.parametrize(("reference", "brand", "model", "title", "expected"), STOP16_MODELLED)
def test_stop16_cases_with_a_model(reference: str, brand: str, model: str | None, title: str,
                                   expected: str) -> None:
    assert kind(Product(title=reference, brand=brand, model_number=model), title) == expected


# stop 17: a katakana line name set inside the reference's name (ノマド, マット), and what is
# not one (a maker before its platform, a reading of the word before, a nickname, an author)
STOP17 = [
    ("クロエ CHLOE クロエ オードパルファム EDP SP 50ml 香水", "クロエ(Chloe)", None,
     "クロエ ノマド オードパルファム 50ml 箱なし", "line_conflict"),
    ("M・A・C(マック) プレップ プライム フィックス+ 100mL ミスト状化粧水", "M・A・C", None,
     "MAC プレップ プライム フィックス+ マット 100ml", "line_conflict"),
    ("M・A・C(マック) プレップ プライム フィックス+ 100mL ミスト状化粧水", "M・A・C", None,
     "MAC プレップ プライム フィックス+ 100ml 残量8割", "match"),
    ("とびだせ どうぶつの森 - 3DS", "任天堂", None,
     "とびだせ どうぶつの森 ニンテンドー3DS ソフトのみ", "match"),
    ("SHIRO サボン オードパルファン 40mL 香水", "SHIRO", None,
     "SHIRO シロ サボン オードパルファン 40ml 新品", "match"),
    ("ドラゴンボール Sparking! ZERO - PS5", "バンダイナムコエンターテインメント", None,
     "PS5 スパゼロ ドラゴンボール 中古", "match"),
    ("幼年期の終わり (光文社古典新訳文庫)", "光文社", None,
     "幼年期の終わり クラーク 光文社古典新訳文庫", "match"),
    ("ジルスチュアート ボディミルク ホワイトフローラル 250mL", "JILL STUART", None,
     "ジルスチュアート ボディミルク ホワイトフローラル 250ml 未開封", "match"),
    # a game's product code says its platform where its title does not
    ("ゼルダの伝説 ムジュラの仮面", "任天堂", "NUS-P-NZSJ",
     "ゼルダの伝説 ムジュラの仮面 3D 3DS ソフト", "line_conflict"),
    ("ゼルダの伝説 ムジュラの仮面", "任天堂", "NUS-P-NZSJ",
     "N64 ゼルダの伝説 ムジュラの仮面 ソフトのみ", "match"),
    ("ファイナルファンタジーVIII", "スクウェア", "SLPS-01880",
     "FF8 ファイナルファンタジーVIII Windows PC版", "line_conflict"),
    ("ファイナルファンタジーX", "スクウェア", "SLPS-25050",
     "PS2 ファイナルファンタジーX 説明書付き", "match"),
    ("MOTHER3", "任天堂", "AGB-P-A3UJ", "MOTHER 3 GBA 中古 動作確認済み", "match"),
    ("F-ZERO GX", "任天堂", "DOL-GFZJ-JPN",
     "F-ZERO GX ゲームキューブソフト Wii本体でも動作確認", "match"),
    ("モンスターハンター4G - 3DS", "カプコン", None, "3DS モンスターハンター4 ソフト 無印",
     "volume_conflict"),
    # an earlier generation than the number the reference's name carries; a generation
    # past it is the maker's own count (Fire HD 8, 第12世代)
    ("Oura Ring 4 (オーラリング4) スマートリング シルバー サイズ10", "Oura", None,
     "Oura Ring Gen3 Heritage シルバー サイズ10", "volume_conflict"),
    ("Jabra Elite 8 Active 完全ワイヤレスイヤホン ブラック", "Jabra", None,
     "Jabra Elite 8 Active Gen 2 ブラック", "volume_conflict"),
    ("Fire HD 8 タブレット 32GB ブラック (2022年発売)", "Amazon", None,
     "Fire HD 8 第12世代 32GB ブラック 美品", "match"),
    ("ファイナルファンタジーXVI - PS5", "スクウェア・エニックス", None,
     "ＰＳ５　ＦＦⅩⅥ　ファイナルファンタジー１６", "match"),
    # stop 17, later: a product named by an accessory word is rescued only when the listing
    # says that word; a remake on the reference's own platform; a light novel's label; a
    # prequel's 0 and a sequel after a one-letter name; a second generation; more colours;
    # と joining two products; glued lines; a count in a bracket; プラチナシルバー
    ("Nature スマートリモコン Nature Remo 3 ネイチャーリモ Remo-1W3 Alexa/Google Home/Siri対応",
     "Nature", None, "Nature Remo 3 ネイチャーリモ3 スマートリモコン 美品", "match"),
    ("iPhone 15 クリアケース MagSafe対応 耐衝撃 ワイヤレス充電対応", "Spigen", None,
     "iPhone 15 128GB ブルー SIMフリー", "low_score"),
    ("山崎実業(Yamazaki) 片手でカット マグネットキッチンペーパーホルダー ホワイト",
     "山崎実業(Yamazaki)", None,
     "山崎実業 マグネットキッチンペーパーホルダー ホワイト 片手カット機能なし", "line_conflict"),
    ("【PS5】SILENT HILL 2【CEROレーティング「Z」】", "コナミ", None,
     "PS5 SILENT HILL 2 サイレントヒル2 リメイク CERO Z", "match"),
    ("サイレントヒル2 - PS2", "コナミ", None, "PS5 SILENT HILL 2 リメイク版", "model_conflict"),
    ("無職転生 ～異世界行ったら本気だす～ 1 (MFブックス)", "KADOKAWA", None,
     "無職転生 1巻 ラノベ 単行本 帯付き 中古", "match"),
    ("無職転生 ～異世界行ったら本気だす～ 1 (MFブックス)", "KADOKAWA", None,
     "無職転生 1 コミック フジカワユカ MFC", "line_conflict"),
    ("Mizukiの 混ぜて焼くだけ。はじめてでも失敗しない ホットケーキミックスのお菓子", "KADOKAWA",
     None, "Mizukiの混ぜて焼くだけ。はじめてでも失敗しない ホットケーキミックスのお菓子", "match"),
    ("ペルソナ5 公式設定画集", "KADOKAWA", None,
     "ペルソナ5 スクランブル ザ ファントム ストライカーズ 公式設定画集", "line_conflict"),
    ("Canon コンパクトデジタルカメラ PowerShot SX740 HS ブラック 光学40倍ズーム/4K動画/"
     "Wi-Fi対応 PSSX740HSBK", "キヤノン", "PSSX740HS(BK)",
     "ＳＸ７４０　ＨＳ　キャノン　コンデジ　ブラック　付属品完備", "match"),
    ("STEINS;GATE (シュタインズ・ゲート) - PS Vita", "5pb.", None,
     "STEINS;GATE 0 シュタインズ・ゲート ゼロ PSVita", "volume_conflict"),
    ("STEINS;GATE (シュタインズ・ゲート) - PS Vita", "5pb.", None,
     "STEINS;GATE シュタインズ・ゲート PSVita 中古", "match"),
    ("スーパーボンバーマン R - Switch", "コナミ", None,
     "スーパーボンバーマン R 2 Switch 新品未開封", "volume_conflict"),
    ("はたらく魔王さま! (電撃文庫 わ 6-1)", "KADOKAWA", None, "はたらく魔王さま! 0 電撃文庫",
     "volume_conflict"),
    ("Apple AirTag", "Apple", None, "【新品】Apple AirTag（第2世代）1パック", "volume_conflict"),
    ("Apple AirTag", "Apple", None, "Apple AirTag 1個 本体のみ", "match"),
    ("Fire TV Stick 4K | 映画館のような4K体験 | ストリーミングメディアプレイヤー【2023年秋発売】",
     "Amazon", None, "Fire TV Stick 4K 第2世代 2023年モデル 新品未開封", "match"),
    ("Fire TV Stick 4K | 映画館のような4K体験 | ストリーミングメディアプレイヤー【2023年秋発売】",
     "Amazon", None, "Fire TV Stick 4K 第1世代 2018年モデル リモコン付き", "variant_conflict"),
    ("[アグ] UGG タスマン スリッパ TASMAN チェスナット 24cm", "UGG", None,
     "UGG タスマン ブラック 24cm レディース", "variant_conflict"),
    ("[アグ] UGG タスマン スリッパ TASMAN チェスナット 24cm", "UGG", None,
     "UGG タスマン チェスナット 24cm 美品", "match"),
    ("ル・クルーゼ シグニチャー ココット・ロンド 20cm チェリーレッド", "ル・クルーゼ(Le Creuset)",
     None, "ル・クルーゼ シグニチャー ココットロンド 20cm ボルケーニック", "variant_conflict"),
    ("ルンバ 643 アイロボット ロボット掃除機", "アイロボット(IRobot)", None,
     "ルンバ643 と ブラーバ371j セット", "lot"),
    ("ルンバ 643 アイロボット ロボット掃除機", "アイロボット(IRobot)", None,
     "ルンバ643 本体 と 充電台 セット 動作品", "match"),
    ("Apple iPhone 15 Pro Max (256 GB) - ブルーチタニウム SIMフリー", "Apple", None,
     "【極美品】iPhone15ProMax 256GB ブルーチタニウム simフリー", "match"),
    ("Apple iPhone 15 Pro Max (256 GB) - ブルーチタニウム SIMフリー", "Apple", None,
     "iPhone15Pro 256GB ブルーチタニウム", "line_conflict"),
    ("Newニンテンドー3DS LL メタリックブルー", "任天堂", "RED-S-BAAA",
     "New3DS LL メタリックブルー 上画面割れ", "match"),
    ("ゼルダの伝説 ティアーズ オブ ザ キングダム Collector's Edition -Switch "
     "(スチールブック・アートブック・ピンズ4種・ポスター 同梱)", "任天堂", None,
     "ティアキン CE 限定版 Switch ゼルダ", "match"),
    ("ゼルダの伝説 ティアーズ オブ ザ キングダム Collector's Edition -Switch "
     "(スチールブック・アートブック・ピンズ4種・ポスター 同梱)", "任天堂", None,
     "ゼルダ ティアキン コレクターズエディション スチールブックのみ", "accessory"),
    ("ソニー ワイヤレスノイズキャンセリングヘッドホン WH-1000XM5 プラチナシルバー", "ソニー(SONY)",
     "WH-1000XM5 SM", "SONY WH-1000XM5 プラチナシルバー ワイヤレスヘッドホン 美品", "match"),
]


def test_a_set_of_different_games_is_no_set_of_copies() -> None:
    """N本セット naming another title is a set of different games; copies bought for a
    reason (兄弟で, 対戦用に) or the title written glued are copies."""
    busters = Product(title="妖怪ウォッチバスターズ 赤猫団 - 3DS", brand="レベルファイブ")
    assert kind(busters, "妖怪ウォッチバスターズ 赤猫団 白犬隊 2本セット") == "lot"
    found = match_title(busters, "【3DS】妖怪ウォッチバスターズ赤猫団 ×2本 兄弟で遊んでました")
    assert (found.is_match, found.quantity) == (True, 2)
    xeno = Product(title="ゼノブレイド2 黄金の国イーラ - Switch", brand="任天堂")
    assert kind(xeno, "ゼノブレイド2 ＋ 黄金の国イーラ 2本セット") == "lot"
    dbz = Product(title="【PS5】ドラゴンボール Sparking! ZERO",
                  brand="バンダイナムコエンターテインメント")
    found = match_title(dbz, "PS5ソフト ドラゴンボールスパーキングゼロ 2本セット")
    assert (found.is_match, found.quantity) == (True, 2)


def test_copies_bought_together_for_a_reason() -> None:
    """N冊 まとめて with why they were bought (塾で使用, 社内研修用) is N copies of the book."""
    book = Product(title="英単語ターゲット1900 6訂版 (大学JUKEN新書)", brand="旺文社")
    found = match_title(book, "英単語ターゲット1900 6訂版 3冊 まとめて 塾で使用")
    assert (found.is_match, found.quantity) == (True, 3)
    assert kind(book, "英単語ターゲット1900 ターゲット1400 3冊 まとめて") == "lot"


@pytest.mark.parametrize(("reference", "brand", "model", "title", "expected"), STOP17)
def test_stop17_cases(reference: str, brand: str, model: str | None, title: str,
                      expected: str) -> None:
    assert kind(Product(title=reference, brand=brand, model_number=model), title) == expected


PIXEL_6A = ("Google Pixel 6a - Charcoal(チャコール) 128GB SIMフリー Androidスマートフォン Google "
            "Tensor 6.1インチ 防水 おサイフケータイ対応")
# Stop 18: one row per rule, with the case it was written from and the near miss it keeps.
STOP18 = [
    # a four-character code of another model, where the listing names none of the reference's
    ("エプソン ホームプロジェクター dreamio EH-TW5750 フルHD 3LCD 家庭用", "エプソン",
     "EH-TW5750", "エプソン dreamio EF-12 レーザー ホームプロジェクター", "model_conflict"),
    ("ダイソン Dyson Hot+Cool AM09 ファンヒーター 扇風機 ブラック/ニッケル AM09BN",
     "ダイソン(Dyson)", "AM09BN", "ダイソン Purifier Hot+Cool HP07 ブラック/ニッケル",
     "model_conflict"),
    # ... but not the name shortened (QC45 of QuietComfort 45), nor a part that comes with it
    ("Bose QuietComfort 45 headphones ワイヤレスヘッドホン ノイズキャンセリング", "Bose",
     "866724-0100", "BOSE QC45 ノイズキャンセリングヘッドホン ブラック 美品", "match"),
    ("Canon 単焦点レンズ EF50mm F1.8 STM フルサイズ対応 EF5018STM", "キヤノン", "EF5018STM",
     "Canon EF 50mm f/1.8 STM 動作確認済み フードES-68付き", "match"),
    # a short model name of the reference's line with another number in its place
    ("Canon ミラーレス一眼カメラ EOS R100 RF-S18-45 IS STM レンズキット ブラック", "キヤノン",
     None, "Canon EOS R50 RF-S18-45 IS STM レンズキット ブラック", "line_conflict"),
    ("Canon ミラーレス一眼カメラ EOS R100 RF-S18-45 IS STM レンズキット ブラック", "キヤノン",
     None, "EOS R100 レンズキット 美品 ショット数少", "match"),
    # Let's Go! イーブイ: an English word before a name is no shade's code for it
    ("ポケットモンスター Let's Go! イーブイ - Switch", "任天堂", None,
     "ポケットモンスター Let's Go! ピカチュウ Switch", "line_conflict"),
    # an ordinal after a game's name is a sequel the reference does not name
    ("初音ミク -Project DIVA- f - PS Vita", "セガ", None,
     "初音ミク -Project DIVA- f 2nd PS Vita", "volume_conflict"),
    ("初音ミク -Project DIVA- 2nd - PSP", "セガ", None,
     "PSP 初音ミク Project DIVA 2nd ディーヴァ セカンド 中古", "match"),
    # S M L 3枚セット: a set of sizes, not three of the reference's size
    ("エピキュリアン(Epicurean) まな板 カッティングボード Mサイズ ナチュラル 約29×23cm 食洗機対応",
     "エピキュリアン(Epicurean)", None, "エピキュリアン まな板 S M L 3枚セット", "lot"),
    # a part of a work the reference does not name (中級編 for 入門編)
    ("新・明解C言語 入門編 第2版 (明解シリーズ)", "SBクリエイティブ", None,
     "新・明解C言語 中級編 柴田望洋", "volume_conflict"),
    ("新・明解C言語 入門編 第2版 (明解シリーズ)", "SBクリエイティブ", None,
     "新明解C言語 入門編 第2版 SBクリエイティブ 中古", "match"),
    # 生成 (kinari, undyed) is a colour: ネイビー is another one
    ("無印良品 綿洗いざらしボックスシーツ・S 100×200×18～28cm用 生成", "無印良品", None,
     "無印良品 綿洗いざらし ボックスシーツ シングル ネイビー", "variant_conflict"),
    # a two-letter name in the place of the reference's (チリ for ルビー ウー, サン for ムーン)
    ("M・A・C(マック) リップスティック ルビー ウー 3g 口紅 マット レッド RUBY WOO",
     "M・A・C(マック)", None, "MAC リップスティック チリ 3g 未使用", "line_conflict"),
    ("ポケットモンスター ムーン - 3DS", "ポケモン", None, "ポケットモンスター サン 3DS ソフト",
     "line_conflict"),
    # a keyboard's other layout
    ("PFU HHKB Professional Classic 英語配列／墨（USB Type-C 有線接続 静電容量無接点方式）",
     "PFU", None, "HHKB Professional Classic 日本語配列 墨 美品", "variant_conflict"),
    # the game, for its guide book (with the guide packed in, too)
    ("ポケットモンスター スカーレット・バイオレット 公式ガイドブック 完全ストーリー攻略"
     "+ぼうけんガイド", "オーバーラップ", None, "ポケモン スカーレット ソフト 攻略本付き",
     "line_conflict"),
    # a pet food's other life stage, a fertiliser's other granule size
    ("ニュートロ シュプレモ 小型犬用 成犬用 3kg ドッグフード【自然素材/香料・着色料 無添加】",
     "ニュートロ(Nutro)", None, "ニュートロ シュプレモ 小型犬用 子犬用 3kg", "variant_conflict"),
    ("ハイポネックスジャパン 肥料 マグァンプK 中粒 600g 緩効性 元肥 草花 野菜 観葉植物 用",
     "ハイポネックスジャパン", None, "マグァンプK 大粒 ハイポネックス 鉢植え用",
     "variant_conflict"),
    # ... but SPF50+ is no dog's age
    ("アネッサ パーフェクトUV スキンケアジェル NA 日焼け止め 90g SPF50+ PA++++",
     "ANESSA(アネッサ)", None, "アネッサ パーフェクトUV スキンケアジェル NA 90g 2本", "match"),
    # the number without the letter the reference's name glues on (Pixel 6 for Pixel 6a)
    (PIXEL_6A, "Google", None, "Google Pixel 6 128GB Stormy Black SIMフリー", "line_conflict"),
    (PIXEL_6A, "Google", None, "Pixel 6a チャコール 128GB 美品", "match"),
    # a kanji title read out in hiragana after it is the title again
    ("朧村正 - Wii", "マーベラスエンターテイメント", None,
     "Wii 朧村正 おぼろむらまさ 動作確認済 説明書付き", "match"),
    # ET of the model number ET-C231P is no shade code in the place of C231
    ("テルモ 電子体温計 C231 わき専用 約20秒 予測検温 実測機能付き ケース付き 家庭用 体温計 "
     "ET-C231P", "テルモ(Terumo)", "ET-C231P", "テルモ電子体温計 ET-C231P 新品", "match"),
    # a limited edition for the regular one (限定モデル), but not for a limited reference
    ("Nintendo Switch Lite ブルー (ニンテンドースイッチ ライト 本体) 携帯専用 5.5インチ", "任天堂",
     None, "Nintendo Switch Lite ディアルガ・パルキア 限定モデル 本体", "line_conflict"),
    ("スーパーロボット大戦30 超限定版 -Switch", "バンダイナムコエンターテインメント", None,
     "スパロボ30 超限定版 Switch 未開封 新品", "match"),
    # nicknames: チェキ for instax, ジャイキリ for GIANT KILLING
    ("富士フイルム インスタントカメラ instax mini 11 アイスホワイト", "富士フイルム(FUJIFILM)",
     None, "【ジャンク】チェキ mini 11 アイスホワイト シャッター切れない", "match"),
    ("GIANT KILLING(50) (モーニングコミックス)", "講談社", None, "ジャイキリ 50 中古 コミック",
     "match"),
]


def test_the_count_of_a_set_is_no_unexplained_word() -> None:
    """2本セット, ×3: the number says how many, not which product, so a short listing whose
    other words the reference explains is still rescued below the threshold."""
    kabi = Product(title="カビキラー カビ取り剤 お風呂用 塩素系 スプレー 本体 400g",
                   brand="カビキラー")
    for title in ("カビキラー 本体 400g 3本セット", "カビキラー 本体 400g ×3"):
        found = match_title(kabi, title)
        assert (found.is_match, found.quantity) == (True, 3), found.reasons


def test_words_the_rules_have_judged_are_explained() -> None:
    """A size in katakana units (50ミリ), the platform's maker before it (ニンテンドースイッチ)
    and the platform's 版 (Switch版) explain themselves: such a short listing is rescued."""
    orchid = Product(title="TOM FORD BEAUTY(トム フォード ビューティ) ブラック オーキッド オード "
                           "パルファム スプレィ 50mL 香水 ユニセックス フレグランス",
                     brand="TOM FORD BEAUTY")
    assert match_title(orchid, "トム フォード ブラック オーキッド 香水 50ミリ 数回使用").is_match
    yokai = Product(title="妖怪ウォッチ4 ぼくらは同じ空を見上げている - Switch",
                    brand="レベルファイブ")
    assert match_title(yokai, "ニンテンドースイッチ 妖怪ウォッチ4 送料無料 匿名配送").is_match
    assert match_title(yokai, "妖怪ウォッチ4 Switch版 パッケージ 美品").is_match


def test_the_makers_company_name_is_explained_but_not_its_other_lines() -> None:
    """花王 beside エマール names the maker, as does an initialism (YSL); another line of the
    same company (ガラスマジックリン for マジックリン) stays a word nothing explains."""
    emal = Product(title="エマール 洗濯洗剤 液体 おしゃれ着用 リフレッシュグリーンの香り "
                         "詰め替え 400ml", brand="エマール")
    assert match_title(emal, "花王 エマール つめかえ用 リフレッシュグリーン 400mL 新品").is_match
    handy = Product(title="マジックリン ハンディスプレー キッチン用 台所用洗剤 本体 400ml 換気扇 "
                          "コンロ 油汚れ 花王", brand="マジックリン")
    assert not match_title(handy, "ガラスマジックリン 本体 400mL").is_match


def test_a_books_author_from_the_brand_field_is_explained() -> None:
    """The author Amazon gives as the brand (内田 和成) is no unexplained word of a listing."""
    book = Product(title="仮説思考 BCG流 問題発見・解決の発想法", brand="内田 和成")
    assert match_title(book, "仮説思考 内田和成 ビジネス書 線引きなし").is_match


def test_what_a_seller_says_of_the_copy_is_explained() -> None:
    """ケース傷あり, 認識しない, ネジ欠品: the copy's flaws; スーファミ: the platform in kana."""
    ace = Product(title="逆転裁判123 成歩堂セレクション - Switch", brand="カプコン")
    assert match_title(ace, "逆転裁判123 switch ケース傷あり ソフト美品 匿名配送").is_match
    ssd = Product(title="Samsung 980 1TB PCIe 3.0 NVMe M.2 内蔵SSD MZ-V8V1T0B/EC",
                  brand="Samsung")
    found = match_title(ssd, "Samsung 980 1TB M.2 NVMe 認識しない ジャンク")
    assert found.is_match and found.junk


def test_two_things_joined_by_plus_and_sold_as_a_set_are_a_bundle() -> None:
    """MX Master 3 + MX Keys セット sells two products; a main unit with its own accessory
    (本体＋純正スリープカバー セット) and a sunscreen's SPF50+ are not such a set."""
    mouse = Product(title="ロジクール アドバンスド ワイヤレスマウス MX Master 3 MX2200sGR "
                          "グラファイト", brand="ロジクール(LOGICOOL)")
    assert kind(mouse, "MX Master 3 グラファイト + MX Keys セット") == "lot"
    kobo = Product(title="Kobo Sage 電子書籍リーダー 8インチ 防水 32GB ブラック", brand="Kobo")
    assert match_title(kobo, "Kobo Sage 本体＋純正スリープカバー セット 匿名配送").is_match
    sun = Product(title="ビオレUV アスリズム スキンプロテクトミルク 65mL 日焼け止め SPF50+ "
                        "PA++++ 顔・からだ用 ウォータープルーフ", brand="ビオレ")
    found = match_title(sun, "ビオレ アスリズム ミルク 日焼け止め SPF50+ 2本セット")
    assert (found.is_match, found.quantity) == (True, 2), found.reasons


def test_a_count_of_missing_parts_is_no_quantity() -> None:
    """カード2枚欠品 says two cards are missing: the listing sells one game, not two."""
    game = Product(title="ナンジャモンジャ・シロ カードゲーム", brand="すごろくや")
    found = match_title(game, "ナンジャモンジャ・シロ カード2枚欠品 箱傷み 現状品")
    assert (found.is_match, found.quantity) == (True, 1), found.reasons


def test_katakana_spelt_loosely_is_explained() -> None:
    """ココットロンド for ココット・ロンド, ステンレスボール for ステンレスボウル, ジャンク品: the
    reference's words spelt another way, or seller talk, leave nothing unexplained."""
    bowl = Product(title="柳宗理 ステンレスボウル 23cm 日本製 18-8ステンレス つや消し 調理ボウル "
                         "キッチンボウル", brand="柳宗理")
    assert match_title(bowl, "柳 宗理 ステンレスボール 23cm 日本製 送料無料").is_match
    pot = Product(title="ル・クルーゼ(Le Creuset) 鋳物 ホーロー 鍋 シグニチャー ココット・ロンド "
                        "18 cm チェリーレッド ガス IH オーブン 対応 【日本正規販売品】",
                  brand="ル・クルーゼ(Le Creuset)")
    found = match_title(pot, "ル・クルーゼ ココットロンド 18cm チェリーレッド 未使用 箱付き")
    assert found.is_match, found.reasons
    nanox = Product(title="NANOX one(ナノックスワン) PRO 洗濯洗剤 液体 詰め替え 超特大 1070g "
                          "頂点のパーフェクト洗浄 ライオン", brand="NANOX one(ナノックスワン)")
    found = match_title(nanox, "ナノックスワン プロ 詰め替え用 超特大サイズ 1070g 送料無料")
    assert found.is_match, found.reasons  # プロ is PRO: a short Latin word, read whole


def test_a_book_by_its_code_has_no_second_volume() -> None:
    """人は話し方が9割 says nothing of being a book; its ISBN (or a 978 JAN) does, and the
    second book of the series is then another product."""
    title, book = "人は話し方が9割", "人は話し方が9割 2 永松茂久"
    assert match_title(Product(title=title, brand="すばる舎"), book).is_match  # title alone
    for coded in (Product(title=title, brand="すばる舎", isbn="9784799107935"),
                  Product(title=title, brand="すばる舎", jan="9784799107935")):
        found = match_title(coded, book)
        assert found.kind.value == "volume_conflict", found.reasons
        assert match_title(coded, "人は話し方が9割 永松茂久 美品").is_match


def test_an_initial_and_a_score_are_no_numbers() -> None:
    """V.E.フランクル is the author's initials, not volume V; 990点 is a score."""
    frankl = Product(title="夜と霧 新版", brand="ヴィクトール・E・フランクル", isbn="9784622039709")
    assert match_title(frankl, "夜と霧 新版 V.E.フランクル 単行本 線引きなし").is_match
    toeic = Product(title="TOEIC L&R TEST 文法問題 でる1000問", brand="アスク",
                    isbn="9784866390239")
    assert match_title(toeic, "【美品】TOEIC 文法問題でる1000問 テックス加藤 990点講師").is_match


def test_a_bare_number_after_the_name_is_its_size() -> None:
    """フードマン 600 for フードマン 800ml: the other size with its unit left out; 10個セット is
    a count, not a size."""
    box = Product(title="シービージャパン(CB JAPAN) 弁当箱 薄型 抗菌 フードマン 800ml ブラック "
                        "4点ロック 汁漏れしにくい", brand="シービージャパン(CB JAPAN)")
    assert match_title(box, "フードマン 600 ブラック 薄型弁当箱").kind.value == "variant_conflict"
    assert match_title(box, "フードマン 800 ブラック 薄型弁当箱 新品").is_match
    soap = Product(title="ウタマロ 石けん 133g 部分洗い用 洗濯石鹸", brand="ウタマロ")
    found = match_title(soap, "ウタマロ 石鹸 10個セット まとめ 新品")
    assert (found.is_match, found.quantity) == (True, 10), found.reasons


# Stop 19: one row per rule, with the case it was written from and the near miss it keeps.
STOP19 = [
    # one stem, another ending: the line's other product
    ("fino(フィーノ) プレミアムタッチ 浸透美容液ヘアマスク 230g トリートメント ヘアパック",
     "fino(フィーノ)", None, "fino プレミアムタッチ 浸透美容液ヘアオイル 70ml", "line_conflict"),
    ("fino(フィーノ) プレミアムタッチ 浸透美容液ヘアマスク 230g トリートメント ヘアパック",
     "fino(フィーノ)", None, "fino プレミアムタッチ 浸透美容液ヘアマスク 230g 新品", "match"),
    # the main unit with the refill, the game with its guide: a bundle
    ("強力カビハイター お風呂用カビ取り剤 付け替え用 400ml", "カビハイター", None,
     "強力カビハイター 本体＋つけかえ用 セット", "lot"),
    ("強力カビハイター お風呂用カビ取り剤 付け替え用 400ml", "カビハイター", None,
     "強力カビハイター つけかえ用 400ml 2本セット", "match"),
    ("ゼルダの伝説 ブレス オブ ザ ワイルド ザ・コンプリートガイド", "KADOKAWA", None,
     "ブレスオブザワイルド ソフト＋コンプリートガイド セット Switch", "lot"),
    ("ゼルダの伝説 ブレス オブ ザ ワイルド ザ・コンプリートガイド", "KADOKAWA", None,
     "ゼルダの伝説 ブレス オブ ザ ワイルド Switch ソフト 中古", "line_conflict"),
    # a shop's bare (PlayStation) tag: the first PlayStation
    ("パラッパラッパー (PlayStation)", "ソニー・コンピュータエンタテインメント", None,
     "PSP パラッパラッパー UMD 箱説あり", "line_conflict"),
    ("パラッパラッパー (PlayStation)", "ソニー・コンピュータエンタテインメント", None,
     "PS1 パラッパラッパー 帯付き 動作確認済み", "match"),
    # made for the product, named by its size or its short number before 用
    ("KINTO(キントー) トラベルタンブラー 500ml ブラック 保温 保冷 ステンレス", "KINTO(キントー)",
     None, "KINTO トラベルタンブラー 500ml用 替え蓋 パッキン付き", "compatible"),
    ("DJI Mini 4K ドローン カメラ付き 4K UHD動画 249g未満", "DJI", None,
     "Mini 4K 用 プロペラガード 360° 保護ケージ", "compatible"),
    ("DJI Mini 4K ドローン カメラ付き 4K UHD動画 249g未満", "DJI", None,
     "DJI Mini 4K 本体 4K動画 美品", "match"),
    # a work's title with another word glued before it
    ("ポケットモンスター ムーン - 3DS", "任天堂", None,
     "ポケットモンスター ウルトラムーン 3DS 中古",
     "line_conflict"),
    ("New スーパーマリオブラザーズ 2 - 3DS", "任天堂", None,
     "ニュースーパーマリオブラザーズ2 3DS 箱説付き", "match"),
    # clear glass is a colour
    ("iittala (イッタラ) カステヘルミ プレート 17cm クリア 北欧 ガラス 食器", "iittala(イッタラ)",
     None, "イッタラ カステヘルミ プレート 17cm グレー", "variant_conflict"),
    ("iittala (イッタラ) カステヘルミ プレート 17cm クリア 北欧 ガラス 食器", "iittala(イッタラ)",
     None, "イッタラ カステヘルミ プレート 17cm クリア 2枚セット", "match"),
    # loose packs or a single card out of a sealed box of cards
    ("ポケモンカードゲーム スカーレット&バイオレット 拡張パック 黒炎の支配者 BOX", "ポケモン",
     None, "ポケモンカード 黒炎の支配者 バラ 5パック", "lot"),
    ("ポケモンカードゲーム スカーレット&バイオレット 拡張パック 黒炎の支配者 BOX", "ポケモン",
     None, "ポケモンカード 黒炎の支配者 リザードンex SAR", "lot"),
    ("ポケモンカードゲーム スカーレット&バイオレット 拡張パック 黒炎の支配者 BOX", "ポケモン",
     None, "ポケモンカード 黒炎の支配者 1BOX 30パック入り シュリンク付き", "match"),
    # a material named without 製; a maker's 製作所 is no material
    ("ピジョン Pigeon 母乳実感 哺乳びん 耐熱ガラス製 160ml 0ヵ月から", "ピジョン(Pigeon)", None,
     "ピジョン 母乳実感 哺乳びん プラスチック 160ml", "variant_conflict"),
    ("宮崎製作所 ジオ・プロダクト 片手鍋 16cm IH対応 オール熱源対応 日本製 GEO-16N", "宮崎製作所",
     "GEO-16N", "GEO PRODUCT ジオ・プロダクト 16cm 片手鍋 ステンレス 日本製", "match"),
    # a model's NC sibling, either way
    ("Anker Soundcore Liberty 4 NC (Bluetooth 5.3) ブラック", "Anker", "A3947",
     "Anker Soundcore Liberty 4 ブラック 心拍センサー 空間オーディオ対応", "line_conflict"),
    ("Anker Soundcore Liberty 4 (Bluetooth 5.3) ミッドナイトブラック", "Anker", "A3953",
     "Anker Soundcore Liberty 4 NC ブラック ノイキャン イヤホン", "line_conflict"),
    ("Apple AirPods 4 アクティブノイズキャンセリング搭載 ワイヤレスイヤホン", "Apple", None,
     "AirPods 4 ANC搭載モデル 新品未開封 国内正規品", "match"),
    # A + B まとめ売り is a bundle too; カプセル of カプセル式コーヒーメーカー names no capsules
    ("ネスプレッソ カプセル式コーヒーメーカー エッセンサ ミニ ピュアホワイト C30WH",
     "ネスプレッソ(Nespresso)", "C30WH",
     "ネスプレッソ エッセンサミニ C30WH + カプセル 50個 まとめ売り", "lot"),
    # a set of shades (01 02 セット: no count of two) or of sizes (大・小)
    ("CLIO(クリオ) プロ アイ パレット 01 SIMPLY PINK (シンプリーピンク) アイシャドウ パレット",
     "CLIO(クリオ)", None, "CLIO プロアイパレット 01 02 セット まとめ", "lot"),
    ("白山陶器 G型しょうゆさし 大 白 波佐見焼 森正洋 醤油差し", "白山陶器", None,
     "白山陶器 G型しょうゆさし 大・小 セット", "lot"),
    ("白山陶器 G型しょうゆさし 大 白 波佐見焼 森正洋 醤油差し", "白山陶器", None,
     "白山陶器 G型しょうゆさし 大 2個セット", "match"),
    # another long number of the line (a set's, a capacity's), not a year or M.2 2280
    ("レゴ(LEGO) スター・ウォーズ ミレニアム・ファルコン 75192", "レゴ(LEGO)", None,
     "レゴ スター・ウォーズ ミレニアム・ファルコン 75257 組立済み 箱なし", "model_conflict"),
    ("Anker PowerCore Fusion 10000 (9700mAh 20W PD モバイルバッテリー搭載 USB充電器)", "Anker",
     None, "Anker PowerCore Fusion 5000 ブラック", "model_conflict"),
    ("Crucial P3 Plus 2TB 3D NAND NVMe PCIe4.0 M.2 SSD 最大5000MB/秒", "Crucial", None,
     "Crucial P3 Plus 2TB M.2 2280 中古 フォーマット済み", "match"),
    # another decimal where the reference names one bare
    ("ゼブラ シャープペン デルガード 0.5 黒 P-MA85-BK 芯が折れない", "ゼブラ(ZEBRA)", "P-MA85-BK",
     "ゼブラ デルガード 0.3mm 黒", "variant_conflict"),
    ("ゼブラ シャープペン デルガード 0.5 黒 P-MA85-BK 芯が折れない", "ゼブラ(ZEBRA)", "P-MA85-BK",
     "ゼブラ デルガード 0.5mm 黒 2本セット", "match"),
    # the plain word where the reference's has a degree (とても, 超, 極)
    ("ちふれ 化粧水 とてもしっとりタイプ 本体 180mL 保湿", "ちふれ", None,
     "ちふれ 化粧水 しっとりタイプ 180ml", "variant_conflict"),
    ("NANOX one(ナノックスワン) PRO 洗濯洗剤 液体 詰め替え 超特大 1070g",
     "NANOX one(ナノックスワン)", None, "ナノックスワン PRO 詰め替え 特大 ×4", "variant_conflict"),
    ("マーナ(MARNA) 極しゃもじ ホワイト K675W ごはんがつかない", "マーナ(MARNA)", "K675W",
     "MARNA 極 しゃもじ 白 K675W ごはんがつかない", "match"),
    # a reference named New first, a listing that never says it
    ("Newニンテンドー3DS LL パールホワイト", "任天堂", "RED-S-WAAA",
     "ニンテンドー3DS LL ホワイト SPR-001 本体 中古", "line_conflict"),
    ("Newニンテンドー3DS LL パールホワイト", "任天堂", "RED-S-WAAA",
     "New3DSLL パールホワイト 本体 充電器付き", "match"),
    ("Newニンテンドー2DS LL 【ブラック×ターコイズ】", "任天堂", "JAN-S-BAAA",
     "ニンテンドー2DSLL 黒×ターコイズ タッチペン付", "match"),
    # another shape said with 型
    ("ダイヤ 洗濯ネット 角型 L 大物用", "ダイヤ", None, "ダイヤ 洗濯ネット 円筒型 特大 布団用",
     "variant_conflict"),
    ("キャプテンスタッグ カマド スマートグリル B6型 UG-42", "キャプテンスタッグ", None,
     "キャプテンスタッグ カマド スマートグリル A4型 バーベキュー", "variant_conflict"),
    ("キャプテンスタッグ カマド スマートグリル B6型 UG-42", "キャプテンスタッグ", None,
     "キャプテンスタッグ スマートグリル B6型 新品 ソロキャンプ", "match"),
    # another size said by one kanji
    ("無印良品 やわらかポリエチレンケース・中 約幅25.5×奥行36×高さ16cm", "無印良品", None,
     "無印良品 やわらかポリエチレンケース 深 2個", "variant_conflict"),
    ("無印良品 やわらかポリエチレンケース・中 約幅25.5×奥行36×高さ16cm", "無印良品", None,
     "無印良品 やわらかポリエチレンケース 中 3個セット", "match"),
    # the second generation of a model the listing names (Mark II), the reference naming none
    ("OM SYSTEM ミラーレス一眼カメラ OM-5 ボディ ブラック", "OM SYSTEM", "OM-5",
     "OM SYSTEM OM-5 Mark II ボディ ブラック 新品", "volume_conflict"),
    ("OM SYSTEM ミラーレス一眼カメラ OM-5 ボディ ブラック", "OM SYSTEM", "OM-5",
     "OM SYSTEM OM-5 ボディ ブラック ショット数少", "match"),
    # a screen's refresh rate said in the catalogue copy
    ("BenQ MOBIUZ EX2510S ゲーミングモニター (24.5インチ/フルHD/IPS/165Hz/1ms(MPRT)/HDRi)",
     "BenQ", "EX2510S", "BenQ MOBIUZ EX2510 24.5インチ 144Hz IPS 2021年モデル",
     "variant_conflict"),
    ("BenQ MOBIUZ EX2510S ゲーミングモニター (24.5インチ/フルHD/IPS/165Hz/1ms(MPRT)/HDRi)",
     "BenQ", "EX2510S", "BenQ EX2510S 24.5インチ 165Hz 美品", "match"),
    # the model without the generation digit that ends the reference's
    ("NEC Aterm 無線LAN WiFi ルーター Wi-Fi6 (11ax) / AX3000 PA-WX3000HP2", "NEC",
     "PA-WX3000HP2", "NEC Aterm WX3000HP PA-WX3000HP Wi-Fi6 ルーター 動作品", "model_conflict"),
    ("NEC Aterm 無線LAN WiFi ルーター Wi-Fi6 (11ax) / AX3000 PA-WX3000HP2", "NEC",
     "PA-WX3000HP2", "NEC Aterm WX3000HP2 Wi-Fi6 ルーター 動作品", "match"),
    # another format than the paperback: the 新書判 of the novels, the 軽装版
    ("すべてがFになる (講談社文庫)", "森博嗣", None, "すべてがFになる 森博嗣 講談社ノベルス 新書判",
     "line_conflict"),
    ("すべてがFになる (講談社文庫)", "森博嗣", None, "すべてがFになる 森博嗣 講談社文庫 中古",
     "match"),
    # another translator than the reference's
    ("老人と海 (新潮文庫) ヘミングウェイ (著), 高見 浩 (翻訳)", "新潮社", None,
     "ヘミングウェイ 老人と海 新潮文庫 福田恆存訳", "variant_conflict"),
    ("老人と海 (新潮文庫) ヘミングウェイ (著), 高見 浩 (翻訳)", "新潮社", None,
     "老人と海 新潮文庫 高見浩 訳 美品", "match"),
    # a zoom lens's other focal range
    ("Nikon 標準ズームレンズ NIKKOR Z 24-70mm f/4 S Zマウント フルサイズ対応", "Nikon", None,
     "Nikon NIKKOR Z 24-50mm f/4-6.3", "variant_conflict"),
    ("Nikon 標準ズームレンズ NIKKOR Z 24-70mm f/4 S Zマウント フルサイズ対応", "Nikon", None,
     "ニコン NIKKOR Z 24-70mm f/4 S 美品 フード付き", "match"),
    # made for the product, named by its generation before 用
    ("Apple Pencil（第1世代）", "Apple", "MQLY3J/A",
     "Apple Pencil 第1世代 用 替えペン先 4個入り チップ", "compatible"),
    # another series than the one the reference names
    ("amiibo しずえ (どうぶつの森シリーズ)", "任天堂", None,
     "amiibo しずえ 大乱闘スマッシュブラザーズシリーズ スマブラ", "line_conflict"),
    ("amiibo しずえ (どうぶつの森シリーズ)", "任天堂", None,
     "amiibo しずえ どうぶつの森シリーズ 未開封", "match"),
    # a name word with + or プラス glued on: the line's Plus product
    ("MILBON ミルボン ディーセス エルジューダ エマルジョン 120g 洗い流さないトリートメント",
     "ミルボン(MILBON)", None, "ミルボン エルジューダ エマルジョン+ 120g", "line_conflict"),
    ("MILBON ミルボン ディーセス エルジューダ エマルジョン 120g 洗い流さないトリートメント",
     "ミルボン(MILBON)", None, "ミルボン エルジューダ エマルジョン 120g 2本セット", "match"),
]

STOP20 = [
    # a number glued to a one-letter unit and more digits is a model (40V34), not 40 volts
    ("東芝 32V型 液晶テレビ レグザ 32V34 ハイビジョン (2020年モデル)", "レグザ(REGZA)", "32V34",
     "東芝 REGZA 40V34 40型 液晶テレビ", "model_conflict"),
    ("東芝 32V型 液晶テレビ レグザ 32V34 ハイビジョン (2020年モデル)", "レグザ(REGZA)", "32V34",
     "東芝 レグザ 32V34 32型 液晶テレビ", "match"),
    # another P (a hanger's width, a video's lines) or another count of コ入
    ("MAWA(マワ) ハンガー エコノミック 40P ブラック 10本組 すべらない", "MAWA", None,
     "マワハンガー エコノミック 36P ブラック 10本組", "variant_conflict"),
    ("MAWA(マワ) ハンガー エコノミック 40P ブラック 10本組 すべらない", "MAWA", None,
     "マワハンガー エコノミック 40P 10本組", "match"),
    ("シック Schick ハイドロ5 カスタム 替刃 (8コ入) 髭剃り カミソリ 5枚刃 メンズ", "シック(Schick)",
     None, "シック ハイドロ5 カスタム 替刃 4コ入", "variant_conflict"),
    ("シック Schick ハイドロ5 カスタム 替刃 (8コ入) 髭剃り カミソリ 5枚刃 メンズ", "シック(Schick)",
     None, "シック ハイドロ5 カスタム 替刃 8コ入 髭剃り", "match"),
    # another class of a licence (第1種 for 第2種, 第二種 read as 第2種), a word book's level
    ("ぜんぶ絵で見て覚える 第2種電気工事士 筆記試験すい~っと合格 2025年版", "ツールボックス", None,
     "第1種電気工事士 筆記試験 すい～っと合格 2025年版", "variant_conflict"),
    ("ぜんぶ絵で見て覚える 第2種電気工事士 筆記試験すい~っと合格 2025年版", "ツールボックス", None,
     "ぜんぶ絵で見て覚える 第二種電気工事士 筆記試験 すい～っと合格 2025年版", "match"),
    ("改訂版 キクタン【Basic】4000語レベル (英語の超人になる!アルク学参シリーズ)", "アルク", None,
     "改訂版 キクタン Advanced 6000語レベル", "variant_conflict"),
    ("改訂版 キクタン【Basic】4000語レベル (英語の超人になる!アルク学参シリーズ)", "アルク", None,
     "改訂版 キクタン Basic 4000語レベル 赤シート付き", "match"),
    # a game's 第2弾 is its sequel (a book's is its own number in a series)
    ("Kinect スポーツ - Xbox360", "日本マイクロソフト", None, "Kinect スポーツ: 第2弾 Xbox360",
     "line_conflict"),
    ("Kinect スポーツ - Xbox360", "日本マイクロソフト", None, "Kinect スポーツ Xbox360 ソフト",
     "match"),
    # a kind named with タイプ that the reference never says; its own kind, a seller's word
    ("菊正宗 日本酒の化粧水 高保湿 500ml 化粧水 保湿 セラミド", "菊正宗", None,
     "菊正宗 日本酒の化粧水 500ml 通常タイプ", "variant_conflict"),
    ("菊正宗 日本酒の化粧水 高保湿 500ml 化粧水 保湿 セラミド", "菊正宗", None,
     "菊正宗 化粧水 高保湿タイプ 500ml 大容量", "match"),
    ("菊正宗 日本酒の化粧水 高保湿 500ml 化粧水 保湿 セラミド", "菊正宗", None,
     "菊正宗 日本酒の化粧水 高保湿 500ml 増量タイプ", "match"),
    # whose skin it is for, where the reference says another or none
    ("プリマヴィスタ スキンプロテクトベース 皮脂くずれ防止 化粧下地 SPF50 PA+++ 25mL", "ソフィーナ",
     None, "プリマヴィスタ スキンプロテクトベース 皮脂くずれ防止 超オイリー肌用",
     "variant_conflict"),
    ("ユースキンS ローション 敏感肌用 150mL", "ユースキン", None, "ユースキンS ローション 敏感肌用",
     "match"),
    # the first PlayStation's reprint line; an edition for another country or language
    ("ゼノギアス", "スクウェア", None, "ゼノギアス PS one Books 版", "line_conflict"),
    ("ゼノギアス", "スクウェア", None, "ゼノギアス PS 初版 ディスク2枚", "match"),
    ("名探偵コナン 101 (少年サンデーコミックス)", "小学館", None,
     "名偵探柯南 101 名探偵コナン 101巻 台湾版 中国語", "line_conflict"),
    # a length in metres (a wrap's roll), and a bare 30×50 read as its cm × m
    ("旭化成 サランラップ 30cm×50m 食品用ラップ 電子レンジ対応", "旭化成", None,
     "サランラップ 30cm×20m 3本", "variant_conflict"),
    ("旭化成 サランラップ 30cm×50m 食品用ラップ 電子レンジ対応", "旭化成", None,
     "サランラップ 30×50 ×2本 まとめて", "match"),
    # the name's number with a letter glued on, where the reference has the number alone
    ("Insta360 GO 3 (64GB) - 小型・軽量アクションカメラ", "Insta360", None,
     "Insta360 GO 3S 64GB ミッドナイトブラック 4K", "line_conflict"),
    ("Insta360 GO 3 (64GB) - 小型・軽量アクションカメラ", "Insta360", None,
     "Insta360 GO 3 64GB 美品", "match"),
    # 初代 where the reference's name says a later one (II, 2E); 初代 of a first one is fine
    ("Bose SoundLink Revolve+ II Bluetooth speaker ポータブル ワイヤレス スピーカー マイク付",
     "Bose", None, "BOSE SoundLink Revolve+ Bluetooth speaker 初代 ブラック", "line_conflict"),
    ("Kobo Elipsa 2E 電子書籍リーダー 10.3インチ E Ink Carta 1200 32GB", "楽天Kobo", None,
     "Kobo Elipsa 電子書籍リーダー スリープカバー付 初代", "line_conflict"),
    ("Splatoon (スプラトゥーン) - Wii U", "任天堂", None,
     "Splatoon スプラトゥーン WiiU 初代 箱説あり", "match"),
    # another kind of towel, alone or with the reference's
    ("IKEUCHI ORGANIC(イケウチオーガニック) オーガニック532 バスタオル 今治タオル 綿100%",
     "IKEUCHI ORGANIC", None, "イケウチオーガニック オーガニック532 フェイスタオル",
     "variant_conflict"),
    ("IKEUCHI ORGANIC(イケウチオーガニック) オーガニック532 バスタオル 今治タオル 綿100%",
     "IKEUCHI ORGANIC", None, "イケウチオーガニック 532 バスタオル フェイスタオル セット",
     "variant_conflict"),
    ("IKEUCHI ORGANIC(イケウチオーガニック) オーガニック532 バスタオル 今治タオル 綿100%",
     "IKEUCHI ORGANIC", None, "イケウチオーガニック オーガニック532 バスタオル 2枚", "match"),
    # the plain game (通常版, 無印) where the reference names a richer or later edition
    ("ペルソナ5 ザ・ロイヤル - PS4 【CEROレーティング「D」】", "アトラス", None,
     "PS4 ペルソナ5 通常版", "line_conflict"),
    ("ペルソナ5 ザ・ロイヤル - PS4 【CEROレーティング「D」】", "アトラス", None,
     "ペルソナ５ ザ・ロイヤル プレイステーション4 通常版 ケース付き", "match"),
    ("キングダム ハーツ -ファイナル ミックス- (PlayStation 2) PS2 ソフト", "スクウェア", None,
     "PS2 キングダムハーツ 無印 中古", "line_conflict"),
    ("ゼルダの伝説 スカイウォードソード (期間限定生産 スペシャルCD同梱) - Wii", "任天堂", None,
     "Wii ゼルダの伝説 スカイウォードソード 通常版 スペシャルCD付き", "match"),
    # a set of several colours, one of them the reference's: one of each, not N of it
    ("KINTO デイオフタンブラー 500ml ブラック 保温保冷 ステンレス", "キントー(KINTO)", None,
     "KINTO デイオフタンブラー 500ml ブラック ホワイト 2個セット", "lot"),
    ("KINTO デイオフタンブラー 500ml ブラック 保温保冷 ステンレス", "キントー(KINTO)", None,
     "KINTO デイオフタンブラー 500ml ブラック 2個セット", "match"),
    # a game listing that names a fuller edition the reference does not (in either script)
    ("ペルソナ5 - PS4", "アトラス", None, "ペルソナ5 ザ・ロイヤル PS4 P5R", "line_conflict"),
    ("ペルソナ5 ザ・ロイヤル PERSONA5 THE ROYAL - Switch", "アトラス", None,
     "【Nintendo Switch】ペルソナ5 ザ ロイヤル", "match"),
    # a board game for another number of players (the 2-player edition, the base game)
    ("ホビージャパン 宝石の煌き 日本語版 (2-4人用 30分 10才以上向け)", "ホビージャパン",
     None, "宝石の煌き:デュエル 2人用 日本語版 ボードゲーム", "variant_conflict"),
    ("ホビージャパン 宝石の煌き 日本語版 (2-4人用 30分 10才以上向け)", "ホビージャパン",
     None, "宝石の煌き 日本語版 2-4人用 欠品なし", "match"),
    # Nintendo's reprint line; a hanger's width written 36/P
    ("MOTHER1+2 - ゲームボーイアドバンス", "任天堂", None, "MOTHER1+2 バリューセレクション GBA",
     "line_conflict"),
    ("MAWA(マワ) ハンガー エコノミック 40/P ブラック 10本組", "MAWA", None,
     "MAWA エコノミック 36/P ブラック 10本", "variant_conflict"),
    # another paper size (a notebook's A6 original for its A5 cousin)
    ("ほぼ日手帳 2025 カズン [手帳本体のみ] A5サイズ 1月はじまり", "ほぼ日", None,
     "ほぼ日手帳 2025 オリジナル 本体のみ A6", "variant_conflict"),
    ("ほぼ日手帳 2025 カズン [手帳本体のみ] A5サイズ 1月はじまり", "ほぼ日", None,
     "ほぼ日手帳 2025 カズン A5 本体 未使用", "match"),
    # another kind of make-up of the line (its concealer for its foundation)
    ("エスティ ローダー ダブル ウェア ステイ イン プレイス メークアップ SPF10/PA++ 17 ボーン",
     "エスティ ローダー", None, "ダブルウェア ステイインプレイス コンシーラー ライト",
     "variant_conflict"),
    ("エスティ ローダー ダブル ウェア ステイ イン プレイス メークアップ SPF10/PA++ 17 ボーン",
     "エスティ ローダー", None, "ダブル ウェア ステイ イン プレイス ファンデーション 17 ボーン",
     "match"),
    # a set whose units are of several sizes, one of them the reference's
    ("SIGMA 30mm F1.4 DC DN | Contemporary C016 | Sony Eマウント", "シグマ(Sigma)", None,
     "SIGMA 16mm 30mm 56mm F1.4 DC DN Eマウント 3本セット まとめて", "lot"),
    ("SIGMA 30mm F1.4 DC DN | Contemporary C016 | Sony Eマウント", "シグマ(Sigma)", None,
     "SIGMA 30mm F1.4 DC DN Eマウント 2本セット", "match"),
    # another count of rolls in a pack, of slices a toaster takes
    ("エリエール 超吸収キッチンタオル 70カット 4ロール キッチンペーパー 大王製紙", "エリエール",
     None, "エリエール 超吸収キッチンタオル 70カット 2ロール", "variant_conflict"),
    ("エリエール 超吸収キッチンタオル 70カット 4ロール キッチンペーパー 大王製紙", "エリエール",
     None, "エリエール 超吸収キッチンタオル 70カット 4ロール ×3パック", "match"),
    ("アラジン グラファイト トースター 2枚焼き ホワイト AET-GS13B(W)", "アラジン", None,
     "アラジン グラファイト トースター 4枚焼き ホワイト", "variant_conflict"),
    # a foundation's ochre shades: オークル10, ピンクオークル10 and ベージュオークル10 are three
    ("マキアージュ ドラマティックパウダリー EX ピンクオークル10 (レフィル)",
     "マキアージュ", None, "マキアージュ ドラマティックパウダリー EX オークル10 レフィル",
     "variant_conflict"),
    ("マキアージュ ドラマティックパウダリー EX ピンクオークル10 (レフィル)",
     "マキアージュ", None, "マキアージュ ドラマティックパウダリー EX ピンクオークル10 レフィル",
     "match"),
    # a portion taken out of the pack, whatever counts it names
    ("薬用 BARTH 中性重炭酸入浴剤 90錠 (30回分) 無香料 [医薬部外品]", "BARTH", None,
     "BARTH 90錠から小分け 30錠", "lot"),
    # what came with the product, named after it (not 付属品未使用 of a phone)
    ("Nintendo Switch(有機ELモデル) Joy-Con(L) ネオンブルー/(R) ネオンレッド", "任天堂", None,
     "【未使用】Joy-Con (L)ネオンブルー/(R)ネオンレッド 有機ELモデル付属品 ストラップ付",
     "accessory"),
    ("Google Pixel 7 - Snow 128GB SIMフリー", "Google", None,
     "【SIMフリー】Pixel7 snow 128GB 白 付属品未使用", "match"),
    # one colour of a reference that is a set of colours
    ("ゼブラ(ZEBRA) ジェルボールペン サラサクリップ 0.5 10色セット JJ15-10CA", "ゼブラ", None,
     "サラサクリップ 0.5 黒 10本", "variant_conflict"),
    ("ゼブラ(ZEBRA) ジェルボールペン サラサクリップ 0.5 10色セット JJ15-10CA", "ゼブラ", None,
     "サラサクリップ 0.5 10色セット 未使用", "match"),
    # amber glass for clear glass (the clear rule reads amber now that it is a colour)
    ("Duralex(デュラレックス) ピカルディ 250ml クリア 強化ガラス タンブラー", "Duralex", None,
     "Duralex ピカルディ 250ml アンバー 6個", "variant_conflict"),
    ("Duralex(デュラレックス) ピカルディ 250ml クリア 強化ガラス タンブラー", "Duralex", None,
     "Duralex ピカルディ 250ml クリア 6個", "match"),
    # a model named by a letter, a dot and three digits
    ("Knirps(クニルプス) 折りたたみ傘 T.220 Medium Duomatic 自動開閉 ブラック", "Knirps", None,
     "クニルプス T.200 ミディアム デュオマチック ブラック", "model_conflict"),
    ("Knirps(クニルプス) 折りたたみ傘 T.220 Medium Duomatic 自動開閉 ブラック", "Knirps", None,
     "クニルプス T.220 ミディアム 自動開閉 ブラック 美品", "match"),
]

# Stop 21, from blind226–233's misses after their first look
STOP21 = [
    # the II of the lens a camera kit comes with is the lens's, not the camera's generation
    ("Canon デジタル一眼レフカメラ EOS Kiss X7 ダブルズームキット EF-S18-55mm F3.5-5.6 IS STM/"
     "EF-S55-250mm F4-5.6 IS II付属 KISSX7-WKIT", "キヤノン", "KISSX7-WKIT",
     "Canon EOS Kiss X7 ダブルズームキット 美品 ショット数約3000回", "match"),
    # a lens's own IS II is its generation
    ("Canon 望遠ズームレンズ EF-S55-250mm F4-5.6 IS STM APS-C対応", "キヤノン", None,
     "Canon EF-S55-250mm F4-5.6 IS II 望遠レンズ", "volume_conflict"),
    # the + between two words (GPS + Cellular) names no later model, for 初代
    ("Apple Watch Ultra（GPS + Cellularモデル）- 49mmチタニウムケースと"
     "ミッドナイトオーシャンバンド", "Apple", None,
     "アップルウォッチ ウルトラ 初代 49mm ミッドナイトオーシャンバンド 箱付き", "match"),
    ("Bose SoundLink Revolve+ II Portable Bluetooth speaker トリプルブラック", "Bose", None,
     "Bose SoundLink Revolve+ 初代 ブラック", "line_conflict"),
    # the reference's own word spelt another way (グレー for グレイ) after the series name
    ("Apple AirPods Max - スペースグレイ ワイヤレスヘッドホン", "Apple", "MGYH3J/A",
     "AirPods Max スペースグレー ヘッドホン 箱なし", "match"),
    ("Apple AirPods Max - スペースグレイ ワイヤレスヘッドホン", "Apple", "MGYH3J/A",
     "AirPods Max シルバー ヘッドホン 箱なし", "variant_conflict"),
    # a board game's playing time as a range (40-70分) is no number of the name
    ("アークライト ウイングスパン 完全日本語版 (1-5人用 40-70分 10才以上向け) ボードゲーム",
     "アークライト(Arclight)", None, "ウイングスパン 完全日本語版 ボードゲーム 美品", "match"),
    # DS4 is the PS4's DUALSHOCK 4, not a Nintendo DS
    ("【純正品】ワイヤレスコントローラー (DUALSHOCK 4) グレイシャー・ホワイト (CUH-ZCT2J13)",
     "ソニー・インタラクティブエンタテインメント", "CUH-ZCT2J13",
     "★DS4 純正 グレイシャーホワイト 2個セット CUH-ZCT2J13★", "match"),
    # what a home appliance is: the line's kettle is not its rice cooker
    ("象印マホービン 炊飯器 5.5合 IH式 STAN. (スタン) ホワイト 食卓になじむデザイン",
     "象印マホービン(ZOJIRUSHI)", None, "象印 STAN. 電気ケトル ホワイト", "variant_conflict"),
    ("象印マホービン 炊飯器 5.5合 IH式 STAN. (スタン) ホワイト 食卓になじむデザイン",
     "象印マホービン(ZOJIRUSHI)", None, "象印マホービン STAN. 炊飯ジャー 5.5合 IH ホワイト",
     "match"),
    # what a skincare or nail product is: the line's cleansing oil is not its toner
    ("ROUND LAB(ラウンドラボ) 1025 独島 トナー 200mL 化粧水 拭き取り 角質ケア 保湿 韓国コスメ",
     "ROUND LAB", None, "ラウンドラボ 独島 クレンジングオイル 200ml", "variant_conflict"),
    ("ROUND LAB(ラウンドラボ) 1025 独島 トナー 200mL 化粧水 拭き取り 角質ケア 保湿 韓国コスメ",
     "ROUND LAB", None, "ラウンドラボ 独島 トナー 化粧水 200ml", "match"),
    ("uka(ウカ) ネイルオイル 7:15 ナナイチゴ 5mL ネイルケア 爪 甘皮 キューティクルオイル 保湿",
     "uka(ウカ)", None, "uka カラーベースコートゼロ 8/0 ネイル", "variant_conflict"),
    # a seller's nickname of the line: リプモン is リップモンスター
    ("KATE(ケイト) リップモンスター 04 パンプキンワイン 3g 口紅 リップスティック 落ちにくい",
     "KATE(ケイト)", None, "リプモン 04 パンプキンワイン 匿名配送 送料無料", "match"),
    ("KATE(ケイト) リップモンスター 04 パンプキンワイン 3g 口紅 リップスティック 落ちにくい",
     "KATE(ケイト)", None, "リプモン 05 ダークフィグ 匿名配送", "volume_conflict"),
    # セット版 is the reference's own edition where it joins the game and its extension by +
    ("ポケットモンスター バイオレット + ゼロの秘宝 -Switch ソフト", "任天堂", None,
     "ポケモン バイオレット ゼロの秘宝 セット版 Switch ソフト 美品", "match"),
    ("ポケットモンスター バイオレット -Switch ニンテンドースイッチ ソフト", "任天堂", None,
     "ポケモン バイオレット ゼロの秘宝 セット版 Switch ソフト 美品", "line_conflict"),
]

BOSEI = "母性 (新潮文庫) 文庫 湊 かなえ (著)"
OLD_MAN = "老人と海 (新潮文庫) ヘミングウェイ (著), 高見 浩 (翻訳)"
OVERLORD = "オーバーロード2 漆黒の戦士 単行本 丸山 くがね (著), so-bin (イラスト)"
REALFORCE = "東プレ REALFORCE R3 キーボード ハイブリッドモデル フルキーボード 日本語配列 45g"
GEO = "宮崎製作所 ジオ・プロダクト 片手鍋 18cm IH対応 日本製 GEO-18N"
BARTH = "薬用 BARTH 中性重炭酸入浴剤 9錠 (3回分) 無香料 [医薬部外品]"
FFX2 = "ファイナルファンタジーX-2 (PlayStation 2) PS2 ソフト FF10-2"
PS4 = "PlayStation 4 ジェット・ブラック 500GB (CUH-2100AB01) プレイステーション4 本体"
N64_PAD = "NINTENDO64 コントローラ Brosシリーズ グレー 【任天堂純正品】 ニンテンドウ64 N64"
JO_MALONE = "ジョー マローン ロンドン(JO MALONE LONDON) ブラックベリー & ベイ コロン 30mL 香水"
JETSTREAM = "三菱鉛筆 多機能ペン ジェットストリーム 4&1 0.5 ブラック 書きやすい MSXE5100005.24"
ROTRING = "ロットリング(rotring) シャープペン 600 0.5mm ブラック 製図用 シャープペンシル 1904443"
ROOMBA = "ルンバ i7+ アイロボット ロボット掃除機 自動ゴミ収集 クリーンベース付き wifi対応"
STOP22 = [
    # what the reference says comes with it (…ケースとXバンド, X付き), sold alone, is a part
    ("Apple Watch Ultra（GPS + Cellularモデル）- 49mmチタニウムケースと"
     "ミッドナイトオーシャンバンド", "Apple", None,
     "Apple Watch Ultra 純正 ミッドナイトオーシャンバンド バンドのみ", "accessory"),
    ("Apple Watch Ultra（GPS + Cellularモデル）- 49mmチタニウムケースと"
     "ミッドナイトオーシャンバンド", "Apple", None,
     "Apple Watch Ultra 49mm ミッドナイトオーシャンバンド 本体のみ 箱なし", "match"),
    (ROOMBA, "アイロボット", None, "ルンバ i7+ クリーンベースのみ 自動ゴミ収集機 単品",
     "accessory"),
    (ROOMBA, "アイロボット", None, "ルンバ i7+ クリーンベース付き 動作確認済み", "match"),
    # the credits Amazon's page ends a book's title with are its authors, not its title
    (BOSEI, "新潮社", None, "湊かなえ 告白 文庫", "low_score"),
    (BOSEI, "新潮社", None, "母性 湊かなえ 新潮文庫 中古", "match"),
    ("呪術廻戦 1 (ジャンプコミックス) コミック 芥見 下々 (著)", "集英社", None,
     "呪術廻戦　第１巻　レンタル落ち", "match"),
    (OLD_MAN, "新潮社", None, "老人と海 新潮文庫 福田恆存訳", "variant_conflict"),
    (OLD_MAN, "新潮社", None, "老人と海 新潮文庫 高見浩訳 美品", "match"),
    # an illustrator credited: a light novel, whose comic is another book
    (OVERLORD, "KADOKAWA", None,
     "オーバーロード 2巻 コミック 深山フギン 大塩哲史 角川コミックス・エース", "line_conflict"),
    (OVERLORD, "KADOKAWA", None, "オーバーロード 2 漆黒の戦士 丸山くがね 小説", "match"),
    # what a keyboard's size, a pan and a bath product are: kinds of one line
    (REALFORCE, "東プレ", None, "REALFORCE R3 テンキーレス ハイブリッド 日本語配列 45g",
     "variant_conflict"),
    (REALFORCE, "東プレ", None, "REALFORCE R3 ハイブリッド フルキーボード 45g 日本語 美品",
     "match"),
    (GEO, "宮崎製作所", None, "ジオ・プロダクト 両手鍋 18cm 蓋付き", "variant_conflict"),
    (GEO, "宮崎製作所", None, "ジオプロダクト 片手鍋 18cm 中古", "match"),
    (BARTH, "BARTH", None, "BARTH 中性重炭酸 洗顔パウダー 30包", "variant_conflict"),
    (BARTH, "BARTH", None, "バース 入浴剤 9錠 新品", "match"),
    # the numbered work a -2 continues, named alone, is the first game
    (FFX2, "スクウェア・エニックス", None, "PS2 ファイナルファンタジーX ソフト", "line_conflict"),
    (FFX2, "スクウェア・エニックス", None, "PS2 FF10 FF10-2 2本セット", "line_conflict"),
    (FFX2, "スクウェア・エニックス", None, "PS2 ファイナルファンタジーX-2 ソフト 中古", "match"),
    (FFX2, "スクウェア・エニックス", None, "FF10-2 PS2 説明書付き", "match"),
    # a title's short code is no part of a model number it only begins (i7 of i755060), and
    # another letter before its number is another model of the line
    (ROOMBA, "iRobot(アイロボット)", "i755060", "ルンバ j7+ 自動ゴミ収集", "line_conflict"),
    (ROOMBA, "iRobot(アイロボット)", "i755060", "ルンバ i7+ 自動ゴミ収集 中古", "match"),
    # the reference and another product joined by a spaced と, sold as a set
    (ROOMBA, "iRobot(アイロボット)", "i755060", "ルンバ i7+ と ブラーバ ジェット m6 セット", "lot"),
    ("パンどろぼうとなぞのフランスパン (角川書店単行本) 柴田 ケイコ (著)", "KADOKAWA", None,
     "パンどろぼう と なぞのフランスパン 絵本 2冊セット 同じ本", "match"),
    # a model without its colour code (B01) is the model
    (PS4, "ソニー・インタラクティブエンタテインメント", "CUH-2100AB01",
     "PS4 CUH-2100A ジェットブラック 500GB 本体 動作確認済み", "match"),
    (PS4, "ソニー・インタラクティブエンタテインメント", "CUH-2100AB01",
     "PS4 CUH-2200A ジェットブラック 500GB 本体", "model_conflict"),
    # コントローラ is Nintendo's spelling of コントローラー; one made for another platform
    # (Switch Online 専用) is not the original
    (N64_PAD, "任天堂", "NUS-005", "N64 コントローラー グレー 純正 動作確認済み", "match"),
    (N64_PAD, "任天堂", "NUS-005", "Nintendo Switch Online 専用 NINTENDO64 コントローラー",
     "compatible"),
    # the reference's own & (ブラックベリー & ベイ) joins no other product in a listing; a
    # multi pen's count (3&1 for 4&1) and a season (season2) still tell another one
    (JO_MALONE, "ジョー マローン ロンドン", None,
     "ジョーマローン 香水 30ml ブラックベリー&ベイ 2本", "match"),
    (JETSTREAM, "三菱鉛筆", None, "ジェットストリーム プライム 3&1 0.5 ブラック 多機能ペン",
     "model_conflict"),
    (JETSTREAM, "三菱鉛筆", None, "三菱鉛筆 ジェットストリーム 4&1 0.5 ブラック 多機能ペン",
     "match"),
    ("公式ガイド&レシピ きのう何食べた? ~シロさんの簡単レシピ~", "よしなが ふみ", None,
     "きのう何食べた? season2 公式ガイド&レシピ", "volume_conflict"),
    # the New line of Nintendo's handhelds, for the older model
    ("ニンテンドー3DS LL レッドXブラック 本体 【メーカー生産終了】", "任天堂", None,
     "Newニンテンドー3DS LL メタリックブラック 本体", "line_conflict"),
    ("ニンテンドー3DS LL レッドXブラック 本体 【メーカー生産終了】", "任天堂", None,
     "ニンテンドー3DS LL レッド×ブラック 本体 充電器付き", "match"),
    # a name's own + (ルンバ i3+) adds no extra: its 交換用バッテリー is a part
    ("ルンバ i3+ アイロボット ロボット掃除機 クリーンベース付き スマートスピーカー対応",
     "iRobot(アイロボット)", "i355060", "ルンバ i3+ 交換用バッテリー 純正 リチウムイオン",
     "accessory"),
    # what a pen is, and a high chair's baby set (sold on its own)
    (ROTRING, "ロットリング(rotring)", "1904443", "ロットリング 600 ボールペン ブラック",
     "variant_conflict"),
    (ROTRING, "ロットリング(rotring)", "1904443", "ロットリング 600 シャープペンシル 0.5 黒",
     "match"),
    ("STOKKE(ストッケ) トリップ トラップ ホワイト ベビーチェア ハイチェア 木製 北欧",
     "STOKKE(ストッケ)", None, "ストッケ トリップトラップ ベビーセット ホワイト", "accessory"),
    # a guide's game and the guide, sold as a set
    ("ファイナルファンタジーVII リバース アルティマニア (SE-MOOK)", "スクウェア・エニックス", None,
     "ファイナルファンタジーVII リバース PS5 ソフト 攻略本 セット", "lot"),
    ("ファイナルファンタジーVII リバース アルティマニア (SE-MOOK)", "スクウェア・エニックス", None,
     "FF7 リバース アルティマニア 攻略本 美品", "match"),
    # 混在 (mixed): a lot of different models, not copies
    ("Seagate BarraCuda 3.5インチ 2TB 内蔵ハードディスク HDD ST2000DM008", "SEAGATE", "ST2000DM008",
     "3.5インチHDD 2TB 4台まとめ ST2000DM008 / WD20EZRZ 混在 ジャンク", "lot"),
    # a lamp's light colour
    ("アイリスオーヤマ LED電球 E26 広配光 60形相当 昼白色 2個パック LDA7N-G-6T62P",
     "アイリスオーヤマ(IRIS OHYAMA)", None, "アイリスオーヤマ LED電球 E26 60形 昼光色 2個パック",
     "variant_conflict"),
    # バージョン names no other game in a set of copies
    ("ポケットモンスター 銀 (ゲームボーイ/ゲームボーイカラー共通) GB ソフト", "任天堂", None,
     "ポケモン 銀 バージョン GB カセット 2個セット", "match"),
]


@pytest.mark.parametrize(("reference", "brand", "model", "title", "expected"),
                         STOP18 + STOP19 + STOP20 + STOP21 + STOP22)
def test_stop_rule_cases(reference: str, brand: str, model: str | None, title: str,
                         expected: str) -> None:
    """Each row: the case a rule of stops 18-22 was written from, or the near miss it keeps."""
    assert kind(Product(title=reference, brand=brand, model_number=model), title) == expected


def test_figures_and_books_bought_together_are_copies_unless_another_is_named() -> None:
    """2体セット of one amiibo and 同じ本2冊 まとめて are copies; まとめ売り of figures that
    name another one, or 2体セット beside another name, are lots."""
    mario = Product(title="amiibo マリオ (スーパーマリオシリーズ)", brand="任天堂")
    two = match_title(mario, "amiibo マリオ スーパーマリオシリーズ 2体セット")
    assert two.is_match and two.quantity == 2
    assert kind(mario, "amiibo マリオ ルイージ スーパーマリオシリーズ 2体セット") == "lot"
    gundam = Product(title="MG 1/100 RX-78-2 ガンダムVer.3.0 (機動戦士ガンダム)", brand="BANDAI")
    assert kind(gundam, "MG ガンダムVer.3.0 MGザクVer.2.0 ガンプラ まとめ売り 2体") == "lot"
    triple = Product(title="amiibo トリプルセット[インクリング【イエロー】/オクトリング【ブルー】/"
                           "コジャケ](スプラトゥーンシリーズ)", brand="任天堂")
    pack = match_title(triple, "スプラ3 amiibo 3体セット インクリング オクトリング コジャケ 新品")
    assert pack.is_match and pack.quantity == 1  # the triple pack itself, once
    picnic = Product(title="ぐりとぐらのえんそく (こどものとも傑作集) 単行本 なかがわ りえこ (著)",
                     brand="福音館書店", isbn="9784834005301")
    copies = match_title(picnic, "ぐりとぐらのえんそく 同じ本2冊 保育園 まとめて")
    assert copies.is_match and copies.quantity == 2


def test_a_case_a_product_is_taken_out_of_does_not_make_it_a_case() -> None:
    """ケースから出すと電源ON: how the thermometer is used; the reference is no accessory."""
    thermometer = Product(title="テルモ 電子体温計 C205 わき専用 予測検温 防水 "
                                "ケースから出すと電源ON 収納ケース付き ET-C205P",
                          brand="テルモ(Terumo)",
                          model_number="ET-C205P")
    assert kind(thermometer, "テルモ C205 体温計 ケースなし 本体のみ 動作OK") == "match"
    assert kind(thermometer, "テルモ 体温計 C205 収納ケースのみ") == "accessory"


def test_an_alias_that_names_the_author_still_needs_the_books_title() -> None:
    """湊かなえ of a shop's title is the credited author: another book of hers is not 母性."""
    bosei = Product(title=BOSEI, brand="新潮社", aliases=["湊かなえ 母性 文庫本"])
    assert kind(bosei, "湊かなえ 夜行観覧車 文庫本") == "low_score"
    assert kind(bosei, "湊かなえ 母性 文庫本 中古") == "match"


def test_a_dated_copy_of_a_later_editions_book_is_the_old_edition() -> None:
    """2011年 初版 of a book whose reference is its 新訂版, and whose code says it is a book."""
    move = Product(title="講談社の動く図鑑MOVE 恐竜 新訂版", brand="講談社", isbn="9784065131107")
    assert kind(move, "講談社の動く図鑑MOVE 恐竜 2011年 初版 DVD付き") == "volume_conflict"
    assert kind(move, "講談社の動く図鑑MOVE 恐竜 新訂版 2023年 美品") == "match"
