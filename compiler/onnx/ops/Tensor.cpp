//===- Tensor.cpp - import of data movement and shape ONNX ops -------------===//

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
  SmallVector<NamedAttribute> attrs{n.named("start", n.i64(n.intAttr("start", 0)))};
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

LogicalResult importConcat(NodeImporter &n) {
  if (n.numInputs() < 1)
    return n.error("needs at least one input");
  SmallVector<Value> inputs = n.inputs();
  std::optional<int64_t> rank = graph::rankOf(inputs[0]);
  int64_t axis = n.intAttr("axis", n.opset() < 4 ? 1 : 0);
  if (!n.hasAttr("axis") && n.opset() >= 4)
    return n.error("has no 'axis' attribute");
  if (!rank)
    return n.error("needs a ranked first input");
  FailureOr<int64_t> a = axis < -*rank || axis >= *rank
                             ? FailureOr<int64_t>(failure())
                             : FailureOr<int64_t>(axis < 0 ? axis + *rank : axis);
  if (failed(a))
    return n.error(llvm::formatv("axis {0} is out of range for rank {1}", axis,
                                 *rank));
  return n.emit<graph::ConcatOp>(inputs, {n.named("axis", n.i64(*a))});
}

LogicalResult importGather(NodeImporter &n) {
  if (failed(n.expectInputs(2, 2)))
    return failure();
  std::optional<int64_t> rank = graph::rankOf(n.input(0));
  if (!rank)
    return n.error("needs a ranked data input");
  int64_t axis = n.intAttr("axis", 0);
  if (axis < -*rank || axis >= *rank)
    return n.error(llvm::formatv("axis {0} is out of range for rank {1}", axis,
                                 *rank));
  if (axis < 0)
    axis += *rank;
  return n.emit<graph::GatherOp>({n.input(0), n.input(1)},
                                 {n.named("axis", n.i64(axis))});
}

} // namespace

void registerTensorImporters(OpImporterRegistry &r) {
  r.add("Constant", importConstant);
  r.add("Shape", importShape);
  r.add("Reshape", importReshape);
  r.add("Concat", importConcat);
  r.add("Gather", importGather);
}

} // namespace mlc::onnx_import
