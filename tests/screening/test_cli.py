"""`opspoor match` and `opspoor screen` from the command line, in every output format."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from opspoor.cli import cli


def _run(home: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--home", str(home), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_match_json_contract(home: Path, list_v1: Path) -> None:
    assert _run(home, "lists", "import", str(list_v1))[0] == 0
    code, out, _ = _run(
        home,
        "match",
        "KOSHLAF, Mohamed",
        "--schema",
        "Person",
        "--birth-date",
        "1985-12-12",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    top = data["results"][0]
    assert set(top) >= {
        "id",
        "caption",
        "schema",
        "score",
        "match",
        "datasets",
        "reference",
        "properties",
        "explanation",
    }
    assert top["id"] == "unsc-lyi-025" and top["match"] is True
    assert {"feature", "query", "candidate", "score", "why"} <= set(top["explanation"][0])


def test_match_without_lists_is_a_clear_error(home: Path) -> None:
    code, _, err = _run(home, "match", "Anyone")
    assert code == 2 and "import" in err


def test_screen_jsonl_csv_xlsx(home: Path, tmp_path: Path, list_v1: Path, people_csv: Path) -> None:
    _run(home, "lists", "import", str(list_v1))
    code, out, err = _run(home, "screen", str(people_csv), "--no-keep")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["c1", "c2", "c3", "c4"]
    assert (
        rows[0]["matches"][0]["reference"] == "unsc-lyi-025"
    )  # FtM import: the id is the reference
    assert rows[1]["matches"] == []
    assert "screened 4 rows" in err

    out_csv = tmp_path / "r.csv"
    assert _run(home, "screen", str(people_csv), "--out", str(out_csv))[0] == 0
    table = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    assert table[0]["match_id"] == "unsc-lyi-025" and table[0]["alert_status"] == "open"

    out_xlsx = tmp_path / "r.xlsx"
    assert _run(home, "screen", str(people_csv), "--out", str(out_xlsx))[0] == 0
    ws = load_workbook(out_xlsx).active
    header = [c.value for c in ws[1]]
    assert header[:3] == ["id", "input_name", "error"]
    assert ws.cell(row=2, column=header.index("match_id") + 1).value == "unsc-lyi-025"


def test_screen_without_name_column(home: Path, tmp_path: Path, list_v1: Path) -> None:
    _run(home, "lists", "import", str(list_v1))
    bad = tmp_path / "bad.csv"
    bad.write_text("id,surname\n1,Kashlaf\n", encoding="utf-8")
    code, _, err = _run(home, "screen", str(bad))
    assert code == 2 and "bad.csv" in err and "name" in err


def test_alerts_decide_via_cli(home: Path, list_v1: Path, people_csv: Path) -> None:
    _run(home, "lists", "import", str(list_v1))
    _run(home, "screen", str(people_csv))
    code, out, _ = _run(home, "alerts", "list", "--status", "open", "--json")
    alert = json.loads(out)[0]
    code, out, _ = _run(
        home,
        "alerts",
        "decide",
        str(alert["id"]),
        "--decision",
        "true_match",
        "--reviewer",
        "analyst B",
        "--reason",
        "same passport",
        "--json",
    )
    assert code == 0 and json.loads(out)["status"] == "true_match"
    code, out, _ = _run(home, "alerts", "list", "--status", "open", "--json")
    assert alert["id"] not in [a["id"] for a in json.loads(out)]
