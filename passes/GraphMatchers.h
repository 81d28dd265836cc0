//===- GraphMatchers.h - small matchers the graph fusion passes share -----===//

#ifndef MLC_PASSES_GRAPHMATCHERS_H
#define MLC_PASSES_GRAPHMATCHERS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"

#include <optional>

namespace mlc {

/// The value of `v` when it is a constant with one f32 element (any rank).
inline std::optional<float> scalarF32Constant(mlir::Value v) {
  mlir::DenseElementsAttr attr;
  if (!mlir::matchPattern(v, mlir::m_Constant(&attr)) ||
      attr.getNumElements() != 1 || !attr.getElementType().isF32())
    return std::nullopt;
  return *attr.getValues<float>().begin();
}

} // namespace mlc

#endif // MLC_PASSES_GRAPHMATCHERS_H
