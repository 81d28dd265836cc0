//===- CpuPipeline.cpp - graph IR to the LLVM dialect for the CPU ----------===//

#include "codegen/cpu/CpuPipeline.h"
#include "codegen/cpu/Passes.h"
#include "passes/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

namespace mlc::cpu {

mlir::LogicalResult buildCpuLoweringPipeline(mlir::OpPassManager &pm,
                                             const CpuPipelineOptions &options) {
  // Reads as a list; each entry is one pass. MLC's own passes are named by
  // their flag and created directly (the tools need not register them).
  static const char *const stages[] = {
      "mlc-fold-batchnorm",
      "mlc-fuse-attention",
      "mlc-fuse-layer-norm",
      "mlc-fuse-softmax",
      "mlc-convert-graph-to-linalg",
      // NCHWc activations through convolution chains.
      "mlc-blocked-layout",
      // Upstream's linalg-fuse-elementwise-ops, minus fusions that recompute.
      "mlc-fuse-elementwise",
      "one-shot-bufferize{bufferize-function-boundaries "
      "function-boundary-type-conversion=identity-layout-map}",
      "buffer-results-to-out-params{hoist-static-allocs}",
      "canonicalize",
      // Matmuls become register-blocked vector micro-kernels (their run-time
      // packing buffers are planned with the rest).
      "mlc-forward-copies",
      "mlc-attention-kernels",
      "mlc-layer-norm-kernels",
      "mlc-softmax-kernels",
      "mlc-matmul-kernels",
      "mlc-conv-kernels",
      "mlc-approximate-math",
      // Static memory planning, once buffers exist and before what is left
      // gets deallocations.
      "mlc-assign-arena",
      "func.func(ownership-based-buffer-deallocation)",
      "buffer-deallocation-simplification",
      "bufferization-lower-deallocations",
      // Elementwise ops and reductions as vector loops.
      "func.func(linalg-generalize-named-ops)",
      "mlc-vectorize-generic",
      // Parallel dimensions become scf.parallel, reductions scf.for inside;
      // the outermost parallel loops go to the runtime's threads.
      "func.func(convert-linalg-to-parallel-loops)",
      "mlc-outline-parallel-loops",
      "mlc-legalize-empty-buffers",
      // Weights become 1-D globals viewed in their shape (expand-strided-
      // metadata lowers the views): LLVM IR then holds each as one constant.
      "mlc-flatten-constant-globals",
      "expand-strided-metadata",
      "lower-affine",
      "convert-scf-to-cf",
      "convert-vector-to-llvm",
      "finalize-memref-to-llvm",
      "convert-math-to-llvm",
      "convert-math-to-libm",
      "convert-arith-to-llvm",
      "convert-func-to-llvm{use-bare-ptr-memref-call-conv}",
      "convert-cf-to-llvm",
      "reconcile-unrealized-casts",
      "canonicalize",
  };
  bool started = options.startAt.empty();
  for (llvm::StringRef stage : stages) {
    if (!started && stage == options.startAt)
      started = true;
    if (!started)
      continue;
    if (!options.stopBefore.empty() && stage == options.stopBefore)
      break;
    if (stage == "mlc-fold-batchnorm")
      pm.addNestedPass<mlir::func::FuncOp>(createFoldBatchNormPass());
    else if (stage == "mlc-fuse-attention")
      pm.addNestedPass<mlir::func::FuncOp>(createFuseAttentionPass());
    else if (stage == "mlc-fuse-layer-norm")
      pm.addNestedPass<mlir::func::FuncOp>(createFuseLayerNormPass());
    else if (stage == "mlc-fuse-softmax")
      pm.addNestedPass<mlir::func::FuncOp>(createFuseSoftmaxPass());
    else if (stage == "mlc-convert-graph-to-linalg")
      pm.addPass(createConvertGraphToLinalgPass());
    else if (stage == "mlc-blocked-layout") {
      BlockedLayoutPassOptions o;
      o.block = options.convLayout == "nchw" ? 0 : options.vectorBits / 32;
      o.force = options.convLayout == "nchwc";
      pm.addNestedPass<mlir::func::FuncOp>(createBlockedLayoutPass(o));
    } else if (stage == "mlc-fuse-elementwise")
      pm.addNestedPass<mlir::func::FuncOp>(createFuseElementwisePass());
    else if (stage == "mlc-flatten-constant-globals")
      pm.addPass(createFlattenConstantGlobalsPass());
    else if (stage == "mlc-assign-arena")
      pm.addPass(createAssignArenaPass());
    else if (stage == "mlc-outline-parallel-loops")
      pm.addPass(createOutlineParallelLoopsPass());
    else if (stage == "mlc-layer-norm-kernels") {
      LayerNormKernelsPassOptions o;
      o.vectorBits = options.vectorBits;
      pm.addPass(createLayerNormKernelsPass(o));
    } else if (stage == "mlc-softmax-kernels") {
      SoftmaxKernelsPassOptions o;
      o.vectorBits = options.vectorBits;
      pm.addPass(createSoftmaxKernelsPass(o));
    } else if (stage == "mlc-attention-kernels") {
      AttentionKernelsPassOptions o;
      o.vectorBits = options.vectorBits;
      pm.addPass(createAttentionKernelsPass(o));
    } else if (stage == "mlc-matmul-kernels") {
      MatmulKernelsPassOptions o;
      o.vectorBits = options.vectorBits;
      pm.addPass(createMatmulKernelsPass(o));
    } else if (stage == "mlc-conv-kernels") {
      ConvKernelsPassOptions o;
      o.vectorBits = options.vectorBits;
      pm.addPass(createConvKernelsPass(o));
    } else if (stage == "mlc-forward-copies") {
      pm.addPass(createForwardCopiesPass());
    } else if (stage == "mlc-approximate-math") {
      pm.addPass(createApproximateMathPass());
    } else if (stage == "mlc-vectorize-generic") {
      VectorizeGenericPassOptions o;
      o.vectorBits = options.vectorBits;
      pm.addPass(createVectorizeGenericPass(o));
    } else if (stage == "mlc-legalize-empty-buffers")
      pm.addPass(createLegalizeEmptyBuffersPass());
    else if (mlir::failed(mlir::parsePassPipeline(stage, pm)))
      return mlir::failure();
  }
  // A stage name that is not in the list is a caller's mistake.
  return mlir::success(started);
}

} // namespace mlc::cpu
