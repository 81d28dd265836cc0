//===- QuantOps.td - quantization graph ops -------------------------------===//
//
// QuantizeLinear / DequantizeLinear, dynamic quantization and the integer
// and QLinear convolutions and matmuls.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_GRAPH_QUANT_OPS_TD
#define MLC_GRAPH_QUANT_OPS_TD

include "dialects/graph/IR/GraphBase.td"

//===----------------------------------------------------------------------===//
// Linear (de)quantization
//===----------------------------------------------------------------------===//

def Graph_QuantizeLinearOp : Graph_Op<"quantize_linear"> {
  let summary = "saturate(round(x / scale) + zero_point) (ONNX QuantizeLinear)";
  let description = [{
    The scale (and zero point, which has the scale's shape) is per tensor
    when it has one element, per axis when it is 1-D with `axis`'s
    dimension, and blocked when `block_size` > 0: then it has the input's
    rank and ceil(d / block_size) elements along `axis`. `axis` is
    normalized to [0, rank) for per-axis and blocked scales, and is 0 for a
    per-tensor scale (where ONNX ignores it).

    `output_dtype` is the result element type: that of the zero point when
    there is one, else ONNX's output_dtype, else ui8. `saturate` applies to
    float8 results (ONNX-19); `precision`, when present, is the type in
    which x / scale is computed (ONNX-23; else the scale's type).
  }];
  let arguments = (ins AnyTensor:$x, AnyTensor:$y_scale,
                       Graph_TensorOrNone:$y_zero_point,
                       I64Attr:$axis,
                       DefaultValuedAttr<I64Attr, "0">:$block_size,
                       DefaultValuedAttr<BoolAttr, "true">:$saturate,
                       TypeAttr:$output_dtype,
                       OptionalAttr<TypeAttr>:$precision);
  let results = (outs AnyTensor:$y);
}

def Graph_DequantizeLinearOp : Graph_Op<"dequantize_linear"> {
  let summary = "(x - zero_point) * scale (ONNX DequantizeLinear)";
  let description = [{
    The scale and zero point are per tensor, per axis or blocked as for
    `graph.quantize_linear`, with `axis` normalized the same way. The zero
    point has the element type of `x`. `output_dtype` is the result element
    type: ONNX-23's output_dtype, else the scale's element type.
  }];
  let arguments = (ins AnyTensor:$x, AnyTensor:$x_scale,
                       Graph_TensorOrNone:$x_zero_point,
                       I64Attr:$axis,
                       DefaultValuedAttr<I64Attr, "0">:$block_size,
                       TypeAttr:$output_dtype);
  let results = (outs AnyTensor:$y);
}

def Graph_DynamicQuantizeLinearOp : Graph_Op<"dynamic_quantize_linear"> {
  let summary = "quantizes f32 to ui8 with a scale and zero point from the "
                "data's range (ONNX DynamicQuantizeLinear)";
  let description = [{
    The results are the quantized tensor (ui8, the input's shape), the
    scale (an f32 scalar) and the zero point (a ui8 scalar), computed from
    the range of the input extended to include 0.
  }];
  let arguments = (ins AnyTensor:$x);
  let results = (outs TensorOf<[UI8]>:$y, TensorOf<[F32]>:$y_scale,
                      TensorOf<[UI8]>:$y_zero_point);
}

//===----------------------------------------------------------------------===//
// Integer and QLinear matmul and convolution
//===----------------------------------------------------------------------===//

def Graph_MatMulIntegerOp : Graph_Op<"matmul_integer"> {
  let summary = "(a - a_zero_point) * (b - b_zero_point) in i32 "
                "(ONNX MatMulInteger)";
  let description = [{
    Numpy matmul semantics (see `graph.matmul`) on 8-bit integers, with an
    i32 result. A zero point has its operand's element type and is none
    when absent (0); it is a scalar, or per row of `a` / per column of `b`.
  }];
  let arguments = (ins AnyTensor:$a, AnyTensor:$b,
                       Graph_TensorOrNone:$a_zero_point,
                       Graph_TensorOrNone:$b_zero_point);
  let results = (outs TensorOf<[I32]>:$y);
}

def Graph_QLinearMatMulOp : Graph_Op<"qlinear_matmul"> {
  let summary = "matmul of quantized tensors, requantized (ONNX QLinearMatMul)";
  let description = [{
    Dequantizes `a` and `b` with their scales and zero points, multiplies
    them (numpy matmul semantics) and quantizes the product with `y_scale`
    and `y_zero_point`, whose element type the result has.
  }];
  let arguments = (ins AnyTensor:$a, AnyTensor:$a_scale,
                       AnyTensor:$a_zero_point, AnyTensor:$b,
                       AnyTensor:$b_scale, AnyTensor:$b_zero_point,
                       AnyTensor:$y_scale, AnyTensor:$y_zero_point);
  let results = (outs AnyTensor:$y);
}

// The window attributes of the integer convolutions, normalized as those of
// graph.conv.
defvar Graph_QuantConvWindowAttrs = (ins DenseI64ArrayAttr:$kernel_shape,
    DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
    DenseI64ArrayAttr:$pads,
    DefaultValuedAttr<StrAttr, "\"NOTSET\"">:$auto_pad,
    DefaultValuedAttr<I64Attr, "1">:$group);

def Graph_ConvIntegerOp : Graph_Op<"conv_integer"> {
  let summary = "convolution of 8-bit integers with an i32 result "
                "(ONNX ConvInteger)";
  let description = [{
    `(x - x_zero_point) conv (w - w_zero_point)`; the zero points are none
    when absent (0); `w_zero_point` may be per output channel. The window
    attributes are normalized as those of `graph.conv`.
  }];
  let arguments = !con((ins AnyTensor:$x, AnyTensor:$w,
                            Graph_TensorOrNone:$x_zero_point,
                            Graph_TensorOrNone:$w_zero_point),
                       Graph_QuantConvWindowAttrs);
  let results = (outs TensorOf<[I32]>:$y);
}

def Graph_QLinearConvOp : Graph_Op<"qlinear_conv"> {
  let summary = "convolution of quantized tensors, requantized "
                "(ONNX QLinearConv)";
  let description = [{
    Dequantizes `x` and `w` (whose scale and zero point may be per output
    channel), convolves them, adds the i32 `bias` (none when absent, else
    one value per output channel, in units of x_scale * w_scale) and
    quantizes with `y_scale` and `y_zero_point`, whose element type the
    result has. The window attributes are normalized as those of
    `graph.conv`.
  }];
  let arguments = !con((ins AnyTensor:$x, AnyTensor:$x_scale,
                            AnyTensor:$x_zero_point, AnyTensor:$w,
                            AnyTensor:$w_scale, AnyTensor:$w_zero_point,
                            AnyTensor:$y_scale, AnyTensor:$y_zero_point,
                            Graph_TensorOrNone:$bias),
                       Graph_QuantConvWindowAttrs);
  let results = (outs AnyTensor:$y);
}

#endif // MLC_GRAPH_QUANT_OPS_TD
