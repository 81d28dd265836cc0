//===- LinalgOps.cpp - matrix products, reductions, scans, top-k -----------===//
//
// Result-type inference, folders and canonicalization of the linalg-like
// graph ops. The Reduce* ops share their C++ through the helpers below,
// which the op classes' generated definitions call.
//
//===----------------------------------------------------------------------===//

#include "dialects/graph/IR/FoldUtils.h"
#include "dialects/graph/IR/GraphOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/StringExtras.h"

#include <map>

using namespace mlir;
using namespace mlc::graph;

//===----------------------------------------------------------------------===//
// Reductions: shared inference, folding and canonicalization
//===----------------------------------------------------------------------===//

namespace {
enum class ReduceKind { Max, Mean, Min, Sum };

/// What the Reduce* ops share, read from any of them.
struct ReduceView {
  Operation *op;
  Value data, axes;
  std::optional<ArrayRef<int64_t>> staticAxes;
  bool keepdims, noop;

  template <typename OpTy>
  ReduceView(OpTy o)
      : op(o.getOperation()), data(o.getData()), axes(o.getAxes()),
        staticAxes(o.getStaticAxes()), keepdims(o.getKeepdims()),
        noop(o.getNoopWithEmptyAxes()) {}
};
} // namespace

/// The reduced dimensions of a rank-`rank` tensor for `axes`, sorted, in
/// [0, rank); an empty list means all axes unless `noop`. Emits an error on
/// `op` for an axis out of range or repeated.
static FailureOr<SmallVector<int64_t>> resolveReduceAxes(Operation *op,
                                                         ArrayRef<int64_t> axes,
                                                         int64_t rank,
                                                         bool noop) {
  SmallVector<int64_t> out;
  if (axes.empty()) {
    if (!noop)
      for (int64_t i = 0; i < rank; ++i)
        out.push_back(i);
    return out;
  }
  for (int64_t a : axes) {
    if (a < -rank || a >= rank)
      return op->emitOpError()
             << "axis " << a << " is out of range for rank " << rank;
    out.push_back(a < 0 ? a + rank : a);
  }
  llvm::sort(out);
  for (size_t i = 1; i < out.size(); ++i)
    if (out[i] == out[i - 1])
      return op->emitOpError() << "axis " << out[i] << " is repeated";
  return out;
}

/// The result shape of reducing `shape` over the sorted `axes`.
static SmallVector<int64_t>
reducedShape(ArrayRef<int64_t> shape, ArrayRef<int64_t> axes, bool keepdims) {
  SmallVector<int64_t> out;
  for (auto [i, d] : llvm::enumerate(shape)) {
    if (!llvm::is_contained(axes, (int64_t)i))
      out.push_back(d);
    else if (keepdims)
      out.push_back(1);
  }
  return out;
}

/// The result type for a static axes list (possibly not normalized).
static LogicalResult inferReduceStatic(const ReduceView &v,
                                       ArrayRef<int64_t> axes,
                                       SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(v.data);
  std::optional<ArrayRef<int64_t>> shape = shapeOf(v.data);
  if (axes.empty() && v.noop) {
    types.push_back(v.data.getType());
    return success();
  }
  if (!shape) {
    // All axes reduced without keepdims gives a scalar whatever the rank.
    types.push_back(axes.empty() && !v.keepdims
                        ? Type(RankedTensorType::get({}, elt))
                        : Type(UnrankedTensorType::get(elt)));
    return success();
  }
  FailureOr<SmallVector<int64_t>> resolved =
      resolveReduceAxes(v.op, axes, shape->size(), v.noop);
  if (failed(resolved))
    return failure();
  types.push_back(
      RankedTensorType::get(reducedShape(*shape, *resolved, v.keepdims), elt));
  return success();
}

static LogicalResult inferReduceResult(const ReduceView &v,
                                       SmallVectorImpl<Type> &types) {
  if (v.staticAxes && !isNone(v.axes))
    return v.op->emitOpError("has both static axes and an axes operand");
  if (v.staticAxes)
    return inferReduceStatic(v, *v.staticAxes, types);
  if (isNone(v.axes))
    return v.op->emitOpError("has neither static axes nor an axes operand");
  if (!llvm::isa<IntegerType>(getElementTypeOrSelf(v.axes)))
    return v.op->emitOpError("axes operand must be an integer tensor");
  std::optional<ArrayRef<int64_t>> axesShape = shapeOf(v.axes);
  if (axesShape && axesShape->size() != 1)
    return v.op->emitOpError("axes operand must be 1-D");
  std::optional<int64_t> count;
  if (axesShape && (*axesShape)[0] != kDynamic)
    count = (*axesShape)[0];
  if (count == 0)
    return inferReduceStatic(v, {}, types);
  Type elt = getElementTypeOrSelf(v.data);
  std::optional<ArrayRef<int64_t>> shape = shapeOf(v.data);
  if (!shape) {
    types.push_back(UnrankedTensorType::get(elt));
    return success();
  }
  int64_t rank = shape->size();
  if (count && *count > rank)
    return v.op->emitOpError()
           << "has " << *count << " axes for data of rank " << rank;
  if (v.keepdims) {
    // Each dimension is either kept or reduced to 1.
    SmallVector<int64_t> out;
    for (int64_t d : *shape)
      out.push_back(d == 1 ? 1 : kDynamic);
    types.push_back(RankedTensorType::get(out, elt));
  } else if (count) {
    types.push_back(RankedTensorType::get(
        SmallVector<int64_t>(rank - *count, kDynamic), elt));
  } else {
    types.push_back(UnrankedTensorType::get(elt));
  }
  return success();
}

/// Folds a reduction that is the identity, and integer sums, maxima and
/// minima of small constants.
static OpFoldResult foldReduce(const ReduceView &v, Attribute dataAttr,
                               ReduceKind kind) {
  Type resultType = v.op->getResult(0).getType();
  if (!v.staticAxes)
    return nullptr;
  if (v.staticAxes->empty() && v.noop && v.data.getType() == resultType)
    return v.data;
  std::optional<ArrayRef<int64_t>> shape = shapeOf(v.data);
  if (!shape)
    return nullptr;
  int64_t rank = shape->size();
  SmallVector<int64_t> axes;
  if (!v.staticAxes->empty() || !v.noop)
    axes = normalizeReductionAxes(*v.staticAxes, rank, /*noop=*/false);
  for (size_t i = 0; i < axes.size(); ++i)
    if (axes[i] < 0 || axes[i] >= rank || (i > 0 && axes[i] <= axes[i - 1]))
      return nullptr; // not a valid axes list: the verifier reports it
  bool identity = llvm::all_of(
      axes, [&](int64_t a) { return v.keepdims && (*shape)[a] == 1; });
  if (identity && v.data.getType() == resultType)
    return v.data;

  if (kind == ReduceKind::Mean)
    return nullptr;
  auto type = llvm::dyn_cast<RankedTensorType>(resultType);
  DenseElementsAttr data = getFoldableElements(dataAttr);
  if (!type || !type.hasStaticShape() || !data)
    return nullptr;
  auto intType = llvm::dyn_cast<IntegerType>(data.getElementType());
  if (!intType)
    return nullptr;
  ArrayRef<int64_t> dims = data.getType().getShape();
  int64_t reducedCount = 1;
  for (int64_t a : axes)
    reducedCount *= dims[a];
  if (reducedCount == 0 && kind != ReduceKind::Sum)
    return nullptr; // the empty max / min: left to the runtime
  bool isUnsigned = intType.isUnsigned() || intType.getWidth() == 1;
  int64_t outCount = type.getNumElements();
  SmallVector<APInt> acc(outCount, APInt(intType.getWidth(), 0));
  SmallVector<bool> seen(outCount, false);
  SmallVector<APInt> values(data.getValues<APInt>());
  for (int64_t i = 0, e = values.size(); i < e; ++i) {
    // The output element this input element reduces into.
    int64_t rem = i, out = 0, stride = 1;
    for (int64_t d = rank - 1; d >= 0; --d) {
      int64_t coord = rem % dims[d];
      rem /= dims[d];
      if (llvm::is_contained(axes, d))
        continue;
      out += coord * stride;
      stride *= dims[d];
    }
    const APInt &x = values[data.isSplat() ? 0 : i];
    if (kind == ReduceKind::Sum) {
      acc[out] += x;
    } else if (!seen[out]) {
      acc[out] = x;
    } else {
      bool greater = isUnsigned ? x.ugt(acc[out]) : x.sgt(acc[out]);
      bool less = isUnsigned ? x.ult(acc[out]) : x.slt(acc[out]);
      if ((kind == ReduceKind::Max && greater) ||
          (kind == ReduceKind::Min && less))
        acc[out] = x;
    }
    seen[out] = true;
  }
  return DenseElementsAttr::get(type, acc);
}

namespace {
/// Moves constant axes into `static_axes`, and normalizes `static_axes`
/// (sorted, in [0, rank), an empty list made explicit) once the rank is
/// known.
template <typename OpTy> struct NormalizeReduceAxes : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    std::optional<int64_t> rank = rankOf(op.getData());
    bool noop = op.getNoopWithEmptyAxes();
    if (!isNone(op.getAxes())) {
      if (op.getStaticAxes())
        return failure(); // invalid: the verifier reports it
      return moveConstantToAttr(
          op, 1, op.getStaticAxesAttrName(), rewriter,
          [&](ElementsAttr e) -> Attribute {
            std::optional<SmallVector<int64_t>> ints = getElementsAsInts(e);
            if (!ints)
              return nullptr;
            return rewriter.getDenseI64ArrayAttr(
                normalizeReductionAxes(*ints, rank, noop));
          });
    }
    std::optional<ArrayRef<int64_t>> axes = op.getStaticAxes();
    if (!axes)
      return failure();
    SmallVector<int64_t> normalized = normalizeReductionAxes(*axes, rank, noop);
    if (ArrayRef<int64_t>(normalized) == *axes)
      return failure();
    rewriter.modifyOpInPlace(op, [&] {
      op.setStaticAxesAttr(rewriter.getDenseI64ArrayAttr(normalized));
    });
    return success();
  }
};
} // namespace

#define GET_OP_CLASSES
#include "dialects/graph/IR/LinalgOps.cpp.inc"

void GraphDialect::registerLinalgOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/graph/IR/LinalgOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// MatMulOp
//===----------------------------------------------------------------------===//

LogicalResult MatMulOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getLhs());
  if (getElementTypeOrSelf(getRhs()) != elt)
    return emitOpError("operands have different element types");
  return inferMatMulResult(*this, getLhs(), getRhs(), elt, types);
}

//===----------------------------------------------------------------------===//
// GemmOp
//===----------------------------------------------------------------------===//

LogicalResult GemmOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getA());
  if (getElementTypeOrSelf(getB()) != elt ||
      (!isNone(getC()) && getElementTypeOrSelf(getC()) != elt))
    return emitOpError("operands have different element types");
  std::optional<ArrayRef<int64_t>> a = shapeOf(getA());
  std::optional<ArrayRef<int64_t>> b = shapeOf(getB());
  if (a && a->size() != 2)
    return emitOpError() << "operand a must be 2-D, has rank " << a->size();
  if (b && b->size() != 2)
    return emitOpError() << "operand b must be 2-D, has rank " << b->size();
  int64_t m = kDynamic, ka = kDynamic, kb = kDynamic, n = kDynamic;
  if (a) {
    m = (*a)[getTransA() ? 1 : 0];
    ka = (*a)[getTransA() ? 0 : 1];
  }
  if (b) {
    kb = (*b)[getTransB() ? 1 : 0];
    n = (*b)[getTransB() ? 0 : 1];
  }
  if (ka != kDynamic && kb != kDynamic && ka != kb)
    return emitOpError() << "contraction dimensions differ (" << ka << " vs "
                         << kb << ")";
  SmallVector<int64_t> out{m, n};
  if (std::optional<ArrayRef<int64_t>> c = shapeOf(getC())) {
    if (c->size() > 2)
      return emitOpError() << "operand c must have rank at most 2, has rank "
                           << c->size();
    // c broadcasts to the result (unidirectionally); a static dimension of
    // c other than 1 also fixes the result's.
    for (size_t i = 0; i < c->size(); ++i) {
      int64_t cd = (*c)[c->size() - 1 - i];
      int64_t &od = out[1 - i];
      if (cd == 1 || cd == kDynamic)
        continue;
      if (od != kDynamic && od != cd)
        return emitOpError()
               << "operand c of type " << getC().getType()
               << " does not broadcast to the result " << m << "x" << n;
      od = cd;
    }
  }
  types.push_back(RankedTensorType::get(out, elt));
  return success();
}

//===----------------------------------------------------------------------===//
// EinsumOp
//===----------------------------------------------------------------------===//

namespace {
/// One term of an einsum equation: its letters, and where among them the
/// ellipsis sits (-1 if none).
struct EinsumTerm {
  std::string labels;
  int ellipsis = -1;
};

/// A parsed equation: the input terms and the (explicit) output term.
struct EinsumEquation {
  SmallVector<EinsumTerm> inputs;
  EinsumTerm output;
};
} // namespace

static std::optional<EinsumTerm> parseEinsumTerm(StringRef s,
                                                 std::string &error) {
  EinsumTerm term;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (llvm::isAlpha(c)) {
      term.labels.push_back(c);
    } else if (c == '.') {
      if (!s.substr(i).starts_with("...")) {
        error = "has a '.' that is not part of '...'";
        return std::nullopt;
      }
      if (term.ellipsis >= 0) {
        error = "has more than one '...' in a term";
        return std::nullopt;
      }
      term.ellipsis = term.labels.size();
      i += 2;
    } else {
      error = std::string("has an invalid character '") + c + "'";
      return std::nullopt;
    }
  }
  return term;
}

/// Parses `equation` for `numInputs` inputs, making an implicit output
/// explicit.
static std::optional<EinsumEquation> parseEinsumEquation(StringRef equation,
                                                         unsigned numInputs,
                                                         std::string &error) {
  std::string compact;
  for (char c : equation)
    if (!llvm::isSpace(c))
      compact.push_back(c);
  StringRef text(compact);
  size_t arrow = text.find("->");
  StringRef lhs = text.substr(0, arrow);
  if (arrow != StringRef::npos && text.substr(arrow + 2).contains("->")) {
    error = "has more than one '->'";
    return std::nullopt;
  }
  EinsumEquation eq;
  SmallVector<StringRef> terms;
  lhs.split(terms, ',');
  if (terms.size() != numInputs) {
    error = "has " + std::to_string(terms.size()) + " input terms for " +
            std::to_string(numInputs) + " inputs";
    return std::nullopt;
  }
  std::map<char, int> counts;
  bool anyEllipsis = false;
  for (StringRef t : terms) {
    std::optional<EinsumTerm> term = parseEinsumTerm(t, error);
    if (!term)
      return std::nullopt;
    for (char c : term->labels)
      ++counts[c];
    anyEllipsis |= term->ellipsis >= 0;
    eq.inputs.push_back(std::move(*term));
  }
  if (arrow == StringRef::npos) {
    // Implicit output: the ellipsis, then the letters that occur once.
    if (anyEllipsis)
      eq.output.ellipsis = 0;
    for (auto [c, n] : counts)
      if (n == 1)
        eq.output.labels.push_back(c);
    return eq;
  }
  std::optional<EinsumTerm> out =
      parseEinsumTerm(text.substr(arrow + 2), error);
  if (!out)
    return std::nullopt;
  for (auto [i, c] : llvm::enumerate(out->labels)) {
    if (!counts.count(c)) {
      error = std::string("has output label '") + c + "' that no input has";
      return std::nullopt;
    }
    if (out->labels.find(c) != i) {
      error = std::string("repeats output label '") + c + "'";
      return std::nullopt;
    }
  }
  eq.output = std::move(*out);
  return eq;
}

static std::string printEinsumTerm(const EinsumTerm &t) {
  if (t.ellipsis < 0)
    return t.labels;
  return t.labels.substr(0, t.ellipsis) + "..." + t.labels.substr(t.ellipsis);
}

std::optional<std::string> EinsumOp::normalizeEquation(StringRef equation,
                                                       unsigned numInputs,
                                                       std::string &error) {
  std::optional<EinsumEquation> eq =
      parseEinsumEquation(equation, numInputs, error);
  if (!eq)
    return std::nullopt;
  std::string out;
  for (auto [i, t] : llvm::enumerate(eq->inputs)) {
    if (i)
      out += ",";
    out += printEinsumTerm(t);
  }
  return out + "->" + printEinsumTerm(eq->output);
}

LogicalResult EinsumOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  if (getInputs().empty())
    return emitOpError("needs at least one input");
  std::string error;
  std::optional<EinsumEquation> eq =
      parseEinsumEquation(getEquation(), getInputs().size(), error);
  if (!eq)
    return emitOpError() << "equation '" << getEquation() << "' " << error;
  Type elt = getElementTypeOrSelf(getInputs()[0]);
  std::map<char, int64_t> dims;
  std::optional<SmallVector<int64_t>> ellipsis = SmallVector<int64_t>();
  for (auto [i, v] : llvm::enumerate(getInputs())) {
    if (getElementTypeOrSelf(v) != elt)
      return emitOpError("inputs have different element types");
    const EinsumTerm &term = eq->inputs[i];
    int64_t numLabels = term.labels.size();
    std::optional<ArrayRef<int64_t>> shape = shapeOf(v);
    if (!shape) {
      if (term.ellipsis >= 0)
        ellipsis.reset();
      continue;
    }
    int64_t rank = shape->size();
    if (term.ellipsis < 0 ? rank != numLabels : rank < numLabels)
      return emitOpError() << "input #" << i << " has rank " << rank
                           << " but its term '" << printEinsumTerm(term)
                           << "' has " << numLabels << " letters";
    int64_t ellipsisRank = rank - numLabels;
    for (int64_t l = 0; l < numLabels; ++l) {
      int64_t pos =
          term.ellipsis >= 0 && l >= term.ellipsis ? l + ellipsisRank : l;
      int64_t d = (*shape)[pos];
      auto [it, inserted] = dims.try_emplace(term.labels[l], d);
      if (inserted || d == kDynamic)
        continue;
      if (it->second == kDynamic)
        it->second = d;
      else if (it->second != d)
        return emitOpError()
               << "label '" << term.labels[l] << "' has dimensions "
               << it->second << " and " << d;
    }
    if (term.ellipsis >= 0 && ellipsis) {
      ArrayRef<int64_t> part = shape->slice(term.ellipsis, ellipsisRank);
      std::optional<SmallVector<int64_t>> b = broadcastShapes(*ellipsis, part);
      if (!b)
        return emitOpError("the dimensions under '...' do not broadcast");
      ellipsis = std::move(*b);
    }
  }
  const EinsumTerm &out = eq->output;
  if (out.ellipsis < 0 && ellipsis && !ellipsis->empty())
    return emitOpError("output must contain '...' to keep the inputs' "
                       "broadcast dimensions");
  if (out.ellipsis >= 0 && !ellipsis) {
    types.push_back(UnrankedTensorType::get(elt));
    return success();
  }
  SmallVector<int64_t> shape;
  for (size_t l = 0; l <= out.labels.size(); ++l) {
    if ((int)l == out.ellipsis)
      shape.append(ellipsis->begin(), ellipsis->end());
    if (l < out.labels.size()) {
      auto it = dims.find(out.labels[l]);
      shape.push_back(it == dims.end() ? kDynamic : it->second);
    }
  }
  types.push_back(RankedTensorType::get(shape, elt));
  return success();
}

//===----------------------------------------------------------------------===//
// ArgMaxOp
//===----------------------------------------------------------------------===//

LogicalResult ArgMaxOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type i64 = IntegerType::get(getContext(), 64);
  std::optional<ArrayRef<int64_t>> shape = shapeOf(getData());
  if (!shape) {
    types.push_back(UnrankedTensorType::get(i64));
    return success();
  }
  if (shape->empty())
    return emitOpError("data must have rank at least 1");
  FailureOr<int64_t> axis =
      normalizeAxis(*this, (int64_t)getAxis(), shape->size());
  if (failed(axis))
    return failure();
  types.push_back(
      RankedTensorType::get(reducedShape(*shape, {*axis}, getKeepdims()), i64));
  return success();
}

//===----------------------------------------------------------------------===//
// CumSumOp
//===----------------------------------------------------------------------===//

/// Checks that `v`, a non-none operand, holds one integer.
static LogicalResult verifyScalarIntOperand(Operation *op, Value v,
                                            StringRef what) {
  if (!llvm::isa<IntegerType>(getElementTypeOrSelf(v)))
    return op->emitOpError() << what << " operand must be an integer tensor";
  std::optional<ArrayRef<int64_t>> s = shapeOf(v);
  if (s && (s->size() > 1 ||
            (s->size() == 1 && (*s)[0] != 1 && (*s)[0] != kDynamic)))
    return op->emitOpError() << what << " operand must hold one element";
  return success();
}

LogicalResult CumSumOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  if (getStaticAxis() && !isNone(getAxis()))
    return emitOpError("has both a static axis and an axis operand");
  if (!getStaticAxis() && isNone(getAxis()))
    return emitOpError("has neither a static axis nor an axis operand");
  if (!isNone(getAxis()) &&
      failed(verifyScalarIntOperand(*this, getAxis(), "axis")))
    return failure();
  std::optional<int64_t> rank = rankOf(getX());
  if (getStaticAxis() && rank &&
      failed(normalizeAxis(*this, (int64_t)*getStaticAxis(), *rank)))
    return failure();
  types.push_back(getX().getType());
  return success();
}

/// `axis` in [0, rank) when it is a valid negative axis of a known rank.
static int64_t resolveNegativeAxis(int64_t axis, std::optional<int64_t> rank) {
  return rank && axis < 0 && axis >= -*rank ? axis + *rank : axis;
}

namespace {
struct CumSumNormalizeAxis : OpRewritePattern<CumSumOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CumSumOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<int64_t> rank = rankOf(op.getX());
    if (!isNone(op.getAxis())) {
      if (op.getStaticAxis())
        return failure();
      return moveConstantToAttr(op, 1, op.getStaticAxisAttrName(), rewriter,
                                [&](ElementsAttr e) -> Attribute {
                                  std::optional<SmallVector<int64_t>> ints =
                                      getElementsAsInts(e);
                                  if (!ints || ints->size() != 1)
                                    return nullptr;
                                  return rewriter.getI64IntegerAttr(
                                      resolveNegativeAxis((*ints)[0], rank));
                                });
    }
    if (!op.getStaticAxis())
      return failure();
    int64_t axis = *op.getStaticAxis();
    int64_t resolved = resolveNegativeAxis(axis, rank);
    if (resolved == axis)
      return failure();
    rewriter.modifyOpInPlace(op, [&] {
      op.setStaticAxisAttr(rewriter.getI64IntegerAttr(resolved));
    });
    return success();
  }
};
} // namespace

void CumSumOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                           MLIRContext *context) {
  results.add<CumSumNormalizeAxis>(context);
}

//===----------------------------------------------------------------------===//
// TopKOp
//===----------------------------------------------------------------------===//

LogicalResult TopKOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getX());
  Type i64 = IntegerType::get(getContext(), 64);
  std::optional<int64_t> k;
  if (getStaticK())
    k = (int64_t)*getStaticK();
  if (k && !isNone(getK()))
    return emitOpError("has both a static k and a k operand");
  if (!k && isNone(getK()))
    return emitOpError("has neither a static k nor a k operand");
  if (!isNone(getK()) && failed(verifyScalarIntOperand(*this, getK(), "k")))
    return failure();
  if (k && *k < 0)
    return emitOpError() << "k must not be negative, is " << *k;
  std::optional<ArrayRef<int64_t>> shape = shapeOf(getX());
  if (!shape) {
    types.push_back(UnrankedTensorType::get(elt));
    types.push_back(UnrankedTensorType::get(i64));
    return success();
  }
  if (shape->empty())
    return emitOpError("input must have rank at least 1");
  FailureOr<int64_t> axis =
      normalizeAxis(*this, (int64_t)getAxis(), shape->size());
  if (failed(axis))
    return failure();
  SmallVector<int64_t> out(*shape);
  int64_t dim = out[*axis];
  if (k && dim != kDynamic && *k > dim)
    return emitOpError() << "k (" << *k << ") is larger than dimension "
                         << *axis << " (" << dim << ")";
  out[*axis] = k ? *k : kDynamic;
  types.push_back(RankedTensorType::get(out, elt));
  types.push_back(RankedTensorType::get(out, i64));
  return success();
}

namespace {
struct TopKNormalize : OpRewritePattern<TopKOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TopKOp op,
                                PatternRewriter &rewriter) const override {
    int64_t axis = op.getAxis();
    int64_t resolved = resolveNegativeAxis(axis, rankOf(op.getX()));
    if (resolved != axis) {
      rewriter.modifyOpInPlace(
          op, [&] { op.setAxisAttr(rewriter.getI64IntegerAttr(resolved)); });
      return success();
    }
    if (isNone(op.getK()) || op.getStaticK())
      return failure();
    return moveConstantToAttr(op, 1, op.getStaticKAttrName(), rewriter,
                              [&](ElementsAttr e) -> Attribute {
                                std::optional<SmallVector<int64_t>> ints =
                                    getElementsAsInts(e);
                                if (!ints || ints->size() != 1)
                                  return nullptr;
                                return rewriter.getI64IntegerAttr((*ints)[0]);
                              });
  }
};
} // namespace

void TopKOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                         MLIRContext *context) {
  results.add<TopKNormalize>(context);
}
