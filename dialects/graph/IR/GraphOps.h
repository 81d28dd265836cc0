//===- GraphOps.h - the graph dialect and its ops --------------------------===//
//
// Include this to use the graph dialect's op classes. It is heavy (all op
// declarations); light-weight code should include ShapeUtils.h or forward
// declare instead.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_DIALECTS_GRAPH_IR_GRAPHOPS_H
#define MLC_DIALECTS_GRAPH_IR_GRAPHOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "dialects/graph/IR/GraphDialect.h.inc"
#include "dialects/graph/IR/ShapeUtils.h"

#include "dialects/graph/IR/GraphInterfaces.h.inc"

#define GET_OP_CLASSES
#include "dialects/graph/IR/ElementwiseOps.h.inc"
#define GET_OP_CLASSES
#include "dialects/graph/IR/LinalgOps.h.inc"
#define GET_OP_CLASSES
#include "dialects/graph/IR/NNOps.h.inc"
#define GET_OP_CLASSES
#include "dialects/graph/IR/QuantOps.h.inc"
#define GET_OP_CLASSES
#include "dialects/graph/IR/TensorOps.h.inc"

#endif // MLC_DIALECTS_GRAPH_IR_GRAPHOPS_H
