//===- TensorOps.cpp - data movement and shape graph ops
//-------------------===//

#include "dialects/graph/IR/FoldUtils.h"
#include "dialects/graph/IR/GraphOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlc::graph;

#define GET_OP_CLASSES
#include "dialects/graph/IR/TensorOps.cpp.inc"

void GraphDialect::registerTensorOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/graph/IR/TensorOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// NoneOp, ConstantOp
//===----------------------------------------------------------------------===//

LogicalResult NoneOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  types.push_back(NoneType::get(getContext()));
  return success();
}

OpFoldResult NoneOp::fold(FoldAdaptor) { return UnitAttr::get(getContext()); }

LogicalResult ConstantOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  types.push_back(getValue().getType());
  return success();
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// ShapeOp
//===----------------------------------------------------------------------===//

/// The [start, end) dimension range of Shape-15, clamped to the rank.
static std::pair<int64_t, int64_t> shapeRange(ShapeOp op, int64_t rank) {
  auto clamp = [&](int64_t v) {
    if (v < 0)
      v += rank;
    return std::min(std::max<int64_t>(v, 0), rank);
  };
  int64_t start = clamp(op.getStart());
  int64_t end = op.getEnd() ? clamp(*op.getEnd()) : rank;
  return {start, std::max(start, end)};
}

LogicalResult ShapeOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type i64 = IntegerType::get(getContext(), 64);
  std::optional<int64_t> rank = rankOf(getData());
  if (!rank) {
    types.push_back(RankedTensorType::get({kDynamic}, i64));
    return success();
  }
  auto [start, end] = shapeRange(*this, *rank);
  types.push_back(RankedTensorType::get({end - start}, i64));
  return success();
}

OpFoldResult ShapeOp::fold(FoldAdaptor) {
  std::optional<ArrayRef<int64_t>> shape = shapeOf(getData());
  if (!shape)
    return nullptr;
  auto [start, end] = shapeRange(*this, shape->size());
  ArrayRef<int64_t> dims = shape->slice(start, end - start);
  if (llvm::is_contained(dims, kDynamic))
    return nullptr;
  auto type =
      RankedTensorType::get({end - start}, IntegerType::get(getContext(), 64));
  return DenseIntElementsAttr::get(type, dims);
}

//===----------------------------------------------------------------------===//
// ReshapeOp
//===----------------------------------------------------------------------===//

/// The target shape's values when known: the attribute, else a constant
/// operand.
static std::optional<SmallVector<int64_t>> reshapeTarget(ReshapeOp op) {
  if (auto s = op.getStaticShape())
    return SmallVector<int64_t>(s->begin(), s->end());
  return getConstantInts(op.getShape());
}

LogicalResult ReshapeOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getData());
  if (getStaticShape() && !isNone(getShape()))
    return emitOpError("has both a static shape and a shape operand");
  if (!getStaticShape() && isNone(getShape()))
    return emitOpError("has neither a static shape nor a shape operand");
  std::optional<SmallVector<int64_t>> target = reshapeTarget(*this);
  if (!target) {
    std::optional<ArrayRef<int64_t>> s = shapeOf(getShape());
    if (s && s->size() == 1 && (*s)[0] != kDynamic) {
      types.push_back(
          RankedTensorType::get(SmallVector<int64_t>((*s)[0], kDynamic), elt));
      return success();
    }
    types.push_back(UnrankedTensorType::get(elt));
    return success();
  }
  std::optional<ArrayRef<int64_t>> in = shapeOf(getData());
  SmallVector<int64_t> out;
  int64_t inferIndex = -1;
  bool hasZero = false;
  for (auto [i, v] : llvm::enumerate(*target)) {
    if (v == -1) {
      if (inferIndex >= 0)
        return emitOpError("shape has more than one -1");
      inferIndex = i;
      out.push_back(kDynamic);
    } else if (v < -1) {
      return emitOpError() << "shape has invalid dimension " << v;
    } else if (v == 0 && !getAllowzero()) {
      if (in && i >= in->size())
        return emitOpError() << "shape copies dimension " << i
                             << " (0) of a rank-" << in->size() << " input";
      out.push_back(in ? (*in)[i] : kDynamic);
    } else {
      hasZero |= v == 0;
      out.push_back(v);
    }
  }
  if (hasZero && inferIndex >= 0)
    return emitOpError("shape has both 0 and -1 with allowzero set");
  if (in && !llvm::is_contained(*in, kDynamic)) {
    int64_t total = getNumElements(*in);
    int64_t known = 1;
    bool allKnown = true;
    for (auto [i, d] : llvm::enumerate(out)) {
      if ((int64_t)i == inferIndex)
        continue;
      if (d == kDynamic)
        allKnown = false;
      else
        known *= d;
    }
    if (allKnown) {
      if (inferIndex >= 0) {
        if (known == 0 ? total != 0 : total % known != 0)
          return emitOpError() << "cannot reshape " << total
                               << " elements into a multiple of " << known;
        out[inferIndex] = known == 0 ? 0 : total / known;
      } else if (known != total) {
        return emitOpError()
               << "cannot reshape " << getData().getType() << " (" << total
               << " elements) into " << known << " elements";
      }
    }
  }
  types.push_back(RankedTensorType::get(out, elt));
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  auto type = llvm::dyn_cast<RankedTensorType>(getType());
  if (!type || !type.hasStaticShape())
    return nullptr;
  if (getData().getType() == type)
    return getData();
  if (DenseElementsAttr d = getFoldableElements(adaptor.getData()))
    return d.reshape(type);
  return nullptr;
}

namespace {
struct ReshapeConstantShape : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    return moveConstantIntsToAttr(op, 1, op.getStaticShapeAttrName(), rewriter);
  }
};
/// reshape(reshape(x)) -> reshape(x) when the outer target does not copy
/// dimensions (0 without allowzero) of the inner result.
struct ReshapeOfReshape : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    auto inner = op.getData().getDefiningOp<ReshapeOp>();
    std::optional<ArrayRef<int64_t>> target = op.getStaticShape();
    if (!inner || !target ||
        (!op.getAllowzero() && llvm::is_contained(*target, 0)))
      return failure();
    rewriter.modifyOpInPlace(
        op, [&] { op.getDataMutable().assign(inner.getData()); });
    return success();
  }
};
} // namespace

void ReshapeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<ReshapeConstantShape, ReshapeOfReshape>(context);
}

//===----------------------------------------------------------------------===//
// ConcatOp
//===----------------------------------------------------------------------===//

/// The rank of the first ranked input, if any.
static std::optional<int64_t> concatRank(ConcatOp op) {
  for (Value v : op.getInputs())
    if (std::optional<int64_t> r = rankOf(v))
      return r;
  return std::nullopt;
}

LogicalResult ConcatOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  if (getInputs().empty())
    return emitOpError("needs at least one input");
  Type elt = getElementTypeOrSelf(getInputs()[0]);
  for (Value v : getInputs())
    if (getElementTypeOrSelf(v) != elt)
      return emitOpError("inputs have different element types");
  std::optional<int64_t> rank = concatRank(*this);
  if (!rank) {
    types.push_back(UnrankedTensorType::get(elt));
    return success();
  }
  if (*rank == 0)
    return emitOpError("cannot concatenate scalars");
  int64_t axis = getAxis();
  if (axis < -*rank || axis >= *rank)
    return emitOpError() << "axis " << axis << " is out of range for rank "
                         << *rank;
  if (axis < 0)
    axis += *rank;
  SmallVector<int64_t> out(*rank, kDynamic);
  out[axis] = 0;
  for (Value v : getInputs()) {
    std::optional<ArrayRef<int64_t>> s = shapeOf(v);
    if (!s) {
      out[axis] = kDynamic;
      continue;
    }
    if ((int64_t)s->size() != *rank)
      return emitOpError("inputs have different ranks");
    for (auto [i, d] : llvm::enumerate(*s)) {
      if ((int64_t)i == axis) {
        out[i] = (out[i] == kDynamic || d == kDynamic) ? kDynamic : out[i] + d;
      } else if (out[i] == kDynamic) {
        out[i] = d;
      } else if (d != kDynamic && d != out[i]) {
        return emitOpError() << "inputs differ in dimension " << i << " ("
                             << out[i] << " vs " << d << ")";
      }
    }
  }
  // An unranked input leaves the axis unknown.
  for (Value v : getInputs())
    if (!shapeOf(v))
      out[axis] = kDynamic;
  types.push_back(RankedTensorType::get(out, elt));
  return success();
}

OpFoldResult ConcatOp::fold(FoldAdaptor adaptor) {
  if (getInputs().size() == 1 && getInputs()[0].getType() == getType())
    return getInputs()[0];
  auto type = llvm::dyn_cast<RankedTensorType>(getType());
  if (!type || !type.hasStaticShape() || type.getNumElements() > 4096 ||
      (int64_t)getAxis() < 0 || (int64_t)getAxis() >= type.getRank())
    return nullptr;
  int64_t axis = getAxis();
  int64_t outer = getNumElements(type.getShape().take_front(axis));
  int64_t inner = getNumElements(type.getShape().drop_front(axis + 1));
  SmallVector<SmallVector<Attribute>> parts;
  SmallVector<int64_t> partDims;
  for (Attribute a : adaptor.getInputs()) {
    DenseElementsAttr d = getFoldableElements(a);
    if (!d || d.getType().getRank() != type.getRank())
      return nullptr;
    parts.emplace_back(d.getValues<Attribute>());
    partDims.push_back(d.getType().getDimSize(axis));
  }
  SmallVector<Attribute> result;
  for (int64_t o = 0; o < outer; ++o)
    for (auto [p, dim] : llvm::zip(parts, partDims))
      for (int64_t k = 0; k < dim * inner; ++k)
        result.push_back(p[o * dim * inner + k]);
  return DenseElementsAttr::get(type, result);
}

namespace {
/// Normalizes a negative `axis` once the rank is known.
template <typename OpTy> struct NormalizeAxis : OpRewritePattern<OpTy> {
  NormalizeAxis(MLIRContext *context, std::optional<int64_t> (*rankFn)(OpTy))
      : OpRewritePattern<OpTy>(context), rankFn(rankFn) {}
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    std::optional<int64_t> rank = rankFn(op);
    if (!rank)
      return failure();
    return normalizeAxesAttr(op, "axis", *rank, rewriter);
  }
  std::optional<int64_t> (*rankFn)(OpTy);
};

template <typename OpTy> std::optional<int64_t> dataRank(OpTy op) {
  return rankOf(op->getOperand(0));
}
} // namespace

void ConcatOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                           MLIRContext *context) {
  results.add<NormalizeAxis<ConcatOp>>(context, concatRank);
}

//===----------------------------------------------------------------------===//
// GatherOp
//===----------------------------------------------------------------------===//

LogicalResult GatherOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getData());
  std::optional<ArrayRef<int64_t>> data = shapeOf(getData());
  std::optional<ArrayRef<int64_t>> indices = shapeOf(getIndices());
  int64_t axis = getAxis();
  if (data) {
    int64_t rank = data->size();
    if (axis < -rank || axis >= rank)
      return emitOpError() << "axis " << axis << " is out of range for rank "
                           << rank;
    if (axis < 0)
      axis += rank;
  }
  if (!data || !indices) {
    types.push_back(UnrankedTensorType::get(elt));
    return success();
  }
  SmallVector<int64_t> out(data->take_front(axis));
  out.append(indices->begin(), indices->end());
  out.append(data->begin() + axis + 1, data->end());
  types.push_back(RankedTensorType::get(out, elt));
  return success();
}

/// Gather of static dimensions from a Shape whose input has some dynamic
/// ones: the constant dimensions.
static OpFoldResult foldGatherOfShape(GatherOp op, ArrayRef<int64_t> indices) {
  auto shape = op.getData().getDefiningOp<ShapeOp>();
  auto type = llvm::dyn_cast<RankedTensorType>(op.getType());
  if (!shape || !type || !type.hasStaticShape())
    return nullptr;
  std::optional<ArrayRef<int64_t>> dims = shapeOf(shape.getData());
  std::optional<ArrayRef<int64_t>> sel = shapeOf(shape.getType());
  if (!dims || !sel || sel->size() != 1 || (*sel)[0] == kDynamic)
    return nullptr;
  int64_t rank = dims->size(), n = (*sel)[0];
  int64_t start = shapeRange(shape, rank).first;
  if (start + n > rank)
    return nullptr;
  SmallVector<int64_t> values;
  for (int64_t idx : indices) {
    if (idx < -n || idx >= n)
      return nullptr;
    int64_t d = (*dims)[start + (idx < 0 ? idx + n : idx)];
    if (d == kDynamic)
      return nullptr;
    values.push_back(d);
  }
  if ((int64_t)values.size() != type.getNumElements() ||
      !type.getElementType().isInteger(64))
    return nullptr;
  return DenseElementsAttr::get(type, ArrayRef<int64_t>(values));
}

OpFoldResult GatherOp::fold(FoldAdaptor adaptor) {
  auto type = llvm::dyn_cast<RankedTensorType>(getType());
  if (std::optional<SmallVector<int64_t>> idx =
          getElementsAsInts(adaptor.getIndices()))
    if (OpFoldResult r = foldGatherOfShape(*this, *idx))
      return r;
  DenseElementsAttr data = getFoldableElements(adaptor.getData());
  std::optional<SmallVector<int64_t>> indices =
      getElementsAsInts(adaptor.getIndices());
  if (!type || !type.hasStaticShape() || !data || !indices ||
      type.getNumElements() > 4096 || (int64_t)getAxis() < 0 ||
      (int64_t)getAxis() >= data.getType().getRank())
    return nullptr;
  ArrayRef<int64_t> shape = data.getType().getShape();
  int64_t axis = getAxis();
  int64_t outer = getNumElements(shape.take_front(axis));
  int64_t inner = getNumElements(shape.drop_front(axis + 1));
  int64_t dim = shape[axis];
  SmallVector<Attribute> values(data.getValues<Attribute>());
  SmallVector<Attribute> result;
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t idx : *indices) {
      if (idx < -dim || idx >= dim)
        return nullptr; // out of range: left for the runtime to report
      if (idx < 0)
        idx += dim;
      for (int64_t k = 0; k < inner; ++k)
        result.push_back(values[(o * dim + idx) * inner + k]);
    }
  return DenseElementsAttr::get(type, result);
}

void GatherOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                           MLIRContext *context) {
  results.add<NormalizeAxis<GatherOp>>(context, dataRank<GatherOp>);
}

//===----------------------------------------------------------------------===//
// GatherElementsOp
//===----------------------------------------------------------------------===//

LogicalResult GatherElementsOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getData());
  std::optional<int64_t> rank = rankOf(getData());
  std::optional<ArrayRef<int64_t>> indices = shapeOf(getIndices());
  if (rank) {
    if ((int64_t)getAxis() < -*rank || (int64_t)getAxis() >= *rank)
      return emitOpError() << "axis " << (int64_t)getAxis()
                           << " is out of range for rank " << *rank;
    if (indices && (int64_t)indices->size() != *rank)
      return emitOpError() << "indices have rank " << indices->size()
                           << " but the data has rank " << *rank;
  }
  if (indices) {
    types.push_back(RankedTensorType::get(*indices, elt));
    return success();
  }
  if (rank)
    types.push_back(
        RankedTensorType::get(SmallVector<int64_t>(*rank, kDynamic), elt));
  else
    types.push_back(UnrankedTensorType::get(elt));
  return success();
}

void GatherElementsOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                                   MLIRContext *context) {
  results.add<NormalizeAxis<GatherElementsOp>>(context,
                                               dataRank<GatherElementsOp>);
}

//===----------------------------------------------------------------------===//
// ScatterNDOp
//===----------------------------------------------------------------------===//

LogicalResult ScatterNDOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  StringRef reduction = getReduction();
  if (!llvm::is_contained({"none", "add", "mul", "max", "min"}, reduction))
    return emitOpError() << "has unknown reduction '" << reduction << "'";
  if (getElementTypeOrSelf(getUpdates()) != getElementTypeOrSelf(getData()))
    return emitOpError("updates and data have different element types");
  std::optional<ArrayRef<int64_t>> data = shapeOf(getData());
  std::optional<ArrayRef<int64_t>> indices = shapeOf(getIndices());
  std::optional<ArrayRef<int64_t>> updates = shapeOf(getUpdates());
  if (indices && indices->empty())
    return emitOpError("indices must have rank at least 1");
  if (data && indices && indices->back() != kDynamic) {
    int64_t k = indices->back();
    int64_t rank = data->size();
    if (k > rank)
      return emitOpError() << "indices address " << k
                           << " dimensions of a rank-" << rank << " tensor";
    if (updates) {
      SmallVector<int64_t> expected(indices->drop_back());
      expected.append(data->begin() + k, data->end());
      bool ok = expected.size() == updates->size();
      for (size_t i = 0; ok && i < expected.size(); ++i)
        ok = expected[i] == kDynamic || (*updates)[i] == kDynamic ||
             expected[i] == (*updates)[i];
      if (!ok)
        return emitOpError() << "updates have type " << getUpdates().getType()
                             << " but data and indices need shape "
                             << RankedTensorType::get(
                                    expected, getElementTypeOrSelf(getData()));
    }
  }
  types.push_back(getData().getType());
  return success();
}

//===----------------------------------------------------------------------===//
// ConstantOfShapeOp
//===----------------------------------------------------------------------===//

LogicalResult
ConstantOfShapeOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  ElementsAttr value = getValue();
  if (value.getNumElements() != 1)
    return emitOpError("value must have exactly one element");
  Type elt = value.getElementType();
  if (getStaticShape() && !isNone(getShape()))
    return emitOpError("has both a static shape and a shape operand");
  if (!getStaticShape() && isNone(getShape()))
    return emitOpError("has neither a static shape nor a shape operand");
  if (std::optional<SmallVector<int64_t>> shape =
          getStaticOrConstantInts(getStaticShapeAttr(), getShape())) {
    for (int64_t d : *shape)
      if (d < 0)
        return emitOpError() << "shape has negative dimension " << d;
    types.push_back(RankedTensorType::get(*shape, elt));
    return success();
  }
  std::optional<ArrayRef<int64_t>> s = shapeOf(getShape());
  if (s && s->size() == 1 && (*s)[0] != kDynamic) {
    types.push_back(
        RankedTensorType::get(SmallVector<int64_t>((*s)[0], kDynamic), elt));
    return success();
  }
  types.push_back(UnrankedTensorType::get(elt));
  return success();
}

OpFoldResult ConstantOfShapeOp::fold(FoldAdaptor) {
  auto type = llvm::dyn_cast<RankedTensorType>(getType());
  DenseElementsAttr value = getFoldableElements(getValue(), 1);
  if (!type || !type.hasStaticShape() || type.getNumElements() > 4096 ||
      !value || value.getNumElements() != 1 ||
      value.getElementType() != type.getElementType())
    return nullptr;
  return DenseElementsAttr::get(type, *value.value_begin<Attribute>());
}

namespace {
struct ConstantOfShapeConstantShape : OpRewritePattern<ConstantOfShapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConstantOfShapeOp op,
                                PatternRewriter &rewriter) const override {
    return moveConstantIntsToAttr(op, 0, op.getStaticShapeAttrName(), rewriter);
  }
};
} // namespace

void ConstantOfShapeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                                    MLIRContext *context) {
  results.add<ConstantOfShapeConstantShape>(context);
}

//===----------------------------------------------------------------------===//
// RangeOp
//===----------------------------------------------------------------------===//

/// The number of elements of Range(start, limit, delta), or nullopt when a
/// bound is not constant. Sets `zeroDelta` when delta is 0.
static std::optional<int64_t> rangeLength(RangeOp op, bool &zeroDelta) {
  zeroDelta = false;
  Type elt = getElementTypeOrSelf(op.getStart());
  if (llvm::isa<IntegerType>(elt)) {
    auto s = getConstantInts(op.getStart());
    auto l = getConstantInts(op.getLimit());
    auto d = getConstantInts(op.getDelta());
    if (!s || !l || !d || s->size() != 1 || l->size() != 1 || d->size() != 1)
      return std::nullopt;
    int64_t start = (*s)[0], limit = (*l)[0], delta = (*d)[0];
    if (delta == 0) {
      zeroDelta = true;
      return std::nullopt;
    }
    // ceil((limit - start) / delta) without overflow for shape-sized values.
    __int128 diff = (__int128)limit - start;
    __int128 n =
        delta > 0 ? (diff + delta - 1) / delta : (diff + delta + 1) / delta;
    return (int64_t)std::max<__int128>(n, 0);
  }
  auto s = getConstantFloats(op.getStart());
  auto l = getConstantFloats(op.getLimit());
  auto d = getConstantFloats(op.getDelta());
  if (!s || !l || !d || s->size() != 1 || l->size() != 1 || d->size() != 1)
    return std::nullopt;
  if ((*d)[0] == 0) {
    zeroDelta = true;
    return std::nullopt;
  }
  double n = std::ceil(((*l)[0] - (*s)[0]) / (*d)[0]);
  if (!(n > 0)) // also NaN
    return 0;
  if (n > 1e15)
    return std::nullopt;
  return (int64_t)n;
}

LogicalResult RangeOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getStart());
  for (Value v : {getStart(), getLimit(), getDelta()}) {
    if (getElementTypeOrSelf(v) != elt)
      return emitOpError("start, limit and delta have different types");
    std::optional<ArrayRef<int64_t>> s = shapeOf(v);
    if (s && !(s->empty() || (s->size() == 1 && (*s)[0] == 1)))
      return emitOpError("start, limit and delta must be scalars");
  }
  if (!llvm::isa<FloatType>(elt) &&
      !(llvm::isa<IntegerType>(elt) && elt.getIntOrFloatBitWidth() > 1))
    return emitOpError("needs a numeric element type");
  bool zeroDelta;
  std::optional<int64_t> n = rangeLength(*this, zeroDelta);
  if (zeroDelta)
    return emitOpError("delta is zero");
  types.push_back(RankedTensorType::get({n ? *n : kDynamic}, elt));
  return success();
}

OpFoldResult RangeOp::fold(FoldAdaptor adaptor) {
  auto type = llvm::dyn_cast<RankedTensorType>(getType());
  auto intType = llvm::dyn_cast<IntegerType>(getElementTypeOrSelf(getType()));
  if (!type || !type.hasStaticShape() || type.getNumElements() > 4096 ||
      !intType)
    return nullptr;
  auto s = getElementsAsInts(adaptor.getStart());
  auto d = getElementsAsInts(adaptor.getDelta());
  if (!s || !d || s->size() != 1 || d->size() != 1)
    return nullptr;
  SmallVector<APInt> values;
  for (int64_t i = 0; i < type.getNumElements(); ++i)
    values.push_back(APInt(64,
                           (uint64_t)(*s)[0] + (uint64_t)i * (uint64_t)(*d)[0],
                           /*isSigned=*/true)
                         .sextOrTrunc(intType.getWidth()));
  return DenseElementsAttr::get(type, values);
}

//===----------------------------------------------------------------------===//
// SizeOp
//===----------------------------------------------------------------------===//

LogicalResult SizeOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  types.push_back(
      RankedTensorType::get({}, IntegerType::get(getContext(), 64)));
  return success();
}

OpFoldResult SizeOp::fold(FoldAdaptor) {
  auto type = llvm::dyn_cast<RankedTensorType>(getData().getType());
  if (!type || !type.hasStaticShape())
    return nullptr;
  return DenseElementsAttr::get(
      RankedTensorType::get({}, IntegerType::get(getContext(), 64)),
      type.getNumElements());
}

//===----------------------------------------------------------------------===//
// UnsupportedOp
//===----------------------------------------------------------------------===//

LogicalResult UnsupportedOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  // Opaque: the declared types stand.
  for (Value v : getResults())
    types.push_back(v.getType());
  return success();
}
