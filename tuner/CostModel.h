//===- CostModel.h - predicts which schedules run faster ------------------===//
//
// A cost model learns from measured schedules (their feature vectors, see
// Features.h) and scores unmeasured ones: higher means faster. Scores only
// rank candidates of one task against each other; they are not latencies.
//
// Labels are normalized throughput per task: the task's best latency over
// this one's, in (0, 1], and 0 for a failed measurement.
//
// Implementations: "xgb" (gradient-boosted trees, XgbCostModel.cpp) and
// "random" (RandomCostModel.cpp, a baseline for comparisons).
//
//===----------------------------------------------------------------------===//

#ifndef MLC_TUNER_COSTMODEL_H
#define MLC_TUNER_COSTMODEL_H

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mlc::tuner {

class CostModel {
public:
  virtual ~CostModel();

  /// Learns from all the data measured so far: one feature vector per row,
  /// its label, and the index of its task (`groups`, same length).
  virtual void update(const std::vector<std::vector<float>> &features,
                      const std::vector<float> &labels,
                      const std::vector<int> &groups) = 0;

  /// A score per feature vector; higher predicts faster. Deterministic.
  virtual std::vector<float>
  predict(const std::vector<std::vector<float>> &features) = 0;

  /// Writes the model to `path` (through a temporary file renamed over it);
  /// false with a message in `error` on failure.
  virtual bool save(const std::string &path, std::string &error) = 0;

  /// Replaces the model with the one saved at `path`; false with a message
  /// in `error` on failure (the model is then unchanged).
  virtual bool load(const std::string &path, std::string &error) = 0;
};

/// "xgb" or "random"; null with a message in `error` for other names.
std::unique_ptr<CostModel> createCostModel(const std::string &name,
                                           uint64_t seed, std::string &error);

/// XGBoost regression trees over the features; before its first training
/// (16 samples) it ranks by the analytic roofline estimate.
std::unique_ptr<CostModel> createXgbCostModel(uint64_t seed);

/// Pseudo-random scores: a fixed function of the seed and the features.
std::unique_ptr<CostModel> createRandomCostModel(uint64_t seed);

} // namespace mlc::tuner

#endif // MLC_TUNER_COSTMODEL_H
