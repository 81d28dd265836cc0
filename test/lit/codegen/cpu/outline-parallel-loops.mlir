// RUN: mlc-opt %s --split-input-file --mlc-outline-parallel-loops=min-work=1 | FileCheck %s
// RUN: mlc-opt %s --split-input-file --mlc-outline-parallel-loops | FileCheck %s --check-prefix=DEFAULT
// RUN: mlc-opt %s --split-input-file --mlc-outline-parallel-loops=min-work=1 -convert-scf-to-cf -finalize-memref-to-llvm -convert-arith-to-llvm -convert-func-to-llvm -convert-cf-to-llvm -reconcile-unrealized-casts | FileCheck %s --check-prefix=LLVM

// An elementwise loop: both dimensions collapse into [0, 2048); the memrefs
// travel as descriptors in a stack struct; the constant is cloned.

// CHECK-LABEL: func.func private @mlc_rt_parallel_for(!llvm.ptr, i64, (!llvm.ptr, i64, i64) -> (), !llvm.ptr)
// CHECK-LABEL: func.func @elementwise(
// CHECK-SAME:      %[[A:[^:]+]]: memref<64x32xf32>, %[[B:[^:]+]]: memref<64x32xf32>, %{{.*}}: memref<0xi8> {mlc.arena}, %[[CTX:[^:]+]]: !llvm.ptr {mlc.exec_ctx})
// CHECK:         %[[S:.+]] = llvm.alloca %{{.+}} x !llvm.struct<(struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>, struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>)>
// CHECK-NOT:     scf.parallel
// CHECK:         %[[DA:.+]] = builtin.unrealized_conversion_cast %[[A]] : memref<64x32xf32> to !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// CHECK:         %[[PA:.+]] = llvm.getelementptr %[[S]][0, 0]
// CHECK:         llvm.store %[[DA]], %[[PA]]
// CHECK:         %[[DB:.+]] = builtin.unrealized_conversion_cast %[[B]]
// CHECK:         %[[PB:.+]] = llvm.getelementptr %[[S]][0, 1]
// CHECK:         llvm.store %[[DB]], %[[PB]]
// CHECK:         %[[F:.+]] = constant @elementwise_par0 : (!llvm.ptr, i64, i64) -> ()
// CHECK:         %[[N:.+]] = arith.constant 2048 : i64
// CHECK:         call @mlc_rt_parallel_for(%[[CTX]], %[[N]], %[[F]], %[[S]])
// CHECK-LABEL: func.func private @elementwise_par0(
// CHECK-SAME:      %[[CAP:[^:]+]]: !llvm.ptr, %[[BEGIN:[^:]+]]: i64, %[[END:[^:]+]]: i64)
// CHECK-DAG:     %[[C32:.+]] = arith.constant 32 : index
// CHECK:         %[[LA:.+]] = llvm.load %{{.+}} : !llvm.ptr -> !llvm.struct
// CHECK:         %[[MA:.+]] = builtin.unrealized_conversion_cast %[[LA]] : {{.+}} to memref<64x32xf32>
// CHECK:         %[[MB:.+]] = builtin.unrealized_conversion_cast %{{.+}} to memref<64x32xf32>
// CHECK:         %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK:         %[[LO:.+]] = arith.index_cast %[[BEGIN]] : i64 to index
// CHECK:         %[[HI:.+]] = arith.index_cast %[[END]] : i64 to index
// CHECK:         scf.for %[[L:.+]] = %[[LO]] to %[[HI]]
// CHECK:           %[[J:.+]] = arith.remui %[[L]], %[[C32]]
// CHECK:           %[[I:.+]] = arith.divui %[[L]], %[[C32]]
// CHECK:           %[[X:.+]] = memref.load %[[MA]][%[[I]], %[[J]]]
// CHECK:           %[[Y:.+]] = arith.addf %[[X]], %[[ONE]]
// CHECK:           memref.store %[[Y]], %[[MB]][%[[I]], %[[J]]]

// Below the default min-work, the loop stays; the kernel still gets the
// context argument.
// DEFAULT-LABEL: func.func @elementwise(
// DEFAULT-SAME:      !llvm.ptr {mlc.exec_ctx}
// DEFAULT:         scf.parallel
// DEFAULT-NOT:     call @mlc_rt_parallel_for

// The casts cancel once memrefs are lowered: the body reads the descriptor.
// LLVM-LABEL: llvm.func @elementwise(
// LLVM:         llvm.call @mlc_rt_parallel_for
// LLVM-LABEL: llvm.func @elementwise_par0(
// LLVM-NOT:     unrealized_conversion_cast
// LLVM:         llvm.load %{{.+}} : !llvm.ptr -> !llvm.struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>
// LLVM-NOT:     unrealized_conversion_cast
// LLVM:         llvm.return
func.func @elementwise(%a: memref<64x32xf32>, %b: memref<64x32xf32>, %arena: memref<0xi8> {mlc.arena}) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  %c64 = arith.constant 64 : index
  %cst = arith.constant 1.0 : f32
  scf.parallel (%i, %j) = (%c0, %c0) to (%c64, %c32) step (%c1, %c1) {
    %x = memref.load %a[%i, %j] : memref<64x32xf32>
    %y = arith.addf %x, %cst : f32
    memref.store %y, %b[%i, %j] : memref<64x32xf32>
    scf.reduce
  }
  return
}

// -----

// A matmul: the first dimension alone gives 256 iterations or more, so it is
// the parallel space; j runs inside a chunk, the reduction k inside j.

// CHECK-LABEL: func.func @matmul(
// CHECK-SAME:      %[[CTX:[^:]+]]: !llvm.ptr {mlc.exec_ctx})
// CHECK:         %[[N:.+]] = arith.constant 512 : i64
// CHECK:         call @mlc_rt_parallel_for(%[[CTX]], %[[N]],
// CHECK-LABEL: func.func private @matmul_par0(
// CHECK-SAME:      %{{[^:]+}}: !llvm.ptr, %[[BEGIN:[^:]+]]: i64, %[[END:[^:]+]]: i64)
// CHECK:         %[[LO:.+]] = arith.index_cast %[[BEGIN]]
// CHECK:         %[[HI:.+]] = arith.index_cast %[[END]]
// CHECK:         scf.for %[[I:.+]] = %[[LO]] to %[[HI]]
// CHECK-NEXT:      scf.for %[[J:.+]] = %{{.+}} to %{{.+}} step
// CHECK-NEXT:        scf.for %[[K:.+]] = %{{.+}} to %{{.+}} step
// CHECK:               memref.store %{{.+}}, %{{.+}}[%[[I]], %[[J]]] : memref<512x64xf32>

// The default min-work (65536) is reached: 512 x 64 x 128 x 6 operations.
// DEFAULT-LABEL: func.func @matmul(
// DEFAULT:         call @mlc_rt_parallel_for
func.func @matmul(%a: memref<512x128xf32>, %b: memref<128x64xf32>, %c: memref<512x64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %c128 = arith.constant 128 : index
  %c512 = arith.constant 512 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%c512, %c64) step (%c1, %c1) {
    scf.for %k = %c0 to %c128 step %c1 {
      %x = memref.load %a[%i, %k] : memref<512x128xf32>
      %y = memref.load %b[%k, %j] : memref<128x64xf32>
      %z = memref.load %c[%i, %j] : memref<512x64xf32>
      %p = arith.mulf %x, %y : f32
      %s = arith.addf %z, %p : f32
      memref.store %s, %c[%i, %j] : memref<512x64xf32>
    }
    scf.reduce
  }
  return
}

// -----

// Bounds and steps that are not zero and one; index and float scalars are
// captured (index as i64); a global is cloned; a nested scf.parallel stays
// inside the body (it lowers to serial loops); the loop inside an scf.for
// gets its struct from the entry block.

// CHECK-LABEL: func.func @scalars(
// CHECK-SAME:      %[[M:[^:]+]]: memref<300x8xf32>, %[[OFF:[^:]+]]: index, %[[SCALE:[^:]+]]: f32, %[[CTX:[^:]+]]: !llvm.ptr {mlc.exec_ctx})
// CHECK:         %[[S:.+]] = llvm.alloca %{{.+}} x !llvm.struct<(i64, f32, struct<(ptr, ptr, i64, array<2 x i64>, array<2 x i64>)>)>
// CHECK:         scf.for
// CHECK:           %[[O64:.+]] = arith.index_cast %[[OFF]] : index to i64
// CHECK:           %[[P0:.+]] = llvm.getelementptr %[[S]][0, 0]
// CHECK:           llvm.store %[[O64]], %[[P0]] : i64, !llvm.ptr
// CHECK:           %[[P1:.+]] = llvm.getelementptr %[[S]][0, 1]
// CHECK:           llvm.store %[[SCALE]], %[[P1]] : f32, !llvm.ptr
// CHECK:           %[[DM:.+]] = builtin.unrealized_conversion_cast %[[M]]
// CHECK:           %[[P2:.+]] = llvm.getelementptr %[[S]][0, 2]
// CHECK:           llvm.store %[[DM]], %[[P2]]
// CHECK:           %[[N:.+]] = arith.constant 147 : i64
// CHECK:           call @mlc_rt_parallel_for(%[[CTX]], %[[N]], %{{.+}}, %[[S]])
// CHECK-LABEL: func.func private @scalars_par0(
// CHECK-DAG:     %[[C2:.+]] = arith.constant 2 : index
// CHECK-DAG:     %[[C3:.+]] = arith.constant 3 : index
// CHECK:         %[[L1:.+]] = llvm.load %{{.+}} : !llvm.ptr -> i64
// CHECK:         %[[OFF2:.+]] = arith.index_cast %[[L1]] : i64 to index
// CHECK:         %[[SCALE2:.+]] = llvm.load %{{.+}} : !llvm.ptr -> f32
// CHECK:         %[[G:.+]] = memref.get_global @table : memref<8xf32>
// CHECK:         scf.for %[[L:.+]] =
// CHECK:           %[[T:.+]] = arith.muli %[[L]], %[[C2]]
// CHECK:           %[[I:.+]] = arith.addi %[[T]], %[[C3]]
// CHECK:           scf.parallel (%[[J:.+]]) =
// CHECK:             memref.load %[[G]][%[[J]]]
// CHECK:             arith.addi %[[I]], %[[OFF2]]
// CHECK:             arith.mulf %{{.+}}, %[[SCALE2]]
memref.global "private" constant @table : memref<8xf32> = dense<1.0>
func.func @scalars(%m: memref<300x8xf32>, %off: index, %scale: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %c296 = arith.constant 296 : index
  %g = memref.get_global @table : memref<8xf32>
  scf.for %r = %c0 to %c4 step %c1 {
    scf.parallel (%i) = (%c3) to (%c296) step (%c2) {
      scf.parallel (%j) = (%c0) to (%c8) step (%c1) {
        %t = memref.load %g[%j] : memref<8xf32>
        %ii = arith.addi %i, %off : index
        %s = arith.mulf %t, %scale : f32
        memref.store %s, %m[%ii, %j] : memref<300x8xf32>
        scf.reduce
      }
      scf.reduce
    }
  }
  return
}

// -----

// Not outlined: a loop with a reduction result, a loop with dynamic bounds,
// a loop in a private function. An existing context argument is kept.

// CHECK-LABEL: func.func @stays(
// CHECK-SAME:      %{{[^:]+}}: !llvm.ptr {mlc.exec_ctx}, %{{[^:]+}}: memref<?xf32>)
// CHECK-NOT:     mlc_rt_parallel_for
// CHECK:         scf.parallel
// CHECK:         scf.parallel
// CHECK-NOT:     mlc_rt_parallel_for
// CHECK-LABEL: func.func private @helper(
// CHECK-SAME:      %{{[^:]+}}: memref<64xf32>)
// CHECK:         scf.parallel
func.func @stays(%ctx: !llvm.ptr {mlc.exec_ctx}, %d: memref<?xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  %sum = scf.parallel (%i) = (%c0) to (%c64) step (%c1) init (%zero) -> f32 {
    %one = arith.constant 1.0 : f32
    scf.reduce(%one : f32) {
    ^bb0(%x: f32, %y: f32):
      %r = arith.addf %x, %y : f32
      scf.reduce.return %r : f32
    }
  }
  %n = memref.dim %d, %c0 : memref<?xf32>
  scf.parallel (%i) = (%c0) to (%n) step (%c1) {
    memref.store %zero, %d[%i] : memref<?xf32>
    scf.reduce
  }
  return %sum : f32
}
func.func private @helper(%a: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%i) = (%c0) to (%c64) step (%c1) {
    memref.store %zero, %a[%i] : memref<64xf32>
    scf.reduce
  }
  return
}
