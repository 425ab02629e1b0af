"""Command line for operators and scripts:
``.venv/bin/python -m dih_data {import,summary,demo,export,history,rollback,template,set-editor-password}``."""

from __future__ import annotations

import argparse
import functools
import json
import sys

from . import i18n, store
from .model import RECORD_TABLES


def _engine(args):
    engine = store.make_engine(args.database_url)
    store.init_db(engine)
    return engine


def cmd_import(args) -> int:
    from . import demo, i18n, importer

    engine = _engine(args)
    result = importer.import_file(engine, args.kind, args.file, dry_run=args.dry_run, user=args.user,
                                  indicator=args.indicator, unknown_barriers=args.unknown_barriers,
                                  mode="update" if args.update else "add")
    for line in importer.listed(result.warnings, args.lang):
        print(f"{i18n.t('severity_warning', args.lang)}: {line}")
    if result.errors:
        print(i18n.t("cli_rejected", args.lang, file=result.file_name, n=i18n.fmt_int(len(result.errors), args.lang)),
              file=sys.stderr)
        for line in importer.listed(result.errors, args.lang):
            print(line, file=sys.stderr)
        return 1
    say = functools.partial(_say, lang=args.lang)
    done = "cli_would_import" if args.dry_run else "cli_imported_batch" if result.batch_id else "cli_imported"
    print(say(done, file=result.file_name, rows=result.rows, kind=i18n.t(f"kind_{args.kind}", args.lang),
              batch=result.batch_id))
    if result.written:
        print(say("cli_counts", **result.counts))
    if result.written and demo.in_force(engine):
        print(say("cli_demo_still_loaded"))
    return 0


def _say(key: str, lang: str, **values) -> str:
    """A catalog message in ``lang`` with its whole numbers written the language's way ("1 627")."""
    from . import i18n

    return i18n.t(key, lang, **{name: i18n.fmt_int(value, lang) if isinstance(value, int) else value
                                for name, value in values.items()})


def cmd_summary(args) -> int:
    from . import i18n, metrics

    summary = metrics.summary(_engine(args))
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(_say("cli_summary", args.lang, events=summary["events"], participants=summary["participants"]))
        for row in summary["by_planning_region"]:
            print(_say("cli_summary_region", args.lang, region=i18n.region_label(row["planning_region"], args.lang),
                       events=row["events"], participants=row["participants"]))
    return 0


def cmd_demo(args) -> int:
    from . import batches, clock, demo

    engine = _engine(args)
    if args.remove:
        rows = batches.roll_back_demo(engine, args.user)
        print(_say("cli_demo_removed", args.lang, rows=rows) if rows else _say("cli_no_demo", args.lang))
    else:
        loaded = demo.load_demo(engine, today=clock.today())
        print(_say("cli_demo_loaded" if loaded else "cli_demo_already", args.lang))
    return 0


def cmd_export(args) -> int:
    from . import export

    for path in export.export_all(_engine(args), args.directory):
        print(path)
    print(_say("cli_exported", args.lang, folder=f"{args.directory}/{export.IMPORT_FOLDER}/",
               order=", ".join(export.IMPORT_ORDER), raw=f"{args.directory}/{export.RAW_FOLDER}/"))
    return 0


def cmd_history(args) -> int:
    from . import batches

    table = batches.history(_engine(args))
    print(batches.shown_history(table, args.lang).to_string(index=False) if len(table)
          else _say("cli_no_imports", args.lang))
    return 0


def cmd_rollback(args) -> int:
    from . import batches, messages

    try:
        rows = batches.rollback(_engine(args), args.batch, args.user)
    except batches.RollbackRefused as error:
        print(messages.say(error.args[0], args.lang), file=sys.stderr)
        return 1
    print(_say("cli_rolled_back", args.lang, batch=str(args.batch), rows=rows))
    return 0


def cmd_template(args) -> int:
    from pathlib import Path

    from . import templates

    data = templates.template_xlsx(args.kind, args.lang) if args.format == "xlsx" else \
        templates.template_csv(args.kind, args.lang)
    path = Path(args.out or f"template_{args.kind}_{args.lang}.{args.format}")
    path.write_bytes(data)
    print(path)
    return 0


def cmd_set_editor_password(args) -> int:
    import getpass

    from . import access

    password = getpass.getpass(_say("cli_password_new", args.lang))
    if password != getpass.getpass(_say("cli_password_again", args.lang)):
        print(_say("cli_password_differ", args.lang), file=sys.stderr)
        return 1
    try:
        path = access.set_password(password)
    except ValueError:  # the only refusal: too short
        print(_say("cli_password_short", args.lang, n=access.MIN_LENGTH), file=sys.stderr)
        return 1
    print(_say("cli_password_set", args.lang, path=str(path)))
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog=".venv/bin/python -m dih_data", description=__doc__)
    root.add_argument("--database-url", help="SQLAlchemy URL (default: DIH_DATABASE_URL or the SQLite file)")
    commands = root.add_subparsers(dest="command", required=True)
    imp = commands.add_parser("import", help="validate and import a CSV/XLSX file (all rows or none)")
    imp.add_argument("kind", choices=list(RECORD_TABLES))
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    imp.add_argument("--user", default="cli", help="recorded as the batch's author")
    imp.add_argument("--update", action="store_true",
                     help="update rows whose id already exists instead of rejecting them (rollback restores them)")
    imp.add_argument("--unknown-barriers", choices=("error", "other"), default="error",
                     help="survey only: reject answers naming a barrier outside the catalogue (default) or "
                          "keep them as 'other' with their text in other_barrier")
    imp.add_argument("--indicator", help="context only: the indicator of a PxWeb wide table whose title "
                                         "does not name it (e.g. population, active_enterprises)")
    imp.set_defaults(run=cmd_import)
    summary = commands.add_parser("summary", help="totals by measure/year and planning region")
    summary.add_argument("--json", action="store_true")
    summary.set_defaults(run=cmd_summary)
    demo = commands.add_parser("demo", help="load (or --remove) the labelled demo data")
    demo.add_argument("--remove", action="store_true",
                      help="roll back every demo batch (recorded, as on the Data page); it never reloads by itself")
    demo.add_argument("--user", default="cli", help="recorded as who removed it")
    demo.set_defaults(run=cmd_demo)
    export = commands.add_parser("export", help="write the Data page's export into DIRECTORY: import/<kind>.csv "
                                                 "files that import as they are, and the raw tables under raw/")
    export.add_argument("directory")
    export.set_defaults(run=cmd_export)
    history = commands.add_parser("history", help="every import batch, newest first")
    history.set_defaults(run=cmd_history)
    rollback = commands.add_parser("rollback", help="undo one import batch as a whole (recorded)")
    rollback.add_argument("batch", type=int)
    rollback.add_argument("--user", default="cli", help="recorded as who rolled it back")
    rollback.set_defaults(run=cmd_rollback)
    template = commands.add_parser("template", help="write an import template (CSV or XLSX, LV or EN)")
    template.add_argument("kind", choices=list(RECORD_TABLES))
    template.add_argument("--format", choices=("csv", "xlsx"), default="xlsx")
    template.add_argument("--out", help="file to write (default: template_KIND_LANG.FORMAT)")
    template.set_defaults(run=cmd_template)
    password = commands.add_parser("set-editor-password", help="allow editing in the browser with a password")
    password.set_defaults(run=cmd_set_editor_password)
    for command in commands.choices.values():
        command.add_argument("--lang", choices=i18n.LANGS, default=i18n.DEFAULT_LANG,
                             help=f"language of what the command writes (default: {i18n.DEFAULT_LANG}, as the app)")
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
