"""The GitHub workflows: valid against GitHub's schema, clean under zizmor, and
building the site the way `make site` does."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def tool(name: str) -> str:
    path = BIN / name
    found = str(path) if path.exists() else shutil.which(name)
    assert found, f"{name} is missing: pip install -e '.[test]'"
    return found


def test_workflows_exist():
    assert sorted(p.name for p in WORKFLOWS.glob("*.yml")) == ["ci.yml", "drift.yml", "pages.yml"]


def test_workflows_validate_against_githubs_schema():
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *files],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_even_pedantic():
    result = subprocess.run([tool("zizmor"), "--offline", "--persona", "pedantic", "--no-progress", str(WORKFLOWS)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", ["ci.yml", "drift.yml", "pages.yml"])
def test_actions_are_pinned_by_full_commit_sha(name):
    uses = [step["uses"] for step in steps(load(name)) if "uses" in step]
    assert uses
    for ref in uses:
        assert SHA_PIN.match(ref), f"{ref}: pin the action to a 40-character commit SHA"


@pytest.mark.parametrize("name", ["ci.yml", "drift.yml", "pages.yml"])
def test_permissions_are_minimal_and_no_expression_reaches_a_shell(name):
    workflow = load(name)
    assert workflow["permissions"] == {}, "no default token permissions"
    for job_id, job in workflow["jobs"].items():
        assert "permissions" in job, f"{job_id} must declare its own permissions"
        assert all(v in ("read", "write") for v in job["permissions"].values())
    for step in steps(workflow):
        assert "${{" not in step.get("run", ""), f"template injection risk in: {step['run']!r}; use env:"
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_ci_runs_the_tests_and_annotates_content_problems():
    workflow = load("ci.yml")
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as True
    runs = [step.get("run", "") for step in steps(workflow)]
    assert "make test" in runs
    assert any(re.search(r"protokoll check .*--format github", r) for r in runs)
    setups = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@")]
    assert setups and all(s["with"]["cache"] == "pip" for s in setups)


def test_ci_checks_a_pull_request_against_its_base_for_changed_justerade_minutes():
    content = load("ci.yml")["jobs"]["content"]["steps"]
    checkout = next(s for s in content if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] >= 2  # the merge commit and its first parent, the base
    since = [s for s in content if "--since" in s.get("run", "")]
    assert len(since) == 1 and since[0]["if"] == "github.event_name == 'pull_request'"
    assert re.search(r"protokoll check .*--format github .*--since 'HEAD\^1'", since[0]["run"])


def test_pages_deploys_daily_so_the_anslagstavla_follows_the_date():
    workflow = load("pages.yml")
    assert [entry["cron"].split()[2:] for entry in workflow[True]["schedule"]] == [["*", "*", "*"]]
    build = next(s for s in steps(workflow) if "make site" in s.get("run", ""))
    script = build["run"].replace("make site", "echo")
    result = subprocess.run(["bash", "-c", script + "\necho \"$SOURCE_DATE_EPOCH\""], capture_output=True, text=True,
                            cwd=ROOT, env={"PATH": "/usr/bin:/bin", "BASE_URL": "/"})
    assert result.returncode == 0, result.stderr
    epoch = int(result.stdout.split()[-1])
    today = int(subprocess.run(["date", "-u", "-d", "today 00:00", "+%s"], capture_output=True, text=True).stdout)
    assert epoch == today  # one epoch for every run of a day, so that each can build warm from the last


def test_pages_builds_like_make_site_under_the_configured_base_path():
    workflow = load("pages.yml")
    used = [step.get("uses", "").split("@")[0] for step in steps(workflow)]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in used
    build = next(s for s in steps(workflow) if "make site" in s.get("run", ""))
    assert build["env"]["BASE_URL"] == "${{ steps.pages.outputs.base_path }}/"
    assert '"$BASE_URL"' in build["run"] and "SOURCE_DATE_EPOCH" in build["run"]
    assert "--no-search" not in build["run"]
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    deploy_job = next(j for j in workflow["jobs"].values() if any(s.get("id") == "deployment" for s in j["steps"]))
    assert deploy_job["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy_job["environment"]["name"] == "github-pages"


def test_make_site_passes_base_url_only_when_given():
    def dry_run(*args: str) -> str:
        result = subprocess.run(["make", "-n", "-C", str(ROOT), "site", *args], capture_output=True, text=True,
                                env={"PATH": "/usr/bin:/bin"})
        assert result.returncode == 0, result.stderr
        return [line for line in result.stdout.splitlines() if "generator build" in line][-1]

    assert dry_run("BASE_URL=/repo/").endswith("--out site --base-url /repo/")
    assert "--base-url" not in dry_run()


def test_drift_workflow_runs_the_suite_against_the_newest_releases_weekly():
    workflow = load("drift.yml")
    crons = [entry["cron"] for entry in workflow[True]["schedule"]]
    assert len(crons) == 1 and crons[0].split()[2:] == ["*", "*", "1"], crons  # once a week, on Mondays
    assert [step["run"] for step in steps(workflow) if "run" in step] == ["make test-latest"]


def makefile_recipe_lines() -> list[str]:
    return [line.strip() for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
            if line.startswith("\t")]


def test_the_venv_installs_only_from_the_lock_with_hashes_required():
    installs = [line for line in makefile_recipe_lines() if "$(PIP) install" in line]
    assert installs
    for line in installs:
        from_lock = "--require-hashes -r $(LOCK_" in line
        project_only = "--no-deps --no-build-isolation -e ." in line
        assert from_lock or project_only, f"installs without the lock: {line}"
    assert (ROOT / "requirements" / "runtime.txt").is_file() and (ROOT / "requirements" / "test.txt").is_file()


def test_make_test_checks_the_lock_before_the_suite():
    result = subprocess.run(["make", "-n", "-C", str(ROOT), "test"], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    check = next(i for i, line in enumerate(lines) if "uv lock --check" in line)
    suite = next(i for i, line in enumerate(lines) if "-m pytest" in line)
    assert check < suite


def test_pages_also_builds_on_a_daily_schedule():
    """Coming meetings are compared with the build's date, so the published site is rebuilt every day."""
    triggers = load("pages.yml")[True]  # PyYAML reads the key `on` as True
    assert "push" in triggers and "workflow_dispatch" in triggers
    (entry,) = triggers["schedule"]
    minute, hour, day, month, weekday = entry["cron"].split()
    assert minute.isdigit() and hour.isdigit() and (day, month, weekday) == ("*", "*", "*")


def test_pages_restores_what_a_warm_build_needs_keyed_on_the_generator(monkeypatch):
    from generator.pipeline import bodycache, cachefiles, state

    workflow = load("pages.yml")
    build_steps = next(j["steps"] for j in workflow["jobs"].values() if any("make site" in s.get("run", "") for s in j["steps"]))
    cache_at = next(i for i, s in enumerate(build_steps) if s.get("uses", "").startswith("actions/cache@"))
    build_at = next(i for i, s in enumerate(build_steps) if "make site" in s.get("run", ""))
    assert cache_at < build_at
    cache = build_steps[cache_at]["with"]
    # The last site (`make site` builds into site/, the artifact uploaded) and the user's cache, where
    # the state and the parse cache of a build into site/ are kept when XDG_CACHE_HOME is not set.
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert "--out site" in subprocess.run(["make", "-n", "-C", str(ROOT), "site"], capture_output=True, text=True,
                                          env={"PATH": "/usr/bin:/bin"}).stdout
    paths = cache["path"].splitlines()
    assert "site" in paths
    assert f"~/{cachefiles.cache_dir().relative_to(Path.home())}" in paths
    for kept in (state.state_path(Path("site")), bodycache.cache_path(Path("site"))):
        assert kept.is_relative_to(cachefiles.cache_dir())
    # The key: the generator and the lock first (another generator restores nothing), then the
    # templates, then the run; restore keys are its prefixes, down to the generator's part.
    key, restore = cache["key"], cache["restore-keys"].splitlines()
    parts = re.findall(r"\$\{\{ hashFiles\(([^)]*)\) \}\}", key)
    generator_part = [name.strip(" '") for name in parts[0].split(",")]
    assert {"generator/**", "uv.lock"} <= set(generator_part) and "templates/**" not in generator_part
    assert parts[1] == "'templates/**'"
    assert key.endswith("-${{ github.run_id }}")
    assert restore == sorted((key[:key.index(part) + len(part + ") }}-")] for part in parts), key=len, reverse=True)
    assert all(prefix.endswith("}}-") for prefix in restore)
