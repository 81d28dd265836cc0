// RUN: mlc-opt %s --one-shot-bufferize="bufferize-function-boundaries" | FileCheck %s

// graph.conv2d_nchwc accumulates onto its init, so bufferization treats the
// init as read: of two convolutions starting from one initial value, the
// first gets a copy of it (not an uninitialized buffer) and the second
// accumulates in place (not onto the first one's result).
// CHECK-LABEL: func.func @shared_init(
// CHECK-SAME: %[[X:[^:]*]]: memref<1x1x6x6x16xf32
// CHECK-SAME: %[[I:[^:]*]]: memref<1x1x4x4x16xf32
// CHECK: %[[A:.*]] = memref.alloc() {{.*}} : memref<1x1x4x4x16xf32>
// CHECK: memref.copy %[[I]], %[[A]]
// CHECK: graph.conv2d_nchwc input(%[[X]] {{.*}} init(%[[A]]
// CHECK: graph.conv2d_nchwc input(%[[X]] {{.*}} init(%[[I]]
// CHECK: return %[[A]], %[[I]]
func.func @shared_init(%x: tensor<1x1x6x6x16xf32>, %init: tensor<1x1x4x4x16xf32>) -> (tensor<1x1x4x4x16xf32>, tensor<1x1x4x4x16xf32>) {
  %w = arith.constant dense<0.5> : tensor<16x16x3x3xf32>
  %a = graph.conv2d_nchwc input(%x : tensor<1x1x6x6x16xf32>) filter(%w : tensor<16x16x3x3xf32>) init(%init : tensor<1x1x4x4x16xf32>) {dilations = array<i64: 1, 1>, strides = array<i64: 1, 1>} -> tensor<1x1x4x4x16xf32>
  %b = graph.conv2d_nchwc input(%x : tensor<1x1x6x6x16xf32>) filter(%w : tensor<16x16x3x3xf32>) init(%init : tensor<1x1x4x4x16xf32>) {dilations = array<i64: 1, 1>, strides = array<i64: 1, 1>} -> tensor<1x1x4x4x16xf32>
  return %a, %b : tensor<1x1x4x4x16xf32>, tensor<1x1x4x4x16xf32>
}
