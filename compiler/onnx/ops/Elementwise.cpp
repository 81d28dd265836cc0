//===- Elementwise.cpp - import of elementwise ONNX ops
//--------------------===//
//
// Maps every opset version of the elementwise ONNX ops to one graph op each:
// legacy broadcasting (opset < 7) becomes a reshape of the right operand,
// Clip/Dropout attributes and constant inputs become attributes, CastLike
// becomes a Cast.
//
//===----------------------------------------------------------------------===//

#include "compiler/onnx/NodeImporter.h"
#include "compiler/onnx/TensorConvert.h"

#include <cfloat>
#include <climits>

using namespace mlir;

namespace mlc::onnx_import {
namespace {

/// Before opset 7, binary ops broadcast only with `broadcast=1`, aligning B
/// at `axis` of A; this reshapes B so that numpy rules give the same result.
FailureOr<Value> legacyBroadcastRhs(NodeImporter &n, Value lhs, Value rhs) {
  if (n.opset() >= 7 || n.intAttr("broadcast", 0) == 0 || !n.hasAttr("axis"))
    return rhs;
  std::optional<int64_t> rankA = graph::rankOf(lhs);
  std::optional<int64_t> rankB = graph::rankOf(rhs);
  if (!rankA || !rankB)
    return n.error("legacy broadcasting with an axis needs ranked operands");
  int64_t axis = n.intAttr("axis", 0);
  if (axis < 0)
    axis += *rankA;
  int64_t trailing = *rankA - axis - *rankB;
  if (axis < 0 || trailing < 0)
    return n.error("legacy broadcast axis is out of range");
  if (trailing == 0)
    return rhs;
  SmallVector<int64_t> shape(*rankB, 0);
  shape.append(trailing, 1);
  Operation *op = n.create<graph::ReshapeOp>(
      {rhs, n.none()}, {n.named("static_shape", n.i64s(shape))});
  if (!op)
    return failure();
  return op->getResult(0);
}

template <typename OpTy> LogicalResult importBinary(NodeImporter &n) {
  if (failed(n.expectInputs(2, 2)))
    return failure();
  FailureOr<Value> rhs = legacyBroadcastRhs(n, n.input(0), n.input(1));
  if (failed(rhs))
    return failure();
  return n.emit<OpTy>({n.input(0), *rhs});
}

template <typename OpTy> LogicalResult importUnary(NodeImporter &n) {
  if (failed(n.expectInputs(1, 1)))
    return failure();
  return n.emit<OpTy>({n.input(0)});
}

/// Max, Min, Sum, Mean: one or more inputs.
template <typename OpTy> LogicalResult importVariadic(NodeImporter &n) {
  if (failed(n.expectInputs(1, INT_MAX)))
    return failure();
  return n.emit<OpTy>(n.inputs());
}

LogicalResult importMod(NodeImporter &n) {
  if (failed(n.expectInputs(2, 2)))
    return failure();
  // ONNX defines only fmod for floats (the reference computes it whatever
  // the attribute says); the normalized form states it.
  bool fmod = n.intAttr("fmod", 0) != 0 ||
              llvm::isa<FloatType>(getElementTypeOrSelf(n.input(0)));
  return n.emit<graph::ModOp>({n.input(0), n.input(1)},
                              {n.named("fmod", n.b().getBoolAttr(fmod))});
}

LogicalResult importLeakyRelu(NodeImporter &n) {
  if (failed(n.expectInputs(1, 1)))
    return failure();
  return n.emit<graph::LeakyReluOp>(
      {n.input(0)}, {n.named("alpha", n.f32(n.floatAttr("alpha", 0.01f)))});
}

LogicalResult importHardSigmoid(NodeImporter &n) {
  if (failed(n.expectInputs(1, 1)))
    return failure();
  return n.emit<graph::HardSigmoidOp>(
      {n.input(0)}, {n.named("alpha", n.f32(n.floatAttr("alpha", 0.2f))),
                     n.named("beta", n.f32(n.floatAttr("beta", 0.5f)))});
}

LogicalResult importGelu(NodeImporter &n) {
  if (failed(n.expectInputs(1, 1)))
    return failure();
  return n.emit<graph::GeluOp>(
      {n.input(0)},
      {n.named("approximate",
               n.b().getStringAttr(n.stringAttr("approximate", "none")))});
}

/// PRelu before opset 7 shares a 1-D slope per channel (dimension 1); from 7
/// on the slope broadcasts with numpy rules.
LogicalResult importPRelu(NodeImporter &n) {
  if (failed(n.expectInputs(2, 2)))
    return failure();
  Value slope = n.input(1);
  std::optional<int64_t> rankX = graph::rankOf(n.input(0));
  std::optional<ArrayRef<int64_t>> s = graph::shapeOf(slope);
  if (n.opset() < 7 && rankX && *rankX > 2 && s && s->size() == 1 &&
      (*s)[0] != 1) {
    SmallVector<int64_t> shape = {0};
    shape.append(*rankX - 2, 1);
    Operation *op = n.create<graph::ReshapeOp>(
        {slope, n.none()}, {n.named("static_shape", n.i64s(shape))});
    if (!op)
      return failure();
    slope = op->getResult(0);
  }
  return n.emit<graph::PReluOp>({n.input(0), slope});
}

LogicalResult importWhere(NodeImporter &n) {
  if (failed(n.expectInputs(3, 3)))
    return failure();
  return n.emit<graph::WhereOp>({n.input(0), n.input(1), n.input(2)});
}

/// Clip: `min`/`max` float attributes before opset 11, optional scalar
/// inputs from 11 on. Known bounds become attributes of the input's element
/// type; unknown ones stay operands.
LogicalResult importClip(NodeImporter &n) {
  Type elt = getElementTypeOrSelf(n.input(0));
  SmallVector<Value, 3> operands = {n.input(0), n.none(), n.none()};
  SmallVector<NamedAttribute, 2> attrs;
  const char *names[] = {"min", "max"};
  if (n.opset() < 11) {
    if (failed(n.expectInputs(1, 1)))
      return failure();
    for (const char *name : names) {
      if (!n.hasAttr(name))
        continue;
      auto floatType = llvm::dyn_cast<FloatType>(elt);
      if (!floatType)
        return n.error("a Clip before opset 11 needs a float input");
      APFloat v(n.floatAttr(name, 0.0f));
      bool lost;
      v.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                &lost);
      attrs.push_back(n.named(name, FloatAttr::get(elt, v)));
    }
  } else {
    if (failed(n.expectInputs(1, 3)))
      return failure();
    for (unsigned i = 1; i <= 2; ++i) {
      if (!n.hasInput(i))
        continue;
      if (TypedAttr bound = graph::ClipOp::getBoundAttr(
              graph::getConstantElements(n.input(i)), elt))
        attrs.push_back(n.named(names[i - 1], bound));
      else
        operands[i] = n.input(i);
    }
  }
  return n.emit<graph::ClipOp>(operands, attrs);
}

/// Dropout: `ratio` (and before opset 7 `is_test`) attributes before opset
/// 12, optional `ratio`/`training_mode` inputs from 12 on. The mask is i1
/// (the data's type before opset 10: then it is cast).
LogicalResult importDropout(NodeImporter &n) {
  SmallVector<Value, 3> operands = {n.input(0), n.none(), n.none()};
  SmallVector<NamedAttribute, 3> attrs;
  if (n.opset() < 12) {
    if (failed(n.expectInputs(1, 1)))
      return failure();
    attrs.push_back(n.named("ratio", n.f32(n.floatAttr("ratio", 0.5f))));
    // Before opset 7, `is_test` (default 0) selects inference.
    bool training = n.opset() < 7 && n.intAttr("is_test", 0) == 0;
    attrs.push_back(n.named("training_mode", n.b().getBoolAttr(training)));
  } else {
    if (failed(n.expectInputs(1, 3)))
      return failure();
    std::optional<SmallVector<double>> ratio = n.constFloats(1);
    if (!n.hasInput(1))
      attrs.push_back(n.named("ratio", n.f32(0.5f)));
    else if (ratio && ratio->size() == 1)
      attrs.push_back(n.named("ratio", n.f32((*ratio)[0])));
    else
      operands[1] = n.input(1);
    std::optional<SmallVector<int64_t>> training = n.constInts(2);
    if (!n.hasInput(2))
      attrs.push_back(n.named("training_mode", n.b().getBoolAttr(false)));
    else if (training && training->size() == 1)
      attrs.push_back(
          n.named("training_mode", n.b().getBoolAttr((*training)[0] != 0)));
    else
      operands[2] = n.input(2);
    if (n.hasAttr("seed"))
      attrs.push_back(n.named("seed", n.i64(n.intAttr("seed", 0))));
  }
  Operation *op = n.create<graph::DropoutOp>(operands, attrs, 2);
  if (!op)
    return failure();
  Value mask = op->getResult(1);
  if (n.opset() < 10 && n.proto().output_size() > 1 &&
      !n.proto().output(1).empty()) {
    Operation *cast = n.create<graph::CastOp>(
        {mask},
        {n.named("to", TypeAttr::get(getElementTypeOrSelf(n.input(0))))});
    if (!cast)
      return failure();
    mask = cast->getResult(0);
  }
  return n.bindOutputs({op->getResult(0), mask});
}

/// The Cast-19 `saturate` and Cast-24 `round_mode` attributes.
SmallVector<NamedAttribute, 3> castAttrs(NodeImporter &n, Type to) {
  return {n.named("to", TypeAttr::get(to)),
          n.named("saturate", n.b().getBoolAttr(n.intAttr("saturate", 1) != 0)),
          n.named("round_mode",
                  n.b().getStringAttr(n.stringAttr("round_mode", "up")))};
}

LogicalResult importCast(NodeImporter &n) {
  if (failed(n.expectInputs(1, 1)))
    return failure();
  Type to;
  if (n.opset() < 6) {
    // Cast-1 names the type as a string ("FLOAT").
    std::string name = llvm::StringRef(n.stringAttr("to", "")).lower();
    for (int32_t t = 1; t <= 23 && !to; ++t)
      if (dataTypeName(t) == name)
        to = convertElementType(n.context(), t);
  } else {
    to = convertElementType(n.context(), n.intAttr("to", 0));
  }
  if (!to)
    return n.error("unsupported or missing target type 'to'");
  return n.emit<graph::CastOp>({n.input(0)}, castAttrs(n, to));
}

/// CastLike is a Cast to the element type of the second input.
LogicalResult importCastLike(NodeImporter &n) {
  if (failed(n.expectInputs(2, 2)))
    return failure();
  Type to = getElementTypeOrSelf(n.input(1));
  return n.emit<graph::CastOp>({n.input(0)}, castAttrs(n, to));
}

} // namespace

void registerElementwiseImporters(OpImporterRegistry &r) {
  // Binary, numpy broadcasting (legacy broadcast/axis before opset 7).
  r.add("Add", importBinary<graph::AddOp>);
  r.add("Sub", importBinary<graph::SubOp>);
  r.add("Mul", importBinary<graph::MulOp>);
  r.add("Div", importBinary<graph::DivOp>);
  r.add("Pow", importBinary<graph::PowOp>);
  r.add("Mod", importMod);
  r.add("Equal", importBinary<graph::EqualOp>);
  r.add("Greater", importBinary<graph::GreaterOp>);
  r.add("Less", importBinary<graph::LessOp>);
  r.add("And", importBinary<graph::AndOp>);
  r.add("Or", importBinary<graph::OrOp>);
  // Variadic.
  r.add("Max", importVariadic<graph::MaxOp>);
  r.add("Min", importVariadic<graph::MinOp>);
  r.add("Sum", importVariadic<graph::SumOp>);
  r.add("Mean", importVariadic<graph::MeanOp>);
  // Unary.
  r.add("Abs", importUnary<graph::AbsOp>);
  r.add("Ceil", importUnary<graph::CeilOp>);
  r.add("Cos", importUnary<graph::CosOp>);
  r.add("Erf", importUnary<graph::ErfOp>);
  r.add("Exp", importUnary<graph::ExpOp>);
  r.add("Floor", importUnary<graph::FloorOp>);
  r.add("HardSwish", importUnary<graph::HardSwishOp>);
  r.add("Identity", importUnary<graph::IdentityOp>);
  r.add("IsNaN", importUnary<graph::IsNaNOp>);
  r.add("Log", importUnary<graph::LogOp>);
  r.add("Mish", importUnary<graph::MishOp>);
  r.add("Neg", importUnary<graph::NegOp>);
  r.add("Not", importUnary<graph::NotOp>);
  r.add("Reciprocal", importUnary<graph::ReciprocalOp>);
  r.add("Relu", importUnary<graph::ReluOp>);
  r.add("Round", importUnary<graph::RoundOp>);
  r.add("Sigmoid", importUnary<graph::SigmoidOp>);
  r.add("Sin", importUnary<graph::SinOp>);
  r.add("Softplus", importUnary<graph::SoftplusOp>);
  r.add("Sqrt", importUnary<graph::SqrtOp>);
  r.add("Tanh", importUnary<graph::TanhOp>);
  // With attributes or special inputs.
  r.add("Gelu", importGelu);
  r.add("HardSigmoid", importHardSigmoid);
  r.add("LeakyRelu", importLeakyRelu);
  r.add("PRelu", importPRelu);
  r.add("Clip", importClip);
  r.add("Dropout", importDropout);
  r.add("Where", importWhere);
  r.add("Cast", importCast);
  r.add("CastLike", importCastLike);
}

} // namespace mlc::onnx_import
