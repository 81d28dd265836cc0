//===- mlc-opt.cpp - mlir-opt with MLC's dialects and passes ---------------===//

#include "compiler/Pipeline.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlc::registerDialects(registry);
  mlc::registerPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "MLC optimizer driver\n", registry));
}
