//===- Tuner.cpp - the tuning loop -----------------------------------------===//

#include "tuner/Tuner.h"
#include "tuner/CostModel.h"
#include "tuner/Database.h"
#include "tuner/EvolutionarySearch.h"
#include "tuner/Features.h"
#include "tuner/SearchSpace.h"
#include "tuner/TaskScheduler.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <set>
#include <thread>

namespace mlc::tuner {

namespace {

using Clock = std::chrono::steady_clock;

std::string duration(double seconds) {
  if (!(seconds >= 0) || seconds > 1e7)
    return "--:--";
  long s = (long)std::lround(seconds);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof(buf), "%ld:%02ld:%02ld", s / 3600, s / 60 % 60,
                  s % 60);
  else
    std::snprintf(buf, sizeof(buf), "%02ld:%02ld", s / 60, s % 60);
  return buf;
}

/// Per-task state during the run.
struct TaskState {
  std::unique_ptr<SearchSpace> space;
  std::vector<std::pair<Schedule, double>> measured; // inf: failed
  /// The cost model's features of each measured schedule (same order).
  std::vector<std::vector<float>> features;
  std::set<uint64_t> measuredHashes;
  bool haveDefault = false;
  /// The reference outputs of this run (empty: not made yet; "-": none).
  std::string referenceDir;
  double defaultMs = 0, bestMs = 0;
  Schedule best;
  int64_t trials = 0, failed = 0;
};

class Loop {
public:
  Loop(const std::vector<TuneTask> &tasks, const Target &target, Database &db,
       const BuildFn &build, const TuneOptions &options, llvm::raw_ostream &log,
       TuneSummary &summary)
      : tasks(tasks), target(target), db(db), build(build), options(options),
        log(log), summary(summary), fingerprint(target.fingerprint()) {}

  bool run(std::string &error);

private:
  bool init(std::string &error);
  void learn();
  double modelEstimate() const;
  std::vector<Schedule> propose(int t, int count);
  bool runRound(int t, const std::vector<Schedule> &candidates,
                std::string &error);
  bool record(int t, const Schedule &s, const Measurement &m,
              std::string &error);
  void progress(int t, bool final);

  const std::vector<TuneTask> &tasks;
  const Target &target;
  Database &db;
  const BuildFn &build;
  const TuneOptions &options;
  llvm::raw_ostream &log;
  TuneSummary &summary;
  std::string fingerprint;
  std::vector<TaskState> state;
  std::unique_ptr<CostModel> model;
  std::unique_ptr<TaskScheduler> scheduler;
  int64_t trialsDone = 0; // records of these tasks, resumed ones included
  Clock::time_point start = Clock::now();
  uint64_t round = 0;
  bool warnedSave = false;
};

bool Loop::init(std::string &error) {
  if (options.costModel != "xgb" && options.costModel != "random") {
    error = "unknown cost model '" + options.costModel + "' (xgb or random)";
    return false;
  }
  model = createCostModel(options.costModel, options.seed, error);
  if (!model)
    return false;
  if (!options.costModelPath.empty() &&
      llvm::sys::fs::exists(options.costModelPath)) {
    std::string loadError;
    if (!model->load(options.costModelPath, loadError))
      log << "mlc-tune: warning: cannot load the cost model "
          << options.costModelPath << " (" << loadError
          << "); it is retrained from the records\n";
  }
  std::vector<double> weights, flops;
  for (const TuneTask &t : tasks) {
    TaskState s;
    s.space = createSearchSpace(t.task, target, error);
    if (!s.space) {
      error = t.task.description + ": " + error;
      return false;
    }
    // What the records already hold for this task on this target.
    for (const Record *r : db.records(t.task.hash, fingerprint)) {
      double ms = r->ok() ? r->latencyMs
                          : std::numeric_limits<double>::infinity();
      s.measured.push_back({r->schedule, ms});
      s.features.push_back(extractFeatures(t.task, r->schedule, target));
      s.measuredHashes.insert(r->schedule.hash());
      ++s.trials;
      if (!r->ok())
        ++s.failed;
      if (r->schedule.empty() && r->ok()) {
        s.haveDefault = true;
        s.defaultMs = r->latencyMs;
      }
      if (r->ok() && (s.bestMs == 0 || r->latencyMs < s.bestMs)) {
        s.bestMs = r->latencyMs;
        s.best = r->schedule;
      }
    }
    trialsDone += s.trials;
    state.push_back(std::move(s));
    weights.push_back((double)t.task.weight);
    flops.push_back(t.task.flops);
  }
  summary.resumedTrials = trialsDone;
  scheduler = std::make_unique<TaskScheduler>(weights, flops);
  if (trialsDone > 0) {
    log << "mlc-tune: resuming: " << trialsDone
        << " trials of these tasks are already in the records\n";
    learn();
  }
  return true;
}

/// Trains the cost model on every record of these tasks (labels: the
/// task's best latency / this latency; 0 for failures).
void Loop::learn() {
  std::vector<std::vector<float>> features;
  std::vector<float> labels;
  std::vector<int> groups;
  for (size_t t = 0; t < tasks.size(); ++t) {
    const TaskState &s = state[t];
    for (const auto &[i, entry] : llvm::enumerate(s.measured)) {
      double ms = entry.second;
      features.push_back(s.features[i]);
      labels.push_back(std::isfinite(ms) && s.bestMs > 0
                           ? (float)(s.bestMs / ms)
                           : 0.0f);
      groups.push_back((int)t);
    }
  }
  if (features.empty())
    return;
  model->update(features, labels, groups);
}

double Loop::modelEstimate() const {
  double total = 0;
  for (size_t t = 0; t < tasks.size(); ++t) {
    if (state[t].bestMs <= 0)
      return 0;
    total += state[t].bestMs * tasks[t].task.weight;
  }
  return total;
}

std::vector<Schedule> Loop::propose(int t, int count) {
  TaskState &s = state[t];
  const int want = count;
  Rng rng(options.seed * 0x9E3779B97F4A7C15ull ^ (round * 1315423911ull) ^
          (uint64_t)t);
  std::vector<Schedule> out;
  // The default heuristic first.
  if (!s.measuredHashes.count(Schedule().hash())) {
    out.push_back(Schedule());
    --count;
  }
  if (count <= 0)
    return out;
  if (options.costModel == "random") {
    // Random search: uniform samples of the space not measured yet.
    std::set<uint64_t> seen = s.measuredHashes;
    for (int tries = 0; (int)out.size() < want && tries < want * 50;
         ++tries) {
      Schedule c = s.space->sample(rng);
      if (c.empty() || !seen.insert(c.hash()).second)
        continue;
      out.push_back(c);
    }
    return out;
  }
  SearchOptions so;
  so.count = count;
  std::vector<Schedule> found = proposeCandidates(
      *s.space, tasks[t].task, target, *model, s.measured, s.measuredHashes,
      so, rng);
  out.insert(out.end(), found.begin(), found.end());
  return out;
}

bool Loop::record(int t, const Schedule &s, const Measurement &m,
                  std::string &error) {
  TaskState &ts = state[t];
  Record r;
  r.workload = tasks[t].task.hash;
  r.key = tasks[t].task.key;
  r.target = fingerprint;
  r.schedule = s;
  r.status = m.ok ? Record::Status::Ok : Record::Status::Failed;
  r.latencyMs = m.ok ? m.medianMs : 0;
  r.error = m.error;
  r.trial = trialsDone;
  r.seed = options.seed;
  r.time = (int64_t)std::time(nullptr);
  if (!db.append(r, error))
    return false;
  ++trialsDone;
  ++summary.trials;
  ++ts.trials;
  ts.measured.push_back(
      {s, m.ok ? m.medianMs : std::numeric_limits<double>::infinity()});
  ts.features.push_back(extractFeatures(tasks[t].task, s, target));
  ts.measuredHashes.insert(s.hash());
  if (!m.ok) {
    ++ts.failed;
    ++summary.failed;
    std::string line = "trial " + std::to_string(r.trial) + " (task " +
                       std::to_string(t) + ", " + s.str() + "): " + m.error;
    summary.failures.push_back(line);
    log << "\r\033[K" << "mlc-tune: candidate failed: " << line << "\n";
    return true;
  }
  if (s.empty()) {
    ts.haveDefault = true;
    ts.defaultMs = m.medianMs;
  }
  if (ts.bestMs == 0 || m.medianMs < ts.bestMs) {
    ts.bestMs = m.medianMs;
    ts.best = s;
  }
  CurvePoint p;
  p.trial = trialsDone;
  p.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  p.modelMs = modelEstimate();
  if (p.modelMs > 0)
    summary.curve.push_back(p);
  return true;
}

bool Loop::runRound(int t, const std::vector<Schedule> &candidates,
                    std::string &error) {
  TaskState &ts = state[t];
  if (options.checkResults && ts.referenceDir.empty()) {
    // The default schedule's outputs on pseudo-random inputs.
    std::string tag = "ref" + std::to_string(t);
    std::string lib = options.workDir + "/" + tag + ".so";
    std::string dir = options.workDir + "/" + tag;
    std::string buildError;
    Measurement ref;
    if (!build(tasks[t], Schedule(), lib, tag, buildError))
      ref.error = "build failed: " + buildError;
    else
      ref = writeReference(lib, tag, dir, options.measure);
    llvm::sys::fs::remove(lib);
    llvm::sys::fs::remove(options.workDir + "/" + tag + ".h");
    if (ref.ok) {
      ts.referenceDir = dir;
    } else {
      ts.referenceDir = "-";
      log << "\r\033[K" << "mlc-tune: warning: task " << t
          << ": no reference outputs (" << ref.error
          << "); its candidates are timed without checking their results\n";
    }
  }
  // Build in parallel.
  size_t n = candidates.size();
  std::vector<std::string> libs(n), tags(n), buildErrors(n);
  std::vector<char> built(n, 0);
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next++) < n;) {
      tags[i] = "t" + std::to_string(trialsDone + (int64_t)i);
      libs[i] = options.workDir + "/" + tags[i] + ".so";
      built[i] = build(tasks[t], candidates[i], libs[i], tags[i],
                       buildErrors[i]);
    }
  };
  std::vector<std::thread> workers;
  int jobs = std::max(1, std::min<int>(options.buildJobs, (int)n));
  for (int j = 1; j < jobs; ++j)
    workers.emplace_back(worker);
  worker();
  for (std::thread &w : workers)
    w.join();
  // Measure one at a time.
  for (size_t i = 0; i < n; ++i) {
    Measurement m;
    if (!built[i]) {
      m.error = "build failed: " + buildErrors[i];
    } else {
      MeasureOptions mo = options.measure;
      if (ts.referenceDir != "-")
        mo.referenceDir = ts.referenceDir;
      auto fault = options.injectFaults.find(trialsDone);
      if (fault != options.injectFaults.end())
        mo.injectFault = fault->second;
      m = measure(libs[i], tags[i], mo);
      // A new best by more than 10% is measured again (noise must not
      // win): the slower of the two medians counts.
      if (m.ok && ts.bestMs > 0 && m.medianMs < 0.9 * ts.bestMs) {
        Measurement again = measure(libs[i], tags[i], mo);
        if (!again.ok)
          m = again;
        else
          m.medianMs = std::max(m.medianMs, again.medianMs);
      }
    }
    llvm::sys::fs::remove(libs[i]);
    llvm::sys::fs::remove(options.workDir + "/" + tags[i] + ".h");
    if (!record(t, candidates[i], m, error))
      return false;
    if (options.interactive)
      progress(t, false);
  }
  return true;
}

void Loop::progress(int t, bool final) {
  const TaskState &s = state[t];
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  int64_t done = summary.trials;
  int64_t left = std::max<int64_t>(0, options.trials - trialsDone);
  double eta = done > 0 ? elapsed / done * left : -1;
  if (options.timeBudgetSeconds > 0)
    eta = std::min(eta < 0 ? 1e9 : eta,
                   std::max(0.0, options.timeBudgetSeconds - elapsed));
  std::string line;
  llvm::raw_string_ostream os(line);
  os << llvm::format("[%lld/%lld trials] task %d/%zu ", (long long)trialsDone,
                     (long long)options.trials, t + 1, tasks.size())
     << tasks[t].task.description;
  if (s.bestMs > 0) {
    os << llvm::format(": best %.4f ms", s.bestMs);
    if (s.defaultMs > 0)
      os << llvm::format(" (default %.4f, %.2fx)", s.defaultMs,
                         s.defaultMs / s.bestMs);
  }
  double est = modelEstimate();
  if (est > 0)
    os << llvm::format(" | model ~%.3f ms", est);
  os << " | " << duration(elapsed) << " elapsed, ETA " << duration(eta);
  if (summary.failed)
    os << " | " << summary.failed << " failed";
  if (options.interactive && !final)
    log << "\r\033[K" << line;
  else
    log << (options.interactive ? "\r\033[K" : "") << line << "\n";
  log.flush();
}

bool Loop::run(std::string &error) {
  if (!init(error))
    return false;
  if (trialsDone >= options.trials)
    log << "mlc-tune: " << trialsDone << " trials already recorded (--trials="
        << options.trials << "): nothing to measure\n";
  size_t lastTrained = 0;
  while (trialsDone < options.trials) {
    double elapsed =
        std::chrono::duration<double>(Clock::now() - start).count();
    if (options.timeBudgetSeconds > 0 && elapsed >= options.timeBudgetSeconds) {
      log << "\r\033[K" << "mlc-tune: time budget of "
          << options.timeBudgetSeconds << " s reached\n";
      break;
    }
    int t = scheduler->next();
    if (t < 0)
      break;
    int count = (int)std::min<int64_t>(options.batch,
                                       options.trials - trialsDone);
    std::vector<Schedule> candidates = propose(t, count);
    ++round;
    if (candidates.empty()) {
      // The space is exhausted (every point measured).
      scheduler->markDone(t);
      continue;
    }
    if (!runRound(t, candidates, error))
      return false;
    scheduler->update(t, (int)state[t].trials,
                      state[t].bestMs > 0
                          ? state[t].bestMs
                          : std::numeric_limits<double>::infinity());
    if (state[t].measuredHashes.size() >= state[t].space->size() + 1)
      scheduler->markDone(t);
    progress(t, true);
    size_t measured = 0;
    for (const TaskState &s : state)
      measured += s.measured.size();
    if (measured != lastTrained) {
      learn();
      lastTrained = measured;
      if (!options.costModelPath.empty() && options.costModel == "xgb") {
        // Before its first training there is nothing to save.
        std::string saveError;
        if (!model->save(options.costModelPath, saveError) &&
            saveError.find("not been trained") == std::string::npos &&
            !warnedSave) {
          log << "\r\033[K" << "mlc-tune: warning: cannot save the cost model: "
              << saveError << "\n";
          warnedSave = true;
        }
      }
    }
  }
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  for (const TaskState &s : state) {
    TaskOutcome o;
    o.defaultMs = s.defaultMs;
    o.bestMs = s.bestMs;
    o.best = s.best;
    o.trials = s.trials;
    o.failed = s.failed;
    summary.tasks.push_back(o);
  }
  return true;
}

} // namespace

bool tune(const std::vector<TuneTask> &tasks, const Target &target,
          Database &db, const BuildFn &build, const TuneOptions &options,
          llvm::raw_ostream &log, TuneSummary &summary, std::string &error) {
  summary = TuneSummary();
  if (tasks.empty()) {
    error = "the model has no tunable kernels";
    return false;
  }
  Loop loop(tasks, target, db, build, options, log, summary);
  return loop.run(error);
}

} // namespace mlc::tuner
