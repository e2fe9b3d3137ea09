/// An error found while parsing a model formula or while building its design matrix.
///
/// Messages are lowercase and compiler-style, quote the offending token, and carry the
/// range of formula text they refer to, so that ``rendered`` can underline it:
///
/// ```
/// unknown column 'x3'; did you mean 'x2'?
///   y ~ x1 + x3
///            ^~
/// ```
///
/// Errors about data (a logarithm of a negative value, a non-finite result) underline the
/// factor whose evaluation failed and name the row, counted from 0 in the caller's data.
public struct FormulaError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case syntax
        case unknownColumn
        case unknownFunction
        case invalidArgument
        case invalidTerm
        case wrongColumnKind
        case domain
        case nonFinite
        case notEnoughData
    }

    private let code: Code

    /// What went wrong, in one lowercase line, without the row (see ``message``).
    public let detail: String

    /// The data row (counted from 0 in the caller's data) whose value failed, for errors
    /// about data; a front end that knows the row's origin can name it (file:line).
    public let row: Int?

    /// What went wrong, in one lowercase line: ``detail`` plus "in row N" when there is a row.
    public var message: String {
        row.map { "\(detail) in row \($0)" } ?? detail
    }

    /// The formula text the error refers to.
    public let formula: String

    /// The offending part of ``formula`` as a range of character offsets, when there is one.
    public let range: Range<Int>?

    private init(_ code: Code, _ detail: String, formula: String, range: Range<Int>?, row: Int? = nil) {
        self.code = code
        self.detail = detail
        self.formula = formula
        self.range = range
        self.row = row
    }

    /// The message followed by the formula with `^~~` under the offending range. Front
    /// ends prefix it with their own `error:` label.
    public var rendered: String { rendered(headline: message) }

    /// ``rendered`` with `headline` in place of the message, e.g. a front end's
    /// `data.csv:4: 'log' of non-positive value -1.0` built from ``detail`` and ``row``.
    public func rendered(headline: String) -> String {
        var lines = [headline]
        guard let range else { return lines.joined(separator: "\n") }
        lines.append("  " + formula)
        let width = max(range.count, 1) - 1
        lines.append("  " + String(repeating: " ", count: range.lowerBound)
                     + "^" + String(repeating: "~", count: width))
        return lines.joined(separator: "\n")
    }

    /// Same as ``rendered``.
    public var description: String { rendered }
}

// MARK: - Syntax

extension FormulaError {
    static func unexpectedCharacter(_ character: Character, in formula: String,
                                    at offset: Int) -> FormulaError {
        FormulaError(.syntax, "unexpected character '\(character)'",
                     formula: formula, range: offset..<(offset + 1))
    }

    static func unexpected(_ token: FormulaToken, expected: String,
                           in formula: String) -> FormulaError {
        if token.kind == .end {
            return FormulaError(.syntax, "unexpected end of formula; expected \(expected)",
                                formula: formula, range: token.range)
        }
        return FormulaError(.syntax, "unexpected '\(token.text)'; expected \(expected)",
                            formula: formula, range: token.range)
    }

    static func missingTilde(in formula: String) -> FormulaError {
        FormulaError(.syntax, "formula has no '~'; expected 'response ~ terms'",
                     formula: formula, range: nil)
    }

    static func badResponse(in formula: String, range: Range<Int>) -> FormulaError {
        FormulaError(.invalidTerm,
                     "the response must be one column or one transform of columns",
                     formula: formula, range: range)
    }
}

// MARK: - Names

extension FormulaError {
    static func unknownColumn(_ name: String, suggestion: String?, in formula: String,
                              range: Range<Int>) -> FormulaError {
        FormulaError(.unknownColumn, "unknown column '\(name)'" + hint(suggestion),
                     formula: formula, range: range)
    }

    static func unknownFunction(_ name: String, suggestion: String?, in formula: String,
                                range: Range<Int>) -> FormulaError {
        FormulaError(.unknownFunction, "unknown function '\(name)'" + hint(suggestion),
                     formula: formula, range: range)
    }

    private static func hint(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }
}

// MARK: - Terms and arguments

extension FormulaError {
    static func invalidArgument(_ message: String, in formula: String,
                                range: Range<Int>) -> FormulaError {
        FormulaError(.invalidArgument, message, formula: formula, range: range)
    }

    static func invalidTerm(_ message: String, in formula: String,
                            range: Range<Int>) -> FormulaError {
        FormulaError(.invalidTerm, message, formula: formula, range: range)
    }

    static func categoricalInArithmetic(_ column: String, in formula: String,
                                        range: Range<Int>) -> FormulaError {
        FormulaError(.wrongColumnKind,
                     "column '\(column)' holds strings and cannot be used in arithmetic",
                     formula: formula, range: range)
    }

    static func categoricalResponse(_ name: String, in formula: String,
                                    range: Range<Int>) -> FormulaError {
        FormulaError(.wrongColumnKind, "the response '\(name)' must be numeric",
                     formula: formula, range: range)
    }
}

// MARK: - Data

extension FormulaError {
    static func domain(_ function: String, value: Double, row: Int, in formula: String,
                       range: Range<Int>) -> FormulaError {
        let what = function == "log" ? "non-positive" : "negative"
        return FormulaError(.domain, "'\(function)' of \(what) value \(value)",
                            formula: formula, range: range, row: row)
    }

    static func nonFinite(_ factor: String, value: Double, row: Int, in formula: String,
                          range: Range<Int>) -> FormulaError {
        FormulaError(.nonFinite, "'\(factor)' is \(value)",
                     formula: formula, range: range, row: row)
    }

    static func polyDegree(_ degree: Int, uniquePoints: Int, in formula: String,
                           range: Range<Int>) -> FormulaError {
        FormulaError(.notEnoughData,
                     "'poly' degree \(degree) must be less than the number of unique points (\(uniquePoints))",
                     formula: formula, range: range)
    }

    static func noRows(in formula: String) -> FormulaError {
        FormulaError(.notEnoughData, "no rows left after dropping rows with missing values",
                     formula: formula, range: nil)
    }
}
