import Foundation
import Testing

@testable import Crossfoot

/// The bad-input corpus (`Tests/Corpus/inputs`): every file with the exact outcome expected —
/// exit code, the message on standard error with its file and line, and the report of the other
/// input linted beside it (`companion.csv`, whose one finding must always be there). Rule files
/// that cannot compile exit 2 and nothing is linted; data that cannot become tables exits 3 and
/// the other input is still reported; what users really produce (UTF-16, a header only, ragged
/// rows) is read, with notes and findings.
@Suite("Bad input", .serialized) struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var files: [String]
        var rules: String
        var exit: Int32
        var stderr: String
        var stdout: String
        init(_ name: String, files: [String], rules: String, exit: Int32, stderr: String, stdout: String) {
            (self.name, self.files, self.rules, self.exit, self.stderr, self.stdout) = (name, files, rules, exit, stderr, stdout)
        }
        var testDescription: String { name }
    }

    static let corpus = Support.path("Tests/Corpus")
    static let companionFinding = "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n"

    static let cases: [Case] = [
        Case(
            "data-blank-lines.csv", files: ["inputs/data-blank-lines.csv", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "inputs/data-blank-lines.csv: note: empty file: no header row, nothing to check\n",
            stdout: "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n1 error, 0 warnings, 0 infos in 2 files; 1 row checked by 1 rule\n"),
        Case(
            "data-chart-array.json", files: ["inputs/data-chart-array.json", "companion.csv"], rules: "rules.yaml", exit: 3,
            stderr: "inputs/data-chart-array.json:1:1: error: no chart series found (expected JSON objects with a \"categories\" array)\n",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n1 error, 0 warnings, 0 infos in 1 file; 1 row checked by 1 rule; 1 input could not be read\n"
        ),
        Case(
            "data-chart-deep.json", files: ["inputs/data-chart-deep.json", "companion.csv"], rules: "rules.yaml", exit: 3,
            stderr: "inputs/data-chart-deep.json:1:514: error: JSON nested more than 512 levels deep\n",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n1 error, 0 warnings, 0 infos in 1 file; 1 row checked by 1 rule; 1 input could not be read\n"
        ),
        Case(
            "data-chart-strings.json", files: ["inputs/data-chart-strings.json", "companion.csv"], rules: "rules.yaml", exit: 3,
            stderr: "inputs/data-chart-strings.json:1:49: error: chart series 'budget' holds a nested value\n",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n1 error, 0 warnings, 0 infos in 1 file; 1 row checked by 1 rule; 1 input could not be read\n"
        ),
        Case(
            "data-chart-truncated.json", files: ["inputs/data-chart-truncated.json", "companion.csv"], rules: "rules.yaml", exit: 3,
            stderr: "inputs/data-chart-truncated.json:1:51: error: the JSON ends here, in the middle of a value (truncated?)\n",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n1 error, 0 warnings, 0 infos in 1 file; 1 row checked by 1 rule; 1 input could not be read\n"
        ),
        Case(
            "data-chart-unequal.json", files: ["inputs/data-chart-unequal.json", "companion.csv"], rules: "rules.yaml", exit: 3,
            stderr: "inputs/data-chart-unequal.json:1:51: error: chart series 'budget' has 2 values, but 'categories' has 3\n",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n1 error, 0 warnings, 0 infos in 1 file; 1 row checked by 1 rule; 1 input could not be read\n"
        ),
        Case(
            "data-cr-only.csv", files: ["inputs/data-cr-only.csv", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/data-cr-only.csv:1:3: error[capped]: v 150 is above the maximum of 100\n2 errors, 0 warnings, 0 infos in 2 files; 3 rows checked by 1 rule\n"
        ),
        Case(
            "data-crlf.csv", files: ["inputs/data-crlf.csv", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/data-crlf.csv:2:3: error[capped]: v 150 is above the maximum of 100\n2 errors, 0 warnings, 0 infos in 2 files; 3 rows checked by 1 rule\n"
        ),
        Case(
            "data-duplicate-columns.csv", files: ["inputs/data-duplicate-columns.csv", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/data-duplicate-columns.csv:1:8: error[duplicate-column]: column 'v' appears twice in the header (columns 2 and 3); rules see only the first\n2 errors, 0 warnings, 0 infos in 2 files; 2 rows checked by 1 rule\n"
        ),
        Case(
            "data-empty-header-name.csv", files: ["inputs/data-empty-header-name.csv", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/data-empty-header-name.csv:2:5: error[capped]: v 150 is above the maximum of 100\n2 errors, 0 warnings, 0 infos in 2 files; 2 rows checked by 1 rule\n"
        ),
        Case(
            "data-empty.csv", files: ["inputs/data-empty.csv", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "inputs/data-empty.csv: note: empty file: no header row, nothing to check\n",
            stdout: "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n1 error, 0 warnings, 0 infos in 2 files; 1 row checked by 1 rule\n"),
        Case(
            "data-header-only.csv", files: ["inputs/data-header-only.csv", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "inputs/data-header-only.csv: note: the file has a header but no rows: an empty table 'data-header-only'\n",
            stdout: "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n1 error, 0 warnings, 0 infos in 2 files; 1 row checked by 1 rule\n"),
        Case(
            "data-invalid-utf8.csv", files: ["inputs/data-invalid-utf8.csv", "companion.csv"], rules: "rules.yaml", exit: 3,
            stderr: "inputs/data-invalid-utf8.csv:3:2: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8\n",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n1 error, 0 warnings, 0 infos in 1 file; 1 row checked by 1 rule; 1 input could not be read\n"
        ),
        Case(
            "data-no-final-newline.csv", files: ["inputs/data-no-final-newline.csv", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/data-no-final-newline.csv:2:3: error[capped]: v 150 is above the maximum of 100\n2 errors, 0 warnings, 0 infos in 2 files; 3 rows checked by 1 rule\n"
        ),
        Case(
            "data-nul.csv", files: ["inputs/data-nul.csv", "companion.csv"], rules: "rules.yaml", exit: 3,
            stderr: "inputs/data-nul.csv:2:4: error: the file holds a NUL byte: it is binary, not text\n",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n1 error, 0 warnings, 0 infos in 1 file; 1 row checked by 1 rule; 1 input could not be read\n"
        ),
        Case(
            "data-numbers.csv", files: ["inputs/data-numbers.csv", "companion.csv"], rules: "numbers.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[zero]: v 500 is above the maximum of 0\ninputs/data-numbers.csv:2:6: error[zero]: v 1e309 is above the maximum of 0\ninputs/data-numbers.csv:8:13: error[zero]: v (1,234) is below the minimum of 0\ninputs/data-numbers.csv:10:7: error[zero]: v −5 is below the minimum of 0\ninputs/data-numbers.csv:12:6: error[zero]: v +5 is above the maximum of 0\n5 errors, 0 warnings, 0 infos in 2 files; 12 rows checked by 1 rule\n"
        ),
        Case(
            "data-page-without-chart.txt", files: ["inputs/data-page-without-chart.txt", "companion.csv"], rules: "rules.yaml", exit: 3,
            stderr:
                "inputs/data-page-without-chart.txt: error: cannot tell what this file holds: it is not a results report, a CSV file, chart data, JSON rows, a PDF or an XLSX workbook (use --input-format report|csv|chart|json-rows|pdf|xlsx)\n",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n1 error, 0 warnings, 0 infos in 1 file; 1 row checked by 1 rule; 1 input could not be read\n"
        ),
        Case(
            "data-quote-in-unquoted.csv", files: ["inputs/data-quote-in-unquoted.csv", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/data-quote-in-unquoted.csv:2:5: error[capped]: v 150 is above the maximum of 100\n2 errors, 0 warnings, 0 infos in 2 files; 2 rows checked by 1 rule\n"
        ),
        Case(
            "data-quoted-newline.csv", files: ["inputs/data-quoted-newline.csv", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/data-quoted-newline.csv:3:14: error[capped]: v 150 is above the maximum of 100\n2 errors, 0 warnings, 0 infos in 2 files; 3 rows checked by 1 rule\n"
        ),
        Case(
            "data-ragged.csv", files: ["inputs/data-ragged.csv", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/data-ragged.csv:3:1: error[ragged-row]: row has 3 fields, the header has 2\ninputs/data-ragged.csv:4:1: error[ragged-row]: row has 1 field, the header has 2\n3 errors, 0 warnings, 0 infos in 2 files; 4 rows checked by 1 rule\n"
        ),
        // JSON rows: an array of objects, JSON Lines (with a byte-order mark and CRLF), objects
        // with other keys, an empty array, a truncated line.
        Case(
            "data-rows-array.json", files: ["inputs/data-rows-array.json", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/data-rows-array.json:2:22: error[capped]: v 150 is above the maximum of 100\n2 errors, 0 warnings, 0 infos in 2 files; 3 rows checked by 1 rule\n"
        ),
        Case(
            "data-rows-bom-crlf.jsonl", files: ["inputs/data-rows-bom-crlf.jsonl", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/data-rows-bom-crlf.jsonl:1:20: error[capped]: v 150 is above the maximum of 100\n2 errors, 0 warnings, 0 infos in 2 files; 3 rows checked by 1 rule\n"
        ),
        Case(
            "data-rows-empty.json", files: ["inputs/data-rows-empty.json", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "inputs/data-rows-empty.json: note: an empty array: no rows, nothing to check\n",
            stdout: "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n1 error, 0 warnings, 0 infos in 2 files; 1 row checked by 1 rule\n"),
        Case(
            "data-rows-mixed-keys.json", files: ["inputs/data-rows-mixed-keys.json", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/data-rows-mixed-keys.json:1:21: error[capped]: v 150 is above the maximum of 100\ninputs/data-rows-mixed-keys.json:2:2: warning[object-keys]: this object's keys differ from the first object's: it has no 'v' (read as empty)\ninputs/data-rows-mixed-keys.json:3:2: warning[object-keys]: this object's keys differ from the first object's: 'w' is not a column (not checked)\ninputs/data-rows-mixed-keys.json:4:2: warning[object-keys]: this item is a number, not an object: it is not read as a row\n2 errors, 3 warnings, 0 infos in 2 files; 4 rows checked by 1 rule\n"
        ),
        Case(
            "data-rows-truncated.jsonl", files: ["inputs/data-rows-truncated.jsonl", "companion.csv"], rules: "rules.yaml", exit: 3,
            stderr: "inputs/data-rows-truncated.jsonl:2:21: error: the JSON ends here; expected ',' or '}' (truncated?)\n",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n1 error, 0 warnings, 0 infos in 1 file; 1 row checked by 1 rule; 1 input could not be read\n"
        ),
        Case(
            "data-semicolons.csv", files: ["inputs/data-semicolons.csv", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/data-semicolons.csv:2:3: error[capped]: v 150 is above the maximum of 100\n2 errors, 0 warnings, 0 infos in 2 files; 3 rows checked by 1 rule\n"
        ),
        Case(
            "data-tabs.tsv", files: ["inputs/data-tabs.tsv", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/data-tabs.tsv:2:3: error[capped]: v 150 is above the maximum of 100\n2 errors, 0 warnings, 0 infos in 2 files; 3 rows checked by 1 rule\n"
        ),
        Case(
            "data-trailing-delimiter.csv", files: ["inputs/data-trailing-delimiter.csv", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/data-trailing-delimiter.csv:2:3: error[capped]: v 150 is above the maximum of 100\n2 errors, 0 warnings, 0 infos in 2 files; 3 rows checked by 1 rule\n"
        ),
        Case(
            "data-unterminated-quote.csv", files: ["inputs/data-unterminated-quote.csv", "companion.csv"], rules: "rules.yaml", exit: 3,
            stderr: "inputs/data-unterminated-quote.csv:3:1: error: a quoted field opened here never closes (an unterminated \")\n",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n1 error, 0 warnings, 0 infos in 1 file; 1 row checked by 1 rule; 1 input could not be read\n"
        ),
        Case(
            "data-utf16be-bom.csv", files: ["inputs/data-utf16be-bom.csv", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/data-utf16be-bom.csv:2:3: error[capped]: v 150 is above the maximum of 100\n2 errors, 0 warnings, 0 infos in 2 files; 3 rows checked by 1 rule\n"
        ),
        Case(
            "data-utf16le-bom.csv", files: ["inputs/data-utf16le-bom.csv", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/data-utf16le-bom.csv:2:3: error[capped]: v 150 is above the maximum of 100\n2 errors, 0 warnings, 0 infos in 2 files; 3 rows checked by 1 rule\n"
        ),
        Case(
            "data-utf32le-bom.csv", files: ["inputs/data-utf32le-bom.csv", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/data-utf32le-bom.csv:2:3: error[capped]: v 150 is above the maximum of 100\n2 errors, 0 warnings, 0 infos in 2 files; 3 rows checked by 1 rule\n"
        ),
        Case(
            "data-utf8-bom.csv", files: ["inputs/data-utf8-bom.csv", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/data-utf8-bom.csv:2:3: error[capped]: v 150 is above the maximum of 100\n2 errors, 0 warnings, 0 infos in 2 files; 3 rows checked by 1 rule\n"
        ),
        Case(
            "data-whitespace-only.csv", files: ["inputs/data-whitespace-only.csv", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "inputs/data-whitespace-only.csv: note: empty file: no header row, nothing to check\n",
            stdout: "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n1 error, 0 warnings, 0 infos in 2 files; 1 row checked by 1 rule\n"),
        // Found by the chart fuzz target: two tables of one name with different columns crashed the engine.
        Case(
            "fuzz-chart-two-trends-different-series.txt", files: ["inputs/fuzz-chart-two-trends-different-series.txt", "companion.csv"], rules: "charts.yaml",
            exit: 1,
            stderr:
                "inputs/fuzz-chart-two-trends-different-series.txt: note: a second table 'trend' has other columns (year, budget, expenditure) than the first (year, p1, budget, expenditure): it was checked on its own: rules that join it to the tables before it, or compare its years, did not apply to it\ninputs/fuzz-chart-two-trends-different-series.txt: note: rule trend-budget-equals-pillars was not applied to table 'trend': this file has no table 'budget_by_pillar' to join\n",
            stdout: "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n1 error, 0 warnings, 0 infos in 2 files; 7 rows checked by 3 rules\n"),
        Case(
            "fuzz-csv-last-short-row-without-line-break.csv", files: ["inputs/fuzz-csv-last-short-row-without-line-break.csv", "companion.csv"],
            rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/fuzz-csv-last-short-row-without-line-break.csv:2:1: error[ragged-row]: row has 19 fields, the header has 13\ninputs/fuzz-csv-last-short-row-without-line-break.csv:3:1: error[ragged-row]: row has 7 fields, the header has 13\n3 errors, 0 warnings, 0 infos in 2 files; 3 rows checked by 1 rule\n"
        ),
        // Found by the csv fuzz target: a lone CR inside a record of a file of line feeds ended the
        // record early when its bytes were kept for a joined rule, and reading a later cell crashed.
        Case(
            "fuzz-csv-lone-carriage-return-in-a-record.csv", files: ["inputs/fuzz-csv-lone-carriage-return-in-a-record.csv"], rules: "default", exit: 1,
            stderr: "",
            stdout:
                "inputs/fuzz-csv-lone-carriage-return-in-a-record.csv:5:34: error[total-equals-parts]: Total (impact areas): final budget 6409697 does not match the sum of the 2 other rows, 6409690 (off by 7; rounding explains at most 1.5)\ninputs/fuzz-csv-lone-carriage-return-in-a-record.csv:8:53: info[funds-above-budget]: OA3: Policy/Law (outcome areas): funds available 1556617 exceed the final budget 1466132 (106.17% of budget)\ninputs/fuzz-csv-lone-carriage-return-in-a-record.csv:10:53: info[funds-above-budget]: OA13: Livelihood (outcome areas): funds available 740573 exceed the final budget 275728 (268.59% of budget)\ninputs/fuzz-csv-lone-carriage-return-in-a-record.csv:13:36: error[impact-total-matches-outcome-total]: Total (outcome areas): final budget 6409690 should equal impact final budget 6409697\n2 errors, 0 warnings, 2 infos in 1 file; 12 rows checked by 19 rules\n"
        ),
        Case(
            "fuzz-csv-unterminated-quote-in-a-later-range.csv", files: ["inputs/fuzz-csv-unterminated-quote-in-a-later-range.csv", "companion.csv"],
            rules: "rules.yaml", exit: 3,
            stderr: "inputs/fuzz-csv-unterminated-quote-in-a-later-range.csv:75:29: error: a quoted field opened here never closes (an unterminated \")\n",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n1 error, 0 warnings, 0 infos in 1 file; 1 row checked by 1 rule; 1 input could not be read\n"
        ),
        // Found by the expr fuzz target: a constant near 4e-344444444 was written out with all its
        // zeros (seconds and gigabytes); it is written with its exponent.
        // Found by the expr fuzz target: a minus sign repeated a thousand times overflowed the stack.
        Case(
            "fuzz-expr-deep-negation.yaml", files: ["companion.csv"], rules: "inputs/fuzz-expr-deep-negation.yaml", exit: 2,
            stderr:
                "inputs/fuzz-expr-deep-negation.yaml:7:281: error: in 'expect': the expression is nested more than 256 levels deep; split it into several rules\n1 error in the rule files; nothing was linted\n",
            stdout: ""),
        // Found by the expr fuzz target: a product of numbers near 1e844444444 overflowed the
        // exponent (a trap); products and quotients now saturate, and x / 0 is missing.
        Case(
            "fuzz-expr-huge-product.yaml", files: ["companion.csv"], rules: "inputs/fuzz-expr-huge-product.yaml", exit: 0,
            stderr: "",
            stdout: "0 errors, 0 warnings, 0 infos in 1 file; 1 row checked by 1 rule\n"),
        Case(
            "fuzz-expr-tiny-constant.yaml", files: ["companion.csv"], rules: "inputs/fuzz-expr-tiny-constant.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:1: error[tiny]: 444 should be less than 44 + 44444499 / 444444444444444444444444444444444444 / 4 / 444444 - 4444 - 444444444444444444 - 444444444444444444444444444444444 / 4 / 444444 - 4444 - 444444444444444444444444444414 / 4 / 444444 - 4444 - -4 - 4 / 444444 - 4444 - 4444444 - 4444 - 4444444444444444444444444444444444444 / 4 / 444444 - 44444444444444444 / 4 / 444444 - -4 - 444 - -4 / 4 / 444444 - 4444444444444444444444444444444 / 4 / 444444 - 4444 - 444444444444444444 - 444444444444444444444444444444444 / 4 / 444444 - 4444 - 4444444444444444444444444444444 - 4444 - 4e-344444444 / 4 / 444444 - 4444 - -4 - 4 / 444444 - 4444 - 4444444 - 4444 - 4444444444444444444444444444444444444 / 4 / 444444 - 4444 - -6 / 44444 + 4 + 44 = -9444952194953083841108850051397\n1 error, 0 warnings, 0 infos in 1 file; 1 row checked by 1 rule\n"
        ),
        Case(
            "report-cut-mid-row.md", files: ["inputs/report-cut-mid-row.md", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/report-cut-mid-row.md:83:1: warning[report-layout]: this row has 2 cells, but its table's header has 4: cut off or missing cells? Check the values read from it\n1 error, 1 warning, 0 infos in 2 files; 9 rows checked by 1 rule\n"
        ),
        Case(
            "report-no-table.md", files: ["inputs/report-no-table.md", "companion.csv"], rules: "rules.yaml", exit: 3,
            stderr:
                "inputs/report-no-table.md:1:1: error: no indicator or financial table found in this report (expected tab-separated rows under a 'Country\tPopulation Type\t…' or 'Impact Area\tFinal Budget\t…' header)\n",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n1 error, 0 warnings, 0 infos in 1 file; 1 row checked by 1 rule; 1 input could not be read\n"
        ),
        Case(
            "report-nul.md", files: ["inputs/report-nul.md", "companion.csv"], rules: "rules.yaml", exit: 3,
            stderr: "inputs/report-nul.md:52:275: error: the file holds a NUL byte: it is binary, not text\n",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n1 error, 0 warnings, 0 infos in 1 file; 1 row checked by 1 rule; 1 input could not be read\n"
        ),
        Case(
            "report-table-extra-columns.md", files: ["inputs/report-table-extra-columns.md", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/report-table-extra-columns.md:83:1: warning[report-layout]: this row has 6 cells, but its table's header has 4: cells shifted or split? Check the values read from it\ninputs/report-table-extra-columns.md:206:1: warning[report-layout]: this row has 6 cells, but its table's header has 4: cells shifted or split? Check the values read from it\n1 error, 2 warnings, 0 infos in 2 files; 92 rows checked by 1 rule\n"
        ),
        Case(
            "report-utf16.md", files: ["inputs/report-utf16.md", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout: "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n1 error, 0 warnings, 0 infos in 2 files; 92 rows checked by 1 rule\n"),
        Case(
            "report-wrong-year.md", files: ["inputs/report-wrong-year.md", "companion.csv"], rules: "rules.yaml", exit: 1,
            stderr: "",
            stdout:
                "companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\ninputs/report-wrong-year.md:73:34: warning[report-year]: the column header says Actual (2023), but this is the 2024 report\n1 error, 1 warning, 0 infos in 2 files; 92 rows checked by 1 rule\n"
        ),
        Case(
            "rules-anchors.yaml", files: ["companion.csv"], rules: "inputs/rules-anchors.yaml", exit: 0,
            stderr: "",
            // Its rules are about a table 'data', so nothing reads companion.csv's.
            stdout:
                "companion.csv:1:1: warning[unchecked-table]: table 'companion' of companion.csv has 1 row that no loaded rule reads, so it is not checked\n"
                + "0 errors, 1 warning, 0 infos in 1 file; 1 row checked by 2 rules\n"),
        Case(
            "rules-bad-expression.yaml", files: ["companion.csv"], rules: "inputs/rules-bad-expression.yaml", exit: 2,
            stderr:
                "inputs/rules-bad-expression.yaml:4:40: error: in 'expect': the expression ends where a value was expected\n1 error in the rule files; nothing was linted\n",
            stdout: ""),
        Case(
            "rules-bad-regex.yaml", files: ["companion.csv"], rules: "inputs/rules-bad-regex.yaml", exit: 2,
            stderr:
                "inputs/rules-bad-regex.yaml:4:46: error: invalid regular expression: a '(' is never closed\n1 error in the rule files; nothing was linted\n",
            stdout: ""),
        Case(
            "rules-billion-laughs.yaml", files: ["companion.csv"], rules: "inputs/rules-billion-laughs.yaml", exit: 2,
            stderr:
                "inputs/rules-billion-laughs.yaml:6:45: error: aliases expand to more than 10000 nodes (a \"billion laughs\" file?); raise the limit with --max-yaml-aliases\n1 error in the rule files; nothing was linted\n",
            stdout: ""),
        Case(
            "rules-catastrophic-regex.yaml", files: ["companion.csv"], rules: "inputs/rules-catastrophic-regex.yaml", exit: 0,
            stderr: "",
            // Its rules are about a table 'data', so nothing reads companion.csv's.
            stdout:
                "companion.csv:1:1: warning[unchecked-table]: table 'companion' of companion.csv has 1 row that no loaded rule reads, so it is not checked\n"
                + "0 errors, 1 warning, 0 infos in 1 file; 1 row checked by 1 rule\n"),
        Case(
            "rules-comments-only.yaml", files: ["companion.csv"], rules: "inputs/rules-comments-only.yaml", exit: 2,
            stderr:
                "inputs/rules-comments-only.yaml:1:1: error: the rule file is empty; it needs 'crossfoot: 1', 'pack:' and 'rules:'\n1 error in the rule files; nothing was linted\n",
            stdout: ""),
        Case(
            "rules-duplicate-id.yaml", files: ["companion.csv"], rules: "inputs/rules-duplicate-id.yaml", exit: 2,
            stderr:
                "inputs/rules-duplicate-id.yaml:5:10: error: duplicate rule id 'capped' (first defined at inputs/rules-duplicate-id.yaml:4:10)\n1 error in the rule files; nothing was linted\n",
            stdout: ""),
        Case(
            "rules-duplicate-key.yaml", files: ["companion.csv"], rules: "inputs/rules-duplicate-key.yaml", exit: 2,
            stderr:
                "inputs/rules-duplicate-key.yaml:6:5: error: duplicate key 'table' (first defined at line 5)\n1 error in the rule files; nothing was linted\n",
            stdout: ""),
        Case(
            "rules-empty.yaml", files: ["companion.csv"], rules: "inputs/rules-empty.yaml", exit: 2,
            stderr:
                "inputs/rules-empty.yaml:1:1: error: the rule file is empty; it needs 'crossfoot: 1', 'pack:' and 'rules:'\n1 error in the rule files; nothing was linted\n",
            stdout: ""),
        Case(
            "rules-invalid-utf8.yaml", files: ["companion.csv"], rules: "inputs/rules-invalid-utf8.yaml", exit: 2,
            stderr:
                "inputs/rules-invalid-utf8.yaml:4:44: error: invalid trailing UTF-8 octet (the file must be UTF-8 text)\n1 error in the rule files; nothing was linted\n",
            stdout: ""),
        Case(
            "rules-list.yaml", files: ["companion.csv"], rules: "inputs/rules-list.yaml", exit: 2,
            stderr:
                "inputs/rules-list.yaml:1:1: error: a rule file is a mapping with 'crossfoot: 1', 'pack:' and 'rules:', not a list\n1 error in the rule files; nothing was linted\n",
            stdout: ""),
        Case(
            "rules-no-pack.yaml", files: ["companion.csv"], rules: "inputs/rules-no-pack.yaml", exit: 2,
            stderr: "inputs/rules-no-pack.yaml:1:1: error: missing 'pack:' (the name of this rule pack)\n1 error in the rule files; nothing was linted\n",
            stdout: ""),
        Case(
            "rules-nul.yaml", files: ["companion.csv"], rules: "inputs/rules-nul.yaml", exit: 2,
            stderr:
                "inputs/rules-nul.yaml:5:1: error: control characters are not allowed (the file must be UTF-8 text)\n1 error in the rule files; nothing was linted\n",
            stdout: ""),
        Case(
            "rules-scalar.yaml", files: ["companion.csv"], rules: "inputs/rules-scalar.yaml", exit: 2,
            stderr:
                "inputs/rules-scalar.yaml:1:1: error: a rule file is a mapping with 'crossfoot: 1', 'pack:' and 'rules:', not a string\n1 error in the rule files; nothing was linted\n",
            stdout: ""),
        Case(
            "rules-syntax-error.yaml", files: ["companion.csv"], rules: "inputs/rules-syntax-error.yaml", exit: 2,
            stderr:
                "inputs/rules-syntax-error.yaml:5:1: error: did not find expected ',' or '}' while parsing a flow mapping\n1 error in the rule files; nothing was linted\n",
            stdout: ""),
        Case(
            "rules-tab-indentation.yaml", files: ["companion.csv"], rules: "inputs/rules-tab-indentation.yaml", exit: 2,
            stderr:
                "inputs/rules-tab-indentation.yaml:5:1: error: found a tab character that violates indentation while scanning a plain scalar\n1 error in the rule files; nothing was linted\n",
            stdout: ""),
        Case(
            "rules-type-mismatch.yaml", files: ["companion.csv"], rules: "inputs/rules-type-mismatch.yaml", exit: 2,
            stderr: "inputs/rules-type-mismatch.yaml:4:41: error: cannot order text against a number\n1 error in the rule files; nothing was linted\n",
            stdout: ""),
        Case(
            "rules-unclosed-quote.yaml", files: ["companion.csv"], rules: "inputs/rules-unclosed-quote.yaml", exit: 2,
            stderr:
                "inputs/rules-unclosed-quote.yaml:5:1: error: found unexpected end of stream while scanning a quoted scalar\n1 error in the rule files; nothing was linted\n",
            stdout: ""),
        Case(
            "rules-unknown-check.yaml", files: ["companion.csv"], rules: "inputs/rules-unknown-check.yaml", exit: 2,
            stderr:
                "inputs/rules-unknown-check.yaml:4:10: error: rule 'a' has no check; add one of range, required, change, sum, ratio, expect, outlier, scale, repeated, coverage, carryover, swing (is 'rnage' a misspelt 'range'?)\ninputs/rules-unknown-check.yaml:4:26: error: unknown key 'rnage' in rule 'a'; did you mean 'range'?\n2 errors in the rule files; nothing was linted\n",
            stdout: ""),
        Case(
            "rules-unknown-function.yaml", files: ["companion.csv"], rules: "inputs/rules-unknown-function.yaml", exit: 2,
            stderr:
                "inputs/rules-unknown-function.yaml:4:35: error: unknown function 'absolute' (functions: abs, round, min, max, present, missing, coalesce, matches, sum, count, median, mean, mad, distinct)\n1 error in the rule files; nothing was linted\n",
            stdout: ""),
        Case(
            "rules-unknown-key.yaml", files: ["companion.csv"], rules: "inputs/rules-unknown-key.yaml", exit: 2,
            stderr:
                "inputs/rules-unknown-key.yaml:4:57: error: unknown key 'severty' in rule 'a'; did you mean 'severity'?\n1 error in the rule files; nothing was linted\n",
            stdout: ""),
        Case(
            "rules-utf16.yaml", files: ["companion.csv"], rules: "inputs/rules-utf16.yaml", exit: 0,
            stderr: "",
            // Its rules are about a table 'data', so nothing reads companion.csv's.
            stdout:
                "companion.csv:1:1: warning[unchecked-table]: table 'companion' of companion.csv has 1 row that no loaded rule reads, so it is not checked\n"
                + "0 errors, 1 warning, 0 infos in 1 file; 1 row checked by 1 rule\n"),
        Case(
            "rules-wrong-type.yaml", files: ["companion.csv"], rules: "inputs/rules-wrong-type.yaml", exit: 2,
            stderr: "inputs/rules-wrong-type.yaml:4:51: error: 'min' must be a number, not the string \"abc\"\n1 error in the rule files; nothing was linted\n",
            stdout: ""),
        Case(
            "rules-wrong-version.yaml", files: ["companion.csv"], rules: "inputs/rules-wrong-version.yaml", exit: 2,
            stderr:
                "inputs/rules-wrong-version.yaml:1:12: error: this Crossfoot reads rule files of format version 1, not 2\n1 error in the rule files; nothing was linted\n",
            stdout: ""),
    ]

    @Test func theCorpusHasEveryKindOfBadInput() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus + "/inputs")
        #expect(files.count >= 60)
        // Every file of the corpus has its case, and every case its file.
        #expect(Set(files) == Set(Self.cases.map(\.name)))
    }

    @Test(arguments: cases)
    func eachBadInputHasItsExactOutcome(_ c: Case) throws {
        let out = try CLI.run(["lint"] + c.files + ["--rules", c.rules, "--format", "text"], in: Self.corpus)
        #expect(out.status == c.exit)
        #expect(out.stderr == c.stderr)
        #expect(out.stdout == c.stdout)
        if c.exit == 2 {
            #expect(out.stdout.isEmpty, "a rule file that does not compile lints nothing")
        } else if ["rules.yaml", "charts.yaml"].contains(c.rules) {
            #expect(out.stdout.contains(Self.companionFinding), "the other input is still reported")
        }
    }

    @Test func theCorpusLeavesItsFilesAsTheyWere() throws {
        let before = try Self.digest()
        for c in Self.cases { _ = try CLI.run(["lint"] + c.files + ["--rules", c.rules], in: Self.corpus) }
        #expect(try Self.digest() == before)
    }

    static func digest() throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: corpus + "/inputs") {
            result[name] = try Data(contentsOf: URL(fileURLWithPath: corpus + "/inputs/" + name))
        }
        return result
    }

    @Test func cellValuesAreReadAsTheySay() {
        // NaN, Infinity, 12.5.3, 1,2,3 and a bare % are text; (1,234) is −1234; -0 is 0; 1e309
        // is a number, exactly.
        func read(_ text: String) -> CellValue { CellValue(parsing: text) }
        #expect(read("NaN") == .text("NaN"))
        #expect(read("Infinity") == .text("Infinity"))
        #expect(read("12.5.3") == .text("12.5.3"))
        #expect(read("1,2,3") == .text("1,2,3"))
        #expect(read("%") == .text("%"))
        #expect(read("(1,234)").number == Number(-1234))
        #expect(read("-0").number == Number.zero)
        #expect(read("1e309").number?.description == "1e+309")
    }
}

/// Inputs too large to keep in the repository, made by the tests: deep nesting, a 50 MB rule file,
/// a 10 MB line, and the limits that stop what is too much, each naming the flag to raise it.
@Suite("Bad input, generated", .serialized) struct GeneratedBadInputTests {
    func temporary() throws -> String {
        let dir = NSTemporaryDirectory() + "crossfoot-bad-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "site,v\nZ,500\n".write(toFile: dir + "/companion.csv", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: BadInputTests.corpus + "/rules.yaml", toPath: dir + "/rules.yaml")
        return dir
    }

    @Test func tenThousandDeepNestingIsStoppedAtTheLimit() throws {
        let dir = try temporary()
        let deep = "crossfoot: 1\npack: deep\nrules: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        try deep.write(toFile: dir + "/deep.yaml", atomically: true, encoding: .utf8)
        let out = try CLI.run(["lint", "companion.csv", "--rules", "deep.yaml"], in: dir)
        #expect(out.status == 2)
        #expect(
            out.stderr
                == "deep.yaml:3:263: error: nesting is deeper than 256 levels; raise the limit with --max-yaml-depth\n1 error in the rule files; nothing was linted\n"
        )
        #expect(out.stdout.isEmpty)
    }

    @Test func aFiftyMegabyteRuleFileIsRead() throws {
        let dir = try temporary()
        // A long description folded over many lines: 50 MB of real YAML, one rule.
        var text = "crossfoot: 1\npack: big\nrules:\n  - id: capped\n    table: '*'\n    range: {columns: v, max: 100}\n    description: >\n"
        let line = "      " + String(repeating: "lorem ipsum ", count: 8) + "\n"
        text += String(repeating: line, count: 50_000_000 / line.utf8.count)
        try text.write(toFile: dir + "/big.yaml", atomically: true, encoding: .utf8)
        let out = try CLI.run(["lint", "companion.csv", "--rules", "big.yaml"], in: dir)
        #expect(out.status == 1)
        #expect(out.stdout == BadInputTests.companionFinding + "1 error, 0 warnings, 0 infos in 1 file; 1 row checked by 1 rule\n")
        // Over the rule-file limit, it is refused with the flag that raises it.
        let small = try CLI.run(["lint", "companion.csv", "--rules", "big.yaml", "--max-rule-file-size", "10MiB"], in: dir)
        #expect(small.status == 2)
        #expect(
            small.stderr.hasPrefix("big.yaml: error: the rule file is 47.7 MiB, more than the limit of 10 MiB (raise it with --max-rule-file-size)\n")
                || small.stderr.hasPrefix("big.yaml: error: the file is 47.7 MiB, more than the limit of 10 MiB (raise it with --max-rule-file-size)\n"),
            "\(small.stderr)")
    }

    @Test func aTenMegabyteLineIsReadAndALongerOneStopsAtTheLimit() throws {
        let dir = try temporary()
        let cell = String(repeating: "x", count: 10 << 20)
        try "site,v\n\(cell),150\nB,99\n".write(toFile: dir + "/long.csv", atomically: true, encoding: .utf8)
        let out = try CLI.run(["lint", "long.csv", "companion.csv", "--rules", "rules.yaml"], in: dir)
        #expect(out.status == 1)
        #expect(out.stdout.contains("long.csv:2:10485762: error[capped]: v 150 is above the maximum of 100\n"))
        let limited = try CLI.run(["lint", "long.csv", "companion.csv", "--rules", "rules.yaml", "--max-line-length", "1MiB"], in: dir)
        #expect(limited.status == 3)
        #expect(limited.stderr == "long.csv:2:1: error: this line is more than 1 MiB long, the limit (raise it with --max-line-length)\n")
        #expect(limited.stdout.contains(BadInputTests.companionFinding))
        // The same in a report, read whole.
        try "\n# Annual Results Report\n\n**2024**\n\n\(cell)\n".write(toFile: dir + "/long.md", atomically: true, encoding: .utf8)
        let report = try CLI.run(["lint", "long.md", "companion.csv", "--rules", "rules.yaml", "--max-line-length", "1MiB"], in: dir)
        #expect(report.status == 3)
        #expect(report.stderr == "long.md:6:1: error: line 6 is 10 MiB long, more than the limit of 1 MiB (raise it with --max-line-length)\n")
    }

    @Test func aFileOverTheSizeLimitIsNotRead() throws {
        let dir = try temporary()
        try ("site,v\n" + String(repeating: "A,1\n", count: 1000)).write(toFile: dir + "/big.csv", atomically: true, encoding: .utf8)
        let out = try CLI.run(["lint", "big.csv", "companion.csv", "--rules", "rules.yaml", "--max-file-size", "1KiB"], in: dir)
        #expect(out.status == 3)
        #expect(out.stderr == "big.csv: error: the file is 3.9 KiB, more than the limit of 1 KiB (raise it with --max-file-size)\n")
        #expect(out.stdout.contains(BadInputTests.companionFinding))
    }

    @Test(.timeLimit(.minutes(1)))
    func aBacktrackingPatternRunsInLinearTime() throws {
        let dir = try temporary()
        try FileManager.default.copyItem(atPath: BadInputTests.corpus + "/inputs/rules-catastrophic-regex.yaml", toPath: dir + "/regex.yaml")
        // 100,000 a's and a final character that makes a backtracking engine try 2^100000 ways.
        try ("site,v\nA," + String(repeating: "a", count: 100_000) + "!\n").write(toFile: dir + "/data.csv", atomically: true, encoding: .utf8)
        let out = try CLI.run(["lint", "data.csv", "--rules", "regex.yaml"], in: dir)
        #expect(out.status == 0)
        #expect(out.stdout == "0 errors, 0 warnings, 0 infos in 1 file; 1 row checked by 1 rule\n")
    }

    @Test func aSymbolicLinkLoopIsAnErrorAndTheRestIsLinted() throws {
        let dir = try temporary()
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        try "site,v\nZ,500\n".write(toFile: dir + "/data/companion.csv", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/data/loop-a.csv", withDestinationPath: "loop-b.csv")
        try FileManager.default.createSymbolicLink(atPath: dir + "/data/loop-b.csv", withDestinationPath: "loop-a.csv")
        let out = try CLI.run(["lint", "data", "--rules", "rules.yaml"], in: dir)
        #expect(out.status == 3)
        #expect(
            out.stderr == """
                data/loop-a.csv: error: a symbolic link loop: following its links leads back to it (too many levels of symbolic links)
                data/loop-b.csv: error: a symbolic link loop: following its links leads back to it (too many levels of symbolic links)

                """)
        #expect(
            out.stdout
                == "data/companion.csv:2:3: error[capped]: v 500 is above the maximum of 100\n1 error, 0 warnings, 0 infos in 1 file; 1 row checked by 1 rule; 2 inputs could not be read\n"
        )
    }

    @Test func anUnreadableFileIsAnErrorAndTheRestIsLinted() throws {
        let dir = try temporary()
        // A file the system refuses to read, even to root: reading /proc/self/mem from offset 0
        // fails with an I/O error.
        let out = try CLI.run(["lint", "/proc/self/mem", "companion.csv", "--rules", "rules.yaml", "--input-format", "csv"], in: dir)
        #expect(out.status == 3)
        #expect(out.stderr == "/proc/self/mem: error: cannot read the file: Input/output error\n")
        #expect(out.stdout.contains(BadInputTests.companionFinding))
    }

    @Test func findingsBeyondTheLimitPerRuleAreCountedNotListed() throws {
        let dir = try temporary()
        try ("site,v\n" + (1...30).map { "S\($0),\(100 + $0)\n" }.joined()).write(toFile: dir + "/many.csv", atomically: true, encoding: .utf8)
        let out = try CLI.run(["lint", "many.csv", "--rules", "rules.yaml", "--max-findings-per-rule", "25"], in: dir)
        #expect(out.status == 1)
        #expect(out.stdout.split(separator: "\n").filter { $0.contains("error[capped]") }.count == 25)
        #expect(out.stdout.hasSuffix("30 errors, 0 warnings, 0 infos in 1 file; 30 rows checked by 1 rule; 5 more beyond --max-findings-per-rule not listed\n"))
        let json = try CLI.run(["lint", "many.csv", "--rules", "rules.yaml", "--max-findings-per-rule", "25", "--format", "json"], in: dir)
        #expect(json.stdout.contains("\"not_listed\": 5,"))
        #expect(json.stdout.contains("\"capped\": 30"))
        let all = try CLI.run(["lint", "many.csv", "--rules", "rules.yaml", "--max-findings-per-rule", "0"], in: dir)
        #expect(all.stdout.split(separator: "\n").filter { $0.contains("error[capped]") }.count == 30)
    }

    /// A cell holding terminal escape sequences or a bidirectional override is quoted with its
    /// control characters written out, and the source line under a finding shows them as spaces:
    /// data cannot rewrite a terminal or a CI log, or reorder what is printed around it.
    @Test func controlCharactersInCellsAreNeverPrinted() throws {
        let dir = try temporary()
        var lines = try String(contentsOfFile: Support.path("Samples/kazakhstan-mco-2024/indicators.csv"), encoding: .utf8).components(separatedBy: "\n")
        let row = try #require(lines.firstIndex { $0.contains("Uzbekistan") && $0.contains("move freely") })
        lines[row] = lines[row].replacingOccurrences(of: "Uzbekistan", with: "Uzbek\u{1B}[2K\u{1B}[1Gistan\u{202E}")
        try lines.joined(separator: "\n").write(toFile: dir + "/indicators.csv", atomically: true, encoding: .utf8)
        let text = try CLI.run(["lint", "indicators.csv", "--format", "text"], in: dir)
        #expect(
            text.stdout.contains(
                "indicators.csv:9:243: warning[steep-drop]: Uzbek\\u{1B}[2K\\u{1B}[1Gistan\\u{202E}, Refugees and Asylum-seekers — 1.2 Proportion of people who are able to move freely…: actual 0.06% is 99.94 points below the baseline 100.00%\n"
            ))
        let full = try CLI.run(["lint", "indicators.csv", "--format", "full"], in: dir)
        #expect(full.stdout.contains("9 | …country of habitual residence,Uzbek [2K [1Gistan ,Refugees and Asylum-seekers,percent,100.00%,,0.06%\n"))
        for out in [text, full] {
            #expect(!out.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        }
        // Names from the data in the readers' own messages, on standard output and error alike.
        try "site,v\u{1B}[2J,v\u{1B}[2J\nA,1,2\n".write(toFile: dir + "/header.csv", atomically: true, encoding: .utf8)
        try "{\"categories\": [2024], \"x\u{1B}[2J\": 5}".write(toFile: dir + "/chart.json", atomically: true, encoding: .utf8)
        let names = try CLI.run(["lint", "header.csv", "chart.json", "--rules", "rules.yaml"], in: dir)
        #expect(
            names.stdout.hasPrefix(
                "header.csv:1:12: error[duplicate-column]: column 'v\\u{1B}[2J' appears twice in the header (columns 2 and 3); rules see only the first\n"))
        #expect(names.stderr == "chart.json:1:33: error: chart series 'x\\u{1B}[2J' is not an array\n")
    }
}
