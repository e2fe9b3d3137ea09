/// A dense matrix of `Double` stored in column-major order.
///
/// Column-major storage is what BLAS and LAPACK expect, so a `Matrix` goes to
/// them without copying or transposing. Element `(i, j)` lives at
/// `storage[i + j * rows]`.
public struct Matrix: Sendable, Equatable {
    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let columns: Int
    /// The elements, column after column.
    public var storage: [Double]

    /// Creates a matrix with every element set to `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = [Double](repeating: value, count: rows * columns)
    }

    /// Creates a matrix over column-major `storage`.
    ///
    /// - Precondition: `storage.count == rows * columns`.
    public init(rows: Int, columns: Int, columnMajor storage: [Double]) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        precondition(storage.count == rows * columns,
                      "storage has \(storage.count) elements, expected \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// Creates a matrix whose columns are the given arrays, which must all have one length.
    public init(columns: [[Double]]) {
        let rowCount = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == rowCount }, "columns differ in length")
        var storage = [Double]()
        storage.reserveCapacity(rowCount * columns.count)
        for column in columns { storage.append(contentsOf: column) }
        self.init(rows: rowCount, columns: columns.count, columnMajor: storage)
    }

    /// Creates a matrix from rows given as arrays, which must all have one length.
    public init(rowMajor rowArrays: [[Double]]) {
        let columnCount = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columnCount }, "rows differ in length")
        var matrix = Matrix(rows: rowArrays.count, columns: columnCount)
        for (i, row) in rowArrays.enumerated() {
            for (j, value) in row.enumerated() { matrix[i, j] = value }
        }
        self = matrix
    }

    /// The `n`×`n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var matrix = Matrix(rows: n, columns: n)
        for i in 0..<n { matrix[i, i] = 1 }
        return matrix
    }

    /// The element in row `i`, column `j`.
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns, "index (\(i), \(j)) out of range")
            return storage[i + j * rows]
        }
        set {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns, "index (\(i), \(j)) out of range")
            storage[i + j * rows] = newValue
        }
    }

    /// A copy of column `j`.
    public func column(_ j: Int) -> [Double] {
        precondition(j >= 0 && j < columns, "column \(j) out of range")
        return Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// Replaces column `j` with `values`.
    public mutating func setColumn(_ j: Int, to values: [Double]) {
        precondition(j >= 0 && j < columns, "column \(j) out of range")
        precondition(values.count == rows, "column has \(values.count) values, expected \(rows)")
        storage.replaceSubrange((j * rows)..<((j + 1) * rows), with: values)
    }

    /// A copy of row `i`.
    public func row(_ i: Int) -> [Double] {
        precondition(i >= 0 && i < rows, "row \(i) out of range")
        return (0..<columns).map { storage[i + $0 * rows] }
    }

    /// The diagonal elements `(0,0), (1,1), …`.
    public var diagonal: [Double] {
        (0..<Swift.min(rows, columns)).map { storage[$0 + $0 * rows] }
    }

    /// The transpose.
    public func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { result.storage[j + i * columns] = storage[i + j * rows] }
        }
        return result
    }

    /// The matrix formed by the given columns, in the order given.
    public func selectingColumns(_ indices: [Int]) -> Matrix {
        var result = Matrix(rows: rows, columns: indices.count)
        for (k, j) in indices.enumerated() {
            precondition(j >= 0 && j < columns, "column \(j) out of range")
            result.storage.replaceSubrange((k * rows)..<((k + 1) * rows),
                                           with: storage[(j * rows)..<((j + 1) * rows)])
        }
        return result
    }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        (0..<rows).map { i in
            (0..<columns).map { j in "\(self[i, j])" }.joined(separator: "\t")
        }.joined(separator: "\n")
    }
}
