//===- FoldUtils.h - folding and canonicalization helpers ------------------===//
//
// Shared by the op categories' folders and canonicalization patterns.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_DIALECTS_GRAPH_IR_FOLDUTILS_H
#define MLC_DIALECTS_GRAPH_IR_FOLDUTILS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace mlc::graph {

/// Rewrites `op`'s operand #`index`, when it is a constant integer tensor,
/// into the DenseI64ArrayAttr named `attrName` and makes the operand none.
/// Fails (changing nothing) if the operand is none or not constant.
mlir::LogicalResult moveConstantIntsToAttr(mlir::Operation *op, unsigned index,
                                           llvm::StringRef attrName,
                                           mlir::PatternRewriter &rewriter);

/// Same, with the operand's values converted to an attribute by `convert`
/// (e.g. a scalar float bound into a FloatAttr); `convert` returns null to
/// decline.
mlir::LogicalResult moveConstantToAttr(
    mlir::Operation *op, unsigned index, llvm::StringRef attrName,
    mlir::PatternRewriter &rewriter,
    llvm::function_ref<mlir::Attribute(mlir::ElementsAttr)> convert);

/// The linear index into an operand of shape `operandShape` that numpy
/// broadcasting reads for the linear index `resultIndex` of `resultShape`.
int64_t broadcastSourceIndex(llvm::ArrayRef<int64_t> resultShape,
                             llvm::ArrayRef<int64_t> operandShape,
                             int64_t resultIndex);

/// Folds an elementwise op over constant operands with broadcasting: the
/// result has the static type `resultType` (at most `maxElements`), and each
/// element is `fn` of the operands' elements. Returns null if an operand is
/// not a small dense constant or `fn` returns null.
mlir::Attribute foldBroadcastElementwise(
    llvm::ArrayRef<mlir::Attribute> operands, mlir::Type resultType,
    llvm::function_ref<mlir::Attribute(llvm::ArrayRef<mlir::Attribute>)> fn,
    int64_t maxElements = 4096);

//===----------------------------------------------------------------------===//
// TENSOR category helpers
//===----------------------------------------------------------------------===//

/// Builds the elements of the static `resultType` by reading, for each of its
/// linear indices, the element of `source` at `sourceIndex(index)`. Returns
/// null if `resultType` has more than `maxElements` elements.
mlir::DenseElementsAttr
gatherElementsByIndex(mlir::DenseElementsAttr source,
                      mlir::RankedTensorType resultType,
                      llvm::function_ref<int64_t(int64_t)> sourceIndex,
                      int64_t maxElements = 4096);

/// Canonicalization: rewrites the negative entries of `op`'s axis attribute
/// `attrName` (an I64Attr or a DenseI64ArrayAttr) as axis + `rank`, sorting
/// the array when `sort` is set. Fails if there is nothing to change or an
/// entry is below -rank.
mlir::LogicalResult normalizeAxesAttr(mlir::Operation *op,
                                      llvm::StringRef attrName, int64_t rank,
                                      mlir::PatternRewriter &rewriter,
                                      bool sort = false);

} // namespace mlc::graph

#endif // MLC_DIALECTS_GRAPH_IR_FOLDUTILS_H
