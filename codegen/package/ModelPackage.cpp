//===- ModelPackage.cpp - model.so and model.h around the compiled kernels -===//

#include "codegen/package/ModelPackage.h"

#include "mlc/model_abi.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

using llvm::Twine;

namespace mlc::package {

static llvm::Error error(const Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

std::string sanitizeTag(llvm::StringRef name) {
  std::string tag;
  for (char c : name)
    tag += (llvm::isAlnum(c) || c == '_') ? c : '_';
  if (tag.empty() || llvm::isDigit(tag[0]))
    tag = "_" + tag;
  return tag;
}

int32_t dtypeOf(mlir::Type t) {
  if (t.isF32()) return 1;
  if (t.isF16()) return 10;
  if (t.isF64()) return 11;
  if (t.isBF16()) return 16;
  auto i = llvm::dyn_cast<mlir::IntegerType>(t);
  if (!i)
    return 0;
  bool u = i.isUnsigned();
  switch (i.getWidth()) {
  case 1: return 9;
  case 8: return u ? 2 : 3;
  case 16: return u ? 4 : 5;
  case 32: return u ? 12 : 6;
  case 64: return u ? 13 : 7;
  default: return 0;
  }
}

static llvm::Expected<ValueInfo> valueInfo(mlir::Type type,
                                           mlir::DictionaryAttr attrs,
                                           unsigned index, bool input) {
  ValueInfo v;
  auto name = attrs ? attrs.getAs<mlir::StringAttr>("mlc.name") : nullptr;
  v.name = name ? name.str()
                : (input ? "input_" : "output_") + std::to_string(index);
  auto ranked = llvm::dyn_cast<mlir::RankedTensorType>(type);
  if (!ranked || !ranked.hasStaticShape()) {
    std::string text;
    llvm::raw_string_ostream(text) << type;
    return error(Twine(input ? "input" : "output") + " '" + v.name + "' is " +
                 text + ": the CPU backend needs static shapes (pin them "
                 "with --shape NAME:D0xD1x...)");
  }
  v.dtype = dtypeOf(ranked.getElementType());
  if (!v.dtype)
    return error("'" + v.name + "' has an element type apps cannot pass");
  v.shape.assign(ranked.getShape().begin(), ranked.getShape().end());
  return v;
}

llvm::Expected<ModelInterface> readInterface(mlir::func::FuncOp func,
                                             llvm::StringRef tag) {
  ModelInterface m;
  m.tag = tag.str();
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    auto v = valueInfo(func.getArgumentTypes()[i], func.getArgAttrDict(i), i,
                       true);
    if (!v)
      return v.takeError();
    m.inputs.push_back(std::move(*v));
  }
  for (unsigned i = 0; i < func.getNumResults(); ++i) {
    auto v = valueInfo(func.getResultTypes()[i], func.getResultAttrDict(i), i,
                       false);
    if (!v)
      return v.takeError();
    m.outputs.push_back(std::move(*v));
  }
  return m;
}

llvm::Error addDescriptor(llvm::Module &module, const ModelInterface &model,
                          llvm::StringRef kernelName) {
  llvm::LLVMContext &ctx = module.getContext();
  llvm::Function *kernel = module.getFunction(kernelName);
  // Inputs, outputs, the arena, the exec context.
  size_t numArgs = model.inputs.size() + model.outputs.size() + 2;
  if (!kernel || kernel->arg_size() != numArgs)
    return error("the compiled module has no kernel '" + kernelName +
                 "' taking " + Twine(numArgs) + " pointers");
  // Everything the module defines stays inside model.so.
  for (llvm::Function &f : module)
    if (!f.isDeclaration())
      f.setLinkage(llvm::GlobalValue::InternalLinkage);
  for (llvm::GlobalVariable &g : module.globals())
    if (!g.isDeclaration())
      g.setLinkage(llvm::GlobalValue::InternalLinkage);

  llvm::IRBuilder<> b(ctx);
  llvm::Type *i32 = b.getInt32Ty(), *i64 = b.getInt64Ty();
  llvm::PointerType *ptr = b.getPtrTy();
  std::string prefix = "mlc_" + model.tag + "_";

  // int32_t entry(void *const *inputs, void *const *outputs, void *arena,
  //               mlc_exec_ctx *ctx)
  auto *entryType = llvm::FunctionType::get(i32, {ptr, ptr, ptr, ptr}, false);
  auto *entry = llvm::Function::Create(entryType,
                                       llvm::GlobalValue::InternalLinkage,
                                       prefix + "entry", module);
  b.SetInsertPoint(llvm::BasicBlock::Create(ctx, "entry", entry));
  llvm::SmallVector<llvm::Value *> args;
  auto load = [&](llvm::Value *array, size_t count) {
    for (size_t i = 0; i < count; ++i)
      args.push_back(b.CreateLoad(
          ptr, b.CreateConstInBoundsGEP1_64(ptr, array, i)));
  };
  load(entry->getArg(0), model.inputs.size());
  load(entry->getArg(1), model.outputs.size());
  args.push_back(entry->getArg(2)); // the arena
  args.push_back(entry->getArg(3)); // the exec context
  b.CreateCall(kernel, args);
  b.CreateRet(b.getInt32(0));

  // The descriptor.
  auto *valueType = llvm::StructType::get(ctx, {ptr, i32, i32, ptr});
  auto values = [&](const std::vector<ValueInfo> &list,
                    llvm::StringRef what) -> llvm::Constant * {
    std::vector<llvm::Constant *> elems;
    for (auto [i, v] : llvm::enumerate(list)) {
      llvm::Constant *name = b.CreateGlobalStringPtr(
          v.name, prefix + what.str() + "_name_" + std::to_string(i), 0,
          &module);
      auto *shapeInit = llvm::ConstantDataArray::get(ctx, llvm::ArrayRef(v.shape));
      auto *shape = new llvm::GlobalVariable(
          module, shapeInit->getType(), true,
          llvm::GlobalValue::PrivateLinkage, shapeInit,
          prefix + what.str() + "_shape_" + std::to_string(i));
      elems.push_back(llvm::ConstantStruct::get(
          valueType, {name, b.getInt32(v.dtype), b.getInt32(v.shape.size()),
                      shape}));
    }
    auto *arrayType = llvm::ArrayType::get(valueType, elems.size());
    return new llvm::GlobalVariable(
        module, arrayType, true, llvm::GlobalValue::PrivateLinkage,
        llvm::ConstantArray::get(arrayType, elems), prefix + what.str() + "s");
  };
  auto *descType =
      llvm::StructType::get(ctx, {i32, ptr, i32, ptr, i32, ptr, i64, ptr});
  llvm::Constant *tag =
      b.CreateGlobalStringPtr(model.tag, prefix + "tag", 0, &module);
  auto *desc = new llvm::GlobalVariable(
      module, descType, true, llvm::GlobalValue::InternalLinkage,
      llvm::ConstantStruct::get(
          descType,
          {b.getInt32(MLC_ABI_VERSION), tag,
           b.getInt32(model.inputs.size()), values(model.inputs, "input"),
           b.getInt32(model.outputs.size()), values(model.outputs, "output"),
           b.getInt64(model.arenaBytes), entry}),
      prefix + "desc");

  // const mlc_model_desc *mlc_<tag>_model(void)
  auto *getter = llvm::Function::Create(
      llvm::FunctionType::get(ptr, {}, false),
      llvm::GlobalValue::ExternalLinkage, prefix + "model", module);
  b.SetInsertPoint(llvm::BasicBlock::Create(ctx, "entry", getter));
  b.CreateRet(desc);
  return llvm::Error::success();
}

static const char *dtypeName(int32_t d) {
  switch (d) {
  case 1: return "float32";
  case 2: return "uint8";
  case 3: return "int8";
  case 4: return "uint16";
  case 5: return "int16";
  case 6: return "int32";
  case 7: return "int64";
  case 9: return "bool";
  case 10: return "float16";
  case 11: return "float64";
  case 12: return "uint32";
  case 13: return "uint64";
  case 16: return "bfloat16";
  default: return "unknown";
  }
}

std::string modelHeader(const ModelInterface &m) {
  std::string text;
  llvm::raw_string_ostream os(text);
  std::string guard = "MLC_MODEL_" + llvm::StringRef(m.tag).upper() + "_H";
  os << "/* Generated by mlc-compile. The model '" << m.tag << "'.\n *\n";
  auto list = [&](const char *what, const std::vector<ValueInfo> &values) {
    os << " * " << what << ":\n";
    for (auto [i, v] : llvm::enumerate(values)) {
      os << " *   " << i << ": \"" << v.name << "\" " << dtypeName(v.dtype)
         << " [";
      llvm::interleave(v.shape, os, ",");
      os << "]\n";
    }
  };
  list("inputs", m.inputs);
  list("outputs", m.outputs);
  os << " *\n * Open it with mlc_model_open(mlc_" << m.tag
     << "_model(), &model); see <mlc/runtime.h>.\n */\n";
  os << "#ifndef " << guard << "\n#define " << guard << "\n\n";
  os << "#include <mlc/runtime.h>\n\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
  os << "#define MLC_" << llvm::StringRef(m.tag).upper() << "_NUM_INPUTS "
     << m.inputs.size() << "\n";
  os << "#define MLC_" << llvm::StringRef(m.tag).upper() << "_NUM_OUTPUTS "
     << m.outputs.size() << "\n\n";
  os << "/** The compiled model's descriptor, for mlc_model_open(). */\n";
  os << "const struct mlc_model_desc *mlc_" << m.tag << "_model(void);\n\n";
  os << "#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << guard << " */\n";
  return text;
}

llvm::Error linkSharedLibrary(llvm::StringRef objectPath,
                              llvm::StringRef runtimeArchive,
                              llvm::StringRef outputPath,
                              llvm::StringRef soname) {
  // The C++ driver knows where the system libraries are; lld links fast.
  std::string driver;
  for (const char *name : {"clang++-19", "clang++", "c++", "g++"}) {
    if (auto p = llvm::sys::findProgramByName(name)) {
      driver = *p;
      break;
    }
  }
  if (driver.empty())
    return error("no C++ compiler driver (clang++ or c++) found to link with");
  llvm::SmallString<128> script;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("mlc-exports", "map", script))
    return error("cannot create a temporary file: " + ec.message());
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(script, ec);
    os << "{\n  global: mlc_*;\n  local: *;\n};\n";
  }
  llvm::SmallVector<std::string> args = {
      driver, "-shared", "-o", outputPath.str(), objectPath.str(),
      // The whole runtime: apps call its API through model.so.
      "-Wl,--whole-archive", runtimeArchive.str(), "-Wl,--no-whole-archive",
      "-Wl,--version-script=" + script.str().str(),
      "-Wl,-soname," + soname.str(),
      "-Wl,-z,noexecstack", "-lm", "-lpthread"};
  bool haveLld = (bool)llvm::sys::findProgramByName("ld.lld") ||
                 (bool)llvm::sys::findProgramByName("ld.lld-19");
  if (haveLld && llvm::StringRef(driver).contains("clang"))
    args.push_back("-fuse-ld=lld");
  llvm::SmallVector<llvm::StringRef> refs(args.begin(), args.end());
  std::string message;
  llvm::SmallString<128> log;
  llvm::sys::fs::createTemporaryFile("mlc-link", "log", log);
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, log.str(),
                                                log.str()};
  int rc = llvm::sys::ExecuteAndWait(driver, refs, std::nullopt, redirects, 0,
                                     0, &message);
  std::string output;
  if (auto buffer = llvm::MemoryBuffer::getFile(log))
    output = (*buffer)->getBuffer().str();
  llvm::sys::fs::remove(script);
  llvm::sys::fs::remove(log);
  if (rc != 0)
    return error("linking " + outputPath + " failed (" + driver + "): " +
                 message + output);
  return llvm::Error::success();
}

} // namespace mlc::package
