"""`opspoor signals scan` and `opspoor signals rules` (files; URLs are in tests/crawl)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from opspoor.cli import cli


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_scan_one_file_prints_one_object(tmp_path: Path) -> None:
    ad = tmp_path / "ad.txt"
    ad.write_text("Escort Lisa, jong meisje, bel nul zes 12 34 56 78", encoding="utf-8")
    code, out = run("signals", "scan", str(ad), "--json")
    assert code == 0
    obj = json.loads(out)
    assert obj["path"] == str(ad) and obj["flagged"] is True and obj["score"] > 0
    rules = {f["rule"] for f in obj["flags"]}
    assert {"nl_police.young_age", "evasion.obscured_phone"} <= rules
    text = ad.read_text(encoding="utf-8")
    assert all(text[f["start"] : f["end"]] == f["text"] for f in obj["flags"])
    assert obj["identifiers"][0]["normalized"] == "+31612345678"


def test_scan_several_inputs_prints_an_array_and_links_shared_phones(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Escort, ik ben Lisa. Bel 06-11223344", encoding="utf-8")
    (tmp_path / "b.html").write_text(
        "<html><head><title>Mia</title></head><body><nav>menu</nav><p>Escort, ik ben Mia. Bel 06-11223344</p></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "c.txt").write_text("Te koop: fiets.", encoding="utf-8")
    code, out = run("signals", "scan", str(tmp_path), "--json")
    assert code == 0
    objs = json.loads(out)
    assert [Path(o["path"]).name for o in objs] == ["a.txt", "b.html", "c.txt"]
    assert [o["flagged"] for o in objs] == [True, True, False]
    assert all(any(f["rule"] == "nl_police.shared_phone" for f in o["flags"]) for o in objs[:2])


def test_scan_text_output_explains_the_score(tmp_path: Path) -> None:
    ad = tmp_path / "ad.txt"
    ad.write_text("Escort Lisa, 24/7 beschikbaar", encoding="utf-8")
    code, out = run("signals", "scan", str(ad))
    assert code == 0
    assert "FLAGGED" in out and "+0.30 excessive_availability" in out and "'24/7'" in out


def test_scan_money_domain_only_when_asked(tmp_path: Path) -> None:
    tx = tmp_path / "tx.txt"
    tx.write_text("CARD PURCHASE ESCORT ADS PREMIUM LISTING 49.00", encoding="utf-8")
    assert json.loads(run("signals", "scan", str(tx), "--json")[1])["flags"] == []
    flags = json.loads(run("signals", "scan", str(tx), "--json", "--domain", "money")[1])["flags"]
    assert [f["rule"] for f in flags] == ["money.escort_ad_payments"]


def test_scan_bad_inputs_give_clear_errors(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = CliRunner().invoke(cli, ["signals", "scan", str(missing)])
    assert (
        result.exit_code == 2 and "no such file" in result.output and str(missing) in result.output
    )
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    result = CliRunner().invoke(cli, ["signals", "scan", str(binary)])
    assert result.exit_code == 2 and "binary" in result.output
    latin = tmp_path / "l.txt"
    latin.write_bytes("café".encode("latin-1"))
    result = CliRunner().invoke(cli, ["signals", "scan", str(latin)])
    assert result.exit_code == 2 and "not UTF-8" in result.output
    result = CliRunner().invoke(cli, ["signals", "scan", str(latin), "--ruleset", "nope"])
    assert result.exit_code == 2 and "unknown rule set" in result.output


def test_rules_lists_every_rule_with_sources() -> None:
    code, out = run("signals", "rules", "--json")
    assert code == 0
    rules = json.loads(out)
    assert len(rules) >= 40
    assert all(r["sources"] and all(s["url"] for s in r["sources"]) for r in rules)
    code, out = run("signals", "rules", "--ruleset", "ilo_forced_labour")
    assert code == 0 and sum(line.startswith("ilo.") for line in out.splitlines()) == 11
