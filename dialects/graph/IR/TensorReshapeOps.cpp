//===- TensorReshapeOps.cpp - flatten, squeeze, transpose, expand, tile
//----===//
//
// Inference, folders and canonicalization of the tensor ops that rearrange
// or replicate a whole tensor: Flatten, Squeeze, Unsqueeze, Transpose,
// Expand and Tile. (The ops are defined in TensorOps.td.)
//
//===----------------------------------------------------------------------===//

#include "dialects/graph/IR/FoldUtils.h"
#include "dialects/graph/IR/GraphOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlc::graph;

/// Folds a reshape-like op of a small constant into a constant of the
/// (static) result type.
static OpFoldResult foldReshapeLike(Operation *op, Attribute data) {
  auto type = llvm::dyn_cast<RankedTensorType>(op->getResult(0).getType());
  if (!type || !type.hasStaticShape())
    return nullptr;
  if (op->getOperand(0).getType() == type)
    return op->getOperand(0);
  if (DenseElementsAttr d = getFoldableElements(data))
    if (d.getNumElements() == type.getNumElements())
      return d.reshape(type);
  return nullptr;
}

/// The product of `dims`, `?` if one is.
static int64_t productOrDynamic(ArrayRef<int64_t> dims) {
  if (llvm::is_contained(dims, kDynamic))
    return kDynamic;
  return getNumElements(dims);
}

//===----------------------------------------------------------------------===//
// FlattenOp
//===----------------------------------------------------------------------===//

LogicalResult FlattenOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getInput());
  std::optional<ArrayRef<int64_t>> in = shapeOf(getInput());
  if (!in) {
    types.push_back(RankedTensorType::get({kDynamic, kDynamic}, elt));
    return success();
  }
  int64_t rank = in->size(), axis = getAxis();
  if (axis < -rank || axis > rank)
    return emitOpError() << "axis " << axis << " is out of range for rank "
                         << rank;
  if (axis < 0)
    axis += rank;
  types.push_back(
      RankedTensorType::get({productOrDynamic(in->take_front(axis)),
                             productOrDynamic(in->drop_front(axis))},
                            elt));
  return success();
}

OpFoldResult FlattenOp::fold(FoldAdaptor adaptor) {
  return foldReshapeLike(*this, adaptor.getInput());
}

void FlattenOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  struct Normalize : OpRewritePattern<FlattenOp> {
    using OpRewritePattern::OpRewritePattern;
    LogicalResult matchAndRewrite(FlattenOp op,
                                  PatternRewriter &rewriter) const override {
      std::optional<int64_t> rank = rankOf(op.getInput());
      if (!rank)
        return failure();
      return normalizeAxesAttr(op, op.getAxisAttrName(), *rank, rewriter);
    }
  };
  results.add<Normalize>(context);
}

//===----------------------------------------------------------------------===//
// SqueezeOp
//===----------------------------------------------------------------------===//

LogicalResult SqueezeOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getData());
  if (failed(checkStaticOrOperand(*this, getStaticAxesAttr(), getAxes(), "axes",
                                  /*required=*/false, "an")))
    return failure();
  std::optional<ArrayRef<int64_t>> in = shapeOf(getData());
  std::optional<SmallVector<int64_t>> axes =
      getStaticOrConstantInts(getStaticAxesAttr(), getAxes());
  if (!in) {
    types.push_back(UnrankedTensorType::get(elt));
    return success();
  }
  int64_t rank = in->size();
  // No axes, or an empty constant operand: every size-1 dimension.
  bool allOnes =
      !getStaticAxes() && (isNone(getAxes()) || (axes && axes->empty()));
  if (allOnes)
    axes.reset();
  if (!axes && !allOnes) {
    // Unknown axes: the result rank is known if their count is.
    std::optional<ArrayRef<int64_t>> n = shapeOf(getAxes());
    if (n && n->size() == 1 && (*n)[0] != kDynamic && (*n)[0] > 0 &&
        (*n)[0] <= rank) {
      types.push_back(RankedTensorType::get(
          SmallVector<int64_t>(rank - (*n)[0], kDynamic), elt));
      return success();
    }
    types.push_back(UnrankedTensorType::get(elt));
    return success();
  }
  SmallVector<int64_t> out;
  if (!axes) {
    // Every size-1 dimension: known only when no dimension is `?`.
    if (llvm::is_contained(*in, kDynamic)) {
      types.push_back(UnrankedTensorType::get(elt));
      return success();
    }
    for (int64_t d : *in)
      if (d != 1)
        out.push_back(d);
    types.push_back(RankedTensorType::get(out, elt));
    return success();
  }
  FailureOr<SmallVector<int64_t>> norm = normalizeAxes(*this, *axes, rank);
  if (failed(norm))
    return failure();
  SmallVector<bool> removed(rank, false);
  for (int64_t a : *norm) {
    if ((*in)[a] != 1 && (*in)[a] != kDynamic)
      return emitOpError() << "cannot squeeze dimension " << a << " of size "
                           << (*in)[a];
    removed[a] = true;
  }
  for (int64_t i = 0; i < rank; ++i)
    if (!removed[i])
      out.push_back((*in)[i]);
  types.push_back(RankedTensorType::get(out, elt));
  return success();
}

OpFoldResult SqueezeOp::fold(FoldAdaptor adaptor) {
  return foldReshapeLike(*this, adaptor.getData());
}

namespace {
struct SqueezeNormalize : OpRewritePattern<SqueezeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SqueezeOp op,
                                PatternRewriter &rewriter) const override {
    // Empty constant axes are absent ones (every size-1 dimension).
    if (ElementsAttr axes = getConstantElements(op.getAxes());
        axes && axes.getNumElements() == 0) {
      rewriter.setInsertionPoint(op);
      Value none = rewriter.create<NoneOp>(op.getLoc(), rewriter.getNoneType());
      rewriter.modifyOpInPlace(op, [&] { op.getAxesMutable().assign(none); });
      return success();
    }
    if (succeeded(moveConstantIntsToAttr(op, 1, op.getStaticAxesAttrName(),
                                         rewriter)))
      return success();
    std::optional<ArrayRef<int64_t>> in = shapeOf(op.getData());
    if (!in)
      return failure();
    if (!op.getStaticAxes() && isNone(op.getAxes()) &&
        !llvm::is_contained(*in, kDynamic)) {
      // Fill in the default: every size-1 dimension.
      SmallVector<int64_t> axes;
      for (auto [i, d] : llvm::enumerate(*in))
        if (d == 1)
          axes.push_back(i);
      rewriter.modifyOpInPlace(op, [&] { op.setStaticAxes(axes); });
      return success();
    }
    return normalizeAxesAttr(op, op.getStaticAxesAttrName(), in->size(),
                             rewriter, /*sort=*/true);
  }
};
} // namespace

void SqueezeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<SqueezeNormalize>(context);
}

//===----------------------------------------------------------------------===//
// UnsqueezeOp
//===----------------------------------------------------------------------===//

LogicalResult UnsqueezeOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getData());
  if (failed(checkStaticOrOperand(*this, getStaticAxesAttr(), getAxes(), "axes",
                                  /*required=*/true, "an")))
    return failure();
  std::optional<ArrayRef<int64_t>> in = shapeOf(getData());
  std::optional<SmallVector<int64_t>> axes =
      getStaticOrConstantInts(getStaticAxesAttr(), getAxes());
  if (!in) {
    types.push_back(UnrankedTensorType::get(elt));
    return success();
  }
  int64_t rank = in->size();
  if (!axes) {
    std::optional<ArrayRef<int64_t>> n = shapeOf(getAxes());
    if (n && n->size() == 1 && (*n)[0] != kDynamic) {
      types.push_back(RankedTensorType::get(
          SmallVector<int64_t>(rank + (*n)[0], kDynamic), elt));
      return success();
    }
    types.push_back(UnrankedTensorType::get(elt));
    return success();
  }
  int64_t outRank = rank + axes->size();
  FailureOr<SmallVector<int64_t>> norm = normalizeAxes(*this, *axes, outRank);
  if (failed(norm))
    return failure();
  SmallVector<int64_t> out(outRank, 0);
  for (int64_t a : *norm)
    out[a] = 1;
  const int64_t *next = in->begin();
  for (int64_t &d : out)
    d = d == 1 ? 1 : *next++;
  types.push_back(RankedTensorType::get(out, elt));
  return success();
}

OpFoldResult UnsqueezeOp::fold(FoldAdaptor adaptor) {
  return foldReshapeLike(*this, adaptor.getData());
}

namespace {
struct UnsqueezeNormalize : OpRewritePattern<UnsqueezeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(UnsqueezeOp op,
                                PatternRewriter &rewriter) const override {
    if (succeeded(moveConstantIntsToAttr(op, 1, op.getStaticAxesAttrName(),
                                         rewriter)))
      return success();
    std::optional<int64_t> rank = rankOf(op.getData());
    if (!rank || !op.getStaticAxes())
      return failure();
    return normalizeAxesAttr(op, op.getStaticAxesAttrName(),
                             *rank + op.getStaticAxes()->size(), rewriter,
                             /*sort=*/true);
  }
};
} // namespace

void UnsqueezeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<UnsqueezeNormalize>(context);
}

//===----------------------------------------------------------------------===//
// TransposeOp
//===----------------------------------------------------------------------===//

/// The permutation: the attribute, else the reversed dimensions.
static std::optional<SmallVector<int64_t>> transposePerm(TransposeOp op) {
  if (std::optional<ArrayRef<int64_t>> perm = op.getPerm())
    return SmallVector<int64_t>(*perm);
  std::optional<int64_t> rank = rankOf(op.getData());
  if (!rank)
    return std::nullopt;
  return llvm::to_vector(llvm::reverse(llvm::seq<int64_t>(0, *rank)));
}

LogicalResult TransposeOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getData());
  std::optional<ArrayRef<int64_t>> in = shapeOf(getData());
  std::optional<SmallVector<int64_t>> perm = transposePerm(*this);
  if (!perm) {
    types.push_back(UnrankedTensorType::get(elt));
    return success();
  }
  int64_t rank = perm->size();
  if (in && (int64_t)in->size() != rank)
    return emitOpError() << "perm has " << rank << " entries for rank "
                         << in->size();
  SmallVector<bool> seen(rank, false);
  for (int64_t p : *perm) {
    if (p < 0 || p >= rank || seen[p])
      return emitOpError("perm is not a permutation");
    seen[p] = true;
  }
  SmallVector<int64_t> out;
  for (int64_t p : *perm)
    out.push_back(in ? (*in)[p] : kDynamic);
  types.push_back(RankedTensorType::get(out, elt));
  return success();
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  std::optional<SmallVector<int64_t>> perm = transposePerm(*this);
  if (!perm)
    return nullptr;
  if (llvm::equal(*perm, llvm::seq<int64_t>(0, perm->size())) &&
      getData().getType() == getType())
    return getData();
  auto type = llvm::dyn_cast<RankedTensorType>(getType());
  DenseElementsAttr data = getFoldableElements(adaptor.getData());
  if (!type || !data || !type.hasStaticShape())
    return nullptr;
  SmallVector<int64_t> inStrides = getStrides(data.getType().getShape());
  SmallVector<int64_t> outStrides = getStrides(type.getShape());
  return gatherElementsByIndex(data, type, [&](int64_t i) {
    int64_t src = 0;
    for (size_t d = 0; d < perm->size(); ++d) {
      int64_t coord = (i / outStrides[d]) % type.getDimSize(d);
      src += coord * inStrides[(*perm)[d]];
    }
    return src;
  });
}

namespace {
/// Fills in the default permutation once the rank is known.
struct TransposeDefaultPerm : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getPerm() || !rankOf(op.getData()))
      return failure();
    std::optional<SmallVector<int64_t>> perm = transposePerm(op);
    rewriter.modifyOpInPlace(op, [&] { op.setPerm(*perm); });
    return success();
  }
};

/// transpose(transpose(x, p), q) -> transpose(x, p o q).
struct TransposeOfTranspose : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto inner = op.getData().getDefiningOp<TransposeOp>();
    if (!inner || !op.getPerm() || !inner.getPerm() ||
        op.getPerm()->size() != inner.getPerm()->size())
      return failure();
    ArrayRef<int64_t> outer = *op.getPerm(), first = *inner.getPerm();
    SmallVector<int64_t> composed;
    for (int64_t p : outer) {
      if (p < 0 || p >= (int64_t)first.size())
        return failure();
      composed.push_back(first[p]);
    }
    rewriter.modifyOpInPlace(op, [&] {
      op.getDataMutable().assign(inner.getData());
      op.setPerm(composed);
    });
    return success();
  }
};
} // namespace

void TransposeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<TransposeDefaultPerm, TransposeOfTranspose>(context);
}

//===----------------------------------------------------------------------===//
// ExpandOp
//===----------------------------------------------------------------------===//

LogicalResult ExpandOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getInput());
  if (getStaticShape() && !isNone(getShape()))
    return emitOpError("has both a static shape and a shape operand");
  if (!getStaticShape() && isNone(getShape()))
    return emitOpError("has neither a static shape nor a shape operand");
  std::optional<ArrayRef<int64_t>> in = shapeOf(getInput());
  std::optional<SmallVector<int64_t>> target =
      getStaticOrConstantInts(getStaticShapeAttr(), getShape());
  if (target) {
    for (int64_t d : *target)
      if (d < 0)
        return emitOpError() << "shape has negative dimension " << d;
    if (!in) {
      types.push_back(UnrankedTensorType::get(elt));
      return success();
    }
    std::optional<SmallVector<int64_t>> out = broadcastShapes(*in, *target);
    if (!out) {
      auto diag = emitOpError() << "cannot broadcast " << getInput().getType()
                                << " to shape [";
      llvm::interleaveComma(*target, diag);
      return diag << "]";
    }
    types.push_back(RankedTensorType::get(*out, elt));
    return success();
  }
  // Unknown target values: a static input dimension other than 1 survives.
  std::optional<ArrayRef<int64_t>> n = shapeOf(getShape());
  if (!in || !n || n->size() != 1 || (*n)[0] == kDynamic) {
    types.push_back(UnrankedTensorType::get(elt));
    return success();
  }
  int64_t rank = std::max<int64_t>(in->size(), (*n)[0]);
  SmallVector<int64_t> out(rank, kDynamic);
  for (size_t i = 0; i < in->size(); ++i) {
    int64_t d = (*in)[i];
    if (d != 1)
      out[rank - in->size() + i] = d;
  }
  types.push_back(RankedTensorType::get(out, elt));
  return success();
}

OpFoldResult ExpandOp::fold(FoldAdaptor adaptor) {
  auto type = llvm::dyn_cast<RankedTensorType>(getType());
  if (!type || !type.hasStaticShape())
    return nullptr;
  if (getInput().getType() == type)
    return getInput();
  DenseElementsAttr data = getFoldableElements(adaptor.getInput());
  if (!data)
    return nullptr;
  ArrayRef<int64_t> inShape = data.getType().getShape();
  return gatherElementsByIndex(data, type, [&](int64_t i) {
    return broadcastSourceIndex(type.getShape(), inShape, i);
  });
}

void ExpandOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                           MLIRContext *context) {
  struct ConstantShape : OpRewritePattern<ExpandOp> {
    using OpRewritePattern::OpRewritePattern;
    LogicalResult matchAndRewrite(ExpandOp op,
                                  PatternRewriter &rewriter) const override {
      return moveConstantIntsToAttr(op, 1, op.getStaticShapeAttrName(),
                                    rewriter);
    }
  };
  results.add<ConstantShape>(context);
}

//===----------------------------------------------------------------------===//
// TileOp
//===----------------------------------------------------------------------===//

LogicalResult TileOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getInput());
  if (failed(checkStaticOrOperand(*this, getStaticRepeatsAttr(), getRepeats(),
                                  "repeats", /*required=*/true)))
    return failure();
  std::optional<ArrayRef<int64_t>> in = shapeOf(getInput());
  std::optional<SmallVector<int64_t>> repeats =
      getStaticOrConstantInts(getStaticRepeatsAttr(), getRepeats());
  if (repeats) {
    for (int64_t r : *repeats)
      if (r < 0)
        return emitOpError() << "has negative repeat " << r;
    if (in && in->size() != repeats->size())
      return emitOpError() << "has " << repeats->size() << " repeats for rank "
                           << in->size();
  }
  if (!in) {
    types.push_back(
        repeats ? (Type)RankedTensorType::get(
                      SmallVector<int64_t>(repeats->size(), kDynamic), elt)
                : (Type)UnrankedTensorType::get(elt));
    return success();
  }
  SmallVector<int64_t> out;
  for (auto [i, d] : llvm::enumerate(*in)) {
    if (!repeats)
      out.push_back(kDynamic);
    else if ((*repeats)[i] == 0)
      out.push_back(0);
    else
      out.push_back(d == kDynamic ? kDynamic : d * (*repeats)[i]);
  }
  types.push_back(RankedTensorType::get(out, elt));
  return success();
}

OpFoldResult TileOp::fold(FoldAdaptor adaptor) {
  auto type = llvm::dyn_cast<RankedTensorType>(getType());
  if (!type || !type.hasStaticShape())
    return nullptr;
  if (getInput().getType() == type)
    return getInput();
  DenseElementsAttr data = getFoldableElements(adaptor.getInput());
  if (!data || data.getType().getRank() != type.getRank())
    return nullptr;
  ArrayRef<int64_t> inShape = data.getType().getShape();
  SmallVector<int64_t> inStrides = getStrides(inShape);
  SmallVector<int64_t> outStrides = getStrides(type.getShape());
  return gatherElementsByIndex(data, type, [&](int64_t i) {
    int64_t src = 0;
    for (int64_t d = 0; d < type.getRank(); ++d) {
      int64_t coord = (i / outStrides[d]) % type.getDimSize(d);
      src += (coord % inShape[d]) * inStrides[d];
    }
    return src;
  });
}

void TileOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                         MLIRContext *context) {
  struct ConstantRepeats : OpRewritePattern<TileOp> {
    using OpRewritePattern::OpRewritePattern;
    LogicalResult matchAndRewrite(TileOp op,
                                  PatternRewriter &rewriter) const override {
      return moveConstantIntsToAttr(op, 1, op.getStaticRepeatsAttrName(),
                                    rewriter);
    }
  };
  results.add<ConstantRepeats>(context);
}
