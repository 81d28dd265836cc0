// RUN: mlc-opt %s --split-input-file --mlc-matmul-kernels | FileCheck %s
// RUN: mlc-opt %s --split-input-file --mlc-matmul-kernels=vector-bits=256 | FileCheck %s --check-prefix=AVX2
// RUN: mlc-opt %s --split-input-file --mlc-matmul-kernels=k-block=32 | FileCheck %s --check-prefix=KBLOCK

// A constant B is packed at compile time into [ceil(N/32)][K][32] panels
// (zero-padded); the zero fill of C is folded into the first K block; 8x2
// accumulators of vector<16xf32> per tile, 16 FMAs per k; the remainder of
// M (37 = 4 * 8 + 5) gets a 5-row tile.
// CHECK-LABEL: func.func @constant_b(
// CHECK-NOT: linalg.fill
// CHECK: %[[BP:.*]] = memref.get_global @__mlc_packed : memref<2x70x32xf32>
// CHECK: scf.parallel (%[[P:.*]]) =
// CHECK: scf.for
// CHECK-NOT: vector.transfer_read
// CHECK: scf.for {{.*}} iter_args
// CHECK-COUNT-2: vector.load %[[BP]]
// CHECK-COUNT-16: vector.fma
// CHECK: scf.yield
// CHECK-COUNT-16: vector.transfer_write
// CHECK: scf.for {{.*}} iter_args
// CHECK-COUNT-10: vector.fma
// CHECK-NOT: linalg.matmul
// CHECK: memref.global "private" constant @__mlc_packed : memref<2x70x32xf32> = dense_resource<mlc_packed>
// CHECK-NOT: @w
// AVX2-LABEL: func.func @constant_b(
// AVX2: memref.get_global @__mlc_packed : memref<3x70x16xf32>
// AVX2: scf.for {{.*}} iter_args
// AVX2-COUNT-12: vector.fma {{.*}} : vector<8xf32>
// With K blocks of 32 (70 = 32 + 32 + 6), the first block starts from zero,
// the others from C.
// KBLOCK-LABEL: func.func @constant_b(
// KBLOCK: scf.parallel
// KBLOCK: scf.for %[[K0:.*]] = %{{.*}} to %{{.*}} step %c32
// KBLOCK: arith.minsi
// KBLOCK: arith.cmpi eq, %[[K0]]
// KBLOCK: scf.if
// KBLOCK: } else {
// KBLOCK-COUNT-16: vector.transfer_read
// KBLOCK: scf.for {{.*}} iter_args
memref.global "private" constant @w : memref<70x45xf32> = dense<1.0>
func.func @constant_b(%a: memref<37x70xf32>, %c: memref<37x45xf32>) {
  %zero = arith.constant 0.0 : f32
  %b = memref.get_global @w : memref<70x45xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<37x45xf32>)
  linalg.matmul ins(%a, %b : memref<37x70xf32>, memref<70x45xf32>) outs(%c : memref<37x45xf32>)
  return
}

// -----

// A run-time B of a batch matmul is packed into a new buffer first; without
// a zero fill the accumulators start from C.
// CHECK-LABEL: func.func @batch(
// CHECK: %[[BP:.*]] = memref.alloc() {alignment = 64 : i64} : memref<2x1x8x32xf32>
// CHECK: scf.parallel
// CHECK: vector.transfer_read %arg1
// CHECK: vector.store {{.*}}, %[[BP]]
// CHECK: scf.parallel
// CHECK-NOT: scf.if
// CHECK: vector.transfer_read %arg2
// CHECK: vector.fma
func.func @batch(%a: memref<2x4x8xf32>, %b: memref<2x8x20xf32>, %c: memref<2x4x20xf32>) {
  linalg.batch_matmul ins(%a, %b : memref<2x4x8xf32>, memref<2x8x20xf32>) outs(%c : memref<2x4x20xf32>)
  return
}

// -----

// Transposed B (Gemm transB) at run time: gathered column by column.
// CHECK-LABEL: func.func @transposed(
// CHECK: memref.alloc() {alignment = 64 : i64} : memref<1x8x32xf32>
// CHECK: scf.if
// CHECK: memref.load %arg1
// CHECK: vector.fma
func.func @transposed(%a: memref<3x8xf32>, %b: memref<20x8xf32>, %c: memref<3x20xf32>) {
  linalg.matmul_transpose_b ins(%a, %b : memref<3x8xf32>, memref<20x8xf32>) outs(%c : memref<3x20xf32>)
  return
}

// -----

// Not f32: left alone.
// CHECK-LABEL: func.func @integer(
// CHECK: linalg.matmul
func.func @integer(%a: memref<3x8xi32>, %b: memref<8x5xi32>, %c: memref<3x5xi32>) {
  linalg.matmul ins(%a, %b : memref<3x8xi32>, memref<8x5xi32>) outs(%c : memref<3x5xi32>)
  return
}

// -----

// The bias add reading C through a unit-dimension expand_shape is applied in
// the stores (into the add's output, at [0, row, col]); C is not written.
// CHECK-LABEL: func.func @bias_epilogue(
// CHECK-NOT: memref.alloc
// CHECK: scf.for {{.*}} iter_args
// CHECK: vector.fma
// CHECK: vector.transfer_read %arg1
// CHECK: arith.addf {{.*}} : vector<16xf32>
// CHECK: vector.transfer_write {{.*}}, %arg2[%c0{{.*}}, %{{.*}}, %{{.*}}] : vector<16xf32>, memref<1x8x32xf32>
// CHECK-NOT: linalg.generic
memref.global "private" constant @w4 : memref<16x32xf32> = dense<1.0>
func.func @bias_epilogue(%a: memref<8x16xf32>, %bias: memref<32xf32>, %y: memref<1x8x32xf32>) {
  %zero = arith.constant 0.0 : f32
  %b = memref.get_global @w4 : memref<16x32xf32>
  %c = memref.alloc() {alignment = 64 : i64} : memref<8x32xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<8x32xf32>)
  linalg.matmul ins(%a, %b : memref<8x16xf32>, memref<16x32xf32>) outs(%c : memref<8x32xf32>)
  %e = memref.expand_shape %c [[0, 1], [2]] output_shape [1, 8, 32] : memref<8x32xf32> into memref<1x8x32xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>],
                  iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%e, %bias : memref<1x8x32xf32>, memref<32xf32>) outs(%y : memref<1x8x32xf32>) {
  ^bb0(%in: f32, %bi: f32, %out: f32):
    %s = arith.addf %in, %bi : f32
    linalg.yield %s : f32
  }
  return
}
