//===- Tensor.h - the tensor handle -----------------------------*- C++ -*-===//

#ifndef MLC_RUNTIME_SRC_TENSOR_H
#define MLC_RUNTIME_SRC_TENSOR_H

#include "mlc/runtime.h"

#include <cstdint>
#include <vector>

/// A dense row-major tensor; owns its buffer when `owned`.
struct mlc_tensor {
  mlc_dtype dtype = MLC_DTYPE_UNDEFINED;
  std::vector<int64_t> shape;
  int64_t numElements = 0;
  size_t byteSize = 0;
  void *data = nullptr;
  bool owned = false;

  int32_t rank() const { return static_cast<int32_t>(shape.size()); }
  const int64_t *dims() const { return shape.empty() ? nullptr : shape.data(); }
};

namespace mlc::rt {

/// Creates a tensor owning a 64-byte aligned buffer, zero-filled when zero
/// is set. dtype is an ONNX number, validated here. Reports failures through
/// the thread's status message.
mlc_status createOwnedTensor(int32_t dtype, int32_t rank, const int64_t *shape,
                             bool zero, mlc_tensor **out);

} // namespace mlc::rt

#endif // MLC_RUNTIME_SRC_TENSOR_H
