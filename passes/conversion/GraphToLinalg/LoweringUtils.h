//===- LoweringUtils.h - helpers for lowering graph ops to linalg ----------===//
//
// Shared by the per-category lowering files: the type converter (unsigned
// integers become signless, as arith requires), elementwise linalg.generic
// construction with numpy broadcasting, and scalar helpers that keep ONNX's
// signed/unsigned semantics.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_PASSES_CONVERSION_GRAPHTOLINALG_LOWERINGUTILS_H
#define MLC_PASSES_CONVERSION_GRAPHTOLINALG_LOWERINGUTILS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace mlc::lowering {

/// Graph types to upstream types: ui8/ui16/... tensors become i8/i16/...
/// (signless); everything else is unchanged.
class GraphTypeConverter : public mlir::TypeConverter {
public:
  GraphTypeConverter();
};

/// The signless integer type of `type` (unchanged if not an integer).
mlir::Type toSignless(mlir::Type type);

/// The body of an elementwise op: scalar operands in, one scalar out.
using ScalarBody = llvm::function_ref<mlir::Value(
    mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>;

/// A linalg.generic computing `body` over `operands` (tensors of converted
/// types) broadcast with numpy rules to the static `resultType`. Fails
/// (emitting nothing) if a shape is not static.
mlir::FailureOr<mlir::Value> buildElementwise(mlir::OpBuilder &b,
                                              mlir::Location loc,
                                              mlir::RankedTensorType resultType,
                                              mlir::ValueRange operands,
                                              ScalarBody body);

/// The converted static result type of `op`'s result #i, or failure with a
/// diagnostic (dynamic shapes must be pinned with --shape for now).
mlir::FailureOr<mlir::RankedTensorType>
staticResultType(mlir::Operation *op, const mlir::TypeConverter &converter,
                 unsigned i = 0);

/// A scalar constant of `type` (float or integer) with value `v`.
mlir::Value scalarConstant(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::Type type, double v);

/// Converts scalar `v` (of graph element type `from`, i.e. with its
/// signedness) to graph element type `to`, with ONNX Cast semantics
/// (float->int truncates toward zero; to bool: != 0).
mlir::Value convertScalar(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value v, mlir::Type from, mlir::Type to);

// Pattern registration per op category.
void populateElementwiseLoweringPatterns(const mlir::TypeConverter &converter,
                                         mlir::RewritePatternSet &patterns);
void populateTensorLoweringPatterns(const mlir::TypeConverter &converter,
                                    mlir::RewritePatternSet &patterns);
void populateLinalgLoweringPatterns(const mlir::TypeConverter &converter,
                                    mlir::RewritePatternSet &patterns);

//===-- LINALG / QUANT (Linalg.cpp, Quant.cpp) ----------------------------===//

/// numpy matmul of the static tensors `lhs` and `rhs`, whose element type is
/// `resultType`'s: linalg.matmul, batch_matmul, matvec, vecmat or dot for
/// plain shapes (a batch times a 2-D rhs folds the batch into the rows),
/// else one linalg.generic with broadcast batch dimensions.
mlir::Value buildMatMul(mlir::OpBuilder &b, mlir::Location loc, mlir::Value lhs,
                        mlir::Value rhs, mlir::RankedTensorType resultType);

void populateQuantLoweringPatterns(const mlir::TypeConverter &converter,
                                   mlir::RewritePatternSet &patterns);

} // namespace mlc::lowering

// Elementwise category.
namespace mlc::lowering {

/// Converts scalar `v` of graph element type `from` (with its signedness) to
/// graph element type `to` with ONNX Cast semantics: float -> integer
/// truncates toward zero and keeps the low bits (NaN -> 0); integer ->
/// integer truncates or extends by the source's signedness; to bool: != 0
/// (NaN -> true); f16/bf16 go through f32. Float8 types are not handled.
mlir::Value castScalar(mlir::OpBuilder &b, mlir::Location loc, mlir::Value v,
                       mlir::Type from, mlir::Type to);
//===--- NN ops (NN.cpp) ---------------------------------------------------===//
void populateNNLoweringPatterns(const mlir::TypeConverter &converter,
                                mlir::RewritePatternSet &patterns);

} // namespace mlc::lowering

#endif // MLC_PASSES_CONVERSION_GRAPHTOLINALG_LOWERINGUTILS_H
