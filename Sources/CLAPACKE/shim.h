#ifndef INSIGHTS_CLAPACKE_SHIM_H
#define INSIGHTS_CLAPACKE_SHIM_H

// LAPACKE's C interface. Debian's liblapacke forwards to liblapack.so.3,
// which the alternatives system points at OpenBLAS's LAPACK.
#include <lapacke.h>

#endif
