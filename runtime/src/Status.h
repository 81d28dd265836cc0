//===- Status.h - the runtime's thread-local error message ------*- C++ -*-===//
//
// Every C API function that returns an mlc_status reports through these:
// success() clears the thread's message, fail() formats it.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_RUNTIME_SRC_STATUS_H
#define MLC_RUNTIME_SRC_STATUS_H

#include "mlc/runtime.h"

namespace mlc::rt {

/// Clears this thread's message; returns MLC_OK.
mlc_status success();

/// Sets this thread's message (printf-style, truncated to the buffer) and
/// returns status.
mlc_status fail(mlc_status status, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/// Runs fn (returning mlc_status) and maps any C++ exception to a status, so
/// that none crosses the C API: std::bad_alloc to MLC_OUT_OF_MEMORY, the
/// rest to MLC_INTERNAL.
template <typename Fn> mlc_status guard(Fn &&fn) noexcept;

/// The out-of-line part of guard(): classifies the exception in flight.
mlc_status failFromCurrentException() noexcept;

template <typename Fn> mlc_status guard(Fn &&fn) noexcept {
  try {
    return fn();
  } catch (...) {
    return failFromCurrentException();
  }
}

} // namespace mlc::rt

#endif // MLC_RUNTIME_SRC_STATUS_H
