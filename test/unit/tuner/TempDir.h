//===- TempDir.h - a scratch directory for the tuner's unit tests ---------===//

#ifndef MLC_TEST_UNIT_TUNER_TEMPDIR_H
#define MLC_TEST_UNIT_TUNER_TEMPDIR_H

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <string>

namespace mlc::tuner::testing {

/// A fresh directory in the system's temporary directory, removed with
/// everything in it at the end of the test.
class TempDir {
public:
  TempDir() {
    llvm::SmallString<128> dir;
    EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("mlc-tuner", dir));
    path_ = dir.str().str();
    EXPECT_FALSE(path_.empty());
  }
  ~TempDir() { llvm::sys::fs::remove_directories(path_); }
  std::string file(const std::string &name) const { return path_ + "/" + name; }
  const std::string &path() const { return path_; }

private:
  std::string path_;
};

} // namespace mlc::tuner::testing

#endif // MLC_TEST_UNIT_TUNER_TEMPDIR_H
