"""A review as Markdown: what `make review` prints and the pull-request workflow puts in the job
summary. Every value from the data is escaped (`markup.escape`): a pull request writes it."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .diff import CitationChange, EntityChange, StatementChange, ValueChange
from .wording import KIND_WORDS, field_words, text_change

LONG_TEXT = 80  # prose longer than this is shown as a word diff
MAX_PROBLEMS = 10  # problems of a tree that does not validate, listed before "and … more"
DETAILS_OVER = 12  # statements of an entity added or removed whole, beyond which they are folded away
MAX_PAGES = 200


@dataclass
class PageChanges:
    """The site's pages (paths in the generated folder) added, removed or changed; `exact` False
    when estimated (a side that does not validate cannot be rendered)."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    exact: bool = True

    @property
    def count(self) -> int:
        return len(self.added) + len(self.removed) + len(self.changed)


_MARKUP = re.compile(r"([\\`*_\[\]<>|~#!])")


def t(text) -> str:
    """Plain text for Markdown, on one line: every character that could start markup (emphasis,
    links, images, HTML, tables, code) escaped with a backslash, `&` as an entity, so that the
    summary still reads in a terminal."""
    return _MARKUP.sub(r"\\\1", " ".join(str(text).split()).replace("&", "&amp;"))


def code(text) -> str:
    """Text as a code span (ids, paths, problems): shown as it is, with no backtick to end the span."""
    return "`" + " ".join(str(text).split()).replace("`", "'") + "`"


def markdown(changes: list[EntityChange], base: str, head: str, base_problems: list[str] = (),
             head_problems: list[str] = (), pages: PageChanges | None = None) -> str:
    """The review: a summary line, what to look at twice, then the entities added, renamed,
    removed and changed, statement by statement, and the pages that change."""
    out = ["## Dossier review", "", f"Comparing {t(base)} with {t(head)}.", ""]
    for side, problems in (("base", base_problems), ("working tree", head_problems)):
        if problems:
            out += [f"> **The {side} does not validate** with today's schema and checks ({len(problems)} problem"
                    f"{'s' if len(problems) != 1 else ''}); it is compared as far as it can be read: what of each file "
                    "validates is compared, the rest is left out." + ("" if side == "base" else " Run `make check`."), ">"]
            out += [f"> - {code(p)}" for p in problems[:MAX_PROBLEMS]]
            if len(problems) > MAX_PROBLEMS:
                out.append(f"> - and {len(problems) - MAX_PROBLEMS} more")
            out.append("")
    out += [summary(changes, pages), ""]
    if not changes:
        return "\n".join(out + ["No entity or statement changed.", ""])
    flagged = [(c, where, flag) for c in changes for where, flag in c.all_flags]
    if flagged:
        out += ["### To look at twice", ""]
        out += [f"- **{t(c.name)}** · " + (f"{t(where)} · " if where else "") + t(flag) for c, where, flag in flagged]
        out.append("")
    for action, title in (("added", "Added"), ("renamed", "Renamed"), ("removed", "Removed"), ("changed", "Changed")):
        group = [c for c in changes if c.action == action]
        if not group:
            continue
        out += [f"### {title} ({len(group)})", ""]
        for c in group:
            out += _entity(c)
    if pages is not None:
        out += _pages(pages)
    return "\n".join(out).rstrip() + "\n"


def summary(changes: list[EntityChange], pages: PageChanges | None = None) -> str:
    """One line of counts: entities, statements, citations and quotes, second looks, pages."""
    entities = Counter(c.action for c in changes)
    kept = [s for c in changes if c.action in ("changed", "renamed") for s in c.statements]
    statements = Counter(s.action for s in kept)
    cites = [cc for c in changes for s in c.statements for cc in s.citations]
    added = [cc for cc in cites if cc.action in ("added", "changed")]
    found = sum(1 for cc in added if cc.verified)
    failed = sum(1 for cc in added if cc.verified is False)
    flags = sum(len(c.all_flags) for c in changes)
    parts = [", ".join(f"{entities[a]} {a}" for a in ("added", "removed", "renamed", "changed")) + " entities",
             ", ".join(f"{statements[a]} {a}" for a in ("added", "removed", "changed")) + " statements in the entities kept",
             f"{sum(1 for cc in cites if cc.action == 'added')} citations added, {sum(1 for cc in cites if cc.action == 'changed')} changed, "
             f"{sum(1 for cc in cites if cc.action == 'removed')} removed ({_count(found, 'quote')} found, {failed} not verified)",
             f"**{flags} to look at twice**" if flags else "nothing flagged"]
    if pages is not None:
        parts.append(f"{pages.count} pages change" + ("" if pages.exact else " (estimated)"))
    return " · ".join(parts)


def _entity(c: EntityChange) -> list[str]:
    kind = KIND_WORDS.get(c.kind, c.kind)
    title = f"#### {t(c.name)} ({kind}, {code(c.id)})"
    if c.action == "renamed":
        title = f"#### {t(c.name)} ({kind}): {code(c.old_id)} → {code(c.id)}"
    out = [title, ""]
    if c.path:
        out += [code(c.path), ""]
    if c.action in ("added", "removed"):
        cites = sum(len(s.citations) for s in c.statements)
        found = sum(1 for s in c.statements for cc in s.citations if cc.verified)
        out += [_count(len(c.statements), "statement") + (f", {_count(cites, 'citation')} ({_count(found, 'quote')} found)"
                                                          if c.action == "added" else ""), ""]
    lines = [line for s in c.statements for line in _statement(s, c.action in ("changed", "renamed"))]
    if c.action in ("added", "removed") and len(c.statements) > DETAILS_OVER:
        out += ["<details><summary>every statement</summary>", "", *lines, "", "</details>", ""]
    else:
        out += [*lines, ""]
    return out


def _statement(s: StatementChange, mark: bool) -> list[str]:
    """A statement's change as a list item with its citations below it."""
    sign = {"added": "added", "removed": "removed", "changed": ""}[s.action] if mark else ""
    head = t(s.label)
    if s.scalar and s.values:
        body = _values(s.values, scalar=True, changed=s.action == "changed")
        line = f"- {t(field_words(s.field))}: {body}" + (f" · {sign}" if sign else "")
    else:
        bits = [head] + ([sign] if sign else [])
        values = _values(s.values, scalar=False, changed=s.action == "changed") if s.values else ""
        line = "- " + " · ".join(bits) + (f" · {values}" if values else "")
    out = [line]
    out += [f"  - {_citation(cc)}" for cc in s.citations]
    return out


def _values(values: tuple[ValueChange, ...], scalar: bool, changed: bool) -> str:
    """Values changed (old → new, prose as a word diff), or those of a statement added (as they
    are) or removed (struck through)."""
    parts = []
    for v in values:
        name = "" if scalar else f"{t(field_words(v.name))}: "
        old, new = v.old, v.new
        if changed and v.delta:
            parts.append(name + t(v.delta))
        elif changed and isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > LONG_TEXT:
            parts.append(name + _word_diff(v.old_words, v.new_words))  # ([[id]] links as the names they show)
        elif not changed and v.old is None:
            parts.append(name + t(v.new_words))
        elif not changed:
            parts.append(name + f"~~{t(v.old_words)}~~")
        else:
            parts.append(name + f"{t(v.old_words)} → {t(v.new_words)}")
    return " · ".join(parts)


def _word_diff(old: str, new: str) -> str:
    out = []
    for op, words in text_change(old, new):
        if op == "=":
            out.append(t(words))
        elif op == "-":
            out.append(f"~~{t(words)}~~")
        else:
            out.append(f"**{t(words)}**")
    return "“" + " ".join(out) + "”"


def _quote(fragments) -> str:
    return "“" + " … ".join(t(f) for f in fragments) + "”" if fragments else "no quote"


def _citation(cc: CitationChange) -> str:
    where = f", {t(cc.locator)}" if cc.locator else ""
    via = f" (via {t(cc.via)})" if cc.via else ""
    mark = {True: "✅ ", False: "❌ ", None: ""}[cc.verified]
    check = f" — {mark}{t(cc.check)}" if cc.check else ""
    source = f"{t(cc.source_name)} ({code(cc.source)})"
    if cc.action == "added":
        return f"cites {source}{where}{via}: {_quote(cc.quote)}{check}"
    if cc.action == "removed":
        return f"~~cites {source}{where}{via}: {_quote(cc.quote)}~~ (citation removed)"
    moved = f" · locator: {t(cc.old_locator or 'none')} → {t(cc.locator or 'none')}" if cc.old_locator != cc.locator else ""
    quote = f"quote {_quote(cc.old_quote)} → {_quote(cc.quote)}" if tuple(cc.old_quote) != tuple(cc.quote) else "same quote"
    return f"{source}{via}: {quote}{moved}{check}"


def page_url(path: str) -> str:
    """Where a generated file is on the site: `people/x.md` → `dossier/people/x/`; the home
    page's snippets → the home page."""
    if path.startswith("_snippets/"):
        return "(the home page)"
    if not path.endswith(".md"):
        return "dossier/" + path
    stem = path[:-3]
    return "dossier/" + (stem[:-5] if stem == "index" or stem.endswith("/index") else stem + "/")


def _pages(pages: PageChanges) -> list[str]:
    out = [f"### Pages that change ({pages.count}{'' if pages.exact else ', estimated'})", ""]
    if not pages.exact:
        out += ["One side does not validate, so its pages cannot be generated: these are the pages of the entities that "
                "changed, of the entities that mention them, and the indexes of their kinds.", ""]
    if not pages.count:
        return out + ["None.", ""]
    for label, paths in (("new", pages.added), ("removed", pages.removed), ("changed", pages.changed)):
        if not paths:
            continue
        shown = list(dict.fromkeys(page_url(p) for p in paths if p.endswith(".md")))  # (two snippets: one home page)
        files = [p for p in paths if not p.endswith(".md")]
        summary = f"{len(shown)} {label} pages" + (f" and {len(files)} data files" if files else "")
        out += [f"<details><summary>{summary}</summary>", ""]
        out += [f"- {code(url)}" for url in shown[:MAX_PAGES]]
        if len(shown) > MAX_PAGES:
            out.append(f"- and {len(shown) - MAX_PAGES} more pages")
        downloads = [p for p in files if p.startswith("data/")]
        if files:
            out.append("- data files: " + ", ".join(code(p.removeprefix("data/")) for p in downloads)
                       + (" and " if downloads and len(files) > len(downloads) else "")
                       + (f"{len(files) - len(downloads)} entity JSON documents" if len(files) > len(downloads) else ""))
        out += ["", "</details>", ""]
    return out


def _count(n: int, word: str) -> str:
    """"1 statement", "2 statements"."""
    return f"{n} {word}{'' if n == 1 else 's'}"
