//===- ConformanceCommon.h - reading ONNX backend node tests ---------------===//
//
// Shared by the conformance drivers: a test's model, its input and expected
// output tensors, and the inputs to specialize as constants.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_TEST_E2E_CONFORMANCE_CONFORMANCECOMMON_H
#define MLC_TEST_E2E_CONFORMANCE_CONFORMANCECOMMON_H

#include "compiler/onnx/Importer.h"

#include <onnx/onnx_pb.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mlc::conformance {

/// One ONNX node test: test_data_set_0 of DIR/NAME.
struct TestCase {
  std::string name, dir;
  std::string modelBytes;
  /// Graph inputs specialized as constants (--const-input), and the
  /// remaining runtime inputs' data, in graph-input order.
  ImportOptions options;
  std::vector<onnx::TensorProto> runtimeInputs;
  std::vector<onnx::TensorProto> expectedOutputs;
  /// The files those came from.
  std::vector<std::string> runtimeInputFiles, expectedOutputFiles;
};

/// Loads test `name` from `dataDir`; std::nullopt and `error` set on
/// missing or unreadable files.
std::optional<TestCase> loadTest(const std::string &dataDir,
                                 const std::string &name, std::string &error);

/// The names listed in a test-list file (one a line, '#' comments).
std::vector<std::string> readTestList(const std::string &path, bool &ok);

/// The result of one test.
struct Outcome {
  bool passed = false;
  std::string reason;   ///< why it failed
  std::string category; ///< for grouping failures
};

/// Runs `run` on each test of `listFile` (containing `filter`), prints each
/// failure and the failures grouped by category, then "N passed, M failed";
/// returns 0 if at least the count in `minPassFile` passed (0 without one).
/// With `jobs` > 1, `run` is called from that many threads at once (results
/// are still printed in list order).
int runSuite(const std::string &title, const std::string &listFile,
             const std::string &minPassFile, const std::string &filter,
             bool verbose,
             const std::function<Outcome(const std::string &)> &run,
             unsigned jobs = 1);

/// Reads a whole file.
std::optional<std::string> readFile(const std::string &path);

} // namespace mlc::conformance

#endif // MLC_TEST_E2E_CONFORMANCE_CONFORMANCECOMMON_H
