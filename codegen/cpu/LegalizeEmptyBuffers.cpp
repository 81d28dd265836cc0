//===- LegalizeEmptyBuffers.cpp - zero-element kernel arguments -----------===//
//
// Kernel arguments that are memrefs without elements become memref<0xi8>
// (see Passes.td): the bare-pointer calling convention cannot express their
// types, and nothing is ever loaded from or stored to them.
//
//===----------------------------------------------------------------------===//

#include "codegen/cpu/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"

namespace mlc::cpu {
#define GEN_PASS_DEF_LEGALIZEEMPTYBUFFERSPASS
#include "codegen/cpu/Passes.h.inc"
} // namespace mlc::cpu

using namespace mlir;

namespace mlc::cpu {
namespace {

struct LegalizeEmptyBuffersPass
    : impl::LegalizeEmptyBuffersPassBase<LegalizeEmptyBuffersPass> {
  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isPrivate() || func.isExternal())
        continue;
      Block &entry = func.getBody().front();
      auto bytes = MemRefType::get({0}, IntegerType::get(&getContext(), 8));
      OpBuilder b = OpBuilder::atBlockBegin(&entry);
      bool changed = false;
      for (BlockArgument arg : entry.getArguments()) {
        auto type = dyn_cast<MemRefType>(arg.getType());
        if (!type || !type.hasStaticShape() || type.getNumElements() != 0 ||
            type == bytes)
          continue;
        if (!type.getLayout().isIdentity()) {
          func.emitError("a kernel argument without elements has a "
                         "non-identity layout: ")
              << type;
          return signalPassFailure();
        }
        auto stand = b.create<memref::AllocaOp>(
            arg.getLoc(),
            MemRefType::get(type.getShape(), type.getElementType()));
        arg.replaceAllUsesWith(stand);
        arg.setType(bytes);
        changed = true;
      }
      if (changed)
        func.setType(FunctionType::get(&getContext(),
                                       entry.getArgumentTypes(),
                                       func.getResultTypes()));
    }
  }
};

} // namespace
} // namespace mlc::cpu
