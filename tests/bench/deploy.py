"""Deploy benchmarks (issue 21): `python -m tests.bench.deploy`, and part of `make bench`.

For each size (`BENCH_DEPLOY_SIZES`, default 4000,10000; section `deploy` of `make bench`), each build in a fresh subprocess:

- the cached-parse build after a template change: meeting.html edited, then a warm
  build (only the pages of that template rendered) and a `--force` build (every page
  rendered), both with every body from the parse cache, alternated with a cold build
  into a new directory (no state, no cached parse) as the A/B;
- the simulated warm deploy, as .github/workflows/pages.yml runs it: a fresh copy of
  the content at the checkout's path (new mtimes, as a clone has), the last deploy's
  site/ and its ~/.cache/protokoll restored (actions/cache), one meeting edited, then
  `protokoll build` with search; alternated with the same deploy with nothing
  restored (every deploy before the cache step). The sökindex stage, Pagefind, is
  reported on its own;
- alternated with each warm deploy (`vs-hugo`): Hugo's cold build of the same corpus
  (tests/bench/hugo), Pagefind's CLI over the same search documents the deploy indexes
  (the meeting pages and the decision records), their sum and the deploy's ratio to it;
  and, for comparison, the CLI's default glob over the deployed site (every HTML file,
  but without the decision records, which are never published).

`BENCH_DEPLOY` picks the parts (template, deploy, cold-deploy, vs-hugo; default all),
`BENCH_RUNS` the runs (default 3). Leave the generator's code alone while it runs: a change
makes every later build a cold one. Speed is never asserted: this only measures.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from generator.pipeline import state

from . import hugo_peer
from .harness import PY, ROOT, Result, build_cmd, ensure_corpus, measure

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
EPOCH = "1780272000"
"""One SOURCE_DATE_EPOCH for every build: the deploys of one day (pages.yml)."""

BUILD_CODE = """
import json, sys
import generator.pipeline.build as pipeline_build
from generator.cli.main import main
real, seen = pipeline_build.build, {}
def build(options, *args, **kwargs):
    result = real(options, *args, **kwargs)
    seen.update(stages=dict(result.timings.stages), rendered=result.rendered, pages=result.pages)
    return result
pipeline_build.build = build
code = main(["build", *sys.argv[1:]])
print("stages " + json.dumps(seen))
sys.exit(code)
"""


@contextmanager
def environment(**values: str):
    """os.environ with `values` (run.measure passes it on to the measured process)."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class Series:
    """Alternated measurements of several commands, one Result each."""

    def __init__(self, meetings: int):
        self.meetings = meetings
        self.results: dict[str, Result] = {}
        self.stages: dict[str, list[dict]] = {}

    def measure(self, name: str, cmd: list[str], note: str = "") -> dict:
        os.sync()  # the last run's writes are not left for this one to wait on
        seconds, rss, cpu, out = measure(cmd)
        result = self.results.setdefault(name, Result(name, self.meetings, [], [], note=note))
        result.runs.append(round(seconds, 3))
        result.cpu.append(round(cpu, 3))
        result.peak_rss_mb.append(round(rss, 1))
        line = next((x for x in out.splitlines() if x.startswith("stages ")), None)
        seen = json.loads(line[len("stages "):]) if line else {}
        self.stages.setdefault(name, []).append(seen)
        stages = " ".join(f"{stage} {took:.2f}" for stage, took in seen.get("stages", {}).items())
        print(f"  {name:<48} {seconds:8.2f} s  cpu {cpu:7.2f} s  peak {rss:5.0f} MB  load {os.getloadavg()[0]:.1f}"
              + (f"  rendered {seen['rendered']}/{seen['pages']} ({stages})" if seen else ""), file=sys.stderr, flush=True)
        return seen

    def stage(self, name: str, stage: str) -> list[float]:
        return [round(seen["stages"][stage], 3) for seen in self.stages.get(name, []) if stage in seen.get("stages", {})]


def bench_template(meetings: int, work: Path) -> list[Result]:
    """The cached-parse build after a template change, alternated with a cold uncached build."""
    print(f"\n{meetings} meetings: template change, cached parses", file=sys.stderr, flush=True)
    content = work / f"content-{meetings}"
    shutil.copytree(ensure_corpus(meetings), content)
    templates = shutil.copytree(ROOT / "templates", work / f"templates-{meetings}")
    template = templates / "meeting.html"
    original = template.read_text(encoding="utf-8")
    out, cold = work / f"site-{meetings}", work / f"cold-{meetings}"
    series = Series(meetings)
    with environment(XDG_CACHE_HOME=str(work / f"xdg-{meetings}"), SOURCE_DATE_EPOCH=EPOCH):
        measure(build_cmd(content, out, templates))  # the last build: its state and every body's parse
        for i in range(RUNS):
            shutil.rmtree(cold, ignore_errors=True)
            series.measure("cold build, no search (A/B)", [PY, "-c", BUILD_CODE, *build_args(content, cold, templates)],
                           "into a new directory: no state, no cached parse; alternated with the two below")
            template.write_text(original.replace("{% block main %}", f"{{% block main %}}<!-- mätning {i} -->", 1),
                                encoding="utf-8")
            series.measure("template edited, warm build, cached parses",
                           [PY, "-c", BUILD_CODE, *build_args(content, out, templates)],
                           "meeting.html changed: its pages rendered, every body from the parse cache, the rest linked")
            template.write_text(original.replace("{% block main %}", f"{{% block main %}}<!-- tvingad {i} -->", 1),
                                encoding="utf-8")
            series.measure("template edited, --force build, cached parses",
                           [PY, "-c", BUILD_CODE, *build_args(content, out, templates, "--force")],
                           "meeting.html changed, --force: every page rendered, every body from the parse cache")
    results = list(series.results.values())
    for result in results:
        render = series.stage(result.name, "rendera")
        result.note += f"; rendera stage median {statistics.median(render):.2f} s" if render else ""
    for path in (content, templates, out, cold):
        shutil.rmtree(path, ignore_errors=True)
    return results


def build_args(content: Path, out: Path, templates: Path | None = None, *extra: str, search: bool = False) -> list[str]:
    args = ["--content", str(content), "--out", str(out), *extra]
    return args + (["--templates", str(templates)] if templates else []) + ([] if search else ["--no-search"])


def bench_deploy(meetings: int, work: Path) -> list[Result]:
    """pages.yml after one edit: a fresh checkout, the cache restored, a build with search; alternated
    with Hugo's cold build and Pagefind's CLI over the same search documents (`vs-hugo`)."""
    print(f"\n{meetings} meetings: simulated deploy", file=sys.stderr, flush=True)
    corpus = ensure_corpus(meetings)
    checkout, home_cache, saved = work / f"checkout-{meetings}", work / f"runner-cache-{meetings}", work / f"saved-{meetings}"
    content, site = checkout / "content", checkout / "site"
    series = Series(meetings)

    def fresh_checkout(edit: int | None) -> None:
        state.wait_for_saved(site)  # the last build's forked child may still be writing its state
        shutil.rmtree(checkout, ignore_errors=True)
        shutil.rmtree(home_cache, ignore_errors=True)
        shutil.copytree(corpus, content, copy_function=shutil.copy)  # new mtimes, as a clone has
        if edit is not None:
            meeting = sorted((content / "minutes").glob("*/*.md"))[meetings // 2]
            meeting.write_bytes(meeting.read_bytes() + f"\nTillägg vid driftsättning {edit}.\n".encode())

    def restore() -> None:  # actions/cache: the paths as they were saved, mtimes kept
        shutil.copytree(saved / "site", site, symlinks=True)
        shutil.copytree(saved / "protokoll", home_cache / "protokoll", symlinks=True)

    with environment(XDG_CACHE_HOME=str(home_cache), SOURCE_DATE_EPOCH=EPOCH):
        fresh_checkout(None)
        measure([PY, "-m", "generator", "build", *build_args(content, site, search=True)])  # the last deploy
        state.wait_for_saved(site)
        shutil.rmtree(saved, ignore_errors=True)
        shutil.copytree(site, saved / "site", symlinks=True)
        shutil.copytree(home_cache / "protokoll", saved / "protokoll", symlinks=True)
        peers = Peers(corpus, saved / "site", work, meetings) if "vs-hugo" in parts() else None
        for i in range(RUNS):
            if "cold-deploy" in parts():
                fresh_checkout(i)
                series.measure(COLD_DEPLOY, [PY, "-c", BUILD_CODE, *build_args(content, site, search=True)],
                               "pages.yml before the cache step: a cold build with search")
            fresh_checkout(i)
            restore()
            series.measure(DEPLOY, [PY, "-c", BUILD_CODE, *build_args(content, site, search=True)],
                           "fresh checkout, site/ and ~/.cache/protokoll restored, one meeting edited (pages.yml)")
            if peers:
                peers.run(series)
    results = []
    for name in (COLD_DEPLOY, DEPLOY):
        if name not in series.results:
            continue
        result, first = series.results[name], series.stages[name][0]
        result.note += f"; rendered {first.get('rendered')} of {first.get('pages')} pages"
        results += [result, Result("  of which Pagefind (sökindex stage)", meetings, series.stage(name, "sökindex"),
                                   result.peak_rss_mb, note=f"the sökindex stage of “{name}”, timed inside the build")]
    if peers:
        results += peers.results(series)
    for path in (checkout, home_cache, saved):
        shutil.rmtree(path, ignore_errors=True)
    return results


COLD_DEPLOY = "deploy without cache, one edit, with search"
DEPLOY = "simulated warm deploy, one edit, with search"
HUGO = "Hugo cold build (same corpus)"
SAME = "Pagefind CLI, the same search documents"
WHOLE = "Pagefind CLI, default glob over the site"


class Peers:
    """What the warm deploy is compared with, each run alternated with it: Hugo's cold build of the
    corpus (tests/bench/hugo), Pagefind's CLI over the documents the deploy indexes (the meeting
    pages and the decision records, as output/pagefind.py stages them), and over the whole site."""

    def __init__(self, corpus: Path, site: Path, work: Path, meetings: int):
        from generator.output import pagefind
        from generator.pages import catalog, decision_search
        from generator.pipeline.analyse import analyse
        from generator.pipeline.stages import Timings
        from generator.shared.problems import Problems

        self.corpus, self.site = corpus, site
        self.peer, self.hugo_out = hugo_peer.prepare(corpus, work / f"hugo-peer-{meetings}"), work / f"hugo-{meetings}"
        analysis = analyse(corpus, None, Problems(), Timings())
        self.documents = work / f"documents-{meetings}"
        pagefind.stage_documents(site, catalog.search_documents(analysis.plans), decision_search.records(analysis),
                                 self.documents)
        self.pagefind = [str(pagefind.pagefind_executable()), "--force-language", pagefind.LANGUAGE, "--quiet"]
        self.bundle = work / f"bundle-{meetings}"

    def run(self, series: Series) -> None:
        self.peer.clean(self.hugo_out)
        series.measure(HUGO, self.peer.build_cmd(self.hugo_out), "tests/bench/hugo: fresh output, resources and cache")
        hugo_peer.check_output(self.corpus, self.hugo_out)
        for name, source, note in ((SAME, self.documents, "the meeting pages and the decision records"),
                                   (WHOLE, self.site, "every HTML file of the deployed site, no decision records")):
            shutil.rmtree(self.bundle, ignore_errors=True)
            series.measure(name, [*self.pagefind, "--site", str(source), "--output-path", str(self.bundle)], note)
        shutil.rmtree(self.bundle, ignore_errors=True)

    def results(self, series: Series) -> list[Result]:
        deploy, hugo, same, whole = (series.results[name] for name in (DEPLOY, HUGO, SAME, WHOLE))
        total = Result(f"{HUGO} + {SAME}", deploy.meetings, [round(a + b, 3) for a, b in zip(hugo.runs, same.runs)],
                       [], cpu=[round(a + b, 3) for a, b in zip(hugo.cpu, same.cpu)], note="per run")
        against_whole = [round(a / (b + c), 3) for a, b, c in zip(deploy.runs, hugo.runs, whole.runs)]
        ratio = Result("warm deploy / (Hugo + Pagefind CLI)", deploy.meetings,
                       [round(a / b, 3) for a, b in zip(deploy.runs, total.runs)], [],
                       note="per run, over the same search documents; below 1: the deploy is faster (issue 21); "
                            f"against Hugo + the CLI's default glob (no decision records): {against_whole}")
        shutil.rmtree(self.documents, ignore_errors=True)
        return [hugo, same, whole, total, ratio]


def parts() -> list[str]:
    """What to measure (`BENCH_DEPLOY`, comma-separated; default all): template, deploy (the warm one),
    cold-deploy (the same deploy with nothing restored, alternated with it), vs-hugo (Hugo's cold build
    and Pagefind's CLI, alternated with the deploy; needs deploy)."""
    return os.environ.get("BENCH_DEPLOY", "template,deploy,cold-deploy,vs-hugo").replace(" ", "").split(",")


def bench(meetings: int, work: Path) -> list[Result]:
    """Every figure of this module at one size (`parts()`); `work` is a scratch directory."""
    own = work / f"deploy-{meetings}"
    own.mkdir()
    results = (bench_template(meetings, own) if "template" in parts() else []) + (
        bench_deploy(meetings, own) if "deploy" in parts() else [])
    shutil.rmtree(own, ignore_errors=True)
    return results


def main() -> int:
    from . import run  # its machine line and table; run.py imports this module

    sizes = [int(s) for s in os.environ.get("BENCH_DEPLOY_SIZES", "4000,10000").replace(" ", "").split(",") if s]
    info = run.machine()
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="protokoll-deploy-") as tmp:
        for meetings in sizes:
            results.extend(bench(meetings, Path(tmp)))
    info["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    path = ROOT / "bench-results" / "deploy.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"machine": info, "results": [r.as_dict() for r in results]}, ensure_ascii=False, indent=2)
                    + "\n", encoding="utf-8")
    print(run.table(results, info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
