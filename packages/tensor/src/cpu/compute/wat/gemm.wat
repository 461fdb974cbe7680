;; Single-precision GEMM driver: C = alpha * op(A) . op(B) + beta * C, batched.
;;
;; This fragment is shared by the plain-SIMD and the relaxed-SIMD modules; the micro-kernel
;; `$kernel` comes from gemm-kernel-simd.wat or gemm-kernel-relaxed-simd.wat.
;;
;; Conventions: every pointer is a byte address in the shared memory, every stride and leading
;; dimension is counted in float32 elements. op(A) is m x k with op(A)[i][p] = A[i*rsA + p*csA],
;; op(B) is k x n with op(B)[p][j] = B[p*rsB + j*csB] (a transpose swaps the two strides), C is
;; m x n with C[i][j] = C[i*ldc + j].
;;
;; Blocking (after Goto and BLIS): C is cut into work items of mcBlock rows x ncBlock columns.
;; For an item, op(B)'s columns are packed for the whole depth into 8-column panels (a "slab",
;; kept while the thread's next item uses the same columns), then for each depth block of
;; kcBlock the item's rows of op(A) are packed into 4-row panels and 4x8 micro-tiles are
;; computed, column panel by column panel (the kc x 8 panel of B stays in L1 while the A block
;; streams from L2). Packed panels are zero-padded to full 4 rows / 8 columns, so the
;; micro-kernel always runs a full tile and only its store is partial at the edges.

;; Takes four rows x0..x3 of 4 floats, transposes them, and stores column q of the input
;; (x0[q], x1[q], x2[q], x3[q]) at dst + q*step.
(func $transposeStore
  (param $x0 v128) (param $x1 v128) (param $x2 v128) (param $x3 v128)
  (param $dst i32) (param $step i32)
  (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
  ;; t0 = x0[0] x1[0] x0[1] x1[1]    t1 = x0[2] x1[2] x0[3] x1[3]
  (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
    (local.get $x0) (local.get $x1)))
  (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
    (local.get $x0) (local.get $x1)))
  ;; t2 = x2[0] x3[0] x2[1] x3[1]    t3 = x2[2] x3[2] x2[3] x3[3]
  (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
    (local.get $x2) (local.get $x3)))
  (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
    (local.get $x2) (local.get $x3)))
  (v128.store (local.get $dst)
    (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
  (local.set $dst (i32.add (local.get $dst) (local.get $step)))
  (v128.store (local.get $dst)
    (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
  (local.set $dst (i32.add (local.get $dst) (local.get $step)))
  (v128.store (local.get $dst)
    (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
  (local.set $dst (i32.add (local.get $dst) (local.get $step)))
  (v128.store (local.get $dst)
    (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3))))

;; Packs the mc x kc block of op(A) at src (op(A)[i][p] = src[i*rs + p*cs]) into 4-row panels
;; at dst: panel q holds, for each p < kc, the 4 floats op(A)[4q + r][p] (r < 4), with zeros
;; for rows at or past mc.
(func $packA
  (param $src i32) (param $rs i32) (param $cs i32) (param $mc i32) (param $kc i32) (param $dst i32)
  (local $rsb i32) (local $csb i32) (local $i i32) (local $rows i32) (local $p i32) (local $r i32)
  (local $kc4 i32) (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
  (local $offset i32)
  (local.set $rsb (i32.shl (local.get $rs) (i32.const 2)))
  (local.set $csb (i32.shl (local.get $cs) (i32.const 2)))
  (local.set $kc4 (i32.and (local.get $kc) (i32.const -4)))
  (loop $panels
    (local.set $rows (i32.sub (local.get $mc) (local.get $i)))
    (local.set $r0 (i32.add (local.get $src) (i32.mul (local.get $i) (local.get $rsb))))
    (local.set $r1 (i32.add (local.get $r0) (local.get $rsb)))
    (local.set $r2 (i32.add (local.get $r1) (local.get $rsb)))
    (local.set $r3 (i32.add (local.get $r2) (local.get $rsb)))
    (local.set $p (i32.const 0))
    (if (i32.and (i32.ge_u (local.get $rows) (i32.const 4)) (i32.eq (local.get $cs) (i32.const 1)))
      (then
        ;; Rows are contiguous along p: transpose 4x4 blocks.
        (if (local.get $kc4)
          (then
            (loop $blocks
              (local.set $offset (i32.shl (local.get $p) (i32.const 2)))
              (call $transposeStore
                (v128.load (i32.add (local.get $r0) (local.get $offset)))
                (v128.load (i32.add (local.get $r1) (local.get $offset)))
                (v128.load (i32.add (local.get $r2) (local.get $offset)))
                (v128.load (i32.add (local.get $r3) (local.get $offset)))
                (local.get $dst) (i32.const 16))
              (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
              (local.set $p (i32.add (local.get $p) (i32.const 4)))
              (br_if $blocks (i32.lt_u (local.get $p) (local.get $kc4))))))
        (block $done
          (loop $rest
            (br_if $done (i32.ge_u (local.get $p) (local.get $kc)))
            (local.set $offset (i32.shl (local.get $p) (i32.const 2)))
            (f32.store offset=0 (local.get $dst) (f32.load (i32.add (local.get $r0) (local.get $offset))))
            (f32.store offset=4 (local.get $dst) (f32.load (i32.add (local.get $r1) (local.get $offset))))
            (f32.store offset=8 (local.get $dst) (f32.load (i32.add (local.get $r2) (local.get $offset))))
            (f32.store offset=12 (local.get $dst) (f32.load (i32.add (local.get $r3) (local.get $offset))))
            (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $rest))))
      (else
        (if (i32.and (i32.ge_u (local.get $rows) (i32.const 4)) (i32.eq (local.get $rs) (i32.const 1)))
          (then
            ;; Columns are contiguous along i (op(A) is a transposed A): copy 4 floats per p.
            (loop $columns
              (v128.store (local.get $dst) (v128.load (local.get $r0)))
              (local.set $r0 (i32.add (local.get $r0) (local.get $csb)))
              (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br_if $columns (i32.lt_u (local.get $p) (local.get $kc)))))
          (else
            ;; Any strides, or fewer than 4 rows left: element by element, zero-padded.
            (loop $steps
              (local.set $r (i32.const 0))
              (loop $lanes
                (f32.store (local.get $dst)
                  (if (result f32) (i32.lt_u (local.get $r) (local.get $rows))
                    (then (f32.load (i32.add
                      (local.get $src)
                      (i32.shl
                        (i32.add
                          (i32.mul (i32.add (local.get $i) (local.get $r)) (local.get $rs))
                          (i32.mul (local.get $p) (local.get $cs)))
                        (i32.const 2)))))
                    (else (f32.const 0))))
                (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br_if $lanes (i32.lt_u (local.get $r) (i32.const 4))))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br_if $steps (i32.lt_u (local.get $p) (local.get $kc))))))))
    (local.set $i (i32.add (local.get $i) (i32.const 4)))
    (br_if $panels (i32.lt_u (local.get $i) (local.get $mc)))))

;; Packs the kc x nc block of op(B) at src (op(B)[p][j] = src[p*rs + j*cs]) into 8-column
;; panels at dst: panel q holds, for each p < kc, the 8 floats op(B)[p][8q + t] (t < 8), with
;; zeros for columns at or past nc.
(func $packB
  (param $src i32) (param $rs i32) (param $cs i32) (param $kc i32) (param $nc i32) (param $dst i32)
  (local $rsb i32) (local $csb i32) (local $j i32) (local $cols i32) (local $p i32) (local $t i32)
  (local $kc4 i32) (local $row i32) (local $offset i32)
  (local $q0 i32) (local $q1 i32) (local $q2 i32) (local $q3 i32)
  (local $q4 i32) (local $q5 i32) (local $q6 i32) (local $q7 i32)
  (local.set $rsb (i32.shl (local.get $rs) (i32.const 2)))
  (local.set $csb (i32.shl (local.get $cs) (i32.const 2)))
  (local.set $kc4 (i32.and (local.get $kc) (i32.const -4)))
  (loop $panels
    (local.set $cols (i32.sub (local.get $nc) (local.get $j)))
    (local.set $q0 (i32.add (local.get $src) (i32.mul (local.get $j) (local.get $csb))))
    (local.set $p (i32.const 0))
    (if (i32.and (i32.ge_u (local.get $cols) (i32.const 8)) (i32.eq (local.get $cs) (i32.const 1)))
      (then
        ;; Rows of op(B) are contiguous: copy 8 floats per p.
        (local.set $row (local.get $q0))
        (loop $rows
          (v128.store offset=0 (local.get $dst) (v128.load offset=0 (local.get $row)))
          (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $row)))
          (local.set $row (i32.add (local.get $row) (local.get $rsb)))
          (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br_if $rows (i32.lt_u (local.get $p) (local.get $kc)))))
      (else
        (if (i32.and (i32.ge_u (local.get $cols) (i32.const 8)) (i32.eq (local.get $rs) (i32.const 1)))
          (then
            ;; Columns of op(B) are contiguous (op(B) is a transposed B): transpose 4x4 blocks.
            (local.set $q1 (i32.add (local.get $q0) (local.get $csb)))
            (local.set $q2 (i32.add (local.get $q1) (local.get $csb)))
            (local.set $q3 (i32.add (local.get $q2) (local.get $csb)))
            (local.set $q4 (i32.add (local.get $q3) (local.get $csb)))
            (local.set $q5 (i32.add (local.get $q4) (local.get $csb)))
            (local.set $q6 (i32.add (local.get $q5) (local.get $csb)))
            (local.set $q7 (i32.add (local.get $q6) (local.get $csb)))
            (if (local.get $kc4)
              (then
                (loop $blocks
                  (local.set $offset (i32.shl (local.get $p) (i32.const 2)))
                  (call $transposeStore
                    (v128.load (i32.add (local.get $q0) (local.get $offset)))
                    (v128.load (i32.add (local.get $q1) (local.get $offset)))
                    (v128.load (i32.add (local.get $q2) (local.get $offset)))
                    (v128.load (i32.add (local.get $q3) (local.get $offset)))
                    (local.get $dst) (i32.const 32))
                  (call $transposeStore
                    (v128.load (i32.add (local.get $q4) (local.get $offset)))
                    (v128.load (i32.add (local.get $q5) (local.get $offset)))
                    (v128.load (i32.add (local.get $q6) (local.get $offset)))
                    (v128.load (i32.add (local.get $q7) (local.get $offset)))
                    (i32.add (local.get $dst) (i32.const 16)) (i32.const 32))
                  (local.set $dst (i32.add (local.get $dst) (i32.const 128)))
                  (local.set $p (i32.add (local.get $p) (i32.const 4)))
                  (br_if $blocks (i32.lt_u (local.get $p) (local.get $kc4))))))
            (block $done
              (loop $rest
                (br_if $done (i32.ge_u (local.get $p) (local.get $kc)))
                (local.set $offset (i32.shl (local.get $p) (i32.const 2)))
                (f32.store offset=0 (local.get $dst) (f32.load (i32.add (local.get $q0) (local.get $offset))))
                (f32.store offset=4 (local.get $dst) (f32.load (i32.add (local.get $q1) (local.get $offset))))
                (f32.store offset=8 (local.get $dst) (f32.load (i32.add (local.get $q2) (local.get $offset))))
                (f32.store offset=12 (local.get $dst) (f32.load (i32.add (local.get $q3) (local.get $offset))))
                (f32.store offset=16 (local.get $dst) (f32.load (i32.add (local.get $q4) (local.get $offset))))
                (f32.store offset=20 (local.get $dst) (f32.load (i32.add (local.get $q5) (local.get $offset))))
                (f32.store offset=24 (local.get $dst) (f32.load (i32.add (local.get $q6) (local.get $offset))))
                (f32.store offset=28 (local.get $dst) (f32.load (i32.add (local.get $q7) (local.get $offset))))
                (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $rest))))
          (else
            ;; Any strides, or fewer than 8 columns left: element by element, zero-padded.
            (loop $steps
              (local.set $t (i32.const 0))
              (loop $lanes
                (f32.store (local.get $dst)
                  (if (result f32) (i32.lt_u (local.get $t) (local.get $cols))
                    (then (f32.load (i32.add
                      (local.get $src)
                      (i32.shl
                        (i32.add
                          (i32.mul (local.get $p) (local.get $rs))
                          (i32.mul (i32.add (local.get $j) (local.get $t)) (local.get $cs)))
                        (i32.const 2)))))
                    (else (f32.const 0))))
                (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br_if $lanes (i32.lt_u (local.get $t) (i32.const 8))))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br_if $steps (i32.lt_u (local.get $p) (local.get $kc))))))))
    (local.set $j (i32.add (local.get $j) (i32.const 8)))
    (br_if $panels (i32.lt_u (local.get $j) (local.get $nc)))))

;; Stores a 4x8 tile of accumulators (rows c0x, columns 0..3 in cx0 and 4..7 in cx1) into C:
;; C[i][j] = alpha * acc[i][j] + beta * C[i][j] for i < mr, j < nr; C is not read when
;; beta == 0, so NaN or garbage there is overwritten. c is the byte address of C[0][0], ldc the
;; bytes between rows; tile is 128 bytes of scratch for partial tiles.
(func $storeTile
  (param $c i32) (param $ldc i32) (param $mr i32) (param $nr i32)
  (param $alpha f32) (param $beta f32) (param $tile i32)
  (param $c00 v128) (param $c01 v128) (param $c10 v128) (param $c11 v128)
  (param $c20 v128) (param $c21 v128) (param $c30 v128) (param $c31 v128)
  (local $va v128) (local $vb v128) (local $i i32) (local $j i32) (local $row i32)
  (local $source i32) (local $value f32)
  (local.set $va (f32x4.splat (local.get $alpha)))
  (local.set $c00 (f32x4.mul (local.get $c00) (local.get $va)))
  (local.set $c01 (f32x4.mul (local.get $c01) (local.get $va)))
  (local.set $c10 (f32x4.mul (local.get $c10) (local.get $va)))
  (local.set $c11 (f32x4.mul (local.get $c11) (local.get $va)))
  (local.set $c20 (f32x4.mul (local.get $c20) (local.get $va)))
  (local.set $c21 (f32x4.mul (local.get $c21) (local.get $va)))
  (local.set $c30 (f32x4.mul (local.get $c30) (local.get $va)))
  (local.set $c31 (f32x4.mul (local.get $c31) (local.get $va)))
  (if (i32.and (i32.eq (local.get $mr) (i32.const 4)) (i32.eq (local.get $nr) (i32.const 8)))
    (then
      (if (f32.ne (local.get $beta) (f32.const 0))
        (then
          (local.set $vb (f32x4.splat (local.get $beta)))
          (local.set $row (local.get $c))
          (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $vb) (v128.load offset=0 (local.get $row)))))
          (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $vb) (v128.load offset=16 (local.get $row)))))
          (local.set $row (i32.add (local.get $row) (local.get $ldc)))
          (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $vb) (v128.load offset=0 (local.get $row)))))
          (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $vb) (v128.load offset=16 (local.get $row)))))
          (local.set $row (i32.add (local.get $row) (local.get $ldc)))
          (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $vb) (v128.load offset=0 (local.get $row)))))
          (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $vb) (v128.load offset=16 (local.get $row)))))
          (local.set $row (i32.add (local.get $row) (local.get $ldc)))
          (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $vb) (v128.load offset=0 (local.get $row)))))
          (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $vb) (v128.load offset=16 (local.get $row)))))))
      (local.set $row (local.get $c))
      (v128.store offset=0 (local.get $row) (local.get $c00))
      (v128.store offset=16 (local.get $row) (local.get $c01))
      (local.set $row (i32.add (local.get $row) (local.get $ldc)))
      (v128.store offset=0 (local.get $row) (local.get $c10))
      (v128.store offset=16 (local.get $row) (local.get $c11))
      (local.set $row (i32.add (local.get $row) (local.get $ldc)))
      (v128.store offset=0 (local.get $row) (local.get $c20))
      (v128.store offset=16 (local.get $row) (local.get $c21))
      (local.set $row (i32.add (local.get $row) (local.get $ldc)))
      (v128.store offset=0 (local.get $row) (local.get $c30))
      (v128.store offset=16 (local.get $row) (local.get $c31))
      (return)))
  ;; Partial tile: park the scaled accumulators in scratch and store element by element.
  (v128.store offset=0 (local.get $tile) (local.get $c00))
  (v128.store offset=16 (local.get $tile) (local.get $c01))
  (v128.store offset=32 (local.get $tile) (local.get $c10))
  (v128.store offset=48 (local.get $tile) (local.get $c11))
  (v128.store offset=64 (local.get $tile) (local.get $c20))
  (v128.store offset=80 (local.get $tile) (local.get $c21))
  (v128.store offset=96 (local.get $tile) (local.get $c30))
  (v128.store offset=112 (local.get $tile) (local.get $c31))
  (local.set $row (local.get $c))
  (local.set $source (local.get $tile))
  (loop $rows
    (local.set $j (i32.const 0))
    (loop $columns
      (local.set $value (f32.load (i32.add (local.get $source) (i32.shl (local.get $j) (i32.const 2)))))
      (if (f32.ne (local.get $beta) (f32.const 0))
        (then
          (local.set $value (f32.add (local.get $value) (f32.mul (local.get $beta)
            (f32.load (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 2)))))))))
      (f32.store (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 2))) (local.get $value))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br_if $columns (i32.lt_u (local.get $j) (local.get $nr))))
    (local.set $row (i32.add (local.get $row) (local.get $ldc)))
    (local.set $source (i32.add (local.get $source) (i32.const 32)))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $rows (i32.lt_u (local.get $i) (local.get $mr)))))

;; C = beta * C for an m x n matrix at c with row stride ldc (elements); beta == 0 writes zeros
;; without reading C. Used when k == 0.
(func $scaleC (param $c i32) (param $m i32) (param $n i32) (param $ldc i32) (param $beta f32)
  (local $i i32) (local $j i32) (local $address i32)
  (loop $rows
    (local.set $j (i32.const 0))
    (loop $columns
      (local.set $address (i32.add (local.get $c)
        (i32.shl (i32.add (i32.mul (local.get $i) (local.get $ldc)) (local.get $j)) (i32.const 2))))
      (f32.store (local.get $address)
        (if (result f32) (f32.eq (local.get $beta) (f32.const 0))
          (then (f32.const 0))
          (else (f32.mul (local.get $beta) (f32.load (local.get $address))))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br_if $columns (i32.lt_u (local.get $j) (local.get $n))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $rows (i32.lt_u (local.get $i) (local.get $m)))))

;; Smaller of two unsigned i32.
(func $min (param $x i32) (param $y i32) (result i32)
  (select (local.get $x) (local.get $y) (i32.lt_u (local.get $x) (local.get $y))))

;; Batched GEMM: for t < batch,
;;   C_t = alpha * op(A_t) . op(B_t) + beta * C_t
;; with A_t = a + t*strideA, B_t = b + t*strideB, C_t = c + t*strideC (strides in elements; a
;; stride of 0 broadcasts that operand).
;;
;; The work is cut into items: (batch t, column block of ncBlock columns, row block of mcBlock
;; rows), numbered batch-major, then column block, then row block. Every thread that calls this
;; function with the same arguments (and its own scratch) takes items from the shared counter at
;; byte address `counter` (an i32 the caller sets to 0 beforehand) with an atomic add until none
;; are left, so a thread that runs late or slow simply takes fewer items. Each item writes its
;; own part of C: all depth blocks of its rows and columns, in order.
;;
;; scratch, private to the calling thread: 256 bytes of tile, then the packed A block
;; (4*mcBlock*kcBlock bytes), then the packed B slab of the current column block for the whole
;; depth (4*k*ncBlock bytes, ncBlock rounded up to 8). mcBlock is a multiple of 4, ncBlock of 8.
(func (export "gemm")
  (param $a i32) (param $b i32) (param $c i32)
  (param $m i32) (param $n i32) (param $k i32)
  (param $rsA i32) (param $csA i32) (param $rsB i32) (param $csB i32) (param $ldc i32)
  (param $batch i32) (param $strideA i32) (param $strideB i32) (param $strideC i32)
  (param $alpha f32) (param $beta f32)
  (param $scratch i32) (param $mcBlock i32) (param $kcBlock i32) (param $ncBlock i32)
  (param $counter i32)
  (local $tile i32) (local $packedA i32) (local $packedB i32) (local $ldcBytes i32)
  (local $rowBlocks i32) (local $columnBlocks i32) (local $itemsPerBatch i32) (local $items i32)
  (local $item i32) (local $rest i32) (local $index i32) (local $key i32) (local $packedKey i32)
  (local $aBatch i32) (local $bBatch i32) (local $cBatch i32) (local $cBlock i32) (local $slab i32)
  (local $jc i32) (local $nc i32) (local $pc i32) (local $kc i32) (local $ic i32) (local $mc i32)
  (local $jr i32) (local $ir i32) (local $betaBlock f32)
  (if (i32.or (i32.or (i32.eqz (local.get $m)) (i32.eqz (local.get $n))) (i32.eqz (local.get $batch)))
    (then (return)))
  (local.set $tile (local.get $scratch))
  (local.set $packedA (i32.add (local.get $scratch) (i32.const 256)))
  (local.set $packedB (i32.add (local.get $packedA)
    (i32.shl (i32.mul (local.get $mcBlock) (local.get $kcBlock)) (i32.const 2))))
  (local.set $ldcBytes (i32.shl (local.get $ldc) (i32.const 2)))
  (local.set $rowBlocks (i32.div_u
    (i32.add (local.get $m) (i32.sub (local.get $mcBlock) (i32.const 1))) (local.get $mcBlock)))
  (local.set $columnBlocks (i32.div_u
    (i32.add (local.get $n) (i32.sub (local.get $ncBlock) (i32.const 1))) (local.get $ncBlock)))
  (local.set $itemsPerBatch (i32.mul (local.get $rowBlocks) (local.get $columnBlocks)))
  (local.set $items (i32.mul (local.get $itemsPerBatch) (local.get $batch)))
  (local.set $packedKey (i32.const -1))
  (block $finished
    (loop $itemsLoop
      (local.set $item (i32.atomic.rmw.add (local.get $counter) (i32.const 1)))
      (br_if $finished (i32.ge_u (local.get $item) (local.get $items)))
      (local.set $index (i32.div_u (local.get $item) (local.get $itemsPerBatch)))
      (local.set $rest (i32.rem_u (local.get $item) (local.get $itemsPerBatch)))
      (local.set $jc (i32.mul (i32.div_u (local.get $rest) (local.get $rowBlocks)) (local.get $ncBlock)))
      (local.set $ic (i32.mul (i32.rem_u (local.get $rest) (local.get $rowBlocks)) (local.get $mcBlock)))
      (local.set $nc (call $min (local.get $ncBlock) (i32.sub (local.get $n) (local.get $jc))))
      (local.set $mc (call $min (local.get $mcBlock) (i32.sub (local.get $m) (local.get $ic))))
      (local.set $aBatch (i32.add (local.get $a) (i32.shl (i32.mul (local.get $index) (local.get $strideA)) (i32.const 2))))
      (local.set $bBatch (i32.add (local.get $b) (i32.shl (i32.mul (local.get $index) (local.get $strideB)) (i32.const 2))))
      (local.set $cBatch (i32.add (local.get $c) (i32.shl (i32.mul (local.get $index) (local.get $strideC)) (i32.const 2))))
      (local.set $cBlock (i32.add (local.get $cBatch) (i32.shl
        (i32.add (i32.mul (local.get $ic) (local.get $ldc)) (local.get $jc)) (i32.const 2))))
      (if (i32.eqz (local.get $k))
        (then
          (call $scaleC (local.get $cBlock) (local.get $mc) (local.get $nc) (local.get $ldc) (local.get $beta))
          (br $itemsLoop)))
      ;; Pack the B slab (all of k, columns jc..jc+nc) unless this thread already holds it: items
      ;; of one column block follow each other, and a broadcast B is the same for every batch.
      (local.set $key (i32.add
        (i32.mul (select (i32.const 0) (local.get $index) (i32.eqz (local.get $strideB))) (local.get $columnBlocks))
        (i32.div_u (local.get $rest) (local.get $rowBlocks))))
      (if (i32.ne (local.get $key) (local.get $packedKey))
        (then
          (local.set $pc (i32.const 0))
          (loop $slabBlocks
            (local.set $kc (call $min (local.get $kcBlock) (i32.sub (local.get $k) (local.get $pc))))
            (call $packB
              (i32.add (local.get $bBatch) (i32.shl
                (i32.add (i32.mul (local.get $pc) (local.get $rsB)) (i32.mul (local.get $jc) (local.get $csB)))
                (i32.const 2)))
              (local.get $rsB) (local.get $csB) (local.get $kc) (local.get $nc)
              (call $slabAddress (local.get $packedB) (local.get $pc) (local.get $ncBlock)))
            (local.set $pc (i32.add (local.get $pc) (local.get $kc)))
            (br_if $slabBlocks (i32.lt_u (local.get $pc) (local.get $k))))
          (local.set $packedKey (local.get $key))))
      ;; All depth blocks of this item's rows, accumulating into C after the first.
      (local.set $pc (i32.const 0))
      (loop $depthBlocks
        (local.set $kc (call $min (local.get $kcBlock) (i32.sub (local.get $k) (local.get $pc))))
        (local.set $betaBlock (select (local.get $beta) (f32.const 1) (i32.eqz (local.get $pc))))
        (call $packA
          (i32.add (local.get $aBatch) (i32.shl
            (i32.add (i32.mul (local.get $ic) (local.get $rsA)) (i32.mul (local.get $pc) (local.get $csA)))
            (i32.const 2)))
          (local.get $rsA) (local.get $csA) (local.get $mc) (local.get $kc) (local.get $packedA))
        (local.set $slab (call $slabAddress (local.get $packedB) (local.get $pc) (local.get $ncBlock)))
        (local.set $jr (i32.const 0))
        (loop $columnPanels
          (local.set $ir (i32.const 0))
          (loop $rowPanels
            (call $kernel
              (i32.add (local.get $packedA) (i32.shl (i32.mul (local.get $ir) (local.get $kc)) (i32.const 2)))
              (i32.add (local.get $slab) (i32.shl (i32.mul (local.get $jr) (local.get $kc)) (i32.const 2)))
              (local.get $kc)
              (i32.add (local.get $cBlock) (i32.shl
                (i32.add (i32.mul (local.get $ir) (local.get $ldc)) (local.get $jr))
                (i32.const 2)))
              (local.get $ldcBytes)
              (call $min (i32.const 4) (i32.sub (local.get $mc) (local.get $ir)))
              (call $min (i32.const 8) (i32.sub (local.get $nc) (local.get $jr)))
              (local.get $alpha) (local.get $betaBlock) (local.get $tile))
            (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
            (br_if $rowPanels (i32.lt_u (local.get $ir) (local.get $mc))))
          (local.set $jr (i32.add (local.get $jr) (i32.const 8)))
          (br_if $columnPanels (i32.lt_u (local.get $jr) (local.get $nc))))
        (local.set $pc (i32.add (local.get $pc) (local.get $kc)))
        (br_if $depthBlocks (i32.lt_u (local.get $pc) (local.get $k))))
      (br $itemsLoop))))

;; Byte address of the packed depth block starting at row pc of a B slab: blocks are stored one
;; after the other, each kc x (ncBlock rounded up to 8) floats, so block pc starts pc rows of
;; padded width in.
(func $slabAddress (param $packedB i32) (param $pc i32) (param $ncBlock i32) (result i32)
  (i32.add (local.get $packedB)
    (i32.shl
      (i32.mul (local.get $pc) (i32.and (i32.add (local.get $ncBlock) (i32.const 7)) (i32.const -8)))
      (i32.const 2))))
