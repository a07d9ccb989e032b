"""Where the site comes from and where it is published: the repository its edit and report links
open, the branch they edit, and the address the site declares (`site_url`, canonical links,
sitemap, citation files).

A fork, an Enterprise host or a custom domain must get links to itself, not to the repository the
dossier started in. In order, the first that answers is used:

1. `DOSSIER_REPOSITORY_URL`, `DOSSIER_BRANCH`, `DOSSIER_SITE_URL`, when set (the Pages workflow sets
   the site URL from `actions/configure-pages`, and the branch to the repository's default branch);
2. GitHub Actions' own variables: `GITHUB_SERVER_URL` + `GITHUB_REPOSITORY`, and the branch being
   built (`GITHUB_BASE_REF` for a pull request, else `GITHUB_REF_NAME`);
3. the local clone's `origin` remote and current branch;
4. `mkdocs.yml` (`extra.dossier_repository`, `extra.dossier_branch`, `site_url`).

The site address, when not given, follows the repository: a `docs/CNAME` file is a custom domain;
`<owner>.github.io/<repo>/` on github.com (`<owner>.github.io/` for the repository of that name).
Everything here is a pure function of what `read` gathers, so the same commit, repository and
address always give the same links.
"""
from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml

from .errors import InputError, Problem, printable
from .history import is_release_tag

GITHUB = "https://github.com"
# Every value here goes into every page (edit links, canonical links, "Cite this page"), and comes
# from the environment, git or mkdocs.yml: each is checked or rebuilt from the parts it should have.
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*")
_NAME = re.compile(r"[A-Za-z0-9_.-]+")  # a GitHub owner or repository name (ASCII; not `.` or `..`)
_SAFE_PATH = re.compile(r"(?:/(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})*)*")  # no quote, bracket or parenthesis


@dataclass(frozen=True)
class Origin:
    """The repository and address a build links to, and how they were found."""

    repo_url: str                  # https://github.com/owner/repo (no trailing slash)
    branch: str
    site_url: str | None           # https://owner.github.io/repo/ (with a trailing slash), None when unknown
    found_by: str                  # "DOSSIER_* variables", "GitHub Actions", "git remote", "mkdocs.yml"
    warnings: tuple[str, ...] = field(default=())

    @property
    def edit_base(self) -> str:
        return f"{self.repo_url}/edit/{branch_in_url(self.branch)}/"

    @property
    def issues_url(self) -> str:
        return f"{self.repo_url}/issues/new"


@dataclass(frozen=True)
class Clues:
    """What the build could see: the environment, the git remote and branch, docs/CNAME, mkdocs.yml."""

    env: dict[str, str]
    remote: str | None = None
    local_branch: str | None = None
    cname: str | None = None
    fallback_repo: str = f"{GITHUB}/iskp-dossier/iskp-dossier"
    fallback_branch: str = "main"
    fallback_site: str | None = None


def resolve(clues: Clues) -> Origin:
    """The origin of a build from what it could see (see the module's docstring for the order)."""
    env = clues.env
    warnings: list[str] = []
    repo = branch = None
    found = "mkdocs.yml"
    if env.get("GITHUB_ACTIONS") == "true" and env.get("GITHUB_REPOSITORY"):
        server = (env.get("GITHUB_SERVER_URL") or GITHUB).rstrip("/")
        repo, found = f"{server}/{env['GITHUB_REPOSITORY']}", "GitHub Actions"
        branch = env.get("GITHUB_BASE_REF") or (env.get("GITHUB_REF_NAME") if env.get("GITHUB_REF_TYPE", "branch") == "branch" else None)
    elif clues.remote:
        repo = repo_from_remote(clues.remote)
        if repo:
            found, branch = "git remote", clues.local_branch
        else:
            warnings.append(f"the git remote `{clues.remote}` is not a GitHub repository address; "
                            f"edit and report links go to {clues.fallback_repo} (set DOSSIER_REPOSITORY_URL to change it)")
    else:
        warnings.append(f"no GitHub Actions variables and no git remote: edit and report links go to {clues.fallback_repo} "
                        "(from mkdocs.yml; set DOSSIER_REPOSITORY_URL to change it)")
    if env.get("DOSSIER_REPOSITORY_URL"):
        given = env["DOSSIER_REPOSITORY_URL"]
        if _clean_repo(given):
            repo, found = given, "DOSSIER_* variables"
        else:
            warnings.append(f"DOSSIER_REPOSITORY_URL `{given}` is not a repository address (https://host/owner/name): "
                            "it is not used")
    repo = _clean_repo(repo) or _clean_repo(clues.fallback_repo) or _clean_repo(Clues.fallback_repo)
    branch = env.get("DOSSIER_BRANCH") or branch or clues.fallback_branch
    site = None
    if env.get("DOSSIER_SITE_URL"):
        site = clean_site_url(env["DOSSIER_SITE_URL"])
        if site is None:
            warnings.append(f"DOSSIER_SITE_URL `{env['DOSSIER_SITE_URL']}` is not an http(s) address of a site "
                            "(http(s)://host[:port]/path, no user, query or fragment): it is not used")
    site = site or site_from(repo, clues.cname)
    if not site and found == "mkdocs.yml":
        site = clean_site_url(clues.fallback_site or "")
    if not site:
        warnings.append(f"the site's own address is not known for {repo} (not on github.com, no docs/CNAME): "
                        "pages are built without canonical links or sitemap addresses; set DOSSIER_SITE_URL")
    return Origin(repo, branch, _slash(site) if site else None, found, tuple(printable(w) for w in warnings))


def branch_in_url(branch: str) -> str:
    """A branch name as a URL path: percent-encoded but for its slashes (`feature/x`). A branch may
    be named anything git allows (`gh pr checkout` names it after the contributor's), `)<svg…>` too."""
    return quote(branch, safe="/")


def clean_site_url(url: str) -> str | None:
    """`http(s)://host[:port]/path` rebuilt from its parts (scheme and host lower-cased), or None
    when the address has anything else: a user, a query, a fragment, a character outside the plain
    set of a path, a port that is not a number."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or parts.username is not None or parts.password is not None \
            or parts.query or parts.fragment or "?" in url or "#" in url or not parts.hostname \
            or not _HOST.fullmatch(parts.hostname) or not _SAFE_PATH.fullmatch(parts.path):
        return None
    return f"{parts.scheme.lower()}://{parts.hostname}{f':{port}' if port else ''}{parts.path}"


def repo_from_remote(remote: str) -> str | None:
    """`git@github.com:owner/repo.git` or `https://host/owner/repo(.git)` → `https://host/owner/repo`."""
    remote = remote.strip()
    scp = re.fullmatch(r"(?:[A-Za-z0-9_.-]+@)?([A-Za-z0-9.-]+):([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?", remote)
    if scp and "://" not in remote:
        return _clean_repo(f"https://{scp.group(1)}/{scp.group(2)}/{scp.group(3)}")
    try:
        parts = urlsplit(remote)
    except ValueError:
        return None
    path = [p for p in parts.path.split("/") if p]
    if parts.scheme in ("https", "http", "ssh", "git") and parts.hostname and len(path) == 2:
        return _clean_repo(f"https://{parts.hostname}/{path[0]}/{path[1].removesuffix('.git')}")
    return None


def site_from(repo: str, cname: str | None) -> str | None:
    """Where GitHub Pages publishes `repo`: its custom domain, or the github.io rule on github.com."""
    if cname:
        return f"https://{cname.strip().removeprefix('https://').removeprefix('http://').strip('/')}/"
    parts = urlsplit(repo)
    owner, name = [p for p in parts.path.split("/") if p][:2]
    if parts.hostname != "github.com":
        return None  # GitHub Enterprise publishes Pages at an address the build cannot work out
    if name.lower() == f"{owner.lower()}.github.io":
        return f"https://{owner.lower()}.github.io/"
    return f"https://{owner.lower()}.github.io/{name}/"


def _clean_repo(url: str | None) -> str | None:
    """`scheme://host[:port]/owner/name`, rebuilt from those parts only (no user information, query
    or fragment), or None when they are not a plain host and two GitHub names."""
    if not url:
        return None
    url = url.strip().rstrip("/").removesuffix(".git")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    path = [p for p in parts.path.split("/") if p]
    if parts.scheme.lower() not in ("https", "http") or not parts.hostname or not _HOST.fullmatch(parts.hostname) \
            or len(path) != 2 or not all(_NAME.fullmatch(p) and p.strip(".") for p in path):
        return None
    return f"{parts.scheme.lower()}://{parts.hostname}{f':{port}' if port else ''}/{path[0]}/{path[1]}"


def _slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for the keys used here: `!ENV [NAME, default]` is the
    variable's value or the default (the site address is given to MkDocs that way)."""


def _env_tag(env: dict[str, str]):
    def construct(loader, node):
        values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
        names, default = (values[:-1], values[-1]) if len(values) > 1 else (values, None)
        return next((env[n] for n in names if env.get(n)), default)
    return construct


def mkdocs_config(root: Path, env: dict[str, str]) -> dict:
    """mkdocs.yml as plain data, `!ENV` resolved against `env` ({} when there is none)."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return {}
    loader = type("Loader", (_ConfigLoader,), {})
    loader.add_constructor("!ENV", _env_tag(env))
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}  # noqa: S506 - a SafeLoader subclass


def read(root: Path, env: dict[str, str]) -> Origin:
    """Gather the clues for a build of the project at `root` (git, docs/CNAME and mkdocs.yml are
    read here, and only here) and resolve them."""
    config = mkdocs_config(root, {k: v for k, v in env.items() if k != "DOSSIER_SITE_URL"})
    extra, site_url = config.get("extra") or {}, config.get("site_url")
    cname_file = root / "docs" / "CNAME"
    cname = None
    if cname_file.is_file() and not cname_file.is_symlink() and cname_file.stat().st_size <= 1024:  # a domain name, not a book
        cname = cname_file.read_text(encoding="utf-8", errors="replace").strip().splitlines()[0:1]
        cname = cname[0].strip() if cname and re.fullmatch(r"[A-Za-z0-9.-]+", cname[0].strip()) else None
    clues = Clues(env=dict(env), remote=_git(root, "config", "--get", "remote.origin.url"),
                  local_branch=_git(root, "rev-parse", "--abbrev-ref", "HEAD"), cname=cname,
                  fallback_repo=extra.get("dossier_repository") or Clues.fallback_repo,
                  fallback_branch=extra.get("dossier_branch") or Clues.fallback_branch,
                  fallback_site=site_url)
    if clues.local_branch == "HEAD":  # a detached checkout has no branch to edit
        clues = Clues(**{**clues.__dict__, "local_branch": None})
    return resolve(clues)


def _git(root: Path, *args: str) -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    value = out.stdout.strip()
    return value if out.returncode == 0 and value else None


@dataclass(frozen=True)
class Version:
    """Which state of the dossier a build shows: its release tag, or the date and commit it was
    built from. Dates come from the commit, never from the clock, so a build is reproducible."""

    tag: str | None
    date: str | None    # ISO date of the commit (or of SOURCE_DATE_EPOCH)
    commit: str | None  # abbreviated commit hash
    warnings: tuple[str, ...] = field(default=())  # what was not used, and why (said once on stderr)

    @property
    def label(self) -> str:
        """"v1.2.0", "2026-12-07 (commit 1a2b3c4)" or "working copy"."""
        if self.tag:
            return self.tag
        if self.date and self.commit:
            return f"{self.date} (commit {self.commit})"
        return self.date or "working copy"


LAST_EPOCH = 4133980799  # 2100-12-31 23:59:59 UTC: the end of the years the dossier's dates may take


def source_date_epoch(env: dict[str, str]) -> int | None:
    """SOURCE_DATE_EPOCH as seconds since 1970 (None when unset or empty), or InputError saying
    what to give: the build's dates (the version, the sitemap, the offline zip) come from it."""
    value = (env.get("SOURCE_DATE_EPOCH") or "").strip()
    if not value:
        return None
    if re.fullmatch(r"[0-9]{1,10}", value) and int(value) <= LAST_EPOCH:
        return int(value)
    raise InputError([Problem("SOURCE_DATE_EPOCH", 0, 0, f"`{value[:40]}` is not a time this build can use",
                              "set it to the time of the last commit in seconds since 1970 (`git log -1 --format=%ct`), "
                              "a moment before 2101, or leave it unset")])


def read_version(root: Path, env: dict[str, str]) -> Version:
    """The version a build of `root` shows (`DOSSIER_VERSION` overrides the tag). A tag that is not
    a release name (`v1.2.0`: see `history.is_release_tag`) is not shown, with a warning."""
    warnings = []
    tag = env.get("DOSSIER_VERSION") or (env.get("GITHUB_REF_NAME") if env.get("GITHUB_REF_TYPE") == "tag" else None) \
        or _git(root, "describe", "--tags", "--exact-match", "--match", "v*", "HEAD")
    if tag and not is_release_tag(tag):
        warnings.append(printable(f"the version `{tag[:80]}` is not a release name (v followed by a number, e.g. v1.2.0): "
                                  "pages give the date and commit instead"))
        tag = None
    epoch = source_date_epoch(env)
    if epoch is not None:
        date = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date().isoformat()
    else:
        date = _git(root, "log", "-1", "--format=%cs")
        if date and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", date):
            date = None
    tomorrow = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)).date().isoformat()
    if date and date > tomorrow:  # a commit dated in the future: the build's day instead
        date = dt.datetime.now(dt.timezone.utc).date().isoformat()
    return Version(tag, date, _git(root, "rev-parse", "--short=7", "HEAD"), tuple(warnings))
