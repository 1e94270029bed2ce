"""The README's commands and the CLI's --help stay in step; every command is documented."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
from click.testing import CliRunner

from opspoor.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md")))


def readme_commands() -> list[list[str]]:
    blocks = re.findall(r"```bash\n(.*?)```", README, re.S)
    commands = []
    for block in blocks:
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith("opspoor "):
                commands.append(shlex.split(line)[1:])
    return commands


def resolve(args: list[str]) -> tuple[click.Command, list[str]]:
    """The command an argument list reaches, and the arguments left for it."""
    command: click.Command = cli
    rest = list(args)
    while isinstance(command, click.Group) and rest and not rest[0].startswith("-"):
        sub = command.get_command(click.Context(command), rest[0])
        assert sub is not None, (
            f"README uses `opspoor {' '.join(args)}` but {rest[0]!r} is not a command"
        )
        command, rest = sub, rest[1:]
    return command, rest


def all_commands(group: click.Group = cli, prefix: str = "opspoor") -> list[str]:
    out = []
    for name in sorted(group.list_commands(click.Context(group))):
        sub = group.get_command(click.Context(group), name)
        assert sub is not None
        out.append(f"{prefix} {name}")
        if isinstance(sub, click.Group):
            out.extend(all_commands(sub, f"{prefix} {name}"))
    return out


def test_readme_has_the_two_commands() -> None:
    assert "make demo" in README and "make test" in README


def test_every_readme_command_exists_with_its_options() -> None:
    commands = readme_commands()
    assert len(commands) >= 10
    for args in commands:
        command, rest = resolve(args)
        known = {"--help"} | {opt for p in command.params for opt in getattr(p, "opts", [])}
        for token in rest:
            if token.startswith("--"):
                assert token in known, (
                    f"README: `opspoor {' '.join(args)}` uses {token}, not in --help"
                )


def test_every_command_is_documented_and_has_help() -> None:
    runner = CliRunner()
    for path in all_commands():
        words = path.split()[1:]
        if path not in README and path not in DOCS:
            raise AssertionError(f"`{path}` is in the CLI but in neither README.md nor docs/")
        result = runner.invoke(cli, [*words, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output, path
        command, _ = resolve(words)
        assert command.help or command.short_help, f"`{path}` has no help text"


def test_documented_settings_exist() -> None:
    settings_src = (ROOT / "src" / "opspoor" / "settings.py").read_text(encoding="utf-8")
    for var in re.findall(r"`(OPSPOOR_[A-Z_]+)`", DOCS + README):
        if var == "OPSPOOR_TEST_PG":
            continue
        assert var in settings_src, f"{var} is documented but settings.py does not read it"
