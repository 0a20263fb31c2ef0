"""Fast YAML loading (plugins/ldkb/model/yaml_reader.py): libyaml's composer without tag resolution,
GC paused while a file loads, scalars converted inline. Same data, positions and messages
as PyYAML's pure-Python loader, which stays the fallback when libyaml is missing."""
from __future__ import annotations

import gc
import random
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from ldkb.model import yaml_reader as yamlsource
from tools.bench.corpus_gen import generate
from ldkb.model.errors import ErrorLog

needs_libyaml = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")


class _PureLoader(yaml.SafeLoader):
    """The fallback loader, with the same no-tag composition."""

    resolve = yamlsource._Loader.resolve
    descend_resolver = yamlsource._Loader.descend_resolver
    ascend_resolver = yamlsource._Loader.ascend_resolver


def _load(raw: bytes, loader=None, name: str = "x.yml"):
    saved = yamlsource._Loader
    if loader is not None:
        yamlsource._Loader = loader
    try:
        log = ErrorLog()
        located = yamlsource.load(Path(name), log, raw)
    finally:
        yamlsource._Loader = saved
    out = None if located is None else (located.data, located.values, located.keys)
    return out, [(e.line, e.column, e.message, e.hint, e.warning) for e in log.items]


def _files(tmp_path_factory) -> list[Path]:
    synthetic = generate(tmp_path_factory.mktemp("yaml-fast") / "content", 40)
    return sorted((ROOT / "content").rglob("*.yml")) + sorted(synthetic.rglob("*.yml"))


@needs_libyaml
def test_c_and_pure_loaders_agree_on_real_and_synthetic_content(tmp_path_factory):
    files = _files(tmp_path_factory)
    assert len(files) > 40
    for path in files:
        raw = path.read_bytes()
        fast = _load(raw, name=path.name)
        assert fast[0] is not None, (path, fast[1])
        assert fast == _load(raw, _PureLoader, name=path.name), path
        # The tag-free loader changes nothing against PyYAML's own resolving SafeLoader.
        assert fast == _load(raw, yaml.SafeLoader, name=path.name), path


# (file, whether its error positions are also PyYAML's: libyaml places a few syntax errors
# one column apart and words some differently; the C loader's answer is the one in use)
CASES = [
    (b"a: 1\na: 2\n", True),  # duplicate key
    (b"a: &x [1, 2]\nb: *x\n", True),  # alias
    (b"<<: {a: 1}\nb: 2\n", True),  # merge key
    (b"? [a]\n: b\n", True),  # non-scalar key
    (b"a: [1, {b: [2, {c: ~}]}]\n", True),  # flow collections, null
    (b"a: " + b"[" * (yamlsource.MAX_DEPTH + 5) + b"]" * (yamlsource.MAX_DEPTH + 5) + b"\n", True),
    (b"".join(b"  " * i + b"k%d:\n" % i for i in range(yamlsource.MAX_DEPTH + 5)) + b"  " * 70 + b"v\n", True),
    (b"a: b: c\n", True),  # syntax error
    (b"a:\n  - b\n - c\n", True),  # bad indentation (worded differently)
    (b"a: 1\n---\nb: 2\n", True),  # second document
    (b"a: \"\\q\"\n", False),  # bad escape
]


@needs_libyaml
@pytest.mark.parametrize("raw,same_as_pure", CASES)
def test_errors_and_positions_are_unchanged(raw, same_as_pure):
    fast = _load(raw)
    # Exactly what composing with PyYAML's stock C loader gave before the fast path.
    assert fast == _load(raw, yaml.CSafeLoader)
    pure = _load(raw, _PureLoader)
    assert fast[0] == pure[0]
    if same_as_pure:
        assert [e[:2] for e in fast[1]] == [e[:2] for e in pure[1]]


def test_scalars_stay_strings_without_tag_resolution():
    data = _load(b"a: 3.10\nb: yes\nc: ~\nd: '~'\ne: 2020-01-01\nf: null\ng: !!int 7\nh: [NULL, '', 0x1F]\n")[0][0]
    assert data == {"a": "3.10", "b": "yes", "c": None, "d": "~", "e": "2020-01-01", "f": None,
                    "g": "7", "h": [None, "", "0x1F"]}


def test_scalar_one_level_too_deep_is_reported_where_it_stands():
    depth = yamlsource.MAX_DEPTH
    # The root mapping and depth - 1 lists: the scalar is at data depth MAX_DEPTH.
    assert _load(b"a: " + b"[" * (depth - 1) + b"x" + b"]" * (depth - 1) + b"\n")[0] is not None
    # One list more (few enough brackets to skip the event scan): the conversion's guard
    # stops at the scalar, now converted inline, and names its column.
    out, log = _load(b"a: " + b"[" * depth + b"x" + b"]" * depth + b"\n")
    assert out is None and len(log) == 1 and "lồng nhau quá sâu" in log[0][2]
    assert log[0][:2] == (1, len("a: ") + depth + 1)


def test_deep_indentation_hint_on_the_first_line_and_later_lines():
    # The cheap pre-check must still send deep indentation to the event scan.
    assert yamlsource._DEEP_HINT.match(" " * 130 + "x")
    assert yamlsource._DEEP_HINT_LINE.search("a:\n" + "- " * 65 + "x")
    assert not yamlsource._DEEP_HINT.match("a: " + " " * 130)
    assert not yamlsource._DEEP_HINT_LINE.search("a:\n  b: " + " " * 130 + "c")


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("raw", [b"a: 1\n", b"a: b: c\n", b""])
def test_gc_state_is_restored(raw, enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        _load(raw)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


@needs_libyaml
def test_mutated_files_load_the_same_as_before_the_fast_path(tmp_path_factory):
    """Random edits of real files: the fast loader gives the same answer as composing with
    PyYAML's stock CSafeLoader (tags resolved) and a plain recursive conversion."""
    rng = random.Random(20261129)
    snippets = [b"\t", b": ", b"- ", b"[", b"]", b"{", b"}", b"&a ", b"*a", b"\"", b"'", b"#", b"\n", b"~",
                b"  ", b"? ", b"|\n", b"!!str "]
    for path in sorted((ROOT / "content").rglob("*.yml")):
        raw = path.read_bytes()
        for _ in range(15):
            b = bytearray(raw)
            for _ in range(rng.randrange(1, 4)):
                i = rng.randrange(len(b) + 1)
                if rng.random() < 0.6:
                    b[i:i] = rng.choice(snippets)
                else:
                    del b[i:i + rng.randrange(1, 20)]
            mutated = bytes(b)
            assert _load(mutated) == _load(mutated, yaml.CSafeLoader), (path, mutated[:200])
