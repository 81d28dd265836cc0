/*===- CApiTest.c - the C API from a C99 program --------------------------===*
 *
 * Built with -std=c99 -pedantic-errors: mlc/runtime.h must be plain C99.
 * Exits 0 when every check passes.
 *
 *===----------------------------------------------------------------------===*/

#include "mlc/runtime.h"
#include "models/Models.h"

#include <stdio.h>
#include <string.h>

static int failures = 0;

#define EXPECT(cond)                                                           \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: failed: %s (%s)\n", __FILE__, __LINE__, #cond,   \
              mlc_status_message());                                           \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

int main(void) {
  mlc_model *model = NULL;
  mlc_session *session = NULL;
  mlc_session_options options;
  const int64_t shape[2] = {2, 3};
  const int64_t badShape[2] = {3, 2};
  float a[6] = {1, 2, 3, 4, 5, 6};
  float b[6] = {10, 20, 30, 40, 50, 60};
  mlc_tensor *inputs[2] = {NULL, NULL};
  mlc_tensor *outputs[1] = {NULL};
  mlc_tensor *bad = NULL;
  mlc_tensor *goodB;
  const char *names[2] = {"b", "a"};
  const char *outNames[1] = {"sum"};
  const float *sum;
  size_t count = 0;
  int i;

  EXPECT(mlc_model_open(mlc_add_model(), &model) == MLC_OK);
  EXPECT(mlc_model_num_inputs(model, &count) == MLC_OK && count == 2);
  mlc_session_options_init(&options);
  options.threads = 2;
  EXPECT(mlc_session_create(model, &options, &session) == MLC_OK);
  EXPECT(mlc_tensor_wrap(MLC_DTYPE_FLOAT32, 2, shape, a, &inputs[0]) == MLC_OK);
  EXPECT(mlc_tensor_wrap(MLC_DTYPE_FLOAT32, 2, shape, b, &inputs[1]) == MLC_OK);

  EXPECT(mlc_session_run(session, inputs, 2, outputs, 1) == MLC_OK);
  EXPECT(outputs[0] != NULL);
  sum = (const float *)mlc_tensor_data(outputs[0]);
  for (i = 0; sum && i < 6; ++i)
    EXPECT(sum[i] == a[i] + b[i]);

  /* Named, in reverse order, into the tensor the first run made. */
  {
    mlc_tensor *swapped[2];
    swapped[0] = inputs[1];
    swapped[1] = inputs[0];
    EXPECT(mlc_session_run_named(session, names, swapped, 2, outNames, outputs,
                                 1) == MLC_OK);
  }

  EXPECT(mlc_tensor_wrap(MLC_DTYPE_FLOAT32, 2, badShape, b, &bad) == MLC_OK);
  goodB = inputs[1];
  inputs[1] = bad;
  EXPECT(mlc_session_run(session, inputs, 2, outputs, 1) == MLC_SHAPE_MISMATCH);
  EXPECT(strcmp(mlc_status_message(),
                "input 'b': expected float32 [2,3], got float32 [3,2]") == 0);
  EXPECT(mlc_session_run(NULL, inputs, 2, outputs, 1) == MLC_INVALID_ARGUMENT);

  /* C lets any int through an enum parameter; the runtime must cope. */
  EXPECT(strcmp(mlc_dtype_name((mlc_dtype)99), "unknown") == 0);
  EXPECT(mlc_dtype_size((mlc_dtype)-5) == 0);
  EXPECT(strcmp(mlc_status_name((mlc_status)42), "UNKNOWN") == 0);
  {
    mlc_tensor *none = NULL;
    EXPECT(mlc_tensor_create((mlc_dtype)99, 2, shape, &none) ==
           MLC_INVALID_ARGUMENT);
    EXPECT(none == NULL);
  }

  mlc_tensor_destroy(bad);
  mlc_tensor_destroy(outputs[0]);
  mlc_tensor_destroy(inputs[0]);
  mlc_tensor_destroy(goodB);
  mlc_session_destroy(session);
  mlc_model_close(model);
  if (failures == 0)
    printf("C API test passed\n");
  return failures == 0 ? 0 : 1;
}
