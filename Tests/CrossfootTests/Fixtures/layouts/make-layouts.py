#!/usr/bin/env python3
"""Turns the sample report (tab-separated cells, as the seed extraction has them) into the other
shapes real extractions give, for the reader tests:

  pipes.md            pipe tables, as markdown converters (markitdown, docling, pandoc) print them
  no-country.md       Kazakhstan's rows only, without the Country column (a single-country report)
  no-target.md        every Target column removed
  header-variants.md  Actual(2024), Actual 2024, Baseline (2022), Target (2024) … in the headers
  single-spaces.md    cells separated by single spaces: rows split by what each column holds; the four with an empty cell are unread-row
  spaces.txt          plain text with columns aligned by runs of spaces, as pdftotext -layout
                      prints it: no markdown, prose and long titles wrapped, a page break (form
                      feed, running header, page number) every 60 lines, inside tables too
  report.html         HTML as a browser saves it: headings, paragraphs, <table> rows with the
                      indicator titles spanning the row (colspan) and cells wrapped over lines

Run from this folder: python3 make-layouts.py (it reads ../../../../Samples/kazakhstan-mco-2024/report.md).
"""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "../../../../Samples/kazakhstan-mco-2024/report.md")


def lines():
    with open(SOURCE, encoding="utf-8") as f:
        return f.read().split("\n")


def write(name, out):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def is_title(cell):
    """An indicator's title row: `1.1 Proportion …`, perhaps in bold tags."""
    return re.match(r"^(<b>)?\d+\.\d", cell) is not None


def is_header(cells):
    return cells and (cells[0] in ("Country", "Impact Area", "Outcome Area") or "Baseline" in cells)


def pipes():
    out = []
    for line in lines():
        if "\t" not in line:
            out.append(line)
            continue
        cells = line.split("\t")
        out.append("| " + " | ".join(cells) + " |")
        if is_header(cells):
            out.append("|" + "|".join("---" for _ in cells) + "|")
    return out


def drop_column(name, keep_row=lambda cells: True):
    out = []
    index = None
    for line in lines():
        if "\t" not in line:
            out.append(line)
            continue
        cells = line.split("\t")
        if cells[0] == "Country" or (cells and cells[0] in ("Impact Area", "Outcome Area")):
            index = next((i for i, c in enumerate(cells) if c == name or c.startswith(name + " (")), None)
            if cells[0] in ("Impact Area", "Outcome Area"):
                index = None
        elif cells[0] == "Indicator":
            pass
        elif index is not None and not keep_row(cells) and not is_title(cells[0]):
            continue
        if index is not None and index < len(cells):
            # A title row holds its text in the first cell: it loses an empty cell instead.
            if (is_title(cells[0]) or cells[0] == "Indicator") and "" in cells[1:]:
                del cells[len(cells) - 1 - cells[::-1].index("")]
            else:
                del cells[index]
        out.append("\t".join(cells))
    return out


def header_variants():
    out = []
    variants = ["Actual(2024)", "Actual 2024", "ACTUAL (2024)", "Actual"]
    k = 0
    for line in lines():
        if line.startswith("Country\t"):
            cells = line.split("\t")
            cells = [("Baseline (2022)" if c == "Baseline" else c) for c in cells]
            cells = [(variants[k % len(variants)] if c.startswith("Actual") else c) for c in cells]
            cells = [("Population type" if c == "Population Type" else c) for c in cells]
            k += 1
            line = "\t".join(cells)
        out.append(line)
    return out


def html_page():
    import html as h
    out = ["<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\"><title>Annual Results Report</title>",
           "<style>td { padding: 2px }</style></head><body>"]
    in_table = False
    for line in lines():
        if "\t" in line:
            cells = line.split("\t")
            if not in_table:
                out.append("<table class=\"data\">")
                in_table = True
            if is_title(cells[0]):
                out.append("  <tr><td colspan=\"%d\">%s</td></tr>" % (len(cells), cells[0]))
            elif is_header(cells):
                out.append("  <tr>" + "".join("<th>%s</th>" % c for c in cells) + "</tr>")
            else:
                # Browsers save long cells wrapped over lines.
                out.append("  <tr>" + "".join("<td>\n      %s\n    </td>" % c.replace(" and ", " and\n      ", 1) for c in cells) + "</tr>")
            continue
        if in_table:
            out.append("</table>")
            in_table = False
        text = line.strip()
        if not text:
            continue
        m = re.match(r"^(#+)\s*(.*)$", text)
        if m:
            level = min(len(m.group(1)), 6)
            out.append("<h%d>%s</h%d>" % (level, m.group(2).replace("**", ""), level))
        elif text.startswith("**") and text.endswith("**"):
            out.append("<p><strong>%s</strong></p>" % text.strip("*"))
        else:
            out.append("<p>%s</p>" % text)
    if in_table:
        out.append("</table>")
    out.append("</body></html>")
    return out


def spaces():
    import textwrap
    body = []
    table = []

    def flush():
        if not table:
            return
        rows = [r for r in table if r is not None]
        widths = [max(len(r[i]) if i < len(r) else 0 for r in rows if not is_title(r[0])) for i in range(max(len(r) for r in rows))]
        for row in table:
            if row is None:
                body.append("")  # a blank line inside the table, as page breaks leave them
                continue
            if is_title(row[0]):
                title = re.sub(r"</?b>", "", row[0])
                body.extend(textwrap.wrap(title, 80, subsequent_indent=""))
                continue
            cells = [re.sub(r"</?b>", "", c) for c in row]
            body.append("  ".join(c.ljust(widths[i] + 2) for i, c in enumerate(cells)).rstrip())
        table.clear()

    for line in lines():
        if "\t" in line:
            cells = line.split("\t")
            if cells[0] == "Indicator" and all(c == "" for c in cells[1:]):
                flush()
                continue
            if is_header(cells):
                flush()
            table.append(cells)
            continue
        text = line.strip()
        if not text and table:
            table.append(None)
            continue
        flush()
        if not text:
            body.append("")
            continue
        m = re.match(r"^(#+)\s*(.*)$", text)
        if m:
            body.append(m.group(2).replace("**", ""))
            continue
        text = text.replace("**", "")
        body.extend(textwrap.wrap(text, 90) or [""])
    flush()
    out = []
    page = 1
    for i, line in enumerate(body):
        if i > 0 and i % 60 == 0:
            out.append("")
            out.append("Page %d" % page)
            page += 1
            out.append("\fAnnual Results Report 2024 - Kazakhstan MCO")
            out.append("")
        out.append(line)
    return out


def single_spaces():
    return [line.replace("\t", " ") for line in lines()]


if __name__ == "__main__":
    write("pipes.md", pipes())
    write("no-country.md", drop_column("Country", keep_row=lambda cells: cells[0] == "Kazakhstan"))
    write("no-target.md", drop_column("Target"))
    write("header-variants.md", header_variants())
    write("single-spaces.md", single_spaces())
    write("report.html", html_page())
    write("spaces.txt", spaces())
