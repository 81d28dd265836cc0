//===- mlc-compile.cpp - the MLC compiler driver
//----------------------------===//
//
// mlc-compile MODEL.onnx [-o model.so] [--emit=KIND] [options]
//
// Imports the model, simplifies the graph, and compiles it for the CPU into
// a shared library and header (or stops at an intermediate form).
//
//===----------------------------------------------------------------------===//

#include "compiler/CompileCpu.h"
#include "compiler/Pipeline.h"
#include "compiler/Tuning.h"
#include "compiler/onnx/Importer.h"
#include "tuner/Database.h"

#include "codegen/package/ModelPackage.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

namespace cl = llvm::cl;

namespace {

/// MLC's own options: --help lists these (and --help-hidden LLVM's and
/// MLIR's as well).
cl::OptionCategory mlcOptions("MLC options");

cl::opt<std::string> inputPath(cl::Positional, cl::cat(mlcOptions),
                               cl::desc("<model.onnx>"), cl::Required);
cl::opt<std::string> outputPath(
    "o", cl::cat(mlcOptions),
    cl::desc("Output file (default: MODEL.so for so, MODEL.o for obj, "
             "standard output for text)"),
    cl::value_desc("file"));
using mlc::EmitKind;
cl::opt<EmitKind> emit(
    "emit", cl::cat(mlcOptions), cl::desc("What to produce"),
    cl::init(EmitKind::SharedLib),
    cl::values(
        clEnumValN(EmitKind::SharedLib, "so", "model.so and model.h (default)"),
        clEnumValN(EmitKind::Object, "obj", "an object file"),
        clEnumValN(EmitKind::LLVMIR, "llvm", "optimized LLVM IR"),
        clEnumValN(EmitKind::LLVMDialect, "mlir-llvm", "the LLVM dialect"),
        clEnumValN(EmitKind::Linalg, "mlir-linalg", "linalg on tensors"),
        clEnumValN(EmitKind::Graph, "mlir",
                   "the graph IR after canonicalization and folding"),
        clEnumValN(EmitKind::GraphRaw, "mlir-raw",
                   "the graph IR straight from the importer")));
cl::opt<std::string> tag("tag", cl::cat(mlcOptions),
                         cl::desc("Symbol tag of the model: mlc_<tag>_model() "
                                  "(default: the output file's name)"));
cl::opt<std::string> cpu("cpu", cl::cat(mlcOptions),
                         cl::desc("CPU to compile for: native (default) or an "
                                  "LLVM CPU name (haswell, skylake-avx512, "
                                  "x86-64-v3, ...)"),
                         cl::init("native"));
cl::opt<std::string> convLayout(
    "conv-layout", cl::cat(mlcOptions),
    cl::desc("Convolution activations: auto (default: channel-blocked NCHWc "
             "where every convolution of the model can take it), nchwc "
             "(wherever one can, reordering around the others) or nchw"),
    cl::init("auto"));
cl::opt<std::string> target("target", cl::cat(mlcOptions),
                            cl::desc("Target: cpu (default)"), cl::init("cpu"));
cl::opt<unsigned> optLevel("O", cl::cat(mlcOptions),
                           cl::desc("LLVM optimization level (0-3)"),
                           cl::init(3), cl::Prefix);
cl::opt<bool> report(
    "report", cl::cat(mlcOptions),
    cl::desc("Print the kernels (kind, shape, fused ops, MFLOP, MB moved) and "
             "the memory plan (arena size, the sum of all intermediate "
             "buffers, the liveness lower bound)"));
cl::opt<std::string> runtimeLib(
    "runtime-lib", cl::cat(mlcOptions),
    cl::desc("The runtime archive to link (default: lib/libmlcrt.a beside "
             "the tool's bin/)"));
cl::list<std::string>
    shapes("shape", cl::cat(mlcOptions),
           cl::desc("Pin an input's shape: NAME:1x3x224x224 (repeatable; "
                    "NAME: for a scalar)"),
           cl::value_desc("NAME:DIMS"));
cl::list<std::string> constInputs(
    "const-input", cl::cat(mlcOptions),
    cl::desc("Make an input a constant read from a TensorProto file: "
             "NAME=FILE.pb (repeatable)"),
    cl::value_desc("NAME=FILE"));
cl::opt<bool> allowUnsupported(
    "allow-unsupported", cl::cat(mlcOptions),
    cl::desc("Import unsupported nodes as graph.unsupported and list them "
             "all, instead of stopping at the first"));

cl::opt<std::string> recordsPath(
    "records", cl::cat(mlcOptions),
    cl::desc("Use the best schedule of each kernel from this mlc-tune "
             "records file (kernels without one use the default heuristic, "
             "and the compile says which)"),
    cl::value_desc("file"));
cl::opt<int> tunedThreads(
    "tuned-threads", cl::cat(mlcOptions),
    cl::desc("With --records: use the records measured at this thread "
             "count (default: the count with records for most kernels)"),
    cl::init(0));

static int fail(const llvm::Twine &message) {
  llvm::errs() << "mlc-compile: error: " << message << "\n";
  return 1;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  mlir::registerPassManagerCLOptions();
  mlc::registerPasses();
  cl::HideUnrelatedOptions(mlcOptions);
  cl::ParseCommandLineOptions(argc, argv,
                              "MLC: compile an ONNX model ahead of time\n");

  mlc::ImportOptions options;
  options.allowUnsupported = allowUnsupported;
  for (const std::string &s : shapes)
    if (!mlc::parseInputShape(s, options))
      return fail("--shape '" + s +
                  "': expected NAME:D0xD1x... (e.g. "
                  "input:1x3x224x224)");
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

  if (emit != EmitKind::GraphRaw) {
    mlir::PassManager pm(&context);
    if (mlir::failed(mlir::applyPassManagerCLOptions(pm)))
      return fail("bad pass manager options");
    mlc::buildGraphSimplificationPipeline(pm);
    if (mlir::failed(pm.run(**module)))
      return fail(inputPath + ": the graph simplification failed");
  }

  if (emit == EmitKind::GraphRaw || emit == EmitKind::Graph) {
    std::string errorMessage;
    auto output = mlir::openOutputFile(
        outputPath.empty() ? std::string("-") : std::string(outputPath),
        &errorMessage);
    if (!output)
      return fail(errorMessage);
    (*module)->print(output->os());
    output->os() << "\n";
    output->keep();
    return 0;
  }

  if (target != "cpu")
    return fail("--target=" + target + ": only cpu is available");
  mlc::CpuCompileOptions compile;
  llvm::StringRef stem = llvm::sys::path::stem(inputPath);
  compile.output = outputPath;
  if (compile.output.empty()) {
    if (emit == EmitKind::SharedLib)
      compile.output = (stem + ".so").str();
    else if (emit == EmitKind::Object)
      compile.output = (stem + ".o").str();
    else
      compile.output = "-";
  }
  compile.tag = mlc::package::sanitizeTag(
      tag.empty() ? llvm::sys::path::stem(
                        compile.output == "-" ? inputPath : compile.output)
                  : llvm::StringRef(tag));
  compile.target.cpu = cpu;
  compile.target.optLevel = optLevel;
  if (convLayout != "auto" && convLayout != "nchwc" && convLayout != "nchw")
    return fail("--conv-layout must be auto, nchwc or nchw, not '" +
                convLayout + "'");
  compile.target.convLayout = convLayout;
  compile.runtimeArchive = runtimeLib;
  if (compile.runtimeArchive.empty()) {
    std::string exe = llvm::sys::fs::getMainExecutable(argv[0], (void *)&fail);
    llvm::SmallString<256> lib(
        llvm::sys::path::parent_path(llvm::sys::path::parent_path(exe)));
    llvm::sys::path::append(lib, "lib", "libmlcrt.a");
    compile.runtimeArchive = lib.str().str();
  }
  if (emit == EmitKind::SharedLib &&
      !llvm::sys::fs::exists(compile.runtimeArchive))
    return fail("the runtime archive " + compile.runtimeArchive +
                " is missing (--runtime-lib)");
  std::unique_ptr<mlc::tuner::Database> records;
  if (!recordsPath.empty()) {
    std::string error;
    if (!llvm::sys::fs::exists(recordsPath))
      return fail("--records " + recordsPath + ": no such file");
    records = mlc::tuner::Database::open(recordsPath, error);
    if (!records)
      return fail("--records " + recordsPath + ": " + error);
    for (const std::string &w : records->warnings())
      llvm::errs() << "mlc-compile: warning: skipped a malformed record: " << w
                   << "\n";
    compile.beforeKernels = [&](mlir::ModuleOp m) -> llvm::Error {
      // The thread count whose records cover most kernels (or the given).
      auto target = mlc::targetOf(compile.target, 1);
      if (!target)
        return target.takeError();
      int bestCount = -1;
      std::string fingerprint;
      mlc::RecordsUse use;
      for (int t = tunedThreads > 0 ? tunedThreads : 1;
           t <= (tunedThreads > 0 ? tunedThreads : 256); ++t) {
        target->threads = t;
        std::string fp = target->fingerprint();
        int count = 0;
        for (mlir::Operation *op : mlc::cpu::tunableOps(m))
          count +=
              records->best(mlc::taskOf(*mlc::cpu::describeWorkload(op)).hash,
                            fp) != nullptr;
        if (count > bestCount) {
          bestCount = count;
          fingerprint = fp;
        }
      }
      use = mlc::applyRecords(m, *records, fingerprint);
      llvm::errs() << "mlc-compile: records " << recordsPath << " (target "
                   << fingerprint << "): " << use.scheduled << " of "
                   << use.kernels << " kernels tuned";
      if (use.missing.empty()) {
        llvm::errs() << "\n";
        return llvm::Error::success();
      }
      llvm::errs() << "; " << use.missing.size()
                   << " use the default schedule (no record):\n";
      for (size_t i = 0; i < use.missing.size(); ++i) {
        if (i == 8) {
          llvm::errs() << "  ... and " << use.missing.size() - 8 << " more\n";
          break;
        }
        llvm::errs() << "  " << use.missing[i] << "\n";
      }
      return llvm::Error::success();
    };
  }
  mlc::CompileReport stats;
  if (llvm::Error e = mlc::compileForCpu(**module, emit, compile, &stats))
    return fail(inputPath + ": " + llvm::toString(std::move(e)));
  if (report) {
    auto mib = [](uint64_t b) { return (double)b / (1 << 20); };
    uint64_t flops = 0, bytes = 0;
    llvm::errs() << "kernels (matmuls and convolutions first, then the "
                    "other loop nests):\n";
    llvm::errs() << "     #  kind                                      MFLOP "
                    "  MB moved  shape; fused ops\n";
    for (auto [i, k] : llvm::enumerate(stats.kernels)) {
      llvm::errs() << llvm::format("  %4zu  %-36s %10.2f %10.3f  ", i,
                                   k.kind.c_str(), k.flops / 1e6, k.bytes / 1e6)
                   << k.shape;
      if (!k.fused.empty())
        llvm::errs() << "; fused: " << k.fused;
      llvm::errs() << "\n";
      flops += k.flops;
      bytes += k.bytes;
    }
    llvm::errs() << llvm::format(
        "  total: %zu kernels, %.1f MFLOP, %.2f MB moved\n",
        stats.kernels.size(), flops / 1e6, bytes / 1e6);
    llvm::errs() << llvm::format(
        "memory: arena %llu bytes (%.2f MiB); intermediates %llu bytes "
        "(%.2f MiB); liveness lower bound %llu bytes (%.2f MiB); arena / "
        "lower bound %.3f\n",
        (unsigned long long)stats.arenaBytes, mib(stats.arenaBytes),
        (unsigned long long)stats.bufferBytes, mib(stats.bufferBytes),
        (unsigned long long)stats.livenessBytes, mib(stats.livenessBytes),
        stats.livenessBytes ? (double)stats.arenaBytes / stats.livenessBytes
                            : 1.0);
  }
  return 0;
}
