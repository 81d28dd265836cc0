//===- ModelTest.cpp - opening descriptors and querying models ------------===//

#include "TestUtil.h"

#include <cstring>

using namespace mlc::test;

TEST_CASE("open, query and close a model", "[model]") {
  ModelPtr model = openModel(mlc_add_model());
  const char *tag = nullptr;
  REQUIRE(mlc_model_tag(model.get(), &tag) == MLC_OK);
  CHECK(std::string(tag) == "add");

  size_t numInputs = 0, numOutputs = 0;
  REQUIRE(mlc_model_num_inputs(model.get(), &numInputs) == MLC_OK);
  REQUIRE(mlc_model_num_outputs(model.get(), &numOutputs) == MLC_OK);
  CHECK(numInputs == 2);
  CHECK(numOutputs == 1);

  const char *name = nullptr;
  mlc_dtype dtype = MLC_DTYPE_UNDEFINED;
  int32_t rank = -1;
  const int64_t *shape = nullptr;
  REQUIRE(mlc_model_input_name(model.get(), 1, &name) == MLC_OK);
  CHECK(std::string(name) == "b");
  REQUIRE(mlc_model_input_dtype(model.get(), 1, &dtype) == MLC_OK);
  CHECK(dtype == MLC_DTYPE_FLOAT32);
  REQUIRE(mlc_model_input_rank(model.get(), 1, &rank) == MLC_OK);
  CHECK(rank == 2);
  REQUIRE(mlc_model_input_shape(model.get(), 1, &shape) == MLC_OK);
  CHECK(shape[0] == 2);
  CHECK(shape[1] == 3);
  REQUIRE(mlc_model_output_name(model.get(), 0, &name) == MLC_OK);
  CHECK(std::string(name) == "sum");

  size_t index = 99;
  REQUIRE(mlc_model_input_index(model.get(), "b", &index) == MLC_OK);
  CHECK(index == 1);
  REQUIRE(mlc_model_output_index(model.get(), "sum", &index) == MLC_OK);
  CHECK(index == 0);
}

TEST_CASE("int64 and scalar outputs are described", "[model]") {
  ModelPtr model = openModel(mlc_stats_model());
  mlc_dtype dtype = MLC_DTYPE_UNDEFINED;
  int32_t rank = -1;
  const int64_t *shape = reinterpret_cast<const int64_t *>(0x1);
  REQUIRE(mlc_model_output_dtype(model.get(), 1, &dtype) == MLC_OK);
  CHECK(dtype == MLC_DTYPE_INT64);
  REQUIRE(mlc_model_output_rank(model.get(), 1, &rank) == MLC_OK);
  CHECK(rank == 0);
  REQUIRE(mlc_model_output_shape(model.get(), 1, &shape) == MLC_OK);
  CHECK(shape == nullptr);
}

TEST_CASE("query errors", "[model][errors]") {
  ModelPtr model = openModel(mlc_add_model());
  const char *name = nullptr;
  size_t count = 0, index = 0;

  CHECK(mlc_model_num_inputs(nullptr, &count) == MLC_INVALID_ARGUMENT);
  CHECK(mlc_model_num_outputs(model.get(), nullptr) == MLC_INVALID_ARGUMENT);
  CHECK(mlc_model_tag(nullptr, &name) == MLC_INVALID_ARGUMENT);
  CHECK(mlc_model_input_name(nullptr, 0, &name) == MLC_INVALID_ARGUMENT);
  CHECK(mlc_model_input_name(model.get(), 0, nullptr) == MLC_INVALID_ARGUMENT);
  CHECK(mlc_model_output_name(model.get(), 1, &name) == MLC_INVALID_ARGUMENT);
  CHECK(lastMessage() == "mlc_model_output_name: index 1 out of range (1)");
  CHECK(mlc_model_input_index(model.get(), nullptr, &index) ==
        MLC_INVALID_ARGUMENT);
  CHECK(mlc_model_input_index(model.get(), "c", &index) == MLC_NOT_FOUND);
  CHECK(lastMessage() == "model 'add' has no input named 'c'");
  CHECK(mlc_model_output_index(model.get(), "a", &index) == MLC_NOT_FOUND);
}

TEST_CASE("open rejects bad descriptors", "[model][errors]") {
  mlc_model *model = reinterpret_cast<mlc_model *>(0x1);
  mlc_model_desc desc = *mlc_add_model();

  SECTION("NULL") {
    CHECK(mlc_model_open(nullptr, &model) == MLC_INVALID_ARGUMENT);
    CHECK(model == nullptr);
    CHECK(mlc_model_open(&desc, nullptr) == MLC_INVALID_ARGUMENT);
  }
  SECTION("another ABI version") {
    desc.abi_version = MLC_ABI_VERSION + 1;
    CHECK(mlc_model_open(&desc, &model) == MLC_ABI_MISMATCH);
    CHECK(model == nullptr);
    CHECK(lastMessage().find("ABI version 2") != std::string::npos);
  }
  SECTION("no entry point or tag") {
    desc.entry = nullptr;
    CHECK(mlc_model_open(&desc, &model) == MLC_INVALID_ARGUMENT);
    desc = *mlc_add_model();
    desc.tag = nullptr;
    CHECK(mlc_model_open(&desc, &model) == MLC_INVALID_ARGUMENT);
  }
  SECTION("malformed values") {
    mlc_value_desc inputs[2] = {desc.inputs[0], desc.inputs[1]};
    desc.inputs = inputs;
    inputs[1].dtype = 8; // ONNX STRING
    CHECK(mlc_model_open(&desc, &model) == MLC_INVALID_ARGUMENT);
    CHECK(lastMessage() == "model 'add': input 'b' has unsupported dtype 8");
    inputs[1] = desc.inputs[0];
    CHECK(mlc_model_open(&desc, &model) == MLC_INVALID_ARGUMENT);
    CHECK(lastMessage() == "model 'add': two inputs named 'a'");
    const int64_t negative[2] = {2, -1};
    inputs[1] = {"b", 1, 2, negative};
    CHECK(mlc_model_open(&desc, &model) == MLC_INVALID_ARGUMENT);
    inputs[1] = {nullptr, 1, 2, negative};
    CHECK(mlc_model_open(&desc, &model) == MLC_INVALID_ARGUMENT);
    desc.inputs = nullptr;
    CHECK(mlc_model_open(&desc, &model) == MLC_INVALID_ARGUMENT);
  }
}

TEST_CASE("a model outlives close while sessions use it", "[model]") {
  mlc_model *model = nullptr;
  REQUIRE(mlc_model_open(mlc_add_model(), &model) == MLC_OK);
  SessionPtr session = makeSession(model, 1);
  mlc_model_close(model);

  std::vector<float> a = {1, 2, 3, 4, 5, 6}, b = {6, 5, 4, 3, 2, 1};
  TensorPtr ta = wrap(MLC_DTYPE_FLOAT32, {2, 3}, a);
  TensorPtr tb = wrap(MLC_DTYPE_FLOAT32, {2, 3}, b);
  mlc_tensor *inputs[2] = {ta.get(), tb.get()};
  mlc_tensor *outputs[1] = {nullptr};
  REQUIRE(mlc_session_run(session.get(), inputs, 2, outputs, 1) == MLC_OK);
  TensorPtr sum(outputs[0]);
  CHECK(elements<float>(sum.get()) == std::vector<float>(6, 7.0f));
}
