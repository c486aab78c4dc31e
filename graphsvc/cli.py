"""The ``graphsvc`` command line.

Every subcommand is defined here; each handler calls the module that does the
work. A :class:`~graphsvc.errors.GraphsvcError` ends the command with one line
on stderr and its ``exit_status``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from graphsvc.errors import BadInput, ConfigError, GraphsvcError
from graphsvc.model import BATCH_RECORDS
from graphsvc.settings import Settings

Handler = Callable[[argparse.Namespace, Settings], int | None]


def _devdb(args: argparse.Namespace, settings: Settings) -> int:
    from graphsvc import devdb

    if args.action == "build":
        print(f"devdb launcher built in {devdb.build()}")
        return 0
    action = {"start": devdb.start, "stop": devdb.stop, "status": devdb.status}[args.action]
    state = action(settings.devdb)
    print(state.describe())
    return 0 if state.running or args.action != "status" else 3


def _migrate(args: argparse.Namespace, settings: Settings) -> None:
    from graphsvc.database import connect
    from graphsvc.migrate import migrate

    async def run() -> int:
        async with connect(settings) as db:
            return await migrate(db)

    print(f"applied {asyncio.run(run())} schema statements")


def _load(args: argparse.Namespace, settings: Settings) -> None:
    from graphsvc.database import connect
    from graphsvc.errors import GraphsvcError
    from graphsvc.importing import load_file
    from graphsvc.migrate import migrate

    progress = sys.stderr.isatty() and not args.no_progress
    if args.bulk:
        from graphsvc.bulk import bulk_load

        print(asyncio.run(bulk_load(settings, args.files, processes=args.processes)))
        return
    if args.processes is not None:
        raise BadInput("--processes applies to load --bulk only", field="processes")

    async def run() -> None:
        async with connect(settings) as db:
            await migrate(db)
            for done, path in enumerate(args.files):
                try:
                    report = await load_file(db, path, progress=progress, resume=args.resume)
                    print(report, flush=True)
                except GraphsvcError as failure:
                    rest = args.files[done + 1 :]
                    if rest:
                        failure.message += "; not loaded: " + ", ".join(map(str, rest))
                    raise

    asyncio.run(run())


def _export(args: argparse.Namespace, settings: Settings) -> None:
    from graphsvc.database import connect
    from graphsvc.exporter import export

    async def run() -> None:
        async with connect(settings) as db:
            print(await export(db, args.output, region=args.region))

    asyncio.run(run())


def _fhir(args: argparse.Namespace, settings: Settings) -> None:
    from graphsvc.database import connect
    from graphsvc.fhir.exchange import export_fhir, import_files
    from graphsvc.migrate import migrate

    async def run() -> None:
        async with connect(settings) as db:
            if args.action == "import":
                await migrate(db)
                batch = args.batch_records or None
                for report in await import_files(db, args.files, batch_records=batch):
                    print(report, flush=True)
            else:
                print(await export_fhir(db, args.output, region=args.region, bundle=args.bundle))

    asyncio.run(run())


def _demo(args: argparse.Namespace, settings: Settings) -> None:
    from graphsvc.database import connect
    from graphsvc.demo import load_demo

    async def run() -> None:
        async with connect(settings) as db:
            print(await load_demo(db), flush=True)

    asyncio.run(run())
    if not args.load_only:
        _serve(args, settings)


def _map(args: argparse.Namespace, settings: Settings) -> None:
    from graphsvc.database import connect
    from graphsvc.maps import MapKind, build_map

    async def run() -> None:
        async with connect(settings) as db:
            kind = next(k for k in MapKind if k.value == args.kind)
            smap = await build_map(db, kind, args.id, lang=args.lang, as_of=args.as_of)
            smap.write(args.output)
            print(
                f"{args.output}: {smap.title}, {smap.num_nodes()} nodes, {len(smap.gap_items)} gaps"
            )

    asyncio.run(run())


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def _gaps(args: argparse.Namespace, settings: Settings) -> None:
    from tqdm import tqdm

    from graphsvc.database import connect
    from graphsvc.gaps import find_gaps
    from graphsvc.gaps.report import render

    as_of = args.as_of or date.today()
    bar: tqdm[Any] | None = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, unit="rule", desc="gaps", disable=None)
        bar.update(done - bar.n)

    async def run() -> list[Any]:
        async with connect(settings) as db:
            return await find_gaps(
                db,
                clients=args.client,
                region=args.region,
                pathway=args.pathway,
                rules=args.rule,
                as_of=as_of,
                parameters=dict(args.param or []),
                progress=progress,
            )

    try:
        findings = asyncio.run(run())
    finally:
        if bar is not None:
            bar.close()
    report = render(findings, args.format, args.lang, as_of)
    if args.output is None:
        sys.stdout.buffer.write(report)
    else:
        args.output.write_bytes(report)
        print(f"{args.output}: {len(findings)} findings as of {as_of}", file=sys.stderr)


def _analytics(args: argparse.Namespace, settings: Settings) -> None:
    from tqdm import tqdm

    from graphsvc.analytics import Options, Pseudonyms
    from graphsvc.analytics.report import render
    from graphsvc.database import connect
    from graphsvc.errors import BadInput
    from graphsvc.store import Store

    if (args.from_date is None) != (args.to_date is None):
        raise BadInput("give both --from and --to, or neither")
    period = None if args.from_date is None else (args.from_date, args.to_date)
    options = Options(
        region=args.region,
        as_of=args.as_of or (period[1] if period else date.today()),
        period=period,
        params=dict(args.param or []),
    )
    pseudonyms = Pseudonyms.from_settings(settings)
    bar: tqdm[Any] | None = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, unit="step", desc=args.name, disable=None)
        bar.update(done - bar.n)

    async def run() -> Any:
        async with connect(settings) as db:
            return await Store(db).analysis(args.name, options, pseudonyms, progress)

    try:
        report = asyncio.run(run())
    finally:
        if bar is not None:
            bar.close()
    out = render(report, args.format)
    if args.output is None:
        sys.stdout.buffer.write(out)
    else:
        args.output.write_bytes(out)
        print(
            f"{args.output}: {report.title}, {report.suppressed} cells suppressed", file=sys.stderr
        )


def _gap_parameter(text: str) -> tuple[str, Any]:
    name, equals, value = text.partition("=")
    try:
        if not equals:
            raise ValueError
        return name.strip(), json.loads(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r}: expected NAME=VALUE with a JSON value, e.g. caseload_threshold=25"
        ) from None


def _export_schema(args: argparse.Namespace, settings: Settings) -> None:
    from graphsvc.api.schema import export_schema

    sys.stdout.write(export_schema())


def _generate(args: argparse.Namespace, settings: Settings) -> None:
    from graphsvc.generate import DEFAULT_AS_OF, GenerateParams, write

    params = GenerateParams(
        clients=args.clients,
        seed=args.seed,
        as_of=DEFAULT_AS_OF if args.as_of is None else args.as_of,
        gap_rate=args.gap_rate,
        multi_service_share=args.multi_service_share,
        caseload=args.caseload,
        batch_clients=args.batch_clients,
    )
    print(write(params, args.output))


def _serve(args: argparse.Namespace, settings: Settings) -> None:
    from graphsvc.api.server import serve

    serve(settings, host=args.host, port=args.port, workers=args.workers)


def _alerts(args: argparse.Namespace, settings: Settings) -> None:
    from graphsvc.alerts.reevaluate import holder_id, run_once
    from graphsvc.alerts.settings import AlertSettings
    from graphsvc.database import connect
    from graphsvc.migrate import migrate

    async def run() -> None:
        async with connect(settings) as db:
            await migrate(db)
            as_of = args.as_of or date.today()
            r = await run_once(db, AlertSettings.from_env(), as_of, holder_id(), force=True)
            first = " (the first: recorded as the baseline, no events)" if r.baseline else ""
            print(
                f"re-evaluated as of {r.as_of.isoformat()}: {r.clients} clients with gaps "
                f"now or before, {r.events} events{first}, {r.pruned} old events deleted, "
                f"{r.seconds:.1f} s",
                flush=True,
            )

    asyncio.run(run())


def _token(args: argparse.Namespace, settings: Settings) -> None:
    from graphsvc.auth.roles import Role
    from graphsvc.auth.tokens import development_token

    if not settings.development:
        raise ConfigError("graphsvc token signs development tokens: GRAPHSVC_ENV=development only")
    role = Role(args.role)
    if role in (Role.PROFESSIONAL, Role.COORDINATOR) and not args.professional:
        raise BadInput(f"--role {role} needs --professional ID", field="professional")
    print(development_token(settings.auth, role, args.professional))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="graphsvc", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Handler, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(handler=handler)
        return sub

    devdb = command("devdb", _devdb, "run the local development Neo4j")
    devdb.add_argument("action", choices=["start", "stop", "status", "build"])

    token = command("token", _token, "print a development token (GRAPHSVC_ENV=development only)")
    token.add_argument(
        "--role", required=True, choices=["professional", "coordinator", "planner", "admin"]
    )
    token.add_argument("--professional", metavar="ID", help="the professional the caller is")

    alerts = command("alerts", _alerts, "live alerts: run the daily re-evaluation now")
    alerts.add_argument("action", choices=["reevaluate"])
    alerts.add_argument(
        "--as-of", type=_iso_date, default=None, metavar="DATE", help="the day (default today)"
    )

    command("migrate", _migrate, "apply the schema (constraints and indexes); idempotent")

    load = command("load", _load, "validate and load .json/.jsonl files (docs/model.md), in order")
    load.add_argument("files", nargs="+", type=Path, metavar="FILE")
    load.add_argument("--no-progress", action="store_true", help="no progress bar on a terminal")
    # a bulk load goes into an empty database: there is nothing to resume
    how = load.add_mutually_exclusive_group()
    how.add_argument(
        "--resume",
        action="store_true",
        help="skip batches whose records are all stored (a load that was cut off)",
    )
    how.add_argument(
        "--bulk",
        action="store_true",
        help="first load into the empty local database through neo4j-admin import (stops it)",
    )
    load.add_argument(
        "--processes",
        type=_count,
        metavar="N",
        help="with --bulk: check large inputs in N processes (default: one per core)",
    )

    export = command("export", _export, "write the graph (or one region) as a .json/.jsonl file")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    export.add_argument("--region", metavar="ID", help="only this region and what it references")

    fhir = command("fhir", _fhir, "exchange HL7 FHIR R4 resources (docs/fhir.md)")
    fhir_actions = fhir.add_subparsers(dest="action", required=True, metavar="ACTION")
    fhir_import = fhir_actions.add_parser(
        "import", help="load Bundles (.json, each all or nothing) and Bulk Data .ndjson files"
    )
    fhir_import.add_argument("files", nargs="+", type=Path, metavar="FILE")
    fhir_import.add_argument(
        "--batch-records",
        type=int,
        default=BATCH_RECORDS,
        metavar="N",
        help="after checking all of an NDJSON set, write it in transactions of N records "
        f"(default {BATCH_RECORDS:,}; 0: all in one)",
    )
    fhir_export = fhir_actions.add_parser(
        "export", help="write Bulk Data NDJSON (one TYPE.ndjson per resource type) to a directory"
    )
    fhir_export.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    fhir_export.add_argument(
        "--region", metavar="ID", help="only this region and what it references"
    )
    fhir_export.add_argument(
        "--bundle", action="store_true", help="write one collection Bundle DIR/bundle.json instead"
    )

    demo = command("demo", _demo, "load the demo region (idempotent), then serve it")
    demo.add_argument("--load-only", action="store_true", help="load the demo and exit")
    demo.add_argument("--host", default=None, help="default GRAPHSVC_HOST or 127.0.0.1")
    demo.add_argument("--port", type=int, default=None, help="default GRAPHSVC_PORT or 8000")

    smap = command("map", _map, "write one service map as a self-contained HTML file")
    smap.add_argument(
        "kind", choices=["client", "professional", "organisation", "pathway", "region"]
    )
    smap.add_argument("id", help="the id of the client, professional, ... at the map's centre")
    smap.add_argument("--lang", choices=["fi", "en"], default="fi", help="labels (default fi)")
    smap.add_argument("--as-of", type=_iso_date, default=None, metavar="DATE", help="default today")
    smap.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.html")

    gaps = command("gaps", _gaps, "find coordination gaps for clients, a region or a pathway")
    gaps.add_argument("--client", action="append", metavar="ID", help="repeatable")
    gaps.add_argument("--region", metavar="ID")
    gaps.add_argument("--pathway", metavar="ID")
    gaps.add_argument("--rule", action="append", metavar="ID", help="repeatable; default all")
    gaps.add_argument("--as-of", type=_iso_date, default=None, metavar="DATE", help="default today")
    gaps.add_argument("--lang", choices=["fi", "en"], default="fi", help="texts (default fi)")
    gaps.add_argument("--format", choices=["table", "json", "csv"], default="table")
    gaps.add_argument(
        "--param",
        action="append",
        type=_gap_parameter,
        metavar="NAME=JSON",
        help="override a rule parameter (README, section gaps), e.g. horizon_days=90",
    )
    gaps.add_argument("-o", "--output", type=Path, metavar="FILE", help="default stdout")

    analytics = command(
        "analytics", _analytics, "a planner's analysis of a region, aggregates only (README)"
    )
    analytics.add_argument(
        "name",
        choices=[
            "shared-clients",
            "handoff-flows",
            "bottlenecks",
            "pathway-conformance",
            "coordination-burden",
        ],
    )
    analytics.add_argument("--region", required=True, metavar="ID")
    analytics.add_argument("--as-of", type=_iso_date, default=None, metavar="DATE")
    analytics.add_argument("--from", dest="from_date", type=_iso_date, default=None, metavar="DATE")
    analytics.add_argument("--to", dest="to_date", type=_iso_date, default=None, metavar="DATE")
    analytics.add_argument("--format", choices=["table", "csv", "json"], default="table")
    analytics.add_argument(
        "--param",
        action="append",
        type=_gap_parameter,
        metavar="NAME=JSON",
        help="an analysis parameter (README), e.g. bands=[0,13,18]",
    )
    analytics.add_argument("-o", "--output", type=Path, metavar="FILE", help="default stdout")

    command("export-schema", _export_schema, "print the GraphQL schema (as in schema.graphql)")

    generate = command("generate", _generate, "write a reproducible synthetic region as JSON Lines")
    generate.add_argument("--clients", type=int, required=True, metavar="N")
    generate.add_argument("--seed", type=int, default=1, help="default 1")
    generate.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    generate.add_argument(
        "--as-of",
        type=_iso_date,
        default=None,
        metavar="DATE",
        help="the date the region is arranged around (default 2026-11-22)",
    )
    generate.add_argument(
        "--gap-rate",
        type=float,
        default=0.05,
        help="share of eligible subjects given each gap kind (default 0.05)",
    )
    generate.add_argument(
        "--multi-service-share",
        type=float,
        default=0.15,
        help="share of served clients with services from 2+ organisations (default 0.15)",
    )
    generate.add_argument(
        "--caseload", type=int, default=18, help="mean clients per professional (default 18)"
    )
    generate.add_argument(
        "--batch-clients", type=int, default=1000, help="clients per batch (default 1000)"
    )

    serve = command("serve", _serve, "serve the GraphQL API and maps")
    serve.add_argument("--host", default=None, help="default GRAPHSVC_HOST or 127.0.0.1")
    serve.add_argument("--port", type=int, default=None, help="default GRAPHSVC_PORT or 8000")
    serve.add_argument(
        "--workers", type=int, default=1, metavar="N", help="server processes (default 1)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        handler: Any = args.handler
        return int(handler(args, settings) or 0)
    except GraphsvcError as error:
        print(f"graphsvc: {error}", file=sys.stderr)
        return error.exit_status
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
