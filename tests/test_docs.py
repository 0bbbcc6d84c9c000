"""Docs tests (sqlite-utils' habit): every command, option, setting and output field is documented,
and the documented example is a valid output."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import click
import jsonschema
import pytest

from wiretrace import SCHEMA_VERSION
from wiretrace.cli.main import main
from wiretrace.output.schema import output_schema
from wiretrace.settings import SETTINGS

DOCS = Path(__file__).resolve().parent.parent / "docs"


def read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def command_section(doc: str, name: str) -> str:
    """The part of cli.md under ``## `wiretrace NAME` `` (up to the next ``## ``)."""
    match = re.search(rf"^## `wiretrace {name}`\n(.*?)(?=^## |\Z)", doc, re.M | re.S)
    assert match, f"docs/cli.md has no section '## `wiretrace {name}`'"
    return match.group(1)


def commands() -> list[tuple[str, click.Command]]:
    assert isinstance(main, click.Group)
    return sorted(main.commands.items())


@pytest.mark.parametrize(("name", "command"), commands())
def test_every_command_has_a_section(name: str, command: click.Command) -> None:
    doc = read("cli.md")
    assert f"`wiretrace {name}`" in doc
    command_section(doc, name)


@pytest.mark.parametrize(("name", "command"), commands())
def test_every_option_is_documented_in_its_section(name: str, command: click.Command) -> None:
    section = command_section(read("cli.md"), name)
    for param in command.params:
        if isinstance(param, click.Option):
            for opt in param.opts:
                if opt.startswith("--"):
                    assert f"`{opt}" in section, f"{opt} of `wiretrace {name}` is not in docs/cli.md"


def test_group_options_are_documented() -> None:
    doc = read("cli.md")
    for param in main.params:
        if isinstance(param, click.Option):
            for opt in param.opts:
                assert f"`{opt}`" in doc, f"{opt} is not in docs/cli.md"


def test_format_choices_are_documented() -> None:
    section = command_section(read("cli.md"), "analyze")
    assert isinstance(main, click.Group)
    [fmt] = [p for p in main.commands["analyze"].params if p.name == "fmt"]
    assert isinstance(fmt.type, click.Choice)
    for choice in fmt.type.choices:
        assert f"`{choice}`" in section


def test_exit_codes_are_documented() -> None:
    doc = read("cli.md")
    for code in ("| 0 |", "| 1 |", "| 2 |"):
        assert code in doc


@pytest.mark.parametrize("setting", SETTINGS, ids=[s.name for s in SETTINGS])
def test_every_setting_is_documented(setting: Any) -> None:
    doc = read("settings.md")
    row = next((line for line in doc.splitlines() if line.startswith(f"| `{setting.name}` |")), None)
    assert row is not None, f"setting {setting.name} has no row in docs/settings.md"
    assert f"`WIRETRACE_{setting.name.upper()}`" in row
    default = str(setting.default) if setting.default != "" else "(empty)"
    assert default in row, f"docs/settings.md gives the wrong default for {setting.name}"


def test_no_undocumented_settings_rows() -> None:
    names = {s.name for s in SETTINGS}
    rows = re.findall(r"^\| `([a-z_]+)` \|", read("settings.md"), re.M)
    assert set(rows) == names


def schema_fields(schema: dict[str, Any]) -> set[str]:
    fields: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict):
                fields.update(props)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return fields


def test_every_output_field_is_documented() -> None:
    doc = read("output.md")
    for field in sorted(schema_fields(output_schema())):
        assert f"`{field}`" in doc, f"output field {field!r} is not in docs/output.md"


def test_output_doc_names_the_schema_version() -> None:
    assert f"schema version {SCHEMA_VERSION}" in read("output.md")


def test_output_example_is_valid_and_its_offsets_hold() -> None:
    blocks = re.findall(r"```json\n(.*?)```", read("output.md"), re.S)
    assert blocks, "docs/output.md has no ```json example"
    data = json.loads(blocks[0])
    jsonschema.Draft202012Validator(output_schema()).validate(data)
    body = data["article"]["body"]
    checked = 0

    def walk(node: object) -> None:
        nonlocal checked
        if isinstance(node, dict):
            if {"start", "end", "text"} <= node.keys():
                assert body[node["start"] : node["end"]] == node["text"]
                checked += 1
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk({k: v for k, v in data.items() if k != "article"})
    assert checked > 10
