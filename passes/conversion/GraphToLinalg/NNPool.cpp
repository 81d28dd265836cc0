//===- NNPool.cpp - lowering of the pooling graph ops
//----------------------===//
//
// average_pool: a sum pool (linalg.pooling_nc*_sum for 1-D / 2-D, else a
// linalg.generic) over the zero-padded input, divided by the number of
// elements each window counts, which is a product of per-dimension counts
// known at compile time (constants indexed by the output position).
//
// max_pool: a max pool over the input padded with the lowest value
// (linalg.pooling_nc*_max for 1-D / 2-D floats without indices, else a
// linalg.generic). When `indices` is used, one linalg.generic computes both
// results, keeping the first maximum of the in-bounds window elements and
// its flattened input index (row- or column-major per storage_order).
//
// Windows past the end padding (ceil_mode) read extra padding that the
// counts leave out.
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

/// One spatial dimension of a pooling window.
struct WindowDim {
  int64_t in, kernel, stride, dilation, padBegin, padEnd, out;
  /// The input size the windows reach, padding included.
  int64_t reach() const {
    return (out - 1) * stride + dilation * (kernel - 1) + 1;
  }
  /// Padding after the input, the ceil_mode overhang included.
  int64_t padAfter() const {
    return std::max<int64_t>(padEnd, reach() - in - padBegin);
  }
  /// The number of elements of window `o` in [lo, hi) (input coordinates).
  int64_t count(int64_t o, int64_t lo, int64_t hi) const {
    int64_t n = 0;
    for (int64_t j = 0; j < kernel; ++j) {
      int64_t p = o * stride - padBegin + j * dilation;
      n += p >= lo && p < hi;
    }
    return n;
  }
};

/// The window of a pool op over static input `x` producing `outShape`.
template <typename OpTy>
SmallVector<WindowDim> windowOf(OpTy op, ArrayRef<int64_t> xs,
                                ArrayRef<int64_t> outShape) {
  size_t spatial = xs.size() - 2;
  ArrayRef<int64_t> kernel = op.getKernelShape();
  SmallVector<int64_t> pads =
      resolvePads(op.getAutoPad(), op.getPads(), xs.drop_front(2), kernel,
                  op.getStrides(), op.getDilations());
  SmallVector<WindowDim> dims;
  for (size_t i = 0; i < spatial; ++i)
    dims.push_back({xs[2 + i], kernel[i], op.getStrides()[i],
                    op.getDilations()[i], pads[i], pads[spatial + i],
                    outShape[2 + i]});
  return dims;
}

/// `x` padded with `value` as the window `dims` reads it.
Value padForWindow(OpBuilder &b, Location loc, Value x,
                   ArrayRef<WindowDim> dims, Value value) {
  SmallVector<int64_t> low(2, 0), high(2, 0);
  for (const WindowDim &d : dims) {
    low.push_back(d.padBegin);
    high.push_back(d.padAfter());
  }
  return padTensor(b, loc, x, low, high, value);
}

/// Loops (n, c, o..., k...) of a generic pool: the maps of the padded
/// input, of the window (a shape-only operand that gives the kernel loops
/// their extent, as in the named pooling ops) and of the output.
struct PoolMaps {
  AffineMap input, window, output;
};
PoolMaps poolMaps(MLIRContext *ctx, ArrayRef<WindowDim> dims) {
  int64_t spatial = dims.size(), loops = 2 + 2 * spatial;
  SmallVector<AffineExpr> in{getAffineDimExpr(0, ctx),
                             getAffineDimExpr(1, ctx)};
  SmallVector<AffineExpr> out(in), window;
  for (int64_t i = 0; i < spatial; ++i) {
    AffineExpr o = getAffineDimExpr(2 + i, ctx);
    AffineExpr k = getAffineDimExpr(2 + spatial + i, ctx);
    in.push_back(o * dims[i].stride + k * dims[i].dilation);
    out.push_back(o);
    window.push_back(k);
  }
  return {AffineMap::get(loops, 0, in, ctx),
          AffineMap::get(loops, 0, window, ctx),
          AffineMap::get(loops, 0, out, ctx)};
}

/// The shape-only window operand of a pool over `dims`.
Value windowTensor(OpBuilder &b, Location loc, ArrayRef<WindowDim> dims,
                   Type elt) {
  SmallVector<int64_t> kernel;
  for (const WindowDim &d : dims)
    kernel.push_back(d.kernel);
  return emptyTensor(b, loc, kernel, elt);
}

SmallVector<utils::IteratorType> poolIterators(int64_t spatial) {
  SmallVector<utils::IteratorType> it(2 + spatial,
                                      utils::IteratorType::parallel);
  it.append(spatial, utils::IteratorType::reduction);
  return it;
}

/// A pool of `padded` into `init` combining with `combine`; a named op when
/// `useNamed` and one fits.
template <typename Named1D, typename Named2D>
Value pool(OpBuilder &b, Location loc, Value padded, Value init,
           ArrayRef<WindowDim> dims, bool useNamed,
           function_ref<Value(OpBuilder &, Location, Value, Value)> combine) {
  int64_t spatial = dims.size();
  Type elt = llvm::cast<RankedTensorType>(init.getType()).getElementType();
  Value window = windowTensor(b, loc, dims, elt);
  if (useNamed && (spatial == 1 || spatial == 2)) {
    SmallVector<int64_t> strides, dilations;
    for (const WindowDim &d : dims) {
      strides.push_back(d.stride);
      dilations.push_back(d.dilation);
    }
    SmallVector<Value> ins{padded, window};
    DenseIntElementsAttr st = i64Vector(b, strides);
    DenseIntElementsAttr di = i64Vector(b, dilations);
    if (spatial == 1)
      return b
          .create<Named1D>(loc, TypeRange{init.getType()}, ins,
                           ValueRange{init}, st, di)
          ->getResult(0);
    return b
        .create<Named2D>(loc, TypeRange{init.getType()}, ins, ValueRange{init},
                         st, di)
        ->getResult(0);
  }
  PoolMaps maps = poolMaps(b.getContext(), dims);
  auto generic = b.create<linalg::GenericOp>(
      loc, TypeRange{init.getType()}, ValueRange{padded, window},
      ValueRange{init},
      ArrayRef<AffineMap>{maps.input, maps.window, maps.output},
      poolIterators(spatial), [&](OpBuilder &nb, Location nl, ValueRange args) {
        nb.create<linalg::YieldOp>(nl, combine(nb, nl, args[0], args[2]));
      });
  return generic.getResult(0);
}

struct AveragePoolLowering : OpConversionPattern<graph::AveragePoolOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::AveragePoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    Value x = adaptor.getInput();
    if (failed(requireStaticFloat(op, {x})))
      return failure();
    Location loc = op.getLoc();
    Type elt = type->getElementType();
    SmallVector<WindowDim> dims = windowOf(op, shapeOf(x), type->getShape());
    Value zero = scalarConstant(rewriter, loc, elt, 0);
    Value padded = padForWindow(rewriter, loc, x, dims, zero);
    Value init = filledTensor(rewriter, loc, type->getShape(), zero);
    Value sum = pool<linalg::PoolingNcwSumOp, linalg::PoolingNchwSumOp>(
        rewriter, loc, padded, init, dims, /*useNamed=*/true,
        [](OpBuilder &b, Location l, Value v, Value acc) {
          return addF(b, l, acc, v);
        });
    // The divisor: a product of per-dimension counts; constant dimensions
    // fold into one scalar, the others are 1-D constants.
    bool includePad = op.getCountIncludePad();
    double scalar = 1;
    SmallVector<Value> counts;
    SmallVector<AffineMap> maps{
        rewriter.getMultiDimIdentityMap(dims.size() + 2)};
    for (size_t i = 0; i < dims.size(); ++i) {
      const WindowDim &d = dims[i];
      int64_t lo = includePad ? -d.padBegin : 0;
      int64_t hi = includePad ? d.in + d.padEnd : d.in;
      SmallVector<double> c;
      for (int64_t o = 0; o < d.out; ++o)
        c.push_back(d.count(o, lo, hi));
      if (llvm::all_equal(c)) {
        scalar *= c.empty() ? 1 : c.front();
        continue;
      }
      auto cType = RankedTensorType::get({d.out}, elt);
      SmallVector<APFloat> values;
      for (double v : c) {
        APFloat f(v);
        bool lost;
        f.convert(llvm::cast<FloatType>(elt).getFloatSemantics(),
                  APFloat::rmNearestTiesToEven, &lost);
        values.push_back(f);
      }
      counts.push_back(rewriter.create<arith::ConstantOp>(
          loc, DenseElementsAttr::get(cType, values)));
      maps.push_back(AffineMap::get(dims.size() + 2, 0,
                                    rewriter.getAffineDimExpr(2 + i),
                                    rewriter.getContext()));
    }
    SmallVector<Value> inputs{sum};
    inputs.append(counts);
    Value result = parallelGeneric(rewriter, loc, *type, inputs, maps,
                                   [&](OpBuilder &b, Location l, ValueRange a) {
                                     Value divisor =
                                         scalarConstant(b, l, elt, scalar);
                                     for (Value c : a.drop_front())
                                       divisor = mulF(b, l, divisor, c);
                                     return divF(b, l, a[0], divisor);
                                   });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct MaxPoolLowering : OpConversionPattern<graph::MaxPoolOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::MaxPoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    FailureOr<RankedTensorType> indexType =
        staticResultType(op, *getTypeConverter(), 1);
    if (failed(indexType))
      return failure();
    Value x = adaptor.getInput();
    if (failed(requireStatic(op, {x})))
      return failure();
    Location loc = op.getLoc();
    Type elt = getElementTypeOrSelf(op.getInput());
    ArrayRef<int64_t> xs = shapeOf(x);
    SmallVector<WindowDim> dims = windowOf(op, xs, type->getShape());
    Value lowest = lowestValue(rewriter, loc, elt);
    Value padded = padForWindow(rewriter, loc, x, dims, lowest);
    Value init = filledTensor(rewriter, loc, type->getShape(), lowest);
    if (op.getIndices().use_empty()) {
      Value result = pool<linalg::PoolingNcwMaxOp, linalg::PoolingNchwMaxOp>(
          rewriter, loc, padded, init, dims,
          /*useNamed=*/llvm::isa<FloatType>(elt),
          [&](OpBuilder &b, Location l, Value v, Value acc) {
            return maxScalar(b, l, elt, acc, v);
          });
      Value indices = emptyTensor(rewriter, loc, indexType->getShape(),
                                  indexType->getElementType());
      rewriter.replaceOp(op, {result, indices});
      return success();
    }
    // Values and indices together: the first in-bounds maximum wins.
    int64_t spatial = dims.size();
    Value initIndex =
        filledTensor(rewriter, loc, indexType->getShape(),
                     scalarConstant(rewriter, loc, rewriter.getI64Type(), -1));
    PoolMaps maps = poolMaps(rewriter.getContext(), dims);
    Value window = windowTensor(rewriter, loc, dims, type->getElementType());
    bool columnMajor = op.getStorageOrder() == 1;
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{init.getType(), initIndex.getType()},
        ValueRange{padded, window}, ValueRange{init, initIndex},
        ArrayRef<AffineMap>{maps.input, maps.window, maps.output, maps.output},
        poolIterators(spatial), [&](OpBuilder &b, Location l, ValueRange args) {
          Value v = args[0], acc = args[2], accIndex = args[3];
          Type i64 = b.getI64Type();
          auto index = [&](int64_t dim) -> Value {
            return b.create<arith::IndexCastOp>(
                l, i64, b.create<linalg::IndexOp>(l, dim));
          };
          auto c64 = [&](int64_t v) -> Value {
            return scalarConstant(b, l, i64, v);
          };
          Value inBounds = b.create<arith::ConstantIntOp>(l, 1, 1);
          // Row-major over (n, c, spatial) or, column-major, spatial
          // reversed after (n, c).
          Value flat = b.create<arith::AddIOp>(
              l, b.create<arith::MulIOp>(l, index(0), c64(xs[1])), index(1));
          SmallVector<Value> positions;
          for (int64_t i = 0; i < spatial; ++i) {
            const WindowDim &d = dims[i];
            Value p = b.create<arith::AddIOp>(
                l, b.create<arith::MulIOp>(l, index(2 + i), c64(d.stride)),
                b.create<arith::MulIOp>(l, index(2 + spatial + i),
                                        c64(d.dilation)));
            p = b.create<arith::SubIOp>(l, p, c64(d.padBegin));
            Value ok = b.create<arith::AndIOp>(
                l,
                b.create<arith::CmpIOp>(l, arith::CmpIPredicate::sge, p,
                                        c64(0)),
                b.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt, p,
                                        c64(d.in)));
            inBounds = b.create<arith::AndIOp>(l, inBounds, ok);
            positions.push_back(p);
          }
          int64_t spatialSize = 1;
          for (int64_t i = 0; i < spatial; ++i)
            spatialSize *= xs[2 + i];
          if (columnMajor) {
            Value offset = c64(0);
            int64_t step = 1;
            for (int64_t i = 0; i < spatial; ++i) {
              offset = b.create<arith::AddIOp>(
                  l, offset,
                  b.create<arith::MulIOp>(l, positions[i], c64(step)));
              step *= xs[2 + i];
            }
            flat = b.create<arith::AddIOp>(
                l, b.create<arith::MulIOp>(l, flat, c64(spatialSize)), offset);
          } else {
            for (int64_t i = 0; i < spatial; ++i)
              flat = b.create<arith::AddIOp>(
                  l, b.create<arith::MulIOp>(l, flat, c64(xs[2 + i])),
                  positions[i]);
          }
          Value first = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt,
                                                accIndex, c64(0));
          Value better = b.create<arith::OrIOp>(
              l, first, greaterScalar(b, l, elt, v, acc));
          Value take = b.create<arith::AndIOp>(l, inBounds, better);
          b.create<linalg::YieldOp>(
              l,
              ValueRange{b.create<arith::SelectOp>(l, take, v, acc),
                         b.create<arith::SelectOp>(l, take, flat, accIndex)});
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }
};

/// Global pools: a reduction over the spatial dimensions, kept as 1s.
template <typename OpTy> struct GlobalPoolLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  static constexpr bool isMax = std::is_same_v<OpTy, graph::GlobalMaxPoolOp>;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *this->getTypeConverter());
    if (failed(type))
      return failure();
    Value x = adaptor.getInput();
    if (failed(requireStatic(op, {x})))
      return failure();
    if (!isMax && failed(requireFloat(op, x)))
      return failure();
    Location loc = op.getLoc();
    Type elt = getElementTypeOrSelf(op.getInput());
    ArrayRef<int64_t> xs = shapeOf(x);
    int64_t rank = xs.size();
    SmallVector<bool> reduced(rank, true);
    reduced[0] = reduced[1] = false;
    int64_t count = 1;
    for (int64_t i = 2; i < rank; ++i)
      count *= xs[i];
    Value init = isMax ? lowestValue(rewriter, loc, elt)
                       : scalarConstant(rewriter, loc, elt, 0);
    Value r = reduceGeneric(rewriter, loc, xs, reduced, x,
                            {rewriter.getMultiDimIdentityMap(rank)}, init,
                            [&](OpBuilder &b, Location l, ValueRange a) {
                              return isMax ? maxScalar(b, l, elt, a[1], a[0])
                                           : addF(b, l, a[1], a[0]);
                            });
    if (!isMax) {
      auto rType = llvm::cast<RankedTensorType>(r.getType());
      r = parallelGeneric(
          rewriter, loc, rType, r, {rewriter.getMultiDimIdentityMap(2)},
          [&](OpBuilder &b, Location l, ValueRange a) {
            return divF(b, l, a[0], scalarConstant(b, l, elt, count));
          });
    }
    rewriter.replaceOp(
        op, expandToKeepDims(rewriter, loc, r, type->getShape(), reduced));
    return success();
  }
};

} // namespace

void populateNNPoolPatterns(const TypeConverter &converter,
                            RewritePatternSet &patterns) {
  patterns.add<AveragePoolLowering, MaxPoolLowering,
               GlobalPoolLowering<graph::GlobalAveragePoolOp>,
               GlobalPoolLowering<graph::GlobalMaxPoolOp>>(
      converter, patterns.getContext());
}

} // namespace mlc::lowering::nn
