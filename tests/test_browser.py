"""The built site in a real browser: Debian's Chromium driven by Playwright.

Screenshots are kept in test-artifacts/ for people to look at.
"""
from __future__ import annotations


import pytest

from conftest import ROOT


ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def site(request, served, real_site):
    """(base URL, site folder, builder): the browser suite runs against both builds of the dossier.
    Where Zensical 0.0.73 still differs, the test says so with xfail(strict=True) and the README
    lists the difference."""
    if request.param == "mkdocs":
        yield served, real_site, "mkdocs"
        return
    from browser import serve
    folder = request.getfixturevalue("zensical_site")
    base, server = serve(folder)
    yield base, folder, "zensical"
    server.shutdown()


@pytest.fixture(scope="module")
def browser(chromium):
    return chromium


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def heading(page) -> str:
    return page.locator("article h1").inner_text().rstrip("¶").strip()


def test_home_page_loads_without_console_errors(site, page):
    base, _, builder = site
    page.goto(base)
    assert "ISKP" in page.title()
    shot(page, "home")
    assert page.errors == []


@pytest.mark.parametrize("query,expected", [("IS-K", "islamic-state-khorasan-province"), ("Orakzai", "aslam-farooqi"),
                                            ("Lashkar-e-Toiba", "lashkar-e-taiba"), ("Wilayat Khorasan", "iskp")])
def test_search_finds_aliases_from_the_box_and_from_a_shared_link(site, page, query, expected):
    """Typed into the search box, and given in the address as a shared link gives it (`?q=`)."""
    from urllib.parse import quote

    from browser import Search
    base, _, builder = site
    expected = {"islamic-state-khorasan-province": "/dossier/groups/iskp/"}.get(expected, f"/dossier/{'people' if expected == 'aslam-farooqi' else 'groups'}/{expected}/")
    box = Search(page, builder)
    page.goto(base)
    box.open()
    box.type(query)
    box.wait_for_results()
    assert expected in box.results(10 if query == "IS-K" else 3), box.results(10)
    shot(page, f"search-{builder}-{query}")
    if builder == "mkdocs":  # (Zensical 0.0.73 does not read a query from the address; README, Zensical)
        page.goto(f"{base}?q={quote(query)}")
        box.wait_for_results()
        assert expected in box.results(10 if query == "IS-K" else 3)
    assert page.errors == []


def test_person_to_group_to_event_and_back(site, page):
    base, _, builder = site
    page.goto(base + "dossier/people/aslam-farooqi/")
    assert heading(page) == "Aslam Farooqi"
    page.locator("article a", has_text="Islamic State Khorasan Province").first.click()
    assert heading(page) == "Islamic State Khorasan Province"
    shot(page, "group-iskp")
    page.locator("article a", has_text="Gurdwara").first.click()
    assert "Gurdwara" in heading(page)
    page.go_back()
    page.go_back()
    assert heading(page) == "Aslam Farooqi"
    assert page.errors == []


def test_reference_links_to_the_highlighted_passage(site, page):
    base, _, builder = site
    page.goto(base + "dossier/people/aslam-farooqi/")
    link = page.locator(".footnote a", has_text="passage in the archived text").first
    href = link.get_attribute("href")
    anchor = href.split("#")[1]
    link.click()
    page.wait_for_load_state()
    target = page.locator(f"[id='{anchor}']")
    assert target.count() == 1
    # the anchor is one of the empty <span id> markers placed just before the highlighted passage
    following = page.evaluate(f"""(() => {{ let e = document.getElementById('{anchor}');
        while (e && e.tagName === 'SPAN' && !e.textContent) e = e.nextElementSibling; return e && e.tagName; }})()""")
    assert following == "MARK"
    # the passage the reference points to stands out from the other cited passages
    outlines = page.evaluate("""(() => [...document.querySelectorAll('article mark')].map(
        m => getComputedStyle(m).outlineStyle))()""")
    assert outlines.count("solid") >= 1 and outlines.count("none") >= 1, outlines
    shot(page, "archived-text")


def test_a_passage_cut_into_pieces_is_outlined_whole(site, page):
    """A quote inside which another quote starts is cut into several highlighted pieces: following
    a reference to it outlines every piece, not only the first. Fails if the pieces lose their
    `data-q` or dossier.js is not loaded (only the CSS outline of the first piece is left)."""
    base, _, builder = site
    page.goto(base + "dossier/texts/routray-2020-iskp-melting-pot/")
    split = page.evaluate("""(() => { const n = {}; document.querySelectorAll('mark[data-q]').forEach(m =>
        m.getAttribute('data-q').split(' ').filter(Boolean).forEach(q => n[q] = (n[q] || 0) + 1));
        return Object.keys(n).filter(q => n[q] > 1).sort()[0]; })()""")
    assert split, "no quote spans two pieces in this text"
    page.goto(base + f"dossier/texts/routray-2020-iskp-melting-pot/#{split}")
    pieces = page.locator(f'mark[data-q~="{split}"]')
    assert pieces.count() > 1
    assert pieces.evaluate_all("ms => ms.every(m => m.classList.contains('dossier-target') && getComputedStyle(m).outlineStyle === 'solid')")
    others = page.locator("mark.dossier-target").count()
    assert others == pieces.count(), "only the passage pointed to is outlined"


@pytest.mark.parametrize("path", ["", "dossier/people/aslam-farooqi/", "dossier/leadership/"])
def test_footnote_markers_are_tappable_on_a_phone(site, browser, path):
    """WCAG 2.2 target size, as Lighthouse checks it: each marker's 24 px target overlaps no other
    marker's (markers wrap onto several lines in narrow table cells)."""
    base, _, builder = site
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(base + path)
    boxes = page.evaluate("""(() => [...document.querySelectorAll('article a.footnote-ref')].map(a => {
        const r = a.getBoundingClientRect(); return [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height]; }))()""")
    context.close()
    assert boxes, "no footnote markers found"
    small = [b for b in boxes if b[2] < 24 or b[3] < 24]
    assert not small, f"{len(small)} markers smaller than 24 px: {small[:3]}"
    columns: dict[int, list] = {}  # markers stacked at the same left edge, top to bottom
    for box in boxes:
        columns.setdefault(round(box[0]), []).append(box)
    stacks = [sorted(column, key=lambda box: box[1]) for column in columns.values()]
    overlapping = [(a, b) for stack in stacks for a, b in zip(stack, stack[1:]) if b[1] < a[1] + a[3] - 0.5]
    assert not overlapping, f"{len(overlapping)} markers overlap the one above them: {overlapping[:3]}"


@pytest.mark.parametrize("path,selector,links", [
    ("dossier/leadership/", "svg.dossier-timeline", "dossier/people/"),
    ("dossier/network/", "svg.dossier-network", "dossier/"),
    ("dossier/groups/iskp/", "svg.dossier-network", "dossier/"),
])
def test_charts_are_drawn_and_link_to_entities(site, browser, path, selector, links):
    """The figures drawn at build time, as a reader without JavaScript sees them (and print: with
    JavaScript the network figures give way to the explorable map, tests/test_explore.py)."""
    base, _, builder = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.goto(base + path)
    chart = page.locator(selector).first
    box = chart.bounding_box()
    assert box and box["width"] > 400 and box["height"] > 40, box
    hrefs = chart.locator("a").evaluate_all("els => els.map(e => e.href.baseVal || e.getAttribute('href'))")
    assert hrefs, "the chart has no links"
    first = chart.locator("a").first
    target = first.evaluate("e => new URL(e.getAttribute('href'), location.href).href")
    assert links in target
    page.goto(target)
    assert page.locator("article h1").count() == 1
    shot(page, "chart-" + path.strip("/").replace("/", "-"))
    assert page.errors == []
    context.close()


def test_dark_mode_toggle(site, page):
    base, _, builder = site
    page.goto(base)
    before = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.locator("label[for=__palette_1]").first.click()
    page.wait_for_timeout(300)
    after = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert before != after
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    shot(page, "dark-mode")


def test_print_keeps_the_references(site, page):
    base, _, builder = site
    page.goto(base + "dossier/people/aslam-farooqi/")
    page.emulate_media(media="print")
    assert page.locator(".footnote").is_visible()
    assert not page.locator(".md-header").is_visible()


def _aliases():
    """Every alias of every person, group and faction, with its page and whether it is ambiguous
    (also a word of another entity's name or alias, like "Moawiya" in "Moawiya faction")."""
    import re

    from dossier import pipeline
    records, _texts = pipeline.validate(ROOT)
    actors = [r for r in records if r.kind in ("person", "group", "faction", "place")]
    names = [(r.id, n) for r in actors for n in [r.entity.name, *(a.name for a in r.entity.aliases)]]
    out = []
    for r in actors:
        if r.kind == "place":
            continue
        for a in r.entity.aliases:
            # Material's search matches prefixes ("ISI" finds "ISIS"), so a prefix of a word counts
            pattern = re.compile(rf"(?<!\w){re.escape(a.name)}", re.I)
            ambiguous = any(other != r.id and pattern.search(n) for other, n in names)
            out.append((a.name, r.kind, r.id, ambiguous))
    return out


def test_every_alias_finds_its_entity_first(site, page):
    """A search for any alias or spelling variant lands on the entity's own page as the first
    result (among the first three when the alias also begins a word of another entity's name, among
    the first ten for a two-letter abbreviation like "IS", which begins half the words of the dossier).

    One page, the queries typed into its search box one after another (loading a page per alias
    took a minute). Between two queries a query with no results empties the list, so the results
    read after typing an alias are that alias's.
    """
    import re

    from browser import Search
    from dossier.models import FOLDER_OF
    base, _, builder = site
    page.goto(base)
    box = Search(page, builder)
    box.open()
    misses = []
    for alias, kind, entity_id, ambiguous in _aliases():
        expected = f"/dossier/{FOLDER_OF[kind]}/{entity_id}/"
        top = 10 if len(re.sub(r"\W", "", alias)) <= 2 else 3 if ambiguous else 1  # "IS", "US", "U.S."
        box.clear()
        box.type(alias)
        try:
            box.wait_for_results(timeout=4000)
            page.wait_for_function("([sel, want, top]) => [...document.querySelectorAll(sel)].slice(0, top)"
                                   ".some(a => new URL(a.getAttribute('href'), location.href).pathname === want)",
                                   arg=[box.s["result"], expected, top], timeout=3000) if builder == "mkdocs" else None
            got = box.results(top)
            if expected not in got:
                raise AssertionError(got)
        except Exception:
            misses.append(f"{alias!r} → {box.results(3)} (want {expected})")
    missed = {m.split(" → ")[0].strip("'\"") for m in misses}
    expected_misses = ZENSICAL_RANKS_A_DOCUMENT_FIRST if builder == "zensical" else set()
    assert missed == expected_misses, f"{len(misses)} of {len(_aliases())} aliases:\n" + "\n".join(misses)


# Zensical 0.0.73 ranks a document whose title begins with the alias (a news headline "IS-KP a
# Pakistani proxy…", "Wilayat Khorasan: past and present…") above the entity's page; its search has
# no boost to outweigh that (README, Zensical). Kept exact: the test fails if another alias misses,
# and if one of these starts to work (then remove it here and in the README).
ZENSICAL_RANKS_A_DOCUMENT_FIRST = {"Afghan forces", "IS-KP", "IS-K", "Islamic State's Khorasan Province", "Wilayat Khorasan",
                                   "IMU", "IS", "NDS"}
