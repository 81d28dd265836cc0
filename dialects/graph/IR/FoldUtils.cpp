//===- FoldUtils.cpp - folding and canonicalization helpers ----------------===//

#include "dialects/graph/IR/FoldUtils.h"
#include "dialects/graph/IR/GraphOps.h"

using namespace mlir;

namespace mlc::graph {

LogicalResult
moveConstantToAttr(Operation *op, unsigned index, StringRef attrName,
                   PatternRewriter &rewriter,
                   llvm::function_ref<Attribute(ElementsAttr)> convert) {
  Value operand = op->getOperand(index);
  if (isNone(operand))
    return failure();
  ElementsAttr elements = getConstantElements(operand);
  if (!elements)
    return failure();
  Attribute attr = convert(elements);
  if (!attr)
    return failure();
  rewriter.setInsertionPoint(op);
  Value none = rewriter.create<NoneOp>(op->getLoc(), rewriter.getNoneType());
  rewriter.modifyOpInPlace(op, [&] {
    op->setAttr(attrName, attr);
    op->setOperand(index, none);
  });
  return success();
}

LogicalResult moveConstantIntsToAttr(Operation *op, unsigned index,
                                     StringRef attrName,
                                     PatternRewriter &rewriter) {
  return moveConstantToAttr(
      op, index, attrName, rewriter, [&](ElementsAttr e) -> Attribute {
        auto ints = getElementsAsInts(e);
        if (!ints)
          return nullptr;
        return rewriter.getDenseI64ArrayAttr(*ints);
      });
}

int64_t broadcastSourceIndex(ArrayRef<int64_t> resultShape,
                             ArrayRef<int64_t> operandShape,
                             int64_t resultIndex) {
  int64_t src = 0, srcStride = 1;
  size_t offset = resultShape.size() - operandShape.size();
  for (size_t i = resultShape.size(); i-- > 0;) {
    int64_t coord = resultIndex % resultShape[i];
    resultIndex /= resultShape[i];
    if (i < offset)
      continue;
    int64_t dim = operandShape[i - offset];
    if (dim != 1)
      src += coord * srcStride;
    srcStride *= dim;
  }
  return src;
}

Attribute foldBroadcastElementwise(
    ArrayRef<Attribute> operands, Type resultType,
    llvm::function_ref<Attribute(ArrayRef<Attribute>)> fn,
    int64_t maxElements) {
  auto type = llvm::dyn_cast<RankedTensorType>(resultType);
  if (!type || !type.hasStaticShape() || type.getNumElements() > maxElements)
    return nullptr;
  SmallVector<DenseElementsAttr> dense;
  for (Attribute a : operands) {
    DenseElementsAttr d = getFoldableElements(a, maxElements);
    if (!d)
      return nullptr;
    dense.push_back(d);
  }
  SmallVector<SmallVector<Attribute>> values;
  for (DenseElementsAttr d : dense)
    values.emplace_back(d.getValues<Attribute>());
  SmallVector<Attribute> result;
  SmallVector<Attribute> args(dense.size());
  for (int64_t i = 0, e = type.getNumElements(); i < e; ++i) {
    for (size_t k = 0; k < dense.size(); ++k) {
      ArrayRef<int64_t> shape = dense[k].getType().getShape();
      args[k] = dense[k].isSplat()
                    ? values[k][0]
                    : values[k][broadcastSourceIndex(type.getShape(), shape, i)];
    }
    Attribute r = fn(args);
    if (!r)
      return nullptr;
    result.push_back(r);
  }
  return DenseElementsAttr::get(type, result);
}

//===----------------------------------------------------------------------===//
// TENSOR category helpers
//===----------------------------------------------------------------------===//

DenseElementsAttr
gatherElementsByIndex(DenseElementsAttr source, RankedTensorType resultType,
                      llvm::function_ref<int64_t(int64_t)> sourceIndex,
                      int64_t maxElements) {
  if (!source || !resultType.hasStaticShape() ||
      resultType.getNumElements() > maxElements ||
      source.getElementType() != resultType.getElementType())
    return nullptr;
  if (source.isSplat())
    return DenseElementsAttr::get(resultType,
                                  source.getSplatValue<Attribute>());
  SmallVector<Attribute> values(source.getValues<Attribute>());
  SmallVector<Attribute> result;
  result.reserve(resultType.getNumElements());
  for (int64_t i = 0, e = resultType.getNumElements(); i < e; ++i) {
    int64_t src = sourceIndex(i);
    if (src < 0 || src >= (int64_t)values.size())
      return nullptr;
    result.push_back(values[src]);
  }
  return DenseElementsAttr::get(resultType, result);
}

LogicalResult normalizeAxesAttr(Operation *op, StringRef attrName,
                                int64_t rank, PatternRewriter &rewriter,
                                bool sort) {
  Attribute attr = op->getAttr(attrName);
  if (auto axis = llvm::dyn_cast_or_null<IntegerAttr>(attr)) {
    int64_t v = axis.getInt();
    if (v >= 0 || v < -rank)
      return failure();
    rewriter.modifyOpInPlace(op, [&] {
      op->setAttr(attrName, rewriter.getI64IntegerAttr(v + rank));
    });
    return success();
  }
  auto axes = llvm::dyn_cast_or_null<DenseI64ArrayAttr>(attr);
  if (!axes)
    return failure();
  SmallVector<int64_t> values(axes.asArrayRef());
  for (int64_t &v : values) {
    if (v < -rank)
      return failure();
    if (v < 0)
      v += rank;
  }
  if (sort)
    llvm::sort(values);
  if (ArrayRef<int64_t>(values) == axes.asArrayRef())
    return failure();
  rewriter.modifyOpInPlace(
      op, [&] { op->setAttr(attrName, rewriter.getDenseI64ArrayAttr(values)); });
  return success();
}

} // namespace mlc::graph
