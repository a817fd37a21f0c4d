"""The pydantic wire models of Rakuten's answers: an Ichiba item and a Rakuten Books item.

Lenient on purpose: Rakuten serves numbers as ints, floats or strings (``"37980"``,
``37980.0``), codes as numbers (``"availability": 1``, a JAN), and images as plain strings
(formatVersion 2) or ``{"imageUrl": ...}`` objects (formatVersion 1); unknown fields are
ignored.

Example:
    >>> _IchibaItem.model_validate({"itemName": "x", "itemPrice": "1,980円",
    ...     "itemUrl": "https://item.rakuten.co.jp/s/1/", "availability": 1.0}).itemPrice
    1980
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict

from altfinder._text import normalize, to_int_yen


# -- lenient scalars: Rakuten serves numbers as ints, floats or strings ---------------
def _lenient_int(value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = normalize(value)
        if re.fullmatch(r"-?\d+(\.0+)?", text):
            return int(float(text)) if "." in text else int(text)
        yen = to_int_yen(text)
        return yen if yen is not None else value
    return value


def _text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # a code served as a number ("availability": 1, a JAN)
    return value


def _images(value: Any) -> list[str]:
    """Images as plain strings (formatVersion 2) or ``{"imageUrl": ...}`` (formatVersion 1)."""
    if not isinstance(value, list):
        return []
    urls: list[str] = []
    for entry in value:
        if isinstance(entry, str) and entry:
            urls.append(entry)
        elif isinstance(entry, dict):
            url = entry.get("imageUrl") or entry.get("imageURL") or entry.get("url")
            if isinstance(url, str) and url:
                urls.append(url)
    return urls


Int = Annotated[int, BeforeValidator(_lenient_int)]
OptInt = Annotated[int | None, BeforeValidator(_lenient_int)]
Text = Annotated[str, BeforeValidator(_text)]
Images = Annotated[list[str], BeforeValidator(_images)]


class _Wire(BaseModel):
    model_config = ConfigDict(extra="ignore")


class _IchibaItem(_Wire):
    itemName: str
    itemCode: Text = ""
    itemPrice: Int
    itemPriceBaseField: str | None = None
    itemPriceMin1: OptInt = None
    itemPriceMin2: OptInt = None
    itemPriceMin3: OptInt = None
    itemPriceMax1: OptInt = None
    itemPriceMax2: OptInt = None
    itemPriceMax3: OptInt = None
    itemCaption: Text = ""
    catchcopy: Text = ""
    itemUrl: str
    affiliateUrl: Text = ""
    shopName: Text = ""
    shopCode: Text = ""
    shopUrl: Text = ""
    mediumImageUrls: Images = []
    smallImageUrls: Images = []
    availability: OptInt = None
    taxFlag: OptInt = None
    postageFlag: OptInt = None
    shopOfTheYearFlag: OptInt = None
    pointRate: OptInt = None
    pointRateStartTime: Text = ""
    pointRateEndTime: Text = ""


class _BooksItem(_Wire):
    title: str
    subTitle: Text = ""
    author: Text = ""
    artistName: Text = ""
    publisherName: Text = ""
    label: Text = ""
    isbn: Text = ""
    jan: Text = ""
    itemCaption: Text = ""
    salesDate: Text = ""
    itemPrice: Int
    listPrice: OptInt = None
    itemUrl: str
    affiliateUrl: Text = ""
    mediumImageUrl: Text = ""
    largeImageUrl: Text = ""
    availability: Text = ""
    postageFlag: OptInt = None
