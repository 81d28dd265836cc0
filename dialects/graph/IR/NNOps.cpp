//===- NNOps.cpp - neural-network graph ops --------------------------------===//

#include "dialects/graph/IR/GraphOps.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace mlc::graph;

#define GET_OP_CLASSES
#include "dialects/graph/IR/NNOps.cpp.inc"

void GraphDialect::registerNNOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/graph/IR/NNOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// ConvOp
//===----------------------------------------------------------------------===//

LogicalResult ConvOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getInput());
  std::optional<ArrayRef<int64_t>> x = shapeOf(getInput());
  std::optional<ArrayRef<int64_t>> w = shapeOf(getWeight());
  size_t spatial = getKernelShape().size();
  if (getStrides().size() != spatial || getDilations().size() != spatial ||
      getPads().size() != 2 * spatial)
    return emitOpError() << "needs " << spatial << " strides and dilations and "
                         << 2 * spatial << " pads for " << spatial
                         << " spatial dimensions";
  if (getGroup() < 1)
    return emitOpError("group must be positive");
  if (w && w->size() != spatial + 2)
    return emitOpError() << "weight rank " << w->size() << " does not match "
                         << spatial << " spatial dimensions";
  if (x && x->size() != spatial + 2)
    return emitOpError() << "input rank " << x->size() << " does not match "
                         << spatial << " spatial dimensions";
  if (x && w && (*x)[1] != kDynamic && (*w)[1] != kDynamic &&
      (*x)[1] != (*w)[1] * getGroup())
    return emitOpError() << "input has " << (*x)[1] << " channels but weight "
                         << "expects " << (*w)[1] << " x group " << getGroup();
  SmallVector<int64_t> out(spatial + 2, kDynamic);
  if (x)
    out[0] = (*x)[0];
  if (w)
    out[1] = (*w)[0];
  StringRef autoPad = getAutoPad();
  for (size_t i = 0; x && i < spatial; ++i) {
    int64_t in = (*x)[i + 2];
    if (in == kDynamic)
      continue;
    int64_t stride = getStrides()[i];
    if (stride < 1 || getDilations()[i] < 1)
      return emitOpError("strides and dilations must be positive");
    if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
      out[i + 2] = (in + stride - 1) / stride;
      continue;
    }
    int64_t k = getKernelShape()[i];
    if (k == kDynamic)
      continue;
    int64_t pad = autoPad == "VALID"
                      ? 0
                      : getPads()[i] + getPads()[i + spatial];
    int64_t span = in + pad - getDilations()[i] * (k - 1) - 1;
    if (span < 0)
      return emitOpError() << "kernel is larger than padded input in spatial "
                           << "dimension " << i;
    out[i + 2] = span / stride + 1;
  }
  types.push_back(RankedTensorType::get(out, elt));
  return success();
}
