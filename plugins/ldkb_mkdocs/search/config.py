from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SearchConfig(Config):
    # Folder of the generated document pages (as in ldkb-documents).
    section = c.Type(str, default="van-ban")
    # Generated pages whose sections quote documents (ranked below the documents).
    derived_pages = c.ListOfItems(c.Type(str), default=[
        "don-vi/", "phong-trao/", "so-do-van-ban/", "ai-lam-gi/", "dong-thoi-gian/"])
    # Where our assets go in the site. The worker must sit next to Material's worker so
    # that Material's relative paths to its lunr language files still resolve.
    worker_path = c.Type(str, default="assets/javascripts/workers/ldkb-search.js")
    css_path = c.Type(str, default="assets/ldkb/search.css")
