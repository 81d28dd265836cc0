//===- Epilogue.h - elementwise consumers fused into kernel stores --------===//
//
// A kernel (matmul, convolution) that writes an intermediate buffer C read
// by one elementwise linalg.generic (bias, activation, residual add, ...)
// applies that generic's body to its registers and stores the result into
// the generic's output instead: C is never written.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_CODEGEN_CPU_EPILOGUE_H
#define MLC_CODEGEN_CPU_EPILOGUE_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include <optional>
#include <string>

namespace mlc::cpu {

struct Epilogue {
  mlir::linalg::GenericOp op;
  unsigned cOperand = 0; ///< the generic's operand that reads C
  /// Loop dimensions of the generic that C does not have: unit dimensions
  /// a memref.expand_shape between them added (index 0).
  llvm::SmallVector<int64_t> unitDims;
  /// That expand_shape, erased with the generic.
  mlir::Operation *view = nullptr;
  /// A short description for reports ("addf, maximumf").
  std::string describe() const;
  /// The bytes its other operands and its output add to the kernel's.
  uint64_t extraBytes() const;
};

/// The elementwise consumer of `c` (a static memref.alloc written by
/// `kernel` and read by nothing else) that can be fused into `kernel`'s
/// stores, or nullopt. Each of its other operands must read a loop
/// dimension of C only in order (a projection) and not be touched between
/// `kernel` and it. On success, buffers the generic uses that are defined
/// after `kernel` (allocations) are moved before it.
std::optional<Epilogue> findEpilogue(mlir::Operation *kernel, mlir::Value c);

/// Applies `e` to `value` (the kernel's result for C at C's indices `ivs`,
/// a vector along the innermost loop when `value` is a vector) and stores
/// the result into the generic's output at the same indices (masked by
/// the output's bounds when `masked`).
void applyEpilogue(mlir::OpBuilder &b, mlir::Location loc, const Epilogue &e,
                   llvm::ArrayRef<mlir::Value> ivs, mlir::Value value,
                   bool masked);

/// What applyEpilogue would store, without storing it (a consumer of the
/// epilogue's output fused in turn, e.g. a pooling window).
mlir::Value epilogueValue(mlir::OpBuilder &b, mlir::Location loc,
                          const Epilogue &e, llvm::ArrayRef<mlir::Value> ivs,
                          mlir::Value value, bool masked);

/// Erases the fused generic (and the view it read C through).
void eraseEpilogue(Epilogue &e);

/// Once the kernel is emitted: names the fused epilogue in `fused` (the
/// kernel's report), adds the bytes it reads and writes to `bytes`, and
/// erases it; without one, adds `bytesWithout` (C's traffic) instead.
void retireEpilogue(std::optional<Epilogue> &e, std::string &fused,
                    uint64_t &bytes, uint64_t bytesWithout);

/// Collapses loops `groups` of `e`'s generic (e.g. a pointwise convolution
/// over flattened pixels), the collapsed views made before `kernel`; fails,
/// leaving it unchanged, when a map or layout does not allow it.
mlir::LogicalResult
collapseEpilogue(Epilogue &e, mlir::Operation *kernel,
                 llvm::ArrayRef<mlir::ReassociationIndices> groups);

} // namespace mlc::cpu

#endif // MLC_CODEGEN_CPU_EPILOGUE_H
