"""Atomic builds: `python -m ldkb build` (what `make build` runs) swaps the new site in only
when every step succeeded; a build broken on purpose leaves site/ byte-identical, PDFs included."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PDF_CACHE, copy_project

pytestmark = pytest.mark.slow


def ldkb_build(project: Path, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ldkb", "build"], cwd=project,
                          capture_output=True, text=True, timeout=timeout)


def snapshot(site: Path) -> dict[str, str]:
    """Every file and folder under site/, with its content hash and mode."""
    out = {}
    for p in sorted(site.rglob("*")):
        rel = p.relative_to(site).as_posix()
        if p.is_dir():
            out[rel + "/"] = oct(p.stat().st_mode)
        else:
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest() + oct(p.stat().st_mode)
    out["./"] = oct(site.stat().st_mode)
    return out


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site-"))


@pytest.fixture(scope="module")
def built(tmp_path_factory, built_site):
    """A project copy with a complete site/ (HTML, PDFs, offline zip) from a real build. Its PDF
    cache starts as the one the session's `make build` filled (built_site): what is unchanged is
    not rendered again, as on an editor's machine."""
    project = copy_project(tmp_path_factory.mktemp("atomic") / "project")
    shutil.copytree(PDF_CACHE, project / ".cache" / "pdf")
    result = ldkb_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    assert any((site / "pdf").glob("*.pdf")), "the first build made no PDF"
    return project, snapshot(site)


@pytest.fixture
def project(built):
    """The built project; each test's breakage is undone after it."""
    project, before = built
    saved = {p: p.read_bytes() for p in [project / "build_pdf.py"] + list((project / "content").rglob("*.yml"))
             + list((project / "docs").rglob("*.md"))}
    yield project, before
    for p, data in saved.items():
        p.write_bytes(data)
    for p in (project / "docs").rglob("*.md"):
        if p not in saved:
            p.unlink()


def test_site_is_readable_by_a_web_server(built):
    project, _ = built
    mode = (project / "site").stat().st_mode
    assert mode & stat.S_IROTH and mode & stat.S_IXOTH  # not the 0700 of a temporary folder


def test_bad_yaml_leaves_site_identical(project):
    project, before = project
    doc = project / "content" / "van-ban" / "117-kh-ldld.yml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("loai: Kế hoạch", "loai: [Kế hoạch"), encoding="utf-8")
    result = ldkb_build(project)
    assert result.returncode == 1
    assert "content/van-ban/117-kh-ldld.yml:" in result.stderr and "Lỗi cú pháp YAML" in result.stderr
    assert "Trang web cũ" in result.stderr and "giữ nguyên" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_failing_mkdocs_step_leaves_site_identical(project):
    """Content valid for the validator, but the site build fails (a broken link, strict mode)."""
    project, before = project
    (project / "docs" / "hong.md").write_text("# Hỏng\n\n[liên kết hỏng](khong-co.md)\n", encoding="utf-8")
    result = ldkb_build(project)
    assert result.returncode == 1
    assert "Xây dựng thất bại" in result.stderr and "được giữ nguyên" in result.stderr
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_failing_pdf_step_after_writing_some_pdfs_leaves_site_identical(project):
    """The PDF step dies halfway: it has already written PDFs into the new folder."""
    project, before = project
    (project / "build_pdf.py").write_text(
        "import argparse, pathlib, sys\n"
        "p = argparse.ArgumentParser(); p.add_argument('--site-dir'); a = p.parse_args()\n"
        "out = pathlib.Path(a.site_dir) / 'pdf'; out.mkdir(exist_ok=True)\n"
        "(out / '117-kh-ldld.pdf').write_bytes(b'%PDF-1.7 half written')\n"
        "sys.exit('WeasyPrint: lỗi giả lập')\n", encoding="utf-8")
    result = ldkb_build(project)
    assert result.returncode == 1
    assert "Xây dựng thất bại ở bước" in result.stderr
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_killed_build_leaves_site_identical(project):
    """Even a build killed outright never touches site/ (the swap is the last step)."""
    project, before = project
    proc = subprocess.Popen([sys.executable, "-m", "ldkb", "build"], cwd=project,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not leftovers(project):
        time.sleep(0.05)  # wait until the temporary folder is being filled
    time.sleep(1.0)
    os.killpg(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=60) == -signal.SIGKILL, "the build ended before it could be killed"
    assert snapshot(project / "site") == before
    for name in leftovers(project):  # the next `make clean` would remove these
        shutil.rmtree(project / name)


def test_successful_rebuild_swaps_in_a_new_site(project):
    project, before = project
    doc = project / "content" / "van-ban" / "117-kh-ldld.yml"
    doc.write_text(doc.read_text(encoding="utf-8") + "ghi_chu: Ghi chú mới sau lần xây dựng trước.\n",
                   encoding="utf-8")
    result = ldkb_build(project)
    assert result.returncode == 0, result.stderr
    after = snapshot(project / "site")
    assert after != before
    page = (project / "site" / "van-ban" / "117-kh-ldld" / "index.html").read_text(encoding="utf-8")
    assert "Ghi chú mới sau lần xây dựng trước." in page
    assert leftovers(project) == []
