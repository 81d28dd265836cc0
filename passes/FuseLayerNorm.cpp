//===- FuseLayerNorm.cpp - LayerNormalization as one kernel op ------------===//
//
// graph.layer_normalization over the last dimension (f32, static, the mean
// and inv_std_dev results unused, scale and bias of the last dimension's
// size) becomes graph.fused_layer_norm (see FuseLayerNormPass in
// Passes.td), which the CPU backend generates as one pass over each row.
//
//===----------------------------------------------------------------------===//

#include "dialects/graph/IR/KernelOps.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlc {
#define GEN_PASS_DEF_FUSELAYERNORMPASS
#include "passes/Passes.h.inc"
} // namespace mlc

using namespace mlir;

namespace mlc {
namespace {

/// A static f32 tensor of `d` elements, all its dimensions 1 but the last.
bool isRowVector(Value v, int64_t d) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  return t && t.hasStaticShape() && t.getElementType().isF32() &&
         t.getRank() >= 1 && t.getShape().back() == d &&
         t.getNumElements() == d;
}

LogicalResult fuse(graph::LayerNormalizationOp op) {
  auto x = dyn_cast<RankedTensorType>(op.getInput().getType());
  auto y = dyn_cast<RankedTensorType>(op.getOutput().getType());
  if (!x || !y || !x.hasStaticShape() || x.getRank() < 1 ||
      !x.getElementType().isF32() || y != x ||
      op.getAxis() != x.getRank() - 1 || !op.getStashType().isF32() ||
      !op.getMean().use_empty() || !op.getInvStdDev().use_empty())
    return failure();
  int64_t d = x.getShape().back();
  Value bias = op.getBias();
  bool hasBias = !isa<NoneType>(bias.getType());
  if (!isRowVector(op.getScale(), d) || (hasBias && !isRowVector(bias, d)))
    return failure();
  OpBuilder b(op);
  Value init = b.create<tensor::EmptyOp>(op.getLoc(), x.getShape(),
                                         x.getElementType());
  auto fused = b.create<graph::FusedLayerNormOp>(
      op.getLoc(), TypeRange{x}, op.getInput(), op.getScale(),
      hasBias ? bias : Value(), init, op.getEpsilonAttr());
  op.getOutput().replaceAllUsesWith(fused.getResult()[0]);
  op.erase();
  return success();
}

struct FuseLayerNormPass : impl::FuseLayerNormPassBase<FuseLayerNormPass> {
  void runOnOperation() override {
    SmallVector<graph::LayerNormalizationOp> ops;
    getOperation().walk(
        [&](graph::LayerNormalizationOp op) { ops.push_back(op); });
    for (graph::LayerNormalizationOp op : ops)
      (void)fuse(op);
  }
};

} // namespace
} // namespace mlc
