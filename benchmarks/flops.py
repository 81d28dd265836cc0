"""FLOPs of an ONNX model: 2 x the multiply-adds of its Conv, ConvTranspose,
MatMul and Gemm nodes, with every shape taken from onnx.shape_inference (so the
attention matmuls count with their real batch x heads x seq x seq shapes).
Element-wise ops, reductions, pooling and the bias adds are not counted: the
figure is the usual "model FLOPs" that GFLOP/s and "% of peak" are quoted on.
"""

import math

import onnx
from onnx import shape_inference


def _shapes(model):
    """Name -> list of ints (or None for an unknown dimension)."""
    inferred = shape_inference.infer_shapes(model, strict_mode=False)
    g = inferred.graph
    shapes = {}
    for vi in list(g.input) + list(g.value_info) + list(g.output):
        t = vi.type.tensor_type
        if t.HasField("shape"):
            shapes[vi.name] = [d.dim_value if d.HasField("dim_value") else None
                               for d in t.shape.dim]
    for init in g.initializer:
        shapes[init.name] = list(init.dims)
    return shapes, g


def _prod(dims):
    return math.prod(dims)


def _known(*shapes):
    return all(s is not None and all(d is not None for d in s) for s in shapes)


def _attr(node, name, default):
    for a in node.attribute:
        if a.name == name:
            return onnx.helper.get_attribute_value(a)
    return default


def _node_flops(node, shapes):
    """2 x MACs of one node, 0 for an uncounted op type, None if a shape is
    unknown."""
    get = lambda i: shapes.get(node.input[i]) if len(node.input) > i else None
    out = shapes.get(node.output[0])
    op = node.op_type
    if op == "Conv":
        w = get(1)
        if not _known(w, out):
            return None
        # out [N, Cout, *spatial] x weight [Cout, Cin/group, *kernel]
        return 2 * _prod(out) * _prod(w[1:])
    if op == "ConvTranspose":
        x, w = get(0), get(1)
        if not _known(x, w):
            return None
        # each input element scatters into Cout/group x kernel outputs
        return 2 * _prod(x) * _prod(w[1:])
    if op == "MatMul":
        a, b = get(0), get(1)
        if not _known(a, b):
            return None
        a = [1] + a if len(a) == 1 else a
        b = b + [1] if len(b) == 1 else b
        m, k, n = a[-2], a[-1], b[-1]
        batch_a, batch_b = a[:-2], b[:-2]
        rank = max(len(batch_a), len(batch_b))
        batch_a = [1] * (rank - len(batch_a)) + batch_a
        batch_b = [1] * (rank - len(batch_b)) + batch_b
        batch = _prod(max(x, y) for x, y in zip(batch_a, batch_b))
        return 2 * batch * m * k * n
    if op == "Gemm":
        a, b = get(0), get(1)
        if not _known(a, b):
            return None
        m, k = (a[1], a[0]) if _attr(node, "transA", 0) else (a[0], a[1])
        n = b[0] if _attr(node, "transB", 0) else b[1]
        return 2 * m * k * n
    return 0


def count_flops(model):
    """(total FLOPs, {op type: FLOPs}, [names of nodes with unknown shapes]).

    model: an onnx.ModelProto or a path. Nodes inside subgraphs (If, Loop)
    are not visited; the benchmark models have none."""
    if isinstance(model, str):
        model = onnx.load(model)
    shapes, graph = _shapes(model)
    total, by_op, unknown = 0, {}, []
    for node in graph.node:
        f = _node_flops(node, shapes)
        if f is None:
            unknown.append(node.name or node.output[0])
            continue
        if f:
            total += f
            by_op[node.op_type] = by_op.get(node.op_type, 0) + f
    return total, by_op, unknown


if __name__ == "__main__":
    import sys
    for path in sys.argv[1:]:
        total, by_op, unknown = count_flops(path)
        parts = ", ".join(f"{k} {v / 1e9:.3f}" for k, v in sorted(by_op.items()))
        print(f"{path}: {total / 1e9:.3f} GFLOP ({parts})"
              + (f"; unknown shapes at {unknown}" if unknown else ""))
