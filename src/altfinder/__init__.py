"""altfinder: where can I still buy this, and what will it really cost?

Give it a JAN/EAN barcode, an ISBN, an ASIN or an Amazon product URL; it asks Japanese
marketplaces at once, checks every offer is the same product, and ranks the offers by
effective price (price + shipping − points), adjusted for condition and risk, with
every rank explained in yen.

Example:
    >>> from altfinder import find_alternatives, parse_code
    >>> parse_code("4902370548495").kind
    'jan'
"""

from altfinder.batch import (
    BatchProgress,
    find_alternatives_many,
    find_alternatives_many_sync,
)
from altfinder.cache import HttpCache
from altfinder.codes import ProductCode, parse_code
from altfinder.errors import (
    AltfinderError,
    AuthenticationError,
    BlockedError,
    ConfigurationError,
    InvalidCodeError,
    ParseError,
    RateLimitedError,
    RequestRejectedError,
    SourceError,
    SourceTimeoutError,
    SourceUnavailableError,
    UnknownSourceError,
)
from altfinder.finder import afind_alternatives, find_alternatives
from altfinder.matching import Match, MatchKind, match_title, match_titles
from altfinder.models import (
    AuctionInfo,
    Condition,
    ExcludedOffer,
    ExclusionReason,
    Flag,
    Identity,
    Offer,
    Product,
    RankedOffer,
    RatingScale,
    Results,
    ScoreTerm,
    Seller,
    SourceFailure,
    SourceStatus,
)
from altfinder.ranking import PointsProfile, RankingPolicy, rank_offers

__version__ = "0.1.0"

__all__ = [
    "AltfinderError",
    "AuctionInfo",
    "AuthenticationError",
    "BatchProgress",
    "BlockedError",
    "Condition",
    "ConfigurationError",
    "ExcludedOffer",
    "ExclusionReason",
    "Flag",
    "HttpCache",
    "Identity",
    "InvalidCodeError",
    "Match",
    "MatchKind",
    "Offer",
    "ParseError",
    "PointsProfile",
    "Product",
    "ProductCode",
    "RankedOffer",
    "RankingPolicy",
    "RateLimitedError",
    "RatingScale",
    "RequestRejectedError",
    "Results",
    "ScoreTerm",
    "Seller",
    "SourceError",
    "SourceFailure",
    "SourceStatus",
    "SourceTimeoutError",
    "SourceUnavailableError",
    "UnknownSourceError",
    "__version__",
    "afind_alternatives",
    "find_alternatives",
    "find_alternatives_many",
    "find_alternatives_many_sync",
    "match_title",
    "match_titles",
    "parse_code",
    "rank_offers",
]
