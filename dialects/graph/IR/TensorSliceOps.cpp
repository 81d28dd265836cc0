//===- TensorSliceOps.cpp - slice, split, pad, resize, trilu
//---------------===//
//
// Inference, folders and canonicalization of the tensor ops that cut, pad
// or resample a tensor: Slice, Split, Pad, Resize and Trilu. (The ops are
// defined in TensorOps.td.)
//
//===----------------------------------------------------------------------===//

#include "dialects/graph/IR/FoldUtils.h"
#include "dialects/graph/IR/GraphOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

#include <cmath>

using namespace mlir;
using namespace mlc::graph;

/// The number of values of a 1-D operand, if its shape says.
static std::optional<int64_t> staticLength(Value v) {
  std::optional<ArrayRef<int64_t>> s = shapeOf(v);
  if (!s || s->size() != 1 || (*s)[0] == kDynamic)
    return std::nullopt;
  return (*s)[0];
}

//===----------------------------------------------------------------------===//
// SliceOp
//===----------------------------------------------------------------------===//

namespace {
/// One axis of a slice with ONNX's clamping resolved: start, step, length.
struct SliceRange {
  int64_t start, step, length;
};
} // namespace

/// Resolves start/end/step on a dimension of static size `dim` (ONNX Slice).
static SliceRange resolveSlice(int64_t start, int64_t end, int64_t step,
                               int64_t dim) {
  if (dim == 0)
    return {0, step, 0};
  if (start < 0)
    start += dim;
  if (end < 0)
    end += dim;
  // 128-bit arithmetic: steps may be as large as INT64_MAX or INT64_MIN.
  __int128 s = step;
  if (step > 0) {
    start = std::clamp<int64_t>(start, 0, dim);
    end = std::clamp<int64_t>(end, 0, dim);
    int64_t n =
        end > start ? (int64_t)(((__int128)end - start + s - 1) / s) : 0;
    return {start, step, n};
  }
  start = std::clamp<int64_t>(start, 0, dim - 1);
  end = std::clamp<int64_t>(end, -1, dim - 1);
  int64_t n = start > end ? (int64_t)(((__int128)start - end - s - 1) / -s) : 0;
  return {start, step, n};
}

namespace {
/// The known parts of a slice: the values of starts, ends, axes, steps.
struct SliceParams {
  std::optional<SmallVector<int64_t>> starts, ends, axes, steps;
  bool defaultAxes = false, defaultSteps = false;
};
} // namespace

static SliceParams sliceParams(SliceOp op) {
  SliceParams p;
  p.starts = getStaticOrConstantInts(op.getStaticStartsAttr(), op.getStarts());
  p.ends = getStaticOrConstantInts(op.getStaticEndsAttr(), op.getEnds());
  p.axes = getStaticOrConstantInts(op.getStaticAxesAttr(), op.getAxes());
  p.steps = getStaticOrConstantInts(op.getStaticStepsAttr(), op.getSteps());
  p.defaultAxes = !op.getStaticAxes() && isNone(op.getAxes());
  p.defaultSteps = !op.getStaticSteps() && isNone(op.getSteps());
  return p;
}

LogicalResult SliceOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getData());
  Operation *op = *this;
  if (failed(checkStaticOrOperand(op, getStaticStartsAttr(), getStarts(),
                                  "starts", true)) ||
      failed(checkStaticOrOperand(op, getStaticEndsAttr(), getEnds(), "ends",
                                  true)) ||
      failed(checkStaticOrOperand(op, getStaticAxesAttr(), getAxes(), "axes",
                                  false)) ||
      failed(checkStaticOrOperand(op, getStaticStepsAttr(), getSteps(), "steps",
                                  false)))
    return failure();
  SliceParams p = sliceParams(*this);
  // The number of sliced axes, from whichever argument tells.
  std::optional<int64_t> count;
  auto note = [&](const std::optional<SmallVector<int64_t>> &values, Value v,
                  StringRef name) -> LogicalResult {
    std::optional<int64_t> n =
        values ? std::optional<int64_t>(values->size()) : staticLength(v);
    if (!n)
      return success();
    if (count && *count != *n)
      return emitOpError() << name << " has " << *n << " values, expected "
                           << *count;
    count = n;
    return success();
  };
  if (failed(note(p.starts, getStarts(), "starts")) ||
      failed(note(p.ends, getEnds(), "ends")) ||
      (!p.defaultAxes && failed(note(p.axes, getAxes(), "axes"))) ||
      (!p.defaultSteps && failed(note(p.steps, getSteps(), "steps"))))
    return failure();
  if (p.steps && llvm::is_contained(*p.steps, 0))
    return emitOpError("steps must not be 0");
  std::optional<ArrayRef<int64_t>> in = shapeOf(getData());
  if (!in) {
    types.push_back(UnrankedTensorType::get(elt));
    return success();
  }
  int64_t rank = in->size();
  if (p.defaultAxes && count) {
    if (*count > rank)
      return emitOpError() << "slices " << *count << " axes of a rank-" << rank
                           << " tensor";
    p.axes = llvm::to_vector(llvm::seq<int64_t>(0, *count));
  }
  if (!p.axes) {
    types.push_back(
        RankedTensorType::get(SmallVector<int64_t>(rank, kDynamic), elt));
    return success();
  }
  FailureOr<SmallVector<int64_t>> axes = normalizeAxes(op, *p.axes, rank);
  if (failed(axes))
    return failure();
  SmallVector<int64_t> out(*in);
  for (auto [i, a] : llvm::enumerate(*axes)) {
    int64_t step = p.defaultSteps ? 1 : (p.steps ? (*p.steps)[i] : 0);
    if (!p.starts || !p.ends || step == 0 || out[a] == kDynamic) {
      out[a] = kDynamic;
      continue;
    }
    out[a] = resolveSlice((*p.starts)[i], (*p.ends)[i], step, out[a]).length;
  }
  types.push_back(RankedTensorType::get(out, elt));
  return success();
}

/// The resolved range of every dimension of a fully static slice.
static std::optional<SmallVector<SliceRange>> staticSlice(SliceOp op) {
  std::optional<ArrayRef<int64_t>> in = shapeOf(op.getData());
  if (!in || llvm::is_contained(*in, kDynamic))
    return std::nullopt;
  SliceParams p = sliceParams(op);
  if (!p.starts || !p.ends || p.starts->size() != p.ends->size())
    return std::nullopt;
  size_t n = p.starts->size();
  SmallVector<int64_t> axes = p.defaultAxes
                                  ? llvm::to_vector(llvm::seq<int64_t>(0, n))
                                  : p.axes.value_or(SmallVector<int64_t>());
  SmallVector<int64_t> steps = p.defaultSteps
                                   ? SmallVector<int64_t>(n, 1)
                                   : p.steps.value_or(SmallVector<int64_t>());
  if (axes.size() != n || steps.size() != n)
    return std::nullopt;
  SmallVector<SliceRange> ranges;
  for (int64_t d : *in)
    ranges.push_back({0, 1, d});
  for (size_t i = 0; i < n; ++i) {
    int64_t a = axes[i] < 0 ? axes[i] + in->size() : axes[i];
    if (a < 0 || a >= (int64_t)in->size() || steps[i] == 0)
      return std::nullopt;
    ranges[a] = resolveSlice((*p.starts)[i], (*p.ends)[i], steps[i], (*in)[a]);
  }
  return ranges;
}

OpFoldResult SliceOp::fold(FoldAdaptor adaptor) {
  auto type = llvm::dyn_cast<RankedTensorType>(getType());
  if (!type || !type.hasStaticShape())
    return nullptr;
  std::optional<SmallVector<SliceRange>> ranges = staticSlice(*this);
  if (!ranges || ranges->size() != (size_t)type.getRank())
    return nullptr;
  ArrayRef<int64_t> inShape = *shapeOf(getData());
  bool identity = true;
  for (auto [r, d] : llvm::zip(*ranges, inShape))
    identity &= r.start == 0 && r.step == 1 && r.length == d;
  if (identity && getData().getType() == type)
    return getData();
  DenseElementsAttr data = getFoldableElements(adaptor.getData());
  if (!data)
    return nullptr;
  SmallVector<int64_t> inStrides = getStrides(inShape);
  SmallVector<int64_t> outStrides = getStrides(type.getShape());
  return gatherElementsByIndex(data, type, [&](int64_t i) {
    int64_t src = 0;
    for (int64_t d = 0; d < type.getRank(); ++d) {
      int64_t coord = (i / outStrides[d]) % type.getDimSize(d);
      src += ((*ranges)[d].start + coord * (*ranges)[d].step) * inStrides[d];
    }
    return src;
  });
}

namespace {
/// Moves constant starts/ends/axes/steps into the attributes, fills in the
/// default axes and steps, and normalizes negative axes.
struct SliceNormalize : OpRewritePattern<SliceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SliceOp op,
                                PatternRewriter &rewriter) const override {
    if (succeeded(moveConstantIntsToAttr(op, 1, op.getStaticStartsAttrName(),
                                         rewriter)) ||
        succeeded(moveConstantIntsToAttr(op, 2, op.getStaticEndsAttrName(),
                                         rewriter)) ||
        succeeded(moveConstantIntsToAttr(op, 3, op.getStaticAxesAttrName(),
                                         rewriter)) ||
        succeeded(moveConstantIntsToAttr(op, 4, op.getStaticStepsAttrName(),
                                         rewriter)))
      return success();
    if (auto starts = op.getStaticStarts()) {
      int64_t n = starts->size();
      if (!op.getStaticAxes() && isNone(op.getAxes())) {
        rewriter.modifyOpInPlace(op, [&] {
          op.setStaticAxes(llvm::to_vector(llvm::seq<int64_t>(0, n)));
        });
        return success();
      }
      if (!op.getStaticSteps() && isNone(op.getSteps())) {
        rewriter.modifyOpInPlace(
            op, [&] { op.setStaticSteps(SmallVector<int64_t>(n, 1)); });
        return success();
      }
    }
    std::optional<int64_t> rank = rankOf(op.getData());
    if (!rank)
      return failure();
    return normalizeAxesAttr(op, op.getStaticAxesAttrName(), *rank, rewriter);
  }
};
/// slice(shape(x)) with step 1 -> shape(x) {start, end}: static dimensions
/// of a partly dynamic shape then fold.
struct SliceOfShape : OpRewritePattern<SliceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SliceOp op,
                                PatternRewriter &rewriter) const override {
    auto shape = op.getData().getDefiningOp<ShapeOp>();
    std::optional<int64_t> rank =
        shape ? rankOf(shape.getData()) : std::nullopt;
    std::optional<int64_t> n = staticLength(op.getData());
    std::optional<SmallVector<SliceRange>> ranges = staticSlice(op);
    if (!rank || !n || !ranges || ranges->size() != 1 ||
        (*ranges)[0].step != 1 || (*ranges)[0].length == *n)
      return failure();
    int64_t start = (int64_t)shape.getStart();
    if (start < 0)
      start += *rank;
    start = std::clamp<int64_t>(start, 0, *rank) + (*ranges)[0].start;
    int64_t end = start + (*ranges)[0].length;
    auto type = RankedTensorType::get({end - start}, rewriter.getI64Type());
    if (end > *rank || type != op.getType())
      return failure();
    rewriter.replaceOpWithNewOp<ShapeOp>(op, type, shape.getData(),
                                         rewriter.getI64IntegerAttr(start),
                                         rewriter.getI64IntegerAttr(end));
    return success();
  }
};
} // namespace

void SliceOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                          MLIRContext *context) {
  results.add<SliceNormalize, SliceOfShape>(context);
}

//===----------------------------------------------------------------------===//
// SplitOp
//===----------------------------------------------------------------------===//

/// The part sizes when known: the static ones, or the equal parts of a
/// static dimension. Emits errors for invalid sizes.
static FailureOr<std::optional<SmallVector<int64_t>>> splitSizes(SplitOp op,
                                                                 int64_t dim) {
  int64_t n = op.getNumResults();
  std::optional<SmallVector<int64_t>> sizes =
      getStaticOrConstantInts(op.getStaticSplitAttr(), op.getSplit());
  if (sizes) {
    if ((int64_t)sizes->size() != n)
      return op.emitOpError() << "has " << sizes->size() << " split sizes for "
                              << n << " results";
    __int128 sum = 0;
    for (int64_t s : *sizes) {
      if (s < 0)
        return op.emitOpError() << "has negative split size " << s;
      sum += s;
    }
    if (dim != kDynamic && sum != dim)
      return op.emitOpError() << "split sizes sum to " << (int64_t)sum
                              << " but the dimension is " << dim;
    return sizes;
  }
  if (!isNone(op.getSplit()) || dim == kDynamic)
    return std::optional<SmallVector<int64_t>>();
  // Equal parts of ceil(dim / n), the last one smaller.
  int64_t chunk = (dim + n - 1) / n;
  if (chunk * (n - 1) > dim)
    return op.emitOpError() << "cannot split a dimension of " << dim << " into "
                            << n << " parts";
  SmallVector<int64_t> parts(n, chunk);
  parts.back() = dim - chunk * (n - 1);
  return std::optional<SmallVector<int64_t>>(parts);
}

LogicalResult SplitOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getInput());
  if (getNumResults() == 0)
    return emitOpError("needs at least one result");
  if (failed(checkStaticOrOperand(*this, getStaticSplitAttr(), getSplit(),
                                  "split", false)))
    return failure();
  std::optional<ArrayRef<int64_t>> in = shapeOf(getInput());
  if (!in) {
    types.append(getNumResults(), UnrankedTensorType::get(elt));
    return success();
  }
  int64_t rank = in->size(), axis = getAxis();
  if (axis < -rank || axis >= rank)
    return emitOpError() << "axis " << axis << " is out of range for rank "
                         << rank;
  if (axis < 0)
    axis += rank;
  FailureOr<std::optional<SmallVector<int64_t>>> sizes =
      splitSizes(*this, (*in)[axis]);
  if (failed(sizes))
    return failure();
  for (unsigned i = 0; i < getNumResults(); ++i) {
    SmallVector<int64_t> out(*in);
    out[axis] = *sizes ? (**sizes)[i] : kDynamic;
    types.push_back(RankedTensorType::get(out, elt));
  }
  return success();
}

LogicalResult SplitOp::fold(FoldAdaptor adaptor,
                            SmallVectorImpl<OpFoldResult> &results) {
  if (getNumResults() == 1 &&
      getInput().getType() == getOutputs()[0].getType()) {
    results.push_back(getInput());
    return success();
  }
  DenseElementsAttr data = getFoldableElements(adaptor.getInput());
  std::optional<int64_t> rank = rankOf(getInput());
  if (!data || !rank || (int64_t)getAxis() < 0 || (int64_t)getAxis() >= *rank)
    return failure();
  int64_t axis = getAxis();
  ArrayRef<int64_t> inShape = data.getType().getShape();
  SmallVector<int64_t> inStrides = getStrides(inShape);
  int64_t offset = 0;
  for (Value r : getOutputs()) {
    auto type = llvm::dyn_cast<RankedTensorType>(r.getType());
    if (!type || !type.hasStaticShape() || type.getRank() != *rank)
      return failure();
    SmallVector<int64_t> outStrides = getStrides(type.getShape());
    DenseElementsAttr part = gatherElementsByIndex(data, type, [&](int64_t i) {
      int64_t src = 0;
      for (int64_t d = 0; d < type.getRank(); ++d) {
        int64_t coord = (i / outStrides[d]) % type.getDimSize(d);
        src += (coord + (d == axis ? offset : 0)) * inStrides[d];
      }
      return src;
    });
    if (!part)
      return failure();
    results.push_back(part);
    offset += type.getDimSize(axis);
  }
  return success();
}

void SplitOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                          MLIRContext *context) {
  struct Normalize : OpRewritePattern<SplitOp> {
    using OpRewritePattern::OpRewritePattern;
    LogicalResult matchAndRewrite(SplitOp op,
                                  PatternRewriter &rewriter) const override {
      if (succeeded(moveConstantIntsToAttr(op, 1, op.getStaticSplitAttrName(),
                                           rewriter)))
        return success();
      std::optional<int64_t> rank = rankOf(op.getInput());
      if (!rank)
        return failure();
      return normalizeAxesAttr(op, op.getAxisAttrName(), *rank, rewriter);
    }
  };
  results.add<Normalize>(context);
}

//===----------------------------------------------------------------------===//
// PadOp
//===----------------------------------------------------------------------===//

static bool isPadMode(StringRef mode) {
  return llvm::is_contained({"constant", "reflect", "edge", "wrap"}, mode);
}

LogicalResult PadOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getData());
  if (!isPadMode(getMode()))
    return emitOpError() << "has unknown mode '" << getMode() << "'";
  if (failed(checkStaticOrOperand(*this, getStaticPadsAttr(), getPads(), "pads",
                                  true)) ||
      failed(checkStaticOrOperand(*this, getStaticAxesAttr(), getAxes(), "axes",
                                  false)))
    return failure();
  if (!isNone(getConstantValue())) {
    if (getElementTypeOrSelf(getConstantValue()) != elt)
      return emitOpError("constant value and data have different element "
                         "types");
    std::optional<ArrayRef<int64_t>> s = shapeOf(getConstantValue());
    if (s && !s->empty() && getNumElements(*s) != 1 &&
        !llvm::is_contained(*s, kDynamic))
      return emitOpError("constant value must be a scalar");
  }
  std::optional<ArrayRef<int64_t>> in = shapeOf(getData());
  if (!in) {
    types.push_back(UnrankedTensorType::get(elt));
    return success();
  }
  int64_t rank = in->size();
  std::optional<SmallVector<int64_t>> pads =
      getStaticOrConstantInts(getStaticPadsAttr(), getPads());
  bool defaultAxes = !getStaticAxes() && isNone(getAxes());
  std::optional<SmallVector<int64_t>> axes =
      defaultAxes ? std::optional<SmallVector<int64_t>>(
                        llvm::to_vector(llvm::seq<int64_t>(0, rank)))
                  : getStaticOrConstantInts(getStaticAxesAttr(), getAxes());
  SmallVector<int64_t> out(*in);
  if (!axes) {
    types.push_back(
        RankedTensorType::get(SmallVector<int64_t>(rank, kDynamic), elt));
    return success();
  }
  if (!pads) {
    // Unknown pads: the padded dimensions are unknown.
    FailureOr<SmallVector<int64_t>> norm = normalizeAxes(*this, *axes, rank);
    if (failed(norm))
      return failure();
    for (int64_t a : *norm)
      out[a] = kDynamic;
    types.push_back(RankedTensorType::get(out, elt));
    return success();
  }
  if (pads->size() != 2 * axes->size())
    return emitOpError() << "has " << pads->size() << " pads for "
                         << axes->size() << " axes";
  FailureOr<SmallVector<int64_t>> norm = normalizeAxes(*this, *axes, rank);
  if (failed(norm))
    return failure();
  size_t n = norm->size();
  for (auto [i, a] : llvm::enumerate(*norm)) {
    if (out[a] == kDynamic)
      continue;
    out[a] += (*pads)[i] + (*pads)[i + n];
    if (out[a] < 0)
      return emitOpError() << "pads make dimension " << a << " negative";
  }
  types.push_back(RankedTensorType::get(out, elt));
  return success();
}

OpFoldResult PadOp::fold(FoldAdaptor) {
  std::optional<ArrayRef<int64_t>> pads = getStaticPads();
  if (pads && llvm::all_of(*pads, [](int64_t p) { return p == 0; }) &&
      getData().getType() == getType())
    return getData();
  return nullptr;
}

namespace {
/// Moves constant pads and axes into the attributes, then expands pads on
/// some axes into pads on all of them once the rank is known.
struct PadNormalize : OpRewritePattern<PadOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(PadOp op,
                                PatternRewriter &rewriter) const override {
    if (succeeded(moveConstantIntsToAttr(op, 1, op.getStaticPadsAttrName(),
                                         rewriter)) ||
        succeeded(moveConstantIntsToAttr(op, 3, op.getStaticAxesAttrName(),
                                         rewriter)))
      return success();
    std::optional<int64_t> rank = rankOf(op.getData());
    std::optional<ArrayRef<int64_t>> pads = op.getStaticPads();
    std::optional<ArrayRef<int64_t>> axes = op.getStaticAxes();
    if (!rank || !pads || !axes || pads->size() != 2 * axes->size())
      return failure();
    SmallVector<int64_t> full(2 * *rank, 0);
    size_t n = axes->size();
    SmallVector<bool> seen(*rank, false);
    for (size_t i = 0; i < n; ++i) {
      int64_t a = (*axes)[i] < 0 ? (*axes)[i] + *rank : (*axes)[i];
      if (a < 0 || a >= *rank || seen[a])
        return failure();
      seen[a] = true;
      full[a] = (*pads)[i];
      full[a + *rank] = (*pads)[i + n];
    }
    rewriter.modifyOpInPlace(op, [&] {
      op.setStaticPads(full);
      op.removeStaticAxesAttr();
    });
    return success();
  }
};
} // namespace

void PadOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                        MLIRContext *context) {
  results.add<PadNormalize>(context);
}

//===----------------------------------------------------------------------===//
// ResizeOp
//===----------------------------------------------------------------------===//

static std::optional<SmallVector<double>>
staticOrConstantFloats(std::optional<ArrayRef<float>> attr, Value operand) {
  if (attr)
    return SmallVector<double>(attr->begin(), attr->end());
  if (isNone(operand))
    return std::nullopt;
  return getConstantFloats(operand);
}

LogicalResult ResizeOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getInput());
  auto checkEnum =
      [&](StringRef name, StringRef value,
          std::initializer_list<StringRef> allowed) -> LogicalResult {
    if (llvm::is_contained(allowed, value))
      return success();
    return emitOpError() << "has unknown " << name << " '" << value << "'";
  };
  if (failed(checkEnum("mode", getMode(), {"nearest", "linear", "cubic"})) ||
      failed(checkEnum(
          "coordinate_transformation_mode", getCoordinateTransformationMode(),
          {"half_pixel", "half_pixel_symmetric", "pytorch_half_pixel",
           "align_corners", "asymmetric", "tf_crop_and_resize"})) ||
      failed(checkEnum(
          "nearest_mode", getNearestMode(),
          {"round_prefer_floor", "round_prefer_ceil", "floor", "ceil"})) ||
      failed(checkEnum("keep_aspect_ratio_policy", getKeepAspectRatioPolicy(),
                       {"stretch", "not_larger", "not_smaller"})))
    return failure();
  if (failed(checkStaticOrOperand(*this, getStaticRoiAttr(), getRoi(), "roi",
                                  false)) ||
      failed(checkStaticOrOperand(*this, getStaticScalesAttr(), getScales(),
                                  "scales", false)) ||
      failed(checkStaticOrOperand(*this, getStaticSizesAttr(), getSizes(),
                                  "sizes", false)))
    return failure();
  bool hasScales = getStaticScales() || !isNone(getScales());
  bool hasSizes = getStaticSizes() || !isNone(getSizes());
  if (hasScales == hasSizes)
    return emitOpError("needs exactly one of scales and sizes");
  std::optional<ArrayRef<int64_t>> in = shapeOf(getInput());
  if (!in) {
    types.push_back(UnrankedTensorType::get(elt));
    return success();
  }
  int64_t rank = in->size();
  SmallVector<int64_t> axes = llvm::to_vector(llvm::seq<int64_t>(0, rank));
  if (std::optional<ArrayRef<int64_t>> a = getAxes()) {
    FailureOr<SmallVector<int64_t>> norm = normalizeAxes(*this, *a, rank);
    if (failed(norm))
      return failure();
    axes = *norm;
  }
  size_t n = axes.size();
  SmallVector<int64_t> out(*in);
  std::optional<SmallVector<double>> scales =
      staticOrConstantFloats(getStaticScales(), getScales());
  std::optional<SmallVector<int64_t>> sizes =
      getStaticOrConstantInts(getStaticSizesAttr(), getSizes());
  if (hasScales && scales) {
    if (scales->size() != n)
      return emitOpError() << "has " << scales->size() << " scales for " << n
                           << " axes";
    for (auto [a, s] : llvm::zip(axes, *scales)) {
      if (!(s > 0))
        return emitOpError() << "has non-positive scale " << s;
      if (out[a] == kDynamic)
        continue;
      double d = std::floor((double)out[a] * s);
      if (!(d < 0x1p62))
        return emitOpError()
               << "scale " << s << " makes dimension " << a << " too large";
      out[a] = (int64_t)d;
    }
  } else if (hasSizes && sizes) {
    if (sizes->size() != n)
      return emitOpError() << "has " << sizes->size() << " sizes for " << n
                           << " axes";
    for (int64_t s : *sizes)
      if (s < 0)
        return emitOpError() << "has negative size " << s;
    StringRef policy = getKeepAspectRatioPolicy();
    if (policy == "stretch") {
      for (auto [a, s] : llvm::zip(axes, *sizes))
        out[a] = s;
    } else {
      // One scale for all axes: the smallest (not_larger) or largest
      // (not_smaller) of size / d_in, applied with rounding half up.
      bool known = llvm::all_of(axes, [&](int64_t a) {
        return (*in)[a] != kDynamic && (*in)[a] != 0;
      });
      std::optional<double> scale;
      for (auto [a, s] : llvm::zip(axes, *sizes)) {
        if (!known)
          break;
        double r = (double)s / (double)(*in)[a];
        if (!scale || (policy == "not_larger" ? r < *scale : r > *scale))
          scale = r;
      }
      for (int64_t a : axes) {
        double d =
            known && scale ? std::floor(*scale * (double)(*in)[a] + 0.5) : -1.0;
        out[a] = d >= 0 && d < 0x1p62 ? (int64_t)d : kDynamic;
      }
    }
  } else {
    for (int64_t a : axes)
      out[a] = kDynamic;
  }
  types.push_back(RankedTensorType::get(out, elt));
  return success();
}

namespace {
/// Moves constant roi/scales/sizes into the attributes (an empty constant
/// means absent) and fills in or normalizes the axes once the rank is known.
struct ResizeNormalize : OpRewritePattern<ResizeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult moveFloats(ResizeOp op, unsigned index, StringRef name,
                           PatternRewriter &rewriter) const {
    return moveConstantToAttr(
        op, index, name, rewriter, [&](ElementsAttr e) -> Attribute {
          auto values = getElementsAsFloats(e);
          if (!values)
            return nullptr;
          SmallVector<float> f(values->begin(), values->end());
          return rewriter.getDenseF32ArrayAttr(f);
        });
  }
  LogicalResult matchAndRewrite(ResizeOp op,
                                PatternRewriter &rewriter) const override {
    for (unsigned i = 1; i <= 3; ++i) {
      ElementsAttr e = getConstantElements(op->getOperand(i));
      if (e && e.getNumElements() == 0) {
        rewriter.setInsertionPoint(op);
        Value none =
            rewriter.create<NoneOp>(op.getLoc(), rewriter.getNoneType());
        rewriter.modifyOpInPlace(op, [&] { op->setOperand(i, none); });
        return success();
      }
    }
    if (succeeded(moveFloats(op, 1, op.getStaticRoiAttrName(), rewriter)) ||
        succeeded(moveFloats(op, 2, op.getStaticScalesAttrName(), rewriter)) ||
        succeeded(moveConstantIntsToAttr(op, 3, op.getStaticSizesAttrName(),
                                         rewriter)))
      return success();
    std::optional<int64_t> rank = rankOf(op.getInput());
    if (!rank)
      return failure();
    if (!op.getAxes()) {
      rewriter.modifyOpInPlace(op, [&] {
        op.setAxes(llvm::to_vector(llvm::seq<int64_t>(0, *rank)));
      });
      return success();
    }
    return normalizeAxesAttr(op, op.getAxesAttrName(), *rank, rewriter);
  }
};
} // namespace

void ResizeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                           MLIRContext *context) {
  results.add<ResizeNormalize>(context);
}

//===----------------------------------------------------------------------===//
// TriluOp
//===----------------------------------------------------------------------===//

LogicalResult TriluOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  if (getStaticKAttr() && !isNone(getK()))
    return emitOpError("has both a static k and a k operand");
  std::optional<int64_t> rank = rankOf(getInput());
  if (rank && *rank < 2)
    return emitOpError() << "needs an input of rank at least 2, has rank "
                         << *rank;
  if (!isNone(getK())) {
    if (!llvm::isa<IntegerType>(getElementTypeOrSelf(getK())))
      return emitOpError("k must be an integer");
    std::optional<ArrayRef<int64_t>> s = shapeOf(getK());
    if (s && !s->empty() && !(s->size() == 1 && (*s)[0] == 1))
      return emitOpError("k must be a scalar");
  }
  types.push_back(getInput().getType());
  return success();
}

void TriluOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                          MLIRContext *context) {
  struct ConstantK : OpRewritePattern<TriluOp> {
    using OpRewritePattern::OpRewritePattern;
    LogicalResult matchAndRewrite(TriluOp op,
                                  PatternRewriter &rewriter) const override {
      return moveConstantToAttr(op, 1, op.getStaticKAttrName(), rewriter,
                                [&](ElementsAttr e) -> Attribute {
                                  auto k = getElementsAsInts(e);
                                  if (!k || k->size() != 1)
                                    return nullptr;
                                  return rewriter.getI64IntegerAttr((*k)[0]);
                                });
    }
  };
  results.add<ConstantK>(context);
}
