/// A position in statement text: 1-based line and column (columns count Unicode scalars),
/// and the offset in scalars from the start of the text.
public struct TextPosition: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public var description: String { "\(line):\(column)" }

    /// The position after `scalar`: the next column, or the start of the next line.
    public func advanced(past scalar: Unicode.Scalar) -> TextPosition {
        scalar == "\n" ? TextPosition(line: line + 1, column: 1, offset: offset + 1)
            : TextPosition(line: line, column: column + 1, offset: offset + 1)
    }
}
