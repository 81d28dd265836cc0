//===- ElementwiseOps.cpp - elementwise graph ops --------------------------===//

#include "dialects/graph/IR/FoldUtils.h"
#include "dialects/graph/IR/GraphOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/APSInt.h"

using namespace mlir;
using namespace mlc::graph;

#define GET_OP_CLASSES
#include "dialects/graph/IR/ElementwiseOps.cpp.inc"

void GraphDialect::registerElementwiseOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/graph/IR/ElementwiseOps.cpp.inc"
      >();
}

/// Folds a binary integer op over small constants (the shape arithmetic of
/// exported models); `fn` returns std::nullopt to decline (e.g. division by
/// zero).
static Attribute
foldIntBinary(Operation *op, ArrayRef<Attribute> operands,
              llvm::function_ref<std::optional<APInt>(const APInt &,
                                                      const APInt &)>
                  fn) {
  if (!llvm::isa<IntegerType>(getElementTypeOrSelf(op->getResult(0))))
    return nullptr;
  return foldBroadcastElementwise(
      operands, op->getResult(0).getType(),
      [&](ArrayRef<Attribute> args) -> Attribute {
        auto a = llvm::cast<IntegerAttr>(args[0]);
        auto b = llvm::cast<IntegerAttr>(args[1]);
        std::optional<APInt> r = fn(a.getValue(), b.getValue());
        if (!r)
          return nullptr;
        return IntegerAttr::get(a.getType(), *r);
      });
}

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  return foldIntBinary(*this, adaptor.getOperands(),
                       [](const APInt &a, const APInt &b) { return a + b; });
}

//===----------------------------------------------------------------------===//
// CastOp
//===----------------------------------------------------------------------===//

LogicalResult CastOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  types.push_back(makeTensorType(shapeOf(getInput()), getTo()));
  return success();
}

OpFoldResult CastOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  DenseElementsAttr in = getFoldableElements(adaptor.getInput());
  auto type = llvm::dyn_cast<RankedTensorType>(getType());
  if (!in || !type || !type.hasStaticShape())
    return nullptr;
  Type from = in.getElementType(), to = type.getElementType();
  auto fromInt = llvm::dyn_cast<IntegerType>(from);
  auto toInt = llvm::dyn_cast<IntegerType>(to);
  if (fromInt && toInt) {
    bool isSigned = !fromInt.isUnsigned() && fromInt.getWidth() != 1;
    return in.mapValues(to, [&](const APInt &v) {
      if (toInt.getWidth() == 1)
        return APInt(1, !v.isZero());
      return isSigned ? v.sextOrTrunc(toInt.getWidth())
                      : v.zextOrTrunc(toInt.getWidth());
    });
  }
  if (fromInt && llvm::isa<FloatType>(to)) {
    bool isSigned = !fromInt.isUnsigned() && fromInt.getWidth() != 1;
    SmallVector<APFloat> out;
    for (const APInt &v : in.getValues<APInt>()) {
      APFloat f(llvm::cast<FloatType>(to).getFloatSemantics());
      f.convertFromAPInt(v, isSigned, APFloat::rmNearestTiesToEven);
      out.push_back(f);
    }
    return DenseElementsAttr::get(type, out);
  }
  if (llvm::isa<FloatType>(from) && toInt && toInt.getWidth() > 1) {
    SmallVector<APInt> out;
    for (APFloat v : in.getValues<APFloat>()) {
      if (!v.isFinite())
        return nullptr;
      APSInt r(toInt.getWidth(), toInt.isUnsigned());
      bool exact;
      v.convertToInteger(r, APFloat::rmTowardZero, &exact);
      out.push_back(r);
    }
    return DenseElementsAttr::get(type, out);
  }
  return nullptr;
}
