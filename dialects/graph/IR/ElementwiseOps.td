//===- ElementwiseOps.td - elementwise graph ops --------------------------===//
//
// Unary math, broadcasting binary arithmetic, comparisons and logic,
// activations, Cast, Clip, Where and the variadic Max/Min/Sum.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_GRAPH_ELEMENTWISE_OPS_TD
#define MLC_GRAPH_ELEMENTWISE_OPS_TD

include "dialects/graph/IR/GraphBase.td"

//===----------------------------------------------------------------------===//
// Binary arithmetic (numpy broadcasting)
//===----------------------------------------------------------------------===//

class Graph_BinaryArithOp<string mnemonic, list<Trait> traits = []>
    : Graph_BroadcastOp<mnemonic, traits> {
  let arguments = (ins AnyTensor:$lhs, AnyTensor:$rhs);
  let results = (outs AnyTensor:$result);
}

def Graph_AddOp : Graph_BinaryArithOp<"add", [Commutative]> {
  let summary = "elementwise addition with numpy broadcasting (ONNX Add)";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Comparisons
//===----------------------------------------------------------------------===//

class Graph_CompareOp<string mnemonic, list<Trait> traits = []>
    : Graph_BroadcastPredicateOp<mnemonic, traits> {
  let arguments = (ins AnyTensor:$lhs, AnyTensor:$rhs);
  let results = (outs TensorOf<[I1]>:$result);
}

def Graph_EqualOp : Graph_CompareOp<"equal", [Commutative]> {
  let summary = "elementwise equality, broadcasting (ONNX Equal)";
}

//===----------------------------------------------------------------------===//
// Unary ops that keep their operand's type
//===----------------------------------------------------------------------===//

class Graph_UnaryOp<string mnemonic, list<Trait> traits = []>
    : Graph_SameTypeOp<mnemonic, traits> {
  let arguments = (ins AnyTensor:$input);
  let results = (outs AnyTensor:$output);
}

def Graph_ReluOp : Graph_UnaryOp<"relu"> {
  let summary = "max(x, 0) (ONNX Relu)";
}

//===----------------------------------------------------------------------===//
// Cast
//===----------------------------------------------------------------------===//

def Graph_CastOp : Graph_Op<"cast"> {
  let summary = "converts to another element type (ONNX Cast)";
  let description = [{
    `to` is the result element type. `saturate` applies to float8 targets
    only (ONNX Cast-19).
  }];
  let arguments = (ins AnyTensor:$input, TypeAttr:$to,
                       DefaultValuedAttr<BoolAttr, "true">:$saturate);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
}

#endif // MLC_GRAPH_ELEMENTWISE_OPS_TD
