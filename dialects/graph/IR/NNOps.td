//===- NNOps.td - neural-network graph ops --------------------------------===//
//
// Convolutions, pooling, normalizations, softmax and attention.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_GRAPH_NN_OPS_TD
#define MLC_GRAPH_NN_OPS_TD

include "dialects/graph/IR/GraphBase.td"

def Graph_ConvOp : Graph_Op<"conv"> {
  let summary = "N-D convolution (ONNX Conv)";
  let description = [{
    Normalized: `kernel_shape`, `strides`, `dilations` have one entry per
    spatial dimension and `pads` two (all begins, then all ends); ONNX's
    auto_pad is resolved into explicit pads when the input's spatial
    dimensions are static, and kept in `auto_pad` otherwise ("NOTSET" when
    the pads are explicit). `bias` is none when absent.
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
}

#endif // MLC_GRAPH_NN_OPS_TD
