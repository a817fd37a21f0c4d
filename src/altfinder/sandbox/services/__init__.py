"""The marketplaces the sandbox plays, one module each."""

from __future__ import annotations

from altfinder.sandbox.app import Service
from altfinder.sandbox.services.amazon import AmazonAodService
from altfinder.sandbox.services.amazon_creators import AmazonCreatorsService
from altfinder.sandbox.services.bookoff import BookoffService
from altfinder.sandbox.services.mercari import MercariService
from altfinder.sandbox.services.rakuten import RakutenService
from altfinder.sandbox.services.surugaya import SurugayaService
from altfinder.sandbox.services.yahoo_auctions import YahooAuctionsService
from altfinder.sandbox.services.yahoo_shopping import YahooShoppingService

__all__ = ["SERVICES"]

#: Every service class the sandbox runs.
SERVICES: tuple[type[Service], ...] = (
    YahooShoppingService,
    SurugayaService,
    BookoffService,
    MercariService,
    YahooAuctionsService,
    RakutenService,
    AmazonAodService,
    AmazonCreatorsService,
)
