//===- Runner.cpp - measuring a candidate in an isolated child process ----===//

#include "tuner/Runner.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace mlc::tuner {

namespace {

std::string number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%g", v);
  return buf;
}

/// The last non-empty line of `text`.
std::string lastLine(const std::string &text) {
  size_t end = text.find_last_not_of("\n\r ");
  if (end == std::string::npos)
    return "";
  size_t begin = text.rfind('\n', end);
  begin = begin == std::string::npos ? 0 : begin + 1;
  return text.substr(begin, end + 1 - begin);
}

} // namespace

/// Runs `args` in a child process (its own process group, `fault` in its
/// environment) with a timeout; `output` gets its stdout and stderr. On
/// failure (timeout, signal, non-zero exit) returns false and sets `error`.
static bool runChild(std::vector<std::string> args, const std::string &fault,
                     double timeoutSeconds, std::string &output,
                     std::string &error) {
  std::vector<char *> argv;
  for (std::string &a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);

  int pipeFds[2];
  if (pipe2(pipeFds, O_CLOEXEC) != 0) {
    error = std::string("cannot create a pipe: ") + std::strerror(errno);
    return false;
  }
  pid_t pid = fork();
  if (pid < 0) {
    error = std::string("cannot fork: ") + std::strerror(errno);
    close(pipeFds[0]);
    close(pipeFds[1]);
    return false;
  }
  if (pid == 0) {
    // The child: its own process group (killed as a whole), output into
    // the pipe, the fault to inject (tests) in its environment.
    setpgid(0, 0);
    dup2(pipeFds[1], 1);
    dup2(pipeFds[1], 2);
    if (!fault.empty())
      setenv("MLC_RUN_INJECT_FAULT", fault.c_str(), 1);
    else
      unsetenv("MLC_RUN_INJECT_FAULT");
    execv(argv[0], argv.data());
    std::fprintf(stderr, "cannot run %s: %s\n", argv[0], std::strerror(errno));
    _exit(127);
  }
  setpgid(pid, pid);
  close(pipeFds[1]);
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::duration<double>(timeoutSeconds);
  auto killChild = [&](int &status) {
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    error = "timeout after " + number(timeoutSeconds) + " s";
  };
  int status = 0;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) {
      close(pipeFds[0]);
      killChild(status);
      return false;
    }
    pollfd p{pipeFds[0], POLLIN, 0};
    int r = poll(&p, 1, (int)std::min<long long>(left, 1000));
    if (r < 0 && errno == EINTR)
      continue;
    if (r == 0)
      continue;
    char buf[4096];
    ssize_t n = read(pipeFds[0], buf, sizeof(buf));
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break; // the child closed its output: it is exiting
    if (output.size() < (1 << 20))
      output.append(buf, n);
  }
  close(pipeFds[0]);
  // The output closed; wait for the exit (bounded by the same deadline).
  for (;;) {
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid)
      break;
    if (w < 0 && errno != EINTR) {
      error = std::string("waitpid: ") + std::strerror(errno);
      return false;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      killChild(status);
      return false;
    }
    usleep(1000);
  }
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    const char *name = sigabbrev_np(sig);
    error = "crashed: signal " + std::to_string(sig) +
            (name ? std::string(" (SIG") + name + ")" : std::string());
    return false;
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    size_t bad = output.find("MISMATCH");
    if (bad != std::string::npos) {
      size_t begin = output.rfind('\n', bad);
      begin = begin == std::string::npos ? 0 : begin + 1;
      size_t end = output.find('\n', bad);
      error = "wrong result: " + output.substr(begin, end - begin);
      return false;
    }
    error = "exited with status " +
            std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
            ": " + lastLine(output);
    return false;
  }
  return true;
}

/// "DIR/PREFIX_0.pb,DIR/PREFIX_1.pb,..." for the files that exist.
static std::string fileList(const std::string &dir, const char *prefix) {
  std::string list;
  for (int i = 0;; ++i) {
    std::string path = dir + "/" + prefix + "_" + std::to_string(i) + ".pb";
    if (access(path.c_str(), R_OK) != 0)
      break;
    list += (list.empty() ? "" : ",") + path;
  }
  return list;
}

Measurement measure(const std::string &library, const std::string &tag,
                    const MeasureOptions &options) {
  Measurement m;
  std::vector<std::string> args = {
      options.mlcRun,
      library,
      "--tag",
      tag,
      "--benchmark",
      "--threads",
      std::to_string(options.threads),
      "--warmup",
      std::to_string(options.warmup),
      "--runs",
      std::to_string(options.runs),
      "--min-time-ms",
      number(options.minTimeMs),
  };
  if (options.flushCache)
    args.push_back("--flush-cache");
  if (!options.referenceDir.empty()) {
    std::string inputs = fileList(options.referenceDir, "input");
    std::string expected = fileList(options.referenceDir, "output");
    if (expected.empty()) {
      m.error = "the reference outputs are missing in " + options.referenceDir;
      return m;
    }
    args.insert(args.end(), {"--inputs", inputs, "--expected", expected,
                             "--rtol", number(options.rtol), "--atol",
                             number(options.atol)});
  }
  std::string output;
  if (!runChild(args, options.injectFault, options.timeoutSeconds, output,
                m.error))
    return m;
  size_t at = output.find("median ");
  double ms = 0;
  if (at == std::string::npos ||
      std::sscanf(output.c_str() + at, "median %lf ms", &ms) != 1 || ms <= 0) {
    m.error = "no latency in mlc-run's output: " + lastLine(output);
    return m;
  }
  m.ok = true;
  m.medianMs = ms;
  return m;
}

Measurement writeReference(const std::string &library, const std::string &tag,
                           const std::string &dir,
                           const MeasureOptions &options) {
  Measurement m;
  std::vector<std::string> args = {options.mlcRun, library,  "--tag",
                                   tag,            "--threads",
                                   std::to_string(options.threads),
                                   "--write-inputs", dir, "--outputs-dir",
                                   dir};
  std::string output;
  m.ok = runChild(args, "", options.timeoutSeconds, output, m.error);
  return m;
}

} // namespace mlc::tuner
