//===- Importer.cpp - ONNX ModelProto to the graph dialect -----------------===//
//
// 1. Parse the ModelProto; check IR version and the opsets it imports.
// 2. Graph inputs that are not initializers become the arguments of
//    `main_graph` (their names in `mlc.name`, symbolic dimensions in
//    `mlc.dim_params`); `--shape` pins dimensions, `--const-input` turns an
//    input into a constant.
// 3. Initializers become graph.constant ops; large ones as resources that
//    take over the model's bytes.
// 4. Nodes are ordered topologically (a cycle or a dangling input is an
//    error) and each is imported by its op's import function.
// 5. The graph outputs are returned; declared output types must agree with
//    the inferred ones.
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/Importer.h"
#include "compiler/onnx/GraphImporter.h"
#include "compiler/onnx/TensorConvert.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "llvm/ADT/StringSet.h"

#include <deque>

using namespace mlir;

namespace mlc {
namespace onnx_import {

//===----------------------------------------------------------------------===//
// GraphImporter
//===----------------------------------------------------------------------===//

Value GraphImporter::lookup(const std::string &name) const {
  auto it = values.find(name);
  return it == values.end() ? Value() : it->second;
}

LogicalResult GraphImporter::bind(const std::string &name, Value value) {
  if (name.empty())
    return success();
  if (!values.try_emplace(name, value).second) {
    addError(llvm::formatv("value '{0}' is defined more than once", name));
    return failure();
  }
  return success();
}

Value GraphImporter::none() {
  if (!noneValue) {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(&func.getBody().front());
    noneValue = builder.create<graph::NoneOp>(builder.getUnknownLoc(),
                                              builder.getNoneType());
  }
  return noneValue;
}

std::string GraphImporter::describe(const onnx::NodeProto &node,
                                    int64_t opset) const {
  std::string domain = node.domain().empty() || node.domain() == "ai.onnx"
                           ? ""
                           : node.domain() + ".";
  return llvm::formatv("node '{0}' ({1}{2}, opset {3})", node.name(), domain,
                       node.op_type(), opset);
}

std::string GraphImporter::takeDiagnostic() {
  std::string text = std::move(lastDiagnostic);
  lastDiagnostic.clear();
  return text;
}

LogicalResult GraphImporter::importOpsets(const onnx::ModelProto &model) {
  for (const auto &op : model.opset_import()) {
    std::string domain = op.domain() == "ai.onnx" ? "" : op.domain();
    opsets[domain] = op.version();
  }
  auto it = opsets.find("");
  if (it == opsets.end()) {
    if (model.ir_version() >= 3) {
      addError("the model imports no ai.onnx opset");
      return failure();
    }
    opsets[""] = 1; // IR 1-2 models predate opset_import.
    return success();
  }
  if (it->second < 1 || it->second > kMaxOnnxOpset) {
    addError(llvm::formatv("the model imports ai.onnx opset {0}; MLC supports "
                           "opsets 1 to {1}",
                           it->second, kMaxOnnxOpset));
    return failure();
  }
  return success();
}

LogicalResult GraphImporter::importInitializers(onnx::GraphProto &graph) {
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(&func.getBody().front());
  for (auto &tensor : *graph.mutable_initializer()) {
    auto attr = convertTensor(&context, tensor, externalDir);
    if (!attr) {
      addError("initializer: " + llvm::toString(attr.takeError()));
      return failure();
    }
    auto loc = NameLoc::get(builder.getStringAttr(tensor.name()));
    Value v = builder.create<graph::ConstantOp>(loc, attr->getType(), *attr);
    if (failed(bind(tensor.name(), v)))
      return failure();
  }
  if (graph.sparse_initializer_size() > 0) {
    addError("sparse initializers are not supported");
    return failure();
  }
  return success();
}

LogicalResult
GraphImporter::importInputs(const onnx::GraphProto &graph,
                            SmallVectorImpl<Type> &types,
                            SmallVectorImpl<std::string> &names,
                            SmallVectorImpl<Attribute> &dimParams) {
  llvm::StringSet<> initializers;
  for (const auto &t : graph.initializer())
    initializers.insert(t.name());
  llvm::StringSet<> seen;
  for (const auto &in : graph.input()) {
    // Old IR versions also list initializers as inputs.
    if (initializers.contains(in.name()))
      continue;
    if (in.name().empty()) {
      addError("a graph input has no name");
      return failure();
    }
    if (!seen.insert(in.name()).second) {
      addError(llvm::formatv("graph input '{0}' is listed twice", in.name()));
      return failure();
    }
    auto type = convertTensorType(&context, in.type());
    if (!type) {
      addError(llvm::formatv("graph input '{0}': {1}", in.name(),
                             llvm::toString(type.takeError())));
      return failure();
    }
    TensorType t = *type;
    auto pinned = options.inputShapes.find(in.name());
    if (pinned != options.inputShapes.end()) {
      const std::vector<int64_t> &dims = pinned->second;
      if (t.hasRank() && (size_t)t.getRank() != dims.size()) {
        addError(llvm::formatv("--shape {0}: the input has rank {1}, not {2}",
                               in.name(), t.getRank(), dims.size()));
        return failure();
      }
      for (size_t i = 0; t.hasRank() && i < dims.size(); ++i) {
        if (!t.isDynamicDim(i) && t.getDimSize(i) != dims[i]) {
          addError(llvm::formatv("--shape {0}: dimension {1} is {2} in the "
                                 "model, not {3}",
                                 in.name(), i, t.getDimSize(i), dims[i]));
          return failure();
        }
      }
      t = RankedTensorType::get(dims, t.getElementType());
    }
    auto constant = options.constantInputs.find(in.name());
    if (constant != options.constantInputs.end()) {
      auto buffer = llvm::MemoryBuffer::getFile(constant->second);
      onnx::TensorProto tensor;
      if (!buffer) {
        addError(llvm::formatv("--const-input {0}: cannot read '{1}': {2}",
                               in.name(), constant->second,
                               buffer.getError().message()));
        return failure();
      }
      if (!tensor.ParseFromArray((*buffer)->getBufferStart(),
                                 (*buffer)->getBufferSize())) {
        addError(llvm::formatv("--const-input {0}: '{1}' is not a TensorProto",
                               in.name(), constant->second));
        return failure();
      }
      auto attr = convertTensor(&context, tensor,
                                llvm::sys::path::parent_path(constant->second));
      if (!attr) {
        addError(llvm::formatv("--const-input {0}: {1}", in.name(),
                               llvm::toString(attr.takeError())));
        return failure();
      }
      if (!graph::areCompatibleTypes(attr->getType(), t)) {
        std::string have, want;
        llvm::raw_string_ostream(have) << attr->getType();
        llvm::raw_string_ostream(want) << t;
        addError(llvm::formatv("--const-input {0}: the value is {1}, the input "
                               "is {2}",
                               in.name(), have, want));
        return failure();
      }
      OpBuilder::InsertionGuard guard(builder);
      builder.setInsertionPointToStart(&func.getBody().front());
      Value v = builder.create<graph::ConstantOp>(
          NameLoc::get(builder.getStringAttr(in.name())), attr->getType(),
          *attr);
      if (failed(bind(in.name(), v)))
        return failure();
      continue;
    }
    SmallVector<Attribute> params;
    bool anyParam = false;
    if (in.type().tensor_type().has_shape() && pinned == options.inputShapes.end()) {
      for (const auto &d : in.type().tensor_type().shape().dim()) {
        params.push_back(builder.getStringAttr(d.dim_param()));
        anyParam |= !d.dim_param().empty();
      }
    }
    types.push_back(t);
    names.push_back(in.name());
    dimParams.push_back(anyParam ? builder.getArrayAttr(params) : Attribute());
  }
  for (const auto &[name, dims] : options.inputShapes)
    if (!seen.contains(name)) {
      addError(llvm::formatv("--shape {0}: the model has no input of that name",
                             name));
      return failure();
    }
  for (const auto &[name, file] : options.constantInputs)
    if (!seen.contains(name)) {
      addError(llvm::formatv("--const-input {0}: the model has no input of "
                             "that name",
                             name));
      return failure();
    }
  return success();
}

LogicalResult GraphImporter::orderNodes(const onnx::GraphProto &graph,
                                        std::vector<int> &order) {
  // Kahn's algorithm over the producer/consumer relation.
  llvm::StringMap<int> producer;
  for (int i = 0; i < graph.node_size(); ++i)
    for (const auto &out : graph.node(i).output()) {
      if (out.empty())
        continue;
      if (!producer.try_emplace(out, i).second || values.count(out)) {
        addError(llvm::formatv("value '{0}' is defined more than once", out));
        return failure();
      }
    }
  std::vector<int> pending(graph.node_size(), 0);
  std::vector<std::vector<int>> consumers(graph.node_size());
  for (int i = 0; i < graph.node_size(); ++i) {
    const auto &node = graph.node(i);
    for (const auto &in : node.input()) {
      if (in.empty() || values.count(in))
        continue;
      auto it = producer.find(in);
      if (it == producer.end()) {
        addError(llvm::formatv("node '{0}' ({1}): input '{2}' is not a graph "
                               "input, an initializer or any node's output",
                               node.name(), node.op_type(), in));
        return failure();
      }
      ++pending[i];
      consumers[it->second].push_back(i);
    }
  }
  std::deque<int> ready;
  for (int i = 0; i < graph.node_size(); ++i)
    if (pending[i] == 0)
      ready.push_back(i);
  while (!ready.empty()) {
    int i = ready.front();
    ready.pop_front();
    order.push_back(i);
    for (int c : consumers[i])
      if (--pending[c] == 0)
        ready.push_back(c);
  }
  if ((int)order.size() != graph.node_size()) {
    for (int i = 0; i < graph.node_size(); ++i)
      if (pending[i] > 0) {
        addError(llvm::formatv("the graph has a cycle through node '{0}' ({1})",
                               graph.node(i).name(), graph.node(i).op_type()));
        break;
      }
    return failure();
  }
  return success();
}

LogicalResult GraphImporter::importUnsupported(const onnx::NodeProto &node,
                                               int64_t opset,
                                               llvm::StringRef why) {
  std::string message = describe(node, opset) + ": " + why.str();
  if (!options.allowUnsupported) {
    addError(message);
    return failure();
  }
  unsupportedList.push_back(message);
  SmallVector<Value> operands;
  for (const auto &in : node.input())
    operands.push_back(in.empty() ? none() : lookup(in));
  SmallVector<Type> types(node.output_size(),
                          UnrankedTensorType::get(builder.getF32Type()));
  auto op = builder.create<graph::UnsupportedOp>(
      NameLoc::get(builder.getStringAttr(node.name())), types, operands,
      node.op_type(), node.domain(), opset, node.name());
  for (int i = 0; i < node.output_size(); ++i)
    if (failed(bind(node.output(i), op->getResult(i))))
      return failure();
  return success();
}

LogicalResult GraphImporter::importNode(const onnx::NodeProto &node,
                                        int index) {
  std::string domain = node.domain() == "ai.onnx" ? "" : node.domain();
  auto opsetIt = opsets.find(domain);
  int64_t opset = opsetIt == opsets.end() ? 0 : opsetIt->second;
  if (opsetIt == opsets.end()) {
    addError(describe(node, 0) + ": the model imports no opset for domain '" +
             domain + "'");
    return failure();
  }
  if (!domain.empty())
    return importUnsupported(node, opset,
                             "domain '" + domain + "' is not supported");
  OpImportFn fn = OpImporterRegistry::get().lookup(node.op_type());
  if (!fn)
    return importUnsupported(node, opset, "unsupported op");
  std::string name =
      node.name().empty() ? node.op_type() + "_" + std::to_string(index)
                          : node.name();
  NodeImporter n(*this, node, opset, builder,
                 NameLoc::get(builder.getStringAttr(name)));
  size_t errorsBefore = errorList.size();
  if (failed(fn(n)) || n.attrErrors()) {
    if (errorList.size() == errorsBefore)
      addError(describe(node, opset) + ": import failed");
    return failure();
  }
  for (const auto &out : node.output())
    if (!out.empty() && !lookup(out)) {
      addError(describe(node, opset) + ": output '" + out + "' is not defined "
               "by its import (too many outputs?)");
      return failure();
    }
  return success();
}

LogicalResult GraphImporter::importOutputs(const onnx::GraphProto &graph) {
  SmallVector<Value> results;
  SmallVector<Attribute> names;
  for (const auto &out : graph.output()) {
    Value v = lookup(out.name());
    if (!v) {
      addError(llvm::formatv("graph output '{0}' is not produced by any node, "
                             "input or initializer",
                             out.name()));
      return failure();
    }
    if (out.has_type() && out.type().has_tensor_type()) {
      auto declared = convertTensorType(&context, out.type());
      if (!declared) {
        addError(llvm::formatv("graph output '{0}': {1}", out.name(),
                               llvm::toString(declared.takeError())));
        return failure();
      }
      // An unset elem_type (0) leaves the type to inference.
      if (out.type().tensor_type().elem_type() != 0 &&
          !graph::areCompatibleTypes(*declared, v.getType())) {
        std::string have, want;
        llvm::raw_string_ostream(have) << v.getType();
        llvm::raw_string_ostream(want) << *declared;
        addError(llvm::formatv("graph output '{0}' is declared {1} but "
                               "computes {2}",
                               out.name(), want, have));
        return failure();
      }
    }
    results.push_back(v);
    names.push_back(builder.getStringAttr(out.name()));
  }
  builder.create<func::ReturnOp>(builder.getUnknownLoc(), results);
  SmallVector<Type> types;
  for (Value v : results)
    types.push_back(v.getType());
  func.setFunctionType(FunctionType::get(&context, func.getArgumentTypes(),
                                         types));
  for (auto [i, name] : llvm::enumerate(names))
    func.setResultAttr(i, "mlc.name", name);
  return success();
}

LogicalResult GraphImporter::importModel(onnx::ModelProto &model,
                                         ModuleOp module) {
  if (!model.has_graph()) {
    addError("the model has no graph");
    return failure();
  }
  if (model.ir_version() > 13) {
    addError(llvm::formatv("IR version {0} is newer than MLC supports (13)",
                           model.ir_version()));
    return failure();
  }
  if (failed(importOpsets(model)))
    return failure();
  onnx::GraphProto &graph = *model.mutable_graph();

  builder.setInsertionPointToEnd(module.getBody());
  func = builder.create<func::FuncOp>(
      NameLoc::get(builder.getStringAttr(graph.name())), "main_graph",
      builder.getFunctionType({}, {}));
  Block *entry = func.addEntryBlock();
  builder.setInsertionPointToEnd(entry);

  SmallVector<Type> argTypes;
  SmallVector<std::string> argNames;
  SmallVector<Attribute> dimParams;
  if (failed(importInputs(graph, argTypes, argNames, dimParams)))
    return failure();
  for (auto [i, type] : llvm::enumerate(argTypes)) {
    Value arg = entry->addArgument(type, builder.getUnknownLoc());
    if (failed(bind(argNames[i], arg)))
      return failure();
  }
  func.setFunctionType(builder.getFunctionType(argTypes, {}));
  for (auto [i, name] : llvm::enumerate(argNames)) {
    func.setArgAttr(i, "mlc.name", builder.getStringAttr(name));
    if (dimParams[i])
      func.setArgAttr(i, "mlc.dim_params", dimParams[i]);
  }
  if (failed(importInitializers(graph)))
    return failure();

  std::vector<int> order;
  if (failed(orderNodes(graph, order)))
    return failure();
  builder.setInsertionPointToEnd(entry);
  bool ok = true;
  for (int i : order) {
    if (failed(importNode(graph.node(i), i))) {
      ok = false;
      break;
    }
  }
  if (!ok)
    return failure();
  return importOutputs(graph);
}

} // namespace onnx_import

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

static llvm::Error makeError(const ImportOptions &options,
                             const std::vector<std::string> &messages) {
  std::string text;
  for (const auto &m : messages) {
    if (!text.empty())
      text += "\n";
    text += options.sourceName + ": " + m;
  }
  return llvm::createStringError(llvm::inconvertibleErrorCode(), text);
}

llvm::Expected<OwningOpRef<ModuleOp>>
importOnnxBytes(MLIRContext &context, llvm::StringRef bytes,
                const ImportOptions &options) {
  context.loadDialect<graph::GraphDialect, func::FuncDialect>();
  if (bytes.empty())
    return makeError(options, {"the file is empty"});
  onnx::ModelProto model;
  if (bytes.size() > (size_t)INT32_MAX)
    return makeError(options, {"models over 2 GiB must keep their weights in "
                               "external data"});
  if (!model.ParseFromArray(bytes.data(), (int)bytes.size()))
    return makeError(options, {"not a valid ONNX model (the protobuf does not "
                               "parse: truncated or corrupt?)"});

  std::string externalDir = options.externalDataDir;
  if (externalDir.empty()) {
    externalDir = llvm::sys::path::parent_path(options.sourceName).str();
    if (externalDir.empty())
      externalDir = ".";
  }
  onnx_import::GraphImporter importer(context, options, externalDir);
  // Diagnostics from op verifiers and inference are wrapped with the node.
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    if (diag.getSeverity() == DiagnosticSeverity::Error)
      importer.recordDiagnostic(diag.str());
    return success();
  });
  OwningOpRef<ModuleOp> module =
      ModuleOp::create(FileLineColLoc::get(&context, options.sourceName, 0, 0));
  if (failed(importer.importModel(model, *module)))
    return makeError(options, importer.errors());
  if (failed(verify(*module))) {
    std::string diag = importer.takeDiagnostic();
    return makeError(options, {"the imported module does not verify: " + diag});
  }
  for (const auto &u : importer.unsupported())
    llvm::errs() << options.sourceName << ": warning: " << u << "\n";
  return module;
}

llvm::Expected<OwningOpRef<ModuleOp>>
importOnnxFile(MLIRContext &context, llvm::StringRef path,
               const ImportOptions &options) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   path.str() + ": cannot read: " +
                                       buffer.getError().message());
  ImportOptions withName = options;
  withName.sourceName = path.str();
  return importOnnxBytes(context, (*buffer)->getBuffer(), withName);
}

bool parseInputShape(llvm::StringRef text, ImportOptions &options) {
  size_t colon = text.rfind(':');
  if (colon == llvm::StringRef::npos || colon == 0)
    return false;
  llvm::StringRef rest = text.drop_front(colon + 1);
  std::vector<int64_t> dims;
  if (!rest.empty()) {
    llvm::SmallVector<llvm::StringRef> parts;
    rest.split(parts, 'x');
    for (llvm::StringRef p : parts) {
      int64_t d;
      if (p.getAsInteger(10, d) || d < 0)
        return false;
      dims.push_back(d);
    }
  }
  options.inputShapes[text.take_front(colon).str()] = std::move(dims);
  return true;
}

} // namespace mlc
