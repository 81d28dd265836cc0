//===- QuantOps.td - quantization graph ops -------------------------------===//
//
// QuantizeLinear / DequantizeLinear, dynamic quantization and the integer
// and QLinear convolutions and matmuls.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_GRAPH_QUANT_OPS_TD
#define MLC_GRAPH_QUANT_OPS_TD

include "dialects/graph/IR/GraphBase.td"

def Graph_DequantizeLinearOp : Graph_Op<"dequantize_linear"> {
  let summary = "(x - zero_point) * scale (ONNX DequantizeLinear)";
  let description = [{
    `axis` (normalized to [0, rank)) is the quantization axis for
    per-axis scales; `block_size` > 0 selects blocked quantization
    (ONNX-21); `output_dtype` is the result element type (ONNX-23).
  }];
  let arguments = (ins AnyTensor:$x, AnyTensor:$x_scale,
                       Graph_TensorOrNone:$x_zero_point,
                       I64Attr:$axis,
                       DefaultValuedAttr<I64Attr, "0">:$block_size,
                       TypeAttr:$output_dtype);
  let results = (outs AnyTensor:$y);
}

#endif // MLC_GRAPH_QUANT_OPS_TD
