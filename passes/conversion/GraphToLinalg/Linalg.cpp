//===- Linalg.cpp - matrix products, reductions, scans, top-k -------------===//
//
// MatMul and Gemm become linalg named ops (matmul, batch_matmul, matvec,
// vecmat, dot, matmul_transpose_a/b) where the shapes allow, else one
// linalg.generic; Einsum one linalg.generic built from its equation; the
// Reduce* ops linalg.reduce; ArgMax and TopK linalg.generic ops that carry
// indices; CumSum a log-step (Hillis-Steele) scan over slices.
//
//===----------------------------------------------------------------------===//

#include "dialects/graph/IR/GraphOps.h"
#include "passes/conversion/GraphToLinalg/LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>
#include <map>

using namespace mlir;

namespace mlc::lowering {
namespace {

bool isUnsignedInt(Type t) {
  auto i = llvm::dyn_cast<IntegerType>(t);
  return i && (i.isUnsigned() || i.getWidth() == 1);
}

Value filled(OpBuilder &b, Location loc, RankedTensorType type, Value v) {
  Value init =
      b.create<tensor::EmptyOp>(loc, type.getShape(), type.getElementType());
  return b.create<linalg::FillOp>(loc, v, init).getResult(0);
}

Value zeroFilled(OpBuilder &b, Location loc, RankedTensorType type) {
  return filled(b, loc, type, scalarConstant(b, loc, type.getElementType(), 0));
}

Value add(OpBuilder &b, Location loc, Value x, Value y) {
  if (llvm::isa<FloatType>(x.getType()))
    return b.create<arith::AddFOp>(loc, x, y);
  return b.create<arith::AddIOp>(loc, x, y);
}

Value mul(OpBuilder &b, Location loc, Value x, Value y) {
  if (llvm::isa<FloatType>(x.getType()))
    return b.create<arith::MulFOp>(loc, x, y);
  return b.create<arith::MulIOp>(loc, x, y);
}

/// The lowest (`highest` false) or highest value of graph element type
/// `elt`: -inf / +inf for floats.
Value extremeValue(OpBuilder &b, Location loc, Type elt, bool highest) {
  if (auto f = llvm::dyn_cast<FloatType>(elt))
    return b.create<arith::ConstantOp>(
        loc, b.getFloatAttr(f, APFloat::getInf(f.getFloatSemantics(),
                                               /*Negative=*/!highest)));
  auto i = llvm::cast<IntegerType>(elt);
  unsigned w = i.getWidth();
  APInt v = isUnsignedInt(elt)
                ? (highest ? APInt::getMaxValue(w) : APInt::getMinValue(w))
                : (highest ? APInt::getSignedMaxValue(w)
                           : APInt::getSignedMinValue(w));
  return b.create<arith::ConstantOp>(loc, b.getIntegerAttr(toSignless(elt), v));
}

/// The tensor type of `shape` without the dimensions in `dropped`.
RankedTensorType dropDims(RankedTensorType t, ArrayRef<int64_t> dropped,
                          Type elt = {}) {
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < t.getRank(); ++i)
    if (!llvm::is_contained(dropped, i))
      shape.push_back(t.getDimSize(i));
  return RankedTensorType::get(shape, elt ? elt : t.getElementType());
}

/// Reshapes `v` (the result of a reduction over `reduced`) to `keepType`,
/// which has the reduced dimensions as 1s.
Value expandReduced(OpBuilder &b, Location loc, Value v,
                    RankedTensorType keepType, ArrayRef<int64_t> reduced) {
  auto type = llvm::cast<RankedTensorType>(v.getType());
  if (type == keepType)
    return v;
  SmallVector<ReassociationIndices> groups;
  if (type.getRank() > 0) {
    ReassociationIndices pending;
    for (int64_t i = 0; i < keepType.getRank(); ++i) {
      pending.push_back(i);
      if (!llvm::is_contained(reduced, i)) {
        groups.push_back(pending);
        pending.clear();
      }
    }
    groups.back().append(pending.begin(), pending.end());
  }
  return b.create<tensor::ExpandShapeOp>(loc, keepType, v, groups);
}

/// Affine exprs reading a `t`-shaped operand whose trailing dimensions align
/// with loops `offset`... (numpy broadcasting: size-1 dimensions against a
/// larger `full` size read index 0).
SmallVector<AffineExpr> broadcastExprs(RankedTensorType t,
                                       ArrayRef<int64_t> full, int64_t offset,
                                       MLIRContext *ctx) {
  SmallVector<AffineExpr> exprs;
  int64_t skip = full.size() - t.getRank();
  for (int64_t j = 0; j < t.getRank(); ++j)
    exprs.push_back(t.getDimSize(j) == 1 && full[skip + j] != 1
                        ? getAffineConstantExpr(0, ctx)
                        : getAffineDimExpr(offset + j, ctx));
  return exprs;
}

/// The body `acc + a * b` of a contraction.
void multiplyAccumulate(OpBuilder &b, Location loc, ValueRange args) {
  b.create<linalg::YieldOp>(
      loc, add(b, loc, args[2], mul(b, loc, args[0], args[1])));
}

/// numpy matmul as one linalg.generic over (batch..., m, n, k): a 1-D
/// operand has no m (or n) loop, its promoted dimension being absent from
/// the result; batch dimensions of size 1 broadcast.
Value buildGenericMatMul(OpBuilder &b, Location loc, Value lhs, Value rhs,
                         RankedTensorType type) {
  auto a = llvm::cast<RankedTensorType>(lhs.getType());
  auto bt = llvm::cast<RankedTensorType>(rhs.getType());
  int64_t ra = a.getRank(), rb = bt.getRank();
  int64_t batch = std::max<int64_t>(std::max(ra, rb), 2) - 2;
  MLIRContext *ctx = b.getContext();
  int64_t loops = batch;
  std::optional<AffineExpr> m, n;
  if (ra != 1)
    m = getAffineDimExpr(loops++, ctx);
  if (rb != 1)
    n = getAffineDimExpr(loops++, ctx);
  AffineExpr k = getAffineDimExpr(loops++, ctx);
  ArrayRef<int64_t> batchShape = type.getShape().take_front(batch);
  auto batchExprs = [&](RankedTensorType t) {
    auto bt =
        RankedTensorType::get(t.getShape().drop_back(2), t.getElementType());
    return broadcastExprs(bt, batchShape, batch - bt.getRank(), ctx);
  };
  SmallVector<AffineExpr> ea, eb, ec;
  if (m) {
    ea = batchExprs(a);
    ea.append({*m, k});
  } else {
    ea = {k};
  }
  if (n) {
    eb = batchExprs(bt);
    eb.append({k, *n});
  } else {
    eb = {k};
  }
  for (int64_t j = 0; j < loops - 1; ++j)
    ec.push_back(getAffineDimExpr(j, ctx));
  SmallVector<AffineMap> maps = {AffineMap::get(loops, 0, ea, ctx),
                                 AffineMap::get(loops, 0, eb, ctx),
                                 AffineMap::get(loops, 0, ec, ctx)};
  SmallVector<utils::IteratorType> iterators(loops,
                                             utils::IteratorType::parallel);
  iterators.back() = utils::IteratorType::reduction;
  return b
      .create<linalg::GenericOp>(loc, TypeRange{type}, ValueRange{lhs, rhs},
                                 ValueRange{zeroFilled(b, loc, type)}, maps,
                                 iterators, multiplyAccumulate)
      .getResult(0);
}

//===----------------------------------------------------------------------===//
// MatMul, Gemm
//===----------------------------------------------------------------------===//

struct MatMulLowering : OpConversionPattern<graph::MatMulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::MatMulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    rewriter.replaceOp(op, buildMatMul(rewriter, op.getLoc(), adaptor.getLhs(),
                                       adaptor.getRhs(), *type));
    return success();
  }
};

/// `v * factor` for a value of graph element type `elt`; integers are
/// multiplied exactly when `factor` is integral, else through f64 (ONNX
/// Cast semantics back).
Value scaleBy(OpBuilder &b, Location loc, Value v, double factor, Type elt) {
  if (factor == 1.0)
    return v;
  if (llvm::isa<FloatType>(elt))
    return b.create<arith::MulFOp>(loc, v,
                                   scalarConstant(b, loc, v.getType(), factor));
  if (factor == std::trunc(factor) && std::abs(factor) < 9.2e18)
    return b.create<arith::MulIOp>(loc, v,
                                   scalarConstant(b, loc, v.getType(), factor));
  Type f64 = b.getF64Type();
  Value x = convertScalar(b, loc, v, elt, f64);
  x = b.create<arith::MulFOp>(loc, x, scalarConstant(b, loc, f64, factor));
  return convertScalar(b, loc, x, f64, elt);
}

/// alpha * op(a) * op(b) + beta * c: the product is a linalg.matmul (or its
/// transpose_a/b variant), then an elementwise generic scales it and adds
/// beta * c (broadcast). beta = 0 ignores c, as ONNX's reference does.
struct GemmLowering : OpConversionPattern<graph::GemmOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::GemmOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    Location loc = op.getLoc();
    Type elt = getElementTypeOrSelf(op.getA());
    double alpha = op.getAlphaAttr().getValueAsDouble();
    double beta = op.getBetaAttr().getValueAsDouble();
    bool hasC = !graph::isNone(op.getC()) && beta != 0.0;
    // The product accumulates into zeros, not into c: c may be the
    // function's argument, which the product must not overwrite.
    Value init = zeroFilled(rewriter, loc, *type);
    Value a = adaptor.getA(), b = adaptor.getB();
    Value product;
    bool ta = op.getTransA(), tb = op.getTransB();
    if (!ta && !tb)
      product =
          rewriter
              .create<linalg::MatmulOp>(loc, ValueRange{a, b}, ValueRange{init})
              .getResult(0);
    else if (!ta)
      product = rewriter
                    .create<linalg::MatmulTransposeBOp>(loc, ValueRange{a, b},
                                                        ValueRange{init})
                    .getResult(0);
    else if (!tb)
      product = rewriter
                    .create<linalg::MatmulTransposeAOp>(loc, ValueRange{a, b},
                                                        ValueRange{init})
                    .getResult(0);
    else {
      MLIRContext *ctx = rewriter.getContext();
      AffineExpr m, n, k;
      bindDims(ctx, m, n, k);
      SmallVector<AffineMap> maps = {AffineMap::get(3, 0, {k, m}, ctx),
                                     AffineMap::get(3, 0, {n, k}, ctx),
                                     AffineMap::get(3, 0, {m, n}, ctx)};
      product =
          rewriter
              .create<linalg::GenericOp>(
                  loc, TypeRange{*type}, ValueRange{a, b}, ValueRange{init},
                  maps,
                  ArrayRef<utils::IteratorType>{utils::IteratorType::parallel,
                                                utils::IteratorType::parallel,
                                                utils::IteratorType::reduction},
                  multiplyAccumulate)
              .getResult(0);
    }
    if (alpha != 1.0 || hasC) {
      SmallVector<Value> operands = {product};
      if (hasC)
        operands.push_back(adaptor.getC());
      FailureOr<Value> result = buildElementwise(
          rewriter, loc, *type, operands,
          [&](OpBuilder &b, Location l, ValueRange args) {
            Value r = scaleBy(b, l, args[0], alpha, elt);
            return args.size() > 1
                       ? add(b, l, r, scaleBy(b, l, args[1], beta, elt))
                       : r;
          });
      if (failed(result))
        return rewriter.notifyMatchFailure(op, "c is not static");
      product = *result;
    }
    rewriter.replaceOp(op, product);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Einsum
//===----------------------------------------------------------------------===//

/// One term of a normalized einsum equation: its letters and where `...`
/// stands among them (-1 if absent).
struct EinsumTerm {
  std::string labels;
  int ellipsis = -1;
};

EinsumTerm parseTerm(StringRef s) {
  EinsumTerm t;
  for (size_t i = 0; i < s.size();) {
    if (s.substr(i).starts_with("...")) {
      t.ellipsis = t.labels.size();
      i += 3;
    } else {
      t.labels.push_back(s[i++]);
    }
  }
  return t;
}

/// One linalg.generic: the loops are the output's dimensions (parallel, the
/// broadcast `...` dimensions where the output has them) followed by the
/// summed letters (reduction); each input dimension reads its letter's loop
/// (a repeated letter reads the diagonal), `...` dimensions align right and
/// broadcast; the body multiplies the inputs into the accumulator.
struct EinsumLowering : OpConversionPattern<graph::EinsumOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::EinsumOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    MLIRContext *ctx = rewriter.getContext();
    auto [lhs, rhs] = StringRef(op.getEquation()).split("->");
    SmallVector<StringRef> inputTerms;
    lhs.split(inputTerms, ',');
    ValueRange inputs = adaptor.getInputs();
    if (inputTerms.size() != inputs.size())
      return op.emitError() << "equation '" << op.getEquation()
                            << "' does not have one term per input";
    EinsumTerm out = parseTerm(rhs);
    int64_t outRank = type->getRank();
    int64_t ellRank =
        out.ellipsis >= 0 ? outRank - (int64_t)out.labels.size() : 0;
    // Loops: the output's dimensions, then the summed letters.
    std::map<char, int64_t> letterLoop;
    SmallVector<int64_t> ellLoop; // loop of broadcast dimension e
    int64_t loops = 0;
    for (size_t l = 0; l <= out.labels.size(); ++l) {
      if ((int)l == out.ellipsis)
        for (int64_t e = 0; e < ellRank; ++e)
          ellLoop.push_back(loops++);
      if (l == out.labels.size())
        break;
      if (!letterLoop.try_emplace(out.labels[l], loops++).second)
        return op.emitError()
               << "output letter '" << out.labels[l] << "' is repeated in '"
               << op.getEquation() << "'";
    }
    ArrayRef<int64_t> ellShape =
        type->getShape().slice(out.ellipsis >= 0 ? out.ellipsis : 0, ellRank);
    SmallVector<EinsumTerm> terms;
    for (StringRef s : inputTerms) {
      terms.push_back(parseTerm(s));
      for (char c : terms.back().labels)
        if (letterLoop.try_emplace(c, loops).second)
          ++loops;
    }
    int64_t reductionLoops = loops - outRank;
    SmallVector<AffineMap> maps;
    for (auto [term, v] : llvm::zip(terms, inputs)) {
      auto t = llvm::dyn_cast<RankedTensorType>(v.getType());
      if (!t || !t.hasStaticShape())
        return rewriter.notifyMatchFailure(op, "input is not static");
      int64_t numLabels = term.labels.size();
      int64_t inEll = term.ellipsis >= 0 ? t.getRank() - numLabels : 0;
      if (inEll > ellRank)
        return op.emitError()
               << "the '...' dimensions of an input are not "
               << "in the output of '" << op.getEquation() << "'";
      SmallVector<AffineExpr> exprs;
      for (int64_t pos = 0; pos < t.getRank(); ++pos) {
        int64_t l = pos;
        if (term.ellipsis >= 0 && pos >= term.ellipsis) {
          if (pos < term.ellipsis + inEll) {
            int64_t e = ellRank - inEll + (pos - term.ellipsis);
            exprs.push_back(t.getDimSize(pos) == 1 && ellShape[e] != 1
                                ? getAffineConstantExpr(0, ctx)
                                : getAffineDimExpr(ellLoop[e], ctx));
            continue;
          }
          l = pos - inEll;
        }
        exprs.push_back(getAffineDimExpr(letterLoop[term.labels[l]], ctx));
      }
      maps.push_back(AffineMap::get(loops, 0, exprs, ctx));
    }
    SmallVector<AffineExpr> outExprs;
    for (int64_t j = 0; j < outRank; ++j)
      outExprs.push_back(getAffineDimExpr(j, ctx));
    maps.push_back(AffineMap::get(loops, 0, outExprs, ctx));
    SmallVector<utils::IteratorType> iterators(outRank,
                                               utils::IteratorType::parallel);
    iterators.append(reductionLoops, utils::IteratorType::reduction);
    Location loc = op.getLoc();
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{*type}, inputs,
        ValueRange{zeroFilled(rewriter, loc, *type)}, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value p = args[0];
          for (Value v : args.drop_front().drop_back())
            p = mul(b, l, p, v);
          b.create<linalg::YieldOp>(l, add(b, l, args.back(), p));
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

enum class Reduction { Max, Mean, Min, Sum };

/// The reduced dimensions of a Reduce* op (sorted, in [0, rank)), or
/// failure with a diagnostic when the axes are not constant; an empty list
/// means the op is the identity.
template <typename OpTy>
FailureOr<SmallVector<int64_t>> reduceAxes(OpTy op, int64_t rank) {
  std::optional<ArrayRef<int64_t>> axes = op.getStaticAxes();
  if (!axes) {
    op.emitError() << "the CPU backend needs constant reduction axes";
    return failure();
  }
  SmallVector<int64_t> out;
  if (axes->empty() && !op.getNoopWithEmptyAxes())
    for (int64_t i = 0; i < rank; ++i)
      out.push_back(i);
  for (int64_t a : *axes) {
    if (a < -rank || a >= rank) {
      op.emitError() << "axis " << a << " is out of range for rank " << rank;
      return failure();
    }
    out.push_back(a < 0 ? a + rank : a);
  }
  llvm::sort(out);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

/// linalg.reduce over the static axes, from an init of the reduction's
/// identity (0 for sums, -inf / the lowest integer for max, ...); the mean
/// divides the sum by the count (integers: 0 over no elements); 16-bit
/// float sums accumulate in f32; keepdims expands the result back.
template <typename OpTy, Reduction kind>
struct ReduceLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *this->getTypeConverter());
    if (failed(type))
      return failure();
    Value data = adaptor.getData();
    auto in = llvm::cast<RankedTensorType>(data.getType());
    if (!in.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "input is not static");
    FailureOr<SmallVector<int64_t>> axes = reduceAxes(op, in.getRank());
    if (failed(axes))
      return failure();
    if (axes->empty()) {
      rewriter.replaceOp(op, data);
      return success();
    }
    Location loc = op.getLoc();
    Type elt = getElementTypeOrSelf(op.getData());
    RankedTensorType reducedType = dropDims(in, *axes);
    bool isFloat = llvm::isa<FloatType>(elt), isUnsigned = isUnsignedInt(elt);
    // Sums of 16-bit floats accumulate in f32.
    bool sum = kind == Reduction::Sum || kind == Reduction::Mean;
    Type acc = in.getElementType();
    if (sum && isFloat && llvm::cast<FloatType>(elt).getWidth() < 32)
      acc = rewriter.getF32Type();
    RankedTensorType accType = dropDims(in, *axes, acc);
    Value init;
    if (kind == Reduction::Max || kind == Reduction::Min)
      init = extremeValue(rewriter, loc, elt, kind == Reduction::Min);
    else
      init = scalarConstant(rewriter, loc, acc, 0);
    init = filled(rewriter, loc, accType, init);
    auto reduce = rewriter.create<linalg::ReduceOp>(
        loc, ValueRange{data}, ValueRange{init}, *axes,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value x = args[0], a = args[1], r;
          if (kind == Reduction::Max)
            r = isFloat      ? b.create<arith::MaximumFOp>(l, x, a)
                : isUnsigned ? b.create<arith::MaxUIOp>(l, x, a)
                             : (Value)b.create<arith::MaxSIOp>(l, x, a);
          else if (kind == Reduction::Min)
            r = isFloat      ? b.create<arith::MinimumFOp>(l, x, a)
                : isUnsigned ? b.create<arith::MinUIOp>(l, x, a)
                             : (Value)b.create<arith::MinSIOp>(l, x, a);
          else
            r = add(b, l,
                    x.getType() == acc ? x : convertScalar(b, l, x, elt, acc),
                    a);
          b.create<linalg::YieldOp>(l, r);
        });
    Value result = reduce.getResult(0);
    int64_t count = 1;
    for (int64_t a : *axes)
      count *= in.getDimSize(a);
    bool divide = kind == Reduction::Mean && (isFloat || count != 0);
    if (divide || acc != in.getElementType())
      result = *buildElementwise(
          rewriter, loc, reducedType, ValueRange{result},
          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
            Value v = args[0];
            if (divide) {
              Value n = scalarConstant(b, l, acc, count);
              v = isFloat      ? b.create<arith::DivFOp>(l, v, n)
                  : isUnsigned ? b.create<arith::DivUIOp>(l, v, n)
                               : (Value)b.create<arith::DivSIOp>(l, v, n);
            }
            return convertScalar(b, l, v, acc, elt);
          });
    rewriter.replaceOp(op, expandReduced(rewriter, loc, result, *type, *axes));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Comparisons in the total order of TopK and ArgMax
//===----------------------------------------------------------------------===//

/// x < y for graph element type `elt`; floats order NaN above everything
/// (as numpy's sorts do).
Value lessThan(OpBuilder &b, Location loc, Type elt, Value x, Value y) {
  if (!llvm::isa<FloatType>(elt))
    return b.create<arith::CmpIOp>(loc,
                                   isUnsignedInt(elt)
                                       ? arith::CmpIPredicate::ult
                                       : arith::CmpIPredicate::slt,
                                   x, y);
  Value lt = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT, x, y);
  Value xOrdered =
      b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::ORD, x, x);
  Value yNaN = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNO, y, y);
  return b.create<arith::OrIOp>(loc, lt,
                                b.create<arith::AndIOp>(loc, xOrdered, yNaN));
}

/// x == y in the same order (NaN equals NaN).
Value equalTo(OpBuilder &b, Location loc, Type elt, Value x, Value y) {
  if (!llvm::isa<FloatType>(elt))
    return b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, x, y);
  Value eq = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OEQ, x, y);
  Value xNaN = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNO, x, x);
  Value yNaN = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UNO, y, y);
  return b.create<arith::OrIOp>(loc, eq,
                                b.create<arith::AndIOp>(loc, xNaN, yNaN));
}

/// linalg.index(dim) as an i64.
Value indexI64(OpBuilder &b, Location loc, int64_t dim) {
  Value i = b.create<linalg::IndexOp>(loc, dim);
  return b.create<arith::IndexCastOp>(loc, b.getI64Type(), i);
}

//===----------------------------------------------------------------------===//
// ArgMax
//===----------------------------------------------------------------------===//

/// One linalg.generic reducing the axis into (maximum, index): an element
/// replaces the running maximum when greater (or, with select_last_index,
/// not less), NaN counting as the greatest, as numpy's argmax.
struct ArgMaxLowering : OpConversionPattern<graph::ArgMaxOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::ArgMaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    Value data = adaptor.getData();
    auto in = llvm::cast<RankedTensorType>(data.getType());
    int64_t rank = in.getRank();
    int64_t axis = (int64_t)op.getAxis();
    if (axis < 0)
      axis += rank;
    if (!in.hasStaticShape() || axis < 0 || axis >= rank)
      return rewriter.notifyMatchFailure(op, "input not static or bad axis");
    Location loc = op.getLoc();
    Type elt = getElementTypeOrSelf(op.getData());
    RankedTensorType valType = dropDims(in, {axis});
    RankedTensorType idxType = dropDims(in, {axis}, rewriter.getI64Type());
    Value valInit =
        filled(rewriter, loc, valType, extremeValue(rewriter, loc, elt, false));
    Value idxInit = zeroFilled(rewriter, loc, idxType);
    MLIRContext *ctx = rewriter.getContext();
    AffineMap id = AffineMap::getMultiDimIdentityMap(rank, ctx);
    AffineMap outMap = id.dropResult(axis);
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    iterators[axis] = utils::IteratorType::reduction;
    bool last = op.getSelectLastIndex();
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{valType, idxType}, ValueRange{data},
        ValueRange{valInit, idxInit}, ArrayRef<AffineMap>{id, outMap, outMap},
        iterators, [&](OpBuilder &b, Location l, ValueRange args) {
          Value x = args[0], acc = args[1];
          // first: x > acc; last: !(x < acc)
          Value take = last ? b.create<arith::XOrIOp>(
                                  l, lessThan(b, l, elt, x, acc),
                                  b.create<arith::ConstantIntOp>(l, 1, 1))
                            : lessThan(b, l, elt, acc, x);
          Value i = indexI64(b, l, axis);
          b.create<linalg::YieldOp>(
              l, ValueRange{b.create<arith::SelectOp>(l, take, x, acc),
                            b.create<arith::SelectOp>(l, take, i, args[2])});
        });
    rewriter.replaceOp(
        op, expandReduced(rewriter, loc, generic.getResult(1), *type, {axis}));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// CumSum
//===----------------------------------------------------------------------===//

/// The cumulative sum of `x` (static `type`) along `axis` as a log-step
/// scan: for d = 1, 2, 4, ... < n, y[i] += y[i - d] where i >= d (reverse:
/// y[i] += y[i + d] where i + d < n), each step one linalg.generic reading
/// the shifted element with tensor.extract; exclusive then shifts the
/// inclusive sums by one, bringing in a zero.
Value buildScan(OpBuilder &b, Location loc, Value x, RankedTensorType type,
                int64_t axis, bool exclusive, bool reverse) {
  int64_t rank = type.getRank(), n = type.getDimSize(axis);
  // out[i] = (keep ? y[i] : 0) + (i - shift in [0, n) ? y[i - shift] : 0).
  auto step = [&](Value y, int64_t shift, bool keep) -> Value {
    return *buildElementwise(
        b, loc, type, ValueRange{y},
        [&](OpBuilder &nb, Location l, ValueRange args) {
          SmallVector<Value> idx;
          for (int64_t d = 0; d < rank; ++d)
            idx.push_back(nb.create<linalg::IndexOp>(l, d));
          Value i = idx[axis];
          Value j = nb.create<arith::SubIOp>(
              l, i, nb.create<arith::ConstantIndexOp>(l, shift));
          Value inRange = shift > 0
                              ? nb.create<arith::CmpIOp>(
                                    l, arith::CmpIPredicate::sge, j,
                                    nb.create<arith::ConstantIndexOp>(l, 0))
                              : nb.create<arith::CmpIOp>(
                                    l, arith::CmpIPredicate::slt, j,
                                    nb.create<arith::ConstantIndexOp>(l, n));
          idx[axis] = nb.create<arith::SelectOp>(l, inRange, j, i);
          Value v = nb.create<tensor::ExtractOp>(l, y, idx);
          Value zero = scalarConstant(nb, l, v.getType(), 0);
          v = nb.create<arith::SelectOp>(l, inRange, v, zero);
          return keep ? add(nb, l, args[0], v) : v;
        });
  };
  Value y = x;
  for (int64_t d = 1; d < n; d *= 2)
    y = step(y, reverse ? -d : d, true);
  if (exclusive)
    y = step(y, reverse ? -1 : 1, false);
  return y;
}

/// A constant axis scans once; an axis known only at run time scans along
/// every axis and selects the one asked for (negative axes count from the
/// back; an out-of-range axis gives the last axis's scan).
struct CumSumLowering : OpConversionPattern<graph::CumSumOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::CumSumOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    Location loc = op.getLoc();
    int64_t rank = type->getRank();
    bool exclusive = op.getExclusive(), reverse = op.getReverse();
    if (rank == 0)
      return op.emitError("cumsum needs an input of rank at least 1");
    if (std::optional<uint64_t> staticAxis = op.getStaticAxis()) {
      int64_t axis = (int64_t)*staticAxis;
      if (axis < 0)
        axis += rank;
      if (axis < 0 || axis >= rank)
        return op.emitError() << "axis " << axis << " is out of range";
      rewriter.replaceOp(op, buildScan(rewriter, loc, adaptor.getX(), *type,
                                       axis, exclusive, reverse));
      return success();
    }
    auto axisType =
        llvm::dyn_cast<RankedTensorType>(adaptor.getAxis().getType());
    if (!axisType || !axisType.hasStaticShape() ||
        axisType.getNumElements() != 1)
      return op.emitError("the axis must be a one-element tensor");
    SmallVector<Value> zeros(axisType.getRank(),
                             rewriter.create<arith::ConstantIndexOp>(loc, 0));
    Value axis =
        rewriter.create<tensor::ExtractOp>(loc, adaptor.getAxis(), zeros);
    Type i64 = rewriter.getI64Type();
    axis = convertScalar(rewriter, loc, axis,
                         getElementTypeOrSelf(op.getAxis()), i64);
    Value r = scalarConstant(rewriter, loc, i64, rank);
    Value negative =
        rewriter.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, axis,
                                       scalarConstant(rewriter, loc, i64, 0));
    axis = rewriter.create<arith::SelectOp>(
        loc, negative, rewriter.create<arith::AddIOp>(loc, axis, r), axis);
    Value y = buildScan(rewriter, loc, adaptor.getX(), *type, rank - 1,
                        exclusive, reverse);
    for (int64_t a = rank - 2; a >= 0; --a) {
      Value is =
          rewriter.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, axis,
                                         scalarConstant(rewriter, loc, i64, a));
      y = rewriter.create<arith::SelectOp>(loc, is,
                                           buildScan(rewriter, loc,
                                                     adaptor.getX(), *type, a,
                                                     exclusive, reverse),
                                           y);
    }
    rewriter.replaceOp(op, y);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// TopK
//===----------------------------------------------------------------------===//

/// TopK's order: x (at index ix) comes before y (at iy) if it is greater
/// (smaller when !largest; NaN above all, as ONNX's reference sorts), or
/// equal at a lower index. The indices are i64.
Value topkBefore(OpBuilder &b, Location loc, Type elt, bool largest, Value x,
                 Value ix, Value y, Value iy) {
  Value first =
      largest ? lessThan(b, loc, elt, y, x) : lessThan(b, loc, elt, x, y);
  Value tie = b.create<arith::AndIOp>(
      loc, equalTo(b, loc, elt, x, y),
      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, ix, iy));
  return b.create<arith::OrIOp>(loc, first, tie);
}

/// linalg.index of every loop, with `axis`'s replaced by `at` if given.
SmallVector<Value> loopIndices(OpBuilder &b, Location loc, int64_t rank,
                               int64_t axis, Value at = {}) {
  SmallVector<Value> idx;
  for (int64_t d = 0; d < rank; ++d)
    idx.push_back(d == axis && at ? at : b.create<linalg::IndexOp>(loc, d));
  return idx;
}

/// Axes up to this size take the rank-counting TopK (n^2 comparisons in two
/// generics); longer ones a bitonic sort (n log^2 n, in log^2 n generics).
constexpr int64_t kTopKRankLimit = 128;

/// Small axes: the first generic counts, for each element, the elements
/// that come before it along the axis, which gives its rank; the second
/// gathers, for output position j, the element of rank j and its index.
std::pair<Value, Value> topkByRank(OpBuilder &b, Location loc, Value x,
                                   int64_t axis, Type elt, bool largest,
                                   RankedTensorType valuesType,
                                   RankedTensorType indicesType) {
  auto in = llvm::cast<RankedTensorType>(x.getType());
  int64_t rank = in.getRank();
  MLIRContext *ctx = b.getContext();
  // Loops: the tensor's dimensions, then one more along the axis.
  AffineMap id = AffineMap::getMultiDimIdentityMap(rank + 1, ctx);
  AffineMap outer = id.getMajorSubMap(rank);
  AffineMap alongAxis = outer.replace(getAffineDimExpr(axis, ctx),
                                      getAffineDimExpr(rank, ctx), rank + 1, 0);
  SmallVector<utils::IteratorType> iterators(rank + 1,
                                             utils::IteratorType::parallel);
  iterators.back() = utils::IteratorType::reduction;
  auto rankType = RankedTensorType::get(in.getShape(), b.getI64Type());
  auto ranks = b.create<linalg::GenericOp>(
      loc, TypeRange{rankType}, ValueRange{x, x},
      ValueRange{zeroFilled(b, loc, rankType)},
      ArrayRef<AffineMap>{outer, alongAxis, outer}, iterators,
      [&](OpBuilder &nb, Location l, ValueRange args) {
        Value i = indexI64(nb, l, axis), j = indexI64(nb, l, rank);
        Value before = topkBefore(nb, l, elt, largest, args[1], j, args[0], i);
        Value one = nb.create<arith::ExtUIOp>(l, nb.getI64Type(), before);
        nb.create<linalg::YieldOp>(
            l, ValueRange{nb.create<arith::AddIOp>(l, args[2], one)});
      });
  auto gather = b.create<linalg::GenericOp>(
      loc, TypeRange{valuesType, indicesType},
      ValueRange{x, ranks.getResult(0)},
      ValueRange{zeroFilled(b, loc, valuesType),
                 zeroFilled(b, loc, indicesType)},
      ArrayRef<AffineMap>{alongAxis, alongAxis, outer, outer}, iterators,
      [&](OpBuilder &nb, Location l, ValueRange args) {
        Value j = indexI64(nb, l, axis), i = indexI64(nb, l, rank);
        Value hit =
            nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, args[1], j);
        nb.create<linalg::YieldOp>(
            l, ValueRange{nb.create<arith::SelectOp>(l, hit, args[0], args[2]),
                          nb.create<arith::SelectOp>(l, hit, i, args[3])});
      });
  return {gather.getResult(0), gather.getResult(1)};
}

/// Long axes: a bitonic sort of (value, index) pairs along the axis padded
/// to a power of two P (padding sorts last), one linalg.generic per
/// compare-exchange stage, each element reading its partner (i xor j) with
/// tensor.extract; then the first k are gathered.
std::pair<Value, Value> topkBySort(OpBuilder &b, Location loc, Value x,
                                   int64_t axis, Type elt, bool largest,
                                   RankedTensorType valuesType,
                                   RankedTensorType indicesType) {
  auto in = llvm::cast<RankedTensorType>(x.getType());
  int64_t rank = in.getRank(), n = in.getDimSize(axis);
  int64_t p = (int64_t)llvm::PowerOf2Ceil(n);
  SmallVector<int64_t> shape(in.getShape());
  shape[axis] = p;
  Type i64 = b.getI64Type();
  auto valType = RankedTensorType::get(shape, in.getElementType());
  auto idxType = RankedTensorType::get(shape, i64);
  AffineMap id = AffineMap::getMultiDimIdentityMap(rank, b.getContext());
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto empty = [&](RankedTensorType t) -> Value {
    return b.create<tensor::EmptyOp>(loc, t.getShape(), t.getElementType());
  };
  // (x padded, its indices).
  auto init = b.create<linalg::GenericOp>(
      loc, TypeRange{valType, idxType}, ValueRange{},
      ValueRange{empty(valType), empty(idxType)}, ArrayRef<AffineMap>{id, id},
      iterators, [&](OpBuilder &nb, Location l, ValueRange) {
        Value i = nb.create<linalg::IndexOp>(l, axis);
        Value real =
            nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::ult, i,
                                     nb.create<arith::ConstantIndexOp>(l, n));
        Value at = nb.create<arith::SelectOp>(
            l, real, i, nb.create<arith::ConstantIndexOp>(l, 0));
        Value v = nb.create<tensor::ExtractOp>(
            l, x, loopIndices(nb, l, rank, axis, at));
        nb.create<linalg::YieldOp>(
            l, ValueRange{v, nb.create<arith::IndexCastOp>(l, i64, i)});
      });
  Value vals = init.getResult(0), idxs = init.getResult(1);
  for (int64_t k = 2; k <= p; k *= 2) {
    for (int64_t j = k / 2; j > 0; j /= 2) {
      Value curVals = vals, curIdxs = idxs;
      auto stage = b.create<linalg::GenericOp>(
          loc, TypeRange{valType, idxType}, ValueRange{curVals, curIdxs},
          ValueRange{empty(valType), empty(idxType)},
          ArrayRef<AffineMap>{id, id, id, id}, iterators,
          [&](OpBuilder &nb, Location l, ValueRange args) {
            Value i = nb.create<linalg::IndexOp>(l, axis);
            Value partner = nb.create<arith::XOrIOp>(
                l, i, nb.create<arith::ConstantIndexOp>(l, j));
            SmallVector<Value> at = loopIndices(nb, l, rank, axis, partner);
            Value vl = nb.create<tensor::ExtractOp>(l, curVals, at);
            Value il = nb.create<tensor::ExtractOp>(l, curIdxs, at);
            Value vi = args[0], ii = args[1];
            // Padding (index >= n) comes after everything.
            Value nn = nb.create<arith::ConstantIntOp>(l, n, 64);
            Value padL =
                nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::sge, il, nn);
            Value padI =
                nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::sge, ii, nn);
            Value lower =
                nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt, il, ii);
            Value real = nb.create<arith::OrIOp>(
                l, padI, topkBefore(nb, l, elt, largest, vl, il, vi, ii));
            Value bothPad = nb.create<arith::AndIOp>(l, padI, lower);
            Value partnerFirst =
                nb.create<arith::SelectOp>(l, padL, bothPad, real);
            // Ascending runs where i & k == 0; the lower position of a pair
            // takes the first element in an ascending run.
            Value up = nb.create<arith::CmpIOp>(
                l, arith::CmpIPredicate::eq,
                nb.create<arith::AndIOp>(
                    l, i, nb.create<arith::ConstantIndexOp>(l, k)),
                nb.create<arith::ConstantIndexOp>(l, 0));
            Value iLower = nb.create<arith::CmpIOp>(
                l, arith::CmpIPredicate::ult, i, partner);
            Value flip = nb.create<arith::XOrIOp>(l, iLower, up);
            Value take = nb.create<arith::XOrIOp>(l, partnerFirst, flip);
            nb.create<linalg::YieldOp>(
                l, ValueRange{nb.create<arith::SelectOp>(l, take, vl, vi),
                              nb.create<arith::SelectOp>(l, take, il, ii)});
          });
      vals = stage.getResult(0);
      idxs = stage.getResult(1);
    }
  }
  AffineMap outId = AffineMap::getMultiDimIdentityMap(rank, b.getContext());
  auto gather = b.create<linalg::GenericOp>(
      loc, TypeRange{valuesType, indicesType}, ValueRange{},
      ValueRange{empty(valuesType), empty(indicesType)},
      ArrayRef<AffineMap>{outId, outId}, iterators,
      [&](OpBuilder &nb, Location l, ValueRange) {
        SmallVector<Value> at = loopIndices(nb, l, rank, axis);
        nb.create<linalg::YieldOp>(
            l, ValueRange{nb.create<tensor::ExtractOp>(l, vals, at),
                          nb.create<tensor::ExtractOp>(l, idxs, at)});
      });
  return {gather.getResult(0), gather.getResult(1)};
}

/// The k first elements along the axis in TopK's order (see topkBefore),
/// and their indices: by rank counting for short axes, else by a bitonic
/// sort.
struct TopKLowering : OpConversionPattern<graph::TopKOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::TopKOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> valuesType =
        staticResultType(op, *getTypeConverter(), 0);
    if (failed(valuesType))
      return failure();
    FailureOr<RankedTensorType> indicesType =
        staticResultType(op, *getTypeConverter(), 1);
    if (failed(indicesType))
      return failure();
    if (!op.getStaticK())
      return op.emitError() << "the CPU backend needs a constant k";
    Value x = adaptor.getX();
    auto in = llvm::cast<RankedTensorType>(x.getType());
    int64_t rank = in.getRank();
    int64_t axis = (int64_t)op.getAxis();
    if (axis < 0)
      axis += rank;
    if (!in.hasStaticShape() || axis < 0 || axis >= rank)
      return rewriter.notifyMatchFailure(op, "input not static or bad axis");
    if (valuesType->getDimSize(axis) > in.getDimSize(axis))
      return op.emitError() << "k exceeds the axis's size";
    Type elt = getElementTypeOrSelf(op.getX());
    auto build =
        in.getDimSize(axis) <= kTopKRankLimit ? topkByRank : topkBySort;
    auto [values, indices] = build(rewriter, op.getLoc(), x, axis, elt,
                                   op.getLargest(), *valuesType, *indicesType);
    rewriter.replaceOp(op, {values, indices});
    return success();
  }
};

} // namespace

Value buildMatMul(OpBuilder &b, Location loc, Value lhs, Value rhs,
                  RankedTensorType type) {
  auto a = llvm::cast<RankedTensorType>(lhs.getType());
  auto bt = llvm::cast<RankedTensorType>(rhs.getType());
  int64_t ra = a.getRank(), rb = bt.getRank();
  auto named = [&](auto tag) -> Value {
    using OpTy = decltype(tag);
    return b
        .create<OpTy>(loc, ValueRange{lhs, rhs},
                      ValueRange{zeroFilled(b, loc, type)})
        .getResult(0);
  };
  if (ra == 2 && rb == 2)
    return named(linalg::MatmulOp());
  if (ra == 2 && rb == 1)
    return named(linalg::MatvecOp());
  if (ra == 1 && rb == 2)
    return named(linalg::VecmatOp());
  if (ra == 1 && rb == 1)
    return named(linalg::DotOp());
  if (ra == 3 && rb == 3 && a.getDimSize(0) == bt.getDimSize(0))
    return named(linalg::BatchMatmulOp());
  if (ra == rb && ra > 3 &&
      a.getShape().drop_back(2) == bt.getShape().drop_back(2)) {
    // [batch..., M, K] x [batch..., K, N] with equal batch dimensions: one
    // batch_matmul over the flattened batch.
    SmallVector<ReassociationIndices> groups(3);
    int64_t batch = 1;
    for (int64_t i = 0; i < ra - 2; ++i) {
      groups[0].push_back(i);
      batch *= a.getDimSize(i);
    }
    groups[1].push_back(ra - 2);
    groups[2].push_back(ra - 1);
    Value fa = b.create<tensor::CollapseShapeOp>(loc, lhs, groups);
    Value fb = b.create<tensor::CollapseShapeOp>(loc, rhs, groups);
    auto flatType = RankedTensorType::get(
        {batch, type.getDimSize(ra - 2), type.getDimSize(ra - 1)},
        type.getElementType());
    Value product =
        b.create<linalg::BatchMatmulOp>(loc, ValueRange{fa, fb},
                                        ValueRange{zeroFilled(b, loc, flatType)})
            .getResult(0);
    return b.create<tensor::ExpandShapeOp>(loc, type, product, groups);
  }
  if (ra >= 3 && rb == 2) {
    // [batch..., M, K] x [K, N]: one [batch * M, K] x [K, N] matmul.
    SmallVector<ReassociationIndices> groups(2);
    int64_t rows = 1;
    for (int64_t i = 0; i < ra - 1; ++i) {
      groups[0].push_back(i);
      rows *= a.getDimSize(i);
    }
    groups[1].push_back(ra - 1);
    Value flat = b.create<tensor::CollapseShapeOp>(loc, lhs, groups);
    auto flatType =
        RankedTensorType::get({rows, bt.getDimSize(1)}, type.getElementType());
    Value product =
        b.create<linalg::MatmulOp>(loc, ValueRange{flat, rhs},
                                   ValueRange{zeroFilled(b, loc, flatType)})
            .getResult(0);
    return b.create<tensor::ExpandShapeOp>(loc, type, product, groups);
  }
  return buildGenericMatMul(b, loc, lhs, rhs, type);
}

void populateLinalgLoweringPatterns(const TypeConverter &converter,
                                    RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<MatMulLowering, GemmLowering, EinsumLowering, ArgMaxLowering,
               CumSumLowering, TopKLowering>(converter, ctx);
  patterns.add<ReduceLowering<graph::ReduceMaxOp, Reduction::Max>,
               ReduceLowering<graph::ReduceMeanOp, Reduction::Mean>,
               ReduceLowering<graph::ReduceMinOp, Reduction::Min>,
               ReduceLowering<graph::ReduceSumOp, Reduction::Sum>>(converter,
                                                                   ctx);
}

} // namespace mlc::lowering
