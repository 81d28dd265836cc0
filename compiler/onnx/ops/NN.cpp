//===- NN.cpp - import of neural-network ONNX ops --------------------------===//
//
// Conv, ConvTranspose, the pools, the normalizations, Softmax and Attention,
// every opset version of each mapped to one normalized graph op.
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/NodeImporter.h"
#include "compiler/onnx/TensorConvert.h"
#include "compiler/onnx/ops/ConvAttrs.h"

#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cmath>

using namespace mlir;

namespace mlc::onnx_import {
namespace {

/// The spatial dimensions of a weight (M, C, k1, ..., kn), if ranked.
std::optional<SmallVector<int64_t>> weightKernel(Value weight) {
  std::optional<ArrayRef<int64_t>> w = graph::shapeOf(weight);
  if (!w || w->size() < 2)
    return std::nullopt;
  return SmallVector<int64_t>(w->drop_front(2));
}

std::optional<ArrayRef<int64_t>>
asRef(const std::optional<SmallVector<int64_t>> &v) {
  return v ? std::optional<ArrayRef<int64_t>>(*v) : std::nullopt;
}

/// Normalizes `axis` of node `n` against the rank of `input` when it is
/// known (left as is otherwise); `allowRank` admits axis = rank.
FailureOr<int64_t> normalizedAxis(NodeImporter &n, Value input, int64_t axis,
                                  bool allowRank = false) {
  std::optional<int64_t> rank = graph::rankOf(input);
  if (!rank)
    return axis;
  if (axis < -*rank || axis > *rank || (axis == *rank && !allowRank))
    return n.error(
        llvm::formatv("axis {0} is out of range for rank {1}", axis, *rank));
  return axis < 0 ? axis + *rank : axis;
}

/// The element type that the ONNX data type attribute `name` names.
FailureOr<Type> dataTypeAttr(NodeImporter &n, StringRef name, int64_t dflt) {
  int64_t code = n.intAttr(name, dflt);
  if (n.attrErrors())
    return failure();
  Type t = code > 0 && code < (1 << 16)
               ? convertElementType(n.context(), (int32_t)code)
               : Type();
  if (!t)
    return n.error(
        llvm::formatv("{0} {1} is not a supported data type", name, code));
  return t;
}

//===----------------------------------------------------------------------===//
// Convolutions and pools
//===----------------------------------------------------------------------===//

LogicalResult importConv(NodeImporter &n) {
  if (failed(n.expectInputs(2, 3)))
    return failure();
  std::optional<SmallVector<int64_t>> kernel = weightKernel(n.input(1));
  FailureOr<WindowAttrs> window = readWindowAttrs(n, n.input(0), asRef(kernel));
  if (failed(window))
    return failure();
  SmallVector<NamedAttribute> attrs = window->toNamed(n);
  attrs.push_back(n.named("group", n.i64(n.intAttr("group", 1))));
  if (n.attrErrors())
    return failure();
  return n.emit<graph::ConvOp>({n.input(0), n.input(1), n.input(2)}, attrs);
}

LogicalResult importConvTranspose(NodeImporter &n) {
  if (failed(n.expectInputs(2, 3)))
    return failure();
  std::optional<SmallVector<int64_t>> kernel = weightKernel(n.input(1));
  FailureOr<WindowAttrs> window =
      readTransposedWindowAttrs(n, n.input(0), asRef(kernel));
  if (failed(window))
    return failure();
  SmallVector<NamedAttribute> attrs = window->toNamed(n);
  attrs.push_back(n.named("group", n.i64(n.intAttr("group", 1))));
  if (n.attrErrors())
    return failure();
  return n.emit<graph::ConvTransposeOp>({n.input(0), n.input(1), n.input(2)},
                                        attrs);
}

/// AveragePool (1, 7, 10, 11, 19, 22): count_include_pad from 7, ceil_mode
/// from 10, dilations from 19.
LogicalResult importAveragePool(NodeImporter &n) {
  if (failed(n.expectInputs(1, 1)))
    return failure();
  bool ceilMode = n.intAttr("ceil_mode", 0) != 0;
  FailureOr<WindowAttrs> window =
      readWindowAttrs(n, n.input(0), std::nullopt, ceilMode);
  if (failed(window))
    return failure();
  SmallVector<NamedAttribute> attrs = window->toNamed(n);
  attrs.push_back(n.named("ceil_mode", n.b().getBoolAttr(ceilMode)));
  attrs.push_back(n.named("count_include_pad", n.b().getBoolAttr(n.intAttr(
                                                   "count_include_pad", 0))));
  if (n.attrErrors())
    return failure();
  return n.emit<graph::AveragePoolOp>({n.input(0)}, attrs);
}

/// MaxPool (1, 8, 10, 11, 12, 22): the Indices output and storage_order from
/// 8, ceil_mode and dilations from 10.
LogicalResult importMaxPool(NodeImporter &n) {
  if (failed(n.expectInputs(1, 1)))
    return failure();
  bool ceilMode = n.intAttr("ceil_mode", 0) != 0;
  FailureOr<WindowAttrs> window =
      readWindowAttrs(n, n.input(0), std::nullopt, ceilMode);
  if (failed(window))
    return failure();
  SmallVector<NamedAttribute> attrs = window->toNamed(n);
  attrs.push_back(n.named("ceil_mode", n.b().getBoolAttr(ceilMode)));
  attrs.push_back(
      n.named("storage_order", n.i64(n.intAttr("storage_order", 0))));
  if (n.attrErrors())
    return failure();
  return n.emit<graph::MaxPoolOp>({n.input(0)}, attrs, /*numResults=*/2);
}

template <typename OpTy> LogicalResult importGlobalPool(NodeImporter &n) {
  if (failed(n.expectInputs(1, 1)))
    return failure();
  return n.emit<OpTy>({n.input(0)});
}

//===----------------------------------------------------------------------===//
// Normalizations
//===----------------------------------------------------------------------===//

/// BatchNormalization: opset 14+ states training_mode; before, training is
/// asked for by listing the running statistics outputs (and is_test = 0
/// before opset 7). The saved_mean / saved_var outputs (before 14) and
/// spatial = 0 (before 9) are not supported.
LogicalResult importBatchNormalization(NodeImporter &n) {
  if (failed(n.expectInputs(5, 5)))
    return failure();
  auto listed = [&](int i) {
    return i < n.proto().output_size() && !n.proto().output(i).empty();
  };
  bool training;
  if (n.opset() >= 14) {
    training = n.intAttr("training_mode", 0) != 0;
  } else {
    if (listed(3) || listed(4))
      return n.error("the saved_mean and saved_var outputs are not supported");
    training = listed(1) || listed(2);
    if (n.opset() < 7 && n.intAttr("is_test", 0) != 0)
      training = false;
  }
  if (n.opset() < 9 && n.intAttr("spatial", 1) == 0) {
    std::optional<int64_t> rank = graph::rankOf(n.input(0));
    if (!rank || *rank > 2)
      return n.error("spatial = 0 (per-activation statistics) is not "
                     "supported");
  }
  SmallVector<NamedAttribute> attrs{
      n.named("epsilon", n.f32(n.floatAttr("epsilon", 1e-5f))),
      n.named("momentum", n.f32(n.floatAttr("momentum", 0.9f))),
      n.named("training_mode", n.b().getBoolAttr(training))};
  if (n.attrErrors())
    return failure();
  return n.emit<graph::BatchNormalizationOp>(n.inputs(), attrs,
                                             /*numResults=*/3);
}

LogicalResult importInstanceNormalization(NodeImporter &n) {
  if (failed(n.expectInputs(3, 3)))
    return failure();
  float epsilon = n.floatAttr("epsilon", 1e-5f);
  if (n.attrErrors())
    return failure();
  return n.emit<graph::InstanceNormalizationOp>(
      n.inputs(), {n.named("epsilon", n.f32(epsilon))});
}

/// GroupNormalization-18 has per-group scale and bias (num_groups values);
/// they are repeated per channel (a gather), as GroupNormalization-21 has
/// them.
LogicalResult importGroupNormalization(NodeImporter &n) {
  if (failed(n.expectInputs(3, 3)))
    return failure();
  if (!n.hasAttr("num_groups"))
    return n.error("has no 'num_groups' attribute");
  int64_t groups = n.intAttr("num_groups", 1);
  float epsilon = n.floatAttr("epsilon", 1e-5f);
  FailureOr<Type> stash = dataTypeAttr(n, "stash_type", 1);
  if (failed(stash))
    return failure();
  if (groups < 1)
    return n.error("num_groups must be positive");
  Value scale = n.input(1), bias = n.input(2);
  if (n.opset() < 21) {
    std::optional<ArrayRef<int64_t>> x = graph::shapeOf(n.input(0));
    if (!x || x->size() < 2 || (*x)[1] == graph::kDynamic)
      return n.error("needs a static channel count to expand the per-group "
                     "scale and bias");
    int64_t channels = (*x)[1];
    if (channels % groups != 0)
      return n.error(
          llvm::formatv("{0} channels are not divisible by num_groups {1}",
                        channels, groups));
    SmallVector<int64_t> indices(channels);
    for (int64_t c = 0; c < channels; ++c)
      indices[c] = c / (channels / groups);
    auto indexType = RankedTensorType::get({channels}, n.b().getI64Type());
    Operation *idx = n.create<graph::ConstantOp>(
        {}, {n.named("value",
                     DenseElementsAttr::get(indexType, ArrayRef(indices)))});
    if (!idx)
      return failure();
    for (Value *v : {&scale, &bias}) {
      std::optional<ArrayRef<int64_t>> s = graph::shapeOf(*v);
      if (s &&
          (s->size() != 1 || ((*s)[0] != graph::kDynamic && (*s)[0] != groups)))
        return n.error("scale and bias must have num_groups elements");
      Operation *g = n.create<graph::GatherOp>({*v, idx->getResult(0)},
                                               {n.named("axis", n.i64(0))});
      if (!g)
        return failure();
      *v = g->getResult(0);
    }
  }
  return n.emit<graph::GroupNormalizationOp>(
      {n.input(0), scale, bias},
      {n.named("num_groups", n.i64(groups)), n.named("epsilon", n.f32(epsilon)),
       n.named("stash_type", TypeAttr::get(*stash))});
}

LogicalResult importLayerNormalization(NodeImporter &n) {
  if (failed(n.expectInputs(2, 3)))
    return failure();
  FailureOr<int64_t> axis =
      normalizedAxis(n, n.input(0), n.intAttr("axis", -1));
  float epsilon = n.floatAttr("epsilon", 1e-5f);
  FailureOr<Type> stash = dataTypeAttr(n, "stash_type", 1);
  if (failed(axis) || failed(stash))
    return failure();
  return n.emit<graph::LayerNormalizationOp>(
      {n.input(0), n.input(1), n.input(2)},
      {n.named("axis", n.i64(*axis)), n.named("epsilon", n.f32(epsilon)),
       n.named("stash_type", TypeAttr::get(*stash))},
      /*numResults=*/3);
}

LogicalResult importRMSNormalization(NodeImporter &n) {
  if (failed(n.expectInputs(2, 2)))
    return failure();
  FailureOr<int64_t> axis =
      normalizedAxis(n, n.input(0), n.intAttr("axis", -1));
  float epsilon = n.floatAttr("epsilon", 1e-5f);
  FailureOr<Type> stash = dataTypeAttr(n, "stash_type", 1);
  if (failed(axis) || failed(stash))
    return failure();
  return n.emit<graph::RMSNormalizationOp>(
      {n.input(0), n.input(1)},
      {n.named("axis", n.i64(*axis)), n.named("epsilon", n.f32(epsilon)),
       n.named("stash_type", TypeAttr::get(*stash))});
}

LogicalResult importLRN(NodeImporter &n) {
  if (failed(n.expectInputs(1, 1)))
    return failure();
  if (!n.hasAttr("size"))
    return n.error("has no 'size' attribute");
  SmallVector<NamedAttribute> attrs{
      n.named("size", n.i64(n.intAttr("size", 1))),
      n.named("alpha", n.f32(n.floatAttr("alpha", 1e-4f))),
      n.named("beta", n.f32(n.floatAttr("beta", 0.75f))),
      n.named("bias", n.f32(n.floatAttr("bias", 1.0f)))};
  if (n.attrErrors())
    return failure();
  return n.emit<graph::LRNOp>({n.input(0)}, attrs);
}

//===----------------------------------------------------------------------===//
// Softmax and attention
//===----------------------------------------------------------------------===//

/// Softmax-13 normalizes along `axis` (default -1). Softmax-1/11 coerce the
/// input to 2-D at `axis` (default 1): imported as a reshape flattening the
/// dimensions from `axis` on, a softmax over that last dimension and a
/// reshape back.
LogicalResult importSoftmax(NodeImporter &n) {
  if (failed(n.expectInputs(1, 1)))
    return failure();
  Value input = n.input(0);
  bool coerce = n.opset() < 13;
  // Coercion flattens at axis in [-rank, rank] (as Flatten).
  FailureOr<int64_t> axis =
      normalizedAxis(n, input, n.intAttr("axis", coerce ? 1 : -1), coerce);
  if (failed(axis) || n.attrErrors())
    return failure();
  std::optional<ArrayRef<int64_t>> shape = graph::shapeOf(input);
  if (!coerce || (shape && *axis == (int64_t)shape->size() - 1))
    return n.emit<graph::SoftmaxOp>({input}, {n.named("axis", n.i64(*axis))});
  if (!shape)
    return n.error("needs a ranked input (Softmax before opset 13 coerces "
                   "it to 2-D)");
  // (d0, ..., d[axis-1], d[axis] * ... * d[rank-1])
  SmallVector<int64_t> flat(*axis, 0);
  flat.push_back(-1);
  Operation *reshaped = n.create<graph::ReshapeOp>(
      {input, n.none()}, {n.named("static_shape", n.i64s(flat))});
  if (!reshaped)
    return failure();
  Operation *softmax = n.create<graph::SoftmaxOp>(
      {reshaped->getResult(0)}, {n.named("axis", n.i64(*axis))});
  if (!softmax)
    return failure();
  // Back to the input's shape: as a static shape where at most one
  // dimension is unknown (that one inferred as -1), else from graph.shape.
  int64_t numDynamic = llvm::count(*shape, graph::kDynamic);
  bool hasZero = llvm::is_contained(*shape, 0);
  SmallVector<NamedAttribute> attrs;
  Value target = n.none();
  if (numDynamic == 0 || (numDynamic == 1 && !hasZero)) {
    SmallVector<int64_t> back(*shape);
    std::replace(back.begin(), back.end(), graph::kDynamic, int64_t(-1));
    attrs.push_back(n.named("static_shape", n.i64s(back)));
    attrs.push_back(n.named("allowzero", n.b().getBoolAttr(hasZero)));
  } else {
    Operation *shapeOp = n.create<graph::ShapeOp>({input});
    if (!shapeOp)
      return failure();
    target = shapeOp->getResult(0);
    attrs.push_back(n.named("allowzero", n.b().getBoolAttr(true)));
  }
  return n.emit<graph::ReshapeOp>({softmax->getResult(0), target}, attrs);
}

/// Attention (23, 24; nonpad_kv_seqlen from 24). The default scale,
/// 1 / sqrt(head size), and softmax precision (Q's type) are made explicit
/// where known.
LogicalResult importAttention(NodeImporter &n) {
  if (failed(n.expectInputs(3, n.opset() >= 24 ? 7 : 6)))
    return failure();
  SmallVector<Value> operands = n.inputs();
  operands.resize(7, n.none());
  for (Value &v : operands)
    if (!v)
      v = n.none();
  SmallVector<NamedAttribute> attrs{
      n.named("is_causal", n.b().getBoolAttr(n.intAttr("is_causal", 0))),
      n.named("qk_matmul_output_mode",
              n.i64(n.intAttr("qk_matmul_output_mode", 0))),
      n.named("softcap", n.f32(n.floatAttr("softcap", 0.0f)))};
  std::optional<int64_t> qHeads;
  for (StringRef name : {"q_num_heads", "kv_num_heads"}) {
    if (!n.hasAttr(name))
      continue;
    int64_t heads = n.intAttr(name, 1);
    attrs.push_back(n.named(name, n.i64(heads)));
    if (name == "q_num_heads")
      qHeads = heads;
  }
  Type qElt = getElementTypeOrSelf(operands[0]);
  Type precision = qElt;
  if (n.hasAttr("softmax_precision")) {
    FailureOr<Type> t = dataTypeAttr(n, "softmax_precision", 1);
    if (failed(t))
      return failure();
    precision = *t;
  }
  attrs.push_back(n.named("softmax_precision", TypeAttr::get(precision)));
  if (n.hasAttr("scale")) {
    attrs.push_back(n.named("scale", n.f32(n.floatAttr("scale", 1.0f))));
  } else if (std::optional<ArrayRef<int64_t>> q = graph::shapeOf(operands[0])) {
    // The head size: Q's last dimension, divided by the heads for 3-D Q.
    int64_t headSize = q->empty() ? graph::kDynamic : q->back();
    if (q->size() == 3 && headSize != graph::kDynamic)
      headSize = qHeads && *qHeads > 0 && headSize % *qHeads == 0
                     ? headSize / *qHeads
                     : graph::kDynamic;
    if (headSize != graph::kDynamic && headSize > 0)
      attrs.push_back(
          n.named("scale", n.f32(float(1.0 / std::sqrt(double(headSize))))));
  }
  if (n.attrErrors())
    return failure();
  return n.emit<graph::AttentionOp>(operands, attrs, /*numResults=*/4);
}

} // namespace

void registerNNImporters(OpImporterRegistry &r) {
  r.add("Conv", importConv);
  r.add("ConvTranspose", importConvTranspose);
  r.add("AveragePool", importAveragePool);
  r.add("MaxPool", importMaxPool);
  r.add("GlobalAveragePool", importGlobalPool<graph::GlobalAveragePoolOp>);
  r.add("GlobalMaxPool", importGlobalPool<graph::GlobalMaxPoolOp>);
  r.add("BatchNormalization", importBatchNormalization);
  r.add("InstanceNormalization", importInstanceNormalization);
  r.add("GroupNormalization", importGroupNormalization);
  r.add("LayerNormalization", importLayerNormalization);
  r.add("RMSNormalization", importRMSNormalization);
  r.add("LRN", importLRN);
  r.add("Softmax", importSoftmax);
  r.add("Attention", importAttention);
}

} // namespace mlc::onnx_import
