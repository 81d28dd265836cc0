//===- ObjectEmitter.h - LLVM IR to object code ----------------------------===//

#ifndef MLC_CODEGEN_CPU_OBJECTEMITTER_H
#define MLC_CODEGEN_CPU_OBJECTEMITTER_H

#include "llvm/Support/Error.h"

#include <memory>
#include <string>

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
};

/// A TargetMachine for `options` (x86-64 Linux, position-independent).
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(const TargetOptions &options);

/// Optimizes `module` for `tm` and returns its object code.
llvm::Expected<std::string> emitObject(llvm::Module &module,
                                       llvm::TargetMachine &tm,
                                       unsigned optLevel);

} // namespace mlc::cpu

#endif // MLC_CODEGEN_CPU_OBJECTEMITTER_H
