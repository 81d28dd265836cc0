//===- KernelTasks.h - tunable kernels: workloads, schedules, extraction --===//
//
// The kernels whose schedule the tuner sets (the anchor ops of
// mlc-matmul-kernels and mlc-conv-kernels), seen on memrefs right before
// those passes run:
//
// - describeWorkload: what a kernel computes (kind, shapes, attributes):
//   the tuner's workload key is made from it, the same way when tuning and
//   when compiling with records.
// - the schedule: a `mlc.schedule` dictionary of integer knobs on the anchor
//   op, read by the kernel passes (a missing attribute or knob means the
//   default heuristic).
// - extractKernel: a module holding one kernel and the ops fused around it
//   (the initialization of its output before it, its elementwise consumer
//   after it) as a public function taking every buffer as an argument: a
//   candidate schedule is measured on it alone.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_CODEGEN_CPU_KERNELTASKS_H
#define MLC_CODEGEN_CPU_KERNELTASKS_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mlc::cpu {

/// The attribute holding an anchor op's schedule: {knob = value : i64}.
inline constexpr const char *kScheduleAttr = "mlc.schedule";

/// What a tunable kernel computes.
struct KernelWorkload {
  /// "matmul", "conv2d" or "conv2d_nchwc".
  std::string kind;
  /// matmul: batch, m, n, k, trans_b, const_b. conv2d: n, c, h, w (of the
  /// padded input), f, kh, kw, sh, sw, dh, dw, oh, ow, pointwise_ok.
  /// conv2d_nchwc: conv2d's but pointwise_ok, and block, in_block (the
  /// input's channel block, 1 for an NCHW input).
  std::map<std::string, int64_t> params;
  /// "matmul 256x1024x1024 (B constant)", "conv2d 1x64x58x58 * 64x3x3 s1".
  std::string description;
  double flops = 0;
};

/// The workload of `op` when the kernel passes will generate it, else none.
std::optional<KernelWorkload> describeWorkload(mlir::Operation *op);

/// Every op of `module` that describeWorkload accepts, in program order.
std::vector<mlir::Operation *> tunableOps(mlir::ModuleOp module);

/// Knob `name` of `op`'s schedule, if set.
std::optional<int64_t> scheduleKnob(mlir::Operation *op, llvm::StringRef name);

/// A buffer argument of an extracted kernel.
struct KernelArgument {
  mlir::MemRefType type;
  /// Whether the kernel writes it (the last argument always is written).
  bool written = false;
};

/// A new module (in `op`'s context) holding `op`, the op initializing its
/// output right before it, the elementwise consumer of its output, and the
/// views, constants and globals they use, as the public function
/// `funcName` whose arguments are the root buffers they read and write
/// (described in `arguments`, written ones last). Fails when a buffer
/// cannot be passed (not a static, identity-layout memref).
mlir::FailureOr<mlir::OwningOpRef<mlir::ModuleOp>>
extractKernel(mlir::Operation *op, llvm::StringRef funcName,
              std::vector<KernelArgument> &arguments);

} // namespace mlc::cpu

#endif // MLC_CODEGEN_CPU_KERNELTASKS_H
