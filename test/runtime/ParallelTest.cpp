//===- ParallelTest.cpp - mlc_rt_parallel_for and the shared pool ---------===//

#include "TestUtil.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>

using namespace mlc::test;

namespace {

/// What the probe model's entry does: a parallel loop over n whose chunks
/// are recorded (and, if nested, each chunk runs a loop over 5 itself).
struct Chunk {
  int64_t begin, end;
  std::thread::id thread;
  int depth;
  bool operator<(const Chunk &other) const {
    return std::tie(depth, begin, end) <
           std::tie(other.depth, other.begin, other.end);
  }
};
struct Probe {
  int64_t n = 0;
  bool nested = false;
  mlc_exec_ctx *ctx = nullptr;
  std::mutex mutex;
  std::vector<Chunk> chunks;
  std::vector<std::atomic<int>> visits = std::vector<std::atomic<int>>(64);
};
Probe probe;

void record(int depth, int64_t begin, int64_t end) {
  std::lock_guard<std::mutex> lock(probe.mutex);
  probe.chunks.push_back({begin, end, std::this_thread::get_id(), depth});
}

/// captures: the thread of the enclosing chunk.
void innerBody(void *captures, int64_t begin, int64_t end) {
  record(1, begin, end);
  if (*static_cast<std::thread::id *>(captures) != std::this_thread::get_id())
    record(2, begin, end); // flags a nested chunk that left its thread
}

void outerBody(void *, int64_t begin, int64_t end) {
  record(0, begin, end);
  for (int64_t i = begin; i < end; ++i)
    ++probe.visits[i];
  if (probe.nested) {
    std::thread::id self = std::this_thread::get_id();
    mlc_rt_parallel_for(probe.ctx, 5, innerBody, &self);
  }
}

int32_t probeEntry(void *const *, void *const *, void *, mlc_exec_ctx *ctx) {
  probe.ctx = ctx;
  mlc_rt_parallel_for(ctx, probe.n, outerBody, nullptr);
  return 0;
}

const mlc_model_desc kProbeDesc = {
    MLC_ABI_VERSION, "probe", 0, nullptr, 0, nullptr, 0, probeEntry};

/// Runs the probe with n iterations on a session of `threads` threads and
/// returns the chunks, sorted.
std::vector<Chunk> runProbe(int32_t threads, int64_t n, bool nested = false) {
  ModelPtr model = openModel(&kProbeDesc);
  SessionPtr session = makeSession(model.get(), threads);
  probe.n = n;
  probe.nested = nested;
  probe.chunks.clear();
  for (std::atomic<int> &visits : probe.visits)
    visits = 0;
  REQUIRE(mlc_session_run(session.get(), nullptr, 0, nullptr, 0) == MLC_OK);
  std::vector<Chunk> chunks = probe.chunks;
  std::sort(chunks.begin(), chunks.end());
  return chunks;
}

std::vector<std::pair<int64_t, int64_t>>
bounds(const std::vector<Chunk> &chunks, int depth) {
  std::vector<std::pair<int64_t, int64_t>> result;
  for (const Chunk &chunk : chunks)
    if (chunk.depth == depth)
      result.emplace_back(chunk.begin, chunk.end);
  return result;
}

using Bounds = std::vector<std::pair<int64_t, int64_t>>;

} // namespace

TEST_CASE("chunks depend only on n and the thread count", "[parallel]") {
  // One chunk on one thread; else 4 chunks per thread (at most one
  // iteration each), the first n % chunks of them one iteration longer.
  CHECK(bounds(runProbe(1, 10), 0) == Bounds{{0, 10}});
  CHECK(bounds(runProbe(2, 10), 0) == Bounds{{0, 2}, {2, 4}, {4, 5}, {5, 6},
                                             {6, 7}, {7, 8}, {8, 9}, {9, 10}});
  CHECK(bounds(runProbe(2, 16), 0) == Bounds{{0, 2}, {2, 4}, {4, 6}, {6, 8},
                                             {8, 10}, {10, 12}, {12, 14},
                                             {14, 16}});
  // More chunks than iterations: one iteration per chunk.
  CHECK(bounds(runProbe(8, 3), 0) == Bounds{{0, 1}, {1, 2}, {2, 3}});
  CHECK(runProbe(4, 0).empty());
  for (int repeat = 0; repeat < 20; ++repeat)
    CHECK(bounds(runProbe(3, 50), 0) ==
          Bounds{{0, 5}, {5, 10}, {10, 14}, {14, 18}, {18, 22}, {22, 26},
                 {26, 30}, {30, 34}, {34, 38}, {38, 42}, {42, 46}, {46, 50}});
}

TEST_CASE("every iteration runs once", "[parallel]") {
  int32_t threads = GENERATE(1, 2, 3, 4, 7);
  runProbe(threads, 64);
  for (const std::atomic<int> &visits : probe.visits)
    CHECK(visits == 1);
}

TEST_CASE("a session uses at most its thread count", "[parallel]") {
  for (int repeat = 0; repeat < 20; ++repeat) {
    std::vector<Chunk> chunks = runProbe(2, 64);
    std::set<std::thread::id> threads;
    for (const Chunk &chunk : chunks)
      threads.insert(chunk.thread);
    CHECK(threads.size() <= 2);
  }
}

TEST_CASE("nested loops run serially on the chunk's thread", "[parallel]") {
  std::vector<Chunk> chunks = runProbe(4, 8, /*nested=*/true);
  CHECK(bounds(chunks, 0) == Bounds{{0, 1}, {1, 2}, {2, 3}, {3, 4},
                                    {4, 5}, {5, 6}, {6, 7}, {7, 8}});
  // Each outer chunk ran the inner loop (over 5) in the same 5 chunks as a
  // top-level loop would: determinism does not depend on nesting.
  Bounds inner = bounds(chunks, 1);
  CHECK(inner.size() == 40);
  CHECK(std::count(inner.begin(), inner.end(),
                   std::pair<int64_t, int64_t>(0, 1)) == 8);
  CHECK(bounds(chunks, 2).empty()); // no inner chunk ran on another thread
}

TEST_CASE("thread counts 1, 2 and 4 give identical results", "[parallel]") {
  ModelPtr stats = openModel(mlc_stats_model());
  std::vector<float> x = randomFloats(MLC_STATS_ROWS * MLC_STATS_COLS, 7);
  TensorPtr tx = wrap(MLC_DTYPE_FLOAT32, {MLC_STATS_ROWS, MLC_STATS_COLS}, x);
  std::vector<std::vector<int64_t>> results;
  for (int32_t threads : {1, 2, 4}) {
    SessionPtr session = makeSession(stats.get(), threads);
    mlc_tensor *inputs[1] = {tx.get()};
    mlc_tensor *outputs[2] = {nullptr, nullptr};
    REQUIRE(mlc_session_run(session.get(), inputs, 1, outputs, 2) == MLC_OK);
    TensorPtr argmax(outputs[0]), positives(outputs[1]);
    std::vector<int64_t> result = elements<int64_t>(argmax.get());
    result.push_back(elements<int64_t>(positives.get())[0]);
    results.push_back(result);
  }
  CHECK(results[0] == results[1]);
  CHECK(results[0] == results[2]);
}

TEST_CASE("two models run concurrently on the shared pool", "[parallel]") {
  // Two "models" (descriptors) in one process, each run from its own app
  // thread with a multithreaded session: their loops interleave on the one
  // pool and every result must still be right.
  ModelPtr add = openModel(mlc_add_model());
  ModelPtr stats = openModel(mlc_stats_model());
  std::atomic<int> failures{0};

  auto runAdd = [&] {
    SessionPtr session = makeSession(add.get(), 4);
    std::vector<float> a = randomFloats(6, 1), b = randomFloats(6, 2);
    std::vector<float> sum(6);
    TensorPtr ta = wrap(MLC_DTYPE_FLOAT32, {2, 3}, a);
    TensorPtr tb = wrap(MLC_DTYPE_FLOAT32, {2, 3}, b);
    TensorPtr out = wrap(MLC_DTYPE_FLOAT32, {2, 3}, sum);
    mlc_tensor *inputs[2] = {ta.get(), tb.get()};
    mlc_tensor *outputs[1] = {out.get()};
    for (int i = 0; i < 300; ++i) {
      std::fill(sum.begin(), sum.end(), 0.0f);
      if (mlc_session_run(session.get(), inputs, 2, outputs, 1) != MLC_OK)
        ++failures;
      for (int k = 0; k < 6; ++k)
        if (sum[k] != a[k] + b[k])
          ++failures;
    }
  };
  auto runStats = [&] {
    SessionPtr session = makeSession(stats.get(), 3);
    std::vector<float> x(MLC_STATS_ROWS * MLC_STATS_COLS, -1.0f);
    for (int64_t row = 0; row < MLC_STATS_ROWS; ++row)
      x[row * MLC_STATS_COLS + (row * 7) % MLC_STATS_COLS] = 1.0f;
    TensorPtr tx = wrap(MLC_DTYPE_FLOAT32, {MLC_STATS_ROWS, MLC_STATS_COLS}, x);
    std::vector<int64_t> argmax(MLC_STATS_ROWS), positives(1);
    TensorPtr ta = wrap(MLC_DTYPE_INT64, {MLC_STATS_ROWS}, argmax);
    TensorPtr tp = wrap(MLC_DTYPE_INT64, {}, positives);
    mlc_tensor *inputs[1] = {tx.get()};
    mlc_tensor *outputs[2] = {ta.get(), tp.get()};
    for (int i = 0; i < 300; ++i) {
      std::fill(argmax.begin(), argmax.end(), -1);
      if (mlc_session_run(session.get(), inputs, 1, outputs, 2) != MLC_OK)
        ++failures;
      for (int64_t row = 0; row < MLC_STATS_ROWS; ++row)
        if (argmax[row] != (row * 7) % MLC_STATS_COLS)
          ++failures;
      if (positives[0] != MLC_STATS_ROWS)
        ++failures;
    }
  };
  std::vector<std::thread> apps;
  for (int i = 0; i < 2; ++i) {
    apps.emplace_back(runAdd);
    apps.emplace_back(runStats);
  }
  for (std::thread &app : apps)
    app.join();
  CHECK(failures == 0);
}
