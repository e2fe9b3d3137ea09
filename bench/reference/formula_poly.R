# Reference values of R's stats::poly for Tests/InsightsNumericsTests/Formula.
# Run: Rscript bench/reference/formula_poly.R > /tmp/poly_cases.swift
# Prints Swift case literals: the points, the degree, the basis column by column and
# attr(, "coefs") (alpha, norm2), all with 17 significant digits.
fmt <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
emit <- function(label, x, degree, raw = FALSE) {
  p <- poly(x, degree, raw = raw)
  cat(sprintf("    PolyCase(\"%s\", degree: %d, raw: %s,\n", label, degree, if (raw) "true" else "false"))
  cat(sprintf("        x: [%s],\n", fmt(x)))
  cols <- sapply(seq_len(degree), function(j) sprintf("[%s]", fmt(p[, j])))
  cat(sprintf("        columns: [\n            %s],\n", paste(cols, collapse = ",\n            ")))
  co <- attr(p, "coefs")
  if (is.null(co)) {
    cat("        alpha: [], norm2: []),\n\n")
  } else {
    cat(sprintf("        alpha: [%s],\n        norm2: [%s]),\n\n", fmt(co$alpha), fmt(co$norm2)))
  }
}
cat(sprintf("// %s, bench/reference/formula_poly.R\n", R.version.string))
x1 <- c(0.5, 1.2, 2.0, 2.7, 3.1, 3.9, 4.4, 5.8, 6.1, 7.3)
emit("x1 degree 1", x1, 1)
emit("x1 degree 2", x1, 2)
emit("x1 degree 3", x1, 3)
emit("x1 degree 2 raw", x1, 2, raw = TRUE)
emit("ties degree 3", c(1, 1, 2, 3, 3, 3, 4, 8), 3)
emit("large offset degree 3", 1e4 + c(0.5, 1.2, 2.0, 2.7, 3.1, 3.9, 4.4, 5.8, 6.1, 7.3), 3)
emit("irregular 30 points degree 6", (1:30)^1.3 / 7 + sin(1:30) / 3, 6)
