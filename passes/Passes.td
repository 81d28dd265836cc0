//===- Passes.td - target-independent MLC passes ---------------------------===//

#ifndef MLC_PASSES_TD
#define MLC_PASSES_TD

include "mlir/Pass/PassBase.td"

def InferShapesPass : Pass<"mlc-infer-shapes", "::mlir::func::FuncOp"> {
  let summary = "Refine graph op result types from their operands";
  let description = [{
    Walks the function in order and replaces each graph op's result types by
    the types its InferShapesOpInterface gives, where those are more precise
    (a rank or a static dimension more); the function's result types follow
    its return operands.

    Before:
      %s = graph.reshape %x, %none {static_shape = array<i64: 2, -1>}
          : (tensor<2x3xf32>, none) -> tensor<?x?xf32>
      return %s : tensor<?x?xf32>
    After:
      %s = graph.reshape %x, %none {static_shape = array<i64: 2, -1>}
          : (tensor<2x3xf32>, none) -> tensor<2x3xf32>
      return %s : tensor<2x3xf32>
  }];
  let dependentDialects = ["::mlc::graph::GraphDialect"];
}

def SimplifyGraphPass : Pass<"mlc-simplify-graph", "::mlir::func::FuncOp"> {
  let summary = "Canonicalize, fold and refine shapes to a fixed point";
  let description = [{
    Alternates the canonicalization patterns and folders of every loaded
    dialect with shape refinement (mlc-infer-shapes) until neither changes
    the function, so that the Shape/Gather/Concat/Unsqueeze/Reshape
    arithmetic of exported models folds into constants and static shapes.

    Before:
      %s = graph.shape %x : (tensor<2x3xf32>) -> tensor<2xi64>
      %r = graph.reshape %y, %s : (tensor<6xf32>, tensor<2xi64>) -> tensor<?x?xf32>
    After:
      %r = graph.reshape %y, %none {static_shape = array<i64: 2, 3>}
          : (tensor<6xf32>, none) -> tensor<2x3xf32>
  }];
  let options = [
    Option<"maxIterations", "max-iterations", "unsigned", "16",
           "Rounds of canonicalization and shape refinement at most">,
  ];
  let dependentDialects = ["::mlc::graph::GraphDialect"];
}

def ConvertGraphToLinalgPass
    : Pass<"mlc-convert-graph-to-linalg", "::mlir::ModuleOp"> {
  let summary = "Lower graph ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Each graph op becomes upstream ops on tensors: elementwise ops one
    linalg.generic each, matrix products linalg.generic contractions,
    reshapes tensor ops, constants arith.constant (weights stay dense
    resources). Unsigned integer types become signless. Ops that still have
    dynamic shapes are an error (pin them with --shape).

    Before:
      %0 = graph.add %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    After:
      %e = tensor.empty() : tensor<4xf32>
      %0 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
          ins(%a, %b : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) {
      ^bb0(%x: f32, %y: f32, %o: f32):
        %s = arith.addf %x, %y : f32
        linalg.yield %s : f32
      } -> tensor<4xf32>
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect", "::mlir::tensor::TensorDialect",
    "::mlir::scf::SCFDialect", // ScatterND's loop
  ];
}

def FuseAttentionPass : Pass<"mlc-fuse-attention", "::mlir::func::FuncOp"> {
  let summary = "Scaled dot-product attention subgraphs as graph.fused_attention";
  let description = [{
    Replaces MatMul(q, kt) -> [Div or Mul by a scalar constant] -> [Add of a
    mask that broadcasts] -> [Where(keep, s, scalar constant)] -> Softmax
    (last axis) -> MatMul(p, v) on static 4-D f32 tensors with at most 16384
    keys, each intermediate used once, by one graph.fused_attention, which the CPU backend generates
    as one kernel that never writes the score matrix to memory. Where's
    condition becomes an f32 operand (a constant when it was one).

    Before:
      %s = graph.matmul %q, %kt : (tensor<1x12x128x64xf32>, tensor<1x12x64x128xf32>) -> tensor<1x12x128x128xf32>
      %d = graph.div %s, %c8 : (tensor<1x12x128x128xf32>, tensor<f32>) -> tensor<1x12x128x128xf32>
      %a = graph.add %d, %mask : (tensor<1x12x128x128xf32>, tensor<1x1x1x128xf32>) -> tensor<1x12x128x128xf32>
      %p = graph.softmax %a {axis = 3 : i64} : (tensor<1x12x128x128xf32>) -> tensor<1x12x128x128xf32>
      %y = graph.matmul %p, %v : (tensor<1x12x128x128xf32>, tensor<1x12x128x64xf32>) -> tensor<1x12x128x64xf32>
    After:
      %e = tensor.empty() : tensor<1x12x128x64xf32>
      %y = graph.fused_attention q(%q : ...) kt(%kt : ...) v(%v : ...)
          mask(%mask : tensor<1x1x1x128xf32>) init(%e : ...)
          {scale = 1.250000e-01 : f32} -> tensor<1x12x128x64xf32>
  }];
  let dependentDialects = ["::mlc::graph::GraphDialect",
                           "::mlir::tensor::TensorDialect"];
}

def FuseLayerNormPass : Pass<"mlc-fuse-layer-norm", "::mlir::func::FuncOp"> {
  let summary = "LayerNormalization over the last axis as graph.fused_layer_norm";
  let description = [{
    graph.layer_normalization normalizing the last dimension of a static f32
    tensor, with f32 statistics whose results (mean, inv_std_dev) are
    unused and a scale and bias of the last dimension's size, becomes one
    graph.fused_layer_norm; so does the decomposed form of exporters before
    opset 17 (ReduceMean, Sub, Pow 2 or Mul, ReduceMean, Add epsilon, Sqrt,
    Div, then an optional Mul by the scale and Add of the bias, each
    intermediate used only within the pattern), which the CPU backend generates as one kernel
    (each row read three times from the L1 cache: mean, variance, result).

    Before:
      %y, %m, %s = graph.layer_normalization %x, %g, %b {axis = 1 : i64,
          epsilon = 9.99999996E-13 : f32, stash_type = f32} : ...
    After:
      %e = tensor.empty() : tensor<128x768xf32>
      %y = graph.fused_layer_norm input(%x : tensor<128x768xf32>)
          scale(%g : tensor<768xf32>) bias(%b : tensor<768xf32>)
          init(%e : tensor<128x768xf32>) {epsilon = 9.99999996E-13 : f32}
          -> tensor<128x768xf32>
  }];
  let dependentDialects = ["::mlc::graph::GraphDialect",
                           "::mlir::tensor::TensorDialect"];
}

def FoldBatchNormPass : Pass<"mlc-fold-batchnorm", "::mlir::func::FuncOp"> {
  let summary = "Fold inference BatchNormalization into the preceding Conv";
  let description = [{
    `graph.batch_normalization` in inference mode (running statistics unused)
    whose input is a `graph.conv` used only there, with constant f32 weights,
    bias (or none), scale, B, mean and var, becomes that convolution with
    new constant weights and bias:
      s = scale / sqrt(var + epsilon)
      W'[f, ...] = W[f, ...] * s[f]
      b'[f] = (b[f] - mean[f]) * s[f] + B[f]       (b = 0 without a bias)
    computed in double precision and rounded to f32. Other batch
    normalizations are left as they are.
  }];
  let dependentDialects = ["::mlc::graph::GraphDialect"];
}

def FuseSoftmaxPass : Pass<"mlc-fuse-softmax", "::mlir::func::FuncOp"> {
  let summary = "Softmax over the last axis as graph.fused_softmax";
  let description = [{
    graph.softmax over the last dimension of a static, non-empty f32 tensor
    becomes one graph.fused_softmax, which the CPU backend generates as one
    kernel reading each row from the L1 cache (maximum; exponentials and
    their sum; scaling) instead of four passes over the tensor. Run after
    mlc-fuse-attention (attention's softmax fuses with its matmuls).

    Before:
      %y = graph.softmax %x {axis = 1 : i64}
          : (tensor<64x1000xf32>) -> tensor<64x1000xf32>
    After:
      %e = tensor.empty() : tensor<64x1000xf32>
      %y = graph.fused_softmax input(%x : tensor<64x1000xf32>)
          init(%e : tensor<64x1000xf32>) -> tensor<64x1000xf32>
  }];
  let dependentDialects = ["::mlc::graph::GraphDialect",
                           "::mlir::tensor::TensorDialect"];
}

def BlockedLayoutPass : Pass<"mlc-blocked-layout", "::mlir::func::FuncOp"> {
  let summary = "Channel-blocked (NCHWc) activations through convolution chains";
  let description = [{
    On linalg on tensors: every linalg.conv_2d_nchw_fchw with constant f32
    weights whose filter count is a multiple of `block` becomes a
    graph.conv2d_nchwc writing [N, F/block, OH, OW, block] (a convolution
    kernel then stores whole vectors of one pixel's channels: whole cache
    lines, no transposition). The blocked values flow on through the
    elementwise ops, pads (insert_slice into a fill), concatenations along
    channels at whole blocks and max / sum pools that read them (each rewritten on blocked operands, per-channel
    vectors split into [C/block, block]) into the next convolution; a
    reorder back to NCHW is made only for what cannot take the blocked
    form (a global pool, a graph output). The input of the first
    convolution (an RGB image) is read as NCHW, without a reorder.

    Applied only where every convolution and pool of the function can stay
    blocked (not with depthwise or grouped convolutions) and there are at
    least two convolutions to block, unless `force`.
    `block` is the target's f32 vector width (16 with AVX-512, 8 with AVX2);
    0 disables the pass.

    Before:
      %c = linalg.conv_2d_nchw_fchw ins(%x, %w : tensor<1x64x56x56xf32>,
          tensor<64x64x1x1xf32>) outs(%bias : tensor<1x64x56x56xf32>)
      %r = linalg.generic ... ins(%c) ...  // Relu
    After:
      %c = graph.conv2d_nchwc input(%xb : tensor<1x4x56x56x16xf32>)
          filter(%w : tensor<64x64x1x1xf32>)
          init(%biasb : tensor<1x4x56x56x16xf32>) ...
      %r = linalg.generic ... ins(%c : tensor<1x4x56x56x16xf32>) ...
  }];
  let options = [
    Option<"block", "block", "int64_t", "16",
           "Channels per block (0: leave the layout alone)">,
    Option<"force", "force", "bool", "false",
           "Also where some convolution must stay NCHW (reorders around it)">,
  ];
  let dependentDialects = ["::mlc::graph::GraphDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def FuseElementwisePass : Pass<"mlc-fuse-elementwise", "::mlir::func::FuncOp"> {
  let summary = "Fuse elementwise linalg ops where nothing is recomputed";
  let description = [{
    Upstream's elementwise fusion (linalg-fuse-elementwise-ops: producer into
    consumer, reshapes folded by expansion, linalg canonicalization and
    constant folding), but a producer is fused into a consumer only where the
    consumer reads it through a permutation of all of its loops, so that each
    produced value is still computed once. Upstream fuses an all-parallel
    producer into any consumer, so a GELU between two matmuls moved into the
    second matmul's loop nest is recomputed for every output column (768 or
    3072 times per element in BERT / GPT-2), and a LayerNorm into the next
    projection likewise.

    Before:
      %g = linalg.generic {iterator_types = ["parallel", "parallel"]}
          ins(%x : tensor<128x3072xf32>) ...   // math.erf ...
      %y = linalg.matmul ins(%g, %w : tensor<128x3072xf32>, tensor<3072x768xf32>) ...
    After: unchanged (the matmul reads %g through (m, n, k) -> (m, k), which
    omits n). Elementwise chains, and elementwise producers of reductions over
    the same iteration space, still fuse into one linalg.generic.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::affine::AffineDialect"];
}

def FlattenConstantGlobalsPass
    : Pass<"mlc-flatten-constant-globals", "::mlir::ModuleOp"> {
  let summary = "Make constant memref.globals 1-D, viewed in their shape";
  let description = [{
    Each constant memref.global of rank 2 or more with an identity layout
    (the weights, after bufferization) gets the 1-D type of the same
    elements, and each memref.get_global of it becomes a get_global of the
    1-D global and a memref.expand_shape back to the original type. Nothing
    changes at run time; the point is translation to LLVM IR, which turns an
    N-D constant into nested arrays with one uniqued ConstantDataArray per
    innermost row (409,600 of one float each for a 1280x320x1x1 conv
    weight): a 1-D global is one ConstantDataArray over the raw bytes.

    Before:
      memref.global "private" constant @w : memref<2x3xf32> = dense<...>
      %w = memref.get_global @w : memref<2x3xf32>
    After:
      memref.global "private" constant @w : memref<6xf32> = dense<...>
      %0 = memref.get_global @w : memref<6xf32>
      %w = memref.expand_shape %0 [[0, 1]] output_shape [2, 3]
          : memref<6xf32> into memref<2x3xf32>
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def AssignArenaPass : Pass<"mlc-assign-arena", "::mlir::ModuleOp"> {
  let summary = "Place intermediate buffers at offsets in one arena";
  let description = [{
    Static memory planning after bufferization, so a run allocates nothing.
    For each function:
    1. Collect the static `memref.alloc`s of its entry block; their lifetime
       runs from the alloc to the last top-level op that uses the buffer or
       a view of it.
    2. An elementwise linalg op writing its result over an operand that dies
       there may reuse the operand's storage (an in-place hint).
    3. Plan offsets (passes/MemoryPlan.h), append an arena argument
       `memref<Nxi8>` and turn each alloc into a `memref.view` of it.
    The module gets `mlc.arena_bytes`, `mlc.buffer_bytes` (the sum of all
    buffers) and `mlc.liveness_bytes` (the most bytes live at once) for
    `mlc-compile --report`.

    Before:
      func.func @f(%in: memref<64xf32>, %out: memref<64xf32>) {
        %t = memref.alloc() : memref<64xf32>
        ...
    After:
      func.func @f(%in: memref<64xf32>, %out: memref<64xf32>, %arena: memref<256xi8>) {
        %c0 = arith.constant 0 : index
        %t = memref.view %arena[%c0][] : memref<256xi8> to memref<64xf32>
        ...
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

#endif // MLC_PASSES_TD
