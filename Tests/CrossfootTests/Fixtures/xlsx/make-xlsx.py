#!/usr/bin/env python3
"""Writes the XLSX workbooks the reader tests read, each covering one point, as the tools
officers and pipelines use write them (openpyxl and XlsxWriter from PyPI):

  percent-noise.xlsx   percent formats over float noise (0.0005999999999999999 under 0.00% is
                       0.06%), 0%, General float noise, #,##0 and 0.00, an XlsxWriter formula
                       with its default cached <v>0</v>, a boolean, a number stored as text
  errors.xlsx          an error cell (#DIV/0!) and a formula with no cached value (openpyxl
                       writes none): formula-error and formula-not-computed
  merged.xlsx          a title merged across columns, Country merged down over its population
                       types, a number merged down (never filled)
  two-sheets.xlsx      a title block over a table on one sheet, another table on a second sheet
                       whose name has an apostrophe, and a sheet with no header (skipped)
  dates.xlsx           dates in the 1900 system, its leap-year quirk (serial 60 is 1900-02-29)
  dates-1904.xlsx      the same dates in the 1904 system
  strings.xlsx         shared strings with rich-text runs and a phonetic run, inline strings
                       (plain and rich), written part by part with zipfile
  officer-report.xlsx  the sample report's tables (Samples/kazakhstan-mco-2024) as an officer
                       keeps them: title rows, Country merged down, 0.00% and #,##0 formats,
                       one sheet per table ('Indicators 2024' and 'Budget 2024')

Run from this folder: python3 make-xlsx.py (pip install openpyxl xlsxwriter). The workbooks are
committed; the tests do not run this script.
"""
import csv
import datetime
import os
import zipfile

import openpyxl
import xlsxwriter
from openpyxl.styles import Alignment

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "../../../../Samples/kazakhstan-mco-2024")
# Fixed timestamps so that running the script again writes the same bytes where the tools allow.
CREATED = datetime.datetime(2025, 1, 1)


def path(name):
    return os.path.join(HERE, name)


def xlsxwriter_book(name, **options):
    book = xlsxwriter.Workbook(path(name), options)
    book.set_properties({"created": CREATED})
    return book


def percent_noise():
    book = xlsxwriter_book("percent-noise.xlsx")
    sheet = book.add_worksheet("Values")
    pct2 = book.add_format({"num_format": "0.00%"})
    pct0 = book.add_format({"num_format": "0%"})
    grouped = book.add_format({"num_format": "#,##0"})
    two = book.add_format({"num_format": "0.00"})
    sheet.write_row(0, 0, ["case", "value"])
    rows = [
        ("percent noise", 0.06 / 100, pct2),  # 0.0005999999999999999
        ("percent whole", 1.0, pct2),
        ("percent no decimals", 0.6531, pct0),
        ("general noise", 0.1 + 0.2, None),  # 0.30000000000000004
        ("grouped", 1234567.4, grouped),
        ("two decimals", 12, two),
        ("negative", -3.5, None),
    ]
    for r, (case, value, style) in enumerate(rows, start=1):
        sheet.write_string(r, 0, case)
        sheet.write_number(r, 1, value, style)
    r = len(rows) + 1
    sheet.write_string(r, 0, "formula cached zero")
    sheet.write_formula(r, 1, "=B2*0")  # XlsxWriter's default cached value: <v>0</v>
    sheet.write_string(r + 1, 0, "boolean")
    sheet.write_boolean(r + 1, 1, True)
    sheet.write_string(r + 2, 0, "number as text")
    sheet.write_string(r + 2, 1, "1,200")
    book.close()


def errors():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Checks"
    sheet.append(["country", "baseline", "actual", "total"])
    sheet.append(["Kazakhstan", 10, 0, 0])
    sheet["D2"] = "#DIV/0!"  # an error value (openpyxl writes t="e")
    sheet.append(["Uzbekistan", 20, 5, None])
    sheet["D3"] = "=B3+C3"  # no cached value: openpyxl writes none
    book.save(path("errors.xlsx"))


def merged():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Merged"
    sheet["A1"] = "Indicator results 2024"
    sheet.merge_cells("A1:D1")
    sheet.append(["Country", "Population Type", "Baseline", "Actual"])
    sheet.append(["Kazakhstan", "Refugees", 10, 12])
    sheet.append([None, "Stateless", None, 7])
    sheet.append([None, "Asylum-seekers", None, 3])
    sheet.merge_cells("A3:A5")  # Country over its population types: filled
    sheet.merge_cells("C3:C5")  # a number: never filled
    sheet.append(["Uzbekistan", "Refugees", 4, 4])
    sheet["A3"].alignment = Alignment(vertical="center")
    book.save(path("merged.xlsx"))


def two_sheets():
    book = xlsxwriter_book("two-sheets.xlsx")
    title = book.add_format({"bold": True, "font_size": 14})
    grouped = book.add_format({"num_format": "#,##0"})
    first = book.add_worksheet("Distributions 2024")
    first.merge_range("A1:C1", "Cash distributions, 2024", title)
    first.write_string(1, 0, "Prepared by the programme unit")
    first.write_row(3, 0, ["region", "households", "amount"])
    first.write_row(4, 0, ["North", 120])
    first.write_number(4, 2, 36000, grouped)
    first.write_row(5, 0, ["South", 80])
    first.write_number(5, 2, 24000, grouped)
    second = book.add_worksheet("Officer's budget")
    second.write_row(0, 0, ["line", "planned", "spent"])
    second.write_row(1, 0, ["Shelter", 5000, 4200])
    second.write_row(2, 0, ["Health", 3000, 3100])
    notes = book.add_worksheet("Notes")
    notes.write_string(0, 0, "Figures are provisional.")
    book.close()


def dates(name, date_1904):
    book = xlsxwriter_book(name, date_1904=date_1904)
    sheet = book.add_worksheet("Dates")
    iso = book.add_format({"num_format": "yyyy-mm-dd"})
    builtin = book.add_format({"num_format": 14})  # built-in id 14 (m/d/yyyy)
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet.write_row(0, 0, ["event", "date"])
    sheet.write_string(1, 0, "report due")
    sheet.write_datetime(1, 1, datetime.datetime(2024, 3, 31), iso)
    sheet.write_string(2, 0, "built-in format")
    sheet.write_datetime(2, 1, datetime.datetime(2025, 1, 15), builtin)
    sheet.write_string(3, 0, "with a time")
    sheet.write_datetime(3, 1, datetime.datetime(2024, 2, 29, 14, 30), stamp)
    if not date_1904:
        # Serials around the day that never was: 59 is 1900-02-28, 60 the 29th, 61 March 1st.
        for r, serial in enumerate([59, 60, 61], start=4):
            sheet.write_string(r, 0, "serial %d" % serial)
            sheet.write_number(r, 1, serial, iso)
    book.close()


def strings():
    """Written part by part: XlsxWriter and openpyxl never write inline strings."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/strings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        # The sheet's part is not sheet1.xml, and the relationship ids are not in order: sheets
        # are found through the relationships.
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<x:sheets><x:sheet name="Text &amp; runs" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>'
            '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>'
            "</Relationships>"
        ),
        "xl/strings.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">'
            "<si><t>kind</t></si>"
            "<si><t>text</t></si>"
            "<si><t>shared</t></si>"
            '<si><r><rPr><b/></rPr><t xml:space="preserve">Refugees </t></r><r><t>&amp; Asylum-seekers</t></r>'
            "<rPh sb=\"0\" eb=\"1\"><t>ignored</t></rPh></si>"
            "</sst>"
        ),
        "xl/worksheets/data.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            "<sheetData>"
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
            '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>'
            '<row r="3"><c r="A3" t="inlineStr"><is><t>inline</t></is></c>'
            '<c r="B3" t="inlineStr"><is><t>caf&#233; &#x2013; &lt;ok&gt;</t></is></c></row>'
            '<row r="4"><c r="A4" t="inlineStr"><is><t>inline rich</t></is></c>'
            '<c r="B4" t="inlineStr"><is><r><t>Kazakh</t></r><r><rPr><i/></rPr><t>stan</t></r></is></c></row>'
            '<row r="5"><c r="A5" t="inlineStr"><is><t><![CDATA[cdata <raw>]]></t></is></c>'
            '<c r="B5" t="str"><f>A5&amp;"!"</f><v>computed text</v></c></row>'
            "</sheetData></worksheet>"
        ),
    }
    with zipfile.ZipFile(path("strings.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)


HEADERS = {
    "indicators": [
        "Operation", "Year", "Area Kind", "Area", "Indicator Kind", "Indicator Code", "Indicator", "Country", "Population Type",
        "Unit", "Baseline", "Target", "Actual",
    ],
    "financials": [
        "Operation", "Year", "Table", "Area", "Final Budget", "Funds Available", "Funds Available Pct", "Expenditure", "Expenditure Pct",
    ],
}
TEXT_COLUMNS = {"operation", "area_kind", "area", "indicator_kind", "indicator_code", "indicator", "country", "population_type", "unit", "table"}


def value_and_format(text):
    """A CSV cell as an officer's cell: a percentage as a fraction under 0.00% (with the float
    noise that division leaves), a number under a format with its written decimals."""
    if text == "":
        return None, None
    if text.endswith("%"):
        digits = text[:-1]
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        return float(digits) / 100, "0." + "0" * decimals + "%" if decimals else "0%"
    plain = text.replace(",", "")
    try:
        number = float(plain)
    except ValueError:
        return text, None
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    grouping = "#,##0" if "," in text or abs(number) >= 1000 else "0"
    return (int(number) if decimals == 0 else number), grouping + ("." + "0" * decimals if decimals else "")


def officer_report():
    book = xlsxwriter_book("officer-report.xlsx")
    title = book.add_format({"bold": True, "font_size": 14})
    bold = book.add_format({"bold": True, "text_wrap": True})
    formats = {}

    def style(code, top=False):
        key = (code, top)
        if key not in formats:
            spec = {"valign": "top"} if top else {}
            if code:
                spec["num_format"] = code
            formats[key] = book.add_format(spec)
        return formats[key]

    for table, sheet_name, heading in [
        ("indicators", "Indicators 2024", "Annual Results Report 2024 — indicators"),
        ("financials", "Budget 2024", "Annual Results Report 2024 — budget and expenditure (USD)"),
    ]:
        with open(os.path.join(SAMPLE, table + ".csv"), encoding="utf-8") as f:
            rows = list(csv.reader(f))
        names, rows = rows[0], rows[1:]
        sheet = book.add_worksheet(sheet_name)
        sheet.merge_range(0, 0, 0, len(names) - 1, heading, title)
        sheet.write_string(1, 0, "Kazakhstan Multi-Country Office")
        header_row = 3
        sheet.write_row(header_row, 0, HEADERS[table], bold)
        sheet.freeze_panes(header_row + 1, 0)
        first = header_row + 1
        country = names.index("country") if "country" in names else None
        r = 0
        while r < len(rows):
            # Rows of one indicator and country, one after another: Country merged over them.
            span = 1
            if country is not None:
                code = names.index("indicator_code")
                while r + span < len(rows) and rows[r + span][country] == rows[r][country] and rows[r + span][code] == rows[r][code]:
                    span += 1
            for k in range(span):
                row = rows[r + k]
                for c, (name, text) in enumerate(zip(names, row)):
                    if c == country and span > 1:
                        continue
                    if name in TEXT_COLUMNS or name == "year":
                        if text == "":
                            continue
                        if name == "year":
                            sheet.write_number(first + r + k, c, int(text))
                        else:
                            sheet.write_string(first + r + k, c, text)
                        continue
                    value, code_format = value_and_format(text)
                    if value is None:
                        continue
                    if isinstance(value, str):
                        sheet.write_string(first + r + k, c, value)
                    else:
                        sheet.write_number(first + r + k, c, value, style(code_format))
            if country is not None and span > 1:
                sheet.merge_range(first + r, country, first + r + span - 1, country, rows[r][country], style(None, top=True))
            r += span
        sheet.set_column(0, len(names) - 1, 14)
    book.close()


if __name__ == "__main__":
    percent_noise()
    errors()
    merged()
    two_sheets()
    dates("dates.xlsx", False)
    dates("dates-1904.xlsx", True)
    strings()
    officer_report()
