//===- NNOps.cpp - neural-network graph ops --------------------------------===//
//
// Result-type inference (which is also the verifier) and canonicalization of
// the convolution, pooling, normalization, softmax and attention ops.
//
//===----------------------------------------------------------------------===//

#include "dialects/graph/IR/GraphOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

#include <cmath>

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
// Shared helpers
//===----------------------------------------------------------------------===//

namespace {

/// Window attribute values above this are rejected, so that the output-size
/// arithmetic cannot overflow.
constexpr int64_t kMaxWindowValue = int64_t(1) << 31;

/// The window attributes of a conv/pool-like op.
struct Window {
  ArrayRef<int64_t> kernel, strides, dilations, pads;
  StringRef autoPad;
  bool ceilMode = false;
  size_t spatial() const { return kernel.size(); }
  bool same() const {
    return autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER";
  }
};

/// Checks the sizes and ranges of `w`'s attributes. `dynamicKernel` lets
/// kernel sizes be unknown (Conv takes them from its weight).
LogicalResult verifyWindow(Operation *op, const Window &w,
                           bool dynamicKernel = false) {
  size_t spatial = w.spatial();
  if (w.strides.size() != spatial || w.dilations.size() != spatial ||
      w.pads.size() != 2 * spatial)
    return op->emitOpError()
           << "needs " << spatial << " strides and dilations and "
           << 2 * spatial << " pads for " << spatial << " spatial dimensions";
  auto inRange = [](int64_t v, int64_t lo) {
    return v >= lo && v < kMaxWindowValue;
  };
  for (size_t i = 0; i < spatial; ++i) {
    if (!inRange(w.strides[i], 1) || !inRange(w.dilations[i], 1))
      return op->emitOpError("strides and dilations must be in [1, 2^31)");
    if (!inRange(w.kernel[i], 1) && !(dynamicKernel && w.kernel[i] == kDynamic))
      return op->emitOpError("kernel_shape must be in [1, 2^31)");
  }
  for (int64_t p : w.pads)
    if (!inRange(p, 0))
      return op->emitOpError("pads must be in [0, 2^31)");
  if (w.autoPad != "NOTSET" && w.autoPad != "VALID" && !w.same())
    return op->emitOpError() << "unknown auto_pad '" << w.autoPad << "'";
  return success();
}

/// The output size of spatial dimension `i` of a sliding window over an
/// input dimension `in` with kernel size `k` (either may be kDynamic).
FailureOr<int64_t> windowOutputSize(Operation *op, const Window &w, size_t i,
                                    int64_t in, int64_t k) {
  if (in == kDynamic)
    return kDynamic;
  int64_t s = w.strides[i];
  if (w.same())
    return (in + s - 1) / s;
  if (k == kDynamic)
    return kDynamic;
  bool valid = w.autoPad == "VALID";
  int64_t padBegin = valid ? 0 : w.pads[i];
  int64_t padEnd = valid ? 0 : w.pads[i + w.spatial()];
  // All terms are below 2^62 (dimensions) or 2^31 (attributes): no overflow.
  int64_t span = in + padBegin + padEnd - w.dilations[i] * (k - 1) - 1;
  if (in == 0 && span < 0)
    return 0; // an empty input has no windows
  if (span < 0)
    return op->emitOpError() << "kernel is larger than padded input in spatial "
                             << "dimension " << i;
  if (!w.ceilMode)
    return span / s + 1;
  int64_t out = (span + s - 1) / s + 1;
  // ONNX drops a last window that would start in the end padding.
  if ((out - 1) * s >= in + padBegin)
    --out;
  return out;
}

/// Fails if a dimension of `shape` is too large for the window arithmetic.
LogicalResult checkDimSizes(Operation *op, ArrayRef<int64_t> shape) {
  for (int64_t d : shape)
    if (d != kDynamic && d >= (int64_t(1) << 62))
      return op->emitOpError("input dimensions must be below 2^62");
  return success();
}

/// Checks a conv-like op's group and weight dimensions, whose products
/// (channels times group) must not overflow, then that the input and weight
/// shapes (where known) are (N, C, `spatial` dims...) and fit the window
/// arithmetic.
LogicalResult checkConvOperands(Operation *op, int64_t group, size_t spatial,
                                std::optional<ArrayRef<int64_t>> input,
                                std::optional<ArrayRef<int64_t>> weight) {
  if (group < 1 || group >= kMaxWindowValue)
    return op->emitOpError("group must be in [1, 2^31)");
  for (int64_t d : weight.value_or(ArrayRef<int64_t>()))
    if (d != kDynamic && d >= kMaxWindowValue)
      return op->emitOpError("weight dimensions must be below 2^31");
  if (failed(checkConvRanks(op, spatial, input, weight)))
    return failure();
  if (input && failed(checkDimSizes(op, *input)))
    return failure();
  return success();
}

/// The spatial output dimensions of a pooling op over `input`: its type is
/// (N, C, spatial...) with the pooled spatial sizes.
LogicalResult inferPoolResult(Operation *op, Value input, const Window &w,
                              SmallVectorImpl<int64_t> &out) {
  if (failed(verifyWindow(op, w)))
    return failure();
  size_t spatial = w.spatial();
  std::optional<ArrayRef<int64_t>> x = shapeOf(input);
  if (x && x->size() != spatial + 2)
    return op->emitOpError() << "input rank " << x->size() << " does not match "
                             << spatial << " spatial dimensions";
  if (x && failed(checkDimSizes(op, *x)))
    return failure();
  out.assign(spatial + 2, kDynamic);
  if (!x)
    return success();
  out[0] = (*x)[0];
  out[1] = (*x)[1];
  for (size_t i = 0; i < spatial; ++i) {
    FailureOr<int64_t> o = windowOutputSize(op, w, i, (*x)[i + 2], w.kernel[i]);
    if (failed(o))
      return failure();
    out[i + 2] = *o;
  }
  return success();
}

/// Merges the dimension `value` into `dim` (kDynamic is unknown); fails
/// with an error naming `what` if both are known and differ.
LogicalResult mergeDim(Operation *op, int64_t &dim, int64_t value,
                       StringRef what) {
  if (value == kDynamic)
    return success();
  if (dim != kDynamic && dim != value)
    return op->emitOpError() << "has mismatched " << what << " (" << dim
                             << " vs " << value << ")";
  dim = value;
  return success();
}

/// Checks that `v`, if ranked, is 1-D and merges its size into the channel
/// count `channels`.
LogicalResult checkChannelVector(Operation *op, Value v, StringRef name,
                                 int64_t &channels) {
  std::optional<ArrayRef<int64_t>> s = shapeOf(v);
  if (!s)
    return success();
  if (s->size() != 1)
    return op->emitOpError() << name << " must be 1-D, not " << v.getType();
  if ((*s)[0] != kDynamic && channels != kDynamic && (*s)[0] != channels)
    return op->emitOpError() << name << " has " << (*s)[0] << " elements for "
                             << channels << " channels";
  if (channels == kDynamic)
    channels = (*s)[0];
  return success();
}

/// Checks that `v` (if ranked) broadcasts unidirectionally to `shape`.
LogicalResult checkBroadcastsTo(Operation *op, Value v, StringRef name,
                                ArrayRef<int64_t> shape) {
  std::optional<ArrayRef<int64_t>> s = shapeOf(v);
  if (!s)
    return success();
  bool ok = s->size() <= shape.size();
  for (size_t i = 0; ok && i < s->size(); ++i) {
    int64_t d = (*s)[s->size() - 1 - i], t = shape[shape.size() - 1 - i];
    ok = d == 1 || d == kDynamic || t == kDynamic || d == t;
  }
  if (!ok)
    return op->emitOpError() << name << " of type " << v.getType()
                             << " does not broadcast to the input";
  return success();
}

/// The input of a normalization with channels: (N, C, ...) of rank at least
/// 2; `channels` gets C (or kDynamic).
LogicalResult getChannels(Operation *op, Value input, int64_t &channels) {
  channels = kDynamic;
  std::optional<ArrayRef<int64_t>> x = shapeOf(input);
  if (!x)
    return success();
  if (x->size() < 2)
    return op->emitOpError()
           << "input must have rank >= 2, not " << input.getType();
  channels = (*x)[1];
  return success();
}

/// Checks a conv-like op's `bias`: none, or 1-D with `outChannels`
/// elements.
LogicalResult checkBias(Operation *op, Value bias, int64_t outChannels) {
  if (isNone(bias))
    return success();
  int64_t c = outChannels;
  return checkChannelVector(op, bias, "bias", c);
}

/// Resolves SAME auto_pad into explicit pads once the input's spatial
/// dimensions (and the kernel) are static.
template <typename OpTy> struct ResolveSameAutoPad : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    StringRef autoPad = op.getAutoPad();
    if (autoPad != "SAME_UPPER" && autoPad != "SAME_LOWER")
      return failure();
    std::optional<ArrayRef<int64_t>> x = shapeOf(op.getInput());
    size_t spatial = op.getKernelShape().size();
    if (!x || x->size() != spatial + 2)
      return failure();
    SmallVector<int64_t> kernel(op.getKernelShape());
    if constexpr (std::is_same_v<OpTy, ConvOp>) {
      std::optional<ArrayRef<int64_t>> w = shapeOf(op.getWeight());
      for (size_t i = 0; w && w->size() == spatial + 2 && i < spatial; ++i)
        if (kernel[i] == kDynamic)
          kernel[i] = (*w)[i + 2];
    }
    std::optional<SmallVector<int64_t>> pads =
        computeSamePads(x->drop_front(2), kernel, op.getStrides(),
                        op.getDilations(), autoPad == "SAME_UPPER");
    if (!pads)
      return failure();
    rewriter.modifyOpInPlace(op, [&] {
      op.setPads(*pads);
      op.setAutoPad("NOTSET");
    });
    return success();
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// ConvOp
//===----------------------------------------------------------------------===//

LogicalResult ConvOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getInput());
  Window win{getKernelShape(), getStrides(), getDilations(), getPads(),
             getAutoPad()};
  if (failed(verifyWindow(*this, win, /*dynamicKernel=*/true)))
    return failure();
  size_t spatial = win.spatial();
  std::optional<ArrayRef<int64_t>> x = shapeOf(getInput());
  std::optional<ArrayRef<int64_t>> w = shapeOf(getWeight());
  int64_t group = getGroup();
  if (failed(checkConvOperands(*this, group, spatial, x, w)))
    return failure();
  SmallVector<int64_t> kernel(win.kernel);
  for (size_t i = 0; w && i < spatial; ++i) {
    int64_t wk = (*w)[i + 2];
    if (kernel[i] != kDynamic && wk != kDynamic && kernel[i] != wk)
      return emitOpError() << "kernel_shape does not match the weight's "
                           << "spatial dimensions";
    if (kernel[i] == kDynamic)
      kernel[i] = wk;
  }
  if (x && w && (*x)[1] != kDynamic && (*w)[1] != kDynamic &&
      (*x)[1] != (*w)[1] * group)
    return emitOpError() << "input has " << (*x)[1] << " channels but weight "
                         << "expects " << (*w)[1] << " x group " << group;
  int64_t outChannels = w ? (*w)[0] : kDynamic;
  if (outChannels != kDynamic && outChannels % group != 0)
    return emitOpError() << "weight's " << outChannels
                         << " output channels are not divisible by group "
                         << group;
  if (failed(checkBias(*this, getBias(), outChannels)))
    return failure();
  SmallVector<int64_t> out(spatial + 2, kDynamic);
  if (x)
    out[0] = (*x)[0];
  out[1] = outChannels;
  for (size_t i = 0; x && i < spatial; ++i) {
    FailureOr<int64_t> o =
        windowOutputSize(*this, win, i, (*x)[i + 2], kernel[i]);
    if (failed(o))
      return failure();
    out[i + 2] = *o;
  }
  types.push_back(RankedTensorType::get(out, elt));
  return success();
}

namespace {
/// Fills unknown kernel_shape entries in from the weight's spatial
/// dimensions once they are known.
struct ConvKernelFromWeight : OpRewritePattern<ConvOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConvOp op,
                                PatternRewriter &rewriter) const override {
    SmallVector<int64_t> kernel(op.getKernelShape());
    std::optional<ArrayRef<int64_t>> w = shapeOf(op.getWeight());
    if (!w || w->size() != kernel.size() + 2)
      return failure();
    bool changed = false;
    for (size_t i = 0; i < kernel.size(); ++i) {
      if (kernel[i] != kDynamic || (*w)[i + 2] == kDynamic)
        continue;
      kernel[i] = (*w)[i + 2];
      changed = true;
    }
    if (!changed)
      return failure();
    rewriter.modifyOpInPlace(op, [&] { op.setKernelShape(kernel); });
    return success();
  }
};
} // namespace

void ConvOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                         MLIRContext *context) {
  results.add<ResolveSameAutoPad<ConvOp>, ConvKernelFromWeight>(context);
}

//===----------------------------------------------------------------------===//
// ConvTransposeOp
//===----------------------------------------------------------------------===//

LogicalResult ConvTransposeOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Type elt = getElementTypeOrSelf(getInput());
  Window win{getKernelShape(), getStrides(), getDilations(), getPads(),
             getAutoPad()};
  if (failed(verifyWindow(*this, win)))
    return failure();
  size_t spatial = win.spatial();
  ArrayRef<int64_t> outputPadding = getOutputPadding();
  if (outputPadding.size() != spatial)
    return emitOpError() << "needs " << spatial << " output_padding values";
  for (int64_t p : outputPadding)
    if (p < 0 || p >= kMaxWindowValue)
      return emitOpError("output_padding must be in [0, 2^31)");
  std::optional<ArrayRef<int64_t>> outputShape = getOutputShape();
  if (outputShape) {
    if (outputShape->size() != spatial)
      return emitOpError() << "needs " << spatial << " output_shape values";
    for (int64_t d : *outputShape)
      if (d < 0)
        return emitOpError("output_shape must not be negative");
  }
  std::optional<ArrayRef<int64_t>> x = shapeOf(getInput());
  std::optional<ArrayRef<int64_t>> w = shapeOf(getWeight());
  int64_t group = getGroup();
  if (failed(checkConvOperands(*this, group, spatial, x, w)))
    return failure();
  for (size_t i = 0; w && i < spatial; ++i)
    if ((*w)[i + 2] != kDynamic && (*w)[i + 2] != win.kernel[i])
      return emitOpError() << "kernel_shape does not match the weight's "
                           << "spatial dimensions";
  int64_t inChannels = x ? (*x)[1] : kDynamic;
  if (failed(mergeDim(*this, inChannels, w ? (*w)[0] : kDynamic,
                      "input channels of input and weight")))
    return failure();
  if (inChannels != kDynamic && inChannels % group != 0)
    return emitOpError() << inChannels
                         << " input channels are not divisible by group "
                         << group;
  int64_t outChannels = w && (*w)[1] != kDynamic ? (*w)[1] * group : kDynamic;
  if (failed(checkBias(*this, getBias(), outChannels)))
    return failure();
  SmallVector<int64_t> out(spatial + 2, kDynamic);
  if (x)
    out[0] = (*x)[0];
  out[1] = outChannels;
  for (size_t i = 0; i < spatial; ++i) {
    int64_t in = x ? (*x)[i + 2] : kDynamic;
    // The full transposed convolution, before pads crop it.
    int64_t s = win.strides[i];
    // in < 2^62 and the attributes < 2^31: 128 bits cannot overflow.
    __int128 full128 = in == kDynamic
                           ? 0
                           : (__int128)s * std::max<int64_t>(in, 1) +
                                 outputPadding[i] +
                                 win.dilations[i] * (win.kernel[i] - 1) + 1;
    if (full128 >= ((__int128)1 << 62))
      return emitOpError() << "output size overflows in spatial dimension "
                           << i;
    int64_t full = in == kDynamic
                       ? kDynamic
                       : s * (in - 1) + outputPadding[i] +
                             win.dilations[i] * (win.kernel[i] - 1) + 1;
    if (outputShape) {
      out[i + 2] = (*outputShape)[i];
    } else if (full == kDynamic) {
      continue;
    } else if (win.same()) {
      out[i + 2] = std::min(in * s, full);
    } else {
      int64_t pad =
          win.autoPad == "VALID" ? 0 : win.pads[i] + win.pads[i + spatial];
      if (full - pad < 0)
        return emitOpError()
               << "pads exceed the output in spatial dimension " << i;
      out[i + 2] = full - pad;
    }
  }
  types.push_back(RankedTensorType::get(out, elt));
  return success();
}

//===----------------------------------------------------------------------===//
// Pools
//===----------------------------------------------------------------------===//

LogicalResult AveragePoolOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  Window win{getKernelShape(), getStrides(), getDilations(),
             getPads(),        getAutoPad(), getCeilMode()};
  SmallVector<int64_t> out;
  if (failed(inferPoolResult(*this, getInput(), win, out)))
    return failure();
  types.push_back(RankedTensorType::get(out, getElementTypeOrSelf(getInput())));
  return success();
}

void AveragePoolOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                                MLIRContext *context) {
  results.add<ResolveSameAutoPad<AveragePoolOp>>(context);
}

LogicalResult MaxPoolOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  if (getStorageOrder() != 0 && getStorageOrder() != 1)
    return emitOpError("storage_order must be 0 or 1");
  Window win{getKernelShape(), getStrides(), getDilations(),
             getPads(),        getAutoPad(), getCeilMode()};
  SmallVector<int64_t> out;
  if (failed(inferPoolResult(*this, getInput(), win, out)))
    return failure();
  types.push_back(RankedTensorType::get(out, getElementTypeOrSelf(getInput())));
  types.push_back(
      RankedTensorType::get(out, IntegerType::get(getContext(), 64)));
  return success();
}

void MaxPoolOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<ResolveSameAutoPad<MaxPoolOp>>(context);
}

static LogicalResult inferGlobalPool(Operation *op,
                                     SmallVectorImpl<Type> &types) {
  Value input = op->getOperand(0);
  Type elt = getElementTypeOrSelf(input);
  std::optional<ArrayRef<int64_t>> x = shapeOf(input);
  if (!x) {
    types.push_back(UnrankedTensorType::get(elt));
    return success();
  }
  if (x->size() < 2)
    return op->emitOpError()
           << "input must have rank >= 2, not " << input.getType();
  SmallVector<int64_t> out(x->size(), 1);
  out[0] = (*x)[0];
  out[1] = (*x)[1];
  types.push_back(RankedTensorType::get(out, elt));
  return success();
}

LogicalResult
GlobalAveragePoolOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  return inferGlobalPool(*this, types);
}

LogicalResult GlobalMaxPoolOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  return inferGlobalPool(*this, types);
}

//===----------------------------------------------------------------------===//
// BatchNormalizationOp
//===----------------------------------------------------------------------===//

LogicalResult
BatchNormalizationOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  std::optional<ArrayRef<int64_t>> x = shapeOf(getInput());
  int64_t channels = kDynamic;
  if (x) {
    if (x->empty())
      return emitOpError() << "input must have rank >= 1, not "
                           << getInput().getType();
    channels = x->size() > 1 ? (*x)[1] : 1;
  }
  for (auto [v, name] : {std::pair<Value, StringRef>{getScale(), "scale"},
                         {getBias(), "bias"},
                         {getMean(), "mean"},
                         {getVar(), "var"}})
    if (failed(checkChannelVector(*this, v, name, channels)))
      return failure();
  types.push_back(getInput().getType());
  types.push_back(
      RankedTensorType::get({channels}, getElementTypeOrSelf(getMean())));
  types.push_back(
      RankedTensorType::get({channels}, getElementTypeOrSelf(getVar())));
  return success();
}

namespace {
/// In inference mode the running statistics are the given ones.
struct ForwardInferenceStatistics : OpRewritePattern<BatchNormalizationOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BatchNormalizationOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getTrainingMode())
      return failure();
    bool changed = false;
    for (auto [result, given] :
         {std::pair<Value, Value>{op.getRunningMean(), op.getMean()},
          {op.getRunningVar(), op.getVar()}}) {
      if (result.use_empty() || result.getType() != given.getType())
        continue;
      rewriter.replaceAllUsesWith(result, given);
      changed = true;
    }
    return success(changed);
  }
};
} // namespace

void BatchNormalizationOp::getCanonicalizationPatterns(
    RewritePatternSet &results, MLIRContext *context) {
  results.add<ForwardInferenceStatistics>(context);
}

//===----------------------------------------------------------------------===//
// InstanceNormalizationOp, GroupNormalizationOp
//===----------------------------------------------------------------------===//

LogicalResult
InstanceNormalizationOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  int64_t channels;
  if (failed(getChannels(*this, getInput(), channels)) ||
      failed(checkChannelVector(*this, getScale(), "scale", channels)) ||
      failed(checkChannelVector(*this, getBias(), "bias", channels)))
    return failure();
  types.push_back(getInput().getType());
  return success();
}

LogicalResult
GroupNormalizationOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  int64_t groups = getNumGroups();
  if (groups < 1)
    return emitOpError("num_groups must be positive");
  int64_t channels;
  if (failed(getChannels(*this, getInput(), channels)))
    return failure();
  if (channels != kDynamic && channels % groups != 0)
    return emitOpError() << channels << " channels are not divisible by "
                         << "num_groups " << groups;
  if (failed(checkChannelVector(*this, getScale(), "scale", channels)) ||
      failed(checkChannelVector(*this, getBias(), "bias", channels)))
    return failure();
  types.push_back(getInput().getType());
  return success();
}

//===----------------------------------------------------------------------===//
// LayerNormalizationOp, RMSNormalizationOp
//===----------------------------------------------------------------------===//

/// Checks the input, axis and scale/bias of a normalization over the
/// trailing dimensions [axis, rank); `axis` gets the normalized axis.
static LogicalResult verifyTrailingNorm(Operation *op, Value input,
                                        int64_t rawAxis, Value scale,
                                        Value bias, int64_t &axis) {
  std::optional<ArrayRef<int64_t>> x = shapeOf(input);
  if (!x)
    return success();
  if (x->empty())
    return op->emitOpError()
           << "input must have rank >= 1, not " << input.getType();
  FailureOr<int64_t> a = normalizeAxis(op, rawAxis, x->size());
  if (failed(a))
    return failure();
  axis = *a;
  if (failed(checkBroadcastsTo(op, scale, "scale", *x)))
    return failure();
  if (bias && !isNone(bias) && failed(checkBroadcastsTo(op, bias, "bias", *x)))
    return failure();
  return success();
}

LogicalResult
LayerNormalizationOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  int64_t axis = 0;
  if (failed(verifyTrailingNorm(*this, getInput(), getAxis(), getScale(),
                                getBias(), axis)))
    return failure();
  Type stash = getStashType();
  if (!stash.isIntOrFloat())
    return emitOpError() << "stash_type must be a scalar type, not " << stash;
  types.push_back(getInput().getType());
  std::optional<ArrayRef<int64_t>> x = shapeOf(getInput());
  Type stats = UnrankedTensorType::get(stash);
  if (x) {
    SmallVector<int64_t> shape(*x);
    for (size_t i = axis; i < shape.size(); ++i)
      shape[i] = 1;
    stats = RankedTensorType::get(shape, stash);
  }
  types.push_back(stats);
  types.push_back(stats);
  return success();
}

LogicalResult
RMSNormalizationOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  int64_t axis = 0;
  if (failed(verifyTrailingNorm(*this, getInput(), getAxis(), getScale(),
                                Value(), axis)))
    return failure();
  if (!getStashType().isIntOrFloat())
    return emitOpError() << "stash_type must be a scalar type, not "
                         << getStashType();
  types.push_back(getInput().getType());
  return success();
}

//===----------------------------------------------------------------------===//
// LRNOp, SoftmaxOp
//===----------------------------------------------------------------------===//

LogicalResult LRNOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  if (getSize() < 1)
    return emitOpError("size must be positive");
  int64_t channels;
  if (failed(getChannels(*this, getInput(), channels)))
    return failure();
  types.push_back(getInput().getType());
  return success();
}

LogicalResult SoftmaxOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  if (std::optional<int64_t> rank = rankOf(getInput())) {
    if (*rank == 0)
      return emitOpError() << "input must have rank >= 1, not "
                           << getInput().getType();
    if (failed(normalizeAxis(*this, getAxis(), *rank)))
      return failure();
  }
  types.push_back(getInput().getType());
  return success();
}

//===----------------------------------------------------------------------===//
// AttentionOp
//===----------------------------------------------------------------------===//

namespace {
/// The dimensions an attention's operands determine (kDynamic if unknown).
struct AttentionDims {
  int64_t batch = kDynamic, qHeads = kDynamic, kvHeads = kDynamic;
  int64_t qSeq = kDynamic, kvSeq = kDynamic, pastSeq = 0;
  int64_t headSize = kDynamic, vHeadSize = kDynamic;
  std::optional<int64_t> rank;
};

/// Reads the dimensions of Q, K, V and the past key/value of `op`.
LogicalResult getAttentionDims(AttentionOp op, AttentionDims &d) {
  Operation *o = op;
  std::optional<ArrayRef<int64_t>> q = shapeOf(op.getQ()),
                                   k = shapeOf(op.getK()),
                                   v = shapeOf(op.getV());
  for (auto s : {q, k, v}) {
    if (!s)
      continue;
    if (d.rank && *d.rank != (int64_t)s->size())
      return op.emitOpError("Q, K and V must have the same rank");
    d.rank = s->size();
  }
  if (d.rank && *d.rank != 3 && *d.rank != 4)
    return op.emitOpError("Q, K and V must be 3-D or 4-D");
  std::optional<int64_t> qAttr = op.getQNumHeads(), kvAttr = op.getKvNumHeads();
  auto badHeads = [](std::optional<int64_t> h) {
    return h && (*h < 1 || *h >= kMaxWindowValue);
  };
  if (badHeads(qAttr) || badHeads(kvAttr))
    return op.emitOpError("q_num_heads and kv_num_heads must be in [1, 2^31)");
  if (d.rank == 3 && (!qAttr || !kvAttr))
    return op.emitOpError("3-D Q, K and V need q_num_heads and kv_num_heads");
  if (qAttr)
    d.qHeads = *qAttr;
  if (kvAttr)
    d.kvHeads = *kvAttr;
  if (d.rank == 4) {
    auto dim = [](std::optional<ArrayRef<int64_t>> s, int i) {
      return s ? (*s)[i] : kDynamic;
    };
    if (failed(mergeDim(o, d.batch, dim(q, 0), "batch size")) ||
        failed(mergeDim(o, d.batch, dim(k, 0), "batch size")) ||
        failed(mergeDim(o, d.batch, dim(v, 0), "batch size")) ||
        failed(mergeDim(o, d.qHeads, dim(q, 1), "Q heads")) ||
        failed(mergeDim(o, d.kvHeads, dim(k, 1), "K/V heads")) ||
        failed(mergeDim(o, d.kvHeads, dim(v, 1), "K/V heads")) ||
        failed(mergeDim(o, d.qSeq, dim(q, 2), "Q sequence length")) ||
        failed(mergeDim(o, d.kvSeq, dim(k, 2), "K/V sequence length")) ||
        failed(mergeDim(o, d.kvSeq, dim(v, 2), "K/V sequence length")) ||
        failed(mergeDim(o, d.headSize, dim(q, 3), "Q/K head size")) ||
        failed(mergeDim(o, d.headSize, dim(k, 3), "Q/K head size")) ||
        failed(mergeDim(o, d.vHeadSize, dim(v, 3), "V head size")))
      return failure();
  } else if (d.rank == 3) {
    // hidden = heads * head size.
    auto split = [&](std::optional<ArrayRef<int64_t>> s, int64_t heads,
                     StringRef name) -> FailureOr<int64_t> {
      if (!s || (*s)[2] == kDynamic)
        return kDynamic;
      if ((*s)[2] % heads != 0)
        return op.emitOpError()
               << name << "'s hidden size " << (*s)[2]
               << " is not divisible by its " << heads << " heads";
      return (*s)[2] / heads;
    };
    auto dim = [](std::optional<ArrayRef<int64_t>> s, int i) {
      return s ? (*s)[i] : kDynamic;
    };
    FailureOr<int64_t> qh = split(q, d.qHeads, "Q");
    FailureOr<int64_t> kh = split(k, d.kvHeads, "K");
    FailureOr<int64_t> vh = split(v, d.kvHeads, "V");
    if (failed(qh) || failed(kh) || failed(vh) ||
        failed(mergeDim(o, d.batch, dim(q, 0), "batch size")) ||
        failed(mergeDim(o, d.batch, dim(k, 0), "batch size")) ||
        failed(mergeDim(o, d.batch, dim(v, 0), "batch size")) ||
        failed(mergeDim(o, d.qSeq, dim(q, 1), "Q sequence length")) ||
        failed(mergeDim(o, d.kvSeq, dim(k, 1), "K/V sequence length")) ||
        failed(mergeDim(o, d.kvSeq, dim(v, 1), "K/V sequence length")) ||
        failed(mergeDim(o, d.headSize, *qh, "Q/K head size")) ||
        failed(mergeDim(o, d.headSize, *kh, "Q/K head size")) ||
        failed(mergeDim(o, d.vHeadSize, *vh, "V head size")))
      return failure();
  }
  if (d.qHeads != kDynamic && d.kvHeads != kDynamic &&
      d.qHeads % d.kvHeads != 0)
    return op.emitOpError()
           << "Q's " << d.qHeads << " heads are not a multiple of K/V's "
           << d.kvHeads;
  // The KV cache.
  Value pastKey = op.getPastKey(), pastValue = op.getPastValue();
  if (isNone(pastKey) != isNone(pastValue))
    return op.emitOpError("past_key and past_value must be given together");
  if (!isNone(op.getNonpadKvSeqlen()) && !isNone(pastKey))
    return op.emitOpError(
        "nonpad_kv_seqlen cannot be used with past_key and past_value");
  if (!isNone(pastKey)) {
    std::optional<ArrayRef<int64_t>> pk = shapeOf(pastKey),
                                     pv = shapeOf(pastValue);
    if ((pk && pk->size() != 4) || (pv && pv->size() != 4))
      return op.emitOpError("past_key and past_value must be 4-D");
    d.pastSeq = kDynamic;
    for (auto [s, headSize] :
         {std::pair<std::optional<ArrayRef<int64_t>>, int64_t *>{pk,
                                                                 &d.headSize},
          {pv, &d.vHeadSize}}) {
      if (!s)
        continue;
      if (failed(mergeDim(o, d.batch, (*s)[0], "batch size")) ||
          failed(mergeDim(o, d.kvHeads, (*s)[1], "K/V heads")) ||
          failed(mergeDim(o, d.pastSeq, (*s)[2], "past sequence length")) ||
          failed(mergeDim(o, *headSize, (*s)[3],
                          headSize == &d.headSize ? "Q/K head size"
                                                  : "V head size")))
        return failure();
    }
  }
  return success();
}
} // namespace

LogicalResult AttentionOp::inferResultTypes(SmallVectorImpl<Type> &types) {
  if (getQkMatmulOutputMode() < 0 || getQkMatmulOutputMode() > 3)
    return emitOpError("qk_matmul_output_mode must be 0, 1, 2 or 3");
  if (!isa<FloatType>(getSoftmaxPrecision()))
    return emitOpError() << "softmax_precision must be a float type, not "
                         << getSoftmaxPrecision();
  AttentionDims d;
  if (failed(getAttentionDims(*this, d)))
    return failure();
  constexpr int64_t kMaxDim = int64_t(1) << 62;
  bool known = d.kvSeq != kDynamic && d.pastSeq != kDynamic;
  bool threeD = d.rank == 3 && d.vHeadSize != kDynamic;
  if ((known && (d.kvSeq >= kMaxDim || d.pastSeq >= kMaxDim)) ||
      (threeD && d.vHeadSize >= kMaxWindowValue))
    return emitOpError("sizes overflow (sequences must be below 2^62, "
                       "head sizes below 2^31)");
  int64_t total = known ? d.kvSeq + d.pastSeq : kDynamic;
  // 3-D: q_num_heads (below 2^31) times the V head size.
  int64_t hidden = threeD ? d.qHeads * d.vHeadSize : kDynamic;
  // The mask broadcasts to (batch, q heads, q sequence, <= total).
  if (std::optional<ArrayRef<int64_t>> m = shapeOf(getAttnMask())) {
    int64_t target[4] = {d.batch, d.qHeads, d.qSeq, total};
    bool ok = m->size() <= 4;
    for (size_t i = 0; ok && i < m->size(); ++i) {
      int64_t md = (*m)[m->size() - 1 - i], t = target[3 - i];
      if (md == kDynamic || t == kDynamic)
        continue;
      ok = i == 0 ? md <= t : md == 1 || md == t;
    }
    if (!ok)
      return emitOpError() << "attn_mask of type " << getAttnMask().getType()
                           << " does not broadcast to (batch, q_num_heads, "
                           << "q_sequence, total_sequence)";
  }
  if (std::optional<ArrayRef<int64_t>> n = shapeOf(getNonpadKvSeqlen())) {
    if (n->size() != 1)
      return emitOpError("nonpad_kv_seqlen must be 1-D (batch)");
    if (failed(mergeDim(*this, d.batch, (*n)[0], "batch size")))
      return failure();
  }
  Type qElt = getElementTypeOrSelf(getQ());
  if (!d.rank) {
    types.push_back(UnrankedTensorType::get(qElt));
  } else if (*d.rank == 4) {
    types.push_back(
        RankedTensorType::get({d.batch, d.qHeads, d.qSeq, d.vHeadSize}, qElt));
  } else {
    types.push_back(RankedTensorType::get({d.batch, d.qSeq, hidden}, qElt));
  }
  types.push_back(RankedTensorType::get({d.batch, d.kvHeads, total, d.headSize},
                                        getElementTypeOrSelf(getK())));
  types.push_back(RankedTensorType::get(
      {d.batch, d.kvHeads, total, d.vHeadSize}, getElementTypeOrSelf(getV())));
  types.push_back(
      RankedTensorType::get({d.batch, d.qHeads, d.qSeq, total}, qElt));
  return success();
}

namespace {
/// Makes the default scale, 1 / sqrt(head size), explicit once the head
/// size is known.
struct FillDefaultAttentionScale : OpRewritePattern<AttentionOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AttentionOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getScale())
      return failure();
    AttentionDims d;
    // The op verified: reading its dimensions does not fail.
    if (failed(getAttentionDims(op, d)))
      return failure();
    if (d.headSize == kDynamic || d.headSize < 1)
      return failure();
    rewriter.modifyOpInPlace(op, [&] {
      op.setScaleAttr(
          rewriter.getF32FloatAttr(1.0 / std::sqrt(double(d.headSize))));
    });
    return success();
  }
};
} // namespace

void AttentionOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<FillDefaultAttentionScale>(context);
}
