//===- NN.cpp - lowering of the neural-network graph ops ------------------===//
//
// Gathers the NN lowerings (NNConv.cpp: conv, conv_transpose; NNPool.cpp:
// the pools; NNNorm.cpp: normalizations, LRN, softmax; NNAttention.cpp:
// attention) and holds their shared helpers (NNUtils.h).
//
//===----------------------------------------------------------------------===//

#include "passes/conversion/GraphToLinalg/NNUtils.h"

#include "dialects/graph/IR/GraphOps.h"
#include "dialects/graph/IR/ShapeUtils.h"
#include "passes/conversion/GraphToLinalg/LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace mlc::lowering {
namespace nn {

ArrayRef<int64_t> shapeOf(Value v) {
  return llvm::cast<RankedTensorType>(v.getType()).getShape();
}

bool isAbsent(Value v) { return !v || llvm::isa<NoneType>(v.getType()); }

bool allStatic(ValueRange values) {
  for (Value v : values) {
    if (isAbsent(v))
      continue;
    auto t = llvm::dyn_cast<RankedTensorType>(v.getType());
    if (!t || !t.hasStaticShape())
      return false;
  }
  return true;
}

LogicalResult requireFloat(Operation *op, ValueRange values) {
  for (Value v : values)
    if (!isAbsent(v) && !llvm::isa<FloatType>(getElementTypeOrSelf(v)))
      return op->emitError()
             << "the CPU backend lowers " << op->getName()
             << " for float element types only, not " << v.getType();
  return success();
}

LogicalResult requireStatic(Operation *op, ValueRange values) {
  if (!allStatic(values))
    return op->emitError("the CPU backend needs static operand shapes");
  return success();
}

LogicalResult requireStaticFloat(Operation *op, ValueRange values) {
  if (failed(requireStatic(op, values)))
    return failure();
  return requireFloat(op, values);
}

Value emptyTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                  Type elt) {
  return b.create<tensor::EmptyOp>(loc, shape, elt);
}

Value filledTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                   Value scalar) {
  Value init = emptyTensor(b, loc, shape, scalar.getType());
  return b.create<linalg::FillOp>(loc, scalar, init).getResult(0);
}

Value padTensor(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> low,
                ArrayRef<int64_t> high, Value padValue,
                ArrayRef<int64_t> interior) {
  auto type = llvm::cast<RankedTensorType>(input.getType());
  int64_t rank = type.getRank();
  auto step = [&](int64_t i) { return interior.empty() ? 1 : interior[i]; };
  bool identity = true;
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t d = type.getDimSize(i);
    shape.push_back((d - 1) * step(i) + 1 + low[i] + high[i]);
    identity &= low[i] == 0 && high[i] == 0 && step(i) == 1;
  }
  if (identity)
    return input;
  if (type.getNumElements() == 0) // nothing to read: all padding
    return filledTensor(b, loc, shape, padValue);
  bool plain = true;
  for (int64_t i = 0; i < rank; ++i)
    plain &= low[i] >= 0 && high[i] >= 0 && step(i) == 1;
  if (plain) {
    // The pad value everywhere, then the input copied into the interior
    // window (a slice of the same buffer once bufferized: no gather, and
    // contiguous rows that vectorize).
    Value filled = filledTensor(b, loc, shape, padValue);
    SmallVector<OpFoldResult> offsets, sizes, strides;
    for (int64_t i = 0; i < rank; ++i) {
      offsets.push_back(b.getIndexAttr(low[i]));
      sizes.push_back(b.getIndexAttr(type.getDimSize(i)));
      strides.push_back(b.getIndexAttr(1));
    }
    Value window = b.create<tensor::ExtractSliceOp>(loc, filled, offsets,
                                                    sizes, strides);
    Value copied =
        b.create<linalg::GenericOp>(
             loc, TypeRange{window.getType()}, ValueRange{input},
             ValueRange{window},
             SmallVector<AffineMap>(2, b.getMultiDimIdentityMap(rank)),
             SmallVector<utils::IteratorType>(rank,
                                              utils::IteratorType::parallel),
             [](OpBuilder &nb, Location l, ValueRange args) {
               nb.create<linalg::YieldOp>(l, args[0]);
             })
            .getResult(0);
    return b.create<tensor::InsertSliceOp>(loc, copied, filled, offsets,
                                           sizes, strides);
  }
  // A gather from the input: output position p reads input (p - low) / step
  // where that is an in-bounds multiple of the step, else the pad value.
  // (tensor.pad would bufferize to a strided memref.copy, which the CPU
  // pipeline cannot yet lower without a runtime memrefCopy.)
  auto resultType = RankedTensorType::get(shape, type.getElementType());
  Value init = emptyTensor(b, loc, shape, type.getElementType());
  auto generic = b.create<linalg::GenericOp>(
      loc, TypeRange{resultType}, ValueRange{}, ValueRange{init},
      ArrayRef<AffineMap>{b.getMultiDimIdentityMap(rank)},
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location l, ValueRange) {
        auto cst = [&](int64_t v) -> Value {
          return nb.create<arith::ConstantIndexOp>(l, v);
        };
        Value inBounds = nb.create<arith::ConstantIntOp>(l, 1, 1);
        auto both = [&](Value c) {
          inBounds = nb.create<arith::AndIOp>(l, inBounds, c);
        };
        SmallVector<Value> indices;
        for (int64_t i = 0; i < rank; ++i) {
          Value p = nb.create<linalg::IndexOp>(l, i);
          int64_t d = type.getDimSize(i);
          if (low[i] == 0 && high[i] <= 0 && step(i) == 1) {
            indices.push_back(p); // always in bounds
            continue;
          }
          Value q = nb.create<arith::SubIOp>(l, p, cst(low[i]));
          both(nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::sge, q,
                                        cst(0)));
          if (step(i) != 1) {
            Value rem = nb.create<arith::RemSIOp>(l, q, cst(step(i)));
            both(nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, rem,
                                          cst(0)));
            q = nb.create<arith::DivSIOp>(l, q, cst(step(i)));
          }
          both(nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt, q,
                                        cst(d)));
          q = nb.create<arith::MaxSIOp>(l, q, cst(0));
          q = nb.create<arith::MinSIOp>(l, q, cst(d - 1));
          indices.push_back(q);
        }
        Value v = nb.create<tensor::ExtractOp>(l, input, indices);
        nb.create<linalg::YieldOp>(l, ValueRange{nb.create<arith::SelectOp>(
                                          l, inBounds, v, padValue)});
      });
  return generic.getResult(0);
}

AffineMap keptDimsMap(MLIRContext *ctx, ArrayRef<bool> dropped) {
  SmallVector<AffineExpr> exprs;
  for (size_t i = 0; i < dropped.size(); ++i)
    if (!dropped[i])
      exprs.push_back(getAffineDimExpr(i, ctx));
  return AffineMap::get(dropped.size(), 0, exprs, ctx);
}

Value parallelGeneric(OpBuilder &b, Location loc, RankedTensorType resultType,
                      ValueRange inputs, ArrayRef<AffineMap> maps,
                      BodyFn body) {
  SmallVector<AffineMap> allMaps(maps);
  allMaps.push_back(b.getMultiDimIdentityMap(resultType.getRank()));
  SmallVector<utils::IteratorType> iterators(resultType.getRank(),
                                             utils::IteratorType::parallel);
  Value init =
      emptyTensor(b, loc, resultType.getShape(), resultType.getElementType());
  auto generic = b.create<linalg::GenericOp>(
      loc, TypeRange{resultType}, inputs, ValueRange{init}, allMaps, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        nb.create<linalg::YieldOp>(nl, body(nb, nl, args.drop_back()));
      });
  return generic.getResult(0);
}

Value reduceGeneric(OpBuilder &b, Location loc, ArrayRef<int64_t> space,
                    ArrayRef<bool> reduced, ValueRange inputs,
                    ArrayRef<AffineMap> maps, Value init, BodyFn body) {
  SmallVector<int64_t> kept;
  SmallVector<utils::IteratorType> iterators;
  for (size_t i = 0; i < space.size(); ++i) {
    iterators.push_back(reduced[i] ? utils::IteratorType::reduction
                                   : utils::IteratorType::parallel);
    if (!reduced[i])
      kept.push_back(space[i]);
  }
  Value out = filledTensor(b, loc, kept, init);
  SmallVector<AffineMap> allMaps(maps);
  allMaps.push_back(keptDimsMap(b.getContext(), reduced));
  auto generic = b.create<linalg::GenericOp>(
      loc, TypeRange{out.getType()}, inputs, ValueRange{out}, allMaps,
      iterators, [&](OpBuilder &nb, Location nl, ValueRange args) {
        nb.create<linalg::YieldOp>(nl, body(nb, nl, args));
      });
  return generic.getResult(0);
}

Value expandToKeepDims(OpBuilder &b, Location loc, Value reduced,
                       ArrayRef<int64_t> keepShape, ArrayRef<bool> mask) {
  auto srcType = llvm::cast<RankedTensorType>(reduced.getType());
  auto resultType = RankedTensorType::get(keepShape, srcType.getElementType());
  if (srcType == resultType)
    return reduced;
  // Each kept dimension takes the unit dimensions that follow it; leading
  // unit dimensions join the first kept one.
  SmallVector<ReassociationIndices> groups;
  SmallVector<int64_t> pending;
  for (size_t i = 0; i < keepShape.size(); ++i) {
    if (mask[i]) {
      if (groups.empty())
        pending.push_back(i);
      else
        groups.back().push_back(i);
      continue;
    }
    ReassociationIndices group(pending.begin(), pending.end());
    pending.clear();
    group.push_back(i);
    groups.push_back(group);
  }
  if (srcType.getRank() == 0)
    groups.clear();
  return b.create<tensor::ExpandShapeOp>(loc, resultType, reduced, groups);
}

Value castTensor(OpBuilder &b, Location loc, Value v, Type from, Type to) {
  if (from == to)
    return v;
  auto type = llvm::cast<RankedTensorType>(v.getType());
  auto resultType = type.clone(toSignless(to));
  return parallelGeneric(b, loc, resultType, v,
                         {b.getMultiDimIdentityMap(type.getRank())},
                         [&](OpBuilder &nb, Location nl, ValueRange a) {
                           return convertScalar(nb, nl, a[0], from, to);
                         });
}

static bool isUnsignedInt(Type t) {
  auto i = llvm::dyn_cast<IntegerType>(t);
  return i && (i.isUnsigned() || i.getWidth() == 1);
}

Value lowestValue(OpBuilder &b, Location loc, Type t) {
  if (auto f = llvm::dyn_cast<FloatType>(t))
    return b.create<arith::ConstantOp>(
        loc, b.getFloatAttr(f, APFloat::getInf(f.getFloatSemantics(),
                                               /*Negative=*/true)));
  auto i = llvm::cast<IntegerType>(t);
  APInt v = isUnsignedInt(t) ? APInt::getMinValue(i.getWidth())
                             : APInt::getSignedMinValue(i.getWidth());
  return b.create<arith::ConstantOp>(loc, b.getIntegerAttr(toSignless(t), v));
}

Value maxScalar(OpBuilder &b, Location loc, Type t, Value x, Value y) {
  if (llvm::isa<FloatType>(t))
    return b.create<arith::MaximumFOp>(loc, x, y);
  if (isUnsignedInt(t))
    return b.create<arith::MaxUIOp>(loc, x, y);
  return b.create<arith::MaxSIOp>(loc, x, y);
}

Value greaterScalar(OpBuilder &b, Location loc, Type t, Value x, Value y) {
  if (llvm::isa<FloatType>(t))
    return b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, x, y);
  return b.create<arith::CmpIOp>(loc,
                                 isUnsignedInt(t) ? arith::CmpIPredicate::ugt
                                                  : arith::CmpIPredicate::sgt,
                                 x, y);
}

Value addF(OpBuilder &b, Location loc, Value x, Value y) {
  return b.create<arith::AddFOp>(loc, x, y);
}
Value subF(OpBuilder &b, Location loc, Value x, Value y) {
  return b.create<arith::SubFOp>(loc, x, y);
}
Value mulF(OpBuilder &b, Location loc, Value x, Value y) {
  return b.create<arith::MulFOp>(loc, x, y);
}
Value divF(OpBuilder &b, Location loc, Value x, Value y) {
  return b.create<arith::DivFOp>(loc, x, y);
}

SmallVector<int64_t> resolvePads(StringRef autoPad, ArrayRef<int64_t> pads,
                                 ArrayRef<int64_t> input,
                                 ArrayRef<int64_t> kernel,
                                 ArrayRef<int64_t> strides,
                                 ArrayRef<int64_t> dilations) {
  if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER")
    if (std::optional<SmallVector<int64_t>> same = graph::computeSamePads(
            input, kernel, strides, dilations, autoPad == "SAME_UPPER"))
      return *same;
  if (autoPad == "VALID")
    return SmallVector<int64_t>(2 * input.size(), 0);
  return SmallVector<int64_t>(pads);
}

DenseIntElementsAttr i64Vector(OpBuilder &b, ArrayRef<int64_t> values) {
  return DenseIntElementsAttr::get(
      RankedTensorType::get({(int64_t)values.size()}, b.getI64Type()), values);
}

} // namespace nn

void populateNNLoweringPatterns(const TypeConverter &converter,
                                RewritePatternSet &patterns) {
  nn::populateNNConvPatterns(converter, patterns);
  nn::populateNNPoolPatterns(converter, patterns);
  nn::populateNNNormPatterns(converter, patterns);
  nn::populateNNAttentionPatterns(converter, patterns);
}

} // namespace mlc::lowering
