//===- Database.h - the tuning records: append-only JSON lines ------------===//
//
// Every measurement the tuner makes is one Record, kept as one JSON object
// per line of a records file:
//
//   {"workload":"3fa2...","key":"matmul batch=1 ...","target":"znver4/...",
//    "schedule":{"mr":8,"nv":2},"status":"ok","latency_ms":0.123,
//    "trial":17,"seed":1,"time":1790000000}
//
// Records are keyed by workload hash *and* target fingerprint, so files from
// several machines can be merged and a lookup never returns a schedule
// measured elsewhere. The file is only ever appended to, under an exclusive
// flock and with fsync, so several tuner processes can share one file and a
// killed writer costs at most its own torn last line, which the next load
// skips with a warning.
//
//===----------------------------------------------------------------------===//

#ifndef MLC_TUNER_DATABASE_H
#define MLC_TUNER_DATABASE_H

#include "tuner/Task.h"

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace mlc::tuner {

/// One measurement of one schedule of one workload on one target.
struct Record {
  enum class Status { Ok, Failed };

  /// Workload hash (Task::hash) and the key it hashes (Task::key).
  std::string workload, key;
  /// Target::fingerprint() of the machine that measured it.
  std::string target;
  Schedule schedule;
  Status status = Status::Ok;
  /// Median latency in milliseconds; meaningful when status is Ok.
  double latencyMs = 0;
  /// Why the candidate failed ("timeout after 10 s", "crashed: signal 11
  /// (SIGSEGV)", "build failed: ..."); meaningful when status is Failed.
  std::string error;
  /// The trial number within its tuning run, the run's seed, and when it
  /// was measured (seconds since the Unix epoch).
  int64_t trial = 0;
  uint64_t seed = 0;
  int64_t time = 0;

  bool ok() const { return status == Status::Ok; }
  /// The record as one line of JSON (no newline), fields in a fixed order.
  std::string toJson() const;
  /// Parses one line written by toJson(); on failure returns false and says
  /// why in `error` (bad JSON, a missing or mistyped field).
  static bool fromJson(const std::string &line, Record &out,
                       std::string &error);
  bool operator==(const Record &o) const;
};

/// A records file loaded in memory; appends go to both.
/// Not thread-safe within a process; safe across processes sharing a file.
class Database {
public:
  /// Opens (creating it and its directory if missing) and loads the records
  /// file at `path`. Malformed lines are skipped and listed in warnings();
  /// returns null with `error` set only when the file cannot be read.
  static std::unique_ptr<Database> open(const std::string &path,
                                        std::string &error);

  /// "FILE:LINE: reason" for every line that open() skipped.
  const std::vector<std::string> &warnings() const { return warnings_; }

  /// Appends `r` durably (O_APPEND, flock, fsync; repairs a torn last line
  /// first) and adds it to memory. False with `error` set on failure, in
  /// which case neither the file nor memory changed.
  bool append(const Record &r, std::string &error);

  /// Every record of `workload` measured on `target`, in file order. The
  /// pointers stay valid for the lifetime of the database.
  std::vector<const Record *> records(const std::string &workload,
                                      const std::string &target) const;

  /// The ok record with the lowest latency for `workload` on `target` (the
  /// earliest on ties), or null when there is none.
  const Record *best(const std::string &workload,
                     const std::string &target) const;

  /// Schedule::hash() of every schedule measured (ok or failed) for
  /// `workload` on `target`: what the search need not measure again.
  std::set<uint64_t> measuredScheduleHashes(const std::string &workload,
                                            const std::string &target) const;

  /// Number of records loaded or appended.
  size_t size() const { return records_.size(); }

  /// Writes the union of the records of `inputs` and of `output` itself (its
  /// current records are never dropped) to `output`, without exact
  /// duplicates, in input order. Writes a temporary file beside `output` and
  /// renames it over `output` while holding its lock, so concurrent appenders
  /// lose nothing. Skipped malformed lines go to `warnings` when given.
  static bool merge(const std::vector<std::string> &inputs,
                    const std::string &output, std::string &error,
                    std::vector<std::string> *warnings = nullptr);

private:
  explicit Database(std::string path) : path_(std::move(path)) {}
  void add(Record r);

  std::string path_;
  std::deque<Record> records_; // a deque: pointers survive push_back
  std::map<std::pair<std::string, std::string>, std::vector<const Record *>>
      index_;
  std::vector<std::string> warnings_;
};

} // namespace mlc::tuner

#endif // MLC_TUNER_DATABASE_H
