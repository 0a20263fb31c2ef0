"""Editors' aids on the built site: "Sửa trang này", dates and history from git, the guide.

A copy of the project is put in a fresh git repository with commits at known
dates, built for real, and the HTML read back.
"""
from __future__ import annotations

import html as htmllib
import os
import re
import stat
import subprocess
from pathlib import Path

import pytest

from conftest import copy_project, run_mkdocs
from ldkb.render.field_reference import all_models, title

REPO = "https://git.example.org/lien-doan/kho"
EDIT = "edit/main/docs/"


def git(project: Path, *args, date: str | None = None):
    env = {**os.environ, "GIT_AUTHOR_NAME": "Biên tập", "GIT_AUTHOR_EMAIL": "bt@example.org",
           "GIT_COMMITTER_NAME": "Biên tập", "GIT_COMMITTER_EMAIL": "bt@example.org"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def git_shim(tmp: Path) -> tuple[Path, Path]:
    """A `git` on PATH that records each call, then runs the real git."""
    real = subprocess.run(["which", "git"], capture_output=True, text=True, check=True).stdout.strip()
    shim_dir, calls = tmp / "shim", tmp / "git-calls.log"
    shim_dir.mkdir()
    shim = shim_dir / "git"
    shim.write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\nexec "{real}" "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    return shim_dir, calls


def build(project: Path, site: Path, **env) -> subprocess.CompletedProcess:
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        return run_mkdocs(project, site)
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@pytest.fixture(scope="module")
def git_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("editing")
    project = copy_project(tmp / "project")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Nhập kho văn bản ban đầu", date="2024-03-05T09:00:00+07:00")
    doc = project / "content" / "van-ban" / "117-kh-ldld.yml"
    doc.write_text(doc.read_text(encoding="utf-8") + "ghi_chu: Đã đối chiếu với bản gốc.\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "Ghi chú đối chiếu <script>alert(1)</script> & bản gốc",
        date="2025-01-09T16:30:00+07:00")
    shim_dir, calls = git_shim(tmp)
    site = tmp / "site"
    result = build(project, site, LDKB_REPO_URL=REPO, LDKB_EDIT_URI=EDIT,
                   PATH=f"{shim_dir}{os.pathsep}{os.environ['PATH']}")
    assert result.returncode == 0, result.stdout + result.stderr
    return site, calls.read_text().splitlines()


def page(site: Path, rel: str) -> str:
    return (site / rel / "index.html").read_text(encoding="utf-8")


def footer(text: str) -> str:
    m = re.search(r'<aside class="ldkb-edit".*?</aside>', text, re.S)
    assert m, "no editing footer"
    return m.group(0)


def html_pages(site: Path):
    return list(site.rglob("index.html"))


def test_one_git_call_per_build(git_site):
    _, calls = git_site
    logs = [c for c in calls if " log " in f" {c} "]
    assert len(logs) == 1, calls


def test_every_page_links_to_its_source_file(git_site):
    site, _ = git_site
    pages = html_pages(site)
    assert len(pages) > 15
    for p in pages:
        f = footer(p.read_text(encoding="utf-8"))
        assert ">Sửa trang này</a>" in f, p
    doc = footer(page(site, "van-ban/117-kh-ldld"))
    assert f'href="{REPO}/edit/main/content/van-ban/117-kh-ldld.yml"' in doc
    home = footer(page(site, "."))
    assert f'href="{REPO}/edit/main/docs/index.md"' in home
    guide = footer(page(site, "huong-dan-bien-tap/truong-du-lieu"))
    assert f'href="{REPO}/edit/main/docs/huong-dan-bien-tap/truong-du-lieu.md"' in guide


def test_material_edit_button_uses_the_same_url(git_site):
    site, _ = git_site
    text = page(site, "van-ban/37-ct-tw")
    button = re.search(r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon" rel="edit">', text)
    assert button and button.group(1) == f"{REPO}/edit/main/content/van-ban/37-ct-tw.yml"


def test_last_change_date_in_vietnamese_format(git_site):
    site, _ = git_site
    assert 'Trang này cập nhật lần cuối: <time datetime="2025-01-09">9/1/2025</time>' in footer(page(site, "van-ban/117-kh-ldld"))
    assert 'Trang này cập nhật lần cuối: <time datetime="2024-03-05">5/3/2024</time>' in footer(page(site, "van-ban/37-ct-tw"))
    # the documents index is built from every file: its date is the newest of them
    assert "9/1/2025" in footer(page(site, "van-ban"))


def test_every_page_footer_names_the_federation_and_the_last_content_change(git_site):
    site, _ = git_site
    for p in html_pages(site) + [site / "404.html"]:
        text = p.read_text(encoding="utf-8")
        copyright = re.search(r'<div class="md-copyright">.*?</div>\s*</div>', text, re.S)
        assert copyright, p
        plain = " ".join(re.sub(r"<[^>]+>", " ", copyright.group(0)).split())
        # cai-dat.yml leaves the province empty: "…", never a guess
        assert plain == "Liên đoàn Lao động tỉnh … Kho văn bản cập nhật ngày 9/1/2025", (p, plain)
        assert "Made with" not in text and "Material for MkDocs" not in text


def test_document_page_lists_its_history_newest_first_in_words(git_site):
    site, _ = git_site
    f = footer(page(site, "van-ban/117-kh-ldld"))
    assert "Lịch sử thay đổi (2 lần)" in f
    items = [re.sub(r"<[^>]+>", "", htmllib.unescape(i)) for i in re.findall(r"<li>(.*?)</li>", f)]
    # what changed, from the two versions of the file; never the commit message
    assert items == ["9/1/2025 — Bổ sung ghi chú của biên tập.", "5/3/2024 — Đưa văn bản vào kho."]
    assert "Ghi chú đối chiếu" not in f and "Nhập kho văn bản ban đầu" not in f and "<code>" not in f
    # hand-written pages show the date only
    assert "Lịch sử thay đổi" not in footer(page(site, "."))


def test_footer_is_not_indexed_for_search(git_site):
    site, _ = git_site
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Nhập kho văn bản ban đầu" not in index  # a commit message
    assert "05/03/2024" not in index and "Tệp nguồn" not in index


def test_guide_section_in_navigation_and_field_reference_generated(git_site):
    site, _ = git_site
    text = page(site, "huong-dan-bien-tap/truong-du-lieu")
    assert re.search(r'class="md-nav__link[^"]*"[^>]*>\s*(<span[^>]*>\s*)?Hướng dẫn biên tập', text) or \
        "Hướng dẫn biên tập\n" in re.sub(r"<[^>]+>", "", text)
    assert "Huong dan bien tap" not in text  # MkDocs' title from the folder name is replaced
    assert "<!-- ldkb:field-reference -->" not in text
    rows = re.findall(r"<tr>\s*<td><code>([a-z_]+)</code></td>", text)
    expected = [name for model, _ in all_models() for name in model.model_fields]
    assert rows == expected  # exactly the schema's fields, none more, none less
    plain = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", text)).split())
    for model, _ in all_models():
        assert f'id="truong-{model.__name__.lower()}"' in text and title(model) in plain
        for name, field in model.model_fields.items():
            assert " ".join(field.description.replace("`", "").split()) in plain, (model.__name__, name)


def test_no_repository_widget_request(tmp_path):
    """With a GitHub address, Material's widget would fetch from api.github.com: it is disarmed."""
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    result = build(project, site, LDKB_REPO_URL="https://github.com/vi-du/kho", LDKB_EDIT_URI="edit/main/docs/")
    assert result.returncode == 0, result.stderr
    for p in html_pages(site):
        text = p.read_text(encoding="utf-8")
        assert 'data-md-component="source"' not in text
    home = page(site, ".")
    assert 'href="https://github.com/vi-du/kho"' in home  # still a plain link to the repository


def test_without_git_or_repository_address_members_see_no_file_names(tmp_path):
    project = copy_project(tmp_path / "project")  # not a git repository
    site = tmp_path / "site"
    empty_path = tmp_path / "bin"
    empty_path.mkdir()
    result = build(project, site, PATH=str(empty_path))  # and no git program at all
    assert result.returncode == 0, result.stdout + result.stderr
    for rel in ("van-ban/117-kh-ldld", ".", "van-ban"):
        text = page(site, rel)
        # No repository address: no "Sửa trang này", and no file to open (that is for the preview).
        assert "Sửa trang này" not in text and "content/" not in text and "docs/index.md" not in text
        assert "Cập nhật lần cuối" not in text and "Lịch sử thay đổi" not in text
        assert "Kho văn bản cập nhật ngày" not in text  # no git: no date, rather than a wrong one


def test_history_summary_names_fields_and_parts():
    from ldkb.model.content_diff import describe

    base = "so_ky_hieu: 1/KH-LĐLĐ\ntrich_yeu: Thử\nnoi_dung:\n  - so: I\n    tieu_de: A\n    muc:\n" \
           "      - so: '1'\n        tieu_de: B\n        noi_dung: [x]\n"
    assert describe(None, base) == "Đưa văn bản vào kho, có toàn văn."
    assert describe(base, base.replace("trich_yeu: Thử", "trich_yeu: Thử nghiệm")) == "Sửa trích yếu."
    assert describe(base, base.replace("[x]", "[y]")) == "Sửa mục I.1."
    assert describe(base, base + "  - so: II\n    tieu_de: C\n") == "Thêm mục II."
    assert describe(base, base.replace("trich_yeu: Thử", "trich_yeu: Thử  # chú thích")) == \
        "Chỉnh cách trình bày tệp, nội dung không đổi."
    record = "so_ky_hieu: 1/KH-LĐLĐ\ntrich_yeu: Thử\n"
    assert describe(record, base) == "Nhập toàn văn."
    assert describe(base, "so_ky_hieu: [") == "Sửa tệp của văn bản."
