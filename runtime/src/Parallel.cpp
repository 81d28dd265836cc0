//===- Parallel.cpp - mlc_rt_parallel_for, the kernels' parallel loop -----===//

#include "ExecContext.h"
#include "ThreadPool.h"
#include "mlc/runtime.h"

using namespace mlc::rt;

// Exported like the public API (model_abi.h does not say so): the kernels
// of every model.so in the process must bind to the one copy that the API
// calls bind to, so that all models share one pool.
extern "C" MLC_API void mlc_rt_parallel_for(mlc_exec_ctx *ctx, int64_t n,
                                            mlc_parallel_body body,
                                            void *captures) {
  if (!body || n <= 0)
    return;
  int threads = ctx ? ctx->threads : 1;
  if (threads <= 1) {
    body(captures, 0, n);
    return;
  }
  ThreadPool::get().parallelFor(threads, n, body, captures);
}
