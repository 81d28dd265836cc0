//===- FeaturesTest.cpp - unit tests of the schedule features -------------===//
//
// Fixed length, finite and deterministic values for every kind; the slots
// that a knob must move do move, in the direction the loop-nest model
// implies; the empty schedule is described as the default heuristic's.
//
//===----------------------------------------------------------------------===//

#include "tuner/Features.h"
#include "TestTasks.h"
#include "tuner/SearchSpace.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

using namespace mlc::tuner;
using namespace mlc::tuner::testing;

namespace {

Schedule mm(int64_t mr, int64_t nv, int64_t kc = 0, int64_t msplit = 1,
            int64_t vbits = 512) {
  return Schedule{{{"mr", mr},
                   {"nv", nv},
                   {"kc", kc},
                   {"msplit", msplit},
                   {"ku", 1},
                   {"vbits", vbits}}};
}

Schedule conv(int64_t variant, int64_t mr, int64_t nv, int64_t rowsOuter = 0,
              int64_t vbits = 512) {
  return Schedule{{{"variant", variant},
                   {"mr", mr},
                   {"nv", nv},
                   {"rows_outer", rowsOuter},
                   {"vbits", vbits}}};
}

/// 2^x - 1: the raw value of a log-scaled slot.
double raw(float x) { return std::exp2(static_cast<double>(x)) - 1; }

TEST(Features, FixedLengthFiniteNonNegative) {
  for (const Target &target : {avx512(8), avx2(1)})
    for (const Task &t : allTasks()) {
      std::string error;
      auto space = createSearchSpace(t, target, error);
      ASSERT_TRUE(space) << error;
      Rng rng(11);
      std::vector<Schedule> schedules = {Schedule()};
      for (int i = 0; i < 100; ++i)
        schedules.push_back(space->sample(rng));
      for (const Schedule &s : schedules) {
        std::vector<float> f = extractFeatures(t, s, target);
        ASSERT_EQ(f.size(), static_cast<size_t>(kNumFeatures));
        for (unsigned i = 0; i < f.size(); ++i) {
          EXPECT_TRUE(std::isfinite(f[i])) << featureName(i) << " " << s.str();
          EXPECT_GE(f[i], 0.0f) << featureName(i) << " " << s.str();
        }
      }
    }
}

TEST(Features, Deterministic) {
  for (const Task &t : allTasks()) {
    Schedule s = t.kind == "matmul" ? mm(1, 1) : conv(0, 4, 1);
    EXPECT_EQ(extractFeatures(t, s, avx512(4)),
              extractFeatures(t, s, avx512(4)));
  }
}

TEST(Features, NamesAreUniqueAndComplete) {
  std::set<std::string> names;
  for (unsigned i = 0; i < kNumFeatures; ++i) {
    std::string name = featureName(i);
    EXPECT_NE(name, "?");
    EXPECT_TRUE(names.insert(name).second) << name;
  }
  EXPECT_EQ(std::string(featureName(kFeatRooflineCycles)), "roofline_cycles");
  EXPECT_EQ(std::string(featureName(kNumFeatures)), "?");
}

TEST(Features, RegisterTileChangesIntensityAndTime) {
  Task t = bertFfn();
  std::vector<float> small = extractFeatures(t, mm(1, 1), avx512());
  std::vector<float> big = extractFeatures(t, mm(8, 2), avx512());
  // Per k: 1 x 16 FMAs over 68 bytes, against 8 x 32 over 160.
  EXPECT_NEAR(raw(small[kFeatRegisterIntensity]), 16.0 / 68, 1e-3);
  EXPECT_NEAR(raw(big[kFeatRegisterIntensity]), 256.0 / 160, 1e-3);
  EXPECT_GT(big[kFeatRegisterPressure], small[kFeatRegisterPressure]);
  EXPECT_NEAR(raw(big[kFeatRegisterPressure]), 19.0 / 32, 1e-4);
  // Same useful work and FMAs, far fewer loads: faster.
  EXPECT_EQ(small[kFeatUsefulFlops], big[kFeatUsefulFlops]);
  EXPECT_EQ(small[kFeatVectorFmas], big[kFeatVectorFmas]);
  EXPECT_GT(small[kFeatVectorLoads], big[kFeatVectorLoads]);
  EXPECT_GT(small[kFeatRooflineCycles], big[kFeatRooflineCycles]);
  EXPECT_EQ(raw(small[kFeatKnobMr]), 1);
  EXPECT_NEAR(raw(big[kFeatKnobMr]), 8, 1e-4);
}

TEST(Features, CountsOfAMatmul) {
  // 128 x 3072 x 768 with mr 8, nv 2 (NR 32): 96 panels, 16 M tiles.
  Task t = bertFfn();
  std::vector<float> f = extractFeatures(t, mm(8, 2), avx512());
  EXPECT_NEAR(raw(f[kFeatUsefulFlops]), t.flops, t.flops * 1e-5);
  EXPECT_NEAR(raw(f[kFeatVectorFmas]), 128.0 * 3072 * 768 / 16, 1e3);
  EXPECT_NEAR(raw(f[kFeatVectorLoads]), 96.0 * 16 * 768 * 2, 1e2);
  EXPECT_NEAR(raw(f[kFeatBroadcasts]), 96.0 * 128 * 768, 1e2);
  EXPECT_NEAR(raw(f[kFeatParallelExtent]), 96, 1e-3);
  EXPECT_EQ(f[kFeatLaneUtilization], 1.0f); // log2(1 + 1)
  EXPECT_EQ(f[kFeatRemainderTiles], 0.0f);
  EXPECT_EQ(f[kFeatKBlocks], 1.0f);     // log2(1 + 1)
  EXPECT_EQ(f[kFeatOutputLoads], 0.0f); // C starts from zeros
  EXPECT_EQ(f[kFeatIsMatmul], 1.0f);
  EXPECT_EQ(f[kFeatConvFilterVector], 0.0f);
  EXPECT_EQ(f[kFeatPackingOps], 0.0f); // constant B, packed at compile time
}

TEST(Features, KBlocksAndSplitsShowUp) {
  Task t = bertFfn();
  std::vector<float> whole = extractFeatures(t, mm(8, 2, 0, 1), avx512(8));
  std::vector<float> blocked = extractFeatures(t, mm(8, 2, 128, 4), avx512(8));
  EXPECT_NEAR(raw(blocked[kFeatKBlocks]), 6, 1e-4);
  EXPECT_NEAR(raw(blocked[kFeatKcEffective]), 128, 1e-3);
  EXPECT_GT(blocked[kFeatOutputLoads], 0.0f); // partial sums come back
  EXPECT_GT(blocked[kFeatOutputReuseDistance], 0.0f);
  EXPECT_EQ(whole[kFeatOutputReuseDistance], 0.0f);
  EXPECT_LT(blocked[kFeatL1Footprint], whole[kFeatL1Footprint]);
  EXPECT_NEAR(raw(blocked[kFeatParallelExtent]), 96 * 4, 1e-2);
  EXPECT_NEAR(raw(blocked[kFeatKnobMsplit]), 4, 1e-4);
  EXPECT_NEAR(raw(blocked[kFeatKnobKc]), 128, 1e-3);
}

TEST(Features, PaddingAndRemaindersShowUp) {
  // n = 1000 in panels of 64 lanes: 1024 lanes computed.
  Task t = matmulTask(100, 1000, 256);
  std::vector<float> f = extractFeatures(t, mm(6, 4), avx512());
  EXPECT_NEAR(raw(f[kFeatLaneUtilization]), 1000.0 / 1024, 1e-5);
  // 17 M tiles (the last of 4 rows) x 16 panels (the last partial):
  // 16 + 17 - 1 partial tiles.
  EXPECT_NEAR(raw(f[kFeatRemainderTiles]), 32.0 / (16 * 17), 1e-5);
}

TEST(Features, LoadImbalance) {
  // 96 panels on 64 threads: 2 chunks per thread, 128 / 96 imbalance.
  Task t = bertFfn();
  std::vector<float> f = extractFeatures(t, mm(8, 2), avx512(64));
  EXPECT_NEAR(raw(f[kFeatChunksPerThread]), 2, 1e-4);
  EXPECT_NEAR(raw(f[kFeatLoadImbalance]), 128.0 / 96, 1e-4);
  std::vector<float> one = extractFeatures(t, mm(8, 2), avx512(1));
  EXPECT_NEAR(raw(one[kFeatLoadImbalance]), 1, 1e-5);
  EXPECT_GT(one[kFeatRooflineCycles], f[kFeatRooflineCycles]);
}

TEST(Features, ConvVariantsAreOneHot) {
  Task t = resnet1x1();
  for (int64_t v = 0; v < 4; ++v) {
    std::vector<float> f = extractFeatures(t, conv(v, 4, 2), avx512());
    for (int64_t w = 0; w < 4; ++w)
      EXPECT_EQ(f[kFeatConvFilterVector + w], v == w ? 1.0f : 0.0f);
    EXPECT_EQ(f[kFeatIsMatmul], 0.0f);
  }
  // The packed variant gathers panels; the pointwise one does not.
  EXPECT_GT(extractFeatures(t, conv(3, 4, 2), avx512())[kFeatPackingOps], 0);
  EXPECT_EQ(extractFeatures(t, conv(1, 4, 2), avx512())[kFeatPackingOps], 0);
  // Filter-vector tiles transpose; the others do not.
  EXPECT_GT(extractFeatures(t, conv(0, 4, 2), avx512())[kFeatShuffles], 0);
  EXPECT_EQ(extractFeatures(t, conv(2, 4, 2), avx512())[kFeatShuffles], 0);
}

TEST(Features, ConvLoopOrderMovesInputReuse) {
  // Filter-vector, 64 filters in 2 panels of 32: with rows outside, an
  // input row is reused by the next iteration; else after all 56 rows.
  Task t = resnet3x3();
  std::vector<float> inner = extractFeatures(t, conv(0, 8, 2, 1), avx512());
  std::vector<float> outer = extractFeatures(t, conv(0, 8, 2, 0), avx512());
  EXPECT_LT(inner[kFeatInputReuseDistance], outer[kFeatInputReuseDistance]);
  EXPECT_NEAR(raw(outer[kFeatInputReuseDistance]) /
                  raw(inner[kFeatInputReuseDistance]),
              56, 0.05);
  EXPECT_EQ(inner[kFeatKnobRowsOuter], 1.0f);
  EXPECT_EQ(outer[kFeatKnobRowsOuter], 0.0f);
}

TEST(Features, ConvGeometry) {
  // Stem, filter-vector: G = 112 rows, M = 112 pixels, N = 64 filters,
  // K = 3 * 7 * 7.
  Task t = resnetStem();
  std::vector<float> f = extractFeatures(t, conv(0, 8, 2, 1), avx512());
  EXPECT_NEAR(raw(f[kFeatProblems]), 112, 1e-3);
  EXPECT_NEAR(raw(f[kFeatM]), 112, 1e-3);
  EXPECT_NEAR(raw(f[kFeatN]), 64, 1e-3);
  EXPECT_NEAR(raw(f[kFeatK]), 147, 1e-3);
  EXPECT_NEAR(raw(f[kFeatUsefulFlops]), t.flops, t.flops * 1e-5);
  EXPECT_NEAR(raw(f[kFeatInputStride]), 1, 1e-5); // dilation 1
  // Packed: M = 64 filters, N = 112 * 112 pixels.
  std::vector<float> p = extractFeatures(t, conv(3, 8, 2), avx512());
  EXPECT_NEAR(raw(p[kFeatM]), 64, 1e-3);
  EXPECT_NEAR(raw(p[kFeatN]), 112.0 * 112, 1);
  EXPECT_NEAR(raw(p[kFeatUsefulFlops]), t.flops, t.flops * 1e-5);
}

TEST(Features, EmptyScheduleIsTheDefaultHeuristic) {
  for (const Target &target : {avx512(), avx2()})
    for (const Task &t : allTasks()) {
      Schedule d = defaultSchedule(t, target);
      ASSERT_FALSE(d.empty());
      std::vector<float> a = extractFeatures(t, Schedule(), target);
      std::vector<float> b = extractFeatures(t, d, target);
      EXPECT_EQ(a[kFeatIsDefault], 1.0f);
      EXPECT_EQ(b[kFeatIsDefault], 0.0f);
      a[kFeatIsDefault] = b[kFeatIsDefault];
      EXPECT_EQ(a, b) << t.kind << " " << d.str();
    }
}

TEST(Features, DefaultHeuristicChoices) {
  EXPECT_EQ(defaultSchedule(bertFfn(), avx512()), mm(8, 2));
  EXPECT_EQ(defaultSchedule(bertFfn(), avx2()), mm(6, 2, 0, 1, 256));
  EXPECT_EQ(defaultSchedule(matmulTask(64, 16, 64), avx512()).get("nv"), 1);
  // 1x1 over 3136 pixels (a multiple of 32): pointwise.
  EXPECT_EQ(defaultSchedule(resnet1x1(), avx512()), conv(1, 8, 2));
  // 3x3, 64 filters fill two vectors: filter-vector, 8 pixels (divides
  // 56), rows outside (packed weights 144 KiB).
  EXPECT_EQ(defaultSchedule(resnet3x3(), avx512()), conv(0, 8, 2, 1));
  // The 7x7 RGB stem: 8-lane filter vectors (16 filters) x 6 pixels even on
  // AVX-512 (what the tuner found best).
  EXPECT_EQ(defaultSchedule(resnetStem(), avx512()), conv(0, 6, 2, 1, 256));
  // 1x1 over 28x28 = 784 pixels (49 vectors of 16: 98% of 25 panels of
  // 32 used): pointwise although filter vectors would fill.
  EXPECT_EQ(defaultSchedule(convTask(128, 28, 512, 1, 1, 0), avx512())
                .get("variant"),
            1);
  // 3 filters fill no vector; rows of 56 pixels fill 7/8 of 64 lanes: direct.
  Task few = convTask(64, 56, 3, 3, 1, 1);
  EXPECT_EQ(defaultSchedule(few, avx512()), conv(2, 8, 2));
  // Same with stride 2: packed.
  Task fewStrided = convTask(64, 56, 3, 3, 2, 1);
  EXPECT_EQ(defaultSchedule(fewStrided, avx512()).get("variant"), 3);
  // The defaults are points of the space on AVX-512.
  for (const Task &t : {bertFfn(), resnet1x1(), resnet3x3(), resnetStem()}) {
    std::string error, why;
    auto space = createSearchSpace(t, avx512(), error);
    ASSERT_TRUE(space) << error;
    EXPECT_TRUE(space->valid(defaultSchedule(t, avx512()), &why)) << why;
  }
}

TEST(Features, DistinctSchedulesGetDistinctFeatures) {
  for (const Task &t : allTasks()) {
    std::string error;
    auto space = createSearchSpace(t, avx512(4), error);
    ASSERT_TRUE(space) << error;
    Rng rng(99);
    std::set<std::vector<float>> seen;
    std::set<Schedule> schedules;
    for (int i = 0; i < 200; ++i) {
      Schedule s = space->sample(rng);
      if (schedules.insert(s).second)
        EXPECT_TRUE(seen.insert(extractFeatures(t, s, avx512(4))).second)
            << s.str();
    }
  }
}

} // namespace
