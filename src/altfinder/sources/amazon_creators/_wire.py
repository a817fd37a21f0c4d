"""The Creators API's wire shapes: pydantic models of its JSON (lowerCamelCase) answers.

``_GetItems`` / ``_SearchItems`` are the catalog's answers (their items are read one by one
in ``_parse``, so one unreadable item does not lose the page); ``_TokenAnswer`` is the
token endpoint's. Unknown fields are ignored.

Example:
    >>> _Item.model_validate({"asin": "B098RKWHHZ", "offersV2": {"listings": []}}).asin
    'B098RKWHHZ'
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator


class _Wire(BaseModel):
    model_config = ConfigDict(extra="ignore")


class _Money(_Wire):
    amount: float | None = None
    currency: str | None = None
    displayAmount: str | None = None


class _SavingBasis(_Wire):
    money: _Money | None = None
    savingBasisType: str | None = None
    savingBasisTypeLabel: str | None = None


class _Price(_Wire):
    money: _Money | None = None
    savingBasis: _SavingBasis | None = None


class _ListingCondition(_Wire):
    value: str | None = None
    subCondition: str | None = None
    conditionNote: str | None = None

    @field_validator("value", "subCondition", "conditionNote", mode="before")
    @classmethod
    def _plain(cls, raw: Any) -> Any:
        # OffersV2 sends plain strings; tolerate the v1 {"Value": ...} objects too.
        if isinstance(raw, dict):
            return raw.get("value") or raw.get("Value") or raw.get("displayValue")
        return raw


class _Merchant(_Wire):
    id: str | None = None
    name: str | None = None


class _Availability(_Wire):
    type: str | None = None
    message: str | None = None
    maxOrderQuantity: int | str | None = None


class _Points(_Wire):
    points: int | None = None


class _Deal(_Wire):
    accessType: str | None = None
    badge: str | None = None
    startTime: str | None = None
    endTime: str | None = None


class _Listing(_Wire):
    availability: _Availability | None = None
    condition: _ListingCondition | None = None
    dealDetails: _Deal | None = None
    isBuyBoxWinner: bool | None = None
    loyaltyPoints: _Points | None = None
    merchantInfo: _Merchant | None = None
    price: _Price | None = None
    type: str | None = None


class _Offers(_Wire):
    listings: list[dict[str, Any]] = []


class _Single(_Wire):
    displayValue: str | None = None


class _Multi(_Wire):
    displayValues: list[str] = []


class _ExternalIds(_Wire):
    eans: _Multi | None = None
    isbns: _Multi | None = None
    upcs: _Multi | None = None


class _ByLine(_Wire):
    brand: _Single | None = None
    manufacturer: _Single | None = None


class _Manufacture(_Wire):
    model: _Single | None = None
    itemPartNumber: _Single | None = None


class _ItemInfo(_Wire):
    title: _Single | None = None
    byLineInfo: _ByLine | None = None
    externalIds: _ExternalIds | None = None
    manufactureInfo: _Manufacture | None = None


class _Image(_Wire):
    url: str | None = None


class _Primary(_Wire):
    medium: _Image | None = None
    large: _Image | None = None
    small: _Image | None = None


class _Images(_Wire):
    primary: _Primary | None = None


class _Item(_Wire):
    asin: str
    detailPageURL: str | None = None
    images: _Images | None = None
    itemInfo: _ItemInfo | None = None
    offersV2: _Offers | None = None


class _ErrorData(_Wire):
    code: str = ""
    message: str = ""


class _ItemsResult(_Wire):
    items: list[dict[str, Any]] = []


class _SearchResult(_Wire):
    items: list[dict[str, Any]] = []
    totalResultCount: int | None = None


class _GetItems(_Wire):
    itemsResult: _ItemsResult | None = None
    errors: list[_ErrorData] = []


class _SearchItems(_Wire):
    searchResult: _SearchResult | None = None
    errors: list[_ErrorData] = []


class _TokenAnswer(_Wire):
    access_token: str
    expires_in: float = 3600.0

