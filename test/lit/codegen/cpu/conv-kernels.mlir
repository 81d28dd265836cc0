// RUN: mlc-opt %s --split-input-file --mlc-conv-kernels | FileCheck %s
// RUN: mlc-opt %s --split-input-file --mlc-conv-kernels=force-packed=true | FileCheck %s --check-prefix=PACKED

// 3x3, unit stride, 62 output columns (the input is already padded to 64):
// direct segments of 2 vectors (32 columns): the first with plain loads,
// the second (its reads could pass the row) masked; weights
// packed at compile time as [ceil(10/8)][3*3*3][8].
// CHECK-LABEL: func.func @direct(
// CHECK: %[[W:.*]] = memref.get_global @__mlc_packed : memref<2x27x8xf32>
// CHECK: scf.parallel (%[[N:.*]], %[[OH:.*]], %[[SEG:.*]]) = (%c0{{.*}}, %c0{{.*}}, %c0{{.*}}) to (%c1{{.*}}, %c6{{.*}}, %c1{{.*}})
// CHECK: scf.for %[[F:.*]] = %c0{{.*}} to %c8{{.*}} step %c8
// CHECK: scf.for %[[C:.*]] = {{.*}} iter_args
// CHECK-COUNT-2: vector.load %arg0[%[[N]], %[[C]]
// CHECK: memref.load %[[W]]
// CHECK: vector.fma
// CHECK: scf.parallel {{.*}} to (%c1{{.*}}, %c6{{.*}}, %c2{{.*}})
// CHECK: vector.transfer_read %arg0
// CHECK-NOT: linalg.conv_2d
// PACKED-LABEL: func.func @direct(
// PACKED: scf.parallel (%{{.*}}, %{{.*}}) = {{.*}} to (%c1{{.*}}, %c12{{.*}})
// PACKED: %[[PANEL:.*]] = memref.alloca() {alignment = 64 : i64} : memref<27x32xf32>
// PACKED: arith.divui
// PACKED: memref.store %{{.*}}, %[[PANEL]]
// PACKED: scf.for {{.*}} iter_args
// PACKED: vector.load %[[PANEL]]
// PACKED: vector.fma
memref.global "private" constant @w : memref<10x3x3x3xf32> = dense<0.5>
func.func @direct(%x: memref<1x3x8x64xf32>, %y: memref<1x10x6x62xf32>) {
  %w = memref.get_global @w : memref<10x3x3x3xf32>
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : memref<1x3x8x64xf32>, memref<10x3x3x3xf32>) outs(%y : memref<1x10x6x62xf32>)
  return
}

// -----

// Stride 2: panels of flattened pixels gathered with the stride.
// CHECK-LABEL: func.func @strided(
// CHECK: memref.alloca() {alignment = 64 : i64} : memref<36x32xf32>
// CHECK: arith.muli %{{.*}}, %c2
// CHECK: vector.fma
memref.global "private" constant @w2 : memref<16x4x3x3xf32> = dense<0.25>
func.func @strided(%x: memref<1x4x9x9xf32>, %y: memref<1x16x4x4xf32>) {
  %w = memref.get_global @w2 : memref<16x4x3x3xf32>
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %w : memref<1x4x9x9xf32>, memref<16x4x3x3xf32>) outs(%y : memref<1x16x4x4xf32>)
  return
}

// -----

// Weights that are not a constant: left alone.
// CHECK-LABEL: func.func @runtime_weights(
// CHECK: linalg.conv_2d_nchw_fchw
func.func @runtime_weights(%x: memref<1x3x8x8xf32>, %w: memref<4x3x3x3xf32>, %y: memref<1x4x6x6xf32>) {
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : memref<1x3x8x8xf32>, memref<4x3x3x3xf32>) outs(%y : memref<1x4x6x6xf32>)
  return
}
