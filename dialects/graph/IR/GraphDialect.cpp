//===- GraphDialect.cpp - the graph dialect --------------------------------===//

#include "dialects/graph/IR/GraphOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

using namespace mlir;
using namespace mlc::graph;

#include "dialects/graph/IR/GraphDialect.cpp.inc"
#include "dialects/graph/IR/GraphInterfaces.cpp.inc"

void GraphDialect::initialize() {
  registerElementwiseOps();
  registerLinalgOps();
  registerNNOps();
  registerQuantOps();
  registerTensorOps();
  registerKernelOps();
}

Operation *GraphDialect::materializeConstant(OpBuilder &builder,
                                             Attribute value, Type type,
                                             Location loc) {
  if (llvm::isa<NoneType>(type))
    return builder.create<NoneOp>(loc, type);
  auto elements = llvm::dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return builder.create<ConstantOp>(loc, type, elements);
}
