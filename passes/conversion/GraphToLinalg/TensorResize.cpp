//===- TensorResize.cpp - lowering of graph.resize
//-------------------------===//
//
// Resize interpolation is separable, and with static shapes, scales and roi
// every axis's mapping from output to input indices is known at compile
// time. The lowering:
//   1. For each resized axis, computes (as ONNX's reference does, in double)
//      the source coordinate of every output index, the interpolation taps
//      (input indices, edge-clamped) and their weights (nearest, linear,
//      cubic, with antialias and exclude_outside), and for
//      tf_crop_and_resize which output indices extrapolate.
//   2. Classifies the axis: identity (skipped), gather (every output index
//      reads one input index with weight 1: all nearest modes, integral
//      coordinates), or weighted (a fixed number of taps per index).
//   3. Emits one linalg.generic over the output whose body computes the input
//      coordinates from constant per-axis tables and reads the input with
//      tensor.extract. Weighted axes add one reduction loop each (over the
//      taps) accumulating w_0 * w_1 * ... * x in f32 (f64 for f64 and integer
//      data); a second, elementwise generic then rounds and saturates to the
//      element type (ONNX: round half to even for integers).
//   4. Output indices that extrapolate (tf_crop_and_resize) yield
//      extrapolation_value.
//
//===----------------------------------------------------------------------===//

#include "dialects/graph/IR/GraphOps.h"
#include "passes/conversion/GraphToLinalg/LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;

namespace mlc::lowering {
namespace {

/// The interpolation attributes of one resize.
struct ResizeParams {
  StringRef mode, ctm, nearestMode;
  double cubicA;
  bool excludeOutside, antialias;
};

/// How the output indices of one axis read the input.
struct AxisPlan {
  enum Kind { Identity, Gather, Weighted } kind = Identity;
  int64_t taps = 1;
  /// Gather: one input index per output index; Weighted: `taps` each.
  SmallVector<int64_t> index;
  /// Weighted: the weight of each tap.
  SmallVector<double> weight;
  /// tf_crop_and_resize: whether each output index extrapolates (empty when
  /// none does).
  SmallVector<bool> extrapolated;
};

bool isClose(double a, double b) {
  return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b));
}

/// The weights of the taps at ratio in (0, 1] (ONNX reference semantics).
SmallVector<double> coefficients(const ResizeParams &p, double ratio,
                                 double scale) {
  if (p.mode == "nearest") {
    if (ratio == std::floor(ratio))
      return {0, 1};
    bool up;
    if (p.nearestMode == "round_prefer_ceil")
      up = ratio >= 0.5;
    else if (p.nearestMode == "floor")
      up = false;
    else if (p.nearestMode == "ceil")
      up = true;
    else // round_prefer_floor
      up = ratio > 0.5;
    return {up ? 0.0 : 1.0, up ? 1.0 : 0.0};
  }
  SmallVector<double> c;
  if (p.mode == "linear") {
    if (!p.antialias)
      return {1 - ratio, ratio};
    double s = std::min(scale, 1.0);
    int64_t start = (int64_t)std::floor(-1 / s) + 1;
    int64_t footprint = 2 - 2 * start;
    for (int64_t i = start; i < start + footprint; ++i)
      c.push_back(std::clamp(1 - std::abs((i - ratio) * s), 0.0, 1.0));
  } else { // cubic
    double a = p.cubicA;
    if (!p.antialias) {
      double r1 = ratio + 1, q = 1 - ratio, q1 = q + 1;
      return {((a * r1 - 5 * a) * r1 + 8 * a) * r1 - 4 * a,
              ((a + 2) * ratio - (a + 3)) * ratio * ratio + 1,
              ((a + 2) * q - (a + 3)) * q * q + 1,
              ((a * q1 - 5 * a) * q1 + 8 * a) * q1 - 4 * a};
    }
    double s = std::min(scale, 1.0);
    auto coeff = [&](double x) {
      x = std::abs(x);
      double x2 = x * x, x3 = x * x2;
      if (x <= 1)
        return (a + 2) * x3 - (a + 3) * x2 + 1;
      if (x < 2)
        return a * x3 - 5 * a * x2 + 8 * a * x - 4 * a;
      return 0.0;
    };
    int64_t start = (int64_t)std::floor(-2 / s) + 1, end = 2 - start;
    for (int64_t i = start; i < end; ++i)
      c.push_back(coeff(s * (i - ratio)));
  }
  double sum = 0;
  for (double v : c)
    sum += v;
  for (double &v : c)
    v /= sum;
  return c;
}

/// The source coordinate of output index `y` (ONNX reference semantics).
double sourceCoordinate(StringRef ctm, double y, double scale, int64_t in,
                        int64_t out, float roiStart, float roiEnd) {
  double outWidth = scale * (double)in;
  if (ctm == "align_corners")
    return outWidth == 1 ? 0.0 : y * (double)(in - 1) / (outWidth - 1);
  if (ctm == "asymmetric")
    return y / scale;
  if (ctm == "tf_crop_and_resize") {
    double extent = (double)(roiEnd - roiStart);
    double x = outWidth == 1 ? extent * (double)(in - 1) / 2
                             : y * extent * (double)(in - 1) / (outWidth - 1);
    return x + (double)(roiStart * (float)(in - 1));
  }
  if (ctm == "pytorch_half_pixel")
    return outWidth == 1 ? -0.5 : (y + 0.5) / scale - 0.5;
  if (ctm == "half_pixel_symmetric") {
    double adjustment = (double)out / outWidth;
    double center = (double)in / 2;
    double offset = center * (1 - adjustment);
    return offset + (y + 0.5) / scale - 0.5;
  }
  return (y + 0.5) / scale - 0.5; // half_pixel
}

/// The plan of one resized axis of `in` -> `out` elements.
AxisPlan planAxis(const ResizeParams &p, int64_t in, int64_t out, double scale,
                  std::optional<std::pair<float, float>> roi) {
  AxisPlan plan;
  if (out == in && isClose(scale, 1.0) &&
      (!roi || (roi->first == 0 && isClose(roi->second, 1.0))))
    return plan;
  float roiStart = roi ? roi->first : 0, roiEnd = roi ? roi->second : 1;
  bool anyExtrapolated = false;
  SmallVector<SmallVector<double>> weights;
  SmallVector<SmallVector<int64_t>> indices;
  for (int64_t y = 0; y < out; ++y) {
    double x =
        sourceCoordinate(p.ctm, (double)y, scale, in, out, roiStart, roiEnd);
    bool extrapolated =
        p.ctm == "tf_crop_and_resize" && (x < 0 || x > (double)(in - 1));
    plan.extrapolated.push_back(extrapolated);
    anyExtrapolated |= extrapolated;
    double xFloor = std::floor(x);
    double ratio = x == xFloor ? 1.0 : x - xFloor;
    SmallVector<double> c = coefficients(p, ratio, scale);
    int64_t n = c.size();
    // The n input indices nearest to x, ties to the smaller ones.
    int64_t pad = (n + 1) / 2;
    double xp = x + (double)pad;
    double pFloor = std::floor(xp);
    double frac = xp - pFloor;
    int64_t offset = n % 2 == 0
                         ? (frac == 0 ? -(n / 2) : -(n / 2) + 1)
                         : (frac <= 0.5 ? -((n - 1) / 2) : -((n - 1) / 2) + 1);
    SmallVector<int64_t> idx;
    for (int64_t k = 0; k < n; ++k)
      idx.push_back((int64_t)pFloor + offset + k - pad);
    if (p.excludeOutside) {
      double sum = 0;
      for (int64_t k = 0; k < n; ++k) {
        if (idx[k] < 0 || idx[k] >= in)
          c[k] = 0;
        sum += c[k];
      }
      if (sum == 0)
        sum = 1;
      for (double &v : c)
        v /= sum;
    }
    for (int64_t &i : idx)
      i = std::clamp<int64_t>(i, 0, in - 1);
    weights.push_back(std::move(c));
    indices.push_back(std::move(idx));
  }
  if (!anyExtrapolated)
    plan.extrapolated.clear();
  // Gather when every output index reads one input index with weight 1.
  bool gather = true;
  for (auto [c, idx] : llvm::zip(weights, indices)) {
    int64_t nonzero = 0, at = 0;
    for (auto [k, w] : llvm::enumerate(c))
      if (w != 0) {
        ++nonzero;
        at = idx[k];
        gather &= w == 1.0;
      }
    gather &= nonzero == 1;
    if (!gather)
      break;
    plan.index.push_back(at);
  }
  if (gather) {
    plan.kind = AxisPlan::Gather;
    return plan;
  }
  plan.kind = AxisPlan::Weighted;
  plan.index.clear();
  plan.taps = weights.empty() ? 1 : (int64_t)weights.front().size();
  for (auto [c, idx] : llvm::zip(weights, indices)) {
    llvm::append_range(plan.weight, c);
    llvm::append_range(plan.index, idx);
  }
  return plan;
}

/// `v` (a float) as the integer graph type `elt`: round half to even, then
/// saturate.
Value roundToInteger(OpBuilder &b, Location loc, Value v, Type elt) {
  auto intType = llvm::cast<IntegerType>(elt);
  Type ft = v.getType();
  v = b.create<math::RoundEvenOp>(loc, v);
  if (intType.getWidth() == 1)
    return convertScalar(b, loc, v, ft, elt);
  unsigned w = intType.getWidth();
  bool isUnsigned = intType.isUnsigned();
  double lo = isUnsigned ? 0.0 : -std::ldexp(1.0, w - 1);
  double hi = isUnsigned ? std::ldexp(1.0, w) - 1 : std::ldexp(1.0, w - 1) - 1;
  if (w >= 53) // keep the bound representable and below 2^(w-1)
    hi = std::nextafter(std::ldexp(1.0, isUnsigned ? w : w - 1), 0.0);
  v = b.create<arith::MaximumFOp>(loc, v, scalarConstant(b, loc, ft, lo));
  v = b.create<arith::MinimumFOp>(loc, v, scalarConstant(b, loc, ft, hi));
  return convertScalar(b, loc, v, ft, elt);
}

struct ResizeLowering : OpConversionPattern<graph::ResizeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(graph::ResizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    Value input = adaptor.getInput();
    auto inType = llvm::dyn_cast<RankedTensorType>(input.getType());
    if (!inType || !inType.hasStaticShape())
      return op.emitError() << "the CPU backend needs static shapes; the input "
                               "is "
                            << input.getType();
    FailureOr<SmallVector<AxisPlan>> plans = planAxes(op, inType, *type);
    if (failed(plans))
      return failure();
    if (llvm::all_of(*plans, [](const AxisPlan &p) {
          return p.kind == AxisPlan::Identity;
        })) {
      rewriter.replaceOp(op, input);
      return success();
    }
    rewriter.replaceOp(op, build(rewriter, op, input, *type, *plans));
    return success();
  }

  /// Scales (or sizes), roi and axes to one plan per dimension.
  static FailureOr<SmallVector<AxisPlan>> planAxes(graph::ResizeOp op,
                                                   RankedTensorType inType,
                                                   RankedTensorType outType) {
    int64_t rank = inType.getRank();
    SmallVector<int64_t> axes =
        op.getAxes() ? llvm::to_vector(*op.getAxes())
                     : llvm::to_vector(llvm::seq<int64_t>(0, rank));
    for (int64_t &a : axes)
      if (a < 0)
        a += rank;
    size_t n = axes.size();
    ResizeParams p{
        op.getMode(),           op.getCoordinateTransformationMode(),
        op.getNearestMode(),    op.getCubicCoeffA().convertToDouble(),
        op.getExcludeOutside(), op.getAntialias()};
    SmallVector<double> scales(n);
    if (std::optional<ArrayRef<float>> s = op.getStaticScales()) {
      if (s->size() != n)
        return op.emitError("has scales that do not match its axes");
      for (size_t i = 0; i < n; ++i)
        scales[i] = (*s)[i];
    } else {
      SmallVector<int64_t> sizes;
      if (std::optional<ArrayRef<int64_t>> s = op.getStaticSizes())
        sizes = llvm::to_vector(*s);
      else if (!llvm::isa<NoneType>(op.getSizes().getType()) &&
               op.getKeepAspectRatioPolicy() == "stretch")
        for (int64_t a : axes)
          sizes.push_back(outType.getDimSize(a));
      else
        return op.emitError("the CPU backend needs constant scales or sizes");
      if (sizes.size() != n)
        return op.emitError("has sizes that do not match its axes");
      for (size_t i = 0; i < n; ++i)
        scales[i] = (double)sizes[i] / (double)inType.getDimSize(axes[i]);
      StringRef policy = op.getKeepAspectRatioPolicy();
      if (policy != "stretch" && n > 0) {
        double s = scales[0];
        for (double v : scales)
          s = policy == "not_larger" ? std::min(s, v) : std::max(s, v);
        scales.assign(n, s);
      }
    }
    std::optional<ArrayRef<float>> roi;
    if (p.ctm == "tf_crop_and_resize") {
      roi = op.getStaticRoi();
      if (!roi)
        return op.emitError(
            "the CPU backend needs a constant roi for tf_crop_and_resize");
      if (roi->size() != 2 * n)
        return op.emitError("has a roi that does not match its axes");
    }
    SmallVector<AxisPlan> plans(rank);
    for (size_t i = 0; i < n; ++i) {
      int64_t a = axes[i];
      if (a < 0 || a >= rank)
        return op.emitError("has an axis out of range");
      std::optional<std::pair<float, float>> axisRoi;
      if (roi)
        axisRoi = std::make_pair((*roi)[i], (*roi)[i + n]);
      int64_t in = inType.getDimSize(a), out = outType.getDimSize(a);
      if (in == 0 && out != 0)
        return op.emitError("cannot resize an empty dimension");
      if (out == 0)
        continue;
      plans[a] = planAxis(p, in, out, scales[i], axisRoi);
    }
    for (int64_t d = 0; d < rank; ++d)
      if (plans[d].kind == AxisPlan::Identity &&
          inType.getDimSize(d) != outType.getDimSize(d) &&
          outType.getDimSize(d) != 0)
        return op.emitError("has a result shape that does not match its "
                            "scales or sizes");
    return plans;
  }

  /// The linalg.generic(s) of the plans.
  static Value build(OpBuilder &b, graph::ResizeOp op, Value input,
                     RankedTensorType type, ArrayRef<AxisPlan> plans) {
    Location loc = op.getLoc();
    MLIRContext *ctx = b.getContext();
    Type graphElt = getElementTypeOrSelf(op.getInput());
    Type elt = type.getElementType();
    int64_t rank = type.getRank();
    if (type.getNumElements() == 0)
      return b.create<tensor::EmptyOp>(loc, type.getShape(), elt);
    bool weighted = llvm::any_of(
        plans, [](const AxisPlan &p) { return p.kind == AxisPlan::Weighted; });
    Type accType = b.getF32Type();
    if (elt.isF64() || llvm::isa<IntegerType>(elt))
      accType = b.getF64Type();
    Type valueType = weighted ? accType : elt;

    // Loops: the output dimensions, then one tap loop per weighted axis.
    SmallVector<int64_t> tapLoop(rank, -1);
    int64_t numLoops = rank;
    for (int64_t d = 0; d < rank; ++d)
      if (plans[d].kind == AxisPlan::Weighted)
        tapLoop[d] = numLoops++;
    auto i64 = b.getI64Type();
    SmallVector<Value> inputs;
    SmallVector<AffineMap> maps;
    auto dim = [&](int64_t d) { return b.getAffineDimExpr(d); };
    for (int64_t d = 0; d < rank; ++d) {
      const AxisPlan &p = plans[d];
      int64_t out = type.getDimSize(d);
      if (p.kind == AxisPlan::Gather) {
        inputs.push_back(b.create<arith::ConstantOp>(
            loc, DenseElementsAttr::get(RankedTensorType::get({out}, i64),
                                        ArrayRef<int64_t>(p.index))));
        maps.push_back(AffineMap::get(numLoops, 0, {dim(d)}, ctx));
      } else if (p.kind == AxisPlan::Weighted) {
        auto tableType = RankedTensorType::get({out, p.taps}, i64);
        inputs.push_back(b.create<arith::ConstantOp>(
            loc,
            DenseElementsAttr::get(tableType, ArrayRef<int64_t>(p.index))));
        auto weightType = RankedTensorType::get({out, p.taps}, accType);
        DenseElementsAttr weights;
        if (accType.isF64()) {
          weights =
              DenseElementsAttr::get(weightType, ArrayRef<double>(p.weight));
        } else {
          SmallVector<float> w(p.weight.begin(), p.weight.end());
          weights = DenseElementsAttr::get(weightType, ArrayRef<float>(w));
        }
        inputs.push_back(b.create<arith::ConstantOp>(loc, weights));
        AffineMap map =
            AffineMap::get(numLoops, 0, {dim(d), dim(tapLoop[d])}, ctx);
        maps.append({map, map});
      }
    }
    int64_t numTables = inputs.size();
    // The extrapolation masks are applied after the reduction, if any.
    SmallVector<Value> masks;
    SmallVector<AffineMap> maskMaps;
    for (int64_t d = 0; d < rank; ++d) {
      const AxisPlan &p = plans[d];
      if (p.extrapolated.empty())
        continue;
      SmallVector<int8_t> m(p.extrapolated.begin(), p.extrapolated.end());
      masks.push_back(b.create<arith::ConstantOp>(
          loc, DenseElementsAttr::get(
                   RankedTensorType::get({type.getDimSize(d)}, b.getI8Type()),
                   ArrayRef<int8_t>(m))));
      maskMaps.push_back(AffineMap::get(rank, 0, {dim(d)}, ctx));
    }
    Value extrapolation;
    if (!masks.empty())
      extrapolation = extrapolationConstant(
          b, loc, op.getExtrapolationValue().convertToDouble(), graphElt,
          valueType);
    auto applyMasks = [&](OpBuilder &nb, Location l, ValueRange maskArgs,
                          Value v) {
      if (maskArgs.empty())
        return v;
      Value zero = nb.create<arith::ConstantIntOp>(l, 0, 8);
      Value any;
      for (Value m : maskArgs) {
        Value set =
            nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::ne, m, zero);
        any = any ? nb.create<arith::OrIOp>(l, any, set).getResult() : set;
      }
      return nb.create<arith::SelectOp>(l, any, extrapolation, v).getResult();
    };

    // The interpolation: reads the input at the tables' indices.
    auto readInput = [&](OpBuilder &nb, Location l, ValueRange tables,
                         Value &weight) {
      SmallVector<Value> coords;
      unsigned next = 0;
      for (int64_t d = 0; d < rank; ++d) {
        const AxisPlan &p = plans[d];
        if (p.kind == AxisPlan::Identity) {
          coords.push_back(nb.create<linalg::IndexOp>(l, d));
          continue;
        }
        coords.push_back(nb.create<arith::IndexCastOp>(l, nb.getIndexType(),
                                                       tables[next++]));
        if (p.kind == AxisPlan::Weighted) {
          Value w = tables[next++];
          weight =
              weight ? nb.create<arith::MulFOp>(l, weight, w).getResult() : w;
        }
      }
      return nb.create<tensor::ExtractOp>(l, input, coords).getResult();
    };

    Value init = b.create<tensor::EmptyOp>(loc, type.getShape(), valueType);
    if (!weighted) {
      llvm::append_range(inputs, masks);
      llvm::append_range(maps, maskMaps);
      maps.push_back(b.getMultiDimIdentityMap(rank));
      SmallVector<utils::IteratorType> iterators(rank,
                                                 utils::IteratorType::parallel);
      return b
          .create<linalg::GenericOp>(
              loc, TypeRange{type}, inputs, ValueRange{init}, maps, iterators,
              [&](OpBuilder &nb, Location l, ValueRange args) {
                Value weight;
                Value v = readInput(nb, l, args.take_front(numTables), weight);
                v = applyMasks(nb, l, args.slice(numTables, masks.size()), v);
                nb.create<linalg::YieldOp>(l, v);
              })
          .getResult(0);
    }

    Value zero = scalarConstant(b, loc, accType, 0);
    Value acc = b.create<linalg::FillOp>(loc, zero, init).getResult(0);
    SmallVector<AffineExpr> outExprs;
    for (int64_t d = 0; d < rank; ++d)
      outExprs.push_back(dim(d));
    maps.push_back(AffineMap::get(numLoops, 0, outExprs, ctx));
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    iterators.resize(numLoops, utils::IteratorType::reduction);
    acc = b.create<linalg::GenericOp>(
               loc, TypeRange{acc.getType()}, inputs, ValueRange{acc}, maps,
               iterators,
               [&](OpBuilder &nb, Location l, ValueRange args) {
                 Value weight;
                 Value v = readInput(nb, l, args.drop_back(), weight);
                 v = convertScalar(nb, l, v, graphElt, accType);
                 v = nb.create<arith::MulFOp>(l, weight, v);
                 v = nb.create<arith::AddFOp>(l, args.back(), v);
                 nb.create<linalg::YieldOp>(l, v);
               })
              .getResult(0);
    if (elt == accType && masks.empty())
      return acc;

    // Rounding, saturation and extrapolation.
    SmallVector<Value> finalInputs{acc};
    llvm::append_range(finalInputs, masks);
    SmallVector<AffineMap> finalMaps{b.getMultiDimIdentityMap(rank)};
    llvm::append_range(finalMaps, maskMaps);
    finalMaps.push_back(b.getMultiDimIdentityMap(rank));
    Value out = b.create<tensor::EmptyOp>(loc, type.getShape(), elt);
    SmallVector<utils::IteratorType> parallel(rank,
                                              utils::IteratorType::parallel);
    return b
        .create<linalg::GenericOp>(
            loc, TypeRange{type}, finalInputs, ValueRange{out}, finalMaps,
            parallel,
            [&](OpBuilder &nb, Location l, ValueRange args) {
              Value v = applyMasks(nb, l, args.slice(1, masks.size()), args[0]);
              if (llvm::isa<IntegerType>(graphElt))
                v = roundToInteger(nb, l, v, graphElt);
              else
                v = convertScalar(nb, l, v, accType, graphElt);
              nb.create<linalg::YieldOp>(l, v);
            })
        .getResult(0);
  }

  /// extrapolation_value as a `type` scalar (the accumulator type, or the
  /// element type when there is no accumulation).
  static Value extrapolationConstant(OpBuilder &b, Location loc, double v,
                                     Type graphElt, Type type) {
    if (llvm::isa<FloatType>(type))
      return scalarConstant(b, loc, type, v);
    auto intType = llvm::cast<IntegerType>(graphElt);
    if (intType.getWidth() == 1)
      return b.create<arith::ConstantIntOp>(loc, v != 0, 1);
    double r = std::nearbyint(v);
    unsigned w = intType.getWidth();
    if (intType.isUnsigned())
      r = std::clamp(r, 0.0, std::ldexp(1.0, w) - 1);
    else
      r = std::clamp(r, -std::ldexp(1.0, w - 1), std::ldexp(1.0, w - 1) - 1);
    return scalarConstant(b, loc, type, r);
  }
};

} // namespace

void populateTensorResizeLoweringPatterns(const TypeConverter &converter,
                                          RewritePatternSet &patterns) {
  patterns.add<ResizeLowering>(converter, patterns.getContext());
}

} // namespace mlc::lowering
