//===- Random.h - seeded randomness that is the same everywhere -----------===//
//
// The tuner's random choices (sampling, mutation, crossover, selection) all
// draw from one std::mt19937_64 the caller seeds. The engine's output is
// fixed by the C++ standard, but the standard distributions are not (each
// library maps the raw bits differently), so the helpers here turn raw
// 64-bit draws into integers and reals themselves: a seed gives the same
// run with any standard library.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_TUNER_RANDOM_H
#define MLC_TUNER_RANDOM_H

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace mlc::tuner {

/// The tuner's random engine; seeded by whoever starts a search.
using Rng = std::mt19937_64;

/// A uniform integer in [0, bound) (bound > 0), unbiased: draws that fall in
/// the incomplete last copy of [0, bound) are rejected.
inline uint64_t uniformBelow(Rng &rng, uint64_t bound) {
  if (bound <= 1)
    return 0;
  // The largest multiple of `bound` that fits, as a limit for rejection.
  uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  uint64_t x;
  do
    x = rng();
  while (x >= limit);
  return x % bound;
}

/// A uniform integer in [lo, hi], both included; lo when hi < lo.
inline int64_t uniformInt(Rng &rng, int64_t lo, int64_t hi) {
  if (hi <= lo)
    return lo;
  uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo);
  if (span == UINT64_MAX)
    return static_cast<int64_t>(rng());
  return static_cast<int64_t>(static_cast<uint64_t>(lo) +
                              uniformBelow(rng, span + 1));
}

/// A uniform real in [0, 1) from the top 53 bits of one draw.
inline double uniformReal(Rng &rng) {
  return static_cast<double>(rng() >> 11) * (1.0 / 9007199254740992.0);
}

/// True with probability p (one draw).
inline bool bernoulli(Rng &rng, double p) { return uniformReal(rng) < p; }

/// An index drawn in proportion to `weights` (non-negative; all zero or
/// empty: uniform over the indices, 0 when empty).
inline size_t weightedIndex(Rng &rng, const std::vector<double> &weights) {
  double total = 0;
  for (double w : weights)
    total += w > 0 ? w : 0;
  if (weights.empty())
    return 0;
  if (!(total > 0))
    return static_cast<size_t>(uniformBelow(rng, weights.size()));
  double r = uniformReal(rng) * total;
  for (size_t i = 0; i < weights.size(); ++i) {
    double w = weights[i] > 0 ? weights[i] : 0;
    if (r < w)
      return i;
    r -= w;
  }
  // Rounding left r just past the end: the last index with weight.
  for (size_t i = weights.size(); i-- > 0;)
    if (weights[i] > 0)
      return i;
  return 0;
}

/// SplitMix64's finalizer: a fixed bijective mixing of 64 bits, for
/// deterministic hashing of values with a seed.
inline uint64_t mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

} // namespace mlc::tuner

#endif // MLC_TUNER_RANDOM_H
