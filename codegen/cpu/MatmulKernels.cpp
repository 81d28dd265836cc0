//===- MatmulKernels.cpp - register-blocked matmul micro-kernels ----------===//
//
// Rewrites f32 linalg.matmul / matmul_transpose_b / batch_matmul on static
// memrefs into a register-blocked loop nest of vector ops (see
// MatmulKernelsPass in Passes.td):
//
//   B is packed into panels Bp[batch][N/NR][K][NR] (zero-padded on the
//   right): at compile time into a new constant global when B is a
//   constant, else at run time into a buffer the arena plan places.
//   scf.parallel over (batch, panel)               -- the runtime's threads
//     scf.for over K blocks of KC                  -- B block stays in L1
//       scf.for over M tiles of MR rows            -- (and one tile of M % MR)
//         MR x NR/VL accumulators (vector<VLxf32>), loaded from C or zero
//         scf.for k: NR/VL vector loads of Bp, MR broadcasts of A,
//                    MR * NR/VL vector.fma
//         store the accumulators to C (masked at the right edge)
//
//===----------------------------------------------------------------------===//

#include "codegen/cpu/Epilogue.h"
#include "codegen/cpu/KernelTasks.h"
#include "codegen/cpu/MicroKernel.h"
#include "codegen/cpu/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"

namespace mlc::cpu {
#define GEN_PASS_DEF_MATMULKERNELSPASS
#include "codegen/cpu/Passes.h.inc"
} // namespace mlc::cpu

using namespace mlir;

namespace mlc::cpu {
namespace {

/// One matched matmul: C[b][m][n] (+)= sum_k A[b][m][k] * B[b][k][n] (B
/// read as [b][n][k] when transposed; unbatched operands have no b).
struct Matmul {
  Operation *op;
  Value a, b, c;
  int64_t batch = 1, m, n, k;
  bool batchedA = false, batchedB = false, transB = false;
};

std::optional<Matmul> match(Operation *op) {
  std::optional<KernelOperands> k = staticF32Operands(op);
  if (!k || !unitInnerStride(k->tOut))
    return std::nullopt;
  Matmul mm;
  mm.op = op;
  mm.a = k->in0;
  mm.b = k->in1;
  mm.c = k->out;
  MemRefType ta = k->t0, tb = k->t1;
  if (isa<linalg::MatmulOp>(op)) {
    mm.m = ta.getDimSize(0);
    mm.k = ta.getDimSize(1);
    mm.n = tb.getDimSize(1);
  } else if (isa<linalg::MatmulTransposeBOp>(op)) {
    mm.m = ta.getDimSize(0);
    mm.k = ta.getDimSize(1);
    mm.n = tb.getDimSize(0);
    mm.transB = true;
  } else if (isa<linalg::BatchMatmulOp>(op)) {
    mm.batch = ta.getDimSize(0);
    mm.m = ta.getDimSize(1);
    mm.k = ta.getDimSize(2);
    mm.n = tb.getDimSize(2);
    mm.batchedA = mm.batchedB = true;
  } else {
    return std::nullopt;
  }
  // The named ops carry no casts or other body: plain f32 multiply-add.
  return mm;
}

/// The schedule of one matmul: register tile MR x NR (NR = NV vectors of VL
/// lanes), the K block, and the number of parallel blocks M is split into.
struct Schedule {
  int64_t vl, nv, mr, kc, msplit = 1, ku = 1;
  int64_t nr() const { return vl * nv; }
};

struct Emitter {
  OpBuilder &b;
  Location loc;
  const Matmul &mm;
  Schedule s;
  Value bp; // packed B: [batch?][NT][K][NR]
  bool zeroInit;
  std::optional<Epilogue> epilogue = std::nullopt;

  Value idx(int64_t v) { return b.create<arith::ConstantIndexOp>(loc, v); }

  SmallVector<Value> aIndex(Value batch, Value row, Value k) {
    if (mm.batchedA)
      return {batch, row, k};
    return {row, k};
  }
  SmallVector<Value> cIndex(Value batch, Value row, Value col) {
    if (mm.batchedA || mm.batchedB)
      return {batch, row, col};
    return {row, col};
  }

  /// One MR' x NR tile at rows [m0, m0 + mr), panel `nt`, k in [k0, k1).
  void tile(Value batch, Value nt, Value m0, int64_t mr, Value k0, Value k1,
            Value firstBlock) {
    auto vt = VectorType::get({s.vl}, b.getF32Type());
    Value n0 = b.create<arith::MulIOp>(loc, nt, idx(s.nr()));
    Value zero = b.create<arith::ConstantOp>(
        loc, vt, DenseElementsAttr::get(vt, 0.0f));
    Value pad = b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(0.0f));
    // Accumulators: zero on the first K block when C starts at zero, else
    // C's values (masked at the right edge).
    SmallVector<Value> init;
    auto loadC = [&](OpBuilder &ob, Location l) {
      SmallVector<Value> vals;
      for (int64_t i = 0; i < mr; ++i) {
        Value row = ob.create<arith::AddIOp>(l, m0, idx(i));
        for (int64_t j = 0; j < s.nv; ++j) {
          Value col = ob.create<arith::AddIOp>(l, n0, idx(j * s.vl));
          vals.push_back(ob.create<vector::TransferReadOp>(
              l, vt, mm.c, cIndex(batch, row, col), pad,
              ArrayRef<bool>{false}));
        }
      }
      return vals;
    };
    std::optional<int64_t> isFirst = getConstantIntValue(firstBlock);
    if (zeroInit && isFirst && *isFirst) {
      init.assign(mr * s.nv, zero);
    } else if (zeroInit && !isFirst) {
      auto ifOp = b.create<scf::IfOp>(
          loc, firstBlock,
          [&](OpBuilder &ob, Location l) {
            ob.create<scf::YieldOp>(l, SmallVector<Value>(mr * s.nv, zero));
          },
          [&](OpBuilder &ob, Location l) {
            ob.create<scf::YieldOp>(l, loadC(ob, l));
          });
      init.assign(ifOp.getResults().begin(), ifOp.getResults().end());
    } else {
      init = loadC(b, loc);
    }
    // The k loop, unrolled by KU: iteration u covers k = base + u * KU +
    // step; then the K % KU remaining steps one at a time.
    auto kLoop = [&](Value from, Value to, int64_t unroll, Value base,
                     ValueRange start) {
      auto kOf = [&](OpBuilder &lb, Value u, int64_t step) -> Value {
        if (unroll == 1)
          return u;
        Value k = lb.create<arith::AddIOp>(
            loc, base,
            lb.create<arith::MulIOp>(
                loc, u, lb.create<arith::ConstantIndexOp>(loc, unroll)));
        return step ? lb.create<arith::AddIOp>(
                          loc, k, lb.create<arith::ConstantIndexOp>(loc, step))
                    : k;
      };
      return emitRegisterTileLoop(
          b, loc, RegisterTile{mr, s.nv, s.vl}, from, to, unroll, start,
          [&](OpBuilder &lb, Value u, int64_t step, int64_t j) -> Value {
            SmallVector<Value> bi;
            if (mm.batchedB)
              bi.push_back(batch);
            bi.append({nt, kOf(lb, u, step),
                       lb.create<arith::ConstantIndexOp>(loc, j * s.vl)});
            return lb.create<vector::LoadOp>(loc, vt, bp, bi);
          },
          [&](OpBuilder &lb, Value u, int64_t step, int64_t i) -> Value {
            Value row = lb.create<arith::AddIOp>(
                loc, m0, lb.create<arith::ConstantIndexOp>(loc, i));
            return lb.create<memref::LoadOp>(
                loc, mm.a, aIndex(batch, row, kOf(lb, u, step)));
          });
    };
    SmallVector<Value> accs;
    if (s.ku <= 1) {
      accs = kLoop(k0, k1, 1, Value(), init);
    } else {
      Value len = b.create<arith::SubIOp>(loc, k1, k0);
      Value trips = b.create<arith::DivUIOp>(loc, len, idx(s.ku));
      accs = kLoop(idx(0), trips, s.ku, k0, init);
      Value rest = b.create<arith::AddIOp>(
          loc, k0, b.create<arith::MulIOp>(loc, trips, idx(s.ku)));
      accs = kLoop(rest, k1, 1, Value(), accs);
    }
    for (int64_t i = 0; i < mr; ++i) {
      Value row = b.create<arith::AddIOp>(loc, m0, idx(i));
      for (int64_t j = 0; j < s.nv; ++j) {
        Value col = b.create<arith::AddIOp>(loc, n0, idx(j * s.vl));
        if (epilogue)
          applyEpilogue(b, loc, *epilogue, cIndex(batch, row, col),
                        accs[i * s.nv + j], /*masked=*/true);
        else
          b.create<vector::TransferWriteOp>(loc, accs[i * s.nv + j], mm.c,
                                            cIndex(batch, row, col),
                                            ArrayRef<bool>{false});
      }
    }
  }

  /// The whole loop nest.
  void emit() {
    int64_t nt = llvm::divideCeil(mm.n, s.nr());
    bool batched = mm.batchedA || mm.batchedB;
    // Full M tiles, split into `msplit` parallel blocks of whole tiles; the
    // last block also runs the tile of the M % MR remaining rows.
    int64_t fullTiles = mm.m / s.mr;
    int64_t msplit = std::max<int64_t>(1, std::min(s.msplit, fullTiles));
    int64_t tilesPerBlock = llvm::divideCeil(fullTiles, msplit);
    SmallVector<Value> lbs = {idx(0)}, ubs = {idx(nt)}, steps = {idx(1)};
    if (msplit > 1) {
      lbs.insert(lbs.begin(), idx(0));
      ubs.insert(ubs.begin(), idx(msplit));
      steps.insert(steps.begin(), idx(1));
    }
    if (batched) {
      lbs.insert(lbs.begin(), idx(0));
      ubs.insert(ubs.begin(), idx(mm.batch));
      steps.insert(steps.begin(), idx(1));
    }
    b.create<scf::ParallelOp>(
        loc, lbs, ubs, steps,
        [&](OpBuilder &pb, Location l, ValueRange ivs) {
          Value batch = batched ? ivs[0] : Value();
          Value mblock = msplit > 1 ? ivs[ivs.size() - 2] : Value();
          Value panel = ivs.back();
          // pb is b: keep the body block before moving around.
          Block *body = pb.getInsertionBlock();
          OpBuilder::InsertionGuard g(b);
          b.setInsertionPointToStart(body);
          // K blocks; one block has constant bounds (so the loop's trip
          // counts, and so its work, are known).
          Value k0 = idx(0), k1 = idx(mm.k);
          Value first = b.create<arith::ConstantIntOp>(loc, 1, 1);
          if (s.kc < mm.k) {
            auto kLoop =
                b.create<scf::ForOp>(loc, idx(0), idx(mm.k), idx(s.kc));
            b.setInsertionPointToStart(kLoop.getBody());
            k0 = kLoop.getInductionVar();
            k1 = b.create<arith::MinSIOp>(
                loc, b.create<arith::AddIOp>(loc, k0, idx(s.kc)), idx(mm.k));
            first = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, k0,
                                            idx(0));
          }
          int64_t full = fullTiles * s.mr;
          if (full > 0 && !mblock) {
            auto mLoop = b.create<scf::ForOp>(loc, idx(0), idx(full),
                                              idx(s.mr));
            OpBuilder::InsertionGuard g2(b);
            b.setInsertionPointToStart(mLoop.getBody());
            tile(batch, panel, mLoop.getInductionVar(), s.mr, k0, k1, first);
          } else if (full > 0) {
            // Tiles [mblock * TPB, mblock * TPB + TPB) of the full ones: a
            // loop with a constant trip count (its work stays known) and a
            // guard for the last block's missing tiles.
            auto mLoop = b.create<scf::ForOp>(loc, idx(0), idx(tilesPerBlock),
                                              idx(1));
            OpBuilder::InsertionGuard g2(b);
            b.setInsertionPointToStart(mLoop.getBody());
            Value t = b.create<arith::AddIOp>(
                loc, b.create<arith::MulIOp>(loc, mblock, idx(tilesPerBlock)),
                mLoop.getInductionVar());
            Value inside = b.create<arith::CmpIOp>(
                loc, arith::CmpIPredicate::slt, t, idx(fullTiles));
            auto guard = b.create<scf::IfOp>(loc, inside, false);
            b.setInsertionPointToStart(&guard.getThenRegion().front());
            tile(batch, panel, b.create<arith::MulIOp>(loc, t, idx(s.mr)),
                 s.mr, k0, k1, first);
          }
          if (mm.m > full && !mblock) {
            tile(batch, panel, idx(full), mm.m - full, k0, k1, first);
          } else if (mm.m > full) {
            OpBuilder::InsertionGuard g2(b);
            Value last = b.create<arith::CmpIOp>(
                loc, arith::CmpIPredicate::eq, mblock, idx(msplit - 1));
            auto guard = b.create<scf::IfOp>(loc, last, false);
            b.setInsertionPointToStart(&guard.getThenRegion().front());
            tile(batch, panel, idx(full), mm.m - full, k0, k1, first);
          }
          b.setInsertionPointToEnd(body);
          b.create<scf::ReduceOp>(loc);
        });
  }
};

struct MatmulKernelsPass : impl::MatmulKernelsPassBase<MatmulKernelsPass> {
  using MatmulKernelsPassBase::MatmulKernelsPassBase;

  Schedule schedule(const Matmul &mm) const {
    Schedule s;
    s.vl = std::max<int64_t>(1, vectorBits / 32);
    // Enough accumulators to hide the FMA latency, few enough to leave
    // registers for B and the broadcast: 8 x 2 zmm (AVX-512), 6 x 2 ymm.
    s.nv = mm.n <= s.vl ? 1 : 2;
    s.mr = vectorBits >= 512 ? 8 : 6;
    if (tileRows > 0)
      s.mr = tileRows;
    if (tileVectors > 0)
      s.nv = tileVectors;
    int64_t kc = kBlock;
    // The op's own schedule (from the tuner's records) comes first.
    if (auto v = scheduleKnob(mm.op, "mr"); v && *v > 0)
      s.mr = *v;
    if (auto v = scheduleKnob(mm.op, "nv"); v && *v > 0)
      s.nv = *v;
    if (auto v = scheduleKnob(mm.op, "kc"); v && *v >= 0)
      kc = *v;
    if (auto v = scheduleKnob(mm.op, "msplit"); v && *v > 0)
      s.msplit = *v;
    if (auto v = scheduleKnob(mm.op, "ku"); v && *v > 0)
      s.ku = *v;
    // Narrower vectors than the target's widest (AVX2 ymm on AVX-512).
    if (auto v = scheduleKnob(mm.op, "vbits"); v && *v >= 128)
      s.vl = std::max<int64_t>(1, std::min<int64_t>(*v, vectorBits) / 32);
    s.kc = kc > 0 ? std::min<int64_t>(kc, mm.k) : mm.k;
    return s;
  }

  /// A packed constant global [NT][K][NR] from B's values.
  Value packConstant(OpBuilder &b, const Matmul &mm, const Schedule &s,
                     const std::vector<float> &values) {
    int64_t nt = llvm::divideCeil(mm.n, s.nr()), nr = s.nr();
    std::vector<float> packed(nt * mm.k * nr, 0.0f);
    for (int64_t p = 0; p < nt; ++p)
      for (int64_t kk = 0; kk < mm.k; ++kk)
        for (int64_t j = 0; j < nr; ++j) {
          int64_t col = p * nr + j;
          if (col >= mm.n)
            continue;
          packed[(p * mm.k + kk) * nr + j] =
              mm.transB ? values[col * mm.k + kk] : values[kk * mm.n + col];
        }
    return createPackedGlobal(b, mm.op->getLoc(), getOperation(),
                              {nt, mm.k, nr}, packed);
  }

  /// Packs a run-time B into a new buffer [batch?][NT][K][NR].
  Value packAtRunTime(OpBuilder &b, const Matmul &mm, const Schedule &s) {
    Location loc = mm.op->getLoc();
    int64_t nt = llvm::divideCeil(mm.n, s.nr()), nr = s.nr();
    SmallVector<int64_t> shape = {nt, mm.k, nr};
    if (mm.batchedB)
      shape.insert(shape.begin(), mm.batch);
    auto type = MemRefType::get(shape, b.getF32Type());
    Value buffer = b.create<memref::AllocOp>(loc, type, b.getI64IntegerAttr(64));
    auto idx = [&](int64_t v) { return b.create<arith::ConstantIndexOp>(loc, v); };
    SmallVector<Value> lbs(shape.size() - 1, idx(0)), steps(shape.size() - 1, idx(1));
    SmallVector<Value> ubs;
    for (int64_t d : ArrayRef(shape).drop_back())
      ubs.push_back(idx(d));
    Value pad = b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(0.0f));
    auto vt = VectorType::get({s.vl}, b.getF32Type());
    b.create<scf::ParallelOp>(
        loc, lbs, ubs, steps, [&](OpBuilder &pb, Location l, ValueRange ivs) {
          Value batch = mm.batchedB ? ivs[0] : Value();
          Value p = ivs[ivs.size() - 2], kk = ivs.back();
          Value n0 = pb.create<arith::MulIOp>(
              l, p, pb.create<arith::ConstantIndexOp>(l, nr));
          for (int64_t j = 0; j < s.nv; ++j) {
            Value jv = pb.create<arith::ConstantIndexOp>(l, j * s.vl);
            Value col = pb.create<arith::AddIOp>(l, n0, jv);
            SmallVector<Value> dst(ivs.begin(), ivs.end());
            dst.push_back(jv);
            if (!mm.transB) {
              SmallVector<Value> src;
              if (batch)
                src.push_back(batch);
              src.append({kk, col});
              Value v = pb.create<vector::TransferReadOp>(
                  l, vt, mm.b, src, pad, ArrayRef<bool>{false});
              pb.create<vector::StoreOp>(l, v, buffer, dst);
              continue;
            }
            // B is [batch?][N][K]: gather VL scalars down a column.
            for (int64_t e = 0; e < s.vl; ++e) {
              Value ev = pb.create<arith::ConstantIndexOp>(l, e);
              Value c = pb.create<arith::AddIOp>(l, col, ev);
              Value inside = pb.create<arith::CmpIOp>(
                  l, arith::CmpIPredicate::slt, c,
                  pb.create<arith::ConstantIndexOp>(l, mm.n));
              auto ifOp = pb.create<scf::IfOp>(
                  l, inside,
                  [&](OpBuilder &ib, Location il) {
                    SmallVector<Value> src;
                    if (batch)
                      src.push_back(batch);
                    src.append({c, kk});
                    ib.create<scf::YieldOp>(
                        il, ValueRange{ib.create<memref::LoadOp>(il, mm.b, src)});
                  },
                  [&](OpBuilder &ib, Location il) {
                    ib.create<scf::YieldOp>(il, ValueRange{pad});
                  });
              SmallVector<Value> at(ivs.begin(), ivs.end());
              at.push_back(pb.create<arith::AddIOp>(l, jv, ev));
              pb.create<memref::StoreOp>(l, ifOp.getResult(0), buffer, at);
            }
          }
          pb.create<scf::ReduceOp>(l);
        });
    return buffer;
  }

  void runOnOperation() override {
    SmallVector<Matmul> matches;
    getOperation().walk([&](Operation *op) {
      if (auto mm = match(op))
        matches.push_back(*mm);
    });
    for (Matmul &mm : matches) {
      Schedule s = schedule(mm);
      OpBuilder b(mm.op);
      Location loc = mm.op->getLoc();
      // A zero fill of C right before: the first K block starts from zero
      // instead.
      bool zeroInit = false;
      if (auto fill =
              dyn_cast_or_null<linalg::FillOp>(mm.op->getPrevNode())) {
        if (fill.hasPureBufferSemantics() &&
            fill.getDpsInits()[0] == mm.c &&
            matchPattern(fill.getInputs()[0], m_AnyZeroFloat())) {
          zeroInit = true;
          fill.erase();
        }
      }
      Value bp;
      std::optional<std::vector<float>> values;
      if (!mm.batchedB)
        values = constantF32Values(mm.b, getOperation());
      if (values)
        bp = packConstant(b, mm, s, *values);
      else
        bp = packAtRunTime(b, mm, s);
      // The elementwise consumer of C goes into the stores when the whole
      // K range is one block (C then holds no partial sums).
      std::optional<Epilogue> epilogue;
      if (fuseEpilogues && zeroInit && s.kc >= mm.k)
        epilogue = findEpilogue(mm.op, mm.c);
      Emitter e{b, loc, mm, s, bp, zeroInit, epilogue};
      e.emit();
      std::string fusedOps = zeroInit ? "fill" : "";
      uint64_t bytes = bufferBytes(mm.a) + bufferBytes(mm.b);
      retireEpilogue(epilogue, fusedOps, bytes,
                     (zeroInit ? 1 : 2) * bufferBytes(mm.c));
      std::string shape;
      llvm::raw_string_ostream os(shape);
      if (mm.batchedA || mm.batchedB)
        os << mm.batch << "x";
      os << mm.m << "x" << mm.n << "x" << mm.k
         << (values ? " (B constant, packed at compile time)"
                    : " (B packed at run time)");
      recordKernel(mm.op, mm.transB ? "matmul (B transposed)" : "matmul",
                   shape, fusedOps, 2ull * mm.batch * mm.m * mm.n * mm.k,
                   bytes);
      Value oldB = mm.b, oldC = mm.c;
      mm.op->erase();
      eraseIfUnused(oldC);
      // The unpacked constant is no longer needed when this was its only
      // use.
      if (auto get = oldB.getDefiningOp<memref::GetGlobalOp>())
        if (get->use_empty())
          get->erase();
    }
    eraseUnusedPrivateGlobals(getOperation());
  }
};

} // namespace

std::optional<KernelWorkload> describeMatmulWorkload(Operation *op) {
  std::optional<Matmul> mm = match(op);
  if (!mm)
    return std::nullopt;
  KernelWorkload w;
  w.kind = "matmul";
  bool constB = false;
  if (!mm->batchedB)
    if (auto get = mm->b.getDefiningOp<memref::GetGlobalOp>()) {
      auto module = op->getParentOfType<ModuleOp>();
      auto global = module.lookupSymbol<memref::GlobalOp>(get.getName());
      constB = global && global.getConstant() &&
               global.getConstantInitValue();
    }
  w.params = {{"batch", mm->batch},  {"m", mm->m},
              {"n", mm->n},          {"k", mm->k},
              {"trans_b", mm->transB}, {"const_b", constB}};
  llvm::raw_string_ostream os(w.description);
  os << (mm->transB ? "matmul (B transposed) " : "matmul ");
  if (mm->batchedA || mm->batchedB)
    os << mm->batch << "x";
  os << mm->m << "x" << mm->n << "x" << mm->k
     << (constB ? " (B constant)" : "");
  w.flops = 2.0 * mm->batch * mm->m * mm->n * mm->k;
  return w;
}

} // namespace mlc::cpu
