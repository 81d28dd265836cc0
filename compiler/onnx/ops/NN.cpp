//===- NN.cpp - import of neural-network ONNX ops --------------------------===//

#include "compiler/onnx/NodeImporter.h"
#include "compiler/onnx/ops/ConvAttrs.h"

using namespace mlir;

namespace mlc::onnx_import {
namespace {

LogicalResult importConv(NodeImporter &n) {
  if (failed(n.expectInputs(2, 3)))
    return failure();
  std::optional<ArrayRef<int64_t>> w = graph::shapeOf(n.input(1));
  std::optional<SmallVector<int64_t>> kernel;
  if (w && w->size() >= 2)
    kernel = SmallVector<int64_t>(w->drop_front(2));
  FailureOr<WindowAttrs> window = readWindowAttrs(
      n, n.input(0),
      kernel ? std::optional<ArrayRef<int64_t>>(*kernel) : std::nullopt);
  if (failed(window))
    return failure();
  SmallVector<NamedAttribute> attrs = window->toNamed(n);
  attrs.push_back(n.named("group", n.i64(n.intAttr("group", 1))));
  return n.emit<graph::ConvOp>({n.input(0), n.input(1), n.input(2)}, attrs);
}

} // namespace

void registerNNImporters(OpImporterRegistry &r) { r.add("Conv", importConv); }

} // namespace mlc::onnx_import
