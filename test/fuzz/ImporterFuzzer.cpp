//===- ImporterFuzzer.cpp - libFuzzer target for the ONNX importer ---------===//
//
// Feeds arbitrary bytes to the importer as a ModelProto; what imports is
// then simplified (folding, shape inference) and verified. Any crash,
// sanitizer report or verifier failure after a successful import is a bug.
//
//===----------------------------------------------------------------------===//

#include "compiler/Pipeline.h"
#include "compiler/onnx/Importer.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // Only what the importer and the graph passes need: loading every
  // upstream dialect per input would make each run 100x slower.
  mlir::MLIRContext context(mlir::MLIRContext::Threading::DISABLED);
  // Errors are expected for most inputs; keep them quiet.
  mlir::ScopedDiagnosticHandler quiet(&context,
                                      [](mlir::Diagnostic &) { return mlir::success(); });
  mlc::ImportOptions options;
  options.sourceName = "fuzz.onnx";
  options.externalDataDir = "/nonexistent-fuzz-dir";
  auto module = mlc::importOnnxBytes(
      context, llvm::StringRef(reinterpret_cast<const char *>(data), size),
      options);
  if (!module) {
    llvm::consumeError(module.takeError());
    return 0;
  }
  mlir::PassManager pm(&context);
  mlc::buildGraphSimplificationPipeline(pm);
  if (mlir::succeeded(pm.run(**module)) && mlir::failed(mlir::verify(**module))) {
    llvm::errs() << "simplified module does not verify\n";
    (*module)->print(llvm::errs());
    std::abort();
  }
  return 0;
}
