//===- mlc/runtime.hpp - C++17 RAII wrappers over mlc/runtime.h -*- C++ -*-===//
//
// Header-only. Errors are returned, not thrown: every fallible call returns
// an mlc::Status ([[nodiscard]]) carrying the code and the message, so the
// wrappers work in code built with -fno-exceptions (as MLC's own tools
// are). Objects that own a handle are move-only and release it on
// destruction. Thread-safety is that of the C API: Model is shareable,
// Session and Tensor are not.
//
//   mlc::Model model;
//   if (mlc::Status s = mlc::Model::open(mlc_resnet_model(), model); !s.ok())
//     return fail(s.message());
//   mlc::Session session;
//   mlc::Status s = mlc::Session::create(model, /*threads=*/0, session);
//   std::vector<mlc::Tensor> outputs; // filled with runtime-owned tensors
//   s = session.run({&input}, outputs);
//
//===----------------------------------------------------------------------===//

#ifndef MLC_RUNTIME_HPP
#define MLC_RUNTIME_HPP

#include "mlc/runtime.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mlc {

/// The result of a fallible call: a code and, when not OK, the message.
class [[nodiscard]] Status {
public:
  Status() = default;
  Status(mlc_status code, std::string message)
      : code_(code), message_(std::move(message)) {}
  /// Captures the thread's message for code.
  static Status fromCode(mlc_status code) {
    Status status;
    status.code_ = code;
    if (code != MLC_OK)
      status.message_ = mlc_status_message();
    return status;
  }
  bool ok() const { return code_ == MLC_OK; }
  mlc_status code() const { return code_; }
  const std::string &message() const { return message_; }

private:
  mlc_status code_ = MLC_OK;
  std::string message_;
};

/// A tensor handle; owns the mlc_tensor (not necessarily its buffer: see
/// wrap).
class Tensor {
public:
  Tensor() = default;
  /// Takes ownership of tensor.
  explicit Tensor(mlc_tensor *tensor) : handle(tensor) {}
  Tensor(Tensor &&other) noexcept : handle(other.release()) {}
  Tensor &operator=(Tensor &&other) noexcept {
    reset(other.release());
    return *this;
  }
  Tensor(const Tensor &) = delete;
  Tensor &operator=(const Tensor &) = delete;
  ~Tensor() { reset(); }

  /// A tensor owning a zero-filled, 64-byte aligned buffer.
  static Status create(mlc_dtype dtype, const std::vector<int64_t> &shape,
                       Tensor &out) {
    mlc_tensor *tensor = nullptr;
    mlc_status code = mlc_tensor_create(
        dtype, static_cast<int32_t>(shape.size()), shape.data(), &tensor);
    out.reset(tensor);
    return Status::fromCode(code);
  }

  /// A tensor borrowing data, which must outlive it.
  static Status wrap(mlc_dtype dtype, const std::vector<int64_t> &shape,
                     void *data, Tensor &out) {
    mlc_tensor *tensor = nullptr;
    mlc_status code = mlc_tensor_wrap(dtype, static_cast<int32_t>(shape.size()),
                                      shape.data(), data, &tensor);
    out.reset(tensor);
    return Status::fromCode(code);
  }

  explicit operator bool() const { return handle != nullptr; }
  mlc_tensor *get() const { return handle; }
  /// Gives up ownership of the handle.
  mlc_tensor *release() { return std::exchange(handle, nullptr); }
  void reset(mlc_tensor *tensor = nullptr) {
    mlc_tensor_destroy(std::exchange(handle, tensor));
  }

  mlc_dtype dtype() const { return mlc_tensor_dtype(handle); }
  std::vector<int64_t> shape() const {
    const int64_t *dims = mlc_tensor_shape(handle);
    return std::vector<int64_t>(dims, dims + mlc_tensor_rank(handle));
  }
  int64_t numElements() const { return mlc_tensor_num_elements(handle); }
  size_t byteSize() const { return mlc_tensor_byte_size(handle); }
  template <typename T = void> T *data() const {
    return static_cast<T *>(mlc_tensor_data(handle));
  }

private:
  mlc_tensor *handle = nullptr;
};

/// A model input or output.
struct ValueInfo {
  std::string name;
  mlc_dtype dtype = MLC_DTYPE_UNDEFINED;
  std::vector<int64_t> shape;
};

/// An open model; shareable across threads.
class Model {
public:
  Model() = default;
  Model(Model &&other) noexcept
      : handle(std::exchange(other.handle, nullptr)) {}
  Model &operator=(Model &&other) noexcept {
    mlc_model_close(
        std::exchange(handle, std::exchange(other.handle, nullptr)));
    return *this;
  }
  Model(const Model &) = delete;
  Model &operator=(const Model &) = delete;
  ~Model() { mlc_model_close(handle); }

  static Status open(const struct mlc_model_desc *desc, Model &out) {
    mlc_model *model = nullptr;
    mlc_status code = mlc_model_open(desc, &model);
    mlc_model_close(std::exchange(out.handle, model));
    return Status::fromCode(code);
  }

  explicit operator bool() const { return handle != nullptr; }
  mlc_model *get() const { return handle; }

  size_t numInputs() const {
    size_t count = 0;
    (void)mlc_model_num_inputs(handle, &count);
    return count;
  }
  size_t numOutputs() const {
    size_t count = 0;
    (void)mlc_model_num_outputs(handle, &count);
    return count;
  }
  Status input(size_t index, ValueInfo &out) const {
    return info(index, out, mlc_model_input_name, mlc_model_input_dtype,
                mlc_model_input_rank, mlc_model_input_shape);
  }
  Status output(size_t index, ValueInfo &out) const {
    return info(index, out, mlc_model_output_name, mlc_model_output_dtype,
                mlc_model_output_rank, mlc_model_output_shape);
  }
  Status inputIndex(const char *name, size_t &out) const {
    return Status::fromCode(mlc_model_input_index(handle, name, &out));
  }
  Status outputIndex(const char *name, size_t &out) const {
    return Status::fromCode(mlc_model_output_index(handle, name, &out));
  }

private:
  template <typename Name, typename Dtype, typename Rank, typename Shape>
  Status info(size_t index, ValueInfo &out, Name name, Dtype dtype, Rank rank,
              Shape shape) const {
    const char *n = nullptr;
    int32_t r = 0;
    const int64_t *dims = nullptr;
    mlc_status code = name(handle, index, &n);
    if (code == MLC_OK)
      code = dtype(handle, index, &out.dtype);
    if (code == MLC_OK)
      code = rank(handle, index, &r);
    if (code == MLC_OK)
      code = shape(handle, index, &dims);
    if (code == MLC_OK) {
      out.name = n;
      out.shape.assign(dims, dims + r);
    }
    return Status::fromCode(code);
  }

  mlc_model *handle = nullptr;
};

/// A session; one run at a time.
class Session {
public:
  Session() = default;
  Session(Session &&other) noexcept
      : handle(std::exchange(other.handle, nullptr)),
        numOutputs(other.numOutputs) {}
  Session &operator=(Session &&other) noexcept {
    mlc_session_destroy(
        std::exchange(handle, std::exchange(other.handle, nullptr)));
    numOutputs = other.numOutputs;
    return *this;
  }
  Session(const Session &) = delete;
  Session &operator=(const Session &) = delete;
  ~Session() { mlc_session_destroy(handle); }

  /// threads: 0 = one per core.
  static Status create(const Model &model, int32_t threads, Session &out) {
    mlc_session_options options;
    mlc_session_options_init(&options);
    options.threads = threads;
    mlc_session *session = nullptr;
    mlc_status code = mlc_session_create(model.get(), &options, &session);
    mlc_session_destroy(std::exchange(out.handle, session));
    out.numOutputs = model.numOutputs();
    return Status::fromCode(code);
  }

  explicit operator bool() const { return handle != nullptr; }
  mlc_session *get() const { return handle; }

  /// Runs on inputs in model order. outputs is resized to the model's output
  /// count; its empty tensors receive runtime-owned results, the others are
  /// written into.
  Status run(const std::vector<const Tensor *> &inputs,
             std::vector<Tensor> &outputs) {
    std::vector<mlc_tensor *> in = handles(inputs);
    outputs.resize(numOutputs);
    std::vector<mlc_tensor *> out(outputs.size());
    for (size_t i = 0; i < outputs.size(); ++i)
      out[i] = outputs[i].get();
    mlc_status code =
        mlc_session_run(handle, in.data(), in.size(), out.data(), out.size());
    adoptCreated(out, outputs);
    return Status::fromCode(code);
  }

  /// Runs with inputs and outputs matched by name. outputs is resized to
  /// outputNames' size; as in run(), empty tensors receive results.
  Status runNamed(const std::vector<const char *> &inputNames,
                  const std::vector<const Tensor *> &inputs,
                  const std::vector<const char *> &outputNames,
                  std::vector<Tensor> &outputs) {
    if (inputNames.size() != inputs.size())
      return Status(MLC_INVALID_ARGUMENT,
                    "runNamed: " + std::to_string(inputNames.size()) +
                        " input names for " + std::to_string(inputs.size()) +
                        " inputs");
    std::vector<mlc_tensor *> in = handles(inputs);
    outputs.resize(outputNames.size());
    std::vector<mlc_tensor *> out(outputs.size());
    for (size_t i = 0; i < outputs.size(); ++i)
      out[i] = outputs[i].get();
    mlc_status code =
        mlc_session_run_named(handle, inputNames.data(), in.data(), in.size(),
                              outputNames.data(), out.data(), out.size());
    adoptCreated(out, outputs);
    return Status::fromCode(code);
  }

private:
  static std::vector<mlc_tensor *>
  handles(const std::vector<const Tensor *> &tensors) {
    std::vector<mlc_tensor *> result(tensors.size());
    for (size_t i = 0; i < tensors.size(); ++i)
      result[i] = tensors[i] ? tensors[i]->get() : nullptr;
    return result;
  }
  /// Takes ownership of the tensors the runtime stored in empty slots.
  static void adoptCreated(const std::vector<mlc_tensor *> &out,
                           std::vector<Tensor> &outputs) {
    for (size_t i = 0; i < outputs.size(); ++i)
      if (!outputs[i] && out[i])
        outputs[i] = Tensor(out[i]);
  }

  mlc_session *handle = nullptr;
  size_t numOutputs = 0;
};

} // namespace mlc

#endif // MLC_RUNTIME_HPP
