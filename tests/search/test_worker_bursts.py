"""The search worker's burst rule with an injected clock: queries typed in a burst are answered
once, with the latest query; keystrokes at a person's pace are each answered. The worker runs in
Node with a clock and timers the test sets (tests/search/worker_clock.js), so the result depends on
the times given, not on how fast a busy machine delivers keystrokes. The real browser is checked
for order and content only (tests/whole_site/test_search_typing.py)."""
from __future__ import annotations

import json
import subprocess

import pytest

from conftest import ROOT
from ldkb.text.words import browser_rules

WORKER = ROOT / "plugins/ldkb_mkdocs/search/assets/search-worker.js"
HARNESS = ROOT / "tests/search/worker_clock.js"
QUERY = "người sử dụng lao động"
PREFIXES = [QUERY[:n] for n in range(1, len(QUERY) + 1)]


def answered(engine: str, steps: list[dict]) -> list[dict]:
    payload = {"worker": str(WORKER), "rules": browser_rules(), "engine": engine, "steps": steps}
    out = subprocess.run(["node", str(HARNESS)], input=json.dumps(payload), capture_output=True, text=True,
                         timeout=60, check=True)
    return json.loads(out.stdout)


def typing(gap_ms: float) -> list[dict]:
    steps: list[dict] = []
    for text in PREFIXES:
        steps += [{"send": [text]}, {"wait": gap_ms}]
    return steps + [{"wait": 1000}]


@pytest.mark.parametrize("engine", ["lunr", "shards"])
def test_a_burst_is_answered_once_with_the_latest_query(engine):
    # 5 ms between keys: the first keystroke is answered at once (nothing came before it), every
    # later one waits 25 ms for a newer one, so only the last of the burst is answered.
    got = answered(engine, typing(5))
    assert [a["typed"] for a in got] == [PREFIXES[0], QUERY]
    # ...25 ms after the last keystroke, not 25 ms per keystroke.
    assert got[-1]["at"] == 5 * (len(PREFIXES) - 1) + 25


@pytest.mark.parametrize("engine", ["lunr", "shards"])
def test_keys_that_arrive_together_are_answered_once(engine):
    # A busy page delivers every keystroke before the worker's next turn: only the latest counts.
    got = answered(engine, [{"send": PREFIXES}, {"wait": 1000}])
    assert [a["typed"] for a in got] == [QUERY]


@pytest.mark.parametrize("engine", ["lunr", "shards"])
def test_keystrokes_at_a_persons_pace_are_each_answered_at_once(engine):
    got = answered(engine, typing(150))
    assert [a["typed"] for a in got] == PREFIXES
    assert [a["at"] for a in got] == [150 * n for n in range(len(PREFIXES))]


@pytest.mark.parametrize("engine", ["lunr", "shards"])
def test_a_pause_ends_the_burst(engine):
    # Two bursts 300 ms apart: each answered at its first key and its last.
    first, second = PREFIXES[:5], PREFIXES[5:10]
    steps = [s for t in first for s in ({"send": [t]}, {"wait": 5})] + [{"wait": 300}]
    steps += [s for t in second for s in ({"send": [t]}, {"wait": 5})] + [{"wait": 1000}]
    got = answered(engine, steps)
    assert [a["typed"] for a in got] == [first[0], first[-1], second[0], second[-1]]
