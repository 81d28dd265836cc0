//===- Dtype.cpp - element type sizes and names ---------------------------===//

#include "Enums.h"
#include "mlc/runtime.h"

using namespace mlc::rt;

size_t mlc::rt::dtypeSize(int32_t dtype) {
  switch (dtype) {
  case MLC_DTYPE_UINT8:
  case MLC_DTYPE_INT8:
  case MLC_DTYPE_BOOL:
    return 1;
  case MLC_DTYPE_UINT16:
  case MLC_DTYPE_INT16:
  case MLC_DTYPE_FLOAT16:
  case MLC_DTYPE_BFLOAT16:
    return 2;
  case MLC_DTYPE_FLOAT32:
  case MLC_DTYPE_INT32:
  case MLC_DTYPE_UINT32:
    return 4;
  case MLC_DTYPE_INT64:
  case MLC_DTYPE_FLOAT64:
  case MLC_DTYPE_UINT64:
    return 8;
  default:
    break;
  }
  return 0;
}

const char *mlc::rt::dtypeName(int32_t dtype) {
  switch (dtype) {
  case MLC_DTYPE_FLOAT32:
    return "float32";
  case MLC_DTYPE_UINT8:
    return "uint8";
  case MLC_DTYPE_INT8:
    return "int8";
  case MLC_DTYPE_UINT16:
    return "uint16";
  case MLC_DTYPE_INT16:
    return "int16";
  case MLC_DTYPE_INT32:
    return "int32";
  case MLC_DTYPE_INT64:
    return "int64";
  case MLC_DTYPE_BOOL:
    return "bool";
  case MLC_DTYPE_FLOAT16:
    return "float16";
  case MLC_DTYPE_FLOAT64:
    return "float64";
  case MLC_DTYPE_UINT32:
    return "uint32";
  case MLC_DTYPE_UINT64:
    return "uint64";
  case MLC_DTYPE_BFLOAT16:
    return "bfloat16";
  default:
    break;
  }
  return "unknown";
}

size_t mlc_dtype_size(mlc_dtype dtype) { return dtypeSize(enumValue(dtype)); }

const char *mlc_dtype_name(mlc_dtype dtype) {
  return dtypeName(enumValue(dtype));
}
