//===- NNAttention.cpp - lowering of graph.attention
//-----------------------===//
//
// Scaled dot-product attention (ONNX Attention-23/24) over static shapes:
//  1. K and V in the 4-D layout (B, Hkv, S, E) (3-D inputs are split into
//     heads and transposed), with past_key / past_value prepended along the
//     sequence: these are present_key / present_value.
//  2. Q viewed as (B, Hkv, G, L, E), G = Hq / Hkv query heads per KV head
//     (grouped-query attention repeats each KV head G times, so query head
//     h uses KV head h / G), and QK^T as one linalg.generic contracting E
//     into scores (B, Hkv, G, L, T).
//  3. One parallel linalg.generic per needed stage: scale, softcap, then the
//     additive bias (attn_mask, padded to T with -inf / false; is_causal,
//     aligned so that query l sees keys up to l + past length;
//     nonpad_kv_seqlen).
//  4. Softmax along T (maximum subtracted), then the product with V into Y
//     in Q's layout.
// Half-precision inputs are computed in f32 (and at least in
// softmax_precision), results converted back.
//
//===----------------------------------------------------------------------===//

#include "passes/conversion/GraphToLinalg/NNUtils.h"

#include "dialects/graph/IR/GraphOps.h"
#include "passes/conversion/GraphToLinalg/LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace mlc::lowering::nn {
namespace {

/// `v` (B, S, H * E) as (B, H, S, E).
Value toHeadMajor(OpBuilder &b, Location loc, Value v, int64_t heads) {
  ArrayRef<int64_t> s = shapeOf(v);
  Type elt = llvm::cast<RankedTensorType>(v.getType()).getElementType();
  int64_t e = s[2] / heads;
  Value split = b.create<tensor::ExpandShapeOp>(
      loc, RankedTensorType::get({s[0], s[1], heads, e}, elt), v,
      ArrayRef<ReassociationIndices>{{0}, {1}, {2, 3}});
  Value init = emptyTensor(b, loc, {s[0], heads, s[1], e}, elt);
  return b
      .create<linalg::TransposeOp>(loc, split, init,
                                   ArrayRef<int64_t>{0, 2, 1, 3})
      ->getResult(0);
}

/// `past` and `cur` (B, H, P / S, E) concatenated along dimension 2.
Value concatSequence(OpBuilder &b, Location loc, Value past, Value cur) {
  ArrayRef<int64_t> ps = shapeOf(past), cs = shapeOf(cur);
  int64_t p = ps[2];
  if (p == 0)
    return cur;
  if (cs[2] == 0)
    return past;
  Type elt = llvm::cast<RankedTensorType>(cur.getType()).getElementType();
  auto type = RankedTensorType::get({cs[0], cs[1], p + cs[2], cs[3]}, elt);
  Value init = emptyTensor(b, loc, type.getShape(), elt);
  auto generic = b.create<linalg::GenericOp>(
      loc, TypeRange{type}, ValueRange{}, ValueRange{init},
      ArrayRef<AffineMap>{b.getMultiDimIdentityMap(4)},
      SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location l, ValueRange) {
        SmallVector<Value> idx;
        for (int64_t i = 0; i < 4; ++i)
          idx.push_back(nb.create<linalg::IndexOp>(l, i));
        Value pIdx = nb.create<arith::ConstantIndexOp>(l, p);
        Value zero = nb.create<arith::ConstantIndexOp>(l, 0);
        Value inPast = nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt,
                                                idx[2], pIdx);
        SmallVector<Value> pastIdx(idx), curIdx(idx);
        pastIdx[2] = nb.create<arith::MinSIOp>(
            l, idx[2], nb.create<arith::ConstantIndexOp>(l, p - 1));
        curIdx[2] = nb.create<arith::MaxSIOp>(
            l, nb.create<arith::SubIOp>(l, idx[2], pIdx), zero);
        Value a = nb.create<tensor::ExtractOp>(l, past, pastIdx);
        Value c = nb.create<tensor::ExtractOp>(l, cur, curIdx);
        nb.create<linalg::YieldOp>(
            l, ValueRange{nb.create<arith::SelectOp>(l, inPast, a, c)});
      });
  return generic.getResult(0);
}

struct AttentionLowering : OpConversionPattern<graph::AttentionOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(graph::AttentionOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<RankedTensorType> types;
    for (unsigned i = 0; i < 4; ++i) {
      FailureOr<RankedTensorType> t =
          staticResultType(op, *getTypeConverter(), i);
      if (failed(t))
        return failure();
      types.push_back(*t);
    }
    Value q = adaptor.getQ(), k = adaptor.getK(), v = adaptor.getV();
    Value mask = adaptor.getAttnMask(), pastKey = adaptor.getPastKey(),
          pastValue = adaptor.getPastValue(),
          nonpad = adaptor.getNonpadKvSeqlen();
    if (failed(requireStatic(op, {q, k, v, mask, pastKey, pastValue, nonpad})))
      return failure();
    if (failed(requireFloat(op, {q, k, v, pastKey, pastValue})))
      return failure();
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    OpBuilder &b = rewriter;
    // Q, K, Y and qk_matmul_output share a type; V's may differ.
    Type elt = getElementTypeOrSelf(op.getQ());
    Type vElt = getElementTypeOrSelf(op.getV());
    bool threeD = shapeOf(q).size() == 3;
    ArrayRef<int64_t> qs = shapeOf(q);

    // 1. K and V as (B, Hkv, T, E), the past prepended.
    if (threeD) {
      if (!op.getQNumHeads() || !op.getKvNumHeads())
        return op.emitError("3-D attention needs q_num_heads and "
                            "kv_num_heads");
      k = toHeadMajor(b, loc, k, *op.getKvNumHeads());
      v = toHeadMajor(b, loc, v, *op.getKvNumHeads());
    }
    int64_t past = 0;
    if (!isAbsent(pastKey)) {
      past = shapeOf(pastKey)[2];
      k = concatSequence(b, loc, pastKey, k);
    }
    if (!isAbsent(pastValue))
      v = concatSequence(b, loc, pastValue, v);
    ArrayRef<int64_t> ks = shapeOf(k), vs = shapeOf(v);
    int64_t batch = qs[0], kvHeads = ks[1], total = ks[2], headSize = ks[3];
    int64_t vHeadSize = vs[3];
    int64_t qHeads = threeD ? *op.getQNumHeads() : qs[1];
    int64_t seq = threeD ? qs[1] : qs[2];
    if (kvHeads <= 0 || qHeads % kvHeads != 0)
      return op.emitError("q heads must be a multiple of the kv heads");
    int64_t groups = qHeads / kvHeads;

    // Compute type: f32 at least, and at least softmax_precision.
    Type ct = elt;
    if (llvm::cast<FloatType>(ct).getWidth() < 32)
      ct = b.getF32Type();
    if (llvm::cast<FloatType>(vElt).getWidth() >
        llvm::cast<FloatType>(ct).getWidth())
      ct = vElt;
    if (auto p = llvm::dyn_cast<FloatType>(op.getSoftmaxPrecision()))
      if (p.getWidth() > llvm::cast<FloatType>(ct).getWidth())
        ct = p;

    // 2. Scores (B, Hkv, G, L, T) = Q K^T; loops (b, hk, g, l, t, e).
    auto d = [&](int64_t i) { return getAffineDimExpr(i, ctx); };
    Type qElt = llvm::cast<RankedTensorType>(q.getType()).getElementType();
    AffineMap qMap;
    if (threeD) { // (B, L, Hq * E) -> (B, L, Hkv, G, E)
      q = b.create<tensor::ExpandShapeOp>(
          loc,
          RankedTensorType::get({batch, seq, kvHeads, groups, headSize}, qElt),
          q, ArrayRef<ReassociationIndices>{{0}, {1}, {2, 3, 4}});
      qMap = AffineMap::get(6, 0, {d(0), d(3), d(1), d(2), d(5)}, ctx);
    } else { // (B, Hq, L, E) -> (B, Hkv, G, L, E)
      q = b.create<tensor::ExpandShapeOp>(
          loc,
          RankedTensorType::get({batch, kvHeads, groups, seq, headSize}, qElt),
          q, ArrayRef<ReassociationIndices>{{0}, {1, 2}, {3}, {4}});
      qMap = AffineMap::get(6, 0, {d(0), d(1), d(2), d(3), d(5)}, ctx);
    }
    SmallVector<int64_t> scoreShape{batch, kvHeads, groups, seq, total};
    SmallVector<bool> reduceE(6, false);
    reduceE[5] = true;
    SmallVector<int64_t> space(scoreShape);
    space.push_back(headSize);
    Value scores = reduceGeneric(
        b, loc, space, reduceE, ValueRange{q, k},
        {qMap, AffineMap::get(6, 0, {d(0), d(1), d(4), d(5)}, ctx)},
        scalarConstant(b, loc, ct, 0),
        [&](OpBuilder &nb, Location l, ValueRange a) {
          Value x = convertScalar(nb, l, a[0], elt, ct);
          Value y = convertScalar(nb, l, a[1], elt, ct);
          return addF(nb, l, a[2], mulF(nb, l, x, y));
        });

    // 3. Scale, softcap and bias, up to stage `mode` (0: scaled, 1: capped,
    //    2: biased).
    double scale = op.getScale() ? op.getScale()->convertToDouble()
                                 : 1.0 / std::sqrt(double(headSize));
    double softcap = op.getSoftcap().convertToDouble();
    bool causal = op.getIsCausal();
    Type maskElt;
    if (!isAbsent(mask)) {
      maskElt = getElementTypeOrSelf(op.getAttnMask());
      ArrayRef<int64_t> ms = shapeOf(mask);
      int64_t m = ms.size();
      if (m > 0 && ms.back() < total) { // (a 0-D mask broadcasts)
        SmallVector<int64_t> low(m, 0), high(m, 0);
        high[m - 1] = total - ms.back();
        Value fill = maskElt.isInteger(1)
                         ? b.create<arith::ConstantIntOp>(loc, 0, 1)
                         : lowestValue(b, loc, maskElt);
        mask = padTensor(b, loc, mask, low, high, fill);
      }
    }
    auto stage = [&](int mode) -> Value {
      SmallVector<Value> inputs{scores};
      SmallVector<AffineMap> maps{b.getMultiDimIdentityMap(5)};
      int maskArg = -1, nonpadArg = -1;
      if (mode >= 2 && !isAbsent(mask)) {
        ArrayRef<int64_t> ms = shapeOf(mask);
        int64_t m = ms.size();
        SmallVector<AffineExpr> exprs;
        for (int64_t j = 0; j < m; ++j) {
          int64_t t4 = 4 - m + j;
          AffineExpr e = t4 == 0   ? d(0)
                         : t4 == 1 ? d(1) * groups + d(2)
                         : t4 == 2 ? d(3)
                                   : d(4);
          exprs.push_back(ms[j] == 1 && t4 != 3 ? getAffineConstantExpr(0, ctx)
                                                : e);
        }
        maskArg = inputs.size();
        inputs.push_back(mask);
        maps.push_back(AffineMap::get(5, 0, exprs, ctx));
      }
      if (mode >= 2 && !isAbsent(nonpad)) {
        nonpadArg = inputs.size();
        inputs.push_back(nonpad);
        maps.push_back(AffineMap::get(5, 0, d(0), ctx));
      }
      auto type = RankedTensorType::get(scoreShape, ct);
      return parallelGeneric(
          b, loc, type, inputs, maps,
          [&](OpBuilder &nb, Location l, ValueRange a) {
            Value s = mulF(nb, l, a[0], scalarConstant(nb, l, ct, scale));
            if (mode >= 1 && softcap > 0) {
              Value cap = scalarConstant(nb, l, ct, softcap);
              s = mulF(nb, l, cap,
                       nb.create<math::TanhOp>(l, divF(nb, l, s, cap)));
            }
            if (mode < 2)
              return s;
            Value zero = scalarConstant(nb, l, ct, 0);
            Value ninf = lowestValue(nb, l, ct);
            Value bias = zero;
            if (maskArg >= 0) {
              Value mv = a[maskArg];
              bias = maskElt.isInteger(1)
                         ? nb.create<arith::SelectOp>(l, mv, zero, ninf)
                         : convertScalar(nb, l, mv, maskElt, ct);
            }
            auto maskWhere = [&](Value cond) {
              bias = addF(nb, l, bias,
                          nb.create<arith::SelectOp>(l, cond, ninf, zero));
            };
            Value t;
            if (causal || nonpadArg >= 0)
              t = nb.create<linalg::IndexOp>(l, 4);
            if (causal) {
              Value row = nb.create<linalg::IndexOp>(l, 3);
              Value limit = nb.create<arith::AddIOp>(
                  l, row, nb.create<arith::ConstantIndexOp>(l, past));
              maskWhere(nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::sgt,
                                                 t, limit));
            }
            if (nonpadArg >= 0) {
              Value t64 = nb.create<arith::IndexCastOp>(l, nb.getI64Type(), t);
              maskWhere(nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::sge,
                                                 t64, a[nonpadArg]));
            }
            return addF(nb, l, s, bias);
          });
    };

    // 4. Softmax along T and the product with V; loops (b, hk, g, l, ev, t).
    Value probs = buildSoftmax(b, loc, stage(2), 4);
    SmallVector<int64_t> ySpace{batch, kvHeads, groups, seq, vHeadSize, total};
    SmallVector<bool> reduceT(6, false);
    reduceT[5] = true;
    Value y = reduceGeneric(
        b, loc, ySpace, reduceT, ValueRange{probs, v},
        {AffineMap::get(6, 0, {d(0), d(1), d(2), d(3), d(5)}, ctx),
         AffineMap::get(6, 0, {d(0), d(1), d(5), d(4)}, ctx)},
        scalarConstant(b, loc, ct, 0),
        [&](OpBuilder &nb, Location l, ValueRange a) {
          Value x = convertScalar(nb, l, a[1], vElt, ct);
          return addF(nb, l, a[2], mulF(nb, l, a[0], x));
        });
    // (B, Hkv, G, L, Ev) in Q's layout.
    Type outElt = types[0].getElementType();
    if (threeD) {
      auto t = RankedTensorType::get({batch, seq, kvHeads, groups, vHeadSize},
                                     outElt);
      y = parallelGeneric(
          b, loc, t, y,
          {AffineMap::get(5, 0, {d(0), d(2), d(3), d(1), d(4)}, ctx)},
          [&](OpBuilder &nb, Location l, ValueRange a) {
            return convertScalar(nb, l, a[0], ct, elt);
          });
      y = b.create<tensor::CollapseShapeOp>(
          loc, types[0], y,
          ArrayRef<ReassociationIndices>{{0}, {1}, {2, 3, 4}});
    } else {
      y = castTensor(b, loc, y, ct, elt);
      y = b.create<tensor::CollapseShapeOp>(
          loc, types[0], y,
          ArrayRef<ReassociationIndices>{{0}, {1, 2}, {3}, {4}});
    }

    // qk_matmul_output at the stage its mode names, as (B, Hq, L, T).
    Value qk;
    if (op.getQkMatmulOutput().use_empty()) {
      qk = emptyTensor(b, loc, types[3].getShape(), types[3].getElementType());
    } else {
      int64_t mode = op.getQkMatmulOutputMode();
      Value stageValue = mode >= 3 ? probs : stage(mode);
      qk = b.create<tensor::CollapseShapeOp>(
          loc, castTensor(b, loc, stageValue, ct, elt),
          ArrayRef<ReassociationIndices>{{0}, {1, 2}, {3}, {4}});
    }
    rewriter.replaceOp(op, {y, k, v, qk});
    return success();
  }
};

} // namespace

void populateNNAttentionPatterns(const TypeConverter &converter,
                                 RewritePatternSet &patterns) {
  patterns.add<AttentionLowering>(converter, patterns.getContext());
}

} // namespace mlc::lowering::nn
