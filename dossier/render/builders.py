"""Everything that depends on the tool that turns the pages into a site: MkDocs with Material for
MkDocs (the default, for GitHub Pages and the offline bundle) or Zensical, its successor, which
reads the same mkdocs.yml. Zensical 0.0.73 is the newest that installs here (0.0.74 to 0.1.4 need
`zensical-ui`); what an upgrade must re-check is listed in README, Zensical, and is all here:

- links inside raw HTML (the SVG figures): MkDocs leaves them alone, Zensical rewrites them as it
  rewrites Markdown links (relative to the Markdown file);
- the front matter: MkDocs' templates do not escape the title (it is written HTML-escaped), and
  Material's search ranks `tags` and `boost`; Zensical escapes, shows `tags` as chips and filters,
  and ranks by title (weight 3), path (2) and text (1), with no boost;
- so that an entity's own page ranks first for each of its names under Zensical, its title names
  them all and a closed "All names" box gives each name a heading of its own.

Imports only `markup`: `context` and the page families use it.
"""
from __future__ import annotations

import html
import json

from .markup import plain

MKDOCS, ZENSICAL = "mkdocs", "zensical"
BUILDERS = (MKDOCS, ZENSICAL)


def relative_in_raw_html(builder: str) -> bool:
    """Whether raw-HTML links are relative to the page's final URL (MkDocs) rather than written as
    Markdown links are, to the Markdown file (Zensical rewrites them: `../people/x/` on
    `dossier/leadership.md` became `../../people/x/`, 258 broken links)."""
    return builder != ZENSICAL


def for_builder(markdown: str, builder: str) -> str:
    """A page's front matter as its builder reads it. MkDocs' templates do not escape: the title and
    description are written HTML-escaped, and names and aliases go into `tags`, which Material's
    search ranks a thousand times above the text. Zensical escapes what it writes (an escaped title
    showed as `Farooqi&#x27;s` in its results), and shows `tags` to readers as chips and search
    filters: it gets the plain title and no tags (its ranking is by title, path and text)."""
    if builder != ZENSICAL or not markdown.startswith("---\n"):
        return markdown
    head, sep, body = markdown[4:].partition("\n---\n")
    lines = []
    for line in head.split("\n"):
        key = line.partition(":")[0]
        if key == "tags":
            continue
        value = line.partition(": ")[2]
        if key in ("title", "description") and value.startswith('"'):
            line = f"{key}: " + json.dumps(html.unescape(json.loads(value)), ensure_ascii=False)
        lines.append(line)
    return "---\n" + "\n".join(lines) + sep + body


def search_title(name: str, names: list[str], builder: str) -> str:
    """The page title. Zensical's search ranks by title (three times the text) and has neither
    Material's `boost` nor its weighting of `tags`: so that an entity's own page comes first for
    every one of its names, the title names them all there ("Aslam Farooqi (Abdullah Orakzai,
    Mawlawi Aslam Farooqi)"); the page's heading stays the name."""
    others = [n for n in dict.fromkeys(names) if n != name]
    return f"{name} ({', '.join(others)})" if builder == ZENSICAL and others else name



def names_box(name: str, aliases: list[str], builder: str) -> list[str]:
    """For Zensical, every name of the entity as a heading of its own. Zensical's search ranks a
    heading whose title is the query first, and has neither Material's `boost` nor its weighting
    of `tags`; so a search for "Orakzai" leads to Aslam Farooqi's page, not to the documents that
    name him. The headings sit in a closed "All names" box at the end (level 6: not in the page's
    table of contents). MkDocs' pages need none of this and do not get it."""
    names = list(dict.fromkeys([name, *aliases]))
    if builder != ZENSICAL or len(names) < 2:
        return []
    bdi = lambda text: f"<bdi>{plain(text)}</bdi>"  # noqa: E731
    return ['<details class="dossier-names" markdown>', f"<summary>All names ({len(names)})</summary>", "",
            *(line for n in names for line in (f"###### {bdi(n)}", "", f"{bdi(name)}: {bdi(n)}", "")), "</details>", ""]
