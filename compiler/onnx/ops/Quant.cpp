//===- Quant.cpp - import of quantization ONNX ops -------------------------===//
//
// QuantizeLinear / DequantizeLinear (opsets 10 to 25: axis from 13,
// saturate from 19, block_size and output_dtype from 21/23, precision from
// 23), DynamicQuantizeLinear, MatMulInteger, QLinearMatMul, ConvInteger and
// QLinearConv. Result element types are made explicit here.
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/NodeImporter.h"
#include "compiler/onnx/TensorConvert.h"
#include "compiler/onnx/ops/ConvAttrs.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

namespace mlc::onnx_import {
namespace {

/// The normalized quantization axis: 0 for a scale known to be per tensor
/// (ONNX ignores the axis then), in [0, rank) when the rank is known and
/// the axis in range, as given otherwise (the verifier reports it).
int64_t quantAxis(NodeImporter &n, Value x, Value scale, int64_t blockSize) {
  int64_t axis = n.intAttr("axis", 1);
  std::optional<ArrayRef<int64_t>> s = graph::shapeOf(scale);
  if (blockSize == 0 && s && llvm::all_of(*s, [](int64_t d) { return d == 1; }))
    return 0;
  std::optional<int64_t> rank = graph::rankOf(x);
  return rank && axis < 0 && axis >= -*rank ? axis + *rank : axis;
}

/// The element type of ONNX's `output_dtype` attribute, a null type when it
/// is absent or 0, and failure (reported) when MLC has no such type.
FailureOr<Type> outputDtype(NodeImporter &n) {
  int64_t dtype = n.intAttr("output_dtype", 0);
  if (dtype == 0)
    return Type();
  if (Type t = convertElementType(n.context(), dtype))
    return t;
  return n.error(llvm::formatv("unsupported output_dtype {0}", dtype));
}

LogicalResult importQuantizeLinear(NodeImporter &n) {
  if (failed(n.expectInputs(2, 3)))
    return failure();
  FailureOr<Type> dtype = outputDtype(n);
  if (failed(dtype))
    return failure();
  // The result type: the zero point's, else output_dtype, else uint8.
  Type out = *dtype;
  if (n.hasInput(2)) {
    Type zp = getElementTypeOrSelf(n.input(2));
    if (out && out != zp)
      return n.error("output_dtype differs from the zero point's type");
    out = zp;
  }
  if (!out)
    out = IntegerType::get(n.context(), 8, IntegerType::Unsigned);
  int64_t blockSize = n.intAttr("block_size", 0);
  SmallVector<NamedAttribute> attrs{
      n.named("axis", n.i64(quantAxis(n, n.input(0), n.input(1), blockSize))),
      n.named("block_size", n.i64(blockSize)),
      n.named("saturate", n.b().getBoolAttr(n.intAttr("saturate", 1) != 0)),
      n.named("output_dtype", TypeAttr::get(out))};
  if (int64_t precision = n.intAttr("precision", 0)) {
    Type t = convertElementType(n.context(), precision);
    if (!t)
      return n.error(llvm::formatv("unsupported precision {0}", precision));
    attrs.push_back(n.named("precision", TypeAttr::get(t)));
  }
  if (n.attrErrors())
    return failure();
  return n.emit<graph::QuantizeLinearOp>({n.input(0), n.input(1), n.input(2)},
                                         attrs);
}

LogicalResult importDequantizeLinear(NodeImporter &n) {
  if (failed(n.expectInputs(2, 3)))
    return failure();
  FailureOr<Type> dtype = outputDtype(n);
  if (failed(dtype))
    return failure();
  // The result type: output_dtype (opset 23), else that of the scale (f32
  // before opset 19).
  Type out = *dtype ? *dtype : getElementTypeOrSelf(n.input(1));
  int64_t blockSize = n.intAttr("block_size", 0);
  int64_t axis = quantAxis(n, n.input(0), n.input(1), blockSize);
  if (n.attrErrors())
    return failure();
  return n.emit<graph::DequantizeLinearOp>(
      {n.input(0), n.input(1), n.input(2)},
      {n.named("axis", n.i64(axis)), n.named("block_size", n.i64(blockSize)),
       n.named("output_dtype", TypeAttr::get(out))});
}

LogicalResult importDynamicQuantizeLinear(NodeImporter &n) {
  if (failed(n.expectInputs(1, 1)))
    return failure();
  return n.emit<graph::DynamicQuantizeLinearOp>({n.input(0)}, {}, 3);
}

LogicalResult importMatMulInteger(NodeImporter &n) {
  if (failed(n.expectInputs(2, 4)))
    return failure();
  return n.emit<graph::MatMulIntegerOp>(
      {n.input(0), n.input(1), n.input(2), n.input(3)});
}

LogicalResult importQLinearMatMul(NodeImporter &n) {
  if (failed(n.expectInputs(8, 8)))
    return failure();
  return n.emit<graph::QLinearMatMulOp>(n.inputs());
}

/// The window attributes of a convolution with data input `x` and weight
/// `w`, as named attributes with `group`.
FailureOr<SmallVector<NamedAttribute>> convAttrs(NodeImporter &n, Value x,
                                                 Value w) {
  std::optional<ArrayRef<int64_t>> ws = graph::shapeOf(w);
  std::optional<SmallVector<int64_t>> kernel;
  if (ws && ws->size() >= 2)
    kernel = SmallVector<int64_t>(ws->drop_front(2));
  FailureOr<WindowAttrs> window = readWindowAttrs(
      n, x, kernel ? std::optional<ArrayRef<int64_t>>(*kernel) : std::nullopt);
  if (failed(window))
    return failure();
  SmallVector<NamedAttribute> attrs = window->toNamed(n);
  attrs.push_back(n.named("group", n.i64(n.intAttr("group", 1))));
  if (n.attrErrors())
    return failure();
  return attrs;
}

LogicalResult importConvInteger(NodeImporter &n) {
  if (failed(n.expectInputs(2, 4)))
    return failure();
  FailureOr<SmallVector<NamedAttribute>> attrs =
      convAttrs(n, n.input(0), n.input(1));
  if (failed(attrs))
    return failure();
  return n.emit<graph::ConvIntegerOp>(
      {n.input(0), n.input(1), n.input(2), n.input(3)}, *attrs);
}

LogicalResult importQLinearConv(NodeImporter &n) {
  if (failed(n.expectInputs(8, 9)))
    return failure();
  FailureOr<SmallVector<NamedAttribute>> attrs =
      convAttrs(n, n.input(0), n.input(3));
  if (failed(attrs))
    return failure();
  SmallVector<Value> operands = n.inputs();
  operands.resize(9, n.none());
  return n.emit<graph::QLinearConvOp>(operands, *attrs);
}

} // namespace

void registerQuantImporters(OpImporterRegistry &r) {
  r.add("QuantizeLinear", importQuantizeLinear);
  r.add("DequantizeLinear", importDequantizeLinear);
  r.add("DynamicQuantizeLinear", importDynamicQuantizeLinear);
  r.add("MatMulInteger", importMatMulInteger);
  r.add("QLinearMatMul", importQLinearMatMul);
  r.add("ConvInteger", importConvInteger);
  r.add("QLinearConv", importQLinearConv);
}

} // namespace mlc::onnx_import
