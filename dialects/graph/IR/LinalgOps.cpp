//===- LinalgOps.cpp - matrix products, reductions, scans, top-k -----------===//

#include "dialects/graph/IR/GraphOps.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace mlc::graph;

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
  std::optional<ArrayRef<int64_t>> a = shapeOf(getLhs());
  std::optional<ArrayRef<int64_t>> b = shapeOf(getRhs());
  if (!a || !b) {
    types.push_back(UnrankedTensorType::get(elt));
    return success();
  }
  if (a->empty() || b->empty())
    return emitOpError("operands must have rank at least 1");
  // 1-D operands are promoted: a to [1, K], b to [K, 1]; the promoted
  // dimensions are removed from the result.
  SmallVector<int64_t> sa(*a), sb(*b);
  if (sa.size() == 1)
    sa.insert(sa.begin(), 1);
  if (sb.size() == 1)
    sb.push_back(1);
  int64_t ka = sa.back(), kb = sb[sb.size() - 2];
  if (ka != kDynamic && kb != kDynamic && ka != kb)
    return emitOpError() << "contraction dimensions differ (" << ka << " vs "
                         << kb << ")";
  std::optional<SmallVector<int64_t>> batch =
      broadcastShapes(ArrayRef(sa).drop_back(2), ArrayRef(sb).drop_back(2));
  if (!batch)
    return emitOpError("batch dimensions do not broadcast");
  SmallVector<int64_t> out = *batch;
  if (a->size() != 1)
    out.push_back(sa[sa.size() - 2]);
  if (b->size() != 1)
    out.push_back(sb.back());
  types.push_back(RankedTensorType::get(out, elt));
  return success();
}
