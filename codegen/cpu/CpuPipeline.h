//===- CpuPipeline.h - graph IR to the LLVM dialect for the CPU
//------------===//

#ifndef MLC_CODEGEN_CPU_CPUPIPELINE_H
#define MLC_CODEGEN_CPU_CPUPIPELINE_H

#include "mlir/Support/LogicalResult.h"

#include <cstdint>
#include <string>

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace mlc::cpu {

/// Appends the passes that take simplified graph IR to the LLVM dialect:
/// graph -> linalg on tensors -> elementwise fusion -> bufferization (outputs
/// become out-parameters) -> static memory planning (one arena) -> parallel
/// loops, the outermost ones run by mlc_rt_parallel_for -> LLVM. The function
/// keeps the bare-pointer calling convention: one pointer per input, then
/// one per output, then the arena, then the mlc_exec_ctx.
struct CpuPipelineOptions {
  /// The widest vector registers of the target (512: AVX-512, 256: AVX2).
  int64_t vectorBits = 512;
  /// Convolution activations: "auto" (NCHWc, blocks of one vector, where
  /// every convolution can take it), "nchwc" (wherever a convolution can)
  /// or "nchw" (never).
  std::string convLayout = "auto";
  /// Run only part of the pipeline: from the stage named `startAt` (empty:
  /// the first) up to, not including, `stopBefore` (empty: to the end).
  /// kKernelStage splits it where kernels get their schedules.
  std::string startAt, stopBefore;
};

/// The first stage that generates tunable kernels (mlc-matmul-kernels): the
/// module before it holds the linalg ops on memrefs that schedules attach
/// to (codegen/cpu/KernelTasks.h).
inline constexpr const char *kKernelStage = "mlc-matmul-kernels";
mlir::LogicalResult buildCpuLoweringPipeline(mlir::OpPassManager &pm,
                                             const CpuPipelineOptions &options);

} // namespace mlc::cpu

#endif // MLC_CODEGEN_CPU_CPUPIPELINE_H
