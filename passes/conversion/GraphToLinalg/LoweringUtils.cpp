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
