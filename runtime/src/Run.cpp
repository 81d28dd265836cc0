//===- Run.cpp - mlc_session_run and mlc_session_run_named ----------------===//
//
// Both bind the caller's tensors to the model's inputs and outputs by index
// (into the session's preallocated scratch) and share runBound(), which
// validates every tensor before it allocates or runs anything.
//
//===----------------------------------------------------------------------===//

#include "Memory.h"
#include "Session.h"
#include "Status.h"
#include "Tensor.h"

#include <algorithm>
#include <cstring>

using namespace mlc::rt;

namespace {

/// Checks a caller tensor against the model's value.
mlc_status checkTensor(const char *kind, const ValueInfo &info,
                       const mlc_tensor &tensor) {
  bool dtypeOk = tensor.dtype == info.dtype;
  if (dtypeOk && sameShape(info.rank, info.shape, tensor.rank(), tensor.dims()))
    return MLC_OK;
  char expected[256], got[256];
  formatType(expected, sizeof(expected), info.dtype, info.rank, info.shape);
  formatType(got, sizeof(got), tensor.dtype, tensor.rank(), tensor.dims());
  return fail(dtypeOk ? MLC_SHAPE_MISMATCH : MLC_DTYPE_MISMATCH,
              "%s '%s': expected %s, got %s", kind, info.name, expected, got);
}

bool overlaps(const mlc_tensor &a, const mlc_tensor &b) {
  if (a.byteSize == 0 || b.byteSize == 0)
    return false;
  auto aBegin = reinterpret_cast<uintptr_t>(a.data);
  auto bBegin = reinterpret_cast<uintptr_t>(b.data);
  return aBegin < bBegin + b.byteSize && bBegin < aBegin + a.byteSize;
}

/// Destroys the outputs this run created.
void dropCreated(mlc_session &session) {
  for (mlc_tensor *&tensor : session.created) {
    mlc_tensor_destroy(tensor);
    tensor = nullptr;
  }
}

/// Validates the caller's output tensor o: type, and no overlap with an
/// input or an earlier caller output.
mlc_status checkOutput(mlc_session &session, size_t o) {
  const mlc_model &model = *session.model;
  const mlc_tensor &tensor = **session.boundOutputs[o];
  if (mlc_status status = checkTensor("output", model.outputs[o], tensor))
    return status;
  for (size_t i = 0; i < model.inputs.size(); ++i)
    if (overlaps(tensor, *session.boundInputs[i]))
      return fail(MLC_INVALID_ARGUMENT,
                  "output '%s' overlaps input '%s' (in-place is not "
                  "supported)",
                  model.outputs[o].name, model.inputs[i].name);
  for (size_t p = 0; p < o; ++p) {
    mlc_tensor **slot = session.boundOutputs[p];
    if (slot && *slot && overlaps(tensor, **slot))
      return fail(MLC_INVALID_ARGUMENT, "outputs '%s' and '%s' overlap",
                  model.outputs[p].name, model.outputs[o].name);
  }
  return MLC_OK;
}

} // namespace

mlc_status mlc::rt::runBound(mlc_session &session) {
  const mlc_model &model = *session.model;
  for (size_t i = 0; i < model.inputs.size(); ++i) {
    const mlc_tensor *tensor = session.boundInputs[i];
    if (!tensor)
      return fail(MLC_INVALID_ARGUMENT, "input '%s' is NULL",
                  model.inputs[i].name);
    if (mlc_status status = checkTensor("input", model.inputs[i], *tensor))
      return status;
    session.inputData[i] = tensor->data;
  }
  for (size_t o = 0; o < model.outputs.size(); ++o) {
    mlc_tensor **slot = session.boundOutputs[o];
    session.outputData[o] = slot ? nullptr : session.discard[o];
    if (!slot || !*slot)
      continue;
    if (mlc_status status = checkOutput(session, o))
      return status;
    session.outputData[o] = (*slot)->data;
  }

  // Everything is valid: make the outputs the caller left to us.
  for (size_t o = 0; o < model.outputs.size(); ++o) {
    if (session.outputData[o])
      continue;
    const ValueInfo &info = model.outputs[o];
    if (mlc_status status =
            createOwnedTensor(info.dtype, info.rank, info.shape,
                              /*zero=*/false, &session.created[o])) {
      dropCreated(session);
      return status;
    }
    session.outputData[o] = session.created[o]->data;
  }

  int32_t result =
      model.desc->entry(session.inputData.data(), session.outputData.data(),
                        session.arena, &session.ctx);
  if (result != 0) {
    dropCreated(session);
    return fail(MLC_INTERNAL, "model '%s': entry point failed with code %d",
                model.desc->tag, static_cast<int>(result));
  }
  for (size_t o = 0; o < model.outputs.size(); ++o) {
    if (session.created[o])
      *session.boundOutputs[o] = session.created[o];
    session.created[o] = nullptr;
  }
  return success();
}

mlc_status mlc_session_run(mlc_session *session, mlc_tensor *const *inputs,
                           size_t n_inputs, mlc_tensor **outputs,
                           size_t n_outputs) {
  return guard([&] {
    if (!session)
      return fail(MLC_INVALID_ARGUMENT, "mlc_session_run: session is NULL");
    if ((n_inputs && !inputs) || (n_outputs && !outputs))
      return fail(MLC_INVALID_ARGUMENT, "mlc_session_run: %s array is NULL",
                  n_inputs && !inputs ? "inputs" : "outputs");
    const mlc_model &model = *session->model;
    if (n_inputs != model.inputs.size() || n_outputs != model.outputs.size())
      return fail(MLC_COUNT_MISMATCH,
                  "model '%s' has %zu inputs and %zu outputs, got %zu and %zu",
                  model.desc->tag, model.inputs.size(), model.outputs.size(),
                  n_inputs, n_outputs);
    for (size_t i = 0; i < n_inputs; ++i)
      session->boundInputs[i] = inputs[i];
    for (size_t o = 0; o < n_outputs; ++o)
      session->boundOutputs[o] = &outputs[o];
    return runBound(*session);
  });
}

namespace {

/// Binds named values to model indices: every name must exist and appear
/// once. Returns the index of names[k] through bind(index, k).
template <typename Bind>
mlc_status bindNames(const mlc_model &model, const char *kind,
                     const std::vector<ValueInfo> &values,
                     const char *const *names, size_t n, Bind bind) {
  for (size_t k = 0; k < n; ++k) {
    if (!names[k])
      return fail(MLC_INVALID_ARGUMENT, "%s name #%zu is NULL", kind, k);
    int64_t index = findValue(values, names[k]);
    if (index < 0)
      return fail(MLC_NOT_FOUND, "model '%s' has no %s named '%s'",
                  model.desc->tag, kind, names[k]);
    for (size_t j = 0; j < k; ++j)
      if (std::strcmp(names[j], names[k]) == 0)
        return fail(MLC_INVALID_ARGUMENT, "%s '%s' is given twice", kind,
                    names[k]);
    bind(static_cast<size_t>(index), k);
  }
  return MLC_OK;
}

} // namespace

mlc_status mlc_session_run_named(mlc_session *session,
                                 const char *const *input_names,
                                 mlc_tensor *const *inputs, size_t n_inputs,
                                 const char *const *output_names,
                                 mlc_tensor **outputs, size_t n_outputs) {
  return guard([&] {
    if (!session)
      return fail(MLC_INVALID_ARGUMENT,
                  "mlc_session_run_named: session is NULL");
    if (n_inputs && (!input_names || !inputs))
      return fail(MLC_INVALID_ARGUMENT,
                  "mlc_session_run_named: %s array is NULL",
                  input_names ? "inputs" : "input_names");
    if (n_outputs && (!output_names || !outputs))
      return fail(MLC_INVALID_ARGUMENT,
                  "mlc_session_run_named: %s array is NULL",
                  output_names ? "outputs" : "output_names");
    const mlc_model &model = *session->model;
    if (n_inputs != model.inputs.size())
      return fail(MLC_COUNT_MISMATCH, "model '%s' has %zu inputs, got %zu",
                  model.desc->tag, model.inputs.size(), n_inputs);
    if (n_outputs > model.outputs.size())
      return fail(MLC_COUNT_MISMATCH,
                  "model '%s' has %zu outputs, %zu were asked for",
                  model.desc->tag, model.outputs.size(), n_outputs);
    if (mlc_status status = bindNames(model, "input", model.inputs, input_names,
                                      n_inputs, [&](size_t index, size_t k) {
                                        session->boundInputs[index] = inputs[k];
                                      }))
      return status;
    std::fill(session->boundOutputs.begin(), session->boundOutputs.end(),
              nullptr);
    if (mlc_status status =
            bindNames(model, "output", model.outputs, output_names, n_outputs,
                      [&](size_t index, size_t k) {
                        session->boundOutputs[index] = &outputs[k];
                      }))
      return status;
    return runBound(*session);
  });
}
