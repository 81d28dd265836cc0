//===- CostModel.cpp - picking a cost model by name -----------------------===//
//
// The factory of the cost models (the models live in XgbCostModel.cpp and
// RandomCostModel.cpp).
//
//===----------------------------------------------------------------------===//

#include "tuner/CostModel.h"

namespace mlc::tuner {

CostModel::~CostModel() = default;

std::unique_ptr<CostModel> createCostModel(const std::string &name,
                                           uint64_t seed, std::string &error) {
  if (name == "xgb")
    return createXgbCostModel(seed);
  if (name == "random")
    return createRandomCostModel(seed);
  error = "unknown cost model '" + name + "' (expected xgb or random)";
  return nullptr;
}

} // namespace mlc::tuner
