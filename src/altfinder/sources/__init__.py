"""Marketplace adapters and their registry.

Built-in sources are listed in :data:`BUILTIN`; third-party packages add theirs through
the ``altfinder.sources`` entry-point group (each entry point names a
:class:`~altfinder.sources.base.Source` subclass)::

    [project.entry-points."altfinder.sources"]
    myshop = "myshop_altfinder:MyShop"

Example:
    >>> from altfinder.sources import get_source_class, registered_sources
    >>> get_source_class("yahoo_shopping").__name__
    'YahooShopping'
    >>> "yahoo_shopping" in registered_sources()
    True
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.metadata import entry_points

from altfinder.errors import ConfigurationError, UnknownSourceError
from altfinder.sources.amazon import AmazonOffers
from altfinder.sources.amazon_creators import AmazonCreators
from altfinder.sources.base import SearchContext, Source
from altfinder.sources.bookoff import Bookoff
from altfinder.sources.mercari import Mercari
from altfinder.sources.rakuten import RakutenIchiba
from altfinder.sources.surugaya import Surugaya
from altfinder.sources.yahoo_auctions import YahooAuctions
from altfinder.sources.yahoo_shopping import YahooShopping

__all__ = [
    "BUILTIN",
    "SOURCES_ENV",
    "AmazonCreators",
    "AmazonOffers",
    "Bookoff",
    "Mercari",
    "RakutenIchiba",
    "SearchContext",
    "Source",
    "Surugaya",
    "YahooAuctions",
    "YahooShopping",
    "default_sources",
    "get_source_class",
    "registered_sources",
    "resolve_sources",
]

logger = logging.getLogger("altfinder.sources")

#: The sources that ship with altfinder, by registered name.
BUILTIN: dict[str, type[Source]] = {
    YahooShopping.name: YahooShopping,
    Surugaya.name: Surugaya,
    Bookoff.name: Bookoff,
    Mercari.name: Mercari,
    YahooAuctions.name: YahooAuctions,
    RakutenIchiba.name: RakutenIchiba,
    AmazonOffers.name: AmazonOffers,
    AmazonCreators.name: AmazonCreators,
}


@cache
def _plugins() -> dict[str, type[Source]]:
    found: dict[str, type[Source]] = {}
    for entry in entry_points(group="altfinder.sources"):
        if entry.name in BUILTIN:
            continue
        try:
            cls = entry.load()
        except Exception as exc:  # a broken plugin must not break altfinder
            logger.warning("cannot load source plugin %r: %s", entry.name, exc)
            continue
        if isinstance(cls, type) and issubclass(cls, Source):
            found[entry.name] = cls
        else:
            logger.warning("source plugin %r is not a Source subclass", entry.name)
    return found


def registered_sources() -> dict[str, type[Source]]:
    """Every registered source class by name: built-in first, then plugins.

    Example:
        >>> {"rakuten", "yahoo_shopping"} <= set(registered_sources())
        True
    """
    return {**BUILTIN, **_plugins()}


def get_source_class(name: str) -> type[Source]:
    """The source class registered as ``name``.

    Raises:
        UnknownSourceError: no such source; the message lists the registered names.

    Example:
        >>> get_source_class("yahoo_shopping").label
        'Yahoo!ショッピング'
    """
    sources = registered_sources()
    try:
        return sources[name]
    except KeyError:
        raise UnknownSourceError(
            f"unknown source {name!r}; registered: {', '.join(sorted(sources))}"
        ) from None


#: ``ALTFINDER_SOURCES``: the comma-separated source names to search by default.
SOURCES_ENV = "ALTFINDER_SOURCES"


def default_sources(environ: Mapping[str, str] | None = None) -> list[Source]:
    """The sources searched when ``sources=`` is not given.

    ``ALTFINDER_SOURCES`` (``rakuten,yahoo_shopping``) names them; otherwise every
    registered source whose credentials are configured, plus the credential-free ones.

    Example:
        >>> env = {"ALTFINDER_YAHOO_CLIENT_ID": "dj00demo", "ALTFINDER_SOURCES": "yahoo_shopping"}
        >>> [s.name for s in default_sources(env)]
        ['yahoo_shopping']
    """
    env = os.environ if environ is None else environ
    named = [n.strip() for n in env.get(SOURCES_ENV, "").split(",") if n.strip()]
    if named:
        return [get_source_class(name).from_env(env) for name in dict.fromkeys(named)]
    chosen: list[Source] = []
    for cls in registered_sources().values():
        if not cls.requires_credentials() or cls.is_configured(env):
            chosen.append(cls.from_env(env))
    return chosen


def resolve_sources(sources: Iterable[Source | str] | None) -> list[Source]:
    """Turn ``sources=`` (instances or names, or ``None``) into source instances.

    Names are built from the environment; instances are used as given.

    Raises:
        ConfigurationError: an unknown name, a name whose credentials are missing, or no
            source at all.

    Example:
        >>> resolve_sources([YahooShopping(client_id="dj00demo")])[0].name
        'yahoo_shopping'
    """
    if sources is None:
        chosen = default_sources()
        if not chosen:
            variables = sorted(
                var for cls in registered_sources().values() for var in cls.credentials.values()
            )
            raise ConfigurationError(
                "no marketplace is configured: set credentials in the environment "
                f"({', '.join(variables)}) or pass sources=[...]; `altfinder demo` shows "
                "altfinder working offline against its sandbox"
            )
        return chosen
    if isinstance(sources, (str, Source)):
        sources = [sources]
    chosen = []
    seen_names: set[str] = set()
    for item in sources:
        if isinstance(item, str):
            if item in seen_names:
                continue
            seen_names.add(item)
            chosen.append(get_source_class(item).from_env())
        elif isinstance(item, Source):
            chosen.append(item)
        else:
            raise ConfigurationError(f"not a source or a source name: {item!r}")
    if not chosen:
        raise ConfigurationError("sources=[] names no source to search")
    return chosen
