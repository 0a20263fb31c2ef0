"""`api/documents.json`: the collection as open data, built from the content model."""
from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

from ldkb.model.corpus import Corpus
from ldkb.model.schema import TINH_TRANG
from ldkb.text.dates import iso
from ldkb.graph.relations import graph_of


def documents_json(corpus: Corpus, base_url: str = "/",
                   graph: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """Every document with its metadata; `graph` (if given) fills the reference lists.

    `graph` maps a document slug to {"references": [...], "referenced_by": [...]}; by default
    it is the corpus's knowledge graph (graph.py), whose entries name the citing parts.
    """
    if graph is None:
        graph = graph_of(corpus).open_data()
    base = base_url if base_url.endswith("/") else base_url + "/"
    items = []
    for doc in corpus.sorted_documents():
        links = graph.get(doc.slug, {})
        items.append({
            "id": doc.ma or doc.slug,
            "slug": doc.slug,
            "symbol": doc.so_ky_hieu,
            "type": doc.loai,
            "subject": doc.trich_yeu,
            "date": iso(doc.ngay_ban_hanh),
            "issuing_body": doc.co_quan_ban_hanh,
            "parent_body": doc.co_quan_chu_quan,
            "period": {"from": doc.giai_doan.tu_nam, "to": doc.giai_doan.den_nam} if doc.giai_doan else None,
            "status": doc.hieu_luc.tinh_trang,
            "status_label": TINH_TRANG[doc.hieu_luc.tinh_trang],
            "full_text": doc.full_text,
            "url": base + doc.url,
            "source_file": doc.file,
            "references": links.get("references", []),
            "referenced_by": links.get("referenced_by", []),
        })
    return {"count": len(items), "documents": items}


_CONSTANTS = {None: "null", True: "true", False: "false"}


def dumps(data: Any) -> str:
    """The text of `json.dumps(data, ensure_ascii=False, indent=1)`, in half the time: with an
    indent, json encodes in pure Python through generators (16 MB at 2,000 documents)."""
    out: list[str] = []
    put = out.append

    def value(o: Any, indent: str) -> None:
        if isinstance(o, str):
            put(encode_basestring(o))
        elif o is None or o is True or o is False:
            put(_CONSTANTS[o])
        elif type(o) is int:
            put(int.__repr__(o))
        elif type(o) in (dict, list) and o:
            inner = "\n" + indent + " "
            if type(o) is dict:
                sep = "{" + inner
                for k, v in o.items():
                    put(sep)
                    put(encode_basestring(k))  # TypeError for other keys: json.dumps does those
                    put(": ")
                    value(v, indent + " ")
                    sep = "," + inner
                put("\n" + indent + "}")
            else:
                sep = "[" + inner
                for v in o:
                    put(sep)
                    value(v, indent + " ")
                    sep = "," + inner
                put("\n" + indent + "]")
        elif type(o) in (dict, list):
            put("{}" if type(o) is dict else "[]")
        else:  # anything else (floats, tuples, subclasses): json.dumps for the whole
            raise TypeError(type(o).__name__)

    try:
        value(data, "")
    except TypeError:
        return json.dumps(data, ensure_ascii=False, indent=1)
    return "".join(out)
