//===- Session.cpp - session create and destroy ---------------------------===//

#include "Session.h"
#include "Memory.h"
#include "Status.h"
#include "ThreadPool.h"

#include <memory>

using namespace mlc::rt;

mlc_session::~mlc_session() {
  alignedFree(block);
  if (model)
    releaseModel(model);
}

void mlc_session_options_init(mlc_session_options *options) {
  if (options)
    *options = mlc_session_options{/*threads=*/0};
}

mlc_status mlc_session_create(const mlc_model *model,
                              const mlc_session_options *options,
                              mlc_session **out_session) {
  return guard([&] {
    if (!model || !out_session)
      return fail(MLC_INVALID_ARGUMENT, "mlc_session_create: %s is NULL",
                  model ? "out_session" : "model");
    *out_session = nullptr;
    mlc_session_options defaults;
    mlc_session_options_init(&defaults);
    if (!options)
      options = &defaults;
    if (options->threads < 0)
      return fail(MLC_INVALID_ARGUMENT,
                  "mlc_session_create: threads is %d (0 = all cores)",
                  static_cast<int>(options->threads));

    // Lay out the arena and the output scratch in one block.
    const mlc_model_desc &desc = *model->desc;
    auto session = std::make_unique<mlc_session>();
    std::vector<size_t> offsets;
    size_t total = 0;
    bool fits =
        desc.arena_bytes <= SIZE_MAX &&
        roundUpToAlignment(static_cast<size_t>(desc.arena_bytes), total);
    for (size_t i = 0; fits && i < model->outputs.size(); ++i) {
      size_t bytes;
      offsets.push_back(total);
      fits = roundUpToAlignment(model->outputs[i].byteSize, bytes) &&
             total <= SIZE_MAX - bytes;
      if (fits)
        total += bytes;
    }
    void *block = fits ? alignedAlloc(total) : nullptr;
    session->block = block;
    if (!block)
      return fail(MLC_OUT_OF_MEMORY,
                  "model '%s': cannot allocate the session arena (%llu "
                  "bytes) and output scratch",
                  desc.tag, static_cast<unsigned long long>(desc.arena_bytes));
    session->arena = block;
    for (size_t offset : offsets)
      session->discard.push_back(static_cast<char *>(block) + offset);
    session->ctx.threads =
        options->threads == 0 ? hostCores() : options->threads;
    size_t numInputs = model->inputs.size();
    size_t numOutputs = model->outputs.size();
    session->boundInputs.resize(numInputs);
    session->inputData.resize(numInputs);
    session->boundOutputs.resize(numOutputs);
    session->outputData.resize(numOutputs);
    session->created.resize(numOutputs);
    retainModel(model);
    session->model = model;
    *out_session = session.release();
    return success();
  });
}

void mlc_session_destroy(mlc_session *session) { delete session; }

mlc_status mlc_session_threads(const mlc_session *session,
                               int32_t *out_threads) {
  if (!session || !out_threads)
    return fail(MLC_INVALID_ARGUMENT, "mlc_session_threads: %s is NULL",
                session ? "out_threads" : "session");
  *out_threads = session->ctx.threads;
  return success();
}
