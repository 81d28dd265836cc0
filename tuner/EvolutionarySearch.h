//===- EvolutionarySearch.h - proposing the next schedules to measure -----===//
//
// One round of the search for one task: evolve a population of schedules
// under the cost model's predictions and return the most promising ones
// not measured yet, plus a few random ones (epsilon-greedy), for the
// measurer. See EvolutionarySearch.cpp for the algorithm.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_TUNER_EVOLUTIONARYSEARCH_H
#define MLC_TUNER_EVOLUTIONARYSEARCH_H

#include "tuner/CostModel.h"
#include "tuner/Random.h"
#include "tuner/SearchSpace.h"
#include "tuner/Task.h"

#include <cstdint>
#include <set>
#include <utility>
#include <vector>

namespace mlc::tuner {

/// The knobs of one search round (MetaSchedule's defaults, plus crossover).
struct SearchOptions {
  /// Schedules per generation.
  int population = 512;
  /// Rounds of selection and breeding after the initial population.
  int generations = 4;
  /// Probability that a child is mutated.
  double mutationProbability = 0.85;
  /// Probability that a child is the crossover of two parents rather than
  /// a copy of one (then mutated with mutationProbability as well). Neither
  /// Ansor nor MetaSchedule crosses over; the knobs here are independent
  /// enough that mixing two good parents often gives a good child.
  double crossoverProbability = 0.3;
  /// Fraction of the returned candidates drawn at random (exploration).
  double epsilonGreedy = 0.05;
  /// Candidates to return.
  int count = 64;
  /// Fraction of the initial population made of mutated copies of the best
  /// measured schedules.
  double initFromBestFraction = 0.2;
};

/// Up to `options.count` valid schedules of `space` for `task`, none
/// measured (neither in `measured`, pairs of schedule and latency in ms,
/// infinite for failures, nor with a hash in `measuredHashes`) and no two
/// alike: the best by `model`'s predictions, then epsilonGreedy * count
/// random ones. Fewer when the space runs out of unmeasured points. The
/// same `rng` state (and model) gives the same list.
std::vector<Schedule>
proposeCandidates(const SearchSpace &space, const Task &task,
                  const Target &target, CostModel &model,
                  const std::vector<std::pair<Schedule, double>> &measured,
                  const std::set<uint64_t> &measuredHashes,
                  const SearchOptions &options, Rng &rng);

} // namespace mlc::tuner

#endif // MLC_TUNER_EVOLUTIONARYSEARCH_H
