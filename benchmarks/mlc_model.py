"""A compiled model.so driven through the runtime C API it exports
(runtime/include/mlc/runtime.h), with ctypes, as an application would:

  mlc_model_open(mlc_<tag>_model(), &model)
  mlc_session_options_init(&options); options.threads = T
  mlc_session_create(model, &options, &session)
  mlc_tensor_wrap(...)   for every input and output (caller-owned buffers)
  mlc_session_run(session, inputs, n, outputs, m)

Inputs and outputs are 64-byte aligned numpy buffers wrapped once, so a run()
allocates nothing (runtime.h: a run allocates only outputs it must create).
"""

import ctypes
import os
import re

import numpy as np
from onnx import helper

_P = ctypes.c_void_p
_PP = ctypes.POINTER(ctypes.c_void_p)
_SIZE = ctypes.c_size_t
_I32 = ctypes.c_int32
_I64P = ctypes.POINTER(ctypes.c_int64)


class SessionOptions(ctypes.Structure):
    _fields_ = [("threads", ctypes.c_int32)]


# name: (restype, argtypes)
_API = {
    "mlc_status_message": (ctypes.c_char_p, []),
    "mlc_status_name": (ctypes.c_char_p, [ctypes.c_int]),
    "mlc_model_open": (ctypes.c_int, [_P, _PP]),
    "mlc_model_close": (None, [_P]),
    "mlc_model_num_inputs": (ctypes.c_int, [_P, ctypes.POINTER(_SIZE)]),
    "mlc_model_num_outputs": (ctypes.c_int, [_P, ctypes.POINTER(_SIZE)]),
    "mlc_session_options_init": (None, [ctypes.POINTER(SessionOptions)]),
    "mlc_session_create": (ctypes.c_int,
                           [_P, ctypes.POINTER(SessionOptions), _PP]),
    "mlc_session_destroy": (None, [_P]),
    "mlc_session_threads": (ctypes.c_int, [_P, ctypes.POINTER(_I32)]),
    "mlc_session_run": (ctypes.c_int, [_P, _PP, _SIZE, _PP, _SIZE]),
    "mlc_tensor_wrap": (ctypes.c_int, [ctypes.c_int, _I32, _I64P, _P, _PP]),
    "mlc_tensor_destroy": (None, [_P]),
}
for _kind in ("input", "output"):
    _API[f"mlc_model_{_kind}_name"] = (
        ctypes.c_int, [_P, _SIZE, ctypes.POINTER(ctypes.c_char_p)])
    _API[f"mlc_model_{_kind}_dtype"] = (
        ctypes.c_int, [_P, _SIZE, ctypes.POINTER(ctypes.c_int)])
    _API[f"mlc_model_{_kind}_rank"] = (
        ctypes.c_int, [_P, _SIZE, ctypes.POINTER(_I32)])
    _API[f"mlc_model_{_kind}_shape"] = (
        ctypes.c_int, [_P, _SIZE, ctypes.POINTER(_I64P)])


def default_tag(so_path):
    """mlc-compile's default tag: the output's file stem with every character
    outside [A-Za-z0-9_] replaced by '_', and '_' prefixed to a leading digit
    (codegen/package/ModelPackage.cpp, sanitizeTag)."""
    stem = os.path.splitext(os.path.basename(so_path))[0]
    tag = re.sub(r"[^A-Za-z0-9_]", "_", stem)
    return "_" + tag if not tag or tag[0].isdigit() else tag


def aligned_empty(shape, dtype, align=64):
    """An uninitialized C-contiguous array whose data is align-byte aligned."""
    dtype = np.dtype(dtype)
    nbytes = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    raw = np.empty(nbytes + align, np.uint8)
    offset = -raw.ctypes.data % align
    return raw[offset:offset + nbytes].view(dtype).reshape(shape)


def aligned_copy(array, align=64):
    out = aligned_empty(array.shape, array.dtype, align)
    out[...] = array
    return out


class MlcError(RuntimeError):
    pass


class MlcModel:
    """One model.so, one session with `threads` threads, wrapped inputs and
    caller-owned outputs. run() is one mlc_session_run."""

    def __init__(self, so_path, threads, tag=None):
        self.lib = ctypes.CDLL(os.path.abspath(so_path))
        for name, (res, args) in _API.items():
            fn = getattr(self.lib, name)
            fn.restype, fn.argtypes = res, args
        self.tag = tag or default_tag(so_path)
        getter = getattr(self.lib, f"mlc_{self.tag}_model")
        getter.restype, getter.argtypes = _P, []
        self._handles = []  # (destroy function, handle), destroyed in reverse
        self.model = _P()
        self._check(self.lib.mlc_model_open(getter(), ctypes.byref(self.model)),
                    "mlc_model_open")
        self._handles.append((self.lib.mlc_model_close, self.model))
        options = SessionOptions()
        self.lib.mlc_session_options_init(ctypes.byref(options))
        options.threads = threads
        self.session = _P()
        self._check(self.lib.mlc_session_create(
            self.model, ctypes.byref(options), ctypes.byref(self.session)),
            "mlc_session_create")
        self._handles.append((self.lib.mlc_session_destroy, self.session))
        n = _I32()
        self._check(self.lib.mlc_session_threads(self.session,
                                                 ctypes.byref(n)),
                    "mlc_session_threads")
        self.threads = n.value
        self.inputs = self._values("input")
        self.outputs = self._values("output")
        self._in = self._out = None

    def _check(self, status, what):
        if status != 0:
            name = self.lib.mlc_status_name(status).decode()
            msg = self.lib.mlc_status_message().decode()
            raise MlcError(f"{what}: {name}: {msg}")

    def _values(self, kind):
        """[(name, numpy dtype, shape)] of the model's inputs or outputs."""
        count = _SIZE()
        self._check(getattr(self.lib, f"mlc_model_num_{kind}s")(
            self.model, ctypes.byref(count)), f"mlc_model_num_{kind}s")
        values = []
        for i in range(count.value):
            name, dtype, rank = ctypes.c_char_p(), ctypes.c_int(), _I32()
            shape = _I64P()
            for what, out in (("name", name), ("dtype", dtype),
                              ("rank", rank), ("shape", shape)):
                fn = getattr(self.lib, f"mlc_model_{kind}_{what}")
                self._check(fn(self.model, i, ctypes.byref(out)), fn.__name__)
            dims = tuple(shape[d] for d in range(rank.value))
            values.append((name.value.decode(),
                           helper.tensor_dtype_to_np_dtype(dtype.value), dims))
        return values

    def _wrap(self, array):
        t = _P()
        shape = (ctypes.c_int64 * max(array.ndim, 1))(*array.shape)
        dtype = helper.np_dtype_to_tensor_dtype(array.dtype)
        self._check(self.lib.mlc_tensor_wrap(
            dtype, array.ndim, shape if array.ndim else None,
            array.ctypes.data, ctypes.byref(t)), "mlc_tensor_wrap")
        self._handles.append((self.lib.mlc_tensor_destroy, t))
        return t

    def bind(self, feeds):
        """Wraps feeds[name] (aligned arrays, kept alive by the caller) for
        every input, and fresh aligned output arrays, returned by name."""
        ins = []
        for name, dtype, shape in self.inputs:
            a = feeds[name]
            if a.dtype != dtype or tuple(a.shape) != shape:
                raise MlcError(f"input '{name}': model wants {dtype} {shape}, "
                               f"got {a.dtype} {a.shape}")
            ins.append(self._wrap(a))
        self.output_arrays = {}
        outs = []
        for name, dtype, shape in self.outputs:
            a = aligned_empty(shape, dtype)
            self.output_arrays[name] = a
            outs.append(self._wrap(a))
        self._in = (ctypes.c_void_p * max(len(ins), 1))(*ins)
        self._out = (ctypes.c_void_p * max(len(outs), 1))(*outs)
        self._n_in, self._n_out = len(ins), len(outs)
        run, session = self.lib.mlc_session_run, self.session
        args = (session, self._in, self._n_in, self._out, self._n_out)

        def run_once():
            status = run(*args)
            if status:
                self._check(status, "mlc_session_run")

        self.run = run_once
        return self.output_arrays

    def close(self):
        while self._handles:
            destroy, handle = self._handles.pop()
            destroy(handle)
