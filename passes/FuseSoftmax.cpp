//===- FuseSoftmax.cpp - Softmax over the last axis as one kernel op ------===//
//
// graph.softmax over the last dimension of a static, non-empty f32 tensor
// becomes graph.fused_softmax (see FuseSoftmaxPass in Passes.td). Softmax-1
// and -11 over any axis are imported as a softmax over the last axis of a
// reshape, so they fuse too; attention's softmax is fused with its matmuls
// first (mlc-fuse-attention).
//
//===----------------------------------------------------------------------===//

#include "dialects/graph/IR/KernelOps.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlc {
#define GEN_PASS_DEF_FUSESOFTMAXPASS
#include "passes/Passes.h.inc"
} // namespace mlc

using namespace mlir;

namespace mlc {
namespace {

struct FuseSoftmaxPass : impl::FuseSoftmaxPassBase<FuseSoftmaxPass> {
  void runOnOperation() override {
    SmallVector<graph::SoftmaxOp> ops;
    getOperation().walk([&](graph::SoftmaxOp op) { ops.push_back(op); });
    for (graph::SoftmaxOp op : ops) {
      auto t = dyn_cast<RankedTensorType>(op.getInput().getType());
      if (!t || !t.hasStaticShape() || !t.getElementType().isF32() ||
          t.getRank() < 1 || t.getNumElements() == 0 ||
          op.getAxis() != t.getRank() - 1 || op.getType() != t)
        continue;
      OpBuilder b(op);
      Value init = b.create<tensor::EmptyOp>(op.getLoc(), t.getShape(),
                                             t.getElementType());
      auto fused = b.create<graph::FusedSoftmaxOp>(op.getLoc(), TypeRange{t},
                                                   op.getInput(), init);
      op.getResult().replaceAllUsesWith(fused.getResult()[0]);
      op.erase();
    }
  }
};

} // namespace
} // namespace mlc
