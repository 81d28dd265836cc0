//===- ModelLibrary.h - a model.so and the runtime API inside it -----------===//

#ifndef MLC_TOOLS_MLC_RUN_MODELLIBRARY_H
#define MLC_TOOLS_MLC_RUN_MODELLIBRARY_H

#include "mlc/runtime.h"

#include <string>

namespace mlc::run {

/// A loaded model.so: its model accessor and the runtime API it exports
/// (the tool calls the model's own runtime, as an app linking it would).
struct ModelLibrary {
#define MLC_RUN_API(name) decltype(&::name) name = nullptr;
#include "tools/mlc-run/RuntimeApi.def"
  const struct mlc_model_desc *desc = nullptr;

  /// Loads `path`; the model accessor is mlc_<tag>_model, with `tag` the
  /// file's stem unless given. Fails with a message in `error`.
  bool load(const std::string &path, const std::string &tag,
            std::string &error);
};

} // namespace mlc::run

#endif // MLC_TOOLS_MLC_RUN_MODELLIBRARY_H
