// RUN: mlc-opt %s --split-input-file --mlc-forward-copies | FileCheck %s

// A Relu whose result is copied into the interior of a zero-padded buffer
// writes the interior directly; the pad's allocation, fill and view move
// before it; the copy and the Relu's own buffer go. The fill then covers
// only the border: the columns as pairs (column 9 of row r and column 0 of
// row r + 1 are adjacent, r = 0..8: one strided view), rows 0 and 9.
// CHECK-LABEL: func.func @pad_interior(
// CHECK: %[[P:.*]] = memref.alloc() {{.*}} : memref<1x4x10x10xf32>
// CHECK: %[[PAIRS:.*]] = memref.reinterpret_cast %[[P]] to offset: [9], sizes: [1, 4, 9, 2], strides: [400, 100, 10, 1]
// CHECK: linalg.fill {{.*}} outs(%[[PAIRS]]
// CHECK: %[[TOP:.*]] = memref.subview %[[P]][0, 0, 0, 0] [1, 4, 1, 10]
// CHECK: linalg.fill {{.*}} outs(%[[TOP]]
// CHECK: %[[BOTTOM:.*]] = memref.subview %[[P]][0, 0, 9, 0] [1, 4, 1, 10]
// CHECK: linalg.fill {{.*}} outs(%[[BOTTOM]]
// CHECK-NOT: linalg.fill
// CHECK: %[[IN:.*]] = memref.subview %[[P]][0, 0, 1, 1] [1, 4, 8, 8]
// CHECK: linalg.generic {{.*}} ins(%arg0 : memref<1x4x8x8xf32>) outs(%[[IN]] :
// CHECK: arith.maximumf
// CHECK-NOT: memref.copy
// CHECK: linalg.generic {{.*}} ins(%[[P]]
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @pad_interior(%x: memref<1x4x8x8xf32>, %y: memref<1x4x10x10xf32>) {
  %zero = arith.constant 0.0 : f32
  %d = memref.alloc() {alignment = 64 : i64} : memref<1x4x8x8xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x : memref<1x4x8x8xf32>) outs(%d : memref<1x4x8x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.maximumf %in, %zero : f32
    linalg.yield %r : f32
  }
  %p = memref.alloc() {alignment = 64 : i64} : memref<1x4x10x10xf32>
  linalg.fill ins(%zero : f32) outs(%p : memref<1x4x10x10xf32>)
  %interior = memref.subview %p[0, 0, 1, 1] [1, 4, 8, 8] [1, 1, 1, 1] : memref<1x4x10x10xf32> to memref<1x4x8x8xf32, strided<[400, 100, 10, 1], offset: 11>>
  memref.copy %d, %interior : memref<1x4x8x8xf32> to memref<1x4x8x8xf32, strided<[400, 100, 10, 1], offset: 11>>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%p : memref<1x4x10x10xf32>) outs(%y : memref<1x4x10x10xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  return
}

// -----

// The source is read again after the copy: kept.
// CHECK-LABEL: func.func @source_read_again(
// CHECK: memref.copy
func.func @source_read_again(%x: memref<8xf32>, %t: memref<8xf32>, %u: memref<8xf32>) {
  %d = memref.alloc() : memref<8xf32>
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      ins(%x : memref<8xf32>) outs(%d : memref<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.addf %in, %in : f32
    linalg.yield %r : f32
  }
  memref.copy %d, %t : memref<8xf32> to memref<8xf32>
  memref.copy %d, %u : memref<8xf32> to memref<8xf32>
  return
}
