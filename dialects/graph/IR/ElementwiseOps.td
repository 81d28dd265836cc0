//===- ElementwiseOps.td - elementwise graph ops --------------------------===//
//
// Unary math, broadcasting binary arithmetic, comparisons and logic,
// activations, Cast, Clip, Dropout, Where and the variadic Max/Min/Sum/Mean.
//
// Binary and variadic ops broadcast with numpy rules (ONNX "multidirectional
// broadcasting"); the legacy `broadcast`/`axis` attributes of opset < 7 are
// resolved by the importer. Their operands share one element type (except
// Pow's exponent and Where's condition).
//
//===----------------------------------------------------------------------===//

#ifndef MLC_GRAPH_ELEMENTWISE_OPS_TD
#define MLC_GRAPH_ELEMENTWISE_OPS_TD

include "dialects/graph/IR/GraphBase.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"

def Graph_FloatTensor : TensorOf<[AnyFloat]>;
def Graph_BoolTensor : TensorOf<[I1]>;

// Broadcasting ops whose operands all have one element type; the result has
// that element type (or i1 for predicates).
class Graph_ElementwiseBroadcastOp<string mnemonic, bit predicate,
                                   list<Trait> traits = []>
    : Graph_Op<mnemonic, traits> {
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::inferResultTypes(
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return inferSameElementBroadcast(getOperation(),
                                       }] # !if(predicate, "true", "false") # [{,
                                       types);
    }
  }];
}

//===----------------------------------------------------------------------===//
// Binary arithmetic (numpy broadcasting)
//===----------------------------------------------------------------------===//

class Graph_BinaryArithOp<string mnemonic, list<Trait> traits = []>
    : Graph_ElementwiseBroadcastOp<mnemonic, 0, traits> {
  let arguments = (ins AnyTensor:$lhs, AnyTensor:$rhs);
  let results = (outs AnyTensor:$result);
  let hasFolder = 1;
}

def Graph_AddOp : Graph_BinaryArithOp<"add", [Commutative]> {
  let summary = "elementwise addition with numpy broadcasting (ONNX Add)";
  let description = [{
    Integers wrap around. Folds small integer constants and `x + 0` for
    integers.
  }];
}

def Graph_SubOp : Graph_BinaryArithOp<"sub"> {
  let summary = "elementwise subtraction with numpy broadcasting (ONNX Sub)";
  let description = [{
    Integers wrap around. Folds small integer constants and `x - 0`.
  }];
}

def Graph_MulOp : Graph_BinaryArithOp<"mul", [Commutative]> {
  let summary = "elementwise multiplication with numpy broadcasting (ONNX Mul)";
  let description = [{
    Integers wrap around. Folds small integer constants and `x * 1`.
  }];
}

def Graph_DivOp : Graph_BinaryArithOp<"div"> {
  let summary = "elementwise division with numpy broadcasting (ONNX Div)";
  let description = [{
    Integer division truncates toward zero (as C, and as the ONNX reference
    implementation). Folds small integer constants (not by zero) and `x / 1`.
  }];
}

def Graph_ModOp : Graph_BinaryArithOp<"mod"> {
  let summary = "elementwise remainder with numpy broadcasting (ONNX Mod)";
  let description = [{
    With `fmod` false the result has the sign of the divisor (Python's `%`);
    with `fmod` set it has the sign of the dividend (C's `fmod`). Floating
    point operands require `fmod` (ONNX defines only that form for them; the
    importer sets it).
  }];
  let arguments = (ins AnyTensor:$lhs, AnyTensor:$rhs,
                       DefaultValuedAttr<BoolAttr, "false">:$fmod);
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::inferResultTypes(
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return inferMod(*this, types);
    }
  }];
}

def Graph_PowOp : Graph_BroadcastOp<"pow"> {
  let summary = "elementwise power with numpy broadcasting (ONNX Pow)";
  let description = [{
    The result has the element type of the base `lhs`; the exponent `rhs`
    may have another numeric element type (ONNX Pow-12).
  }];
  let arguments = (ins AnyTensor:$lhs, AnyTensor:$rhs);
  let results = (outs AnyTensor:$result);
}

//===----------------------------------------------------------------------===//
// Variadic (numpy broadcasting of all operands)
//===----------------------------------------------------------------------===//

class Graph_VariadicOp<string mnemonic, list<Trait> traits = []>
    : Graph_ElementwiseBroadcastOp<mnemonic, 0, traits> {
  let arguments = (ins Variadic<AnyTensor>:$inputs);
  let results = (outs AnyTensor:$result);
}

def Graph_MaxOp : Graph_VariadicOp<"max", [Commutative]> {
  let summary = "elementwise maximum of one or more tensors (ONNX Max)";
  let description = [{ Folds small integer constants. }];
  let hasFolder = 1;
}

def Graph_MinOp : Graph_VariadicOp<"min", [Commutative]> {
  let summary = "elementwise minimum of one or more tensors (ONNX Min)";
  let description = [{ Folds small integer constants. }];
  let hasFolder = 1;
}

def Graph_SumOp : Graph_VariadicOp<"sum", [Commutative]> {
  let summary = "elementwise sum of one or more tensors (ONNX Sum)";
  let description = [{ Folds small integer constants. }];
  let hasFolder = 1;
}

def Graph_MeanOp : Graph_VariadicOp<"mean", [Commutative]> {
  let summary = "elementwise mean of one or more tensors (ONNX Mean)";
  let arguments = (ins Variadic<Graph_FloatTensor>:$inputs);
}

//===----------------------------------------------------------------------===//
// Comparisons and logic (i1 results)
//===----------------------------------------------------------------------===//

class Graph_CompareOp<string mnemonic, list<Trait> traits = []>
    : Graph_ElementwiseBroadcastOp<mnemonic, 1, traits> {
  let arguments = (ins AnyTensor:$lhs, AnyTensor:$rhs);
  let results = (outs Graph_BoolTensor:$result);
  let hasFolder = 1;
}

def Graph_EqualOp : Graph_CompareOp<"equal", [Commutative]> {
  let summary = "elementwise equality, broadcasting (ONNX Equal)";
}

def Graph_GreaterOp : Graph_CompareOp<"greater"> {
  let summary = "elementwise lhs > rhs, broadcasting (ONNX Greater)";
}

def Graph_LessOp : Graph_CompareOp<"less"> {
  let summary = "elementwise lhs < rhs, broadcasting (ONNX Less)";
}

class Graph_LogicOp<string mnemonic, list<Trait> traits = []>
    : Graph_ElementwiseBroadcastOp<mnemonic, 1, traits> {
  let arguments = (ins Graph_BoolTensor:$lhs, Graph_BoolTensor:$rhs);
  let results = (outs Graph_BoolTensor:$result);
  let hasFolder = 1;
}

def Graph_AndOp : Graph_LogicOp<"and", [Commutative]> {
  let summary = "elementwise logical and, broadcasting (ONNX And)";
}

def Graph_OrOp : Graph_LogicOp<"or", [Commutative]> {
  let summary = "elementwise logical or, broadcasting (ONNX Or)";
}

def Graph_NotOp : Graph_SameTypeOp<"not"> {
  let summary = "elementwise logical negation (ONNX Not)";
  let arguments = (ins Graph_BoolTensor:$input);
  let results = (outs Graph_BoolTensor:$output);
  let hasFolder = 1;
}

def Graph_IsNaNOp : Graph_Op<"is_nan"> {
  let summary = "elementwise test for NaN (ONNX IsNaN)";
  let arguments = (ins Graph_FloatTensor:$input);
  let results = (outs Graph_BoolTensor:$output);
}

//===----------------------------------------------------------------------===//
// Where
//===----------------------------------------------------------------------===//

def Graph_WhereOp : Graph_Op<"where"> {
  let summary = "elementwise select, broadcasting all three operands (ONNX Where)";
  let description = [{
    `condition ? x : y`; `x` and `y` have one element type, which is the
    result's. Folds small constants and constant conditions.
  }];
  let arguments = (ins Graph_BoolTensor:$condition, AnyTensor:$x,
                       AnyTensor:$y);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Unary ops that keep their operand's type
//===----------------------------------------------------------------------===//

class Graph_UnaryOp<string mnemonic, list<Trait> traits = []>
    : Graph_SameTypeOp<mnemonic, traits> {
  let arguments = (ins AnyTensor:$input);
  let results = (outs AnyTensor:$output);
}

class Graph_FloatUnaryOp<string mnemonic, list<Trait> traits = []>
    : Graph_SameTypeOp<mnemonic, traits> {
  let arguments = (ins Graph_FloatTensor:$input);
  let results = (outs Graph_FloatTensor:$output);
}

def Graph_IdentityOp : Graph_UnaryOp<"identity"> {
  let summary = "the input unchanged (ONNX Identity); folds away";
  let hasFolder = 1;
}

def Graph_AbsOp : Graph_UnaryOp<"abs"> {
  let summary = "elementwise absolute value (ONNX Abs)";
  let hasFolder = 1;
}

def Graph_NegOp : Graph_UnaryOp<"neg"> {
  let summary = "elementwise negation (ONNX Neg)";
  let hasFolder = 1;
}

def Graph_ReluOp : Graph_UnaryOp<"relu"> {
  let summary = "max(x, 0) (ONNX Relu)";
}

def Graph_CeilOp : Graph_FloatUnaryOp<"ceil"> {
  let summary = "elementwise ceiling (ONNX Ceil)";
}

def Graph_FloorOp : Graph_FloatUnaryOp<"floor"> {
  let summary = "elementwise floor (ONNX Floor)";
}

def Graph_RoundOp : Graph_FloatUnaryOp<"round"> {
  let summary = "elementwise rounding, halves to even (ONNX Round)";
}

def Graph_SqrtOp : Graph_FloatUnaryOp<"sqrt"> {
  let summary = "elementwise square root (ONNX Sqrt)";
}

def Graph_ReciprocalOp : Graph_FloatUnaryOp<"reciprocal"> {
  let summary = "elementwise 1/x (ONNX Reciprocal)";
}

def Graph_ExpOp : Graph_FloatUnaryOp<"exp"> {
  let summary = "elementwise e^x (ONNX Exp)";
}

def Graph_LogOp : Graph_FloatUnaryOp<"log"> {
  let summary = "elementwise natural logarithm (ONNX Log)";
}

def Graph_SinOp : Graph_FloatUnaryOp<"sin"> {
  let summary = "elementwise sine (ONNX Sin)";
}

def Graph_CosOp : Graph_FloatUnaryOp<"cos"> {
  let summary = "elementwise cosine (ONNX Cos)";
}

def Graph_TanhOp : Graph_FloatUnaryOp<"tanh"> {
  let summary = "elementwise hyperbolic tangent (ONNX Tanh)";
}

def Graph_ErfOp : Graph_FloatUnaryOp<"erf"> {
  let summary = "elementwise error function (ONNX Erf)";
}

def Graph_SigmoidOp : Graph_FloatUnaryOp<"sigmoid"> {
  let summary = "1 / (1 + exp(-x)) (ONNX Sigmoid)";
}

def Graph_SoftplusOp : Graph_FloatUnaryOp<"softplus"> {
  let summary = "ln(exp(x) + 1) (ONNX Softplus)";
}

def Graph_MishOp : Graph_FloatUnaryOp<"mish"> {
  let summary = "x * tanh(softplus(x)) (ONNX Mish)";
}

def Graph_HardSwishOp : Graph_FloatUnaryOp<"hard_swish"> {
  let summary = "x * max(0, min(1, x / 6 + 1 / 2)) (ONNX HardSwish)";
}

def Graph_HardSigmoidOp : Graph_FloatUnaryOp<"hard_sigmoid"> {
  let summary = "max(0, min(1, alpha * x + beta)) (ONNX HardSigmoid)";
  let arguments = (ins Graph_FloatTensor:$input,
                       DefaultValuedAttr<F32Attr, "0.2">:$alpha,
                       DefaultValuedAttr<F32Attr, "0.5">:$beta);
}

def Graph_LeakyReluOp : Graph_FloatUnaryOp<"leaky_relu"> {
  let summary = "x >= 0 ? x : alpha * x (ONNX LeakyRelu)";
  let arguments = (ins Graph_FloatTensor:$input,
                       DefaultValuedAttr<F32Attr, "0.01">:$alpha);
}

def Graph_GeluOp : Graph_Op<"gelu"> {
  let summary = "Gaussian error linear unit (ONNX Gelu)";
  let description = [{
    `approximate` is "none" (x * Phi(x) with the exact normal CDF) or "tanh"
    (the tanh approximation).
  }];
  let arguments = (ins Graph_FloatTensor:$input,
                       DefaultValuedAttr<StrAttr, "\"none\"">:$approximate);
  let results = (outs Graph_FloatTensor:$output);
}

//===----------------------------------------------------------------------===//
// PRelu
//===----------------------------------------------------------------------===//

def Graph_PReluOp : Graph_Op<"prelu"> {
  let summary = "x >= 0 ? x : slope * x (ONNX PRelu)";
  let description = [{
    `slope` broadcasts unidirectionally to `input` (numpy rules, the result
    has the shape of `input`). The importer reshapes the per-channel slope of
    opset < 7 to align with dimension 1.
  }];
  let arguments = (ins AnyTensor:$input, AnyTensor:$slope);
  let results = (outs AnyTensor:$output);
}

//===----------------------------------------------------------------------===//
// Clip
//===----------------------------------------------------------------------===//

def Graph_ClipOp : Graph_Op<"clip"> {
  let summary = "clamps to [min, max] (ONNX Clip)";
  let description = [{
    Each bound is the attribute `min`/`max` when known at compile time (a
    scalar attribute of the input's element type: a FloatAttr for floats, an
    IntegerAttr for integers), else the scalar operand `min_operand` /
    `max_operand`, else absent (no bound; the attribute absent and the operand
    none). The canonicalizer moves constant operands into the attributes.
  }];
  let arguments = (ins AnyTensor:$input, Graph_TensorOrNone:$min_operand,
                       Graph_TensorOrNone:$max_operand,
                       OptionalAttr<TypedAttrInterface>:$min,
                       OptionalAttr<TypedAttrInterface>:$max);
  let results = (outs AnyTensor:$output);
  let hasCanonicalizer = 1;
  let extraClassDeclaration = [{
    /// `elements` (one value) as a bound attribute for an input of element
    /// type `elementType`; null if it is not a single value of that type.
    static ::mlir::TypedAttr getBoundAttr(::mlir::ElementsAttr elements,
                                          ::mlir::Type elementType);
  }];
}

//===----------------------------------------------------------------------===//
// Dropout
//===----------------------------------------------------------------------===//

def Graph_DropoutOp : Graph_Op<"dropout"> {
  let summary = "random dropout in training, identity in inference (ONNX Dropout)";
  let description = [{
    Results: the output (the input's type) and the mask (i1, the input's
    shape; all true in inference). `ratio` and `training_mode` are
    attributes when known at compile time, else scalar operands
    (`ratio_operand`, `training_mode_operand`; none when the attribute is
    set; the importer fills in the defaults, and an absent attribute with a
    none operand means the default: ratio 0.5, training_mode false). With
    `training_mode` false (or ratio 0) the output is the input and the mask
    all true; the canonicalizer then forwards the input.
  }];
  let arguments = (ins Graph_FloatTensor:$data,
                       Graph_TensorOrNone:$ratio_operand,
                       Graph_TensorOrNone:$training_mode_operand,
                       OptionalAttr<F32Attr>:$ratio,
                       OptionalAttr<BoolAttr>:$training_mode,
                       OptionalAttr<I64Attr>:$seed);
  let results = (outs Graph_FloatTensor:$output, Graph_BoolTensor:$mask);
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// Cast
//===----------------------------------------------------------------------===//

def Graph_CastOp : Graph_Op<"cast"> {
  let summary = "converts to another element type (ONNX Cast, CastLike)";
  let description = [{
    `to` is the result element type. `saturate` applies to float8 targets
    only (ONNX Cast-19); `round_mode` ("up", "down" or "nearest") to float8
    e8m0 targets only (ONNX Cast-24). ONNX CastLike imports as a cast to the
    element type of its second input.
  }];
  let arguments = (ins AnyTensor:$input, TypeAttr:$to,
                       DefaultValuedAttr<BoolAttr, "true">:$saturate,
                       DefaultValuedAttr<StrAttr, "\"up\"">:$round_mode);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
}

#endif // MLC_GRAPH_ELEMENTWISE_OPS_TD
