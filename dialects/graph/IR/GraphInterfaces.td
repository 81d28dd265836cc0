//===- GraphInterfaces.td - interfaces of the graph dialect ---------------===//

#ifndef MLC_GRAPH_INTERFACES_TD
#define MLC_GRAPH_INTERFACES_TD

include "mlir/IR/OpBase.td"

def Graph_InferShapesOpInterface : OpInterface<"InferShapesOpInterface"> {
  let cppNamespace = "::mlc::graph";
  let description = [{
    Result-type inference for graph ops. `inferResultTypes` appends one type
    per result: a ranked tensor with static or dynamic (`?`) dimensions, an
    unranked tensor when even the rank is unknown, or `none`. It reads
    operand types, attributes, and the values of constant operands; on
    invalid input (an axis out of range, shapes that do not broadcast, ...)
    it emits an error on the op and fails.

    The interface verifier checks each declared result type against the
    inferred one: same element type, and shapes that agree wherever both are
    static. The shape-inference pass replaces declared types by inferred
    ones where the inferred ones are more precise.
  }];
  let methods = [
    InterfaceMethod<
      "Appends the inferred type of every result to `types`.",
      "::mlir::LogicalResult", "inferResultTypes",
      (ins "::llvm::SmallVectorImpl<::mlir::Type> &":$types)>,
  ];
  let verify = [{ return ::mlc::graph::verifyInferredResultTypes($_op); }];
}

#endif // MLC_GRAPH_INTERFACES_TD
