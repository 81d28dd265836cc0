/*===- mlc/model_abi.h - the contract between model.so and the runtime ----===*
 *
 * A compiled model (model.so) holds, besides the runtime itself, one
 * descriptor `mlc_model_desc` that mlc-compile generates: the model's inputs
 * and outputs, the size of its scratch arena, and its entry point. The
 * generated header model.h declares `const mlc_model_desc *mlc_<tag>_model(void)`;
 * an app passes that to mlc_model_open().
 *
 * Apps do not read these structs; they use <mlc/runtime.h>. C99.
 *
 *===----------------------------------------------------------------------===*/

#ifndef MLC_MODEL_ABI_H
#define MLC_MODEL_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Bumped on any incompatible change of the structs below. */
#define MLC_ABI_VERSION 1

/** One input or output of a model. dtype is an mlc_dtype (ONNX numbering). */
typedef struct mlc_value_desc {
  const char *name;
  int32_t dtype;
  int32_t rank;
  const int64_t *shape; /* rank entries, all static */
} mlc_value_desc;

/** Services the runtime gives generated kernels (multithreading). */
typedef struct mlc_exec_ctx mlc_exec_ctx;

/** A chunk of a parallel loop: iterations [begin, end). */
typedef void (*mlc_parallel_body)(void *captures, int64_t begin, int64_t end);

/** Runs body over [0, n) in chunks on the session's threads; returns when
 * all chunks are done. Chunking depends only on n and the thread count, so
 * results are deterministic for a given thread count. */
void mlc_rt_parallel_for(mlc_exec_ctx *ctx, int64_t n, mlc_parallel_body body,
                         void *captures);

/** The entry point: inputs and outputs are buffers of the described dtypes
 * and shapes (dense, row-major); arena is scratch of arena_bytes, aligned to
 * 64 bytes. Returns 0 on success. */
typedef int32_t (*mlc_entry_fn)(void *const *inputs, void *const *outputs,
                                void *arena, mlc_exec_ctx *ctx);

typedef struct mlc_model_desc {
  uint32_t abi_version; /* MLC_ABI_VERSION */
  const char *tag;      /* the model's symbol tag (--tag) */
  uint32_t num_inputs;
  const mlc_value_desc *inputs;
  uint32_t num_outputs;
  const mlc_value_desc *outputs;
  uint64_t arena_bytes;
  mlc_entry_fn entry;
} mlc_model_desc;

#ifdef __cplusplus
}
#endif

#endif /* MLC_MODEL_ABI_H */
