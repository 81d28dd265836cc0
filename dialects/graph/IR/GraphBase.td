//===- GraphBase.td - the graph dialect and its op base class -------------===//
//
// The graph dialect holds ONNX-level tensor computation in one normalized form
// per op, whatever the ONNX opset the model was written in. Values are builtin
// tensors (ranked with static or `?` dimensions, or unranked); an absent
// optional operand is the `none` value of `graph.none`.
//
// Shape-like operands (Reshape's shape, Slice's starts/ends/axes/steps, ...)
// are attributes when their values are known at compile time, and operands
// when not; the canonicalizer moves constant operands into the attributes.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_GRAPH_BASE_TD
#define MLC_GRAPH_BASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "dialects/graph/IR/GraphInterfaces.td"

def Graph_Dialect : Dialect {
  let name = "graph";
  let cppNamespace = "::mlc::graph";
  let summary = "ONNX-level tensor computation, normalized across opsets";
  let hasConstantMaterializer = 1;
  let dependentDialects = ["::mlir::func::FuncDialect"];
  let extraClassDeclaration = [{
    // Each op category registers its ops from its own file.
    void registerElementwiseOps();
    void registerLinalgOps();
    void registerNNOps();
    void registerQuantOps();
    void registerTensorOps();
    void registerKernelOps();
  }];
}

// Element types that ONNX tensors carry.
def Graph_AnyTensor : AnyTypeOf<[AnyRankedTensor, AnyUnrankedTensor]>;
def Graph_NoneType : Type<CPred<"::llvm::isa<::mlir::NoneType>($_self)">, "none",
                          "::mlir::NoneType">,
                     BuildableType<"$_builder.getType<::mlir::NoneType>()">;
def Graph_TensorOrNone : AnyTypeOf<[AnyTensor, Graph_NoneType], "tensor or none">;

// Every graph op is side-effect free and infers its result types from its
// operands and attributes; the verifier checks the declared result types
// against the inferred ones.
class Graph_Op<string mnemonic, list<Trait> traits = []>
    : Op<Graph_Dialect, mnemonic,
         !listconcat(traits, [Pure,
             DeclareOpInterfaceMethods<Graph_InferShapesOpInterface>])> {
  let assemblyFormat =
      "operands attr-dict `:` functional-type(operands, results)";
}

// Ops whose single result has the type of their first operand.
class Graph_SameTypeOp<string mnemonic, list<Trait> traits = []>
    : Graph_Op<mnemonic, traits> {
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::inferResultTypes(
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      types.push_back(getOperation()->getOperand(0).getType());
      return ::mlir::success();
    }
  }];
}

// Ops that broadcast all their operands (numpy rules) to one result whose
// element type is that of the first operand.
class Graph_BroadcastOp<string mnemonic, list<Trait> traits = []>
    : Graph_Op<mnemonic, traits> {
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::inferResultTypes(
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return ::mlc::graph::inferBroadcastResult(
          getOperation(), getOperation()->getOperands(),
          ::mlir::getElementTypeOrSelf(getOperation()->getOperand(0)), types);
    }
  }];
}

// Broadcasting comparisons and logical ops: the result is i1.
class Graph_BroadcastPredicateOp<string mnemonic, list<Trait> traits = []>
    : Graph_Op<mnemonic, traits> {
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::inferResultTypes(
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return ::mlc::graph::inferBroadcastResult(
          getOperation(), getOperation()->getOperands(),
          ::mlir::IntegerType::get(getContext(), 1), types);
    }
  }];
}

#endif // MLC_GRAPH_BASE_TD
