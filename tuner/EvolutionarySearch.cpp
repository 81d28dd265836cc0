//===- EvolutionarySearch.cpp - evolving schedules under a cost model -----===//
//
// 1. Initial population: initFromBestFraction of it mutated copies of the
//    best measured schedules (the 8 fastest, round robin; the default
//    heuristic's point stands for an empty schedule), the rest uniform
//    samples of the space.
// 2. Each generation: score every schedule (extractFeatures, then the
//    model; scores are cached by schedule hash), remember the unmeasured
//    ones in a pool keyed by hash, then breed the next population: parents
//    drawn in proportion to their score (min-max normalized, plus 0.05 so
//    that every parent keeps a chance), a child is the crossover of two
//    parents with crossoverProbability, else a copy of one, and is then
//    mutated with mutationProbability.
// 3. After the last generation is scored: the pool's best (1 - epsilon) *
//    count by score (ties by hash), then epsilon * count uniform samples
//    that are neither measured nor chosen, then, if still short, more of
//    the pool and more samples (bounded tries).
//
//===----------------------------------------------------------------------===//

#include "tuner/EvolutionarySearch.h"
#include "tuner/Features.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace mlc::tuner {
namespace {

/// How many of the fastest measured schedules seed the population.
constexpr size_t kBestSeeds = 8;

/// Scores schedules with the model, caching by hash.
class Scorer {
public:
  Scorer(const Task &task, const Target &target, CostModel &model)
      : task(task), target(target), model(model) {}

  std::vector<float> score(const std::vector<Schedule> &schedules) {
    std::vector<std::vector<float>> features;
    std::vector<uint64_t> pending;
    std::set<uint64_t> seen;
    for (const Schedule &s : schedules) {
      uint64_t h = s.hash();
      if (cache.count(h) || !seen.insert(h).second)
        continue;
      pending.push_back(h);
      features.push_back(extractFeatures(task, s, target));
    }
    if (!pending.empty()) {
      std::vector<float> predicted = model.predict(features);
      for (size_t i = 0; i < pending.size(); ++i) {
        float p = i < predicted.size() ? predicted[i] : 0.0f;
        cache[pending[i]] = std::isfinite(p) ? p : -INFINITY;
      }
    }
    std::vector<float> out;
    out.reserve(schedules.size());
    for (const Schedule &s : schedules)
      out.push_back(cache[s.hash()]);
    return out;
  }

private:
  const Task &task;
  const Target &target;
  CostModel &model;
  std::map<uint64_t, float> cache;
};

/// The fastest measured schedules that are points of `space`, best first.
std::vector<Schedule>
bestMeasured(const SearchSpace &space, const Task &task, const Target &target,
             const std::vector<std::pair<Schedule, double>> &measured) {
  // (latency, position in `measured`): ties keep the measured order.
  std::vector<std::pair<double, size_t>> ok;
  std::vector<Schedule> points(measured.size());
  for (size_t i = 0; i < measured.size(); ++i) {
    const auto &[schedule, latency] = measured[i];
    if (!std::isfinite(latency) || latency <= 0)
      continue;
    points[i] = schedule.empty() ? defaultSchedule(task, target) : schedule;
    if (points[i].empty() || !space.valid(points[i]))
      continue;
    ok.push_back({latency, i});
  }
  std::sort(ok.begin(), ok.end());
  std::vector<Schedule> best;
  for (const auto &entry : ok) {
    if (best.size() == kBestSeeds)
      break;
    const Schedule &s = points[entry.second];
    if (std::find(best.begin(), best.end(), s) == best.end())
      best.push_back(s);
  }
  return best;
}

} // namespace

std::vector<Schedule>
proposeCandidates(const SearchSpace &space, const Task &task,
                  const Target &target, CostModel &model,
                  const std::vector<std::pair<Schedule, double>> &measured,
                  const std::set<uint64_t> &measuredHashes,
                  const SearchOptions &options, Rng &rng) {
  std::vector<Schedule> result;
  if (space.size() == 0 || options.count <= 0)
    return result;
  std::set<uint64_t> excluded = measuredHashes;
  for (const auto &entry : measured)
    excluded.insert(entry.first.hash());

  // 1. The initial population.
  size_t population = std::max(1, options.population);
  std::vector<Schedule> best = bestMeasured(space, task, target, measured);
  size_t fromBest =
      best.empty()
          ? 0
          : std::min(population,
                     static_cast<size_t>(std::llround(
                         std::clamp(options.initFromBestFraction, 0.0, 1.0) *
                         population)));
  std::vector<Schedule> current;
  current.reserve(population);
  for (size_t i = 0; i < fromBest; ++i)
    current.push_back(space.mutate(best[i % best.size()], rng));
  while (current.size() < population)
    current.push_back(space.sample(rng));

  // 2. Generations.
  Scorer scorer(task, target, model);
  std::map<uint64_t, std::pair<float, Schedule>> pool;
  for (int gen = 0;; ++gen) {
    std::vector<float> scores = scorer.score(current);
    for (size_t i = 0; i < current.size(); ++i) {
      uint64_t h = current[i].hash();
      if (!current[i].empty() && !excluded.count(h))
        pool.emplace(h, std::make_pair(scores[i], current[i]));
    }
    if (gen >= options.generations)
      break;
    float lo = INFINITY, hi = -INFINITY;
    for (float s : scores)
      if (std::isfinite(s)) {
        lo = std::min(lo, s);
        hi = std::max(hi, s);
      }
    std::vector<double> weights(scores.size(), 1.0);
    for (size_t i = 0; i < scores.size(); ++i) {
      double normalized = !std::isfinite(scores[i]) ? 0.0
                          : hi > lo ? (scores[i] - lo) / (hi - lo)
                                    : 1.0;
      weights[i] = normalized + 0.05;
    }
    std::vector<Schedule> next;
    next.reserve(population);
    while (next.size() < population) {
      const Schedule &a = current[weightedIndex(rng, weights)];
      Schedule child = a;
      if (bernoulli(rng, options.crossoverProbability)) {
        const Schedule &b = current[weightedIndex(rng, weights)];
        child = space.crossover(a, b, rng);
      }
      if (bernoulli(rng, options.mutationProbability))
        child = space.mutate(child, rng);
      next.push_back(std::move(child));
    }
    current = std::move(next);
  }

  // 3. The pool's best, then random exploration, then whatever is left.
  std::vector<std::pair<float, uint64_t>> ranked;
  for (const auto &[h, entry] : pool)
    ranked.push_back({entry.first, h});
  std::sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) {
    if (a.first != b.first)
      return a.first > b.first;
    return a.second < b.second;
  });
  size_t count = options.count;
  size_t randomCount = std::min(
      count, static_cast<size_t>(std::llround(
                 std::clamp(options.epsilonGreedy, 0.0, 1.0) * count)));
  std::set<uint64_t> chosen;
  size_t next = 0;
  while (result.size() < count - randomCount && next < ranked.size()) {
    uint64_t h = ranked[next++].second;
    chosen.insert(h);
    result.push_back(pool[h].second);
  }
  size_t tries = 50 * count + 100;
  auto addRandom = [&](size_t until) {
    while (result.size() < until && tries > 0) {
      --tries;
      Schedule s = space.sample(rng);
      uint64_t h = s.hash();
      if (s.empty() || excluded.count(h) || chosen.count(h))
        continue;
      chosen.insert(h);
      result.push_back(std::move(s));
    }
  };
  addRandom(std::min(count, result.size() + randomCount));
  while (result.size() < count && next < ranked.size()) {
    uint64_t h = ranked[next++].second;
    if (chosen.insert(h).second)
      result.push_back(pool[h].second);
  }
  addRandom(count);
  return result;
}

} // namespace mlc::tuner
