#!/usr/bin/env python3
"""Real model architectures with random fixed weights, built with onnx.helper.

  resnet50     torchvision ResNet-50 (v1.5: stride in the 3x3 conv), Conv /
               BatchNormalization / Relu, bottlenecks [3, 4, 6, 3], 1x3x224x224
               -> logits 1x1000
  mobilenetv2  torchvision MobileNetV2: inverted residuals, depthwise 3x3,
               ReLU6 as Clip(0, 6), BatchNorm folded into the convs (as the
               PyTorch exporter does in eval mode), 1x3x224x224 -> 1x1000
  bert         BERT-base: embeddings (30522 x 768 word table) + 12 encoder
               layers (hidden 768, 12 heads, FFN 3072), seq 128, batch 1;
               inputs input_ids and attention_mask (int64, 1x128), the
               additive (1 - mask) * -10000 mask, Softmax, Gelu in its Erf
               form; LayerNormalization as the decomposed ReduceMean / Sub /
               Pow / Sqrt / Div chain exporters emit in the even layers and the
               opset-17 LayerNormalization op in the odd ones (and in the
               embeddings); outputs last_hidden_state 1x128x768 and the tanh
               pooler 1x768
  gpt2         one GPT-2-small decoder block: LayerNorm, fused c_attn (768 x
               2304) + Split, 12 heads, causal mask from Trilu + Where, the tanh
               GELU approximation, residuals; 1x128x768 -> 1x128x768

Weights are drawn from numpy's default_rng with a fixed seed per model, so the
models are the same on every machine. write_model_and_data() also writes the
inputs (fixed seed) and ONNX Runtime's outputs as ONNX test data.

  python make_models.py NAME OUT.onnx DATA_DIR
"""

import math
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17


class Builder:
    """A graph under construction: nodes, initializers, unique names."""

    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)
        self.nodes = []
        self.inits = []
        self.count = 0

    def name(self, hint):
        self.count += 1
        return f"{hint}_{self.count}"

    def const(self, array, hint="c"):
        n = self.name(hint)
        self.inits.append(numpy_helper.from_array(np.asarray(array), n))
        return n

    def normal(self, shape, std, hint="w"):
        return self.const(
            (self.rng.standard_normal(shape) * std).astype(np.float32), hint)

    def uniform(self, shape, lo, hi, hint="w"):
        return self.const(
            self.rng.uniform(lo, hi, shape).astype(np.float32), hint)

    def op(self, op_type, inputs, outputs=1, **attrs):
        outs = [self.name(op_type.lower()) for _ in range(outputs)]
        self.nodes.append(
            helper.make_node(op_type, inputs, outs, name=self.name(op_type),
                             **attrs))
        return outs[0] if outputs == 1 else outs

    def model(self, name, inputs, outputs):
        graph = helper.make_graph(self.nodes, name, inputs, outputs,
                                  self.inits)
        m = helper.make_model(graph,
                              opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="mlc-make-models")
        m.ir_version = 8
        onnx.checker.check_model(m)
        return m


# ----------------------------------------------------------------------------
# CNNs


def conv(b, x, cin, cout, k, stride=1, group=1, bias=False, gain=2.0):
    """A Conv with He-normal weights (std sqrt(gain / fan_in))."""
    fan_in = cin // group * k * k
    w = b.normal((cout, cin // group, k, k), math.sqrt(gain / fan_in), "conv_w")
    ins = [x, w]
    if bias:
        ins.append(b.normal((cout,), 0.05, "conv_b"))
    return b.op("Conv", ins, kernel_shape=[k, k], strides=[stride, stride],
                pads=[k // 2] * 4, group=group)


def batchnorm(b, x, c, gamma=(0.8, 1.2)):
    """Eval-mode BatchNormalization with plausible running statistics."""
    scale = b.uniform((c,), gamma[0], gamma[1], "bn_scale")
    bias = b.normal((c,), 0.1, "bn_bias")
    mean = b.normal((c,), 0.1, "bn_mean")
    var = b.uniform((c,), 0.8, 1.5, "bn_var")
    return b.op("BatchNormalization", [x, scale, bias, mean, var],
                epsilon=1e-5)


def classifier(b, x, cin, classes=1000):
    pooled = b.op("GlobalAveragePool", [x])
    flat = b.op("Flatten", [pooled], axis=1)
    w = b.normal((classes, cin), math.sqrt(1.0 / cin), "fc_w")
    bias = b.normal((classes,), 0.01, "fc_b")
    return b.op("Gemm", [flat, w, bias], transB=1)


def image_io(b, out):
    x = helper.make_tensor_value_info("input", TensorProto.FLOAT,
                                      [1, 3, 224, 224])
    y = helper.make_tensor_value_info(out, TensorProto.FLOAT, [1, 1000])
    return [x], [y]


def resnet50():
    b = Builder(seed=50)
    x = "input"
    h = b.op("Relu", [batchnorm(b, conv(b, x, 3, 64, 7, 2), 64)])
    h = b.op("MaxPool", [h], kernel_shape=[3, 3], strides=[2, 2],
             pads=[1, 1, 1, 1])
    cin = 64
    for stage, (width, blocks) in enumerate([(64, 3), (128, 4), (256, 6),
                                             (512, 3)]):
        for i in range(blocks):
            stride = 2 if (i == 0 and stage > 0) else 1
            cout = width * 4
            y = b.op("Relu", [batchnorm(b, conv(b, h, cin, width, 1), width)])
            y = b.op("Relu",
                     [batchnorm(b, conv(b, y, width, width, 3, stride), width)])
            # A small last gamma keeps the residual stream's scale steady over
            # 16 blocks (what zero-init-residual training tends towards).
            y = batchnorm(b, conv(b, y, width, cout, 1), cout, (0.2, 0.4))
            if i == 0:
                skip = batchnorm(b, conv(b, h, cin, cout, 1, stride), cout)
            else:
                skip = h
            h = b.op("Relu", [b.op("Add", [y, skip])])
            cin = cout
    logits = classifier(b, h, 2048)
    b.nodes[-1].output[0] = "logits"
    return b.model("resnet50", *image_io(b, "logits"))


def relu6(b, x):
    lo = b.const(np.array(0.0, np.float32), "zero")
    hi = b.const(np.array(6.0, np.float32), "six")
    return b.op("Clip", [x, lo, hi])


def mobilenetv2():
    b = Builder(seed=2)
    h = relu6(b, conv(b, "input", 3, 32, 3, 2, bias=True))
    cin = 32
    settings = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
                (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]
    for t, c, n, s in settings:
        for i in range(n):
            stride = s if i == 0 else 1
            hidden = cin * t
            y = h
            if t != 1:
                y = relu6(b, conv(b, y, cin, hidden, 1, bias=True))
            y = relu6(b, conv(b, y, hidden, hidden, 3, stride, group=hidden,
                              bias=True))
            # The projection is linear; gain 0.5 keeps the residual sums
            # bounded as BN-folded weights of a trained model do.
            y = conv(b, y, hidden, c, 1, bias=True, gain=0.5)
            if stride == 1 and cin == c:
                y = b.op("Add", [h, y])
            h = y
            cin = c
    h = relu6(b, conv(b, h, cin, 1280, 1, bias=True))
    classifier(b, h, 1280)
    b.nodes[-1].output[0] = "logits"
    return b.model("mobilenetv2", *image_io(b, "logits"))


# ----------------------------------------------------------------------------
# Transformers

HIDDEN, HEADS, SEQ, FFN = 768, 12, 128, 3072
HEAD_DIM = HIDDEN // HEADS


def linear(b, x, cin, cout, std=0.02):
    w = b.normal((cin, cout), std, "linear_w")
    bias = b.normal((cout,), 0.02, "linear_b")
    return b.op("Add", [b.op("MatMul", [x, w]), bias])


def layernorm(b, x, decomposed):
    scale = b.uniform((HIDDEN,), 0.9, 1.1, "ln_scale")
    bias = b.normal((HIDDEN,), 0.02, "ln_bias")
    if not decomposed:
        return b.op("LayerNormalization", [x, scale, bias], axis=-1,
                    epsilon=1e-12)
    # The PyTorch exporter's form before opset 17.
    mean = b.op("ReduceMean", [x], axes=[-1], keepdims=1)
    centered = b.op("Sub", [x, mean])
    sq = b.op("Pow", [centered, b.const(np.array(2.0, np.float32), "two")])
    var = b.op("ReduceMean", [sq], axes=[-1], keepdims=1)
    eps = b.const(np.array(1e-12, np.float32), "eps")
    std = b.op("Sqrt", [b.op("Add", [var, eps])])
    normed = b.op("Div", [centered, std])
    return b.op("Add", [b.op("Mul", [normed, scale]), bias])


def gelu_erf(b, x):
    inv_sqrt2 = b.const(np.array(1.0 / math.sqrt(2.0), np.float32), "rsqrt2")
    one = b.const(np.array(1.0, np.float32), "one")
    half = b.const(np.array(0.5, np.float32), "half")
    e = b.op("Erf", [b.op("Mul", [x, inv_sqrt2])])
    return b.op("Mul", [b.op("Mul", [x, b.op("Add", [e, one])]), half])


def gelu_tanh(b, x):
    c = lambda v, h: b.const(np.array(v, np.float32), h)
    cube = b.op("Pow", [x, c(3.0, "three")])
    inner = b.op("Add", [x, b.op("Mul", [cube, c(0.044715, "k")])])
    t = b.op("Tanh", [b.op("Mul", [inner, c(math.sqrt(2 / math.pi), "s")])])
    return b.op("Mul", [b.op("Mul", [x, c(0.5, "half")]),
                        b.op("Add", [t, c(1.0, "one")])])


def split_heads(b, x, transpose_k=False):
    shape = b.const(np.array([1, SEQ, HEADS, HEAD_DIM], np.int64), "shape")
    r = b.op("Reshape", [x, shape])
    return b.op("Transpose", [r], perm=[0, 2, 3, 1] if transpose_k else
                [0, 2, 1, 3])


def merge_heads(b, x):
    t = b.op("Transpose", [x], perm=[0, 2, 1, 3])
    shape = b.const(np.array([1, SEQ, HIDDEN], np.int64), "shape")
    return b.op("Reshape", [t, shape])


def attention_scores(b, q, k):
    scores = b.op("MatMul", [q, k])
    return b.op("Div", [scores, b.const(np.array(math.sqrt(HEAD_DIM),
                                                 np.float32), "sqrt_d")])


def bert_layer(b, x, mask, decomposed):
    q = split_heads(b, linear(b, x, HIDDEN, HIDDEN))
    k = split_heads(b, linear(b, x, HIDDEN, HIDDEN), transpose_k=True)
    v = split_heads(b, linear(b, x, HIDDEN, HIDDEN))
    scores = b.op("Add", [attention_scores(b, q, k), mask])
    probs = b.op("Softmax", [scores], axis=-1)
    ctx = merge_heads(b, b.op("MatMul", [probs, v]))
    h = layernorm(b, b.op("Add", [linear(b, ctx, HIDDEN, HIDDEN), x]),
                  decomposed)
    f = linear(b, gelu_erf(b, linear(b, h, HIDDEN, FFN)), FFN, HIDDEN)
    return layernorm(b, b.op("Add", [f, h]), decomposed)


def bert(layers=12, vocab=30522):
    b = Builder(seed=110)
    ids, mask = "input_ids", "attention_mask"
    pos = b.const(np.arange(SEQ, dtype=np.int64).reshape(1, SEQ), "pos_ids")
    types = b.const(np.zeros((1, SEQ), np.int64), "type_ids")
    word = b.op("Gather", [b.normal((vocab, HIDDEN), 0.02, "word_emb"), ids])
    posv = b.op("Gather", [b.normal((512, HIDDEN), 0.02, "pos_emb"), pos])
    typev = b.op("Gather", [b.normal((2, HIDDEN), 0.02, "type_emb"), types])
    h = layernorm(b, b.op("Add", [b.op("Add", [word, posv]), typev]), False)
    # The extended attention mask as HF's exporter emits it.
    m = b.op("Unsqueeze", [mask, b.const(np.array([1, 2], np.int64), "axes")])
    m = b.op("Cast", [m], to=TensorProto.FLOAT)
    m = b.op("Sub", [b.const(np.array(1.0, np.float32), "one"), m])
    m = b.op("Mul", [m, b.const(np.array(-10000.0, np.float32), "neg")])
    for i in range(layers):
        h = bert_layer(b, h, m, decomposed=(i % 2 == 0))
    b.op("Identity", [h])
    b.nodes[-1].output[0] = "last_hidden_state"
    first = b.op("Gather", ["last_hidden_state",
                            b.const(np.array(0, np.int64), "zero")], axis=1)
    b.op("Tanh", [linear(b, first, HIDDEN, HIDDEN)])
    b.nodes[-1].output[0] = "pooler_output"
    inputs = [
        helper.make_tensor_value_info(ids, TensorProto.INT64, [1, SEQ]),
        helper.make_tensor_value_info(mask, TensorProto.INT64, [1, SEQ]),
    ]
    outputs = [
        helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT,
                                      [1, SEQ, HIDDEN]),
        helper.make_tensor_value_info("pooler_output", TensorProto.FLOAT,
                                      [1, HIDDEN]),
    ]
    return b.model("bert_base", inputs, outputs)


def gpt2():
    b = Builder(seed=124)
    x = "hidden_states"
    h = layernorm(b, x, False)
    qkv = linear(b, h, HIDDEN, 3 * HIDDEN)
    q, k, v = b.op("Split", [qkv, b.const(np.array([HIDDEN] * 3, np.int64),
                                          "split")], outputs=3, axis=2)
    q, k, v = split_heads(b, q), split_heads(b, k, True), split_heads(b, v)
    scores = attention_scores(b, q, k)
    # Causal mask: the lower triangle of a ones matrix, as a boolean.
    ones = b.op("ConstantOfShape", [b.const(np.array([SEQ, SEQ], np.int64),
                                            "shape")],
                value=numpy_helper.from_array(np.array([1], np.float32)))
    tril = b.op("Trilu", [ones], upper=0)
    causal = b.op("Cast", [tril], to=TensorProto.BOOL)
    neg = b.const(np.array(np.finfo(np.float32).min, np.float32), "min")
    scores = b.op("Where", [causal, scores, neg])
    probs = b.op("Softmax", [scores], axis=-1)
    attn = linear(b, merge_heads(b, b.op("MatMul", [probs, v])), HIDDEN,
                  HIDDEN)
    h = b.op("Add", [x, attn])
    m = linear(b, gelu_tanh(b, linear(b, layernorm(b, h, False), HIDDEN,
                                      FFN)), FFN, HIDDEN)
    b.op("Add", [h, m])
    b.nodes[-1].output[0] = "output"
    io = [helper.make_tensor_value_info(n, TensorProto.FLOAT,
                                        [1, SEQ, HIDDEN])
          for n in (x, "output")]
    return b.model("gpt2_block", [io[0]], [io[1]])


MODELS = {
    "resnet50": resnet50,
    "mobilenetv2": mobilenetv2,
    "bert": bert,
    "gpt2": gpt2,
}


def make_inputs(name, model):
    """Fixed inputs: N(0, 1) images / hidden states; token ids and a mask with
    28 padding positions for BERT."""
    rng = np.random.default_rng(1234)
    feeds = {}
    for vi in model.graph.input:
        shape = [d.dim_value for d in vi.type.tensor_type.shape.dim]
        if vi.name == "input_ids":
            feeds[vi.name] = rng.integers(0, 30522, shape, dtype=np.int64)
        elif vi.name == "attention_mask":
            m = np.ones(shape, np.int64)
            m[:, 100:] = 0
            feeds[vi.name] = m
        else:
            feeds[vi.name] = rng.standard_normal(shape).astype(np.float32)
    return feeds


def write_model_and_data(name, model_path, data_dir):
    import onnxruntime as ort
    model = MODELS[name]()
    onnx.save(model, model_path)
    feeds = make_inputs(name, model)
    sess = ort.InferenceSession(model_path,
                                providers=["CPUExecutionProvider"])
    outs = sess.run(None, feeds)
    os.makedirs(data_dir, exist_ok=True)
    for i, vi in enumerate(model.graph.input):
        t = numpy_helper.from_array(feeds[vi.name], vi.name)
        with open(os.path.join(data_dir, f"input_{i}.pb"), "wb") as f:
            f.write(t.SerializeToString())
    for i, (vi, o) in enumerate(zip(model.graph.output, outs)):
        t = numpy_helper.from_array(o, vi.name)
        with open(os.path.join(data_dir, f"output_{i}.pb"), "wb") as f:
            f.write(t.SerializeToString())
    return outs


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in MODELS:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(MODELS)}}} OUT.onnx "
                 "DATA_DIR")
    outs = write_model_and_data(*sys.argv[1:])
    for o in outs:
        print(o.shape, o.dtype, "mean", float(o.mean()), "std",
              float(o.std()), "max |x|", float(np.abs(o).max()))
