"""Reader experience: the theme in Vietnamese (templates in ./theme, put before Material's own),
the print and share buttons, accessibility fixes to the theme's pages, and the offline copy's build."""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ldkb.render.reader_html import focusable_tables, keep_links_inside_site, label_permalinks, strip_online_only

from ..material.markup import label_search_dialog
from ..material.offline import use_local_shim
from ..shared import get_corpus
from .config import ReaderConfig

SHIM_SRC = Path(__file__).parent / "assets" / "iframe-worker-shim.js"
SHIM_URI = "assets/javascripts/iframe-worker-shim.js"
ACTIONS_SRC = Path(__file__).parent / "assets" / "ldkb-actions.js"
ACTIONS_URI = "assets/javascripts/ldkb-actions.js"
# Our templates: the theme's language file, footer, 404 page and page actions (Material's
# custom_dir mechanism, without a folder every project copy must carry).
THEME_DIR = Path(__file__).parent / "theme"


class ReaderPlugin(BasePlugin[ReaderConfig]):
    # Before Material's offline plugin (priority 0), which would otherwise add a CDN copy of
    # the same shim (see ldkb_mkdocs.material.offline).
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Before Material's search plugin reads its settings from the language file.
        if str(THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(THEME_DIR))
        if ACTIONS_URI not in [str(x) for x in config.extra_javascript]:
            config.extra_javascript.append(ACTIONS_URI)
        if self.config.offline:
            # file:// opens folders as listings, so pages must be files.
            config.use_directory_urls = False
            use_local_shim(config, SHIM_URI)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        files.append(File.generated(config, ACTIONS_URI, abs_src_path=str(ACTIONS_SRC)))
        if self.config.offline:
            files.append(File.generated(config, SHIM_URI, abs_src_path=str(SHIM_SRC)))
        return files

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        # What the footer and the share buttons print (theme/partials): from cai-dat.yml. The
        # date of the last content change is added by ldkb-editing (it reads git).
        corpus = get_corpus(config)
        site = dict(env.globals.get("ldkb_site") or {})
        site.update(federation=corpus.federation, address=corpus.settings.dia_chi_web or "")
        env.globals["ldkb_site"] = site
        return env

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        html = label_permalinks(focusable_tables(html))
        if not self.config.offline:
            return html
        return keep_links_inside_site(strip_online_only(html), page.file.dest_uri)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return label_search_dialog(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # 404.html is a static template: it never passes through on_post_page.
        return label_search_dialog(output_content) if template_name.endswith(".html") else output_content
