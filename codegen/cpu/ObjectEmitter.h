//===- ObjectEmitter.h - LLVM IR to object code ----------------------------===//

#ifndef MLC_CODEGEN_CPU_OBJECTEMITTER_H
#define MLC_CODEGEN_CPU_OBJECTEMITTER_H

#include "llvm/Support/Error.h"

#include <memory>
#include <string>

#include <cstdint>

namespace llvm {
class Module;
class TargetMachine;
} // namespace llvm

namespace mlc::cpu {

/// The machine to compile for.
struct TargetOptions {
  /// "native" (the host CPU and its features) or an LLVM CPU name
  /// ("haswell", "skylake-avx512", "znver4", "x86-64-v3", ...).
  std::string cpu = "native";
  unsigned optLevel = 3;
  /// Convolution activation layout: "auto", "nchwc" or "nchw" (see
  /// CpuPipelineOptions::convLayout).
  std::string convLayout = "auto";
};

/// A TargetMachine for `options` (x86-64 Linux, position-independent).
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(const TargetOptions &options);

/// The widest vector registers the target machine's CPU has, in bits: 512
/// with AVX-512F, 256 with AVX2 and FMA, else 128.
int64_t vectorBits(const llvm::TargetMachine &tm);

/// Optimizes `module` for `tm` and returns its object code.
llvm::Expected<std::string> emitObject(llvm::Module &module,
                                       llvm::TargetMachine &tm,
                                       unsigned optLevel);

} // namespace mlc::cpu

#endif // MLC_CODEGEN_CPU_OBJECTEMITTER_H
