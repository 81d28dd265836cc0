//===- ApproximateMath.cpp - f32 math as inline polynomials ---------------===//
//
// See ApproximateMathPass in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "codegen/cpu/Passes.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlc::cpu {
#define GEN_PASS_DEF_APPROXIMATEMATHPASS
#include "codegen/cpu/Passes.h.inc"
} // namespace mlc::cpu

using namespace mlir;

namespace mlc::cpu {
namespace {

struct ApproximateMathPass
    : impl::ApproximateMathPassBase<ApproximateMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateMathAlgebraicSimplificationPatterns(patterns);
    populateMathPolynomialApproximationPatterns(patterns);
    if (failed(applyPatternsAndFoldGreedily(getOperation(),
                                            std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
} // namespace mlc::cpu
