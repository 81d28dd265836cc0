//===- Elementwise.cpp - lowering of elementwise graph ops to linalg -------===//
//
// Every elementwise op becomes one linalg.generic over the broadcast operands
// whose body is the op's scalar computation; fusion passes merge chains
// later.
//
//===----------------------------------------------------------------------===//

#include "dialects/graph/IR/GraphOps.h"
#include "passes/conversion/GraphToLinalg/LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;

namespace mlc::lowering {
namespace {

bool isUnsigned(Type t) {
  auto i = llvm::dyn_cast<IntegerType>(t);
  return i && (i.isUnsigned() || i.getWidth() == 1);
}

/// Lowers OpTy elementwise; `Body` computes the scalar result from the op,
/// the graph element type of its first operand, and the scalar operands.
template <typename OpTy>
struct ElementwiseLowering : OpConversionPattern<OpTy> {
  using Body = std::function<Value(OpBuilder &, Location, OpTy, Type,
                                   ValueRange)>;
  ElementwiseLowering(const TypeConverter &converter, MLIRContext *ctx,
                      Body body)
      : OpConversionPattern<OpTy>(converter, ctx), body(std::move(body)) {}

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *this->getTypeConverter());
    if (failed(type))
      return failure();
    Type elt = getElementTypeOrSelf(op->getOperand(0));
    FailureOr<Value> result = buildElementwise(
        rewriter, op.getLoc(), *type, adaptor.getOperands(),
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return body(b, loc, op, elt, args);
        });
    if (failed(result))
      return rewriter.notifyMatchFailure(op, "operands are not static");
    rewriter.replaceOp(op, *result);
    return success();
  }

  Body body;
};

template <typename OpTy, typename F>
void add(RewritePatternSet &patterns, const TypeConverter &converter, F f) {
  patterns.add<ElementwiseLowering<OpTy>>(converter, patterns.getContext(),
                                          typename ElementwiseLowering<OpTy>::Body(f));
}

/// Float op F or integer op I (signed SI / unsigned UI).
template <typename F, typename SI, typename UI = SI>
Value arith2(OpBuilder &b, Location loc, Type elt, ValueRange a) {
  if (llvm::isa<FloatType>(elt))
    return b.create<F>(loc, a[0], a[1]);
  if (isUnsigned(elt))
    return b.create<UI>(loc, a[0], a[1]);
  return b.create<SI>(loc, a[0], a[1]);
}

Value compare(OpBuilder &b, Location loc, Type elt, ValueRange a,
              arith::CmpFPredicate f, arith::CmpIPredicate s,
              arith::CmpIPredicate u) {
  if (llvm::isa<FloatType>(elt))
    return b.create<arith::CmpFOp>(loc, f, a[0], a[1]);
  return b.create<arith::CmpIOp>(loc, isUnsigned(elt) ? u : s, a[0], a[1]);
}

Value maxOf(OpBuilder &b, Location loc, Type elt, Value x, Value y) {
  if (llvm::isa<FloatType>(elt))
    return b.create<arith::MaximumFOp>(loc, x, y); // NaN-propagating, as ONNX
  if (isUnsigned(elt))
    return b.create<arith::MaxUIOp>(loc, x, y);
  return b.create<arith::MaxSIOp>(loc, x, y);
}

Value minOf(OpBuilder &b, Location loc, Type elt, Value x, Value y) {
  if (llvm::isa<FloatType>(elt))
    return b.create<arith::MinimumFOp>(loc, x, y);
  if (isUnsigned(elt))
    return b.create<arith::MinUIOp>(loc, x, y);
  return b.create<arith::MinSIOp>(loc, x, y);
}

template <typename MathOp>
auto unaryMath() {
  return [](OpBuilder &b, Location loc, auto, Type, ValueRange a) -> Value {
    return b.create<MathOp>(loc, a[0]);
  };
}

} // namespace

void populateElementwiseLoweringPatterns(const TypeConverter &converter,
                                         RewritePatternSet &patterns) {
  using namespace graph;
  add<AddOp>(patterns, converter, [](OpBuilder &b, Location l, auto, Type e,
                                     ValueRange a) {
    return arith2<arith::AddFOp, arith::AddIOp>(b, l, e, a);
  });
  add<SubOp>(patterns, converter, [](OpBuilder &b, Location l, auto, Type e,
                                     ValueRange a) {
    return arith2<arith::SubFOp, arith::SubIOp>(b, l, e, a);
  });
  add<MulOp>(patterns, converter, [](OpBuilder &b, Location l, auto, Type e,
                                     ValueRange a) {
    return arith2<arith::MulFOp, arith::MulIOp>(b, l, e, a);
  });
  add<DivOp>(patterns, converter, [](OpBuilder &b, Location l, auto, Type e,
                                     ValueRange a) {
    return arith2<arith::DivFOp, arith::DivSIOp, arith::DivUIOp>(b, l, e, a);
  });
  add<MaxOp>(patterns, converter, [](OpBuilder &b, Location l, auto, Type e,
                                     ValueRange a) {
    Value r = a[0];
    for (Value v : a.drop_front())
      r = maxOf(b, l, e, r, v);
    return r;
  });
  add<MinOp>(patterns, converter, [](OpBuilder &b, Location l, auto, Type e,
                                     ValueRange a) {
    Value r = a[0];
    for (Value v : a.drop_front())
      r = minOf(b, l, e, r, v);
    return r;
  });
  add<SumOp>(patterns, converter, [](OpBuilder &b, Location l, auto, Type e,
                                     ValueRange a) {
    Value r = a[0];
    for (Value v : a.drop_front())
      r = llvm::isa<FloatType>(e) ? (Value)b.create<arith::AddFOp>(l, r, v)
                                  : (Value)b.create<arith::AddIOp>(l, r, v);
    return r;
  });
  add<EqualOp>(patterns, converter, [](OpBuilder &b, Location l, auto, Type e,
                                       ValueRange a) {
    return compare(b, l, e, a, arith::CmpFPredicate::OEQ,
                   arith::CmpIPredicate::eq, arith::CmpIPredicate::eq);
  });
  add<GreaterOp>(patterns, converter, [](OpBuilder &b, Location l, auto,
                                         Type e, ValueRange a) {
    return compare(b, l, e, a, arith::CmpFPredicate::OGT,
                   arith::CmpIPredicate::sgt, arith::CmpIPredicate::ugt);
  });
  add<LessOp>(patterns, converter, [](OpBuilder &b, Location l, auto, Type e,
                                      ValueRange a) {
    return compare(b, l, e, a, arith::CmpFPredicate::OLT,
                   arith::CmpIPredicate::slt, arith::CmpIPredicate::ult);
  });
  add<AndOp>(patterns, converter, [](OpBuilder &b, Location l, auto, Type,
                                     ValueRange a) -> Value {
    return b.create<arith::AndIOp>(l, a[0], a[1]);
  });
  add<OrOp>(patterns, converter, [](OpBuilder &b, Location l, auto, Type,
                                    ValueRange a) -> Value {
    return b.create<arith::OrIOp>(l, a[0], a[1]);
  });
  add<NotOp>(patterns, converter, [](OpBuilder &b, Location l, auto, Type,
                                     ValueRange a) -> Value {
    Value one = b.create<arith::ConstantOp>(l, b.getBoolAttr(true));
    return b.create<arith::XOrIOp>(l, a[0], one);
  });
  add<WhereOp>(patterns, converter, [](OpBuilder &b, Location l, auto, Type,
                                       ValueRange a) -> Value {
    return b.create<arith::SelectOp>(l, a[0], a[1], a[2]);
  });
  add<IdentityOp>(patterns, converter,
                  [](OpBuilder &, Location, auto, Type, ValueRange a) {
                    return a[0];
                  });
  add<ReluOp>(patterns, converter, [](OpBuilder &b, Location l, auto, Type e,
                                      ValueRange a) {
    if (isUnsigned(e))
      return a[0];
    return maxOf(b, l, e, a[0], scalarConstant(b, l, e, 0));
  });
  add<NegOp>(patterns, converter, [](OpBuilder &b, Location l, auto, Type e,
                                     ValueRange a) -> Value {
    if (llvm::isa<FloatType>(e))
      return b.create<arith::NegFOp>(l, a[0]);
    return b.create<arith::SubIOp>(l, scalarConstant(b, l, e, 0), a[0]);
  });
  add<AbsOp>(patterns, converter, [](OpBuilder &b, Location l, auto, Type e,
                                     ValueRange a) -> Value {
    if (llvm::isa<FloatType>(e))
      return b.create<math::AbsFOp>(l, a[0]);
    if (isUnsigned(e))
      return a[0];
    return b.create<math::AbsIOp>(l, a[0]);
  });
  add<ExpOp>(patterns, converter, unaryMath<math::ExpOp>());
  add<LogOp>(patterns, converter, unaryMath<math::LogOp>());
  add<SqrtOp>(patterns, converter, unaryMath<math::SqrtOp>());
  add<TanhOp>(patterns, converter, unaryMath<math::TanhOp>());
  add<ErfOp>(patterns, converter, unaryMath<math::ErfOp>());
  add<SinOp>(patterns, converter, unaryMath<math::SinOp>());
  add<CosOp>(patterns, converter, unaryMath<math::CosOp>());
  add<CeilOp>(patterns, converter, unaryMath<math::CeilOp>());
  add<FloorOp>(patterns, converter, unaryMath<math::FloorOp>());
  add<RoundOp>(patterns, converter, unaryMath<math::RoundEvenOp>());
  add<ReciprocalOp>(patterns, converter, [](OpBuilder &b, Location l, auto,
                                            Type e, ValueRange a) -> Value {
    return b.create<arith::DivFOp>(l, scalarConstant(b, l, e, 1), a[0]);
  });
  add<SigmoidOp>(patterns, converter, [](OpBuilder &b, Location l, auto,
                                         Type e, ValueRange a) -> Value {
    // 1 / (1 + exp(-x))
    Value one = scalarConstant(b, l, e, 1);
    Value ex = b.create<math::ExpOp>(l, b.create<arith::NegFOp>(l, a[0]));
    return b.create<arith::DivFOp>(l, one, b.create<arith::AddFOp>(l, one, ex));
  });
  add<CastOp>(patterns, converter, [](OpBuilder &b, Location l, CastOp op,
                                      Type e, ValueRange a) {
    return convertScalar(b, l, a[0], e, op.getTo());
  });
}

} // namespace mlc::lowering
