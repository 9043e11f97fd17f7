"""Check a build against kg's SHACL shapes (ontology/shapes.ttl)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph

SHAPES = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"


@dataclass
class Report:
    conforms: bool
    text: str
    violations: int


def validate(dataset: Dataset, shapes: Path = SHAPES) -> Report:
    """Validate the union of all graphs of a build against the shapes."""
    from pyshacl import validate as shacl

    union = Graph()
    for subject, predicate, obj, _ in dataset.quads((None, None, None, None)):
        union.add((subject, predicate, obj))
    conforms, report_graph, text = shacl(union, shacl_graph=Graph().parse(shapes), inference="none", advanced=True)
    from rdflib.namespace import SH

    violations = len(set(report_graph.subjects(predicate=SH.resultSeverity)))
    return Report(bool(conforms), text, violations)
