from __future__ import annotations

import pytest

from altfinder import InvalidCodeError, ProductCode, parse_code


@pytest.mark.parametrize(
    ("text", "kind", "value", "isbn10"),
    [
        ("4902370548495", "jan", "4902370548495", None),
        ("４９０２３７０５４８４９５", "jan", "4902370548495", None),  # full-width digits
        ("  4902370548495\n", "jan", "4902370548495", None),
        ("490-2370-548495", "jan", "4902370548495", None),
        ("4902370\u2010548495", "jan", "4902370548495", None),  # a Unicode hyphen
        ("4902 3705 4849 5", "jan", "4902370548495", None),
        ("49123456", "jan", "49123456", None),  # JAN-8
        ("012345678905", "jan", "0012345678905", None),  # UPC-A gets a leading 0
        (4902370548495, "jan", "4902370548495", None),  # an int from a spreadsheet
        ("9784873115658", "isbn", "9784873115658", "4873115655"),
        ("978-4-87311-565-8", "isbn", "9784873115658", "4873115655"),
        ("4873115655", "isbn", "9784873115658", "4873115655"),  # ISBN-10 (a book's ASIN)
        ("4-87311-565-5", "isbn", "9784873115658", "4873115655"),
        ("409105207x", "isbn", "9784091052070", "409105207X"),  # lower-case x check digit
        ("9791032305690", "isbn", "9791032305690", None),  # 979 books have no ISBN-10
        ("B0C1234567", "asin", "B0C1234567", None),
        ("b0c1234567", "asin", "B0C1234567", None),
        ("Ｂ０Ｃ１２３４５６７", "asin", "B0C1234567", None),
        ("https://www.amazon.co.jp/dp/B0C1234567", "asin", "B0C1234567", None),
        ("https://www.amazon.co.jp/Nintendo-Switch-有機ELモデル/dp/B098RKWHHZ/ref=sr_1_1?keywords=x&qid=1",
         "asin", "B098RKWHHZ", None),
        ("https://www.amazon.co.jp/gp/product/B0C1234567/ref=ppx_yo_dt_b_asin_title", "asin",
         "B0C1234567", None),
        ("amazon.co.jp/dp/b0c1234567?th=1", "asin", "B0C1234567", None),
        ("https://www.amazon.co.jp/dp/4873115655/", "isbn", "9784873115658", "4873115655"),
        ("https://www.amazon.co.jp/gp/aw/d/B0C1234567", "asin", "B0C1234567", None),
    ],
)
def test_accepts(text: str | int, kind: str, value: str, isbn10: str | None) -> None:
    code = parse_code(text)
    assert (code.kind, code.value, code.isbn10) == (kind, value, isbn10)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("4902370548494", "check digit"),
        ("4873115656", "check digit"),  # ISBN-10
        ("9784873115659", "check digit"),  # ISBN-13
        ("2012345678903", "in-store"),
        ("0212345678906", "in-store"),
        ("212345678906", "in-store"),  # a UPC-A with number system 2 is an in-store code too
        ("29123456", "in-store"),
        ("1923055015008", "second barcode"),
        ("9790260000438", "ISMN"),
        ("12345", "wrong length"),
        ("49023705484951", "wrong length"),
        ("abcdefghij", "letters"),
        ("4902370548A95", "letters"),
        ("", "empty"),
        ("   ", "empty"),
        ("https://www.amazon.co.jp/s?k=switch", "URL without a product code"),
        ("https://item.rakuten.co.jp/shop/item/", "URL without a product code"),
    ],
)
def test_rejects_with_reason(text: str, words: str) -> None:
    with pytest.raises(InvalidCodeError) as info:
        parse_code(text)
    assert words in str(info.value)
    assert isinstance(info.value, ValueError)


def test_rejects_non_text() -> None:
    with pytest.raises(InvalidCodeError, match="expected a code as text"):
        parse_code(None)  # type: ignore[arg-type]


def test_properties_and_repr() -> None:
    book = parse_code("9784873115658")
    assert book.jan == "9784873115658"
    assert book.asin == "4873115655"
    asin = parse_code("B0C1234567")
    assert asin.jan is None
    assert asin.asin == "B0C1234567"
    assert repr(parse_code("4902370548495")) == "ProductCode(kind='jan', value='4902370548495')"
    assert str(asin) == "B0C1234567"
    assert isinstance(asin, ProductCode)


def test_code_is_frozen_and_hashable() -> None:
    code = parse_code("4902370548495")
    assert {code, parse_code("4902370548495")} == {code}
