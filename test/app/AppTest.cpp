//===- AppTest.cpp - two compiled models in one C++17 program -------------===//
//
// The C++ side of the app test: the same two generated models (mlp and
// convnet, see make_models.py), linked as model.so files, run through the
// RAII wrappers of <mlc/runtime.hpp> and checked against ONNX Runtime's
// outputs; thread counts 1 and 2 must give identical results, and bad calls
// the documented status codes.
//
//===----------------------------------------------------------------------===//

#include "CatchCompat.h"
#include "convnet.h"
#include "mlp.h"

#include <mlc/runtime.hpp>

#include <dirent.h>
#include <dlfcn.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#ifndef MLC_APP_MODELS_DIR
#error "MLC_APP_MODELS_DIR: the directory make_models.py wrote"
#endif

namespace {

/// Exactly count little-endian float32 values from DIR/tag/name.
std::vector<float> readFloats(const std::string &tag, const std::string &name,
                              size_t count) {
  std::string path = std::string(MLC_APP_MODELS_DIR) + "/" + tag + "/" + name;
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  INFO(path);
  REQUIRE(file);
  REQUIRE(static_cast<size_t>(file.tellg()) == count * sizeof(float));
  std::vector<float> data(count);
  file.seekg(0);
  file.read(reinterpret_cast<char *>(data.data()), count * sizeof(float));
  REQUIRE(file);
  return data;
}

size_t product(const std::vector<int64_t> &shape) {
  size_t n = 1;
  for (int64_t d : shape)
    n *= static_cast<size_t>(d);
  return n;
}

/// Elements outside numpy.allclose's |got - want| <= atol + rtol * |want|;
/// describes the first in `first`.
size_t countMismatches(const mlc::Tensor &got, const std::vector<float> &want,
                       double rtol, double atol, std::string &first) {
  REQUIRE(got);
  REQUIRE(static_cast<size_t>(got.numElements()) == want.size());
  const float *data = got.data<float>();
  size_t bad = 0;
  for (size_t i = 0; i < want.size(); ++i) {
    double diff = std::fabs(double(data[i]) - double(want[i]));
    if (diff <= atol + rtol * std::fabs(double(want[i])))
      continue;
    if (bad++ == 0) {
      std::ostringstream os;
      os << "[" << i << "]: got " << data[i] << ", want " << want[i];
      first = os.str();
    }
  }
  return bad;
}

/// Checks got against ONNX Runtime's output: rtol 1e-4, atol 1e-5.
void checkClose(const mlc::Tensor &got, const std::vector<float> &want) {
  std::string first;
  size_t bad = countMismatches(got, want, /*rtol=*/1e-4, /*atol=*/1e-5, first);
  INFO("first mismatch " << first);
  CHECK(bad == 0);
}

bool identical(const mlc::Tensor &a, const mlc::Tensor &b) {
  return a && b && a.byteSize() == b.byteSize() &&
         std::memcmp(a.data(), b.data(), a.byteSize()) == 0;
}

/// One model of the app with its inputs and ONNX Runtime's outputs.
struct AppModel {
  std::string tag;
  mlc::Model model;
  std::vector<mlc::ValueInfo> inputs, outputs;
  std::vector<std::vector<float>> inputData, expected;
  std::vector<mlc::Tensor> inputTensors; // borrow inputData

  std::vector<const mlc::Tensor *> inputPointers() const {
    std::vector<const mlc::Tensor *> result;
    for (const mlc::Tensor &t : inputTensors)
      result.push_back(&t);
    return result;
  }

  mlc::Session session(int32_t threads) const {
    mlc::Session session;
    mlc::Status s = mlc::Session::create(model, threads, session);
    INFO(s.message());
    REQUIRE(s.ok());
    return session;
  }

  /// Runs with runtime-owned outputs; fails the test on error.
  std::vector<mlc::Tensor> run(mlc::Session &session) const {
    std::vector<mlc::Tensor> out;
    mlc::Status s = session.run(inputPointers(), out);
    INFO(s.message());
    REQUIRE(s.ok());
    REQUIRE(out.size() == outputs.size());
    return out;
  }
};

AppModel load(const std::string &tag, const mlc_model_desc *desc) {
  AppModel m;
  m.tag = tag;
  mlc::Status s = mlc::Model::open(desc, m.model);
  INFO(s.message());
  REQUIRE(s.ok());
  m.inputs.resize(m.model.numInputs());
  m.outputs.resize(m.model.numOutputs());
  for (size_t i = 0; i < m.inputs.size(); ++i) {
    REQUIRE(m.model.input(i, m.inputs[i]).ok());
    REQUIRE(m.inputs[i].dtype == MLC_DTYPE_FLOAT32);
    m.inputData.push_back(readFloats(tag, "input_" + std::to_string(i) + ".bin",
                                     product(m.inputs[i].shape)));
  }
  for (size_t i = 0; i < m.inputs.size(); ++i) {
    mlc::Tensor t;
    REQUIRE(mlc::Tensor::wrap(MLC_DTYPE_FLOAT32, m.inputs[i].shape,
                              m.inputData[i].data(), t)
                .ok());
    m.inputTensors.push_back(std::move(t));
  }
  for (size_t i = 0; i < m.outputs.size(); ++i) {
    REQUIRE(m.model.output(i, m.outputs[i]).ok());
    REQUIRE(m.outputs[i].dtype == MLC_DTYPE_FLOAT32);
    m.expected.push_back(readFloats(tag,
                                    "output_" + std::to_string(i) + ".bin",
                                    product(m.outputs[i].shape)));
  }
  return m;
}

AppModel loadMlp() { return load("mlp", mlc_mlp_model()); }
AppModel loadConvnet() { return load("convnet", mlc_convnet_model()); }

AppModel loadByIndex(int index) {
  return index == 0 ? loadMlp() : loadConvnet();
}

/// The file the dynamic linker took addr from.
std::string libraryOf(const void *addr) {
  Dl_info info;
  REQUIRE(dladdr(addr, &info) != 0);
  REQUIRE(info.dli_fname);
  return info.dli_fname;
}

bool endsWith(const std::string &s, const std::string &suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

int countThreads() {
  DIR *dir = opendir("/proc/self/task");
  REQUIRE(dir);
  int count = 0;
  while (dirent *entry = readdir(dir))
    count += entry->d_name[0] != '.';
  closedir(dir);
  return count;
}

} // namespace

TEST_CASE("the app links two model.so files and binds one runtime", "[app]") {
  // Each descriptor comes from its own library.
  std::string mlpLib = libraryOf(reinterpret_cast<void *>(&mlc_mlp_model));
  std::string convLib = libraryOf(reinterpret_cast<void *>(&mlc_convnet_model));
  CHECK(endsWith(mlpLib, "/mlp.so"));
  CHECK(endsWith(convLib, "/convnet.so"));

  // Both export the API; every caller is bound to the first one's copy.
  void *mlpHandle = dlopen(mlpLib.c_str(), RTLD_NOW | RTLD_NOLOAD);
  void *convHandle = dlopen(convLib.c_str(), RTLD_NOW | RTLD_NOLOAD);
  REQUIRE(mlpHandle);
  REQUIRE(convHandle);
  for (const char *symbol : {"mlc_model_open", "mlc_session_run",
                             "mlc_status_message", "mlc_rt_parallel_for"}) {
    INFO(symbol);
    void *mlpCopy = dlsym(mlpHandle, symbol);
    void *convCopy = dlsym(convHandle, symbol);
    REQUIRE(mlpCopy);
    REQUIRE(convCopy);
    CHECK(mlpCopy != convCopy);
    CHECK(dlsym(RTLD_DEFAULT, symbol) == mlpCopy); // mlp is linked first
  }
  CHECK(reinterpret_cast<void *>(&mlc_session_run) ==
        dlsym(mlpHandle, "mlc_session_run"));
  dlclose(mlpHandle);
  dlclose(convHandle);

  // The convnet kernels reach the pool the mlp run started: no second pool.
  AppModel mlp = loadMlp(), convnet = loadConvnet();
  mlc::Session mlpSession = mlp.session(2), convSession = convnet.session(2);
  std::vector<mlc::Tensor> out = mlp.run(mlpSession);
  int threads = countThreads();
  out = convnet.run(convSession);
  checkClose(out[0], convnet.expected[0]);
  CHECK(countThreads() == threads);
}

TEST_CASE("the models describe themselves as model.h says", "[app]") {
  AppModel mlp = loadMlp(), convnet = loadConvnet();
  const char *tag = nullptr;
  REQUIRE(mlc_model_tag(mlp.model.get(), &tag) == MLC_OK);
  CHECK(std::string(tag) == "mlp");
  REQUIRE(mlc_model_tag(convnet.model.get(), &tag) == MLC_OK);
  CHECK(std::string(tag) == "convnet");

  CHECK(mlp.inputs.size() == MLC_MLP_NUM_INPUTS);
  CHECK(mlp.outputs.size() == MLC_MLP_NUM_OUTPUTS);
  CHECK(mlp.inputs[0].name == "x");
  CHECK(mlp.inputs[0].shape == std::vector<int64_t>{64, 128});
  CHECK(mlp.inputs[1].name == "skip");
  CHECK(mlp.inputs[1].shape == std::vector<int64_t>{64, 256});
  CHECK(mlp.outputs[0].name == "hidden");
  CHECK(mlp.outputs[1].name == "out");
  CHECK(mlp.outputs[1].shape == std::vector<int64_t>{64, 256});

  CHECK(convnet.inputs.size() == MLC_CONVNET_NUM_INPUTS);
  CHECK(convnet.outputs.size() == MLC_CONVNET_NUM_OUTPUTS);
  CHECK(convnet.inputs[0].name == "image");
  CHECK(convnet.inputs[0].shape == std::vector<int64_t>{1, 8, 32, 32});
  CHECK(convnet.outputs[0].name == "pooled");
  CHECK(convnet.outputs[0].shape == std::vector<int64_t>{1, 16, 1, 1});

  size_t index = 9;
  CHECK(mlp.model.inputIndex("skip", index).ok());
  CHECK(index == 1);
  CHECK(convnet.model.outputIndex("pooled", index).ok());
  CHECK(index == 0);
}

TEST_CASE("each model matches ONNX Runtime", "[app]") {
  int which = GENERATE(0, 1);
  AppModel m = loadByIndex(which);
  INFO("model " << m.tag);
  mlc::Session session = m.session(0);

  SECTION("runtime-owned outputs") {
    std::vector<mlc::Tensor> out = m.run(session);
    for (size_t i = 0; i < out.size(); ++i) {
      CHECK(out[i].shape() == m.outputs[i].shape);
      CHECK(mlc_tensor_owns_data(out[i].get()) == 1);
      checkClose(out[i], m.expected[i]);
    }
  }

  SECTION("caller-provided outputs") {
    std::vector<std::vector<float>> buffers;
    std::vector<mlc::Tensor> out(m.outputs.size());
    for (size_t i = 0; i < out.size(); ++i) {
      buffers.emplace_back(product(m.outputs[i].shape), std::nanf(""));
      REQUIRE(mlc::Tensor::wrap(MLC_DTYPE_FLOAT32, m.outputs[i].shape,
                                buffers[i].data(), out[i])
                  .ok());
    }
    mlc::Status s = session.run(m.inputPointers(), out);
    INFO(s.message());
    REQUIRE(s.ok());
    for (size_t i = 0; i < out.size(); ++i) {
      CHECK(out[i].data<float>() == buffers[i].data());
      checkClose(out[i], m.expected[i]);
    }
  }

  SECTION("by name, inputs reversed, last output only") {
    std::vector<const char *> names;
    std::vector<const mlc::Tensor *> inputs;
    for (size_t i = m.inputs.size(); i-- > 0;) {
      names.push_back(m.inputs[i].name.c_str());
      inputs.push_back(&m.inputTensors[i]);
    }
    std::vector<mlc::Tensor> out;
    mlc::Status s = session.runNamed(
        names, inputs, {m.outputs.back().name.c_str()}, out);
    INFO(s.message());
    REQUIRE(s.ok());
    REQUIRE(out.size() == 1);
    checkClose(out[0], m.expected.back());
  }
}

TEST_CASE("threads 1 and 2 give identical outputs", "[app]") {
  int which = GENERATE(0, 1);
  AppModel m = loadByIndex(which);
  INFO("model " << m.tag);
  mlc::Session one = m.session(1), two = m.session(2);
  int32_t threads = 0;
  REQUIRE(mlc_session_threads(one.get(), &threads) == MLC_OK);
  CHECK(threads == 1);
  REQUIRE(mlc_session_threads(two.get(), &threads) == MLC_OK);
  CHECK(threads == 2);
  std::vector<mlc::Tensor> a = m.run(one), b = m.run(two);
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(identical(a[i], b[i])); // bitwise
    checkClose(b[i], m.expected[i]);
  }
}

TEST_CASE("both models run concurrently, one session per thread", "[app]") {
  AppModel models[2] = {loadMlp(), loadConvnet()};
  std::vector<mlc::Tensor> reference[2];
  for (int k = 0; k < 2; ++k) {
    mlc::Session session = models[k].session(2);
    reference[k] = models[k].run(session);
  }
  // Catch2's macros are not thread-safe: the workers only count.
  int mismatches[2] = {0, 0}, errors[2] = {0, 0};
  auto worker = [&](int k) {
    mlc::Session session;
    if (!mlc::Session::create(models[k].model, 2, session).ok()) {
      ++errors[k];
      return;
    }
    for (int run = 0; run < 20; ++run) {
      std::vector<mlc::Tensor> out;
      if (!session.run(models[k].inputPointers(), out).ok()) {
        ++errors[k];
        continue;
      }
      for (size_t i = 0; i < out.size(); ++i)
        mismatches[k] += !identical(out[i], reference[k][i]);
    }
  };
  std::thread t0(worker, 0), t1(worker, 1);
  t0.join();
  t1.join();
  CHECK(errors[0] == 0);
  CHECK(errors[1] == 0);
  CHECK(mismatches[0] == 0);
  CHECK(mismatches[1] == 0);
}

TEST_CASE("bad calls give the documented status codes", "[app]") {
  int which = GENERATE(0, 1);
  AppModel m = loadByIndex(which);
  INFO("model " << m.tag);
  mlc::Session session = m.session(2);
  std::vector<const mlc::Tensor *> inputs = m.inputPointers();
  std::vector<mlc::Tensor> out;
  auto expectError = [&](const mlc::Status &s, mlc_status code) {
    INFO(mlc_status_name(s.code()) << ": " << s.message());
    CHECK(s.code() == code);
    CHECK(!s.message().empty());
    for (const mlc::Tensor &t : out)
      CHECK(!t); // nothing created is left behind
  };

  SECTION("wrong dtype") {
    mlc::Tensor bad;
    REQUIRE(mlc::Tensor::wrap(MLC_DTYPE_INT32, m.inputs[0].shape,
                              m.inputData[0].data(), bad)
                .ok());
    inputs[0] = &bad;
    expectError(session.run(inputs, out), MLC_DTYPE_MISMATCH);
  }
  SECTION("wrong shape") {
    std::vector<int64_t> shape = m.inputs[0].shape;
    shape.back() -= 1;
    mlc::Tensor bad;
    REQUIRE(mlc::Tensor::wrap(MLC_DTYPE_FLOAT32, shape, m.inputData[0].data(),
                              bad)
                .ok());
    inputs[0] = &bad;
    expectError(session.run(inputs, out), MLC_SHAPE_MISMATCH);
  }
  SECTION("the other model's input") {
    AppModel other = loadByIndex(1 - which);
    mlc::Status s = session.run(other.inputPointers(), out);
    // mlp has two inputs, convnet one.
    expectError(s, MLC_COUNT_MISMATCH);
  }
  SECTION("wrong counts") {
    std::vector<const mlc::Tensor *> fewer(inputs.begin(), inputs.end() - 1);
    expectError(session.run(fewer, out), MLC_COUNT_MISMATCH);
    inputs.push_back(inputs[0]);
    expectError(session.run(inputs, out), MLC_COUNT_MISMATCH);
  }
  SECTION("unknown names") {
    std::vector<const char *> names;
    for (const mlc::ValueInfo &v : m.inputs)
      names.push_back(v.name.c_str());
    expectError(session.runNamed(names, inputs, {"no_such_output"}, out),
                MLC_NOT_FOUND);
    names[0] = "no_such_input";
    expectError(session.runNamed(names, inputs, {}, out), MLC_NOT_FOUND);
    size_t index = 0;
    expectError(m.model.inputIndex("no_such_input", index), MLC_NOT_FOUND);
  }
  SECTION("NULL handles and mismatched arguments") {
    mlc::Session none;
    expectError(none.run(inputs, out), MLC_INVALID_ARGUMENT);
    std::vector<const mlc::Tensor *> withNull = inputs;
    withNull[0] = nullptr;
    expectError(session.run(withNull, out), MLC_INVALID_ARGUMENT);
    mlc::Model model;
    expectError(mlc::Model::open(nullptr, model), MLC_INVALID_ARGUMENT);
    CHECK(!model);
    expectError(session.runNamed({}, inputs, {}, out), MLC_INVALID_ARGUMENT);
  }

  // The session is unharmed.
  std::vector<mlc::Tensor> good = m.run(session);
  checkClose(good.back(), m.expected.back());
}
