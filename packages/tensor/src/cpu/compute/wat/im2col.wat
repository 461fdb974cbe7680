;; NCHW im2col / col2im for convolutions.
;;
;; For one image with `channels` planes of height x width, the column matrix has
;; channels*kernelH*kernelW rows and outH*outW columns (PyTorch's `unfold` layout):
;;   col[((c*kernelH + ki)*kernelW + kj)][oy*outW + ox] = input[c][iy][ix]
;;   iy = oy*strideH - padH + ki*dilationH,  ix = ox*strideW - padW + kj*dilationW
;; and positions outside the image read as 0. Pointers are byte addresses; inputStride and
;; colStride are the elements between consecutive images of the batch, so a caller can hand a
;; thread a range of images or a range of channels of every image.

;; Fills one row segment: col[ox] = input row value at ix = ox*strideW + ix0 (for ox < outW),
;; zero where ix is outside [0, width). row is the byte address of the input row, or -1 when the
;; whole row is padding.
(func $im2colRow
  (param $row i32) (param $col i32) (param $width i32) (param $outW i32)
  (param $ix0 i32) (param $strideW i32)
  (local $ox i32) (local $ix i32) (local $first i32) (local $last i32)
  (if (i32.eq (local.get $row) (i32.const -1))
    (then
      (memory.fill (local.get $col) (i32.const 0) (i32.shl (local.get $outW) (i32.const 2)))
      (return)))
  (if (i32.eq (local.get $strideW) (i32.const 1))
    (then
      ;; Contiguous: zeros, one copy of the in-image span, zeros.
      ;; first = number of ox with ix < 0, last = number of ox with ix < width (clamped).
      (local.set $first (select (i32.sub (i32.const 0) (local.get $ix0)) (i32.const 0)
        (i32.lt_s (local.get $ix0) (i32.const 0))))
      (if (i32.gt_s (local.get $first) (local.get $outW)) (then (local.set $first (local.get $outW))))
      (local.set $last (i32.sub (local.get $width) (local.get $ix0)))
      (if (i32.gt_s (local.get $last) (local.get $outW)) (then (local.set $last (local.get $outW))))
      (if (i32.lt_s (local.get $last) (local.get $first)) (then (local.set $last (local.get $first))))
      (memory.fill (local.get $col) (i32.const 0) (i32.shl (local.get $first) (i32.const 2)))
      (memory.copy
        (i32.add (local.get $col) (i32.shl (local.get $first) (i32.const 2)))
        (i32.add (local.get $row) (i32.shl (i32.add (local.get $ix0) (local.get $first)) (i32.const 2)))
        (i32.shl (i32.sub (local.get $last) (local.get $first)) (i32.const 2)))
      (memory.fill
        (i32.add (local.get $col) (i32.shl (local.get $last) (i32.const 2)))
        (i32.const 0)
        (i32.shl (i32.sub (local.get $outW) (local.get $last)) (i32.const 2)))
      (return)))
  (local.set $ix (local.get $ix0))
  (loop $columns
    (f32.store (local.get $col)
      (if (result f32) (i32.lt_u (local.get $ix) (local.get $width))
        (then (f32.load (i32.add (local.get $row) (i32.shl (local.get $ix) (i32.const 2)))))
        (else (f32.const 0))))
    (local.set $col (i32.add (local.get $col) (i32.const 4)))
    (local.set $ix (i32.add (local.get $ix) (local.get $strideW)))
    (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
    (br_if $columns (i32.lt_u (local.get $ox) (local.get $outW)))))

;; Adds one row segment of col into an input row: input[ix] += col[ox] for ix in [0, width).
(func $col2imRow
  (param $row i32) (param $col i32) (param $width i32) (param $outW i32)
  (param $ix0 i32) (param $strideW i32)
  (local $ox i32) (local $ix i32) (local $address i32)
  (local.set $ix (local.get $ix0))
  (loop $columns
    (if (i32.lt_u (local.get $ix) (local.get $width))
      (then
        (local.set $address (i32.add (local.get $row) (i32.shl (local.get $ix) (i32.const 2))))
        (f32.store (local.get $address)
          (f32.add (f32.load (local.get $address)) (f32.load (local.get $col))))))
    (local.set $col (i32.add (local.get $col) (i32.const 4)))
    (local.set $ix (i32.add (local.get $ix) (local.get $strideW)))
    (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
    (br_if $columns (i32.lt_u (local.get $ox) (local.get $outW)))))

;; Walks every (image, channel, ki, kj, oy) row segment; mode 0 = im2col, 1 = col2im.
(func $unfold
  (param $mode i32) (param $input i32) (param $col i32)
  (param $batch i32) (param $channels i32) (param $height i32) (param $width i32)
  (param $kernelH i32) (param $kernelW i32) (param $padH i32) (param $padW i32)
  (param $strideH i32) (param $strideW i32) (param $dilationH i32) (param $dilationW i32)
  (param $outH i32) (param $outW i32) (param $inputStride i32) (param $colStride i32)
  (local $image i32) (local $channel i32) (local $ki i32) (local $kj i32) (local $oy i32)
  (local $iy i32) (local $plane i32) (local $segment i32) (local $row i32) (local $ix0 i32)
  (if (i32.or (i32.or (i32.eqz (local.get $batch)) (i32.eqz (local.get $channels)))
      (i32.or (i32.eqz (local.get $outH)) (i32.eqz (local.get $outW))))
    (then (return)))
  (loop $images
    (local.set $segment (i32.add (local.get $col)
      (i32.shl (i32.mul (local.get $image) (local.get $colStride)) (i32.const 2))))
    (local.set $channel (i32.const 0))
    (loop $channelsLoop
      (local.set $plane (i32.add (local.get $input) (i32.shl
        (i32.add
          (i32.mul (local.get $image) (local.get $inputStride))
          (i32.mul (local.get $channel) (i32.mul (local.get $height) (local.get $width))))
        (i32.const 2))))
      (local.set $ki (i32.const 0))
      (loop $kernelRows
        (local.set $kj (i32.const 0))
        (loop $kernelColumns
          (local.set $ix0 (i32.sub (i32.mul (local.get $kj) (local.get $dilationW)) (local.get $padW)))
          (local.set $oy (i32.const 0))
          (loop $outputRows
            (local.set $iy (i32.add
              (i32.sub (i32.mul (local.get $oy) (local.get $strideH)) (local.get $padH))
              (i32.mul (local.get $ki) (local.get $dilationH))))
            (local.set $row
              (if (result i32) (i32.lt_u (local.get $iy) (local.get $height))
                (then (i32.add (local.get $plane)
                  (i32.shl (i32.mul (local.get $iy) (local.get $width)) (i32.const 2))))
                (else (i32.const -1))))
            (if (i32.eqz (local.get $mode))
              (then
                (call $im2colRow (local.get $row) (local.get $segment) (local.get $width)
                  (local.get $outW) (local.get $ix0) (local.get $strideW)))
              (else
                (if (i32.ne (local.get $row) (i32.const -1))
                  (then
                    (call $col2imRow (local.get $row) (local.get $segment) (local.get $width)
                      (local.get $outW) (local.get $ix0) (local.get $strideW))))))
            (local.set $segment (i32.add (local.get $segment) (i32.shl (local.get $outW) (i32.const 2))))
            (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
            (br_if $outputRows (i32.lt_u (local.get $oy) (local.get $outH))))
          (local.set $kj (i32.add (local.get $kj) (i32.const 1)))
          (br_if $kernelColumns (i32.lt_u (local.get $kj) (local.get $kernelW))))
        (local.set $ki (i32.add (local.get $ki) (i32.const 1)))
        (br_if $kernelRows (i32.lt_u (local.get $ki) (local.get $kernelH))))
      (local.set $channel (i32.add (local.get $channel) (i32.const 1)))
      (br_if $channelsLoop (i32.lt_u (local.get $channel) (local.get $channels))))
    (local.set $image (i32.add (local.get $image) (i32.const 1)))
    (br_if $images (i32.lt_u (local.get $image) (local.get $batch)))))

;; col = im2col(input) for `batch` images of `channels` planes each (see the top of the file).
(func (export "im2col")
  (param $input i32) (param $col i32)
  (param $batch i32) (param $channels i32) (param $height i32) (param $width i32)
  (param $kernelH i32) (param $kernelW i32) (param $padH i32) (param $padW i32)
  (param $strideH i32) (param $strideW i32) (param $dilationH i32) (param $dilationW i32)
  (param $outH i32) (param $outW i32) (param $inputStride i32) (param $colStride i32)
  (call $unfold (i32.const 0) (local.get $input) (local.get $col)
    (local.get $batch) (local.get $channels) (local.get $height) (local.get $width)
    (local.get $kernelH) (local.get $kernelW) (local.get $padH) (local.get $padW)
    (local.get $strideH) (local.get $strideW) (local.get $dilationH) (local.get $dilationW)
    (local.get $outH) (local.get $outW) (local.get $inputStride) (local.get $colStride)))

;; input += col2im(col): every column entry is added to the input element it was read from
;; (overlapping windows sum); entries that fell on padding are dropped. The input is not
;; cleared first.
(func (export "col2im")
  (param $input i32) (param $col i32)
  (param $batch i32) (param $channels i32) (param $height i32) (param $width i32)
  (param $kernelH i32) (param $kernelW i32) (param $padH i32) (param $padW i32)
  (param $strideH i32) (param $strideW i32) (param $dilationH i32) (param $dilationW i32)
  (param $outH i32) (param $outW i32) (param $inputStride i32) (param $colStride i32)
  (call $unfold (i32.const 1) (local.get $input) (local.get $col)
    (local.get $batch) (local.get $channels) (local.get $height) (local.get $width)
    (local.get $kernelH) (local.get $kernelW) (local.get $padH) (local.get $padW)
    (local.get $strideH) (local.get $strideW) (local.get $dilationH) (local.get $dilationW)
    (local.get $outH) (local.get $outW) (local.get $inputStride) (local.get $colStride)))
