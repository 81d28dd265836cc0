//===- TypeConformance.cpp - ONNX node tests: import and result types ------===//
//
// For each ONNX backend node test named in a list: import model.onnx, run
// the graph simplification pipeline, verify, and compare the function's
// result types with the dtypes and shapes of the expected outputs
// (test_data_set_0/output_*.pb). Prints each failure with its reason, the
// failures grouped by reason, and "N passed, M failed"; exits non-zero if
// fewer than --min-pass tests pass.
//
// Graph inputs that feed an operand that decides a result's shape (Reshape's
// shape, Slice's starts, TopK's k, ...) are imported as constants from the
// test's input data (`--const-input`), as onnx-mlir's test runner does with
// CONSTANT_INPUT: an ahead-of-time compiler specializes those.
//
//===----------------------------------------------------------------------===//

#include "compiler/Pipeline.h"
#include "compiler/onnx/Importer.h"
#include "compiler/onnx/TensorConvert.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <onnx/onnx_pb.h>

#include <map>
#include <set>

namespace cl = llvm::cl;
using namespace mlir;

static cl::opt<std::string> dataDir("data-dir", cl::Required,
                                    cl::desc("onnx/backend/test/data/node"));
static cl::opt<std::string> listFile("list", cl::Required,
                                     cl::desc("File with one test name a line"));
static cl::opt<std::string>
    minPassFile("min-pass-file",
                cl::desc("File holding the least number of tests that must "
                         "pass"));
static cl::opt<std::string> filter("filter",
                                   cl::desc("Run only tests containing this"));
static cl::opt<bool> verbose("v", cl::desc("Print passing tests too"));

/// Input positions, per op type, whose values decide a result's shape.
static const std::map<std::string, std::set<int>> &shapeOperands() {
  static const std::map<std::string, std::set<int>> table = {
      {"Reshape", {1}},      {"Expand", {1}},          {"Tile", {1}},
      {"Slice", {1, 2, 3, 4}}, {"Squeeze", {1}},       {"Unsqueeze", {1}},
      {"ReduceMax", {1}},    {"ReduceMean", {1}},      {"ReduceSum", {1}},
      {"ReduceMin", {1}},    {"Split", {1}},           {"Pad", {1, 3}},
      {"Resize", {1, 2, 3}}, {"TopK", {1}},            {"ConstantOfShape", {0}},
      {"Range", {0, 1, 2}},  {"Upsample", {1}},
  };
  return table;
}

static std::string readFile(const std::string &path, bool &ok) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  ok = (bool)buffer;
  return ok ? (*buffer)->getBuffer().str() : std::string();
}

namespace {
struct Outcome {
  bool passed = false;
  std::string reason;   // why it failed
  std::string category; // for grouping
};
} // namespace

static std::string typeString(Type t) {
  std::string s;
  llvm::raw_string_ostream(s) << t;
  return s;
}

static Outcome runTest(MLIRContext &context, const std::string &name) {
  Outcome out;
  std::string dir = dataDir + "/" + name;
  std::string modelPath = dir + "/model.onnx";
  bool ok;
  std::string bytes = readFile(modelPath, ok);
  if (!ok) {
    out.reason = "missing model.onnx";
    out.category = "missing test data";
    return out;
  }
  onnx::ModelProto model;
  if (!model.ParseFromString(bytes)) {
    out.reason = out.category = "model does not parse";
    return out;
  }
  // Which graph inputs to specialize, and their data files.
  mlc::ImportOptions options;
  options.sourceName = modelPath;
  std::set<std::string> initializers;
  for (const auto &t : model.graph().initializer())
    initializers.insert(t.name());
  std::map<std::string, int> inputIndex;
  int index = 0;
  for (const auto &in : model.graph().input())
    if (!initializers.count(in.name()))
      inputIndex[in.name()] = index++;
  for (const auto &node : model.graph().node()) {
    auto it = shapeOperands().find(node.op_type());
    if (it == shapeOperands().end())
      continue;
    for (int i : it->second) {
      if (i >= node.input_size())
        continue;
      auto in = inputIndex.find(node.input(i));
      if (in == inputIndex.end())
        continue;
      options.constantInputs[in->first] = dir + "/test_data_set_0/input_" +
                                          std::to_string(in->second) + ".pb";
    }
  }

  std::string diagnostics;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    if (diag.getSeverity() == DiagnosticSeverity::Error)
      diagnostics += diag.str();
    return success();
  });
  auto module = mlc::importOnnxBytes(context, bytes, options);
  if (!module) {
    out.reason = llvm::toString(module.takeError());
    // Group by what follows the node description.
    size_t paren = out.reason.find(" (");
    size_t colon = out.reason.find("): ");
    if (out.reason.find("unsupported op") != std::string::npos && paren != std::string::npos)
      out.category = "unsupported op " +
                     out.reason.substr(paren + 2, out.reason.find(',', paren) -
                                                      paren - 2);
    else if (colon != std::string::npos && paren != std::string::npos)
      out.category = "import error in " +
                     out.reason.substr(paren + 2, out.reason.find(',', paren) -
                                                      paren - 2);
    else
      out.category = "import error";
    return out;
  }
  PassManager pm(&context);
  mlc::buildGraphSimplificationPipeline(pm);
  if (failed(pm.run(**module))) {
    out.reason = "simplification failed: " + diagnostics;
    out.category = "simplification failed";
    return out;
  }
  if (failed(verify(**module))) {
    out.reason = "does not verify: " + diagnostics;
    out.category = "verifier";
    return out;
  }
  auto func = (*module)->lookupSymbol<func::FuncOp>("main_graph");
  auto results = func.getResultTypes();
  int expectedCount = 0;
  while (llvm::sys::fs::exists(dir + "/test_data_set_0/output_" +
                               std::to_string(expectedCount) + ".pb"))
    ++expectedCount;
  if ((int)results.size() != expectedCount) {
    out.reason = "has " + std::to_string(results.size()) + " outputs, expected " +
                 std::to_string(expectedCount);
    out.category = "output count";
    return out;
  }
  for (int i = 0; i < expectedCount; ++i) {
    std::string pb = readFile(
        dir + "/test_data_set_0/output_" + std::to_string(i) + ".pb", ok);
    onnx::TensorProto tensor;
    if (!ok || !tensor.ParseFromString(pb)) {
      out.reason = out.category = "bad expected output";
      return out;
    }
    Type elt = mlc::onnx_import::convertElementType(&context, tensor.data_type());
    llvm::SmallVector<int64_t> dims(tensor.dims().begin(), tensor.dims().end());
    Type expected = elt ? RankedTensorType::get(dims, elt) : Type();
    if (!expected || results[i] != expected) {
      out.reason = "output " + std::to_string(i) + " is " +
                   typeString(results[i]) + ", expected " +
                   (expected ? typeString(expected) : "an unsupported type");
      // Group by the op producing it.
      Operation *ret = func.getBody().back().getTerminator();
      Operation *def = ret->getOperand(i).getDefiningOp();
      out.category = std::string("wrong type from ") +
                     (def ? def->getName().getStringRef().str() : "argument");
      return out;
    }
  }
  out.passed = true;
  return out;
}

int main(int argc, char **argv) {
  cl::ParseCommandLineOptions(argc, argv, "ONNX node tests: import and types\n");
  bool ok;
  std::string list = readFile(listFile, ok);
  if (!ok) {
    llvm::errs() << "cannot read " << listFile << "\n";
    return 2;
  }
  int64_t minPass = 0;
  if (!minPassFile.empty()) {
    std::string text = readFile(minPassFile, ok);
    if (!ok || llvm::StringRef(text).trim().getAsInteger(10, minPass)) {
      llvm::errs() << "cannot read a count from " << minPassFile << "\n";
      return 2;
    }
  }
  DialectRegistry registry;
  mlc::registerDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  context.disableMultithreading();

  int passed = 0, failed = 0;
  std::map<std::string, std::vector<std::string>> groups;
  llvm::SmallVector<llvm::StringRef> lines;
  llvm::StringRef(list).split(lines, '\n');
  for (llvm::StringRef line : lines) {
    line = line.trim();
    if (line.empty() || line.starts_with("#"))
      continue;
    if (!filter.empty() && !line.contains(filter))
      continue;
    Outcome o = runTest(context, line.str());
    if (o.passed) {
      ++passed;
      if (verbose)
        llvm::outs() << "PASS " << line << "\n";
    } else {
      ++failed;
      llvm::outs() << "FAIL " << line << ": " << o.reason << "\n";
      groups[o.category].push_back(line.str());
    }
  }
  if (!groups.empty()) {
    llvm::outs() << "\nFailures by reason:\n";
    std::vector<std::pair<size_t, std::string>> order;
    for (auto &[k, v] : groups)
      order.push_back({v.size(), k});
    std::sort(order.rbegin(), order.rend());
    for (auto &[count, k] : order)
      llvm::outs() << "  " << count << "  " << k << "\n";
  }
  llvm::outs() << "\nconformance-types: " << passed << " passed, " << failed
               << " failed (required: at least " << minPass << " passed)\n";
  llvm::outs() << passed << " passed, " << failed << " failed\n";
  return passed >= minPass ? 0 : 1;
}
