"""`opspoor documents ...`: extract names, identifiers and relations from documents, store
them, and list the names that match a sanctions list.

    $ opspoor documents extract article.html --json
    $ opspoor documents add reports/            # folders are read recursively
    $ opspoor documents hits
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import click

from opspoor.cli import Context, echo_json, json_option, pass_context
from opspoor.documents.extract import extract_document
from opspoor.documents.model import Extraction, TextDocument
from opspoor.documents.readers import MB, ReadLimits, read_document
from opspoor.documents.screening import Screener
from opspoor.documents.storing import DATASET, SOURCE_KIND, find_hits, store_extraction
from opspoor.errors import InputError, OpspoorError


@click.group("documents")
def documents_group() -> None:
    """Documents: names, identifiers and relations out of text, PDF, HTML, DOCX and e-mail."""


def iter_document_paths(paths: Sequence[Path]) -> Iterator[Path]:
    """Files as given; folders stand for every file under them (hidden ones skipped)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if child.is_file() and not any(part.startswith(".") for part in rel.parts):
                    yield child
        else:
            yield path


def _limits(max_mb: float | None) -> ReadLimits:
    if max_mb is None:
        return ReadLimits()
    return ReadLimits(max_file_bytes=int(max_mb * MB))


def _screener(obj: Context, screen: bool) -> Screener | None:
    if not screen:
        return None
    return Screener.from_store(obj.store)


def _read(path: Path, limits: ReadLimits) -> TextDocument:
    if not path.exists():
        raise InputError("no such file or folder", path=path)
    return read_document(path, limits)


def _extract(doc: TextDocument, screener: Screener | None, region: str | None) -> Extraction:
    extraction = extract_document(doc, screener.gazetteer if screener else None, region)
    if screener is not None:
        screener.screen(extraction)
    return extraction


def _process(
    path: Path, limits: ReadLimits, screener: Screener | None, region: str | None
) -> Extraction:
    return _extract(_read(path, limits), screener, region)


def _fail_single(errors: list[InputError], total: int) -> None:
    if total == 1 and len(errors) == 1:
        raise errors[0]


max_mb_option = click.option(
    "--max-mb",
    type=float,
    default=None,
    help=f"Largest file to read, in MB (default {ReadLimits().max_file_bytes // MB}).",
)
region_option = click.option(
    "--region",
    default=None,
    help="Country (ISO code) of phone numbers written without +country (default: NL for Dutch).",
)


@documents_group.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--screen/--no-screen",
    default=True,
    show_default=True,
    help="Match names against the stored lists.",
)
@max_mb_option
@region_option
@json_option
@pass_context
def extract_cmd(
    obj: Context,
    paths: tuple[Path, ...],
    screen: bool,
    max_mb: float | None,
    region: str | None,
    as_json: bool,
) -> None:
    """Print the names, identifiers and relations found in documents (nothing is stored)."""
    files = list(iter_document_paths(paths))
    if not files:
        raise OpspoorError("no files found in " + ", ".join(str(p) for p in paths))
    screener = _screener(obj, screen)
    limits = _limits(max_mb)
    results: list[dict[str, Any]] = []
    errors: list[InputError] = []
    for path in files:
        try:
            extraction = _process(path, limits, screener, region)
        except InputError as exc:
            errors.append(exc)
            click.echo(f"Error: {exc}", err=True)
            continue
        if as_json:
            results.append(extraction.to_dict())
        else:
            _print_extraction(extraction)
    _fail_single(errors, len(files))
    if as_json:
        single = len(files) == 1 and len(paths) == 1 and not paths[0].is_dir()
        echo_json(results[0] if single and results else results)
    if errors:
        sys.exit(1)


def _print_extraction(ex: Extraction, indent: str = "") -> None:
    doc = ex.document
    click.echo(
        f"{indent}{doc.path}  [{doc.kind}, {doc.language or 'language unknown'}, {len(doc.text):,} chars]"
    )
    for m in ex.mentions:
        hit = ""
        if m.matches:
            best = m.matches[0]
            hit = f"  MATCH {best.get('reference') or best['id']} {best['caption']} ({best['score']:.2f})"
        click.echo(f"{indent}  {m.type:<12} {m.text}  @{m.start}-{m.end}{hit}")
    for i in ex.identifiers:
        click.echo(f"{indent}  {i.type:<12} {i.value} -> {i.normalized}  @{i.start}-{i.end}")
    for r in ex.relations:
        click.echo(
            f"{indent}  {r.schema:<12} {r.subject.text} -[{r.role}]- {r.object.text}  @{r.start}-{r.end}"
        )
    for err in doc.errors:
        click.echo(f"{indent}  error: {err}")
    for warning in doc.warnings:
        click.echo(f"{indent}  warning: {warning}")
    for child in ex.attachments:
        _print_extraction(child, indent + "  ")


@documents_group.command("add")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@max_mb_option
@region_option
@json_option
@pass_context
def add_cmd(
    obj: Context, paths: tuple[Path, ...], max_mb: float | None, region: str | None, as_json: bool
) -> None:
    """Store documents: each file in one transaction; the same file twice is stored once."""
    from tqdm import tqdm

    files = list(iter_document_paths(paths))
    if not files:
        raise OpspoorError("no files found in " + ", ".join(str(p) for p in paths))
    store = obj.store
    screener = Screener.from_store(store)
    limits = _limits(max_mb)
    report: list[dict[str, Any]] = []
    errors: list[InputError] = []
    stored = already = 0
    for path in tqdm(files, desc="documents", unit="file", disable=None, file=sys.stderr):
        try:
            doc = _read(path, limits)
            existing = store.find_source(SOURCE_KIND, DATASET, doc.sha256)
            if existing is not None:  # stored before: nothing to extract or write
                already += 1
                report.append(
                    {
                        "path": str(path),
                        "sha256": doc.sha256,
                        "created": False,
                        "source_id": existing.id,
                        "entities": existing.entity_count,
                    }
                )
                continue
            extraction = _extract(doc, screener, region)
            result = store_extraction(store, extraction)
        except InputError as exc:
            errors.append(exc)
            tqdm.write(f"Error: {exc}", file=sys.stderr)
            report.append({"path": str(path), "error": str(exc)})
            continue
        stored += result.created
        already += not result.created
        hits = sum(
            1 for e in extraction.walk() for m in e.mentions if m.matches and m.refers_to is None
        )
        report.append(
            {
                "path": result.path,
                "sha256": result.sha256,
                "created": result.created,
                "source_id": result.source_id,
                "entities": result.entity_count,
                "hits": hits,
                "errors": [str(e) for d in extraction.document.walk() for e in d.errors],
            }
        )
        for d in extraction.document.walk():
            for err in d.errors:
                tqdm.write(f"Error: {err}", file=sys.stderr)
    if as_json:
        echo_json(report)
    else:
        click.echo(
            f"stored {stored} documents, {already} already stored, {len(errors)} could not be read"
        )
        for row in report:
            if row.get("hits"):
                click.echo(
                    f"  {row['path']}: {row['hits']} names match a list entry (see: opspoor documents hits)"
                )
    if errors:
        sys.exit(1)


@documents_group.command("hits")
@json_option
@pass_context
def hits_cmd(obj: Context, as_json: bool) -> None:
    """Names in stored documents that match an entry of the current lists."""
    screener = Screener.from_store(obj.store)
    if screener is None:
        raise OpspoorError(
            "no sanctions list stored yet; import one first: opspoor lists import FILE"
        )
    hits = find_hits(obj.store, screener)
    if as_json:
        echo_json(hits)
        return
    if not hits:
        click.echo("no stored document names match a list entry")
        return
    for hit in hits:
        best = hit["matches"][0]
        spans = ", ".join(f"{s['start']}-{s['end']}" for s in hit["mentions"][:5])
        click.echo(
            f"{hit['path']}: {hit['name']} ({hit['type']}) -> {best.get('reference') or best['id']} "
            f"{best['caption']} score {best['score']:.2f}" + (f"  [chars {spans}]" if spans else "")
        )


def register(cli: click.Group) -> None:
    cli.add_command(documents_group)
