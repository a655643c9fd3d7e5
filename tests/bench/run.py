"""Benchmarks: `make bench`, or `python -m tests.bench.run`.

Runs the sections in `sections()` (`BENCH_SECTIONS=hugo,misspell` picks some; the
shared machinery is tests/bench/harness.py, a new section is a module beside it).
Measures, for synthetic corpora of 1,000 and 10,000 meetings (generated into
corpus/content-N when missing; `BENCH_SIZES=1000` limits the sizes), each in a
fresh subprocess so that wall time and peak RSS (from wait4) are those of the
measured process and its children:

- cold build without search (fresh output directory);
- search indexing alone on a built tree: `generator.output.pagefind.index`, and
  Pagefind's own CLI for comparison;
- no-op rebuild (nothing changed);
- one meeting edited, then rebuilt: through serve's incremental path
  (`generator.serve.rebuild.LiveBuilder.rebuild`, timed inside one
  long-lived process, as in `protokoll serve`: to the page on disk, and the
  whole rebuild), and by `build` (a warm build, from the last build's state);
- one attendee's status edited, through serve's path;
- one template edited (a copy of templates/ passed with --templates), both
  ways too;
- the misspelling check over 5,000 distinct names, some misspelt;
- `protokoll import` of 200 generated Word documents into a copy of the seed
  content (`BENCH_IMPORT=N` sets the number, 0 skips it).
- the cold build against the Hugo peer site's, alternated (tests/bench/vs_hugo.py:
  4,000 and 10,000 meetings, `BENCH_HUGO_SIZES` and `BENCH_HUGO_PAIRS` change that).

Prints a table of medians (3 runs, 5 when a run takes under 10 s) and writes
bench-results/bench.json. Speed is never asserted: this only measures.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .harness import MEETING_GLOB, PY, ROOT, TARGETS, Result, bench_env, build_cmd, ensure_corpus, measure, repeat, sizes_from_env
from .decisions import bench as bench_decisions
from .deploy import bench as bench_deploy
from .vs_hugo import bench_vs_hugo

RESULTS = ROOT / "bench-results" / "bench.json"
MISSPELL_NAMES = 5000


def bench_size(meetings: int, work: Path) -> list[Result]:
    print(f"\n{meetings} meetings", file=sys.stderr, flush=True)
    corpus = ensure_corpus(meetings)
    content = work / f"content-{meetings}"  # a copy that the edit benchmarks may change
    shutil.copytree(corpus, content)
    out = work / f"site-{meetings}"
    results = []

    def fresh(_):
        shutil.rmtree(out, ignore_errors=True)

    results.append(repeat("cold build, no search", meetings, build_cmd(content, out), fresh))
    results.append(repeat("no-op rebuild", meetings, build_cmd(content, out)))

    meeting = sorted((content / "minutes").glob("*/*.md"))[len(list((content / "minutes").glob("*/*.md"))) // 2]
    original = meeting.read_bytes()

    def edit_meeting(i):
        meeting.write_bytes(original + f"\nTillägg vid mätning {i}.\n".encode())

    results.append(repeat("one meeting edited, warm build", meetings, build_cmd(content, out), edit_meeting,
                          note="`build` again after editing one file's body: only its page is rendered (pipeline/engine.py)"))
    meeting.write_bytes(original)

    templates = work / f"templates-{meetings}"
    shutil.copytree(ROOT / "templates", templates)
    template = templates / "meeting.html"
    template_text = template.read_text(encoding="utf-8")

    def edit_template(i):
        template.write_text(template_text.replace("{% block main %}", f"{{% block main %}}<!-- mätning {i} -->", 1),
                            encoding="utf-8")

    subprocess.run(build_cmd(content, out, templates), cwd=ROOT, check=True, capture_output=True, env=bench_env())
    results.append(repeat("one template edited, warm build", meetings, build_cmd(content, out, templates), edit_template,
                          note="meeting.html changed: every meeting page is rendered, the rest linked (pipeline/engine.py)"))
    template.write_text(template_text, encoding="utf-8")
    results.extend(bench_incremental(meetings, content, out, meeting, templates))

    build_site = work / f"indexed-{meetings}"
    subprocess.run(build_cmd(content, build_site), cwd=ROOT, check=True, capture_output=True, env=bench_env())

    def drop_index(_):
        shutil.rmtree(build_site / "pagefind", ignore_errors=True)

    index_code = (f"from pathlib import Path; from generator.output.pagefind import index; site = Path({str(build_site)!r}); "
                  f"index(site, [str(p.relative_to(site)) for p in site.glob({MEETING_GLOB!r})])")
    results.append(repeat("search index (generator.search)", meetings, [PY, "-c", index_code], drop_index))
    results.append(repeat("search index (Pagefind CLI)", meetings, [PY, "-m", "pagefind", "--site", str(build_site)],
                          drop_index, note="python -m pagefind --site DIR"))
    shutil.rmtree(content)
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(build_site, ignore_errors=True)
    return results


INCREMENTAL_CODE = """
import json, sys, time
from pathlib import Path
from generator.pipeline.build import build
from generator.shared.options import BuildOptions
from generator.serve.rebuild import LiveBuilder as IncrementalBuilder
content, out, meeting, templates, runs = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]), int(sys.argv[5])
options = BuildOptions(content, out, None, search=False, templates_dir=templates)
build(options)
builder = IncrementalBuilder(options)
builder.prime()
original = meeting.read_bytes()
template = templates / "meeting.html"
template_text = template.read_text(encoding="utf-8")
result = {}

def timed(key, change, *args):
    for i in range(runs):
        change(i)
        start, cpu, first = time.perf_counter(), time.process_time(), []
        rebuilt = builder.rebuild(*args, first_written=lambda changed: first.append(time.perf_counter() - start))
        result.setdefault(key, []).append(time.perf_counter() - start)
        result.setdefault(key + "_cpu", []).append(time.process_time() - cpu)
        result.setdefault(key + "_first", []).append(first[0] if first else None)
        result.setdefault(key + "_full", []).append(rebuilt.full)

def edit_body(i):
    meeting.write_bytes(original + f"\\nTillägg vid inkrementell mätning {i}.\\n".encode())

def edit_attendance(i):
    text, excused, absent = meeting.read_bytes(), b"status: excused", b"status: absent"
    meeting.write_bytes(text.replace(excused, absent, 1) if excused in text else text.replace(absent, excused, 1))

def edit_template(i):
    template.write_text(template_text.replace("{% block main %}", "{% block main %}<!-- inkrementell " + str(i) + " -->", 1), encoding="utf-8")

try:
    timed("meeting", edit_body, {meeting})
    meeting.write_bytes(original)
    timed("attendance", edit_attendance, {meeting})
    meeting.write_bytes(original)
    timed("template", edit_template, set(), {"meeting.html"})
finally:
    meeting.write_bytes(original)
    template.write_text(template_text, encoding="utf-8")
print(json.dumps(result))
"""

INCREMENTAL_BENCHES = (
    ("meeting", "first", "one meeting edited, page on disk (serve)",
     "edit to the meeting's page on disk and tabs told to reload, in serve's long-lived process (body edited)"),
    ("meeting", "", "one meeting edited, serve rebuild",
     "the whole incremental rebuild after a body edit, in serve's long-lived process"),
    ("attendance", "first", "attendance edited, page on disk (serve)",
     "one attendee's status changed: edit to the meeting's page on disk (person pages, matrices... follow)"),
    ("attendance", "", "attendance edited, serve rebuild",
     "one attendee's status changed: the whole incremental rebuild, person pages, matrices and data included"),
    ("template", "", "one template edited, serve rebuild",
     "meeting.html changed: every meeting page re-rendered in serve's long-lived process"),
)


def bench_incremental(meetings: int, content: Path, out: Path, meeting: Path, templates: Path) -> list[Result]:
    """serve's rebuild after one change, timed in one process that first builds and primes (as serve does)."""
    runs = 5
    seconds, rss, cpu, stdout = measure([PY, "-c", INCREMENTAL_CODE, str(content), str(out), str(meeting),
                                         str(templates), str(runs)])
    data = json.loads(stdout)
    results = []
    for key, part, name, note in INCREMENTAL_BENCHES:
        times = data[f"{key}_{part}" if part else key]
        if None in times:
            continue  # the meeting's own page was not among the pages rebuilt (a template edit)
        full = any(data[f"{key}_full"])
        note += (" (it fell back to a FULL render)" if full else "") + "; RSS is of that serve-like process"
        result = Result(name, meetings, [round(x, 3) for x in times], [round(rss, 1)] * runs, note=note,
                        cpu=[] if part else [round(x, 3) for x in data[f"{key}_cpu"]])
        print(f"  {name:<40} {result.median:8.3f} s  (runs {result.runs}, peak {rss:.0f} MB)", file=sys.stderr, flush=True)
        results.append(result)
    return results


def bench_seed(work: Path) -> list[Result]:
    """serve's edit-to-page latency on the five seed minutes (the editors' everyday case)."""
    print("\nseed site (5 meetings)", file=sys.stderr, flush=True)
    content, templates = work / "content-seed", work / "templates-seed"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(ROOT / "templates", templates)
    meeting = content / "minutes" / "chefsgrupp-social-valfard" / "2026-02-06.md"
    results = bench_incremental(5, content, work / "site-seed", meeting, templates)
    shutil.rmtree(content)
    shutil.rmtree(templates)
    return results


MISSPELL_CODE = """
import json, random, sys, time
from tests.bench.corpus_text import FIRST_NAMES, SURNAMES
from generator.content.people import find_near_misses
N = int(sys.argv[1])
rng = random.Random(9)
names = sorted({f"{f} {s}" for f in FIRST_NAMES for s in SURNAMES})
rng.shuffle(names)
correct = names[:N - N // 20]
misspelt = set()
for name in correct[: N // 20 * 3]:
    i = rng.randrange(1, len(name) - 1)
    wrong = name[:i] + name[i + 1:]
    if wrong not in correct and len(misspelt) < N // 20:
        misspelt.add(wrong)
unknown = sorted(set(correct) | misspelt)
assert len(unknown) == N, len(unknown)
known = sorted(set(unknown) | set(names[N:N + 100]))
start = time.perf_counter()
misses = find_near_misses(unknown, known)
print(json.dumps({"seconds": time.perf_counter() - start, "near_misses": len(misses)}))
"""


def bench_misspellings() -> Result:
    result = repeat("misspelling check, 5000 names", MISSPELL_NAMES, [PY, "-c", MISSPELL_CODE, str(MISSPELL_NAMES)], runs=5,
                    note="find_near_misses(5000 unknown, 5100 known); median of in-process time; RSS of the whole process")
    return result


IMPORT_MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
                 "november", "december"]


def write_import_documents(folder: Path, count: int) -> list[Path]:
    """`count` Word documents in the seed 000 layout, one meeting a day from 2010 on."""
    import datetime as dt

    import docx

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        day = dt.date(2010, 1, 4) + dt.timedelta(days=i)
        doc = docx.Document()
        doc.add_paragraph("Specifika samverkansrådet för folkhälsa")
        doc.add_paragraph(f"Minnesanteckningar specifika samverkansrådet för folkhälsa, "
                          f"{day.day} {IMPORT_MONTHS[day.month - 1]} {day.year}")
        doc.add_paragraph("Tid: kl 09.00–12.00")
        doc.add_paragraph("Plats: Regionhuset, Örebro")
        doc.add_paragraph(f"Justerat av: Anna Ahnér {day + dt.timedelta(days=7)}")
        for n in range(1, 13):
            p = doc.add_paragraph(style="List Number")
            p.add_run(f"Ärende {n}").bold = True
            p.add_run(" – Ingmar Ångman, Anna Karlsson. Föredragningen följdes av en diskussion om ärendet.")
            doc.add_paragraph("Beslut: Rådet tackar för informationen. " * 3)
        doc.add_paragraph("Närvarolista:")
        doc.add_paragraph("Ledamöter:")
        table = doc.add_table(rows=0, cols=2)
        for k, (name, org) in enumerate([("Anna Ahnér", "Askersund kommun"), ("Jonas Hansen", "Lekebergs kommun"),
                                         ("Anna Karlsson", "Nora kommun"), ("Jimmy Nordengren", "Örebro kommun")] * 4):
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(f"{name}{'' if k < 4 else ' ' + 'ABCDEFGHIJKLMNOP'[k] + 'son'}").font.strike = k % 3 == 0
            cells[1].text = org
        path = folder / f"protokoll-{i:03d}.docx"
        doc.save(path)
        paths.append(path)
    return paths


def bench_import(work: Path, count: int) -> Result:
    print(f"\nimport of {count} Word documents", file=sys.stderr, flush=True)
    documents = write_import_documents(work / "import-docx", count)
    content = work / "content-import"

    def fresh(_):
        shutil.rmtree(content, ignore_errors=True)
        shutil.copytree(ROOT / "content", content)

    cmd = [PY, "-m", "generator", "import", "--content", str(content), *map(str, documents)]
    return repeat(f"protokoll import, {count} documents", count, cmd, fresh, runs=3,
                  note="one process: read, recognise and write every document into a copy of the seed content")


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory_gb": mem_gb, "python": platform.python_version(),
            "platform": platform.platform(), "date": time.strftime("%Y-%m-%d"),
            "loadavg_at_start": [round(x, 2) for x in os.getloadavg()]}


def table(results: list[Result], info: dict) -> str:
    lines = [
        f"Machine: {info['nproc']} cores, {info['cpu']}, {info['memory_gb']} GB RAM; Python {info['python']}; {info['date']}; "
        f"load average {info['loadavg_at_start'][0]} at start, {info.get('loadavg_at_end', ['?'])[0]} at end",
        "",
        f"| {'benchmark':<40} | {'meetings':>8} | {'median s':>9} | {'CPU s':>7} | {'runs':>4} | {'peak RSS MB':>11} | target / note",
        f"|{'-' * 42}|{'-' * 10}|{'-' * 11}|{'-' * 9}|{'-' * 6}|{'-' * 13}|{'-' * 20}",
    ]
    for r in results:
        extra = "; ".join(x for x in (TARGETS.get(r.name, ""), r.note) if x)
        cpu = "–" if r.median_cpu is None else f"{r.median_cpu:.2f}"
        lines.append(f"| {r.name:<40} | {r.meetings:>8} | {r.median:>9.3f} | {cpu:>7} | {len(r.runs):>4} | "
                     f"{f'{max(r.peak_rss_mb):.0f}' if r.peak_rss_mb else '–':>11} | {extra}")
    return "\n".join(lines)


def sections() -> dict[str, Callable[[Path], list[Result]]]:
    """Every section by name, in the order they run; `BENCH_SECTIONS=hugo,seed` picks some."""
    imports = int(os.environ.get("BENCH_IMPORT", "200"))
    return {
        "seed": bench_seed,
        "sizes": lambda work: [r for meetings in sizes_from_env("BENCH_SIZES", "1000,10000")
                               for r in bench_size(meetings, work)],
        "hugo": lambda work: bench_vs_hugo(sizes_from_env("BENCH_HUGO_SIZES", "4000,10000"),
                                           int(os.environ.get("BENCH_HUGO_PAIRS", "3")), work),
        "decisions": lambda work: bench_decisions(sizes_from_env("BENCH_SIZES", "1000,10000"), work),
        "deploy": lambda work: [r for meetings in sizes_from_env("BENCH_DEPLOY_SIZES", "4000,10000")
                                for r in bench_deploy(meetings, work)],
        "import": lambda work: [bench_import(work, imports)] if imports else [],
        "misspell": lambda work: [bench_misspellings()],
    }


def main() -> int:
    available = sections()
    chosen = [s for s in os.environ.get("BENCH_SECTIONS", ",".join(available)).replace(" ", "").split(",") if s]
    unknown = [s for s in chosen if s not in available]
    if unknown:
        print(f"BENCH_SECTIONS: unknown {', '.join(unknown)}; the sections are {', '.join(available)}", file=sys.stderr)
        return 2
    info = machine()
    print(f"Benchmarks {', '.join(chosen)} on {info['nproc']} cores ({info['cpu']}), Python {info['python']}",
          file=sys.stderr, flush=True)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="protokoll-bench-") as tmp:
        for name in chosen:
            results.extend(available[name](Path(tmp)))
    info["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"machine": info, "results": [r.as_dict() for r in results]},
                                  ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(table(results, info))
    print(f"\nWrote {RESULTS.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
