"""`opspoor lists import|show|diff|fetch` end to end, and versions.py on both store backends."""

from __future__ import annotations

import functools
import json
import os
import re
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from opspoor.cli import cli
from opspoor.errors import InputError
from opspoor.lists.diff import diff_views, view_of_records
from opspoor.lists.formats import read_list
from opspoor.lists.versions import import_list, records_of_version
from opspoor.settings import Settings
from opspoor.store.db import Store, open_store
from tests.conftest import shared_path
from tests.lists.conftest import EU_FIXTURE, UK_FIXTURE, UN_DEMO, copy_to


@pytest.fixture(autouse=True)
def _sqlite_home(monkeypatch: pytest.MonkeyPatch) -> None:
    # The CLI reads OPSPOOR_DB from the environment; these tests use the SQLite file in --home.
    monkeypatch.delenv("OPSPOOR_DB", raising=False)


def run(home: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--home", str(home), *args])


def counts(home: Path) -> tuple[int, int]:
    store = open_store(Settings.from_env({}, home=home))
    try:
        return len(store.list_sources()), store.count_statements()
    finally:
        store.engine.dispose()


def test_import_show_and_reimport(home: Path) -> None:
    result = run(home, "lists", "import", str(UN_DEMO))
    assert result.exit_code == 0, result.output
    parsed = read_list([UN_DEMO])
    assert (
        f"imported un_sc_sanctions version 1 published 2026-03-01T00:00:00: {len(parsed.records)} entities"
        in result.output
    )
    shown = run(home, "lists", "show", "--json")
    versions = json.loads(shown.output)
    assert [(v["dataset"], v["current"], v["entity_count"]) for v in versions] == [
        ("un_sc_sanctions", True, len(parsed.records))
    ]
    assert versions[0]["meta"]["source_counts"] == {"individuals": 11, "entities": 3}
    before = counts(home)
    again = run(home, "lists", "import", str(UN_DEMO))
    assert again.exit_code == 0
    assert "already stored as version 1" in again.output and "nothing changed" in again.output
    assert counts(home) == before
    text = run(home, "lists", "show")
    assert re.search(
        r"\*\s+1\s+un_sc_sanctions\s+2026-03-01T00:00:00\s+\d+\s+un-demo.xml", text.output
    )


def test_import_json_and_other_formats(home: Path) -> None:
    result = run(home, "lists", "import", str(UN_DEMO), "--json")
    data = json.loads(result.output)
    assert data["created"] is True
    assert data["source_counts"] == {"individuals": 11, "entities": 3}
    assert data["schemata"]["Person"] == 11
    for path, dataset in ((EU_FIXTURE, "eu_fsf"), (UK_FIXTURE, "gb_hmt_sanctions")):
        out = run(home, "lists", "import", str(path), "--json")
        assert out.exit_code == 0, out.output
        assert json.loads(out.output)["version"]["dataset"] == dataset
    shown = json.loads(run(home, "lists", "show", "--json").output)
    assert sorted(v["dataset"] for v in shown) == ["eu_fsf", "gb_hmt_sanctions", "un_sc_sanctions"]
    assert all(v["current"] for v in shown)


def _refs(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    return {r.strip() for r in re.findall(r"<REFERENCE_NUMBER>([^<]+)</REFERENCE_NUMBER>", text)}


def _block(path: Path, ref: str) -> str:
    """The raw XML of one listing."""
    text = path.read_text(encoding="utf-8")
    at = text.index(f"<REFERENCE_NUMBER>{ref}<")
    return text[text.rindex("<INDIVIDUAL>", 0, at) : text.index("</INDIVIDUAL>", at)]


@pytest.mark.shared_data
def test_diff_2024_to_2026(home: Path) -> None:
    old = shared_path("sanctions", "un-consolidated-2024-09-26.xml")
    new = shared_path("sanctions", "un-consolidated-2026-02-27.xml")
    result = run(home, "lists", "diff", str(old), str(new), "--json")
    assert result.exit_code == 0, result.output
    d = json.loads(result.output)
    added = {p["reference"] for p in d["added"]}
    removed = {p["reference"] for p in d["removed"]}
    old_refs, new_refs = _refs(old), _refs(new)
    # the diff is exactly the set difference of the files' references ...
    assert added == new_refs - old_refs
    assert removed == old_refs - new_refs
    # ... and concrete entries read off the XML: the Haiti gangs are new, LYi.020 was delisted
    for ref in ("HTe.001", "HTi.006", "IRe.001"):
        assert ref in added and ref not in old_refs and ref in new_refs
    for ref in ("LYi.020", "QDi.095", "IQi.074"):
        assert ref in removed and ref in old_refs and ref not in new_refs
    assert d["counts"]["added"] == 134 and d["counts"]["removed"] == 6
    changed = {p["reference"]: p["fields"] for p in d["changed"]}
    # CDi.003 gained a second place of birth (Ruhengeri) in 2026
    assert changed["CDi.003"]["birthPlace"] == {"added": ["Ruhengeri, Rwanda"], "removed": []}
    assert "Ruhengeri" not in _block(old, "CDi.003") and "Ruhengeri" in _block(new, "CDi.003")
    unchanged_libya = {f"LYi.02{i}" for i in range(1, 7)} - set(changed)
    assert unchanged_libya == {f"LYi.02{i}" for i in range(1, 7)}

    # the same diff between stored versions, by version id
    assert run(home, "lists", "import", str(old)).exit_code == 0
    assert run(home, "lists", "import", str(new)).exit_code == 0
    by_id = json.loads(run(home, "lists", "diff", "1", "2", "--json").output)
    assert by_id["counts"] == d["counts"]
    assert {p["reference"] for p in by_id["added"]} == added
    text = run(home, "lists", "diff", "1", "2", "--limit", "3")
    assert "134 added, 6 removed" in text.output
    assert "- LYi.020" in text.output


def test_diff_refuses_unknown_version(home: Path) -> None:
    result = run(home, "lists", "diff", "7", "8")
    assert result.exit_code == 2
    assert "no stored list version 7" in result.output


# -- bad input: a clear error, and the store as it was --------------------------------------
def _truncated(tmp: Path) -> Path:
    data = UN_DEMO.read_bytes()
    path = tmp / "truncated.xml"
    path.write_bytes(data[: data.index(b"<REFERENCE_NUMBER>LYi.024")])
    return path


def _wrong_encoding(tmp: Path) -> Path:
    path = tmp / "latin1.xml"
    path.write_bytes(
        UN_DEMO.read_text(encoding="utf-8")
        .replace("Demović", "Demovíc")
        .encode("latin-1", "replace")
    )
    return path


def _empty(tmp: Path) -> Path:
    path = tmp / "empty.xml"
    path.write_bytes(b"")
    return path


def _broken_csv(tmp: Path) -> Path:
    text = UK_FIXTURE.read_text(encoding="utf-8")
    path = tmp / "ConList.csv"
    path.write_text(text.replace("KESLAF,,", "KESLAF,,,", 1), encoding="utf-8")
    return path


def _oversized(tmp: Path) -> Path:
    path = tmp / "huge.xml"
    path.write_bytes(b"")
    os.truncate(path, 200 * 1024 * 1024)  # sparse: takes no disk space
    return path


BAD_INPUTS: dict[str, tuple[Callable[[Path], Path], str, bool]] = {
    # name: (maker, words the message must hold, whether it names a line)
    "truncated": (_truncated, "not well-formed XML", True),
    "wrong-encoding": (_wrong_encoding, "not well-formed XML", True),
    "empty": (_empty, "file is empty", False),
    "broken-csv-row": (_broken_csv, "row has 37 fields", True),
    "oversized": (_oversized, "file is 210 MB", False),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_through_the_cli(home: Path, tmp_path: Path, case: str) -> None:
    maker, words, has_line = BAD_INPUTS[case]
    assert run(home, "lists", "import", str(UN_DEMO)).exit_code == 0
    before = counts(home)
    path = maker(tmp_path)
    result = run(home, "lists", "import", str(path))
    assert result.exit_code == 2
    assert f"Error: {path}" in result.output
    assert words in result.output
    assert ("line " in result.output) == has_line
    assert "Traceback" not in result.output
    assert counts(home) == before


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_through_import_list(store: Store, tmp_path: Path, case: str) -> None:
    maker, words, has_line = BAD_INPUTS[case]
    import_list(store, [UN_DEMO])
    before = (len(store.list_sources()), store.count_statements())
    path = maker(tmp_path)
    with pytest.raises(InputError) as err:
        import_list(store, [path])
    assert err.value.path == str(path)
    assert words in err.value.message
    assert (err.value.line is not None) == has_line
    assert (len(store.list_sources()), store.count_statements()) == before


# -- versions.py on SQLite and PostgreSQL ---------------------------------------------------
def test_versions_roundtrip(store: Store, tmp_path: Path) -> None:
    first = import_list(store, [UN_DEMO])
    assert first.created and first.previous is None
    parsed = first.parsed
    assert parsed is not None
    stored = records_of_version(store, first.source.id)
    assert sorted(r.id for r in stored) == sorted(r.id for r in parsed.records)
    assert {r.reference for r in stored if r.reference} == {
        r.reference for r in parsed.main_records()
    }
    assert import_list(store, [UN_DEMO]).created is False
    assert len(store.list_sources()) == 1

    kashlaf = store.get_entity("unsc-lyi-025")
    assert kashlaf is not None and kashlaf.reference == "LYi.025"
    assert kashlaf.entity.get("weakAlias") == ["Keslaf"]
    rows = {(p["prop"], p["value"]): p for p in store.provenance("unsc-lyi-025")}
    arabic = rows[("alias", "محمد الأمين العربي كشلاف")]
    assert arabic["lang"] == "ara"
    line = int(arabic["location"].rsplit("line ", 1)[1].rstrip(")"))
    assert "NAME_ORIGINAL_SCRIPT" in UN_DEMO.read_text(encoding="utf-8").splitlines()[line - 1]
    assert arabic["first_seen"] == "2026-03-01T00:00:00"

    # a later version: one invented entry delisted, another listed, one name changed
    text = UN_DEMO.read_text(encoding="utf-8")
    start = text.index("    <INDIVIDUAL>\n      <DATAID>9000005")
    end = text.index("</INDIVIDUAL>", start) + len("</INDIVIDUAL>\n")
    later = text[:start] + text[end:]
    for before, after in (
        ("XXe.003", "XXe.004"),
        ("Northwind Demo Maritime", "Northwind Demo Marine"),
        ('dateGenerated="2026-03-01T00:00:00.000Z"', 'dateGenerated="2026-04-01T00:00:00.000Z"'),
    ):
        later = later.replace(before, after)
    path = tmp_path / "consolidated.xml"
    path.write_text(later, encoding="utf-8")
    second = import_list(store, [path])
    assert second.created and second.previous is not None and second.previous.id == first.source.id
    assert store.current_source_ids() == [second.source.id]
    rows = {
        (p["prop"], p["value"]): p
        for p in store.provenance("unsc-lyi-025", source_ids=[second.source.id])
    }
    assert rows[("alias", "Koshlaf")]["first_seen"] == "2026-03-01T00:00:00"  # carried over
    assert rows[("alias", "Koshlaf")]["last_seen"] == "2026-04-01T00:00:00"
    d = diff_views(
        view_of_records(records_of_version(store, first.source.id)),
        view_of_records(records_of_version(store, second.source.id)),
    )
    assert [p.reference for p in d.added] == ["XXe.004"]
    assert sorted(p.reference for p in d.removed) == ["XXe.003", "XXi.005"]
    assert [(p.reference, f["alias"]) for p, f in d.changed] == [
        ("XXe.001", {"added": ["Northwind Demo Marine"], "removed": ["Northwind Demo Maritime"]})
    ]


# -- fetch from a local web server ----------------------------------------------------------
@pytest.fixture
def web_root(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    root = tmp_path / "www"
    root.mkdir()

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_fetch_imports_what_it_downloads(home: Path, web_root: tuple[Path, str]) -> None:
    root, base = web_root
    copy_to(root, UN_DEMO, "consolidated.xml")
    copy_to(root, UK_FIXTURE, "ConList.csv")
    copy_to(root, EU_FIXTURE, "export.xml")
    un = run(home, "lists", "fetch", "un", "--url", f"{base}/consolidated.xml", "--json")
    assert un.exit_code == 0, un.output
    data = json.loads(un.output)
    assert data["created"] and data["version"]["dataset"] == "un_sc_sanctions"
    assert data["version"]["label"] == "consolidated.xml"
    assert run(home, "lists", "fetch", "uk", "--url", f"{base}/ConList.csv").exit_code == 0
    assert run(home, "lists", "fetch", "eu", "--url", f"{base}/export.xml").exit_code == 0
    again = run(home, "lists", "fetch", "un", "--url", f"{base}/consolidated.xml")
    assert "nothing changed" in again.output
    datasets = sorted(v["dataset"] for v in json.loads(run(home, "lists", "show", "--json").output))
    assert datasets == ["eu_fsf", "gb_hmt_sanctions", "un_sc_sanctions"]


def test_fetch_refuses_broken_downloads(home: Path, web_root: tuple[Path, str]) -> None:
    root, base = web_root
    assert run(home, "lists", "import", str(UN_DEMO)).exit_code == 0
    before = counts(home)
    _truncated(root).rename(root / "consolidated.xml")
    broken = run(home, "lists", "fetch", "un", "--url", f"{base}/consolidated.xml")
    assert broken.exit_code == 2
    assert "did not validate" in broken.output and "line" in broken.output
    missing = run(home, "lists", "fetch", "uk", "--url", f"{base}/nothing-here.csv")
    assert missing.exit_code == 2
    assert "HTTP 404" in missing.output
    assert counts(home) == before


@pytest.mark.shared_data
def test_real_file_imports_whole_and_reimport_is_a_no_op(store: Store) -> None:
    path = shared_path("sanctions", "un-consolidated-2026-02-27.xml")
    first = import_list(store, [path])
    assert first.created and first.parsed is not None
    assert first.source.entity_count == len(first.parsed.records)
    assert first.source.published_at == "2026-02-27T00:00:09"
    stored_refs = {e.reference for e in store.iter_entities() if e.reference}
    assert len(stored_refs) == 730 + 273
    before = (len(store.list_sources()), store.count_statements())
    again = import_list(store, [path])
    assert not again.created and again.source.id == first.source.id
    assert (len(store.list_sources()), store.count_statements()) == before
