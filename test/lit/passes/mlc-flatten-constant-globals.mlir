// RUN: mlc-opt %s --split-input-file --mlc-flatten-constant-globals | FileCheck %s

// A 2-D dense constant becomes 1-D; each use views it in its shape.
// CHECK-LABEL: module
// CHECK: memref.global "private" constant @w : memref<6xf32> = dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 5.000000e+00, 6.000000e+00]> {alignment = 64 : i64}
// CHECK-LABEL: func @use
// CHECK: %[[FLAT:.*]] = memref.get_global @w : memref<6xf32>
// CHECK: %[[W:.*]] = memref.expand_shape %[[FLAT]] {{\[}}[0, 1]] output_shape [2, 3] : memref<6xf32> into memref<2x3xf32>
// CHECK: memref.load %[[W]]
module {
  memref.global "private" constant @w : memref<2x3xf32> = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> {alignment = 64 : i64}
  func.func @use(%i: index, %j: index) -> f32 {
    %w = memref.get_global @w : memref<2x3xf32>
    %v = memref.load %w[%i, %j] : memref<2x3xf32>
    return %v : f32
  }
}

// -----

// A dense resource keeps its blob under the 1-D type; a splat stays a splat.
// CHECK-LABEL: module
// CHECK: memref.global "private" constant @r : memref<4xf32> = dense_resource<blob>
// CHECK: memref.global "private" constant @s : memref<8xf32> = dense<2.000000e+00>
// CHECK-LABEL: func @uses
// CHECK: memref.get_global @r : memref<4xf32>
// CHECK: memref.expand_shape {{.*}} output_shape [1, 2, 2] : memref<4xf32> into memref<1x2x2xf32>
// CHECK: memref.get_global @s : memref<8xf32>
// CHECK: memref.expand_shape {{.*}} output_shape [2, 4] : memref<8xf32> into memref<2x4xf32>
module {
  memref.global "private" constant @r : memref<1x2x2xf32> = dense_resource<blob>
  memref.global "private" constant @s : memref<2x4xf32> = dense<2.0>
  func.func @uses() -> (memref<1x2x2xf32>, memref<2x4xf32>) {
    %r = memref.get_global @r : memref<1x2x2xf32>
    %s = memref.get_global @s : memref<2x4xf32>
    return %r, %s : memref<1x2x2xf32>, memref<2x4xf32>
  }
}
{-#
  dialect_resources: {
    builtin: {
      blob: "0x04000000000000000000803F0000004000004040"
    }
  }
#-}

// -----

// Vectors, mutable globals and globals without a value are left alone.
// CHECK-LABEL: module
// CHECK: memref.global "private" constant @v : memref<3xf32>
// CHECK: memref.global "private" @m : memref<2x2xf32> = dense<0.000000e+00>
// CHECK: memref.global "private" @u : memref<2x2xf32> = uninitialized
// CHECK-NOT: expand_shape
module {
  memref.global "private" constant @v : memref<3xf32> = dense<1.0>
  memref.global "private" @m : memref<2x2xf32> = dense<0.0>
  memref.global "private" @u : memref<2x2xf32> = uninitialized
  func.func @uses() -> (memref<3xf32>, memref<2x2xf32>) {
    %v = memref.get_global @v : memref<3xf32>
    %m = memref.get_global @m : memref<2x2xf32>
    return %v, %m : memref<3xf32>, memref<2x2xf32>
  }
}
