//===- mlc-tune.cpp - the MLC auto-tuner
//-----------------------------------===//
//
// mlc-tune MODEL.onnx --target=cpu --trials=N [--time-budget=S]
//          [--records=FILE] [--threads=T] [--seed=K] [--cost-model=xgb|random]
//
// Extracts the tunable kernels of the model (one task per distinct
// workload), measures each task's default schedule, then searches
// (tuner/Tuner.h) until the trials or the time budget are spent, appending
// every measurement to the records file. Prints a live status, then a table
// of default vs tuned latency per task and for the whole model (both built
// and measured), and writes a PNG of the model's latency against trials.
//
//===----------------------------------------------------------------------===//

#include "compiler/CompileCpu.h"
#include "compiler/Pipeline.h"
#include "compiler/Tuning.h"
#include "compiler/onnx/Importer.h"
#include "tuner/Database.h"
#include "tuner/Plot.h"
#include "tuner/Runner.h"
#include "tuner/Tuner.h"

#include "codegen/package/ModelPackage.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <thread>
#include <unistd.h>

namespace cl = llvm::cl;

namespace {

/// MLC's own options: --help lists these (and --help-hidden LLVM's and
/// MLIR's as well).
cl::OptionCategory mlcOptions("MLC options");

cl::list<std::string> inputs(cl::Positional, cl::cat(mlcOptions),
                             cl::desc("<model.onnx>"), cl::OneOrMore);
cl::opt<bool> merge("merge", cl::cat(mlcOptions),
                    cl::desc("Merge the records files given instead of a "
                             "model into --records (kept, never truncated)"));
cl::opt<std::string> target("target", cl::cat(mlcOptions),
                            cl::desc("Target: cpu (default)"), cl::init("cpu"));
cl::opt<std::string> cpu("cpu", cl::cat(mlcOptions),
                         cl::desc("CPU to tune for: native (default); the "
                                  "measurements run on this machine"),
                         cl::init("native"));
cl::opt<int64_t> trials("trials", cl::cat(mlcOptions),
                        cl::desc("Trials in all, over every task (records "
                                 "already in the file count; default 1000)"),
                        cl::init(1000));
cl::opt<double> timeBudget("time-budget", cl::cat(mlcOptions),
                           cl::desc("Stop after this many seconds (0: none)"),
                           cl::init(0));
cl::opt<std::string>
    recordsPath("records", cl::cat(mlcOptions),
                cl::desc("The records file (default: MODEL.records)"),
                cl::value_desc("file"));
cl::alias recordsAlias("o", cl::aliasopt(recordsPath), cl::cat(mlcOptions),
                       cl::desc("Alias for --records"));
cl::opt<uint64_t> seed("seed", cl::cat(mlcOptions),
                       cl::desc("Seed of the search (default 1)"), cl::init(1));
cl::opt<std::string>
    costModel("cost-model", cl::cat(mlcOptions),
              cl::desc("xgb: evolutionary search guided by XGBoost (default); "
                       "random: uniform random search"),
              cl::init("xgb"));
cl::opt<int> batch("batch", cl::cat(mlcOptions),
                   cl::desc("Candidates measured per round (default 16)"),
                   cl::init(16));
cl::opt<int> buildJobs("build-jobs", cl::cat(mlcOptions),
                       cl::desc("Candidates built at once (default: cores)"),
                       cl::init(0));
cl::opt<unsigned> runs("runs", cl::cat(mlcOptions),
                       cl::desc("Timed runs per measurement (10)"),
                       cl::init(10));
cl::opt<double> minTimeMs(
    "min-time-ms", cl::cat(mlcOptions),
    cl::desc("Keep timing until the runs add up to this (default 50 ms)"),
    cl::init(50));
cl::opt<double> timeout("timeout", cl::cat(mlcOptions),
                        cl::desc("Seconds before a candidate's measurement "
                                 "is killed (default 10)"),
                        cl::init(10));
cl::opt<bool> flushCache("flush-cache", cl::cat(mlcOptions),
                         cl::desc("Evict the caches before every timed run"));
cl::opt<std::string>
    plotPath("plot", cl::cat(mlcOptions),
             cl::desc("PNG of latency against trials (default RECORDS.png)"));
cl::opt<std::string>
    curvePath("curve", cl::cat(mlcOptions),
              cl::desc("Also write the curve as CSV (trial,seconds,model_ms)"));
cl::opt<bool> noFinal("no-final-compare", cl::cat(mlcOptions),
                      cl::desc("Skip building and timing the whole model "
                               "(default vs tuned) at the end"));
cl::opt<bool>
    noCheck("no-check", cl::cat(mlcOptions),
            cl::desc("Do not check candidates' outputs against the default "
                     "schedule's (checked by default, rtol/atol 1e-3)"));
cl::opt<std::string>
    dumpTasks("dump-tasks", cl::cat(mlcOptions),
              cl::desc("Write each task's kernel module to DIR/task<i>.mlir"),
              cl::value_desc("dir"));
cl::opt<bool> listTasks("list-tasks", cl::cat(mlcOptions),
                        cl::desc("Print the tasks and exit"));
cl::opt<std::string> runtimeLib(
    "runtime-lib", cl::cat(mlcOptions),
    cl::desc("The runtime archive (default: lib/libmlcrt.a beside bin/)"));
cl::list<std::string> shapes("shape", cl::cat(mlcOptions),
                             cl::desc("Pin an input's shape: NAME:1x3x224x224"),
                             cl::value_desc("NAME:DIMS"));
cl::opt<std::string>
    injectFaults("inject-faults", cl::Hidden, cl::cat(mlcOptions),
                 cl::desc("Test only: make trials fail: segv@3,hang@5"));

int fail(const llvm::Twine &message) {
  llvm::errs() << "mlc-tune: error: " << message << "\n";
  return 1;
}

/// Imports and simplifies the model.
llvm::Expected<mlir::OwningOpRef<mlir::ModuleOp>>
load(mlir::MLIRContext &context, const std::string &inputPath,
     const mlc::ImportOptions &options) {
  auto module = mlc::importOnnxFile(context, inputPath, options);
  if (!module)
    return module.takeError();
  mlir::PassManager pm(&context);
  mlc::buildGraphSimplificationPipeline(pm);
  if (mlir::failed(pm.run(**module)))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the graph simplification failed");
  return std::move(*module);
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  // LLVM registers a --threads of its own; ours replaces it.
  if (cl::Option *theirs = cl::getRegisteredOptions().lookup("threads"))
    theirs->removeArgument();
  static cl::opt<int> threads("threads", cl::cat(mlcOptions),
                              cl::desc("Threads the kernels run with, and are "
                                       "measured with (default 1)"),
                              cl::init(1));
  mlc::registerPasses();
  cl::HideUnrelatedOptions(mlcOptions);
  cl::ParseCommandLineOptions(argc, argv,
                              "MLC: tune a model's kernels on this machine\n");
  if (merge) {
    if (recordsPath.empty())
      return fail("--merge needs --records=OUT");
    std::string error;
    std::vector<std::string> warnings;
    if (!mlc::tuner::Database::merge(inputs, recordsPath, error, &warnings))
      return fail(error);
    for (const std::string &w : warnings)
      llvm::errs() << "mlc-tune: warning: skipped a malformed record: " << w
                   << "\n";
    std::string openError;
    auto db = mlc::tuner::Database::open(recordsPath, openError);
    if (!db)
      return fail(recordsPath + ": " + openError);
    llvm::outs() << "merged " << inputs.size() << " files into " << recordsPath
                 << ": " << db->size() << " records\n";
    return 0;
  }
  if (inputs.size() != 1)
    return fail("give one model (or --merge with records files)");
  const std::string &inputPath = inputs.front();
  if (target != "cpu")
    return fail("--target=" + target + ": only cpu is available");
  if (threads < 1)
    return fail("--threads must be at least 1");
  if (trials < 1)
    return fail("--trials must be at least 1");
  if (costModel != "xgb" && costModel != "random")
    return fail("--cost-model=" + costModel + ": expected xgb or random");

  mlc::ImportOptions importOptions;
  for (const std::string &s : shapes)
    if (!mlc::parseInputShape(s, importOptions))
      return fail("--shape '" + s + "': expected NAME:D0xD1x...");
  std::string exe = llvm::sys::fs::getMainExecutable(argv[0], (void *)&fail);
  llvm::StringRef binDir = llvm::sys::path::parent_path(exe);
  std::string runtime = runtimeLib;
  if (runtime.empty()) {
    llvm::SmallString<256> lib(llvm::sys::path::parent_path(binDir));
    llvm::sys::path::append(lib, "lib", "libmlcrt.a");
    runtime = lib.str().str();
  }
  if (!llvm::sys::fs::exists(runtime))
    return fail("the runtime archive " + runtime +
                " is missing (--runtime-lib)");
  llvm::SmallString<256> mlcRun(binDir);
  llvm::sys::path::append(mlcRun, "mlc-run");
  if (!llvm::sys::fs::can_execute(mlcRun))
    return fail("mlc-run is missing beside mlc-tune (" + mlcRun + ")");

  mlir::DialectRegistry registry;
  mlc::registerDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();

  mlc::cpu::TargetOptions targetOptions;
  targetOptions.cpu = cpu;
  auto tuneTarget = mlc::targetOf(targetOptions, threads);
  if (!tuneTarget)
    return fail(llvm::toString(tuneTarget.takeError()));

  // Tasks.
  std::vector<mlc::tuner::TuneTask> tasks;
  {
    auto module = load(context, inputPath, importOptions);
    if (!module)
      return fail(inputPath + ": " + llvm::toString(module.takeError()));
    auto extracted = mlc::extractTuningTasks(**module, targetOptions);
    if (!extracted)
      return fail(inputPath + ": " + llvm::toString(extracted.takeError()));
    for (mlc::TuningTask &t : *extracted)
      tasks.push_back({std::move(t.task), std::move(t.kernelModule)});
  }
  int64_t kernels = 0;
  for (const auto &t : tasks)
    kernels += t.task.weight;
  llvm::errs() << "mlc-tune: " << inputPath << ": " << tasks.size()
               << " tasks (" << kernels << " tunable kernels); target "
               << tuneTarget->fingerprint() << "\n";
  for (auto [i, t] : llvm::enumerate(tasks))
    llvm::errs() << llvm::format("  %3zu  x%-3lld %8.1f MFLOP  ", i,
                                 (long long)t.task.weight, t.task.flops / 1e6)
                 << t.task.description << "  [" << t.task.hash << "]\n";
  if (!dumpTasks.empty()) {
    llvm::sys::fs::create_directories(dumpTasks);
    for (auto [i, t] : llvm::enumerate(tasks)) {
      std::string path = dumpTasks + "/task" + std::to_string(i) + ".mlir";
      std::error_code ec;
      llvm::raw_fd_ostream os(path, ec);
      if (ec)
        return fail(path + ": " + ec.message());
      os << "// " << t.task.description << "\n// " << t.task.key << "\n"
         << t.kernelModule;
    }
  }
  if (listTasks)
    return 0;
  if (tasks.empty())
    return fail(inputPath + ": the model has no tunable kernels (matmuls "
                            "and convolutions)");

  // Records.
  std::string records = recordsPath;
  if (records.empty())
    records = (llvm::sys::path::stem(inputPath) + ".records").str();
  std::string error;
  auto db = mlc::tuner::Database::open(records, error);
  if (!db)
    return fail(records + ": " + error);
  for (const std::string &w : db->warnings())
    llvm::errs() << "mlc-tune: warning: skipped a malformed record: " << w
                 << "\n";

  // The work directory for candidates.
  llvm::SmallString<128> workDir;
  if (std::error_code ec =
          llvm::sys::fs::createUniqueDirectory("mlc-tune", workDir))
    return fail("cannot create a work directory: " + ec.message());

  mlc::tuner::TuneOptions options;
  options.trials = trials;
  options.timeBudgetSeconds = timeBudget;
  options.seed = seed;
  options.costModel = costModel;
  options.batch = std::max(1, (int)batch);
  options.buildJobs = buildJobs > 0
                          ? (int)buildJobs
                          : std::max(1u, std::thread::hardware_concurrency());
  options.measure.mlcRun = mlcRun.str().str();
  options.measure.threads = threads;
  options.measure.runs = runs;
  options.measure.minTimeMs = minTimeMs;
  options.measure.timeoutSeconds = timeout;
  options.measure.flushCache = flushCache;
  options.workDir = workDir.str().str();
  options.costModelPath = records + ".model.json";
  options.interactive = isatty(2);
  options.checkResults = !noCheck;
  if (!injectFaults.empty()) {
    llvm::SmallVector<llvm::StringRef> parts;
    llvm::StringRef(injectFaults).split(parts, ',');
    for (llvm::StringRef p : parts) {
      auto [kind, at] = p.split('@');
      int64_t trial;
      if (at.getAsInteger(10, trial) || (kind != "segv" && kind != "hang"))
        return fail("--inject-faults: expected segv@N or hang@N");
      options.injectFaults[trial] = kind.str();
    }
  }

  mlc::CpuCompileOptions buildOptions;
  buildOptions.target = targetOptions;
  buildOptions.runtimeArchive = runtime;
  mlc::tuner::BuildFn build = [&](const mlc::tuner::TuneTask &task,
                                  const mlc::tuner::Schedule &schedule,
                                  const std::string &library,
                                  const std::string &tag, std::string &err) {
    mlc::CpuCompileOptions o = buildOptions;
    o.output = library;
    o.tag = tag;
    if (llvm::Error e = mlc::buildCandidate(task.kernelModule, schedule, o)) {
      err = llvm::toString(std::move(e));
      return false;
    }
    return true;
  };

  mlc::tuner::TuneSummary summary;
  bool ok = mlc::tuner::tune(tasks, *tuneTarget, *db, build, options,
                             llvm::errs(), summary, error);
  if (!ok) {
    llvm::sys::fs::remove_directories(workDir);
    return fail(error);
  }

  // The table.
  llvm::outs() << "\ntask  " << llvm::left_justify("kernel", 52)
               << " weight  trials  failed default ms   tuned ms  speedup  "
                  "schedule\n";
  double defaultTotal = 0, tunedTotal = 0;
  bool complete = true;
  for (auto [i, t] : llvm::enumerate(tasks)) {
    const mlc::tuner::TaskOutcome &o = summary.tasks[i];
    std::string desc = t.task.description;
    if (desc.size() > 52)
      desc = desc.substr(0, 49) + "...";
    llvm::outs() << llvm::format("%4zu  %-52s %6lld %7lld %7lld ", i,
                                 desc.c_str(), (long long)t.task.weight,
                                 (long long)o.trials, (long long)o.failed);
    if (o.defaultMs > 0)
      llvm::outs() << llvm::format("%10.4f ", o.defaultMs);
    else
      llvm::outs() << "         - ";
    if (o.bestMs > 0)
      llvm::outs() << llvm::format("%10.4f ", o.bestMs);
    else
      llvm::outs() << "         - ";
    if (o.defaultMs > 0 && o.bestMs > 0)
      llvm::outs() << llvm::format("%7.2fx  ", o.defaultMs / o.bestMs);
    else
      llvm::outs() << "       -  ";
    llvm::outs() << (o.bestMs > 0 ? o.best.str() : "-") << "\n";
    if (o.defaultMs > 0 && o.bestMs > 0) {
      defaultTotal += o.defaultMs * t.task.weight;
      tunedTotal += o.bestMs * t.task.weight;
    } else {
      complete = false;
    }
  }
  if (complete && tunedTotal > 0)
    llvm::outs() << llvm::format(
        "kernels, weighted sum: default %.3f ms, tuned %.3f ms (%.2fx)\n",
        defaultTotal, tunedTotal, defaultTotal / tunedTotal);
  llvm::outs() << llvm::format(
      "%lld trials this run (%lld resumed from %s), %lld failed, %.1f s\n",
      (long long)summary.trials, (long long)summary.resumedTrials,
      records.c_str(), (long long)summary.failed, summary.seconds);

  // The whole model, default and tuned, built and measured the same way.
  if (!noFinal) {
    auto measureModel = [&](bool tuned, double &ms) -> bool {
      auto module = load(context, inputPath, importOptions);
      if (!module) {
        error = llvm::toString(module.takeError());
        return false;
      }
      mlc::CpuCompileOptions o = buildOptions;
      o.tag = tuned ? "tuned" : "untuned";
      o.output = (workDir + "/" + o.tag + ".so").str();
      std::string fp = tuneTarget->fingerprint();
      if (tuned)
        o.beforeKernels = [&](mlir::ModuleOp m) -> llvm::Error {
          mlc::applyRecords(m, *db, fp);
          return llvm::Error::success();
        };
      if (llvm::Error e =
              mlc::compileForCpu(**module, mlc::EmitKind::SharedLib, o)) {
        error = llvm::toString(std::move(e));
        return false;
      }
      mlc::tuner::MeasureOptions mo = options.measure;
      mo.runs = std::max(mo.runs, 20u);
      mo.minTimeMs = std::max(mo.minTimeMs, 200.0);
      mo.timeoutSeconds = std::max(mo.timeoutSeconds, 120.0);
      mlc::tuner::Measurement m = mlc::tuner::measure(o.output, o.tag, mo);
      if (!m.ok) {
        error = m.error;
        return false;
      }
      ms = m.medianMs;
      return true;
    };
    double untunedMs = 0, tunedMs = 0;
    if (measureModel(false, untunedMs) && measureModel(true, tunedMs))
      llvm::outs() << llvm::format(
          "whole model (%d thread%s): default %.3f ms, tuned %.3f ms "
          "(%.2fx)\n",
          (int)threads, threads == 1 ? "" : "s", untunedMs, tunedMs,
          untunedMs / tunedMs);
    else
      llvm::errs() << "mlc-tune: warning: cannot time the whole model: "
                   << error << "\n";
  }
  llvm::sys::fs::remove_directories(workDir);

  // The curve.
  if (!curvePath.empty()) {
    std::string text = "trial,seconds,model_ms\n";
    for (const auto &p : summary.curve)
      text += std::to_string(p.trial) + "," + std::to_string(p.seconds) + "," +
              std::to_string(p.modelMs) + "\n";
    std::error_code ec;
    llvm::raw_fd_ostream os(curvePath, ec);
    if (ec)
      return fail(curvePath + ": " + ec.message());
    os << text;
  }
  std::string plot =
      plotPath.empty() ? records + ".png" : std::string(plotPath);
  if (!summary.curve.empty()) {
    mlc::tuner::Series s;
    s.name = "sum of kernel latencies";
    for (const auto &p : summary.curve)
      s.points.push_back({(double)p.trial, p.modelMs});
    if (!mlc::tuner::writeLinePlotPng(
            plot, "mlc-tune " + llvm::sys::path::filename(inputPath).str(), {s},
            "trials", "ms (weighted sum of best kernels)", error))
      llvm::errs() << "mlc-tune: warning: cannot write " << plot << ": "
                   << error << "\n";
    else
      llvm::outs() << "wrote " << plot << "\n";
  }
  llvm::outs() << "records: " << records << " (use: mlc-compile " << inputPath
               << " --records=" << records << ")\n";
  return 0;
}
