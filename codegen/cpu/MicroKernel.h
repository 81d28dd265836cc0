//===- MicroKernel.h - the register-tile loop of the GEMM-like kernels ----===//
//
// Shared by the matmul and convolution kernels (MatmulKernels.cpp,
// ConvKernels.cpp): one MR x NR tile of C held in MR * NV vector registers
// of VL f32 lanes through a k loop, each step NV vector loads of B (the
// "vector side"), MR scalar loads of A broadcast (the "broadcast side"),
// and MR * NV vector.fma.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_CODEGEN_CPU_MICROKERNEL_H
#define MLC_CODEGEN_CPU_MICROKERNEL_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/IRMapping.h"

#include <optional>
#include <vector>
#include "llvm/ADT/STLFunctionalExtras.h"

namespace mlc::cpu {

struct RegisterTile {
  int64_t mr, nv, vl;
};

/// Loads one operand of step `step` of iteration `k`: the `index`-th
/// vector<VLxf32> of B's row, or the f32 of A's row `index`.
using TileLoad = llvm::function_ref<mlir::Value(
    mlir::OpBuilder &, mlir::Value k, int64_t step, int64_t index)>;

/// Emits `scf.for k in [k0, k1)` carrying `init` (mr * nv vectors, row
/// major) whose body makes `steps` rank-1 updates (a convolution's window
/// positions of one channel; 1 for a matmul), and returns the final
/// accumulators.
llvm::SmallVector<mlir::Value>
emitRegisterTileLoop(mlir::OpBuilder &b, mlir::Location loc,
                     const RegisterTile &tile, mlir::Value k0, mlir::Value k1,
                     int64_t steps, mlir::ValueRange init, TileLoad loadB,
                     TileLoad loadA);

/// Clones the ops of a linalg.generic `body` (not its terminator, stopping
/// before `stopAt` if given) once `map` holds values for its block
/// arguments: an op with a vector operand is created on vectors of `lanes`
/// (its scalar operands broadcast), others stay scalar. `index(b, dim)`
/// gives the value of `linalg.index dim`.
void cloneBodyOnVectors(
    mlir::OpBuilder &b, mlir::Location loc, mlir::Block &body,
    mlir::IRMapping &map, int64_t lanes, mlir::Operation *stopAt,
    llvm::function_ref<mlir::Value(mlir::OpBuilder &, unsigned)> index);

/// `v` as a vector of `lanes` (broadcast when scalar).
mlir::Value widenToVector(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value v, int64_t lanes);

/// Whether a linalg.generic body op can be cloned by cloneBodyOnVectors.
bool isVectorizableBodyOp(mlir::Operation &op);

/// Whether `t`'s innermost dimension has stride 1 (vector loads along it).
bool unitInnerStride(mlir::MemRefType t);

/// The operands of a linalg op on buffers with two inputs and one init,
/// when all three are static, non-empty f32 memrefs (what the matmul and
/// convolution kernels take).
struct KernelOperands {
  mlir::Value in0, in1, out;
  mlir::MemRefType t0, t1, tOut;
};
std::optional<KernelOperands> staticF32Operands(mlir::Operation *op);

/// Erases the module's private memref.globals nothing reads any more (the
/// unpacked weights once packed copies replaced them).
void eraseUnusedPrivateGlobals(mlir::ModuleOp module);

/// Appends one kernel to the module's "mlc.kernels" list (what mlc-compile
/// --report prints): its kind ("matmul", "conv2d", ...), shape, the ops
/// fused into it, its FLOPs and the bytes it reads and writes. Call it once
/// the kernel's loops are emitted before `anchor`: the scf.parallel ops
/// among them get the kernel's index as kKernelIndexAttr (the outlined
/// functions are named after it). Returns the index.
int64_t recordKernel(mlir::Operation *anchor, llvm::StringRef kind,
                     llvm::StringRef shape, llvm::StringRef fused,
                     uint64_t flops, uint64_t bytes);

/// The attribute naming the kernel (its index in "mlc.kernels") on a
/// kernel's parallel loops.
inline constexpr llvm::StringLiteral kKernelIndexAttr = "mlc.kernel";

/// A buffer with `v`'s shape and the identity layout (64-byte aligned)
/// standing for `v`, a static memref: `v` is copied into it at `b` or, for
/// an output (`isOutput`), it is copied into `v` right after `after`.
mlir::Value plainCopy(mlir::OpBuilder &b, mlir::Location loc, mlir::Value v,
                      bool isOutput, mlir::Operation *after);

/// The bytes of a static memref (0 for anything else).
uint64_t bufferBytes(mlir::Value memref);

/// Erases the allocation of `buffer` (a memref.alloc) when nothing but
/// unused views of it are left.
void eraseIfUnused(mlir::Value buffer);

/// The f32 elements of the constant global that `v` (a memref.get_global)
/// reads, or nullopt.
std::optional<std::vector<float>> constantF32Values(mlir::Value v,
                                                    mlir::ModuleOp module);

/// A new private constant global of `shape` holding `values` (64-byte
/// aligned, a dense resource: no uniquing of the bytes), and a
/// memref.get_global of it at `b`'s insertion point.
mlir::Value createPackedGlobal(mlir::OpBuilder &b, mlir::Location loc,
                               mlir::ModuleOp module,
                               llvm::ArrayRef<int64_t> shape,
                               llvm::ArrayRef<float> values);

} // namespace mlc::cpu

#endif // MLC_CODEGEN_CPU_MICROKERNEL_H
