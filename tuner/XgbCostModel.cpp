//===- XgbCostModel.cpp - gradient-boosted trees over schedule features ---===//
//
// The learned cost model, on XGBoost's C API:
//
// 1. Objective: squared error on the normalized throughput (label in
//    [0, 1]), each row weighted by 0.05 + label, so that the fast schedules
//    (the ones the search must tell apart) weigh most while failed and slow
//    ones still pull their predictions down. Trees: max_depth 10, eta 0.2,
//    gamma 0.001, min_child_weight 0, histogram method; one thread and a
//    fixed seed, so the same data gives the same model and predictions.
// 2. Training starts from scratch with at least 16 rows, and again only
//    when the data has grown by 20 % since the last training.
// 3. Rounds: with 50 rows or more, every tenth row of each task is held out
//    and boosting stops 30 rounds after the held-out error last improved
//    (at most 500); the model is then retrained on all the rows for the
//    best number of rounds. With fewer rows, 100 rounds on all of them.
// 4. Until the first training, scores are the analytic estimate: minus the
//    features' log roofline time (kFeatRooflineCycles).
//
// The model is saved as XGBoost's JSON (its training size in the
// attribute "mlc_trained_rows"), through a temporary file renamed over the
// destination.
//
//===----------------------------------------------------------------------===//

#include "tuner/CostModel.h"
#include "tuner/Task.h"
#include "tuner/Features.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <xgboost/c_api.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>

namespace mlc::tuner {
namespace {

constexpr size_t kMinRows = 16;
constexpr double kGrowth = 1.2;
constexpr size_t kEarlyStoppingMinRows = 50;
constexpr int kMaxRounds = 500;
constexpr int kPatience = 30;
constexpr int kFixedRounds = 100;
constexpr const char *kTrainedRowsAttr = "mlc_trained_rows";

/// Frees a DMatrix at scope exit.
struct Matrix {
  DMatrixHandle handle = nullptr;
  ~Matrix() {
    if (handle)
      XGDMatrixFree(handle);
  }
};

/// Frees a booster at scope exit unless released.
struct Booster {
  BoosterHandle handle = nullptr;
  ~Booster() {
    if (handle)
      XGBoosterFree(handle);
  }
  BoosterHandle release() {
    BoosterHandle h = handle;
    handle = nullptr;
    return h;
  }
};

/// Sets `error` from XGBoost's last error when `rc` is a failure.
bool check(int rc, const char *what, std::string &error) {
  if (rc == 0)
    return true;
  error = std::string(what) + ": " + XGBGetLastError();
  return false;
}

class XgbCostModel : public CostModel {
public:
  explicit XgbCostModel(uint64_t seed) : seed(seed) {}
  ~XgbCostModel() override {
    if (booster)
      XGBoosterFree(booster);
  }

  void update(const std::vector<std::vector<float>> &features,
              const std::vector<float> &labels,
              const std::vector<int> &groups) override {
    size_t rows = std::min(features.size(), labels.size());
    if (rows < kMinRows || features.empty())
      return;
    if (booster && rows < trainedRows * kGrowth)
      return;
    std::string error;
    if (!train(features, labels, groups, rows, error))
      llvm::errs() << "mlc-tune: warning: cost model not retrained: " << error
                   << "\n";
  }

  std::vector<float>
  predict(const std::vector<std::vector<float>> &features) override {
    if (booster && !features.empty()) {
      std::vector<float> scores;
      std::string error;
      if (predictTrees(features, scores, error))
        return scores;
      llvm::errs() << "mlc-tune: warning: cost model prediction failed, "
                      "using the analytic estimate: "
                   << error << "\n";
    }
    std::vector<float> prior;
    prior.reserve(features.size());
    for (const std::vector<float> &row : features)
      prior.push_back(
          row.size() > kFeatRooflineCycles ? -row[kFeatRooflineCycles] : 0.0f);
    return prior;
  }

  bool save(const std::string &path, std::string &error) override {
    if (!booster) {
      error = "the cost model has not been trained yet (it needs " +
              std::to_string(kMinRows) + " measured schedules)";
      return false;
    }
    std::string rowsText = std::to_string(trainedRows);
    bst_ulong length = 0;
    const char *bytes = nullptr;
    if (!check(XGBoosterSetAttr(booster, kTrainedRowsAttr, rowsText.c_str()),
               "XGBoosterSetAttr", error) ||
        !check(XGBoosterSaveModelToBuffer(booster, "{\"format\": \"json\"}",
                                          &length, &bytes),
               "XGBoosterSaveModelToBuffer", error))
      return false;
    return writeFileAtomically(path, llvm::StringRef(bytes, length), error);
  }

  bool load(const std::string &path, std::string &error) override {
    auto buffer = llvm::MemoryBuffer::getFile(path);
    if (!buffer) {
      error = "cannot read '" + path + "': " + buffer.getError().message();
      return false;
    }
    Booster loaded;
    if (!check(XGBoosterCreate(nullptr, 0, &loaded.handle), "XGBoosterCreate",
               error) ||
        !check(XGBoosterLoadModelFromBuffer(loaded.handle,
                                            (*buffer)->getBufferStart(),
                                            (*buffer)->getBufferSize()),
               "XGBoosterLoadModelFromBuffer", error) ||
        !setParameters(loaded.handle, error)) {
      error = "'" + path + "': " + error;
      return false;
    }
    const char *value = nullptr;
    int found = 0;
    if (!check(
            XGBoosterGetAttr(loaded.handle, kTrainedRowsAttr, &value, &found),
            "XGBoosterGetAttr", error))
      return false;
    size_t rows = found && value ? std::strtoull(value, nullptr, 10) : 0;
    if (booster)
      XGBoosterFree(booster);
    booster = loaded.release();
    trainedRows = rows;
    return true;
  }

private:
  /// The training parameters (also set on a loaded model, for prediction).
  bool setParameters(BoosterHandle h, std::string &error) {
    std::string seedText = std::to_string(seed & 0x7fffffff);
    const std::pair<const char *, std::string> params[] = {
        {"objective", "reg:squarederror"},
        {"eval_metric", "rmse"},
        {"booster", "gbtree"},
        {"tree_method", "hist"},
        {"max_depth", "10"},
        {"eta", "0.2"},
        {"gamma", "0.001"},
        {"min_child_weight", "0"},
        {"nthread", "1"},
        {"seed", seedText},
        {"verbosity", "0"},
    };
    for (const auto &[name, value] : params)
      if (!check(XGBoosterSetParam(h, name, value.c_str()), "XGBoosterSetParam",
                 error))
        return false;
    return true;
  }

  /// A matrix of `rowIds`' features (padded / truncated to `columns`), with
  /// labels and weights when `labels` is given.
  bool makeMatrix(const std::vector<std::vector<float>> &features,
                  const std::vector<size_t> &rowIds, size_t columns,
                  const std::vector<float> *labels, Matrix &out,
                  std::string &error) {
    std::vector<float> data(rowIds.size() * columns, 0.0f);
    for (size_t r = 0; r < rowIds.size(); ++r) {
      const std::vector<float> &row = features[rowIds[r]];
      for (size_t c = 0; c < columns && c < row.size(); ++c)
        data[r * columns + c] = std::isfinite(row[c]) ? row[c] : 0.0f;
    }
    if (!check(XGDMatrixCreateFromMat(data.data(), rowIds.size(), columns, NAN,
                                      &out.handle),
               "XGDMatrixCreateFromMat", error))
      return false;
    if (!labels)
      return true;
    std::vector<float> y(rowIds.size()), w(rowIds.size());
    for (size_t r = 0; r < rowIds.size(); ++r) {
      float label = (*labels)[rowIds[r]];
      y[r] = std::isfinite(label) ? std::clamp(label, 0.0f, 1.0f) : 0.0f;
      w[r] = 0.05f + y[r];
    }
    return check(XGDMatrixSetFloatInfo(out.handle, "label", y.data(), y.size()),
                 "XGDMatrixSetFloatInfo(label)", error) &&
           check(
               XGDMatrixSetFloatInfo(out.handle, "weight", w.data(), w.size()),
               "XGDMatrixSetFloatInfo(weight)", error);
  }

  /// Boosts a new model on `train` for `rounds` rounds, or, with `eval`,
  /// until its error stops improving; `bestRounds` gets the round count
  /// that did best on `eval` (all rounds without it).
  bool boost(Matrix &train, Matrix *eval, int rounds, Booster &out,
             int &bestRounds, std::string &error) {
    DMatrixHandle cache[2] = {train.handle, eval ? eval->handle : nullptr};
    if (!check(XGBoosterCreate(cache, eval ? 2 : 1, &out.handle),
               "XGBoosterCreate", error) ||
        !setParameters(out.handle, error))
      return false;
    double best = INFINITY;
    bestRounds = rounds;
    for (int i = 0; i < rounds; ++i) {
      if (!check(XGBoosterUpdateOneIter(out.handle, i, train.handle),
                 "XGBoosterUpdateOneIter", error))
        return false;
      if (!eval)
        continue;
      const char *names[1] = {"eval"};
      const char *result = nullptr;
      if (!check(XGBoosterEvalOneIter(out.handle, i, &eval->handle, names, 1,
                                      &result),
                 "XGBoosterEvalOneIter", error))
        return false;
      // "[i]\teval-rmse:0.0123"
      const char *colon = result ? std::strrchr(result, ':') : nullptr;
      double value = colon ? std::strtod(colon + 1, nullptr) : INFINITY;
      if (value < best) {
        best = value;
        bestRounds = i + 1;
      } else if (i + 1 - bestRounds >= kPatience) {
        break;
      }
    }
    return true;
  }

  bool train(const std::vector<std::vector<float>> &features,
             const std::vector<float> &labels, const std::vector<int> &groups,
             size_t rows, std::string &error) {
    size_t columns = features[0].size();
    if (columns == 0) {
      error = "empty feature vectors";
      return false;
    }
    std::vector<size_t> all(rows), fit, heldOut;
    std::map<int, size_t> seen; // rows so far per task
    for (size_t r = 0; r < rows; ++r) {
      all[r] = r;
      int group = r < groups.size() ? groups[r] : 0;
      if (seen[group]++ % 10 == 9)
        heldOut.push_back(r);
      else
        fit.push_back(r);
    }
    int rounds = kFixedRounds;
    if (rows >= kEarlyStoppingMinRows && !heldOut.empty()) {
      Matrix trainPart, evalPart;
      Booster probe;
      if (!makeMatrix(features, fit, columns, &labels, trainPart, error) ||
          !makeMatrix(features, heldOut, columns, &labels, evalPart, error) ||
          !boost(trainPart, &evalPart, kMaxRounds, probe, rounds, error))
        return false;
    }
    Matrix full;
    Booster model;
    int unused;
    if (!makeMatrix(features, all, columns, &labels, full, error) ||
        !boost(full, nullptr, rounds, model, unused, error))
      return false;
    if (booster)
      XGBoosterFree(booster);
    booster = model.release();
    trainedRows = rows;
    return true;
  }

  bool predictTrees(const std::vector<std::vector<float>> &features,
                    std::vector<float> &scores, std::string &error) {
    bst_ulong columns = 0;
    if (!check(XGBoosterGetNumFeature(booster, &columns),
               "XGBoosterGetNumFeature", error))
      return false;
    std::vector<size_t> ids(features.size());
    for (size_t i = 0; i < ids.size(); ++i)
      ids[i] = i;
    Matrix m;
    if (!makeMatrix(features, ids, columns, nullptr, m, error))
      return false;
    bst_ulong length = 0;
    const float *out = nullptr;
    if (!check(XGBoosterPredict(booster, m.handle, 0, 0, 0, &length, &out),
               "XGBoosterPredict", error))
      return false;
    if (length != features.size()) {
      error = "XGBoosterPredict returned " + std::to_string(length) +
              " scores for " + std::to_string(features.size()) + " rows";
      return false;
    }
    scores.assign(out, out + length);
    return true;
  }

  uint64_t seed;
  BoosterHandle booster = nullptr;
  /// Rows of the last training (of the loaded model's, when loaded).
  size_t trainedRows = 0;
};

} // namespace

std::unique_ptr<CostModel> createXgbCostModel(uint64_t seed) {
  return std::make_unique<XgbCostModel>(seed);
}

} // namespace mlc::tuner
