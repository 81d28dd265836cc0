//===- ConvSpace.cpp - the schedules of a register-blocked 2-D convolution ===//
//
// The knobs codegen/cpu/ConvKernels.cpp reads from `mlc.schedule`, with
// VL = vectorBits / 32 lanes and R vector registers:
//
//   variant     0 filter-vector: mr output pixels of a row (broadcast) x
//                 nv * VL filters (vectors); any stride;
//               1 pointwise: mr filters x nv * VL flattened pixels; only
//                 when the task says pointwise_ok (1x1, unit strides, no
//                 padding);
//               2 direct: mr filters x nv * VL pixels of an output row;
//                 only with unit width stride (sw == 1);
//               3 packed: mr filters x nv * VL flattened pixels gathered
//                 into a panel first.
//   mr, nv      register tile, mr in 1..16, nv in 1..4,
//               mr * nv + nv + 1 <= R, and per variant:
//                 0: mr <= ow, nv * VL <= roundUp(f, VL)
//                 1: mr <= f,  nv * VL <= roundUp(oh * ow, VL)
//                 2: mr <= f,  nv * VL <= roundUp(ow, VL)
//                 3: mr <= f,  nv * VL <= roundUp(oh * ow, VL)
//   rows_outer  0 or 1: the filter-vector loop order (output rows outside
//               filter tiles); 0 for the other variants.
//
//===----------------------------------------------------------------------===//

#include "tuner/SearchSpace.h"

#include <algorithm>

namespace mlc::tuner {
namespace {

class ConvSpace : public SearchSpace {
public:
  ConvSpace(const Task &task, const Target &target)
      : SearchSpace({{"variant", {0, 1, 2, 3}, 0.20},
                     {"mr", range(1, 16), 0.35},
                     {"nv", range(1, 4), 0.35},
                     {"rows_outer", {0, 1}, 0.10},
                     {"vbits", vectorWidths(target), 0.10}}),
        f(task.param("f")), oh(task.param("oh")), ow(task.param("ow")),
        sw(task.param("sw", 1)), pointwiseOk(task.param("pointwise_ok") == 1),
        targetBits(target.vectorBits), registers(target.vectorRegisters()) {
    enumerate();
  }

protected:
  bool satisfies(const Schedule &s, std::string *why) const override {
    int64_t variant = s.get("variant"), mr = s.get("mr"), nv = s.get("nv"),
            rowsOuter = s.get("rows_outer");
    // Lanes of the schedule's vectors.
    int64_t vl = std::max<int64_t>(1, s.get("vbits", targetBits) / 32);
    auto fail = [&](const std::string &reason) {
      if (why)
        *why = reason;
      return false;
    };
    if (variant == 1 && !pointwiseOk)
      return fail("the pointwise variant needs a 1x1 convolution with unit "
                  "strides and no padding");
    if (variant == 2 && sw != 1)
      return fail("the direct variant needs unit width stride (sw = " +
                  std::to_string(sw) + ")");
    if (rowsOuter != 0 && variant != 0)
      return fail("rows_outer applies to the filter-vector variant only");
    if (mr * nv + nv + 1 > registers)
      return fail("mr * nv + nv + 1 = " + std::to_string(mr * nv + nv + 1) +
                  " exceeds the " + std::to_string(registers) +
                  " vector registers");
    // Broadcast side (mr) and vector side (nv * VL) of each variant.
    int64_t broadcastLimit = variant == 0 ? ow : f;
    const char *broadcastName = variant == 0 ? "ow" : "f";
    int64_t vectorSide = variant == 0 ? f : variant == 2 ? ow : oh * ow;
    const char *vectorName = variant == 0   ? "f"
                             : variant == 2 ? "ow"
                                            : "oh * ow";
    if (mr > broadcastLimit)
      return fail("mr = " + std::to_string(mr) + " exceeds " + broadcastName +
                  " = " + std::to_string(broadcastLimit));
    int64_t padded = (vectorSide + vl - 1) / vl * vl;
    if (nv * vl > padded)
      return fail("nv * VL = " + std::to_string(nv * vl) + " exceeds " +
                  vectorName + " rounded up to vectors (" +
                  std::to_string(padded) + ")");
    return true;
  }

private:
  int64_t f, oh, ow, sw;
  bool pointwiseOk;
  int64_t targetBits, registers;
};

/// graph.conv2d_nchwc (codegen/cpu/ConvKernels.cpp, BlockedConvEmitter):
/// channel blocks of VL = vectorBits / 32 lanes, fixed by the layout.
///
///   mr          output pixels per tile row, 1..28 (of the flattened
///               pixels for a 1x1 unit-stride convolution without
///               padding, else of a row: mr <= ow);
///   tile_rows   output rows per tile, 1..8 (1 for flattened pixels),
///               at most oh;
///   nv          filter blocks per tile, 1, 2 or 4, dividing f / VL;
///               mr * tile_rows * nv + nv <= R;
///   rows_outer  0 or 1: pixel tiles outside filter tiles.
class BlockedConvSpace : public SearchSpace {
public:
  BlockedConvSpace(const Task &task, const Target &target)
      : SearchSpace({{"mr", range(1, 28), 0.35},
                     {"tile_rows", range(1, 8), 0.25},
                     {"nv", {1, 2, 4}, 0.25},
                     {"rows_outer", {0, 1}, 0.15}}),
        f(task.param("f")), oh(task.param("oh")), ow(task.param("ow")),
        flat(task.param("kh") == 1 && task.param("kw") == 1 &&
             task.param("sh", 1) == 1 && task.param("sw", 1) == 1 &&
             task.param("h") == oh && task.param("w") == ow),
        vl(std::max<int64_t>(1, target.vectorBits / 32)),
        registers(target.vectorRegisters()) {
    enumerate();
  }

protected:
  bool satisfies(const Schedule &s, std::string *why) const override {
    int64_t mr = s.get("mr"), rows = s.get("tile_rows"), nv = s.get("nv");
    auto fail = [&](const std::string &reason) {
      if (why)
        *why = reason;
      return false;
    };
    int64_t span = flat ? oh * ow : ow;
    if (mr > span)
      return fail("mr = " + std::to_string(mr) + " exceeds the " +
                  std::to_string(span) + " pixels of a tile row");
    if (rows > (flat ? 1 : oh))
      return fail("tile_rows = " + std::to_string(rows) +
                  (flat ? " (a flattened 1x1 convolution has one row)"
                        : " exceeds oh = " + std::to_string(oh)));
    if ((f / vl) % nv != 0)
      return fail("nv = " + std::to_string(nv) + " does not divide the " +
                  std::to_string(f / vl) + " filter blocks");
    // Accumulators and the weight vectors; the broadcasts fold into the
    // FMAs as memory operands or take what is left (the default 4 x 7
    // tile of rows of 7 uses 32).
    if (mr * rows * nv + nv > registers)
      return fail(
          "mr * tile_rows * nv + nv = " + std::to_string(mr * rows * nv + nv) +
          " exceeds the " + std::to_string(registers) + " vector registers");
    return true;
  }

private:
  int64_t f, oh, ow;
  bool flat;
  int64_t vl, registers;
};

} // namespace

std::unique_ptr<SearchSpace> createConvSpace(const Task &task,
                                             const Target &target) {
  if (task.kind == "conv2d_nchwc")
    return std::make_unique<BlockedConvSpace>(task, target);
  return std::make_unique<ConvSpace>(task, target);
}

} // namespace mlc::tuner
