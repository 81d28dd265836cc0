//===- mlc-compile.cpp - the MLC compiler driver ----------------------------===//
//
// mlc-compile MODEL.onnx --emit=mlir [-o FILE]
//
//===----------------------------------------------------------------------===//

#include "compiler/Pipeline.h"
#include "compiler/onnx/Importer.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

namespace cl = llvm::cl;

namespace {
enum class Emit { Mlir, MlirRaw };

cl::opt<std::string> inputPath(cl::Positional, cl::desc("<model.onnx>"),
                               cl::Required);
cl::opt<std::string> outputPath("o", cl::desc("Output file (default: stdout)"),
                                cl::value_desc("file"), cl::init("-"));
cl::opt<Emit> emit(
    "emit", cl::desc("What to produce"), cl::init(Emit::Mlir),
    cl::values(clEnumValN(Emit::Mlir, "mlir",
                          "the graph IR after canonicalization and folding"),
               clEnumValN(Emit::MlirRaw, "mlir-raw",
                          "the graph IR straight from the importer")));
cl::list<std::string>
    shapes("shape",
           cl::desc("Pin an input's shape: NAME:1x3x224x224 (repeatable; "
                    "NAME: for a scalar)"),
           cl::value_desc("NAME:DIMS"));
cl::list<std::string> constInputs(
    "const-input",
    cl::desc("Make an input a constant read from a TensorProto file: "
             "NAME=FILE.pb (repeatable)"),
    cl::value_desc("NAME=FILE"));
cl::opt<bool> allowUnsupported(
    "allow-unsupported",
    cl::desc("Import unsupported nodes as graph.unsupported and list them "
             "all, instead of stopping at the first"));

int fail(const llvm::Twine &message) {
  llvm::errs() << "mlc-compile: error: " << message << "\n";
  return 1;
}

/// Parses "NAME:1x3x224x224".
bool parseShape(llvm::StringRef text, std::string &name,
                std::vector<int64_t> &dims) {
  size_t colon = text.rfind(':');
  if (colon == llvm::StringRef::npos || colon == 0)
    return false;
  name = text.take_front(colon).str();
  llvm::StringRef rest = text.drop_front(colon + 1);
  dims.clear();
  if (rest.empty())
    return true;
  llvm::SmallVector<llvm::StringRef> parts;
  rest.split(parts, 'x');
  for (llvm::StringRef p : parts) {
    int64_t d;
    if (p.getAsInteger(10, d) || d < 0)
      return false;
    dims.push_back(d);
  }
  return true;
}
} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  mlir::registerPassManagerCLOptions();
  cl::ParseCommandLineOptions(argc, argv,
                              "MLC: compile an ONNX model ahead of time\n");

  mlc::ImportOptions options;
  options.allowUnsupported = allowUnsupported;
  for (const std::string &s : shapes) {
    std::string name;
    std::vector<int64_t> dims;
    if (!parseShape(s, name, dims))
      return fail("--shape '" + s + "': expected NAME:D0xD1x... (e.g. "
                  "input:1x3x224x224)");
    options.inputShapes[name] = dims;
  }
  for (const std::string &s : constInputs) {
    size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == s.size())
      return fail("--const-input '" + s + "': expected NAME=FILE.pb");
    options.constantInputs[s.substr(0, eq)] = s.substr(eq + 1);
  }

  mlir::DialectRegistry registry;
  mlc::registerDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();

  auto module = mlc::importOnnxFile(context, inputPath, options);
  if (!module)
    return fail(llvm::toString(module.takeError()));

  if (emit == Emit::Mlir) {
    mlir::PassManager pm(&context);
    if (mlir::failed(mlir::applyPassManagerCLOptions(pm)))
      return fail("bad pass manager options");
    mlc::buildGraphSimplificationPipeline(pm);
    if (mlir::failed(pm.run(**module)))
      return fail(inputPath + ": the graph simplification failed");
  }

  std::string errorMessage;
  auto output = mlir::openOutputFile(outputPath, &errorMessage);
  if (!output)
    return fail(errorMessage);
  (*module)->print(output->os());
  output->os() << "\n";
  output->keep();
  return 0;
}
