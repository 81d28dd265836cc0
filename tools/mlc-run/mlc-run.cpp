//===- mlc-run.cpp - run a compiled model ----------------------------------===//
//
//   mlc-run model.so --test-data DIR [--rtol R] [--atol A]
//   mlc-run model.so --inputs a.pb,b.pb [--outputs-dir DIR]
//   mlc-run model.so --benchmark [--runs N] [--warmup N] [--threads T]
//
// Loads model.so and drives it through the runtime API inside it.
//
//===----------------------------------------------------------------------===//

#include "runtime/io/TensorFiles.h"
#include "tools/mlc-run/ModelLibrary.h"

#include "mlc/model_abi.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <csignal>
#include <cstring>

using mlc::io::HostTensor;

namespace {
/// The command line.
struct Options {
  std::string modelPath, tag, testData, inputsList, outputsDir, expectedList;
  std::string writeInputsDir;
  bool benchmark = false, printOutputs = false;
  bool haveInputs = false; ///< --inputs given (possibly empty: no inputs)
  unsigned runs = 100, warmup = 10;
  int threads = 0;
  double minTimeMs = 0;
  bool flushCache = false;
  double relTol = 1e-3, absTol = 1e-7;
};

const char *const kUsage =
    "usage: mlc-run MODEL.so [options]\n"
    "  --test-data DIR      run DIR/input_*.pb, compare with DIR/output_*.pb\n"
    "  --rtol R --atol A    tolerances (default 1e-3, 1e-7: ONNX's)\n"
    "  --inputs A.pb,B.pb   inputs in order; with --outputs-dir DIR writes\n"
    "                       DIR/output_<i>.pb\n"
    "  --expected X.pb,...  with --inputs: compare the outputs with these,\n"
    "                       as --test-data does\n"
    "  --benchmark          time runs (given or pseudo-random inputs) and\n"
    "                       print median, p10 and p90 latency\n"
    "  --runs N --warmup N  timed and untimed runs (default 100, 10)\n"
    "  --min-time-ms T      with --benchmark: keep running until the timed\n"
    "                       runs add up to T ms (at least --runs runs)\n"
    "  --flush-cache        with --benchmark: evict the caches (write 64 MiB)\n"
    "                       before every timed run\n"
    "  --threads T          threads (default 0: one per core)\n"
    "  --print-outputs      print each output's shape and first values\n"
    "  --write-inputs DIR   run on pseudo-random inputs (unless given) and\n"
    "                       write them to DIR/input_<i>.pb\n"
    "  --tag TAG            the model's symbol tag (default: file stem)\n";

/// Parses argv; returns false (after printing why) on bad usage.
bool parse(int argc, char **argv, Options &o) {
  auto number = [](const char *text, double &out) {
    char *end = nullptr;
    out = std::strtod(text, &end);
    return end && *end == '\0' && end != text;
  };
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::string &out) {
      if (i + 1 >= argc) {
        llvm::errs() << "mlc-run: error: " << a << " needs a value\n";
        return false;
      }
      out = argv[++i];
      return true;
    };
    std::string v;
    double d;
    if (a == "-h" || a == "--help") {
      llvm::outs() << kUsage;
      std::exit(0);
    } else if (a == "--benchmark") {
      o.benchmark = true;
    } else if (a == "--flush-cache") {
      o.flushCache = true;
    } else if (a == "--print-outputs") {
      o.printOutputs = true;
    } else if (a == "--write-inputs") {
      if (!value(o.writeInputsDir))
        return false;
    } else if (a == "--test-data" || a == "--inputs" || a == "--outputs-dir" ||
               a == "--tag" || a == "--expected") {
      if (!value(v))
        return false;
      (a == "--test-data"  ? o.testData
       : a == "--inputs"   ? o.inputsList
       : a == "--tag"      ? o.tag
       : a == "--expected" ? o.expectedList
                           : o.outputsDir) = v;
      o.haveInputs |= a == "--inputs";
    } else if (a == "--runs" || a == "--warmup" || a == "--threads" ||
               a == "--rtol" || a == "--atol" || a == "--min-time-ms") {
      if (!value(v))
        return false;
      if (!number(v.c_str(), d) || d < 0) {
        llvm::errs() << "mlc-run: error: " << a << " " << v
                     << ": not a non-negative number\n";
        return false;
      }
      if (a == "--runs") o.runs = (unsigned)d;
      else if (a == "--warmup") o.warmup = (unsigned)d;
      else if (a == "--threads") o.threads = (int)d;
      else if (a == "--rtol") o.relTol = d;
      else if (a == "--min-time-ms") o.minTimeMs = d;
      else o.absTol = d;
    } else if (!a.empty() && a[0] == '-') {
      llvm::errs() << "mlc-run: error: unknown option " << a << "\n" << kUsage;
      return false;
    } else if (o.modelPath.empty()) {
      o.modelPath = a;
    } else {
      llvm::errs() << "mlc-run: error: one model at a time\n";
      return false;
    }
  }
  if (o.modelPath.empty()) {
    llvm::errs() << kUsage;
    return false;
  }
  if (!o.expectedList.empty() && !o.haveInputs) {
    llvm::errs() << "mlc-run: error: --expected goes with --inputs\n";
    return false;
  }
  if (!o.testData.empty() && o.haveInputs) {
    llvm::errs() << "mlc-run: error: --test-data and --inputs exclude each "
                    "other\n";
    return false;
  }
  return true;
}
} // namespace

static int fail(const llvm::Twine &message) {
  llvm::errs() << "mlc-run: error: " << message << "\n";
  return 1;
}

namespace {
/// A session over a loaded model with host buffers for its inputs and
/// outputs.
struct Runner {
  mlc::run::ModelLibrary &lib;
  mlc_model *model = nullptr;
  mlc_session *session = nullptr;
  std::vector<mlc_tensor *> inputs, outputs;

  int threads;
  Runner(mlc::run::ModelLibrary &lib, int threads)
      : lib(lib), threads(threads) {}
  ~Runner() {
    for (mlc_tensor *t : inputs)
      lib.mlc_tensor_destroy(t);
    for (mlc_tensor *t : outputs)
      lib.mlc_tensor_destroy(t);
    lib.mlc_session_destroy(session);
    lib.mlc_model_close(model);
  }
  std::string lastError() { return lib.mlc_status_message(); }

  bool open(std::string &error) {
    mlc_session_options options;
    lib.mlc_session_options_init(&options);
    options.threads = threads;
    if (lib.mlc_model_open(lib.desc, &model) != MLC_OK ||
        lib.mlc_session_create(model, &options, &session) != MLC_OK) {
      error = lastError();
      return false;
    }
    return true;
  }

  /// Binds host tensors (borrowed) as the inputs.
  bool bind(std::vector<HostTensor> &host, std::string &error) {
    for (HostTensor &t : host) {
      mlc_tensor *tensor = nullptr;
      if (lib.mlc_tensor_wrap((mlc_dtype)t.dtype, (int32_t)t.shape.size(),
                              t.shape.data(), t.bytes.data(),
                              &tensor) != MLC_OK) {
        error = lastError();
        return false;
      }
      inputs.push_back(tensor);
    }
    return true;
  }

  bool run(std::string &error) {
    size_t n = 0;
    lib.mlc_model_num_outputs(model, &n);
    outputs.resize(n, nullptr);
    if (lib.mlc_session_run(session, inputs.data(), inputs.size(),
                            outputs.data(), outputs.size()) != MLC_OK) {
      error = lastError();
      return false;
    }
    return true;
  }

  HostTensor output(size_t i) {
    HostTensor t;
    mlc_tensor *o = outputs[i];
    t.dtype = lib.mlc_tensor_dtype(o);
    const int64_t *shape = lib.mlc_tensor_shape(o);
    t.shape.assign(shape, shape + lib.mlc_tensor_rank(o));
    t.bytes.assign((const char *)lib.mlc_tensor_data(o),
                   lib.mlc_tensor_byte_size(o));
    return t;
  }
  std::string outputName(size_t i) {
    const char *name = "";
    lib.mlc_model_output_name(model, i, &name);
    return name;
  }
};
} // namespace

static bool readInputs(const std::vector<std::string> &files,
                       std::vector<HostTensor> &host, std::string &error) {
  for (const std::string &f : files) {
    HostTensor t;
    if (!mlc::io::readTensorFile(f, t, error))
      return false;
    host.push_back(std::move(t));
  }
  return true;
}

/// Deterministic pseudo-random inputs of the model's types (for --benchmark
/// without --inputs).
static void randomInputs(const mlc_model_desc *desc,
                         std::vector<HostTensor> &host) {
  uint64_t state = 42;
  for (uint32_t i = 0; i < desc->num_inputs; ++i) {
    const mlc_value_desc &v = desc->inputs[i];
    HostTensor t;
    t.dtype = v.dtype;
    t.shape.assign(v.shape, v.shape + v.rank);
    size_t size = mlc::io::dtypeSize(v.dtype);
    t.bytes.resize(t.numElements() * size);
    for (int64_t k = 0; k < t.numElements(); ++k) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      if (v.dtype == 1) {
        float f = (float)((state >> 40) % 2000) / 1000.0f - 1.0f;
        std::memcpy(&t.bytes[k * 4], &f, 4);
      } else if (v.dtype == 9) {
        t.bytes[k] = (state >> 40) & 1;
      } else {
        std::memset(&t.bytes[k * size], 0, size);
      }
    }
    host.push_back(std::move(t));
  }
}

int main(int argc, char **argv) {
  Options o;
  if (!parse(argc, argv, o))
    return 2;
  const std::string &modelPath = o.modelPath, &tag = o.tag,
                    &testData = o.testData, &inputsList = o.inputsList,
                    &outputsDir = o.outputsDir;
  bool benchmark = o.benchmark;
  double relTol = o.relTol, absTol = o.absTol;
  mlc::run::ModelLibrary lib;
  std::string error;
  std::string modelTag =
      tag.empty() ? llvm::sys::path::stem(modelPath).str() : tag;
  for (char &c : modelTag)
    if (!std::isalnum((unsigned char)c) && c != '_')
      c = '_';
  if (!lib.load(modelPath, modelTag, error))
    return fail(error);

  std::vector<HostTensor> host;
  std::vector<std::string> expectedFiles;
  if (!testData.empty()) {
    std::vector<std::string> files;
    for (int i = 0;; ++i) {
      std::string f = testData + "/input_" + std::to_string(i) + ".pb";
      if (!llvm::sys::fs::exists(f))
        break;
      files.push_back(f);
    }
    for (int i = 0;; ++i) {
      std::string f = testData + "/output_" + std::to_string(i) + ".pb";
      if (!llvm::sys::fs::exists(f))
        break;
      expectedFiles.push_back(f);
    }
    if (expectedFiles.empty())
      return fail(testData + " has no output_*.pb");
    if (!readInputs(files, host, error))
      return fail(error);
  } else if (o.haveInputs) {
    // An empty list ("") is a model without inputs.
    llvm::SmallVector<llvm::StringRef> parts;
    llvm::StringRef(inputsList).split(parts, ',', -1, /*KeepEmpty=*/false);
    std::vector<std::string> files(parts.begin(), parts.end());
    if (!readInputs(files, host, error))
      return fail(error);
    parts.clear();
    llvm::StringRef(o.expectedList).split(parts, ',', -1, false);
    expectedFiles.assign(parts.begin(), parts.end());
  } else if (benchmark || !o.writeInputsDir.empty()) {
    randomInputs(lib.desc, host);
  } else {
    return fail("say what to run: --test-data DIR, --inputs FILES or "
                "--benchmark");
  }

  if (!o.writeInputsDir.empty()) {
    llvm::sys::fs::create_directories(o.writeInputsDir);
    for (size_t i = 0; i < host.size(); ++i) {
      std::string path =
          o.writeInputsDir + "/input_" + std::to_string(i) + ".pb";
      if (!mlc::io::writeTensorFile(path, lib.desc->inputs[i].name, host[i],
                                    error))
        return fail(error);
    }
  }
  Runner runner(lib, o.threads);
  if (!runner.open(error) || !runner.bind(host, error))
    return fail(error);
  if (!runner.run(error))
    return fail(error);

  if (!expectedFiles.empty()) {
    if (expectedFiles.size() != runner.outputs.size())
      return fail("the model has " + std::to_string(runner.outputs.size()) +
                  " outputs, " +
                  (testData.empty() ? std::string("--expected names")
                                    : testData + " has") +
                  " " + std::to_string(expectedFiles.size()));
    bool all = true;
    for (size_t i = 0; i < expectedFiles.size(); ++i) {
      HostTensor expected;
      if (!mlc::io::readTensorFile(expectedFiles[i], expected, error))
        return fail(error);
      mlc::io::Comparison c = mlc::io::compareTensors(
          runner.output(i), expected, relTol, absTol);
      llvm::outs() << "output " << i << " '" << runner.outputName(i) << "': "
                   << (c.matches ? "match" : "MISMATCH")
                   << "  max abs error " << c.maxAbsError
                   << "  max rel error " << c.maxRelError;
      if (!c.matches)
        llvm::outs() << "  (" << c.mismatches << " elements differ; "
                     << c.message << ")";
      llvm::outs() << "\n";
      all &= c.matches;
    }
    llvm::outs() << (all ? "PASS" : "FAIL") << " (rtol " << relTol
                 << ", atol " << absTol << ")\n";
    if (!all)
      return 1;
  }
  if (o.printOutputs) {
    for (size_t i = 0; i < runner.outputs.size(); ++i) {
      HostTensor t = runner.output(i);
      llvm::outs() << "output " << i << " '" << runner.outputName(i) << "' "
                   << lib.mlc_dtype_name((mlc_dtype)t.dtype) << " [";
      for (size_t d = 0; d < t.shape.size(); ++d)
        llvm::outs() << (d ? "," : "") << t.shape[d];
      llvm::outs() << "]:";
      int64_t n = std::min<int64_t>(t.numElements(), 16);
      for (int64_t k = 0; k < n; ++k)
        llvm::outs() << " " << mlc::io::elementAsDouble(t, k);
      llvm::outs() << (t.numElements() > n ? " ...\n" : "\n");
    }
  }
  if (!outputsDir.empty()) {
    llvm::sys::fs::create_directories(outputsDir);
    for (size_t i = 0; i < runner.outputs.size(); ++i) {
      std::string path = outputsDir + "/output_" + std::to_string(i) + ".pb";
      if (!mlc::io::writeTensorFile(path, runner.outputName(i),
                                    runner.output(i), error))
        return fail(error);
      llvm::outs() << "wrote " << path << "\n";
    }
  }
  if (benchmark) {
    for (unsigned i = 0; i < o.warmup; ++i)
      if (!runner.run(error))
        return fail(error);
    // Test-only: a candidate that crashes or hangs (mlc-tune's isolation
    // tests set this in the measuring process's environment).
    if (const char *fault = std::getenv("MLC_RUN_INJECT_FAULT")) {
      if (std::strcmp(fault, "segv") == 0)
        std::raise(SIGSEGV);
      if (std::strcmp(fault, "hang") == 0)
        for (volatile bool forever = true; forever;)
          ;
    }
    std::vector<char> flush;
    if (o.flushCache)
      flush.resize(64 << 20);
    std::vector<double> ms;
    double total = 0;
    for (unsigned i = 0; i < std::max(1u, o.runs) || total < o.minTimeMs;
         ++i) {
      if (o.flushCache)
        for (size_t j = 0; j < flush.size(); j += 64)
          flush[j] = (char)i;
      auto start = std::chrono::steady_clock::now();
      if (!runner.run(error))
        return fail(error);
      auto end = std::chrono::steady_clock::now();
      ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
      total += ms.back();
    }
    std::sort(ms.begin(), ms.end());
    auto pct = [&](double p) { return ms[(size_t)(p * (ms.size() - 1))]; };
    llvm::outs() << llvm::format("latency over %zu runs (threads %d): median "
                                 "%.6g ms  p10 %.6g ms  p90 %.6g ms\n",
                                 ms.size(), o.threads, pct(0.5),
                                 pct(0.1), pct(0.9));
  }
  return 0;
}
