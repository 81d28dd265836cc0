//===- TensorConvert.cpp - ONNX tensors and types to MLIR ------------------===//

#include "compiler/onnx/TensorConvert.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <cstring>

using namespace mlir;
using llvm::createStringError;
using llvm::inconvertibleErrorCode;

namespace mlc::onnx_import {

namespace {
/// ONNX TensorProto.DataType values.
enum DataType : int32_t {
  kFloat = 1, kUint8 = 2, kInt8 = 3, kUint16 = 4, kInt16 = 5, kInt32 = 6,
  kInt64 = 7, kString = 8, kBool = 9, kFloat16 = 10, kDouble = 11,
  kUint32 = 12, kUint64 = 13, kComplex64 = 14, kComplex128 = 15,
  kBfloat16 = 16, kF8E4M3FN = 17, kF8E4M3FNUZ = 18, kF8E5M2 = 19,
  kF8E5M2FNUZ = 20, kUint4 = 21, kInt4 = 22, kFloat4E2M1 = 23,
};

/// Tensors with at most this many elements are dense elements (readable by
/// folders); larger ones are resources.
constexpr int64_t kMaxInlineElements = 256;
} // namespace

Type convertElementType(MLIRContext *ctx, int32_t t) {
  Builder b(ctx);
  switch (t) {
  case kFloat: return b.getF32Type();
  case kUint8: return b.getIntegerType(8, false);
  case kInt8: return b.getIntegerType(8);
  case kUint16: return b.getIntegerType(16, false);
  case kInt16: return b.getIntegerType(16);
  case kInt32: return b.getIntegerType(32);
  case kInt64: return b.getIntegerType(64);
  case kBool: return b.getIntegerType(1);
  case kFloat16: return b.getF16Type();
  case kDouble: return b.getF64Type();
  case kUint32: return b.getIntegerType(32, false);
  case kUint64: return b.getIntegerType(64, false);
  case kBfloat16: return b.getBF16Type();
  case kF8E4M3FN: return b.getFloat8E4M3FNType();
  case kF8E4M3FNUZ: return b.getFloat8E4M3FNUZType();
  case kF8E5M2: return b.getFloat8E5M2Type();
  case kF8E5M2FNUZ: return b.getFloat8E5M2FNUZType();
  case kUint4: return b.getIntegerType(4, false);
  case kInt4: return b.getIntegerType(4);
  default: return nullptr;
  }
}

llvm::StringRef dataTypeName(int32_t t) {
  static const char *names[] = {
      "undefined", "float",    "uint8",      "int8",        "uint16",
      "int16",     "int32",    "int64",      "string",      "bool",
      "float16",   "double",   "uint32",     "uint64",      "complex64",
      "complex128", "bfloat16", "float8e4m3fn", "float8e4m3fnuz",
      "float8e5m2", "float8e5m2fnuz", "uint4", "int4", "float4e2m1"};
  if (t >= 0 && t < (int32_t)(sizeof(names) / sizeof(names[0])))
    return names[t];
  return "unknown";
}

llvm::Expected<TensorType> convertTensorType(MLIRContext *ctx,
                                             const onnx::TypeProto &type) {
  if (!type.has_tensor_type())
    return createStringError(inconvertibleErrorCode(),
                             "only tensor values are supported (not "
                             "sequences, maps or optionals)");
  const auto &tt = type.tensor_type();
  Type elt = convertElementType(ctx, tt.elem_type());
  if (!elt)
    return createStringError(
        inconvertibleErrorCode(),
        llvm::formatv("element type {0} ({1}) is not supported",
                      dataTypeName(tt.elem_type()), tt.elem_type())
            .str());
  if (!tt.has_shape())
    return TensorType(UnrankedTensorType::get(elt));
  SmallVector<int64_t> dims;
  for (const auto &d : tt.shape().dim()) {
    if (d.has_dim_value()) {
      if (d.dim_value() < 0)
        return createStringError(
            inconvertibleErrorCode(),
            llvm::formatv("negative dimension {0}", d.dim_value()).str());
      dims.push_back(d.dim_value());
    } else {
      dims.push_back(ShapedType::kDynamic);
    }
  }
  return TensorType(RankedTensorType::get(dims, elt));
}

namespace {
/// Bytes per element in raw_data (sub-byte types are packed two per byte).
int64_t rawBitWidth(Type elt) {
  if (elt.isInteger(1))
    return 8;
  return elt.getIntOrFloatBitWidth();
}

llvm::Error error(const llvm::Twine &msg) {
  return createStringError(inconvertibleErrorCode(), msg.str());
}

/// Elements from little-endian raw bytes. Large tensors keep the bytes in a
/// resource blob that owns them through `keepAlive`.
llvm::Expected<ElementsAttr>
fromRawBytes(RankedTensorType type, llvm::StringRef name, const char *data,
             size_t size, std::function<void()> release) {
  Type elt = type.getElementType();
  int64_t n = type.getNumElements();
  if (elt.isInteger(1)) {
    SmallVector<bool> values(n);
    for (int64_t i = 0; i < n; ++i)
      values[i] = data[i] != 0;
    if (release)
      release();
    return ElementsAttr(DenseElementsAttr::get(type, ArrayRef<bool>(values)));
  }
  if (rawBitWidth(elt) == 4) {
    // Two elements a byte, low nibble first.
    bool isSigned = !elt.isUnsignedInteger();
    SmallVector<APInt> values;
    for (int64_t i = 0; i < n; ++i) {
      uint8_t nibble = (uint8_t(data[i / 2]) >> (4 * (i % 2))) & 0xF;
      values.push_back(APInt(4, nibble, isSigned));
    }
    if (release)
      release();
    return ElementsAttr(DenseElementsAttr::get(type, values));
  }
  if (n <= kMaxInlineElements) {
    bool isSplat = false;
    if (!DenseElementsAttr::isValidRawBuffer(type, ArrayRef<char>(data, size),
                                              isSplat)) {
      if (release)
        release();
      return error("raw data does not fit the tensor's type");
    }
    auto attr = DenseElementsAttr::getFromRawBuffer(type, ArrayRef<char>(data, size));
    if (release)
      release();
    return ElementsAttr(attr);
  }
  size_t align = std::max<size_t>(1, rawBitWidth(elt) / 8);
  if (!llvm::isAddrAligned(llvm::Align(align), data) || !release) {
    // Copy into an aligned, owned buffer.
    AsmResourceBlob blob = HeapAsmResourceBlob::allocateAndCopyWithAlign(
        ArrayRef<char>(data, size), align);
    if (release)
      release();
    return ElementsAttr(
        DenseResourceElementsAttr::get(type, name, std::move(blob)));
  }
  AsmResourceBlob blob(
      ArrayRef<char>(data, size), align,
      [release = std::move(release)](void *, size_t, size_t) { release(); },
      /*dataIsMutable=*/false);
  return ElementsAttr(DenseResourceElementsAttr::get(type, name, std::move(blob)));
}

template <typename T, typename Field>
std::string packField(const Field &field, int64_t n) {
  std::string bytes(n * sizeof(T), '\0');
  T *out = reinterpret_cast<T *>(bytes.data());
  for (int64_t i = 0; i < n; ++i)
    out[i] = static_cast<T>(field.Get(i));
  return bytes;
}
} // namespace

llvm::Expected<ElementsAttr> convertTensor(MLIRContext *ctx,
                                           onnx::TensorProto &tensor,
                                           llvm::StringRef externalDir) {
  Type elt = convertElementType(ctx, tensor.data_type());
  if (!elt)
    return error(llvm::formatv("tensor '{0}' has unsupported element type {1} "
                               "({2})",
                               tensor.name(), dataTypeName(tensor.data_type()),
                               tensor.data_type()));
  if (tensor.segment().begin() != 0 || tensor.has_segment())
    return error("segmented tensors are not supported");
  SmallVector<int64_t> dims;
  int64_t n = 1;
  for (int64_t d : tensor.dims()) {
    if (d < 0)
      return error(llvm::formatv("tensor '{0}' has negative dimension {1}",
                                 tensor.name(), d));
    if (d != 0 && n > (int64_t(1) << 40) / d)
      return error(llvm::formatv("tensor '{0}' is too large", tensor.name()));
    n *= d;
    dims.push_back(d);
  }
  auto type = RankedTensorType::get(dims, elt);
  int64_t bits = rawBitWidth(elt);
  size_t expectedBytes = (size_t)((n * bits + 7) / 8);
  std::string name = tensor.name().empty() ? "tensor" : tensor.name();

  if (tensor.data_location() == onnx::TensorProto::EXTERNAL) {
    std::string location;
    int64_t offset = 0, length = -1;
    for (const auto &kv : tensor.external_data()) {
      if (kv.key() == "location")
        location = kv.value();
      else if (kv.key() == "offset" || kv.key() == "length") {
        char *end = nullptr;
        long long v = std::strtoll(kv.value().c_str(), &end, 10);
        if (kv.value().empty() || *end != '\0' || v < 0)
          return error(llvm::formatv("tensor '{0}': bad external-data {1} "
                                     "'{2}'",
                                     name, kv.key(), kv.value()));
        (kv.key() == "offset" ? offset : length) = v;
      }
    }
    if (location.empty())
      return error(llvm::formatv("tensor '{0}': external data has no location",
                                 name));
    if (llvm::sys::path::is_absolute(location) ||
        llvm::StringRef(location).contains(".."))
      return error(llvm::formatv("tensor '{0}': external-data location '{1}' "
                                 "must be relative to the model and stay "
                                 "beside it",
                                 name, location));
    llvm::SmallString<256> path(externalDir);
    llvm::sys::path::append(path, location);
    uint64_t fileSize = 0;
    if (llvm::sys::fs::file_size(path, fileSize))
      return error(llvm::formatv("tensor '{0}': cannot open external-data file "
                                 "'{1}'",
                                 name, path));
    if (length < 0)
      length = (int64_t)fileSize - offset;
    if (offset > (int64_t)fileSize || length < 0 ||
        (uint64_t)(offset + length) > fileSize)
      return error(llvm::formatv("tensor '{0}': external data [{1}, +{2}) lies "
                                 "outside '{3}' ({4} bytes)",
                                 name, offset, length, path, fileSize));
    if ((size_t)length != expectedBytes)
      return error(llvm::formatv("tensor '{0}': external data has {1} bytes, "
                                 "the tensor needs {2}",
                                 name, length, expectedBytes));
    auto buffer = llvm::MemoryBuffer::getFileSlice(path, length, offset);
    if (!buffer)
      return error(llvm::formatv("tensor '{0}': cannot read '{1}': {2}", name,
                                 path, buffer.getError().message()));
    auto *owned = buffer->release();
    return fromRawBytes(type, name, owned->getBufferStart(),
                        owned->getBufferSize(), [owned] { delete owned; });
  }

  if (tensor.has_raw_data()) {
    if (tensor.raw_data().size() != expectedBytes)
      return error(llvm::formatv("tensor '{0}': raw data has {1} bytes, the "
                                 "tensor needs {2}",
                                 name, tensor.raw_data().size(),
                                 expectedBytes));
    auto *owned = new std::string(std::move(*tensor.mutable_raw_data()));
    tensor.clear_raw_data();
    return fromRawBytes(type, name, owned->data(), owned->size(),
                        [owned] { delete owned; });
  }

  // Typed fields.
  auto countMismatch = [&](int64_t have) {
    return error(llvm::formatv("tensor '{0}' has {1} values, its shape needs "
                               "{2}",
                               name, have, n));
  };
  std::string bytes;
  switch (tensor.data_type()) {
  case kFloat:
    if (tensor.float_data_size() != n)
      return countMismatch(tensor.float_data_size());
    bytes = packField<float>(tensor.float_data(), n);
    break;
  case kDouble:
    if (tensor.double_data_size() != n)
      return countMismatch(tensor.double_data_size());
    bytes = packField<double>(tensor.double_data(), n);
    break;
  case kInt64:
    if (tensor.int64_data_size() != n)
      return countMismatch(tensor.int64_data_size());
    bytes = packField<int64_t>(tensor.int64_data(), n);
    break;
  case kUint32:
  case kUint64:
    if (tensor.uint64_data_size() != n)
      return countMismatch(tensor.uint64_data_size());
    bytes = tensor.data_type() == kUint32
                ? packField<uint32_t>(tensor.uint64_data(), n)
                : packField<uint64_t>(tensor.uint64_data(), n);
    break;
  case kInt32:
    if (tensor.int32_data_size() != n)
      return countMismatch(tensor.int32_data_size());
    bytes = packField<int32_t>(tensor.int32_data(), n);
    break;
  case kInt16:
  case kUint16:
  case kFloat16:
  case kBfloat16:
    if (tensor.int32_data_size() != n)
      return countMismatch(tensor.int32_data_size());
    bytes = packField<uint16_t>(tensor.int32_data(), n);
    break;
  case kInt8:
  case kUint8:
  case kBool:
  case kF8E4M3FN:
  case kF8E4M3FNUZ:
  case kF8E5M2:
  case kF8E5M2FNUZ:
    if (tensor.int32_data_size() != n)
      return countMismatch(tensor.int32_data_size());
    bytes = packField<uint8_t>(tensor.int32_data(), n);
    break;
  case kInt4:
  case kUint4: {
    if (tensor.int32_data_size() != (n + 1) / 2)
      return countMismatch(tensor.int32_data_size() * 2);
    bytes = packField<uint8_t>(tensor.int32_data(), (n + 1) / 2);
    break;
  }
  default:
    return error(llvm::formatv("tensor '{0}' has unsupported element type {1}",
                               name, dataTypeName(tensor.data_type())));
  }
  auto *owned = new std::string(std::move(bytes));
  return fromRawBytes(type, name, owned->data(), owned->size(),
                      [owned] { delete owned; });
}

} // namespace mlc::onnx_import
