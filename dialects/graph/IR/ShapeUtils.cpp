//===- ShapeUtils.cpp - shape arithmetic shared by graph ops ---------------===//

#include "dialects/graph/IR/GraphOps.h"

#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;

namespace mlc::graph {

bool isNone(Value v) { return llvm::isa<NoneType>(v.getType()); }

std::optional<ArrayRef<int64_t>> shapeOf(Type type) {
  if (auto ranked = llvm::dyn_cast<RankedTensorType>(type))
    return ranked.getShape();
  return std::nullopt;
}

std::optional<int64_t> rankOf(Value v) {
  if (auto ranked = llvm::dyn_cast<RankedTensorType>(v.getType()))
    return ranked.getRank();
  return std::nullopt;
}

Type makeTensorType(std::optional<ArrayRef<int64_t>> shape, Type elementType) {
  if (shape)
    return RankedTensorType::get(*shape, elementType);
  return UnrankedTensorType::get(elementType);
}

int64_t getNumElements(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

bool areCompatibleTypes(Type a, Type b) {
  if (llvm::isa<NoneType>(a) || llvm::isa<NoneType>(b))
    return a == b;
  auto ta = llvm::dyn_cast<TensorType>(a);
  auto tb = llvm::dyn_cast<TensorType>(b);
  if (!ta || !tb)
    return a == b;
  if (ta.getElementType() != tb.getElementType())
    return false;
  if (!ta.hasRank() || !tb.hasRank())
    return true;
  if (ta.getRank() != tb.getRank())
    return false;
  for (auto [da, db] : llvm::zip(ta.getShape(), tb.getShape()))
    if (da != kDynamic && db != kDynamic && da != db)
      return false;
  return true;
}

bool isMoreRefined(Type refined, Type current) {
  if (refined == current || !areCompatibleTypes(refined, current))
    return false;
  auto tr = llvm::dyn_cast<TensorType>(refined);
  auto tc = llvm::dyn_cast<TensorType>(current);
  if (!tr || !tc || !tr.hasRank())
    return false;
  if (!tc.hasRank())
    return true;
  for (auto [dr, dc] : llvm::zip(tr.getShape(), tc.getShape()))
    if (dc == kDynamic && dr != kDynamic)
      return true;
  return false;
}

LogicalResult verifyInferredResultTypes(Operation *op) {
  SmallVector<Type> inferred;
  if (failed(llvm::cast<InferShapesOpInterface>(op).inferResultTypes(inferred)))
    return failure();
  if (inferred.size() != op->getNumResults())
    return op->emitOpError() << "has " << op->getNumResults()
                             << " results but its operands give "
                             << inferred.size();
  for (auto [i, t] : llvm::enumerate(inferred)) {
    Type declared = op->getResult(i).getType();
    if (!areCompatibleTypes(t, declared))
      return op->emitOpError() << "result #" << i << " is declared " << declared
                               << " but its operands and attributes give " << t;
  }
  return success();
}

std::optional<SmallVector<int64_t>> broadcastShapes(ArrayRef<int64_t> a,
                                                    ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  SmallVector<int64_t> out(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da == 1)
      out[i] = db;
    else if (db == 1)
      out[i] = da;
    else if (da == kDynamic)
      out[i] = db;
    else if (db == kDynamic || da == db)
      out[i] = da;
    else
      return std::nullopt;
  }
  return out;
}

LogicalResult inferBroadcastResult(Operation *op, ValueRange operands,
                                   Type elementType,
                                   SmallVectorImpl<Type> &types) {
  SmallVector<int64_t> shape;
  for (Value v : operands) {
    std::optional<ArrayRef<int64_t>> s = shapeOf(v);
    if (!s) {
      types.push_back(UnrankedTensorType::get(elementType));
      return success();
    }
    std::optional<SmallVector<int64_t>> b = broadcastShapes(shape, *s);
    if (!b) {
      auto diag = op->emitOpError("operand shapes do not broadcast:");
      for (Value w : operands)
        diag << " " << w.getType();
      return diag;
    }
    shape = std::move(*b);
  }
  types.push_back(RankedTensorType::get(shape, elementType));
  return success();
}

FailureOr<int64_t> normalizeAxis(Operation *op, int64_t axis, int64_t rank,
                                 StringRef what) {
  if (axis < -rank || axis >= std::max<int64_t>(rank, 1) ||
      (rank == 0 && axis != 0 && axis != -1))
    return op->emitOpError() << what << " " << axis
                             << " is out of range for rank " << rank;
  return axis < 0 ? axis + rank : axis;
}

ElementsAttr getConstantElements(Value v) {
  ElementsAttr attr;
  if (v && matchPattern(v, m_Constant(&attr)))
    return attr;
  return nullptr;
}

std::optional<SmallVector<int64_t>> getElementsAsInts(Attribute a) {
  auto elements = llvm::dyn_cast_or_null<ElementsAttr>(a);
  if (!elements)
    return std::nullopt;
  auto intType = llvm::dyn_cast<IntegerType>(elements.getElementType());
  if (!intType)
    return std::nullopt;
  SmallVector<int64_t> out;
  if (auto dense = llvm::dyn_cast<DenseIntElementsAttr>(elements)) {
    out.reserve(dense.getNumElements());
    bool zext = intType.isUnsigned() || intType.getWidth() == 1;
    for (const APInt &v : dense.getValues<APInt>())
      out.push_back(zext ? (int64_t)v.getZExtValue() : v.getSExtValue());
    return out;
  }
  if (auto res = llvm::dyn_cast<DenseI64ResourceElementsAttr>(elements)) {
    if (auto data = res.tryGetAsArrayRef())
      return SmallVector<int64_t>(data->begin(), data->end());
    return std::nullopt;
  }
  if (auto res = llvm::dyn_cast<DenseI32ResourceElementsAttr>(elements)) {
    if (auto data = res.tryGetAsArrayRef())
      return SmallVector<int64_t>(data->begin(), data->end());
  }
  return std::nullopt;
}

std::optional<SmallVector<int64_t>> getConstantInts(Value v) {
  return getElementsAsInts(getConstantElements(v));
}

std::optional<SmallVector<double>> getElementsAsFloats(Attribute a) {
  auto elements = llvm::dyn_cast_or_null<ElementsAttr>(a);
  if (!elements)
    return std::nullopt;
  if (llvm::isa<IntegerType>(elements.getElementType())) {
    auto ints = getElementsAsInts(a);
    if (!ints)
      return std::nullopt;
    return SmallVector<double>(ints->begin(), ints->end());
  }
  SmallVector<double> out;
  if (auto dense = llvm::dyn_cast<DenseFPElementsAttr>(elements)) {
    out.reserve(dense.getNumElements());
    for (const APFloat &v : dense.getValues<APFloat>())
      out.push_back(v.convertToDouble());
    return out;
  }
  if (auto res = llvm::dyn_cast<DenseF32ResourceElementsAttr>(elements)) {
    if (auto data = res.tryGetAsArrayRef())
      return SmallVector<double>(data->begin(), data->end());
  }
  return std::nullopt;
}

std::optional<SmallVector<double>> getConstantFloats(Value v) {
  return getElementsAsFloats(getConstantElements(v));
}

DenseElementsAttr getFoldableElements(Attribute attr, int64_t maxElements) {
  auto dense = llvm::dyn_cast_or_null<DenseElementsAttr>(attr);
  if (!dense || dense.getNumElements() > maxElements)
    return nullptr;
  return dense;
}

//===--- Linalg and Quant ops: matrix products, reductions ---------------===//

LogicalResult inferMatMulResult(Operation *op, Value lhs, Value rhs,
                                Type elementType,
                                SmallVectorImpl<Type> &types) {
  std::optional<ArrayRef<int64_t>> a = shapeOf(lhs);
  std::optional<ArrayRef<int64_t>> b = shapeOf(rhs);
  if ((a && a->empty()) || (b && b->empty()))
    return op->emitOpError("operands must have rank at least 1");
  if (!a || !b) {
    types.push_back(UnrankedTensorType::get(elementType));
    return success();
  }
  // 1-D operands are promoted: a to [1, K], b to [K, 1]; the promoted
  // dimensions are removed from the result.
  SmallVector<int64_t> sa(*a), sb(*b);
  if (sa.size() == 1)
    sa.insert(sa.begin(), 1);
  if (sb.size() == 1)
    sb.push_back(1);
  int64_t ka = sa.back(), kb = sb[sb.size() - 2];
  if (ka != kDynamic && kb != kDynamic && ka != kb)
    return op->emitOpError() << "contraction dimensions differ (" << ka
                             << " vs " << kb << ")";
  std::optional<SmallVector<int64_t>> batch =
      broadcastShapes(ArrayRef(sa).drop_back(2), ArrayRef(sb).drop_back(2));
  if (!batch)
    return op->emitOpError("batch dimensions do not broadcast");
  SmallVector<int64_t> out = *batch;
  if (a->size() != 1)
    out.push_back(sa[sa.size() - 2]);
  if (b->size() != 1)
    out.push_back(sb.back());
  types.push_back(RankedTensorType::get(out, elementType));
  return success();
}

SmallVector<int64_t> normalizeReductionAxes(ArrayRef<int64_t> axes,
                                            std::optional<int64_t> rank,
                                            bool noopWithEmptyAxes) {
  SmallVector<int64_t> out(axes);
  if (!rank)
    return out;
  if (axes.empty()) {
    if (!noopWithEmptyAxes)
      for (int64_t i = 0; i < *rank; ++i)
        out.push_back(i);
    return out;
  }
  for (int64_t &a : out) {
    if (a < -*rank || a >= *rank)
      return SmallVector<int64_t>(axes);
    if (a < 0)
      a += *rank;
  }
  llvm::sort(out);
  if (std::adjacent_find(out.begin(), out.end()) != out.end())
    return SmallVector<int64_t>(axes);
  return out;
}

//===----------------------------------------------------------------------===//
// TENSOR category helpers
//===----------------------------------------------------------------------===//

FailureOr<SmallVector<int64_t>> normalizeAxes(Operation *op,
                                              ArrayRef<int64_t> axes,
                                              int64_t rank, StringRef what) {
  SmallVector<int64_t> out;
  SmallVector<bool> seen(rank, false);
  for (int64_t a : axes) {
    if (a < -rank || a >= rank)
      return op->emitOpError() << what << " value " << a
                               << " is out of range for rank " << rank;
    int64_t n = a < 0 ? a + rank : a;
    if (seen[n])
      return op->emitOpError() << "axis " << n << " appears twice in "
                               << what;
    seen[n] = true;
    out.push_back(n);
  }
  return out;
}

LogicalResult checkStaticOrOperand(Operation *op, Attribute attr, Value operand,
                                   StringRef name, bool required,
                                   StringRef article) {
  if (attr && !isNone(operand))
    return op->emitOpError() << "has both static " << name << " and " << article
                             << " " << name << " operand";
  if (required && !attr && isNone(operand))
    return op->emitOpError() << "has neither static " << name << " nor "
                             << article << " " << name << " operand";
  return success();
}

std::optional<SmallVector<int64_t>>
getStaticOrConstantInts(DenseI64ArrayAttr attr, Value operand) {
  if (attr)
    return SmallVector<int64_t>(attr.asArrayRef());
  if (!operand || isNone(operand))
    return std::nullopt;
  return getConstantInts(operand);
}

SmallVector<int64_t> getStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = (int64_t)shape.size() - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

//===--- NN ops: sliding windows ---------------------------------------===//

LogicalResult checkConvRanks(Operation *op, size_t spatial,
                             std::optional<ArrayRef<int64_t>> input,
                             std::optional<ArrayRef<int64_t>> weight) {
  if (weight && weight->size() != spatial + 2)
    return op->emitOpError()
           << "weight rank " << weight->size() << " does not match " << spatial
           << " spatial dimensions";
  if (input && input->size() != spatial + 2)
    return op->emitOpError()
           << "input rank " << input->size() << " does not match " << spatial
           << " spatial dimensions";
  return success();
}

std::optional<SmallVector<int64_t>>
computeSamePads(ArrayRef<int64_t> input, ArrayRef<int64_t> kernel,
                ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
                bool upper) {
  size_t spatial = input.size();
  if (kernel.size() != spatial || strides.size() != spatial ||
      dilations.size() != spatial)
    return std::nullopt;
  constexpr int64_t kLimit = int64_t(1) << 31;
  SmallVector<int64_t> pads(2 * spatial, 0);
  for (size_t i = 0; i < spatial; ++i) {
    int64_t in = input[i], k = kernel[i], s = strides[i], d = dilations[i];
    if (in < 0 || in >= kLimit * kLimit || k < 1 || k >= kLimit || s < 1 ||
        s >= kLimit || d < 1 || d >= kLimit)
      return std::nullopt;
    int64_t out = (in + s - 1) / s;
    int64_t total = std::max<int64_t>(0, (out - 1) * s + (k - 1) * d + 1 - in);
    int64_t small = total / 2, large = total - small;
    pads[i] = upper ? small : large;
    pads[i + spatial] = upper ? large : small;
  }
  return pads;
}

} // namespace mlc::graph
