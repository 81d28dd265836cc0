//===- EvolutionarySearchTest.cpp - unit tests of candidate proposal ------===//
//
// With a oracle cost model that knows the optimum (it reads the knobs back
// from their feature slots), the search finds it; it never proposes a
// measured schedule or the same one twice, returns what is left of a small
// space, seeds from the best measured schedules, and gives the same list
// for the same seed.
//
//===----------------------------------------------------------------------===//

#include "tuner/EvolutionarySearch.h"
#include "TestTasks.h"
#include "tuner/Features.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>

using namespace mlc::tuner;
using namespace mlc::tuner::testing;

namespace {

/// Scores a matmul schedule by its distance to mr 6, nv 4, kc 256, msplit 4,
/// ku 1, 512-bit vectors (0 there, negative elsewhere), read from the knob
/// and vector-width feature slots.
class KnowsTheOptimum : public CostModel {
public:
  void update(const std::vector<std::vector<float>> &,
              const std::vector<float> &, const std::vector<int> &) override {}
  std::vector<float>
  predict(const std::vector<std::vector<float>> &features) override {
    std::vector<float> out;
    for (const auto &f : features) {
      ++scored;
      double mr = std::exp2(f[kFeatKnobMr]) - 1;
      double nv = std::exp2(f[kFeatKnobNv]) - 1;
      double ku = std::exp2(f[kFeatKnobUnroll]) - 1;
      double vl = std::exp2(f[kFeatVectorWidth]) - 1;
      out.push_back(
          static_cast<float>(-(std::abs(mr - 6) + 2 * std::abs(nv - 4) +
                               std::abs(f[kFeatKnobKc] - std::log2(257.0)) +
                               std::abs(f[kFeatKnobMsplit] - std::log2(5.0)) +
                               0.5 * std::abs(ku - 1) +
                               0.5 * std::abs(vl - 16) / 8)));
    }
    return out;
  }
  bool save(const std::string &, std::string &) override { return true; }
  bool load(const std::string &, std::string &) override { return true; }
  size_t scored = 0;
};

const Schedule kOptimum{
    {{"mr", 6}, {"nv", 4}, {"kc", 256}, {"msplit", 4}, {"ku", 1},
     {"vbits", 512}}};

std::unique_ptr<SearchSpace> spaceOf(const Task &t, const Target &target) {
  std::string error;
  auto space = createSearchSpace(t, target, error);
  EXPECT_TRUE(space) << error;
  return space;
}

void expectProperCandidates(const SearchSpace &space,
                            const std::vector<Schedule> &out,
                            const std::set<uint64_t> &measured) {
  std::set<uint64_t> seen;
  for (const Schedule &s : out) {
    EXPECT_FALSE(s.empty());
    std::string why;
    EXPECT_TRUE(space.valid(s, &why)) << s.str() << ": " << why;
    EXPECT_TRUE(seen.insert(s.hash()).second) << "duplicate " << s.str();
    EXPECT_EQ(measured.count(s.hash()), 0u) << "measured " << s.str();
  }
}

TEST(EvolutionarySearch, FindsTheOptimumOfTheModel) {
  Task t = bertFfn();
  Target target = avx512(4);
  auto space = spaceOf(t, target);
  ASSERT_TRUE(space);
  ASSERT_TRUE(space->valid(kOptimum));
  KnowsTheOptimum oracle;
  SearchOptions options;
  Rng rng(1);
  std::vector<Schedule> out =
      proposeCandidates(*space, t, target, oracle, {}, {}, options, rng);
  ASSERT_EQ(out.size(), 64u);
  expectProperCandidates(*space, out, {});
  // The best candidate has the optimum's tile knobs, and at most the
  // smallest penalty in the minor ones (ku, vector width): a search over a
  // few thousand points with 512 x 5 evaluations need not hit the exact
  // optimum.
  for (const char *knob : {"mr", "nv", "kc", "msplit"})
    EXPECT_EQ(out.front().get(knob), kOptimum.get(knob)) << out.front().str();
  EXPECT_GE(oracle.predict({extractFeatures(t, out.front(), target)})[0], -0.51f)
      << out.front().str();
  // The greedy part is sorted by predicted score.
  std::vector<std::vector<float>> features;
  for (const Schedule &s : out)
    features.push_back(extractFeatures(t, s, target));
  std::vector<float> scores = oracle.predict(features);
  for (size_t i = 1; i < 61; ++i)
    EXPECT_GE(scores[i - 1], scores[i]) << i;
}

TEST(EvolutionarySearch, NeverProposesMeasuredSchedules) {
  Task t = bertFfn();
  Target target = avx512(4);
  auto space = spaceOf(t, target);
  ASSERT_TRUE(space);
  Rng sampler(2);
  std::vector<std::pair<Schedule, double>> measured;
  std::set<uint64_t> hashes = {kOptimum.hash()};
  for (int i = 0; i < 200; ++i) {
    Schedule s = space->sample(sampler);
    measured.push_back({s, 1.0 + i});
  }
  // Some known only by hash (e.g. from the records of an earlier run).
  for (int i = 0; i < 50; ++i)
    hashes.insert(space->sample(sampler).hash());
  measured.push_back({Schedule(), 0.5}); // the default heuristic, measured
  measured.push_back(
      {space->sample(sampler), std::numeric_limits<double>::infinity()});
  std::set<uint64_t> all = hashes;
  for (const auto &m : measured)
    all.insert(m.first.hash());
  KnowsTheOptimum oracle;
  Rng rng(3);
  std::vector<Schedule> out = proposeCandidates(
      *space, t, target, oracle, measured, hashes, SearchOptions(), rng);
  EXPECT_EQ(out.size(), 64u);
  expectProperCandidates(*space, out, all);
  // The optimum is measured: its neighbours come first.
  std::vector<float> best =
      oracle.predict({extractFeatures(t, out.front(), target)});
  EXPECT_GE(best[0], -1.5f) << out.front().str();
}

TEST(EvolutionarySearch, ReturnsWhatIsLeftOfASmallSpace) {
  Task t = gemv(); // 72 points with AVX2
  Target target = avx2();
  auto space = spaceOf(t, target);
  ASSERT_TRUE(space);
  ASSERT_EQ(space->size(), 72u);
  Rng sampler(4);
  std::set<Schedule> everything;
  while (everything.size() < 72)
    everything.insert(space->sample(sampler));
  std::vector<std::pair<Schedule, double>> measured;
  std::set<Schedule> left;
  int i = 0;
  for (const Schedule &s : everything)
    if (i++ % 18 == 0)
      left.insert(s);
    else
      measured.push_back({s, 1.0});
  ASSERT_EQ(left.size(), 4u);
  KnowsTheOptimum oracle;
  Rng rng(5);
  std::vector<Schedule> out = proposeCandidates(
      *space, t, target, oracle, measured, {}, SearchOptions(), rng);
  EXPECT_EQ(std::set<Schedule>(out.begin(), out.end()), left);
  EXPECT_EQ(out.size(), 4u);

  // All measured: nothing to propose.
  for (const Schedule &s : left)
    measured.push_back({s, 2.0});
  EXPECT_TRUE(proposeCandidates(*space, t, target, oracle, measured, {},
                                SearchOptions(), rng)
                  .empty());
}

TEST(EvolutionarySearch, SameSeedSameList) {
  Task t = resnet3x3();
  Target target = avx512(8);
  auto space = spaceOf(t, target);
  ASSERT_TRUE(space);
  std::string error;
  auto xgb = createCostModel("xgb", 7, error); // untrained: roofline prior
  ASSERT_TRUE(xgb) << error;
  SearchOptions options;
  options.population = 128;
  auto run = [&](uint64_t seed) {
    Rng rng(seed);
    std::vector<std::string> out;
    for (const Schedule &s :
         proposeCandidates(*space, t, target, *xgb, {}, {}, options, rng))
      out.push_back(s.str());
    return out;
  };
  std::vector<std::string> a = run(8);
  EXPECT_EQ(a, run(8));
  EXPECT_NE(a, run(9));
  EXPECT_EQ(a.size(), 64u);
}

TEST(EvolutionarySearch, SeedsFromTheBestMeasured) {
  Task t = bertFfn();
  Target target = avx512(4);
  auto space = spaceOf(t, target);
  ASSERT_TRUE(space);
  Schedule best{
      {{"mr", 4}, {"nv", 3}, {"kc", 64}, {"msplit", 2}, {"ku", 1},
       {"vbits", 512}}};
  Schedule worse{
      {{"mr", 2}, {"nv", 1}, {"kc", 0}, {"msplit", 1}, {"ku", 1},
       {"vbits", 512}}};
  std::vector<std::pair<Schedule, double>> measured = {{worse, 9.0},
                                                       {best, 1.0}};
  std::vector<std::pair<Schedule, double>> failed = {
      {worse, std::numeric_limits<double>::infinity()}, {best, 1.0}};
  // No breeding, no exploration, the whole population from the fastest
  // measured (the 8 best, round robin): every candidate is one mutation
  // away from one of them; a failed schedule seeds nothing.
  SearchOptions options;
  options.generations = 0;
  options.initFromBestFraction = 1.0;
  options.epsilonGreedy = 0;
  options.population = 64;
  options.count = 16;
  auto distance = [](const Schedule &a, const Schedule &b) {
    size_t changed = 0;
    for (const auto &[name, value] : a.knobs)
      changed += b.get(name) != value;
    return changed;
  };
  KnowsTheOptimum oracle;
  for (const auto *runs : {&measured, &failed}) {
    Rng rng(6);
    std::vector<Schedule> out =
        proposeCandidates(*space, t, target, oracle, *runs, {}, options, rng);
    ASSERT_FALSE(out.empty());
    expectProperCandidates(*space, out, {best.hash(), worse.hash()});
    size_t nearBest = 0;
    for (const Schedule &s : out) {
      size_t toBest = distance(best, s), toWorse = distance(worse, s);
      EXPECT_TRUE((toBest >= 1 && toBest <= 3) ||
                  (runs == &measured && toWorse >= 1 && toWorse <= 3))
          << s.str();
      nearBest += toBest <= 3;
    }
    EXPECT_GT(nearBest, 0u);
    if (runs == &failed)
      EXPECT_EQ(nearBest, out.size());
  }
}

TEST(EvolutionarySearch, EpsilonGreedyShare) {
  Task t = bertFfn();
  Target target = avx512(4);
  auto space = spaceOf(t, target);
  ASSERT_TRUE(space);
  KnowsTheOptimum oracle;
  SearchOptions options;
  options.count = 40;
  options.epsilonGreedy = 0.25; // 10 random
  Rng rng(7);
  std::vector<Schedule> out =
      proposeCandidates(*space, t, target, oracle, {}, {}, options, rng);
  ASSERT_EQ(out.size(), 40u);
  expectProperCandidates(*space, out, {});
  std::vector<std::vector<float>> features;
  for (const Schedule &s : out)
    features.push_back(extractFeatures(t, s, target));
  std::vector<float> scores = oracle.predict(features);
  // The first 30 are the greedy part, best first; the last 10 random ones
  // are on average well below them.
  for (size_t i = 1; i < 30; ++i)
    EXPECT_GE(scores[i - 1], scores[i]);
  double greedy = 0, random = 0;
  for (size_t i = 0; i < 30; ++i)
    greedy += scores[i] / 30;
  for (size_t i = 30; i < 40; ++i)
    random += scores[i] / 10;
  EXPECT_GT(greedy, random + 1);
}

TEST(EvolutionarySearch, EvolutionBeatsSamplingAlone) {
  // The same number of model evaluations (5 x 32 points), with and without
  // breeding: over 40 seeds, evolution gets closer to the optimum.
  Task t = bertFfn();
  Target target = avx512(4);
  auto space = spaceOf(t, target);
  ASSERT_TRUE(space);
  KnowsTheOptimum oracle;
  auto bestScore = [&](const SearchOptions &options, uint64_t seed) {
    Rng rng(seed);
    std::vector<Schedule> out =
        proposeCandidates(*space, t, target, oracle, {}, {}, options, rng);
    return oracle.predict({extractFeatures(t, out.front(), target)})[0];
  };
  SearchOptions evolve;
  evolve.population = 32;
  evolve.count = 8;
  SearchOptions sample = evolve;
  sample.population = 160;
  sample.generations = 0;
  double evolved = 0, sampled = 0;
  for (uint64_t seed = 0; seed < 40; ++seed) {
    evolved += bestScore(evolve, seed);
    sampled += bestScore(sample, seed);
  }
  EXPECT_GT(evolved, sampled);
}

} // namespace
