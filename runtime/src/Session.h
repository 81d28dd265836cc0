//===- Session.h - the session handle ---------------------------*- C++ -*-===//

#ifndef MLC_RUNTIME_SRC_SESSION_H
#define MLC_RUNTIME_SRC_SESSION_H

#include "ExecContext.h"
#include "Model.h"

#include <vector>

/// A model plus everything a run needs, allocated at create so that a run
/// allocates nothing but the outputs the caller asks the runtime to make.
struct mlc_session {
  const mlc_model *model = nullptr; ///< holds a reference
  mlc_exec_ctx ctx;
  /// One allocation: the arena, then one scratch buffer per output for the
  /// outputs a named run does not ask for.
  void *block = nullptr;
  void *arena = nullptr;
  std::vector<void *> discard;

  // Per-run scratch, indexed like the model's inputs and outputs.
  std::vector<mlc_tensor *> boundInputs;
  /// Where output i goes: a caller slot (holding a tensor, or NULL to have
  /// one made), or NULL to drop it.
  std::vector<mlc_tensor **> boundOutputs;
  std::vector<void *> inputData;
  std::vector<void *> outputData;
  std::vector<mlc_tensor *> created;

  ~mlc_session();
};

namespace mlc::rt {

/// Runs the session's model on boundInputs/boundOutputs: validates them,
/// makes the outputs asked for, calls the entry point.
mlc_status runBound(mlc_session &session);

} // namespace mlc::rt

#endif // MLC_RUNTIME_SRC_SESSION_H
