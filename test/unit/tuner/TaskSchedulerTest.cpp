//===- TaskSchedulerTest.cpp - unit tests of the gradient task scheduler --===//
//
// The warm-up round, rounds going to the task whose weighted latency
// dominates, stale and exhausted tasks losing priority, ties and
// determinism, and -1 once every task is done. Tasks are simulated by
// latency curves that improve geometrically towards a floor per round.
//
//===----------------------------------------------------------------------===//

#include "tuner/TaskScheduler.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>

using namespace mlc::tuner;

namespace {

const double kInf = std::numeric_limits<double>::infinity();

/// A task whose best latency after r rounds is
/// start * (floor + (1 - floor) * decay^r).
struct SimTask {
  double start, floor = 0.5, decay = 0.8;
  int rounds = 0;
  double best() const {
    return start * (floor + (1 - floor) * std::pow(decay, rounds));
  }
};

/// Reports rounds by the trials each measured, keeping the running totals
/// that TaskScheduler::update takes.
class Reporter {
public:
  explicit Reporter(TaskScheduler &s) : s_(s) {}
  void report(int task, int measured, double bestMs) {
    total_[task] += measured;
    s_.update(task, total_[task], bestMs);
  }

private:
  TaskScheduler &s_;
  std::map<int, int> total_;
};

/// Runs `rounds` rounds; returns how many each task got, and the order.
std::vector<int> simulate(TaskScheduler &s, std::vector<SimTask> &tasks,
                          int rounds, std::vector<int> *order = nullptr) {
  std::vector<int> count(tasks.size());
  Reporter rs(s);
  for (int r = 0; r < rounds; ++r) {
    int t = s.next();
    if (t < 0)
      break;
    ++count[t];
    if (order)
      order->push_back(t);
    ++tasks[t].rounds;
    rs.report(t, 64, tasks[t].best());
  }
  return count;
}

TEST(TaskScheduler, WarmUpVisitsEveryTaskOnceInOrder) {
  TaskScheduler s({1, 5, 2, 100});
  // Even without updates, the warm-up round goes 0, 1, 2, 3.
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(s.next(), i);
  // Then by gain: with nothing reported, all look alike but the weights.
  EXPECT_EQ(s.next(), 3);
}

TEST(TaskScheduler, WarmUpSkipsDoneTasks) {
  TaskScheduler s({1, 1, 1});
  s.markDone(1);
  EXPECT_EQ(s.next(), 0);
  EXPECT_EQ(s.next(), 2);
  EXPECT_NE(s.next(), 1);
}

TEST(TaskScheduler, DominantLatencyGetsMostRounds) {
  // Task 1 runs 10 ms, the others 0.1 ms: almost all gain is in task 1.
  std::vector<SimTask> tasks = {{0.1}, {10.0}, {0.1}};
  TaskScheduler s({1, 1, 1});
  std::vector<int> order;
  std::vector<int> count = simulate(s, tasks, 60, &order);
  EXPECT_EQ((std::vector<int>(order.begin(), order.begin() + 3)),
            (std::vector<int>{0, 1, 2}));
  EXPECT_GE(count[1], 50) << count[0] << " " << count[1] << " " << count[2];
  EXPECT_GE(count[0], 1);
  EXPECT_GE(count[2], 1);
}

TEST(TaskScheduler, DominantWeightGetsMostRounds) {
  // The same latency, but the model runs task 2 twenty times.
  std::vector<SimTask> tasks = {{1.0}, {1.0}, {1.0}};
  TaskScheduler s({1, 1, 20});
  std::vector<int> count = simulate(s, tasks, 60);
  EXPECT_GT(count[2], count[0] + count[1]);
  EXPECT_GE(count[2], 40);
}

TEST(TaskScheduler, BalancedTasksShareRounds) {
  std::vector<SimTask> tasks = {{1.0}, {1.0}, {1.0}, {1.0}};
  TaskScheduler s({1, 1, 1, 1});
  std::vector<int> count = simulate(s, tasks, 80);
  for (int c : count) {
    EXPECT_GE(c, 15);
    EXPECT_LE(c, 25);
  }
}

TEST(TaskScheduler, TiesGoToLowestIndex) {
  TaskScheduler s({2, 2, 2});
  Reporter rs(s);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(s.next(), i);
    rs.report(i, 10, 1.0);
  }
  EXPECT_EQ(s.next(), 0);
  auto p0 = s.priority(0), p1 = s.priority(1);
  EXPECT_EQ(p0.first, 0);
  EXPECT_GT(p0.second, 0);
  // Task 0 has had two rounds now (one reported): still equal to task 1 as
  // far as reports go, so ties stay with the lowest index.
  EXPECT_EQ(p0, p1);
}

TEST(TaskScheduler, Deterministic) {
  std::vector<int> first, second;
  for (std::vector<int> *order : {&first, &second}) {
    std::vector<SimTask> tasks = {
        {0.5, 0.3, 0.9}, {2.0, 0.7, 0.6}, {1.0, 0.5, 0.8}, {0.2, 0.1, 0.95}};
    TaskScheduler s({3, 1, 2, 5}, {1e6, 4e7, 2e6, 1e5});
    simulate(s, tasks, 100, order);
  }
  EXPECT_EQ(first, second);
  EXPECT_EQ(first.size(), 100u);
}

TEST(TaskScheduler, StaleTaskLosesPriority) {
  // Task 0 dominates but stops improving after the warm-up; task 1 keeps
  // improving. After `patience` flat rounds, task 0 yields to task 1.
  TaskSchedulerOptions options;
  options.patience = 4;
  TaskScheduler s({1, 1}, {}, options);
  Reporter rs(s);
  EXPECT_EQ(s.next(), 0);
  rs.report(0, 64, 10.0);
  EXPECT_EQ(s.next(), 1);
  double best1 = 0.1;
  rs.report(1, 64, best1);
  for (int r = 0; r < 4; ++r) {
    ASSERT_EQ(s.next(), 0) << r; // 10 ms dwarfs 0.1 ms
    rs.report(0, 64, 10.0);      // no improvement
  }
  EXPECT_EQ(s.priority(0).first, 1); // stale now
  for (int r = 0; r < 20; ++r) {
    ASSERT_EQ(s.next(), 1) << r;
    best1 *= 0.95;
    rs.report(1, 64, best1);
  }
  EXPECT_EQ(s.priority(1).first, 0); // still improving: still active
  // When every task is stale, the larger gain wins again.
  TaskScheduler both({1, 1}, {}, options);
  Reporter rb(both);
  both.next();
  rb.report(0, 64, 10.0);
  both.next();
  rb.report(1, 64, 0.1);
  for (int r = 0; r < 20; ++r) {
    int u = both.next();
    rb.report(u, 64, u == 0 ? 10.0 : 0.1);
  }
  EXPECT_EQ(both.priority(0).first, 1);
  EXPECT_EQ(both.priority(1).first, 1);
  EXPECT_EQ(both.next(), 0);
}

TEST(TaskScheduler, ImprovementReactivatesStaleTask) {
  TaskSchedulerOptions options;
  options.patience = 2;
  TaskScheduler s({1, 1}, {}, options);
  Reporter rs(s);
  s.next();
  rs.report(0, 64, 5.0);
  s.next();
  rs.report(1, 64, 1.0);
  rs.report(0, 64, 5.0);
  rs.report(0, 64, 5.0);
  EXPECT_EQ(s.priority(0).first, 1);
  rs.report(0, 64, 4.0);
  EXPECT_EQ(s.priority(0).first, 0);
  // A worse report than the best so far is not a regression of the best.
  rs.report(0, 64, 9.0);
  rs.report(0, 64, 9.0);
  EXPECT_EQ(s.priority(0).first, 1);
}

TEST(TaskScheduler, EmptyRoundsExhaustATask) {
  TaskSchedulerOptions options;
  options.emptyRoundsToExhaust = 3;
  TaskScheduler s({1, 1}, {}, options);
  Reporter rs(s);
  EXPECT_EQ(s.next(), 0);
  rs.report(0, 64, 100.0);
  EXPECT_EQ(s.next(), 1);
  rs.report(1, 64, 0.1);
  for (int r = 0; r < 3; ++r) {
    EXPECT_FALSE(s.isDone(0));
    ASSERT_EQ(s.next(), 0);
    rs.report(0, 0, 100.0); // the search found nothing new to measure
  }
  EXPECT_TRUE(s.isDone(0));
  for (int r = 0; r < 5; ++r)
    EXPECT_EQ(s.next(), 1);
}

TEST(TaskScheduler, UnmeasuredTaskIsTried) {
  // Task 1 has no valid measurement yet (everything failed): it is scored as
  // if as slow as the slowest known task, so it gets tried again soon.
  TaskSchedulerOptions options;
  options.patience = 3;
  TaskScheduler s({1, 1}, {}, options);
  Reporter rs(s);
  s.next();
  rs.report(0, 64, 1.0);
  s.next();
  rs.report(1, 64, kInf);
  int tries = 0;
  for (int r = 0; r < 12; ++r) {
    int t = s.next();
    tries += t == 1;
    rs.report(t, 64, t == 0 ? 1.0 * std::pow(0.9, r) : kInf);
  }
  EXPECT_GE(tries, 2);
  EXPECT_EQ(s.priority(1).first, 1); // but it goes stale like any other
}

TEST(TaskScheduler, FlopsCapTheOptimism) {
  // Same latency and weight; task 0 already runs at the best throughput seen
  // while task 1 runs 100x below it, so task 1 has more to gain.
  TaskScheduler s({1, 1}, {1e9, 1e7});
  Reporter rs(s);
  s.next();
  rs.report(0, 64, 1.0);
  s.next();
  rs.report(1, 64, 1.0);
  // Three flat rounds each, so only the forward term remains.
  for (int i = 0; i < 2; ++i)
    for (int t = 0; t < 2; ++t)
      rs.report(t, 64, 1.0);
  EXPECT_LT(s.priority(0).second, s.priority(1).second);
  EXPECT_EQ(s.next(), 1);
}

TEST(TaskScheduler, AllDoneGivesMinusOne) {
  TaskScheduler s({1, 2, 3});
  Reporter rs(s);
  for (int i = 0; i < 3; ++i) {
    int t = s.next();
    ASSERT_GE(t, 0);
    rs.report(t, 8, 1.0 + i);
  }
  s.markDone(0);
  s.markDone(2);
  for (int r = 0; r < 3; ++r)
    EXPECT_EQ(s.next(), 1);
  s.markDone(1);
  EXPECT_EQ(s.next(), -1);
  EXPECT_EQ(s.next(), -1);
  EXPECT_EQ(s.priority(1).first, 2);

  TaskScheduler none({});
  EXPECT_EQ(none.next(), -1);
}

} // namespace
