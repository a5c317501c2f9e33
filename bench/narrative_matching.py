"""How well matching sends demo documents to the leader they were written for.

Builds the demo workspace in a temporary data directory (or uses --data-dir), then for every knowledge-base
document compares the suggested leaders with the `written_for` handle in the document's front matter.

    .venv/bin/python bench/narrative_matching.py [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.schema import open_database
from core.db import unit_of_work
from core.identity import Person, Role
from core.permissions import Actor
from core.settings import Settings
from kb.demo import load_demo_documents, split_front_matter
from kb.factory import open_knowledge_base
from narratives.brand.demo import seed_demo_narratives
from narratives.brand.insights import material_matches
from narratives.brand.matching import matches_by_document
from workspace.demo import build_demo, demo_kb_documents, load_yaml


def intended_leaders() -> dict[str, str]:
    """Document file name -> handle of the leader it was written for."""
    return {
        path.name: str(split_front_matter(path.read_text(encoding="utf-8"))[0]["written_for"])
        for path in demo_kb_documents()
    }


def run(data_dir: Path, build: bool) -> dict[str, object]:
    settings = Settings(BYLINE_DATA_DIR=data_dir)
    engine = open_database(settings)
    if build:
        build_demo(engine, settings, password="bench-password-1")
        kb = load_demo_documents(settings, engine, demo_kb_documents())
        seed_demo_narratives(engine, kb, load_yaml("leaders.yaml")["leaders"])
    kb = open_knowledge_base(settings, engine)
    with unit_of_work(engine) as session:
        people = list(session.query(Person))
        admin = Actor.of(next(p for p in people if p.role == Role.ADMIN))
        handles = {p.name: p.handle for p in people}
    documents = {doc.id: Path(doc.source.split(":")[-1]).name for doc in kb.list_documents(admin)}
    suggestions = matches_by_document(material_matches(engine, admin, kb))
    intended = intended_leaders()
    rows = []
    for document_id, name in documents.items():
        suggested = [handles[fit.leader_name] for fit in suggestions.get(document_id, [])]
        rows.append({"document": name, "written_for": intended.get(name), "suggested": suggested})
    scored = [r for r in rows if r["written_for"]]
    top1 = sum(1 for r in scored if r["suggested"][:1] == [r["written_for"]])
    within = sum(1 for r in scored if r["written_for"] in r["suggested"])
    return {
        "documents": len(scored),
        "top1_accuracy": round(top1 / len(scored), 3) if scored else None,
        "intended_leader_among_suggestions": round(within / len(scored), 3) if scored else None,
        "mean_leaders_suggested": round(sum(len(r["suggested"]) for r in scored) / len(scored), 2) if scored else None,
        "misses": [r for r in scored if r["suggested"][:1] != [r["written_for"]]],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="an existing demo workspace (default: build one in a temp dir)")
    args = parser.parse_args()
    if args.data_dir:
        print(json.dumps(run(args.data_dir, build=False), indent=2))
        return
    with tempfile.TemporaryDirectory() as scratch:
        print(json.dumps(run(Path(scratch), build=True), indent=2))


if __name__ == "__main__":
    main()
