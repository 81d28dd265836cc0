//===- LinalgOps.td - matrix products, reductions, scans, top-k -----------===//
//
// MatMul, Gemm and Einsum; the Reduce* family and ArgMax; CumSum; TopK.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_GRAPH_LINALG_OPS_TD
#define MLC_GRAPH_LINALG_OPS_TD

include "dialects/graph/IR/GraphBase.td"

//===----------------------------------------------------------------------===//
// Matrix products
//===----------------------------------------------------------------------===//

def Graph_MatMulOp : Graph_Op<"matmul"> {
  let summary = "numpy matmul: batched, broadcasting, 1-D promoted (ONNX MatMul)";
  let description = [{
    Both operands have the same element type, which the result keeps. A 1-D
    `lhs` is promoted to [1, K] and a 1-D `rhs` to [K, 1], and the promoted
    dimensions are removed from the result; the batch dimensions (all but
    the last two) broadcast.
  }];
  let arguments = (ins AnyTensor:$lhs, AnyTensor:$rhs);
  let results = (outs AnyTensor:$result);
}

def Graph_GemmOp : Graph_Op<"gemm"> {
  let summary = "alpha * op(a) * op(b) + beta * c on 2-D tensors (ONNX Gemm)";
  let description = [{
    `op(x)` is `x` transposed when `trans_a` / `trans_b` is set. `c` is none
    when absent (Gemm-11) and otherwise broadcasts unidirectionally to the
    [M, N] result (the legacy `broadcast` attribute of Gemm-1/6 is checked
    by the importer and dropped). All attributes are explicit.
  }];
  let arguments = (ins AnyTensor:$a, AnyTensor:$b, Graph_TensorOrNone:$c,
                       DefaultValuedAttr<F32Attr, "1.0f">:$alpha,
                       DefaultValuedAttr<F32Attr, "1.0f">:$beta,
                       DefaultValuedAttr<BoolAttr, "false">:$trans_a,
                       DefaultValuedAttr<BoolAttr, "false">:$trans_b);
  let results = (outs AnyTensor:$y);
}

def Graph_EinsumOp : Graph_Op<"einsum"> {
  let summary = "Einstein summation (ONNX Einsum)";
  let description = [{
    `equation` has one comma-separated term of letters per input, each
    with at most one `...` (the broadcast dimensions), then `->` and the
    output term. The importer normalizes it to the explicit form without
    spaces: an implicit output (no `->`) becomes `...` followed by the
    letters that occur exactly once, in alphabetical order.
  }];
  let arguments = (ins Variadic<AnyTensor>:$inputs, StrAttr:$equation);
  let results = (outs AnyTensor:$output);
  let extraClassDeclaration = [{
    /// The explicit, space-free form of `equation` for `numInputs` inputs,
    /// or std::nullopt with a message in `error` if it is malformed.
    static std::optional<std::string>
    normalizeEquation(::llvm::StringRef equation, unsigned numInputs,
                      std::string &error);
  }];
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

// The Reduce* ops. The axes are `static_axes` when known at compile time and
// the 1-D i64 operand `axes` when not (then `static_axes` is absent and
// `axes` is not none).
class Graph_ReduceOp<string mnemonic, string kind>
    : Graph_Op<mnemonic> {
  let description = [{
    Normalized: `static_axes` is sorted and in [0, rank) when the rank is
    known; an empty axes list (ONNX's default) is filled in with all axes
    unless `noop_with_empty_axes` is set, in which case the op is the
    identity. When the rank is unknown, `static_axes` keeps the model's
    values (negative ones counted from the back, empty meaning all axes or
    none as `noop_with_empty_axes` says) until the canonicalizer can
    normalize them. `keepdims` keeps the reduced dimensions with size 1.
    A reduction over no elements gives 0 (sum), the lowest value (max), the
    highest value (min), or an undefined value (mean), as in ONNX.
  }];
  let arguments = (ins AnyTensor:$data, Graph_TensorOrNone:$axes,
                       OptionalAttr<DenseI64ArrayAttr>:$static_axes,
                       DefaultValuedAttr<BoolAttr, "true">:$keepdims,
                       DefaultValuedAttr<BoolAttr, "false">:$noop_with_empty_axes);
  let results = (outs AnyTensor:$reduced);
  let hasFolder = 1;
  let hasCanonicalizer = 1;
  let extraClassDefinition = [{
    ::mlir::LogicalResult $cppClass::inferResultTypes(
        ::llvm::SmallVectorImpl<::mlir::Type> &types) {
      return inferReduceResult(*this, types);
    }
    ::mlir::OpFoldResult $cppClass::fold(FoldAdaptor adaptor) {
      return foldReduce(*this, adaptor.getData(), ReduceKind::}] # kind # [{);
    }
    void $cppClass::getCanonicalizationPatterns(
        ::mlir::RewritePatternSet &results, ::mlir::MLIRContext *context) {
      results.add<NormalizeReduceAxes<$cppClass>>(context);
    }
  }];
}

def Graph_ReduceMaxOp : Graph_ReduceOp<"reduce_max", "Max"> {
  let summary = "maximum over axes (ONNX ReduceMax)";
}
def Graph_ReduceMeanOp : Graph_ReduceOp<"reduce_mean", "Mean"> {
  let summary = "arithmetic mean over axes (ONNX ReduceMean)";
}
def Graph_ReduceMinOp : Graph_ReduceOp<"reduce_min", "Min"> {
  let summary = "minimum over axes (ONNX ReduceMin)";
}
def Graph_ReduceSumOp : Graph_ReduceOp<"reduce_sum", "Sum"> {
  let summary = "sum over axes (ONNX ReduceSum)";
}

def Graph_ArgMaxOp : Graph_Op<"argmax"> {
  let summary = "index of the maximum along an axis (ONNX ArgMax)";
  let description = [{
    `axis` is normalized to [0, rank) when the rank is known. The result is
    i64, with the reduced dimension kept as 1 when `keepdims` is set.
    `select_last_index` picks the last of equal maxima instead of the first.
  }];
  let arguments = (ins AnyTensor:$data, I64Attr:$axis,
                       DefaultValuedAttr<BoolAttr, "true">:$keepdims,
                       DefaultValuedAttr<BoolAttr, "false">:$select_last_index);
  let results = (outs TensorOf<[I64]>:$reduced);
}

//===----------------------------------------------------------------------===//
// Scans and selection
//===----------------------------------------------------------------------===//

def Graph_CumSumOp : Graph_Op<"cumsum"> {
  let summary = "cumulative sum along an axis (ONNX CumSum)";
  let description = [{
    The axis is `static_axis` when known at compile time (normalized to
    [0, rank) when the rank is known) and the scalar integer operand `axis`
    when not. `exclusive` leaves out the element itself; `reverse` sums
    from the end.
  }];
  let arguments = (ins AnyTensor:$x, Graph_TensorOrNone:$axis,
                       OptionalAttr<I64Attr>:$static_axis,
                       DefaultValuedAttr<BoolAttr, "false">:$exclusive,
                       DefaultValuedAttr<BoolAttr, "false">:$reverse);
  let results = (outs AnyTensor:$y);
  let hasCanonicalizer = 1;
}

def Graph_TopKOp : Graph_Op<"topk"> {
  let summary = "the k largest or smallest elements along an axis (ONNX TopK)";
  let description = [{
    The count is `static_k` when known at compile time (TopK-1's attribute
    or a constant input) and the 1-element i64 operand `k` when not.
    `axis` is normalized to [0, rank) when the rank is known. The results
    are the values and their i64 indices; `largest` and `sorted` are
    explicit (both true before TopK-11).
  }];
  let arguments = (ins AnyTensor:$x, Graph_TensorOrNone:$k,
                       OptionalAttr<I64Attr>:$static_k,
                       I64Attr:$axis,
                       DefaultValuedAttr<BoolAttr, "true">:$largest,
                       DefaultValuedAttr<BoolAttr, "true">:$sorted);
  let results = (outs AnyTensor:$values, TensorOf<[I64]>:$indices);
  let hasCanonicalizer = 1;
}

#endif // MLC_GRAPH_LINALG_OPS_TD
