//===- TensorOps.td - data movement and shape graph ops -------------------===//
//
// Constants, shapes, reshapes, concatenation, slicing, gathering, padding,
// resizing: ops that move data without arithmetic on it.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_GRAPH_TENSOR_OPS_TD
#define MLC_GRAPH_TENSOR_OPS_TD

include "dialects/graph/IR/GraphBase.td"

def Graph_NoneOp : Graph_Op<"none", [ConstantLike]> {
  let summary = "the absent value of an optional operand";
  let results = (outs Graph_NoneType:$result);
  let assemblyFormat = "attr-dict";
  let hasFolder = 1;
}

def Graph_ConstantOp : Graph_Op<"constant",
    [ConstantLike, AllTypesMatch<["value", "output"]>]> {
  let summary = "a constant tensor (ONNX initializers and Constant)";
  let description = [{
    Large weights are held as dense resources (the bytes of the model file,
    not copied again); small constants as dense elements, which folders read.
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs AnyTensor:$output);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

def Graph_ShapeOp : Graph_Op<"shape"> {
  let summary = "the shape of a tensor as a 1-D i64 tensor (ONNX Shape)";
  let description = [{
    `start` and `end` select the dimensions [start, end) (ONNX Shape-15),
    with negative values counted from the back and both clamped to the rank.
  }];
  let arguments = (ins AnyTensor:$data,
                       DefaultValuedAttr<I64Attr, "0">:$start,
                       OptionalAttr<I64Attr>:$end);
  let results = (outs TensorOf<[I64]>:$shape);
  let hasFolder = 1;
}

def Graph_ReshapeOp : Graph_Op<"reshape"> {
  let summary = "reshape with ONNX semantics (0 copies, -1 infers)";
  let description = [{
    The target shape is `static_shape` when known at compile time and the
    1-D i64 operand `shape` when not (then `static_shape` is absent and
    `shape` is not none). In `static_shape`, 0 copies the input dimension
    unless `allowzero` is set, and one -1 is inferred.
  }];
  let arguments = (ins AnyTensor:$data, Graph_TensorOrNone:$shape,
                       OptionalAttr<DenseI64ArrayAttr>:$static_shape,
                       DefaultValuedAttr<BoolAttr, "false">:$allowzero);
  let results = (outs AnyTensor:$reshaped);
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Graph_ConcatOp : Graph_Op<"concat"> {
  let summary = "concatenation along an axis (ONNX Concat)";
  let description = [{ `axis` is normalized to [0, rank). }];
  let arguments = (ins Variadic<AnyTensor>:$inputs, I64Attr:$axis);
  let results = (outs AnyTensor:$concat_result);
  let hasFolder = 1;
}

def Graph_GatherOp : Graph_Op<"gather"> {
  let summary = "gathers slices along an axis by indices (ONNX Gather)";
  let description = [{ `axis` is normalized to [0, rank). }];
  let arguments = (ins AnyTensor:$data, TensorOf<[I32, I64]>:$indices,
                       I64Attr:$axis);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
}



def Graph_UnsupportedOp : Graph_Op<"unsupported"> {
  let summary = "an ONNX node MLC cannot compile, kept for inspection";
  let description = [{
    Imported with `--allow-unsupported` in place of a node whose op MLC does
    not support, so the rest of the model can still be inspected. Its result
    types come from the model's declared value types where it has them
    (`tensor<*xf32>` otherwise) and are not inferred. No backend compiles it.
  }];
  let arguments = (ins Variadic<Graph_TensorOrNone>:$inputs, StrAttr:$op_type,
                       StrAttr:$domain, I64Attr:$opset, StrAttr:$node_name);
  let results = (outs Variadic<AnyTensor>:$outputs);
}
#endif // MLC_GRAPH_TENSOR_OPS_TD
