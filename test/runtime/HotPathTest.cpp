//===- HotPathTest.cpp - a run allocates nothing --------------------------===//
//
// Counts every allocation the runtime can make (operator new is replaced;
// the runtime's aligned_alloc calls are wrapped at link time with
// -Wl,--wrap=aligned_alloc) while sessions run with caller-provided outputs.
// Not built with sanitizers, which replace the allocator themselves.
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include <atomic>
#include <cstdlib>
#include <new>

using namespace mlc::test;

namespace {
std::atomic<bool> counting{false};
std::atomic<int> allocations{0};

void count() {
  if (counting.load(std::memory_order_relaxed))
    allocations.fetch_add(1, std::memory_order_relaxed);
}
} // namespace

void *operator new(size_t size) {
  count();
  if (void *p = std::malloc(size ? size : 1))
    return p;
  throw std::bad_alloc();
}
void operator delete(void *p) noexcept { std::free(p); }
void operator delete(void *p, size_t) noexcept { std::free(p); }

extern "C" void *__real_aligned_alloc(size_t alignment, size_t size);
extern "C" void *__wrap_aligned_alloc(size_t alignment, size_t size) {
  count();
  return __real_aligned_alloc(alignment, size);
}

TEST_CASE("runs with caller outputs do not allocate", "[hotpath]") {
  ModelPtr model = openModel(mlc_stats_model());
  SessionPtr session = makeSession(model.get(), 2);
  std::vector<float> x = randomFloats(MLC_STATS_ROWS * MLC_STATS_COLS, 3);
  std::vector<int64_t> argmax(MLC_STATS_ROWS), positives(1);
  TensorPtr tx = wrap(MLC_DTYPE_FLOAT32, {MLC_STATS_ROWS, MLC_STATS_COLS}, x);
  TensorPtr ta = wrap(MLC_DTYPE_INT64, {MLC_STATS_ROWS}, argmax);
  TensorPtr tp = wrap(MLC_DTYPE_INT64, {}, positives);
  mlc_tensor *inputs[1] = {tx.get()};
  mlc_tensor *outputs[2] = {ta.get(), tp.get()};
  const char *names[1] = {"x"};
  const char *outNames[1] = {"argmax"};
  mlc_tensor *someOutputs[1] = {ta.get()};
  // Warm up: starts the pool and the threads' state.
  REQUIRE(mlc_session_run(session.get(), inputs, 1, outputs, 2) == MLC_OK);

  counting = true;
  int failures = 0;
  for (int i = 0; i < 100; ++i) {
    failures += mlc_session_run(session.get(), inputs, 1, outputs, 2) != MLC_OK;
    failures += mlc_session_run_named(session.get(), names, inputs, 1, outNames,
                                      someOutputs, 1) != MLC_OK;
    failures += mlc_session_run(session.get(), inputs, 0, outputs, 2) !=
                MLC_COUNT_MISMATCH; // errors do not allocate either
  }
  counting = false;
  CHECK(failures == 0);
  CHECK(allocations == 0);

  // A runtime-owned output is the one allocation a run makes (two: the
  // handle and the buffer).
  allocations = 0;
  mlc_tensor *owned[2] = {ta.get(), nullptr};
  counting = true;
  mlc_status status = mlc_session_run(session.get(), inputs, 1, owned, 2);
  counting = false;
  REQUIRE(status == MLC_OK);
  TensorPtr created(owned[1]);
  CHECK(allocations > 0);
}
