//===- SearchSpace.cpp - enumeration, sampling, mutation, crossover -------===//
//
// What every space shares: the generic knob checks of valid(), the
// enumeration of the valid points, and sample / mutate / crossover over
// them (see SearchSpace.h); plus the factory that picks a space by the
// task's kind.
//
//===----------------------------------------------------------------------===//

#include "tuner/SearchSpace.h"

#include <algorithm>
#include <cassert>

namespace mlc::tuner {

SearchSpace::SearchSpace(std::vector<Knob> knobs)
    : knobList(std::move(knobs)) {}

SearchSpace::~SearchSpace() = default;

bool SearchSpace::valid(const Schedule &s, std::string *why) const {
  if (s.empty())
    return true;
  for (const auto &entry : s.knobs) {
    const std::string &name = entry.first;
    bool known = std::any_of(knobList.begin(), knobList.end(),
                             [&](const Knob &k) { return k.name == name; });
    if (!known) {
      if (why)
        *why = "unknown knob '" + name + "'";
      return false;
    }
  }
  for (const Knob &k : knobList) {
    auto it = s.knobs.find(k.name);
    if (it == s.knobs.end()) {
      if (why)
        *why = "knob '" + k.name + "' is not set";
      return false;
    }
    if (std::find(k.values.begin(), k.values.end(), it->second) ==
        k.values.end()) {
      if (why)
        *why = "knob '" + k.name + "' = " + std::to_string(it->second) +
               " is not a candidate value";
      return false;
    }
  }
  return satisfies(s, why);
}

void SearchSpace::enumerate() {
  size_t raw = 1;
  for (const Knob &k : knobList) {
    assert(!k.values.empty() && k.values.size() < kMissing &&
           "a knob needs 1..254 candidate values");
    raw *= k.values.size();
    assert(raw <= (size_t(1) << 20) && "search space too large to enumerate");
  }
  points.clear();
  idOfRaw.assign(raw, -1);
  byValue.assign(knobList.size(), {});
  for (size_t k = 0; k < knobList.size(); ++k)
    byValue[k].resize(knobList[k].values.size());
  Point p(knobList.size(), 0);
  for (size_t r = 0; r < raw; ++r) {
    // Mixed radix, last knob fastest.
    size_t rest = r;
    for (size_t k = knobList.size(); k-- > 0;) {
      p[k] = static_cast<uint8_t>(rest % knobList[k].values.size());
      rest /= knobList[k].values.size();
    }
    if (!satisfies(toSchedule(p), nullptr))
      continue;
    uint32_t id = static_cast<uint32_t>(points.size());
    idOfRaw[r] = static_cast<int32_t>(id);
    points.push_back(p);
    for (size_t k = 0; k < knobList.size(); ++k)
      byValue[k][p[k]].push_back(id);
  }
}

SearchSpace::Point SearchSpace::toPoint(const Schedule &s) const {
  Point p(knobList.size(), kMissing);
  for (size_t k = 0; k < knobList.size(); ++k) {
    auto it = s.knobs.find(knobList[k].name);
    if (it == s.knobs.end())
      continue;
    const std::vector<int64_t> &vs = knobList[k].values;
    auto at = std::find(vs.begin(), vs.end(), it->second);
    if (at != vs.end())
      p[k] = static_cast<uint8_t>(at - vs.begin());
  }
  return p;
}

Schedule SearchSpace::toSchedule(const Point &p) const {
  Schedule s;
  for (size_t k = 0; k < knobList.size(); ++k)
    s.knobs[knobList[k].name] = knobList[k].values[p[k]];
  return s;
}

int64_t SearchSpace::find(const Point &p) const {
  size_t r = 0;
  for (size_t k = 0; k < knobList.size(); ++k) {
    if (p[k] == kMissing)
      return -1;
    r = r * knobList[k].values.size() + p[k];
  }
  return idOfRaw[r];
}

int64_t SearchSpace::nearest(const std::vector<uint32_t> &ids,
                             const Point &target, Rng &rng) const {
  std::vector<uint32_t> best;
  size_t bestDistance = SIZE_MAX;
  for (uint32_t id : ids) {
    size_t d = 0;
    for (size_t k = 0; k < target.size(); ++k)
      d += points[id][k] != target[k];
    if (d < bestDistance) {
      bestDistance = d;
      best.clear();
    }
    if (d == bestDistance)
      best.push_back(id);
  }
  if (best.empty())
    return -1;
  return best[uniformBelow(rng, best.size())];
}

Schedule SearchSpace::sample(Rng &rng) const {
  if (points.empty())
    return Schedule();
  return toSchedule(points[uniformBelow(rng, points.size())]);
}

Schedule SearchSpace::mutate(const Schedule &s, Rng &rng) const {
  Point p = toPoint(s);
  if (std::count(p.begin(), p.end(), kMissing) > 0)
    return sample(rng);
  // Per knob, the other values some valid point has.
  std::vector<std::vector<uint8_t>> alternatives(knobList.size());
  std::vector<double> weights(knobList.size(), 0.0);
  for (size_t k = 0; k < knobList.size(); ++k) {
    for (size_t v = 0; v < byValue[k].size(); ++v)
      if (v != p[k] && !byValue[k][v].empty())
        alternatives[k].push_back(static_cast<uint8_t>(v));
    if (!alternatives[k].empty())
      weights[k] = knobList[k].mutationWeight;
  }
  if (std::all_of(weights.begin(), weights.end(),
                  [](double w) { return w <= 0; }))
    return s;
  size_t k = weightedIndex(rng, weights);
  uint8_t v = alternatives[k][uniformBelow(rng, alternatives[k].size())];
  int64_t id = nearest(byValue[k][v], p, rng);
  return toSchedule(points[id]);
}

Schedule SearchSpace::crossover(const Schedule &a, const Schedule &b,
                                Rng &rng) const {
  Point pa = toPoint(a), pb = toPoint(b);
  bool aFull = std::count(pa.begin(), pa.end(), kMissing) == 0;
  bool bFull = std::count(pb.begin(), pb.end(), kMissing) == 0;
  if (points.empty())
    return Schedule();
  if (!aFull && !bFull)
    return sample(rng);
  if (!aFull)
    pa = pb;
  if (!bFull)
    pb = pa;
  Point child(knobList.size());
  for (size_t k = 0; k < knobList.size(); ++k)
    child[k] = (rng() >> 63) ? pa[k] : pb[k];
  if (find(child) >= 0)
    return toSchedule(child);
  // Repair: the nearest valid point built from the parents' values only
  // (the parents themselves are such points when valid), else the nearest
  // valid point at all.
  std::vector<uint32_t> fromParents;
  for (uint32_t id = 0; id < points.size(); ++id) {
    bool ok = true;
    for (size_t k = 0; k < knobList.size() && ok; ++k)
      ok = points[id][k] == pa[k] || points[id][k] == pb[k];
    if (ok)
      fromParents.push_back(id);
  }
  int64_t id = nearest(fromParents, child, rng);
  if (id < 0) {
    std::vector<uint32_t> all(points.size());
    for (uint32_t i = 0; i < all.size(); ++i)
      all[i] = i;
    id = nearest(all, child, rng);
  }
  return toSchedule(points[id]);
}

std::unique_ptr<SearchSpace>
createSearchSpace(const Task &task, const Target &target, std::string &error) {
  if (task.kind == "matmul")
    return createMatmulSpace(task, target);
  if (task.kind == "conv2d" || task.kind == "conv2d_nchwc")
    return createConvSpace(task, target);
  error = "no search space for kernels of kind '" + task.kind + "'";
  return nullptr;
}

std::vector<int64_t> SearchSpace::range(int64_t lo, int64_t hi) {
  std::vector<int64_t> v;
  for (int64_t i = lo; i <= hi; ++i)
    v.push_back(i);
  return v;
}

std::vector<int64_t> vectorWidths(const Target &target) {
  if (target.vectorBits >= 512)
    return {256, 512};
  return {std::max<int64_t>(128, target.vectorBits)};
}

} // namespace mlc::tuner
