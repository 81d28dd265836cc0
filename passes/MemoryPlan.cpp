//===- MemoryPlan.cpp - static arena planning for intermediate buffers ---===//
//
// The algorithm:
//
//  1. Read the buffers: resolve default alignments, and accept the in-place
//     hints that are safe (the operand dies no later than the result is
//     born, the result is no larger, each operand's storage goes to at most
//     one result, and the chains of buffers sharing one storage stay free of
//     any other lifetime overlap). Accepted hints link buffers into chains.
//  2. Compute the live-bytes profile over the execution steps (a sweep over
//     birth and death events), where a result taking its operand's storage
//     in place is not counted twice at the step it is born. Its peak is the
//     liveness lower bound; a sparse table over it answers "the most bytes
//     live during this lifetime" for the by-breadth order.
//  3. For each strategy (in-place on/off x order x fit):
//     a. Form placement units: a chain of in-place buffers is one unit (all
//        its members share an offset); without in-place, each buffer is one.
//     b. Sort the units by the strategy's order (by size, by breadth, by
//        first use, or by size x lifetime), ties broken by index.
//     c. Place each unit in turn: every already placed buffer whose lifetime
//        intersects a member's forbids a range of offsets for the unit.
//        Those buffers are found through a segment tree over the buffers
//        sorted by first use (then their ranges sorted), or, when most placed
//        buffers meet the member, by a walk over the placed buffers in
//        address order. Walk the free gaps between the ranges, taking the
//        first aligned offset that fits (first fit) or the one in the
//        tightest gap (best fit), else the first aligned offset above them.
//  4. Keep the plan with the smallest arena (the first one on ties: the
//     strategies are tried in a fixed order, so the result is deterministic),
//     and, with assertions on, check it with verifyMemoryPlan.
//
// A strategy costs about O((n + k) log n) for k pairs of intersecting
// lifetimes, and O(n^2) when most lifetimes meet: for 10k buffers, tens of
// milliseconds for an inference-like graph, a quarter second when all meet.
//
//===----------------------------------------------------------------------===//

#include "passes/MemoryPlan.h"

#include <algorithm>
#include <cassert>
#include <iterator>
#include <numeric>

using namespace mlc;

namespace {

constexpr uint64_t kMaxSize = uint64_t(1) << 40;
constexpr uint64_t kMaxAlignment = uint64_t(1) << 32;
constexpr int64_t kMaxStep = int64_t(1) << 62;
constexpr size_t kMaxBuffers = size_t(1) << 22;

bool isPowerOf2(uint64_t x) { return x != 0 && (x & (x - 1)) == 0; }

uint64_t alignUp(uint64_t x, uint64_t alignment) {
  return (x + alignment - 1) & ~(alignment - 1);
}

/// A buffer as the planner reads it: alignment resolved, lifetime and hint
/// made well formed.
struct Buf {
  uint64_t size;
  uint64_t alignment;
  int64_t first;
  int64_t last;
  int64_t hint;
};

uint64_t effectiveAlignment(const PlanBuffer &b, const PlanOptions &options) {
  uint64_t defaultAlignment =
      isPowerOf2(options.defaultAlignment) ? options.defaultAlignment : 64;
  if (b.alignment == 0 || !isPowerOf2(b.alignment) ||
      b.alignment > kMaxAlignment)
    return defaultAlignment;
  return b.alignment;
}

std::vector<Buf> readBuffers(const std::vector<PlanBuffer> &buffers,
                             const PlanOptions &options) {
  std::vector<Buf> bufs;
  bufs.reserve(buffers.size());
  int64_t n = buffers.size();
  for (int64_t i = 0; i < n; ++i) {
    const PlanBuffer &b = buffers[i];
    int64_t first = std::clamp<int64_t>(b.firstUse, 0, kMaxStep - 1);
    int64_t last = std::clamp<int64_t>(b.lastUse, first, kMaxStep - 1);
    int64_t hint = (b.inPlaceOf >= 0 && b.inPlaceOf < n && b.inPlaceOf != i)
                       ? b.inPlaceOf
                       : -1;
    bufs.push_back({std::min(b.size, kMaxSize - 1),
                    effectiveAlignment(b, options), first, last, hint});
  }
  return bufs;
}

/// Step 1: for each buffer, the operand whose storage it takes over in place,
/// or -1. Hints are considered in order of first use (then index), so when
/// several results want the same operand the earliest wins.
std::vector<int64_t> acceptInPlaceHints(const std::vector<Buf> &bufs) {
  size_t n = bufs.size();
  std::vector<int64_t> parent(n, -1), child(n, -1);
  // Union-find over chains, so that a hint never closes a cycle.
  std::vector<int64_t> root(n);
  std::iota(root.begin(), root.end(), 0);
  auto find = [&](int64_t x) {
    while (root[x] != x)
      x = root[x] = root[root[x]];
    return x;
  };

  std::vector<int64_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
    return std::make_pair(bufs[a].first, a) < std::make_pair(bufs[b].first, b);
  });
  for (int64_t b : order) {
    int64_t a = bufs[b].hint;
    if (a < 0 || child[a] >= 0 || bufs[a].last > bufs[b].first ||
        bufs[b].size > bufs[a].size || find(a) == find(b))
      continue;
    // Chains are ordered in time (each member dies no later than the next is
    // born), so only the immediate neighbours of the new link can overlap a
    // member on the other side of it.
    if (parent[a] >= 0 && bufs[parent[a]].last >= bufs[b].first)
      continue;
    if (child[b] >= 0 && bufs[child[b]].first <= bufs[a].last)
      continue;
    parent[b] = a;
    child[a] = b;
    root[find(b)] = find(a);
  }
  return parent;
}

/// Step 2: the bytes live at each step, as a step function that changes only
/// where a buffer is born (so it is stored at the birth steps only).
class LiveProfile {
public:
  LiveProfile(const std::vector<Buf> &bufs,
              const std::vector<int64_t> &inPlaceOf) {
    struct Event {
      int64_t step;
      bool isBirth;
      uint64_t size;
    };
    std::vector<Event> events;
    for (size_t i = 0; i < bufs.size(); ++i) {
      int64_t first = effectiveFirst(bufs, inPlaceOf, i);
      if (bufs[i].size == 0 || first > bufs[i].last)
        continue;
      events.push_back({first, true, bufs[i].size});
      events.push_back({bufs[i].last + 1, false, bufs[i].size});
    }
    std::sort(events.begin(), events.end(),
              [](const Event &a, const Event &b) { return a.step < b.step; });
    std::vector<uint64_t> live;
    uint64_t current = 0;
    for (size_t i = 0; i < events.size();) {
      int64_t step = events[i].step;
      bool anyBirth = false;
      for (; i < events.size() && events[i].step == step; ++i) {
        if (events[i].isBirth) {
          current += events[i].size;
          anyBirth = true;
        } else {
          current -= events[i].size;
        }
      }
      if (anyBirth) {
        steps.push_back(step);
        live.push_back(current);
        peak = std::max(peak, current);
      }
    }
    // Sparse table: table[k][i] = max of live[i .. i + 2^k).
    table.push_back(std::move(live));
    for (size_t k = 1; (size_t(1) << k) <= steps.size(); ++k) {
      const std::vector<uint64_t> &prev = table.back();
      size_t half = size_t(1) << (k - 1);
      std::vector<uint64_t> next(steps.size() - 2 * half + 1);
      for (size_t i = 0; i < next.size(); ++i)
        next[i] = std::max(prev[i], prev[i + half]);
      table.push_back(std::move(next));
    }
  }

  /// The first step at which buffer `i` takes bytes of its own: one after its
  /// birth when it took over its operand's storage at that very step.
  static int64_t effectiveFirst(const std::vector<Buf> &bufs,
                                const std::vector<int64_t> &inPlaceOf,
                                size_t i) {
    int64_t a = inPlaceOf[i];
    if (a >= 0 && bufs[a].last == bufs[i].first)
      return bufs[i].first + 1;
    return bufs[i].first;
  }

  /// The most bytes live at any step in [first, last].
  uint64_t maxOver(int64_t first, int64_t last) const {
    size_t lo =
        std::lower_bound(steps.begin(), steps.end(), first) - steps.begin();
    size_t hi =
        std::upper_bound(steps.begin(), steps.end(), last) - steps.begin();
    if (lo >= hi)
      return 0;
    size_t k = 0;
    while ((size_t(2) << k) <= hi - lo)
      ++k;
    return std::max(table[k][lo], table[k][hi - (size_t(1) << k)]);
  }

  uint64_t peak = 0;

private:
  std::vector<int64_t> steps;
  std::vector<std::vector<uint64_t>> table;
};

/// Step 3a: buffers that share one offset (an in-place chain, in time order).
struct Unit {
  std::vector<int64_t> members;
  uint64_t maxSize = 0;
  uint64_t alignment = 1;
  int64_t first = 0;
  int64_t last = 0;
  double area = 0;
  uint64_t breadth = 0;
};

std::vector<Unit> formUnits(const std::vector<Buf> &bufs,
                            const std::vector<int64_t> &inPlaceOf,
                            const LiveProfile &profile) {
  size_t n = bufs.size();
  std::vector<int64_t> child(n, -1);
  for (size_t i = 0; i < n; ++i)
    if (inPlaceOf[i] >= 0)
      child[inPlaceOf[i]] = i;
  std::vector<Unit> units;
  for (size_t head = 0; head < n; ++head) {
    if (inPlaceOf[head] >= 0)
      continue;
    Unit unit;
    unit.first = bufs[head].first;
    unit.last = bufs[head].last;
    for (int64_t i = head; i >= 0; i = child[i]) {
      const Buf &b = bufs[i];
      unit.members.push_back(i);
      unit.maxSize = std::max(unit.maxSize, b.size);
      unit.alignment = std::max(unit.alignment, b.alignment);
      unit.first = std::min(unit.first, b.first);
      unit.last = std::max(unit.last, b.last);
      unit.area += double(b.size) * double(b.last - b.first + 1);
      if (b.size != 0)
        unit.breadth = std::max(unit.breadth, profile.maxOver(b.first, b.last));
    }
    units.push_back(std::move(unit));
  }
  return units;
}

/// Step 3b: the order in which `strategy` places `units`.
std::vector<size_t> orderUnits(const std::vector<Unit> &units,
                               PlanOrder order) {
  std::vector<size_t> idx(units.size());
  std::iota(idx.begin(), idx.end(), 0);
  auto bySize = [&](const Unit &a, const Unit &b) {
    if (a.maxSize != b.maxSize)
      return a.maxSize > b.maxSize;
    return a.last - a.first > b.last - b.first;
  };
  auto byBreadth = [&](const Unit &a, const Unit &b) {
    if (a.breadth != b.breadth)
      return a.breadth > b.breadth;
    return bySize(a, b);
  };
  auto byFirstUse = [&](const Unit &a, const Unit &b) {
    if (a.first != b.first)
      return a.first < b.first;
    return a.maxSize > b.maxSize;
  };
  auto byArea = [&](const Unit &a, const Unit &b) {
    if (a.area != b.area)
      return a.area > b.area;
    return a.maxSize > b.maxSize;
  };
  auto before = [&](const Unit &a, const Unit &b) {
    switch (order) {
    case PlanOrder::BySize:
      return bySize(a, b);
    case PlanOrder::ByBreadth:
      return byBreadth(a, b);
    case PlanOrder::ByFirstUse:
      return byFirstUse(a, b);
    case PlanOrder::ByArea:
      return byArea(a, b);
    }
    return false;
  };
  // Then the most aligned first (so that small alignments fill the padding
  // of large ones), then by head buffer index.
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
    if (before(units[a], units[b]))
      return true;
    if (before(units[b], units[a]))
      return false;
    if (units[a].alignment != units[b].alignment)
      return units[a].alignment > units[b].alignment;
    return units[a].members.front() < units[b].members.front();
  });
  return idx;
}

/// The placed buffers, found by lifetime: a max segment tree over all the
/// buffers sorted by first use, whose leaves hold a placed buffer's last use
/// (-1 while unplaced). The buffers meeting [first, last] are those in the
/// prefix born by `last` whose last use is at least `first`; the search
/// descends only into subtrees holding such a buffer, so a query costs
/// O((k + 1) log n) for k results.
class PlacedIndex {
public:
  explicit PlacedIndex(const std::vector<Buf> &bufs) : bufs(bufs) {
    size_t n = bufs.size();
    byFirst.resize(n);
    std::iota(byFirst.begin(), byFirst.end(), 0);
    std::sort(byFirst.begin(), byFirst.end(), [&](int64_t a, int64_t b) {
      return std::make_pair(bufs[a].first, a) <
             std::make_pair(bufs[b].first, b);
    });
    position.resize(n);
    firsts.resize(n);
    for (size_t k = 0; k < n; ++k) {
      position[byFirst[k]] = k;
      firsts[k] = bufs[byFirst[k]].first;
    }
    while (leaves < n)
      leaves *= 2;
    tree.assign(2 * leaves, -1);
  }

  void insert(int64_t i) {
    size_t node = leaves + position[i];
    tree[node] = bufs[i].last;
    for (node /= 2; node >= 1; node /= 2)
      tree[node] = std::max(tree[2 * node], tree[2 * node + 1]);
  }

  /// Calls `fn(j)` for each placed buffer j whose lifetime meets
  /// [first, last].
  template <typename Fn>
  void forEachMeeting(int64_t first, int64_t last, Fn fn) {
    size_t born =
        std::upper_bound(firsts.begin(), firsts.end(), last) - firsts.begin();
    stack.clear();
    stack.push_back({1, 0, leaves});
    while (!stack.empty()) {
      auto [node, lo, width] = stack.back();
      stack.pop_back();
      if (lo >= born || tree[node] < first)
        continue;
      if (width == 1) {
        fn(byFirst[lo]);
        continue;
      }
      stack.push_back({2 * node + 1, lo + width / 2, width / 2});
      stack.push_back({2 * node, lo, width / 2});
    }
  }

private:
  struct Frame {
    size_t node, lo, width;
  };
  const std::vector<Buf> &bufs;
  std::vector<int64_t> byFirst;
  std::vector<size_t> position;
  std::vector<int64_t> firsts;
  size_t leaves = 1;
  std::vector<int64_t> tree;
  std::vector<Frame> stack;
};

/// Step 3c: places the units in `order`, writing `offsets`; returns the
/// arena size.
uint64_t placeUnits(const std::vector<Buf> &bufs,
                    const std::vector<Unit> &units,
                    const std::vector<size_t> &order, PlanFit fit,
                    std::vector<uint64_t> &offsets) {
  PlacedIndex placed(bufs);
  // The placed buffers in address order. When a member meets many of them,
  // a walk over this list (which yields its forbidden ranges already sorted)
  // is cheaper than the index search and a sort. Whether the last member
  // met many is the guess for the next; both ways give the same ranges.
  std::vector<int64_t> byOffset;
  bool dense = false;
  // Offsets in [lo, hi) that the unit must not take, and scratch to merge
  // the sorted ranges of the unit's members.
  std::vector<std::pair<int64_t, int64_t>> forbidden, merged;
  uint64_t arena = 0;
  for (size_t u : order) {
    const Unit &unit = units[u];
    forbidden.clear();
    for (int64_t m : unit.members) {
      const Buf &b = bufs[m];
      if (b.size == 0)
        continue;
      auto addRange = [&](int64_t p) {
        forbidden.emplace_back(int64_t(offsets[p]) - int64_t(b.size) + 1,
                               int64_t(offsets[p] + bufs[p].size));
      };
      size_t begin = forbidden.size();
      if (dense) {
        for (int64_t p : byOffset)
          if (bufs[p].first <= b.last && b.first <= bufs[p].last)
            addRange(p);
      } else {
        placed.forEachMeeting(b.first, b.last, addRange);
        std::sort(forbidden.begin() + begin, forbidden.end());
      }
      dense = (forbidden.size() - begin) * 8 > byOffset.size();
      if (begin != 0) {
        merged.clear();
        std::merge(forbidden.begin(), forbidden.begin() + begin,
                   forbidden.begin() + begin, forbidden.end(),
                   std::back_inserter(merged));
        forbidden.swap(merged);
      }
    }

    // Walk the gaps between the forbidden ranges.
    uint64_t offset = 0;
    bool found = false;
    uint64_t bestSlack = 0;
    int64_t cursor = 0;
    for (const auto &[lo, hi] : forbidden) {
      if (lo > cursor) {
        uint64_t candidate = alignUp(cursor, unit.alignment);
        if (int64_t(candidate) < lo) {
          uint64_t slack = lo - candidate;
          if (!found || slack < bestSlack) {
            offset = candidate;
            bestSlack = slack;
            found = true;
          }
          if (fit == PlanFit::FirstFit)
            break;
        }
      }
      cursor = std::max(cursor, hi);
    }
    if (!found)
      offset = alignUp(cursor, unit.alignment);

    for (int64_t m : unit.members) {
      offsets[m] = unit.maxSize == 0 ? 0 : offset;
      if (bufs[m].size == 0)
        continue;
      placed.insert(m);
      byOffset.insert(std::upper_bound(byOffset.begin(), byOffset.end(), m,
                                       [&](int64_t a, int64_t b) {
                                         return offsets[a] < offsets[b];
                                       }),
                      m);
      arena = std::max(arena, offset + bufs[m].size);
    }
  }
  return arena;
}

std::vector<PlanStrategy> allStrategies(bool withInPlace) {
  std::vector<PlanStrategy> strategies;
  for (bool inPlace : {true, false}) {
    if (inPlace && !withInPlace)
      continue;
    for (PlanOrder order : {PlanOrder::BySize, PlanOrder::ByBreadth,
                            PlanOrder::ByFirstUse, PlanOrder::ByArea})
      for (PlanFit fit : {PlanFit::BestFit, PlanFit::FirstFit})
        strategies.push_back({order, fit, inPlace});
  }
  return strategies;
}

} // namespace

std::string mlc::getStrategyName(const PlanStrategy &strategy) {
  std::string name;
  switch (strategy.order) {
  case PlanOrder::BySize:
    name = "by-size";
    break;
  case PlanOrder::ByBreadth:
    name = "by-breadth";
    break;
  case PlanOrder::ByFirstUse:
    name = "by-first-use";
    break;
  case PlanOrder::ByArea:
    name = "by-area";
    break;
  }
  name += strategy.fit == PlanFit::BestFit ? "/best-fit" : "/first-fit";
  name += strategy.inPlace ? "/in-place" : "/no-in-place";
  return name;
}

std::string mlc::checkBuffers(const std::vector<PlanBuffer> &buffers,
                              const PlanOptions &options) {
  if (!isPowerOf2(options.defaultAlignment) ||
      options.defaultAlignment > kMaxAlignment)
    return "default alignment " + std::to_string(options.defaultAlignment) +
           " is not a power of two up to 2^32";
  if (buffers.size() >= kMaxBuffers)
    return "too many buffers (" + std::to_string(buffers.size()) + ")";
  int64_t n = buffers.size();
  for (int64_t i = 0; i < n; ++i) {
    const PlanBuffer &b = buffers[i];
    std::string what = "buffer " + std::to_string(i) + ": ";
    if (b.size >= kMaxSize)
      return what + "size " + std::to_string(b.size) + " is not below 2^40";
    if (b.alignment != 0 &&
        (!isPowerOf2(b.alignment) || b.alignment > kMaxAlignment))
      return what + "alignment " + std::to_string(b.alignment) +
             " is not a power of two up to 2^32";
    if (b.firstUse < 0 || b.firstUse > b.lastUse || b.lastUse >= kMaxStep)
      return what + "lifetime [" + std::to_string(b.firstUse) + ", " +
             std::to_string(b.lastUse) + "] is not within [0, 2^62)";
    if (b.inPlaceOf < -1 || b.inPlaceOf >= n || b.inPlaceOf == i)
      return what + "in-place hint " + std::to_string(b.inPlaceOf) +
             " is not another buffer";
  }
  return "";
}

MemoryPlan mlc::planMemory(const std::vector<PlanBuffer> &buffers,
                           const PlanOptions &options) {
  assert(checkBuffers(buffers, options).empty() && "malformed buffers");
  size_t n = buffers.size();
  std::vector<Buf> bufs = readBuffers(buffers, options);
  std::vector<int64_t> accepted = options.allowInPlace
                                      ? acceptInPlaceHints(bufs)
                                      : std::vector<int64_t>(n, -1);
  std::vector<int64_t> none(n, -1);
  LiveProfile aliasedProfile(bufs, accepted);
  LiveProfile plainProfile(bufs, none);

  MemoryPlan plan;
  plan.lowerBound = aliasedProfile.peak;
  for (const Buf &b : bufs)
    plan.totalBytes += b.size;

  bool anyInPlace = std::any_of(accepted.begin(), accepted.end(),
                                [](int64_t a) { return a >= 0; });
  std::vector<PlanStrategy> strategies;
  if (options.onlyStrategy)
    strategies.push_back(*options.onlyStrategy);
  else
    strategies = allStrategies(anyInPlace);

  std::vector<Unit> inPlaceUnits, plainUnits;
  std::vector<uint64_t> offsets(n);
  bool havePlan = false;
  for (const PlanStrategy &strategy : strategies) {
    bool inPlace = strategy.inPlace && anyInPlace;
    std::vector<Unit> &units = inPlace ? inPlaceUnits : plainUnits;
    if (units.empty() && n != 0)
      units = inPlace ? formUnits(bufs, accepted, aliasedProfile)
                      : formUnits(bufs, none, plainProfile);
    std::vector<size_t> order = orderUnits(units, strategy.order);
    uint64_t arena = placeUnits(bufs, units, order, strategy.fit, offsets);
    if (havePlan && arena >= plan.arenaSize)
      continue;
    havePlan = true;
    plan.arenaSize = arena;
    plan.offsets = offsets;
    plan.inPlaceOf = inPlace ? accepted : none;
    plan.strategy = strategy;
  }
  if (!havePlan)
    plan.inPlaceOf = none;
  plan.numInPlace = std::count_if(plan.inPlaceOf.begin(), plan.inPlaceOf.end(),
                                  [](int64_t a) { return a >= 0; });
  assert(verifyMemoryPlan(buffers, plan, options).empty() &&
         "the memory planner produced an invalid plan");
  return plan;
}

std::string mlc::verifyMemoryPlan(const std::vector<PlanBuffer> &buffers,
                                  const MemoryPlan &plan,
                                  const PlanOptions &options) {
  size_t n = buffers.size();
  if (plan.offsets.size() != n)
    return "the plan has " + std::to_string(plan.offsets.size()) +
           " offsets for " + std::to_string(n) + " buffers";
  if (!plan.inPlaceOf.empty() && plan.inPlaceOf.size() != n)
    return "the plan has " + std::to_string(plan.inPlaceOf.size()) +
           " in-place entries for " + std::to_string(n) + " buffers";
  auto name = [](size_t i) { return "buffer " + std::to_string(i); };
  auto range = [&](size_t i) {
    return "[" + std::to_string(plan.offsets[i]) + ", " +
           std::to_string(plan.offsets[i] + buffers[i].size) + ")";
  };

  for (size_t i = 0; i < n; ++i) {
    const PlanBuffer &b = buffers[i];
    uint64_t offset = plan.offsets[i];
    uint64_t alignment = effectiveAlignment(b, options);
    if (offset % alignment != 0)
      return name(i) + ": offset " + std::to_string(offset) +
             " is not a multiple of its alignment " + std::to_string(alignment);
    if (offset > plan.arenaSize || b.size > plan.arenaSize - offset)
      return name(i) + " at " + range(i) + " lies beyond the arena of " +
             std::to_string(plan.arenaSize) + " bytes";
  }

  auto inPlaceOf = [&](size_t i) {
    return plan.inPlaceOf.empty() ? int64_t(-1) : plan.inPlaceOf[i];
  };
  for (size_t i = 0; i < n; ++i) {
    int64_t a = inPlaceOf(i);
    if (a < 0)
      continue;
    const PlanBuffer &b = buffers[i];
    if (a != b.inPlaceOf)
      return name(i) + " takes the storage of buffer " + std::to_string(a) +
             " in place without a hint for it";
    const PlanBuffer &op = buffers[a];
    if (plan.offsets[a] != plan.offsets[i])
      return name(i) + " is in place of buffer " + std::to_string(a) +
             " but at another offset";
    if (b.size > op.size)
      return name(i) + " is in place of the smaller buffer " +
             std::to_string(a);
    if (op.lastUse > b.firstUse)
      return name(i) + " is in place of buffer " + std::to_string(a) +
             ", which is still used after step " + std::to_string(b.firstUse);
  }

  // Visit each pair of intersecting lifetimes once: sorted by birth, the
  // buffers born within i's lifetime after i are the ones that meet it.
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return std::make_pair(buffers[a].firstUse, a) <
           std::make_pair(buffers[b].firstUse, b);
  });
  for (size_t x = 0; x < n; ++x) {
    size_t i = order[x];
    const PlanBuffer &bi = buffers[i];
    if (bi.size == 0)
      continue;
    for (size_t y = x + 1; y < n; ++y) {
      size_t j = order[y];
      const PlanBuffer &bj = buffers[j];
      if (bj.firstUse > bi.lastUse)
        break;
      if (bj.size == 0)
        continue;
      bool disjoint = plan.offsets[i] + bi.size <= plan.offsets[j] ||
                      plan.offsets[j] + bj.size <= plan.offsets[i];
      if (disjoint)
        continue;
      // An in-place pair checked above meets at one step at most.
      if (inPlaceOf(i) == int64_t(j) || inPlaceOf(j) == int64_t(i))
        continue;
      return name(i) + " at " + range(i) + " and " + name(j) + " at " +
             range(j) + " overlap while both are live at step " +
             std::to_string(bj.firstUse);
    }
  }
  return "";
}
