//===- Memory.h - aligned buffers and size arithmetic -----------*- C++ -*-===//
//
// Every buffer the runtime hands to generated code (tensor data, the arena)
// is aligned to kAlignment bytes. Sizes come from untrusted shapes and
// descriptors, so the arithmetic here checks for overflow.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_RUNTIME_SRC_MEMORY_H
#define MLC_RUNTIME_SRC_MEMORY_H

#include "mlc/runtime.h"

#include <cstddef>
#include <cstdint>

namespace mlc::rt {

/// The alignment of runtime-allocated buffers, a cache line.
constexpr size_t kAlignment = 64;

/// Allocates bytes (0 allowed) aligned to kAlignment; nullptr when out of
/// memory. Never throws.
void *alignedAlloc(size_t bytes) noexcept;
void alignedFree(void *ptr) noexcept;

/// Rounds bytes up to a multiple of kAlignment; false on overflow.
bool roundUpToAlignment(size_t bytes, size_t &rounded);

/// Computes the element count and byte size of a dense tensor. False when a
/// dimension is negative, the dtype is unknown, or a size overflows.
bool computeSizes(int32_t dtype, int32_t rank, const int64_t *shape,
                  int64_t &numElements, size_t &byteSize);

/// Writes "float32 [1,3,224]" (truncated to size) into buffer.
void formatType(char *buffer, size_t size, int32_t dtype, int32_t rank,
                const int64_t *shape);

/// True when the shapes have the same rank and dimensions.
bool sameShape(int32_t rankA, const int64_t *shapeA, int32_t rankB,
               const int64_t *shapeB);

} // namespace mlc::rt

#endif // MLC_RUNTIME_SRC_MEMORY_H
