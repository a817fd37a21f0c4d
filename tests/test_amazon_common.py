"""What both Amazon sources share: condition words, delivery promises, sellers."""

from __future__ import annotations

import pytest

from altfinder import Condition
from altfinder.sources._amazon import (
    condition_from_label,
    is_amazon_itself,
    is_outlet,
    lead_time_days,
    ships_from_amazon,
    ships_from_overseas,
)
from tests.conftest import NOW  # 2026-11-26 12:00 JST


@pytest.mark.parametrize(("label", "condition"), [
    ("新品", Condition.NEW),
    ("中古品 - ほぼ新品", Condition.LIKE_NEW),
    ("中古品 - 非常に良い", Condition.VERY_GOOD),
    ("中古品－非常に良い", Condition.VERY_GOOD),
    ("中古品 – 良い", Condition.GOOD),
    ("中古品 - 可", Condition.ACCEPTABLE),
    ("中古品", Condition.USED),
    ("コレクター商品 - ほぼ新品", Condition.LIKE_NEW),
    ("コレクター商品 - 非常に良い", Condition.VERY_GOOD),
    ("コレクター商品 - 良い", Condition.GOOD),
    ("コレクター商品 - 可", Condition.ACCEPTABLE),
    ("再生品", Condition.REFURBISHED),
    ("整備済み品", Condition.REFURBISHED),
    ("Amazon整備済み品", Condition.REFURBISHED),
    ("Used - Very Good", Condition.VERY_GOOD),
    ("Usado - Como nuevo", Condition.LIKE_NEW),
    ("Nuevo", Condition.NEW),
    ("Renewed", Condition.REFURBISHED),
])
def test_condition_headings(label: str, condition: Condition) -> None:
    assert condition_from_label(label) is condition


def test_unknown_heading_is_none() -> None:
    assert condition_from_label("お買い得") is None
    assert condition_from_label("") is None


@pytest.mark.parametrize(("text", "days"), [
    ("明日 11月27日", 1),
    ("今日 19時～22時", 0),
    ("明後日", 2),
    ("11月28日 土曜日", 2),
    ("11月29日 - 12月1日", 5),
    ("11月29日 - 30日", 4),
    ("12月28日 - 3日", 38),            # rolls into January
    ("12月15日 - 1月5日", 40),          # into next year
    ("2月3日", 69),                     # no year: the next 3 February
    ("通常2～3週間以内に発送します。", 21),
    ("通常1～2か月以内に発送します。", 60),
    ("通常1～2営業日以内に発送", 2),
    ("この商品は2026年12月10日に発売予定です。", 14),
    ("在庫あり。", None),
    ("Entrega GRATIS el viernes, 2 de octubre", None),
    (None, None),
])
def test_delivery_promises(text: str | None, days: int | None) -> None:
    assert lead_time_days(text, NOW) == days


def test_sellers() -> None:
    assert is_outlet("Amazonアウトレット") and is_outlet("Amazon アウトレット")
    assert not is_outlet("アウトレット家電") and not is_outlet("Amazon.co.jp")
    assert is_amazon_itself("Amazon.co.jp") and is_amazon_itself("x", "AN1VRQENFRJN5")
    assert not is_amazon_itself("Amazonアウトレット")
    assert ships_from_amazon("Amazon") and ships_from_amazon("Amazon.co.jp")
    assert not ships_from_amazon("家電のミライ Amazon店")
    assert ships_from_overseas("この出品者は海外から商品を発送します")
    assert ships_from_overseas("", ships_from="香港")
    assert not ships_from_overseas("在庫あり。無料配送", ships_from="Amazon")
