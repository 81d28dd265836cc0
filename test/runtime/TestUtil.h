//===- TestUtil.h - helpers shared by the runtime tests ---------*- C++ -*-===//

#ifndef MLC_TEST_RUNTIME_TESTUTIL_H
#define MLC_TEST_RUNTIME_TESTUTIL_H

#include "CatchCompat.h"
#include "mlc/model_abi.h"
#include "mlc/runtime.h"
#include "models/Models.h"

#include <memory>
#include <string>
#include <vector>

namespace mlc::test {

struct ModelCloser {
  void operator()(mlc_model *model) const { mlc_model_close(model); }
};
struct SessionDestroyer {
  void operator()(mlc_session *session) const { mlc_session_destroy(session); }
};
struct TensorDestroyer {
  void operator()(mlc_tensor *tensor) const { mlc_tensor_destroy(tensor); }
};
using ModelPtr = std::unique_ptr<mlc_model, ModelCloser>;
using SessionPtr = std::unique_ptr<mlc_session, SessionDestroyer>;
using TensorPtr = std::unique_ptr<mlc_tensor, TensorDestroyer>;

/// Opens desc; fails the test if that fails.
inline ModelPtr openModel(const mlc_model_desc *desc) {
  mlc_model *model = nullptr;
  REQUIRE(mlc_model_open(desc, &model) == MLC_OK);
  return ModelPtr(model);
}

/// A session with the given thread count; fails the test if that fails.
inline SessionPtr makeSession(const mlc_model *model, int32_t threads = 0) {
  mlc_session_options options;
  mlc_session_options_init(&options);
  options.threads = threads;
  mlc_session *session = nullptr;
  REQUIRE(mlc_session_create(model, &options, &session) == MLC_OK);
  return SessionPtr(session);
}

/// A runtime-owned tensor of the given type.
inline TensorPtr makeTensor(mlc_dtype dtype,
                            const std::vector<int64_t> &shape) {
  mlc_tensor *tensor = nullptr;
  REQUIRE(mlc_tensor_create(dtype, static_cast<int32_t>(shape.size()),
                            shape.data(), &tensor) == MLC_OK);
  return TensorPtr(tensor);
}

/// A tensor borrowing data.
template <typename T>
TensorPtr wrap(mlc_dtype dtype, const std::vector<int64_t> &shape,
               std::vector<T> &data) {
  mlc_tensor *tensor = nullptr;
  REQUIRE(mlc_tensor_wrap(dtype, static_cast<int32_t>(shape.size()),
                          shape.data(), data.data(), &tensor) == MLC_OK);
  return TensorPtr(tensor);
}

/// The elements of a tensor, copied out.
template <typename T> std::vector<T> elements(const mlc_tensor *tensor) {
  const T *data = static_cast<const T *>(mlc_tensor_data(tensor));
  return std::vector<T>(data, data + mlc_tensor_num_elements(tensor));
}

/// The thread's last status message.
inline std::string lastMessage() { return mlc_status_message(); }

/// Deterministic pseudo-random floats in [-1, 1).
inline std::vector<float> randomFloats(size_t count, uint32_t seed) {
  std::vector<float> values(count);
  for (float &value : values) {
    seed = seed * 1664525u + 1013904223u;
    value = static_cast<float>(seed >> 8) / static_cast<float>(1 << 23) - 1.0f;
  }
  return values;
}

} // namespace mlc::test

#endif // MLC_TEST_RUNTIME_TESTUTIL_H
