//===- RandomCostModel.cpp - pseudo-random scores, a search baseline ------===//
//
// Scores each feature vector with a hash of its bits and the seed: the same
// vector always gets the same score, and the scores carry no information
// (what a search does without a model). Saved as one line of text holding
// the seed.
//
//===----------------------------------------------------------------------===//

#include "tuner/CostModel.h"
#include "tuner/Task.h"
#include "tuner/Random.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

namespace mlc::tuner {
namespace {

constexpr const char *kMagic = "mlc-random-cost-model seed=";

class RandomCostModel : public CostModel {
public:
  explicit RandomCostModel(uint64_t seed) : seed(seed) {}

  void update(const std::vector<std::vector<float>> &,
              const std::vector<float> &, const std::vector<int> &) override {}

  std::vector<float>
  predict(const std::vector<std::vector<float>> &features) override {
    std::vector<float> scores;
    scores.reserve(features.size());
    for (const std::vector<float> &row : features) {
      uint64_t h = mix64(seed);
      for (float x : row) {
        uint32_t bits;
        std::memcpy(&bits, &x, sizeof(bits));
        h = mix64(h ^ bits);
      }
      scores.push_back(static_cast<float>((h >> 40) * (1.0 / 16777216.0)));
    }
    return scores;
  }

  bool save(const std::string &path, std::string &error) override {
    return writeFileAtomically(
        path, (llvm::Twine(kMagic) + llvm::Twine(seed) + "\n").str(), error);
  }

  bool load(const std::string &path, std::string &error) override {
    auto buffer = llvm::MemoryBuffer::getFile(path);
    if (!buffer) {
      error = "cannot read '" + path + "': " + buffer.getError().message();
      return false;
    }
    llvm::StringRef text = (*buffer)->getBuffer().trim();
    uint64_t value;
    if (!text.consume_front(kMagic) || text.getAsInteger(10, value)) {
      error = "'" + path + "' is not a saved random cost model";
      return false;
    }
    seed = value;
    return true;
  }

private:
  uint64_t seed;
};

} // namespace

std::unique_ptr<CostModel> createRandomCostModel(uint64_t seed) {
  return std::make_unique<RandomCostModel>(seed);
}

} // namespace mlc::tuner
