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


def _table(columns: list[str], rows: list[list[object]], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(escape("" if v is None else str(v)) for v in row))
    return table


Sources = Annotated[
    list[str],
    typer.Argument(help="Files, folders, globs or - : blog archives, .txt, .html, RSS/Atom, .jsonl, .csv, .gz"),
]
Model = Annotated[str | None, typer.Option("--model", help="An installed spaCy model to use, by name")]
GazetteerOpt = Annotated[
    Path | None, typer.Option("--gazetteer", help="A gazetteer file (JSON Lines) instead of data/gazetteer.jsonl")
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
    link_online: Annotated[
        bool, typer.Option("--link-online", help="Also ask Wikidata for the ids the gazetteer lacks (uses the network)")
    ] = False,
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

    def progress(done: int, total: int) -> None:
        if show:
            bar.start()
            bar.update(task, completed=done, total=total)

    try:
        summary = run_build(
            sources, out_dir, model=model, gazetteer_path=gazetteer, curation_path=curation, columns=parse_columns(columns),
            prune=prune,
            progress=progress,
            link_online=link_online,
        )
    except BuildError as error:
        _fail(error, 2)
    except KGError as error:
        _fail(error)
    finally:
        bar.stop()
    for skipped in summary.skipped:
        err.print(f"skipped {escape(skipped['source'])}: {escape(skipped['reason'])}")
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
def query(
    location: Annotated[Path, typer.Argument(help="A build folder or an RDF file (.trig, .nq, .ttl)")],
    sparql: Annotated[str, typer.Argument(help="SPARQL text, a .rq file, or a ready query's name (see --list)")] = "",
    output: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    list_ready: Annotated[bool, typer.Option("--list", help="List the ready queries and exit")] = False,
) -> None:
    """Run a SPARQL query over a build (the default graph is the union of all article graphs)."""
    from kg.query import ready_queries, run, to_csv, to_json
    from kg.store import GraphStore

    if list_ready:
        for name, path in ready_queries().items():
            first = next(
                (
                    line.lstrip("# ").strip()
                    for line in path.read_text().splitlines()
                    if line.startswith("#") and line.strip("# ")
                ),
                "",
            )
            out.print(f"{name}: {escape(first)}")
        return
    if output not in ("table", "csv", "json"):
        raise typer.BadParameter("must be table, csv or json", param_hint="--format")
    if not sparql:
        raise typer.BadParameter("give SPARQL text, a .rq file or a ready query's name", param_hint="SPARQL")
    try:
        columns, rows = run(GraphStore.open(location), sparql)
    except KGError as error:
        _fail(error)
    if output == "csv":
        sys.stdout.write(to_csv(columns, rows))
    elif output == "json":
        print(to_json(columns, rows))
    else:
        out.print(_table(columns, rows))
        out.print(f"{len(rows)} row(s)")


@app.command()
def viz(
    location: Annotated[Path, typer.Argument(help="A build folder")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Page to write (default DIR/graph.html)")
    ] = None,
    focus: Annotated[str | None, typer.Option("--focus", help="Draw only the neighbourhood of this entity")] = None,
    hops: Annotated[int, typer.Option("--hops", min=1, max=5, help="How far from --focus")] = 1,
    top: Annotated[int | None, typer.Option("--top", min=1, help="Keep only the N most mentioned entities")] = None,
) -> None:
    """Write the interactive network page (works offline)."""
    from kg.store import HTML_FILE, GraphStore
    from kg.viz import write_page

    try:
        store = GraphStore.open(location)
        path, nodes, edges = write_page(store, output or store.folder / HTML_FILE, focus=focus, hops=hops, top=top)
    except KGError as error:
        _fail(error)
    if nodes == 0 and focus:
        err.print(f"no entity matches {escape(focus)!r}")
        raise typer.Exit(1)
    out.print(f"wrote {escape(str(path))}: {nodes} nodes, {edges} edges")


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
    gold: Annotated[Path, typer.Argument(help="Gold annotations (JSON, see data/gold/README.md)")],
    sources: Sources,
    model: Model = None,
    gazetteer: GazetteerOpt = None,
    curation: CurationOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="List every miss and extra")] = False,
) -> None:
    """Score kg against gold annotations: precision, recall and F1."""
    from kg.evaluate import evaluate_sources

    try:
        report = evaluate_sources(gold, sources, model=model, gazetteer_path=gazetteer, curation_path=curation)
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


@app.command()
def entities(
    location: Annotated[Path, typer.Argument(help="A build folder or an RDF file")],
    merges: Annotated[
        bool, typer.Option("--merges", help="Show which surface forms were merged into each entity")
    ] = False,
    kind: Annotated[
        str | None, typer.Option("--type", help="Only this type (Person, Agency, Outlet, Organization, Place)")
    ] = None,
    links: Annotated[
        bool, typer.Option("--links", help="Show each entity's Wikidata and GeoNames links and the rule behind each")
    ] = False,
) -> None:
    """List the entities with type, mentions, surface forms and Wikidata link."""
    from kg.store import GraphStore

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


@app.command()
def figures(
    location: Annotated[Path, typer.Argument(help="A build folder or an RDF file")],
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV (every column, with the conflict count)")] = False,
    chart: Annotated[
        Path | None,
        typer.Option("--chart", help="Write an offline HTML chart: each measure over time, one line per source"),
    ] = None,
) -> None:
    """List the reported figures: value, unit, what, period, place, source; conflicting figures are marked."""
    from kg.query import QUERIES_DIR, to_csv
    from kg.store import GraphStore

    try:
        columns, rows = GraphStore.open(location).rows((QUERIES_DIR / "figures-over-time.rq").read_text())
        if chart is not None:
            from kg.chart import write_chart

            written = write_chart([dict(zip(columns, row, strict=True)) for row in rows], chart)
    except KGError as error:
        _fail(error)
    if chart is not None:
        out.print(f"Wrote {written} ({len(rows)} figures)")
        return
    if as_csv:
        sys.stdout.write(to_csv(columns, rows))
        return
    shown = ["measure", "value", "unit", "qualifier", "start", "end", "place", "source", "outlet", "conflicts"]
    index = [columns.index(c) for c in shown if c in columns]
    table = [[row[i] for i in index] for row in rows]
    if "conflicts" in columns:
        at = len(index) - 1
        for row in table:
            row[at] = f"CONFLICT ({row[at]})" if row[at] else ""
    out.print(_table([columns[i] for i in index], table))
    conflicting = sum(1 for row in rows if "conflicts" in columns and row[columns.index("conflicts")])
    out.print(f"{len(rows)} figures, {conflicting} in conflict with another report")


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
) -> None:
    """Serve a build as a read-only SPARQL endpoint (http://HOST:PORT/query) until interrupted."""
    import subprocess

    from kg.serve import serve_command

    try:
        command = serve_command(location, host=host, port=port)
    except KGError as error:
        _fail(error)
    out.print(f"SPARQL endpoint: http://{host}:{port}/query (read-only; Ctrl-C stops it)")
    try:
        raise typer.Exit(subprocess.call(command))
    except KeyboardInterrupt:
        raise typer.Exit(0) from None


def main() -> None:  # pragma: no cover
    logging.basicConfig(level=logging.WARNING)
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
