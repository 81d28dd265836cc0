//===- CompileCpu.h - simplified graph IR to a model.so for the CPU --------===//

#ifndef MLC_COMPILER_COMPILECPU_H
#define MLC_COMPILER_COMPILECPU_H

#include "codegen/cpu/KernelTasks.h"
#include "codegen/cpu/ObjectEmitter.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <functional>
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
  /// Called on the module at the kernel stage (linalg on memrefs, before
  /// the kernels are generated; codegen/cpu/KernelTasks.h), e.g. to attach
  /// schedules from tuning records.
  std::function<llvm::Error(mlir::ModuleOp)> beforeKernels;
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

/// Lowers `module` (simplified graph IR holding `main_graph`) to the
/// kernel stage, where codegen/cpu/KernelTasks.h finds the tunable kernels.
llvm::Error lowerToKernelStage(mlir::ModuleOp module,
                               const cpu::TargetOptions &target);

/// Compiles a kernel module made by cpu::extractKernel (function
/// `funcName`, taking `arguments`) from the kernel stage on into a
/// model.so whose inputs are the arguments but the last ("arg0", ...) and
/// whose output is the last: a kernel measured alone.
llvm::Error compileKernelLibrary(mlir::ModuleOp module,
                                 llvm::StringRef funcName,
                                 llvm::ArrayRef<cpu::KernelArgument> arguments,
                                 const CpuCompileOptions &options);

} // namespace mlc

#endif // MLC_COMPILER_COMPILECPU_H
