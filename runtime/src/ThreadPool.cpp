//===- ThreadPool.cpp - the process-wide worker pool ----------------------===//

#include "ThreadPool.h"

#include <algorithm>
#include <atomic>
#include <sched.h>
#include <system_error>

using namespace mlc::rt;

namespace {
/// Set while this thread runs a chunk: a nested parallelFor runs serially.
thread_local bool tlsInChunk = false;

/// About 50 microseconds of spinning before an idle worker sleeps.
constexpr int kSpinIterations = 20000;

inline void spinPause() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#else
  std::this_thread::yield();
#endif
}
} // namespace

/// A parallelFor in flight; lives on the caller's stack.
struct ThreadPool::Job {
  mlc_parallel_body body;
  void *captures;
  int64_t n;
  int64_t chunks;
  /// The next chunk to claim.
  std::atomic<int64_t> nextChunk{0};
  // Guarded by the pool's mutex.
  int helpersWanted = 0;
  int helpersJoined = 0;
  /// Changed under the pool's mutex; the caller also reads it without the
  /// mutex while it spins for the helpers to finish.
  std::atomic<int> helpersActive{0};
  bool linked = false;
  Job *prev = nullptr;
  Job *next = nullptr;
};

int mlc::rt::hostCores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    int count = CPU_COUNT(&set);
    if (count > 0)
      return count;
  }
  unsigned count = std::thread::hardware_concurrency();
  return count > 0 ? static_cast<int>(count) : 1;
}

int64_t mlc::rt::numChunks(int64_t n, int threads) {
  if (n <= 0)
    return 0;
  // Several chunks per thread: a helper that wakes late takes fewer of them
  // while the caller keeps going (iterations write disjoint outputs, so the
  // results do not depend on the split).
  if (threads <= 1)
    return 1;
  return std::min<int64_t>(n, 4 * static_cast<int64_t>(threads));
}

void mlc::rt::chunkBounds(int64_t n, int64_t chunks, int64_t chunk,
                          int64_t &begin, int64_t &end) {
  // The first n % chunks chunks take one iteration more.
  int64_t base = n / chunks, extra = n % chunks;
  begin = chunk * base + std::min(chunk, extra);
  end = begin + base + (chunk < extra ? 1 : 0);
}

void mlc::rt::runSerially(int threads, int64_t n, mlc_parallel_body body,
                          void *captures) {
  int64_t chunks = numChunks(n, threads);
  for (int64_t chunk = 0; chunk < chunks; ++chunk) {
    int64_t begin, end;
    chunkBounds(n, chunks, chunk, begin, end);
    body(captures, begin, end);
  }
}

ThreadPool &ThreadPool::get() {
  // Never destroyed before exit; its destructor joins the idle workers (at
  // exit, or when a dlopen'ed model.so holding it is unloaded).
  static ThreadPool pool(hostCores() - 1);
  return pool;
}

ThreadPool::ThreadPool(int numWorkers) {
  for (int i = 0; i < numWorkers; ++i) {
    try {
      workers.emplace_back([this] { workerLoop(); });
    } catch (const std::system_error &) {
      break; // Fewer workers only make runs slower, never wrong.
    }
  }
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex);
    stopping = true;
    stopRequested.store(true, std::memory_order_relaxed);
  }
  workAvailable.notify_all();
  for (std::thread &worker : workers)
    worker.join();
}

void ThreadPool::unlink(Job &job) {
  queued.fetch_sub(1, std::memory_order_relaxed);
  (job.prev ? job.prev->next : head) = job.next;
  (job.next ? job.next->prev : tail) = job.prev;
  job.prev = job.next = nullptr;
  job.linked = false;
}

void ThreadPool::runChunks(Job &job) {
  bool wasInChunk = tlsInChunk;
  tlsInChunk = true;
  for (;;) {
    int64_t chunk = job.nextChunk.fetch_add(1, std::memory_order_relaxed);
    if (chunk >= job.chunks)
      break;
    int64_t begin, end;
    chunkBounds(job.n, job.chunks, chunk, begin, end);
    job.body(job.captures, begin, end);
  }
  tlsInChunk = wasInChunk;
}

void ThreadPool::workerLoop() {
  std::unique_lock<std::mutex> lock(mutex);
  for (;;) {
    if (!stopping && !head) {
      // Spin a little before sleeping: models run kernel after kernel, and
      // waking a sleeping thread costs tens of microseconds.
      lock.unlock();
      for (int i = 0; i < kSpinIterations &&
                      queued.load(std::memory_order_relaxed) == 0 &&
                      !stopRequested.load(std::memory_order_relaxed);
           ++i)
        spinPause();
      lock.lock();
    }
    workAvailable.wait(lock, [this] { return stopping || head; });
    if (stopping)
      return;
    Job &job = *head;
    ++job.helpersJoined;
    ++job.helpersActive;
    if (job.helpersJoined == job.helpersWanted)
      unlink(job);
    lock.unlock();
    runChunks(job);
    lock.lock();
    // The caller may return (and free the job) once this reaches zero.
    if (--job.helpersActive == 0)
      helperLeft.notify_all();
  }
}

void ThreadPool::parallelFor(int threads, int64_t n, mlc_parallel_body body,
                             void *captures) {
  int64_t chunks = numChunks(n, threads);
  if (chunks <= 1 || tlsInChunk || workers.empty()) {
    runSerially(threads, n, body, captures);
    return;
  }
  Job job;
  job.body = body;
  job.captures = captures;
  job.n = n;
  job.chunks = chunks;
  job.helpersWanted = static_cast<int>(std::min<int64_t>(
      {chunks - 1, threads - 1, static_cast<int64_t>(workers.size())}));
  {
    std::lock_guard<std::mutex> lock(mutex);
    job.prev = tail;
    (tail ? tail->next : head) = &job;
    tail = &job;
    job.linked = true;
    queued.fetch_add(1, std::memory_order_relaxed);
  }
  for (int i = 0; i < job.helpersWanted; ++i)
    workAvailable.notify_one();

  runChunks(job);

  // All chunks are claimed; wait for the helpers still running theirs:
  // spinning first (a helper usually ends within microseconds of the
  // caller: sleeping on the condition variable and being woken would cost
  // tens of them, per kernel), then under the mutex, where the final check
  // is (a helper may still join the job until it is unlinked).
  for (int i = 0; i < kSpinIterations &&
                  job.helpersActive.load(std::memory_order_acquire) != 0;
       ++i)
    spinPause();
  std::unique_lock<std::mutex> lock(mutex);
  if (job.linked)
    unlink(job);
  helperLeft.wait(lock, [&job] { return job.helpersActive == 0; });
}
