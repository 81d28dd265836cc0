//===- CpuPipeline.cpp - graph IR to the LLVM dialect for the CPU ----------===//

#include "codegen/cpu/CpuPipeline.h"
#include "passes/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

namespace mlc::cpu {

mlir::LogicalResult buildCpuLoweringPipeline(mlir::OpPassManager &pm) {
  pm.addPass(createConvertGraphToLinalgPass());
  // Upstream's linalg-fuse-elementwise-ops, minus fusions that recompute.
  pm.addNestedPass<mlir::func::FuncOp>(createFuseElementwisePass());
  // The upstream part reads as a list; each entry is one pass.
  bool planned = false;
  static const char *const stages[] = {
      "one-shot-bufferize{bufferize-function-boundaries "
      "function-boundary-type-conversion=identity-layout-map}",
      "buffer-results-to-out-params{hoist-static-allocs}",
      "canonicalize",
      "func.func(ownership-based-buffer-deallocation)",
      "buffer-deallocation-simplification",
      "bufferization-lower-deallocations",
      "func.func(convert-linalg-to-loops)",
      "expand-strided-metadata",
      "lower-affine",
      "convert-scf-to-cf",
      "finalize-memref-to-llvm",
      "convert-math-to-llvm",
      "convert-math-to-libm",
      "convert-arith-to-llvm",
      "convert-func-to-llvm{use-bare-ptr-memref-call-conv}",
      "convert-cf-to-llvm",
      "reconcile-unrealized-casts",
      "canonicalize",
  };
  for (const char *stage : stages) {
    // Weights become 1-D globals viewed in their shape (expand-strided-metadata
    // lowers the views): LLVM IR then holds each as one flat constant.
    if (llvm::StringRef(stage) == "expand-strided-metadata")
      pm.addPass(createFlattenConstantGlobalsPass());
    if (mlir::failed(mlir::parsePassPipeline(stage, pm)))
      return mlir::failure();
    // Static memory planning, once buffers exist and before what is left
    // gets deallocations.
    if (llvm::StringRef(stage) == "canonicalize" && !planned) {
      pm.addPass(createAssignArenaPass());
      planned = true;
    }
  }
  return mlir::success();
}

} // namespace mlc::cpu
