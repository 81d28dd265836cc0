//===- ExecContext.h - what generated kernels get from a session -*- C++
//-*-===//

#ifndef MLC_RUNTIME_SRC_EXECCONTEXT_H
#define MLC_RUNTIME_SRC_EXECCONTEXT_H

#include <cstdint>

/// Passed to the model's entry point and, from there, to every
/// mlc_rt_parallel_for call the kernels make. Opaque to generated code.
struct mlc_exec_ctx {
  /// The session's thread count, >= 1.
  int32_t threads = 1;
};

#endif // MLC_RUNTIME_SRC_EXECCONTEXT_H
