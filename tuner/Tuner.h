//===- Tuner.h - the tuning loop: schedule, search, build, measure, record ===//
//
// One tuning run over the tasks of a model:
//
//   warm-up: every task's default schedule (the codegen's heuristic) is
//   measured first, so "tuned vs default" is always known;
//   then, round after round, the task scheduler picks a task by expected
//   gain; the search proposes a batch of unmeasured candidates (guided by
//   the cost model, or uniformly random); they are built in parallel and
//   measured one at a time in child processes; every outcome, failures
//   included, is appended to the records before the next round; the cost
//   model learns from all records of these tasks on this target.
//
// A killed run loses at most its candidates in flight: restarted with the
// same records file it counts the trials already there and goes on.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_TUNER_TUNER_H
#define MLC_TUNER_TUNER_H

#include "tuner/Runner.h"
#include "tuner/Task.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace mlc::tuner {

class Database;

/// A task and what its candidates are built from (opaque to the tuner).
struct TuneTask {
  Task task;
  std::string kernelModule;
};

/// Builds the candidate `schedule` of `task` into the model.so `library`
/// with symbol tag `tag`; false with `error` set when it cannot.
using BuildFn =
    std::function<bool(const TuneTask &task, const Schedule &schedule,
                       const std::string &library, const std::string &tag,
                       std::string &error)>;

struct TuneOptions {
  /// Trials in all (records already in the file for these tasks count).
  int64_t trials = 1000;
  /// Stop starting rounds after this many seconds (0: no limit).
  double timeBudgetSeconds = 0;
  uint64_t seed = 1;
  /// "xgb" (evolutionary search guided by XGBoost) or "random" (uniform
  /// samples of the space).
  std::string costModel = "xgb";
  /// Candidates measured per round, and built at once.
  int batch = 16, buildJobs = 2;
  MeasureOptions measure;
  /// Where candidates are built (removed after measurement).
  std::string workDir;
  /// Where the cost model is saved after each retraining and loaded from
  /// at the start (empty: not kept).
  std::string costModelPath;
  /// Test only: trial number -> fault ("segv", "hang") injected into that
  /// candidate's measurement.
  std::map<int64_t, std::string> injectFaults;
  /// A live status line on a terminal (else one line per round).
  bool interactive = false;
  /// Check every candidate's outputs against the default schedule's on the
  /// same pseudo-random inputs (within measure.rtol/atol): a candidate
  /// that computes something else fails as a wrong result.
  bool checkResults = true;
};

/// What one task got.
struct TaskOutcome {
  /// Latencies in ms (0: not measured), the best schedule, trials.
  double defaultMs = 0, bestMs = 0;
  Schedule best;
  int64_t trials = 0, failed = 0;
};

/// A point of the tuning curve: after `trial` trials (this run's and the
/// records'), the model's estimated latency: the sum over tasks of weight *
/// best latency (once every task has one).
struct CurvePoint {
  int64_t trial = 0;
  double seconds = 0, modelMs = 0;
};

struct TuneSummary {
  std::vector<TaskOutcome> tasks;
  std::vector<CurvePoint> curve;
  /// Trials found in the records at the start, and run now.
  int64_t resumedTrials = 0, trials = 0, failed = 0;
  double seconds = 0;
  /// One line per failed candidate: "trial 17 (task 3, mr=8,...): reason".
  std::vector<std::string> failures;
};

/// Runs the loop; progress goes to `log`. The target's fingerprint keys the
/// records. False with `error` set when it cannot start (a bad cost model
/// name, a space that cannot be built, a records file that cannot be
/// written).
bool tune(const std::vector<TuneTask> &tasks, const Target &target,
          Database &db, const BuildFn &build, const TuneOptions &options,
          llvm::raw_ostream &log, TuneSummary &summary, std::string &error);

} // namespace mlc::tuner

#endif // MLC_TUNER_TUNER_H
