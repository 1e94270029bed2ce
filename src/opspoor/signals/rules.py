"""Indicator rule sets: read the YAML files in `rules/`, check them, compile their patterns.

    >>> book = load_rulebook()
    >>> book.rule("nl_police.young_age").sources[0].cite()
    'Deze agent bekijkt seksadvertenties ... (NOS Nieuwsuur, 2020) https://nos.nl/...'

A rule file names its sources once and each rule cites them by key. Patterns are Python
regular expressions, matched case-insensitively as whole words; `{@name}` stands for a word
list from `lexicons/people.yml`. A bad file raises `InputError` naming the file and field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from opspoor.errors import InputError
from opspoor.signals.prefilter import first_words

RULES_DIR = Path(__file__).parent / "rules"
LEXICON_DIR = Path(__file__).parent / "lexicons"
DOMAINS = ("ads", "labour", "money")
DEFAULT_DOMAINS = ("ads", "labour")
SCOPES = ("before", "after", "sentence", "overlap")
DETECTORS = ("obscured_phone", "shared_phone", "behavioural")
_PLACEHOLDER = re.compile(r"\{@([a-z_]+)\}")
_NAMED_GROUP = re.compile(r"\(\?P<([A-Za-z_][A-Za-z0-9]*)>")
_RULE_ID = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9_]+$")
# Rules match the lower-cased text with lower-cased patterns: Python's `re` is many times
# slower with IGNORECASE on long word alternations. Case-sensitive patterns ("AO") run on the
# text as written.
_FLAGS = re.UNICODE


@dataclass(frozen=True)
class Source:
    """A document a rule is taken from."""

    key: str
    title: str
    publisher: str
    year: int | None
    url: str
    note: str | None = None

    def cite(self) -> str:
        year = self.year if self.year is not None else "n.d."
        return f"{self.title} ({self.publisher}, {year}) {self.url}"


@dataclass(frozen=True)
class NegativeCue:
    """A cue that cancels one match of a rule when found in `scope` around it."""

    regex: re.Pattern[str]
    scope: str
    words: int
    why: str


@dataclass(frozen=True)
class Example:
    text: str
    match: str | None = None


@dataclass
class Rule:
    """One indicator rule: what to look for, how much it weighs, where it comes from."""

    id: str
    ruleset: str
    domain: str
    indicator: str
    title: str
    description: str
    weight: float
    sources: list[Source]
    path: Path
    regex: re.Pattern[str] | None = None  # matched on the lower-cased text
    regex_cs: re.Pattern[str] | None = (
        None  # case-sensitive patterns, matched on the text as written
    )
    # Lower-cased words every match starts with (None: unknown, always run); see prefilter.py
    first_words: frozenset[str] | None = None
    first_words_cs: frozenset[str] | None = None
    negatives: list[NegativeCue] = field(default_factory=list)
    context: str | None = None
    detector: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    age_range: tuple[int, int] | None = None
    needs: str | None = None
    flag_examples: list[Example] = field(default_factory=list)
    clean_examples: list[str] = field(default_factory=list)

    @property
    def source_text(self) -> str:
        """The citation a flag carries: every source of the rule, joined."""
        return "; ".join(s.cite() for s in self.sources)

    @property
    def evaluated_on_text(self) -> bool:
        return (
            self.regex is not None or self.regex_cs is not None or self.detector == "obscured_phone"
        )


def group_value(match: re.Match[str], name: str) -> str | None:
    """The text of named group `name` in a rule's match (whichever pattern matched)."""
    for key, value in match.groupdict().items():
        if value is not None and key.split("__")[0] == name:
            return value
    return None


@dataclass
class RuleBook:
    """Every rule and lexicon, ready to apply."""

    rules: list[Rule]
    contexts: dict[str, re.Pattern[str]]
    lexicons: dict[str, list[str]]

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def select(
        self, domains: Sequence[str] | None = None, rulesets: Sequence[str] | None = None
    ) -> list[Rule]:
        """The rules of the given domains (default: ads and labour) and rule sets."""
        chosen_domains = tuple(domains) if domains else DEFAULT_DOMAINS
        return [
            r
            for r in self.rules
            if (r.domain in chosen_domains or "all" in chosen_domains)
            and (not rulesets or r.ruleset in rulesets)
        ]

    @property
    def rulesets(self) -> list[str]:
        return sorted({r.ruleset for r in self.rules})


# -- lexicons ---------------------------------------------------------------------------------
def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InputError(f"not valid YAML: {exc}", path=path, line=line) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from exc


def lower_pattern(pattern: str) -> str:
    """Lower-case the literal letters of a regex, leaving escapes (\\S, \\W, \\D, \\B) alone."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if pattern.startswith("(?P", i):  # named groups and back-references keep their P
            out.append("(?P")
            i += 3
            continue
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)
        i += 1
    return "".join(out)


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first, spaces matching any whitespace."""
    parts = sorted({w.strip().lower() for w in words if w and w.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts) + ")"


def load_lexicons(
    directory: Path = LEXICON_DIR,
) -> tuple[dict[str, list[str]], dict[str, re.Pattern[str]]]:
    """Word lists (people.yml) and context patterns (contexts.yml)."""
    lexicons: dict[str, list[str]] = {}
    people = directory / "people.yml"
    data = _read_yaml(people) or {}
    for name, entry in (data.get("lexicons") or {}).items():
        if not isinstance(entry, dict):
            raise InputError("a lexicon must map languages to word lists", path=people, field=name)
        words: list[str] = []
        for lang, values in entry.items():
            if lang == "description":
                continue
            if not isinstance(values, list):
                raise InputError("expected a list of words", path=people, field=f"{name}.{lang}")
            words.extend(str(v) for v in values)
        lexicons[name] = words
    contexts: dict[str, re.Pattern[str]] = {}
    ctx_path = directory / "contexts.yml"
    ctx = _read_yaml(ctx_path) or {}
    for name, entry in (ctx.get("contexts") or {}).items():
        terms = entry.get("terms") if isinstance(entry, dict) else None
        if not terms:
            raise InputError("a context needs a list of terms", path=ctx_path, field=name)
        contexts[name] = re.compile(rf"(?<!\w){_alternation(map(str, terms))}(?!\w)", _FLAGS)
    return lexicons, contexts


# -- rules ------------------------------------------------------------------------------------
def expand(pattern: str, lexicons: dict[str, list[str]], path: Path, field_name: str) -> str:
    """Replace `{@name}` placeholders by the lexicon's alternation."""

    def repl(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in lexicons:
            raise InputError(
                f"unknown lexicon {{@{name}}}",
                path=path,
                field=field_name,
                hint=f"known: {', '.join(sorted(lexicons))}",
            )
        return _alternation(lexicons[name])

    return _PLACEHOLDER.sub(repl, pattern)


def _compile(pattern: str, path: Path, field_name: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, _FLAGS)
    except re.error as exc:
        raise InputError(f"bad regular expression: {exc}", path=path, field=field_name) from exc


def _compile_patterns(
    patterns: list[str],
    boundaries: bool,
    lexicons: dict[str, list[str]],
    path: Path,
    where: str,
    lower: bool = True,
) -> re.Pattern[str]:
    expanded = [expand(p, lexicons, path, where) for p in patterns]
    if lower:
        expanded = [lower_pattern(p) for p in expanded]
    for i, p in enumerate(expanded):
        _compile(p, path, f"{where}.patterns[{i}]")  # name the bad one
    # Python forbids a group name twice in one regex: `age` in pattern 2 becomes `age__2`.
    expanded = [_NAMED_GROUP.sub(rf"(?P<\1__{i}>", p) for i, p in enumerate(expanded)]
    body = "|".join(f"(?:{p})" for p in expanded)
    if boundaries:
        body = rf"(?<!\w)(?:{body})(?!\w)"
    return _compile(body, path, f"{where}.patterns")


def _negative(raw: Any, lexicons: dict[str, list[str]], path: Path, where: str) -> NegativeCue:
    if not isinstance(raw, dict) or "pattern" not in raw:
        raise InputError("a negative cue needs a `pattern`", path=path, field=where)
    scope = raw.get("scope", "sentence")
    if scope not in SCOPES:
        raise InputError(
            f"unknown scope {scope!r}",
            path=path,
            field=f"{where}.scope",
            hint=f"one of {', '.join(SCOPES)}",
        )
    cue = lower_pattern(expand(str(raw["pattern"]), lexicons, path, where))
    words = int(raw.get("words", 2))
    if scope == "before":
        # the cue, then up to `words` words, then the match: no sentence punctuation in between
        text = rf"(?<!\w)(?:{cue})(?!\w)(?:[ \t]+[^\s.,;:!?]+){{0,{words}}}[ \t]*$"
    elif scope == "after":
        text = rf"^[ \t]*(?:[^\s.,;:!?]+[ \t]+){{0,{words}}}(?:{cue})(?!\w)"
    else:
        text = rf"(?<!\w)(?:{cue})(?!\w)"
    return NegativeCue(
        _compile(text, path, f"{where}.pattern"), scope, words, str(raw.get("why", ""))
    )


def _examples(raw: Any, path: Path, where: str) -> tuple[list[Example], list[str]]:
    if raw is None:
        return [], []
    if not isinstance(raw, dict):
        raise InputError("`examples` needs `flag` and `clean` lists", path=path, field=where)
    flags: list[Example] = []
    for i, item in enumerate(raw.get("flag") or []):
        if isinstance(item, str):
            flags.append(Example(item))
        elif isinstance(item, dict) and "text" in item:
            match = item.get("match")
            flags.append(Example(str(item["text"]), str(match) if match is not None else None))
        else:
            raise InputError(
                "an example is a text or {text, match}", path=path, field=f"{where}.flag[{i}]"
            )
    clean = [str(c) for c in raw.get("clean") or []]
    return flags, clean


def _sources(data: dict[str, Any], path: Path) -> dict[str, Source]:
    out: dict[str, Source] = {}
    for key, raw in (data.get("sources") or {}).items():
        if not isinstance(raw, dict):
            raise InputError(
                "a source needs title, publisher, year and url", path=path, field=f"sources.{key}"
            )
        for need in ("title", "publisher", "url"):
            if not raw.get(need):
                raise InputError(f"source lacks `{need}`", path=path, field=f"sources.{key}.{need}")
        if "year" not in raw:
            raise InputError(
                "source lacks `year` (null when undated)", path=path, field=f"sources.{key}.year"
            )
        year = raw["year"]
        out[key] = Source(
            key=key,
            title=str(raw["title"]),
            publisher=str(raw["publisher"]),
            year=int(year) if year is not None else None,
            url=str(raw["url"]),
            note=raw.get("note"),
        )
    if not out:
        raise InputError("a rule file must cite at least one source", path=path, field="sources")
    return out


def read_rule_file(
    path: Path, lexicons: dict[str, list[str]]
) -> tuple[list[Rule], list[tuple[Rule, str]]]:
    """The rules in one file, and the (rule, other rule id) pairs still to resolve (`same_as`)."""
    data = _read_yaml(path)
    if not isinstance(data, dict) or "ruleset" not in data:
        raise InputError("a rule file needs `ruleset`, `domain`, `sources` and `rules`", path=path)
    ruleset = str(data["ruleset"])
    domain = str(data.get("domain", "ads"))
    if domain not in DOMAINS:
        raise InputError(
            f"unknown domain {domain!r}",
            path=path,
            field="domain",
            hint=f"one of {', '.join(DOMAINS)}",
        )
    sources = _sources(data, path)
    rules: list[Rule] = []
    pending: list[tuple[Rule, str]] = []
    for i, raw in enumerate(data.get("rules") or []):
        where = f"rules[{i}]"
        if not isinstance(raw, dict):
            raise InputError("a rule is a mapping", path=path, field=where)
        rule_id = str(raw.get("id", ""))
        if not _RULE_ID.match(rule_id):
            raise InputError(
                f"bad rule id {rule_id!r} (want 'ruleset.name')", path=path, field=f"{where}.id"
            )
        where = rule_id
        for need in ("indicator", "weight", "sources"):
            if raw.get(need) is None:
                raise InputError(f"rule lacks `{need}`", path=path, field=f"{where}.{need}")
        weight = float(raw["weight"])
        if not 0 <= weight <= 1:
            raise InputError("weight must be between 0 and 1", path=path, field=f"{where}.weight")
        cited = []
        for key in raw["sources"]:
            if key not in sources:
                raise InputError(
                    f"cites unknown source {key!r}", path=path, field=f"{where}.sources"
                )
            cited.append(sources[key])
        detector = raw.get("detector")
        if detector is not None and detector not in DETECTORS:
            raise InputError(
                f"unknown detector {detector!r}",
                path=path,
                field=f"{where}.detector",
                hint=f"one of {', '.join(DETECTORS)}",
            )
        context = raw.get("context")
        age_range = raw.get("age_range")
        flags, clean = _examples(raw.get("examples"), path, f"{where}.examples")
        rule = Rule(
            id=rule_id,
            ruleset=ruleset,
            domain=domain,
            indicator=str(raw["indicator"]),
            title=str(raw.get("title", rule_id)),
            description=str(raw.get("description", "")),
            weight=weight,
            sources=cited,
            path=path,
            context=str(context) if context else None,
            detector=detector,
            params=dict(raw.get("params") or {}),
            age_range=(int(age_range[0]), int(age_range[1])) if age_range else None,
            needs=raw.get("needs"),
            flag_examples=flags,
            clean_examples=clean,
        )
        patterns = raw.get("patterns")
        if patterns:
            if not isinstance(patterns, list):
                raise InputError("`patterns` is a list", path=path, field=f"{where}.patterns")
            plain: list[str] = []
            exact: list[str] = []
            for j, p in enumerate(patterns):
                if isinstance(p, dict) and "pattern" in p:
                    (exact if p.get("case_sensitive") else plain).append(str(p["pattern"]))
                elif isinstance(p, str):
                    plain.append(p)
                else:
                    raise InputError(
                        "a pattern is a string or {pattern, case_sensitive}",
                        path=path,
                        field=f"{where}.patterns[{j}]",
                    )
            boundaries = bool(raw.get("boundaries", True))
            if plain:
                rule.regex = _compile_patterns(plain, boundaries, lexicons, path, where)
            if exact:
                rule.regex_cs = _compile_patterns(
                    exact, boundaries, lexicons, path, where, lower=False
                )
            if rule.age_range and not any(
                g.startswith("age__")
                for r in (rule.regex, rule.regex_cs)
                if r
                for g in r.groupindex
            ):
                raise InputError(
                    "age_range needs a named group (?P<age>...)",
                    path=path,
                    field=f"{where}.patterns",
                )
        rule.negatives = [
            _negative(n, lexicons, path, f"{where}.negatives[{j}]")
            for j, n in enumerate(raw.get("negatives") or [])
        ]
        if raw.get("same_as"):
            pending.append((rule, str(raw["same_as"])))
        elif rule.regex is None and rule.regex_cs is None and detector is None:
            raise InputError(
                "rule needs `patterns`, `detector` or `same_as`", path=path, field=where
            )
        rules.append(rule)
    return rules, pending


def load_rulebook(paths: Sequence[Path] | None = None, lexicon_dir: Path = LEXICON_DIR) -> RuleBook:
    """Read rule files (default: every file in `rules/`); raise InputError on the first bad one."""
    lexicons, contexts = load_lexicons(lexicon_dir)
    files = list(paths) if paths is not None else sorted(RULES_DIR.glob("*.yml"))
    rules: list[Rule] = []
    pending: list[tuple[Rule, str]] = []
    for path in files:
        found, later = read_rule_file(Path(path), lexicons)
        rules.extend(found)
        pending.extend(later)
    by_id: dict[str, Rule] = {}
    for r in rules:
        if r.id in by_id:
            raise InputError(
                f"rule id {r.id!r} is used twice (also in {by_id[r.id].path.name})", path=r.path
            )
        by_id[r.id] = r
    for rule, other_id in pending:
        other = by_id.get(other_id)
        if other is None or (other.regex is None and other.regex_cs is None):
            raise InputError(
                f"same_as {other_id!r}: no such rule with patterns", path=rule.path, field=rule.id
            )
        rule.regex = other.regex
        rule.regex_cs = other.regex_cs
        rule.negatives = rule.negatives or list(other.negatives)
        rule.context = rule.context or other.context
        rule.age_range = rule.age_range or other.age_range
    for r in rules:
        if r.regex is not None:
            r.first_words = first_words(r.regex)
        if r.regex_cs is not None:
            starts = first_words(r.regex_cs)
            r.first_words_cs = frozenset(w.lower() for w in starts) if starts is not None else None
        if r.context and r.context not in contexts:
            raise InputError(f"unknown context {r.context!r}", path=r.path, field=f"{r.id}.context")
    return RuleBook(rules=rules, contexts=contexts, lexicons=lexicons)


@lru_cache(maxsize=1)
def default_rulebook() -> RuleBook:
    """The rule book shipped with opspoor (read once per process)."""
    return load_rulebook()
