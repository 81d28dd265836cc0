//===- NNConv.cpp - lowering of graph.conv and graph.conv_transpose
//--------===//
//
// Convolutions become linalg named convolutions where one fits (NCHW-style
// layouts: conv_{1,2,3}d_nc*_fc*, depthwise_conv_*_nc*_c* for one filter per
// channel, conv_2d_ngchw_gfchw for groups) on the zero-padded input, with
// the bias broadcast into the accumulator; other cases (grouped 1-D / 3-D,
// more than 3 spatial dimensions) use one linalg.generic over the grouped
// layout (N, G, C/G, ...).
//
// A transposed convolution is a convolution with stride 1 over the input
// with stride - 1 zeros inserted between elements and padded by
// dilation * (kernel - 1) - pad (cropped where that is negative), using
// the spatially flipped weight with its channel dimensions swapped per
// group.
//
//===----------------------------------------------------------------------===//

#include "passes/conversion/GraphToLinalg/NNUtils.h"

#include "dialects/graph/IR/GraphOps.h"
#include "passes/conversion/GraphToLinalg/LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace mlc::lowering::nn {
namespace {

/// Reassociation grouping dimension `at` with the next one (the others
/// alone) for a tensor of `rank` dimensions after the expansion.
SmallVector<ReassociationIndices> splitDim(int64_t rank, int64_t at) {
  SmallVector<ReassociationIndices> groups;
  for (int64_t i = 0; i < rank; ++i) {
    if (i == at + 1)
      continue;
    if (i == at)
      groups.push_back({i, i + 1});
    else
      groups.push_back({i});
  }
  return groups;
}

/// `v` with dimension `at` split into (outer, dim / outer).
Value expandDim(OpBuilder &b, Location loc, Value v, int64_t at,
                int64_t outer) {
  SmallVector<int64_t> shape(shapeOf(v));
  int64_t inner = shape[at] / outer;
  shape[at] = inner;
  shape.insert(shape.begin() + at, outer);
  auto type = RankedTensorType::get(
      shape, llvm::cast<RankedTensorType>(v.getType()).getElementType());
  return b.create<tensor::ExpandShapeOp>(loc, type, v,
                                         splitDim(shape.size(), at));
}

/// `v` with dimensions `at` and `at + 1` merged.
Value collapseDim(OpBuilder &b, Location loc, Value v, int64_t at) {
  SmallVector<int64_t> shape(shapeOf(v));
  return b.create<tensor::CollapseShapeOp>(loc, v, splitDim(shape.size(), at));
}

/// The multiply-accumulate body for element type `elt`.
Value macBody(OpBuilder &b, Location loc, ValueRange args) {
  Value x = args[0], w = args[1], acc = args[2];
  if (llvm::isa<FloatType>(acc.getType()))
    return addF(b, loc, acc, mulF(b, loc, x, w));
  return b.create<arith::AddIOp>(loc, acc, b.create<arith::MulIOp>(loc, x, w));
}

/// Grouped convolution as one linalg.generic: `x` (N, G, C, D...),
/// `w` (G, F, C, k...), `init` (N, G, F, O...); loops
/// (n, g, f, o..., c, k...).
Value genericGroupedConv(OpBuilder &b, Location loc, Value x, Value w,
                         Value init, ArrayRef<int64_t> strides,
                         ArrayRef<int64_t> dilations) {
  MLIRContext *ctx = b.getContext();
  int64_t spatial = strides.size();
  int64_t loops = 4 + 2 * spatial;
  auto d = [&](int64_t i) { return getAffineDimExpr(i, ctx); };
  AffineExpr n = d(0), g = d(1), f = d(2), c = d(3 + spatial);
  SmallVector<AffineExpr> xe{n, g, c}, we{g, f, c}, oe{n, g, f};
  for (int64_t i = 0; i < spatial; ++i) {
    AffineExpr o = d(3 + i), k = d(4 + spatial + i);
    xe.push_back(o * strides[i] + k * dilations[i]);
    we.push_back(k);
    oe.push_back(o);
  }
  SmallVector<AffineMap> maps{AffineMap::get(loops, 0, xe, ctx),
                              AffineMap::get(loops, 0, we, ctx),
                              AffineMap::get(loops, 0, oe, ctx)};
  SmallVector<utils::IteratorType> iterators(3 + spatial,
                                             utils::IteratorType::parallel);
  iterators.append(1 + spatial, utils::IteratorType::reduction);
  auto generic = b.create<linalg::GenericOp>(
      loc, TypeRange{init.getType()}, ValueRange{x, w}, ValueRange{init}, maps,
      iterators, [&](OpBuilder &nb, Location nl, ValueRange args) {
        nb.create<linalg::YieldOp>(nl, macBody(nb, nl, args));
      });
  return generic.getResult(0);
}

} // namespace

/// Convolution of `input` (N, C, D...), already padded, with `weight`
/// (M, C / group, k...) into `resultType` (N, M, O...), plus `bias` (M) if
/// given.
static Value buildConv(OpBuilder &b, Location loc, Value input, Value weight,
                       Value bias, int64_t group, ArrayRef<int64_t> strides,
                       ArrayRef<int64_t> dilations,
                       RankedTensorType resultType) {
  int64_t spatial = resultType.getRank() - 2;
  Type elt = resultType.getElementType();
  ArrayRef<int64_t> outShape = resultType.getShape();
  Value init;
  if (bias) {
    SmallVector<int64_t> dims{0};
    for (int64_t i = 0; i < spatial; ++i)
      dims.push_back(2 + i);
    init = b.create<linalg::BroadcastOp>(
                loc, bias, emptyTensor(b, loc, outShape, elt), dims)
               .getResult()[0];
  } else {
    init = filledTensor(b, loc, outShape, scalarConstant(b, loc, elt, 0));
  }
  DenseIntElementsAttr st = i64Vector(b, strides), di = i64Vector(b, dilations);
  int64_t channels = shapeOf(input)[1], filters = shapeOf(weight)[0];
  int64_t perGroup = shapeOf(weight)[1];
  auto named = [&](auto tag, Value in, Value w, Value out) -> Value {
    using OpTy = decltype(tag);
    return b
        .create<OpTy>(loc, TypeRange{out.getType()}, ValueRange{in, w},
                      ValueRange{out}, st, di)
        ->getResult(0);
  };
  if (group == 1 && spatial == 1)
    return named(linalg::Conv1DNcwFcwOp(), input, weight, init);
  if (group == 1 && spatial == 2)
    return named(linalg::Conv2DNchwFchwOp(), input, weight, init);
  if (group == 1 && spatial == 3)
    return named(linalg::Conv3DNcdhwFcdhwOp(), input, weight, init);
  if (group == channels && filters == channels && perGroup == 1 &&
      spatial <= 3) {
    // Depthwise: (C, 1, k...) -> (C, k...).
    Value w = collapseDim(b, loc, weight, 0);
    if (spatial == 1)
      return named(linalg::DepthwiseConv1DNcwCwOp(), input, w, init);
    if (spatial == 2)
      return named(linalg::DepthwiseConv2DNchwChwOp(), input, w, init);
    return named(linalg::DepthwiseConv3DNcdhwCdhwOp(), input, w, init);
  }
  Value x = expandDim(b, loc, input, 1, group);  // (N, G, C/G, D...)
  Value w = expandDim(b, loc, weight, 0, group); // (G, M/G, C/G, k...)
  Value out = expandDim(b, loc, init, 1, group); // (N, G, M/G, O...)
  Value result =
      spatial == 2 ? named(linalg::Conv2DNgchwGfchwOp(), x, w, out)
                   : genericGroupedConv(b, loc, x, w, out, strides, dilations);
  return collapseDim(b, loc, result, 1);
}

namespace {

struct ConvLowering : OpConversionPattern<graph::ConvOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::ConvOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    Value x = adaptor.getInput(), w = adaptor.getWeight();
    Value bias = adaptor.getBias();
    if (failed(requireStatic(op, {x, w, bias})))
      return failure();
    Location loc = op.getLoc();
    ArrayRef<int64_t> xs = shapeOf(x), ws = shapeOf(w);
    int64_t spatial = xs.size() - 2;
    SmallVector<int64_t> pads =
        resolvePads(op.getAutoPad(), op.getPads(), xs.drop_front(2),
                    ws.drop_front(2), op.getStrides(), op.getDilations());
    SmallVector<int64_t> low(2, 0), high(2, 0);
    low.append(pads.begin(), pads.begin() + spatial);
    high.append(pads.begin() + spatial, pads.end());
    Value zero = scalarConstant(rewriter, loc, type->getElementType(), 0);
    Value padded = padTensor(rewriter, loc, x, low, high, zero);
    Value result =
        buildConv(rewriter, loc, padded, w, isAbsent(bias) ? Value() : bias,
                  op.getGroup(), op.getStrides(), op.getDilations(), *type);
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ConvTransposeLowering : OpConversionPattern<graph::ConvTransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::ConvTransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    Value x = adaptor.getInput(), w = adaptor.getWeight();
    Value bias = adaptor.getBias();
    if (failed(requireStatic(op, {x, w, bias})))
      return failure();
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type elt = type->getElementType();
    ArrayRef<int64_t> xs = shapeOf(x), ws = shapeOf(w);
    ArrayRef<int64_t> outShape = type->getShape();
    int64_t spatial = xs.size() - 2, group = op.getGroup();
    ArrayRef<int64_t> strides = op.getStrides(), dilations = op.getDilations();
    SmallVector<int64_t> outPad(op.getOutputPadding());
    outPad.resize(spatial, 0);
    SmallVector<int64_t> pads(op.getPads());
    pads.resize(2 * spatial, 0);
    bool derived = op.getAutoPad() != "NOTSET" || op.getOutputShape();
    // Dilated input extents: Lo before, Hi after the zero-inserted input.
    SmallVector<int64_t> lo(spatial), hi(spatial);
    for (int64_t i = 0; i < spatial; ++i) {
      int64_t k = ws[2 + i], s = strides[i], d = dilations[i];
      int64_t reach = d * (k - 1);
      if (derived) {
        // Unresolved output_shape / SAME: pads from the result's size.
        int64_t full = s * (xs[2 + i] - 1) + outPad[i] + reach + 1;
        int64_t total = full - outShape[2 + i];
        if (total < 0) {
          pads[i] = 0;
          pads[spatial + i] = total; // extends the output at the end
        } else {
          int64_t small = total / 2, large = total - small;
          bool upper = op.getAutoPad() == "SAME_UPPER";
          pads[i] = upper ? small : large;
          pads[spatial + i] = upper ? large : small;
        }
      }
      lo[i] = reach - pads[i];
      hi[i] = reach - pads[spatial + i] + outPad[i];
    }
    Value zero = scalarConstant(rewriter, loc, elt, 0);
    // 1. The input with stride - 1 zeros between its elements, padded by
    //    lo / hi (cropped where negative).
    SmallVector<int64_t> low(2, 0), high(2, 0), interior(2, 1);
    low.append(lo);
    high.append(hi);
    interior.append(strides.begin(), strides.end());
    Value padded = padTensor(rewriter, loc, x, low, high, zero, interior);
    // 2. The weight (C, M/G, k...) as (G, C/G, M/G, k...) -> flipped
    //    (G, M/G, C/G, k...) -> (M, C/G, k...).
    int64_t perGroupIn = ws[0] / group, perGroupOut = ws[1];
    Value w4 = expandDim(rewriter, loc, w, 0, group);
    SmallVector<int64_t> flippedShape{group, perGroupOut, perGroupIn};
    int64_t loops = 3 + spatial;
    SmallVector<AffineExpr> read{getAffineDimExpr(0, ctx),
                                 getAffineDimExpr(2, ctx),
                                 getAffineDimExpr(1, ctx)};
    for (int64_t i = 0; i < spatial; ++i) {
      flippedShape.push_back(ws[2 + i]);
      read.push_back(getAffineConstantExpr(ws[2 + i] - 1, ctx) -
                     getAffineDimExpr(3 + i, ctx));
    }
    auto wElt = llvm::cast<RankedTensorType>(w.getType()).getElementType();
    Value flipped = parallelGeneric(
        rewriter, loc, RankedTensorType::get(flippedShape, wElt), w4,
        {AffineMap::get(loops, 0, read, ctx)},
        [](OpBuilder &, Location, ValueRange a) { return a[0]; });
    flipped = collapseDim(rewriter, loc, flipped, 0);
    SmallVector<int64_t> ones(spatial, 1);
    Value result = buildConv(rewriter, loc, padded, flipped,
                             isAbsent(bias) ? Value() : bias, group, ones,
                             dilations, *type);
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void populateNNConvPatterns(const TypeConverter &converter,
                            RewritePatternSet &patterns) {
  patterns.add<ConvLowering, ConvTransposeLowering>(converter,
                                                    patterns.getContext());
}

} // namespace mlc::lowering::nn
