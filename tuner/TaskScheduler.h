//===- TaskScheduler.h - which task to tune next
//---------------------------===//
//
// Spreads the trial budget of a model over its tasks by expected gain, in
// the manner of Ansor's gradient task scheduler. The objective is the
// model's latency, sum over tasks of weight * best latency. After one
// round-robin warm-up round, each round goes to the task with the largest
//
//   weight * (alpha * backward + (1 - alpha) * forward)
//
// where backward = (best[n-1-window] - best[n-1]) / window is how much the
// task gained per round lately, and forward = best / n is an optimistic
// guess of what one more round may gain (as if the latency could reach zero
// in as many rounds again). When flops are known, forward is scaled by
// 1 - throughput / (headroom * best throughput of any task): a task far
// below what others reach has more to gain than one near it. Tasks that have
// not improved for `patience` rounds drop to a lower tier, chosen only when
// every active task is in it; a task with `emptyRoundsToExhaust` rounds in a
// row that measured nothing is done. Everything is deterministic; ties go to
// the lowest index.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_TUNER_TASKSCHEDULER_H
#define MLC_TUNER_TASKSCHEDULER_H

#include <utility>
#include <vector>

namespace mlc::tuner {

/// The scheduler's knobs; the defaults are Ansor's where it has one.
struct TaskSchedulerOptions {
  /// Weight of the backward (observed) gradient against the forward guess.
  double alpha = 0.2;
  /// Rounds the backward gradient looks back.
  int window = 3;
  /// Rounds without improvement after which a task drops to the low tier.
  int patience = 8;
  /// Reports in a row with no new trial after which a task is done (its
  /// search space is exhausted).
  int emptyRoundsToExhaust = 3;
  /// Assumed reachable throughput, as a multiple of the best one seen.
  double throughputHeadroom = 2.0;
};

/// Picks the task to tune next. Not thread-safe.
class TaskScheduler {
public:
  /// `weights[i]`: how often one model run runs task i. `flops[i]` (optional,
  /// empty or one per task, 0 = unknown): operations of one run of task i.
  explicit TaskScheduler(std::vector<double> weights,
                         std::vector<double> flops = {},
                         TaskSchedulerOptions options = {});

  /// The index of the task to tune next, or -1 when every task is done.
  int next();

  /// Reports the round of `task` just tuned: the trials measured for it so
  /// far (a running total; a round that does not raise it measured nothing)
  /// and its best latency so far (infinity when it has none yet).
  void update(int task, int trialsDone, double bestLatencyMs);

  /// Takes `task` out of the schedule for good.
  void markDone(int task);

  /// Whether `task` is done (marked, or its space exhausted).
  bool isDone(int task) const;

  /// The priority next() gives `task` now: its tier (0 active, 1 stale) and
  /// its expected weighted gain per round. For logs and tests.
  std::pair<int, double> priority(int task) const;

private:
  struct TaskState {
    double weight = 1, flops = 0;
    std::vector<double> history; // best latency after each reported round
    int rounds = 0;              // times next() chose the task
    int roundsWithoutGain = 0, emptyRounds = 0, trials = 0;
    bool done = false;
  };
  double standIn() const;

  std::vector<TaskState> tasks_;
  TaskSchedulerOptions options_;
};

} // namespace mlc::tuner

#endif // MLC_TUNER_TASKSCHEDULER_H
