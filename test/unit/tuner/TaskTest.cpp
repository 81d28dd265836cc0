//===- TaskTest.cpp - unit tests of schedules, workload keys, targets -----===//
//
// The canonical text of a schedule and its parser (round trip, "default",
// malformed input), FNV-1a against published test vectors, workload keys
// independent of parameter insertion order, and target fingerprints.
//
//===----------------------------------------------------------------------===//

#include "tuner/Task.h"

#include <gtest/gtest.h>

using namespace mlc::tuner;

namespace {

TEST(Task, Fnv1aKnownVectors) {
  // Reference values of 64-bit FNV-1a.
  EXPECT_EQ(fnv1a(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a("foobar"), 0x85944171f73967e8ULL);
}

TEST(Task, Hex64) {
  EXPECT_EQ(hex64(0), "0000000000000000");
  EXPECT_EQ(hex64(0xcbf29ce484222325ULL), "cbf29ce484222325");
  EXPECT_EQ(hex64(~0ULL), "ffffffffffffffff");
  EXPECT_EQ(hex64(0xABCULL), "0000000000000abc");
}

TEST(Task, ScheduleStrSortedByName) {
  Schedule s;
  EXPECT_EQ(s.str(), "default");
  s.knobs["nv"] = 2;
  s.knobs["mr"] = 8;
  s.knobs["kc"] = 0;
  EXPECT_EQ(s.str(), "kc=0,mr=8,nv=2");
  s.knobs["neg"] = -3;
  EXPECT_EQ(s.str(), "kc=0,mr=8,neg=-3,nv=2");
}

TEST(Task, ScheduleParseRoundTrip) {
  Schedule s;
  s.knobs = {{"mr", 8}, {"nv", 2}, {"kc", 256}, {"off", -1}};
  Schedule parsed;
  ASSERT_TRUE(Schedule::parse(s.str(), parsed));
  EXPECT_EQ(parsed, s);
  EXPECT_EQ(parsed.hash(), s.hash());

  // Order of the text does not matter; the knobs are keyed by name.
  ASSERT_TRUE(Schedule::parse("nv=2,mr=8", parsed));
  EXPECT_EQ(parsed.str(), "mr=8,nv=2");
  EXPECT_EQ(parsed.get("mr"), 8);
  EXPECT_EQ(parsed.get("absent", 7), 7);
}

TEST(Task, ScheduleParseDefault) {
  Schedule parsed;
  parsed.knobs["x"] = 1;
  ASSERT_TRUE(Schedule::parse("default", parsed));
  EXPECT_TRUE(parsed.empty());
  EXPECT_EQ(parsed.hash(), Schedule().hash());
}

TEST(Task, ScheduleParseRejectsMalformed) {
  Schedule parsed;
  parsed.knobs["keep"] = 5;
  for (const char *bad :
       {"", "mr", "mr=", "=8", "mr=8,", ",mr=8", "mr=8,,nv=2", "mr=8x",
        "mr=8,mr=4", "m r=8", "mr=--8", "mr=-", "8mr=1", "mr=1.5",
        "mr=99999999999999999999", "Default", "mr=8;nv=2", " mr=8"}) {
    EXPECT_FALSE(Schedule::parse(bad, parsed)) << bad;
  }
  // A failed parse leaves the output alone.
  EXPECT_EQ(parsed.str(), "keep=5");
}

TEST(Task, ScheduleHashDistinguishes) {
  Schedule a, b;
  a.knobs = {{"mr", 8}, {"nv", 2}};
  b.knobs = {{"mr", 8}, {"nv", 3}};
  EXPECT_NE(a.hash(), b.hash());
  EXPECT_EQ(a.hash(), fnv1a("mr=8,nv=2"));
  EXPECT_EQ(Schedule().hash(), fnv1a("default"));
}

TEST(Task, ComputeKey) {
  Task t;
  t.kind = "matmul";
  t.params["n"] = 64;
  t.params["m"] = 128;
  t.params["batch"] = 1;
  t.params["k"] = 32;
  t.computeKey();
  EXPECT_EQ(t.key, "matmul batch=1 k=32 m=128 n=64");
  EXPECT_EQ(t.hash, hex64(fnv1a("matmul batch=1 k=32 m=128 n=64")));
  EXPECT_EQ(t.hash.size(), 16u);

  // The same parameters inserted in another order give the same key.
  Task u;
  u.kind = "matmul";
  u.params = {{"k", 32}, {"batch", 1}, {"n", 64}, {"m", 128}};
  u.weight = 7; // not part of the key
  u.computeKey();
  EXPECT_EQ(u.key, t.key);
  EXPECT_EQ(u.hash, t.hash);

  // Another value or kind gives another hash.
  u.params["k"] = 33;
  u.computeKey();
  EXPECT_NE(u.hash, t.hash);
  Task c = t;
  c.kind = "conv2d";
  c.computeKey();
  EXPECT_NE(c.hash, t.hash);

  Task bare;
  bare.kind = "relu";
  bare.computeKey();
  EXPECT_EQ(bare.key, "relu");
}

TEST(Task, TargetFingerprint) {
  Target t;
  t.cpu = "znver4";
  t.features = "avx2,avx512f,fma";
  t.threads = 8;
  t.mlcVersion = "0.1";
  EXPECT_EQ(t.fingerprint(), "znver4/avx2,avx512f,fma/t8/mlc-0.1");
  EXPECT_EQ(t.vectorRegisters(), 32);
  t.vectorBits = 256;
  EXPECT_EQ(t.vectorRegisters(), 16);
}

} // namespace
