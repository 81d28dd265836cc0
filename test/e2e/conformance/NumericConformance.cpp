//===- NumericConformance.cpp - ONNX node tests compiled and run -----------===//
//
// For each ONNX backend node test named in a list: import, compile for the
// CPU into a model.so, load it, run it on the test's inputs and compare its
// outputs with the expected ones by ONNX's rule (same count, shapes and
// dtypes; |actual - expected| <= atol + rtol * |expected|, rtol 1e-3,
// atol 1e-7 by default; integers and bools exactly). Prints failures grouped
// by reason and "N passed, M failed".
//
// With --mlc-compile and --mlc-run (as ctest runs it) each test goes through
// the tools a user runs: `mlc-compile model.onnx -o T.so --const-input ...`
// then `mlc-run T.so --inputs ... --expected ...`, --jobs at a time. Without
// them it compiles in-process and calls the entry in a forked child: quicker,
// for developing lowerings.
//
//===----------------------------------------------------------------------===//

#include "compiler/CompileCpu.h"
#include "compiler/Pipeline.h"
#include "compiler/onnx/Importer.h"
#include "compiler/onnx/TensorConvert.h"
#include "runtime/io/TensorFiles.h"
#include "test/e2e/conformance/ConformanceCommon.h"

#include "mlc/model_abi.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/ScopeExit.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#include <dlfcn.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cl = llvm::cl;
using namespace mlir;
using mlc::conformance::Outcome;

static cl::opt<std::string> dataDir("data-dir", cl::Required,
                                    cl::desc("onnx/backend/test/data/node"));
static cl::opt<std::string> listFile("list", cl::Required,
                                     cl::desc("File with one test name a line"));
static cl::opt<std::string> minPassFile(
    "min-pass-file", cl::desc("File with the least number that must pass"));
static cl::opt<std::string> filter("filter",
                                   cl::desc("Run only tests containing this"));
static cl::opt<std::string> runtimeLib("runtime-lib", cl::Required,
                                       cl::desc("The runtime archive"));
static cl::opt<std::string> workDir("work-dir", cl::init("/tmp/mlc-conformance"),
                                    cl::desc("Where the .so files go"));
static cl::opt<double> relTol("rtol", cl::init(1e-3), cl::desc("Relative tolerance"));
static cl::opt<double> absTol("atol", cl::init(1e-7), cl::desc("Absolute tolerance"));
static cl::opt<bool> verbose("v", cl::desc("Print passing tests too"));
static cl::opt<std::string> mlcCompile(
    "mlc-compile", cl::desc("Run each test through this mlc-compile ..."));
static cl::opt<std::string> mlcRun("mlc-run",
                                   cl::desc("... and this mlc-run"));
static cl::opt<unsigned> jobs("jobs", cl::init(1),
                              cl::desc("Tests at once (with --mlc-compile)"));
static cl::opt<unsigned> timeoutSeconds(
    "timeout", cl::init(300), cl::desc("Seconds per tool run before it fails"));

/// The bytes of a tensor as a compiled model reads them (bools one byte
/// each, unsigned as signless).
static bool tensorBytes(MLIRContext &ctx, onnx::TensorProto tensor,
                        std::string &bytes, Type &elt,
                        SmallVectorImpl<int64_t> &shape) {
  auto attr = mlc::onnx_import::convertTensor(&ctx, tensor, ".");
  if (!attr) {
    llvm::consumeError(attr.takeError());
    return false;
  }
  auto type = llvm::cast<RankedTensorType>(attr->getType());
  elt = type.getElementType();
  shape.assign(type.getShape().begin(), type.getShape().end());
  int64_t n = type.getNumElements();
  if (auto dense = llvm::dyn_cast<DenseElementsAttr>(*attr)) {
    if (elt.isInteger(1)) {
      bytes.clear();
      for (bool b : dense.getValues<bool>())
        bytes.push_back(b ? 1 : 0);
      return true;
    }
    ArrayRef<char> raw = dense.getRawData();
    if (dense.isSplat()) {
      bytes.clear();
      for (int64_t i = 0; i < n; ++i)
        bytes.append(raw.data(), raw.size());
    } else {
      bytes.assign(raw.data(), raw.size());
    }
    return true;
  }
  if (auto res = llvm::dyn_cast<DenseResourceElementsAttr>(*attr)) {
    AsmResourceBlob *blob = res.getRawHandle().getBlob();
    if (!blob)
      return false;
    ArrayRef<char> raw = blob->getData();
    bytes.assign(raw.data(), raw.size());
    return true;
  }
  return false;
}

static Outcome runModel(MLIRContext &ctx, const mlc::conformance::TestCase &t,
                        const std::string &path);

/// A failed test: `category` groups it in the summary, `reason` says why.
static Outcome failed(std::string category, std::string reason) {
  Outcome out;
  out.category = std::move(category);
  out.reason = std::move(reason);
  return out;
}

/// The failure category of a compile error message: the first op the
/// lowering could not handle, when that is what it says.
static std::string compileCategory(const std::string &message) {
  size_t at = message.find("failed to legalize operation '");
  if (at != std::string::npos) {
    size_t start = at + 30, end = message.find('\'', start);
    return "not lowered: " + message.substr(start, end - start);
  }
  if (message.find("unsupported op") != std::string::npos)
    return "import: unsupported op";
  if (message.find("static shapes") != std::string::npos)
    return "dynamic shapes";
  return "compile";
}

/// Runs `args` with stdout and stderr into one file; returns the exit code
/// (-2: crashed, -1: could not run or timed out) and the output in `text`.
static int execute(llvm::ArrayRef<llvm::StringRef> args,
                   const std::string &logPath, std::string &text) {
  std::string error;
  std::optional<llvm::StringRef> redirects[] = {
      llvm::StringRef(""), llvm::StringRef(logPath), llvm::StringRef(logPath)};
  int rc = llvm::sys::ExecuteAndWait(args[0], args, /*Env=*/std::nullopt,
                                     redirects, timeoutSeconds, 0, &error);
  text = mlc::conformance::readFile(logPath).value_or("");
  llvm::sys::fs::remove(logPath);
  if (rc < 0 && !error.empty())
    text += (text.empty() ? "" : "\n") + error;
  return rc;
}

/// One test through mlc-compile and mlc-run.
static Outcome runTestWithTools(const std::string &name) {
  Outcome out;
  std::string loadError;
  auto test = mlc::conformance::loadTest(dataDir, name, loadError);
  if (!test)
    return failed("missing test data", loadError);
  std::string so = workDir + "/" + name + ".so";
  std::string log = workDir + "/" + name + ".log";
  auto cleanup = llvm::make_scope_exit([&] {
    llvm::sys::fs::remove(so);
    llvm::SmallString<256> header(so);
    llvm::sys::path::replace_extension(header, "h");
    llvm::sys::fs::remove(header);
  });

  std::vector<std::string> args = {mlcCompile, test->dir + "/model.onnx",
                                   "-o", so, "--tag", "t", "--runtime-lib",
                                   runtimeLib};
  for (const auto &[input, file] : test->options.constantInputs) {
    args.push_back("--const-input");
    args.push_back(input + "=" + file);
  }
  std::vector<llvm::StringRef> refs(args.begin(), args.end());
  std::string text;
  int rc = execute(refs, log, text);
  if (rc == -2)
    return failed("crash", "mlc-compile crashed: " + text.substr(0, 400));
  if (rc != 0)
    return failed(compileCategory(text), text.substr(0, 400));

  auto number = [](double d) {
    char text[32];
    std::snprintf(text, sizeof(text), "%.17g", d);
    return std::string(text);
  };
  auto join = [](const std::vector<std::string> &files) {
    std::string list;
    for (const std::string &f : files)
      list += (list.empty() ? "" : ",") + f;
    return list;
  };
  args = {mlcRun,
          so,
          "--tag",
          "t",
          "--inputs",
          join(test->runtimeInputFiles),
          "--expected",
          join(test->expectedOutputFiles),
          "--threads",
          "1",
          "--rtol",
          number(relTol),
          "--atol",
          number(absTol)};
  refs.assign(args.begin(), args.end());
  rc = execute(refs, log, text);
  if (rc == 0) {
    out.passed = true;
    return out;
  }
  if (rc == -2)
    return failed("crash", "the compiled model crashed: " + text.substr(0, 400));
  if (text.find("MISMATCH") != std::string::npos)
    return failed("wrong values", text.substr(0, 600));
  return failed("run", text.substr(0, 400));
}

static Outcome runTest(const std::string &name) {
  Outcome out;
  std::string loadError;
  auto test = mlc::conformance::loadTest(dataDir, name, loadError);
  if (!test)
    return failed("missing test data", loadError);

  DialectRegistry registry;
  mlc::registerDialects(registry);
  MLIRContext ctx(registry, MLIRContext::Threading::DISABLED);
  ctx.loadAllAvailableDialects();
  std::string diagnostics;
  ScopedDiagnosticHandler handler(&ctx, [&](Diagnostic &d) {
    llvm::raw_string_ostream(diagnostics) << d << "\n";
    return success();
  });
  auto module = mlc::importOnnxBytes(ctx, test->modelBytes, test->options);
  if (!module)
    return failed("import", llvm::toString(module.takeError()));
  PassManager pm(&ctx);
  mlc::buildGraphSimplificationPipeline(pm);
  if (failed(pm.run(**module)))
    return failed("simplify", diagnostics);

  mlc::CpuCompileOptions options;
  options.tag = "t";
  options.runtimeArchive = runtimeLib;
  options.output = workDir + "/" + name + ".so";
  if (llvm::Error e = mlc::compileForCpu(**module, mlc::EmitKind::SharedLib,
                                         options)) {
    std::string message = llvm::toString(std::move(e));
    return failed(compileCategory(message), message.substr(0, 400));
  }
  auto cleanup = llvm::make_scope_exit([&] {
    llvm::sys::fs::remove(options.output);
    llvm::SmallString<256> header(options.output);
    llvm::sys::path::replace_extension(header, "h");
    llvm::sys::fs::remove(header);
  });
  // Generated code runs in a child process: a crash fails one test, not the
  // suite.
  int fds[2];
  if (pipe(fds) != 0)
    return failed("harness", "pipe failed");
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    Outcome o = runModel(ctx, *test, options.output);
    std::string message = o.category + "\n" + o.reason;
    (void)!write(fds[1], message.data(), message.size());
    close(fds[1]);
    _exit(o.passed ? 0 : 1);
  }
  close(fds[1]);
  std::string message;
  char chunk[4096];
  for (ssize_t n; (n = read(fds[0], chunk, sizeof(chunk))) > 0;)
    message.append(chunk, n);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status))
    return failed("crash", "the compiled model crashed (signal " +
                             std::to_string(WTERMSIG(status)) + ")");
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    out.passed = true;
    return out;
  }
  size_t nl = message.find('\n');
  return failed(message.substr(0, nl),
              nl == std::string::npos ? "" : message.substr(nl + 1));
}

/// Loads model.so at `path`, runs it on the test's inputs, and compares.
static Outcome runModel(MLIRContext &ctx, const mlc::conformance::TestCase &t,
                        const std::string &path) {
  Outcome out;
  const auto *test = &t;
  void *handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    return failed("load", dlerror());
  using Getter = const mlc_model_desc *(*)();
  auto get = (Getter)dlsym(handle, "mlc_t_model");
  if (!get)
    return failed("load", "no mlc_t_model");
  const mlc_model_desc *desc = get();
  if (desc->num_inputs != test->runtimeInputs.size())
    return failed("inputs", "the model takes " + std::to_string(desc->num_inputs) +
                              " inputs, the test has " +
                              std::to_string(test->runtimeInputs.size()));
  if (desc->num_outputs != test->expectedOutputs.size())
    return failed("outputs", "the model has " + std::to_string(desc->num_outputs) +
                               " outputs, the test expects " +
                               std::to_string(test->expectedOutputs.size()));
  std::vector<std::string> inputs(desc->num_inputs);
  std::vector<void *> inputPtrs;
  for (size_t i = 0; i < inputs.size(); ++i) {
    Type elt;
    SmallVector<int64_t> shape;
    if (!tensorBytes(ctx, test->runtimeInputs[i], inputs[i], elt, shape))
      return failed("test data", "cannot read input " + std::to_string(i));
    inputPtrs.push_back(inputs[i].data());
  }
  std::vector<std::string> expected(desc->num_outputs);
  std::vector<Type> types(desc->num_outputs); // from the expected tensors
  std::vector<std::vector<char>> outputs(desc->num_outputs);
  std::vector<void *> outputPtrs;
  for (size_t i = 0; i < expected.size(); ++i) {
    SmallVector<int64_t> shape;
    if (!tensorBytes(ctx, test->expectedOutputs[i], expected[i], types[i],
                     shape))
      return failed("test data", "cannot read output " + std::to_string(i));
    const mlc_value_desc &v = desc->outputs[i];
    if (llvm::ArrayRef<int64_t>(v.shape, v.rank) != llvm::ArrayRef(shape))
      return failed("output shape", "output " + std::to_string(i) +
                                      " has the wrong shape");
    outputs[i].assign(expected[i].size() + 64, 0);
    outputPtrs.push_back(outputs[i].data());
  }
  std::vector<char> arena(desc->arena_bytes + 64);
  void *arenaPtr = (void *)(((uintptr_t)arena.data() + 63) & ~(uintptr_t)63);
  int32_t rc = desc->entry(inputPtrs.data(), outputPtrs.data(), arenaPtr,
                           nullptr);
  if (rc != 0)
    return failed("run", "the entry returned " + std::to_string(rc));
  for (size_t i = 0; i < expected.size(); ++i) {
    const mlc_value_desc &v = desc->outputs[i];
    mlc::io::HostTensor actual, wanted;
    actual.dtype = v.dtype;
    actual.shape.assign(v.shape, v.shape + v.rank);
    actual.bytes.assign(outputs[i].data(), expected[i].size());
    wanted.dtype = test->expectedOutputs[i].data_type();
    wanted.shape = actual.shape;
    wanted.bytes = expected[i];
    mlc::io::Comparison c =
        mlc::io::compareTensors(actual, wanted, relTol, absTol);
    if (!c.matches)
      return failed("wrong values",
                  "output " + std::to_string(i) + ": " + c.message);
  }
  out.passed = true;
  return out;
}

int main(int argc, char **argv) {
  cl::ParseCommandLineOptions(argc, argv,
                              "ONNX node tests: compiled and run on the CPU\n");
  mlc::registerPasses();
  llvm::sys::fs::create_directories(workDir);
  if (mlcCompile.empty() != mlcRun.empty()) {
    llvm::errs() << "--mlc-compile and --mlc-run go together\n";
    return 2;
  }
  if (!mlcCompile.empty())
    return mlc::conformance::runSuite("conformance-run", listFile,
                                      minPassFile, filter, verbose,
                                      runTestWithTools, jobs);
  return mlc::conformance::runSuite("conformance-run", listFile, minPassFile,
                                    filter, verbose, runTest);
}
