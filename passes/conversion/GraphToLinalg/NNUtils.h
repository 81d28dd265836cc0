//===- NNUtils.h - helpers shared by the NN op lowerings ---------*- C++
//-*-===//
//
// Private to the NN lowering files (NN.cpp, NNConv.cpp, NNPool.cpp,
// NNNorm.cpp, NNAttention.cpp): tensor construction, padding, reductions and
// parallel linalg.generic builders over static shapes.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_PASSES_CONVERSION_GRAPHTOLINALG_NNUTILS_H
#define MLC_PASSES_CONVERSION_GRAPHTOLINALG_NNUTILS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace mlc::lowering::nn {

/// A scalar body: block arguments in (inputs, then the accumulator for
/// reductions), the value to yield out.
using BodyFn = llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location,
                                              mlir::ValueRange)>;

/// The shape of `v`, a ranked tensor.
llvm::ArrayRef<int64_t> shapeOf(mlir::Value v);

/// True if every value is a ranked tensor with a static shape (none values,
/// for absent optional operands, are skipped).
bool allStatic(mlir::ValueRange values);

/// True if `v` stands for an absent optional operand.
bool isAbsent(mlir::Value v);

/// Fails with a diagnostic on `op` unless every value that is present has a
/// float element type.
mlir::LogicalResult requireFloat(mlir::Operation *op, mlir::ValueRange values);

/// Fails with a diagnostic on `op` unless every value is static (see
/// allStatic).
mlir::LogicalResult requireStatic(mlir::Operation *op, mlir::ValueRange values);

/// requireStatic, then requireFloat, on the same values.
mlir::LogicalResult requireStaticFloat(mlir::Operation *op,
                                       mlir::ValueRange values);

/// tensor.empty of `shape` x `elt`.
mlir::Value emptyTensor(mlir::OpBuilder &b, mlir::Location loc,
                        llvm::ArrayRef<int64_t> shape, mlir::Type elt);

/// A tensor of `shape` filled with `scalar` (linalg.fill).
mlir::Value filledTensor(mlir::OpBuilder &b, mlir::Location loc,
                         llvm::ArrayRef<int64_t> shape, mlir::Value scalar);

/// `input` padded with `padValue`: `low[i]` elements before and `high[i]`
/// after dimension i (negative values crop), with `interior[i] - 1` pad
/// elements between neighbours (none if `interior` is empty). Returns
/// `input` if nothing changes.
mlir::Value padTensor(mlir::OpBuilder &b, mlir::Location loc, mlir::Value input,
                      llvm::ArrayRef<int64_t> low, llvm::ArrayRef<int64_t> high,
                      mlir::Value padValue,
                      llvm::ArrayRef<int64_t> interior = {});

/// The affine map from a `rank`-loop iteration space to the dimensions that
/// `dropped` does not mark (in order).
mlir::AffineMap keptDimsMap(mlir::MLIRContext *ctx,
                            llvm::ArrayRef<bool> dropped);

/// A parallel linalg.generic producing `resultType` (identity output map)
/// from `inputs` indexed by `maps` (one per input).
mlir::Value parallelGeneric(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::RankedTensorType resultType,
                            mlir::ValueRange inputs,
                            llvm::ArrayRef<mlir::AffineMap> maps, BodyFn body);

/// A linalg.generic over the iteration space `space` reducing the
/// dimensions marked in `reduced`: the result has the other dimensions and
/// starts as `init` (a scalar, filled in); `inputs` are indexed by `maps`
/// and `body` gets (inputs..., accumulator).
mlir::Value reduceGeneric(mlir::OpBuilder &b, mlir::Location loc,
                          llvm::ArrayRef<int64_t> space,
                          llvm::ArrayRef<bool> reduced, mlir::ValueRange inputs,
                          llvm::ArrayRef<mlir::AffineMap> maps,
                          mlir::Value init, BodyFn body);

/// `reduced` (the dimensions of `keepShape` not marked in `mask`) reshaped
/// to `keepShape`, which has 1 where `mask` is set.
mlir::Value expandToKeepDims(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::Value reduced,
                             llvm::ArrayRef<int64_t> keepShape,
                             llvm::ArrayRef<bool> mask);

/// Elementwise conversion of tensor `v` from graph element type `from` to
/// `to` (ONNX Cast semantics); `v` itself when they are equal.
mlir::Value castTensor(mlir::OpBuilder &b, mlir::Location loc, mlir::Value v,
                       mlir::Type from, mlir::Type to);

/// The lowest value of graph element type `t`: -inf for floats, the minimum
/// (signed or unsigned) integer otherwise.
mlir::Value lowestValue(mlir::OpBuilder &b, mlir::Location loc, mlir::Type t);

/// max(a, b) for graph element type `t` (NaN-propagating for floats).
mlir::Value maxScalar(mlir::OpBuilder &b, mlir::Location loc, mlir::Type t,
                      mlir::Value x, mlir::Value y);

/// a > b for graph element type `t` (signed or unsigned integers).
mlir::Value greaterScalar(mlir::OpBuilder &b, mlir::Location loc, mlir::Type t,
                          mlir::Value x, mlir::Value y);

/// Float arithmetic shorthands.
mlir::Value addF(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                 mlir::Value y);
mlir::Value subF(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                 mlir::Value y);
mlir::Value mulF(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                 mlir::Value y);
mlir::Value divF(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                 mlir::Value y);

/// The explicit pads (all begins, then all ends) of a sliding window over
/// the static spatial dimensions `input`: `pads` under NOTSET, zeros under
/// VALID, computed for SAME_UPPER / SAME_LOWER.
llvm::SmallVector<int64_t>
resolvePads(llvm::StringRef autoPad, llvm::ArrayRef<int64_t> pads,
            llvm::ArrayRef<int64_t> input, llvm::ArrayRef<int64_t> kernel,
            llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> dilations);

/// A 1-D i64 dense attribute (strides / dilations of linalg named ops).
mlir::DenseIntElementsAttr i64Vector(mlir::OpBuilder &b,
                                     llvm::ArrayRef<int64_t> values);

/// Softmax of float tensor `x` along `axis`, the maximum subtracted first.
mlir::Value buildSoftmax(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                         int64_t axis);

/// Pattern registration per NN file.
void populateNNConvPatterns(const mlir::TypeConverter &converter,
                            mlir::RewritePatternSet &patterns);
void populateNNPoolPatterns(const mlir::TypeConverter &converter,
                            mlir::RewritePatternSet &patterns);
void populateNNNormPatterns(const mlir::TypeConverter &converter,
                            mlir::RewritePatternSet &patterns);
void populateNNAttentionPatterns(const mlir::TypeConverter &converter,
                                 mlir::RewritePatternSet &patterns);

} // namespace mlc::lowering::nn

#endif // MLC_PASSES_CONVERSION_GRAPHTOLINALG_NNUTILS_H
