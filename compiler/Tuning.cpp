//===- Tuning.cpp - the compiler's side of tuning --------------------------===//

#include "compiler/Tuning.h"
#include "compiler/Pipeline.h"
#include "tuner/Database.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Target/TargetMachine.h"

#ifndef MLC_VERSION_STRING
#define MLC_VERSION_STRING "0"
#endif

namespace mlc {

static llvm::Error error(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

tuner::Task taskOf(const cpu::KernelWorkload &workload) {
  tuner::Task t;
  t.kind = workload.kind;
  t.params = workload.params;
  t.flops = workload.flops;
  t.description = workload.description;
  t.computeKey();
  return t;
}

llvm::Expected<std::vector<TuningTask>>
extractTuningTasks(mlir::ModuleOp module, const cpu::TargetOptions &target) {
  if (llvm::Error e = lowerToKernelStage(module, target))
    return std::move(e);
  std::vector<TuningTask> tasks;
  llvm::StringMap<size_t> byHash;
  for (mlir::Operation *op : cpu::tunableOps(module)) {
    std::optional<cpu::KernelWorkload> w = cpu::describeWorkload(op);
    tuner::Task task = taskOf(*w);
    auto it = byHash.find(task.hash);
    if (it != byHash.end()) {
      ++tasks[it->second].task.weight;
      continue;
    }
    std::vector<cpu::KernelArgument> arguments;
    auto kernel = cpu::extractKernel(op, kTaskFunction, arguments);
    if (mlir::failed(kernel))
      return error("cannot extract the kernel " + task.description +
                   " into a module of its own");
    TuningTask t;
    t.task = std::move(task);
    llvm::raw_string_ostream os(t.kernelModule);
    (**kernel)->print(os, mlir::OpPrintingFlags().enableDebugInfo(false));
    byHash[t.task.hash] = tasks.size();
    tasks.push_back(std::move(t));
  }
  return tasks;
}

llvm::Error buildCandidate(const std::string &kernelModule,
                           const tuner::Schedule &schedule,
                           const CpuCompileOptions &options) {
  mlir::DialectRegistry registry;
  registerDialects(registry);
  mlir::MLIRContext context(registry, mlir::MLIRContext::Threading::DISABLED);
  context.loadAllAvailableDialects();
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(kernelModule, &context);
  if (!module)
    return error("cannot parse the kernel module");
  auto func = module->lookupSymbol<mlir::func::FuncOp>(kTaskFunction);
  if (!func)
    return error(llvm::Twine("the kernel module has no function ") +
                 kTaskFunction);
  if (!schedule.empty()) {
    mlir::Builder b(&context);
    llvm::SmallVector<mlir::NamedAttribute> knobs;
    for (const auto &[name, value] : schedule.knobs)
      knobs.push_back(b.getNamedAttr(name, b.getI64IntegerAttr(value)));
    int tagged = 0;
    for (mlir::Operation *op : cpu::tunableOps(*module)) {
      op->setAttr(cpu::kScheduleAttr, b.getDictionaryAttr(knobs));
      ++tagged;
    }
    if (tagged == 0)
      return error("the kernel module has no tunable kernel");
  }
  std::vector<cpu::KernelArgument> arguments;
  for (mlir::Type t : func.getArgumentTypes())
    arguments.push_back({llvm::cast<mlir::MemRefType>(t), false});
  return compileKernelLibrary(*module, kTaskFunction, arguments, options);
}

RecordsUse applyRecords(mlir::ModuleOp module, const tuner::Database &db,
                        const std::string &target) {
  RecordsUse use;
  mlir::Builder b(module.getContext());
  for (mlir::Operation *op : cpu::tunableOps(module)) {
    std::optional<cpu::KernelWorkload> w = cpu::describeWorkload(op);
    tuner::Task task = taskOf(*w);
    ++use.kernels;
    const tuner::Record *best = db.best(task.hash, target);
    if (!best) {
      use.missing.push_back(task.description);
      continue;
    }
    ++use.scheduled;
    if (best->schedule.empty())
      continue; // the default heuristic measured best
    llvm::SmallVector<mlir::NamedAttribute> knobs;
    for (const auto &[name, value] : best->schedule.knobs)
      knobs.push_back(b.getNamedAttr(name, b.getI64IntegerAttr(value)));
    op->setAttr(cpu::kScheduleAttr, b.getDictionaryAttr(knobs));
  }
  return use;
}

llvm::Expected<tuner::Target> targetOf(const cpu::TargetOptions &options,
                                       int threads) {
  auto tm = cpu::createTargetMachine(options);
  if (!tm)
    return tm.takeError();
  tuner::Target t;
  t.cpu = (*tm)->getTargetCPU().str();
  t.vectorBits = cpu::vectorBits(**tm);
  t.threads = threads;
  t.mlcVersion = MLC_VERSION_STRING;
  // The vector ISA features that change the generated kernels.
  static const char *const relevant[] = {
      "avx",      "avx2",     "fma",        "avx512f",
      "avx512bw", "avx512dq", "avx512vl",   "avx512vnni",
      "avx512bf16", "avxvnni", "amx-tile",
  };
  const llvm::MCSubtargetInfo *sti = (*tm)->getMCSubtargetInfo();
  std::string out;
  for (const char *f : relevant)
    if (sti->checkFeatures((llvm::Twine("+") + f).str())) {
      if (!out.empty())
        out += ",";
      out += f;
    }
  t.features = out;
  return t;
}

} // namespace mlc
