"""Checks before publishing: the pre-commit hook and the CI workflow files.

The workflow files are validated with check-jsonschema against its vendored
(offline) schemas for GitHub workflows and GitLab CI; the pre-commit hook's
command is run for real on good and broken content.
"""
from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

CHECK = Path(sys.executable).with_name("check-jsonschema")
GITHUB = ROOT / ".github" / "workflows" / "xuat-ban.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
PRECOMMIT = ROOT / ".pre-commit-config.yaml"


def check(schema: str, path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECK), "--builtin-schema", schema, str(path)],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("schema,path", [("vendor.github-workflows", GITHUB), ("vendor.gitlab-ci", GITLAB)])
def test_workflow_files_validate(schema, path):
    result = check(schema, path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


@pytest.mark.parametrize("schema,path,break_it", [
    ("vendor.github-workflows", GITHUB, lambda d: d["jobs"]["build"].pop("runs-on")),
    ("vendor.gitlab-ci", GITLAB, lambda d: d["pages"].__setitem__("script", {"not": "a list"})),
])
def test_the_schema_check_catches_a_broken_file(schema, path, break_it, tmp_path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    break_it(data)
    broken = tmp_path / path.name
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = check(schema, broken)
    assert result.returncode != 0, result.stdout


def test_github_workflow_builds_with_make_and_publishes_site():
    wf = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    steps = wf["jobs"]["build"]["steps"]
    assert any(s.get("run") == "make build" for s in steps)
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # whole history for the change dates
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    deploy = wf["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in deploy["steps"])
    assert "LDKB_REPO_URL" in wf["jobs"]["build"]["env"]


def test_gitlab_pages_job_builds_with_make_and_publishes_site():
    ci = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    pages = ci["pages"]
    assert pages["script"][0] == "make build"
    assert "mv site public" in pages["script"][-1]
    assert pages["artifacts"]["paths"] == ["public"]
    assert ci["variables"]["GIT_DEPTH"] == "0"


def test_both_ci_files_keep_the_build_caches_between_runs():
    """.cache/ holds the previous build's pages, content model, PDFs and templates (ldkb-cache,
    the PDF cache): restored before `make build`, so publishing a small fix is fast too."""
    steps = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    cache = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/cache"))
    build = next(i for i, s in enumerate(steps) if s.get("run") == "make build")
    assert cache < build and steps[cache]["with"]["path"] == ".cache"
    assert "${{ github.sha }}" in steps[cache]["with"]["key"] and steps[cache]["with"]["restore-keys"]
    ci = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert ci["default"]["cache"]["paths"] == [".cache/"]


def _hook():
    config = yaml.safe_load(PRECOMMIT.read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    return hook


def test_precommit_hook_runs_the_validator(tmp_path):
    hook = _hook()
    assert hook["files"] == "^content/" and hook["pass_filenames"] is False
    argv = shlex.split(hook["entry"])
    assert argv[1:] == ["-m", "ldkb", "validate"]
    argv[0] = sys.executable  # `.venv/bin/python` relative to the repository
    assert (ROOT / hook["entry"].split()[0]).exists()
    shutil.copytree(ROOT / "content", tmp_path / "content")

    good = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert good.returncode == 0, good.stderr
    assert "✓ Nội dung hợp lệ" in good.stdout

    doc = tmp_path / "content" / "van-ban" / "117-kh-ldld.yml"
    text = doc.read_text(encoding="utf-8")
    line = text.splitlines().index("loai: Kế hoạch") + 1
    doc.write_text(text.replace("loai: Kế hoạch", "loai: Kế hoạch: sai"), encoding="utf-8")
    bad = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1  # pre-commit blocks the commit
    assert f"content/van-ban/117-kh-ldld.yml:{line}:" in bad.stderr
    assert "Traceback" not in bad.stderr
