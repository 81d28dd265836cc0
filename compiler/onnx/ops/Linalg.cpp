//===- Linalg.cpp - import of matrix product, reduction, scan, top-k ops ---===//

#include "compiler/onnx/NodeImporter.h"

using namespace mlir;

namespace mlc::onnx_import {
namespace {

LogicalResult importMatMul(NodeImporter &n) {
  if (failed(n.expectInputs(2, 2)))
    return failure();
  return n.emit<graph::MatMulOp>({n.input(0), n.input(1)});
}

} // namespace

void registerLinalgImporters(OpImporterRegistry &r) {
  r.add("MatMul", importMatMul);
}

} // namespace mlc::onnx_import
