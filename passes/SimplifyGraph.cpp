//===- SimplifyGraph.cpp - canonicalize and refine shapes to a fixpoint ----===//
//
// 1. Apply the canonicalization patterns and folders of all loaded ops.
// 2. Refine result types (InferShapes); newly static shapes make more
//    Shape ops foldable and more operands constant.
// 3. Repeat until a round changes nothing or maxIterations is reached.
//
//===----------------------------------------------------------------------===//

#include "dialects/graph/IR/GraphOps.h"
#include "passes/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Rewrite/FrozenRewritePatternSet.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlc {
#define GEN_PASS_DEF_SIMPLIFYGRAPHPASS
#include "passes/Passes.h.inc"
} // namespace mlc

using namespace mlir;

namespace mlc {
namespace {
struct SimplifyGraphPass : impl::SimplifyGraphPassBase<SimplifyGraphPass> {
  using SimplifyGraphPassBase::SimplifyGraphPassBase;

  LogicalResult initialize(MLIRContext *context) override {
    RewritePatternSet owning(context);
    for (Dialect *dialect : context->getLoadedDialects())
      dialect->getCanonicalizationPatterns(owning);
    for (RegisteredOperationName op : context->getRegisteredOperations())
      op.getCanonicalizationPatterns(owning, context);
    patterns = FrozenRewritePatternSet(std::move(owning));
    return success();
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    GreedyRewriteConfig config;
    config.useTopDownTraversal = true;
    for (unsigned i = 0; i < maxIterations; ++i) {
      bool rewritten = false;
      if (failed(applyPatternsAndFoldGreedily(func, patterns, config,
                                              &rewritten)))
        rewritten = true; // did not converge in one round: go on
      bool refined = false;
      if (failed(refineShapes(func, refined)))
        return signalPassFailure();
      if (!rewritten && !refined)
        return;
    }
  }

  FrozenRewritePatternSet patterns;
};
} // namespace
} // namespace mlc
