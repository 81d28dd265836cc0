//===- BlockedLayout.cpp - NCHWc activations through convolution chains ---===//
//
// See BlockedLayoutPass in Passes.td. One forward walk over the function:
//
//  - a convolution (constant weights, filters a multiple of the block B)
//    becomes graph.conv2d_nchwc writing [N, F/B, OH, OW, B]; its input is
//    the blocked form of its operand when one exists, else the plain NCHW
//    operand (read in place: an RGB stem needs no reorder);
//  - an elementwise op, a max / sum pool, a global pool (into [N, C]) or
//    any linalg.generic that reads a blocked value and indexes the channel
//    like its NCHW (or [N, C]) output (per-channel vectors and scalars
//    broadcast) runs on blocked operands, the channel loop split into
//    (C/B, B): the B loop innermost where all maps are projections, else
//    after the parallel loops (a pooling window stays innermost);
//  - a pad (insert_slice into a fill, channels whole) and a concatenation
//    along channels at whole blocks are built blocked;
//  - every rewritten result gets a reorder back to NCHW right after it
//    (`unpack`; for [N, C/B, B] or a 1x1 map only a reshape), used by
//    whatever cannot take the blocked form (e.g. a graph output, a
//    depthwise convolution with --conv-layout=nchwc) and erased when
//    nothing does.
//
// The blocked form of a value that has none is made cheaply where it is an
// empty tensor, a fill, a per-channel broadcast or a slice of those, and by
// a reorder (`pack`) otherwise.
//
//===----------------------------------------------------------------------===//

#include "dialects/graph/IR/GraphOps.h"
#include "dialects/graph/IR/KernelOps.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/RegionUtils.h"

namespace mlc {
#define GEN_PASS_DEF_BLOCKEDLAYOUTPASS
#include "passes/Passes.h.inc"
} // namespace mlc

using namespace mlir;

namespace mlc {
namespace {

using utils::IteratorType;

struct Blocker {
  int64_t block;
  /// A plain NCHW value -> its blocked form.
  DenseMap<Value, Value> blockedOf;

  /// A static f32 NCHW tensor whose channels split into blocks.
  bool plainNCHW(Value v) const {
    auto t = dyn_cast<RankedTensorType>(v.getType());
    return t && t.getRank() == 4 && t.hasStaticShape() &&
           t.getElementType().isF32() && t.getDimSize(1) % block == 0;
  }

  /// A static f32 [N, C] tensor whose channels split into blocks (what a
  /// global pool reduces NCHW to).
  bool plainNC(Value v) const {
    auto t = dyn_cast<RankedTensorType>(v.getType());
    return t && t.getRank() == 2 && t.hasStaticShape() &&
           t.getElementType().isF32() && t.getDimSize(1) % block == 0;
  }

  /// [N, C/B, H, W, B] for [N, C, H, W]; [N, C/B, B] for [N, C].
  RankedTensorType blockedType(Type plain) const {
    auto t = cast<RankedTensorType>(plain);
    ArrayRef<int64_t> s = t.getShape();
    if (t.getRank() == 2)
      return RankedTensorType::get({s[0], s[1] / block, block},
                                   t.getElementType());
    return RankedTensorType::get({s[0], s[1] / block, s[2], s[3], block},
                                 t.getElementType());
  }

  /// A builder right after `v`'s definition (at the block start for an
  /// argument).
  OpBuilder after(Value v) const {
    if (auto arg = dyn_cast<BlockArgument>(v))
      return OpBuilder::atBlockBegin(arg.getOwner());
    OpBuilder b(v.getDefiningOp());
    b.setInsertionPointAfter(v.getDefiningOp());
    return b;
  }

  /// A copy of `src` into a new tensor of `type`, reading src through
  /// `in` (a permutation of type's 5 dimensions): a reorder.
  static Value transposed(OpBuilder &b, Location loc, Value src,
                          RankedTensorType type, ArrayRef<unsigned> in) {
    Value empty =
        b.create<tensor::EmptyOp>(loc, type.getShape(), type.getElementType());
    MLIRContext *ctx = b.getContext();
    auto inMap = AffineMap::getPermutationMap(in, ctx);
    auto outMap = AffineMap::getMultiDimIdentityMap(5, ctx);
    return b
        .create<linalg::GenericOp>(
            loc, type, ValueRange{src}, ValueRange{empty},
            ArrayRef<AffineMap>{inMap, outMap},
            SmallVector<IteratorType>(5, IteratorType::parallel),
            [](OpBuilder &nb, Location l, ValueRange args) {
              nb.create<linalg::YieldOp>(l, args[0]);
            })
        .getResult(0);
  }

  /// The NCHW form of a blocked value `y` (made right after it).
  Value unpack(Value y) {
    auto t = cast<RankedTensorType>(y.getType());
    ArrayRef<int64_t> s = t.getShape();
    if (t.getRank() == 3) {
      // [N, C/B, B] is [N, C].
      OpBuilder b = after(y);
      Value result = b.create<tensor::CollapseShapeOp>(
          y.getLoc(),
          RankedTensorType::get({s[0], s[1] * s[2]}, t.getElementType()), y,
          ArrayRef<ReassociationIndices>{{0}, {1, 2}});
      blockedOf[result] = y;
      return result;
    }
    int64_t n = s[0], cb = s[1], h = s[2], w = s[3], c = cb * block;
    OpBuilder b = after(y);
    Location loc = y.getLoc();
    auto plain = RankedTensorType::get({n, c, h, w}, t.getElementType());
    Value result;
    if (h * w == 1) {
      // [N, C/B, 1, 1, B] is [N, C] in memory already.
      Value flat = b.create<tensor::CollapseShapeOp>(
          loc, RankedTensorType::get({n, c}, t.getElementType()), y,
          ArrayRef<ReassociationIndices>{{0}, {1, 2, 3, 4}});
      result = b.create<tensor::ExpandShapeOp>(
          loc, plain, flat, ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}});
    } else {
      // [N, C/B, B, H, W] <- [N, C/B, H, W, B], then merged channels.
      auto mid =
          RankedTensorType::get({n, cb, block, h, w}, t.getElementType());
      Value g = transposed(b, loc, y, mid, {0, 1, 3, 4, 2});
      result = b.create<tensor::CollapseShapeOp>(
          loc, plain, g, ArrayRef<ReassociationIndices>{{0}, {1, 2}, {3}, {4}});
    }
    blockedOf[result] = y;
    return result;
  }

  /// The blocked form of plain `v` by a reorder (made right after it).
  Value pack(Value v) {
    auto t = cast<RankedTensorType>(v.getType());
    ArrayRef<int64_t> s = t.getShape();
    if (t.getRank() == 2) {
      OpBuilder b = after(v);
      return blockedOf[v] = b.create<tensor::ExpandShapeOp>(
                 v.getLoc(), blockedType(t), v,
                 ArrayRef<ReassociationIndices>{{0}, {1, 2}});
    }
    int64_t n = s[0], c = s[1], h = s[2], w = s[3], cb = c / block;
    OpBuilder b = after(v);
    Location loc = v.getLoc();
    Value split = b.create<tensor::ExpandShapeOp>(
        loc, RankedTensorType::get({n, cb, block, h, w}, t.getElementType()), v,
        ArrayRef<ReassociationIndices>{{0}, {1, 2}, {3}, {4}});
    // [N, C/B, H, W, B] <- [N, C/B, B, H, W].
    return blockedOf[v] =
               transposed(b, loc, split, blockedType(t), {0, 1, 4, 2, 3});
  }

  /// The blocked form of `v` without a reorder, or null: an empty tensor, a
  /// fill, a per-channel broadcast (dimensions 0, 2, 3) or a static slice
  /// with whole channels and unit strides of one of those. With `dryRun`,
  /// only whether it exists (non-null: `v`).
  Value cheap(Value v, bool dryRun) {
    if (Value known = blockedOf.lookup(v))
      return dryRun ? v : known;
    if (!plainNCHW(v) && !plainNC(v))
      return nullptr;
    Operation *def = v.getDefiningOp();
    if (!def)
      return nullptr;
    RankedTensorType bt = blockedType(v.getType());
    Location loc = def->getLoc();
    if (isa<tensor::EmptyOp>(def)) {
      if (dryRun)
        return v;
      OpBuilder b = after(v);
      return blockedOf[v] = b.create<tensor::EmptyOp>(loc, bt.getShape(),
                                                      bt.getElementType());
    }
    if (auto fill = dyn_cast<linalg::FillOp>(def)) {
      Value dest = cheap(fill.getDpsInits()[0], dryRun);
      if (!dest || dryRun)
        return dest ? v : nullptr;
      OpBuilder b = after(v);
      return blockedOf[v] =
                 b.create<linalg::FillOp>(loc, fill.getInputs()[0], dest)
                     .getResult(0);
    }
    if (auto bc = dyn_cast<linalg::BroadcastOp>(def)) {
      auto src = dyn_cast<RankedTensorType>(bc.getInput().getType());
      if (!src || src.getRank() != 1 || !plainNCHW(v) ||
          bc.getDimensions() != ArrayRef<int64_t>{0, 2, 3})
        return nullptr;
      Value dest = cheap(bc.getInit(), dryRun);
      if (!dest || dryRun)
        return dest ? v : nullptr;
      OpBuilder b = after(v);
      Value split = b.create<tensor::ExpandShapeOp>(
          loc,
          RankedTensorType::get({src.getDimSize(0) / block, block},
                                src.getElementType()),
          bc.getInput(), ArrayRef<ReassociationIndices>{{0, 1}});
      return blockedOf[v] = b.create<linalg::BroadcastOp>(
                                 loc, split, dest, ArrayRef<int64_t>{0, 2, 3})
                                .getResult()[0];
    }
    if (auto slice = dyn_cast<tensor::ExtractSliceOp>(def)) {
      if (!plainNCHW(v) || !plainNCHW(slice.getSource()) ||
          !slice.hasUnitStride() ||
          ShapedType::isDynamicShape(slice.getStaticOffsets()) ||
          ShapedType::isDynamicShape(slice.getStaticSizes()) ||
          slice.getStaticSizes().size() != 4 ||
          slice.getStaticOffsets()[1] != 0 ||
          slice.getStaticSizes()[1] != slice.getSourceType().getDimSize(1))
        return nullptr;
      Value src = cheap(slice.getSource(), dryRun);
      if (!src || dryRun)
        return src ? v : nullptr;
      OpBuilder b = after(v);
      SmallVector<int64_t> offsets(slice.getStaticOffsets()),
          sizes(slice.getStaticSizes());
      offsets.push_back(0);
      sizes[1] /= block;
      sizes.push_back(block);
      return blockedOf[v] = b.create<tensor::ExtractSliceOp>(
                 loc, bt, src, ValueRange{}, ValueRange{}, ValueRange{},
                 offsets, sizes, SmallVector<int64_t>(5, 1));
    }
    return nullptr;
  }

  Value toBlocked(Value v) {
    if (Value c = cheap(v, /*dryRun=*/false))
      return c;
    return pack(v);
  }

  /// Replaces `old` (NCHW) by the blocked `y`'s unpacked form.
  void replace(Value old, Value y) {
    Value plain = unpack(y);
    old.replaceAllUsesWith(plain);
  }

  /// A convolution with constant weights and whole filter blocks.
  bool convertible(linalg::Conv2DNchwFchwOp conv) const {
    Value x = conv.getInputs()[0], w = conv.getInputs()[1];
    Value init = conv.getOutputs()[0];
    auto tx = dyn_cast<RankedTensorType>(x.getType());
    auto tw = dyn_cast<RankedTensorType>(w.getType());
    // Weights whose values the kernel can pack at compile time (a dense
    // resource whose blob is present, or dense elements).
    Attribute value;
    if (!matchPattern(w, m_Constant(&value)))
      return false;
    bool known = isa<DenseElementsAttr>(value);
    if (auto resource = dyn_cast<DenseResourceElementsAttr>(value))
      known = resource.getRawHandle().getBlob() != nullptr;
    return known && tx && tw && tx.hasStaticShape() &&
           tx.getElementType().isF32() && tw.hasStaticShape() &&
           tw.getElementType().isF32() && plainNCHW(init);
  }

  void convertConv(linalg::Conv2DNchwFchwOp conv) {
    Value x = conv.getInputs()[0], w = conv.getInputs()[1];
    Value in = blockedOf.lookup(x);
    if (!in)
      in = x; // a plain NCHW input, read as it is
    Value init = toBlocked(conv.getOutputs()[0]);
    OpBuilder b(conv);
    auto toArray = [](DenseIntElementsAttr a) {
      return llvm::to_vector(a.getValues<int64_t>());
    };
    auto blocked = b.create<graph::Conv2DNchwcOp>(
        conv.getLoc(), TypeRange{init.getType()}, in, w, init,
        b.getDenseI64ArrayAttr(toArray(conv.getStrides())),
        b.getDenseI64ArrayAttr(toArray(conv.getDilations())));
    replace(conv.getResult(0), blocked.getResult()[0]);
    conv.erase();
  }

  /// Rewrites `g` on blocked operands; false (nothing changed) when it
  /// does not index channels like NCHW or reads no blocked value.
  bool convertGeneric(linalg::GenericOp g) {
    if (g.getNumDpsInits() != 1 || g->getNumResults() != 1 ||
        !g.getBody()->getOps<linalg::IndexOp>().empty())
      return false;
    OpOperand *out = g.getDpsInitOperand(0);
    AffineMap outMap = g.getMatchingIndexingMap(out);
    bool outNCHW = plainNCHW(out->get()) && outMap.getNumResults() == 4;
    bool outNC = plainNC(out->get()) && outMap.getNumResults() == 2;
    if (!outNCHW && !outNC)
      return false;
    auto dc = dyn_cast<AffineDimExpr>(outMap.getResult(1));
    if (!dc)
      return false;
    unsigned c = dc.getPosition();
    SmallVector<IteratorType> iters = g.getIteratorTypesArray();
    if (iters[c] != IteratorType::parallel)
      return false;
    int64_t channels =
        cast<RankedTensorType>(out->get().getType()).getDimSize(1);
    // Each operand: 4-D indexing channels at result 1 (blocked), 1-D
    // indexing only channels (a per-channel vector), or not channels.
    enum Kind { Other, Blocked, PerChannel };
    SmallVector<Kind> kinds;
    bool readsBlocked = false;
    for (OpOperand &o : g->getOpOperands()) {
      AffineMap m = g.getMatchingIndexingMap(&o);
      if (!m.isFunctionOfDim(c)) {
        kinds.push_back(Other);
        continue;
      }
      auto t = dyn_cast<RankedTensorType>(o.get().getType());
      if (!t || !t.hasStaticShape())
        return false;
      if (t.getRank() == 1 && m.getNumResults() == 1 && m.getResult(0) == dc &&
          t.getDimSize(0) == channels) {
        kinds.push_back(PerChannel);
        continue;
      }
      // 4-D [N, C, H, W] or 2-D [N, C] (a global pool's result).
      if ((t.getRank() != 4 && t.getRank() != 2) ||
          m.getNumResults() != t.getRank() || m.getResult(1) != dc ||
          t.getDimSize(1) != channels)
        return false;
      for (unsigned r = 0; r < m.getNumResults(); ++r)
        if (r != 1 && m.getResult(r).isFunctionOfDim(c))
          return false;
      if (&o != out) {
        if (blockedOf.count(o.get()))
          readsBlocked = true;
        else if (!cheap(o.get(), /*dryRun=*/true))
          return false;
      }
      kinds.push_back(Blocked);
    }
    if (!readsBlocked)
      return false;

    // The channel loop stays as the block index; the lane loop goes after
    // the last parallel loop before the first reduction.
    unsigned loops = g.getNumLoops();
    // The lane loop: innermost (vectors along the block) where every map
    // is a projection (elementwise ops, global pools); for windows (max
    // pools), after the parallel loops, before the window's reductions.
    unsigned lane = loops;
    bool projections = llvm::all_of(g.getIndexingMapsArray(), [](AffineMap m) {
      return m.isProjectedPermutation();
    });
    for (unsigned i = 0; i < loops && !projections; ++i)
      if (iters[i] != IteratorType::parallel) {
        lane = i;
        break;
      }
    MLIRContext *ctx = g.getContext();
    SmallVector<AffineExpr> dims;
    for (unsigned i = 0; i < loops; ++i)
      dims.push_back(getAffineDimExpr(i < lane ? i : i + 1, ctx));
    AffineExpr laneDim = getAffineDimExpr(lane, ctx);
    SmallVector<AffineMap> maps;
    SmallVector<Value> inputs;
    Value init;
    OpBuilder b(g);
    Location loc = g.getLoc();
    for (auto [o, kind] : llvm::zip(g->getOpOperands(), kinds)) {
      AffineMap m = g.getMatchingIndexingMap(&o);
      SmallVector<AffineExpr> results;
      for (AffineExpr e : m.getResults())
        results.push_back(e.replaceDims(dims));
      Value v = o.get();
      if (kind != Other)
        results.push_back(laneDim);
      if (kind == PerChannel) {
        auto t = cast<RankedTensorType>(v.getType());
        v = b.create<tensor::ExpandShapeOp>(
            loc,
            RankedTensorType::get({channels / block, block},
                                  t.getElementType()),
            v, ArrayRef<ReassociationIndices>{{0, 1}});
      } else if (kind == Blocked) {
        if (&o != out)
          v = toBlocked(v);
        else if (Value c = cheap(v, /*dryRun=*/false))
          v = c;
        else if (g.payloadUsesValueFromOperand(out))
          v = pack(v);
        else
          v = b.create<tensor::EmptyOp>(
              loc, blockedType(v.getType()).getShape(),
              cast<RankedTensorType>(v.getType()).getElementType());
      }
      maps.push_back(AffineMap::get(loops + 1, 0, results, ctx));
      if (&o == out)
        init = v;
      else
        inputs.push_back(v);
    }
    iters.insert(iters.begin() + lane, IteratorType::parallel);
    b.setInsertionPoint(g);
    auto blocked = b.create<linalg::GenericOp>(
        loc, TypeRange{init.getType()}, inputs, ValueRange{init}, maps, iters);
    blocked.getRegion().takeBody(g.getRegion());
    replace(g.getResult(0), blocked.getResult(0));
    g.erase();
    return true;
  }

  /// insert_slice of a blocked value into a cheap or blocked NCHW
  /// destination at whole channel blocks: a pad (all channels, an offset
  /// in H and W) or a concatenation along channels.
  bool convertInsertSlice(tensor::InsertSliceOp ins) {
    Value src = blockedOf.lookup(ins.getSource());
    Value dest = ins.getDest();
    if (!src || !plainNCHW(dest) || !ins.hasUnitStride() ||
        ins.getSourceType().getRank() != 4 ||
        ShapedType::isDynamicShape(ins.getStaticOffsets()) ||
        ShapedType::isDynamicShape(ins.getStaticSizes()) ||
        ins.getStaticOffsets()[1] % block != 0 ||
        ins.getStaticSizes()[1] % block != 0 || !cheap(dest, /*dryRun=*/true))
      return false;
    Value destB = cheap(dest, /*dryRun=*/false);
    OpBuilder b(ins);
    SmallVector<int64_t> offsets(ins.getStaticOffsets()),
        sizes(ins.getStaticSizes());
    offsets[1] /= block;
    offsets.push_back(0);
    sizes[1] /= block;
    sizes.push_back(block);
    auto blocked = b.create<tensor::InsertSliceOp>(
        ins.getLoc(), src, destB, ValueRange{}, ValueRange{}, ValueRange{},
        offsets, sizes, SmallVector<int64_t>(5, 1));
    replace(ins.getResult(), blocked.getResult());
    ins.erase();
    return true;
  }
};

struct BlockedLayoutPass : impl::BlockedLayoutPassBase<BlockedLayoutPass> {
  using BlockedLayoutPassBase::BlockedLayoutPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (block < 2 || func.isExternal())
      return;
    Blocker blocker;
    blocker.block = block;
    // By default only where every convolution and pool can stay blocked
    // (one that cannot, a depthwise convolution, would put two reorders
    // around it) and at least two convolutions chain.
    // A lone convolution gains nothing: its output goes back to NCHW (and
    // keeps the NCHW kernels' fusions, e.g. with a 2x2 max pool).
    int64_t convertible = 0;
    bool all = true;
    func.walk([&](Operation *op) {
      if (auto conv = dyn_cast<linalg::Conv2DNchwFchwOp>(op)) {
        bool ok = blocker.convertible(conv);
        convertible += ok;
        all &= ok || isa<BlockArgument>(conv.getInputs()[0]) ||
               !blocker.plainNCHW(conv.getInputs()[0]);
      } else if (isa<linalg::PoolingNchwMaxOp, linalg::PoolingNchwSumOp>(op)) {
        all &= blocker.plainNCHW(op->getOperand(0));
      } else if (isa<linalg::ConvolutionOpInterface>(op)) {
        all = false;
      }
    });
    if (convertible == 0 || (!force && (!all || convertible < 2)))
      return;

    IRRewriter rewriter(&getContext());
    SmallVector<Operation *> ops;
    for (Operation &op : func.getBody().front())
      ops.push_back(&op);
    for (Operation *op : ops) {
      if (auto conv = dyn_cast<linalg::Conv2DNchwFchwOp>(op)) {
        if (blocker.convertible(conv))
          blocker.convertConv(conv);
        continue;
      }
      if (isa<linalg::PoolingNchwMaxOp, linalg::PoolingNchwSumOp>(op) &&
          blocker.blockedOf.count(op->getOperand(0))) {
        rewriter.setInsertionPoint(op);
        FailureOr<linalg::GenericOp> g =
            linalg::generalizeNamedOp(rewriter, cast<linalg::LinalgOp>(op));
        if (succeeded(g))
          blocker.convertGeneric(*g);
        continue;
      }
      if (auto g = dyn_cast<linalg::GenericOp>(op)) {
        blocker.convertGeneric(g);
        continue;
      }
      if (auto ins = dyn_cast<tensor::InsertSliceOp>(op))
        blocker.convertInsertSlice(ins);
    }
    // Reorders and initializations nothing reads any more.
    bool erased = true;
    while (erased) {
      erased = false;
      for (Operation &op :
           llvm::make_early_inc_range(llvm::reverse(func.getBody().front())))
        if (isOpTriviallyDead(&op)) {
          op.erase();
          erased = true;
        }
    }
  }
};

} // namespace
} // namespace mlc
