//===- CppApiTest.cpp - the RAII wrappers of mlc/runtime.hpp --------------===//

#include "CatchCompat.h"
#include "mlc/runtime.hpp"
#include "models/Models.h"

TEST_CASE("C++ wrappers: open, describe, run", "[cpp]") {
  mlc::Model model;
  mlc::Status status = mlc::Model::open(mlc_add_model(), model);
  REQUIRE(status.ok());
  CHECK(model.numInputs() == 2);
  mlc::ValueInfo info;
  REQUIRE(model.input(0, info).ok());
  CHECK(info.name == "a");
  CHECK(info.dtype == MLC_DTYPE_FLOAT32);
  CHECK(info.shape == std::vector<int64_t>{2, 3});
  size_t index = 0;
  REQUIRE(model.outputIndex("sum", index).ok());

  mlc::Session session;
  REQUIRE(mlc::Session::create(model, 2, session).ok());
  mlc::Tensor a, b;
  REQUIRE(mlc::Tensor::create(MLC_DTYPE_FLOAT32, {2, 3}, a).ok());
  std::vector<float> bData = {1, 1, 1, 2, 2, 2};
  REQUIRE(mlc::Tensor::wrap(MLC_DTYPE_FLOAT32, {2, 3}, bData.data(), b).ok());
  for (int i = 0; i < 6; ++i)
    a.data<float>()[i] = static_cast<float>(i);

  std::vector<mlc::Tensor> outputs;
  REQUIRE(session.run({&a, &b}, outputs).ok());
  REQUIRE(outputs.size() == 1);
  CHECK(outputs[0].shape() == std::vector<int64_t>{2, 3});
  CHECK(outputs[0].data<float>()[5] == 7.0f);

  // Run again into the same (now caller-held) tensor.
  mlc_tensor *before = outputs[0].get();
  REQUIRE(session.runNamed({"b", "a"}, {&b, &a}, {"sum"}, outputs).ok());
  CHECK(outputs[0].get() == before);
}

TEST_CASE("C++ wrappers: errors are returned with their message", "[cpp]") {
  mlc::Model model;
  REQUIRE(mlc::Model::open(mlc_add_model(), model).ok());
  mlc::Session session;
  REQUIRE(mlc::Session::create(model, 1, session).ok());
  mlc::Tensor a;
  REQUIRE(mlc::Tensor::create(MLC_DTYPE_FLOAT32, {3, 2}, a).ok());
  std::vector<mlc::Tensor> outputs;
  mlc::Status status = session.run({&a, &a}, outputs);
  CHECK(status.code() == MLC_SHAPE_MISMATCH);
  CHECK(status.message() ==
        "input 'a': expected float32 [2,3], got float32 [3,2]");
  CHECK(!outputs[0]);

  mlc_model_desc desc = *mlc_add_model();
  desc.abi_version = 0;
  mlc::Model old;
  CHECK(mlc::Model::open(&desc, old).code() == MLC_ABI_MISMATCH);
  CHECK(!old);
  CHECK(session.runNamed({"a"}, {&a, &a}, {}, outputs).code() ==
        MLC_INVALID_ARGUMENT);
}

TEST_CASE("C++ wrappers: moves transfer ownership", "[cpp]") {
  mlc::Tensor a;
  REQUIRE(mlc::Tensor::create(MLC_DTYPE_INT8, {4}, a).ok());
  mlc_tensor *handle = a.get();
  mlc::Tensor b = std::move(a);
  CHECK(!a);
  CHECK(b.get() == handle);
  mlc::Model model;
  REQUIRE(mlc::Model::open(mlc_add_model(), model).ok());
  mlc::Model other = std::move(model);
  CHECK(other.numOutputs() == 1);
}
