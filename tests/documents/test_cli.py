"""`opspoor documents extract | add | hits`: the JSON contract, folders, per-file errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from opspoor.cli import cli
from tests.documents.conftest import DOCS, UN_DEMO
from tests.documents.makers import make_eml, make_pdf, make_zip_bomb


@pytest.fixture
def runner() -> CliRunner:
    return (
        CliRunner(mix_stderr=False)
        if "mix_stderr" in CliRunner.__init__.__code__.co_varnames
        else CliRunner()
    )


def run(runner: CliRunner, home: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["--home", str(home), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_extract_json_follows_the_contract(runner: CliRunner, home: Path) -> None:
    assert run(runner, home, "lists", "import", str(UN_DEMO))[0] == 0
    code, out, _ = run(
        runner, home, "documents", "extract", str(DOCS / "nl-nieuws-kustwacht-zawiya.txt"), "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert isinstance(data, dict)
    assert {"path", "language", "mentions", "identifiers", "relations"} <= set(data)
    assert data["language"] == "nl"
    mention = next(m for m in data["mentions"] if m["text"] == "Mohammed Kachlaf")
    assert set(mention) == {"text", "type", "start", "end", "matches"}
    [match] = mention["matches"]
    assert {
        "id",
        "caption",
        "schema",
        "score",
        "match",
        "datasets",
        "reference",
        "properties",
        "explanation",
    } <= set(match)
    assert match["reference"] == "LYi.025" and match["match"] is True
    assert all(
        set(i) == {"type", "value", "normalized", "start", "end"} for i in data["identifiers"]
    )
    relation = data["relations"][0]
    assert {"schema", "role", "subject", "object", "sentence", "start", "end"} <= set(relation)


def test_extract_several_inputs_gives_one_array(runner: CliRunner, home: Path) -> None:
    code, out, _ = run(
        runner,
        home,
        "documents",
        "extract",
        "--no-screen",
        "--json",
        str(DOCS / "en-bank-letter.txt"),
        str(DOCS / "nl-tip-met-bijlagen.eml"),
    )
    assert code == 0
    data = json.loads(out)
    assert [Path(d["path"]).name for d in data] == ["en-bank-letter.txt", "nl-tip-met-bijlagen.eml"]
    [attachment] = data[1]["attachments"]
    assert attachment["path"].endswith("> berichten.txt")
    assert all(m["matches"] == [] for d in data for m in d["mentions"])


def test_extract_bad_single_file_exits_2_with_its_name(
    runner: CliRunner, home: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    code, _out, err = run(runner, home, "documents", "extract", "--no-screen", str(bad))
    assert code == 2
    assert "binary.txt" in err and "binary" in err


def test_add_folder_reports_bad_files_and_stores_the_rest(
    runner: CliRunner, home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(DOCS / "nl-nieuws-kustwacht-zawiya.txt", folder / "artikel.txt")
    shutil.copy(DOCS / "en-panel-summary.pdf", folder / "sub" / "panel.pdf")
    (folder / "sub" / "kapot.pdf").write_bytes(make_pdf([["x"]])[:50] + b"\x00" * 30)
    (folder / "foto.txt").write_bytes(b"\x89PNG\x00\x00" * 50)
    (folder / "bom.eml").write_bytes(
        make_eml(
            "Bom",
            "Idris Ben Salem stuurt dit.",
            [("bom.zip", make_zip_bomb(150), "application/zip")],
        )
    )
    (folder / ".hidden.txt").write_text("Idris Ben Salem")
    assert run(runner, home, "lists", "import", str(UN_DEMO))[0] == 0

    code, out, err = run(runner, home, "documents", "add", str(folder), "--json")
    assert code == 1
    report = {Path(r["path"].split(" > ")[0]).name: r for r in json.loads(out)}
    assert set(report) == {"artikel.txt", "panel.pdf", "kapot.pdf", "foto.txt", "bom.eml"}
    assert "kapot.pdf" in report["kapot.pdf"]["error"] and "foto.txt" in report["foto.txt"]["error"]
    assert report["artikel.txt"]["created"] and report["artikel.txt"]["hits"] >= 2
    assert report["bom.eml"]["created"] and "zip bomb" in report["bom.eml"]["errors"][0]
    assert "kapot.pdf" in err and "foto.txt" in err and "bom.zip" in err

    code, out, _ = run(runner, home, "documents", "add", str(folder / "artikel.txt"))
    assert code == 0 and "0 documents, 1 already stored" in out

    code, out, _ = run(runner, home, "documents", "hits", "--json")
    assert code == 0
    refs = {h["name"]: h["matches"][0]["reference"] for h in json.loads(out)}
    assert refs["Mohammed Kachlaf"] == "LYi.025" and refs["Abd Al Rahman Al-Milad"] == "LYi.026"
    assert refs["Vilmar Demovic"] == "XXi.001"


def test_hits_without_lists_says_what_to_do(runner: CliRunner, home: Path) -> None:
    code, _out, err = run(runner, home, "documents", "hits")
    assert code == 2 and "opspoor lists import" in err
