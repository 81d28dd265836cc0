//===- Passes.td - target-independent MLC passes ---------------------------===//

#ifndef MLC_PASSES_TD
#define MLC_PASSES_TD

include "mlir/Pass/PassBase.td"

def InferShapesPass : Pass<"mlc-infer-shapes", "::mlir::func::FuncOp"> {
  let summary = "Refine graph op result types from their operands";
  let description = [{
    Walks the function in order and replaces each graph op's result types by
    the types its InferShapesOpInterface gives, where those are more precise
    (a rank or a static dimension more); the function's result types follow
    its return operands.

    Before:
      %s = graph.reshape %x, %none {static_shape = array<i64: 2, -1>}
          : (tensor<2x3xf32>, none) -> tensor<?x?xf32>
      return %s : tensor<?x?xf32>
    After:
      %s = graph.reshape %x, %none {static_shape = array<i64: 2, -1>}
          : (tensor<2x3xf32>, none) -> tensor<2x3xf32>
      return %s : tensor<2x3xf32>
  }];
  let dependentDialects = ["::mlc::graph::GraphDialect"];
}

def SimplifyGraphPass : Pass<"mlc-simplify-graph", "::mlir::func::FuncOp"> {
  let summary = "Canonicalize, fold and refine shapes to a fixed point";
  let description = [{
    Alternates the canonicalization patterns and folders of every loaded
    dialect with shape refinement (mlc-infer-shapes) until neither changes
    the function, so that the Shape/Gather/Concat/Unsqueeze/Reshape
    arithmetic of exported models folds into constants and static shapes.

    Before:
      %s = graph.shape %x : (tensor<2x3xf32>) -> tensor<2xi64>
      %r = graph.reshape %y, %s : (tensor<6xf32>, tensor<2xi64>) -> tensor<?x?xf32>
    After:
      %r = graph.reshape %y, %none {static_shape = array<i64: 2, 3>}
          : (tensor<6xf32>, none) -> tensor<2x3xf32>
  }];
  let options = [
    Option<"maxIterations", "max-iterations", "unsigned", "16",
           "Rounds of canonicalization and shape refinement at most">,
  ];
  let dependentDialects = ["::mlc::graph::GraphDialect"];
}

def ConvertGraphToLinalgPass
    : Pass<"mlc-convert-graph-to-linalg", "::mlir::ModuleOp"> {
  let summary = "Lower graph ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Each graph op becomes upstream ops on tensors: elementwise ops one
    linalg.generic each, matrix products linalg.generic contractions,
    reshapes tensor ops, constants arith.constant (weights stay dense
    resources). Unsigned integer types become signless. Ops that still have
    dynamic shapes are an error (pin them with --shape).

    Before:
      %0 = graph.add %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    After:
      %e = tensor.empty() : tensor<4xf32>
      %0 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
          ins(%a, %b : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) {
      ^bb0(%x: f32, %y: f32, %o: f32):
        %s = arith.addf %x, %y : f32
        linalg.yield %s : f32
      } -> tensor<4xf32>
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect", "::mlir::tensor::TensorDialect",
    "::mlir::scf::SCFDialect", // ScatterND's loop
  ];
}

#endif // MLC_PASSES_TD
