//===- FuseElementwise.cpp - elementwise fusion without recomputation -----===//
//
// Upstream's elementwise fusion patterns with a control function that keeps
// a producer out of any consumer that would evaluate it more than once per
// produced element (see FuseElementwisePass in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlc {
#define GEN_PASS_DEF_FUSEELEMENTWISEPASS
#include "passes/Passes.h.inc"
} // namespace mlc

using namespace mlir;

namespace {

/// Upstream's default: fuse a producer that has no other user.
bool hasSingleUseProducer(OpOperand *fused) {
  Operation *producer = fused->get().getDefiningOp();
  return producer && producer->hasOneUse();
}

/// Fuse only where the consumer reads the producer's result through a
/// permutation of all of its loops: then the fused op evaluates the
/// producer's body exactly once per element, as before. A map that omits a
/// loop (a matmul's (m, n, k) -> (m, k), a broadcast) would evaluate it
/// once per value of every omitted loop.
bool fusesWithoutRecomputation(OpOperand *fused) {
  if (!hasSingleUseProducer(fused))
    return false;
  auto consumer = dyn_cast<linalg::LinalgOp>(fused->getOwner());
  if (!consumer)
    return true;
  return consumer.getMatchingIndexingMap(fused).isPermutation();
}

/// Reshapes fold into generics only: folding one into a named op (a
/// matmul, a convolution) would turn it into a linalg.generic, which the
/// CPU backend's matmul and convolution kernels no longer recognize.
bool reshapeFoldsIntoGeneric(OpOperand *fused) {
  if (!hasSingleUseProducer(fused))
    return false;
  auto isNamed = [](Operation *op) {
    return op && isa<linalg::LinalgOp>(op) && !isa<linalg::GenericOp>(op);
  };
  return !isNamed(fused->getOwner()) &&
         !isNamed(fused->get().getDefiningOp());
}

struct FuseElementwisePass
    : mlc::impl::FuseElementwisePassBase<FuseElementwisePass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    linalg::populateElementwiseOpsFusionPatterns(patterns,
                                                 fusesWithoutRecomputation);
    // Reshapes move out of the way by expanding the loops; nothing is
    // recomputed by that.
    linalg::populateFoldReshapeOpsByExpansionPatterns(patterns,
                                                      reshapeFoldsIntoGeneric);
    affine::AffineApplyOp::getCanonicalizationPatterns(patterns, context);
    linalg::GenericOp::getCanonicalizationPatterns(patterns, context);
    tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, context);
    tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, context);
    context->getLoadedDialect<linalg::LinalgDialect>()
        ->getCanonicalizationPatterns(patterns);
    linalg::populateConstantFoldLinalgOperations(patterns,
                                                 hasSingleUseProducer);
    GreedyRewriteConfig config;
    config.useTopDownTraversal = true;
    // Not converging within the iteration limit leaves valid IR, only less
    // fused (as upstream's pass, which ignores it too).
    (void)applyPatternsAndFoldGreedily(getOperation(), std::move(patterns),
                                       config);
  }
};

} // namespace
