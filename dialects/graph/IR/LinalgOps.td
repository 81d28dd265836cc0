//===- LinalgOps.td - matrix products, reductions, scans, top-k -----------===//

#ifndef MLC_GRAPH_LINALG_OPS_TD
#define MLC_GRAPH_LINALG_OPS_TD

include "dialects/graph/IR/GraphBase.td"

def Graph_MatMulOp : Graph_Op<"matmul"> {
  let summary = "numpy matmul: batched, broadcasting, 1-D promoted (ONNX MatMul)";
  let arguments = (ins AnyTensor:$lhs, AnyTensor:$rhs);
  let results = (outs AnyTensor:$result);
}

#endif // MLC_GRAPH_LINALG_OPS_TD
