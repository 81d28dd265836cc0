//===- CompileCpu.h - simplified graph IR to a model.so for the CPU --------===//

#ifndef MLC_COMPILER_COMPILECPU_H
#define MLC_COMPILER_COMPILECPU_H

#include "codegen/cpu/ObjectEmitter.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mlc {

/// What to produce from a model.
enum class EmitKind {
  GraphRaw,    ///< graph IR straight from the importer
  Graph,       ///< graph IR after simplification
  Linalg,      ///< linalg on tensors
  LLVMDialect, ///< the LLVM dialect
  LLVMIR,      ///< LLVM IR (optimized)
  Object,      ///< an object file
  SharedLib,   ///< model.so + model.h
};

struct CpuCompileOptions {
  /// The symbol tag: mlc_<tag>_model().
  std::string tag;
  cpu::TargetOptions target;
  /// The output path (the .so; model.h is written beside it).
  std::string output;
  /// The runtime archive linked into model.so.
  std::string runtimeArchive;
};

/// What `mlc-compile --report` prints.
struct CompileReport {
  /// The scratch arena a run uses.
  uint64_t arenaBytes = 0;
  /// The sum of all intermediate buffers (the arena without reuse).
  uint64_t bufferBytes = 0;
  /// The liveness lower bound: the most bytes live at any one time.
  uint64_t livenessBytes = 0;
  /// The kernels in execution order: what each is, the ops fused into it,
  /// its arithmetic and the bytes it reads and writes.
  struct Kernel {
    std::string kind, shape, fused;
    uint64_t flops = 0, bytes = 0;
  };
  std::vector<Kernel> kernels;
};

/// Compiles `module` (simplified graph IR holding `main_graph`) to `kind`
/// (Linalg and later) and writes the result to options.output; fills
/// `report` when given (for LLVM IR and later).
llvm::Error compileForCpu(mlir::ModuleOp module, EmitKind kind,
                          const CpuCompileOptions &options,
                          CompileReport *report = nullptr);

} // namespace mlc

#endif // MLC_COMPILER_COMPILECPU_H
