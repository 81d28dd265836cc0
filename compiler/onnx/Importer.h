//===- Importer.h - ONNX ModelProto to the graph dialect -------------------===//
//
// The public entry points of the ONNX frontend. Light: no protobuf or
// dialect headers.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_COMPILER_ONNX_IMPORTER_H
#define MLC_COMPILER_ONNX_IMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <vector>

namespace mlc {

/// How a model is imported.
struct ImportOptions {
  /// The name used in messages (the model's path).
  std::string sourceName = "model.onnx";
  /// Directory that external-data locations are relative to; defaults to
  /// the model file's directory.
  std::string externalDataDir;
  /// Input name -> static shape, pinning symbolic or unknown dimensions
  /// (`--shape NAME:1x3x224x224`).
  std::map<std::string, std::vector<int64_t>> inputShapes;
  /// Input name -> a TensorProto file whose value the input takes as a
  /// constant (`--const-input NAME=FILE.pb`).
  std::map<std::string, std::string> constantInputs;
  /// Import unsupported nodes as `graph.unsupported` ops and report them all
  /// at the end, instead of failing at the first one.
  bool allowUnsupported = false;
};

/// Parses a `--shape` value, "NAME:1x3x224x224" ("NAME:" for a scalar),
/// into ImportOptions::inputShapes; false when malformed.
bool parseInputShape(llvm::StringRef text, ImportOptions &options);

/// Imports the ONNX model at `path` into a module holding one function,
/// `main_graph`, whose arguments and results carry the graph's input and
/// output names (`mlc.name`). Errors name the file, and the node, op type
/// and opset where one is to blame.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importOnnxFile(mlir::MLIRContext &context, llvm::StringRef path,
               const ImportOptions &options);

/// Same, from the serialized ModelProto in `bytes`.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
importOnnxBytes(mlir::MLIRContext &context, llvm::StringRef bytes,
                const ImportOptions &options);

/// The newest ai.onnx opset the importer knows.
constexpr int64_t kMaxOnnxOpset = 27;

} // namespace mlc

#endif // MLC_COMPILER_ONNX_IMPORTER_H
