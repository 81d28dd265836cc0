//===- SearchSpace.h - the schedules a kernel can be given ----------------===//
//
// A search space is the set of valid schedules of one task on one target:
// every knob the CPU codegen reads for the task's kind, each with a list of
// candidate values, minus the combinations the constraints rule out (too
// many registers, tiles larger than the problem, variants that do not
// apply).
//
// The spaces are small by construction (a few knobs with a few values each;
// at most 2^20 raw combinations), so a space enumerates its valid points
// once when built and then samples, mutates and crosses over exactly:
//
// - sample: uniform over the valid points;
// - mutate: picks a knob (tile knobs most likely), gives it a different
//   value that some valid point has, and moves to the nearest valid point
//   (Hamming distance over the knobs) with that value, so one knob changes
//   and, only when the constraints need it, the fewest others;
// - crossover: each knob from either parent; when that combination is
//   invalid, the nearest valid point whose every knob comes from one of the
//   parents.
//
// An empty schedule means the codegen's default heuristic: it is always
// valid, but no space point is empty (every point sets every knob).
//
//===----------------------------------------------------------------------===//

#ifndef MLC_TUNER_SEARCHSPACE_H
#define MLC_TUNER_SEARCHSPACE_H

#include "tuner/Random.h"
#include "tuner/Task.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mlc::tuner {

/// One knob of a space.
struct Knob {
  /// The name the codegen reads ("mr", "nv", ...).
  std::string name;
  /// Candidate values, ascending.
  std::vector<int64_t> values;
  /// Relative probability that mutate() picks this knob.
  double mutationWeight = 1;
};

/// The valid schedules of one task on one target.
class SearchSpace {
public:
  virtual ~SearchSpace();

  /// The knobs and their candidate values, in a fixed order.
  const std::vector<Knob> &knobs() const { return knobList; }

  /// Whether `s` is the empty (default) schedule or sets exactly this
  /// space's knobs to candidate values that satisfy the constraints; when
  /// not and `why` is given, says why in it.
  bool valid(const Schedule &s, std::string *why = nullptr) const;

  /// A valid point drawn uniformly; the empty schedule when the space has
  /// no valid point.
  virtual Schedule sample(Rng &rng) const;

  /// A valid point that differs from `s` in one knob plus the fewest others
  /// the constraints need. A schedule that is not a full point of the space
  /// (the empty default one) gives sample(); `s` itself when no other
  /// point exists.
  virtual Schedule mutate(const Schedule &s, Rng &rng) const;

  /// A valid point taking each knob from `a` or `b` (each with probability
  /// 1/2), repaired to the nearest valid such point when that combination
  /// is invalid. When one parent is not a full point, the other one; when
  /// neither is, sample().
  virtual Schedule crossover(const Schedule &a, const Schedule &b,
                             Rng &rng) const;

  /// The number of valid points (exact: the space is enumerated).
  virtual uint64_t size() const { return points.size(); }

protected:
  explicit SearchSpace(std::vector<Knob> knobs);

  /// The constraints between knob values, on a schedule that sets every
  /// knob to one of its candidates; false (and the reason in `why` when
  /// given) when violated.
  virtual bool satisfies(const Schedule &s, std::string *why) const = 0;
  /// lo, lo + 1, ..., hi: a knob's candidate values.
  static std::vector<int64_t> range(int64_t lo, int64_t hi);

  /// Enumerates the valid points; subclasses call it at the end of their
  /// constructor (it calls satisfies()).
  void enumerate();

private:
  /// A point as the index of each knob's value.
  using Point = std::vector<uint8_t>;
  /// Marks a knob a schedule does not set (or sets to a non-candidate).
  static constexpr uint8_t kMissing = 0xff;

  Point toPoint(const Schedule &s) const;
  Schedule toSchedule(const Point &p) const;
  /// The id of `p` in `points`, or -1 when it is not a valid point.
  int64_t find(const Point &p) const;
  /// A uniform choice among the ids `ids` of points closest to `target`
  /// (Hamming distance); -1 when `ids` is empty.
  int64_t nearest(const std::vector<uint32_t> &ids, const Point &target,
                  Rng &rng) const;

  std::vector<Knob> knobList;
  /// The valid points, in enumeration order.
  std::vector<Point> points;
  /// Mixed-radix index of every raw combination -> id in points, or -1.
  std::vector<int32_t> idOfRaw;
  /// byValue[k][v]: ids of the valid points whose knob k has value index v.
  std::vector<std::vector<std::vector<uint32_t>>> byValue;
};

/// The vector widths (bits) a schedule may use on `target`: 256 and 512
/// with AVX-512 (ymm registers keep all 32 with AVX512VL), else the
/// target's own.
std::vector<int64_t> vectorWidths(const Target &target);

/// The space of `task` on `target`: matmul and conv2d tasks; null with a
/// message in `error` for other kinds.
std::unique_ptr<SearchSpace>
createSearchSpace(const Task &task, const Target &target, std::string &error);

/// The matmul space (knobs mr, nv, kc, msplit; see MatmulSpace.cpp).
std::unique_ptr<SearchSpace> createMatmulSpace(const Task &task,
                                               const Target &target);

/// The conv2d space (knobs variant, mr, nv, rows_outer; see ConvSpace.cpp).
std::unique_ptr<SearchSpace> createConvSpace(const Task &task,
                                             const Target &target);

} // namespace mlc::tuner

#endif // MLC_TUNER_SEARCHSPACE_H
