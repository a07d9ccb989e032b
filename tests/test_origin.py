"""The site follows the repository it is built from: edit and report links, its own address
(canonical links, sitemap) and the data downloads' metadata, for a fork, a GitHub Enterprise host
and a custom domain (issue 18). Each failed before: every link was mkdocs.yml's upstream repository.
"""
from __future__ import annotations

import json
import re

import pytest

from conftest import FIXTURE
from dossier.errors import InputError
from dossier.origin import Clues, read_version, repo_from_remote, resolve, site_from, source_date_epoch
from sitebuild import build_env, make_project, make_site

UPSTREAM = "https://github.com/iskp-dossier/iskp-dossier"


def actions(repo: str, server: str = "https://github.com", **more: str) -> dict[str, str]:
    return {"GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": server, "GITHUB_REPOSITORY": repo,
            "GITHUB_REF_NAME": "main", "GITHUB_REF_TYPE": "branch", **more}


# -- how the origin is found ----------------------------------------------------------------------

@pytest.mark.parametrize("env,remote,cname,expected", [
    # a fork built by its own Actions: its repository, its github.io address
    (actions("alice/dossier-fork"), None, None, ("https://github.com/alice/dossier-fork", "main", "https://alice.github.io/dossier-fork/")),
    # a pull request: the branch it will be merged into, not "123/merge"
    (actions("alice/dossier-fork", GITHUB_REF_NAME="7/merge", GITHUB_BASE_REF="dev"), None, None,
     ("https://github.com/alice/dossier-fork", "dev", "https://alice.github.io/dossier-fork/")),
    # a release tag: the default branch the workflow passes, not the tag
    (actions("alice/dossier-fork", GITHUB_REF_NAME="v1.0", GITHUB_REF_TYPE="tag", DOSSIER_BRANCH="trunk"), None, None,
     ("https://github.com/alice/dossier-fork", "trunk", "https://alice.github.io/dossier-fork/")),
    # GitHub Enterprise: its host, and the Pages address configure-pages reports
    (actions("team/dossier", "https://github.example.org", DOSSIER_SITE_URL="https://pages.github.example.org/team/dossier"),
     None, None, ("https://github.example.org/team/dossier", "main", "https://pages.github.example.org/team/dossier/")),
    # a custom domain (docs/CNAME)
    (actions("alice/dossier-fork"), None, "dossier.example.net", ("https://github.com/alice/dossier-fork", "main", "https://dossier.example.net/")),
    # the user site repository
    (actions("alice/alice.github.io"), None, None, ("https://github.com/alice/alice.github.io", "main", "https://alice.github.io/")),
    # locally: the git remote, in either form, and the checked-out branch
    ({}, "git@github.com:bob/iskp.git", None, ("https://github.com/bob/iskp", "work", "https://bob.github.io/iskp/")),
    ({}, "https://github.com/bob/iskp.git", None, ("https://github.com/bob/iskp", "work", "https://bob.github.io/iskp/")),
    # nothing to go on: mkdocs.yml's repository and address
    ({}, None, None, (UPSTREAM, "main", "https://iskp-dossier.github.io/iskp-dossier/")),
    # explicit variables win over everything
    ({**actions("alice/dossier-fork"), "DOSSIER_REPOSITORY_URL": "https://git.example.com/x/y", "DOSSIER_SITE_URL": "https://y.example.com"},
     None, None, ("https://git.example.com/x/y", "main", "https://y.example.com/")),
])
def test_the_origin_follows_the_build(env, remote, cname, expected):
    found = resolve(Clues(env=env, remote=remote, local_branch="work", cname=cname, fallback_site="https://iskp-dossier.github.io/iskp-dossier/"))
    assert (found.repo_url, found.branch, found.site_url) == expected


def test_a_build_that_cannot_tell_says_so_and_writes_valid_links():
    """An Enterprise host without the address configure-pages gives: no made-up github.io address."""
    found = resolve(Clues(env=actions("team/dossier", "https://github.example.org")))
    assert found.site_url is None and len(found.warnings) == 1 and "DOSSIER_SITE_URL" in found.warnings[0]
    assert found.repo_url == "https://github.example.org/team/dossier"
    local = resolve(Clues(env={}, remote="/srv/git/dossier.git"))
    assert local.repo_url == UPSTREAM and len(local.warnings) == 1


@pytest.mark.parametrize("remote", ["", "file:///tmp/x", "https://github.com/only-owner", "https://evil.example/a/b/c",
                                    "https://github.com/a/b c", "javascript:alert(1)//github.com/a/b"])
def test_addresses_that_are_not_repositories_are_not_used(remote):
    assert repo_from_remote(remote) is None
    assert resolve(Clues(env={"DOSSIER_REPOSITORY_URL": remote})).repo_url == UPSTREAM


def test_site_addresses():
    assert site_from("https://github.com/Alice/Repo", None) == "https://alice.github.io/Repo/"
    assert site_from("https://github.example.org/a/b", None) is None


# -- what the environment and git say is untrusted too (the values go into every page) ------------

@pytest.mark.parametrize("given", ["https://x.example/) <img src=x onerror=alert(1)> (", "javascript:alert(1)//x.example/",
                                   "https://user:secret@x.example/", "https://x.example/?q=1", "https://x.example/#top",
                                   "https://x.example/\"onmouseover=\"alert(1)", "https://x.exa\u0430mple/", "ftp://x.example/",
                                   "https://x.example:99999/", "https://x.example:8o/", "https://x.example/a b/"])
def test_a_site_address_that_is_not_a_plain_http_address_is_not_used(given):
    # Broken: DOSSIER_SITE_URL taken as it was: raw HTML and script URLs in every page's canonical
    # link and "Cite this page" address, and a traceback for a port that is not a number.
    found = resolve(Clues(env={**actions("alice/dossier-fork"), "DOSSIER_SITE_URL": given}))
    assert found.site_url == "https://alice.github.io/dossier-fork/"
    assert any("DOSSIER_SITE_URL" in w and "is not an http(s) address" in w for w in found.warnings), found.warnings


def test_a_plain_site_address_is_kept():
    found = resolve(Clues(env={**actions("alice/dossier-fork"), "DOSSIER_SITE_URL": "HTTPS://Pages.Example.org:8443/team/dossier-1.0_x~y/%7Ea"}))
    assert found.site_url == "https://pages.example.org:8443/team/dossier-1.0_x~y/%7Ea/" and not found.warnings


@pytest.mark.parametrize("given", ["https://a)<img src=x onerror=alert(2)>@github.com/o/r", "https://user:token@github.com/o/r",
                                   "https://github.com/o/r?x=<svg>", "https://github.com/o/r#<svg>"])
def test_a_repository_address_is_rebuilt_from_its_host_and_name(given):
    # Broken: the repository URL kept its user information (raw HTML there reached every edit link).
    assert resolve(Clues(env={"DOSSIER_REPOSITORY_URL": given})).repo_url == "https://github.com/o/r"


@pytest.mark.parametrize("given", ["https://github.com:99999/o/r", "https://github.com:x/o/r", "https://github.com/\uff4f/r",
                                   "https://github.com/../r", "https://gith\u0443b.com/o/r"])
def test_a_repository_address_that_is_not_one_is_not_used(given):
    # Broken: a port that is not a number raised ValueError out of the build; `\w` took any
    # script's letters for an owner name.
    assert resolve(Clues(env={"DOSSIER_REPOSITORY_URL": given})).repo_url == UPSTREAM


def test_a_branch_name_is_percent_encoded_in_links(tree):
    # Broken: the branch (a local one named after a contributor's, or DOSSIER_BRANCH) written raw
    # into every entity page's edit link: `x)<svg/onload=alert(1)>` ended the Markdown link.
    from dossier import pipeline, render
    from dossier.render import Settings
    branch = "x)<svg/onload=alert(1)>"
    found = resolve(Clues(env={}, remote="git@github.com:bob/iskp.git", local_branch=branch))
    assert found.branch == branch and found.edit_base == "https://github.com/bob/iskp/edit/x%29%3Csvg/onload%3Dalert%281%29%3E/"
    records, texts = pipeline.validate(tree)
    page = render.site(records, texts, Settings(repo_url=found.repo_url, branch=found.branch))["people/hafiz-example.md"]
    assert "[Edit the data](https://github.com/bob/iskp/edit/x%29%3Csvg/onload%3Dalert%281%29%3E/entities/people/hafiz-example.yml)" in page
    assert "<svg/onload" not in page and "x)<" not in page


@pytest.mark.parametrize("name", ["v1.0\u202eevil", "v1)<svg/onload=alert(1)>", "v1.0\u2066", "release-1", "v1.0\n::warning::x",
                                  "v" + "1" * 80])
def test_a_version_is_a_release_name_not_text(tmp_path, name):
    # Broken: DOSSIER_VERSION, a tag's GITHUB_REF_NAME or the tag on HEAD went as it was into every
    # page's "Cite this page" and the data downloads' version.
    for env in ({"DOSSIER_VERSION": name}, {"GITHUB_REF_TYPE": "tag", "GITHUB_REF_NAME": name}):
        version = read_version(tmp_path, env)
        assert version.tag is None and version.label == "working copy"
        assert len(version.warnings) == 1 and "is not a release name" in version.warnings[0]
    assert read_version(tmp_path, {"DOSSIER_VERSION": "v1.2.0"}).label == "v1.2.0"


@pytest.mark.parametrize("value", ["99999999999999", "1e9", "-5", "\u0661\u0667\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660", "1700000000x", "²"])
def test_a_source_date_epoch_that_is_not_a_time_is_a_clear_error(tree, value, monkeypatch, capsys):
    # Broken: int() and fromtimestamp() on it as it was: a ValueError traceback for 99999999999999
    # (or `²`, which isdigit() accepts), other values silently replaced by the commit's date.
    with pytest.raises(InputError) as err:
        source_date_epoch({"SOURCE_DATE_EPOCH": value})
    assert str(err.value).startswith(f"SOURCE_DATE_EPOCH: `{value}` is not a time this build can use — set it to")
    from scripts import build_pages
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert build_pages.main(["--root", str(tree)]) == 1
    assert "SOURCE_DATE_EPOCH: `" in capsys.readouterr().err
    assert source_date_epoch({"SOURCE_DATE_EPOCH": " 1700000000 "}) == 1700000000 and source_date_epoch({"SOURCE_DATE_EPOCH": ""}) is None


# -- three repositories, built -------------------------------------------------------------------

REPOS = {
    "fork": (actions("alice/dossier-fork"), None,
             "https://github.com/alice/dossier-fork", "https://alice.github.io/dossier-fork/"),
    "enterprise": (actions("team/dossier", "https://github.example.org", DOSSIER_SITE_URL="https://pages.github.example.org/team/dossier/"),
                   None, "https://github.example.org/team/dossier", "https://pages.github.example.org/team/dossier/"),
    "custom domain": (actions("carol/iskp"), "dossier.example.net", "https://github.com/carol/iskp", "https://dossier.example.net/"),
}


@pytest.fixture(scope="module", params=sorted(REPOS))
def built(request, tmp_path_factory):
    env, cname, repo, site = REPOS[request.param]
    project = make_project(tmp_path_factory.mktemp("origin") / "p", FIXTURE)
    if cname:
        (project / "docs" / "CNAME").write_text(cname + "\n")
    make_site(project, env=build_env(**env, SOURCE_DATE_EPOCH="1700000000"))
    return project / "site", repo, site


def test_edit_and_report_links_open_the_repository_built_from(built):
    site, repo, _site_url = built
    page = (site / "dossier/people/hafiz-example/index.html").read_text()
    assert f'href="{repo}/edit/main/entities/people/hafiz-example.yml"' in page
    assert f'href="{repo}/issues/new?template=report-error.yml&amp;title=Error%20on%20hafiz-example&amp;page=hafiz-example"' in page
    assert UPSTREAM not in page


def test_canonical_links_and_sitemap_give_the_site_s_own_address(built):
    site, _repo, site_url = built
    home = (site / "index.html").read_text()
    assert f'<link rel="canonical" href="{site_url}">' in home
    entity = (site / "dossier/people/hafiz-example/index.html").read_text()
    assert f'<link rel="canonical" href="{site_url}dossier/people/hafiz-example/">' in entity
    locs = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text())
    assert locs and all(loc.startswith(site_url) for loc in locs)
    assert "iskp-dossier.github.io" not in (site / "sitemap.xml").read_text()


def test_data_downloads_and_citation_say_where_they_come_from(built):
    site, repo, site_url = built
    package = json.loads((site / "dossier/data/datapackage.json").read_text())
    assert package["homepage"] == site_url
    cff = (site / "dossier/data/CITATION.cff").read_text()
    assert f"url: {site_url}" in cff or f"url: '{site_url}'" in cff or f'url: "{site_url}"' in cff
    assert repo in cff
