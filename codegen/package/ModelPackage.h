//===- ModelPackage.h - model.so and model.h around the compiled kernels ---===//
//
// A compiled model is one object file (kernels, weights, the descriptor of
// <mlc/model_abi.h> and its entry point) linked with the runtime archive
// into a shared library, plus a C header declaring its tagged entry.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_CODEGEN_PACKAGE_MODELPACKAGE_H
#define MLC_CODEGEN_PACKAGE_MODELPACKAGE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace llvm {
class Module;
} // namespace llvm
namespace mlir {
class Type;
namespace func {
class FuncOp;
} // namespace func
} // namespace mlir

namespace mlc::package {

/// One input or output as the app sees it.
struct ValueInfo {
  std::string name;
  int32_t dtype = 0; // mlc_dtype (ONNX numbering)
  std::vector<int64_t> shape;
};

/// What model.h and the descriptor say about a model.
struct ModelInterface {
  std::string tag;
  std::vector<ValueInfo> inputs, outputs;
  uint64_t arenaBytes = 0;
};

/// A C identifier made from `name` (a file stem): other characters become
/// '_', and a leading digit gets a '_' before it.
std::string sanitizeTag(llvm::StringRef name);

/// The mlc_dtype of an element type of the graph dialect; 0 if none.
int32_t dtypeOf(mlir::Type elementType);

/// Reads the interface of the graph-level `main_graph` (names from
/// `mlc.name`); fails if a shape is not static.
llvm::Expected<ModelInterface> readInterface(mlir::func::FuncOp func,
                                             llvm::StringRef tag);

/// Adds to `module`, which defines `kernel` taking one pointer per input,
/// then per output, then the arena, the entry point and the descriptor, and
/// `const mlc_model_desc *mlc_<tag>_model(void)`; every other definition
/// becomes internal so that models link side by side.
llvm::Error addDescriptor(llvm::Module &module, const ModelInterface &model,
                          llvm::StringRef kernel);

/// The text of model.h.
std::string modelHeader(const ModelInterface &model);

/// Links `objectPath` with the runtime archive into the shared library
/// `outputPath`, exporting only mlc_* symbols. `soname` is recorded as its
/// DT_SONAME (the file name the app will load it by): without one, a linker
/// records the path it was given, and CMake links it as -L/-l.
llvm::Error linkSharedLibrary(llvm::StringRef objectPath,
                              llvm::StringRef runtimeArchive,
                              llvm::StringRef outputPath,
                              llvm::StringRef soname);

} // namespace mlc::package

#endif // MLC_CODEGEN_PACKAGE_MODELPACKAGE_H
