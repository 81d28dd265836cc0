// RUN: mlc-opt %s --split-input-file --mlc-assign-arena | FileCheck %s

// Two temporaries that are never live together (a buffer lives from its
// alloc to its last use) share the arena; the third overlaps both lifetimes
// and gets its own place.
// CHECK: module attributes {mlc.arena_bytes = 512 : i64, mlc.buffer_bytes = 768 : i64, mlc.liveness_bytes = 512 : i64}
// CHECK-LABEL: func @reuse
// CHECK-SAME: %[[ARENA:[^:]*]]: memref<512xi8> {mlc.arena}
// CHECK-NOT: memref.alloc
// CHECK-DAG: memref.view %[[ARENA]][%{{.*}}][] : memref<512xi8> to memref<64xf32>
func.func @reuse(%in: memref<64xf32>, %out: memref<64xf32>) {
  %long = memref.alloc() : memref<64xf32>
  linalg.copy ins(%in : memref<64xf32>) outs(%long : memref<64xf32>)
  %a = memref.alloc() : memref<64xf32>
  linalg.copy ins(%in : memref<64xf32>) outs(%a : memref<64xf32>)
  linalg.copy ins(%a : memref<64xf32>) outs(%out : memref<64xf32>)
  %b = memref.alloc() : memref<64xf32>
  linalg.copy ins(%in : memref<64xf32>) outs(%b : memref<64xf32>)
  linalg.copy ins(%b : memref<64xf32>) outs(%out : memref<64xf32>)
  linalg.copy ins(%long : memref<64xf32>) outs(%out : memref<64xf32>)
  return
}

// -----

// A function without temporaries gets an empty arena.
// CHECK: mlc.arena_bytes = 0
// CHECK-LABEL: func @none
// CHECK-SAME: memref<0xi8> {mlc.arena}
func.func @none(%in: memref<4xf32>, %out: memref<4xf32>) {
  linalg.copy ins(%in : memref<4xf32>) outs(%out : memref<4xf32>)
  return
}
