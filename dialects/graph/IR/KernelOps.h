//===- KernelOps.h - fused kernels the compiler forms
//----------------------===//
//
// Include this (not only GraphOps.h) to use graph.fused_attention: its
// interfaces pull in the bufferization headers, which most users of the
// graph dialect do not need.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_DIALECTS_GRAPH_IR_KERNELOPS_H
#define MLC_DIALECTS_GRAPH_IR_KERNELOPS_H

#include "dialects/graph/IR/GraphOps.h"

#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"

#define GET_OP_CLASSES
#include "dialects/graph/IR/KernelOps.h.inc"

#endif // MLC_DIALECTS_GRAPH_IR_KERNELOPS_H
