//===- Elementwise.cpp - import of elementwise ONNX ops --------------------===//

#include "compiler/onnx/NodeImporter.h"
#include "compiler/onnx/TensorConvert.h"

using namespace mlir;

namespace mlc::onnx_import {
namespace {

/// Before opset 7, binary ops broadcast only with `broadcast=1`, aligning B
/// at `axis` of A; this reshapes B so that numpy rules give the same result.
FailureOr<Value> legacyBroadcastRhs(NodeImporter &n, Value lhs, Value rhs) {
  if (n.opset() >= 7 || n.intAttr("broadcast", 0) == 0 || !n.hasAttr("axis"))
    return rhs;
  std::optional<int64_t> rankA = graph::rankOf(lhs);
  std::optional<int64_t> rankB = graph::rankOf(rhs);
  if (!rankA || !rankB)
    return n.error("legacy broadcasting with an axis needs ranked operands");
  int64_t axis = n.intAttr("axis", 0);
  if (axis < 0)
    axis += *rankA;
  int64_t trailing = *rankA - axis - *rankB;
  if (axis < 0 || trailing < 0)
    return n.error("legacy broadcast axis is out of range");
  if (trailing == 0)
    return rhs;
  SmallVector<int64_t> shape(*rankB, 0);
  shape.append(trailing, 1);
  Operation *op = n.create<graph::ReshapeOp>(
      {rhs, n.none()}, {n.named("static_shape", n.i64s(shape))});
  if (!op)
    return failure();
  return op->getResult(0);
}

template <typename OpTy>
LogicalResult importBinary(NodeImporter &n) {
  if (failed(n.expectInputs(2, 2)))
    return failure();
  FailureOr<Value> rhs = legacyBroadcastRhs(n, n.input(0), n.input(1));
  if (failed(rhs))
    return failure();
  return n.emit<OpTy>({n.input(0), *rhs});
}

template <typename OpTy>
LogicalResult importUnary(NodeImporter &n) {
  if (failed(n.expectInputs(1, 1)))
    return failure();
  return n.emit<OpTy>({n.input(0)});
}

LogicalResult importCast(NodeImporter &n) {
  if (failed(n.expectInputs(1, 1)))
    return failure();
  Type to;
  if (n.opset() < 6) {
    // Cast-1 names the type as a string ("FLOAT").
    std::string name = llvm::StringRef(n.stringAttr("to", "")).lower();
    for (int32_t t = 1; t <= 23 && !to; ++t)
      if (dataTypeName(t) == name)
        to = convertElementType(n.context(), t);
  } else {
    to = convertElementType(n.context(), n.intAttr("to", 0));
  }
  if (!to)
    return n.error("unsupported or missing target type 'to'");
  return n.emit<graph::CastOp>(
      {n.input(0)},
      {n.named("to", TypeAttr::get(to)),
       n.named("saturate", n.b().getBoolAttr(n.intAttr("saturate", 1) != 0))});
}

} // namespace

void registerElementwiseImporters(OpImporterRegistry &r) {
  r.add("Add", importBinary<graph::AddOp>);
  r.add("Equal", importBinary<graph::EqualOp>);
  r.add("Relu", importUnary<graph::ReluOp>);
  r.add("Cast", importCast);
}

} // namespace mlc::onnx_import
