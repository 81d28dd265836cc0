//===- Model.h - the model handle -------------------------------*- C++ -*-===//

#ifndef MLC_RUNTIME_SRC_MODEL_H
#define MLC_RUNTIME_SRC_MODEL_H

#include "mlc/model_abi.h"
#include "mlc/runtime.h"

#include <atomic>
#include <cstdint>
#include <vector>

namespace mlc::rt {

/// One input or output, validated, with its sizes precomputed.
struct ValueInfo {
  const char *name;
  mlc_dtype dtype;
  int32_t rank;
  const int64_t *shape; ///< NULL for a scalar
  int64_t numElements;
  size_t byteSize;
};

} // namespace mlc::rt

/// An opened descriptor. Immutable after open except for the reference
/// count, which sessions share.
struct mlc_model {
  const mlc_model_desc *desc = nullptr;
  std::vector<mlc::rt::ValueInfo> inputs;
  std::vector<mlc::rt::ValueInfo> outputs;
  /// One for the opener, one per session.
  mutable std::atomic<int64_t> refs{1};
};

namespace mlc::rt {

void retainModel(const mlc_model *model);
/// Frees the model when the last reference goes.
void releaseModel(const mlc_model *model);

/// The index of the value named name in values, or -1.
int64_t findValue(const std::vector<ValueInfo> &values, const char *name);

} // namespace mlc::rt

#endif // MLC_RUNTIME_SRC_MODEL_H
