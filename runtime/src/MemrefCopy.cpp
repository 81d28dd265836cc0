//===- MemrefCopy.cpp - strided copies called by generated code ------------===//
//
// MLIR lowers a memref.copy between non-contiguous views (slices of a
// padded tensor, a concat's destination, ...) to a call of `memrefCopy`
// with the ABI of MLIR's unranked memref descriptors. model.so provides it
// here, hidden: generated code binds to this copy, never the app's.
//
//===----------------------------------------------------------------------===//

#include <cstdint>
#include <cstring>

namespace {
/// MLIR's unranked memref: the rank and a pointer to the ranked descriptor
/// { allocated, aligned, offset, sizes[rank], strides[rank] }.
struct UnrankedMemRef {
  int64_t rank;
  void *descriptor;
};

struct View {
  char *base;
  const int64_t *sizes, *strides;
};

View view(const UnrankedMemRef *m, int64_t elemSize) {
  auto *words = static_cast<int64_t *>(m->descriptor);
  char *aligned = reinterpret_cast<char **>(m->descriptor)[1];
  int64_t offset = words[2];
  return {aligned + offset * elemSize, words + 3, words + 3 + m->rank};
}

void copy(const View &src, const View &dst, int64_t rank, int64_t dim,
          int64_t elemSize, const char *s, char *d) {
  if (dim == rank) {
    std::memcpy(d, s, elemSize);
    return;
  }
  for (int64_t i = 0; i < src.sizes[dim]; ++i)
    copy(src, dst, rank, dim + 1, elemSize,
         s + i * src.strides[dim] * elemSize,
         d + i * dst.strides[dim] * elemSize);
}
} // namespace

extern "C" __attribute__((visibility("hidden"))) void
memrefCopy(int64_t elemSize, UnrankedMemRef *src, UnrankedMemRef *dst) {
  View s = view(src, elemSize), d = view(dst, elemSize);
  for (int64_t i = 0; i < src->rank; ++i)
    if (s.sizes[i] == 0)
      return;
  copy(s, d, src->rank, 0, elemSize, s.base, d.base);
}
