"""`make review`: a change compared by entity and statement, in temporary git repositories.

Each test names, in a comment, the broken implementation that makes it fail (each was checked by
breaking the code that way).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from gitrepo import commit, edit, git, make_repo, rename_entity
from dossier import pipeline
from dossier.review import diff
from dossier.review.report import markdown, t
from dossier.review.statements import pair, statements
from scripts.review import main, review

PERSON = "entities/people/hafiz-example.yml"
EVENT = "entities/events/2017-market-attack.yml"
GROUP = "entities/groups/khorasan-province.yml"


@pytest.fixture
def repo(tmp_path):
    return make_repo(tmp_path / "repo")


def section(text: str, title: str) -> str:
    """The part of the review under a `### title…` heading."""
    m = re.search(rf"^### {re.escape(title)}.*?(?=^### |\Z)", text, re.M | re.S)
    return m.group(0) if m else ""


def test_no_change_says_so(repo):
    # Broken: every statement paired with its other version reported as changed, even when nothing
    # in it differs.
    text = review(repo, "HEAD")
    assert "0 added, 0 removed, 0 renamed, 0 changed entities" in text
    assert "No entity or statement changed." in text


def test_a_changed_value_is_said_in_words_old_to_new(repo):
    # Broken: values printed raw (`2016-22 → 2016-07`), or a role identified by all its values, so
    # that the edit reads as one role removed and another added.
    edit(repo, PERSON, "end: 2016-22", "end: 2016-07")
    text = review(repo, "HEAD")
    changed = section(text, "Changed")
    assert "#### Hafiz Example (person, `hafiz-example`)" in changed
    assert "- chief of Khorasan Province · end: summer 2016 → July 2016" in changed
    assert "removed" not in changed and "added" not in changed


def test_a_date_made_more_precise_deserves_a_second_look(repo):
    # Broken: `more_precise` comparing the strings' lengths, or only their precision: a date moved
    # outside its former span (2016-22 → 2017-07) would be flagged, one narrowed inside it not; or
    # an entity's own date (a source's, an event's `date`) not compared as a date.
    edit(repo, PERSON, "end: 2016-22", "end: 2016-07")
    edit(repo, PERSON, "as_of: 2016-22", "as_of: 2017-07")
    edit(repo, "entities/sources/sample-report.yml", "date: 2020-05", "date: 2020-05-12")
    flagged = section(review(repo, "HEAD"), "To look at twice")
    assert "**Sample Report on the Khorasan Province** · date · date made more precise: May 2020 → 12 May 2020" in flagged
    assert "**Hafiz Example** · chief of Khorasan Province · end made more precise: summer 2016 → July 2016" in flagged
    assert "as of" not in flagged
    assert diff.more_precise("2018?", "2018") and diff.more_precise("2020-04", "2020-04-04")
    assert not diff.more_precise("2020-04", "2020-05") and not diff.more_precise("2020-04-04", "2020-04")


def test_an_entity_added_lists_its_statements_with_each_quote_verified(repo):
    # Broken: citations of new entities not checked (no ✅/❌), or the locator dropped.
    (repo / "entities/places/market-square.yml").write_text(
        "# yaml-language-server: $schema=../../schemas/place.schema.json\n"
        "id: market-square\nname: Market square\ntype: site\n"
        "within:\n  place: example-city\n  sources:\n    - source: sample-report\n      locator: p. 2\n"
        "      quote: \"its busiest market\"\n"
        "aliases:\n  - name: the busiest market\n    sources:\n      - source: sample-report\n"
        "        quote: \"its most crowded market\"\n")
    text = review(repo, "HEAD")
    added = section(text, "Added")
    assert "#### Market square (place, `market-square`)" in added
    assert "cites Sample Report on the Khorasan Province (`sample-report`), p. 2: “its busiest market” — ✅ quote found" in added
    assert "“its most crowded market” — ❌ not found in seeds/sample-report.txt" in added
    assert "quote not verified" in section(text, "To look at twice")
    assert "1 added, 0 removed, 0 renamed" in text


def test_an_entity_removed(repo):
    # Broken: entities present only in BASE never listed (the comparison walks only the new side).
    (repo / "entities/sources/cited-article.yml").unlink()
    removed = section(review(repo, "HEAD", pages=False), "Removed")
    assert "#### An article the report cites (source, `cited-article`)" in removed


def test_a_rename_with_its_former_id_is_one_entity_renamed(repo):
    # Broken: former ids ignored, so a rename reads as one entity removed and another added.
    rename_entity(repo, "people", "hafiz-example", "hafiz-example-khan")
    assert pipeline.snapshot(repo).valid
    text = review(repo, "HEAD")
    renamed = section(text, "Renamed")
    assert "#### Hafiz Example (person): `hafiz-example` → `hafiz-example-khan`" in renamed
    assert "former id hafiz-example · added" in renamed
    assert "0 added, 0 removed, 1 renamed" in text
    assert not section(text, "Added") and not section(text, "Removed")


def test_a_rename_without_its_former_id_is_flagged(repo):
    # Broken: no check for an entity removed and one of the same kind and name added.
    rename_entity(repo, "people", "hafiz-example", "hafiz-example-khan", keep_former=False)
    flagged = section(review(repo, "HEAD", pages=False), "To look at twice")
    assert "**Hafiz Example** · looks like a rename of hafiz-example (same name): keep the old id under former\\_ids" in flagged


def test_citations_added_and_removed_with_their_verification_and_locator(repo):
    # Broken: a citation whose quote changed reported as removed and added, or the new quote not
    # verified against the working tree's archived text.
    edit(repo, EVENT, '        quote: "which killed at least 12 people"',
         '        locator: p. 1\n        quote: "which killed at least 12 people and wounded dozens"')
    text = review(repo, "HEAD")
    changed = section(text, "Changed")
    assert ("Sample Report on the Khorasan Province (`sample-report`): quote “which killed at least 12 people” → "
            "“which killed at least 12 people and wounded dozens” · locator: none → p. 1 — ✅ quote found") in changed
    assert "1 changed, 0 removed (1 quote found, 0 not verified)" in text


def test_a_quote_removed_from_a_statement_that_keeps_its_claim(repo):
    # Broken: removed citations listed without a second look when the statement stays.
    edit(repo, PERSON, '      - source: sample-report\n        quote: [ "Hafiz Example, was killed", "in the summer of 2016" ]\n',
         "      - source: cited-article\n")
    text = review(repo, "HEAD")
    assert ("**Hafiz Example** · status killed as of summer 2016 · quote removed from a statement that keeps its claim: "
            "“Hafiz Example, was killed … in the summer of 2016”") in section(text, "To look at twice")
    assert "~~cites Sample Report on the Khorasan Province (`sample-report`): “Hafiz Example, was killed … in the summer " \
           "of 2016”~~ (citation removed)" in section(text, "Changed")


def test_a_quote_cut_shorter_deserves_a_second_look(repo):
    # Broken: a quote replaced by a part of itself not told from any other new quote.
    edit(repo, EVENT, '"officials attributed it to a rival faction"', '"attributed it to a rival faction"')
    flagged = section(review(repo, "HEAD", pages=False), "To look at twice")
    assert "responsibility of Northern faction (attributed) · quote shortened: “officials attributed it to a rival faction” → " \
           "“attributed it to a rival faction”" in flagged


def test_attribution_and_ended_by_changes_deserve_a_second_look(repo):
    # Broken: who-says-it fields (stance, by, alleged_by…) and `ended_by` treated like any value, or
    # an attribution added like any statement.
    edit(repo, EVENT, "stance: attributed", "stance: suspected")
    edit(repo, PERSON, "ended_by: killed", "ended_by: arrested")
    edit(repo, EVENT, "attributions:\n", "attributions:\n  - group: lashkar-e-example\n    stance: alleged\n    by:\n"
                                        "      - ann-analyst\n    sources:\n      - source: sample-report\n"
                                        "        quote: \"officials attributed it to a rival faction\"\n")
    flagged = section(review(repo, "HEAD", pages=False), "To look at twice")
    assert "responsibility of Lashkar-e-Example (alleged) · attribution added: alleged, Lashkar-e-Example, according to Ann Analyst" in flagged
    assert "**Market attack in Example City** · responsibility of Northern faction (suspected) · who says it changed: stance attributed → suspected" in flagged
    assert "**Hafiz Example** · chief of Khorasan Province · how it ended changed: killed → arrested" in flagged


def test_a_dispute_opened_and_one_closed(repo):
    # Broken: `disputed_by` compared as a value only ("none → …") with no second look.
    edit(repo, PERSON, "    ended_by: killed\n", "    ended_by: killed\n    disputed_by:\n      - market-attack-responsibility\n")
    edit(repo, EVENT, "disputed_by:\n  - market-attack-responsibility\n", "")
    text = review(repo, "HEAD")
    flagged = section(text, "To look at twice")
    assert "**Hafiz Example** · chief of Khorasan Province · dispute opened: Who carried out the market attack?" in flagged
    assert "**Market attack in Example City** · disputed by Who carried out the market attack? · dispute closed: Who carried " \
           "out the market attack?" in flagged
    assert "disputed by: added Who carried out the market attack?" in section(text, "Changed")


def test_a_contested_claim_added_is_a_dispute_opened(repo):
    # Broken: a narrative added reported like any entity, with no second look.
    src = (repo / "entities/narratives/market-attack-responsibility.yml").read_text()
    (repo / "entities/narratives/market-attack-toll.yml").write_text(
        src.replace("id: market-attack-responsibility", "id: market-attack-toll").replace(
            "name: Who carried out the market attack?", "name: How many did the market attack kill?"))
    flagged = section(review(repo, "HEAD", pages=False), "To look at twice")
    assert "**How many did the market attack kill?** · contested claim opened: How many did the market attack kill?" in flagged
    assert "a version of a contested claim added" in flagged


def test_the_pages_that_change(repo):
    # Broken: pages compared by name only, or the generated data files counted as pages.
    edit(repo, PERSON, "end: 2016-22", "end: 2016-07")
    pages = section(review(repo, "HEAD"), "Pages that change")
    assert "- `dossier/people/hafiz-example/`" in pages
    assert "- `dossier/groups/khorasan-province/`" in pages  # its leaders' table shows the tenure
    assert "- `dossier/places/example-city/`" not in pages
    assert "data files: " in pages and "`roles.csv`" in pages


def test_a_base_that_does_not_validate_is_compared_as_far_as_it_can_be(repo):
    # Broken: the base read with `pipeline.validate`, which raises on the first problem (no
    # review at all), or only its valid files compared (the broken file's statements lost).
    edit(repo, PERSON, "  - group: khorasan-province\n    title: chief\n", "  - group: khorasan-province\n    title: chief\n    rank: 1\n")
    edit(repo, GROUP, "name: Khorasan Province", "name: Khorasan Province\nleader: hafiz-example")
    commit(repo, "An older schema", "2021-03-05T10:00:00+00:00")
    edit(repo, PERSON, "    rank: 1\n", "")
    edit(repo, PERSON, "end: 2016-22", "end: 2016-07")
    edit(repo, GROUP, "name: Khorasan Province\nleader: hafiz-example", "name: Khorasan Province")
    edit(repo, EVENT, "stance: attributed", "stance: suspected")
    text = review(repo, "HEAD")
    assert "> **The base does not validate** with today's schema and checks (2 problems); it is compared as far as it can be read" in text
    assert "nothing in the dossier refers to" not in text  # what the broken files name still counts
    assert "unknown field 'rank'" in text and "unknown field 'leader'" in text  # (in code spans: backticks as quotes)
    changed = section(text, "Changed")
    assert "- chief of Khorasan Province · end: summer 2016 → July 2016" in changed  # from the salvaged file
    assert "responsibility of Northern faction (suspected) · stance: attributed → suspected" in changed
    assert "(estimated)" in text  # the base's pages cannot be generated


def test_statements_pair_by_key_then_by_likeness():
    # Broken: a note reworded (no key in common) reported as one note removed and another added.
    from dossier.models import Person
    base = dict(id="x", name="X", notes=[{"text": "He led the group from its start in 2015 until his death.",
                                          "sources": [{"source": "s"}]},
                                         {"text": "Another note entirely.", "sources": [{"source": "s"}]}])
    old = Person.model_validate(base)
    new = Person.model_validate({**base, "notes": [{"text": "He led the group from its start in 2015 until his killing.",
                                                    "sources": [{"source": "s"}]}]})
    pairs, removed, added = pair(statements(old), statements(new))
    notes = [(a.value("text"), b.value("text")) for a, b in pairs if a.field == "notes"]
    assert notes == [("He led the group from its start in 2015 until his death.",
                      "He led the group from its start in 2015 until his killing.")]
    assert [s.value("text") for s in removed] == ["Another note entirely."] and not added


def test_the_summary_escapes_what_a_pull_request_writes(repo):
    # Broken: values written into the Markdown as they are: a note's Markdown (links, images,
    # emphasis) or a problem's text would become markup in the job summary.
    edit(repo, GROUP, "for its first chief.", "for its first chief. **bold** [click](https://evil.example/) `code`")
    text = review(repo, "HEAD", pages=False)
    assert "\\*\\*bold\\*\\*" in text and "\\[click\\](https://evil.example/)" in text and "\\`code\\`" in text
    assert t("![x](y) <b> | & ~") == "\\!\\[x\\](y) \\<b\\> \\| &amp; \\~"
    assert markdown([], "b", "h", ["a.yml:1:1: `x` <script>"]).count("`a.yml:1:1: 'x' <script>`") == 1  # a code span


def test_the_command_line_appends_to_the_job_summary_and_refuses_an_unknown_base(repo, tmp_path, capsys):
    # Broken: the summary printed but not written to --output ($GITHUB_STEP_SUMMARY), or a bad
    # BASE raising a traceback instead of a message and status 2.
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    edit(repo, PERSON, "end: 2016-22", "end: 2016-07")
    assert main(["--root", str(repo), "--base", "HEAD", "--output", str(summary), "--no-pages"]) == 0
    assert summary.read_text().startswith("earlier step\n## Dossier review")
    assert main(["--root", str(repo), "--base", "no-such-branch"]) == 2
    assert "cannot read no-such-branch" in capsys.readouterr().err


def test_base_is_read_without_touching_the_working_tree(repo):
    # Broken: BASE checked out into the working tree (git checkout / stash), losing or mixing edits.
    edit(repo, PERSON, "end: 2016-22", "end: 2016-07")
    (repo / "entities/places/new-place.yml").write_text("not: yet valid\n")
    before = git(repo, "status", "--porcelain")
    review(repo, "HEAD", pages=False)
    assert git(repo, "status", "--porcelain") == before
    assert "end: 2016-07" in (repo / PERSON).read_text()


def test_make_review_compares_with_the_merge_base(repo):
    # Broken: BASE compared as it is now, so changes made on the base branch after the pull request
    # branched off read as the pull request undoing them.
    git(repo, "checkout", "-q", "-b", "feature")
    edit(repo, PERSON, "end: 2016-22", "end: 2016-07")
    commit(repo, "feature change", "2021-03-06T10:00:00+00:00")
    git(repo, "checkout", "-q", "main")
    edit(repo, EVENT, "stance: attributed", "stance: suspected")
    commit(repo, "a later change on main", "2021-03-07T10:00:00+00:00")
    git(repo, "checkout", "-q", "feature")
    text = review(repo, "main", pages=False)
    assert "at its merge base with HEAD" in text
    assert "end: summer 2016 → July 2016" in text and "suspected" not in text


def test_make_review_target(repo):
    """`make review BASE=…` as the pull-request workflow runs it, in a repository with a change: the
    summary names it. Fails if the target is missing or does not pass BASE."""
    for item in ("scripts", "dossier", "schemas", "docs", "overrides", "mkdocs.yml", "Makefile", "pyproject.toml"):
        (shutil.copytree if (ROOT / item).is_dir() else shutil.copy)(ROOT / item, repo / item)
    base = git(repo, "rev-parse", "HEAD").strip()
    edit(repo, EVENT, "stance: attributed", "stance: suspected")
    done = subprocess.run(["make", "-s", "review", f"BASE={base}", f"PY={sys.executable}", "SITE_STAMP=", "REVIEW_ARGS=--exact --no-pages"],
                          cwd=repo, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "responsibility of Northern faction" in done.stdout and "suspected" in done.stdout


def test_markdown_of_no_changes_with_problems_on_both_sides():
    # Broken: a working tree that does not validate not said (only the base's problems printed).
    text = markdown([], "base", "the working tree", ["a.yml:1:1: bad"], ["b.yml:2:2: worse"])
    assert "> **The base does not validate**" in text and "> **The working tree does not validate**" in text
    assert "Run `make check`." in text


def test_two_commits_compared_without_the_working_tree(repo):
    # Broken: --head ignored, so the working tree (with its uncommitted edit) is compared instead.
    edit(repo, PERSON, "end: 2016-22", "end: 2016-07")
    commit(repo, "July", "2021-03-05T10:00:00+00:00")
    edit(repo, EVENT, "stance: attributed", "stance: suspected")  # not committed
    text = review(repo, "HEAD~1", exact=True, pages=False, head="HEAD")
    assert f"with HEAD ({git(repo, 'rev-parse', '--short=7', 'HEAD').strip()})" in text
    assert "end: summer 2016 → July 2016" in text and "suspected" not in text


@pytest.mark.parametrize("target", ["/etc/passwd", "../../../../outside.txt"])
def test_a_committed_link_is_reported_not_followed_or_fatal(repo, target):
    # Broken: tarfile's data filter raised AbsoluteLinkError (or OutsideDestinationError) out of
    # `make review --head`, a traceback and no review; a link followed would read the target.
    (repo / "seeds" / "leak.txt").symlink_to(target)
    git(repo, "add", "seeds/leak.txt")
    commit(repo, "A link", "2021-03-05T10:00:00+00:00")
    text = review(repo, "HEAD~1", exact=True, pages=False, head="HEAD")
    assert "seeds/leak.txt" in text and "symbolic link" in text, text
    assert "root:" not in text


def test_a_hedge_dropped_or_a_number_changed_deserves_a_second_look(repo):
    # Broken: only dates, attributions and quotes were flagged: "at least 12" → "12" and an
    # estimate of 100 → 1000 under an unchanged quote were shown as any other edit, not flagged.
    edit(repo, EVENT, "text: at least 12", "text: '12'")
    edit(repo, GROUP, "    low: 100\n", "    low: 1000\n")
    text = review(repo, "HEAD", pages=False)
    assert "lost its hedge (“at least”) — does the source now say it without one?" in text, text
    assert "a number changed:" in text and "100 → 1000" in text, text
    edit(repo, EVENT, "text: '12'", "text: at least 12")  # words that keep their hedge: no flag
    assert "lost its hedge" not in review(repo, "HEAD", pages=False)
