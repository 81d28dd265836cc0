//===- TensorOps.cpp - data movement and shape graph ops -------------------===//

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
        return emitOpError() << "cannot reshape " << getData().getType()
                             << " (" << total << " elements) into " << known
                             << " elements";
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
} // namespace

void ReshapeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<ReshapeConstantShape>(context);
}

//===----------------------------------------------------------------------===//
// ConcatOp
//===----------------------------------------------------------------------===//

LogicalResult ConcatOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  if (getInputs().empty())
    return emitOpError("needs at least one input");
  Type elt = getElementTypeOrSelf(getInputs()[0]);
  SmallVector<int64_t> out;
  bool ranked = false;
  for (Value v : getInputs()) {
    if (getElementTypeOrSelf(v) != elt)
      return emitOpError("inputs have different element types");
    std::optional<ArrayRef<int64_t>> s = shapeOf(v);
    if (!s)
      continue;
    if (!ranked) {
      if (getAxis() < 0 || getAxis() >= (int64_t)s->size())
        return emitOpError() << "axis " << getAxis()
                             << " is out of range for rank " << s->size();
      out.assign(s->begin(), s->end());
      out[getAxis()] = 0;
      ranked = true;
    } else if (s->size() != out.size()) {
      return emitOpError("inputs have different ranks");
    }
    for (auto [i, d] : llvm::enumerate(*s)) {
      if ((int64_t)i == getAxis()) {
        out[i] = (out[i] == kDynamic || d == kDynamic) ? kDynamic : out[i] + d;
      } else if (out[i] == kDynamic) {
        out[i] = d;
      } else if (d != kDynamic && d != out[i]) {
        return emitOpError() << "inputs differ in dimension " << i << " ("
                             << out[i] << " vs " << d << ")";
      }
    }
  }
  for (Value v : getInputs())
    if (!shapeOf(v))
      out[getAxis()] = kDynamic;
  if (!ranked) {
    types.push_back(UnrankedTensorType::get(elt));
    return success();
  }
  types.push_back(RankedTensorType::get(out, elt));
  return success();
}

OpFoldResult ConcatOp::fold(FoldAdaptor adaptor) {
  if (getInputs().size() == 1 && getInputs()[0].getType() == getType())
    return getInputs()[0];
  auto type = llvm::dyn_cast<RankedTensorType>(getType());
  if (!type || !type.hasStaticShape() || type.getNumElements() > 4096)
    return nullptr;
  int64_t axis = getAxis();
  int64_t outer = getNumElements(type.getShape().take_front(axis));
  int64_t inner = getNumElements(type.getShape().drop_front(axis + 1));
  SmallVector<SmallVector<Attribute>> parts;
  SmallVector<int64_t> partDims;
  for (auto [v, a] : llvm::zip(getInputs(), adaptor.getInputs())) {
    DenseElementsAttr d = getFoldableElements(a);
    if (!d)
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

//===----------------------------------------------------------------------===//
// GatherOp
//===----------------------------------------------------------------------===//

LogicalResult GatherOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getData());
  std::optional<ArrayRef<int64_t>> data = shapeOf(getData());
  std::optional<ArrayRef<int64_t>> indices = shapeOf(getIndices());
  if (data && (getAxis() < 0 || getAxis() >= (int64_t)data->size()))
    return emitOpError() << "axis " << getAxis() << " is out of range for rank "
                         << data->size();
  if (!data || !indices) {
    types.push_back(UnrankedTensorType::get(elt));
    return success();
  }
  SmallVector<int64_t> out(data->take_front(getAxis()));
  out.append(indices->begin(), indices->end());
  out.append(data->begin() + getAxis() + 1, data->end());
  types.push_back(RankedTensorType::get(out, elt));
  return success();
}

OpFoldResult GatherOp::fold(FoldAdaptor adaptor) {
  auto type = llvm::dyn_cast<RankedTensorType>(getType());
  DenseElementsAttr data = getFoldableElements(adaptor.getData());
  std::optional<SmallVector<int64_t>> indices =
      getElementsAsInts(adaptor.getIndices());
  if (!type || !type.hasStaticShape() || !data || !indices ||
      type.getNumElements() > 4096)
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

//===----------------------------------------------------------------------===//
// UnsupportedOp
//===----------------------------------------------------------------------===//

LogicalResult UnsupportedOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  // Opaque: the declared types stand.
  for (Value v : getResults())
    types.push_back(v.getType());
  return success();
}
