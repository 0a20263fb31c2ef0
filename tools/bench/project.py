"""Temporary projects to build: ours on a synthetic corpus, and the plain-Material baseline."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from tools.bench import REPO_ROOT
from tools.bench.corpus_gen import generate

# Everything at the top of the repository that is not a project input.
_NOT_INPUTS = {".git", ".venv", "site", "content", "tests", "plugins", "node_modules", ".cache",
               ".pytest_cache", ".ci", "__pycache__"}


def make_project(dest: Path, n: int, *, seed: int | None = None) -> Path:
    """A copy of the project's inputs (config, docs, overrides…) with `n` documents of content."""
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for item in REPO_ROOT.iterdir():
        if item.name in _NOT_INPUTS or item.name.startswith(".site-"):
            continue
        if item.is_dir():
            shutil.copytree(item, dest / item.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(item, dest / item.name)
    kwargs: dict[str, Any] = {} if seed is None else {"seed": seed}
    generate(dest / "content", n, **kwargs)
    return dest


# --- mkdocs.yml read and written back with its tags (!ENV, !!python/name:…) untouched -------------

class _Tagged:
    def __init__(self, tag: str, value):
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


def _construct_tagged(loader, suffix, node):
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        return _Tagged(tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return _Tagged(tag, loader.construct_sequence(node, deep=True))
    return _Tagged(tag, loader.construct_mapping(node, deep=True))


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)


class _Dumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper, data: _Tagged):
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Dumper.add_representer(_Tagged, _represent_tagged)


def read_config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}


def _is_ours(entry) -> bool:
    name = next(iter(entry)) if isinstance(entry, dict) else entry
    return isinstance(name, str) and name.split(".")[0].startswith("ldkb")


def baseline_config(ours: dict) -> dict:
    """Our mkdocs.yml as a user would write it for plain Material: same theme and Markdown
    extensions, Material's own search, none of our plugins, hooks, overrides or assets."""
    cfg = {k: v for k, v in ours.items()
           if k not in {"plugins", "hooks", "watch", "extra_css", "extra_javascript", "nav", "strict"}}
    theme = dict(cfg.get("theme") or {})
    theme.pop("custom_dir", None)
    cfg["theme"] = theme
    cfg["markdown_extensions"] = [e for e in cfg.get("markdown_extensions") or [] if not _is_ours(e)]
    cfg["plugins"] = [{"search": {"lang": "vi"}}]
    return cfg


def write_config(path: Path, cfg: dict) -> None:
    path.write_text(yaml.dump(cfg, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
