// RUN: mlc-opt %s --split-input-file --mlc-matmul-kernels --mlc-conv-kernels -verify-diagnostics | FileCheck %s

// A matmul's `mlc.schedule` overrides the default tile: 4 rows x 1 vector
// (16 lanes: B packed in panels of 16), K blocks of 32, and M split into 2
// parallel blocks of whole tiles (37 rows: 9 full tiles, 5 per block, the
// 1 remaining row in the last block).
// CHECK-LABEL: func.func @scheduled_matmul(
// CHECK: memref.get_global @__mlc_packed : memref<3x70x16xf32>
// CHECK: scf.parallel (%[[MB:.*]], %[[P:.*]]) = ({{.*}}) to (%c2, %c3)
// CHECK: scf.for %{{.*}} = %{{.*}} to %c70{{.*}} step %c32
// CHECK: scf.for %[[T:.*]] = %{{.*}} to %c5 step
// CHECK: arith.cmpi slt, %{{.*}}, %c9
// CHECK: scf.if
// CHECK: scf.for {{.*}} iter_args
// CHECK-COUNT-4: vector.fma
// CHECK-NOT: vector.fma
// CHECK: scf.yield
// CHECK: arith.cmpi eq, %[[MB]], %c1
// CHECK: scf.if
// CHECK: scf.for {{.*}} iter_args
// CHECK-COUNT-1: vector.fma
// CHECK-NOT: vector.fma
// CHECK: scf.yield
memref.global "private" constant @w : memref<70x45xf32> = dense<1.0>
func.func @scheduled_matmul(%a: memref<37x70xf32>, %c: memref<37x45xf32>) {
  %zero = arith.constant 0.0 : f32
  %b = memref.get_global @w : memref<70x45xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<37x45xf32>)
  linalg.matmul {mlc.schedule = {mr = 4 : i64, nv = 1 : i64, kc = 32 : i64, msplit = 2 : i64}}
      ins(%a, %b : memref<37x70xf32>, memref<70x45xf32>) outs(%c : memref<37x45xf32>)
  return
}

// -----

// A 3x3 convolution scheduled as packed tiles (variant 3) of 4 filters x 1
// vector instead of the default filter vectors: panels gathered into a
// stack buffer, weights packed as [ceil(32/4)][C*KH*KW][4].
// CHECK-LABEL: func.func @scheduled_conv(
// CHECK: memref.get_global @__mlc_packed : memref<8x144x4xf32>
// CHECK: memref.alloca() {{.*}} : memref<144x16xf32>
// CHECK: scf.for {{.*}} iter_args
// CHECK-COUNT-4: vector.fma
// CHECK-NOT: vector.fma
// CHECK: scf.yield
memref.global "private" constant @cw : memref<32x16x3x3xf32> = dense<0.5>
func.func @scheduled_conv(%x: memref<1x16x18x18xf32>, %c: memref<1x32x16x16xf32>) {
  %zero = arith.constant 0.0 : f32
  %w = memref.get_global @cw : memref<32x16x3x3xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<1x32x16x16xf32>)
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>,
                            mlc.schedule = {variant = 3 : i64, mr = 4 : i64, nv = 1 : i64}}
      ins(%x, %w : memref<1x16x18x18xf32>, memref<32x16x3x3xf32>) outs(%c : memref<1x32x16x16xf32>)
  return
}

// -----

// Filter vectors with 4 output pixels per tile and the filter tiles as the
// outer parallel loop.
// CHECK-LABEL: func.func @scheduled_filter_vectors(
// CHECK: memref.get_global @__mlc_packed : memref<2x144x16xf32>
// CHECK: scf.parallel ({{.*}}) = ({{.*}}) to (%c1, %c2, %c16)
// CHECK: scf.for %{{.*}} = %{{.*}} to %c4 step
// CHECK: scf.for {{.*}} iter_args
// CHECK-COUNT-36: vector.fma
// CHECK-NOT: vector.fma
// CHECK: scf.yield
memref.global "private" constant @cw : memref<32x16x3x3xf32> = dense<0.5>
func.func @scheduled_filter_vectors(%x: memref<1x16x18x18xf32>, %c: memref<1x32x16x16xf32>) {
  %zero = arith.constant 0.0 : f32
  %w = memref.get_global @cw : memref<32x16x3x3xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<1x32x16x16xf32>)
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>,
                            mlc.schedule = {variant = 0 : i64, mr = 4 : i64, nv = 1 : i64, rows_outer = 0 : i64}}
      ins(%x, %w : memref<1x16x18x18xf32>, memref<32x16x3x3xf32>) outs(%c : memref<1x32x16x16xf32>)
  return
}

// -----

// A variant that does not apply (pointwise for a 3x3 window) is reported
// and the default used.
// CHECK-LABEL: func.func @inapplicable(
// CHECK-NOT: linalg.conv_2d_nchw_fchw
memref.global "private" constant @cw : memref<32x16x3x3xf32> = dense<0.5>
func.func @inapplicable(%x: memref<1x16x18x18xf32>, %c: memref<1x32x16x16xf32>) {
  %zero = arith.constant 0.0 : f32
  %w = memref.get_global @cw : memref<32x16x3x3xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<1x32x16x16xf32>)
  // expected-warning @+1 {{schedule variant 1 does not apply to this convolution; using the default schedule}}
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>,
                            mlc.schedule = {variant = 1 : i64}}
      ins(%x, %w : memref<1x16x18x18xf32>, memref<32x16x3x3xf32>) outs(%c : memref<1x32x16x16xf32>)
  return
}

// -----

// k unrolled by 4 (70 = 17 x 4 + 2: a loop of 17 iterations of 4 rank-1
// updates, then one of the 2 remaining steps) with 256-bit vectors on a
// 512-bit target: 2 x 2 tiles of vector<8xf32>.
// CHECK-LABEL: func.func @unrolled_ymm(
// CHECK: memref.get_global @__mlc_packed : memref<3x70x16xf32>
// CHECK: arith.divui %{{.*}}, %c4
// CHECK: scf.for {{.*}} iter_args
// CHECK-COUNT-16: vector.fma {{.*}} : vector<8xf32>
// CHECK-NOT: vector.fma
// CHECK: scf.yield
// CHECK: scf.for {{.*}} iter_args
// CHECK-COUNT-4: vector.fma {{.*}} : vector<8xf32>
// CHECK-NOT: vector.fma
// CHECK: scf.yield
memref.global "private" constant @w : memref<70x45xf32> = dense<1.0>
func.func @unrolled_ymm(%a: memref<2x70xf32>, %c: memref<2x45xf32>) {
  %zero = arith.constant 0.0 : f32
  %b = memref.get_global @w : memref<70x45xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<2x45xf32>)
  linalg.matmul {mlc.schedule = {mr = 2 : i64, nv = 2 : i64, ku = 4 : i64, vbits = 256 : i64}}
      ins(%a, %b : memref<2x70xf32>, memref<70x45xf32>) outs(%c : memref<2x45xf32>)
  return
}
