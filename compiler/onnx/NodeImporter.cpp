//===- NodeImporter.cpp - what an op importer sees of its ONNX node --------===//

#include "compiler/onnx/NodeImporter.h"
#include "compiler/onnx/GraphImporter.h"
#include "compiler/onnx/TensorConvert.h"

#include "mlir/IR/Verifier.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

namespace mlc::onnx_import {

const OpImporterRegistry &OpImporterRegistry::get() {
  static const OpImporterRegistry registry = [] {
    OpImporterRegistry r;
    registerElementwiseImporters(r);
    registerLinalgImporters(r);
    registerNNImporters(r);
    registerQuantImporters(r);
    registerTensorImporters(r);
    return r;
  }();
  return registry;
}

Value NodeImporter::input(unsigned i) {
  if (!hasInput(i))
    return graph.none();
  return graph.lookup(node.input(i));
}

SmallVector<Value> NodeImporter::inputs() {
  SmallVector<Value> values;
  for (unsigned i = 0; i < numInputs(); ++i)
    values.push_back(input(i));
  return values;
}

Value NodeImporter::none() { return graph.none(); }

std::optional<SmallVector<int64_t>> NodeImporter::constInts(unsigned i) {
  if (!hasInput(i))
    return std::nullopt;
  return graph::getConstantInts(input(i));
}

std::optional<SmallVector<double>> NodeImporter::constFloats(unsigned i) {
  if (!hasInput(i))
    return std::nullopt;
  return graph::getConstantFloats(input(i));
}

LogicalResult NodeImporter::expectInputs(unsigned min, unsigned max) {
  if (numInputs() < min || numInputs() > max)
    return error(llvm::formatv("expects {0} to {1} inputs, has {2}", min, max,
                               numInputs()));
  for (unsigned i = 0; i < min; ++i)
    if (!hasInput(i))
      return error(llvm::formatv("input {0} is required", i));
  return success();
}

LogicalResult NodeImporter::error(const llvm::Twine &message) {
  graph.addError(graph.describe(node, opsetVersion) + ": " + message.str());
  return failure();
}

const onnx::AttributeProto *NodeImporter::attr(llvm::StringRef name) const {
  for (const auto &a : node.attribute())
    if (a.name() == name)
      return &a;
  return nullptr;
}

const onnx::AttributeProto *NodeImporter::typedAttr(llvm::StringRef name,
                                                    int type) {
  const onnx::AttributeProto *a = attr(name);
  if (!a)
    return nullptr;
  // Old exporters leave `type` unset; accept the field that is present.
  if (a->type() != 0 && a->type() != type) {
    (void)error(llvm::formatv("attribute '{0}' has the wrong type ({1}, expected {2})",
                        name, (int)a->type(), type));
    badAttr = true;
    return nullptr;
  }
  return a;
}

int64_t NodeImporter::intAttr(llvm::StringRef name, int64_t dflt) {
  const auto *a = typedAttr(name, onnx::AttributeProto::INT);
  return a ? a->i() : dflt;
}

float NodeImporter::floatAttr(llvm::StringRef name, float dflt) {
  const auto *a = typedAttr(name, onnx::AttributeProto::FLOAT);
  return a ? a->f() : dflt;
}

std::string NodeImporter::stringAttr(llvm::StringRef name,
                                     llvm::StringRef dflt) {
  const auto *a = typedAttr(name, onnx::AttributeProto::STRING);
  return a ? a->s() : dflt.str();
}

std::optional<SmallVector<int64_t>>
NodeImporter::intsAttr(llvm::StringRef name) {
  const auto *a = typedAttr(name, onnx::AttributeProto::INTS);
  if (!a)
    return std::nullopt;
  return SmallVector<int64_t>(a->ints().begin(), a->ints().end());
}

std::optional<SmallVector<float>>
NodeImporter::floatsAttr(llvm::StringRef name) {
  const auto *a = typedAttr(name, onnx::AttributeProto::FLOATS);
  if (!a)
    return std::nullopt;
  return SmallVector<float>(a->floats().begin(), a->floats().end());
}

FailureOr<ElementsAttr> NodeImporter::tensorAttr(llvm::StringRef name) {
  const auto *a = typedAttr(name, onnx::AttributeProto::TENSOR);
  if (!a)
    return failure();
  onnx::TensorProto copy = a->t();
  auto attr = convertTensor(context(), copy, ".");
  if (!attr) {
    (void)error("attribute '" + name + "': " + llvm::toString(attr.takeError()));
    return failure();
  }
  return *attr;
}

Operation *NodeImporter::build(llvm::StringRef name, ValueRange operands,
                               ArrayRef<NamedAttribute> attributes,
                               unsigned numResults) {
  for (Value v : operands)
    if (!v) {
      (void)error("an input is undefined");
      return nullptr;
    }
  OperationState state(loc, name);
  state.addOperands(operands);
  state.addAttributes(attributes);
  // Placeholder result types, replaced by the op's own inference below.
  state.addTypes(SmallVector<Type>(
      numResults, UnrankedTensorType::get(builder.getF32Type())));
  Operation *op = builder.create(state);
  auto infer = llvm::dyn_cast<graph::InferShapesOpInterface>(op);
  SmallVector<Type> types;
  (void)graph.takeDiagnostic();
  if (!infer || failed(infer.inferResultTypes(types)) ||
      types.size() != numResults) {
    std::string diag = graph.takeDiagnostic();
    (void)error(diag.empty() ? "cannot infer the result types" : diag);
    op->erase();
    return nullptr;
  }
  for (auto [result, type] : llvm::zip(op->getResults(), types))
    result.setType(type);
  if (failed(mlir::verify(op, /*verifyRecursively=*/false))) {
    (void)error(graph.takeDiagnostic());
    op->erase();
    return nullptr;
  }
  return op;
}

LogicalResult NodeImporter::bindOutputs(ValueRange values) {
  for (int i = 0; i < node.output_size(); ++i) {
    if (node.output(i).empty())
      continue;
    if (i >= (int)values.size())
      return error(llvm::formatv("has {0} outputs; MLC's op gives {1}",
                                 node.output_size(), values.size()));
    if (failed(graph.bind(node.output(i), values[i])))
      return failure();
  }
  return success();
}

} // namespace mlc::onnx_import
