//===- TensorFiles.h - ONNX TensorProto files as raw tensors ---------------===//
//
// Host-side tensor I/O for the tools and tests that drive a model.so
// (mlc-run, the conformance suites): reading and writing ONNX TensorProto
// files, and comparing outputs by ONNX's rule. Not linked into model.so.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_RUNTIME_IO_TENSORFILES_H
#define MLC_RUNTIME_IO_TENSORFILES_H

#include <cstdint>
#include <string>
#include <vector>

namespace mlc::io {

/// A dense row-major tensor: dtype in ONNX numbering (= mlc_dtype), bools
/// one byte each.
struct HostTensor {
  int32_t dtype = 0;
  std::vector<int64_t> shape;
  std::string bytes;
  int64_t numElements() const;
};

/// Reads a serialized TensorProto (raw_data or typed fields). Fails with a
/// message in `error` for a malformed or unsupported file.
bool readTensorFile(const std::string &path, HostTensor &tensor,
                    std::string &error);

/// Writes `tensor` as a TensorProto (raw_data) named `name`, through a
/// temporary file and a rename.
bool writeTensorFile(const std::string &path, const std::string &name,
                     const HostTensor &tensor, std::string &error);

/// Bytes per element of an mlc_dtype; 0 if unsupported.
size_t dtypeSize(int32_t dtype);

/// Element `i` of `t` as a double (NaN for an unsupported dtype).
double elementAsDouble(const HostTensor &t, int64_t i);

/// How an output compares with its expected value.
struct Comparison {
  bool matches = false;
  double maxAbsError = 0, maxRelError = 0;
  int64_t mismatches = 0;
  /// Why it does not match (dtype, shape, or the first bad element).
  std::string message;
};

/// ONNX's rule: the same dtype and shape, then for every element
/// |actual - expected| <= atol + rtol * |expected| (floats; NaN equals NaN,
/// equal infinities match), integers and bools exactly.
Comparison compareTensors(const HostTensor &actual, const HostTensor &expected,
                          double rtol, double atol);

} // namespace mlc::io

#endif // MLC_RUNTIME_IO_TENSORFILES_H
