"""kg's command line: a thin layer over the library. Errors become one-line messages and exit codes."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kg.errors import BuildError, KGError, StoreError

app = typer.Typer(
    help="Turn news articles into an RDF knowledge graph you can query, draw and link.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(error: Exception, code: int = 1) -> None:
    message = " ".join(str(error).split())  # one line, whatever the library said
    err.print(f"error: {escape(message)}")
    raise typer.Exit(code)


#: No column of a table is drawn narrower than this (or than its widest cell, if that is narrower).
MIN_COLUMN = 8
#: A column this narrow or narrower (a date, a number, a short name) is never cut.
SHORT_COLUMN = 10
#: Nor wider than this: longer text is cut with an ellipsis (the full text is in --format tsv/csv/json).
MAX_COLUMN = 60


def _compact(value: object) -> str:
    """A cell's text: IRIs with the graph's prefixes (kg:memberOf, schema:Person), one line."""
    from kg.namespace import compact_iri

    if value is None:
        return ""
    return " ".join(compact_iri(str(value)).splitlines())


def column_widths(natural: list[int], room: int) -> list[int]:
    """Widths for columns whose widest cells are `natural`, sharing `room` characters: every column gets
    at least min(natural, MIN_COLUMN), at most min(natural, MAX_COLUMN), and the rest goes to the columns
    that want more, the narrowest wants served first; a column of SHORT_COLUMN or fewer is never cut."""
    wanted = [min(n, MAX_COLUMN) for n in natural]
    widths = [n if n <= SHORT_COLUMN else MIN_COLUMN for n in wanted]
    spare = room - sum(widths)
    hungry = sorted((i for i, w in enumerate(widths) if wanted[i] > w), key=lambda i: wanted[i])
    while spare > 0 and hungry:
        share = max(1, spare // len(hungry))
        i = hungry[0]
        grow = min(wanted[i] - widths[i], share)
        widths[i] += grow
        spare -= grow
        if widths[i] >= wanted[i]:
            hungry.pop(0)
        else:
            hungry.append(hungry.pop(0))
    return widths


class _FittedTable:
    """A table drawn at least `width` characters wide, then a note: a table that cannot fit the terminal is
    drawn wider (the terminal may wrap its lines) rather than squeezed into folded cells."""

    def __init__(self, table: Table, width: int, note: str | None):
        self.table, self.width, self.note = table, width, note

    def __rich_console__(self, console, options):
        yield from console.render(self.table, options.update(width=max(options.max_width, self.width)))
        if self.note:
            yield escape(self.note)


def _table(columns: list[str], rows: list[list[object]], title: str | None = None) -> _FittedTable:
    """Rows as a table that fits the terminal: one line a row, IRIs compacted, long cells cut with an
    ellipsis, no column narrower than MIN_COLUMN, columns empty in every row left out and named below."""
    cells = [[_compact(v) for v in row] for row in rows]
    keep = [i for i in range(len(columns)) if not rows or any(row[i] for row in cells)]
    natural = [max([len(columns[i]), *(len(row[i]) for row in cells)]) for i in keep]
    frame = 3 * len(keep) + 1  # borders and one space of padding each side
    widths = column_widths(natural, out.width - frame)
    table = Table(title=title, show_lines=False)
    for i, width in zip(keep, widths, strict=True):
        numeric = bool(rows) and all(isinstance(row[i], int | float) or row[i] is None for row in rows)
        table.add_column(
            columns[i], width=width, no_wrap=True, overflow="ellipsis", justify="right" if numeric else "left"
        )
    for row in cells:
        table.add_row(*(escape(row[i]) for i in keep))
    empty = [columns[i] for i in range(len(columns)) if i not in keep]
    note = f"(empty in every row, not shown: {', '.join(empty)})" if empty else None
    return _FittedTable(table, sum(widths) + frame, note)


def _output_format(chosen: str | None, allowed: tuple[str, ...]) -> str:
    """--format as given, else a table on a terminal and TSV in a pipe or a file."""
    if chosen is None:
        return "table" if out.is_terminal else "tsv"
    if chosen not in allowed:
        raise typer.BadParameter(f"must be {', '.join(allowed[:-1])} or {allowed[-1]}", param_hint="--format")
    return chosen


def _print_skipped(skipped: list[dict]) -> None:
    """One line on stderr per skipped source, naming it and the reason."""
    for item in skipped:
        err.print(f"skipped {escape(item['source'])}: {escape(item['reason'])}")


#: The entity types `kg entities --type` takes (kg:Person …).
ENTITY_TYPES = ("Person", "Agency", "Outlet", "Organization", "Place")

Sources = Annotated[
    list[str],
    typer.Argument(help="Files, folders, globs or - : blog archives, .txt, .html, RSS/Atom, .jsonl, .csv, .gz"),
]
Model = Annotated[str | None, typer.Option("--model", help="An installed spaCy model to use, by name")]
GazetteerOpt = Annotated[
    Path | None, typer.Option("--gazetteer", help="A gazetteer file (JSON Lines) instead of data/gazetteer.jsonl")
]
FigureModelOpt = Annotated[
    Path | None,
    typer.Option("--figure-model", help="A model file made by `kg train` instead of the packaged learned choices"),
]
CurationOpt = Annotated[
    Path | None,
    typer.Option("--curation", help="A curation file (JSON Lines, see data/curation.md) instead of data/curation.jsonl"),
]


@app.command()
def build(
    sources: Sources,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Output folder")] = Path("kg-out"),
    model: Model = None,
    gazetteer: GazetteerOpt = None,
    curation: CurationOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON")] = False,
    prune: Annotated[
        bool, typer.Option("--prune", help="Drop the articles of sources built before but not given now")
    ] = False,
    columns: Annotated[
        str | None,
        typer.Option("--columns", help="Map kg's fields to CSV/JSON Lines columns, e.g. text=body,title=headline"),
    ] = None,
    figure_model: FigureModelOpt = None,
    link_online: Annotated[
        bool, typer.Option("--link-online", help="Also ask Wikidata for the ids the gazetteer lacks (uses the network)")
    ] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Analyse articles in N processes")] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Analyse on a dask.distributed cluster, e.g. tcp://HOST:8786"),
    ] = None,
    store_url: Annotated[
        str | None,
        typer.Option("--store", help="Also write every named graph to this SPARQL 1.1 Graph Store endpoint URL"),
    ] = None,
) -> None:
    """Read SOURCES (files, folders, globs, - for standard input), extract the graph, and write DIR/graph.trig,
    DIR/graph.html and DIR/summary.json. A folder built before is updated: only new and changed articles are
    analysed again."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from kg.build import build as run_build
    from kg.ingest import parse_columns

    show = not quiet and not as_json and err.is_terminal
    bar = Progress(
        TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err, transient=True
    )
    task = bar.add_task("analysing", total=None)
    if link_online:
        err.print(_NETWORK_NOTICE.format(folder=escape(str(out_dir))))

    started = False

    def progress(done: int, total: int) -> None:
        nonlocal started
        if show:
            if not started:
                bar.start()
                started = True
            bar.update(task, completed=done, total=total)

    try:
        summary = run_build(
            sources, out_dir, model=model, gazetteer_path=gazetteer, curation_path=curation, columns=parse_columns(columns),
            prune=prune,
            progress=progress,
            figure_model=figure_model,
            link_online=link_online,
            jobs=jobs,
            scheduler=scheduler,
            store_url=store_url,
        )
    except BuildError as error:
        _print_skipped(error.skipped)
        if as_json:
            print(json.dumps({"error": str(error), "skipped": error.skipped}, indent=2, ensure_ascii=False))
        _fail(error, 2)
    except KGError as error:
        _fail(error)
    finally:
        if started:  # a bar never started would still write a blank line when stopped
            bar.stop()
    _print_skipped(summary.skipped)
    if as_json:
        print(json.dumps(summary.as_dict(), indent=2, ensure_ascii=False))
        return
    if quiet:
        return
    for kept in summary.kept:
        err.print(f"kept {escape(kept['source'])}: {escape(kept['reason'])}")
    for name in summary.pruned:
        out.print(f"pruned {escape(name)}")
    out.print(f"[bold]Built[/] {escape(str(out_dir))} in {summary.seconds:.1f}s ({summary.words} words)")
    out.print(f"  articles read: {summary.articles}, skipped: {len(summary.skipped)}")
    out.print(
        f"  analysed: {summary.analysed}, unchanged: {summary.reused}, "
        f"stories read from several sources: {len(summary.duplicates)} (see --json)"
    )
    entity_list = ", ".join(f"{kind} {n}" for kind, n in summary.entities.items())
    out.print(f"  entities: {sum(summary.entities.values())} ({entity_list}); linked to Wikidata: {summary.linked}")
    if summary.places:
        out.print(f"  places linked to GeoNames: {summary.places_linked} of {summary.places}")
    if summary.online:
        _print_online(summary.online)
    out.print(f"  figures: {summary.figures}, relations: {summary.relations}, statements: {summary.statements}")
    for kind, path in summary.outputs.items():
        out.print(f"  {kind}: {escape(path)}")


@app.command()
def push(
    location: Annotated[Path, typer.Argument(help="A build folder")],
    url: Annotated[str, typer.Argument(help="A SPARQL 1.1 Graph Store endpoint, e.g. http://localhost:7878/store")],
) -> None:
    """Write every named graph of a build to a SPARQL 1.1 Graph Store endpoint, each replaced whole."""
    from kg.remote import push as run_push
    from kg.store import GraphStore

    try:
        count = run_push(GraphStore.open(location), url)
    except KGError as error:
        _fail(error)
    out.print(f"pushed {count} graphs to {escape(url)}")


@app.command()
def query(
    location: Annotated[Path, typer.Argument(help="A build folder or an RDF file (.trig, .nq, .ttl)")],
    sparql: Annotated[str, typer.Argument(help="SPARQL text, a .rq file, or a ready query's name (see --list)")] = "",
    output: Annotated[
        str | None,
        typer.Option("--format", "-f", help="table, tsv, csv or json (default: table on a terminal, else tsv)"),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Stop a query that runs longer than this many seconds")
    ] = 30.0,
    list_ready: Annotated[bool, typer.Option("--list", help="List the ready queries and exit")] = False,
    page: Annotated[
        int | None,
        typer.Option("--page", min=1, help="The page of a paged listing (figures-over-time, who-said-what, ...) to show"),
    ] = None,
    every_page: Annotated[bool, typer.Option("--all", help="Every row of a paged listing, not one page")] = False,
) -> None:
    """Run a read-only SPARQL query over a build (the default graph is the union of all article graphs).
    The ready listings are paged: 50 rows a page in a stable order, page 1 unless --page or --all."""
    from kg.listings import PAGE_SIZE, is_paged, require_listing
    from kg.query import describe, listing_name, query_text, ready_queries, run, to_csv, to_json, to_tsv
    from kg.store import GraphStore

    if list_ready:
        for name, path in ready_queries().items():
            paging = f" Paged: {PAGE_SIZE} rows a page." if is_paged(path.read_text(encoding="utf-8")) else ""
            out.print(f"{name}: {escape(describe(path))}{paging}")
        return
    output = _output_format(output, ("table", "tsv", "csv", "json"))
    if not sparql:
        raise typer.BadParameter("give SPARQL text, a .rq file or a ready query's name", param_hint="SPARQL")
    if page is not None and every_page:
        raise typer.BadParameter("give --page or --all, not both", param_hint="--page")
    pages = None
    try:
        paged = is_paged(query_text(sparql))
        if (page is not None or every_page) and not paged:
            raise typer.BadParameter(
                "the query is not a paged listing (it does not read kg:pageNumber ?page)", param_hint="--page"
            )
        store = GraphStore.open(location)
        name = listing_name(sparql)
        if name is not None:
            pages = require_listing(store, name)
        columns, rows = run(store, sparql, timeout=timeout, page=None if every_page else page or 1)
    except KGError as error:
        _fail(error)
    if output == "csv":
        sys.stdout.write(to_csv(columns, rows))
    elif output == "tsv":
        sys.stdout.write(to_tsv(columns, rows))
    elif output == "json":
        print(to_json(columns, rows))
    elif not paged or every_page:
        out.print(_table(columns, rows))
        out.print(f"{len(rows)} row(s)")
    else:
        out.print(_table(columns, rows))
        number = page or 1
        where = f"page {number}" + (f" of {pages}" if pages is not None else "") + f" ({PAGE_SIZE} rows a page)"
        more = f"; next: --page {number + 1}" if pages is None or number < pages else ""
        out.print(f"{len(rows)} row(s), {where}{more}; every row: --all")


@app.command()
def viz(
    location: Annotated[Path, typer.Argument(help="A build folder")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Page to write (default DIR/graph.html; DIR/focus-NAME.html with --focus)"),
    ] = None,
    focus: Annotated[str | None, typer.Option("--focus", help="Draw only the neighbourhood of this entity")] = None,
    hops: Annotated[int, typer.Option("--hops", min=1, max=5, help="How far from --focus")] = 1,
    top: Annotated[int | None, typer.Option("--top", min=1, help="Keep only the N most mentioned entities")] = None,
) -> None:
    """Write the interactive network page (works offline). A focused or cut page gets its own file,
    so the build's DIR/graph.html is replaced only when asked for (no options, or -o)."""
    from kg.store import GraphStore
    from kg.viz import write_page

    try:
        path, drawn = write_page(GraphStore.open(location), output, focus=focus, hops=hops, top=top)
    except KGError as error:
        _fail(error)
    out.print(f"wrote {escape(str(path))}: {drawn}")


@app.command()
def validate(location: Annotated[Path, typer.Argument(help="A build folder or an RDF file")]) -> None:
    """Check a build against kg's SHACL shapes (ontology/shapes.ttl)."""
    from kg.store import GraphStore
    from kg.validate import validate as run_validate

    try:
        report = run_validate(GraphStore.open(location).dataset())
    except KGError as error:
        _fail(error)
    if report.conforms:
        out.print("valid: the graph conforms to kg's shapes")
        return
    err.print(escape(report.text))
    err.print(f"invalid: {report.violations} violation(s)")
    raise typer.Exit(1)


@app.command(name="eval")
def evaluate(
    gold: Annotated[
        Path, typer.Argument(help="Gold annotations (JSON, see data/gold/README.md), or a folder of NN-*.txt + NN-*.gold.json")
    ],
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="The articles the gold file annotates; with gold folders, more gold folders"),
    ] = None,
    model: Model = None,
    gazetteer: GazetteerOpt = None,
    curation: CurationOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="List every miss and extra")] = False,
    figure_model: FigureModelOpt = None,
) -> None:
    """Score kg against gold annotations: precision, recall and F1.

    A folder in the realdev format (NN-*.txt with url/title/published header lines and NN-*.gold.json)
    is scored as the reference scorer does: each article built on its own, its graph compared with the gold."""
    from kg.evaluate import evaluate_sources
    from kg.evaluate_folder import is_gold_folder

    if is_gold_folder(gold):
        _evaluate_folders(
            [gold, *(Path(s) for s in sources or [])], model, gazetteer, curation, as_json, errors, figure_model
        )
        return
    if not sources:
        _fail(KGError(f"{gold}: a gold file needs the SOURCES it annotates"))
    try:
        report = evaluate_sources(
            gold, sources, model=model, gazetteer_path=gazetteer, curation_path=curation, figure_model=figure_model
        )
    except KGError as error:
        _fail(error)
    scores = report.as_dict()
    if as_json:
        print(json.dumps(scores, indent=2))
    else:
        rows = []
        for name in ("entities", "typed_entities", "figures", "relations", "statements"):
            s = scores[name]
            rows.append([name, s["precision"], s["recall"], s["f1"], s["tp"], s["predicted"], s["gold"]])
        out.print(
            _table(
                ["measure", "precision", "recall", "F1", "tp", "predicted", "gold"],
                rows,
                title=f"{escape(str(gold))}: {report.articles} article(s)",
            )
        )
        out.print(
            f"figures with the right period: {scores['figure_period_right']:.2%}; "
            f"right source: {scores['figure_source_right']:.2%}; "
            f"statements with the right speaker: {scores['statement_speaker_right']:.2%}"
        )
        for title in report.unmatched_articles:
            err.print(f"no article titled {escape(title)!r} in the sources")
    if errors:
        for line in report.errors:
            out.print(escape(line))


def _evaluate_folders(
    folders: list[Path],
    model: str | None,
    gazetteer: Path | None,
    curation: Path | None,
    as_json: bool,
    errors: bool,
    figure_model: Path | None,
) -> None:
    from kg.evaluate_folder import FolderScore, evaluate_folder, is_gold_folder
    from kg.nlp import build_pipeline

    for folder in folders:
        if not is_gold_folder(folder):
            _fail(KGError(f"{folder}: not a folder of *.gold.json files"))
    try:
        from kg.gazetteer import load_gazetteer

        nlp = build_pipeline(model, gazetteer=load_gazetteer(gazetteer))
        scores = {
            f.resolve().name: evaluate_folder(
                f, nlp=nlp, gazetteer_path=gazetteer, curation_path=curation, figure_model=figure_model
            )
            for f in folders
        }
    except KGError as error:
        _fail(error)
    if len(folders) > 1:
        total = FolderScore()
        for score in scores.values():
            total.add(score)
        scores["all"] = total
    if as_json:
        print(json.dumps({name: score.summary() for name, score in scores.items()}, indent=2))
    else:
        columns = ["folder", "docs", "entity F1", "typed F1", "figure F1", "period", "place", "source",
                   "rel P", "rel R", "rel F1"]
        rows = []
        for name, score in scores.items():
            s = score.summary()
            rows.append([name, s["articles"], s["entity_f1"], s["entity_typed_f1"], s["figure_f1"], s["period_right"],
                         s["place_right"], s["source_right"], s["relation_p"], s["relation_r"], s["relation_f1"]])
        out.print(_table(columns, rows))
        failed = sum(score.failed for name, score in scores.items() if name != "all")
        if failed:
            err.print(f"{failed} article(s) failed to build and count as empty graphs")
    if errors:
        for name, score in scores.items():
            if name != "all":
                for line in score.errors:
                    out.print(escape(line), soft_wrap=True)


@app.command()
def train(
    gold: Annotated[
        list[Path],
        typer.Argument(help="Gold: folders of NN-*.txt + NN-*.gold.json, or kg-gold/1 files (their 'sources' name the articles)"),
    ],
    output: Annotated[Path, typer.Option("--out", "-o", help="The model file to write (JSON)")],
    model: Model = None,
) -> None:
    """Retrain kg's learned choices (figure period, place and source; relations; entity types) on annotated
    articles, into one model file that `kg build --figure-model FILE` uses."""
    from kg.learn import train as train_models

    try:
        counts = train_models(gold, output, model=model)
    except KGError as error:
        _fail(error)
    for name, count in counts.items():
        out.print(f"{escape(name)}: {count} examples")
    out.print(f"wrote {escape(str(output))}")


@app.command()
def entities(
    location: Annotated[Path, typer.Argument(help="A build folder or an RDF file")],
    merges: Annotated[
        bool, typer.Option("--merges", help="Show which surface forms were merged into each entity")
    ] = False,
    kind: Annotated[
        str | None, typer.Option("--type", help="Only this type: Person, Agency, Outlet, Organization or Place (any case)")
    ] = None,
    links: Annotated[
        bool, typer.Option("--links", help="Show each entity's Wikidata and GeoNames links and the rule behind each")
    ] = False,
) -> None:
    """List the entities with type, mentions, surface forms and Wikidata link."""
    from kg.store import GraphStore

    if kind is not None:
        kind = {t.casefold(): t for t in ENTITY_TYPES}.get(kind.casefold())
        if kind is None:
            raise typer.BadParameter(f"must be one of {', '.join(ENTITY_TYPES)}", param_hint="--type")

    sparql = """
PREFIX kg: <https://w3id.org/kg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?label ?type ?mentions (GROUP_CONCAT(DISTINCT ?alt; SEPARATOR=" | ") AS ?forms) (SAMPLE(?wd) AS ?wikidata) WHERE {
  ?e a kg:Entity ; a ?t ; rdfs:label ?label ; kg:mentionCount ?mentions .
  FILTER(?t IN (kg:Person, kg:Agency, kg:Outlet, kg:Organization, kg:Place))
  BIND(STRAFTER(STR(?t), "#") AS ?type)
  OPTIONAL { ?e skos:altLabel ?alt }
  OPTIONAL { ?e owl:sameAs ?wd }
} GROUP BY ?label ?type ?mentions ORDER BY DESC(?mentions) ?label"""
    try:
        columns, rows = GraphStore.open(location).rows(sparql)
    except KGError as error:
        _fail(error)
    if kind:
        rows = [r for r in rows if r[1] == kind]
    if merges:  # the build's merges.json says which rule put each surface form into each entity
        from kg.resolve import MERGES_FILE

        path = location / MERGES_FILE
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            why = {(e["label"], e["type"]): e["merges"] for e in record["entities"]}
        except (OSError, ValueError, KeyError, TypeError):
            _fail(StoreError(f"{path}: no merge record here (build the folder again with this kg)"))
        rows = [
            [label, kind_, count, "; ".join(f"{m['form']} ← {m['rule']}" for m in why.get((label, kind_), [])), wd]
            for label, kind_, count, _, wd in rows
        ]
    if links:  # the build's links.json says which rule gave each link, or why there is none
        from kg.link import LINKS_FILE, describe_links, read_links

        found = read_links(location)
        if not found:
            _fail(StoreError(f"{location / LINKS_FILE}: no link record here (build the folder again with this kg)"))
        rows = [[label, kind_, count, *describe_links(found.get((label, kind_)))] for label, kind_, count, *_ in rows]
        out.print(_table(["entity", "type", "mentions", "wikidata", "geonames", "rule"], rows))
        out.print(f"{len(rows)} entities")
        return
    out.print(_table(["entity", "type", "mentions", "surface forms" if merges else "other forms", "wikidata"], rows))
    out.print(f"{len(rows)} entities")


def _period(start: object, end: object) -> str:
    """A figure's period, short: 2015 for a whole calendar year, 2015-03 for a whole month, else start–end."""
    import calendar
    from datetime import date

    try:
        first, last = date.fromisoformat(str(start)[:10]), date.fromisoformat(str(end)[:10])
    except ValueError:
        return "–".join(str(x) for x in (start, end) if x)
    if first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]:
        if first.year == last.year and (first.month, last.month) == (1, 12):
            return str(first.year)
        if (first.year, first.month) == (last.year, last.month):
            return f"{first:%Y-%m}"
        return f"{first:%Y-%m}–{last:%Y-%m}"
    return f"{first}–{last}" if first != last else str(first)


@app.command()
def figures(
    location: Annotated[Path, typer.Argument(help="A build folder or an RDF file")],
    output: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="table, tsv, csv or json (default: table on a terminal, else tsv with every column)"
        ),
    ] = None,
    as_csv: Annotated[bool, typer.Option("--csv", help="Same as --format csv (every column, with the conflict count)")] = False,
    chart: Annotated[
        Path | None,
        typer.Option("--chart", help="Write an offline HTML chart: each measure over time, one line per source"),
    ] = None,
    disagreements_only: Annotated[
        bool,
        typer.Option("--disagreements", help="List only the figure groups whose reports disagree, one line each"),
    ] = False,
) -> None:
    """List the reported figures: value, unit, what, period, place, source; conflicting figures are marked."""
    from kg.query import QUERIES_DIR, to_csv, to_json, to_tsv
    from kg.store import GraphStore

    output = "csv" if as_csv else _output_format(output, ("table", "tsv", "csv", "json"))
    try:
        store = GraphStore.open(location)
        if disagreements_only:
            disagreements = _disagreements(store)
            for line in disagreements:
                print(line)
            print(f"{len(disagreements)} figure group(s) that disagree", file=sys.stderr)
            return
        columns, rows = store.rows((QUERIES_DIR / "figures-over-time.rq").read_text())
        if chart is not None:
            from kg.chart import chart_rows, write_chart

            written = write_chart(chart_rows(store), chart)
    except KGError as error:
        _fail(error)
    if not rows:  # no figures, or a build made before the listings (figures-over-time reads its listing)
        from kg.listings import require_listing

        try:
            require_listing(store, "figures-over-time")
        except KGError as error:
            _fail(error)
    at = columns.index("page")  # every page of the listing came: which page a row is on says nothing here
    columns, rows = columns[:at] + columns[at + 1 :], [row[:at] + row[at + 1 :] for row in rows]
    if chart is not None:
        out.print(f"Wrote {written} ({len(rows)} figures)")
        return
    if output == "json":
        print(to_json(columns, rows))
        return
    if output != "table":
        sys.stdout.write((to_csv if output == "csv" else to_tsv)(columns, rows))
        return
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    table = [
        [
            " ".join(str(x) for x in (r.get("qualifier"), r["value"]) if x is not None),
            r.get("unit"),
            r.get("measure"),
            _period(r.get("start"), r.get("end")),
            r.get("place"),
            r.get("source"),
            r.get("outlet"),
            f"CONFLICT ({r['conflicts']})" if r.get("conflicts") else "",
        ]
        for r in records
    ]
    out.print(_table(["value", "unit", "measure", "period", "place", "source", "outlet", "conflict"], table))
    try:
        disagreements = _disagreements(store)
    except KGError as error:
        _fail(error)
    for line in disagreements:
        out.print(f"disagree: {escape(line)}")
    conflicting = sum(1 for r in records if r.get("conflicts"))
    out.print(
        f"{len(rows)} figures, {conflicting} in conflict with another report, "
        f"{len(disagreements)} figure group(s) that disagree"
    )


def _disagreements(store) -> list[str]:
    """One line per figure group of the build whose reports disagree (queries/figure-conflicts.rq)."""
    from kg.compare import describe_disagreements
    from kg.query import QUERIES_DIR

    return describe_disagreements(*store.rows((QUERIES_DIR / "figure-conflicts.rq").read_text()))


@app.command()
def explain(
    location: Annotated[Path, typer.Argument(help="A build folder or an RDF file")],
    subject: Annotated[str, typer.Argument(help="The subject entity, by label or any surface form")],
    predicate: Annotated[str, typer.Argument(help="memberOf, leads, relativeOf, locatedIn or defectedTo (kg: optional)")],
    obj: Annotated[str, typer.Argument(metavar="OBJECT", help="The object entity, by label or any surface form")],
) -> None:
    """Print the evidence sentences behind a triple, with subject and object marked «like this»."""
    from kg.explain import explain as run_explain
    from kg.store import GraphStore

    try:
        found = run_explain(GraphStore.open(location), subject, predicate, obj)
    except KGError as error:
        _fail(error)
    if not found:
        err.print(f"no evidence: the graph does not state {escape(subject)} {escape(predicate)} {escape(obj)}")
        raise typer.Exit(1)
    for item in found:
        where = ", ".join(str(x) for x in (item.date, item.headline) if x)
        details = [f"chars {item.begin}-{item.end}" if item.begin is not None else None]
        details += [f"role {item.role}" if item.role else None, item.extractor]
        details += [f"confidence {item.confidence:g}" if item.confidence is not None else None]
        out.print(f"{escape(item.marked)}")
        out.print(f"  ({escape('; '.join(x for x in [where, *details] if x))})")


@app.command()
def path(
    location: Annotated[Path, typer.Argument(help="A build folder or an RDF file")],
    source: Annotated[str, typer.Argument(help="The first entity, by label or any surface form")],
    target: Annotated[str, typer.Argument(help="The second entity, by label or any surface form")],
    co_mentions: Annotated[
        bool, typer.Option("--co-mentions", help="Also step between entities named in the same article")
    ] = False,
) -> None:
    """Print the shortest chain of relations between two entities, with the sentences along it."""
    from kg.explain import shortest_path
    from kg.store import GraphStore

    try:
        steps = shortest_path(GraphStore.open(location), source, target, co_mentions=co_mentions)
    except KGError as error:
        _fail(error)
    for step in steps:
        out.print(escape(step.arrow()))
        for sentence in step.sentences:
            out.print(f"    {escape(sentence)}")
    out.print(f"{len(steps)} step(s)")


_NETWORK_NOTICE = (
    "note: online linking uses the network: it asks Wikidata (www.wikidata.org, query.wikidata.org) about "
    "entities the gazetteer lacks, and caches every answer in {folder}/wikidata"
)


def _print_online(online: dict) -> None:
    out.print(
        f"  Wikidata (online linking): {online['linked']} linked, {online['abstained']} abstained of "
        f"{online['entities']}; requests sent {online['requests']}, answered from the cache {online['cached']}, "
        f"skipped after retries {online['skipped']}"
        + (f", without a cached answer {online['missing']}" if online.get("missing") else "")
    )
    for path in online.get("damaged", []):
        err.print(f"damaged cache file {escape(path)}: ignored" + ("" if online["requests"] else " (run with --online to fetch it again)"))


@app.command()
def link(
    location: Annotated[Path, typer.Argument(help="A build folder")],
    online: Annotated[
        bool, typer.Option("--online", help="Ask Wikidata for the ids the gazetteer lacks (uses the network)")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the candidates and their scores; change nothing")
    ] = False,
) -> None:
    """Link a build's entities to Wikidata. With --online kg searches Wikidata (the only command that uses the
    network); without it, only answers cached in DIR/wikidata by an earlier online run are used."""
    from kg.wikidata import link_build

    if online:
        err.print(_NETWORK_NOTICE.format(folder=escape(str(location))))
    try:
        decisions, summary = link_build(location, online=online, dry_run=dry_run)
    except KGError as error:
        _fail(error)
    if dry_run:
        from kg.wikidata import CANDIDATE_COLUMNS, candidate_rows

        out.print(_table(CANDIDATE_COLUMNS, candidate_rows(decisions)))
    _print_online(summary.as_dict())
    if summary.linked and not dry_run:
        out.print(f"  updated the store, graph.trig and links.json; `kg viz {escape(str(location))}` redraws the page")


@app.command()
def export(
    location: Annotated[Path, typer.Argument(help="A build folder or an RDF file")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonld, nquads, turtle, graphml, gexf, neo4j or csv")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (folder for neo4j, csv) to write; default in DIR")
    ] = None,
    graph: Annotated[
        str | None, typer.Option("--graph", help="Only this article's graph (URL, headline or IRI; RDF formats)")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing output")] = False,
) -> None:
    """Export a build: JSON-LD, N-Quads, Turtle, GraphML/GEXF (Gephi), CSV for Neo4j, or tidy CSV tables."""
    from kg.export import export as run_export
    from kg.store import GraphStore

    try:
        path = run_export(GraphStore.open(location), fmt, output, article=graph, force=force)
    except KGError as error:
        _fail(error)
    out.print(f"wrote {escape(str(path))}")


@app.command()
def serve(
    location: Annotated[Path, typer.Argument(help="A build folder")],
    host: Annotated[str, typer.Option("--host", help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on")] = 7878,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Answer 504 to a query that runs longer than this many seconds")
    ] = 30.0,
    max_rows: Annotated[
        int, typer.Option("--max-rows", min=1, help="Answer 422 to a query that gives more rows than this")
    ] = 100_000,
    allow_service: Annotated[
        list[str] | None,
        typer.Option("--allow-service", help="A SPARQL endpoint that SERVICE may call (repeat for more; none by default)"),
    ] = None,
    cors: Annotated[
        list[str] | None,
        typer.Option("--cors", help="An origin allowed to query from a browser page, or * (repeat for more)"),
    ] = None,
) -> None:
    """Serve a build as a read-only SPARQL endpoint (http://HOST:PORT/query) until interrupted: updates and
    SERVICE calls are refused, answers are limited in time and rows."""
    from kg.serve import Limits
    from kg.serve import serve as run_serve

    limits = Limits(timeout=timeout, max_rows=max_rows, allow_service=tuple(allow_service or ()), cors=tuple(cors or ()))

    def ready() -> None:
        out.print(f"SPARQL endpoint: http://{host}:{port}/query (read-only; Ctrl-C stops it)")

    try:
        run_serve(location, host=host, port=port, limits=limits, on_ready=ready)
    except KGError as error:
        _fail(error)


def main() -> None:  # pragma: no cover
    logging.basicConfig(level=logging.WARNING)
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
