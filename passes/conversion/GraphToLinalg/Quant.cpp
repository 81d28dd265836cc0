//===- Quant.cpp - lowering of the quantization graph ops -----------------===//
//
// (De)quantization is one elementwise linalg.generic whose scale and zero
// point are read per tensor, per axis or per block through its indexing
// maps; DynamicQuantizeLinear reduces the range first. The integer and
// QLinear matmuls and convolutions subtract the zero points into i32
// tensors, multiply them in i32 (buildMatMul; a linalg conv below), and the
// QLinear ones requantize the i32 result in f64, as ONNX's reference does
// (numpy promotes int32 * float to float64).
//
//===----------------------------------------------------------------------===//

#include "dialects/graph/IR/GraphOps.h"
#include "passes/conversion/GraphToLinalg/LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace mlc::lowering {
namespace {

bool isUnsignedInt(Type t) {
  auto i = llvm::dyn_cast<IntegerType>(t);
  return i && (i.isUnsigned() || i.getWidth() == 1);
}

Value zeroFilled(OpBuilder &b, Location loc, RankedTensorType type) {
  Value init =
      b.create<tensor::EmptyOp>(loc, type.getShape(), type.getElementType());
  Value zero = scalarConstant(b, loc, type.getElementType(), 0);
  return b.create<linalg::FillOp>(loc, zero, init).getResult(0);
}

RankedTensorType staticType(Value v) {
  auto t = llvm::dyn_cast<RankedTensorType>(v.getType());
  return t && t.hasStaticShape() ? t : RankedTensorType();
}

/// The wider of two float types.
Type widerFloat(Type a, Type b) {
  return llvm::cast<FloatType>(a).getWidth() >=
                 llvm::cast<FloatType>(b).getWidth()
             ? a
             : b;
}

/// The float type numpy computes `x / scale` in for x of graph element type
/// `x` and a float scale.
Type divisionType(Type x, Type scale) {
  if (llvm::isa<FloatType>(x))
    return widerFloat(x, scale);
  unsigned w = llvm::cast<IntegerType>(x).getWidth();
  MLIRContext *ctx = x.getContext();
  Type f = w <= 8    ? (Type)Float16Type::get(ctx)
           : w <= 16 ? (Type)Float32Type::get(ctx)
                     : (Type)Float64Type::get(ctx);
  return widerFloat(f, scale);
}

/// Rounds `v` (a float) half to even, adds the zero point `zp` (graph type
/// `out`, or null), saturates to `out`'s range and converts to `out`.
Value requantize(OpBuilder &b, Location loc, Value v, Value zp, Type out) {
  auto ft = llvm::cast<FloatType>(v.getType());
  v = b.create<math::RoundEvenOp>(loc, v);
  Type wide = ft.getWidth() >= 32 ? (Type)ft : b.getF32Type();
  if (wide != ft)
    v = b.create<arith::ExtFOp>(loc, wide, v);
  if (zp)
    v = b.create<arith::AddFOp>(loc, v, convertScalar(b, loc, zp, out, wide));
  auto it = llvm::cast<IntegerType>(out);
  unsigned w = it.getWidth();
  bool isUnsigned = isUnsignedInt(out);
  APInt lo = isUnsigned ? APInt::getMinValue(w) : APInt::getSignedMinValue(w);
  APInt hi = isUnsigned ? APInt::getMaxValue(w) : APInt::getSignedMaxValue(w);
  double qmin =
      isUnsigned ? (double)lo.getZExtValue() : (double)lo.getSExtValue();
  double qmax =
      isUnsigned ? (double)hi.getZExtValue() : (double)hi.getSExtValue();
  // maxnumf / minnumf: NaN saturates to qmin, as the reference's int32 cast.
  v = b.create<arith::MaxNumFOp>(loc, v, scalarConstant(b, loc, wide, qmin));
  v = b.create<arith::MinNumFOp>(loc, v, scalarConstant(b, loc, wide, qmax));
  Type signless = toSignless(out);
  if (w >= 32)
    return b.create<arith::FPToSIOp>(loc, signless, v);
  Value i = b.create<arith::FPToSIOp>(loc, b.getI32Type(), v);
  return b.create<arith::TruncIOp>(loc, signless, i);
}

/// The indexing map, over the loops of a rank-`rank` tensor x, of the scale
/// or zero point `p` of a (de)quantization: per tensor (one element), per
/// axis (1-D along `axis`) or blocked (x's rank, axis index / block size).
FailureOr<AffineMap> quantParamMap(Operation *op, RankedTensorType p,
                                   RankedTensorType x, int64_t axis,
                                   int64_t blockSize) {
  MLIRContext *ctx = op->getContext();
  int64_t rank = x.getRank();
  if (blockSize == 0 && p.getNumElements() == 1)
    return AffineMap::get(
        rank, 0,
        SmallVector<AffineExpr>(p.getRank(), getAffineConstantExpr(0, ctx)),
        ctx);
  if (axis < 0 || axis >= rank)
    return op->emitError() << "quantization axis " << axis
                           << " is out of range";
  if (blockSize == 0) {
    if (p.getRank() != 1 || p.getDimSize(0) != x.getDimSize(axis))
      return op->emitError()
             << "per-axis scale " << p << " does not match axis " << axis;
    return AffineMap::get(rank, 0, getAffineDimExpr(axis, ctx), ctx);
  }
  if (p.getRank() != rank)
    return op->emitError() << "blocked scale " << p
                           << " does not have the input's rank";
  SmallVector<AffineExpr> exprs;
  for (int64_t i = 0; i < rank; ++i)
    exprs.push_back(i == axis ? getAffineDimExpr(i, ctx).floorDiv(blockSize)
                              : getAffineDimExpr(i, ctx));
  return AffineMap::get(rank, 0, exprs, ctx);
}

/// A linalg.generic over `resultType` (static) with `inputs` read through
/// `maps` (the output's map is the identity) and scalar body `body`.
Value buildGeneric(
    OpBuilder &b, Location loc, RankedTensorType resultType, ValueRange inputs,
    ArrayRef<AffineMap> maps,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  SmallVector<AffineMap> all(maps);
  all.push_back(
      AffineMap::getMultiDimIdentityMap(resultType.getRank(), b.getContext()));
  Value init = b.create<tensor::EmptyOp>(loc, resultType.getShape(),
                                         resultType.getElementType());
  SmallVector<utils::IteratorType> iterators(resultType.getRank(),
                                             utils::IteratorType::parallel);
  return b
      .create<linalg::GenericOp>(
          loc, TypeRange{resultType}, inputs, ValueRange{init}, all, iterators,
          [&](OpBuilder &nb, Location nl, ValueRange args) {
            nb.create<linalg::YieldOp>(nl, body(nb, nl, args.drop_back()));
          })
      .getResult(0);
}

/// An all-constant map reading the one element of `p` over `rank` loops.
AffineMap scalarMap(RankedTensorType p, int64_t rank, MLIRContext *ctx) {
  return AffineMap::get(
      rank, 0,
      SmallVector<AffineExpr>(p.getRank(), getAffineConstantExpr(0, ctx)), ctx);
}

/// ext(x) - ext(zp) as an i32 tensor of x's shape; `zp` (converted) is read
/// through `zpMap` and may be null.
Value subtractZeroPoint(OpBuilder &b, Location loc, Value x, Type xElt,
                        Value zp, AffineMap zpMap) {
  auto xt = llvm::cast<RankedTensorType>(x.getType());
  auto type = RankedTensorType::get(xt.getShape(), b.getI32Type());
  SmallVector<Value> inputs = {x};
  SmallVector<AffineMap> maps = {
      AffineMap::getMultiDimIdentityMap(xt.getRank(), b.getContext())};
  if (zp) {
    inputs.push_back(zp);
    maps.push_back(zpMap);
  }
  Type i32 = b.getI32Type();
  return buildGeneric(b, loc, type, inputs, maps,
                      [&](OpBuilder &nb, Location nl, ValueRange args) {
                        Value v = convertScalar(nb, nl, args[0], xElt, i32);
                        if (args.size() > 1)
                          v = nb.create<arith::SubIOp>(
                              nl, v, convertScalar(nb, nl, args[1], xElt, i32));
                        return v;
                      });
}

//===----------------------------------------------------------------------===//
// QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear
//===----------------------------------------------------------------------===//

/// The inputs of the linalg.generic of a linear (de)quantization and their
/// indexing maps: x (identity), its scale and its zero point if present
/// (per tensor, per axis or blocked, see quantParamMap).
struct LinearQuantOperands {
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
};

/// Gathers `x`, `scale` and `zp` (null when absent) of `op`: a match failure
/// if one is not static, a diagnostic if a parameter does not fit x.
FailureOr<LinearQuantOperands>
linearQuantOperands(Operation *op, PatternRewriter &rewriter, Value x,
                    Value scale, Value zp, int64_t axis, int64_t block) {
  RankedTensorType xt = staticType(x);
  RankedTensorType st = staticType(scale);
  RankedTensorType zt = zp ? staticType(zp) : st;
  if (!xt || !st || !zt)
    return rewriter.notifyMatchFailure(op, "operands are not static");
  FailureOr<AffineMap> scaleMap = quantParamMap(op, st, xt, axis, block);
  if (failed(scaleMap))
    return failure();
  FailureOr<AffineMap> zpMap = quantParamMap(op, zt, xt, axis, block);
  if (failed(zpMap))
    return failure();
  LinearQuantOperands result;
  result.inputs = {x, scale};
  result.maps = {
      AffineMap::getMultiDimIdentityMap(xt.getRank(), op->getContext()),
      *scaleMap};
  if (zp) {
    result.inputs.push_back(zp);
    result.maps.push_back(*zpMap);
  }
  return result;
}

struct QuantizeLinearLowering : OpConversionPattern<graph::QuantizeLinearOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::QuantizeLinearOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    Type out = op.getOutputDtype();
    if (!llvm::isa<IntegerType>(out))
      return op.emitError() << "the CPU backend does not quantize to " << out
                            << " (only integer types)";
    bool hasZp = !graph::isNone(op.getYZeroPoint());
    FailureOr<LinearQuantOperands> operands =
        linearQuantOperands(op, rewriter, adaptor.getX(), adaptor.getYScale(),
                            hasZp ? adaptor.getYZeroPoint() : Value(),
                            (int64_t)op.getAxis(), (int64_t)op.getBlockSize());
    if (failed(operands))
      return failure();
    Type xElt = getElementTypeOrSelf(op.getX());
    Type scaleElt = getElementTypeOrSelf(op.getYScale());
    Type compute =
        op.getPrecision() ? *op.getPrecision() : divisionType(xElt, scaleElt);
    rewriter.replaceOp(
        op, buildGeneric(
                rewriter, op.getLoc(), *type, operands->inputs, operands->maps,
                [&](OpBuilder &b, Location l, ValueRange args) {
                  Value x = convertScalar(b, l, args[0], xElt, compute);
                  Value s = convertScalar(b, l, args[1], scaleElt, compute);
                  Value q = b.create<arith::DivFOp>(l, x, s);
                  return requantize(b, l, q, hasZp ? args[2] : Value(), out);
                }));
    return success();
  }
};

/// (f32(x) - zp) * scale, in f64 where numpy would (a 32-bit zero point or
/// an f64 scale), converted to output_dtype.
struct DequantizeLinearLowering
    : OpConversionPattern<graph::DequantizeLinearOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::DequantizeLinearOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    Type xElt = getElementTypeOrSelf(op.getX());
    if (!llvm::isa<IntegerType>(xElt))
      return op.emitError() << "the CPU backend does not dequantize " << xElt
                            << " (only integer types)";
    bool hasZp = !graph::isNone(op.getXZeroPoint());
    FailureOr<LinearQuantOperands> operands =
        linearQuantOperands(op, rewriter, adaptor.getX(), adaptor.getXScale(),
                            hasZp ? adaptor.getXZeroPoint() : Value(),
                            (int64_t)op.getAxis(), (int64_t)op.getBlockSize());
    if (failed(operands))
      return failure();
    Type scaleElt = getElementTypeOrSelf(op.getXScale());
    Type out = op.getOutputDtype();
    bool wideZp = hasZp && llvm::cast<IntegerType>(xElt).getWidth() >= 32;
    rewriter.replaceOp(
        op, buildGeneric(rewriter, op.getLoc(), *type, operands->inputs,
                         operands->maps,
                         [&](OpBuilder &b, Location l, ValueRange args) {
                           Type f32 = b.getF32Type(), f64 = b.getF64Type();
                           Value x = convertScalar(b, l, args[0], xElt, f32);
                           Type t = f32;
                           if (hasZp) {
                             t = wideZp ? f64 : f32;
                             x = convertScalar(b, l, x, f32, t);
                             x = b.create<arith::SubFOp>(
                                 l, x, convertScalar(b, l, args[2], xElt, t));
                           }
                           Type m = widerFloat(t, scaleElt);
                           Value y = b.create<arith::MulFOp>(
                               l, convertScalar(b, l, x, t, m),
                               convertScalar(b, l, args[1], scaleElt, m));
                           return convertScalar(b, l, y, m, out);
                         }));
    return success();
  }
};

/// A linalg.generic reduces x to max(0, max x) and min(0, min x); scalar
/// arith computes the scale and zero point as the reference does, and an
/// elementwise generic quantizes.
struct DynamicQuantizeLinearLowering
    : OpConversionPattern<graph::DynamicQuantizeLinearOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::DynamicQuantizeLinearOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    RankedTensorType xt = staticType(adaptor.getX());
    if (!xt)
      return rewriter.notifyMatchFailure(op, "input is not static");
    Location loc = op.getLoc();
    MLIRContext *ctx = getContext();
    Type f32 = rewriter.getF32Type();
    auto scalarType = RankedTensorType::get({}, f32);
    int64_t rank = xt.getRank();
    Value init = zeroFilled(rewriter, loc, scalarType);
    AffineMap all = AffineMap::getMultiDimIdentityMap(rank, ctx);
    AffineMap none = AffineMap::get(rank, 0, ctx);
    auto range = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{scalarType, scalarType}, ValueRange{adaptor.getX()},
        ValueRange{init, init}, ArrayRef<AffineMap>{all, none, none},
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::reduction),
        [](OpBuilder &b, Location l, ValueRange args) {
          b.create<linalg::YieldOp>(
              l, ValueRange{b.create<arith::MaximumFOp>(l, args[0], args[1]),
                            b.create<arith::MinimumFOp>(l, args[0], args[2])});
        });
    Value hi = rewriter.create<tensor::ExtractOp>(loc, range.getResult(0));
    Value lo = rewriter.create<tensor::ExtractOp>(loc, range.getResult(1));
    auto cst = [&](double v) { return scalarConstant(rewriter, loc, f32, v); };
    Value same =
        rewriter.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OEQ, hi, lo);
    Value span = rewriter.create<arith::SelectOp>(
        loc, same, cst(1.0), rewriter.create<arith::SubFOp>(loc, hi, lo));
    Value scale = rewriter.create<arith::DivFOp>(loc, span, cst(255.0));
    Value zp = rewriter.create<arith::SubFOp>(
        loc, cst(0.0), rewriter.create<arith::DivFOp>(loc, lo, scale));
    zp = rewriter.create<arith::MaxNumFOp>(loc, zp, cst(0.0));
    zp = rewriter.create<arith::MinNumFOp>(loc, zp, cst(255.0));
    zp = rewriter.create<math::RoundEvenOp>(loc, zp);
    Type ui8 = getElementTypeOrSelf(op.getY());
    Value y =
        buildGeneric(rewriter, loc, *type, ValueRange{adaptor.getX()}, {all},
                     [&](OpBuilder &b, Location l, ValueRange args) {
                       Value q = b.create<math::RoundEvenOp>(
                           l, b.create<arith::DivFOp>(l, args[0], scale));
                       q = b.create<arith::AddFOp>(l, q, zp);
                       return requantize(b, l, q, Value(), ui8);
                     });
    Value zpInt = requantize(rewriter, loc, zp, Value(), ui8);
    Value scaleT = rewriter.create<tensor::FromElementsOp>(loc, scalarType,
                                                           ValueRange{scale});
    Value zpT = rewriter.create<tensor::FromElementsOp>(
        loc, RankedTensorType::get({}, rewriter.getI8Type()),
        ValueRange{zpInt});
    rewriter.replaceOp(op, {y, scaleT, zpT});
    return success();
  }
};

//===----------------------------------------------------------------------===//
// MatMulInteger, QLinearMatMul
//===----------------------------------------------------------------------===//

/// The map of a matmul operand's zero point (or scale) `p` over the loops of
/// the operand `x`: one element, per row of a (`isLhs`: 1-D of size M), per
/// column of b (1-D of size N), or numpy broadcasting against x.
FailureOr<AffineMap> matmulParamMap(Operation *op, RankedTensorType p,
                                    RankedTensorType x, bool isLhs) {
  MLIRContext *ctx = op->getContext();
  int64_t rank = x.getRank();
  if (p.getNumElements() == 1)
    return scalarMap(p, rank, ctx);
  if (p.getRank() == 1 && isLhs && rank >= 2 &&
      p.getDimSize(0) == x.getDimSize(rank - 2))
    return AffineMap::get(rank, 0, getAffineDimExpr(rank - 2, ctx), ctx);
  if (p.getRank() <= rank) {
    SmallVector<AffineExpr> exprs;
    int64_t offset = rank - p.getRank();
    bool ok = true;
    for (int64_t j = 0; j < p.getRank(); ++j) {
      int64_t d = p.getDimSize(j), full = x.getDimSize(offset + j);
      ok &= d == full || d == 1;
      exprs.push_back(d == 1 && full != 1 ? getAffineConstantExpr(0, ctx)
                                          : getAffineDimExpr(offset + j, ctx));
    }
    if (ok)
      return AffineMap::get(rank, 0, exprs, ctx);
  }
  return op->emitError() << "zero point of shape [" << p.getShape()
                         << "] does not fit operand of shape [" << x.getShape()
                         << "]";
}

/// The i32 operand (x - zero point) of an integer matmul.
FailureOr<Value> matmulOperand(Operation *op, OpBuilder &b, Value x,
                               Value graphX, Value zp, Value graphZp,
                               bool isLhs) {
  RankedTensorType xt = staticType(x);
  if (!xt)
    return failure();
  AffineMap map;
  if (!graph::isNone(graphZp)) {
    RankedTensorType zt = staticType(zp);
    if (!zt)
      return failure();
    FailureOr<AffineMap> m = matmulParamMap(op, zt, xt, isLhs);
    if (failed(m))
      return failure();
    map = *m;
  } else {
    zp = Value();
  }
  return subtractZeroPoint(b, op->getLoc(), x, getElementTypeOrSelf(graphX), zp,
                           map);
}

struct MatMulIntegerLowering : OpConversionPattern<graph::MatMulIntegerOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::MatMulIntegerOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    FailureOr<Value> a =
        matmulOperand(op, rewriter, adaptor.getA(), op.getA(),
                      adaptor.getAZeroPoint(), op.getAZeroPoint(), true);
    if (failed(a))
      return failure();
    FailureOr<Value> b =
        matmulOperand(op, rewriter, adaptor.getB(), op.getB(),
                      adaptor.getBZeroPoint(), op.getBZeroPoint(), false);
    if (failed(b))
      return failure();
    rewriter.replaceOp(op, buildMatMul(rewriter, op.getLoc(), *a, *b, *type));
    return success();
  }
};

/// The i32 product of the zero-point-free operands, then
/// rint(c * (a_scale * b_scale / y_scale) + y_zero_point) saturated; the
/// factor is computed in the scales' type, the rest in f64.
struct QLinearMatMulLowering : OpConversionPattern<graph::QLinearMatMulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::QLinearMatMulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    Location loc = op.getLoc();
    FailureOr<Value> a =
        matmulOperand(op, rewriter, adaptor.getA(), op.getA(),
                      adaptor.getAZeroPoint(), op.getAZeroPoint(), true);
    if (failed(a))
      return failure();
    FailureOr<Value> b =
        matmulOperand(op, rewriter, adaptor.getB(), op.getB(),
                      adaptor.getBZeroPoint(), op.getBZeroPoint(), false);
    if (failed(b))
      return failure();
    RankedTensorType at = staticType(adaptor.getA());
    RankedTensorType bt = staticType(adaptor.getB());
    RankedTensorType ast = staticType(adaptor.getAScale());
    RankedTensorType bst = staticType(adaptor.getBScale());
    RankedTensorType yst = staticType(adaptor.getYScale());
    RankedTensorType yzt = staticType(adaptor.getYZeroPoint());
    if (!ast || !bst || !yst || !yzt)
      return rewriter.notifyMatchFailure(op, "operands are not static");
    auto cType = RankedTensorType::get(type->getShape(), rewriter.getI32Type());
    Value c = buildMatMul(rewriter, loc, *a, *b, cType);
    MLIRContext *ctx = getContext();
    int64_t rank = type->getRank();
    // The result's row and column loops.
    int64_t nDim = bt.getRank() >= 2 ? rank - 1 : -1;
    int64_t mDim = at.getRank() >= 2 ? (nDim >= 0 ? rank - 2 : rank - 1) : -1;
    auto paramMap = [&](RankedTensorType p, int64_t dim,
                        StringRef what) -> FailureOr<AffineMap> {
      if (p.getNumElements() == 1)
        return scalarMap(p, rank, ctx);
      if (dim >= 0 && p.getRank() == 1 &&
          p.getDimSize(0) == type->getDimSize(dim))
        return AffineMap::get(rank, 0, getAffineDimExpr(dim, ctx), ctx);
      return op.emitError()
             << what << " " << p << " is neither a scalar nor 1-D per "
             << (what.starts_with("a") ? "row" : "column");
    };
    FailureOr<AffineMap> aMap = paramMap(ast, mDim, "a_scale");
    if (failed(aMap))
      return failure();
    FailureOr<AffineMap> bMap = paramMap(bst, nDim, "b_scale");
    if (failed(bMap))
      return failure();
    if (yst.getNumElements() != 1 || yzt.getNumElements() != 1)
      return op.emitError("y_scale and y_zero_point must be scalars");
    Type aElt = getElementTypeOrSelf(op.getAScale());
    Type bElt = getElementTypeOrSelf(op.getBScale());
    Type yElt = getElementTypeOrSelf(op.getYScale());
    Type out = getElementTypeOrSelf(op.getYZeroPoint());
    Value y = buildGeneric(
        rewriter, loc, *type,
        ValueRange{c, adaptor.getAScale(), adaptor.getBScale(),
                   adaptor.getYScale(), adaptor.getYZeroPoint()},
        {AffineMap::getMultiDimIdentityMap(rank, ctx), *aMap, *bMap,
         scalarMap(yst, rank, ctx), scalarMap(yzt, rank, ctx)},
        [&](OpBuilder &nb, Location l, ValueRange args) {
          Value factor = nb.create<arith::MulFOp>(
              l, args[1], convertScalar(nb, l, args[2], bElt, aElt));
          factor = nb.create<arith::DivFOp>(
              l, factor, convertScalar(nb, l, args[3], yElt, aElt));
          Type f64 = nb.getF64Type();
          Value v = nb.create<arith::MulFOp>(
              l, convertScalar(nb, l, args[0], nb.getI32Type(), f64),
              convertScalar(nb, l, factor, aElt, f64));
          return requantize(nb, l, v, args[4], out);
        });
    rewriter.replaceOp(op, y);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// ConvInteger, QLinearConv
//===----------------------------------------------------------------------===//

/// The explicit pads (all begins, then all ends) of a convolution of the
/// static input `x` (N, C, D...), resolving SAME / VALID auto_pad.
template <typename OpTy>
SmallVector<int64_t> resolvePads(OpTy op, RankedTensorType x) {
  StringRef autoPad = op.getAutoPad();
  ArrayRef<int64_t> kernel = op.getKernelShape();
  size_t n = kernel.size();
  SmallVector<int64_t> pads(op.getPads());
  if (autoPad == "VALID")
    return SmallVector<int64_t>(2 * n, 0);
  if (autoPad != "SAME_UPPER" && autoPad != "SAME_LOWER")
    return pads;
  for (size_t i = 0; i < n; ++i) {
    int64_t in = x.getDimSize(i + 2), s = op.getStrides()[i];
    int64_t out = (in + s - 1) / s;
    int64_t total = std::max<int64_t>(
        0, (out - 1) * s + (kernel[i] - 1) * op.getDilations()[i] + 1 - in);
    int64_t small = total / 2, big = total - small;
    pads[i] = autoPad == "SAME_UPPER" ? small : big;
    pads[i + n] = autoPad == "SAME_UPPER" ? big : small;
  }
  return pads;
}

/// ext(x) - ext(zp) as an i32 tensor, zero-padded in the spatial
/// dimensions by `pads` (all begins, then all ends): one linalg.generic over
/// the padded shape reading x with tensor.extract at clamped indices. `zp`
/// (one element) may be null.
Value padInput(OpBuilder &b, Location loc, Value x, Type xElt, Value zp,
               ArrayRef<int64_t> pads) {
  auto xt = llvm::cast<RankedTensorType>(x.getType());
  int64_t rank = xt.getRank(), s = rank - 2;
  Type i32 = b.getI32Type();
  Value zpValue;
  if (zp) {
    auto zt = llvm::cast<RankedTensorType>(zp.getType());
    SmallVector<Value> zeros(zt.getRank(),
                             b.create<arith::ConstantIndexOp>(loc, 0));
    zpValue = convertScalar(b, loc, b.create<tensor::ExtractOp>(loc, zp, zeros),
                            xElt, i32);
  }
  if (llvm::all_of(pads, [](int64_t p) { return p == 0; })) {
    AffineMap id = AffineMap::getMultiDimIdentityMap(rank, b.getContext());
    auto type = RankedTensorType::get(xt.getShape(), i32);
    return buildGeneric(b, loc, type, ValueRange{x}, {id},
                        [&](OpBuilder &nb, Location l, ValueRange args) {
                          Value v = convertScalar(nb, l, args[0], xElt, i32);
                          return zpValue
                                     ? nb.create<arith::SubIOp>(l, v, zpValue)
                                     : v;
                        });
  }
  SmallVector<int64_t> shape(xt.getShape());
  for (int64_t i = 0; i < s; ++i)
    shape[i + 2] += pads[i] + pads[i + s];
  auto type = RankedTensorType::get(shape, i32);
  if (xt.getNumElements() == 0)
    return zeroFilled(b, loc, type);
  return buildGeneric(
      b, loc, type, ValueRange{}, {},
      [&](OpBuilder &nb, Location l, ValueRange) {
        Value inRange = nb.create<arith::ConstantIntOp>(l, 1, 1);
        Value zeroIdx = nb.create<arith::ConstantIndexOp>(l, 0);
        SmallVector<Value> idx;
        for (int64_t d = 0; d < rank; ++d) {
          Value i = nb.create<linalg::IndexOp>(l, d);
          if (d >= 2) {
            i = nb.create<arith::SubIOp>(
                l, i, nb.create<arith::ConstantIndexOp>(l, pads[d - 2]));
            Value ok = nb.create<arith::AndIOp>(
                l,
                nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::sge, i,
                                         zeroIdx),
                nb.create<arith::CmpIOp>(
                    l, arith::CmpIPredicate::slt, i,
                    nb.create<arith::ConstantIndexOp>(l, xt.getDimSize(d))));
            inRange = nb.create<arith::AndIOp>(l, inRange, ok);
            i = nb.create<arith::SelectOp>(l, ok, i, zeroIdx);
          }
          idx.push_back(i);
        }
        Value v = convertScalar(nb, l, nb.create<tensor::ExtractOp>(l, x, idx),
                                xElt, i32);
        if (zpValue)
          v = nb.create<arith::SubIOp>(l, v, zpValue);
        return nb.create<arith::SelectOp>(
            l, inRange, v, nb.create<arith::ConstantIntOp>(l, 0, 32));
      });
}

/// The i32 convolution of the i32 tensors x (N, C, D...; padded) and w
/// (M, C / group, k...) into `type` (N, M, O...):
/// linalg.conv_2d_nchw_fchw for 2-D ungrouped convolutions, else one
/// linalg.generic over (n, g, m, o..., c, k...) on x and w split by group.
template <typename OpTy>
Value buildConv(OpTy op, OpBuilder &b, Value x, Value w,
                RankedTensorType type) {
  Location loc = op.getLoc();
  MLIRContext *ctx = b.getContext();
  auto xt = llvm::cast<RankedTensorType>(x.getType());
  auto wt = llvm::cast<RankedTensorType>(w.getType());
  int64_t s = xt.getRank() - 2;
  ArrayRef<int64_t> strides = op.getStrides(), dilations = op.getDilations();
  int64_t group = op.getGroup();
  if (s == 2 && group == 1)
    return b
        .create<linalg::Conv2DNchwFchwOp>(
            loc, TypeRange{type}, ValueRange{x, w},
            ValueRange{zeroFilled(b, loc, type)}, b.getI64TensorAttr(strides),
            b.getI64TensorAttr(dilations))
        .getResult(0);
  int64_t c = xt.getDimSize(1), m = wt.getDimSize(0);
  SmallVector<int64_t> xShape = {xt.getDimSize(0), group, c / group};
  SmallVector<int64_t> wShape = {group, m / group, c / group};
  SmallVector<int64_t> oShape = {type.getDimSize(0), group, m / group};
  SmallVector<ReassociationIndices> xGroups = {{0}, {1, 2}};
  SmallVector<ReassociationIndices> wGroups = {{0, 1}, {2}};
  for (int64_t i = 0; i < s; ++i) {
    xShape.push_back(xt.getDimSize(i + 2));
    wShape.push_back(wt.getDimSize(i + 2));
    oShape.push_back(type.getDimSize(i + 2));
    xGroups.push_back({i + 3});
    wGroups.push_back({i + 3});
  }
  Type i32 = b.getI32Type();
  Value xg = b.create<tensor::ExpandShapeOp>(
      loc, RankedTensorType::get(xShape, i32), x, xGroups);
  Value wg = b.create<tensor::ExpandShapeOp>(
      loc, RankedTensorType::get(wShape, i32), w, wGroups);
  auto oType = RankedTensorType::get(oShape, i32);
  // Loops: n, g, m, o_1..o_s | c, k_1..k_s.
  int64_t loops = 2 * s + 4;
  auto d = [&](int64_t i) { return getAffineDimExpr(i, ctx); };
  SmallVector<AffineExpr> xe = {d(0), d(1), d(s + 3)},
                          we = {d(1), d(2), d(s + 3)}, oe = {d(0), d(1), d(2)};
  for (int64_t i = 0; i < s; ++i) {
    xe.push_back(d(3 + i) * strides[i] + d(s + 4 + i) * dilations[i]);
    we.push_back(d(s + 4 + i));
    oe.push_back(d(3 + i));
  }
  SmallVector<utils::IteratorType> iterators(s + 3,
                                             utils::IteratorType::parallel);
  iterators.append(s + 1, utils::IteratorType::reduction);
  Value conv =
      b.create<linalg::GenericOp>(
           loc, TypeRange{oType}, ValueRange{xg, wg},
           ValueRange{zeroFilled(b, loc, oType)},
           ArrayRef<AffineMap>{AffineMap::get(loops, 0, xe, ctx),
                               AffineMap::get(loops, 0, we, ctx),
                               AffineMap::get(loops, 0, oe, ctx)},
           iterators,
           [](OpBuilder &nb, Location l, ValueRange args) {
             nb.create<linalg::YieldOp>(
                 l, ValueRange{nb.create<arith::AddIOp>(
                        l, args[2],
                        nb.create<arith::MulIOp>(l, args[0], args[1]))});
           })
          .getResult(0);
  SmallVector<ReassociationIndices> oGroups = {{0}, {1, 2}};
  for (int64_t i = 0; i < s; ++i)
    oGroups.push_back({i + 3});
  return b.create<tensor::CollapseShapeOp>(loc, type, conv, oGroups);
}

/// x - x_zero_point (padded with zeros) and w - w_zero_point (scalar, or per
/// output channel for w) as i32 tensors.
template <typename OpTy, typename Adaptor>
LogicalResult convOperands(OpTy op, Adaptor adaptor, OpBuilder &b, Value &x,
                           Value &w) {
  RankedTensorType xt = staticType(adaptor.getX());
  RankedTensorType wt = staticType(adaptor.getW());
  if (!xt || !wt)
    return failure();
  MLIRContext *ctx = b.getContext();
  Value xzp, wzp;
  AffineMap wMap;
  if (!graph::isNone(op.getXZeroPoint())) {
    RankedTensorType zt = staticType(adaptor.getXZeroPoint());
    if (!zt || zt.getNumElements() != 1)
      return op.emitError("x_zero_point must be a scalar");
    xzp = adaptor.getXZeroPoint();
  }
  if (!graph::isNone(op.getWZeroPoint())) {
    RankedTensorType zt = staticType(adaptor.getWZeroPoint());
    if (!zt)
      return failure();
    wzp = adaptor.getWZeroPoint();
    if (zt.getNumElements() == 1)
      wMap = scalarMap(zt, wt.getRank(), ctx);
    else if (zt.getRank() == 1 && zt.getDimSize(0) == wt.getDimSize(0))
      wMap = AffineMap::get(wt.getRank(), 0, getAffineDimExpr(0, ctx), ctx);
    else
      return op.emitError("w_zero_point must be a scalar or one per output "
                          "channel");
  }
  x = padInput(b, op.getLoc(), adaptor.getX(), getElementTypeOrSelf(op.getX()),
               xzp, resolvePads(op, xt));
  w = subtractZeroPoint(b, op.getLoc(), adaptor.getW(),
                        getElementTypeOrSelf(op.getW()), wzp, wMap);
  return success();
}

struct ConvIntegerLowering : OpConversionPattern<graph::ConvIntegerOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::ConvIntegerOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    Value x, w;
    if (failed(convOperands(op, adaptor, rewriter, x, w)))
      return failure();
    rewriter.replaceOp(op, buildConv(op, rewriter, x, w, *type));
    return success();
  }
};

/// The i32 convolution plus bias, then
/// rint(acc * (x_scale * w_scale / y_scale) + y_zero_point) saturated (w_scale
/// per tensor or per output channel; the factor in the scales' type, the
/// rest in f64).
struct QLinearConvLowering : OpConversionPattern<graph::QLinearConvOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::QLinearConvOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    RankedTensorType xst = staticType(adaptor.getXScale());
    RankedTensorType wst = staticType(adaptor.getWScale());
    RankedTensorType yst = staticType(adaptor.getYScale());
    RankedTensorType yzt = staticType(adaptor.getYZeroPoint());
    if (!xst || !wst || !yst || !yzt)
      return rewriter.notifyMatchFailure(op, "operands are not static");
    MLIRContext *ctx = getContext();
    int64_t rank = type->getRank();
    if (xst.getNumElements() != 1 || yst.getNumElements() != 1 ||
        yzt.getNumElements() != 1)
      return op.emitError("x_scale, y_scale and y_zero_point must be scalars");
    AffineMap channel = AffineMap::get(rank, 0, getAffineDimExpr(1, ctx), ctx);
    AffineMap wsMap;
    if (wst.getNumElements() == 1)
      wsMap = scalarMap(wst, rank, ctx);
    else if (wst.getRank() == 1 && wst.getDimSize(0) == type->getDimSize(1))
      wsMap = channel;
    else
      return op.emitError("w_scale must be a scalar or one per output channel");
    Value x, w;
    if (failed(convOperands(op, adaptor, rewriter, x, w)))
      return failure();
    Location loc = op.getLoc();
    auto accType =
        RankedTensorType::get(type->getShape(), rewriter.getI32Type());
    Value acc = buildConv(op, rewriter, x, w, accType);
    bool hasBias = !graph::isNone(op.getBias());
    SmallVector<Value> inputs = {acc, adaptor.getXScale(), adaptor.getWScale(),
                                 adaptor.getYScale(), adaptor.getYZeroPoint()};
    SmallVector<AffineMap> maps = {
        AffineMap::getMultiDimIdentityMap(rank, ctx), scalarMap(xst, rank, ctx),
        wsMap, scalarMap(yst, rank, ctx), scalarMap(yzt, rank, ctx)};
    if (hasBias) {
      RankedTensorType bt = staticType(adaptor.getBias());
      if (!bt || bt.getRank() != 1 ||
          (bt.getDimSize(0) != type->getDimSize(1) && bt.getDimSize(0) != 1))
        return op.emitError("bias must hold one value per output channel");
      inputs.push_back(adaptor.getBias());
      maps.push_back(bt.getDimSize(0) == 1 ? scalarMap(bt, rank, ctx)
                                           : channel);
    }
    Type xElt = getElementTypeOrSelf(op.getXScale());
    Type wElt = getElementTypeOrSelf(op.getWScale());
    Type yElt = getElementTypeOrSelf(op.getYScale());
    Type out = getElementTypeOrSelf(op.getYZeroPoint());
    Value y = buildGeneric(
        rewriter, loc, *type, inputs, maps,
        [&](OpBuilder &nb, Location l, ValueRange args) {
          Value a = args[0];
          if (args.size() > 5)
            a = nb.create<arith::AddIOp>(l, a, args[5]);
          Value factor = nb.create<arith::MulFOp>(
              l, args[1], convertScalar(nb, l, args[2], wElt, xElt));
          factor = nb.create<arith::DivFOp>(
              l, factor, convertScalar(nb, l, args[3], yElt, xElt));
          Type f64 = nb.getF64Type();
          Value v = nb.create<arith::MulFOp>(
              l, convertScalar(nb, l, a, nb.getI32Type(), f64),
              convertScalar(nb, l, factor, xElt, f64));
          return requantize(nb, l, v, args[4], out);
        });
    rewriter.replaceOp(op, y);
    return success();
  }
};

} // namespace

void populateQuantLoweringPatterns(const TypeConverter &converter,
                                   RewritePatternSet &patterns) {
  patterns.add<QuantizeLinearLowering, DequantizeLinearLowering,
               DynamicQuantizeLinearLowering, MatMulIntegerLowering,
               QLinearMatMulLowering, ConvIntegerLowering, QLinearConvLowering>(
      converter, patterns.getContext());
}

} // namespace mlc::lowering
