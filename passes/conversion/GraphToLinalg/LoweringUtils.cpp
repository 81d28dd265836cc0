//===- LoweringUtils.cpp - helpers for lowering graph ops to linalg --------===//

#include "passes/conversion/GraphToLinalg/LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/AffineMap.h"

using namespace mlir;

namespace mlc::lowering {

Type toSignless(Type type) {
  if (auto i = llvm::dyn_cast<IntegerType>(type))
    if (!i.isSignless())
      return IntegerType::get(type.getContext(), i.getWidth());
  return type;
}

GraphTypeConverter::GraphTypeConverter() {
  addConversion([](Type t) { return t; });
  addConversion([](RankedTensorType t) -> Type {
    return t.clone(toSignless(t.getElementType()));
  });
  addConversion([](UnrankedTensorType t) -> Type {
    return UnrankedTensorType::get(toSignless(t.getElementType()));
  });
  auto cast = [](OpBuilder &b, Type type, ValueRange inputs,
                 Location loc) -> std::optional<Value> {
    if (inputs.size() != 1)
      return std::nullopt;
    return b.create<UnrealizedConversionCastOp>(loc, type, inputs).getResult(0);
  };
  addSourceMaterialization(cast);
  addTargetMaterialization(cast);
  addArgumentMaterialization(cast);
}

FailureOr<RankedTensorType>
staticResultType(Operation *op, const TypeConverter &converter, unsigned i) {
  auto type = llvm::dyn_cast_or_null<RankedTensorType>(
      converter.convertType(op->getResult(i).getType()));
  if (!type || !type.hasStaticShape()) {
    op->emitError() << "the CPU backend needs static shapes; result #" << i
                    << " is " << op->getResult(i).getType()
                    << " (pin dynamic dimensions with --shape)";
    return failure();
  }
  return type;
}

FailureOr<Value> buildElementwise(OpBuilder &b, Location loc,
                                  RankedTensorType resultType,
                                  ValueRange operands, ScalarBody body) {
  int64_t rank = resultType.getRank();
  SmallVector<AffineMap> maps;
  for (Value v : operands) {
    auto t = llvm::dyn_cast<RankedTensorType>(v.getType());
    if (!t || !t.hasStaticShape() || t.getRank() > rank)
      return failure();
    SmallVector<AffineExpr> exprs;
    int64_t offset = rank - t.getRank();
    for (int64_t j = 0; j < t.getRank(); ++j) {
      if (t.getDimSize(j) == 1 && resultType.getDimSize(offset + j) != 1)
        exprs.push_back(b.getAffineConstantExpr(0));
      else
        exprs.push_back(b.getAffineDimExpr(offset + j));
    }
    maps.push_back(AffineMap::get(rank, 0, exprs, b.getContext()));
  }
  maps.push_back(b.getMultiDimIdentityMap(rank));
  Value init = b.create<tensor::EmptyOp>(loc, resultType.getShape(),
                                         resultType.getElementType());
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = b.create<linalg::GenericOp>(
      loc, TypeRange{resultType}, operands, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value r = body(nb, nloc, args.drop_back());
        nb.create<linalg::YieldOp>(nloc, r);
      });
  return generic.getResult(0);
}

Value scalarConstant(OpBuilder &b, Location loc, Type type, double v) {
  if (auto f = llvm::dyn_cast<FloatType>(type))
    return b.create<arith::ConstantOp>(loc, b.getFloatAttr(f, v));
  return b.create<arith::ConstantOp>(
      loc, b.getIntegerAttr(toSignless(type), (int64_t)v));
}

Value convertScalar(OpBuilder &b, Location loc, Value v, Type from, Type to) {
  Type target = toSignless(to);
  if (from == to)
    return v;
  auto fromInt = llvm::dyn_cast<IntegerType>(from);
  auto toInt = llvm::dyn_cast<IntegerType>(to);
  bool fromUnsigned = fromInt && (fromInt.isUnsigned() || fromInt.getWidth() == 1);
  if (toInt && toInt.getWidth() == 1) {
    Value zero = scalarConstant(b, loc, toSignless(from), 0);
    if (llvm::isa<FloatType>(from))
      return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNE, v, zero);
    return b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne, v, zero);
  }
  if (fromInt && toInt) {
    unsigned fw = fromInt.getWidth(), tw = toInt.getWidth();
    if (fw == tw)
      return v;
    if (fw > tw)
      return b.create<arith::TruncIOp>(loc, target, v);
    if (fromUnsigned)
      return b.create<arith::ExtUIOp>(loc, target, v);
    return b.create<arith::ExtSIOp>(loc, target, v);
  }
  if (fromInt && llvm::isa<FloatType>(to)) {
    if (fromUnsigned)
      return b.create<arith::UIToFPOp>(loc, target, v);
    return b.create<arith::SIToFPOp>(loc, target, v);
  }
  if (llvm::isa<FloatType>(from) && toInt) {
    if (toInt.isUnsigned())
      return b.create<arith::FPToUIOp>(loc, target, v);
    return b.create<arith::FPToSIOp>(loc, target, v);
  }
  auto ff = llvm::cast<FloatType>(from), tf = llvm::cast<FloatType>(to);
  if (ff.getWidth() < tf.getWidth())
    return b.create<arith::ExtFOp>(loc, target, v);
  return b.create<arith::TruncFOp>(loc, target, v);
}

} // namespace mlc::lowering

//===----------------------------------------------------------------------===//
// Elementwise category: ONNX Cast semantics
//===----------------------------------------------------------------------===//

namespace mlc::lowering {

/// float -> integer: truncates toward zero into 64 bits, then keeps the low
/// bits (the ONNX Cast tests: -9.0 -> uint4 gives 7). NaN gives 0; values
/// beyond 64 bits saturate there. Never produces poison.
static Value floatToInt(OpBuilder &b, Location loc, Value x, IntegerType to) {
  auto ft = llvm::cast<FloatType>(x.getType());
  if (ft.getWidth() < 32) {
    ft = b.getF32Type();
    x = b.create<arith::ExtFOp>(loc, ft, x);
  }
  Type i64 = b.getI64Type();
  auto cmp = [&](arith::CmpFPredicate p, double c) -> Value {
    return b.create<arith::CmpFOp>(loc, p, x, scalarConstant(b, loc, ft, c));
  };
  auto i64Const = [&](const APInt &v) -> Value {
    return b.create<arith::ConstantOp>(loc, b.getIntegerAttr(i64, v));
  };
  Value wide = b.create<arith::FPToSIOp>(loc, i64, x);
  wide =
      b.create<arith::SelectOp>(loc, cmp(arith::CmpFPredicate::OLT, -0x1p63),
                                i64Const(APInt::getSignedMinValue(64)), wide);
  Value big = i64Const(APInt::getSignedMaxValue(64));
  if (to.isUnsigned() && to.getWidth() == 64) {
    Value u = b.create<arith::FPToUIOp>(loc, i64, x);
    big = b.create<arith::SelectOp>(loc, cmp(arith::CmpFPredicate::OGE, 0x1p64),
                                    i64Const(APInt::getMaxValue(64)), u);
  }
  wide = b.create<arith::SelectOp>(loc, cmp(arith::CmpFPredicate::OGE, 0x1p63),
                                   big, wide);
  Value isNaN = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNO, x, x);
  wide = b.create<arith::SelectOp>(loc, isNaN, i64Const(APInt(64, 0)), wide);
  if (to.getWidth() == 64)
    return wide;
  return b.create<arith::TruncIOp>(loc, toSignless(to), wide);
}

Value castScalar(OpBuilder &b, Location loc, Value v, Type from, Type to) {
  if (from == to)
    return v;
  Type target = toSignless(to);
  Type f32 = b.getF32Type();
  auto fromF = llvm::dyn_cast<FloatType>(from);
  auto toF = llvm::dyn_cast<FloatType>(to);
  auto fromI = llvm::dyn_cast<IntegerType>(from);
  auto toI = llvm::dyn_cast<IntegerType>(to);
  if (fromF && fromF.getWidth() < 32) {
    // Half types go through f32 (exactly).
    v = b.create<arith::ExtFOp>(loc, f32, v);
    fromF = llvm::cast<FloatType>(f32);
    if (fromF == toF)
      return v;
  }
  if (toI && toI.getWidth() == 1) {
    Value zero = scalarConstant(b, loc, v.getType(), 0);
    if (fromF) // NaN is nonzero
      return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNE, v, zero);
    return b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne, v, zero);
  }
  if (fromI && toI) {
    unsigned fw = fromI.getWidth(), tw = toI.getWidth();
    if (fw == tw)
      return v;
    if (fw > tw)
      return b.create<arith::TruncIOp>(loc, target, v);
    if (fromI.isUnsigned() || fw == 1)
      return b.create<arith::ExtUIOp>(loc, target, v);
    return b.create<arith::ExtSIOp>(loc, target, v);
  }
  if (fromI) {
    // To a half type through f32 (exact up to 2^24, and f16 overflows
    // before that).
    Type mid = toF.getWidth() < 32 ? f32 : target;
    Value r = (fromI.isUnsigned() || fromI.getWidth() == 1)
                  ? (Value)b.create<arith::UIToFPOp>(loc, mid, v)
                  : (Value)b.create<arith::SIToFPOp>(loc, mid, v);
    if (mid != target)
      r = b.create<arith::TruncFOp>(loc, target, r);
    return r;
  }
  if (toI)
    return floatToInt(b, loc, v, toI);
  if (fromF.getWidth() < toF.getWidth())
    return b.create<arith::ExtFOp>(loc, target, v);
  if (fromF.getWidth() == 64 && toF.isBF16()) {
    // Through f32, as numpy (ml_dtypes) and the ONNX reference round (and
    // the C runtime may lack __truncdfbf2).
    v = b.create<arith::TruncFOp>(loc, f32, v);
  }
  return b.create<arith::TruncFOp>(loc, target, v);
}

} // namespace mlc::lowering
