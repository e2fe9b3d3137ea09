#ifndef INSIGHTS_COPENBLAS_SHIM_H
#define INSIGHTS_COPENBLAS_SHIM_H

// CBLAS plus OpenBLAS's own entry points (openblas_get_config,
// openblas_set_num_threads, openblas_get_num_threads).
#include <cblas.h>

#endif
