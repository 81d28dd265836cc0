//===- FuseLayerNorm.cpp - LayerNormalization as one kernel op ------------===//
//
// graph.layer_normalization over the last dimension (f32, static, the mean
// and inv_std_dev results unused, scale and bias of the last dimension's
// size) becomes graph.fused_layer_norm (see FuseLayerNormPass in
// Passes.td), which the CPU backend generates as one pass over each row.
// So does the decomposed form exporters write before opset 17:
//
//   m = reduce_mean(x, last axis, keepdims)   c = sub(x, m)
//   v = reduce_mean(pow(c, 2) | mul(c, c), last axis, keepdims)
//   y = div(c, sqrt(add(v, eps)))  [mul(y, scale)]  [add(y, bias)]
//
//===----------------------------------------------------------------------===//

#include "dialects/graph/IR/KernelOps.h"
#include "passes/GraphMatchers.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

namespace mlc {
#define GEN_PASS_DEF_FUSELAYERNORMPASS
#include "passes/Passes.h.inc"
} // namespace mlc

using namespace mlir;

namespace mlc {
namespace {

/// A static f32 tensor of `d` elements, all its dimensions 1 but the last
/// (and d > 0: empty rows stay with the unfused ops).
bool isRowVector(Value v, int64_t d) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  return d > 0 && t && t.hasStaticShape() && t.getElementType().isF32() &&
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
  Value init =
      b.create<tensor::EmptyOp>(op.getLoc(), x.getShape(), x.getElementType());
  auto fused = b.create<graph::FusedLayerNormOp>(
      op.getLoc(), TypeRange{x}, op.getInput(), op.getScale(),
      hasBias ? bias : Value(), init, op.getEpsilonAttr());
  op.getOutput().replaceAllUsesWith(fused.getResult()[0]);
  op.erase();
  return success();
}

/// `r` reduces `x` (a static f32 tensor) over its last axis only, keeping
/// it.
bool meanOverLastAxis(graph::ReduceMeanOp r, Value x) {
  auto t = dyn_cast<RankedTensorType>(x.getType());
  std::optional<ArrayRef<int64_t>> axes = r.getStaticAxes();
  return r && r.getData() == x && t && t.hasStaticShape() && r.getKeepdims() &&
         isa<NoneType>(r.getAxes().getType()) && axes && axes->size() == 1 &&
         (*axes)[0] == t.getRank() - 1;
}

/// The decomposed form ending in the division `div` (then its scale and
/// bias consumers, if any).
LogicalResult fuseDecomposed(graph::DivOp div) {
  Value c = div.getLhs();
  auto sub = c.getDefiningOp<graph::SubOp>();
  auto sqrt = div.getRhs().getDefiningOp<graph::SqrtOp>();
  if (!sub || !sqrt || !sqrt->hasOneUse())
    return failure();
  Value x = sub.getLhs();
  auto xType = dyn_cast<RankedTensorType>(x.getType());
  if (!xType || !xType.hasStaticShape() || !xType.getElementType().isF32() ||
      div.getType() != xType || c.getType() != xType)
    return failure();
  auto mean = sub.getRhs().getDefiningOp<graph::ReduceMeanOp>();
  if (!mean || !meanOverLastAxis(mean, x) || !mean->hasOneUse())
    return failure();
  auto addEps = sqrt.getInput().getDefiningOp<graph::AddOp>();
  if (!addEps || !addEps->hasOneUse())
    return failure();
  std::optional<float> eps = scalarF32Constant(addEps.getRhs());
  Value varValue = addEps.getLhs();
  if (!eps) {
    eps = scalarF32Constant(addEps.getLhs());
    varValue = addEps.getRhs();
  }
  auto var = varValue.getDefiningOp<graph::ReduceMeanOp>();
  if (!eps || !var || !var->hasOneUse())
    return failure();
  Value sq = var.getData();
  Operation *square = sq.getDefiningOp();
  bool isSquare = false;
  if (auto pow = dyn_cast_or_null<graph::PowOp>(square))
    isSquare = pow.getLhs() == c && scalarF32Constant(pow.getRhs()) == 2.0f;
  else if (auto mul = dyn_cast_or_null<graph::MulOp>(square))
    isSquare = mul.getLhs() == c && mul.getRhs() == c;
  // c is read by the square and the division only.
  if (!isSquare || !sq.hasOneUse() || !meanOverLastAxis(var, sq) ||
      llvm::any_of(c.getUsers(), [&](Operation *user) {
        return user != square && user != div.getOperation();
      }))
    return failure();
  int64_t d = xType.getShape().back();
  if (d <= 0)
    return failure();
  // Then y * scale and y + bias, where they follow.
  Value result = div.getResult(), scale, bias;
  SmallVector<Operation *> tail;
  if (result.hasOneUse())
    if (auto mul = dyn_cast<graph::MulOp>(*result.user_begin())) {
      Value other = mul.getLhs() == result ? mul.getRhs() : mul.getLhs();
      if (isRowVector(other, d) && mul.getType() == xType) {
        scale = other;
        result = mul.getResult();
        tail.push_back(mul);
      }
    }
  if (scale && result.hasOneUse())
    if (auto add = dyn_cast<graph::AddOp>(*result.user_begin())) {
      Value other = add.getLhs() == result ? add.getRhs() : add.getLhs();
      if (isRowVector(other, d) && add.getType() == xType) {
        bias = other;
        result = add.getResult();
        tail.push_back(add);
      }
    }
  OpBuilder b(result.getDefiningOp());
  Location loc = div.getLoc();
  if (!scale) {
    auto type = RankedTensorType::get({d}, b.getF32Type());
    scale = b.create<graph::ConstantOp>(loc, type,
                                        DenseElementsAttr::get(type, 1.0f));
  }
  Value init =
      b.create<tensor::EmptyOp>(loc, xType.getShape(), xType.getElementType());
  auto fused = b.create<graph::FusedLayerNormOp>(
      loc, TypeRange{xType}, x, scale, bias, init, b.getF32FloatAttr(*eps));
  result.replaceAllUsesWith(fused.getResult()[0]);
  for (auto it = tail.rbegin(); it != tail.rend(); ++it)
    (*it)->erase();
  for (Operation *op : std::initializer_list<Operation *>{
           div, sqrt, addEps, var, square, sub, mean})
    op->erase();
  return success();
}

struct FuseLayerNormPass : impl::FuseLayerNormPassBase<FuseLayerNormPass> {
  void runOnOperation() override {
    SmallVector<graph::LayerNormalizationOp> ops;
    SmallVector<graph::DivOp> divs;
    getOperation().walk([&](Operation *op) {
      if (auto ln = dyn_cast<graph::LayerNormalizationOp>(op))
        ops.push_back(ln);
      else if (auto div = dyn_cast<graph::DivOp>(op))
        divs.push_back(div);
    });
    for (graph::LayerNormalizationOp op : ops)
      (void)fuse(op);
    for (graph::DivOp div : divs)
      (void)fuseDecomposed(div);
  }
};

} // namespace
} // namespace mlc
