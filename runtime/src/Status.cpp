//===- Status.cpp - status names and the thread-local message -------------===//

#include "Status.h"
#include "Enums.h"

#include <cstdarg>
#include <cstdio>
#include <exception>
#include <new>

namespace {
/// Fixed-size so that reporting an error never allocates.
thread_local char tlsMessage[512];
} // namespace

mlc_status mlc::rt::success() {
  tlsMessage[0] = '\0';
  return MLC_OK;
}

mlc_status mlc::rt::fail(mlc_status status, const char *format, ...) {
  va_list args;
  va_start(args, format);
  std::vsnprintf(tlsMessage, sizeof(tlsMessage), format, args);
  va_end(args);
  return status;
}

mlc_status mlc::rt::failFromCurrentException() noexcept {
  try {
    throw;
  } catch (const std::bad_alloc &) {
    return fail(MLC_OUT_OF_MEMORY, "out of memory");
  } catch (const std::exception &e) {
    return fail(MLC_INTERNAL, "internal error: %s", e.what());
  } catch (...) {
    return fail(MLC_INTERNAL, "internal error: unknown exception");
  }
}

const char *mlc_status_message(void) { return tlsMessage; }

const char *mlc_status_name(mlc_status status) {
  switch (mlc::rt::enumValue(status)) {
  case MLC_OK:
    return "OK";
  case MLC_INVALID_ARGUMENT:
    return "INVALID_ARGUMENT";
  case MLC_COUNT_MISMATCH:
    return "COUNT_MISMATCH";
  case MLC_DTYPE_MISMATCH:
    return "DTYPE_MISMATCH";
  case MLC_SHAPE_MISMATCH:
    return "SHAPE_MISMATCH";
  case MLC_NOT_FOUND:
    return "NOT_FOUND";
  case MLC_OUT_OF_MEMORY:
    return "OUT_OF_MEMORY";
  case MLC_ABI_MISMATCH:
    return "ABI_MISMATCH";
  case MLC_INTERNAL:
    return "INTERNAL";
  default:
    break;
  }
  return "UNKNOWN";
}
