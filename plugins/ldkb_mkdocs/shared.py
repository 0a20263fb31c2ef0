"""The one content model of a build, shared by every plugin of that build.

The documents plugin loads it in `on_config`; other plugins read it from here
instead of parsing the content again.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from ldkb.corpus import Corpus

_ATTR = "_ldkb_corpus"


def set_corpus(config: MkDocsConfig, corpus: Corpus) -> None:
    setattr(config, _ATTR, corpus)


def get_corpus(config: MkDocsConfig) -> Corpus:
    corpus = getattr(config, _ATTR, None)
    if corpus is None:
        raise PluginError(
            "Plugin `ldkb-documents` phải đứng trước các plugin khác của kho trong mục `plugins` "
            "của mkdocs.yml (nó nạp nội dung cho các plugin còn lại)."
        )
    return corpus


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def put_generated(files: Files, config: MkDocsConfig, uri: str, text: str,
                  inclusion: InclusionLevel = InclusionLevel.INCLUDED) -> None:
    """Add a generated file, replacing any file with the same path (MkDocs refuses duplicates)."""
    old = files.get_file_from_path(uri)
    if old is not None:
        files.remove(old)
    files.append(File.generated(config, uri, content=text, inclusion=inclusion))
