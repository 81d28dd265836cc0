//===- Pipeline.cpp - the compiler's pass pipelines and registrations ------===//

#include "compiler/Pipeline.h"
#include "dialects/graph/IR/GraphOps.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

namespace mlc {

void registerDialects(mlir::DialectRegistry &registry) {
  registry.insert<graph::GraphDialect, mlir::func::FuncDialect>();
}

void registerPasses() { mlc::registerMLCPasses(); }

void buildGraphSimplificationPipeline(mlir::OpPassManager &pm) {
  mlir::OpPassManager &fpm = pm.nest<mlir::func::FuncOp>();
  fpm.addPass(createSimplifyGraphPass());
  fpm.addPass(mlir::createCSEPass());
  fpm.addPass(createSimplifyGraphPass());
}

} // namespace mlc
