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
  let description = [{
    `axis` is normalized to [0, rank) whenever an input is ranked; a negative
    axis remains only while no input is, and the canonicalizer normalizes it
    once one is.
  }];
  let arguments = (ins Variadic<AnyTensor>:$inputs, I64Attr:$axis);
  let results = (outs AnyTensor:$concat_result);
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Graph_GatherOp : Graph_Op<"gather"> {
  let summary = "gathers slices along an axis by indices (ONNX Gather)";
  let description = [{
    `axis` is normalized to [0, rank) when the data's rank is known (else the
    canonicalizer normalizes it once it is).
  }];
  let arguments = (ins AnyTensor:$data, TensorOf<[I32, I64]>:$indices,
                       I64Attr:$axis);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Graph_GatherElementsOp : Graph_Op<"gather_elements"> {
  let summary = "gathers elements along an axis (ONNX GatherElements)";
  let description = [{
    The result has the shape of `indices` (of the data's rank) and the
    data's element type. `axis` is normalized to [0, rank) when the rank is
    known.
  }];
  let arguments = (ins AnyTensor:$data, TensorOf<[I32, I64]>:$indices,
                       I64Attr:$axis);
  let results = (outs AnyTensor:$output);
  let hasCanonicalizer = 1;
}

def Graph_ScatterNDOp : Graph_Op<"scatter_nd"> {
  let summary = "scatters slices into a copy of the data (ONNX ScatterND)";
  let description = [{
    `indices` has shape [..., k] with k <= rank(data); `updates` has shape
    indices.shape[:-1] + data.shape[k:]. `reduction` is "none" (overwrite),
    "add", "mul", "max" or "min". The result has the data's type.
  }];
  let arguments = (ins AnyTensor:$data, TensorOf<[I64]>:$indices,
                       AnyTensor:$updates,
                       DefaultValuedAttr<StrAttr, "\"none\"">:$reduction);
  let results = (outs AnyTensor:$output);
}

def Graph_ConstantOfShapeOp : Graph_Op<"constant_of_shape"> {
  let summary = "a tensor of a given shape filled with one value "
                "(ONNX ConstantOfShape)";
  let description = [{
    `value` is a one-element tensor whose element and type fill the result.
    The shape is `static_shape` when known at compile time and the 1-D i64
    operand `shape` when not (then `static_shape` is absent).
  }];
  let arguments = (ins Graph_TensorOrNone:$shape,
                       OptionalAttr<DenseI64ArrayAttr>:$static_shape,
                       ElementsAttr:$value);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Graph_RangeOp : Graph_Op<"range"> {
  let summary = "the 1-D sequence start, start + delta, ... below limit "
                "(ONNX Range)";
  let description = [{
    `start`, `limit` and `delta` are scalars of one numeric element type,
    which the result has. Its length is max(ceil((limit - start) / delta), 0)
    when the three are constant; the op folds to a constant when small.
  }];
  let arguments = (ins AnyTensor:$start, AnyTensor:$limit, AnyTensor:$delta);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
}

def Graph_SizeOp : Graph_Op<"size"> {
  let summary = "the number of elements of a tensor as an i64 scalar "
                "(ONNX Size)";
  let arguments = (ins AnyTensor:$data);
  let results = (outs TensorOf<[I64]>:$size);
  let hasFolder = 1;
}

def Graph_FlattenOp : Graph_Op<"flatten"> {
  let summary = "reshapes to 2-D at an axis (ONNX Flatten)";
  let description = [{
    The result is [product of dims before axis, product of the rest]; `axis` is
    normalized to [0, rank] when the rank is known.
  }];
  let arguments = (ins AnyTensor:$input, I64Attr:$axis);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Graph_SqueezeOp : Graph_Op<"squeeze"> {
  let summary = "removes size-1 dimensions (ONNX Squeeze)";
  let description = [{
    The axes to remove are `static_axes` (sorted, normalized to [0, rank))
    when known at compile time and the 1-D i64 operand `axes` when not. With
    neither, every size-1 dimension is removed; the importer and the
    canonicalizer fill in `static_axes` when the input's shape is static.
  }];
  let arguments = (ins AnyTensor:$data, Graph_TensorOrNone:$axes,
                       OptionalAttr<DenseI64ArrayAttr>:$static_axes);
  let results = (outs AnyTensor:$squeezed);
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Graph_UnsqueezeOp : Graph_Op<"unsqueeze"> {
  let summary = "inserts size-1 dimensions (ONNX Unsqueeze)";
  let description = [{
    The positions of the new dimensions in the result are `static_axes`
    (sorted, normalized to [0, result rank)) when known at compile time and
    the 1-D i64 operand `axes` when not.
  }];
  let arguments = (ins AnyTensor:$data, Graph_TensorOrNone:$axes,
                       OptionalAttr<DenseI64ArrayAttr>:$static_axes);
  let results = (outs AnyTensor:$expanded);
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Graph_TransposeOp : Graph_Op<"transpose"> {
  let summary = "permutes dimensions (ONNX Transpose)";
  let description = [{
    Result dimension i is input dimension perm[i]. `perm` defaults to the
    reversed dimensions; the importer and the canonicalizer fill it in when
    the rank is known.
  }];
  let arguments = (ins AnyTensor:$data,
                       OptionalAttr<DenseI64ArrayAttr>:$perm);
  let results = (outs AnyTensor:$transposed);
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Graph_ExpandOp : Graph_Op<"expand"> {
  let summary = "broadcasts to a shape (ONNX Expand)";
  let description = [{
    The result shape is the numpy broadcast of the input's shape and the
    target shape: `static_shape` when known at compile time and the 1-D i64
    operand `shape` when not.
  }];
  let arguments = (ins AnyTensor:$input, Graph_TensorOrNone:$shape,
                       OptionalAttr<DenseI64ArrayAttr>:$static_shape);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Graph_TileOp : Graph_Op<"tile"> {
  let summary = "repeats a tensor along each dimension (ONNX Tile)";
  let description = [{
    Dimension i of the result is d_i * repeats[i]; the repeats are
    `static_repeats` (one per dimension) when known at compile time and the
    1-D i64 operand `repeats` when not.
  }];
  let arguments = (ins AnyTensor:$input, Graph_TensorOrNone:$repeats,
                       OptionalAttr<DenseI64ArrayAttr>:$static_repeats);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Graph_SliceOp : Graph_Op<"slice"> {
  let summary = "strided slice along some axes (ONNX Slice)";
  let description = [{
    Each of starts, ends, axes and steps is an attribute (`static_*`) when
    known at compile time and a 1-D integer operand when not. Absent axes
    are [0, n) and absent steps are all 1 (the importer fills both in when
    it can); axes are normalized to [0, rank) when the rank is known. Starts
    and ends follow ONNX: negative values count from the back, and both are
    clamped to the dimension.
  }];
  let arguments = (ins AnyTensor:$data, Graph_TensorOrNone:$starts,
                       Graph_TensorOrNone:$ends, Graph_TensorOrNone:$axes,
                       Graph_TensorOrNone:$steps,
                       OptionalAttr<DenseI64ArrayAttr>:$static_starts,
                       OptionalAttr<DenseI64ArrayAttr>:$static_ends,
                       OptionalAttr<DenseI64ArrayAttr>:$static_axes,
                       OptionalAttr<DenseI64ArrayAttr>:$static_steps);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Graph_SplitOp : Graph_Op<"split"> {
  let summary = "splits a tensor into parts along an axis (ONNX Split)";
  let description = [{
    The part sizes are `static_split` when known at compile time and the
    1-D i64 operand `split` when not. With neither, the dimension is split
    into as many parts as there are results, of size ceil(d / n) with a
    smaller last part; the importer fills in `static_split` when the
    dimension is static. `axis` is normalized to [0, rank) when the rank is
    known.
  }];
  let arguments = (ins AnyTensor:$input, Graph_TensorOrNone:$split,
                       OptionalAttr<DenseI64ArrayAttr>:$static_split,
                       I64Attr:$axis);
  let results = (outs Variadic<AnyTensor>:$outputs);
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Graph_PadOp : Graph_Op<"pad"> {
  let summary = "pads (or crops, with negative pads) a tensor (ONNX Pad)";
  let description = [{
    `static_pads` holds all begins then all ends, one per dimension (or per
    entry of `static_axes` when that is present: only while the rank is
    unknown); operands `pads` and `axes` hold them when not known at
    compile time. `constant_value` is a scalar of the data's element type,
    none for zero. `mode` is "constant", "reflect", "edge" or "wrap".
  }];
  let arguments = (ins AnyTensor:$data, Graph_TensorOrNone:$pads,
                       Graph_TensorOrNone:$constant_value,
                       Graph_TensorOrNone:$axes,
                       OptionalAttr<DenseI64ArrayAttr>:$static_pads,
                       OptionalAttr<DenseI64ArrayAttr>:$static_axes,
                       DefaultValuedAttr<StrAttr, "\"constant\"">:$mode);
  let results = (outs AnyTensor:$output);
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Graph_ResizeOp : Graph_Op<"resize"> {
  let summary = "resizes by interpolation (ONNX Resize and Upsample)";
  let description = [{
    The output size is given by sizes or by scales (one per entry of `axes`;
    `axes` is all dimensions, normalized, when the rank is known): each is
    an attribute (`static_scales`, `static_sizes`) when known at compile
    time and an operand when not; exactly one of the two is given. With
    scales, d_out = floor(d_in * scale); with sizes and a
    `keep_aspect_ratio_policy` of "not_larger" / "not_smaller", one scale
    (the min / max of size / d_in) is used for all axes and
    d_out = round(d_in * scale). `static_roi` / `roi` is the region of
    interest of "tf_crop_and_resize" (absent otherwise). The remaining
    attributes are ONNX Resize-19's, with its defaults; older opsets are
    mapped onto them (Resize-10 and Upsample: "asymmetric", nearest_mode
    "floor").
  }];
  let arguments = (ins AnyTensor:$input, Graph_TensorOrNone:$roi,
                       Graph_TensorOrNone:$scales, Graph_TensorOrNone:$sizes,
                       OptionalAttr<DenseF32ArrayAttr>:$static_roi,
                       OptionalAttr<DenseF32ArrayAttr>:$static_scales,
                       OptionalAttr<DenseI64ArrayAttr>:$static_sizes,
                       OptionalAttr<DenseI64ArrayAttr>:$axes,
                       DefaultValuedAttr<StrAttr, "\"nearest\"">:$mode,
                       DefaultValuedAttr<StrAttr, "\"half_pixel\"">:
                           $coordinate_transformation_mode,
                       DefaultValuedAttr<StrAttr, "\"round_prefer_floor\"">:
                           $nearest_mode,
                       DefaultValuedAttr<F32Attr, "-0.75">:$cubic_coeff_a,
                       DefaultValuedAttr<BoolAttr, "false">:$exclude_outside,
                       DefaultValuedAttr<F32Attr, "0.0">:$extrapolation_value,
                       DefaultValuedAttr<BoolAttr, "false">:$antialias,
                       DefaultValuedAttr<StrAttr, "\"stretch\"">:
                           $keep_aspect_ratio_policy);
  let results = (outs AnyTensor:$output);
  let hasCanonicalizer = 1;
}

def Graph_TriluOp : Graph_Op<"trilu"> {
  let summary = "keeps the upper or lower triangle of matrices (ONNX Trilu)";
  let description = [{
    Zeroes the elements below (`upper`) or above the k-th diagonal of the
    last two dimensions. k is `static_k` when known at compile time and the
    i64 scalar operand `k` when not (0 with neither).
  }];
  let arguments = (ins AnyTensor:$input, Graph_TensorOrNone:$k,
                       OptionalAttr<I64Attr>:$static_k,
                       DefaultValuedAttr<BoolAttr, "true">:$upper);
  let results = (outs AnyTensor:$output);
  let hasCanonicalizer = 1;
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
