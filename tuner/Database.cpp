//===- Database.cpp - the tuning records: append-only JSON lines ----------===//
//
// Loading skips (and reports) any line that is not a complete record, so a
// torn line from a killed writer or a hand-edited file never stops a run.
// Appending opens the file with O_APPEND, takes an exclusive flock on the
// file the path names at that moment (a merge may have renamed a new file
// over it meanwhile), ends a torn last line with '\n', writes the record in
// one write loop and fsyncs before unlocking. Merging holds the output's
// lock while it writes a temporary file beside it and renames it over it.
//
//===----------------------------------------------------------------------===//

#include "tuner/Database.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mlc::tuner {

//===----------------------------------------------------------------------===//
// Record <-> JSON
//===----------------------------------------------------------------------===//

/// The shortest decimal text that reads back as exactly `v`.
static std::string formatDouble(double v) {
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof(buf), "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v)
      break;
  }
  return buf;
}

/// JSON strings must be UTF-8; error texts from crashed candidates may not be.
static std::string utf8(const std::string &s) {
  return llvm::json::isUTF8(s) ? s : llvm::json::fixUTF8(s);
}

std::string Record::toJson() const {
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::json::OStream j(os);
  j.object([&] {
    j.attribute("workload", utf8(workload));
    j.attribute("key", utf8(key));
    j.attribute("target", utf8(target));
    j.attributeObject("schedule", [&] {
      for (const auto &[name, value] : schedule.knobs)
        j.attribute(utf8(name), value);
    });
    j.attribute("status", ok() ? "ok" : "failed");
    if (ok()) {
      j.attributeBegin("latency_ms");
      j.rawValue(std::isfinite(latencyMs) ? formatDouble(latencyMs) : "null");
      j.attributeEnd();
    } else {
      j.attribute("error", utf8(error));
    }
    j.attribute("trial", trial);
    j.attribute("seed", seed);
    j.attribute("time", time);
  });
  os.flush();
  return text;
}

bool Record::fromJson(const std::string &line, Record &out,
                      std::string &error) {
  llvm::Expected<llvm::json::Value> parsed = llvm::json::parse(line);
  if (!parsed) {
    error = "bad JSON: " + llvm::toString(parsed.takeError());
    return false;
  }
  const llvm::json::Object *o = parsed->getAsObject();
  if (!o) {
    error = "not a JSON object";
    return false;
  }
  auto fail = [&](const char *field, const char *what) {
    error = std::string("field \"") + field + "\" " + what;
    return false;
  };
  Record r;
  struct {
    const char *name;
    std::string *dst;
  } strings[] = {
      {"workload", &r.workload}, {"key", &r.key}, {"target", &r.target}};
  for (auto &s : strings) {
    std::optional<llvm::StringRef> v = o->getString(s.name);
    if (!v)
      return fail(s.name, "is missing or not a string");
    *s.dst = v->str();
  }
  if (r.workload.empty())
    return fail("workload", "is empty");

  const llvm::json::Object *sched = o->getObject("schedule");
  if (!sched)
    return fail("schedule", "is missing or not an object");
  for (const auto &kv : *sched) {
    std::optional<int64_t> v = kv.second.getAsInteger();
    if (!v)
      return fail("schedule", "has a value that is not an integer");
    r.schedule.knobs[kv.first.str()] = *v;
  }
  Schedule check; // knob names must survive the schedule's text form
  if (!Schedule::parse(r.schedule.str(), check) || !(check == r.schedule))
    return fail("schedule", "has an invalid knob name");

  std::optional<llvm::StringRef> status = o->getString("status");
  if (!status || (*status != "ok" && *status != "failed"))
    return fail("status", "is not \"ok\" or \"failed\"");
  r.status = *status == "ok" ? Status::Ok : Status::Failed;
  if (r.ok()) {
    std::optional<double> latency = o->getNumber("latency_ms");
    if (!latency)
      return fail("latency_ms", "is missing or not a number");
    if (!std::isfinite(*latency) || *latency < 0)
      return fail("latency_ms", "is negative or not finite");
    r.latencyMs = *latency;
  } else if (const llvm::json::Value *e = o->get("error")) {
    std::optional<llvm::StringRef> text = e->getAsString();
    if (!text)
      return fail("error", "is not a string");
    r.error = text->str();
  }

  std::optional<int64_t> trial = o->getInteger("trial");
  if (!trial)
    return fail("trial", "is missing or not an integer");
  r.trial = *trial;
  const llvm::json::Value *seed = o->get("seed");
  std::optional<uint64_t> seedValue = seed ? seed->getAsUINT64() : std::nullopt;
  if (!seedValue)
    return fail("seed", "is missing or not an unsigned integer");
  r.seed = *seedValue;
  std::optional<int64_t> time = o->getInteger("time");
  if (!time)
    return fail("time", "is missing or not an integer");
  r.time = *time;

  out = std::move(r);
  return true;
}

bool Record::operator==(const Record &o) const {
  return workload == o.workload && key == o.key && target == o.target &&
         schedule == o.schedule && status == o.status &&
         latencyMs == o.latencyMs && error == o.error && trial == o.trial &&
         seed == o.seed && time == o.time;
}

//===----------------------------------------------------------------------===//
// File helpers
//===----------------------------------------------------------------------===//

namespace {

/// "VERB PATH: strerror(errno)".
std::string sysError(const char *verb, const std::string &path) {
  return std::string(verb) + " " + path + ": " + std::strerror(errno);
}

/// Closes a descriptor (and so releases its flock) when it goes out of scope.
struct FileDescriptor {
  int fd = -1;
  explicit FileDescriptor(int fd = -1) : fd(fd) {}
  FileDescriptor(const FileDescriptor &) = delete;
  FileDescriptor &operator=(const FileDescriptor &) = delete;
  ~FileDescriptor() {
    if (fd >= 0)
      ::close(fd);
  }
};

bool lockFile(int fd, int operation) {
  while (::flock(fd, operation) != 0)
    if (errno != EINTR)
      return false;
  return true;
}

/// Opens `path` and flocks it with `operation`. Retries when, by the time the
/// lock is held, the path names another file (a merge renamed one over it),
/// so that the lock and what follows apply to the file the path names.
int openLocked(const std::string &path, int flags, int operation,
               std::string &error) {
  for (int attempt = 0; attempt < 1000; ++attempt) {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
    if (fd < 0) {
      error = sysError("cannot open", path);
      return -1;
    }
    if (!lockFile(fd, operation)) {
      error = sysError("cannot lock", path);
      ::close(fd);
      return -1;
    }
    struct stat held, named;
    if (::fstat(fd, &held) != 0) {
      error = sysError("cannot stat", path);
      ::close(fd);
      return -1;
    }
    if (::stat(path.c_str(), &named) == 0 && held.st_dev == named.st_dev &&
        held.st_ino == named.st_ino)
      return fd;
    ::close(fd); // replaced (or removed) while we waited: try again
  }
  error = "cannot lock " + path + ": it keeps being replaced";
  return -1;
}

bool readAll(int fd, const std::string &path, std::string &out,
             std::string &error) {
  out.clear();
  char buf[1 << 16];
  for (off_t offset = 0;;) {
    ssize_t n = ::pread(fd, buf, sizeof(buf), offset);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      error = sysError("cannot read", path);
      return false;
    }
    if (n == 0)
      return true;
    out.append(buf, n);
    offset += n;
  }
}

bool writeAll(int fd, const std::string &path, const std::string &data,
              std::string &error) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      if (n == 0)
        errno = EIO;
      error = sysError("cannot write", path);
      return false;
    }
    done += n;
  }
  return true;
}

bool createParentDirectory(const std::string &path, std::string &error) {
  llvm::StringRef dir = llvm::sys::path::parent_path(path);
  if (dir.empty())
    return true;
  if (std::error_code ec = llvm::sys::fs::create_directories(dir)) {
    error = "cannot create directory " + dir.str() + ": " + ec.message();
    return false;
  }
  return true;
}

/// Parses the lines of a records file; bad lines become warnings.
void parseRecords(const std::string &path, const std::string &content,
                  std::vector<Record> &records,
                  std::vector<std::string> &warnings) {
  size_t lineNumber = 0;
  for (size_t begin = 0; begin < content.size();) {
    ++lineNumber;
    size_t end = content.find('\n', begin);
    bool unterminated = end == std::string::npos;
    if (unterminated)
      end = content.size();
    std::string line = content.substr(begin, end - begin);
    begin = end + 1;
    if (llvm::StringRef(line).trim().empty())
      continue;
    Record r;
    std::string reason;
    if (Record::fromJson(line, r, reason)) {
      records.push_back(std::move(r));
      continue;
    }
    if (unterminated)
      reason += " (unterminated last line: a writer was probably killed)";
    warnings.push_back(path + ":" + std::to_string(lineNumber) + ": " + reason);
  }
}

bool validForAppend(const Record &r, std::string &error) {
  if (r.workload.empty() || r.target.empty()) {
    error = "record has no workload or no target";
    return false;
  }
  if (r.ok() && !(std::isfinite(r.latencyMs) && r.latencyMs >= 0)) {
    error = "ok record with latency " + std::to_string(r.latencyMs);
    return false;
  }
  return true;
}

} // namespace

//===----------------------------------------------------------------------===//
// Database
//===----------------------------------------------------------------------===//

std::unique_ptr<Database> Database::open(const std::string &path,
                                         std::string &error) {
  if (!createParentDirectory(path, error))
    return nullptr;
  // A shared lock: appenders hold an exclusive one while they write, so we
  // never see half of a line that is being written.
  FileDescriptor file(openLocked(path, O_RDONLY | O_CREAT, LOCK_SH, error));
  if (file.fd < 0)
    return nullptr;
  std::string content;
  if (!readAll(file.fd, path, content, error))
    return nullptr;

  std::unique_ptr<Database> db(new Database(path));
  std::vector<Record> loaded;
  parseRecords(path, content, loaded, db->warnings_);
  for (Record &r : loaded)
    db->add(std::move(r));
  return db;
}

void Database::add(Record r) {
  records_.push_back(std::move(r));
  const Record &stored = records_.back();
  index_[{stored.workload, stored.target}].push_back(&stored);
}

bool Database::append(const Record &r, std::string &error) {
  if (!validForAppend(r, error))
    return false;
  std::string line = r.toJson() + "\n";

  FileDescriptor file(
      openLocked(path_, O_RDWR | O_APPEND | O_CREAT, LOCK_EX, error));
  if (file.fd < 0)
    return false;
  struct stat st;
  if (::fstat(file.fd, &st) != 0) {
    error = sysError("cannot stat", path_);
    return false;
  }
  if (st.st_size > 0) {
    char last = 0;
    ssize_t n;
    do
      n = ::pread(file.fd, &last, 1, st.st_size - 1);
    while (n < 0 && errno == EINTR);
    if (n != 1) {
      error = sysError("cannot read", path_);
      return false;
    }
    if (last != '\n') // a torn line from a killed writer: end it first
      line.insert(line.begin(), '\n');
  }
  bool written = writeAll(file.fd, path_, line, error);
  if (written && ::fsync(file.fd) != 0) {
    error = sysError("cannot fsync", path_);
    written = false;
  }
  if (!written) {
    // Leave no torn line of our own behind.
    if (::ftruncate(file.fd, st.st_size) != 0)
      error += "; and cannot truncate it back";
    return false;
  }
  add(r);
  return true;
}

std::vector<const Record *> Database::records(const std::string &workload,
                                              const std::string &target) const {
  auto it = index_.find({workload, target});
  return it == index_.end() ? std::vector<const Record *>() : it->second;
}

const Record *Database::best(const std::string &workload,
                             const std::string &target) const {
  auto it = index_.find({workload, target});
  if (it == index_.end())
    return nullptr;
  const Record *best = nullptr;
  for (const Record *r : it->second)
    if (r->ok() && (!best || r->latencyMs < best->latencyMs))
      best = r;
  return best;
}

std::set<uint64_t>
Database::measuredScheduleHashes(const std::string &workload,
                                 const std::string &target) const {
  std::set<uint64_t> hashes;
  auto it = index_.find({workload, target});
  if (it != index_.end())
    for (const Record *r : it->second)
      hashes.insert(r->schedule.hash());
  return hashes;
}

bool Database::merge(const std::vector<std::string> &inputs,
                     const std::string &output, std::string &error,
                     std::vector<std::string> *warnings) {
  if (!createParentDirectory(output, error))
    return false;
  struct stat st;
  bool outputExisted = ::stat(output.c_str(), &st) == 0;
  // Hold the output's lock throughout: appenders wait, then find the new
  // file under the path (openLocked) and append to it.
  FileDescriptor lock(openLocked(output, O_RDWR | O_CREAT, LOCK_EX, error));
  if (lock.fd < 0)
    return false;
  struct stat outputStat;
  if (::fstat(lock.fd, &outputStat) != 0) {
    error = sysError("cannot stat", output);
    return false;
  }
  std::string outputContent;
  if (!readAll(lock.fd, output, outputContent, error))
    return false;

  std::vector<std::string> lines, localWarnings;
  std::set<std::string> seen;
  auto take = [&](const std::string &path, const std::string &content) {
    std::vector<Record> records;
    parseRecords(path, content, records, localWarnings);
    for (const Record &r : records) {
      std::string line = r.toJson();
      if (seen.insert(line).second)
        lines.push_back(std::move(line));
    }
  };

  // Read every input first; the output's own records come where it is
  // listed, or first when it is not.
  std::vector<std::pair<std::string, std::string>> contents;
  bool outputListed = false;
  auto failInput = [&](const std::string &message) {
    error = message;
    if (!outputExisted && outputContent.empty())
      ::unlink(output.c_str()); // do not leave an empty file we created
    return false;
  };
  for (const std::string &input : inputs) {
    if (::stat(input.c_str(), &st) != 0)
      return failInput(sysError("cannot read", input));
    if (st.st_dev == outputStat.st_dev && st.st_ino == outputStat.st_ino) {
      outputListed = true;
      contents.emplace_back(input, outputContent);
      continue;
    }
    FileDescriptor in(::open(input.c_str(), O_RDONLY | O_CLOEXEC));
    std::string content, readError;
    if (in.fd < 0)
      return failInput(sysError("cannot open", input));
    if (!readAll(in.fd, input, content, readError))
      return failInput(readError);
    contents.emplace_back(input, std::move(content));
  }
  if (!outputListed)
    take(output, outputContent);
  for (const auto &[path, content] : contents)
    take(path, content);

  std::string text;
  for (const std::string &line : lines)
    text += line + "\n";

  std::string tmp = output + ".tmp.XXXXXX";
  FileDescriptor out(::mkostemp(&tmp[0], O_CLOEXEC));
  if (out.fd < 0) {
    error = sysError("cannot create", tmp);
    return false;
  }
  auto failTmp = [&](const char *verb) {
    error = sysError(verb, tmp);
    ::unlink(tmp.c_str());
    return false;
  };
  if (::fchmod(out.fd, outputStat.st_mode & 07777) != 0)
    return failTmp("cannot chmod");
  if (!writeAll(out.fd, tmp, text, error)) {
    ::unlink(tmp.c_str());
    return false;
  }
  if (::fsync(out.fd) != 0)
    return failTmp("cannot fsync");
  int closed = ::close(out.fd);
  out.fd = -1;
  if (closed != 0)
    return failTmp("cannot close");
  if (::rename(tmp.c_str(), output.c_str()) != 0) {
    error = "cannot rename " + tmp + " over " + output + ": " +
            std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  // Make the rename itself durable.
  std::string dir = llvm::sys::path::parent_path(output).str();
  FileDescriptor dirFd(::open(dir.empty() ? "." : dir.c_str(),
                              O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dirFd.fd >= 0)
    ::fsync(dirFd.fd);
  if (warnings)
    warnings->insert(warnings->end(), localWarnings.begin(),
                     localWarnings.end());
  return true;
}

} // namespace mlc::tuner
