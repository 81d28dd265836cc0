//===- Runner.h - measuring a candidate in an isolated child process ------===//
//
// A candidate (a model.so running one kernel) is timed by `mlc-run
// --benchmark` in a child process: a crash, a hang or an error in the
// candidate marks that candidate failed, with its reason, and the tuner goes
// on. The child is killed (its whole process group) after the timeout.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_TUNER_RUNNER_H
#define MLC_TUNER_RUNNER_H

#include <string>
#include <vector>

namespace mlc::tuner {

struct MeasureOptions {
  /// The mlc-run executable.
  std::string mlcRun;
  int threads = 1;
  /// Untimed runs, then at least `runs` timed runs adding up to at least
  /// `minTimeMs` (like TVM's min_repeat_ms).
  unsigned warmup = 3, runs = 10;
  double minTimeMs = 50;
  /// Kill the child after this many seconds.
  double timeoutSeconds = 10;
  /// Evict the caches before every timed run.
  bool flushCache = false;
  /// Test only: "segv" or "hang" makes the child crash or hang.
  std::string injectFault;
  /// When set (a directory written by writeReference), the candidate runs
  /// on the reference's inputs first and must reproduce its outputs within
  /// rtol/atol, else it fails as a wrong result.
  std::string referenceDir;
  double rtol = 1e-3, atol = 1e-3;
};

/// The outcome of one measurement.
struct Measurement {
  bool ok = false;
  /// Median latency of the timed runs (ok).
  double medianMs = 0;
  /// Why it failed: "timeout after 10 s", "crashed: signal 11 (SIGSEGV)",
  /// "exited with status 1: <its last error line>".
  std::string error;
};

/// Measures the model.so at `library` (symbol tag `tag`).
Measurement measure(const std::string &library, const std::string &tag,
                    const MeasureOptions &options);

/// Runs `library` once on pseudo-random inputs and writes them and its
/// outputs to `dir` (input_<i>.pb, output_<i>.pb): the reference the
/// candidates of its task are checked against. ok/error as measure().
Measurement writeReference(const std::string &library, const std::string &tag,
                           const std::string &dir,
                           const MeasureOptions &options);

} // namespace mlc::tuner

#endif // MLC_TUNER_RUNNER_H
