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

#endif // MLC_CODEGEN_CPU_PASSES_TD
