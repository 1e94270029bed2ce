"""Read OFAC's legacy CSV set: sdn.csv, alt.csv, add.csv and sdn_comments.csv.

    >>> parsed = read_csv_set([Path("ofac/sdn.csv"), Path("ofac/alt.csv"), Path("ofac/add.csv")])

The files have no header; "-0-" means empty; they may end with a Ctrl-Z byte and lack a final
newline. sdn_comments.csv holds the part of a Remarks field cut at OFAC's 1,000-character limit,
continued mid-word, so it is appended without a separator. Every row of every file must land
somewhere (an alias, an address, a remark): a row that cannot be read stops the import.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path

from opspoor.errors import InputError
from opspoor.lists.model import ParsedList, files_sha256
from opspoor.lists.ofac_entities import SdnAddress, SdnAlias, SdnEntry, build_records
from opspoor.lists.ofac_remarks import note, parse_remarks, split_programs

SDN, ALT, ADD, COMMENTS = "sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"
COLUMNS = {
    SDN: ("ent_num", "SDN_Name", "SDN_Type", "Program", "Title", "Call_Sign", "Vess_type",
          "Tonnage", "GRT", "Vess_flag", "Vess_owner", "Remarks"),
    ALT: ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"),
    ADD: ("ent_num", "add_num", "address", "city_state_postal", "country", "add_remarks"),
    COMMENTS: ("ent_num", "remarks_continued"),
}  # fmt: skip
REQUIRED = (SDN, ALT, ADD)
EMPTY = {"-0-", "-0"}  # "-0" : the 2019 add.csv ends cut off in the middle of its last "-0- "
SDN_TYPES = {"individual": "individual", "vessel": "vessel", "aircraft": "aircraft", "": "entity"}


def value(text: str) -> str | None:
    """A field as published, None for OFAC's empty marker."""
    text = text.strip()
    return None if not text or text in EMPTY else text


def decode(raw: bytes) -> str:
    """UTF-8 if it is, else Windows-1252, else Latin-1 (never fails); drops a final Ctrl-Z."""
    raw = raw.rstrip(b"\x1a")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def read_rows(path: Path, name: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of each row; InputError naming file and line on a broken row."""
    columns = COLUMNS[name]
    text = decode(path.read_bytes())
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError("the file holds NUL bytes: not a text file", path=path, line=line)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    last_line = 0
    while True:
        start = last_line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(
                f"cannot read the CSV row: {exc}", path=path, line=start,
                hint="a quote is probably unbalanced",
            ) from exc  # fmt: skip
        last_line = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if reader.line_num != start:
            raise InputError(
                f"the row runs over {reader.line_num - start + 1} lines",
                path=path,
                line=start,
                hint="a quote is unbalanced; OFAC's rows are one line each",
            )
        if len(row) != len(columns):
            raise InputError(
                f"expected {len(columns)} columns ({', '.join(columns)}), found {len(row)}",
                path=path,
                line=start,
                hint="a comma inside a field may be unquoted, or this is not OFAC's file",
            )
        yield start, row


def _ent_num(row: list[str], path: Path, line: int) -> str:
    ent = row[0].strip()
    if not ent.isdigit():
        raise InputError(
            f"ent_num must be a number, not {ent!r}", path=path, line=line, field="ent_num"
        )
    return str(int(ent))


def find_files(paths: Sequence[Path]) -> dict[str, Path]:
    """The set's files by name; companions of sdn.csv are looked up beside it if not given."""
    files: dict[str, Path] = {}
    for path in paths:
        name = path.name.lower()
        if name not in COLUMNS:
            raise InputError(
                f"not a file of OFAC's CSV set (expected {', '.join(COLUMNS)})",
                path=path,
                hint="move it out of the folder, or pass the CSV files themselves",
            )
        if name in files:
            raise InputError(f"{name} given twice", path=path)
        files[name] = path
    if SDN not in files:
        raise InputError(
            "the OFAC CSV set needs sdn.csv", path=next(iter(files.values()), None),
            hint="pass sdn.csv with alt.csv, add.csv and sdn_comments.csv",
        )  # fmt: skip
    folder = files[SDN].parent
    for name in COLUMNS:
        if name not in files:
            sibling = _sibling(folder, name)
            if sibling is not None:
                files[name] = sibling
    for name in REQUIRED:
        if name not in files:
            raise InputError(
                f"{name} is missing: without it aliases or addresses would be lost",
                path=folder,
                hint="download the whole set (opspoor lists fetch ofac) or pass every file",
            )
    return files


def _sibling(folder: Path, name: str) -> Path | None:
    for candidate in folder.iterdir():
        if candidate.is_file() and candidate.name.lower() == name:
            return candidate
    return None


def read_csv_set(paths: Sequence[Path], dataset: str = "us_ofac_sdn") -> ParsedList:
    """Read one version of the SDN list from its CSV files."""
    files = find_files(paths)
    entries: dict[str, SdnEntry] = {}
    remarks: dict[str, str] = {}
    sdn_path = files[SDN]
    for line, row in read_rows(sdn_path, SDN):
        uid = _ent_num(row, sdn_path, line)
        if uid in entries:
            raise InputError(
                f"ent_num {uid} appears twice", path=sdn_path, line=line, field="ent_num"
            )
        name = value(row[1])
        if name is None:
            raise InputError("the SDN has no name", path=sdn_path, line=line, field="SDN_Name")
        sdn_type = (value(row[2]) or "").lower()
        if sdn_type not in SDN_TYPES:
            raise InputError(
                f"unknown SDN_Type {row[2].strip()!r} (expected individual, vessel, aircraft or -0-)",
                path=sdn_path,
                line=line,
                field="SDN_Type",
            )
        entries[uid] = SdnEntry(
            uid=uid,
            sdn_type=SDN_TYPES[sdn_type],
            name=name,
            location=f"{SDN} line {line}",
            title=value(row[4]),
            programs=split_programs(value(row[3])),
            call_sign=value(row[5]),
            vessel_type=value(row[6]),
            tonnage=value(row[7]),
            gross_tonnage=value(row[8]),
            vessel_flag=value(row[9]),
            vessel_owner=value(row[10]),
        )
        remarks[uid] = row[11] if value(row[11]) else ""
    if not entries:
        raise InputError(
            "sdn.csv holds no SDN rows", path=sdn_path, hint="the download may be cut off"
        )

    counts = {"sdn_rows": len(entries), "alt_rows": 0, "add_rows": 0, "comment_rows": 0}
    if COMMENTS in files:
        path = files[COMMENTS]
        for line, row in read_rows(path, COMMENTS):
            uid = _known(entries, row, path, line)
            remarks[uid] += row[1]  # the cut-off remark continues mid-word
            counts["comment_rows"] += 1

    path = files[ALT]
    for line, row in read_rows(path, ALT):
        uid = _known(entries, row, path, line)
        alt_name = value(row[3])
        if alt_name is None:
            raise InputError("the alias has no name", path=path, line=line, field="alt_name")
        alt_type = (value(row[2]) or "aka").lower().replace(".", "")
        alt_remarks = value(row[4])
        entries[uid].aliases.append(
            SdnAlias(
                name=alt_name,
                kind=alt_type if alt_type in ("aka", "fka", "nka") else "aka",
                weak=bool(alt_remarks and "weak" in alt_remarks.lower()),
                location=f"{ALT} line {line}",
            )
        )
        if alt_remarks:
            entries[uid].facts.append(
                (note(f"Alias {alt_name}: {alt_remarks}"), f"{ALT} line {line}")
            )
        counts["alt_rows"] += 1

    path = files[ADD]
    for line, row in read_rows(path, ADD):
        uid = _known(entries, row, path, line)
        lines = [v for v in (value(row[2]), value(row[3])) if v]
        entries[uid].addresses.append(
            SdnAddress(
                lines=lines,
                country=value(row[4]),
                remarks=value(row[5]),
                location=f"{ADD} line {line}",
            )
        )
        counts["add_rows"] += 1

    for uid, entry in entries.items():
        entry.facts.extend((fact, None) for fact in parse_remarks(remarks[uid]))

    all_paths = sorted(files.values(), key=lambda p: p.name)
    return ParsedList(
        format="ofac",
        dataset=dataset,
        files=all_paths,
        sha256=files_sha256(all_paths),
        published_at=None,  # the CSV set carries no date
        records=build_records(list(entries.values())),
        source_counts=counts,
    )


def _known(entries: dict[str, SdnEntry], row: list[str], path: Path, line: int) -> str:
    uid = _ent_num(row, path, line)
    if uid not in entries:
        raise InputError(
            f"ent_num {uid} is not in sdn.csv",
            path=path,
            line=line,
            field="ent_num",
            hint="the files come from different versions of the list; download the set again",
        )
    return uid
