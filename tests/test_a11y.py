"""WCAG 2.1 AA, checked by an outside engine: axe-core (vendored, tests/vendor/axe.min.js) run in
Chromium on a page of every family, in light and dark mode, on MkDocs' build, Zensical's and the
offline bundle (from file://, every outside request blocked). No serious or critical violation is
allowed.

The maps and tables are checked as a reader uses them: drawn, a node chosen, filters shown.
Broken implementations that fail here (each tried): Material's tabs at 70 % white on the blue-grey
header (`color-contrast`, 3.61:1); an SVG figure with `role="img"` holding links
(`nested-interactive`); the map's nodes given a role their container does not allow
(`aria-required-children`); a filter menu without a label (`select-name`); a legend colour too pale
for the dark scheme (`color-contrast`); the references held in place by an estimate shorter than
they are (`color-contrast`: axe finds their unrendered text over the dark footer, as Lighthouse's did).
"""
from __future__ import annotations

import pytest

from conftest import ROOT, wait_for_map


AXE = (ROOT / "tests" / "vendor" / "axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# A page of every family: home, each entity kind, leadership, a chronology year, network,
# contested, sources, an archived text, data, tags, and the indexes.
PAGES = ["", "dossier/people/aslam-farooqi/", "dossier/groups/iskp/", "dossier/factions/iskp-moawiya-faction/",
         "dossier/events/2020-kabul-gurdwara-attack/", "dossier/places/kabul/", "dossier/sources/routray-2020-iskp-melting-pot/",
         "dossier/narratives/farooqi-arrest-or-surrender/", "dossier/leadership/", "dossier/chronology/", "dossier/chronology/2020/",
         "dossier/network/", "dossier/narratives/", "dossier/sources/", "dossier/texts/routray-2020-iskp-melting-pot/",
         "dossier/data/", "dossier/tags/", "dossier/events/", "dossier/groups/", "dossier/method/"]


@pytest.fixture(scope="module", params=["mkdocs", "zensical", "offline"])
def where(request, served):
    if request.param == "mkdocs":
        yield (lambda path: served + path), "mkdocs"
    elif request.param == "zensical":
        from browser import serve
        base, server = serve(request.getfixturevalue("zensical_site"))
        yield (lambda path: base + path), "zensical"
        server.shutdown()
    else:
        bundle = request.getfixturevalue("offline_bundle")

        def url(path):
            if not path:
                return (bundle / "index.html").as_uri()
            folder = bundle / path
            return ((folder / "index.html") if (folder / "index.html").is_file() else bundle / (path.rstrip("/") + ".html")).as_uri()
        yield url, "offline"


# Dark mode changes colours only (the palette's CSS variables): in it, the colour rules run again.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# The offline bundle is the same pages with file links and an inlined search index: a sample.
OFFLINE_PAGES = ["", "dossier/groups/iskp/", "dossier/chronology/2020/", "dossier/network/", "dossier/texts/routray-2020-iskp-melting-pot/"]


def _serious(page, rules=None) -> list[str]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        # The page as it loads, its far blocks unrendered (`content-visibility: auto`, dossier.css),
        # as Lighthouse's axe sees it: an estimate short of a block's height lays its unrendered
        # text over the footer for axe (dossier/notelength.py), and this catches it.
        page.add_script_tag(content=AXE)
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": TAGS}
    result = page.evaluate("(only) => axe.run(document, {runOnly: only, resultTypes: ['violations']})", only)
    return [f"{v['id']} ({v['impact']}): {len(v['nodes'])}× e.g. {v['nodes'][0]['target']} — {v['nodes'][0]['failureSummary'][:160]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def _scheme(page, scheme: str) -> None:
    """Switch the page to a colour scheme as the theme's toggle does (its body attribute, which the
    palette's styles follow), without saving a choice that later pages would load with."""
    if not page.evaluate("!!document.getElementById('no-transitions')"):  # colours change at once, as on a page loaded dark
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        page.evaluate("document.head.lastElementChild.id = 'no-transitions'")
    page.evaluate("(s) => document.body.setAttribute('data-md-color-scheme', s)", "slate" if scheme == "dark" else "default")
    assert page.evaluate("getComputedStyle(document.body).colorScheme") in (("dark",) if scheme == "dark" else ("normal", "light"))


def test_no_serious_or_critical_violation_on_any_page_family_light_or_dark(where, chromium):
    url, name = where
    from test_offline import offline_context
    ctx, outside, _errors = offline_context(chromium) if name == "offline" else (chromium.new_context(), [], [])
    page = ctx.new_page()
    found = {}
    for path in OFFLINE_PAGES if name == "offline" else PAGES:
        page.goto(url(path))
        _scheme(page, "light")
        if page.locator(".dossier-map").count():
            wait_for_map(page)
            if path == "dossier/network/":  # the map as used: a year set, a node chosen, its panel filled
                page.locator(".dm-year-select").select_option("2020")
                page.locator(".dm-n[data-shown='1']").first.click()
        for scheme, rules in (("light", None), ("dark", COLOUR_RULES)):
            _scheme(page, scheme)
            problems = _serious(page, rules)
            if problems:
                found[f"{path or 'home'} ({scheme})"] = problems
    ctx.close()
    assert outside == []
    assert found == {}, "\n".join(f"{p}:\n  " + "\n  ".join(v) for p, v in found.items())
