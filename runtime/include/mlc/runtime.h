/*===- mlc/runtime.h - the MLC runtime C API ------------------------------===*
 *
 * The API an application uses to run a compiled model (model.so). C99.
 *
 * Lifecycle:
 *   mlc_model_open(mlc_<tag>_model(), &model)      once per model
 *   mlc_session_create(model, &options, &session)  per concurrent runner
 *   mlc_tensor_create / mlc_tensor_wrap            inputs (and outputs)
 *   mlc_session_run(session, inputs, n, outputs, m) as often as needed
 *   mlc_tensor_destroy, mlc_session_destroy, mlc_model_close
 *
 * Errors: every function that can fail returns an mlc_status (MLC_OK = 0)
 * and sets a thread-local message, read with mlc_status_message(). A NULL
 * handle or out-parameter gives MLC_INVALID_ARGUMENT. Plain getters on a
 * tensor return the value itself (0 or NULL for a NULL tensor).
 *
 * Thread-safety: a model is immutable once open and may be shared by any
 * number of threads and sessions. A session is not thread-safe: one call at
 * a time (use one session per thread to run concurrently). A tensor is not
 * thread-safe. All sessions of the process share one thread pool.
 *
 *===----------------------------------------------------------------------===*/

#ifndef MLC_RUNTIME_H
#define MLC_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

/** Marks the exported API. Every model.so exports the same definitions, so
 * the dynamic linker binds all callers to one copy (ELF interposition). */
#ifndef MLC_API
#define MLC_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/*===-- Status ------------------------------------------------------------===*/

typedef enum mlc_status {
  MLC_OK = 0,
  MLC_INVALID_ARGUMENT = 1, /**< NULL handle, bad value, aliasing buffers */
  MLC_COUNT_MISMATCH = 2,   /**< wrong number of inputs or outputs */
  MLC_DTYPE_MISMATCH = 3,   /**< a tensor's dtype differs from the model's */
  MLC_SHAPE_MISMATCH = 4,   /**< a tensor's shape differs from the model's */
  MLC_NOT_FOUND = 5,        /**< no input or output of that name */
  MLC_OUT_OF_MEMORY = 6,
  MLC_ABI_MISMATCH = 7, /**< model.so built for another runtime ABI */
  MLC_INTERNAL = 8      /**< the model's code failed */
} mlc_status;

/** The message of the last status-returning call on this thread: empty after
 * MLC_OK, else e.g. "input 'x': expected float32 [1,3], got float32 [1,4]".
 * Valid until the next API call on this thread. Thread-safe. */
MLC_API const char *mlc_status_message(void);

/** The enumerator's name without prefix, e.g. "SHAPE_MISMATCH". Static
 * storage; "UNKNOWN" for a value outside the enum. Thread-safe. */
MLC_API const char *mlc_status_name(mlc_status status);

/*===-- Element types -----------------------------------------------------===*/

/** Element types, numbered as ONNX's TensorProto.DataType. */
typedef enum mlc_dtype {
  MLC_DTYPE_UNDEFINED = 0,
  MLC_DTYPE_FLOAT32 = 1, /**< ONNX FLOAT */
  MLC_DTYPE_UINT8 = 2,
  MLC_DTYPE_INT8 = 3,
  MLC_DTYPE_UINT16 = 4,
  MLC_DTYPE_INT16 = 5,
  MLC_DTYPE_INT32 = 6,
  MLC_DTYPE_INT64 = 7,
  MLC_DTYPE_BOOL = 9, /**< one byte, 0 or 1 */
  MLC_DTYPE_FLOAT16 = 10,
  MLC_DTYPE_FLOAT64 = 11, /**< ONNX DOUBLE */
  MLC_DTYPE_UINT32 = 12,
  MLC_DTYPE_UINT64 = 13,
  MLC_DTYPE_BFLOAT16 = 16
} mlc_dtype;

/** Bytes per element; 0 for a value that is not a supported dtype. */
MLC_API size_t mlc_dtype_size(mlc_dtype dtype);

/** e.g. "float32", "int64", "bfloat16"; "unknown" for an unsupported value.
 * Static storage. */
MLC_API const char *mlc_dtype_name(mlc_dtype dtype);

/*===-- Tensors -----------------------------------------------------------===*/

/** A dense row-major n-d array: dtype, shape and a data buffer. Either owns
 * its buffer (mlc_tensor_create, outputs the runtime made) or borrows one
 * (mlc_tensor_wrap). Not thread-safe. */
typedef struct mlc_tensor mlc_tensor;

/** Creates a tensor that owns a zero-filled buffer aligned to 64 bytes.
 * shape has rank entries, each >= 0 (may be NULL when rank is 0: a scalar).
 * Destroy with mlc_tensor_destroy. */
MLC_API mlc_status mlc_tensor_create(mlc_dtype dtype, int32_t rank,
                                     const int64_t *shape,
                                     mlc_tensor **out_tensor);

/** Creates a tensor that borrows data: the caller keeps data alive and
 * unchanged in size until mlc_tensor_destroy, which does not free it. data
 * must be aligned to the element size; it may be NULL only for a tensor of
 * zero elements. */
MLC_API mlc_status mlc_tensor_wrap(mlc_dtype dtype, int32_t rank,
                                   const int64_t *shape, void *data,
                                   mlc_tensor **out_tensor);

/** Destroys a tensor, freeing the buffer if the tensor owns it. NULL is a
 * no-op. */
MLC_API void mlc_tensor_destroy(mlc_tensor *tensor);

MLC_API mlc_dtype mlc_tensor_dtype(const mlc_tensor *tensor);
MLC_API int32_t mlc_tensor_rank(const mlc_tensor *tensor);
/** rank entries, owned by the tensor; NULL for a scalar or a NULL tensor. */
MLC_API const int64_t *mlc_tensor_shape(const mlc_tensor *tensor);
MLC_API int64_t mlc_tensor_num_elements(const mlc_tensor *tensor);
MLC_API size_t mlc_tensor_byte_size(const mlc_tensor *tensor);
/** The buffer (owned or borrowed); writable. */
MLC_API void *mlc_tensor_data(const mlc_tensor *tensor);
/** 1 if the tensor owns its buffer, 0 if it borrows it (or is NULL). */
MLC_API int mlc_tensor_owns_data(const mlc_tensor *tensor);

/*===-- Models ------------------------------------------------------------===*/

/** An opened model: its inputs, outputs and code. Immutable; thread-safe. */
typedef struct mlc_model mlc_model;

/** The descriptor a model.so exports (see mlc/model_abi.h); apps get it from
 * mlc_<tag>_model() in the generated model.h and never read it. */
struct mlc_model_desc;

/** Opens a model from its descriptor. Fails with MLC_ABI_MISMATCH when the
 * descriptor was built for another runtime ABI version, and with
 * MLC_INVALID_ARGUMENT when it is malformed. The descriptor must outlive
 * the model (it is static data of model.so). */
MLC_API mlc_status mlc_model_open(const struct mlc_model_desc *desc,
                                  mlc_model **out_model);

/** Releases the caller's reference. Sessions keep the model alive until they
 * are destroyed, so closing first is allowed. NULL is a no-op. */
MLC_API void mlc_model_close(mlc_model *model);

/** The tag the model was compiled with (mlc-compile --tag). */
MLC_API mlc_status mlc_model_tag(const mlc_model *model, const char **out_tag);

MLC_API mlc_status mlc_model_num_inputs(const mlc_model *model,
                                        size_t *out_count);
MLC_API mlc_status mlc_model_num_outputs(const mlc_model *model,
                                         size_t *out_count);

/* Per-value queries; index out of range gives MLC_INVALID_ARGUMENT. Strings
 * and shapes are owned by the model and live as long as it. */

MLC_API mlc_status mlc_model_input_name(const mlc_model *model, size_t index,
                                        const char **out_name);
MLC_API mlc_status mlc_model_input_dtype(const mlc_model *model, size_t index,
                                         mlc_dtype *out_dtype);
MLC_API mlc_status mlc_model_input_rank(const mlc_model *model, size_t index,
                                        int32_t *out_rank);
/** rank entries; NULL for a scalar. */
MLC_API mlc_status mlc_model_input_shape(const mlc_model *model, size_t index,
                                         const int64_t **out_shape);
/** MLC_NOT_FOUND when no input has that name. */
MLC_API mlc_status mlc_model_input_index(const mlc_model *model,
                                         const char *name, size_t *out_index);

MLC_API mlc_status mlc_model_output_name(const mlc_model *model, size_t index,
                                         const char **out_name);
MLC_API mlc_status mlc_model_output_dtype(const mlc_model *model, size_t index,
                                          mlc_dtype *out_dtype);
MLC_API mlc_status mlc_model_output_rank(const mlc_model *model, size_t index,
                                         int32_t *out_rank);
MLC_API mlc_status mlc_model_output_shape(const mlc_model *model, size_t index,
                                          const int64_t **out_shape);
MLC_API mlc_status mlc_model_output_index(const mlc_model *model,
                                          const char *name, size_t *out_index);

/*===-- Sessions ----------------------------------------------------------===*/

/** Runs one model: owns its scratch arena (allocated once, at create) and
 * its share of the process-wide thread pool. Not thread-safe: one call at a
 * time; use one session per thread to run a model concurrently. */
typedef struct mlc_session mlc_session;

typedef struct mlc_session_options {
  /** Threads a run may use, the caller's included: 0 = one per core. The
   * pool is process-wide and shared by all sessions; a larger value than
   * the cores is allowed (work is split in that many chunks regardless, so
   * results depend only on this value). */
  int32_t threads;
} mlc_session_options;

/** Fills options with the defaults (threads = 0). */
MLC_API void mlc_session_options_init(mlc_session_options *options);

/** Creates a session; options may be NULL for the defaults. Allocates the
 * arena: MLC_OUT_OF_MEMORY when it cannot. Thread-safe (model is shared). */
MLC_API mlc_status mlc_session_create(const mlc_model *model,
                                      const mlc_session_options *options,
                                      mlc_session **out_session);

/** Destroys a session. NULL is a no-op. */
MLC_API void mlc_session_destroy(mlc_session *session);

/** The number of threads the session's runs use (options.threads resolved). */
MLC_API mlc_status mlc_session_threads(const mlc_session *session,
                                       int32_t *out_threads);

/** Runs the model on inputs given in the model's input order, writing the
 * outputs in output order. n_inputs and n_outputs must equal the model's
 * counts. outputs[i] is either a tensor of the output's dtype and shape to
 * write into, or NULL: then the runtime creates an owned tensor, stores it
 * in outputs[i], and the caller destroys it. Output buffers must not
 * overlap inputs or each other. On failure, outputs the runtime created are
 * destroyed and their slots reset to NULL; caller tensors may hold partial
 * results. Allocates nothing except the outputs it creates. */
MLC_API mlc_status mlc_session_run(mlc_session *session,
                                   mlc_tensor *const *inputs, size_t n_inputs,
                                   mlc_tensor **outputs, size_t n_outputs);

/** As mlc_session_run, with inputs and outputs matched by name: every input
 * must be given exactly once, in any order; any subset of outputs may be
 * asked for (the others are computed into session scratch and dropped). */
MLC_API mlc_status mlc_session_run_named(
    mlc_session *session, const char *const *input_names,
    mlc_tensor *const *inputs, size_t n_inputs, const char *const *output_names,
    mlc_tensor **outputs, size_t n_outputs);

#ifdef __cplusplus
}
#endif

#endif /* MLC_RUNTIME_H */
