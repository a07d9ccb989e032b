"""The site follows the repository it is built from: edit and report links, its own address
(canonical links, sitemap) and the data downloads' metadata, for a fork, a GitHub Enterprise host
and a custom domain (issue 18). Each failed before: every link was mkdocs.yml's upstream repository.
"""
from __future__ import annotations

import json
import re

import pytest

from conftest import FIXTURE
from dossier.origin import Clues, repo_from_remote, resolve, site_from
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
