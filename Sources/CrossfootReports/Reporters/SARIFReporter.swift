import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// SARIF 2.1.0, as GitHub code scanning reads it: every rule described, each result at its
/// cell with a fingerprint that survives unrelated edits; accepted findings carry their reason
/// as an external suppression, and baselined ones are marked unchanged.
public struct SARIFReporter: Reporter {
    public var context: ReportContext

    public init(context: ReportContext) {
        self.context = context
    }

    public func render(_ run: LintResult) -> String {
        String(decoding: renderBytes(run), as: UTF8.self)
    }

    /// A repository-relative path as a URI reference: `/` kept, everything unusual escaped.
    package static func uri(_ path: String) -> String {
        var out = ""
        for b in path.utf8 {
            let c = Character(Unicode.Scalar(b))
            if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || "-._~/".contains(c) {
                out.append(c)
            } else {
                let hex = String(b, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    public func renderBytes(_ run: LintResult) -> [UInt8] {
        var w = JSONWriter()
        w.open("{")
        w.string("https://json.schemastore.org/sarif-2.1.0.json", key: "$schema")
        w.string("2.1.0", key: "version")
        w.open("[", key: "runs")
        w.open("{")
        w.open("{", key: "tool")
        w.open("{", key: "driver")
        w.string(CrossfootVersion.name, key: "name")
        w.string(CrossfootVersion.version, key: "version")
        w.string(CrossfootVersion.version, key: "semanticVersion")
        w.string(CrossfootVersion.informationURI, key: "informationUri")
        w.open("[", key: "rules")
        var ruleIndex: [String: Int] = [:]
        var described: [(id: String, summary: String, full: String, level: String)] = run.rules.map { rule in
            let full = (rule.description ?? rule.id).split(separator: "\n").joined(separator: " ").trimmingSpaces
            // The first sentence: up to a full stop before a space, not the point of `0.06`.
            let summary = full.firstRange(of: ". ").map { String(full[..<$0.lowerBound]) + "." } ?? full
            return (rule.id, summary, full, rule.severity.sarifLevel)
        }
        for builtIn in BuiltInRules.all { described.append((builtIn.id, builtIn.summary, builtIn.summary, builtIn.severity.sarifLevel)) }
        for (i, rule) in described.enumerated() {
            ruleIndex[rule.id] = i
            w.open("{")
            w.string(rule.id, key: "id")
            w.open("{", key: "shortDescription")
            w.string(rule.summary, key: "text")
            w.close("}")
            w.open("{", key: "fullDescription")
            w.string(rule.full, key: "text")
            w.close("}")
            w.open("{", key: "help")
            w.string("\(rule.full) Run `crossfoot rules explain \(rule.id)` for what it checks and where it is defined.", key: "text")
            w.close("}")
            w.open("{", key: "defaultConfiguration")
            w.string(rule.level, key: "level")
            w.close("}")
            w.close("}")
        }
        w.close("]")
        w.close("}")
        w.close("}")
        w.string("unicodeCodePoints", key: "columnKind")
        w.open("{", key: "originalUriBaseIds")
        w.open("{", key: "SRCROOT")
        w.string("file://" + Self.uri(context.paths.root.hasSuffix("/") ? context.paths.root : context.paths.root + "/"), key: "uri")
        w.close("}")
        w.close("}")
        w.open("[", key: "results")
        var occurrences: [String: Int] = [:]
        for (finding, state) in ReportContext.everything(run) {
            w.open("{")
            w.string(finding.rule, key: "ruleId")
            if let index = ruleIndex[finding.rule] { w.int(index, key: "ruleIndex") }
            w.string(finding.severity.sarifLevel, key: "level")
            w.open("{", key: "message")
            w.string(finding.message, key: "text")
            w.close("}")
            w.open("[", key: "locations")
            w.open("{")
            w.open("{", key: "physicalLocation")
            w.open("{", key: "artifactLocation")
            w.string(Self.uri(context.paths.relative(finding.location.path)), key: "uri")
            w.string("SRCROOT", key: "uriBaseId")
            w.close("}")
            w.open("{", key: "region")
            if let place = finding.location.sheetCell {
                // A workbook has no lines: the region is the cell's sheet row.
                w.int(place.row, key: "startLine")
                w.int(place.row, key: "endLine")
            } else {
                w.int(finding.location.line, key: "startLine")
                w.int(finding.location.column, key: "startColumn")
                w.int(max(finding.endLocation.line, finding.location.line), key: "endLine")
                let endColumn =
                    finding.endLocation.line > finding.location.line ? finding.endLocation.column : max(finding.endLocation.column, finding.location.column)
                w.int(endColumn, key: "endColumn")
            }
            w.close("}")
            w.close("}")
            if let sheet = finding.location.sheet, let cell = finding.location.cell {
                w.open("[", key: "logicalLocations")
                w.open("{")
                w.string(cell, key: "name")
                w.string("\(SheetMap.quoted(sheet))!\(cell)", key: "fullyQualifiedName")
                w.string("element", key: "kind")
                w.close("}")
                w.close("]")
            }
            // In a PDF, the region counts lines of the whole extracted text (`extract --text`);
            // the page and the line within it are properties.
            if let page = finding.location.page {
                w.open("{", key: "properties")
                w.int(Int(page.page), key: "page")
                w.int(Int(page.line), key: "lineInPage")
                w.close("}")
            }
            w.close("}")
            w.close("]")
            let fingerprint = context.fingerprint(finding)
            let occurrence = occurrences[fingerprint, default: 0]
            occurrences[fingerprint] = occurrence + 1
            w.open("{", key: "partialFingerprints")
            w.string("\(fingerprint):\(occurrence)", key: "crossfootIdentity/v1")
            w.close("}")
            switch state {
            case .new:
                if context.baselineFile != nil { w.string("new", key: "baselineState") }
            case .baselined:
                w.string("unchanged", key: "baselineState")
                w.open("[", key: "suppressions")
                w.open("{")
                w.string("external", key: "kind")
                w.string("Recorded in the baseline \(context.baselineFile ?? "")", key: "justification")
                w.close("}")
                w.close("]")
            case .accepted(let reason):
                w.open("[", key: "suppressions")
                w.open("{")
                w.string("external", key: "kind")
                w.string("accepted", key: "status")
                w.string(reason, key: "justification")
                w.close("}")
                w.close("]")
            }
            w.close("}")
        }
        w.close("]")
        w.close("}")
        w.close("]")
        w.close("}")
        return w.document
    }
}
