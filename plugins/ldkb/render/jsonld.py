"""schema.org `Legislation` metadata (JSON-LD) for a document page."""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ldkb.graph.relations import CITES, Graph
from ldkb.model.schema import VanBan
from ldkb.text.dates import iso

# A document's absolute URL, None when the site's address is not configured.
UrlOf = Callable[[VanBan], str | None]

# Only states an editor set are mapped; `chua-ro` says nothing rather than guess.
_FORCE = {"con-hieu-luc": "https://schema.org/InForce", "het-hieu-luc": "https://schema.org/NotInForce",
          "bi-thay-the": "https://schema.org/NotInForce"}


def _ref(doc: VanBan, url_of: UrlOf) -> dict[str, Any]:
    out = {"@type": "Legislation", "name": doc.title}
    if doc.so_ky_hieu:
        out["legislationIdentifier"] = doc.so_ky_hieu
    url = url_of(doc)
    if url:
        out["url"] = url
    return out


def legislation(doc: VanBan, graph: Graph, url_of: UrlOf) -> dict[str, Any]:
    """`url_of(doc)` gives a document's absolute URL, or None when the site URL is unknown."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": doc.title,
        "headline": doc.trich_yeu[:110],
        "abstract": doc.trich_yeu,
        "inLanguage": "vi",
        "legislationType": doc.loai,
        "legislationPassedBy": {"@type": "Organization", "name": doc.co_quan_ban_hanh},
    }
    if doc.so_ky_hieu:
        data["legislationIdentifier"] = doc.so_ky_hieu
    if doc.ngay_ban_hanh:
        data["legislationDate"] = iso(doc.ngay_ban_hanh)
        data["datePublished"] = iso(doc.ngay_ban_hanh)
    if doc.co_quan_chu_quan:
        data["legislationPassedBy"]["parentOrganization"] = {"@type": "Organization", "name": doc.co_quan_chu_quan}
    if doc.giai_doan:
        data["temporalCoverage"] = f"{doc.giai_doan.tu_nam}/{doc.giai_doan.den_nam}"
    if doc.hieu_luc.tinh_trang in _FORCE:
        data["legislationLegalForce"] = _FORCE[doc.hieu_luc.tinh_trang]
    url = url_of(doc)
    if url:
        data["url"] = url
    applies = [_ref(e.target, url_of) for e in graph.out(doc, "thuc_hien")]
    if applies:
        data["legislationApplies"] = applies
    changes = [_ref(e.target, url_of) for e in graph.out(doc) if e.relation in ("sua_doi", "thay_the")]
    if changes:
        data["legislationChanges"] = changes
    cites = [_ref(e.target, url_of) for e in graph.out(doc, CITES)]
    if cites:
        data["citation"] = cites
    return data


def script_tag(data: dict[str, Any]) -> str:
    # No `<` at all inside the script element: editors' text can never close or comment it out.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/ld+json">{text}</script>'
