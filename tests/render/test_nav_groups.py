"""The documents' menu stays small however large the collection: a type with more documents than
`nav_group_size` is split by year, a year with more by month (ldkb-documents `_group`). Checked on
the menu Material renders into each built page: the active page's list of siblings, and the
sections above it."""
from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

from conftest import run_mkdocs
from tools.bench.project import make_project
from ldkb.model.corpus import load_corpus

LIMIT = 4


class _Menu(HTMLParser):
    """The primary nav as nested lists: for the active page, its sibling links and the labels
    of the sections it is in."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[dict] = []  # open <li>/<ul>: {"tag", "links", "label", "active"}
        self.in_primary = 0
        self.label: list[str] | None = None
        self.active_siblings: list[str] | None = None
        self.active_path: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class") or ""
        if tag == "nav" and "md-nav--primary" in cls:
            self.in_primary = 1
            return
        if not self.in_primary:
            return
        if tag == "nav":
            self.in_primary += 1
        if tag in ("ul", "li"):
            self.stack.append({"tag": tag, "links": [], "label": "", "active": "md-nav__item--active" in cls,
                               "page_active": False})
        if tag == "a" and self.stack:
            li = next((x for x in reversed(self.stack) if x["tag"] == "li"), None)
            ul = next((x for x in reversed(self.stack) if x["tag"] == "ul"), None)
            if ul is not None and li is not None and li is self.stack[-1]:
                ul["links"].append(a.get("href", ""))
            if "md-nav__link--active" in cls and li is not None:
                li["page_active"] = True
        if tag in ("label", "a") and self.stack and self.stack[-1]["tag"] == "li" and not self.stack[-1]["label"]:
            self.label = []

    def handle_data(self, data):
        if self.label is not None:
            self.label.append(data)

    def handle_endtag(self, tag):
        if tag in ("label", "a") and self.label is not None:
            li = next((x for x in reversed(self.stack) if x["tag"] == "li"), None)
            if li is not None and not li["label"]:
                li["label"] = " ".join("".join(self.label).split())
            self.label = None
        if not self.in_primary:
            return
        if tag == "nav":
            self.in_primary -= 1
        if tag in ("ul", "li") and self.stack:
            item = self.stack.pop()
            if tag == "li" and item["page_active"] and self.active_siblings is None:
                parent = next(x for x in reversed(self.stack) if x["tag"] == "ul")
                self.active_siblings = list(parent["links"])
                self.active_path = [x["label"] for x in self.stack if x["tag"] == "li" and x["active"]]


def test_every_group_in_the_menu_stays_small(tmp_path):
    project = make_project(tmp_path / "p", 50, seed=11)
    cfg = project / "mkdocs.yml"
    text = cfg.read_text(encoding="utf-8")
    assert "content_dir: content" in text
    cfg.write_text(text.replace("content_dir: content", f"content_dir: content\n      nav_group_size: {LIMIT}", 1),
                   encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    corpus = load_corpus(project / "content")
    per_type = Counter(d.loai for d in corpus.documents)
    per_year = Counter((d.loai, d.ngay_ban_hanh.year) for d in corpus.documents if d.ngay_ban_hanh)
    assert max(per_year.values()) > LIMIT, "the synthetic collection must have years to split"
    months_seen = 0
    for doc in corpus.documents:
        menu = _Menu()
        menu.feed((site / "van-ban" / doc.slug / "index.html").read_text(encoding="utf-8"))
        assert menu.active_siblings is not None, doc.slug
        assert len(menu.active_siblings) <= LIMIT, (doc.slug, menu.active_path, len(menu.active_siblings))
        path = menu.active_path
        if doc is corpus.main_document:
            # the main document is an entry of its own at the top of the menu (issue 18)
            assert path == [], (doc.slug, path)
            continue
        assert doc.loai in path, (doc.slug, path)
        date = doc.ngay_ban_hanh
        if per_type[doc.loai] > LIMIT and date is not None:
            assert f"Năm {date.year}" in path, (doc.slug, path)
            if per_year[(doc.loai, date.year)] > LIMIT:
                assert path[-1] == f"Tháng {date.month}", (doc.slug, path)
                months_seen += 1
            else:
                assert path[-1] == f"Năm {date.year}", (doc.slug, path)
    assert months_seen > 0
