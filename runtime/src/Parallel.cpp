//===- Parallel.cpp - mlc_rt_parallel_for, the kernels' parallel loop -----===//
//
// With MLC_PROFILE set in the environment, every call is timed and, at
// process exit, a table of the kernels' parallel loops (by symbol: the
// model's tag and the loop's number) goes to standard error: calls, total
// and mean time, share. Loops too small to be parallel run inline in the
// model's entry function and are not in the table.
//
//===----------------------------------------------------------------------===//

#include "ExecContext.h"
#include "ThreadPool.h"
#include "mlc/runtime.h"

#include <dlfcn.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>
#include <vector>

using namespace mlc::rt;

namespace {

struct Profile {
  struct Entry {
    uint64_t calls = 0, ns = 0, order = 0;
  };
  std::mutex mutex;
  std::map<void *, Entry> entries;

  static Profile *get() {
    static Profile *profile = [] {
      const char *env = std::getenv("MLC_PROFILE");
      if (!env || !*env || std::string(env) == "0")
        return static_cast<Profile *>(nullptr);
      std::atexit([] { get()->print(); });
      return new Profile();
    }();
    return profile;
  }

  void add(void *body, uint64_t ns) {
    std::lock_guard<std::mutex> lock(mutex);
    Entry &e = entries[body];
    if (e.calls == 0)
      e.order = entries.size();
    ++e.calls;
    e.ns += ns;
  }

  void print() {
    std::lock_guard<std::mutex> lock(mutex);
    std::vector<std::pair<void *, Entry>> rows(entries.begin(), entries.end());
    std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
      return a.second.ns > b.second.ns;
    });
    uint64_t total = 0;
    for (auto &[body, e] : rows)
      total += e.ns;
    std::fprintf(stderr,
                 "MLC_PROFILE: parallel kernel loops, by total time\n"
                 "  %-40s %5s %8s %12s %10s %6s\n",
                 "loop", "first", "calls", "total ms", "mean ms", "share");
    for (auto &[body, e] : rows) {
      Dl_info info{};
      std::string name = "?";
      if (dladdr(body, &info)) {
        if (info.dli_sname) {
          name = info.dli_sname;
        } else if (info.dli_fname) {
          // A local symbol: the file and the offset (`nm` names it).
          std::string file = info.dli_fname;
          char offset[32];
          std::snprintf(
              offset, sizeof offset, "+0x%llx",
              (unsigned long long)((char *)body - (char *)info.dli_fbase));
          name = file.substr(file.rfind('/') + 1) + offset;
        }
      }
      std::fprintf(stderr, "  %-40s %5llu %8llu %12.3f %10.4f %5.1f%%\n",
                   name.c_str(), (unsigned long long)e.order,
                   (unsigned long long)e.calls, e.ns / 1e6,
                   e.ns / 1e6 / e.calls, total ? 100.0 * e.ns / total : 0.0);
    }
  }
};

} // namespace

// Exported like the public API (model_abi.h does not say so): the kernels
// of every model.so in the process must bind to the one copy that the API
// calls bind to, so that all models share one pool.
extern "C" MLC_API void mlc_rt_parallel_for(mlc_exec_ctx *ctx, int64_t n,
                                            mlc_parallel_body body,
                                            void *captures) {
  if (!body || n <= 0)
    return;
  Profile *profile = Profile::get();
  auto start = profile ? std::chrono::steady_clock::now()
                       : std::chrono::steady_clock::time_point();
  int threads = ctx ? ctx->threads : 1;
  if (threads <= 1)
    body(captures, 0, n);
  else
    ThreadPool::get().parallelFor(threads, n, body, captures);
  if (profile)
    profile->add(reinterpret_cast<void *>(body),
                 std::chrono::duration_cast<std::chrono::nanoseconds>(
                     std::chrono::steady_clock::now() - start)
                     .count());
}
