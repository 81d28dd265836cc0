//===- Model.cpp - opening a descriptor and querying the model ------------===//

#include "Model.h"
#include "Enums.h"
#include "Memory.h"
#include "Status.h"

#include <cstring>
#include <memory>

using namespace mlc::rt;

namespace {

/// Validates the descriptor's values of one kind ("input"/"output") and
/// fills out.
mlc_status readValues(const char *tag, const char *kind, uint32_t count,
                      const mlc_value_desc *descs,
                      std::vector<ValueInfo> &out) {
  if (count > 0 && !descs)
    return fail(MLC_INVALID_ARGUMENT, "model '%s': %u %ss but no table", tag,
                count, kind);
  out.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    const mlc_value_desc &desc = descs[i];
    if (!desc.name)
      return fail(MLC_INVALID_ARGUMENT, "model '%s': %s #%u has no name", tag,
                  kind, i);
    if (dtypeSize(desc.dtype) == 0)
      return fail(MLC_INVALID_ARGUMENT,
                  "model '%s': %s '%s' has unsupported dtype %d", tag, kind,
                  desc.name, static_cast<int>(desc.dtype));
    ValueInfo info{desc.name, static_cast<mlc_dtype>(desc.dtype),
                   desc.rank, desc.rank > 0 ? desc.shape : nullptr,
                   0,         0};
    if (!computeSizes(info.dtype, info.rank, info.shape, info.numElements,
                      info.byteSize))
      return fail(MLC_INVALID_ARGUMENT,
                  "model '%s': %s '%s' has an invalid shape", tag, kind,
                  desc.name);
    if (findValue(out, desc.name) >= 0)
      return fail(MLC_INVALID_ARGUMENT, "model '%s': two %ss named '%s'", tag,
                  kind, desc.name);
    out.push_back(info);
  }
  return MLC_OK;
}

using ValueList = std::vector<ValueInfo> mlc_model::*;

/// A per-value query: checks the handle, out-parameter and index, then
/// stores the field of the value into *out.
template <typename T, typename Field>
mlc_status queryValue(const char *function, const mlc_model *model,
                      size_t index, T *out, ValueList values, Field field) {
  if (!model || !out)
    return fail(MLC_INVALID_ARGUMENT, "%s: %s is NULL", function,
                model ? "out-parameter" : "model");
  const std::vector<ValueInfo> &list = model->*values;
  if (index >= list.size())
    return fail(MLC_INVALID_ARGUMENT, "%s: index %zu out of range (%zu)",
                function, index, list.size());
  *out = list[index].*field;
  return success();
}

mlc_status findIndex(const char *function, const char *kind,
                     const mlc_model *model, const char *name, ValueList values,
                     size_t *out) {
  if (!model || !name || !out)
    return fail(MLC_INVALID_ARGUMENT, "%s: %s is NULL", function,
                !model  ? "model"
                : !name ? "name"
                        : "out_index");
  int64_t index = findValue(model->*values, name);
  if (index < 0)
    return fail(MLC_NOT_FOUND, "model '%s' has no %s named '%s'",
                model->desc->tag, kind, name);
  *out = static_cast<size_t>(index);
  return success();
}

} // namespace

int64_t mlc::rt::findValue(const std::vector<ValueInfo> &values,
                           const char *name) {
  for (size_t i = 0; i < values.size(); ++i)
    if (std::strcmp(values[i].name, name) == 0)
      return static_cast<int64_t>(i);
  return -1;
}

void mlc::rt::retainModel(const mlc_model *model) {
  model->refs.fetch_add(1, std::memory_order_relaxed);
}

void mlc::rt::releaseModel(const mlc_model *model) {
  if (model->refs.fetch_sub(1, std::memory_order_acq_rel) == 1)
    delete model;
}

mlc_status mlc_model_open(const mlc_model_desc *desc, mlc_model **out_model) {
  return guard([&] {
    if (!out_model)
      return fail(MLC_INVALID_ARGUMENT, "mlc_model_open: out_model is NULL");
    *out_model = nullptr;
    if (!desc)
      return fail(MLC_INVALID_ARGUMENT, "mlc_model_open: desc is NULL");
    // Only abi_version is read before it is checked: the rest of the layout
    // may differ in other versions.
    if (desc->abi_version != MLC_ABI_VERSION)
      return fail(MLC_ABI_MISMATCH,
                  "model built for runtime ABI version %u, this runtime "
                  "implements version %u",
                  desc->abi_version, static_cast<unsigned>(MLC_ABI_VERSION));
    if (!desc->tag)
      return fail(MLC_INVALID_ARGUMENT, "mlc_model_open: model has no tag");
    const char *tag = desc->tag;
    if (!desc->entry)
      return fail(MLC_INVALID_ARGUMENT, "model '%s' has no entry point", tag);
    auto model = std::make_unique<mlc_model>();
    model->desc = desc;
    if (mlc_status status = readValues(tag, "input", desc->num_inputs,
                                       desc->inputs, model->inputs))
      return status;
    if (mlc_status status = readValues(tag, "output", desc->num_outputs,
                                       desc->outputs, model->outputs))
      return status;
    *out_model = model.release();
    return success();
  });
}

void mlc_model_close(mlc_model *model) {
  if (model)
    releaseModel(model);
}

mlc_status mlc_model_tag(const mlc_model *model, const char **out_tag) {
  if (!model || !out_tag)
    return fail(MLC_INVALID_ARGUMENT, "mlc_model_tag: %s is NULL",
                model ? "out_tag" : "model");
  *out_tag = model->desc->tag;
  return success();
}

mlc_status mlc_model_num_inputs(const mlc_model *model, size_t *out_count) {
  if (!model || !out_count)
    return fail(MLC_INVALID_ARGUMENT, "mlc_model_num_inputs: %s is NULL",
                model ? "out_count" : "model");
  *out_count = model->inputs.size();
  return success();
}

mlc_status mlc_model_num_outputs(const mlc_model *model, size_t *out_count) {
  if (!model || !out_count)
    return fail(MLC_INVALID_ARGUMENT, "mlc_model_num_outputs: %s is NULL",
                model ? "out_count" : "model");
  *out_count = model->outputs.size();
  return success();
}

mlc_status mlc_model_input_name(const mlc_model *model, size_t index,
                                const char **out_name) {
  return queryValue("mlc_model_input_name", model, index, out_name,
                    &mlc_model::inputs, &ValueInfo::name);
}

mlc_status mlc_model_input_dtype(const mlc_model *model, size_t index,
                                 mlc_dtype *out_dtype) {
  return queryValue("mlc_model_input_dtype", model, index, out_dtype,
                    &mlc_model::inputs, &ValueInfo::dtype);
}

mlc_status mlc_model_input_rank(const mlc_model *model, size_t index,
                                int32_t *out_rank) {
  return queryValue("mlc_model_input_rank", model, index, out_rank,
                    &mlc_model::inputs, &ValueInfo::rank);
}

mlc_status mlc_model_input_shape(const mlc_model *model, size_t index,
                                 const int64_t **out_shape) {
  return queryValue("mlc_model_input_shape", model, index, out_shape,
                    &mlc_model::inputs, &ValueInfo::shape);
}

mlc_status mlc_model_input_index(const mlc_model *model, const char *name,
                                 size_t *out_index) {
  return findIndex("mlc_model_input_index", "input", model, name,
                   &mlc_model::inputs, out_index);
}

mlc_status mlc_model_output_name(const mlc_model *model, size_t index,
                                 const char **out_name) {
  return queryValue("mlc_model_output_name", model, index, out_name,
                    &mlc_model::outputs, &ValueInfo::name);
}

mlc_status mlc_model_output_dtype(const mlc_model *model, size_t index,
                                  mlc_dtype *out_dtype) {
  return queryValue("mlc_model_output_dtype", model, index, out_dtype,
                    &mlc_model::outputs, &ValueInfo::dtype);
}

mlc_status mlc_model_output_rank(const mlc_model *model, size_t index,
                                 int32_t *out_rank) {
  return queryValue("mlc_model_output_rank", model, index, out_rank,
                    &mlc_model::outputs, &ValueInfo::rank);
}

mlc_status mlc_model_output_shape(const mlc_model *model, size_t index,
                                  const int64_t **out_shape) {
  return queryValue("mlc_model_output_shape", model, index, out_shape,
                    &mlc_model::outputs, &ValueInfo::shape);
}

mlc_status mlc_model_output_index(const mlc_model *model, const char *name,
                                  size_t *out_index) {
  return findIndex("mlc_model_output_index", "output", model, name,
                   &mlc_model::outputs, out_index);
}
