//===- ModelLibrary.cpp - a model.so and the runtime API inside it ---------===//

#include "tools/mlc-run/ModelLibrary.h"

#include <dlfcn.h>

namespace mlc::run {

bool ModelLibrary::load(const std::string &path, const std::string &tag,
                        std::string &error) {
  std::string file = path.find('/') == std::string::npos ? "./" + path : path;
  void *handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    error = std::string("cannot load ") + path + ": " + dlerror();
    return false;
  }
#define MLC_RUN_API(name)                                                      \
  name = reinterpret_cast<decltype(name)>(dlsym(handle, #name));               \
  if (!name) {                                                                 \
    error = path + " is not an MLC model (no " #name ")";                      \
    return false;                                                              \
  }
#include "tools/mlc-run/RuntimeApi.def"
  std::string symbol = "mlc_" + tag + "_model";
  using Getter = const struct mlc_model_desc *(*)(void);
  auto get = reinterpret_cast<Getter>(dlsym(handle, symbol.c_str()));
  if (!get) {
    error = path + " has no " + symbol + " (pass the model's --tag)";
    return false;
  }
  desc = get();
  return true;
}

} // namespace mlc::run
