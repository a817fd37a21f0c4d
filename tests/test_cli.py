"""The command line: demo, find, exit codes, JSON."""

from __future__ import annotations

import json

import pytest

from altfinder.cli import main


def test_demo_prints_ranked_explained_offers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--sandbox-speed", "50"]) == 0
    out = capsys.readouterr().out
    assert "Nintendo Switch" in out and "= effective price" in out and "yahoo_shopping" in out
    assert "✓ yahoo_shopping" in out
    assert "Web Services by Yahoo! JAPAN" in out and "Supported by Rakuten Developers" in out


def test_bad_code_exits_2_with_the_reason(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["find", "4902370548494"]) == 2
    assert "check digit" in capsys.readouterr().err


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["find", "--sandbox", "--sandbox-speed", "50", "9784873115658", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["code"]["kind"] == "isbn" and data["offers"]


def test_nothing_found_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["find", "--sandbox", "--sandbox-speed", "50", "4901234567894"]) == 1
    assert "No offers found" in capsys.readouterr().out


def test_unconfigured_source_exits_2(monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("ALTFINDER_YAHOO_CLIENT_ID", raising=False)
    assert main(["find", "4902370548495", "--source", "yahoo_shopping"]) == 2
    assert "ALTFINDER_YAHOO_CLIENT_ID" in capsys.readouterr().err


def test_sources_lists_registered(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources"]) == 0
    assert "yahoo_shopping" in capsys.readouterr().out


def test_show_excluded(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--sandbox-speed", "50", "--show-excluded"]) == 0
    out = capsys.readouterr().out
    assert "out_of_stock" in out and "other_product" in out
