"""The history read from git (`dossier/history.py`), turned into changes (`dossier/changelog.py`)
and shown: each entity page's History section, the Changes page, the home page's latest changes
and the period its sources cover. Temporary git repositories with fixed dates; the pipeline runs
in-process, no MkDocs build.

Each test names, in a comment, the broken implementation that makes it fail (each was checked by
breaking the code that way).
"""
from __future__ import annotations

import re
import subprocess

import pytest

from gitrepo import commit, edit, git, make_repo, rename_entity
from dossier import changelog, history, pipeline, render
from dossier.render.pages.changes import period

PERSON = "entities/people/hafiz-example.yml"
EVENT = "entities/events/2017-market-attack.yml"
NEW_EVENT = ("# yaml-language-server: $schema=../../schemas/event.schema.json\n"
             "id: 2020-market-report\nname: Report on the market attack\ntype: report\ndate: 2020-05\nsources:\n"
             "  - source: sample-report\n    quote: \"its busiest market\"\n")


@pytest.fixture
def repo(tmp_path):
    """The fixture committed on 4 March 2021, its chief's end made more precise on 5 March, an
    alias added on 6 March."""
    path = make_repo(tmp_path / "repo", "2021-03-04T10:00:00+00:00")
    edit(path, PERSON, "end: 2016-22", "end: 2016-07")
    commit(path, "Chief's end: July 2016", "2021-03-05T10:00:00+00:00")
    edit(path, PERSON, "aliases:\n", "aliases:\n  - name: Hafiz Exemplar\n    kind: spelling\n    sources:\n"
                                     "      - source: cited-article\n")
    commit(path, "Another spelling", "2021-03-06T10:00:00+00:00")
    return path


def build(root):
    """Every generated page of a tree, with its history, as `scripts/build_pages.py` makes them."""
    records, texts = pipeline.validate(root)
    return render.site(records, texts, changelog=changelog.build(history.read(root), records))


def section(page: str, heading: str) -> str:
    m = re.search(rf"^## {re.escape(heading)}\n.*?(?=^## |\Z)", page, re.M | re.S)
    return m.group(0) if m else ""


def test_outside_git_the_history_is_unavailable_and_the_build_says_so(tree):
    # Broken: git's error raised out of `history.read` (the build fails outside a repository), or
    # the pages silently without a History section.
    h = history.read(tree)
    assert not h.available and h.reason == "not a git repository"
    pages = build(tree)
    assert "History not available in this build (not a git repository)." in section(pages["people/hafiz-example.md"], "History")
    assert "History not available in this build" in pages["changes.md"]
    assert "History not available in this build" in pages["_snippets/latest.md"]


def test_a_shallow_clone_is_unavailable(repo, tmp_path):
    # Broken: a shallow clone read as if whole: its only commit would seem to add every entity.
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True, capture_output=True)
    h = history.read(clone)
    assert not h.available and "shallow clone" in h.reason


def test_the_history_is_read_in_a_few_git_calls_whatever_the_number_of_files(repo, monkeypatch):
    # Broken: one `git log` (or `git show`) per entity file.
    calls = []
    real = subprocess.run

    def counting(args, *a, **k):
        calls.append(args)
        return real(args, *a, **k)
    monkeypatch.setattr(history.subprocess, "run", counting)
    history.read(repo)
    few = len(calls)
    for i in range(40):
        (repo / f"entities/places/place-{i}.yml").write_text(f"id: place-{i}\nname: Place {i}\ntype: city\n")
    commit(repo, "Forty places", "2021-03-07T10:00:00+00:00")
    calls.clear()
    h = history.read(repo)
    assert len(calls) == few <= 6, calls
    assert sum(1 for c in h.changes if c.path.startswith("entities/places/place-")) == 40


def test_three_hundred_files_cost_a_few_git_calls(tmp_path, monkeypatch):
    # Broken: one git call per file version (`git show` or `git cat-file -p` for each: about
    # 1.5 s here for these 400 versions, against 0.2 s for one `git cat-file --batch`). Counted,
    # not timed: the time is the benchmark's business.
    repo = make_repo(tmp_path / "big")
    for batch in range(3):
        for i in range(100):
            n = batch * 100 + i
            (repo / f"entities/places/place-{n}.yml").write_text(
                f"# yaml-language-server: $schema=../../schemas/place.schema.json\nid: place-{n}\nname: Place {n}\ntype: city\n"
                f"within:\n  place: examplestan\n  sources:\n    - source: general-knowledge\n")
        commit(repo, f"Batch {batch}", f"2021-03-0{5 + batch}T10:00:00+00:00")
    for i in range(0, 300, 3):  # a third of them edited once more
        edit(repo, f"entities/places/place-{i}.yml", "type: city", "type: town")
    commit(repo, "Towns", "2021-03-09T10:00:00+00:00")
    records = pipeline.snapshot(repo).records  # (nothing refers to these places: valid files, not a valid dossier)
    calls = []
    real_git = history._git
    monkeypatch.setattr(history, "_git", lambda *a, **k: calls.append(a[1:3]) or real_git(*a, **k))
    log = changelog.build(history.read(repo), records)
    assert len(log.entities["place-3"]) == 2 and len(log.entities["place-4"]) == 1
    assert len(calls) <= 8, calls  # a fixed handful (log, refs, trees, one batch of blobs), not one per file


def test_the_entity_page_says_when_its_data_last_changed_and_lists_its_commits(repo):
    # Broken: dates from the clock (not the commit's), the commits oldest first, or the statement
    # summary missing (only a link to the commit, named by its short hash: the subjects are the
    # maintainers' shorthand and stay in the repository).
    page = build(repo)["people/hafiz-example.md"]
    assert "· Last changed 6 March 2021 ([history](#history))" in page
    found = section(page, "History")
    entries = re.findall(r"^- \*\*(.+?)\*\* · (.+?) · \[(.+?)\]\((.+?)\)$", found, re.M)
    shas = git(repo, "log", "--format=%h", "-n", "3").split()
    assert [(day, summary, name) for day, summary, name, _url in entries] == [
        ("6 March 2021", "1 statement: 1 added", f"commit {shas[0]}"),
        ("5 March 2021", "1 statement: 1 changed", f"commit {shas[1]}"),
        ("4 March 2021", "added (5 statements)", f"commit {shas[2]}")]
    assert entries[0][3] == f"https://github.com/iskp-dossier/iskp-dossier/commit/{git(repo, 'rev-parse', 'HEAD').strip()}"
    assert "    - spelling “Hafiz Exemplar” added" in found
    assert "    - chief of Khorasan Province: end summer 2016 → July 2016" in found


@pytest.mark.parametrize("how", ["renamed, former id kept", "renamed, former id forgotten", "deleted, then added"])
def test_the_history_follows_a_rename(repo, how):
    # Broken: histories keyed by file name: the renamed entity's page loses every commit before
    # the rename (whether git saw the file renamed, or only the former id says it: a file deleted in
    # one commit and added in another).
    rename_entity(repo, "people", "hafiz-example", "hafiz-example-khan", keep_former=how != "renamed, former id forgotten")
    dates = ["8 March 2021", "6 March 2021", "5 March 2021", "4 March 2021"]
    if how == "deleted, then added":
        new = repo / "entities/people/hafiz-example-khan.yml"
        text = new.read_text()
        new.unlink()
        commit(repo, "Removed for now", "2021-03-07T10:00:00+00:00")
        new.write_text(text)
        dates.insert(1, "7 March 2021")
    commit(repo, "Rename", "2021-03-08T10:00:00+00:00")
    found = section(build(repo)["people/hafiz-example-khan.md"], "History")
    assert re.findall(r"^- \*\*(.+?)\*\*", found, re.M) == dates
    assert ("renamed from hafiz-example" in found) == (how != "deleted, then added")


def test_an_entity_not_yet_committed(repo):
    # Broken: a new file (not committed) given a history, or its page failing for want of one.
    (repo / "entities/events/2020-market-report.yml").write_text(NEW_EVENT)
    page = build(repo)["events/2020-market-report.md"]
    assert "Last changed" not in page
    assert "No commit of the dossier's history has changed this entry yet." in section(page, "History")


def test_the_changes_page_per_release_and_since_the_last(repo):
    # Broken: a release compared with HEAD instead of the release before it, or tags ignored.
    git(repo, "tag", "v1.0", "HEAD~1")
    (repo / "entities/events/2020-market-report.yml").write_text(NEW_EVENT)
    edit(repo, EVENT, "stance: attributed", "stance: suspected")
    commit(repo, "The report; the attribution suspected", "2021-03-08T10:00:00+00:00")
    page = build(repo)["changes.md"]
    since = section(page, "Since the last release (v1.0)")
    assert "Entries: 1 added, 2 changed." in since
    assert "- **Events** (1): [<bdi>Report on the market attack</bdi>](events/2020-market-report.md)" in since
    assert "    - [<bdi>Market attack in Example City</bdi>](events/2017-market-attack.md): 1 statement: 1 changed" in since
    assert "    - [<bdi>Hafiz Example</bdi>](people/hafiz-example.md): 1 statement: 1 added" in since  # the alias of 6 March
    release = section(page, "v1.0 (5 March 2021)")
    assert "The first release." in release and "Entries: 14 added." in release
    latest = section(page, "Latest commits")
    assert re.findall(r"^- \*\*(.+?)\*\*", latest, re.M) == ["8 March 2021", "6 March 2021", "5 March 2021", "4 March 2021"]


def test_the_changes_page_before_any_release(repo):
    # Broken: no section at all until a release is tagged.
    page = build(repo)["changes.md"]
    assert "## Not yet released" in page and "which began on 4 March 2021" in page
    assert "Entries: 14 added." in page


def test_the_home_page_latest_changes_and_the_period_of_the_sources(repo):
    # Broken: the period from the commits' dates (or today's) rather than the sources' own dates,
    # or the latest changes not linked to the entries they changed.
    pages = build(repo)
    coverage = pages["_snippets/coverage.md"]
    assert coverage.startswith("**What this covers.** The dossier's sources are documents dated 2 April 2019 to May 2020.")
    assert "The one archived document, whose quotes are checked, is dated May 2020." in coverage
    assert "The data last changed on 6 March 2021 ([what changed](dossier/changes.md))." in coverage
    latest = pages["_snippets/latest.md"]
    assert latest.startswith(f"## Latest changes\n\n- **6 March 2021** · [commit {git(repo, 'log', '--format=%h', '-n', '1').strip()}](")
    assert "[<bdi>Hafiz Example</bdi>](dossier/people/hafiz-example.md)" in latest
    home = (pages["_snippets/coverage.md"], pages["_snippets/latest.md"])
    assert all("2026" not in part for part in home)


def test_the_period_counts_undated_sources(tree):
    # Broken: an undated source dropped silently from the count.
    records, texts = pipeline.validate(tree)
    from dossier.link import link
    assert "(1 give no date)" not in period(link(records, texts))
    src = tree / "entities/sources/cited-article.yml"
    src.write_text(src.read_text().replace("date: 2019-04-02\n", ""))
    records, texts = pipeline.validate(tree)
    assert period(link(records, texts)).startswith("The dossier's sources are documents dated May 2020 (1 give no date).")
