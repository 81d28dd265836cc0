//===- ConvAttrs.h - normalized window attributes of Conv-like ops ---------===//
//
// Conv, ConvTranspose, the pools and the QLinear/Integer convolutions share
// kernel_shape / strides / dilations / pads / auto_pad; this reads them with
// ONNX's defaults and resolves auto_pad into explicit pads when the spatial
// dimensions are static.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_COMPILER_ONNX_OPS_CONVATTRS_H
#define MLC_COMPILER_ONNX_OPS_CONVATTRS_H

#include "compiler/onnx/NodeImporter.h"

namespace mlc::onnx_import {

struct WindowAttrs {
  llvm::SmallVector<int64_t> kernelShape, strides, dilations, pads;
  std::string autoPad = "NOTSET";

  /// The attributes as named attributes of the graph op.
  llvm::SmallVector<mlir::NamedAttribute> toNamed(NodeImporter &n) const;
};

/// Reads the window attributes of node `n` whose input `input` is the data
/// (N, C, spatial...). `kernelShape` is used when the node has no
/// kernel_shape attribute (Conv takes it from the weight). `ceilMode`
/// applies to pools. Fails with an error on inconsistent attributes.
mlir::FailureOr<WindowAttrs>
readWindowAttrs(NodeImporter &n, mlir::Value input,
                std::optional<llvm::ArrayRef<int64_t>> kernelShape,
                bool ceilMode = false);

} // namespace mlc::onnx_import

#endif // MLC_COMPILER_ONNX_OPS_CONVATTRS_H
