//===- TensorTest.cpp - tensors, dtypes and status names ------------------===//

#include "TestUtil.h"

#include <cstdint>
#include <cstring>

using namespace mlc::test;

TEST_CASE("dtype sizes and names follow ONNX numbering", "[dtype]") {
  CHECK(MLC_DTYPE_FLOAT32 == 1);
  CHECK(MLC_DTYPE_BOOL == 9);
  CHECK(MLC_DTYPE_BFLOAT16 == 16);
  CHECK(mlc_dtype_size(MLC_DTYPE_FLOAT32) == 4);
  CHECK(mlc_dtype_size(MLC_DTYPE_INT64) == 8);
  CHECK(mlc_dtype_size(MLC_DTYPE_BOOL) == 1);
  CHECK(mlc_dtype_size(MLC_DTYPE_FLOAT16) == 2);
  CHECK(mlc_dtype_size(MLC_DTYPE_BFLOAT16) == 2);
  CHECK(mlc_dtype_size(MLC_DTYPE_FLOAT64) == 8);
  CHECK(mlc_dtype_size(MLC_DTYPE_UNDEFINED) == 0);
  CHECK(mlc_dtype_size(static_cast<mlc_dtype>(8)) == 0); // ONNX STRING
  CHECK(std::string(mlc_dtype_name(MLC_DTYPE_FLOAT32)) == "float32");
  CHECK(std::string(mlc_dtype_name(MLC_DTYPE_UINT64)) == "uint64");
  CHECK(std::string(mlc_dtype_name(static_cast<mlc_dtype>(31))) == "unknown");
}

TEST_CASE("status names", "[status]") {
  CHECK(std::string(mlc_status_name(MLC_OK)) == "OK");
  CHECK(std::string(mlc_status_name(MLC_SHAPE_MISMATCH)) == "SHAPE_MISMATCH");
  CHECK(std::string(mlc_status_name(static_cast<mlc_status>(15))) == "UNKNOWN");
}

TEST_CASE("tensor_create owns a zeroed, 64-byte aligned buffer", "[tensor]") {
  TensorPtr tensor = makeTensor(MLC_DTYPE_INT32, {3, 5});
  CHECK(mlc_tensor_dtype(tensor.get()) == MLC_DTYPE_INT32);
  REQUIRE(mlc_tensor_rank(tensor.get()) == 2);
  CHECK(mlc_tensor_shape(tensor.get())[0] == 3);
  CHECK(mlc_tensor_shape(tensor.get())[1] == 5);
  CHECK(mlc_tensor_num_elements(tensor.get()) == 15);
  CHECK(mlc_tensor_byte_size(tensor.get()) == 60);
  CHECK(mlc_tensor_owns_data(tensor.get()) == 1);
  CHECK(reinterpret_cast<uintptr_t>(mlc_tensor_data(tensor.get())) % 64 == 0);
  for (int32_t value : elements<int32_t>(tensor.get()))
    CHECK(value == 0);
}

TEST_CASE("scalars and empty tensors", "[tensor]") {
  mlc_tensor *scalar = nullptr;
  REQUIRE(mlc_tensor_create(MLC_DTYPE_FLOAT64, 0, nullptr, &scalar) == MLC_OK);
  CHECK(mlc_tensor_rank(scalar) == 0);
  CHECK(mlc_tensor_shape(scalar) == nullptr);
  CHECK(mlc_tensor_num_elements(scalar) == 1);
  CHECK(mlc_tensor_byte_size(scalar) == 8);
  mlc_tensor_destroy(scalar);

  TensorPtr empty = makeTensor(MLC_DTYPE_UINT8, {4, 0});
  CHECK(mlc_tensor_num_elements(empty.get()) == 0);
  CHECK(mlc_tensor_byte_size(empty.get()) == 0);

  const int64_t shape[1] = {0};
  mlc_tensor *wrapped = nullptr;
  CHECK(mlc_tensor_wrap(MLC_DTYPE_FLOAT32, 1, shape, nullptr, &wrapped) ==
        MLC_OK);
  mlc_tensor_destroy(wrapped);
}

TEST_CASE("tensor_wrap borrows the caller's memory", "[tensor]") {
  std::vector<float> data = {1, 2, 3, 4};
  TensorPtr tensor = wrap(MLC_DTYPE_FLOAT32, {2, 2}, data);
  CHECK(mlc_tensor_data(tensor.get()) == data.data());
  CHECK(mlc_tensor_owns_data(tensor.get()) == 0);
  tensor.reset(); // must not free data
  CHECK(data[3] == 4);
}

TEST_CASE("tensor errors", "[tensor][errors]") {
  const int64_t shape[2] = {2, 3};
  mlc_tensor *tensor = reinterpret_cast<mlc_tensor *>(0x1);

  SECTION("NULL out-parameter") {
    CHECK(mlc_tensor_create(MLC_DTYPE_FLOAT32, 2, shape, nullptr) ==
          MLC_INVALID_ARGUMENT);
    CHECK(mlc_tensor_wrap(MLC_DTYPE_FLOAT32, 2, shape, nullptr, nullptr) ==
          MLC_INVALID_ARGUMENT);
  }
  SECTION("unsupported dtype") {
    CHECK(mlc_tensor_create(static_cast<mlc_dtype>(8), 2, shape, &tensor) ==
          MLC_INVALID_ARGUMENT);
    CHECK(tensor == nullptr);
    CHECK(lastMessage() == "tensor: unsupported dtype 8");
  }
  SECTION("negative rank, NULL shape, negative dimension") {
    CHECK(mlc_tensor_create(MLC_DTYPE_FLOAT32, -1, shape, &tensor) ==
          MLC_INVALID_ARGUMENT);
    CHECK(mlc_tensor_create(MLC_DTYPE_FLOAT32, 2, nullptr, &tensor) ==
          MLC_INVALID_ARGUMENT);
    const int64_t negative[2] = {2, -3};
    CHECK(mlc_tensor_create(MLC_DTYPE_FLOAT32, 2, negative, &tensor) ==
          MLC_INVALID_ARGUMENT);
    CHECK(lastMessage().find("float32 [2,-3]") != std::string::npos);
  }
  SECTION("size overflow") {
    const int64_t huge[2] = {INT64_MAX / 2, 4};
    CHECK(mlc_tensor_create(MLC_DTYPE_FLOAT32, 2, huge, &tensor) ==
          MLC_INVALID_ARGUMENT);
  }
  SECTION("out of memory") {
    const int64_t petabyte[1] = {int64_t(1) << 50};
    CHECK(mlc_tensor_create(MLC_DTYPE_UINT8, 1, petabyte, &tensor) ==
          MLC_OUT_OF_MEMORY);
    CHECK(tensor == nullptr);
  }
  SECTION("wrap: NULL or misaligned data") {
    CHECK(mlc_tensor_wrap(MLC_DTYPE_FLOAT32, 2, shape, nullptr, &tensor) ==
          MLC_INVALID_ARGUMENT);
    alignas(8) char buffer[64];
    CHECK(mlc_tensor_wrap(MLC_DTYPE_FLOAT32, 2, shape, buffer + 1, &tensor) ==
          MLC_INVALID_ARGUMENT);
    CHECK(lastMessage().find("not aligned") != std::string::npos);
  }
  SECTION("getters on NULL") {
    CHECK(mlc_tensor_dtype(nullptr) == MLC_DTYPE_UNDEFINED);
    CHECK(mlc_tensor_rank(nullptr) == 0);
    CHECK(mlc_tensor_shape(nullptr) == nullptr);
    CHECK(mlc_tensor_data(nullptr) == nullptr);
    CHECK(mlc_tensor_byte_size(nullptr) == 0);
    mlc_tensor_destroy(nullptr);
  }
}

TEST_CASE("a success clears the message", "[status]") {
  mlc_tensor *tensor = nullptr;
  CHECK(mlc_tensor_create(MLC_DTYPE_FLOAT32, -1, nullptr, &tensor) ==
        MLC_INVALID_ARGUMENT);
  CHECK(!lastMessage().empty());
  TensorPtr ok = makeTensor(MLC_DTYPE_FLOAT32, {1});
  CHECK(lastMessage().empty());
}
