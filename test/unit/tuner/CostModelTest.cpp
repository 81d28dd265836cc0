//===- CostModelTest.cpp - unit tests of the XGBoost and random models ----===//
//
// The XGBoost model learns a known nonlinear ranking (Spearman > 0.8 on
// held-out points), falls back to the roofline estimate before it has data,
// retrains only when the data grew by 20 %, is deterministic, and
// round-trips through save / load with identical predictions. The random
// model is a fixed function of its seed.
//
//===----------------------------------------------------------------------===//

#include "tuner/CostModel.h"
#include "tuner/Features.h"
#include "tuner/Random.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace mlc::tuner;

namespace {

using Rows = std::vector<std::vector<float>>;

/// The hidden score of the synthetic ranking: nonlinear, with an
/// interaction and a step; x in [0, 1]^8 (x6, x7 are noise).
double trueScore(const std::vector<float> &x) {
  return std::sin(3.0 * x[0]) + 1.5 * x[1] * x[2] + (x[3] > 0.5 ? 0.7 : 0.0) -
         std::pow(x[4] - 0.3, 2) + 0.3 * x[5];
}

Rows randomRows(Rng &rng, size_t n) {
  Rows rows(n, std::vector<float>(8));
  for (auto &row : rows)
    for (float &v : row)
      v = static_cast<float>(uniformReal(rng));
  return rows;
}

/// Labels as the tuner makes them: per group, best latency / latency, with
/// latency = exp(-score).
std::vector<float> labelsOf(const Rows &rows, const std::vector<int> &groups) {
  std::vector<double> best(8, -INFINITY);
  for (size_t i = 0; i < rows.size(); ++i)
    best[groups[i]] = std::max(best[groups[i]], trueScore(rows[i]));
  std::vector<float> labels;
  for (size_t i = 0; i < rows.size(); ++i)
    labels.push_back(
        static_cast<float>(std::exp(trueScore(rows[i]) - best[groups[i]])));
  return labels;
}

std::vector<double> ranks(const std::vector<double> &v) {
  std::vector<size_t> order(v.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return v[a] < v[b]; });
  std::vector<double> r(v.size());
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]])
      ++j;
    for (size_t k = i; k <= j; ++k)
      r[order[k]] = (i + j) / 2.0; // ties share their mean rank
    i = j + 1;
  }
  return r;
}

double spearman(const std::vector<double> &a, const std::vector<double> &b) {
  std::vector<double> ra = ranks(a), rb = ranks(b);
  double n = a.size(), ma = (n - 1) / 2, sab = 0, saa = 0, sbb = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    sab += (ra[i] - ma) * (rb[i] - ma);
    saa += (ra[i] - ma) * (ra[i] - ma);
    sbb += (rb[i] - ma) * (rb[i] - ma);
  }
  return sab / std::sqrt(saa * sbb);
}

/// The synthetic training set: 400 rows in 4 groups.
struct Synthetic {
  Rows rows;
  std::vector<int> groups;
  std::vector<float> labels;
  explicit Synthetic(uint64_t seed, size_t n = 400) {
    Rng rng(seed);
    rows = randomRows(rng, n);
    for (size_t i = 0; i < n; ++i)
      groups.push_back(static_cast<int>(i % 4));
    labels = labelsOf(rows, groups);
  }
};

std::unique_ptr<CostModel> model(const std::string &name, uint64_t seed = 1) {
  std::string error;
  std::unique_ptr<CostModel> m = createCostModel(name, seed, error);
  EXPECT_TRUE(m) << error;
  return m;
}

/// A fresh directory for files of one test.
std::string tempDir() {
  llvm::SmallString<128> dir;
  EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("mlc-cost-model", dir));
  return std::string(dir);
}

TEST(XgbCostModel, LearnsANonlinearRanking) {
  Synthetic data(2024);
  auto m = model("xgb");
  m->update(data.rows, data.labels, data.groups);
  Rng rng(77);
  Rows test = randomRows(rng, 300);
  std::vector<float> predicted = m->predict(test);
  ASSERT_EQ(predicted.size(), test.size());
  std::vector<double> truth, guess;
  for (size_t i = 0; i < test.size(); ++i) {
    truth.push_back(trueScore(test[i]));
    guess.push_back(predicted[i]);
  }
  double rho = spearman(truth, guess);
  EXPECT_GT(rho, 0.8);
  // The random model knows nothing.
  std::vector<float> noise = model("random")->predict(test);
  EXPECT_LT(std::abs(spearman(truth,
                              std::vector<double>(noise.begin(), noise.end()))),
            0.3);
}

TEST(XgbCostModel, AnalyticPriorBeforeTraining) {
  auto m = model("xgb");
  Rows rows(3, std::vector<float>(kNumFeatures, 0.0f));
  rows[0][kFeatRooflineCycles] = 20; // slowest
  rows[1][kFeatRooflineCycles] = 10; // fastest
  rows[2][kFeatRooflineCycles] = 15;
  std::vector<float> p = m->predict(rows);
  ASSERT_EQ(p.size(), 3u);
  EXPECT_LT(p[0], p[2]);
  EXPECT_LT(p[2], p[1]);
  // Fewer than 16 rows: still the prior.
  Synthetic few(1, 15);
  m->update(few.rows, few.labels, few.groups);
  EXPECT_EQ(m->predict(rows), p);
  std::string error;
  EXPECT_FALSE(m->save(tempDir() + "/model.json", error));
  EXPECT_NE(error.find("not been trained"), std::string::npos) << error;
}

TEST(XgbCostModel, RetrainsOnlyAfterTwentyPercentGrowth) {
  Synthetic data(5, 200);
  Rng rng(6);
  Rows probe = randomRows(rng, 50);
  auto m = model("xgb");
  auto firstN = [&](size_t n, bool flip) {
    Synthetic part = data;
    part.rows.resize(n);
    part.groups.resize(n);
    part.labels.resize(n);
    if (flip) // different labels: a retrained model would differ
      for (float &l : part.labels)
        l = 1 - l;
    return part;
  };
  Synthetic hundred = firstN(100, false);
  m->update(hundred.rows, hundred.labels, hundred.groups);
  std::vector<float> trained = m->predict(probe);
  Synthetic more = firstN(119, true); // +19 %: kept
  m->update(more.rows, more.labels, more.groups);
  EXPECT_EQ(m->predict(probe), trained);
  Synthetic enough = firstN(120, true); // +20 %: retrained
  m->update(enough.rows, enough.labels, enough.groups);
  EXPECT_NE(m->predict(probe), trained);
}

TEST(XgbCostModel, DeterministicAndSaveLoadRoundTrip) {
  Synthetic data(9);
  auto a = model("xgb", 3), b = model("xgb", 3);
  a->update(data.rows, data.labels, data.groups);
  b->update(data.rows, data.labels, data.groups);
  Rng rng(10);
  Rows probe = randomRows(rng, 100);
  std::vector<float> pa = a->predict(probe);
  EXPECT_EQ(pa, b->predict(probe));

  std::string dir = tempDir(), path = dir + "/model.json", error;
  ASSERT_TRUE(a->save(path, error)) << error;
  auto loaded = model("xgb", 4);
  ASSERT_TRUE(loaded->load(path, error)) << error;
  EXPECT_EQ(loaded->predict(probe), pa);
  // The loaded model remembers its training size: 5 % more data keeps it.
  Synthetic bigger(9, 420);
  loaded->update(bigger.rows, bigger.labels, bigger.groups);
  EXPECT_EQ(loaded->predict(probe), pa);

  // Only the model is left in the directory (the temporary was renamed).
  std::error_code ec;
  int files = 0;
  for (llvm::sys::fs::directory_iterator it(dir, ec), end; it != end && !ec;
       it.increment(ec))
    ++files;
  EXPECT_EQ(files, 1);

  // Loading garbage fails and keeps the model.
  std::string bad = dir + "/bad.json";
  {
    std::error_code wec;
    llvm::raw_fd_ostream os(bad, wec);
    os << "{not a model";
  }
  EXPECT_FALSE(loaded->load(bad, error));
  EXPECT_FALSE(error.empty());
  EXPECT_EQ(loaded->predict(probe), pa);
  EXPECT_FALSE(loaded->load(dir + "/missing.json", error));
  EXPECT_NE(error.find("missing.json"), std::string::npos) << error;
  llvm::sys::fs::remove_directories(dir);
}

TEST(RandomCostModel, FixedFunctionOfTheSeed) {
  Rng rng(12);
  Rows rows = randomRows(rng, 64);
  auto a = model("random", 5), b = model("random", 5), c = model("random", 6);
  std::vector<float> pa = a->predict(rows);
  EXPECT_EQ(pa, b->predict(rows));
  EXPECT_EQ(pa, a->predict(rows)); // the same rows, the same scores
  EXPECT_NE(pa, c->predict(rows));
  for (float p : pa) {
    EXPECT_GE(p, 0.0f);
    EXPECT_LT(p, 1.0f);
  }
  std::string dir = tempDir(), error;
  ASSERT_TRUE(a->save(dir + "/random.txt", error)) << error;
  ASSERT_TRUE(c->load(dir + "/random.txt", error)) << error;
  EXPECT_EQ(c->predict(rows), pa);
  llvm::sys::fs::remove_directories(dir);
}

TEST(CostModel, UnknownNameIsAnError) {
  std::string error;
  EXPECT_EQ(createCostModel("mlp", 0, error), nullptr);
  EXPECT_NE(error.find("mlp"), std::string::npos);
}

} // namespace
