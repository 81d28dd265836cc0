//===- CompileCpu.cpp - simplified graph IR to a model.so for the CPU ------===//
//
// 1. Read the model's interface (names, dtypes, static shapes) from
//    main_graph before lowering changes its signature.
// 2. Lower to the LLVM dialect (codegen/cpu/CpuPipeline).
// 3. Translate to LLVM IR; add the descriptor and entry point
//    (codegen/package); optimize and emit an object file.
// 4. Link model.so with the runtime archive; write model.h beside it.
//
//===----------------------------------------------------------------------===//

#include "compiler/CompileCpu.h"
#include "codegen/cpu/CpuPipeline.h"
#include "codegen/package/ModelPackage.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Target/TargetMachine.h"

namespace mlc {

static llvm::Error error(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// Writes `text` to `path` through a temporary file and a rename, so that a
/// crash never leaves a half-written output.
static llvm::Error writeFile(llvm::StringRef path, llvm::StringRef text) {
  if (path == "-") {
    llvm::outs() << text;
    llvm::outs().flush();
    return llvm::Error::success();
  }
  llvm::SmallString<256> tmp(path);
  tmp += ".tmp-%%%%%%";
  int fd;
  llvm::SmallString<256> tmpPath;
  if (std::error_code ec = llvm::sys::fs::createUniqueFile(tmp, fd, tmpPath))
    return error("cannot write " + path + ": " + ec.message());
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << text;
    if (os.has_error())
      return error("cannot write " + path + ": " + os.error().message());
  }
  if (std::error_code ec = llvm::sys::fs::rename(tmpPath, path))
    return error("cannot write " + path + ": " + ec.message());
  return llvm::Error::success();
}

static std::string printed(mlir::ModuleOp module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  module.print(os);
  os << "\n";
  return text;
}

/// Runs the CPU pipeline between `startAt` and `stopBefore` on `module`.
static llvm::Error runPipeline(mlir::ModuleOp module, int64_t vectorBits,
                               const std::string &convLayout,
                               llvm::StringRef startAt,
                               llvm::StringRef stopBefore,
                               std::string &diagnostics) {
  cpu::CpuPipelineOptions pipelineOptions;
  pipelineOptions.vectorBits = vectorBits;
  pipelineOptions.convLayout = convLayout;
  pipelineOptions.startAt = startAt.str();
  pipelineOptions.stopBefore = stopBefore.str();
  mlir::PassManager pm(module.getContext());
  if (mlir::failed(cpu::buildCpuLoweringPipeline(pm, pipelineOptions)))
    return error("cannot build the CPU pipeline");
  if (mlir::failed(pm.run(module)))
    return error("lowering for the CPU failed:\n" + diagnostics);
  return llvm::Error::success();
}

/// Collects diagnostics as text while alive.
struct DiagnosticCollector {
  std::string text;
  mlir::ScopedDiagnosticHandler handler;
  explicit DiagnosticCollector(mlir::MLIRContext *ctx)
      : handler(ctx, [this](mlir::Diagnostic &d) {
          llvm::raw_string_ostream os(text);
          os << d.getLocation() << ": " << d << "\n";
          return mlir::success();
        }) {}
};

/// From the LLVM dialect on: the report, LLVM IR, object code, model.so
/// and model.h.
static llvm::Error finish(mlir::ModuleOp module,
                          package::ModelInterface &interface,
                          llvm::StringRef kernelName, EmitKind kind,
                          const CpuCompileOptions &options,
                          llvm::TargetMachine &tm, CompileReport *report,
                          std::string &diagnostics) {
  mlir::MLIRContext *ctx = module.getContext();
  if (kind == EmitKind::LLVMDialect)
    return writeFile(options.output, printed(module));
  auto bytes = [&](llvm::StringRef name) -> uint64_t {
    auto attr = module->getAttrOfType<mlir::IntegerAttr>(name);
    return attr ? attr.getInt() : 0;
  };
  interface.arenaBytes = bytes("mlc.arena_bytes");
  if (report) {
    if (auto list = module->getAttrOfType<mlir::ArrayAttr>("mlc.kernels"))
      for (mlir::Attribute a : list) {
        auto d = llvm::cast<mlir::DictionaryAttr>(a);
        CompileReport::Kernel k;
        auto str = [&](llvm::StringRef n) {
          auto v = d.getAs<mlir::StringAttr>(n);
          return v ? v.getValue().str() : std::string();
        };
        auto num = [&](llvm::StringRef n) -> uint64_t {
          auto v = d.getAs<mlir::IntegerAttr>(n);
          return v ? v.getInt() : 0;
        };
        k.kind = str("kind");
        k.shape = str("shape");
        k.fused = str("fused");
        k.flops = num("flops");
        k.bytes = num("bytes");
        report->kernels.push_back(std::move(k));
      }
    report->arenaBytes = interface.arenaBytes;
    report->bufferBytes = bytes("mlc.buffer_bytes");
    report->livenessBytes = bytes("mlc.liveness_bytes");
  }

  mlir::registerBuiltinDialectTranslation(*ctx);
  mlir::registerLLVMDialectTranslation(*ctx);
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, llvmContext, "mlc_model");
  if (!llvmModule)
    return error("translation to LLVM IR failed:\n" + diagnostics);
  if (llvm::Error e = package::addDescriptor(*llvmModule, interface, kernelName))
    return e;
  auto object = cpu::emitObject(*llvmModule, tm, options.target.optLevel);
  if (!object)
    return object.takeError();
  if (kind == EmitKind::LLVMIR) {
    // Optimized, as it went to the code generator.
    std::string text;
    llvm::raw_string_ostream os(text);
    llvmModule->print(os, nullptr);
    return writeFile(options.output, text);
  }
  if (kind == EmitKind::Object)
    return writeFile(options.output, *object);

  // model.so and model.h.
  llvm::SmallString<128> objectPath;
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile(
          "mlc-" + options.tag, "o", objectPath))
    return error("cannot create a temporary file: " + ec.message());
  llvm::FileRemover removeObject(objectPath);
  if (llvm::Error e = writeFile(objectPath, *object))
    return e;
  llvm::SmallString<256> tmpLib(options.output);
  tmpLib += ".tmp";
  if (llvm::Error e = package::linkSharedLibrary(
          objectPath, options.runtimeArchive, tmpLib,
          llvm::sys::path::filename(options.output))) {
    llvm::sys::fs::remove(tmpLib);
    return e;
  }
  if (std::error_code ec = llvm::sys::fs::rename(tmpLib, options.output))
    return error("cannot write " + options.output + ": " + ec.message());
  llvm::SmallString<256> header(options.output);
  llvm::sys::path::replace_extension(header, "h");
  return writeFile(header, package::modelHeader(interface));
}

llvm::Error compileForCpu(mlir::ModuleOp module, EmitKind kind,
                          const CpuCompileOptions &options,
                          CompileReport *report) {
  mlir::MLIRContext *ctx = module.getContext();
  auto func = module.lookupSymbol<mlir::func::FuncOp>("main_graph");
  if (!func)
    return error("the module has no main_graph function");
  auto interface = package::readInterface(func, options.tag);
  if (!interface)
    return interface.takeError();
  std::string kernelName = "mlc_" + options.tag + "_kernel";
  func.setSymName(kernelName);
  // The caller owns the inputs: bufferization must never write into them.
  for (unsigned i = 0; i < func.getNumArguments(); ++i)
    func.setArgAttr(i, "bufferization.writable",
                    mlir::BoolAttr::get(ctx, false));

  DiagnosticCollector diagnostics(ctx);
  auto tm = cpu::createTargetMachine(options.target);
  if (!tm)
    return tm.takeError();
  int64_t vectorBits = cpu::vectorBits(**tm);
  if (kind == EmitKind::Linalg) {
    mlir::PassManager pm(ctx);
    pm.addPass(createConvertGraphToLinalgPass());
    if (mlir::failed(pm.run(module)))
      return error("lowering for the CPU failed:\n" + diagnostics.text);
    return writeFile(options.output, printed(module));
  }
  if (options.beforeKernels) {
    if (llvm::Error e = runPipeline(module, vectorBits, options.target.convLayout, "", cpu::kKernelStage,
                                    diagnostics.text))
      return e;
    if (llvm::Error e = options.beforeKernels(module))
      return e;
    if (llvm::Error e = runPipeline(module, vectorBits, options.target.convLayout,
                                    cpu::kKernelStage, "",
                                    diagnostics.text))
      return e;
  } else if (llvm::Error e =
                 runPipeline(module, vectorBits, options.target.convLayout, "", "", diagnostics.text)) {
    return e;
  }
  return finish(module, *interface, kernelName, kind, options, **tm, report,
                diagnostics.text);
}

llvm::Error lowerToKernelStage(mlir::ModuleOp module,
                               const cpu::TargetOptions &target) {
  auto func = module.lookupSymbol<mlir::func::FuncOp>("main_graph");
  if (!func)
    return error("the module has no main_graph function");
  for (unsigned i = 0; i < func.getNumArguments(); ++i)
    func.setArgAttr(i, "bufferization.writable",
                    mlir::BoolAttr::get(module.getContext(), false));
  DiagnosticCollector diagnostics(module.getContext());
  auto tm = cpu::createTargetMachine(target);
  if (!tm)
    return tm.takeError();
  return runPipeline(module, cpu::vectorBits(**tm), target.convLayout, "",
                     cpu::kKernelStage,
                     diagnostics.text);
}

llvm::Error compileKernelLibrary(mlir::ModuleOp module,
                                 llvm::StringRef funcName,
                                 llvm::ArrayRef<cpu::KernelArgument> arguments,
                                 const CpuCompileOptions &options) {
  if (arguments.empty())
    return error("the kernel has no arguments");
  package::ModelInterface interface;
  interface.tag = options.tag;
  for (auto [i, a] : llvm::enumerate(arguments)) {
    package::ValueInfo v;
    v.name = "arg" + std::to_string(i);
    v.dtype = package::dtypeOf(a.type.getElementType());
    if (!v.dtype)
      return error("kernel argument " + v.name + " has an unsupported type");
    v.shape.assign(a.type.getShape().begin(), a.type.getShape().end());
    (i + 1 == arguments.size() ? interface.outputs : interface.inputs)
        .push_back(std::move(v));
  }
  std::string kernelName = "mlc_" + options.tag + "_kernel";
  auto func = module.lookupSymbol<mlir::func::FuncOp>(funcName);
  if (!func)
    return error("the kernel module has no function " + funcName);
  func.setSymName(kernelName);
  DiagnosticCollector diagnostics(module.getContext());
  auto tm = cpu::createTargetMachine(options.target);
  if (!tm)
    return tm.takeError();
  if (llvm::Error e = runPipeline(module, cpu::vectorBits(**tm),
                                  options.target.convLayout, cpu::kKernelStage, "", diagnostics.text))
    return e;
  return finish(module, interface, kernelName, EmitKind::SharedLib, options,
                **tm, nullptr, diagnostics.text);
}

} // namespace mlc
