//===- GraphImporter.h - ONNX GraphProto to a func of graph ops ------------===//
//
// Internal to the importer: the state of one graph's import, shared with
// NodeImporter.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_COMPILER_ONNX_GRAPHIMPORTER_H
#define MLC_COMPILER_ONNX_GRAPHIMPORTER_H

#include "compiler/onnx/Importer.h"
#include "compiler/onnx/NodeImporter.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <string>
#include <vector>

namespace mlc::onnx_import {

class GraphImporter {
public:
  GraphImporter(mlir::MLIRContext &context, const ImportOptions &options,
                std::string externalDir)
      : context(context), options(options), externalDir(std::move(externalDir)),
        builder(&context) {}

  /// Imports `model` (whose raw tensor bytes are moved out) into `module`.
  /// On failure the errors are in `errors()`.
  mlir::LogicalResult importModel(onnx::ModelProto &model,
                                  mlir::ModuleOp module);

  /// The messages of the errors met, one a line.
  const std::vector<std::string> &errors() const { return errorList; }
  /// Unsupported nodes met with options.allowUnsupported.
  const std::vector<std::string> &unsupported() const { return unsupportedList; }

  // For NodeImporter.
  mlir::Value lookup(const std::string &name) const;
  mlir::LogicalResult bind(const std::string &name, mlir::Value value);
  mlir::Value none();
  void addError(std::string message) { errorList.push_back(std::move(message)); }
  /// "node 'x' (Op, opset N)" for messages.
  std::string describe(const onnx::NodeProto &node, int64_t opset) const;
  /// The last diagnostic text emitted through the context, for wrapping.
  std::string takeDiagnostic();
  void recordDiagnostic(std::string text) { lastDiagnostic = std::move(text); }

private:
  mlir::LogicalResult importOpsets(const onnx::ModelProto &model);
  mlir::LogicalResult importInitializers(onnx::GraphProto &graph);
  mlir::LogicalResult importInputs(const onnx::GraphProto &graph,
                                   llvm::SmallVectorImpl<mlir::Type> &types,
                                   llvm::SmallVectorImpl<std::string> &names,
                                   llvm::SmallVectorImpl<mlir::Attribute> &dims);
  mlir::LogicalResult orderNodes(const onnx::GraphProto &graph,
                                 std::vector<int> &order);
  mlir::LogicalResult importNode(const onnx::NodeProto &node, int index);
  mlir::LogicalResult importUnsupported(const onnx::NodeProto &node,
                                        int64_t opset, llvm::StringRef why);
  mlir::LogicalResult importOutputs(const onnx::GraphProto &graph);

  mlir::MLIRContext &context;
  const ImportOptions &options;
  std::string externalDir;
  mlir::OpBuilder builder;
  mlir::func::FuncOp func;
  llvm::StringMap<mlir::Value> values;
  /// Opset version per domain ("" for ai.onnx).
  llvm::StringMap<int64_t> opsets;
  mlir::Value noneValue;
  std::vector<std::string> errorList;
  std::vector<std::string> unsupportedList;
  std::string lastDiagnostic;
};

} // namespace mlc::onnx_import

#endif // MLC_COMPILER_ONNX_GRAPHIMPORTER_H
