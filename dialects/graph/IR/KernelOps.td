//===- KernelOps.td - fused kernels the compiler forms ---------------------===//
//
// Ops that no ONNX node maps to: graph passes form them from a subgraph
// (passes/FuseAttention.cpp) so that the backend can generate one kernel
// for it. They are in destination style, on tensors and, once bufferized,
// on buffers (the CPU backend's kernel passes rewrite them into loops).
//
//===----------------------------------------------------------------------===//

#ifndef MLC_GRAPH_KERNEL_OPS_TD
#define MLC_GRAPH_KERNEL_OPS_TD

include "dialects/graph/IR/GraphBase.td"
include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.td"
include "mlir/Interfaces/DestinationStyleOpInterface.td"

def Graph_FusedAttentionOp : Op<Graph_Dialect, "fused_attention", [
    AttrSizedOperandSegments,
    DestinationStyleOpInterface,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>,
    DeclareOpInterfaceMethods<BufferizableOpInterface,
        ["bufferizesToMemoryRead", "bufferizesToMemoryWrite",
         "getAliasingValues", "bufferize"]>]> {
  let summary = "softmax(scale * q k^T + mask, keep) v as one kernel";
  let description = [{
    For every batch index b and head h (the two leading dimensions, shared
    by all operands), f32:

      s[l, t] = scale * sum_e q[b, h, l, e] * kt[b, h, e, t]
                (+ mask[b, h, l, t])
      s[l, t] = keep[b, h, l, t] != 0 ? s[l, t] : masked_value  (with keep)
      init[b, h, l, f] = sum_t softmax_t(s)[l, t] * v[b, h, t, f]

    q is (B, H, L, E), kt (B, H, E, T) (K transposed, as the first MatMul
    of the subgraph reads it), v (B, H, T, F), init (B, H, L, F). `mask`
    and `keep` (f32) have rank at most 4 and broadcast to (B, H, L, T) by
    numpy rules. The score matrix s is not an operand: a kernel keeps one
    block of its rows in a scratch buffer at a time.

    `q_perm`, `kt_perm`, `v_perm` (absent: identity) absorb a transpose of
    an operand: the operand is the transpose's input X and the shapes above
    are those of transpose(X, perm) (dimension i of it is dimension perm[i]
    of X, as ONNX Transpose). `out_perm` likewise makes init (and the
    result) transpose(y, out_perm) of the (B, H, L, F) y above.
  }];
  let arguments = (ins AnyShaped:$q, AnyShaped:$kt, AnyShaped:$v,
                       Optional<AnyShaped>:$mask, Optional<AnyShaped>:$keep,
                       AnyShaped:$init, F32Attr:$scale,
                       DefaultValuedAttr<F32Attr, "0.0f">:$masked_value,
                       OptionalAttr<DenseI64ArrayAttr>:$q_perm,
                       OptionalAttr<DenseI64ArrayAttr>:$kt_perm,
                       OptionalAttr<DenseI64ArrayAttr>:$v_perm,
                       OptionalAttr<DenseI64ArrayAttr>:$out_perm);
  let results = (outs Variadic<AnyRankedTensor>:$result);
  let assemblyFormat = [{
    `q` `(` $q `:` type($q) `)` `kt` `(` $kt `:` type($kt) `)`
    `v` `(` $v `:` type($v) `)`
    (`mask` `(` $mask^ `:` type($mask) `)`)?
    (`keep` `(` $keep^ `:` type($keep) `)`)?
    `init` `(` $init `:` type($init) `)` attr-dict (`->` type($result)^)?
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::MutableOperandRange getDpsInitsMutable() {
      return getInitMutable();
    }
    /// The shape of `v` after `perm` (ONNX Transpose), or v's own shape.
    static ::llvm::SmallVector<int64_t>
    permuted(::mlir::Value v, ::std::optional<::llvm::ArrayRef<int64_t>> perm);
  }];
}

def Graph_FusedLayerNormOp : Op<Graph_Dialect, "fused_layer_norm", [
    DestinationStyleOpInterface,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>,
    DeclareOpInterfaceMethods<BufferizableOpInterface,
        ["bufferizesToMemoryRead", "bufferizesToMemoryWrite",
         "getAliasingValues", "bufferize"]>]> {
  let summary = "layer normalization over the last dimension as one kernel";
  let description = [{
    For every row r (all dimensions but the last, D elements), f32:

      mean = sum(x[r]) / D,  var = sum((x[r] - mean)^2) / D
      init[r, d] = (x[r, d] - mean) / sqrt(var + epsilon) * scale[d]
                   (+ bias[d])

    `scale` and `bias` have D elements (any shape whose dimensions are 1
    but the last). A kernel reads each row three times while it is in the
    L1 cache, instead of separate passes over the whole tensor for the mean,
    the variance and the result.
  }];
  let arguments = (ins AnyShaped:$input, AnyShaped:$scale,
                       Optional<AnyShaped>:$bias, AnyShaped:$init,
                       F32Attr:$epsilon);
  let results = (outs Variadic<AnyRankedTensor>:$result);
  let assemblyFormat = [{
    `input` `(` $input `:` type($input) `)`
    `scale` `(` $scale `:` type($scale) `)`
    (`bias` `(` $bias^ `:` type($bias) `)`)?
    `init` `(` $init `:` type($init) `)` attr-dict (`->` type($result)^)?
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::MutableOperandRange getDpsInitsMutable() {
      return getInitMutable();
    }
  }];
}

def Graph_Conv2DNchwcOp : Op<Graph_Dialect, "conv2d_nchwc", [
    DestinationStyleOpInterface,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>,
    DeclareOpInterfaceMethods<BufferizableOpInterface,
        ["bufferizesToMemoryRead", "bufferizesToMemoryWrite",
         "getAliasingValues", "bufferize"]>]> {
  let summary = "2-D convolution on channel-blocked (NCHWc) activations";
  let description = [{
    f32, static shapes. With B = init's last dimension (the channel block)
    and init (N, F/B, OH, OW, B):

      init[n, f/B, oh, ow, f%B] +=
          sum_{c, kh, kw} input(n, c, oh*sh + kh*dh, ow*sw + kw*dw)
                          * filter[f, c, kh, kw]

    where input(n, c, h, w) is input[n, c/B, h, w, c%B] for a blocked
    input (rank 5, its block B too) or input[n, c, h, w] for a plain NCHW
    one (rank 4: a network's RGB stem, whose channels do not fill a
    block). The input is already padded (like linalg.conv_2d_nchw_fchw);
    the filter keeps ONNX's (F, C, KH, KW) layout, and a kernel packs it
    for its register tile at compile time. Formed by mlc-blocked-layout.
  }];
  let arguments = (ins AnyShaped:$input, AnyShaped:$filter, AnyShaped:$init,
                       DenseI64ArrayAttr:$strides,
                       DenseI64ArrayAttr:$dilations);
  let results = (outs Variadic<AnyRankedTensor>:$result);
  let assemblyFormat = [{
    `input` `(` $input `:` type($input) `)`
    `filter` `(` $filter `:` type($filter) `)`
    `init` `(` $init `:` type($init) `)` attr-dict (`->` type($result)^)?
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::MutableOperandRange getDpsInitsMutable() {
      return getInitMutable();
    }
    /// The channel block (init's last dimension).
    int64_t getBlock() {
      return ::llvm::cast<::mlir::ShapedType>(getInit().getType())
          .getShape().back();
    }
  }];
}

def Graph_FusedSoftmaxOp : Op<Graph_Dialect, "fused_softmax", [
    DestinationStyleOpInterface,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>,
    DeclareOpInterfaceMethods<BufferizableOpInterface,
        ["bufferizesToMemoryRead", "bufferizesToMemoryWrite",
         "getAliasingValues", "bufferize"]>]> {
  let summary = "softmax over the last dimension as one kernel";
  let description = [{
    For every row r (all dimensions but the last), f32:

      init[r, d] = exp(input[r, d] - max(input[r])) /
                   sum_d' exp(input[r, d'] - max(input[r]))

    A kernel reads each row while it is in the L1 cache (the maximum, the
    exponentials and their sum, the scaling) instead of separate passes
    over the whole tensor. Formed by mlc-fuse-softmax.
  }];
  let arguments = (ins AnyShaped:$input, AnyShaped:$init);
  let results = (outs Variadic<AnyRankedTensor>:$result);
  let assemblyFormat = [{
    `input` `(` $input `:` type($input) `)`
    `init` `(` $init `:` type($init) `)` attr-dict (`->` type($result)^)?
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::MutableOperandRange getDpsInitsMutable() {
      return getInitMutable();
    }
  }];
}

#endif // MLC_GRAPH_KERNEL_OPS_TD
