//===- NNNorm.cpp - lowering of normalizations, LRN and softmax -----------===//
//
// The normalizations share one shape: statistics are reductions
// (linalg.generic with reduction iterators over a linalg.fill init) into the
// dimensions that are kept, the mean first and then the variance as the
// mean of squared differences (two passes, as the ONNX reference computes
// it); the output is one parallel linalg.generic over the input that reads
// the statistics and the per-channel (or broadcast) parameters through its
// indexing maps. Statistics are computed in `stash_type` where the op has
// one.
//
// Softmax subtracts the maximum along the axis before exponentiating.
//
//===----------------------------------------------------------------------===//

#include "passes/conversion/GraphToLinalg/NNUtils.h"

#include "dialects/graph/IR/GraphOps.h"
#include "passes/conversion/GraphToLinalg/LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace mlc::lowering::nn {
namespace {

/// Mean and (population) variance of `x` (graph element type `from`) over
/// the dimensions marked in `reduced`, computed in float type `stash`.
std::pair<Value, Value> meanAndVariance(OpBuilder &b, Location loc, Value x,
                                        Type from, Type stash,
                                        ArrayRef<bool> reduced) {
  ArrayRef<int64_t> shape = shapeOf(x);
  int64_t rank = shape.size(), count = 1;
  for (int64_t i = 0; i < rank; ++i)
    if (reduced[i])
      count *= shape[i];
  AffineMap id = b.getMultiDimIdentityMap(rank);
  AffineMap kept = keptDimsMap(b.getContext(), reduced);
  Value zero = scalarConstant(b, loc, stash, 0);
  auto divideByCount = [&](Value sum) {
    auto type = llvm::cast<RankedTensorType>(sum.getType());
    return parallelGeneric(
        b, loc, type, sum, {b.getMultiDimIdentityMap(type.getRank())},
        [&](OpBuilder &nb, Location l, ValueRange a) {
          return divF(nb, l, a[0], scalarConstant(nb, l, stash, count));
        });
  };
  Value sum = reduceGeneric(b, loc, shape, reduced, x, {id}, zero,
                            [&](OpBuilder &nb, Location l, ValueRange a) {
                              Value v = convertScalar(nb, l, a[0], from, stash);
                              return addF(nb, l, a[1], v);
                            });
  Value mean = divideByCount(sum);
  Value squares = reduceGeneric(
      b, loc, shape, reduced, ValueRange{x, mean}, {id, kept}, zero,
      [&](OpBuilder &nb, Location l, ValueRange a) {
        Value d = subF(nb, l, convertScalar(nb, l, a[0], from, stash), a[1]);
        return addF(nb, l, a[2], mulF(nb, l, d, d));
      });
  return {mean, divideByCount(squares)};
}

/// 1 / sqrt(v + epsilon) in v's float type.
Value invStdDev(OpBuilder &b, Location loc, Value var, double epsilon) {
  Value eps = scalarConstant(b, loc, var.getType(), epsilon);
  return b.create<math::RsqrtOp>(loc, addF(b, loc, var, eps));
}

/// The map of a numpy-broadcast operand of shape `shape` into the loops of
/// a result of shape `result`.
AffineMap broadcastMap(MLIRContext *ctx, ArrayRef<int64_t> shape,
                       ArrayRef<int64_t> result) {
  int64_t rank = result.size(), offset = rank - shape.size();
  SmallVector<AffineExpr> exprs;
  for (size_t j = 0; j < shape.size(); ++j)
    exprs.push_back(shape[j] == 1 && result[offset + j] != 1
                        ? getAffineConstantExpr(0, ctx)
                        : getAffineDimExpr(offset + j, ctx));
  return AffineMap::get(rank, 0, exprs, ctx);
}

/// The map reading a per-channel vector (dimension 1; a one-element vector
/// for a 1-D input) from loops of rank `rank`.
AffineMap channelMap(MLIRContext *ctx, int64_t rank) {
  AffineExpr e =
      rank >= 2 ? getAffineDimExpr(1, ctx) : getAffineConstantExpr(0, ctx);
  return AffineMap::get(rank, 0, e, ctx);
}

struct BatchNormalizationLowering
    : OpConversionPattern<graph::BatchNormalizationOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::BatchNormalizationOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    Value x = adaptor.getInput(), scale = adaptor.getScale(),
          bias = adaptor.getBias(), mean = adaptor.getMean(),
          var = adaptor.getVar();
    if (failed(requireStaticFloat(op, {x, scale, bias, mean, var})))
      return failure();
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type elt = type->getElementType();
    ArrayRef<int64_t> xs = shapeOf(x);
    int64_t rank = xs.size();
    double epsilon = op.getEpsilon().convertToDouble();
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    AffineMap channel = channelMap(ctx, rank);
    // ONNX lets scale / bias (T1) and mean / var (T2) differ from the
    // input's type (T): the output is computed in T.
    Type paramElt = getElementTypeOrSelf(op.getScale());
    Type runningElt = getElementTypeOrSelf(op.getMean());
    Type statElt = runningElt;
    Value statMean = mean, statVar = var, runningMean = mean, runningVar = var;
    AffineMap statMap = channel;
    if (op.getTrainingMode()) {
      SmallVector<bool> reduced(rank, true);
      if (rank >= 2)
        reduced[1] = false;
      auto [bm, bv] = meanAndVariance(rewriter, loc, x, elt, elt, reduced);
      statMean = bm;
      statVar = bv;
      statElt = elt;
      statMap = keptDimsMap(ctx, reduced);
      // running = stat * momentum + batch * (1 - momentum), per channel.
      double momentum = op.getMomentum().convertToDouble();
      auto running = [&](Value stat, Value batch) {
        auto statType = llvm::cast<RankedTensorType>(stat.getType());
        batch = expandToKeepDims(rewriter, loc, batch, statType.getShape(),
                                 {rank < 2});
        return parallelGeneric(
            rewriter, loc, statType, ValueRange{stat, batch},
            {rewriter.getMultiDimIdentityMap(1),
             rewriter.getMultiDimIdentityMap(1)},
            [&](OpBuilder &b, Location l, ValueRange a) {
              Value m = scalarConstant(b, l, runningElt, momentum);
              Value n = scalarConstant(b, l, runningElt, 1.0 - momentum);
              Value batchStat = convertScalar(b, l, a[1], elt, runningElt);
              return addF(b, l, mulF(b, l, a[0], m), mulF(b, l, batchStat, n));
            });
      };
      runningMean = running(mean, bm);
      runningVar = running(var, bv);
    }
    Value y = parallelGeneric(
        rewriter, loc, *type, ValueRange{x, scale, bias, statMean, statVar},
        {id, channel, channel, statMap, statMap},
        [&](OpBuilder &b, Location l, ValueRange a) {
          auto param = [&](int i) {
            return convertScalar(b, l, a[i], paramElt, elt);
          };
          auto stat = [&](int i) {
            return convertScalar(b, l, a[i], statElt, elt);
          };
          Value norm = mulF(b, l, subF(b, l, a[0], stat(3)),
                            invStdDev(b, l, stat(4), epsilon));
          return addF(b, l, mulF(b, l, norm, param(1)), param(2));
        });
    rewriter.replaceOp(op, {y, runningMean, runningVar});
    return success();
  }
};

struct InstanceNormalizationLowering
    : OpConversionPattern<graph::InstanceNormalizationOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::InstanceNormalizationOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    Value x = adaptor.getInput(), scale = adaptor.getScale(),
          bias = adaptor.getBias();
    if (failed(requireStaticFloat(op, {x, scale, bias})))
      return failure();
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type elt = type->getElementType();
    int64_t rank = shapeOf(x).size();
    SmallVector<bool> reduced(rank, true);
    reduced[0] = reduced[1] = false;
    auto [mean, var] = meanAndVariance(rewriter, loc, x, elt, elt, reduced);
    AffineMap stat = keptDimsMap(ctx, reduced);
    AffineMap channel = channelMap(ctx, rank);
    double epsilon = op.getEpsilon().convertToDouble();
    Value y = parallelGeneric(
        rewriter, loc, *type, ValueRange{x, scale, bias, mean, var},
        {rewriter.getMultiDimIdentityMap(rank), channel, channel, stat, stat},
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value norm = mulF(b, l, subF(b, l, a[0], a[3]),
                            invStdDev(b, l, a[4], epsilon));
          return addF(b, l, mulF(b, l, norm, a[1]), a[2]);
        });
    rewriter.replaceOp(op, y);
    return success();
  }
};

/// Group normalization on the input viewed as (N, G, C / G, D...).
struct GroupNormalizationLowering
    : OpConversionPattern<graph::GroupNormalizationOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::GroupNormalizationOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    Value x = adaptor.getInput(), scale = adaptor.getScale(),
          bias = adaptor.getBias();
    if (failed(requireStaticFloat(op, {x, scale, bias})))
      return failure();
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type elt = getElementTypeOrSelf(op.getInput());
    Type stash = op.getStashType();
    if (!llvm::isa<FloatType>(stash))
      stash = elt;
    ArrayRef<int64_t> xs = shapeOf(x);
    int64_t groups = op.getNumGroups(), rank = xs.size();
    // (N, C, D...) -> (N, G, C/G, D...); scale and bias (C) -> (G, C/G).
    SmallVector<int64_t> gShape{xs[0], groups, xs[1] / groups};
    gShape.append(xs.begin() + 2, xs.end());
    SmallVector<ReassociationIndices> xGroups{{0}, {1, 2}};
    for (int64_t i = 2; i < rank; ++i)
      xGroups.push_back({i + 1});
    auto xType = llvm::cast<RankedTensorType>(x.getType());
    Value xg = rewriter.create<tensor::ExpandShapeOp>(
        loc, RankedTensorType::get(gShape, xType.getElementType()), x, xGroups);
    auto perChannel = [&](Value v) -> Value {
      auto t = llvm::cast<RankedTensorType>(v.getType());
      return rewriter.create<tensor::ExpandShapeOp>(
          loc,
          RankedTensorType::get({groups, xs[1] / groups}, t.getElementType()),
          v, ArrayRef<ReassociationIndices>{{0, 1}});
    };
    Value sg = perChannel(scale), bg = perChannel(bias);
    int64_t gRank = gShape.size();
    SmallVector<bool> reduced(gRank, true);
    reduced[0] = reduced[1] = false;
    auto [mean, var] = meanAndVariance(rewriter, loc, xg, elt, stash, reduced);
    AffineMap stat = keptDimsMap(ctx, reduced);
    AffineMap param = AffineMap::get(
        gRank, 0, {getAffineDimExpr(1, ctx), getAffineDimExpr(2, ctx)}, ctx);
    double epsilon = op.getEpsilon().convertToDouble();
    auto yType = RankedTensorType::get(gShape, type->getElementType());
    Value y = parallelGeneric(
        rewriter, loc, yType, ValueRange{xg, sg, bg, mean, var},
        {rewriter.getMultiDimIdentityMap(gRank), param, param, stat, stat},
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value v = convertScalar(b, l, a[0], elt, stash);
          Value norm =
              mulF(b, l, subF(b, l, v, a[3]), invStdDev(b, l, a[4], epsilon));
          norm = convertScalar(b, l, norm, stash, elt);
          return addF(b, l, mulF(b, l, norm, a[1]), a[2]);
        });
    rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(op, *type, y, xGroups);
    return success();
  }
};

struct LayerNormalizationLowering
    : OpConversionPattern<graph::LayerNormalizationOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::LayerNormalizationOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    FailureOr<RankedTensorType> meanType =
        staticResultType(op, *getTypeConverter(), 1);
    if (failed(meanType))
      return failure();
    FailureOr<RankedTensorType> invType =
        staticResultType(op, *getTypeConverter(), 2);
    if (failed(invType))
      return failure();
    Value x = adaptor.getInput(), scale = adaptor.getScale(),
          bias = adaptor.getBias();
    if (failed(requireStaticFloat(op, {x, scale, bias})))
      return failure();
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type elt = getElementTypeOrSelf(op.getInput());
    Type stash = meanType->getElementType();
    ArrayRef<int64_t> xs = shapeOf(x);
    int64_t rank = xs.size(), axis = op.getAxis();
    SmallVector<bool> reduced(rank, false);
    for (int64_t i = axis; i < rank; ++i)
      reduced[i] = true;
    auto [mean, var] = meanAndVariance(rewriter, loc, x, elt, stash, reduced);
    double epsilon = op.getEpsilon().convertToDouble();
    auto statType = llvm::cast<RankedTensorType>(var.getType());
    Value inv =
        parallelGeneric(rewriter, loc, statType, var,
                        {rewriter.getMultiDimIdentityMap(statType.getRank())},
                        [&](OpBuilder &b, Location l, ValueRange a) {
                          return invStdDev(b, l, a[0], epsilon);
                        });
    AffineMap stat = keptDimsMap(ctx, reduced);
    SmallVector<Value> inputs{x, mean, inv, scale};
    SmallVector<AffineMap> maps{rewriter.getMultiDimIdentityMap(rank), stat,
                                stat, broadcastMap(ctx, shapeOf(scale), xs)};
    bool hasBias = !isAbsent(bias);
    if (hasBias) {
      inputs.push_back(bias);
      maps.push_back(broadcastMap(ctx, shapeOf(bias), xs));
    }
    Value y = parallelGeneric(
        rewriter, loc, *type, inputs, maps,
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value v = convertScalar(b, l, a[0], elt, stash);
          Value norm = mulF(b, l, subF(b, l, v, a[1]), a[2]);
          norm = mulF(b, l, convertScalar(b, l, norm, stash, elt), a[3]);
          return hasBias ? addF(b, l, norm, a[4]) : norm;
        });
    rewriter.replaceOp(
        op,
        {y,
         expandToKeepDims(rewriter, loc, mean, meanType->getShape(), reduced),
         expandToKeepDims(rewriter, loc, inv, invType->getShape(), reduced)});
    return success();
  }
};

struct RMSNormalizationLowering
    : OpConversionPattern<graph::RMSNormalizationOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::RMSNormalizationOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    Value x = adaptor.getInput(), scale = adaptor.getScale();
    if (failed(requireStaticFloat(op, {x, scale})))
      return failure();
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type elt = getElementTypeOrSelf(op.getInput());
    Type outElt = getElementTypeOrSelf(op.getScale());
    Type stash = op.getStashType();
    if (!llvm::isa<FloatType>(stash))
      stash = elt;
    ArrayRef<int64_t> xs = shapeOf(x);
    int64_t rank = xs.size(), axis = op.getAxis(), count = 1;
    SmallVector<bool> reduced(rank, false);
    for (int64_t i = axis; i < rank; ++i) {
      reduced[i] = true;
      count *= xs[i];
    }
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    Value squares = reduceGeneric(rewriter, loc, xs, reduced, x, {id},
                                  scalarConstant(rewriter, loc, stash, 0),
                                  [&](OpBuilder &b, Location l, ValueRange a) {
                                    Value v =
                                        convertScalar(b, l, a[0], elt, stash);
                                    return addF(b, l, a[1], mulF(b, l, v, v));
                                  });
    double epsilon = op.getEpsilon().convertToDouble();
    Value y = parallelGeneric(
        rewriter, loc, *type, ValueRange{x, squares, scale},
        {id, keptDimsMap(ctx, reduced), broadcastMap(ctx, shapeOf(scale), xs)},
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value v = convertScalar(b, l, a[0], elt, stash);
          Value ms = divF(b, l, a[1], scalarConstant(b, l, stash, count));
          Value norm = mulF(b, l, v, invStdDev(b, l, ms, epsilon));
          // Y has the scale's type (ONNX: X is T, scale and Y are V).
          return mulF(b, l, convertScalar(b, l, norm, stash, outElt), a[2]);
        });
    rewriter.replaceOp(op, y);
    return success();
  }
};

/// LRN: the sum of squares over a channel window of the zero-padded input
/// (a reduction over the window offset), then the elementwise scaling.
struct LRNLowering : OpConversionPattern<graph::LRNOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::LRNOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    Value x = adaptor.getInput();
    if (failed(requireStaticFloat(op, {x})))
      return failure();
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type elt = type->getElementType();
    ArrayRef<int64_t> xs = shapeOf(x);
    int64_t rank = xs.size(), size = op.getSize();
    SmallVector<int64_t> low(rank, 0), high(rank, 0);
    low[1] = (size - 1) / 2;
    high[1] = size - 1 - low[1];
    Value padded = padTensor(rewriter, loc, x, low, high,
                             scalarConstant(rewriter, loc, elt, 0));
    // Loops (n, c, d..., j): padded[n, c + j, d...].
    SmallVector<int64_t> space(xs);
    space.push_back(size);
    SmallVector<bool> reduced(rank + 1, false);
    reduced[rank] = true;
    SmallVector<AffineExpr> read;
    for (int64_t i = 0; i < rank; ++i)
      read.push_back(i == 1 ? getAffineDimExpr(1, ctx) +
                                  getAffineDimExpr(rank, ctx)
                            : getAffineDimExpr(i, ctx));
    // The window operand only gives loop j its extent.
    Value window = emptyTensor(rewriter, loc, {size}, elt);
    Value sum = reduceGeneric(
        rewriter, loc, space, reduced, ValueRange{padded, window},
        {AffineMap::get(rank + 1, 0, read, ctx),
         AffineMap::get(rank + 1, 0, getAffineDimExpr(rank, ctx), ctx)},
        scalarConstant(rewriter, loc, elt, 0),
        [&](OpBuilder &b, Location l, ValueRange a) {
          return addF(b, l, a[2], mulF(b, l, a[0], a[0]));
        });
    double alpha = op.getAlpha().convertToDouble();
    double beta = op.getBeta().convertToDouble();
    double bias = op.getBias().convertToDouble();
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    Value y = parallelGeneric(
        rewriter, loc, *type, ValueRange{x, sum}, {id, id},
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value base =
              addF(b, l, scalarConstant(b, l, elt, bias),
                   mulF(b, l, scalarConstant(b, l, elt, alpha / size), a[1]));
          Value denom =
              b.create<math::PowFOp>(l, base, scalarConstant(b, l, elt, beta));
          return divF(b, l, a[0], denom);
        });
    rewriter.replaceOp(op, y);
    return success();
  }
};

} // namespace

/// Softmax of `x` (float) along `axis`: exp(x - max) / sum(exp(x - max)).
Value buildSoftmax(OpBuilder &b, Location loc, Value x, int64_t axis) {
  MLIRContext *ctx = b.getContext();
  auto type = llvm::cast<RankedTensorType>(x.getType());
  Type elt = type.getElementType();
  ArrayRef<int64_t> xs = type.getShape();
  int64_t rank = xs.size();
  SmallVector<bool> reduced(rank, false);
  reduced[axis] = true;
  AffineMap id = b.getMultiDimIdentityMap(rank);
  AffineMap kept = keptDimsMap(ctx, reduced);
  Value max =
      reduceGeneric(b, loc, xs, reduced, x, {id}, lowestValue(b, loc, elt),
                    [&](OpBuilder &nb, Location l, ValueRange a) {
                      return maxScalar(nb, l, elt, a[1], a[0]);
                    });
  Value e = parallelGeneric(b, loc, type, ValueRange{x, max}, {id, kept},
                            [&](OpBuilder &nb, Location l, ValueRange a) {
                              return nb.create<math::ExpOp>(
                                  l, subF(nb, l, a[0], a[1]));
                            });
  Value sum = reduceGeneric(b, loc, xs, reduced, e, {id},
                            scalarConstant(b, loc, elt, 0),
                            [&](OpBuilder &nb, Location l, ValueRange a) {
                              return addF(nb, l, a[1], a[0]);
                            });
  return parallelGeneric(b, loc, type, ValueRange{e, sum}, {id, kept},
                         [&](OpBuilder &nb, Location l, ValueRange a) {
                           return divF(nb, l, a[0], a[1]);
                         });
}

namespace {

struct SoftmaxLowering : OpConversionPattern<graph::SoftmaxOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::SoftmaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    Value x = adaptor.getInput();
    if (failed(requireStaticFloat(op, {x})))
      return failure();
    rewriter.replaceOp(op,
                       buildSoftmax(rewriter, op.getLoc(), x, op.getAxis()));
    return success();
  }
};

} // namespace

void populateNNNormPatterns(const TypeConverter &converter,
                            RewritePatternSet &patterns) {
  patterns.add<BatchNormalizationLowering, InstanceNormalizationLowering,
               GroupNormalizationLowering, LayerNormalizationLowering,
               RMSNormalizationLowering, LRNLowering, SoftmaxLowering>(
      converter, patterns.getContext());
}

} // namespace mlc::lowering::nn
