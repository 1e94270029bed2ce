"""`opspoor signals ...`: scan ads and documents for trafficking indicators; list the rules.

$ opspoor signals scan ad.html notes.txt --json
$ opspoor signals scan https://ads.example/ad/123     # fetched once, with the crawler's safety checks
$ opspoor signals rules --ruleset nl_police
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import click

from opspoor.cli import echo_json, json_option
from opspoor.errors import InputError, OpspoorError
from opspoor.signals.engine import ScanResult, scan_texts
from opspoor.signals.phones import DEFAULT_REGION
from opspoor.signals.rules import DOMAINS, RULES_DIR, RuleBook, default_rulebook, load_rulebook

MAX_INPUT_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ".csv", ".json", ".eml", ".log", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


@click.group("signals")
def signals_group() -> None:
    """Trafficking signals: indicator rules with their sources, and the scanner that applies them."""


def _iter_paths(paths: Sequence[str]) -> Iterator[str]:
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if child.is_file() and not any(part.startswith(".") for part in rel.parts):
                    yield str(child)
        else:
            yield p


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def read_input_text(path: str) -> str:
    """The text of a local input: HTML gives its main text, other files are read as UTF-8."""
    if path == "-":
        return sys.stdin.read()
    p = Path(path)
    if not p.exists():
        raise InputError("no such file or folder", path=path)
    size = p.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise InputError(
            f"file is {size // 1024 // 1024} MB; the limit is {MAX_INPUT_BYTES // 1024 // 1024} MB",
            path=path,
            hint="split it, or scan the part you need",
        )
    data = p.read_bytes()
    head = data[:2048].lstrip().lower()
    if p.suffix.lower() in HTML_SUFFIXES or head.startswith((b"<!doctype html", b"<html")):
        from opspoor.crawl.text import main_text

        return main_text(data).text
    if b"\x00" in data[:8192]:
        raise InputError(
            "looks like a binary file, not text",
            path=path,
            hint="scan text, HTML, or the output of `opspoor documents extract`",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text (byte {exc.start})",
            path=path,
            hint="convert it to UTF-8 first, e.g. iconv -f latin1 -t utf-8",
        ) from exc


def _texts(inputs: Sequence[str], allow_private: bool) -> list[tuple[str, str]]:
    urls = [i for i in inputs if is_url(i)]
    fetched: dict[str, str] = {}
    if urls:
        from opspoor.crawl.fetch import fetch_pages

        for page in fetch_pages(urls, allow_private=allow_private):
            if page.error:
                raise InputError(page.error, path=page.url)
            fetched[page.url] = page.text
    out: list[tuple[str, str]] = []
    for item in inputs:
        if is_url(item):
            out.append((item, fetched[item]))
        else:
            out.extend((p, read_input_text(p)) for p in _iter_paths([item]))
    return out


def _print_result(path: str, result: ScanResult) -> None:
    verdict = "FLAGGED" if result.flagged else "no flags"
    click.echo(f"{path}: {verdict}, score {result.score:.2f}")
    for c in result.contributions:
        click.echo(f"  +{c.weight:.2f} {c.indicator} ({', '.join(c.rules)}; {c.count}x)")
    for f in result.flags:
        click.echo(f"    [{f.start}:{f.end}] {f.text!r} - {f.rule}")
    for p in result.phones:
        how = f" (obscured: {', '.join(p.tricks)})" if p.obfuscated else ""
        click.echo(f"  phone {p.e164}: {p.raw!r}{how}")


def _book(rule_files: Sequence[Path]) -> RuleBook:
    if not rule_files:
        return default_rulebook()
    return load_rulebook([*sorted(RULES_DIR.glob("*.yml")), *rule_files])


@signals_group.command("scan")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--domain",
    "domains",
    multiple=True,
    type=click.Choice([*DOMAINS, "all"]),
    help="Rule domains to apply (default: ads and labour; money for transaction texts).",
)
@click.option(
    "--ruleset",
    "rulesets",
    multiple=True,
    help="Only these rule sets (see `opspoor signals rules`).",
)
@click.option(
    "--rules",
    "rule_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Extra rule file(s) in the same YAML format.",
)
@click.option(
    "--region",
    default=DEFAULT_REGION,
    show_default=True,
    help="Country (ISO code) of phone numbers written without +country.",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow URLs on private, loopback or link-local addresses (for testing against a local site).",
)
@json_option
def scan_cmd(
    inputs: tuple[str, ...],
    domains: tuple[str, ...],
    rulesets: tuple[str, ...],
    rule_files: tuple[Path, ...],
    region: str,
    allow_private: bool,
    as_json: bool,
) -> None:
    """Scan files, folders or URLs (PATH|URL...) for trafficking indicators.

    Each input gets its flags (rule, indicator, source, text, start, end), a score and the
    phone numbers found. All inputs are scanned as one corpus, so a phone shared by ads for
    different people is flagged. A URL is fetched once, obeying robots.txt, with the crawler's
    size, time and address limits.
    """
    book = _book(rule_files)
    known = set(book.rulesets)
    for r in rulesets:
        if r not in known:
            raise OpspoorError(f"unknown rule set {r!r}; known: {', '.join(sorted(known))}")
    texts = _texts(inputs, allow_private)
    results = scan_texts(
        [t for _, t in texts], book, domains or None, rulesets or None, region.upper()
    )
    if as_json:
        objs = [r.to_dict(path) for (path, _), r in zip(texts, results, strict=True)]
        echo_json(objs[0] if len(objs) == 1 else objs)
        return
    for (path, _), result in zip(texts, results, strict=True):
        _print_result(path, result)


@signals_group.command("rules")
@click.option("--ruleset", "rulesets", multiple=True, help="Only these rule sets.")
@click.option(
    "--domain",
    "domains",
    multiple=True,
    type=click.Choice([*DOMAINS, "all"]),
    help="Only these domains.",
)
@json_option
def rules_cmd(rulesets: tuple[str, ...], domains: tuple[str, ...], as_json: bool) -> None:
    """List the indicator rules: id, indicator, weight and the sources each one cites."""
    book = default_rulebook()
    rules = [r for r in book.select(domains or ("all",), rulesets or None)]
    if as_json:
        out: list[dict[str, Any]] = [
            {
                "rule": r.id,
                "ruleset": r.ruleset,
                "domain": r.domain,
                "indicator": r.indicator,
                "title": r.title,
                "weight": r.weight,
                "evaluated_on_text": r.evaluated_on_text,
                "detector": r.detector,
                "sources": [
                    {"title": s.title, "publisher": s.publisher, "year": s.year, "url": s.url}
                    for s in r.sources
                ],
            }
            for r in rules
        ]
        echo_json(out)
        return
    for r in rules:
        how = r.detector or "patterns"
        click.echo(f"{r.id:38} {r.indicator:26} {r.weight:.2f}  {how}")
        for s in r.sources:
            click.echo(f"    {s.cite()}")


def register(cli: click.Group) -> None:
    cli.add_command(signals_group)
