//===- TestTasks.h - tasks and targets shared by the tuner's unit tests ---===//
//
// Real workloads (BERT-base and ResNet-50 kernels) as the tuner sees them,
// and the two vector widths the CPU codegen targets.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_TEST_UNIT_TUNER_TESTTASKS_H
#define MLC_TEST_UNIT_TUNER_TESTTASKS_H

#include "tuner/Task.h"

#include <vector>

namespace mlc::tuner::testing {

inline Task matmulTask(int64_t m, int64_t n, int64_t k, int64_t batch = 1) {
  Task t;
  t.kind = "matmul";
  t.params = {{"batch", batch}, {"m", m},       {"n", n},
              {"k", k},         {"trans_b", 0}, {"const_b", 1}};
  t.flops = 2.0 * batch * m * n * k;
  return t;
}

/// NCHW convolution; h and w are the padded input's.
inline Task convTask(int64_t c, int64_t hw, int64_t f, int64_t kernel,
                     int64_t stride, int64_t pad) {
  int64_t h = hw + 2 * pad;
  int64_t o = (h - kernel) / stride + 1;
  Task t;
  t.kind = "conv2d";
  t.params = {
      {"n", 1},       {"c", c},
      {"h", h},       {"w", h},
      {"f", f},       {"kh", kernel},
      {"kw", kernel}, {"sh", stride},
      {"sw", stride}, {"dh", 1},
      {"dw", 1},      {"oh", o},
      {"ow", o},      {"pointwise_ok", kernel == 1 && stride == 1 && pad == 0}};
  t.flops = 2.0 * f * c * kernel * kernel * o * o;
  return t;
}

/// BERT-base FFN: 128 tokens x 768 -> 3072.
inline Task bertFfn() { return matmulTask(128, 3072, 768); }
/// A matrix-vector product: 1 x 1024 -> 1024.
inline Task gemv() { return matmulTask(1, 1024, 1024); }
/// ResNet-50 stage 1: 3x3, 64 -> 64 channels, 56x56, padding 1.
inline Task resnet3x3() { return convTask(64, 56, 64, 3, 1, 1); }
/// ResNet-50 stage 1: 1x1, 256 -> 64 channels, 56x56.
inline Task resnet1x1() { return convTask(256, 56, 64, 1, 1, 0); }
/// ResNet-50 stem: 7x7 stride 2, 3 -> 64 channels, 224x224, padding 3.
inline Task resnetStem() { return convTask(3, 224, 64, 7, 2, 3); }

inline std::vector<Task> allTasks() {
  return {bertFfn(), gemv(), resnet3x3(), resnet1x1(), resnetStem()};
}

inline Target avx512(int threads = 1) {
  Target t;
  t.cpu = "skylake-avx512";
  t.features = "avx2,avx512f,fma";
  t.vectorBits = 512;
  t.threads = threads;
  t.mlcVersion = "test";
  return t;
}

inline Target avx2(int threads = 1) {
  Target t;
  t.cpu = "haswell";
  t.features = "avx2,fma";
  t.vectorBits = 256;
  t.threads = threads;
  t.mlcVersion = "test";
  return t;
}

} // namespace mlc::tuner::testing

#endif // MLC_TEST_UNIT_TUNER_TESTTASKS_H
