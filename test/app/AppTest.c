/*===- AppTest.c - two compiled models in one C99 program -----------------===*
 *
 * An app as a user writes one: it includes the model.h files mlc-compile
 * generated and <mlc/runtime.h>, links the two model.so files (each with the
 * whole runtime inside) and nothing else, and runs both models on inputs it
 * owns. Outputs are checked against ONNX Runtime's (make_models.py), and bad
 * calls against the status codes runtime.h documents. Built with -std=c99
 * -pedantic-errors -Werror. Exits 0 when every check passes.
 *
 * usage: mlc-app-c99 [MODELS_DIR]   (default: the build's generated models)
 *
 *===----------------------------------------------------------------------===*/

#include "convnet.h"
#include "mlp.h"

#include <mlc/runtime.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef MLC_APP_MODELS_DIR
#error "MLC_APP_MODELS_DIR: the directory make_models.py wrote"
#endif

#define MAX_VALUES 4

static int failures = 0;
static int checks = 0;

#define EXPECT(cond)                                                           \
  do {                                                                         \
    ++checks;                                                                  \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: failed: %s (last message: '%s')\n", __FILE__,    \
              __LINE__, #cond, mlc_status_message());                          \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

/* A failing call must return exactly `code` and say why. */
#define EXPECT_ERROR(call, code)                                               \
  do {                                                                         \
    mlc_status got_ = (call);                                                  \
    const char *message_ = mlc_status_message();                               \
    ++checks;                                                                  \
    if (got_ != (code) || message_ == NULL || message_[0] == '\0') {           \
      fprintf(stderr, "%s:%d: %s: expected %s with a message, got %s '%s'\n",  \
              __FILE__, __LINE__, #call, mlc_status_name(code),                \
              mlc_status_name(got_), message_ ? message_ : "(null)");          \
      ++failures;                                                              \
    } else {                                                                   \
      printf("  %-18s %s\n", mlc_status_name(got_), message_);                 \
    }                                                                          \
  } while (0)

#define EXPECT_OK(call)                                                        \
  do {                                                                         \
    mlc_status got_ = (call);                                                  \
    ++checks;                                                                  \
    if (got_ != MLC_OK || mlc_status_message()[0] != '\0') {                   \
      fprintf(stderr, "%s:%d: %s: %s '%s'\n", __FILE__, __LINE__, #call,       \
              mlc_status_name(got_), mlc_status_message());                    \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

/* One model of the app, with its oracle data. */
typedef struct app_model {
  const char *tag;
  const struct mlc_model_desc *desc;
  size_t numInputs, numOutputs; /* from the generated model.h */
  const char *inputNames[MAX_VALUES];
  const char *outputNames[MAX_VALUES];

  mlc_model *model;
  size_t inputCount[MAX_VALUES], outputCount[MAX_VALUES]; /* elements */
  float *inputData[MAX_VALUES], *expected[MAX_VALUES];
  mlc_tensor *inputs[MAX_VALUES]; /* borrow inputData */
} app_model;

static const char *modelsDir = MLC_APP_MODELS_DIR;

static size_t product(int32_t rank, const int64_t *shape) {
  size_t n = 1;
  int32_t i;
  for (i = 0; i < rank; ++i)
    n *= (size_t)shape[i];
  return n;
}

/* Reads DIR/tag/name: exactly count little-endian float32 values. */
static float *readFloats(const char *tag, const char *name, size_t count) {
  char path[1024];
  float *data = (float *)malloc(count * sizeof(float));
  FILE *file;
  size_t read = 0;
  int extra;
  sprintf(path, "%.900s/%.30s/%.30s", modelsDir, tag, name);
  file = fopen(path, "rb");
  if (file && data) {
    read = fread(data, sizeof(float), count, file);
    extra = fgetc(file);
    fclose(file);
    if (read == count && extra == EOF)
      return data;
  }
  fprintf(stderr, "cannot read %lu floats from %s\n", (unsigned long)count,
          path);
  free(data);
  ++failures;
  return NULL;
}

/* numpy.allclose's rule: |got - want| <= atol + rtol * |want|. */
static int allClose(const char *what, const float *got, const float *want,
                    size_t count) {
  const double rtol = 1e-4, atol = 1e-5;
  size_t i, bad = 0;
  if (!got || !want)
    return 0;
  for (i = 0; i < count; ++i) {
    double diff = fabs((double)got[i] - (double)want[i]);
    if (!(diff <= atol + rtol * fabs((double)want[i]))) {
      if (bad == 0)
        fprintf(stderr, "%s[%lu]: got %.9g, want %.9g (rtol 1e-4, atol 1e-5)\n",
                what, (unsigned long)i, got[i], want[i]);
      ++bad;
    }
  }
  if (bad)
    fprintf(stderr, "%s: %lu of %lu elements differ\n", what,
            (unsigned long)bad, (unsigned long)count);
  return bad == 0;
}

static double maxAbsDiff(const float *got, const float *want, size_t count) {
  double max = 0;
  size_t i;
  for (i = 0; got && want && i < count; ++i)
    if (fabs((double)got[i] - (double)want[i]) > max)
      max = fabs((double)got[i] - (double)want[i]);
  return max;
}

/* Opens the model, checks what it says of itself against model.h and the
 * ONNX file, reads its inputs and expected outputs. */
static void openModel(app_model *m) {
  const char *tag = NULL, *name = NULL;
  const int64_t *shape = NULL;
  mlc_dtype dtype = MLC_DTYPE_UNDEFINED;
  int32_t rank = -1;
  size_t count = 0, i, index = 99;
  char file[32];

  EXPECT_OK(mlc_model_open(m->desc, &m->model));
  if (!m->model)
    return;
  EXPECT_OK(mlc_model_tag(m->model, &tag));
  EXPECT(tag && strcmp(tag, m->tag) == 0);
  EXPECT_OK(mlc_model_num_inputs(m->model, &count));
  EXPECT(count == m->numInputs);
  EXPECT_OK(mlc_model_num_outputs(m->model, &count));
  EXPECT(count == m->numOutputs);
  for (i = 0; i < m->numInputs; ++i) {
    EXPECT_OK(mlc_model_input_name(m->model, i, &name));
    EXPECT(name && strcmp(name, m->inputNames[i]) == 0);
    EXPECT_OK(mlc_model_input_index(m->model, m->inputNames[i], &index));
    EXPECT(index == i);
    EXPECT_OK(mlc_model_input_dtype(m->model, i, &dtype));
    EXPECT(dtype == MLC_DTYPE_FLOAT32);
    EXPECT_OK(mlc_model_input_rank(m->model, i, &rank));
    EXPECT_OK(mlc_model_input_shape(m->model, i, &shape));
    m->inputCount[i] = product(rank, shape);
    sprintf(file, "input_%lu.bin", (unsigned long)i);
    m->inputData[i] = readFloats(m->tag, file, m->inputCount[i]);
    EXPECT_OK(mlc_tensor_wrap(MLC_DTYPE_FLOAT32, rank, shape, m->inputData[i],
                              &m->inputs[i]));
  }
  for (i = 0; i < m->numOutputs; ++i) {
    EXPECT_OK(mlc_model_output_name(m->model, i, &name));
    EXPECT(name && strcmp(name, m->outputNames[i]) == 0);
    EXPECT_OK(mlc_model_output_index(m->model, m->outputNames[i], &index));
    EXPECT(index == i);
    EXPECT_OK(mlc_model_output_dtype(m->model, i, &dtype));
    EXPECT(dtype == MLC_DTYPE_FLOAT32);
    EXPECT_OK(mlc_model_output_rank(m->model, i, &rank));
    EXPECT_OK(mlc_model_output_shape(m->model, i, &shape));
    m->outputCount[i] = product(rank, shape);
    sprintf(file, "output_%lu.bin", (unsigned long)i);
    m->expected[i] = readFloats(m->tag, file, m->outputCount[i]);
  }
}

static void closeModel(app_model *m) {
  size_t i;
  for (i = 0; i < MAX_VALUES; ++i) {
    mlc_tensor_destroy(m->inputs[i]);
    free(m->inputData[i]);
    free(m->expected[i]);
  }
  mlc_model_close(m->model);
}

/* Runs with every output left to the runtime, checks and destroys them. */
static void runOwned(app_model *m, mlc_session *session, const char *what) {
  mlc_tensor *outputs[MAX_VALUES] = {NULL, NULL, NULL, NULL};
  size_t i;
  EXPECT_OK(mlc_session_run(session, m->inputs, m->numInputs, outputs,
                            m->numOutputs));
  for (i = 0; i < m->numOutputs; ++i) {
    EXPECT(outputs[i] != NULL);
    EXPECT(mlc_tensor_owns_data(outputs[i]) == 1);
    EXPECT(mlc_tensor_dtype(outputs[i]) == MLC_DTYPE_FLOAT32);
    EXPECT((size_t)mlc_tensor_num_elements(outputs[i]) == m->outputCount[i]);
    EXPECT(allClose(what, (const float *)mlc_tensor_data(outputs[i]),
                    m->expected[i], m->outputCount[i]));
    if (strcmp(what, "runtime-owned output") == 0)
      printf("%s output %lu: max |mlc - onnxruntime| = %.3g over %lu values\n",
             m->tag, (unsigned long)i,
             maxAbsDiff((const float *)mlc_tensor_data(outputs[i]),
                        m->expected[i], m->outputCount[i]),
             (unsigned long)m->outputCount[i]);
    mlc_tensor_destroy(outputs[i]);
  }
}

/* Runs into buffers the app owns (pre-filled with garbage). */
static void runIntoCallerBuffers(app_model *m, mlc_session *session) {
  mlc_tensor *outputs[MAX_VALUES] = {NULL, NULL, NULL, NULL};
  float *buffers[MAX_VALUES] = {NULL, NULL, NULL, NULL};
  const int64_t *shape = NULL;
  int32_t rank = 0;
  size_t i;
  for (i = 0; i < m->numOutputs; ++i) {
    buffers[i] = (float *)malloc(m->outputCount[i] * sizeof(float));
    memset(buffers[i], 0xff, m->outputCount[i] * sizeof(float)); /* NaNs */
    EXPECT_OK(mlc_model_output_rank(m->model, i, &rank));
    EXPECT_OK(mlc_model_output_shape(m->model, i, &shape));
    EXPECT_OK(mlc_tensor_wrap(MLC_DTYPE_FLOAT32, rank, shape, buffers[i],
                              &outputs[i]));
  }
  EXPECT_OK(mlc_session_run(session, m->inputs, m->numInputs, outputs,
                            m->numOutputs));
  for (i = 0; i < m->numOutputs; ++i) {
    EXPECT(mlc_tensor_data(outputs[i]) == buffers[i]);
    EXPECT(allClose("caller-provided output", buffers[i], m->expected[i],
                    m->outputCount[i]));
    mlc_tensor_destroy(outputs[i]);
    free(buffers[i]);
  }
}

/* By name: the inputs in reverse order, only the last output asked for. */
static void runNamed(app_model *m, mlc_session *session) {
  const char *names[MAX_VALUES];
  mlc_tensor *inputs[MAX_VALUES];
  const char *outName = m->outputNames[m->numOutputs - 1];
  mlc_tensor *output = NULL;
  size_t i;
  for (i = 0; i < m->numInputs; ++i) {
    names[i] = m->inputNames[m->numInputs - 1 - i];
    inputs[i] = m->inputs[m->numInputs - 1 - i];
  }
  EXPECT_OK(mlc_session_run_named(session, names, inputs, m->numInputs,
                                  &outName, &output, 1));
  EXPECT(allClose("run_named output", (const float *)mlc_tensor_data(output),
                  m->expected[m->numOutputs - 1],
                  m->outputCount[m->numOutputs - 1]));
  mlc_tensor_destroy(output);
}

/* Every documented error a bad call can give, with a message each time. */
static void runBadCalls(app_model *m, mlc_session *session) {
  mlc_tensor *outputs[MAX_VALUES] = {NULL, NULL, NULL, NULL};
  mlc_tensor *inputs[MAX_VALUES + 1];
  mlc_tensor *wrongDtype = NULL, *wrongShape = NULL, *badOutput = NULL;
  const char *names[MAX_VALUES];
  const char *unknown = "no_such_value";
  const int64_t *shape = NULL;
  int64_t smaller[8];
  int32_t rank = 0, i;
  size_t n = m->numInputs, index = 0;
  mlc_model *model = NULL;
  mlc_session *noSession = NULL;
  const char *name = NULL;

  memcpy(inputs, m->inputs, sizeof(m->inputs));
  inputs[n] = m->inputs[0];
  for (i = 0; i < (int32_t)n; ++i)
    names[i] = m->inputNames[i];
  EXPECT_OK(mlc_model_input_rank(m->model, 0, &rank));
  EXPECT_OK(mlc_model_input_shape(m->model, 0, &shape));
  for (i = 0; i < rank; ++i)
    smaller[i] = shape[i] - (i == rank - 1);

  printf("%s: bad calls\n", m->tag);
  /* Input 0 as int32 (same size and alignment as float32). */
  EXPECT_OK(mlc_tensor_wrap(MLC_DTYPE_INT32, rank, shape, m->inputData[0],
                            &wrongDtype));
  inputs[0] = wrongDtype;
  EXPECT_ERROR(mlc_session_run(session, inputs, n, outputs, m->numOutputs),
               MLC_DTYPE_MISMATCH);
  for (i = 0; i < (int32_t)m->numOutputs; ++i)
    EXPECT(outputs[i] == NULL); /* nothing left to the app on failure */
  /* Input 0 one element short in its last dimension. */
  EXPECT_OK(mlc_tensor_wrap(MLC_DTYPE_FLOAT32, rank, smaller, m->inputData[0],
                            &wrongShape));
  inputs[0] = wrongShape;
  EXPECT_ERROR(mlc_session_run(session, inputs, n, outputs, m->numOutputs),
               MLC_SHAPE_MISMATCH);
  inputs[0] = m->inputs[0];
  /* A caller output of the wrong dtype, then of the wrong shape. */
  EXPECT_OK(mlc_model_output_rank(m->model, 0, &rank));
  EXPECT_OK(mlc_model_output_shape(m->model, 0, &shape));
  EXPECT_OK(mlc_tensor_create(MLC_DTYPE_FLOAT64, rank, shape, &badOutput));
  outputs[0] = badOutput;
  EXPECT_ERROR(mlc_session_run(session, inputs, n, outputs, m->numOutputs),
               MLC_DTYPE_MISMATCH);
  mlc_tensor_destroy(badOutput);
  for (i = 0; i < rank; ++i)
    smaller[i] = shape[i] - (i == rank - 1);
  EXPECT_OK(mlc_tensor_create(MLC_DTYPE_FLOAT32, rank, smaller, &badOutput));
  outputs[0] = badOutput;
  EXPECT_ERROR(mlc_session_run(session, inputs, n, outputs, m->numOutputs),
               MLC_SHAPE_MISMATCH);
  mlc_tensor_destroy(badOutput);
  outputs[0] = NULL;
  /* Counts: one input short, one too many, one output too many. */
  EXPECT_ERROR(mlc_session_run(session, inputs, n - 1, outputs, m->numOutputs),
               MLC_COUNT_MISMATCH);
  EXPECT_ERROR(mlc_session_run(session, inputs, n + 1, outputs, m->numOutputs),
               MLC_COUNT_MISMATCH);
  EXPECT_ERROR(mlc_session_run(session, inputs, n, outputs, m->numOutputs + 1),
               MLC_COUNT_MISMATCH);
  EXPECT_ERROR(mlc_session_run_named(session, names, inputs, n - 1, NULL,
                                     outputs, 0),
               MLC_COUNT_MISMATCH);
  /* Unknown names. */
  names[0] = unknown;
  EXPECT_ERROR(mlc_session_run_named(session, names, inputs, n, NULL, outputs,
                                     0),
               MLC_NOT_FOUND);
  names[0] = m->inputNames[0];
  EXPECT_ERROR(mlc_session_run_named(session, names, inputs, n, &unknown,
                                     outputs, 1),
               MLC_NOT_FOUND);
  EXPECT(outputs[0] == NULL);
  EXPECT_ERROR(mlc_model_input_index(m->model, unknown, &index), MLC_NOT_FOUND);
  EXPECT_ERROR(mlc_model_output_index(m->model, unknown, &index),
               MLC_NOT_FOUND);
  /* NULLs and out-of-range values. */
  EXPECT_ERROR(mlc_session_run(NULL, inputs, n, outputs, m->numOutputs),
               MLC_INVALID_ARGUMENT);
  EXPECT_ERROR(mlc_session_run(session, NULL, n, outputs, m->numOutputs),
               MLC_INVALID_ARGUMENT);
  EXPECT_ERROR(mlc_session_run(session, inputs, n, NULL, m->numOutputs),
               MLC_INVALID_ARGUMENT);
  inputs[0] = NULL;
  EXPECT_ERROR(mlc_session_run(session, inputs, n, outputs, m->numOutputs),
               MLC_INVALID_ARGUMENT);
  inputs[0] = m->inputs[0];
  EXPECT_ERROR(mlc_session_run_named(session, NULL, inputs, n, NULL, outputs,
                                     0),
               MLC_INVALID_ARGUMENT);
  names[0] = NULL;
  EXPECT_ERROR(mlc_session_run_named(session, names, inputs, n, NULL, outputs,
                                     0),
               MLC_INVALID_ARGUMENT);
  names[0] = m->inputNames[0];
  EXPECT_ERROR(mlc_model_open(NULL, &model), MLC_INVALID_ARGUMENT);
  EXPECT(model == NULL);
  EXPECT_ERROR(mlc_model_open(m->desc, NULL), MLC_INVALID_ARGUMENT);
  EXPECT_ERROR(mlc_session_create(NULL, NULL, &noSession),
               MLC_INVALID_ARGUMENT);
  EXPECT(noSession == NULL);
  EXPECT_ERROR(mlc_model_input_name(m->model, m->numInputs, &name),
               MLC_INVALID_ARGUMENT);
  EXPECT_ERROR(mlc_model_output_name(m->model, 0, NULL), MLC_INVALID_ARGUMENT);
  EXPECT_ERROR(mlc_model_input_index(m->model, NULL, &index),
               MLC_INVALID_ARGUMENT);
  /* Aliasing: output 0 over the buffer of an input large enough for it. */
  for (i = 0; i < (int32_t)n; ++i) {
    if (m->inputCount[i] < m->outputCount[0])
      continue;
    EXPECT_OK(mlc_tensor_wrap(MLC_DTYPE_FLOAT32, rank, shape, m->inputData[i],
                              &badOutput));
    outputs[0] = badOutput;
    EXPECT_ERROR(mlc_session_run(session, inputs, n, outputs, m->numOutputs),
                 MLC_INVALID_ARGUMENT);
    mlc_tensor_destroy(badOutput);
    outputs[0] = NULL;
    break;
  }
  EXPECT(i < (int32_t)n);

  /* The session still works, and a success clears the message. */
  runOwned(m, session, "output after bad calls");
  EXPECT(mlc_status_message()[0] == '\0');
  mlc_tensor_destroy(wrongDtype);
  mlc_tensor_destroy(wrongShape);
}

int main(int argc, char **argv) {
  app_model mlp, convnet;
  app_model *models[2];
  mlc_session *sessions[2] = {NULL, NULL};
  mlc_session_options options;
  int32_t threads = 0;
  int k;

  if (argc > 1)
    modelsDir = argv[1];
  memset(&mlp, 0, sizeof(mlp));
  mlp.tag = "mlp";
  mlp.desc = mlc_mlp_model();
  mlp.numInputs = MLC_MLP_NUM_INPUTS;
  mlp.numOutputs = MLC_MLP_NUM_OUTPUTS;
  mlp.inputNames[0] = "x";
  mlp.inputNames[1] = "skip";
  mlp.outputNames[0] = "hidden";
  mlp.outputNames[1] = "out";
  memset(&convnet, 0, sizeof(convnet));
  convnet.tag = "convnet";
  convnet.desc = mlc_convnet_model();
  convnet.numInputs = MLC_CONVNET_NUM_INPUTS;
  convnet.numOutputs = MLC_CONVNET_NUM_OUTPUTS;
  convnet.inputNames[0] = "image";
  convnet.outputNames[0] = "pooled";
  models[0] = &mlp;
  models[1] = &convnet;

  /* Both models open at once; their sessions run interleaved. */
  for (k = 0; k < 2; ++k) {
    openModel(models[k]);
    mlc_session_options_init(&options);
    EXPECT(options.threads == 0);
    options.threads = 2;
    EXPECT_OK(mlc_session_create(models[k]->model, &options, &sessions[k]));
    EXPECT_OK(mlc_session_threads(sessions[k], &threads));
    EXPECT(threads == 2);
  }
  if (failures) {
    fprintf(stderr, "cannot set the models up\n");
    return 1;
  }
  for (k = 0; k < 2; ++k)
    runOwned(models[k], sessions[k], "runtime-owned output");
  for (k = 0; k < 2; ++k)
    runIntoCallerBuffers(models[k], sessions[k]);
  for (k = 0; k < 2; ++k)
    runNamed(models[k], sessions[k]);
  for (k = 0; k < 2; ++k)
    runBadCalls(models[k], sessions[k]);

  /* A model closed before its session: the session keeps it alive. */
  mlc_model_close(mlp.model);
  mlp.model = NULL;
  runOwned(&mlp, sessions[0], "output after mlc_model_close");
  for (k = 0; k < 2; ++k) {
    mlc_session_destroy(sessions[k]);
    closeModel(models[k]);
  }
  printf("%d checks, %d failed\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
