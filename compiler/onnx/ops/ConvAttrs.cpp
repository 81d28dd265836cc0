//===- ConvAttrs.cpp - normalized window attributes of Conv-like ops -------===//

#include "compiler/onnx/ops/ConvAttrs.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

namespace mlc::onnx_import {

SmallVector<NamedAttribute> WindowAttrs::toNamed(NodeImporter &n) const {
  return {n.named("kernel_shape", n.i64s(kernelShape)),
          n.named("strides", n.i64s(strides)),
          n.named("dilations", n.i64s(dilations)),
          n.named("pads", n.i64s(pads)),
          n.named("auto_pad", n.b().getStringAttr(autoPad))};
}

FailureOr<WindowAttrs> readWindowAttrs(NodeImporter &n, Value input,
                                       std::optional<ArrayRef<int64_t>> kernel,
                                       bool ceilMode) {
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
  if (w.strides.size() != spatial || w.dilations.size() != spatial ||
      w.pads.size() != 2 * spatial)
    return n.error(llvm::formatv("strides, dilations and pads must have {0}, "
                                 "{0} and {1} entries",
                                 spatial, 2 * spatial));
  for (size_t i = 0; i < spatial; ++i)
    if (w.strides[i] < 1 || w.dilations[i] < 1 || w.kernelShape[i] < 0)
      return n.error("strides and dilations must be positive");
  for (int64_t p : w.pads)
    if (p < 0)
      return n.error("pads must not be negative");
  if (w.autoPad == "NOTSET")
    return w;
  if (w.autoPad == "VALID") {
    w.pads.assign(2 * spatial, 0);
    w.autoPad = "NOTSET";
    return w;
  }
  if (w.autoPad != "SAME_UPPER" && w.autoPad != "SAME_LOWER")
    return n.error("unknown auto_pad '" + w.autoPad + "'");
  if (!x || llvm::any_of(x->drop_front(2),
                         [](int64_t d) { return d == graph::kDynamic; }))
    return w; // resolved when the shapes are known
  for (size_t i = 0; i < spatial; ++i) {
    int64_t in = (*x)[i + 2];
    int64_t out = (in + w.strides[i] - 1) / w.strides[i];
    int64_t total = std::max<int64_t>(
        0, (out - 1) * w.strides[i] + (w.kernelShape[i] - 1) * w.dilations[i] +
               1 - in);
    int64_t small = total / 2, large = total - small;
    bool upper = w.autoPad == "SAME_UPPER";
    w.pads[i] = upper ? small : large;
    w.pads[i + spatial] = upper ? large : small;
  }
  (void)ceilMode;
  w.autoPad = "NOTSET";
  return w;
}

} // namespace mlc::onnx_import
