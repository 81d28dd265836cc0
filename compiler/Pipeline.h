//===- Pipeline.h - the compiler's pass pipelines and registrations --------===//
//
// The one place that says which passes run in which order.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_COMPILER_PIPELINE_H
#define MLC_COMPILER_PIPELINE_H

namespace mlir {
class DialectRegistry;
class OpPassManager;
} // namespace mlir

namespace mlc {

/// Registers every dialect MLC's tools use.
void registerDialects(mlir::DialectRegistry &registry);

/// Registers MLC's passes and the upstream ones its pipelines name.
void registerPasses();

/// The graph clean-up that `mlc-compile --emit=mlir` shows: canonicalization
/// and folding with shape refinement to a fixed point, then dead-code and
/// common-subexpression elimination.
void buildGraphSimplificationPipeline(mlir::OpPassManager &pm);

} // namespace mlc

#endif // MLC_COMPILER_PIPELINE_H
