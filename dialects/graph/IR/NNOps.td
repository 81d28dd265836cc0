//===- NNOps.td - neural-network graph ops --------------------------------===//
//
// Convolutions, pooling, normalizations, softmax and attention.
//
// The sliding-window ops (conv, conv_transpose, average_pool, max_pool) share
// one normalized window description: `kernel_shape`, `strides` and
// `dilations` have one entry per spatial dimension and `pads` two (all
// begins, then all ends). ONNX's auto_pad is resolved into explicit pads
// when the input's spatial dimensions are static, and kept in `auto_pad`
// ("SAME_UPPER" / "SAME_LOWER") otherwise; "NOTSET" means the pads are
// explicit (VALID is imported as zero pads).
//
//===----------------------------------------------------------------------===//

#ifndef MLC_GRAPH_NN_OPS_TD
#define MLC_GRAPH_NN_OPS_TD

include "dialects/graph/IR/GraphBase.td"

//===----------------------------------------------------------------------===//
// Convolutions
//===----------------------------------------------------------------------===//

def Graph_ConvOp : Graph_Op<"conv"> {
  let summary = "N-D convolution (ONNX Conv)";
  let description = [{
    `input` is (N, C, D1, ..., Dn), `weight` (M, C / group, k1, ..., kn) and
    `bias` (M) or none; the result is (N, M, O1, ..., On) with
    `Oi = floor((Di + pad_begin_i + pad_end_i - dilation_i * (ki - 1) - 1) /
    stride_i) + 1`, or `ceil(Di / stride_i)` under SAME auto_pad.
    `kernel_shape` repeats the weight's spatial dimensions (kDynamic where
    they are unknown; the canonicalizer fills them in once known).
  }];
  let arguments = (ins AnyTensor:$input, AnyTensor:$weight,
                       Graph_TensorOrNone:$bias,
                       DenseI64ArrayAttr:$kernel_shape,
                       DenseI64ArrayAttr:$strides,
                       DenseI64ArrayAttr:$dilations,
                       DenseI64ArrayAttr:$pads,
                       DefaultValuedAttr<StrAttr, "\"NOTSET\"">:$auto_pad,
                       DefaultValuedAttr<I64Attr, "1">:$group);
  let results = (outs AnyTensor:$output);
  let hasCanonicalizer = 1;
}

def Graph_ConvTransposeOp : Graph_Op<"conv_transpose"> {
  let summary = "N-D transposed convolution (ONNX ConvTranspose)";
  let description = [{
    `input` is (N, C, D1, ..., Dn), `weight` (C, M / group, k1, ..., kn) and
    `bias` (M) or none; the result is (N, M, O1, ..., On) with
    `Oi = stride_i * (Di - 1) + output_padding_i + dilation_i * (ki - 1) + 1
    - pad_begin_i - pad_end_i`.

    ONNX's `output_shape` and SAME auto_pad are resolved by the importer
    into pads when the input's spatial dimensions are static: the total
    padding `full_i - target_i` (`full_i` the size above without pads, the
    target `output_shape` or `Di * stride_i`) is split with the odd element
    at the end for SAME_UPPER and at the beginning otherwise. A negative
    total is clamped to zero under SAME (as ONNX shape inference and ONNX
    Runtime do) and becomes extra `output_padding` for an `output_shape`
    (the output extended at the end, as ONNX Runtime computes it). While
    unresolved, `output_shape` gives the spatial output dimensions (with
    `auto_pad` saying how to split), and SAME gives
    `Oi = min(Di * stride_i, full_i)`.
  }];
  let arguments = (ins AnyTensor:$input, AnyTensor:$weight,
                       Graph_TensorOrNone:$bias,
                       DenseI64ArrayAttr:$kernel_shape,
                       DenseI64ArrayAttr:$strides,
                       DenseI64ArrayAttr:$dilations,
                       DenseI64ArrayAttr:$pads,
                       DenseI64ArrayAttr:$output_padding,
                       OptionalAttr<DenseI64ArrayAttr>:$output_shape,
                       DefaultValuedAttr<StrAttr, "\"NOTSET\"">:$auto_pad,
                       DefaultValuedAttr<I64Attr, "1">:$group);
  let results = (outs AnyTensor:$output);
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

def Graph_AveragePoolOp : Graph_Op<"average_pool"> {
  let summary = "N-D average pooling (ONNX AveragePool)";
  let description = [{
    Output size as for graph.conv, with `ceil` instead of `floor` when
    `ceil_mode` is set; then a window that would start in the end padding is
    dropped (ONNX's rule: the last window starts inside the input or its
    begin padding). `count_include_pad` counts padded elements in the
    divisor.
  }];
  let arguments = (ins AnyTensor:$input,
                       DenseI64ArrayAttr:$kernel_shape,
                       DenseI64ArrayAttr:$strides,
                       DenseI64ArrayAttr:$dilations,
                       DenseI64ArrayAttr:$pads,
                       DefaultValuedAttr<StrAttr, "\"NOTSET\"">:$auto_pad,
                       DefaultValuedAttr<BoolAttr, "false">:$ceil_mode,
                       DefaultValuedAttr<BoolAttr, "false">:$count_include_pad);
  let results = (outs AnyTensor:$output);
  let hasCanonicalizer = 1;
}

def Graph_MaxPoolOp : Graph_Op<"max_pool"> {
  let summary = "N-D max pooling with argmax indices (ONNX MaxPool)";
  let description = [{
    Output size as for graph.average_pool. `indices` (i64, the shape of
    `output`) holds the flattened input index of each maximum, row-major, or
    column-major over the spatial dimensions when `storage_order` is 1.
    Backends compute it only when it has uses.
  }];
  let arguments = (ins AnyTensor:$input,
                       DenseI64ArrayAttr:$kernel_shape,
                       DenseI64ArrayAttr:$strides,
                       DenseI64ArrayAttr:$dilations,
                       DenseI64ArrayAttr:$pads,
                       DefaultValuedAttr<StrAttr, "\"NOTSET\"">:$auto_pad,
                       DefaultValuedAttr<BoolAttr, "false">:$ceil_mode,
                       DefaultValuedAttr<I64Attr, "0">:$storage_order);
  let results = (outs AnyTensor:$output, TensorOf<[I64]>:$indices);
  let hasCanonicalizer = 1;
}

class Graph_GlobalPoolOp<string mnemonic> : Graph_Op<mnemonic> {
  let description = [{
    `input` is (N, C, D1, ..., Dn); the result is (N, C, 1, ..., 1).
  }];
  let arguments = (ins AnyTensor:$input);
  let results = (outs AnyTensor:$output);
}

def Graph_GlobalAveragePoolOp : Graph_GlobalPoolOp<"global_average_pool"> {
  let summary = "mean over all spatial dimensions (ONNX GlobalAveragePool)";
}

def Graph_GlobalMaxPoolOp : Graph_GlobalPoolOp<"global_max_pool"> {
  let summary = "max over all spatial dimensions (ONNX GlobalMaxPool)";
}

//===----------------------------------------------------------------------===//
// Normalizations
//===----------------------------------------------------------------------===//

def Graph_BatchNormalizationOp : Graph_Op<"batch_normalization"> {
  let summary = "batch normalization (ONNX BatchNormalization)";
  let description = [{
    `input` is (N, C, D1, ..., Dn) (C = 1 for a 1-D input); `scale`, `bias`,
    `mean` and `var` are (C). Without `training_mode` the output is
    `(x - mean) / sqrt(var + epsilon) * scale + bias` and `running_mean` /
    `running_var` are `mean` / `var` (the canonicalizer forwards them). With
    `training_mode` the batch statistics normalize and the running ones are
    `mean * momentum + batch_mean * (1 - momentum)` (same for var).
    ONNX's older training outputs (saved_mean, saved_var) are not supported.
  }];
  let arguments = (ins AnyTensor:$input, AnyTensor:$scale, AnyTensor:$bias,
                       AnyTensor:$mean, AnyTensor:$var,
                       DefaultValuedAttr<F32Attr, "1e-5f">:$epsilon,
                       DefaultValuedAttr<F32Attr, "0.9f">:$momentum,
                       DefaultValuedAttr<BoolAttr, "false">:$training_mode);
  let results = (outs AnyTensor:$output, AnyTensor:$running_mean,
                      AnyTensor:$running_var);
  let hasCanonicalizer = 1;
}

def Graph_InstanceNormalizationOp : Graph_Op<"instance_normalization"> {
  let summary = "per-instance, per-channel normalization "
                "(ONNX InstanceNormalization)";
  let description = [{
    `input` is (N, C, D1, ..., Dn), `scale` and `bias` are (C); each (n, c)
    slice is normalized over its spatial elements.
  }];
  let arguments = (ins AnyTensor:$input, AnyTensor:$scale, AnyTensor:$bias,
                       DefaultValuedAttr<F32Attr, "1e-5f">:$epsilon);
  let results = (outs AnyTensor:$output);
}

def Graph_GroupNormalizationOp : Graph_Op<"group_normalization"> {
  let summary = "group normalization (ONNX GroupNormalization)";
  let description = [{
    `input` is (N, C, D1, ..., Dn) with C divisible by `num_groups`; each
    group of C / num_groups channels is normalized over its channels and
    spatial elements, then `scale` and `bias` (C, per channel, as in
    GroupNormalization-21; the importer repeats opset 18's per-group values)
    apply. `stash_type` is the element type of the statistics.
  }];
  let arguments = (ins AnyTensor:$input, AnyTensor:$scale, AnyTensor:$bias,
                       I64Attr:$num_groups,
                       DefaultValuedAttr<F32Attr, "1e-5f">:$epsilon,
                       TypeAttr:$stash_type);
  let results = (outs AnyTensor:$output);
}

def Graph_LayerNormalizationOp : Graph_Op<"layer_normalization"> {
  let summary = "layer normalization (ONNX LayerNormalization)";
  let description = [{
    Normalizes over the dimensions [axis, rank) (`axis` normalized to
    [0, rank)); `scale` and `bias` (or none) broadcast to the input.
    `mean` and `inv_std_dev` have the input's shape with the normalized
    dimensions set to 1 and the element type `stash_type`.
  }];
  let arguments = (ins AnyTensor:$input, AnyTensor:$scale,
                       Graph_TensorOrNone:$bias,
                       I64Attr:$axis,
                       DefaultValuedAttr<F32Attr, "1e-5f">:$epsilon,
                       TypeAttr:$stash_type);
  let results = (outs AnyTensor:$output, AnyTensor:$mean,
                      AnyTensor:$inv_std_dev);
}

def Graph_RMSNormalizationOp : Graph_Op<"rms_normalization"> {
  let summary = "root-mean-square normalization (ONNX RMSNormalization)";
  let description = [{
    `x / sqrt(mean(x^2 over [axis, rank)) + epsilon) * scale`, with `axis`
    normalized to [0, rank) and `scale` broadcasting to the input;
    `stash_type` is the element type of the computation.
  }];
  let arguments = (ins AnyTensor:$input, AnyTensor:$scale,
                       I64Attr:$axis,
                       DefaultValuedAttr<F32Attr, "1e-5f">:$epsilon,
                       TypeAttr:$stash_type);
  let results = (outs AnyTensor:$output);
}

def Graph_LRNOp : Graph_Op<"lrn"> {
  let summary = "local response normalization across channels (ONNX LRN)";
  let description = [{
    `y = x / (bias + alpha / size * sum of x^2 over the `size` channels
    around c)^beta` for an input (N, C, D1, ..., Dn).
  }];
  let arguments = (ins AnyTensor:$input, I64Attr:$size,
                       DefaultValuedAttr<F32Attr, "1e-4f">:$alpha,
                       DefaultValuedAttr<F32Attr, "0.75f">:$beta,
                       DefaultValuedAttr<F32Attr, "1.0f">:$bias);
  let results = (outs AnyTensor:$output);
}

//===----------------------------------------------------------------------===//
// Softmax and attention
//===----------------------------------------------------------------------===//

def Graph_SoftmaxOp : Graph_Op<"softmax"> {
  let summary = "softmax along one axis (ONNX Softmax-13)";
  let description = [{
    `axis` is normalized to [0, rank). Softmax-1/11's semantics (the input
    coerced to 2-D at `axis`) are imported as a reshape that flattens the
    dimensions from `axis` on, a softmax over the last axis and a reshape
    back.
  }];
  let arguments = (ins AnyTensor:$input, I64Attr:$axis);
  let results = (outs AnyTensor:$output);
}

def Graph_AttentionOp : Graph_Op<"attention"> {
  let summary = "scaled dot-product attention (ONNX Attention)";
  let description = [{
    Q, K, V are 4-D (batch, heads, sequence, head size) or 3-D (batch,
    sequence, heads * head size) with `q_num_heads` and `kv_num_heads` set.
    K and V have kv_num_heads heads dividing Q's (grouped-query attention).
    `past_key` / `past_value` (batch, kv_num_heads, past, head size), both
    or neither, are concatenated before K / V into `present_key` /
    `present_value` (without them the present ones are K / V in the 4-D
    layout). `attn_mask` (bool: keep, or float: added) broadcasts to
    (batch, q_num_heads, q_sequence, total_sequence) with a last dimension
    that may be shorter (padded with -inf). `nonpad_kv_seqlen` (batch, i64)
    masks padded keys. `scale` (absent: 1 / sqrt(head size), which the
    canonicalizer fills in once the head size is known), `softcap` (0: none),
    `is_causal`, `softmax_precision` (the element type of the softmax) and
    `qk_matmul_output_mode` (which stage `qk_matmul_output` shows: 0 the raw
    QK^T, 1 after softcap, 2 after the mask, 3 after softmax) as in ONNX.
    Y has Q's layout: (batch, q_num_heads, q_sequence, v head size), or 3-D.
  }];
  let arguments = (ins AnyTensor:$q, AnyTensor:$k, AnyTensor:$v,
                       Graph_TensorOrNone:$attn_mask,
                       Graph_TensorOrNone:$past_key,
                       Graph_TensorOrNone:$past_value,
                       Graph_TensorOrNone:$nonpad_kv_seqlen,
                       DefaultValuedAttr<BoolAttr, "false">:$is_causal,
                       OptionalAttr<I64Attr>:$q_num_heads,
                       OptionalAttr<I64Attr>:$kv_num_heads,
                       DefaultValuedAttr<I64Attr, "0">:$qk_matmul_output_mode,
                       OptionalAttr<F32Attr>:$scale,
                       DefaultValuedAttr<F32Attr, "0.0f">:$softcap,
                       TypeAttr:$softmax_precision);
  let results = (outs AnyTensor:$output, AnyTensor:$present_key,
                      AnyTensor:$present_value, AnyTensor:$qk_matmul_output);
  let hasCanonicalizer = 1;
}

#endif // MLC_GRAPH_NN_OPS_TD
