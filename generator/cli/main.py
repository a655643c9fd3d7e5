"""Thin command line over the library: `protokoll build | serve | check | new | import`.

Exit codes: 0 success, 1 content problems, 2 usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator.shared.problems import ContentError, Problems

from .argparse_sv import ArgumentParser

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _content_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, default=Path("content"), metavar="MAPP",
                        help="innehållsmappen (standard: content)")


def _out_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("site"), metavar="MAPP",
                        help="mapp att bygga till (standard: site)")
    parser.add_argument("--base-url", default=None, metavar="SÖKVÄG",
                        help="sökväg som webbplatsen ligger under, t.ex. /protokoll/ (standard: från site.yaml)")
    parser.add_argument("--templates", type=Path, default=None, metavar="MAPP",
                        help="mapp med mallar som ersätter de inbyggda, fil för fil")


def make_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(prog="protokoll", description="Bygger en webbplats av protokoll skrivna i Markdown.")
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO", required=True, title="kommandon")

    build = commands.add_parser("build", help="bygg webbplatsen",
                                description="Bygg webbplatsen från innehållsmappen.\n\nExempel:\n  protokoll build --content content --out site --base-url /protokoll/")
    _content_arg(build)
    _out_args(build)
    build.add_argument("--no-search", action="store_true", help="hoppa över sökindexet (snabbare förhandsvisning)")
    build.add_argument("--strict", action="store_true", help="låt varningar stoppa bygget")
    build.add_argument("--force", action="store_true", help="bygg om allt även om inget har ändrats sedan förra bygget")

    check = commands.add_parser("check", help="kontrollera innehållet utan att bygga",
                                description="Kontrollera innehållet utan att skriva något.\n\nExempel:\n  protokoll check --format github content/minutes/ssr/2025-03-21.md\n  protokoll check --since origin/main")
    _content_arg(check)
    check.add_argument("--format", choices=["text", "github", "json"], default="text",
                       help="text för människor, github för annoteringar i GitHub Actions, json för verktyg")
    check.add_argument("--strict", action="store_true", help="låt varningar ge felkod")
    check.add_argument("--since", metavar="REF", default=None,
                       help="jämför med git-versionen REF (t.ex. origin/main): justerade protokoll som har ändrats "
                            "utan en ny rättelse under `rättelser` ger fel")
    check.add_argument("files", nargs="*", type=Path, metavar="FIL", help="kontrollera bara de här filerna")

    serve = commands.add_parser("serve", help="förhandsvisa med automatisk omladdning",
                                description="Bygg, visa webbplatsen lokalt och bygg om när innehållet ändras.\n\nExempel:\n  protokoll serve --port 8000")
    _content_arg(serve)
    _out_args(serve)
    serve.add_argument("--port", type=int, default=8000, help="port (standard: 8000)")
    serve.add_argument("--host", default="127.0.0.1", metavar="ADRESS", help="adress att lyssna på (standard: 127.0.0.1, bara den här datorn)")
    serve.add_argument("--no-search", action="store_true", help="bygg inget sökindex")

    new = commands.add_parser("new", help="skapa ett nytt protokoll från rådets ledamotslista",
                              description="Skapa content/minutes/RÅD/DATUM.md med närvaro ifylld från councils.yaml.\n\nExempel:\n  protokoll new specifika-samverkansradet-folkhalsa 2026-05-22\n  protokoll new specifika-samverkansradet-folkhalsa 2026-05-22 --from 2026-03-13")
    _content_arg(new)
    new.add_argument("council", metavar="RÅD", help="rådets id i councils.yaml")
    new.add_argument("date", metavar="DATUM", help="mötesdatum ÅÅÅÅ-MM-DD")
    new.add_argument("--from", dest="from_date", metavar="DATUM",
                     help="ta närvarogrupperna från rådets möte DATUM (alla som närvarande) i stället för ledamotslistan")

    imp = commands.add_parser("import", help="importera protokoll från Word (.docx)",
                              description="Gör om protokoll skrivna i Word (.docx) till protokollfiler i content/minutes/. "
                              "Skriver aldrig över en befintlig fil; det som importen har fått gissa markeras med "
                              "# kontrollera: och ger varningar tills du har granskat det.\n\nExempel:\n"
                              "  protokoll import protokoll-2026-03-13.docx\n"
                              "  protokoll import --council chefsgrupp-skola --date 2026-03-06 anteckningar.docx")
    _content_arg(imp)
    imp.add_argument("files", nargs="+", type=Path, metavar="FIL", help="Word-filer (.docx) att importera")
    imp.add_argument("--council", metavar="RÅD", help="rådets id (flera med komma för ett gemensamt möte), "
                     "om det inte går att känna igen i dokumentet")
    imp.add_argument("--date", metavar="DATUM", help="mötesdatum ÅÅÅÅ-MM-DD, om det inte står i dokumentet")
    imp.add_argument("--dry-run", action="store_true", help="skriv ut resultatet i stället för att spara det")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    if not args.content.is_dir():
        print(f"protokoll: fel: innehållsmappen {args.content} finns inte. Ange rätt mapp med --content.", file=sys.stderr)
        return EXIT_USAGE
    if args.command in ("build", "check", "serve"):
        from generator.shared.builddate import epoch_problem

        problem = epoch_problem()
        if problem:
            print(f"protokoll: fel: {problem}", file=sys.stderr)
            return EXIT_USAGE
    if args.command in ("build", "check", "import"):
        from generator.shared.progress import delay_problem

        problem = delay_problem()
        if problem:
            print(f"protokoll: fel: {problem}", file=sys.stderr)
            return EXIT_USAGE
    return COMMANDS[args.command](args)


def _print_problems(problems: Problems, fmt: str = "text") -> None:
    if problems.items:
        print(problems.format(fmt), file=sys.stderr if fmt == "text" else sys.stdout)


def cmd_build(args) -> int:
    from generator.shared.options import BuildOptions
    from generator.shared.outlock import OutputLocked, exclusive
    from generator.shared.urls import normalize_base_url

    if args.base_url is not None:
        try:
            normalize_base_url(args.base_url)
        except ValueError:
            print(f"protokoll: fel: --base-url ska vara en sökväg som /protokoll/, inte {args.base_url}.", file=sys.stderr)
            return EXIT_USAGE
    options = BuildOptions(args.content, args.out, args.base_url, not args.no_search, args.strict, args.templates,
                           force=args.force)
    try:
        with exclusive(args.out, str(args.out)):
            return _build_locked(args, options)
    except OutputLocked as exc:
        print(f"protokoll: fel: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # the lock file, or anything else the build could not write
        return _write_failed(args, exc.filename, exc)


def _build_locked(args, options) -> int:
    import time

    from generator.pipeline import uptodate
    from generator.shared.progress import Progress

    started, progress = time.perf_counter(), Progress.for_terminal()
    checked = uptodate.check(options)
    if checked.last is not None:  # answered before the rendering machinery is even imported
        _print_problems(checked.last.problems)
        print(f"Inget har ändrats sedan förra bygget; {args.out}/ är aktuell "
              f"({time.perf_counter() - started:.2f} s).", file=sys.stderr)
        return EXIT_OK
    from generator.output.pagefind import SearchIndexError
    from generator.output.write import OutputDirError, OutputWriteError
    from generator.pipeline.build import build

    try:
        result = build(options, checked, progress)
    except ContentError as exc:
        _print_problems(exc.problems)
        print(f"Bygget avbröts: {exc.problems.summary()}. {args.out}/ är orörd.", file=sys.stderr)
        return EXIT_PROBLEMS
    except OutputDirError as exc:
        print(f"protokoll: fel: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OutputWriteError as exc:
        return _write_failed(args, exc.path, exc.reason)
    except SearchIndexError as exc:
        print(f"protokoll: fel: sökindexet kunde inte byggas: {exc}\n{args.out}/ är orörd.", file=sys.stderr)
        return EXIT_PROBLEMS
    _print_problems(result.problems)
    if result.rendered < result.pages:
        print(f"Byggde om {result.rendered} av {result.pages} sidor till {args.out}/ på {result.timings.summary()}; "
              "resten var oförändrade.", file=sys.stderr)
        return EXIT_OK
    print(f"Byggde {result.pages} sidor till {args.out}/ på {result.timings.summary()}.", file=sys.stderr)
    return EXIT_OK


def _write_failed(args, path, why) -> int:
    """A write that failed (a full disk, a read-only folder): which file, why, and that the site is as it was."""
    from generator.shared.files import reason
    from generator.content.sources import display_path

    why = why if isinstance(why, str) else reason(why)
    where = f" {display_path(Path(os.fsdecode(path)))}" if path else ""
    print(f"protokoll: fel: kunde inte skriva{where} ({why}). Bygget avbröts; {args.out}/ är orörd. "
          "Kontrollera att det finns plats på disken och att du får skriva i mappen.", file=sys.stderr)
    return EXIT_USAGE


def cmd_check(args) -> int:
    from generator.pipeline.check import check
    from generator.shared.progress import Progress

    missing = [f for f in args.files if not f.is_file()]
    if missing:
        print(f"protokoll: fel: filen {missing[0]} finns inte.", file=sys.stderr)
        return EXIT_USAGE
    problems = check(args.content, set(args.files) if args.files else None, Progress.for_terminal())
    if args.since is not None:
        from generator.pipeline import since

        try:
            changed = since.check(args.content, args.since)
        except since.SinceError as exc:
            print(f"protokoll: fel: --since: {exc}", file=sys.stderr)
            return EXIT_USAGE
        wanted = {f.resolve() for f in args.files}
        problems.items.extend(p for p in changed.items if not wanted or Path(p.rel_path).resolve() in wanted)
    if args.format == "json":
        print(problems.format("json"))
    else:
        _print_problems(problems, args.format)
    if args.format == "text":
        print(f"{problems.summary()}.", file=sys.stderr)
    return EXIT_PROBLEMS if problems.fails(args.strict) else EXIT_OK


def cmd_serve(args) -> int:
    from generator.shared.outlock import OutputLocked, exclusive
    from generator.serve.live import serve
    from generator.output.write import OutputWriteError

    try:
        with exclusive(args.out, str(args.out)):  # for as long as it runs: its rebuilds write there
            return serve(args)
    except OutputLocked as exc:
        print(f"protokoll: fel: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OutputWriteError as exc:
        return _write_failed(args, exc.path, exc.reason)
    except OSError as exc:
        return _write_failed(args, exc.filename, exc)


def cmd_new(args) -> int:
    from .new import new_minutes

    return new_minutes(args)


def cmd_import(args) -> int:
    from generator.importer.command import run

    return run(args)


COMMANDS = {"build": cmd_build, "check": cmd_check, "serve": cmd_serve, "new": cmd_new, "import": cmd_import}
