//===- FuseAttention.cpp - scaled dot-product attention as one op ---------===//
//
// Matches, on the graph (see FuseAttentionPass in Passes.td):
//
//   s = matmul(q, kt)                     q (B, H, L, E), kt (B, H, E, T)
//   s = div(s, c) | mul(s, c) | mul(c, s) (optional; c a scalar constant)
//   s = add(s, mask) | add(mask, s)       (optional; f32, broadcasts)
//   s = where(keep, s, m)                 (optional; m a scalar constant)
//   p = softmax(s, axis = 3)
//   y = matmul(p, v)                      v (B, H, T, F)
//
// every intermediate used once, and replaces y by graph.fused_attention.
// `keep` (i1) becomes an f32 operand through graph.cast (folded when it is
// a constant).
//
//===----------------------------------------------------------------------===//

#include "dialects/graph/IR/KernelOps.h"
#include "passes/GraphMatchers.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

namespace mlc {
#define GEN_PASS_DEF_FUSEATTENTIONPASS
#include "passes/Passes.h.inc"
} // namespace mlc

using namespace mlir;

namespace mlc {
namespace {

/// Keys (T) at most: 4 rows x 16384 f32 scores = 256 KiB of stack.
constexpr int64_t kMaxKeys = 16384;

/// A static tensor of `rank` (0: any rank) with f32 elements.
bool isStaticF32(Value v, int64_t rank = 0) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  return t && t.hasStaticShape() && t.getElementType().isF32() &&
         (rank == 0 || t.getRank() == rank);
}

/// Whether `v` (rank <= 4) broadcasts to `full` without growing it.
bool broadcastsTo(Value v, ArrayRef<int64_t> full) {
  auto t = dyn_cast<RankedTensorType>(v.getType());
  if (!t || !t.hasStaticShape() || t.getRank() > 4)
    return false;
  for (int64_t i = 0; i < t.getRank(); ++i) {
    int64_t d = t.getDimSize(t.getRank() - 1 - i);
    if (d != 1 && d != full[3 - i])
      return false;
  }
  return true;
}

LogicalResult fuse(graph::SoftmaxOp softmax) {
  auto sType = dyn_cast<RankedTensorType>(softmax.getType());
  if (!sType || sType.getRank() != 4 || softmax.getAxis() != 3 ||
      !isStaticF32(softmax.getInput(), 4) || !softmax->hasOneUse())
    return failure();
  auto pv = dyn_cast<graph::MatMulOp>(*softmax->user_begin());
  if (!pv || pv.getLhs() != softmax.getResult() ||
      !isStaticF32(pv.getRhs(), 4) || !isStaticF32(pv.getResult(), 4))
    return failure();
  ArrayRef<int64_t> full = sType.getShape();

  // Walk up from the softmax's input to the first matmul.
  Value s = softmax.getInput();
  Value mask, keep;
  SmallVector<Operation *> chain; // producer first, ending with the softmax's
                                  // input
  float scale = 1.0f, maskedValue = 0.0f;
  auto single = [](Value v) { return v.hasOneUse(); };
  if (auto where = s.getDefiningOp<graph::WhereOp>()) {
    std::optional<float> m = scalarF32Constant(where.getY());
    if (!single(s) || !m || !broadcastsTo(where.getCondition(), full) ||
        !isStaticF32(where.getX(), 4))
      return failure();
    keep = where.getCondition();
    chain.insert(chain.begin(), where);
    maskedValue = *m;
    s = where.getX();
  }
  if (auto add = s.getDefiningOp<graph::AddOp>()) {
    Value lhs = add.getLhs(), rhs = add.getRhs();
    // The score side is the operand with the full shape that a matmul, a
    // scaling or the raw scores produce; the other one is the mask.
    auto scoreLike = [&](Value v) {
      return isStaticF32(v, 4) &&
             cast<RankedTensorType>(v.getType()).getShape() == full &&
             (v.getDefiningOp<graph::MatMulOp>() ||
              v.getDefiningOp<graph::DivOp>() ||
              v.getDefiningOp<graph::MulOp>());
    };
    Value score = scoreLike(lhs) ? lhs : scoreLike(rhs) ? rhs : Value();
    if (!score || !single(s))
      return failure();
    mask = score == lhs ? rhs : lhs;
    if (!isStaticF32(mask) || !broadcastsTo(mask, full))
      return failure();
    s = score;
    chain.insert(chain.begin(), add);
  }
  if (auto div = s.getDefiningOp<graph::DivOp>()) {
    std::optional<float> c = scalarF32Constant(div.getRhs());
    if (!single(s) || !c || *c == 0.0f)
      return failure();
    scale = 1.0f / *c;
    s = div.getLhs();
    chain.insert(chain.begin(), div);
  } else if (auto mul = s.getDefiningOp<graph::MulOp>()) {
    std::optional<float> c = scalarF32Constant(mul.getRhs());
    Value other = mul.getLhs();
    if (!c) {
      c = scalarF32Constant(mul.getLhs());
      other = mul.getRhs();
    }
    if (!single(s) || !c)
      return failure();
    scale = *c;
    s = other;
    chain.insert(chain.begin(), mul);
  }
  auto qk = s.getDefiningOp<graph::MatMulOp>();
  if (!qk || !single(s) || !isStaticF32(qk.getLhs(), 4) ||
      !isStaticF32(qk.getRhs(), 4) || !isStaticF32(qk.getResult(), 4))
    return failure();
  // Shapes: no broadcasting of the batch dimensions.
  auto shape = [](Value v) {
    return cast<RankedTensorType>(v.getType()).getShape();
  };
  ArrayRef<int64_t> q = shape(qk.getLhs()), kt = shape(qk.getRhs()),
                    v = shape(pv.getRhs());
  // The kernel keeps 4 rows of T scores on its stack: at most 256 KiB.
  // Empty dimensions stay with the unfused ops.
  if (kt[3] > kMaxKeys ||
      llvm::any_of(llvm::concat<const int64_t>(q, kt, v),
                   [](int64_t d) { return d <= 0; }))
    return failure();
  if (kt[0] != q[0] || kt[1] != q[1] || kt[2] != q[3] || v[0] != q[0] ||
      v[1] != q[1] || v[2] != kt[3] ||
      full != ArrayRef<int64_t>{q[0], q[1], q[2], kt[3]})
    return failure();
  chain.insert(chain.begin(), qk);

  OpBuilder b(pv);
  Location loc = pv.getLoc();
  if (keep) {
    auto kType = cast<RankedTensorType>(keep.getType());
    auto fType = RankedTensorType::get(kType.getShape(), b.getF32Type());
    DenseElementsAttr bits;
    if (matchPattern(keep, m_Constant(&bits)) &&
        bits.getElementType().isInteger(1)) {
      SmallVector<float> values;
      for (bool k : bits.getValues<bool>())
        values.push_back(k ? 1.0f : 0.0f);
      keep = b.create<graph::ConstantOp>(
          loc, fType, DenseElementsAttr::get(fType, ArrayRef<float>(values)));
    } else {
      keep = b.create<graph::CastOp>(loc, fType, keep, b.getF32Type());
    }
  }
  // Transposes that keep the innermost dimension (heads split off and
  // moved, (B, L, H, E) -> (B, H, L, E)) are absorbed: the kernel reads and
  // writes through strided views instead.
  auto absorb = [](Value v, DenseI64ArrayAttr &perm) -> Value {
    auto t = v.getDefiningOp<graph::TransposeOp>();
    if (!t || !v.hasOneUse() || !t.getPerm() || t.getPerm()->size() != 4 ||
        (*t.getPerm())[3] != 3)
      return v;
    perm = t.getPermAttr();
    return t.getData();
  };
  DenseI64ArrayAttr qPerm, ktPerm, vPerm, outPerm;
  SmallVector<Operation *> absorbed;
  auto operand = [&](Value v, DenseI64ArrayAttr &perm) {
    Value in = absorb(v, perm);
    if (in != v)
      absorbed.push_back(v.getDefiningOp());
    return in;
  };
  Value qIn = operand(qk.getLhs(), qPerm), ktIn = operand(qk.getRhs(), ktPerm),
        vIn = operand(pv.getRhs(), vPerm);
  Value result = pv.getResult();
  if (result.hasOneUse())
    if (auto t = dyn_cast<graph::TransposeOp>(*result.user_begin()))
      if (t.getPerm() && t.getPerm()->size() == 4 && (*t.getPerm())[3] == 3) {
        outPerm = t.getPermAttr();
        result = t.getResult();
      }
  auto outType = cast<RankedTensorType>(result.getType());
  b.setInsertionPoint(result.getDefiningOp());
  Value init = b.create<tensor::EmptyOp>(loc, outType.getShape(),
                                         outType.getElementType());
  auto fused = b.create<graph::FusedAttentionOp>(
      loc, TypeRange{outType}, qIn, ktIn, vIn, mask, keep, init,
      b.getF32FloatAttr(scale), b.getF32FloatAttr(maskedValue), qPerm, ktPerm,
      vPerm, outPerm);
  result.replaceAllUsesWith(fused.getResult()[0]);
  if (result != pv.getResult())
    result.getDefiningOp()->erase();
  // The chain, consumer first: each op is dead once the one after it is.
  pv->erase();
  softmax->erase();
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    (*it)->erase();
  for (Operation *op : absorbed)
    op->erase();
  return success();
}

struct FuseAttentionPass : impl::FuseAttentionPassBase<FuseAttentionPass> {
  void runOnOperation() override {
    SmallVector<graph::SoftmaxOp> softmaxes;
    getOperation().walk([&](graph::SoftmaxOp op) { softmaxes.push_back(op); });
    for (graph::SoftmaxOp op : softmaxes)
      (void)fuse(op);
  }
};

} // namespace
} // namespace mlc
