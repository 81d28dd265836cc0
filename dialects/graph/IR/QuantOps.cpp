//===- QuantOps.cpp - quantization graph ops -------------------------------===//
//
// Result-type inference and verification of the quantization ops: the
// scale / zero point layouts of (de)quantization, and the shapes of the
// integer and QLinear matmuls and convolutions.
//
//===----------------------------------------------------------------------===//

#include "dialects/graph/IR/GraphOps.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace mlc::graph;

#define GET_OP_CLASSES
#include "dialects/graph/IR/QuantOps.cpp.inc"

void GraphDialect::registerQuantOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/graph/IR/QuantOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Shared checks
//===----------------------------------------------------------------------===//

/// True if `v`'s type is known to hold exactly one element.
static bool isSingleElement(Value v) {
  std::optional<ArrayRef<int64_t>> s = shapeOf(v);
  return s && llvm::all_of(*s, [](int64_t d) { return d == 1; });
}

/// Checks that `scale` is a float tensor.
static LogicalResult verifyScale(Operation *op, Value scale, StringRef what) {
  if (!llvm::isa<FloatType>(getElementTypeOrSelf(scale)))
    return op->emitOpError() << what << " must be a float tensor";
  return success();
}

/// Checks that `zeroPoint`, unless none, has the element type of `of`.
static LogicalResult verifyZeroPointType(Operation *op, Value zeroPoint,
                                         Value of, StringRef what) {
  if (isNone(zeroPoint) ||
      getElementTypeOrSelf(zeroPoint) == getElementTypeOrSelf(of))
    return success();
  return op->emitOpError() << what << " element type "
                           << getElementTypeOrSelf(zeroPoint)
                           << " differs from its operand's "
                           << getElementTypeOrSelf(of);
}

/// Checks the layout of a (de)quantization's scale and zero point against
/// the quantized or float tensor `x`: per tensor (one element), per axis
/// (1-D along `axis`) or blocked (`blockSize` > 0).
static LogicalResult verifyQuantParams(Operation *op, Value x, Value scale,
                                       Value zeroPoint, int64_t axis,
                                       int64_t blockSize) {
  if (failed(verifyScale(op, scale, "scale")))
    return failure();
  if (blockSize < 0)
    return op->emitOpError()
           << "block_size must not be negative, is " << blockSize;
  std::optional<ArrayRef<int64_t>> s = shapeOf(scale);
  std::optional<ArrayRef<int64_t>> z =
      isNone(zeroPoint) ? std::nullopt : shapeOf(zeroPoint);
  if (s && z && !(isSingleElement(scale) && isSingleElement(zeroPoint))) {
    bool differ = s->size() != z->size();
    for (size_t i = 0; !differ && i < s->size(); ++i)
      differ = (*s)[i] != kDynamic && (*z)[i] != kDynamic && (*s)[i] != (*z)[i];
    if (differ)
      return op->emitOpError()
             << "zero point of type " << zeroPoint.getType()
             << " does not match the scale's type " << scale.getType();
  }
  if (!s || (blockSize == 0 && isSingleElement(scale)))
    return success(); // per tensor, or unknown
  std::optional<ArrayRef<int64_t>> xs = shapeOf(x);
  if (!xs)
    return success();
  if (xs->empty())
    return op->emitOpError(
        "a per-axis or blocked scale needs an input of rank at least 1");
  FailureOr<int64_t> a = normalizeAxis(op, axis, xs->size());
  if (failed(a))
    return failure();
  if (blockSize == 0) {
    if (s->size() != 1)
      return op->emitOpError() << "per-axis scale must be 1-D, has rank "
                               << s->size() << " (blocked scales need a "
                               << "block_size)";
    int64_t n = (*s)[0], d = (*xs)[*a];
    if (n != kDynamic && d != kDynamic && n != d)
      return op->emitOpError() << "scale has " << n << " elements but axis "
                               << *a << " of the input has " << d;
    return success();
  }
  if (s->size() != xs->size())
    return op->emitOpError() << "blocked scale must have the input's rank "
                             << xs->size() << ", has rank " << s->size();
  for (size_t i = 0; i < xs->size(); ++i) {
    int64_t sd = (*s)[i], xd = (*xs)[i];
    if (sd == kDynamic || xd == kDynamic)
      continue;
    int64_t expected =
        (int64_t)i == *a ? xd / blockSize + (xd % blockSize != 0) : xd;
    if (sd != expected)
      return op->emitOpError()
             << "blocked scale has " << sd << " elements in dimension " << i
             << " where the input's " << xd << " need " << expected;
  }
  return success();
}

/// True if `t` is an 8-bit integer type (i8, ui8).
static bool is8BitInteger(Type t) {
  auto i = llvm::dyn_cast<IntegerType>(t);
  return i && i.getWidth() == 8;
}

/// Checks that the integer matmul / conv operand `v` holds 8-bit integers.
static LogicalResult verify8BitOperand(Operation *op, Value v, StringRef what) {
  if (is8BitInteger(getElementTypeOrSelf(v)))
    return success();
  return op->emitOpError() << "operand " << what
                           << " must hold 8-bit integers, holds "
                           << getElementTypeOrSelf(v);
}

namespace {
/// The window attributes of ConvInteger and QLinearConv.
struct WindowView {
  ArrayRef<int64_t> kernel, strides, dilations, pads;
  StringRef autoPad;
  int64_t group;

  template <typename OpTy>
  WindowView(OpTy op)
      : kernel(op.getKernelShape()), strides(op.getStrides()),
        dilations(op.getDilations()), pads(op.getPads()),
        autoPad(op.getAutoPad()), group(op.getGroup()) {}
};
} // namespace

/// The result shape of convolving `x` (N, C, spatial...) with `w`
/// (M, C / group, kernel...); emits an error on `op` for inconsistent
/// attributes or shapes.
static FailureOr<SmallVector<int64_t>>
inferConvShape(Operation *op, Value x, Value w, const WindowView &win) {
  size_t spatial = win.kernel.size();
  if (win.strides.size() != spatial || win.dilations.size() != spatial ||
      win.pads.size() != 2 * spatial)
    return op->emitOpError()
           << "needs " << spatial << " strides and dilations and "
           << 2 * spatial << " pads for " << spatial << " spatial dimensions";
  if (win.group < 1)
    return op->emitOpError("group must be positive");
  StringRef autoPad = win.autoPad;
  if (autoPad != "NOTSET" && autoPad != "VALID" && autoPad != "SAME_UPPER" &&
      autoPad != "SAME_LOWER")
    return op->emitOpError() << "has unknown auto_pad '" << autoPad << "'";
  // Bounds that keep the arithmetic below from overflowing.
  constexpr int64_t kLimit = int64_t(1) << 31;
  for (size_t i = 0; i < spatial; ++i) {
    int64_t k = win.kernel[i];
    if (k != kDynamic && (k < 1 || k >= kLimit))
      return op->emitOpError("kernel_shape must be positive");
    if (win.strides[i] < 1 || win.strides[i] >= kLimit ||
        win.dilations[i] < 1 || win.dilations[i] >= kLimit)
      return op->emitOpError("strides and dilations must be positive");
  }
  for (int64_t p : win.pads)
    if (p < 0 || p >= kLimit)
      return op->emitOpError("pads must be non-negative");
  std::optional<ArrayRef<int64_t>> xs = shapeOf(x);
  std::optional<ArrayRef<int64_t>> ws = shapeOf(w);
  if (failed(checkConvRanks(op, spatial, xs, ws)))
    return failure();
  if (ws) {
    if ((*ws)[0] != kDynamic && (*ws)[0] % win.group != 0)
      return op->emitOpError()
             << "weight has " << (*ws)[0]
             << " output channels, not a multiple of group " << win.group;
    for (size_t i = 0; i < spatial; ++i) {
      int64_t d = (*ws)[i + 2], k = win.kernel[i];
      if (d != kDynamic && k != kDynamic && d != k)
        return op->emitOpError()
               << "kernel_shape " << k << " differs from "
               << "the weight's spatial dimension " << i << " (" << d << ")";
    }
  }
  if (xs && ws && (*xs)[1] != kDynamic && (*ws)[1] != kDynamic &&
      ((*xs)[1] % win.group != 0 || (*xs)[1] / win.group != (*ws)[1]))
    return op->emitOpError()
           << "input has " << (*xs)[1] << " channels but weight expects "
           << (*ws)[1] << " x group " << win.group;
  SmallVector<int64_t> out(spatial + 2, kDynamic);
  if (xs)
    out[0] = (*xs)[0];
  if (ws)
    out[1] = (*ws)[0];
  for (size_t i = 0; xs && i < spatial; ++i) {
    int64_t in = (*xs)[i + 2];
    if (in == kDynamic || in >= kLimit * kLimit)
      continue;
    int64_t stride = win.strides[i];
    if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
      out[i + 2] = in / stride + (in % stride != 0);
      continue;
    }
    int64_t k = win.kernel[i];
    if (k == kDynamic)
      continue;
    int64_t pad = autoPad == "VALID" ? 0 : win.pads[i] + win.pads[i + spatial];
    int64_t span = in + pad - win.dilations[i] * (k - 1) - 1;
    if (span < 0)
      return op->emitOpError() << "kernel is larger than the padded input in "
                               << "spatial dimension " << i;
    out[i + 2] = span / stride + 1;
  }
  return out;
}

//===----------------------------------------------------------------------===//
// QuantizeLinearOp
//===----------------------------------------------------------------------===//

LogicalResult QuantizeLinearOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  if (failed(verifyQuantParams(*this, getX(), getYScale(), getYZeroPoint(),
                               (int64_t)getAxis(), (int64_t)getBlockSize())))
    return failure();
  Type out = getOutputDtype();
  if (!isNone(getYZeroPoint()) && getElementTypeOrSelf(getYZeroPoint()) != out)
    return emitOpError() << "zero point element type "
                         << getElementTypeOrSelf(getYZeroPoint())
                         << " differs from output_dtype " << out;
  if (getPrecision() && !llvm::isa<FloatType>(*getPrecision()))
    return emitOpError() << "precision must be a float type, is "
                         << *getPrecision();
  types.push_back(makeTensorType(shapeOf(getX()), out));
  return success();
}

//===----------------------------------------------------------------------===//
// DequantizeLinearOp
//===----------------------------------------------------------------------===//

LogicalResult
DequantizeLinearOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  if (failed(verifyQuantParams(*this, getX(), getXScale(), getXZeroPoint(),
                               (int64_t)getAxis(), (int64_t)getBlockSize())) ||
      failed(verifyZeroPointType(*this, getXZeroPoint(), getX(), "zero point")))
    return failure();
  if (!llvm::isa<FloatType>(getOutputDtype()))
    return emitOpError() << "output_dtype must be a float type, is "
                         << getOutputDtype();
  types.push_back(makeTensorType(shapeOf(getX()), getOutputDtype()));
  return success();
}

//===----------------------------------------------------------------------===//
// DynamicQuantizeLinearOp
//===----------------------------------------------------------------------===//

LogicalResult
DynamicQuantizeLinearOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getX());
  if (!elt.isF32())
    return emitOpError() << "input must hold f32, holds " << elt;
  Builder b(getContext());
  Type ui8 = IntegerType::get(getContext(), 8, IntegerType::Unsigned);
  types.push_back(makeTensorType(shapeOf(getX()), ui8));
  types.push_back(RankedTensorType::get({}, b.getF32Type()));
  types.push_back(RankedTensorType::get({}, ui8));
  return success();
}

//===----------------------------------------------------------------------===//
// MatMulIntegerOp, QLinearMatMulOp
//===----------------------------------------------------------------------===//

LogicalResult MatMulIntegerOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  if (failed(verify8BitOperand(*this, getA(), "a")) ||
      failed(verify8BitOperand(*this, getB(), "b")) ||
      failed(verifyZeroPointType(*this, getAZeroPoint(), getA(),
                                 "a_zero_point")) ||
      failed(
          verifyZeroPointType(*this, getBZeroPoint(), getB(), "b_zero_point")))
    return failure();
  return inferMatMulResult(*this, getA(), getB(),
                           IntegerType::get(getContext(), 32), types);
}

LogicalResult QLinearMatMulOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  if (failed(verifyScale(*this, getAScale(), "a_scale")) ||
      failed(verifyScale(*this, getBScale(), "b_scale")) ||
      failed(verifyScale(*this, getYScale(), "y_scale")) ||
      failed(verifyZeroPointType(*this, getAZeroPoint(), getA(),
                                 "a_zero_point")) ||
      failed(
          verifyZeroPointType(*this, getBZeroPoint(), getB(), "b_zero_point")))
    return failure();
  return inferMatMulResult(*this, getA(), getB(),
                           getElementTypeOrSelf(getYZeroPoint()), types);
}

//===----------------------------------------------------------------------===//
// ConvIntegerOp, QLinearConvOp
//===----------------------------------------------------------------------===//

LogicalResult ConvIntegerOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  if (failed(verify8BitOperand(*this, getX(), "x")) ||
      failed(verify8BitOperand(*this, getW(), "w")) ||
      failed(verifyZeroPointType(*this, getXZeroPoint(), getX(),
                                 "x_zero_point")) ||
      failed(
          verifyZeroPointType(*this, getWZeroPoint(), getW(), "w_zero_point")))
    return failure();
  FailureOr<SmallVector<int64_t>> shape =
      inferConvShape(*this, getX(), getW(), WindowView(*this));
  if (failed(shape))
    return failure();
  types.push_back(
      RankedTensorType::get(*shape, IntegerType::get(getContext(), 32)));
  return success();
}

LogicalResult QLinearConvOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  if (failed(verifyScale(*this, getXScale(), "x_scale")) ||
      failed(verifyScale(*this, getWScale(), "w_scale")) ||
      failed(verifyScale(*this, getYScale(), "y_scale")) ||
      failed(verifyZeroPointType(*this, getXZeroPoint(), getX(),
                                 "x_zero_point")) ||
      failed(
          verifyZeroPointType(*this, getWZeroPoint(), getW(), "w_zero_point")))
    return failure();
  FailureOr<SmallVector<int64_t>> shape =
      inferConvShape(*this, getX(), getW(), WindowView(*this));
  if (failed(shape))
    return failure();
  if (!isNone(getBias())) {
    if (!getElementTypeOrSelf(getBias()).isInteger(32))
      return emitOpError("bias must be an i32 tensor");
    std::optional<ArrayRef<int64_t>> b = shapeOf(getBias());
    int64_t m = (*shape)[1];
    if (b && (b->size() != 1 ||
              ((*b)[0] != kDynamic && m != kDynamic && (*b)[0] != m)))
      return emitOpError() << "bias must be 1-D with one element per output "
                           << "channel, is " << getBias().getType();
  }
  types.push_back(
      RankedTensorType::get(*shape, getElementTypeOrSelf(getYZeroPoint())));
  return success();
}
