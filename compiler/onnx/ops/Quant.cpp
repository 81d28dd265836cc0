//===- Quant.cpp - import of quantization ONNX ops -------------------------===//

#include "compiler/onnx/NodeImporter.h"
#include "compiler/onnx/TensorConvert.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

namespace mlc::onnx_import {
namespace {

LogicalResult importDequantizeLinear(NodeImporter &n) {
  if (failed(n.expectInputs(2, 3)))
    return failure();
  std::optional<int64_t> rank = graph::rankOf(n.input(0));
  int64_t axis = n.intAttr("axis", 1);
  if (rank && *rank > 0) {
    if (axis < -*rank || axis >= *rank)
      return n.error(llvm::formatv("axis {0} is out of range for rank {1}",
                                   axis, *rank));
    if (axis < 0)
      axis += *rank;
  } else if (rank) {
    axis = 0;
  }
  // The result type: output_dtype (opset 23), else that of the scale.
  Type out = getElementTypeOrSelf(n.input(1));
  if (int64_t dtype = n.intAttr("output_dtype", 0))
    out = convertElementType(n.context(), dtype);
  if (!out)
    return n.error("unsupported output_dtype");
  return n.emit<graph::DequantizeLinearOp>(
      {n.input(0), n.input(1), n.input(2)},
      {n.named("axis", n.i64(axis)),
       n.named("block_size", n.i64(n.intAttr("block_size", 0))),
       n.named("output_dtype", TypeAttr::get(out))});
}

} // namespace

void registerQuantImporters(OpImporterRegistry &r) {
  r.add("DequantizeLinear", importDequantizeLinear);
}

} // namespace mlc::onnx_import
