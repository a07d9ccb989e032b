"""Contributing by pull request: the scaffold, the canonical format and its check, the schema line,
annotations on the pull request's lines, and the editor and GitHub files that go with them."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts import format_entities, new_entity
from conftest import ROOT, problems_of
from dossier.errors import InputError
from dossier.fmt import first_difference, format_text
from dossier.load import load_file, schema_line
from dossier.models import FOLDER_OF, FOLDERS, KINDS
from dossier.yamlsafe import parse_yaml

P = "entities/people/hafiz-example.yml"




def data_of(text: str):
    doc, problems = parse_yaml(text, "t.yml")
    assert doc is not None, problems
    return doc.data


# ---------------------------------------------------------------------------------------------
# The scaffold

FILL = {"todo-source": "cited-article", "todo-parent-group": "khorasan-province",
        "todo-subject": "2017-market-attack", "todo-claimant": "ann-analyst"}


@pytest.mark.parametrize("kind", list(KINDS))
def test_scaffold_of_each_kind_is_canonical_and_valid_once_its_placeholders_are_filled(tree, kind, capsys):
    assert new_entity.main([kind, "Abu Qasim al-Khorasani", "--root", str(tree)]) == 0
    rel = f"entities/{FOLDER_OF[kind]}/abu-qasim-al-khorasani.yml"
    assert capsys.readouterr().out.strip() == rel
    text = (tree / rel).read_text()
    assert text.startswith(schema_line(kind) + "\n")
    assert format_text(text, kind) == text, "the scaffold is in the canonical format as written"
    placeholders = set(re.findall(r"^[^#]*\b(todo-[a-z-]+)", text, re.M))
    assert placeholders <= set(FILL) | {new_entity.TYPE_PLACEHOLDER}
    if placeholders:  # the placeholders are reported, each on its line (the type with its options)
        found = problems_of(tree)
        assert found and all("replace this placeholder" in p or "nothing in the dossier refers to" in p
                             or f"cannot be `{new_entity.TYPE_PLACEHOLDER}` — use one of" in p for p in found), found
    for placeholder, real in {**FILL, new_entity.TYPE_PLACEHOLDER: new_entity.DEFAULT_TYPE.get(kind, "")}.items():
        text = text.replace(placeholder, real)
    (tree / rel).write_text(text)
    if kind in ("person", "group", "faction", "place", "source"):  # what statements are about must be named by one
        found = problems_of(tree)
        assert found == [f"{rel}:2:1: nothing in the dossier refers to `abu-qasim-al-khorasani` — link it from the statements "
                         "it belongs to (an id field, or [[abu-qasim-al-khorasani]] in a note), or remove the file"], found
        analyst = tree / "entities/people/ann-analyst.yml"
        analyst.write_text(analyst.read_text() + "notes:\n  - text: Writes on [[abu-qasim-al-khorasani]].\n"
                           "    sources:\n      - source: cited-article\n")
    assert problems_of(tree) == []


@pytest.mark.parametrize("kind", list(KINDS))
def test_scaffold_with_every_optional_block_uncommented_is_valid_and_canonical(kind):
    """The commented-out examples are real: uncommented, they validate (model level) and keep the format."""
    full = new_entity.scaffold(kind, "abu-qasim", "Abu Qasim", source="cited-article", examples=True)
    for placeholder, real in {**FILL, new_entity.TYPE_PLACEHOLDER: new_entity.DEFAULT_TYPE.get(kind, "")}.items():
        full = full.replace(placeholder, real)
    record, problems = load_file(f"entities/{FOLDER_OF[kind]}/abu-qasim.yml", full.encode())
    assert problems == [], "\n".join(map(str, problems)) + "\n" + full
    assert set(data_of(full)) == set(KINDS[kind].model_fields), "every field has an example"
    assert format_text(full, kind) == full


def test_scaffold_refuses_an_existing_file_or_id(tree, capsys):
    before = (tree / P).read_bytes()
    assert new_entity.main(["person", "Hafiz Example", "--root", str(tree)]) == 1
    assert "entities/people/hafiz-example.yml already exists" in capsys.readouterr().err
    assert (tree / P).read_bytes() == before
    assert new_entity.main(["place", "Hafiz Example", "--root", str(tree)]) == 1  # same id, another kind
    assert "the id `hafiz-example` is already used by entities/people/hafiz-example.yml" in capsys.readouterr().err
    assert not (tree / "entities/places/hafiz-example.yml").exists()
    city = tree / "entities/places/example-city.yml"
    city.write_text(city.read_text() + "former_ids:\n  - old-city\n")
    assert new_entity.main(["place", "Old City", "--root", str(tree)]) == 1  # a former id
    assert "`old-city` is already used by entities/places/example-city.yml" in capsys.readouterr().err
    assert new_entity.main(["persons", "X", "--root", str(tree)]) == 2
    assert new_entity.main(["people", "???", "--root", str(tree)]) == 2  # no id can be made from it


def test_scaffold_ids_and_names():
    assert new_entity.slug("Ḥāfiẓ Sa'eed Khān (2nd)") == "hafiz-saeed-khan-2nd"
    text = new_entity.scaffold("person", "x", 'Sheikh: "Abu" #1')
    assert data_of(text)["name"] == 'Sheikh: "Abu" #1'


def test_make_new(tree):
    for folder in ("scripts", "dossier"):
        shutil.copytree(ROOT / folder, tree / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "Makefile", tree / "Makefile")
    result = subprocess.run(["make", "-s", "new", "KIND=group", "NAME=Jamaat O'Example", f"PY={sys.executable}", "SITE_STAMP="],
                            cwd=tree, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "entities/groups/jamaat-oexample.yml"
    assert "name: Jamaat O'Example\n" in (tree / "entities/groups/jamaat-oexample.yml").read_text()


# ---------------------------------------------------------------------------------------------
# The canonical format

MESSY = """\
id: hafiz-example
roles:
- title: "chief"
  group: khorasan-province
  start: 2015-01
  end: '2016'
  ordinal: "1"
  sources: [{source: sample-report, quote: 'Its first chief, Hafiz Example, was killed'}]
  # a comment above a field stays with it
  note: 'A note long enough to be folded: it runs past the hundredth column, so it is cut at a space and continued below.'
name: Hafiz Example   # a comment at the end of a line stays there
aliases: []
status:
"""

CANONICAL = """\
# yaml-language-server: $schema=../../schemas/person.schema.json
id: hafiz-example
name: Hafiz Example  # a comment at the end of a line stays there
aliases: []
roles:
  - group: khorasan-province
    title: chief
    ordinal: 1
    start: 2015-01
    end: "2016"
    # a comment above a field stays with it
    note: "A note long enough to be folded: it runs past the hundredth column, so it is cut at a
      space and continued below."
    sources:
      - source: sample-report
        quote: "Its first chief, Hafiz Example, was killed"
status:
"""


def test_canonical_format_by_example():
    assert format_text(MESSY, "person") == CANONICAL
    assert data_of(CANONICAL) == data_of(MESSY)
    assert format_text(CANONICAL, "person") == CANONICAL


def test_plain_when_possible_quoted_when_needed():
    values = {"a": "plain words, even with [brackets] and a colon:in-between", "b": "2018", "c": "yes", "d": "null",
              "e": "- starts like a list item", "f": "has: a colon and space", "g": "Report #20", "h": "Report#20",
              "i": "", "j": " leading space", "k": "line\nbreak", "l": "tab\there", "m": "2019-04-11", "n": "1e5",
              "o": "https://example.org/a?b=c#d", "p": "'quoted'"}
    text = "".join(f"{k}: {json.dumps(v)}\n" for k, v in values.items())
    out = format_text(text)
    assert data_of(out) == values
    lines = dict(line.split(": ", 1) for line in out.splitlines())
    plain = {k for k, v in lines.items() if not v.startswith('"')}
    assert plain == {"a", "h", "m", "o"}, out


@pytest.mark.parametrize("escape", ["\\u202E", "\\x07", "\\uFEFF", "\\u2066", "\\u2069", "\\0", "\\e"])
def test_the_formatter_never_writes_an_invisible_character_escape(escape):
    """An escape that decodes to a bidirectional control or a control character is refused, so the
    formatter (which works on what yamlsafe reads) can never write one back. Fails if the check of
    decoded values is removed from yamlsafe: the formatter would then re-emit the escape."""
    with pytest.raises(InputError) as err:
        format_text(f'id: x\nname: "a{escape}b"\n', "person")
    assert "invisible or control character" in str(err.value)


def test_schema_line_is_added_or_corrected_and_other_comments_kept():
    text = "# yaml-language-server: $schema=../../schemas/group.schema.json\n# kept\nid: x\nname: X\n# at the end\n"
    assert format_text(text, "person") == f"{schema_line('person')}\n# kept\nid: x\nname: X\n# at the end\n"


def test_a_file_with_a_yaml_error_is_not_formatted():
    with pytest.raises(InputError) as err:
        format_text("id: x\nname: [\n", "person")
    assert str(err.value.problems[0]).startswith("<text>:3:1: YAML syntax error")


def test_first_difference():
    assert first_difference("a\nb\nc\n", "a\nB\nc\n") == (2, "b", "B")
    assert first_difference("a\n", "a\nb\n") == (2, "", "b")
    assert first_difference("a\n", "a\n") == (0, "", "")


def _entity_texts():
    for folder in ("entities", "tests/fixtures/tree/entities"):
        for file in sorted((ROOT / folder).glob("*/*.yml")):
            yield file.relative_to(ROOT).as_posix(), FOLDERS[file.parent.name], file.read_text(encoding="utf-8")


def test_formatting_every_entity_file_keeps_its_data_and_is_stable():
    """On the real files (read only: this writes nothing) and the fixture files."""
    checked = 0
    for rel, kind, text in _entity_texts():
        doc, _ = parse_yaml(text, rel)
        if doc is None:
            continue  # a file being edited; `make check` reports it
        out = format_text(text, kind, path=rel)
        assert data_of(out) == doc.data, rel
        assert format_text(out, kind, path=rel) == out, rel
        checked += 1
    assert checked > 10


# Generated input: text full of what YAML treats specially, in structures shaped like the model,
# dumped by PyYAML in all its styles, with comments put in at random.
_SPECIAL = ["", " ", "  ", ": ", ":", " #", "#", "- ", "-", "?", "'", '"', "\\", "\n", "\n\n", "\t", "2018", "null", "~",
            "yes", "No", "1e5", "0x1F", ".5", "[", "]", "{", "}", ",", "&a", "*a", "!", "|", ">", "%", "@", "`", "\u00a0",
            "\u2028", "\x85", "é", "e\u0301", "\U0001F600", "---", "...", "=", "<<", "\r", "\x80", "\ufffe", "\u202e",
            "http://x.y/z#a", "[[hafiz-example]]", "2017-22", "[2015,2016]", "2020?-11-02"]
_word = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8)
_text = st.lists(st.one_of(st.sampled_from(_SPECIAL), _word, st.sampled_from(["the", "emir", "said", "4"])),
                 max_size=40).map(" ".join)
_scalar = st.one_of(st.none(), _text, st.sampled_from(["12", "007", "-1", "twelve"]))
_keys = st.one_of(st.sampled_from(["id", "name", "type", "aliases", "roles", "sources", "quote", "low", "high", "ordinal",
                                   "text", "note", "notes", "group", "title", "start", "casualties"]),
                  st.text(min_size=1, max_size=6))
_tree = st.recursive(_scalar, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=5)),
                     max_leaves=25)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.dictionaries(_keys, _tree, min_size=1, max_size=6), dump_width=st.integers(10, 120),
       style=st.sampled_from([None, True, False, "|", ">", "'", '"']), kind=st.sampled_from([None, "person", "event"]),
       width=st.integers(20, 100), comments=st.lists(st.tuples(st.integers(0, 200), st.booleans()), max_size=4))
def test_format_keeps_the_data_exactly_and_is_idempotent(data, dump_width, style, kind, width, comments):
    options = {"default_flow_style": style} if style in (None, True, False) else {"default_style": style}
    try:
        text = yaml.dump(data, allow_unicode=True, sort_keys=False, width=dump_width, **options)
    except yaml.YAMLError:
        return
    lines = text.split("\n")
    for at, own_line in comments:
        at %= len(lines)
        if own_line:
            lines.insert(at, " " * (at % 5) + f"# note {at}")
        else:
            lines[at] += "  # at the end"
    text = "\n".join(lines)
    doc, _ = parse_yaml(text, "t.yml")
    if doc is None:
        return  # not YAML that yamlsafe reads (it refuses some characters PyYAML writes raw)
    out = format_text(text, kind, width=width)
    again, problems = parse_yaml(out, "t.yml")
    assert again is not None, problems
    assert again.data == doc.data
    assert format_text(out, kind, width=width) == out
    assert len(again.comments) == len(doc.comments) + (1 if kind else 0)  # comments kept, plus the schema line
    assert all(line == line.rstrip() for line in out.split("\n")), "no trailing white space"


# ---------------------------------------------------------------------------------------------
# The format check, and its output on a pull request

def _canonical_tree(tree: Path) -> None:
    assert format_entities.main(["--root", str(tree)]) == 0


def test_format_check_reports_the_first_differing_line(tree, capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    _canonical_tree(tree)
    capsys.readouterr()
    assert format_entities.main(["--root", str(tree), "--check"]) == 0
    assert "ok: 14 files in the canonical format" in capsys.readouterr().out
    person = tree / P
    person.write_text(person.read_text().replace("    title: chief\n", "    title: 'chief'\n"))
    assert format_entities.main(["--root", str(tree), "--check"]) == 1
    out = capsys.readouterr()
    assert (f"{P}:16:1: not in the canonical format — this line should read `    title: chief`; "
            f"run `make format` (or `.venv/bin/python scripts/format_entities.py {P}`) to rewrite the file") in out.err
    assert "1 file(s) not in the canonical format" in out.err
    assert "::error" not in out.out


def test_format_check_annotates_the_line_under_github_actions(tree, capsys, monkeypatch):
    _canonical_tree(tree)
    person = tree / P
    person.write_text(person.read_text().replace("roles:\n", "roles:  \n"))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    capsys.readouterr()
    assert format_entities.main(["--root", str(tree), "--check", "--diff"]) == 1
    out = capsys.readouterr().out
    assert f"::error file={P},line=14,col=1::not in the canonical format — this line should read `roles:`" in out
    assert "-roles:  \n+roles:\n" in out  # --diff shows the whole change


def test_format_check_on_windows_line_endings_and_broken_files(tree, capsys):
    _canonical_tree(tree)
    person = tree / P
    person.write_bytes(person.read_bytes().replace(b"\n", b"\r\n"))
    (tree / "entities/places/examplestan.yml").write_text(schema_line("place") + "\nid: examplestan\nname: [\n")
    capsys.readouterr()
    assert format_entities.main(["--root", str(tree), "--check"]) == 1
    err = capsys.readouterr().err
    assert f"{P}:1:1: the file has Windows line endings (CRLF) — save it with LF line endings" in err
    assert "entities/places/examplestan.yml:4:1: YAML syntax error" in err and "(not formatted until this is fixed)" in err


def test_format_rewrites_only_files_that_differ_and_keeps_the_data(tree, capsys):
    before = {f: (f.stat().st_mtime_ns, data_of(f.read_text())) for f in (tree / "entities").rglob("*.yml")}
    _canonical_tree(tree)
    out = capsys.readouterr().out
    for file, (mtime, data) in before.items():
        assert data_of(file.read_text()) == data
        rel = file.relative_to(tree).as_posix()
        assert (f"formatted {rel}" in out) == (file.stat().st_mtime_ns != mtime)
    assert problems_of(tree) == []
    assert format_entities.main(["--root", str(tree)]) == 0
    assert "ok: 0 file(s) rewritten, 14 already canonical" in capsys.readouterr().out


def test_make_check_fails_on_a_file_out_of_the_canonical_format(tree):
    """`make check` as CI runs it, in a copy: a valid file that is not in the canonical layout fails
    the check, with its line. Fails if the Makefile's check target drops the format check."""
    for folder in ("scripts", "dossier", "schemas"):
        shutil.copytree(ROOT / folder, tree / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tree / name)
    (tree / "tests").mkdir()
    person = tree / P
    person.write_text(person.read_text().replace("    title: chief\n", "    title: 'chief'\n"))
    result = subprocess.run(["make", "-s", "check", f"PY={sys.executable}", f"VENV={ROOT / '.venv'}", "SITE_STAMP=", "DEV_STAMP="],
                            cwd=tree, capture_output=True, text=True)
    assert result.returncode != 0
    assert f"{P}:16:1: not in the canonical format" in result.stderr, result.stderr


# ---------------------------------------------------------------------------------------------
# The schema line, and the validator's annotations

def test_schema_line_problems(tree):
    person = tree / P
    body = person.read_text().split("\n", 1)[1]
    person.write_text(body)
    assert problems_of(tree) == [f"{P}:1:1: the schema line is missing — add this as the first line (editors check the "
                                 f"file against it as you type): {schema_line('person')}"]
    person.write_text(schema_line("place") + "\n" + body)
    assert problems_of(tree) == [f"{P}:1:1: the schema line names `../../schemas/place.schema.json`, not the person "
                                 f"schema of files in entities/people/ — replace line 1 with: {schema_line('person')}"]


def test_validation_problems_are_annotated_under_github_actions(tree):
    person = tree / P
    person.write_text(person.read_text().split("\n", 1)[1].replace("title: chief", "title: chief #1"))
    result = subprocess.run([sys.executable, str(ROOT / "scripts/build_pages.py"), "--root", str(tree), "--check"],
                            capture_output=True, text=True, env={**os.environ, "GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert f"::error file={P},line=1,col=1::the schema line is missing" in result.stdout
    assert f"::error file={P},line=15,col=18::` #` starts a comment: the words from `#` on are not part of the value" in result.stdout
    assert f"{P}:15:18: ` #` starts a comment" in result.stderr


# ---------------------------------------------------------------------------------------------
# Editor settings, GitHub templates, the guide

def test_editor_settings_map_every_folder_to_its_schema():
    settings_ = json.loads((ROOT / ".vscode/settings.json").read_text())
    mapping = settings_["yaml.schemas"]
    assert mapping == {f"./schemas/{kind}.schema.json": [f"entities/{folder}/*.yml"] for kind, folder in FOLDER_OF.items()}
    assert all((ROOT / path).is_file() for path in mapping)
    assert settings_["files.encoding"] == "utf8" and settings_["files.trimTrailingWhitespace"] is True
    assert settings_["[yaml]"]["editor.insertSpaces"] is True and settings_["[yaml]"]["editor.tabSize"] == 2
    config = (ROOT / ".editorconfig").read_text()
    assert "indent_style = space" in config and "charset = utf-8" in config


def test_github_templates():
    for name in ("report-error.yml", "propose-entity.yml"):  # the site's "Report an error" links use the first
        form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE" / name).read_text())
        assert form["name"] and form["description"] and form["body"]
        ids = [item["id"] for item in form["body"] if "id" in item]
        assert len(ids) == len(set(ids))
    assert "- [ ]" in (ROOT / ".github/pull_request_template.md").read_text()
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    entries = [hook["entry"] for repo in hooks["repos"] for hook in repo["hooks"]]
    assert any("format_entities.py --check" in e for e in entries) and any("make" in e and "check" in e for e in entries)


def test_worked_examples_in_the_guide_are_valid_and_canonical():
    guide = (ROOT / "CONTRIBUTING.md").read_text()
    blocks = re.findall(r"```yaml\n(# yaml-language-server: \$schema=\.\./\.\./schemas/(\w+)\.schema\.json\n.*?)```", guide, re.S)
    assert {kind for _, kind in blocks} == set(KINDS), "a worked example for every kind"
    for text, kind in blocks:
        entity_id = data_of(text)["id"]
        record, problems = load_file(f"entities/{FOLDER_OF[kind]}/{entity_id}.yml", text.encode())
        assert problems == [], "\n".join(map(str, problems))
        assert format_text(text, kind) == text, f"the {kind} example is not canonical"
