"""The ``scrutiny-packs`` command: validate content, build the site, export, make packs.

One command per module in this folder, each a click command named ``command``; options and
helpers they share are in ``options.py``. To add a command, write its module and add its name
to ``COMMANDS``.
"""

from __future__ import annotations

from importlib import import_module

import click

COMMANDS = (
    "validate",
    "new",
    "review_due",
    "generate_forms",
    "export_markdown",
    "build",
    "pack",
    "meeting",
    "actions",
    "tracker",
    "moderngov_cmds",
    "suggest_cmd",
    "release_notes",
    "init",
    "upgrade",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="scrutiny-packs")
def main() -> None:
    """Scrutiny Packs: a safeguarding scrutiny question bank, its site and its packs."""


for _name in COMMANDS:
    _module = import_module(f"{__name__}.{_name}")
    # A module holds one command (``command``) or, for a family, several (``commands``).
    _commands: tuple[click.Command, ...] = getattr(_module, "commands", None) or (_module.command,)
    for _command in _commands:
        main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()
