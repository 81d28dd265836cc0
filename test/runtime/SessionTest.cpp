//===- SessionTest.cpp - sessions: create, run, run_named, errors ---------===//

#include "TestUtil.h"

#include <cstdint>

using namespace mlc::test;

namespace {

const std::vector<int64_t> kShape = {2, 3};

/// Inputs for the add model and the sum they should give.
struct AddInputs {
  std::vector<float> a = {1, 2, 3, 4, 5, 6};
  std::vector<float> b = {0.5f, -1, 10, 0, 2, -6};
  std::vector<float> sum = {1.5f, 1, 13, 4, 7, 0};
  TensorPtr ta = wrap(MLC_DTYPE_FLOAT32, kShape, a);
  TensorPtr tb = wrap(MLC_DTYPE_FLOAT32, kShape, b);
};

int32_t failingEntry(void *const *, void *const *, void *, mlc_exec_ctx *) {
  return 7;
}

} // namespace

TEST_CASE("run writes into caller tensors", "[session]") {
  ModelPtr model = openModel(mlc_add_model());
  SessionPtr session = makeSession(model.get());
  AddInputs in;
  std::vector<float> result(6, -1.0f);
  TensorPtr out = wrap(MLC_DTYPE_FLOAT32, kShape, result);
  mlc_tensor *inputs[2] = {in.ta.get(), in.tb.get()};
  mlc_tensor *outputs[1] = {out.get()};
  REQUIRE(mlc_session_run(session.get(), inputs, 2, outputs, 1) == MLC_OK);
  CHECK(outputs[0] == out.get());
  CHECK(result == in.sum);
  CHECK(lastMessage().empty());
}

TEST_CASE("run creates the outputs left NULL", "[session]") {
  ModelPtr model = openModel(mlc_add_model());
  SessionPtr session = makeSession(model.get());
  AddInputs in;
  mlc_tensor *inputs[2] = {in.ta.get(), in.tb.get()};
  mlc_tensor *outputs[1] = {nullptr};
  REQUIRE(mlc_session_run(session.get(), inputs, 2, outputs, 1) == MLC_OK);
  TensorPtr sum(outputs[0]);
  REQUIRE(sum);
  CHECK(mlc_tensor_owns_data(sum.get()) == 1);
  CHECK(mlc_tensor_dtype(sum.get()) == MLC_DTYPE_FLOAT32);
  CHECK(mlc_tensor_rank(sum.get()) == 2);
  CHECK(reinterpret_cast<uintptr_t>(mlc_tensor_data(sum.get())) % 64 == 0);
  CHECK(elements<float>(sum.get()) == in.sum);

  // The created tensor can be passed back as a caller tensor.
  REQUIRE(mlc_session_run(session.get(), inputs, 2, outputs, 1) == MLC_OK);
  CHECK(outputs[0] == sum.get());
}

TEST_CASE("int64 outputs, scalar output", "[session]") {
  ModelPtr model = openModel(mlc_stats_model());
  SessionPtr session = makeSession(model.get(), 2);
  std::vector<float> x(MLC_STATS_ROWS * MLC_STATS_COLS, -1.0f);
  for (int64_t row = 0; row < MLC_STATS_ROWS; ++row)
    x[row * MLC_STATS_COLS + row % MLC_STATS_COLS] = 2.0f;
  TensorPtr tx = wrap(MLC_DTYPE_FLOAT32, {MLC_STATS_ROWS, MLC_STATS_COLS}, x);
  mlc_tensor *inputs[1] = {tx.get()};
  mlc_tensor *outputs[2] = {nullptr, nullptr};
  REQUIRE(mlc_session_run(session.get(), inputs, 1, outputs, 2) == MLC_OK);
  TensorPtr argmax(outputs[0]), positives(outputs[1]);
  CHECK(mlc_tensor_dtype(argmax.get()) == MLC_DTYPE_INT64);
  CHECK(mlc_tensor_rank(positives.get()) == 0);
  std::vector<int64_t> got = elements<int64_t>(argmax.get());
  for (int64_t row = 0; row < MLC_STATS_ROWS; ++row)
    CHECK(got[row] == row % MLC_STATS_COLS);
  CHECK(elements<int64_t>(positives.get()) ==
        std::vector<int64_t>{MLC_STATS_ROWS});
}

TEST_CASE("run_named matches by name, in any order", "[session]") {
  ModelPtr model = openModel(mlc_add_model());
  SessionPtr session = makeSession(model.get());
  AddInputs in;
  const char *names[2] = {"b", "a"};
  mlc_tensor *inputs[2] = {in.tb.get(), in.ta.get()};
  const char *outNames[1] = {"sum"};
  mlc_tensor *outputs[1] = {nullptr};
  REQUIRE(mlc_session_run_named(session.get(), names, inputs, 2, outNames,
                                outputs, 1) == MLC_OK);
  TensorPtr sum(outputs[0]);
  CHECK(elements<float>(sum.get()) == in.sum);
}

TEST_CASE("run_named may ask for a subset of the outputs", "[session]") {
  ModelPtr model = openModel(mlc_stats_model());
  SessionPtr session = makeSession(model.get());
  std::vector<float> x(MLC_STATS_ROWS * MLC_STATS_COLS, 1.0f);
  TensorPtr tx = wrap(MLC_DTYPE_FLOAT32, {MLC_STATS_ROWS, MLC_STATS_COLS}, x);
  const char *names[1] = {"x"};
  mlc_tensor *inputs[1] = {tx.get()};
  const char *outNames[1] = {"positives"};
  int64_t positives = -1;
  std::vector<int64_t> storage(1);
  TensorPtr out = wrap(MLC_DTYPE_INT64, {}, storage);
  mlc_tensor *outputs[1] = {out.get()};
  REQUIRE(mlc_session_run_named(session.get(), names, inputs, 1, outNames,
                                outputs, 1) == MLC_OK);
  positives = storage[0];
  CHECK(positives == MLC_STATS_ROWS * MLC_STATS_COLS);
  // No outputs at all is a valid (if useless) request.
  REQUIRE(mlc_session_run_named(session.get(), names, inputs, 1, nullptr,
                                nullptr, 0) == MLC_OK);
}

TEST_CASE("session options and thread counts", "[session]") {
  ModelPtr model = openModel(mlc_add_model());
  int32_t threads = 0;
  mlc_session *session = nullptr;
  REQUIRE(mlc_session_create(model.get(), nullptr, &session) == MLC_OK);
  REQUIRE(mlc_session_threads(session, &threads) == MLC_OK);
  CHECK(threads >= 1); // one per core
  mlc_session_destroy(session);

  SessionPtr three = makeSession(model.get(), 3);
  REQUIRE(mlc_session_threads(three.get(), &threads) == MLC_OK);
  CHECK(threads == 3);

  mlc_session_options options;
  mlc_session_options_init(&options);
  CHECK(options.threads == 0);
  options.threads = -2;
  CHECK(mlc_session_create(model.get(), &options, &session) ==
        MLC_INVALID_ARGUMENT);
  CHECK(session == nullptr);
}

TEST_CASE("run errors", "[session][errors]") {
  ModelPtr model = openModel(mlc_add_model());
  SessionPtr session = makeSession(model.get());
  AddInputs in;
  mlc_tensor *inputs[2] = {in.ta.get(), in.tb.get()};
  mlc_tensor *outputs[1] = {nullptr};

  SECTION("NULL handles and arrays") {
    CHECK(mlc_session_run(nullptr, inputs, 2, outputs, 1) ==
          MLC_INVALID_ARGUMENT);
    CHECK(mlc_session_run(session.get(), nullptr, 2, outputs, 1) ==
          MLC_INVALID_ARGUMENT);
    CHECK(mlc_session_run(session.get(), inputs, 2, nullptr, 1) ==
          MLC_INVALID_ARGUMENT);
    mlc_tensor *withNull[2] = {in.ta.get(), nullptr};
    CHECK(mlc_session_run(session.get(), withNull, 2, outputs, 1) ==
          MLC_INVALID_ARGUMENT);
    CHECK(lastMessage() == "input 'b' is NULL");
    mlc_session *none = nullptr;
    CHECK(mlc_session_create(nullptr, nullptr, &none) == MLC_INVALID_ARGUMENT);
    CHECK(mlc_session_create(model.get(), nullptr, nullptr) ==
          MLC_INVALID_ARGUMENT);
    int32_t threads;
    CHECK(mlc_session_threads(nullptr, &threads) == MLC_INVALID_ARGUMENT);
  }
  SECTION("wrong input or output count") {
    CHECK(mlc_session_run(session.get(), inputs, 1, outputs, 1) ==
          MLC_COUNT_MISMATCH);
    CHECK(lastMessage() ==
          "model 'add' has 2 inputs and 1 outputs, got 1 and 1");
    CHECK(mlc_session_run(session.get(), inputs, 2, outputs, 0) ==
          MLC_COUNT_MISMATCH);
  }
  SECTION("wrong dtype") {
    std::vector<int64_t> ints(6);
    TensorPtr wrong = wrap(MLC_DTYPE_INT64, kShape, ints);
    inputs[0] = wrong.get();
    CHECK(mlc_session_run(session.get(), inputs, 2, outputs, 1) ==
          MLC_DTYPE_MISMATCH);
    CHECK(lastMessage() ==
          "input 'a': expected float32 [2,3], got int64 [2,3]");
  }
  SECTION("wrong shape") {
    std::vector<float> floats(8);
    TensorPtr wrong = wrap(MLC_DTYPE_FLOAT32, {2, 4}, floats);
    inputs[1] = wrong.get();
    CHECK(mlc_session_run(session.get(), inputs, 2, outputs, 1) ==
          MLC_SHAPE_MISMATCH);
    CHECK(lastMessage() ==
          "input 'b': expected float32 [2,3], got float32 [2,4]");
    TensorPtr flat = wrap(MLC_DTYPE_FLOAT32, {6}, floats);
    inputs[1] = flat.get();
    CHECK(mlc_session_run(session.get(), inputs, 2, outputs, 1) ==
          MLC_SHAPE_MISMATCH);
  }
  SECTION("wrong caller output") {
    std::vector<float> floats(6);
    TensorPtr wrong = wrap(MLC_DTYPE_FLOAT32, {3, 2}, floats);
    outputs[0] = wrong.get();
    CHECK(mlc_session_run(session.get(), inputs, 2, outputs, 1) ==
          MLC_SHAPE_MISMATCH);
    CHECK(lastMessage() ==
          "output 'sum': expected float32 [2,3], got float32 [3,2]");
    std::vector<double> doubles(6);
    TensorPtr wrongType = wrap(MLC_DTYPE_FLOAT64, kShape, doubles);
    outputs[0] = wrongType.get();
    CHECK(mlc_session_run(session.get(), inputs, 2, outputs, 1) ==
          MLC_DTYPE_MISMATCH);
  }
  SECTION("an output overlapping an input") {
    outputs[0] = in.ta.get();
    CHECK(mlc_session_run(session.get(), inputs, 2, outputs, 1) ==
          MLC_INVALID_ARGUMENT);
    CHECK(lastMessage().find("overlaps input 'a'") != std::string::npos);
    CHECK(in.a[0] == 1); // nothing ran
  }
}

TEST_CASE("run_named errors", "[session][errors]") {
  ModelPtr model = openModel(mlc_add_model());
  SessionPtr session = makeSession(model.get());
  AddInputs in;
  const char *names[2] = {"a", "b"};
  mlc_tensor *inputs[2] = {in.ta.get(), in.tb.get()};
  const char *outNames[2] = {"sum", "sum"};
  mlc_tensor *outputs[2] = {nullptr, nullptr};

  CHECK(mlc_session_run_named(nullptr, names, inputs, 2, outNames, outputs,
                              1) == MLC_INVALID_ARGUMENT);
  CHECK(mlc_session_run_named(session.get(), nullptr, inputs, 2, outNames,
                              outputs, 1) == MLC_INVALID_ARGUMENT);
  CHECK(mlc_session_run_named(session.get(), names, inputs, 1, outNames,
                              outputs, 1) == MLC_COUNT_MISMATCH);
  CHECK(mlc_session_run_named(session.get(), names, inputs, 2, outNames,
                              outputs, 2) == MLC_COUNT_MISMATCH);

  names[1] = "c";
  CHECK(mlc_session_run_named(session.get(), names, inputs, 2, outNames,
                              outputs, 1) == MLC_NOT_FOUND);
  CHECK(lastMessage() == "model 'add' has no input named 'c'");
  names[1] = "a";
  CHECK(mlc_session_run_named(session.get(), names, inputs, 2, outNames,
                              outputs, 1) == MLC_INVALID_ARGUMENT);
  CHECK(lastMessage() == "input 'a' is given twice");
  names[1] = nullptr;
  CHECK(mlc_session_run_named(session.get(), names, inputs, 2, outNames,
                              outputs, 1) == MLC_INVALID_ARGUMENT);
  names[1] = "b";
  outNames[0] = "total";
  CHECK(mlc_session_run_named(session.get(), names, inputs, 2, outNames,
                              outputs, 1) == MLC_NOT_FOUND);
  CHECK(lastMessage() == "model 'add' has no output named 'total'");
  CHECK(outputs[0] == nullptr);
}

TEST_CASE("a failing entry gives MLC_INTERNAL and frees created outputs",
          "[session][errors]") {
  mlc_model_desc desc = *mlc_add_model();
  desc.tag = "broken";
  desc.entry = failingEntry;
  ModelPtr model = openModel(&desc);
  SessionPtr session = makeSession(model.get());
  AddInputs in;
  mlc_tensor *inputs[2] = {in.ta.get(), in.tb.get()};
  mlc_tensor *outputs[1] = {nullptr};
  CHECK(mlc_session_run(session.get(), inputs, 2, outputs, 1) == MLC_INTERNAL);
  CHECK(lastMessage() == "model 'broken': entry point failed with code 7");
  CHECK(outputs[0] == nullptr);
}

TEST_CASE("an arena too large gives MLC_OUT_OF_MEMORY", "[session][errors]") {
  mlc_model_desc desc = *mlc_add_model();
  ModelPtr model;
  mlc_session *session = reinterpret_cast<mlc_session *>(0x1);
  SECTION("overflowing") { desc.arena_bytes = UINT64_MAX; }
  SECTION("unallocatable") { desc.arena_bytes = uint64_t(1) << 60; }
  model = openModel(&desc);
  CHECK(mlc_session_create(model.get(), nullptr, &session) ==
        MLC_OUT_OF_MEMORY);
  CHECK(session == nullptr);
  CHECK(lastMessage().find("cannot allocate the session arena") !=
        std::string::npos);
}
