//===- TwoModelsTest.cpp - two model.so files in one process --------------===//
//
// The app links libmlc_test_add.so and libmlc_test_stats.so, each a model
// with the whole runtime inside, as mlc-compile will package them. Both
// export the runtime's API; the dynamic linker binds every caller, the
// second model's kernels included, to the copy loaded first, so the process
// has one runtime state and one thread pool.
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include <dirent.h>
#include <dlfcn.h>
#include <sched.h>

using namespace mlc::test;

namespace {

int countThreads() {
  DIR *dir = opendir("/proc/self/task");
  REQUIRE(dir);
  int count = 0;
  while (dirent *entry = readdir(dir))
    count += entry->d_name[0] != '.';
  closedir(dir);
  return count;
}

int cores() {
  cpu_set_t set;
  REQUIRE(sched_getaffinity(0, sizeof(set), &set) == 0);
  return CPU_COUNT(&set);
}

} // namespace

TEST_CASE("both libraries export the runtime; one copy is bound",
          "[twomodels]") {
  void *addLib = dlopen("libmlc_test_add.so", RTLD_NOW | RTLD_NOLOAD);
  void *statsLib = dlopen("libmlc_test_stats.so", RTLD_NOW | RTLD_NOLOAD);
  REQUIRE(addLib);
  REQUIRE(statsLib);
  for (const char *symbol :
       {"mlc_model_open", "mlc_session_run", "mlc_status_message",
        "mlc_tensor_create", "mlc_rt_parallel_for"}) {
    INFO(symbol);
    void *addCopy = dlsym(addLib, symbol);
    void *statsCopy = dlsym(statsLib, symbol);
    REQUIRE(addCopy);
    REQUIRE(statsCopy);
    CHECK(addCopy != statsCopy);
    CHECK(dlsym(RTLD_DEFAULT, symbol) == addCopy);
  }
  // Internals stay hidden.
  CHECK(dlsym(statsLib, "_ZN3mlc2rt7successEv") == nullptr);
  dlclose(addLib);
  dlclose(statsLib);
}

TEST_CASE("the models share one thread pool", "[twomodels]") {
  int before = countThreads();
  ModelPtr add = openModel(mlc_add_model());
  ModelPtr stats = openModel(mlc_stats_model());

  SessionPtr addSession = makeSession(add.get(), 2);
  std::vector<float> a = randomFloats(6, 1), b = randomFloats(6, 2);
  TensorPtr ta = wrap(MLC_DTYPE_FLOAT32, {2, 3}, a);
  TensorPtr tb = wrap(MLC_DTYPE_FLOAT32, {2, 3}, b);
  mlc_tensor *addInputs[2] = {ta.get(), tb.get()};
  mlc_tensor *addOutputs[1] = {nullptr};
  REQUIRE(mlc_session_run(addSession.get(), addInputs, 2, addOutputs, 1) ==
          MLC_OK);
  TensorPtr sum(addOutputs[0]);
  CHECK(elements<float>(sum.get())[4] == a[4] + b[4]);
  int afterAdd = countThreads();
  CHECK(afterAdd - before == cores() - 1); // the pool started

  SessionPtr statsSession = makeSession(stats.get(), 2);
  std::vector<float> x(MLC_STATS_ROWS * MLC_STATS_COLS, 1.0f);
  TensorPtr tx = wrap(MLC_DTYPE_FLOAT32, {MLC_STATS_ROWS, MLC_STATS_COLS}, x);
  mlc_tensor *statsInputs[1] = {tx.get()};
  mlc_tensor *statsOutputs[2] = {nullptr, nullptr};
  REQUIRE(mlc_session_run(statsSession.get(), statsInputs, 1, statsOutputs,
                          2) == MLC_OK);
  TensorPtr argmax(statsOutputs[0]), positives(statsOutputs[1]);
  CHECK(elements<int64_t>(positives.get())[0] ==
        MLC_STATS_ROWS * MLC_STATS_COLS);
  // The stats kernels reached the add library's pool: no second pool.
  CHECK(countThreads() == afterAdd);
}
