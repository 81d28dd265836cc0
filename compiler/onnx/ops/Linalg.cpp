//===- Linalg.cpp - import of matrix product, reduction, scan, top-k ops ---===//
//
// Maps every opset version of MatMul, Gemm, Einsum, ReduceMax/Mean/Min/Sum,
// ArgMax, CumSum and TopK onto the normalized graph ops: attributes that
// became inputs (Reduce* axes, TopK's k) are attributes again when
// constant, defaults are explicit, and axes are normalized where the rank
// is known. Invalid values are left for the op's verifier to report.
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/NodeImporter.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

namespace mlc::onnx_import {
namespace {

/// `axis` in [0, rank) when the rank is known and the axis in range; as
/// given otherwise (the verifier reports an axis out of range).
int64_t normalizedAxis(int64_t axis, Value v) {
  std::optional<int64_t> rank = graph::rankOf(v);
  return rank && axis < 0 && axis >= -*rank ? axis + *rank : axis;
}

LogicalResult importMatMul(NodeImporter &n) {
  if (failed(n.expectInputs(2, 2)))
    return failure();
  return n.emit<graph::MatMulOp>({n.input(0), n.input(1)});
}

LogicalResult importGemm(NodeImporter &n) {
  // C is required before Gemm-11.
  if (failed(n.expectInputs(n.opset() < 11 ? 3 : 2, 3)))
    return failure();
  bool transA = n.intAttr("transA", 0) != 0;
  bool transB = n.intAttr("transB", 0) != 0;
  // Gemm-1/6 without `broadcast` need C of the result's shape; the
  // normalized op broadcasts, so check that here.
  if (n.opset() < 7 && n.intAttr("broadcast", 0) == 0) {
    std::optional<ArrayRef<int64_t>> a = graph::shapeOf(n.input(0));
    std::optional<ArrayRef<int64_t>> b = graph::shapeOf(n.input(1));
    std::optional<ArrayRef<int64_t>> c = graph::shapeOf(n.input(2));
    if (a && b && c && a->size() == 2 && b->size() == 2) {
      int64_t m = (*a)[transA ? 1 : 0], nn = (*b)[transB ? 0 : 1];
      bool differ = c->size() != 2;
      if (!differ)
        for (auto [d, want] : llvm::zip(*c, ArrayRef<int64_t>{m, nn}))
          differ |=
              d != graph::kDynamic && want != graph::kDynamic && d != want;
      if (differ)
        return n.error(llvm::formatv(
            "C must have the result's shape [{0}, {1}] without 'broadcast'", m,
            nn));
    }
  }
  if (n.attrErrors())
    return failure();
  return n.emit<graph::GemmOp>(
      {n.input(0), n.input(1), n.input(2)},
      {n.named("alpha", n.f32(n.floatAttr("alpha", 1.0f))),
       n.named("beta", n.f32(n.floatAttr("beta", 1.0f))),
       n.named("trans_a", n.b().getBoolAttr(transA)),
       n.named("trans_b", n.b().getBoolAttr(transB))});
}

LogicalResult importEinsum(NodeImporter &n) {
  if (n.numInputs() < 1)
    return n.error("needs at least one input");
  if (!n.hasAttr("equation"))
    return n.error("has no 'equation' attribute");
  std::string equation = n.stringAttr("equation", "");
  if (n.attrErrors())
    return failure();
  std::string error;
  std::optional<std::string> normalized =
      graph::EinsumOp::normalizeEquation(equation, n.numInputs(), error);
  if (!normalized)
    return n.error("equation '" + equation + "' " + error);
  return n.emit<graph::EinsumOp>(
      n.inputs(), {n.named("equation", n.b().getStringAttr(*normalized))});
}

/// ReduceMax/Mean/Min/Sum: the axes are an attribute before `inputSince`
/// (18; 13 for ReduceSum) and an optional input from then on.
template <typename OpTy, int64_t inputSince>
LogicalResult importReduce(NodeImporter &n) {
  bool axesInput = n.opset() >= inputSince;
  if (failed(n.expectInputs(1, axesInput ? 2 : 1)))
    return failure();
  bool keepdims = n.intAttr("keepdims", 1) != 0;
  bool noop = axesInput && n.intAttr("noop_with_empty_axes", 0) != 0;
  std::optional<SmallVector<int64_t>> axes;
  if (!axesInput)
    axes = n.intsAttr("axes").value_or(SmallVector<int64_t>());
  else if (!n.hasInput(1))
    axes = SmallVector<int64_t>();
  else
    axes = n.constInts(1);
  if (n.attrErrors())
    return failure();
  SmallVector<NamedAttribute> attrs{
      n.named("keepdims", n.b().getBoolAttr(keepdims)),
      n.named("noop_with_empty_axes", n.b().getBoolAttr(noop))};
  if (!axes)
    return n.emit<OpTy>({n.input(0), n.input(1)}, attrs);
  attrs.push_back(
      n.named("static_axes", n.i64s(graph::normalizeReductionAxes(
                                 *axes, graph::rankOf(n.input(0)), noop))));
  return n.emit<OpTy>({n.input(0), n.none()}, attrs);
}

LogicalResult importArgMax(NodeImporter &n) {
  if (failed(n.expectInputs(1, 1)))
    return failure();
  int64_t axis = normalizedAxis(n.intAttr("axis", 0), n.input(0));
  bool keepdims = n.intAttr("keepdims", 1) != 0;
  bool selectLast = n.intAttr("select_last_index", 0) != 0;
  if (n.attrErrors())
    return failure();
  return n.emit<graph::ArgMaxOp>(
      {n.input(0)},
      {n.named("axis", n.i64(axis)),
       n.named("keepdims", n.b().getBoolAttr(keepdims)),
       n.named("select_last_index", n.b().getBoolAttr(selectLast))});
}

LogicalResult importCumSum(NodeImporter &n) {
  if (failed(n.expectInputs(2, 2)))
    return failure();
  SmallVector<NamedAttribute> attrs{
      n.named("exclusive", n.b().getBoolAttr(n.intAttr("exclusive", 0) != 0)),
      n.named("reverse", n.b().getBoolAttr(n.intAttr("reverse", 0) != 0))};
  if (n.attrErrors())
    return failure();
  std::optional<SmallVector<int64_t>> axis = n.constInts(1);
  if (!axis || axis->size() != 1)
    return n.emit<graph::CumSumOp>({n.input(0), n.input(1)}, attrs);
  attrs.push_back(
      n.named("static_axis", n.i64(normalizedAxis((*axis)[0], n.input(0)))));
  return n.emit<graph::CumSumOp>({n.input(0), n.none()}, attrs);
}

LogicalResult importTopK(NodeImporter &n) {
  // TopK-1: k is an attribute; from TopK-10 on, an input.
  bool kInput = n.opset() >= 10;
  if (failed(n.expectInputs(kInput ? 2 : 1, kInput ? 2 : 1)))
    return failure();
  std::optional<int64_t> k;
  if (!kInput) {
    if (!n.hasAttr("k"))
      return n.error("has no 'k' attribute");
    k = n.intAttr("k", 0);
  } else if (std::optional<SmallVector<int64_t>> ks = n.constInts(1);
             ks && ks->size() == 1) {
    k = (*ks)[0];
  }
  // largest and sorted arrived in TopK-11; before, both were implied.
  SmallVector<NamedAttribute> attrs{
      n.named("axis", n.i64(normalizedAxis(n.intAttr("axis", -1), n.input(0)))),
      n.named("largest", n.b().getBoolAttr(n.intAttr("largest", 1) != 0)),
      n.named("sorted", n.b().getBoolAttr(n.intAttr("sorted", 1) != 0))};
  if (n.attrErrors())
    return failure();
  if (!k)
    return n.emit<graph::TopKOp>({n.input(0), n.input(1)}, attrs, 2);
  attrs.push_back(n.named("static_k", n.i64(*k)));
  return n.emit<graph::TopKOp>({n.input(0), n.none()}, attrs, 2);
}

} // namespace

void registerLinalgImporters(OpImporterRegistry &r) {
  r.add("MatMul", importMatMul);
  r.add("Gemm", importGemm);
  r.add("Einsum", importEinsum);
  r.add("ReduceMax", importReduce<graph::ReduceMaxOp, 18>);
  r.add("ReduceMean", importReduce<graph::ReduceMeanOp, 18>);
  r.add("ReduceMin", importReduce<graph::ReduceMinOp, 18>);
  r.add("ReduceSum", importReduce<graph::ReduceSumOp, 13>);
  r.add("ArgMax", importArgMax);
  r.add("CumSum", importCumSum);
  r.add("TopK", importTopK);
}

} // namespace mlc::onnx_import
