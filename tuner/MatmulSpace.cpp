//===- MatmulSpace.cpp - the schedules of a register-blocked matmul -------===//
//
// The knobs codegen/cpu/MatmulKernels.cpp reads from `mlc.schedule`, with
// VL = vectorBits / 32 lanes and R vector registers:
//
//   mr      register-tile rows, 1..16             mr <= m
//   nv      vectors per tile row, 1..4            nv * VL <= roundUp(n, VL)
//           (mr x nv accumulators, nv B vectors and one broadcast:
//            mr * nv + nv + 1 <= R)
//   kc      K block: 0 (all of K) or 32..512      nonzero kc < k
//   msplit  parallel blocks of M, 1, 2, 4, 8      msplit * mr <= m
//   ku      k-loop unroll, 1, 2, 4                (K % ku steps one by one)
//   vbits   vector width, 256 or 512 with AVX-512 (ymm keep 32 registers)
//
//===----------------------------------------------------------------------===//

#include "tuner/SearchSpace.h"

#include <algorithm>

namespace mlc::tuner {
namespace {

class MatmulSpace : public SearchSpace {
public:
  MatmulSpace(const Task &task, const Target &target)
      : SearchSpace({{"mr", range(1, 16), 0.30},
                     {"nv", range(1, 4), 0.30},
                     {"kc", {0, 32, 64, 128, 256, 512}, 0.25},
                     {"msplit", {1, 2, 4, 8}, 0.15},
                     {"ku", {1, 2, 4}, 0.10},
                     {"vbits", vectorWidths(target), 0.10}}),
        m(task.param("m")), n(task.param("n")), k(task.param("k")),
        targetBits(target.vectorBits),
        registers(target.vectorRegisters()) {
    enumerate();
  }

protected:
  bool satisfies(const Schedule &s, std::string *why) const override {
    int64_t mr = s.get("mr"), nv = s.get("nv"), kc = s.get("kc"),
            msplit = s.get("msplit");
    // Lanes of the schedule's vectors.
    int64_t vl = std::max<int64_t>(1, s.get("vbits", targetBits) / 32);
    auto fail = [&](const std::string &reason) {
      if (why)
        *why = reason;
      return false;
    };
    if (mr * nv + nv + 1 > registers)
      return fail("mr * nv + nv + 1 = " + std::to_string(mr * nv + nv + 1) +
                  " exceeds the " + std::to_string(registers) +
                  " vector registers");
    int64_t paddedN = (n + vl - 1) / vl * vl;
    if (nv * vl > paddedN)
      return fail("nv * VL = " + std::to_string(nv * vl) +
                  " exceeds n rounded up to vectors (" +
                  std::to_string(paddedN) + ")");
    if (mr > m)
      return fail("mr = " + std::to_string(mr) +
                  " exceeds m = " + std::to_string(m));
    if (kc != 0 && kc >= k)
      return fail("kc = " + std::to_string(kc) +
                  " is not below k = " + std::to_string(k));
    if (msplit * mr > m)
      return fail("msplit * mr = " + std::to_string(msplit * mr) +
                  " exceeds m = " + std::to_string(m));
    return true;
  }

private:
  int64_t m, n, k, targetBits, registers;
};

} // namespace

std::unique_ptr<SearchSpace> createMatmulSpace(const Task &task,
                                               const Target &target) {
  return std::make_unique<MatmulSpace>(task, target);
}

} // namespace mlc::tuner
