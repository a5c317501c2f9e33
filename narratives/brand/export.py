"""One-page narrative exports to share with the leader: Markdown and Word (python-docx)."""

from __future__ import annotations

import io

from docx import Document

from core.inert_markdown import inert
from narratives.brand.content import ProofPoint
from narratives.brand.service import NarrativeView


def _proof_line(point: ProofPoint, stale: bool) -> str:
    if point.citation is None:
        return f"{point.text} (personal experience)"
    mark = " [citation stale: document deleted]" if stale else ""
    where = f", {point.citation.locator}" if point.citation.locator else ""
    return f"{point.text} (source: {point.citation.title}{where}){mark}"


def _sections(view: NarrativeView) -> list[tuple[str, list[str]]]:
    content = view.content
    pillars = [f"{p.name}: {p.thesis}" if p.thesis else p.name for p in content.pillars]
    proofs = [
        _proof_line(p, view.is_stale(p.citation.document_id if p.citation else None)) for p in content.proof_points
    ]
    weekly = view.weekly_target or "no goal set"
    cadence = [f"Channels: {', '.join(content.channels) or 'none'}", f"Posts per week: {weekly}"]
    return [
        ("Positioning", [content.positioning] if content.positioning else []),
        ("Expertise", content.expertise),
        ("Audiences", content.audiences),
        ("Content pillars", pillars),
        ("Proof points", proofs),
        ("Will not post about", content.no_go_topics),
        ("Channels and cadence", cadence),
    ]


def narrative_markdown(view: NarrativeView) -> str:
    """The narrative as Markdown. Every value is escaped (core/inert_markdown.py): a quote from a document or a
    pillar name can never turn into an image, a link or HTML, on the page or in the downloaded file."""
    lines = [f"# {inert(view.leader_name)}: brand narrative", "", f"_Version {view.version}_", ""]
    for heading, items in _sections(view):
        lines += [f"## {heading}", ""]
        lines += [f"- {inert(item)}" for item in items] or ["_Not filled in yet._"]
        lines.append("")
    return "\n".join(lines)


def narrative_docx(view: NarrativeView) -> bytes:
    document = Document()
    document.add_heading(f"{view.leader_name}: brand narrative", level=0)
    document.add_paragraph(f"Version {view.version}")
    for heading, items in _sections(view):
        document.add_heading(heading, level=1)
        if not items:
            document.add_paragraph("Not filled in yet.")
        for item in items:
            document.add_paragraph(item, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
