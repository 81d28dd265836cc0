//===- Tensor.cpp - import of data movement and shape ONNX ops
//-------------===//

#include "compiler/onnx/NodeImporter.h"
#include "compiler/onnx/TensorConvert.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

namespace mlc::onnx_import {
namespace {

LogicalResult importConstant(NodeImporter &n) {
  if (failed(n.expectInputs(0, 0)))
    return failure();
  Builder &b = n.b();
  ElementsAttr value;
  if (n.hasAttr("value")) {
    FailureOr<ElementsAttr> t = n.tensorAttr("value");
    if (failed(t))
      return failure();
    value = *t;
  } else if (n.hasAttr("value_float")) {
    value = DenseElementsAttr::get(RankedTensorType::get({}, b.getF32Type()),
                                   n.floatAttr("value_float", 0));
  } else if (auto fs = n.floatsAttr("value_floats")) {
    value = DenseElementsAttr::get(
        RankedTensorType::get({(int64_t)fs->size()}, b.getF32Type()),
        ArrayRef<float>(*fs));
  } else if (n.hasAttr("value_int")) {
    value = DenseElementsAttr::get(RankedTensorType::get({}, b.getI64Type()),
                                   n.intAttr("value_int", 0));
  } else if (auto is = n.intsAttr("value_ints")) {
    value = DenseElementsAttr::get(
        RankedTensorType::get({(int64_t)is->size()}, b.getI64Type()),
        ArrayRef<int64_t>(*is));
  } else if (n.hasAttr("sparse_value") || n.hasAttr("value_string") ||
             n.hasAttr("value_strings")) {
    return n.error("sparse and string constants are not supported");
  } else {
    return n.error("has no value attribute");
  }
  if (n.attrErrors())
    return failure();
  return n.emit<graph::ConstantOp>({}, {n.named("value", value)});
}

LogicalResult importShape(NodeImporter &n) {
  if (failed(n.expectInputs(1, 1)))
    return failure();
  SmallVector<NamedAttribute> attrs{
      n.named("start", n.i64(n.intAttr("start", 0)))};
  if (n.hasAttr("end"))
    attrs.push_back(n.named("end", n.i64(n.intAttr("end", 0))));
  return n.emit<graph::ShapeOp>({n.input(0)}, attrs);
}

LogicalResult importReshape(NodeImporter &n) {
  SmallVector<NamedAttribute> attrs{
      n.named("allowzero", n.b().getBoolAttr(n.intAttr("allowzero", 0) != 0))};
  if (n.opset() < 5) {
    // Reshape-1: the shape is an attribute.
    if (failed(n.expectInputs(1, 1)))
      return failure();
    std::optional<SmallVector<int64_t>> shape = n.intsAttr("shape");
    if (!shape)
      return n.error("has no 'shape' attribute");
    attrs.push_back(n.named("static_shape", n.i64s(*shape)));
    return n.emit<graph::ReshapeOp>({n.input(0), n.none()}, attrs);
  }
  if (failed(n.expectInputs(2, 2)))
    return failure();
  if (std::optional<SmallVector<int64_t>> shape = n.constInts(1)) {
    attrs.push_back(n.named("static_shape", n.i64s(*shape)));
    return n.emit<graph::ReshapeOp>({n.input(0), n.none()}, attrs);
  }
  return n.emit<graph::ReshapeOp>({n.input(0), n.input(1)}, attrs);
}

/// `axes` mapped to [0, rank) (and sorted if `sort`) when the rank is known
/// and all are in range; as given otherwise, for the op's inference to
/// report or the canonicalizer to normalize later.
SmallVector<int64_t> normalizedAxes(ArrayRef<int64_t> axes,
                                    std::optional<int64_t> rank,
                                    bool sort = false) {
  SmallVector<int64_t> out(axes);
  if (!rank)
    return out;
  for (int64_t &a : out) {
    if (a < -*rank || a >= *rank)
      return SmallVector<int64_t>(axes);
    if (a < 0)
      a += *rank;
  }
  if (sort)
    llvm::sort(out);
  return out;
}

/// `axis` mapped to [0, rank) when the rank is known and it is in range.
int64_t normalizedAxis(int64_t axis, std::optional<int64_t> rank) {
  return normalizedAxes({axis}, rank)[0];
}

/// The first ranked value's rank.
std::optional<int64_t> firstRank(ArrayRef<Value> values) {
  for (Value v : values)
    if (std::optional<int64_t> r = graph::rankOf(v))
      return r;
  return std::nullopt;
}

/// A shape-like input in the normalized form: the attribute `attrName` when
/// input `i` is constant, else the operand (none when absent).
Value shapeInput(NodeImporter &n, unsigned i, StringRef attrName,
                 SmallVectorImpl<NamedAttribute> &attrs) {
  if (std::optional<SmallVector<int64_t>> values = n.constInts(i)) {
    attrs.push_back(n.named(attrName, n.i64s(*values)));
    return n.none();
  }
  return n.input(i);
}

LogicalResult importConcat(NodeImporter &n) {
  if (n.numInputs() < 1)
    return n.error("needs at least one input");
  if (!n.hasAttr("axis") && n.opset() >= 4)
    return n.error("has no 'axis' attribute");
  SmallVector<Value> inputs = n.inputs();
  int64_t axis = n.intAttr("axis", 1); // Concat-1 defaults to 1
  return n.emit<graph::ConcatOp>(
      inputs,
      {n.named("axis", n.i64(normalizedAxis(axis, firstRank(inputs))))});
}

LogicalResult importGather(NodeImporter &n) {
  if (failed(n.expectInputs(2, 2)))
    return failure();
  int64_t axis =
      normalizedAxis(n.intAttr("axis", 0), graph::rankOf(n.input(0)));
  return n.emit<graph::GatherOp>({n.input(0), n.input(1)},
                                 {n.named("axis", n.i64(axis))});
}

LogicalResult importGatherElements(NodeImporter &n) {
  if (failed(n.expectInputs(2, 2)))
    return failure();
  int64_t axis =
      normalizedAxis(n.intAttr("axis", 0), graph::rankOf(n.input(0)));
  return n.emit<graph::GatherElementsOp>({n.input(0), n.input(1)},
                                         {n.named("axis", n.i64(axis))});
}

LogicalResult importScatterND(NodeImporter &n) {
  if (failed(n.expectInputs(3, 3)))
    return failure();
  std::string reduction = n.stringAttr("reduction", "none");
  return n.emit<graph::ScatterNDOp>(
      {n.input(0), n.input(1), n.input(2)},
      {n.named("reduction", n.b().getStringAttr(reduction))});
}

LogicalResult importConstantOfShape(NodeImporter &n) {
  if (failed(n.expectInputs(1, 1)))
    return failure();
  ElementsAttr value;
  if (n.hasAttr("value")) {
    FailureOr<ElementsAttr> t = n.tensorAttr("value");
    if (failed(t))
      return failure();
    value = *t;
  } else {
    value = DenseElementsAttr::get(
        RankedTensorType::get({1}, n.b().getF32Type()), 0.0f);
  }
  SmallVector<NamedAttribute> attrs{n.named("value", value)};
  Value shape = shapeInput(n, 0, "static_shape", attrs);
  return n.emit<graph::ConstantOfShapeOp>({shape}, attrs);
}

LogicalResult importRange(NodeImporter &n) {
  if (failed(n.expectInputs(3, 3)))
    return failure();
  return n.emit<graph::RangeOp>({n.input(0), n.input(1), n.input(2)});
}

LogicalResult importSize(NodeImporter &n) {
  if (failed(n.expectInputs(1, 1)))
    return failure();
  return n.emit<graph::SizeOp>({n.input(0)});
}

LogicalResult importFlatten(NodeImporter &n) {
  if (failed(n.expectInputs(1, 1)))
    return failure();
  int64_t axis = n.intAttr("axis", 1);
  std::optional<int64_t> rank = graph::rankOf(n.input(0));
  if (rank && axis < 0 && axis >= -*rank)
    axis += *rank;
  return n.emit<graph::FlattenOp>({n.input(0)}, {n.named("axis", n.i64(axis))});
}

/// Squeeze/Unsqueeze axes: the attribute before opset 13, input 1 from 13.
/// `rank` is the rank the axes refer to, if known.
template <typename OpTy>
LogicalResult importSqueezeLike(NodeImporter &n, bool required) {
  bool fromInput = n.opset() >= 13;
  if (failed(n.expectInputs(1, fromInput ? 2 : 1)))
    return failure();
  std::optional<SmallVector<int64_t>> axes =
      fromInput ? n.constInts(1) : n.intsAttr("axes");
  std::optional<int64_t> rank = graph::rankOf(n.input(0));
  Value operand = n.none();
  SmallVector<NamedAttribute> attrs;
  if (axes && axes->empty() && !required)
    axes.reset(); // Squeeze with empty axes removes every size-1 dimension
  if (axes) {
    if (rank && required)
      *rank += axes->size(); // Unsqueeze's axes index the result
    attrs.push_back(
        n.named("static_axes", n.i64s(normalizedAxes(*axes, rank, true))));
  } else if (fromInput && n.hasInput(1)) {
    operand = n.input(1);
  } else if (required) {
    return n.error("has no axes");
  } else if (std::optional<ArrayRef<int64_t>> s = graph::shapeOf(n.input(0));
             s && !llvm::is_contained(*s, graph::kDynamic)) {
    SmallVector<int64_t> ones;
    for (auto [i, d] : llvm::enumerate(*s))
      if (d == 1)
        ones.push_back(i);
    attrs.push_back(n.named("static_axes", n.i64s(ones)));
  }
  return n.emit<OpTy>({n.input(0), operand}, attrs);
}

LogicalResult importSqueeze(NodeImporter &n) {
  return importSqueezeLike<graph::SqueezeOp>(n, /*required=*/false);
}

LogicalResult importUnsqueeze(NodeImporter &n) {
  return importSqueezeLike<graph::UnsqueezeOp>(n, /*required=*/true);
}

LogicalResult importTranspose(NodeImporter &n) {
  if (failed(n.expectInputs(1, 1)))
    return failure();
  SmallVector<NamedAttribute> attrs;
  if (std::optional<SmallVector<int64_t>> perm = n.intsAttr("perm"))
    attrs.push_back(n.named("perm", n.i64s(*perm)));
  else if (std::optional<int64_t> rank = graph::rankOf(n.input(0)))
    attrs.push_back(n.named("perm", n.i64s(llvm::to_vector(llvm::reverse(
                                        llvm::seq<int64_t>(0, *rank))))));
  return n.emit<graph::TransposeOp>({n.input(0)}, attrs);
}

LogicalResult importExpand(NodeImporter &n) {
  if (failed(n.expectInputs(2, 2)))
    return failure();
  SmallVector<NamedAttribute> attrs;
  Value shape = shapeInput(n, 1, "static_shape", attrs);
  return n.emit<graph::ExpandOp>({n.input(0), shape}, attrs);
}

LogicalResult importTile(NodeImporter &n) {
  SmallVector<NamedAttribute> attrs;
  if (n.opset() < 6) {
    // Tile-1: scalar inputs `tiles` and `axis` repeat along one axis.
    if (failed(n.expectInputs(3, 3)))
      return failure();
    std::optional<int64_t> rank = graph::rankOf(n.input(0));
    std::optional<SmallVector<int64_t>> tiles = n.constInts(1);
    std::optional<SmallVector<int64_t>> axis = n.constInts(2);
    if (!rank || !tiles || !axis || tiles->size() != 1 || axis->size() != 1)
      return n.error("needs a ranked input and constant scalar tiles and axis");
    int64_t a = (*axis)[0] < 0 ? (*axis)[0] + *rank : (*axis)[0];
    if (a < 0 || a >= *rank)
      return n.error(llvm::formatv("axis {0} is out of range for rank {1}",
                                   (*axis)[0], *rank));
    SmallVector<int64_t> repeats(*rank, 1);
    repeats[a] = (*tiles)[0];
    attrs.push_back(n.named("static_repeats", n.i64s(repeats)));
    return n.emit<graph::TileOp>({n.input(0), n.none()}, attrs);
  }
  if (failed(n.expectInputs(2, 2)))
    return failure();
  Value repeats = shapeInput(n, 1, "static_repeats", attrs);
  return n.emit<graph::TileOp>({n.input(0), repeats}, attrs);
}

LogicalResult importSlice(NodeImporter &n) {
  std::optional<int64_t> rank = graph::rankOf(n.input(0));
  SmallVector<NamedAttribute> attrs;
  SmallVector<Value> operands{n.input(0)};
  std::optional<int64_t> count; // the number of sliced axes, if known
  bool hasAxes, hasSteps;
  if (n.opset() < 10) {
    if (failed(n.expectInputs(1, 1)))
      return failure();
    std::optional<SmallVector<int64_t>> starts = n.intsAttr("starts");
    std::optional<SmallVector<int64_t>> ends = n.intsAttr("ends");
    if (!starts || !ends)
      return n.error("needs 'starts' and 'ends' attributes");
    attrs.push_back(n.named("static_starts", n.i64s(*starts)));
    attrs.push_back(n.named("static_ends", n.i64s(*ends)));
    count = starts->size();
    hasAxes = n.hasAttr("axes");
    if (hasAxes)
      attrs.push_back(n.named(
          "static_axes", n.i64s(normalizedAxes(*n.intsAttr("axes"), rank))));
    hasSteps = false;
    operands.append(4, n.none());
  } else {
    if (failed(n.expectInputs(3, 5)))
      return failure();
    operands.push_back(shapeInput(n, 1, "static_starts", attrs));
    operands.push_back(shapeInput(n, 2, "static_ends", attrs));
    hasAxes = n.hasInput(3);
    hasSteps = n.hasInput(4);
    if (std::optional<SmallVector<int64_t>> axes = n.constInts(3)) {
      attrs.push_back(
          n.named("static_axes", n.i64s(normalizedAxes(*axes, rank))));
      operands.push_back(n.none());
    } else {
      operands.push_back(n.input(3));
    }
    operands.push_back(shapeInput(n, 4, "static_steps", attrs));
    if (std::optional<SmallVector<int64_t>> starts = n.constInts(1))
      count = starts->size();
    else if (std::optional<ArrayRef<int64_t>> s = graph::shapeOf(n.input(1));
             s && s->size() == 1 && (*s)[0] != graph::kDynamic)
      count = (*s)[0];
  }
  // Fill in the defaults: axes [0, n), steps 1.
  if (count && !hasAxes)
    attrs.push_back(n.named(
        "static_axes", n.i64s(llvm::to_vector(llvm::seq<int64_t>(0, *count)))));
  if (count && !hasSteps)
    attrs.push_back(
        n.named("static_steps", n.i64s(SmallVector<int64_t>(*count, 1))));
  return n.emit<graph::SliceOp>(operands, attrs);
}

LogicalResult importSplit(NodeImporter &n) {
  bool fromInput = n.opset() >= 13 || n.opset() < 2;
  if (failed(n.expectInputs(1, fromInput ? 2 : 1)))
    return failure();
  unsigned numResults = n.proto().output_size();
  if (n.opset() >= 18 && n.hasAttr("num_outputs")) {
    if (n.intAttr("num_outputs", 0) != (int64_t)numResults)
      return n.error(llvm::formatv("has num_outputs {0} but {1} outputs",
                                   n.intAttr("num_outputs", 0), numResults));
  }
  if (numResults == 0)
    return n.error("has no outputs");
  std::optional<int64_t> rank = graph::rankOf(n.input(0));
  int64_t axis = normalizedAxis(n.intAttr("axis", 0), rank);
  SmallVector<NamedAttribute> attrs{n.named("axis", n.i64(axis))};
  std::optional<SmallVector<int64_t>> sizes;
  if (fromInput && n.hasInput(1))
    sizes = n.constInts(1);
  if (!sizes && n.opset() < 13)
    sizes = n.intsAttr("split");
  bool emptySplit = sizes && sizes->empty(); // empty: equal parts
  if (emptySplit)
    sizes.reset();
  Value split = n.none();
  if (sizes) {
    attrs.push_back(n.named("static_split", n.i64s(*sizes)));
  } else if (fromInput && n.hasInput(1) && !emptySplit) {
    split = n.input(1);
  } else if (std::optional<ArrayRef<int64_t>> s = graph::shapeOf(n.input(0));
             s && axis >= 0 && axis < (int64_t)s->size() &&
             (*s)[axis] != graph::kDynamic) {
    // Equal parts; before opset 18 they must be exactly equal.
    int64_t dim = (*s)[axis];
    if (n.opset() < 18 && dim % numResults != 0)
      return n.error(llvm::formatv("cannot split a dimension of {0} into {1} "
                                   "equal parts",
                                   dim, numResults));
    int64_t chunk = (dim + numResults - 1) / numResults;
    if (chunk * (int64_t)(numResults - 1) <= dim) {
      SmallVector<int64_t> parts(numResults, chunk);
      parts.back() = dim - chunk * (numResults - 1);
      attrs.push_back(n.named("static_split", n.i64s(parts)));
    }
  }
  return n.emit<graph::SplitOp>({n.input(0), split}, attrs, numResults);
}

LogicalResult importPad(NodeImporter &n) {
  Value data = n.input(0);
  std::optional<int64_t> rank = graph::rankOf(data);
  std::string mode = n.stringAttr("mode", "constant");
  SmallVector<NamedAttribute> attrs{n.named("mode", n.b().getStringAttr(mode))};
  if (n.opset() < 11) {
    // Pad-1 `paddings`, Pad-2 `pads`, and a float `value`.
    if (failed(n.expectInputs(1, 1)))
      return failure();
    std::optional<SmallVector<int64_t>> pads =
        n.intsAttr(n.opset() < 2 ? "paddings" : "pads");
    if (!pads)
      return n.error("has no pads");
    attrs.push_back(n.named("static_pads", n.i64s(*pads)));
    Value value = n.none();
    float v = n.floatAttr("value", 0.0f);
    if (v != 0.0f) {
      Type elt = getElementTypeOrSelf(data);
      auto type = RankedTensorType::get({}, elt);
      Attribute scalar;
      if (llvm::isa<FloatType>(elt))
        scalar = FloatAttr::get(elt, v);
      else if (llvm::isa<IntegerType>(elt))
        scalar = IntegerAttr::get(elt, (int64_t)v);
      else
        return n.error("cannot pad this element type with a value");
      Operation *c = n.create<graph::ConstantOp>(
          {}, {n.named("value", DenseElementsAttr::get(type, scalar))});
      if (!c)
        return failure();
      value = c->getResult(0);
    }
    return n.emit<graph::PadOp>({data, n.none(), value, n.none()}, attrs);
  }
  if (failed(n.expectInputs(2, n.opset() >= 18 ? 4 : 3)))
    return failure();
  std::optional<SmallVector<int64_t>> pads = n.constInts(1);
  std::optional<SmallVector<int64_t>> axes = n.constInts(3);
  Value padsOperand = n.input(1), axesOperand = n.input(3);
  if (pads && axes && rank && pads->size() == 2 * axes->size()) {
    // Pads on some axes -> pads on all of them.
    SmallVector<int64_t> norm = normalizedAxes(*axes, rank);
    SmallVector<int64_t> full(2 * *rank, 0);
    bool ok = true;
    for (auto [i, a] : llvm::enumerate(norm)) {
      if (a < 0 || a >= *rank) {
        ok = false;
        break;
      }
      full[a] = (*pads)[i];
      full[a + *rank] = (*pads)[i + norm.size()];
    }
    if (ok) {
      pads = full;
      axes.reset();
      axesOperand = n.none();
    }
  }
  if (pads) {
    attrs.push_back(n.named("static_pads", n.i64s(*pads)));
    padsOperand = n.none();
  }
  if (axes) {
    attrs.push_back(
        n.named("static_axes", n.i64s(normalizedAxes(*axes, rank))));
    axesOperand = n.none();
  }
  return n.emit<graph::PadOp>({data, padsOperand, n.input(2), axesOperand},
                              attrs);
}

/// Resize (opset 10+) and Upsample (7, 9): `scalesIndex` is the input
/// holding the scales (-1: Upsample-7's attribute).
LogicalResult importResizeLike(NodeImporter &n, bool legacy, int scalesIndex) {
  Value x = n.input(0);
  std::optional<int64_t> rank = graph::rankOf(x);
  std::string mode = n.stringAttr("mode", "nearest");
  if (mode == "bilinear" || mode == "trilinear")
    mode = "linear";
  SmallVector<NamedAttribute> attrs{n.named("mode", n.b().getStringAttr(mode))};
  Value roi = n.none(), scales = n.none(), sizes = n.none();
  std::string ctm = "asymmetric";
  if (legacy) {
    attrs.push_back(n.named("nearest_mode", n.b().getStringAttr("floor")));
  } else {
    ctm = n.stringAttr("coordinate_transformation_mode", "half_pixel");
    attrs.push_back(
        n.named("nearest_mode", n.b().getStringAttr(n.stringAttr(
                                    "nearest_mode", "round_prefer_floor"))));
    attrs.push_back(
        n.named("cubic_coeff_a", n.f32(n.floatAttr("cubic_coeff_a", -0.75f))));
    attrs.push_back(n.named(
        "exclude_outside", n.b().getBoolAttr(n.intAttr("exclude_outside", 0))));
    attrs.push_back(n.named("extrapolation_value",
                            n.f32(n.floatAttr("extrapolation_value", 0.0f))));
    attrs.push_back(
        n.named("antialias", n.b().getBoolAttr(n.intAttr("antialias", 0))));
    attrs.push_back(n.named("keep_aspect_ratio_policy",
                            n.b().getStringAttr(n.stringAttr(
                                "keep_aspect_ratio_policy", "stretch"))));
  }
  attrs.push_back(
      n.named("coordinate_transformation_mode", n.b().getStringAttr(ctm)));
  std::optional<SmallVector<int64_t>> axes = n.intsAttr("axes");
  if (axes)
    attrs.push_back(n.named("axes", n.i64s(normalizedAxes(*axes, rank))));
  else if (rank)
    attrs.push_back(
        n.named("axes", n.i64s(llvm::to_vector(llvm::seq<int64_t>(0, *rank)))));
  // Float inputs: constant -> attribute; an empty one is absent.
  auto floatInput = [&](int i, StringRef name, Value &operand) {
    if (i < 0 || !n.hasInput(i))
      return;
    if (std::optional<SmallVector<double>> v = n.constFloats(i)) {
      if (!v->empty())
        attrs.push_back(
            n.named(name, n.b().getDenseF32ArrayAttr(
                              SmallVector<float>(v->begin(), v->end()))));
      return;
    }
    operand = n.input(i);
  };
  if (scalesIndex < 0) {
    std::optional<SmallVector<float>> s = n.floatsAttr("scales");
    if (!s)
      return n.error("has no 'scales' attribute");
    attrs.push_back(n.named("static_scales", n.b().getDenseF32ArrayAttr(*s)));
  } else {
    floatInput(scalesIndex, "static_scales", scales);
  }
  if (!legacy) {
    if (ctm == "tf_crop_and_resize")
      floatInput(1, "static_roi", roi);
    if (n.hasInput(3)) {
      std::optional<SmallVector<int64_t>> s = n.constInts(3);
      if (!s)
        sizes = n.input(3);
      else if (!s->empty())
        attrs.push_back(n.named("static_sizes", n.i64s(*s)));
    }
  }
  return n.emit<graph::ResizeOp>({x, roi, scales, sizes}, attrs);
}

LogicalResult importResize(NodeImporter &n) {
  if (n.opset() < 11) {
    if (failed(n.expectInputs(2, 2)))
      return failure();
    return importResizeLike(n, /*legacy=*/true, 1);
  }
  if (failed(n.expectInputs(n.opset() < 13 ? 3 : 1, 4)))
    return failure();
  return importResizeLike(n, /*legacy=*/false, 2);
}

LogicalResult importUpsample(NodeImporter &n) {
  if (n.opset() < 7)
    return n.error("experimental Upsample-1 is not supported");
  if (n.opset() < 9) {
    if (failed(n.expectInputs(1, 1)))
      return failure();
    return importResizeLike(n, /*legacy=*/true, -1);
  }
  if (failed(n.expectInputs(2, 2)))
    return failure();
  return importResizeLike(n, /*legacy=*/true, 1);
}

LogicalResult importTrilu(NodeImporter &n) {
  if (failed(n.expectInputs(1, 2)))
    return failure();
  SmallVector<NamedAttribute> attrs{
      n.named("upper", n.b().getBoolAttr(n.intAttr("upper", 1) != 0))};
  Value k = n.none();
  std::optional<SmallVector<int64_t>> kv = n.constInts(1);
  if (kv && kv->size() == 1)
    attrs.push_back(n.named("static_k", n.i64((*kv)[0])));
  else if (n.hasInput(1))
    k = n.input(1);
  else
    attrs.push_back(n.named("static_k", n.i64(0)));
  return n.emit<graph::TriluOp>({n.input(0), k}, attrs);
}

} // namespace

void registerTensorImporters(OpImporterRegistry &r) {
  r.add("Constant", importConstant);
  r.add("Shape", importShape);
  r.add("Reshape", importReshape);
  r.add("Concat", importConcat);
  r.add("Gather", importGather);
  r.add("GatherElements", importGatherElements);
  r.add("ScatterND", importScatterND);
  r.add("ConstantOfShape", importConstantOfShape);
  r.add("Range", importRange);
  r.add("Size", importSize);
  r.add("Flatten", importFlatten);
  r.add("Squeeze", importSqueeze);
  r.add("Unsqueeze", importUnsqueeze);
  r.add("Transpose", importTranspose);
  r.add("Expand", importExpand);
  r.add("Tile", importTile);
  r.add("Slice", importSlice);
  r.add("Split", importSplit);
  r.add("Pad", importPad);
  r.add("Resize", importResize);
  r.add("Upsample", importUpsample);
  r.add("Trilu", importTrilu);
}

} // namespace mlc::onnx_import
