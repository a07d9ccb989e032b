"""What changed: the Changes page (per release, since the last release, the latest commits, as
ATT&CK's release notes do for its objects) and the home page's two snippets: the period the
sources cover, and the latest changes. Fed by the changelog (plain data from git, read before
rendering); the period comes from the sources' own dates, so it is there in any build."""
from __future__ import annotations

from ... import dates
from ...changelog import Changelog, ReleaseNotes
from ...link import Dossier
from ..context import Page, Settings, front_matter
from ..markup import plain
from ..vocabulary import KIND_PLURAL, change_summary, commit_link

CHANGES = "changes.md"
COVERAGE_SNIPPET = "_snippets/coverage.md"  # included at the top of the hand-written docs/index.md
LATEST_SNIPPET = "_snippets/latest.md"  # included at its end
HOME_LATEST = 5  # commits on the home page


def render_changes(d: Dossier, changelog: Changelog, settings: Settings) -> dict[str, str]:
    return {CHANGES: _changes_page(d, changelog, settings),
            COVERAGE_SNIPPET: _coverage(d, changelog, settings),
            LATEST_SNIPPET: _latest(d, changelog, settings)}


def period(d: Dossier) -> str:
    """The span of the sources' dates in words, and of the archived ones, whose quotes are checked:
    "documents dated September 2015 to 15 November 2021 (…)"."""
    sources = [r.entity for r in d.by_kind.get("source", []) if r.entity.kind != "general-knowledge"]
    dated = [s for s in sources if s.date]
    if not dated:
        return "The dossier's sources give no dates."
    undated = len(sources) - len(dated)
    text = f"The dossier's sources are documents dated {_span(dated)}" + (f" ({undated} give no date)" if undated else "") + "."
    archived = [s for s in sources if s.archived_text in d.texts]
    archived_dated = [s for s in archived if s.date]
    if archived_dated:
        missing = len(archived) - len(archived_dated)
        text += (" The one archived document, whose quotes are checked, is dated " if len(archived) == 1 else
                 f" The {len(archived)} archived documents, whose quotes are checked, are dated ")
        text += _span(archived_dated) + (f" ({missing} give{'s' if missing == 1 else ''} no date)" if missing else "") + "."
    latest = max(dated, key=lambda s: (dates.bounds(s.date)[1], dates.bounds(s.date)[0]))
    return text + (f" Nothing that happened after {plain(dates.in_words(latest.date))} is in the dossier unless a later "
                   "source is added.")


def _span(sources) -> str:
    """The earliest and the latest of the sources' dates, in words, at their own precision."""
    first = min(sources, key=lambda s: (dates.bounds(s.date)[0], dates.bounds(s.date)[1]))
    last = max(sources, key=lambda s: (dates.bounds(s.date)[1], dates.bounds(s.date)[0]))
    if first.date == last.date:
        return plain(dates.in_words(first.date))
    return f"{plain(dates.in_words(first.date))} to {plain(dates.in_words(last.date))}"


def _coverage(d: Dossier, changelog: Changelog, settings: Settings) -> str:
    page = Page(d, "coverage.md", settings, docs_path="index.md")
    line = f"**What this covers.** {period(d)}"
    if changelog.available and changelog.last:
        line += (f" The data last changed on {plain(dates.in_words(changelog.last.date))} "
                 f"([what changed]({page.href(CHANGES)})).")
    return line + "\n"


def _latest(d: Dossier, changelog: Changelog, settings: Settings) -> str:
    page = Page(d, "latest.md", settings, docs_path="index.md")
    out = ["## Latest changes", ""]
    if not changelog.available:
        return "\n".join(out + [f"History not available in this build ({plain(changelog.reason)}).", ""]) + "\n"
    for cc in changelog.recent[:HOME_LATEST]:
        out.append(f"- **{plain(dates.in_words(cc.commit.date))}** · {commit_link(cc.commit, page)}: {_entities(cc.changes, page)}")
    out += ["", f"All changes, by release: [Changes]({page.href(CHANGES)}).", ""]
    return "\n".join(out) + "\n"


def _entities(changes, page: Page, most: int = 6) -> str:
    """The entries a commit changed, linked (those removed are named, having no page)."""
    names = [_entry(c, page) for c in changes]
    return ", ".join(names[:most]) + (f" and {len(names) - most} more" if len(names) > most else "") if names else "no entry"


def _entry(c, page: Page) -> str:
    if c.action != "removed" and c.id in page.d.by_id:
        return page.link(c.id)
    return f"{plain(c.name)} ({plain(c.action)})"


def _changes_page(d: Dossier, changelog: Changelog, settings: Settings) -> str:
    page = Page(d, CHANGES, settings)
    out = ["# Changes", "",
           "What changed in the dossier's data, read from its git history: what each release (a `v*` tag) added, changed, "
           "renamed and removed, what has changed since the last release, and the latest commits. Each entry's page has "
           "its own history, commit by commit.", "", f"{period(d)}", ""]
    if not changelog.available:
        out += [f"History not available in this build ({plain(changelog.reason)}).", ""]
        return front_matter("Changes", "What changed in the ISKP dossier, release by release.") + "\n".join(out) + "\n"
    if changelog.unreleased is not None:
        last = changelog.releases[0].name if changelog.releases else None
        title = f"Since the last release ({plain(last)})" if last else "Not yet released"
        out += [f"## {title}", ""]
        if not last:
            began = f", which began on {plain(dates.in_words(changelog.first.date))}" if changelog.first else ""
            out += [f"No release has been tagged yet: everything in the dossier{began}, up to the latest commit "
                    f"({commit_link(changelog.unreleased.commit, page)}, {plain(dates.in_words(changelog.unreleased.commit.date))}).", ""]
        out += _release(changelog.unreleased, page)
    for notes in changelog.releases:
        out += [f"## {plain(notes.name)} ({plain(dates.in_words(notes.commit.date))})", ""]
        out += [f"Since {plain(notes.previous)}." if notes.previous else "The first release.", ""]
        out += _release(notes, page)
    out += ["## Latest commits", ""]
    for cc in changelog.recent:
        out.append(f"- **{plain(dates.in_words(cc.commit.date))}** · {commit_link(cc.commit, page)}: {_entities(cc.changes, page, 10)}")
    out.append("")
    return front_matter("Changes", "What changed in the ISKP dossier, release by release.") + "\n".join(out) + "\n"


def _release(notes: ReleaseNotes, page: Page) -> list[str]:
    """A release's entries added, renamed, changed and removed, by kind."""
    if not notes.changes:
        return ["Nothing changed.", ""]
    counts = ", ".join(f"{len(notes.of(a))} {a}" for a in ("added", "renamed", "changed", "removed") if notes.of(a))
    out = [f"Entries: {counts}.", ""]
    for action, title in (("added", "Added"), ("renamed", "Renamed"), ("changed", "Changed"), ("removed", "Removed")):
        items = notes.of(action)
        if not items:
            continue
        out += [f"### {title}", ""]
        by_kind: dict[str, list] = {}
        for c in items:
            by_kind.setdefault(c.kind, []).append(c)
        for kind, group in by_kind.items():
            if action == "added":
                out.append(f"- **{KIND_PLURAL[kind]}** ({len(group)}): " + ", ".join(_entry(c, page) for c in group))
            else:
                out.append(f"- **{KIND_PLURAL[kind]}** ({len(group)})")
                out += [f"    - {_entry(c, page)}: {change_summary(c)}" for c in group]
        out.append("")
    return out

