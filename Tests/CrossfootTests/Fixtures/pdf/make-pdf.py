#!/usr/bin/env python3
"""Draws the sample report (Samples/kazakhstan-mco-2024/report.md) as the published annual
results report draws it, with ReportLab (pip install reportlab), and extracts its text as real
tools do, for the reader tests:

  report.pdf                     the report: cover (title, year, operation), headings, prose,
                                 ruled tables with the indicator titles spanning the table, bold
                                 totals, a running header and footer with page numbers; tables
                                 break across pages with their header repeated
  report.pdftotext-layout.txt    pdftotext -layout report.pdf (Debian's poppler-utils)
  report.pdfplumber-layout.txt   pdfplumber, page.extract_text(layout=True), pages joined by form feeds
  report.markitdown.md           markitdown report.pdf (pdfminer's text: cells separated by single
                                 spaces, some tables broken into a pipe table per row, wrapped
                                 cells on loose lines; the row whose empty cell left no trace
                                 cannot be placed, and the reader must say so)
  no-country.pdf                 ../layouts/no-country.md drawn the same way: a single-country
                                 report, Kazakhstan's rows without a Country column
  encrypted.pdf                  a one-page report that opens only with a password
  flattened.pdf                  ../layouts/single-spaces.md drawn the same way: every table row is
                                 a line of text with its cells one space apart, which no reader
                                 can split into cells (each table must be an unread-table)

Run `python3 make-pdf.py extra` to make only the last three (the others are kept as committed).

Run from this folder: python3 make-pdf.py. Needs reportlab, pdfplumber and markitdown[pdf]
from PyPI and pdftotext. The PDF is rebuilt the same way each time (invariant=1, fixed dates).
"""
import html
import os
import re
import subprocess

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "../../../../Samples/kazakhstan-mco-2024/report.md")

styles = getSampleStyleSheet()
BODY = ParagraphStyle("body", parent=styles["BodyText"], fontSize=9, leading=11)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=8, leading=9.5)
CELL_BOLD = ParagraphStyle("cellbold", parent=CELL, fontName="Helvetica-Bold")
HEAD = [ParagraphStyle("h%d" % i, parent=styles["Heading%d" % min(i, 4)]) for i in range(1, 7)]


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def inline(text):
    """Markdown bold and the report's <b> tags as ReportLab markup; links as their text."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = html.unescape(text)
    bold = re.findall(r"<b>(.*?)</b>", text)
    text = re.sub(r"</?b>", "", text)
    text = escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    for b in bold:
        text = text.replace(escape(b), "<b>%s</b>" % escape(b), 1)
    return text


def is_title(cells):
    return re.match(r"^(<b>)?\d+\.\d", cells[0]) is not None and all(c == "" for c in cells[1:])


def table(rows):
    """A ruled table: the header repeated on every page, indicator titles spanning the row."""
    width = 17 * cm
    n = max(len(r) for r in rows)
    first = 4.2 * cm if n > 4 else 5 * cm
    widths = [first] + [(width - first) / (n - 1)] * (n - 1)
    data, style = [], [
        ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6f0")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    for i, cells in enumerate(rows):
        cells = cells + [""] * (n - len(cells))
        if i > 0 and is_title(cells):
            data.append([Paragraph(inline(cells[0]), CELL_BOLD)] + [""] * (n - 1))
            style.append(("SPAN", (0, i), (-1, i)))
            style.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor("#f3f3f3")))
        else:
            bold = i == 0 or any("<b>" in c for c in cells)
            data.append([Paragraph(inline(c), CELL_BOLD if bold else CELL) for c in cells])
    t = Table(data, colWidths=widths, repeatRows=1)
    t.setStyle(TableStyle(style))
    return t


def story(source=SOURCE):
    lines = open(source, encoding="utf-8").read().split("\n")
    flow, rows = [], []
    cover = True

    def flush():
        nonlocal rows
        if rows:
            flow.append(table(rows))
            flow.append(Spacer(1, 6))
            rows = []

    for line in lines:
        if "\t" in line:
            cells = [c.strip() for c in line.split("\t")]
            if cells[0] == "Indicator" and all(c == "" for c in cells[1:]):
                continue  # the line above a header is not drawn
            if all(c == "" for c in cells):
                continue
            header = cells[0] in ("Country", "Impact Area", "Outcome Area") or "Baseline" in cells
            if header:
                flush()
            rows.append(cells)
            continue
        flush()
        text = line.strip()
        if not text:
            continue
        m = re.match(r"^(#+)\s*(.*)$", text)
        if m:
            level = len(m.group(1))
            heading = re.sub(r"\*\*", "", m.group(2))
            if heading == "Annual Results Report":
                flow.append(Spacer(1, 5 * cm))
                flow.append(Paragraph(escape(heading), HEAD[0]))
                continue
            if cover and level == 2:
                cover = False
            flow.append(Paragraph(escape(heading), HEAD[min(level, 6) - 1]))
            continue
        if cover and re.match(r"^\*\*(\d{4}|[^*]+)\*\*$", text) and len(flow) < 4:
            flow.append(Paragraph(escape(text.strip("*")), HEAD[1]))
            if not re.match(r"^\*\*\d{4}\*\*$", text):
                flow.append(PageBreak())
            continue
        if text.startswith("- "):
            text = "• " + text[2:]
        flow.append(Paragraph(inline(text), BODY))
    flush()
    return flow


def decorate(canvas, doc):
    canvas.saveState()
    canvas.setFont("Helvetica", 7)
    canvas.drawString(2 * cm, A4[1] - 1.2 * cm, "UNHCR Annual Results Report 2024 - Kazakhstan MCO")
    canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, "Page %d" % doc.page)
    canvas.restoreState()


def draw(source, pdf):
    doc = SimpleDocTemplate(pdf, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2 * cm,
                            title="Annual Results Report 2024 - Kazakhstan MCO", author="UNHCR", creator="make-pdf.py", invariant=1)
    doc.build(story(source), onFirstPage=decorate, onLaterPages=decorate)


def extra():
    draw(os.path.join(HERE, "../layouts/no-country.md"), os.path.join(HERE, "no-country.pdf"))
    draw(os.path.join(HERE, "../layouts/single-spaces.md"), os.path.join(HERE, "flattened.pdf"))
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas
    secret = StandardEncryption("secret", ownerPassword="owner", canPrint=1)
    c = canvas.Canvas(os.path.join(HERE, "encrypted.pdf"), pagesize=A4, encrypt=secret, invariant=1)
    c.drawString(2 * cm, A4[1] - 3 * cm, "Annual Results Report 2024 - Kazakhstan MCO")
    c.save()


def main():
    import sys
    if sys.argv[1:] == ["extra"]:
        extra()
        return
    extra()
    pdf = os.path.join(HERE, "report.pdf")
    doc = SimpleDocTemplate(pdf, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2 * cm,
                            title="Annual Results Report 2024 - Kazakhstan MCO", author="UNHCR", creator="make-pdf.py", invariant=1)
    doc.build(story(), onFirstPage=decorate, onLaterPages=decorate)
    subprocess.run(["pdftotext", "-layout", pdf, os.path.join(HERE, "report.pdftotext-layout.txt")], check=True)
    import pdfplumber
    with pdfplumber.open(pdf) as document:
        pages = [page.extract_text(layout=True) or "" for page in document.pages]
    with open(os.path.join(HERE, "report.pdfplumber-layout.txt"), "w", encoding="utf-8") as f:
        f.write("\f".join(pages) + "\n")
    with open(os.path.join(HERE, "report.markitdown.md"), "w", encoding="utf-8") as f:
        subprocess.run(["markitdown", pdf], check=True, stdout=f)


if __name__ == "__main__":
    main()
