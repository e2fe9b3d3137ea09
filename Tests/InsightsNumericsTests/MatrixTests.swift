import InsightsNumerics
import Testing

struct MatrixTests {
    @Test func storageIsColumnMajor() {
        let m = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
        #expect(m.storage == [1, 4, 2, 5, 3, 6])
        #expect(m[1, 2] == 6)
        #expect(m.column(1) == [2, 5])
        #expect(m.row(0) == [1, 2, 3])
        #expect(m.transposed().storage == [1, 2, 3, 4, 5, 6])
        #expect(m.selectingColumns([2, 0]).storage == [3, 6, 1, 4])
    }
}
