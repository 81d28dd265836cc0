//===- ThreadPool.h - the process-wide worker pool --------------*- C++ -*-===//
//
// One pool per process, created on first use with one worker per core less
// one: the thread that calls parallelFor works too. Every session shares it.
// Under ELF interposition all model.so files in a process call the same
// copy of this code, so "process-wide" holds across models.
//
// parallelFor splits [0, n) into min(n, threads) contiguous chunks whose
// bounds depend only on n and threads, so a kernel's result does not depend
// on which thread ran which chunk, on the core count, or on timing. The
// caller claims chunks like any helper; it never waits for a helper to
// start, so a run completes even when every worker is busy elsewhere. A
// call made from inside a chunk runs its chunks serially on that thread.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_RUNTIME_SRC_THREADPOOL_H
#define MLC_RUNTIME_SRC_THREADPOOL_H

#include "mlc/model_abi.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace mlc::rt {

/// The cores this process may run on (its CPU affinity), at least 1.
int hostCores();

/// The number of chunks parallelFor splits n iterations into.
int64_t numChunks(int64_t n, int threads);

/// The iterations [begin, end) of chunk `chunk` out of `chunks` over n.
void chunkBounds(int64_t n, int64_t chunks, int64_t chunk, int64_t &begin,
                 int64_t &end);

class ThreadPool {
public:
  /// The process's pool, started on first call.
  static ThreadPool &get();

  /// Runs body over [0, n) in numChunks(n, threads) chunks, using up to
  /// threads - 1 workers besides the calling thread. Returns when all
  /// chunks are done.
  void parallelFor(int threads, int64_t n, mlc_parallel_body body,
                   void *captures);

  /// Worker threads (the callers of parallelFor are extra).
  int numWorkers() const { return static_cast<int>(workers.size()); }

  ~ThreadPool();
  ThreadPool(const ThreadPool &) = delete;
  ThreadPool &operator=(const ThreadPool &) = delete;

private:
  struct Job;

  explicit ThreadPool(int numWorkers);
  void workerLoop();
  static void runChunks(Job &job);
  void unlink(Job &job);

  std::mutex mutex;
  /// Signals workers that a job was posted or the pool stops.
  std::condition_variable workAvailable;
  /// Signals callers that a helper left their job.
  std::condition_variable helperLeft;
  /// Jobs still accepting helpers, oldest first (intrusive: posting a job
  /// never allocates).
  Job *head = nullptr;
  Job *tail = nullptr;
  bool stopping = false;
  /// Jobs in the list and the stop request, read without the mutex by
  /// spinning workers.
  std::atomic<int> queued{0};
  std::atomic<bool> stopRequested{false};
  std::vector<std::thread> workers;
};

/// Runs body's chunks one after another on the calling thread.
void runSerially(int threads, int64_t n, mlc_parallel_body body,
                 void *captures);

} // namespace mlc::rt

#endif // MLC_RUNTIME_SRC_THREADPOOL_H
