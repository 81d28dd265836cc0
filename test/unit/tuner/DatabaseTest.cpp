//===- DatabaseTest.cpp - unit tests of the tuning records database -------===//
//
// Round trips through the file, best() and the other queries keyed by
// workload and target, recovery from corrupt and torn lines, appends from
// several processes at once (also while the file is being merged over), and
// merging files.
//
//===----------------------------------------------------------------------===//

#include "tuner/Database.h"
#include "test/unit/tuner/TempDir.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

using namespace mlc::tuner;
using mlc::tuner::testing::TempDir;

namespace {

const char *kTarget = "znver4/avx2,avx512f,fma/t1/mlc-0.1";
const char *kOtherTarget = "skylake/avx2,fma/t1/mlc-0.1";
const char *kWorkload = "3fa2000000000001";

Record okRecord(const std::string &workload, const std::string &target,
                int64_t mr, double latencyMs, int64_t trial = 0) {
  Record r;
  r.workload = workload;
  r.key = "matmul batch=1 k=64 m=64 n=64";
  r.target = target;
  r.schedule.knobs = {{"mr", mr}, {"nv", 2}};
  r.latencyMs = latencyMs;
  r.trial = trial;
  r.seed = 1;
  r.time = 1790000000 + trial;
  return r;
}

Record failedRecord(const std::string &workload, const std::string &target,
                    int64_t mr, const std::string &error) {
  Record r = okRecord(workload, target, mr, 0);
  r.status = Record::Status::Failed;
  r.error = error;
  return r;
}

std::string readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void writeFile(const std::string &path, const std::string &text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::unique_ptr<Database> openOrFail(const std::string &path) {
  std::string error;
  std::unique_ptr<Database> db = Database::open(path, error);
  EXPECT_TRUE(db) << error;
  return db;
}

size_t countLines(const std::string &text) {
  return std::count(text.begin(), text.end(), '\n');
}

TEST(Database, JsonLineFormat) {
  Record r = okRecord(kWorkload, kTarget, 8, 0.123, 17);
  EXPECT_EQ(r.toJson(),
            "{\"workload\":\"3fa2000000000001\",\"key\":\"matmul batch=1 "
            "k=64 m=64 n=64\",\"target\":\"znver4/avx2,avx512f,fma/t1/"
            "mlc-0.1\",\"schedule\":{\"mr\":8,\"nv\":2},\"status\":\"ok\","
            "\"latency_ms\":0.123,\"trial\":17,\"seed\":1,\"time\":"
            "1790000017}");
  Record f = failedRecord(kWorkload, kTarget, 4, "timeout after 10 s");
  std::string line = f.toJson();
  EXPECT_NE(line.find("\"status\":\"failed\",\"error\":\"timeout after 10 s\""),
            std::string::npos)
      << line;
  EXPECT_EQ(line.find("latency_ms"), std::string::npos);
}

TEST(Database, RecordJsonRoundTrip) {
  Record r = okRecord(kWorkload, kTarget, 8, 1.0 / 3.0, 5);
  r.seed = 0xfedcba9876543210ULL; // above INT64_MAX
  r.schedule.knobs["neg"] = -4;
  Record back;
  std::string error;
  ASSERT_TRUE(Record::fromJson(r.toJson(), back, error)) << error;
  EXPECT_EQ(back, r);

  Record f = failedRecord(kWorkload, kTarget, 2,
                          "build failed: \"quoted\"\nsecond line\ttab é");
  ASSERT_TRUE(Record::fromJson(f.toJson(), back, error)) << error;
  EXPECT_EQ(back, f);
  EXPECT_EQ(f.toJson().find('\n'), std::string::npos);

  Record empty = okRecord(kWorkload, kTarget, 1, 2.5);
  empty.schedule.knobs.clear();
  ASSERT_TRUE(Record::fromJson(empty.toJson(), back, error)) << error;
  EXPECT_TRUE(back.schedule.empty());
}

TEST(Database, RecordFromJsonRejects) {
  std::string good = okRecord(kWorkload, kTarget, 8, 0.5).toJson();
  Record r;
  std::string error;
  ASSERT_TRUE(Record::fromJson(good, r, error));
  auto without = [&](const std::string &field) {
    // The good line less `"field":value`.
    llvm::json::Value v = *llvm::json::parse(good);
    v.getAsObject()->erase(field);
    std::string s;
    llvm::raw_string_ostream os(s);
    os << v;
    return os.str();
  };
  for (const char *field : {"workload", "key", "target", "schedule", "status",
                            "latency_ms", "trial", "seed", "time"}) {
    std::string line = without(field);
    EXPECT_FALSE(Record::fromJson(line, r, error)) << line;
    EXPECT_NE(error.find(field), std::string::npos) << error;
  }
  for (const char *bad :
       {"", "garbage", "[1,2]", "{\"workload\":", "null",
        "{\"workload\":\"a\",\"key\":\"k\",\"target\":\"t\",\"schedule\":"
        "{\"mr\":1.5},\"status\":\"ok\",\"latency_ms\":1,\"trial\":0,"
        "\"seed\":0,\"time\":0}",
        "{\"workload\":\"a\",\"key\":\"k\",\"target\":\"t\",\"schedule\":"
        "{\"m,r\":1},\"status\":\"ok\",\"latency_ms\":1,\"trial\":0,"
        "\"seed\":0,\"time\":0}",
        "{\"workload\":\"a\",\"key\":\"k\",\"target\":\"t\",\"schedule\":"
        "{},\"status\":\"fine\",\"latency_ms\":1,\"trial\":0,"
        "\"seed\":0,\"time\":0}",
        "{\"workload\":\"a\",\"key\":\"k\",\"target\":\"t\",\"schedule\":"
        "{},\"status\":\"ok\",\"latency_ms\":-1,\"trial\":0,"
        "\"seed\":0,\"time\":0}",
        "{\"workload\":\"a\",\"key\":\"k\",\"target\":\"t\",\"schedule\":"
        "{},\"status\":\"ok\",\"latency_ms\":1,\"trial\":0,"
        "\"seed\":-1,\"time\":0}"})
    EXPECT_FALSE(Record::fromJson(bad, r, error)) << bad;
  // A failed record needs no latency.
  std::string failed =
      failedRecord(kWorkload, kTarget, 1, "crashed: signal 11 (SIGSEGV)")
          .toJson();
  ASSERT_TRUE(Record::fromJson(failed, r, error)) << error;
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error, "crashed: signal 11 (SIGSEGV)");
}

TEST(Database, RoundTrip) {
  TempDir dir;
  std::string path = dir.file("sub/dir/records.jsonl");
  std::vector<Record> written = {
      okRecord(kWorkload, kTarget, 8, 0.123, 1),
      failedRecord(kWorkload, kTarget, 16, "crashed: signal 11 (SIGSEGV)"),
      okRecord(kWorkload, kOtherTarget, 4, 0.5, 3),
      okRecord("0123456789abcdef", kTarget, 2, 7.25, 4)};
  {
    std::unique_ptr<Database> db = openOrFail(path); // creates the file
    ASSERT_TRUE(db);
    EXPECT_TRUE(llvm::sys::fs::exists(path));
    EXPECT_EQ(db->size(), 0u);
    EXPECT_TRUE(db->warnings().empty());
    std::string error;
    for (const Record &r : written)
      ASSERT_TRUE(db->append(r, error)) << error;
    EXPECT_EQ(db->size(), written.size());
    // Appends are visible in memory right away.
    ASSERT_EQ(db->records(kWorkload, kTarget).size(), 2u);
    EXPECT_EQ(*db->records(kWorkload, kTarget)[1], written[1]);
  }
  std::string text = readFile(path);
  EXPECT_EQ(countLines(text), written.size());
  EXPECT_EQ(text.back(), '\n');

  std::unique_ptr<Database> db = openOrFail(path);
  ASSERT_TRUE(db);
  EXPECT_TRUE(db->warnings().empty());
  ASSERT_EQ(db->size(), written.size());
  std::vector<const Record *> mine = db->records(kWorkload, kTarget);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(*mine[0], written[0]);
  EXPECT_EQ(*mine[1], written[1]);
  ASSERT_EQ(db->records(kWorkload, kOtherTarget).size(), 1u);
  EXPECT_EQ(*db->records(kWorkload, kOtherTarget)[0], written[2]);
  ASSERT_EQ(db->records("0123456789abcdef", kTarget).size(), 1u);
  EXPECT_EQ(*db->records("0123456789abcdef", kTarget)[0], written[3]);
  EXPECT_TRUE(db->records("0123456789abcdef", kOtherTarget).empty());
}

TEST(Database, BestAndMeasured) {
  TempDir dir;
  std::unique_ptr<Database> db = openOrFail(dir.file("r.jsonl"));
  ASSERT_TRUE(db);
  std::string error;
  EXPECT_EQ(db->best(kWorkload, kTarget), nullptr);
  for (const Record &r :
       {okRecord(kWorkload, kTarget, 1, 2.0, 1),
        failedRecord(kWorkload, kTarget, 2, "timeout after 10 s"), // 0 ms
        okRecord(kWorkload, kTarget, 3, 0.75, 3),
        okRecord(kWorkload, kOtherTarget, 4, 0.01, 4), // faster, elsewhere
        okRecord("ffffffffffffffff", kTarget, 5, 0.02, 5),
        okRecord(kWorkload, kTarget, 6, 0.75, 6), // ties: the earliest wins
        okRecord(kWorkload, kTarget, 7, 1.5, 7)})
    ASSERT_TRUE(db->append(r, error)) << error;

  for (int pass = 0; pass < 2; ++pass) {
    const Record *best = db->best(kWorkload, kTarget);
    ASSERT_NE(best, nullptr);
    EXPECT_EQ(best->schedule.get("mr"), 3);
    EXPECT_EQ(best->trial, 3);
    EXPECT_DOUBLE_EQ(best->latencyMs, 0.75);
    ASSERT_NE(db->best(kWorkload, kOtherTarget), nullptr);
    EXPECT_EQ(db->best(kWorkload, kOtherTarget)->schedule.get("mr"), 4);

    std::set<uint64_t> measured =
        db->measuredScheduleHashes(kWorkload, kTarget);
    EXPECT_EQ(measured.size(), 5u); // failed ones count as measured
    for (int64_t mr : {1, 2, 3, 6, 7})
      EXPECT_EQ(measured.count(okRecord("", "", mr, 0).schedule.hash()), 1u);
    EXPECT_EQ(measured.count(okRecord("", "", 4, 0).schedule.hash()), 0u);
    EXPECT_TRUE(db->measuredScheduleHashes("nope", kTarget).empty());
    // The same answers after a reload.
    db = openOrFail(dir.file("r.jsonl"));
    ASSERT_TRUE(db);
  }

  // Only failures: no best.
  ASSERT_TRUE(db->append(failedRecord("eeee", kTarget, 1, "x"), error));
  EXPECT_EQ(db->best("eeee", kTarget), nullptr);
}

TEST(Database, AppendRejectsInvalidRecords) {
  TempDir dir;
  std::string path = dir.file("r.jsonl");
  std::unique_ptr<Database> db = openOrFail(path);
  ASSERT_TRUE(db);
  std::string error;
  EXPECT_FALSE(db->append(okRecord(kWorkload, kTarget, 1, NAN), error));
  EXPECT_FALSE(error.empty());
  EXPECT_FALSE(db->append(okRecord(kWorkload, kTarget, 1, INFINITY), error));
  EXPECT_FALSE(db->append(okRecord(kWorkload, kTarget, 1, -1.0), error));
  EXPECT_FALSE(db->append(okRecord("", kTarget, 1, 1.0), error));
  EXPECT_FALSE(db->append(okRecord(kWorkload, "", 1, 1.0), error));
  EXPECT_EQ(db->size(), 0u);
  EXPECT_EQ(readFile(path), "");
}

TEST(Database, CorruptLinesAreSkippedWithWarnings) {
  TempDir dir;
  std::string path = dir.file("r.jsonl");
  Record a = okRecord(kWorkload, kTarget, 1, 1.0, 1);
  Record b = okRecord(kWorkload, kTarget, 2, 0.5, 2);
  Record c = failedRecord(kWorkload, kTarget, 3, "build failed: oops");
  std::string missingLatency = a.toJson();
  missingLatency.replace(missingLatency.find("\"latency_ms\":1,"),
                         std::string("\"latency_ms\":1,").size(), "");
  std::string full = b.toJson();
  std::string torn = full.substr(0, full.size() / 2);
  writeFile(path, a.toJson() + "\n" +            // 1
                      "this is not json\n" +     // 2
                      "\n" +                     // 3: blank, ignored silently
                      missingLatency + "\n" +    // 4
                      "{\"workload\":\"x\"}\n" + // 5
                      c.toJson() + "\n" +        // 6
                      "[1,2,3]\n" +              // 7
                      torn);                     // 8: killed mid-write

  std::unique_ptr<Database> db = openOrFail(path);
  ASSERT_TRUE(db);
  ASSERT_EQ(db->size(), 2u);
  EXPECT_EQ(*db->records(kWorkload, kTarget)[0], a);
  EXPECT_EQ(*db->records(kWorkload, kTarget)[1], c);
  const std::vector<std::string> &w = db->warnings();
  ASSERT_EQ(w.size(), 5u);
  EXPECT_EQ(w[0].rfind(path + ":2: bad JSON", 0), 0u) << w[0];
  EXPECT_EQ(w[1].rfind(path + ":4: field \"latency_ms\"", 0), 0u) << w[1];
  EXPECT_EQ(w[2].rfind(path + ":5: field \"key\"", 0), 0u) << w[2];
  EXPECT_EQ(w[3].rfind(path + ":7: not a JSON object", 0), 0u) << w[3];
  EXPECT_EQ(w[4].rfind(path + ":8: ", 0), 0u) << w[4];
  EXPECT_NE(w[4].find("unterminated last line"), std::string::npos) << w[4];

  // Appending after the torn line first ends it, so the new record gets a
  // line of its own and the whole file reloads.
  std::string error;
  Record d = okRecord(kWorkload, kTarget, 4, 0.25, 9);
  ASSERT_TRUE(db->append(d, error)) << error;
  EXPECT_EQ(db->size(), 3u);
  std::string text = readFile(path);
  EXPECT_NE(text.find(torn + "\n" + d.toJson() + "\n"), std::string::npos);

  std::unique_ptr<Database> again = openOrFail(path);
  ASSERT_TRUE(again);
  ASSERT_EQ(again->size(), 3u);
  EXPECT_EQ(*again->records(kWorkload, kTarget)[2], d);
  EXPECT_EQ(again->best(kWorkload, kTarget)->schedule.get("mr"), 4);
  ASSERT_EQ(again->warnings().size(), 5u); // the torn line stays garbage
  EXPECT_EQ(again->warnings()[4].find("unterminated"), std::string::npos);

  // A further append needs no repair; nothing new goes wrong.
  ASSERT_TRUE(again->append(okRecord(kWorkload, kTarget, 5, 3.0, 10), error));
  std::unique_ptr<Database> third = openOrFail(path);
  ASSERT_TRUE(third);
  EXPECT_EQ(third->size(), 4u);
  EXPECT_EQ(third->warnings().size(), 5u);
}

TEST(Database, CompleteLastLineWithoutNewlineLoads) {
  TempDir dir;
  std::string path = dir.file("r.jsonl");
  Record a = okRecord(kWorkload, kTarget, 1, 1.0, 1);
  writeFile(path, a.toJson()); // the '\n' was never written
  std::unique_ptr<Database> db = openOrFail(path);
  ASSERT_TRUE(db);
  EXPECT_EQ(db->size(), 1u);
  EXPECT_TRUE(db->warnings().empty());
  std::string error;
  Record b = okRecord(kWorkload, kTarget, 2, 2.0, 2);
  ASSERT_TRUE(db->append(b, error)) << error;
  EXPECT_EQ(readFile(path), a.toJson() + "\n" + b.toJson() + "\n");
}

TEST(Database, OpenFailsOnUnreadablePath) {
  TempDir dir;
  std::string error;
  // A directory is not a records file.
  EXPECT_EQ(Database::open(dir.path(), error), nullptr);
  EXPECT_FALSE(error.empty());
  writeFile(dir.file("plain"), "");
  error.clear();
  EXPECT_EQ(Database::open(dir.file("plain/child.jsonl"), error), nullptr);
  EXPECT_FALSE(error.empty());
}

/// Runs `body` in `n` child processes; expects each to exit with 0.
template <typename Body> void inChildren(int n, Body body) {
  std::vector<pid_t> children;
  for (int i = 0; i < n; ++i) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0)
      ::_exit(body(i));
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << "child status " << status;
  }
}

/// Appends `count` records with trial = child * 1000 + i; the exit status.
int appendInChild(const std::string &path, int child, int count) {
  std::string error;
  std::unique_ptr<Database> db = Database::open(path, error);
  if (!db)
    return 2;
  for (int i = 0; i < count; ++i) {
    Record r = okRecord(kWorkload, kTarget, child, 1.0 + i, child * 1000 + i);
    r.seed = child;
    if (!db->append(r, error))
      return 3;
  }
  return 0;
}

TEST(Database, ConcurrentAppendsFromProcesses) {
  TempDir dir;
  std::string path = dir.file("shared.jsonl");
  inChildren(4, [&](int child) { return appendInChild(path, child, 200); });

  std::unique_ptr<Database> db = openOrFail(path);
  ASSERT_TRUE(db);
  EXPECT_TRUE(db->warnings().empty());
  ASSERT_EQ(db->size(), 800u);
  std::set<int64_t> trials;
  for (const Record *r : db->records(kWorkload, kTarget)) {
    trials.insert(r->trial);
    EXPECT_EQ(r->schedule.get("mr"), r->trial / 1000);
  }
  EXPECT_EQ(trials.size(), 800u);
  EXPECT_EQ(countLines(readFile(path)), 800u);
}

TEST(Database, AppendsDuringMergeAreNotLost) {
  TempDir dir;
  std::string path = dir.file("shared.jsonl");
  {
    std::unique_ptr<Database> db = openOrFail(path);
    ASSERT_TRUE(db);
    std::string error;
    for (int i = 0; i < 10; ++i)
      ASSERT_TRUE(
          db->append(okRecord(kWorkload, kOtherTarget, 9, 1, i), error));
  }
  // Two children append while a third merges the file over itself again and
  // again (each merge renames a new file over the path).
  inChildren(3, [&](int child) {
    if (child < 2)
      return appendInChild(path, child, 150);
    std::string error;
    for (int i = 0; i < 40; ++i)
      if (!Database::merge({path}, path, error))
        return 4;
    return 0;
  });
  std::unique_ptr<Database> db = openOrFail(path);
  ASSERT_TRUE(db);
  EXPECT_TRUE(db->warnings().empty());
  EXPECT_EQ(db->records(kWorkload, kTarget).size(), 300u);
  EXPECT_EQ(db->records(kWorkload, kOtherTarget).size(), 10u);
}

TEST(Database, MergeTwoFiles) {
  TempDir dir;
  std::string a = dir.file("a.jsonl"), b = dir.file("b.jsonl");
  Record r1 = okRecord(kWorkload, kTarget, 1, 1.0, 1);
  Record r2 = okRecord(kWorkload, kTarget, 2, 0.5, 2);
  Record r3 = failedRecord(kWorkload, kTarget, 3, "timeout after 10 s");
  Record r4 = okRecord(kWorkload, kOtherTarget, 1, 0.1, 1);
  Record r2later = r2; // the same schedule measured again: kept
  r2later.latencyMs = 0.4;
  r2later.time += 100;
  writeFile(a, r1.toJson() + "\n" + r2.toJson() + "\n" + r3.toJson() + "\n");
  writeFile(b, r2.toJson() + "\n" + "garbage\n" + r4.toJson() + "\n" +
                   r2later.toJson() + "\n" + r1.toJson() + "\n");

  std::string error;
  std::vector<std::string> warnings;
  std::string c = dir.file("out/c.jsonl");
  ASSERT_TRUE(Database::merge({a, b}, c, error, &warnings)) << error;
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].rfind(b + ":2: ", 0), 0u) << warnings[0];
  EXPECT_EQ(readFile(c), r1.toJson() + "\n" + r2.toJson() + "\n" + r3.toJson() +
                             "\n" + r4.toJson() + "\n" + r2later.toJson() +
                             "\n");
  std::unique_ptr<Database> merged = openOrFail(c);
  ASSERT_TRUE(merged);
  EXPECT_EQ(merged->size(), 5u);
  EXPECT_DOUBLE_EQ(merged->best(kWorkload, kTarget)->latencyMs, 0.4);
  EXPECT_DOUBLE_EQ(merged->best(kWorkload, kOtherTarget)->latencyMs, 0.1);

  // Merging again changes nothing.
  std::string before = readFile(c);
  ASSERT_TRUE(Database::merge({a, b, c}, c, error)) << error;
  EXPECT_EQ(readFile(c), before);

  // Merging into an input keeps that input's records, even when it is not
  // listed: nothing already in the output is lost.
  ASSERT_TRUE(Database::merge({b}, a, error)) << error;
  std::unique_ptr<Database> intoA = openOrFail(a);
  ASSERT_TRUE(intoA);
  EXPECT_EQ(intoA->size(), 5u);
  EXPECT_TRUE(intoA->warnings().empty()); // the garbage line is gone
  EXPECT_EQ(*intoA->records(kWorkload, kTarget)[0], r1);

  // No temporary files are left behind.
  std::error_code ec;
  int entries = 0;
  for (llvm::sys::fs::directory_iterator it(dir.path(), ec), end;
       it != end && !ec; it.increment(ec))
    ++entries;
  EXPECT_EQ(entries, 3); // a, b, out/
}

TEST(Database, MergeWithMissingInputChangesNothing) {
  TempDir dir;
  std::string a = dir.file("a.jsonl");
  std::string text = okRecord(kWorkload, kTarget, 1, 1.0, 1).toJson() + "\n";
  writeFile(a, text);
  std::string error;
  EXPECT_FALSE(Database::merge({dir.file("missing.jsonl")}, a, error));
  EXPECT_NE(error.find("missing.jsonl"), std::string::npos) << error;
  EXPECT_EQ(readFile(a), text);
  // Nor does it leave an empty output behind when there was none.
  std::string fresh = dir.file("fresh.jsonl");
  EXPECT_FALSE(Database::merge({a, dir.file("missing.jsonl")}, fresh, error));
  EXPECT_FALSE(llvm::sys::fs::exists(fresh));
}

} // namespace
