/*===- Add.c - test model: sum = a + b over float32 [2,3] -----------------===*/

#include "Models.h"

#include <stdint.h>
#include <string.h>

static const int64_t kShape[2] = {2, 3};
static const mlc_value_desc kInputs[2] = {{"a", 1, 2, kShape},
                                          {"b", 1, 2, kShape}};
static const mlc_value_desc kOutputs[1] = {{"sum", 1, 2, kShape}};

enum { kElements = 6 };

typedef struct AddCaptures {
  const float *a;
  const float *b;
  float *out;
} AddCaptures;

static void addChunk(void *captures, int64_t begin, int64_t end) {
  const AddCaptures *c = (const AddCaptures *)captures;
  int64_t i;
  for (i = begin; i < end; ++i)
    c->out[i] = c->a[i] + c->b[i];
}

static int32_t addEntry(void *const *inputs, void *const *outputs, void *arena,
                        mlc_exec_ctx *ctx) {
  AddCaptures captures;
  if (!arena || (uintptr_t)arena % 64 != 0)
    return 1;
  captures.a = (const float *)inputs[0];
  captures.b = (const float *)inputs[1];
  captures.out = (float *)arena;
  mlc_rt_parallel_for(ctx, kElements, addChunk, &captures);
  memcpy(outputs[0], arena, kElements * sizeof(float));
  return 0;
}

static const mlc_model_desc kDesc = {
    MLC_ABI_VERSION,           "add",   2, kInputs, 1, kOutputs,
    kElements * sizeof(float), addEntry};

const mlc_model_desc *mlc_add_model(void) { return &kDesc; }
