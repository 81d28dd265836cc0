//===- NodeImporter.h - what an op importer sees of its ONNX node ----------===//
//
// Each ONNX op has an import function (in ops/<Category>.cpp) that reads its
// node through a NodeImporter: inputs as MLIR values, attributes with their
// defaults, the opset in force, and builds the normalized graph op(s).
//
//===----------------------------------------------------------------------===//

#ifndef MLC_COMPILER_ONNX_NODEIMPORTER_H
#define MLC_COMPILER_ONNX_NODEIMPORTER_H

#include "dialects/graph/IR/GraphOps.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringMap.h"

#include <onnx/onnx_pb.h>

#include <optional>
#include <string>

namespace mlc::onnx_import {

class GraphImporter;

/// The view of one ONNX node that an op importer works with.
class NodeImporter {
public:
  NodeImporter(GraphImporter &graph, const onnx::NodeProto &node,
               int64_t opset, mlir::OpBuilder &builder, mlir::Location loc)
      : graph(graph), node(node), opsetVersion(opset), builder(builder),
        loc(loc) {}

  const onnx::NodeProto &proto() const { return node; }
  /// The version of the node's domain's opset that the model imports.
  int64_t opset() const { return opsetVersion; }
  mlir::OpBuilder &b() { return builder; }
  mlir::Location location() const { return loc; }
  mlir::MLIRContext *context() { return builder.getContext(); }

  //===--- inputs ---------------------------------------------------------===//
  /// The number of inputs the node lists (absent optional ones included).
  unsigned numInputs() const { return node.input_size(); }
  /// True if input `i` is listed and not the empty name.
  bool hasInput(unsigned i) const {
    return (int)i < node.input_size() && !node.input(i).empty();
  }
  /// Input `i`, or the none value if it is absent.
  mlir::Value input(unsigned i);
  /// All inputs, absent ones as none.
  llvm::SmallVector<mlir::Value> inputs();
  /// The values of input `i` if it is a constant integer tensor.
  std::optional<llvm::SmallVector<int64_t>> constInts(unsigned i);
  /// The values of input `i` if it is a constant numeric tensor.
  std::optional<llvm::SmallVector<double>> constFloats(unsigned i);
  /// The none value (an absent optional operand).
  mlir::Value none();
  /// Fails with an error unless the node has between `min` and `max` inputs
  /// and that many of them present up to `min`.
  mlir::LogicalResult expectInputs(unsigned min, unsigned max);

  //===--- attributes -----------------------------------------------------===//
  const onnx::AttributeProto *attr(llvm::StringRef name) const;
  bool hasAttr(llvm::StringRef name) const { return attr(name) != nullptr; }
  /// Typed getters: the attribute's value, or `dflt` if absent; an attribute
  /// of the wrong kind is an error (reported, and the default returned).
  int64_t intAttr(llvm::StringRef name, int64_t dflt);
  float floatAttr(llvm::StringRef name, float dflt);
  std::string stringAttr(llvm::StringRef name, llvm::StringRef dflt);
  std::optional<llvm::SmallVector<int64_t>> intsAttr(llvm::StringRef name);
  std::optional<llvm::SmallVector<float>> floatsAttr(llvm::StringRef name);
  /// A TENSOR attribute as elements (e.g. ConstantOfShape's value).
  mlir::FailureOr<mlir::ElementsAttr> tensorAttr(llvm::StringRef name);
  /// True if a getter above met an attribute of the wrong kind.
  bool attrErrors() const { return badAttr; }

  //===--- building -------------------------------------------------------===//
  /// Creates a graph op with result types from its own inference, and binds
  /// its first results to the node's outputs (as many as the node names).
  /// `numResults` is for ops with variadic results.
  template <typename OpTy>
  mlir::LogicalResult
  emit(mlir::ValueRange operands,
       llvm::ArrayRef<mlir::NamedAttribute> attributes = {},
       unsigned numResults = 1) {
    mlir::Operation *op = build(OpTy::getOperationName(), operands,
                                attributes, numResults);
    return op ? bindOutputs(op) : mlir::failure();
  }

  /// Creates a graph op for an intermediate value of a multi-op import and
  /// returns it (null on error, already reported).
  template <typename OpTy>
  mlir::Operation *
  create(mlir::ValueRange operands,
         llvm::ArrayRef<mlir::NamedAttribute> attributes = {},
         unsigned numResults = 1) {
    return build(OpTy::getOperationName(), operands, attributes, numResults);
  }

  /// Binds `values` to the node's outputs, in order.
  mlir::LogicalResult bindOutputs(mlir::ValueRange values);
  mlir::LogicalResult bindOutputs(mlir::Operation *op) {
    return bindOutputs(op->getResults());
  }

  /// Reports an error about this node ("node 'x' (Op, opset N): msg").
  mlir::LogicalResult error(const llvm::Twine &message);

  /// Shorthands for attributes.
  mlir::NamedAttribute named(llvm::StringRef name, mlir::Attribute value) {
    return builder.getNamedAttr(name, value);
  }
  mlir::IntegerAttr i64(int64_t v) { return builder.getI64IntegerAttr(v); }
  mlir::FloatAttr f32(float v) { return builder.getF32FloatAttr(v); }
  mlir::DenseI64ArrayAttr i64s(llvm::ArrayRef<int64_t> v) {
    return builder.getDenseI64ArrayAttr(v);
  }

private:
  mlir::Operation *build(llvm::StringRef name, mlir::ValueRange operands,
                         llvm::ArrayRef<mlir::NamedAttribute> attributes,
                         unsigned numResults);
  const onnx::AttributeProto *typedAttr(llvm::StringRef name, int type);

  GraphImporter &graph;
  const onnx::NodeProto &node;
  int64_t opsetVersion;
  mlir::OpBuilder &builder;
  mlir::Location loc;
  bool badAttr = false;
};

/// An op import function.
using OpImportFn = mlir::LogicalResult (*)(NodeImporter &);

/// The ai.onnx op types and their import functions.
class OpImporterRegistry {
public:
  void add(llvm::StringRef opType, OpImportFn fn) { table[opType] = fn; }
  OpImportFn lookup(llvm::StringRef opType) const {
    auto it = table.find(opType);
    return it == table.end() ? nullptr : it->second;
  }
  static const OpImporterRegistry &get();

private:
  llvm::StringMap<OpImportFn> table;
};

// One registration function per op category (ops/<Category>.cpp).
void registerElementwiseImporters(OpImporterRegistry &registry);
void registerLinalgImporters(OpImporterRegistry &registry);
void registerNNImporters(OpImporterRegistry &registry);
void registerQuantImporters(OpImporterRegistry &registry);
void registerTensorImporters(OpImporterRegistry &registry);

} // namespace mlc::onnx_import

#endif // MLC_COMPILER_ONNX_NODEIMPORTER_H
