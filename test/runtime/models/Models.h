/*===- Models.h - hand-written model descriptors for the runtime tests ----===*
 *
 * Written in C99 the way mlc-compile's output will look from the outside: a
 * static descriptor, an entry point whose kernels use mlc_rt_parallel_for
 * and the arena, and one `mlc_<tag>_model()` accessor per model.
 *
 *===----------------------------------------------------------------------===*/

#ifndef MLC_TEST_RUNTIME_MODELS_H
#define MLC_TEST_RUNTIME_MODELS_H

#include "mlc/model_abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/** sum = a + b, all float32 [2,3]; staged through the arena, which it
 * checks is 64-byte aligned (else the entry fails with 1). */
const mlc_model_desc *mlc_add_model(void);

/** From x: float32 [64,33], two int64 outputs: "argmax" [64] (per row, the
 * first index of the largest value; parallel over rows) and "positives"
 * [] (a scalar: how many elements are > 0). */
const mlc_model_desc *mlc_stats_model(void);

#define MLC_STATS_ROWS 64
#define MLC_STATS_COLS 33

#ifdef __cplusplus
}
#endif

#endif /* MLC_TEST_RUNTIME_MODELS_H */
