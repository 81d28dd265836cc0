//===- ElementwiseOps.cpp - elementwise graph ops
//--------------------------===//
//
// Result-type inference, folders and canonicalization patterns of the
// elementwise ops. Folders handle small integer constants (the shape
// arithmetic of exported models), comparisons and selects over them, and
// algebraic identities (x + 0, x * 1, Identity, inference-mode Dropout).
//
//===----------------------------------------------------------------------===//

#include "dialects/graph/IR/FoldUtils.h"
#include "dialects/graph/IR/GraphOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/APSInt.h"

using namespace mlir;
using namespace mlc::graph;

//===----------------------------------------------------------------------===//
// Inference helpers (used by the generated op classes below)
//===----------------------------------------------------------------------===//

/// Checks that every operand of `op` is a tensor of one element type.
static LogicalResult verifySameElementTensors(Operation *op,
                                              ValueRange operands) {
  if (operands.empty())
    return op->emitOpError("needs at least one operand");
  for (Value v : operands)
    if (!llvm::isa<TensorType>(v.getType()))
      return op->emitOpError()
             << "operand of type " << v.getType() << " is not a tensor";
  Type elt = getElementTypeOrSelf(operands[0]);
  for (Value v : operands.drop_front())
    if (getElementTypeOrSelf(v) != elt)
      return op->emitOpError()
             << "operands have different element types: "
             << operands[0].getType() << " and " << v.getType();
  return success();
}

/// Broadcasts all operands of `op` (one element type) to one result of that
/// element type, or i1 for a predicate.
static LogicalResult inferSameElementBroadcast(Operation *op, bool predicate,
                                               SmallVectorImpl<Type> &types) {
  if (failed(verifySameElementTensors(op, op->getOperands())))
    return failure();
  Type elt = predicate ? IntegerType::get(op->getContext(), 1)
                       : getElementTypeOrSelf(op->getOperand(0));
  return inferBroadcastResult(op, op->getOperands(), elt, types);
}

static LogicalResult inferMod(ModOp op, SmallVectorImpl<Type> &types) {
  if (failed(inferSameElementBroadcast(op, /*predicate=*/false, types)))
    return failure();
  if (llvm::isa<FloatType>(getElementTypeOrSelf(op.getLhs())) && !op.getFmod())
    return op.emitOpError("needs fmod = true for floating-point operands");
  return success();
}

#define GET_OP_CLASSES
#include "dialects/graph/IR/ElementwiseOps.cpp.inc"

void GraphDialect::registerElementwiseOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/graph/IR/ElementwiseOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Folding helpers
//===----------------------------------------------------------------------===//

static bool isUnsignedInt(Type t) {
  auto i = llvm::dyn_cast<IntegerType>(t);
  return i && (i.isUnsigned() || i.getWidth() == 1);
}

/// Folds an elementwise integer op over small constants (the shape
/// arithmetic of exported models); `fn` gets the operands' values and whether
/// they are unsigned, and returns std::nullopt to decline (e.g. division by
/// zero).
static Attribute
foldInts(Operation *op, ArrayRef<Attribute> operands,
         llvm::function_ref<std::optional<APInt>(ArrayRef<APInt>, bool)> fn) {
  Type elt = getElementTypeOrSelf(op->getResult(0));
  if (!llvm::isa<IntegerType>(elt))
    return nullptr;
  bool isUnsigned = isUnsignedInt(elt);
  SmallVector<APInt> values;
  return foldBroadcastElementwise(operands, op->getResult(0).getType(),
                                  [&](ArrayRef<Attribute> args) -> Attribute {
                                    values.clear();
                                    for (Attribute a : args) {
                                      auto i = llvm::dyn_cast<IntegerAttr>(a);
                                      if (!i || i.getType() != elt)
                                        return nullptr;
                                      values.push_back(i.getValue());
                                    }
                                    std::optional<APInt> r =
                                        fn(values, isUnsigned);
                                    if (!r)
                                      return nullptr;
                                    return IntegerAttr::get(elt, *r);
                                  });
}

/// Folds a comparison over small integer or float constants.
static Attribute foldCompare(Operation *op, ArrayRef<Attribute> operands,
                             llvm::function_ref<bool(int)> pred) {
  Type elt = getElementTypeOrSelf(op->getOperand(0));
  bool isUnsigned = isUnsignedInt(elt);
  Type i1 = IntegerType::get(op->getContext(), 1);
  return foldBroadcastElementwise(
      operands, op->getResult(0).getType(),
      [&](ArrayRef<Attribute> args) -> Attribute {
        // -1, 0, 1 for less, equal, greater; 2 for unordered (NaN).
        int cmp;
        auto ia = llvm::dyn_cast<IntegerAttr>(args[0]);
        auto ib = llvm::dyn_cast<IntegerAttr>(args[1]);
        auto fa = llvm::dyn_cast<FloatAttr>(args[0]);
        auto fb = llvm::dyn_cast<FloatAttr>(args[1]);
        if (ia && ib && ia.getType() == ib.getType()) {
          const APInt &a = ia.getValue(), &b = ib.getValue();
          cmp = isUnsigned ? (a.ult(b) ? -1
                              : a == b ? 0
                                       : 1)
                           : (a.slt(b) ? -1
                              : a == b ? 0
                                       : 1);
        } else if (fa && fb && fa.getType() == fb.getType()) {
          switch (fa.getValue().compare(fb.getValue())) {
          case APFloat::cmpLessThan:
            cmp = -1;
            break;
          case APFloat::cmpEqual:
            cmp = 0;
            break;
          case APFloat::cmpGreaterThan:
            cmp = 1;
            break;
          default:
            cmp = 2;
          }
        } else {
          return nullptr;
        }
        return IntegerAttr::get(i1, pred(cmp) ? 1 : 0);
      });
}

/// True if `v` is a constant whose elements all equal `value`: integers, or
/// floats when `floatValue` is given (compared bitwise, so -0.0 != 0.0).
static bool isSplatOf(Value v, int64_t value,
                      std::optional<double> floatValue = std::nullopt) {
  auto dense = llvm::dyn_cast_or_null<DenseElementsAttr>(
      getFoldableElements(getConstantElements(v)));
  if (!dense || !dense.isSplat())
    return false;
  if (auto ints = llvm::dyn_cast<DenseIntElementsAttr>(dense))
    return (*ints.begin()).getSExtValue() == value;
  if (auto floats = llvm::dyn_cast<DenseFPElementsAttr>(dense)) {
    if (!floatValue)
      return false;
    APFloat f = *floats.begin();
    APFloat want(*floatValue);
    bool lost;
    want.convert(f.getSemantics(), APFloat::rmNearestTiesToEven, &lost);
    return f.bitwiseIsEqual(want);
  }
  return false;
}

/// `x` if the op is an identity on it (a neutral constant `other`) and `x`
/// already has the result's type.
static OpFoldResult foldNeutral(Operation *op, Value x, Value other,
                                int64_t neutral,
                                std::optional<double> floatNeutral) {
  if (x.getType() != op->getResult(0).getType())
    return nullptr;
  if (!isSplatOf(other, neutral, floatNeutral))
    return nullptr;
  return x;
}

//===----------------------------------------------------------------------===//
// Binary arithmetic
//===----------------------------------------------------------------------===//

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  if (Attribute a =
          foldInts(*this, adaptor.getOperands(),
                   [](ArrayRef<APInt> v, bool) -> std::optional<APInt> {
                     return v[0] + v[1];
                   }))
    return a;
  // x + (-0.0) is x for every float x; x + 0.0 is not (-0.0 + 0.0 = 0.0).
  return foldNeutral(*this, getLhs(), getRhs(), 0, -0.0);
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  if (Attribute a =
          foldInts(*this, adaptor.getOperands(),
                   [](ArrayRef<APInt> v, bool) -> std::optional<APInt> {
                     return v[0] - v[1];
                   }))
    return a;
  return foldNeutral(*this, getLhs(), getRhs(), 0, 0.0);
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  if (Attribute a =
          foldInts(*this, adaptor.getOperands(),
                   [](ArrayRef<APInt> v, bool) -> std::optional<APInt> {
                     return v[0] * v[1];
                   }))
    return a;
  return foldNeutral(*this, getLhs(), getRhs(), 1, 1.0);
}

OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  if (Attribute a = foldInts(
          *this, adaptor.getOperands(),
          [](ArrayRef<APInt> v, bool isUnsigned) -> std::optional<APInt> {
            if (v[1].isZero())
              return std::nullopt;
            // APInt's sdiv truncates toward zero, like ONNX integer Div.
            return isUnsigned ? v[0].udiv(v[1]) : v[0].sdiv(v[1]);
          }))
    return a;
  return foldNeutral(*this, getLhs(), getRhs(), 1, 1.0);
}

OpFoldResult ModOp::fold(FoldAdaptor adaptor) {
  bool fmod = getFmod();
  return foldInts(
      *this, adaptor.getOperands(),
      [&](ArrayRef<APInt> v, bool isUnsigned) -> std::optional<APInt> {
        const APInt &a = v[0], &b = v[1];
        if (b.isZero())
          return std::nullopt;
        if (isUnsigned)
          return a.urem(b);
        APInt r = a.srem(b);
        // Python's % takes the sign of the divisor.
        if (!fmod && !r.isZero() && r.isNegative() != b.isNegative())
          r += b;
        return r;
      });
}

//===----------------------------------------------------------------------===//
// Variadic ops
//===----------------------------------------------------------------------===//

OpFoldResult MaxOp::fold(FoldAdaptor adaptor) {
  if (getInputs().size() == 1 && getInputs()[0].getType() == getType())
    return getInputs()[0];
  return foldInts(*this, adaptor.getOperands(),
                  [](ArrayRef<APInt> v, bool isUnsigned) {
                    APInt r = v[0];
                    for (const APInt &x : v.drop_front())
                      if (isUnsigned ? x.ugt(r) : x.sgt(r))
                        r = x;
                    return std::optional<APInt>(r);
                  });
}

OpFoldResult MinOp::fold(FoldAdaptor adaptor) {
  if (getInputs().size() == 1 && getInputs()[0].getType() == getType())
    return getInputs()[0];
  return foldInts(*this, adaptor.getOperands(),
                  [](ArrayRef<APInt> v, bool isUnsigned) {
                    APInt r = v[0];
                    for (const APInt &x : v.drop_front())
                      if (isUnsigned ? x.ult(r) : x.slt(r))
                        r = x;
                    return std::optional<APInt>(r);
                  });
}

OpFoldResult SumOp::fold(FoldAdaptor adaptor) {
  if (getInputs().size() == 1 && getInputs()[0].getType() == getType())
    return getInputs()[0];
  return foldInts(*this, adaptor.getOperands(), [](ArrayRef<APInt> v, bool) {
    APInt r = v[0];
    for (const APInt &x : v.drop_front())
      r += x;
    return std::optional<APInt>(r);
  });
}

//===----------------------------------------------------------------------===//
// Comparisons and logic
//===----------------------------------------------------------------------===//

OpFoldResult EqualOp::fold(FoldAdaptor adaptor) {
  return foldCompare(*this, adaptor.getOperands(),
                     [](int cmp) { return cmp == 0; });
}

OpFoldResult GreaterOp::fold(FoldAdaptor adaptor) {
  return foldCompare(*this, adaptor.getOperands(),
                     [](int cmp) { return cmp == 1; });
}

OpFoldResult LessOp::fold(FoldAdaptor adaptor) {
  return foldCompare(*this, adaptor.getOperands(),
                     [](int cmp) { return cmp == -1; });
}

OpFoldResult AndOp::fold(FoldAdaptor adaptor) {
  return foldInts(*this, adaptor.getOperands(), [](ArrayRef<APInt> v, bool) {
    return std::optional<APInt>(v[0] & v[1]);
  });
}

OpFoldResult OrOp::fold(FoldAdaptor adaptor) {
  return foldInts(*this, adaptor.getOperands(), [](ArrayRef<APInt> v, bool) {
    return std::optional<APInt>(v[0] | v[1]);
  });
}

OpFoldResult NotOp::fold(FoldAdaptor adaptor) {
  return foldInts(*this, adaptor.getOperands(), [](ArrayRef<APInt> v, bool) {
    return std::optional<APInt>(~v[0]);
  });
}

LogicalResult IsNaNOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  types.push_back(
      makeTensorType(shapeOf(getInput()), IntegerType::get(getContext(), 1)));
  return success();
}

//===----------------------------------------------------------------------===//
// WhereOp
//===----------------------------------------------------------------------===//

LogicalResult WhereOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  if (failed(verifySameElementTensors(*this, {getX(), getY()})))
    return failure();
  return inferBroadcastResult(*this, getOperands(),
                              getElementTypeOrSelf(getX()), types);
}

OpFoldResult WhereOp::fold(FoldAdaptor adaptor) {
  // A constant uniform condition selects one side.
  auto cond = llvm::dyn_cast_or_null<DenseElementsAttr>(
      getFoldableElements(adaptor.getCondition()));
  if (cond && cond.isSplat()) {
    Value chosen = cond.getSplatValue<bool>() ? getX() : getY();
    if (chosen.getType() == getType())
      return chosen;
  }
  return foldBroadcastElementwise(
      adaptor.getOperands(), getType(),
      [](ArrayRef<Attribute> args) -> Attribute {
        auto c = llvm::dyn_cast<IntegerAttr>(args[0]);
        if (!c)
          return nullptr;
        return c.getValue().isZero() ? args[2] : args[1];
      });
}

//===----------------------------------------------------------------------===//
// Unary ops
//===----------------------------------------------------------------------===//

OpFoldResult IdentityOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  return nullptr;
}

OpFoldResult AbsOp::fold(FoldAdaptor adaptor) {
  return foldInts(*this, adaptor.getOperands(),
                  [](ArrayRef<APInt> v, bool isUnsigned) {
                    return std::optional<APInt>(isUnsigned ? v[0] : v[0].abs());
                  });
}

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  return foldInts(*this, adaptor.getOperands(), [](ArrayRef<APInt> v, bool) {
    return std::optional<APInt>(-v[0]);
  });
}

LogicalResult GeluOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  StringRef mode = getApproximate();
  if (mode != "none" && mode != "tanh")
    return emitOpError() << "approximate must be \"none\" or \"tanh\", not \""
                         << mode << "\"";
  types.push_back(getInput().getType());
  return success();
}

//===----------------------------------------------------------------------===//
// PReluOp
//===----------------------------------------------------------------------===//

LogicalResult PReluOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  if (failed(verifySameElementTensors(*this, getOperands())))
    return failure();
  std::optional<ArrayRef<int64_t>> x = shapeOf(getInput());
  std::optional<ArrayRef<int64_t>> s = shapeOf(getSlope());
  if (!x || !s) {
    types.push_back(getInput().getType());
    return success();
  }
  // Unidirectional broadcasting: slope's trailing dimensions are 1 or equal
  // to the input's; a static slope dimension refines an unknown input one.
  if (s->size() > x->size())
    return emitOpError() << "slope " << getSlope().getType()
                         << " has a higher rank than the input "
                         << getInput().getType();
  SmallVector<int64_t> out(x->begin(), x->end());
  size_t offset = x->size() - s->size();
  for (auto [i, d] : llvm::enumerate(*s)) {
    int64_t &o = out[offset + i];
    if (d == 1 || d == kDynamic)
      continue;
    if (o == kDynamic)
      o = d;
    else if (o != d)
      return emitOpError() << "slope " << getSlope().getType()
                           << " does not broadcast to the input "
                           << getInput().getType();
  }
  types.push_back(RankedTensorType::get(out, getElementTypeOrSelf(getInput())));
  return success();
}

//===----------------------------------------------------------------------===//
// ClipOp
//===----------------------------------------------------------------------===//

TypedAttr ClipOp::getBoundAttr(ElementsAttr elements, Type elementType) {
  if (!elements || elements.getNumElements() != 1 ||
      elements.getElementType() != elementType)
    return nullptr;
  if (llvm::isa<FloatType>(elementType)) {
    auto values = elements.tryGetValues<APFloat>();
    if (!values)
      return nullptr;
    return FloatAttr::get(elementType, *values->begin());
  }
  if (llvm::isa<IntegerType>(elementType)) {
    auto values = elements.tryGetValues<APInt>();
    if (!values)
      return nullptr;
    return IntegerAttr::get(elementType, *values->begin());
  }
  return nullptr;
}

/// Checks one bound of a clip: an attribute of the element type, or a
/// scalar operand of it, not both.
static LogicalResult verifyClipBound(ClipOp op, StringRef name, TypedAttr attr,
                                     Value operand) {
  Type elt = getElementTypeOrSelf(op.getInput());
  if (attr) {
    if (!isNone(operand))
      return op.emitOpError() << "has both a " << name << " attribute and a "
                              << name << " operand";
    if (!llvm::isa<FloatAttr, IntegerAttr>(attr) || attr.getType() != elt)
      return op.emitOpError() << name << " attribute " << attr
                              << " is not a scalar of the input's element "
                                 "type "
                              << elt;
    return success();
  }
  if (isNone(operand))
    return success();
  if (getElementTypeOrSelf(operand) != elt)
    return op.emitOpError()
           << name << " operand " << operand.getType()
           << " does not have the input's element type " << elt;
  std::optional<ArrayRef<int64_t>> shape = shapeOf(operand);
  if (shape && !llvm::is_contained(*shape, kDynamic) &&
      getNumElements(*shape) != 1)
    return op.emitOpError()
           << name << " operand " << operand.getType() << " is not a scalar";
  return success();
}

LogicalResult ClipOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  if (failed(verifyClipBound(*this, "min", getMinAttr(), getMinOperand())) ||
      failed(verifyClipBound(*this, "max", getMaxAttr(), getMaxOperand())))
    return failure();
  types.push_back(getInput().getType());
  return success();
}

namespace {
/// Moves constant bound operands into the `min`/`max` attributes.
struct ClipConstantBounds : OpRewritePattern<ClipOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ClipOp op,
                                PatternRewriter &rewriter) const override {
    Type elt = getElementTypeOrSelf(op.getInput());
    auto convert = [&](ElementsAttr e) -> Attribute {
      return ClipOp::getBoundAttr(e, elt);
    };
    bool changed = succeeded(
        moveConstantToAttr(op, 1, op.getMinAttrName(), rewriter, convert));
    changed |= succeeded(
        moveConstantToAttr(op, 2, op.getMaxAttrName(), rewriter, convert));
    return success(changed);
  }
};

/// A clip without bounds is its input.
struct ClipWithoutBounds : OpRewritePattern<ClipOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ClipOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getMinAttr() || op.getMaxAttr() || !isNone(op.getMinOperand()) ||
        !isNone(op.getMaxOperand()) || op.getInput().getType() != op.getType())
      return failure();
    rewriter.replaceOp(op, op.getInput());
    return success();
  }
};
} // namespace

void ClipOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                         MLIRContext *context) {
  results.add<ClipConstantBounds, ClipWithoutBounds>(context);
}

//===----------------------------------------------------------------------===//
// DropoutOp
//===----------------------------------------------------------------------===//

LogicalResult DropoutOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  if (getRatioAttr() && !isNone(getRatioOperand()))
    return emitOpError("has both a ratio attribute and a ratio operand");
  if (getTrainingModeAttr() && !isNone(getTrainingModeOperand()))
    return emitOpError(
        "has both a training_mode attribute and a training_mode operand");
  if (std::optional<APFloat> ratio = getRatio()) {
    double r = ratio->convertToDouble();
    if (!(r >= 0.0 && r < 1.0))
      return emitOpError() << "ratio " << r << " is not in [0, 1)";
  }
  if (!isNone(getRatioOperand()) &&
      !llvm::isa<FloatType>(getElementTypeOrSelf(getRatioOperand())))
    return emitOpError() << "ratio operand " << getRatioOperand().getType()
                         << " is not a float tensor";
  if (!isNone(getTrainingModeOperand()) &&
      !getElementTypeOrSelf(getTrainingModeOperand()).isInteger(1))
    return emitOpError() << "training_mode operand "
                         << getTrainingModeOperand().getType()
                         << " is not an i1 tensor";
  types.push_back(getData().getType());
  types.push_back(
      makeTensorType(shapeOf(getData()), IntegerType::get(getContext(), 1)));
  return success();
}

namespace {
/// Moves constant ratio/training_mode operands into attributes.
struct DropoutConstantOperands : OpRewritePattern<DropoutOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(DropoutOp op,
                                PatternRewriter &rewriter) const override {
    auto single = [](ElementsAttr e) -> std::optional<SmallVector<double>> {
      if (e.getNumElements() != 1)
        return std::nullopt;
      return getElementsAsFloats(e);
    };
    bool changed = succeeded(moveConstantToAttr(
        op, 1, op.getRatioAttrName(), rewriter,
        [&](ElementsAttr e) -> Attribute {
          auto v = single(e);
          return v ? rewriter.getF32FloatAttr((*v)[0]) : nullptr;
        }));
    changed |= succeeded(moveConstantToAttr(
        op, 2, op.getTrainingModeAttrName(), rewriter,
        [&](ElementsAttr e) -> Attribute {
          auto v = single(e);
          return v ? rewriter.getBoolAttr((*v)[0] != 0) : nullptr;
        }));
    return success(changed);
  }
};

/// In inference (training_mode false, or ratio 0) the output is the input and
/// the mask all true.
struct DropoutInference : OpRewritePattern<DropoutOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(DropoutOp op,
                                PatternRewriter &rewriter) const override {
    if (!isNone(op.getTrainingModeOperand()))
      return failure();
    bool training = op.getTrainingMode().value_or(false);
    bool zeroRatio = op.getRatio() && op.getRatio()->isZero();
    if (training && !zeroRatio)
      return failure();
    bool changed = false;
    if (!op.getOutput().use_empty() &&
        op.getData().getType() == op.getOutput().getType()) {
      rewriter.replaceAllUsesWith(op.getOutput(), op.getData());
      changed = true;
    }
    auto maskType = llvm::dyn_cast<RankedTensorType>(op.getMask().getType());
    if (!op.getMask().use_empty() && maskType && maskType.hasStaticShape()) {
      auto ones = DenseElementsAttr::get(maskType, true);
      Value mask = rewriter.create<ConstantOp>(op.getLoc(), maskType, ones);
      rewriter.replaceAllUsesWith(op.getMask(), mask);
      changed = true;
    }
    if (op->use_empty()) {
      rewriter.eraseOp(op);
      changed = true;
    }
    return success(changed);
  }
};
} // namespace

void DropoutOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<DropoutConstantOperands, DropoutInference>(context);
}

//===----------------------------------------------------------------------===//
// CastOp
//===----------------------------------------------------------------------===//

LogicalResult CastOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  StringRef mode = getRoundMode();
  if (mode != "up" && mode != "down" && mode != "nearest")
    return emitOpError() << "round_mode must be \"up\", \"down\" or "
                            "\"nearest\", not \""
                         << mode << "\"";
  types.push_back(makeTensorType(shapeOf(getInput()), getTo()));
  return success();
}

OpFoldResult CastOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  DenseElementsAttr in = getFoldableElements(adaptor.getInput());
  auto type = llvm::dyn_cast<RankedTensorType>(getType());
  if (!in || !type || !type.hasStaticShape())
    return nullptr;
  Type from = in.getElementType(), to = type.getElementType();
  auto fromInt = llvm::dyn_cast<IntegerType>(from);
  auto toInt = llvm::dyn_cast<IntegerType>(to);
  if (fromInt && toInt) {
    bool isSigned = !fromInt.isUnsigned() && fromInt.getWidth() != 1;
    return in.mapValues(to, [&](const APInt &v) {
      if (toInt.getWidth() == 1)
        return APInt(1, !v.isZero());
      return isSigned ? v.sextOrTrunc(toInt.getWidth())
                      : v.zextOrTrunc(toInt.getWidth());
    });
  }
  if (fromInt && llvm::isa<FloatType>(to)) {
    bool isSigned = !fromInt.isUnsigned() && fromInt.getWidth() != 1;
    SmallVector<APFloat> out;
    for (const APInt &v : in.getValues<APInt>()) {
      APFloat f(llvm::cast<FloatType>(to).getFloatSemantics());
      f.convertFromAPInt(v, isSigned, APFloat::rmNearestTiesToEven);
      out.push_back(f);
    }
    return DenseElementsAttr::get(type, out);
  }
  auto fromFloat = llvm::dyn_cast<FloatType>(from);
  if (fromFloat && llvm::isa<FloatType>(to)) {
    SmallVector<APFloat> out;
    for (APFloat v : in.getValues<APFloat>()) {
      bool lost;
      v.convert(llvm::cast<FloatType>(to).getFloatSemantics(),
                APFloat::rmNearestTiesToEven, &lost);
      out.push_back(v);
    }
    return DenseElementsAttr::get(type, out);
  }
  if (fromFloat && toInt && toInt.getWidth() == 1)
    return DenseElementsAttr::get(
        type, llvm::to_vector(llvm::map_range(
                  in.getValues<APFloat>(),
                  [](const APFloat &v) { return !v.isZero(); })));
  if (fromFloat && toInt) {
    SmallVector<APInt> out;
    for (APFloat v : in.getValues<APFloat>()) {
      if (!v.isFinite())
        return nullptr;
      APSInt r(toInt.getWidth(), toInt.isUnsigned());
      bool exact;
      v.convertToInteger(r, APFloat::rmTowardZero, &exact);
      out.push_back(r);
    }
    return DenseElementsAttr::get(type, out);
  }
  return nullptr;
}
