/// The subcommands' text tables: a header row and rows of cells already formatted. Laid out
/// by `ResultTable` as `TableLayout.current` says (plain on the command line; the shell's
/// `.mode`, terminal width and `.maxrows` inside it). A column whose cells are all numbers
/// (or blanks such as `-`) is right-aligned.
enum TextTable {
    static func render(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        let body = rows.dropFirst().map { row in
            header.indices.map { c -> ResultTable.Cell in
                let cell = c < row.count ? row[c] : ""
                return looksNumeric(cell) ? .figure(cell) : .text(cell)
            }
        }
        return ResultTable(columns: header, rows: body).render(TableLayout.current)
    }

    /// A number, optionally signed, optionally followed by a space or `%` and a unit
    /// (`0.25`, `+1.3e-05`, `115 ms`, `12.5%`, `3.2 MiB/s`).
    static func looksNumeric(_ cell: String) -> Bool {
        let number = cell.prefix { !$0.isWhitespace && $0 != "%" }
        guard Double(number) != nil || (number.first == "+" && Double(number.dropFirst()) != nil) else { return false }
        let rest = cell.dropFirst(number.count)
        return rest.isEmpty || rest == "%" || (rest.first == " " && rest.dropFirst().allSatisfy { !$0.isWhitespace })
    }
}
