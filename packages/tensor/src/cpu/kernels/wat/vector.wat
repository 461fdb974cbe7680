;; Elementwise and per-channel kernels with WebAssembly SIMD (f32x4), run on the calling thread
;; over the CPU backend's shared heap: relu and its gradient, contiguous add, the passes of batch
;; norm and the SGD step. Pointers are byte addresses, counts are elements. Sums accumulate in
;; float64 (two f64x2 accumulators per sum) so that they are as accurate as the TypeScript loops.
;;
;; A "channel" of an NCHW-like tensor viewed as [images, channels, spatial] is `images` segments of
;; `spatial` contiguous floats, `planeStride` floats apart; the channel functions take the address
;; of its first segment.
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; Lanes 2 and 3 of a f32x4 moved to lanes 0 and 1 (for f64x2.promote_low_f32x4).
  (func $high (param $v v128) (result v128)
    (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))

  (func $sumLanes (param $a v128) (param $b v128) (result f64)
    (local $s v128)
    (local.set $s (f64x2.add (local.get $a) (local.get $b)))
    (f64.add (f64x2.extract_lane 0 (local.get $s)) (f64x2.extract_lane 1 (local.get $s))))

  ;; Σ x over one segment.
  (func $sumSegment (param $p i32) (param $n i32) (result f64)
    (local $end i32) (local $vectorEnd i32) (local $v v128) (local $a v128) (local $b v128) (local $total f64)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vectorEnd (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done
      (loop $vectors
        (br_if $done (i32.ge_u (local.get $p) (local.get $vectorEnd)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $a (f64x2.add (local.get $a) (f64x2.promote_low_f32x4 (local.get $v))))
        (local.set $b (f64x2.add (local.get $b) (f64x2.promote_low_f32x4 (call $high (local.get $v)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $vectors)))
    (local.set $total (call $sumLanes (local.get $a) (local.get $b)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $total (f64.add (local.get $total) (f64.promote_f32 (f32.load (local.get $p)))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $tail)))
    (local.get $total))

  ;; Σ (x - mean)² over one segment, in float64.
  (func $squaredDeviationSegment (param $p i32) (param $n i32) (param $mean f64) (result f64)
    (local $end i32) (local $vectorEnd i32) (local $v v128) (local $d v128) (local $m v128)
    (local $a v128) (local $b v128) (local $total f64) (local $s f64)
    (local.set $m (f64x2.splat (local.get $mean)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vectorEnd (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done
      (loop $vectors
        (br_if $done (i32.ge_u (local.get $p) (local.get $vectorEnd)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $d (f64x2.sub (f64x2.promote_low_f32x4 (local.get $v)) (local.get $m)))
        (local.set $a (f64x2.add (local.get $a) (f64x2.mul (local.get $d) (local.get $d))))
        (local.set $d (f64x2.sub (f64x2.promote_low_f32x4 (call $high (local.get $v))) (local.get $m)))
        (local.set $b (f64x2.add (local.get $b) (f64x2.mul (local.get $d) (local.get $d))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $vectors)))
    (local.set $total (call $sumLanes (local.get $a) (local.get $b)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $s (f64.sub (f64.promote_f32 (f32.load (local.get $p))) (local.get $mean)))
        (local.set $total (f64.add (local.get $total) (f64.mul (local.get $s) (local.get $s))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $tail)))
    (local.get $total))

  ;; y = x · scale + shift over one segment.
  (func $affineSegment (param $x i32) (param $y i32) (param $n i32) (param $scale f32) (param $shift f32)
    (local $end i32) (local $vectorEnd i32) (local $k v128) (local $c v128)
    (local.set $k (f32x4.splat (local.get $scale)))
    (local.set $c (f32x4.splat (local.get $shift)))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vectorEnd (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done
      (loop $vectors
        (br_if $done (i32.ge_u (local.get $x) (local.get $vectorEnd)))
        (v128.store (local.get $y) (f32x4.add (f32x4.mul (v128.load (local.get $x)) (local.get $k)) (local.get $c)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (br $vectors)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $x) (local.get $end)))
        (f32.store (local.get $y) (f32.add (f32.mul (f32.load (local.get $x)) (local.get $scale)) (local.get $shift)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (br $tail))))

  ;; Running sums of the batch-norm gradient: Σ g and Σ g · (x - mean), across segments.
  (global $gradientSum (mut f64) (f64.const 0))
  (global $gradientDot (mut f64) (f64.const 0))

  (func $gradientSumsSegment (param $g i32) (param $x i32) (param $n i32) (param $mean f64)
    (local $end i32) (local $vectorEnd i32) (local $gv v128) (local $xv v128) (local $m v128)
    (local $low v128) (local $high v128)
    (local $sumA v128) (local $sumB v128) (local $dotA v128) (local $dotB v128) (local $s f64)
    (local.set $m (f64x2.splat (local.get $mean)))
    (local.set $end (i32.add (local.get $g) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vectorEnd (i32.add (local.get $g) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done
      (loop $vectors
        (br_if $done (i32.ge_u (local.get $g) (local.get $vectorEnd)))
        (local.set $gv (v128.load (local.get $g)))
        (local.set $xv (v128.load (local.get $x)))
        (local.set $low (f64x2.promote_low_f32x4 (local.get $gv)))
        (local.set $high (f64x2.promote_low_f32x4 (call $high (local.get $gv))))
        (local.set $sumA (f64x2.add (local.get $sumA) (local.get $low)))
        (local.set $sumB (f64x2.add (local.get $sumB) (local.get $high)))
        (local.set $dotA (f64x2.add (local.get $dotA)
          (f64x2.mul (local.get $low) (f64x2.sub (f64x2.promote_low_f32x4 (local.get $xv)) (local.get $m)))))
        (local.set $dotB (f64x2.add (local.get $dotB)
          (f64x2.mul (local.get $high) (f64x2.sub (f64x2.promote_low_f32x4 (call $high (local.get $xv))) (local.get $m)))))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br $vectors)))
    (global.set $gradientSum (f64.add (global.get $gradientSum) (call $sumLanes (local.get $sumA) (local.get $sumB))))
    (global.set $gradientDot (f64.add (global.get $gradientDot) (call $sumLanes (local.get $dotA) (local.get $dotB))))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $g) (local.get $end)))
        (local.set $s (f64.promote_f32 (f32.load (local.get $g))))
        (global.set $gradientSum (f64.add (global.get $gradientSum) (local.get $s)))
        (global.set $gradientDot (f64.add (global.get $gradientDot)
          (f64.mul (local.get $s) (f64.sub (f64.promote_f32 (f32.load (local.get $x))) (local.get $mean)))))
        (local.set $g (i32.add (local.get $g) (i32.const 4)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (br $tail))))

  ;; dx = k · g + offset - (x - mean) · slope over one segment.
  (func $gradientApplySegment (param $g i32) (param $x i32) (param $dx i32) (param $n i32)
    (param $k f32) (param $offset f32) (param $mean f32) (param $slope f32)
    (local $end i32) (local $vectorEnd i32) (local $kv v128) (local $ov v128) (local $mv v128) (local $sv v128)
    (local.set $kv (f32x4.splat (local.get $k)))
    (local.set $ov (f32x4.splat (local.get $offset)))
    (local.set $mv (f32x4.splat (local.get $mean)))
    (local.set $sv (f32x4.splat (local.get $slope)))
    (local.set $end (i32.add (local.get $g) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vectorEnd (i32.add (local.get $g) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done
      (loop $vectors
        (br_if $done (i32.ge_u (local.get $g) (local.get $vectorEnd)))
        (v128.store (local.get $dx)
          (f32x4.sub
            (f32x4.add (f32x4.mul (v128.load (local.get $g)) (local.get $kv)) (local.get $ov))
            (f32x4.mul (f32x4.sub (v128.load (local.get $x)) (local.get $mv)) (local.get $sv))))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $dx (i32.add (local.get $dx) (i32.const 16)))
        (br $vectors)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $g) (local.get $end)))
        (f32.store (local.get $dx)
          (f32.sub
            (f32.add (f32.mul (f32.load (local.get $g)) (local.get $k)) (local.get $offset))
            (f32.mul (f32.sub (f32.load (local.get $x)) (local.get $mean)) (local.get $slope))))
        (local.set $g (i32.add (local.get $g) (i32.const 4)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $dx (i32.add (local.get $dx) (i32.const 4)))
        (br $tail))))

  ;; Σ x over a channel.
  (func (export "channelSum") (param $x i32) (param $images i32) (param $spatial i32) (param $planeStride i32) (result f64)
    (local $image i32) (local $total f64)
    (block $done
      (loop $images
        (br_if $done (i32.ge_u (local.get $image) (local.get $images)))
        (local.set $total (f64.add (local.get $total) (call $sumSegment (local.get $x) (local.get $spatial))))
        (local.set $x (i32.add (local.get $x) (i32.shl (local.get $planeStride) (i32.const 2))))
        (local.set $image (i32.add (local.get $image) (i32.const 1)))
        (br $images)))
    (local.get $total))

  ;; Σ (x - mean)² over a channel.
  (func (export "channelSquaredDeviation") (param $x i32) (param $images i32) (param $spatial i32) (param $planeStride i32)
    (param $mean f64) (result f64)
    (local $image i32) (local $total f64)
    (block $done
      (loop $images
        (br_if $done (i32.ge_u (local.get $image) (local.get $images)))
        (local.set $total (f64.add (local.get $total)
          (call $squaredDeviationSegment (local.get $x) (local.get $spatial) (local.get $mean))))
        (local.set $x (i32.add (local.get $x) (i32.shl (local.get $planeStride) (i32.const 2))))
        (local.set $image (i32.add (local.get $image) (i32.const 1)))
        (br $images)))
    (local.get $total))

  ;; y = x · scale + shift over a channel (y has x's layout).
  (func (export "channelAffine") (param $x i32) (param $y i32) (param $images i32) (param $spatial i32) (param $planeStride i32)
    (param $scale f32) (param $shift f32)
    (local $image i32) (local $step i32)
    (local.set $step (i32.shl (local.get $planeStride) (i32.const 2)))
    (block $done
      (loop $images
        (br_if $done (i32.ge_u (local.get $image) (local.get $images)))
        (call $affineSegment (local.get $x) (local.get $y) (local.get $spatial) (local.get $scale) (local.get $shift))
        (local.set $x (i32.add (local.get $x) (local.get $step)))
        (local.set $y (i32.add (local.get $y) (local.get $step)))
        (local.set $image (i32.add (local.get $image) (i32.const 1)))
        (br $images))))

  ;; Σ g and Σ g · (x - mean) over a channel (g and x have one layout), as two results.
  (func (export "channelGradientSums") (param $g i32) (param $x i32) (param $images i32) (param $spatial i32) (param $planeStride i32)
    (param $mean f64) (result f64 f64)
    (local $image i32) (local $step i32)
    (local.set $step (i32.shl (local.get $planeStride) (i32.const 2)))
    (global.set $gradientSum (f64.const 0))
    (global.set $gradientDot (f64.const 0))
    (block $done
      (loop $images
        (br_if $done (i32.ge_u (local.get $image) (local.get $images)))
        (call $gradientSumsSegment (local.get $g) (local.get $x) (local.get $spatial) (local.get $mean))
        (local.set $g (i32.add (local.get $g) (local.get $step)))
        (local.set $x (i32.add (local.get $x) (local.get $step)))
        (local.set $image (i32.add (local.get $image) (i32.const 1)))
        (br $images)))
    (global.get $gradientSum)
    (global.get $gradientDot))

  ;; dx = k · g + offset - (x - mean) · slope over a channel.
  (func (export "channelGradientApply") (param $g i32) (param $x i32) (param $dx i32) (param $images i32) (param $spatial i32)
    (param $planeStride i32) (param $k f32) (param $offset f32) (param $mean f32) (param $slope f32)
    (local $image i32) (local $step i32)
    (local.set $step (i32.shl (local.get $planeStride) (i32.const 2)))
    (block $done
      (loop $images
        (br_if $done (i32.ge_u (local.get $image) (local.get $images)))
        (call $gradientApplySegment (local.get $g) (local.get $x) (local.get $dx) (local.get $spatial)
          (local.get $k) (local.get $offset) (local.get $mean) (local.get $slope))
        (local.set $g (i32.add (local.get $g) (local.get $step)))
        (local.set $x (i32.add (local.get $x) (local.get $step)))
        (local.set $dx (i32.add (local.get $dx) (local.get $step)))
        (local.set $image (i32.add (local.get $image) (i32.const 1)))
        (br $images))))

  ;; y = max(x, 0): f32x4.max gives +0 for -0 and NaN for NaN, as relu must.
  (func (export "relu") (param $x i32) (param $y i32) (param $n i32)
    (local $end i32) (local $vectorEnd i32) (local $zero v128)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vectorEnd (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done
      (loop $vectors
        (br_if $done (i32.ge_u (local.get $x) (local.get $vectorEnd)))
        (v128.store (local.get $y) (f32x4.max (v128.load (local.get $x)) (local.get $zero)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (br $vectors)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $x) (local.get $end)))
        (f32.store (local.get $y) (f32.max (f32.load (local.get $x)) (f32.const 0)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (br $tail))))

  ;; dx = output > 0 ? g : 0, by masking g's bits with the comparison (NaN compares false).
  (func (export "reluBackward") (param $g i32) (param $output i32) (param $dx i32) (param $n i32)
    (local $end i32) (local $vectorEnd i32) (local $zero v128)
    (local.set $end (i32.add (local.get $g) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vectorEnd (i32.add (local.get $g) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done
      (loop $vectors
        (br_if $done (i32.ge_u (local.get $g) (local.get $vectorEnd)))
        (v128.store (local.get $dx)
          (v128.and (v128.load (local.get $g)) (f32x4.gt (v128.load (local.get $output)) (local.get $zero))))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $output (i32.add (local.get $output) (i32.const 16)))
        (local.set $dx (i32.add (local.get $dx) (i32.const 16)))
        (br $vectors)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $g) (local.get $end)))
        (f32.store (local.get $dx)
          (select (f32.load (local.get $g)) (f32.const 0) (f32.gt (f32.load (local.get $output)) (f32.const 0))))
        (local.set $g (i32.add (local.get $g) (i32.const 4)))
        (local.set $output (i32.add (local.get $output) (i32.const 4)))
        (local.set $dx (i32.add (local.get $dx) (i32.const 4)))
        (br $tail))))

  ;; y = a + b for contiguous operands of n floats.
  (func (export "add") (param $a i32) (param $b i32) (param $y i32) (param $n i32)
    (local $end i32) (local $vectorEnd i32)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $vectorEnd (i32.add (local.get $a) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done
      (loop $vectors
        (br_if $done (i32.ge_u (local.get $a) (local.get $vectorEnd)))
        (v128.store (local.get $y) (f32x4.add (v128.load (local.get $a)) (v128.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (br $vectors)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $a) (local.get $end)))
        (f32.store (local.get $y) (f32.add (f32.load (local.get $a)) (f32.load (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (local.set $b (i32.add (local.get $b) (i32.const 4)))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (br $tail))))

  ;; One SGD step with momentum for n floats, in float32 as PyTorch:
  ;;   d = sign · g + weightDecay · p
  ;;   buffer = hasBuffer ? momentum · previous + keep · d : d
  ;;   p' = p - lr · (nesterov ? d + momentum · buffer : buffer)
  (func (export "sgdMomentum") (param $p i32) (param $g i32) (param $previous i32) (param $outP i32) (param $outBuffer i32)
    (param $n i32) (param $lr f32) (param $momentum f32) (param $keep f32) (param $weightDecay f32) (param $sign f32)
    (param $hasBuffer i32) (param $nesterov i32)
    (local $i i32) (local $end i32) (local $d v128) (local $buffer v128) (local $step v128)
    (local $lrv v128) (local $mv v128) (local $kv v128) (local $wv v128) (local $sv v128)
    (local.set $lrv (f32x4.splat (local.get $lr)))
    (local.set $mv (f32x4.splat (local.get $momentum)))
    (local.set $kv (f32x4.splat (local.get $keep)))
    (local.set $wv (f32x4.splat (local.get $weightDecay)))
    (local.set $sv (f32x4.splat (local.get $sign)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $done
      (loop $vectors
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $d (f32x4.add
          (f32x4.mul (v128.load (i32.add (local.get $g) (local.get $i))) (local.get $sv))
          (f32x4.mul (v128.load (i32.add (local.get $p) (local.get $i))) (local.get $wv))))
        (local.set $buffer (local.get $d))
        (if (local.get $hasBuffer)
          (then (local.set $buffer (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $previous) (local.get $i))) (local.get $mv))
            (f32x4.mul (local.get $d) (local.get $kv))))))
        (v128.store (i32.add (local.get $outBuffer) (local.get $i)) (local.get $buffer))
        (local.set $step (local.get $buffer))
        (if (local.get $nesterov)
          (then (local.set $step (f32x4.add (local.get $d) (f32x4.mul (local.get $buffer) (local.get $mv))))))
        (v128.store (i32.add (local.get $outP) (local.get $i))
          (f32x4.sub (v128.load (i32.add (local.get $p) (local.get $i))) (f32x4.mul (local.get $step) (local.get $lrv))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vectors)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $d (f32x4.add
          (f32x4.mul (v128.load32_zero (i32.add (local.get $g) (local.get $i))) (local.get $sv))
          (f32x4.mul (v128.load32_zero (i32.add (local.get $p) (local.get $i))) (local.get $wv))))
        (local.set $buffer (local.get $d))
        (if (local.get $hasBuffer)
          (then (local.set $buffer (f32x4.add
            (f32x4.mul (v128.load32_zero (i32.add (local.get $previous) (local.get $i))) (local.get $mv))
            (f32x4.mul (local.get $d) (local.get $kv))))))
        (f32.store (i32.add (local.get $outBuffer) (local.get $i)) (f32x4.extract_lane 0 (local.get $buffer)))
        (local.set $step (local.get $buffer))
        (if (local.get $nesterov)
          (then (local.set $step (f32x4.add (local.get $d) (f32x4.mul (local.get $buffer) (local.get $mv))))))
        (f32.store (i32.add (local.get $outP) (local.get $i))
          (f32x4.extract_lane 0 (f32x4.sub (v128.load32_zero (i32.add (local.get $p) (local.get $i)))
            (f32x4.mul (local.get $step) (local.get $lrv)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $tail))))
)
