//===- FoldBatchNorm.cpp - inference BatchNormalization into Conv ---------===//
//
// y = scale * (conv(x, W) + b - mean) / sqrt(var + eps) + B is the
// convolution with W'[f] = W[f] * s[f] and b'[f] = (b[f] - mean[f]) * s[f] +
// B[f], s = scale / sqrt(var + eps) (see FoldBatchNormPass in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "dialects/graph/IR/GraphOps.h"
#include "dialects/graph/IR/ShapeUtils.h"
#include "passes/Passes.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"

#include <cmath>

namespace mlc {
#define GEN_PASS_DEF_FOLDBATCHNORMPASS
#include "passes/Passes.h.inc"
} // namespace mlc

using namespace mlir;

namespace mlc {
namespace {

/// A graph.constant of f32 `shape` holding `values`.
Value f32Constant(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                  ArrayRef<float> values) {
  auto type = RankedTensorType::get(shape, b.getF32Type());
  ElementsAttr attr;
  if (values.size() <= 64)
    attr = DenseElementsAttr::get(type, values);
  else
    attr = DenseResourceElementsAttr::get(
        type, "mlc_folded",
        HeapAsmResourceBlob::allocateAndCopyInferAlign(values));
  return b.create<graph::ConstantOp>(loc, type, attr);
}

LogicalResult fold(graph::BatchNormalizationOp bn) {
  if (bn.getTrainingMode() || !bn.getRunningMean().use_empty() ||
      !bn.getRunningVar().use_empty())
    return failure();
  auto conv = bn.getInput().getDefiningOp<graph::ConvOp>();
  if (!conv || !conv->hasOneUse())
    return failure();
  auto wType = dyn_cast<RankedTensorType>(conv.getWeight().getType());
  if (!wType || !wType.hasStaticShape() || !wType.getElementType().isF32())
    return failure();
  int64_t filters = wType.getDimSize(0);
  auto w = graph::getConstantFloats(conv.getWeight());
  auto scale = graph::getConstantFloats(bn.getScale());
  auto shift = graph::getConstantFloats(bn.getBias());
  auto mean = graph::getConstantFloats(bn.getMean());
  auto var = graph::getConstantFloats(bn.getVar());
  std::optional<SmallVector<double>> bias;
  if (!graph::isNone(conv.getBias())) {
    bias = graph::getConstantFloats(conv.getBias());
    if (!bias)
      return failure();
  }
  auto sized = [&](const std::optional<SmallVector<double>> &v) {
    return v && (int64_t)v->size() == filters;
  };
  if (!w || !sized(scale) || !sized(shift) || !sized(mean) || !sized(var) ||
      (bias && !sized(bias)))
    return failure();
  int64_t per = wType.getNumElements() / filters;
  double eps = bn.getEpsilon().convertToDouble();
  std::vector<float> newW(w->size()), newB(filters);
  for (int64_t f = 0; f < filters; ++f) {
    double s = (*scale)[f] / std::sqrt((*var)[f] + eps);
    for (int64_t i = 0; i < per; ++i)
      newW[f * per + i] = (float)((*w)[f * per + i] * s);
    double b0 = bias ? (*bias)[f] : 0.0;
    newB[f] = (float)((b0 - (*mean)[f]) * s + (*shift)[f]);
  }
  OpBuilder b(conv);
  Location loc = conv.getLoc();
  Value weight = f32Constant(b, loc, wType.getShape(), newW);
  Value shiftValue = f32Constant(b, loc, {filters}, newB);
  conv.getWeightMutable().assign(weight);
  conv.getBiasMutable().assign(shiftValue);
  conv.getOutput().setType(bn.getOutput().getType());
  bn.getOutput().replaceAllUsesWith(conv.getOutput());
  bn.erase();
  return success();
}

struct FoldBatchNormPass : impl::FoldBatchNormPassBase<FoldBatchNormPass> {
  void runOnOperation() override {
    SmallVector<graph::BatchNormalizationOp> ops;
    getOperation().walk([&](graph::BatchNormalizationOp op) {
      ops.push_back(op);
    });
    for (auto op : ops)
      (void)fold(op);
  }
};

} // namespace
} // namespace mlc
