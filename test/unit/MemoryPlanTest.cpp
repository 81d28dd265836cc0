//===- MemoryPlanTest.cpp - unit tests of the static memory planner ------===//
//
// Hand-made lifetime patterns with known optimal arenas, in-place reuse,
// alignment and zero-size buffers, the verifier on broken plans, property
// tests on random buffer sets, and the arena / lower-bound ratio on
// synthetic ResNet-50 and BERT-base activation patterns.
//
//===----------------------------------------------------------------------===//

#include "passes/MemoryPlan.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <random>

using namespace mlc;

namespace {

PlanBuffer buffer(uint64_t size, int64_t first, int64_t last,
                  int64_t inPlaceOf = -1, uint64_t alignment = 0) {
  PlanBuffer b;
  b.size = size;
  b.alignment = alignment;
  b.firstUse = first;
  b.lastUse = last;
  b.inPlaceOf = inPlaceOf;
  return b;
}

/// Plans `buffers` and expects the plan to be valid.
MemoryPlan planAndVerify(const std::vector<PlanBuffer> &buffers,
                         const PlanOptions &options = {}) {
  EXPECT_EQ(checkBuffers(buffers, options), "");
  MemoryPlan plan = planMemory(buffers, options);
  EXPECT_EQ(verifyMemoryPlan(buffers, plan, options), "");
  return plan;
}

/// The most bytes live at one step, counting every buffer in full.
uint64_t bruteForcePeak(const std::vector<PlanBuffer> &buffers) {
  int64_t lastStep = 0;
  for (const PlanBuffer &b : buffers)
    lastStep = std::max(lastStep, b.lastUse);
  std::vector<uint64_t> live(lastStep + 1);
  for (const PlanBuffer &b : buffers)
    for (int64_t s = b.firstUse; s <= b.lastUse; ++s)
      live[s] += b.size;
  return buffers.empty() ? 0 : *std::max_element(live.begin(), live.end());
}

void printRatio(const char *what, const MemoryPlan &plan) {
  std::printf("[  ratio   ] %-28s arena %10llu  lower bound %10llu  ratio "
              "%.4f  (all buffers %llu, %u in place, %s)\n",
              what, (unsigned long long)plan.arenaSize,
              (unsigned long long)plan.lowerBound,
              double(plan.arenaSize) / double(plan.lowerBound),
              (unsigned long long)plan.totalBytes, plan.numInPlace,
              getStrategyName(plan.strategy).c_str());
}

//===----------------------------------------------------------------------===//
// Synthetic models
//===----------------------------------------------------------------------===//

/// Builds buffer lifetimes from a graph executed one op per step.
class Graph {
public:
  /// A graph input, written at its own step before the first op.
  int input(uint64_t bytes) { return op({}, bytes); }

  /// An op at the next step that reads `inputs` and produces `bytes`;
  /// `inPlaceOf` names an input it may overwrite (elementwise ops).
  int op(std::initializer_list<int> inputs, uint64_t bytes,
         int inPlaceOf = -1) {
    int64_t step = nextStep++;
    for (int in : inputs)
      buffers[in].lastUse = std::max(buffers[in].lastUse, step);
    buffers.push_back(buffer(bytes, step, step, inPlaceOf));
    return buffers.size() - 1;
  }

  /// Marks `value` as read after the last op (a graph output).
  void output(int value) { buffers[value].lastUse = nextStep; }

  std::vector<PlanBuffer> buffers;

private:
  int64_t nextStep = 0;
};

/// ResNet-50 v1.5 at 224x224, batch 1, fp32, in execution order. Unfused:
/// conv, then ReLU and the residual Add as separate elementwise ops that may
/// work in place. Fused: conv+ReLU and conv+Add+ReLU are single ops.
std::vector<PlanBuffer> resnet50(bool fused) {
  auto bytes = [](uint64_t c, uint64_t h) { return c * h * h * 4; };
  Graph g;
  auto convRelu = [&](int in, uint64_t size) {
    int conv = g.op({in}, size);
    return fused ? conv : g.op({conv}, size, conv);
  };
  int x = g.input(bytes(3, 224));
  x = convRelu(x, bytes(64, 112));
  x = g.op({x}, bytes(64, 56)); // max pool
  uint64_t h = 56;
  const int blocks[] = {3, 4, 6, 3};
  const uint64_t widths[] = {64, 128, 256, 512};
  for (int stage = 0; stage < 4; ++stage) {
    for (int block = 0; block < blocks[stage]; ++block) {
      uint64_t mid = widths[stage], out = 4 * mid;
      uint64_t hOut = (stage > 0 && block == 0) ? h / 2 : h;
      int a = convRelu(x, bytes(mid, h));
      int b = convRelu(a, bytes(mid, hOut));
      int y;
      if (fused) {
        int skip = block == 0 ? g.op({x}, bytes(out, hOut)) : x;
        y = g.op({b, skip}, bytes(out, hOut));
      } else {
        int c = g.op({b}, bytes(out, hOut));
        int skip = block == 0 ? g.op({x}, bytes(out, hOut)) : x;
        y = g.op({c, skip}, bytes(out, hOut), c);
        y = g.op({y}, bytes(out, hOut), y);
      }
      x = y;
      h = hOut;
    }
  }
  x = g.op({x}, 2048 * 4); // global average pool
  x = g.op({x}, 1000 * 4); // fully connected
  g.output(x);
  return g.buffers;
}

/// A BERT-base encoder (12 layers, seq 128, hidden 768, 12 heads, FFN 3072),
/// batch 1, fp32. Unfused: MatMul and bias Add separate, heads split and
/// merged by transposes, scale, mask and softmax separate, residual Add and
/// LayerNorm separate, elementwise ops in place. Fused: one op per matmul
/// with its epilogue, attention scores with scale+mask+softmax as one op.
std::vector<PlanBuffer> bertEncoder(int layers, bool fused) {
  const uint64_t seq = 128, hidden = 768, heads = 12, ffn = 3072;
  const uint64_t hid = seq * hidden * 4, scores = heads * seq * seq * 4,
                 inner = seq * ffn * 4;
  Graph g;
  int x = g.input(hid);
  int mask = g.input(seq * 4);
  auto linear = [&](int in, uint64_t size) {
    int mm = g.op({in}, size);
    return fused ? mm : g.op({mm}, size, mm);
  };
  for (int layer = 0; layer < layers; ++layer) {
    int qkv[3];
    for (int &t : qkv) {
      t = linear(x, hid);
      if (!fused)
        t = g.op({t}, hid); // split heads: a transpose
    }
    int p = g.op({qkv[0], qkv[1]}, scores);
    if (fused) {
      p = g.op({p, mask}, scores, p); // scale+mask+softmax
    } else {
      p = g.op({p}, scores, p);       // scale
      p = g.op({p, mask}, scores, p); // mask
      p = g.op({p}, scores, p);       // softmax
    }
    int ctx = g.op({p, qkv[2]}, hid);
    if (!fused)
      ctx = g.op({ctx}, hid); // merge heads: a transpose
    // Output projection + residual, LayerNorm, FFN, residual, LayerNorm.
    int r;
    if (fused) {
      r = g.op({ctx, x}, hid);
    } else {
      int o = linear(ctx, hid);
      r = g.op({o, x}, hid, o);
    }
    int ln = g.op({r}, hid, r);
    int f1 = linear(ln, inner);
    if (!fused)
      f1 = g.op({f1}, inner, f1); // GELU
    int r2;
    if (fused) {
      r2 = g.op({f1, ln}, hid);
    } else {
      int f2 = linear(f1, hid);
      r2 = g.op({f2, ln}, hid, f2);
    }
    x = g.op({r2}, hid, r2); // LayerNorm
  }
  g.output(x);
  return g.buffers;
}

/// A random buffer set: ops in sequence, each producing one or two buffers
/// of log-uniform size; most die soon, a few live long (skip connections);
/// some carry in-place hints (some of them unsafe); mixed alignments.
std::vector<PlanBuffer> randomBuffers(uint64_t seed, int count) {
  std::mt19937_64 rng(seed);
  auto below = [&](uint64_t n) { return rng() % n; };
  std::vector<PlanBuffer> buffers;
  int64_t step = 0;
  while (int(buffers.size()) < count) {
    int outputs = 1 + (below(4) == 0);
    for (int k = 0; k < outputs && int(buffers.size()) < count; ++k) {
      uint64_t size = (uint64_t(1) << below(22)) + below(4096);
      if (below(50) == 0)
        size = 0;
      int64_t length = below(8) == 0 ? below(200) : below(4);
      const uint64_t alignments[] = {0, 0, 0, 1, 8, 64, 256, 4096};
      PlanBuffer b =
          buffer(size, step, step + length, -1, alignments[below(8)]);
      if (!buffers.empty() && below(3) == 0) {
        // Prefer an operand that dies here; otherwise any earlier buffer.
        int64_t candidate =
            buffers.size() - 1 - below(std::min<size_t>(buffers.size(), 16));
        for (int64_t i = buffers.size() - 1;
             i >= 0 && i + 64 > int64_t(buffers.size()); --i)
          if (buffers[i].lastUse == step && below(2) == 0) {
            candidate = i;
            break;
          }
        b.inPlaceOf = candidate;
      }
      buffers.push_back(b);
    }
    ++step;
  }
  return buffers;
}

//===----------------------------------------------------------------------===//
// Hand-made patterns
//===----------------------------------------------------------------------===//

TEST(MemoryPlan, Empty) {
  MemoryPlan plan = planAndVerify({});
  EXPECT_EQ(plan.arenaSize, 0u);
  EXPECT_EQ(plan.totalBytes, 0u);
  EXPECT_EQ(plan.lowerBound, 0u);
}

TEST(MemoryPlan, ChainPingPongs) {
  // a -> b -> c -> ...: each op reads the previous buffer, so two suffice.
  std::vector<PlanBuffer> buffers;
  for (int i = 0; i < 10; ++i)
    buffers.push_back(buffer(1024, i, i + 1));
  MemoryPlan plan = planAndVerify(buffers);
  EXPECT_EQ(plan.arenaSize, 2048u);
  EXPECT_EQ(plan.lowerBound, 2048u);
  EXPECT_EQ(plan.totalBytes, 10240u);
  for (int i = 2; i < 10; ++i)
    EXPECT_EQ(plan.offsets[i], plan.offsets[i - 2]);
}

TEST(MemoryPlan, Diamond) {
  // a feeds b and c; d reads both: a, b, c live together at step 2.
  std::vector<PlanBuffer> buffers = {buffer(4096, 0, 2), buffer(2048, 1, 3),
                                     buffer(1024, 2, 3), buffer(4096, 3, 4)};
  MemoryPlan plan = planAndVerify(buffers);
  EXPECT_EQ(plan.lowerBound, 7168u);
  EXPECT_EQ(plan.arenaSize, 7168u);
}

TEST(MemoryPlan, SkipConnection) {
  // A long-lived buffer (U-Net / ResNet skip) across a chain of short ones.
  std::vector<PlanBuffer> buffers = {buffer(8192, 0, 20)};
  for (int i = 1; i < 20; ++i)
    buffers.push_back(buffer(i % 2 ? 4096 : 2048, i, i + 1));
  buffers.push_back(buffer(1024, 20, 21));
  MemoryPlan plan = planAndVerify(buffers);
  EXPECT_EQ(plan.lowerBound, 8192u + 4096 + 2048);
  EXPECT_EQ(plan.arenaSize, plan.lowerBound);
}

TEST(MemoryPlan, DisjointLifetimesNeedTheLargest) {
  std::vector<PlanBuffer> buffers;
  for (int i = 0; i < 8; ++i)
    buffers.push_back(buffer(64 * (1 + (i * 5) % 8), i, i));
  MemoryPlan plan = planAndVerify(buffers);
  EXPECT_EQ(plan.arenaSize, 512u);
  EXPECT_EQ(plan.lowerBound, 512u);
  for (uint64_t offset : plan.offsets)
    EXPECT_EQ(offset, 0u);
}

TEST(MemoryPlan, OverlappingLifetimesNeedTheSum) {
  std::vector<PlanBuffer> buffers;
  uint64_t sum = 0;
  for (int i = 0; i < 8; ++i) {
    buffers.push_back(buffer(64 * (1 + i), i, 10));
    sum += 64 * (1 + i);
  }
  MemoryPlan plan = planAndVerify(buffers);
  EXPECT_EQ(plan.arenaSize, sum);
  EXPECT_EQ(plan.lowerBound, sum);
  EXPECT_EQ(plan.totalBytes, sum);
}

TEST(MemoryPlan, InPlaceChainNeedsOneBuffer) {
  // conv -> relu -> add -> relu, each elementwise op over its operand.
  std::vector<PlanBuffer> buffers = {buffer(4096, 0, 1)};
  for (int i = 1; i < 6; ++i)
    buffers.push_back(buffer(4096, i, i + 1, i - 1));
  MemoryPlan plan = planAndVerify(buffers);
  EXPECT_EQ(plan.arenaSize, 4096u);
  EXPECT_EQ(plan.lowerBound, 4096u);
  EXPECT_EQ(plan.numInPlace, 5u);
  for (int i = 1; i < 6; ++i)
    EXPECT_EQ(plan.inPlaceOf[i], i - 1);
}

TEST(MemoryPlan, InPlaceIntoALargerOperand) {
  std::vector<PlanBuffer> buffers = {buffer(4096, 0, 1), buffer(1024, 1, 2, 0)};
  MemoryPlan plan = planAndVerify(buffers);
  EXPECT_EQ(plan.arenaSize, 4096u);
  EXPECT_EQ(plan.inPlaceOf[1], 0);
}

TEST(MemoryPlan, UnsafeInPlaceHintsAreIgnored) {
  // The operand is read again later.
  MemoryPlan stillUsed =
      planAndVerify({buffer(1024, 0, 3), buffer(1024, 1, 2, 0)});
  EXPECT_EQ(stillUsed.inPlaceOf[1], -1);
  EXPECT_EQ(stillUsed.arenaSize, 2048u);
  // The result is larger than the operand.
  MemoryPlan larger =
      planAndVerify({buffer(1024, 0, 1), buffer(2048, 1, 2, 0)});
  EXPECT_EQ(larger.inPlaceOf[1], -1);
  EXPECT_EQ(larger.arenaSize, 3072u);
  // Two results want the same operand: the first one gets it.
  MemoryPlan twice = planAndVerify(
      {buffer(1024, 0, 1), buffer(1024, 1, 2, 0), buffer(1024, 1, 2, 0)});
  EXPECT_EQ(twice.inPlaceOf[1], 0);
  EXPECT_EQ(twice.inPlaceOf[2], -1);
  EXPECT_EQ(twice.arenaSize, 2048u);
  // Buffers born and dead at one step cannot chain past their neighbour:
  // a, b, c all meet at step 1, so c may not join a's storage through b.
  MemoryPlan zeroLength = planAndVerify(
      {buffer(1024, 0, 1), buffer(1024, 1, 1, 0), buffer(1024, 1, 2, 1)});
  EXPECT_EQ(zeroLength.inPlaceOf[1], 0);
  EXPECT_EQ(zeroLength.inPlaceOf[2], -1);
  // Hints that would form a cycle.
  MemoryPlan cycle =
      planAndVerify({buffer(1024, 3, 3, 1), buffer(1024, 3, 3, 0)});
  EXPECT_LE(cycle.numInPlace, 1u);
}

TEST(MemoryPlan, InPlaceCanBeTurnedOff) {
  std::vector<PlanBuffer> buffers = {buffer(4096, 0, 1), buffer(4096, 1, 2, 0)};
  PlanOptions options;
  options.allowInPlace = false;
  MemoryPlan plan = planAndVerify(buffers, options);
  EXPECT_EQ(plan.arenaSize, 8192u);
  EXPECT_EQ(plan.lowerBound, 8192u);
  EXPECT_EQ(plan.numInPlace, 0u);
}

TEST(MemoryPlan, AlignmentPadding) {
  std::vector<PlanBuffer> buffers = {buffer(10, 0, 5), buffer(10, 0, 5),
                                     buffer(10, 0, 5)};
  MemoryPlan plan = planAndVerify(buffers);
  EXPECT_EQ(plan.arenaSize, 64u * 2 + 10);
  EXPECT_EQ(plan.lowerBound, 30u);
  for (uint64_t offset : plan.offsets)
    EXPECT_EQ(offset % 64, 0u);

  PlanOptions packed;
  packed.defaultAlignment = 1;
  EXPECT_EQ(planAndVerify(buffers, packed).arenaSize, 30u);

  // Per-buffer alignments.
  std::vector<PlanBuffer> mixed = {buffer(100, 0, 5, -1, 8),
                                   buffer(100, 0, 5, -1, 4096),
                                   buffer(3, 0, 5, -1, 1)};
  MemoryPlan mixedPlan = planAndVerify(mixed);
  EXPECT_EQ(mixedPlan.offsets[1] % 4096, 0u);
  EXPECT_EQ(mixedPlan.offsets[0] % 8, 0u);
  // 4096-aligned at 0, 8-aligned at 104, and the 3 bytes in between.
  EXPECT_EQ(mixedPlan.arenaSize, 204u);
}

TEST(MemoryPlan, ZeroSizeBuffers) {
  std::vector<PlanBuffer> buffers = {buffer(0, 0, 9), buffer(256, 0, 2),
                                     buffer(0, 1, 4), buffer(256, 2, 3),
                                     buffer(0, 3, 4, 3)};
  MemoryPlan plan = planAndVerify(buffers);
  EXPECT_EQ(plan.arenaSize, 512u);
  EXPECT_EQ(plan.offsets[0], 0u);
  EXPECT_EQ(plan.offsets[2], 0u);
  EXPECT_EQ(planAndVerify({buffer(0, 0, 1), buffer(0, 0, 1)}).arenaSize, 0u);
}

TEST(MemoryPlan, CheckBuffersRejectsMalformedInput) {
  EXPECT_EQ(checkBuffers({buffer(1, 0, 0)}), "");
  EXPECT_NE(checkBuffers({buffer(1, 3, 2)}), "");
  EXPECT_NE(checkBuffers({buffer(1, -1, 2)}), "");
  EXPECT_NE(checkBuffers({buffer(1, 0, 2, -1, 48)}), "");
  EXPECT_NE(checkBuffers({buffer(uint64_t(1) << 41, 0, 2)}), "");
  EXPECT_NE(checkBuffers({buffer(1, 0, 2, 0)}), "");
  EXPECT_NE(checkBuffers({buffer(1, 0, 2, 5)}), "");
  PlanOptions options;
  options.defaultAlignment = 3;
  EXPECT_NE(checkBuffers({}, options), "");
  EXPECT_EQ(checkBuffers({buffer(1, 0, 2, -1, 48)}).rfind("buffer 0: ", 0), 0u);
}

TEST(MemoryPlan, VerifyCatchesBrokenPlans) {
  std::vector<PlanBuffer> buffers = {buffer(128, 0, 2), buffer(128, 1, 3),
                                     buffer(128, 3, 4, 1)};
  MemoryPlan plan = planAndVerify(buffers);
  ASSERT_EQ(plan.inPlaceOf[2], 1);

  MemoryPlan overlap = plan;
  overlap.offsets[1] = overlap.offsets[0];
  overlap.offsets[2] = overlap.offsets[0];
  EXPECT_NE(verifyMemoryPlan(buffers, overlap).find("overlap"),
            std::string::npos);

  MemoryPlan misaligned = plan;
  misaligned.offsets[0] += 32;
  misaligned.arenaSize += 32;
  EXPECT_NE(verifyMemoryPlan(buffers, misaligned).find("alignment"),
            std::string::npos);

  MemoryPlan tooSmall = plan;
  tooSmall.arenaSize -= 1;
  EXPECT_NE(verifyMemoryPlan(buffers, tooSmall).find("beyond the arena"),
            std::string::npos);

  MemoryPlan moved = plan;
  moved.offsets[2] = 512;
  moved.arenaSize = 640;
  EXPECT_NE(verifyMemoryPlan(buffers, moved).find("another offset"),
            std::string::npos);

  // Sharing storage without a hint is an overlap.
  MemoryPlan unhinted = plan;
  unhinted.inPlaceOf = {-1, -1, -1};
  EXPECT_NE(verifyMemoryPlan(buffers, unhinted), "");

  MemoryPlan missing = plan;
  missing.offsets.pop_back();
  EXPECT_NE(verifyMemoryPlan(buffers, missing), "");
}

TEST(MemoryPlan, IsDeterministic) {
  std::vector<PlanBuffer> buffers = randomBuffers(7, 2000);
  MemoryPlan a = planMemory(buffers), b = planMemory(buffers);
  EXPECT_EQ(a.offsets, b.offsets);
  EXPECT_EQ(a.inPlaceOf, b.inPlaceOf);
  EXPECT_EQ(a.arenaSize, b.arenaSize);
  EXPECT_TRUE(a.strategy == b.strategy);
}

//===----------------------------------------------------------------------===//
// Properties on random buffer sets
//===----------------------------------------------------------------------===//

TEST(MemoryPlan, EveryStrategyIsValidOnRandomSets) {
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    std::vector<PlanBuffer> buffers = randomBuffers(seed, 1000);
    for (PlanOrder order : {PlanOrder::BySize, PlanOrder::ByBreadth,
                            PlanOrder::ByFirstUse, PlanOrder::ByArea})
      for (PlanFit fit : {PlanFit::BestFit, PlanFit::FirstFit})
        for (bool inPlace : {true, false}) {
          PlanOptions options;
          options.onlyStrategy = PlanStrategy{order, fit, inPlace};
          SCOPED_TRACE(getStrategyName(*options.onlyStrategy));
          MemoryPlan plan = planAndVerify(buffers, options);
          EXPECT_GE(plan.arenaSize, plan.lowerBound);
        }
  }
}

TEST(MemoryPlan, RandomSetsAreValidAndNearTheLowerBound) {
  double worst = 0, sum = 0;
  int runs = 0;
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::vector<PlanBuffer> buffers = randomBuffers(seed, 3000);
    MemoryPlan plan = planAndVerify(buffers);
    EXPECT_GE(plan.arenaSize, plan.lowerBound);
    EXPECT_LE(plan.lowerBound, bruteForcePeak(buffers));
    PlanOptions plain;
    plain.allowInPlace = false;
    MemoryPlan noInPlace = planAndVerify(buffers, plain);
    EXPECT_EQ(noInPlace.lowerBound, bruteForcePeak(buffers));
    EXPECT_GE(noInPlace.arenaSize, noInPlace.lowerBound);
    double ratio = double(plan.arenaSize) / double(plan.lowerBound);
    worst = std::max(worst, ratio);
    sum += ratio;
    ++runs;
  }
  std::printf("[  ratio   ] random sets of 3000: mean %.4f, worst %.4f\n",
              sum / runs, worst);
}

TEST(MemoryPlan, TenThousandBuffers) {
  std::vector<PlanBuffer> buffers = randomBuffers(42, 10000);
  auto start = std::chrono::steady_clock::now();
  MemoryPlan plan = planMemory(buffers);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  EXPECT_EQ(verifyMemoryPlan(buffers, plan), "");
  EXPECT_GE(plan.arenaSize, plan.lowerBound);
  std::printf("[  timing  ] 10000 buffers planned in %.3f s\n", seconds);
  printRatio("random 10000", plan);
}

//===----------------------------------------------------------------------===//
// Synthetic models: within 15% of the lower bound
//===----------------------------------------------------------------------===//

TEST(MemoryPlan, ResNet50NearTheLowerBound) {
  for (bool fused : {false, true}) {
    std::vector<PlanBuffer> buffers = resnet50(fused);
    MemoryPlan plan = planAndVerify(buffers);
    printRatio(fused ? "resnet50 (fused)" : "resnet50 (unfused)", plan);
    EXPECT_LE(double(plan.arenaSize), 1.15 * double(plan.lowerBound));
  }
}

TEST(MemoryPlan, BertEncoderNearTheLowerBound) {
  for (bool fused : {false, true}) {
    std::vector<PlanBuffer> buffers = bertEncoder(12, fused);
    MemoryPlan plan = planAndVerify(buffers);
    printRatio(fused ? "bert-base seq128 (fused)"
                     : "bert-base seq128 (unfused)",
               plan);
    EXPECT_LE(double(plan.arenaSize), 1.15 * double(plan.lowerBound));
  }
}

} // namespace
