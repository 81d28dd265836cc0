//===- QuantOps.cpp - quantization graph ops -------------------------------===//

#include "dialects/graph/IR/GraphOps.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace mlc::graph;

#define GET_OP_CLASSES
#include "dialects/graph/IR/QuantOps.cpp.inc"

void GraphDialect::registerQuantOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/graph/IR/QuantOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// DequantizeLinearOp
//===----------------------------------------------------------------------===//

LogicalResult DequantizeLinearOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  types.push_back(makeTensorType(shapeOf(getX()), getOutputDtype()));
  return success();
}
