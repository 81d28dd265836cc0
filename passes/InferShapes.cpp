//===- InferShapes.cpp - refine graph op result types ----------------------===//

#include "dialects/graph/IR/GraphOps.h"
#include "passes/Passes.h"

namespace mlc {
#define GEN_PASS_DEF_INFERSHAPESPASS
#include "passes/Passes.h.inc"
} // namespace mlc

using namespace mlir;

namespace mlc {

LogicalResult refineShapes(func::FuncOp func, bool &changed) {
  bool failedAny = false;
  func.walk([&](graph::InferShapesOpInterface op) {
    SmallVector<Type> types;
    if (failed(op.inferResultTypes(types))) {
      failedAny = true;
      return WalkResult::interrupt();
    }
    if (types.size() != op->getNumResults()) {
      op->emitOpError("inferred the wrong number of result types");
      failedAny = true;
      return WalkResult::interrupt();
    }
    for (auto [result, type] : llvm::zip(op->getResults(), types)) {
      if (graph::isMoreRefined(type, result.getType())) {
        result.setType(type);
        changed = true;
      }
    }
    return WalkResult::advance();
  });
  if (failedAny)
    return failure();
  // The function's result types follow its return operands.
  if (func.isExternal())
    return success();
  Operation *ret = func.getBody().back().getTerminator();
  SmallVector<Type> results(ret->getOperandTypes());
  if (results != SmallVector<Type>(func.getResultTypes())) {
    func.setFunctionType(FunctionType::get(
        func.getContext(), func.getArgumentTypes(), results));
    changed = true;
  }
  return success();
}

namespace {
struct InferShapesPass : impl::InferShapesPassBase<InferShapesPass> {
  void runOnOperation() override {
    bool changed = false;
    if (failed(refineShapes(getOperation(), changed)))
      signalPassFailure();
  }
};
} // namespace

} // namespace mlc
