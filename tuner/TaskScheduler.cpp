//===- TaskScheduler.cpp - which task to tune next
//-------------------------===//
//
// The gradient task scheduler described in TaskScheduler.h. A task with no
// valid measurement yet is scored as if its latency were the largest best
// latency of any task (it is probably as slow as the slowest one we know),
// so it keeps being tried until it measures something or goes stale.
//
//===----------------------------------------------------------------------===//

#include "tuner/TaskScheduler.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace mlc::tuner {

TaskScheduler::TaskScheduler(std::vector<double> weights,
                             std::vector<double> flops,
                             TaskSchedulerOptions options)
    : tasks_(weights.size()), options_(options) {
  assert((flops.empty() || flops.size() == weights.size()) &&
         "one flops count per task");
  options_.window = std::max(1, options_.window);
  options_.patience = std::max(1, options_.patience);
  options_.emptyRoundsToExhaust = std::max(1, options_.emptyRoundsToExhaust);
  for (size_t i = 0; i < tasks_.size(); ++i) {
    tasks_[i].weight = std::max(0.0, weights[i]);
    tasks_[i].flops = i < flops.size() ? std::max(0.0, flops[i]) : 0;
  }
}

double TaskScheduler::standIn() const {
  double largest = 0;
  for (const TaskState &t : tasks_)
    if (!t.history.empty() && std::isfinite(t.history.back()))
      largest = std::max(largest, t.history.back());
  return largest > 0 ? largest : 1.0;
}

std::pair<int, double> TaskScheduler::priority(int task) const {
  assert(task >= 0 && task < (int)tasks_.size());
  const TaskState &t = tasks_[task];
  if (t.done)
    return {2, 0.0};
  double unknown = standIn();
  auto latency = [&](double v) { return std::isfinite(v) ? v : unknown; };
  const std::vector<double> &h = t.history;
  size_t n = h.size();
  double best = n == 0 ? unknown : latency(h.back());

  // What the last `window` rounds gained, per round.
  double backward = 0;
  size_t w = options_.window;
  if (n > w)
    backward = std::max(0.0, latency(h[n - 1 - w]) - best) / w;

  // What one more round might gain: optimistic, and less so the closer the
  // task runs to the throughput deemed reachable (a multiple of the best one
  // any task has reached).
  double forward = best / std::max<size_t>(n, 1);
  if (t.flops > 0 && n > 0 && std::isfinite(h.back()) && h.back() > 0) {
    double peak = 0; // operations per ms
    for (const TaskState &o : tasks_)
      if (o.flops > 0 && !o.history.empty() &&
          std::isfinite(o.history.back()) && o.history.back() > 0)
        peak = std::max(peak, o.flops / o.history.back());
    double reachable = options_.throughputHeadroom * peak;
    double throughput = t.flops / h.back();
    forward *= std::clamp(1 - throughput / reachable, 0.0, 1.0);
  }

  double gain =
      t.weight * (options_.alpha * backward + (1 - options_.alpha) * forward);
  int tier = t.roundsWithoutGain >= options_.patience ? 1 : 0;
  return {tier, gain};
}

int TaskScheduler::next() {
  // Warm-up: every task once, in order.
  for (size_t i = 0; i < tasks_.size(); ++i) {
    if (!tasks_[i].done && tasks_[i].rounds == 0) {
      ++tasks_[i].rounds;
      return (int)i;
    }
  }
  int chosen = -1;
  std::pair<int, double> chosenPriority;
  for (size_t i = 0; i < tasks_.size(); ++i) {
    if (tasks_[i].done)
      continue;
    std::pair<int, double> p = priority((int)i);
    if (chosen < 0 || p.first < chosenPriority.first ||
        (p.first == chosenPriority.first && p.second > chosenPriority.second)) {
      chosen = (int)i;
      chosenPriority = p;
    }
  }
  if (chosen >= 0)
    ++tasks_[chosen].rounds;
  return chosen;
}

void TaskScheduler::update(int task, int trialsDone, double bestLatencyMs) {
  assert(task >= 0 && task < (int)tasks_.size());
  TaskState &t = tasks_[task];
  double previous = t.history.empty() ? std::numeric_limits<double>::infinity()
                                      : t.history.back();
  double best =
      std::isnan(bestLatencyMs) ? previous : std::min(bestLatencyMs, previous);
  t.history.push_back(best);
  t.roundsWithoutGain = best < previous ? 0 : t.roundsWithoutGain + 1;
  t.emptyRounds = trialsDone > t.trials ? 0 : t.emptyRounds + 1;
  t.trials = std::max(t.trials, trialsDone);
  if (t.emptyRounds >= options_.emptyRoundsToExhaust)
    t.done = true;
}

void TaskScheduler::markDone(int task) {
  assert(task >= 0 && task < (int)tasks_.size());
  tasks_[task].done = true;
}

bool TaskScheduler::isDone(int task) const {
  assert(task >= 0 && task < (int)tasks_.size());
  return tasks_[task].done;
}

} // namespace mlc::tuner
