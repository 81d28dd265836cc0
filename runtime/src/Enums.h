//===- Enums.h - reading C enum arguments safely ----------------*- C++ -*-===//
//
// A C caller may pass any int as an mlc_dtype or mlc_status. In C++, using
// an enum object whose value lies outside the enumerators' range is
// undefined, so the runtime reads such arguments as integers, once, at the
// API boundary, and works on int32_t until the value is validated.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_RUNTIME_SRC_ENUMS_H
#define MLC_RUNTIME_SRC_ENUMS_H

#include <cstdint>
#include <cstring>

namespace mlc::rt {

/// The integer value of an enum argument, read from its bytes.
template <typename Enum> int32_t enumValue(const Enum &value) {
  static_assert(sizeof(Enum) == sizeof(int32_t), "C enums are int-sized");
  int32_t raw;
  std::memcpy(&raw, &value, sizeof(raw));
  return raw;
}

/// Bytes per element of an ONNX dtype number; 0 when unsupported.
size_t dtypeSize(int32_t dtype);

/// "float32", ...; "unknown" when unsupported.
const char *dtypeName(int32_t dtype);

} // namespace mlc::rt

#endif // MLC_RUNTIME_SRC_ENUMS_H
