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

// 16 filters fill a vector: filter-vector tiles. Pixels (stride 2, rows of
// 4 output pixels) are broadcast from the input, the packed filters
// [1][4*3*3][16] are the vectors; the 4 x 16 tile is transposed and stored
// as one 4-pixel vector per filter. The zero fill of the output is folded.
// CHECK-LABEL: func.func @strided(
// CHECK-NOT: linalg.fill
// CHECK: %[[W:.*]] = memref.get_global @__mlc_packed : memref<1x36x16xf32>
// The weights are small: output rows outside filter tiles, (n, oh, ft).
// CHECK: scf.parallel (%{{.*}}, %{{.*}}, %{{.*}}) = {{.*}} to (%c1{{.*}}, %c4{{.*}}, %c1{{.*}})
// CHECK: scf.for {{.*}} iter_args
// CHECK: vector.load %[[W]]
// CHECK: memref.load %arg0
// CHECK: vector.broadcast
// CHECK: vector.fma
// CHECK: vector.transpose
// CHECK-COUNT-16: vector.store {{.*}} : memref<1x16x4x4xf32>, vector<4xf32>
// CHECK-NOT: linalg.conv_2d
memref.global "private" constant @w2 : memref<16x4x3x3xf32> = dense<0.25>
func.func @strided(%x: memref<1x4x9x9xf32>, %y: memref<1x16x4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %w = memref.get_global @w2 : memref<16x4x3x3xf32>
  linalg.fill ins(%zero : f32) outs(%y : memref<1x16x4x4xf32>)
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %w : memref<1x4x9x9xf32>, memref<16x4x3x3xf32>) outs(%y : memref<1x16x4x4xf32>)
  return
}

// -----

// 56x56 = 3136 pixels: 98 panels of 32, in 6 groups of 16 (one parallel
// iteration each; every filter tile runs over its group's 16 panels), then
// the 2 panels left over one by one.
// CHECK-LABEL: func.func @pointwise_groups(
// CHECK: scf.parallel (%{{.*}}, %[[G:.*]]) = ({{.*}}) to (%c1, %c6)
// CHECK: %[[FIRST:.*]] = arith.muli %[[G]], %c512
// CHECK: scf.for %{{.*}} = %c0{{.*}} to %c64 step %c8
// CHECK: scf.for %[[P:.*]] = %c0{{.*}} to %c512{{.*}} step %c32
// CHECK: arith.addi %[[FIRST]], %[[P]]
// CHECK: vector.fma
// CHECK: scf.parallel (%{{.*}}, %{{.*}}) = ({{.*}}) to (%c1{{.*}}, %c2{{.*}})
memref.global "private" constant @w_groups : memref<64x16x1x1xf32> = dense<0.25>
func.func @pointwise_groups(%x: memref<1x16x56x56xf32>, %y: memref<1x64x56x56xf32>) {
  %zero = arith.constant 0.0 : f32
  %w = memref.get_global @w_groups : memref<64x16x1x1xf32>
  linalg.fill ins(%zero : f32) outs(%y : memref<1x64x56x56xf32>)
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : memref<1x16x56x56xf32>, memref<64x16x1x1xf32>) outs(%y : memref<1x64x56x56xf32>)
  return
}

// -----

// A pointwise convolution over 64 flattened pixels (two panels of 32) as a
// matmul: the bias broadcast starts the accumulators, the Relu consumer is
// applied before the store into its output; the intermediate buffer goes.
// CHECK-LABEL: func.func @pointwise_relu(
// CHECK-NOT: memref.alloc
// CHECK-DAG: %[[Y:.*]] = memref.collapse_shape %arg2 {{.*}} into memref<1x32x64xf32>
// CHECK-DAG: %[[X:.*]] = memref.collapse_shape %arg0 {{.*}} into memref<1x16x64xf32>
// CHECK: scf.parallel
// CHECK: memref.load %arg1
// CHECK: scf.for {{.*}} iter_args
// CHECK: vector.load %[[X]]
// CHECK: vector.fma
// CHECK: arith.maximumf {{.*}} : vector<16xf32>
// CHECK: vector.store {{.*}}, %[[Y]]
// CHECK-NOT: linalg.generic
memref.global "private" constant @w3 : memref<32x16x1x1xf32> = dense<0.5>
func.func @pointwise_relu(%x: memref<1x16x8x8xf32>, %b: memref<32xf32>, %y: memref<1x32x8x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %w = memref.get_global @w3 : memref<32x16x1x1xf32>
  %c = memref.alloc() {alignment = 64 : i64} : memref<1x32x8x8xf32>
  linalg.broadcast ins(%b : memref<32xf32>) outs(%c : memref<1x32x8x8xf32>) dimensions = [0, 2, 3]
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : memref<1x16x8x8xf32>, memref<32x16x1x1xf32>) outs(%c : memref<1x32x8x8xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c : memref<1x32x8x8xf32>) outs(%y : memref<1x32x8x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.maximumf %in, %zero : f32
    linalg.yield %r : f32
  }
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

// -----

// Conv (bias broadcast, Relu epilogue) then a 2x2 stride-2 max pool of the
// Relu's output: one kernel over (image, pooled row, 32-pixel segment)
// computing two output rows per tile (4 filters x 2 rows x 2 vectors),
// Relu on both, the vertical max, the even/odd deinterleave and its max,
// stored into the pool's output. The Relu's buffer, the pool and its -inf
// fill go.
// CHECK-LABEL: func.func @conv_relu_pool(
// CHECK-NOT: memref.alloc
// CHECK-NOT: linalg.fill
// CHECK: scf.parallel (%{{.*}}, %{{.*}}, %{{.*}}) = ({{.*}}) to (%c1{{.*}}, %c2{{.*}}, %c1{{.*}})
// CHECK-COUNT-16: vector.fma
// CHECK: arith.maximumf {{.*}} : vector<16xf32>
// CHECK: arith.maximumf {{.*}} fastmath<nnan,nsz> : vector<16xf32>
// CHECK: vector.shuffle {{.*}} [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30]
// CHECK: vector.shuffle {{.*}} [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31]
// CHECK: vector.store {{.*}}, %arg2[{{.*}}] : memref<1x8x2x16xf32>, vector<16xf32>
// CHECK-NOT: linalg.
memref.global "private" constant @w_pool : memref<8x3x3x3xf32> = dense<0.1>
func.func @conv_relu_pool(%x: memref<1x3x6x34xf32>, %b: memref<8xf32>, %p: memref<1x8x2x16xf32>) {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %w = memref.get_global @w_pool : memref<8x3x3x3xf32>
  %c = memref.alloc() {alignment = 64 : i64} : memref<1x8x4x32xf32>
  linalg.broadcast ins(%b : memref<8xf32>) outs(%c : memref<1x8x4x32xf32>) dimensions = [0, 2, 3]
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : memref<1x3x6x34xf32>, memref<8x3x3x3xf32>) outs(%c : memref<1x8x4x32xf32>)
  %r = memref.alloc() {alignment = 64 : i64} : memref<1x8x4x32xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c : memref<1x8x4x32xf32>) outs(%r : memref<1x8x4x32xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  }
  %win = memref.alloc() : memref<2x2xf32>
  linalg.fill ins(%ninf : f32) outs(%p : memref<1x8x2x16xf32>)
  linalg.pooling_nchw_max {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
    ins(%r, %win : memref<1x8x4x32xf32>, memref<2x2xf32>) outs(%p : memref<1x8x2x16xf32>)
  return
}
