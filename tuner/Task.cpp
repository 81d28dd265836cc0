//===- Task.cpp - canonical text and hashes of tasks, targets, schedules --===//
//
// Implements the plain-data helpers of Task.h: the canonical text of a
// schedule and its parser, workload keys and their hashes, target
// fingerprints, and the FNV-1a hash they all use.
//
//===----------------------------------------------------------------------===//

#include "tuner/Task.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>

namespace mlc::tuner {

uint64_t fnv1a(const std::string &text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string hex64(uint64_t v) {
  static const char digits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4)
    out[i] = digits[v & 0xf];
  return out;
}

std::string Schedule::str() const {
  if (knobs.empty())
    return "default";
  std::string out;
  for (const auto &[name, value] : knobs) {
    if (!out.empty())
      out += ',';
    out += name;
    out += '=';
    out += std::to_string(value);
  }
  return out;
}

/// A knob name: a letter or '_' then letters, digits and '_'.
static bool isKnobName(const std::string &name) {
  if (name.empty() || !(std::isalpha((unsigned char)name[0]) || name[0] == '_'))
    return false;
  for (unsigned char c : name)
    if (!std::isalnum(c) && c != '_')
      return false;
  return true;
}

/// A decimal int64 with an optional '-', nothing else.
static bool parseInt64(const std::string &text, int64_t &out) {
  size_t digitsAt = !text.empty() && text[0] == '-' ? 1 : 0;
  if (text.size() == digitsAt)
    return false;
  for (size_t i = digitsAt; i < text.size(); ++i)
    if (!std::isdigit((unsigned char)text[i]))
      return false;
  errno = 0;
  char *end = nullptr;
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (errno == ERANGE || *end != '\0')
    return false;
  out = v;
  return true;
}

bool Schedule::parse(const std::string &text, Schedule &out) {
  Schedule result;
  if (text != "default") {
    size_t begin = 0;
    while (true) {
      size_t comma = text.find(',', begin);
      std::string item =
          text.substr(begin, comma == std::string::npos ? std::string::npos
                                                        : comma - begin);
      size_t eq = item.find('=');
      if (eq == std::string::npos)
        return false;
      std::string name = item.substr(0, eq);
      int64_t value;
      if (!isKnobName(name) || !parseInt64(item.substr(eq + 1), value))
        return false;
      if (!result.knobs.emplace(name, value).second)
        return false; // the same knob twice
      if (comma == std::string::npos)
        break;
      begin = comma + 1;
    }
  }
  out = std::move(result);
  return true;
}

uint64_t Schedule::hash() const { return fnv1a(str()); }

void Task::computeKey() {
  key = kind;
  for (const auto &[name, value] : params)
    key += " " + name + "=" + std::to_string(value);
  hash = hex64(fnv1a(key));
}

std::string Target::fingerprint() const {
  return cpu + "/" + features + "/t" + std::to_string(threads) + "/mlc-" +
         mlcVersion;
}

bool writeFileAtomically(const std::string &path, std::string_view bytes,
                         std::string &error) {
  if (llvm::Error e = llvm::writeToOutput(path, [&](llvm::raw_ostream &os) {
        os.write(bytes.data(), bytes.size());
        return llvm::Error::success();
      })) {
    error = "cannot write '" + path + "': " + llvm::toString(std::move(e));
    return false;
  }
  return true;
}

} // namespace mlc::tuner
