//===- Elementwise.cpp - lowering of elementwise graph ops to linalg ------===//
//
// Every elementwise op becomes one linalg.generic over the broadcast operands
// whose body is the op's scalar computation; fusion passes merge chains
// later. Conventions of the bodies:
//   1. The graph element type (with its signedness) picks the arith op:
//      signed or unsigned integer ops, float ops.
//   2. f16 and bf16 are computed in f32 and rounded back once (`inFloat`):
//      libm has no half-precision functions, and one rounding of an f32
//      result is at least as accurate as numpy's per-step half rounding.
//   3. Integer division and remainder never trap: a zero divisor gives 0,
//      and INT_MIN / -1 wraps, as numpy does.
//   4. Clip, Dropout and Cast have their own patterns (bounds captured from
//      above the generic, two results, diagnostics for what the CPU backend
//      cannot do).
//
//===----------------------------------------------------------------------===//

#include "dialects/graph/IR/GraphOps.h"
#include "dialects/graph/IR/ShapeUtils.h"
#include "passes/conversion/GraphToLinalg/LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;

namespace mlc::lowering {
namespace {

bool isUnsigned(Type t) {
  auto i = llvm::dyn_cast<IntegerType>(t);
  return i && (i.isUnsigned() || i.getWidth() == 1);
}

bool isFloat(Type t) { return llvm::isa<FloatType>(t); }

/// Replaces `op` by the elementwise `result`; a generic whose body just
/// yields one of its inputs unchanged is dropped for that input (later
/// canonicalization would erase it anyway, after the pass has made sure that
/// no function result aliases an argument).
void replaceWithElementwise(ConversionPatternRewriter &rewriter, Operation *op,
                            Value result) {
  auto generic = result.getDefiningOp<linalg::GenericOp>();
  if (generic) {
    auto yield = llvm::cast<linalg::YieldOp>(
        generic.getRegion().front().getTerminator());
    auto arg = llvm::dyn_cast<BlockArgument>(yield.getOperand(0));
    if (arg && arg.getOwner() == &generic.getRegion().front() &&
        arg.getArgNumber() < generic.getNumDpsInputs()) {
      Value input = generic.getDpsInputs()[arg.getArgNumber()];
      if (input.getType() == result.getType()) {
        Operation *init = generic.getDpsInits()[0].getDefiningOp();
        rewriter.eraseOp(generic);
        if (init)
          rewriter.eraseOp(init);
        result = input;
      }
    }
  }
  rewriter.replaceOp(op, result);
}

/// Lowers OpTy elementwise; `Body` computes the scalar result from the op,
/// the graph element type of its first operand, and the scalar operands.
template <typename OpTy>
struct ElementwiseLowering : OpConversionPattern<OpTy> {
  using Body =
      std::function<Value(OpBuilder &, Location, OpTy, Type, ValueRange)>;
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
    FailureOr<Value> result =
        buildElementwise(rewriter, op.getLoc(), *type, adaptor.getOperands(),
                         [&](OpBuilder &b, Location loc, ValueRange args) {
                           return body(b, loc, op, elt, args);
                         });
    if (failed(result))
      return rewriter.notifyMatchFailure(op, "operands are not static");
    replaceWithElementwise(rewriter, op, *result);
    return success();
  }

  Body body;
};

template <typename OpTy, typename F>
void add(RewritePatternSet &patterns, const TypeConverter &converter, F f) {
  patterns.add<ElementwiseLowering<OpTy>>(
      converter, patterns.getContext(),
      typename ElementwiseLowering<OpTy>::Body(f));
}

//===----------------------------------------------------------------------===//
// Scalar helpers
//===----------------------------------------------------------------------===//

/// The type float `elt` is computed in: f32 for f16/bf16, else `elt`.
Type computeType(Type elt) {
  auto f = llvm::dyn_cast<FloatType>(elt);
  if (f && f.getWidth() < 32)
    return Float32Type::get(elt.getContext());
  return elt;
}

using FloatFn = llvm::function_ref<Value(Type, ValueRange)>;

/// Calls `fn` with the compute type of float `elt` and `args`, those of type
/// `elt` extended to it; a result of the compute type is rounded back to
/// `elt`.
Value inFloat(OpBuilder &b, Location loc, Type elt, ValueRange args,
              FloatFn fn) {
  Type ct = computeType(elt);
  SmallVector<Value, 4> ext;
  for (Value a : args)
    ext.push_back(ct != elt && a.getType() == elt
                      ? (Value)b.create<arith::ExtFOp>(loc, ct, a)
                      : a);
  Value r = fn(ct, ext);
  if (ct != elt && r.getType() == ct)
    r = b.create<arith::TruncFOp>(loc, elt, r);
  return r;
}

Value cst(OpBuilder &b, Location loc, Type type, double v) {
  return scalarConstant(b, loc, type, v);
}

/// Float op F or integer op I (signed SI / unsigned UI).
template <typename F, typename SI, typename UI = SI>
Value arith2(OpBuilder &b, Location loc, Type elt, ValueRange a) {
  if (isFloat(elt))
    return inFloat(b, loc, elt, a, [&](Type, ValueRange x) -> Value {
      return b.create<F>(loc, x[0], x[1]);
    });
  if (isUnsigned(elt))
    return b.create<UI>(loc, a[0], a[1]);
  return b.create<SI>(loc, a[0], a[1]);
}

Value compare(OpBuilder &b, Location loc, Type elt, ValueRange a,
              arith::CmpFPredicate f, arith::CmpIPredicate s,
              arith::CmpIPredicate u) {
  if (isFloat(elt))
    return inFloat(b, loc, elt, a, [&](Type, ValueRange x) -> Value {
      return b.create<arith::CmpFOp>(loc, f, x[0], x[1]);
    });
  return b.create<arith::CmpIOp>(loc, isUnsigned(elt) ? u : s, a[0], a[1]);
}

/// max/min of scalars of the (already computed-in) type `t`; `elt` gives the
/// integer signedness. Float max/min propagate NaN, as ONNX.
Value maxOf(OpBuilder &b, Location loc, Type elt, Value x, Value y) {
  if (isFloat(x.getType()))
    return b.create<arith::MaximumFOp>(loc, x, y);
  if (isUnsigned(elt))
    return b.create<arith::MaxUIOp>(loc, x, y);
  return b.create<arith::MaxSIOp>(loc, x, y);
}

Value minOf(OpBuilder &b, Location loc, Type elt, Value x, Value y) {
  if (isFloat(x.getType()))
    return b.create<arith::MinimumFOp>(loc, x, y);
  if (isUnsigned(elt))
    return b.create<arith::MinUIOp>(loc, x, y);
  return b.create<arith::MinSIOp>(loc, x, y);
}

/// Folds `combine` over all scalars, in the compute type for floats.
template <typename Combine>
Value foldAll(OpBuilder &b, Location loc, Type elt, ValueRange a,
              Combine combine) {
  auto fold = [&](ValueRange x) {
    Value r = x[0];
    for (Value v : x.drop_front())
      r = combine(r, v);
    return r;
  };
  if (isFloat(elt))
    return inFloat(b, loc, elt, a,
                   [&](Type, ValueRange x) -> Value { return fold(x); });
  return fold(a);
}

/// A float unary op computed in the compute type of `elt`.
template <typename Fn> auto floatUnary(Fn fn) {
  return
      [fn](OpBuilder &b, Location loc, auto, Type elt, ValueRange a) -> Value {
        return inFloat(b, loc, elt, a, [&](Type ct, ValueRange x) -> Value {
          return fn(b, loc, ct, x[0]);
        });
      };
}

template <typename MathOp> auto unaryMath() {
  return floatUnary([](OpBuilder &b, Location loc, Type, Value x) -> Value {
    return b.create<MathOp>(loc, x);
  });
}

/// x / y (integers): truncates toward zero; y == 0 gives 0 and, for signed
/// types, y == -1 gives -x (wrapping), so the division never traps.
Value intDiv(OpBuilder &b, Location loc, Type elt, Value x, Value y) {
  Type t = x.getType();
  Value zero = cst(b, loc, t, 0), one = cst(b, loc, t, 1);
  Value isZero =
      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, y, zero);
  if (isUnsigned(elt)) {
    Value safe = b.create<arith::SelectOp>(loc, isZero, one, y);
    Value q = b.create<arith::DivUIOp>(loc, x, safe);
    return b.create<arith::SelectOp>(loc, isZero, zero, q);
  }
  Value minusOne = cst(b, loc, t, -1);
  Value isMinusOne =
      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, y, minusOne);
  Value bad = b.create<arith::OrIOp>(loc, isZero, isMinusOne);
  Value safe = b.create<arith::SelectOp>(loc, bad, one, y);
  Value q = b.create<arith::DivSIOp>(loc, x, safe);
  Value negX = b.create<arith::SubIOp>(loc, zero, x);
  q = b.create<arith::SelectOp>(loc, isMinusOne, negX, q);
  return b.create<arith::SelectOp>(loc, isZero, zero, q);
}

/// x mod y. `fmod`: the sign of the dividend (C fmod); else the sign of the
/// divisor (Python %). Integers: y == 0 gives 0, and nothing traps.
Value modulo(OpBuilder &b, Location loc, Type elt, Value x, Value y,
             bool fmod) {
  if (isFloat(elt)) {
    return inFloat(b, loc, elt, {x, y}, [&](Type t, ValueRange a) -> Value {
      Value r = b.create<arith::RemFOp>(loc, a[0], a[1]);
      if (fmod)
        return r;
      // Python: a nonzero remainder takes the divisor's sign.
      Value zero = cst(b, loc, t, 0);
      Value rNeg =
          b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT, r, zero);
      Value yNeg =
          b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT, a[1], zero);
      Value rNonzero =
          b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::ONE, r, zero);
      Value fix = b.create<arith::AndIOp>(
          loc, rNonzero, b.create<arith::XOrIOp>(loc, rNeg, yNeg));
      return b.create<arith::SelectOp>(
          loc, fix, b.create<arith::AddFOp>(loc, r, a[1]), r);
    });
  }
  Type t = x.getType();
  Value zero = cst(b, loc, t, 0), one = cst(b, loc, t, 1);
  Value isZero =
      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, y, zero);
  if (isUnsigned(elt)) {
    Value safe = b.create<arith::SelectOp>(loc, isZero, one, y);
    Value r = b.create<arith::RemUIOp>(loc, x, safe);
    return b.create<arith::SelectOp>(loc, isZero, zero, r);
  }
  // y == -1 always leaves 0 (and INT_MIN % -1 traps on x86).
  Value isMinusOne = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, y,
                                             cst(b, loc, t, -1));
  Value bad = b.create<arith::OrIOp>(loc, isZero, isMinusOne);
  Value safe = b.create<arith::SelectOp>(loc, bad, one, y);
  Value r = b.create<arith::RemSIOp>(loc, x, safe);
  if (!fmod) {
    Value rNeg =
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, r, zero);
    Value yNeg =
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, safe, zero);
    Value rNonzero =
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne, r, zero);
    Value fix = b.create<arith::AndIOp>(
        loc, rNonzero, b.create<arith::XOrIOp>(loc, rNeg, yNeg));
    r = b.create<arith::SelectOp>(loc, fix,
                                  b.create<arith::AddIOp>(loc, r, safe), r);
  }
  return b.create<arith::SelectOp>(loc, bad, zero, r);
}

/// base ** e for integers by square-and-multiply over the bits of `e`
/// (unrolled and branch-free; wraps like numpy). A negative exponent gives
/// the truncated real result: 1 for base 1, +-1 for base -1, else 0.
Value intPow(OpBuilder &b, Location loc, Type baseElt, Value base, Type expElt,
             Value e) {
  Type bt = base.getType(), et = e.getType();
  unsigned width = et.getIntOrFloatBitWidth();
  bool signedExp = !isUnsigned(expElt);
  unsigned steps = signedExp ? width - 1 : width;
  Value eZero = cst(b, loc, et, 0);
  Value result = cst(b, loc, bt, 1), p = base;
  for (unsigned i = 0; i < steps; ++i) {
    Value mask = b.create<arith::ConstantOp>(
        loc, b.getIntegerAttr(et, APInt::getOneBitSet(width, i)));
    Value bit =
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne,
                                b.create<arith::AndIOp>(loc, e, mask), eZero);
    Value times = i == 0 ? p : b.create<arith::MulIOp>(loc, result, p);
    result = b.create<arith::SelectOp>(loc, bit, times, result);
    if (i + 1 < steps)
      p = b.create<arith::MulIOp>(loc, p, p);
  }
  if (!signedExp)
    return result;
  Value one = cst(b, loc, bt, 1), zero = cst(b, loc, bt, 0);
  Value isOne =
      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, base, one);
  Value neg = zero;
  if (!isUnsigned(baseElt)) {
    Value minusOne = cst(b, loc, bt, -1);
    Value isMinusOne =
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, base, minusOne);
    Value odd = b.create<arith::CmpIOp>(
        loc, arith::CmpIPredicate::ne,
        b.create<arith::AndIOp>(loc, e, cst(b, loc, et, 1)), eZero);
    Value sign = b.create<arith::SelectOp>(loc, odd, minusOne, one);
    neg = b.create<arith::SelectOp>(loc, isMinusOne, sign, zero);
  }
  neg = b.create<arith::SelectOp>(loc, isOne, one, neg);
  Value eNeg =
      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, e, eZero);
  return b.create<arith::SelectOp>(loc, eNeg, neg, result);
}

/// base ** n for integers and a constant n, by square-and-multiply.
Value intPowConst(OpBuilder &b, Location loc, Value base, uint64_t n) {
  Value result, p = base;
  while (n) {
    if (n & 1)
      result = result ? (Value)b.create<arith::MulIOp>(loc, result, p) : p;
    n >>= 1;
    if (n)
      p = b.create<arith::MulIOp>(loc, p, p);
  }
  return result ? result : cst(b, loc, base.getType(), 1);
}

/// ONNX Pow: the result has the base's element type. Integer bases with
/// integer exponents are exact (wrapping); anything involving a float is
/// computed with math.powf in f64 (a float base with a float exponent: in
/// the wider compute type of the two) and converted back as Cast would.
Value power(OpBuilder &b, Location loc, graph::PowOp op, Type baseElt,
            ValueRange a) {
  Type expElt = getElementTypeOrSelf(op.getRhs());
  // A constant exponent: x ** 2 (normalization layers) is x * x, and an
  // integer base takes only the multiplications the exponent needs.
  std::optional<SmallVector<double>> c = graph::getConstantFloats(op.getRhs());
  if (c && !c->empty() &&
      llvm::all_of(*c, [&](double v) { return v == c->front(); })) {
    double n = c->front();
    if (n == 2.0)
      return arith2<arith::MulFOp, arith::MulIOp>(b, loc, baseElt,
                                                  {a[0], a[0]});
    if (n == 1.0)
      return a[0];
    if (!isFloat(baseElt) && n >= 0 && n <= 0x1p53 && n == std::floor(n))
      return intPowConst(b, loc, a[0], (uint64_t)n);
  }
  if (!isFloat(baseElt) && !isFloat(expElt))
    return intPow(b, loc, baseElt, a[0], expElt, a[1]);
  Type f64 = b.getF64Type();
  Type ct = f64;
  if (isFloat(baseElt) && isFloat(expElt)) {
    Type cb = computeType(baseElt), ce = computeType(expElt);
    ct = cb.getIntOrFloatBitWidth() >= ce.getIntOrFloatBitWidth() ? cb : ce;
  }
  Value x = castScalar(b, loc, a[0], baseElt, ct);
  Value y = castScalar(b, loc, a[1], expElt, ct);
  Value r = b.create<math::PowFOp>(loc, x, y);
  return castScalar(b, loc, r, ct, baseElt);
}

/// log(1 + exp(x)) without overflow: max(x, 0) + log1p(exp(-|x|)).
Value softplus(OpBuilder &b, Location loc, Type t, Value x) {
  Value zero = cst(b, loc, t, 0);
  Value negAbs = b.create<arith::NegFOp>(loc, b.create<math::AbsFOp>(loc, x));
  Value l = b.create<math::Log1pOp>(loc, b.create<math::ExpOp>(loc, negAbs));
  return b.create<arith::AddFOp>(loc, b.create<arith::MaximumFOp>(loc, x, zero),
                                 l);
}

/// max(0, min(1, alpha * x + beta)).
Value hardSigmoid(OpBuilder &b, Location loc, Type t, Value x, double alpha,
                  double beta) {
  Value v = b.create<arith::AddFOp>(
      loc, b.create<arith::MulFOp>(loc, x, cst(b, loc, t, alpha)),
      cst(b, loc, t, beta));
  v = b.create<arith::MinimumFOp>(loc, v, cst(b, loc, t, 1));
  return b.create<arith::MaximumFOp>(loc, v, cst(b, loc, t, 0));
}

/// x < 0 ? slope * x : x.
Value leaky(OpBuilder &b, Location loc, Type elt, Value x, Value slope) {
  if (isFloat(elt))
    return inFloat(b, loc, elt, {x, slope}, [&](Type t, ValueRange a) -> Value {
      Value neg = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT, a[0],
                                          cst(b, loc, t, 0));
      return b.create<arith::SelectOp>(
          loc, neg, b.create<arith::MulFOp>(loc, a[1], a[0]), a[0]);
    });
  if (isUnsigned(elt))
    return x;
  Value neg = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, x,
                                      cst(b, loc, x.getType(), 0));
  return b.create<arith::SelectOp>(loc, neg,
                                   b.create<arith::MulIOp>(loc, slope, x), x);
}

Value gelu(OpBuilder &b, Location loc, Type t, Value x, bool tanhForm) {
  Value half = cst(b, loc, t, 0.5), one = cst(b, loc, t, 1);
  Value inner;
  if (tanhForm) {
    // tanh(sqrt(2 / pi) * (x + 0.044715 * x^3))
    Value x3 =
        b.create<arith::MulFOp>(loc, b.create<arith::MulFOp>(loc, x, x), x);
    Value s = b.create<arith::AddFOp>(
        loc, x, b.create<arith::MulFOp>(loc, x3, cst(b, loc, t, 0.044715)));
    inner = b.create<math::TanhOp>(
        loc,
        b.create<arith::MulFOp>(loc, s, cst(b, loc, t, std::sqrt(2.0 / M_PI))));
  } else {
    // erf(x / sqrt(2))
    inner = b.create<math::ErfOp>(
        loc, b.create<arith::MulFOp>(loc, x, cst(b, loc, t, M_SQRT1_2)));
  }
  Value hx = b.create<arith::MulFOp>(loc, half, x);
  return b.create<arith::MulFOp>(loc, hx,
                                 b.create<arith::AddFOp>(loc, one, inner));
}

//===----------------------------------------------------------------------===//
// Ops with their own patterns
//===----------------------------------------------------------------------===//

/// A scalar constant for bound attribute `attr` (of graph element type
/// `elt`).
Value boundConstant(OpBuilder &b, Location loc, TypedAttr attr) {
  if (auto i = llvm::dyn_cast<IntegerAttr>(attr))
    return b.create<arith::ConstantOp>(
        loc, b.getIntegerAttr(toSignless(i.getType()), i.getValue()));
  return b.create<arith::ConstantOp>(loc, attr);
}

/// The single element of a one-element tensor (a Clip bound operand).
Value extractScalar(OpBuilder &b, Location loc, Value t) {
  auto type = llvm::cast<RankedTensorType>(t.getType());
  SmallVector<Value> zeros(type.getRank(),
                           b.create<arith::ConstantIndexOp>(loc, 0));
  return b.create<tensor::ExtractOp>(loc, t, zeros);
}

/// Clip: min(max(x, lo), hi) (so lo > hi gives hi, as numpy.clip). Bounds
/// are constants (attributes) or scalars extracted from the bound operands
/// above the generic.
struct ClipLowering : OpConversionPattern<graph::ClipOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::ClipOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    Location loc = op.getLoc();
    Type elt = getElementTypeOrSelf(op.getInput());
    auto bound = [&](TypedAttr attr, Value graphOperand,
                     Value operand) -> Value {
      if (attr)
        return boundConstant(rewriter, loc, attr);
      if (graph::isNone(graphOperand))
        return nullptr;
      if (!llvm::isa<RankedTensorType>(operand.getType()))
        return nullptr;
      return extractScalar(rewriter, loc, operand);
    };
    Value lo =
        bound(op.getMinAttr(), op.getMinOperand(), adaptor.getMinOperand());
    Value hi =
        bound(op.getMaxAttr(), op.getMaxOperand(), adaptor.getMaxOperand());
    if ((!lo && !graph::isNone(op.getMinOperand())) ||
        (!hi && !graph::isNone(op.getMaxOperand())))
      return rewriter.notifyMatchFailure(op, "unranked bound operand");
    FailureOr<Value> result = buildElementwise(
        rewriter, loc, *type, adaptor.getInput(),
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          SmallVector<Value, 3> all = {args[0]};
          if (lo)
            all.push_back(lo);
          if (hi)
            all.push_back(hi);
          auto clamp = [&](ValueRange a) {
            Value v = a[0];
            unsigned i = 1;
            if (lo)
              v = maxOf(b, l, elt, v, a[i++]);
            if (hi)
              v = minOf(b, l, elt, v, a[i++]);
            return v;
          };
          if (isFloat(elt))
            return inFloat(b, l, elt, all,
                           [&](Type, ValueRange a) { return clamp(a); });
          return clamp(all);
        });
    if (failed(result))
      return rewriter.notifyMatchFailure(op, "operands are not static");
    replaceWithElementwise(rewriter, op, *result);
    return success();
  }
};

/// Dropout in inference: the output is the input and the mask all true.
/// Training mode (random dropout) is rejected with a diagnostic.
struct DropoutLowering : OpConversionPattern<graph::DropoutOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::DropoutOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!graph::isNone(op.getTrainingModeOperand()))
      return op.emitError(
          "dropout: training_mode must be known at compile time; the CPU "
          "backend lowers inference only (training_mode false)");
    bool training = op.getTrainingMode().value_or(false);
    if (training) {
      if (!graph::isNone(op.getRatioOperand()))
        return op.emitError(
            "dropout in training mode with a ratio unknown at compile time "
            "is not supported; the CPU backend lowers inference only");
      if (!op.getRatio() || !op.getRatio()->isZero())
        return op.emitError(
            "dropout in training mode (random masking) is not supported; the "
            "CPU backend lowers inference only (training_mode false or ratio "
            "0)");
    }
    FailureOr<RankedTensorType> maskType =
        staticResultType(op, *getTypeConverter(), 1);
    if (failed(maskType))
      return failure();
    Location loc = op.getLoc();
    Value init = rewriter.create<tensor::EmptyOp>(loc, maskType->getShape(),
                                                  maskType->getElementType());
    Value ones =
        rewriter.create<arith::ConstantOp>(loc, rewriter.getBoolAttr(true));
    Value mask = rewriter.create<linalg::FillOp>(loc, ones, init).getResult(0);
    Value output = adaptor.getData();
    Type outType = getTypeConverter()->convertType(op.getOutput().getType());
    if (output.getType() != outType)
      output = rewriter.create<tensor::CastOp>(loc, outType, output);
    rewriter.replaceOp(op, {output, mask});
    return success();
  }
};

bool isUnsupportedCastType(Type t) {
  if (auto f = llvm::dyn_cast<FloatType>(t))
    return f.getWidth() < 16;
  return false;
}

/// Cast with ONNX semantics (castScalar); float8 types are rejected.
struct CastLowering : OpConversionPattern<graph::CastOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::CastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type from = getElementTypeOrSelf(op.getInput());
    Type to = op.getTo();
    for (Type t : {from, to})
      if (isUnsupportedCastType(t))
        return op.emitError() << "cast from " << from << " to " << to
                              << ": the CPU backend does not support " << t;
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    FailureOr<Value> result =
        buildElementwise(rewriter, op.getLoc(), *type, adaptor.getInput(),
                         [&](OpBuilder &b, Location l, ValueRange a) {
                           return castScalar(b, l, a[0], from, to);
                         });
    if (failed(result))
      return rewriter.notifyMatchFailure(op, "operands are not static");
    replaceWithElementwise(rewriter, op, *result);
    return success();
  }
};

} // namespace

void populateElementwiseLoweringPatterns(const TypeConverter &converter,
                                         RewritePatternSet &patterns) {
  using namespace graph;
  // Binary arithmetic.
  add<AddOp>(patterns, converter,
             [](OpBuilder &b, Location l, auto, Type e, ValueRange a) {
               return arith2<arith::AddFOp, arith::AddIOp>(b, l, e, a);
             });
  add<SubOp>(patterns, converter,
             [](OpBuilder &b, Location l, auto, Type e, ValueRange a) {
               return arith2<arith::SubFOp, arith::SubIOp>(b, l, e, a);
             });
  add<MulOp>(patterns, converter,
             [](OpBuilder &b, Location l, auto, Type e, ValueRange a) {
               return arith2<arith::MulFOp, arith::MulIOp>(b, l, e, a);
             });
  add<DivOp>(patterns, converter,
             [](OpBuilder &b, Location l, auto, Type e, ValueRange a) {
               if (isFloat(e))
                 return arith2<arith::DivFOp, arith::DivSIOp>(b, l, e, a);
               return intDiv(b, l, e, a[0], a[1]);
             });
  add<ModOp>(patterns, converter,
             [](OpBuilder &b, Location l, ModOp op, Type e, ValueRange a) {
               return modulo(b, l, e, a[0], a[1], op.getFmod());
             });
  add<PowOp>(patterns, converter,
             [](OpBuilder &b, Location l, PowOp op, Type e, ValueRange a) {
               return power(b, l, op, e, a);
             });

  // Variadic.
  add<MaxOp>(patterns, converter,
             [](OpBuilder &b, Location l, auto, Type e, ValueRange a) {
               return foldAll(b, l, e, a, [&](Value x, Value y) {
                 return maxOf(b, l, e, x, y);
               });
             });
  add<MinOp>(patterns, converter,
             [](OpBuilder &b, Location l, auto, Type e, ValueRange a) {
               return foldAll(b, l, e, a, [&](Value x, Value y) {
                 return minOf(b, l, e, x, y);
               });
             });
  add<SumOp>(patterns, converter,
             [](OpBuilder &b, Location l, auto, Type e, ValueRange a) {
               return foldAll(b, l, e, a, [&](Value x, Value y) -> Value {
                 if (isFloat(x.getType()))
                   return b.create<arith::AddFOp>(l, x, y);
                 return b.create<arith::AddIOp>(l, x, y);
               });
             });
  add<MeanOp>(patterns, converter,
              [](OpBuilder &b, Location l, auto, Type e, ValueRange a) {
                return inFloat(b, l, e, a, [&](Type t, ValueRange x) -> Value {
                  Value s = x[0];
                  for (Value v : x.drop_front())
                    s = b.create<arith::AddFOp>(l, s, v);
                  if (x.size() == 1)
                    return s;
                  return b.create<arith::DivFOp>(l, s, cst(b, l, t, x.size()));
                });
              });

  // Comparisons and logic.
  add<EqualOp>(patterns, converter,
               [](OpBuilder &b, Location l, auto, Type e, ValueRange a) {
                 return compare(b, l, e, a, arith::CmpFPredicate::OEQ,
                                arith::CmpIPredicate::eq,
                                arith::CmpIPredicate::eq);
               });
  add<GreaterOp>(patterns, converter,
                 [](OpBuilder &b, Location l, auto, Type e, ValueRange a) {
                   return compare(b, l, e, a, arith::CmpFPredicate::OGT,
                                  arith::CmpIPredicate::sgt,
                                  arith::CmpIPredicate::ugt);
                 });
  add<LessOp>(patterns, converter,
              [](OpBuilder &b, Location l, auto, Type e, ValueRange a) {
                return compare(b, l, e, a, arith::CmpFPredicate::OLT,
                               arith::CmpIPredicate::slt,
                               arith::CmpIPredicate::ult);
              });
  add<AndOp>(patterns, converter,
             [](OpBuilder &b, Location l, auto, Type, ValueRange a) -> Value {
               return b.create<arith::AndIOp>(l, a[0], a[1]);
             });
  add<OrOp>(patterns, converter,
            [](OpBuilder &b, Location l, auto, Type, ValueRange a) -> Value {
              return b.create<arith::OrIOp>(l, a[0], a[1]);
            });
  add<NotOp>(patterns, converter,
             [](OpBuilder &b, Location l, auto, Type, ValueRange a) -> Value {
               Value one = b.create<arith::ConstantOp>(l, b.getBoolAttr(true));
               return b.create<arith::XOrIOp>(l, a[0], one);
             });
  add<IsNaNOp>(
      patterns, converter,
      [](OpBuilder &b, Location l, auto, Type e, ValueRange a) -> Value {
        return inFloat(b, l, e, a, [&](Type, ValueRange x) -> Value {
          return b.create<arith::CmpFOp>(l, arith::CmpFPredicate::UNO, x[0],
                                         x[0]);
        });
      });
  add<WhereOp>(patterns, converter,
               [](OpBuilder &b, Location l, auto, Type, ValueRange a) -> Value {
                 return b.create<arith::SelectOp>(l, a[0], a[1], a[2]);
               });

  // Unary ops on any numeric type.
  add<IdentityOp>(
      patterns, converter,
      [](OpBuilder &, Location, auto, Type, ValueRange a) { return a[0]; });
  add<ReluOp>(patterns, converter,
              [](OpBuilder &b, Location l, auto, Type e, ValueRange a) {
                if (isUnsigned(e))
                  return a[0];
                if (!isFloat(e))
                  return maxOf(b, l, e, a[0], cst(b, l, e, 0));
                return inFloat(b, l, e, a, [&](Type t, ValueRange x) {
                  return maxOf(b, l, e, x[0], cst(b, l, t, 0));
                });
              });
  add<NegOp>(patterns, converter,
             [](OpBuilder &b, Location l, auto, Type e, ValueRange a) -> Value {
               if (isFloat(e))
                 return b.create<arith::NegFOp>(l, a[0]); // a sign flip
               return b.create<arith::SubIOp>(l, cst(b, l, e, 0), a[0]);
             });
  add<AbsOp>(patterns, converter,
             [](OpBuilder &b, Location l, auto, Type e, ValueRange a) -> Value {
               if (isFloat(e))
                 return inFloat(b, l, e, a, [&](Type, ValueRange x) -> Value {
                   return b.create<math::AbsFOp>(l, x[0]);
                 });
               if (isUnsigned(e))
                 return a[0];
               return b.create<math::AbsIOp>(l, a[0]);
             });
  add<PReluOp>(patterns, converter,
               [](OpBuilder &b, Location l, PReluOp op, Type e, ValueRange a) {
                 Value slope = castScalar(
                     b, l, a[1], getElementTypeOrSelf(op.getSlope()), e);
                 return leaky(b, l, e, a[0], slope);
               });

  // Float unary math.
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
  add<ReciprocalOp>(
      patterns, converter,
      floatUnary([](OpBuilder &b, Location l, Type t, Value x) -> Value {
        return b.create<arith::DivFOp>(l, cst(b, l, t, 1), x);
      }));

  // Activations.
  add<SigmoidOp>(
      patterns, converter,
      floatUnary([](OpBuilder &b, Location l, Type t, Value x) -> Value {
        // 1 / (1 + exp(-x))
        Value one = cst(b, l, t, 1);
        Value ex = b.create<math::ExpOp>(l, b.create<arith::NegFOp>(l, x));
        return b.create<arith::DivFOp>(l, one,
                                       b.create<arith::AddFOp>(l, one, ex));
      }));
  add<SoftplusOp>(patterns, converter, floatUnary(softplus));
  add<MishOp>(
      patterns, converter,
      floatUnary([](OpBuilder &b, Location l, Type t, Value x) -> Value {
        Value sp = softplus(b, l, t, x);
        return b.create<arith::MulFOp>(l, x, b.create<math::TanhOp>(l, sp));
      }));
  add<HardSwishOp>(
      patterns, converter,
      floatUnary([](OpBuilder &b, Location l, Type t, Value x) -> Value {
        return b.create<arith::MulFOp>(l, x,
                                       hardSigmoid(b, l, t, x, 1.0 / 6.0, 0.5));
      }));
  add<HardSigmoidOp>(
      patterns, converter,
      [](OpBuilder &b, Location l, HardSigmoidOp op, Type e, ValueRange a) {
        double alpha = op.getAlpha().convertToDouble();
        double beta = op.getBeta().convertToDouble();
        return inFloat(b, l, e, a, [&](Type t, ValueRange x) {
          return hardSigmoid(b, l, t, x[0], alpha, beta);
        });
      });
  add<LeakyReluOp>(
      patterns, converter,
      [](OpBuilder &b, Location l, LeakyReluOp op, Type e, ValueRange a) {
        double alpha = op.getAlpha().convertToDouble();
        return inFloat(b, l, e, a, [&](Type t, ValueRange x) {
          return leaky(b, l, t, x[0], cst(b, l, t, alpha));
        });
      });
  add<GeluOp>(patterns, converter,
              [](OpBuilder &b, Location l, GeluOp op, Type e, ValueRange a) {
                bool tanhForm = op.getApproximate() == "tanh";
                return inFloat(b, l, e, a, [&](Type t, ValueRange x) {
                  return gelu(b, l, t, x[0], tanhForm);
                });
              });

  patterns.add<ClipLowering, DropoutLowering, CastLowering>(
      converter, patterns.getContext());
}

} // namespace mlc::lowering
