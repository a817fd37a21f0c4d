"""Points, tax and point-campaign arithmetic: what a Rakuten purchase really earns.

Prices are compared tax included (an item listed without tax, ``taxFlag`` 1, gets 10 %).
Rakuten gives ``floor(tax-excluded price × rate / 100)`` points, where the rate is an
item's campaign ``pointRate`` while its ``[pointRateStartTime, pointRateEndTime]`` window
(JST, minute precision) is open and 1 otherwise, plus the user's own bonus (SPU).

Example:
    >>> rakuten_points(1100)  # 1,000 yen before tax, the base rate 1
    10
"""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_FLOOR, Decimal

from altfinder.models import JST


def _tax_included(price: int, *, tax_excluded: bool) -> int:
    """The price with the 10 % consumption tax (floored) when it was listed without it."""
    return price * 11 // 10 if tax_excluded else price


def _parse_time(text: str) -> datetime | None:
    """``YYYY-MM-DD HH:MM`` (JST) to a minute-precision datetime; ``None`` when empty."""
    text = text.strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S",
                "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"):
        try:
            moment = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return moment.replace(second=0, tzinfo=JST)
    raise ValueError(f"unreadable time {text!r}")


def rakuten_points(
    price: int,
    *,
    tax_excluded: bool = False,
    point_rate: int | None = 1,
    start: str = "",
    end: str = "",
    now: datetime | None = None,
    bonus_percent: float = 0.0,
) -> int:
    """The points an item earns at ``now``.

    ``points = floor(tax-excluded price × rate / 100)``: the tax-excluded price is
    ``floor(price / 1.1)`` for a tax-included price, or the listed price itself when
    ``tax_excluded`` (``taxFlag`` 1); ``rate`` is ``point_rate`` when ``now`` lies inside
    ``[start, end]`` (JST, minute precision, both ends inclusive; an empty end is open),
    otherwise 1; ``bonus_percent`` (the user's SPU and the like) is added to the rate.

    Raises:
        ValueError: ``start`` or ``end`` is not a ``YYYY-MM-DD HH:MM`` time.

    Example:
        >>> from datetime import datetime
        >>> from altfinder.models import JST
        >>> inside = datetime(2026, 3, 19, 13, 59, 59, tzinfo=JST)
        >>> rakuten_points(6587, point_rate=5, start="2026-03-13 19:00",
        ...                end="2026-03-19 13:59", now=inside)
        299
        >>> rakuten_points(6587, point_rate=5, start="2026-03-13 19:00",
        ...                end="2026-03-19 13:59", now=datetime(2026, 3, 19, 14, 0, tzinfo=JST))
        59
        >>> rakuten_points(1000, tax_excluded=True, bonus_percent=3)
        40
    """
    base = price if tax_excluded else price * 10 // 11  # floor(price / 1.1), exactly
    rate = 1
    if point_rate is not None and point_rate > 1:
        starts, ends = _parse_time(start), _parse_time(end)
        moment = now or datetime.now(JST)
        moment = moment.replace(tzinfo=JST) if moment.tzinfo is None else moment.astimezone(JST)
        moment = moment.replace(second=0, microsecond=0)
        if (starts is None or starts <= moment) and (ends is None or moment <= ends):
            rate = point_rate
    total = Decimal(rate) + Decimal(str(bonus_percent))
    points = (Decimal(base) * total / 100).to_integral_value(rounding=ROUND_FLOOR)
    return max(int(points), 0)
