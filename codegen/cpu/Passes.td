//===- Passes.td - passes of the CPU backend -------------------------------===//

#ifndef MLC_CODEGEN_CPU_PASSES_TD
#define MLC_CODEGEN_CPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def OutlineParallelLoopsPass
    : Pass<"mlc-outline-parallel-loops", "::mlir::ModuleOp"> {
  let summary = "Run outermost scf.parallel loops on the runtime's threads";
  let description = [{
    Turns each outermost `scf.parallel` of a kernel (a public function) into
    a call of the runtime's `mlc_rt_parallel_for(ctx, n, body, captures)`
    (runtime/include/mlc/model_abi.h), on memrefs, before the lowering to
    the LLVM dialect:

    1. The kernel gets a trailing `!llvm.ptr {mlc.exec_ctx}` argument, the
       `mlc_exec_ctx *` that the entry point passes on (unless it has one).
    2. A loop is outlined when its bounds are constants, it has no
       reductions (results), and its estimated work (operations executed,
       nested loops counted by their static trip counts) is at least
       `min-work`; others stay where they are and lower to serial loops.
    3. Its outer dimensions, up to 256 iterations or more, are collapsed
       into one space [0, n); the runtime splits [0, n) into chunks from n
       and the thread count only. The remaining dimensions and any nested
       `scf.parallel` run serially inside a chunk. Every iteration of a
       parallel dimension writes its own outputs, so the results do not
       depend on the thread count.
    4. The body becomes a private `func.func @<kernel>_par<i>(%captures:
       !llvm.ptr, %begin: i64, %end: i64)`: a loop over [begin, end) that
       delinearizes the index and runs the original body. Constants and
       `memref.get_global`s are cloned into it; other values defined above
       the loop are captured in a `!llvm.struct` on the kernel's stack
       (`llvm.alloca` in the entry block): memrefs as their LLVM memref
       descriptors (an `unrealized_conversion_cast` on each side, which
       cancels once memrefs are lowered), index values as i64, LLVM-
       compatible scalars and vectors as they are. A loop that captures
       anything else stays serial.

    Before (min-work=1):
      func.func @k(%a: memref<64x32xf32>, %arena: memref<0xi8>) {
        scf.parallel (%i, %j) = (%c0, %c0) to (%c64, %c32) step (%c1, %c1) {
          memref.store %cst, %a[%i, %j] : memref<64x32xf32>
          scf.reduce
        }
        return
      }
    After:
      func.func @k(%a: memref<64x32xf32>, %arena: memref<0xi8>,
                   %ctx: !llvm.ptr {mlc.exec_ctx}) {
        %s = llvm.alloca %c1_i64 x !llvm.struct<(struct<(ptr, ptr, i64,
            array<2 x i64>, array<2 x i64>)>)> : (i64) -> !llvm.ptr
        %d = builtin.unrealized_conversion_cast %a : memref<64x32xf32> to !llvm.struct<...>
        %p = llvm.getelementptr %s[0, 0] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<...>
        llvm.store %d, %p : !llvm.struct<...>, !llvm.ptr
        %f = constant @k_par0 : (!llvm.ptr, i64, i64) -> ()
        call @mlc_rt_parallel_for(%ctx, %c2048_i64, %f, %s) : (...) -> ()
        return
      }
      func.func private @k_par0(%captures: !llvm.ptr, %begin: i64, %end: i64) {
        // load the descriptor, cast it back to memref<64x32xf32> (%a2)
        scf.for %l = %b to %e step %c1 {
          %i = arith.divui %l, %c32 : index
          %j = arith.remui %l, %c32 : index
          memref.store %cst, %a2[%i, %j] : memref<64x32xf32>
        }
        return
      }
  }];
  let options = [
    Option<"minWork", "min-work", "uint64_t", "65536",
           "Outline only loops estimated to execute at least this many "
           "operations (smaller ones do not pay for waking threads)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::func::FuncDialect",
    "::mlir::LLVM::LLVMDialect", "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
  ];
}

def LegalizeEmptyBuffersPass
    : Pass<"mlc-legalize-empty-buffers", "::mlir::ModuleOp"> {
  let summary = "Pass zero-element memref arguments of kernels as bytes";
  let description = [{
    A kernel (a public function) is called with bare pointers, and MLIR's
    bare-pointer convention refuses a memref type with a zero-sized
    dimension other than the innermost one (it has no canonical strides),
    e.g. `memref<2x0x4xf32>` of a ReduceSum over an empty axis. No element
    of such a buffer is ever read or written, so this pass gives the
    argument the type `memref<0xi8>` (the pointer is still passed, the
    calling convention unchanged) and lets the body use a zero-sized
    `memref.alloca` of the original type instead.

    Before:
      func.func @k(%a: memref<2x0x4xf32>, %b: memref<2x1x4xf32>)
    After:
      func.func @k(%a: memref<0xi8>, %b: memref<2x1x4xf32>) {
        %0 = memref.alloca() : memref<2x0x4xf32>
        // uses of %a now use %0
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def MatmulKernelsPass : Pass<"mlc-matmul-kernels", "::mlir::ModuleOp"> {
  let summary = "Register-blocked vector micro-kernels for f32 matmuls";
  let description = [{
    Rewrites f32 `linalg.matmul`, `linalg.matmul_transpose_b` and
    `linalg.batch_matmul` on static memrefs (after bufferization, before the
    memory plan) into an explicit loop nest of vector ops:

    - B is packed into panels `[batch?][ceil(N/NR)][K][NR]`, zero-padded:
      at compile time into a new constant global when B is a constant
      (weights), else at run time into a buffer (`memref.alloc`, which
      mlc-assign-arena places in the arena).
    - `scf.parallel` over (batch, panel); inside, K blocks of `k-block`, and
      M tiles of MR rows (one smaller tile for M % MR).
    - Each tile keeps MR x NR/VL `vector<VLxf32>` accumulators in registers
      through the k loop: per k, NR/VL vector loads of the packed panel, MR
      scalar loads of A broadcast, MR x NR/VL `vector.fma`. The accumulators
      start at zero on the first K block when a zero `linalg.fill` of C
      precedes the matmul (the fill is removed), else from C; they are
      stored with `vector.transfer_write` (masked at the right edge).

    The schedule knobs are options: `vector-bits` (512 with AVX-512, 256
    with AVX2: the lanes VL = bits / 32), `tile-rows` (MR; default 8 at
    512 bits, 6 below), `tile-vectors` (NR / VL; default 2), `k-block`
    (default: all of K).
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", "512",
           "Vector register width in bits">,
    Option<"tileRows", "tile-rows", "int64_t", "0",
           "Rows of the register tile (0: by vector width)">,
    Option<"tileVectors", "tile-vectors", "int64_t", "0",
           "Vectors per row of the register tile (0: 2)">,
    Option<"kBlock", "k-block", "int64_t", "0",
           "K block (0: all of K)">,
    Option<"fuseEpilogues", "fuse-epilogues", "bool", "true",
           "Apply an elementwise consumer of C in the kernel">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect", "::mlir::vector::VectorDialect",
  ];
}

def ConvKernelsPass : Pass<"mlc-conv-kernels", "::mlir::ModuleOp"> {
  let summary = "Register-blocked vector kernels for f32 2-D convolutions";
  let description = [{
    Rewrites f32 `linalg.conv_2d_nchw_fchw` on static memrefs whose weights
    are a constant into an implicit GEMM of vector ops (after
    bufferization): output pixels on the vector side, filters on the
    broadcast side with the weights packed at compile time into
    `[ceil(F/MR)][C*KH*KW][MR]` (zero-padded). The output already holds its
    initial value (zeros or the broadcast bias) and each tile accumulates
    onto it.

    - direct (unit width stride, output rows filling at least 3/4 of the
      vectors): `scf.parallel` over (image, output row, row segment of NR
      pixels); per tile, a loop over input channels whose body makes one
      rank-1 update per window position, B's vectors loaded straight from
      the padded input row. Segments whose reads could pass the row's end
      use masked transfers, the others plain vector loads.
    - packed (otherwise): `scf.parallel` over (image, panel of NR flattened
      output pixels); each panel is gathered (im2col) into a
      `[C*KH*KW][NR]` stack buffer, then every filter tile runs over it.

    Register tile: MR filters x NV vectors (NV = 2, or 1 when a row is no
    wider than one vector, then MR = 16).
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", "512",
           "Vector register width in bits">,
    Option<"forcePacked", "force-packed", "bool", "false",
           "Always gather panels (for testing)">,
    Option<"fuseEpilogues", "fuse-epilogues", "bool", "true",
           "Apply an elementwise consumer of the output in the kernel">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect", "::mlir::vector::VectorDialect",
  ];
}

def AttentionKernelsPass : Pass<"mlc-attention-kernels", "::mlir::ModuleOp"> {
  let summary = "graph.fused_attention on buffers as one vector kernel";
  let description = [{
    Each graph.fused_attention on buffers (see passes/FuseAttention.cpp)
    becomes one parallel loop over (batch, head, block of MR query rows).
    An iteration keeps its block's MR x T scores in a stack buffer (per
    thread), never the whole score matrix:
      1. scores = scale * Q_block K^T (+ mask, keep ? s : masked_value) as
         register tiles of MR rows x NV vectors of keys, E the k loop;
      2. per row: the maximum, exp(s - max) in place, their sum;
      3. Y_block = P_block V as register tiles of MR rows x NV vectors of
         the value dimension, T the k loop, each row times 1 / sum.
    Key columns past T in the last vector hold -inf, so that they add 0.
    Operands whose innermost stride is not 1 are first copied.

    Before (buffers):
      graph.fused_attention q(%q : memref<1x12x128x64xf32>) kt(%kt : ...)
          v(%v : ...) mask(%m : memref<1x1x1x128xf32>) init(%y : ...)
          {scale = 1.250000e-01 : f32}
    After: scf.parallel (%b, %h, %blk) = ... { %s = memref.alloca() :
      memref<4x128xf32> ... vector.fma ... math.exp ... vector.fma ... }
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", "512",
           "Vector register width in bits">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
    "::mlir::memref::MemRefDialect", "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect", "::mlir::linalg::LinalgDialect",
  ];
}

def LayerNormKernelsPass : Pass<"mlc-layer-norm-kernels", "::mlir::ModuleOp"> {
  let summary = "graph.fused_layer_norm on buffers as one vector kernel";
  let description = [{
    Each graph.fused_layer_norm on buffers becomes a parallel loop over the
    rows (all dimensions but the last, D elements each); per row, three
    vector loops while the row is in the L1 cache: the sum (the mean), the
    sum of squared deviations (the variance; the tail vector padded with
    the mean adds 0), and (x - mean) * rsqrt(var + epsilon) * scale + bias
    stored. Operands whose layout is not the identity are first copied.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", "512",
           "Vector register width in bits">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
    "::mlir::memref::MemRefDialect", "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def SoftmaxKernelsPass : Pass<"mlc-softmax-kernels", "::mlir::ModuleOp"> {
  let summary = "graph.fused_softmax on buffers as one vector kernel";
  let description = [{
    Each graph.fused_softmax on buffers becomes a parallel loop over the
    rows (all dimensions but the last); per row, three vector loops while
    the row is in the L1 cache: the maximum (the tail vector padded with
    -inf), exp(x - max) stored and summed (the tail's padding adds
    exp(-inf) = 0), and the stored values times 1 / sum. Operands whose
    layout is not the identity are first copied.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", "512",
           "Vector register width in bits">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
    "::mlir::memref::MemRefDialect", "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def ApproximateMathPass : Pass<"mlc-approximate-math", "::mlir::ModuleOp"> {
  let summary = "f32 transcendental functions as inline polynomials";
  let description = [{
    Upstream's math simplifications (powf with a constant exponent 2, 3,
    0.5, -0.5, ... as multiplications and square roots) and polynomial
    approximations (exp, expm1, log, log1p, log2, tanh, erf, sin, cos, atan,
    atan2, cbrt on f32 scalars and vectors). They replace calls into libm,
    which the loop vectorizer cannot widen, by straight-line arithmetic.
    f64 and the other functions keep their libm calls.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def VectorizeGenericPass
    : Pass<"mlc-vectorize-generic", "::mlir::ModuleOp"> {
  let summary = "linalg.generic on memrefs as vector loops";
  let description = [{
    Elementwise ops, broadcasts, and reductions (softmax, normalization,
    pooling after generalization) become loops over vectors of VL lanes along
    their innermost loop, instead of the scalar loops of
    convert-linalg-to-parallel-loops:

    - applies to a `linalg.generic` on static memrefs of whole-byte element
      types whose indexing maps are projections (results: loop dimensions
      or 0) reading the innermost loop only in an operand's innermost,
      unit-stride dimension, whose body has only elementwise-mappable ops
      (arith, math), constants and `linalg.index`, and whose innermost loop
      has at least 4 iterations; other generics are left alone;
    - `scf.parallel` over the other parallel loops (the runtime's threads
      run it), `scf.for` over the other reduction loops, then the innermost
      loop in steps of VL: plain vector loads and stores, and one masked
      step for the remainder;
    - operands not reading the innermost loop are scalar loads broadcast;
      `linalg.index` of the innermost loop is the lanes' indices;
    - an innermost reduction needs a recognized combiner (`out = out (+) v`
      with addf, mulf, maximumf, minimumf, maxnumf, minnumf, addi, muli,
      maxsi, minsi, ori, andi): v is combined lane-wise into a vector
      accumulator (masked lanes hold the identity), reduced across lanes,
      and combined with the output element once.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", "512",
           "Vector register width in bits (VL = bits / 32)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect", "::mlir::vector::VectorDialect",
  ];
}

def ForwardCopiesPass : Pass<"mlc-forward-copies", "::mlir::ModuleOp"> {
  let summary = "Write an elementwise result where it is copied to";
  let description = [{
    After bufferization a value inserted into a larger buffer (the interior
    of a convolution's zero-padded input, a concatenation) is computed into
    its own buffer D and then copied (`memref.copy D, T`). When D is a
    fresh allocation written whole by one elementwise `linalg.generic`
    (which does not read its output) and read only by the copy, and nothing
    in between touches T's buffer except its allocation, views, constants
    and fills (which move before the generic), the generic writes T
    directly: the copy and D go. The generic can then be fused into the
    kernel that produces its input like any other epilogue.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

#endif // MLC_CODEGEN_CPU_PASSES_TD
