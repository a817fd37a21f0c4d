"""Hypothesis mutations of every source's fixtures: typed errors only, never a crash or a hang.

Each registered source is run (alone, plus a stub that describes the product so that
title-searching sources search too) against mutated copies of its own fixtures under
``tests/fixtures/<source>/``: JSON with keys dropped and values swapped for other types,
and raw bodies truncated, spliced and bit-flipped. ``ALTFINDER_FUZZ_EXAMPLES`` sets the
number of mutations per fixture (15 in CI; run with 500 for a deep pass).
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from altfinder import Product, find_alternatives
from altfinder.errors import SourceError
from altfinder.sandbox import DEMO_CODE, Sandbox
from altfinder.sources import registered_sources
from altfinder.sources.base import SearchContext, Source
from tests.conftest import FIXTURES, NOW

TYPES = {".json": "application/json;charset=UTF-8", ".html": "text/html; charset=UTF-8",
         ".xml": "application/xml; charset=UTF-8"}


def _all_subclasses(cls: type) -> set[str]:
    names = {cls.__name__}
    for sub in cls.__subclasses__():
        names |= _all_subclasses(sub)
    return names


SOURCE_ERRORS = _all_subclasses(SourceError)
CASES = [
    (name, path)
    for name in registered_sources()
    for path in sorted((FIXTURES / name).glob("*"))
    if path.suffix in TYPES
]


class Describer(Source):
    name = "describer_stub"
    label = "describes the demo product"
    describes_product = True

    async def search(self, ctx: SearchContext) -> None:
        ctx.describe(Product(title="Nintendo Switch（有機ELモデル） Joy-Con(L)/(R) ホワイト",
                             brand="任天堂", model_number="HEG-S-KAAAA", jan=DEMO_CODE,
                             asin="B098RKWHHZ", asins=("B098RKWHHZ",)))


json_leaf = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                      st.floats(allow_nan=True), st.text(max_size=20))


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


@st.composite
def mutated_json(draw: st.DrawFn, value: Any) -> Any:
    """A few targeted mutations: drop a key, change a value's type, truncate a list."""
    doc = json.loads(json.dumps(value))
    paths = _paths(doc)
    for _ in range(draw(st.integers(1, 6))):
        if not paths:
            break
        path = paths[draw(st.integers(0, len(paths) - 1))]
        parent: Any = doc
        try:
            for step in path[:-1]:
                parent = parent[step]
            last = path[-1]
            action = draw(st.integers(0, 2))
            if action == 0 and isinstance(parent, dict):
                parent.pop(last, None)
            elif action == 1 and isinstance(parent[last], list):
                del parent[last][draw(st.integers(0, len(parent[last]))):]
            else:
                parent[last] = draw(json_leaf)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this path
    return doc


@st.composite
def mutated_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    cut = draw(st.integers(0, len(data)))
    body = bytearray(data[:cut] if draw(st.booleans()) else data)
    for _ in range(draw(st.integers(0, 8))):
        if not body:
            break
        at = draw(st.integers(0, len(body) - 1))
        body[at] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(body)))
        body[at:at] = draw(st.binary(max_size=40))
    return bytes(body)


@cache
def _source(name: str) -> Source:
    [source] = Sandbox(time_scale=1000).sources(names=[name])
    source.max_attempts = 1  # type: ignore[misc]  # a retry would only repeat the same body
    return source


def _run(name: str, body: bytes, content_type: str) -> None:
    source = _source(name)
    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, content=body, headers={"content-type": content_type}))
    res = find_alternatives(DEMO_CODE, sources=[source, Describer()], now=NOW, timeout=10,
                            client=httpx.AsyncClient(transport=transport))
    for failure in res.errors:
        assert failure.error_type in SOURCE_ERRORS, failure
        assert failure.error_type != "SourceTimeoutError", failure  # never a hang


@pytest.mark.parametrize(("name", "path"), CASES,
                         ids=[f"{n}:{p.name}" for n, p in CASES])
@settings(max_examples=int(os.environ.get("ALTFINDER_FUZZ_EXAMPLES", "15")), deadline=None,
          derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_mutated_fixtures_give_typed_errors_only(name: str, path: Path, data: st.DataObject
                                                 ) -> None:
    raw = path.read_bytes()
    content_type = TYPES[path.suffix]
    if path.suffix == ".json" and data.draw(st.booleans()):
        payload = json.loads(raw)
        body = json.dumps(data.draw(mutated_json(payload))).encode()
    else:
        body = data.draw(mutated_bytes(raw))
    _run(name, body, content_type)


def test_every_registered_source_has_fixtures_to_fuzz() -> None:
    fuzzed = {name for name, _ in CASES}
    assert fuzzed == set(registered_sources()), "a source without fixtures is not fuzzed"
