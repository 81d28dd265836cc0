//===- TensorFiles.cpp - ONNX TensorProto files as raw tensors -------------===//

#include "runtime/io/TensorFiles.h"

#include <onnx/onnx_pb.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace mlc::io {

size_t dtypeSize(int32_t d) {
  switch (d) {
  case 1: case 6: case 12: return 4;
  case 2: case 3: case 9: return 1;
  case 4: case 5: case 10: case 16: return 2;
  case 7: case 11: case 13: return 8;
  default: return 0;
  }
}

int64_t HostTensor::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

template <typename T, typename Field>
static void pack(const Field &field, std::string &out) {
  out.resize(field.size() * sizeof(T));
  for (int i = 0; i < field.size(); ++i) {
    T v = static_cast<T>(field.Get(i));
    std::memcpy(&out[i * sizeof(T)], &v, sizeof(T));
  }
}

bool readTensorFile(const std::string &path, HostTensor &t,
                    std::string &error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read " + path;
    return false;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  onnx::TensorProto proto;
  if (!proto.ParseFromString(buffer.str())) {
    error = path + " is not a TensorProto";
    return false;
  }
  t.dtype = proto.data_type();
  size_t size = dtypeSize(t.dtype);
  if (!size) {
    error = path + ": unsupported data type " + std::to_string(t.dtype);
    return false;
  }
  t.shape.assign(proto.dims().begin(), proto.dims().end());
  int64_t n = 1;
  for (int64_t d : t.shape) {
    if (d < 0 || (d != 0 && n > (int64_t(1) << 40) / d)) {
      error = path + ": bad dimensions";
      return false;
    }
    n *= d;
  }
  if (proto.data_location() == onnx::TensorProto::EXTERNAL) {
    error = path + ": external data is not supported here";
    return false;
  }
  if (proto.has_raw_data()) {
    t.bytes = proto.raw_data();
  } else {
    switch (t.dtype) {
    case 1: pack<float>(proto.float_data(), t.bytes); break;
    case 11: pack<double>(proto.double_data(), t.bytes); break;
    case 7: pack<int64_t>(proto.int64_data(), t.bytes); break;
    case 12: pack<uint32_t>(proto.uint64_data(), t.bytes); break;
    case 13: pack<uint64_t>(proto.uint64_data(), t.bytes); break;
    case 6: pack<int32_t>(proto.int32_data(), t.bytes); break;
    case 4: case 5: case 10: case 16:
      pack<uint16_t>(proto.int32_data(), t.bytes);
      break;
    default: pack<uint8_t>(proto.int32_data(), t.bytes); break;
    }
  }
  if (t.bytes.size() != (size_t)n * size) {
    error = path + ": has " + std::to_string(t.bytes.size()) +
            " bytes of data, its shape needs " + std::to_string(n * size);
    return false;
  }
  return true;
}

bool writeTensorFile(const std::string &path, const std::string &name,
                     const HostTensor &t, std::string &error) {
  onnx::TensorProto proto;
  proto.set_name(name);
  proto.set_data_type(t.dtype);
  for (int64_t d : t.shape)
    proto.add_dims(d);
  proto.set_raw_data(t.bytes);
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    if (!out || !proto.SerializeToOstream(&out)) {
      error = "cannot write " + tmp;
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    error = "cannot rename " + tmp + " to " + path;
    return false;
  }
  return true;
}

static double halfToDouble(uint16_t h) {
  int sign = h >> 15, exp = (h >> 10) & 0x1F, mant = h & 0x3FF;
  double v;
  if (exp == 0)
    v = std::ldexp(mant, -24);
  else if (exp == 31)
    v = mant ? NAN : INFINITY;
  else
    v = std::ldexp(mant + 1024, exp - 25);
  return sign ? -v : v;
}

static double bf16ToDouble(uint16_t h) {
  uint32_t bits = uint32_t(h) << 16;
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

/// Element i of `t` as a double.
double elementAsDouble(const HostTensor &t, int64_t i) {
  const char *p = t.bytes.data() + i * dtypeSize(t.dtype);
  auto get = [&](auto v) {
    std::memcpy(&v, p, sizeof(v));
    return (double)v;
  };
  switch (t.dtype) {
  case 1: return get(float());
  case 2: case 9: return get(uint8_t());
  case 3: return get(int8_t());
  case 4: return get(uint16_t());
  case 5: return get(int16_t());
  case 6: return get(int32_t());
  case 7: return get(int64_t());
  case 11: return get(double());
  case 12: return get(uint32_t());
  case 13: return get(uint64_t());
  case 10: { uint16_t h; std::memcpy(&h, p, 2); return halfToDouble(h); }
  case 16: { uint16_t h; std::memcpy(&h, p, 2); return bf16ToDouble(h); }
  default: return NAN;
  }
}

static std::string shapeText(const std::vector<int64_t> &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "]";
}

Comparison compareTensors(const HostTensor &actual, const HostTensor &expected,
                          double rtol, double atol) {
  Comparison c;
  if (actual.dtype != expected.dtype) {
    c.message = "dtype " + std::to_string(actual.dtype) + ", expected " +
                std::to_string(expected.dtype);
    return c;
  }
  if (actual.shape != expected.shape) {
    c.message = "shape " + shapeText(actual.shape) + ", expected " +
                shapeText(expected.shape);
    return c;
  }
  bool isFloat = actual.dtype == 1 || actual.dtype == 10 ||
                 actual.dtype == 11 || actual.dtype == 16;
  int64_t n = expected.numElements();
  for (int64_t i = 0; i < n; ++i) {
    double a = elementAsDouble(actual, i), e = elementAsDouble(expected, i);
    if ((std::isnan(a) && std::isnan(e)) || a == e)
      continue;
    double err = std::fabs(a - e);
    if (!std::isnan(err)) {
      c.maxAbsError = std::max(c.maxAbsError, err);
      if (e != 0)
        c.maxRelError = std::max(c.maxRelError, err / std::fabs(e));
    }
    bool ok = isFloat && err <= atol + rtol * std::fabs(e);
    if (!ok && c.mismatches++ == 0) {
      char text[160];
      std::snprintf(text, sizeof(text), "element %lld is %.9g, expected %.9g",
                    (long long)i, a, e);
      c.message = text;
    }
  }
  c.matches = c.mismatches == 0;
  return c;
}

} // namespace mlc::io
