//===- ConformanceCommon.cpp - reading ONNX backend node tests -------------===//
//
// Graph inputs that feed an operand that decides a result's shape (Reshape's
// shape, Slice's starts, TopK's k, ...) are imported as constants from the
// test's input data (`--const-input`), as onnx-mlir's test runner does with
// CONSTANT_INPUT: an ahead-of-time compiler specializes those.
//
//===----------------------------------------------------------------------===//

#include "test/e2e/conformance/ConformanceCommon.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace mlc::conformance {

/// Input positions, per op type, whose values decide a result's shape.
static const std::map<std::string, std::set<int>> &shapeOperands() {
  static const std::map<std::string, std::set<int>> table = {
      {"Reshape", {1}},        {"Expand", {1}},      {"Tile", {1}},
      {"Slice", {1, 2, 3, 4}}, {"Squeeze", {1}},     {"Unsqueeze", {1}},
      {"ReduceMax", {1}},      {"ReduceMean", {1}},  {"ReduceSum", {1}},
      {"ReduceMin", {1}},      {"Split", {1}},       {"Pad", {1, 3}},
      {"Resize", {1, 2, 3}},   {"TopK", {1}},        {"ConstantOfShape", {0}},
      {"Range", {0, 1, 2}},    {"Upsample", {1}},      {"Dropout", {1, 2}},
  };
  return table;
}

std::optional<std::string> readFile(const std::string &path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return std::nullopt;
  return (*buffer)->getBuffer().str();
}

std::vector<std::string> readTestList(const std::string &path, bool &ok) {
  std::vector<std::string> names;
  std::optional<std::string> text = readFile(path);
  ok = text.has_value();
  if (!ok)
    return names;
  llvm::SmallVector<llvm::StringRef> lines;
  llvm::StringRef(*text).split(lines, '\n');
  for (llvm::StringRef line : lines) {
    line = line.trim();
    if (!line.empty() && !line.starts_with("#"))
      names.push_back(line.str());
  }
  return names;
}

static bool readTensor(const std::string &path, onnx::TensorProto &tensor) {
  std::optional<std::string> bytes = readFile(path);
  return bytes && tensor.ParseFromString(*bytes);
}

std::optional<TestCase> loadTest(const std::string &dataDir,
                                 const std::string &name, std::string &error) {
  TestCase t;
  t.name = name;
  t.dir = dataDir + "/" + name;
  std::optional<std::string> model = readFile(t.dir + "/model.onnx");
  onnx::ModelProto proto;
  if (!model || !proto.ParseFromString(*model)) {
    error = "missing or unreadable model.onnx";
    return std::nullopt;
  }
  t.modelBytes = std::move(*model);
  t.options.sourceName = t.dir + "/model.onnx";
  std::string data = t.dir + "/test_data_set_0/";

  std::set<std::string> initializers;
  for (const auto &init : proto.graph().initializer())
    initializers.insert(init.name());
  std::vector<std::string> inputs;
  for (const auto &in : proto.graph().input())
    if (!initializers.count(in.name()))
      inputs.push_back(in.name());
  std::set<std::string> constant;
  for (const auto &node : proto.graph().node()) {
    auto it = shapeOperands().find(node.op_type());
    if (it == shapeOperands().end())
      continue;
    for (int i : it->second)
      if (i < node.input_size())
        constant.insert(node.input(i));
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    std::string file = data + "input_" + std::to_string(i) + ".pb";
    if (constant.count(inputs[i])) {
      t.options.constantInputs[inputs[i]] = file;
      continue;
    }
    onnx::TensorProto tensor;
    if (!readTensor(file, tensor)) {
      error = "missing or unreadable " + file;
      return std::nullopt;
    }
    t.runtimeInputs.push_back(std::move(tensor));
    t.runtimeInputFiles.push_back(file);
  }
  for (int i = 0;; ++i) {
    std::string file = data + "output_" + std::to_string(i) + ".pb";
    if (!llvm::sys::fs::exists(file))
      break;
    onnx::TensorProto tensor;
    if (!readTensor(file, tensor)) {
      error = "unreadable " + file;
      return std::nullopt;
    }
    t.expectedOutputs.push_back(std::move(tensor));
    t.expectedOutputFiles.push_back(file);
  }
  return t;
}

int runSuite(const std::string &title, const std::string &listFile,
             const std::string &minPassFile, const std::string &filter,
             bool verbose,
             const std::function<Outcome(const std::string &)> &run,
             unsigned jobs) {
  bool ok;
  std::vector<std::string> names = readTestList(listFile, ok);
  if (!ok) {
    llvm::errs() << "cannot read " << listFile << "\n";
    return 2;
  }
  int64_t minPass = 0;
  if (!minPassFile.empty()) {
    std::optional<std::string> text = readFile(minPassFile);
    if (!text || llvm::StringRef(*text).trim().getAsInteger(10, minPass)) {
      llvm::errs() << "cannot read a count from " << minPassFile << "\n";
      return 2;
    }
  }
  std::vector<std::string> selected;
  for (const std::string &name : names)
    if (filter.empty() || name.find(filter) != std::string::npos)
      selected.push_back(name);
  // Workers take tests in order; the printer prints each outcome as soon as
  // all before it are done.
  std::vector<Outcome> outcomes(selected.size());
  std::vector<char> done(selected.size(), 0);
  std::mutex mutex;
  std::condition_variable finished;
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next++) < selected.size();) {
      Outcome o = run(selected[i]);
      std::lock_guard<std::mutex> lock(mutex);
      outcomes[i] = std::move(o);
      done[i] = 1;
      finished.notify_all();
    }
  };
  std::vector<std::thread> workers;
  for (unsigned j = 1; j < std::max(1u, jobs); ++j)
    workers.emplace_back(work);
  std::thread own;
  if (!workers.empty())
    own = std::thread(work);
  else
    work();

  int passed = 0, failed = 0;
  std::map<std::string, std::vector<std::string>> groups;
  for (size_t i = 0; i < selected.size(); ++i) {
    const std::string &name = selected[i];
    Outcome o;
    {
      std::unique_lock<std::mutex> lock(mutex);
      finished.wait(lock, [&] { return done[i] != 0; });
      o = outcomes[i];
    }
    if (o.passed) {
      ++passed;
      if (verbose)
        llvm::outs() << "PASS " << name << "\n";
    } else {
      ++failed;
      llvm::outs() << "FAIL " << name << ": " << o.reason << "\n";
      groups[o.category].push_back(name);
    }
    llvm::outs().flush();
  }
  for (std::thread &w : workers)
    w.join();
  if (own.joinable())
    own.join();
  if (!groups.empty()) {
    llvm::outs() << "\nFailures by reason:\n";
    std::vector<std::pair<size_t, std::string>> order;
    for (auto &[k, v] : groups)
      order.push_back({v.size(), k});
    std::sort(order.rbegin(), order.rend());
    for (auto &[count, k] : order)
      llvm::outs() << "  " << count << "  " << k << "\n";
  }
  llvm::outs() << "\n" << title << ": at least " << minPass
               << " must pass\n";
  llvm::outs() << title << ": " << passed << " passed, " << failed
               << " failed\n";
  return passed >= minPass ? 0 : 1;
}

} // namespace mlc::conformance
