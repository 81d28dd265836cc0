//===- TensorConvert.h - ONNX tensors and types to MLIR --------------------===//

#ifndef MLC_COMPILER_ONNX_TENSORCONVERT_H
#define MLC_COMPILER_ONNX_TENSORCONVERT_H

#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/Error.h"

#include <onnx/onnx_pb.h>

namespace mlc::onnx_import {

/// The MLIR element type of an ONNX TensorProto.DataType, or null if MLC
/// has none (string, complex, ...).
mlir::Type convertElementType(mlir::MLIRContext *context, int32_t dataType);

/// The ONNX name of a data type ("float", "int64", ...), for messages.
llvm::StringRef dataTypeName(int32_t dataType);

/// The tensor type of an ONNX TypeProto (ranked when it has a shape, with
/// `?` for dim_param and missing dimensions).
llvm::Expected<mlir::TensorType> convertTensorType(mlir::MLIRContext *context,
                                                   const onnx::TypeProto &type);

/// The value of a TensorProto as elements. Large tensors become dense
/// resources that take over the bytes of `tensor.raw_data` (which is left
/// empty) or of the external-data file, mapped from `externalDir`; small
/// ones become dense elements.
llvm::Expected<mlir::ElementsAttr> convertTensor(mlir::MLIRContext *context,
                                                 onnx::TensorProto &tensor,
                                                 llvm::StringRef externalDir);

} // namespace mlc::onnx_import

#endif // MLC_COMPILER_ONNX_TENSORCONVERT_H
