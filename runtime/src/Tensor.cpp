//===- Tensor.cpp - tensor create, wrap, destroy and getters --------------===//

#include "Tensor.h"
#include "Enums.h"
#include "Memory.h"
#include "Status.h"

#include <cstring>
#include <memory>

using namespace mlc::rt;

namespace {

/// Validates dtype and shape and builds the handle without a buffer.
mlc_status makeHandle(int32_t dtype, int32_t rank, const int64_t *shape,
                      std::unique_ptr<mlc_tensor> &out) {
  if (dtypeSize(dtype) == 0)
    return fail(MLC_INVALID_ARGUMENT, "tensor: unsupported dtype %d",
                static_cast<int>(dtype));
  if (rank < 0 || (rank > 0 && !shape))
    return fail(MLC_INVALID_ARGUMENT, "tensor: rank %d with %s shape",
                static_cast<int>(rank), shape ? "a" : "a NULL");
  auto tensor = std::make_unique<mlc_tensor>();
  if (!computeSizes(dtype, rank, shape, tensor->numElements,
                    tensor->byteSize)) {
    char type[256];
    formatType(type, sizeof(type), dtype, rank, shape);
    return fail(MLC_INVALID_ARGUMENT,
                "tensor: invalid shape %s (negative or too large)", type);
  }
  tensor->dtype = static_cast<mlc_dtype>(dtype);
  tensor->shape.assign(shape, shape + rank);
  out = std::move(tensor);
  return MLC_OK;
}

} // namespace

mlc_status mlc::rt::createOwnedTensor(int32_t dtype, int32_t rank,
                                      const int64_t *shape, bool zero,
                                      mlc_tensor **out) {
  std::unique_ptr<mlc_tensor> tensor;
  if (mlc_status status = makeHandle(dtype, rank, shape, tensor))
    return status;
  tensor->data = alignedAlloc(tensor->byteSize);
  if (!tensor->data)
    return fail(MLC_OUT_OF_MEMORY, "tensor: cannot allocate %zu bytes",
                tensor->byteSize);
  if (zero)
    std::memset(tensor->data, 0, tensor->byteSize);
  tensor->owned = true;
  *out = tensor.release();
  return MLC_OK;
}

mlc_status mlc_tensor_create(mlc_dtype dtype, int32_t rank,
                             const int64_t *shape, mlc_tensor **out_tensor) {
  return guard([&] {
    if (!out_tensor)
      return fail(MLC_INVALID_ARGUMENT,
                  "mlc_tensor_create: out_tensor is NULL");
    *out_tensor = nullptr;
    if (mlc_status status = createOwnedTensor(enumValue(dtype), rank, shape,
                                              /*zero=*/true, out_tensor))
      return status;
    return success();
  });
}

mlc_status mlc_tensor_wrap(mlc_dtype dtype, int32_t rank, const int64_t *shape,
                           void *data, mlc_tensor **out_tensor) {
  return guard([&] {
    if (!out_tensor)
      return fail(MLC_INVALID_ARGUMENT, "mlc_tensor_wrap: out_tensor is NULL");
    *out_tensor = nullptr;
    std::unique_ptr<mlc_tensor> tensor;
    int32_t type = enumValue(dtype);
    if (mlc_status status = makeHandle(type, rank, shape, tensor))
      return status;
    if (!data && tensor->byteSize != 0)
      return fail(MLC_INVALID_ARGUMENT, "mlc_tensor_wrap: data is NULL");
    size_t alignment = dtypeSize(type);
    if (reinterpret_cast<uintptr_t>(data) % alignment != 0)
      return fail(MLC_INVALID_ARGUMENT,
                  "mlc_tensor_wrap: data %p is not aligned to %zu bytes for "
                  "%s",
                  data, alignment, dtypeName(type));
    tensor->data = data;
    tensor->owned = false;
    *out_tensor = tensor.release();
    return success();
  });
}

void mlc_tensor_destroy(mlc_tensor *tensor) {
  if (!tensor)
    return;
  if (tensor->owned)
    alignedFree(tensor->data);
  delete tensor;
}

mlc_dtype mlc_tensor_dtype(const mlc_tensor *tensor) {
  return tensor ? tensor->dtype : MLC_DTYPE_UNDEFINED;
}

int32_t mlc_tensor_rank(const mlc_tensor *tensor) {
  return tensor ? tensor->rank() : 0;
}

const int64_t *mlc_tensor_shape(const mlc_tensor *tensor) {
  return tensor ? tensor->dims() : nullptr;
}

int64_t mlc_tensor_num_elements(const mlc_tensor *tensor) {
  return tensor ? tensor->numElements : 0;
}

size_t mlc_tensor_byte_size(const mlc_tensor *tensor) {
  return tensor ? tensor->byteSize : 0;
}

void *mlc_tensor_data(const mlc_tensor *tensor) {
  return tensor ? tensor->data : nullptr;
}

int mlc_tensor_owns_data(const mlc_tensor *tensor) {
  return tensor && tensor->owned ? 1 : 0;
}
