//===- FlattenConstantGlobals.cpp - 1-D constant memref.globals -----------===//
//
// Weights reach LLVM IR as 1-D arrays, one ConstantDataArray each, instead of
// nested arrays of uniqued rows (see FlattenConstantGlobalsPass in
// Passes.td). Outline:
// 1. Pick the constant globals of rank >= 2, static shape and identity
//    layout whose initial value is an ElementsAttr (dense or dense resource).
// 2. Give each the 1-D type and the same elements reshaped.
// 3. Rewrite every memref.get_global of it as a get_global of the 1-D global
//    and a memref.expand_shape to the type the users expect.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"

namespace mlc {
#define GEN_PASS_DEF_FLATTENCONSTANTGLOBALSPASS
#include "passes/Passes.h.inc"
} // namespace mlc

using namespace mlir;

namespace {

/// `value` with the 1-D type `type`, or null if its kind cannot be reshaped.
ElementsAttr reshapeElements(ElementsAttr value, ShapedType type) {
  if (auto dense = dyn_cast<DenseElementsAttr>(value))
    return dense.reshape(type);
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(value))
    return DenseResourceElementsAttr::get(type, resource.getRawHandle());
  return {};
}

struct FlattenConstantGlobalsPass
    : mlc::impl::FlattenConstantGlobalsPassBase<FlattenConstantGlobalsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    // 1-2. Flatten the globals; remember each one's original type.
    llvm::StringMap<MemRefType> flattened;
    for (auto global : module.getOps<memref::GlobalOp>()) {
      MemRefType type = global.getType();
      auto value =
          dyn_cast_or_null<ElementsAttr>(global.getConstantInitValue());
      if (!global.getConstant() || !value || type.getRank() < 2 ||
          !type.hasStaticShape() || !type.getLayout().isIdentity() ||
          type.getNumElements() == 0)
        continue;
      auto flatType =
          MemRefType::get({type.getNumElements()}, type.getElementType(),
                          AffineMap(), type.getMemorySpace());
      ElementsAttr flatValue = reshapeElements(
          value, RankedTensorType::get(flatType.getShape(),
                                       flatType.getElementType()));
      if (!flatValue)
        continue;
      global.setType(flatType);
      global.setInitialValueAttr(flatValue);
      flattened[global.getSymName()] = type;
    }
    if (flattened.empty())
      return;
    // 3. View each use in its original shape.
    SmallVector<ReassociationIndices, 1> allDims(1);
    module.walk([&](memref::GetGlobalOp get) {
      auto it = flattened.find(get.getName());
      if (it == flattened.end())
        return;
      MemRefType type = it->second;
      allDims[0].clear();
      for (int64_t d = 0; d < type.getRank(); ++d)
        allDims[0].push_back(d);
      OpBuilder b(get);
      auto flat = b.create<memref::GetGlobalOp>(
          get.getLoc(),
          MemRefType::get({type.getNumElements()}, type.getElementType(),
                          AffineMap(), type.getMemorySpace()),
          get.getName());
      auto view =
          b.create<memref::ExpandShapeOp>(get.getLoc(), type, flat, allDims);
      get.replaceAllUsesWith(view.getResult());
      get.erase();
    });
  }
};

} // namespace
