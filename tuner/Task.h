//===- Task.h - what the tuner tunes: tasks, targets, schedules -----------===//
//
// Plain data shared by every part of the tuner (no MLIR here):
//
// - Task: one kernel of a model as the tuner sees it: its kind ("matmul",
//   "conv2d"), its parameters (shapes, strides, ...), a canonical workload
//   key and its hash, and how often the model runs it (the weight).
// - Target: where a schedule was measured (CPU model, ISA features, thread
//   count, MLC version); records are keyed by its fingerprint.
// - Schedule: knob name -> integer value, as the CPU codegen reads it from
//   the `mlc.schedule` attribute of a kernel's anchor op. An empty schedule
//   means "the default heuristic".
//
//===----------------------------------------------------------------------===//

#ifndef MLC_TUNER_TASK_H
#define MLC_TUNER_TASK_H

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace mlc::tuner {

/// Knob name -> value; ordered, so that its text and hash are canonical.
struct Schedule {
  std::map<std::string, int64_t> knobs;

  bool empty() const { return knobs.empty(); }
  /// The knob's value, or `fallback` when the schedule does not set it.
  int64_t get(const std::string &name, int64_t fallback = 0) const {
    auto it = knobs.find(name);
    return it == knobs.end() ? fallback : it->second;
  }
  /// "mr=8,nv=2,kc=0" (sorted by name); "default" when empty.
  std::string str() const;
  /// Parses what str() prints; false on malformed text.
  static bool parse(const std::string &text, Schedule &out);
  /// A stable 64-bit hash of str() (FNV-1a), for dedup.
  uint64_t hash() const;
  bool operator==(const Schedule &o) const { return knobs == o.knobs; }
  bool operator<(const Schedule &o) const { return knobs < o.knobs; }
};

struct Task {
  /// "matmul" or "conv2d".
  std::string kind;
  /// Shapes and attributes. matmul: batch, m, n, k, trans_b, const_b.
  /// conv2d: n, c, h, w, f, kh, kw, sh, sw, dh, dw, oh, ow, pointwise_ok
  /// (1x1, unit strides, no padding: the pointwise variant applies).
  std::map<std::string, int64_t> params;
  /// Canonical text of kind and params ("conv2d c=64 dh=1 ..."), and the
  /// 16 hex digits of its FNV-1a hash: the workload key of the records.
  std::string key, hash;
  /// How many times one run of the model runs this kernel.
  int64_t weight = 1;
  /// Floating-point operations of one run of the kernel.
  double flops = 0;
  /// For people: "conv2d 1x64x56x56 * 64x64x3x3 s1; fused: bias, relu".
  std::string description;

  int64_t param(const std::string &name, int64_t fallback = 0) const {
    auto it = params.find(name);
    return it == params.end() ? fallback : it->second;
  }
  /// Sets key and hash from kind and params.
  void computeKey();
};

struct Target {
  std::string cpu;      ///< LLVM CPU name, e.g. "znver4"
  std::string features; ///< sorted ISA features that matter: "avx2,avx512f,fma"
  int64_t vectorBits = 512;
  int threads = 1;
  std::string mlcVersion;
  /// "znver4/avx2,avx512f,fma/t1/mlc-0.1": records match only their target.
  std::string fingerprint() const;
  /// Vector registers available: 32 with AVX-512, else 16.
  int vectorRegisters() const { return vectorBits >= 512 ? 32 : 16; }
};

/// Writes `bytes` to `path` through a temporary file renamed over it
/// (llvm::writeToOutput): a crash never leaves a half-written file. False
/// with `error` set on failure.
bool writeFileAtomically(const std::string &path, std::string_view bytes,
                         std::string &error);

/// FNV-1a, 64-bit.
uint64_t fnv1a(const std::string &text);
/// 16 lowercase hex digits.
std::string hex64(uint64_t v);

} // namespace mlc::tuner

#endif // MLC_TUNER_TASK_H
