//===- Pipeline.cpp - the compiler's pass pipelines and registrations ------===//

#include "compiler/Pipeline.h"
#include "codegen/cpu/Passes.h"
#include "dialects/graph/IR/GraphOps.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Transforms/Passes.h"

namespace mlc {

void registerDialects(mlir::DialectRegistry &registry) {
  registry.insert<graph::GraphDialect>();
  // The upstream dialects the pipelines lower through, with their external
  // models (bufferization, ...).
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
}

void registerPasses() {
  mlc::registerMLCPasses();
  mlc::cpu::registerMLCCpuPasses();
  mlir::registerAllPasses();
}

void buildGraphSimplificationPipeline(mlir::OpPassManager &pm) {
  mlir::OpPassManager &fpm = pm.nest<mlir::func::FuncOp>();
  fpm.addPass(createSimplifyGraphPass());
  fpm.addPass(mlir::createCSEPass());
  fpm.addPass(createSimplifyGraphPass());
}

} // namespace mlc
