//===- Tuning.h - the compiler's side of tuning ----------------------------===//
//
// What mlc-tune and mlc-compile --records need from the compiler:
//
// - extractTuningTasks: the tunable kernels of a model (one task per
//   distinct workload, weighted by its count), each with a standalone
//   kernel module to measure candidates on.
// - buildCandidate: one kernel module with one schedule -> a model.so that
//   runs the kernel alone (safe to call from several threads, each with its
//   own MLIRContext).
// - applyRecords: the best recorded schedule of each kernel of a model,
//   attached before its kernels are generated.
// - targetOf: the records' target for a CPU compile target.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_COMPILER_TUNING_H
#define MLC_COMPILER_TUNING_H

#include "compiler/CompileCpu.h"
#include "tuner/Task.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mlc {
namespace tuner {
class Database;
} // namespace tuner

/// One task of a model.
struct TuningTask {
  tuner::Task task;
  /// The kernel module (text, weights included), function kTaskFunction.
  std::string kernelModule;
};

/// The function of a kernel module.
inline constexpr const char *kTaskFunction = "mlc_task";

/// The tasks of `module` (simplified graph IR; it is lowered in place to
/// the kernel stage), in order of first appearance.
llvm::Expected<std::vector<TuningTask>>
extractTuningTasks(mlir::ModuleOp module, const cpu::TargetOptions &target);

/// Compiles `kernelModule` with `schedule` (empty: the default heuristic)
/// into options.output (a model.so with inputs arg0.. and one output).
/// `registry`-free: makes its own MLIRContext.
llvm::Error buildCandidate(const std::string &kernelModule,
                           const tuner::Schedule &schedule,
                           const CpuCompileOptions &options);

/// What applyRecords found.
struct RecordsUse {
  int kernels = 0;              ///< tunable kernels in the model
  int scheduled = 0;            ///< ... that got a recorded schedule
  std::vector<std::string> missing; ///< descriptions of the others
};

/// Attaches to each tunable kernel of `module` (at the kernel stage) the
/// best schedule `db` holds for its workload on `target` (a fingerprint).
RecordsUse applyRecords(mlir::ModuleOp module, const tuner::Database &db,
                        const std::string &target);

/// The records' target for `options` at `threads` threads: the CPU name
/// (the host's for "native"), its vector ISA features, the vector width.
llvm::Expected<tuner::Target> targetOf(const cpu::TargetOptions &options,
                                       int threads);

/// The tuner::Task of a workload.
tuner::Task taskOf(const cpu::KernelWorkload &workload);

} // namespace mlc

#endif // MLC_COMPILER_TUNING_H
