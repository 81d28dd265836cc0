//===- Passes.h - target-independent MLC passes ----------------------------===//

#ifndef MLC_PASSES_PASSES_H
#define MLC_PASSES_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

namespace mlc::graph {
class GraphDialect;
} // namespace mlc::graph

namespace mlc {

#define GEN_PASS_DECL
#include "passes/Passes.h.inc"

/// Refines the result types of the graph ops in `func` (see InferShapesPass).
/// Sets `changed` if any type changed; fails (after emitting a diagnostic)
/// if an op's inference fails.
mlir::LogicalResult refineShapes(mlir::func::FuncOp func, bool &changed);

#define GEN_PASS_REGISTRATION
#include "passes/Passes.h.inc"

} // namespace mlc

#endif // MLC_PASSES_PASSES_H
