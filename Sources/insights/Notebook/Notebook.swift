import InsightsStorage

/// A Jupyter notebook (nbformat v4) as the notebook commands read and write it.
///
/// Cells keep every member they were read with; the runner replaces only `outputs` and
/// `execution_count`. Written with sorted keys and one-space indentation, as Jupyter writes
/// notebooks, so the same notebook is always the same bytes.
struct Notebook {
    var cells: [Cell]
    /// The top level without `cells` (`metadata`, `nbformat`, `nbformat_minor`, …).
    var top: [String: JSONValue]

    /// One cell: its members as read.
    struct Cell {
        var members: [String: JSONValue]

        var type: String { members["cell_type"].flatMap(\.stringValue) ?? "" }

        /// `source`, which nbformat allows as one string or a list of strings.
        var source: String {
            get {
                switch members["source"] {
                case .string(let text): text
                case .array(let lines): lines.compactMap(\.stringValue).joined()
                default: ""
                }
            }
            set { members["source"] = Notebook.lines(newValue) }
        }

        /// The cell's `metadata.tags`.
        var tags: [String] {
            guard case .array(let tags) = members["metadata"]?["tags"] else { return [] }
            return tags.compactMap(\.stringValue)
        }

        /// A code cell with `source`, no outputs and the given tags.
        static func code(_ source: String, id: String, tags: [String] = []) -> Cell {
            let metadata: [String: JSONValue] = tags.isEmpty ? [:] : ["tags": .array(tags.map { .string($0) })]
            return Cell(members: ["cell_type": .string("code"), "id": .string(id), "metadata": .object(metadata),
                                  "source": Notebook.lines(source), "outputs": .array([]), "execution_count": .null])
        }

        /// A markdown cell with `source`.
        static func markdown(_ source: String, id: String) -> Cell {
            Cell(members: ["cell_type": .string("markdown"), "id": .string(id), "metadata": .object([:]),
                           "source": Notebook.lines(source)])
        }
    }

    /// Why a file is not a notebook this command can run.
    struct FormatError: Error, CustomStringConvertible {
        let description: String
        /// Line and column (1-based) of a JSON syntax error.
        var location: (line: Int, column: Int)? = nil

        /// `file:line:column: message` when the place is known, else `file: message`.
        func located(in file: String) -> String {
            location.map { "\(file):\($0.line):\($0.column): \(description)" } ?? "\(file): \(description)"
        }
    }

    /// Parses notebook JSON text.
    /// - Throws: `FormatError` when it is not JSON, or not an nbformat 4 notebook.
    init(parsing text: String) throws {
        let document: JSONValue
        switch JSONValue.parse(Array(text.utf8)) {
        case .success(let value): document = value
        case .failure(let error):
            // Where, as line:column of the file, rather than the parser's byte offset.
            guard let offset = error.byteOffset else { throw FormatError(description: error.message) }
            let before = text.utf8.prefix(offset)
            let line = before.count { $0 == UInt8(ascii: "\n") } + 1
            let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { before.index(after: $0) } ?? before.startIndex
            let column = String(decoding: before[lineStart...], as: UTF8.self).unicodeScalars.count + 1
            let detail = error.message.replacingOccurrences(of: "invalid json at byte \(offset + 1): ", with: "")
            throw FormatError(description: "invalid JSON: \(detail)", location: (line, column))
        }
        guard case .object(var top) = document else { throw FormatError(description: "a notebook is a JSON object") }
        guard case .integer(4) = top["nbformat"] else { throw FormatError(description: "only nbformat 4 notebooks are supported") }
        guard case .array(let cells) = top.removeValue(forKey: "cells") else {
            throw FormatError(description: "the notebook has no 'cells' array")
        }
        self.cells = try cells.enumerated().map { index, cell in
            guard case .object(let members) = cell, members["cell_type"]?.stringValue != nil else {
                throw FormatError(description: "cell \(index + 1) is not an object with a 'cell_type'")
            }
            return Cell(members: members)
        }
        self.top = top
    }

    /// The kernel the notebook is for: `metadata.kernelspec.name`, else
    /// `metadata.language_info.name`; nil when it names none.
    var kernel: String? {
        top["metadata"]?["kernelspec"]?["name"]?.stringValue ?? top["metadata"]?["language_info"]?["name"]?.stringValue
    }

    /// Names the insights kernel and language in the metadata when the notebook names none,
    /// so Jupyter shows the cells (and the next run recognises the notebook).
    mutating func claimKernel() {
        guard kernel == nil else { return }
        var metadata: [String: JSONValue] = [:]
        if case .object(let members) = top["metadata"] { metadata = members }
        metadata["kernelspec"] = NotebookNew.kernelspec
        metadata["language_info"] = NotebookNew.languageInfo
        top["metadata"] = .object(metadata)
    }

    init(cells: [Cell], top: [String: JSONValue]) {
        self.cells = cells
        self.top = top
    }

    /// The notebook's JSON text: sorted keys, one space per level, a final newline.
    var text: String {
        var document = top
        document["cells"] = .array(cells.map { .object($0.members) })
        return JSONWriter.render(Self.written(.object(document)), indent: 1) + "\n"
    }

    /// `text` as nbformat's list of lines, each but the last ending with its newline.
    static func lines(_ text: String) -> JSONValue {
        var lines: [JSONValue] = []
        var current = ""
        for c in text {
            current.append(c)
            if c == "\n" {
                lines.append(.string(current))
                current = ""
            }
        }
        if !current.isEmpty { lines.append(.string(current)) }
        return .array(lines)
    }

    private static func written(_ value: JSONValue) -> JSONWriter.Value {
        switch value {
        case .null: .null
        case .bool(let value): .bool(value)
        case .integer(let value): .integer(Int(value))
        case .number(let value): .number(value)
        case .string(let value): .string(value)
        case .array(let values): .array(values.map(written))
        case .object(let members): .object(members.keys.sorted().map { ($0, written(members[$0]!)) })
        }
    }
}

extension JSONValue {
    /// The string, when this is one.
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
