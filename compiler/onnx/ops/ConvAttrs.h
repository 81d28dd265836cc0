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
  /// ConvTranspose only (`transposed`): output_padding, and output_shape
  /// when it could not be resolved into pads.
  bool transposed = false;
  llvm::SmallVector<int64_t> outputPadding;
  std::optional<llvm::SmallVector<int64_t>> outputShape;

  /// The attributes as named attributes of the graph op (output_padding and
  /// output_shape only for transposed windows).
  llvm::SmallVector<mlir::NamedAttribute> toNamed(NodeImporter &n) const;
};

/// Reads the window attributes of node `n` whose input `input` is the data
/// (N, C, spatial...). `kernelShape` is used when the node has no
/// kernel_shape attribute (Conv takes it from the weight); its entries may
/// be unknown (kDynamic). SAME auto_pad gives the same output size with and
/// without the pools' `ceilMode`, so it is resolved alike. Fails with an
/// error on inconsistent attributes.
mlir::FailureOr<WindowAttrs>
readWindowAttrs(NodeImporter &n, mlir::Value input,
                std::optional<llvm::ArrayRef<int64_t>> kernelShape,
                bool ceilMode = false);

/// The same for ConvTranspose: also reads output_padding and output_shape,
/// and resolves output_shape and SAME auto_pad (output = input * stride)
/// into explicit pads per the ConvTranspose spec where the spatial
/// dimensions are static (SAME clamps a negative total padding to zero; an
/// output_shape beyond the full output becomes extra output_padding).
mlir::FailureOr<WindowAttrs>
readTransposedWindowAttrs(NodeImporter &n, mlir::Value input,
                          std::optional<llvm::ArrayRef<int64_t>> kernelShape);

} // namespace mlc::onnx_import

#endif // MLC_COMPILER_ONNX_OPS_CONVATTRS_H
