"""Every touchpoint of ldkb_mkdocs.material against the installed MkDocs and Material: when an
upgrade changes one of the internals we rely on, a test here fails and names it.

In-process where a function call shows it; the built site (session fixture `site`) for what only a
build shows.
"""
from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import material
import mkdocs
import pytest
from material.plugins.offline import plugin as material_offline
from material.plugins.search import plugin as material_search
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from conftest import build_after, copy_project
from ldkb.text.words import WORD_SEPARATORS
from ldkb_mkdocs.material import markup, mkdocs_build, mkdocs_nav, offline, search, versions
from ldkb_mkdocs.material.search_sections import page_entries

MATERIAL = Path(material.__file__).parent / "templates"
OUR_WORKER = Path(__file__).resolve().parents[2] / "plugins/ldkb_mkdocs/search/assets/search-worker.js"


# -- versions ------------------------------------------------------------------------------
def test_installed_versions_are_in_the_tested_range():
    versions.check_versions()


@pytest.mark.parametrize("name, module, version", [
    ("mkdocs-material", material, "9.9.0"),
    ("mkdocs-material", material, "9.7.4"),
    ("mkdocs", mkdocs, "1.7.0"),
    ("mkdocs", mkdocs, "khong-phai-so"),
])
def test_a_version_outside_the_range_stops_with_a_vietnamese_message(monkeypatch, name, module, version):
    monkeypatch.setattr(module, "__version__", version)
    with pytest.raises(PluginError) as err:
        versions.check_versions()
    assert f"Phiên bản {name} đang cài là {version}, ngoài khoảng đã kiểm thử" in str(err.value)
    assert "make build" in str(err.value)


def test_the_build_stops_first_thing_on_another_material(tmp_path):
    project = copy_project(tmp_path / "p")
    result = build_after(project, tmp_path / "site", "import material; material.__version__ = '9.9.0'")
    assert result.returncode != 0
    assert "Phiên bản mkdocs-material đang cài là 9.9.0" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


# -- the search worker ---------------------------------------------------------------------
def test_materials_worker_has_the_hashed_name_and_the_message_numbers_we_use():
    workers = [p for p in (MATERIAL / "assets/javascripts/workers").iterdir()
               if search.WORKER_RE.fullmatch(f"assets/javascripts/workers/{p.name}")]
    assert len(workers) == 1
    source = workers[0].read_text(encoding="utf-8")
    # Material's message handler: SETUP (0) answered with READY (1), QUERY (2) with RESULT (3).
    assert re.search(r"case 0:.{0,120}\{type:1\}.{0,40}case 2:.{0,80}\{type:3,data:", source, re.S)
    ours = OUR_WORKER.read_text(encoding="utf-8")
    assert "var SETUP = 0, QUERY = 2, RESULT = 3" in ours and "var READY = 1" in ours


def test_every_page_loads_our_worker_through_the_config_script(site):
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
        assert config, page
        assert json.loads(config.group(1))["search"].endswith("workers/ldkb-search.js"), page


# -- Material's search plugin ---------------------------------------------------------------
def test_material_parser_on_a_stand_in_page_gives_our_entries():
    html = ('<h1 id="tieu-de">Tiêu đề</h1><p>Mở đầu <code>x</code></p>'
            '<h2 id="muc-1">Mục 1</h2><ul><li>Một</li></ul><h2 id="muc-2">Mục 2</h2><p>Hai</p>')
    toc = {"tieu-de": "#tieu-de", "muc-1": "#muc-1", "muc-2": "#muc-2"}
    entries = search.entries_by_material(html, toc, "trang/", "Trang", {})
    assert [e["location"] for e in entries] == ["trang/", "trang/#muc-1", "trang/#muc-2"]
    assert entries == page_entries(html, toc, "trang/", "Trang", {})


def test_materials_search_module_has_what_we_read():
    assert hasattr(material_search, "jieba") and search.segments_chinese() is False
    index = material_search.SearchIndex()
    assert index.entries == [] and callable(index.add_entry_from_context)
    assert callable(getattr(index, "_find_toc_by_id", None))  # what toc_urls stands in for
    source = inspect.getsource(material_search.SearchPlugin.on_config)
    # The separator is read in on_config (ours is set before it) and the index made there.
    assert "self.config.separator" in source and "SearchIndex(" in source
    source = inspect.getsource(material_search.SearchIndex.generate_search_index)
    assert all(f'"{key}"' in source for key in search.INDEX_CONFIG_KEYS)
    # A page whose meta says search.exclude adds no entry (search.skip_page), while on_page_context
    # still strips the page's data-search-* attributes.
    assert 'search.get("exclude")' in inspect.getsource(material_search.SearchIndex.add_entry_from_context)
    assert "data-search-" in inspect.getsource(material_search.SearchPlugin.on_page_context)


def test_the_index_has_our_separator_and_each_page_once(site):
    data = json.loads((site / search.INDEX_PATH).read_text(encoding="utf-8"))
    assert data["config"]["separator"] == WORD_SEPARATORS
    assert list(data["config"])[:4] == list(search.INDEX_CONFIG_KEYS)
    locations = [d["location"] for d in data["docs"]]
    # Pages we indexed are skipped by Material (search.exclude): no entry twice.
    assert len(locations) == len(set(locations))
    assert "van-ban/ke-hoach-thuc-hien-chi-thi-07/" in locations


def test_search_index_and_separator_through_config_plugins(tmp_path):
    config = load_config(str(copy_project(tmp_path / "p") / "mkdocs.yml"))
    plugin = search.search_plugin(config)
    assert plugin is not None
    search.set_separator(config, WORD_SEPARATORS)
    assert plugin.config["separator"] == WORD_SEPARATORS
    assert search.offline_enabled(config) is False
    plugin.config["separator"] = "[ ]+"
    with pytest.raises(PluginError, match="xoá dòng `separator`"):
        search.set_separator(config, WORD_SEPARATORS)


# -- template markup ---------------------------------------------------------------------------
def test_the_search_dialog_and_the_repository_widget_markup():
    dialog = (MATERIAL / "partials/search.html").read_text(encoding="utf-8")
    assert markup.label_search_dialog(dialog) != dialog
    source = (MATERIAL / "partials/source.html").read_text(encoding="utf-8")
    assert markup.REPO_WIDGET_MARKER in source and markup.REPO_WIDGET_MARKER not in markup.quiet_repo_widget(source)


def test_the_built_search_dialog_has_its_name(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert f'role="dialog" aria-label="{markup.SEARCH_DIALOG_LABEL}"' in html


def test_the_offline_plugin_skips_its_shim_when_one_named_iframe_worker_is_there():
    source = inspect.getsource(material_offline.OfflinePlugin.on_config)
    assert f'"{offline.SHIM_NAME}" in url' in source


# -- MkDocs' navigation and pages ---------------------------------------------------------------
def _site(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("index", "a", "b", "c"):
        (docs / f"{name}.md").write_text(f"# Trang {name}\n\nNội dung.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Thử\nnav: [index.md, a.md, b.md, c.md]\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    files = Files([File(f"{n}.md", str(docs), str(tmp_path / "site"), True) for n in ("index", "a", "b", "c")])
    return config, files


def test_regrouped_menu_gets_parents_and_previous_next_from_relink(tmp_path):
    config, files = _site(tmp_path)
    nav = get_navigation(files, config)
    index, a, b, c = nav.items
    group = mkdocs_nav.section("Nhóm", [c, a])
    nav.items = [index, group, b]
    mkdocs_nav.relink(nav)
    assert a.parent is group and c.parent is group
    assert [p.file.src_uri for p in nav.pages] == ["index.md", "c.md", "a.md", "b.md"]
    assert c.previous_page is index and c.next_page is a and b.previous_page is a and b.next_page is None
    assert list(mkdocs_nav.sections(nav.items)) == [group]


def test_a_released_page_keeps_its_title(tmp_path):
    config, files = _site(tmp_path)
    page = Page(None, files.get_file_from_path("a.md"), config)
    page.read_source(config)
    page.render(config, files)
    assert page.title == "Trang a"
    mkdocs_nav.release_page(page)
    assert page.markdown == "" and page.content == "" and page.title == "Trang a"


# -- MkDocs' build steps for one page (ldkb_mkdocs.material.mkdocs_build) ------------------------
def test_one_page_made_again_through_mkdocs_own_steps_written_where_asked(tmp_path):
    """The preview's update (populate, template, write to a side file) and the build cache's
    stand-in for `render`, on a plain MkDocs site."""
    config, files = _site(tmp_path)
    config.site_dir = str(tmp_path / "site")
    build(config)
    env = config.theme.get_env()
    nav = get_navigation(files, config)
    page = files.get_file_from_path("a.md").page or Page(None, files.get_file_from_path("a.md"), config)
    (tmp_path / "docs" / "a.md").write_text("# Trang a\n\nĐã sửa.\n", encoding="utf-8")
    mkdocs_build.populate_page(page, config, files)
    assert "Đã sửa." in page.content
    side = tmp_path / "side.html"
    with mkdocs_build.written_to(page.file, side):
        mkdocs_build.build_page(page, config, files.documentation_pages(), nav, env)
    assert "Đã sửa." in side.read_text(encoding="utf-8")
    assert page.file.abs_dest_path == str(tmp_path / "site" / "a" / "index.html")  # back to its place
    mkdocs_build.build_static_templates(config, env, files, nav)
    assert (tmp_path / "site" / "404.html").is_file() and (tmp_path / "site" / "sitemap.xml").is_file()
    called = []
    mkdocs_build.instead_of_render(page, lambda config, files: called.append(page) or setattr(page, "content", ""))
    mkdocs_build.populate_page(page, config, files)
    assert called == [page] and page.content == ""
