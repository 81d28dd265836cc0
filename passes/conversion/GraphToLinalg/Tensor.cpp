//===- Tensor.cpp - lowering of data movement graph ops
//--------------------===//
//
// Ops that move data without arithmetic on it. Shape-only ops become
// tensor.collapse_shape / expand_shape (tensor.reshape when the reshape is not
// a pure collapse or expansion); slicing, splitting and concatenation become
// extract_slice / insert_slice; transposes linalg.transpose; broadcasts,
// tiles, padding modes other than "constant", negative-step slices and Trilu
// a linalg.generic over the output; data-dependent indexing (Gather,
// GatherElements) a linalg.generic whose body reads the data with
// tensor.extract at clamped indices; ScatterND an scf.for over the updates
// that inserts one slice per index tuple. Resize lives in TensorResize.cpp.
//
//===----------------------------------------------------------------------===//

#include "dialects/graph/IR/GraphOps.h"
#include "passes/conversion/GraphToLinalg/LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/DialectResourceBlobManager.h"

using namespace mlir;

namespace mlc::lowering {
namespace {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

bool isUnsignedInt(Type t) {
  auto i = llvm::dyn_cast<IntegerType>(t);
  return i && (i.isUnsigned() || i.getWidth() == 1);
}

Value indexConstant(OpBuilder &b, Location loc, int64_t v) {
  return b.create<arith::ConstantIndexOp>(loc, v);
}

/// Fails with a diagnostic unless every value is a statically shaped ranked
/// tensor.
LogicalResult requireStatic(Operation *op, ValueRange values) {
  for (Value v : values) {
    auto t = llvm::dyn_cast<RankedTensorType>(v.getType());
    if (!t || !t.hasStaticShape())
      return op->emitError()
             << "the CPU backend needs static shapes; an "
                "operand is "
             << v.getType() << " (pin dynamic dimensions with --shape)";
  }
  return success();
}

/// `v` (a static reshape-compatible tensor) as `type`: collapse_shape or
/// expand_shape when the reshape is one, tensor.reshape otherwise.
Value reshapeTo(OpBuilder &b, Location loc, Value v, RankedTensorType type) {
  auto src = llvm::cast<RankedTensorType>(v.getType());
  if (src == type)
    return v;
  bool hasZero = llvm::is_contained(src.getShape(), 0);
  if (!hasZero && src.getRank() > type.getRank()) {
    if (auto r =
            getReassociationIndicesForCollapse(src.getShape(), type.getShape()))
      return b.create<tensor::CollapseShapeOp>(loc, type, v, *r);
  } else if (!hasZero && src.getRank() < type.getRank()) {
    if (auto r =
            getReassociationIndicesForCollapse(type.getShape(), src.getShape()))
      return b.create<tensor::ExpandShapeOp>(loc, type, v, *r);
  }
  auto shapeType = RankedTensorType::get({type.getRank()}, b.getI64Type());
  Value shape = b.create<arith::ConstantOp>(
      loc, DenseIntElementsAttr::get(shapeType, type.getShape()));
  return b.create<tensor::ReshapeOp>(loc, type, v, shape);
}

/// Integer index `v` as `index`: a negative value counts from the back of a
/// dimension of size `dim`, and the result is clamped to [0, dim - 1] so that
/// generated code never reads out of bounds (ONNX: out of range is an error).
Value clampedIndex(OpBuilder &b, Location loc, Value v, int64_t dim) {
  Value i = v.getType().isIndex()
                ? v
                : b.create<arith::IndexCastOp>(loc, b.getIndexType(), v);
  Value zero = indexConstant(b, loc, 0);
  Value n = indexConstant(b, loc, dim);
  Value negative =
      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, i, zero);
  i = b.create<arith::SelectOp>(loc, negative,
                                b.create<arith::AddIOp>(loc, i, n), i);
  i = b.create<arith::MaxSIOp>(loc, i, zero);
  return b.create<arith::MinSIOp>(
      loc, i, indexConstant(b, loc, std::max<int64_t>(dim - 1, 0)));
}

/// The scalar of a one-element tensor.
Value extractScalar(OpBuilder &b, Location loc, Value t) {
  auto type = llvm::cast<RankedTensorType>(t.getType());
  SmallVector<Value> zeros(type.getRank(), indexConstant(b, loc, 0));
  return b.create<tensor::ExtractOp>(loc, t, zeros);
}

/// A linalg.generic over the static `type` with no inputs whose body computes
/// each element from the loop indices.
Value buildIndexGeneric(
    OpBuilder &b, Location loc, RankedTensorType type, ValueRange inputs,
    ArrayRef<AffineMap> inputMaps,
    function_ref<Value(OpBuilder &, Location, ValueRange, ValueRange)> body) {
  int64_t rank = type.getRank();
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(b.getMultiDimIdentityMap(rank));
  Value init =
      b.create<tensor::EmptyOp>(loc, type.getShape(), type.getElementType());
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = b.create<linalg::GenericOp>(
      loc, TypeRange{type}, inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        SmallVector<Value> ivs;
        for (int64_t d = 0; d < rank; ++d)
          ivs.push_back(nb.create<linalg::IndexOp>(nloc, d));
        Value r = body(nb, nloc, ivs, args.drop_back());
        nb.create<linalg::YieldOp>(nloc, r);
      });
  return generic.getResult(0);
}

SmallVector<OpFoldResult> foldResults(OpBuilder &b, ArrayRef<int64_t> v) {
  return getAsIndexOpFoldResult(b.getContext(), v);
}

/// A copy of the strided window of `input` (result index i reads
/// offsets + strides * i, strides possibly negative) as a fresh tensor: a
/// linalg.generic reading with tensor.extract (an input indexing map would
/// let linalg infer the loop bounds from the input's shape). Unlike an
/// extract_slice, the result is contiguous.
Value stridedCopy(OpBuilder &b, Location loc, Value input,
                  RankedTensorType type, ArrayRef<int64_t> offsets,
                  ArrayRef<int64_t> strides) {
  if (type.getNumElements() == 0)
    return b.create<tensor::EmptyOp>(loc, type.getShape(),
                                     type.getElementType());
  SmallVector<int64_t> off(offsets), str(strides);
  return buildIndexGeneric(
      b, loc, type, {}, {},
      [&](OpBuilder &nb, Location l, ValueRange ivs, ValueRange) {
        SmallVector<Value> coords;
        for (auto [d, iv] : llvm::enumerate(ivs)) {
          Value c = iv;
          if (str[d] != 1)
            c = nb.create<arith::MulIOp>(l, c, indexConstant(nb, l, str[d]));
          if (off[d] != 0)
            c = nb.create<arith::AddIOp>(l, c, indexConstant(nb, l, off[d]));
          coords.push_back(c);
        }
        return nb.create<tensor::ExtractOp>(l, input, coords).getResult();
      });
}

//===----------------------------------------------------------------------===//
// Constants, shapes and reshapes
//===----------------------------------------------------------------------===//

struct ConstantLowering : OpConversionPattern<graph::ConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::ConstantOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = llvm::cast<RankedTensorType>(
        getTypeConverter()->convertType(op.getType()));
    Attribute value = op.getValue();
    if (type != op.getType()) {
      // Unsigned integers: the same bytes as signless.
      if (auto dense = llvm::dyn_cast<DenseElementsAttr>(value))
        value = dense.bitcast(type.getElementType());
      else if (auto res = llvm::dyn_cast<DenseResourceElementsAttr>(value))
        value = DenseResourceElementsAttr::get(type, res.getRawHandle());
      else
        return rewriter.notifyMatchFailure(op, "unsupported constant kind");
    }
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, type, llvm::cast<TypedAttr>(value));
    return success();
  }
};

/// Reshape, Flatten, Squeeze and Unsqueeze: the result type says it all.
template <typename OpTy>
struct ReshapeLikeLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *this->getTypeConverter());
    Value input = adaptor.getOperands()[0];
    if (failed(type) || failed(requireStatic(op, input)))
      return failure();
    rewriter.replaceOp(op, reshapeTo(rewriter, op.getLoc(), input, *type));
    return success();
  }
};

/// Shape: constants for static dimensions, tensor.dim for dynamic ones.
struct ShapeLowering : OpConversionPattern<graph::ShapeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::ShapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto inType = llvm::dyn_cast<RankedTensorType>(adaptor.getData().getType());
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    if (!inType)
      return op.emitError("needs a ranked input");
    int64_t rank = inType.getRank();
    auto norm = [&](int64_t v) {
      if (v < 0)
        v += rank;
      return std::clamp<int64_t>(v, 0, rank);
    };
    int64_t start = norm((int64_t)op.getStart());
    int64_t end = op.getEnd() ? norm((int64_t)*op.getEnd()) : rank;
    end = std::max(start, end);
    Location loc = op.getLoc();
    ArrayRef<int64_t> dims = inType.getShape().slice(start, end - start);
    if (!llvm::is_contained(dims, ShapedType::kDynamic)) {
      rewriter.replaceOpWithNewOp<arith::ConstantOp>(
          op, DenseIntElementsAttr::get(*type, dims));
      return success();
    }
    SmallVector<Value> values;
    for (int64_t d = start; d < end; ++d) {
      Value dim = rewriter.create<tensor::DimOp>(loc, adaptor.getData(), d);
      values.push_back(
          rewriter.create<arith::IndexCastOp>(loc, rewriter.getI64Type(), dim));
    }
    rewriter.replaceOpWithNewOp<tensor::FromElementsOp>(op, *type, values);
    return success();
  }
};

/// Size: a constant for static shapes, a product of tensor.dim otherwise.
struct SizeLowering : OpConversionPattern<graph::SizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::SizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto inType = llvm::dyn_cast<RankedTensorType>(adaptor.getData().getType());
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    if (!inType)
      return op.emitError("needs a ranked input");
    Location loc = op.getLoc();
    if (inType.hasStaticShape()) {
      rewriter.replaceOpWithNewOp<arith::ConstantOp>(
          op, DenseIntElementsAttr::get(*type, {inType.getNumElements()}));
      return success();
    }
    Value size = indexConstant(rewriter, loc, 1);
    for (int64_t d = 0; d < inType.getRank(); ++d)
      size = rewriter.create<arith::MulIOp>(
          loc, size, rewriter.create<tensor::DimOp>(loc, adaptor.getData(), d));
    size =
        rewriter.create<arith::IndexCastOp>(loc, rewriter.getI64Type(), size);
    rewriter.replaceOpWithNewOp<tensor::FromElementsOp>(op, *type, size);
    return success();
  }
};

/// ConstantOfShape: linalg.fill of the value.
struct ConstantOfShapeLowering : OpConversionPattern<graph::ConstantOfShapeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::ConstantOfShapeOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    ElementsAttr value = op.getValue();
    if (value.getNumElements() != 1)
      return op.emitError("needs a one-element value");
    auto first =
        llvm::dyn_cast<TypedAttr>(*value.getValues<Attribute>().begin());
    if (!first)
      return op.emitError("has an unsupported value kind");
    Type elt = type->getElementType();
    TypedAttr scalar = first;
    if (auto i = llvm::dyn_cast<IntegerAttr>(first))
      scalar = IntegerAttr::get(elt, i.getValue());
    Location loc = op.getLoc();
    Value init = rewriter.create<tensor::EmptyOp>(loc, type->getShape(), elt);
    Value v = rewriter.create<arith::ConstantOp>(loc, scalar);
    rewriter.replaceOpWithNewOp<linalg::FillOp>(op, v, init);
    return success();
  }
};

/// Range (not folded: large or not constant): start + i * delta.
struct RangeLowering : OpConversionPattern<graph::RangeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::RangeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type))
      return failure();
    Location loc = op.getLoc();
    Type elt = type->getElementType();
    Value start = extractScalar(rewriter, loc, adaptor.getStart());
    Value delta = extractScalar(rewriter, loc, adaptor.getDelta());
    rewriter.replaceOp(
        op, buildIndexGeneric(
                rewriter, loc, *type, {}, {},
                [&](OpBuilder &b, Location l, ValueRange ivs, ValueRange) {
                  Value i = ivs[0];
                  if (llvm::isa<FloatType>(elt)) {
                    i = b.create<arith::IndexCastOp>(l, b.getI64Type(), i);
                    i = b.create<arith::SIToFPOp>(l, elt, i);
                    Value step = b.create<arith::MulFOp>(l, i, delta);
                    return b.create<arith::AddFOp>(l, start, step).getResult();
                  }
                  i = b.create<arith::IndexCastOp>(l, elt, i);
                  Value step = b.create<arith::MulIOp>(l, i, delta);
                  return b.create<arith::AddIOp>(l, start, step).getResult();
                }));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Concatenation, splitting and slicing
//===----------------------------------------------------------------------===//

int64_t normalizedAxis(int64_t axis, int64_t rank) {
  return axis < 0 ? axis + rank : axis;
}

/// Concat. When the dimensions before the axis are all 1, each input is a
/// contiguous block of the result: insert_slice into a tensor.empty (a
/// memcpy each). Otherwise one linalg.generic over the result that selects,
/// by the index along the axis, among the inputs read at clamped indices.
struct ConcatLowering : OpConversionPattern<graph::ConcatOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    if (failed(type) || failed(requireStatic(op, adaptor.getInputs())))
      return failure();
    int64_t rank = type->getRank();
    int64_t axis = normalizedAxis(op.getAxis(), rank);
    Location loc = op.getLoc();
    SmallVector<Value> parts;
    for (Value in : adaptor.getInputs())
      if (llvm::cast<RankedTensorType>(in.getType()).getNumElements() != 0)
        parts.push_back(in);
    if (parts.size() == 1 && parts[0].getType() == *type) {
      rewriter.replaceOp(op, parts[0]);
      return success();
    }
    SmallVector<int64_t> offsets(rank, 0), strides(rank, 1);
    if (parts.empty() ||
        ShapedType::getNumElements(type->getShape().take_front(axis)) == 1) {
      Value result = rewriter.create<tensor::EmptyOp>(loc, type->getShape(),
                                                      type->getElementType());
      for (Value in : parts) {
        auto t = llvm::cast<RankedTensorType>(in.getType());
        result = rewriter.create<tensor::InsertSliceOp>(
            loc, in, result, foldResults(rewriter, offsets),
            foldResults(rewriter, t.getShape()),
            foldResults(rewriter, strides));
        offsets[axis] += t.getDimSize(axis);
      }
      rewriter.replaceOp(op, result);
      return success();
    }
    rewriter.replaceOp(
        op,
        buildIndexGeneric(
            rewriter, loc, *type, {}, {},
            [&](OpBuilder &b, Location l, ValueRange ivs, ValueRange) {
              Value i = ivs[axis], r;
              int64_t start = 0;
              SmallVector<std::pair<int64_t, Value>> reads;
              for (Value in : parts) {
                int64_t size =
                    llvm::cast<RankedTensorType>(in.getType()).getDimSize(axis);
                SmallVector<Value> coords(ivs);
                Value local =
                    b.create<arith::SubIOp>(l, i, indexConstant(b, l, start));
                coords[axis] = b.create<arith::MinSIOp>(
                    l,
                    b.create<arith::MaxSIOp>(l, local, indexConstant(b, l, 0)),
                    indexConstant(b, l, size - 1));
                reads.push_back(
                    {start, b.create<tensor::ExtractOp>(l, in, coords)});
                start += size;
              }
              r = reads.back().second;
              for (size_t t = reads.size() - 1; t-- > 0;) {
                Value before = b.create<arith::CmpIOp>(
                    l, arith::CmpIPredicate::slt, i,
                    indexConstant(b, l, reads[t + 1].first));
                r = b.create<arith::SelectOp>(l, before, reads[t].second, r);
              }
              return r;
            }));
    return success();
  }
};

/// Split: one strided copy per result.
struct SplitLowering : OpConversionPattern<graph::SplitOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::SplitOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value input = adaptor.getInput();
    if (failed(requireStatic(op, input)))
      return failure();
    int64_t rank = llvm::cast<RankedTensorType>(input.getType()).getRank();
    int64_t axis = normalizedAxis(op.getAxis(), rank);
    SmallVector<int64_t> offsets(rank, 0), strides(rank, 1);
    SmallVector<Value> results;
    for (unsigned i = 0; i < op->getNumResults(); ++i) {
      FailureOr<RankedTensorType> type =
          staticResultType(op, *getTypeConverter(), i);
      if (failed(type))
        return failure();
      results.push_back(input.getType() == *type
                            ? input
                            : stridedCopy(rewriter, op.getLoc(), input, *type,
                                          offsets, strides));
      offsets[axis] += type->getDimSize(axis);
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// Slice: a strided copy (steps may be negative).
struct SliceLowering : OpConversionPattern<graph::SliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    Value input = adaptor.getData();
    if (failed(type) || failed(requireStatic(op, input)))
      return failure();
    auto inType = llvm::cast<RankedTensorType>(input.getType());
    int64_t rank = inType.getRank();
    std::optional<ArrayRef<int64_t>> starts = op.getStaticStarts();
    std::optional<ArrayRef<int64_t>> ends = op.getStaticEnds();
    if (!starts || !ends)
      return op.emitError("the CPU backend needs constant starts and ends");
    if (!op.getStaticAxes() && !isNoneValue(op.getAxes()))
      return op.emitError("the CPU backend needs constant axes");
    if (!op.getStaticSteps() && !isNoneValue(op.getSteps()))
      return op.emitError("the CPU backend needs constant steps");
    SmallVector<int64_t> axes =
        op.getStaticAxes()
            ? llvm::to_vector(*op.getStaticAxes())
            : llvm::to_vector(llvm::seq<int64_t>(0, starts->size()));
    SmallVector<int64_t> steps = op.getStaticSteps()
                                     ? llvm::to_vector(*op.getStaticSteps())
                                     : SmallVector<int64_t>(starts->size(), 1);
    if (axes.size() != starts->size() || ends->size() != starts->size() ||
        steps.size() != starts->size())
      return op.emitError(
          "has starts, ends, axes and steps of different sizes");

    SmallVector<int64_t> offsets(rank, 0), strides(rank, 1);
    for (size_t i = 0; i < axes.size(); ++i) {
      int64_t a = normalizedAxis(axes[i], rank);
      if (a < 0 || a >= rank || steps[i] == 0)
        return op.emitError("has an invalid axis or a zero step");
      int64_t d = inType.getDimSize(a), s = (*starts)[i];
      if (s < 0)
        s += d;
      s = steps[i] > 0 ? std::clamp<int64_t>(s, 0, d)
                       : std::clamp<int64_t>(s, 0, d - 1);
      offsets[a] = s;
      strides[a] = steps[i];
    }
    if (input.getType() == *type) {
      rewriter.replaceOp(op, input);
      return success();
    }
    rewriter.replaceOp(
        op, stridedCopy(rewriter, op.getLoc(), input, *type, offsets, strides));
    return success();
  }

  static bool isNoneValue(Value v) {
    return !v || llvm::isa<NoneType>(v.getType());
  }
};

//===----------------------------------------------------------------------===//
// Gather and scatter
//===----------------------------------------------------------------------===//

/// Gather: out[o..., i..., p...] = data[o..., clamp(indices[i...]), p...].
struct GatherLowering : OpConversionPattern<graph::GatherOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::GatherOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    Value data = adaptor.getData(), indices = adaptor.getIndices();
    if (failed(type) || failed(requireStatic(op, {data, indices})))
      return failure();
    auto dataType = llvm::cast<RankedTensorType>(data.getType());
    int64_t q = llvm::cast<RankedTensorType>(indices.getType()).getRank();
    int64_t axis = normalizedAxis(op.getAxis(), dataType.getRank());
    int64_t dim = dataType.getDimSize(axis);
    if (dim == 0 && type->getNumElements() != 0)
      return op.emitError("gathers from an empty axis");
    int64_t rank = type->getRank();
    SmallVector<AffineExpr> exprs;
    for (int64_t j = 0; j < q; ++j)
      exprs.push_back(rewriter.getAffineDimExpr(axis + j));
    AffineMap map = AffineMap::get(rank, 0, exprs, getContext());
    rewriter.replaceOp(
        op,
        buildIndexGeneric(
            rewriter, op.getLoc(), *type, indices, map,
            [&](OpBuilder &b, Location l, ValueRange ivs, ValueRange args) {
              SmallVector<Value> coords(ivs.take_front(axis));
              coords.push_back(clampedIndex(b, l, args[0], dim));
              llvm::append_range(coords, ivs.drop_front(axis + q));
              return b.create<tensor::ExtractOp>(l, data, coords).getResult();
            }));
    return success();
  }
};

/// GatherElements: out[i] = data[i with i[axis] = clamp(indices[i])].
struct GatherElementsLowering : OpConversionPattern<graph::GatherElementsOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::GatherElementsOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    Value data = adaptor.getData(), indices = adaptor.getIndices();
    if (failed(type) || failed(requireStatic(op, {data, indices})))
      return failure();
    auto dataType = llvm::cast<RankedTensorType>(data.getType());
    int64_t axis = normalizedAxis(op.getAxis(), dataType.getRank());
    int64_t dim = dataType.getDimSize(axis);
    if (dim == 0 && type->getNumElements() != 0)
      return op.emitError("gathers from an empty axis");
    AffineMap id = rewriter.getMultiDimIdentityMap(type->getRank());
    rewriter.replaceOp(
        op,
        buildIndexGeneric(
            rewriter, op.getLoc(), *type, indices, id,
            [&](OpBuilder &b, Location l, ValueRange ivs, ValueRange args) {
              SmallVector<Value> coords(ivs);
              coords[axis] = clampedIndex(b, l, args[0], dim);
              return b.create<tensor::ExtractOp>(l, data, coords).getResult();
            }));
    return success();
  }
};

/// The ScatterND reduction of `cur` and `upd` (graph element type `elt`).
Value scatterCombine(OpBuilder &b, Location loc, StringRef reduction, Type elt,
                     Value cur, Value upd) {
  bool isFloat = llvm::isa<FloatType>(elt);
  bool isBool = elt.isInteger(1);
  bool isUnsigned = isUnsignedInt(elt);
  if (reduction == "add") {
    if (isFloat)
      return b.create<arith::AddFOp>(loc, cur, upd);
    if (isBool)
      return b.create<arith::OrIOp>(loc, cur, upd);
    return b.create<arith::AddIOp>(loc, cur, upd);
  }
  if (reduction == "mul") {
    if (isFloat)
      return b.create<arith::MulFOp>(loc, cur, upd);
    if (isBool)
      return b.create<arith::AndIOp>(loc, cur, upd);
    return b.create<arith::MulIOp>(loc, cur, upd);
  }
  if (reduction == "max") {
    if (isFloat)
      return b.create<arith::MaximumFOp>(loc, cur, upd);
    if (isUnsigned)
      return b.create<arith::MaxUIOp>(loc, cur, upd);
    return b.create<arith::MaxSIOp>(loc, cur, upd);
  }
  // min
  if (isFloat)
    return b.create<arith::MinimumFOp>(loc, cur, upd);
  if (isUnsigned)
    return b.create<arith::MinUIOp>(loc, cur, upd);
  return b.create<arith::MinSIOp>(loc, cur, upd);
}

/// ScatterND: with the data viewed as [P, S] (P = prod(data.shape[:k]),
/// S = prod(data.shape[k:])) and the updates as [M, S], an scf.for over the
/// M index tuples, each linearized (clamped) to a row of the data, and an
/// inner scf.for over the S elements that (reduces and) inserts. In order, so
/// with "none" the last duplicate wins.
struct ScatterNDLowering : OpConversionPattern<graph::ScatterNDOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::ScatterNDOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    Value data = adaptor.getData(), indices = adaptor.getIndices(),
          updates = adaptor.getUpdates();
    if (failed(type) || failed(requireStatic(op, {data, indices, updates})))
      return failure();
    StringRef reduction = op.getReduction();
    if (!llvm::is_contained({"none", "add", "mul", "max", "min"}, reduction))
      return op.emitError() << "has unknown reduction '" << reduction << "'";
    auto dataType = llvm::cast<RankedTensorType>(data.getType());
    auto indicesType = llvm::cast<RankedTensorType>(indices.getType());
    if (indicesType.getRank() < 1)
      return op.emitError("needs indices of rank >= 1");
    ArrayRef<int64_t> dims = dataType.getShape();
    int64_t k = indicesType.getShape().back();
    if (k > dataType.getRank())
      return op.emitError("has index tuples longer than the data's rank");
    int64_t m = ShapedType::getNumElements(indicesType.getShape().drop_back());
    int64_t p = ShapedType::getNumElements(dims.take_front(k));
    int64_t s = ShapedType::getNumElements(dims.drop_front(k));
    Location loc = op.getLoc();
    if (m == 0 || dataType.getNumElements() == 0) {
      rewriter.replaceOp(op, data);
      return success();
    }
    Type elt = getElementTypeOrSelf(op.getData());
    Type dataElt = dataType.getElementType();
    Value data2 =
        reshapeTo(rewriter, loc, data, RankedTensorType::get({p, s}, dataElt));
    Value updates2 = reshapeTo(rewriter, loc, updates,
                               RankedTensorType::get({m, s}, dataElt));
    Value indices2 =
        reshapeTo(rewriter, loc, indices,
                  RankedTensorType::get({m, k}, indicesType.getElementType()));
    Value zero = indexConstant(rewriter, loc, 0);
    Value one = indexConstant(rewriter, loc, 1);
    auto outer = rewriter.create<scf::ForOp>(
        loc, zero, indexConstant(rewriter, loc, m), one, ValueRange{data2},
        [&](OpBuilder &b, Location l, Value j, ValueRange iter) {
          Value row = indexConstant(b, l, 0);
          for (int64_t t = 0; t < k; ++t) {
            Value v = b.create<tensor::ExtractOp>(
                l, indices2, ValueRange{j, indexConstant(b, l, t)});
            Value stride = indexConstant(
                b, l, ShapedType::getNumElements(dims.slice(t + 1, k - t - 1)));
            row = b.create<arith::AddIOp>(
                l, row,
                b.create<arith::MulIOp>(l, clampedIndex(b, l, v, dims[t]),
                                        stride));
          }
          auto inner = b.create<scf::ForOp>(
              l, zero, indexConstant(b, l, s), one, iter,
              [&](OpBuilder &ib, Location il, Value e, ValueRange acc) {
                Value u = ib.create<tensor::ExtractOp>(il, updates2,
                                                       ValueRange{j, e});
                if (reduction != "none") {
                  Value cur = ib.create<tensor::ExtractOp>(il, acc[0],
                                                           ValueRange{row, e});
                  u = scatterCombine(ib, il, reduction, elt, cur, u);
                }
                Value next = ib.create<tensor::InsertOp>(il, u, acc[0],
                                                         ValueRange{row, e});
                ib.create<scf::YieldOp>(il, next);
              });
          b.create<scf::YieldOp>(l, inner.getResult(0));
        });
    rewriter.replaceOp(op, reshapeTo(rewriter, loc, outer.getResult(0), *type));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Transpose, broadcast, tile, pad, trilu
//===----------------------------------------------------------------------===//

struct TransposeLowering : OpConversionPattern<graph::TransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    Value input = adaptor.getData();
    if (failed(type) || failed(requireStatic(op, input)))
      return failure();
    int64_t rank = type->getRank();
    SmallVector<int64_t> perm;
    if (op.getPerm())
      perm = llvm::to_vector(*op.getPerm());
    else
      for (int64_t d = rank - 1; d >= 0; --d)
        perm.push_back(d);
    if (llvm::equal(perm, llvm::seq<int64_t>(0, rank))) {
      rewriter.replaceOp(op, input);
      return success();
    }
    Location loc = op.getLoc();
    Value init = rewriter.create<tensor::EmptyOp>(loc, type->getShape(),
                                                  type->getElementType());
    auto transpose =
        rewriter.create<linalg::TransposeOp>(loc, input, init, perm);
    rewriter.replaceOp(op, transpose->getResult(0));
    return success();
  }
};

/// Expand: a broadcasting copy.
struct ExpandLowering : OpConversionPattern<graph::ExpandOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::ExpandOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    Value input = adaptor.getInput();
    if (failed(type) || failed(requireStatic(op, input)))
      return failure();
    if (input.getType() == *type) {
      rewriter.replaceOp(op, input);
      return success();
    }
    FailureOr<Value> result = buildElementwise(
        rewriter, op.getLoc(), *type, input,
        [](OpBuilder &, Location, ValueRange a) { return a[0]; });
    if (failed(result))
      return op.emitError("cannot broadcast the input to the result");
    rewriter.replaceOp(op, *result);
    return success();
  }
};

/// Tile: broadcast d_i to [r_i, d_i] (a linalg.generic), then collapse each
/// pair. The repeats are read off the static shapes.
struct TileLowering : OpConversionPattern<graph::TileOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::TileOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    Value input = adaptor.getInput();
    if (failed(type) || failed(requireStatic(op, input)))
      return failure();
    Location loc = op.getLoc();
    if (input.getType() == *type) {
      rewriter.replaceOp(op, input);
      return success();
    }
    if (type->getNumElements() == 0) {
      rewriter.replaceOpWithNewOp<tensor::EmptyOp>(op, type->getShape(),
                                                   type->getElementType());
      return success();
    }
    auto inType = llvm::cast<RankedTensorType>(input.getType());
    int64_t rank = inType.getRank();
    SmallVector<int64_t> wide;
    SmallVector<AffineExpr> exprs;
    SmallVector<ReassociationIndices> groups;
    for (int64_t d = 0; d < rank; ++d) {
      int64_t in = inType.getDimSize(d);
      wide.push_back(type->getDimSize(d) / in);
      wide.push_back(in);
      exprs.push_back(rewriter.getAffineDimExpr(2 * d + 1));
      groups.push_back({2 * d, 2 * d + 1});
    }
    auto wideType = RankedTensorType::get(wide, type->getElementType());
    AffineMap map = AffineMap::get(2 * rank, 0, exprs, getContext());
    Value tiled = buildIndexGeneric(
        rewriter, loc, wideType, input, map,
        [](OpBuilder &, Location, ValueRange, ValueRange a) { return a[0]; });
    rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(op, *type, tiled,
                                                         groups);
    return success();
  }
};

/// Pad (negative pads crop): a linalg.generic over the output that maps each
/// index into the input; "constant" selects the value outside it, "edge",
/// "reflect" and "wrap" clamp, reflect or wrap the index.
struct PadLowering : OpConversionPattern<graph::PadOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::PadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    Value input = adaptor.getData();
    if (failed(type) || failed(requireStatic(op, input)))
      return failure();
    auto inType = llvm::cast<RankedTensorType>(input.getType());
    int64_t rank = inType.getRank();
    std::optional<ArrayRef<int64_t>> staticPads = op.getStaticPads();
    if (!staticPads)
      return op.emitError("the CPU backend needs constant pads");
    SmallVector<int64_t> lo(rank, 0), hi(rank, 0);
    if (std::optional<ArrayRef<int64_t>> axes = op.getStaticAxes()) {
      if (staticPads->size() != 2 * axes->size())
        return op.emitError("has pads that do not match its axes");
      for (auto [i, a] : llvm::enumerate(*axes)) {
        int64_t d = normalizedAxis(a, rank);
        lo[d] = (*staticPads)[i];
        hi[d] = (*staticPads)[i + axes->size()];
      }
    } else {
      if ((int64_t)staticPads->size() != 2 * rank)
        return op.emitError("has pads that do not match its rank");
      for (int64_t d = 0; d < rank; ++d) {
        lo[d] = (*staticPads)[d];
        hi[d] = (*staticPads)[d + rank];
      }
    }
    Location loc = op.getLoc();
    StringRef mode = op.getMode();
    Type elt = type->getElementType();
    if (type->getNumElements() == 0) {
      rewriter.replaceOpWithNewOp<tensor::EmptyOp>(op, type->getShape(), elt);
      return success();
    }
    if (mode == "constant") {
      Value value =
          llvm::isa<NoneType>(adaptor.getConstantValue().getType())
              ? scalarConstant(rewriter, loc, elt, 0)
              : extractScalar(rewriter, loc, adaptor.getConstantValue());
      if (inType.getNumElements() == 0) {
        Value init =
            rewriter.create<tensor::EmptyOp>(loc, type->getShape(), elt);
        rewriter.replaceOpWithNewOp<linalg::FillOp>(op, value, init);
        return success();
      }
      rewriter.replaceOp(
          op,
          buildIndexGeneric(
              rewriter, loc, *type, {}, {},
              [&](OpBuilder &b, Location l, ValueRange ivs, ValueRange) {
                SmallVector<Value> coords;
                Value inside;
                for (int64_t d = 0; d < rank; ++d) {
                  int64_t n = inType.getDimSize(d);
                  if (lo[d] == 0 && hi[d] >= 0) {
                    coords.push_back(ivs[d]);
                    if (hi[d] == 0)
                      continue;
                  } else {
                    coords.push_back(b.create<arith::SubIOp>(
                        l, ivs[d], indexConstant(b, l, lo[d])));
                  }
                  Value s = coords.back();
                  Value ok = b.create<arith::AndIOp>(
                      l,
                      b.create<arith::CmpIOp>(l, arith::CmpIPredicate::sge, s,
                                              indexConstant(b, l, 0)),
                      b.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt, s,
                                              indexConstant(b, l, n)));
                  inside =
                      inside
                          ? b.create<arith::AndIOp>(l, inside, ok).getResult()
                          : ok;
                  coords.back() = b.create<arith::MinSIOp>(
                      l, b.create<arith::MaxSIOp>(l, s, indexConstant(b, l, 0)),
                      indexConstant(b, l, n - 1));
                }
                Value v = b.create<tensor::ExtractOp>(l, input, coords);
                if (!inside)
                  return v;
                return b.create<arith::SelectOp>(l, inside, v, value)
                    .getResult();
              }));
      return success();
    }
    if (mode != "edge" && mode != "reflect" && mode != "wrap")
      return op.emitError() << "has unknown mode '" << mode << "'";
    // Negative pads crop first (as ONNX Runtime does); the positive ones
    // then pad the cropped input.
    for (int64_t d = 0; d < rank; ++d) {
      int64_t kept = inType.getDimSize(d) - std::max<int64_t>(-lo[d], 0) -
                     std::max<int64_t>(-hi[d], 0);
      if (kept <= 0 && (lo[d] > 0 || hi[d] > 0))
        return op.emitError()
               << "cannot pad an empty dimension in " << mode << " mode";
    }
    rewriter.replaceOp(
        op,
        buildIndexGeneric(
            rewriter, loc, *type, {}, {},
            [&](OpBuilder &b, Location l, ValueRange ivs, ValueRange) {
              SmallVector<Value> coords;
              for (int64_t d = 0; d < rank; ++d) {
                int64_t cropLo = std::max<int64_t>(-lo[d], 0);
                int64_t kept = inType.getDimSize(d) - cropLo -
                               std::max<int64_t>(-hi[d], 0);
                if (lo[d] <= 0 && hi[d] <= 0) {
                  coords.push_back(
                      cropLo == 0 ? ivs[d]
                                  : b.create<arith::AddIOp>(
                                         l, ivs[d], indexConstant(b, l, cropLo))
                                        .getResult());
                  continue;
                }
                Value s = ivs[d];
                if (lo[d] > 0)
                  s = b.create<arith::SubIOp>(l, s, indexConstant(b, l, lo[d]));
                s = sourceIndex(b, l, mode, s, kept);
                if (cropLo != 0)
                  s = b.create<arith::AddIOp>(l, s,
                                              indexConstant(b, l, cropLo));
                coords.push_back(s);
              }
              return b.create<tensor::ExtractOp>(l, input, coords).getResult();
            }));
    return success();
  }

  /// Maps index `s` (possibly outside [0, n)) into the input.
  static Value sourceIndex(OpBuilder &b, Location l, StringRef mode, Value s,
                           int64_t n) {
    Value zero = indexConstant(b, l, 0);
    if (mode == "edge" || n == 1) {
      s = b.create<arith::MaxSIOp>(l, s, zero);
      return b.create<arith::MinSIOp>(l, s, indexConstant(b, l, n - 1));
    }
    // Periodic with period n (wrap) or 2(n - 1) (reflect).
    int64_t period = mode == "wrap" ? n : 2 * (n - 1);
    Value p = indexConstant(b, l, period);
    Value r = b.create<arith::RemSIOp>(l, s, p);
    Value negative =
        b.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt, r, zero);
    r = b.create<arith::SelectOp>(l, negative, b.create<arith::AddIOp>(l, r, p),
                                  r);
    if (mode == "wrap")
      return r;
    Value inside = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt, r,
                                           indexConstant(b, l, n));
    return b.create<arith::SelectOp>(l, inside, r,
                                     b.create<arith::SubIOp>(l, p, r));
  }
};

/// Trilu: keeps x[..., i, j] where j - i >= k (upper) or j - i <= k (lower).
struct TriluLowering : OpConversionPattern<graph::TriluOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::TriluOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<RankedTensorType> type =
        staticResultType(op, *getTypeConverter());
    Value input = adaptor.getInput();
    if (failed(type) || failed(requireStatic(op, input)))
      return failure();
    int64_t rank = type->getRank();
    if (rank < 2)
      return op.emitError("needs an input of rank >= 2");
    Location loc = op.getLoc();
    Value k;
    if (op.getStaticK())
      k = rewriter.create<arith::ConstantIntOp>(loc, *op.getStaticK(), 64);
    else if (!llvm::isa<NoneType>(adaptor.getK().getType()))
      k = extractScalar(rewriter, loc, adaptor.getK());
    else
      k = rewriter.create<arith::ConstantIntOp>(loc, 0, 64);
    if (k.getType() != rewriter.getI64Type())
      k = rewriter.create<arith::ExtSIOp>(loc, rewriter.getI64Type(), k);
    bool upper = op.getUpper();
    Type elt = type->getElementType();
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    rewriter.replaceOp(
        op, buildIndexGeneric(
                rewriter, loc, *type, input, id,
                [&](OpBuilder &b, Location l, ValueRange ivs, ValueRange a) {
                  Value diff =
                      b.create<arith::SubIOp>(l, ivs[rank - 1], ivs[rank - 2]);
                  diff = b.create<arith::IndexCastOp>(l, b.getI64Type(), diff);
                  Value keep =
                      b.create<arith::CmpIOp>(l,
                                              upper ? arith::CmpIPredicate::sge
                                                    : arith::CmpIPredicate::sle,
                                              diff, k);
                  return b
                      .create<arith::SelectOp>(l, keep, a[0],
                                               scalarConstant(b, l, elt, 0))
                      .getResult();
                }));
    return success();
  }
};

} // namespace

/// Resize (TensorResize.cpp).
void populateTensorResizeLoweringPatterns(const TypeConverter &converter,
                                          RewritePatternSet &patterns);

void populateTensorLoweringPatterns(const TypeConverter &converter,
                                    RewritePatternSet &patterns) {
  patterns.add<ConstantLowering, ReshapeLikeLowering<graph::ReshapeOp>,
               ReshapeLikeLowering<graph::FlattenOp>,
               ReshapeLikeLowering<graph::SqueezeOp>,
               ReshapeLikeLowering<graph::UnsqueezeOp>, ShapeLowering,
               SizeLowering, ConstantOfShapeLowering, RangeLowering,
               ConcatLowering, SplitLowering, SliceLowering, GatherLowering,
               GatherElementsLowering, ScatterNDLowering, TransposeLowering,
               ExpandLowering, TileLowering, PadLowering, TriluLowering>(
      converter, patterns.getContext());
  populateTensorResizeLoweringPatterns(converter, patterns);
}

} // namespace mlc::lowering
