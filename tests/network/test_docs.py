"""docs/network.md covers every command and option of `opspoor network`."""

from pathlib import Path

import click

from opspoor.cli import cli

DOC = Path(__file__).resolve().parents[2] / "docs" / "network.md"


def test_every_command_and_option_is_documented():
    text = DOC.read_text(encoding="utf-8")
    network_group = cli.commands["network"]
    assert isinstance(network_group, click.Group)
    for name, command in network_group.commands.items():
        assert f"opspoor network {name}" in text, f"command {name} missing from docs/network.md"
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--json":
                    assert opt in text, (
                        f"option {opt} of `network {name}` missing from docs/network.md"
                    )


def test_documented_settings_and_formats_exist():
    from opspoor.network.exports import FORMATS
    from opspoor.network.link_runs import KEEP_PHOTOS_ENV

    text = DOC.read_text(encoding="utf-8")
    assert KEEP_PHOTOS_ENV in text
    assert all(f"`{fmt}`" in text for fmt in FORMATS)
