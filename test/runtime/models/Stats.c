/*===- Stats.c - test model with int64 outputs, one of them a scalar ------===*/

#include "Models.h"

#include <stdint.h>

static const int64_t kInputShape[2] = {MLC_STATS_ROWS, MLC_STATS_COLS};
static const int64_t kArgmaxShape[1] = {MLC_STATS_ROWS};
static const mlc_value_desc kInputs[1] = {{"x", 1, 2, kInputShape}};
static const mlc_value_desc kOutputs[2] = {{"argmax", 7, 1, kArgmaxShape},
                                           {"positives", 7, 0, 0}};

typedef struct StatsCaptures {
  const float *x;
  int64_t *argmax;
  int64_t *rowPositives; /* per row, in the arena */
} StatsCaptures;

static void statsRows(void *captures, int64_t begin, int64_t end) {
  const StatsCaptures *c = (const StatsCaptures *)captures;
  int64_t row, col;
  for (row = begin; row < end; ++row) {
    const float *x = c->x + row * MLC_STATS_COLS;
    int64_t best = 0, positives = 0;
    for (col = 0; col < MLC_STATS_COLS; ++col) {
      if (x[col] > x[best])
        best = col;
      positives += x[col] > 0.0f;
    }
    c->argmax[row] = best;
    c->rowPositives[row] = positives;
  }
}

static int32_t statsEntry(void *const *inputs, void *const *outputs,
                          void *arena, mlc_exec_ctx *ctx) {
  StatsCaptures captures;
  int64_t row, total = 0;
  captures.x = (const float *)inputs[0];
  captures.argmax = (int64_t *)outputs[0];
  captures.rowPositives = (int64_t *)arena;
  mlc_rt_parallel_for(ctx, MLC_STATS_ROWS, statsRows, &captures);
  for (row = 0; row < MLC_STATS_ROWS; ++row)
    total += captures.rowPositives[row];
  *(int64_t *)outputs[1] = total;
  return 0;
}

static const mlc_model_desc kDesc = {MLC_ABI_VERSION,
                                     "stats",
                                     1,
                                     kInputs,
                                     2,
                                     kOutputs,
                                     MLC_STATS_ROWS * sizeof(int64_t),
                                     statsEntry};

const mlc_model_desc *mlc_stats_model(void) { return &kDesc; }
