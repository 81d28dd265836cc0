//===- MemoryPlan.h - static arena planning for intermediate buffers -----===//
//
// The core of the memory planner: given the intermediate buffers of a compiled
// model (size, alignment, lifetime in execution steps, and an optional "may
// write over this operand in place" hint), assign each an offset in a single
// scratch arena so that buffers alive at the same step never share bytes.
//
// Target independent and free of MLIR: the pass that extracts buffers from
// bufferized IR builds a `std::vector<PlanBuffer>` and calls `planMemory`.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_PASSES_MEMORYPLAN_H
#define MLC_PASSES_MEMORYPLAN_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mlc {

/// One buffer to place in the arena.
struct PlanBuffer {
  /// Bytes the buffer needs; 0 is allowed (it is given offset 0).
  uint64_t size = 0;
  /// Required alignment of the offset in bytes: a power of two, or 0 for
  /// `PlanOptions::defaultAlignment`.
  uint64_t alignment = 0;
  /// The first execution step that touches the buffer (the producer).
  int64_t firstUse = 0;
  /// The last execution step that touches it, inclusive.
  int64_t lastUse = 0;
  /// In-place hint: the index of an operand buffer whose storage this buffer
  /// may take over, because the op at `firstUse` may write its result over
  /// that operand element by element (e.g. an elementwise op). -1 for none.
  /// The planner honours the hint only when it is safe: the operand's last
  /// use is no later than this buffer's first use, this buffer is no larger,
  /// and no other buffer already took the operand's storage.
  int64_t inPlaceOf = -1;
};

/// The order in which a greedy strategy places buffers.
enum class PlanOrder {
  /// Largest first (ties: longer lifetime first).
  BySize,
  /// Buffers alive at the step with the most live bytes first.
  ByBreadth,
  /// Earliest first use first (a linear scan over time).
  ByFirstUse,
  /// Largest size x lifetime product first.
  ByArea,
};

/// Where a greedy strategy puts a buffer among the free address ranges.
enum class PlanFit {
  /// The lowest offset that fits.
  FirstFit,
  /// The smallest free range that fits, else above everything.
  BestFit,
};

/// One greedy strategy: an order, a fit, and whether in-place hints are used.
struct PlanStrategy {
  PlanOrder order = PlanOrder::BySize;
  PlanFit fit = PlanFit::BestFit;
  bool inPlace = true;

  bool operator==(const PlanStrategy &other) const {
    return order == other.order && fit == other.fit && inPlace == other.inPlace;
  }
};

/// A readable name for `strategy`, e.g. "by-size/best-fit/in-place".
std::string getStrategyName(const PlanStrategy &strategy);

/// Knobs of `planMemory`.
struct PlanOptions {
  /// Alignment for buffers that ask for 0; a power of two.
  uint64_t defaultAlignment = 64;
  /// Whether in-place hints may be honoured at all.
  bool allowInPlace = true;
  /// Run only this strategy instead of trying them all and keeping the best.
  std::optional<PlanStrategy> onlyStrategy;
};

/// The result of planning: where each buffer lives, and the numbers that
/// `mlc-compile --report` prints.
struct MemoryPlan {
  /// The offset of each buffer in the arena, in input order.
  std::vector<uint64_t> offsets;
  /// For each buffer, the buffer whose storage it took over in place (an
  /// honoured `PlanBuffer::inPlaceOf` hint, same offset), or -1.
  std::vector<int64_t> inPlaceOf;
  /// Bytes the arena needs: the highest end offset of any buffer.
  uint64_t arenaSize = 0;
  /// The sum of all buffer sizes (the arena size without any reuse).
  uint64_t totalBytes = 0;
  /// The liveness lower bound: the most bytes alive at any one step, where a
  /// result that may take its operand's storage in place (an in-place hint
  /// the planner accepts as safe) shares the operand's bytes at that step.
  /// No valid plan needs less than this.
  uint64_t lowerBound = 0;
  /// How many in-place hints the chosen plan honours.
  unsigned numInPlace = 0;
  /// The strategy that produced this plan.
  PlanStrategy strategy;
};

/// Checks that `buffers` are well formed for `planMemory`: sizes below 2^40,
/// alignments 0 or powers of two up to 2^32, 0 <= firstUse <= lastUse < 2^62,
/// in-place hints -1 or another buffer's index, fewer than 2^22 buffers, and
/// a power-of-two default alignment. Returns an empty string when they are,
/// else a message about the first problem found.
std::string checkBuffers(const std::vector<PlanBuffer> &buffers,
                         const PlanOptions &options = {});

/// Plans the arena for `buffers`. Tries each greedy strategy (or only
/// `options.onlyStrategy`) and keeps the plan with the smallest arena; the
/// result is deterministic. `buffers` must pass `checkBuffers` (asserted);
/// without assertions a malformed buffer is read leniently (bad hints
/// ignored, a bad alignment replaced by the default, sizes and lifetimes
/// clamped into range) rather than causing undefined behaviour, and the plan
/// may then fail `verifyMemoryPlan`.
/// In builds with assertions the result is checked with `verifyMemoryPlan`.
MemoryPlan planMemory(const std::vector<PlanBuffer> &buffers,
                      const PlanOptions &options = {});

/// Checks `plan` against `buffers`: every offset is aligned, every buffer
/// lies within the arena, honoured in-place pairs are safe and share an
/// offset, and no two other buffers whose lifetimes intersect share a byte.
/// Returns an empty string when the plan is valid, else the first violation.
std::string verifyMemoryPlan(const std::vector<PlanBuffer> &buffers,
                             const MemoryPlan &plan,
                             const PlanOptions &options = {});

} // namespace mlc

#endif // MLC_PASSES_MEMORYPLAN_H
