"""`opspoor users ...` and `opspoor cases ...` from the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from opspoor.cli import cli
from tests.web.demo_data import Demo


def run(home: Path, *args: str, input: str | None = None) -> str:
    result = CliRunner().invoke(
        cli, ["--home", str(home), *args], input=input, catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_users_and_cases_from_the_command_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert "added amina (analyst, team hotline)" in run(
        home,
        "users",
        "add",
        "amina",
        "--role",
        "analyst",
        "--team",
        "hotline",
        "--password-stdin",
        input="a long password\n",
    )
    run(
        home,
        "users",
        "add",
        "ada",
        "--role",
        "admin",
        "--password-stdin",
        input="another password\n",
    )
    listed = json.loads(run(home, "users", "list", "--json"))
    assert [(u["username"], u["role"], u["team"]) for u in listed] == [
        ("ada", "admin", None),
        ("amina", "analyst", "hotline"),
    ]
    token = run(home, "users", "token", "amina", "--label", "bank").strip()
    assert token.startswith("ops_")
    assert "revoked 1 token" in run(home, "users", "revoke-tokens", "amina")
    case = json.loads(run(home, "cases", "new", "From the shell", "--team", "hotline", "--json"))[
        "id"
    ]
    run(home, "cases", "note", str(case), "first note", "--as", "amina")
    run(home, "cases", "status", str(case), "closed", "--reason", "nothing in it")
    shown = json.loads(run(home, "cases", "show", str(case), "--json", "--as", "amina"))
    assert shown["case"]["status"] == "closed" and shown["notes"][0]["body"] == "first note"
    out = run(home, "cases", "audit", "--case", str(case), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["actor"], r["action"]) for r in rows] == [
        (rows[0]["actor"], "case.create"),
        ("amina", "case.note.add"),
        (rows[0]["actor"], "case.status"),
        ("amina", "case.read"),
    ]
    assert rows[0]["actor"].startswith("cli:")
    run(home, "cases", "retention", "set", "--days", "0", "--action", "delete")
    report = json.loads(run(home, "cases", "retention", "apply", "--json"))
    assert report["closed_cases"]["cases"] == [case]
    assert "[]" in run(home, "cases", "list", "--json")


def test_errors_are_one_line_messages(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = CliRunner().invoke(cli, ["--home", str(home), "cases", "show", "42"])
    assert result.exit_code == 2 and "no case 42" in result.output
    result = CliRunner().invoke(
        cli,
        ["--home", str(home), "users", "add", "x", "--role", "viewer", "--password-stdin"],
        input="a long password\n",
    )
    assert result.exit_code == 2 and "team" in result.output


def test_dossier_command(demo: Demo, tmp_path: Path) -> None:
    home = demo.store.settings.home
    out = tmp_path / "dossier"
    data = json.loads(
        run(
            home,
            "cases",
            "dossier",
            str(demo.cases["hotline"]),
            "--out",
            str(out),
            "--no-pdf",
            "--json",
            "--as",
            "amina",
        )
    )
    assert data["facts"] > 20 and set(data["files"]) == {"html", "bundle", "statements", "manifest"}
    assert (out / "dossier.html").read_text().count('class="fact-link"') == data["facts"]
    result = CliRunner().invoke(
        cli,
        [
            "--home",
            str(home),
            "cases",
            "dossier",
            str(demo.cases["hotline"]),
            "--out",
            str(tmp_path / "no"),
            "--as",
            "bruno",
        ],
    )
    assert result.exit_code == 2 and "another team" in result.output
