import CEditLine
import CLAPACKE
import COpenBLAS
import CSQLite
import Testing

/// Each system library's module map links and its basic entry points answer.
struct SystemLibrariesTests {
    @Test func openBLASMultipliesAKnownProduct() {
        // [1 3; 2 4] · [5 7; 6 8] = [23 31; 34 46], column-major.
        let a: [Double] = [1, 2, 3, 4]
        let b: [Double] = [5, 6, 7, 8]
        var c = [Double](repeating: 0, count: 4)
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, 2, 2, 2, 1, a, 2, b, 2, 0, &c, 2)
        #expect(c == [23, 34, 31, 46])
        let config = String(cString: openblas_get_config())
        #expect(config.contains("OpenBLAS"))
    }

    @Test func lapackeSolvesASmallSystem() {
        // [2 1; 1 3] x = [3; 5] has the solution x = [0.8, 1.4].
        var a: [Double] = [2, 1, 1, 3]
        var b: [Double] = [3, 5]
        var pivots = [Int32](repeating: 0, count: 2)
        let info = LAPACKE_dgesv(LAPACK_COL_MAJOR, 2, 1, &a, 2, &pivots, &b, 2)
        #expect(info == 0)
        #expect(abs(b[0] - 0.8) < 1e-15 && abs(b[1] - 1.4) < 1e-15)
    }

    @Test func sqliteRoundTripsARow() {
        var db: OpaquePointer?
        #expect(sqlite3_open(":memory:", &db) == SQLITE_OK)
        defer { sqlite3_close(db) }
        #expect(sqlite3_exec(db, "CREATE TABLE t(x REAL); INSERT INTO t VALUES (2.5);", nil, nil, nil) == SQLITE_OK)
        var statement: OpaquePointer?
        #expect(sqlite3_prepare_v2(db, "SELECT x * 2 FROM t", -1, &statement, nil) == SQLITE_OK)
        defer { sqlite3_finalize(statement) }
        #expect(sqlite3_step(statement) == SQLITE_ROW)
        #expect(sqlite3_column_double(statement, 0) == 5.0)
        #expect(sqlite3_libversion_number() >= 3_040_000)
    }

    @Test func libeditKeepsHistory() {
        var event = HistEvent()
        guard let history = history_init() else {
            Issue.record("history_init returned NULL")
            return
        }
        defer { history_end(history) }
        #expect(insights_history_set_size(history, &event, 100) >= 0)
        // history() returns -1 on failure and a non-negative value otherwise.
        #expect(insights_history_enter(history, &event, "trend cpu_usage since 7d") >= 0)
        #expect(String(cString: event.str) == "trend cpu_usage since 7d")
    }
}
