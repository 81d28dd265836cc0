// RUN: mlc-opt %s --split-input-file --mlc-vectorize-generic | FileCheck %s

// Elementwise with a broadcast operand: 40 = 2 * 16 + 8 lanes: a main loop
// of plain vector loads/stores and one masked step; the bias (not reading
// the innermost loop) is a scalar load broadcast.
// CHECK-LABEL: func.func @add_bias_relu(
// CHECK: scf.parallel (%[[I:.*]]) = (%c0) to (%c3)
// CHECK: scf.for %[[J:.*]] = %c0{{.*}} to %c32{{.*}} step %c16
// CHECK: %[[X:.*]] = vector.load %arg0[%[[I]], %[[J]]] : memref<3x40xf32>, vector<16xf32>
// CHECK: %[[B:.*]] = memref.load %arg1[%[[I]]] : memref<3xf32>
// CHECK: %[[BV:.*]] = vector.broadcast %[[B]] : f32 to vector<16xf32>
// CHECK: %[[S:.*]] = arith.addf %[[X]], %[[BV]] : vector<16xf32>
// CHECK: arith.maximumf %[[S]], %{{.*}} : vector<16xf32>
// CHECK: vector.store %{{.*}}, %arg2[%[[I]], %[[J]]] : memref<3x40xf32>, vector<16xf32>
// CHECK: vector.transfer_read %arg0[%[[I]], %c32
// CHECK: vector.transfer_write %{{.*}}, %arg2[%[[I]], %c32
// CHECK-NOT: linalg.generic
func.func @add_bias_relu(%x: memref<3x40xf32>, %b: memref<3xf32>, %y: memref<3x40xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x, %b : memref<3x40xf32>, memref<3xf32>) outs(%y : memref<3x40xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %s = arith.addf %a, %c : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// A sum over the innermost loop (softmax's denominator): a vector
// accumulator from 0, the tail's lanes past 20 masked to 0, then one
// reduction across lanes combined with the output.
// CHECK-LABEL: func.func @row_sum(
// CHECK: scf.parallel
// CHECK: %[[ACC:.*]] = scf.for {{.*}} iter_args(%[[A:.*]] = %cst{{.*}}) -> (vector<16xf32>)
// CHECK: math.exp {{.*}} : vector<16xf32>
// CHECK: arith.addf %[[A]], %{{.*}} : vector<16xf32>
// CHECK: vector.create_mask
// CHECK: arith.select
// CHECK: %[[T:.*]] = vector.reduction <add>
// CHECK: %[[OLD:.*]] = memref.load %arg1
// CHECK: arith.addf %[[OLD]], %[[T]] : f32
// CHECK: memref.store
func.func @row_sum(%x: memref<4x20xf32>, %y: memref<4xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<4x20xf32>) outs(%y : memref<4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %e = math.exp %a : f32
    %s = arith.addf %o, %e : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A max over an outer dimension: the innermost loop stays parallel, the
// output row is read and written each step of the reduction loop.
// CHECK-LABEL: func.func @column_max(
// CHECK: scf.for %[[R:.*]] =
// CHECK: scf.for %[[J:.*]] = {{.*}} step %c16
// CHECK: vector.load %arg0[%[[R]], %[[J]]]
// CHECK: vector.load %arg1[%[[J]]]
// CHECK: arith.maximumf {{.*}} : vector<16xf32>
// CHECK: vector.store
func.func @column_max(%x: memref<5x32xf32>, %y: memref<32xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>],
                  iterator_types = ["reduction", "parallel"]}
      ins(%x : memref<5x32xf32>) outs(%y : memref<32xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %o, %a : f32
    linalg.yield %m : f32
  }
  return
}

// -----

// A 2x2 max pool with stride 2 (innermost loops: the short window): vectors
// along the output columns, the window unrolled into the accumulator, the
// strided input read as 32 lanes deinterleaved to 16; max as vmaxps
// (fastmath: no NaN propagation).
// CHECK-LABEL: func.func @max_pool(
// CHECK: scf.parallel
// CHECK: scf.for {{.*}} step %c16
// CHECK: %[[ACC:.*]] = vector.transfer_read %arg1
// CHECK: %[[WIDE:.*]] = vector.transfer_read %arg0{{.*}} : memref<1x2x8x64xf32>, vector<32xf32>
// CHECK: %[[X:.*]] = vector.shuffle %[[WIDE]], %[[WIDE]] [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30]
// CHECK: arith.maximumf %[[ACC]], %[[X]] fastmath<nnan,nsz> : vector<16xf32>
// CHECK-COUNT-3: arith.maximumf
// CHECK: vector.transfer_write
// CHECK-NOT: linalg.generic
func.func @max_pool(%x: memref<1x2x8x64xf32>, %y: memref<1x2x4x32xf32>, %window: memref<2x2xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d4, d3 * 2 + d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
      ins(%x, %window : memref<1x2x8x64xf32>, memref<2x2xf32>) outs(%y : memref<1x2x4x32xf32>) {
  ^bb0(%a: f32, %w: f32, %o: f32):
    %m = arith.maximumf %o, %a : f32
    linalg.yield %m : f32
  }
  return
}

// -----

// The -inf fill of the output right before: folded into the accumulators'
// start, no pass over the output for it.
// CHECK-LABEL: func.func @max_pool_filled(
// CHECK-NOT: vector.transfer_read %arg1
// CHECK: %[[C:.*]] = arith.constant 0xFF800000 : f32
// CHECK: scf.parallel
// CHECK: %[[NEG:.*]] = vector.broadcast %[[C]] : f32 to vector<16xf32>
// CHECK: arith.maximumf %[[NEG]], %{{.*}} fastmath<nnan,nsz> : vector<16xf32>
// CHECK-NOT: linalg.generic
func.func @max_pool_filled(%x: memref<1x2x8x64xf32>, %y: memref<1x2x4x32xf32>, %window: memref<2x2xf32>) {
  %ninf = arith.constant 0xFF800000 : f32
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> ()>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%ninf : f32) outs(%y : memref<1x2x4x32xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d4, d3 * 2 + d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
      ins(%x, %window : memref<1x2x8x64xf32>, memref<2x2xf32>) outs(%y : memref<1x2x4x32xf32>) {
  ^bb0(%a: f32, %w: f32, %o: f32):
    %m = arith.maximumf %o, %a : f32
    linalg.yield %m : f32
  }
  return
}

// -----

// Left alone: a transposed read of the innermost loop, booleans (bit-packed
// as vectors), a body with a load (a gather), an innermost loop under 4.
// CHECK-LABEL: func.func @not_vectorized(
// CHECK-COUNT-4: linalg.generic
func.func @not_vectorized(%x: memref<8x8xf32>, %y: memref<8x8xf32>, %p: memref<8x8xi1>, %q: memref<8x8xi1>, %s: memref<8x3xf32>, %t: memref<8x3xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<8x8xf32>) outs(%y : memref<8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%p : memref<8x8xi1>) outs(%q : memref<8x8xi1>) {
  ^bb0(%a: i1, %o: i1):
    linalg.yield %a : i1
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      outs(%y : memref<8x8xf32>) {
  ^bb0(%o: f32):
    %i = linalg.index 0 : index
    %v = memref.load %x[%i, %i] : memref<8x8xf32>
    linalg.yield %v : f32
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%s : memref<8x3xf32>) outs(%t : memref<8x3xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  }
  return
}

// -----

// A fill of 2-element rows (a pad's pairs of border columns): one
// vector<2xf32> store per row, not scalar loops (which LLVM would turn into
// scatters along the strided rows).
// CHECK-LABEL: func.func @pair_fill(
// CHECK: scf.parallel
// CHECK: vector.store %{{.*}}, %arg0[{{.*}}] : memref<1x4x9x2xf32, strided<[400, 100, 10, 1], offset: 9>>, vector<2xf32>
// CHECK-NOT: linalg.generic
func.func @pair_fill(%p: memref<1x4x9x2xf32, strided<[400, 100, 10, 1], offset: 9>>) {
  %zero = arith.constant 0.0 : f32
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> ()>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%zero : f32) outs(%p : memref<1x4x9x2xf32, strided<[400, 100, 10, 1], offset: 9>>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  return
}
