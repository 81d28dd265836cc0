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
#include "test/e2e/conformance/ConformanceCommon.h"

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

using mlc::conformance::Outcome;

static std::string typeString(Type t) {
  std::string s;
  llvm::raw_string_ostream(s) << t;
  return s;
}

static Outcome runTest(MLIRContext &context, const std::string &name) {
  Outcome out;
  std::string loadError;
  std::optional<mlc::conformance::TestCase> test =
      mlc::conformance::loadTest(dataDir, name, loadError);
  if (!test) {
    out.reason = loadError;
    out.category = "missing test data";
    return out;
  }
  const std::string &bytes = test->modelBytes;
  const mlc::ImportOptions &options = test->options;

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
  int expectedCount = test->expectedOutputs.size();
  if ((int)results.size() != expectedCount) {
    out.reason = "has " + std::to_string(results.size()) + " outputs, expected " +
                 std::to_string(expectedCount);
    out.category = "output count";
    return out;
  }
  for (int i = 0; i < expectedCount; ++i) {
    const onnx::TensorProto &tensor = test->expectedOutputs[i];
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
  DialectRegistry registry;
  mlc::registerDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  context.disableMultithreading();
  return mlc::conformance::runSuite(
      "conformance-types", listFile, minPassFile, filter, verbose,
      [&](const std::string &name) { return runTest(context, name); });
}
