// RUN: mlc-opt %s --split-input-file --mlc-attention-kernels --canonicalize | FileCheck %s
// RUN: mlc-opt %s --split-input-file --mlc-attention-kernels=vector-bits=256 --canonicalize | FileCheck %s --check-prefix=AVX2

// L = 10: two full blocks of 4 query rows in a 3-D parallel loop over
// (batch, head, block), then the last 2 rows in a 2-D one. T = 20 keys: one
// chunk of 2 vectors (16 + 4 lanes) per row block, the scores of a block in
// a 4 x 32 stack buffer; no buffer the size of the score matrix.
// CHECK-LABEL: func.func @attention(
// CHECK-NOT: memref.alloc(
// CHECK: scf.parallel (%{{.*}}, %{{.*}}, %{{.*}}) = (%c0, %c0, %c0) to (%c2, %c2, %c2)
// CHECK: memref.alloca() {alignment = 64 : i64} : memref<4x32xf32>
// CHECK: scf.for
// CHECK: vector.transfer_read %arg1
// CHECK: vector.fma {{.*}} : vector<16xf32>
// CHECK: vector.constant_mask [4] : vector<16xi1>
// CHECK: vector.store {{.*}} : memref<4x32xf32>, vector<16xf32>
// CHECK: vector.reduction <maximumf>
// CHECK: math.exp {{.*}} : vector<16xf32>
// CHECK: vector.reduction <add>
// CHECK: scf.parallel (%{{.*}}, %{{.*}}) = (%c0, %c0) to (%c2, %c2)
// CHECK: memref.alloca() {alignment = 64 : i64} : memref<4x32xf32>
// CHECK: vector.store {{.*}}, %arg4[%{{.*}}, %{{.*}}, %c9, %c0] : memref<2x2x10x16xf32>, vector<16xf32>
// CHECK-NOT: graph.fused_attention
// AVX2-LABEL: func.func @attention(
// AVX2: memref.alloca() {alignment = 64 : i64} : memref<4x24xf32>
// AVX2: vector.fma {{.*}} : vector<8xf32>
func.func @attention(%q: memref<2x2x10x8xf32>, %kt: memref<2x2x8x20xf32>, %v: memref<2x2x20x16xf32>, %m: memref<1x1x1x20xf32>, %y: memref<2x2x10x16xf32>) {
  graph.fused_attention q(%q : memref<2x2x10x8xf32>) kt(%kt : memref<2x2x8x20xf32>) v(%v : memref<2x2x20x16xf32>) mask(%m : memref<1x1x1x20xf32>) init(%y : memref<2x2x10x16xf32>) {scale = 0.35355339 : f32}
  return
}

// -----

// An operand whose innermost stride is not 1 (a transposed view) is copied
// into a contiguous buffer first.
// CHECK-LABEL: func.func @strided(
// CHECK: %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<1x1x4x16xf32>
// CHECK: memref.copy %arg1, %[[C]]
// CHECK: vector.load %[[C]]
func.func @strided(%q: memref<1x1x4x4xf32>, %kt: memref<1x1x4x16xf32, strided<[64, 64, 1, 4]>>, %v: memref<1x1x16x4xf32>, %y: memref<1x1x4x4xf32>) {
  graph.fused_attention q(%q : memref<1x1x4x4xf32>) kt(%kt : memref<1x1x4x16xf32, strided<[64, 64, 1, 4]>>) v(%v : memref<1x1x16x4xf32>) init(%y : memref<1x1x4x4xf32>) {scale = 1.0 : f32}
  return
}

// -----

// Absorbed transposes are read and written through strided views, no
// copies (their innermost stride is 1).
// CHECK-LABEL: func.func @permuted(
// CHECK-NOT: memref.alloc(
// CHECK-NOT: memref.copy
// CHECK: %[[Y:.*]] = memref.transpose %arg3 (d0, d1, d2, d3) -> (d0, d2, d1, d3) : memref<1x8x2x16xf32> to memref<1x2x8x16xf32, strided<[256, 16, 32, 1]>>
// CHECK: vector.store {{.*}}, %[[Y]][
func.func @permuted(%xq: memref<1x8x2x16xf32>, %kt: memref<1x2x16x8xf32>, %xv: memref<1x8x2x16xf32>, %y: memref<1x8x2x16xf32>) {
  graph.fused_attention q(%xq : memref<1x8x2x16xf32>) kt(%kt : memref<1x2x16x8xf32>) v(%xv : memref<1x8x2x16xf32>) init(%y : memref<1x8x2x16xf32>) {scale = 1.0 : f32, q_perm = array<i64: 0, 2, 1, 3>, v_perm = array<i64: 0, 2, 1, 3>, out_perm = array<i64: 0, 2, 1, 3>}
  return
}
