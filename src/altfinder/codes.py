"""Product codes: JAN/EAN, UPC-A, ISBN and ASIN, and Amazon product URLs.

:func:`parse_code` turns whatever a shopper pastes into a canonical
:class:`ProductCode`, or raises :class:`~altfinder.errors.InvalidCodeError`
with the reason. Check digits and ISBN conversions come from python-stdnum.

Example:
    >>> from altfinder import parse_code
    >>> parse_code("４９０２３７０ ５４８４９５")
    ProductCode(kind='jan', value='4902370548495')
    >>> parse_code("4-87311-970-7").value
    '9784873119700'
    >>> parse_code("https://www.amazon.co.jp/dp/B0C1234567?ref=x").kind
    'asin'
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict
from stdnum import ean, isbn
from stdnum.exceptions import InvalidChecksum, ValidationError

from altfinder._text import fold_dashes
from altfinder.errors import InvalidCodeError

__all__ = ["CodeKind", "ProductCode", "parse_code", "same_gtin"]

CodeKind = Literal["jan", "isbn", "asin"]

_URL_HINT = re.compile(r"^(?:https?://|www\.|amazon\.|amzn\.)", re.IGNORECASE)
_AMAZON_PATH = re.compile(
    r"/(?:dp|gp/product|gp/aw/d|exec/obidos/ASIN|o/ASIN|gp/offer-listing)/([A-Za-z0-9]{10})(?=[/?#&]|$)",
    re.IGNORECASE,
)
_ASIN_QUERY = re.compile(r"[?&]asin=([A-Za-z0-9]{10})(?=[&#]|$)", re.IGNORECASE)
_ASIN = re.compile(r"^B0[0-9A-Z]{8}$")
_SEPARATORS = re.compile(r"[\s\-]")


class ProductCode(BaseModel):
    """A validated, canonical product code.

    Attributes:
        kind: ``"jan"`` (EAN-13, EAN-8 or UPC-A as EAN-13), ``"isbn"`` or ``"asin"``.
        value: 13 digits for EAN-13/UPC-A and ISBN, 8 for EAN-8, upper-case ASIN.
        isbn10: the ISBN-10 of a 978 book (also its ASIN on Amazon).

    Example:
        >>> code = parse_code("9784873119700")
        >>> code.kind, code.value, code.isbn10, code.jan, code.asin
        ('isbn', '9784873119700', '4873119707', '9784873119700', '4873119707')
    """

    model_config = ConfigDict(frozen=True)

    kind: CodeKind
    value: str
    isbn10: str | None = None

    @property
    def jan(self) -> str | None:
        """The EAN-13/EAN-8 barcode number, for JANs and ISBN-13s (a book's ISBN is its EAN).

        Example:
            >>> parse_code("B0C1234567").jan is None
            True
        """
        return None if self.kind == "asin" else self.value

    @property
    def asin(self) -> str | None:
        """The Amazon ASIN when the code itself determines it (ASINs, ISBN-10 books).

        Example:
            >>> parse_code("b0c1234567").asin
            'B0C1234567'
        """
        if self.kind == "asin":
            return self.value
        return self.isbn10

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        extra = f", isbn10={self.isbn10!r}" if self.isbn10 else ""
        return f"ProductCode(kind={self.kind!r}, value={self.value!r}{extra})"


def same_gtin(a: str, b: str) -> bool:
    """Whether two barcode numbers (UPC-A, EAN-13, GTIN-14) are one code: leading zeros ignored.

    Example:
        >>> same_gtin("0889698357999", "889698357999"), same_gtin("4902370548495", "4902370542912")
        (True, False)
    """
    return a.zfill(14) == b.zfill(14)


def _show(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _from_url(text: str) -> str:
    match = _AMAZON_PATH.search(text) or _ASIN_QUERY.search(text)
    if match is None:
        if "amazon." in text.lower() or "amzn." in text.lower():
            raise InvalidCodeError(
                f"URL without a product code: {_show(text)}; expected an Amazon product URL "
                "with /dp/<ASIN> or /gp/product/<ASIN>"
            )
        raise InvalidCodeError(
            f"URL without a product code: {_show(text)}; only Amazon product URLs "
            "(/dp/<ASIN>, /gp/product/<ASIN>) are understood"
        )
    return match.group(1)


def _check_ean(digits: str, shown: str) -> None:
    try:
        ean.validate(digits)
    except InvalidChecksum:
        expected = ean.calc_check_digit(digits[:-1])
        raise InvalidCodeError(
            f"bad check digit in {shown}: expected {expected}, got {digits[-1]}"
        ) from None
    except ValidationError as exc:  # pragma: no cover - lengths are checked before
        raise InvalidCodeError(f"invalid EAN {shown}: {exc}") from None


def _parse_isbn10(compact: str, shown: str) -> ProductCode:
    body, check = compact[:9], compact[9].upper()
    if not body.isdigit() or not (check.isdigit() or check == "X"):
        raise InvalidCodeError(f"not an ISBN-10 or ASIN: {shown}")
    try:
        isbn.validate(body + check)
    except InvalidChecksum:
        expected = isbn._calc_isbn10_check_digit(body)
        raise InvalidCodeError(
            f"bad check digit in ISBN-10 {shown}: expected {expected}, got {check}"
        ) from None
    except ValidationError as exc:  # pragma: no cover - defensive
        raise InvalidCodeError(f"invalid ISBN-10 {shown}: {exc}") from None
    return ProductCode(kind="isbn", value=isbn.to_isbn13(body + check), isbn10=body + check)


def _parse_ean13(digits: str, shown: str) -> ProductCode:
    if digits.startswith("02") or digits[:2] in {f"2{i}" for i in range(10)}:
        raise InvalidCodeError(
            f"{shown} is an in-store code (prefix {digits[:2]}): shops print these for their own "
            "weighed or repacked goods, so they identify nothing outside that shop"
        )
    if digits.startswith(("191", "192")):
        raise InvalidCodeError(
            f"{shown} is the second barcode of a Japanese book (prefix {digits[:3]}: "
            "classification code and price); use the upper barcode, the ISBN starting 978 or 979"
        )
    if digits.startswith("9790"):
        raise InvalidCodeError(
            f"{shown} is an ISMN (979-0, printed music), not a book ISBN or a JAN"
        )
    _check_ean(digits, shown)
    if digits.startswith(("978", "979")):
        isbn10 = isbn.to_isbn10(digits) if digits.startswith("978") else None
        return ProductCode(kind="isbn", value=digits, isbn10=isbn10)
    return ProductCode(kind="jan", value=digits)


def parse_code(text: str | int) -> ProductCode:
    """Parse a JAN/EAN, UPC-A, ISBN, ASIN or Amazon product URL.

    Hyphens and spaces inside the code are ignored, full-width digits are read,
    and an ``x`` ISBN-10 check digit is accepted. A valid ISBN-10 is a book's ASIN
    and parses as an ISBN.

    Raises:
        InvalidCodeError: the reason is in the message (wrong length, check digit,
            in-store code, second book barcode, ISMN, letters, empty, URL without code).

    Example:
        >>> parse_code("012345678905")          # UPC-A becomes EAN-13
        ProductCode(kind='jan', value='0012345678905')
        >>> parse_code("49123456").value        # EAN-8
        '49123456'
        >>> parse_code("https://www.amazon.co.jp/gp/product/409105207X/ref=x").kind
        'isbn'
    """
    if isinstance(text, bool) or not isinstance(text, (str, int)):
        raise InvalidCodeError(
            f"expected a code as text, got {type(text).__name__}"
        )
    raw = str(text)
    stripped = unicodedata.normalize("NFKC", raw).strip()
    if not stripped:
        raise InvalidCodeError("empty input: expected a JAN, ISBN, ASIN or Amazon product URL")
    shown = _show(raw.strip())
    if _URL_HINT.match(stripped) or "/" in stripped:
        stripped = _from_url(stripped)
    compact = _SEPARATORS.sub("", fold_dashes(stripped))
    upper = compact.upper()

    if _ASIN.match(upper):
        return ProductCode(kind="asin", value=upper)
    if len(compact) == 10 and compact[:9].isdigit():
        return _parse_isbn10(compact, shown)
    if not compact.isdigit():
        letters = sorted({ch for ch in compact if not ch.isdigit()})
        raise InvalidCodeError(
            f"{shown} contains letters or symbols ({''.join(letters)[:10]}): a JAN, UPC or ISBN "
            "is digits only, an ASIN is B0 followed by 8 letters or digits"
        )
    if len(compact) == 13:
        return _parse_ean13(compact, shown)
    if len(compact) == 12:
        code = _parse_ean13("0" + compact, shown)
        return code
    if len(compact) == 8:
        if compact.startswith("2"):
            raise InvalidCodeError(
                f"{shown} is an in-store code (EAN-8 prefix 2): it identifies nothing outside "
                "the shop that printed it"
            )
        _check_ean(compact, shown)
        return ProductCode(kind="jan", value=compact)
    raise InvalidCodeError(
        f"wrong length: {shown} has {len(compact)} digits; a JAN/EAN has 13 or 8, "
        "a UPC-A 12, an ISBN 13 or 10"
    )
