// RUN: mlc-opt %s --split-input-file --mlc-conv-kernels | FileCheck %s

// A 3x3 convolution on blocked activations (blocks of 16): weights packed
// at compile time as [F/32][C/16*3*3][16][32] (two filter blocks per tile
// with a window), tiles of 3 rows x 4 pixels x 2 blocks (24 accumulators)
// and then the last row; per reduction index (channel block, window
// position) one input offset, each pixel's 16 channels loaded at constant
// offsets from it (the input viewed as 1-D) and broadcast; each
// accumulator, one pixel's 16 channels, stored as one vector. The bias
// broadcast ([2][16]) starts the accumulators.
// CHECK-LABEL: func.func @window(
// CHECK: %[[W:.*]] = memref.get_global @__mlc_packed{{.*}} : memref<1x9x16x32xf32>
// CHECK: %[[WR:.*]] = memref.collapse_shape %[[W]] {{\[\[}}0], [1, 2], [3]] : memref<1x9x16x32xf32> into memref<1x144x32xf32>
// CHECK: %[[X:.*]] = memref.collapse_shape %arg0 {{\[\[}}0, 1, 2, 3, 4]] : memref<1x1x6x6x16xf32> into memref<576xf32>
// CHECK: scf.parallel
// CHECK-COUNT-24: vector.load %arg1[{{.*}}] : memref<2x16xf32>, vector<16xf32>
// CHECK: scf.for %{{.*}} = %{{.*}} to %c9{{.*}} step %{{.*}} iter_args
// CHECK: vector.load %[[WR]]
// CHECK: vector.load %[[WR]]
// CHECK: memref.load %[[X]]
// CHECK: vector.broadcast
// CHECK: vector.fma
// CHECK: scf.yield
// CHECK-COUNT-24: vector.store {{.*}}, %arg2[{{.*}}] : memref<1x2x4x4x16xf32>, vector<16xf32>
// CHECK: scf.parallel
// CHECK-COUNT-8: vector.store {{.*}}, %arg2[{{.*}}] : memref<1x2x4x4x16xf32>, vector<16xf32>
// CHECK-NOT: graph.conv2d_nchwc
// CHECK-NOT: linalg.broadcast
memref.global "private" constant @w : memref<32x16x3x3xf32> = dense<0.5>
func.func @window(%x: memref<1x1x6x6x16xf32>, %b: memref<2x16xf32>, %y: memref<1x2x4x4x16xf32>) {
  %w = memref.get_global @w : memref<32x16x3x3xf32>
  linalg.broadcast ins(%b : memref<2x16xf32>) outs(%y : memref<1x2x4x4x16xf32>) dimensions = [0, 2, 3]
  graph.conv2d_nchwc input(%x : memref<1x1x6x6x16xf32>) filter(%w : memref<32x16x3x3xf32>) init(%y : memref<1x2x4x4x16xf32>) {dilations = array<i64: 1, 1>, strides = array<i64: 1, 1>}
  return
}

// -----

// A 1x1 unit-stride convolution over flattened pixels (7x7 = 49: one
// filter block x 14 pixels three times, then 7), stored through the output
// viewed as [1][1][49][16]; the zero fill folded into the accumulators.
// CHECK-LABEL: func.func @pointwise(
// CHECK: memref.get_global @__mlc_packed{{.*}} : memref<1x2x16x16xf32>
// CHECK: %[[Y:.*]] = memref.collapse_shape %arg1 {{\[\[}}0], [1], [2, 3], [4]] : memref<1x1x7x7x16xf32> into memref<1x1x49x16xf32>
// CHECK: scf.parallel
// CHECK: scf.for %{{.*}} = %{{.*}} to %c2{{.*}} step %{{.*}} iter_args
// CHECK-COUNT-14: vector.store {{.*}}, %[[Y]]
// CHECK: scf.parallel
// CHECK-COUNT-7: vector.store {{.*}}, %[[Y]]
// CHECK-NOT: linalg.fill
memref.global "private" constant @w1 : memref<16x32x1x1xf32> = dense<0.25>
func.func @pointwise(%x: memref<1x2x7x7x16xf32>, %y: memref<1x1x7x7x16xf32>) {
  %w = memref.get_global @w1 : memref<16x32x1x1xf32>
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%y : memref<1x1x7x7x16xf32>)
  graph.conv2d_nchwc input(%x : memref<1x2x7x7x16xf32>) filter(%w : memref<16x32x1x1xf32>) init(%y : memref<1x1x7x7x16xf32>) {dilations = array<i64: 1, 1>, strides = array<i64: 1, 1>}
  return
}

// -----

// An NCHW input (3 channels: an RGB stem): one channel per reduction step,
// the weights [1][27][1][16]; 3 rows of 8 pixels, then 2. Without a
// folded initialization the output's values are loaded first.
// CHECK-LABEL: func.func @plain_input(
// CHECK: memref.get_global @__mlc_packed{{.*}} : memref<1x27x1x16xf32>
// CHECK: memref.collapse_shape %arg0 {{\[\[}}0, 1, 2, 3]] : memref<1x3x10x10xf32> into memref<300xf32>
// CHECK: scf.parallel
// CHECK-COUNT-24: vector.load %arg1
// CHECK: scf.for %{{.*}} = %{{.*}} to %c27{{.*}} step %{{.*}} iter_args
// CHECK-COUNT-24: vector.store {{.*}}, %arg1
// CHECK: scf.parallel
// CHECK-COUNT-16: vector.store {{.*}}, %arg1
// CHECK-NOT: graph.conv2d_nchwc
memref.global "private" constant @w2 : memref<16x3x3x3xf32> = dense<0.125>
func.func @plain_input(%x: memref<1x3x10x10xf32>, %y: memref<1x1x8x8x16xf32>) {
  %w = memref.get_global @w2 : memref<16x3x3x3xf32>
  graph.conv2d_nchwc input(%x : memref<1x3x10x10xf32>) filter(%w : memref<16x3x3x3xf32>) init(%y : memref<1x1x8x8x16xf32>) {dilations = array<i64: 1, 1>, strides = array<i64: 1, 1>}
  return
}

// -----

// An input that is a view of another buffer (the second channel block of
// a larger tensor) is copied into a fresh buffer first: the kernel reads
// its input as 1-D.
// CHECK-LABEL: func.func @view_input(
// CHECK: %[[V:.*]] = memref.subview %arg0
// CHECK: %[[COPY:.*]] = memref.alloc() {alignment = 64 : i64} : memref<1x1x6x6x16xf32>
// CHECK: memref.copy %[[V]], %[[COPY]]
// CHECK: memref.collapse_shape %[[COPY]] {{\[\[}}0, 1, 2, 3, 4]] : memref<1x1x6x6x16xf32> into memref<576xf32>
// CHECK: scf.parallel
memref.global "private" constant @w3 : memref<16x16x1x1xf32> = dense<0.5>
func.func @view_input(%x: memref<1x2x6x6x16xf32>, %y: memref<1x1x6x6x16xf32>) {
  %w = memref.get_global @w3 : memref<16x16x1x1xf32>
  %v = memref.subview %x[0, 1, 0, 0, 0] [1, 1, 6, 6, 16] [1, 1, 1, 1, 1] : memref<1x2x6x6x16xf32> to memref<1x1x6x6x16xf32, strided<[1152, 576, 96, 16, 1], offset: 576>>
  graph.conv2d_nchwc input(%v : memref<1x1x6x6x16xf32, strided<[1152, 576, 96, 16, 1], offset: 576>>) filter(%w : memref<16x16x1x1xf32>) init(%y : memref<1x1x6x6x16xf32>) {dilations = array<i64: 1, 1>, strides = array<i64: 1, 1>}
  return
}
