;; GEMM micro-kernel, plain WebAssembly SIMD (f32x4.mul + f32x4.add).
;;
;; Computes one 4x8 tile of C from packed panels:
;;   acc[i][j] = sum over p < kc of pa[p*4 + i] * pb[p*8 + j]
;;   C[i][j]   = alpha * acc[i][j] + beta * C[i][j]   (C is not read when beta == 0)
;; for i < mr, j < nr (mr <= 4, nr <= 8). A full 4x8 tile is stored straight from the
;; registers; a partial tile goes through `tile` (32 floats of scratch) and scalar stores.
;;
;; pa: packed A micro-panel (kc groups of 4 floats), pb: packed B micro-panel (kc groups of
;; 8 floats), c: byte address of C[0][0], ldc: bytes between rows of C. kc >= 1.
;;
;; The 8 accumulators, 2 B vectors, 1 broadcast of A and 1 product fit the 15 SIMD registers
;; V8 allocates on x64, so the loop runs without spills.
(func $kernel
  (param $pa i32) (param $pb i32) (param $kc i32) (param $c i32) (param $ldc i32)
  (param $mr i32) (param $nr i32) (param $alpha f32) (param $beta f32) (param $tile i32)
  (call $storeTile
    (local.get $c) (local.get $ldc) (local.get $mr) (local.get $nr)
    (local.get $alpha) (local.get $beta) (local.get $tile)
    (call $accumulate (local.get $pa) (local.get $pb) (local.get $kc))))

;; The k loop of the micro-kernel, returning the 8 accumulators (row-major: c00 c01 c10 ...).
;; It is a function of its own, with the accumulators declared first, because that is the shape
;; V8's TurboFan compiles without spilling: with the store code and its parameters in the same
;; function, or the accumulators declared after the temporaries, it schedules the products
;; apart from their sums and spills accumulators to the stack (measured: 17-19 instead of
;; 37 GFLOP/s for the plain kernel).
(func $accumulate (param $pa i32) (param $pb i32) (param $kc i32)
  (result v128 v128 v128 v128 v128 v128 v128 v128)
  (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
  (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
  (local $b0 v128) (local $b1 v128) (local $a v128) (local $end i32)
  (local.set $end (i32.add (local.get $pa) (i32.shl (local.get $kc) (i32.const 4))))
  (loop $steps
    (local.set $b0 (v128.load (local.get $pb)))
    (local.set $b1 (v128.load offset=16 (local.get $pb)))

    (local.set $a (v128.load32_splat (local.get $pa)))
    (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $a) (local.get $b0))))
    (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $a) (local.get $b1))))

    (local.set $a (v128.load32_splat offset=4 (local.get $pa)))
    (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $a) (local.get $b0))))
    (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $a) (local.get $b1))))

    (local.set $a (v128.load32_splat offset=8 (local.get $pa)))
    (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $a) (local.get $b0))))
    (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $a) (local.get $b1))))

    (local.set $a (v128.load32_splat offset=12 (local.get $pa)))
    (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $a) (local.get $b0))))
    (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $a) (local.get $b1))))

    (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
    (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
    (br_if $steps (i32.lt_u (local.get $pa) (local.get $end))))

  (local.get $c00) (local.get $c01) (local.get $c10) (local.get $c11)
  (local.get $c20) (local.get $c21) (local.get $c30) (local.get $c31))
