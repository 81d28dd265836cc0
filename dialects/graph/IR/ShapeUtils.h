//===- ShapeUtils.h - shape arithmetic shared by graph ops -----------------===//
//
// Helpers for result-type inference, verification and folding: broadcasting,
// axis normalization, reading constant operands.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_DIALECTS_GRAPH_IR_SHAPEUTILS_H
#define MLC_DIALECTS_GRAPH_IR_SHAPEUTILS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/IR/Value.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace mlc::graph {

/// The marker of an unknown dimension (`?`).
constexpr int64_t kDynamic = mlir::ShapedType::kDynamic;

/// Verifies `op`'s declared result types against those its
/// InferShapesOpInterface gives (the interface's verifier).
mlir::LogicalResult verifyInferredResultTypes(mlir::Operation *op);

/// True if `a` and `b` can describe the same value: both none, or tensors
/// with the same element type whose shapes agree wherever both are known.
bool areCompatibleTypes(mlir::Type a, mlir::Type b);

/// True if `refined` is compatible with `current` and knows strictly more
/// (a rank, or a static dimension, that `current` lacks).
bool isMoreRefined(mlir::Type refined, mlir::Type current);

/// True if `v` is the absent value (of type none).
bool isNone(mlir::Value v);

/// A ranked tensor type of `shape` when given, else an unranked one.
mlir::Type makeTensorType(std::optional<llvm::ArrayRef<int64_t>> shape,
                          mlir::Type elementType);

/// The shape of `type` if it is a ranked tensor.
std::optional<llvm::ArrayRef<int64_t>> shapeOf(mlir::Type type);
inline std::optional<llvm::ArrayRef<int64_t>> shapeOf(mlir::Value v) {
  return shapeOf(v.getType());
}
/// The rank of `v`'s type, if ranked.
std::optional<int64_t> rankOf(mlir::Value v);

/// Numpy broadcasting of two shapes; std::nullopt if they do not broadcast.
std::optional<llvm::SmallVector<int64_t>>
broadcastShapes(llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> b);

/// Infers the single result of an op broadcasting `operands` (numpy rules):
/// a tensor of `elementType`. Emits an error on `op` if they do not broadcast.
mlir::LogicalResult inferBroadcastResult(mlir::Operation *op,
                                         mlir::ValueRange operands,
                                         mlir::Type elementType,
                                         llvm::SmallVectorImpl<mlir::Type> &types);

/// Maps `axis` in [-rank, rank) to [0, rank); emits an error naming
/// `what` on `op` when out of range.
mlir::FailureOr<int64_t> normalizeAxis(mlir::Operation *op, int64_t axis,
                                       int64_t rank,
                                       llvm::StringRef what = "axis");

/// The constant value of `v` if it is defined by a constant op (or any
/// ConstantLike op) holding elements.
mlir::ElementsAttr getConstantElements(mlir::Value v);

/// The values of `v` as integers if it is a constant integer or bool tensor.
std::optional<llvm::SmallVector<int64_t>> getConstantInts(mlir::Value v);
std::optional<llvm::SmallVector<int64_t>> getElementsAsInts(mlir::Attribute a);

/// The values of `v` as doubles if it is a constant float or integer tensor.
std::optional<llvm::SmallVector<double>> getConstantFloats(mlir::Value v);
std::optional<llvm::SmallVector<double>> getElementsAsFloats(mlir::Attribute a);

/// `attr` as dense elements if it is small enough to fold
/// (at most `maxElements`); null otherwise. Resources are not read.
mlir::DenseElementsAttr getFoldableElements(mlir::Attribute attr,
                                            int64_t maxElements = 4096);

/// The number of elements of a static shape.
int64_t getNumElements(llvm::ArrayRef<int64_t> shape);

//===--- Linalg and Quant ops: matrix products, reductions ---------------===//

/// Infers the result of a numpy matmul of `lhs` by `rhs` (batched,
/// broadcasting batch dimensions, 1-D operands promoted and their unit
/// dimension removed): a tensor of `elementType`. Emits an error on `op` if
/// the contraction dimensions differ or the batch dimensions do not
/// broadcast.
mlir::LogicalResult inferMatMulResult(mlir::Operation *op, mlir::Value lhs,
                                      mlir::Value rhs, mlir::Type elementType,
                                      llvm::SmallVectorImpl<mlir::Type> &types);

/// The normalized form of reduction axes over a tensor of rank `rank`:
/// negative axes resolved and the list sorted; an empty list with
/// `noopWithEmptyAxes` unset becomes all axes. Axes are returned as given
/// when the rank is unknown or an axis is out of range or repeated (the
/// op's verifier reports those).
llvm::SmallVector<int64_t> normalizeReductionAxes(llvm::ArrayRef<int64_t> axes,
                                                  std::optional<int64_t> rank,
                                                  bool noopWithEmptyAxes);
//===----------------------------------------------------------------------===//
// TENSOR category helpers
//===----------------------------------------------------------------------===//

/// Maps each of `axes` from [-rank, rank) to [0, rank); emits an error naming
/// `what` on `op` if one is out of range or one repeats.
mlir::FailureOr<llvm::SmallVector<int64_t>>
normalizeAxes(mlir::Operation *op, llvm::ArrayRef<int64_t> axes, int64_t rank,
              llvm::StringRef what = "axes");

/// Checks that a shape-like argument is not given both as an attribute and
/// as an operand (and, if `required`, that it is given at all). The
/// diagnostics name it "`article` `name` operand".
mlir::LogicalResult checkStaticOrOperand(mlir::Operation *op,
                                         mlir::Attribute attr,
                                         mlir::Value operand,
                                         llvm::StringRef name, bool required,
                                         llvm::StringRef article = "a");

/// The values of a shape-like argument in the normalized form: the attribute
/// when present, else the values of `operand` if it is a constant.
std::optional<llvm::SmallVector<int64_t>>
getStaticOrConstantInts(mlir::DenseI64ArrayAttr attr, mlir::Value operand);

/// The strides of a row-major static shape.
llvm::SmallVector<int64_t> getStrides(llvm::ArrayRef<int64_t> shape);
//===--- NN ops: sliding windows ---------------------------------------===//

/// Checks that a conv-like op's `weight` and `input` shapes (where known)
/// have rank `spatial` + 2, (N, C, spatial dims...).
mlir::LogicalResult
checkConvRanks(mlir::Operation *op, size_t spatial,
               std::optional<llvm::ArrayRef<int64_t>> input,
               std::optional<llvm::ArrayRef<int64_t>> weight);

/// The explicit pads (all begins, then all ends) that SAME_UPPER (`upper`)
/// or SAME_LOWER auto_pad gives a sliding window over the static spatial
/// dimensions `input`: the output has ceil(input / stride) elements and the
/// total padding, split evenly, puts the odd element at the end (upper) or
/// the beginning. std::nullopt if a dimension or kernel size is unknown or
/// a window attribute is out of range.
std::optional<llvm::SmallVector<int64_t>>
computeSamePads(llvm::ArrayRef<int64_t> input, llvm::ArrayRef<int64_t> kernel,
                llvm::ArrayRef<int64_t> strides,
                llvm::ArrayRef<int64_t> dilations, bool upper);

} // namespace mlc::graph

#endif // MLC_DIALECTS_GRAPH_IR_SHAPEUTILS_H
