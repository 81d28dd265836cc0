//===- Memory.cpp - aligned buffers and size arithmetic -------------------===//

#include "Memory.h"
#include "Enums.h"

#include <cstdio>
#include <cstdlib>
#include <limits>

using namespace mlc::rt;

void *mlc::rt::alignedAlloc(size_t bytes) noexcept {
  size_t rounded;
  if (!roundUpToAlignment(bytes == 0 ? 1 : bytes, rounded))
    return nullptr;
  return std::aligned_alloc(kAlignment, rounded);
}

void mlc::rt::alignedFree(void *ptr) noexcept { std::free(ptr); }

bool mlc::rt::roundUpToAlignment(size_t bytes, size_t &rounded) {
  if (bytes > std::numeric_limits<size_t>::max() - (kAlignment - 1))
    return false;
  rounded = (bytes + kAlignment - 1) / kAlignment * kAlignment;
  return true;
}

bool mlc::rt::computeSizes(int32_t dtype, int32_t rank, const int64_t *shape,
                           int64_t &numElements, size_t &byteSize) {
  size_t elementSize = dtypeSize(dtype);
  if (elementSize == 0 || rank < 0 || (rank > 0 && !shape))
    return false;
  // Keep byte sizes within ptrdiff_t so that pointer arithmetic over a whole
  // buffer is defined.
  const uint64_t limit = std::numeric_limits<ptrdiff_t>::max() / elementSize;
  uint64_t count = 1;
  for (int32_t i = 0; i < rank; ++i) {
    if (shape[i] < 0)
      return false;
    uint64_t dim = static_cast<uint64_t>(shape[i]);
    if (dim != 0 && count > limit / dim)
      return false;
    count *= dim;
  }
  numElements = static_cast<int64_t>(count);
  byteSize = static_cast<size_t>(count) * elementSize;
  return true;
}

void mlc::rt::formatType(char *buffer, size_t size, int32_t dtype, int32_t rank,
                         const int64_t *shape) {
  if (size == 0)
    return;
  int used = std::snprintf(buffer, size, "%s [", dtypeName(dtype));
  for (int32_t i = 0;
       i < rank && shape && used >= 0 && static_cast<size_t>(used) < size; ++i)
    used += std::snprintf(buffer + used, size - used, i ? ",%lld" : "%lld",
                          static_cast<long long>(shape[i]));
  if (used >= 0 && static_cast<size_t>(used) < size)
    std::snprintf(buffer + used, size - used, "]");
}

bool mlc::rt::sameShape(int32_t rankA, const int64_t *shapeA, int32_t rankB,
                        const int64_t *shapeB) {
  if (rankA != rankB)
    return false;
  for (int32_t i = 0; i < rankA; ++i)
    if (shapeA[i] != shapeB[i])
      return false;
  return true;
}
