//===- ConvAttrs.cpp - normalized window attributes of Conv-like ops -------===//

#include "compiler/onnx/ops/ConvAttrs.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

namespace mlc::onnx_import {

SmallVector<NamedAttribute> WindowAttrs::toNamed(NodeImporter &n) const {
  SmallVector<NamedAttribute> attrs{
      n.named("kernel_shape", n.i64s(kernelShape)),
      n.named("strides", n.i64s(strides)),
      n.named("dilations", n.i64s(dilations)), n.named("pads", n.i64s(pads)),
      n.named("auto_pad", n.b().getStringAttr(autoPad))};
  if (transposed)
    attrs.push_back(n.named("output_padding", n.i64s(outputPadding)));
  if (outputShape)
    attrs.push_back(n.named("output_shape", n.i64s(*outputShape)));
  return attrs;
}

/// Reads the attributes with their defaults and checks them; auto_pad is
/// left unresolved except VALID (zero pads).
static FailureOr<WindowAttrs>
readRawWindowAttrs(NodeImporter &n, Value input,
                   std::optional<ArrayRef<int64_t>> kernel) {
  WindowAttrs w;
  if (auto k = n.intsAttr("kernel_shape"))
    w.kernelShape = *k;
  else if (kernel)
    w.kernelShape.assign(kernel->begin(), kernel->end());
  else
    return n.error("has no kernel_shape");
  size_t spatial = w.kernelShape.size();
  std::optional<ArrayRef<int64_t>> x = graph::shapeOf(input);
  if (x && x->size() != spatial + 2)
    return n.error(llvm::formatv("input rank {0} does not fit a {1}-D kernel",
                                 x->size(), spatial));
  w.strides = n.intsAttr("strides").value_or(SmallVector<int64_t>(spatial, 1));
  w.dilations =
      n.intsAttr("dilations").value_or(SmallVector<int64_t>(spatial, 1));
  w.pads = n.intsAttr("pads").value_or(SmallVector<int64_t>(2 * spatial, 0));
  w.autoPad = n.stringAttr("auto_pad", "NOTSET");
  if (n.attrErrors())
    return failure();
  if (w.strides.size() != spatial || w.dilations.size() != spatial ||
      w.pads.size() != 2 * spatial)
    return n.error(llvm::formatv("strides, dilations and pads must have {0}, "
                                 "{0} and {1} entries",
                                 spatial, 2 * spatial));
  for (size_t i = 0; i < spatial; ++i) {
    if (w.strides[i] < 1 || w.dilations[i] < 1)
      return n.error("strides and dilations must be positive");
    if (w.kernelShape[i] < 1 && w.kernelShape[i] != graph::kDynamic)
      return n.error("kernel_shape must be positive");
  }
  for (int64_t p : w.pads)
    if (p < 0)
      return n.error("pads must not be negative");
  if (w.autoPad == "VALID") {
    w.pads.assign(2 * spatial, 0);
    w.autoPad = "NOTSET";
  } else if (w.autoPad != "NOTSET" && w.autoPad != "SAME_UPPER" &&
             w.autoPad != "SAME_LOWER") {
    return n.error("unknown auto_pad '" + w.autoPad + "'");
  }
  return w;
}

/// The static spatial dimensions of `input`, if it has them.
static std::optional<SmallVector<int64_t>> staticSpatialDims(Value input) {
  std::optional<ArrayRef<int64_t>> x = graph::shapeOf(input);
  if (!x || x->size() < 2 || llvm::any_of(x->drop_front(2), [](int64_t d) {
        return d == graph::kDynamic;
      }))
    return std::nullopt;
  return SmallVector<int64_t>(x->drop_front(2));
}

FailureOr<WindowAttrs> readWindowAttrs(NodeImporter &n, Value input,
                                       std::optional<ArrayRef<int64_t>> kernel,
                                       bool ceilMode) {
  (void)ceilMode; // SAME pads do not depend on it.
  FailureOr<WindowAttrs> w = readRawWindowAttrs(n, input, kernel);
  if (failed(w) || w->autoPad == "NOTSET")
    return w;
  std::optional<SmallVector<int64_t>> x = staticSpatialDims(input);
  if (!x)
    return w; // resolved when the shapes are known
  if (std::optional<SmallVector<int64_t>> pads =
          graph::computeSamePads(*x, w->kernelShape, w->strides, w->dilations,
                                 w->autoPad == "SAME_UPPER")) {
    w->pads = *pads;
    w->autoPad = "NOTSET";
  }
  return w;
}

FailureOr<WindowAttrs>
readTransposedWindowAttrs(NodeImporter &n, Value input,
                          std::optional<ArrayRef<int64_t>> kernel) {
  FailureOr<WindowAttrs> w = readRawWindowAttrs(n, input, kernel);
  if (failed(w))
    return failure();
  w->transposed = true;
  size_t spatial = w->kernelShape.size();
  w->outputPadding =
      n.intsAttr("output_padding").value_or(SmallVector<int64_t>(spatial, 0));
  std::optional<SmallVector<int64_t>> outputShape = n.intsAttr("output_shape");
  if (n.attrErrors())
    return failure();
  if (w->outputPadding.size() != spatial)
    return n.error(
        llvm::formatv("output_padding must have {0} entries", spatial));
  if (llvm::any_of(w->outputPadding, [](int64_t p) { return p < 0; }))
    return n.error("output_padding must not be negative");
  // Some exporters include the batch and channel dimensions.
  if (outputShape && outputShape->size() == spatial + 2)
    outputShape->erase(outputShape->begin(), outputShape->begin() + 2);
  if (outputShape && outputShape->size() != spatial)
    return n.error(
        llvm::formatv("output_shape must have {0} entries", spatial));
  bool same = w->autoPad == "SAME_UPPER" || w->autoPad == "SAME_LOWER";
  if (!outputShape && !same)
    return w; // explicit pads
  std::optional<SmallVector<int64_t>> x = staticSpatialDims(input);
  // Values this small keep the arithmetic below from overflowing.
  auto small = [](ArrayRef<int64_t> values) {
    return llvm::all_of(values,
                        [](int64_t v) { return v >= 0 && v < (1 << 30); });
  };
  if (x && small(*x) && small(w->kernelShape) && small(w->strides) &&
      small(w->dilations) && small(w->outputPadding) &&
      (!outputShape || small(*outputShape))) {
    // The output size that output_shape or SAME asks for, and the total
    // padding that gives it. SAME clamps a negative total to zero (the
    // output is then the full transposed convolution), as ONNX's shape
    // inference and ONNX Runtime do; an output_shape beyond the full output
    // extends it at the end (zeros and bias, as ONNX Runtime and the ONNX
    // reference compute it), which is extra output_padding.
    w->pads.assign(2 * spatial, 0);
    for (size_t i = 0; i < spatial; ++i) {
      int64_t target =
          outputShape ? (*outputShape)[i] : (*x)[i] * w->strides[i];
      int64_t total = w->strides[i] * ((*x)[i] - 1) + w->outputPadding[i] +
                      (w->kernelShape[i] - 1) * w->dilations[i] + 1 - target;
      if (total < 0) {
        if (outputShape)
          w->outputPadding[i] -= total;
        continue;
      }
      int64_t half = total / 2;
      w->pads[i] = w->autoPad == "SAME_UPPER" ? half : total - half;
      w->pads[i + spatial] = total - w->pads[i];
    }
    w->autoPad = "NOTSET";
    return w;
  }
  // Kept for the op to give the output size from.
  w->outputShape = outputShape;
  if (outputShape)
    w->pads.assign(2 * spatial, 0);
  return w;
}

} // namespace mlc::onnx_import
