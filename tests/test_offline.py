"""The offline bundle opened from file:// in Chromium, with every outside request blocked and recorded."""
from __future__ import annotations


import pytest

from browser import Search
from conftest import ROOT


ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def offline_builder(request):
    """Each builder's offline bundle: the same reader's walk works in both (OFFLINE_BUILDER in the Makefile)."""
    return request.param


@pytest.fixture(scope="module")
def bundle(offline_builder, offline_bundles):
    return offline_bundles(offline_builder)


def offline_context(browser, **options):
    """A browser context in which every request that is not for a file is blocked and recorded:
    (context, outside requests, console errors); pages opened in it record their errors. For the
    tests that open the bundle's pages in a context of their own (test_explore, test_a11y)."""
    context = browser.new_context(**options)
    outside, errors = [], []

    def gate(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()
    context.route("**/*", gate)
    context.on("request", lambda r: None if r.url.startswith(("file://", "data:", "blob:", "about:")) else outside.append(r.url))
    context.on("page", lambda page: (page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None),
                                     page.on("pageerror", lambda e: errors.append(str(e)))))
    return context, outside, errors


@pytest.fixture(scope="module")
def offline_page(bundle, chromium):
    """A page of the session's browser in a context where every request but file:// is blocked
    and recorded (on the context: the search worker's requests too)."""
    context, outside, errors = offline_context(chromium)
    page = context.new_page()
    yield page, outside, errors, bundle
    context.close()


def test_bundle_navigates_searches_and_never_leaves_file(offline_page, offline_builder):
    page, outside, errors, bundle = offline_page
    builder = offline_builder
    page.goto((bundle / "index.html").as_uri())
    assert "Khorasan" in page.locator("article h1").inner_text()
    # search works offline (the index is inlined and the worker runs through the local shim)
    box = Search(page, builder)
    box.open()
    box.type("Orakzai")
    box.wait_for_results(timeout=15000)
    assert box.results(1)[0].endswith("/dossier/people/aslam-farooqi.html")
    page.locator(box.s["result"]).first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and page.url.split("?")[0].endswith("/dossier/people/aslam-farooqi.html")
    assert "Aslam Farooqi" in page.locator("article h1").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "offline-person.png"))
    # follow links: to a group page, the leadership chart, the network, a source text and a download
    page.locator("article a", has_text="Islamic State Khorasan Province").first.click()
    assert "Islamic State Khorasan Province" in page.locator("article h1").inner_text()
    for path, marker in (("dossier/leadership.html", "svg.dossier-timeline"), ("dossier/network.html", "svg.dossier-network"),
                         ("dossier/texts/routray-2020-iskp-melting-pot.html", "mark"), ("dossier/data/index.html", "table")):
        page.goto((bundle / path).as_uri())
        assert page.locator(marker).count() > 0, path
    page.screenshot(path=str(ARTIFACTS / "offline-data.png"))
    assert (bundle / "dossier" / "data" / "dossier.json").is_file()
    assert outside == [], outside
    assert errors == [], errors


def test_bundle_references_nothing_outside(bundle):
    """No page or script points at a CDN, Google Fonts, unpkg or GitHub's API."""
    for path in bundle.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for host in ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "cdn.jsdelivr", "api.github.com"):
            assert host not in text, f"{path.relative_to(bundle)} references {host}"
