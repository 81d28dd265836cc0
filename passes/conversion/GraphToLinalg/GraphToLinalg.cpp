//===- GraphToLinalg.cpp - the graph-to-linalg conversion pass -------------===//
//
// Gathers the per-category lowering patterns (Elementwise.cpp, Tensor.cpp,
// Linalg.cpp, ...) and converts function signatures (unsigned -> signless).
//
//===----------------------------------------------------------------------===//

#include "dialects/graph/IR/KernelOps.h"
#include "passes/Passes.h"
#include "passes/conversion/GraphToLinalg/LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlc {
#define GEN_PASS_DEF_CONVERTGRAPHTOLINALGPASS
#include "passes/Passes.h.inc"
} // namespace mlc

using namespace mlir;

namespace mlc {
namespace {
struct ConvertGraphToLinalgPass
    : impl::ConvertGraphToLinalgPassBase<ConvertGraphToLinalgPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    lowering::GraphTypeConverter converter;
    RewritePatternSet patterns(ctx);
    lowering::populateElementwiseLoweringPatterns(converter, patterns);
    lowering::populateTensorLoweringPatterns(converter, patterns);
    lowering::populateLinalgLoweringPatterns(converter, patterns);
    lowering::populateQuantLoweringPatterns(converter, patterns);
    lowering::populateNNLoweringPatterns(converter, patterns);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                   converter);
    populateReturnOpTypeConversionPattern(patterns, converter);

    ConversionTarget target(*ctx);
    target.addIllegalDialect<graph::GraphDialect>();
    target.addLegalOp<graph::NoneOp>(); // erased below, once unused
    // Fused kernels stay as they are, for the backend.
    target.addLegalOp<graph::FusedAttentionOp, graph::FusedLayerNormOp,
                      graph::FusedSoftmaxOp>();
    target.addLegalDialect<arith::ArithDialect, linalg::LinalgDialect,
                           math::MathDialect, scf::SCFDialect,
                           tensor::TensorDialect>();
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp f) {
      return converter.isSignatureLegal(f.getFunctionType());
    });
    target.addDynamicallyLegalOp<func::ReturnOp>(
        [&](func::ReturnOp r) { return converter.isLegal(r); });
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      return signalPassFailure();
    getOperation().walk([](graph::NoneOp op) {
      if (op->use_empty())
        op->erase();
    });
    getOperation().walk(copyAliasedResults);
  }

  /// Each function result gets a tensor of its own: a result that is an
  /// argument, a constant, or another result is copied. (The outputs become
  /// caller buffers after bufferization, and must not alias anything.)
  static void copyAliasedResults(func::ReturnOp ret) {
    OpBuilder b(ret);
    llvm::SmallPtrSet<Value, 8> seen;
    for (OpOperand &operand : ret->getOpOperands()) {
      Value v = operand.get();
      auto type = llvm::dyn_cast<RankedTensorType>(v.getType());
      bool aliased = llvm::isa<BlockArgument>(v) ||
                     v.getDefiningOp<arith::ConstantOp>() ||
                     !seen.insert(v).second;
      if (!aliased || !type || !type.hasStaticShape())
        continue;
      Value init = b.create<tensor::EmptyOp>(ret.getLoc(), type.getShape(),
                                             type.getElementType());
      operand.set(
          b.create<linalg::CopyOp>(ret.getLoc(), v, init).getResult(0));
    }
  }
};
} // namespace
} // namespace mlc
