"""Shared fixtures: a real site build, project copies to break on purpose, a browser."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

import forkrun

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "source" / "ke-hoach-thuc-hien-chi-thi-07.txt"
# The PDF cache `make build` (build_pdf.py) fills; tests that use built_site may start from a copy.
PDF_CACHE = ROOT / ".cache" / "pdf"
CHROMIUM = "/usr/bin/chromium"
# Chromium flags for this sandbox: no background traffic, no GPU.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def pytest_collection_modifyitems(items) -> None:
    """The long files first: those that build the whole site or drive Chromium (marked `slow` or
    `browser`), each file kept together. With one file per worker (`make test`: --dist loadfile)
    a long file handed out last kept one worker busy while the other had nothing left to do; the
    short files now fill the end."""
    long_files = {item.path for item in items
                  if item.get_closest_marker("slow") or item.get_closest_marker("browser")}
    items.sort(key=lambda item: item.path not in long_files)  # stable: each file's order kept


def run_mkdocs(project: Path, site: Path, *, strict: bool = True) -> subprocess.CompletedProcess:
    """A real `mkdocs build` of `project` into `site`, in a fresh process (as editors run it;
    forked with the build's modules imported: tests/forkrun.py)."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(site)]
    if strict:
        cmd.append("--strict")
    return forkrun.subprocess_run(cmd, cwd=project, timeout=900)


def build_after(project: Path, site: Path, *pre: str) -> subprocess.CompletedProcess:
    """A real strict `mkdocs build`, in a fresh Python (tests/forkrun.py) that first runs the
    statements `pre` (to break or watch a part of the build from inside, as a test needs)."""
    code = "; ".join([*pre, "from mkdocs.__main__ import cli", "cli()"])
    return forkrun.subprocess_run([sys.executable, "-c", code, "build", "--clean", "--strict", "--site-dir", str(site)],
                                  cwd=project, timeout=900)


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path in the site, with its bytes."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def small_content(dest: Path, documents: dict[str, str]) -> Path:
    """A content folder at `dest` with the real registries, a made-up settings file and the given
    documents (file name -> YAML text): for in-process tests of the model and its dependencies."""
    (dest / "van-ban").mkdir(parents=True)
    for name in ("don-vi.yml", "thuat-ngu.yml", "phong-trao.yml"):
        shutil.copy2(ROOT / "content" / name, dest / name)
    (dest / "cai-dat.yml").write_text("ten_tinh:\nten_website: Kho thử nghiệm\n", encoding="utf-8")
    for name, text in documents.items():
        (dest / "van-ban" / name).write_text(text.lstrip(), encoding="utf-8")
    return dest


def copy_project(dest: Path) -> Path:
    """A copy of the project's inputs (content, docs, config) to modify in a test."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("content", "docs"):
        shutil.copytree(ROOT / name, dest / name)
    for name in ("mkdocs.yml", "build_pdf.py"):
        shutil.copy2(ROOT / name, dest / name)
    return dest


def plugin_options(project: Path, plugin: str, **options) -> None:
    """Set options of one of our plugins listed without options (`  - ldkb-graph`) in a project
    copy's mkdocs.yml."""
    cfg = project / "mkdocs.yml"
    lines = "".join(f"\n      {key}: {value}" for key, value in options.items())
    text, n = re.subn(rf"^  - {re.escape(plugin)}$", f"  - {plugin}:{lines}", cfg.read_text(encoding="utf-8"),
                      flags=re.M)
    assert n == 1, f"mkdocs.yml: {plugin} entry not found"
    cfg.write_text(text, encoding="utf-8")


def shared_build(tmp_path_factory, name: str, make) -> Path:
    """`make(folder)` run once per test run, however many pytest-xdist workers ask (the pattern
    pytest-xdist documents: a file lock in the run's own temporary folder, which every worker's
    folder is under); returns the folder. Read-only for the tests that share it. A failed build
    leaves no mark, so each worker that asks fails the same way."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # pytest-N/ (each worker's basetemp is pytest-N/popen-gwK)
    folder = base / "shared" / name
    folder.parent.mkdir(parents=True, exist_ok=True)
    done = folder.with_name(name + ".done")
    with FileLock(str(folder) + ".lock"):
        if not done.exists():
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test run from the repository's content."""

    def make(out: Path) -> None:
        result = run_mkdocs(ROOT, out)
        assert result.returncode == 0, result.stdout + result.stderr

    return shared_build(tmp_path_factory, "site", make)


@pytest.fixture(scope="session")
def engine_builds(tmp_path_factory):
    """The real site built with a search engine (`ldkb-search`'s `engine`), once per engine and test
    session, for every module that uses it (searchsite.engine_fixtures): `engine_builds("shards")`
    -> (project, site). Read-only."""
    built: dict[str, tuple[Path, Path]] = {}

    def get(engine: str) -> tuple[Path, Path]:
        if engine not in built:
            def make(folder: Path) -> None:
                project = copy_project(folder / "project")
                plugin_options(project, "ldkb-search", engine=engine)
                result = run_mkdocs(project, folder / "site")
                assert result.returncode == 0, result.stdout + result.stderr

            folder = shared_build(tmp_path_factory, f"engine-{engine}", make)
            built[engine] = (folder / "project", folder / "site")
        return built[engine]

    return get


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def serve_dir(directory: Path):
    """Serve `directory` as plain files on 127.0.0.1 at a free port; returns (base_url, server)."""
    from staticserver import QuietHandler, serve

    return serve(directory, handler_class=QuietHandler)


@pytest.fixture(scope="session")
def site_url(site):
    url, server = serve_dir(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def site_search(browser, site_url):
    """Material's search box on the real site, one for a module's queries, as a member searches
    one query after another (tools.search_measure.SearchPage)."""
    from tools.search_measure import SearchPage

    page = browser.new_page()
    search = SearchPage(page, site_url)
    search.open()
    yield search
    page.close()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (never a downloaded browser)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site exactly as `make build` makes it: `ldkb build` (pages, PDFs, offline zip). Its
    PDFs are in the repository's PDF cache (PDF_CACHE) once it is made."""

    def make(folder: Path) -> None:
        result = subprocess.run([sys.executable, "-m", "ldkb", "build", "--site-dir", str(folder / "site")],
                                cwd=ROOT, capture_output=True, text=True, timeout=1800)
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]

    return shared_build(tmp_path_factory, "built", make) / "site"


@pytest.fixture(scope="session")
def built_url(built_site):
    """`built_site` served over http on 127.0.0.1 with gzip, as a real host would."""
    from staticserver import serve

    url, server = serve(built_site)
    yield url
    server.shutdown()


TASKS_FIXTURE = ROOT / "tests" / "fixtures" / "giao-viec" / "content"
# The reference date of the task fixture's tests: what is overdue and what falls due soon.
TASKS_TODAY = "15/10/2025"


def tasks_project(dest: Path) -> Path:
    """A project whose content is the fictional task fixture (tests/fixtures/giao-viec); its hand-written
    pages are only the home page and the stylesheets (the real ones cite the real documents)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "docs" / "assets", dest / "docs" / "assets")
    (dest / "docs" / "index.md").write_text("# Kho thử nghiệm\n\nTrang chủ của bộ dữ liệu thử nghiệm.\n",
                                            encoding="utf-8")
    shutil.copytree(TASKS_FIXTURE, dest / "content")
    for name in ("mkdocs.yml", "build_pdf.py"):
        shutil.copy2(ROOT / name, dest / name)
    return dest


@pytest.fixture(scope="session")
def tasks_site(tmp_path_factory) -> Path:
    """The task fixture's site, built once per test run with LDKB_TODAY fixed (issue 16's tests)."""

    def make(tmp: Path) -> None:
        project = tasks_project(tmp / "project")
        env = {**os.environ, "LDKB_TODAY": TASKS_TODAY}
        result = forkrun.subprocess_run([sys.executable, "-m", "mkdocs", "build", "--clean", "--strict", "--site-dir",
                                         str(tmp / "site")], cwd=project, timeout=900, env=env)
        assert result.returncode == 0, result.stdout + result.stderr

    return shared_build(tmp_path_factory, "tasks", make) / "site"
